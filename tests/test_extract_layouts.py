"""Layouts the bundled disclosures lack, on small synthetic PDFs (tests/synthetic.py)."""
from __future__ import annotations

from synthetic import ROWS, horizontal_rules_table
from yusuan.extract import extract


def test_table_ruled_only_by_horizontal_lines(tmp_path):
    ex = extract(horizontal_rules_table(tmp_path / "hrules.pdf"))
    assert [t.key for t in ex.tables] == ["general_budget_expenditure"]
    t = ex.tables[0]
    assert t.unit == "万元" and "stream" in t.settings[0]
    assert t.header_line() == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    tidy = ex.tidy
    assert len(tidy) == 3 * (len(ROWS) - 1)
    row = tidy[(tidy.code == "2010301") & (tidy.column == "项目支出")]
    assert list(row.value) == ["239.41"] and list(row["item"]) == ["行政运行"]
    assert list(tidy[tidy["item"] == "合计"].value) == ["1592.14", "718.87", "873.27"]
