"""Recompute every figure the narrative states (claims.py) from the document's own numbers.

Which table cell a subject names is lookup.py's job (``TableIndex``); this module decides what each
kind of claim is compared with and how the comparison is judged.

* ``claim_share`` — 占X%: 100 × amount / total, the amount stated just before in the
  sentence and the total of the scope it belongs to (or the basis found in the tables).
* ``claim_amount`` — an amount against the table row it names (function class → the
  class row; 基本支出/项目支出 → the expenditure total row's columns; 人员经费/公用经费 → the
  basic-economic total; 三公 items → the 三公 table; budget totals → the summary table).
  A classification path ("一般公共服务支出（类）统计信息事务（款）专项普查活动（项）",
  "法院（款）行政运行（项）支出") names a row of the function-classification tables: the
  类 row by name, the 款 under it by code prefix, then the 项 (in a table without codes,
  by the order of the rows).  Where the sentence names no fund, the all-funds row and the
  general-budget row are both readings; a fund's income under 本年收入 of a two-sided table
  that also lists the fund under 上年结转 may be stated as the sum of both (= the fund's
  expenditure column total).  The figure is ok if any reading fits, and the message says
  which; a mismatch is reported against the usual reading.  A budget figure ("年初预算为…")
  in final accounts is not the final-accounts cell.  A narrative figure that truncates
  the table's (7,633.51 for 7,633.516247) is ``rounding`` and says so (findings.judge).
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
  basic-economic table (a shortened name — all its characters in order in exactly one
  label — counts, and the message names the label).  Items found are ``ok``; an item whose
  row is zero in the listed category's column contradicts the list (``mismatch``); items the
  table does not name are ``unverifiable`` (the narrative may group spending its own way).
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .checks import TableRow, norm, project_rows, table_rows, value_column
from .claims import _OWNER
from .findings import (SIGN, TRUNCATION_NOTE, Finding, fmt, half_unit, judge, quantize_like,
                       ratio_tolerance, severity_of, truncation_explains)
from .catalogue import class_names
from .checks import FUNCTION_CLASSES
from .lookup import _UNITS, Cell, TableIndex, _plain, _project_entries, _subj, classification_path, convert
from .text import fold

__all__ = ["Cell", "TableIndex", "recompute_claims"]

# --------------------------------------------------------------------------- helpers

def _f(doc_id, check, claim, status, **kw) -> Finding:
    return Finding(doc_id=doc_id, check=check, status=status, page=claim.page, sentence=claim.sentence,
                   subject=claim.subject, unit=kw.pop("unit", claim.unit), **kw)


def _unverifiable(doc_id, check, claim, reason, **kw) -> Finding:
    if claim.kind != "list":
        kw.setdefault("stated", claim.value)  # what the text says, even when nothing can be set against it
    msg = f"第{claim.page}页「{claim.subject}」{fmt(claim.value) if claim.value is not None else ''}{claim.unit}: 无法核对 — {reason}"
    return _f(doc_id, check, claim, "unverifiable", reason=reason, message=msg, **kw)


def _compare_amount(doc_id, check, claim, stated: Decimal, cell: Cell, what: str = "") -> Finding:
    conv = convert(cell.value, cell.unit, claim.unit)
    if conv is None:
        return _unverifiable(doc_id, check, claim, f"units differ ({claim.unit} vs {cell.unit})")
    # a cell printing zero ("0", "0.00") states that nothing is there: no rounding of its own to allow
    err = Decimal(0) if cell.value == 0 and cell.err is None else cell.error
    tol = half_unit(stated) + err * _UNITS.get(cell.unit, 1) / _UNITS.get(claim.unit, 1)
    truncated = False
    if quantize_like(conv, stated) == stated and half_unit(stated) >= half_unit(conv):
        status, diff = "ok", Decimal(0)
    else:
        status, diff = judge(stated, conv, tol, truncation=True)
        truncated = status == "rounding" and truncation_explains(stated, conv, tol)
    sign = SIGN[status]
    msg = f"第{claim.page}页「{claim.subject}」{fmt(stated)}{claim.unit} {sign} {what or cell.describe()}"
    if status == "mismatch":
        msg += f"（差 {fmt(diff)}{claim.unit}）"
    elif truncated:
        msg += f"（差 {fmt(diff)}{claim.unit}，{TRUNCATION_NOTE}）"
    return _f(doc_id, check, claim, status, severity=severity_of(status, diff, conv), table=cell.table, row=cell.row,
              column=cell.column, stated=stated, computed=conv, difference=diff, tolerance=tol, message=msg,
              reason=TRUNCATION_NOTE if truncated else "")


def _compare_readings(doc_id, check, claim, stated: Decimal, cells: list[Cell]) -> Finding:
    """The stated amount against every reading of the tables (TableIndex.readings): the first that fits
    best; a mismatch only if none fits, reported against the usual reading."""
    found = [_compare_amount(doc_id, check, claim, stated, c) for c in cells]
    rank = {"ok": 0, "rounding": 1, "mismatch": 2}
    best = min(range(len(found)), key=lambda k: (rank.get(found[k].status, 3), k))
    f = found[best]
    if f.status == "mismatch" and cells[0].definition:
        # rebuilt by a usual definition the document need not follow: not evidence of an error
        return _unverifiable(doc_id, check, claim, f"the tables print no such figure; by the usual definition "
                             f"({cells[0].definition}) {cells[0].describe()}, which differs — the document may "
                             "count it another way", stated=stated, computed=found[0].computed, table=cells[0].table)
    if f.status not in ("ok", "rounding"):
        return found[0]
    others = [k for k in range(1, len(found)) if k != best and found[k].status in ("ok", "rounding") and cells[k].what
              and best > 0]
    if others:
        f.message += "；亦合：" + "；".join(cells[k].describe() for k in others)
    if best > 0 and found[0].status == "mismatch":
        f.message += f"；按 {cells[0].describe()} 读则不符"
        f.reason = "; ".join(x for x in (f.reason, f"fits the reading {cells[best].describe()}, not the usual "
                                                   f"{cells[0].describe()}") if x)
    return f


_BUDGET_WORDS = re.compile(r"年初预算|调整预算|预算数|预算为|预算安排|全年预算")


def _clause_before(c, nth: int | None = None) -> str:
    """The words of the clause that lead up to the claim's figure in its sentence ("" if not found).
    ``nth``: the figure is the nth (0-based) of the sentence's equal figures, when the caller knows."""
    if c.value is None:
        return ""
    clauses = []
    for m in re.finditer(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?", c.sentence or ""):
        try:
            v = Decimal(m.group(0).replace(",", ""))
        except ArithmeticError:
            continue
        if v == c.value and (c.sentence[m.end():].lstrip().startswith(c.unit) if c.unit else True):
            start = max((d.end() for d in re.finditer(r"[，,；;。：:]", c.sentence[:m.start()])), default=0)
            clauses.append(c.sentence[start:m.start()])
    if nth is not None and 0 <= nth < len(clauses) and len(clauses) > 1:
        return clauses[nth]
    if len(clauses) > 1:
        # the same figure twice ("年初预算为10.00万元，支出决算为10.00万元"): the clause that says what the claim is
        word = "决算" if "决算" in (c.subject or "") else ("预算" if "预算" in (c.subject or "") else "")
        fitting = [x for x in clauses if word and word in x]
        if fitting:
            return fitting[0]
    return clauses[0] if clauses else ""


def _nth(claims, k: int) -> int:
    """How many claims before claims[k] in its sentence state the same figure in the same unit."""
    c = claims[k]
    return sum(1 for d in claims[max(0, k - 12):k]
               if d.sentence == c.sentence and d.value == c.value and d.unit == c.unit)


def _figure_before(c) -> bool:
    """Another amount or percentage precedes the claim's figure in its sentence."""
    clause = _clause_before(c)
    if not clause and c.value is not None:
        return False
    head = c.sentence[: c.sentence.find(clause) + len(clause)] if clause else ""
    return bool(re.search(r"\d(?:[\d,]*\d)?(?:\.\d+)?\s*(万元|亿元|千元|元|%)", head))


def _is_final(t, cell: Cell) -> bool:
    """The cell is a final-accounts (决算) figure: its table or its column says so."""
    return t is not None and ("决算" in (t.title or "") or "决算" in cell.column)


def _budget_figure_in_final(doc_id, c, cells: list[Cell], idx, nth: int | None = None) -> list[Cell] | Finding | None:
    """A budget figure ("年初预算为1,560.05万元") stated in final accounts: not the final-accounts (决算) cell the
    subject names.  The same row's budget column if the table prints one, else unverifiable; None when the
    figure is not a budget figure or the table is not a final-accounts table."""
    clause = _clause_before(c, nth)
    if not _BUDGET_WORDS.search(clause) or "决算" in clause:
        return None
    t = idx.t(cells[0].table)
    if not _is_final(t, cells[0]):
        return None
    if "预算" in cells[0].column and "决算" not in cells[0].column:
        return None  # the cell is the budget column already
    rows = [r for r in table_rows(t) if r.index == cells[0].row]
    jb = next((j for j, col in enumerate(t.columns) if col.role == "value" and re.search(r"预算", col.name)
               and "决算" not in col.name and not re.search(r"增减|比|%|率", col.name)), None)
    if rows and jb is not None and jb in rows[0].values:
        r = rows[0]
        return [Cell(r.values[jb], t.unit, t.key, r.index, t.columns[jb].name, r.page, cells[0].label)]
    return _unverifiable(doc_id, "claim_amount", c,
                         f"a budget figure (「{clause.strip()}」) in final accounts; table {t.key}「{t.title}」 prints "
                         f"the final figure only ({cells[0].describe()})", stated=c.value)


def _same_subject(a: str, b: str) -> bool:
    return _subj(a) == _subj(b) and bool(_subj(a))


# --------------------------------------------------------------------------- main

_EXHAUSTIVE = (
    (re.compile(r"政府采购"), re.compile(r"货物|工程|服务")),
    (re.compile(r"三公"), re.compile(r"出国|接待|用车")),
    (re.compile(r"基本支出$"), re.compile(r"人员经费|公用经费")),
    (re.compile(r"支出预算$|^支出$"), re.compile(r"基本支出|项目支出")),
)


# "预算55,028.56万元，包括在职人员经费…、公用经费…、项目支出…。": a list introduced by 包括 (not 主要包括, not
# 其中) right after the total's figure, with no 等 ("…等") to say it is partial, names every part
_WHOLE_LIST = re.compile(r"(万元|元)\s*[，,]?\s*(具体)?包括\s*[:：]?(?P<rest>[^。]*)")


def _lists_whole(sentence: str) -> bool:
    m = _WHOLE_LIST.search(sentence or "")
    return bool(m) and not re.search(r"等(?![级次])", m.group("rest"))


def recompute_claims(doc_id: str, claims, tables, year: int | None = None, previous=None,
                     previous_year: int | None = None, *, only=None, origins: list[int] | None = None) -> list[Finding]:
    """Findings for every claim.  ``previous``: the prior year's tables (list of PrintedTable) or None.

    ``only``: indices of the claims to recompute (the others are still read as context: the amount a
    share or a rate refers to); ``origins``: a list that receives, for each finding returned, the index
    of the claim it judges (the quality benchmark alters one figure and rechecks just that claim)."""
    prev_year = previous_year or ((year - 1) if year else None)
    idx = TableIndex(tables, year)
    prev_idx = TableIndex(previous, prev_year) if previous is not None else None
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
        return " ".join(x for x in (c.parent, c.section, c.basis, c.fund) if x)

    for k, c in enumerate(claims):
        if only is not None and k not in only:
            continue
        start = len(out)
        _recompute_one(doc_id, k, c, claims, idx, prev_idx, year, prev_year, prior_amount, context, out)
        if origins is not None:
            origins.extend([k] * (len(out) - start))
    return out


def _recompute_one(doc_id, k, c, claims, idx, prev_idx, year, prev_year, prior_amount, context,
                   out: list[Finding]) -> None:
    """Append the findings of claim ``k`` to ``out``."""
    if not (c.subject or "").strip():
        # a figure whose subject the parser could not find (elided, or a garbled text layer)
        c = replace(c, subject=_NO_SUBJECT)
        out.append(_unverifiable(doc_id, _CHECK_OF_KIND.get(c.kind, f"claim_{c.kind}"), c,
                                 "the narrative names no subject for this figure that the parser could find"))
        return
    try:
        if c.kind == "share":
            out.append(_share(doc_id, c, k, claims, prior_amount, idx))
        elif c.kind == "change_percent":
            out.append(_change_percent(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context, year))
        elif c.kind == "change_amount":
            out.append(_change_amount(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context))
        elif c.kind == "same":
            out.append(_same(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context))
        elif c.kind == "count":
            out.append(_count(doc_id, c, idx))
        elif c.kind == "list":
            out.extend(_list(doc_id, c, idx))
        elif c.kind == "amount":
            out.extend(_amount(doc_id, c, k, claims, idx, prev_idx, year, prev_year, context))
    except (ArithmeticError, ValueError) as exc:  # a malformed figure must not stop the audit
        out.append(_unverifiable(doc_id, f"claim_{c.kind}", c, f"could not recompute ({type(exc).__name__})"))


def _share(doc_id, c, k, claims, prior_amount, idx) -> Finding:
    found = prior_amount(k, c.subject, "万元") or prior_amount(k, c.subject, "元") or prior_amount(k, c.subject, "亿元")
    if found is None:
        return _unverifiable(doc_id, "claim_share", c, "the sentence states no amount for this share")
    _m, amt = found
    total = c.total
    basis = c.basis or c.parent
    whole = ""
    if total is None and not basis:
        # "其中：基本支出…占59.35%；项目支出…占40.01%；…": the run of shares continues the one before it
        before = _run_share(claims, k)
        if before is not None:
            total, basis = before.total, before.basis or before.parent
    if total is None and basis:
        cell = idx.lookup(basis)
        if cell is not None:
            total = convert(cell.value, cell.unit, amt.unit)
    if total is None and not basis:
        parts = _sentence_breakdown(claims, k, amt.unit)
        if parts is not None:
            total = sum((a.value for a, _s in parts), Decimal(0))
            whole = f"（句中所列 {len(parts)} 项之和，其占比合计 {fmt(sum((x.value for _a, x in parts), Decimal(0)))}%）"
    if (total is None or total == 0) and amt.value == 0:
        # nothing is no share of any whole: 0%, whatever the total
        if c.value == 0:
            return _f(doc_id, "claim_share", c, "ok", stated=c.value, computed=Decimal(0), difference=Decimal(0),
                      message=f"第{c.page}页「{c.subject}」0.00万元 占 0%")
        return _f(doc_id, "claim_share", c, "mismatch", severity=severity_of("mismatch", c.value, c.value),
                  stated=c.value, computed=Decimal(0), difference=c.value, unit="%",
                  message=f"第{c.page}页「{c.subject}」{fmt(amt.value)}{amt.unit} 占 {fmt(c.value)}% ≠ 0%（金额为零，占比只能为0）")
    if total is None or total == 0:
        return _unverifiable(doc_id, "claim_share", c, f"no total found for the basis「{basis or '?'}」")
    # amounts the sentence rounds ("36万元 … 占82.19%") are printed more precisely in the tables (36.00): the
    # share is held to the precision of what was divided, not of its rounded quotation
    num, num_err = _precise(idx, amt.subject, amt.value, amt.unit)
    den, den_err = _precise(idx, basis, total, amt.unit) if basis else (total, None)
    computed = Decimal(100) * num / den
    tol = ratio_tolerance(c.value, num, den, num_err, den_err)
    status, diff = judge(c.value, computed, tol, exact=False, truncation=True)
    sign = SIGN[status]
    msg = (f"第{c.page}页「{c.subject}」占 {fmt(c.value)}% {sign} {fmt(amt.value)} / {fmt(total)}{whole} = "
           f"{fmt(quantize_like(computed, Decimal('0.0001')))}%")
    msg, reason = _pct_note(msg, status, diff, c.value, computed, tol)
    if status == "mismatch" and abs(diff) <= 2 * half_unit(c.value):
        run = _share_run(claims, k)
        if len(run) >= 2 and sum((x.value for x in run), Decimal(0)) == 100:
            # 59.35% + 40.01% + 0.64% = 100%: one share absorbs the rounding so that the breakdown adds up
            status = "rounding"
            reason = TAIL_NOTE
            msg = msg.replace(" ≠ ", " ≈ ", 1).split("（差")[0] + f"（{TAIL_NOTE}）"
    return _f(doc_id, "claim_share", c, status, severity=severity_of(status, diff, c.value or computed),
              stated=c.value, computed=computed, difference=diff, tolerance=tol, unit="%", message=msg, reason=reason)


def _precise(idx, subject: str, value: Decimal, unit: str) -> tuple[Decimal, Decimal | None]:
    """``value`` as a table prints it more precisely (36 → 36.00, the cell of the same subject that rounds to
    it), with that cell's rounding error; else ``value`` itself and None (its own half unit)."""
    if not subject or value is None:
        return value, None
    for cell in idx.readings(subject):
        v = convert(cell.value, cell.unit, unit)
        if v is None or cell.err is not None:
            continue
        exp_v, exp_s = v.as_tuple().exponent, value.as_tuple().exponent
        if isinstance(exp_v, int) and isinstance(exp_s, int) and exp_v < exp_s and quantize_like(v, value) == value:
            return v, cell.error * _UNITS.get(cell.unit, 1) / _UNITS.get(unit, 1)
    return value, None


AMOUNT_TAIL_NOTE = "尾差调整：同组各项金额之和恰等于所述总数，本项吸收了舍入差（不超过末位一个单位）"


def _tail_adjusted(claims, k: int) -> bool:
    """Whether claims[k] is one of a run of classification amounts (the same parent, fund and section, next to
    each other) whose stated values add up exactly to a total stated just before the run."""
    c = claims[k]
    same = lambda d: (d.kind == "amount" and d.unit == c.unit and d.parent == c.parent and d.fund == c.fund  # noqa: E731
                      and d.section == c.section and _classified(d.subject))
    lo = hi = k
    while lo > 0 and (same(claims[lo - 1]) or claims[lo - 1].kind != "amount" and claims[lo - 1].subject == claims[lo].subject):
        lo -= 1
    while hi + 1 < len(claims) and (same(claims[hi + 1]) or claims[hi + 1].kind != "amount"):
        hi += 1
    run = [d for d in claims[lo:hi + 1] if same(d)]
    if len(run) < 2:
        return False
    total = sum((d.value for d in run), Decimal(0))
    return any(d.kind == "amount" and d.unit == c.unit and d.value == total for d in claims[max(0, lo - 8):lo])


TAIL_NOTE = "尾差调整：同组各项占比合计恰为100%，本项吸收了舍入差（不超过末位一个单位）"


def _names_whole(d) -> bool:
    """A share claim that says what it is a share of (a basis, a parent or a stated total): a breakdown's head."""
    return d.kind == "share" and bool(d.basis or d.parent or d.total is not None)


def _share_run(claims, k: int) -> list:
    """The shares of the breakdown claims[k] belongs to: consecutive amounts and shares on its page, from the
    share that names the whole (or the first of the sentence) to the next share that names another whole."""
    c = claims[k]
    lo = hi = k
    near = lambda d: abs(d.page - c.page) <= 1 and d.kind in ("amount", "share")  # noqa: E731 - a sentence may cross a page
    while lo > 0 and near(claims[lo - 1]):
        lo -= 1
    while hi + 1 < len(claims) and near(claims[hi + 1]):
        hi += 1
    same = [d for d in claims[lo:hi + 1] if d.kind == "share"
            and (d.basis, d.parent, d.total) == (c.basis, c.parent, c.total)]
    if len(same) >= 2 and _names_whole(c):
        # "包括人员支出…占61.9%；日常公用支出…占11.8%；项目支出…占26.3%" (each share names the same whole)
        return same
    lo = k
    while lo > 0 and not _names_whole(claims[lo]) and claims[lo - 1].page == c.page \
            and claims[lo - 1].kind in ("amount", "share"):
        lo -= 1
    hi = k
    while hi + 1 < len(claims) and claims[hi + 1].page == c.page and claims[hi + 1].kind in ("amount", "share") \
            and not _names_whole(claims[hi + 1]):
        hi += 1
    return [d for d in claims[lo:hi + 1] if d.kind == "share"]


def _run_share(claims, k: int):
    """The share claim just before claims[k] on its page that has a basis or total, when only amounts and shares
    lie between (a breakdown whose first part named the whole: "其中：基本支出…占59.35%；项目支出…占40.01%")."""
    c = claims[k]
    for m in range(k - 1, max(-1, k - 7), -1):
        d = claims[m]
        if d.page != c.page or d.kind not in ("amount", "share"):
            return None
        if _names_whole(d):
            return d
    return None


def _sentence_breakdown(claims, k: int, unit: str):
    """(amount, share) pairs of a sentence that lists a whole's parts with their shares and names no whole
    ("科学技术支出28.00万元，占0.5%；…；自然资源海洋气象等支出5,247.87万元，占91.2%"): the parts, when their
    shares add up to 100% within the printed rounding, so that the whole is their sum."""
    c = claims[k]
    lo = k
    while lo > 0 and claims[lo - 1].sentence == c.sentence:
        lo -= 1
    hi = k
    while hi + 1 < len(claims) and claims[hi + 1].sentence == c.sentence:
        hi += 1
    pairs, last = [], None
    for d in claims[lo:hi + 1]:
        if d.kind == "amount":
            last = d if d.unit == unit and not d.basis else None
        elif d.kind == "share":
            if last is None or d.basis or d.parent or d.total is not None:
                return None
            pairs.append((last, d))
            last = None
    if len(pairs) < 2 or not any(s is c for _a, s in pairs):
        return None
    shares = sum((s.value for _a, s in pairs), Decimal(0))
    # a share printed as a bare "0%" of a zero amount is exactly zero: it adds no rounding slack
    slack = sum((half_unit(s.value) for a, s in pairs if s.value or a.value), Decimal(0))
    if abs(shares - 100) <= slack:
        return pairs
    # this share may be the one misprinted: the whole is still the parts' sum when every other share fits it
    whole = sum((a.value for a, _s in pairs), Decimal(0))
    others = [(a, s) for a, s in pairs if s is not c and a.value]
    if len(others) >= 2 and whole and all(abs(s.value - Decimal(100) * a.value / whole)
                                          <= ratio_tolerance(s.value, a.value, whole) + half_unit(s.value)
                                          for a, s in others):  # (one unit: the tail adjustment, see TAIL_NOTE)
        return pairs
    return None


def _pct_note(msg: str, status: str, diff, stated, computed, tol) -> tuple[str, str]:
    """A percentage finding's message tail (the difference of a mismatch, or that the text truncated) and reason."""
    if status == "mismatch":
        return msg + f"（差 {fmt(diff)} 个百分点）", ""
    if status == "rounding" and truncation_explains(stated, computed, tol):
        return msg + f"（{TRUNCATION_NOTE}）", TRUNCATION_NOTE
    return msg, ""


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


def _basis_year(c, prev_year) -> int | None:
    m = re.search(r"((?:19|20)\d{2})年", c.basis or "")
    return int(m.group(1)) if m else prev_year


def _sentence_pair(claims, k, c, year, prev_year):
    """The two amounts a change in the same sentence is computed from: "2023年当年预算执行数为60.13万元，2024年
    预算安排25.77万元，比2023年预算执行数减少57.14%" → (25.77, 60.13).  Both must be the claim's subject, in one
    unit, the earlier one dated to the year of the basis and the later one to the disclosure's year (or undated)."""
    by = _basis_year(c, prev_year)
    if by is None:
        return None
    before = [d for d in claims[max(0, k - 6):k] if d.sentence == c.sentence and d.kind == "amount"
              and d.unit in _UNITS and _same_subject(d.subject, c.subject)]
    prev = [d for d in before if d.year == by]
    cur = [d for d in before if d.year != by and (d.year is None or d.year == year or (year is None and d.year > by))
           and not d.basis]
    if len(prev) != 1 or len(cur) != 1 or prev[0].unit != cur[0].unit:
        return None
    return cur[0], prev[0]


def _pair_percent(doc_id, c, cur, prev) -> Finding:
    if prev.value <= 0:
        return _unverifiable(doc_id, "claim_change", c, "the earlier amount in the sentence is not positive")
    delta = abs(cur.value - prev.value)
    went = "增加" if cur.value > prev.value else ("减少" if cur.value < prev.value else "")
    computed = Decimal(100) * delta / prev.value
    tol = ratio_tolerance(c.value, delta, prev.value, num_err=half_unit(cur.value) + half_unit(prev.value))
    status, diff = judge(c.value, computed, tol, exact=False, truncation=True)
    symbol = SIGN[status]
    msg = (f"第{c.page}页「{c.subject}」{c.direction}{fmt(c.value)}% {symbol} |{fmt(cur.value)} − {fmt(prev.value)}| / "
           f"{fmt(prev.value)} = {fmt(quantize_like(computed, Decimal('0.0001')))}%（句中所述两数）")
    msg, reason = _pct_note(msg, status, diff, c.value, computed, tol)
    if went and c.direction in ("增加", "减少") and went != c.direction and computed != 0:
        # the size is right but the sentence says the opposite direction
        status, diff = "mismatch", c.value + computed
        msg += f"；但 {fmt(cur.value)} 比 {fmt(prev.value)} 是{went}，句中说{c.direction}"
        reason = ""
    return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value), stated=c.value,
              computed=computed, difference=diff, tolerance=tol, unit="%", message=msg, reason=reason)


