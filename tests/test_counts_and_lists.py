"""Counts of the things a sentence names, and the projects a project table lists (issue 23: false mismatches on
unseen budgets).  All inputs are synthetic, written the way disclosures print them (wording of the Beijing,
Guangzhou and Chongqing 机构设置 paragraphs of the quality corpus; project tables laid out as the provincial
项目支出预算表 templates do, with 类/款/项 rows between the projects).

Each test reproduces one kind of misreading and checks both directions: what a careful reader counts is ``ok``
(or, where the sentence cannot say, not a mismatch), and a count that is really wrong is still a ``mismatch``.

* lists — a list ending in 等 names only some of what it counts; a range ("综合一处至综合九处", "第一至第五党支部",
  "1—5号") is as many items as it spans; an item marked "（不纳入内设机构数）" or excluded by "不含…" is not counted;
* row roles — in a project table, the department's row (合计 or its name) and the 类/款/项 rows (by code, by
  class name, by the sums) are not projects.
"""
from __future__ import annotations

from decimal import Decimal as D

from yusuan.check.claims import parse_claims
from yusuan.check.recompute import recompute_claims
from yusuan.tables.printed import Column, PrintedTable
from yusuan.tables.rows import project_rows


def _page(*sentences):
    # a narrative page: enough prose for the page to count as narrative
    filler = "一、部门职责说明。本部门负责本行政区域内的有关工作，承担上级交办的其他事项，依法履行职能。"
    return "\n".join([filler, *sentences, filler])


def _counts(text, tables=()):
    claims = parse_claims([_page(text)])
    found = recompute_claims("d", claims, list(tables), year=2026, previous_year=2025)
    return [f for f in found if f.check == "claim_count"]


def _status(text, value, tables=()):
    """The status of the count finding on ``value`` (one expected)."""
    fs = [f for f in _counts(text, tables) if f.stated == D(value)]
    assert len(fs) == 1, [(f.stated, f.status, f.message) for f in _counts(text, tables)]
    return fs[0]


# ---------------------------------------------------------------- lists: 等 names only some

def test_a_list_after_its_count_that_ends_in_etc_is_not_held_to_the_count():
    # kind: lists (a) — "内设12个科室，包括办公室、综合科、财务科等。" names three of the twelve
    for tail in ("等", "等等", "等部门", "等科室", "等内设机构", "等 ", "等　"):
        f = _status(f"本局内设12个科室，包括办公室、综合科、财务科{tail}。", 12)
        assert f.status == "unverifiable" and "等" in f.reason, (tail, f.status, f.message)
    # the other direction: without 等 the list is the whole, and three is not twelve
    assert _status("本局内设12个科室，包括办公室、综合科、财务科。", 12).status == "mismatch"
    # and a 等 list naming more than the count contradicts it whatever 等 leaves out
    assert _status("本局内设2个科室，包括办公室、综合科、财务科等。", 2).status == "mismatch"
    # a 等 list naming exactly as many as counted agrees with it
    assert _status("本局内设3个科室，包括办公室、综合科、财务科等。", 3).status == "ok"
    # "其中包括", "主要包括" introduce only some, as 等 does
    for lead in ("其中包括", "主要包括"):
        f = _status(f"本局内设12个科室，{lead}办公室、综合科、财务科。", 12)
        assert f.status == "unverifiable" and lead[:2] in f.reason
        assert _status(f"本局内设2个科室，{lead}办公室、综合科、财务科。", 2).status == "mismatch"


def test_a_list_before_its_count_with_etc_followed_by_other_words_names_only_some():
    # kind: lists (a) — "A、B、C等内设机构12个": 等 is not the last character before the figure
    for text in ("本局内设机构包括办公室、综合科、财务科等内设机构12个。",
                 "本局内设机构包括办公室、综合科、财务科等部门，共12个。",
                 "本局内设机构包括办公室、综合科、财务科等等12个科室。"):
        assert all(f.status != "mismatch" for f in _counts(text)), text
    # without 等 three names are not twelve
    assert _status("本局内设机构包括办公室、综合科、财务科12个科室。", 12).status == "mismatch"


# ---------------------------------------------------------------- lists: ranges are as many as they span

