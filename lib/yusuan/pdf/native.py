"""pdfium's per-character and per-path loops, compiled with numba: the same calls, made from machine code.

pdfium answers one character's box or one path segment's point per call, and a table page has thousands
of characters and path segments.  From Python each call costs about a microsecond (ctypes' conversion and
the interpreter's loop, even with :mod:`yusuan.pdf.pdfium_fast`'s unchecked calls); that loop was a third of
yusuan's extraction time.  numba compiles these loops, with pdfium's functions called through the same
loaded library (ctypes function pointers), so a page's characters cost microseconds.

Each kernel does exactly what a readable Python reference beside its caller does, and
``tests/test_speed_equivalence.py`` compares them on real pages:

* :func:`char_boxes` — :func:`yusuan.pdf.grid.page_chars_reference`'s loop (which characters are kept, their
  boxes and font boxes);
* :func:`object_counts` — :func:`yusuan.pdf.pdfdoc.count_objects_reference` (path and image objects, forms
  entered to a depth);
* :func:`subpaths` — :func:`yusuan.pdf.layout.shapes_reference` (playa's classification of every painted
  subpath into line / rect / curve, in device space, in content order).

Handles are passed as integers (``c_size_t``), output buffers as numpy arrays.  The arithmetic is the
Python reference's, operation for operation, in IEEE doubles (no fast-math, so no fused multiply-add):
the results are bit for bit the same (checked on 4,999 pages of every corpus here: 2.6 million characters,
1 million subpaths, 300,000 pieces).  Compiled functions are cached on disk (numba's cache beside this
file, or the user's cache folder when this one is read-only); the first process to import this module
compiles them (about 15 s, once), later ones load them (about a second, with numba itself).  Importing
the module warms every kernel (:func:`warm`), so a process that forks a child per document pays that once.
"""
from __future__ import annotations

import ctypes
import os

import numpy as np
import pypdfium2.raw as pdfium_c

from yusuan.pdf.pdfium_fast import _L

_H = ctypes.c_size_t  # a pdfium handle, as an integer
_PD, _PF, _PI = ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_int)


def _c(name: str, restype, *argtypes):
    f = _L[name]  # a fresh function object (pdfium_fast's, without declared types, stay as they are)
    f.restype, f.argtypes = restype, list(argtypes)
    return f


_IsGenerated = _c("FPDFText_IsGenerated", ctypes.c_int, _H, ctypes.c_int)
_GetCharBox = _c("FPDFText_GetCharBox", ctypes.c_int, _H, ctypes.c_int, _PD, _PD, _PD, _PD)
_GetLooseCharBox = _c("FPDFText_GetLooseCharBox", ctypes.c_int, _H, ctypes.c_int, _PF)  # FS_RECTF: l, t, r, b
_Page_CountObjects = _c("FPDFPage_CountObjects", ctypes.c_int, _H)
_Page_GetObject = _c("FPDFPage_GetObject", _H, _H, ctypes.c_int)
_Form_CountObjects = _c("FPDFFormObj_CountObjects", ctypes.c_int, _H)
_Form_GetObject = _c("FPDFFormObj_GetObject", _H, _H, ctypes.c_ulong)
_GetType = _c("FPDFPageObj_GetType", ctypes.c_int, _H)
_GetMatrix = _c("FPDFPageObj_GetMatrix", ctypes.c_int, _H, _PF)  # FS_MATRIX: a, b, c, d, e, f
_GetDrawMode = _c("FPDFPath_GetDrawMode", ctypes.c_int, _H, _PI, _PI)
_CountSegments = _c("FPDFPath_CountSegments", ctypes.c_int, _H)
_GetPathSegment = _c("FPDFPath_GetPathSegment", _H, _H, ctypes.c_int)
_SegGetPoint = _c("FPDFPathSegment_GetPoint", ctypes.c_int, _H, _PF, _PF)
_SegGetType = _c("FPDFPathSegment_GetType", ctypes.c_int, _H)
_SegGetClose = _c("FPDFPathSegment_GetClose", ctypes.c_int, _H)

# passed to the kernels as arguments (numba's first-class functions), not read as globals: a compiled kernel
# that holds a function's address cannot be cached on disk, one that is given it can
_CHAR_FNS = (_IsGenerated, _GetCharBox, _GetLooseCharBox)
_COUNT_FNS = (_Page_CountObjects, _Page_GetObject, _Form_CountObjects, _Form_GetObject, _GetType)
_PATH_FNS = _COUNT_FNS + (_GetMatrix, _GetDrawMode, _CountSegments, _GetPathSegment, _SegGetPoint, _SegGetType,
                          _SegGetClose)

