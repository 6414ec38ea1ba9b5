"""Recompute every figure the narrative states (claims.py) from the document's own numbers.

* ``claim_share`` — 占X%: 100 × amount / total, the amount stated just before in the
  sentence and the total of the scope it belongs to (or the basis found in the tables).
* ``claim_amount`` — an amount against the table row it names (function class → the
  class row; 基本支出/项目支出 → the expenditure total row's columns; 人员经费/公用经费 → the
  basic-economic total; 三公 items → the 三公 table; budget totals → the summary table).
  A stated amount no table prints is ``unverifiable`` with the reason.
* ``claim_sum`` — a stated total against the parts the next sentence lists (政府采购
  224.87 = 货物 96.77 + 工程 0 + 服务 128.1).  Parts that add up to less than the total
  are only reported for known complete breakdowns (政府采购, 三公, 基本支出, 支出).
* ``claim_change`` — a growth rate from the two amounts in the sentence (1.38% from
  21.73 and 1,592.14 → 21.73 / (1,592.14 − 21.73)); a change amount or a "与上年相同"
  needs last year's disclosure: without ``previous`` it is ``unverifiable`` with the
  previous-year figure it implies, with ``previous`` it is recomputed against it.
* ``claim_count`` — 实行绩效目标管理的项目N个 against the distinct projects of the
  project expenditure table (the same project split over two rows counts once).  A
  count that names its items ("人民政府办公室重大项目分别有A、B、C3个项目") is checked
  for as many items as stated, each a project of that unit in the project table(s);
  when the items fall under a budget category no table gives ("有1项政府购买服务项目为A")
  the items are checked but the count is ``unverifiable``.  Vehicles and equipment
  (辆, 台（套）) are counted by no table: ``unverifiable``.  A claim without a subject
  is reported as ``unverifiable`` under「（主语未识别）」, never with an empty subject.
* ``claim_list_items`` — every item of "公用经费…主要包括：…" exists in the
  basic-economic table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .checks import (FUNCTION_CLASSES, TOTAL_EL, TOTAL_LABEL, TableRow, _find_label, _GRAND, _YEAR_TOTAL, find_table,
                     grand_total_row, norm, project_rows, table_rows, two_sided_cells, value_column)
from .claims import _OWNER
from .findings import Finding, fmt, half_unit, judge, quantize_like, ratio_tolerance, severity_of
from .text import fold

__all__ = ["Cell", "TableIndex", "recompute_claims"]

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

    def describe(self) -> str:
        return f"表 {self.table} 第{self.row}行 {self.label}「{self.column}」 {fmt(self.value)}{self.unit}"


def convert(v: Decimal, unit: str, target: str) -> Decimal | None:
    if unit == target:
        return v
    if unit not in _UNITS or target not in _UNITS:
        return None
    return v * _UNITS[unit] / _UNITS[target]


def _subj(s: str) -> str:
    s = norm(s or "")
    s = re.sub(r"^((19|20)\d{2}年(度)?)", "", s)
    s = re.sub(r"(预算数|预算|决算数|决算)$", "", s)
    return s


def _fund_key(s: str) -> str:
    s = norm(s)
    for w in ("拨款", "收入", "资金", "预算", "财政"):
        s = s.replace(w, "")
    return s


# --------------------------------------------------------------------------- table lookups

class TableIndex:
    """Finds the table cell a narrative subject names."""

    def __init__(self, tables):
        self.tables = tables

    def t(self, key):
        return find_table(self.tables, key)

    def _total_row_cell(self, key: str, want: str | None = None) -> Cell | None:
        t = self.t(key)
        if t is None or t.two_sided:
            return None
        rows = table_rows(t)
        if any(r.section for r in rows):
            return None  # several units: no single department total row
        r = grand_total_row(rows)
        if r is None:
            return None
        j = value_column(t, want=want) if want else value_column(t)
        if j is None or j not in r.values:
            return None
        return Cell(r.values[j], t.unit, t.key, r.index, t.columns[j].name, r.page, r.label)

    def _class_row(self, key: str, name: str) -> Cell | None:
        t = self.t(key)
        if t is None or t.two_sided:
            return None
        rows = table_rows(t)
        if any(r.section for r in rows):
            return None
        j = value_column(t)
        hits = [r for r in rows if norm(r.label) == name and (not r.code or len(r.code) == 3) and j in r.values]
        if len(hits) != 1 or j is None:
            return None
        r = hits[0]
        return Cell(r.values[j], t.unit, t.key, r.index, t.columns[j].name, r.page, r.label)

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
                # a printed row whose amount cell is blank: the table states zero
                return Cell(Decimal(0), t.unit, t.key, i, f"{side} / {t.columns[vcols[0]].name}", page, label + "（空白）")
        return None

    def three_public(self, concept: str, final: bool = False) -> Cell | None:
        t = self.t("three_public")
        if t is None:
            return None
        rx = {"total": None, "abroad": r"因公出国", "reception": r"公务接待", "car": r"购置及运行",
              "car_buy": r"^[①②]?(公务用车)?购置费$", "car_run": r"^[①②]?(公务用车)?运行(维护)?费$"}[concept]
        rows = table_rows(t)
        if any(r.section for r in rows):
            return None
        # row layout
        for r in rows:
            lab = norm(r.label)
            hit = TOTAL_LABEL.match(lab) if concept == "total" else re.search(rx, lab)
            if hit:
                j = value_column(t)
                if j is not None and j in r.values:
                    return Cell(r.values[j], t.unit, t.key, r.index, t.columns[j].name, r.page, r.label)
                if j is not None and concept != "total":
                    return Cell(Decimal(0), t.unit, t.key, r.index, t.columns[j].name, r.page, r.label + "（空白）")
        # column layout: the department row
        data = [r for r in rows if r.values]
        row = grand_total_row(rows) or (data[0] if len(data) == 1 else None)
        if row is None:
            return None
        for j, c in enumerate(t.columns):
            if c.role != "value" or re.search(("预算数|" if final else "决算|") + r"会议|培训|机关运行", c.name):
                continue
            els = [norm(e) for e in c.path]
            if concept == "total":
                ok = ("三公" in c.name and TOTAL_EL.search(els[-1]) and not any(re.search(r"出国|接待|用车", e) for e in els)) \
                    or (els[-1] in ("合计", "总计") and len(els) == 1 and not any("会议" in x.name for x in t.columns))
            elif concept == "car":
                ok = any(re.search(rx, e) for e in els) and (TOTAL_EL.search(els[-1]) or re.search(rx, els[-1]))
            else:
                ok = any(re.search(rx, e) for e in els)
            if ok:
                v = row.values.get(j, Decimal(0))
                return Cell(v, t.unit, t.key, row.index, c.name, row.page, row.label or "（部门）")
        return None

    def lookup(self, subject: str, context: str = "") -> Cell | None:
        s = _subj(subject)
        ctx = norm(context)
        if not s:
            return None
        final = "决算" in subject
        if "三公" in s and not re.search(r"出国|接待|用车", s):
            return self.three_public("total", final)
        for concept, rx in (("abroad", r"因公出国"), ("reception", r"公务接待"), ("car", r"购置及运行"),
                            ("car_buy", r"公务用车购置费$"), ("car_run", r"公务用车运行(维护)?费$")):
            if re.search(rx, re.sub(r"支出$", "", s)):
                return self.three_public(concept, final)
        if s.endswith("机关运行经费"):
            return self._total_row_cell("admin_operating")
        if s in ("人员经费", "公用经费", "日常公用经费") or s.endswith(("基本支出人员经费", "基本支出公用经费")):
            want = r"人员" if "人员" in s else r"公用"
            return self._total_row_cell("general_budget_basic_economic", want=want)
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
            return c
        if s in FUNCTION_CLASSES:
            if general:
                return self._class_row("general_budget_expenditure", s)
            if "财政拨款" in ctx:
                return self._side_row("appropriation_summary", "支出", lambda lab: norm(lab) == s)
            return self._class_row("expenditure", s) or self._side_row("summary", "支出", lambda lab: norm(lab) == s)
        if re.search(r"(一般公共预算当年拨款|一般公共预算拨款支出|一般公共预算支出)$", s):
            return self._total_row_cell("general_budget_expenditure")
        if re.search(r"收入总计$", s) or s in ("收入总计",):
            return self._side_row("summary", "收入", lambda lab: bool(_GRAND["收入"].match(norm(lab))))
        if re.search(r"支出总计$", s):
            return self._side_row("summary", "支出", lambda lab: bool(_GRAND["支出"].match(norm(lab))))
        if s in ("本年收入", "本年收入合计"):
            return self._side_row("summary", "收入", lambda lab: bool(_YEAR_TOTAL["收入"].match(norm(lab))))
        if s in ("本年支出", "本年支出合计", "本年预算安排"):
            return self._side_row("summary", "支出", lambda lab: bool(_YEAR_TOTAL["支出"].match(norm(lab))))
        if s in ("支出预算", "部门支出预算") and "决算" not in subject:
            return self._total_row_cell("expenditure")
        if s in ("上年结转", "上年结转收入", "上年结转结余", "上年财政拨款结转"):
            key = "appropriation_summary" if "财政拨款" in ctx or "财政拨款" in s else "summary"
            return self._side_row(key, "收入", lambda lab: norm(lab).startswith(("上年结转", "上年财政拨款结转")))
        if s in ("预算收入", "收入预算", "部门预算收入", "收入"):
            return self._side_row("summary", "收入", lambda lab: bool(_GRAND["收入"].match(norm(lab))))
        if s in ("当年拨款收入", "本年拨款收入", "当年财政拨款收入"):
            return self._side_row("appropriation_summary", "收入", lambda lab: bool(_YEAR_TOTAL["收入"].match(norm(lab))))
        if re.search(r"(拨款收入|预算收入|资金收入|预算拨款|^单位资金)$", s) and len(_fund_key(s)) >= 2:
            key = _fund_key(s)
            table = "appropriation_summary" if "财政拨款" in ctx else "summary"
            return self._side_row(table, "收入", lambda lab: _fund_key(lab) == key)
        return None

    def project_total(self) -> Cell | None:
        t = self.t("project_expenditure")
        if t is not None:
            dept, units, loose = project_rows(t)
            j = value_column(t)
            if dept is not None and j in dept.values:
                return Cell(dept.values[j], t.unit, t.key, dept.index, t.columns[j].name, dept.page, dept.label)
        return self._total_row_cell("expenditure", want=r"^项目支出$")

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


# --------------------------------------------------------------------------- helpers

def _f(doc_id, check, claim, status, **kw) -> Finding:
    return Finding(doc_id=doc_id, check=check, status=status, page=claim.page, sentence=claim.sentence,
                   subject=claim.subject, unit=kw.pop("unit", claim.unit), **kw)


def _unverifiable(doc_id, check, claim, reason, **kw) -> Finding:
    msg = f"第{claim.page}页「{claim.subject}」{fmt(claim.value) if claim.value is not None else ''}{claim.unit}: 无法核对 — {reason}"
    return _f(doc_id, check, claim, "unverifiable", reason=reason, message=msg, **kw)


def _compare_amount(doc_id, check, claim, stated: Decimal, cell: Cell, what: str = "") -> Finding:
    conv = convert(cell.value, cell.unit, claim.unit)
    if conv is None:
        return _unverifiable(doc_id, check, claim, f"units differ ({claim.unit} vs {cell.unit})")
    if quantize_like(conv, stated) == stated and half_unit(stated) >= half_unit(conv):
        status, diff = "ok", Decimal(0)
    else:
        tol = half_unit(stated) + (half_unit(cell.value) * _UNITS.get(cell.unit, 1) / _UNITS.get(claim.unit, 1))
        status, diff = judge(stated, conv, tol)
    sign = {"ok": "=", "rounding": "≈", "mismatch": "≠"}[status]
    msg = f"第{claim.page}页「{claim.subject}」{fmt(stated)}{claim.unit} {sign} {what or cell.describe()}"
    if status == "mismatch":
        msg += f"（差 {fmt(diff)}{claim.unit}）"
    return _f(doc_id, check, claim, status, severity=severity_of(status, diff, conv), table=cell.table, row=cell.row,
              column=cell.column, stated=stated, computed=conv, difference=diff, message=msg)


def _same_subject(a: str, b: str) -> bool:
    return _subj(a) == _subj(b) and bool(_subj(a))


# --------------------------------------------------------------------------- main

_EXHAUSTIVE = (
    (re.compile(r"政府采购"), re.compile(r"货物|工程|服务")),
    (re.compile(r"三公"), re.compile(r"出国|接待|用车")),
    (re.compile(r"基本支出$"), re.compile(r"人员经费|公用经费")),
    (re.compile(r"支出预算$|^支出$"), re.compile(r"基本支出|项目支出")),
)


def recompute_claims(doc_id: str, claims, tables, year: int | None = None, previous=None,
                     previous_year: int | None = None) -> list[Finding]:
    """Findings for every claim.  ``previous``: the prior year's tables (list of PrintedTable) or None."""
    idx = TableIndex(tables)
    prev_idx = TableIndex(previous) if previous is not None else None
    prev_year = previous_year or ((year - 1) if year else None)
    out: list[Finding] = []
    claims = list(claims)

    def prior_amount(k: int, subject: str, unit: str) -> tuple[int, object] | None:
        for m in range(k - 1, max(-1, k - 8), -1):
            c = claims[m]
            if c.kind == "amount" and not c.basis and c.unit == unit and _same_subject(c.subject, subject) \
                    and abs(c.page - claims[k].page) <= 1:
                return m, c
        return None

    def context(c) -> str:
        return " ".join(x for x in (c.parent, c.section, c.basis) if x)

    handled_parents: set[int] = set()
    for k, c in enumerate(claims):
        if not (c.subject or "").strip():
            # a figure whose subject the parser could not find (elided, or a garbled text layer)
            c = replace(c, subject=_NO_SUBJECT)
            out.append(_unverifiable(doc_id, _CHECK_OF_KIND.get(c.kind, f"claim_{c.kind}"), c,
                                     "the narrative names no subject for this figure that the parser could find"))
            continue
        try:
            if c.kind == "share":
                out.append(_share(doc_id, c, k, claims, prior_amount, idx))
            elif c.kind == "change_percent":
                out.append(_change_percent(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context))
            elif c.kind == "change_amount":
                out.append(_change_amount(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context))
            elif c.kind == "same":
                out.append(_same(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context))
            elif c.kind == "count":
                out.append(_count(doc_id, c, idx))
            elif c.kind == "list":
                out.append(_list(doc_id, c, idx))
            elif c.kind == "amount":
                out.extend(_amount(doc_id, c, k, claims, idx, prev_idx, year, prev_year, context, handled_parents))
        except (ArithmeticError, ValueError) as exc:  # a malformed figure must not stop the audit
            out.append(_unverifiable(doc_id, f"claim_{c.kind}", c, f"could not recompute ({type(exc).__name__})"))
    return out