def _change_percent(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context, year=None) -> Finding:
    pair = _sentence_pair(claims, k, c, year, prev_year)
    if pair is not None:
        return _pair_percent(doc_id, c, *pair)
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
            if delta.value == 0 or (cur == 0 and sign < 0 and based is None):
                # a change of nothing is 0%, and a fall to a printed zero is 100%, whatever the rounding of the
                # other amount: a zero is printed exactly (like a blank cell, it has no rounding to hide in)
                tol = half_unit(c.value)
            status, diff = judge(c.value, computed, tol, exact=False, truncation=True)
            symbol = SIGN[status]
            msg = (f"第{c.page}页「{c.subject}」{c.direction}{fmt(c.value)}% {symbol} {fmt(delta.value)} / "
                   f"({fmt(cur)} {'−' if sign > 0 else '+'} {fmt(delta.value)}) = {fmt(quantize_like(computed, Decimal('0.0001')))}%")
            msg, reason = _pct_note(msg, status, diff, c.value, computed, tol)
            if status == "mismatch" and based is None and c.value < 100:
                # what change the stated rate implies, so a reader sees which of the two figures is off
                rate = c.value / 100
                earlier = cur / (1 - rate) if sign < 0 else cur / (1 + rate)
                msg += (f"；按 {fmt(c.value)}% 与 {fmt(cur)} 推算，变动额约 {fmt(abs(cur - earlier).quantize(Decimal('0.1')))}"
                        f"{delta.unit}，句中为 {fmt(delta.value)}{delta.unit}")
                table_check = _percent_against_earlier(doc_id, c, cur, delta, idx, prev_idx, prev_year, context)
                if table_check is not None:
                    return table_check
            return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value),
                      stated=c.value, computed=computed, difference=diff, tolerance=tol, unit="%", message=msg,
                      reason=reason)
    cur, _src = _current_amount(c, k, prior_amount, idx, context, "万元")
    in_doc = idx.earlier(c.subject, context(c), _basis_year(c, prev_year)) if prev_idx is None else None
    if prev_idx is None and in_doc is None:
        return _unverifiable(doc_id, "claim_change", c,
                             f"needs the {prev_year or 'previous-year'} disclosure (no change amount in the sentence)")
    cell = in_doc or prev_idx.lookup(c.subject, context(c))
    if cell is None or cur is None:
        return _unverifiable(doc_id, "claim_change", c, f"no {prev_year} table figure for「{c.subject}」")
    pv = convert(cell.value, cell.unit, "万元")
    if not pv:
        return _unverifiable(doc_id, "claim_change", c, f"{prev_year} figure for「{c.subject}」is zero")
    computed = Decimal(100) * abs(cur - pv) / pv
    tol = ratio_tolerance(c.value, abs(cur - pv), pv, num_err=half_unit(cur) + half_unit(pv))
    status, diff = judge(c.value, computed, tol, exact=False, truncation=True)
    msg = f"第{c.page}页「{c.subject}」{c.direction}{fmt(c.value)}% vs {fmt(cur)} / {prev_year}年 {fmt(pv)}"
    msg, reason = _pct_note(msg, status, diff, c.value, computed, tol)
    return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value), stated=c.value,
              computed=computed, difference=diff, tolerance=tol, unit="%", message=msg, reason=reason)


