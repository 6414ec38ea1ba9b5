"""Charts: every chart renders (or is skipped with a reason) on the sample and real disclosures, without warnings."""
from __future__ import annotations

import logging
import warnings

import pandas as pd
import pytest

from conftest import RAW, SAMPLE_PDF

from yusuan import charts, data

WANLI_2025 = RAW / "sh-putuo-wanli-2025-budget.pdf"
WANLI_2024 = RAW / "sh-putuo-wanli-2024-budget.pdf"
HZ = RAW / "hz-meteorology-2026-budget.pdf"

# what each document can and cannot show (None = drawn; a string = a word the skip reason must contain)
EXPECTED = {
    SAMPLE_PDF: {name: None for name in charts.CHARTS if name != "yoy"},
    WANLI_2025: {**{name: None for name in charts.CHARTS if name != "yoy"}, "projects": "project"},
    HZ: {name: None for name in charts.CHARTS if name != "yoy"},
}
SINGLE = [name for name in charts.CHARTS if name != "yoy"]


@pytest.fixture(scope="module")
def docs():
    return {pdf: data.load(pdf) for pdf in (SAMPLE_PDF, WANLI_2025, WANLI_2024, HZ)}


def _render_quietly(caplog, build):
    """Build and draw a figure; return it with every warning and matplotlib log record raised on the way."""
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        chart = build()
        if chart.made:
            charts.png_bytes(chart.figure, dpi=60)  # drawing is where a missing glyph would warn
    logs = [r for r in caplog.records if r.name.startswith("matplotlib")]
    return chart, [str(w.message) for w in caught], [r.getMessage() for r in logs]


@pytest.mark.parametrize("pdf", list(EXPECTED), ids=lambda p: p.stem)
@pytest.mark.parametrize("name", SINGLE)
def test_chart_renders_or_says_why(docs, caplog, pdf, name):
    doc = docs[pdf]
    chart, warned, logged = _render_quietly(caplog, lambda: charts.make(name, doc.tidy, doc.meta))
    assert warned == [] and logged == [], (warned, logged)  # no missing glyphs (tofu), no findfont complaints
    want = EXPECTED[pdf][name]
    if want is None:
        assert chart.made, chart.reason
        fig = chart.figure
        texts = [t.get_text() for t in fig.texts] + [fig._suptitle.get_text()]
        texts += [t.get_text() for ax in fig.axes for t in (ax.title, ax._left_title, ax.xaxis.label)]
        joined = "\n".join(texts)
        assert "来源：" in joined and "第 " in joined and " 页" in joined  # source line with page(s)
        assert "单位：" in joined  # the unit is stated
        assert doc.meta["publisher"] in joined
        assert chart.sentence.endswith("。")
        w, h = fig.get_size_inches()
        assert w == 8.0 and 3 <= h <= 8
    else:
        assert not chart.made and want in chart.reason


def test_amounts_in_yuan_are_shown_in_wanyuan(docs):
    doc = docs[WANLI_2025]
    assert {t["unit"] for t in doc.meta["tables"] if t["key"] == "general_budget_expenditure"} == {"元"}
    chart = charts.make("function", doc.tidy, doc.meta)
    subtitle = chart.figure.axes[0]._left_title.get_text()
    assert "单位：万元" in subtitle and "原表单位为元" in subtitle
    assert "18,976.76 万元" in chart.sentence  # 189,767,551 元


def test_sample_numbers(docs):
    doc = docs[SAMPLE_PDF]
    shares = charts.function_shares(doc.tidy, doc.meta)
    assert shares.iloc[0]["name"] == "一般公共服务支出" and round(shares.iloc[0]["share"] * 100, 1) == 87.0
    assert "一般公共服务支出最多，1,385.37 万元，占 87.0%" in charts.make("function", doc.tidy, doc.meta).sentence
    assert "基本支出 718.87 万元（45.2%），项目支出 873.27 万元（54.8%）" in charts.make("basic_project", doc.tidy, doc.meta).sentence


def test_year_over_year(docs, caplog):
    now, then = docs[WANLI_2025], docs[WANLI_2024]
    chart, warned, logged = _render_quietly(caplog, lambda: charts.make("yoy", now.tidy, now.meta, previous=then))
    assert chart.made and warned == [] and logged == []
    assert "2024年到2025年" in chart.sentence and "城乡社区支出" in chart.sentence
    alone = charts.make("yoy", now.tidy, now.meta)
    assert not alone.made and "previous" in alone.reason


def test_no_data_is_a_reason_not_a_crash():
    empty = pd.DataFrame(columns=["doc_id", "table", "page", "row", "section", "code", "item", "column", "value", "unit"])
    for name in SINGLE:
        chart = charts.make(name, empty, {"publisher": "x", "year": 2025, "tables": []})
        assert not chart.made and chart.reason


def test_draw_all_writes_identical_files_twice(docs, tmp_path):
    doc = docs[SAMPLE_PDF]
    first = charts.draw_all(doc.tidy, doc.meta, doc.doc_id, base=tmp_path)
    assert set(first) == set(charts.CHARTS)
    assert first["yoy"] == "no previous disclosure given"
    made = {k: v for k, v in first.items() if not isinstance(v, str)}
    assert len(made) == len(SINGLE)
    blobs = {}
    for name, png in made.items():
        svg = png.with_suffix(".svg")
        assert png.parent == tmp_path / doc.doc_id and png.stat().st_size > 10_000 and svg.is_file()
        blobs[name] = (png.read_bytes(), svg.read_bytes())
    charts.draw_all(doc.tidy, doc.meta, doc.doc_id, base=tmp_path)
    for name, png in made.items():
        assert (png.read_bytes(), png.with_suffix(".svg").read_bytes()) == blobs[name], name


def test_totals_are_the_printed_ones():
    """Chongqing prints 合计 174,900.64 first; its sources add up to 174,900.63 — the chart shows the printed total,
    and a project printed in two rows (the sample's OA system, 137.00 + 3.00) is one project of 27."""
    cq = data.load(RAW / "cq-commerce-2026-budget.pdf")
    assert "收入总计 174,900.64 万元" in charts.make("revenue", cq.tidy, cq.meta).sentence
    sample = data.load(SAMPLE_PDF)
    d, *_ = charts.projects_data(sample.tidy, sample.meta)
    assert len(d) == 27 and float(d[d["project"] == "OA协同办公系统和门户网站运维费"]["v"].iloc[0]) == 140.0
