"""Parse the narrative (情况说明) of a budget disclosure into checkable claims.

The narrative states amounts ("一般公共服务支出1,385.37万元"), shares
("占87.01%"), changes ("比上年增加21.73万元，增加1.38%"), counts
("实行绩效目标管理的项目27个"), "no change" statements ("与上年预算数相同") and
lists ("主要包括：邮电费、办公费、…等").  :func:`parse_claims` turns raw page
texts (as pypdfium2 returns them) into :class:`Claim` records; every value is a
:class:`~decimal.Decimal` exactly as printed.

Pipeline:
1. lines of every page are classified (page number / TOC / table / prose); a
   "table mode" that starts at table markers and ends at the next heading keeps
   table cells (including prose-like cells of 绩效目标表) out of the narrative;
2. prose lines are joined into paragraphs (wrapped lines joined with no space,
   across page breaks too), tracking the page of every character;
3. paragraphs are split into sentences (。, and "…3个项目" directly followed by the
   next organisation's statement) and segments (；), and every number followed by a
   unit is classified by the words around it.

A table or chart title printed under the text ("…项目支出绩效目标申报表") is a
paragraph of its own.  Definitions (名词解释: "单位资金：是指…，包括A、B、C") state
nothing about the budget: they yield no list or "same" claims.  A count that names
its items ("人民政府办公室重大项目分别有A、B、C3个项目", "…有1项政府购买服务项目为A")
keeps the organisation in its subject and carries the items; so do counts in a
sentence that goes organisation by organisation ("A无车辆、B预算编制公务用车2辆，实有2辆").

Words such as 预算, 年初预算, 支出决算, 预算数, 预算金额 or 采购金额 before a figure say which figure of an item
is meant, not which item.  The subject is then the item named around them: the item of the clause before
("X年初预算为…，支出决算为…" → X决算; "年初预算为…，支出决算为…" under the heading "1、X（项）。" → X for
both), the heading before a colon ("(一)收入预算:2026年年初预算数…" → 收入预算), the organisation ("深圳市财政局
（本级）预算…"), the things just counted ("…项目4个，涉及预算金额…") or the clauses qualifying the word ("在X中，
由Y中标或成交的，采购金额…").  Where nothing names the item the word is left as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from decimal import Decimal

from .catalogue import class_names
from .numbers import decimals, parse_number
from .text import clean

__all__ = ["Claim", "narrative_pages", "parse_claims", "claims_frame"]


@dataclass(frozen=True)
class Claim:
    page: int
    sentence: str
    subject: str
    kind: str  # amount | share | change_amount | change_percent | count | list | same
    value: Decimal | None
    unit: str
    basis: str = ""
    direction: str = ""
    parent: str = ""
    total: Decimal | None = None
    items: tuple[str, ...] = ()
    year: int | None = None
    section: str = ""
    scope: str = ""  # the classification item a breakdown figure belongs to ("进修及培训（20508）"), see _class_scopes
    fund: str = ""   # the fund the statements before it are about ("政府性基金"), see _fund_context


# --------------------------------------------------------------------------- patterns

_CN_NUM = "一二三四五六七八九十"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")

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

_NUM = r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
_UNITS = r"亿元|万元|元|%|个|辆|台（套）|台\(套\)|台|家|人|名|项"
_NUM_UNIT = re.compile(_NUM + r"\s*(" + _UNITS + r")")
_MONEY = {"亿元", "万元", "元"}

_DIR_WORDS = r"(增加|减少|增长|下降|上升|降低|提高|压减|缩减|增幅|减幅|降幅|增|减)"
_DIR_AT_END = re.compile(_DIR_WORDS + r"\s*(了|为|约)?\s*$")
_DIRECTION = {"增加": "增加", "增长": "增加", "上升": "增加", "提高": "增加", "增幅": "增加", "增": "增加",
              "减少": "减少", "下降": "减少", "降低": "减少", "压减": "减少", "缩减": "减少", "减幅": "减少",
              "降幅": "减少", "减": "减少"}
_SAME = re.compile(
    r"((?:比|较|与|同)[^，,；;。：:]{0,24}?(?:相比)?[，,]?\s*(?:基本)?(?:持平|相同|一致|不变|无变化))"
)
_BASIS_START = re.compile(r"(同比|相比|比|较|与)")
_REASON = re.compile(r"(主要原因|原因是|原因为|主要是|主要由于|由于)")
_INTRO = re.compile(
    r"(其中|主要包括|具体包括|支出包括|收入包括|包括|主要用于以下方面|分别为|收入为|支出为)\s*[:：,，]?"
)
_LIST_INTRO = re.compile(r"(主要包括|具体包括|包括)\s*[:：]?")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?")

_LEAD_NOISE = [
    re.compile(_ENUM.pattern),
    re.compile(r"^(其中|此外|另外|同时|具体如下|主要包括|具体包括|主要用于以下方面|主要用于|支出包括|收入包括|包括|"
               r"收入为|支出为|分别为|分别是|按照支出功能分类|按支出功能分类|按支出用途分类|按照支出经济分类|"
               r"全部为|合计|共计)\s*[:：,，]?"),
    re.compile(r"^(所属各预算单位|各预算单位|所属单位|本部门|本单位|我单位|我局|各单位|部门|本级|下属)(?=.{2,})"),
    re.compile(r"^[\u4e00-\u9fff]{2,24}?(人民政府办公室|办公室|办事处|委员会|局|法院|中心)(?=.{2,})"),
    re.compile(r"^[（(](部门|本级)[)）]"),
    re.compile(r"^.{0,30}?(安排|财政拨款|纳入.{0,12}预算)的(?=.{2,})"),
    re.compile(r"^(实行|涉及|拟安排|安排|编报|设置并编报|共有|实有|计划购置|计划|下设|共计|共|开展了?)(?=.{2,})"),
    re.compile(r"^(年初(?!结转)|度|的|和|及|、)(?=.{2,})"),  # 年初结转和结余 is a row of its own
]
_TRAIL_NOISE = [
    re.compile(r"(为|是|达到|达|约|共计|共有|合计为|总计为|和|及|[:：，,])$"),
    re.compile(r"(?<=(总计|合计|预算|支出|收入))各$"),  # "收、支预算总计各增加" — each of the two
    re.compile(r"(?<=(费|用|金))(预算支出|支出预算|预算数|预算)$"),
    re.compile(r"科目$"),
]
_GENERIC = re.compile(r"^((年初|当年|年)?(预算|预算数|预算安排|预算执行数|执行数|安排|"
                      r"决算数|决算|数|金额)?|本年数|上年数)$")
# a word that says which figure of an item is meant (budget, final accounts, amount, funds), not which item:
# "年初预算", "支出决算", "决算数", "预算金额", "采购金额", "预算资金"; bare 收入/支出 (the totals) are not
_ASPECT = re.compile(r"(?:年初|当年|本年|全年|年)?(?:支出|收入|采购)?(?:预算|决算|执行)?(?:数|金额|资金|安排|执行数)?")
_ASPECT_CORE = re.compile(r"预算|决算|执行|数|金额|资金|安排")
# an item named together with its aspect: "一般公共预算财政拨款支出年初预算" = item + "年初预算"
_ITEM_ASPECT = re.compile(r"^(?P<item>.{2,}?)(?P<aspect>(?:年初|当年|本年|全年)?(?:预算|决算)(?:数|执行数)?)$")
_VERBISH_END = re.compile(r"(有|开展了?|编报|涉及|下属|下设|包括|计|安排|购置|设置|分别有)$")

# a table or chart title printed under the narrative ("…项目支出绩效目标申报表", "三公经费分布图")
_TITLE_LINE = re.compile(r"^[^，,。；;：:、！？!?]{3,60}?(表|分布图|结构图|构成图|情况图|示意图)$")
_TITLE_WORDS = re.compile(r"预算|决算|收支|支出|收入|绩效|目标|明细|统计|申报|汇总|一览|情况|经费|分布|构成|结构")

# an organisation named at the start of a clause ("公共事务服务中心预算编制公务用车2辆")
_UNIT_TYPES = (r"(?:人民政府办公室|办公室|办事处|委员会|服务中心|中心|局|法院|检察院|研究院|医院|学院|学校|街道"
               r"|管理处|管理站|管理所)")
_OWNER = re.compile(r"^(?P<owner>(?!本|我|各|所属|下属|全|为|是|分别|包括|其中|和|及|与|由|在|对|向|从|将|按|根据|经|截至|含)"
                    r"(?:(?![的和及与为是])[\u4e00-\u9fff]){1,16}?" + _UNIT_TYPES
                    + r"(?:[（(](?:本级|本部|机关)[)）])?)")
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


def _paragraphs(pages: list[str], keep: set[int]) -> list[_Para]:
    classified = _classify(pages)
    paras: list[_Para] = []
    cur: _Para | None = None
    prev_short = True
    for i, rows in enumerate(classified):
        if i not in keep:
            cur, prev_short = None, True
            continue
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


# --------------------------------------------------------------------------- subjects

def _normalize_subject(s: str) -> str:
    s = s.strip(" ，,、；;：:。").rstrip("-")
    for _ in range(6):
        before = s
        coded = re.match(r"^([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])?\s*(?=\d{3,7}\s*[-－—])", s)
        if coded:
            s = s[coded.end():]  # "（二）2080501-行政单位离退休": the enumerator goes, the coded name stays whole
        for rx in ([] if coded else _LEAD_NOISE):
            # "2120899-其他国有土地使用权出让收入安排的支出": a coded name is whole
            s = rx.sub("", s, count=1).strip(" ，,、；;：:")
        for rx in _TRAIL_NOISE:
            s = rx.sub("", s).strip(" ，,、；;：:")
        s = re.sub(r"^[（(][^）)]{0,12}[)）]$", "", s)
        if s == before:
            break
    if s.startswith("“") and s.endswith("”") and s.count("“") == 1:
        s = s[1:-1]
    return s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def _is_generic(s: str) -> bool:
    return bool(_GENERIC.match(s))


def _is_aspect(s: str) -> bool:
    """The subject only says which figure is meant (预算, 年初预算, 支出决算, 预算金额…), not of what."""
    return bool(s) and bool(_ASPECT.fullmatch(s)) and bool(_ASPECT_CORE.search(s))


def _aspect_words(clause: str) -> str:
    """The aspect words of a clause as printed, without enumerator, year, connective or verb:
    "年初预算为" → "年初预算", "，支出决算为" → "支出决算"."""
    t = _strip_lead(clause)
    t = re.sub(r"^(?:涉及|其中|合计|共计)[:：]?", "", t)
    return re.sub(r"(为|是|达到|达|约|共计|合计为|总计为)$", "", t.strip(" ，,、；;：:")).strip()


def _with_item(item: str, aspect: str) -> str:
    """The elided item put back before an aspect: ("一般公共预算财政拨款支出", "支出决算") →
    "一般公共预算财政拨款支出决算" (the item's last word is not repeated)."""
    for k in range(min(len(item), len(aspect)), 0, -1):
        if item.endswith(aspect[:k]):
            return item + aspect[k:]
    return item + aspect


def _elided_item(aspect: str, prev: dict | None) -> str:
    """The subject of an aspect-only clause that continues the item of the clause before, in the same
    sentence: "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元" — the second figure
    is the same item's 决算 ("一般公共预算财政拨款支出决算").  "" when the clause before names no item with
    an aspect, or names the other side (收入 / 支出) than this clause."""
    if prev is None:
        return ""
    m = _ITEM_ASPECT.match(prev["subject"])
    if not m or _is_aspect(m.group("item")) or re.fullmatch(r"(部门|本年|当年)?(收入|支出|收支)", m.group("item")):
        return ""
    item = m.group("item")
    side = re.match(r"(?:年初|当年|本年|全年)?(支出|收入)", aspect)
    if side and not item.endswith(side.group(1)):
        return ""  # "收入预算…，支出预算…": another total, not the same item
    return _with_item(item, aspect)


def _resumed_item(aspect: str, prev: dict | None) -> str:
    """The item of an aspect-only clause that goes on with the figure just stated in the sentence.

    "年初预算为1,560.05万元，支出决算为1,511.89万元" under the heading of an item: both figures are the
    heading's item, as the first already is.  "一般公共预算财政拨款支出年初预算为2,993.92万元，支出决算为
    2,940.05万元": the item named with the first aspect, with this clause's aspect ("…支出决算")."""
    if prev is None or prev["unit"] not in _MONEY:
        return ""
    side = re.match(r"(?:年初|当年|本年|全年)?(支出|收入)", aspect)
    if _is_aspect(prev["subject"]) or _is_generic(prev["subject"]):
        return ""
    if prev.get("elided"):
        # the figure before was an aspect of the paragraph's item too ("年初预算为…")
        prev_side = re.match(r"(?:年初|当年|本年|全年)?(支出|收入)", prev.get("aspect", ""))
        other = {"支出": "收入", "收入": "支出"}[side.group(1)] if side else ""
        if side and ((prev_side and side.group(1) != prev_side.group(1))
                     or (other in prev["subject"] and side.group(1) not in prev["subject"])):
            return ""  # "…收入预算…，支出预算…": the other side, not the same item
        return prev["subject"]
    return _elided_item(aspect, prev)


def _involved_item(sent: str, clause_start: int, aspect: str, sent_amounts: list[dict]) -> str:
    """The money a clause "涉及…" (involving …) states belongs to what the clause before is about:
    "编报绩效目标的项目4个，涉及预算金额598.42万元" (the projects just counted), "所有项目支出预算纳入部门预算绩效
    管理，涉及预算资金26,361.57万元" (the project expenditure placed under performance management)."""
    if clause_start == 0:
        return ""
    counted = re.search(r"项目\s*\d+\s*[个项]\s*[，,]?\s*$", sent[:clause_start])
    if not re.match(r"\s*(共|总共|合计)?涉及", sent[clause_start:]) and not (
            counted and re.fullmatch(r"(预算)?(资金|金额)", aspect)):
        return ""  # "…项目6个，预算资金781.5万元": the money of the projects just counted, as with 涉及
    aspect = re.sub(r"^(共|总共|合计)?涉及", "", aspect)
    prev_start = _last_delim(sent, clause_start - 1)
    prev_clause = sent[prev_start:clause_start - 1]
    if sent_amounts and sent_amounts[-1]["end"] > prev_start:
        item = sent_amounts[-1]["subject"]
    else:
        vm = re.match(r"^(?P<np>.+?)(?:均|全部|都)?(?:纳入|实行|实施|开展|编报|设置)", prev_clause)
        if not vm or _NUM_UNIT.search(vm.group("np")):
            return ""
        item, _year, generic = _subject_and_year(vm.group("np"))
        item = re.sub(r"^(所有|全部|各项|各)", "", item)
        if generic or re.search(r"\d", item):
            return ""
    if not item or _is_aspect(item) or _is_generic(item):
        return ""
    return item if item.endswith(aspect) else _with_item(item, aspect)


def _owned_aspect(phrase: str) -> str:
    """An organisation's total: "深圳市财政局（本级）预算" and "上海市普陀区财政局部门决算" name the whole budget
    (final accounts) of the unit — the organisation is the subject, not noise to strip."""
    t = _strip_lead(phrase)
    om = _OWNER.match(t)
    if not om:
        return ""
    owner = om.group("owner")
    rest = t[om.end():]
    while rest.startswith(owner):  # the heading "一、深圳市财政局（本级）" run into its first sentence
        rest = rest[len(owner):]
    rest = re.sub(r"(为|是|达到|达|约|共计|合计为|总计为)$", "", rest.strip(" ，,、；;：:"))
    bare = re.sub(r"^(部门|单位|本级)", "", rest)
    if not _is_aspect(bare) or re.match(r"(支出|收入|采购)", bare):
        return ""
    return owner + rest


def _qualified_aspect(sent: str, seg_start: int, clause_start: int, aspect: str) -> str:
    """An aspect word qualified by the figure-less clauses before it in its segment:
    "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元" →
    "面向中小企业预留的政府采购项目中由中小企业供应商中标或成交的采购金额".  Only locative "在…中" and
    relative "…的" clauses qualify a noun; "" otherwise."""
    quals = []
    end = clause_start - 1
    while end > seg_start:
        start = max(_last_delim(sent, end), seg_start)
        part = sent[start:end].strip(" ，,")
        if not part or re.search(r"\d", part):
            break
        loc = re.fullmatch(r"在(.{2,40}?(?:中|内|里))", part)
        if loc:
            quals.insert(0, loc.group(1))
        elif part.endswith("的") and len(part) <= 40:
            quals.insert(0, part)
        else:
            break
        end = start - 1
    return "".join(quals) + aspect if quals else ""


def _subject_and_year(phrase: str) -> tuple[str, int | None, bool]:
    """Subject noun phrase and year from the words right before a number; bool = subject is generic."""
    phrase = phrase.strip()
    years = list(_YEAR.finditer(phrase))
    year = None
    if years:
        y = years[-1]
        year = int(y.group(1))
        left = _normalize_subject(phrase[: y.start()])
        right = _normalize_subject(phrase[y.end():])
        # "2014—2017 年" style ranges: drop the left-over "2014—"
        left = re.sub(r"\d{4}\s*[—\-–至]\s*$", "", left).strip()
        raw_left = _strip_lead(phrase[: y.start()]).strip(" ，,、；;：:")
        if right and left.endswith("的") and not _is_generic(right) and not re.search(r"\d", raw_left) \
                and len(raw_left) <= 20:
            return raw_left + right, year, False  # "编报绩效目标的2024年度项目": the 的-clause qualifies the noun
        if right and not _is_generic(right):
            return right, year, False
        if left and not _is_generic(left):
            return left, year, False
        return right, year, True
    subj = _normalize_subject(phrase)
    return subj, year, _is_generic(subj)


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


def _parse_para(para: _Para, st: _State, out: list[Claim]) -> None:
    text = para.text
    _track_glossary(para, st)
    has_numbers = bool(_NUM_UNIT.search(text))
    # section headings / pure headings
    if _TOP_HEADING.match(text) and not has_numbers and len(text) < 60:
        st.section = re.split(r"[。；;]", text)[0][:40]
        st.scope = None
        st.last_top = None
        return
    if _TOP_HEADING.match(text):
        head = re.split(r"[，,。；;：:]", text)[0]
        if len(head) <= 40:
            st.section = head
        st.scope = None
        st.last_top = None
    if not has_numbers and not _LIST_INTRO.search(text) and len(text) < 50 and "。" not in text:
        # a sub-heading such as "（一）一般公共预算当年拨款规模变化情况"
        if not (st.scope and st.scope.get("open") and text.rstrip().endswith(("：", ":"))):
            st.scope = None
        return
    # close an open "其中：" scope at a same-style enumerated paragraph or a new year-led statement
    if st.scope and st.scope.get("open"):
        if (para.enum and para.enum == st.scope.get("style")) or re.match(r"^\s*(19|20)\d{2}\s*年", text):
            st.scope = None
    st.para_subject = ""
    st.topic = ""
    first = re.split(r"[。；;]", text, maxsplit=1)[0]
    bare = _ENUM.sub("", first, count=1)
    if para.enum and not _NUM_UNIT.search(first) and "。" in text[: len(first) + 1] \
            and (len(first) <= 30 or (len(first) <= 60 and not re.search(r"[，,：:、]", bare))):
        # "1.因公出国（境）费用。2026年预算数…"; a long one is a heading only without a clause in it
        # ("2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：…")
        st.topic = _normalize_subject(first)
    elif para.enum:
        # "(一)收入预算:2026年年初预算数174,900.64万元" — the heading before the colon names the paragraph's item
        hm = re.match(r"^([^，,。；;：:]{1,40}?)[：:]", text)
        if hm and not re.search(r"\d", _ENUM.sub("", hm.group(1), count=1)) and _NUM_UNIT.search(text, hm.end()) \
                and not st.definition:
            head = _normalize_subject(hm.group(1))
            if head and not _is_generic(head) and not re.fullmatch(r"其中|包括|主要包括|具体包括|分别为", head):
                st.topic = head

    for s0, s1 in _split_sentences(text):
        _parse_sentence(text, s0, s1, para, st, out)
        if st.scope and not st.scope.get("open"):
            st.scope = None


def _parse_sentence(text: str, s0: int, s1: int, para: _Para, st: _State, out: list[Claim]) -> None:
    sent = text[s0:s1]
    matches = list(_NUM_UNIT.finditer(sent))
    reason = _REASON.search(sent)

    # segments split on ；
    seg_bounds = [0] + [m.end() for m in re.finditer(r"[；;]", sent)] + [len(sent) + 1]

    def seg_of(pos):
        for a, b in zip(seg_bounds, seg_bounds[1:]):
            if a <= pos < b:
                return a, min(b, len(sent))
        return 0, len(sent)

    # introducers ("其中：", "主要包括", ...) → parent scope
    intros = []
    for im in _INTRO.finditer(sent):
        rest = sent[im.end():]
        nxt = _NUM_UNIT.search(rest)
        first_item = re.split(r"[、，；;。]|,(?!\d{3}(?!\d))", rest, maxsplit=1)[0]
        if im.group(1) in ("主要包括", "具体包括", "包括") and (not nxt or not _NUM_UNIT.search(first_item)):
            continue
        intros.append(im)

    claims_here: list[dict] = []
    seg_last: dict[tuple, dict] = {}
    last_change = None
    prev_end = 0
    intro_idx = 0
    sent_amounts: list[dict] = []

    def current_subject(pos):
        seg = seg_of(pos)
        c = seg_last.get(seg)
        if c is None and sent_amounts:
            c = sent_amounts[-1]
        return c

    for m in matches:
        # open scopes for introducers that come before this number
        while intro_idx < len(intros) and intros[intro_idx].start() < m.start():
            im = intros[intro_idx]
            intro_idx += 1
            before = [c for c in sent_amounts if c["end"] <= im.start() and seg_of(c["end"]) == seg_of(im.start())]
            if before:
                par = before[-1]
                st.scope = {"subject": par["subject"], "value": par["value"], "open": False, "unit": par["unit"],
                            "seg": seg_of(im.start()),
                            "style": para.enum, "nsub": 0}
            elif st.last_top and not (st.scope and st.scope.get("open")):
                st.scope = {"subject": st.last_top[0], "value": st.last_top[1], "open": False, "unit": "万元",
                            "seg": seg_of(im.start()),
                            "style": para.enum, "nsub": 0}
            elif st.scope:
                st.scope["nsub"] = 0
        num_s = m.group(1) + (m.group(2) or "")
        unit = m.group(3)
        if unit in ("台(套)",):
            unit = "台（套）"
        value = parse_number(num_s)
        start = m.start()  # where the figure begins, its sign included: the words before it end here
        if value is not None and m.start() > 0 and sent[m.start() - 1] == "-" \
                and (m.start() < 2 or not (sent[m.start() - 2].isdigit() or sent[m.start() - 2].isascii() and sent[m.start() - 2].isalpha())):
            value = -value  # "结转-1,234.56万元", "比上年增长-3.5%" (not the range "2024-2026")
            start -= 1
        if value is None:
            continue
        pre_start = max(_last_delim(sent, start), prev_end)
        pre = sent[pre_start:start]
        clause_start = _last_delim(sent, start)
        clause_before = sent[clause_start:start]
        after = sent[m.end():m.end() + 8]
        old_prev_end, prev_end = prev_end, m.end()
        if re.search(r"[≤≥<>＜＞]\s*$", sent[max(0, start - 2):start]) or \
                re.match(r"\s*(（含）以上|\(含\)以上|以上|以下|及以上|（含）|左右)", after):
            prev_end = old_prev_end  # a threshold ("单价100万元以上设备") belongs to the next subject
            continue
        if reason and reason.start() < m.start() and seg_of(reason.start()) == seg_of(m.start()):
            continue
        seg = seg_of(m.start())
        quote = _quote(sent.strip(), m.start() - 30, m.end())
        page = para.page_at(s0 + m.start())
        base = dict(page=page, sentence=quote, section=st.section)

        dir_m = _DIR_AT_END.search(pre)
        share_m = re.search(r"占(比)?", clause_before)
        if unit == "%" and share_m:
            basis_txt = clause_before[share_m.end():]
            basis_txt = re.sub(r"(的|比重为|比重|比例为|比例|为)\s*$", "", basis_txt).strip()
            basis_txt = _normalize_subject(basis_txt) if basis_txt else ""
            own = _normalize_subject(clause_before[: share_m.start()])
            cur = current_subject(m.start())
            subject = own if own and not _is_generic(own) else (cur["subject"] if cur else st.para_subject)
            total = None
            if not basis_txt and st.scope:
                basis_txt = st.scope["subject"]
                total = st.scope["value"]
            elif st.scope and basis_txt and basis_txt == st.scope["subject"]:
                total = st.scope["value"]
            claim = dict(base, subject=subject, kind="share", value=value, unit="%", basis=basis_txt,
                         parent=(st.scope["subject"] if st.scope and st.scope["subject"] != subject else ""),
                         total=total)
            out.append(Claim(**claim))
            continue

        if dir_m:
            direction = _DIRECTION[dir_m.group(1)]
            kind = "change_percent" if unit == "%" else "change_amount"
            dir_pos = (pre_start - clause_start) + dir_m.start()
            bm = next((b for b in _BASIS_START.finditer(clause_before) if b.start() < dir_pos), None)
            basis = ""
            if bm is not None:
                basis = _NUM_UNIT.sub("", clause_before[bm.start():dir_pos]).strip(" ，,")
                own_subject = clause_before[: bm.start()]
            else:
                own_subject = pre[: dir_m.start()]
                seg_text = sent[seg[0]:start]
                bm2 = list(re.finditer(r"(与|比|较)[^，,；;。]{0,20}?相比", seg_text))
                if bm2:
                    basis = bm2[-1].group(0)
                elif last_change is not None and last_change["seg"] == seg:
                    basis = last_change["basis"]
            if _NUM_UNIT.search(own_subject):
                own_subject = ""  # "…经费预算3.77万元比2022年…": the subject is the amount just stated
            own_subject = _normalize_subject(own_subject)
            subject = ""
            attributed_parent = False
            last_amt_end = sent_amounts[-1]["end"] if sent_amounts else -1
            if own_subject and not _is_generic(own_subject) and not re.search(r"[增减]", own_subject):
                subject = own_subject
            elif last_change is not None and last_change["seg"] == seg and last_change["end"] > last_amt_end:
                subject = last_change["subject"]
                attributed_parent = last_change.get("to_parent", False)
            else:
                cur = current_subject(m.start())
                if cur is not None and st.scope and cur.get("parent") == st.scope["subject"] and st.scope["nsub"] >= 2 \
                        and clause_start >= cur["end"] and not st.scope.get("open") \
                        and st.scope.get("seg") == seg:
                    subject = st.scope["subject"]
                    attributed_parent = True
                elif cur is not None:
                    subject = cur["subject"]
                else:
                    subject = st.para_subject or st.topic or _coded_name(sent[:m.start()])
            parent = st.scope["subject"] if st.scope and not attributed_parent and st.scope["subject"] != subject else ""
            claim = dict(base, subject=subject, kind=kind, value=value, unit=unit, basis=basis,
                         direction=direction, parent=parent)
            out.append(Claim(**claim))
            last_change = dict(subject=subject, basis=basis, seg=seg, end=m.end(), to_parent=attributed_parent)
            if attributed_parent and st.scope and not st.scope.get("open"):
                st.scope = None
            continue

        if unit == "%":
            continue  # a bare percentage that is neither a share nor a change

        # amount or count
        kind = "amount" if unit in _MONEY else "count"
        basis = ""
        bm = None
        for bm_ in re.finditer(r"(比|较)", clause_before):
            bm = bm_
        if bm is not None and _DIR_AT_END.search(sent[m.end():m.end() + 6].rstrip("，,")) is None \
                and re.match(r"\s*" + _DIR_WORDS, sent[m.end():]):
            # "比2025年年初预算数30385.62万元增加…": the amount of the basis
            basis_phrase = clause_before[bm.end():]
            _s, year, _g = _subject_and_year(basis_phrase)
            basis = _normalize_subject(re.sub(r"^.*?(?=(19|20)\d{2})", "", basis_phrase)) or basis_phrase
            own = _normalize_subject(clause_before[: bm.start()])
            cur = current_subject(m.start())
            subject = own if own and not _is_generic(own) else (cur["subject"] if cur else st.para_subject)
            out.append(Claim(**dict(base, subject=subject, kind="amount", value=value, unit=unit,
                                    basis=basis, year=year)))
            continue

        subject, year, generic = _subject_and_year(pre)
        items: tuple[str, ...] = ()
        owner = noun = ""
        listed = _listed_count(sent, m, value) if kind == "count" else None
        if listed is not None:
            # "人民政府办公室重大项目分别有A、B、C3个项目" / "…有1项政府购买服务项目为A"
            subject, items, owner = listed
            generic = False
        elif kind == "count":
            nm = re.match(r"([\u4e00-\u9fff]{1,12}?)(?=[，,；;。、和及与（(]|$)", sent[m.end():])
            if nm and not re.match(r"(其中|比|较|与|分别|主要|共|合计)", nm.group(1)):
                subject = _normalize_subject(nm.group(1))
                generic = False
            om = _OWNER.match(_strip_lead(pre))
            prev = next((r for r in reversed(sent_amounts) if r["unit"] == unit and r.get("noun")), None)
            if om and len(_sentence_owners(sent)) >= 2:
                # a sentence that goes unit by unit: the unit is part of the subject
                owner = om.group("owner")
                if not subject.startswith(owner):
                    # "实有" and "预算编制" tell two counts of the same thing apart: keep them
                    lead = re.match(r"(预算编制|编制|核定|实有|现有|在用)", _strip_lead(pre)[om.end():])
                    if lead and not subject.startswith(lead.group(1)):
                        subject = lead.group(1) + subject
                    subject = owner + subject
            elif prev is not None and _QUALIFIER.fullmatch(subject):
                # "预算编制公务用车2辆，实有2辆": the same kind of thing, another qualifier
                owner = prev.get("owner", "")
                subject = owner + subject + prev["noun"]
            rest = subject[len(owner):] if owner and subject.startswith(owner) else subject
            noun = _QUALIFIER_LEAD.sub("", rest) or rest
        aspect = ""
        if kind == "amount" and _is_aspect(subject):
            # the words before the figure say which figure (年初预算, 支出决算, 预算金额…), not of what: the item
            # is the one the sentence goes on about, the organisation named with it, or the clauses qualifying it
            aspect = _aspect_words(pre) or subject
            named = _resumed_item(aspect, sent_amounts[-1] if sent_amounts else None) \
                or _owned_aspect(pre) \
                or _involved_item(sent, clause_start, aspect, sent_amounts) \
                or _qualified_aspect(sent, seg[0], clause_start, aspect)
            if named:
                subject, generic = named, False
        if generic or not subject:
            fallback = st.topic or st.para_subject
            if not fallback and sent_amounts:
                fallback = sent_amounts[-1]["subject"]
            if fallback:
                subject = fallback
        parent = ""
        if st.scope and st.scope["subject"] != subject and (kind == "amount") == (st.scope.get("unit") in _MONEY):
            parent = st.scope["subject"]
            st.scope["nsub"] += 1
        claim = dict(base, subject=subject, kind=kind, value=value, unit=unit, parent=parent, year=year, items=items)
        out.append(Claim(**claim))
        rec = dict(subject=subject, value=value, end=m.end(), parent=parent, unit=unit, owner=owner, noun=noun,
                   aspect=aspect, elided=bool(aspect) and generic)
        seg_last[seg] = rec
        sent_amounts.append(rec)
        if subject and not generic:
            st.para_subject = subject
        if not parent and unit in _MONEY:
            st.last_top = (subject, value)
        if re.match(r"\s*[:：]", sent[m.end():]) and _NUM_UNIT.search(sent, m.end()):
            # "政府采购预算总额6,546.82万元:政府采购货物预算…" — a colon introduces the parts
            st.scope = {"subject": subject, "value": value, "open": False, "unit": unit, "seg": seg, "nsub": 0,
                        "style": para.enum}

    # remaining introducers after the last number: "…718.87万元，其中：" (open-ended)
    for im in intros[intro_idx:]:
        tail = sent[im.end():].strip(" 。：:，,")
        if tail:
            continue
        before = [c for c in sent_amounts if c["end"] <= im.start()]
        if before:
            st.scope = {"subject": before[-1]["subject"], "value": before[-1]["value"], "open": True,
                        "unit": before[-1]["unit"],
                        "style": para.enum, "nsub": 0}
        elif st.last_top:
            st.scope = {"subject": st.last_top[0], "value": st.last_top[1], "open": True, "unit": "万元",
                        "style": para.enum, "nsub": 0}

    if st.definition:
        return  # "X：是指…，包括A、B、C" defines a term; it lists nothing about this budget
    _parse_same(sent, s0, para, st, out, sent_amounts, seg_of, seg_last)
    _parse_lists(sent, s0, para, st, out, sent_amounts)


_QUALIFIER = re.compile(r"实有|现有|共有|实际|实际有|在用|在编|编制|核定|预算编制|编制数|实有数")
_QUALIFIER_LEAD = re.compile(r"^(预算编制|编制|核定|实有|现有|共有|在用|实际)")
_STRONG_LIST_VERB = r"(?:分别有|分别为|分别是|具体包括|主要包括|包括|包含)"
_ITEMS_BEFORE = re.compile(r"^(?P<head>[^、：:]*?)(?P<verb>" + _STRONG_LIST_VERB + r"|有)[:：]?(?P<items>[^：:]+?)"
                           r"(?:等|共计|合计|共|计)?$")
_COUNT_NOUN = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:项目|单位|机构|科室|处室)")
_HAS_BEFORE = re.compile(r"^(?P<head>[^、：:]*?)(?:共有|设有|拥有|有)$")
_ITEMS_AFTER = re.compile(r"^(?P<noun>[\u4e00-\u9fff]{1,16}?)(?:分别为|分别是|为|是)[:：]?(?P<items>[^，,；;。！？!?]+)")
_CLAUSE_END = re.compile(r"[，,；;。！？!?]")


