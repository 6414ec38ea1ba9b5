"""Like with like: a reading of a narrative figure is a cell of the year and fund its statement is about.

Every reading :class:`~yusuan.check.lookup.readings.TableIndex` proposes is a cell of some table, row and column.
Before a stated figure is compared with it, :func:`alike` sets aside the cells that are not like the statement:

* **year** — a statement that names no other year is about the disclosure's own: a column printing another year
  (2025年预算数 beside 2026年预算数) is no reading of it (:meth:`~yusuan.tables.printed.PrintedTable.current`); a
  statement naming another year reads that year's column only;
* **brought forward** — on a two-sided table's income side, the rows under 上年结转 are the money brought forward:
  a reading only of a statement that speaks of 结转 / 结余, never of one about this year's income or a fund's whole
  (the 上年结转 sub-row "一般公共预算拨款" is not the fund's income);
* **fund** — a statement that names a fund (一般公共预算, 政府性基金, 国有资本经营: "一般公共预算拨款安排的“三公”经费")
  is read in that fund's column of the same row where the table prints one; a cell of another fund is no reading of
  it.  A cell's fund is its column's (the innermost fund named in the header), or its row's on a two-sided table's
  income side ("一、一般公共预算拨款收入"), or the table's (一般公共预算支出表, 政府性基金预算支出表 …), else all funds.

(Issue 23: on unseen budgets a 2026 figure was held to a 2025 column, and "其中一般公共预算拨款…0" to 总计.)
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from yusuan.check.lookup.cells import Cell
from yusuan.tables.printed import PrintedTable
from yusuan.tables.rows import TOTAL_EL, norm, table_rows

__all__ = ["FUNDS", "named_fund", "column_fund", "alike"]

# the funds a statement or a column may name (财政部 部门预算: 一般公共预算, 政府性基金预算, 国有资本经营预算)
FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")
_FUND_RX = re.compile("|".join(FUNDS))
# tables whose every figure is one fund's, by their key (the statutory titles name the fund)
_TABLE_FUND = (("general_budget", "一般公共预算"), ("gov_fund", "政府性基金"), ("state_capital", "国有资本经营"))


def named_fund(text: str) -> str:
    """The one fund ``text`` names (FUNDS), "" when it names none or several."""
    found = set(_FUND_RX.findall(norm(text or "")))
    return found.pop() if len(found) == 1 else ""


def _table_fund(t: PrintedTable) -> str:
    base = t.key.split("-")[0]
    for prefix, fund in _TABLE_FUND:
        if base.startswith(prefix):
            return fund
    return named_fund(t.title or "")


def column_fund(t: PrintedTable, j: int, label: str = "") -> str:
    """The fund of column ``j``'s figures: the innermost fund its header names, else its row ``label``'s on a
    two-sided table (the income side lists funds as rows), else the table's (its key or title), "" for all funds."""
    for element in reversed(t.columns[j].path):
        if f := named_fund(element):
            return f
    if t.two_sided and (f := named_fund(label)):
        return f
    return _table_fund(t)


def _locate(tables, cell: Cell) -> tuple[PrintedTable, int] | None:
    """The table and column a reading comes from, or None for a figure computed from several cells."""
    if cell.what or cell.row is None:
        return None
    for t in tables:
        if t.key != cell.table or t.empty:
            continue
        for j, c in enumerate(t.columns):
            if c.role == "value" and (c.name == cell.column or f"{c.side} / {c.name}" == cell.column):
                return t, j
    return None


def _fund_column(t: PrintedTable, j: int, fund: str) -> int | None:
    """The column of ``fund`` that stands where column ``j`` stands: on its side, of the disclosure's year, whose
    header names the fund as its last element or as the head of a total ("一般公共预算 / 小计")."""
    for k, c in enumerate(t.columns):
        if k == j or c.role != "value" or c.side != t.columns[j].side or not t.current(k) or not c.path:
            continue
        last = norm(c.path[-1])
        if named_fund(last) == fund and not TOTAL_EL.search(last) or \
                (TOTAL_EL.search(last) and len(c.path) >= 2 and named_fund(c.path[-2]) == fund):
            return k
    return None


_CARRY_HEAD = re.compile(r"^([一二三四五六七八九十]+[、.．])?(上年结转|上年财政拨款结转|年初结转|结转)")
_BLOCK_END = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _brought_forward(t: PrintedTable, side: str, row: int) -> bool:
    """Whether ``row`` lies under the 上年结转 heading of the income side (not the heading itself)."""
    if side != "收入":
        return False
    inside = False
    for r in table_rows(t, side):
        lab = norm(r.label)
        if _CARRY_HEAD.match(lab):
            inside = True
            if r.index == row:
                return False
            continue
        if _BLOCK_END.match(r.label or "") or TOTAL_EL.search(lab):
            inside = False
        if r.index == row:
            return inside
    return False


def alike(tables, cells: list[Cell], *, fund: str = "", year: int | None = None, doc_year: int | None = None,
          about: str = "") -> tuple[list[Cell], list[str]]:
    """The readings among ``cells`` like the statement: of its ``year`` (None: the disclosure's, ``doc_year``) and
    its ``fund`` (one of FUNDS, "" when it names none), a cell re-read in the fund's column of its row where the
    table prints one, no sub-row of 上年结转 unless the statement (``about``: its subject and clause) speaks of
    结转 / 结余; and, for each reading set aside, why (in Chinese, for the finding's message).  Cells computed from
    several figures (``Cell.what``) are kept as they are.  The order of the readings is kept."""
    kept, notes = [], []
    for cell in cells:
        loc = _locate(tables, cell)
        if loc is None:
            kept.append(cell)
            continue
        t, j = loc
        col = t.columns[j]
        if year is None or year == doc_year:
            if not t.current(j):
                notes.append(f"「{col.name}」是{col.year}年的数，不是本年的")
                continue
        elif col.year is not None and col.year != year:
            notes.append(f"「{col.name}」是{col.year}年的数，句中说的是{year}年")
            continue
        if t.two_sided and not re.search(r"结转|结余", about) and _brought_forward(t, col.side, cell.row):
            notes.append(f"第{cell.row}行「{cell.label}」是上年结转中的一项，句中说的不是结转")
            continue
        if fund:
            have = column_fund(t, j, cell.label)
            if have and have != fund:
                notes.append(f"「{col.name}」是{have}的数，句中说的是{fund}")
                continue
            if not have:
                k = _fund_column(t, j, fund)
                if k is not None:
                    row = next((r for r in table_rows(t, col.side) if r.index == cell.row), None)
                    if row is not None:
                        name = t.columns[k].name if not col.side else f"{col.side} / {t.columns[k].name}"
                        label = cell.label.removesuffix("（空白）") + ("" if k in row.values else "（空白）")
                        cell = replace(cell, value=row.values.get(k, Decimal(0)), column=name, label=label, err=None)
                        notes.append(f"句中说的是{fund}：读「{name}」，不读「{col.name}」")
        kept.append(cell)
    return kept, notes
