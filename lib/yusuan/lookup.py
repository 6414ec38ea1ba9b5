"""Which table cell a narrative subject names: the lookups the fact-check recomputes claims against.

``TableIndex(tables, year).readings(subject, context)`` gives every figure of the extracted tables a stated
amount may be read as, the usual one first: a function class's row, a classification path's 类/款/项 row
("一般公共服务支出（类）统计信息事务（款）专项普查活动（项）"), a total or revenue source named in words of
its own ("支出预算总计", "收支总预算", "本年其他资金收入"), a fund's income with its carry-over, a 三公 figure
(by column, by row, or by the row of a year), a 政府采购 figure (the procurement table's 合计 or
货物/工程/服务 row, any fund column), 人员经费/公用经费 (a column, or rebuilt from the economic
classes by the usual definition), a project by its name.  ``Cell`` says where a figure comes from and how it
was computed, so that every finding can name table, row, column and page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .catalogue import header_year, words, class_codes, personnel_classes
from .codes import split_leading_code
from .checks import (_ITEM_LEAD, ENUM_LABEL, FUNCTION_CLASSES, TOTAL_EL, TOTAL_LABEL, TableRow, _GRAND, _YEAR_TOTAL,
                     find_table, grand_total_row, norm, project_rows, table_rows, two_sided_cells, value_column)
from .findings import fmt, half_unit, sum_tolerance

__all__ = ["Cell", "TableIndex", "convert", "classification_path", "UNITS"]

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


# --------------------------------------------------------------------------- classification paths

_LEVEL_LEN = {"类": 3, "款": 5, "项": 7}
_PATH_SEG = re.compile(r"([^()]+?)\((类|款|项)\)")


def classification_path(subject: str) -> list[tuple[tuple[str, ...], str]] | None:
    """The function-classification path a subject names, or None.

    "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）" → [(("一般公共服务支出",), "类"),
    (("统计信息事务",), "款"), (("专项普查活动",), "项")]; each level with the names its table row may
    carry ("一般公共服务（类）支出" → ("一般公共服务支出", "一般公共服务")).  Levels must go down (类 → 款 →
    项, any may be left out at the top: "法院（款）行政运行（项）支出"); a trailing word other than 支出 is not
    a path.  A path written with dashes from a class name ("一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行",
    Shanghai) is the same path.
    """
    s = norm(subject or "")
    dashed = re.split(r"[-—－]", s)
    if 2 <= len(dashed) <= 3 and all(dashed) and any(n in FUNCTION_CLASSES for n in (dashed[0], dashed[0] + "支出")):
        segs, trailing = list(zip(dashed, ("类", "款", "项"))), ""  # names may hold brackets: 政府办公厅（室）
    else:
        segs, pos = [], 0
        for m in _PATH_SEG.finditer(s):
            if m.start() != pos:
                return None
            segs.append((m.group(1), m.group(2)))
            pos = m.end()
        trailing = s[pos:]
    if not segs or trailing not in ("", "支出"):
        return None
    levels = [_LEVEL_LEN[lv] for _n, lv in segs]
    if any(b <= a for a, b in zip(levels, levels[1:])):
        return None
    out = []
    for k, (name, level) in enumerate(segs):
        names = [name]
        if k == len(segs) - 1 and trailing and not name.endswith(trailing):
            names.insert(0, name + trailing)
        if level == "类" and not name.endswith("支出"):
            names.append(name + "支出")
        out.append((tuple(dict.fromkeys(names)), level))
    return out


def _path_text(segs) -> str:
    return "".join(f"{names[0]}（{level}）" for names, level in segs)


def _path_coded(rows: list[TableRow], segs) -> tuple[TableRow | None, str]:
    """The row a path names in a table with codes: each level by name under the code of the level above."""
    prefix, hit = "", None
    for names, level in segs:
        n = _LEVEL_LEN[level]
        hits = [r for r in rows if len(r.code) == n and r.code.isdigit() and r.code.startswith(prefix)
                and norm(r.label) in names]
        for name in names:  # the fuller name first ("科学技术支出" before "科学技术")
            exact = [r for r in hits if norm(r.label) == name]
            if exact:
                hits = exact
                break
        where = f"under {hit.code} {hit.label}" if hit is not None else "in the table"
        if not hits and prefix:
            # the text may transpose the words of a name (一般行政事务管理 for the row 一般行政管理事务): under the
            # parent already found, the one row with exactly the same characters
            keys = {"".join(sorted(x)) for x in names}
            hits = [r for r in rows if len(r.code) == n and r.code.isdigit() and r.code.startswith(prefix)
                    and "".join(sorted(norm(r.label))) in keys]
            hits = hits if len(hits) == 1 else []
        if not hits:
            return None, f"no {level} row「{names[0]}」{where}"
        if len(hits) > 1:
            return None, f"{len(hits)} {level} rows「{names[0]}」{where} ({', '.join(r.code for r in hits)})"
        hit, prefix = hits[0], hits[0].code
    return hit, ""


def _path_uncoded(rows: list[TableRow], segs, j: int) -> tuple[TableRow | None, str]:
    """The row a path names in a table without codes, read from the order of the rows: a class runs to the
    next class, a 款 over the rows after it that add up to it."""
    start, end, hit = 0, len(rows), None
    for k, (names, level) in enumerate(segs):
        cands = [r for r in rows[start:end] if norm(r.label) in names and not r.code]
        where = f"under {hit.label}" if hit is not None else "in the table"
        if not cands:
            return None, f"no row「{names[0]}」{where}"
        if level == "类" and len(cands) > 1:
            return None, f"{len(cands)} rows「{names[0]}」{where}"
        hit = cands[0]  # a 款 comes before its 项s; a 项 named like its 款 comes after it
        start = hit.index + 1
        if level == "类":
            end = next((r.index for r in rows[start:]
                        if norm(r.label) in FUNCTION_CLASSES or TOTAL_LABEL.match(norm(r.label))), len(rows))
        elif k + 1 < len(segs) and j in hit.values:
            acc, parts = Decimal(0), []
            for r in rows[start:end]:
                v = r.values.get(j, Decimal(0))
                acc += v
                parts.append(v)
                if abs(acc - hit.values[j]) <= sum_tolerance(hit.values[j], parts):
                    end = r.index + 1
                    break
    return hit, ""


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


class TableIndex:
    """Finds the table cell a narrative subject names."""

    def __init__(self, tables, year: int | None = None):
        self.tables = tables
        self.year = year
        self._units: list[str] | None = None  # units(), read once
        self._performance: dict[str, tuple[Cell, int] | None] = {}  # performance_total(fund), read once per fund

    def t(self, key):
        return find_table(self.tables, key)

    def _dept_table(self, key: str):
        """(table, rows) of a one-sided table of one budget unit, or None: only such a table has a single
        department row for a narrative figure to be compared with."""
        t = self.t(key)
        if t is None or t.two_sided:
            return None
        rows = table_rows(t)
        return (t, rows) if _one_unit(rows) else None

    def _total_row_cell(self, key: str, want: str | None = None, column: int | None = None) -> Cell | None:
        """The department total row's figure in the first amount column (``want``: whose last header element
        matches; ``column``: that column)."""
        found = self._dept_table(key)
        if found is None:
            return None
        t, rows = found
        r = grand_total_row(rows)
        if r is None:
            return None
        j = column if column is not None else (value_column(t, want=want) if want else value_column(t))
        if j is None or j not in r.values:
            return None
        return Cell(r.values[j], t.unit, t.key, r.index, t.columns[j].name, r.page, r.label)

    def _unique_row(self, key: str, pick) -> Cell | None:
        """The first amount of the one row of a department table that ``pick`` accepts (None if none or several)."""
        found = self._dept_table(key)
        if found is None:
            return None
        t, rows = found
        j = value_column(t)
        hits = [r for r in rows if pick(r) and j in r.values]
        if j is None or len(hits) != 1:
            return None
        r = hits[0]
        return Cell(r.values[j], t.unit, t.key, r.index, t.columns[j].name, r.page, r.label)

    def _class_row(self, key: str, name: str) -> Cell | None:
        """A function class's row (code of 3 digits, or no code) by its name."""
        return self._unique_row(key, lambda r: norm(r.label) == name and (not r.code or len(r.code) == 3))

    def _labelled_row(self, key: str, rx: str) -> Cell | None:
        """The row whose label matches ``rx`` (人员经费合计 printed as a row, Shanghai)."""
        return self._unique_row(key, lambda r: bool(re.search(rx, norm(r.label))))

    def _side_row(self, key: str, side: str, match) -> Cell | None:
        t = self.t(key)
        if t is None or not t.two_sided:
            return None
        groups = two_sided_cells(t).get(side) or []
        if not groups:
            return None
        lj, vcols, rows = groups[0]
        for i, page, label, vals in rows:
            if label and match(label) and vcols:
                if vcols[0] in vals:
                    return Cell(vals[vcols[0]], t.unit, t.key, i, f"{side} / {t.columns[vcols[0]].name}", page, label)
                lab = norm(label)
                if TOTAL_LABEL.match(lab) or _GRAND[side].match(lab) or _YEAR_TOTAL[side].match(lab) \
                        or TOTAL_EL.search(lab):
                    # a total row blank in this column group: a side printed as two groups (功能分类 | 支出用途,
                    # Jiangsu) carries its totals in the other group's amount column, on the same line
                    for _lj2, vcols2, rows2 in groups[1:]:
                        for i2, page2, _label2, vals2 in rows2:
                            if i2 == i and vcols2 and vcols2[0] in vals2:
                                return Cell(vals2[vcols2[0]], t.unit, t.key, i, f"{side} / {t.columns[vcols2[0]].name}",
                                            page2, label)
                    return None  # a blank total is not a stated zero
                # a printed item row whose amount cell is blank: the table states zero
                return Cell(Decimal(0), t.unit, t.key, i, f"{side} / {t.columns[vcols[0]].name}", page, label + "（空白）")
        return None

    def procurement_table(self):
        """The government-procurement table (政府采购预算明细表 and its names), an ``other-n`` table by title."""
        for t in self.tables:
            if not t.empty and not t.two_sided and "采购" in (t.title or "") and "购买服务" not in (t.title or ""):
                return t
        return None

    def procurement(self, kind: str) -> list[Cell]:
        """A procurement figure: the 合计 row (kind "total") or the 货物/工程/服务 row, all-funds column first, then
        the row's other amount columns (Chongqing splits it by fund).  A category the table does not print while
        it prints others is zero."""
        t = self.procurement_table()
        if t is None:
            # Shenzhen prints no procurement table but a 政府采购项目 / 小计 column in its expenditure table
            if kind == "total":
                for key in ("expenditure", "general_budget_expenditure"):
                    x = self.t(key)
                    j = next((j for j, col in enumerate(x.columns) if col.role == "value" and "政府采购" in col.name
                              and (len(col.path) == 1 or TOTAL_EL.search(col.path[-1]))), None) if x else None
                    cell = self._total_row_cell(key, column=j) if j is not None else None
                    if cell is not None:
                        return [cell]
            return []
        rows = table_rows(t)
        cats = {}
        for r in rows:
            bare = re.sub(r"^[一二三四五六七八九十]+、|[A-Za-z]|[-—/\s]", "", r.label)
            if bare in ("货物", "工程", "服务") and bare not in cats and r.values:
                cats[bare] = r
        total = grand_total_row(rows)
        jobs = [j for j, c in enumerate(t.columns) if c.role == "value"]
        if not jobs or not (cats or total):
            return []
        if kind == "total":
            row = total
        else:
            row = cats.get({"goods": "货物", "works": "工程", "services": "服务"}[kind])
        if row is None:
            if kind == "total" or not cats:
                return []
            return [Cell(Decimal(0), t.unit, t.key, None, t.columns[jobs[0]].name, t.pages[0] if t.pages else None,
                         t.title, what=f"表 {t.key}「{t.title}」（第{t.pages[0] if t.pages else '?'}页）不列此类，即 0")]
        out = []
        for j in jobs:
            if j in row.values:
                out.append(Cell(row.values[j], t.unit, t.key, row.index, t.columns[j].name, row.page, row.label))
        return out

    def side_grand(self, key: str, side: str) -> Cell | None:
        """A two-sided table's grand total of ``side`` (收入总计 / 支出总计), or None."""
        t = self.t(key)
        return self._side_grand(key, side) if t is not None and t.two_sided else None

    def _side_grand(self, key: str, side: str) -> Cell | None:
        """A side's grand total: 收入总计/支出总计, or where a table has no 总计 line, 收入合计/支出合计 (Jiangsu) or
        a bare 合计 (Chongqing prints it first)."""
        return self._side_row(key, side, lambda lab: bool(_GRAND[side].match(norm(lab)))) \
            or self._side_row(key, side, lambda lab: norm(lab) == f"{side}合计") \
            or self._side_row(key, side, lambda lab: norm(lab) == "合计")

    def three_public(self, concept: str, final: bool | None = None, year: int | None = None) -> Cell | None:
        """A 三公 figure; ``year``: the row of that year where the table prints one row per year (Shenzhen prints
        2025年, 2026年 and 增减变化金额 rows), or the columns of that year where it prints years side by side
        (烟台: 2025年预算数 | 2026年预算数), by default the disclosure's year.  ``final``: the 决算数 columns
        rather than the 预算数 ones; by default those of a final-accounts table (its title says 决算)."""
        t = self.t("three_public")
        if t is not None and final is None:
            final = "决算" in (t.title or "")
        rx = None if concept == "total" else words()["three_public"][concept]["header"]
        found = self._dept_table("three_public")
        if found is None:
            return None
        rows = found[1]
        year = year or self.year
        dated = {int(m.group(1)): r for r in rows if r.values and (m := re.match(r"^((?:19|20)\d{2})年$", norm(r.label)))}
        if year is not None and year != self.year and year not in dated:
            return None  # another year's figure only where the table prints that year
        # row layout: rows name the concepts (因公出国… / 公务接待费 / 公务用车…), a 合计 row above them; a table
        # whose rows are units (合计, then each unit) is a column layout
        concept_rows = any(re.search(r"出国|接待|用车", norm(r.label)) for r in rows)
        for r in (rows if concept_rows else []):
            lab = _ITEM_LEAD.sub("", norm(r.label))
            hit = TOTAL_LABEL.match(lab) if concept == "total" else re.search(rx, lab)
            if hit:
                j = value_column(t)
                if j is not None and j in r.values:
                    return Cell(r.values[j], t.unit, t.key, r.index, t.columns[j].name, r.page, r.label)
                if j is not None and concept != "total":
                    return Cell(Decimal(0), t.unit, t.key, r.index, t.columns[j].name, r.page, r.label + "（空白）")
        # column layout: the department row (or the year's row)
        data = [r for r in rows if r.values]
        if dated:
            row = dated.get(year) if year is not None else None
        else:
            row = grand_total_row(rows) or (data[0] if len(data) == 1 else None)
        if row is None:
            return None
        meetings = any("会议" in x.name for x in t.columns)
        want_year = year if year is not None else self.year
        years = {j: y for j, c in enumerate(t.columns) if (y := _column_year(c, self.year)) is not None}
        for j, c in enumerate(t.columns):
            if c.role != "value" or re.search(r"会议|培训|机关运行", c.name):
                continue
            stage = t.column_stage(j)
            if (stage != "决算") if final else (stage == "决算"):
                continue  # the other stage's columns (预算数 beside 决算数)
            if years and want_year in years.values() and years.get(j) != want_year:
                continue  # another year's columns
            els = [norm(e) for e in c.path]
            # the header without the year, budget/final and fund elements ("2026年预算数 / 合计",
            # "总计 / 一般公共预算", "财政拨款“三公”经费 / 合计 / 决算数")
            core = [e for e in els if not re.search(r"(预算数|决算数)$", e) and e not in _FUND_NAMES]
            if concept == "total":
                # the total column: 合计/小计/总计; a bare 合计 also covers 会议费 and 培训费 when the table prints those
                ok = bool(core) and bool(TOTAL_EL.search(core[-1]) or core[-1] == "总计") \
                    and not any(re.search(r"出国|接待|用车", e) for e in core) and ("三公" in c.name or not meetings)
            elif concept == "car":
                ok = bool(core) and any(re.search(rx, e) for e in core) \
                    and bool(TOTAL_EL.search(core[-1]) or re.search(rx, core[-1]))
            else:
                ok = any(re.search(rx, e) for e in els)
            if ok:
                v = row.values.get(j, Decimal(0))
                return Cell(v, t.unit, t.key, row.index, c.name, row.page, row.label or "（部门）")
        return None

    def _path_cell(self, key: str, segs) -> tuple[Cell | None, str]:
        t = self.t(key)
        if t is None or t.two_sided:
            return None, f"no table {key}"
        rows = table_rows(t)
        if not _one_unit(rows):
            return None, f"table {key} has several units"
        j = value_column(t)
        if j is None:
            return None, f"table {key} has no amount column"
        coded = sum(1 for r in rows if r.code) >= 2
        row, why = _path_coded(rows, segs) if coded else _path_uncoded(rows, segs, j)
        if row is None:
            return None, f"table {key}: {why}"
        label = f"{row.code} {row.label}".strip()
        if j not in row.values:
            # a printed row whose amount cell is blank: the table states zero
            return Cell(Decimal(0), t.unit, t.key, row.index, t.columns[j].name, row.page, label + "（空白）"), ""
        return Cell(row.values[j], t.unit, t.key, row.index, t.columns[j].name, row.page, label), ""

    @staticmethod
    def _path_tables(s: str, ctx: str) -> list[str]:
        """Tables a classification path is looked up in, by the fund the sentence names; without one, the
        all-funds table and the general budget are both readings."""
        both = s + " " + ctx
        if "一般公共预算" in both:
            return ["general_budget_expenditure"]
        if "政府性基金" in both:
            return ["gov_fund_expenditure"]
        if "国有资本经营" in both:
            return ["state_capital"]
        if "财政拨款" in both:
            return ["general_budget_expenditure", "gov_fund_expenditure"]
        return ["expenditure", "general_budget_expenditure"]

    def path_cells(self, subject: str, context: str = "") -> tuple[list[Cell], str]:
        """The rows a classification-path subject names (one per table that prints it), and, when none does,
        why not."""
        s = _subj(subject)
        segs = classification_path(s)
        if segs is None:
            return [], ""
        cells, whys = [], []
        for key in self._path_tables(s, norm(context)):
            cell, why = self._path_cell(key, segs)
            if cell is not None:
                cells.append(cell)
            else:
                whys.append(why)
        return cells, f"classification path {_path_text(segs)}: " + "; ".join(whys)

    def readings(self, subject: str, context: str = "") -> list[Cell]:
        """Every figure of the tables a stated amount may be read as, the usual one first.

        A classification path without a fund is the all-funds row or the general-budget row.  A fund's
        income printed under 本年收入 of a two-sided table that also has the fund under 上年结转 may be stated
        as current year plus carry-over, which is also the fund's column total on the expenditure side.
        """
        s = _subj(subject)
        coded = split_leading_code(s)
        if coded is not None:
            # "2010301-行政运行", "204-公共安全支出": the row of that code
            return [c for key in self._path_tables(s, norm(context)) if (c := self._code_cell(key, *coded))]
        segs = classification_path(s)
        if segs is not None and not (len(segs) == 1 and segs[0][1] == "类"):
            return self.path_cells(subject, context)[0]
        names = (s,) if s in FUNCTION_CLASSES else (segs[0][0] if segs else ())
        cls = next((n for n in names if n in FUNCTION_CLASSES), None)
        nm = re.search(r"(项目支出|基本支出)", norm(context)) if cls else None
        if nm:
            # "项目支出…其中：公共安全支出40230.95万元": the class's 项目支出 column
            cells = [x for key in self._path_tables(s, norm(context))
                     for x in self.scoped_cells_by_name(key, cls, nm.group(1))]
            if cells:
                return cells
        cell = self.lookup(subject, context)
        if cell is None:
            return []
        out = [cell] + self._with_carry_over(cell)
        if cell.table.startswith("project_expenditure") and len(self.project_readings(s)) > 1:
            # a project name printed under several units ("人力资源综合管理" of the 本级 and of each centre):
            # a sentence about one unit's projects states that unit's row
            out += self.project_readings(s)
        kind = _procurement_kind(s)
        if kind is not None:
            out += self.procurement(kind)[1:]  # the same row's fund columns
        if cls and re.search(r"一般公共预算|政府性基金|国有资本", s + " " + norm(context)):
            # a class of the fund the sentence (or the statement it follows) names: that fund's table
            funded = [x for key in self._path_tables(s, norm(context)) if (x := self._class_row(key, cls))]
            if funded:
                return funded
        if cls and not re.search(r"一般公共预算|财政拨款|政府性基金|国有资本", s + norm(context)):
            # a class named without its fund: the all-funds row or the general budget's
            extra = self._class_row("general_budget_expenditure", cls)
            if extra is not None and extra.table != cell.table:
                out.append(extra)
        funds = re.search(r"一般公共预算|财政拨款|政府性基金|国有资本", s + " " + norm(context))
        if not cls and not funds and cell.table != "expenditure":
            # "按支出用途分类，包括人员支出73,924.43万元": the all-funds 支出总表 prints the column too
            extra = self._total_row_cell("expenditure", want=rf"^{re.escape(_plain(s))}$")
            if extra is not None and all((x.table, x.column) != (extra.table, extra.column) for x in out):
                out.append(extra)
        if "基本支出" in s and re.search(r"财政拨款|一般公共预算", s) and cell.table == "expenditure":
            # "财政拨款基本支出预算279,627.29万元": the appropriation's basic spending, not all funds'
            funded = [x for x in (self._total_row_cell("basic_expenditure"),
                                  self._basic_subtotal("general_budget_expenditure"),
                                  self._total_row_cell("general_budget_basic_economic")) if x is not None]
            if funded:
                out = funded + out
        if re.sub(r"^(\d{4}年)?(本部门|本单位)", "", s) in ("预算支出", "支出预算", "部门预算支出", "部门支出预算") and cell.table != "summary":
            # "预算支出227358.37万元，其中一般公共预算拨款支出227123.37万元、结转下年235万元": the summary's
            # 支出总计, which holds 结转下年, is a reading too
            extra = self._side_grand("summary", "支出")
            if extra is not None:
                out.append(extra)
        fm = re.match(r"^(当年|本年)?(政府性基金|国有资本经营)(预算)?(当年)?(拨款|收入|拨款收入)$", s)
        if fm:
            # "政府性基金预算当年拨款221,670.92万元": what the fund pays for, its expenditure table's total
            key = "gov_fund_expenditure" if fm.group(2) == "政府性基金" else "state_capital"
            extra = self._total_row_cell(key)
            if extra is not None and all(x.table != key for x in out):
                out.append(extra)
        return out

    def _code_cell(self, key: str, code: str, name: str) -> Cell | None:
        """The figure of the row with classification ``code`` (its name agreeing with ``name``) in table ``key``."""
        t = self.t(key)
        if t is None or t.two_sided:
            return None
        j = value_column(t)
        rows = [r for r in table_rows(t) if r.code == code]
        if j is None or len(rows) != 1 or not (norm(name) in norm(rows[0].label) or norm(rows[0].label) in norm(name)):
            return None
        r = rows[0]
        label = f"{r.code} {r.label}"
        if j not in r.values:
            return Cell(Decimal(0), t.unit, t.key, r.index, t.columns[j].name, r.page, label + "（空白）")
        return Cell(r.values[j], t.unit, t.key, r.index, t.columns[j].name, r.page, label)

    def scoped_cells_by_name(self, key: str, cls: str, column: str) -> list[Cell]:
        """The function class ``cls``'s row of table ``key``, in the column named ``column`` (基本支出 / 项目支出)."""
        t = self.t(key)
        if t is None or t.two_sided:
            return []
        rows = [r for r in table_rows(t) if norm(r.label) == cls and (not r.code or len(r.code) == 3)]
        if len(rows) != 1:
            return []
        r = rows[0]
        j = _named_column(t, column)
        return [] if j is None else [_row_cell(t, r, j, f"{r.code} {r.label}".strip())]

    def scoped_cells(self, scope: str, subject: str) -> list[Cell]:
        """The figure of ``subject`` within the classification item ``scope``: the row of the item's code, the
        column the subject names ("进修及培训（20508）" × "人员经费" → row 20508, column 基本支出 / 人员经费), in
        every department table that prints such a column by classification rows.  [] if none does."""
        m = re.search(r"(\d{3,7})", scope)
        name = re.sub(r"(预算|安排|支出)$", "", _plain(_subj(subject)))
        if m is None or len(name) < 2:
            return []
        code = m.group(1)
        out = []
        for t in self.tables:
            if t.empty or t.two_sided:
                continue
            rows = [r for r in table_rows(t) if r.code == code]
            if len(rows) != 1 or not _one_unit(table_rows(t)):
                continue
            r = rows[0]
            j = _named_column(t, name, suffix=r"(预算|安排|支出)$")
            if j is not None:
                out.append(_row_cell(t, r, j, f"{r.code} {r.label}"))
        return out

    def _with_carry_over(self, cell: Cell) -> list[Cell]:
        t = self.t(cell.table)
        if t is None or not t.two_sided or not cell.column.startswith("收入"):
            return []
        key = _fund_key(cell.label.replace("（空白）", ""))
        groups = two_sided_cells(t).get("收入") or []
        if len(key) < 2 or not groups or not groups[0][1]:
            return []
        _lj, vcols, rows = groups[0]
        jv = vcols[0]
        carry, in_carry = None, False
        for i, page, label, vals in rows:
            lab = norm(label or "")
            if re.match(r"^(上年结转|上年财政拨款结转|结转)", lab):
                in_carry = True
                continue
            if ENUM_LABEL.match(label or "") or TOTAL_LABEL.match(lab) or _GRAND["收入"].match(lab) \
                    or _YEAR_TOTAL["收入"].match(lab):
                in_carry = False
            if in_carry and _fund_key(label) == key and i != cell.row:
                carry = (i, label, vals.get(jv, Decimal(0)))
                break
        if carry is None or not carry[2]:
            return []
        cur = cell.value
        total = cur + carry[2]
        out = [Cell(total, t.unit, t.key, cell.row, cell.column, cell.page, cell.label,
                    what=(f"表 {t.key} 本年收入 第{cell.row}行 {cell.label} {fmt(cur)} + 上年结转 第{carry[0]}行 "
                          f"{carry[1]} {fmt(carry[2])} = {fmt(total)}{t.unit}（本年与上年结转之和）"),
                    err=(Decimal(0) if cur == 0 else cell.error) + half_unit(carry[2]))]  # a blank or zero: exact
        # the fund's column on the expenditure side, at its grand total row
        for _lj2, vcols2, rows2 in two_sided_cells(t).get("支出") or []:
            jf = next((j for j in vcols2 if _fund_key(t.columns[j].path[-1] if t.columns[j].path else "") == key), None)
            if jf is None:
                continue
            tot = [r for r in rows2 if re.match(r"^(支出总计|总计|支出合计)$", norm(r[2] or "")) and jf in r[3]]
            if tot:
                i, page, label, vals = tot[-1]
                out.append(Cell(vals[jf], t.unit, t.key, i, f"支出 / {t.columns[jf].name}", page, label,
                                what=(f"表 {t.key} 第{i}行 {label}「支出 / {t.columns[jf].name}」 {fmt(vals[jf])}{t.unit}"
                                      f"（该资金的支出列合计，含上年结转）")))
            break
        return out

    def lookup(self, subject: str, context: str = "") -> Cell | None:
        s = _subj(subject)
        ctx = norm(context)
        if not s:
            return None
        pm = re.match(r"^(.{2,}?项目)(支出|经费|资金)?$", s)
        if pm and not _NOT_A_PROJECT.search(pm.group(1)):
            # "大厅保安和安检服务项目支出328.69万元": that project, not the department's 项目支出
            return self.project(pm.group(1)) or self.project(pm.group(1)[:-2]) \
                or (self.project(s) if pm.group(2) else None)
        segs = classification_path(s)
        if segs is not None:
            names = segs[0][0]
            if len(segs) == 1 and segs[0][1] == "类" and any(n in FUNCTION_CLASSES for n in names):
                # "一般公共服务（类）支出", "一般公共服务支出（类）": the class row, as for its plain name
                return self.lookup(next(n for n in names if n in FUNCTION_CLASSES), context)
            cells, _why = self.path_cells(subject, context)
            return cells[0] if cells else None
        concept = _three_public_concept(s)
        if concept is not None:
            return self.three_public(concept, True if "决算" in subject else False if "预算" in subject else None)
        kind = _procurement_kind(s)
        if kind is not None:
            cells = self.procurement(kind)
            return cells[0] if cells else None
        if s.endswith("机关运行经费"):
            return self._total_row_cell("admin_operating")
        if s in ("人员经费", "公用经费", "日常公用经费", "人员支出", "日常公用支出") \
                or s.endswith(("基本支出人员经费", "基本支出公用经费")):
            want = r"人员" if "人员" in s else r"公用"
            return self._total_row_cell("general_budget_basic_economic", want=want) \
                or self._labelled_row("general_budget_basic_economic", rf"^{want}(经费|支出)(合计|小计)?$") \
                or self._staff_from_classes("人员" in s)
        general = "一般公共预算" in s or "一般公共预算" in ctx
        if s.endswith("基本支出") or s.endswith("项目支出"):
            want = r"^基本支出$|^基本支出/小计$" if s.endswith("基本支出") else r"^项目支出$|^项目支出总数$"
            key = "general_budget_expenditure" if general else "expenditure"
            t = self.t(key)
            if t is None:
                return None
            c = self._total_row_cell(key, want=want.replace("/小计", ""))
            if c is None and s.endswith("基本支出"):
                c = self._basic_subtotal(key)
            if c is None and s.endswith("基本支出") and general:
                c = self._total_row_cell("general_budget_basic_economic")  # that table is the basic spending
            return c
        if s in FUNCTION_CLASSES:
            if general:
                return self._class_row("general_budget_expenditure", s)
            if "财政拨款" in ctx:
                return self._side_row("appropriation_summary", "支出", lambda lab: norm(lab) == s)
            return self._class_row("expenditure", s) or self._side_row("summary", "支出", lambda lab: norm(lab) == s)
        if re.search(r"(一般公共预算当年拨款|一般公共预算拨款支出|一般公共预算支出)$", s):
            return self._total_row_cell("general_budget_expenditure")
        if re.fullmatch(r"财政拨款(收入|支出|收支|收入支出)总计", s):
            return self._side_grand("appropriation_summary", "收入" if "收" in s else "支出")
        if re.search(r"收入总计$", s) or s in ("收入总计",):
            return self._side_grand("summary", "收入")
        if re.search(r"支出总计$", s):
            return self._side_grand("summary", "支出")
        if s in ("本年收入", "本年收入合计"):
            return self._side_row("summary", "收入", lambda lab: bool(_YEAR_TOTAL["收入"].match(norm(lab))))
        if s in ("本年支出", "本年支出合计", "本年预算安排"):
            return self._side_row("summary", "支出", lambda lab: bool(_YEAR_TOTAL["支出"].match(norm(lab))))
        if s in ("支出预算", "部门支出预算", "支出预算合计", "支出预算总计") and "决算" not in subject:
            return self._total_row_cell("expenditure")
        if s in ("上年结转", "上年结转收入", "上年结转结余", "上年财政拨款结转"):
            key = "appropriation_summary" if "财政拨款" in ctx or "财政拨款" in s else "summary"
            return self._side_row(key, "收入", lambda lab: norm(lab).startswith(("上年结转", "上年财政拨款结转")))
        if s in ("预算收入", "收入预算", "部门预算收入", "收入", "收入预算合计", "收入预算总计"):
            return self._side_grand("summary", "收入")
        if s in ("当年拨款收入", "本年拨款收入", "当年财政拨款收入"):
            return self._side_row("appropriation_summary", "收入", lambda lab: bool(_YEAR_TOTAL["收入"].match(norm(lab))))
        return self._plain_lookup(s, context)

    def _plain_lookup(self, s: str, context: str) -> Cell | None:
        """Subjects that name a total or a revenue source in words of their own: "支出预算总计", "收支总预算",
        "一般公共预算财政拨款支出预算", "政府性基金支出预算支出", "事业收入", "本年其他资金收入"."""
        p = _plain(s)
        if p != s and p:
            cell = self.lookup(p, context)
            if cell is not None:
                return cell
        ctx = norm(context)
        if p and p in self._unit_names():
            # "深圳市财政局（本级）预算37,385.88万元": the one unit's budget, the expenditure total
            return self._total_row_cell("expenditure")
        if p in ("支出", "部门支出", "总支出", "支总"):
            return self._total_row_cell("expenditure") \
                or self._side_row("summary", "支出", lambda lab: bool(_YEAR_TOTAL["支出"].match(norm(lab))))
        if re.fullmatch(r"年初结转(和|及)?结余(资金)?", p):
            return self._side_row("summary", "收入", lambda lab: norm(lab).startswith("年初结转"))
        if re.fullmatch(r"(年终|年末)?结转(和|及)?结余(资金)?|结转下年(资金)?", p):
            return self._side_row("summary", "支出", lambda lab: bool(re.match(r"^([一二三四五六七八九十]+、)?(结转下年|年终结转|年末结转)", norm(lab))))
        if p in ("收支总", "部门收支总", "收入支出总计", "收支总计"):
            return self._side_grand("summary", "收入")
        if p in ("财政拨款收支总", "财政拨款收支总计"):
            return self._side_row("appropriation_summary", "收入", lambda lab: bool(_GRAND["收入"].match(norm(lab))))
        if p in ("财政拨款支出", "财政拨款预算支出"):
            return self._side_row("appropriation_summary", "支出", lambda lab: bool(_YEAR_TOTAL["支出"].match(norm(lab)))) \
                or self._side_row("appropriation_summary", "支出", lambda lab: bool(_GRAND["支出"].match(norm(lab))))
        m = re.fullmatch(r"(一般公共预算|政府性基金|国有资本经营)(预算)?(财政)?(拨款)?(支出)", p)
        if m:
            key = {"一般公共预算": "general_budget_expenditure", "政府性基金": "gov_fund_expenditure",
                   "国有资本经营": "state_capital"}[m.group(1)]
            return self._total_row_cell(key) or self._printed_empty(key)
        if re.search(r"(收入|资金|拨款)$", p) and "支出" not in p:
            key = _source_key(p)
            table = "appropriation_summary" if "财政拨款" in ctx and key in ("一般公共", "政府性基金", "国有资本经营") \
                else "summary"
            return self._side_row(table, "收入", lambda lab: _source_key(lab) == key) \
                or (self._appropriations_income(table) if key == "财政" else None)
        return self.project(s)

    def _appropriations_income(self, key: str) -> Cell | None:
        """财政拨款收入 where the table prints only its funds (Beijing: 一般公共预算拨款收入, 政府性基金预算拨款收入,
        国有资本经营预算拨款收入): their sum, blank rows being zero."""
        t = self.t(key)
        if t is None or not t.two_sided:
            return None
        groups = two_sided_cells(t).get("收入") or []
        if not groups or not groups[0][1]:
            return None
        _lj, vcols, rows = groups[0]
        funds = [(i, page, label, vals.get(vcols[0], Decimal(0))) for i, page, label, vals in rows
                 if label and _source_key(label) in ("一般公共", "政府性基金", "国有资本经营")]
        if len(funds) < 2:
            return None
        total = sum((v for *_x, v in funds), Decimal(0))
        what = (f"表 {t.key} 收入 " + " + ".join(f"第{i}行 {label} {fmt(v)}" for i, _p, label, v in funds)
                + f" = {fmt(total)}{t.unit}（财政拨款三项之和）")
        i, page, label, _v = funds[0]
        return Cell(total, t.unit, t.key, i, f"收入 / {t.columns[vcols[0]].name}", page, label, what=what,
                    err=sum((half_unit(v) for *_x, v in funds if v), Decimal(0)))  # blank rows are exact zeros

    def project(self, subject: str) -> Cell | None:
        """A project named in the text, by its exact name in the project table(s); a project printed on several
        rows (one per fund or unit) is their sum."""
        name = norm(subject)
        hits = [(r, key) for _u, r, key in _project_entries(self.tables) if norm(r.label) == name]
        if not hits or len({key for _r, key in hits}) != 1:
            return None
        t = self.t(hits[0][1])
        j = value_column(t)
        if j is None:
            return None
        vals = [r.values.get(j, Decimal(0)) for r, _k in hits]
        r0 = hits[0][0]
        if len(hits) == 1:
            return Cell(vals[0], t.unit, t.key, r0.index, t.columns[j].name, r0.page, r0.label)
        total = sum(vals, Decimal(0))
        what = (f"表 {t.key} 同名项目 {len(hits)} 行（第{'、'.join(str(r.index) for r, _k in hits)}行）「{t.columns[j].name}」 "
                + " + ".join(fmt(v) for v in vals) + f" = {fmt(total)}{t.unit}")
        return Cell(total, t.unit, t.key, r0.index, t.columns[j].name, r0.page, r0.label, what=what,
                    err=sum((half_unit(v) for v in vals), Decimal(0)))

    def units(self) -> list[str]:
        if self._units is None:
            self._units = self._list_units()
        return self._units

    def _list_units(self) -> list[str]:
        """The budget units (not the department) the tables list: heads of project-table blocks and the unit rows
        (UNIT_NAME) under the department row of the revenue and expenditure tables."""
        from .tables import DEPT_TOTAL, UNIT_NAME
        names = [u for u, _r, _k in _project_entries(self.tables) if u]
        depts = set()
        for t in self.tables:
            if t.key.startswith("project_expenditure") and not t.empty and not t.two_sided:
                dept = project_rows(t)[0]
                if dept is not None and dept.label:
                    depts.add(norm(dept.label))
        for key in ("revenue", "expenditure"):
            t = self.t(key)
            if t is None or t.two_sided:
                continue
            rows = table_rows(t)
            unit_rows = [r for r in rows if r.values and UNIT_NAME.search(norm(r.label))
                         and not DEPT_TOTAL.search(norm(r.label))]
            names += [r.label for r in unit_rows[1:]] if len(unit_rows) > 1 else []
            if unit_rows:
                depts.add(norm(unit_rows[0].label))
        # a unit that bears the department's own name is, in prose, the department
        return [n for n in dict.fromkeys(norm(n) for n in names if n) if n not in depts]

    def unit_cells(self, unit: str, subject: str) -> list[Cell]:
        """A unit's own figure: its row in the revenue / expenditure table, in the column the subject names
        (项目支出, 基本支出…) or, for the unit's whole budget (预算, 预算收入, 支出预算…), the first amount column."""
        plain = _plain(_subj(subject))
        u = norm(unit)
        for k in range(len(u) - 1):  # the unit's name, or its tail, leading the subject
            if plain.startswith(u[k:]) and len(u) - k >= 3:
                plain = plain[len(u) - k:]
                break
        name = re.sub(r"(预算|安排)$", "", plain)
        whole = re.fullmatch(r"(部门|单位)?(预算)?(收入|支出)?(预算|总计|合计)?", plain or "x") is not None
        out = [x for x in self.project_readings(subject, every=True) if x.label.startswith(f"{norm(unit)} / ")]
        for key in (("revenue", "expenditure") if "收入" in subject else ("expenditure", "revenue")):
            t = self.t(key)
            if t is None or t.two_sided:
                continue
            rows = [r for r in table_rows(t) if norm(r.label) == norm(unit)]
            if len(rows) != 1:
                continue
            r = rows[0]
            j = value_column(t) if whole else _named_column(t, name, suffix=r"(预算|安排)$", group=False)
            if j is not None:
                out.append(_row_cell(t, r, j, r.label))
        return out

    def project_readings(self, subject: str, every: bool = False) -> list[Cell]:
        """Each row of the project(s) named ``subject`` on its own, labelled with its unit (several units may
        each run a project of the same name); ``every``: also where only one row has the name."""
        name = norm(subject)
        hits = [(norm(u), r, key) for u, r, key in _project_entries(self.tables) if norm(r.label) == name]
        if len(hits) < (1 if every else 2) or len({key for _u, _r, key in hits}) != 1:
            return []
        t = self.t(hits[0][2])
        j = value_column(t)
        if j is None:
            return []
        return [Cell(r.values.get(j, Decimal(0)), t.unit, t.key, r.index, t.columns[j].name, r.page,
                     f"{u} / {r.label}" if u else r.label) for u, r, _k in hits]

    def _unit_names(self) -> set[str]:
        """The budget unit of a single-unit disclosure, as its tables name it in a unit column."""
        t = self.t("expenditure")
        if t is None or t.two_sided:
            return set()
        names = {norm(r.section) for r in table_rows(t) if r.section}
        return names if len(names) == 1 else set()

    def _printed_empty(self, key: str) -> Cell | None:
        """A statutory table the document prints with no rows (本表无数据, or only headers): it states zero."""
        t = next((x for x in self.tables if x.key == key), None)
        if t is None or not t.empty:
            return None
        page = t.pages[0] if t.pages else None
        return Cell(Decimal(0), t.unit or "万元", t.key, None, "", page, t.title or key,
                    what=f"表 {t.key}「{t.title or key}」（第{page}页）为空表，即 0")

    def _staff_from_classes(self, staff: bool) -> Cell | None:
        """人员经费 or 公用经费 where the basic-economic table prints no such column: by the usual definition,
        人员经费 = 工资福利支出 (301) + 对个人和家庭的补助 (303) and 公用经费 = the rest of 基本支出.  Not every
        document counts so (Hangzhou puts part of 303 under 公用), so a disagreement is unverifiable."""
        found = self._dept_table("general_budget_basic_economic")
        if found is None:
            return None
        t, rows = found
        j = value_column(t, want=r"^基本支出$")
        if j is None:
            j = value_column(t)
        total = grand_total_row(rows)

        def econ_class(code: str, name: str) -> TableRow | None:
            hits = [r for r in rows if r.code == code or (not r.code and norm(r.label).startswith(name))]
            return hits[0] if len(hits) == 1 else None

        econ = class_codes("economic_classes")
        wages, families = (econ_class(c, econ[c]) for c in personnel_classes("economic_classes"))
        if j is None or total is None or j not in total.values or wages is None or families is None:
            return None
        w, f, tot = wages.values.get(j, Decimal(0)), families.values.get(j, Decimal(0)), total.values[j]
        staff_v = w + f
        col = t.columns[j].name
        parts = f"{wages.code} {wages.label} {fmt(w)} + {families.code} {families.label} {fmt(f)}".strip()
        if staff:
            value, err = staff_v, half_unit(w) + half_unit(f)
            what = f"表 {t.key}「{col}」 {parts} = {fmt(value)}{t.unit}（人员经费的通常口径，表中无人员经费列）"
        else:
            value, err = tot - staff_v, half_unit(w) + half_unit(f) + half_unit(tot)
            what = (f"表 {t.key}「{col}」 {total.label or '合计'} {fmt(tot)} − （{parts}）= {fmt(value)}{t.unit}"
                    "（公用经费的通常口径：基本支出减人员经费，表中无公用经费列）")
        return Cell(value, t.unit, t.key, total.index, col, total.page, total.label, what=what, err=err,
                    definition="人员经费 = 工资福利支出 + 对个人和家庭的补助; 公用经费 = 基本支出 − 人员经费")

    def earlier(self, subject: str, context: str, year: int | None) -> Cell | None:
        """An earlier year's figure where this disclosure's own table prints it (a 三公 table with a row per year)."""
        if year is None or year == self.year:
            return None
        concept = _three_public_concept(_subj(subject))
        if concept is None:
            return None
        return self.three_public(concept, True if "决算" in subject else False if "预算" in subject else None, year=year)

    def project_total(self, fund: str = "") -> Cell | None:
        """The projects' total; ``fund``: of that fund's column ("财政拨款": 财政拨款 / 小计), else all funds."""
        t = self.t("project_expenditure")
        if t is not None:
            dept, units, loose = project_rows(t)
            j = value_column(t)
            if fund:
                cols = [k for k, c in enumerate(t.columns) if c.role == "value" and c.path and fund in c.path[0]]
                j = next((k for k in cols if len(t.columns[k].path) == 1 or TOTAL_EL.search(t.columns[k].path[-1])),
                         cols[0] if cols else None)
                if j is None:
                    return None
            if dept is None and len(units) == 1 and not loose:
                dept = units[0][0]  # one unit: its row is the department's
            if dept is not None and j in dept.values:
                return Cell(dept.values[j], t.unit, t.key, dept.index, t.columns[j].name, dept.page, dept.label)
        return self._total_row_cell("expenditure", want=r"^项目支出$")

    def performance_total(self, fund: str = "") -> tuple[Cell, int] | None:
        """The money of the projects the performance-target tables enumerate, and how many they are: the sum of
        each 绩效目标表 form's year total (年度预算资金总额; ``fund`` "财政拨款": its 其中：财政拨款 line) or of a
        performance list's amount column (项目 | 金额 | 绩效目标).  None when the tables print no such amount for
        every project (a form with two totals and no 年度 to choose, a list without an amount column)."""
        if fund not in self._performance:
            self._performance[fund] = self._performance_total(fund)
        return self._performance[fund]

    def _performance_total(self, fund: str) -> tuple[Cell, int] | None:
        from .tidy import form_rows

        total_rx = re.compile(r"^(年度)?(预算)?(资金)?总额$|^(年度)?(项目)?资金总额$|^年度(预算)?资金$")
        fund_rx = re.compile(rf"^(当年)?{fund}(资金)?$") if fund else None
        amounts: list[Decimal] = []
        pages: list[int] = []
        unit = ""
        for t in self.tables:
            if t.empty or not t.key.startswith(("performance_targets", "performance_list")):
                continue
            if t.key.startswith("performance_list"):
                j = next((k for k, c in enumerate(t.columns) if c.role == "value"
                          and (re.search(fund, c.name) if fund else re.search(r"金额|资金|预算|合计|小计", c.name))), None)
                if j is None:
                    return None
                for r in table_rows(t):
                    if j in r.values and not TOTAL_LABEL.match(norm(r.label)):
                        amounts.append(r.values[j])
                        pages.append(r.page)
                unit = unit or t.unit
                continue
            per_project: dict[str, list[dict]] = {}
            for row in form_rows("", t):
                per_project.setdefault(row["section"], []).append(row)
            for project, rows in per_project.items():
                hits = [r for r in rows if (fund_rx or total_rx).search(norm(r["item"]))]
                yearly = [r for r in hits if r["column"] == "年度"] or hits
                if len(yearly) != 1:
                    return None
                amounts.append(Decimal(yearly[0]["value"]))
                pages.append(int(yearly[0]["page"]))
                unit = unit or yearly[0]["unit"]
        if not amounts:
            return None
        value = sum(amounts, Decimal(0))
        what = (f"绩效目标表 {len(amounts)} 个项目的{fund or '年度资金'}之和 {fmt(value)}{unit}"
                f"（第{min(pages)}–{max(pages)}页）")
        return Cell(value, unit, "performance_targets", None, fund or "年度资金总额", min(pages), "Σ 项目",
                    what=what, err=sum((half_unit(a) for a in amounts), Decimal(0))), len(amounts)

    def _basic_subtotal(self, key):
        t = self.t(key)
        if t is None:
            return None
        for j, c in enumerate(t.columns):
            if c.role == "value" and len(c.path) >= 2 and c.path[-2] == "基本支出" and TOTAL_EL.search(c.path[-1]):
                rows = table_rows(t)
                r = grand_total_row(rows)
                if r is not None and j in r.values:
                    return Cell(r.values[j], t.unit, t.key, r.index, c.name, r.page, r.label)
        return None


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