def _percent_against_earlier(doc_id, c, cur, delta, idx, prev_idx, prev_year, context) -> Finding | None:
    """A rate that disagrees with the change amount beside it but fits last year's table figure: the rate is right
    and the amount is the error (reported by its own change finding).  None when there is no such figure or the
    rate does not fit it either."""
    in_doc = idx.earlier(c.subject, context(c), _basis_year(c, prev_year)) if prev_idx is None else None
    cell = in_doc or (prev_idx.lookup(c.subject, context(c)) if prev_idx is not None else None)
    if cell is None:
        return None
    pv = convert(cell.value, cell.unit, delta.unit)
    if not pv or pv <= 0:
        return None
    computed = Decimal(100) * abs(cur - pv) / pv
    tol = ratio_tolerance(c.value, abs(cur - pv), pv, num_err=half_unit(cur) + half_unit(pv))
    status, diff = judge(c.value, computed, tol, exact=False, truncation=True)
    if status == "mismatch":
        return None
    symbol = SIGN[status]
    msg = (f"第{c.page}页「{c.subject}」{c.direction}{fmt(c.value)}% {symbol} |{fmt(cur)} − {prev_year}年 {fmt(pv)}| / "
           f"{fmt(pv)} = {fmt(quantize_like(computed, Decimal('0.0001')))}%（{cell.describe()}）；句中变动额 "
           f"{fmt(delta.value)}{delta.unit} 与此不符（见该变动额的核对）")
    return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value), table=cell.table,
              row=cell.row, column=cell.column, stated=c.value, computed=computed, difference=diff, tolerance=tol,
              unit="%", message=msg, reason="the rate fits last year's table figure; the sentence's change amount does not")


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
        symbol = SIGN[status]
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
    in_doc = idx.earlier(c.subject, context(c), _basis_year(c, prev_year)) if prev_idx is None else None
    if prev_idx is None and in_doc is None:
        return _unverifiable(doc_id, "claim_change", c, f"needs the {prev_year} disclosure; {implied_txt}",
                             computed=None)
    cell = in_doc or prev_idx.lookup(c.subject, context(c))
    if cell is None:
        return _unverifiable(doc_id, "claim_change", c, f"the {prev_year} disclosure prints no figure for「{c.subject}」; {implied_txt}")
    pv = convert(cell.value, cell.unit, c.unit)
    computed = sign * (cur - pv)
    tol = half_unit(c.value) + half_unit(cur) + half_unit(pv)
    status, diff = judge(c.value, computed, tol)
    symbol = SIGN[status]
    msg = (f"第{c.page}页「{c.subject}」{c.direction}{fmt(c.value)}{c.unit} {symbol} {fmt(cur)} − {prev_year}年 "
           f"{fmt(pv)}（{cell.describe()}）")
    if status == "mismatch":
        msg += f"（差 {fmt(diff)}{c.unit}）"
    return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value), table=cell.table,
              row=cell.row, column=cell.column, stated=c.value, computed=computed, difference=diff, tolerance=tol,
              message=msg)


