"""One small hand-made input per rule kind of the fact-check (claims read from page text, tables built by
hand), each seen on real disclosures of the quality corpus (named in the comments; the corpus itself is not
part of the project).  Each test checks both directions: the right figure is ok, an altered one is caught or,
where no table can say, is unverifiable — never a false mismatch."""
from __future__ import annotations

from decimal import Decimal as D

from yusuan.check.identities import run_checks
from yusuan.check.claims import parse_claims
from yusuan.check.recompute import recompute_claims
from yusuan.tables.printed import Column, PrintedTable


def _table(key, title, header, rows, unit="万元", roles=None, page=1):
    roles = roles or (["code", "label"] + ["value"] * (len(header) - 2))
    cols = [Column(j, j + 1, h.split(" / "), role=r) for j, (h, r) in enumerate(zip(header, roles))]
    return PrintedTable(key=key, title=title, unit=unit, pages=[page], columns=cols, header_rows=[header],
                        body=[list(r) for r in rows], body_pages=[page] * len(rows))


def _check(text_pages, tables, year=2026):
    claims = parse_claims(text_pages)
    return recompute_claims("d", claims, tables, year=year, previous_year=year - 1)


def _on(findings, value):
    return [f for f in findings if f.stated is not None and f.stated == D(value) and f.check.startswith("claim_")]


def _page(*sentences):
    # a narrative page: enough prose for the page to count as narrative
    filler = "一、部门职责说明。本部门负责本行政区域内的有关工作，承担上级交办的其他事项，依法履行职能。"
    return "\n".join([filler, *sentences, filler])


# ---------------------------------------------------------------- 三公 by year columns (西安 2022)

def _xian_three_public():
    header = ["单位编码", "单位名称", "2021年 / 合计", "2021年 / 一般公共预算拨款安排的“三公”经费预算 / 小计",
              "2021年 / 会议费", "2022年 / 合计", "2022年 / 一般公共预算拨款安排的“三公”经费预算 / 小计",
              "2022年 / 会议费"]
    rows = [["", "合计", "265.72", "5.79", "259.93", "97.32", "80.77", "16.55"],
            ["253", "西安市某局", "265.72", "5.79", "259.93", "97.32", "80.77", "16.55"]]
    return _table("three_public", "2022年一般公共预算拨款“三公”经费及会议费、培训费支出预算表", header, rows)


def test_three_public_table_of_unit_rows_reads_the_year_of_the_claim():
    # the 合计 row is the units' total, not a 三公 item: the 2022 三公 小计 column is the figure
    page = _page("2022年本部门当年一般公共预算“三公”经费预算支出80.77万元，较上年增加74.98万元。")
    f = _on(_check([page], [_xian_three_public()], year=2022), "80.77")
    assert f and f[0].status == "ok" and "2022年" in f[0].column and "小计" in f[0].column
    wrong = _check([page.replace("80.77", "80.87")], [_xian_three_public()], year=2022)
    assert _on(wrong, "80.87")[0].status == "mismatch"


def test_three_public_columns_named_last_year_and_this_year():
    header = ["单位编码", "单位名称", "上年 / 合计", "本年 / 合计"]
    t = _table("three_public", "一般公共预算“三公”经费支出预算表", header,
               [["", "合计", "24.20", "10.10"], ["153", "西安市某局", "24.20", "10.10"]])
    f = _on(_check([_page("2026年本部门当年一般公共预算“三公”经费预算支出10.10万元。")], [t]), "10.10")
    assert f and f[0].status == "ok" and f[0].column == "本年 / 合计"


def test_three_public_item_rows_with_their_enumerators():
    # 福州: "其中：（1）公务用车购置费" — the 购置 + 运行 rows add up to 公务用车购置及运行费
    t = _table("three_public", "一般公共预算“三公”经费支出预算表", ["项目", "预算数"],
               [["合计", "1354.68"], ["1、因公出国（境）费用", "5.38"], ["2、公务接待费", "14.09"],
                ["3、公务用车购置及运行费", "1335.21"], ["其中：（1）公务用车购置费", "221.04"],
                ["（2）公务用车运行费", "1114.17"]], roles=["label", "value"])
    fs = [f for f in run_checks("d", [t]) if f.check == "three_public_sum"]
    assert fs and all(f.status == "ok" for f in fs)
    t.body[4][1] = "231.04"
    assert any(f.status == "mismatch" for f in run_checks("d", [t]) if f.check == "three_public_sum")


# ---------------------------------------------------------------- a breakdown of a classification item

