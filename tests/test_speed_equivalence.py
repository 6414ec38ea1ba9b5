"""The fast paths of the table reader give what the slow ones gave (issue 13: speed without a changed figure).

* camelot's lattice tables from the ruling lines yusuan reads off pdfium's path objects (yusuan.pdf.layout) are
  the tables camelot builds from playa's layout tree: same pages, grids and cell edges, same cell text;
* those lines are playa's lines (within pdfium's float precision, far below camelot's tolerances);
* the counts, bounds and characters read with pdfium's calls made directly (yusuan.pdf.pdfium_fast) are those
  pypdfium2's helpers give; the numpy line-crossing test finds camelot's crossings in camelot's order.
"""
from __future__ import annotations

import ctypes
import random

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from conftest import RAW, SAMPLE_PDF

# the sample (stroked lines), Guangdong's thin filled polygons, Shanghai's dense grids, a /Rotate 90 file
FILES = [SAMPLE_PDF, RAW / "gd-zhuhai-commerce-2026-budget.pdf", RAW / "sh-putuo-wanli-2025-budget.pdf",
         RAW / "cq-commerce-2026-budget.pdf"]
FILES = [p for p in FILES if p.is_file()]


def _ruled(path):
    from yusuan.pdf.pdfdoc import open_document, take_pages

    doc = open_document(path)
    held = take_pages(doc)
    if held is not None:
        from yusuan.steps.extract import _close_pages

        _close_pages(*held)
    return doc


def _tables(path, pages, fast: bool):
    """camelot's lattice tables of ``pages``, layouts from pdfium (fast) or playa, as yusuan reads them."""
    import camelot
    import camelot.parsers.lattice as lattice

    from yusuan.pdf import layout, ruling
    from yusuan.steps.extract import LATTICE
    from yusuan.pdf.grid import page_chars, printed_rows

    ruling.install()
    layout.install()
    lattice._GRID_WHITESPACE_REJECT = 101.0
    pdf = pdfium.PdfDocument(str(path))
    loaded = {p: pdf[p - 1] for p in pages}
    chars = {}

    def chars_of(p):
        if p not in chars:
            tp = loaded[p].get_textpage()
            chars[p] = page_chars(tp, loaded[p].get_rotation(), loaded[p].get_mediabox())
            tp.close()
        return chars[p]

    try:
        spec = ",".join(map(str, pages))
        if fast:
            with layout.serving(pages, loaded.__getitem__, chars_of):
                found = list(camelot.read_pdf(str(path), pages=spec, suppress_stdout=True, **LATTICE))
        else:
            found = list(camelot.read_pdf(str(path), pages=spec, suppress_stdout=True, **LATTICE))
        out = []
        for t in found:
            page = int(t.page)
            edges = [[(c.left, c.right, c.top, c.bottom) for c in row] for row in t.cells]
            rows = [r.texts() for r in printed_rows(t, page, chars_of(page))]
            out.append((page, t._bbox, t.rows, t.cols, edges, rows))
        return out
    finally:
        for pg in loaded.values():
            pg.close()
        pdf.close()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_lattice_tables_from_pdfium_paths_are_playas(path):
    doc = _ruled(path)
    pages = doc.ruled_pages()[:12]
    slow, fast = _tables(path, pages, False), _tables(path, pages, True)
    assert [t[0] for t in fast] == [t[0] for t in slow], "tables found on other pages"
    assert fast, "no table found: the comparison proves nothing"
    for (page, bbox_f, rows_f, cols_f, edges_f, text_f), (_, bbox_s, rows_s, cols_s, edges_s, text_s) in zip(fast, slow):
        assert np.allclose(bbox_f, bbox_s, atol=1e-3), page
        assert np.allclose(rows_f, rows_s, atol=1e-3) and np.allclose(cols_f, cols_s, atol=1e-3), page
        assert edges_f == edges_s, f"p.{page}: other cell edges"
        assert text_f == text_s, f"p.{page}: other cell text"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_ruling_lines_from_pdfium_are_playas(path):
    import camelot.image_processing as ip
    import playa
    from camelot.utils import get_page_layout

    from yusuan.pdf import layout, ruling

    ruling.install()
    doc = _ruled(path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        with playa.open(str(path), space="page") as ppdf:
            for number in doc.ruled_pages()[:8]:
                page = ppdf.pages[number - 1]
                old = ip._ruled_lines_from_layout(get_page_layout(page, boxes_flow=None)[0])
                pg = pdf[number - 1]
                new = layout.ruled_lines(pg.raw, page.ctm)
                pg.close()
                assert len(new) == len(old), f"p.{number}"
                # each line of one has its twin in the other, within pdfium's float precision
                rest = list(old)
                for line in new:
                    k = min(range(len(rest)), key=lambda i: max(abs(a - b) for a, b in zip(rest[i], line)))
                    assert max(abs(a - b) for a, b in zip(rest[k], line)) < 1e-3, f"p.{number}: {line}"
                    rest.pop(k)
    finally:
        pdf.close()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_object_counts_and_bounds_match_pypdfium2(path):
    from yusuan.pdf.hrules import _path_bounds
    from yusuan.pdf.pdfdoc import _count_objects
    from yusuan.pdf.pdfium_fast import handle

    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(min(len(pdf), 12)):
            pg = pdf[i]
            paths = list(pg.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4))
            images = sum(1 for _ in pg.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))
            assert _count_objects(pg) == (len(paths), images)
            assert _path_bounds(handle(pg.raw)) == [o.get_bounds() for o in paths]
            pg.close()
    finally:
        pdf.close()