def _share(doc_id, c, k, claims, prior_amount, idx) -> Finding:
    found = prior_amount(k, c.subject, "万元") or prior_amount(k, c.subject, "元") or prior_amount(k, c.subject, "亿元")
    if found is None:
        return _unverifiable(doc_id, "claim_share", c, "the sentence states no amount for this share")
    _m, amt = found
    total = c.total
    basis = c.basis or c.parent
    if total is None and basis:
        cell = idx.lookup(basis)
        if cell is not None:
            total = convert(cell.value, cell.unit, amt.unit)
    if total is None or total == 0:
        if amt.value == 0 and c.value == 0:
            return _f(doc_id, "claim_share", c, "ok", stated=c.value, computed=Decimal(0), difference=Decimal(0),
                      message=f"第{c.page}页「{c.subject}」0.00万元 占 0%")
        return _unverifiable(doc_id, "claim_share", c, f"no total found for the basis「{basis or '?'}」")
    computed = Decimal(100) * amt.value / total
    tol = ratio_tolerance(c.value, amt.value, total)
    status, diff = judge(c.value, computed, tol, exact=False)
    sign = {"ok": "=", "rounding": "≈", "mismatch": "≠"}[status]
    msg = (f"第{c.page}页「{c.subject}」占 {fmt(c.value)}% {sign} {fmt(amt.value)} / {fmt(total)} = "
           f"{fmt(quantize_like(computed, Decimal('0.0001')))}%")
    if status == "mismatch":
        msg += f"（差 {fmt(diff)} 个百分点）"
    return _f(doc_id, "claim_share", c, status, severity=severity_of(status, diff, c.value or computed),
              stated=c.value, computed=computed, difference=diff, tolerance=tol, unit="%", message=msg)


