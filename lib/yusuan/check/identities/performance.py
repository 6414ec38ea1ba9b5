"""Performance forms (绩效目标表): each form's 年度资金总额 (元) against its project's row in the project
expenditure table (万元)."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from yusuan.base.numbers import half_unit, parse_number
from yusuan.check.findings import SIGN, Finding, fmt, judge, severity_of
from yusuan.check.identities.cross_table import _to_unit, _unverifiable
from yusuan.tables.printed import PrintedTable
from yusuan.tables.rows import find_table, norm, project_rows, value_column

# --------------------------------------------------------------------------- performance forms


def form_funds(t: PrintedTable) -> tuple[str, str, Decimal | None, int | None, int | None]:
    """(project name, implementing unit, 年度资金总额, row, page) of a performance form."""
    name = unit = ""
    amount = None
    row = page = None
    for i, r in enumerate(t.body):
        cells = [c for c in r if c]
        if not cells:
            continue
        if norm(cells[0]) == "项目名称" and len(cells) > 1 and not name:
            name = cells[1]
        for k, c in enumerate(r):
            if norm(c).rstrip("：:") == "实施单位" and k + 1 < len(r) and r[k + 1] and not unit:
                unit = r[k + 1]
            if "年度资金总额" in c and amount is None:
                m = re.search(r"年度资金总额[：:]?\s*([\d,]+(?:\.\d+)?)$", c.replace(" ", ""))
                v = parse_number(m.group(1)) if m else None
                if v is None:
                    v = next((parse_number(x) for x in r[k + 1:] if parse_number(x) is not None), None)
                if v is not None:
                    amount, row, page = v, i, (t.body_pages[i] if i < len(t.body_pages) else None)
    return name, unit, amount, row, page


def _overlap(a: str, b: str) -> int:
    return len(set(a) & set(b))


def check_performance(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    out = []
    proj = find_table(tables, "project_expenditure")
    forms = [t for t in tables if t.key.startswith("performance_targets") and not t.empty]
    if not forms:
        return out
    for f in forms:
        name, unit, amount, row, page = form_funds(f)
        if not name or amount is None:
            continue
        if proj is None:
            out.append(_unverifiable(doc_id, "perf_funds_vs_project", f.key, "no project expenditure table to compare with",
                                     page=page, subject=name, unit=f.unit or "元"))
            continue
        vcol = value_column(proj)
        dept, units, loose = project_rows(proj)
        cands = [(u, p) for u, ps in units for p in ps if norm(p.label) == norm(name)]
        cands += [(None, p) for p in loose if norm(p.label) == norm(name)]
        if not cands or vcol is None:
            out.append(_unverifiable(doc_id, "perf_funds_vs_project", f.key,
                                     f"no row named {name} in the project expenditure table", page=page, subject=name,
                                     unit=f.unit or "元"))
            continue
        by_unit = defaultdict(list)
        for u, p in cands:
            by_unit[u.index if u is not None else -1].append((u, p))
        if len(by_unit) > 1:
            # projects of the same name in several units: the form's 实施单位 picks the unit
            scored = sorted(by_unit.items(), key=lambda kv: -_overlap(unit, kv[1][0][0].label if kv[1][0][0] is not None else ""))
            best = [kv for kv in scored if _overlap(unit, kv[1][0][0].label if kv[1][0][0] else "") ==
                    _overlap(unit, scored[0][1][0][0].label if scored[0][1][0][0] else "")]
            if len(best) > 1 or not unit:
                out.append(_unverifiable(doc_id, "perf_funds_vs_project", f.key,
                                         f"{len(cands)} rows named {name} in different units; the form's 实施单位 "
                                         f"({unit or 'none'}) does not say which", page=page, subject=name, unit="万元"))
                continue
            group = best[0][1]
        else:
            group = next(iter(by_unit.values()))
        prows = [p for _u, p in group if vcol in p.values]
        if not prows:
            continue
        computed = sum((p.values[vcol] for p in prows), Decimal(0))
        stated = _to_unit(amount, f.unit or "元", proj.unit or "万元")
        # the form prints 元 exactly; the table rounds to its decimals
        tol = sum((half_unit(p.values[vcol]) for p in prows), Decimal(0))
        status, diff = judge(stated, computed, tol)
        what = " + ".join(fmt(p.values[vcol]) for p in prows)
        rows_txt = f"{len(prows)} 行同名项目 " if len(prows) > 1 else ""
        sign = SIGN[status]
        msg = (f"绩效目标表 {f.key}「{name}」年度资金总额 {fmt(amount)}元 = {fmt(stated.normalize())}万元 {sign} "
               f"项目支出表 {rows_txt}{what} = {fmt(computed)}万元")
        if status == "mismatch":
            msg += f"（差 {fmt(diff.normalize())}万元）"
        out.append(Finding(doc_id=doc_id, check="perf_funds_vs_project", status=status,
                           severity=severity_of(status, diff, computed), table=f.key, row=row, column="年度",
                           page=page, stated=stated, computed=computed, difference=diff, tolerance=tol,
                           unit=proj.unit or "万元", subject=name, message=msg))
    return out