def _strip_lead(text: str) -> str:
    """A clause without its enumerator, year or connective, for matching the organisation it starts with."""
    t = _ENUM.sub("", text.strip(), count=1)
    t = re.sub(r"^(其中|另外|此外|同时)[:：,，]?", "", t)
    return re.sub(r"^(19|20)\d{2}\s*年(度)?", "", t).strip()


def _sentence_owners(sent: str) -> set[str]:
    """The organisations that start the clauses of a sentence ("A无车辆、B无车辆、C…2辆")."""
    out = set()
    for part in re.split(r"[、，,；;：:]", sent):
        part = _strip_lead(part)
        om = _OWNER.match(part)
        rest = part[om.end():] if om else ""
        if om and len(rest) >= 2 and not re.match(r"[和及与或、]", rest):  # a statement, not a name in a list
            out.add(re.sub(r"[（(](本级|本部|机关)[)）]$", "", om.group("owner")))
    return out


def _split_items(body: str) -> tuple[str, ...] | None:
    items = tuple(x.strip(" ，,") for x in body.split("、") if x.strip(" ，,"))
    if not items or any(len(x) > 30 or _NUM_UNIT.search(x) or re.search(r"[，,：:]", x)
                        or len(re.findall(r"[（(]", x)) != len(re.findall(r"[）)]", x)) for x in items):
        return None  # not a list of names (a 、 inside brackets, a figure, a clause)
    return items


