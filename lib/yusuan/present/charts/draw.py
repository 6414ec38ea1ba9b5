"""Drawing a chart in the house style from its spec: titles and subtitles that name the department, stage and
year, Chinese wrapped where a line may break, horizontal bars with their labels, legends, panels, the article
and the narrow (phone) layouts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import pandas as pd

from yusuan.present import style
from yusuan.present.charts.frame import Scale, _w, config

# ------------------------------------------------------------------ layout: article and narrow (mobile) figures


def _em(s: str) -> float:
    """Width of a text in em: a CJK character (or full-width punctuation) is 1 em, a Latin one about 0.56."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.56 for ch in str(s))


@lru_cache(maxsize=1)
def _page_rx() -> str:
    """'第 16–17 页' as one token, never broken across lines."""
    return re.escape(_w("page", pages="\0")).replace("\\\0", "[0-9–、]+").replace("\0", "[0-9–、]+")


_NO_LINE_END = set("（《「“(")
_NO_LINE_START = set("，。；：、）》」%’”")


def _wrap(text: str, em: float, max_lines: int | None = None) -> str:
    """Break a text into lines of at most `em` em; figures and Latin words are never split, no line starts with
    closing punctuation; with `max_lines`, the last line kept ends in '…'."""
    out = []
    for para in str(text).split("\n"):
        if _em(para) > em and (not max_lines or _em(para) <= em * max_lines):  # balanced lines, no short last one
            n = -(-_em(para) // em)
            em_p = min(em, _em(para) / n + 2)
        else:
            em_p = em
        line = ""
        for tok in re.findall(_page_rx() + r"|[0-9A-Za-z.,%+\-−–<>]+|\s+|.", para):
            if line.strip() and _em(line + tok) > em_p and tok not in _NO_LINE_START:
                if line[-1] in _NO_LINE_END and len(line) > 1:  # an opening bracket goes down with what it opens
                    out.append(line[:-1].rstrip())
                    line = line[-1] + tok
                    continue
                # break after the last comma or wide space of the line when it is in its second half
                cut = max(line.rfind(c) for c in "，；　、》」：")
                if cut > 0 and _em(line[: cut + 1]) > 0.5 * em_p and _em(line[cut + 1:] + tok) <= em_p:
                    out.append(line[: cut + 1].rstrip())
                    line = line[cut + 1:].lstrip() + tok
                    continue
                out.append(line.rstrip())
                line = tok.lstrip()
            else:
                line += tok
        out.append(line)
    if max_lines and len(out) > max_lines:
        out = out[:max_lines]
        out[-1] = out[-1][: max(1, len(out[-1]) - 1)] + "…"
    return "\n".join(out)


@dataclass(frozen=True)
class Layout:
    """The figure a chart is drawn into: the article figure (6.4 in, read at 640 px) or the narrow one (3.8 in)."""
    narrow: bool = False

    @property
    def width(self) -> float:
        return style.NARROW if self.narrow else style.WIDE

    def label(self, s: str) -> str:
        """A category label (y axis): one line of 15 em in the article; on a phone at most two of 8 em, without
        the classification code."""
        return _wrap(re.sub(r"（\d+）$", "", str(s)), 8, 2) if self.narrow else _wrap(s, 15, 1)

    def height(self, rows: float, extra_lines: int = 0) -> float:
        per, base = (0.40, 1.35) if self.narrow else (0.30, 1.15)
        return round(max(2.4, min(9.5, base + per * rows + 0.24 * extra_lines)), 2)


@dataclass
class _Spec:
    """A chart before drawing: its words, the data it plots, and a function that draws it into a figure."""
    name: str
    title: str
    subtitle: str
    source: str
    sentence: str
    data: pd.DataFrame
    draw: Callable  # draw(fig, layout) -> list of axes, the first carrying the subtitle
    rows: float
    # the totals the chart states, by key figure (yusuan.check.keyfigures) → as shown (in the chart's unit), None
    # where the disclosure prints none (charts/totals.py): never a sum of the chart's own
    totals: dict = field(default_factory=dict)


def _thousands(x, _pos=None) -> str:
    return f"{x:,.0f}" if abs(x) >= 10 or float(x).is_integer() else f"{x:g}"


def _render(spec: _Spec, narrow: bool = False):
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    lay = Layout(narrow)
    em = lay.width * 72 / style.TITLE_SIZE * 0.9
    head, colon, rest = spec.title.partition("：")
    # a title too long for one line breaks after its colon (department, year and stage above, the subject below)
    # when both halves fit a line, else into balanced lines
    title = (_wrap(spec.title, em) if _em(spec.title) <= em or not colon or _em(head + colon) > em or _em(rest) > em
             else head + colon + "\n" + rest)
    src = _wrap(spec.source.replace("；", "\n"), lay.width * 72 / style.SMALL_SIZE * 0.95)
    fig = style.figure((lay.width, lay.height(spec.rows, title.count("\n"))))
    axes = spec.draw(fig, lay)
    # the subtitle starts where the plot does, right of the category labels: it wraps in what is left
    label_in = max([_em(t.get_text().split("\n")[0]) for a in axes for t in a.get_yticklabels()] + [0]) * style.TEXT_SIZE / 72
    sub = _wrap(spec.subtitle, (lay.width - label_in - 0.35) * 72 / style.LABEL_SIZE * 0.95)
    if sub.count("\n"):
        fig.set_figheight(fig.get_figheight() + 0.2 * sub.count("\n"))
    fig.suptitle(title, x=0.01, ha="left", fontsize=style.TITLE_SIZE, color=style.INK, linespacing=1.25)
    first = axes[0]
    own = first.get_title(loc="left")
    first.set_title(sub + ("\n" + own if own else ""), loc="left", fontsize=style.LABEL_SIZE, color=style.MUTED,
                    pad=8, linespacing=1.3)
    for a in axes:
        if not getattr(a, "_yusuan_percent", False):
            a.xaxis.set_major_formatter(FuncFormatter(_thousands))
            if narrow:
                a.xaxis.set_major_locator(MaxNLocator(nbins=3, steps=[1, 2, 2.5, 5, 10]))
    fig.text(0.01, -0.01, src, ha="left", va="top", fontsize=style.SMALL_SIZE, color=style.MUTED, linespacing=1.3)
    return fig


def _bar_axis(ax, lay: Layout, labels: list[str], y: list[float], xlabel: str) -> None:
    ax.set_yticks(y, [lay.label(s) for s in labels])
    ax.tick_params(axis="y", length=0, labelsize=style.TEXT_SIZE, labelcolor=style.INK)
    ax.tick_params(axis="x", labelsize=style.TEXT_SIZE)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(xlabel, fontsize=style.TEXT_SIZE)
    ax.grid(axis="x", color=style.GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def _room(ax, lay: Layout, labels: list[str], ends: list[float], texts: list[str], lo: float = 0.0) -> float:
    """Set the x range so that the longest bar plus its text fits; returns the data width of 1% of the axis."""
    top = max(ends + [0.0])
    label_in = max((_em(s) for s in ([lay.label(x).split("\n")[0] for x in labels] or [""])), default=0) \
        * style.TEXT_SIZE / 72
    axes_in = max(1.2, lay.width - label_in - 0.45)
    text_in = max((_em(t) for t in texts), default=0) * style.LABEL_SIZE / 72 + 0.08
    frac = min(0.62, text_in / axes_in)
    hi = top / (1 - frac) if top > 0 else 1.0
    ax.set_xlim(min(lo, 0.0), hi)
    return hi * 0.01


def _hbars(ax, lay: Layout, labels: list[str], values: list[float], scale: Scale, texts: list[str] | None = None,
           colors=None, xlabel: str | None = None) -> None:
    """Horizontal bars, largest at the top, each with its value (and share) written at its end."""
    y = list(range(len(values)))[::-1]
    ax.barh(y, values, color=colors or style.BLUE, height=0.62)
    if len(values) < 3:  # keep bars slim when there are only two
        pad = (3 - len(values)) / 2
        ax.set_ylim(-0.5 - pad, len(values) - 0.5 + pad)
    texts = texts or [scale.fmt(v) for v in values]
    _bar_axis(ax, lay, labels, y, xlabel or scale.label())
    step = _room(ax, lay, labels, list(values), texts)
    for yy, v, tx in zip(y, values, texts):
        ax.text(max(v, 0) + step, yy, tx, va="center", ha="left", fontsize=style.LABEL_SIZE, color=style.INK)


def _with_legend(fig, lay: Layout, handles, labels, title: str | None = None, rows: float = 4,
                 categories: list[str] = ()):
    """(legend axes, plot axes): the legend in a row of its own above the plot, under the subtitle (which the legend
    axes carries), so that neither the title nor a bar is covered; as many columns as fit right of the plot's
    category labels."""
    label_in = max([_em(lay.label(c).split("\n")[0]) for c in categories] + [0]) * style.TEXT_SIZE / 72
    widest = max(_em(line) for x in labels for line in str(x).split("\n")) * style.TEXT_SIZE / 72 + 0.55
    ncol = max(1, min(3, len(labels), int((lay.width - label_in - 0.3) // widest)))
    lines = -(-len(labels) // ncol) + (1 if title else 0) + sum(str(x).count("\n") for x in labels) / max(ncol, 1)
    gs = fig.add_gridspec(2, 1, height_ratios=[0.28 * lines + 0.1, max(rows, 1.5) * (0.40 if lay.narrow else 0.30)])
    lax = fig.add_subplot(gs[0])
    lax.set_axis_off()
    lax.legend(handles, labels, loc="center left", ncol=ncol, fontsize=style.TEXT_SIZE, title=title,
               title_fontsize=style.TEXT_SIZE, alignment="left", handlelength=1.2, columnspacing=1.4,
               borderaxespad=0, borderpad=0)
    return lax, fig.add_subplot(gs[1])


def _patch(color):
    from matplotlib.patches import Patch

    return Patch(color=color)


def _frame(source: str, **cols) -> pd.DataFrame:
    """The plotted data: label, value, unit, then whatever else is given (share, series, stage, year …), source."""
    d = pd.DataFrame(cols)
    first = [c for c in ("label", "value", "unit", "share", "series", "stage", "year") if c in d.columns]
    d = d[first + [c for c in d.columns if c not in first]]
    d["year"] = [str(y) for y in d["year"]] if "year" in d.columns else d.get("year")
    d["source"] = source
    return d.reset_index(drop=True)


def _who(meta: dict) -> str:
    return meta.get("publisher") or meta.get("file") or ""


def _yr(year) -> str:
    return _w("year", year=year) if year not in (None, "") else ""


def _title(name: str, meta: dict, stage: str, **kw) -> str:
    return config()["titles"][name].format(who=_who(meta), year=_yr(meta.get("year")), stage=stage, **kw)


def _lead(meta: dict, what: str, stage: str) -> str:
    """The subject of a chart's sentence: 上海市普陀区财政局2024年一般公共预算支出决算."""
    return f"{_who(meta)}{_yr(meta.get('year'))}{what}{stage}"


def _unit_line(scale: Scale, head: str = "") -> str:
    unit = f"{_w('unit')}：{scale.unit}" + (f"（{scale.note}）" if scale.note else "")
    return "　".join(s for s in (head, unit) if s)


def _pct_label(share: float) -> str:
    return f"{share:.1f}%" if share == share else "—"


# ------------------------------------------------------------------ the charts

def _what(key: str) -> str:
    return config()["what"].get(key, config()["what"]["expenditure"])
