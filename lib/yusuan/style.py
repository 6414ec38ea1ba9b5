"""House style for charts, with a CJK font that installs with pip.

matplotlib knows no Chinese font on a bare machine and would draw tofu boxes
(and warn on stderr, which breaks nbval).  We register Noto Sans CJK SC, shipped
inside the ``mplfonts`` wheel, explicitly by file path — never a system font.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib

FONT_FILE = "NotoSansCJKsc-Regular.otf"

PALETTE = ["#1f5a96", "#e07b39", "#3a9d5d", "#c23b3b", "#7d5ba6", "#8c6d46", "#d17fb5", "#7f7f7f", "#b5b83a", "#2bb3c0"]
INK = "#222222"
MUTED = "#6b6b6b"


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
            "font.sans-serif": [name, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "figure.dpi": 110,
            "savefig.dpi": 200,
            "savefig.bbox": "tight",
            "figure.figsize": (8.0, 4.8),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": MUTED,
            "axes.labelcolor": INK,
            "axes.titlesize": 13,
            "axes.titleweight": "normal",  # the wheel ships Regular only: "bold" would warn (findfont)
            "axes.titlelocation": "left",
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "xtick.color": MUTED,
            "ytick.color": MUTED,
            "font.size": 10,
            "svg.fonttype": "path",
            "svg.hashsalt": "yusuan",  # stable ids in the SVG: re-runs give byte-identical files
            "pdf.fonttype": 42,
            "path.simplify": True,
            "legend.frameon": False,
            "legend.fontsize": 9,
        }
    )
    return name


# Article width: 8 × 4.8 in at 200 dpi (1600 × 960 px).
FIGSIZE = (8.0, 4.8)
SAVE_DPI = 200
# What savefig writes into the file besides the picture: nothing that changes between runs.
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def title_effects():
    """A faux-bold stroke for titles: the CJK font has no Bold face, and asking for one logs a findfont warning."""
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=0.6, foreground=INK)]


def figure(figsize: tuple[float, float] = FIGSIZE, **kwargs):
    """A new Figure in the house style, *not* registered with pyplot (no global state, no auto-display)."""
    from matplotlib.figure import Figure

    use()
    return Figure(figsize=figsize, layout="constrained", **kwargs)
