"""Shares (占X%): 100 × amount / total, recomputed from the amount the sentence states and the total of its scope
or basis (found in the tables, held to the precision of the cells it was computed from); a run of shares of one
breakdown that adds to exactly 100% because one of them absorbed the rounding is ``rounding``, said so."""
from __future__ import annotations

from decimal import Decimal

from yusuan.base.numbers import half_unit, quantize_like
from yusuan.check.findings import (SIGN, TRUNCATION_NOTE, Finding, fmt, judge, ratio_tolerance, severity_of,
                                   truncation_explains)
from yusuan.check.lookup import convert
from yusuan.check.lookup.cells import _UNITS
from yusuan.check.recompute.common import _f, _unverifiable


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
