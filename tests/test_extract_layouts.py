"""Layouts the bundled disclosures lack, on small synthetic PDFs (tests/synthetic.py)."""
from __future__ import annotations

from synthetic import ROWS, horizontal_rules_table
from yusuan.steps.extract import extract


def test_table_ruled_only_by_horizontal_lines(tmp_path):
    ex = extract(horizontal_rules_table(tmp_path / "hrules.pdf"))
    assert [t.key for t in ex.tables] == ["general_budget_expenditure"]
    t = ex.tables[0]
    assert t.unit == "万元" and "horizontal rules only" in t.settings[0]  # yusuan.pdf.hrules, not camelot's stream
    assert t.header_line() == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    tidy = ex.tidy
    assert len(tidy) == 3 * (len(ROWS) - 1)
    row = tidy[(tidy.code == "2010301") & (tidy.column == "项目支出")]
    assert list(row.value) == ["239.41"] and list(row["item"]) == ["行政运行"]
    assert list(tidy[tidy["item"] == "合计"].value) == ["1592.14", "718.87", "873.27"]


def test_the_sample_typeset_with_horizontal_rules_only_gives_every_cell():
    """The sample's published text typeset as Word exports print it (tests/fixtures/typeset/, made by
    make_typeset_variants.py): rules only between rows, centred spanning headers, a portrait version whose
    tables continue without their header and a landscape one that repeats it on every page, without
    thousands separators.  Every printed cell, as from the ruled original."""
    from collections import Counter

    from conftest import FIXTURES, SAMPLE_TEXT
    from groundtruth import expected_cells

    key = ("table", "code", "item", "column", "value")
    expected = Counter(tuple(r[k] for k in key) for r in expected_cells(SAMPLE_TEXT))
    for name in ("yungang-2023-hrules-portrait.pdf", "yungang-2023-hrules-landscape.pdf"):
        ex = extract(FIXTURES / "typeset" / name)
        got = Counter(tuple(r[k] for k in key) for r in ex.tidy[~ex.tidy.table.str.startswith("performance")].to_dict("records"))
        assert got == expected, (name, list((expected - got).items())[:5], list((got - expected).items())[:5])
        assert all("horizontal rules only" in s for t in ex.tables for s in t.settings)
