"""Changes against the year before (比上年增加X万元，增长Y%; 与上年相同) and, in final accounts, 决算 against
预算: a rate from the two amounts of its sentence or from this year's table and the earlier disclosure; without
the earlier disclosure, ``unverifiable`` with the earlier figure the claim implies."""
from __future__ import annotations

import re
from decimal import Decimal

from yusuan.base.numbers import half_unit, quantize_like
from yusuan.check.findings import SIGN, Finding, fmt, judge, ratio_tolerance, severity_of
from yusuan.check.lookup import convert
from yusuan.check.lookup.cells import _UNITS
from yusuan.check.recompute.common import _clause_before, _f, _nth, _same_subject, _unverifiable
from yusuan.check.recompute.counts import _counted
from yusuan.check.recompute.shares import _pct_note


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


def _over_current(c, change: Decimal, cur: Decimal, change_err: Decimal, usual: Decimal):
    """A growth rate read against this year's amount instead of last year's: "比上年增加42.14万元，增长14.53%" with
    290.00 this year is 42.14 / 290.00 = 14.53%, where the usual base (last year's 247.86) gives 17.00%.  Both are
    readings of the statement (documents compute either); called when the usual one does not fit.

    ``change``: the change (within ``change_err``), ``cur``: this year's amount, ``usual``: the usual reading's rate.
    Returns (status, difference, computed, tolerance, what was computed, reason) or None (no positive amount)."""
    if cur is None or cur <= 0 or change == 0:
        return None  # no base, or no change: 0% over either amount, nothing the usual reading did not try
    computed = Decimal(100) * change / cur
    tol = ratio_tolerance(c.value, change, cur, num_err=change_err, den_err=half_unit(cur))
    status, diff = judge(c.value, computed, tol, exact=False, truncation=True)
    shown = f"{fmt(change)} / {fmt(cur)} = {fmt(quantize_like(computed, Decimal('0.0001')))}%"
    reason = (f"fits the change over this year's amount ({shown}), not over last year's amount, the usual base "
              f"({fmt(quantize_like(usual, Decimal('0.0001')))}%)") if status != "mismatch" else ""
    return status, diff, computed, tol, shown, reason


def _either_base(c, change, cur, change_err, usual, judged, elsewhere: int = 0):
    """The usual reading ``judged`` = (status, difference, computed, tolerance, message, reason), a mismatch, or the
    reading over this year's amount (:func:`_over_current`) when that one fits; either message names both.

    ``elsewhere``: how many other rates of the document fit last year's base and not this year's
    (:func:`usual_base_rates`).  The base is the document's habit — one formula in its template or its author's
    sheet — so a document that shows it divides by last year's amount does not get the other base for one rate:
    that rate stays a mismatch, the message saying which reading it fits and why it is not taken.  (Where the two
    readings lie within a digit of each other, small rates, a slip in the usual rate lands on the other one.)"""
    other = _over_current(c, change, cur, change_err, usual)
    if other is None:
        return judged
    status, diff, computed, tol, shown, reason = other
    parts = re.split(r" (≠|vs) ", judged[4], maxsplit=1)
    if len(parts) != 3:
        return judged  # (every usual reading's message sets the rate against its computation)
    head, sign, rest = parts
    usual_shown, cut, after = rest.partition("（差")
    if status == "mismatch" or elsewhere:
        # the usual reading's difference stays next to it; the other reading follows
        diff_txt, close, tail = after.partition("）")
        other_txt = (f"以本年数为基数 {shown} 亦不符" if status == "mismatch" else
                     f"以本年数为基数 {shown} 相合，但本文件另有{elsewhere}个比率只合以上年数为基数，不取此读法")
        msg = f"{head} {sign} {usual_shown}{cut}{diff_txt}{close}；{other_txt}{tail}"
        return judged[:4] + (msg, judged[5])
    msg = f"{head} {SIGN[status]} {shown}（以本年数为基数，非通常的上年数）；以上年数为基数 {usual_shown.rstrip()} 则不符"
    msg, note = _pct_note(msg, status, diff, c.value, computed, tol)
    return status, diff, computed, tol, msg, "; ".join(x for x in (reason, note) if x)


