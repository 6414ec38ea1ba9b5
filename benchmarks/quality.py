"""Quality benchmark: how well yusuan reads and checks disclosures it has never seen — without labels.

A published disclosure checks itself: every figure a table prints is in the PDF's own text layer,
and its tables' identities (totals = Σ parts, one total across tables) hold.  This script runs
extraction and the fact-check once per PDF under a folder (recursively) and measures both.

    python benchmarks/quality.py DIR [--json FILE] [--jobs N] [--timeout S]
    make quality CORPUS=DIR            (default: data/raw/)

The yardstick (fixed; change it and every earlier measurement stops being comparable)
--------------------------------------------------------------------------------------
Text layer: for each page, pypdfium2's text of the whole page (``FPDFText`` get_text_range, the
spaces and line breaks pdfium places between separated glyphs included), full-width digits and
signs folded to ASCII.  Tokens are its whitespace-separated runs; lines are its line breaks.

* A **standalone number** is a token that is entirely one number: an optional sign (- − － △ ▲)
  or enclosing parentheses (negative), digits with or without thousands separators, an optional
  decimal part.  It is **narrative**, and not standalone, when the next token on its line starts
  with a unit: %, ‰, 万元, 亿元, 千元, or one of 元 个 人 名 辆 台 项 次 年 月 日 家 户 套 件 天 倍 岁 页
  not followed by another Chinese character ("1,385.37 万元" is narrative; "3.50 人员经费" is not).
  A number glued to words ("支出1,385.37万元", "87.01%") is not a token of its own, so not standalone.
* A **printed figure** is a standalone number with a decimal point or a thousands separator
  (1,385.37; 0.00; 27.5; 12,000).  Integers without separators are left out: on table pages
  they are mostly classification codes, line and column numbers, years and page numbers,
  which are not figures.  So an amount printed as a bare integer (35000) is invisible here.
* A **table page** prints at least 6 printed figures.
* **Recall** of a page: the printed figures found among the figures yusuan extracted on that
  page (its tidy rows whose ``page`` is that page), matched as a multiset by numeric value
  (0.00 = 0; -2.00 = (2.00) = △2.00).  Totals are micro-averages: Σ found / Σ printed.
* **Precision** of a page: of the non-zero figures extracted on it, the share the page's text
  prints anywhere — any number in the text, glued to words or not (``缴费支出43608.96`` prints
  43608.96), matched as a multiset by value.  A number split in two ("46,402.33" read as 4 and
  6,402.33), two glued ("100 200" as 100200), a lost sign or a figure put on the wrong page
  all count against it.
* A **missed table page** is a table page from which nothing was extracted.

What the yardstick cannot see: a figure put in the wrong row or column of its own page (recall
and precision are per page, not per cell — the identities below catch most of those); integer
amounts; pages without a text layer; whether a printed number is a figure at all (a code printed
with a decimal point would count).

The other measures
------------------
* **Outcome**: ok / refused (yusuan's one-line reason: not a disclosure, no text layer …) /
  crashed (a traceback, or no answer within ``--timeout`` seconds).
* **Identity health**: the table identities (yusuan.check.identities: totals = Σ parts, the same total across
  tables …) by status, and the documents with any identity mismatch.
* **Statutory coverage**: for each statutory table of the disclosure's kind (``lib/yusuan/vocab/statutory.yml``,
  ``yusuan.tables.statutory``): found, empty (extracted without figures, or its title printed on a page that says
  it is empty: 本表无数据 / 不涉及 / 无…), missing, or — for a table only some provinces' templates have
  (国有资本经营预算支出表, 项目支出表) — not in the disclosure's contents page; and how many disclosures
  have all their template's tables (also counted against every listed table, whatever the template).  Counted over the
  files that hold statutory tables (meta.json ``contents``): an explanation-only file (the other half
  of a two-file disclosure) or a supplementary one (performance targets only) is counted apart.
* **Claims**: findings on narrative figures by status; the share of figures checked (the claim's
  findings include ok, rounding or mismatch) against unverifiable, broken down by reason.
* **Sensitivity**: every narrative figure judged ok is altered by ten units of its last printed
  digit (1,385.37 → 1,385.47; 87.01% → 87.11%; a count 27 → 37) in the parsed narrative (its value
  and its sentence), and that claim alone is rechecked against the same tables, nothing
  re-extracted; the share now judged ``mismatch``.  A checker that calls everything ok scores 0.
* **False alarms**: every mismatch, claim or identity, is either registered in
  ``benchmarks/known_errors.yml`` as a real error of the document (sha256, page, check, stated
  value; the statement, what the tables print and why, read in the PDF) or counted as a false
  alarm and listed (every one).
* **Mismatch precision**: registered real errors / all mismatches, and the same split by each mismatch's
  confidence (``confident``: one reading, or readings agreeing on the figure; ``possible``: readings that give
  different figures, the stated one near one of them).  Until each new mismatch is read in its PDF it counts
  against precision.
* **Doubt**: tables extraction marks doubtful (lib/yusuan/check/health.py: figures printed in their cells not
  read, or many of their own sums failing) and the differences held back as "extraction doubt" because of
  them — shown beside the mismatches, so that doubt cannot quietly stand in for a fix.
* **Speed**: pages per CPU-second of extraction and of the fact-check (CPU time of the process
  doing the document), wall time, and the peak memory (max RSS) of any one document's process.
* **Gold key figures** (``--gold DIR``, default tests/fixtures/gold): for every document a ``<name>.gold.yml``
  there names by sha256 — the key figures (lib/yusuan/vocab/keyfigures.yml) and the publisher read by eye from
  the PDF, with pages — what yusuan shows readers (its key figures, as key_figures.csv holds them, converted to
  the unit the gold was printed in; meta.json's publisher) against the gold, figure by figure: **right** (the
  same amount), **missing** (printed, yusuan shows none), **wrong** (printed, yusuan shows another amount),
  **invented** (not printed, yusuan shows one), **absent** (not printed, and yusuan rightly shows none), or
  **derived** (printed only as parts the gold lists, and yusuan shows their sum marked derived).  A
  cell printed blank is nothing: none or 0 is right.  The publisher is **exact** when yusuan's name is the
  printed one, character for character (full- and half-width brackets and spaces aside).  Share right = right /
  printed.  A refused or crashed gold document counts every printed figure missing and its publisher not exact.

Each document runs in a process of its own (forked, so the imports are paid once), ``--jobs`` at a
time; a two-file disclosure (tables / text, see yusuan.pdf.pdfdoc.companion_of) is checked once: its
findings are counted on the first of the two files in name order.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import re
import resource
import sys
import time
import traceback
from collections import Counter
from decimal import Decimal, InvalidOperation
from multiprocessing.connection import wait
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KNOWN_ERRORS = ROOT / "benchmarks" / "known_errors.yml"
GOLD = ROOT / "tests" / "fixtures" / "gold"

# ---------------------------------------------------------------------------------------------- yardstick

_FOLD = str.maketrans("０１２３４５６７８９．，－（）％　", "0123456789.,-()% ")
_STANDALONE = re.compile(r"(?P<neg>[-−－△▲]?)(?P<open>[(（]?)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<close>[)）]?)")
_ANY_NUMBER = _STANDALONE
_UNIT_ANY = ("%", "‰", "万元", "亿元", "千元")
_UNIT_WORD = tuple("元个人名辆台项次年月日家户套件天倍岁页")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _value(m: re.Match) -> Decimal | None:
    try:
        v = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    negative = bool(m.group("neg")) or (bool(m.group("open")) and bool(m.group("close")))
    return -v if negative and v else v


def _narrative_unit(token: str | None) -> bool:
    if not token:
        return False
    if token.startswith(_UNIT_ANY):
        return True
    return token[0] in _UNIT_WORD and not (len(token) > 1 and _CJK.match(token[1]))


def page_numbers(text: str) -> tuple[list[Decimal], list[Decimal], list[Decimal]]:
    """(printed figures, standalone numbers, every number) of one page's text layer — see the module docstring."""
    text = text.translate(_FOLD)
    figures: list[Decimal] = []
    standalone: list[Decimal] = []
    for line in re.split(r"[\r\n]+", text):
        tokens = line.split()
        for i, tok in enumerate(tokens):
            m = _STANDALONE.fullmatch(tok)
            if not m or bool(m.group("open")) != bool(m.group("close")):
                continue
            if _narrative_unit(tokens[i + 1] if i + 1 < len(tokens) else None):
                continue
            v = _value(m)
            if v is None:
                continue
            standalone.append(v)
            if "." in m.group("num") or "," in m.group("num"):
                figures.append(v)
    every = [v for m in _ANY_NUMBER.finditer(text) if (v := _value(m)) is not None]
    return figures, standalone, every


