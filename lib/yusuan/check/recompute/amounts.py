"""Amounts: a stated figure against every reading of its subject (lookup's :class:`~yusuan.check.lookup.TableIndex`),
parts of a stated whole (包括…, 其中…) against their table-confirmed total, and class amounts raised by one unit
to add up to their rounded total (``rounding``, said so)."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from yusuan.base.numbers import half_unit
from yusuan.check.claims.context import OWN_OFFICE
from yusuan.check.findings import SIGN, Finding, fmt, judge, severity_of
from yusuan.check.lookup import Cell, classification_path
from yusuan.check.lookup.alike import FUNDS, alike
from yusuan.check.lookup.cells import _UNITS, _plain, _subj
from yusuan.check.recompute.common import (_budget_figure_in_final, _clause_before, _compare_amount, _compare_readings,
                                           _figure_before, _is_final, _nth, _same_subject, _unverifiable)
from yusuan.tables.rows import FUNCTION_CLASSES, norm

_EXHAUSTIVE = (
    (re.compile(r"政府采购"), re.compile(r"货物|工程|服务")),
    (re.compile(r"三公"), re.compile(r"出国|接待|用车")),
    (re.compile(r"基本支出$"), re.compile(r"人员经费|公用经费")),
    (re.compile(r"支出预算$|^支出$"), re.compile(r"基本支出|项目支出")),
)
# "预算55,028.56万元，包括在职人员经费…、公用经费…、项目支出…。": a list introduced by 包括 (not 主要包括, not
# 其中) right after the total's figure, with no 等 ("…等") to say it is partial, names every part
_WHOLE_LIST = re.compile(r"(万元|元)\s*[，,]?\s*(具体)?包括\s*[:：]?(?P<rest>[^。]*)")


def _lists_whole(sentence: str) -> bool:
    m = _WHOLE_LIST.search(sentence or "")
    return bool(m) and not re.search(r"等(?![级次])", m.group("rest"))


AMOUNT_TAIL_NOTE = "尾差调整：同组各项金额之和恰等于所述总数，本项吸收了舍入差（不超过末位一个单位）"


def _tail_adjusted(claims, k: int) -> bool:
    """Whether claims[k] is one of a run of classification amounts (the same parent, fund and section, next to
    each other) whose stated values add up exactly to a total stated just before the run."""
    c = claims[k]
    same = lambda d: (d.kind == "amount" and d.unit == c.unit and d.parent == c.parent and d.fund == c.fund  # noqa: E731
                      and d.section == c.section and _classified(d.subject))
    lo = hi = k
    while lo > 0 and (same(claims[lo - 1]) or claims[lo - 1].kind != "amount" and claims[lo - 1].subject == claims[lo].subject):
        lo -= 1
    while hi + 1 < len(claims) and (same(claims[hi + 1]) or claims[hi + 1].kind != "amount"):
        hi += 1
    run = [d for d in claims[lo:hi + 1] if same(d)]
    if len(run) < 2:
        return False
    total = sum((d.value for d in run), Decimal(0))
    return any(d.kind == "amount" and d.unit == c.unit and d.value == total for d in claims[max(0, lo - 8):lo])


def _stated_unit(c, idx) -> str | None:
    """The subordinate unit a sentence opens with (or its section is named after), if the tables list it."""
    units = idx.units()
    if len(units) < 2:
        return None  # one unit: its figures are the department's
    lead = norm(re.sub(r"^\s*(\d{4}年(度)?)?", "", _ENUM_LEAD.sub("", c.sentence)))
    head = norm(_ENUM_LEAD.sub("", c.section or ""))
    for u in sorted(units, key=len, reverse=True):
        if (lead.startswith(u) and not re.match(r"[（(]部门[)）]", lead[len(u):])) or head == u:
            return u  # "…人民政府办公室（部门）部门各单位…" is the department
    return None


_ENUM_LEAD = re.compile(r"^\s*([一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．])")


def _classified(subject: str) -> bool:
    """Whether a subject names a classification item of its own (a code, a 类/款/项 path or a function class)."""
    s = _subj(subject)
    return bool(re.search(r"\d{3,7}", s)) or classification_path(s) is not None or s in FUNCTION_CLASSES


def _children(k: int, claims) -> list:
    """The amounts that follow ``claims[k]`` with it as parent, up to the next amount of no parent."""
    kids = []
    for m in range(k + 1, min(len(claims), k + 40)):
        d = claims[m]
        if d.kind == "amount" and d.parent and _same_subject(d.parent, claims[k].subject):
            kids.append(d)
        elif d.kind == "amount" and not d.parent:
            break
    return kids


def _breakdowns(k: int, claims) -> dict[str, list]:
    """The breakdowns the narrative gives of the amount ``claims[k]``: {sentence: parts}.  Parts are the amounts
    that follow with it as parent (up to the next amount of no parent), grouped by sentence; and the first figure
    of each enumerated sentence that follows ("基本支出30995.07万元，其中：" then "（一）人员经费…", "（二）公用经费…")."""
    c = claims[k]
    kids = _children(k, claims)
    groups: dict = {}
    for d in kids:
        groups.setdefault(d.sentence, []).append(d)
    enumerated = [d for d in kids if d.sentence != c.sentence and _ENUM_LEAD.match(d.sentence)
                  and next(x for x in kids if x.sentence == d.sentence) is d]
    if len(enumerated) >= 2 and len({d.sentence for d in enumerated}) == len(enumerated):
        groups.setdefault(" … ".join(d.sentence for d in enumerated), enumerated)
    return {sent: parts for sent, parts in groups.items()
            if len(parts) >= 2 and all(p.unit == c.unit for p in parts)}


def _exhaustive(c, parts, sent: str) -> bool:
    """The parts name all of the total: a known complete split (_EXHAUSTIVE: 基本支出 = 人员经费 + 公用经费 …) or a
    list introduced by 包括 right after the total's figure, with no 等 (_lists_whole)."""
    return any(a.search(_subj(c.subject)) and all(b.search(p.subject) for p in parts)
               and all(any(re.search(alt, p.subject) for p in parts) for alt in b.pattern.split("|"))
               for a, b in _EXHAUSTIVE) or (sent == c.sentence and _lists_whole(c.sentence))


