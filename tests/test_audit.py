"""The fact-check of narrative claims (yusuan.check.recompute) and the audit entry points (yusuan.steps.audit)."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import pytest
from conftest import FIXTURES, RAW, SAMPLE_PDF, extraction

from yusuan.steps.audit import audit, audit_and_write, summary_lines
from yusuan.check.claims import Claim
from yusuan.check.lookup import classification_path
from yusuan.check.recompute import recompute_claims

PRIOR = FIXTURES / "synthetic-yungang-govoffice-2022-budget.pdf"


def _ext(path):
    return extraction(Path(path))


@pytest.fixture(scope="module")
def sample_audit():
    return audit(SAMPLE_PDF, _extract_fn=_ext)


@pytest.fixture(scope="module")
def sample_audit_prev():
    return audit(SAMPLE_PDF, previous=PRIOR, _extract_fn=_ext)


def _claim(result, check, subject=None, value=None):
    out = [f for f in result.findings if f.check == check and (subject is None or subject in f.subject)
           and (value is None or f.stated == D(value))]
    assert out, (check, subject, value)
    return out


@pytest.mark.parametrize("value", ["87.01", "6.68", "2.18", "4.13", "45.15", "54.85", "100.00"])
def test_sample_shares_ok(sample_audit, value):
    fs = _claim(sample_audit, "claim_share", value=value)
    assert all(f.status == "ok" for f in fs)


def test_sample_growth_from_sentence(sample_audit):
    fs = _claim(sample_audit, "claim_change", value="1.38")
    assert len(fs) == 3 and all(f.status == "ok" for f in fs)
    assert "21.73 / (1,592.14 − 21.73)" in fs[0].message


def test_sample_procurement_sum(sample_audit):
    f = _claim(sample_audit, "claim_sum", "政府采购")[0]
    assert (f.status, f.stated, f.computed) == ("ok", D("224.87"), D("224.87"))
    assert "96.77" in f.message and "128.1" in f.message


def test_sample_three_public_cut(sample_audit, sample_audit_prev):
    f = [x for x in _claim(sample_audit, "claim_change", "三公") if x.stated is None or True][0]
    assert f.status == "unverifiable"
    assert "2022" in f.reason and "23.50" in f.reason
    g = _claim(sample_audit_prev, "claim_change", "三公")[0]
    assert (g.status, g.stated, g.computed) == ("ok", D("19.73"), D("19.73"))
    car = _claim(sample_audit_prev, "claim_change", "公务用车运行维护费")[0]
    assert car.status == "ok"
    same = [f for f in sample_audit_prev.findings if f.check == "claim_change" and "相同" in f.message]
    assert len(same) == 3 and all(f.status == "ok" for f in same)


def test_sample_basic_rounding(sample_audit):
    f = [x for x in sample_audit.findings if x.check == "personnel_plus_public" and x.stated == D("718.87")]
    assert f and f[0].status == "rounding" and f[0].computed == D("718.88")


def test_sample_project_count(sample_audit):
    f = _claim(sample_audit, "claim_count", "绩效目标管理的项目")[0]
    assert (f.status, f.stated, f.computed) == ("ok", D(27), D(27))
    assert "OA协同办公系统和门户网站运维费" in f.message and "28 行" in f.message


def test_sample_non_ok_findings_are_the_known_ones(sample_audit):
    # what is not ok on the sample, finding by finding rather than by counts of a whole document:
    fs = [f for f in sample_audit.findings if f.status != "ok"]
    # the one mismatch: the OA performance form funds 137万元, the project table 137.00 + 3.00 over two rows
    assert [(f.check, f.page, str(f.stated)) for f in fs if f.status == "mismatch"] == [("perf_funds_vs_project", 23, "137")]
    # rounding: sums within the printed precision (table identities only — no narrative figure is "rounding")
    assert {f.check for f in fs if f.status == "rounding"} == {"sum_children", "personnel_plus_public"}
    # unverifiable, each for a reason no table can settle
    unv = [f for f in fs if f.status == "unverifiable"]
    why = re.compile(r"needs the 2022 disclosure|no table counts vehicles|a change in vehicles|prints no government-procurement"
                     r"|but the number of 政府购买服务")
    assert unv and all(why.search(f.reason) for f in unv), [f.reason for f in unv if not why.search(f.reason)]
    # the year-over-year changes say what the earlier year must have been
    assert any("implies 2022 \"三公\"经费 = 3.77 + 19.73 = 23.50万元" in f.reason for f in unv)


def test_sample_claim_findings_have_subjects(sample_audit):
    claims = [f for f in sample_audit.findings if f.check.startswith("claim_")]
    assert claims and all(f.subject.strip() for f in claims)
    assert not any(f.subject in ("业务费", "项目", "项目云冈区县", "实有", "人民政府办公室有") for f in claims)


@pytest.mark.parametrize("unit,items", [
    ("人民政府办公室", ("12345政府服务热线", "密码设备采购", "业务费")),
    ("信息网络中心", ("OA协同办公系统和门户网站运维费", "互联网专线和视频会议室专线租赁费", "退休人员职业年金")),
    ("公共事务服务中心", ("管辖区域电费", "管辖区域水费", "管辖区域维修维护费")),
])
def test_sample_major_projects_listed(sample_audit, unit, items):
    # p.21 "<unit>重大项目分别有A、B、C3个项目": 3 items as stated, each a project of that unit
    fs = [f for f in sample_audit.findings if f.check == "claim_count" and f.subject == f"{unit}重大项目"]
    assert len(fs) == 1
    f = fs[0]
    assert (f.status, f.stated, f.computed, f.page) == ("ok", D(3), D(3), 21)
    assert f.table == "project_expenditure" and unit in f.message and "重大" in f.message
    assert all(item in f.sentence for item in items)


def test_sample_listed_projects_recomputed_strictly(sample_audit):
    # the same check turns mismatch when the list and the tables disagree
    from yusuan.check.claims import Claim
    from yusuan.check.recompute import recompute_claims

    tables = sample_audit.extraction.tables

    def check(subject, value, items):
        c = Claim(page=21, sentence="s", subject=subject, kind="count", value=D(value), unit="个", items=items)
        return recompute_claims("x", [c], tables, year=2023)[0]

    too_many = check("人民政府办公室重大项目", 4, ("12345政府服务热线", "密码设备采购", "业务费"))
    assert too_many.status == "mismatch" and "所列 3 项 ≠ 所述 4个" in too_many.message
    missing = check("人民政府办公室重大项目", 2, ("12345政府服务热线", "密码设备"))
    assert missing.status == "mismatch" and "「密码设备」不见于项目支出表" in missing.message
    assert "密码设备采购" in missing.message  # the near name is shown
    elsewhere = check("人民政府办公室重大项目", 2, ("12345政府服务热线", "管辖区域电费"))
    assert elsewhere.status == "mismatch" and "公共事务服务中心" in elsewhere.message


def test_sample_purchased_service_count(sample_audit):
    # p.33 "人民政府办公室有1项政府购买服务项目为12345政府服务热线": the project exists, but no table
    # says which projects are 政府购买服务 — the count itself stays unverifiable
    f = _claim(sample_audit, "claim_count", "政府购买服务项目")[0]
    assert f.subject == "人民政府办公室政府购买服务项目" and f.page == 33
    assert (f.status, f.stated, f.computed) == ("unverifiable", D(1), D(1))
    assert "12345" not in f.subject and "政府购买服务" in f.reason and "project_expenditure" in f.reason


def test_sample_vehicle_counts(sample_audit):
    fs = {f.subject: f for f in sample_audit.findings if f.check == "claim_count" and f.unit == "辆"}
    assert set(fs) == {"公共事务服务中心预算编制公务用车", "公共事务服务中心实有公务用车"}
    assert all(f.status == "unverifiable" and f.stated == D(2) and "vehicles" in f.reason for f in fs.values())


def test_sample_definitions_are_not_checked(sample_audit):
    # 第四部分 名词解释 (p.33–34): "七、单位资金：是指…，包括事业收入、…" defines a term
    assert not [f for f in sample_audit.findings if f.check == "claim_list_items" and f.page in (33, 34)]
    lists = [f for f in sample_audit.findings if f.check == "claim_list_items"]
    assert {f.subject for f in lists} == {"人员经费", "公用经费"}


def test_prior_fixture_extracts():
    ex = _ext(PRIOR)
    keys = {t.key for t in ex.tables}
    assert {"summary", "three_public"} <= keys
    assert ex.meta["year"] == 2022
    assert "synthetic" in PRIOR.name and Path(str(PRIOR) + ".source.yml").is_file()


def test_audit_and_write(tmp_path):
    r = audit_and_write(SAMPLE_PDF, out=tmp_path)
    folder = tmp_path / r.doc_id
    assert (folder / "claims.csv").is_file() and (folder / "findings.csv").is_file()
    lines = summary_lines(r)
    assert lines[0].startswith("yungang-govoffice-2023-budget.pdf") and "1 mismatch" in lines[0]
    assert len(lines) <= 7


# ---------------------------------------------------------------- real documents

@pytest.mark.slow
@pytest.mark.parametrize("pdf", sorted(RAW.glob("*.pdf")), ids=lambda p: p.name)
def test_every_pdf_audits(pdf):
    r = audit(pdf, _extract_fn=_ext)
    assert r.findings
    assert summary_lines(r)
    # every finding, of the table identities as of the narrative, names what it is about;
    # definitions (名词解释) are not checked as lists
    assert not [(f.check, f.table, f.row, f.message) for f in r.findings if not f.subject.strip()]
    assert not [f for f in r.findings if f.check == "claim_list_items" and re.search(r"[：:]\s*(是指|指|是)", f.sentence)]


def test_claim_without_subject_is_reported_not_blank(sample_audit):
    from yusuan.check.claims import Claim
    from yusuan.check.recompute import recompute_claims

    c = Claim(page=4, sentence="工作,比2025年减少12,131.16万元", subject="", kind="change_amount",
              value=D("12131.16"), unit="万元", direction="减少", basis="比2025年")
    f = recompute_claims("x", [c], sample_audit.extraction.tables, year=2023)[0]
    assert f.status == "unverifiable" and f.subject == "（主语未识别）" and f.check == "claim_change"


def _find(result, check, page, stated):
    return [f for f in result.findings if f.check == check and f.page == page and f.stated == D(stated)]


@pytest.mark.slow
def test_putuo_finance_total_typo():
    # p.21: "财政拨款收入支出总计0.3万元" while the 财政拨款收支决算总表 (p.13) prints 总计 2,961.68万元;
    # and 71.73% ≠ 2,106.66/2,940.05
    r = audit(RAW / "sh-putuo-finance-2024-final.pdf", _extract_fn=_ext)
    f = _find(r, "claim_amount", 21, "0.3")
    assert f and f[0].status == "mismatch" and f[0].computed == D("2961.68") and f[0].table == "appropriation_summary"
    s = _find(r, "claim_share", 21, "71.73")
    assert s and s[0].status == "mismatch"


@pytest.mark.slow
def test_petitions_growth_rate():
    # p.25: 委托业务费 1,391.68万元, +333.83万元, "增长31.35%" — 333.83 / 1,057.85 = 31.56%
    r = audit(RAW / "cn-petitions-2026-budget.pdf", _extract_fn=_ext)
    f = _find(r, "claim_change", 25, "31.35")
    assert f and f[0].status == "mismatch" and round(f[0].computed, 2) == D("31.56")


@pytest.mark.slow
def test_highcourt_growth_rates():
    r17 = audit(RAW / "js-highcourt-2017-budget.pdf", _extract_fn=_ext)
    f = _find(r17, "claim_change", 22, "79.05")  # 865.57 / (1,959.99 − 865.57) = 79.09%
    assert f and f[0].status == "mismatch"
    r18 = audit(RAW / "js-highcourt-2018-budget.pdf", _extract_fn=_ext)
    f = _find(r18, "claim_change", 19, "5.95")  # 392.92 / (6,049.97 + 392.92) = 6.10%
    assert f and f[0].status == "mismatch" and round(f[0].computed, 2) == D("6.10")


@pytest.mark.slow
def test_beijing_pair_uses_both_files():
    r = audit(RAW / "bj-audit-2026-budget-text.pdf", _extract_fn=_ext)
    assert r.claims and any(f.check == "sum_children" for f in r.findings)
    g = [f for f in r.findings if f.check == "claim_change" and f.stated == D("8.12")]
    assert g and all(f.status == "ok" for f in g)  # 2,466.43 / 30,385.62 (basis stated in the sentence)


# ---------------------------------------------------------------- classification paths, readings, truncation, lists

_AUDITS: dict = {}


def _real(name):
    if name not in _AUDITS:
        _AUDITS[name] = audit(RAW / name, _extract_fn=_ext)
    return _AUDITS[name]


def test_classification_path_parsing():
    assert classification_path("一般公共服务支出（类）统计信息事务（款）专项普查活动（项）") == [
        (("一般公共服务支出",), "类"), (("统计信息事务",), "款"), (("专项普查活动",), "项")]
    # the class named without 支出, the trailing 支出 after the class or after the 项, mixed brackets
    assert classification_path("一般公共服务（类）支出") == [(("一般公共服务支出", "一般公共服务"), "类")]
    assert classification_path("法院（款）其他法院支出（项）支出") == [(("法院",), "款"), (("其他法院支出",), "项")]
    assert classification_path("卫生健康支出（类）行政事业单位医疗（款)行政单位医疗（项）")[1] == (("行政事业单位医疗",), "款")
    # not paths: levels going up or repeated, words after the levels, no level at all
    for s in ("行政运行（项）法院（款）", "一般公共服务支出（类）和教育支出（类）", "住房公积金（项）经费", "一般公共服务支出"):
        assert classification_path(s) is None, s


@pytest.mark.slow
def test_shanghai_path_subjects_match_their_rows():
    # "“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元": 201 → 20105 → 2010507 (元 → 万元)
    r = _real("sh-putuo-wanli-2024-budget.pdf")
    f = [x for x in _find(r, "claim_amount", 6, "25.77") if x.subject.endswith("专项普查活动（项）")]
    assert f and all(x.status == "ok" and x.row == 2 and "2010507 专项普查活动" in x.message for x in f)
    paths = [x for x in r.findings if x.check == "claim_amount" and classification_path(x.subject)]
    assert len(paths) > 60
    # every path names its row; the only ones left unverifiable are the 2023 figures (no 2023 disclosure given)
    assert not [x.subject for x in paths if x.status == "unverifiable" and "2023" not in x.reason]
    assert Counter(x.status for x in paths if x.status != "unverifiable") == {"ok": 65, "mismatch": 1}
    # the one mismatch is the document's own: item 31 says 350.35万元, then "2024年预算安排352.67万元";
    # the table prints 3,503,499元
    bad = [x for x in paths if x.status == "mismatch"][0]
    assert (bad.page, bad.stated, bad.computed) == (9, D("352.67"), D("350.3499")) and "住房公积金" in bad.subject
    unverifiable = sum(1 for x in r.findings if x.status == "unverifiable")
    assert unverifiable < 130  # 189 before paths were matched


@pytest.mark.slow
@pytest.mark.parametrize("name,page,stated,row", [
    ("sh-putuo-commerce-2025-budget.pdf", 8, "29381.00", "其他支持中小企业发展和管理支出"),  # "（款)" bracket mix
    ("cn-petitions-2026-budget.pdf", 21, "5826.21", "2014001 行政运行"),  # general budget, not all funds (6,286.21)
    ("js-highcourt-2019-budget.pdf", 20, "17279.29", "2040501 行政运行"),  # "法院（款）行政运行（项）支出": no 类
    ("hz-meteorology-2026-budget.pdf", 7, "1980.00", "气象服务"),  # a table without codes
])
def test_path_subjects_in_other_documents(name, page, stated, row):
    f = _find(_real(name), "claim_amount", page, stated)
    assert f and f[0].status == "ok" and row in f[0].message


@pytest.mark.slow
def test_path_without_fund_reads_general_budget_when_all_funds_differ():
    # hz p.7 "自然资源海洋气象等支出（类）气象事务（款）气象服务（项）1,980.00万元" follows "一般公共预算当年拨款…":
    # the statements after a fund's total are that fund's (the all-funds table prints 2,103.61, the general
    # budget 1,980.00)
    f = _find(_real("hz-meteorology-2026-budget.pdf"), "claim_amount", 7, "1980.00")[0]
    assert f.status == "ok" and f.table == "general_budget_expenditure" and "1,980.00" in f.message
    g = [x for x in _find(_real("hz-meteorology-2026-budget.pdf"), "claim_amount", 5, "5247.87")
         if x.subject == "自然资源海洋气象等（类）支出"]
    assert g and g[0].status == "ok" and g[0].table == "general_budget_expenditure"


@pytest.mark.slow
def test_path_that_no_row_has_says_why():
    # wanli 2025 p.7 names the class as its own 款: "卫生健康支出（类）卫生健康支出（款）计划生育事务（项）"
    r = _real("sh-putuo-wanli-2025-budget.pdf")
    f = [x for x in r.findings if x.check == "claim_amount" and "卫生健康支出（款）" in x.subject]
    assert f and f[0].status == "unverifiable" and "no 款 row「卫生健康支出」under 210" in f[0].reason


@pytest.mark.slow
def test_budget_figure_in_final_accounts_is_not_the_final_cell():
    # finance 2024 final p.22 "…行政运行（项）。…年初预算为1560.05万元，支出决算为1511.89万元": the table prints 决算
    f = _find(_real("sh-putuo-finance-2024-final.pdf"), "claim_amount", 22, "1560.05")
    assert f and f[0].status == "unverifiable" and "年初预算" in f[0].reason and "1,511.89" in f[0].reason


def test_execution_figure_is_not_last_years_budget():
    # wanli 2024 p.6 "2023年当年预算执行数为60.13万元": against the 2023 budget disclosure it is not the same figure
    tables = _real_tables("sh-putuo-wanli-2024-budget.pdf")
    subject = "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）"
    c = Claim(page=6, sentence="2023年当年预算执行数为60.13万元，2024年预算安排25.77万元", subject=subject, kind="amount",
              value=D("60.13"), unit="万元", year=2023)
    f = recompute_claims("x", [c], [], year=2024, previous=tables, previous_year=2023)[0]
    assert f.status == "unverifiable" and "execution" in f.reason and "2010507" in f.reason
    # a budget figure of the previous year is compared with the previous disclosure
    b = Claim(page=6, sentence="2023年预算安排25.77万元", subject=subject, kind="amount", value=D("25.77"), unit="万元",
              year=2023)
    g = recompute_claims("x", [b], [], year=2024, previous=tables, previous_year=2023)[0]
    assert g.status == "ok" and "2010507 专项普查活动" in g.message


@pytest.mark.slow
def test_truncated_figures_are_rounding():
    # bj p.7 "项目支出预算7,633.51万元": the table prints 7,633.516247 — cut, not rounded
    r = _real("bj-audit-2026-budget-text.pdf")
    f = _find(r, "claim_amount", 7, "7633.51")
    assert f and all(x.status == "rounding" and "截断" in x.message and x.computed == D("7633.516247") for x in f)
    # hz p.5 "人员支出2,906.80万元，占49.4%": 49.4634% cut to one decimal
    s = _find(_real("hz-meteorology-2026-budget.pdf"), "claim_share", 5, "49.4")
    assert s and s[0].status == "rounding" and "截断" in s[0].message


@pytest.mark.slow
def test_fund_income_with_carry_over():
    # cq p.4: the narrative's fund income is this year's plus the carry-over (二、上年结转)
    r = _real("cq-commerce-2026-budget.pdf")
    gen = _find(r, "claim_amount", 4, "101833.84")
    fund = _find(r, "claim_amount", 4, "41534.73")
    gen = [x for x in gen if x.subject == "一般公共预算财政拨款收入"]
    fund = [x for x in fund if x.subject == "政府性基金预算财政拨款收入"]
    assert gen and gen[0].status == "ok" and "99,320.55 + 上年结转" in gen[0].message and "2,513.30" in gen[0].message
    assert fund and fund[0].status == "ok" and "上年结转" in fund[0].message and "41,534.73" in fund[0].message
    assert not [x for x in r.findings if x.check.startswith("claim_") and x.status == "mismatch"]


def test_fund_income_that_no_reading_fits_stays_mismatch():
    from yusuan.check.lookup import Cell, TableIndex  # noqa: F401  (the readings are the index's)

    tables = _real_tables("cq-commerce-2026-budget.pdf")
    c = Claim(page=4, sentence="2026年一般公共预算财政拨款收入101,000.00万元", subject="一般公共预算财政拨款收入",
              kind="amount", value=D("101000.00"), unit="万元", section="三、财政拨款情况说明")
    f = recompute_claims("x", [c], tables, year=2026)[0]
    assert f.status == "mismatch" and f.computed == D("99320.55")


def _real_tables(name):
    return _ext(RAW / name).tables


@pytest.mark.slow
def test_list_items_shortened_and_own_names():
    # js 2018/2019: "机关事业单位养老保险缴费" is the table's "机关事业单位基本养老保险缴费", shortened
    for name in ("js-highcourt-2018-budget.pdf", "js-highcourt-2019-budget.pdf"):
        fs = [x for x in _real(name).findings if x.check == "claim_list_items" and x.subject == "人员经费"]
        assert len(fs) == 2 and all(x.status == "ok" and "机关事业单位基本养老保险缴费" in x.message for x in fs)
    # sz p.7 "公用经费…主要包括公用综合定额经费、水电费、物业管理费、工会经费和职工福利费": the narrative's own names
    fs = [x for x in _real("sz-finance-2026-budget.pdf").findings if x.check == "claim_list_items" and x.page == 7]
    assert sorted(x.status for x in fs) == ["ok", "unverifiable"]
    u = [x for x in fs if x.status == "unverifiable"][0]
    assert "公用综合定额经费" in u.reason and "水电费" in u.reason and "物业管理费" not in u.reason


def test_list_item_the_table_gives_nothing_is_a_mismatch(sample_audit):
    # positive evidence: the item is a row of the table, blank in the column of the listed category
    c = Claim(page=21, sentence="s", subject="公用经费", kind="list", value=None, unit="",
              items=("办公费", "基本工资", "差旅补助费用"))
    fs = {f.status: f for f in recompute_claims("x", [c], sample_audit.extraction.tables, year=2023)}
    assert set(fs) == {"ok", "mismatch", "unverifiable"}
    assert "基本工资" in fs["mismatch"].message and "公用经费" in fs["mismatch"].message
    assert "办公费" in fs["ok"].message and "差旅补助费用" in fs["unverifiable"].reason


# ---------------------------------------------------------------- growth rates from the sentence, totals in other words,
# revenue sources, single-unit tables, 三公 by year rows, 人员经费 by definition


def _one(result, check, page, stated, subject_part=""):
    hits = [f for f in _find(result, check, page, stated) if subject_part in f.subject]
    assert len(hits) == 1, [f.message for f in hits]
    return hits[0]


@pytest.mark.slow
def test_growth_rate_from_the_two_amounts_in_the_sentence():
    # "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%"
    r = _real("sh-putuo-wanli-2024-budget.pdf")
    f = _one(r, "claim_change", 6, "57.14", "专项普查活动")
    assert f.status == "ok" and round(f.computed, 2) == D("57.14")
    # the 住房公积金 sentence states 352.67 (the table prints 350.35): its 0.53% fits the table, not the sentence
    g = _one(r, "claim_change", 9, "0.53", "住房公积金")
    assert g.status == "mismatch" and round(g.computed, 2) == D("1.19")
    # every such sentence is now checked: no growth rate with both amounts beside it is left unverifiable
    left = [f for f in r.findings if f.check == "claim_change" and f.status == "unverifiable"
            and "no change amount" in f.reason and "预算执行数" in f.sentence]
    assert not left, [f.sentence for f in left]


def test_pair_rate_direction_is_checked():
    from yusuan.check.claims import Claim
    from yusuan.check.recompute import recompute_claims

    sent = "2023年当年预算执行数为100.00万元，2024年预算安排110.00万元，比2023年预算执行数减少10.00%。"
    claims = [Claim(1, sent, "X支出", "amount", D("100.00"), "万元", year=2023),
              Claim(1, sent, "X支出", "amount", D("110.00"), "万元", year=2024),
              Claim(1, sent, "X支出", "change_percent", D("10.00"), "%", basis="比2023年预算执行数", direction="减少")]
    f = [x for x in recompute_claims("d", claims, [], year=2024) if x.check == "claim_change"]
    assert len(f) == 1 and f[0].status == "mismatch" and "句中说减少" in f[0].message


@pytest.mark.slow
def test_petitions_appropriation_total_typo():
    # p.18 "财政拨款收支总预算18,728.91万元"; the 财政拨款收支总表 (p.9) prints 收入总计 18,728.94, and the same sentence's
    # parts 16,474.82 + 2,254.12 = 18,728.94 — the narrative's own typo
    f = _one(_real("cn-petitions-2026-budget.pdf"), "claim_amount", 18, "18728.91")
    assert f.status == "mismatch" and f.computed == D("18728.94") and f.table == "appropriation_summary"


@pytest.mark.slow
@pytest.mark.parametrize("name, page, stated, table", [
    ("sh-putuo-wanli-2025-budget.pdf", 6, "18976.76", "summary"),       # 财政拨款收入 → 一、财政拨款收入
    ("sh-putuo-wanli-2025-budget.pdf", 6, "0.00", "summary"),           # 事业收入 etc. printed blank
    ("js-highcourt-2017-budget.pdf", 19, "28849.38", "summary"),        # 支出预算总计 / 收入预算总计
    ("bj-audit-2026-budget-text.pdf", 6, "32365.09", "summary"),        # 本年财政拨款收入
])
def test_revenue_sources_and_totals_in_other_words(name, page, stated, table):
    r = _real(name)
    hits = [f for f in _find(r, "claim_amount", page, stated)]
    assert hits and all(f.status == "ok" for f in hits), [f.message for f in hits]
    assert any(f.table == table for f in hits)


@pytest.mark.slow
def test_jiangsu_totals_printed_in_the_other_column_group():
    # the summary's 支出 side has two column groups (功能分类 | 支出用途); its 当年支出小计 is printed only in the second
    r = _real("js-highcourt-2018-budget.pdf")
    f = _one(r, "claim_amount", 18, "33172.15", "本年支出")
    assert f.status == "ok" and f.table == "summary"


@pytest.mark.slow
def test_shenzhen_three_public_by_year_rows():
    # the 三公 table prints a 2025年 and a 2026年 row for the one unit: the 2026 row is the budget, the 2025 row
    # is last year's, so "较2025年年初预算减少1.20万元" is checked without the 2025 disclosure
    r = _real("sz-finance-2026-budget.pdf")
    assert _one(r, "claim_amount", 9, "58.46").status == "ok"
    f = _one(r, "claim_change", 9, "1.20", "三公")
    assert f.status == "ok" and f.computed == D("1.20") and "2025年" in f.message
    assert _one(r, "claim_amount", 10, "7.40", "公务用车购置和运行维护费").status == "ok"


@pytest.mark.slow
def test_staff_and_office_costs_by_definition():
    # Jiangsu prints no 人员经费/公用经费 columns: 工资福利支出 7,687.65 + 对个人和家庭的补助 5,907.17 = 13,594.82
    r = _real("js-highcourt-2017-budget.pdf")
    staff = [f for f in _find(r, "claim_amount", 23, "13594.82")]
    office = [f for f in _find(r, "claim_amount", 23, "3528.37")]
    assert staff and office and all(f.status == "ok" for f in staff + office)
    # Shenzhen (one unit in a unit column): 公用经费 = 基本支出 11,024.31 − (8,490.42 + 1,066.96) = 1,466.93
    assert all(f.status == "ok" for f in _find(_real("sz-finance-2026-budget.pdf"), "claim_amount", 7, "1466.93"))


def test_staff_cost_by_definition_that_disagrees_is_unverifiable():
    from yusuan.check.claims import Claim
    from yusuan.check.recompute import recompute_claims
    from yusuan.tables.printed import Column, PrintedTable

    t = PrintedTable(key="general_budget_basic_economic", title="基本支出表", unit="万元", pages=[1],
                     columns=[Column(0, 1, ["科目编码"], role="code"), Column(1, 2, ["科目名称"], role="label"),
                              Column(2, 3, ["金额"], role="value")], header_rows=[["科目编码", "科目名称", "金额"]],
                     body=[["", "合计", "100.00"], ["301", "工资福利支出", "60.00"], ["302", "商品和服务支出", "30.00"],
                           ["303", "对个人和家庭的补助", "10.00"]], body_pages=[1, 1, 1, 1])
    ok = recompute_claims("d", [Claim(1, "人员经费70.00万元。", "人员经费", "amount", D("70.00"), "万元")], [t])
    assert [f.status for f in ok] == ["ok"]
    off = recompute_claims("d", [Claim(1, "人员经费65.00万元。", "人员经费", "amount", D("65.00"), "万元")], [t])
    assert [f.status for f in off] == ["unverifiable"] and "usual definition" in off[0].reason


# Every mismatch the audit reports on the bundled real documents, each read against the PDF, is one of the
# document's own errors registered in benchmarks/known_errors.yml (the one registry, which the quality
# benchmark reads too).  A new mismatch is either a newly found error (read it, then register it) or a false
# alarm (fix it); a registered error no longer found is a regression.
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.pdf") if not p.name.startswith("yungang")))
def test_mismatches_on_real_documents_are_the_known_errors(name):
    from registry import known_for

    r = _real(name)
    got = {(f.check, f.page, str(f.stated)) for f in r.findings if f.status == "mismatch"}
    known = {(e["check"], e["page"], format(e["stated"], "f")) for e in known_for(RAW / name)}
    assert got == known, [f.message for f in r.findings if f.status == "mismatch"]


@pytest.mark.slow
def test_shares_of_a_breakdown():
    # Jiangsu: "其中：基本支出…占59.35%；" then "项目支出…占40.01%；" "单位预留机动经费182.92万元，占0.64%；" as separate
    # sentences — the later shares continue the first one's whole (本年支出预算合计 28,849.38)
    r = _real("js-highcourt-2017-budget.pdf")
    assert _one(r, "claim_share", 20, "40.01").status == "ok"
    # 182.92 / 28,849.38 = 0.63%, printed 0.64% so that 59.35 + 40.01 + 0.64 = 100: a tail adjustment, not an error
    tail = _one(r, "claim_share", 20, "0.64")
    assert tail.status == "rounding" and "尾差" in tail.reason
    assert _one(_real("js-highcourt-2019-budget.pdf"), "claim_share", 19, "27.45").status == "ok"
    # Hangzhou names no whole: the four classes' shares add to 100.0%, so the whole is the sum of the four amounts
    hz = _real("hz-meteorology-2026-budget.pdf")
    f = _one(hz, "claim_share", 5, "91.2", "自然资源海洋气象")
    assert f.status == "ok" and f.computed.quantize(D("0.01")) == D("91.22") and "句中所列 4 项之和" in f.message


def test_breakdown_shares_that_do_not_add_up_are_not_excused():
    from yusuan.check.claims import Claim
    from yusuan.check.recompute import recompute_claims

    sent = "甲支出30.00万元，占29.00%；乙支出70.00万元，占71.00%。"  # 30/100 = 30%: off by a whole point
    claims = [Claim(1, sent, "甲支出", "amount", D("30.00"), "万元"), Claim(1, sent, "甲支出", "share", D("29.00"), "%"),
              Claim(1, sent, "乙支出", "amount", D("70.00"), "万元"), Claim(1, sent, "乙支出", "share", D("71.00"), "%")]
    got = [f.status for f in recompute_claims("d", claims, []) if f.check == "claim_share"]
    assert got == ["mismatch", "mismatch"]
    # 1,000 / 3,000 = 33.33% and 66.67%, printed 33.34% and 66.66%: each off by one unit of the last digit,
    # and they add up to 100 — the printed tail adjustment
    sent2 = "甲支出1,000.00万元，占33.34%；乙支出2,000.00万元，占66.66%。"
    claims2 = [Claim(1, sent2, "甲支出", "amount", D("1000.00"), "万元"), Claim(1, sent2, "甲支出", "share", D("33.34"), "%"),
               Claim(1, sent2, "乙支出", "amount", D("2000.00"), "万元"), Claim(1, sent2, "乙支出", "share", D("66.66"), "%")]
    got2 = [(f.status, f.reason[:4]) for f in recompute_claims("d", claims2, []) if f.check == "claim_share"]
    # 33.34 can only be the adjustment; 66.66 is also what truncating 66.67 gives, and says so
    assert got2 == [("rounding", "尾差调整"), ("rounding", "截断而非")]


@pytest.mark.slow
def test_procurement_figures_against_the_procurement_table():
    # Beijing p.9 against 政府采购预算明细表 (p.10: A-货物 238.7796, C-服务 4,749.94953, 合计 4,988.72913; no 工程 row)
    bj = _real("bj-audit-2026-budget-text.pdf")
    assert _one(bj, "claim_amount", 9, "238.78").table == "procurement"
    works = [f for f in _find(bj, "claim_amount", 9, "0") if "工程" in f.subject]
    assert works and works[0].status == "ok" and "不列此类" in works[0].message
    assert _one(bj, "claim_amount", 9, "4988.73").table == "procurement"  # the table's 合计
    assert _one(bj, "claim_sum", 9, "4988.73").status == "ok"  # and the text's own parts
    # Chongqing p.4: the all-funds column, then "其中一般公共预算…货物564.79" read from the fund's column of the same row
    cq = _real("cq-commerce-2026-budget.pdf")
    assert _one(cq, "claim_amount", 4, "1267.79").status == "ok"
    f = _one(cq, "claim_amount", 4, "564.79")
    assert f.status == "ok" and "一般公共预算拨款收入" in f.message
    # Jiangsu: "拟购买货物525.4万元" against 一、货物A of the 政府采购预算表; the total against its 合计
    js = _real("js-highcourt-2017-budget.pdf")
    assert _one(js, "claim_amount", 26, "525.4").status == "ok"
    assert any(f.status == "ok" and f.table == "procurement" for f in _find(js, "claim_amount", 26, "3742.4"))
    # Shanghai prints no procurement table: unverifiable, saying so
    wl = _real("sh-putuo-wanli-2025-budget.pdf")
    g = _one(wl, "claim_amount", 30, "57.43")
    assert g.status == "unverifiable" and "no government-procurement table" in g.reason


@pytest.mark.slow
@pytest.mark.parametrize("name, page, stated, subject_part, table", [
    # a classification path written with dashes, names holding brackets (Shanghai 政府办公室)
    ("sh-putuo-govoffice-2025-budget.pdf", 6, "1202.95", "行政运行", "expenditure"),
    ("sh-putuo-govoffice-2025-budget.pdf", 6, "2012", "其他政府办公厅", "expenditure"),
    # 人员经费合计 / 公用经费合计 printed as rows of the basic-economic table (普陀财政局 决算)
    ("sh-putuo-finance-2024-final.pdf", 23, "2152.26", "人员经费", "general_budget_basic_economic"),
    ("sh-putuo-finance-2024-final.pdf", 23, "184.65", "公用经费", "general_budget_basic_economic"),
    # 一般公共预算…基本支出 where the function table prints no basic column: the basic-economic table's total
    ("js-highcourt-2017-budget.pdf", 24, "17123.19", "基本支出", "general_budget_basic_economic"),
    # "一般公共预算当年拨款收入" is the fund's row under 本年收入
    ("cn-petitions-2026-budget.pdf", 18, "16474.82", "当年拨款收入", None),
])
def test_items_named_in_their_own_words(name, page, stated, subject_part, table):
    f = [x for x in _find(_real(name), "claim_amount", page, stated) if subject_part in x.subject]
    assert f and all(x.status == "ok" for x in f), [x.message for x in f]
    assert table is None or any(x.table == table for x in f)


@pytest.mark.slow
def test_highcourt_2018_change_amount_is_the_typo():
    # p.19 "法院（款）一般行政事务管理（项）支出6049.97万元，与上年相比减少392.92万元，减少5.95%": alone, the rate and
    # the amount disagree (and the message says the rate implies ≈382.7); with the 2017 disclosure (its table row
    # 2040502 一般行政管理事务 — the text transposes the name — prints 6,432.89) the amount is off by 10.00 and the
    # rate is right
    alone = _one(_real("js-highcourt-2018-budget.pdf"), "claim_change", 19, "5.95")
    assert alone.status == "mismatch" and "变动额约 382.7" in alone.message
    r = audit(RAW / "js-highcourt-2018-budget.pdf", previous=RAW / "js-highcourt-2017-budget.pdf", _extract_fn=_ext)
    amount = _one(r, "claim_change", 19, "392.92")
    assert amount.status == "mismatch" and amount.computed == D("382.92") and amount.difference == D("10.00")
    rate = _one(r, "claim_change", 19, "5.95")
    assert rate.status == "ok" and "句中变动额 392.92" in rate.message
    assert {(f.check, str(f.stated)) for f in r.findings if f.status == "mismatch"} == {("claim_change", "392.92")}


@pytest.mark.slow
@pytest.mark.parametrize("name, page, stated", [
    ("cn-petitions-2026-budget.pdf", 4, "13"),      # 内设13个机构，分别为：…、机关服务中心和信息中心。
    ("sz-finance-2026-budget.pdf", 5, "17"),        # 本单位下设17个处室：办公室（审批综合处）、…
    ("bj-audit-2026-budget-text.pdf", 5, "2"),      # 所属2个预算单位，分别为A和B。
    ("cq-commerce-2026-budget.pdf", 3, "3"),        # 下设自收自支二级预算单位3个:A、B、C。
    ("cn-petitions-2026-budget.pdf", 4, "1"),       # 下设1个预算单位，为国家信访局本级。
])
def test_counts_against_the_list_that_follows(name, page, stated):
    f = [x for x in _find(_real(name), "claim_count", page, stated) if "句中所列" in x.message]
    assert f and all(x.status == "ok" for x in f), [x.message for x in f]


def test_list_counts_edge_cases():
    from yusuan.check.claims import Claim
    from yusuan.check.recompute import recompute_claims

    def count(sentence, n, unit="个"):
        c = Claim(1, sentence, "处室", "count", D(n), unit)
        return [f for f in recompute_claims("d", [c], []) if f.check == "claim_count"][0]

    # a name holding 和 is one item, but "A、B和C" is three: both readings are tried
    assert count("本单位下设3个处室：办公室、预算处、资产和非税收入管理处。", "3").status == "ok"
    assert count("本单位下设4个处室：办公室、预算处、国库处和信息中心。", "4").status == "ok"
    bad = count("本单位下设5个处室：办公室、预算处、国库处。", "5")
    assert bad.status == "mismatch" and bad.computed == 3
    # a list that runs past the sentence, or a scrambled one, is not counted
    assert "句中所列" not in count("本单位下设3个处室，具体包括：", "3").message
    assert "句中所列" not in count("下设6个单位,分别是:甲、乙内设34个,各机构简称依次为:丙。", "6").message


@pytest.mark.slow
def test_income_and_expenditure_named_together():
    # "与上年相比收、支预算总计各增加4322.77万元，增长14.98%" and "财政拨款收、支总计各增加…": 收、支 is one subject
    r = audit(RAW / "js-highcourt-2018-budget.pdf", previous=RAW / "js-highcourt-2017-budget.pdf", _extract_fn=_ext)
    both = [f for f in r.findings if f.check == "claim_change" and f.page in (17, 19) and "收" in f.subject
            and "支" in f.subject]
    assert {f.subject for f in both} == {"收入、支出预算总计", "财政拨款收、支总计"}
    assert len(both) == 4 and all(f.status == "ok" for f in both), [f.message for f in both]
    assert any(f.table == "appropriation_summary" for f in both)


@pytest.mark.slow
def test_final_equals_budget_within_the_year():
    # 普陀财政局 决算 p.22: "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。" compares the item's
    # final figure with its budget — not this year with last year (no 2023 disclosure needed)
    r = _real("sh-putuo-finance-2024-final.pdf")
    same = [f for f in r.findings if f.check == "claim_change" and f.page == 22]
    assert len(same) == 3 and all(f.status == "ok" and "决算数与预算数基本持平" in f.message for f in same)


def test_final_roughly_equal_budget_is_a_judgement():
    from yusuan.check.claims import Claim
    from yusuan.check.recompute import recompute_claims

    s1, s2 = "年初预算为100.00万元，支出决算为98.00万元。", "决算数与预算数基本持平。"
    claims = [Claim(1, s1, "X（项）", "amount", D("100.00"), "万元"), Claim(1, s1, "X（项）", "amount", D("98.00"), "万元"),
              Claim(1, s2, "X（项）", "same", None, "", basis="与预算数基本持平", direction="持平")]
    f = [x for x in recompute_claims("d", claims, []) if x.check == "claim_change"][0]
    assert f.status == "unverifiable" and "judgement" in f.reason and "2.00" in f.reason
    claims[2] = Claim(1, "决算数与预算数持平。", "X（项）", "same", None, "", basis="与预算数持平", direction="持平")
    g = [x for x in recompute_claims("d", claims, []) if x.check == "claim_change"][0]
    assert g.status == "mismatch" and g.stated == D("98.00") and g.computed == D("100.00")


@pytest.mark.slow
def test_shenzhen_unit_budget_and_procurement_column():
    # "深圳市财政局（本级）预算37,385.88万元": the one unit's budget is the expenditure total; "政府采购项目共有3,790.75万元"
    # against the 政府采购项目 / 小计 column of the expenditure table (no procurement table is printed)
    r = _real("sz-finance-2026-budget.pdf")
    unit = _one(r, "claim_amount", 7, "37385.88", "深圳市财政局")
    assert unit.status == "ok" and unit.table == "expenditure"
    buy = _one(r, "claim_amount", 9, "3790.75")
    assert buy.status == "ok" and "政府采购" in buy.column


@pytest.mark.slow
def test_yantai_projects_under_performance_management_are_the_forms():
    # p.29: "涉及一级预算项目6个，预算资金781.5万元，其中财政拨款4.5万元"; the six 政策和项目预算绩效目标表 forms
    # (pp.30–35) print 年度预算资金总额 31.00, 4.50, 539.00, 170.00, 18.00, 19.00 (= 781.50) and 财政拨款
    # 0.00, 4.50, 0.00, 0.00, 0.00, 0.00 (= 4.50)
    r = audit(RAW / "sd-yantai-audit-2026-budget.pdf", _extract_fn=_ext)
    total = _find(r, "claim_amount", 29, "781.5")
    assert total and total[0].status == "ok" and total[0].computed == D("781.50") and "6 个项目" in total[0].message
    funds = _find(r, "claim_amount", 29, "4.5")
    assert funds and funds[0].status == "ok" and funds[0].computed == D("4.50")
    count = _find(r, "claim_count", 29, "6")
    assert count and count[0].status == "ok" and count[0].table == "performance_targets"


@pytest.mark.slow
def test_a_fund_with_a_blank_current_year_and_a_carry_over_is_exact():
    # p.4: "2026年政府性基金预算财政拨款收入41,534.73万元"; the 财政拨款收支总表 (p.15) leaves the fund's 本年收入 blank and
    # prints 上年结转 (二)政府性基金预算拨款 41,534.73: blank + 41,534.73 carries no rounding beyond the carry-over's
    from dataclasses import replace

    from yusuan.check.recompute import recompute_claims

    r = audit(RAW / "cq-commerce-2026-budget.pdf", _extract_fn=_ext)
    f = _find(r, "claim_amount", 4, "41534.73")
    assert f and f[0].status == "ok"
    k = next(k for k, c in enumerate(r.claims) if c.page == 4 and c.value == D("41534.73"))
    altered = list(r.claims)
    altered[k] = replace(r.claims[k], value=D("41534.83"))
    got = recompute_claims(r.doc_id, altered, r.tables, year=r.year, only={k})
    assert [x.status for x in got if x.check == "claim_amount"] == ["mismatch"]
