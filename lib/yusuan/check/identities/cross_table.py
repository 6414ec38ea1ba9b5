"""One total across tables, like with like only: the summary's spending against the expenditure table, its income
against the revenue table, the appropriation summary against the general-budget tables, revenue against
expenditure by function class, the general budget's basic spending against its economic breakdown."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from yusuan.base.numbers import half_unit
from yusuan.check.findings import Finding, fmt
from yusuan.check.identities.common import _finding, _sum_finding
from yusuan.check.identities.per_table import _find_label
from yusuan.tables.printed import PrintedTable
from yusuan.tables.rows import (_GRAND, _YEAR_TOTAL, TableRow, find_table, grand_total_row, norm, table_rows,
                                two_sided_cells, value_column)
from yusuan.vocab import words

# --------------------------------------------------------------------------- across tables


def _unverifiable(doc_id, check, table, reason, page=None, subject="", unit="") -> Finding:
    return Finding(doc_id=doc_id, check=check, status="unverifiable", table=table, page=page, reason=reason,
                   subject=subject or table, unit=unit, message=f"{subject or table}: 无法核对 — {reason}")


def _to_unit(v: Decimal, unit: str, target: str) -> Decimal | None:
    f = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
    if unit not in f or target not in f:
        return v if unit == target else None
    return v * f[unit] / f[target]


def _compare(doc_id, check, a_t, a_row, a_col, a_val, b_t, b_row, b_col, b_val, what) -> Finding:
    """a (stated) vs b (computed), converting b into a's unit if needed."""
    bv = _to_unit(b_val, b_t.unit, a_t.unit)
    tol = half_unit(a_val) + (half_unit(b_val) * (_to_unit(Decimal(1), b_t.unit, a_t.unit) or 1))
    f = _finding(doc_id, check, a_t, a_row, a_col, a_val, bv, tol,
                 f"表 {b_t.key} 第{b_row.index}行 {b_row.label or ''}「{b_col}」 {fmt(b_val)}{b_t.unit if b_t.unit != a_t.unit else ''}",
                 exact=(b_t.unit == a_t.unit))
    return f


def _side_total(t: PrintedTable, side: str, rx) -> tuple[TableRow, int, Decimal] | None:
    cells = two_sided_cells(t)
    if side not in cells or not cells[side]:
        return None
    lj, vcols, rows = cells[side][0]
    hit = _find_label(rows, rx)
    if hit is None or not vcols:
        return None
    j = vcols[0]
    v = hit[3].get(j)
    if v is None:
        return None
    return TableRow(hit[0], hit[1], side, "", hit[2], ""), j, v


def _fund_col(t: PrintedTable, side: str, rx: str) -> int | None:
    for j, c in enumerate(t.columns):
        if c.side == side and c.role == "value" and re.search(rx, c.path[-1] if c.path else ""):
            return j
    return None


def _carry_over(t: PrintedTable) -> Decimal:
    """Carry-over printed on the income side of a two-sided table (0 when none)."""
    cells = two_sided_cells(t)
    total = Decimal(0)
    for _lj, vcols, rows in cells.get("收入", [])[:1]:
        for _i, _p, label, vals in rows:
            if re.search(r"上年结转|结转结余|上年结余|年初结转", norm(label)) and vcols and vcols[0] in vals:
                total += abs(vals[vcols[0]])
                break
    return total


def _table_total(t):
    """(row, column, value) of a one-sided table's grand total in its first amount column, or None (also when
    the table's rows are grouped by unit: no one total is the department's)."""
    rows = table_rows(t)
    r = grand_total_row(rows)
    j = value_column(t)
    if r is None or j is None or j not in r.values or any(x.section for x in rows if x.section and x is not r):
        return None
    return r, j, r.values[j]


