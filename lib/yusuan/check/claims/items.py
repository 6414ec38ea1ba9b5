"""How many things a list of names names, as a careful reader counts them.

A count is often followed or preceded by the list of what it counts ("内设21个机构，分别是办公室、综合处、…";
"包括警令部、政治部、警保部等14个部门").  Three ways of printing a list make "the number of names" differ from
"the number of things":

* **等** ends a list that names only some ("A、B、C等", "A、B、C等等", "A、B、C等部门", "等内设机构12个"): such a
  list is no count; it can only contradict a count smaller than the names it prints;
* a **range** of enumerated names is as many items as it spans: "综合一处至综合九处" and "秘书一处至七处" are 9 and
  7, "第一至第五党支部" 5, "一至三科" 3, "1—5号监区" 5 (both ends printed with the same kind of numeral, the
  words after the second end — and before it, if repeated — those of the first);
* an item marked as **not counted** ("机关党委（不纳入内设机构数）", "（不计入处室数）") or excluded by the
  sentence ("内设处室4个（不含机关党委）") is listed but not counted.

Words in ``vocab/words.yml`` (``lists``).  Shapes: items are the printed names (tuple of str); :func:`tally`
gives a :class:`Tally`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.base.text import fold
from yusuan.vocab import words

_W = words()["lists"]
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = r"(?:\d+|[一二三四五六七八九十两〇零]+)"
_RANGE = re.compile(rf"^(?P<pre>\D*?)(?P<a>{_NUMERAL})(?P<mid>[^\d一二三四五六七八九十两〇零]*?)\s*"
                    rf"(?:{_W['range'].pattern})\s*(?P<pre2>\D*?)(?P<b>{_NUMERAL})(?P<suf>[^\d一二三四五六七八九十两〇零]*)$")
_BRACKETS = re.compile(r"[（(]([^（）()]*)[）)]")
_NAME_END = re.compile(r"[）)，,。；;：:]")
# what may follow the 等 that ends a list: the noun counted ("等部门", "等内设机构"), another 等, or nothing
_AFTER_ETC = re.compile(r"^(等)?[\u4e00-\u9fff]{0,8}$")


@dataclass(frozen=True)
class Tally:
    """What a list names: ``items`` as printed (a closing 等 removed), ``count`` the things they are,
    ``partial`` whether 等 says the list names only some, ``spans`` each range with the number it spans,
    ``left_out`` the items listed but not counted."""
    items: tuple[str, ...]
    count: int
    partial: bool = False
    spans: tuple[tuple[str, int], ...] = ()
    left_out: tuple[str, ...] = ()

    def explain(self) -> str:
        """The counting said in words, for a finding's message ("「综合一处至综合九处」计 9 项；「机关党委」不计入")."""
        parts = [f"「{item}」计 {n} 项" for item, n in self.spans]
        parts += [f"「{item}」不计入" for item in self.left_out]
        return "；".join(parts)


def numeral(s: str) -> int | None:
    """The value of "7", "七", "十二", "二十", "二十三" (None for anything else)."""
    s = fold(s)
    if s.isdigit():
        return int(s)
    if not s or any(ch not in _CN_DIGITS and ch != "十" for ch in s):
        return None
    if "十" not in s:
        return _CN_DIGITS[s] if len(s) == 1 else None
    tens, _ten, ones = s.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def range_size(item: str) -> int | None:
    """How many items a range of enumerated names spans ("综合一处至综合九处" → 9, "1—5号监区" → 5); None when
    the item is no range."""
    bare = _BRACKETS.sub("", fold(item)).strip()
    m = _RANGE.match(bare)
    if m is None:
        return None
    pre, mid, pre2, suf = m.group("pre", "mid", "pre2", "suf")
    if pre2 not in ("", pre) or (mid and mid != suf) or _W["range"].search(pre):
        return None  # the second end repeats the first's words or none ("综合一处至综合九处", "一处至九处")
    if len(suf) > 4 or _W["range_not"].match(suf):
        return None  # "一至六级残疾退役军人", "九至十四层": a span of a scale, one thing
    a, b = m.group("a"), m.group("b")
    if a.isdigit() != b.isdigit():
        return None
    lo, hi = numeral(a), numeral(b)
    if lo is None or hi is None or not lo < hi <= 99:
        return None
    return hi - lo + 1


def not_counted(item: str) -> bool:
    """Whether a bracket after the item says it is not counted ("机关党委（不纳入内设机构数）")."""
    return any(_W["not_counted"].match(re.sub(r"\s+", "", b)) for b in _BRACKETS.findall(item))


def excluded_names(text: str) -> tuple[str, ...]:
    """The names a sentence leaves out of its count ("内设处室4个（不含机关党委、机关纪委）" → 机关党委, 机关纪委)."""
    out = []
    for m in _W["excluding"].finditer(text):
        rest = text[m.end():]
        end = _NAME_END.search(rest)
        names = rest[:end.start()] if end else rest
        out += [n.strip() for n in re.split(r"[、和及]", names) if n.strip()]
    return tuple(out)


def split_etc(text: str) -> tuple[str, bool]:
    """(text without the 等 that ends it, whether it had one): "A、B、C等部门" → ("A、B、C", True).  Only the
    last item is looked at, and only a 等 followed by at most a short noun ends a list."""
    head, sep, last = text.rpartition("、")
    for m in _W["etc"].finditer(last):
        if m.start() > 0 and _AFTER_ETC.match(last[m.end():].strip(" 　")):
            return head + sep + last[:m.start()], True
    return text, False


def _key(name: str) -> str:
    return _BRACKETS.sub("", fold(name)).strip()


def tally(items, excluded=(), partial: bool = False) -> Tally:
    """Count the things ``items`` name: a range as many as it spans, an item not counted (marked, or named in
    ``excluded``) as none."""
    drop = {_key(x) for x in excluded}
    count, spans, left = 0, [], []
    for item in items:
        if not_counted(item) or _key(item) in drop:
            left.append(item)
            continue
        n = range_size(item)
        if n is not None:
            spans.append((item, n))
        count += n or 1
    return Tally(tuple(items), count, partial, tuple(spans), tuple(left))
