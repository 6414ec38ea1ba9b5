"""Clean text read out of disclosure PDFs.

PDF text layers put stray spaces between CJK characters (``收 入``), between a
year and its 年 (``2023 年``), and break lines inside cells.  Every module that
compares labels or parses sentences goes through :func:`clean` so that the same
printed words always compare equal.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# A run of whitespace with a CJK character (or CJK punctuation) on at least one side.
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b]+")


def clean(text: str | None) -> str:
    """Normalise a label or sentence: NFKC-safe quotes, no spaces next to CJK, single spaces elsewhere."""
    if not text:
        return ""
    return _clean(text)


# The same labels and figures come back in every table ("0.00", "合计", …): a pure function of its string,
# remembered (bounded; about 10 MiB at most)
@lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\u200b", "")
    text = text.replace("\n", " ")
    text = _SPACE_NEXT_TO_CJK.sub("", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


def clean_lines(text: str | None) -> str:
    """Like :func:`clean` but keeps line breaks (for page text where lines matter)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(c for c in (clean(line) for line in text.split("\n")) if c)


def fold(text: str | None) -> str:
    """A matching key: :func:`clean` plus full-width → half-width and unified quotes/brackets."""
    return _fold(text) if text else ""


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", clean(text))
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("〔", "("), ("〕", ")")):
        text = text.replace(a, b)
    return text.replace(" ", "")
