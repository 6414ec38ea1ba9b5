"""The key figures of a disclosure — what a reader looks for first — each with whether it was checked.

``key_figures(tables, year, kind, findings)`` finds each figure of keyfigures.yml in the table model (the same
lookup the fact-check uses) and says how far it can be trusted:

- ``checked``: a check that agreed (ok or within rounding) names this very cell — the narrative stating it,
  or an identity of the tables (a total equal to the sum of its parts, one total across tables); the pages of
  those checks are given;
- ``mismatch``: a check naming this cell disagrees (the document contradicts itself here);
- ``doubtful``: the table it is read from is marked doubtful by extraction;
- ``unchecked``: printed once, confirmed by nothing.

Written to data/processed/<doc_id>/key_figures.csv (one row per figure, KEY_FIGURE_COLUMNS); the HTML report's
first box and reports/index.csv read that file.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from yusuan.vocab import load

KEY_FIGURE_COLUMNS = ["key", "name", "english", "value", "unit", "status", "checked_pages", "checks", "table",
                      "title", "row", "column", "page", "stage", "year"]


@dataclass
class KeyFigure:
    key: str
    name: str
    english: str
    value: Decimal | None = None   # as printed, in ``unit``; None: the disclosure prints no such figure
    unit: str = ""
    status: str = "absent"         # checked | mismatch | doubtful | unchecked | absent
    checked_pages: list[int] = field(default_factory=list)  # pages of the checks that confirm (or contradict) it
    checks: list[str] = field(default_factory=list)         # their names (claim_amount, sum_children …)
    table: str = ""
    title: str = ""
    row: int | None = None
    column: str = ""
    page: int | None = None        # where the figure is printed
    stage: str = ""                # 预算 / 决算 … of its column
    year: int | None = None

    def as_row(self) -> dict:
        d = asdict(self)
        d["value"] = "" if self.value is None else str(self.value)
        d["checked_pages"] = " ".join(str(p) for p in self.checked_pages)
        d["checks"] = " ".join(self.checks)
        d["row"] = "" if self.row is None else str(self.row)
        d["page"] = "" if self.page is None else str(self.page)
        d["year"] = "" if self.year is None else str(self.year)
        return d


@lru_cache(maxsize=1)
def declared() -> tuple[dict, ...]:
    """keyfigures.yml's figures, in display order."""
    raw = load("keyfigures")
    return tuple(raw["figures"])


def _cell(idx, spec: dict, year: int | None):
    if "subject" in spec:
        return idx.lookup(spec["subject"])
    tp = spec.get("three_public")
    if tp is not None:
        want = (year + tp["year"]) if tp.get("year") and year else None
        if tp.get("year") and want is None:
            return None
        return idx.three_public("total", final=tp.get("final"), year=want)
    raise ValueError(f"keyfigures.yml: figure {spec.get('key')} says neither subject nor three_public")


def key_figures(tables, year: int | None, kind: str, findings) -> list[KeyFigure]:
    """The figures of keyfigures.yml for one disclosure: list[KeyFigure] in declared order (figures a kind does
    not have are left out; a figure the tables do not print comes back with status "absent").

    ``tables``: the PrintedTables checked (AuditResult.tables); ``findings``: the audit's Finding list.  A
    finding confirms a figure when it names the same table, row and column and its status is ok or rounding."""
    from yusuan.check.lookup import TableIndex
    from yusuan.tables.rows import find_table

    idx = TableIndex(tables, year)
    out = []
    for spec in declared():
        if spec.get("kinds") and kind not in spec["kinds"]:
            continue
        kf = KeyFigure(spec["key"], spec["name"], spec.get("english", ""))
        cell = _cell(idx, spec, year)
        if cell is None or cell.what:  # not found, or computed rather than printed
            out.append(kf)
            continue
        t = find_table(tables, cell.table)
        kf.value, kf.unit, kf.table, kf.row, kf.column, kf.page = cell.value, cell.unit, cell.table, cell.row, cell.column, cell.page
        if t is not None:
            kf.title = t.title or ""
            j = next((j for j, c in enumerate(t.columns) if c.name == cell.column), None)
            if j is not None:
                kf.stage = t.column_stage(j)
                kf.year = t.columns[j].year or year
        kf.stage = kf.stage or ("决算" if "决算" in kind else "预算")  # a column without a stage word: the document's
        offset = (spec.get("three_public") or {}).get("year")
        kf.year = (year + offset) if offset and year else (kf.year or year)
        on_it = [f for f in findings if f.table == cell.table and f.row == cell.row and f.column == cell.column]
        bad = [f for f in on_it if f.status == "mismatch"]
        good = [f for f in on_it if f.status in ("ok", "rounding")]
        if t is not None and getattr(t, "doubtful", None):
            kf.status = "doubtful"
        elif bad:
            kf.status = "mismatch"
        elif good:
            kf.status = "checked"
        else:
            kf.status = "unchecked"
        used = bad if bad else good
        kf.checked_pages = sorted({f.page for f in used if f.page is not None})
        kf.checks = sorted({f.check for f in used})
        out.append(kf)
    return out


def write_key_figures(figures: list[KeyFigure], path: Path, excel: bool = False) -> Path:
    """key_figures.csv (KEY_FIGURE_COLUMNS), written atomically (with a BOM when ``excel``)."""
    import pandas as pd

    from yusuan.base.files import write_csv

    df = pd.DataFrame([f.as_row() for f in figures], columns=KEY_FIGURE_COLUMNS, dtype=str)
    write_csv(df, path, excel=excel)
    return path
