"""Charts: every chart renders (or is skipped with a reason) on the sample and real disclosures, without warnings,
in a form a newsroom can publish: department and stage in the title, 决算 figures for final accounts, 亿元 for large
amounts, no total bar beside its parts, colour-blind-safe colours, text as text in SVG, the plotted data as CSV."""
from __future__ import annotations

import colorsys
import json
import logging
import re
import warnings

import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from conftest import RAW, SAMPLE_PDF

from yusuan.present import charts, style
from yusuan import data
from yusuan.vocab import words

WANLI_2025 = RAW / "sh-putuo-wanli-2025-budget.pdf"
WANLI_2024 = RAW / "sh-putuo-wanli-2024-budget.pdf"
HZ = RAW / "hz-meteorology-2026-budget.pdf"
PUTUO_FINAL = RAW / "sh-putuo-finance-2024-final.pdf"
PETITIONS_FINAL = RAW / "cn-petitions-2024-final.pdf"
SZ = RAW / "sz-finance-2026-budget.pdf"
YANTAI = RAW / "sd-yantai-audit-2026-budget.pdf"

ONE_SOURCE = "one source of revenue only"
# what each document can and cannot show (None = drawn; a string = words the skip reason must contain)
EXPECTED = {
    SAMPLE_PDF: {**{name: None for name in charts.CHARTS if name != "yoy"}, "revenue": ONE_SOURCE},
    WANLI_2025: {**{name: None for name in charts.CHARTS if name != "yoy"}, "projects": "project", "revenue": ONE_SOURCE},
    HZ: {name: None for name in charts.CHARTS if name != "yoy"},
    PUTUO_FINAL: {**{name: None for name in charts.CHARTS if name != "yoy"}, "projects": "project"},
}
SINGLE = [name for name in charts.CHARTS if name != "yoy"]
DOCS = (SAMPLE_PDF, WANLI_2025, WANLI_2024, HZ, PUTUO_FINAL, PETITIONS_FINAL, SZ, YANTAI)


@pytest.fixture(scope="module")
def docs():
    return {pdf: data.load(pdf) for pdf in DOCS}


def _render_quietly(caplog, build):
    """Build and draw a figure; return it with every warning and matplotlib log record raised on the way."""
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        chart = build()
        if chart.made:
            charts.png_bytes(chart.figure, dpi=60)  # drawing is where a missing glyph would warn
            charts.png_bytes(chart.narrow(), dpi=60)
    logs = [r for r in caplog.records if r.name.startswith("matplotlib")]
    return chart, [str(w.message) for w in caught], [r.getMessage() for r in logs]


def _texts(fig) -> list[str]:
    out = [t.get_text() for t in fig.texts] + [fig._suptitle.get_text()]
    out += [t.get_text() for ax in fig.axes for t in (ax.title, ax._left_title, ax.xaxis.label)]
    return out


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
        joined = "\n".join(_texts(fig))
        assert "来源：" in joined and "第 " in joined and " 页" in joined  # source line with page(s)
        assert "单位：" in joined  # the unit is stated
        assert doc.meta["publisher"] in fig._suptitle.get_text().replace("\n", "")  # the department in the title
        assert charts.doc_stage(doc.meta) in chart.title  # the stage (预算 / 决算) in the title
        assert chart.sentence.endswith("。") and doc.meta["publisher"] in chart.sentence
        assert str(doc.meta["year"]) in chart.sentence and charts.doc_stage(doc.meta) in chart.sentence
        w, h = fig.get_size_inches()
        assert w == style.WIDE and 2.4 <= h <= 10
        assert chart.narrow().get_size_inches()[0] == style.NARROW
        assert list(chart.data.columns[:3]) == ["label", "value", "unit"] and "source" in chart.data.columns
    else:
        assert not chart.made and want in chart.reason