def _final_vs_budget(doc_id, c, k, claims) -> Finding | None:
    """"决算数与预算数(基本)持平" in final accounts compares the item's final figure with its budget, both stated just
    before ("年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。"), not this year with last year."""
    if not re.search(r"决算", c.sentence or "") or not re.search(r"预算", c.basis or ""):
        return None
    final = budget = None
    for m in range(k - 1, max(-1, k - 7), -1):
        d = claims[m]
        if d.kind != "amount" or d.value is None or not _same_subject(d.subject, c.subject):
            continue
        clause = _clause_before(d, _nth(claims, m))
        if "决算" in clause and final is None:
            final = d
        elif "预算" in clause and "决算" not in clause and budget is None:
            budget = d
        if final is not None and budget is not None:
            break
    if final is None or budget is None or final.unit != budget.unit:
        return None
    tol = half_unit(final.value) + half_unit(budget.value)
    status, diff = judge(final.value, budget.value, tol)
    roughly = "基本" in (c.basis or "")
    what = f"决算 {fmt(final.value)} 与预算 {fmt(budget.value)}{final.unit}"
    if status == "mismatch" and roughly:
        pct = Decimal(100) * abs(diff) / budget.value if budget.value else None
        return _unverifiable(doc_id, "claim_change", c, f"「基本持平」 is a judgement: {what} differ by {fmt(abs(diff))}"
                             + (f"{final.unit} ({fmt(pct.quantize(Decimal('0.01')))}%)" if pct is not None else final.unit),
                             stated=final.value, computed=budget.value)
    symbol = SIGN[status]
    return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, budget.value), stated=final.value,
              computed=budget.value, difference=diff, tolerance=tol, unit=final.unit,
              message=(f"第{c.page}页「{c.subject}」决算数与预算数{'基本' if roughly else ''}持平: 决算 {fmt(final.value)} "
                       f"{symbol} 预算 {fmt(budget.value)}{final.unit}"))