def _part_tol(p, total) -> Decimal:
    # a part stated as a bare zero ("上年结转结余0万元") carries no precision of its own: that of the total
    return half_unit(p.value) if p.value else min(half_unit(p.value), half_unit(total.value))


def _whole_breakdown(k: int, claims) -> tuple[int, list] | None:
    """(index of the total, the parts) when ``claims[k]`` is a part of a breakdown the narrative names whole
    ("预算55,028.56万元，包括在职人员经费1,864.00万元、公用经费234.61万元、…"; see _exhaustive), else None."""
    c = claims[k]
    if c.kind != "amount" or not c.parent or c.value is None:
        return None
    t = next((t for t in range(k - 1, max(-1, k - 40), -1) if claims[t].kind == "amount"
              and claims[t].value is not None and _same_subject(c.parent, claims[t].subject)), None)
    if t is None:
        return None
    return next(((t, parts) for sent, parts in _breakdowns(t, claims).items()
                 if any(p is c for p in parts) and _exhaustive(claims[t], parts, sent)), None)


def _from_siblings(c, total, parts, whole: Decimal) -> Cell:
    """A part of a complete breakdown: ``whole`` (the total as its table prints it, 21,968.00 for the text's
    21,968) less the other parts, as the narrative's own reading of this part."""
    others = [p for p in parts if p is not c]
    value = whole - sum((p.value for p in others), Decimal(0))
    err = half_unit(whole) + sum((_part_tol(p, total) for p in others), Decimal(0))
    what = (f"第{total.page}页「{total.subject}」{fmt(whole)} − "
            + " − ".join(f"{p.subject} {fmt(p.value)}" for p in others) + f" = {fmt(value)}{c.unit}（叙述自身的分项）")
    return Cell(value, c.unit, "", None, "", total.page, total.subject, what=what, err=err)


PARTS_ROUNDED_NOTE = "所述总数为句中各分项（均已四舍五入）之和，与表中数之差不超过各分项的舍入误差"