def test_final_account_three_public_reads_the_final_figures(docs):
    """普陀区财政局 2024 决算, p.18 「财政拨款“三公”经费支出决算表」: 预算数 合计 0.95 and 公务接待费 0.95; every 决算数 cell
    blank (nothing spent).  The chart shows 决算 0.00 for each item, beside the budget, and says 决算."""
    doc = docs[PUTUO_FINAL]
    chart = charts.make("three_public", doc.tidy, doc.meta)
    assert chart.made, chart.reason
    d = chart.data
    final = d[d["stage"] == "决算"]
    budget = d[d["stage"] == "预算"]
    reception = words()["three_public"]["reception"]["name"]
    assert len(final) == 4 and (final["value"] == 0.0).all() and set(final["year"]) == {"2024"}
    assert dict(zip(budget["label"], budget["value"]))[reception] == 0.95 and budget["value"].sum() == 0.95
    assert "决算" in chart.title and "上海市普陀区财政局" in chart.title
    assert "“三公”经费决算合计 0.00 万元" in chart.sentence and "2024年预算为 0.95 万元" in chart.sentence
    # the function chart of a final account says 决算, not just 一般公共预算支出
    f = charts.make("function", doc.tidy, doc.meta)
    assert "一般公共预算支出决算" in f.title and set(f.data["stage"]) == {"决算"}


def test_national_final_three_public(docs):
    """国家信访局 2024 决算, p.15: 决算数 因公出国（境）4.69, 公务接待 0.90, 公务用车运行维护 40.61, 合计 46.21 (printed;
    the parts add to 46.20); 预算数 合计 76.43."""
    doc = docs[PETITIONS_FINAL]
    chart = charts.make("three_public", doc.tidy, doc.meta)
    final = chart.data[chart.data["stage"] == "决算"]
    assert sorted(final["value"]) == [0.0, 0.9, 4.69, 40.61]
    assert "决算合计 46.21 万元" in chart.sentence and "76.43 万元" in chart.sentence


def test_three_public_this_year_beside_last_year(docs):
    """烟台市审计局 2026, p.19 prints 2025年预算数 (合计 11.90) beside 2026年预算数 (合计 3.40)."""
    doc = docs[YANTAI]
    chart = charts.make("three_public", doc.tidy, doc.meta)
    assert set(chart.data["year"]) == {"2025", "2026"} and set(chart.data["series"]) == {"2025年预算", "2026年预算"}
    by = chart.data.groupby("year")["value"].sum()
    assert round(by["2026"], 2) == 3.40 and round(by["2025"], 2) == 11.90


def test_large_amounts_in_yiyuan(docs):
    """深圳市财政局 2026 一般公共服务支出 20,563.76万元 (p.31) reads 2.06 亿元."""
    doc = docs[SZ]
    chart = charts.make("function", doc.tidy, doc.meta)
    assert set(chart.data["unit"]) == {"亿元"} and chart.figure.axes[0].get_xlabel() == "金额（亿元）"
    top = chart.data.iloc[0]
    assert top["label"].startswith("一般公共服务支出") and round(top["value"], 2) == 2.06
    assert "2.06 亿元" in chart.sentence and "原表单位为万元，已换算为亿元" in chart.figure.axes[0]._left_title.get_text()
    small = charts.make("three_public", doc.tidy, doc.meta)  # 三公 tens of 万元 stay in 万元
    assert set(small.data["unit"]) == {"万元"}


def test_amounts_in_yuan_are_converted(docs):
    doc = docs[WANLI_2025]
    assert {t["unit"] for t in doc.meta["tables"] if t["key"] == "general_budget_expenditure"} == {"元"}
    chart = charts.make("function", doc.tidy, doc.meta)
    subtitle = chart.figure.axes[0]._left_title.get_text()
    assert "单位：亿元" in subtitle and "原表单位为元" in subtitle
    assert "1.90 亿元" in chart.sentence  # 189,767,551 元
    tp = charts.make("three_public", doc.tidy, doc.meta)  # printed in 万元 (p.29): stays
    assert set(tp.data["unit"]) == {"万元"}


def test_sample_numbers(docs):
    doc = docs[SAMPLE_PDF]
    shares = charts.function_shares(doc.tidy, doc.meta)
    assert shares.iloc[0]["name"] == "一般公共服务支出" and round(shares.iloc[0]["share"] * 100, 1) == 87.0
    assert "一般公共服务支出最多，1,385.37 万元，占 87.0%" in charts.make("function", doc.tidy, doc.meta).sentence
    bp = charts.make("basic_project", doc.tidy, doc.meta)
    assert "基本支出 718.87 万元（45.2%），项目支出 873.27 万元（54.8%）" in bp.sentence