def usual_base_rates(claims, prior_amount, year=None, prev_year=None) -> set[int]:
    """The rates of the document that show it divides a change by last year's amount: each rate whose statement
    gives both years' amounts (two amounts in the sentence, "2023年…执行数为60.13万元，2024年预算安排25.77万元，
    比2023年…减少57.14%"; or the change beside this year's or last year's amount, "…290.00万元，比上年增加42.14万元，
    增长17.00%") and that fits the change over last year's amount and not over this year's (a small rate fits both
    within rounding and shows nothing).  Indices into ``claims``; no table is read."""
    out = set()
    for k, c in enumerate(claims):
        if c.kind != "change_percent" or not c.value:
            continue
        pair = _sentence_pair(claims, k, c, year, prev_year)
        if pair is not None:
            cur, last = pair[0].value, pair[1].value
            change, err = abs(cur - last), half_unit(cur) + half_unit(last)
        else:
            m = next((m for m in range(k - 1, max(-1, k - 4), -1) if claims[m].kind == "change_amount"
                      and _same_subject(claims[m].subject, c.subject) and claims[m].unit in _UNITS), None)
            if m is None or not claims[m].value:
                continue
            d = claims[m]
            sign = Decimal(1) if (d.direction or c.direction) != "减少" else Decimal(-1)
            based = _basis_amount(claims, m, d)
            found = prior_amount(m, d.subject, d.unit) if based is None else None
            if based is None and found is None:
                continue
            change, err = d.value, half_unit(d.value)
            if based is not None:
                last, cur = based.value, based.value + sign * d.value
            else:
                cur, last = found[1].value, found[1].value - sign * d.value
        if last <= 0 or cur <= 0 or not change:
            continue
        usual = judge(c.value, 100 * change / last, ratio_tolerance(c.value, change, last, num_err=err,
                                                                     den_err=half_unit(cur) + half_unit(change)),
                      exact=False, truncation=True)[0]
        over = _over_current(c, change, cur, err, Decimal(0))
        if usual != "mismatch" and over is not None and over[0] == "mismatch":
            out.add(k)
    return out


def _pair_percent(doc_id, c, cur, prev, elsewhere: int = 0) -> Finding:
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
    if status == "mismatch":
        status, diff, computed, tol, msg, reason = _either_base(c, delta, cur.value, half_unit(cur.value) +
                                                                half_unit(prev.value), computed,
                                                                (status, diff, computed, tol, msg, reason), elsewhere)
    if went and c.direction in ("增加", "减少") and went != c.direction and computed != 0:
        # the size is right but the sentence says the opposite direction
        status, diff = "mismatch", c.value + computed
        msg += f"；但 {fmt(cur.value)} 比 {fmt(prev.value)} 是{went}，句中说{c.direction}"
        reason = ""
    return _f(doc_id, "claim_change", c, status, severity=severity_of(status, diff, c.value), stated=c.value,
              computed=computed, difference=diff, tolerance=tol, unit="%", message=msg, reason=reason)


def _change_percent(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context, year=None,
                    elsewhere: int = 0) -> Finding:
    """``elsewhere``: how many other rates of the document show it divides by last year's amount (see _either_base)."""
    pair = _sentence_pair(claims, k, c, year, prev_year)
    if pair is not None:
        return _pair_percent(doc_id, c, *pair, elsewhere=elsewhere)
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
            if status == "mismatch" and cur != 0:
                status, diff, computed, tol, msg, reason = _either_base(c, delta.value, cur, half_unit(delta.value),
                                                                        computed, (status, diff, computed, tol, msg, reason),
                                                                        elsewhere)
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
    if status == "mismatch":
        status, diff, computed, tol, msg, reason = _either_base(c, abs(cur - pv), cur, half_unit(cur) + half_unit(pv),
                                                                computed, (status, diff, computed, tol, msg, reason),
                                                                elsewhere)
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


def _either_subject(c, usual: list[Finding], other: list[Finding]) -> list[Finding]:
    """A change stated after the last item of a list (``c.alt_subject``, see claims.parse._list_total), judged as the
    item's (``usual``, the parser's reading) and as the list total's (``other``): ok when either fits, saying which;
    a mismatch only when both are checked and neither fits, naming both; unverifiable when the one that does not
    fit is the only one that could be checked."""
    if len(usual) != 1 or len(other) != 1:
        return usual
    u, o = usual[0], other[0]
    item, total = c.subject, c.alt_subject
    fits = ("ok", "rounding")
    if u.status in fits or (u.status == "unverifiable" and o.status == "unverifiable"):
        return [u]
    if o.status in fits:
        o.message += f"；按「{item}」（所列最后一项）读则不符：{_computation(u)}"
        o.reason = "; ".join(x for x in (o.reason, f"the change read as「{total}」's (the total of the list it follows), "
                                                   f"not as「{item}」's (the list's last item)") if x)
        return [o]
    if u.status == "mismatch" and o.status == "mismatch":
        u.message += f"；按「{total}」（所列各项之合计）读亦不符：{_computation(o)}"
        return [u]
    # one reading does not fit, the other cannot be checked: the statement is not shown wrong
    checked, unchecked, as_ = (u, o, total) if u.status == "mismatch" else (o, u, item)
    said = "its list's total" if as_ == total else "the list's last item"
    reason = (f"the change may be「{as_}」's ({said}), which cannot be checked: {unchecked.reason}; read as"
              f"「{checked.subject}」's it does not fit")
    u.status, u.severity, u.difference, u.tolerance = "unverifiable", "info", None, None
    u.reason = reason
    u.message = f"第{u.page}页{_computation(checked)}；但也可读作「{as_}」的变动，无法核对"
    return [u]


def _computation(f: Finding) -> str:
    """A finding's message without its page: what was set against what."""
    return re.sub(r"^第\d+页", "", f.message)