def _by_class():
    header = ["科目编码", "科目名称", "合计", "基本支出 / 人员经费支出", "基本支出 / 公用经费支出", "项目支出"]
    rows = [["", "合计", "1000.00", "600.00", "200.00", "200.00"],
            ["205", "教育支出", "102.32", "0.00", "28.32", "74.00"],
            ["20508", "进修及培训", "102.32", "0.00", "28.32", "74.00"],
            ["2050803", "培训支出", "102.32", "0.00", "28.32", "74.00"],
            ["208", "社会保障和就业支出", "897.68", "600.00", "171.68", "126.00"]]
    return _table("general_budget_expenditure", "一般公共预算支出预算表", header, rows)


def test_figures_under_a_classification_item_are_that_items():
    # 西安民政 2021: "（1）进修及培训（20508）102.32万元…具体为：人员经费0.00万元；公用经费28.32万元"
    page = _page("（1）进修及培训（20508）102.32万元，较上年增加102.32万元。具体为：人员经费0.00万元，较上年无变化；"
                 "公用经费28.32万元，较上年增加28.32万元。")
    got = _check([page], [_by_class()])
    staff, office = _on(got, "0.00"), _on(got, "28.32")
    assert staff and office and staff[0].status == "ok" and office[0].status == "ok"
    assert office[0].row == 2 and "20508" in office[0].message
    wrong = _check([page.replace("28.32万元，较", "28.42万元，较")], [_by_class()])
    assert _on(wrong, "28.42")[0].status == "mismatch"


def test_a_part_of_an_item_no_table_breaks_down_is_unverifiable_not_the_department_total():
    # 西安人社 2020: "对个人和家庭的补助（303）100151.38万元，其中：人员经费138.06万元" — not the department's 人员经费
    t = _table("general_budget_basic_economic", "一般公共预算基本支出表", ["科目编码", "科目名称", "人员经费支出"],
               [["", "合计", "7942.58"], ["301", "工资福利支出", "7804.52"], ["303", "对个人和家庭的补助", "138.06"]])
    page = _page("对个人和家庭的补助（303）100151.38万元，其中：人员经费138.06万元，较上年增加13.93万元。")
    f = _on(_check([page], [t]), "138.06")
    assert f and f[0].status != "mismatch"
    # 机关运行经费's 公务接待费 is not the 三公 table's
    tp = _table("three_public", "三公经费预算表", ["项目", "预算数"], [["合计", "40.00"], ["公务接待费", "3.30"]],
                roles=["label", "value"])
    page2 = _page("2020年机关运行经费预算总计82万元，其中：办公经费41.47万元，公务接待费2万元，其他商品和服务支出38.53万元。")
    g = _on(_check([page2], [tp]), "2")
    assert g and g[0].status == "unverifiable" and "机关运行经费" in g[0].reason


# ---------------------------------------------------------------- units and their projects

def _projects():
    header = ["单位 / 项目", "总计", "一般公共预算拨款"]
    rows = [["深圳市某局", "3000.00", "3000.00"],
            ["深圳市某局（本级）", "2858.27", "2858.27"], ["人力资源综合管理", "2858.27", "2858.27"],
            ["深圳市某数据管理中心", "141.73", "141.73"], ["人力资源综合管理", "141.73", "141.73"]]
    return _table("project_expenditure", "项目支出总表", header, rows, roles=["label", "value", "value"])


def test_a_project_name_several_units_share_is_read_per_unit():
    page = _page("（五）项目支出2,858.27万元，具体包括：", "1.人力资源综合管理2,858.27万元，主要用于综合管理。")
    f = [x for x in _on(_check([page], [_projects()]), "2858.27") if "人力资源综合管理" in x.subject]
    assert f and f[0].status == "ok" and "本级" in f[0].message
    wrong = [x for x in _on(_check([page.replace("1.人力资源综合管理2,858.27", "1.人力资源综合管理2,868.27")],
                                   [_projects()]), "2868.27") if "人力资源综合管理" in x.subject]
    assert wrong and wrong[0].status == "mismatch"