def _current_amount(c, k, prior_amount, idx, context, unit):
    found = prior_amount(k, c.subject, unit)
    if found is not None:
        return found[1].value, f"第{found[1].page}页所述 {fmt(found[1].value)}{unit}"
    cell = idx.lookup(c.subject, context(c))
    if cell is not None:
        v = convert(cell.value, cell.unit, unit)
        if v is not None:
            return v, cell.describe()
    return None, ""


def _change_percent(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context) -> Finding:
    # the change amount stated just before, same subject
    delta = None
    for m in range(k - 1, max(-1, k - 4), -1):
        d = claims[m]
        if d.kind == "change_amount" and _same_subject(d.subject, c.subject) and d.unit in _UNITS:
            delta = d
            break
    if delta is not None:
        cur, _src = _current_amount(delta, claims.index(delta), prior_amount, idx, context, delta.unit)
        based = _basis_amount(claims, claims.index(delta), delta)
        if cur is not None or based is not None:
            sign = Decimal(1) if (delta.direction or c.direction) != "减少" else Decimal(-1)
            if based is not None:  # "比2025年年初预算数30,385.62万元增加2,466.43万元，增长8.12%"
                prev = based.value
                cur = prev + sign * delta.value
            else:
                prev = cur - sign * delta.value
            if prev <= 0:
                return _unverifiable(doc_id, "claim_change", c, "implied previous amount is not positive")
            computed = Decimal(100) * delta.value / prev
            tol = ratio_tolerance(c.value, delta.value, prev, den_err=half_unit(cur) + half_unit(delta.value))
            status, diff = judge(c.value, computed, tol, exact=False)
            symbol = {"ok": "=", "rounding": "≈", "mismatch": "≠"}[status]
            msg = (f"第{c.page}页「{c.subject}」{c.direction}{fmt(c.value)}% {symbol} {fmt(delta.value)} / "
                   f"({fmt(cur)} {'−' if sign > 0 else '+'} {fmt(delta.value)}) = {fmt(quantize_like(computed, Decimal('0.0001')))}%")
            if status == "mismatch":
                msg += f"（差 {fmt(diff)} 个百分点）"
            return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value),
                      stated=c.value, computed=computed, difference=diff, tolerance=tol, unit="%", message=msg)
    cur, _src = _current_amount(c, k, prior_amount, idx, context, "万元")
    if prev_idx is None:
        return _unverifiable(doc_id, "claim_change", c,
                             f"needs the {prev_year or 'previous-year'} disclosure (no change amount in the sentence)")
    cell = prev_idx.lookup(c.subject, context(c))
    if cell is None or cur is None:
        return _unverifiable(doc_id, "claim_change", c, f"no {prev_year} table figure for「{c.subject}」")
    pv = convert(cell.value, cell.unit, "万元")
    if not pv:
        return _unverifiable(doc_id, "claim_change", c, f"{prev_year} figure for「{c.subject}」is zero")
    computed = Decimal(100) * abs(cur - pv) / pv
    tol = ratio_tolerance(c.value, abs(cur - pv), pv, num_err=half_unit(cur) + half_unit(pv))
    status, diff = judge(c.value, computed, tol, exact=False)
    return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value), stated=c.value,
              computed=computed, difference=diff, tolerance=tol, unit="%",
              message=f"第{c.page}页「{c.subject}」{c.direction}{fmt(c.value)}% vs {fmt(cur)} / {prev_year}年 {fmt(pv)}")


