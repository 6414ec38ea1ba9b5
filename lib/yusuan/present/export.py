"""A document's folder as an Excel workbook and a Frictionless Data Package.

    export(folder)   # data/processed/<doc_id>/ → <doc_id>.xlsx and datapackage.json next to its CSVs

Both are made from what the folder holds (``meta.json``, ``tables/<key>.csv``, ``tidy.csv``,
``claims.csv``, ``findings.csv``), so they say exactly what the CSVs say:

* ``<doc_id>.xlsx`` (Office Open XML, written with openpyxl) — one sheet per table as printed (sheet
  name = the table key), then ``tidy``, ``findings`` (when audited) and ``about``.  Every data sheet
  starts with the same four rows: the printed Chinese title, the unit, the source line (publisher, year,
  kind, page(s), table title, yusuan version), the header (bold, frozen); the data follow from row 5
  (:data:`HEADER_ROW` + 1) in printed order.  Amounts are numbers shown with thousands separators and the
  decimals they were printed with; blank cells stay blank (never 0); codes, line numbers and every other
  non-amount column are text (2010301 stays text, 001 keeps its zeros).  The workbook is byte-stable: its
  document properties and zip entries carry a fixed date (:data:`FIXED_TIME`), not the time of the run.
* ``datapackage.json`` — a Frictionless Data Package (v2, https://datapackage.org/; tabular resources
  with Table Schemas) describing tidy.csv, every tables/<key>.csv, claims.csv and findings.csv, whose
  ``model`` section follows the Fiscal Data Package 0.3 logical model (measures with ``currency: CNY``,
  ``factor`` 10000 for 万元 / 10⁸ for 亿元 / 1 for 元, ``phase``; dimensions for the stage, year, function
  and economic classifications).  ``frictionless validate`` passes on it.

CSVs stay plain UTF-8 by default; ``excel_csv=True`` (``--excel-csv``) writes them with a BOM
(``utf-8-sig``), which Excel on Windows needs to show Chinese text; :func:`read_csv` reads both.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from yusuan import __version__
from yusuan.base import paths
from yusuan.base.errors import InputError

__all__ = ["export", "write_workbook", "write_datapackage", "workbook", "datapackage", "source_line",
           "read_csv", "write_csv", "csv_encoding", "unit_factor", "UNIT_FACTORS", "CURRENCY", "PHASES",
           "HEADER_ROW", "FIXED_TIME", "sheet_names"]

CURRENCY = "CNY"  # ISO 4217: every amount a disclosure prints is in renminbi
# how many 元 one printed unit is (Fiscal Data Package ``factor``: multiply the printed figure by it)
UNIT_FACTORS = {"元": 1, "十元": 10, "百元": 100, "千元": 1_000, "万元": 10_000, "十万元": 100_000,
                "百万元": 1_000_000, "千万元": 10_000_000, "亿元": 100_000_000}
# tidy's stage → Fiscal Data Package ``phase`` (a published 部门预算 is the budget as approved by the 人大)
PHASES = {"预算": "approved", "调整预算": "adjusted", "执行": "executed", "决算": "executed"}
HEADER_ROW = 4  # data sheets: 1 title, 2 unit, 3 source line, 4 header; data from row 5
FIXED_TIME = datetime(1980, 1, 1)  # the workbook's created/modified and zip entry dates (byte-stable re-runs)
SHEET_MAX = 31
NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")  # an amount as tables/*.csv and tidy.csv write it (numbers.plain)
INT_RE = re.compile(r"^-?\d+$")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_NUMERIC_LOOKING = re.compile(r"^[\s\d.,+\-%]+$")
# what the xlsx XML (XML 1.0) cannot hold: C0 controls but tab/newline/return, surrogates, U+FFFE/U+FFFF (pdfium
# reports some hyphens as U+FFFE: "2025年\ufffe2026年")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_RESERVED = {"tidy", "findings", "about", "history"}

# tables whose rows are 支出功能分类 (function classification) by the 财政部 templates; economic tables have
# "economic" in their key (general_budget_basic_economic, general_budget_economic, …)
FUNCTION_TABLES = {"expenditure", "general_budget_expenditure", "gov_fund_expenditure", "state_capital"}

# the findings/claims/tidy columns that are numbers or integers (everything else is text)
TIDY_NUMBERS = {"value"}
TIDY_INTEGERS = {"page", "row", "year"}
FINDING_NUMBERS = {"stated", "computed", "difference", "tolerance"}
FINDING_INTEGERS = {"row", "page"}


# ------------------------------------------------------------------ CSV encodings

def csv_encoding(excel: bool = False) -> str:
    """The encoding a document's CSVs are written in: ``utf-8``, or ``utf-8-sig`` (UTF-8 with a byte-order
    mark, for Excel on Windows) when ``excel``."""
    return "utf-8-sig" if excel else "utf-8"


def read_csv(path: Path):
    """A CSV of a document folder as a frame of strings (blank = ""), with or without a BOM."""
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def write_csv(frame, path: Path, excel: bool = False) -> Path:
    """Write a frame atomically, UTF-8, with a BOM when ``excel`` (findings.write_csv)."""
    from yusuan.base.files import write_csv as _write

    return _write(frame, Path(path), excel=excel)


def _has_bom(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(3) == b"\xef\xbb\xbf"


def _read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [row for row in csv.reader(fh)]


def _atomic_bytes(path: Path, data: bytes) -> Path:
    from yusuan.base.files import write_bytes

    return write_bytes(path, data)


# ------------------------------------------------------------------ what the folder says

def unit_factor(unit: str) -> int | None:
    """元 per printed unit: 1 for 元, 10000 for 万元, 10⁸ for 亿元; None when the unit is not a money unit
    (blank, 人, %, …)."""
    return UNIT_FACTORS.get((unit or "").strip().replace(" ", ""))


def _table_meta(meta: dict) -> dict[str, dict]:
    return {t["key"]: t for t in meta.get("tables", []) if t.get("key")}


def _table_keys(folder: Path, meta: dict) -> list[str]:
    """Table keys in document order (meta.json), then any other tables/*.csv by name."""
    files = {p.stem for p in (folder / "tables").glob("*.csv")}
    keys = [k for k in _table_meta(meta) if k in files]
    return keys + sorted(files - set(keys))


def _value_columns(tmeta: dict | None, header: list[str]) -> list[bool]:
    """Which columns of a printed table hold amounts: meta.json's column_stages is set for exactly those."""
    stages = (tmeta or {}).get("column_stages")
    if stages is None or len(stages) != len(header):
        return [False] * len(header)
    return [s is not None for s in stages]


def _version(meta: dict) -> str:
    return (meta.get("versions") or {}).get("yusuan") or __version__


def _pages_text(pages) -> str:
    pages = [int(p) for p in pages or []]
    if not pages:
        return ""
    if len(pages) == 1:
        return f"第 {pages[0]} 页"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"第 {pages[0]}–{pages[-1]} 页"
    return "第 " + "、".join(map(str, pages)) + " 页"


def _disclosure(meta: dict) -> str:
    year = meta.get("year")
    return f"《{year or ''}{'年' if year else ''}{meta.get('kind') or ''}公开》"


def source_line(meta: dict, key: str | None = None, pages=None) -> str:
    """The line that says where a sheet's figures come from, in the form of the charts' source line
    (:func:`yusuan.present.charts.source_line`) plus the yusuan version that read them:
    "来源：<publisher>《<year>年<kind>公开》「<table title>」，第 4–5 页；yusuan 0.2.0 提取".
    ``key`` None: the whole disclosure (no table, no pages)."""
    who = meta.get("publisher") or meta.get("file") or "?"
    head = f"来源：{who}{_disclosure(meta)}"
    if key is None:
        return f"{head}；yusuan {_version(meta)} 提取"
    tmeta = _table_meta(meta).get(key, {})
    where = _pages_text(pages if pages is not None else tmeta.get("pages"))
    return f"{head}「{tmeta.get('title') or key}」{('，' + where) if where else ''}；yusuan {_version(meta)} 提取"


def _citation(meta: dict) -> str:
    who = meta.get("publisher") or meta.get("file") or "?"
    return (f"{who}{_disclosure(meta)}（{meta.get('file') or ''}，sha256 {meta.get('sha256') or '?'}），"
            f"yusuan {_version(meta)} 提取，数据集 {meta.get('doc_id') or ''}")


def _sidecar(meta: dict, pdf: Path | None) -> dict:
    """The PDF's provenance sidecar (<pdf>.source.yml next to it, else data/raw/<file>.source.yml), {} when
    there is none or its sha256 is not this PDF's (a file of the same name is not the same document)."""
    from yusuan.base.provenance import read_sidecar

    candidates = [pdf] if pdf is not None else []
    if meta.get("file"):
        candidates.append(paths.RAW / meta["file"])
    for c in candidates:
        try:
            side = read_sidecar(Path(c))
        except Exception:  # noqa: BLE001 - a missing or malformed sidecar is no reason to fail the export
            continue
        if not meta.get("sha256") or side.get("sha256") == meta["sha256"]:
            return side
    return {}


# ------------------------------------------------------------------ workbook

def sheet_names(keys: list[str]) -> dict[str, str]:
    """A sheet name per table key: the key itself when it fits Excel's rules (≤ 31 characters, none of
    ``[]:*?/\\``, unique ignoring case, not ``tidy``/``findings``/``about``), else the key shortened with a
    ``~n`` suffix."""
    out: dict[str, str] = {}
    used = set(_RESERVED)
    for k in keys:
        base = _SHEET_BAD.sub("_", k)[:SHEET_MAX] or "table"
        name, n = base, 1
        while name.lower() in used:
            n += 1
            suffix = f"~{n}"
            name = base[:SHEET_MAX - len(suffix)] + suffix
        used.add(name.lower())
        out[k] = name
    return out


def _decimals(s: str) -> int:
    return len(s.split(".", 1)[1]) if "." in s else 0


MAX_SHOWN_DECIMALS = 10  # a recomputed ratio in findings.csv has 27; Excel holds ~15 significant digits anyway


def _number_format(s: str) -> str:
    d = min(_decimals(s), MAX_SHOWN_DECIMALS)
    return "#,##0" + ("." + "0" * d if d else "")


def _text(s: str) -> str:
    return _ILLEGAL.sub("", s)


def _display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in str(s))


class _Sheet:
    """Writes one data sheet: title, unit, source line, bold frozen header, typed cells, widths."""

    def __init__(self, wb, name: str, title: str, unit: str, source: str, header: list[str]):
        from openpyxl.styles import Alignment, Font

        self.ws = wb.create_sheet(name)
        self.header = header
        self.widths = [max(8, min(_display_width(h) + 2, 40)) for h in header]
        ws = self.ws
        ws.cell(row=1, column=1, value=_text(title)).font = Font(bold=True, size=13)
        ws.cell(row=2, column=1, value=_text(unit))
        ws.cell(row=3, column=1, value=_text(source)).font = Font(italic=True, color="555555")
        bold = Font(bold=True)
        wrap = Alignment(wrap_text=True, vertical="center")
        for j, h in enumerate(header, start=1):
            c = ws.cell(row=HEADER_ROW, column=j, value=_text(h))
            c.font, c.alignment, c.data_type = bold, wrap, "s"
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
        self.row = HEADER_ROW

    def add(self, values: list[str], numbers: list[bool], integers: list[bool] | None = None) -> None:
        self.row += 1
        integers = integers or [False] * len(values)
        for j, v in enumerate(values):
            if v == "":
                continue
            c = self.ws.cell(row=self.row, column=j + 1)
            if numbers[j] and NUMBER_RE.match(v):
                c.value = Decimal(v)
                c.number_format = _number_format(v)
                w = _display_width(f"{Decimal(v):,}") + 2
            elif integers[j] and INT_RE.match(v):
                c.value = int(v)
                w = len(v) + 2
            else:
                c.value = _text(v)
                c.data_type = "s"  # never a formula, never a number: "=…", "2010301", "001" stay as printed
                if _NUMERIC_LOOKING.match(v):
                    c.number_format = "@"  # and Excel keeps it text when the cell is edited
                w = _display_width(v) + 2
            if j < len(self.widths):
                self.widths[j] = max(self.widths[j], min(w, 60))

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        for j, w in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(j)].width = w
        if self.header:
            last = get_column_letter(len(self.header))
            self.ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(self.row, HEADER_ROW)}"


def workbook(folder: Path, pdf: Path | None = None):
    """The openpyxl Workbook of a document folder (see the module docstring for its layout).

    Sheets, in order: one per ``tables/<key>.csv`` (document order of meta.json; the printed header line
    and body rows; amounts as numbers in the table's printed unit), ``tidy`` (tidy.csv: value a number,
    page/row/year integers, code text), ``findings`` (findings.csv, when the document was audited:
    stated/computed/difference/tolerance numbers), ``about`` (publisher, year, kind, source file, sha256,
    pages, yusuan version, how to cite, provenance, and the list of tables)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    folder = Path(folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8-sig"))
    tmetas = _table_meta(meta)
    wb = Workbook()
    wb.remove(wb.active)
    keys = _table_keys(folder, meta)
    names = sheet_names(keys)
    for key in keys:
        rows = _read_rows(folder / "tables" / f"{key}.csv")
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        tm = tmetas.get(key, {})
        unit = tm.get("unit") or ""
        s = _Sheet(wb, names[key], tm.get("title") or key, f"单位：{unit}" if unit else "单位：未注明",
                   source_line(meta, key), header)
        numbers = _value_columns(tm, header)
        for r in body:
            s.add(r + [""] * (len(header) - len(r)), numbers)
        s.finish()

    if (folder / "tidy.csv").is_file():
        rows = _read_rows(folder / "tidy.csv")
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        units = sorted({r[header.index("unit")] for r in body if "unit" in header and len(r) == len(header)} - {""})
        s = _Sheet(wb, "tidy", f"{meta.get('publisher') or ''}{_disclosure(meta)}：每个印刷数字一行（tidy.csv）",
                   "单位：见 unit 列（" + "、".join(units) + "）" if units else "单位：见 unit 列",
                   source_line(meta), header)
        nums = [h in TIDY_NUMBERS for h in header]
        ints = [h in TIDY_INTEGERS for h in header]
        for r in body:
            s.add(r, nums, ints)
        s.finish()

    if (folder / "findings.csv").is_file():
        rows = _read_rows(folder / "findings.csv")
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        s = _Sheet(wb, "findings", f"{meta.get('publisher') or ''}{_disclosure(meta)}：核查结果（findings.csv）",
                   "单位：见 unit 列", source_line(meta), header)
        nums = [h in FINDING_NUMBERS for h in header]
        ints = [h in FINDING_INTEGERS for h in header]
        for r in body:
            s.add(r, nums, ints)
        s.finish()

    side = _sidecar(meta, pdf)
    ws = wb.create_sheet("about")
    heading = ws.cell(row=1, column=1, value=_text(f"{meta.get('publisher') or ''}{_disclosure(meta)}"))
    heading.font = Font(bold=True, size=13)
    about = [
        ("发布单位 publisher", meta.get("publisher") or ""),
        # where it sits and what it is (yusuan.steps.names): the place from the list of administrative divisions
        ("地区 region", meta.get("region") or ""),
        ("层级 level", "".join(x for x in (f"{meta['level']}级" if meta.get("level") else "",
                                            f" · {meta['unit_level']}" if meta.get("unit_level") else "") if x)),
        ("行政区划代码 division code", meta.get("division_code") or ""),
        ("部门编码 department code", meta.get("department_code") or ""),
        ("年度 year", meta.get("year")),
        ("类别 kind", meta.get("kind") or ""),
        ("源文件 source file", meta.get("file") or ""),
        ("sha256", meta.get("sha256") or ""),
        ("页数 pages", meta.get("pages")),
        ("数据集 doc_id", meta.get("doc_id") or folder.name),
        ("yusuan 版本 version", _version(meta)),
        ("引用 how to cite", _citation(meta)),
        ("来源 source line", source_line(meta)),
        ("出处 origin", " ".join(str(side.get("origin") or "").split())),
        ("许可 licence", side.get("licence") or side.get("license") or ""),
        ("说明 notes", "金额为原表印刷数（单位见各表第 2 行）；空白单元格即原表空白，不是 0；编码为文本。"),
    ]
    r = 3
    for k, v in about:
        ws.cell(row=r, column=1, value=k).font = Font(bold=True)
        c = ws.cell(row=r, column=2, value=_text(str(v)) if isinstance(v, str) else v)
        if isinstance(v, str):
            c.data_type = "s"
            if re.fullmatch(r"\d+", v):
                c.number_format = "@"  # a code (division, department): text, kept text when edited
        r += 1
    r += 1
    for j, h in enumerate(["工作表 sheet", "表名 title", "单位 unit", "页 pages", "行数 rows", "说明 notes"], start=1):
        ws.cell(row=r, column=j, value=h).font = Font(bold=True)
    for key in keys:
        r += 1
        tm = tmetas.get(key, {})
        notes = ("本表无数据" if tm.get("empty") else "") + (f"；存疑：{tm['doubtful']}" if tm.get("doubtful") else "")
        for j, v in enumerate([names[key], tm.get("title") or key, tm.get("unit") or "",
                               ",".join(map(str, tm.get("pages") or [])), tm.get("rows"), notes.strip("；")], start=1):
            c = ws.cell(row=r, column=j, value=_text(v) if isinstance(v, str) else v)
            if isinstance(v, str):
                c.data_type = "s"
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 80
    for col in "CDEF":
        ws.column_dimensions[col].width = 14

    wb.properties.creator = "yusuan"
    wb.properties.title = f"{meta.get('publisher') or ''}{_disclosure(meta)}"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def _workbook_bytes(wb) -> bytes:
    """The xlsx bytes with fixed dates (openpyxl's save_workbook stamps the time of the run into
    docProps/core.xml and every zip entry; this does not)."""
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_workbook(folder: Path, pdf: Path | None = None) -> Path:
    """Write ``<folder>/<doc_id>.xlsx`` atomically (see :func:`workbook`); the same folder gives the same bytes."""
    folder = Path(folder)
    doc_id = _doc_id(folder)
    return _atomic_bytes(folder / f"{doc_id}.xlsx", _workbook_bytes(workbook(folder, pdf)))


# ------------------------------------------------------------------ data package

def _doc_id(folder: Path) -> str:
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8-sig")).get("doc_id") or folder.name
    except (OSError, ValueError):
        return folder.name


def _name(s: str) -> str:
    """A Data Package name: lower case a–z, 0–9, ``-._``."""
    return re.sub(r"[^a-z0-9._-]+", "-", s.lower()).strip("-") or "x"


def _field_type(cells: list[str], numeric: bool) -> str:
    filled = [c for c in cells if c != ""]
    if numeric and all(NUMBER_RE.match(c) for c in filled):
        return "number"
    return "string"


def _int_type(cells: list[str]) -> str:
    return "integer" if all(INT_RE.match(c) for c in cells if c != "") else "string"


def _dialect_for(header: list[str]) -> dict | None:
    """A printed table whose header line has a blank column name cannot name that field after its label;
    such a CSV is described without header (its first line skipped as a comment row, v2 dialect)."""
    if any(h.strip() == "" for h in header) or len(set(header)) != len(header):
        return {"header": False, "commentRows": [1]}
    return None


def _resource(folder: Path, rel: str, name: str, title: str, fields: list[dict], description: str = "",
              dialect: dict | None = None) -> dict:
    path = folder / rel
    res = {"name": name, "type": "table", "path": rel, "scheme": "file", "format": "csv",
           "mediatype": "text/csv", "encoding": "utf-8-sig" if _has_bom(path) else "utf-8", "title": title}
    if description:
        res["description"] = description
    if dialect:
        res["dialect"] = dialect
    res["schema"] = {"fields": fields, "missingValues": [""]}
    return res


def _tidy_fields(rows: list[list[str]]) -> list[dict]:
    header, body = rows[0], rows[1:]
    col = {h: [r[j] for r in body if j < len(r)] for j, h in enumerate(header)}
    desc = {
        "doc_id": "the document id <year>-<kind>-<publisher pinyin>-<16 hex of the PDF's sha256>",
        "table": "the table key (tables/<key>.csv; catalogue.yml)",
        "page": "the PDF page (1-based) the row is printed on",
        "row": "the body row of the printed table (0-based, printed order)",
        "section": "the side (收入/支出) or implementing unit a row belongs to",
        "code": "classification code as printed (功能分类 2xx, 部门经济分类 3xx, 政府经济分类 5xx, 收入分类 1xx); text",
        "item": "the row's label as printed",
        "column": "the column's printed header",
        "value": "the printed amount, in the row's unit (multiply by the unit's factor for 元)",
        "unit": "the printed unit of value: 元, 万元, 亿元",
        "stage": "预算 / 调整预算 / 执行 / 决算: what the column's header prints, else the table title's stage",
        "year": "the fiscal year the column's header prints, else the disclosure's",
    }
    out = []
    for h in header:
        f = {"name": h, "type": "string", "description": desc.get(h, "")}
        if h in TIDY_NUMBERS:
            f["type"] = _field_type(col.get(h, []), True)
            if f["type"] == "number":
                units = sorted({u for u in col.get("unit", []) if u})
                f["currency"] = CURRENCY
                f["unitField"] = "unit"
                f["factors"] = {u: unit_factor(u) for u in units if unit_factor(u) is not None}
                if len(f["factors"]) == 1 and len(units) == 1:
                    f["factor"] = next(iter(f["factors"].values()))
        elif h in TIDY_INTEGERS:
            f["type"] = _int_type(col.get(h, []))
        elif h == "stage":
            f["constraints"] = {"enum": sorted(set(PHASES) | {v for v in col.get(h, []) if v})}
        if not f["description"]:
            del f["description"]
        out.append(f)
    return out


def _typed_fields(rows: list[list[str]], numbers: set[str], integers: set[str]) -> list[dict]:
    header, body = (rows[0], rows[1:]) if rows else ([], [])
    out = []
    for j, h in enumerate(header):
        cells = [r[j] for r in body if j < len(r)]
        t = "string"
        if h in numbers:
            t = _field_type(cells, True)
        elif h in integers:
            t = _int_type(cells)
        out.append({"name": h, "type": t})
    return out


def datapackage(folder: Path, pdf: Path | None = None) -> dict:
    """The Frictionless Data Package descriptor (a dict) of a document folder.

    Shape (Data Package v2, https://datapackage.org/standard/data-package/; resources are tabular Data
    Resources with Table Schemas, paths relative to the folder)::

        {"$schema": ".../2.0/datapackage.json", "name": <doc_id>, "title": "<publisher>《<year>年<kind>公开》",
         "description" (file, pages, sha256, how to cite), "yusuanVersion", "keywords", "countryCode": "CN",
         "granularity": "aggregated", "fiscalPeriod": {start, end}, "profiles": {"fiscal": "*", "tabular": "*"},
         "sources": [{"title", "path": <pdf file>, "sha256", "origin", "licence"}] (origin and licence
         statement from the PDF's data/raw/<pdf>.source.yml when there is one; no ``licenses``: the statement
         has no Open Definition id or URL, which a Data Package licence requires),
         "resources": [tidy, <one per tables/<key>.csv>, claims, findings],
         "model": {"measures": {...}, "dimensions": {...}}}

    Types: tidy's value ``number`` (``currency`` CNY, ``unitField`` "unit", ``factors`` per unit),
    page/row/year ``integer``, code and every other column ``string``; in a printed table, amount columns
    ``number`` (``currency``, ``factor`` of the table's unit, ``stage``, ``phase``), the rest ``string``;
    in findings, stated/computed/difference/tolerance ``number``, row/page ``integer``.

    ``model`` is the Fiscal Data Package 0.3 logical model (https://specs.frictionlessdata.io/fiscal-data-package/):
    one measure per amount column of every printed table (``source``, ``resource``, ``currency`` CNY,
    ``factor`` = 元 per printed unit, ``phase`` approved/adjusted/executed from the column's stage) and
    ``tidy-value`` (factor when tidy has one unit; else ``factorField``: unit and ``factors``); dimensions
    ``stage`` and ``year`` (tidy), ``function-classification`` / ``economic-classification`` (tidy's code and
    item, ``classificationType`` functional / economic, ``tables`` where such codes appear, ``codePattern``),
    ``table`` and ``column``."""
    folder = Path(folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8-sig"))
    tmetas = _table_meta(meta)
    doc_id = meta.get("doc_id") or folder.name
    side = _sidecar(meta, pdf)
    year = meta.get("year")
    resources = []
    measures: dict[str, dict] = {}
    dimensions: dict[str, dict] = {}

    tidy_rows: list[list[str]] = []
    if (folder / "tidy.csv").is_file():
        tidy_rows = _read_rows(folder / "tidy.csv")
        resources.append(_resource(folder, "tidy.csv", "tidy", "每个印刷数字一行（tidy）", _tidy_fields(tidy_rows),
                                   "One row per printed number: the table, page, row, code, item and column it is "
                                   "printed at, its value in its printed unit, the stage and year of its column."))

    names = {}
    for key in _table_keys(folder, meta):
        rows = _read_rows(folder / "tables" / f"{key}.csv")
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        tm = tmetas.get(key, {})
        numeric = _value_columns(tm, header)
        unit = tm.get("unit") or ""
        factor = unit_factor(unit)
        stages = tm.get("column_stages") or [None] * len(header)
        dialect = _dialect_for(header)
        rname = _name(f"table-{key}")
        names[key] = rname
        fields = []
        for j, h in enumerate(header):
            cells = [r[j] for r in body if j < len(r)]
            fname = h if not dialect else (h.strip() or f"column{j + 1}")
            if dialect and fname in [f["name"] for f in fields]:
                fname = f"{fname} ({j + 1})"
            f = {"name": fname, "type": _field_type(cells, numeric[j]) if numeric[j] else "string"}
            if dialect:
                f["title"] = h
            if f["type"] == "number":
                st = stages[j] if j < len(stages) else None
                f["unit"] = unit
                if factor is not None:
                    f["currency"], f["factor"] = CURRENCY, factor
                if st:
                    f["stage"], f["year"] = st.get("stage"), st.get("year")
                    if st.get("stage") in PHASES:
                        f["phase"] = PHASES[st["stage"]]
                if factor is not None:
                    m = {"source": fname, "resource": rname, "title": f"{tm.get('title') or key}：{h}",
                         "currency": CURRENCY, "factor": factor}
                    if f.get("phase"):
                        m["phase"] = f["phase"]
                    measures[_name(f"{key}.{j + 1}")] = m
            fields.append(f)
        title = tm.get("title") or key
        desc = (f"{title}（单位：{unit or '未注明'}；{_pages_text(tm.get('pages'))}）as printed: header rows flattened "
                f"into one line, body rows in printed order, amounts as plain decimals, blanks blank, codes as text."
                + ("本表无数据 (printed empty)." if tm.get("empty") else "")
                + (f" Doubtful: {tm['doubtful']}." if tm.get("doubtful") else ""))
        res = _resource(folder, f"tables/{key}.csv", rname, title, fields, desc, dialect)
        res["pages"] = [int(p) for p in tm.get("pages") or []]
        res["unit"] = unit
        if factor is not None:
            res["currency"], res["factor"] = CURRENCY, factor
        resources.append(res)

    if (folder / "claims.csv").is_file():
        rows = _read_rows(folder / "claims.csv")
        header = rows[0] if rows else []
        nums = {h for h in header if h in ("value", "total")}
        ints = {h for h in header if h in ("page", "year")}
        resources.append(_resource(folder, "claims.csv", "claims", "说明中的数字（claims）",
                                   _typed_fields(rows, nums, ints),
                                   "The narrative's claims: each figure the explanation states, with its sentence."))
    if (folder / "findings.csv").is_file():
        rows = _read_rows(folder / "findings.csv")
        resources.append(_resource(folder, "findings.csv", "findings", "核查结果（findings）",
                                   _typed_fields(rows, FINDING_NUMBERS, FINDING_INTEGERS),
                                   "The fact-check: each comparison of a stated figure with the figure recomputed "
                                   "from the document's own tables (status ok / rounding / mismatch / unverifiable)."))

    # Fiscal Data Package model over tidy
    if tidy_rows:
        header, body = tidy_rows[0], tidy_rows[1:]
        ix = {h: j for j, h in enumerate(header)}
        units = sorted({r[ix["unit"]] for r in body if "unit" in ix and r[ix["unit"]]})
        factors = {u: unit_factor(u) for u in units if unit_factor(u) is not None}
        m = {"source": "value", "resource": "tidy", "title": "每个印刷数字 (tidy value)", "currency": CURRENCY}
        if len(units) == 1 and units[0] in factors:
            m["factor"] = factors[units[0]]
        else:
            m["factorField"] = "unit"
            m["factors"] = factors
        measures = {"tidy-value": m, **measures}
        if "stage" in ix:
            dimensions["stage"] = {"dimensionType": "other", "primaryKey": ["stage"],
                                   "attributes": {"stage": {"source": "stage", "resource": "tidy"}},
                                   "description": "预算 / 调整预算 / 执行 / 决算; as Fiscal Data Package phase: "
                                                  + ", ".join(f"{k} = {v}" for k, v in PHASES.items()),
                                   "phases": dict(PHASES)}
        if "year" in ix:
            dimensions["year"] = {"dimensionType": "datetime", "primaryKey": ["year"],
                                  "attributes": {"year": {"source": "year", "resource": "tidy"}}}
        if "code" in ix and "table" in ix:
            kinds = {"function-classification": ("functional", r"^2\d{2}(\d{2}){0,2}$",
                                                 "支出功能分类科目 (政府收支分类科目): 类 3 digits, 款 5, 项 7"),
                     "economic-classification": ("economic", r"^[35]\d{2}(\d{2}){0,2}$",
                                                 "部门预算支出经济分类 (3xx) and 政府预算支出经济分类 (5xx)"),
                     "revenue-classification": ("economic", r"^1\d{2}(\d{2}){0,3}$", "收入分类科目 (1xx)")}
            present = list(dict.fromkeys(r[ix["table"]] for r in body))
            by_key = {"function-classification": [k for k in present if k.split("-")[0] in FUNCTION_TABLES],
                      "economic-classification": [k for k in present if "economic" in k],
                      "revenue-classification": []}
            for dim, (ctype, pattern, what) in kinds.items():
                rx = re.compile(pattern)
                coded = [r[ix["table"]] for r in body if rx.match(r[ix["code"]] or "")]
                tables = [k for k in present if k in set(coded) | set(by_key[dim])]
                if not tables and dim == "revenue-classification":
                    continue
                dimensions[dim] = {
                    "dimensionType": "classification", "classificationType": ctype, "primaryKey": ["code"],
                    "attributes": {"code": {"source": "code", "resource": "tidy"},
                                   "title": {"source": "item", "resource": "tidy", "labelfor": "code"}},
                    "description": f"{what}; the tidy rows of these tables whose code matches codePattern (a table "
                                   "that prints names only classifies by item)",
                    "codePattern": pattern, "tables": tables}
        dimensions["table"] = {"dimensionType": "other", "primaryKey": ["table"],
                               "attributes": {"table": {"source": "table", "resource": "tidy"}},
                               "tables": {k: {"resource": names[k], "title": (tmetas.get(k) or {}).get("title") or k}
                                          for k in names}}
        dimensions["column"] = {"dimensionType": "other", "primaryKey": ["column"],
                                "attributes": {"column": {"source": "column", "resource": "tidy"}}}

    pkg = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": _name(doc_id),
        "title": f"{meta.get('publisher') or meta.get('file') or doc_id}{_disclosure(meta)}",
        "description": (f"Tables, figures and fact-check of {meta.get('file') or 'a disclosure'} "
                        f"({meta.get('pages') or '?'} pages, sha256 {meta.get('sha256') or '?'}), read by yusuan "
                        f"{_version(meta)}. Amounts are as printed, in each table's unit; multiply by factor for 元 "
                        f"(CNY). Cite as: {_citation(meta)}"),
        "yusuanVersion": _version(meta),
        "keywords": [k for k in [meta.get("kind"), "预算公开" if "预算" in (meta.get("kind") or "") else "决算公开",
                                 "fiscal data"] if k],
        "countryCode": "CN",
        "granularity": "aggregated",
    }
    if year:
        pkg["fiscalPeriod"] = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    src = {"title": f"{side.get('publisher') or meta.get('publisher') or ''}{_disclosure(meta)}",
           "path": meta.get("file") or "", "sha256": meta.get("sha256") or ""}
    if side.get("origin"):
        src["origin"] = " ".join(str(side["origin"]).split())
    licence = side.get("licence") or side.get("license")
    if licence:  # a statement, not a licence with an Open Definition id or URL: kept on the source
        src["licence"] = " ".join(str(licence).split())
    pkg["sources"] = [{k: v for k, v in src.items() if v}]
    pkg["profiles"] = {"fiscal": "*", "tabular": "*"}  # Fiscal Data Package 0.3's "profile set"
    pkg["resources"] = resources
    if measures:
        pkg["model"] = {"measures": measures, "dimensions": dimensions}
    return pkg


def write_datapackage(folder: Path, pdf: Path | None = None) -> Path:
    """Write ``<folder>/datapackage.json`` atomically (see :func:`datapackage`)."""
    folder = Path(folder)
    text = json.dumps(datapackage(folder, pdf), ensure_ascii=False, indent=2) + "\n"
    return _atomic_bytes(folder / "datapackage.json", text.encode("utf-8"))


# ------------------------------------------------------------------ both

def export(folder: Path, pdf: Path | None = None) -> tuple[Path, Path]:
    """Write ``<doc_id>.xlsx`` and ``datapackage.json`` into a document folder, each atomically; returns
    their paths.  A folder that cannot be exported is that document's error: :class:`InputError` with a
    one-line reason (never a traceback)."""
    folder = Path(folder)
    try:
        if not (folder / "meta.json").is_file():
            raise InputError(folder, "no processed data here (meta.json missing)")
        return write_workbook(folder, pdf), write_datapackage(folder, pdf)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure is this document's, in one line
        raise InputError(folder, f"could not write the workbook / datapackage.json "
                                 f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
