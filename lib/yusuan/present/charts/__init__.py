"""Charts of one disclosure (or two), in the house style, from the tidy frame — charts a newsroom can publish.

Every chart reads the tidy DataFrame of a disclosure (one row per printed number, values as printed strings,
with the ``stage`` and ``year`` each figure's column prints) and its meta.json dict.  :func:`make` returns a
:class:`Chart`: the article figure (6.4 in wide, for a 640 px column), its title, a one-sentence takeaway in
Chinese (department, year, stage: used as the image's alt text), and ``data`` — a DataFrame of exactly what is
plotted (label, value, unit, and share / series / stage / year / source where relevant).  ``Chart.narrow()`` draws
the mobile variant (3.8 in, larger text relative to the picture).  A chart that cannot be drawn, or would say
nothing (one bar), comes back with ``figure`` None and ``reason`` set; :func:`make` never raises for a document's
data.

The rules (each from the issue the newsroom raised; the words are data, in charts.yml, stages.yml, words.yml):

- the department (meta ``publisher``) is in every title, with the stage of the plotted figures (预算 / 决算 …,
  the tidy ``stage`` of the column plotted); a final account's charts read its 决算 columns;
- amounts are shown in 亿元 when the chart's largest is at least 1亿元, else in 万元 (tables in 元 converted), two
  decimals; axis, bar labels, subtitle and CSV all use the unit shown;
- no total bar beside its parts (totals go in the subtitle), no one-bar chart; every total stated is the
  disclosure's key figure (meta ``key_figures``, yusuan.check.keyfigures: ``totals``), never a sum of the chart's
  own — a chart whose parts do not add up to it says so, one whose disclosure prints none states none; the economic chart is two panels,
  amounts (in the unit shown) and shares (in %), each on its own axis; the "三公" chart shows this year's figures
  beside the other column the table prints (the budget beside a 决算, last year beside this year);
- colours: Okabe–Ito (style.py): blue / orange / sky, grey for remainders; no red–green pair anywhere.

    c = make("function", tidy, meta)      # → Chart(name, figure, sentence, reason, title, data)
    draw_all(tidy, meta, doc_id)          # → {name: PNG Path | reason}; also .svg, .csv, -narrow.png, charts.json

Modules: ``frame`` (reading the tidy frame: a table's rows and columns, stage and year, the unit shown),
``draw`` (the house style's layout: titles, wrapping, bars, legends), one module per chart family — ``function``
(功能分类: by function, the largest class's detail, basic vs project), ``economic``, ``revenue``,
``threepublic`` ("三公"), ``projects``, ``yoy`` (year over year) — each with the data it plots and its spec; this
module holds the registry (:data:`CHARTS`), :func:`make`, :func:`save` and :func:`draw_all`.  A new chart: a
family module with ``<name>_data`` and ``_spec_<name>``, registered in ``_SPECS`` and ``CHARTS``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from yusuan.base import paths
from yusuan.present import style
from yusuan.present.charts.draw import _render, _Spec
from yusuan.present.charts.economic import _spec_economic, economic_data
from yusuan.present.charts.frame import (ECONOMIC_CLASSES, FUNCTION_CLASSES, TOTAL_ITEMS, NoData, Scale, config,
                                         doc_stage, source_line)
from yusuan.present.charts.function import (_spec_basic_project, _spec_function, _spec_function_detail,
                                            function_classes, function_shares)
from yusuan.present.charts.projects import _spec_projects, projects_data
from yusuan.present.charts.revenue import _spec_revenue, revenue_data
from yusuan.present.charts.threepublic import _spec_three_public, three_public_data
from yusuan.present.charts.yoy import _spec_yoy, yoy_data

__all__ = [
    "CHARTS", "Chart", "NoData", "Scale", "make", "draw_all", "save", "png_bytes", "write_csv", "doc_stage",
    "spending_by_function", "largest_function_detail", "basic_vs_project", "economic_classification",
    "revenue_by_source", "three_public", "projects_by_unit", "year_over_year",
    "function_classes", "function_shares", "three_public_data", "projects_data", "yoy_data", "economic_data",
    "revenue_data", "source_line", "config", "FUNCTION_CLASSES", "ECONOMIC_CLASSES", "TOTAL_ITEMS",
]


# the old entry points: each draws the article figure (a Figure, not registered with pyplot)

def spending_by_function(tidy: pd.DataFrame, meta: dict):
    """Spending by function (类), largest first, with each 类's share of the total."""
    return _render(_spec_function(tidy, meta))