def summary_spending_vs_expenditure(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """收支总表 本年支出合计 = 支出总表 合计 (both all funds)."""
    out = []
    summary, expenditure = find_table(tables, "summary"), find_table(tables, "expenditure")
    total_of = _table_total
    # summary 本年支出合计 vs expenditure table total (both all funds)
    if summary and expenditure:
        s = _side_total(summary, "支出", _YEAR_TOTAL["支出"])
        e = total_of(expenditure)
        if s and e:
            out.append(_compare(doc_id, "cross_table_total", summary, s[0], summary.columns[s[1]].name, s[2],
                                expenditure, e[0], expenditure.columns[e[1]].name, e[2], ""))
    return out


def summary_income_vs_revenue(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """收支总表 收入 = 收入总表 合计: 收入总计 where the revenue total holds the carry-over, 本年收入合计 otherwise."""
    out = []
    summary, revenue = find_table(tables, "summary"), find_table(tables, "revenue")
    total_of = _table_total
    # summary 收入 vs revenue table total: a top-level total includes carry-over (收入总计), one under 本年收入 not
    if summary and revenue:
        r = total_of(revenue)
        if r:
            path = revenue.columns[r[1]].path
            # money brought forward (words.yml totals.brought_forward: 上年结转, 西安's 上年实户资金余额 …)
            carry = any(words()["totals"]["brought_forward"].search(norm(c.name)) for c in revenue.columns)
            rx = _GRAND["收入"] if (len(path) == 1 and carry) else _YEAR_TOTAL["收入"]
            s = _side_total(summary, "收入", rx)
            if carry and s and s[2] != r[2]:
                # a total under a group head ("部门预算 / 合计") may still hold the carry-over columns (西安):
                # 收入总计 is the other reading
                g = _side_total(summary, "收入", _GRAND["收入"])
                if g and g[2] == r[2]:
                    s = g
            if s:
                out.append(_compare(doc_id, "cross_table_total", summary, s[0], summary.columns[s[1]].name, s[2],
                                    revenue, r[0], revenue.columns[r[1]].name, r[2], ""))
    return out


def appropriation_vs_general_budget(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """财政拨款收支总表's general-budget column (total and each 类) = 一般公共预算支出表; with one amount column,
    its 本年支出合计 = Σ the three fund tables."""
    out = []
    approp, gbe = find_table(tables, "appropriation_summary"), find_table(tables, "general_budget_expenditure")
    total_of = _table_total
    # appropriation summary: general-budget column of 本年支出合计 vs general budget expenditure table total
    if approp and gbe:
        j = _fund_col(approp, "支出", r"一般公共预算")
        g = total_of(gbe)
        if j is None:
            # one amount column: the appropriation total covers the general budget, government funds and
            # state capital; compare it with the sum of the three fund tables (an empty table prints zero)
            parts, missing = [], []
            for key in ("general_budget_expenditure", "gov_fund_expenditure", "state_capital"):
                ft = next((t for t in tables if t.key == key), None)
                if ft is None:
                    missing.append(key)
                    continue
                if ft.empty:
                    continue
                tv = total_of(ft) if not ft.two_sided else None
                if tv is None:
                    missing.append(key)
                    continue
                parts.append((ft, tv))
            s_ = _side_total(approp, "支出", _YEAR_TOTAL["支出"])
            carry = _carry_over(approp)
            subject = f"{approp.title or '财政拨款收支总表'} {s_[0].label if s_ else '本年支出合计'}"
            if carry:
                out.append(_unverifiable(doc_id, "cross_table_total", "appropriation_summary",
                                         f"财政拨款收支总表 includes 上年结转 {fmt(carry)}{approp.unit}; the fund tables may "
                                         "cover current-year appropriations only, so the totals are not like with like",
                                         page=approp.pages[0] if approp.pages else None, unit=approp.unit,
                                         subject=subject))
            elif missing or s_ is None or any(ft.unit != approp.unit for ft, _tv in parts):
                out.append(_unverifiable(doc_id, "cross_table_total", "appropriation_summary",
                                         "财政拨款收支总表 prints one amount column (all appropriations); the fund tables "
                                         f"needed to rebuild it are missing or unreadable ({', '.join(missing) or 'units differ'})",
                                         page=approp.pages[0] if approp.pages else None, unit=approp.unit,
                                         subject=subject))
            else:
                vals = [(ft.key, tv[2]) for ft, tv in parts]
                out.append(_sum_finding(doc_id, "cross_table_total", approp, s_[0], approp.columns[s_[1]].name, s_[2],
                                        vals))
        elif g:
            cells = two_sided_cells(approp)
            grp = next((gr for gr in cells.get("支出", []) if j in gr[1]), None)
            hit = _find_label(grp[2], _YEAR_TOTAL["支出"]) if grp else None
            if hit and j in hit[3]:
                row = TableRow(hit[0], hit[1], "支出", "", hit[2], "")
                out.append(_compare(doc_id, "cross_table_total", approp, row, approp.columns[j].name, hit[3][j],
                                    gbe, g[0], gbe.columns[g[1]].name, g[2], ""))
                # per function class
                gb_rows = {norm(r.label): r for r in table_rows(gbe) if r.code and len(r.code) == 3}
                for i, page, label, vals in grp[2]:
                    name = norm(label)
                    if name in gb_rows and j in vals:
                        gr = gb_rows[name]
                        if g[1] in gr.values:
                            row = TableRow(i, page, "支出", "", label, "")
                            out.append(_compare(doc_id, "cross_table_total", approp, row, approp.columns[j].name, vals[j],
                                                gbe, gr, gbe.columns[g[1]].name, gr.values[g[1]], ""))
    return out


def revenue_vs_expenditure_by_class(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """What a function class receives (收入总表) it spends or carries into next year (支出总表 + 结转下年)."""
    out = []
    summary, expenditure = find_table(tables, "summary"), find_table(tables, "expenditure")
    revenue = find_table(tables, "revenue")
    # income and spending by function class, where both budget tables print classification codes (山东's
    # 收入总体情况表 / 支出总体情况表): what a class receives it spends, or carries into next year (结转下年)
    if revenue and expenditure and not revenue.two_sided and not expenditure.two_sided \
            and "决算" not in revenue.title + expenditure.title:  # final accounts carry balances: not an identity
        rev_rows = [r for r in table_rows(revenue) if r.code]
        by_code = {r.code: r for r in rev_rows}
        # a code printed on two rows (two units sharing 153002): those rows pair by their names
        by_name = {(r.code, norm(r.label)): r for r in rev_rows}
        repeated = {c for c in by_code if sum(r.code == c for r in rev_rows) > 1}
        jr, je = value_column(revenue), value_column(expenditure)
        forward = [j for j, c in enumerate(revenue.columns)
                   if c.role == "value" and j != jr and words()["totals"]["brought_forward"].search(norm(c.name))]
        jc = value_column(expenditure, want=r"结转下年|结转结余")
        carried = _side_total(summary, "支出", re.compile(r"^(年末)?结转(下年|结余)")) if summary else None
        if carried is not None and not carried[2]:
            carried = None
        if len(by_code) >= 3 and jr is not None and je is not None:
            for er in table_rows(expenditure):
                rr = by_name.get((er.code, norm(er.label))) if er.code in repeated else by_code.get(er.code)
                if not er.code or rr is None or jr not in rr.values or je not in er.values:
                    continue
                parts = [(expenditure.columns[je].name, er.values[je])]
                if jc is not None and jc in er.values:
                    parts.append((expenditure.columns[jc].name, er.values[jc]))
                # one class printed in two tables in one unit is one figure: no rounding between them, unless
                # it is the sum of two printed parts
                f = _sum_finding(doc_id, "cross_table_total", revenue, rr, revenue.columns[jr].name, rr.values[jr],
                                 parts, exact_copy=len(parts) == 1 and revenue.unit == expenditure.unit)
                f.message += f"（表 {expenditure.key} 第{er.index}行 {er.code} {er.label}）"
                balances = sum((rr.values[j] for j in forward if j in rr.values), Decimal(0))
                if f.status == "mismatch" and f.difference is not None and 0 < f.difference <= balances:
                    # the unit's income includes money brought forward (上年结转, 实户资金余额 …) that its budget
                    # need not spend this year: income = spending is no identity for this row (issue 23)
                    f = replace(f, status="unverifiable", severity="info",
                                reason=f"the income includes {fmt(balances)}{revenue.unit} brought forward from earlier "
                                       "years, which need not be spent this year: income and spending are not like "
                                       "with like")
                elif f.status == "mismatch" and jc is None and carried and f.difference is not None \
                        and 0 < f.difference <= carried[2]:
                    # income not spent this year is carried into the next (结转下年), which the summary prints but
                    # this expenditure table does not, row by row: the rows cannot be held to the identity
                    f = replace(f, status="unverifiable", severity="info",
                                reason=f"the difference may be carried into next year: the summary prints 结转下年 "
                                       f"{fmt(carried[2])}, the expenditure table has no 结转下年 column")
                out.append(f)
    return out


def general_budget_basic_vs_basic_economic(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """一般公共预算支出表 基本支出 合计 = 一般公共预算基本支出表 合计."""
    out = []
    gbe, gbbe = find_table(tables, "general_budget_expenditure"), find_table(tables, "general_budget_basic_economic")
    # general budget basic expenditure vs the basic-economic table total
    if gbe and gbbe:
        g_rows = table_rows(gbe)
        b_rows = table_rows(gbbe)
        gt, bt = grand_total_row(g_rows), grand_total_row(b_rows)
        jg = value_column(gbe, want=r"^基本支出$|^小计$") if value_column(gbe, want=r"^基本支出$") is None else value_column(gbe, want=r"^基本支出$")
        if jg is not None and gbe.columns[jg].path[-1] == "小计" and "基本" not in gbe.columns[jg].name:
            jg = None
        jb = value_column(gbbe, want=r"^基本支出$")
        if jb is None and not any(re.search(r"项目", c.name) for c in gbbe.columns):
            jb = value_column(gbbe)
        if gt and bt and jg is not None and jb is not None and jg in gt.values and jb in bt.values \
                and not any(r.section for r in g_rows + b_rows):
            out.append(_compare(doc_id, "cross_table_total", gbbe, bt, gbbe.columns[jb].name, bt.values[jb],
                                gbe, gt, gbe.columns[jg].name, gt.values[jg], ""))
    return out