def _owned_subject(head: str, noun: str) -> tuple[str, str]:
    """(subject, organisation) for a head such as "人民政府办公室重大项目" — the organisation is kept."""
    h = _strip_lead(head)
    om = _OWNER.match(h)
    owner = om.group("owner") if om else ""
    rest = h[om.end():] if om else h
    rest = _normalize_subject(rest) if rest else ""
    if noun and not rest.endswith(noun):
        rest += noun
    return owner + rest, owner


def _listed_count(sent: str, m, value) -> tuple[str, tuple[str, ...], str] | None:
    """(subject, items, organisation) of a count that names its items.

    "人民政府办公室重大项目分别有A、B、C3个项目" (the items, then their number) and
    "人民政府办公室有1项政府购买服务项目为A" (the number, then the items), within one clause.
    """
    start = max((x.end() for x in _CLAUSE_END.finditer(sent, 0, m.start())), default=0)
    before = sent[start:m.start()].strip()
    after = sent[m.end():]
    a = _ITEMS_BEFORE.match(before)
    if a and (a.group("verb") != "有" or _OWNER.fullmatch(_strip_lead(a.group("head")))
              or a.group("head").endswith(("项目", "单位"))):
        items = _split_items(a.group("items"))
        if items and len(items) < value and re.search(r"等\s*$", before):
            items = None  # "A、B…等14个部门": 等 says the list names only some of them
        if items and len(items) >= 2:
            nm = _COUNT_NOUN.match(after)
            subject, owner = _owned_subject(a.group("head"), nm.group(0) if nm else "")
            if subject:
                return subject, items, owner
    b = _HAS_BEFORE.match(before)
    lm = _ITEMS_AFTER.match(after)
    if b and lm:
        items = _split_items(lm.group("items"))
        if items and (len(items) >= 2 or value == 1):
            subject, owner = _owned_subject(b.group("head"), lm.group("noun"))
            if subject:
                return subject, items, owner
    return None


