"""Which statutory tables a disclosure prints (yusuan.tables.statutory): judged against its own template.

Every template prescribes eight tables; 国有资本经营预算支出表 and 项目支出表 are in many provinces' templates
but not all, so a disclosure must print them only when its contents page lists them.  Read by eye:
* 重庆市商务委员会 2026 budget (cq-commerce): no contents page; 表一–表八 and no 国有资本经营预算支出表 or
  项目支出表; its 政府性基金 table prints figures.
* 上海市普陀区商务委员会 2025 budget (sh-putuo-commerce) p.2: the contents list nine tables, "7．2025年部门
  国有资本经营预算支出功能分类预算表" among them, and no 项目支出表.
"""
from __future__ import annotations

import pytest

from conftest import RAW, extraction
from yusuan.vocab import statutory_tables
from yusuan.tables.statutory import MISSING, NOT_LISTED, complete, contents_keys, coverage


def test_template_tables_are_data():
    required, listed = statutory_tables("部门预算")
    assert len(required) == 8 and "three_public" in required and "gov_fund_expenditure" in required
    assert set(listed) == {"state_capital", "project_expenditure"}
    required, listed = statutory_tables("单位决算")
    assert "state_capital" in required and listed == ()  # the 决算 template's 公开09表
    with pytest.raises(KeyError):
        statutory_tables("政府工作报告")


def test_contents_lines_name_tables():
    page = "目 录\n一、部门主要职能\n五、部门预算表\n1. 2025年部门财务收支预算总表\n" \
           "7．2025年部门国有资本经营预算支出功能分类预算表\n九、一般公共预算“三公”经费支出预算表……12\n"
    assert contents_keys([page]) == {"summary", "state_capital", "three_public"}
    assert contents_keys(["一、部门主要职能\n1. 2025年部门财务收支预算总表"]) == set()  # no 目录: no list


@pytest.mark.slow
def test_a_table_the_template_has_not_is_not_missing():
    ex = extraction(RAW / "cq-commerce-2026-budget.pdf")
    st = ex.meta["statutory"]
    assert st["state_capital"] == NOT_LISTED and st["project_expenditure"] == NOT_LISTED
    assert st["summary"] == st["three_public"] == st["gov_fund_expenditure"] == "found"
    assert ex.meta["missing_tables"] == [] and complete(st)


@pytest.mark.slow
def test_a_table_its_contents_list_is_required_and_found_empty():
    ex = extraction(RAW / "sh-putuo-commerce-2025-budget.pdf")
    assert "state_capital" in contents_keys(ex.doc.page_texts) and "project_expenditure" not in contents_keys(ex.doc.page_texts)
    assert ex.meta["statutory"]["state_capital"] == "empty"


@pytest.mark.slow
def test_a_missing_table_is_missing():
    ex = extraction(RAW / "cq-commerce-2026-budget.pdf")
    tables = [t for t in ex.tables if t.key != "three_public"]
    cov = coverage(ex.meta["kind"], tables, [p for p in ex.doc.page_texts if "三公" not in p])
    assert cov["three_public"] == MISSING and not complete(cov)
    # listed in the contents, not printed: missing too
    cov = coverage(ex.meta["kind"], ex.tables, ["目录\n九、2026年国有资本经营预算支出表"] + list(ex.doc.page_texts))
    assert cov["state_capital"] == MISSING
