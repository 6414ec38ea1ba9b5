"""A page's ruling lines from pdfium's path objects, for camelot's vector lattice engine.

camelot's vector engine asks playa for a whole layout tree of each page (``playa.miner.extract_page``:
every glyph, every path, then pdfminer's text grouping) and uses only two things from it:

* the **ruling lines**: ``LTLine``/``LTRect``/``LTCurve`` objects, turned into segments by
  ``camelot.image_processing._ruled_lines_from_layout`` (plus :mod:`yusuan.pdf.ruling`'s thin filled
  polygons and polylines);
* the **text lines**, only to bail out on a page without text (``_document_has_no_text``) and to
  guess whether the page's text runs sideways (``get_rotation``).  The cell text camelot fills in is
  thrown away: yusuan reads every cell from pdfium's characters (:mod:`yusuan.pdf.grid`).

Interpreting a content stream in Python is most of yusuan's extraction time; pdfium has already
parsed it (in C) for the text layer.  :func:`ruled_lines` reads the same path objects from pdfium
and classifies them exactly as ``playa.miner.process_path`` does (subpaths split at each move-to,
a closed single segment is an ``LTLine``, a closed axis-parallel four-point loop an ``LTRect``,
anything else an ``LTCurve`` of its end points), in the same device space (playa's page matrix:
``/Rotate`` and the media box's origin).  pdfium keeps coordinates as 32-bit floats; the
segments agree with playa's within 6e-5 pt (on 3,369 ruled pages of the corpora), far inside
camelot's tolerances (0.5–2 pt).

:func:`install` patches camelot's ``PDFHandler._get_layout`` so that, for the pages yusuan hands
over through :func:`serving`, camelot gets those lines and a stand-in for its text lines instead of
a layout tree.  A page whose characters might make camelot's text grouping say "no text" or
"sideways" (:func:`text_is_upright` is unsure) keeps playa's layout, so camelot decides exactly as
before.  Any other caller of camelot is served by playa as usual.
"""
from __future__ import annotations

import contextlib
import ctypes
import threading
import time
from functools import wraps

import numpy as np
import pypdfium2.raw as pdfium_c

from yusuan.pdf import native
from yusuan.pdf import pdfium_fast as fp
from yusuan.pdf.grid import PageChars
from yusuan.pdf.ruling import FastLayout, curve_lines

_MOVETO, _LINETO, _BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
MAX_FORM_DEPTH = 64  # playa descends into every nested form; a cycle-safe bound far above real nesting

# camelot's thin-filled-rectangle threshold (image_processing._LINE_AS_THIN_RECT_TOL), read by install()
_LINE_AS_THIN_RECT_TOL = 1.5


