"""Tables ruled only by horizontal lines (Word/WPS exports): rows from the rules, columns from the text.

camelot's lattice needs rules in both directions and finds nothing here; its stream flavour guesses
rows and columns from text alone and, on such pages, loses the header rows above the first rule and
cannot tell which columns a centred header spans.  The rules these tables do draw say more than the
text alone:

* **rows** — a table is a run of horizontal rules of one width (its frame, within ``FRAME_TOL``);
  each band between two consecutive rules is a printed row, however many lines its cells wrap to;
* **columns** — figures are set flush right and words flush left, so across the body rows their right
  (or left) edges line up: each aligned edge is a column, and a boundary lies between one column's text
  and the next one's, where no word of the header line over the body crosses.  A column blank in every
  body row still has its word in that header line, which no body column is nearer to: it keeps its place;
* **spanning headers** — a header cell printed over several columns is centred over them, and most
  tools rule a short line under it: the rule, where there is one, gives its span; otherwise the span
  is the run of columns, between its neighbours', that it is centred on.

The result is the same printed rows (:class:`yusuan.pdf.grid.PRow`) the lattice reader gives, so titles,
header paths, stitching and checks are shared.  Measured on the sample's published text typeset in
this style (tests/fixtures/typeset/): every cell, as from the ruled original.
"""
from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from yusuan.base.numbers import parse_number
from yusuan.base.text import clean
from yusuan.pdf import pdfium_fast as fp
from yusuan.pdf.grid import PageChars, PCell, PRow, _displayed

FRAME_TOL = 3.0  # pt: rules of one table start and end within this of each other
MIN_RULES = 3  # a table has at least a top rule, a rule under its header and a bottom rule
MAX_ROW = 120.0  # pt: consecutive rules of one table are at most this far apart
WORD_GAP = 0.4  # a gap wider than this many character heights separates two cells' texts
OVERHANG = 15.0  # pt: text this far beyond the ends of the rules still belongs to the first or last column


def horizontal_rules(page, rotation: int, box) -> list[tuple[float, float, float]]:
    """``(x0, x1, y)`` of every horizontal rule on a pypdfium2 page, in displayed space: stroked lines and
    thin filled shapes (at most 2 pt high, at least 10 pt long)."""
    boxes = _path_bounds(fp.handle(page.raw))
    if not boxes:
        return []
    l_, b_, r_, t_ = _displayed(boxes, rotation, box)
    out = []
    for x0, y0, x1, y1 in zip(l_, b_, r_, t_):
        if y1 - y0 <= 2.0 and x1 - x0 >= 10.0:
            out.append((float(x0), float(x1), float((y0 + y1) / 2)))
    return out


def _path_bounds(page_raw, max_depth: int = 4) -> list[tuple[float, float, float, float]]:
    """``(left, bottom, right, top)`` of each path object, in the order and to the form depth of pypdfium2's
    ``page.get_objects(filter=[FPDF_PAGEOBJ_PATH], max_depth=4)`` (pdfium's calls made directly: no
    wrapper object per page object)."""
    import ctypes

    out: list[tuple[float, float, float, float]] = []
    vals = (ctypes.c_float * 4)()
    refs = tuple(ctypes.byref(vals, 4 * k) for k in range(4))  # left, bottom, right, top
    get_type, bounds = fp.PageObj_GetType, fp.PageObj_GetBounds

    def walk(parent, is_form: bool, level: int) -> None:
        n, get = fp.children(parent, is_form)
        if n < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for i in range(n):
            obj = get(i)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            t = get_type(obj)
            if t == pdfium_c.FPDF_PAGEOBJ_PATH:
                if not bounds(obj, *refs):
                    raise pdfium.PdfiumError("Failed to locate pageobject.")
                out.append(tuple(vals))
            elif t == pdfium_c.FPDF_PAGEOBJ_FORM and level < max_depth - 1:
                walk(obj, True, level + 1)

    walk(page_raw, False, 0)
    return out


