"""Identities the statutory tables must satisfy, checked on the extracted tables.

The identities are declared as rules in ``identities.yml`` (what each states, its source in the 财政部
templates or a province's, an example); :func:`run_checks` evaluates exactly those rules, each by the
generic function it names (:data:`IDENTITY_FUNCTIONS`).  Every check is a pure function of :class:`~yusuan.tables.PrintedTable` objects
and returns :class:`~yusuan.findings.Finding` records (see findings.py for the
status and tolerance rules):

* ``column_sum`` / ``basic_plus_project`` / ``personnel_plus_public`` — a total
  column (合计/小计/总计/总额) equals the sum of its sibling columns under the same
  header (合计 = 基本支出 + 项目支出; 合计 = 人员经费 + 公用经费; 本年收入合计 =
  Σ sources).  Memo columns (其中…, 扣除…, 政府采购…, 增减…, %) are not parts.
* ``sum_children`` — a 类 equals the sum of its 款, a 款 the sum of its 项 (by
  code prefix), the table total the sum of its 类; in tables without codes the
  total equals the sum of the rows that are known classification classes; in the
  project table a unit's row equals the sum of its projects and the department
  row the sum of its units; in two-sided tables 本年收入合计 / 本年支出合计 equal
  the sum of the enumerated (一、二、…) rows above them.
* ``revenue_equals_expenditure`` — 收入总计 = 支出总计 in two-sided tables.
* ``three_public_sum`` — 三公 total = 因公出国 + 公务接待 + 公务用车购置及运行费, and
  公务用车购置及运行费 = 购置费 + 运行(维护)费, whether the table prints them as
  rows or as columns.
* ``cross_table_total`` — the same total printed in two tables (like with like
  only: all-funds tables with all-funds tables, the general budget with the
  general-budget column of the appropriation summary).
* ``perf_funds_vs_project`` — a performance form's 年度资金总额 (元) against the
  project's row in the project expenditure table (万元).
"""
from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from functools import lru_cache
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .findings import SIGN, Finding, fmt, half_unit, judge, severity_of, sum_tolerance
from .numbers import parse_number
from .catalogue import ambiguous_class_names, class_names, identity_rules, words
from .codes import coded_rows
from .tables import DEPT_TOTAL, UNIT_NAME, PrintedTable, unit_sections

__all__ = ["run_checks", "row_subject", "TableRow", "table_rows", "find_table", "grand_total_row", "value_column",
           "FUNCTION_CLASSES", "ECONOMIC_CLASSES", "norm"]

TOTAL_EL = words()["totals"]["element"]  # words.yml: how totals are written
MEMO_EL = words()["totals"]["memo"]
PCT_COL = re.compile(r"%|％|率")
TOTAL_LABEL = words()["totals"]["label"]
# a named subtotal that closes a block of coded rows ("人员经费合计" under 301…/303…)
BLOCK_TOTAL = re.compile(r"^([\u4e00-\u9fff]{2,8})?(合计|小计)$")
ENUM_LABEL = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")

FUNCTION_CLASSES = class_names("function_classes")  # classes.yml: the 类 of 支出功能分类
ECONOMIC_CLASSES = class_names("economic_classes")  # and of 部门预算支出经济分类
AMBIGUOUS_CLASSES = ambiguous_class_names("function_classes")  # 其他支出: a 类, and a 款/项 name too


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
    """Index of the first value column of a side, or of the first whose last header element matches ``want``."""
    for j, c in enumerate(t.columns):
        if c.side != side or c.role != "value":
            continue
        if want is None:
            if MEMO_EL.search(c.name):
                continue
            return j
        last = c.path[-1] if c.path else ""
        if re.search(want, last) and not MEMO_EL.search(c.name):
            return j
    return None


def grand_total_row(rows: list[TableRow]) -> TableRow | None:
    for r in rows:
        if TOTAL_LABEL.match(norm(r.label)) or (not r.label and not r.code and r.values and r is rows[0]):
            return r
    return None


def row_subject(t: PrintedTable, row: TableRow | None, col: str = "") -> str:
    """What a table finding is about: the row's code and label; for a row printed without a name (a
    department or total row), the column checked; failing that, the table."""
    if row is not None and (row.code or row.label.strip()):
        return f"{row.code} {row.label.strip()}".strip()
    return col or t.title or t.key


def _finding(doc_id, check, t, row: TableRow | None, col: str, stated, computed, tol, what: str, exact=True,
             unit=None, table=None, page=None) -> Finding:
    status, diff = judge(stated, computed, tol, exact=exact)
    sev = severity_of(status, diff, stated if stated else computed)
    sign = SIGN[status]
    where = f"表 {table or t.key}"
    if row is not None:
        where += f" 第{row.index}行"
        if row.code or row.label:
            where += f" {(row.code + ' ' if row.code else '')}{row.label}".rstrip()
    if col:
        where += f"「{col}」"
    msg = f"{where}: {fmt(stated)} {sign} {what} = {fmt(computed)}"
    if status == "rounding":
        msg += f"（差 {fmt(diff)}，在四舍五入误差 ±{fmt(tol.normalize())} 之内）"
    elif status == "mismatch":
        msg += f"（差 {fmt(diff)}）"
    return Finding(doc_id=doc_id, check=check, status=status, severity=sev, table=table or t.key,
                   row=row.index if row is not None else None, column=col,
                   page=page if page is not None else (row.page if row is not None else (t.pages[0] if t.pages else None)),
                   stated=stated, computed=computed, difference=diff, tolerance=tol,
                   unit=unit if unit is not None else t.unit, subject=row_subject(t, row, col),
                   message=msg)


def _sum_finding(doc_id, check, t, row, col, total, parts: list[tuple[str, Decimal]], exact_copy: bool = False,
                 **kw) -> Finding:
    """total vs Σ parts, within the rounding of the printed figures (``exact_copy``: the one part is the same
    figure printed again at the same precision, so they must agree exactly)."""
    vals = [v for _n, v in parts]
    computed = sum(vals, Decimal(0))
    what = " + ".join(f"{n} {fmt(v)}" for n, v in parts) if len(parts) <= 6 else f"Σ {len(parts)} 项"
    tol = Decimal(0) if exact_copy and half_unit(total) == half_unit(computed) else sum_tolerance(total, vals)
    return _finding(doc_id, check, t, row, col, total, computed, tol, what, **kw)


