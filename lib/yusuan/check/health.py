"""How far to trust each extracted table: its health, and when it is doubtful.

A table read right from a published disclosure holds every figure printed in its cells, and nearly
all of its own identities hold (a document's own error breaks one or two; measured on the bundled
set, 1 of 3,392 table identities fails).  A misread table shows itself: figures printed in its cells
that did not become figures (a column taken for labels, a number glued to a label, a code column read
as text), or many of its sums failing at once (a column shifted, panels merged, rows lost).

:func:`table_health` measures both; a table is **doubtful** when

* it reads fewer than ``MIN_FIGURES`` (98%) of the figures printed in its cells, or
* at least ``MIN_FAILED`` (3) of its own identities fail and they are at least ``MAX_FAILED_SHARE``
  (20%) of them — more than the one or two errors a published table carries.

Nothing downstream reports a document error from a doubtful table: the fact-check says "extraction
doubt" instead (yusuan.steps.audit), and ``meta.json``, ``yusuan extract`` and the report say which tables and why.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from yusuan.base.numbers import parse_number
from yusuan.base.text import fold
from yusuan.vocab import column_rules

MIN_FIGURES = 0.98
MIN_FAILED = 3
MAX_FAILED_SHARE = 0.20

# a figure as tables print amounts: with decimals or thousands separators (codes and line numbers are bare)
_FIGURE = re.compile(r"^[-−－△▲(（]?\d{1,3}(,\d{3})+(\.\d+)?[)）]?$|^[-−－△▲(（]?\d+\.\d+[)）]?$")
# a figure glued to the words before it in one cell ("缴费支出43608.96")
_GLUED = re.compile(r"[\u4e00-\u9fff][-−]?\d[\d,]*\.\d+$")


@dataclass
class Health:
    printed: int = 0  # figures printed in the table's body cells
    read: int = 0  # of them, read as figures (in an amount column)
    sums: int = 0  # the table's own identities checked
    failed: int = 0  # of them, mismatches
    doubtful: str = ""  # why the table is doubtful; "" when it is not

    @property
    def figures_share(self) -> float:
        return self.read / self.printed if self.printed else 1.0

    def as_dict(self) -> dict:
        return {**asdict(self), "figures_share": round(self.figures_share, 4)}


def table_health(doc_id: str, table) -> Health:
    """The health of one PrintedTable (forms and empty tables: nothing to measure)."""
    from yusuan.check.identities import run_checks

    h = Health()
    if table.empty or any(c.role == "form" for c in table.columns):
        return h
    text_cols = column_rules()["not_amount"]["header"]  # performance indicators: numbers that are not money
    for row in table.body:
        for col, text in zip(table.columns, row):
            t = (text or "").replace(" ", "")
            if not t or text_cols.search(fold(col.name)):
                continue
            if _FIGURE.match(t):
                h.printed += 1
                if col.role == "value" and parse_number(t) is not None:
                    h.read += 1
            elif _GLUED.search(t):
                h.printed += 1
    own = [f for f in run_checks(doc_id, [table]) if f.table == table.key and f.status != "unverifiable"]
    h.sums = len(own)
    h.failed = sum(f.status == "mismatch" for f in own)
    reasons = []
    if h.figures_share < MIN_FIGURES:
        reasons.append(f"holds {h.read} of the {h.printed} figures printed in its cells")
    if h.failed >= MIN_FAILED and h.failed >= MAX_FAILED_SHARE * h.sums:
        reasons.append(f"{h.failed} of its {h.sums} own sums fail")
    h.doubtful = "; ".join(reasons)
    return h
