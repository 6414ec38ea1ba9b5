"""The HTML report a reader opens: findings first, self-contained, and the index of every report.

``write_report(folder, figures, dest, notebooks)`` writes reports/<doc_id>/report.html from one document's
processed folder (meta.json, key_figures.csv, findings.csv, tables/*.csv), its charts (figures/<doc_id>/
charts.json, or the PNGs there) and the executed notebooks; ``write_index(reports)`` writes
reports/index.html and reports/index.csv listing every report under ``reports``.

The page, top to bottom: the key-figure box (each figure marked checked or not, with the pages it was checked
on), the mismatches as a table (stated, computed, difference, pages, the sentence), the charts each with its
sentence (also its alt text), the tables with their CSV and workbook links, and the method (extraction log and
the executed notebooks) last, collapsed.  Nothing is loaded from the network: no script, no web font; images
are embedded, styles inline.  Amounts print as the document prints them, in 万元, with 亿元 beside large ones.
"""
from __future__ import annotations

import base64
import csv
import json
import os
import posixpath
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from yusuan import __version__

STATUS_WORDS = {  # key-figure status → (mark, words)
    "checked": ("✓", "已核对"),
    "mismatch": ("✗", "不一致"),
    "doubtful": ("?", "表格识别存疑"),
    "unchecked": ("–", "未经核对"),
    "derived": ("＋", "表中分项相加"),  # printed only in parts (基本支出 = 人员支出 + 日常公用支出): the parts shown
    "absent": ("", "未列示"),
}
FINDING_WORDS = {"mismatch": "不一致", "rounding": "四舍五入差", "unverifiable": "无法核对", "ok": "一致"}
# a document's status (meta.json "status", yusuan.steps.extract.STATUSES) as the report and the index say it
DOCUMENT_STATUS_WORDS = {"complete": "法定表格齐全", "incomplete": "法定表格不全", "explanation only": "仅文字说明（表格另册）",
                         "supplementary tables only": "仅附表（无法定表格）"}
SUMMARY_NAME = "summary.json"  # beside each report.html: what the index lists
INDEX_KEYS = ("grand_total", "revenue", "expenditure", "basic", "project", "three_public")  # keyfigures.yml keys
# index.csv: amounts in 万元 whatever unit the table printed (<key>_wan), blank where the disclosure prints none
# where the publisher sits and what it is: meta.json's fields (yusuan.steps.names, yusuan.vocab.divisions)
PLACE_KEYS = ("region", "province", "city", "county", "level", "unit_level", "department_code")
INDEX_COLUMNS = ["doc_id", "publisher", *PLACE_KEYS, "year", "kind", "status", "missing_tables", "pages", "file",
                 *[f"{k}_wan" for k in INDEX_KEYS],
                 "mismatches", "rounding", "unverifiable", "ok", "report", "workbook"]
_PER_WAN = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": Decimal(10000)}


# ------------------------------------------------------------------ formatting

def _dec(s) -> Decimal | None:
    if s is None or s == "":
        return None
    try:
        return Decimal(str(s))
    except InvalidOperation:
        return None


def _places(s: str) -> int:
    s = str(s or "")
    return len(s.split(".")[1]) if "." in s else 0


def fmt_amount(value, unit: str = "万元", places: int | None = None) -> str:
    """An amount as a reader reads it: thousands separators, at most the printed decimals (at most two in
    万元), and 亿元 beside it when it is 1亿元 or more ("37,385.88万元（3.74亿元）").  "" for no value."""
    v = _dec(value)
    if v is None:
        return ""
    if places is None:
        places = min(_places(str(value)), 2)
    wan = v / 10000 if unit == "元" else v * 10000 if unit == "亿元" else v
    shown, shown_unit = (wan, "万元") if unit in ("元", "万元", "亿元") else (v, unit)
    if unit == "元":
        places = 2
    text = f"{shown:,.{places}f}{shown_unit}"
    if shown_unit == "万元" and abs(wan) >= 10000:
        text += f"（{wan / 10000:,.2f}亿元）"
    return text


def fmt_number(value, places: int) -> str:
    v = _dec(value)
    return "" if v is None else f"{v:,.{places}f}"


def _pages(pages) -> str:
    pages = [p for p in pages if p not in ("", None)]
    return "、".join(f"第{p}页" for p in pages)


# ------------------------------------------------------------------ reading the processed folder

def _read(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(Path(target).resolve(), Path(start).resolve())).as_posix()


def _mismatches(findings: list[dict], titles: dict[str, str] | None = None) -> list[dict]:
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    rows = [f for f in findings if f.get("status") == "mismatch"]
    rows.sort(key=lambda f: (order.get(f.get("severity", ""), 9), int(f["page"]) if f.get("page", "").isdigit() else 9999))
    out = []
    for f in rows:
        places = max(_places(f.get("stated", "")), 2 if f.get("unit") in ("万元", "元", "亿元", "%") else 0)
        if f.get("unit") == "%":
            places = max(_places(f.get("stated", "")), 2)
        title = (titles or {}).get(f.get("table", "")) or f.get("table", "")
        where = f"{title} 第{f['row']}行「{f['column']}」" if f.get("table") and f.get("row") else ""
        out.append({
            "severity": f.get("severity", ""), "page": f.get("page", ""), "subject": f.get("subject", ""),
            "stated": fmt_number(f.get("stated"), places), "computed": fmt_number(f.get("computed"), places),
            "difference": fmt_number(f.get("difference"), places), "unit": f.get("unit", ""),
            "where": where, "sentence": f.get("sentence", "") or "", "message": f.get("message", ""),
            "check": f.get("check", ""), "possible": f.get("confidence") == "possible",
            "readings": f.get("readings", "") or "",
        })
    return out