def _frames(rules) -> list[list[tuple[float, float, float]]]:
    """Runs of rules (top to bottom) sharing one frame: each a table candidate."""
    rules = sorted(rules, key=lambda r: -r[2])
    used = [False] * len(rules)
    frames = []
    for i, (x0, x1, y) in enumerate(rules):
        if used[i] or x1 - x0 < 100:
            continue
        run = [rules[i]]
        used[i] = True
        for j in range(i + 1, len(rules)):
            a, b, yy = rules[j]
            if used[j] or abs(a - x0) > FRAME_TOL or abs(b - x1) > FRAME_TOL:
                continue
            if run[-1][2] - yy > MAX_ROW:
                break
            if run[-1][2] - yy > 1.0:
                run.append(rules[j])
            used[j] = True
        if len(run) >= MIN_RULES:
            frames.append(run)
    return frames


def _words(chars: PageChars, idx: np.ndarray) -> list[tuple[float, float, str]]:
    """``(x0, x1, text)`` runs of the given characters on one band, split at wide gaps."""
    if len(idx) == 0:
        return []
    idx = idx[np.argsort(chars.x0[idx], kind="stable")]
    heights = np.maximum(chars.line_y1[idx] - chars.line_y0[idx], 1.0)
    out, run = [], [idx[0]]
    for k in range(1, len(idx)):
        i, prev = idx[k], run[-1]
        # gaps between the characters' advances (a full-width bracket's ink is narrow, its advance is not)
        if chars.font_x0[i] - chars.font_x1[prev] > WORD_GAP * max(heights[k], 1.0):
            out.append(run)
            run = [i]
        else:
            run.append(i)
    out.append(run)
    return [(float(chars.x0[r[0]]), float(max(chars.x1[i] for i in r)), "".join(chars.chars[i] for i in r))
            for r in out if "".join(chars.chars[i] for i in r).strip()]


def _lines(chars: PageChars, top: float, bottom: float, idx: np.ndarray):
    """A band split into its lines of text: ``(top, bottom, idx, words)`` each, boundaries half-way between."""
    if len(idx) == 0:
        return [(top, bottom, idx, [])]
    mid = (chars.line_y0[idx] + chars.line_y1[idx]) / 2
    order = np.argsort(-mid, kind="stable")
    groups: list[list[int]] = []
    for i in order:
        h = max(chars.line_y1[idx[i]] - chars.line_y0[idx[i]], 1.0)
        if groups and abs(mid[groups[-1][0]] - mid[i]) <= 0.5 * h:
            groups[-1].append(i)
        else:
            groups.append([i])
    out = []
    upper = top
    for n, g in enumerate(groups):
        sel = idx[g]
        if n + 1 < len(groups):
            nxt = idx[groups[n + 1]]
            lower = (float(chars.line_y0[sel].min()) + float(chars.line_y1[nxt].max())) / 2
        else:
            lower = bottom
        out.append((upper, lower, sel, _words(chars, sel)))
        upper = lower
    return out


def _text(chars: PageChars, sel: np.ndarray) -> str:
    """The characters' text in reading order: line by line (a wrapped cell), left to right."""
    lines = _lines(chars, 0.0, 0.0, sel) if len(sel) else []
    return clean("".join("".join(chars.chars[i] for i in sorted(sub, key=lambda i: chars.x0[i]))
                         for _t, _b, sub, _w in lines))


def _is_body(words) -> bool:
    return any(parse_number(w[2]) is not None and ("." in w[2] or "," in w[2]) for w in words)


