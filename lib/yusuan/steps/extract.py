"""Extract every statutory table of a disclosure PDF: the `yusuan extract` step.

Settings, chosen by measurement (see benchmarks/extract.py and README):
camelot's lattice parser with ``engine="vector"`` reads the ruling lines from
the PDF's drawing operators instead of rendering each page to an image and
running OpenCV on it; on these documents (every table is drawn with vector
lines) it finds the same cells several times faster and with far less memory.
"""
from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import shutil
import tempfile
import warnings
from collections import Counter
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pandas as pd

from yusuan.base import paths
from yusuan.base.errors import InputError
from yusuan.base.numbers import parse_number, plain
from yusuan.base.text import clean
from yusuan.check.health import table_health
from yusuan.check.keyfigures import as_rows, readings
from yusuan.pdf import hrules, layout, ruling
from yusuan.pdf.grid import page_chars, printed_rows, stream_rows
from yusuan.pdf.pdfdoc import Document, companion_of, open_document, take_pages
from yusuan.steps.lookalike import refuse
from yusuan.steps.names import Name, read_publisher
from yusuan.steps.names import fields as name_fields
from yusuan.tables.printed import PrintedTable, RawTable, assemble
from yusuan.tables.statutory import complete, coverage
from yusuan.tables.tidy import TIDY_COLUMNS, tidy_rows
from yusuan.vocab import title_key

# boxes_flow=None: camelot's text layout without pdfminer's text-box hierarchy, which is most of its cost and
# whose result nothing here reads (cell text and the lines around a table come from pypdfium2).  Measured on
# the 20 bundled PDFs: the same tables and figures, 29% less CPU time.
LATTICE = dict(flavor="lattice", engine="vector", line_scale=40, layout_kwargs={"boxes_flow": None})
SETTINGS_LABEL = "lattice engine=vector line_scale=40 boxes_flow=None; cell text from pypdfium2 characters"
# A page that prints a statutory table's title but has no full grid (tables ruled only by horizontal
# lines, or not at all) is read by text alignment instead.  On a synthetic horizontal-rules-only page,
# stream kept every row; network and hybrid dropped the last one.
STREAM = dict(flavor="stream")
STREAM_LABEL = "stream (no full grid on the page); cell text from pypdfium2 characters"
HRULES_LABEL = "horizontal rules only: rows from the rules, columns from the text's gaps (yusuan.pdf.hrules)"


@dataclass
class _Found:
    """A table read by yusuan.pdf.hrules, shaped like a camelot table for read_raw_tables."""
    page: int
    _bbox: tuple
    rows: list
    flavor: str = "hrules"


@dataclass
class Extraction:
    doc: Document
    doc_id: str
    meta: dict
    tables: list[PrintedTable]
    tidy: pd.DataFrame


# ---------------------------------------------------------------- document facts

def fiscal_year(doc: Document, tables: list[PrintedTable], companion: Document | None = None) -> int | None:
    """The year the disclosure is about: the year in its table titles, else on its cover (or its companion's)."""
    years = Counter(int(m) for t in tables for m in re.findall(r"(20\d\d)年", t.title))
    for d in (doc, companion):
        if years or d is None:
            continue
        for text in d.clean_pages[:2]:
            years.update(int(m.group(1)) for m in re.finditer(r"(20\d\d)年(度)?.{0,30}?(预算|决算)", text))
        years.update(int(m) for m in re.findall(r"表[（(](20\d\d)年度?[)）]", d.full_text))
    if not years:
        years.update(int(m) for m in re.findall(r"(20\d\d)年", doc.full_text[:20000]))
    return years.most_common(1)[0][0] if years else None


def disclosure_kind(doc: Document) -> str:
    head = "".join(doc.clean_pages[:3])
    whole = doc.full_text
    final = head.count("决算") > head.count("预算") or (whole.count("决算") > whole.count("预算"))
    level = "单位" if re.search(r"单位(预算|决算)(公开)?", head) and not re.search(r"部门(预算|决算)", head) else "部门"
    return f"{level}{'决算' if final else '预算'}"


def publisher(doc: Document, raws: list[RawTable] | None = None) -> str:
    """The publisher's name as the cover prints it, "" when none is printed (yusuan.steps.names.read_publisher:
    the cover's title, its label, the tables' labels, the narrative; a sidecar <pdf>.meta.yml first)."""
    return read_publisher(doc, raws, disclosure_kind(doc)).publisher