def _charts(figures: Path, dest: Path) -> list[dict]:
    """Charts from figures/<doc_id>/charts.json (name, title, sentence, png, svg, csv, narrow_png), each PNG
    embedded; without charts.json, every PNG there with its name as title."""
    listing = figures / "charts.json"
    if listing.is_file():
        entries = json.loads(listing.read_text(encoding="utf-8"))
    else:
        entries = [{"name": p.stem, "title": p.stem, "sentence": "", "png": p.name,
                    "svg": p.with_suffix(".svg").name, "csv": ""} for p in sorted(figures.glob("*.png"))
                   if not p.stem.endswith("-narrow")]
    out = []
    for e in entries:
        if not e.get("png"):
            out.append({"name": e["name"], "reason": e.get("reason", "")})
            continue
        png = figures / e["png"]
        if not png.is_file():
            continue
        c = {"name": e["name"], "title": e.get("title") or e["name"], "sentence": e.get("sentence") or e.get("title") or e["name"],
             "src": "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii"), "links": []}
        for key, label in (("svg", "SVG（可编辑文字）"), ("csv", "作图数据 CSV"), ("narrow_png", "窄版 PNG（手机）"), ("png", "PNG")):
            if e.get(key) and (figures / e[key]).is_file():
                c["links"].append((label, _rel(figures / e[key], dest.parent)))
        out.append(c)
    return out


def _tables(folder: Path, meta: dict, dest: Path) -> list[dict]:
    out = []
    for t in meta.get("tables", []):
        csv_path = folder / "tables" / f"{t['key']}.csv"
        rows = _read(csv_path)
        status = "空表（本表无数据）" if t.get("empty") else (f"存疑：{t['doubtful']}" if t.get("doubtful") else "")
        out.append({"key": t["key"], "title": t.get("title") or t["key"], "unit": t.get("unit") or "",
                    "pages": _pages(t.get("pages") or []), "rows": t.get("rows", 0), "status": status,
                    "csv": _rel(csv_path, dest.parent) if csv_path.is_file() else "",
                    "header": list(rows[0].keys()) if rows else [], "body": [list(r.values()) for r in rows]})
    return out


