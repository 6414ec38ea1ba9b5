"""How the narrative prints figures: numbers with their units (万元, 元, 亿元, %, 个 …), Chinese and full-width
digits, approximations (约, 近, 左右), and figures whose trailing zeros a sentence drops (7 beside 115.69 is 7.00)."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from yusuan.base.numbers import decimals
from yusuan.check.claims.model import Claim

# --------------------------------------------------------------------------- patterns

_CN_NUM = "一二三四五六七八九十"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")
_NUM = r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
_UNITS = r"亿元|万元|元|%|个|辆|台（套）|台\(套\)|台|家|人|名|项"
_NUM_UNIT = re.compile(_NUM + r"\s*(" + _UNITS + r")")
_MONEY = {"亿元", "万元", "元"}
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?")
_APPROX = re.compile(r"(约|大约|近|逾|超过|左右|余|多)")


def _dropped_zeros(claims: list[Claim]) -> list[Claim]:
    """Amounts printed without their trailing zeros: in a sentence that gives 115.69 beside 226.9 and 7 (万元), the
    writer drops zeros (226.90, 7.00), so every amount of that unit is as precise as its most precise one — 7 is
    7.00, not anything from 6.5 to 7.5.  An approximate figure (约, 近, 左右, 余 …) is left as printed."""
    by_sentence: dict[tuple, list[int]] = {}
    for k, c in enumerate(claims):
        if c.kind in ("amount", "change_amount") and c.value is not None and c.unit in _MONEY:
            by_sentence.setdefault((c.page, c.sentence, c.unit), []).append(k)
    out = list(claims)
    for (_page, sentence, _unit), ks in by_sentence.items():
        places = [decimals(claims[k].value) for k in ks]
        finest = max(places)
        if finest == 0 or min(places) == finest or _APPROX.search(sentence or ""):
            continue
        for k, d in zip(ks, places):
            if d < finest and claims[k].value != 0:  # a zero is exact as printed
                out[k] = replace(claims[k], value=claims[k].value.quantize(Decimal(1).scaleb(-finest)))
    return out
