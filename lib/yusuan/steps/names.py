"""Who publishes a disclosure, and where it sits: the publisher's name as the cover prints it, its place
(province, city, county, township, the division's code, its level), whether it is a department or a budget unit,
and the department code its tables print — what meta.json, the index and the corpus group documents by.

Where the name is read, first found first (``Name.source`` says which):

1. **the cover's title** (page 1, else page 2): "2026年深圳市统计局（本级）部门预算", "西安市公安局（汇总）2026年部门
   预算公开说明", "北京市水务局2026年度部门预算信息公开": the words between the year and 部门预算 / 单位预算 / 决算,
   with the scope it prints in brackets (（本级）, （汇总）) kept and the year and the title dropped.  A title whose
   words before the year are only a region ("上海市2026年市级单位预算") names nobody;
2. **the cover's label** (page 1): "预算单位：上海市数据局", "预算主管部门：上海市普陀区商务委员会" — the department's
   label before the unit's in a department's disclosure, the unit's in a unit's;
3. **the tables' labels** (部门名称：, 单位名称：, 预算单位：… above the tables and on every page), the most frequent;
   in a department's disclosure a name that is another's start (烟台市审计局 of 烟台市审计局计算中心) is the
   department, the longer one its subordinate;
4. **the narrative**: a sentence that opens with the body's name ("北京市人民政府办公厅主要职责包括") — for a cover
   printed as a picture.

A name is read to its end and no further: a label's value ends where the line, or the next label ("单位：万元"),
ends; a name glued to the title that follows ends before the title's first word (names.yml ``title_head``:
"泉州市公安局部门预算" is 泉州市公安局, never 泉州市公安局部); the name must end like a body's name (``suffix``)
and be more than a region.  A sidecar ``<pdf>.meta.yml`` beside the PDF (:func:`sidecar`) overrides any of the
fields for what a user knows better.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from yusuan.base.errors import InputError
from yusuan.base.text import clean_lines
from yusuan.vocab import names_words
from yusuan.vocab.divisions import LEVELS, place_of

UNIT_LEVELS = ("部门", "单位")
# the fields a sidecar may set (each a string), beside those the place gives
SIDECAR_KEYS = ("publisher", "province", "city", "county", "township", "region", "division_code", "level",
                "unit_level", "department_code")
_CJK = r"\u4e00-\u9fff"
# a budget's or final account's title after the name: （本级）2026年度部门综合预算, 2026部门预算情况的说明, 预算公开
_BUDGET_TITLE = re.compile(r"^(?:[（(](?:部门|单位)[)）])?(?:20\d\d(?:年度?)?)?(?:市级|区级|省级|县级|镇级)?"
                           rf"(?:部门|单位)?(?:综合)?(预算|决算)(?![{_CJK}]{{0,4}}(?:中心|科|处|股|室|所|站|局|办|院))")
# what may stand before a cover's title: a page number (- 1 -, — 1 —, 1), stray punctuation, the year
_COVER_LEAD = re.compile(r"^(?:[-—–]*\d{1,3}(?!\d)[-—–]*|[.．·、，,]+)?(?:20\d\d年度?)?")
_NAME_CHARS = re.compile(rf"^[{_CJK}（）]+$")
# a sentence of the narrative that opens with its body's name (北京市人民政府办公厅主要职责包括 …)
_NARRATIVE_AFTER = re.compile(r"^(?:的)?(?:主要职责|职责|职能|主要任务|是|系|为|作为|内设|下设|设有|共有|有|负责|主要|现有|"
                              r"机关|本级|贯彻|坚持|深入|认真|围绕|始终|根据|按照|依据|成立|组建|设立|位于|承担|履行|主管|"
                              r"隶属|属于|于|在|以)")


@dataclass(frozen=True)
class Name:
    """A publisher's name (``publisher``, "" when none is printed), where it was read (``source``: "cover p. 1",
    "label p. 1", "tables", "narrative p. 3", "sidecar", ""), and whether the document says it is a department's
    or a unit's (``unit_level``: 部门 / 单位, None when it does not say)."""
    publisher: str = ""
    source: str = ""
    unit_level: str | None = None


def _brackets(text: str) -> str:
    return text.replace("(", "（").replace(")", "）")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", _brackets(text or ""))