def _coded_name(text: str) -> str:
    """The last budget subject named by code in a text ("…科目为2014099其他信访事务支出")."""
    found = re.findall(r"(?<![\d.,])(?:\d{3}|\d{5}|\d{7})(?![\d.,])\s*([\u4e00-\u9fff（）()]{2,30}?)(?=[，,；;。]|$)", text)
    return _normalize_subject(found[-1]) if found else ""


def _plain_subject(text: str) -> str:
    """A clause as a subject, without enumerator, 本部门 or year."""
    t = _strip_lead(text)
    t = re.sub(r"^(本部门|本单位|我单位|部门|单位)", "", t)
    t = re.sub(r"^(19|20)\d{2}\s*年(度)?", "", t)
    t = t.strip(" ，,、；;：:。")
    return "" if re.search(r"\d", t) or len(t) < 2 else t


def _parse_same(sent, s0, para, st, out, sent_amounts, seg_of, seg_last):
    reason = _REASON.search(sent)
    for sm in _SAME.finditer(sent):
        if reason and reason.start() < sm.start():
            continue
        phrase = sm.group(1)
        if "基本" in phrase and re.search(_DIR_WORDS + r"\s*\d", sent[: sm.start()]):
            continue  # "增长0.8%，与上年基本持平" — a remark on a change already stated
        if "口径" in phrase:
            continue  # "按与上年统计口径一致相比" — the basis of a comparison, not an unchanged amount
        if not re.search(r"上年|去年|前一?年|(19|20)\d{2}\s*年|预算|决算|同期|上一", phrase):
            continue  # "同以习近平同志为核心的党中央保持高度一致": agreement, not a figure compared with another year
        if _NUM_UNIT.search(phrase):
            continue
        seg = seg_of(sm.start())
        clause_start = _last_delim(sent, sm.start())
        own_raw = sent[clause_start:sm.start()]
        own = _normalize_subject(own_raw)
        if re.search(r"\d", own):
            own, _year, generic = _subject_and_year(own_raw)  # "2024年度“三公”经费…决算数与2023年度持平"
            own = "" if generic or re.search(r"\d", own) else own
        cands = [c for c in sent_amounts if c["end"] <= sm.start()]
        if own and not _is_generic(own):
            subject = own
        elif cands:
            subject = cands[-1]["subject"]
        else:
            # "本部门2026年没有使用政府性基金预算拨款安排的支出，与上年持平": the clause before
            prev_start = _last_delim(sent, max(clause_start - 1, 0))
            subject = st.para_subject or st.topic or _plain_subject(sent[prev_start:max(clause_start - 1, 0)])
        parent = st.scope["subject"] if st.scope and st.scope["subject"] != subject else ""
        out.append(Claim(page=para.page_at(s0 + sm.start()), sentence=_quote(sent.strip(), sm.start() - 30, sm.end()),
                         subject=subject, kind="same", value=None, unit="", basis=phrase.strip(" ，,"),
                         direction="持平", parent=parent, section=st.section))