def _mult(m1, m0):
    """playa.utils.mult_matrix: m1 then m0."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


class _Reader:
    """ctypes output buffers reused across calls."""

    def __init__(self):
        self.m = pdfium_c.FS_MATRIX()
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.m_ref = ctypes.byref(self.m)
        self.xy_ref = (ctypes.byref(self.x), ctypes.byref(self.y))
        self.mode_ref = (ctypes.byref(self.fill), ctypes.byref(self.stroke))


def _shapes(obj, ctm, rd: _Reader, out: list) -> None:
    """Append ``(kind, pts, stroke, fill)`` for each subpath of one path object, as playa's miner
    makes them (``kind``: "line", "rect" or "curve"; ``pts`` in device space)."""
    if not fp.Path_GetDrawMode(obj, *rd.mode_ref):
        return
    fill, stroke = rd.fill.value != 0, bool(rd.stroke.value)
    if not fp.PageObj_GetMatrix(obj, rd.m_ref):
        return
    m = rd.m
    a, b, c, d, e, f = _mult((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
    get_seg, get_pt, get_type, get_close = fp.Path_GetPathSegment, fp.PathSegment_GetPoint, \
        fp.PathSegment_GetType, fp.PathSegment_GetClose
    xr, yr = rd.xy_ref
    x_, y_ = rd.x, rd.y
    ops: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for i in range(fp.Path_CountSegments(obj)):
        seg = get_seg(obj, i)
        if not seg:
            continue
        kind = get_type(seg)
        if kind == _BEZIERTO:  # pdfium stores each curve as three points; playa keeps the end point
            bezier += 1
            if bezier % 3:
                continue
            op = "c"
        else:
            bezier = 0
            op = "m" if kind == _MOVETO else "l"
        if op == "m" and ops:
            _classify(ops, pts, stroke, fill, out)
            ops, pts = [], []
        get_pt(seg, xr, yr)
        x, y = x_.value, y_.value
        ops.append(op)
        pts.append((a * x + c * y + e, b * x + d * y + f))
        if get_close(seg):  # pdfium's close flag: playa's "h", back to the subpath's start
            ops.append("h")
            pts.append(pts[0])
    if ops:
        _classify(ops, pts, stroke, fill, out)


def _classify(ops: list[str], pts: list, stroke: bool, fill: bool, out: list) -> None:
    """playa.miner.process_path for one subpath."""
    shape = "".join(ops)
    if len(ops) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in ("mlh", "ml"):
        out.append(("line", pts[:2], stroke, fill))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                 or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            out.append(("rect", [pts[0], pts[2]], stroke, fill))
            return
    out.append(("curve", pts, stroke, fill))


def _walk(parent, is_form: bool, ctm, rd: _Reader, out: list, depth: int) -> None:
    n, get = fp.children(parent, is_form)
    get_type = fp.PageObj_GetType
    for i in range(n):
        obj = get(i)
        if not obj:
            continue
        t = get_type(obj)
        if t == _PATH:
            _shapes(obj, ctm, rd, out)
        elif t == _FORM and depth < MAX_FORM_DEPTH:
            # a form's objects are placed by their own matrix within the form's, as playa's ctm stacks
            if fp.PageObj_GetMatrix(obj, rd.m_ref):
                m = rd.m
                _walk(obj, True, _mult((m.a, m.b, m.c, m.d, m.e, m.f), ctm), rd, out, depth + 1)


def shapes(page_raw, ctm) -> list:
    """Every painted subpath of a pdfium page (``page.raw``), ``(kind, pts, stroke, fill)`` in the
    device space of ``ctm`` (playa's page matrix), read one pdfium call at a time: the reference
    :func:`yusuan.pdf.native.subpaths` (which :func:`ruled_lines` reads) is tested against."""
    out: list = []
    _walk(fp.handle(page_raw), False, ctm, _Reader(), out, 0)
    return out


def ruled_lines(page_raw, ctm) -> list[tuple[float, float, float, float]]:
    """The segments ``camelot.image_processing._ruled_lines_from_layout`` (as extended by
    :mod:`yusuan.pdf.ruling`) finds in playa's layout of this page, from pdfium's path objects."""
    out: list[tuple[float, float, float, float]] = []
    thin_rect = _LINE_AS_THIN_RECT_TOL
    kinds, flags, starts, ends, all_x, all_y = native.subpaths(page_raw, ctm, MAX_FORM_DEPTH)
    all_x, all_y = all_x.tolist(), all_y.tolist()
    for kind, flag, s, e in zip(kinds.tolist(), flags.tolist(), starts.tolist(), ends.tolist()):
        stroke, fill = bool(flag & 1), bool(flag & 2)
        xs, ys = all_x[s:e], all_y[s:e]
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
        if kind == native.LINE:
            if stroke:
                out.append((x0, y0, x1, y1))
        elif kind == native.RECT:
            if stroke:
                out += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
            elif fill:
                w, h = x1 - x0, y1 - y0
                if min(w, h) <= thin_rect and max(w, h) > thin_rect:
                    if w >= h:
                        out.append((x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
                    else:
                        out.append(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1))
        else:
            out += curve_lines(x0, y0, x1, y1, fill, stroke, list(zip(xs, ys)))
    return out


# ----------------------------------------------------------------------------------------- text lines

# pdfminer's grouping (camelot's defaults): two characters in a row of the content stream join one
# horizontal line when they overlap vertically by more than LINE_OVERLAP of the lower one and sit less
# than CHAR_MARGIN of the wider one apart; likewise one vertical line with the axes swapped.
LINE_OVERLAP = 0.5
CHAR_MARGIN = 1.0
# How far our estimate may be off pdfminer's (pdfium's font boxes are not pdfminer's): a page is left
# to playa unless its horizontal lines outnumber every possible vertical one by this factor.
UPRIGHT_MARGIN = 4
MIN_LINES = 3


def text_is_upright(chars: PageChars) -> bool:
    """Whether camelot's text grouping of this page surely gives some horizontal text lines and no more
    vertical than horizontal ones (so it neither bails out nor turns the page).

    Pairs of characters next to each other in the content stream are tested as pdfminer does, on
    pdfium's font boxes with loosened thresholds: a vertical line needs at least one pair stacked one
    above the other (``vertical``, counted generously); a horizontal line starts at every pair that is
    not side by side (``starts``, counted strictly).  Sure means ``starts`` ≥ ``MIN_LINES`` and
    ``starts`` ≥ ``UPRIGHT_MARGIN`` × (``vertical`` + 1).
    """
    if chars.x0 is None or len(chars.chars) < 2:
        return False
    x0, x1 = chars.font_x0, chars.font_x1
    y0, y1 = chars.line_y0, chars.line_y1
    w, h = x1 - x0, y1 - y0
    if not (np.all(w >= 0) and np.all(h >= 0)):
        return False
    a, b = slice(None, -1), slice(1, None)
    hover = np.minimum(x1[a], x1[b]) - np.maximum(x0[a], x0[b])  # horizontal overlap (negative: gap)
    vover = np.minimum(y1[a], y1[b]) - np.maximum(y0[a], y0[b])
    # generous: anything roughly one above the other within two character heights
    vertical = (hover > 0) & (-vover < 2 * CHAR_MARGIN * np.maximum(h[a], h[b]) + 1.0)
    # strict: side by side with a clear vertical overlap and a small gap
    side = (vover > LINE_OVERLAP * np.minimum(h[a], h[b]) + 0.5) & (-hover < 0.5 * CHAR_MARGIN * np.maximum(w[a], w[b]))
    n_vertical = int(np.count_nonzero(vertical & ~side))
    starts = 1 + int(np.count_nonzero(~side))
    return starts >= MIN_LINES and starts >= UPRIGHT_MARGIN * (n_vertical + 1)


# ----------------------------------------------------------------------------------------- camelot hook

class _Stand:
    """A text line far outside every page: enough for camelot to see text, never inside a table."""
    x0 = y0 = x1 = y1 = -1.0e9
    _objs: list = []

    def get_text(self) -> str:
        return "."


class _Served(threading.local):
    """The pages of the current yusuan call in this thread: ``load(page)`` -> pypdfium2 page,
    ``chars(page)`` -> PageChars (1-based pages)."""
    load = None
    chars = None
    pages: frozenset = frozenset()


_SERVED = _Served()
# pages served each way and the CPU seconds spent reading their rules (for the benchmark's breakdown)
STATS = {"pdfium": 0, "playa": 0, "rules_seconds": 0.0, "playa_seconds": 0.0}


@contextlib.contextmanager
def serving(pages, load, chars):
    """While inside, camelot's lattice layout of each 1-based page in ``pages`` comes from :func:`ruled_lines`
    of ``load(page)`` (a pypdfium2 page); ``chars(page)`` gives its PageChars when the text must be judged."""
    _SERVED.pages, _SERVED.load, _SERVED.chars = frozenset(pages), load, chars
    try:
        yield
    finally:
        _SERVED.pages, _SERVED.load, _SERVED.chars = frozenset(), None, None


def _grid(layout: FastLayout) -> bool:
    """Whether camelot's vector engine finds any table bbox in the layout's lines (as it will, with text).
    The horizontal and vertical lines and the joints are kept on the layout for camelot's own pass
    (``_lines_from_layout``, ``_joints_from_lines``): the same values, computed once."""
    import camelot.image_processing as ip

    layout.h = ip.find_lines_from_layout(layout, "horizontal")
    layout.v = ip.find_lines_from_layout(layout, "vertical")
    layout.joints = ip.find_joints_from_lines(layout.h, layout.v)
    return bool(layout.joints)


def _line_crossings(horizontal_lines, vertical_lines, tol):
    """``camelot.image_processing._line_crossings`` with the pairwise test done by numpy: the same
    crossings, found in the same (h, v) order, united in the same order."""
    import camelot.image_processing as ip

    n_h, n_v = len(horizontal_lines), len(vertical_lines)
    uf = ip._UnionFind(n_h + n_v)
    crossings = {}
    if not n_h or not n_v:
        return uf, crossings
    h = np.array(horizontal_lines, dtype=float).reshape(-1, 4)
    v = np.array(vertical_lines, dtype=float).reshape(-1, 4)
    x_lo, x_hi = np.minimum(h[:, 0], h[:, 2]), np.maximum(h[:, 0], h[:, 2])  # (hx0, hx1) if hx0 <= hx1 else swapped
    y_lo, y_hi = np.minimum(v[:, 1], v[:, 3]), np.maximum(v[:, 1], v[:, 3])
    vx, hy = v[:, 0], h[:, 1]
    hit = ((x_lo[:, None] - tol) <= vx[None, :]) & (vx[None, :] <= (x_hi[:, None] + tol)) \
        & ((y_lo[None, :] - tol) <= hy[:, None]) & (hy[:, None] <= (y_hi[None, :] + tol))
    for hi, vi in zip(*np.nonzero(hit)):
        hi, vi = int(hi), int(vi)
        uf.union(hi, n_h + vi)
        crossings[(hi, vi)] = (vertical_lines[vi][0], horizontal_lines[hi][1])
    return uf, crossings


def install() -> None:
    """Patch camelot (idempotent): ``PDFHandler._get_layout`` serves the pages given to :func:`serving`,
    the ruling hook (:mod:`yusuan.pdf.ruling`) returns their precomputed lines, and the line-crossing test
    runs in numpy."""
    import camelot.image_processing as ip
    from camelot.handlers import PDFHandler

    global _LINE_AS_THIN_RECT_TOL
    _LINE_AS_THIN_RECT_TOL = ip._LINE_AS_THIN_RECT_TOL
    original = PDFHandler._get_layout
    if getattr(original, "_yusuan", False):
        return
    ip._line_crossings = _line_crossings
    _patch_lattice()

    @wraps(original)
    def get_layout(self, page, **layout_kwargs):
        number = page.page_idx + 1
        if number not in _SERVED.pages:
            return original(self, page, **layout_kwargs)
        ctm = page.ctm
        mb = page.mediabox
        x0, y0 = ctm[0] * mb[0] + ctm[2] * mb[1] + ctm[4], ctm[1] * mb[0] + ctm[3] * mb[1] + ctm[5]
        x1, y1 = ctm[0] * mb[2] + ctm[2] * mb[3] + ctm[4], ctm[1] * mb[2] + ctm[3] * mb[3] + ctm[5]
        width, height = abs(x0 - x1), abs(y0 - y1)  # as playa.miner.extract_page sizes its LTPage
        pg = _SERVED.load(number)
        t0 = time.process_time()
        fast = FastLayout(ruled_lines(pg.raw, ctm), (0, 0, width, height))
        grid = _grid(fast)
        STATS["rules_seconds"] += time.process_time() - t0
        # With no grid in its lines camelot finds no table, whatever the text; with one, the text must be
        # surely upright for camelot's text grouping to agree (else playa decides, as before)
        if grid and not text_is_upright(_SERVED.chars(number)):
            STATS["playa"] += 1
            t0 = time.process_time()
            try:
                return original(self, page, **layout_kwargs)
            finally:
                STATS["playa_seconds"] += time.process_time() - t0
        STATS["pdfium"] += 1
        return fast, (width, height), [], [], [_Stand()], [], ""

    get_layout._yusuan = True
    PDFHandler._get_layout = get_layout


def _patch_lattice() -> None:
    """On a page served from pdfium, camelot's lattice parser reuses the lines and joints :func:`_grid`
    found, and skips filling the cells with text (there is none to fill: the stand-in text line lies off
    the page) and tabulating it into ``df`` — yusuan reads every cell from pdfium's characters."""
    import camelot.parsers.lattice as lattice

    lines_from_layout, joints_from_lines = lattice.find_lines_from_layout, lattice.find_joints_from_lines
    record = lattice.Lattice.record_parse_metadata

    @wraps(lines_from_layout)
    def lines_cached(layout, direction="horizontal"):
        if isinstance(layout, FastLayout) and layout.joints is not None:
            return layout.h if direction == "horizontal" else layout.v
        return lines_from_layout(layout, direction)

    @wraps(joints_from_lines)
    def joints_cached(horizontal_lines, vertical_lines, *args, **kwargs):
        for layout in _LAST:
            if horizontal_lines is layout.h and vertical_lines is layout.v and not args and not kwargs:
                return layout.joints
        return joints_from_lines(horizontal_lines, vertical_lines, *args, **kwargs)

    @wraps(record)
    def record_lean(self, table):
        layout = getattr(self, "layout", None)
        if not isinstance(layout, FastLayout):
            return record(self, table)
        # camelot.parsers.base.BaseParser.record_parse_metadata and Lattice's, without the text
        table.flavor = self.id
        table.filename = self.filename
        if table._bbox not in self.table_bbox_parses:
            return
        table.parse = self.table_bbox_parses[table._bbox]
        table.parse_details = self.parse_details
        table.pdf_size = (self.pdf_width, self.pdf_height)
        table._text, table.textlines = [], []
        table._segments = (self.vertical_segments, self.horizontal_segments)

    _LAST: list = []

    @wraps(lattice.Lattice._generate_table_bbox_vector)
    def bbox_vector(self, _original=lattice.Lattice._generate_table_bbox_vector):
        layout = getattr(self, "layout", None)
        _LAST[:] = [layout] if isinstance(layout, FastLayout) and layout.joints is not None else []
        try:
            return _original(self)
        finally:
            _LAST.clear()

    lattice.find_lines_from_layout = lines_cached
    lattice.find_joints_from_lines = joints_cached
    lattice.Lattice.record_parse_metadata = record_lean
    lattice.Lattice._generate_table_bbox_vector = bbox_vector
