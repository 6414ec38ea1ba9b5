"""Where a figure comes from: :class:`Cell` (table, row, column, page, value, unit and how it was computed),
units converted (元, 千元, 万元, 亿元), and the small readers of a subject the lookups share (its plain words, its
fund, a revenue source, a 三公 concept, a procurement kind, a column's year, a project's entries)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from yusuan.base.numbers import half_unit
from yusuan.check.findings import fmt
from yusuan.tables.rows import TOTAL_EL, TableRow, norm, project_rows
from yusuan.vocab import header_year, words

_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


@dataclass
class Cell:
    value: Decimal
    unit: str
    table: str
    row: int | None
    column: str
    page: int | None
    label: str
    what: str = ""              # how the value was computed, when it is not one printed cell
    err: Decimal | None = None  # rounding error of the value (default: half a unit of its last printed digit)
    # set when the value is not printed but rebuilt from a usual definition the document may not follow
    # (人员经费 = 工资福利支出 + 对个人和家庭的补助): a disagreement is then unverifiable, not a mismatch
    definition: str = ""

    def describe(self) -> str:
        if self.what:
            return self.what
        return f"表 {self.table} 第{self.row}行 {self.label}「{self.column}」 {fmt(self.value)}{self.unit}"

    @property
    def error(self) -> Decimal:
        if self.err is None and self.label.endswith("（空白）"):
            return Decimal(0)  # a blank cell prints nothing: no rounding to allow (0.40 against it is no rounding)
        return half_unit(self.value) if self.err is None else self.err


def convert(v: Decimal, unit: str, target: str) -> Decimal | None:
    if unit == target:
        return v
    if unit not in _UNITS or target not in _UNITS:
        return None
    return v * _UNITS[unit] / _UNITS[target]


def _subj(s: str) -> str:
    s = norm(s or "")
    s = re.sub(r"收(入)?、支(出)?", "收支", s)  # "财政拨款收、支总计": income and expenditure, one total
    s = re.sub(r"^((19|20)\d{2}年(度)?)", "", s)
    s = re.sub(r"(预算数|预算|决算数|决算)$", "", s)
    return s


def _fund_key(s: str) -> str:
    s = norm(s)
    for w in ("拨款", "收入", "资金", "预算", "财政"):
        s = s.replace(w, "")
    return s


_FUND_NAMES = ("一般公共预算", "政府性基金预算", "国有资本经营预算")


def _plain(s: str) -> str:
    """A subject without the words that say budget or final accounts (预算, 决算, 年初预算数…), which name the
    disclosure's kind rather than the item; the fund names that contain 预算 are kept.
    "支出预算总计" → "支出总计", "一般公共预算财政拨款支出预算" → "一般公共预算财政拨款支出"."""
    for i, f in enumerate(_FUND_NAMES):
        s = s.replace(f, f"\x00{i}\x00")
    s = re.sub(r"(年初|全年|当年)?(预算|决算)(数|安排)?", "", s)
    for i, f in enumerate(_FUND_NAMES):
        s = s.replace(f"\x00{i}\x00", f)
    return re.sub(r"(支出)+", "支出", s)


_SOURCE_ENUM = re.compile(r"^([一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])")


def _source_key(s: str) -> str:
    """The revenue source a label or subject names, without numbering and the words 本年/收入/资金/拨款/预算:
    "一、财政拨款收入" and "本年财政拨款收入" → "财政"; "1.一般公共预算资金" and "一般公共预算拨款" → "一般公共";
    "四、其他收入" and "其他收入资金" → "其他"."""
    s = _SOURCE_ENUM.sub("", norm(s))
    s = re.sub(r"(本年|当年)", "", s)
    s = re.sub(r"^(一般公共预算|政府性基金(预算)?|国有资本经营预算)财政拨款", r"\1拨款", s)
    changed = True
    while changed:
        changed = False
        for suf in ("收入", "资金", "拨款", "预算"):
            if s.endswith(suf) and len(s) > len(suf) + 1:
                s, changed = s[: -len(suf)], True
    return s


def _one_unit(rows: list[TableRow]) -> bool:
    """The rows are one budget unit's (no unit column, or the same unit on every row)."""
    return len({r.section for r in rows if r.section}) <= 1


# --------------------------------------------------------------------------- table lookups


def _three_public_concept(s: str) -> str | None:
    """Which 三公 figure a subject names: total, abroad, reception, car (购置及运行), car_buy, car_run."""
    if "三公" in s and not re.search(r"出国|接待|用车", s):
        return "total"
    for concept, c in words()["three_public"].items():
        if c["subject"].search(re.sub(r"支出$", "", s)):
            return concept
    return None


def _procurement_kind(s: str) -> str | None:
    """Which procurement figure a subject names ("政府采购货物预算", "拟购买服务", "政府采购预算总额"), if any."""
    if not re.search(r"^(政府采购|拟(购买|采购))|采购(预算)?总(金)?额|政府采购项目$", s):
        return None
    for word, kind in (("货物", "goods"), ("工程", "works"), ("服务", "services")):
        if word in s:
            return kind
    return "total" if re.search(r"总(金)?额|总计|合计|^政府采购(预算)?$|政府采购项目$", s) else None


def _column_year(col, doc_year: int | None) -> int | None:
    """The year a column's header names: "2026年…", or relative to the disclosure's year "上年…" / "本年…"
    (西安 prints 上年 | 本年 side by side) — as extraction read it (Column.year), else from the header."""
    return col.year if col.year is not None else header_year(col.path, doc_year)


def _named_column(t, name: str, suffix: str = "", group: bool = True) -> int | None:
    """The first amount column of ``t`` whose last header element (less ``suffix``, a regex) is ``name`` or,
    with ``group``, whose group head is ``name`` above a total ("基本支出 / 小计" for 基本支出)."""
    def strip(x: str) -> str:
        return re.sub(suffix, "", norm(x)) if suffix else norm(x)

    for j, c in enumerate(t.columns):
        if c.role != "value" or not c.path:
            continue
        last = strip(c.path[-1])
        if last == name or (group and len(c.path) >= 2 and TOTAL_EL.search(last) and strip(c.path[-2]) == name):
            return j
    return None


def _row_cell(t, r: TableRow, j: int, label: str) -> Cell:
    """Row ``r``'s figure in column ``j``; a cell left blank reads zero, its label marked （空白）."""
    return Cell(r.values.get(j, Decimal(0)), t.unit, t.key, r.index, t.columns[j].name, r.page,
                label + ("" if j in r.values else "（空白）"))


# words before 项目 that make it the department's projects as a whole, not one named project
_NOT_A_PROJECT = re.compile(r"^((19|20)\d{2}年(度)?)?(本|全|当年|年初|部门|单位|本部门|本单位|一般公共预算|财政拨款|政府性基金|国有资本"
                            r"|其中|一级|二级|预算|重点|重大|绩效|所有|全部|各|.*采购|.*购买服务)")


def _project_entries(tables) -> list[tuple[str, TableRow, str]]:
    """(unit label or "", project row, table key) for every project row of every project table."""
    out = []
    for t in tables:
        if not t.key.startswith("project_expenditure") or t.empty or t.two_sided:
            continue
        _dept, units, loose = project_rows(t)
        out += [(u.label, p, t.key) for u, ps in units for p in ps]
        out += [("", p, t.key) for p in loose]
    return out