def _parse_lists(sent, s0, para, st, out, sent_amounts):
    for lm in _LIST_INTRO.finditer(sent):
        rest = sent[lm.end():]
        end = len(rest)
        for d in "。；;":
            k = rest.find(d)
            if k != -1:
                end = min(end, k)
        body = rest[:end].strip(" ，,：:")
        if not body or re.search(r"\d", body) or "、" not in body:
            continue
        body = re.sub(r"等$", "", body).strip()
        items = tuple(x.strip(" ，,") for x in body.split("、") if x.strip(" ，,"))
        if len(items) < 2 or any(len(x) > 30 or re.search(r"[，,：:]", x) for x in items):
            continue
        cands = [c for c in sent_amounts if c["end"] <= lm.start()]
        if cands:
            subject = cands[-1]["subject"]
        else:
            own_raw = sent[_last_delim(sent, lm.start()):lm.start()]
            own = _normalize_subject(own_raw)
            if _is_aspect(own) or _is_generic(own):
                # "上海市普陀区财政局部门决算包括：…本级决算、下属行政事业单位决算" — the unit's final accounts
                own = _owned_aspect(own_raw) or own
            subject = own or st.para_subject or st.topic
        out.append(Claim(page=para.page_at(s0 + lm.start()), sentence=_quote(sent.strip(), lm.start() - 30, lm.end()),
                         subject=subject, kind="list", value=None, unit="", items=items, section=st.section))