def page_score(printed: list[Decimal], every: list[Decimal], extracted: list[Decimal]) -> dict:
    """Recall and precision counts of one page (multisets matched by numeric value).

    ``printed``: the page's printed figures; ``every``: every number in its text;
    ``extracted``: the figures extracted on the page (zeros included; precision skips them)."""
    got = Counter(extracted)
    want = Counter(printed)
    found = sum(min(n, got[v]) for v, n in want.items())
    nonzero = Counter({v: n for v, n in got.items() if v != 0})
    prints = Counter(every)
    precise = sum(min(n, prints[v]) for v, n in nonzero.items())
    return {"printed": sum(want.values()), "found": found, "extracted": sum(nonzero.values()), "precise": precise}


def mutate(value: Decimal) -> Decimal:
    """The figure altered by ten units of its last printed digit, away from zero (1385.37 → 1385.47)."""
    exp = value.as_tuple().exponent
    step = Decimal(10) * Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
    return value - step if value < 0 else value + step


def _printed_forms(v: Decimal) -> list[str]:
    exp = v.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    return [f"{v:,.{places}f}", f"{v:.{places}f}"]


def _printed_at(sentence: str, value: Decimal, unit: str, nth: int = 0):
    """Where the claim's figure is printed in its sentence: (start, end, the figure as printed), preferring an
    occurrence followed by the claim's unit ("2个", not the 2 of "2019年") and, of a figure printed twice
    ("年初预算为10.00万元，支出决算为10.00万元"), the ``nth``; the figure may be printed without the trailing
    zeros the parser gave it back (7 for 7.00, 128.1 for 128.10).  None when not found."""
    import re

    exp = value.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    seen = []
    for p in range(places, -1, -1):
        q = value.quantize(Decimal(1).scaleb(-p)) if p < places else value
        if q != value:
            break  # only trailing zeros may be dropped
        for form in (f"{q:,.{p}f}", f"{q:.{p}f}"):
            if form in seen:
                continue
            seen.append(form)
            hits = list(re.finditer(rf"(?<![\d.,]){re.escape(form)}(?!\d|[.,]\d)", sentence))
            if hits:
                unit_hits = [m for m in hits if sentence[m.end():].lstrip().startswith(unit or "\0")]
                pick = unit_hits or hits
                m = pick[min(nth, len(pick) - 1)]
                return m.start(), m.end(), Decimal(form.replace(",", ""))
    return None