def test_a_range_of_enumerated_names_counts_every_item_it_spans():
    # kind: lists (b) — 北京市人民政府办公厅 (corpus 977a55b8) prints "秘书一处至七处" among 28 内设机构
    cases = [("本局内设11个处室，分别为：办公室、人事处、综合一处至综合九处。", 11),
             ("本局内设11个处室，分别为：办公室、人事处、综合一处—综合九处。", 11),
             ("本局内设9个处室，分别为：办公室、人事处、一处至七处。", 9),
             ("本局机关设5个党支部，分别为：第一至第五党支部。", 5),
             ("本局下设4个科，分别为：办公室、一至三科。", 4),
             ("本监狱下设7个监区，分别为：1—5号监区、医院监区、出监监区。", 7),
             ("本局内设5个科室，分别为：秘书一科至秘书三科、综合科、财务科。", 5)]
    for text, n in cases:
        f = _status(text, n)
        assert f.status == "ok", (text, f.status, f.message)
    # the other direction: one more or one less than the range spans is a mismatch
    for text, n in cases:
        wrong = text.replace(f"{n}个", f"{n + 1}个", 1)
        assert _status(wrong, n + 1).status == "mismatch", wrong
        wrong = text.replace(f"{n}个", f"{n - 1}个", 1)
        assert _status(wrong, n - 1).status == "mismatch", wrong


def test_a_long_sentence_listing_the_bodies_it_counts_is_checked():
    # kind: lists (b) — the Beijing sentence is longer than a quoted clause; its list must still be read whole
    body = ("办公室、会议处、文电处、秘书一处至七处、保密档案处、值班室、调研活动处、信息一处、信息二处、联络处、督查一处、"
            "督查二处、督查三处、绩效管理办公室、中央单位服务处、驻京部队服务处、财务处、人事处、机关党委（党建工作处）、"
            "机关纪委、工会、离退休干部处")
    text = f"北京市某某办公厅有28个内设机构，分别为{body}；厅属事业单位1个，为北京市某某办公厅综合事务中心。"
    assert _status(text, 28).status == "ok"
    assert _status(text.replace("有28个", "有27个"), 27).status == "mismatch"
    # 广州 (corpus 7eb7c21c): the noun is said again before the list — "设14个内设机构和机关党委，内设机构具体包括："
    text = ("本部门设4个内设机构和机关党委，内设机构具体包括：办公室（综合协调处）、研究室、理论处、新闻处；"
            "3个下属单位，具体包括：某某市委讲师团、某某市国防教育中心、某某市版权保护中心。")
    assert _status(text, 4).status == "ok" and _status(text, 3).status == "ok"
    assert _status(text.replace("设4个", "设5个"), 5).status == "mismatch"


# ---------------------------------------------------------------- lists: items excluded from the count

def test_an_item_marked_as_not_counted_is_left_out_of_the_count():
    # kind: lists (c) — 广州市城市管理和综合执法局 (corpus 967369d3): "内设处室22个，分别是办公室、…、机关党委
    # （不纳入内设机构数）" lists 23 names
    for mark in ("（不纳入内设机构数）", "（不计入内设机构数）", "(不计入处室数)", "（不占内设机构数）"):
        text = f"本局内设处室4个，分别是办公室、人事处、财务处、综合处、机关党委{mark}。"
        assert _status(text, 4).status == "ok", mark
        # the other direction: counting the excluded item too is the document's error
        assert _status(text.replace("处室4个", "处室5个"), 5).status == "mismatch", mark
    # "不含…" after the count excludes the item it names from the list that follows
    text = "本局内设处室4个（不含机关党委），分别为：办公室、人事处、财务处、综合处、机关党委。"
    assert _status(text, 4).status == "ok"
    assert _status(text.replace("处室4个", "处室3个"), 3).status == "mismatch"
    # a bracket that only explains a name ("机关党委（党建工作处）") excludes nothing
    text = "本局内设处室5个，分别是办公室、人事处、财务处、综合处、机关党委（党建工作处）。"
    assert _status(text, 5).status == "ok"
    assert _status(text.replace("处室5个", "处室4个"), 4).status == "mismatch"