def test_a_sentence_about_a_subordinate_unit_is_not_about_the_department():
    rev = _table("revenue", "部门收入总表", ["单位编码", "单位名称", "合计"],
                 [["", "合计", "10000.00"], ["101", "深圳市某局", "10000.00"], ["101001", "深圳市某局（本级）", "4872.09"],
                  ["101002", "深圳市某局龙华分局", "5127.91"]])
    page = _page("深圳市某局龙华分局部门预算收入5,127.91万元，包括在职人员经费2,781.70万元。")
    f = _on(_check([page], [rev]), "5127.91")
    assert f and f[0].status == "ok" and "龙华分局" in f[0].message
    wrong = _on(_check([page.replace("5,127.91", "5,137.91")], [rev]), "5137.91")
    assert wrong and wrong[0].status == "mismatch"
    staff = _on(_check([page], [rev]), "2781.70")
    assert staff and staff[0].status == "unverifiable" and "龙华分局" in staff[0].reason


def test_projects_chosen_for_evaluation_are_a_selection_no_table_marks():
    # 烟台: "拟对…等2个项目开展部门重点绩效评价，涉及预算资金695万元，其中财政拨款695万元"
    page = _page("拟对市级灾害民生综合保险保费等2个项目开展部门重点绩效评价，涉及预算资金695万元，其中财政拨款695万元。")
    got = _check([page], [_projects()])
    assert [f.status for f in got if f.check == "claim_count"] == ["unverifiable"]
    assert all(f.status != "mismatch" for f in _on(got, "695"))


def test_a_named_project_ending_in_project_spending_is_that_project():
    t = _table("project_expenditure", "项目支出表", ["项目名称", "金额"],
               [["合计", "1612.29"], ["大厅保安和安检服务项目", "328.69"], ["其他项目", "1283.60"]],
               roles=["label", "value"])
    page = _page("2.信访大厅运行603.84万元，主要包括：大厅保安和安检服务项目支出328.69万元，用于安检。")
    f = _on(_check([page], [t]), "328.69")
    assert f and f[0].status == "ok" and f[0].row == 1


def test_carry_over_of_one_item_is_not_the_departments():
    # 深圳公安: "常用装备保障项目615.04万元，其中结转结余126.00万元" — the item's carry-over
    t = _table("summary", "收支总表", ["项目", "预算数"], [["结转下年", "0.00"]], roles=["label", "value"])
    page = _page("常用装备保障项目615.04万元，其中结转结余126.00万元，主要用于保障应急装备。")
    f = _on(_check([page], [t]), "126.00")
    assert f and f[0].status == "unverifiable"


# ---------------------------------------------------------------- the fund the statements are about

def test_classes_after_a_funds_total_are_that_funds():
    # 杭州交通: "2026年政府性基金预算当年拨款221,670.92万元… 城乡社区（类）支出211,000.00万元"
    allf = _table("expenditure", "支出总表", ["科目编码", "科目名称", "合计"],
                  [["", "合计", "900000.00"], ["212", "城乡社区支出", "437000.00"]])
    fund = _table("gov_fund_expenditure", "政府性基金预算支出表", ["科目编码", "科目名称", "合计"],
                  [["", "合计", "221670.92"], ["212", "城乡社区支出", "211000.00"], ["229", "其他支出", "10670.92"]])
    page = _page("2026年政府性基金预算当年拨款221,670.92万元，比上年执行数增加188,485.40万元。",
                 "城乡社区（类）支出211,000.00万元，占95.2%。")
    f = _on(_check([page], [allf, fund]), "211000.00")
    assert f and f[0].status == "ok" and f[0].table == "gov_fund_expenditure"
    # several funds' totals in one sentence name no fund for what follows
    page2 = _page("一般公共预算拨款支出预算900000.00万元；政府性基金拨款支出预算0.00万元。",
                  "城乡社区（类）支出437,000.00万元。")
    g = _on(_check([page2], [allf, fund]), "437000.00")
    assert g and g[0].status == "ok" and g[0].table == "expenditure"


def test_performance_managed_funds_by_fund():
    # 西安: "本部门绩效目标管理全覆盖，涉及当年一般公共预算拨款2838.42万元，政府性基金预算拨款0万元"
    proj = _table("project_expenditure", "项目支出表", ["项目名称", "项目金额"], [["合计", "905.61"], ["甲项目", "905.61"]],
                  roles=["label", "value"])
    appr = _table("general_budget_expenditure", "一般公共预算支出表", ["科目编码", "科目名称", "合计"],
                  [["", "合计", "2838.42"], ["201", "一般公共服务支出", "2838.42"]])
    page = _page("本部门绩效目标管理全覆盖，涉及当年一般公共预算拨款2838.42万元，政府性基金预算拨款0万元，国有资本经营预算拨款0万元。")
    got = _check([page], [proj, appr])
    assert _on(got, "2838.42")[0].status == "ok"
    assert all(f.status == "unverifiable" for f in _on(got, "0"))