# --------------------------------------------------------------------------- column sums

def _parts_of(cols: dict[tuple, int], prefix: tuple) -> list[tuple[tuple, int]] | None:
    """Columns that make up ``prefix`` (its own column, its 小计, or recursively the sum of its groups)."""
    if prefix in cols:
        return [(prefix, cols[prefix])]
    totals = [p for p in cols if len(p) == len(prefix) + 1 and p[:-1] == prefix and TOTAL_EL.search(p[-1])]
    if totals:
        return [(totals[0], cols[totals[0]])]
    groups = list(dict.fromkeys(p[len(prefix)] for p in cols if len(p) > len(prefix) and p[:len(prefix)] == prefix))
    out = []
    for i, g in enumerate(groups):
        # "其中：X" is a memo (a part of what stands before it) — unless parts follow it: then it opens the
        # breakdown ("小计 | 其中：基本支出 | 项目支出", 广州)
        if MEMO_EL.search(g) and not (g.startswith("其中") and any(not MEMO_EL.search(h) for h in groups[i + 1:])):
            continue
        sub = _parts_of(cols, prefix + (g,))
        if sub is None:
            return None
        out.extend(sub)
    return out or None


def _check_name(t: PrintedTable, names: list[str]) -> str:
    if t.key.startswith("three_public"):
        return "three_public_sum"
    leaf = {re.sub(r"^\d{4}年", "", n) for n in names}
    if leaf and leaf <= {"基本支出", "项目支出"} and len(leaf) == 2:
        return "basic_plus_project"
    if len(leaf) == 2 and any("人员" in x for x in leaf) and any("公用" in x for x in leaf):
        return "personnel_plus_public"
    return "column_sum"


def check_column_sums(doc_id: str, t: PrintedTable) -> list[Finding]:
    out = []
    if any(c.role == "form" for c in t.columns):
        return out
    for side in _sides(t):
        idx = [j for j, c in enumerate(t.columns) if c.side == side and c.role == "value"]
        paths = {j: tuple(t.columns[j].path) for j in idx}
        rows = table_rows(t, side)
        for j in idx:
            path = paths[j]
            ks = [k for k, el in enumerate(path) if TOTAL_EL.search(el)]
            if not ks or MEMO_EL.search(t.columns[j].name):
                continue
            k = ks[-1]
            prefix, suffix = path[:k], path[k + 1:]
            cand = {}
            for jj in idx:
                p = paths[jj]
                if jj == j or len(p) <= len(prefix) or p[:len(prefix)] != prefix:
                    continue
                if suffix and p[len(p) - len(suffix):] != suffix:
                    continue
                core = p[: len(p) - len(suffix)] if suffix else p
                if len(core) <= len(prefix) or TOTAL_EL.search(core[len(prefix)]) and len(core) == len(prefix) + 1:
                    continue
                cand.setdefault(core, jj)
            if not cand:
                continue
            parts = _parts_of(cand, prefix)
            if not parts:
                continue
            if t.key.startswith("three_public") and _tp_concept(path[k]) == "total":
                # "三公"经费合计 is 出国 + 接待 + 用车; 会议费 and 培训费 printed beside them are not 三公
                parts = [(p, jj) for p, jj in parts if _tp_concept(p[len(prefix)])]
                if not parts:
                    continue
            names = [p[len(prefix)] for p, _jj in parts]
            # a sibling column that is not numeric (e.g. a blank 项目支出 read as text) makes the row unverifiable
            others = [jj for jj, c in enumerate(t.columns)
                      if c.side == side and c.role not in ("value", "code", "label", "section")]
            check = _check_name(t, names)
            for r in rows:
                if not any(jj in r.values for _p, jj in parts):
                    continue  # no part printed: blank is not zero, nothing to add up
                if any("%" in (r.texts.get(jj) or "") for _p, jj in parts) or re.search(r"率|%", r.label):
                    continue
                if any(r.texts.get(jj) for jj in others):
                    continue
                total = r.values.get(j, Decimal(0))
                plist = [(" / ".join(p[len(prefix):]), r.values[jj]) for p, jj in parts if jj in r.values]
                out.append(_sum_finding(doc_id, check, t, r, t.columns[j].name, total, plist))
    return out


# --------------------------------------------------------------------------- row sums

def _code_ok(code: str) -> bool:
    return len(code) in (3, 5, 7) and code.isdigit()


def _blocks(rows: list[TableRow]) -> list[tuple[TableRow | None, list[TableRow]]]:
    """Split rows into blocks: (total row or None, coded rows), a new block at each uncoded total/unit row."""
    blocks: list = []
    cur_total, cur = None, []
    for r in rows:
        if not r.code and BLOCK_TOTAL.match(norm(r.label)) and not TOTAL_LABEL.match(norm(r.label)) \
                and cur_total is None and cur and all(c.code for c in cur):
            # a subtotal printed under its block (人员经费合计 after the 301…/303… rows) closes it
            blocks.append((r, cur))
            cur = []
        elif not r.code and (TOTAL_LABEL.match(norm(r.label)) or (r.section and r.label == "" and r.values)
                             or (r.values and not r.label and r is rows[0])):
            if cur or cur_total is not None:
                blocks.append((cur_total, cur))
            cur_total, cur = r, []
        elif r.code:
            cur.append(r)
        elif r.values:
            cur.append(r)  # an uncoded row with numbers inside a coded block: marks the block as irregular
    if cur or cur_total is not None:
        blocks.append((cur_total, cur))
    return blocks


def _value_cols(t: PrintedTable, side: str = "") -> list[int]:
    """Value columns that add up down the rows (not percentages or rates)."""
    return [j for j, c in enumerate(t.columns) if c.side == side and c.role == "value" and not PCT_COL.search(c.name)]


