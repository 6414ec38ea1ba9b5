"""The compiled loops (yusuan.pdf.native) give exactly what their Python references give, on every bundled page.

Issue 13 asks for speed without a changed figure: each kernel is compared, value for value (floats bit for bit),
with the readable reference it replaces — the characters and boxes of every page, its object counts, every
painted subpath (in two device spaces, with output buffers too small at first so that they must grow), the
text pieces and the text of cells.  The bundled set has stroked lines, thin filled rectangles, curves
(Guangdong's polygons), form objects (Shenzhen's), rotated pages and fake-bold overprinting.
"""
from __future__ import annotations

import random

import numpy as np
import pypdfium2 as pdfium
import pytest

from conftest import RAW

FILES = sorted(RAW.glob("*.pdf"))
ROTATED = (0.0, -1.0, 1.0, 0.0, -3.5, 842.25)  # a /Rotate 90 page matrix with an offset media box


def _pages(path):
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            try:
                yield i + 1, page, tp
            finally:
                tp.close()
                page.close()
    finally:
        pdf.close()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_kernels_agree_with_references_on_every_page(path):
    from yusuan.pdf import grid, layout, native, pdfdoc

    rng = random.Random(path.stem)
    seen = {"chars": 0, "subpaths": 0, "pieces": 0, "boxes": 0}
    for number, page, tp in _pages(path):
        n = tp.count_chars()
        whole = tp.get_text_range(0, n) if n else ""
        # characters: which are kept, their boxes and font boxes
        if len(whole) == n:
            index, boxes, fonts = native.char_boxes(tp.raw, whole)
            chars, ref_boxes, ref_fonts = grid.page_chars_reference(tp, n, whole)
            assert [whole[i] for i in index.tolist()] == chars, f"p.{number}"
            assert np.array_equal(boxes, ref_boxes) and np.array_equal(fonts, ref_fonts), f"p.{number}"
            seen["chars"] += len(chars)
        # object counts
        assert pdfdoc._count_objects(page) == pdfdoc.count_objects_reference(page), f"p.{number}"
        # every painted subpath, in content order, in two device spaces, buffers grown from 8
        for ctm in ((1.0, 0.0, 0.0, 1.0, 0.0, 0.0), ROTATED):
            kinds, flags, starts, ends, xs, ys = native.subpaths(page.raw, ctm, layout.MAX_FORM_DEPTH, capacity=8)
            got = [(("line", "rect", "curve")[k], list(zip(xs[a:b].tolist(), ys[a:b].tolist())), bool(f & 1), bool(f & 2))
                   for k, f, a, b in zip(kinds.tolist(), flags.tolist(), starts.tolist(), ends.tolist())]
            want = [(kind, [tuple(p) for p in pts], stroke, fill) for kind, pts, stroke, fill in layout.shapes(page.raw, ctm)]
            assert got == want, f"p.{number}"
            seen["subpaths"] += len(got)
        # text pieces and cell text
        pc = grid.page_chars(tp, page.get_rotation(), page.get_mediabox())
        pieces = pc.pieces()
        assert pieces == pc.pieces_reference(), f"p.{number}"
        seen["pieces"] += len(pieces)
        if pc.chars:
            w, h = page.get_size()
            boxes = [(x, y, x + rng.uniform(0, 250), y + rng.uniform(0, 40))
                     for x, y in ((rng.uniform(-10, w), rng.uniform(-10, h)) for _ in range(40))]
            # boxes whose edges pass exactly through character centres: edges are inside
            for k in rng.sample(range(len(pc.chars)), min(15, len(pc.chars))):
                cx, cy = float(pc.cx[k]), float(pc.cy[k])
                boxes += [(cx, cy, cx + 20, cy), (cx - 20, cy - 5, cx, cy)]
            assert pc.inside_many(boxes) == [pc.inside(*b) for b in boxes], f"p.{number}"
            seen["boxes"] += len(boxes)
    assert seen["chars"] and seen["pieces"], seen  # the file was read, not skipped


def test_kernels_were_exercised_on_every_kind_of_path():
    """The bundled set holds each branch the subpath kernel has: lines, rects, curves, forms."""
    from yusuan.pdf import native

    kinds, forms = set(), 0
    for path in (RAW / "gd-zhuhai-commerce-2026-budget.pdf", RAW / "sz-finance-2026-budget.pdf",
                 RAW / "yungang-govoffice-2023-budget.pdf", RAW / "sh-putuo-wanli-2025-budget.pdf"):
        for _number, page, _tp in _pages(path):
            kinds |= set(native.subpaths(page.raw, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))[0].tolist())
            forms += sum(1 for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_FORM]))
    assert kinds == {native.LINE, native.RECT, native.CURVE} and forms > 0


