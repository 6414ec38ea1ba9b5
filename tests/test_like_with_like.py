"""Like with like (issue 23): a comparison uses cells of the stage, year, fund and scope its statement is about.

Each test reproduces one kind of misreading seen on unseen real budgets (the kind is named above it), with inputs
made by hand in the layouts those budgets print (synthetic: 测试部门; the figures are the issue's examples where
it gives them).  Each checks both directions: the right figure is not a mismatch, a wrong one still is."""
from __future__ import annotations

from decimal import Decimal as D

from yusuan.check.claims import parse_claims
from yusuan.check.identities import run_checks
from yusuan.check.recompute import recompute_claims
from yusuan.tables.printed import Column, PrintedTable


def _table(key, title, header, rows, unit="万元", roles=None, page=1, year=2026, sides=None):
    roles = roles or (["code", "label"] + ["value"] * (len(header) - 2))
    sides = sides or [""] * len(header)
    cols = [Column(j, j + 1, h.split(" / "), side=s, role=r) for j, (h, r, s) in enumerate(zip(header, roles, sides))]
    t = PrintedTable(key=key, title=title, unit=unit, pages=[page], columns=cols, header_rows=[header],
                     body=[list(r) for r in rows], body_pages=[page] * len(rows))
    t.read_stages(year)  # as extraction does: each column's stage and year from its header
    return t


def _check(text_pages, tables, year=2026):
    return recompute_claims("d", parse_claims(text_pages), tables, year=year, previous_year=year - 1)


def _on(findings, value):
    return [f for f in findings if f.stated is not None and f.stated == D(value) and f.check.startswith("claim_")]


def _page(*sentences):
    filler = "一、部门职责说明。本部门负责本行政区域内的有关工作，承担上级交办的其他事项，依法履行职能。"
    return "\n".join([filler, *sentences, filler])


def _mismatches(findings):
    return [f for f in findings if f.status == "mismatch"]


# ---------------------------------------------------------------- kind 1: the wrong year's column

def _general_budget_two_years():
    # a 一般公共预算支出表 printing last year's budget beside this year's (the issue: 15,635.80 beside 18,417.70)
    header = ["科目编码", "科目名称", "2025年预算数", "2026年预算数 / 合计", "2026年预算数 / 基本支出",
              "2026年预算数 / 项目支出"]
    rows = [["", "合计", "15635.80", "18417.70", "10210.40", "8207.30"],
            ["201", "一般公共服务支出", "15635.80", "18417.70", "10210.40", "8207.30"],
            ["20101", "人大事务", "15635.80", "18417.70", "10210.40", "8207.30"],
            ["2010101", "行政运行", "9000.00", "10210.40", "10210.40", ""],
            ["2010199", "其他人大事务支出", "6635.80", "8207.30", "", "8207.30"]]
    return _table("general_budget_expenditure", "一般公共预算支出预算表", header, rows)


def _appropriation_summary(general_budget="18417.70"):
    header = ["收入 / 项目", "收入 / 预算数", "支出 / 项目", "支出 / 合计", "支出 / 一般公共预算", "支出 / 政府性基金预算"]
    rows = [["一、一般公共预算拨款", general_budget, "一、一般公共服务支出", general_budget, general_budget, ""],
            ["本年收入合计", general_budget, "本年支出合计", general_budget, general_budget, ""]]
    return _table("appropriation_summary", "财政拨款收支总表", header, rows,
                  roles=["label", "value", "label", "value", "value", "value"],
                  sides=["收入", "收入", "支出", "支出", "支出", "支出"])


def test_a_table_printing_two_years_is_read_in_the_disclosures_year_by_the_narrative():
    page = _page("2026年一般公共预算支出18,417.70万元，主要用于人大事务。")
    f = _on(_check([page], [_general_budget_two_years()]), "18417.70")
    assert f and f[0].status == "ok" and "2026" in f[0].column, [x.message for x in f]
    wrong = _on(_check([page.replace("18,417.70", "18,427.70")], [_general_budget_two_years()]), "18427.70")
    assert wrong and wrong[0].status == "mismatch" and "2026" in wrong[0].column


def test_a_table_printing_two_years_is_read_in_the_disclosures_year_by_the_identities():
    found = [f for f in run_checks("d", [_general_budget_two_years(), _appropriation_summary()])
             if f.check == "cross_table_total"]
    assert found and not _mismatches(found), [f.message for f in found]
    wrong = [f for f in run_checks("d", [_general_budget_two_years(), _appropriation_summary("18427.70")])
             if f.check == "cross_table_total"]
    assert _mismatches(wrong)