def identity(doc: Document) -> dict:
    """{"publisher", "kind", "year"} of a disclosure from its text layer alone (no tables read: the year from
    its cover and table titles), None where it prints none — what pairs a department's years before anything is
    extracted (``corpus.pair_years``)."""
    return {"publisher": publisher(doc) or None, "kind": disclosure_kind(doc) or None, "year": fiscal_year(doc, [])}


# what a file holds: a disclosure is sometimes published as two files (tables / explanation), and an
# archive may hold only one of them, or a supplementary file (performance targets only)
STATUTORY_KEYS = ("summary", "revenue", "expenditure", "appropriation_summary", "general_budget_expenditure",
                  "general_budget_basic_economic", "general_budget_economic", "gov_fund_expenditure", "state_capital",
                  "three_public", "project_expenditure")


def contents_of(doc: Document, tables: list[PrintedTable]) -> str:
    """"tables and explanation", "tables only", "explanation only" or "supplementary tables only" (tables
    but none of the statutory ones: performance targets, procurement …)."""
    from yusuan.check.claims import narrative_pages

    statutory = any(t.key.split("-")[0] in STATUTORY_KEYS for t in tables)
    prose = len(narrative_pages(doc.page_texts)) >= 2
    if statutory:
        return "tables and explanation" if prose else "tables only"
    if tables and any(not t.empty for t in tables):
        return "supplementary tables only"
    return "explanation only"


CONTENTS_NOTE = {
    "explanation only": "no tables in this file: the explanation half of a disclosure whose tables are published "
                        "as a separate PDF (put both in one folder, named …-tables.pdf and …-text.pdf)",
    "supplementary tables only": "none of the statutory tables (收支总表, 支出总表 …) in this file: a supplementary "
                                 "part of a disclosure",
}


# A document's status, said in meta.json, the summary, the report, the index and the corpus (documents.status):
# what a reader may count it as.  Corpus totals count complete documents unless asked otherwise.
STATUSES = {
    "complete": "every statutory table of its template printed (with figures or declared empty)",
    "incomplete": "statutory tables missing (meta.json missing_tables names them)",
    "explanation only": "no tables: the explanation half of a disclosure published as two files",
    "supplementary tables only": "tables, but none of the statutory ones (performance targets, procurement …)",
    "not a disclosure": "refused: a document that resembles a department's disclosure but is not one (the reason "
                        "says what it is: a government's budget table book, debt tables, a report to the congress …)",
    "failed": "refused or stopped: not readable as a text PDF (scanned, encrypted, truncated), or out of time or memory",
}


def document_status(contents: str, statutory: dict[str, str]) -> str:
    """The status of a document read (:data:`STATUSES`): from what the file holds (:func:`contents_of`) and, for
    one with statutory tables, whether every table its template requires is printed (tables.statutory)."""
    if contents in ("tables and explanation", "tables only"):
        return "complete" if complete(statutory) else "incomplete"
    return contents


def status_line(meta: dict) -> str:
    """The status of a read document in a few words: "complete", "incomplete: missing three_public,
    gov_fund_expenditure", "explanation only"."""
    status = meta.get("status") or ""
    missing = meta.get("missing_tables") or []
    return f"{status}: missing {', '.join(missing)}" if status == "incomplete" and missing else status


KIND_SLUGS = {"部门预算": "budget", "单位预算": "unit-budget", "部门决算": "final", "单位决算": "unit-final"}
ID_HASH_HEX = 16  # 64 bits of the sha256: two of a million disclosures share them with odds of about 1 in 40 million


_REGION_SUFFIX = "省|自治区|特别行政区|市|自治州|地区|盟|区|县|旗"


