"""Kinds of layout that real disclosures print and that extraction once got wrong (issue 10).

Each test reads a fixture: the four one-page synthetic reproductions in tests/fixtures/cases/ (their
figures add up, so every finding other than ok is the reader's fault) and the five real disclosures
bundled for it in data/raw/ (values below read from the PDF pages by eye, page numbers as printed by
the PDF viewer).
"""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from conftest import FIXTURES, RAW, extraction

CASES = FIXTURES / "cases"


def _audit(path: Path):
    from yusuan.steps.audit import audit

    return audit(path, _extract_fn=lambda p: extraction(Path(p)))


def _table(ex, key):
    return next(t for t in ex.tables if t.key == key)


def _figures(ex, table):
    td = ex.tidy[ex.tidy["table"] == table]
    return [(c, i, col, D(v)) for c, i, col, v in zip(td["code"], td["item"], td["column"], td["value"])]


def _not_ok(result):
    return [f.message for f in result.findings if f.status not in ("ok", "rounding", "unverifiable")]


# ------------------------------------------------------------------------------------------ cases

def test_negatives_written_four_ways_are_all_negative():
    r = _audit(CASES / "negatives-fullwidth-and-triangle.pdf")
    t = _table(r.extraction, "gov_fund_expenditure")
    end = [v for _c, _i, col, v in _figures(r.extraction, t.key) if col == "年末结转和结余"]
    assert end == [D("-2.00"), D("-2.00"), D("-2.00"), D("-2.00"), D("0.00")]  # －2.00, （2.00）, （2.00）, △2.00, 0.00
    assert not _not_ok(r)


def test_two_tables_in_one_grid_are_two_tables():
    r = _audit(CASES / "two-tables-in-one-grid.pdf")
    keys = [(t.key, t.title, len(t.body)) for t in r.extraction.tables]
    assert keys == [("gov_fund_expenditure", "2024年政府性基金预算支出表", 4),
                    ("state_capital", "2024年国有资本经营预算支出表", 4)]
    assert ("2230199", D("45.60")) in {(c, v) for c, _i, col, v in _figures(r.extraction, "state_capital") if col == "合计"}
    assert not _not_ok(r)


def test_a_label_overflowing_into_the_amount_cell_stays_a_label():
    r = _audit(CASES / "label-overflows-into-number-cell.pdf")
    figs = {(c, i): v for c, i, col, v in _figures(r.extraction, "general_budget_expenditure") if col == "合计"}
    assert figs[("20103", "政府办公厅（室）及相关机构事务")] == D("1385.37")
    assert figs[("2080506", "机关事业单位职业年金缴费支出")] == D("206.77")
    assert not _not_ok(r)


def test_serial_and_line_number_columns_are_not_amounts():
    r = _audit(CASES / "serial-and-line-number-columns.pdf")
    t = _table(r.extraction, "general_budget_expenditure")
    assert {c.name: c.role for c in t.columns}["序号"] == "number"
    assert {c.name: c.role for c in t.columns}["行次"] == "number"
    assert set(r.extraction.tidy["column"]) == {"本年支出合计", "基本支出", "项目支出"}
    assert not _not_ok(r)


# ------------------------------------------------------------------------------------------ real documents

@pytest.mark.slow
def test_rules_drawn_as_thin_filled_polygons():
    # 珠海市商务局 2026: every rule is a 0.75 pt filled five-point polygon; p.4 (PDF p.6) 收支总体情况表
    ex = extraction(RAW / "gd-zhuhai-commerce-2026-budget.pdf")
    summary = _table(ex, "summary")
    assert summary.pages == [6, 7]
    td = ex.tidy[ex.tidy["table"] == "summary"]
    figs = {(s, i): D(v) for s, i, v in zip(td["section"], td["item"], td["value"])}  # section = 收入 / 支出 side
    assert figs[("收入", "一、预算拨款")] == D("46402.33")
    assert figs[("支出", "一、一般公共服务支出")] == D("42753.31")
    assert figs[("支出", "十五、商业服务业等支出")] == D("20904.83")
    assert figs[("收入", "本年收入合计")] == D("46403.97")
    # p.16 (PDF p.18) 财政拨款安排的行政经费及"三公"经费预算表: 三公 19.84 = 13.20 + 0.00 + 6.64, its own table
    tp = {i: v for _c, i, col, v in _figures(ex, "three_public") if col == "合计"}
    assert tp["“三公”经费"] == D("19.84") and tp["其中：（一）因公出国（境）支出"] == D("13.20")
    assert len([t for t in ex.tables if not t.key.startswith(("other", "performance"))]) == 12
    assert not [f for f in _audit(RAW / "gd-zhuhai-commerce-2026-budget.pdf").findings if f.status == "mismatch"]


