"""The rows of a printed table as the fact-check reads them: code, label, unit section and figures by column.

:func:`table_rows` reads one side of a :class:`~yusuan.tables.printed.PrintedTable` into :class:`TableRow`
objects (read once per table and side); :func:`find_table`, :func:`value_column` and :func:`grand_total_row`
find a table, a column and the total row; :func:`project_row_roles` tells a project table's rows apart (department,
unit, 类/款/项 subtotal, project) and :func:`project_rows` groups its projects under their units;
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
from yusuan.tables.codes import coded_rows, split_leading_code
from yusuan.tables.printed import DEPT_TOTAL, UNIT_NAME, PrintedTable, unit_sections
from yusuan.vocab import class_codes, class_names, former_class_names, load, words

__all__ = ["TableRow", "table_rows", "find_table", "value_column", "grand_total_row", "project_rows", "project_row_roles",
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
    """(department row or None, {unit row: [project rows]}, loose project rows) of a project table: the rows
    by their role (:func:`project_row_roles`); 类/款/项 rows are none of these and left out."""
    rows, roles, sections = _roles(t)
    dept = None
    units: dict = {}
    loose = []
    for r, s in zip(rows, sections):
        role = roles.get(r.index)
        if role == "department":
            dept = r
        elif role == "unit":
            units[r.index] = (r, [])
        elif role == "project":
            unit = next((u for u in units.values() if norm(u[0].label) == norm(s)), None) if s else None
            if unit is None:
                loose.append(r)
            else:
                unit[1].append(r)
    return dept, list(units.values()), loose


def project_row_roles(t: PrintedTable) -> dict[int, str]:
    """Each row with figures of a project table (项目支出表), by its role: "department" (the department's total:
    合计, 总计 — the first such row outside any unit), "unit" (an implementing unit heading its projects:
    :func:`~yusuan.tables.printed.unit_sections`), "class" (a 类/款/项 row subtotalling the projects classified
    under it: :func:`_class_heads`) or "project".  Row index → role."""
    return _roles(t)[1]


def _roles(t: PrintedTable) -> tuple[list[TableRow], dict[int, str], list[str]]:
    """(rows, row index → role, the unit each row is listed under) of a project table."""
    rows = table_rows(t)
    classes = _class_heads(t, rows)
    if any(c.role == "section" for c in t.columns):
        sections = [r.section for r in rows]
    else:
        sections = _project_sections(t, rows, skip=classes)
    roles: dict[int, str] = {}
    dept = False
    for r, s in zip(rows, sections):
        if not r.values:
            continue
        if r.index in classes:
            roles[r.index] = "class"
        elif _DEPT.search(norm(r.label)) and not dept and not s:
            roles[r.index], dept = "department", True
        elif s and norm(r.label) == norm(s):
            roles[r.index] = "unit"
        else:
            roles[r.index] = "project"
    return rows, roles, sections


# a 类/款/项 code of 支出功能分类 (201, 20103, 2010301) and the 项 names that recur under most 款 (classes.yml)
_FUNCTION_CODES = set(class_codes("function_classes"))
_CLASS_NAMES = set(FUNCTION_CLASSES) | set(former_class_names()) | set(class_names("recurring_items"))
_OTHER_ITEM = re.compile(load("classes")["recurring_items"]["pattern"])
# a 款 name (人大事务, 政府办公厅（室）及相关机构事务, 行政事业单位养老支出): a class where it heads classes
_ITEM_NAME = re.compile(r"(事务|支出)$")
_PROJECT_HEADER = re.compile(r"项目")
_NOT_PROJECT_HEADER = re.compile(r"科目|类型|类别|单位|编码")


def _class_code(code: str) -> bool:
    return len(code) in (3, 5, 7) and code.isdigit() and code[:3] in _FUNCTION_CODES


def _class_heads(t: PrintedTable, rows: list[TableRow]) -> set[int]:
    """Indices of the 类/款/项 rows of a project table: rows that head the rows printed under them, their amount
    the sum of those rows' (within the printed rounding), and that the table marks as a class —

    * by a 支出功能分类 code of 3, 5 or 7 digits (201, 20103, 2010301) heading rows with no code or a longer one;
    * by a class name (the 类 of classes.yml, or a 项 name recurring under every 款: 行政运行, 事业运行, 其他…支出);
    * by its columns: where a table prints the project's name in a column of its own beside the 科目 name, a row
      leaving the project's column blank;
    * by the rows it heads: a row named like a 款 (…事务, …支出) that heads class rows.

    Read bottom-up, so that a 项 is settled before the 款 and the 类 above it: each row either heads the
    shortest run of the blocks after it whose amounts add up to its own, or starts a block of its own.  A name
    alone makes no class — "行政运行" printed among projects and heading nothing is a project — nor does an
    amount alone (two projects of 100.00 in a row: the first heads nothing without a mark of a class).
    Source: 财政部《政府收支分类科目》 (类 3, 款 5, 项 7 digits; projects are budgeted under a 项)."""
    vcol = value_column(t)
    if vcol is None:
        return set()
    labels = [j for j, c in enumerate(t.columns) if c.role == "label"]
    named = [j for j in labels if _PROJECT_HEADER.search(t.columns[j].name)
             and not _NOT_PROJECT_HEADER.search(t.columns[j].name)]
    # the project's own column beside another label column (科目名称 | 项目名称): one level of projects only
    project_col = named[0] if len(named) == 1 and len(labels) > len(named) else None
    heads: set[int] = set()
    blocks: list[tuple] = []  # (first row, amount, is a class, code), nearest first
    for r in reversed(rows):
        if not r.values or _DEPT.search(norm(r.label)):
            continue
        amount = r.values.get(vcol)
        code, name = split_leading_code(r.label.split(" / ")[0]) or (r.code, r.label.split(" / ")[0])
        code, name = r.code or code, norm(name)
        if project_col is not None and (r.texts.get(project_col) or "").strip():
            blocks.insert(0, (r, amount, False, code))  # the row names its project: a project, whatever else
            continue
        by_name = name in _CLASS_NAMES or bool(_OTHER_ITEM.match(name))
        by_column = project_col is not None and not _UNIT_NAME.search(name)
        by_code = _class_code(code) and not _UNIT_NAME.search(name)
        k = _heads(code, amount, blocks, strict_code=not (by_name or by_column)) if amount is not None else 0
        is_class = k > 0 and (by_name or by_column or by_code
                              or (_ITEM_NAME.search(name) and any(b[2] for b in blocks[:k])))
        if is_class:
            heads.add(r.index)
            blocks = [(r, amount, True, code)] + blocks[k:]
        else:
            blocks.insert(0, (r, amount, False, code))
    return heads


def _heads(code: str, amount, blocks, strict_code: bool) -> int:
    """How many of the ``blocks`` after a row of ``code`` and ``amount`` it heads: the fewest (at least one)
    whose amounts add up to its own, all printed under it — a block with a code belongs under a class code only
    when its code extends it (or, ``strict_code`` False, equals it: projects printed with their 项's code); 0
    when none add up.  ``blocks``: (first row, amount, is a class, code), nearest first."""
    parts = []
    for _row, a, _cls, sub in blocks:
        if _class_code(code) and sub and not (sub.startswith(code) and (len(sub) > len(code) or not strict_code)):
            return 0  # a row of the same or a higher level: the run under the row ended before the sum did
        parts.append(a if a is not None else Decimal(0))
        total = sum(parts, Decimal(0))
        tol = sum_tolerance(amount, parts)
        if abs(total - amount) <= tol:
            return len(parts)
        if amount >= 0 and all(p >= 0 for p in parts) and total > amount + tol:
            return 0
    return 0


def _unit_heads(t: PrintedTable) -> bool:
    """Whether rows of the table are grouped under implementing units (a unit-named row with figures)."""
    return any(_UNIT_NAME.search(r.label) and not _DEPT.search(r.label) and r.values for r in table_rows(t))


def _project_sections(t: PrintedTable, rows: list[TableRow], skip=frozenset()) -> list[str]:
    """The unit heading each project row (tables.unit_sections); the rows in ``skip`` (class subtotals) are no
    unit's and add nothing to a unit's sum."""
    vcol = value_column(t)
    return unit_sections([r.label for r in rows], [r.values.get(vcol) if vcol is not None and r.index not in skip
                                                   else None for r in rows])


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
