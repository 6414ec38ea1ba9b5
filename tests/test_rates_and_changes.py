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
          "2026年本部门机关运行经费财政拨款预算40.00万元，较2025年年初预算减少4.80万元，下降11.0%。")


def test_a_document_that_prints_every_rate_as_whole_percent_point_zero_is_held_to_whole_percent():
    # kind: percent precision.  Every rate of the document is printed "X.0%" (深圳 templates print "增长4.0%"):
    # 51.20 / 948.80 = 5.40% printed as "5.0%" is the whole percent 5, not 5.0 at one decimal
    got = _check([_page(*_WHOLE)], [_expenditure()])
    five = _rate(got, "5.0")
    assert len(five) == 2 and all(f.status == "ok" for f in five)
    assert "whole percent" in five[0].reason and "整数" in five[0].message and "5.0%" in five[0].message
    assert [f.status for f in _rate(got, "11.0")] == ["ok"]  # 4.80 / 44.80 = 10.71%
    assert [f.status for f in _rate(got, "54.0")] == ["ok"]  # a share that is exact needs no note
    # a rate altered by ten units of its last digit is still caught at whole percent
    wrong = _check([_page(_WHOLE[0].replace("5.0%", "6.0%"), *_WHOLE[1:])], [_expenditure()])
    assert [f.status for f in _rate(wrong, "6.0")] == ["mismatch"]
    wrong = _check([_page(*_WHOLE[:2], _WHOLE[2].replace("11.0%", "12.0%"))], [_expenditure()])
    assert [f.status for f in _rate(wrong, "12.0")] == ["mismatch"]
    assert "整数" in _rate(wrong, "12.0")[0].message


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
