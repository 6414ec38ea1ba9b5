"""House style for charts, with a CJK font that installs with pip.

matplotlib knows no Chinese font on a bare machine and would draw tofu boxes
(and warn on stderr, which breaks nbval).  We register Noto Sans CJK SC, shipped
inside the ``mplfonts`` wheel, explicitly by file path — never a system font.

Colours: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which
readers with any common colour-vision deficiency tell apart; blue and orange for the
two sides of a comparison (never red and green, which Chinese readers take for a stock
ticker, up and down), a neutral grey for totals and remainders.

Sizes: an article figure is 6.4 in wide, shown 640 px wide (100 px per inch), so a
label of p points is p × 100 / 72 px on the page; the smallest text is 9 pt (12.5 px,
above the ~11 px a reader needs).  The narrow (mobile) variant is 3.8 in wide for a
360–400 px column, same points, so its text is relatively larger.

SVG keeps text as text (``svg.fonttype: none``) with the CJK family named first and
common Chinese system fonts after it, so a browser shows it and an editor can fix a label.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib

FONT_FILE = "NotoSansCJKsc-Regular.otf"
# named after the bundled font in SVG text, for viewers that lack it (the same design under Adobe's name first)
FALLBACK_FAMILIES = ["Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "DejaVu Sans"]

# Okabe–Ito
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"   # Okabe–Ito's bluish green: for categories only, never to mean "up"
PURPLE = "#CC79A7"
VERMILION = "#D55E00"
GREY = "#9A9A9A"    # totals, remainders ("其他"), the earlier year
PALETTE = [BLUE, ORANGE, SKY, GREEN, PURPLE, VERMILION, GREY]
INCREASE = BLUE           # a rise: text in this colour, with its + sign
DECREASE = "#A65300"      # a fall: dark orange (Okabe–Ito orange darkened to read as text on white), with its − sign
INK = "#222222"
MUTED = "#5f5f5f"
GRID = "#e3e3e3"

# sizes in points (see the module docstring for the px they make)
TITLE_SIZE = 13.5
TEXT_SIZE = 10.0      # axis tick labels, legends
LABEL_SIZE = 9.5      # bar labels, subtitles
SMALL_SIZE = 9.0      # source lines: the smallest text drawn
WIDE = 6.4            # inches: the article figure (640 px at 100 px per inch)
NARROW = 3.8          # inches: the mobile figure (380 px)


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: CJK font missing from the mplfonts package; reinstall with `make setup`")
    return path


@lru_cache(maxsize=1)
def cjk_font_name() -> str:
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def use() -> str:
    """Apply the house style; returns the CJK font family name in use."""
    name = cjk_font_name()
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [name, *FALLBACK_FAMILIES],
            "axes.unicode_minus": False,
            "figure.dpi": 110,
            "savefig.dpi": 200,
            "savefig.bbox": "tight",
            "figure.figsize": (WIDE, 4.0),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": MUTED,
            "axes.labelcolor": INK,
            "axes.labelsize": TEXT_SIZE,
            "axes.titlesize": TEXT_SIZE,
            "axes.titleweight": "normal",  # the wheel ships Regular only: "bold" would warn (findfont)
            "axes.titlelocation": "left",
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "xtick.color": MUTED,
            "ytick.color": MUTED,
            "xtick.labelsize": TEXT_SIZE,
            "ytick.labelsize": TEXT_SIZE,
            "font.size": TEXT_SIZE,
            "svg.fonttype": "none",  # text stays text: an editor can fix a label, a browser can search it
            "svg.hashsalt": "yusuan",  # stable ids in the SVG: re-runs give byte-identical files
            "pdf.fonttype": 42,
            "path.simplify": True,
            "legend.frameon": False,
            "legend.fontsize": TEXT_SIZE,
        }
    )
    return name


FIGSIZE = (WIDE, 4.0)
# 200 dpi: the article PNG is 1280 px wide, sharp on a 2× screen when shown at 640 px
SAVE_DPI = 200
# What savefig writes into the file besides the picture: nothing that changes between runs.
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def title_effects():
    """Kept for callers of earlier versions: no effect any more (a stroke path effect turns SVG text into paths)."""
    return []


def figure(figsize: tuple[float, float] = FIGSIZE, **kwargs):
    """A new Figure in the house style, *not* registered with pyplot (no global state, no auto-display)."""
    from matplotlib.figure import Figure

    use()
    return Figure(figsize=figsize, layout="constrained", **kwargs)
