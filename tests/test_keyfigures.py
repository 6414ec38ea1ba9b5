"""Key figures (keyfigures.yml): found in the table model, each marked checked or not, on real disclosures.
Values read in the PDFs by eye."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import RAW, SAMPLE_PDF

from yusuan.steps.audit import audit
from yusuan.check.keyfigures import KEY_FIGURE_COLUMNS, key_figures, write_key_figures


def _figures(pdf):
    r = audit(pdf)
    return {k.key: k for k in key_figures(r.tables, r.year, r.extraction.meta["kind"], r.findings)}


def test_sample_key_figures_and_where_they_were_checked():
    kf = _figures(SAMPLE_PDF)
    # p.5 收支总表: 本年收入合计 1,592.14; p.7 支出总表: 基本支出 718.87, 项目支出 873.27; p.10 一般公共预算支出表:
    # 合计 1,592.14; p.16 "三公" 3.77
    assert {k: (v.value, v.page) for k, v in kf.items() if v.value is not None} == {
        "revenue": (Decimal("1592.14"), 5), "expenditure": (Decimal("1592.14"), 5), "grand_total": (Decimal("1592.14"), 5),
        "general_budget": (Decimal("1592.14"), 10), "basic": (Decimal("718.87"), 7), "project": (Decimal("873.27"), 7),
        "three_public": (Decimal("3.77"), 16)}
    # the narrative (p.20) states 本年收入 1,592.14 and the summary's sums hold on p.5
    # and the revenue table (p.6) prints the same 1,592.14 as its 合计, whose sums hold too
    assert kf["revenue"].status == "checked" and kf["revenue"].checked_pages == [5, 6, 20]
    assert "claim_amount" in kf["revenue"].checks
    assert kf["three_public"].checked_pages == [16, 21] and kf["three_public"].stage == "预算"
    assert kf["three_public_previous"].status == "absent"  # the table prints 2023 only
    assert "three_public_budget" not in kf  # a budget has no separate 预算数 beside 决算数


def test_a_final_account_reads_the_spent_column():
    kf = _figures(RAW / "sh-putuo-finance-2024-final.pdf")
    # p.18 财政拨款"三公"经费支出决算表: 合计 预算数 0.95, 决算数 blank (nothing spent); p.6 本年支出合计 2,940.05
    assert kf["three_public"].value == 0 and kf["three_public"].stage == "决算"
    assert kf["three_public_budget"].value == Decimal("0.95") and kf["three_public_budget"].stage == "预算"
    assert kf["expenditure"].value == Decimal("2940.05") and kf["expenditure"].status == "checked"
    # 收支总计 2,995.39 (p.7) is printed once and stated nowhere: not checked, and said so
    assert kf["grand_total"].value == Decimal("2995.39") and kf["grand_total"].status == "unchecked"


def test_a_contradicted_figure_is_marked_mismatch():
    # 长春市信访局 2026: the narrative (p.17) says 预算支出 "1,682.76元" where the summary prints 1,682.76万元
    kf = _figures(RAW / "jl-changchun-petitions-2026-budget.pdf")
    assert kf["expenditure"].value == Decimal("1682.76") and kf["expenditure"].status == "mismatch"
    assert kf["expenditure"].checked_pages == [17]


def test_last_years_three_public_where_the_table_prints_it():
    # 深圳市财政局 2026 (p.38) prints a 2025年 row (59.66) and a 2026年 row (58.46)
    kf = _figures(RAW / "sz-finance-2026-budget.pdf")
    assert kf["three_public"].value == Decimal("58.46")
    assert kf["three_public_previous"].value == Decimal("59.66")


def test_written_as_csv(tmp_path):
    import pandas as pd

    r = audit(SAMPLE_PDF)
    path = write_key_figures(key_figures(r.tables, r.year, r.extraction.meta["kind"], r.findings), tmp_path / "k.csv")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(df.columns) == KEY_FIGURE_COLUMNS
    assert df.set_index("key").loc["basic", "value"] == "718.87"
    assert df.set_index("key").loc["three_public_previous", "value"] == ""  # absent is blank, not 0
