"""Rates and changes judged the way the document states them (issue 23: misreadings seen on a hundred unseen
budgets).  Every input here is synthetic — narrative pages written in the wording real disclosures use, tables
built by hand in their layouts — and each test checks both directions: the document's own way of stating a
figure is not a mismatch, and a figure that fits no reading of the statement still is.

* the precision of rates: a document that prints every rate as a whole percent with ".0" (5.0%, 12.0%) is held
  to whole percent; one that prints real decimals (5.4%, 12.35%) keeps the printed precision;
* the base of a growth rate: the change over last year's amount (the usual base) or over this year's;
* a change stated after the last item of a list: the item's, or the total's the list breaks down.
"""
from __future__ import annotations

from decimal import Decimal as D

from yusuan.check.claims import parse_claims
from yusuan.check.recompute import recompute_claims
from yusuan.tables.printed import Column, PrintedTable


def _table(key, title, header, rows, unit="万元", roles=None, page=1):
    roles = roles or (["code", "label"] + ["value"] * (len(header) - 2))
    cols = [Column(j, j + 1, h.split(" / "), role=r) for j, (h, r) in enumerate(zip(header, roles))]
    return PrintedTable(key=key, title=title, unit=unit, pages=[page], columns=cols, header_rows=[header],
                        body=[list(r) for r in rows], body_pages=[page] * len(rows))


def _page(*sentences):
    # a narrative page: enough prose for the page to count as narrative
    filler = "一、部门职责说明。本部门负责本行政区域内的有关工作，承担上级交办的其他事项，依法履行职能。"
    return "\n".join([filler, *sentences, filler])


def _check(pages, tables, previous=None, year=2026):
    return recompute_claims("d", parse_claims(pages), tables, year=year, previous=previous, previous_year=year - 1)


def _rate(findings, value):
    """The findings on the percentage ``value`` (a share or a change rate)."""
    return [f for f in findings if f.check.startswith("claim_") and f.unit == "%" and f.stated == D(value)]


def _change(findings, value, unit="万元"):
    return [f for f in findings if f.check == "claim_change" and f.unit == unit and f.stated == D(value)]


# ---------------------------------------------------------------- the precision of a document's rates

def _expenditure():
    header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    return _table("expenditure", "支出总体情况表", header, [["", "合计", "1000.00", "540.00", "460.00"],
                                                      ["201", "一般公共服务支出", "1000.00", "540.00", "460.00"]])


_WHOLE = ("2026年本部门收入预算1,000.00万元，较2025年年初预算增加51.20万元，增长5.0%。",
          "2026年本部门支出预算1,000.00万元，较2025年年初预算增加51.20万元，增长5.0%。其中：基本支出540.00万元，占54.0%；"
          "项目支出460.00万元，占46.0%。",
          "2026年本部门机关运行经费财政拨款预算40.00万元，较2025年年初预算减少7.20万元，下降15.0%。")


def test_a_document_that_prints_every_rate_as_whole_percent_point_zero_is_held_to_whole_percent():
    # kind: percent precision.  Every rate of the document is printed "X.0%" (深圳 templates print "增长4.0%"):
    # 51.20 / 948.80 = 5.40% printed as "5.0%" is the whole percent 5, not 5.0 at one decimal
    got = _check([_page(*_WHOLE)], [_expenditure()])
    five = _rate(got, "5.0")
    assert len(five) == 2 and all(f.status == "ok" for f in five)
    assert "whole percent" in five[0].reason and "整数" in five[0].message and "5.0%" in five[0].message
    assert [f.status for f in _rate(got, "15.0")] == ["ok"]  # 7.20 / 47.20 = 15.25%
    assert [f.status for f in _rate(got, "54.0")] == ["ok"]  # a share that is exact needs no note
    # a rate altered by ten units of its last digit is still caught at whole percent
    wrong = _check([_page(_WHOLE[0].replace("5.0%", "6.0%"), *_WHOLE[1:])], [_expenditure()])
    assert [f.status for f in _rate(wrong, "6.0")] == ["mismatch"]
    wrong = _check([_page(*_WHOLE[:2], _WHOLE[2].replace("15.0%", "16.0%"))], [_expenditure()])
    assert [f.status for f in _rate(wrong, "16.0")] == ["mismatch"]
    assert "整数" in _rate(wrong, "16.0")[0].message


