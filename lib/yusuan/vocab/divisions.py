"""Where a publisher sits: its province, city, county (and township), the division's code and its level, from the
administrative divisions of ``divisions.csv`` (民政部's 县级以上行政区划代码 2010–2024; see its ``.source.yml``).

A Chinese government body is named after its region, highest first: 广东省深圳市南山区… , 上海市普陀区人民政府万里
街道办事处, 江苏省高级人民法院, 深圳市统计局; a party or 政协 organ puts its own title first (中共重庆市委宣传部,
中国人民政治协商会议深圳市委员会); a central body has no region (国家信访局).  :func:`place_of` reads that chain
from the start of a name — only from the start, so a division's name inside a department's name (公安县 in
"…市公安局") is never taken for its region — and completes it upwards from the list (深圳市 → 广东省, 昆山市 → 苏州市,
江苏省).

Levels (``Place.level``), the rank of the government the body belongs to: 中央; 省 (a province, autonomous region
or municipality: 上海市审计局 is 省-level); 市 (a prefecture-level city, 自治州, 地区, 盟); 区县 (a county, a county-level
city, a district, 旗); 乡镇 (a township, town or street office).  A municipality is its own city (上海市审计局:
province 上海市, city 上海市).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEVELS = ("中央", "省", "市", "区县", "乡镇")
_RANK = {"province": "省", "city": "市", "county": "区县"}
FIRST_YEAR, LAST_YEAR = 2010, 2024  # the years divisions.csv covers


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    short: str
    level: str  # province / city / county
    parent: str  # the code of the province or city it belongs to ("" for a province)
    first: int
    last: int


@dataclass(frozen=True)
class Place:
    """Where a body sits.  ``code``: the 6-digit code of the lowest division named (None for a central body, a
    township's county's code for a township); ``end``: how many characters of the name the region took (after a
    party organ's title, with the township); ``level``: one of LEVELS, None when the name says nothing."""
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    code: str | None = None
    level: str | None = None
    end: int = 0

    @property
    def region(self) -> str | None:
        """The place as one name, highest first, each division once: 广东省深圳市, 上海市普陀区, 江苏省苏州市昆山市,
        中央; None when the name carries none."""
        if self.level == "中央":
            return "中央"
        parts = [p for p in (self.province, self.city, self.county, self.township) if p]
        out = [p for i, p in enumerate(parts) if p not in parts[:i]]
        return "".join(out) or None

    def as_dict(self) -> dict:
        return {"province": self.province, "city": self.city, "county": self.county, "township": self.township,
                "division_code": self.code, "level": self.level, "region": self.region}


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every row of divisions.csv."""
    text = resources.files(__package__).joinpath("divisions.csv").read_text(encoding="utf-8")
    return tuple(Division(r["code"], r["name"], r["short"], r["level"], r["parent"], int(r["first"]), int(r["last"]))
                 for r in csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def _index() -> tuple[dict, dict, re.Pattern]:
    by_name: dict[str, list[Division]] = {}
    by_code: dict[str, list[Division]] = {}
    for d in divisions():
        by_name.setdefault(d.name, []).append(d)
        by_code.setdefault(d.code, []).append(d)
    # the longest name first, so 内蒙古自治区 is read whole and 江苏省 before 江苏
    names = sorted(by_name, key=len, reverse=True)
    return by_name, by_code, re.compile("|".join(map(re.escape, names)))


@lru_cache(maxsize=1)
def _province_shorts() -> dict[str, Division]:
    """上海 → 上海市, 江苏 → 江苏省 …: a province named by its short name (上海交通职业技术学院)."""
    return {d.short: d for d in divisions() if d.level == "province" and d.short and d.last == LAST_YEAR}


def _in_year(found: list[Division], year: int | None) -> list[Division]:
    """The divisions of that name standing in ``year`` (the disclosure's; clipped to the list's years), else all."""
    if year is None:
        return found
    y = min(max(int(year), FIRST_YEAR), LAST_YEAR)
    now = [d for d in found if d.first <= y <= d.last]
    return now or found


def _parent(d: Division, year: int | None) -> Division | None:
    if not d.parent:
        return None
    rows = _in_year(_index()[1].get(d.parent, []), year)
    return rows[-1] if rows else None


def _within(child: Division, parent: Division, year: int | None) -> bool:
    p = _parent(child, year)
    while p is not None:
        if p.code == parent.code:
            return True
        p = _parent(p, year)
    return False


def place_of(name: str | None, year: int | None = None) -> Place:
    """The place a body's name starts with (see the module's docstring); ``year`` picks the divisions standing
    then (a 2017 name of a district renamed in 2018 is still found).  A first division whose name several share
    (朝阳区: 北京市 and 长春市) is kept with its level but no code or higher divisions."""
    from yusuan.vocab import names_words

    words = names_words()
    name = re.sub(r"\s+", "", name or "")
    if not name:
        return Place()
    start = 0
    m = words["organ_prefix"].match(name)
    if m:
        start = m.end()
    if words["central"].match(name[start:]):  # 国家信访局; 中共中央宣传部
        return Place(level="中央")
    by_name, _, pattern = _index()
    chain: list[Division] = []
    pos = start
    ambiguous = None
    while True:
        m = pattern.match(name, pos)
        if not m:
            break
        found = _in_year(by_name[m.group(0)], year)
        if chain:
            found = [d for d in found if _within(d, chain[-1], year)]
            if not found:
                break
        if len({d.code for d in found}) > 1:
            ambiguous = (found[0], m.end())
            break
        chain.append(found[-1])
        pos = m.end()
    if not chain and ambiguous is None:
        # a province by its short name, at the start only: 上海交通职业技术学院, 江苏警官学院
        short = next((s for s in sorted(_province_shorts(), key=len, reverse=True) if name.startswith(s, start)), None)
        if short is None:
            return Place()
        chain, pos = [_province_shorts()[short]], start + len(short)
    if not chain:
        d, pos = ambiguous
        return _township(Place(county=d.name if d.level == "county" else None,
                               city=d.name if d.level == "city" else None, level=_RANK[d.level], end=pos), name, words)
    low = chain[-1]
    up = [low]
    while (p := _parent(up[-1], year)) is not None:
        up.append(p)
    by_level = {d.level: d.name for d in up}
    province = by_level.get("province")
    city = by_level.get("city") or (province if low.level != "province" or _municipality(low) else None)
    if low.level == "county" and "city" not in by_level and not _municipality(up[-1]):
        city = None  # a county-level city under its province directly (济源市, 仙桃市)
    place = Place(province=province, city=city, county=by_level.get("county"), code=low.code,
                  level=_RANK[low.level], end=pos)
    return _township(place, name, words)


def _municipality(d: Division) -> bool:
    """北京市, 天津市, 上海市, 重庆市: a province-level city (its code's second digit pair is 00 and its name ends in 市)."""
    return d.level == "province" and d.name.endswith("市")


def _township(place: Place, name: str, words: dict) -> Place:
    """A township or street office named after the county: …区人民政府万里街道办事处 → 万里街道, level 乡镇."""
    if place.level not in ("区县", "市"):
        return place
    rest = name[place.end:]
    gov = re.match(words["government"], rest)
    skip = gov.end() if gov else 0
    m = re.match(rf"([\u4e00-\u9fff]{{1,8}}?(?:{words['township']}))(?={words['township_body']})", rest[skip:])
    if not m:
        return place
    return Place(province=place.province, city=place.city, county=place.county, township=m.group(1),
                 code=place.code, level="乡镇", end=place.end + skip + m.end())
