"""Ruling lines as fiscal systems draw them, for camelot's vector lattice engine.

camelot 2's ``engine="vector"`` reads a page's rules from its layout tree: stroked ``LTLine``
objects, the edges of stroked ``LTRect`` objects, and filled ``LTRect`` objects at most 1.5 pt
thick (``camelot.image_processing._ruled_lines_from_layout``).  Real disclosures draw rules in
two more ways, which the layout tree reports as ``LTCurve`` (a path that is not exactly a line or
a four-point rectangle), and camelot then finds no grid at all:

* **thin filled polygons** — Guangdong's fiscal system draws every rule as a filled five-point
  shape 0.75 pt thick with one bevelled corner (珠海市商务局 2026, 广州市 departments 2026);
* **polylines** — one stroked path through many axis-parallel segments (a whole row of cell
  borders in one path).

:func:`ruled_lines` returns camelot's own lines plus those: a thin filled curve (either side at
most ``THIN`` pt) is a line along its long axis; every axis-parallel segment of a stroked curve
is a line.  :func:`install` makes camelot's vector engine use it (the one function camelot looks
up by name), so grid detection, joints, cells and spanning stay camelot's.
"""
from __future__ import annotations

from functools import wraps

# A filled shape whose narrower side is at most this (pt) is a rule, not a shaded cell.  Rules are
# drawn 0.25–1 pt; a shaded header cell is at least a text line high (≥ 8 pt).
THIN = 2.0
# Segments of a stroked path within this (pt) of axis-parallel count as horizontal/vertical.
AXIS_TOL = 0.5


def curve_lines(x0: float, y0: float, x1: float, y1: float, fill: bool, stroke: bool,
                pts) -> list[tuple[float, float, float, float]]:
    """The rules a curve of bounding box (x0, y0, x1, y1) draws: a thin filled shape (either side at most THIN
    pt) is one line along its long axis; every axis-parallel segment of a stroked path (``pts``) is a line.
    Used for playa's LTCurve (below) and for pdfium's paths (yusuan.pdf.layout)."""
    out = []
    w, h = x1 - x0, y1 - y0
    if fill and min(w, h) <= THIN < max(w, h):
        if w >= h:
            out.append((x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
        else:
            out.append(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1))
    elif stroke:
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            if abs(ay - by) <= AXIS_TOL and abs(ax - bx) > AXIS_TOL:
                out.append((min(ax, bx), ay, max(ax, bx), ay))
            elif abs(ax - bx) <= AXIS_TOL and abs(ay - by) > AXIS_TOL:
                out.append((ax, min(ay, by), ax, max(ay, by)))
    return out


def _curve_lines(obj) -> list[tuple[float, float, float, float]]:
    return curve_lines(obj.x0, obj.y0, obj.x1, obj.y1, bool(getattr(obj, "fill", False)),
                       bool(getattr(obj, "stroke", False)), list(getattr(obj, "pts", []) or []))


class FastLayout:
    """What camelot's lattice parser is given instead of playa's layout tree: no objects (nothing to
    walk), the page's ruling lines precomputed (by yusuan.pdf.layout from pdfium's path objects)."""

    def __init__(self, lines, bbox):
        self.lines = lines
        self.bbox = bbox
        self.h = self.v = self.joints = None  # see yusuan.pdf.layout._grid

    def __iter__(self):
        return iter(())


def install() -> None:
    """Teach camelot's vector engine the rules above (idempotent)."""
    import camelot.image_processing as ip
    from playa.miner import LTCurve, LTLine, LTRect

    original = ip._ruled_lines_from_layout
    if getattr(original, "_yusuan", False):
        return

    @wraps(original)
    def ruled_lines(layout):
        if isinstance(layout, FastLayout):  # lines already read from pdfium's path objects (yusuan.pdf.layout)
            return list(layout.lines)
        out = original(layout)
        for obj in ip._walk_layout_objects(layout):
            if isinstance(obj, LTCurve) and not isinstance(obj, (LTLine, LTRect)):
                out.extend(_curve_lines(obj))
        return out

    ruled_lines._yusuan = True
    ip._ruled_lines_from_layout = ruled_lines