def _notebooks_html(notebooks: list[Path]) -> list[dict]:
    """Each executed notebook's outputs as HTML (nbconvert's basic template: no script, no CDN), inputs hidden."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    out = []
    for path in notebooks:
        nb = nbformat.read(str(path), as_version=4)
        nb.cells = [c for c in nb.cells if not {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))]
        body, _ = exporter.from_notebook_node(nb)
        body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S)  # belt and braces: nothing runs
        out.append({"name": path.stem, "href": path.name, "html": body})
    return out


def _env():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("yusuan.present", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env


def report_context(folder: Path, figures: Path, dest: Path, notebooks: list[Path] = ()) -> dict:
    """Everything the report template shows, from a processed folder (see the module's docstring)."""
    folder, figures, dest = Path(folder), Path(figures), Path(dest)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    findings = _read(folder / "findings.csv")
    counts = {s: sum(f.get("status") == s for f in findings) for s in FINDING_WORDS}
    keys = []
    for k in _read(folder / "key_figures.csv"):
        mark, words = STATUS_WORDS.get(k["status"], ("", k["status"]))
        pages = k["checked_pages"].split()
        if k["status"] == "checked":
            how = f"{words}（{_pages(pages)}）"
        elif k["status"] == "mismatch":
            how = f"{words}（见{_pages(pages)}）"
        elif k["status"] == "derived":
            how = f"{words}：{k.get('parts') or ''}"
        else:
            how = words
        keys.append({**k, "shown": fmt_amount(k["value"], k["unit"]) if k["value"] else "—", "mark": mark, "how": how,
                     "printed_at": f"{k['title'] or k['table']} 第{k['page']}页" if k["page"] else ""})
    workbook = folder / f"{folder.name}.xlsx"
    kind = meta.get("kind") or ""
    mismatches = _mismatches(findings, {t["key"]: t.get("title") or "" for t in meta.get("tables", [])})
    return {
        "doc_id": folder.name, "meta": meta, "title": f"{meta.get('publisher') or meta.get('file')} "
                                                      f"{meta.get('year') or ''}年{kind}",
        "stage": "决算" if "决算" in kind else "预算",
        "keys": keys, "counts": counts, "words": FINDING_WORDS,
        # confident mismatches first; those whose readings gave different figures apart (issue 23)
        "mismatches": [m for m in mismatches if not m["possible"]], "possible": [m for m in mismatches if m["possible"]],
        "others": [f for f in findings if f.get("status") in ("rounding", "unverifiable")],
        "charts": _charts(figures, dest), "tables": _tables(folder, meta, dest),
        "workbook": _rel(workbook, dest.parent) if workbook.is_file() else "",
        "datapackage": _rel(folder / "datapackage.json", dest.parent) if (folder / "datapackage.json").is_file() else "",
        "findings_csv": _rel(folder / "findings.csv", dest.parent) if (folder / "findings.csv").is_file() else "",
        "tidy_csv": _rel(folder / "tidy.csv", dest.parent),
        "notebooks": _notebooks_html([Path(n) for n in notebooks]),
        "statutory": meta.get("statutory") or {}, "version": __version__,
        "status": meta.get("status") or "", "status_words": DOCUMENT_STATUS_WORDS.get(meta.get("status") or "", ""),
        "index_href": _rel(dest.parent.parent / "index.html", dest.parent),
    }


def _atomic_write(path: Path, text: str) -> Path:
    from yusuan.base.files import write_bytes

    return write_bytes(Path(path), text.encode("utf-8"))


def write_report(folder: Path, figures: Path, dest: Path, notebooks: list[Path] = ()) -> Path:
    """reports/<doc_id>/report.html (findings first, self-contained) and summary.json beside it for the index.
    ``folder``: data/processed/<doc_id>; ``figures``: figures/<doc_id>; ``notebooks``: executed .ipynb files."""
    ctx = report_context(folder, figures, dest, notebooks)
    page = _env().get_template("report.html.j2").render(**ctx)
    _atomic_write(Path(dest), page)
    wan = {k["key"]: _wan(k["value"], k["unit"]) for k in ctx["keys"]}
    summary = {"doc_id": ctx["doc_id"], "publisher": ctx["meta"].get("publisher") or "",
               **{k: ctx["meta"].get(k) or "" for k in PLACE_KEYS}, "year": ctx["meta"].get("year"),
               "kind": ctx["meta"].get("kind") or "", "status": ctx["status"],
               "missing_tables": ", ".join(ctx["meta"].get("missing_tables") or []),
               "pages": ctx["meta"].get("pages"), "file": ctx["meta"].get("file"),
               **{f"{k}_wan": wan.get(k, "") for k in INDEX_KEYS}, "mismatches": ctx["counts"]["mismatch"], "rounding": ctx["counts"]["rounding"],
               "unverifiable": ctx["counts"]["unverifiable"], "ok": ctx["counts"]["ok"],
               "report": "report.html", "workbook": ctx["workbook"]}
    _atomic_write(Path(dest).with_name(SUMMARY_NAME), json.dumps(summary, ensure_ascii=False, indent=1))
    return Path(dest)


def _wan(value: str, unit: str) -> str:
    """A printed amount in 万元, exactly (decimal), or "" when there is none or its unit is not money."""
    v = _dec(value)
    if v is None or unit not in _PER_WAN:
        return ""
    return format((v * _PER_WAN[unit]).normalize(), "f") if unit != "万元" else str(v)


def write_index(reports: Path) -> tuple[Path, Path]:
    """reports/index.html and reports/index.csv: every report under ``reports`` (one summary.json each), sorted by
    publisher, year and kind, with key totals (万元), the number of mismatches and links."""
    reports = Path(reports)
    rows = []
    for s in sorted(reports.glob(f"*/{SUMMARY_NAME}")):
        try:
            d = json.loads(s.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        d["report"] = f"{s.parent.name}/{d.get('report') or 'report.html'}"
        if d.get("workbook"):  # relative to the report's folder → relative to the index
            d["workbook"] = posixpath.normpath(f"{s.parent.name}/{d['workbook']}")
        rows.append(d)
    rows.sort(key=lambda d: (d.get("publisher") or "", d.get("year") or 0, d.get("kind") or ""))
    import pandas as pd

    from yusuan.base.files import write_csv

    frame = pd.DataFrame([{c: ("" if r.get(c) is None else r.get(c)) for c in INDEX_COLUMNS} for r in rows],
                         columns=INDEX_COLUMNS, dtype=str)
    frame = frame.map(_no_formula)
    csv_path = write_csv(frame, reports / "index.csv")
    shown = [{**r, **{k: fmt_amount(r.get(f"{k}_wan"), "万元", places=2) for k in INDEX_KEYS},
              "status_words": DOCUMENT_STATUS_WORDS.get(r.get("status") or "", "")} for r in rows]
    complete = sum(r.get("status") == "complete" for r in rows)
    page = _env().get_template("index.html.j2").render(rows=shown, complete=complete, version=__version__)
    html_path = _atomic_write(reports / "index.html", page)
    return html_path, csv_path


def _no_formula(v: str) -> str:
    """A cell a spreadsheet would run as a formula (first character =, +, @, or - not starting a number) gets
    a leading apostrophe, as OWASP's CSV-injection advice says."""
    if isinstance(v, str) and v[:1] in ("=", "+", "@", "-", "\t", "\r") and not re.fullmatch(r"-[\d.,]+", v):
        return "'" + v
    return v
