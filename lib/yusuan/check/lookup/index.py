"""The tables of one disclosure as the lookups read them (:class:`_Tables`, the base of
:class:`~yusuan.check.lookup.readings.TableIndex`): each table, its department and total rows, the row of a
class or a label, a side's grand total, the 三公 figures (by column, by row, by the row of a year), 政府采购,
projects and units, 人员经费/公用经费 rebuilt from the economic classes, performance forms' totals."""
from __future__ import annotations

import re
from decimal import Decimal

from yusuan.base.numbers import half_unit
from yusuan.check.findings import fmt
from yusuan.check.identities.per_table import _ITEM_LEAD
from yusuan.check.lookup.cells import (_FUND_NAMES, Cell, _column_year, _fund_key, _named_column, _one_unit, _plain,
                                       _project_entries, _row_cell, _source_key, _subj, _three_public_concept)
from yusuan.tables.rows import (_GRAND, _YEAR_TOTAL, ENUM_LABEL, MEMO_EL, TOTAL_EL, TOTAL_LABEL, TableRow, find_table,
                                grand_total_row, norm, project_rows, table_rows, two_sided_cells, value_column)
from yusuan.vocab import class_codes, personnel_classes, words


# a row that is the 三公 total by its name: "“三公”经费", "三公经费合计", "“三公”经费支出"
_THREE_PUBLIC_ROW = re.compile(r"^[“\"]?三公[”\"]?经费(支出)?(预算)?(合计|小计|总计)?$")
_OWN_LEVEL = re.compile(r"[（(]本级[）)]$|本级$")  # a unit's own spending (本级), never the department's total


def _department_block(rows: list[TableRow]) -> list[TableRow]:
    """The department's rows of a table printed unit by unit in a unit column (深圳: the department, then
    "…（本级）" and each unit below it, each with its own total and rows): the first unit's block when it is the
    department — a later unit is named after it ("深圳市人力资源和社会保障局（本级）" under "深圳市人力资源和社会
    保障局") or it is labelled as the total (合计, （部门）) — and its rows come first.  [] otherwise: the first unit
    of a table that lists units only is not the department, and 本级 is one unit of it."""
    sections = list(dict.fromkeys(norm(r.section) for r in rows if r.section))
    if len(sections) < 2 or not rows or norm(rows[0].section) != sections[0]:
        return []
    first = sections[0]
    if _OWN_LEVEL.search(first):
        return []
    from yusuan.tables.printed import DEPT_TOTAL
    if not (DEPT_TOTAL.search(first) or any(s != first and s.startswith(first) for s in sections[1:])):
        return []
    block = []
    for r in rows:
        if r.section and norm(r.section) != first:
            break
        block.append(r)
    return block


class _Tables:
    """The tables of one disclosure as the lookups read them: each table, its department and total rows, the
    rows of a class, a side's grand total, the 三公, procurement, project, unit and performance figures.
    :class:`TableIndex` adds the readings of a narrative subject."""

    def __init__(self, tables, year: int | None = None, department_block: bool = False):
        self.tables = tables
        self.year = year
        # read a table printed unit by unit at the department's own block (:func:`_department_block`): the key
        # figures do; the fact-check does not, for a narrative walks through the units ("…本级预算 11,429.20
        # 万元，…项目支出 5,996.74 万元") and a unit's figure is not the department's
        self.department_block = department_block
        self._units: list[str] | None = None  # units(), read once
        self._performance: dict[str, tuple[Cell, int] | None] = {}  # performance_total(fund), read once per fund

    def t(self, key):
        return find_table(self.tables, key)

    def _dept_table(self, key: str):
        """(table, rows) of a one-sided table of one budget unit — or, of a table printed unit by unit, the
        department's own block (:func:`_department_block`, when ``department_block``) — else None: only such rows
        have a single department row for a figure to be read from."""
        t = self.t(key)
        if t is None or t.two_sided:
            return None
        rows = table_rows(t)
        if _one_unit(rows):
            return t, rows
        block = _department_block(rows) if self.department_block else []
        return (t, block) if block else None

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
        years = {j: y for j, c in enumerate(t.columns)
                 if c.role == "value" and (y := _column_year(c, self.year)) is not None}
        if year is not None and year != self.year and year not in dated and year not in years.values():
            return None  # another year's figure only where the table prints that year (a row, or columns)
        # row layout: rows name the concepts (因公出国… / 公务接待费 / 公务用车…), a 合计 row above them — or a row
        # named for the 三公 themselves (广州: "“三公”经费" under 行政经费); a table whose rows are units (合计, then
        # each unit) is a column layout
        concept_rows = any(re.search(r"出国|接待|用车", norm(r.label)) for r in rows)
        for r in (rows if concept_rows else []):
            lab = _ITEM_LEAD.sub("", norm(r.label))
            hit = (TOTAL_LABEL.match(lab) or _THREE_PUBLIC_ROW.match(lab)) if concept == "total" else re.search(rx, lab)
            if hit:
                j = value_column(t)
                if year != self.year and years:
                    # the column of the year asked for (a row per item, a column per year)
                    j = next((k for k, y in years.items() if y == year and k in r.values
                              and not MEMO_EL.search(t.columns[k].name)), None)
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
        """The figure of ``subject`` within the classification item ``scope``: the row of the item's code (or of
        the function class it names), the column the subject names ("进修及培训（20508）" × "人员经费" → row 20508, column 基本支出 / 人员经费), in
        every department table that prints such a column by classification rows.  [] if none does."""
        m = re.search(r"(\d{3,7})", scope)
        name = re.sub(r"(预算|安排|支出)$", "", _plain(_subj(subject)))
        cls = norm(re.sub(r"[（(](类|款|项)[）)]", "", scope))
        if len(name) < 2 or (m is None and cls not in class_codes("function_classes").values()):
            return []
        code = m.group(1) if m else None
        out = []
        for t in self.tables:
            if t.empty or t.two_sided:
                continue
            # the item's row: by its code, or a function class's by its name ("一般公共服务支出…其中人员经费…")
            rows = [r for r in table_rows(t) if (r.code == code if code else
                                                 norm(r.label) == cls and (not r.code or len(r.code) == 3))]
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
        from yusuan.tables.printed import DEPT_TOTAL, UNIT_NAME
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
        from yusuan.tables.tidy import form_rows

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