def publisher_slug(name: str, width: int = 32) -> str:
    """An ASCII slug of a publisher's name, for folder names a person can read: the pinyin of its Chinese
    characters without tones, ASCII letters and digits kept, lower case, cut after the last whole syllable
    that fits in ``width`` characters.  Of the regions it starts with only the lowest is kept, and 人民政府
    before an office's own name is dropped ("国家信访局" → "guojiaxinfangju", "北京市审计局" →
    "beijingshishenjiju", "上海市普陀区财政局" → "putuoqucaizhengju", "上海市普陀区人民政府万里街道办事处" →
    "putuoquwanlijiedaobanshichu"); a trailing "（本级）" is dropped.  The index lists the full name; the slug
    only lets a person tell folders apart.  "" for no name."""
    from pypinyin import Style, lazy_pinyin

    name = re.sub(r"[（(][^）)]*[）)]$", "", name or "")
    # "上海市普陀区人民政府万里街道办事处": the lowest region and the office say which one it is
    regions = re.match(rf"(?:[\u4e00-\u9fff]{{2,4}}?(?:{_REGION_SUFFIX}))+", name)
    if regions:
        last = re.findall(rf"[\u4e00-\u9fff]{{2,4}}?(?:{_REGION_SUFFIX})", regions.group(0))[-1]
        rest = name[regions.end():]
        rest = re.sub(r"^人民政府(?=.)", "", rest) if len(rest) > 4 else rest
        name = last + rest if rest else name
    out = ""
    for syl in lazy_pinyin(name, style=Style.NORMAL, errors=lambda s: list(s)):
        syl = re.sub(r"[^a-z0-9]", "", syl.lower().replace("ü", "v"))
        if not syl:
            continue
        if len(out) + len(syl) > width:
            break
        out += syl
    return out


def make_doc_id(doc: Document, year: int | None, kind: str, who: str = "") -> str:
    """<year>-<kind>-<publisher slug>-<16 hex of the sha256>, e.g. 2026-budget-guojiaxinfangju-35b6ffa77c409f11:
    a person reads department, year and kind; the hash keeps two PDFs of one department and year apart.
    Stable across runs (a function of the file's bytes and text only, and of its sidecar's publisher if it has
    one: yusuan.steps.names.sidecar)."""
    slug = publisher_slug(who)
    parts = [str(year or "unknown"), KIND_SLUGS.get(kind, "doc")] + ([slug] if slug else []) + [doc.sha256[:ID_HASH_HEX]]
    return "-".join(parts)


# ---------------------------------------------------------------- camelot

def read_raw_tables(doc: Document) -> list[RawTable]:
    import camelot
    import camelot.parsers.lattice as lattice
    import pypdfium2 as pdfium

    ruling.install()
    layout.install()

    # camelot drops any grid that is ≥90% blank; a 本表无数据 table is exactly that, and we must report it.
    lattice._GRID_WHITESPACE_REJECT = 101.0
    logging.getLogger("camelot").setLevel(logging.ERROR)
    # Pages that draw no vector path cannot hold a ruled table; skipping them (a third of the pages of
    # a typical disclosure: cover, prose) saves camelot's layout pass there.
    # the pages open_document read and left loaded (pdfium's page and text page), else loaded here
    held = take_pages(doc)
    pdf, loaded = held if held is not None else (None, {})
    ruled = doc.ruled_pages()
    if not ruled:
        _close_pages(pdf, loaded)
        return []
    clock = _Clock()
    if pdf is None:
        pdf = pdfium.PdfDocument(str(doc.path))
    chars_of: dict[int, object] = {}
    pieces_of: dict[int, list] = {}

    def page_of(page: int):
        # each page loaded once by pdfium and kept while it may be needed: its paths give camelot its
        # rules (yusuan.pdf.layout), its characters every cell's text
        if page not in loaded:
            with clock("open"):
                loaded[page] = (pdf[page - 1], None)
        return loaded[page][0]

    def chars(page: int):
        if page not in chars_of:
            pg = page_of(page)
            with clock("text"):
                tp = loaded[page][1]
                if tp is None:
                    tp = pg.get_textpage()
                    loaded[page] = (pg, tp)
                chars_of[page] = page_chars(tp, pg.get_rotation(), pg.get_mediabox())
        return chars_of[page]

    def pieces(page: int):
        if page not in pieces_of:
            chars(page)
            with clock("text"):
                pieces_of[page] = chars_of[page].pieces()
        return pieces_of[page]

    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            with clock("camelot"), layout.serving(ruled, page_of, chars):
                found = list(camelot.read_pdf(str(doc.tables_path()), pages=",".join(map(str, ruled)),
                                              suppress_stdout=True, **LATTICE))
            # pages with rules but no grid: tables ruled by horizontal lines only (Word/WPS exports)
            lattice_pages = {int(t.page) for t in found}
            for page in ruled:
                if page in lattice_pages:
                    continue
                pg = page_of(page)
                with clock("hrules"):
                    tables = hrules.read_tables(pg, lambda page=page: chars(page), pg.get_rotation(), pg.get_mediabox())
                for bbox, rows in tables:
                    found.append(_Found(page, bbox, rows))
            gridless = [p for p in _titled_pages(doc) if p not in {int(t.page) for t in found} and p not in doc.too_dense()]
            if gridless:
                with clock("stream"):
                    extra = camelot.read_pdf(str(doc.tables_path()), pages=",".join(map(str, gridless)), suppress_stdout=True, **STREAM)
                found += [t for t in extra if t.shape[0] >= 3 and t.shape[1] >= 2]
        with clock("cells"):
            raw = _raw_tables(found, chars, pieces)
    finally:
        _close_pages(pdf, loaded)
    return raw