@pytest.mark.parametrize("pdf", [SAMPLE_PDF, HZ, PUTUO_FINAL, SZ], ids=lambda p: p.stem)
def test_no_total_bar_beside_its_parts(docs, pdf):
    """No plotted label is a total (words.yml totals), and no bar equals the sum of the others of its series."""
    doc = docs[pdf]
    total_label = words()["totals"]["label"]
    for name in SINGLE:
        c = charts.make(name, doc.tidy, doc.meta)
        if not c.made:
            continue
        d = c.data[c.data["unit"] != "%"]
        assert not any(total_label.search(re.sub(r"（\d+）$", "", str(x))) or x in charts.TOTAL_ITEMS
                       for x in d["label"]), (name, list(d["label"]))
        groups = d.groupby("series") if "series" in d.columns else [("", d)]
        for _s, g in groups:
            vals = sorted(g["value"], reverse=True)
            if len(vals) >= 3 and vals[0] > 0:
                assert abs(vals[0] - sum(vals[1:])) > 0.006 * len(vals), (name, vals)  # a total = Σ parts ± rounding


def test_no_single_bar_chart(docs):
    """A chart with one bar says nothing: skipped with the reason (the sample's only revenue source)."""
    c = charts.make("revenue", docs[SAMPLE_PDF].tidy, docs[SAMPLE_PDF].meta)
    assert not c.made and ONE_SOURCE in c.reason
    for pdf in DOCS:
        doc = docs[pdf]
        for name in SINGLE:
            c = charts.make(name, doc.tidy, doc.meta)
            if c.made and name != "economic":
                assert len(c.data["label"].unique()) >= 2, (pdf.stem, name)


def test_economic_is_two_panels_with_their_own_axes(docs):
    doc = docs[PUTUO_FINAL]
    c = charts.make("economic", doc.tidy, doc.meta)
    amounts, shares = c.data[c.data["unit"] == "万元"], c.data[c.data["unit"] == "%"]
    assert len(amounts) >= 2 and len(shares) == 2 and round(shares["value"].sum(), 1) == 100.0
    axes = [a for a in c.figure.axes if a.axison]
    assert len(axes) == 2 and axes[0].get_xlabel() == "金额（万元）" and "%" in axes[1].get_xlabel()
    assert axes[1].get_xlim()[1] >= 100


def _colours(fig) -> set[str]:
    from matplotlib.colors import to_hex

    out = set()
    for ax in fig.axes:
        out |= {to_hex(p.get_facecolor()) for p in ax.patches}
        out |= {to_hex(t.get_color()) for t in ax.texts}
    out |= {to_hex(t.get_color()) for t in fig.texts}
    return out


def _is_red(c: str) -> bool:
    h, l, s = colorsys.rgb_to_hls(*to_rgb(c))
    return s > 0.35 and 0.15 < l < 0.85 and (h < 20 / 360 or h > 340 / 360)


def _is_green(c: str) -> bool:
    h, l, s = colorsys.rgb_to_hls(*to_rgb(c))
    return s > 0.35 and 0.15 < l < 0.85 and 75 / 360 < h < 155 / 360


def test_colours_are_not_a_stock_ticker(docs, caplog):
    """Okabe–Ito blue/orange, grey for remainders: no red and no green anywhere (in China red is up, green down)."""
    seen = set()
    now, then = docs[WANLI_2025], docs[WANLI_2024]
    built = [charts.make("yoy", now.tidy, now.meta, previous=then)]
    built += [charts.make(n, docs[p].tidy, docs[p].meta) for p in (SAMPLE_PDF, HZ, PUTUO_FINAL, YANTAI) for n in SINGLE]
    for c in built:
        if c.made:
            seen |= _colours(c.figure)
    assert seen and not [c for c in seen if _is_red(c) or _is_green(c)], seen
    assert not [c for c in style.PALETTE + [style.INCREASE, style.DECREASE] if _is_red(c) or _is_green(c)]


def test_labels_readable_at_article_width(docs, tmp_path):
    """Every text of the article PNG is at least 11 px when the PNG is shown 640 px wide; the narrow PNG at 380 px."""
    from matplotlib.image import imread

    doc = docs[HZ]
    out = charts.draw_all(doc.tidy, doc.meta, doc.doc_id, base=tmp_path)
    for name, png in out.items():
        if isinstance(png, str):
            continue
        c = charts.make(name, doc.tidy, doc.meta)
        for fig, path, shown in ((c.figure, png, 640), (c.narrow(), png.with_name(f"{name}-narrow.png"), 380)):
            fig.canvas.draw()
            sizes = [t.get_fontsize() for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))
                     if t.get_text().strip() and t.get_visible()]
            width_in = imread(path).shape[1] / style.SAVE_DPI
            px = min(sizes) * shown / width_in / 72
            assert px >= 11, (name, path.name, min(sizes), width_in, px)