def check_code_hierarchy(doc_id: str, t: PrintedTable) -> list[Finding]:
    out = []
    if t.two_sided:
        return out
    rows = table_rows(t)
    if sum(1 for r in rows if r.code) < 2:
        return out
    cols = _value_cols(t)
    for total_row, block in _blocks(rows):
        coded = [r for r in block if r.code]
        irregular = any(not _code_ok(r.code) for r in block)
        # parent = Σ children by code prefix, children = the next code level present under the parent
        for n, r in enumerate(block):
            if not _code_ok(r.code):
                continue
            desc = []
            for s in block[n + 1:]:
                if s.code and s.code.startswith(r.code) and len(s.code) > len(r.code):
                    desc.append(s)
                else:
                    break
            if not desc:
                continue
            if any(not _code_ok(s.code) for s in desc):
                continue
            level = min(len(s.code) for s in desc)
            kids = [s for s in desc if len(s.code) == level]
            # a 款 whose only 项 is printed under the 款's own code ("21999 其他支出" twice, the same figures):
            # one item, not two
            kids = [s for i, s in enumerate(kids) if not (i and s.code == kids[i - 1].code and s.values == kids[i - 1].values
                                                          and block.index(s) == block.index(kids[i - 1]) + 1)]
            out += _column_sums(doc_id, "sum_children", t, r, kids, cols, name=lambda k: k.code)
        if total_row is not None and coded and not irregular:
            tops = [r for r in coded if len(r.code) == min(len(c.code) for c in coded)]
            if len(tops[0].code) != 3:
                continue
            out += _column_sums(doc_id, "sum_children", t, total_row, tops, cols, name=lambda k: k.code,
                                printed_only=True)
    return out


def check_class_rows(doc_id: str, t: PrintedTable) -> list[Finding]:
    """Tables without codes: total = Σ rows named as classification classes; an economic class = Σ rows under it."""
    out = []
    if t.two_sided:
        return out
    rows = table_rows(t)
    if any(r.code for r in rows):
        return out
    economic = t.key.startswith("general_budget_basic_economic")
    classes = ECONOMIC_CLASSES if economic else FUNCTION_CLASSES
    firsts = lambda r: norm(r.label.split(" / ")[0])  # noqa: E731
    total = grand_total_row(rows)
    cls_rows = [r for r in rows if firsts(r) in classes and (" / " not in r.label or economic)]
    if not cls_rows:
        return out
    # another block (a second unit) in the same table would make the sum meaningless
    if sum(1 for r in rows if TOTAL_LABEL.match(norm(r.label))) > 1 or any(r.section for r in rows):
        return out
    cols = _value_cols(t)
    if total is not None:
        readings = [cls_rows]
        strict = [r for r in cls_rows if firsts(r) not in AMBIGUOUS_CLASSES]
        if strict and len(strict) < len(cls_rows):
            readings.insert(0, strict)  # "其他支出" a 款/项 first, then the 类 229
        tried = [_column_sums(doc_id, "sum_children", t, total, rs, cols, name=firsts, printed_only=True)
                 for rs in readings]
        out += min(tried, key=lambda fs: sum(f.status == "mismatch" for f in fs))
    if economic:
        for n, r in enumerate(cls_rows):
            start = r.index + 1
            end = cls_rows[n + 1].index if n + 1 < len(cls_rows) else len(rows)
            kids = [k for k in rows[start:end] if k.values]
            if not kids:
                continue
            out += _column_sums(doc_id, "sum_children", t, r, kids, cols)
    return out


_FLAT_TOTAL = re.compile(r"^(合计|总计|收入总计|支出总计)$")


def check_listed_totals(doc_id: str, t: PrintedTable) -> list[Finding]:
    """Tables without codes or known classes (采购明细, 收入 by source, 购买服务明细): the total is
    the sum of the 小计 groups, of the enumerated (一、二、) rows, or — for a plain list — of every row.
    A row's place in the hierarchy is read from which label column it starts in."""
    out = []
    if t.two_sided:
        return out
    rows = table_rows(t)
    if any(r.code for r in rows):
        return out
    label_cols = [j for j, c in enumerate(t.columns) if c.role in ("label", "section")]
    if not label_cols:
        return out
    totals = [r for r in rows if _FLAT_TOTAL.match(norm(r.label))]
    if len(totals) != 1:
        return out
    total = totals[0]
    cols = [j for j in _value_cols(t) if j in total.values and not MEMO_EL.search(t.columns[j].name)]
    others = [r for r in rows if r is not total]
    if not cols or not others:
        return out
    first = label_cols[0]
    head = lambda r: bool(r.texts.get(first, ""))  # noqa: E731  (starts in the first label column)
    sub = [r for r in others if "小计" in r.label]
    enum = [r for r in others if any(ENUM_LABEL.match(r.texts.get(j, "") or "") for j in label_cols)]
    if sub:
        # each "X / 小计" = Σ the rows under it (first label column blank); total = Σ 小计
        for n, r in enumerate(others):
            if r not in sub:
                continue
            kids = []
            for k in others[n + 1:]:
                if head(k) or "小计" in k.label:
                    break
                kids.append(k)
            for j in cols:
                if kids and (j in r.values or any(j in k.values for k in kids)):
                    parts = [(k.label, k.values[j]) for k in kids if j in k.values]
                    out.append(_sum_finding(doc_id, "sum_children", t, r, t.columns[j].name,
                                            r.values.get(j, Decimal(0)), parts))
        parts_rows = [r for r in others if r in sub or (head(r) and r.values and "小计" not in r.label
                                                        and not any(k in sub for k in others))]
    elif enum:
        parts_rows = enum
    elif all(head(r) for r in others) and not any(re.search(r"其中|合计|小计", r.label) for r in others):
        parts_rows = others
        nonzero = [r for r in others if any(r.values.get(j) for j in cols)]
        if len(nonzero) > 1 and any(all(r.values.get(j) == total.values[j] for j in cols) for r in nonzero):
            return out  # a row repeating the total (a department above its units) is a level, not a list
    else:
        return out
    for j in cols:
        parts = [(r.label, r.values[j]) for r in parts_rows if j in r.values]
        out.append(_sum_finding(doc_id, "sum_children", t, total, t.columns[j].name, total.values[j], parts))
    return out


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