# ---------------------------------------------------------------- identities

def test_other_spending_is_a_class_where_the_sums_say_so():
    # 杭州交通: a table without codes ends with the 类 "其他支出"; elsewhere "其他支出" is a 款
    t = _table("gov_fund_expenditure", "政府性基金预算支出表", ["科目名称", "合计"],
               [["合计", "221670.92"], ["城乡社区支出", "211000.00"], ["国有土地使用权出让收入安排的支出", "211000.00"],
                ["交通运输支出", "177.92"], ["公路水路运输", "177.92"], ["其他支出", "10493.00"],
                ["其他政府性基金安排的支出", "10493.00"]], roles=["label", "value"])
    assert not [f for f in run_checks("d", [t]) if f.status == "mismatch"]
    t2 = _table("general_budget_expenditure", "一般公共预算支出表", ["科目名称", "合计"],
                [["合计", "600.00"], ["援助其他地区支出", "502.00"], ["其他支出", "502.00"], ["住房保障支出", "98.00"]],
                roles=["label", "value"])
    assert not [f for f in run_checks("d", [t2]) if f.status == "mismatch"]
    t2.body[0][1] = "610.00"
    assert [f for f in run_checks("d", [t2]) if f.status == "mismatch"]


def test_an_item_printed_under_its_parents_code_is_one_item():
    # 无锡发改: "219 援助其他地区支出 502.00 / 21999 其他支出 502.00 / 21999 其他支出 502.00"
    t = _table("expenditure", "支出总表", ["科目编码", "科目名称", "合计"],
               [["", "合计", "602.00"], ["219", "援助其他地区支出", "502.00"], ["21999", "其他支出", "502.00"],
                ["21999", "其他支出", "502.00"], ["221", "住房保障支出", "100.00"], ["22102", "住房改革支出", "100.00"]])
    assert not [f for f in run_checks("d", [t]) if f.status == "mismatch"]
    t.body[1][2] = "512.00"
    assert [f for f in run_checks("d", [t]) if f.status == "mismatch"]


def test_a_grand_total_left_blank_is_not_zero():
    # 上海审计局: 收入总计 printed without a figure beside 支出总计 195,774,300
    cols = [Column(0, 1, ["项目"], side="收入", role="label"), Column(1, 2, ["预算数"], side="收入"),
            Column(2, 3, ["项目"], side="支出", role="label"), Column(3, 4, ["预算数"], side="支出")]
    t = PrintedTable(key="summary", title="财务收支预算总表", unit="元", pages=[1], columns=cols, header_rows=[],
                     body=[["一、财政拨款收入", "195,774,300", "一、一般公共服务支出", "195,774,300"],
                           ["收入总计", "", "支出总计", "195,774,300"]], body_pages=[1, 1])
    fs = [f for f in run_checks("d", [t]) if f.check == "revenue_equals_expenditure"]
    assert fs and fs[0].status == "unverifiable" and "blank" in fs[0].reason


# ---------------------------------------------------------------- reading the narrative

def test_shares_adjusted_to_add_up_across_a_page_break():
    # 杭州公安: 250,110.65 / 404,415.23 = 61.85% printed 61.9% so that 61.9 + 11.8 + 26.3 = 100
    t = _table("summary", "收支总表", ["项目", "预算数"], [["支出总计", "404415.23"]], roles=["label", "value"])
    filler = _page("2026年支出预算404,415.23万元。").rsplit("\n", 1)[0]
    p1 = filler + "\n2.按支出用途分类，包括人员支出250,110.65万元，占61.9%；日常公用支出47,792.58万元，占11.8%；项目支出"
    p2 = "106,512.00万元，占26.3%。\n" + _page("三、其他说明。")
    f = [x for x in _check([p1, p2], [t]) if x.check == "claim_share" and x.stated == D("61.9")]
    assert f and f[0].status == "rounding"
    g = [x for x in _check([p1.replace("占61.9%", "占62.9%"), p2], [t]) if x.check == "claim_share" and x.stated == D("62.9")]
    assert g and g[0].status == "mismatch"


def test_a_running_header_between_pages_is_not_read_into_the_sentence():
    header = "无锡市某局 2026 年度部门预算公开"
    pages = [f"{header}\n" + _page("二、“三公”经费说明。本部门严格控制“三公”经费，压减一般性支出。") + "\n其中，因公出国（境）费支出0",
             f"{header}\n万元，占“三公”经费的0%；公务接待费支出3.6万元，占“三公”经费的100%。\n" + _page("二、其他。"),
             f"{header}\n" + _page("三、其他。")]
    claims = parse_claims(pages)
    assert not any(header.replace(" ", "") in c.sentence.replace(" ", "") for c in claims)
    assert any(c.kind == "amount" and c.value == 0 and "出国" in c.subject for c in claims)