def read_tables(page, chars, rotation: int, box) -> list[tuple[tuple[float, float, float, float], list[PRow]]]:
    """Tables ruled by horizontal lines only on one page: ``(bbox, rows)`` each, top table first.

    ``chars``: the page's :class:`PageChars`, or a function giving them (asked only if the page has a frame
    of rules)."""
    rules = horizontal_rules(page, rotation, box)
    out = []
    for frame in _frames(rules):
        if callable(chars):
            chars = chars()
        x0, x1 = min(r[0] for r in frame), max(r[1] for r in frame)
        x0, x1 = x0 - OVERHANG, x1 + OVERHANG  # text set flush with the frame may stick out of it
        ys = [r[2] for r in frame]
        partial = [r for r in rules if r[1] - r[0] < (x1 - x0) - 2 * OVERHANG - 2 * FRAME_TOL and r[0] >= x0 - FRAME_TOL
                   and r[1] <= x1 + FRAME_TOL and ys[-1] <= r[2] <= ys[0]]
        bands = []
        for top, bottom in zip(ys, ys[1:]):
            idx = np.flatnonzero((chars.cx >= x0) & (chars.cx <= x1) & (chars.cy < top) & (chars.cy > bottom))
            bands.append((top, bottom, idx, _words(chars, idx)))
        first_num = next((k for k, b in enumerate(bands) if _is_body(b[3])), None)
        if first_num is None:
            continue
        # items printed without figures just above the first figures are body rows, not header: none of
        # their words stands over a figure, while the row above them names columns over the figures
        figures = _union((w[0], w[1]) for b in bands[first_num:] for w in b[3] if parse_number(w[2]) is not None)

        def over_figures(words) -> bool:
            return any(min(w[1], q) - max(w[0], p) > 0 for w in words for p, q in figures)

        k = first_num
        while k > 1 and bands[k - 1][3] and not over_figures(bands[k - 1][3]):
            k -= 1
        first_body = k if k < first_num and over_figures(bands[k - 1][3]) else first_num
        # header rows not ruled apart (one band holding two or three lines of header): one row per line
        head = [sub for b in bands[:first_body] for sub in _lines(chars, *b[:3])]
        bands = head + bands[first_body:]
        first_body = len(head)
        # the header line over the body names every column, a blank one too; lines above it only name groups
        cols = _columns(x0, x1, [w for b in bands[first_body:] for w in b[3]], head[-1][3] if head else [])
        if len(cols) < 2:
            continue
        rows = []
        for k, (top, bottom, idx, words) in enumerate(bands):
            row = PRow(y1=top, y2=bottom, page=0)
            spans = _spans(words, cols, partial, bottom) if k < first_body - 1 else None
            if spans:
                for a, b, text in spans:
                    row.cells.append(PCell(cols[a][0], cols[b][1], text))
            else:
                for c0, c1 in cols:
                    sel = idx[(chars.cx[idx] >= c0) & (chars.cx[idx] < c1)]
                    row.cells.append(PCell(c0, c1, _text(chars, sel)))
            rows.append(row)
        out.append(((x0, ys[-1], x1, ys[0]), rows))
    return out


def _columns(x0: float, x1: float, words, anchors=()) -> list[tuple[float, float]]:
    """Column boundaries from the alignment of the body's text: figures are set flush right, so their right
    edges line up; words flush left, so their left edges line up.  Each aligned edge shared by at least two
    rows (or the only row) is a column; a boundary lies between one column's text and the next one's.  A
    header word (``anchors``) over no body column is the column of a figure no row prints."""
    tol = 2.0
    edges: list[list] = []  # [kind, x, members]
    for a, b, t in words:
        kind, x = ("R", b) if parse_number(t) is not None else ("L", a)
        for e in edges:
            if e[0] == kind and abs(e[1] - x) <= tol:
                e[2].append((a, b))
                break
        else:
            edges.append([kind, x, [(a, b)]])
    cols = [(min(m[0] for m in e[2]), max(m[1] for m in e[2]), e[0]) for e in edges]
    # a word that belongs to no aligned column joins the column it overlaps most (a label wrapped oddly)
    cols.sort()
    merged: list[list] = []
    for a, b, kind in cols:
        if merged and a < merged[-1][1] - tol:
            merged[-1][1] = max(merged[-1][1], b)  # overlapping extents: one column (a label column's
            continue                               # long and short names, codes of several lengths)
        merged.append([a, b, kind])
    # a header word is a column of its own where no body column is nearer to it than to any other header
    # word: the column of a figure no row prints
    body = [m for m in merged]
    claimed = set()
    for p, q, _k in body:
        dist = [max(0.0, a - q, p - b) for a, b, _t in anchors]
        if dist:
            claimed.add(min(range(len(anchors)), key=lambda k: dist[k]))
    for k, (a, b, _t) in enumerate(anchors):
        if k not in claimed:
            merged.append([a, b, "H"])
    merged.sort()
    if not merged:
        return []
    cuts = [x0] + [_cut(p[1], q[0], anchors) for p, q in zip(merged, merged[1:])] + [x1]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b - a > 1.0]