# --------------------------------------------------------------------------- public API

def parse_claims(pages: list[str]) -> list[Claim]:
    """Claims stated in the narrative pages of a disclosure (pages = raw page texts, index 0 = page 1)."""
    keep = set(narrative_pages(pages))
    st = _State()
    out: list[Claim] = []
    for para in _paragraphs(pages, keep):
        start = len(out)
        _parse_para(para, st, out)
        out[start:] = _class_scopes(out[start:])
    return _fund_context(_dropped_zeros(out))


_FUND = re.compile(r"一般公共预算|政府性基金|国有资本经营|财政拨款")
_FUND_TOTAL = re.compile(r"^(\d{4}年)?(本部门|本单位)?(当年)?(一般公共预算|政府性基金|国有资本经营|财政拨款)(预算)?(当年)?(拨款)?"
                         r"(收入|支出)?(预算)?(收支)?(总预算|总计|合计)?$")
_ALL_FUNDS_TOTAL = re.compile(r"^(\d{4}年)?(本部门|本单位|部门)?(收入|支出|收支)(预算)?(总预算|总计|合计)?$|^(收支)?总预算$")


_NATURE_TOTAL = re.compile(r"^(?:\d{4}年)?(?:本部门|本单位)?(?:当年|本年)?(?:一般公共预算)?(?:拨款)?(项目支出|基本支出)(?:预算)?$")