def mutated_claims(claims: list, k: int) -> list:
    """The claims with claim ``k``'s figure altered (value and the sentence it is printed in): ten units of the
    last digit printed in the sentence, at the place it is printed."""
    from dataclasses import replace

    c = claims[k]
    sentence = c.sentence
    nth = sum(1 for d in claims[:k] if d.sentence == c.sentence and d.value == c.value)
    at = _printed_at(sentence, c.value, c.unit, nth)
    if at is None:
        new = mutate(c.value)
    else:
        start, end, printed = at
        altered = mutate(printed)
        old = sentence[start:end]
        exp = printed.as_tuple().exponent
        places = -exp if isinstance(exp, int) and exp < 0 else 0
        text = f"{altered:,.{places}f}" if "," in old else f"{altered:.{places}f}"
        sentence = sentence[:start] + text + sentence[end:]
        # the parser's precision kept (a figure printed 7 beside 115.69 reads 7.00; altered, 17.00)
        new = altered.quantize(c.value) if c.value.as_tuple().exponent < exp else altered
    out = list(claims)
    out[k] = replace(c, value=new, sentence=sentence)
    if sentence != c.sentence:  # the other figures of that sentence read the same (altered) sentence
        out = [replace(d, sentence=sentence) if m != k and d.sentence == c.sentence else d for m, d in enumerate(out)]
    return out


# ---------------------------------------------------------------------------------------------- registry

def load_known_errors(path: Path = KNOWN_ERRORS) -> list[dict]:
    import yaml

    if not path.is_file():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for e in entries:
        missing = {"sha256", "page", "stated", "statement", "tables", "why"} - set(e)
        if missing:
            raise ValueError(f"{path}: entry {e!r} lacks {sorted(missing)}")
        e["stated"] = Decimal(str(e["stated"]))
    return entries


def mark_registered(d: dict, known: list[dict]) -> None:
    """Mark each mismatch of a measured document as registered (a known real error) or not."""
    shas = {d.get("sha256"), d.get("companion_sha256")} - {None}
    for f in d.get("mismatches", []):
        e = registered(f, shas, known)
        f["registered"] = e is not None
    d["unregistered"] = sum(not f["registered"] for f in d.get("mismatches", []))


def registered(f: dict, shas: set[str], known: list[dict]) -> dict | None:
    """The known-errors entry a mismatch finding (as a dict of strings) is, or None."""
    for e in known:
        if e["sha256"] in shas and str(e["page"]) == f["page"] and f["stated"] and Decimal(f["stated"]) == e["stated"] \
                and e.get("check", f["check"]) == f["check"] and e.get("table", f["table"]) == f["table"]:
            return e
    return None


# ---------------------------------------------------------------------------------------------- gold

_UNIT_FACTOR = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_BRACKETS = str.maketrans("（）［］【】", "()[][]")
GOLD_OUTCOMES = ("right", "missing", "wrong", "invented", "absent", "derived")
# the key figures the gold set reads by eye (issue 24): a key figure yusuan shows beyond them (一般公共预算支出, added
# later) is not scored until the gold set reads it too
GOLD_KEYS = ("grand_total", "revenue", "expenditure", "basic", "project", "three_public", "three_public_budget",
             "three_public_previous")


def load_gold(folder: Path = GOLD) -> dict[str, dict]:
    """The gold set: {sha256: entry} of every ``<name>.gold.yml`` in ``folder`` (none when there is no such folder).

    An entry is the YAML as written (file, sha256, place, template, kind, year, read, publisher, figures) plus
    ``name`` (the gold file's stem) and ``path`` (the PDF: ``file`` is relative to the project root); each figure
    is {value: Decimal, unit, page, table, cell}, {blank: true, unit, page, …} or {printed: false, why}."""
    import yaml

    out: dict[str, dict] = {}
    if not Path(folder).is_dir():
        return out
    for f in sorted(Path(folder).glob("*.gold.yml")):
        e = yaml.safe_load(f.read_text(encoding="utf-8"))
        missing = {"file", "sha256", "publisher", "figures", "read"} - set(e)
        if missing:
            raise ValueError(f"{f}: lacks {sorted(missing)}")
        e["name"] = f.name[: -len(".gold.yml")]
        e["path"] = ROOT / e["file"]
        for key, g in e["figures"].items():
            if g.get("printed", True) and not g.get("blank"):
                if g.get("unit") not in _UNIT_FACTOR:
                    raise ValueError(f"{f}: {key} has no unit yusuan converts ({g.get('unit')!r})")
                g["value"] = Decimal(str(g["value"]))
        out[e["sha256"]] = e
    return out


def _in_unit(value: Decimal, unit: str, want: str) -> Decimal | None:
    """``value`` (in ``unit``) expressed in ``want``; None when either unit is not an amount unit."""
    if unit not in _UNIT_FACTOR or want not in _UNIT_FACTOR:
        return None
    return value * _UNIT_FACTOR[unit] / _UNIT_FACTOR[want]


def same_name(a: str | None, b: str | None) -> bool:
    """Two printings of one name: equal character for character once full-width brackets are folded to
    half-width ones and spaces dropped ("福州市民政局(本级)" is "福州市民政局（本级）")."""
    def fold(x):
        return re.sub(r"\s+", "", (x or "").translate(_BRACKETS))
    return bool(a and b) and fold(a) == fold(b)