def _close_pages(pdf, loaded: dict) -> None:
    for pg, tp in loaded.values():
        if tp is not None:
            tp.close()
        pg.close()
    if pdf is not None:
        pdf.close()


class _Clock:
    """CPU seconds spent per step of :func:`read_raw_tables`, added to ``STEP_SECONDS`` (the benchmark's
    breakdown); a step's time excludes the steps timed inside it."""

    def __init__(self):
        self.stack: list[str] = []

    @contextlib.contextmanager
    def __call__(self, step: str):
        import time

        t0 = time.process_time()
        self.stack.append(step)
        try:
            yield
        finally:
            spent = time.process_time() - t0
            self.stack.pop()
            STEP_SECONDS[step] = STEP_SECONDS.get(step, 0.0) + spent
            if self.stack:  # not the enclosing step's own work
                outer = self.stack[-1]
                STEP_SECONDS[outer] = STEP_SECONDS.get(outer, 0.0) - spent


# CPU seconds per step of read_raw_tables since the process started (benchmarks/extract.py reads it):
# open (pdfium loads the page), camelot (its lattice tables; the rules from pdfium's paths, or playa's
# layout where yusuan.pdf.layout leaves a page to it), text (pdfium's characters and their lines), hrules,
# stream, cells (the printed rows from camelot's grid and the characters)
STEP_SECONDS: dict[str, float] = {}


def _raw_tables(found: list, chars, pieces) -> list[RawTable]:
    by_page: dict[int, list] = {}
    for t in found:
        by_page.setdefault(int(t.page), []).append(t)
    raw: list[RawTable] = []
    for page in sorted(by_page):
        ts = sorted(by_page[page], key=lambda t: -t._bbox[3])
        for k, t in enumerate(ts):
            x1, y1, x2, y2 = t._bbox
            upper = ts[k - 1]._bbox[1] if k else float("inf")
            lower = ts[k + 1]._bbox[3] if k + 1 < len(ts) else float("-inf")
            lines = pieces(page)
            mid = lambda ln: (ln[0] + ln[1]) / 2  # noqa: E731 - a line belongs where its middle is
            above = [ln for ln in lines if mid(ln) >= y2 and ln[1] <= upper + 2 and ln[3]]
            below = [ln for ln in lines if mid(ln) <= y1 and ln[0] >= lower - 2 and ln[3]]
            flavor = getattr(t, "flavor", "lattice")
            if flavor == "hrules":
                rows = t.rows
                for r in rows:
                    r.page = page
            elif flavor == "lattice":
                rows = printed_rows(t, page, chars(page))
            else:
                rows = stream_rows(t, page, chars(page))
            if not rows:
                continue
            raw.append(RawTable(page=page, bbox=(x1, y1, x2, y2), rows=rows,
                                above=_visual_lines(above), below=_visual_lines(below),
                                flavor=flavor, settings={"lattice": SETTINGS_LABEL, "hrules": HRULES_LABEL}.get(
                                    flavor, STREAM_LABEL)))
    return raw