def test_last_years_column_is_still_read_when_the_statement_names_last_year():
    # "2025年…15,635.80万元" names the other year: the 2025 column is its like, not a mismatch against 2026's
    page = _page("2025年一般公共预算支出预算15,635.80万元。")
    f = _on(_check([page], [_general_budget_two_years()], year=2026), "15635.80")
    assert f and f[0].status != "mismatch"


def test_carry_over_columns_are_this_years_money_not_last_years_column():
    # 上年结转 / 上年结余 / 上年实户资金余额 head a revenue source of this year's budget, not a column of last year
    t = _table("revenue", "收入总表", ["单位名称", "合计", "一般公共预算", "上年结转结余", "上年实户资金余额"],
               [["合计", "120.00", "100.00", "15.00", "5.00"]], roles=["label", "value", "value", "value", "value"])
    assert [c.year for c in t.columns[1:]] == [2026, 2026, 2026, 2026] or \
        [c.year for c in t.columns[1:]] == [None, None, None, None]
    last = _table("three_public", "三公经费预算表", ["项目", "上年预算数", "本年预算数"], [["合计", "10.00", "8.00"]],
                  roles=["label", "value", "value"])
    assert [c.year for c in last.columns[1:]] == [2025, 2026]


# ---------------------------------------------------------------- kind 2: a column inside the others added as a part

def _expenditure_with_business(business_row="30.00"):
    # a 支出总表 where 事业单位经营支出 lies inside 基本支出 + 项目支出: every row's 合计 = 基本 + 项目
    header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位经营支出"]
    rows = [["", "合计", "1000.00", "700.00", "300.00", "50.00"],
            ["201", "一般公共服务支出", "600.00", "400.00", "200.00", business_row],
            ["20101", "人大事务", "600.00", "400.00", "200.00", business_row],
            ["205", "教育支出", "400.00", "300.00", "100.00", "20.00"],
            ["20502", "普通教育", "400.00", "300.00", "100.00", "20.00"]]
    return _table("expenditure", "支出总表", header, rows)


def test_a_column_whose_rows_add_up_without_it_is_not_a_part():
    found = [f for f in run_checks("d", [_expenditure_with_business()]) if f.check in ("column_sum", "basic_plus_project")]
    assert found and not _mismatches(found), [f.message for f in _mismatches(found)]
    # 合计 = 基本支出 + 项目支出 is still checked, and an error in it is still found
    bad = _expenditure_with_business()
    bad.body[3][2] = "410.00"  # 教育支出 合计 410.00 ≠ 300.00 + 100.00
    wrong = _mismatches(run_checks("d", [bad]))
    assert [(f.row, f.column) for f in wrong if f.check in ("column_sum", "basic_plus_project")] == [(3, "合计")]


def test_a_column_that_is_a_part_stays_a_part():
    # where the rows add up only with it, 事业单位经营支出 is a part (the 财政部 决算 template): a row leaving it out errs
    header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位经营支出"]
    rows = [["", "合计", "1050.00", "700.00", "300.00", "50.00"],
            ["201", "一般公共服务支出", "630.00", "400.00", "200.00", "30.00"],
            ["205", "教育支出", "420.00", "300.00", "100.00", "20.00"]]
    t = _table("expenditure", "支出总表", header, rows)
    assert not _mismatches(run_checks("d", [t]))
    t.body[2][2] = "400.00"  # 教育支出 合计 without its 20.00 of 经营支出
    assert [(f.row, f.column) for f in _mismatches(run_checks("d", [t])) if f.check == "column_sum"] == [(2, "合计")]


# ---------------------------------------------------------------- kind 4: not an identity

def _unit_revenue_and_spending(spent="500.00"):
    # 西安-style 收入总表 / 支出总表 by unit: a unit's income includes 上年实户资金余额 it need not spend this year
    rev = _table("revenue", "部门综合预算收入总表",
                 ["单位编码", "单位名称", "合计", "一般公共预算拨款", "事业收入", "上年实户资金余额"],
                 [["", "合计", "870.00", "650.00", "100.00", "120.00"],
                  ["253001", "某局机关", "520.00", "400.00", "100.00", "20.00"],
                  ["253002", "某局信息中心", "300.00", "200.00", "", "100.00"],
                  ["253003", "某局档案馆", "50.00", "50.00", "", ""]])
    exp = _table("expenditure", "部门综合预算支出总表", ["单位编码", "单位名称", "合计", "基本支出", "项目支出"],
                 [["", "合计", "750.00", "500.00", "250.00"],
                  ["253001", "某局机关", spent, "300.00", "200.00"],
                  ["253002", "某局信息中心", "200.00", "150.00", "50.00"],
                  ["253003", "某局档案馆", "50.00", "50.00", ""]])
    return rev, exp