def gold_score(gold: dict, figures: dict[str, dict] | None, publisher: str | None) -> dict:
    """One document against its gold entry.

    ``figures``: {key: {"value": str ("" for none), "unit": str, "page": …}} as measure_document records yusuan's
    key figures (None: the document was refused or crashed); ``publisher``: meta.json's.  Returns {"figures":
    {key: {"outcome", "gold", "yusuan", "page"}}, "counts": {outcome: n}, "publisher": {"gold", "yusuan",
    "exact"}}.  A key of GOLD_KEYS yusuan shows that the gold does not list (a figure the kind has not) counts
    invented (keys beyond GOLD_KEYS are not scored); an
    amount shown in no unit yusuan names (元, 千元, 万元, 亿元) cannot be the printed one and counts wrong."""
    rows: dict[str, dict] = {}
    figures = figures or {}
    for key in sorted(set(gold["figures"]) | {k for k, f in figures.items() if f.get("value") and k in GOLD_KEYS}):
        g = gold["figures"].get(key, {"printed": False, "why": "not a figure of this kind"})
        y = figures.get(key) or {}
        yv = Decimal(y["value"]) if y.get("value") else None
        shown = f"{y['value']} {y.get('unit', '')}".strip() if yv is not None else "none"
        if not g.get("printed", True) and g.get("parts") and yv is not None and y.get("status") == "derived":
            # printed only as parts (基本支出 as 人员支出 + 日常公用支出): a figure yusuan marks derived is right when it
            # is their sum — shown as derived, with its parts, it invents nothing
            total = sum((Decimal(str(v)) for v in g["parts"].values()), Decimal(0))
            same = _in_unit(yv, y.get("unit", ""), g.get("unit", ""))
            outcome = "derived" if same is not None and same == total else "wrong"
            want = f"not printed; {' + '.join(f'{k} {v}' for k, v in g['parts'].items())} = {total} {g.get('unit', '')}"
        elif not g.get("printed", True):
            outcome, want = ("invented" if yv is not None else "absent"), "not printed"
        elif g.get("blank"):
            outcome, want = ("right" if yv is None or yv == 0 else "wrong"), "blank"
        else:
            want = f"{g['value']} {g['unit']}"
            if yv is None:
                outcome = "missing"
            else:
                same = _in_unit(yv, y.get("unit", ""), g["unit"])
                outcome = "right" if same is not None and same == g["value"] else "wrong"
        rows[key] = {"outcome": outcome, "gold": want, "yusuan": shown, "page": g.get("page")}
    counts = Counter(r["outcome"] for r in rows.values())
    name = gold["publisher"]["name"]
    return {"figures": rows, "counts": {o: counts.get(o, 0) for o in GOLD_OUTCOMES},
            "publisher": {"gold": name, "yusuan": publisher or "", "exact": same_name(publisher, name)}}


def key_figures_shown(result) -> dict[str, dict]:
    """The key figures of an audit as readers see them — as yusuan.steps.audit.audit_and_write writes them to
    key_figures.csv: {key: {"value": str ("" for none), "unit", "page", "table", "status"}}."""
    from yusuan.check.keyfigures import key_figures

    kind = result.extraction.meta.get("kind") or ""
    return {k.key: {"value": "" if k.value is None else format(k.value, "f"), "unit": k.unit, "page": k.page,
                    "table": k.table, "status": k.status}
            for k in key_figures(result.tables, result.year, kind, result.findings)}


def summarise_gold(docs: list[dict], gold: dict[str, dict], folder: Path | None = None) -> dict:
    """The gold measure over the measured documents that have a gold entry (matched by sha256): totals, the share
    right of the printed figures, publishers exact, and every miss (file, key, outcome, gold, yusuan, page)."""
    totals: Counter = Counter()
    misses, names, per_doc = [], [], {}
    for d in docs:
        e = gold.get(d.get("sha256"))
        if e is None:
            continue
        ok = d.get("outcome") == "ok"
        s = gold_score(e, d.get("key_figures") if ok else None, d.get("publisher") if ok else None)
        d["gold"] = s
        per_doc[d["file"]] = s["counts"]
        totals.update(s["counts"])
        for key, r in s["figures"].items():
            if r["outcome"] not in ("right", "absent", "derived"):
                misses.append({"file": d["file"], "gold_name": e["name"], "key": key, **r})
        if not s["publisher"]["exact"]:
            names.append({"file": d["file"], "gold_name": e["name"], **s["publisher"]})
    printed = totals["right"] + totals["missing"] + totals["wrong"]
    n = len(per_doc)
    return {"folder": str(folder) if folder else None, "gold_documents": len(gold), "documents": n,
            **{o: totals[o] for o in GOLD_OUTCOMES}, "printed": printed,
            "share_right": _ratio(totals["right"], printed), "publisher_exact": n - len(names),
            "misses": misses, "publisher_misses": names}


def print_gold(g: dict, out=sys.stdout) -> None:
    """The gold measure's totals and every miss, one line each (nothing when no gold document was measured)."""
    p = lambda *a: print(*a, file=out)  # noqa: E731
    if not g or not g["documents"]:
        return
    p(f"gold key figures ({g['folder']}: {g['documents']} of its {g['gold_documents']} documents measured here): "
      f"right {g['right']} of {g['printed']} printed ({_pct(g['share_right'])}), missing {g['missing']}, "
      f"wrong {g['wrong']}, invented {g['invented']}; not printed and shown as none {g['absent']}, shown derived "
      f"from its printed parts {g['derived']}; "
      f"publisher exact {g['publisher_exact']} of {g['documents']}")
    for m in g["misses"]:
        p(f"  ✗ {m['gold_name']} {m['key']}: {m['outcome']} — printed {m['gold']}"
          + (f" (p.{m['page']})" if m["page"] else "") + f", yusuan {m['yusuan']}")
    for m in g["publisher_misses"]:
        p(f"  ✗ {m['gold_name']} publisher: printed {m['gold']}, yusuan {m['yusuan'] or 'none'}")


# ---------------------------------------------------------------------------------------------- one document

def _text_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
        return out
    finally:
        pdf.close()


