"""Findings of the fact-check, and the rule that turns a difference into a status.

A :class:`Finding` records one comparison: what the document states, what we
recompute from its own figures, and whether the two agree.

Status rules (:func:`judge`), always at the printed precision:

* ``ok`` — the stated figure equals the recomputed one.  A recomputed *sum* is
  exact (decimals of the parts); a recomputed *ratio* (share, growth rate) is
  rounded half-up to the decimals the stated percentage is printed with.
* ``rounding`` — not equal, but the difference is within what rounding of the
  printed figures can explain.  Every printed figure ``x`` with ``d`` decimals
  stands for a true value in ``x ± ½·10⁻ᵈ``:

  - a total compared with the sum of ``n`` printed parts may differ by the sum
    of the half-units of all the figures involved: ``(n + 1) × 0.005`` when the
    total and its ``n`` parts are printed to 0.01 (the total is rounded too).
    Blank cells are exact zeros and add nothing.
  - a percentage recomputed from rounded amounts may differ by the interval
    bound of the ratio over the amounts' half-unit intervals plus half a unit
    of the printed percentage (see :func:`ratio_tolerance`).
  - an amount compared with the same amount printed in another unit or with
    fewer decimals may differ by half a unit of the coarser printing.
  - a narrative figure (``truncation=True``: an amount or percentage the text
    quotes from the tables) may have been *truncated* rather than rounded — cut
    to its printed decimals, as in 7,633.51 for a table's 7,633.516247 or 49.4%
    for 49.46%.  It then lies within one unit of its last digit below the true
    value (toward zero), plus the rounding error of the figures it is computed
    from; :func:`truncation_explains` says when, and the finding says so.
* ``mismatch`` — the difference is larger than that.
* ``unverifiable`` — nothing to recompute against (``reason`` says why).

Severity grows with the relative size of a mismatch: < 0.1 % low, < 1 % medium,
otherwise high; ok / rounding / unverifiable are ``info``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal

from yusuan.base.numbers import half_unit, quantize_like

__all__ = ["Finding", "SIGN", "judge", "truncation_explains", "TRUNCATION_NOTE", "ratio_tolerance", "severity_of",
           "fmt", "findings_frame", "STATUS_ORDER", "FINDING_COLUMNS"]

STATUS_ORDER = {"mismatch": 0, "rounding": 1, "unverifiable": 2, "ok": 3}
# how a finding's message relates the stated figure to the computed one
SIGN = {"ok": "=", "rounding": "≈", "mismatch": "≠"}


@dataclass
class Finding:
    doc_id: str
    check: str
    status: str  # ok | rounding | mismatch | unverifiable
    severity: str = "info"  # info | low | medium | high
    table: str = ""
    row: int | None = None
    column: str = ""
    page: int | None = None
    stated: Decimal | None = None
    computed: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    unit: str = ""
    subject: str = ""
    sentence: str = ""
    reason: str = ""
    message: str = ""
    # the readings tried, each "what: value" ("；"-joined), where a statement was compared with more than one cell
    readings: str = ""
    # of a mismatch: "confident" (one reading, like with like, or every reading agrees on the figure) or "possible"
    # (the readings tried give different figures, or the reading rests on an assumption) — see :func:`confidence`
    confidence: str = ""


FINDING_COLUMNS = [f.name for f in fields(Finding)]


# --------------------------------------------------------------------------- precision

def ratio_tolerance(stated_pct: Decimal, num: Decimal, den: Decimal, num_err: Decimal | None = None,
                    den_err: Decimal | None = None) -> Decimal:
    """Largest |stated − 100·num/den| that rounding explains.

    ``num`` and ``den`` are printed amounts, each within its half-unit (or the given error bounds, e.g.
    a denominator that is itself a difference of two printed amounts carries both their half-units);
    the ratio is bounded over that box, and the stated percentage itself is within its own half-unit.
    """
    en = half_unit(num) if num_err is None else num_err
    ed = half_unit(den) if den_err is None else den_err
    exact = Decimal(100) * num / den
    lo_den, hi_den = den - ed, den + ed
    if lo_den <= 0:
        return abs(exact) + half_unit(stated_pct)  # no bound worth the name
    cands = [Decimal(100) * (num + a) / b for a in (-en, en) for b in (lo_den, hi_den)]
    spread = max(abs(c - exact) for c in cands)
    return spread + half_unit(stated_pct)


TRUNCATION_NOTE = "截断而非四舍五入：所述数在其末位一个单位之内，是截去后面的数字所得"


def truncation_explains(stated: Decimal, computed: Decimal, tolerance: Decimal) -> bool:
    """``stated`` is ``computed`` cut (not rounded) to the stated decimals, and rounding alone does not explain it.

    A truncated figure ``x`` with ``d`` decimals stands for a true value in ``[x, x + 10⁻ᵈ)`` (toward zero);
    the true value is within ``computed ± e``, ``e`` = the part of ``tolerance`` that is not the stated
    figure's own half-unit (the rounding error of the figures ``computed`` comes from).  A difference of more
    than one unit of the last printed digit, or one in the other direction, is never a truncation.
    """
    if abs(stated - computed) <= tolerance:
        return False
    unit = 2 * half_unit(stated)
    err = max(tolerance - half_unit(stated), Decimal(0))
    if stated == 0:
        return abs(computed) - err < unit
    sign = Decimal(1) if stated > 0 else Decimal(-1)
    a, c = stated * sign, computed * sign
    return a - err <= c < a + unit + err


def judge(stated: Decimal, computed: Decimal, tolerance: Decimal, exact: bool = True,
          truncation: bool = False) -> tuple[str, Decimal]:
    """(status, difference).  ``exact``: computed is a sum of printed figures (no rounding of its own);
    otherwise computed is a ratio and is first rounded to the stated precision for the ok test.
    ``truncation``: the stated figure is a narrative quotation that may be truncated rather than rounded
    (see :func:`truncation_explains`); such a figure is ``rounding``, a larger difference stays ``mismatch``."""
    shown = computed if exact else quantize_like(computed, stated)
    diff = stated - shown
    if diff == 0:
        return "ok", Decimal(0)
    if abs(stated - computed) <= tolerance:
        return "rounding", diff
    if truncation and truncation_explains(stated, computed, tolerance):
        return "rounding", diff
    return "mismatch", diff


def severity_of(status: str, diff: Decimal | None, base: Decimal | None) -> str:
    if status != "mismatch" or diff is None:
        return "info"
    if not base:
        return "high"
    rel = abs(diff) / abs(base)
    if rel < Decimal("0.001"):
        return "low"
    if rel < Decimal("0.01"):
        return "medium"
    return "high"


def fmt(x: Decimal | None) -> str:
    """1385.37 → '1,385.37' (keeps the printed decimals)."""
    if x is None:
        return "—"
    exp = x.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    return f"{x:,.{places}f}"


# --------------------------------------------------------------------------- frames

def findings_frame(findings):
    """Fixed columns; confident mismatches first (largest |difference| first), then the merely possible ones,
    rounding, unverifiable, ok."""
    import pandas as pd

    rows = []
    for f in findings:
        d = asdict(f)
        for k in ("stated", "computed", "difference", "tolerance"):
            d[k] = "" if d[k] is None else format(d[k], "f")
        d["row"] = "" if f.row is None else str(f.row)
        d["page"] = "" if f.page is None else str(f.page)
        order = STATUS_ORDER.get(f.status, 9) + (0.5 if f.status == "mismatch" and f.confidence == "possible" else 0)
        rows.append((order, -abs(f.difference) if f.difference is not None else 0, len(rows), d))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return pd.DataFrame([r[3] for r in rows], columns=FINDING_COLUMNS, dtype=str)