def _union(spans) -> list[list[float]]:
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


def _cut(a: float, b: float, header_words) -> float:
    """Where to put the boundary in the gap (a, b): in the widest stretch of it no header word crosses."""
    free = [(a, b)]
    for p, q, _t in header_words:
        free = [piece for lo, hi in free for piece in ((lo, min(hi, p)), (max(lo, q), hi)) if piece[1] - piece[0] > 0.1]
    lo, hi = max(free, key=lambda f: f[1] - f[0]) if free else (a, b)
    return (lo + hi) / 2


def _spans(words, cols, partial, bottom) -> list[tuple[int, int, str]] | None:
    """A header band's cells as (first column, last column, text): each word over the columns its rule
    under it covers, or the run of free columns it is centred on."""
    if not words:
        return None
    centres = [(a + b) / 2 for a, b in cols]
    owned = []
    for a, b, text in words:
        over = [k for k, (c0, c1) in enumerate(cols) if min(b, c1) - max(a, c0) >= 0.5 * min(c1 - c0, b - a)]
        if not over:
            over = [min(range(len(cols)), key=lambda k: abs(centres[k] - (a + b) / 2))]
        rule = next((r for r in partial if bottom - 6 <= r[2] <= bottom + 6 and min(r[1], b) - max(r[0], a) > 0), None)
        if rule is not None:
            over = [k for k, c in enumerate(centres) if rule[0] - 2 <= c <= rule[1] + 2] or over
        owned.append([min(over), max(over), (a + b) / 2, text, rule is not None])
    owned.sort()
    for n, span in enumerate(owned):
        if span[0] > len(cols) - 1 or span[1] < span[0]:
            continue
        if span[4]:
            if n + 1 < len(owned):
                owned[n + 1][0] = max(owned[n + 1][0], span[1] + 1)
                owned[n + 1][1] = max(owned[n + 1][1], owned[n + 1][0])
            continue
        lo_limit = owned[n - 1][1] + 1 if n else 0
        hi_limit = owned[n + 1][0] - 1 if n + 1 < len(owned) else len(cols) - 1
        while True:
            best = abs((cols[span[0]][0] + cols[span[1]][1]) / 2 - span[2])
            moves = []
            if span[0] > lo_limit:
                moves.append((abs((cols[span[0] - 1][0] + cols[span[1]][1]) / 2 - span[2]), -1))
            if span[1] < hi_limit:
                moves.append((abs((cols[span[0]][0] + cols[span[1] + 1][1]) / 2 - span[2]), 1))
            moves = [m for m in moves if m[0] < best - 0.5]
            if not moves:
                break
            _d, step = min(moves)
            if step < 0:
                span[0] -= 1
            else:
                span[1] += 1
        if n + 1 < len(owned):
            owned[n + 1][0] = max(owned[n + 1][0], span[1] + 1)
            owned[n + 1][1] = max(owned[n + 1][1], owned[n + 1][0])
    cells = []
    k = 0
    for a, b, _c, text, _r in owned:
        if a > len(cols) - 1 or a < k:
            continue
        b = min(b, len(cols) - 1)
        for j in range(k, a):
            cells.append((j, j, ""))
        cells.append((a, b, clean(text)))
        k = b + 1
    for j in range(k, len(cols)):
        cells.append((j, j, ""))
    return cells
