"""The key figures of a disclosure — what a reader looks for first — each read once, in one place, with whether it
was checked.

``readings(tables, year, kind)`` finds each figure of keyfigures.yml in the table model: the first of the
figure's declared readings that finds it printed (the narrative subject the fact-check looks up, the "三公"
table's total of its three items, a table's department total row, a labelled row, or the sum of printed parts).
That one reading is what every reader of a disclosure is given: the report's key-figure box, the charts' stated
totals (``meta.json`` ``key_figures``), reports/index.csv, the corpus and the notebooks.  A figure no table
prints stays absent: nothing is made up.

``key_figures(tables, year, kind, findings)`` adds how far each can be trusted:

- ``checked``: a check that agreed (ok or within rounding) names this very cell — the narrative stating it,
  or an identity of the tables (a total equal to the sum of its parts, one total across tables); the pages of
  those checks are given;
- ``mismatch``: a check naming this cell disagrees (the document contradicts itself here);
- ``doubtful``: the table it is read from is marked doubtful by extraction;
- ``derived``: the table prints it only in parts (基本支出 as 人员支出 and 日常公用支出): their sum, the parts
  and their pages in ``parts``;
- ``unchecked``: printed once, confirmed by nothing.

Written to data/processed/<doc_id>/key_figures.csv (one row per figure, KEY_FIGURE_COLUMNS) and, as rows of the
same columns, to meta.json ``key_figures``.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from yusuan.vocab import load, words

KEY_FIGURE_COLUMNS = ["key", "name", "english", "value", "unit", "status", "checked_pages", "checks", "table",
                      "title", "row", "column", "page", "stage", "year", "parts"]


@dataclass
class KeyFigure:
    key: str
    name: str
    english: str
    value: Decimal | None = None   # as printed, in ``unit``; None: the disclosure prints no such figure
    unit: str = ""
    status: str = "absent"         # checked | mismatch | doubtful | derived | unchecked | absent
    checked_pages: list[int] = field(default_factory=list)  # pages of the checks that confirm (or contradict) it
    checks: list[str] = field(default_factory=list)         # their names (claim_amount, sum_children …)
    table: str = ""
    title: str = ""
    row: int | None = None
    column: str = ""
    page: int | None = None        # where the figure is printed (a derived one: where its parts are)
    stage: str = ""                # 预算 / 决算 … of its column
    year: int | None = None
    parts: str = ""                # a derived figure's printed parts: "人员支出 58,486.35（第26页）+ …"

    @property
    def derived(self) -> bool:
        return bool(self.parts)

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


def _header_match(col, rx: str) -> bool:
    """A column whose last header element matches ``rx``, or whose last element is a total (小计/合计) under an
    element that does ("本年收入 / 小计")."""
    from yusuan.tables.rows import TOTAL_EL, norm

    path = [norm(e) for e in (col.path or [col.name])]
    return bool(re.search(rx, path[-1])) or (len(path) >= 2 and bool(TOTAL_EL.search(path[-1]))
                                              and bool(re.search(rx, path[-2])))


def _total_cell(idx, spec: dict):
    """The department total row of ``spec['table']`` in its first amount column, or the first matching
    ``spec['column']``; None when an amount column matches the words.yml totals pattern ``spec['unless']``."""
    t = idx.t(spec["table"])
    if t is None or t.two_sided:
        return None
    values = [j for j, c in enumerate(t.columns) if c.role == "value"]
    unless = words()["totals"][spec["unless"]] if spec.get("unless") else None
    if unless is not None and any(unless.search(t.columns[j].name) for j in values):
        return None
    j = None
    if spec.get("column"):
        j = next((j for j in values if t.current(j) and _header_match(t.columns[j], spec["column"])), None)
        if j is None:
            return None
    return idx._total_row_cell(spec["table"], column=j)


def _side_row_cell(idx, spec: dict):
    """The row of a two-sided table's side whose label matches ``spec['label']``, in any of the side's label
    groups (functions | economic classes side by side), in this year's amount column of that group."""
    from yusuan.check.lookup.cells import Cell
    from yusuan.tables.rows import norm, two_sided_cells

    t = idx.t(spec["table"])
    if t is None or not t.two_sided:
        return None
    for _lj, vcols, rows in two_sided_cells(t).get(spec["side"]) or []:
        hits = [(i, page, label, vals) for i, page, label, vals in rows
                if label and re.search(spec["label"], norm(label)) and vcols and vcols[0] in vals]
        if len(hits) == 1:
            i, page, label, vals = hits[0]
            return Cell(vals[vcols[0]], t.unit, t.key, i, f"{spec['side']} / {t.columns[vcols[0]].name}", page, label)
    return None


