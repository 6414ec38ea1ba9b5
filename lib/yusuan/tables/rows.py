"""The rows of a printed table as the fact-check reads them: code, label, unit section and figures by column.

:func:`table_rows` reads one side of a :class:`~yusuan.tables.printed.PrintedTable` into :class:`TableRow`
objects (read once per table and side); :func:`find_table`, :func:`value_column` and :func:`grand_total_row`
find a table, a column and the total row; :func:`project_rows` groups a project table's rows under its units;
:func:`two_sided_cells` gives the label/value groups of a two-sided table (收入 | 支出).  How totals and
memo columns are written comes from words.yml, class names from classes.yml.  The identities
(:mod:`yusuan.check.identities`), the lookups (:mod:`yusuan.check.lookup`) and the statutory coverage read
tables through these."""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from yusuan.base.numbers import parse_number, sum_tolerance
from yusuan.tables.codes import coded_rows
from yusuan.tables.printed import DEPT_TOTAL, UNIT_NAME, PrintedTable, unit_sections
from yusuan.vocab import class_names, words

__all__ = ["TableRow", "table_rows", "find_table", "value_column", "grand_total_row", "project_rows",
           "two_sided_cells", "norm", "FUNCTION_CLASSES", "ECONOMIC_CLASSES", "TOTAL_EL", "TOTAL_LABEL", "MEMO_EL",
           "ENUM_LABEL"]

TOTAL_EL = words()["totals"]["element"]  # words.yml: how totals are written
MEMO_EL = words()["totals"]["memo"]
TOTAL_LABEL = words()["totals"]["label"]
ENUM_LABEL = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
FUNCTION_CLASSES = class_names("function_classes")  # classes.yml: the 类 of 支出功能分类
ECONOMIC_CLASSES = class_names("economic_classes")  # and of 部门预算支出经济分类


@lru_cache(maxsize=1 << 16)
def norm(s: str) -> str:
    """Label for comparison: no enumerator, spaces, quotes or bracket style differences."""
    s = s or ""
    s = re.sub(r"^\s*([一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．]|[①②③④⑤⑥⑦⑧⑨⑩])", "", s)
    s = s.replace("（", "(").replace("）", ")").replace("“", "").replace("”", "").replace('"', "")
    s = re.sub(r"\s+", "", s)
    return s


# --------------------------------------------------------------------------- row model

@dataclass
class TableRow:
    index: int
    page: int | None
    side: str
    code: str
    label: str
    section: str
    values: dict = field(default_factory=dict)  # column index -> Decimal
    texts: dict = field(default_factory=dict)   # column index -> raw text (all columns of the side)


_UNIT_NAME, _DEPT = UNIT_NAME, DEPT_TOTAL


def _sides(t: PrintedTable) -> list[str]:
    return list(dict.fromkeys(c.side for c in t.columns)) or [""]


_ROWS_CACHE: OrderedDict = OrderedDict()


def table_rows(t: PrintedTable, side: str = "") -> list[TableRow]:
    """The rows of one side of a table (code, label, unit section, figures by column).  Read once per table
    and side: the checks and the lookups of every claim ask for the same rows (a small cache keyed by the table
    object, checked against its body so that a table changed in place is read again)."""
    key = (id(t), side)
    stamp = hash((tuple(tuple(r) for r in t.body), tuple((c.name, c.role, c.side) for c in t.columns)))
    hit = _ROWS_CACHE.get(key)
    if hit is not None and hit[0] is t and hit[1] == stamp:
        _ROWS_CACHE.move_to_end(key)
        return list(hit[2])
    rows = _table_rows(t, side)
    _ROWS_CACHE[key] = (t, stamp, rows)
    if len(_ROWS_CACHE) > 256:
        _ROWS_CACHE.popitem(last=False)
    return list(rows)


def _table_rows(t: PrintedTable, side: str = "") -> list[TableRow]:
    cols = [j for j, c in enumerate(t.columns) if c.side == side]
    sect_cols = [j for j in cols if t.columns[j].role == "section"]
    out = []
    section = ""
    for i, (r, (code, label)) in enumerate(zip(t.body, coded_rows(t, side))):
        if sect_cols:
            s = " / ".join(r[j] for j in sect_cols if r[j])
            if s:
                section = s
        values = {}
        for j in cols:
            if t.columns[j].role == "value":
                v = parse_number(r[j])
                if v is not None:
                    values[j] = v
        page = t.body_pages[i] if i < len(t.body_pages) else (t.pages[0] if t.pages else None)
        out.append(TableRow(i, page, side, code, label, section, values, {j: r[j] for j in cols}))
    return out


def find_table(tables, key: str) -> PrintedTable | None:
    """The first non-empty table with ``key``.  The basic-expenditure economic table may be printed as an
    all-spending economic table with a 基本支出 column (深圳): that table stands in for it."""
    for t in tables:
        if t.key == key and not t.empty:
            return t
    if key == "general_budget_basic_economic":
        for t in tables:
            if t.key == "general_budget_economic" and not t.empty and any(
                    c.role == "value" and c.path and c.path[-1] == "基本支出" for c in t.columns):
                return t
    return None


