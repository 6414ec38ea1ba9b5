"""Read numbers as printed, without losing their precision.

Amounts are kept as :class:`decimal.Decimal` so that ``1,385.37`` stays exactly
``1385.37`` and the printed number of decimals (the rounding a check may allow)
is never lost to binary floating point.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# 1,592.14 | 1592.14 | -3.5 | －3.5 | △3.5 | 87.01% | (1,200.00) ; full-width digits are folded first.
_NUMBER = re.compile(r"^[(（]?\s*[-−－△▲]?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*[)）]?\s*%?$")
_BLANKS = {"", "-", "—", "–", "--", "——", "/", "－", "0-", "…"}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－％（）", "0123456789.,-%()")


def parse_number(text: str | None) -> Decimal | None:
    """The number printed in a cell, or None for a blank/dash cell or text that is not one number."""
    if text is None:
        return None
    s = str(text).translate(_FULLWIDTH).strip().replace(" ", "").replace("\u00a0", "")
    s = s.replace("，", ",")
    if s in _BLANKS:
        return None
    if not _NUMBER.match(s):
        return None
    # −2.00, －2.00, (2.00), （2.00） and △2.00 (the 决算 templates' decrease sign) are all −2.00
    negative = s.startswith(("(", "（", "-", "−", "△", "▲")) or s.lstrip("(（").startswith(("-", "−", "△", "▲"))
    digits = re.sub(r"[^\d.]", "", s)
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return -value if negative else value


def is_number(text: str | None) -> bool:
    return parse_number(text) is not None


def decimals(value: Decimal) -> int:
    """How many decimals were printed (``1,385.37`` → 2, ``27`` → 0)."""
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def plain(value: Decimal | None) -> str:
    """Printed form without thousands separators, keeping trailing zeros (``22.30`` stays ``22.30``)."""
    if value is None:
        return ""
    return format(value, "f")