def _reason_group(reason: str) -> str:
    """A reason without its particulars (names, figures, years), so that like reasons count together."""
    r = re.sub(r"「[^」]*」|“[^”]*”|\"[^\"]*\"", "「…」", reason or "(no reason given)")
    r = re.sub(r"\d[\d,.]*", "N", r)
    r = re.split(r"\s[(（]|:|：|;|；| — ", r)[0]
    return r.strip()[:90]


def _finding_dict(f, claim: int | None) -> dict:
    def s(x):
        return "" if x is None else format(x, "f") if isinstance(x, Decimal) else str(x)

    return {"check": f.check, "status": f.status, "table": f.table, "row": s(f.row), "column": f.column,
            "page": s(f.page), "stated": s(f.stated), "computed": s(f.computed), "difference": s(f.difference),
            "subject": f.subject, "reason": f.reason, "message": f.message, "claim": claim,
            "confidence": f.confidence, "readings": f.readings}


def measure_document(path: Path, root: Path) -> dict:
    """Extract, audit and measure one PDF (runs in its own process)."""
    from yusuan.steps.audit import audit
    from yusuan.base.errors import InputError
    from yusuan.steps.extract import extract
    from yusuan.check.recompute import recompute_claims
    from yusuan.tables.statutory import coverage

    rec: dict = {"file": str(path.relative_to(root)) if path.is_relative_to(root) else str(path)}
    rec["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()  # (a refused file is matched to its gold too)
    t_start, wall_start = time.process_time(), time.perf_counter()
    spent = {"extract": 0.0}
    cache: dict = {}

    def ext(p):
        p = Path(p).resolve()
        if p not in cache:
            t0 = time.process_time()
            try:
                cache[p] = extract(p)
            finally:
                spent["extract"] += time.process_time() - t0
        return cache[p]

    try:
        text = _text_pages(path)
    except Exception as exc:  # noqa: BLE001 — the yardstick cannot read it either
        text = []
        rec["yardstick_error"] = f"{type(exc).__name__}: {exc}"
    rec["pages"] = len(text)
    rec["printed_figures"] = sum(len(page_numbers(t)[0]) for t in text)
    try:
        ex = ext(path)
        result = audit(path, _extract_fn=ext)
    except InputError as exc:
        rec.update(outcome="refused", reason=exc.reason)
        return _finish(rec, t_start, wall_start, spent)
    except Exception as exc:  # noqa: BLE001 — any traceback is a crash, and the benchmark goes on
        rec.update(outcome="crashed", reason=f"{type(exc).__name__}: {exc}"[:300],
                   traceback=traceback.format_exc()[-2000:])
        return _finish(rec, t_start, wall_start, spent)
    rec["outcome"] = "ok"
    t_checked = time.process_time()
    meta = ex.meta
    rec.update(doc_id=ex.doc_id, sha256=meta["sha256"], publisher=meta.get("publisher", ""), year=meta.get("year"),
               kind=meta.get("kind", ""), companion=meta.get("companion"),
               companion_sha256=result.companion.meta["sha256"] if result.companion is not None else None,
               tables=len(ex.tables))

    rec["key_figures"] = key_figures_shown(result)

    # figures against the text layer, page by page
    extracted: dict[int, list[Decimal]] = {}
    for page, value in zip(ex.tidy["page"], ex.tidy["value"]):
        try:
            extracted.setdefault(int(page), []).append(Decimal(value))
        except (InvalidOperation, ValueError, TypeError):
            pass
    pages = []
    for i, t in enumerate(text):
        printed, _standalone, every = page_numbers(t)
        if len(printed) < 6 and not extracted.get(i + 1):
            continue
        score = page_score(printed, every, extracted.get(i + 1, []))
        score.update(page=i + 1, table_page=len(printed) >= 6)
        pages.append(score)
    rec["page_scores"] = pages
    tp = [p for p in pages if p["table_page"]]
    rec["table_pages"] = len(tp)
    rec["printed"] = sum(p["printed"] for p in tp)
    rec["found"] = sum(p["found"] for p in tp)
    rec["extracted"] = sum(p["extracted"] for p in pages)
    rec["precise"] = sum(p["precise"] for p in pages)
    rec["missed_pages"] = [p["page"] for p in tp if not extracted.get(p["page"])]

    # findings
    findings = [_finding_dict(f, k) for f, k in zip(result.findings, result.claim_of)]
    rec["identity"] = dict(Counter(f["status"] for f in findings if f["claim"] is None))
    rec["claim_findings"] = dict(Counter(f["status"] for f in findings if f["claim"] is not None))
    rec["mismatches"] = [f for f in findings if f["status"] == "mismatch"]
    # tables extraction doubts (health.py) and the differences not reported as the document's because of them
    rec["doubtful_tables"] = meta.get("doubtful_tables", {})
    rec["extraction_doubt"] = sum(f["reason"].startswith("extraction doubt") for f in findings)
    per_claim: dict[int, list[dict]] = {}
    for f in findings:
        if f["claim"] is not None:
            per_claim.setdefault(f["claim"], []).append(f)
    checked, unverifiable = 0, Counter()
    for k, fs in per_claim.items():
        if any(f["status"] in ("ok", "rounding", "mismatch") for f in fs):
            checked += 1
        else:
            unverifiable[_reason_group(fs[0]["reason"])] += 1
    rec["claims"] = len(result.claims)
    rec["claims_checked"] = checked
    rec["claims_unverifiable"] = dict(unverifiable)
    rec["contents"] = meta.get("contents", "")
    if rec["contents"] in ("tables and explanation", "tables only") or result.companion is not None:
        # (for a two-file disclosure the tables of both halves, which meta.json's own "statutory" cannot see)
        rec["coverage"] = coverage(meta.get("kind", ""), result.tables,
                                   text + (list(result.companion.doc.page_texts) if result.companion is not None else []))
    else:
        rec["coverage"] = {}  # an explanation-only or supplementary file holds no statutory tables to cover

    # sensitivity: alter each figure judged ok, recheck that claim alone
    t_sens = time.process_time()
    ok_claims = [k for k, fs in per_claim.items()
                 if result.claims[k].value is not None and any(f["status"] == "ok" for f in fs)]
    detected, after = [], {}
    for k in ok_claims:
        altered = mutated_claims(result.claims, k)
        fs = recompute_claims(ex.doc_id, altered, result.tables, year=result.year, only={k})
        if any(f.status == "mismatch" for f in fs):
            detected.append(k)
        elif fs:
            after[k] = f"{fs[0].check} {fs[0].status}: {(fs[0].reason or fs[0].message)[:200]}"
    rec["sensitivity"] = {"altered": len(ok_claims), "detected": len(detected),
                          "undetected": [{"page": result.claims[k].page, "kind": result.claims[k].kind,
                                          "subject": result.claims[k].subject, "value": format(result.claims[k].value, "f"),
                                          "after": after.get(k, "no finding")}
                                         for k in ok_claims if k not in detected][:50]}
    rec["cpu_sensitivity"] = time.process_time() - t_sens
    return _finish(rec, t_start, wall_start, spent, t_checked)


def _finish(rec: dict, t_start: float, wall_start: float, spent: dict, t_checked: float | None = None) -> dict:
    end = t_checked if t_checked is not None else time.process_time()
    rec["cpu_extract"] = spent["extract"]
    rec["cpu_factcheck"] = max(0.0, end - t_start - spent["extract"])
    rec["wall"] = time.perf_counter() - wall_start
    rec["max_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return rec


# ---------------------------------------------------------------------------------------------- running

def _child(conn, path: str, root: str) -> None:
    import contextlib
    import io
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            rec = measure_document(Path(path), Path(root))
    except BaseException as exc:  # noqa: BLE001
        rec = {"file": path, "outcome": "crashed", "reason": f"{type(exc).__name__}: {exc}"[:300],
               "traceback": traceback.format_exc()[-2000:]}
    conn.send(json.dumps(rec, ensure_ascii=False, default=str))
    conn.close()


def run_all(pdfs: list[Path], root: Path, jobs: int, timeout: float, progress=None) -> list[dict]:
    """Measure every PDF, ``jobs`` processes at a time, each given ``timeout`` seconds."""
    # imported (and the catalogue read) once here, inherited by every forked child: a document's CPU
    # time is its own work, as in a long batch, not the interpreter's start-up
    import camelot  # noqa: F401
    import camelot.parsers.lattice  # noqa: F401
    import pypdfium2  # noqa: F401
    import yusuan.steps.audit  # noqa: F401
    import yusuan.steps.extract  # noqa: F401
    yusuan.steps.extract.publisher_slug("预算")  # pypinyin's dictionaries, loaded once (0.45 CPU-s)
    from yusuan.vocab import rules

    rules()
    import yusuan.corpus.warmup  # noqa: F401 - one small disclosure read here, as yusuan.corpus.bounded's forkserver does

    ctx = mp.get_context("fork")
    todo = list(pdfs)
    running: dict = {}  # reader -> (process, path, started)
    results: dict[Path, dict] = {}
    while todo or running:
        while todo and len(running) < jobs:
            path = todo.pop(0)
            reader, writer = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(writer, str(path), str(root)), daemon=True)
            proc.start()
            writer.close()
            running[reader] = (proc, path, time.perf_counter())
        ready = wait(list(running), timeout=1.0)
        now = time.perf_counter()
        for reader in list(running):
            proc, path, started = running[reader]
            rec = None
            if reader in ready:
                try:
                    rec = json.loads(reader.recv())
                except (EOFError, OSError):
                    proc.join(5)
                    rec = {"outcome": "crashed", "reason": f"worker died (exit code {proc.exitcode})"}
            elif now - started > timeout:
                proc.kill()
                rec = {"outcome": "crashed", "reason": f"timeout: no result after {timeout:.0f} s"}
            if rec is None:
                continue
            proc.join(5)
            reader.close()
            del running[reader]
            rec.setdefault("file", str(path.relative_to(root)) if path.is_relative_to(root) else str(path))
            rec.setdefault("wall", now - started)
            results[path] = rec
            if progress:
                progress(rec)
    return [results[p] for p in pdfs]


# ---------------------------------------------------------------------------------------------- totals

def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def summarise(docs: list[dict], known: list[dict]) -> dict:
    ok = [d for d in docs if d.get("outcome") == "ok"]
    # a two-file disclosure's findings once: on the first of its two files (name order)
    names = {Path(d["file"]).name for d in ok}
    counted = [d for d in ok if not (d.get("companion") and d["companion"] in names and d["companion"] < Path(d["file"]).name)]
    for d in ok:
        d["findings_counted"] = d in counted
    printed = sum(d["printed"] for d in ok)
    found = sum(d["found"] for d in ok)
    extracted = sum(d["extracted"] for d in ok)
    precise = sum(d["precise"] for d in ok)
    identity = Counter()
    claim_findings = Counter()
    unverifiable = Counter()
    for d in counted:
        identity.update(d["identity"])
        claim_findings.update(d["claim_findings"])
        unverifiable.update(d["claims_unverifiable"])
    unregistered, registered_list = [], []
    for d in counted:
        mark_registered(d, known)
        for f in d["mismatches"]:
            item = {"file": d["file"], "page": f["page"], "check": f["check"], "table": f["table"],
                    "stated": f["stated"], "computed": f["computed"], "message": f["message"],
                    "kind": "identity" if f["claim"] is None else "claim", "confidence": f.get("confidence", "")}
            (registered_list if f["registered"] else unregistered).append(item)
    coverage: dict[str, dict[str, Counter]] = {}
    complete = Counter()
    for d in counted:
        cov = d.get("coverage", {})
        if cov:
            which = "final" if "决算" in (d.get("kind") or "") else "budget"
            complete[which, all(v != "missing" for v in cov.values())] += 1
            # the stricter count: every table of statutory.yml, whether the disclosure's template has it or not
            complete[which + " (all listed tables, any template)", all(v in ("found", "empty") for v in cov.values())] += 1
    for d in counted:
        which = "final" if "决算" in (d.get("kind") or "") else "budget"
        for key, status in d.get("coverage", {}).items():
            coverage.setdefault(which, {}).setdefault(key, Counter())[status] += 1
    claims = sum(d["claims"] for d in counted)
    checked = sum(d["claims_checked"] for d in counted)
    judged = sum(sum(d["claim_findings"].values()) > 0 for d in counted)
    altered = sum(d["sensitivity"]["altered"] for d in counted)
    detected = sum(d["sensitivity"]["detected"] for d in counted)
    pages_ok = sum(d.get("pages", 0) for d in ok)
    cpu_x = sum(d.get("cpu_extract", 0) for d in docs)
    cpu_f = sum(d.get("cpu_factcheck", 0) for d in ok)
    pages_all = sum(d.get("pages", 0) for d in docs)
    return {
        "documents": len(docs),
        "outcomes": dict(Counter(d.get("outcome") for d in docs)),
        "refused": [{"file": d["file"], "reason": d.get("reason", "")} for d in docs if d.get("outcome") == "refused"],
        "crashed": [{"file": d["file"], "reason": d.get("reason", "")} for d in docs if d.get("outcome") == "crashed"],
        "printed_figures_on_refused_or_crashed": sum(d.get("printed_figures", 0) for d in docs if d.get("outcome") != "ok"),
        "table_pages": sum(d["table_pages"] for d in ok),
        "printed": printed, "found": found, "recall": _ratio(found, printed),
        "extracted": extracted, "precise": precise, "precision": _ratio(precise, extracted),
        "missed_table_pages": sum(len(d["missed_pages"]) for d in ok),
        "documents_by_recall": dict(Counter(
            ("≥ 99%" if r >= 0.99 else "95–99%" if r >= 0.95 else "80–95%" if r >= 0.8 else "< 80%") if r is not None
            else "no table pages" for r in (_ratio(d["found"], d["printed"]) for d in ok))),
        "identity": dict(identity),
        "documents_with_identity_mismatch": [d["file"] for d in counted if d["identity"].get("mismatch")],
        "coverage": {w: {k: dict(v) for k, v in keys.items()} for w, keys in coverage.items()},
        "coverage_complete": {f"{w} {'complete' if c else 'incomplete'}": n for (w, c), n in complete.items()},
        "contents": dict(Counter(d.get("contents", "") for d in ok)),
        "claim_findings": dict(claim_findings),
        "claims": claims, "claims_checked": checked, "claims_checked_share": _ratio(checked, claims),
        "documents_with_claims": judged,
        "unverifiable_by_reason": dict(unverifiable.most_common()),
        "sensitivity": {"altered": altered, "detected": detected, "share": _ratio(detected, altered)},
        "doubtful_tables": sum(len(d.get("doubtful_tables", {})) for d in ok),
        "tables": sum(d.get("tables", 0) for d in ok),
        "extraction_doubt_findings": sum(d.get("extraction_doubt", 0) for d in counted),
        "mismatches": len(unregistered) + len(registered_list), "registered": len(registered_list),
        "unregistered": len(unregistered), "false_alarms": unregistered,
        # precision of the fact-check's mismatches: the share that are registered real errors (each read in its PDF)
        "mismatch_precision": _ratio(len(registered_list), len(registered_list) + len(unregistered)),
        "by_confidence": {c: {"mismatches": sum(f["confidence"] == c for f in registered_list + unregistered),
                              "registered": sum(f["confidence"] == c for f in registered_list)}
                          for c in ("confident", "possible")},
        "speed": {"pages": pages_all, "cpu_extract_s": cpu_x, "cpu_factcheck_s": cpu_f,
                  "extract_pages_per_cpu_s": _ratio(pages_all, cpu_x), "factcheck_pages_per_cpu_s": _ratio(pages_ok, cpu_f),
                  "peak_rss_mib": max((d.get("max_rss_mib", 0) for d in docs), default=0)},
    }


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def doc_line(d: dict) -> str:
    name = d["file"] if len(d["file"]) <= 44 else "…" + d["file"][-43:]
    if d.get("outcome") != "ok":
        return f"{name:<45}{d.get('outcome', '?'):<9}{d.get('pages', 0):>4}  {d.get('reason', '')}"[:200]
    s = d["sensitivity"]
    ident = d["identity"].get("mismatch", 0)
    return (f"{name:<45}{'ok':<9}{d['pages']:>4}{d['table_pages']:>5}{_pct(_ratio(d['found'], d['printed'])):>8}"
            f"{_pct(_ratio(d['precise'], d['extracted'])):>8}{len(d['missed_pages']):>5}{ident:>5}"
            f"{d['claims_checked']:>6}/{d['claims']:<5}{_pct(_ratio(s['detected'], s['altered'])):>8}"
            f"{d.get('unregistered', len(d['mismatches'])):>5}{d['wall']:>7.1f}")


HEADER = (f"{'file':<45}{'outcome':<9}{'pp':>4}{'tabp':>5}{'recall':>8}{'prec':>8}{'miss':>5}{'idX':>5}"
          f"{'checked':>12}{'sens':>8}{'FA':>5}{'wall s':>7}")


def print_totals(s: dict, wall: float, out=sys.stdout) -> None:
    p = lambda *a: print(*a, file=out)  # noqa: E731
    sp = s["speed"]
    p("")
    p(f"documents: {s['documents']}  " + ", ".join(f"{k} {v}" for k, v in sorted(s["outcomes"].items())))
    for d in s["refused"]:
        p(f"  refused  {d['file']}: {d['reason']}")
    for d in s["crashed"]:
        p(f"  CRASHED  {d['file']}: {d['reason']}")
    p(f"figure recall:     {_pct(s['recall'])}  ({s['found']:,} of {s['printed']:,} printed figures on {s['table_pages']:,} table pages)")
    p(f"figure precision:  {_pct(s['precision'])}  ({s['precise']:,} of {s['extracted']:,} extracted non-zero figures)")
    p(f"missed table pages (nothing extracted): {s['missed_table_pages']}")
    p("documents by recall: " + ", ".join(f"{k}: {v}" for k, v in sorted(s["documents_by_recall"].items())))
    if s["printed_figures_on_refused_or_crashed"]:
        p(f"printed figures in refused or crashed files (not in recall): {s['printed_figures_on_refused_or_crashed']:,}")
    p(f"doubtful tables: {s['doubtful_tables']} of {s['tables']}; differences held back as extraction doubt: "
      f"{s['extraction_doubt_findings']}")
    p("identities: " + ", ".join(f"{k} {v}" for k, v in sorted(s["identity"].items()))
      + f"; documents with an identity mismatch: {len(s['documents_with_identity_mismatch'])}")
    p("files: " + ", ".join(f"{k} {v}" for k, v in sorted(s["contents"].items())))
    p("every core table found or declared empty: " + ", ".join(f"{k} {v}" for k, v in sorted(s["coverage_complete"].items())))
    for which, keys in s["coverage"].items():
        p(f"coverage ({which}): " + "  ".join(
            f"{k} {v.get('found', 0)}/{v.get('empty', 0)}/{v.get('missing', 0)}"
            + (f"/{v['not in its contents']}" if v.get("not in its contents") else "") for k, v in keys.items())
          + "   (found/empty/missing[/not in the template its contents page lists])")
    p(f"claims: {s['claims']:,}; findings " + ", ".join(f"{k} {v}" for k, v in sorted(s["claim_findings"].items()))
      + f"; figures checked {_pct(s['claims_checked_share'])}")
    for reason, n in list(s["unverifiable_by_reason"].items())[:12]:
        p(f"  unverifiable {n:>5}  {reason}")
    sens = s["sensitivity"]
    p(f"sensitivity: {_pct(sens['share'])}  ({sens['detected']} of {sens['altered']} altered ok figures now mismatch)")
    p(f"mismatches: {s['mismatches']}  registered real errors {s['registered']}, "
      f"unregistered (false alarms until read) {s['unregistered']}")
    bc = s["by_confidence"]
    p(f"mismatch precision: {_pct(s['mismatch_precision'])} (registered real errors / all mismatches); confident "
      f"{bc['confident']['registered']} of {bc['confident']['mismatches']}, possible {bc['possible']['registered']} of "
      f"{bc['possible']['mismatches']} registered")
    for f in s["false_alarms"]:  # every one: each must be read in its PDF before it is registered
        p(f"  ? {f['file']} p.{f['page']} {f['check']} ({f['confidence'] or 'confident'}): {f['message'][:150]}")
    fx, ff = sp["extract_pages_per_cpu_s"], sp["factcheck_pages_per_cpu_s"]
    p(f"speed: extraction {fx or 0:.1f} pages/CPU-s, fact-check {ff or 0:.1f} pages/CPU-s; "
      f"peak memory {sp['peak_rss_mib']:.0f} MiB per document; wall {wall:.0f} s")


def find_pdfs(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="benchmarks/quality.py", description=__doc__.split("\n\n")[0],
        epilog="The measures and the yardstick are described at the top of this file (python -m pydoc).")
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT / "data" / "raw",
                    help="folder of disclosure PDFs, searched recursively (default: data/raw)")
    ap.add_argument("--json", type=Path, help="write every measurement here")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="documents at a time (default: cores)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per document before it counts as crashed")
    ap.add_argument("--gold", type=Path, default=GOLD,
                    help="folder of <name>.gold.yml key figures read by eye (default: tests/fixtures/gold); "
                         "documents with a gold entry are scored against it")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"{args.corpus}: no such folder", file=sys.stderr)
        return 2
    pdfs = find_pdfs(args.corpus)
    if not pdfs:
        print(f"{args.corpus}: no PDF files found", file=sys.stderr)
        return 2
    known = load_known_errors()
    root = args.corpus if args.corpus.is_dir() else args.corpus.parent
    print(HEADER)
    t0 = time.perf_counter()

    def progress(d: dict) -> None:
        mark_registered(d, known)
        print(doc_line(d), flush=True)

    docs = run_all(pdfs, root.resolve(), max(1, args.jobs), args.timeout, progress=progress)
    summary = summarise(docs, known)
    summary["gold"] = summarise_gold(docs, load_gold(args.gold), args.gold)
    wall = time.perf_counter() - t0
    print_totals(summary, wall)
    print_gold(summary["gold"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"corpus": str(args.corpus), "date": time.strftime("%Y-%m-%d"), "wall_seconds": wall,
                   "yardstick": "see benchmarks/quality.py docstring", "summary": summary, "documents": docs}
        tmp = args.json.with_name(f".{args.json.name}.tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        os.replace(tmp, args.json)
        print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "lib"))
    sys.exit(main())