def _amount(doc_id, c, k, claims, idx, prev_idx, year, prev_year, context) -> list[Finding]:
    out = _amount_readings(doc_id, c, k, claims, idx, prev_idx, year, prev_year, context)
    own = next((f for f in reversed(out) if f.check == "claim_amount"), None)
    if own is not None and own.status == "mismatch" and own.difference is not None \
            and (kids := [d for d in _children(k, claims) if d.unit == c.unit]) and len(kids) >= 2 \
            and sum((d.value for d in kids), Decimal(0)) == c.value \
            and abs(own.difference) <= half_unit(c.value) + sum((half_unit(d.value) for d in kids), Decimal(0)):
        # "财政拨款收入70,376.87万元，其中一般公共预算拨款收入53,598.71万元、政府性基金拨款收入16,778.16万元" where the
        # table prints 70,376.8606: the total is the sum of the parts as the sentence rounds them, off by their rounding
        out[out.index(own)] = replace(own, status="rounding", severity="info", confidence="",
                                      reason=PARTS_ROUNDED_NOTE, message=own.message.replace(" ≠ ", " ≈ ", 1).split("（差")[0]
                                      + f"（{PARTS_ROUNDED_NOTE}）")
        return out
    if own is not None and own.status == "mismatch" and c.scope and OWN_OFFICE.match(c.scope):
        # "局机关日常公用经费…" where the tables list no units: the office may be only a part of the department, so
        # the department's figure, which it agrees with when it is all, is no evidence against it
        out[out.index(own)] = replace(own, status="unverifiable", severity="info", confidence="",
                                      reason=f"a figure of「{c.scope}」, which may be only a part of the department: "
                                             f"the tables print the department's ({own.message})")
        return out
    if own is None or own.status != "unverifiable":
        return out
    # nothing in the tables to hold the figure to (or only a usual definition the document may not follow): a
    # part of a breakdown the narrative gives whole is held to its total — itself found in the tables — less the
    # other parts
    part_of = _whole_breakdown(k, claims)
    if part_of is None:
        return out
    t, parts = part_of
    found = next((f for f in _amount_readings(doc_id, claims[t], t, claims, idx, prev_idx, year, prev_year, context)
                  if f.check == "claim_amount" and f.status in ("ok", "rounding")), None)
    if found is not None:
        whole = found.computed if found.computed is not None else claims[t].value
        f = _compare_amount(doc_id, "claim_amount", c, c.value, _from_siblings(c, claims[t], parts, whole))
        f.reason = "; ".join(x for x in (f.reason, f"the tables: {own.reason}") if x)
        out[out.index(own)] = f
    return out