def _basis_amount(claims, k, c):
    """The previous-year amount stated in the sentence itself ("比上年预算数X万元增加…"), if any."""
    for m in range(k - 1, max(-1, k - 4), -1):
        d = claims[m]
        if d.kind == "amount" and d.basis and d.unit == c.unit and d.sentence == c.sentence:
            return d
    return None


def _change_amount(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context) -> Finding:
    if c.unit not in _UNITS:
        return _unverifiable(doc_id, "claim_change", c, f"a change in {_counted(c) or c.unit}; no table counts it")
    based = _basis_amount(claims, k, c)
    cur0 = prior_amount(k, c.subject, c.unit)
    if based is not None and cur0 is not None and cur0[1].sentence == c.sentence:
        cur, pv = cur0[1].value, based.value
        sign = Decimal(1) if c.direction != "减少" else Decimal(-1)
        computed = sign * (cur - pv)
        tol = half_unit(c.value) + half_unit(cur) + half_unit(pv)
        status, diff = judge(c.value, computed, tol)
        symbol = {"ok": "=", "rounding": "≈", "mismatch": "≠"}[status]
        msg = f"第{c.page}页「{c.subject}」{c.direction}{fmt(c.value)}{c.unit} {symbol} {fmt(cur)} − {fmt(pv)}（句中所述上年数）"
        return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value), stated=c.value,
                  computed=computed, difference=diff, tolerance=tol, message=msg)
    cur, src = _current_amount(c, k, prior_amount, idx, context, c.unit)
    if cur is None:
        return _unverifiable(doc_id, "claim_change", c, "no current amount for this subject in the sentence or the tables")
    sign = Decimal(1) if c.direction != "减少" else Decimal(-1)
    implied = cur - sign * c.value
    implied_txt = (f"implies {prev_year} {c.subject} = {fmt(cur)} {'−' if sign > 0 else '+'} {fmt(c.value)} = "
                   f"{fmt(implied)}{c.unit}")
    if prev_idx is None:
        return _unverifiable(doc_id, "claim_change", c, f"needs the {prev_year} disclosure; {implied_txt}",
                             computed=None)
    cell = prev_idx.lookup(c.subject, context(c))
    if cell is None:
        return _unverifiable(doc_id, "claim_change", c, f"the {prev_year} disclosure prints no figure for「{c.subject}」; {implied_txt}")
    pv = convert(cell.value, cell.unit, c.unit)
    computed = sign * (cur - pv)
    tol = half_unit(c.value) + half_unit(cur) + half_unit(pv)
    status, diff = judge(c.value, computed, tol)
    symbol = {"ok": "=", "rounding": "≈", "mismatch": "≠"}[status]
    msg = (f"第{c.page}页「{c.subject}」{c.direction}{fmt(c.value)}{c.unit} {symbol} {fmt(cur)} − {prev_year}年 "
           f"{fmt(pv)}（{cell.describe()}）")
    if status == "mismatch":
        msg += f"（差 {fmt(diff)}{c.unit}）"
    return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value), table=cell.table,
              row=cell.row, column=cell.column, stated=c.value, computed=computed, difference=diff, tolerance=tol,
              message=msg)