# ---------------------------------------------------------------- row roles in a project table

def _roles(t):
    from yusuan.tables.rows import project_row_roles  # new with this kind; imported here so the list tests run without it
    return project_row_roles(t)


def _table(title, header, rows, roles, key="project_expenditure"):
    cols = [Column(j, j + 1, h.split(" / "), role=r) for j, (h, r) in enumerate(zip(header, roles))]
    return PrintedTable(key=key, title=title, unit="万元", pages=[20], columns=cols, header_rows=[header],
                        body=[list(r) for r in rows], body_pages=[20] * len(rows))


def _coded_projects():
    # a 项目支出预算表 whose 科目 rows (类 201, 款 20103, 项 2010301 …) head the projects classified under them
    rows = [["", "合计", "", "1000.00", "1000.00"],
            ["201", "一般公共服务支出", "", "600.00", "600.00"],
            ["20103", "政府办公厅（室）及相关机构事务", "", "600.00", "600.00"],
            ["2010301", "行政运行", "", "200.00", "200.00"],
            ["", "", "办公楼物业管理", "120.00", "120.00"],
            ["", "", "信息系统运行维护", "80.00", "80.00"],
            ["2010302", "一般行政管理事务", "", "400.00", "400.00"],
            ["", "", "政务服务中心运行", "400.00", "400.00"],
            ["208", "社会保障和就业支出", "", "400.00", "400.00"],
            ["20805", "行政事业单位养老支出", "", "400.00", "400.00"],
            ["2080501", "行政单位离退休", "", "400.00", "400.00"],
            ["", "", "离退休人员活动经费", "250.00", "250.00"],
            ["", "", "老干部活动中心运行", "150.00", "150.00"]]
    return _table("项目支出预算表", ["科目编码", "科目名称", "项目名称", "合计", "一般公共预算拨款"], rows,
                  ["code", "label", "label", "value", "value"])


def _named_projects():
    # one label column: the department's own row by its name, then 类 and 项 rows by name only, then projects
    rows = [["某某市某某局", "1000.00"],
            ["一般公共服务支出", "600.00"], ["行政运行", "200.00"], ["办公楼物业管理", "120.00"],
            ["信息系统运行维护", "80.00"], ["一般行政管理事务", "400.00"], ["政务服务中心运行", "250.00"],
            ["专项业务工作经费", "150.00"],
            ["社会保障和就业支出", "400.00"], ["行政事业单位养老支出", "400.00"], ["事业运行", "400.00"],
            ["离退休人员活动经费", "400.00"]]
    return _table("项目支出表", ["项目", "金额"], rows, ["label", "value"])


def test_class_rows_of_a_project_table_are_not_projects():
    # kind: row roles — 类/款/项 rows (codes 3/5/7 digits, or class names) are subtotals, not projects
    t = _coded_projects()
    _dept, units, loose = project_rows(t)
    names = [p.label for _u, ps in units for p in ps] + [p.label for p in loose]
    assert sorted(names) == sorted(["办公楼物业管理", "信息系统运行维护", "政务服务中心运行", "离退休人员活动经费",
                                    "老干部活动中心运行"])
    roles = _roles(t)
    assert roles[0] == "department" and roles[1] == roles[3] == roles[10] == "class" and roles[4] == "project"
    text = "2026年本部门实行绩效目标管理的项目5个，涉及一般公共预算当年财政拨款1000.00万元。"
    assert _status(text, 5, [t]).status == "ok"
    for wrong in (4, 6, 13):  # 13 = every row with figures but 合计: the old reading
        assert _status(text.replace("项目5个", f"项目{wrong}个"), wrong, [t]).status == "mismatch"


def test_the_departments_named_row_and_class_rows_by_name_are_not_projects():
    # kind: row roles — no codes: the department's row by its name, the classes by their names and sums
    t = _named_projects()
    text = "2026年本部门共5个项目实行绩效目标管理，涉及财政性资金合计1000.00万元。"
    assert _status(text, 5, [t]).status == "ok"
    assert _status(text.replace("共5个", "共6个"), 6, [t]).status == "mismatch"
    assert _status(text.replace("共5个", "共4个"), 4, [t]).status == "mismatch"
    roles = _roles(t)
    assert roles[0] in ("department", "unit")
    assert [roles[i] for i in (1, 2, 5, 8, 9, 10)] == ["class"] * 6
    assert [roles[i] for i in (3, 4, 6, 7, 11)] == ["project"] * 5


