"""Look-alikes are said for what they are; every document read says its status (issue 24).

A public archive of disclosures holds documents that resemble a department's 部门预算/决算 disclosure: a
government's budget or final-account table book (一般公共预算收支表 …), government debt tables, the budget report
to the people's congress, statistical bulletins, notices.  Before issue 24 some were read as a 部门预算 (a
congress report with 0 tables, a city's transfer-payment statement, a region's final-account table book) and
the others refused as "does not look like a budget disclosure".  Each is now refused through the CLI in one line
that names its kind and the title it prints (exit 2), from its head alone (yusuan.steps.lookalike,
vocab/documents.yml); a department's disclosure is still read, and every document read says its status —
complete, incomplete (which statutory tables are missing), explanation only — in meta.json, the summary, the
report, the index and the corpus, whose views count complete documents.

Inputs: real look-alikes copied from ../shared (tests/fixtures/lookalikes/, each with a provenance sidecar; the
titles below read on their first page by eye), bundled disclosures (data/raw/, tests/fixtures/excerpts/) and
hand-made pages drawn here (a performance-evaluation report, a department's cover that names the city's budget,
a congress report that names the departments' budgets).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml
from matplotlib.font_manager import FontProperties

from conftest import FIXTURES, RAW

from yusuan.base.provenance import sha256_file
from yusuan.present.style import cjk_font_path

YUSUAN = Path(sys.executable).with_name("yusuan")
LOOKALIKES = FIXTURES / "lookalikes"
EXCERPT = FIXTURES / "excerpts" / "hz-police-2026-budget-p21-22.pdf"

# file → (what it is, the title it prints on its first page, read by eye)
SAID = {
    # p.1 title; 6 pages of 地区 | 债务限额 | 债务余额 (决算数)
    "283589b07ed6a191.pdf": ("government debt tables", "宣城市2024年地方政府债务限额及余额决算情况表"),
    # p.1 "表1-1 / 62 甘肃省2021年地方政府一般债务余额情况表" (a CELMA yearbook page: its table and page numbers first)
    "49e929d7ce1655e5.pdf": ("government debt tables", "甘肃省2021年地方政府一般债务余额情况表"),
    # p.1, the only page: 表二, 全市 (city-wide) 一般公共预算支出 预算数 | 调整预算数 | 决算数
    "5e5201c9acefb502.pdf": ("a government-level final-account table", "武汉市2022年全市一般公共预算支出决算表"),
    # p.1, the only page: 政府性基金收入 11,836,815 … (a fund's revenue is the government's, not a department's)
    "55204a3c28d1877f.pdf": ("a government-level budget table", "2025年成都市政府性基金预算收入执行情况表"),
    # p.1 "2025 年焦作市国民经济和社会发展 / 统计公报" (two lines)
    "74f264f6b9c07b75.pdf": ("a statistical bulletin", "2025年焦作市国民经济和社会发展统计公报"),
    # p.1 title, then "各位代表："; read as a 0-table 部门预算 before
    "2919e78055cc37d2.pdf": ("a budget report to the people's congress", "关于淮南市2025年预算执行情况和2026年预算草案的报告"),
    # p.1 "社会保险基金预算区域绩效目标表 （2026年度） 哈尔滨市": a region's fund, read as a 部门预算 before
    "2e5530798c3b93dc.pdf": ("a government-level budget table", "社会保险基金预算区域绩效目标表"),
    # p.1 "2026年哈尔滨市本级转移支付情况说明 （一）市本级一般公共预算转移支付情况说明"
    "3ce27e233fdc8dd5.pdf": ("a government-level budget table", "2026年哈尔滨市本级转移支付情况说明"),
    # p.1 cover "2024年度全区及区本级财政决算报表 宁夏回族自治区财政厅"; 117 pages, read as a 部门决算 before
    "42d201922a90f0ab.pdf": ("a government-level final-account table book", "2024年度全区及区本级财政决算报表"),
    # corpus, filed as 2026年绵阳市政府办公厅部门预算: p.1 "四川省人民政府办公厅 关于印发«…»的通知 川办规〔２０２５〕１１ 号"
    "a36b74aea35b14f0.pdf": ("a notice or circular of a government office",
                             "四川省人民政府办公厅关于印发«四川省突发事件应急预案管理实施办法»的通知"),
    # corpus, filed as 统计局_2026年部门预算: p.1, the only page
    "46c4e64f1981193d.pdf": ("statistics", "2026年1—2月泉州市国民经济主要指标"),
}


def _extract(pdf: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(YUSUAN), "extract", str(pdf), "--out", str(out)], capture_output=True, text=True,
                          timeout=600)


def _page(path: Path, lines: list[str]) -> Path:
    """A one-page PDF printing ``lines`` top to bottom (a real text layer, CJK font embedded)."""
    fp = FontProperties(fname=str(cjk_font_path()))
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure(figsize=(8.27, 11.69))
        for i, line in enumerate(lines):
            fig.text(0.08, 0.94 - 0.03 * i, line, fontproperties=fp, fontsize=11)
        fig.savefig(path, metadata={"CreationDate": None})
        plt.close(fig)
    return path


def test_the_copied_lookalikes_are_the_files_their_sidecars_name():
    for pdf in sorted(LOOKALIKES.glob("*.pdf")):
        side = yaml.safe_load((LOOKALIKES / f"{pdf.name}.source.yml").read_text(encoding="utf-8"))
        assert side["file"] == pdf.name and side["sha256"] == sha256_file(pdf) and side["bytes"] == pdf.stat().st_size
    assert sum(p.stat().st_size for p in LOOKALIKES.glob("*.pdf")) < 5 * 2 ** 20


@pytest.mark.parametrize("name", sorted(SAID))
def test_a_lookalike_is_refused_with_what_it_is(name, tmp_path):
    what, title = SAID[name]
    pdf = LOOKALIKES / name
    out = tmp_path / "out"
    proc = _extract(pdf, out)
    assert proc.returncode == 2, proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert lines == [f"yusuan: error: {pdf}: {what} ({title}), not a department disclosure"]
    assert not out.exists() or not list(out.iterdir())


def test_a_text_layer_of_digits_only_is_said_to_be_unreadable(tmp_path):
    # CELMA 表1-114 山西省2023年地方政府一般债务余额情况表: its Chinese glyphs map to no character, so the text layer
    # is "1-1 / 14 / 2023 / 20222,984.24 …" (pypdfium2, p.1) — nothing says what it is
    pdf = LOOKALIKES / "c014ba9dc578271a.pdf"
    proc = _extract(pdf, tmp_path / "out")
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"yusuan: error: {pdf}: its text layer prints only digits and signs, no words (its "
                                   "fonts map no glyph to a character), so what it is cannot be read; run OCR first, "
                                   "yusuan reads text PDFs only")


def test_a_performance_evaluation_report_is_refused(tmp_path):
    pdf = _page(tmp_path / "perf.pdf", ["测试市城区道路维护项目（合成）", "2024年度绩效评价报告",
                                        "一、项目基本情况", "项目预算资金500.00万元，全部为一般公共预算经费。"])
    proc = _extract(pdf, tmp_path / "out")
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"yusuan: error: {pdf}: a performance-evaluation report (2024年度绩效评价报告), "
                                   "not a department disclosure")


def test_a_report_to_the_congress_is_one_even_when_it_names_the_departments_budgets(tmp_path):
    pdf = _page(tmp_path / "report.pdf", ["关于测试市（合成）2025年预算执行情况和2026年预算草案的报告", "各位代表：",
                                          "现将2026年部门预算草案一并提交大会审议。", "一、2025年预算执行情况",
                                          "全市一般公共预算收入完成100.00亿元。"])
    proc = _extract(pdf, tmp_path / "out")
    assert proc.returncode == 2
    assert "a budget report to the people's congress (关于测试市(合成)2025年预算执行情况和2026年预算草案的报告), " \
           "not a department disclosure" in proc.stderr


def test_a_department_cover_is_read_though_it_names_the_citys_budget(tmp_path):
    # a department's explanation that quotes the city's budget and a notice in its 职责 is still the department's
    pdf = _page(tmp_path / "dept.pdf", ["2026年测试市财政局（合成）部门预算情况说明", "一、部门职责",
                                        "依据《测试市人民政府关于机构设置的通知》，组织全市一般公共预算收入。",
                                        "二、收入预算情况说明", "2026年收入预算1,000.00万元，全部为财政拨款收入。",
                                        "三、支出预算情况说明", "2026年支出预算1,000.00万元，其中基本支出800.00万元。"])
    proc = _extract(pdf, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    meta = json.loads(next((tmp_path / "out").glob("*/meta.json")).read_text(encoding="utf-8"))
    assert (meta["kind"], meta["status"]) == ("部门预算", "explanation only")


def test_disclosures_are_read_and_say_their_status(tmp_path):
    out = tmp_path / "out"
    alone = tmp_path / "alone"
    alone.mkdir()
    text_half = Path(shutil.copy(RAW / "bj-audit-2026-budget-text.pdf", alone))  # its tables half not beside it
    unit = RAW / "fj-fuzhou-police-order-2026-unit-budget.pdf"
    proc = subprocess.run([str(YUSUAN), "extract", str(unit), str(text_half), str(EXCERPT), "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    metas = {m["file"]: m for m in (json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*/meta.json"))}
    # a unit budget (单位预算) printing every statutory table, some declared empty: p.14 政府性基金预算拨款支出预算表 and
    # p.16 国有资本经营预算拨款支出预算表 print 合计 0.00 and "本单位2026年没有使用…拨款安排的支出"
    assert (metas[unit.name]["kind"], metas[unit.name]["status"], metas[unit.name]["missing_tables"]) == \
        ("单位预算", "complete", [])
    # the explanation half of 北京市审计局 2026 (10 pages of 情况说明, no table)
    assert metas[text_half.name]["status"] == "explanation only"
    # two pages of 杭州市公安局's 2026 budget (p.21–22): only its 部门收入预算总表
    hz = metas[EXCERPT.name]
    assert hz["status"] == "incomplete" and "summary" in hz["missing_tables"] and "revenue" not in hz["missing_tables"]
    said = {ln.split(":")[0]: ln for ln in proc.stdout.splitlines() if not ln.startswith(" ")}
    assert " — complete; " in said[unit.name] and " — explanation only; " in said[text_half.name]
    assert " — incomplete; " in said[EXCERPT.name]


def test_the_report_and_the_index_say_the_status(tmp_path):
    from yusuan.present.htmlreport import write_index, write_report
    from yusuan.steps.extract import extract, write

    folder = write(extract(EXCERPT), tmp_path / "processed", export=False)
    dest = tmp_path / "reports" / folder.name / "report.html"
    write_report(folder, tmp_path / "figures", dest)
    html = dest.read_text(encoding="utf-8")
    assert "法定表格不全" in html and "incomplete" in html and "general_budget_expenditure" in html
    _, csv_path = write_index(tmp_path / "reports")
    index = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    assert index.status.tolist() == ["incomplete"] and "three_public" in index.missing_tables.iloc[0]
    assert "法定表格不全" in (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_batch_gives_each_document_its_status_and_the_views_count_complete_ones(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for p in (RAW / "sh-putuo-wanli-2024-budget.pdf", RAW / "sh-putuo-wanli-2025-budget.pdf", EXCERPT,
              RAW / "bj-audit-2026-budget-text.pdf", LOOKALIKES / "49e929d7ce1655e5.pdf"):
        shutil.copy(p, src)
    out = tmp_path / "out"
    proc = subprocess.run([str(YUSUAN), "batch", str(src), "--out", str(out), "--jobs", "2"], capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 2, proc.stderr  # the look-alike is refused, in one line
    assert f"yusuan: error: {src / '49e929d7ce1655e5.pdf'}: government debt tables (甘肃省2021年地方政府一般债务余额情况表), " \
           "not a department disclosure" in proc.stderr.splitlines()
    index = pd.read_csv(out / "corpus_index.csv", dtype=str, keep_default_na=False).set_index("file")
    assert index.status.to_dict() == {
        "49e929d7ce1655e5.pdf": "not a disclosure", "bj-audit-2026-budget-text.pdf": "explanation only",
        "hz-police-2026-budget-p21-22.pdf": "incomplete", "sh-putuo-wanli-2024-budget.pdf": "complete",
        "sh-putuo-wanli-2025-budget.pdf": "complete"}
    assert "gov_fund_expenditure" in index.loc["hz-police-2026-budget-p21-22.pdf", "missing_tables"]
    assert index.loc["49e929d7ce1655e5.pdf", "reason"].startswith("government debt tables")

    import duckdb

    con = duckdb.connect(str(out / "corpus.duckdb"), read_only=True)
    complete = {r[0] for r in con.execute("SELECT doc_id FROM documents WHERE status = 'complete'").fetchall()}
    assert len(complete) == 2
    for view in ("three_public", "by_function", "basic_vs_project"):
        counted = {r[0] for r in con.execute(f"SELECT DISTINCT doc_id FROM {view}").fetchall()}
        every = {r[0] for r in con.execute(f"SELECT DISTINCT doc_id FROM {view}_all").fetchall()}
        assert counted == complete and complete <= every, view
    # the excerpt's figures are read (its 收入总表: key figures), and counted only when asked for every document
    excerpt = index.loc["hz-police-2026-budget-p21-22.pdf", "doc_id"]
    assert con.execute("SELECT count(*) FROM key_figures WHERE doc_id = ?", [excerpt]).fetchone()[0] > 0
    assert con.execute("SELECT DISTINCT document_status FROM basic_vs_project_all WHERE doc_id = ?",
                       [excerpt]).fetchall() == [("incomplete",)]
    assert con.execute("SELECT count(*) FROM basic_vs_project WHERE doc_id = ?", [excerpt]).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM changes").fetchone()[0] > 0
    con.close()