def _same(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context) -> Finding:
    cur, _src = _current_amount(c, k, prior_amount, idx, context, "万元")
    if prev_idx is None:
        extra = f"; implies {prev_year} {c.subject} = {fmt(cur)}万元" if cur is not None else ""
        return _unverifiable(doc_id, "claim_change", c, f"needs the {prev_year} disclosure{extra}")
    cell = prev_idx.lookup(c.subject, context(c))
    if cell is None or cur is None:
        return _unverifiable(doc_id, "claim_change", c, f"the {prev_year} disclosure prints no figure for「{c.subject}」")
    pv = convert(cell.value, cell.unit, "万元")
    status, diff = judge(cur, pv, half_unit(cur) + half_unit(pv))
    symbol = {"ok": "=", "rounding": "≈", "mismatch": "≠"}[status]
    return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, cur), table=cell.table, row=cell.row,
              stated=cur, computed=pv, difference=diff, unit="万元",
              message=f"第{c.page}页「{c.subject}」与上年相同: {fmt(cur)} {symbol} {prev_year}年 {fmt(pv)}（{cell.describe()}）")


_NO_SUBJECT = "（主语未识别）"
_CHECK_OF_KIND = {"share": "claim_share", "change_percent": "claim_change", "change_amount": "claim_change",
                  "same": "claim_change", "count": "claim_count", "list": "claim_list_items", "amount": "claim_amount"}
