"""One reading per key figure (issue 24): each key figure is read once (yusuan.check.keyfigures, keyfigures.yml)
and the report's key-figure box, the charts, meta.json, key_figures.csv and the corpus all give that reading.

Two halves.  The key figures found where the PDF prints them and were missed before — on bundled disclosures
(data/raw/) and on excerpts of corpus disclosures (tests/fixtures/excerpts/, pages copied unchanged, provenance
beside each), the right values read in the PDFs by eye (page numbers are the PDF's, 1-based); a figure not
printed stays absent.  Then the charts: every total a chart states is the key figure (checked from the words a
reader sees, benchmarks/chart_totals.py), on every bundled document, and a chart whose parts do not add up to it,
or whose disclosure prints none, says so instead of printing a total of its own.
"""
from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, RAW, ROOT, SAMPLE_PDF, extraction

from yusuan.check.keyfigures import KEY_FIGURE_COLUMNS, readings
from yusuan.present import charts

sys.path.insert(0, str(ROOT / "benchmarks"))
from chart_totals import check_chart  # noqa: E402  (the same check, run on folders the tests cannot read)

EXCERPTS = FIXTURES / "excerpts"
XIAN = EXCERPTS / "xa-petitions-2026-budget-p1-19-32.pdf"      # 西安市信访局 2026, pp.1, 19, 32
XIAN_2021 = EXCERPTS / "xa-civil-2021-budget-p1-39-41.pdf"     # 西安市民政局 2021, pp.1, 39–41
SHENZHEN_HRSS = EXCERPTS / "sz-hrss-2026-budget-p1-65-252.pdf"  # 深圳市人力资源和社会保障局 2026, pp.1, 65, 252
BUNDLED = sorted(RAW.glob("*.pdf"))


def _figures(pdf: Path) -> dict:
    ex = extraction(pdf)
    return {k.key: k for k in readings(ex.tables, ex.meta["year"], ex.meta["kind"])}


def _at(kf, value: str, page: int) -> bool:
    return kf.value == Decimal(value) and kf.page == page


# ------------------------------------------------------------------ key figures where the PDF prints them

def test_three_public_total_on_the_row_named_for_it():
    # 珠海市商务局 2026, p.18 财政拨款安排的行政经费及"三公"经费预算表: rows 行政经费 10,884.55, "“三公”经费 19.84",
    # then its items (13.20 + 0.00 + 6.64); the row is the total, in the 合计 column
    kf = _figures(RAW / "gd-zhuhai-commerce-2026-budget.pdf")
    assert _at(kf["three_public"], "19.84", 18) and kf["three_public"].column == "合计"
    assert kf["three_public_previous"].status == "absent"  # the table prints 2026 only


def test_last_years_three_public_from_the_columns_of_that_year():
    # 烟台市审计局 2026, p.19: 2025年预算数 合计 11.90 | 2026年预算数 合计 3.40
    kf = _figures(RAW / "sd-yantai-audit-2026-budget.pdf")
    assert _at(kf["three_public"], "3.40", 19) and _at(kf["three_public_previous"], "11.90", 19)
    assert kf["three_public_previous"].year == 2025
    # 西安市信访局 2026, p.32 (excerpt p.3), in 元: 上年 | 当年, each a 合计 with 会议费 and 培训费 (242,000.00 |
    # 320,800.00) and the "三公" 小计 (120,000.00 | 101,000.00) — the three items only
    kf = _figures(XIAN)
    assert _at(kf["three_public"], "101000.00", 3) and _at(kf["three_public_previous"], "120000.00", 3)


def test_basic_spending_derived_from_the_parts_the_table_prints():
    # 杭州市气象局 2026, p.17 市级部门支出预算总表: 基本支出 printed only as 人员支出 2,906.80 and 日常公用支出
    # 838.27 (合计 row): 基本支出 3,745.07, marked derived with its parts and their page
    kf = _figures(RAW / "hz-meteorology-2026-budget.pdf")["basic"]
    assert _at(kf, "3745.07", 17) and kf.status == "derived"
    assert "人员支出 2,906.80（第17页）" in kf.parts and "日常公用支出 838.27（第17页）" in kf.parts
    assert kf.as_row()["parts"] == kf.parts and "parts" in KEY_FIGURE_COLUMNS


