"""Whose figure a sentence states: the subject grammar.  Noise before and after a subject, generic words (支出,
预算) and aspects (年初预算, 决算数) that take the item of the clause before or the heading, the organisation a
sentence or section names (``_OWNER``), classification codes and names in the subject, and the year."""
from __future__ import annotations

import re

from yusuan.check.claims.figures import _MONEY, _NUM_UNIT, _YEAR
from yusuan.check.claims.sentences import _ENUM, _UNIT_TYPES, _last_delim
from yusuan.vocab import class_names

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
_OWNER = re.compile(r"^(?P<owner>(?!本|我|各|所属|下属|全|为|是|分别|包括|其中|和|及|与|由|在|对|向|从|将|按|根据|经|截至|含)"
                    r"(?:(?![的和及与为是])[\u4e00-\u9fff]){1,16}?" + _UNIT_TYPES
                    + r"(?:[（(](?:本级|本部|机关)[)）])?)")


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


def _is_class_name(s: str) -> bool:
    return re.sub(r"[（(](类|款|项)[）)]", "", s or "") in class_names("function_classes")
