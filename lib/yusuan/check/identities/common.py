"""A table identity's finding: what it is about (the row's code and label, or the column), the stated total
against the sum of its parts, judged at the printed precision."""
from __future__ import annotations

from decimal import Decimal

from yusuan.base.numbers import half_unit, sum_tolerance
from yusuan.check.findings import SIGN, Finding, fmt, judge, severity_of
from yusuan.tables.printed import PrintedTable
from yusuan.tables.rows import TableRow


def row_subject(t: PrintedTable, row: TableRow | None, col: str = "") -> str:
    """What a table finding is about: the row's code and label; for a row printed without a name (a
    department or total row), the column checked; failing that, the table."""
    if row is not None and (row.code or row.label.strip()):
        return f"{row.code} {row.label.strip()}".strip()
    return col or t.title or t.key


def _finding(doc_id, check, t, row: TableRow | None, col: str, stated, computed, tol, what: str, exact=True,
             unit=None, table=None, page=None) -> Finding:
    status, diff = judge(stated, computed, tol, exact=exact)
    sev = severity_of(status, diff, stated if stated else computed)
    sign = SIGN[status]
    where = f"表 {table or t.key}"
    if row is not None:
        where += f" 第{row.index}行"
        if row.code or row.label:
            where += f" {(row.code + ' ' if row.code else '')}{row.label}".rstrip()
    if col:
        where += f"「{col}」"
    msg = f"{where}: {fmt(stated)} {sign} {what} = {fmt(computed)}"
    if status == "rounding":
        msg += f"（差 {fmt(diff)}，在四舍五入误差 ±{fmt(tol.normalize())} 之内）"
    elif status == "mismatch":
        msg += f"（差 {fmt(diff)}）"
    return Finding(doc_id=doc_id, check=check, status=status, severity=sev, table=table or t.key,
                   row=row.index if row is not None else None, column=col,
                   page=page if page is not None else (row.page if row is not None else (t.pages[0] if t.pages else None)),
                   stated=stated, computed=computed, difference=diff, tolerance=tol,
                   unit=unit if unit is not None else t.unit, subject=row_subject(t, row, col),
                   message=msg)


def _sum_finding(doc_id, check, t, row, col, total, parts: list[tuple[str, Decimal]], exact_copy: bool = False,
                 **kw) -> Finding:
    """total vs Σ parts, within the rounding of the printed figures (``exact_copy``: the one part is the same
    figure printed again at the same precision, so they must agree exactly)."""
    vals = [v for _n, v in parts]
    computed = sum(vals, Decimal(0))
    what = " + ".join(f"{n} {fmt(v)}" for n, v in parts) if len(parts) <= 6 else f"Σ {len(parts)} 项"
    tol = Decimal(0) if exact_copy and half_unit(total) == half_unit(computed) else sum_tolerance(total, vals)
    return _finding(doc_id, check, t, row, col, total, computed, tol, what, **kw)