def value_column(t: PrintedTable, side: str = "", want: str | None = None) -> int | None:
    """Index of the first value column of a side, or of the first whose last header element matches ``want``;
    of the disclosure's own year where the table prints several (:meth:`PrintedTable.current`), else None.
    Memo columns (其中…, 增减…) are never the first."""
    found = []
    for j, c in enumerate(t.columns):
        if c.side != side or c.role != "value":
            continue
        if want is None:
            if MEMO_EL.search(c.name):
                continue
            found.append(j)
            continue
        last = c.path[-1] if c.path else ""
        if re.search(want, last) and not MEMO_EL.search(c.name):
            found.append(j)
    return next((j for j in found if t.current(j)), None)


def grand_total_row(rows: list[TableRow]) -> TableRow | None:
    for r in rows:
        if TOTAL_LABEL.match(norm(r.label)) or (not r.label and not r.code and r.values and r is rows[0]):
            return r
    return None


def project_rows(t: PrintedTable):
    """(department row or None, {unit row: [project rows]}, loose project rows) of a project table."""
    rows = table_rows(t)
    sections = [r.section for r in rows]
    if not any(t.columns[j].role == "section" for j in range(len(t.columns))):
        sections = _project_sections(t, rows)
    dept = None
    units: dict = {}
    loose = []
    for r, s in zip(rows, sections):
        if not r.values:
            continue
        if _DEPT.search(r.label) and dept is None and not s:
            dept = r
        elif s and norm(r.label) == norm(s):
            units[r.index] = (r, [])
        elif s:
            unit = next((u for u in units.values() if norm(u[0].label) == norm(s)), None)
            if unit is None:
                loose.append(r)
            else:
                unit[1].append(r)
        else:
            loose.append(r)
    return dept, list(units.values()), loose


def _unit_heads(t: PrintedTable) -> bool:
    """Whether rows of the table are grouped under implementing units (a unit-named row with figures)."""
    return any(_UNIT_NAME.search(r.label) and not _DEPT.search(r.label) and r.values for r in table_rows(t))


def _project_sections(t: PrintedTable, rows: list[TableRow]) -> list[str]:
    """The unit heading each project row (tables.unit_sections)."""
    vcol = value_column(t)
    return unit_sections([r.label for r in rows], [r.values.get(vcol) if vcol is not None else None for r in rows])


def _label_groups(t: PrintedTable, side: str) -> list[tuple[int, list[int]]]:
    """(label column, value columns printed after it) for each label/value group of a side."""
    groups: list = []
    for j, c in enumerate(t.columns):
        if c.side != side:
            continue
        if c.role == "label":
            groups.append((j, []))
        elif c.role == "value" and groups:
            groups[-1][1].append(j)
    return [g for g in groups if g[1]]


def inside_parts(rows: list[TableRow], total: int, parts: list[int]) -> dict[int, str]:
    """The columns among ``parts`` (column indices) that lie inside the others rather than beside them, as the
    rows' arithmetic shows: {column: why}.  A column is a part of the ``total`` column only where the rows add up
    with it.  Where the rows printing a figure in it add up without it and not with it (at least two such rows,
    none the other way, and more than the rows where neither adds up — a document's own error), it is a memo of
    the others — 事业单位经营支出 inside 基本支出 + 项目支出 — and not added beside them.  Needs three parts or
    more (two must remain).  Tried column by column, in order, until none more is found."""
    parts, out = list(parts), {}
    found = True
    while found and len(parts) >= 3:
        found = False
        for d in parts:
            others = [p for p in parts if p != d]
            without = with_it = neither = 0
            for r in rows:
                if not r.values.get(d) or total not in r.values:
                    continue
                t = r.values[total]
                full = [r.values[p] for p in parts if p in r.values]
                sub = [r.values[p] for p in others if p in r.values]
                adds_with = abs(t - sum(full, Decimal(0))) <= sum_tolerance(t, full)
                adds_without = abs(t - sum(sub, Decimal(0))) <= sum_tolerance(t, sub)
                if adds_with:
                    with_it += 1
                elif adds_without:
                    without += 1
                else:
                    neither += 1
            if without >= 2 and with_it == 0 and without > neither:
                out[d] = f"every row printing it adds up to its total without it ({without} rows)"
                parts, found = others, True
                break
    return out


def two_sided_cells(t: PrintedTable):
    """{side: [(label_col, value_cols, [(row index, page, label, {col: value})])]}; each group's value columns of
    the disclosure's own year first (:meth:`PrintedTable.current`), so that ``value_cols[0]`` is this year's."""
    out = {}
    for side in _sides(t):
        groups = []
        for lj, vcols in _label_groups(t, side):
            vcols = sorted(vcols, key=lambda j: not t.current(j))
            rows = []
            for i, r in enumerate(t.body):
                vals = {j: parse_number(r[j]) for j in vcols}
                rows.append((i, t.body_pages[i] if i < len(t.body_pages) else None, r[lj], {j: v for j, v in vals.items() if v is not None}))
            groups.append((lj, vcols, rows))
        out[side] = groups
    return out


_GRAND = words()["totals"]["grand"]
_YEAR_TOTAL = words()["totals"]["year_total"]
