"""Small pieces: numbers as printed, cleaned text, the title catalogue, scrambled page text."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import RAW
from yusuan.vocab import KEYS, describe, title_key
from yusuan.base.numbers import decimals, parse_number, plain
from yusuan.base.text import clean, fold


@pytest.mark.parametrize("text,value", [
    ("1,592.14", Decimal("1592.14")), ("22.30", Decimal("22.30")), ("(1,200.00)", Decimal("-1200.00")),
    ("－3.5", Decimal("-3.5")), ("87.01%", Decimal("87.01")), ("32,365.090089", Decimal("32365.090089")),
    ("１２３", Decimal("123")), ("0", Decimal("0")),
    ("-", None), ("", None), ("abc", None), ("91,016,775.35 一、一般公共服务支出", None), ("1,59,2", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_printed_precision_is_kept():
    assert plain(parse_number("22.30")) == "22.30" and decimals(parse_number("1,385.37")) == 2
    assert plain(parse_number("156211123")) == "156211123"


def test_clean_removes_spaces_next_to_cjk_only():
    assert clean("2023 年预算收 支总表") == "2023年预算收支总表"
    assert clean("公 务 用 车\r\n运行费") == "公务用车运行费"
    assert clean("OA 协同 system  upgrade") == "OA协同system upgrade"
    assert fold("“三公”经费（元）") == '"三公"经费(元)'


@pytest.mark.parametrize("title,key", [
    ("2023年预算收支总表", "summary"), ("2025年部门财务收支预算总表", "summary"), ("收入支出决算总表", "summary"),
    ("2026年部门收支总体情况表", "summary"), ("预算01表 收支总表", "summary"),
    ("2023年预算收入总表", "revenue"), ("收入决算表", "revenue"),
    ("三、2018年度江苏省高级人民法院支出预算总表", "expenditure"), ("支出决算表", "expenditure"),
    ("财政拨款收入支出决算总表", "appropriation_summary"), ("2023年财政拨款收支总表", "appropriation_summary"),
    ("一般公共预算支出表（按功能分类）", "general_budget_expenditure"),
    ("2023年一般公共预算安排基本支出分经济科目表（不含上年结转）", "general_budget_basic_economic"),
    ("一般公共预算财政拨款基本支出决算表", "general_budget_basic_economic"),
    ("2023年政府性基金预算收入表（不含上年结转）", "gov_fund_revenue"),
    ("政府性基金预算财政拨款收入支出决算表", "gov_fund_expenditure"),
    ("国有资本经营预算支出表", "state_capital"), ("财政拨款“三公”经费支出表", "three_public"),
    ("十一、2018年度江苏省高级人民法院一般公共预算机关运行经费支出预算表", "admin_operating"),
    ("2023年项目支出预算表（本年预算）", "project_expenditure"),
    ("2023年项目支出预算表（上年结转）", "project_expenditure_carryover"),
    ("2026年市级部门项目支出绩效表", "performance_targets"), ("项目支出绩效目标申报表", "performance_targets"),
    ("五、2017年度江苏省高级人民法院部门财政拨款支出预算表", None), ("基本支出总表", None),
    ("政府采购预算明细表", "procurement"), ("2026年度一般公共预算支出经济分类情况表", "general_budget_economic"),
    ("2026年度一般公共预算基本支出经济分类情况表", "general_budget_basic_economic"),
    ("一般公共预算项目支出情况表（按经济分类科目）", "general_budget_project_economic"),
    ("部门预算基本支出预算表", "basic_expenditure"), ("信访干部培训专项项目绩效自评表", "performance_self_evaluation"),
    ("财政拨款政府购买服务明细表", "purchased_services"),
])
def test_catalogue_maps_title_variants(title, key):
    assert title_key(title) == key


def test_catalogue_is_readable_and_complete():
    rows = describe()
    assert {r["key"] for r in rows} == set(KEYS)
    assert all(r["what"] and r["patterns"] for r in rows)


def test_scrambled_page_text_is_put_back_in_reading_order():
    from yusuan.pdf.pdfdoc import open_document

    page = open_document(RAW / "cq-commerce-2026-budget.pdf").page_texts[3]
    lines = [clean(ln) for ln in page.splitlines()]
    assert lines[0].startswith("86,685.29万元,主要是基本支出增加4,372.14万元")
    assert "三、财政拨款情况说明" in lines
    # punctuation sits on its line, not on a line of its own (the comma's ink is at the baseline):
    # "890.97万元" read as "89097万元" made a false 100-fold mismatch in the fact-check
    assert "2026年“三公”经费预算890.97万元,比2025年减少1.22万元。其中:因公出国(境)费用552万元,与" in lines
    assert not any(ln and set(ln) <= set(".,:;。，：；、") for ln in lines)


def test_overprinted_glyphs_are_one_character_and_close_digits_stay_two():
    from yusuan.pdf.grid import _not_overprinted

    # fake bold: "合" printed three times 0.2-0.4 pt apart is one character
    chars = ["合", "合", "合", "计"]
    boxes = [(10, 10, 18, 18), (10.3, 10, 18.3, 18), (10.2, 10.4, 18.2, 18.4), (19, 10, 27, 18)]
    assert _not_overprinted(chars, boxes) == [0, 3]
    # a small font: the two zeros of "0.00" 1.6 pt apart are two characters
    chars = ["0", ".", "0", "0"]
    boxes = [(10, 10, 11.4, 12), (11.6, 10, 12.2, 10.5), (12.4, 10, 13.8, 12), (14.0, 10, 15.4, 12)]
    assert _not_overprinted(chars, boxes) == [0, 1, 2, 3]
