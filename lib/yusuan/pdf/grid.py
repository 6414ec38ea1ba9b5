"""Turn a camelot table into rows of the cells actually printed.

camelot gives us the grid (from the ruling lines); we take the text from
pypdfium2's characters instead of camelot's own text boxes, because measured
on the sample (1,653 cells) camelot's text put amounts in the wrong row for
some embedded fonts (text boxes 8–10 pt below the glyphs), glued neighbouring
cells ("91,016,775.35 一、一般公共服务支出") and, with ``split_text=True``,
dropped characters.  Filling each merged region with the characters whose
centre lies inside it got 1,652 of 1,653 cells exactly right.

Merged regions are grid cells with no ruling between them.  The lattice grid is
the union of every ruling on the page, so a block of rows ruled with other
column positions (a table continuing after a page break of the original) shows
up as several grid cells per printed cell; the regions put them back together.
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

import numpy as np
import pypdfium2.raw as pdfium_c

from yusuan.base.text import clean
from yusuan.pdf import native
from yusuan.pdf import pdfium_fast as fp


@dataclass
class PCell:
    x1: float
    x2: float
    text: str
    from_above: bool = False  # continues a vertically merged cell from the row above

    @property
    def width(self) -> float:
        return self.x2 - self.x1


@dataclass
class PRow:
    y1: float  # top (PDF space: larger is higher)
    y2: float  # bottom
    cells: list[PCell] = field(default_factory=list)
    page: int = 0

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def nonblank(self) -> list[PCell]:
        return [c for c in self.cells if c.text]


OVERPRINT = 1.0  # pt: the same glyph printed again within this distance is one character
PIECE_GAP = 1.0  # a gap wider than this many character heights splits a line into pieces


@dataclass
class PageChars:
    """A page's characters as parallel arrays (centres and boxes), so that finding the characters
    inside a cell is one mask."""
    chars: list[str]
    cx: np.ndarray
    cy: np.ndarray
    x0: np.ndarray | None = None
    y0: np.ndarray | None = None
    x1: np.ndarray | None = None
    y1: np.ndarray | None = None
    line_y0: np.ndarray | None = None  # the font box's bottom and top: where the character's line is
    line_y1: np.ndarray | None = None
    font_x0: np.ndarray | None = None  # the font box's left and right: the advance, gaps between words
    font_x1: np.ndarray | None = None

    _by_y: tuple | None = field(default=None, repr=False, compare=False)  # (order, cy sorted), made on first use

    def inside(self, x1: float, y1: float, x2: float, y2: float) -> str:
        """The characters whose centre lies in the box (edges included), in content-stream order."""
        if self._by_y is None:
            order = np.argsort(self.cy, kind="stable")
            self._by_y = (order, self.cy[order])
        order, ys = self._by_y
        # the rows of the box by binary search, then the columns: the same characters as testing all four
        # edges on every character, in the same order
        band = order[np.searchsorted(ys, y1, "left"):np.searchsorted(ys, y2, "right")]
        cx = self.cx[band]
        idx = np.sort(band[(cx >= x1) & (cx <= x2)])
        return "".join(self.chars[i] for i in idx)  # content-stream order is reading order in these exports

    def inside_many(self, boxes) -> list[str]:
        """:meth:`inside` of each box ``(x1, y1, x2, y2)``, in one compiled pass (:func:`yusuan.pdf.native.inside`)."""
        if not len(boxes):
            return []
        if self._by_y is None:
            order = np.argsort(self.cy, kind="stable")
            self._by_y = (order, self.cy[order])
        order, ys = self._by_y
        members, ends = native.inside(order, ys, self.cx, boxes)
        return _joined(self.chars, members, ends)

    def pieces(self) -> list[tuple[float, float, float, str, float]]:
        """Text pieces as a reader sees them: ``(y0, y1, x0, text, x1)``, one per run of characters on
        one line with no gap wider than ``PIECE_GAP`` character heights (a title, "单位：万元", a cell).

        Lines are found from the characters' font boxes (a quotation mark's ink sits high, a comma's
        low; their font boxes sit on the line), top to bottom; within a line, left to right
        (:meth:`pieces_reference`'s loop, compiled: :func:`yusuan.pdf.native.pieces`).
        """
        if self.x0 is None or not self.chars:
            return []
        mid = (self.line_y0 + self.line_y1) / 2
        order = np.argsort(-mid, kind="stable")
        heights = np.maximum(self.line_y1 - self.line_y0, 1.0)
        members, ends, boxes = native.pieces(order, _blanks(self.chars), mid, heights, self.x0, self.x1,
                                             self.line_y0, self.line_y1, PIECE_GAP)
        out = []
        for (y0, y1, x0, x1), text in zip(boxes.tolist(), _joined(self.chars, members, ends)):
            text = clean(text)
            if text:
                out.append((y0, y1, x0, text, x1))
        return out

    def pieces_reference(self) -> list[tuple[float, float, float, str, float]]:
        """Text pieces as a reader sees them: ``(y0, y1, x0, text, x1)``, one per run of characters on
        one line with no gap wider than ``PIECE_GAP`` character heights (a title, "单位：万元", a cell).

        Lines are found from the characters' font boxes (a quotation mark's ink sits high, a comma's
        low; their font boxes sit on the line), top to bottom; within a line, left to right.

        The reference of :meth:`pieces` (which runs the same loop compiled, :func:`yusuan.pdf.native.pieces`).
        """
        if self.x0 is None or not self.chars:
            return []
        mid_a = (self.line_y0 + self.line_y1) / 2
        order = np.argsort(-mid_a, kind="stable").tolist()
        # Python floats from here on (the same doubles, without numpy's per-element overhead)
        mid, heights = mid_a.tolist(), np.maximum(self.line_y1 - self.line_y0, 1.0).tolist()
        x0s, x1s, y0s, y1s = self.x0.tolist(), self.x1.tolist(), self.line_y0.tolist(), self.line_y1.tolist()
        chars = self.chars
        lines: list[list[int]] = []
        centre = height = 0.0
        for i in order:
            if chars[i].isspace():
                continue
            if lines and abs(centre - mid[i]) <= 0.5 * max(height, heights[i]):
                lines[-1].append(i)
                centre += (mid[i] - centre) / len(lines[-1])
            else:
                lines.append([i])
                centre, height = mid[i], heights[i]
        out = []
        for line in lines:
            line.sort(key=x0s.__getitem__)
            run = [line[0]]
            for i in line[1:] + [None]:
                if i is not None and x0s[i] - x1s[run[-1]] <= PIECE_GAP * max(heights[i], heights[run[-1]]):
                    run.append(i)
                    continue
                text = clean("".join(chars[k] for k in run))
                if text:
                    out.append((min(y0s[k] for k in run), max(y1s[k] for k in run),
                                x0s[run[0]], text, max(x1s[k] for k in run)))
                run = [i]
        return out


def _codes(chars: list[str]) -> np.ndarray | None:
    """The code points of one-character strings (None if some string is not one character)."""
    joined = "".join(chars)
    return native.code_points(joined) if len(joined) == len(chars) else None


def _blanks(chars: list[str], codes: np.ndarray | None = None) -> np.ndarray:
    """``c.isspace()`` of each string, as a uint8 array."""
    codes = _codes(chars) if codes is None else codes
    if codes is None:
        return np.fromiter((c.isspace() for c in chars), dtype=np.uint8, count=len(chars))
    return native.is_space(codes)


def _joined(chars: list[str], members: np.ndarray, ends: np.ndarray) -> list[str]:
    """``"".join(chars[k] for k in members[ends[r-1]:ends[r]])`` for each r."""
    picked = [chars[k] for k in members.tolist()]
    flat = "".join(picked)
    bounds = [0, *ends.tolist()]
    if len(flat) == len(picked):  # one character each: slices of one string
        return [flat[a:b] for a, b in zip(bounds, bounds[1:])]
    return ["".join(picked[a:b]) for a, b in zip(bounds, bounds[1:])]


def page_chars(textpage, rotation: int = 0, box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)) -> PageChars:
    """Every printed character with its centre and box; pdfium's synthesised spaces and line breaks dropped.

    A glyph drawn again on top of itself (within ``OVERPRINT`` pt — exporters fake bold type by
    printing it several times at tiny offsets) is one character.

    Coordinates are in the page's displayed space, as camelot (playa) gives table cells: measured from
    the media box's lower-left corner (``box`` = its left, bottom, right, top; some exporters put it
    at (−12, 12)), and on a page with ``/Rotate`` 90, 180 or 270 (``rotation``, degrees clockwise)
    turned as a viewer shows it — landscape tables printed on portrait pages.
    """
    n = textpage.count_chars()
    whole = textpage.get_text_range(0, n) if n else ""
    if len(whole) == n:  # one UTF-16 unit per character (all but a few pages): the compiled loop
        index, boxes, fonts = native.char_boxes(textpage.raw, whole)
        chars = [whole[i] for i in index.tolist()]
    else:
        chars, boxes, fonts = page_chars_reference(textpage, n, whole)
    keep = _not_overprinted(chars, boxes)
    if len(keep) < len(chars):
        chars = [chars[i] for i in keep]
        boxes = boxes[keep]
        fonts = fonts[keep]
    l_, b_, r_, t_ = _displayed(boxes, rotation, box)
    fl, fb, fr, ft = _displayed(fonts, rotation, box)
    # the font box's vertical extent in displayed space (on a page turned 90°, its horizontal one)
    return PageChars(chars, (l_ + r_) / 2, (b_ + t_) / 2, l_, b_, r_, t_, fb, ft, fl, fr)


def page_chars_reference(textpage, n: int, whole: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The characters :func:`page_chars` keeps, their boxes and font boxes ((k, 4) arrays: left, bottom, right,
    top), read one pdfium call at a time: the reference :func:`yusuan.pdf.native.char_boxes` is tested against,
    and the reader of a page whose text does not index one character per UTF-16 unit."""
    per_char = len(whole) == n  # one UTF-16 unit per character: index the string instead of n calls
    chars: list[str] = []
    boxes, fonts = [], []  # flat: left, bottom, right, top per character (one list append, not a tuple each)
    raw = fp.handle(textpage.raw)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    loose = pdfium_c.FS_RECTF()
    loose_ref = ctypes.byref(loose)
    is_generated, char_box, loose_box = fp.IsGenerated, fp.GetCharBox, fp.GetLooseCharBox
    for i in range(n):
        ch = whole[i] if per_char else textpage.get_text_range(i, 1)
        # pdfium generates only spaces and line breaks (on 3.1 million characters of the corpora: 200,026
        # spaces, 123,821 CR/LF pairs), so only a blank one is asked whether it was generated
        if not ch or ch in ("\r", "\n") or (ch.isspace() and is_generated(raw, i) == 1) \
                or not char_box(raw, i, *refs):
            continue
        box_i = (left.value, bottom.value, right.value, top.value)
        chars.append(ch)
        boxes += box_i
        fonts += (loose.left, loose.bottom, loose.right, loose.top) \
            if loose_box(raw, i, loose_ref) and loose.top > loose.bottom else box_i
    return chars, np.array(boxes, dtype=float).reshape(-1, 4), np.array(fonts, dtype=float).reshape(-1, 4)


