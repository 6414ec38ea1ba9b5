"""What a document is: a department's disclosure, which yusuan reads, or a look-alike, refused with what it is.

Public archives hold documents that resemble a department's 部门预算/决算 disclosure — a province's or a city's
budget table book (一般公共预算收支表 …), government debt tables, the budget report to the people's congress,
statistical bulletins, notices — and label some of them as disclosures.  Read as one, a city's budget book
became a 部门预算 with a publisher named after a table heading.  Here each is said for what it is, from what it
prints (its head: cover, contents page or first title; a report's salutation), never from its file name; the
words are data (``vocab/documents.yml``).  Text only, before any table is read: a 180-page table book is
refused in a second.

``refuse(doc)`` raises :class:`InputError` with a one-line reason — "<what it is> (<the title it prints>), not
a department disclosure" — or returns for a document yusuan reads.  ``refusal_status(reason)`` tells, from a
recorded reason alone, whether the file is no disclosure (and what it is) or could not be read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yusuan.base.errors import InputError
from yusuan.base.text import fold
from yusuan.pdf.pdfdoc import Document
from yusuan.vocab import load

NOT_A_DISCLOSURE = "not a department disclosure"
# the refusal of a document that prints neither 预算/决算 nor any word of a disclosure's tables
NO_DISCLOSURE_WORDS = "does not look like a budget disclosure (no 预算/决算 tables or terms found)"
# a text layer of digits and signs only (fonts that map no glyph to a character): nothing says what it is
NO_WORDS = ("its text layer prints only digits and signs, no words (its fonts map no glyph to a character), so "
            "what it is cannot be read; run OCR first, yusuan reads text PDFs only")
HEAD_CHARS = 200      # the head: the first characters of the first page that prints text
OPENING_PAGES = 3     # the opening: the first pages that print text (a report's salutation)
TITLE_CHARS = 60      # a line longer than this is prose, not a title
EVIDENCE_CHARS = 50   # the title quoted in a refusal is cut to this


@dataclass(frozen=True)
class Lookalike:
    """A document that resembles a disclosure: ``key`` (documents.yml), ``what`` it is, ``title``: what it
    prints that says so (folded, as printed otherwise)."""
    key: str
    what: str
    title: str

    def reason(self) -> str:
        """The one-line refusal: "government debt tables (宣城市2024年地方政府债务限额及余额决算情况表), not a
        department disclosure"."""
        return f"{self.what} ({self.title}), {NOT_A_DISCLOSURE}"


@dataclass(frozen=True)
class _Rule:
    key: str
    what: str
    table_book: str
    head: tuple[re.Pattern, ...]
    opening: re.Pattern | None
    with_: re.Pattern | None


@lru_cache(maxsize=1)
def _vocab() -> dict:
    raw = load("documents")
    names = {"levels": raw["levels"], "funds": raw["funds"]}

    def compile_(p: str) -> re.Pattern:
        return re.compile(p.replace("{levels}", names["levels"]).replace("{funds}", names["funds"]))

    rules = tuple(_Rule(r["key"], r["what"], r.get("table_book", r["what"]), tuple(compile_(p) for p in r["head"]),
                        compile_(r["opening"]) if r.get("opening") else None,
                        compile_(r["with"]) if r.get("with") else None)
                  for r in raw["lookalikes"])
    return {"department": compile_(raw["department"]["head"]), "rules": rules,
            "government_table": compile_(raw["government_table"]), "book_titles": int(raw["book_titles"]),
            "disclosure_words": tuple(raw["disclosure_words"]), "table_words": tuple(raw["table_words"]),
            "before_title": re.compile(raw["before_title"])}


def _lines(text: str) -> list[str]:
    """A page's lines folded as titles are (spaces removed; a contents line's dotted leader and page number, a
    subtitle after ——, and lines that are only a page number dropped)."""
    out = []
    for line in (text or "").splitlines():
        t = re.sub(r"\s", "", fold(line))
        t = re.sub(r"[.·…]{3,}\d*$", "", t).split("——")[0]
        if t and not _PAGE_NUMBER.fullmatch(t):
            out.append(t)
    return out