def _same(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context) -> Finding:
    within = _final_vs_budget(doc_id, c, k, claims)
    if within is not None:
        return within
    cur, _src = _current_amount(c, k, prior_amount, idx, context, "万元")
    in_doc = idx.earlier(c.subject, context(c), _basis_year(c, prev_year)) if prev_idx is None else None
    if prev_idx is None and in_doc is None:
        extra = f"; implies {prev_year} {c.subject} = {fmt(cur)}万元" if cur is not None else ""
        return _unverifiable(doc_id, "claim_change", c, f"needs the {prev_year} disclosure{extra}")
    cell = in_doc or prev_idx.lookup(c.subject, context(c))
    if cell is None or cur is None:
        return _unverifiable(doc_id, "claim_change", c, f"the {prev_year} disclosure prints no figure for「{c.subject}」")
    pv = convert(cell.value, cell.unit, "万元")
    status, diff = judge(cur, pv, half_unit(cur) + half_unit(pv))
    symbol = SIGN[status]
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
    if "项目" in c.subject and c.unit == "个" and re.search(r"评价", c.subject):
        # "拟对…等2个项目开展部门重点绩效评价": a selection of projects that no table marks
        return _unverifiable(doc_id, "claim_count", c, "the projects chosen for a performance evaluation (评价): "
                             "a selection no table marks", stated=c.value)
    if "项目" in c.subject and c.unit == "个" and ("绩效" in c.subject or re.search(r"绩效目标管理", c.sentence or "")):
        perf = idx.performance_total("")
        if perf is not None and perf[1] == c.value:
            # "涉及一级预算项目6个": the projects the 绩效目标表 enumerate, one form or list line each
            return _f(doc_id, "claim_count", c, "ok", stated=c.value, computed=Decimal(perf[1]), difference=Decimal(0),
                      table="performance_targets", message=f"第{c.page}页「{c.subject}」{c.value}个 = 绩效目标表所列项目 "
                      f"{perf[1]} 个（第{perf[0].page}页起）")
        # a different number is no mismatch: the forms may be second-level projects (12 forms for "一级预算项目6个",
        # the money the same)
    if "项目" in c.subject and c.unit == "个" and "绩效" in c.subject:
        # a count of goals set is held to the project table's lines too; "一级预算项目N个" is not (the table's
        # lines may be second-level projects: 实施公车统管 printed once per unit)
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
        reserves = [k for k in distinct if any(n in k[1] for n in class_names("reserve_lines"))]
        if status == "mismatch" and reserves and c.value == len(distinct) - len(reserves):
            # "编报9个项目绩效目标" beside 10 lines of which one is 预算准备金: a reserve has no goal
            computed, status, diff = c.value, "ok", Decimal(0)
            note = f"；不计储备性质的「{'、'.join(k[1] for k in reserves)}」，为 {fmt(computed)} 个"
        elif status == "mismatch" and reserves and len(distinct) - len(reserves) < c.value < len(distinct):
            # 57 goals beside 58 lines of which two are reserves (in two units): whether a reserve carries a goal
            # is not printed, so any count from 56 to 58 fits the tables
            return _unverifiable(doc_id, "claim_count", c, f"between the {len(distinct) - len(reserves)} projects that "
                                 f"are not reserves and all {len(distinct)} project lines (reserves: "
                                 f"{'、'.join(k[1] for k in reserves)}); the tables do not say which reserves carry a "
                                 "performance goal", stated=c.value, computed=computed, table=t.key)
        if split:
            note += "；" + "、".join(f"「{k[1]}」占 {len(v)} 行（{' + '.join(fmt(next(iter(x.values.values()))) for x in v)}）"
                                   for k, v in split.items()) + "，按一个项目计"
        msg = (f"第{c.page}页「{c.subject}」{c.value}个 {'=' if status == 'ok' else '≠'} 项目支出表中不同项目 {len(distinct)} 个"
               f"（{len(rows)} 行{note}）")
        return _f(doc_id, "claim_count", c, status, severity=severity_of(status, diff, computed), table=t.key,
                  stated=c.value, computed=computed, difference=diff, message=msg,
                  reason=("rows counted once per unit and name: " + "; ".join(k[1] for k in split)) if split else "")
    listed = _count_against_sentence_list(doc_id, c)
    if listed is not None:
        return listed
    if _counted(c):
        return _unverifiable(doc_id, "claim_count", c, f"no table counts {_counted(c)}: the tables print amounts only",
                             stated=c.value)
    return _unverifiable(doc_id, "claim_count", c, f"no table counts「{c.subject}」")


_LIST_LEAD = re.compile(r"^[^，,；;。]{0,8}?(分别为|分别是|具体为|包括|为)?[：:]?")


def _list_items(text: str) -> list[list[str]]:
    """The readings of "A、B（C）、D" or "A和B" as a list of items: when the last item holds one 和/及 it may join
    the last two items ("…、机关服务中心和信息中心") or be part of a name ("资产和非税收入管理处"), so both readings
    are given.  [] when the text is no clean list (a digit, a colon or a clause inside an item means the
    sentence goes on or the text layer is scrambled)."""
    depth, parts, cur = 0, [], ""
    for ch in text:
        depth += (ch in "（(") - (ch in "）)")
        if ch == "、" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    readings = [parts]
    last = re.sub(r"[（(][^）)]*[）)]", "", parts[-1])
    if len(re.findall(r"和|及", last)) == 1:
        head, _sep, tail = re.split(r"(和|及)(?![^（(]*[）)])", parts[-1], maxsplit=1)
        split = parts[:-1] + [head, tail]
        # "A和B" is two items, or one name ("北京市粮食和物资储备局"): both readings, the list first
        readings = [split, parts] if len(parts) == 1 else [parts, split]
    out = []
    for items in readings:
        items = [x.strip(" 　\"“”") for x in items]
        bare = [re.sub(r"[（(][^）)]*[）)]", "", x) for x in items]  # what an item says outside its brackets
        if not items or any(not x or re.search(r"[\d:：，,；;]", x) or len(x) > 30 for x in bare):
            return []
        out.append(items)
    return out