_PATH, _IMAGE, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM
_MOVETO, _BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
LINE, RECT, CURVE = 0, 1, 2  # subpath kinds, playa's LTLine, LTRect, LTCurve
_M, _L_, _C_, _H_ = 0, 1, 2, 3  # path operators: move, line, curve (end point), close


def _cache_writable() -> bool:
    """numba caches beside this file, else in the user's cache folder; with neither writable, no cache."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__")
    if os.access(here if os.path.isdir(here) else os.path.dirname(here), os.W_OK):
        return True
    home = os.environ.get("NUMBA_CACHE_DIR") or os.path.expanduser("~/.cache")
    return os.access(home, os.W_OK)


import numba  # noqa: E402  (after the ctypes declarations it compiles against)

_jit = numba.njit(cache=_cache_writable(), nogil=True, error_model="numpy")


# ----------------------------------------------------------------------------------------- characters

# str.isspace() of every code point up to the last blank one (U+3000), as a lookup table
_SPACE_TABLE = np.array([chr(c).isspace() for c in range(0x3001)], dtype=np.uint8)


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (uint32; a lone surrogate is its own code point)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def is_space(codes: np.ndarray) -> np.ndarray:
    """``chr(c).isspace()`` of each code point, as uint8."""
    return _SPACE_TABLE[np.minimum(codes, len(_SPACE_TABLE) - 1)] * (codes < len(_SPACE_TABLE))


@_jit
def _char_boxes(fns, tp, n, skip, blank, boxes, fonts, keep):
    _IsGenerated, _GetCharBox, _GetLooseCharBox = fns
    b = np.empty(4)  # pdfium's order: left, right, bottom, top
    r = np.empty(4, np.float32)  # FS_RECTF: left, top, right, bottom
    m = 0
    for i in range(n):
        if skip[i]:
            continue
        if blank[i] and _IsGenerated(tp, i) == 1:
            continue
        if not _GetCharBox(tp, i, b[0:].ctypes, b[1:].ctypes, b[2:].ctypes, b[3:].ctypes):
            continue
        boxes[m, 0], boxes[m, 1], boxes[m, 2], boxes[m, 3] = b[0], b[2], b[1], b[3]
        if _GetLooseCharBox(tp, i, r.ctypes) and r[1] > r[3]:
            fonts[m, 0], fonts[m, 1], fonts[m, 2], fonts[m, 3] = \
                np.float64(r[0]), np.float64(r[3]), np.float64(r[2]), np.float64(r[1])
        else:
            fonts[m, 0], fonts[m, 1], fonts[m, 2], fonts[m, 3] = b[0], b[2], b[1], b[3]
        keep[m] = i
        m += 1
    return m


def char_boxes(textpage_raw, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The printed characters of a text page whose text (``get_text_range(0, n)``) is ``text``, one UTF-16
    unit per character: ``(index, boxes, fonts)`` — the kept characters' indices (int64, n_kept), their boxes
    and font ("loose") boxes ((n_kept, 4) float64: left, bottom, right, top, PDF user space).

    Dropped, as :func:`yusuan.pdf.grid.page_chars_reference` drops them: line breaks, blanks pdfium generated
    (``FPDFText_IsGenerated``), characters without a box; a font box pdfium cannot give (or of no height)
    is the box itself."""
    n = len(text)
    codes = code_points(text)
    skip = ((codes == 10) | (codes == 13)).astype(np.uint8)
    blank = is_space(codes)
    boxes, fonts = np.empty((n, 4)), np.empty((n, 4))
    keep = np.empty(n, np.int64)
    handle = ctypes.cast(textpage_raw, ctypes.c_void_p).value or 0
    m = _char_boxes(_CHAR_FNS, handle, n, skip, blank, boxes, fonts, keep)
    return keep[:m], boxes[:m], fonts[:m]


# ----------------------------------------------------------------------------------------- object counts