_PAGE_NUMBER = re.compile(r"[-—]?\d{1,3}[-—]?|第\d+页")


def _text_pages(doc: Document, n: int = OPENING_PAGES) -> list[list[str]]:
    """The lines of the first ``n`` pages that print text (at least ten characters), in page order."""
    out = []
    for text in doc.page_texts:
        lines = _lines(text)
        if sum(len(x) for x in lines) >= 10:
            out.append(lines)
            if len(out) == n:
                break
    return out


# a line that reads like a title: what a table, report, bulletin or notice is called
_TITLE_END = re.compile(r"((表|报表|报告|说明|公报|草案|通知|通报|决算|公开|指标)(\([^)]{0,6}\))?|\((草案|书面)\))$")
# numbering before a title: 表1-1, 表一:, 5-1, 一、, 1. and a CELMA page number ("62甘肃省…"), never a year
_NUMBERING = re.compile(r"^(?:表[\d一二三四五六七八九十]+(?:[-—]\d+)*[:、.]?|\d{1,3}(?:[-—]\d{1,3})?[:、.]?(?=(?:19|20)\d\d|[^\d年])|"
                        r"[一二三四五六七八九十]+[、.])+")


def _evidence(unit: str, m: re.Match) -> str:
    """The title quoted: the unit without its numbering and what is printed before a title (documents.yml
    ``before_title``: 目录, a congress's file number, a notice's 文号); a long one from where the match starts."""
    before = _vocab()["before_title"]
    t = unit
    for _ in range(3):
        t = before.sub("", _NUMBERING.sub("", t)) or t
    # a table's last row printed on the title's line ("一般债券146.06 2020-08 2020年地方政府债券使用情况表"):
    # the title from its year on
    row = re.match(r".*\d\.\d+.*?(?=(19|20)\d\d年)", t)
    if row and len(t) - row.end() >= 8:
        t = t[row.end():]
    if len(t) <= EVIDENCE_CHARS:
        return t
    start = max(0, m.start() - (len(unit) - len(t)))
    return t[start:start + EVIDENCE_CHARS] + ("…" if len(t) > start + EVIDENCE_CHARS else "")


def _units(lines: list[str]) -> list[tuple[bool, int, int, str]]:
    """What a title may be printed as on the head page: one line, or two or three wrapped ones joined, as
    (not title-like, first line, lines, text), sorted: units that end like a title first, then in reading
    order, the shorter first."""
    units = []
    for n in (1, 2, 3):
        for i in range(len(lines) - n + 1):
            text = "".join(lines[i:i + n])
            if len(text) <= TITLE_CHARS + 20 * (n - 1):
                units.append((not _TITLE_END.search(text), i, n, text))
    return sorted(units)


def _match(rules, lines: list[str]) -> tuple | None:
    """The first unit (in :func:`_units`' order) some rule's pattern matches, and the first such rule:
    (rule, title).  Lines joined are passed over when one of them is a title the rule matches on its own
    (a table's title printed below its header cells is that line, not the cells before it)."""
    units = _units(lines)

    def whole_title(k: int, rule: _Rule) -> bool:
        # a line that is a whole title on its own: it ends like one, prints its year, matches, and does not
        # continue the line before ("…预算执行情况和" / "2026年…预算（草案）" is one title in two lines)
        x = lines[k]
        return bool(_TITLE_END.search(x) and _YEAR.search(x) and any(p.search(x) for p in rule.head)
                    and not (k > 0 and lines[k - 1].endswith(_CONTINUED)))

    for _, i, n, unit in units:
        for rule in rules:
            m = next((m for p in rule.head if (m := p.search(unit))), None)
            if m is None:
                continue
            if n > 1 and any(whole_title(k, rule) for k in range(i, i + n)):
                continue
            return rule, _evidence(unit, m)
    return None


_YEAR = re.compile(r"(19|20)\d\d年|[一二○〇][一二三四五六七八九○〇]{3}年")
_CONTINUED = ("和", "与", "及", "、", "的")