def _ends_like_a_name(name: str) -> bool:
    """Ends like a body's name, a bracket after it allowed: 深圳市统计局（本级）, 上海市统计和大数据研究院（上海市
    统计数据管理中心）."""
    words = names_words()
    base = re.sub(r"（[^（）]*）$", "", name)
    return bool(base) and bool(words["suffix"].search(base))


def valid(name: str) -> bool:
    """A body's name: Chinese characters (and brackets) only, 3–60 of them, ending like a name, more than a
    region (上海市普陀区 names nobody), and no unit of amounts (单位：万元)."""
    if not name or not (3 <= len(name) <= 60) or not _NAME_CHARS.match(name) or name.count("（") != name.count("）"):
        return False
    if re.search(r"万元|千元|^元", name) or not _ends_like_a_name(name):
        return False
    return place_of(name).end < len(re.sub(r"（[^（）]*）$", "", name))


def _scope(rest: str) -> str:
    """The bracketed scope that opens ``rest`` ("（部门）2023年度部门预算公开" → "（部门）"), "" when none: it belongs to
    the name before it, as printed."""
    m = names_words()["scopes"].match(rest)
    return _brackets(m.group(0)) if m else ""


def trim(value: str) -> str:
    """A label's value or a cover's words cut to the name: before the next label (单位：万元), before a title glued
    to it (names.yml ``title_head``: 部门预算, 2026年…, 项目支出…), brackets full-width; "" when what is left is no
    name (:func:`valid`)."""
    words = names_words()
    v = _squeeze(value)
    v = re.split(r"(?:金额)?单位[:：]|[:：]", v)[0]
    v = re.match(rf"[{_CJK}（）]*", v).group(0)  # a figure, a date, a dash after it (a line read without spaces)
    for k in range(3, len(v)):
        head, rest = v[:k], v[k:]
        if (head.endswith("）") or _ends_like_a_name(head)) and words["title_head"].match(rest):
            v = head + _scope(rest)
            break
    v = re.sub(r"[，。、；;,.]+$", "", v)
    return v if valid(v) else ""


# ------------------------------------------------------------------ where the name is printed

def _lines(text: str) -> list[str]:
    """A page's lines, spaces inside a line kept (they end a label's value), full-width spaces as spaces."""
    text = (text or "").replace("\u3000", " ").replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def cover_title(text: str) -> tuple[str, str | None]:
    """(the name a cover's title prints, 部门 / 单位 / None as its title says) from a page's text, ("", None) when
    its first lines are no budget's or final account's title.  The title may wrap anywhere over its first lines;
    the name may also follow the title ("部门预算 / 北京市审计局")."""
    head = "".join(_squeeze(ln) for ln in _lines(text)[:8])[:160]
    head = _COVER_LEAD.sub("", head, count=1)
    words = names_words()
    for k in range(3, min(len(head), 64)):
        name, rest = head[:k], head[k:]
        if not (name.endswith("）") or _ends_like_a_name(name)):
            continue
        m = _BUDGET_TITLE.match(rest)
        if m and not words["title_head"].match(name) and valid(name):
            level = "单位" if re.match(r"^(?:[（(]单位[)）])?(?:20\d\d(?:年度?)?)?(?:市级|区级|省级|县级|镇级)?单位", rest) \
                else "部门" if "部门" in rest[:m.end()] else None
            return name + _scope(rest), level
    # the title first, the name below it: 2026年 / 部门预算 / 北京市审计局
    m = re.match(r"^(部门|单位)(?:综合)?(?:预算|决算)(?:信息)?(?:公开)?(?:20\d\d年?度?)?", head)
    if m:
        name = trim(re.split(r"20\d\d|二〇", head[m.end():])[0])
        if name:
            return name, m.group(1)
    return "", None


