"""From page texts to sentences: which pages are narrative (:func:`narrative_pages`; page numbers, contents lines
and table cells are not), paragraphs joined across wrapped lines and page breaks with the page of every character,
figures a text layer spaced apart put back together, sentences and segments split (。；), quotes, headings and the
glossary (名词解释) tracked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yusuan.base.text import clean
from yusuan.check.claims.figures import _CN_NUM, _FULLWIDTH_DIGITS, _MONEY, _NUM_UNIT

_PAGE_NO = re.compile(r"^[\s\-—–－_·•]*(第\s*)?\d{0,4}(\s*页)?[\s\-—–－_·•]*$")
_TOC = re.compile(r"(\.{4,}|…{2,}|·{4,}|-{6,})\s*\d*\s*$")
_ENUM = re.compile(
    rf"^\s*(第[{_CN_NUM}]+部分|[{_CN_NUM}]+\s*[、.．]|[（(]\s*[{_CN_NUM}]+\s*[)）]|[（(]\s*\d+\s*[)）]"
    r"|\d+\s*[、.．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])"
)
_TOP_HEADING = re.compile(rf"^\s*(第[{_CN_NUM}]+部分|[{_CN_NUM}]+\s*、)")
_TABLE_MARKER = re.compile(
    r"^\s*(部门名称|编制部门|编制单位|单位名称|单位\s*[:：]|金额单位|项目名称|科目编码|科目名称|功能分类科目"
    r"|经济分类科目|主管部门|绩效指标|一级指标|预算公开表|部门公开表|表\s*[一二三四五六七八九十\d]+\s*$"
    r"|表\s*[一二三四五六七八九十\d]+\s*[:：]|预算\s*\d+\s*表|预算表\s*\d+|注\s*[:：]\s*本表)"
)
_UNIT_IN_HEADER = re.compile(r"单位\s*[:：]\s*(万元|元|亿元)|[（(](万元|元)[)）]")
_SENT_PUNCT = re.compile(r"[，。；;]")
# a table or chart title printed under the narrative ("…项目支出绩效目标申报表", "三公经费分布图")
_TITLE_LINE = re.compile(r"^[^，,。；;：:、！？!?]{3,60}?(表|分布图|结构图|构成图|情况图|示意图)$")
_TITLE_WORDS = re.compile(r"预算|决算|收支|支出|收入|绩效|目标|明细|统计|申报|汇总|一览|情况|经费|分布|构成|结构")
# an organisation named at the start of a clause ("公共事务服务中心预算编制公务用车2辆")
_UNIT_TYPES = (r"(?:人民政府办公室|办公室|办事处|委员会|服务中心|中心|局|法院|检察院|研究院|医院|学院|学校|街道"
               r"|管理处|管理站|管理所)")
# "…3个项目" immediately followed by another organisation's statement is a sentence boundary
_NEW_STATEMENT = re.compile(r"(?:(?<=\d个项目)|(?<=\d项项目))(?=[\u4e00-\u9fff]{1,20}?" + _UNIT_TYPES
                            + r"(?:重大项目|重点项目|项目|有|共有|分别有|实行|编报))")
# definitions (名词解释): "七、单位资金：是指…", "九、一般公共预算是指…", "（十四）商品和服务支出(…):反映…"
_DEF_HEAD = re.compile(
    r"^(?:[^，,。；;：:]{1,40}?(?:是指|系指|专指|指的是)"
    r"|[^，,。；;：:]{1,40}?[：:]\s*(?:[“\"][^”\"]{1,16}[”\"])?[^，,。；;：:\d]{0,16}?"
    r"(?:是指|系指|专指|指的是|指(?![标导定南令出数挥示]))"
    r"|[^，,。；;：:]{1,40}?[：:]\s*(?:是(?=[^\d])|反映)"
    r"|[^。；;]{1,80}?[，,]\s*(?:是指|系指)"
    r"|(?:是指|系指|专指))")
_GLOSSARY = re.compile(r"(名词解释|名词说明|术语解释|名词注释|名词术语)$")
_ENUM_LEVEL = {"part": 0, "cn、": 1, "(cn)": 2, "n.": 3, "(n)": 4, "circled": 5}


# --------------------------------------------------------------------------- lines & pages

def _width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _bare_numbers(raw: str) -> int:
    """Numbers standing alone as table cells (not followed by a unit or 年/月)."""
    n = 0
    for m in re.finditer(r"(?:(?<=\s)|^)[-−－]?\d[\d,]*(?:\.\d+)?(?=\s|$)", raw):
        after = raw[m.end():].lstrip()
        if not after or after[0].isdigit() or after[0] in "-−－" or (after[0].isascii() and after[0].isalpha()):
            n += 1
    return n


def _classify(pages: list[str]):
    """Yield per page a list of (cleaned_line, raw_line, kind) with kind in prose/table/skip."""
    out = []
    table_mode = False
    running = _running_lines(pages)
    for raw_page in pages:
        rows = []
        for raw in (raw_page or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            raw = _SPACED_FIGURE.sub(_unspace, _fold_figures(raw).rstrip())
            line = clean(raw)
            if not line:
                continue
            if _PAGE_NO.match(line) or _TOC.search(line) or line in running:
                rows.append((line, raw, "skip"))
                continue
            bare = _bare_numbers(raw)
            punct = len(_SENT_PUNCT.findall(line))
            is_heading = bool(_ENUM.match(line)) and bare < 2 and len(line) < 80 and not re.search(r"\d\s*[、.．]\s*\d", line[:4])
            if _TABLE_MARKER.match(line) or (_UNIT_IN_HEADER.search(line) and punct == 0) or bare >= 2 \
                    or (bare >= 1 and re.match(r"^\d{3,7}\s+(?![年月日])", raw.strip())):
                table_mode = True
                rows.append((line, raw, "table"))
                continue
            if table_mode and bare == 0 and re.search(r"\d\s*(万元|元|%)\s*[，,。；;]", line) and punct >= 2:
                table_mode = False  # plainly a narrative sentence
            if table_mode and is_heading and (_TOP_HEADING.match(line) or re.match(rf"^\s*[（(][{_CN_NUM}]+[)）]", line)):
                # a heading ends a table only if it reads like narrative, not like a table row label
                table_mode = False
            if table_mode:
                rows.append((line, raw, "table"))
                continue
            rows.append((line, raw, "prose"))
        out.append(rows)
    return out


# a figure letter-spaced by justification, its decimal point included ("货物类采购预算 3 . 8 3万元"): one figure
_SPACED_FIGURE = re.compile(r"(?<![\d.])\d(?:[ \u3000]?\d)*[ \u3000]\.[ \u3000]?\d(?:[ \u3000]\d)*(?=[ \u3000]*(?:万元|亿元|元|%))")


def _unspace(m) -> str:
    return re.sub(r"[ \u3000]", "", m.group(0))


# a figure grouped by spaces or thin spaces ("1 234.56万元", "12 345万元"): groups of three digits, then a unit
_SPACE_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u2009\u202f\u00a0]\d{3})+(?:\.\d+)?(?=\s*(?:万元|亿元|元|%))")
# what _fold_figures can change: without any of it, a line is returned as it is (most lines)
_FOLDABLE = re.compile(r"[０-９％．，－−]|\d[ \u2009\u202f\u00a0]\d")


@lru_cache(maxsize=1 << 15)
def _fold_figures(raw: str) -> str:
    """Figures as the parser reads them: full-width digits, point, comma, percent and minus made ASCII
    ("９９．７９％" → "99.79%", "１，２３４．５６" → "1,234.56", "－3.5" → "-3.5"), and a figure grouped by
    (thin) spaces joined ("1 234.56万元" → "1234.56万元").  Full-width punctuation between words (，。) stays."""
    if not _FOLDABLE.search(raw):
        return raw
    raw = raw.translate(_FULLWIDTH_DIGITS)
    raw = re.sub(r"(?<=\d)．(?=\d)", ".", raw)
    raw = re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", raw)
    raw = re.sub(r"[－−](?=\d)", "-", raw)
    return _SPACE_GROUPED.sub(lambda m: re.sub(r"[ \u2009\u202f\u00a0]", "", m.group(0)), raw)


def _running_lines(pages: list[str]) -> set[str]:
    """Running headers and footers ("无锡市商务局 2026 年度部门预算公开"): a line without sentence punctuation or
    table markers printed on at least a third of the pages (and 3).  Between two pages they would otherwise be
    read into the sentence that runs across the break ("…支出0 无锡市商务局2026年度部门预算公开 万元")."""
    from collections import Counter

    seen: Counter = Counter()
    for raw_page in pages:
        lines = {clean(_fold_figures(x)) for x in (raw_page or "").replace("\r", "\n").split("\n")}
        seen.update(x for x in lines if x and len(x) <= 60)
    need = max(3, len(pages) / 3)
    return {x for x, n in seen.items() if n >= need and not _SENT_PUNCT.search(x) and not _TABLE_MARKER.match(x)
            and not _UNIT_IN_HEADER.search(x) and not re.search(r"\d+\.\d", x)}


def narrative_pages(pages: list[str]) -> list[int]:
    """0-based indices of pages carrying narrative prose (not tables, TOC or cover)."""
    result = []
    for i, rows in enumerate(_classify(pages)):
        prose = [line for line, _raw, kind in rows if kind == "prose"]
        chars = sum(len(p) for p in prose)
        punct_lines = sum(1 for p in prose if _SENT_PUNCT.search(p))
        if chars >= 80 and punct_lines >= 3:
            result.append(i)
    return result


# --------------------------------------------------------------------------- paragraphs

@dataclass
class _Para:
    text: str
    offsets: list  # (start offset, page number 1-based)
    enum: str      # enumerator style of the first line ("" if none)

    def page_at(self, pos: int) -> int:
        page = self.offsets[0][1]
        for start, p in self.offsets:
            if start <= pos:
                page = p
            else:
                break
        return page


def _enum_style(line: str) -> str:
    m = _ENUM.match(line)
    if not m:
        return ""
    tok = m.group(1)
    if tok.startswith("第"):
        return "part"
    if re.match(rf"[{_CN_NUM}]", tok):
        return "cn、"
    if re.match(rf"[（(]\s*[{_CN_NUM}]", tok):
        return "(cn)"
    if re.match(r"[（(]", tok):
        return "(n)"
    if re.match(r"\d", tok):
        return "n."
    return "circled"


def _carried_words(rows) -> str:
    """The words a page not read as narrative leaves unfinished at its foot, for the sentence the next page goes on
    with (西安市商务局 2022: p.20, a page of charts, ends "…政府性基金拨款收入0万元、事业" and p.21 opens
    "收入726.23万元"): the last prose line's words after its last punctuation, when short and holding no figure;
    "" when that line ends a sentence."""
    prose = [line for line, _raw, kind in rows if kind == "prose"]
    if not prose or re.search(r"[。；;：:!?！？，,、]$", prose[-1]):
        return ""
    tail = re.split(r"[。；;：:!?！？，,、]", prose[-1])[-1]
    return tail if 0 < len(tail) <= 8 and not re.search(r"\d", tail) else ""


def _paragraphs(pages: list[str], keep: set[int]) -> list[_Para]:
    classified = _classify(pages)
    paras: list[_Para] = []
    cur: _Para | None = None
    prev_short = True
    for i, rows in enumerate(classified):
        if i not in keep:
            cur, prev_short = None, True
            continue
        carried = _carried_words(classified[i - 1]) if i and i - 1 not in keep else ""
        prose_w = sorted(_width(line) for line, raw, kind in rows if kind == "prose")
        full = prose_w[int(0.8 * (len(prose_w) - 1))] if prose_w else 0
        if len(prose_w) < 4:
            full = max(full, 60)
        for line, raw, kind in rows:
            if kind == "skip":
                continue
            if kind == "table":
                cur, prev_short = None, True
                continue
            continuation = bool(re.match(r"^([\d.,]+\s*(万|元|亿|%|个|辆)|[万元亿%，,。；;：:、）)”])", line))
            title = not _ENUM.match(line) and bool(_TITLE_LINE.match(line)) and bool(_TITLE_WORDS.search(line))
            starts_new = cur is None or (prev_short and not continuation) or bool(_ENUM.match(line)) or title
            if starts_new:
                cur = _Para(text="", offsets=[], enum=_enum_style(line))
                paras.append(cur)
            cur.offsets.append((len(cur.text), i + 1))
            if carried and not cur.text and not _ENUM.match(line) and not title:
                line = carried + line  # "…、事业" | "收入726.23万元": the words the page before left unfinished
            carried = ""
            cur.text += line
            w = _width(line)
            # a short line ends its paragraph when it ends a sentence or is a title (no punctuation at all)
            prev_short = w < 0.8 * full and (bool(re.search(r"[。；;：:!?！？]$", line))
                                              or not re.search(r"[，,。；;：:、]", _ENUM.sub("", line, count=1)))
            if _ENUM.match(line) and not re.search(r"[，,。；;：:]", line) \
                    and re.search(r"(说明|情况|概况|解释)([（(][^）)]*[）)])?$", line):
                prev_short = True  # a heading line, however long, is a paragraph of its own
            if title:
                prev_short = True  # a table title under the text is not part of the paragraph before or after
    return [p for p in paras if p.text]


# --------------------------------------------------------------------------- sentence parsing

_DELIMS = "，,；;：:、。"
# "收、支预算总计各增加…": 收、支 (income and expenditure) is one subject, not a list
_DELIM_RX = re.compile(r"[，；;：:。]|(?<!收)、(?!支)|,(?!\d{3}(?!\d))")


def _last_delim(text: str, end: int) -> int:
    """Start of the clause that contains position ``end`` (thousands separators are not delimiters)."""
    best = 0
    for m in _DELIM_RX.finditer(text, 0, end):
        best = m.end()
    return best


def _quote(sentence: str, lo: int, hi: int, limit: int = 160) -> str:
    if len(sentence) <= limit:
        return sentence
    start = max(0, _last_delim(sentence, max(lo, 0)) if lo > 0 else 0)
    # extend to the end of the clause holding the number
    nxt = re.compile(r"[，；;]|,(?!\d{3}(?!\d))").search(sentence, hi)
    end = nxt.start() if nxt else len(sentence)
    start = max(start, end - limit)
    return sentence[start:end].strip(" ，,；;")


class _State:
    def __init__(self):
        self.section = ""
        self.scope = None          # dict(subject, value, open, style, nsub)
        self.last_top = None       # (subject, value) of the last top-level amount
        self.para_subject = ""     # last non-generic subject in the paragraph
        self.items = []            # the paragraph's amounts so far (parse: the list a change may follow)
        self.topic = ""
        self.glossary = None       # None, or the level of the 名词解释 heading (-1: not enumerated)
        self.definition = False    # the current paragraph defines a term (名词解释), it states nothing


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    ends = sorted([m.end() for m in re.finditer(r"[。！？!?]", text)] + [m.start() for m in _NEW_STATEMENT.finditer(text)])
    for end in ends:
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _is_definition(text: str) -> bool:
    body = _ENUM.sub("", text, count=1).strip()
    return bool(_DEF_HEAD.match(body))


def _track_glossary(para: _Para, st: _State) -> None:
    """Enter / leave a 名词解释 section and flag definition paragraphs (st.definition)."""
    text = para.text.strip()
    level = _ENUM_LEVEL.get(para.enum, -1)
    tail = re.split(r"[。；;]", text)[-1].strip()
    if _GLOSSARY.search(tail) and len(tail) <= 20:
        st.glossary = _ENUM_LEVEL.get(_enum_style(tail), -1) if _ENUM.match(tail) else -1
        st.definition = False
        return
    if st.glossary is not None:
        if st.glossary >= 0 and 0 <= level <= st.glossary:
            st.glossary = None  # a heading of the glossary's own rank: the next section
        elif st.glossary < 0 and level < 0 and not _is_definition(text):
            st.glossary = None  # an unnumbered glossary ends at the first paragraph that defines nothing
    money = [m for m in _NUM_UNIT.finditer(text) if m.group(3) in _MONEY]
    st.definition = _is_definition(text) or (st.glossary is not None and not money)