def government_tables(doc: Document) -> int:
    """How many lines of the document read as the title of a government-level table (documents.yml
    ``government_table``: a fund of a whole region or level, a fund's revenue, an execution statement,
    transfers, debt): a table book prints many, a department's disclosure none."""
    pattern = _vocab()["government_table"]
    seen = set()
    for page in doc.page_texts:
        for line in _lines(page):
            if len(line) <= TITLE_CHARS and re.search(r"表(\([^)]{0,6}\))?$", line) and pattern.search(line):
                seen.add(_NUMBERING.sub("", line))
    return len(seen)


def what_it_is(doc: Document) -> Lookalike | None:
    """The look-alike ``doc`` is, or None for a department's (or unit's) disclosure — or a document none of
    the look-alikes describes (the caller's later checks decide on it).

    Order (documents.yml): a report addressing the people's congress (各位代表) first, whatever its head says;
    then a head that names a department's or unit's disclosure makes it one; then the look-alikes in the file's
    order, each looked for on the head page.  A rule's ``table_book`` wording when the document prints
    ``book_titles`` government-level table titles or more."""
    v = _vocab()
    pages = _text_pages(doc)
    if not pages:
        return None
    head = "".join(pages[0])[:HEAD_CHARS]
    opening = "".join("".join(p) for p in pages[:OPENING_PAGES])
    spoken = [r for r in v["rules"] if r.opening is not None]
    for rule in spoken:  # a report: its salutation, whatever its head says
        if rule.opening.search(opening) and (rule.with_ is None or rule.with_.search(opening)):
            found = _match([rule], pages[0]) or _match([rule], [x for p in pages[:OPENING_PAGES] for x in p])
            return _lookalike(doc, rule, found[1] if found else rule.opening.pattern)
    if v["department"].search(head):
        return None
    found = _match([r for r in v["rules"] if r.opening is None], pages[0])
    return _lookalike(doc, *found) if found else None


def _lookalike(doc: Document, rule: _Rule, title: str) -> Lookalike:
    book = rule.table_book != rule.what and government_tables(doc) >= _vocab()["book_titles"]
    return Lookalike(rule.key, rule.table_book if book else rule.what, title)


def refuse(doc: Document) -> None:
    """Raise :class:`InputError` for a document yusuan does not read as a disclosure: a look-alike (what it is,
    in one line), a text layer without words, or a document that prints neither 预算 nor 决算, or no word of a
    disclosure's tables (收支总表, 财政拨款, 三公 … documents.yml).  Returns for a document to be read."""
    found = what_it_is(doc)
    if found is not None:
        raise InputError(doc.path, found.reason())
    whole = doc.full_text
    if not re.search(r"[\u4e00-\u9fff]", whole) and len(re.findall(r"[A-Za-z]", whole)) < 20:
        raise InputError(doc.path, NO_WORDS)
    v = _vocab()
    if not any(w in whole for w in v["disclosure_words"]) or not any(w in whole for w in v["table_words"]):
        raise InputError(doc.path, NO_DISCLOSURE_WORDS)


# the refusals (here and in yusuan.steps.extract) that say a readable file is no department disclosure
_NOT_A_DISCLOSURE = re.compile(rf"(?:^|, ){re.escape(NOT_A_DISCLOSURE)}$|^{re.escape(NO_DISCLOSURE_WORDS)}$|"
                               r"not a budget disclosure\?$")


def refusal_status(reason: str) -> tuple[str, str]:
    """("not a disclosure", what it is) for a reason given by :func:`refuse` (or extract's "no budget tables
    found") — the file was read and is something else; ("failed", the reason) for any other (unreadable,
    scanned, encrypted, out of time or memory)."""
    reason = reason or ""
    if _NOT_A_DISCLOSURE.search(reason):
        what = reason[: -len(NOT_A_DISCLOSURE) - 2] if reason.endswith(", " + NOT_A_DISCLOSURE) else reason
        return "not a disclosure", what
    return "failed", reason
