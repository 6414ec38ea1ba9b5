"""Read the sample's published text (the ground truth) into expected tidy cells.

Independent of the extractor: the text gives tables as tab-separated rows; the
number of header rows of each table was read off the PDF by eye (HEADER_ROWS).
Header paths are built the way a reader reads merged cells: a parent header
cell spans rightwards over the blank cells beside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from yusuan.vocab import title_key
from yusuan.base.numbers import parse_number, plain
from yusuan.base.text import clean

# header rows per table (read off the PDF); the 1..n column-number row counts as header
HEADER_ROWS = {
    "summary": 2, "revenue": 2, "expenditure": 2, "appropriation_summary": 3, "general_budget_expenditure": 2,
    "general_budget_basic_economic": 2, "gov_fund_revenue": 2, "gov_fund_expenditure": 1, "state_capital": 2,
    "three_public": 2, "admin_operating": 2, "project_expenditure": 3, "project_expenditure_carryover": 3,
}
# columns that hold labels or codes, per table (0-based), read off the PDF
LABEL_COLS = {
    "summary": {0: "label", 2: "label"}, "appropriation_summary": {0: "label", 2: "label"},
    "revenue": {0: "code", 1: "label"}, "expenditure": {0: "code", 1: "label"},
    "general_budget_expenditure": {0: "code", 1: "label"}, "general_budget_basic_economic": {0: "label", 1: "label"},
    "gov_fund_revenue": {0: "code", 1: "label"}, "gov_fund_expenditure": {0: "code", 1: "label"},
    "state_capital": {0: "code", 1: "label", 3: "code", 4: "label"}, "three_public": {0: "label"},
    "admin_operating": {0: "label"}, "project_expenditure": {0: "label"}, "project_expenditure_carryover": {0: "label"},
}
SIDES = {"summary": (2,), "appropriation_summary": (2,), "state_capital": (3,)}  # first column of the 支出 side


@dataclass
class GTTable:
    key: str
    title: str
    rows: list[list[str]] = field(default_factory=list)


def read_tables(path: Path) -> list[GTTable]:
    text = path.read_text(encoding="utf-8")
    start = text.index("第二部分 2023年部门预算报表", text.index("第二部分 2023年部门预算报表") + 10)
    end = text.index("第三部分 2023年度部门预算情况说明", start)
    tables: list[GTTable] = []
    for line in text[start:end].splitlines():
        s = line.rstrip("\n")
        if "\t" not in s:
            t = clean(s)
            key = title_key(t) if t.endswith(("表", "）")) and len(t) < 60 else None
            if key:
                tables.append(GTTable(key, t))
            continue
        if tables:
            tables[-1].rows.append([clean(c) for c in s.split("\t")])
    return tables


def _paths(header: list[list[str]], width: int) -> list[str]:
    filled = []
    for r, row in enumerate(header):
        row = row + [""] * (width - len(row))
        if all(re.fullmatch(r"\d+", c) for c in row if c) and any(row):
            continue  # column numbers
        out, last = [], ""
        for j, c in enumerate(row):
            # a parent spans right over blanks, but only within rows that have a child row below
            if c:
                last = c
            out.append(c or (last if r < len(header) - 1 else ""))
        filled.append(out)
    paths = []
    for j in range(width):
        parts: list[str] = []
        for row in filled:
            if row[j] and (not parts or parts[-1] != row[j]):
                parts.append(row[j])
        paths.append(" / ".join(parts))
    return paths


def expected_cells(path: Path) -> list[dict]:
    """One dict per numeric body cell: table, row label (item), code, section, column, value."""
    out = []
    for t in read_tables(path):
        n_head = HEADER_ROWS[t.key]
        width = max(len(r) for r in t.rows)
        header, body = t.rows[:n_head], t.rows[n_head:]
        side_at = SIDES.get(t.key, ())
        if side_at:
            tops = header[0]
            header = header[1:]
        paths = _paths(header, width)
        roles = LABEL_COLS[t.key]
        for i, row in enumerate(body):
            row = row + [""] * (width - len(row))
            for j, cell in enumerate(row):
                if j in roles:
                    continue
                v = parse_number(cell)
                if v is None:
                    continue
                side = ""
                lo, hi = 0, width
                if side_at:
                    side = "支出" if j >= side_at[0] else "收入"
                    lo, hi = (side_at[0], width) if side == "支出" else (0, side_at[0])
                codes = [row[k] for k in range(lo, hi) if roles.get(k) == "code" and row[k].isdigit()]
                labels = [row[k] for k in range(lo, hi) if roles.get(k) == "label" and row[k]]
                # 合计 printed in a cell merged over the code and name columns is the row's label
                labels = labels or [row[k] for k in range(lo, hi) if roles.get(k) == "code" and row[k] and not row[k].isdigit()]
                out.append({"table": t.key, "item": " / ".join(labels), "code": "".join(codes),
                            "section": side, "column": paths[j], "value": plain(v)})
    return out


def expected_form_amounts(path: Path) -> list[dict]:
    """Money in the 绩效目标申报表 forms: (project, item, period, value) for the 项目资金（元） block."""
    text = path.read_text(encoding="utf-8")
    out = []
    project = ""
    in_block = False
    for line in text[text.index("十、绩效管理情况"):].splitlines():
        if "\t" not in line:
            continue
        cells = [clean(c) for c in line.split("\t")]
        nonblank = [c for c in cells if c]
        if nonblank and nonblank[0] == "项目名称":
            project = nonblank[1]
        if nonblank and nonblank[0].startswith("项目资金"):
            in_block = True
        elif nonblank and nonblank[0] in ("项目概况", "立项依据"):
            in_block = False
        if not in_block:
            continue
        label, seen = "", {}
        for c in nonblank:
            v = parse_number(c)
            if v is None:
                label = re.sub(r"^其中[：:]", "", c.rstrip("：:"))
                continue
            seen[label] = seen.get(label, 0) + 1
            period = "年度" if "年度" in label else "实施期" if "实施期" in label else ("实施期", "年度")[seen[label] - 1]
            out.append({"section": project, "item": label, "column": period, "value": plain(v)})
    return out