def test_a_coded_subject_keeps_its_whole_name():
    t = _table("gov_fund_expenditure", "政府性基金预算支出表", ["科目编码", "科目名称", "小计"],
               [["", "合计", "5000.00"], ["2120899", "其他国有土地使用权出让收入安排的支出", "5000.00"]])
    page = _page("2026年度政府性基金预算支出5000.00万元。", "（九）2120899-其他国有土地使用权出让收入安排的支出5000.00万元。")
    f = [x for x in _on(_check([page], [t]), "5000.00") if "2120899" in x.subject]
    assert f and f[0].status == "ok" and f[0].row == 1


def test_nothing_is_no_share_of_anything():
    # "本年政府性基金预算收入0.00万元，占0%" is right whatever the whole; "占10%" is not
    page = _page("本年政府性基金预算收入0.00万元，占0%；本年事业收入0.00万元，占0%。")
    assert [f.status for f in _check([page], []) if f.check == "claim_share"] == ["ok", "ok"]
    wrong = [f.status for f in _check([page.replace("占0%；", "占10%；")], []) if f.check == "claim_share"]
    assert wrong[0] == "mismatch"


def test_a_stated_figure_against_a_blank_or_zero_cell_has_no_rounding_to_hide_in():
    t = _table("three_public", "三公经费预算表", ["项目", "预算数"],
               [["合计", "2.00"], ["因公出国（境）费用", "0"], ["公务接待费", "2.00"]], roles=["label", "value"])
    assert _on(_check([_page("因公出国（境）费用0.00万元。")], [t]), "0.00")[0].status == "ok"
    assert _on(_check([_page("因公出国（境）费用0.10万元。")], [t]), "0.10")[0].status == "mismatch"


def test_units_that_share_a_code_pair_by_name_across_tables():
    # 西安公安: 153002 is printed for two units in both the 收入总表 and the 支出总表
    header = ["单位编码", "单位名称", "合计"]
    rows = [["", "合计", "300.00"], ["153", "西安市某局", "300.00"], ["153001", "西安市某局", "100.00"],
            ["153002", "西安市某局交通管理支队", "150.00"], ["153002", "西安市某局交通警察支队", "50.00"]]
    rev = _table("revenue", "部门收入总表", header, rows)
    exp = _table("expenditure", "部门支出总表", header, [rows[0], rows[1], rows[2], rows[4], rows[3]])
    fs = [f for f in run_checks("d", [rev, exp]) if f.check == "cross_table_total"]
    assert len(fs) >= 4 and all(f.status == "ok" for f in fs)


def test_classes_listed_under_project_spending_are_their_project_spending():
    # 长沙公安: "项目支出…，其中：一般公共服务支出3.00万元…。公共安全支出40230.95万元，主要用于…"
    t = _table("general_budget_expenditure", "一般公共预算支出表", ["科目编码", "科目名称", "总计", "基本支出", "项目支出"],
               [["", "合计", "68632.12", "28398.17", "40233.95"], ["201", "一般公共服务支出", "3.00", "", "3.00"],
                ["204", "公共安全支出", "68629.12", "28398.17", "40230.95"]])
    page = _page("（二）项目支出40233.95万元，是指单位为完成特定任务发生的支出，其中：一般公共服务支出3.00万元，主要用于办公经费。"
                 "公共安全支出40230.95万元，主要用于装备购置。")
    f = _on(_check([page], [t]), "40230.95")
    assert f and f[0].status == "ok" and f[0].column == "项目支出"
    assert _on(_check([page.replace("40230.95万元，主要", "40240.95万元，主要")], [t]), "40240.95")[0].status == "mismatch"


def test_a_list_that_ends_in_etc_is_not_counted_against_its_number():
    # "内设机构包括警令部、政治部…等14个部门": 等 — the list names only some
    page = _page("本局内设机构包括警令部、政治部、警保部等14个部门。")
    assert not [f for f in _check([page], []) if f.status == "mismatch"]
    # without 等 the same list must be as long as its number
    page2 = _page("本局内设机构包括警令部、政治部、警保部14个部门。")
    assert [f.status for f in _check([page2], []) if f.check == "claim_count"] == ["mismatch"]