def _is_class_name(s: str) -> bool:
    return re.sub(r"[（(](类|款|项)[）)]", "", s or "") in class_names("function_classes")


_APPROX = re.compile(r"(约|大约|近|逾|超过|左右|余|多)")


def _dropped_zeros(claims: list[Claim]) -> list[Claim]:
    """Amounts printed without their trailing zeros: in a sentence that gives 115.69 beside 226.9 and 7 (万元), the
    writer drops zeros (226.90, 7.00), so every amount of that unit is as precise as its most precise one — 7 is
    7.00, not anything from 6.5 to 7.5.  An approximate figure (约, 近, 左右, 余 …) is left as printed."""
    by_sentence: dict[tuple, list[int]] = {}
    for k, c in enumerate(claims):
        if c.kind in ("amount", "change_amount") and c.value is not None and c.unit in _MONEY:
            by_sentence.setdefault((c.page, c.sentence, c.unit), []).append(k)
    out = list(claims)
    for (_page, sentence, _unit), ks in by_sentence.items():
        places = [decimals(claims[k].value) for k in ks]
        finest = max(places)
        if finest == 0 or min(places) == finest or _APPROX.search(sentence or ""):
            continue
        for k, d in zip(ks, places):
            if d < finest and claims[k].value != 0:  # a zero is exact as printed
                out[k] = replace(claims[k], value=claims[k].value.quantize(Decimal(1).scaleb(-finest)))
    return out


