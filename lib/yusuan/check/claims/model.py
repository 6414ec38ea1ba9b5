"""A claim: one figure the narrative states, with its page, sentence, subject and kind (amount, share,
change, count, list, same) — and the claims as a frame for claims.csv."""
from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal


@dataclass(frozen=True)
class Claim:
    page: int
    sentence: str
    subject: str
    kind: str  # amount | share | change_amount | change_percent | count | list | same
    value: Decimal | None
    unit: str
    basis: str = ""
    direction: str = ""
    parent: str = ""
    total: Decimal | None = None
    items: tuple[str, ...] = ()
    year: int | None = None
    section: str = ""
    scope: str = ""  # the classification item a breakdown figure belongs to ("进修及培训（20508）"), see _class_scopes
    fund: str = ""   # the fund the statements before it are about ("政府性基金"), see _fund_context
    own_fund: str = ""  # the fund its own clause names ("一般公共预算拨款安排的“三公”经费"), see _named_fund
    alt_subject: str = ""  # a change after a list's last item may be the list total's: that total (parse._list_total)


def claims_frame(claims):
    """One row per claim; ``items`` joined by "、"."""
    import pandas as pd

    cols = [f.name for f in fields(Claim)]
    rows = []
    for c in claims:
        row = {name: getattr(c, name) for name in cols}
        row["items"] = "、".join(c.items)
        rows.append(row)
    return pd.DataFrame(rows, columns=cols)