def _count_against_sentence_list(doc_id, c) -> Finding | None:
    """A count followed by the list of what it counts, in the same sentence ("内设13个机构，分别为：办公室、综合
    指导司、…。", "所属2个预算单位，分别为A和B。"): the items listed are as many as stated."""
    sent = c.sentence or ""
    if c.value is None:
        return None
    m = re.search(rf"(?<![\d.]){re.escape(fmt(c.value))}\s*{re.escape(c.unit)}", sent)
    if m is None:
        return None
    rest = sent[m.end():]
    noun = re.match(r"^[^，,：:；;。]{0,12}?(?=[，,：:])", rest)
    rest = rest[noun.end():] if noun else rest  # the counted noun after the number ("个处室")
    lead = re.match(r"^[，,]?\s*(分别为|分别是|具体为|具体包括|包括|为)?\s*[：:]?", rest)
    if not lead or not lead.group(0).strip(" ，,"):
        return None
    if lead.group(1) == "为" and ":" not in lead.group(0) and "：" not in lead.group(0) \
            and noun is not None and len(noun.group(0)) > 5:
        return None  # "11家签约单位的优质资源，为军休干部提供…服务": 为 is "for", not "namely"
    body = rest[lead.end():]
    end = re.search(r"[。；;]", body)
    if end is None:
        return None  # the list runs past the sentence: it may go on over lines or pages
    readings = _list_items(body[:end.start()])
    if not readings or (max(len(r) for r in readings) < 2 and c.value != 1):
        return None  # one item named is a list only for a count of one ("下设1个预算单位，为国家信访局本级。")
    items = next((r for r in readings if len(r) == c.value), readings[0])
    computed = Decimal(len(items))
    status, diff = judge(c.value, computed, Decimal(0))
    shown = "、".join(items[:6]) + ("…" if len(items) > 6 else "")
    msg = (f"第{c.page}页「{c.subject}」{fmt(c.value)}{c.unit} {'=' if status == 'ok' else '≠'} 句中所列 "
           f"{len(items)} 项（{shown}）")
    if status != "ok" and len(readings) > 1:
        msg += f"（若末项中的「和」连接两项，则为 {len(readings[1])} 项）"
    return _f(doc_id, "claim_count", c, status, severity=severity_of(status, diff, computed), stated=c.value,
              computed=computed, difference=diff, message=msg, reason="counted in the list that follows the count")


def _subsequence(short: str, long: str) -> bool:
    """Every character of ``short`` appears in ``long`` in order ("机关事业单位养老保险缴费" in
    "机关事业单位基本养老保险缴费")."""
    it = iter(long)
    return all(ch in it for ch in short)


def _list_item_row(item: str, entries: list[tuple[str, TableRow]]) -> tuple[list[TableRow], str]:
    """(rows, how) of the table rows a listed item names: exactly, one name inside the other, or — for a
    shortened name — the one label that has all the item's characters in order (how = that label)."""
    x = norm(item)

    def rows_of(pred):
        return list({id(r): r for lab, r in entries if pred(lab)}.values())

    hit = rows_of(lambda lab: lab == x)
    if hit:
        return hit, "exact"
    hit = rows_of(lambda lab: len(x) >= 3 and len(lab) >= 3 and (x in lab or lab in x))
    if hit:
        return hit, "contains"
    if len(x) >= 4:
        labels = list(dict.fromkeys(lab for lab, _r in entries if len(lab) > len(x) and _subsequence(x, lab)))
        if len(labels) == 1:
            return rows_of(lambda lab: lab == labels[0]), labels[0]
    return [], ""


def _list(doc_id, c, idx) -> list[Finding]:
    """The items of "人员经费…主要包括：A、B、C" against the basic-economic table.

    An item is found when a row carries its name (or, for a shortened name, the one row whose name holds all
    its characters in order — said in the message).  An item found whose row is zero or blank in the column
    of the listed category (人员经费 / 公用经费) contradicts the list: ``mismatch``.  An item not found is not
    a contradiction — the narrative may group spending under its own names ("公用综合定额经费", "水电费") —
    so it is ``unverifiable``; the items found stay ``ok``.
    """
    s = _subj(c.subject)
    t = idx.t("general_budget_basic_economic")
    if not (s.endswith(("人员经费", "公用经费", "基本支出")) and t is not None):
        return [_unverifiable(doc_id, "claim_list_items", c, f"no table lists the items of「{c.subject or '?'}」",
                              unit="")]
    rows = table_rows(t)
    entries = [(norm(part), r) for r in rows for part in r.label.split(" / ") if part.strip()]
    want = r"人员" if "人员" in s else (r"公用" if "公用" in s else None)
    jcat = value_column(t, want=want) if want else None
    found, short, missing, zero = [], [], [], []
    for item in c.items:
        hits, how = _list_item_row(item, entries)
        if not hits:
            missing.append(item)
            continue
        if how not in ("exact", "contains"):
            short.append((item, how))
        if jcat is not None and not any(r.values.get(jcat) for r in hits):
            zero.append((item, hits[0]))  # every row of that name is zero or blank in the category's column
        else:
            found.append((item, next((r for r in hits if jcat is None or r.values.get(jcat)), hits[0])))
    out = []
    common = dict(table=t.key, unit="")
    n = len(c.items)
    if found:
        ok_items = [i for i, _r in found]
        short = [(i, lab) for i, lab in short if i in ok_items]
        names = "；".join(f"「{i}」按表中「{lab}」" for i, lab in short)
        msg = (f"第{c.page}页「{c.subject}」所列 {n} 项" + ("均" if len(ok_items) == n else f"中 {'、'.join(ok_items)} ")
               + f"见于表 {t.key}" + (f"（{names}，名称简写）" if names else ""))
        first = found[0][1] if found else None
        out.append(_f(doc_id, "claim_list_items", c, "ok", stated=Decimal(n), computed=Decimal(len(ok_items)),
                      difference=Decimal(n - len(ok_items)), row=first.index if first is not None else None,
                      message=msg, reason=("shortened names: " + "; ".join(f"{i} = {lab}" for i, lab in short))
                      if short else "", **common))
    if zero:
        col = t.columns[jcat].name
        what = "、".join(f"{i}（第{r.index}行 {r.label}「{col}」{fmt(r.values.get(jcat)) if jcat in r.values else '空白'}）"
                        for i, r in zero)
        out.append(_f(doc_id, "claim_list_items", c, "mismatch", severity="low", stated=Decimal(n),
                      computed=Decimal(n - len(zero)), difference=Decimal(len(zero)), row=zero[0][1].index,
                      column=col, message=f"第{c.page}页「{c.subject}」所列 {n} 项中 {what} 在表 {t.key} 中没有{s}",
                      reason="listed, but the table gives the item no " + s + ": " + "、".join(i for i, _r in zero),
                      **common))
    if missing:
        reason = (f"{'、'.join(missing)}: no row of table {t.key} carries this name; the narrative may group spending "
                  f"under names of its own, so this is not a contradiction")
        out.append(_unverifiable(doc_id, "claim_list_items", c, reason, stated=Decimal(len(missing)), **common))
        out[-1].message = (f"第{c.page}页「{c.subject}」所列 {n} 项中 {'、'.join(missing)} 不见于表 {t.key}: 无法核对 — "
                           f"不是表中的经济分类科目名称，叙述可按自己的名称归类，不见于表不等于不符")
    return out