def _fund_context(claims: list[Claim]) -> list[Claim]:
    """The fund a run of statements is about: after "2026年政府性基金预算当年拨款221,670.92万元", the classes
    that follow ("城乡社区（类）支出211,000.00万元") are the fund's, until a statement of another fund's total
    or of the whole budget, or a new section."""
    # the funds whose totals each sentence states (a sentence that lists several opens no fund's run)
    named: dict[str, set] = {}
    for d in claims:
        if d.kind == "amount" and not d.parent and _FUND_TOTAL.match(d.subject or ""):
            named.setdefault(d.sentence, set()).add(_FUND.search(d.subject).group(0))
    out, fund, section, nature, para = [], "", None, "", None
    for c in claims:
        if c.section != section:
            fund, section = "", c.section
        subj = c.subject or ""
        if c.kind == "amount" and not c.parent and _NATURE_TOTAL.match(subj):
            # "项目支出…万元…其中：一般公共服务支出3.00万元…公共安全支出40230.95万元": the classes' 项目支出
            nature, para = _NATURE_TOTAL.match(subj).group(1), c.section
        elif c.kind == "amount" and not c.parent and not _is_class_name(subj):
            nature = ""
        if nature and para == c.section and _is_class_name(subj) and c.kind == "amount":
            c = replace(c, fund=(fund + " " + nature).strip())
            out.append(c)
            continue
        if c.kind == "amount" and not c.parent:
            if _FUND_TOTAL.match(subj):
                # one fund's total opens its run; a sentence that lists several funds' totals opens none
                fund = _FUND.search(subj).group(0) if len(named[c.sentence]) == 1 and c.value else ""
                out.append(c)
                continue
            if _ALL_FUNDS_TOTAL.match(subj):
                fund = ""
        if fund and not _FUND.search(subj + (c.parent or "")):
            c = replace(c, fund=fund)
        out.append(c)
    return out


_CLASSED = re.compile(r"[（(]\s*\d{3,7}\s*[）)]|^\s*\d{3,7}\s*[-－—_、 ]|[（(](类|款|项)[）)]")
# aggregates whose parts share names with the department's own figures (机关运行经费's 公务接待费 is not the 三公 one)
# (and the projects chosen for a 绩效评价: "…1个项目开展部门重点绩效评价，涉及预算资金435万元，其中财政拨款435万元")
_PART_OF = re.compile(r"机关运行经费|评价")
# the source of money a part names ("其中结转结余…", "其中财政拨款…"): under an item, the item's own
_SOURCE_PART = re.compile(r"^(上年)?(结转结余|结转|结余|财政拨款|一般公共预算|政府性基金|国有资本经营|事业收入|其他收入)(资金|拨款|收入)?$")
_WHOLE = re.compile(r"^(本|全)(部门|单位|局|委|办|级)|^(部门|单位)(预算|收入|支出|总)")


def _class_scopes(claims: list[Claim]) -> list[Claim]:
    """Within one paragraph, figures without a classification of their own that follow a classification item
    belong to that item: "（1）进修及培训（20508）102.32万元…具体为：人员经费0.00万元；公用经费28.32万元" states the
    人员经费 and 公用经费 *of 20508*, "对个人和家庭的补助（303）100151.38万元，其中：人员经费138.06万元" those of
    303 — not the department's.  A subject naming the whole department (本部门…) ends the item."""
    out, scope = [], ""
    for c in claims:
        subj = c.subject or ""
        if _CLASSED.search(subj):
            scope = subj
        elif _WHOLE.search(subj):
            scope = ""
        elif c.parent and _SOURCE_PART.match(subj) and not _FUND_TOTAL.match(c.parent) \
                and not _ALL_FUNDS_TOTAL.match(c.parent) and not _WHOLE.search(c.parent) \
                and not re.search(r"收入|支出|拨款|预算|资金|合计|总计", c.parent) and c.kind == "amount":
            # "常用装备保障项目615.04万元，其中结转结余126.00万元": the carry-over of that item
            c = replace(c, scope=c.parent)
        elif c.parent and (_CLASSED.search(c.parent) or _PART_OF.search(c.parent)) and c.kind in ("amount", "share", "change_amount", "change_percent", "same"):
            c = replace(c, scope=c.parent)
        elif scope and subj and c.kind in ("amount", "share", "change_amount", "change_percent", "same"):
            c = replace(c, scope=scope)
        out.append(c)
    return out


def claims_frame(claims):
    """One row per claim; ``items`` joined by "、"."""
    import pandas as pd

    cols = [f.name for f in fields(Claim)]
    rows = []
    for c in claims:
        row = {name: getattr(c, name) for name in cols}
        row["items"] = "、".join(c.items)
        rows.append(row)
    return pd.DataFrame(rows, columns=cols)