def largest_function_detail(tidy: pd.DataFrame, meta: dict):
    """The 款 (or 项) of the largest 类, top 12 and the rest grouped."""
    return _render(_spec_function_detail(tidy, meta))


def basic_vs_project(tidy: pd.DataFrame, meta: dict):
    """基本支出 and 项目支出 of each 类, stacked (no total bar), or the two totals when only they are split."""
    return _render(_spec_basic_project(tidy, meta))


def economic_classification(tidy: pd.DataFrame, meta: dict):
    """Two panels: 基本支出 by 经济分类 类 (amounts) and 人员经费 / 公用经费 (% of 基本支出)."""
    return _render(_spec_economic(tidy, meta))


def revenue_by_source(tidy: pd.DataFrame, meta: dict):
    """Revenue by source with shares of the printed total."""
    return _render(_spec_revenue(tidy, meta))


def three_public(tidy: pd.DataFrame, meta: dict):
    """The "三公"经费 items, this stage and year beside the other column the table prints."""
    return _render(_spec_three_public(tidy, meta))


def projects_by_unit(tidy: pd.DataFrame, meta: dict, top: int = 12):
    """The largest projects (top 12, the rest grouped), coloured by implementing unit."""
    return _render(_spec_projects(tidy, meta, top))


def year_over_year(tidy: pd.DataFrame, meta: dict, prev_tidy: pd.DataFrame, prev_meta: dict):
    """Spending by function (类) in two disclosures, with each 类's change."""
    return _render(_spec_yoy(tidy, meta, prev_tidy, prev_meta))


# ------------------------------------------------------------------ registry, saving

_SPECS = {
    "function": _spec_function,
    "function_detail": _spec_function_detail,
    "basic_project": _spec_basic_project,
    "economic": _spec_economic,
    "revenue": _spec_revenue,
    "three_public": _spec_three_public,
    "projects": _spec_projects,
    "yoy": _spec_yoy,
}
# name → the function drawing its article figure; the display order of the report (charts.json)
CHARTS = {
    "function": spending_by_function,
    "function_detail": largest_function_detail,
    "basic_project": basic_vs_project,
    "economic": economic_classification,
    "revenue": revenue_by_source,
    "three_public": three_public,
    "projects": projects_by_unit,
    "yoy": year_over_year,
}


@dataclass
class Chart:
    """One chart of one disclosure.

    name: key of CHARTS; figure: the article Figure (None when skipped); sentence: the one-sentence takeaway in
    Chinese (department, year, stage; the image's alt text); reason: why it was skipped; title; data: exactly what
    is plotted (label, value, unit, share/series/stage/year where relevant, source) — the CSV beside the PNG;
    totals: the totals it states, by key figure (keyfigures.yml key → as shown, in ``data``'s unit; None where the
    disclosure prints none) — the disclosure's key figures, never a sum of the chart's own."""
    name: str
    figure: object | None = None
    sentence: str = ""
    reason: str | None = None
    extra: dict = field(default_factory=dict)
    title: str = ""
    data: pd.DataFrame | None = None
    spec: _Spec | None = field(default=None, repr=False)
    totals: dict = field(default_factory=dict)

    @property
    def made(self) -> bool:
        return self.figure is not None

    def narrow(self):
        """The narrow (mobile, 3.8 in ≈ 380 px) figure of this chart, drawn anew; None when skipped."""
        return _render(self.spec, narrow=True) if self.spec is not None else None