def labelled(lines: list[str]) -> list[tuple[str, str]]:
    """[(name, "部门" / "单位")] of the labels in ``lines`` ("预算单位：上海市数据局", "部门名称：广州市生态环境局
    单位：万元"); a bare label (部门：, 单位：) only before a name that ends like one."""
    labels = names_words()["labels"]
    named = f"{labels['department'].pattern}|{labels['unit'].pattern}"
    # "部门名称：X", "部门名称 X" (a table's cell and the next), "单位：X" (a bare label: its colon only)
    pattern = re.compile(rf"(?:^|(?<=[\s：:]))(?:(?P<label>{named})(?:\s*[:：]|\s+)|(?P<bare>{labels['bare'].pattern})"
                         rf"\s*[:：])\s*(?P<value>.*)")
    out = []
    for line in lines:
        for m in pattern.finditer(_brackets(line)):
            value = m.group("value")
            # a name printed letter-spaced (北 京 市 审 计 局) is one word; otherwise a space ends it
            spaced = re.match(rf"[{_CJK}](?: [{_CJK}])+(?=\s{{2,}}|$)", value)
            value = spaced.group(0) if spaced else value.split()[0] if value.split() else ""
            name = trim(value)
            if not name:
                continue
            label = m.group("label") or m.group("bare")
            if m.group("bare") and not names_words()["suffix"].search(name):
                continue  # 单位：万元, 部门：（see the table）
            level = "部门" if labels["department"].fullmatch(label) else "单位" if labels["unit"].fullmatch(label) \
                else ("部门" if label == "部门" else "单位")
            out.append((name, level))
    return out


def narrative_name(texts: list[str]) -> tuple[str, int | None]:
    """(the name that most sentences of ``texts`` (pages) open with, followed by its duties or what it is — "北京市
    人民政府办公厅主要职责包括", "西安市商务局是…" —, and the first page it is on); ("", None) when none does.
    Only a name that starts with a region (or a central body's word) counts."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    words = names_words()
    for page, text in enumerate(texts, start=1):
        for line in clean_lines(text).split("\n"):
            s = _squeeze(re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*", "", line))
            place = place_of(s)
            if not (place.end or place.level == "中央"):
                continue
            for k in range(max(place.end, 2) + 1, min(len(s), 40)):
                if _ends_like_a_name(s[:k]) and _NARRATIVE_AFTER.match(s[k:]) and not words["title_head"].match(s[k:]):
                    if valid(s[:k]):
                        counts[s[:k]] += 1
                        first.setdefault(s[:k], page)
                    break
    if not counts:
        return "", None
    best = max(counts, key=lambda n: (counts[n], -first[n]))
    return best, first[best]


def _choose(found: list[tuple[str, str]], unit: bool) -> tuple[str, str] | None:
    """The name the labels of a document give: for a department's disclosure the department's labels first and a
    name's start when it is also a name found (烟台市审计局 before 烟台市审计局计算中心); for a unit's, the unit's."""
    if not found:
        return None
    want = "单位" if unit else "部门"
    pool = [f for f in found if f[1] == want] or found
    counts = Counter(n for n, _ in pool)
    best = max(counts, key=lambda n: (counts[n], -[n2 for n2, _ in pool].index(n)))
    if not unit:
        names = {n for n, _ in found}
        shorter = [n for n in names if n != best and best.startswith(n)]
        if shorter:
            best = min(shorter, key=len)
    return best, dict(found).get(best, want)


def read_publisher(doc, raws=None, kind: str | None = None) -> Name:
    """The publisher of ``doc`` (a yusuan.pdf.pdfdoc.Document; ``raws``: its yusuan.tables.printed.RawTable, whose
    lines above each table are read too; ``kind``: 部门预算 / 单位预算 / …, which labels come first), as the
    module's docstring says; the sidecar's publisher when it names one."""
    side = sidecar(Path(doc.path))
    if side.get("publisher"):
        return Name(side["publisher"], "sidecar", side.get("unit_level"))
    unit = bool(kind and kind.startswith("单位"))
    pages = list(doc.page_texts)
    for i, text in enumerate(pages[:2]):
        name, level = cover_title(text)
        if name:
            return Name(name, f"cover p. {i + 1}", level)
        if i == 0:
            chosen = _choose(labelled(_lines(text)), unit)
            if chosen:
                return Name(chosen[0], "label p. 1", chosen[1])
            if len(re.sub(r"\s|\d|-|—", "", text)) > 40:
                break  # page 1 has words of its own: page 2 is no cover
    lines = [ln for rt in (raws or []) for ln in rt.above] + [ln for t in pages for ln in _lines(t)]
    chosen = _choose(labelled(lines), unit)
    name, page = narrative_name(pages[:8])
    if chosen:
        if not unit and name and chosen[0].startswith(name) and chosen[0] != name:
            # the tables name a unit of the department the narrative speaks of (…审计局计算中心 / …审计局)
            return Name(name, f"narrative p. {page}", "部门")
        return Name(chosen[0], "tables", chosen[1])
    if name:
        return Name(name, f"narrative p. {page}", None)
    return Name()