def test_blank_lookup_is_str_isspace():
    from yusuan.pdf.native import code_points, is_space

    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert np.array_equal(is_space(code_points(text)).astype(bool), np.array([c.isspace() for c in text]))


def test_many_nested_forms_on_one_page():
    """Twenty form objects side by side (more than the kernels' first stack holds), each placed by its own
    matrix and drawing a closed triangle and a thin filled rectangle: counts and subpaths as the references."""
    import pypdfium2.raw as c

    from yusuan.pdf import layout, native, pdfdoc

    src, dest = pdfium.PdfDocument.new(), pdfium.PdfDocument.new()
    try:
        page = src.new_page(200, 200)
        tri = c.FPDFPageObj_CreateNewPath(10, 10)
        c.FPDFPath_LineTo(tri, 100, 10)
        c.FPDFPath_LineTo(tri, 100, 50)
        c.FPDFPath_Close(tri)
        c.FPDFPath_SetDrawMode(tri, 0, True)
        c.FPDFPage_InsertObject(page.raw, tri)
        rect = c.FPDFPageObj_CreateNewRect(20, 20, 30, 1)
        c.FPDFPath_SetDrawMode(rect, c.FPDF_FILLMODE_ALTERNATE, False)
        c.FPDFPage_InsertObject(page.raw, rect)
        c.FPDFPage_GenerateContent(page.raw)
        target = dest.new_page(600, 800)
        xobject = src.page_as_xobject(0, dest)
        for k in range(20):
            form = xobject.as_pageobject()
            form.transform(pdfium.PdfMatrix().translate(k * 5.5, k * 3.25))
            target.insert_obj(form)
        target.gen_content()
        assert pdfdoc._count_objects(target) == pdfdoc.count_objects_reference(target) == (40, 0)
        ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        kinds, flags, starts, ends, xs, ys = native.subpaths(target.raw, ctm, layout.MAX_FORM_DEPTH, capacity=2)
        got = [(("line", "rect", "curve")[k], list(zip(xs[a:b].tolist(), ys[a:b].tolist())), bool(f & 1), bool(f & 2))
               for k, f, a, b in zip(kinds.tolist(), flags.tolist(), starts.tolist(), ends.tolist())]
        want = [(kind, [tuple(p) for p in pts], stroke, fill) for kind, pts, stroke, fill in layout.shapes(target.raw, ctm)]
        assert len(got) == 40 and got == want
        assert got[-1] == ("rect", [(20.0 + 19 * 5.5, 20.0 + 19 * 3.25), (50.0 + 19 * 5.5, 21.0 + 19 * 3.25)], False, True)
    finally:
        dest.close()
        src.close()


def test_curves_keep_each_bezier_end_point_as_playa_does():
    """A path of Bézier segments (none of the bundled PDFs draws one): pdfium stores three points per curve,
    playa keeps the end point — the kernel as the reference, and the points as drawn."""
    import pypdfium2.raw as c

    from yusuan.pdf import layout, native

    pdf = pdfium.PdfDocument.new()
    try:
        page = pdf.new_page(300, 300)
        obj = c.FPDFPageObj_CreateNewPath(10, 10)
        c.FPDFPath_BezierTo(obj, 20, 40, 60, 40, 70, 10)
        c.FPDFPath_BezierTo(obj, 80, 0, 90, 0, 100, 10)
        c.FPDFPath_LineTo(obj, 100, 60)
        c.FPDFPath_Close(obj)
        c.FPDFPath_MoveTo(obj, 150, 150)  # a second subpath: one stroked line
        c.FPDFPath_LineTo(obj, 250, 150)
        c.FPDFPath_SetDrawMode(obj, 0, True)
        c.FPDFPage_InsertObject(page.raw, obj)
        c.FPDFPage_GenerateContent(page.raw)
        ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        kinds, flags, starts, ends, xs, ys = native.subpaths(page.raw, ctm)
        got = [(("line", "rect", "curve")[k], list(zip(xs[a:b].tolist(), ys[a:b].tolist())), bool(f & 1), bool(f & 2))
               for k, f, a, b in zip(kinds.tolist(), flags.tolist(), starts.tolist(), ends.tolist())]
        assert got == [(kind, [tuple(p) for p in pts], s, f) for kind, pts, s, f in layout.shapes(page.raw, ctm)]
        assert got == [("curve", [(10.0, 10.0), (70.0, 10.0), (100.0, 10.0), (100.0, 60.0), (10.0, 10.0)], True, False),
                       ("line", [(150.0, 150.0), (250.0, 150.0)], True, False)]
    finally:
        pdf.close()