def _reference_chars(textpage):
    """page_chars' characters and boxes through pypdfium2's helpers, one call at a time."""
    out = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch or ch in ("\r", "\n") or pdfium_c.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        try:
            box = textpage.get_charbox(i)
        except pdfium.PdfiumError:
            continue
        try:
            loose = textpage.get_charbox(i, loose=True)
            loose = loose if loose[3] > loose[1] else box
        except pdfium.PdfiumError:
            loose = box
        out.append((ch, box, loose))
    return out


def test_page_chars_reads_what_pypdfium2_reads():
    from yusuan.pdf import grid

    calls = []
    original = grid._not_overprinted
    grid._not_overprinted = lambda chars, boxes: calls.append((list(chars), np.asarray(boxes))) or original(chars, boxes)
    pdf = pdfium.PdfDocument(str(SAMPLE_PDF))
    try:
        for i in (3, 5, 21):
            pg = pdf[i]
            tp = pg.get_textpage()
            calls.clear()
            grid.page_chars(tp, pg.get_rotation(), pg.get_mediabox())
            ref = _reference_chars(tp)
            chars, boxes = calls[0]
            assert chars == [c for c, _, _ in ref]
            assert np.array_equal(boxes, np.array([b for _, b, _ in ref], dtype=float).reshape(-1, 4))
            tp.close()
            pg.close()
    finally:
        grid._not_overprinted = original
        pdf.close()


def test_overprint_keys_packed_as_compared():
    from yusuan.pdf.grid import _not_overprinted

    rng = random.Random(7)
    for _ in range(50):
        n = rng.randint(1, 300)
        chars = [rng.choice("一二三1234 ,.") for _ in range(n)]
        boxes = [(x, y, x + 5, y + 8) for x, y in ((rng.choice([0, 0.3, 10, 10.4, 500.2]) + rng.random() * 2,
                                                  rng.choice([0, 0.2, 30, -12]) + rng.random() * 2) for _ in range(n))]
        b = np.asarray(boxes, dtype=float)
        cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
        code = np.array([ord(c) for c in chars], dtype=np.int64)
        dup = np.zeros(n, dtype=bool)
        for sx in (0.0, 0.5):
            for sy in (0.0, 0.5):
                key = np.stack([code, np.floor(cx + sx).astype(np.int64), np.floor(cy + sy).astype(np.int64)], 1)
                first = np.unique(key, axis=0, return_index=True)[1]
                mask = np.ones(n, dtype=bool)
                mask[first] = False
                dup |= mask
        assert _not_overprinted(chars, boxes) == [i for i in range(n) if not dup[i] or chars[i].isspace()]


def test_line_crossings_are_camelots():
    import camelot.image_processing as ip

    from yusuan.pdf.layout import _line_crossings

    def reference(hs, vs, tol):  # camelot.image_processing._line_crossings as camelot 2.0 writes it
        uf = ip._UnionFind(len(hs) + len(vs))
        crossings = {}
        for hi, h in enumerate(hs):
            for vi, v in enumerate(vs):
                pt = ip._line_crossing(h, v, tol)
                if pt is not None:
                    uf.union(hi, len(hs) + vi)
                    crossings[(hi, vi)] = pt
        return uf, crossings

    rng = random.Random(3)
    for _ in range(40):
        hs = [(rng.choice([10, 12, 300]) + rng.random(), y, rng.choice([200, 202, 500]), y)
              for y in (rng.choice([100, 102, 400.5]) + rng.random() * 3 for _ in range(rng.randint(0, 25)))]
        vs = [(x, rng.choice([90, 101, 350]), x, rng.choice([300, 402.5, 600]) + rng.random())
              for x in (rng.choice([8, 10, 200, 201.9]) + rng.random() * 3 for _ in range(rng.randint(0, 25)))]
        (uf_a, ca), (uf_b, cb) = reference(hs, vs, 2.0), _line_crossings(hs, vs, 2.0)
        assert list(ca.items()) == list(cb.items())
        assert uf_a.parent == uf_b.parent


def test_pdfium_calls_without_argument_checks_agree():
    from yusuan.pdf import pdfium_fast as fp

    pdf = pdfium.PdfDocument(str(SAMPLE_PDF))
    try:
        pg = pdf[3]
        tp = pg.get_textpage()
        raw = fp.handle(tp.raw)
        a = [ctypes.c_double() for _ in range(4)]
        for i in range(0, tp.count_chars(), 7):
            assert fp.GetCharBox(raw, i, *map(ctypes.byref, a))
            left, right, bottom, top = (x.value for x in a)
            assert (left, bottom, right, top) == tp.get_charbox(i)
        tp.close()
        pg.close()
    finally:
        pdf.close()
