"""The fact-check of narrative claims (recompute.py) and the audit entry points (audit.py)."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import pytest
from conftest import FIXTURES, RAW, SAMPLE_PDF, extraction

from yusuan.audit import audit, audit_and_write, summary_lines

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


def test_sample_non_ok_set(sample_audit):
    got = Counter((f.check, f.status) for f in sample_audit.findings if f.status != "ok")
    assert dict(got) == {
        ("claim_amount", "unverifiable"): 3, ("claim_change", "unverifiable"): 9,
        # 2 vehicle counts + the count of 政府购买服务 projects (no table gives either)
        ("claim_count", "unverifiable"): 3,
        ("perf_funds_vs_project", "mismatch"): 1, ("personnel_plus_public", "rounding"): 1,
        ("sum_children", "rounding"): 11,
    }


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
    from yusuan.claims import Claim
    from yusuan.recompute import recompute_claims

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
    # every narrative finding names what it is about; definitions (名词解释) are not checked as lists
    assert all(f.subject.strip() for f in r.findings if f.check.startswith("claim_"))
    assert not [f for f in r.findings if f.check == "claim_list_items" and re.search(r"[：:]\s*(是指|指|是)", f.sentence)]


def test_claim_without_subject_is_reported_not_blank(sample_audit):
    from yusuan.claims import Claim
    from yusuan.recompute import recompute_claims

    c = Claim(page=4, sentence="工作,比2025年减少12,131.16万元", subject="", kind="change_amount",
              value=D("12131.16"), unit="万元", direction="减少", basis="比2025年")
    f = recompute_claims("x", [c], sample_audit.extraction.tables, year=2023)[0]
    assert f.status == "unverifiable" and f.subject == "（主语未识别）" and f.check == "claim_change"


def _find(result, check, page, stated):
    return [f for f in result.findings if f.check == check and f.page == page and f.stated == D(stated)]


@pytest.mark.slow
def test_putuo_finance_total_typo():
    # p.21: "财政拨款收入支出总计0.3万元" while the summary table's total is 2,995.39万元; and 71.73% ≠ 2,106.66/2,940.05
    r = audit(RAW / "sh-putuo-finance-2024-final.pdf", _extract_fn=_ext)
    f = _find(r, "claim_amount", 21, "0.3")
    assert f and f[0].status == "mismatch" and f[0].computed == D("2995.39")
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