@_jit
def _object_counts(fns, page, max_depth):
    _Page_CountObjects, _Page_GetObject, _Form_CountObjects, _Form_GetObject, _GetType = fns
    # depth-first over forms with an explicit stack; counting needs no order.  Returns paths, images,
    # and -1 / -2 for a count or object pdfium could not give
    parents = np.empty(max_depth + 1, np.uint64)
    levels = np.empty(max_depth + 1, np.int64)
    parents[0], levels[0] = page, 0
    top = 1
    paths = images = 0
    while top > 0:
        top -= 1
        parent, level = parents[top], levels[top]
        is_form = level > 0
        n = _Form_CountObjects(parent) if is_form else _Page_CountObjects(parent)
        if n < 0:
            return paths, images, -1
        forms = np.empty(n, np.uint64)
        k = 0
        for i in range(n):
            obj = _Form_GetObject(parent, i) if is_form else _Page_GetObject(parent, i)
            if obj == 0:
                return paths, images, -2
            t = _GetType(obj)
            if t == _PATH:
                paths += 1
            elif t == _IMAGE:
                images += 1
            elif t == _FORM and level < max_depth - 1:
                forms[k] = obj
                k += 1
        if top + k > parents.shape[0]:  # grow the stack
            grown = np.empty(top + k + max_depth, np.uint64)
            grown[:top] = parents[:top]
            parents = grown
            grown_l = np.empty(top + k + max_depth, np.int64)
            grown_l[:top] = levels[:top]
            levels = grown_l
        for j in range(k):
            parents[top], levels[top] = forms[j], level + 1
            top += 1
    return paths, images, 0


def object_counts(page_raw, max_depth: int = 4) -> tuple[int, int, int]:
    """``(paths, images, status)`` of a pdfium page (``page.raw``): path and image objects, forms entered down
    to ``max_depth`` levels as ``page.get_objects(filter=[type], max_depth=4)`` counts them; ``status`` −1 when
    pdfium cannot count a form's or the page's objects, −2 when it cannot give one (0: all read)."""
    handle = ctypes.cast(page_raw, ctypes.c_void_p).value or 0
    paths, images, status = _object_counts(_COUNT_FNS, handle, max_depth)
    return int(paths), int(images), int(status)


# ----------------------------------------------------------------------------------------- subpaths