def _column_sums(doc_id: str, check: str, t: PrintedTable, parent: TableRow, kids: list[TableRow], cols,
                 name=lambda k: k.label, printed_only: bool = False) -> list[Finding]:
    """parent = Σ kids in every value column where either prints a figure (a blank parent cell is zero);
    ``printed_only``: only where the parent prints one."""
    out = []
    for j in cols:
        if j not in parent.values and (printed_only or not any(j in k.values for k in kids)):
            continue
        parts = [(name(k), k.values[j]) for k in kids if j in k.values]
        out.append(_sum_finding(doc_id, check, t, parent, t.columns[j].name, parent.values.get(j, Decimal(0)), parts))
    return out


def check_projects(doc_id: str, t: PrintedTable) -> list[Finding]:
    out = []
    if t.two_sided or any(c.role == "section" for c in t.columns):
        return out
    dept, units, loose = project_rows(t)
    cols = _value_cols(t)
    for unit, projects in units:
        if not projects:
            continue
        out += _column_sums(doc_id, "sum_children", t, unit, projects, cols)
    if dept is not None and (units or loose):
        members = [u for u, _p in units] + loose
        out += _column_sums(doc_id, "sum_children", t, dept, members, cols, printed_only=True)
    return out


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


def two_sided_cells(t: PrintedTable):
    """{side: [(label_col, value_cols, [(row index, page, label, {col: value})])]}"""
    out = {}
    for side in _sides(t):
        groups = []
        for lj, vcols in _label_groups(t, side):
            rows = []
            for i, r in enumerate(t.body):
                vals = {j: parse_number(r[j]) for j in vcols}
                rows.append((i, t.body_pages[i] if i < len(t.body_pages) else None, r[lj], {j: v for j, v in vals.items() if v is not None}))
            groups.append((lj, vcols, rows))
        out[side] = groups
    return out


_GRAND = words()["totals"]["grand"]
_YEAR_TOTAL = words()["totals"]["year_total"]
_PLAIN_TOTAL = re.compile(r"^合计$")


_GRAND_LAST = {"收入": re.compile(r"^收入合计$"), "支出": re.compile(r"^支出合计$")}


def _last_label(rows, rx):
    hits = [r for r in rows if rx.match(norm(r[2] or ""))]
    return hits[-1] if hits else None


def _grand_from_year_total(doc_id, t, side, grand, group) -> list[Finding]:
    """收入合计 (last row) = 当年收入小计 + the rows between (上年结转资金 …)."""
    out = []
    lj, vcols, rows = group
    year = _find_label(rows, _YEAR_TOTAL[side])
    if year is None or year[0] >= grand[0] or ENUM_LABEL.match(year[2] or ""):
        return out  # "一、本年收入" heads its sub-items: the rows between are not all parts
    between = [r for r in rows if year[0] < r[0] < grand[0]]
    side_year = [v for r in [year] for v in r[3].values()]
    for j in vcols:
        if MEMO_EL.search(t.columns[j].name) or j not in grand[3]:
            continue
        y = year[3].get(j, side_year[0] if len(set(side_year)) == 1 else None)
        if y is None:
            continue
        parts = [(norm(year[2]), y)] + [(norm(r[2]), r[3][j]) for r in between if j in r[3]]
        row = TableRow(grand[0], grand[1], side, "", grand[2], "")
        out.append(_sum_finding(doc_id, "sum_children", t, row, f"{side} / {t.columns[j].name}", grand[3][j], parts))
    return out


def _find_label(rows, rx):
    for i, page, label, vals in rows:
        if rx.match(norm(label)):
            return i, page, label, vals
    return None


def check_two_sided(doc_id: str, t: PrintedTable) -> list[Finding]:
    out = []
    if not t.two_sided:
        return out
    cells = two_sided_cells(t)
    if "收入" not in cells or "支出" not in cells or not cells["收入"] or not cells["支出"]:
        return out
    inc, exp = cells["收入"][0], cells["支出"][0]
    gi, ge = _find_label(inc[2], _GRAND["收入"]), _find_label(exp[2], _GRAND["支出"])
    if gi is None and ge is None:
        # some tools end with 收入合计 / 支出合计 below 当年收入小计 and 上年结转: the last such row is the grand total
        gi, ge = _last_label(inc[2], _GRAND_LAST["收入"]), _last_label(exp[2], _GRAND_LAST["支出"])
        if gi and ge and gi[0] == ge[0] and gi[0] == max(r[0] for r in inc[2] if r[2] or r[3]):
            for side, g, grp in (("收入", gi, inc), ("支出", ge, exp)):
                out += _grand_from_year_total(doc_id, t, side, g, grp)
        else:
            gi = ge = None
    if gi and ge and inc[1] and exp[1]:
        a, b = gi[3].get(inc[1][0]), ge[3].get(exp[1][0])
        if b is None:
            # 支出合计 printed once, under the last column group (支出用途)
            other = {v for _lj, _v, rows in cells["支出"] for v in rows[ge[0]][3].values()}
            b = other.pop() if len(other) == 1 else None
        if (a is None) != (b is None):
            # one grand total left blank (上海 prints 收入总计 with no figure): not printed is not zero
            blank, printed = ("收入总计", b) if a is None else ("支出总计", a)
            row = TableRow(gi[0], gi[1], "收入", "", gi[2], "")
            out.append(Finding(doc_id=doc_id, check="revenue_equals_expenditure", status="unverifiable",
                               severity="info", table=t.key, row=gi[0], column="", page=gi[1], stated=None,
                               computed=printed, unit=t.unit, subject=row_subject(t, row, ""),
                               reason=f"{blank} is left blank: the table prints only the other side ({fmt(printed)})",
                               message=f"表 {t.key} 第{gi[0]}行 {blank} 空白，无法与 {fmt(printed)} 相比"))
        elif a is not None:
            row = TableRow(gi[0], gi[1], "收入", "", gi[2], "")
            f = _finding(doc_id, "revenue_equals_expenditure", t, row, "", a, b, half_unit(a) + half_unit(b),
                         f"支出总计（第{ge[0]}行）")
            out.append(f)
    # 本年收入合计 / 本年支出合计 = Σ enumerated rows above them (or below a 合计 printed first)
    for side in ("收入", "支出"):
        groups = cells[side]
        tot_idx = None
        for rx in (_YEAR_TOTAL[side], _PLAIN_TOTAL):
            hits = [found[0] for _lj, _v, rows in groups if (found := _find_label(rows, rx))]
            if hits:
                tot_idx = min(hits)
                break
        if tot_idx is None:
            continue
        # the side's figures on the total row, whichever group prints them ("当年支出小计" is printed
        # once, under 支出用途, and totals the 功能分类 list as well)
        side_vals = [v for _lj, _v, rows in groups for v in rows[tot_idx][3].values()]
        for lj, vcols, rows in groups:
            tot = rows[tot_idx]
            if ENUM_LABEL.match(groups[0][2][tot_idx][2] or "") or ENUM_LABEL.match(tot[2] or ""):
                continue  # "一、本年收入" heads its own sub-items; it is not the sum of its enumerated siblings
            if tot[0] == 0:
                below = []
                for r in rows[1:]:
                    if TOTAL_LABEL.match(norm(r[2] or "")) or _YEAR_TOTAL[side].match(norm(r[2] or "")):
                        break
                    below.append(r)
                above = [r for r in below if ENUM_LABEL.match(r[2] or "")]
            else:
                above = [r for r in rows if r[0] < tot[0] and ENUM_LABEL.match(r[2] or "")]
            if not above:
                continue
            if not tot[2]:
                tot = (tot[0], tot[1], groups[0][2][tot_idx][2], tot[3])
            for j in vcols:
                if MEMO_EL.search(t.columns[j].name):
                    continue
                if j in tot[3]:
                    total = tot[3][j]
                elif len(set(side_vals)) == 1 and any(j in r[3] for r in above):
                    total = side_vals[0]
                else:
                    continue  # the total is printed in another column group
                tot = (tot[0], tot[1], tot[2], {**tot[3], j: total})
                parts = [(norm(r[2]), r[3][j]) for r in above if j in r[3]]
                row = TableRow(tot[0], tot[1], side, "", tot[2], "")
                out.append(_sum_finding(doc_id, "sum_children", t, row, f"{side} / {t.columns[j].name}",
                                        tot[3].get(j, Decimal(0)), parts))
    return out