def _titled_pages(doc: Document) -> list[int]:
    """Pages on which a line reads like a statutory table's title (not a contents line)."""
    out = []
    for i, text in enumerate(doc.page_texts):
        if any(clean(line) in ("目录", "目 录") for line in text.splitlines()[:6]):
            continue  # a contents page lists the titles; it is not a table
        for line in text.splitlines():
            t = clean(line)
            if 4 <= len(t) <= 50 and t.endswith(("表", "表）", "表)")) and title_key(t) and not re.search(r"\.{3,}|…{2,}|\d+$", t):
                out.append(i + 1)
                break
    return out


def _visual_lines(lines) -> list[str]:
    """Join text pieces printed on one line, top to bottom.

    Pieces of one title can sit on different baselines (``2023`` in a Latin font
    beside ``年预算收支总表``), so pieces that touch horizontally and overlap
    vertically at all are one line too.
    """
    groups: list[list] = []
    for ln in sorted(lines, key=lambda l: -(l[0] + l[1]) / 2):
        mid, height = (ln[0] + ln[1]) / 2, max(1.0, ln[1] - ln[0])
        for g in groups[-2:]:
            g_lo, g_hi = min(p[0] for p in g), max(p[1] for p in g)
            g_mid, g_h = (g_lo + g_hi) / 2, g_hi - g_lo
            overlap = min(g_hi, ln[1]) - max(g_lo, ln[0])
            touching = any(abs(p[4] - ln[2]) < 12 or abs(ln[4] - p[2]) < 12 for p in g)
            if abs(g_mid - mid) <= 0.5 * min(height, g_h) or (overlap > 0 and touching):
                g.append(ln)
                break
        else:
            groups.append([ln])
    groups.sort(key=lambda g: -max(p[1] for p in g))
    return [" ".join(p[3] for p in sorted(g, key=lambda l: l[2])) for g in groups]


# ---------------------------------------------------------------- writing

def table_frame(t: PrintedTable) -> pd.DataFrame:
    names = [(f"{c.side} / {c.name}" if c.side and c.name else (c.side or c.name)) for c in t.columns]
    seen: Counter = Counter()
    header = []
    for n in names:
        seen[n] += 1
        header.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    rows = []
    for r in t.body:
        rows.append([plain(parse_number(v)) if c.role == "value" and parse_number(v) is not None else v
                     for c, v in zip(t.columns, r)])
    return pd.DataFrame(rows, columns=header, dtype=str)