def test_a_count_and_the_names_after_it():
    # "部门管理机构1家，为北京市粮食和物资储备局": one name with 和 in it; "分别为A和B" would be two
    one = _page("部门管理机构1家，为北京市粮食和物资储备局；归口管理单位2家，为甲中心、乙中心。")
    assert [f.status for f in _check([one], []) if f.check == "claim_count"] == ["ok", "ok"]
    assert "mismatch" in [f.status for f in _check([one.replace("单位2家", "单位3家")], []) if f.check == "claim_count"]
    # "11家签约单位的优质资源，为军休干部提供…": 为 is "for" here, nothing is listed
    page = _page("充分利用11家签约单位的优质资源，为军休干部提供个性化的养老、医疗服务。")
    assert not [f for f in _check([page], []) if f.status == "mismatch"]


def test_a_reserve_line_is_not_a_project_with_a_goal():
    # 深圳工信: "编报9个项目绩效目标" beside a project table of 10 lines, one of them 预算准备金
    rows = [["某局（本级）", "1000.00"]] + [[f"项目{i}", "100.00"] for i in range(9)] + [["预算准备金", "100.00"]]
    rows[0][1] = "1000.00"
    t = _table("project_expenditure", "项目支出总表", ["项目", "总计"], rows, roles=["label", "value"])
    page = _page("所有项目支出预算纳入部门预算绩效管理，涉及预算资金1000.00万元，设置并编报9个项目绩效目标。")
    f = [x for x in _check([page], [t]) if x.check == "claim_count"]
    assert f and f[0].status == "ok" and "预算准备金" in f[0].message
    g = [x for x in _check([page.replace("编报9个", "编报8个")], [t]) if x.check == "claim_count"]
    assert g and g[0].status == "mismatch"


def test_a_goal_count_between_projects_with_and_without_reserves_is_open():
    # 深圳人社 2026 (corpus 66464f8e p.38): "设置并编报57个项目绩效目标" beside 58 project lines of which two are
    # 预算准备金 (in two units): whether a reserve carries a goal is not printed, so 56–58 fit; 59 or 55 do not
    rows = [["合计", "1200.00"], ["某局（本级）", "700.00"]] + [[f"项目{i}", "100.00"] for i in range(6)] + \
        [["预算准备金", "100.00"], ["某中心", "500.00"]] + [[f"工程{i}", "100.00"] for i in range(4)] + [["预算准备金", "100.00"]]
    t = _table("project_expenditure", "项目支出总表", ["项目", "总计"], rows, roles=["label", "value"])

    def count(n):
        page = _page(f"所有项目支出预算纳入部门预算绩效管理，涉及预算资金1200.00万元，设置并编报{n}个项目绩效目标。")
        return [x for x in _check([page], [t]) if x.check == "claim_count"][0]

    assert count(12).status == "ok" and count(10).status == "ok"  # all lines; all but the two reserves
    assert count(11).status == "unverifiable" and "reserves" in count(11).reason
    assert count(13).status == "mismatch" and count(9).status == "mismatch"


def _two_sided(key, title, income, spending, unit="万元"):
    cols = [Column(0, 1, ["项目"], side="收入", role="label"), Column(1, 2, ["预算数"], side="收入"),
            Column(2, 3, ["项目"], side="支出", role="label"), Column(3, 4, ["预算数"], side="支出")]
    n = max(len(income), len(spending))
    income, spending = income + [["", ""]] * (n - len(income)), spending + [["", ""]] * (n - len(spending))
    return PrintedTable(key=key, title=title, unit=unit, pages=[1], columns=cols, header_rows=[],
                        body=[a + b for a, b in zip(income, spending)], body_pages=[1] * n)


def test_an_income_the_sentence_says_includes_its_carry_over():
    # 西安公安: "当年财政拨款收入337,741.21万元，其中：一般公共预算拨款收入324,638.50万元、上年结转13,102.70万元"
    t = _two_sided("appropriation_summary", "财政拨款收支总表",
                   [["一、一般公共预算拨款", "324638.50"], ["本年收入合计", "324638.50"], ["上年结转", "13102.71"],
                    ["收入总计", "337741.21"]],
                   [["一、公共安全支出", "337741.21"], ["本年支出合计", "337741.21"], ["支出总计", "337741.21"]])
    page = _page("本部门当年财政拨款收入337,741.21万元，其中：一般公共预算拨款收入324,638.50万元、上年结转13,102.71万元。")
    f = [x for x in _on(_check([page], [t]), "337741.21") if x.check == "claim_amount"]
    assert f and f[0].status == "ok" and "收入总计" in f[0].message
    # without the carry-over among its parts the same words are the current year's only
    g = _on(_check([_page("本部门当年财政拨款收入337,741.21万元。")], [t]), "337741.21")
    assert g and g[0].status == "mismatch"