# --------------------------------------------------------------------------- 三公

_TP = [(concept, c["header"]) for concept, c in words()["three_public"].items()]  # words.yml


_ITEM_LEAD = re.compile(r"^(其中[:：]?)?\s*([（(]\d+[)）]|\d+[、.．]|[①②③④])?\s*")


def _tp_concept(el: str) -> str | None:
    e = _ITEM_LEAD.sub("", norm(el))  # "其中：（1）公务用车购置费", "（2）公务用车运行费"
    for name, rx in _TP:
        if rx.search(e):
            return name
    if "三公" in e and TOTAL_EL.search(e):
        return "total"
    return None


def check_three_public(doc_id: str, t: PrintedTable) -> list[Finding]:
    """Row layout (labels name the items) only; column layouts are covered by check_column_sums."""
    out = []
    rows = table_rows(t)
    concept_rows: dict = {}
    for r in rows:
        c = _tp_concept(r.label)
        if c is None and TOTAL_LABEL.match(norm(r.label)):
            c = "total"
        if c and c not in concept_rows:
            concept_rows[c] = r
    if len(concept_rows) < 2:
        return out
    cols = _value_cols(t)
    for total_key, part_keys, what in (("total", ("abroad", "reception", "car"), "出国+接待+用车"),
                                       ("car", ("car_buy", "car_run"), "购置+运行")):
        tr = concept_rows.get(total_key)
        if tr is None or not any(k in concept_rows for k in part_keys):
            continue
        if total_key == "total" and "car" not in concept_rows and not ("car_buy" in concept_rows or "car_run" in concept_rows):
            continue
        prs = []
        for k in part_keys:
            if k in concept_rows:
                prs.append(concept_rows[k])
            elif k == "car":
                prs += [concept_rows[x] for x in ("car_buy", "car_run") if x in concept_rows]
        out += _column_sums(doc_id, "three_public_sum", t, tr, prs, cols, name=lambda p: norm(p.label))
    return out


# --------------------------------------------------------------------------- across tables

def _unverifiable(doc_id, check, table, reason, page=None, subject="", unit="") -> Finding:
    return Finding(doc_id=doc_id, check=check, status="unverifiable", table=table, page=page, reason=reason,
                   subject=subject or table, unit=unit, message=f"{subject or table}: 无法核对 — {reason}")


def _to_unit(v: Decimal, unit: str, target: str) -> Decimal | None:
    f = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
    if unit not in f or target not in f:
        return v if unit == target else None
    return v * f[unit] / f[target]


def _compare(doc_id, check, a_t, a_row, a_col, a_val, b_t, b_row, b_col, b_val, what) -> Finding:
    """a (stated) vs b (computed), converting b into a's unit if needed."""
    bv = _to_unit(b_val, b_t.unit, a_t.unit)
    tol = half_unit(a_val) + (half_unit(b_val) * (_to_unit(Decimal(1), b_t.unit, a_t.unit) or 1))
    f = _finding(doc_id, check, a_t, a_row, a_col, a_val, bv, tol,
                 f"表 {b_t.key} 第{b_row.index}行 {b_row.label or ''}「{b_col}」 {fmt(b_val)}{b_t.unit if b_t.unit != a_t.unit else ''}",
                 exact=(b_t.unit == a_t.unit))
    return f


def _side_total(t: PrintedTable, side: str, rx) -> tuple[TableRow, int, Decimal] | None:
    cells = two_sided_cells(t)
    if side not in cells or not cells[side]:
        return None
    lj, vcols, rows = cells[side][0]
    hit = _find_label(rows, rx)
    if hit is None or not vcols:
        return None
    j = vcols[0]
    v = hit[3].get(j)
    if v is None:
        return None
    return TableRow(hit[0], hit[1], side, "", hit[2], ""), j, v


def _fund_col(t: PrintedTable, side: str, rx: str) -> int | None:
    for j, c in enumerate(t.columns):
        if c.side == side and c.role == "value" and re.search(rx, c.path[-1] if c.path else ""):
            return j
    return None