def department_code(doc, publisher: str) -> str | None:
    """The department's code as its tables print it: "部门编码：153", or the 单位编码 column's code beside the
    department's name (西安: "153 西安市公安局", then "153001 西安市公安局" for its own unit — the shortest is the
    department's); None when none is printed."""
    if not publisher:
        return None
    words = names_words()
    names = {publisher, words["scopes"].sub("", publisher)}
    alt = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    codes: list[str] = []
    for text in doc.page_texts:
        t = _brackets(text)
        codes += re.findall(r"(?:部门|单位)(?:编码|代码)[:：]\s*(\d{3,12})", t)
        if not re.search(r"(?:单位|部门)(?:编码|代码)", t):
            continue
        for line in _lines(t):
            m = re.match(rf"^(?:\d{{1,3}}\s+)?[\[［]?(\d{{3,12}})[\]］]?\s*(?:{alt})(?![{_CJK}（])", line)
            if m:
                codes.append(m.group(1))
    if not codes:
        return None
    return min(codes, key=lambda c: (len(c), c))


# ------------------------------------------------------------------ what a user knows better

def sidecar_path(pdf: Path) -> Path:
    return Path(pdf).with_name(Path(pdf).name + ".meta.yml")


def sidecar(pdf: Path) -> dict:
    """The fields ``<pdf>.meta.yml`` beside the PDF sets (SIDECAR_KEYS; {} when there is none): what a user knows
    better than the cover — e.g. ``publisher: 北京市信访办公室`` for a cover printed as a picture, ``county: 云冈区``
    for a division newer than the list.  An unknown field, a value that is not text or a level not in
    divisions.LEVELS / UNIT_LEVELS is an InputError naming the file, never ignored."""
    import yaml

    path = sidecar_path(pdf)
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(path, f"unreadable sidecar ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise InputError(path, "a sidecar is a mapping of fields (publisher: …)")
    unknown = sorted(set(map(str, data)) - set(SIDECAR_KEYS))
    if unknown:
        raise InputError(path, f"unknown field(s) {', '.join(unknown)}; a sidecar may set {', '.join(SIDECAR_KEYS)}")
    out = {}
    for k, v in data.items():
        if v is None:
            continue
        if isinstance(v, int) and k in ("division_code", "department_code"):
            v = str(v)
        if not isinstance(v, str) or not v.strip():
            raise InputError(path, f"{k}: a text value, not {v!r}")
        out[k] = _brackets(v.strip()) if k == "publisher" else v.strip()
    if out.get("level") and out["level"] not in LEVELS:
        raise InputError(path, f"level: one of {', '.join(LEVELS)}, not {out['level']}")
    if out.get("unit_level") and out["unit_level"] not in UNIT_LEVELS:
        raise InputError(path, f"unit_level: one of {', '.join(UNIT_LEVELS)}, not {out['unit_level']}")
    return out


def fields(doc, name: Name, year: int | None, kind: str | None, publisher: str | None = None) -> dict:
    """The name fields of meta.json: publisher_source, region, province, city, county, township, division_code,
    level (LEVELS), unit_level (部门 / 单位), department_code — from the publisher (``publisher``, else
    ``name.publisher``: the companion's may stand in) and the disclosure's year, each overridden by the sidecar."""
    who = publisher if publisher is not None else name.publisher
    place = place_of(who, year).as_dict()
    unit_level = name.unit_level or ((kind or "")[:2] if (kind or "")[:2] in UNIT_LEVELS else None)
    out = {"publisher_source": name.source, **place, "unit_level": unit_level if who else None,
           "department_code": department_code(doc, who)}
    side = sidecar(Path(doc.path))
    out.update({k: v for k, v in side.items() if k != "publisher"})
    if any(k in side for k in ("province", "city", "county", "township")) and "region" not in side:
        parts = [out.get(k) for k in ("province", "city", "county", "township")]
        out["region"] = "".join(p for i, p in enumerate(parts) if p and p not in parts[:i]) or None
    return out
