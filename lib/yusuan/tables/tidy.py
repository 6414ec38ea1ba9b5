"""From printed tables to one tidy row per printed number."""
from __future__ import annotations

import re
from decimal import Decimal

from yusuan.base.numbers import parse_number, plain
from yusuan.tables.codes import coded_rows
from yusuan.tables.printed import PrintedTable, unit_sections

# stage: 预算 / 调整预算 / 执行 / 决算 — what the column's header prints, else the table's title;
# year: the year the column's header prints, else the disclosure's
TIDY_COLUMNS = ["doc_id", "table", "page", "row", "section", "code", "item", "column", "value", "unit", "stage", "year"]
PROJECT_KEYS = {"project_expenditure", "project_expenditure_carryover"}


def _side_cols(table: PrintedTable, side: str, role: str) -> list[int]:
    return [j for j, c in enumerate(table.columns) if c.role == role and c.side == side]


def _label(row: list[str], idx: list[int]) -> str:
    return " / ".join(row[j] for j in idx if row[j])


def _first_value(row: list[str], idx: list[int]) -> Decimal | None:
    for j in idx:
        v = parse_number(row[j])
        if v is not None:
            return v
    return None


def project_sections(table: PrintedTable) -> list[str]:
    """The implementing unit heading each project row (a unit row's value is the sum of its projects)."""
    sections = [""] * len(table.body)
    if table.key.split("-")[0] not in PROJECT_KEYS and not table.key.startswith("project_expenditure"):
        return sections
    labels = _side_cols(table, "", "label")
    values = _side_cols(table, "", "value")
    if not labels or not values or _side_cols(table, "", "section"):
        return sections
    names = [_label(r, labels) for r in table.body]
    return unit_sections(names, [_first_value(r, values) for r in table.body])


_FORM_AMOUNT = re.compile(r"^(?P<label>.*?)[：:]?\s*(?P<num>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)$")
_FORM_FUNDS = re.compile(r"资金|金额|总额|经费|预算|拨款|自筹")


def form_rows(doc_id: str, table: PrintedTable) -> list[dict]:
    """Amounts in a performance form: each number with the label printed before it.

    Only money is taken: a number whose label (the text before it in its row) names funds (项目资金
    block: 实施期/年度 totals and their sources), or a number printed in a column headed by a funds word
    (预算金额（万元） / 总额 / 财政拨款 / 其他资金 above a 部门整体 form's task rows).  Indicator targets
    (≥90%, 1个), phone numbers and dates are text, not budget figures.
    """
    out = []
    project = ""
    for i, row in enumerate(table.body):
        cells = [c for c in row if c]
        if cells and fold_label(cells[0]) == "项目名称" and len(cells) > 1:
            project = cells[1]
        in_funds_block = False
        label = ""
        seen: dict[str, int] = {}
        positional: list[int] = []
        for j, text in enumerate(row):
            if not text:
                continue
            if "资金" in text and "项目资金" in text:
                in_funds_block = True
            m = _FORM_AMOUNT.match(text)
            if m and m.group("label"):
                label = m.group("label")
            if not m:
                label = text
                continue
            name = _strip_label(label)
            column = ""
            if not _FORM_FUNDS.search(name) and not in_funds_block:
                column = _funds_column(table, i, j)
                if not column or m.group("label"):
                    continue
                name = next((_strip_label(t) for t in row[:j] if t and parse_number(t) is None), name)
            if re.search(r"电话|日期|代码|编码", name):
                continue
            v = parse_number(m.group("num"))
            if v is None:
                continue
            if not column:
                # a form prints the whole implementation period on the left, the year on the right (a name
                # printed once in its row is of neither: "年度预算资金总额 | 15.00 / 其中：财政拨款 | 15.00")
                seen[name] = seen.get(name, 0) + 1
                column = "年度" if "年度" in name else "实施期" if "实施期" in name else ("实施期", "年度", "")[min(seen[name], 3) - 1]
                if column == "实施期" and "实施期" not in name:
                    positional.append(len(out))
            out.append({
                "doc_id": doc_id, "table": table.key, "page": table.body_pages[i], "row": i,
                "section": project, "code": "", "item": name, "column": column,
                "value": plain(v), "unit": table.unit or "元",
            })
        for k in positional:
            if seen[out[k]["item"]] == 1:
                out[k]["column"] = ""
    return out


# a column header of money in a form: 总额, 财政拨款, 其他资金, 预算金额（万元）, 资金总额 …
_FUNDS_HEADER = re.compile(r"(预算|当年|年度)?(金额|资金|总额|合计|小计|财政拨款|其他资金|自筹资金|预算数|资金总额)"
                           r"([（(](万元|元)[)）])?")


def _funds_column(table: PrintedTable, i: int, j: int, reach: int = 12) -> str:
    """The funds header (总额, 财政拨款, 预算金额（万元） …) printed above cell (i, j) of a form, or ""."""
    if not table.spans:
        return ""
    x1, x2 = table.spans[i][j]
    if x2 <= x1:
        return ""
    for k in range(i - 1, max(-1, i - reach), -1):
        for (a, b), text in zip(table.spans[k], table.body[k]):
            if text and parse_number(text) is None and min(b, x2) - max(a, x1) >= 0.5 * min(b - a, x2 - x1):
                return _strip_label(text) if _FUNDS_HEADER.fullmatch(fold_label(text)) else ""
    return ""


def fold_label(t: str) -> str:
    return t.replace(" ", "").rstrip("：:")


def _strip_label(t: str) -> str:
    t = t.strip().rstrip("：:").strip()
    return re.sub(r"^其中[：:]", "", t)


def tidy_rows(doc_id: str, table: PrintedTable, year: int | None = None) -> list[dict]:
    """One row per figure of ``table`` (TIDY_COLUMNS); ``year``: the disclosure's, for columns that print none."""
    if any(c.role == "form" for c in table.columns):
        return [dict(r, stage=table.stage, year=year) for r in form_rows(doc_id, table)]
    out = []
    sides = list(dict.fromkeys(c.side for c in table.columns)) or [""]
    group = project_sections(table)
    coded = {side: coded_rows(table, side) for side in sides}
    for i, row in enumerate(table.body):
        for side in sides:
            sect_cols = _side_cols(table, side, "section")
            code, item = coded[side][i]
            section = side or (_label(row, sect_cols) if sect_cols else group[i])
            for j, col in enumerate(table.columns):
                if col.side != side or col.role != "value":
                    continue
                v = parse_number(row[j])
                if v is None:
                    continue
                out.append({
                    "doc_id": doc_id, "table": table.key, "page": table.body_pages[i], "row": i,
                    "section": section, "code": code, "item": item, "column": col.name,
                    "value": plain(v), "unit": table.unit,
                    "stage": table.column_stage(j), "year": col.year or year,
                })
    return out