def _carry_over(t: PrintedTable) -> Decimal:
    """Carry-over printed on the income side of a two-sided table (0 when none)."""
    cells = two_sided_cells(t)
    total = Decimal(0)
    for _lj, vcols, rows in cells.get("收入", [])[:1]:
        for _i, _p, label, vals in rows:
            if re.search(r"上年结转|结转结余|上年结余|年初结转", norm(label)) and vcols and vcols[0] in vals:
                total += abs(vals[vcols[0]])
                break
    return total


def _table_total(t):
    """(row, column, value) of a one-sided table's grand total in its first amount column, or None (also when
    the table's rows are grouped by unit: no one total is the department's)."""
    rows = table_rows(t)
    r = grand_total_row(rows)
    j = value_column(t)
    if r is None or j is None or j not in r.values or any(x.section for x in rows if x.section and x is not r):
        return None
    return r, j, r.values[j]


def summary_spending_vs_expenditure(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """收支总表 本年支出合计 = 支出总表 合计 (both all funds)."""
    out = []
    summary, expenditure = find_table(tables, "summary"), find_table(tables, "expenditure")
    total_of = _table_total
    # summary 本年支出合计 vs expenditure table total (both all funds)
    if summary and expenditure:
        s = _side_total(summary, "支出", _YEAR_TOTAL["支出"])
        e = total_of(expenditure)
        if s and e:
            out.append(_compare(doc_id, "cross_table_total", summary, s[0], summary.columns[s[1]].name, s[2],
                                expenditure, e[0], expenditure.columns[e[1]].name, e[2], ""))
    return out


def summary_income_vs_revenue(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """收支总表 收入 = 收入总表 合计: 收入总计 where the revenue total holds the carry-over, 本年收入合计 otherwise."""
    out = []
    summary, revenue = find_table(tables, "summary"), find_table(tables, "revenue")
    total_of = _table_total
    # summary 收入 vs revenue table total: a top-level total includes carry-over (收入总计), one under 本年收入 not
    if summary and revenue:
        r = total_of(revenue)
        if r:
            path = revenue.columns[r[1]].path
            carry = any(re.search(r"上年结转|结转结余|上年结余", c.name) for c in revenue.columns)
            rx = _GRAND["收入"] if (len(path) == 1 and carry) else _YEAR_TOTAL["收入"]
            s = _side_total(summary, "收入", rx)
            if carry and s and s[2] != r[2]:
                # a total under a group head ("部门预算 / 合计") may still hold the carry-over columns (西安):
                # 收入总计 is the other reading
                g = _side_total(summary, "收入", _GRAND["收入"])
                if g and g[2] == r[2]:
                    s = g
            if s:
                out.append(_compare(doc_id, "cross_table_total", summary, s[0], summary.columns[s[1]].name, s[2],
                                    revenue, r[0], revenue.columns[r[1]].name, r[2], ""))
    return out


def appropriation_vs_general_budget(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """财政拨款收支总表's general-budget column (total and each 类) = 一般公共预算支出表; with one amount column,
    its 本年支出合计 = Σ the three fund tables."""
    out = []
    approp, gbe = find_table(tables, "appropriation_summary"), find_table(tables, "general_budget_expenditure")
    total_of = _table_total
    # appropriation summary: general-budget column of 本年支出合计 vs general budget expenditure table total
    if approp and gbe:
        j = _fund_col(approp, "支出", r"一般公共预算")
        g = total_of(gbe)
        if j is None:
            # one amount column: the appropriation total covers the general budget, government funds and
            # state capital; compare it with the sum of the three fund tables (an empty table prints zero)
            parts, missing = [], []
            for key in ("general_budget_expenditure", "gov_fund_expenditure", "state_capital"):
                ft = next((t for t in tables if t.key == key), None)
                if ft is None:
                    missing.append(key)
                    continue
                if ft.empty:
                    continue
                tv = total_of(ft) if not ft.two_sided else None
                if tv is None:
                    missing.append(key)
                    continue
                parts.append((ft, tv))
            s_ = _side_total(approp, "支出", _YEAR_TOTAL["支出"])
            carry = _carry_over(approp)
            subject = f"{approp.title or '财政拨款收支总表'} {s_[0].label if s_ else '本年支出合计'}"
            if carry:
                out.append(_unverifiable(doc_id, "cross_table_total", "appropriation_summary",
                                         f"财政拨款收支总表 includes 上年结转 {fmt(carry)}{approp.unit}; the fund tables may "
                                         "cover current-year appropriations only, so the totals are not like with like",
                                         page=approp.pages[0] if approp.pages else None, unit=approp.unit,
                                         subject=subject))
            elif missing or s_ is None or any(ft.unit != approp.unit for ft, _tv in parts):
                out.append(_unverifiable(doc_id, "cross_table_total", "appropriation_summary",
                                         "财政拨款收支总表 prints one amount column (all appropriations); the fund tables "
                                         f"needed to rebuild it are missing or unreadable ({', '.join(missing) or 'units differ'})",
                                         page=approp.pages[0] if approp.pages else None, unit=approp.unit,
                                         subject=subject))
            else:
                vals = [(ft.key, tv[2]) for ft, tv in parts]
                out.append(_sum_finding(doc_id, "cross_table_total", approp, s_[0], approp.columns[s_[1]].name, s_[2],
                                        vals))
        elif g:
            cells = two_sided_cells(approp)
            grp = next((gr for gr in cells.get("支出", []) if j in gr[1]), None)
            hit = _find_label(grp[2], _YEAR_TOTAL["支出"]) if grp else None
            if hit and j in hit[3]:
                row = TableRow(hit[0], hit[1], "支出", "", hit[2], "")
                out.append(_compare(doc_id, "cross_table_total", approp, row, approp.columns[j].name, hit[3][j],
                                    gbe, g[0], gbe.columns[g[1]].name, g[2], ""))
                # per function class
                gb_rows = {norm(r.label): r for r in table_rows(gbe) if r.code and len(r.code) == 3}
                for i, page, label, vals in grp[2]:
                    name = norm(label)
                    if name in gb_rows and j in vals:
                        gr = gb_rows[name]
                        if g[1] in gr.values:
                            row = TableRow(i, page, "支出", "", label, "")
                            out.append(_compare(doc_id, "cross_table_total", approp, row, approp.columns[j].name, vals[j],
                                                gbe, gr, gbe.columns[g[1]].name, gr.values[g[1]], ""))
    return out


def revenue_vs_expenditure_by_class(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """What a function class receives (收入总表) it spends or carries into next year (支出总表 + 结转下年)."""
    out = []
    summary, expenditure = find_table(tables, "summary"), find_table(tables, "expenditure")
    revenue = find_table(tables, "revenue")
    # income and spending by function class, where both budget tables print classification codes (山东's
    # 收入总体情况表 / 支出总体情况表): what a class receives it spends, or carries into next year (结转下年)
    if revenue and expenditure and not revenue.two_sided and not expenditure.two_sided \
            and "决算" not in revenue.title + expenditure.title:  # final accounts carry balances: not an identity
        rev_rows = [r for r in table_rows(revenue) if r.code]
        by_code = {r.code: r for r in rev_rows}
        # a code printed on two rows (two units sharing 153002): those rows pair by their names
        by_name = {(r.code, norm(r.label)): r for r in rev_rows}
        repeated = {c for c in by_code if sum(r.code == c for r in rev_rows) > 1}
        jr, je = value_column(revenue), value_column(expenditure)
        jc = value_column(expenditure, want=r"结转下年|结转结余")
        carried = _side_total(summary, "支出", re.compile(r"^(年末)?结转(下年|结余)")) if summary else None
        if carried is not None and not carried[2]:
            carried = None
        if len(by_code) >= 3 and jr is not None and je is not None:
            for er in table_rows(expenditure):
                rr = by_name.get((er.code, norm(er.label))) if er.code in repeated else by_code.get(er.code)
                if not er.code or rr is None or jr not in rr.values or je not in er.values:
                    continue
                parts = [(expenditure.columns[je].name, er.values[je])]
                if jc is not None and jc in er.values:
                    parts.append((expenditure.columns[jc].name, er.values[jc]))
                # one class printed in two tables in one unit is one figure: no rounding between them, unless
                # it is the sum of two printed parts
                f = _sum_finding(doc_id, "cross_table_total", revenue, rr, revenue.columns[jr].name, rr.values[jr],
                                 parts, exact_copy=len(parts) == 1 and revenue.unit == expenditure.unit)
                f.message += f"（表 {expenditure.key} 第{er.index}行 {er.code} {er.label}）"
                if f.status == "mismatch" and jc is None and carried and f.difference is not None \
                        and 0 < f.difference <= carried[2]:
                    # income not spent this year is carried into the next (结转下年), which the summary prints but
                    # this expenditure table does not, row by row: the rows cannot be held to the identity
                    f = replace(f, status="unverifiable", severity="info",
                                reason=f"the difference may be carried into next year: the summary prints 结转下年 "
                                       f"{fmt(carried[2])}, the expenditure table has no 结转下年 column")
                out.append(f)
    return out


def general_budget_basic_vs_basic_economic(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """一般公共预算支出表 基本支出 合计 = 一般公共预算基本支出表 合计."""
    out = []
    gbe, gbbe = find_table(tables, "general_budget_expenditure"), find_table(tables, "general_budget_basic_economic")
    # general budget basic expenditure vs the basic-economic table total
    if gbe and gbbe:
        g_rows = table_rows(gbe)
        b_rows = table_rows(gbbe)
        gt, bt = grand_total_row(g_rows), grand_total_row(b_rows)
        jg = value_column(gbe, want=r"^基本支出$|^小计$") if value_column(gbe, want=r"^基本支出$") is None else value_column(gbe, want=r"^基本支出$")
        if jg is not None and gbe.columns[jg].path[-1] == "小计" and "基本" not in gbe.columns[jg].name:
            jg = None
        jb = value_column(gbbe, want=r"^基本支出$")
        if jb is None and not any(re.search(r"项目", c.name) for c in gbbe.columns):
            jb = value_column(gbbe)
        if gt and bt and jg is not None and jb is not None and jg in gt.values and jb in bt.values \
                and not any(r.section for r in g_rows + b_rows):
            out.append(_compare(doc_id, "cross_table_total", gbbe, bt, gbbe.columns[jb].name, bt.values[jb],
                                gbe, gt, gbe.columns[jg].name, gt.values[jg], ""))
    return out


def check_cross_tables(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """Every cross-table identity (identities.yml ``cross_table``)."""
    return [f for rule in identity_rules()["cross_table"] for f in IDENTITY_FUNCTIONS[rule["function"]](doc_id, tables)]


# --------------------------------------------------------------------------- performance forms

def form_funds(t: PrintedTable) -> tuple[str, str, Decimal | None, int | None, int | None]:
    """(project name, implementing unit, 年度资金总额, row, page) of a performance form."""
    name = unit = ""
    amount = None
    row = page = None
    for i, r in enumerate(t.body):
        cells = [c for c in r if c]
        if not cells:
            continue
        if norm(cells[0]) == "项目名称" and len(cells) > 1 and not name:
            name = cells[1]
        for k, c in enumerate(r):
            if norm(c).rstrip("：:") == "实施单位" and k + 1 < len(r) and r[k + 1] and not unit:
                unit = r[k + 1]
            if "年度资金总额" in c and amount is None:
                m = re.search(r"年度资金总额[：:]?\s*([\d,]+(?:\.\d+)?)$", c.replace(" ", ""))
                v = parse_number(m.group(1)) if m else None
                if v is None:
                    v = next((parse_number(x) for x in r[k + 1:] if parse_number(x) is not None), None)
                if v is not None:
                    amount, row, page = v, i, (t.body_pages[i] if i < len(t.body_pages) else None)
    return name, unit, amount, row, page


def _overlap(a: str, b: str) -> int:
    return len(set(a) & set(b))


def check_performance(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    out = []
    proj = find_table(tables, "project_expenditure")
    forms = [t for t in tables if t.key.startswith("performance_targets") and not t.empty]
    if not forms:
        return out
    for f in forms:
        name, unit, amount, row, page = form_funds(f)
        if not name or amount is None:
            continue
        if proj is None:
            out.append(_unverifiable(doc_id, "perf_funds_vs_project", f.key, "no project expenditure table to compare with",
                                     page=page, subject=name, unit=f.unit or "元"))
            continue
        vcol = value_column(proj)
        dept, units, loose = project_rows(proj)
        cands = [(u, p) for u, ps in units for p in ps if norm(p.label) == norm(name)]
        cands += [(None, p) for p in loose if norm(p.label) == norm(name)]
        if not cands or vcol is None:
            out.append(_unverifiable(doc_id, "perf_funds_vs_project", f.key,
                                     f"no row named {name} in the project expenditure table", page=page, subject=name,
                                     unit=f.unit or "元"))
            continue
        by_unit = defaultdict(list)
        for u, p in cands:
            by_unit[u.index if u is not None else -1].append((u, p))
        if len(by_unit) > 1:
            # projects of the same name in several units: the form's 实施单位 picks the unit
            scored = sorted(by_unit.items(), key=lambda kv: -_overlap(unit, kv[1][0][0].label if kv[1][0][0] is not None else ""))
            best = [kv for kv in scored if _overlap(unit, kv[1][0][0].label if kv[1][0][0] else "") ==
                    _overlap(unit, scored[0][1][0][0].label if scored[0][1][0][0] else "")]
            if len(best) > 1 or not unit:
                out.append(_unverifiable(doc_id, "perf_funds_vs_project", f.key,
                                         f"{len(cands)} rows named {name} in different units; the form's 实施单位 "
                                         f"({unit or 'none'}) does not say which", page=page, subject=name, unit="万元"))
                continue
            group = best[0][1]
        else:
            group = next(iter(by_unit.values()))
        prows = [p for _u, p in group if vcol in p.values]
        if not prows:
            continue
        computed = sum((p.values[vcol] for p in prows), Decimal(0))
        stated = _to_unit(amount, f.unit or "元", proj.unit or "万元")
        # the form prints 元 exactly; the table rounds to its decimals
        tol = sum((half_unit(p.values[vcol]) for p in prows), Decimal(0))
        status, diff = judge(stated, computed, tol)
        what = " + ".join(fmt(p.values[vcol]) for p in prows)
        rows_txt = f"{len(prows)} 行同名项目 " if len(prows) > 1 else ""
        sign = SIGN[status]
        msg = (f"绩效目标表 {f.key}「{name}」年度资金总额 {fmt(amount)}元 = {fmt(stated.normalize())}万元 {sign} "
               f"项目支出表 {rows_txt}{what} = {fmt(computed)}万元")
        if status == "mismatch":
            msg += f"（差 {fmt(diff.normalize())}万元）"
        out.append(Finding(doc_id=doc_id, check="perf_funds_vs_project", status=status,
                           severity=severity_of(status, diff, computed), table=f.key, row=row, column="年度",
                           page=page, stated=stated, computed=computed, difference=diff, tolerance=tol,
                           unit=proj.unit or "万元", subject=name, message=msg))
    return out


# --------------------------------------------------------------------------- all

# the generic functions the declared rules (identities.yml) name: per table f(doc_id, table), across tables
# f(doc_id, tables)
IDENTITY_FUNCTIONS = {
    "column_sums": check_column_sums,
    "projects": check_projects,
    "three_public": check_three_public,
    "two_sided": check_two_sided,
    "code_hierarchy": check_code_hierarchy,
    "class_rows": check_class_rows,
    "listed_totals": check_listed_totals,
    "summary_spending_vs_expenditure": summary_spending_vs_expenditure,
    "summary_income_vs_revenue": summary_income_vs_revenue,
    "appropriation_vs_general_budget": appropriation_vs_general_budget,
    "revenue_vs_expenditure_by_class": revenue_vs_expenditure_by_class,
    "general_budget_basic_vs_basic_economic": general_budget_basic_vs_basic_economic,
    "performance_forms": check_performance,
}


def _applies(rule: dict, t: PrintedTable) -> bool:
    """Whether a per-table rule of identities.yml applies to table ``t`` (its key and shape)."""
    base = t.key.split("-")[0]
    if rule["tables"] != "*" and base not in rule["tables"]:
        return False
    shape = rule.get("shape")
    if shape == "two_sided":
        return t.two_sided
    if shape == "one_sided":
        return not t.two_sided
    if shape == "unit_blocks":  # rows grouped under implementing units, no classification codes
        return not any(c.role == "code" for c in t.columns) and _unit_heads(t)
    return True


def _plan(rules: list[dict]) -> list[tuple[dict, list[dict]]]:
    """The per-table rules as (rule, its companions): a rule marked ``also`` runs beside the rule before it."""
    plan: list[tuple[dict, list[dict]]] = []
    for rule in rules:
        if rule.get("also"):
            plan[-1][1].append(rule)
        else:
            plan.append((rule, []))
    return plan


def run_checks(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """Every identity declared in identities.yml, evaluated on the extracted tables: per table (forms and
    self-evaluations have no totals to add up), then across tables.  Of the rules of one ``group`` only the first
    that applies to a table runs (with its companions).  See the module docstring for each identity."""
    rules = identity_rules()
    plan = _plan(rules["per_table"])
    out: list[Finding] = []
    for t in tables:
        if t.empty or t.key.split("-")[0].startswith(("performance_targets", "performance_self_evaluation")):
            continue
        chosen: set[str] = set()  # groups whose rule has run on this table
        found: list[Finding] = []
        def runs(r: dict) -> bool:
            return _applies(r, t) and not (r.get("unless") and any(f.check == r["unless"] for f in found))

        for rule, companions in plan:
            group = rule.get("group")
            if group in chosen or not runs(rule):
                continue
            if group:
                chosen.add(group)
            found += IDENTITY_FUNCTIONS[rule["function"]](doc_id, t)
            for r in companions:
                if runs(r):
                    found += IDENTITY_FUNCTIONS[r["function"]](doc_id, t)
        out += found
    for rule in rules["cross_table"]:
        out += IDENTITY_FUNCTIONS[rule["function"]](doc_id, tables)
    return out
