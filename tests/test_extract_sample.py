"""Every printed figure of the sample comes out of its PDF unchanged, in the right place.

The ground truth is the published text (tests/fixtures/yungang-govoffice-2023-budget.txt);
tests/groundtruth.py reads it independently of the extractor.
"""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import SAMPLE_TEXT
from groundtruth import expected_cells, expected_form_amounts, read_tables

KEY = ("table", "code", "item", "column", "value")


def _counter(rows, key=KEY):
    return Counter(tuple(r[k] for k in key) for r in rows)


def test_every_statutory_cell_matches_cell_for_cell(sample):
    expected = expected_cells(SAMPLE_TEXT)
    assert len(expected) > 250
    got = sample.tidy[~sample.tidy.table.str.startswith("performance_targets")].to_dict("records")
    missing = _counter(expected) - _counter(got)
    extra = _counter(got) - _counter(expected)
    assert not missing, f"{sum(missing.values())} printed cells missing, e.g. {list(missing)[:5]}"
    assert not extra, f"{sum(extra.values())} cells not in the PDF, e.g. {list(extra)[:5]}"


def test_two_sided_tables_name_their_side(sample):
    t = sample.tidy
    row = t[(t.table == "summary") & (t["item"] == "一、一般公共预算")]
    assert set(row.section) == {"收入"} and list(row.value) == ["1592.14"]
    spend = t[(t.table == "summary") & (t["item"] == "一、一般公共服务支出")]
    assert set(spend.section) == {"支出"}
    assert set(spend.column) == {"2023年合计", "当年预算安排"}


def test_project_rows_carry_their_implementing_unit(sample):
    t = sample.tidy
    p = t[(t.table == "project_expenditure") & (t.column == "合计")]
    by_item = dict(zip(p["item"], p.section))
    assert by_item["12345政府服务热线"] == "大同市云冈区人民政府办公室"
    assert by_item["管辖区域电费"] == "大同市云冈区公共事务服务中心"
    assert by_item["退休人员职业年金"] == "大同市云冈区政府信息网络中心"
    assert by_item["大同市云冈区人民政府办公室（部门）"] == ""  # the department total heads no group
    oa = p[p["item"] == "OA协同办公系统和门户网站运维费"]
    assert sorted(oa.value) == ["137.00", "3.00"] and set(oa.page) == {"19"} | set(oa.page)


def test_codes_are_strings_and_pages_rows_units_are_right(sample):
    t = sample.tidy
    r = t[(t.table == "expenditure") & (t.code == "2010301") & (t.column == "2023年预算数 / 项目支出")]
    assert list(r.value) == ["239.41"] and list(r["item"]) == ["行政运行"]
    assert list(r.page) == ["7"] and list(r.unit) == ["万元"]
    assert list(r.row) == ["3"]


def test_every_table_of_the_published_text_is_found_with_its_pages(sample):
    gt_keys = [t.key for t in read_tables(SAMPLE_TEXT)]
    found = {t.key: t for t in sample.tables}
    assert set(gt_keys) <= set(found)
    assert found["summary"].pages == [4, 5]
    assert found["project_expenditure"].pages == [18, 19]


def test_empty_tables_are_noted_not_errors(sample):
    assert set(sample.meta["empty_tables"]) == {"gov_fund_revenue", "gov_fund_expenditure", "state_capital",
                                                "project_expenditure_carryover"}


def test_performance_form_amounts_match_the_text(sample):
    expected = expected_form_amounts(SAMPLE_TEXT)
    assert len(expected) >= 60
    forms = sample.tidy[sample.tidy.table.str.startswith("performance_targets")].to_dict("records")
    key = ("section", "item", "column", "value")
    missing = _counter(expected, key) - _counter(forms, key)
    extra = _counter(forms, key) - _counter(expected, key)
    assert not missing and not extra, (list(missing)[:5], list(extra)[:5])


def test_doc_id_is_deterministic_from_content(sample, tmp_path):
    import shutil

    from yusuan.steps.extract import extract

    copy = tmp_path / "renamed.pdf"
    shutil.copy(sample.doc.path, copy)
    assert extract(copy).doc_id == sample.doc_id == "2023-budget-yungangqubangongshi-2bae0bfee36f4f74"