def test_a_document_that_prints_real_decimals_keeps_the_printed_precision():
    # kind: percent precision, other direction.  One rate printed with a real decimal (12.35%) shows the
    # document's precision: its "5.0%" for 5.40% is then a wrong rate at one decimal
    extra = "2026年本部门政府采购预算123.50万元，较2025年年初预算增加13.58万元，增长12.35%。"
    got = _check([_page(*_WHOLE, extra)], [_expenditure()])
    assert {f.status for f in _rate(got, "5.0")} == {"mismatch"}
    assert [f.status for f in _rate(got, "12.35")] == ["ok"]
    assert "整数" not in _rate(got, "5.0")[0].message
    # two rates ending in ".0" (the same 5.0% stated twice counts once) may be chance: not yet a habit
    two = _check([_page(_WHOLE[0], _WHOLE[1].split("其中")[0], _WHOLE[2])], [_expenditure()])
    assert {f.status for f in _rate(two, "5.0")} == {"mismatch"}


# ---------------------------------------------------------------- the base of a growth rate

def _general_budget():
    header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    return _table("general_budget_expenditure", "一般公共预算支出表", header,
                  [["", "合计", "290.00", "80.00", "210.00"], ["201", "一般公共服务支出", "290.00", "80.00", "210.00"]])


def test_a_rate_computed_over_this_years_amount_is_a_reading_of_the_statement():
    # kind: base and current swapped.  42.14 / 290.00 = 14.53%: the document divided by this year's amount,
    # not by last year's 247.86 (which gives 17.00%)
    page = _page("2026年本部门一般公共预算支出290.00万元，比上年增加42.14万元，增长14.53%。")
    f = _rate(_check([page], [_general_budget()]), "14.53")
    assert [x.status for x in f] == ["ok"]
    assert "this year's amount" in f[0].reason and "290.00" in f[0].message and "17.0015%" in f[0].message
    # the decrease: 20.00 / 80.00 = 25.00% (the usual base 100.00 gives 20.00%)
    page = _page("2026年本部门基本支出80.00万元，比上年减少20.00万元，下降25.00%。")
    f = _rate(_check([page], [_general_budget()]), "25.00")
    assert [x.status for x in f] == ["ok"] and "this year's amount" in f[0].reason
    # the usual base needs no note
    page = _page("2026年本部门一般公共预算支出290.00万元，比上年增加42.14万元，增长17.00%。")
    f = _rate(_check([page], [_general_budget()]), "17.00")
    assert [x.status for x in f] == ["ok"] and not f[0].reason


def test_a_rate_that_fits_neither_base_is_a_mismatch_naming_both():
    # kind: base and current swapped, other direction: 15.53% is neither 17.00% nor 14.53%
    page = _page("2026年本部门一般公共预算支出290.00万元，比上年增加42.14万元，增长15.53%。")
    f = _rate(_check([page], [_general_budget()]), "15.53")
    assert [x.status for x in f] == ["mismatch"]
    assert "17.0015%" in f[0].message and "14.5310%" in f[0].message
    page = _page("2026年本部门基本支出80.00万元，比上年减少20.00万元，下降22.00%。")
    f = _rate(_check([page], [_general_budget()]), "22.00")
    assert [x.status for x in f] == ["mismatch"] and "20.0000%" in f[0].message and "25.0000%" in f[0].message


def test_a_document_whose_other_rates_divide_by_last_years_amount_keeps_that_base():
    # kind: base and current swapped, other direction.  The base is the document's habit: where another rate of
    # it fits only last year's amount (30.00 / 120.00 = 25.00%, over this year's 20.00%), a rate that fits only
    # this year's is not excused by it — a slip in the usual rate may land on the other base
    page = _page("2026年本部门一般公共预算支出290.00万元，比上年增加42.14万元，增长14.53%。",
                 "2026年本部门项目支出150.00万元，比上年增加30.00万元，增长25.00%。")
    got = _check([page], [_general_budget()])
    f = _rate(got, "14.53")
    assert [x.status for x in f] == ["mismatch"] and "14.5310%" in f[0].message and "上年数为基数" in f[0].message
    assert [x.status for x in _rate(got, "25.00")] == ["ok"]


# ---------------------------------------------------------------- a change after a list's last item

def _three_public(year, total, reception, cars):
    header = ["项目", f"{year}年预算数"]
    return _table("three_public", "一般公共预算“三公”经费支出预算表", header,
                  [["合计", total], ["因公出国（境）费", "0.00"], ["公务接待费", reception],
                   ["公务用车购置及运行费", cars], ["其中：公务用车购置费", "0.00"], ["公务用车运行费", cars]],
                  roles=["label", "value"])