def test_this_years_revenue_and_spending_where_the_summary_prints_no_such_line():
    # 重庆市商务委员会 2026: the 收支总表 opens with a bare 合计 and no 本年收入合计 line; p.9 部门收入总体情况表 合计
    # 174,900.64 (no column of money brought forward), p.12 部门支出总体情况表 合计 174,900.64
    kf = _figures(RAW / "cq-commerce-2026-budget.pdf")
    assert _at(kf["revenue"], "174900.64", 9) and _at(kf["expenditure"], "174900.64", 12)
    # 上海市普陀区万里街道 2025 (元): p.13 收入预算总表 合计 189,767,551; p.18 支出预算总表 合计 189,767,551
    kf = _figures(RAW / "sh-putuo-wanli-2025-budget.pdf")
    assert _at(kf["revenue"], "189767551", 13) and _at(kf["expenditure"], "189767551", 18)
    assert kf["revenue"].unit == "元"


def test_a_total_row_printed_with_a_colon():
    # 长春市信访局 2026, p.8 支出总表: "总计： 1682.76 1682.76 1208.2 474.56 …" (当年预算 基本支出 | 项目支出)
    kf = _figures(RAW / "jl-changchun-petitions-2026-budget.pdf")
    assert _at(kf["basic"], "1208.2", 8) and _at(kf["project"], "474.56", 8)


def test_the_departments_block_of_a_table_printed_unit_by_unit():
    # 深圳市人力资源和社会保障局 2026: p.65 支出总表, the department's row 571,347.93 | 基本支出 136,131.77 | 项目支出
    # 435,216.17 above "…（本级）" 156,491.01 | 14,270.17 | 142,220.85; p.252 "三公" table, the department's 2025年
    # 179.23 and 2026年 299.23 above 本级's 26.90 | 163.92 (excerpt pages 2 and 3)
    kf = _figures(SHENZHEN_HRSS)
    assert _at(kf["basic"], "136131.77", 2) and _at(kf["project"], "435216.17", 2)
    assert _at(kf["three_public"], "299.23", 3) and _at(kf["three_public_previous"], "179.23", 3)


def test_the_xian_template_names_basic_and_project_spending_its_own_way():
    # 西安市信访局 2026, p.19 部门综合预算收支总表 (元), 支出 side beside the functions: "1、人员经费和公用经费支出
    # 19,328,114.71" (基本支出; p.42 of the disclosure calls the same 1,932.81万元 基本支出), "2、专项业务经费支出
    # 9,056,120.00" (项目支出)
    kf = _figures(XIAN)
    assert _at(kf["basic"], "19328114.71", 2) and _at(kf["project"], "9056120.00", 2)
    assert kf["basic"].status == "unchecked"  # printed, not derived


def test_a_serial_number_column_does_not_hide_the_two_sides():
    # 西安市民政局 2021, pp.39–41 收支总表 with 序号 before 收入 | 支出 (excerpt pp.2–4): 本年收入合计 852,063,605.79,
    # 收入总计 872,031,967.20 (with 上年实户资金余额 19,968,361.41)
    kf = _figures(XIAN_2021)
    assert kf["revenue"].value == Decimal("852063605.79") and kf["grand_total"].value == Decimal("872031967.20")
    assert kf["revenue"].page == 3 and kf["grand_total"].page == 4


# ------------------------------------------------------------------ the charts state the key figures

@pytest.mark.parametrize("pdf", BUNDLED + [XIAN, SHENZHEN_HRSS], ids=lambda p: p.stem)
def test_every_chart_states_the_key_figure(pdf, tmp_path):
    """Every total in a chart's subtitle and sentence is the key figure it names, and every key figure the chart is
    about is stated — on every bundled document (and two excerpts)."""
    from yusuan import data

    doc = data.load(pdf, tmp_path)
    made = 0
    for name in charts.CHARTS:
        if name == "yoy":
            continue
        c = charts.make(name, doc.tidy, doc.meta)
        made += c.made
        assert check_chart(name, c, doc.meta) == [], (name, c.spec.subtitle if c.made else c.reason, c.sentence)
    assert made or pdf.name.endswith("-text.pdf")


