"""Recompute every figure the narrative states (:mod:`yusuan.check.claims`) from the document's own numbers.

Which table cell a subject names is lookup's job (``TableIndex``); this package decides what each
kind of claim is compared with and how the comparison is judged: :func:`recompute_claims` sends each claim to
the module of its kind — ``amounts``, ``shares``, ``changes`` (and "与上年相同"), ``counts``, ``lists`` — which
share the helpers of ``common``.

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
  A rate is read against last year's amount (the usual base) and, when that does not fit, against this year's
  (42.14 / 290.00 = 14.53% where 42.14 / 247.86 = 17.00%): ok when that one fits, saying so; a mismatch naming
  both when neither does — or when other rates of the document show it divides by last year's amount (the base is
  the document's habit, ``changes.usual_base_rates``).  A change stated after the last item of a list
  ("“三公”经费12.00万元，其中：…公务用车购置及运行费10.00万元（其中：…），比上年减少3.00万元") may be the item's or
  the list total's (``Claim.alt_subject``, see claims.parse._list_total): both readings, ok if either fits, a
  mismatch only if both are checked and neither does, naming both.
* Rates (``claim_share`` and a ``claim_change`` in %) are judged at the precision the document gives them: a
  document that prints every rate as "X.0%" (three distinct rates or more and none with a real last digit,
  ``common.rate_places``) states whole percents, so its "5.0%" for 5.40% is ok and says so; one that prints
  5.4% or 12.35% anywhere keeps the printed precision.
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

from dataclasses import replace

from yusuan.check.findings import Finding
from yusuan.check.lookup import TableIndex
from yusuan.check.recompute.amounts import _amount
from yusuan.check.recompute.changes import (_change_amount, _change_percent, _either_subject, _same,
                                            usual_base_rates)
from yusuan.check.recompute.common import _same_subject, _unverifiable, held_finding, hold_rate, rate_places
from yusuan.check.recompute.counts import _CHECK_OF_KIND, _NO_SUBJECT, _count
from yusuan.check.recompute.lists import _list
from yusuan.check.recompute.shares import _share

__all__ = ["recompute_claims"]


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
    printed = list(claims)
    # a document that prints every rate as "X.0%" states whole percents: each rate is judged at that precision
    habit = rate_places(printed)
    claims = [hold_rate(c, habit[0]) for c in printed] if habit else printed

    def prior_amount_in(claims):
        def prior_amount(k: int, subject: str, unit: str) -> tuple[int, object] | None:
            for m in range(k - 1, max(-1, k - 8), -1):
                c = claims[m]
                if c.kind == "amount" and not c.basis and c.unit == unit and _same_subject(c.subject, subject) \
                        and abs(c.page - claims[k].page) <= 1:
                    return m, c
            return None
        return prior_amount

    prior_amount = prior_amount_in(claims)
    # the rates that show the document divides a change by last year's amount (its habit)
    usual_base = usual_base_rates(claims, prior_amount, year, prev_year)
    as_totals = None  # the claims with each change after a list's last item read as the list total's

    def context(c) -> str:
        return " ".join(x for x in (c.parent, c.section, c.basis, c.fund) if x)

    for k, c in enumerate(claims):
        if only is not None and k not in only:
            continue
        start = len(out)
        _recompute_one(doc_id, k, c, claims, idx, prev_idx, year, prev_year, prior_amount, context, out,
                       len(usual_base - {k}))
        if c.alt_subject and c.kind in ("change_amount", "change_percent", "same"):
            # the change may be the item's or the total's of the list it follows: both readings
            if as_totals is None:
                as_totals = [replace(d, subject=d.alt_subject, alt_subject=d.subject, parent="", scope="")
                             if d.alt_subject else d for d in claims]
            other: list[Finding] = []
            _recompute_one(doc_id, k, as_totals[k], as_totals, idx, prev_idx, year, prev_year,
                           prior_amount_in(as_totals), context, other, len(usual_base - {k}))
            out[start:] = _either_subject(c, out[start:], other)
        if c is not printed[k]:
            out[start:] = [held_finding(f, printed[k].value, c.value, habit[1]) for f in out[start:]]
        if origins is not None:
            origins.extend([k] * (len(out) - start))
    return out


def _recompute_one(doc_id, k, c, claims, idx, prev_idx, year, prev_year, prior_amount, context,
                   out: list[Finding], usual_base: int = 0) -> None:
    """Append the findings of claim ``k`` to ``out``.  ``usual_base``: how many other rates of the document show it
    divides a change by last year's amount (changes.usual_base_rates)."""
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
            out.append(_change_percent(doc_id, c, k, claims, prior_amount, idx, prev_idx, prev_year, context, year,
                                       usual_base))
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