_THIS, _LAST = _three_public(2026, "12.00", "2.00", "10.00"), _three_public(2025, "15.00", "3.00", "12.00")
_HEAD = "2026年“三公”经费财政拨款预算12.00万元，其中："
_LISTS = [  # the list of the 三公 items, then the change of the whole, in the ways a list may end
    "因公出国（境）费0万元，公务接待费2.00万元，公务用车购置及运行费10.00万元（其中：公务用车购置费0万元，"
    "公务用车运行费10.00万元），比上年减少3.00万元，下降20.0%。",
    "因公出国（境）费0万元、公务接待费2.00万元、公务用车购置及运行费10.00万元。比上年减少3.00万元，下降20.0%。",
    "因公出国（境）费0万元；公务接待费2.00万元；公务用车购置及运行费10.00万元，比上年减少3.00万元，下降20.0%。",
]


def test_a_change_after_a_lists_last_item_may_be_the_totals():
    # kind: a change given to a list's last item.  The 三公 total went from 15.00 to 12.00 (−3.00, −20.0%);
    # 公务用车购置及运行费 from 12.00 to 10.00: the change is the total's, stated after the list of its items
    for body in _LISTS:
        got = _check([_page(_HEAD + body)], [_THIS], previous=[_LAST])
        amount, rate = _change(got, "3.00"), _rate(got, "20.0")
        assert [f.status for f in amount] == ["ok"] and [f.status for f in rate] == ["ok"], body
        assert "三公" in amount[0].reason and "公务用车购置及运行费" in amount[0].reason
        assert "三公" in rate[0].message and "公务用车购置及运行费" in rate[0].message
    # last year's disclosure without the 三公 total: the item's reading does not fit, the total's cannot be
    # checked — the statement is not shown wrong
    items_only = _table("three_public", "一般公共预算“三公”经费支出预算表", ["项目", "2025年预算数"],
                        [["公务用车购置及运行费", "12.00"], ["其中：公务用车购置费", "0.00"], ["公务用车运行费", "12.00"]],
                        roles=["label", "value"])
    f = _change(_check([_page(_HEAD + _LISTS[0])], [_THIS], previous=[items_only]), "3.00")
    assert [x.status for x in f] == ["unverifiable"] and "三公" in f[0].reason and "cannot be checked" in f[0].reason


def test_a_change_that_fits_neither_the_item_nor_the_total_is_a_mismatch_naming_both():
    # kind: a change given to a list's last item, other direction: −4.00 is neither the total's −3.00 nor
    # 公务用车's −2.00, and 22.0% is neither 3.00 / 15.00 nor 3.00 / 13.00 (nor over this year's 12.00 or 10.00)
    for body in _LISTS:
        got = _check([_page(_HEAD + body.replace("减少3.00万元", "减少4.00万元"))], [_THIS], previous=[_LAST])
        got += _check([_page(_HEAD + body.replace("下降20.0%", "下降22.0%"))], [_THIS], previous=[_LAST])
        amount, rate = _change(got, "4.00"), _rate(got, "22.0")
        assert [f.status for f in amount] == ["mismatch"] and [f.status for f in rate] == ["mismatch"], body
        for f in amount + rate:
            assert "三公" in f.message and "公务用车购置及运行费" in f.message


def test_a_change_each_item_states_is_the_items_own():
    # kind: a change given to a list's last item — where the items state their own changes (公务接待费 does),
    # the last one's change is its own: −3.00 for 公务用车 (12.00 → 10.00) is wrong even though the total fell by 3.00
    text = _HEAD + ("因公出国（境）费0万元；公务接待费2.00万元，比上年减少1.00万元；公务用车购置及运行费10.00万元，"
                    "比上年减少3.00万元。")
    got = _check([_page(text)], [_THIS], previous=[_LAST])
    assert [f.status for f in _change(got, "1.00")] == ["ok"]
    f = _change(got, "3.00")
    assert [x.status for x in f] == ["mismatch"] and f[0].subject == "公务用车购置及运行费" and "三公" not in f[0].message
    right = _check([_page(text.replace("减少3.00万元", "减少2.00万元"))], [_THIS], previous=[_LAST])
    assert [f.status for f in _change(right, "2.00")] == ["ok"]