def test_a_project_named_like_a_class_is_a_project_when_the_sums_say_so():
    # kind: row roles, the other direction — a name alone does not make a class: "行政运行" heads nothing here
    # (its amount is not the sum of the rows after it), so it is one of the four projects
    rows = [["合计", "400.00"], ["行政运行", "100.00"], ["办公楼物业管理", "120.00"], ["信息系统运行维护", "80.00"],
            ["政务服务中心运行", "100.00"]]
    t = _table("项目支出表", ["项目", "金额"], rows, ["label", "value"])
    text = "2026年本部门共4个项目实行绩效目标管理，涉及财政性资金合计400.00万元。"
    assert _status(text, 4, [t]).status == "ok"
    assert _status(text.replace("共4个", "共3个"), 3, [t]).status == "mismatch"
    # two projects of one amount in a row: the first does not "head" the second; "合 计", spaced as many tools
    # print it, is the department's total
    rows = [["合 计", "300.00"], ["业务用房物业管理费", "100.00"], ["机构运行辅助经费", "100.00"],
            ["其他运行经费", "100.00"]]
    t2 = _table("项目支出表", ["项目", "金额"], rows, ["label", "value"])
    text = "2026年本部门共3个项目实行绩效目标管理，涉及财政性资金合计300.00万元。"
    assert _status(text, 3, [t2]).status == "ok"
    assert _status(text.replace("共3个", "共2个"), 2, [t2]).status == "mismatch"
    assert [_roles(t)[i] for i in range(5)] == ["department"] + ["project"] * 4
    assert [_roles(t2)[i] for i in range(4)] == ["department"] + ["project"] * 3


def test_class_rows_however_the_table_prints_the_code():
    # kind: row roles — the 科目 code leading the label ("2010301 行政运行"), and projects printed with their 项's
    # code and name beside their own name; in the last table no row is a class (each names its project), even
    # where two projects of one 项 have the same amount
    lead = _table("项目支出预算表", ["项目", "金额"],
                  [["合计", "700.00"], ["201 一般公共服务支出", "700.00"], ["20103 政府办公厅（室）及相关机构事务", "700.00"],
                   ["2010301 行政运行", "300.00"], ["办公楼物业管理", "200.00"], ["信息系统运行维护", "100.00"],
                   ["2010350 事业运行", "400.00"], ["档案数字化加工", "400.00"]], ["label", "value"])
    beside = _table("项目支出预算表", ["科目编码", "科目名称", "项目名称", "金额"],
                    [["", "合计", "", "300.00"], ["2010301", "行政运行", "", "300.00"],
                     ["2010301", "行政运行", "办公楼物业管理", "100.00"], ["2010301", "行政运行", "信息系统运行维护", "100.00"],
                     ["2010301", "行政运行", "档案数字化加工", "100.00"]], ["code", "label", "label", "value"])
    every = _table("项目支出预算表", ["科目编码", "科目名称", "项目名称", "金额"],
                   [["", "合计", "", "300.00"], ["2010301", "行政运行", "办公楼物业管理", "100.00"],
                    ["2010301", "行政运行", "信息系统运行维护", "100.00"], ["2010350", "事业运行", "档案数字化加工", "100.00"]],
                   ["code", "label", "label", "value"])
    for t, n in ((lead, 3), (beside, 3), (every, 3)):
        text = f"2026年本部门共{n}个项目实行绩效目标管理，涉及财政性资金合计{t.body[0][-1]}万元。"
        assert _status(text, n, [t]).status == "ok", t.body
        assert _status(text.replace(f"共{n}个", f"共{n + 1}个"), n + 1, [t]).status == "mismatch"
    assert [_roles(lead)[i] for i in range(8)] == ["department"] + ["class"] * 3 + ["project"] * 2 + ["class", "project"]
    assert [_roles(every)[i] for i in range(4)] == ["department"] + ["project"] * 3