@pytest.mark.slow
def test_national_final_accounts_template():
    # 国家信访局 2024 决算: 行次 columns are line numbers; 公开06表 prints 人员经费 | 公用经费 | 公用经费 panels
    name = RAW / "cn-petitions-2024-final.pdf"
    ex = extraction(name)
    summary = _table(ex, "summary")
    assert [c.role for c in summary.columns if c.name == "行次"] == ["number", "number"]
    assert set(ex.tidy.loc[ex.tidy["table"] == "summary", "column"]) == {"金额"}
    basic = _table(ex, "general_budget_basic_economic")
    figs = {(c, i): v for c, i, col, v in _figures(ex, basic.key)}
    assert figs[("301", "工资福利支出")] == D("6982.75") and figs[("302", "商品和服务支出")] == D("2239.41")
    assert figs[("", "人员经费合计")] == D("7967.72") and figs[("", "公用经费合计")] == D("2266.65")
    assert not any(len(c) > 7 for c, *_ in _figures(ex, basic.key))  # no glued codes (301013020130701)
    assert {t.key for t in ex.tables if "自评" in t.title} <= {k for k in (t.key for t in ex.tables)
                                                              if k.startswith("performance_self_evaluation")}
    r = _audit(name)
    # the 三公 narrative is read against the 决算数 columns: 因公出国（境）费 4.69, not the budget's 30.00
    abroad = [f for f in r.findings if f.check == "claim_amount" and f.stated == D("4.69")]
    assert abroad and all(f.status == "ok" and "决算数" in f.column for f in abroad)
    # its one mismatch is the document's own (35.74% for 35.94%, benchmarks/known_errors.yml)
    assert [(f.page, str(f.stated)) for f in r.findings if f.status == "mismatch"] == [(17, "35.74")]


@pytest.mark.slow
def test_split_code_columns_and_years_side_by_side():
    # 烟台市审计局 2026: 类 | 款 | 项 columns each filled on their own level's rows
    name = RAW / "sd-yantai-audit-2026-budget.pdf"
    ex = extraction(name)
    codes = {(c, i) for c, i, _col, _v in _figures(ex, "expenditure")}
    assert {("201", "一般公共服务支出"), ("20108", "审计事务"), ("2010801", "行政运行"),
            ("2080505", "机关事业单位基本养老保险缴费支出")} <= codes
    r = _audit(name)
    # p.9 收入 1,535.86 vs p.11 支出 1,535.85 for 2010801 行政运行: the document's own inconsistency, found
    f = [f for f in r.findings if f.status == "mismatch"]
    assert [(x.check, x.page, str(x.stated), str(x.computed)) for x in f] == [("cross_table_total", 9, "1535.86", "1535.85")]
    # p.27 "三公"经费预算共3.4万元 against the 2026 columns (the table prints 2025 | 2026)
    tp = [x for x in r.findings if x.check == "claim_amount" and x.stated == D("3.4")]
    assert tp and tp[0].status == "ok" and "2026年" in tp[0].column
    # p.29 "预算资金781.5万元，其中财政拨款4.5万元": the 财政拨款 column of the project table's total
    fin = [x for x in r.findings if x.check == "claim_amount" and x.stated == D("4.5")]
    assert fin and fin[0].status == "ok" and "财政拨款" in fin[0].column


@pytest.mark.slow
def test_economic_tables_of_all_spending_and_of_basic_spending():
    # 福州市公安局治安管理支队 2026: p.17 一般公共预算支出经济分类情况表 (2,796.14, all spending) and
    # pp.19–21 一般公共预算基本支出经济分类情况表 (2,507.88)
    name = RAW / "fj-fuzhou-police-order-2026-unit-budget.pdf"
    ex = extraction(name)
    keys = {t.key: t for t in ex.tables}
    assert "general_budget_economic" in keys and keys["general_budget_basic_economic"].pages == [19, 20, 21]
    total = {i: v for _c, i, _col, v in _figures(ex, "general_budget_basic_economic")}
    assert total["合计"] == D("2507.88")
    r = _audit(name)
    assert not [f for f in r.findings if f.status == "mismatch"]
    staff = [f for f in r.findings if f.check == "claim_amount" and f.stated == D("2286.69")]
    assert staff and staff[0].status == "ok" and staff[0].table == "general_budget_basic_economic"
    # narrative subjects written with their code: "2080501-行政单位离退休227.72万元"
    coded = [f for f in r.findings if f.subject.startswith("2080501-")]
    assert coded and coded[0].status == "ok" and coded[0].computed == D("227.72")