# what a count in these units counts; no statutory table does
_COUNTED = {"辆": "vehicles", "台（套）": "pieces of equipment", "台": "pieces of equipment", "人": "people",
            "名": "people"}


def _counted(c) -> str | None:
    if c.unit in ("辆", "台") and re.search(r"车", c.subject):
        return f"vehicles ({c.unit})"
    return f"{_COUNTED[c.unit]} ({c.unit})" if c.unit in _COUNTED else None


# qualifiers that only pick out the listed projects ("重大项目分别有A、B、C3个项目"); any other qualifier
# ("政府购买服务项目") is a budget category whose number a table would have to give
_EDITORIAL = re.compile(r"^(重大|重点|主要|大型|核心)?$")


def _key(s: str) -> str:
    return norm(fold(s))


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


def _owner_unit(subject: str, units: list[str]) -> tuple[str | None, int]:
    """The unit a subject starts with ("人民政府办公室重大项目" → "大同市云冈区人民政府办公室") and the length
    of the matched name in the subject's key; a unit matches if its name ends with what the subject starts with."""
    s = _key(subject)
    best, blen = None, 0
    for u in units:
        lab = re.sub(r"\((本级|本部|机关)\)$", "", _key(u))
        for k in range(0, len(lab) - 2):
            suf = lab[k:]
            if len(suf) > blen and s.startswith(suf):
                best, blen = u, len(suf)
                break
    return best, blen


