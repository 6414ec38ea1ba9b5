"""Table identities (yusuan.check.identities) and the status/tolerance rules (yusuan.check.findings)."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal as D

import pytest
from conftest import RAW, SAMPLE_PDF, extraction

from yusuan.check.identities import run_checks
from yusuan.base.numbers import sum_tolerance
from yusuan.check.findings import findings_frame, judge, ratio_tolerance, truncation_explains


def test_judge_sum_rules():
    parts = [D("653.89"), D("64.99")]
    tol = sum_tolerance(D("718.87"), parts)
    assert tol == D("0.015")
    assert judge(D("718.87"), sum(parts), tol) == ("rounding", D("-0.01"))
    assert judge(D("1592.14"), D("1592.14"), tol)[0] == "ok"
    assert judge(D("1592.14"), D("1592.20"), tol)[0] == "mismatch"


def test_judge_ratio_rules():
    # 87.01% of 1,592.14 from 1,385.37: ok at the printed precision
    computed = D(100) * D("1385.37") / D("1592.14")
    assert judge(D("87.01"), computed, ratio_tolerance(D("87.01"), D("1385.37"), D("1592.14")), exact=False)[0] == "ok"
    # 49.4% where 2,906.80 / 5,876.67 = 49.46%: beyond what rounding explains
    computed = D(100) * D("2906.80") / D("5876.67")
    tol = ratio_tolerance(D("49.4"), D("2906.80"), D("5876.67"))
    assert judge(D("49.4"), computed, tol, exact=False)[0] == "mismatch"
    # … unless the figure may be a truncation (narrative figures): 49.46 cut to 49.4
    assert judge(D("49.4"), computed, tol, exact=False, truncation=True)[0] == "rounding"
    assert truncation_explains(D("49.4"), computed, tol)


def test_judge_truncation_rules():
    # 7,633.51 for 7,633.516247: within one unit of the last digit, below the true value
    tol = D("0.005") + D("0.0000005")
    assert judge(D("7633.51"), D("7633.516247"), tol, truncation=True) == ("rounding", D("-0.006247"))
    assert judge(D("7633.51"), D("7633.516247"), tol)[0] == "mismatch"  # only where asked for
    # more than one unit, or above the true value (truncation never rounds up): mismatch
    assert judge(D("7633.50"), D("7633.516247"), tol, truncation=True)[0] == "mismatch"
    assert judge(D("7633.53"), D("7633.516247"), tol, truncation=True)[0] == "mismatch"
    # negative figures truncate toward zero
    assert judge(D("-1.2"), D("-1.27"), D("0.05"), truncation=True)[0] == "rounding"
    assert judge(D("-1.3"), D("-1.27"), D("0.05"), truncation=True)[0] == "rounding"  # plain rounding
    assert judge(D("-1.2"), D("-1.31"), D("0.05"), truncation=True)[0] == "mismatch"
    # the real discrepancies stay: 79.05% vs 79.09%, 5.95% vs 6.10%, 31.35% vs 31.56%, 71.73% vs 71.65%
    for stated, num, den in (("79.05", "865.57", "1094.42"), ("5.95", "392.92", "6442.89"),
                             ("31.35", "333.83", "1057.85"), ("71.73", "2106.66", "2940.05")):
        computed = D(100) * D(num) / D(den)
        tol = ratio_tolerance(D(stated), D(num), D(den))
        assert judge(D(stated), computed, tol, exact=False, truncation=True)[0] == "mismatch", stated


@pytest.fixture(scope="module")
def sample_findings():
    ex = extraction(SAMPLE_PDF)
    return run_checks(ex.doc_id, ex.tables)


def test_sample_basic_is_personnel_plus_public_rounding(sample_findings):
    f = [x for x in sample_findings if x.check == "personnel_plus_public" and x.table == "general_budget_basic_economic"
         and x.row == 0 and x.column.endswith("合计")]
    assert len(f) == 1
    assert (f[0].status, f[0].stated, f[0].computed) == ("rounding", D("718.87"), D("718.88"))


def test_sample_identities_hold(sample_findings):
    by = Counter((f.check, f.status) for f in sample_findings)
    assert by[("basic_plus_project", "ok")] >= 16
    assert by[("three_public_sum", "ok")] >= 1
    assert by[("revenue_equals_expenditure", "ok")] == 2
    assert by[("cross_table_total", "ok")] >= 4
    assert not [f for f in sample_findings if f.status == "mismatch" and f.check != "perf_funds_vs_project"]
    units = [f for f in sample_findings if f.table == "project_expenditure" and f.check == "sum_children"]
    assert {f.subject for f in units} >= {"大同市云冈区人民政府办公室", "大同市云冈区公共事务服务中心",
                                          "大同市云冈区政府信息网络中心", "大同市云冈区人民政府办公室（部门）"}
    assert all(f.status == "ok" for f in units)
    # every table finding names its row: code and label, or the column checked on a row printed without a name
    assert all(f.subject.strip() for f in sample_findings)
    coded = [f for f in sample_findings if f.check == "sum_children" and f.table == "general_budget_expenditure"
             and f.subject.startswith("201 ")]
    assert coded and all(f.subject == "201 一般公共服务支出" for f in coded)


def test_sample_perf_form_split_project(sample_findings):
    # the OA form says 1,370,000元; the project table prints two rows of that name, 137.00 + 3.00
    f = [x for x in sample_findings if x.check == "perf_funds_vs_project" and x.subject.startswith("OA协同")]
    assert len(f) == 1 and f[0].status == "mismatch"
    assert (f[0].stated, f[0].computed) == (D("137"), D("140.00"))
    ok = [x for x in sample_findings if x.check == "perf_funds_vs_project" and x.status == "ok"]
    assert len(ok) >= 5


def test_frame_order(sample_findings):
    df = findings_frame(sample_findings)
    assert list(df["status"].iloc[:1]) == ["mismatch"]
    order = {"mismatch": 0, "rounding": 1, "unverifiable": 2, "ok": 3}
    ranks = [order[s] for s in df["status"]]
    assert ranks == sorted(ranks)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sh-putuo-commerce-2025-budget.pdf", "sh-putuo-govoffice-2025-budget.pdf",
                                  "sh-putuo-wanli-2024-budget.pdf", "bj-audit-2026-budget-tables.pdf"])
def test_consistent_documents_raise_no_table_alarm(name):
    ex = extraction(RAW / name)
    fs = run_checks(ex.doc_id, ex.tables)
    assert len(fs) > 100
    assert not [f.message for f in fs if f.status == "mismatch"]


def _coded_table(rows):
    from yusuan.tables.printed import Column, PrintedTable

    cols = [Column(0, 1, ["科目编码"], role="code"), Column(1, 2, ["科目名称"], role="label"),
            Column(2, 3, ["合计"], role="value")]
    return PrintedTable(key="general_budget_expenditure", title="一般公共预算支出表", unit="万元", pages=[1], columns=cols,
                        header_rows=[], body=[list(r) for r in rows], body_pages=[1] * len(rows))


def test_a_table_failing_many_of_its_own_sums_is_doubtful_and_accuses_nobody():
    from yusuan.steps.audit import _doubted
    from yusuan.check.identities import run_checks
    from yusuan.check.health import table_health

    # one real error in an otherwise consistent table: not doubtful, the mismatch stands
    one = _coded_table([("201", "一般公共服务支出", "100.00"), ("20101", "人大事务", "60.00"), ("2010101", "行政运行", "60.00"),
                        ("20103", "政府办公厅", "40.00"), ("2010301", "行政运行", "40.00"), ("208", "社保", "50.00"),
                        ("20805", "养老", "50.00"), ("2080505", "缴费", "50.00"), ("221", "住房", "9.00"),
                        ("22102", "住房改革", "10.00"), ("2210201", "公积金", "10.00")])
    h = table_health("d", one)
    assert h.failed == 1 and not h.doubtful
    f = [x for x in run_checks("d", [one]) if x.status == "mismatch"]
    assert [_doubted(x, [one]).status for x in f] == ["mismatch"]
    # values shifted one row down (a misread): most sums fail — doubtful, and its differences are not reported
    vals = [r[2] for r in one.body]
    shifted = _coded_table([(c, n, v) for (c, n, _v), v in zip(one.body, ["1.00"] + vals[:-1])])
    h2 = table_health("d", shifted)
    assert h2.failed >= 3 and "own sums fail" in h2.doubtful
    shifted.doubtful = h2.doubtful
    got = [_doubted(x, [shifted]) for x in run_checks("d", [shifted]) if x.status == "mismatch"]
    assert got and all(x.status == "unverifiable" and x.reason.startswith("extraction doubt") for x in got)
    # a figure printed in a cell that was not read as one (glued to its label) makes a table doubtful too
    glued = _coded_table([("201", "一般公共服务支出", "100.00"), ("20101", "人大事务60.00", "")])
    assert "figures printed in its cells" in table_health("d", glued).doubtful


def test_identities_are_declared_rules(sample):
    """identities.yml is the rule table run_checks evaluates: every rule names a known generic function, its
    source and example; every finding's check is declared by a rule; dropping a rule drops its findings."""
    from yusuan.check import identities as checks
    from yusuan.vocab import identity_rules

    rules = identity_rules()
    declared = set()
    for rule in rules["per_table"] + rules["cross_table"]:
        assert rule["function"] in checks.IDENTITY_FUNCTIONS and rule["source"] and rule["example"]
        declared |= set(rule["checks"])
    found = checks.run_checks(sample.doc_id, sample.tables)
    assert {f.check for f in found} <= declared and any(f.check == "three_public_sum" for f in found)
    without = {"per_table": [r for r in rules["per_table"] if r["id"] != "three_public_items"],
               "cross_table": rules["cross_table"]}
    original = checks.identity_rules
    checks.identity_rules = lambda: without
    try:
        fewer = checks.run_checks(sample.doc_id, sample.tables)
    finally:
        checks.identity_rules = original
    rows_of = [f for f in found if f.check == "three_public_sum" and f.row is not None]
    assert rows_of and sum(f.check == "three_public_sum" for f in fewer) < sum(f.check == "three_public_sum" for f in found)
    assert len(fewer) < len(found) and {f.check for f in fewer} >= {"column_sum", "cross_table_total"}