def test_income_holding_balances_brought_forward_is_not_held_equal_to_spending():
    found = [f for f in run_checks("d", list(_unit_revenue_and_spending())) if f.check == "cross_table_total"]
    assert not _mismatches(found), [f.message for f in _mismatches(found)]
    # spending above what the unit receives is still wrong: no balance explains it
    rev, exp = _unit_revenue_and_spending(spent="560.00")
    exp.body[1][3] = "360.00"
    wrong = [f for f in run_checks("d", [rev, exp]) if f.check == "cross_table_total" and f.status == "mismatch"]
    assert wrong and wrong[0].row == 1


# ---------------------------------------------------------------- kind 6: the fund the sentence names

def _three_public_by_fund():
    # a 三公 table whose columns split every figure by fund: 总计 | 一般公共预算 | 政府性基金预算
    return _table("three_public", "“三公”经费支出预算表", ["项目", "总计", "一般公共预算", "政府性基金预算"],
                  [["合计", "12.00", "0.00", "12.00"], ["因公出国（境）费", "0.00", "0.00", "0.00"],
                   ["公务接待费", "2.00", "0.00", "2.00"], ["公务用车购置及运行费", "10.00", "0.00", "10.00"]],
                  roles=["label", "value", "value", "value"])


def test_a_figure_of_the_fund_the_sentence_names_is_read_in_that_funds_column():
    page = _page("2026年“三公”经费预算总额12.00万元，其中一般公共预算拨款安排的“三公”经费0万元。")
    f = _on(_check([page], [_three_public_by_fund()]), "0")
    assert f and f[0].status == "ok" and f[0].column == "一般公共预算", [x.message for x in f]
    wrong = _on(_check([page.replace("经费0万元", "经费2万元")], [_three_public_by_fund()]), "2")
    assert wrong and wrong[0].status == "mismatch" and wrong[0].column == "一般公共预算"


# ---------------------------------------------------------------- kind 3: a narrower subject held to the department's total

def _summary():
    return _table("summary", "收支总表", ["项目", "预算数", "项目", "预算数"],
                  [["一、财政拨款收入", "700.00", "一、一般公共服务支出", "700.00"], ["二、事业收入", "100.00",
                   "二、社会保障和就业支出", "100.00"], ["本年收入合计", "800.00", "本年支出合计", "800.00"]],
                  roles=["label", "value", "label", "value"], sides=["收入", "收入", "支出", "支出"])


def _general_budget_by_nature():
    return _table("general_budget_expenditure", "一般公共预算支出表",
                  ["科目编码", "科目名称", "合计", "基本支出 / 人员经费", "基本支出 / 公用经费", "项目支出"],
                  [["", "合计", "800.00", "420.00", "80.00", "300.00"],
                   ["201", "一般公共服务支出", "700.00", "320.00", "80.00", "300.00"],
                   ["208", "社会保障和就业支出", "100.00", "100.00", "", ""]])


def _basic_economic():
    return _table("general_budget_basic_economic", "一般公共预算基本支出表", ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
                  [["", "合计", "500.00", "420.00", "80.00"], ["301", "工资福利支出", "400.00", "400.00", ""],
                   ["302", "商品和服务支出", "80.00", "", "80.00"], ["303", "对个人和家庭的补助", "20.00", "20.00", ""]])


def test_one_projects_appropriation_is_not_the_departments():
    page = _page("信息化建设项目预算120.00万元，其中财政拨款100.00万元，主要用于系统运维。")
    f = _on(_check([page], [_summary()]), "100.00")
    assert f and f[0].status == "unverifiable" and "信息化建设项目" in f[0].reason, [x.message for x in f]
    # the department's own appropriation, stated as a part of its income, is still checked both ways
    whole = _page("2026年收入预算800.00万元，其中财政拨款700.00万元。")
    assert _on(_check([whole], [_summary()]), "700.00")[0].status == "ok"
    assert _on(_check([whole.replace("700.00", "710.00")], [_summary()]), "710.00")[0].status == "mismatch"