def _amount_readings(doc_id, c, k, claims, idx, prev_idx, year, prev_year, context) -> list[Finding]:
    out = []
    if c.unit not in _UNITS:
        return [_unverifiable(doc_id, "claim_amount", c, f"an amount in {c.unit}")]
    groups = _breakdowns(k, claims)
    for sent, parts in groups.items():
        total = sum((p.value for p in parts), Decimal(0))
        tol = half_unit(c.value) + sum((_part_tol(p, c) for p in parts), Decimal(0))
        status, diff = judge(c.value, total, tol)
        exhaustive = _exhaustive(c, parts, sent)
        if status == "mismatch" and not exhaustive:
            continue  # "其中" may list only some parts, or nest a part inside another
        symbol = SIGN[status]
        msg = (f"第{c.page}页「{c.subject}」{fmt(c.value)}{c.unit} {symbol} "
               + " + ".join(f"{p.subject} {fmt(p.value)}" for p in parts) + f" = {fmt(total)}{c.unit}")
        if status == "mismatch":
            msg += f"（差 {fmt(diff)}{c.unit}）"
        out.append(Finding(doc_id=doc_id, check="claim_sum", status=status, severity=severity_of(status, diff, c.value),
                           page=c.page, stated=c.value, computed=total, difference=diff, tolerance=tol, unit=c.unit,
                           subject=c.subject, sentence=c.sentence if sent == c.sentence else f"{c.sentence} … {sent}",
                           message=msg))
    if c.year and year and c.year != year:
        if c.year == prev_year and prev_idx is not None:
            cells = prev_idx.readings(c.subject, context(c))
            clause = _clause_before(c, _nth(claims, k))
            if cells and "执行" in clause and not _is_final(prev_idx.t(cells[0].table), cells[0]):
                # "2023年当年预算执行数为60.13万元": what was spent, not what the 2023 budget tables print
                return out + [_unverifiable(doc_id, "claim_amount", c,
                                            f"an execution figure (「{clause.strip()}」) for {c.year}; the {c.year} "
                                            f"disclosure prints the budget ({cells[0].describe()})", stated=c.value)]
            if cells:
                return out + [_compare_readings(doc_id, "claim_amount", c, c.value, cells)]
        clause = _clause_before(c, _nth(claims, k))
        if "执行" in clause:
            why = (f"a {c.year} execution figure (「{clause.strip()}」): what was spent in {c.year} is in the "
                   f"{c.year} final accounts (决算), not in this disclosure")
        elif c.year == prev_year:
            why = f"an amount for {c.year}: needs the {c.year} disclosure (--previous)"
        else:
            why = f"an amount for {c.year}, not {year}"
        return out + [_unverifiable(doc_id, "claim_amount", c, why)]
    if c.basis:
        return out + [_unverifiable(doc_id, "claim_amount", c, f"the basis amount of a comparison ({c.basis})")]
    if re.search(r"绩效目标管理|绩效目标的项目|绩效管理的项目", c.sentence) and re.search(r"涉及|资金|拨款", c.sentence):
        # "实行绩效目标管理的项目27个，涉及一般公共预算当年拨款873.27万元": the projects' money
        # ("…预算资金781.5万元，其中财政拨款4.5万元": the 财政拨款 column of the same total)
        # ("…涉及当年一般公共预算拨款2838.42万元，政府性基金预算拨款0万元": that fund's column; where the sentence says
        # the management covers everything (全覆盖), the fund's whole appropriation is a reading too)
        fm = re.search(r"财政拨款|一般公共预算|政府性基金|国有资本经营", _subj(c.subject))
        fund = fm.group(0) if fm else ""
        cells = []
        # the projects the sentence counts ("涉及一级预算项目33个，预算资金9754.42万元") are those the performance-target
        # tables enumerate when they enumerate as many: their money is the sentence's first reading
        counted = re.search(r"(\d+)\s*个[^，。；,]{0,8}项目|项目\s*(\d+)\s*个", c.sentence)
        perf = idx.performance_total(fund)
        meant = False
        if counted and perf is not None and perf[1] == int(counted.group(1) or counted.group(2)):
            cells.append(perf[0])
            meant = True  # the forms of exactly the projects the sentence counts: the reading it means
        cell = idx.project_total(fund)
        if cell is not None and cell.table == "project_expenditure":
            cells.append(cell)
        if fund and re.search(r"全覆盖|全部(项目|支出|资金)", c.sentence):
            # (the fund's appropriation as income, or as the spending it pays for)
            for subj in (c.subject, c.subject + "支出"):
                cells += [x for x in idx.readings(subj, context(c)) if x.table != "project_expenditure"
                          and all((x.table, x.row, x.column) != (y.table, y.row, y.column) for y in cells)]
        if cells:
            return out + [_compare_readings(doc_id, "claim_amount", c, c.value, cells, meant=meant)]
        whole = idx.project_total("")
        if fund and whole is not None and whole.table == "project_expenditure":
            # no column for the fund: the projects' total is that fund's only if every project is funded by it
            f = _compare_amount(doc_id, "claim_amount", c, c.value, whole)
            if f.status in ("ok", "rounding"):
                f.message += f"（项目表不分资金来源：所有项目之和即{fund}数）"
                return out + [f]
            return out + [_unverifiable(doc_id, "claim_amount", c, f"the {fund} funds of the performance-managed "
                                        f"projects; the project table prints no {fund} column (all funds: "
                                        f"{whole.describe()})", stated=c.value)]
        return out + [_unverifiable(doc_id, "claim_amount", c, "the funds of the performance-managed projects; no project table")]
    clause = _clause_before(c, _nth(claims, k))
    if re.search(r"涉及", clause) and not re.search(r"(部门|单位|本局|本级)(预算|收支|支出|收入)?总", clause):
        # "…等3个项目开展了部门评价，涉及一般公共预算支出1639.34万元": the money of the items just named
        return out + [_unverifiable(doc_id, "claim_amount", c, f"a part (「{clause.strip()}」): the amount of the "
                                    "items the sentence names, which no table totals", stated=c.value)]
    at = c.sentence.find(clause) if clause else -1
    if at > 0 and re.search(r"(该|此|本)项目|项目(批复|全年|年初|实际|资金投入)", c.sentence[:at]):
        # "该项目批复的年初预算数为1018.00万元，其中当年财政拨款898.00万元": one project's money, not the department's
        return out + [_unverifiable(doc_id, "claim_amount", c, "one project's figure (该项目…): the project tables do "
                                    "not print its budget sources", stated=c.value)]
    if _plain(_subj(c.subject)) in ("支出", "收入") and _figure_before(c):
        # "…行政运行（项）。年初预算为10.00万元，支出决算为10.00万元": 支出决算 is the item's, not the department's
        return out + [_unverifiable(doc_id, "claim_amount", c, f"「{c.subject}」 here is the spending of an item the "
                                    "sentence names before, not the department total; the item was not recognised")]
    unit = _stated_unit(c, idx)
    if unit is not None and not _classified(c.subject):
        # "深圳市社会保险基金管理局龙华分局部门预算收入5,127.91万元": the unit's budget, not the department's
        cells = idx.unit_cells(unit, c.subject)
        if cells:
            return out + [_compare_readings(doc_id, "claim_amount", c, c.value, cells)]
        return out + [_unverifiable(doc_id, "claim_amount", c, f"a figure of the unit「{unit}」, not of the "
                                    f"department; no table prints「{c.subject}」 for that unit")]
    if c.scope and OWN_OFFICE.match(c.scope) and len(idx.units()) < 2:
        c = replace(c, scope="")  # the office of a department without other units is the department
    if c.scope and not _classified(c.subject):
        # "（1）进修及培训（20508）…具体为：人员经费0.00万元": the 人员经费 of 20508, not the department's
        cells = idx.scoped_cells(c.scope, c.subject)
        if cells:
            return out + [_compare_readings(doc_id, "claim_amount", c, c.value, cells)]
        return out + [_unverifiable(doc_id, "claim_amount", c, f"a part of「{c.scope}」, not the department's: no "
                                    f"table prints「{c.subject}」 of it")]
    cells = idx.readings(c.subject, context(c))
    if cells and any(re.match(r"^(上年)?结转", _subj(d.subject)) for d in _children(k, claims)) \
            and re.search(r"收入$", _subj(c.subject)):
        # "当年财政拨款收入337,741.21万元，其中：一般公共预算拨款收入324,638.50万元、上年结转13,102.70万元": the
        # sentence counts the carry-over in, so the side's grand total (收入总计) is a reading too
        side = idx.side_grand(cells[0].table, "收入")
        if side is not None and all((side.table, side.row) != (x.table, x.row) for x in cells):
            cells = cells + [side]
    if cells:
        # like with like: cells of the statement's year and fund only (a column of another year or fund is none)
        alike_cells, set_aside = alike(idx.tables, cells, fund=c.own_fund if c.own_fund in FUNDS else "",
                                       year=c.year, doc_year=idx.year, about=f"{c.subject} {_clause_before(c, _nth(claims, k))}")
        if not alike_cells:
            return out + [_unverifiable(doc_id, "claim_amount", c, "no reading of the same year and fund: "
                                        + "；".join(set_aside), stated=c.value)]
        cells = alike_cells
    if cells:
        budget = _budget_figure_in_final(doc_id, c, cells, idx, _nth(claims, k))
        if isinstance(budget, Finding):
            return out + [budget]
        if budget is not None:
            cells = budget  # the budget column of the same row
        f = _compare_readings(doc_id, "claim_amount", c, c.value, cells)
        if f.status == "mismatch" and f.difference is not None and abs(f.difference) <= 2 * half_unit(c.value) \
                and _tail_adjusted(claims, k):
            # "社会保障和就业支出5,331万元…卫生健康支出102万元…住房保障支出51万元" under a total of 5,484万元: the
            # table's 5,330.09 was raised by one unit so that the parts add up to the rounded total
            f.status, f.severity, f.reason = "rounding", "info", AMOUNT_TAIL_NOTE
            f.message = f.message.replace(" ≠ ", " ≈ ", 1).split("（差")[0] + f"（{AMOUNT_TAIL_NOTE}）"
        return out + [f]
    if out:
        return out
    reason = f"no table row matches「{c.subject}」"
    subj = _subj(c.subject)
    if re.search(r"^(政府采购|拟(购买|采购)|(货物|工程|服务)(类项目|采购))|采购(项目)?(金额|预算|总额)", subj) and not any(re.search(r"采购", t.title or "") for t in idx.tables):
        reason = "the disclosure prints no government-procurement table: 政府采购 figures are stated in the text only"
    elif "机关运行经费" in subj and idx.t("admin_operating") is None:
        reason = "the disclosure prints no 机关运行经费 table: the figure is stated in the text only"
    _cells, why = idx.path_cells(c.subject, context(c))
    if why:
        reason += f" ({why})"
    tp = idx.t("three_public")
    if tp is not None and re.search(r"出国|接待|用车", c.subject):
        head = " ".join(col.name for col in tp.columns if col.role == "label")
        key = re.sub(r"[（(].*", "", _subj(c.subject))[:4]
        if key and key in head:
            reason = (f"the 三公 table has no row「{c.subject}」: its label was read into the column header "
                      f"「{head}」 (extraction defect: blank body rows taken as header rows)")
    return [_unverifiable(doc_id, "claim_amount", c, reason)]
