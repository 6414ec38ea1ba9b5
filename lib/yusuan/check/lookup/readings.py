"""Every figure a narrative subject may be read as (:class:`TableIndex`): a classification path's row, a total or
revenue source named in words of its own, a fund's income with its carry-over, the figures above — the usual
reading first (:meth:`TableIndex.readings`, :meth:`TableIndex.lookup`)."""
from __future__ import annotations

import re
from decimal import Decimal

from yusuan.check.lookup.cells import (_NOT_A_PROJECT, Cell, _one_unit, _plain, _procurement_kind, _source_key, _subj,
                                       _three_public_concept)
from yusuan.check.lookup.index import _Tables
from yusuan.check.lookup.paths import _path_coded, _path_text, _path_uncoded, classification_path
from yusuan.tables.codes import split_leading_code
from yusuan.tables.rows import (_GRAND, _YEAR_TOTAL, FUNCTION_CLASSES, TOTAL_EL, TOTAL_LABEL, norm, table_rows,
                                value_column)


class TableIndex(_Tables):
    """Finds the table cell a narrative subject names."""

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
        label = norm(cell.label.removesuffix("（空白）"))
        if cell.table in ("summary", "appropriation_summary") and cell.column.startswith("收入") and label \
                and not (TOTAL_EL.search(label) or TOTAL_LABEL.match(label) or _GRAND["收入"].match(label)
                         or _YEAR_TOTAL["收入"].match(label)):
            # a revenue source both two-sided tables print: 收支总表's row may hold the carry-over, 财政拨款收支总表's
            # 本年 row not (重庆: 一般公共预算资金 101,833.84 | 99,320.55) — each is a reading (issue 23)
            other = "appropriation_summary" if cell.table == "summary" else "summary"
            key = _source_key(label)
            extra = self._side_row(other, "收入", lambda lab: _source_key(lab) == key) if len(key) >= 2 else None
            if extra is not None and extra.value != cell.value:
                out.append(extra)
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