def test_basic_spending_of_the_appropriation_is_not_all_funds():
    allf = _table("expenditure", "支出总表", ["科目编码", "科目名称", "合计", "基本支出"],
                  [["", "合计", "300000.00", "280524.94"]])
    appr = _table("basic_expenditure", "财政拨款基本支出表（经济科目）", ["科目编码", "科目名称", "合计"],
                  [["", "合计", "279627.29"], ["301", "工资福利支出", "279627.29"]])
    page = _page("无锡市某局2026年度财政拨款基本支出预算279,627.29万元，其中：人员经费279,627.29万元。")
    f = _on(_check([page], [allf, appr]), "279627.29")
    assert f and f[0].status == "ok" and f[0].table == "basic_expenditure"


def test_first_level_project_money_is_the_project_tables():
    # 烟台: "政策和项目全面实施绩效目标管理，涉及一级预算项目33个，预算资金9754.42万元" beside a project table of 9,798.66
    t = _table("project_expenditure", "项目支出表", ["项目名称", "合计"], [["合计", "9798.66"], ["甲项目", "9798.66"]],
               roles=["label", "value"])
    page = _page("某局2026年政策和项目全面实施绩效目标管理，涉及一级预算项目33个，预算资金9754.42万元。")
    f = _on(_check([page], [t]), "9754.42")
    assert f and f[0].status == "mismatch" and "9,798.66" in f[0].message
    same = _on(_check([page.replace("9754.42", "9798.66")], [t]), "9798.66")
    assert same and same[0].status == "ok"


def test_a_letter_spaced_figure_is_one_figure():
    # corpus fd386ee3 p.26: "货物类采购预算 3 . 8 3万元" (justified text spreads the digits)
    page = _page("2026年本部门政府采购安排1,189.78万元，其中：货物类采购预算 3 . 8 3万元，工程类采购预算0万元，服务类采购预算1,185.95万元。")
    claims = parse_claims([page])
    assert any(c.value == D("3.83") for c in claims)
    assert not [f for f in _check([page], []) if f.status == "mismatch"]


def test_a_share_of_rounded_amounts_is_held_to_the_tables_precision():
    # "公务接待费支出36万元，占“三公”经费的82.19%": the 三公 table prints 36.00 of 43.80 — 82.19%, and 82.29% is off
    t = _table("three_public", "“三公”经费支出预算表", ["项目", "预算数"],
               [["合计", "43.80"], ["因公出国（境）费用", "7.80"], ["公务接待费", "36.00"]], roles=["label", "value"])
    page = _page("2026年“三公”经费预算43.8万元，其中：公务接待费支出36万元，占“三公”经费的82.19%。")
    f = [x for x in _check([page], [t]) if x.check == "claim_share"]
    assert f and f[0].status == "ok"
    g = [x for x in _check([page.replace("82.19%", "82.29%")], [t]) if x.check == "claim_share"]
    assert g and g[0].status == "mismatch"


def test_class_amounts_adjusted_to_add_up_to_their_rounded_total():
    # 上海退役军人服务中心: 53,300,945元 + 1,024,037元 + 512,018元 = 54,837,000元, printed 5,331 + 102 + 51 = 5,484万元
    t = _table("general_budget_expenditure", "一般公共预算支出功能分类预算表", ["科目编码", "科目名称", "合计"],
               [["", "合计", "54837000"], ["208", "社会保障和就业支出", "53300945"], ["210", "卫生健康支出", "1024037"],
                ["221", "住房保障支出", "512018"]], unit="元")
    page = _page("一般公共预算拨款支出预算5,484万元，比2025年预算减少67万元。", "1. “社会保障和就业支出”科目5,331万元，主要用于人员经费。",
                 "2. “卫生健康支出”科目102万元，主要用于医疗保险。", "3. “住房保障支出”科目51万元，主要用于住房公积金。")
    f = _on(_check([page], [t]), "5331")
    assert f and f[0].status == "rounding" and "尾差" in f[0].message
    # the same figure off by one unit without the parts adding to the total is a mismatch
    g = _on(_check([page.replace("科目51万元", "科目52万元")], [t]), "5331")
    assert g and g[0].status == "mismatch"