def _not_overprinted(chars: list[str], boxes: list[tuple]) -> list[int]:
    """Indices of the characters to keep: a glyph printed again within ``OVERPRINT`` pt of the same glyph
    (fake bold) is dropped.  Two points within half of that share a cell of side OVERPRINT in at least one
    of four grids shifted by half a cell, so four exact-key passes find them; two points a full OVERPRINT
    or more apart (neighbouring digits of a small font) never share one."""
    if not chars:
        return []
    b = np.asarray(boxes, dtype=float).reshape(-1, 4)
    cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
    codes = _codes(chars)
    if codes is None:
        code = np.fromiter((ord(c[0]) for c in chars), dtype=np.int64, count=len(chars))
    else:
        code = codes.astype(np.int64)
    blank = _blanks(chars, codes).astype(bool)
    cell = OVERPRINT
    dup = np.zeros(len(chars), dtype=bool)
    for sx in (0.0, cell / 2):
        for sy in (0.0, cell / 2):
            xs, ys = np.floor((cx + sx) / cell).astype(np.int64), np.floor((cy + sy) / cell).astype(np.int64)
            key = _packed(code, xs, ys)
            if key is None:  # too wide a range to pack into one integer: compare the triples
                key = np.stack([code, xs, ys], 1)
                _u, first = np.unique(key, axis=0, return_index=True)
            else:
                _u, first = np.unique(key, return_index=True)
            mask = np.ones(len(chars), dtype=bool)
            mask[first] = False
            dup |= mask
    return np.flatnonzero(~dup | blank).tolist()