def test_three_public_chart_counts_the_three_items_not_meetings_and_training(tmp_path):
    from yusuan import data

    # 江苏省高级人民法院 2017, p.17: 合计 2,599.37 = "三公"经费 670.12 + 会议费 228.00 + 培训费 1,701.25
    doc = data.load(RAW / "js-highcourt-2017-budget.pdf", tmp_path)
    c = charts.make("three_public", doc.tidy, doc.meta)
    assert "合计 670.12 万元" in c.sentence and "2,599.37" not in c.sentence + c.spec.subtitle
    assert c.totals == {"three_public": 670.12}
    # 西安市信访局 2026 (元, shown in 万元): 当年 10.10 beside 上年 12.00 — not 32.08 and 24.20 (合计 with 会议费,
    # 培训费), and so a fall of 1.90, not a rise of 7.88
    doc = data.load(XIAN, tmp_path)
    c = charts.make("three_public", doc.tidy, doc.meta)
    assert "合计 10.10 万元，2025年预算为 12.00 万元，减少 1.90 万元" in c.sentence
    assert "32.08" not in c.sentence + c.spec.subtitle


def test_a_chart_says_when_its_parts_do_not_add_up_or_there_is_no_key_figure(tmp_path):
    """Hand-made key figures on the sample (大同市云冈区人民政府办公室 2023, "三公" p.16: items 0.00 + 0.00 + 0.00 +
    3.77): a key figure the items do not add up to is stated with the items' sum said apart; none printed, no
    total is stated at all."""
    from yusuan import data

    doc = data.load(SAMPLE_PDF, tmp_path)
    meta = json.loads(json.dumps(doc.meta))
    row = next(r for r in meta["key_figures"] if r["key"] == "three_public")
    row["value"] = "5.00"
    c = charts.make("three_public", doc.tidy, meta)
    assert "合计 5.00 万元" in c.sentence and "图中各项之和 3.77 万元，与“三公”经费 5.00 万元 不等" in c.sentence
    row["value"] = ""
    c = charts.make("three_public", doc.tidy, meta)
    assert "合计" not in c.sentence + c.spec.subtitle and "“三公”经费未列示" in c.sentence
    assert c.totals == {"three_public": None}


def test_one_reading_in_the_box_the_charts_and_meta(tmp_path, monkeypatch):
    """After the audit, meta.json's key_figures, key_figures.csv, the report's key-figure box and charts.json's
    totals give the same figures (the sample: 一般公共预算支出 1,592.14, 基本支出 718.87, 项目支出 873.27, "三公"
    3.77 万元)."""
    from yusuan.present.htmlreport import report_context
    from yusuan.steps.audit import audit_and_write

    audit_and_write(SAMPLE_PDF, out=tmp_path / "processed")
    folder = next((tmp_path / "processed").iterdir())
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    csv = pd.read_csv(folder / "key_figures.csv", dtype=str, keep_default_na=False)
    assert meta["key_figures"] == csv.to_dict("records")
    box = {k["key"]: k["value"] for k in report_context(folder, tmp_path / "figures", tmp_path / "r.html")["keys"]}
    assert box == {r["key"]: r["value"] for r in meta["key_figures"]}

    from yusuan import data

    doc = data.load(folder.name, tmp_path / "processed")
    charts.draw_all(doc.tidy, doc.meta, doc.doc_id, base=tmp_path / "figures")
    stated = {k: v for e in json.loads((tmp_path / "figures" / doc.doc_id / "charts.json").read_text(encoding="utf-8"))
              for k, v in (e.get("totals") or {}).items()}
    assert stated == {"general_budget": 1592.14, "basic": 718.87, "project": 873.27, "three_public": 3.77}
    assert all(float(box[k]) == v for k, v in stated.items())  # the sample prints 万元, shown in 万元


def test_three_public_items_as_templates_print_them():
    """The chart's items are the three of the key figure, however a template heads them: 烟台's 公务用车购置经费
    (2026 司法局, "三公" 2026年 合计 42.26 = 5.01 + 15.20 + 22.05), 长沙's "其中：公务用车购置" (2025 公安局, 458.50 =
    30.00 + 28.50 + 150.00 + 250.00), 福州's "其中：（1）公务用车购置费" (2026 交通管理支队, 1,354.68 = 5.38 + 14.09 +
    221.04 + 1,114.17) — each was left out, so the bars did not add up to the total."""
    from yusuan.present.charts.threepublic import _three_kind

    buy, run = "公务用车购置费", "公务用车运行维护费"
    assert _three_kind("2026年预算数 / 公务用车购置及运行维护费 / 公务用车购置经费") == buy
    assert _three_kind("2026年预算数 / 公务用车购置及运行维护费 / 公务用车运行维护费") == run
    assert _three_kind("三公经费预（决）算数（财政拨款） / 其中：公务用车购置") == buy
    assert _three_kind("三公经费预（决）算数（财政拨款） / 其中：公务用车运行费") == run
    assert _three_kind("其中：（1）公务用车购置费") == buy