def _listed_count(doc_id, c, idx) -> Finding:
    """A count that names its items ("人民政府办公室重大项目分别有A、B、C3个项目"): the items are as many as
    stated, and each is a project of that unit in the project table(s)."""
    n = len(c.items)
    count_ok = Decimal(n) == c.value
    count_txt = f"所列 {n} 项 {'=' if count_ok else '≠'} 所述 {fmt(c.value)}{c.unit}"
    entries = _project_entries(idx.tables) if "项目" in c.subject else []
    if not entries:
        if not count_ok:
            return _f(doc_id, "claim_count", c, "mismatch", severity="low", stated=c.value, computed=Decimal(n),
                      difference=c.value - n, message=f"第{c.page}页「{c.subject}」{count_txt}",
                      reason="the sentence lists a different number of items than it states")
        what = "no project expenditure table" if "项目" in c.subject else f"no table lists「{c.subject}」"
        return _unverifiable(doc_id, "claim_count", c, f"{count_txt}; {what} to check the items against")
    units = list(dict.fromkeys(u for u, _p, _t in entries if u))
    unit, blen = _owner_unit(c.subject, units)
    if unit is None:
        om = _OWNER.match(c.subject)
        blen = len(_key(om.group("owner"))) if om else 0
    category = re.sub(r"项目$", "", _key(c.subject)[blen:])
    found, misplaced, missing = [], [], []
    for item in c.items:
        hits = [e for e in entries if _key(e[1].label) == _key(item)]
        mine = [e for e in hits if unit is None or e[0] == unit]
        if mine:
            found.append((item, mine[0]))
        elif hits:
            misplaced.append((item, hits[0]))
        else:
            missing.append(item)
    tkey = (found or misplaced or [(None, ("", None, entries[0][2]))])[0][1][2]
    where = f"项目支出表中{unit}的项目" if unit else "项目支出表中的项目"
    problems = [] if count_ok else [count_txt]
    for item in missing:
        near = [e[1].label for e in entries if _key(item) in _key(e[1].label) or _key(e[1].label) in _key(item)]
        problems.append(f"「{item}」不见于项目支出表" + (f"（相近：{'、'.join(dict.fromkeys(near))}）" if near else ""))
    for item, e in misplaced:
        problems.append(f"「{item}」见于{e[0] or '项目支出表'}，不是{unit}的项目")
    first = found[0][1][1] if found else None
    common = dict(table=tkey, row=first.index if first is not None else None, stated=c.value,
                  computed=Decimal(len(found)), difference=c.value - len(found))
    if problems:
        msg = f"第{c.page}页「{c.subject}」{fmt(c.value)}{c.unit}: " + "；".join(problems)
        return _f(doc_id, "claim_count", c, "mismatch", severity="high" if not count_ok else "low", message=msg,
                  reason="; ".join(problems), **common)
    checked = f"{count_txt}，均为{where}（表 {tkey}）"
    if category and not _EDITORIAL.match(category):
        tabled = [t for t in idx.tables if category in (t.title or "")]
        why = (f"table {tabled[0].key}「{tabled[0].title}」is about {category} but is not matched to projects here"
               if tabled else f"no table in this disclosure says which projects are {category}")
        reason = (f"{checked}; but the number of {category} projects is not in any table checked ({why})")
        return _unverifiable(doc_id, "claim_count", c, reason, **common)
    note = f"；「{category}」是叙述的归类，无表可核" if category else ""
    om = _OWNER.match(c.subject)
    if unit is None and om:
        note += f"；项目支出表中没有单位「{om.group('owner')}」，未核对所属单位"
    return _f(doc_id, "claim_count", c, "ok", message=f"第{c.page}页「{c.subject}」{checked}{note}", **common)


def _count(doc_id, c, idx) -> Finding:
    if c.items:
        return _listed_count(doc_id, c, idx)
    if "项目" in c.subject and c.unit == "个" and "绩效" in c.subject:
        t = idx.t("project_expenditure")
        if t is None:
            return _unverifiable(doc_id, "claim_count", c, "no project expenditure table to count projects in")
        _dept, units, loose = project_rows(t)
        rows = [(u.label, p) for u, ps in units for p in ps] + [("", p) for p in loose]
        distinct = {}
        for u, p in rows:
            distinct.setdefault((norm(u), norm(p.label)), []).append(p)
        split = {k: v for k, v in distinct.items() if len(v) > 1}
        computed = Decimal(len(distinct))
        status, diff = judge(c.value, computed, Decimal(0))
        note = ""
        if split:
            note = "；" + "、".join(f"「{k[1]}」占 {len(v)} 行（{' + '.join(fmt(next(iter(x.values.values()))) for x in v)}）"
                                   for k, v in split.items()) + "，按一个项目计"
        msg = (f"第{c.page}页「{c.subject}」{c.value}个 {'=' if status == 'ok' else '≠'} 项目支出表中不同项目 {len(distinct)} 个"
               f"（{len(rows)} 行{note}）")
        return _f(doc_id, "claim_count", c, status, severity=severity_of(status, diff, computed), table=t.key,
                  stated=c.value, computed=computed, difference=diff, message=msg,
                  reason=("rows counted once per unit and name: " + "; ".join(k[1] for k in split)) if split else "")
    if _counted(c):
        return _unverifiable(doc_id, "claim_count", c, f"no table counts {_counted(c)}: the tables print amounts only",
                             stated=c.value)
    return _unverifiable(doc_id, "claim_count", c, f"no table counts「{c.subject}」")


def _list(doc_id, c, idx) -> Finding:
    s = _subj(c.subject)
    t = idx.t("general_budget_basic_economic")
    if not (s.endswith(("人员经费", "公用经费", "基本支出")) and t is not None):
        return _unverifiable(doc_id, "claim_list_items", c, f"no table lists the items of「{c.subject or '?'}」",
                             unit="")
    labels = set()
    for r in table_rows(t):
        for part in r.label.split(" / "):
            labels.add(norm(part))
    missing = [x for x in c.items
               if not any(norm(x) == lab or (len(norm(x)) >= 3 and (norm(x) in lab or lab in norm(x)) and len(lab) >= 3)
                          for lab in labels)]
    status = "mismatch" if missing else "ok"
    msg = (f"第{c.page}页「{c.subject}」所列 {len(c.items)} 项" +
           (f"均见于表 {t.key}" if not missing else f"中 {'、'.join(missing)} 不见于表 {t.key}"))
    return _f(doc_id, "claim_list_items", c, status, severity="low" if missing else "info", table=t.key,
              stated=Decimal(len(c.items)), computed=Decimal(len(c.items) - len(missing)),
              difference=Decimal(len(missing)) if missing else Decimal(0), unit="", message=msg,
              reason=("missing: " + "、".join(missing)) if missing else "")