# ---------------------------------------------------------------- parts held to the narrative's own total

def _whole_list(text):
    exp = _table("expenditure", "支出总表", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                 [["", "合计", "1000.00", "750.00", "250.00"], ["201", "一般公共服务支出", "1000.00", "750.00", "250.00"]])
    return _check([_page(text)], [exp])


def test_a_part_of_a_whole_list_is_its_total_less_the_others():
    # 深圳 (corpus 7209394c p.8 and eight others): "…（本级）预算55,028.56万元，包括在职人员经费1,864.00万元、公用经费
    # 234.61万元、对个人和家庭的补助支出83.40万元、增人增资186.00万元、项目支出52,660.55万元。"  No table prints
    # 在职人员经费 or 增人增资; the total (a table's 合计) less the other parts does.
    text = "2026年本部门支出预算1000.00万元，包括在职人员经费600.00万元、公用经费100.00万元、增人增资50.00万元、项目支出250.00万元。"
    f = _on(_whole_list(text), "600.00")
    assert f and f[0].status == "ok" and "叙述自身的分项" in f[0].message
    got = _whole_list(text.replace("600.00", "610.00").replace("1000.00万元", "1010.00万元"))
    assert [f for f in _on(got, "1010.00") if f.check == "claim_amount"][0].status == "mismatch"
    assert _on(got, "610.00")[0].status == "unverifiable"  # a total its table does not confirm holds no part
    h = _on(_whole_list(text.replace("在职人员经费600.00", "在职人员经费610.00")), "610.00")
    assert h and h[0].status == "mismatch" and h[0].computed == D("600.00")
    # "主要包括" or a list ending in 等 may be partial: nothing to hold the part to
    for partial in (text.replace("包括", "主要包括"), text.replace("项目支出250.00万元。", "项目支出250.00万元等。")):
        k = _on(_whole_list(partial.replace("在职人员经费600.00", "在职人员经费610.00")), "610.00")
        assert k and k[0].status == "unverifiable"


def test_enumerated_parts_after_其中_sum_to_their_total():
    # 福州 (corpus 69f79ec3 p.21–22): "2026年度一般公共预算拨款基本支出30995.07万元，其中：" then "（一）人员经费28078.97万元，
    # 主要包括：…" and "（二）公用经费2916.1万元" as sentences of their own: 28,078.97 + 2,916.10 = 30,995.07
    gbe = _table("general_budget_expenditure", "一般公共预算支出表", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                 [["", "合计", "1451.64", "1451.64", ""], ["201", "一般公共服务支出", "1451.64", "1451.64", ""]])
    pages = [_page("2026年度一般公共预算拨款基本支出1451.64万元，其中：", "（一）人员经费1342.29万元，主要包括：基本工资、津贴补贴。",
                   "（二）公用经费109.35万元，主要包括：办公费、印刷费。")]
    got = _check(pages, [gbe])
    s = [f for f in got if f.check == "claim_sum"]
    assert s and s[0].status == "ok" and s[0].computed == D("1451.64")
    assert _on(got, "109.35")[0].status == "ok"
    bad = _check([pages[0].replace("109.35", "119.35")], [gbe])
    assert [f for f in bad if f.check == "claim_sum"][0].status == "mismatch"
    assert _on(bad, "119.35")[0].status == "mismatch"


def test_a_rate_to_or_from_zero_is_exact():
    # 乌鲁木齐 (corpus 85390c85 p.29): "因公出国（境）费0万元，比上年减少15万元，下降100%" — a fall to a printed zero is
    # 100% whatever the rounding of 15; 上海 (58417d10 p.21): "公务接待费2.3万元，与上年持平，增长0%"
    page = _page("2026年因公出国（境）费0万元，比2025年预算减少15万元，下降100%。")
    assert [f for f in _check([page], []) if f.check == "claim_change" and f.unit == "%"][0].status == "ok"
    wrong = [f for f in _check([page.replace("下降100%", "下降95%")], []) if f.check == "claim_change" and f.unit == "%"]
    assert wrong[0].status == "mismatch"
    page = _page("2026年公务接待费2.3万元，比2025年预算增加0万元，增长0%。")
    assert [f for f in _check([page], []) if f.check == "claim_change" and f.unit == "%"][0].status == "ok"
    wrong = [f for f in _check([page.replace("增长0%", "增长10%")], []) if f.check == "claim_change" and f.unit == "%"]
    assert wrong[0].status == "mismatch"