@pytest.mark.slow
def test_unit_code_column_is_not_money():
    # 长春市信访局 2026 p.7 收入总表: 部门（单位）代码 105001 beside 合计 1,682.76
    ex = extraction(RAW / "jl-changchun-petitions-2026-budget.pdf")
    rev = _table(ex, "revenue")
    assert {c.name: c.role for c in rev.columns}["部门（单位）代码"] == "code"
    assert D("105001") not in {v for *_x, v in _figures(ex, "revenue")}
    assert {(c, v) for c, _i, col, v in _figures(ex, "revenue") if col == "合计"} == {("105001", D("1682.76"))}


@pytest.mark.slow
def test_what_a_file_holds():
    # Beijing publishes tables and explanation as two PDFs; an archive may hold only one of them
    assert extraction(RAW / "bj-audit-2026-budget-text.pdf").meta["contents"] == "explanation only"
    assert extraction(RAW / "bj-audit-2026-budget-tables.pdf").meta["contents"] == "tables only"
    assert extraction(RAW / "yungang-govoffice-2023-budget.pdf").meta["contents"] == "tables and explanation"


# ------------------------------------------------------------------------------------------ excerpts

def test_a_row_split_across_a_page_break_is_one_row():
    """杭州市公安局 2026 收入预算总表 (tests/fixtures/excerpts/, pages 21–22 of the disclosure): the row of
    杭州市机动车驾驶员考试服务中心 runs over the page break, its 事业收入 printed "12,437.3" at the foot of one
    page and "6" at the top of the next; read by eye: 14,549.64 = 事业收入 12,437.36 + 其他收入 2,112.28."""
    ex = extraction(FIXTURES / "excerpts" / "hz-police-2026-budget-p21-22.pdf")
    t = _table(ex, "revenue")
    names = [r[0] for r in t.body]
    assert "杭州市机动车驾驶员考试服务中心" in names and "车驾驶员考试服务中心" not in names
    row = t.body[names.index("杭州市机动车驾驶员考试服务中心")]
    cols = [c.name for c in t.columns]
    assert row[cols.index("总计")] == "14,549.64" and row[cols.index("本年收入 / 事业收入")] == "12,437.36"
    assert row[cols.index("本年收入 / 其他收入")] == "2,112.28"
    assert len(t.body) == 13 and any("page break joined" in n for n in t.notes)  # 9 rows on p.21, 4 on p.22
    assert t.health["failed"] == 0
    r = _audit(FIXTURES / "excerpts" / "hz-police-2026-budget-p21-22.pdf")
    assert not _not_ok(r)


def test_columns_carry_their_stage_and_year():
    """Read by eye: 国家信访局 2024 决算 "三公"经费支出决算表 (p.15) prints 预算数 | 决算数 side by side, each with
    合计, 因公出国（境）费, 公务用车…, 公务接待费; 烟台市审计局 2026 预算 (三公 table, p.19) prints 2025年预算数 | 2026年预算数."""
    ex = extraction(RAW / "cn-petitions-2024-final.pdf")
    t = _table(ex, "three_public")
    stages = {(c.name.split(" / ")[0], c.stage) for c in t.columns if c.role == "value"}
    assert stages == {("预算数", "预算"), ("决算数", "决算")}
    tp = ex.tidy[ex.tidy["table"] == "three_public"]
    assert set(zip(tp["stage"], tp["year"])) == {("预算", "2024"), ("决算", "2024")}
    assert set(ex.tidy[ex.tidy["table"] == "summary"]["stage"]) == {"决算"}  # from the title: 收入支出决算总表
    meta = next(m for m in ex.meta["tables"] if m["key"] == "three_public")
    assert {(s["stage"], s["printed"]) for s in meta["column_stages"] if s} == {("预算", True), ("决算", True)}
    ex = extraction(RAW / "sd-yantai-audit-2026-budget.pdf")
    t = _table(ex, "three_public")
    assert {c.year for c in t.columns if c.role == "value"} == {2025, 2026}
    assert {c.stage for c in t.columns if c.role == "value"} == {"预算"}