def _parts_cell(idx, spec: dict):
    """(the sum, "part 1 … + part 2 …") of the department total row's columns under ``spec['under']`` whose last
    header element matches each of ``spec['columns']`` — every part printed, else None."""
    from yusuan.check.findings import fmt
    from yusuan.check.lookup.cells import Cell
    from yusuan.tables.rows import grand_total_row, norm

    found = idx._dept_table(spec["table"])
    if found is None:
        return None
    t, rows = found
    r = grand_total_row(rows)
    if r is None:
        return None
    picked = []
    for rx in spec["columns"]:
        j = next((j for j, c in enumerate(t.columns) if c.role == "value" and t.current(j) and len(c.path) >= 2
                  and norm(c.path[-2]) == spec["under"] and re.search(rx, norm(c.path[-1]))), None)
        if j is None or j not in r.values:
            return None  # a part not printed: the figure is not there to add up
        picked.append(j)
    total = sum((r.values[j] for j in picked), Decimal(0))
    text = " + ".join(f"{t.columns[j].path[-1]} {fmt(r.values[j])}（第{r.page}页）" for j in picked)
    cell = Cell(total, t.unit, t.key, r.index, " + ".join(t.columns[j].name for j in picked), r.page, r.label)
    return cell, f"{text} = {fmt(total)}{t.unit}"


def _zeros_printed(idx):
    """The index with a 三公 table that prints only zeros (0.00 in its cells, not blanks: extraction calls it
    empty) taken as printed — its figures are zeros the document states."""
    from dataclasses import replace

    from yusuan.base.numbers import parse_number

    def zeros(t) -> bool:
        cells = [parse_number(v) for r in t.body for c, v in zip(t.columns, r) if c.role == "value"]
        return t.key == "three_public" and t.empty and any(n is not None for n in cells)

    tables = [replace(t, empty=False) if zeros(t) else t for t in idx.tables]
    return type(idx)(tables, idx.year, department_block=True)


def _read(idx, reading: dict, year: int | None):
    """(Cell, parts text) of one declared reading, or None."""
    if "subject" in reading:
        cell = idx.lookup(reading["subject"])
        return (cell, "") if cell is not None and not cell.what else None  # computed, not printed: not this way
    if "three_public" in reading:
        tp = reading["three_public"] or {}
        want = (year + tp["year"]) if tp.get("year") and year else None
        if tp.get("year") and want is None:
            return None
        cell = idx.three_public("total", final=tp.get("final"), year=want)
        if cell is None:
            # a "三公" table printing 0.00 in every cell (无锡市应急管理综合行政执法支队 2026) is set aside as empty
            # by extraction, yet its total is printed: 0.00
            cell = _zeros_printed(idx).three_public("total", final=tp.get("final"), year=want)
        return (cell, "") if cell is not None and not cell.what else None
    if "total" in reading:
        cell = _total_cell(idx, reading["total"])
        return (cell, "") if cell is not None else None
    if "side_row" in reading:
        cell = _side_row_cell(idx, reading["side_row"])
        return (cell, "") if cell is not None else None
    if "parts" in reading:
        return _parts_cell(idx, reading["parts"])
    raise ValueError(f"keyfigures.yml: a reading of an unknown kind: {reading}")