def make(name: str, tidy: pd.DataFrame, meta: dict, previous: tuple[pd.DataFrame, dict] | None = None) -> Chart:
    """Draw one chart; a chart without data (or that would be a single bar) comes back with .figure None and .reason
    set.  `previous`: (tidy, meta) of an earlier disclosure, or a data.Disclosure, for "yoy"."""
    if name not in _SPECS:
        raise KeyError(name)
    if previous is not None and not isinstance(previous, tuple):  # a data.Disclosure
        previous = (previous.tidy, previous.meta)
    try:
        if name == "yoy":
            if previous is None:
                raise NoData("no previous disclosure given")
            spec = _spec_yoy(tidy, meta, previous[0], previous[1])
        else:
            spec = _SPECS[name](tidy, meta)
    except NoData as exc:
        return Chart(name, None, "", str(exc))
    return Chart(name, _render(spec), spec.sentence, None, title=spec.title, data=spec.data, spec=spec,
                 totals=dict(spec.totals))


def save(fig, doc_id: str, name: str, base: Path | None = None) -> Path:
    """figures/<doc_id>/<name>.png and .svg (text as text); byte-identical on re-runs.  Returns the PNG path."""
    folder = paths.figures_dir(doc_id, base)
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{name}.png"
    fig.savefig(png, dpi=style.SAVE_DPI, bbox_inches="tight", pad_inches=0.12, metadata=style.PNG_METADATA,
                facecolor="white")
    fig.savefig(folder / f"{name}.svg", bbox_inches="tight", pad_inches=0.12, metadata=style.SVG_METADATA,
                facecolor="white")
    return png


def write_csv(data: pd.DataFrame, path: Path) -> Path:
    """The plotted data as CSV, UTF-8 with a byte-order mark (so Excel on Windows reads the Chinese), LF lines."""
    data.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def png_bytes(fig, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (for notebooks: a smaller copy of what save() writes)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.12, metadata=style.PNG_METADATA,
                facecolor="white")
    return buf.getvalue()


_OUTPUTS = ("{}.png", "{}.svg", "{}.csv", "{}-narrow.png")


def draw_all(tidy: pd.DataFrame, meta: dict, doc_id: str, previous=None, base: Path | None = None) -> dict[str, Path | str]:
    """Every chart for one disclosure: {name: PNG path, or the reason it was skipped}.

    Writes into figures/<doc_id>/ (or base/<doc_id>/), for each chart drawn: <name>.png (article, 200 dpi),
    <name>.svg, <name>.csv (the plotted data, UTF-8 with BOM), <name>-narrow.png (mobile); removes those files of a
    chart now skipped; and charts.json — a list in display order of {"name", "title", "sentence", "totals", "png",
    "svg", "csv", "narrow_png"} (file names relative to that folder; ``totals``: the key figures the chart states,
    as shown) for drawn charts and {"name", "reason"} for skipped ones.  Byte-identical on re-runs.  `previous` is
    (tidy, meta) of an earlier disclosure (or an object with .tidy and .meta) for the yoy chart."""
    if previous is not None and not isinstance(previous, tuple):
        previous = (previous.tidy, previous.meta)
    folder = paths.figures_dir(doc_id, base)
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path | str] = {}
    index = []
    for name in CHARTS:
        c = make(name, tidy, meta, previous)
        if not c.made:
            out[name] = c.reason
            index.append({"name": name, "reason": c.reason})
            for pattern in _OUTPUTS:
                (folder / pattern.format(name)).unlink(missing_ok=True)
            continue
        png = save(c.figure, doc_id, name, base)
        write_csv(c.data, folder / f"{name}.csv")
        narrow = c.narrow()
        narrow.savefig(folder / f"{name}-narrow.png", dpi=style.SAVE_DPI, bbox_inches="tight", pad_inches=0.1,
                       metadata=style.PNG_METADATA, facecolor="white")
        out[name] = png
        index.append({"name": name, "title": c.title, "sentence": c.sentence, "totals": c.totals, "png": f"{name}.png",
                      "svg": f"{name}.svg", "csv": f"{name}.csv", "narrow_png": f"{name}-narrow.png"})
    (folder / "charts.json").write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out