def _amount(doc_id, c, k, claims, idx, prev_idx, year, prev_year, context, handled) -> list[Finding]:
    out = []
    if c.unit not in _UNITS:
        return [_unverifiable(doc_id, "claim_amount", c, f"an amount in {c.unit}")]
    # the parts that follow this amount (same parent, up to the next claim of another parent)
    kids = []
    for m in range(k + 1, min(len(claims), k + 40)):
        d = claims[m]
        if d.kind == "amount" and d.parent and _same_subject(d.parent, c.subject):
            kids.append(d)
        elif d.kind == "amount" and not d.parent:
            break
    groups: dict = {}
    for d in kids:
        groups.setdefault(d.sentence, []).append(d)
    for sent, parts in groups.items():
        if len(parts) < 2 or any(p.unit != c.unit for p in parts):
            continue
        total = sum((p.value for p in parts), Decimal(0))
        tol = half_unit(c.value) + sum((half_unit(p.value) for p in parts), Decimal(0))
        status, diff = judge(c.value, total, tol)
        exhaustive = any(a.search(_subj(c.subject)) and all(b.search(p.subject) for p in parts)
                         and all(any(re.search(alt, p.subject) for p in parts) for alt in b.pattern.split("|"))
                         for a, b in _EXHAUSTIVE)
        if status == "mismatch" and not exhaustive:
            continue  # "其中" may list only some parts, or nest a part inside another
        symbol = {"ok": "=", "rounding": "≈", "mismatch": "≠"}[status]
        msg = (f"第{c.page}页「{c.subject}」{fmt(c.value)}{c.unit} {symbol} "
               + " + ".join(f"{p.subject} {fmt(p.value)}" for p in parts) + f" = {fmt(total)}{c.unit}")
        if status == "mismatch":
            msg += f"（差 {fmt(diff)}{c.unit}）"
        out.append(Finding(doc_id=doc_id, check="claim_sum", status=status, severity=severity_of(status, diff, c.value),
                           page=c.page, stated=c.value, computed=total, difference=diff, tolerance=tol, unit=c.unit,
                           subject=c.subject, sentence=c.sentence if sent == c.sentence else f"{c.sentence} … {sent}",
                           message=msg))
    if c.year and year and c.year != year:
        if c.year == prev_year and prev_idx is not None:
            cell = prev_idx.lookup(c.subject, context(c))
            if cell is not None:
                return out + [_compare_amount(doc_id, "claim_amount", c, c.value, cell)]
        return out + [_unverifiable(doc_id, "claim_amount", c, f"an amount for {c.year}, not {year}")]
    if c.basis:
        return out + [_unverifiable(doc_id, "claim_amount", c, f"the basis amount of a comparison ({c.basis})")]
    if re.search(r"绩效目标管理|绩效目标的项目|绩效管理的项目", c.sentence) and re.search(r"涉及|资金|拨款", c.sentence):
        # "实行绩效目标管理的项目27个，涉及一般公共预算当年拨款873.27万元": the projects' money
        cell = idx.project_total()
        if cell is not None and cell.table == "project_expenditure":
            return out + [_compare_amount(doc_id, "claim_amount", c, c.value, cell)]
        return out + [_unverifiable(doc_id, "claim_amount", c, "the funds of the performance-managed projects; no project table")]
    cell = idx.lookup(c.subject, context(c))
    if cell is not None:
        return out + [_compare_amount(doc_id, "claim_amount", c, c.value, cell)]
    if out:
        return out
    reason = f"no table row matches「{c.subject}」"
    tp = idx.t("three_public")
    if tp is not None and re.search(r"出国|接待|用车", c.subject):
        head = " ".join(col.name for col in tp.columns if col.role == "label")
        key = re.sub(r"[（(].*", "", _subj(c.subject))[:4]
        if key and key in head:
            reason = (f"the 三公 table has no row「{c.subject}」: its label was read into the column header "
                      f"「{head}」 (extraction defect: blank body rows taken as header rows)")
    return [_unverifiable(doc_id, "claim_amount", c, reason)]