def test_one_units_figure_is_not_the_departments():
    for sentence, value in (("所属信息中心公用经费20.00万元，主要用于办公费。", "20.00"),
                            ("局机关日常公用经费50.00万元，主要用于办公费、邮电费。", "50.00"),
                            ("局机关公用经费50.00万元，主要用于办公费、邮电费。", "50.00")):
        f = _on(_check([_page(sentence)], [_basic_economic()]), value)
        assert f and f[0].status == "unverifiable", (sentence, [x.message for x in f])
    dept = _page("本部门公用经费80.00万元，主要用于办公费。")
    assert _on(_check([dept], [_basic_economic()]), "80.00")[0].status == "ok"
    assert _on(_check([dept.replace("80.00", "90.00")], [_basic_economic()]), "90.00")[0].status == "mismatch"


def test_one_classs_personnel_spending_is_read_in_that_classs_row():
    page = _page("一般公共服务支出700.00万元，其中人员经费320.00万元，公用经费80.00万元。")
    tables = [_general_budget_by_nature(), _basic_economic()]
    f = _on(_check([page], tables), "320.00")
    assert f and f[0].status == "ok" and f[0].row == 1 and "人员经费" in f[0].column, [x.message for x in f]
    wrong = _on(_check([page.replace("320.00", "330.00")], tables), "330.00")
    assert wrong and wrong[0].status == "mismatch" and wrong[0].row == 1


# ---------------------------------------------------------------- kind 7: the wrong row

def test_a_revenue_source_is_read_in_both_two_sided_tables_and_never_in_the_carry_over_rows():
    # 重庆市商务委员会 2026 (bundled; p.15 of the PDF, read by eye): 财政拨款收支总表 prints 本年收入 "(一)一般公共预算资金
    # 99,320.55" and, under "二、上年结转", "(一)一般公共预算拨款 2,513.30"; its 收支总表 prints "一、一般公共预算资金
    # 101,833.84" (this year's with the carry-over).  A sentence stating this year's appropriation (hand-made here)
    # was held to the 收支总表's row only; the carry-over sub-row is no reading of a fund's income
    from conftest import RAW
    from yusuan.steps.extract import extract

    tables = extract(RAW / "cq-commerce-2026-budget.pdf").tables
    this_year = _on(_check([_page("2026年一般公共预算资金99,320.55万元。")], tables), "99320.55")
    assert this_year and this_year[0].status == "ok" and this_year[0].table == "appropriation_summary"
    both = _on(_check([_page("2026年一般公共预算资金101,833.84万元。")], tables), "101833.84")
    assert both and both[0].status == "ok" and both[0].table == "summary"
    slip = _on(_check([_page("2026年一般公共预算资金99,330.55万元。")], tables), "99330.55")
    assert slip and slip[0].status == "mismatch" and slip[0].confidence == "possible" and "99,320.55" in slip[0].readings
    carry = _on(_check([_page("2026年一般公共预算拨款2,513.30万元。")], tables), "2513.30")
    assert carry and carry[0].status != "ok"  # the 上年结转 sub-row is not the fund's income


# ---------------------------------------------------------------- a total stated as the sum of its parts, each rounded

def test_a_total_stated_as_the_sum_of_its_rounded_parts_is_rounding():
    # 西安市民政局 2021 p.20: "财政拨款收入70,376.87万元，其中一般公共预算拨款收入53,598.71万元、政府性基金拨款收入
    # 16,778.16万元" where the 收支总表 (in 元) prints 703,768,605.80元 = 70,376.86万元: the sentence adds its rounded parts
    summary = _table("summary", "收支总表", ["项目", "预算数", "项目", "预算数"],
                     [["1、财政拨款", "703768605.80", "一、社会保障和就业支出", "703768605.80"],
                      ["本年收入合计", "703768605.80", "本年支出合计", "703768605.80"]],
                     unit="元", roles=["label", "value", "label", "value"], sides=["收入", "收入", "支出", "支出"])
    page = _page("2021年本部门财政拨款收入70,376.87万元，其中一般公共预算拨款收入53,598.71万元、政府性基金拨款收入16,778.16万元。")
    f = [x for x in _on(_check([page], [summary], year=2021), "70376.87") if x.check == "claim_amount"]
    assert f and f[0].status == "rounding" and "分项" in f[0].message, [x.message for x in f]
    # a total off by more than its parts' rounding is still a mismatch
    off = page.replace("70,376.87", "70,376.97").replace("16,778.16", "16,778.26")
    g = [x for x in _on(_check([off], [summary], year=2021), "70376.97") if x.check == "claim_amount"]
    assert g and g[0].status == "mismatch"