def _stated_unit(c, idx) -> str | None:
    """The subordinate unit a sentence opens with (or its section is named after), if the tables list it."""
    units = idx.units()
    if len(units) < 2:
        return None  # one unit: its figures are the department's
    lead = norm(re.sub(r"^\s*(\d{4}年(度)?)?", "", _ENUM_LEAD.sub("", c.sentence)))
    head = norm(_ENUM_LEAD.sub("", c.section or ""))
    for u in sorted(units, key=len, reverse=True):
        if (lead.startswith(u) and not re.match(r"[（(]部门[)）]", lead[len(u):])) or head == u:
            return u  # "…人民政府办公室（部门）部门各单位…" is the department
    return None


_ENUM_LEAD = re.compile(r"^\s*([一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．])")


def _classified(subject: str) -> bool:
    """Whether a subject names a classification item of its own (a code, a 类/款/项 path or a function class)."""
    s = _subj(subject)
    return bool(re.search(r"\d{3,7}", s)) or classification_path(s) is not None or s in FUNCTION_CLASSES


def _children(k: int, claims) -> list:
    """The amounts that follow ``claims[k]`` with it as parent, up to the next amount of no parent."""
    kids = []
    for m in range(k + 1, min(len(claims), k + 40)):
        d = claims[m]
        if d.kind == "amount" and d.parent and _same_subject(d.parent, claims[k].subject):
            kids.append(d)
        elif d.kind == "amount" and not d.parent:
            break
    return kids


def _breakdowns(k: int, claims) -> dict[str, list]:
    """The breakdowns the narrative gives of the amount ``claims[k]``: {sentence: parts}.  Parts are the amounts
    that follow with it as parent (up to the next amount of no parent), grouped by sentence; and the first figure
    of each enumerated sentence that follows ("基本支出30995.07万元，其中：" then "（一）人员经费…", "（二）公用经费…")."""
    c = claims[k]
    kids = _children(k, claims)
    groups: dict = {}
    for d in kids:
        groups.setdefault(d.sentence, []).append(d)
    enumerated = [d for d in kids if d.sentence != c.sentence and _ENUM_LEAD.match(d.sentence)
                  and next(x for x in kids if x.sentence == d.sentence) is d]
    if len(enumerated) >= 2 and len({d.sentence for d in enumerated}) == len(enumerated):
        groups.setdefault(" … ".join(d.sentence for d in enumerated), enumerated)
    return {sent: parts for sent, parts in groups.items()
            if len(parts) >= 2 and all(p.unit == c.unit for p in parts)}


def _exhaustive(c, parts, sent: str) -> bool:
    """The parts name all of the total: a known complete split (_EXHAUSTIVE: 基本支出 = 人员经费 + 公用经费 …) or a
    list introduced by 包括 right after the total's figure, with no 等 (_lists_whole)."""
    return any(a.search(_subj(c.subject)) and all(b.search(p.subject) for p in parts)
               and all(any(re.search(alt, p.subject) for p in parts) for alt in b.pattern.split("|"))
               for a, b in _EXHAUSTIVE) or (sent == c.sentence and _lists_whole(c.sentence))


def _part_tol(p, total) -> Decimal:
    # a part stated as a bare zero ("上年结转结余0万元") carries no precision of its own: that of the total
    return half_unit(p.value) if p.value else min(half_unit(p.value), half_unit(total.value))


def _whole_breakdown(k: int, claims) -> tuple[int, list] | None:
    """(index of the total, the parts) when ``claims[k]`` is a part of a breakdown the narrative names whole
    ("预算55,028.56万元，包括在职人员经费1,864.00万元、公用经费234.61万元、…"; see _exhaustive), else None."""
    c = claims[k]
    if c.kind != "amount" or not c.parent or c.value is None:
        return None
    t = next((t for t in range(k - 1, max(-1, k - 40), -1) if claims[t].kind == "amount"
              and claims[t].value is not None and _same_subject(c.parent, claims[t].subject)), None)
    if t is None:
        return None
    return next(((t, parts) for sent, parts in _breakdowns(t, claims).items()
                 if any(p is c for p in parts) and _exhaustive(claims[t], parts, sent)), None)


def _from_siblings(c, total, parts, whole: Decimal) -> Cell:
    """A part of a complete breakdown: ``whole`` (the total as its table prints it, 21,968.00 for the text's
    21,968) less the other parts, as the narrative's own reading of this part."""
    others = [p for p in parts if p is not c]
    value = whole - sum((p.value for p in others), Decimal(0))
    err = half_unit(whole) + sum((_part_tol(p, total) for p in others), Decimal(0))
    what = (f"第{total.page}页「{total.subject}」{fmt(whole)} − "
            + " − ".join(f"{p.subject} {fmt(p.value)}" for p in others) + f" = {fmt(value)}{c.unit}（叙述自身的分项）")
    return Cell(value, c.unit, "", None, "", total.page, total.subject, what=what, err=err)


def _amount(doc_id, c, k, claims, idx, prev_idx, year, prev_year, context) -> list[Finding]:
    out = _amount_readings(doc_id, c, k, claims, idx, prev_idx, year, prev_year, context)
    own = next((f for f in reversed(out) if f.check == "claim_amount"), None)
    if own is None or own.status != "unverifiable":
        return out
    # nothing in the tables to hold the figure to (or only a usual definition the document may not follow): a
    # part of a breakdown the narrative gives whole is held to its total — itself found in the tables — less the
    # other parts
    part_of = _whole_breakdown(k, claims)
    if part_of is None:
        return out
    t, parts = part_of
    found = next((f for f in _amount_readings(doc_id, claims[t], t, claims, idx, prev_idx, year, prev_year, context)
                  if f.check == "claim_amount" and f.status in ("ok", "rounding")), None)
    if found is not None:
        whole = found.computed if found.computed is not None else claims[t].value
        f = _compare_amount(doc_id, "claim_amount", c, c.value, _from_siblings(c, claims[t], parts, whole))
        f.reason = "; ".join(x for x in (f.reason, f"the tables: {own.reason}") if x)
        out[out.index(own)] = f
    return out