def readings(tables, year: int | None, kind: str) -> list[KeyFigure]:
    """The figures of keyfigures.yml for one disclosure, each read once: list[KeyFigure] in declared order,
    status "unchecked", "derived", "doubtful" or "absent" (no check consulted yet; figures a kind does not have are
    left out).  ``tables``: the PrintedTables of the disclosure."""
    from yusuan.check.lookup import TableIndex
    from yusuan.tables.rows import find_table

    idx = TableIndex(tables, year, department_block=True)
    out = []
    for spec in declared():
        if spec.get("kinds") and kind not in spec["kinds"]:
            continue
        kf = KeyFigure(spec["key"], spec["name"], spec.get("english", ""))
        hit = next((r for reading in spec["readings"] if (r := _read(idx, reading, year)) is not None), None)
        if hit is None:
            out.append(kf)
            continue
        cell, parts = hit
        t = find_table(tables, cell.table)
        kf.value, kf.unit, kf.table, kf.row, kf.column, kf.page = cell.value, cell.unit, cell.table, cell.row, cell.column, cell.page
        kf.parts = parts
        if t is not None:
            kf.title = t.title or ""
            first = cell.column.split(" + ")[0]  # a derived figure's stage and year: its first part's
            j = next((j for j, c in enumerate(t.columns) if c.name == first), None)
            if j is not None:
                kf.stage = t.column_stage(j)
                kf.year = t.columns[j].year or year
        kf.stage = kf.stage or ("决算" if "决算" in kind else "预算")  # a column without a stage word: the document's
        offset = next((r["three_public"].get("year") for r in spec["readings"] if r.get("three_public")), None)
        kf.year = (year + offset) if offset and year else (kf.year or year)
        kf.status = "doubtful" if t is not None and getattr(t, "doubtful", None) else \
            "derived" if parts else "unchecked"
        out.append(kf)
    return out


def key_figures(tables, year: int | None, kind: str, findings) -> list[KeyFigure]:
    """:func:`readings` with each figure marked by the checks (a list of Finding): a finding confirms a figure when
    it names the same table, row and column (or a cell keyfigures.yml ``also`` says prints the same figure, holding
    the same value) and its status is ok or rounding; one that disagrees marks it "mismatch".  A doubtful table's figure stays "doubtful"; a derived figure (no one cell to name) "derived"."""
    from yusuan.check.lookup import TableIndex

    out = readings(tables, year, kind)
    idx = TableIndex(tables, year, department_block=True)
    specs = {spec["key"]: spec for spec in declared()}
    for kf in out:
        if kf.value is None or kf.derived:
            continue
        cells = {(kf.table, kf.row, kf.column)}
        for reading in specs[kf.key].get("also", []):
            # the same figure printed again (keyfigures.yml ``also``): a check on it is a check on the figure
            hit = _read(idx, reading, year)
            if hit is not None and hit[0].value == kf.value and hit[0].unit == kf.unit:
                cells.add((hit[0].table, hit[0].row, hit[0].column))
        on_it = [f for f in findings if (f.table, f.row, f.column) in cells]
        bad = [f for f in on_it if f.status == "mismatch"]
        good = [f for f in on_it if f.status in ("ok", "rounding")]
        if kf.status != "doubtful":
            kf.status = "mismatch" if bad else "checked" if good else "unchecked"
        used = bad if bad else good
        kf.checked_pages = sorted({f.page for f in used if f.page is not None})
        kf.checks = sorted({f.check for f in used})
    return out


def as_rows(figures: list[KeyFigure]) -> list[dict]:
    """The figures as rows of KEY_FIGURE_COLUMNS (strings): key_figures.csv's rows and meta.json's key_figures."""
    return [{c: f.as_row()[c] for c in KEY_FIGURE_COLUMNS} for f in figures]


def write_key_figures(figures: list[KeyFigure], path: Path, excel: bool = False) -> Path:
    """key_figures.csv (KEY_FIGURE_COLUMNS), written atomically (with a BOM when ``excel``)."""
    import pandas as pd

    from yusuan.base.files import write_csv

    df = pd.DataFrame(as_rows(figures), columns=KEY_FIGURE_COLUMNS, dtype=str)
    write_csv(df, path, excel=excel)
    return path
