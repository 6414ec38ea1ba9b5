"""The reader's HTML report and the index: findings first, self-contained, every chart shown.

The reports are written by `yusuan report` (runner.report) for every bundled disclosure into a scratch project
(YUSUAN_ROOT), notebooks skipped except for the sample, then opened in a headless Chromium (Debian's chromium,
driven by Playwright) with every request recorded: none may leave the file (no CDN script, no web font)."""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RAW, ROOT, SAMPLE_PDF

from yusuan.present import htmlreport

FINAL = RAW / "sh-putuo-finance-2024-final.pdf"
CHROMIUM = os.environ.get("YUSUAN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]


def _run_report(root: Path, pdfs: list[Path], notebooks: bool) -> subprocess.CompletedProcess:
    code = ("import sys; from yusuan.runner import report; "
            f"sys.exit(report(sys.argv[1:], notebooks={notebooks}))")
    env = dict(os.environ, YUSUAN_ROOT=str(root), JUPYTER_PREFER_ENV_PATH="1",
               MPLCONFIGDIR=str(ROOT / ".cache" / "matplotlib"))
    return subprocess.run([sys.executable, "-c", code, *map(str, pdfs)], cwd=root, env=env, capture_output=True,
                          text=True, timeout=1500)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A scratch project holding reports of every bundled disclosure (the sample with its notebooks)."""
    root = tmp_path_factory.mktemp("project")
    (root / "lib" / "yusuan").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    for pdf in RAW.glob("*.pdf"):
        shutil.copy2(pdf, raw / pdf.name)
    everything = _run_report(root, sorted(p for p in raw.glob("*.pdf") if p.name != SAMPLE_PDF.name), notebooks=False)
    assert everything.returncode == 0, everything.stderr[-3000:]
    sample = _run_report(root, [raw / SAMPLE_PDF.name], notebooks=True)
    assert sample.returncode == 0, sample.stderr[-3000:]
    assert "index of every report: reports/index.html" in sample.stderr
    return root


def _reports(root: Path) -> list[Path]:
    return sorted((root / "reports").glob("*/report.html"))


@pytest.mark.slow
def test_every_disclosure_has_a_readable_report_and_index(project):
    reports = _reports(project)
    # the two halves of a disclosure published as two files are one report
    pdfs = [p for p in RAW.glob("*.pdf") if "-text" not in p.name]
    assert len(reports) == len(pdfs)
    with open(project / "reports" / "index.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["doc_id"] for r in rows] and sorted(r["doc_id"] for r in rows) == sorted(p.parent.name for p in reports)
    for r in rows:
        assert r["publisher"] and r["year"] and r["kind"], r
        # the folder name says who, which year and what kind: <year>-<kind>-<publisher slug>-<hash>
        assert r["doc_id"].startswith(f"{r['year']}-") and len(r["doc_id"].split("-")[-1]) == 16
        assert (project / "reports" / r["report"]).is_file()
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    for r in rows:
        assert f'href="{r["report"]}" title="{r["doc_id"]}"' in index and r["publisher"] in index
    final = next(r for r in rows if r["file"] == FINAL.name)
    # read in the PDF (p.6, 收入支出决算总表): 本年收入合计 2,946.25, 本年支出合计 2,940.05 万元
    assert (final["publisher"], final["year"], final["kind"]) == ("上海市普陀区财政局", "2024", "部门决算")
    assert (final["expenditure_wan"], final["basic_wan"], final["project_wan"]) == ("2940.05", "2336.91", "603.14")
    # 万里街道 2025 prints in 元: 收支总计 189,767,551元 (p.9) = 18,976.7551万元; "三公" 37.91万元 (p.29)
    wanli = next(r for r in rows if r["file"] == "sh-putuo-wanli-2025-budget.pdf")
    assert (wanli["grand_total_wan"], wanli["three_public_wan"]) == ("18976.7551", "37.91")


@pytest.mark.slow
def test_reports_in_a_headless_browser(project):
    """Every report loads with no network request, shows the key-figure box first and an image for every
    chart charts.json lists as drawn; the index links every report."""
    if CHROMIUM is None:
        pytest.skip("no headless Chromium here: install Debian's chromium (apt-get install chromium; .ci/run does) "
                    "or set YUSUAN_CHROMIUM to a Chromium binary")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    reports = _reports(project)
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        except Exception as exc:  # noqa: BLE001 - a browser that cannot start here is a skip, with the reason
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {str(exc).splitlines()[0]}")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        for report in reports + [project / "reports" / "index.html"]:
            requests.clear()
            page.goto(report.as_uri(), wait_until="load")
            outside = [u for u in requests if not u.startswith(("file:", "data:"))]
            assert outside == [], (report, outside)
            if report.name == "index.html":
                assert page.locator("table#reports tbody tr").count() == len(reports)
                continue
            first = page.evaluate("document.querySelector('body > section').id")
            assert first == "key-figures-section", report
            box = page.locator("#key-figures").bounding_box()
            assert box is not None and box["y"] < 900, "the key figures are on the first screen"
            assert page.locator("#key-figures .kf").count() >= 5
            listing = json.loads((project / "figures" / report.parent.name / "charts.json").read_text(encoding="utf-8")) \
                if (project / "figures" / report.parent.name / "charts.json").is_file() else None
            drawn = [c["name"] for c in listing if c.get("png")] if listing is not None else \
                sorted(p.stem for p in (project / "figures" / report.parent.name).glob("*.png") if not p.stem.endswith("-narrow"))
            assert drawn, report
            for name in drawn:
                img = page.locator(f"#chart-{name} img")
                assert img.count() == 1, (report, name)
                assert page.evaluate(f"document.querySelector('#chart-{name} img').naturalWidth") > 100
                assert img.get_attribute("alt").strip(), (report, name)
            # the method section is last and collapsed
            assert page.evaluate("[...document.querySelectorAll('body > section')].pop().id") == "method"
            assert not page.locator("#method details").first.evaluate("d => d.open")
        browser.close()


@pytest.mark.slow
def test_sample_report_holds_its_notebooks_without_scripts(project):
    sample = next(p for p in _reports(project) if "yungangqubangongshi" in p.parent.name)
    text = sample.read_text(encoding="utf-8")
    outside_images = re.sub(r'"data:[^"]*"', '""', text)  # embedded images are base64, where any letters occur
    assert "<script" not in text and "cdn" not in outside_images.lower()
    assert "http://" not in outside_images and "https://" not in outside_images
    assert "笔记本 01-extract" in text and "笔记本 03-structure-charts" in text
    # findings first: the key figures, then the mismatches, then charts, tables, method
    order = [text.index(f'id="{s}"') for s in ("key-figures", "mismatches", "charts", "tables", "method")]
    assert order == sorted(order)
    # the sample's one registered error of its own (p.23, OA 系统 137 vs 137.00 + 3.00) is in the table
    assert "OA协同办公系统和门户网站运维费" in text.split('id="charts"')[0]


def test_amounts_as_readers_read_them():
    assert htmlreport.fmt_amount("1592.14", "万元") == "1,592.14万元"
    assert htmlreport.fmt_amount("37385.88", "万元") == "37,385.88万元（3.74亿元）"
    assert htmlreport.fmt_amount("323800900.89", "元") == "32,380.09万元（3.24亿元）"
    assert htmlreport.fmt_amount("", "万元") == ""
    assert htmlreport.fmt_number("31.55740416883301035118400529", 2) == "31.56"


def test_index_cells_never_run_as_formulas():
    assert htmlreport._no_formula("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert htmlreport._no_formula("+1") == "'+1" and htmlreport._no_formula("@x") == "'@x"
    assert htmlreport._no_formula("-12.5") == "-12.5" and htmlreport._no_formula("国家信访局") == "国家信访局"
