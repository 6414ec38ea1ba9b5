"""What every kind of claim's recomputation shares: findings for a claim (:func:`_f`, :func:`_unverifiable`),
comparing a stated amount with one cell or with several readings of it (:func:`_compare_amount`,
:func:`_compare_readings`), the clause and figure before a stated one in its sentence, the budget figure a
final account's sentence may quote (年初预算…), and the precision the document's rates really have
(:func:`rate_places`)."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from yusuan.base.numbers import decimals, half_unit, quantize_like
from yusuan.check.findings import SIGN, TRUNCATION_NOTE, Finding, fmt, judge, severity_of, truncation_explains
from yusuan.check.lookup import Cell, convert
from yusuan.check.lookup.cells import _UNITS, _subj
from yusuan.tables.rows import table_rows


def _f(doc_id, check, claim, status, **kw) -> Finding:
    return Finding(doc_id=doc_id, check=check, status=status, page=claim.page, sentence=claim.sentence,
                   subject=claim.subject, unit=kw.pop("unit", claim.unit), **kw)


def _unverifiable(doc_id, check, claim, reason, **kw) -> Finding:
    if claim.kind != "list":
        kw.setdefault("stated", claim.value)  # what the text says, even when nothing can be set against it
    msg = f"第{claim.page}页「{claim.subject}」{fmt(claim.value) if claim.value is not None else ''}{claim.unit}: 无法核对 — {reason}"
    return _f(doc_id, check, claim, "unverifiable", reason=reason, message=msg, **kw)


def _compare_amount(doc_id, check, claim, stated: Decimal, cell: Cell, what: str = "") -> Finding:
    conv = convert(cell.value, cell.unit, claim.unit)
    if conv is None:
        return _unverifiable(doc_id, check, claim, f"units differ ({claim.unit} vs {cell.unit})")
    # a cell printing zero ("0", "0.00") states that nothing is there: no rounding of its own to allow
    err = Decimal(0) if cell.value == 0 and cell.err is None else cell.error
    tol = half_unit(stated) + err * _UNITS.get(cell.unit, 1) / _UNITS.get(claim.unit, 1)
    truncated = False
    if quantize_like(conv, stated) == stated and half_unit(stated) >= half_unit(conv):
        status, diff = "ok", Decimal(0)
    else:
        status, diff = judge(stated, conv, tol, truncation=True)
        truncated = status == "rounding" and truncation_explains(stated, conv, tol)
    sign = SIGN[status]
    msg = f"第{claim.page}页「{claim.subject}」{fmt(stated)}{claim.unit} {sign} {what or cell.describe()}"
    if status == "mismatch":
        msg += f"（差 {fmt(diff)}{claim.unit}）"
    elif truncated:
        msg += f"（差 {fmt(diff)}{claim.unit}，{TRUNCATION_NOTE}）"
    return _f(doc_id, check, claim, status, severity=severity_of(status, diff, conv), table=cell.table, row=cell.row,
              column=cell.column, stated=stated, computed=conv, difference=diff, tolerance=tol, message=msg,
              reason=TRUNCATION_NOTE if truncated else "")


# how close (a share of the figure) a stated figure must be to one of several disagreeing readings to be held to it
NEAR = Decimal("0.05")


def _compare_readings(doc_id, check, claim, stated: Decimal, cells: list[Cell], meant: bool = False) -> Finding:
    """The stated amount against every reading of the tables (TableIndex.readings): the first that fits
    best; a mismatch only if none fits, reported against the usual reading.  Where none fits and the readings
    give different figures, which one the sentence means is a guess: ``unverifiable`` with the readings tried —
    unless ``meant``, the first reading being the one the sentence names (the projects it counts) — issue 23."""
    found = [_compare_amount(doc_id, check, claim, stated, c) for c in cells]
    rank = {"ok": 0, "rounding": 1, "mismatch": 2}
    best = min(range(len(found)), key=lambda k: (rank.get(found[k].status, 3), k))
    f = found[best]
    if f.status == "mismatch" and cells[0].definition:
        # rebuilt by a usual definition the document need not follow: not evidence of an error
        return _unverifiable(doc_id, check, claim, f"the tables print no such figure; by the usual definition "
                             f"({cells[0].definition}) {cells[0].describe()}, which differs — the document may "
                             "count it another way", stated=stated, computed=found[0].computed, table=cells[0].table)
    if f.status not in ("ok", "rounding"):
        f = found[0]
        values = {x.computed for x in found if x.computed is not None}
        if len(found) > 1:
            f.readings = "；".join(f"{cells[k].describe()}" for k in range(len(found)))
        if len(values) > 1 and not meant and f.status == "mismatch":
            # several readings, none agreeing, giving different figures: which one the sentence means is a guess.
            # A figure within NEAR of one reading is that reading's, off by a slip: a possible mismatch (reported
            # against the usual reading, the others listed); one far from all is about something no reading is
            # (another scope, year or fund): unverifiable
            near = min((x for x in found if x.computed is not None), key=lambda x: abs(stated - x.computed))
            if abs(stated - near.computed) > NEAR * max(abs(near.computed), abs(stated)):
                return replace(f, status="unverifiable", severity="info", confidence="",
                               reason=f"the readings disagree among themselves and none gives {fmt(stated)}: {f.readings}")
        f.confidence = "possible" if len(values) > 1 else "confident"
        return f
    others = [k for k in range(1, len(found)) if k != best and found[k].status in ("ok", "rounding") and cells[k].what
              and best > 0]
    if others:
        f.message += "；亦合：" + "；".join(cells[k].describe() for k in others)
    if best > 0 and found[0].status == "mismatch":
        f.message += f"；按 {cells[0].describe()} 读则不符"
        f.reason = "; ".join(x for x in (f.reason, f"fits the reading {cells[best].describe()}, not the usual "
                                                   f"{cells[0].describe()}") if x)
    return f


_BUDGET_WORDS = re.compile(r"年初预算|调整预算|预算数|预算为|预算安排|全年预算")


def _clause_before(c, nth: int | None = None) -> str:
    """The words of the clause that lead up to the claim's figure in its sentence ("" if not found).
    ``nth``: the figure is the nth (0-based) of the sentence's equal figures, when the caller knows."""
    if c.value is None:
        return ""
    clauses = []
    for m in re.finditer(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?", c.sentence or ""):
        try:
            v = Decimal(m.group(0).replace(",", ""))
        except ArithmeticError:
            continue
        if v == c.value and (c.sentence[m.end():].lstrip().startswith(c.unit) if c.unit else True):
            start = max((d.end() for d in re.finditer(r"[，,；;。：:]", c.sentence[:m.start()])), default=0)
            clauses.append(c.sentence[start:m.start()])
    if nth is not None and 0 <= nth < len(clauses) and len(clauses) > 1:
        return clauses[nth]
    if len(clauses) > 1:
        # the same figure twice ("年初预算为10.00万元，支出决算为10.00万元"): the clause that says what the claim is
        word = "决算" if "决算" in (c.subject or "") else ("预算" if "预算" in (c.subject or "") else "")
        fitting = [x for x in clauses if word and word in x]
        if fitting:
            return fitting[0]
    return clauses[0] if clauses else ""


def _nth(claims, k: int) -> int:
    """How many claims before claims[k] in its sentence state the same figure in the same unit."""
    c = claims[k]
    return sum(1 for d in claims[max(0, k - 12):k]
               if d.sentence == c.sentence and d.value == c.value and d.unit == c.unit)


def _figure_before(c) -> bool:
    """Another amount or percentage precedes the claim's figure in its sentence."""
    clause = _clause_before(c)
    if not clause and c.value is not None:
        return False
    head = c.sentence[: c.sentence.find(clause) + len(clause)] if clause else ""
    return bool(re.search(r"\d(?:[\d,]*\d)?(?:\.\d+)?\s*(万元|亿元|千元|元|%)", head))


def _is_final(t, cell: Cell) -> bool:
    """The cell is a final-accounts (决算) figure: its table or its column says so."""
    return t is not None and ("决算" in (t.title or "") or "决算" in cell.column)


def _budget_figure_in_final(doc_id, c, cells: list[Cell], idx, nth: int | None = None) -> list[Cell] | Finding | None:
    """A budget figure ("年初预算为1,560.05万元") stated in final accounts: not the final-accounts (决算) cell the
    subject names.  The same row's budget column if the table prints one, else unverifiable; None when the
    figure is not a budget figure or the table is not a final-accounts table."""
    clause = _clause_before(c, nth)
    if not _BUDGET_WORDS.search(clause) or "决算" in clause:
        return None
    t = idx.t(cells[0].table)
    if not _is_final(t, cells[0]):
        return None
    if "预算" in cells[0].column and "决算" not in cells[0].column:
        return None  # the cell is the budget column already
    rows = [r for r in table_rows(t) if r.index == cells[0].row]
    jb = next((j for j, col in enumerate(t.columns) if col.role == "value" and re.search(r"预算", col.name)
               and "决算" not in col.name and not re.search(r"增减|比|%|率", col.name)), None)
    if rows and jb is not None and jb in rows[0].values:
        r = rows[0]
        return [Cell(r.values[jb], t.unit, t.key, r.index, t.columns[jb].name, r.page, cells[0].label)]
    return _unverifiable(doc_id, "claim_amount", c,
                         f"a budget figure (「{clause.strip()}」) in final accounts; table {t.key}「{t.title}」 prints "
                         f"the final figure only ({cells[0].describe()})", stated=c.value)


def _same_subject(a: str, b: str) -> bool:
    return _subj(a) == _subj(b) and bool(_subj(a))


# --------------------------------------------------------------------------- the precision of the document's rates

# how many distinct rates must all end in a zero before the zero is the document's habit, not chance: a document
# that rounds its rates honestly ends one in ten of them in 0, so three distinct ones and no other (the same rate
# stated twice counts once; 0% and 100% end in 0 whatever the precision and count for nothing) happen by chance
# about once in a thousand documents — and the price of a wrong guess is a check one decimal coarser, not an alarm
RATE_HABIT = 3
_RATE_KINDS = ("share", "change_percent")


def rate_places(claims) -> tuple[int, int] | None:
    """(decimals, evidence): the precision the document's rates really have when every rate it prints ends in
    zeros — all "X.0%" (5.0%, 12.0%, 100.0%) → 0 decimals, all "X.X0%" → 1 — and how many distinct rates show
    it; None when the document prints real decimals (5.4%, 12.35%: a rate whose last digit is not 0 sets the
    precision) or too few rates to tell (``RATE_HABIT``).  The habit is the document's, read from all its
    rates (shares 占X% and change rates 增长X%), so it is decided where the whole narrative is visible."""
    rates = [c.value for c in claims if c.kind in _RATE_KINDS and c.value is not None]
    if not rates:
        return None
    finest = max(decimals(v.normalize()) for v in rates)  # the digits the document's rates really carry
    evidence = {v for v in rates if decimals(v) > finest and v not in (0, 100)}
    return (finest, len(evidence)) if len(evidence) >= RATE_HABIT else None


def hold_rate(c, places: int):
    """The claim with its rate held to ``places`` decimals (5.0 → 5), or the claim itself (not a rate printed
    more finely than that)."""
    if c.kind not in _RATE_KINDS or c.value is None or decimals(c.value) <= places:
        return c
    return replace(c, value=c.value.quantize(Decimal(1).scaleb(-places)))


def held_finding(f: Finding, printed: Decimal, held: Decimal, evidence: int) -> Finding:
    """A finding on a rate judged at the document's precision (:func:`rate_places`): the figure as printed, and
    the message and reason saying at which precision it was held."""
    places = decimals(held)
    word, word_en = ("整数百分比", "whole percent") if places == 0 else (f"{places}位小数", f"{places} decimal(s)")
    f.stated = printed
    head, sep, tail = f.message.partition("」")
    if sep and f"{fmt(held)}%" in tail:
        f.message = head + sep + tail.replace(f"{fmt(held)}%", f"{fmt(printed)}%", 1)
    form = "X." + "X" * places + "0" * (decimals(printed) - places) + "%"  # "X.0%", "X.X0%"
    f.message += f"（本文件的比率均印作“{form}”（{evidence}个不同比率），末位的0不是精度，按{word}核对）"
    note = f"the document prints every rate as {form} ({evidence} distinct rates): held to {word_en}"

    f.reason = "; ".join(x for x in (f.reason, note) if x)
    return f