def _amount_readings(doc_id, c, k, claims, idx, prev_idx, year, prev_year, context) -> list[Finding]:
    out = []
    if c.unit not in _UNITS:
        return [_unverifiable(doc_id, "claim_amount", c, f"an amount in {c.unit}")]
    groups = _breakdowns(k, claims)
    for sent, parts in groups.items():
        total = sum((p.value for p in parts), Decimal(0))
        tol = half_unit(c.value) + sum((_part_tol(p, c) for p in parts), Decimal(0))
        status, diff = judge(c.value, total, tol)
        exhaustive = _exhaustive(c, parts, sent)
        if status == "mismatch" and not exhaustive:
            continue  # "其中" may list only some parts, or nest a part inside another
        symbol = SIGN[status]
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
            cells = prev_idx.readings(c.subject, context(c))
            clause = _clause_before(c, _nth(claims, k))
            if cells and "执行" in clause and not _is_final(prev_idx.t(cells[0].table), cells[0]):
                # "2023年当年预算执行数为60.13万元": what was spent, not what the 2023 budget tables print
                return out + [_unverifiable(doc_id, "claim_amount", c,
                                            f"an execution figure (「{clause.strip()}」) for {c.year}; the {c.year} "
                                            f"disclosure prints the budget ({cells[0].describe()})", stated=c.value)]
            if cells:
                return out + [_compare_readings(doc_id, "claim_amount", c, c.value, cells)]
        clause = _clause_before(c, _nth(claims, k))
        if "执行" in clause:
            why = (f"a {c.year} execution figure (「{clause.strip()}」): what was spent in {c.year} is in the "
                   f"{c.year} final accounts (决算), not in this disclosure")
        elif c.year == prev_year:
            why = f"an amount for {c.year}: needs the {c.year} disclosure (--previous)"
        else:
            why = f"an amount for {c.year}, not {year}"
        return out + [_unverifiable(doc_id, "claim_amount", c, why)]
    if c.basis:
        return out + [_unverifiable(doc_id, "claim_amount", c, f"the basis amount of a comparison ({c.basis})")]
    if re.search(r"绩效目标管理|绩效目标的项目|绩效管理的项目", c.sentence) and re.search(r"涉及|资金|拨款", c.sentence):
        # "实行绩效目标管理的项目27个，涉及一般公共预算当年拨款873.27万元": the projects' money
        # ("…预算资金781.5万元，其中财政拨款4.5万元": the 财政拨款 column of the same total)
        # ("…涉及当年一般公共预算拨款2838.42万元，政府性基金预算拨款0万元": that fund's column; where the sentence says
        # the management covers everything (全覆盖), the fund's whole appropriation is a reading too)
        fm = re.search(r"财政拨款|一般公共预算|政府性基金|国有资本经营", _subj(c.subject))
        fund = fm.group(0) if fm else ""
        cells = []
        # the projects the sentence counts ("涉及一级预算项目33个，预算资金9754.42万元") are those the performance-target
        # tables enumerate when they enumerate as many: their money is the sentence's first reading
        counted = re.search(r"(\d+)\s*个[^，。；,]{0,8}项目|项目\s*(\d+)\s*个", c.sentence)
        perf = idx.performance_total(fund)
        if counted and perf is not None and perf[1] == int(counted.group(1) or counted.group(2)):
            cells.append(perf[0])
        cell = idx.project_total(fund)
        if cell is not None and cell.table == "project_expenditure":
            cells.append(cell)
        if fund and re.search(r"全覆盖|全部(项目|支出|资金)", c.sentence):
            # (the fund's appropriation as income, or as the spending it pays for)
            for subj in (c.subject, c.subject + "支出"):
                cells += [x for x in idx.readings(subj, context(c)) if x.table != "project_expenditure"
                          and all((x.table, x.row, x.column) != (y.table, y.row, y.column) for y in cells)]
        if cells:
            return out + [_compare_readings(doc_id, "claim_amount", c, c.value, cells)]
        whole = idx.project_total("")
        if fund and whole is not None and whole.table == "project_expenditure":
            # no column for the fund: the projects' total is that fund's only if every project is funded by it
            f = _compare_amount(doc_id, "claim_amount", c, c.value, whole)
            if f.status in ("ok", "rounding"):
                f.message += f"（项目表不分资金来源：所有项目之和即{fund}数）"
                return out + [f]
            return out + [_unverifiable(doc_id, "claim_amount", c, f"the {fund} funds of the performance-managed "
                                        f"projects; the project table prints no {fund} column (all funds: "
                                        f"{whole.describe()})", stated=c.value)]
        return out + [_unverifiable(doc_id, "claim_amount", c, "the funds of the performance-managed projects; no project table")]
    clause = _clause_before(c, _nth(claims, k))
    if re.search(r"涉及", clause) and not re.search(r"(部门|单位|本局|本级)(预算|收支|支出|收入)?总", clause):
        # "…等3个项目开展了部门评价，涉及一般公共预算支出1639.34万元": the money of the items just named
        return out + [_unverifiable(doc_id, "claim_amount", c, f"a part (「{clause.strip()}」): the amount of the "
                                    "items the sentence names, which no table totals", stated=c.value)]
    at = c.sentence.find(clause) if clause else -1
    if at > 0 and re.search(r"(该|此|本)项目|项目(批复|全年|年初|实际|资金投入)", c.sentence[:at]):
        # "该项目批复的年初预算数为1018.00万元，其中当年财政拨款898.00万元": one project's money, not the department's
        return out + [_unverifiable(doc_id, "claim_amount", c, "one project's figure (该项目…): the project tables do "
                                    "not print its budget sources", stated=c.value)]
    if _plain(_subj(c.subject)) in ("支出", "收入") and _figure_before(c):
        # "…行政运行（项）。年初预算为10.00万元，支出决算为10.00万元": 支出决算 is the item's, not the department's
        return out + [_unverifiable(doc_id, "claim_amount", c, f"「{c.subject}」 here is the spending of an item the "
                                    "sentence names before, not the department total; the item was not recognised")]
    unit = _stated_unit(c, idx)
    if unit is not None and not _classified(c.subject):
        # "深圳市社会保险基金管理局龙华分局部门预算收入5,127.91万元": the unit's budget, not the department's
        cells = idx.unit_cells(unit, c.subject)
        if cells:
            return out + [_compare_readings(doc_id, "claim_amount", c, c.value, cells)]
        return out + [_unverifiable(doc_id, "claim_amount", c, f"a figure of the unit「{unit}」, not of the "
                                    f"department; no table prints「{c.subject}」 for that unit")]
    if c.scope and not _classified(c.subject):
        # "（1）进修及培训（20508）…具体为：人员经费0.00万元": the 人员经费 of 20508, not the department's
        cells = idx.scoped_cells(c.scope, c.subject)
        if cells:
            return out + [_compare_readings(doc_id, "claim_amount", c, c.value, cells)]
        return out + [_unverifiable(doc_id, "claim_amount", c, f"a part of「{c.scope}」: no table prints "
                                    f"「{c.subject}」 by that classification")]
    cells = idx.readings(c.subject, context(c))
    if cells and any(re.match(r"^(上年)?结转", _subj(d.subject)) for d in _children(k, claims)) \
            and re.search(r"收入$", _subj(c.subject)):
        # "当年财政拨款收入337,741.21万元，其中：一般公共预算拨款收入324,638.50万元、上年结转13,102.70万元": the
        # sentence counts the carry-over in, so the side's grand total (收入总计) is a reading too
        side = idx.side_grand(cells[0].table, "收入")
        if side is not None and all((side.table, side.row) != (x.table, x.row) for x in cells):
            cells = cells + [side]
    if cells:
        budget = _budget_figure_in_final(doc_id, c, cells, idx, _nth(claims, k))
        if isinstance(budget, Finding):
            return out + [budget]
        if budget is not None:
            cells = budget  # the budget column of the same row
        f = _compare_readings(doc_id, "claim_amount", c, c.value, cells)
        if f.status == "mismatch" and f.difference is not None and abs(f.difference) <= 2 * half_unit(c.value) \
                and _tail_adjusted(claims, k):
            # "社会保障和就业支出5,331万元…卫生健康支出102万元…住房保障支出51万元" under a total of 5,484万元: the
            # table's 5,330.09 was raised by one unit so that the parts add up to the rounded total
            f.status, f.severity, f.reason = "rounding", "info", AMOUNT_TAIL_NOTE
            f.message = f.message.replace(" ≠ ", " ≈ ", 1).split("（差")[0] + f"（{AMOUNT_TAIL_NOTE}）"
        return out + [f]
    if out:
        return out
    reason = f"no table row matches「{c.subject}」"
    subj = _subj(c.subject)
    if re.search(r"^(政府采购|拟(购买|采购)|(货物|工程|服务)(类项目|采购))|采购(项目)?(金额|预算|总额)", subj) and not any(re.search(r"采购", t.title or "") for t in idx.tables):
        reason = "the disclosure prints no government-procurement table: 政府采购 figures are stated in the text only"
    elif "机关运行经费" in subj and idx.t("admin_operating") is None:
        reason = "the disclosure prints no 机关运行经费 table: the figure is stated in the text only"
    _cells, why = idx.path_cells(c.subject, context(c))
    if why:
        reason += f" ({why})"
    tp = idx.t("three_public")
    if tp is not None and re.search(r"出国|接待|用车", c.subject):
        head = " ".join(col.name for col in tp.columns if col.role == "label")
        key = re.sub(r"[（(].*", "", _subj(c.subject))[:4]
        if key and key in head:
            reason = (f"the 三公 table has no row「{c.subject}」: its label was read into the column header "
                      f"「{head}」 (extraction defect: blank body rows taken as header rows)")
    return [_unverifiable(doc_id, "claim_amount", c, reason)]
