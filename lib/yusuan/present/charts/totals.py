"""The totals a chart states: the disclosure's key figures, never a sum of the chart's own.

A chart's title, subtitle, sentence and shares speak of a total — the 支出 it breaks down by function, the "三公"
经费 beside last year's, the 项目支出 its projects belong to.  That total is the key figure of the disclosure
(yusuan.check.keyfigures, read once, carried in meta.json ``key_figures``), so that the chart and the report's
key-figure box say one thing.  :func:`stated` gives it in the chart's printed unit with how the plotted parts
compare: a chart whose parts do not add up to it says so (:meth:`Stated.note`) rather than printing another
total; where the disclosure prints no such figure the chart states none (its shares are then of the parts
plotted, and it says that too).

    s = stated(meta, "three_public", {"万元"}, [10.0, 0.2, 0.0])
    s.value        # 10.20 (万元) or None;  s.differs: the parts add up to something else;  s.note(scale)
"""
from __future__ import annotations

from dataclasses import dataclass

from yusuan.present.charts.frame import Scale, _w, _yuan


@dataclass
class Stated:
    """One key figure as a chart states it: ``value`` in the chart's printed unit (None: the disclosure prints no
    such figure), ``parts`` the sum of what the chart plots (same unit), ``differs`` when they are not equal beyond
    the rounding of the printed parts."""
    key: str
    name: str
    value: float | None
    parts: float
    differs: bool = False
    status: str = ""

    @property
    def whole(self) -> float:
        """What shares are of: the key figure, or (none printed) the parts plotted."""
        return self.value if self.value is not None else self.parts

    def text(self, scale: Scale) -> str:
        """'一般公共预算支出 1,592.14 万元' — or '' when the disclosure prints no such figure."""
        return "" if self.value is None else f"{self.name} {scale.text(self.value)}"

    def note(self, scale: Scale) -> str:
        """What the chart must add: that its parts do not add up to the key figure, or that there is none."""
        if self.value is None:
            return _w("no_total", name=self.name)
        if self.differs:
            return _w("parts_differ", parts=scale.text(self.parts), name=self.name, total=scale.text(self.value))
        return ""


def key_rows(meta: dict) -> dict[str, dict]:
    """meta.json's key figures by key (rows of yusuan.check.keyfigures.KEY_FIGURE_COLUMNS); {} for processed data
    written before they were carried there."""
    return {r["key"]: r for r in meta.get("key_figures") or [] if r.get("key")}


def stated(meta: dict, key: str, units: set[str], parts: list[float]) -> Stated:
    """Key figure ``key`` in the chart's printed unit (``units``: the unit(s) of the table plotted), beside the sum of
    the plotted ``parts``.  Not stated (value None) when absent, or when its unit and the chart's cannot be
    converted (charts.yml units)."""
    from yusuan.check.keyfigures import declared

    names = {spec["key"]: spec["name"] for spec in declared()}
    row = key_rows(meta).get(key) or {}
    whole = float(sum(parts))
    value = None
    if row.get("value"):
        shown = {u for u in units if u}
        per_key, per_chart = _yuan(row.get("unit") or ""), _yuan(next(iter(shown))) if len(shown) == 1 else None
        if row.get("unit") in shown:
            value = float(row["value"])
        elif per_key and per_chart:
            value = float(row["value"]) * per_key / per_chart
    # each printed part may be off by half its last digit (two decimals; whole 元 in 元 tables): their sum by as
    # many halves
    half = 0.51 if {u for u in units if u} == {"元"} else 0.0051
    tol = half * max(len(parts), 1) + (abs(value) * 1e-9 if value else 0.0)
    differs = value is not None and abs(whole - value) > tol
    return Stated(key, names.get(key, key), value, whole, differs, row.get("status") or "")


def itself(meta: dict, key: str, units: set[str], printed: float) -> Stated:
    """A chart that plots the key figure itself (one bar for 基本支出, one for 项目支出): the key figure, else the
    table's ``printed`` figure — no parts to differ."""
    s = stated(meta, key, units, [printed])
    if s.value is not None:
        s.parts, s.differs = s.value, False
    return s


def shown(scale: Scale, *figures: Stated) -> dict[str, float | None]:
    """{key: the figure as the chart shows it (in ``scale``'s unit), None where none is printed}: a chart's
    ``totals``."""
    return {x.key: None if x.value is None else scale.show(x.value) for x in figures if x.key}