@_jit
def _push_subpath(ops, px, py, n_ops, n_pts, stroke, fill, kinds, flags, starts, ends, out_x, out_y, n_sub, n_out):
    """playa.miner.process_path for one subpath (ops[:n_ops], points (px, py)[:n_pts]): appends its kind,
    draw flags and points (a line's two, a rect's two corners, a curve's all)."""
    # outputs full: -1 / -2 tell subpaths() to start again with larger ones
    if n_sub >= kinds.shape[0]:
        return -1, n_out
    if n_out + n_pts > out_x.shape[0]:
        return -2, n_out
    # "...lh" whose last point repeats the first: the close is the line (shape[:-2] + "h", pts[:-1])
    if n_ops > 3 and ops[n_ops - 2] == _L_ and ops[n_ops - 1] == _H_ \
            and px[n_pts - 2] == px[0] and py[n_pts - 2] == py[0]:
        ops[n_ops - 2] = _H_
        n_ops -= 1
        n_pts -= 1
    kind, count = CURVE, n_pts
    if (n_ops == 3 and ops[0] == _M and ops[1] == _L_ and ops[2] == _H_) or \
            (n_ops == 2 and ops[0] == _M and ops[1] == _L_):
        kind, count = LINE, 2
    elif n_ops == 5 and ops[0] == _M and ops[1] == _L_ and ops[2] == _L_ and ops[3] == _L_ \
            and (ops[4] == _H_ or ops[4] == _L_):
        x0, y0, x1, y1, x2, y2, x3, y3 = px[0], py[0], px[1], py[1], px[2], py[2], px[3], py[3]
        if px[0] == px[4] and py[0] == py[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                                    or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            kind, count = RECT, 2
    kinds[n_sub] = kind
    flags[n_sub] = (1 if stroke else 0) | (2 if fill else 0)
    starts[n_sub] = n_out
    if kind == RECT:  # its two opposite corners, pts[0] and pts[2]
        out_x[n_out], out_y[n_out] = px[0], py[0]
        out_x[n_out + 1], out_y[n_out + 1] = px[2], py[2]
    else:
        for k in range(count):
            out_x[n_out + k], out_y[n_out + k] = px[k], py[k]
    n_out += count
    ends[n_sub] = n_out
    return n_sub + 1, n_out


@_jit
def _subpaths(fns, page, ctm, max_depth, kinds, flags, starts, ends, out_x, out_y):
    _Page_CountObjects, _Page_GetObject, _Form_CountObjects, _Form_GetObject, _GetType, _GetMatrix, \
        _GetDrawMode, _CountSegments, _GetPathSegment, _SegGetPoint, _SegGetType, _SegGetClose = fns
    # depth-first in content order: a stack of (parent, next child, count, matrix), forms entered where met
    st_parent = np.empty(max_depth + 2, np.uint64)
    st_next = np.empty(max_depth + 2, np.int64)
    st_n = np.empty(max_depth + 2, np.int64)
    st_m = np.empty((max_depth + 2, 6))
    st_parent[0], st_next[0], st_n[0] = page, 0, _Page_CountObjects(page)
    st_m[0, :] = ctm
    top = 0
    mode = np.zeros(2, np.int32)
    mat = np.empty(6, np.float32)
    xy = np.empty(2, np.float32)
    n_sub = n_out = 0
    ops = np.empty(16, np.int64)
    px, py = np.empty(16), np.empty(16)
    while top >= 0:
        i = st_next[top]
        if i >= st_n[top]:
            top -= 1
            continue
        st_next[top] = i + 1
        parent = st_parent[top]
        obj = _Form_GetObject(parent, i) if top > 0 else _Page_GetObject(parent, i)
        if obj == 0:
            continue
        t = _GetType(obj)
        if t == _FORM and top < max_depth:
            if _GetMatrix(obj, mat.ctypes):
                a1, b1, c1, d1, e1, f1 = np.float64(mat[0]), np.float64(mat[1]), np.float64(mat[2]), \
                    np.float64(mat[3]), np.float64(mat[4]), np.float64(mat[5])
                a0, b0, c0, d0, e0, f0 = st_m[top, 0], st_m[top, 1], st_m[top, 2], st_m[top, 3], st_m[top, 4], st_m[top, 5]
                top += 1
                st_parent[top], st_next[top], st_n[top] = obj, 0, _Form_CountObjects(obj)
                st_m[top, 0] = a0 * a1 + c0 * b1
                st_m[top, 1] = b0 * a1 + d0 * b1
                st_m[top, 2] = a0 * c1 + c0 * d1
                st_m[top, 3] = b0 * c1 + d0 * d1
                st_m[top, 4] = a0 * e1 + c0 * f1 + e0
                st_m[top, 5] = b0 * e1 + d0 * f1 + f0
            continue
        if t != _PATH:
            continue
        if not _GetDrawMode(obj, mode[0:].ctypes, mode[1:].ctypes):
            continue
        fill, stroke = mode[0] != 0, mode[1] != 0
        if not _GetMatrix(obj, mat.ctypes):
            continue
        a1, b1, c1, d1, e1, f1 = np.float64(mat[0]), np.float64(mat[1]), np.float64(mat[2]), \
            np.float64(mat[3]), np.float64(mat[4]), np.float64(mat[5])
        a0, b0, c0, d0, e0, f0 = st_m[top, 0], st_m[top, 1], st_m[top, 2], st_m[top, 3], st_m[top, 4], st_m[top, 5]
        a = a0 * a1 + c0 * b1
        b = b0 * a1 + d0 * b1
        c = a0 * c1 + c0 * d1
        d = b0 * c1 + d0 * d1
        e = a0 * e1 + c0 * f1 + e0
        f = b0 * e1 + d0 * f1 + f0
        n_ops = n_pts = 0
        bezier = 0
        for s in range(_CountSegments(obj)):
            seg = _GetPathSegment(obj, s)
            if seg == 0:
                continue
            kind = _SegGetType(seg)
            if kind == _BEZIERTO:  # pdfium stores each curve as three points; playa keeps the end point
                bezier += 1
                if bezier % 3:
                    continue
                op = _C_
            else:
                bezier = 0
                op = _M if kind == _MOVETO else _L_
            if op == _M and n_ops:
                n_sub, n_out = _push_subpath(ops, px, py, n_ops, n_pts, stroke, fill, kinds, flags, starts, ends,
                                             out_x, out_y, n_sub, n_out)
                if n_sub < 0:
                    return n_sub, n_out
                n_ops = n_pts = 0
            if n_ops + 2 > ops.shape[0]:
                ops2, px2, py2 = np.empty(2 * ops.shape[0], np.int64), np.empty(2 * ops.shape[0]), np.empty(2 * ops.shape[0])
                ops2[:n_ops], px2[:n_pts], py2[:n_pts] = ops[:n_ops], px[:n_pts], py[:n_pts]
                ops, px, py = ops2, px2, py2
            _SegGetPoint(seg, xy[0:].ctypes, xy[1:].ctypes)
            x, y = np.float64(xy[0]), np.float64(xy[1])
            ops[n_ops] = op
            px[n_pts], py[n_pts] = a * x + c * y + e, b * x + d * y + f
            n_ops += 1
            n_pts += 1
            if _SegGetClose(seg):  # pdfium's close flag: playa's "h", back to the subpath's start
                ops[n_ops] = _H_
                px[n_pts], py[n_pts] = px[0], py[0]
                n_ops += 1
                n_pts += 1
        if n_ops:
            n_sub, n_out = _push_subpath(ops, px, py, n_ops, n_pts, stroke, fill, kinds, flags, starts, ends,
                                         out_x, out_y, n_sub, n_out)
            if n_sub < 0:
                return n_sub, n_out
    return n_sub, n_out


def subpaths(page_raw, ctm, max_depth: int = 64, capacity: int = 4096):
    """Every painted subpath of a pdfium page (``page.raw``) as playa's miner classifies it, in content order:
    ``(kinds, flags, starts, ends, xs, ys)`` — kind (:data:`LINE`, :data:`RECT`, :data:`CURVE`), flags (1
    stroked, 2 filled), and its points ``xs[starts[k]:ends[k]]`` (a line's two ends, a rect's two opposite
    corners, a curve's every point), in the device space of ``ctm`` (six floats, playa's page matrix)."""
    handle = ctypes.cast(page_raw, ctypes.c_void_p).value or 0
    m = np.asarray(ctm, dtype=np.float64)
    subs, pts = capacity, 4 * capacity
    while True:
        kinds, flags = np.empty(subs, np.int8), np.empty(subs, np.int8)
        starts, ends = np.empty(subs, np.int64), np.empty(subs, np.int64)
        xs, ys = np.empty(pts), np.empty(pts)
        n_sub, n_out = _subpaths(_PATH_FNS, handle, m, max_depth, kinds, flags, starts, ends, xs, ys)
        if n_sub == -1:
            subs *= 4
        elif n_sub == -2:
            pts *= 4
        else:
            return kinds[:n_sub], flags[:n_sub], starts[:n_sub], ends[:n_sub], xs[:n_out], ys[:n_out]


# ----------------------------------------------------------------------------------------- text pieces

@_jit
def _max(a, b):
    return b if b > a else a  # Python's max(a, b): the first unless the second is greater


@_jit
def _min(a, b):
    return b if b < a else a


@_jit
def _pieces(order, blank, mid, heights, x0s, x1s, y0s, y1s, gap):
    n = order.shape[0]
    # lines, top to bottom: a character joins the current line when its centre lies within half the larger
    # height of the line's running mean centre (grid.PageChars.pieces_reference)
    line_of = np.empty(n, np.int64)
    members = np.empty(n, np.int64)
    m = 0
    n_lines = 0
    centre = height = 0.0
    count = 0
    for j in range(n):
        i = order[j]
        if blank[i]:
            continue
        if n_lines and abs(centre - mid[i]) <= 0.5 * _max(height, heights[i]):
            count += 1
            centre += (mid[i] - centre) / count
        else:
            n_lines += 1
            count = 1
            centre, height = mid[i], heights[i]
        members[m] = i
        line_of[m] = n_lines - 1
        m += 1
    # within a line, left to right (a stable sort, as list.sort), then runs split at gaps wider than `gap`
    # character heights
    run_members = np.empty(m, np.int64)
    run_end = np.empty(m, np.int64)  # end offset into run_members of each run
    box = np.empty((m, 4))  # y0, y1, x0, x1 of each run
    r = 0
    k = 0
    a = 0
    while a < m:
        b = a
        while b < m and line_of[b] == line_of[a]:
            b += 1
        idx = members[a:b]
        xs = np.empty(b - a)
        for t in range(b - a):
            xs[t] = x0s[idx[t]]
        line = idx[np.argsort(xs, kind="mergesort")]
        start = k
        last = line[0]
        run_members[k] = last
        k += 1
        for t in range(1, line.shape[0] + 1):
            if t < line.shape[0]:
                i = line[t]
                if x0s[i] - x1s[last] <= gap * _max(heights[i], heights[last]):
                    run_members[k] = i
                    k += 1
                    last = i
                    continue
            y0, y1, x1 = y0s[run_members[start]], y1s[run_members[start]], x1s[run_members[start]]
            for q in range(start + 1, k):
                c = run_members[q]
                y0 = _min(y0, y0s[c])
                y1 = _max(y1, y1s[c])
                x1 = _max(x1, x1s[c])
            box[r, 0], box[r, 1], box[r, 2], box[r, 3] = y0, y1, x0s[run_members[start]], x1
            run_end[r] = k
            r += 1
            if t < line.shape[0]:
                start = k
                last = line[t]
                run_members[k] = last
                k += 1
        a = b
    return run_members[:k], run_end[:r], box[:r]


def pieces(order, blank, mid, heights, x0s, x1s, y0s, y1s, gap: float):
    """Runs of characters on one line with no gap wider than ``gap`` character heights, as
    :meth:`yusuan.pdf.grid.PageChars.pieces_reference` finds them: ``(members, ends, boxes)`` — the characters of
    run ``r`` are ``members[ends[r-1]:ends[r]]`` (left to right), its box ``boxes[r]`` = (bottom, top, left,
    right).  ``order`` is the characters from top to bottom; ``blank`` marks those never in a run."""
    f8 = _f8
    return _pieces(np.ascontiguousarray(order, dtype=np.int64), np.ascontiguousarray(blank, dtype=np.uint8),
                   f8(mid), f8(heights), f8(x0s), f8(x1s), f8(y0s), f8(y1s), float(gap))


# ----------------------------------------------------------------------------------------- cell text

@_jit
def _inside(order, ys, cx, boxes):
    n_boxes = boxes.shape[0]
    ends = np.empty(n_boxes, np.int64)
    out = np.empty(16, np.int64)
    k = 0
    for r in range(n_boxes):
        x1, y1, x2, y2 = boxes[r, 0], boxes[r, 1], boxes[r, 2], boxes[r, 3]
        lo, hi = np.searchsorted(ys, y1, "left"), np.searchsorted(ys, y2, "right")
        band = order[lo:hi]
        found = np.sort(band[(cx[band] >= x1) & (cx[band] <= x2)])
        if k + found.shape[0] > out.shape[0]:
            grown = np.empty(2 * (k + found.shape[0]), np.int64)
            grown[:k] = out[:k]
            out = grown
        out[k:k + found.shape[0]] = found
        k += found.shape[0]
        ends[r] = k
    return out[:k], ends


def inside(order, ys, cx, boxes):
    """For each box ``(x1, y1, x2, y2)`` (rows of a float64 array), the characters whose centre lies in it, edges
    included, in content order, as :meth:`yusuan.pdf.grid.PageChars.inside` finds them one box at a time:
    ``(members, ends)``, box ``r``'s characters ``members[ends[r-1]:ends[r]]``.  ``order`` sorts the centres'
    ``cy`` stably; ``ys`` is ``cy[order]``."""
    return _inside(np.ascontiguousarray(order, dtype=np.int64), _f8(ys), _f8(cx),
                   np.ascontiguousarray(boxes, dtype=np.float64).reshape(-1, 4))


def _f8(a) -> np.ndarray:
    # one array type per argument (contiguous float64), so each kernel has one compiled signature, loaded by
    # warm() in the parent process before any document's child is forked
    return np.ascontiguousarray(a, dtype=np.float64)


def warm() -> None:
    """Compile (or load from numba's cache) every kernel now, on a blank page: a process that forks a child
    per document (yusuan.corpus.bounded's forkserver, the quality benchmark) pays this once, not in every child."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(100, 100)
    tp = page.get_textpage()
    try:
        char_boxes(tp.raw, "")
        object_counts(page.raw)
        subpaths(page.raw, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    finally:
        tp.close()
        page.close()
        pdf.close()
    empty = np.empty(0)
    pieces(np.empty(0, np.int64), np.empty(0, np.uint8), empty, empty, empty, empty, empty, empty, 1.0)
    inside(np.empty(0, np.int64), empty, empty, np.empty((0, 4)))


warm()
