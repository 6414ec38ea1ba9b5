"""Issue 3's acceptance on real documents: every total row of the extracted tables equals the sum of
its parts within the printed rounding, except where the PDF itself is inconsistent (registered, each
read in the PDF, in benchmarks/known_errors.yml).

A misread digit, a row put in the wrong table, a lost row or a column shifted by one makes a total
disagree with its parts, so this is the broadest check that extraction read every figure right.
"""
from __future__ import annotations

import re

import pytest

from conftest import RAW, extraction
from registry import is_known, known_for
from yusuan.check.identities import run_checks
from yusuan.tables.rows import table_rows

SUM_CHECKS = {"column_sum", "basic_plus_project", "personnel_plus_public", "sum_children",
              "revenue_equals_expenditure", "three_public_sum", "cross_table_total"}
TOTAL_ROW = re.compile(r"合计|总计|小计")
PDFS = sorted(p.name for p in RAW.glob("*.pdf"))


@pytest.mark.slow
@pytest.mark.parametrize("name", PDFS)
def test_totals_equal_sum_of_parts(name):
    ex = extraction(RAW / name)
    findings = [f for f in run_checks(ex.doc_id, ex.tables) if f.check in SUM_CHECKS]
    bad = [f for f in findings if f.status == "mismatch"]
    msgs = [f.message for f in bad if not is_known(f, RAW / name)]
    assert not msgs, f"{name}: totals that are not the sum of their parts:\n" + "\n".join(msgs)
    found = {(f.check, f.page, format(f.stated, "f")) for f in bad}
    gone = [e for e in known_for(RAW / name, SUM_CHECKS) if (e["check"], e["page"], format(e["stated"], "f")) not in found]
    assert not gone, f"{name}: registered PDF inconsistencies no longer found: {gone}"


@pytest.mark.slow
@pytest.mark.parametrize("name", PDFS)
def test_every_total_row_is_checked(name):
    """A total nobody checks could hide a misread figure: each printed 合计/总计/小计 row with figures
    is the subject of at least one identity."""
    ex = extraction(RAW / name)
    covered = {(f.table, f.row) for f in run_checks(ex.doc_id, ex.tables) if f.check in SUM_CHECKS}
    unchecked = []
    for t in ex.tables:
        if t.empty or t.key.startswith(("performance_targets", "performance_self_evaluation")):  # forms, scores
            continue
        for side in list(dict.fromkeys(c.side for c in t.columns)) or [""]:
            for r in table_rows(t, side):
                if TOTAL_ROW.search(r.label or "") and r.values and (t.key, r.index) not in covered:
                    unchecked.append(f"{t.key} row {r.index} {side} {r.label} (p{r.page})")
    assert not unchecked, f"{name}: total rows no identity checks: {unchecked}"