def test_year_over_year(docs, caplog):
    now, then = docs[WANLI_2025], docs[WANLI_2024]
    chart, warned, logged = _render_quietly(caplog, lambda: charts.make("yoy", now.tidy, now.meta, previous=then))
    assert chart.made and warned == [] and logged == []
    assert "2024年到2025年" in chart.sentence and "城乡社区支出" in chart.sentence and now.meta["publisher"] in chart.sentence
    assert set(chart.data["series"]) == {"2024年预算", "2025年预算"}
    # 住房保障支出 rose by 48.23万元: the chart must not call it flat (it stays in 万元 to show it)
    row = chart.data[(chart.data["label"] == "住房保障支出") & (chart.data["year"] == "2025")]
    assert set(chart.data["unit"]) == {"万元"} and round(float(row["change"].iloc[0]), 2) == 48.23
    alone = charts.make("yoy", now.tidy, now.meta)
    assert not alone.made and "previous" in alone.reason


def test_no_data_is_a_reason_not_a_crash():
    empty = pd.DataFrame(columns=["doc_id", "table", "page", "row", "section", "code", "item", "column", "value", "unit"])
    for name in SINGLE:
        chart = charts.make(name, empty, {"publisher": "x", "year": 2025, "tables": []})
        assert not chart.made and chart.reason


def test_draw_all_writes_png_svg_csv_narrow_and_index_identically_twice(docs, tmp_path):
    doc = docs[PUTUO_FINAL]
    first = charts.draw_all(doc.tidy, doc.meta, doc.doc_id, base=tmp_path)
    assert set(first) == set(charts.CHARTS)
    assert first["yoy"] == "no previous disclosure given"
    folder = tmp_path / doc.doc_id
    index = json.loads((folder / "charts.json").read_text(encoding="utf-8"))
    assert [e["name"] for e in index] == list(charts.CHARTS)  # display order
    made = {k: v for k, v in first.items() if not isinstance(v, str)}
    blobs = {}
    for entry in index:
        name = entry["name"]
        if name not in made:
            assert set(entry) == {"name", "reason"} and entry["reason"] == first[name]
            assert not (folder / f"{name}.png").exists()
            continue
        assert set(entry) == {"name", "title", "sentence", "totals", "png", "svg", "csv", "narrow_png"}
        png, svg, csv, narrow = (folder / entry[k] for k in ("png", "svg", "csv", "narrow_png"))
        assert png == made[name] and png.stat().st_size > 10_000 and narrow.stat().st_size > 10_000
        assert entry["sentence"].endswith("。") and doc.meta["publisher"] in entry["sentence"]
        text = svg.read_text(encoding="utf-8")
        assert "<text" in text and doc.meta["publisher"] in text  # text stays text: an editor can fix it
        assert "Noto Sans CJK SC" in text
        raw = csv.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
        c = charts.make(name, doc.tidy, doc.meta)
        back = pd.read_csv(csv, encoding="utf-8-sig", dtype={"year": str})
        pd.testing.assert_frame_equal(back, c.data, check_dtype=False)
        blobs[name] = tuple(p.read_bytes() for p in (png, svg, csv, narrow))
    index_bytes = (folder / "charts.json").read_bytes()
    charts.draw_all(doc.tidy, doc.meta, doc.doc_id, base=tmp_path)
    for entry in index:
        if entry["name"] in blobs:
            again = tuple((folder / entry[k]).read_bytes() for k in ("png", "svg", "csv", "narrow_png"))
            assert again == blobs[entry["name"]], entry["name"]
    assert (folder / "charts.json").read_bytes() == index_bytes


def test_totals_are_the_printed_ones():
    """Chongqing prints 合计 174,900.64 first; its sources add up to 174,900.63 — the chart shows the printed total,
    and a project printed in two rows (the sample's OA system, 137.00 + 3.00) is one project of 27."""
    cq = data.load(RAW / "cq-commerce-2026-budget.pdf")
    assert "收入预算总计 17.49 亿元" in charts.make("revenue", cq.tidy, cq.meta).sentence
    sample = data.load(SAMPLE_PDF)
    d, *_ = charts.projects_data(sample.tidy, sample.meta)
    assert len(d) == 27 and float(d[d["project"] == "OA协同办公系统和门户网站运维费"]["v"].iloc[0]) == 140.0
