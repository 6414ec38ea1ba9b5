"""Do the charts state the key figures?  Every total a chart states, against the disclosure's key figure.

    python benchmarks/chart_totals.py DIR [--out FOLDER] [--json FILE] [--jobs N]

For every PDF under DIR (recursively): extraction (into --out, a scratch folder of processed data; default a
temporary one), then each chart of :mod:`yusuan.present.charts`.  A chart's stated totals are read from the words
a reader sees — its subtitle and its sentence — not from the chart's own bookkeeping: every amount printed after a
total word (合计, 总计, 基本支出, 项目支出, "…为" beside another year's) must be the disclosure's key figure the
chart is about (meta.json ``key_figures``, yusuan.check.keyfigures) as the chart shows it (its unit, two
decimals), and where the disclosure prints that key figure the chart must state it.  A chart whose parts do not
add up to the key figure says so in those words ("图中各项之和 …"): that sum is no total and is not read as one.

    function        合计 → 一般公共预算支出 or 本年支出 (the table it breaks down)
    basic_project   基本支出 → 基本支出, 项目支出 → 项目支出
    revenue         合计 / 总计 → 本年收入 or 收支总计
    three_public    合计 and "…为" → “三公”经费, its 预算数 (决算), last year's
    projects        项目支出 → 项目支出
    function_detail, economic: state no total of the disclosure (a class's own row, shares of 基本支出)

The year-over-year chart needs two disclosures and is left out.  The unit tests (tests/test_key_figures_one_
reading.py) hold the same on the bundled documents; this script runs it on folders the tests cannot read.
Prints one line per problem and a summary; --json writes {"documents", "charts", "problems": [...]}.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

# which key figures each chart's stated totals may be, by the word that states them
ALLOWED = {
    "function": {"合计": ("general_budget", "expenditure")},
    "basic_project": {"基本支出": ("basic",), "项目支出": ("project",)},
    "revenue": {"合计": ("revenue", "grand_total"), "总计": ("grand_total",)},
    "three_public": {"合计": ("three_public",), "为": ("three_public_previous", "three_public_budget"),
                     "预算": ("three_public_previous", "three_public_budget")},
    "projects": {"项目支出": ("project",)},
    "function_detail": {},
    "economic": {},
}
_AMOUNT = r"([\d,]+\.\d+)"
# an amount right after a total word, in the subtitle or sentence ("图中各项之和 X", the parts when they differ
# from the key figure, is no total and has no such word)
_STATED = re.compile(rf"(合计|总计|基本支出|项目支出|(?<=\d年)预算|为)\s*{_AMOUNT}")
_PER_YUAN = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


def _shown(row: dict, unit: str) -> float | None:
    """A key figure (a meta.json key_figures row) in the unit a chart shows, or None."""
    if not row or not row.get("value") or row.get("unit") not in _PER_YUAN or unit not in _PER_YUAN:
        return None
    return float(row["value"]) * _PER_YUAN[row["unit"]] / _PER_YUAN[unit]


def check_chart(name: str, chart, meta: dict) -> list[str]:
    """Problems of one drawn chart: a stated total that is not the key figure it names, or a key figure the chart
    is about that it does not state.  ``chart``: a yusuan.present.charts.Chart; ``meta``: the disclosure's
    meta.json (its ``key_figures``)."""
    if name not in ALLOWED or not chart.made:
        return []
    rows = {r["key"]: r for r in meta.get("key_figures") or []}
    unit = next((str(u) for u in chart.data["unit"] if u != "%"), "") if chart.data is not None else ""
    problems = []
    matched = set()
    for where, text in (("subtitle", chart.spec.subtitle), ("sentence", chart.sentence)):
        for m in _STATED.finditer(text):
            word, value = m.group(1), float(m.group(2).replace(",", ""))
            keys = ALLOWED[name].get(word)
            if keys is None:
                continue  # a word this chart states no total of the disclosure with
            want = {k: v for k in keys if (v := _shown(rows.get(k), unit)) is not None}
            hit = [k for k, v in want.items() if abs(round(v, 2) - value) <= 0.0051]
            if hit:
                matched.update(hit)
            else:
                got = "，".join(f"{k} {v:,.2f}" for k, v in want.items()) or "none printed"
                problems.append(f"{name}: {where} states {word} {value:,.2f} {unit}; key figure {got}")
    for key, value in (getattr(chart, "totals", None) or {}).items():
        if value is not None and key not in matched:
            problems.append(f"{name}: key figure {key} {value:,.2f} {unit} is not stated")
    return problems


def check_document(pdf: Path, base: Path) -> tuple[str, int, list[str]]:
    """(doc_id, charts drawn, problems) of one PDF, extracted into ``base``."""
    import warnings

    from yusuan import data
    from yusuan.present import charts

    warnings.simplefilter("ignore")
    doc = data.load(pdf, base)
    drawn, problems = 0, []
    for name in charts.CHARTS:
        if name == "yoy":
            continue
        c = charts.make(name, doc.tidy, doc.meta)
        if c.made:
            drawn += 1
            problems += check_chart(name, c, doc.meta)
    return doc.doc_id, drawn, problems


def _one(args):
    pdf, base = args
    from yusuan.base.errors import InputError

    try:
        return str(pdf), *check_document(pdf, base)
    except InputError as exc:
        return str(pdf), "", 0, [f"refused: {exc.reason}"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--out", type=Path, default=None, help="processed data go here (default: a temporary folder)")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args(argv)
    pdfs = sorted(a.folder.rglob("*.pdf"))
    with tempfile.TemporaryDirectory() as tmp:
        base = a.out or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        if a.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(a.jobs) as ex:
                results = list(ex.map(_one, [(p, base) for p in pdfs]))
        else:
            results = [_one((p, base)) for p in pdfs]
    docs = [r for r in results if r[1]]
    charts_drawn = sum(r[2] for r in results)
    problems = [(Path(r[0]).name, p) for r in results for p in r[3] if not p.startswith("refused")]
    for f, p in problems:
        print(f"{f}: {p}")
    print(f"documents: {len(docs)} (refused {len(results) - len(docs)}); charts drawn: {charts_drawn}; "
          f"charts stating a total that is not the key figure, or leaving one out: {len(problems)}")
    if a.json:
        a.json.write_text(json.dumps({"documents": len(docs), "charts": charts_drawn,
                                      "problems": [{"file": f, "problem": p} for f, p in problems]},
                                     ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