def _packed(code: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray | None:
    """One int64 per (code, xs, ys) triple, distinct triples distinct integers (None if they do not fit):
    the same first occurrences as ``np.unique(axis=0)`` of the triples, with a 1-D sort."""
    x_lo, y_lo = int(xs.min()), int(ys.min())
    nx, ny = int(xs.max()) - x_lo + 1, int(ys.max()) - y_lo + 1
    if int(code.max()) * nx * ny + nx * ny >= 2 ** 62 or int(code.min()) < 0:
        return None
    return (code * nx + (xs - x_lo)) * ny + (ys - y_lo)


def _displayed(boxes, rotation: int, box) -> tuple[np.ndarray, ...]:
    """(left, bottom, right, top) arrays of PDF user-space boxes, in the page's displayed space."""
    (left, right), (bottom, top) = sorted(box[0::2]), sorted(box[1::2])  # some media boxes are written upside down
    b = np.asarray(boxes, dtype=float).reshape(-1, 4) - np.array([left, bottom, left, bottom])
    l_, b_, r_, t_ = b[:, 0], b[:, 1], b[:, 2], b[:, 3]
    w, h = right - left, top - bottom
    rotation %= 360
    if rotation == 90:
        l_, b_, r_, t_ = b_, w - r_, t_, w - l_
    elif rotation == 180:
        l_, b_, r_, t_ = w - r_, h - t_, w - l_, h - b_
    elif rotation == 270:
        l_, b_, r_, t_ = h - t_, l_, h - b_, r_
    return l_, b_, r_, t_


def _regions(table) -> dict[tuple[int, int], tuple[int, int]]:
    """Map each grid cell to the top-left cell of its merged region (union-find over missing rulings)."""
    n_rows, n_cols = len(table.cells), len(table.cells[0]) if table.cells else 0
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # keep the top-left as the root

    for r in range(n_rows):
        for c in range(n_cols):
            cell = table.cells[r][c]
            if c + 1 < n_cols and not (cell.right or table.cells[r][c + 1].left):
                union((r, c), (r, c + 1))
            if r + 1 < n_rows and not (cell.bottom or table.cells[r + 1][c].top):
                union((r, c), (r + 1, c))
    return {k: find(k) for k in parent}


def printed_rows(table, page: int, chars: PageChars) -> list[PRow]:
    """Rows of printed cells for one camelot lattice table, text from the page's characters."""
    if not table.cells or not table.cells[0]:
        return []
    root = _regions(table)
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for k, v in root.items():
        members.setdefault(v, []).append(k)
    boxes = []
    for cells in members.values():
        grid = [table.cells[r][c] for r, c in cells]
        boxes.append((min(g.x1 for g in grid), min(g.y1 for g in grid), max(g.x2 for g in grid), max(g.y2 for g in grid)))
    texts = {top_left: clean(text) for top_left, text in zip(members, chars.inside_many(boxes))}
    rows: list[PRow] = []
    for r, grid_row in enumerate(table.cells):
        y_top, y_bottom = table.rows[r]
        out = PRow(y1=y_top, y2=y_bottom, page=page)
        last_root = None
        for c, cell in enumerate(grid_row):
            region = root[(r, c)]
            if region == last_root:
                out.cells[-1].x2 = cell.x2
                continue
            last_root = region
            from_above = region[0] < r
            out.cells.append(PCell(cell.x1, cell.x2, "" if from_above else texts[region] if region[1] == c or not out.cells else texts[region], from_above))
        _return_overflow(out)
        rows.append(out)
    return rows


# a label's tail drawn past its cell's right ruling into the amount cell: "事务1,385.37", "出206.77"
_OVERFLOW = re.compile(r"^(?P<tail>[\u4e00-\u9fff（）()、“”\"]+)(?P<num>[-−－△(（]?\d[\d,]*(?:\.\d+)?[)）]?)$")


def _return_overflow(row: PRow) -> None:
    """Give a label's overflowing tail back to the label: in a cell that reads words then one number,
    whose left neighbour holds words, the words are the end of the neighbour's label."""
    for left, cell in zip(row.cells, row.cells[1:]):
        m = _OVERFLOW.match(cell.text)
        if m and left.text and not _OVERFLOW.match(left.text) and not re.search(r"\d$", left.text):
            left.text += m.group("tail")
            cell.text = m.group("num")


def stream_rows(table, page: int, chars: PageChars) -> list[PRow]:
    """Rows for a table found from text alignment (camelot's stream flavor): every grid cell is a printed cell."""
    rows: list[PRow] = []
    for r, grid_row in enumerate(table.cells):
        y_top, y_bottom = table.rows[r]
        out = PRow(y1=y_top, y2=y_bottom, page=page)
        texts = chars.inside_many([(cell.x1, cell.y1, cell.x2, cell.y2) for cell in grid_row])
        for cell, text in zip(grid_row, texts):
            out.cells.append(PCell(cell.x1, cell.x2, clean(text)))
        _return_overflow(out)
        rows.append(out)
    return rows