def _versions() -> dict:
    out = {}
    for pkg in ("yusuan", "camelot-py", "pypdfium2", "playa-pdf", "pandas"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    return out


def _page_list(pages: list[int]) -> str:
    """"p. 3–20, 22" for [3, 4, …, 20, 22]."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return "p. " + ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def extract(path: Path) -> Extraction:
    doc = open_document(path)
    refuse(doc)  # a look-alike (a government's budget book, debt tables, a report to the congress …): what it is
    try:
        raw = read_raw_tables(doc)
    except MemoryError:
        raise  # a bound, not the file's fault: the caller reports it
    except Exception as exc:  # camelot/playa failures on malformed files
        raise InputError(path, f"could not read tables ({type(exc).__name__}: {exc})") from None
    tables = assemble(raw)
    images = doc.image_pages()
    if images and not any(not t.empty for t in tables):
        raise InputError(path, f"its table pages are images without a text layer ({_page_list(images)} of "
                               f"{doc.n_pages}); run OCR first, yusuan reads text PDFs only")
    companion = None
    other = companion_of(doc.path)
    if other is not None:
        try:
            companion = open_document(other)
            refuse(companion)
        except InputError:
            companion = None
    year, kind = fiscal_year(doc, tables, companion), disclosure_kind(doc)
    name = read_publisher(doc, raw, kind)
    if not name.publisher and companion is not None:  # the explanation half names it where the tables do not
        name = read_publisher(companion, None, kind)
        name = Name(name.publisher, f"{name.source} of {companion.path.name}" if name.source else "", name.unit_level)
    who = name.publisher
    doc_id = make_doc_id(doc, year, kind, who)
    for t in tables:
        t.read_stages(year)
        h = table_health(doc_id, t)
        t.health, t.doubtful = h.as_dict(), h.doubtful
    if not any(t.key in ("summary", "expenditure", "revenue", "appropriation_summary", "general_budget_expenditure") for t in tables) \
            and not re.search(r"(预算|决算)", doc.full_text):
        raise InputError(path, "no budget tables found; not a budget disclosure?")
    tidy = pd.DataFrame([r for t in tables for r in tidy_rows(doc_id, t, year)], columns=TIDY_COLUMNS, dtype=str)
    contents = contents_of(doc, tables)
    # which statutory tables it prints (yusuan.tables.statutory); not asked of an explanation-only or supplementary file
    statutory = coverage(kind, tables, list(doc.page_texts) + (list(companion.page_texts) if companion else [])) \
        if contents in ("tables and explanation", "tables only") else {}
    meta = {
        "doc_id": doc_id,
        "file": doc.path.name,
        "sha256": doc.sha256,
        "publisher": who,
        # where the name was read, the publisher's place and level (yusuan.steps.names, yusuan.vocab.divisions)
        **name_fields(doc, name, year, kind),
        "companion": companion.path.name if companion else None,
        "year": year,
        "kind": kind,
        "pages": doc.n_pages,
        "image_pages": images,  # pages without a text layer (pictures of pages): their figures are not read
        "unreadable_pages": doc.unreadable_pages,  # pages pdfium cannot load: nothing on them is read
        "skipped_pages": {str(p): why for p, why in doc.too_dense().items()},  # too dense to be a printed table
        "tables": [
            {"key": t.key, "title": t.title, "unit": t.unit, "pages": t.pages, "rows": len(t.body),
             "columns": t.header_line(),
             "column_stages": [{"stage": t.column_stage(j), "printed": bool(c.stage), "year": c.year or year}
                               if c.role == "value" else None for j, c in enumerate(t.columns)],
             "empty": t.empty, "settings": t.settings, "notes": t.notes,
             "health": t.health, "doubtful": t.doubtful}
            for t in tables
        ],
        "contents": contents,
        "status": document_status(contents, statutory),
        "statutory": statutory,
        "missing_tables": [k for k, v in statutory.items() if v == "missing"],
        "empty_tables": [t.key for t in tables if t.empty],
        "doubtful_tables": {t.key: t.doubtful for t in tables if t.doubtful},
        # the key figures, each read once (yusuan.check.keyfigures): what the charts state as their totals; the
        # audit rewrites them with what the checks say (key_figures.csv holds the same rows)
        "key_figures": as_rows(readings(tables, year, kind)),
        "settings": SETTINGS_LABEL,
        "versions": _versions(),
    }
    return Extraction(doc=doc, doc_id=doc_id, meta=meta, tables=tables, tidy=tidy)


def write(ex: Extraction, out: Path | None = None, *, excel_csv: bool = False, export: bool = True) -> Path:
    """Write atomically: a temporary sibling folder renamed into place, so nothing half-written is left.

    ``excel_csv``: the CSVs as UTF-8 with a BOM (``utf-8-sig``, for Excel on Windows); default plain UTF-8.
    ``export``: then write ``<doc_id>.xlsx`` and ``datapackage.json`` into the folder (yusuan.present.export; an
    export failure is an InputError of this document); audit_and_write passes False and exports after
    the findings."""
    from yusuan.present.export import csv_encoding

    enc = csv_encoding(excel_csv)
    base = Path(out) if out else paths.PROCESSED
    base.mkdir(parents=True, exist_ok=True)
    final = base / ex.doc_id
    tmp = Path(tempfile.mkdtemp(prefix=f".{ex.doc_id}.", dir=base))
    try:
        paths.honour_umask(tmp, folder=True)  # mkdtemp makes it 0700 whatever the umask
        (tmp / "tables").mkdir()
        for t in ex.tables:
            table_frame(t).to_csv(tmp / "tables" / f"{t.key}.csv", index=False, encoding=enc)
        ex.tidy.to_csv(tmp / "tidy.csv", index=False, encoding=enc)
        (tmp / "meta.json").write_text(json.dumps(ex.meta, ensure_ascii=False, indent=2), encoding="utf-8")
        # keep what later steps wrote (claims, findings) if the folder exists
        if final.exists():
            for extra in final.iterdir():
                if extra.name not in {"tables", "tidy.csv", "meta.json"} and not (tmp / extra.name).exists():
                    shutil.move(str(extra), tmp / extra.name)
            old = final.with_name(f".{ex.doc_id}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.rename(final, old)
            os.rename(tmp, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if export:
        from yusuan.present.export import export as export_folder

        export_folder(final, ex.doc.path)
    return final
