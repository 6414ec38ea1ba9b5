"""Lists of items ("公用经费…主要包括：A、B、C"): each item against the rows of the table the list is about (a
shortened name matches the one label holding all its characters in order); the items a count names against
the list that follows it."""
from __future__ import annotations

import re
from decimal import Decimal

from yusuan.check.claims.items import excluded_names, range_size, split_etc, tally
from yusuan.check.findings import Finding, fmt, judge, severity_of
from yusuan.check.lookup.cells import _subj
from yusuan.check.recompute.common import _f, _unverifiable
from yusuan.tables.rows import TableRow, norm, table_rows, value_column
from yusuan.vocab import words

_CLAUSE_END = re.compile(r"[，,；;。]")
_SOME = words()["lists"]["some"]
_LIST_VERB = r"(?P<verb>分别为|分别是|具体为|具体包括|依次为|包括|为)"
_LEAD = re.compile(r"^[，,]?\s*(?P<pre>)" + _LIST_VERB + r"?\s*[：:]?")
_LEAD_AFTER_WORDS = re.compile(r"^[，,]?\s*(?P<pre>[\u4e00-\u9fff]{1,10}?)(?<!具体|分别|依次)" + _LIST_VERB + r"\s*[：:]?")


def _list_items(text: str) -> list[list[str]]:
    """The readings of "A、B（C）、D" or "A和B" as a list of items: when the last item holds one 和/及 it may join
    the last two items ("…、机关服务中心和信息中心") or be part of a name ("资产和非税收入管理处"), so both readings
    are given.  [] when the text is no clean list (a digit other than a range's ends, a colon or a clause inside
    an item means the sentence goes on or the text layer is scrambled)."""
    depth, parts, cur = 0, [], ""
    for ch in text:
        depth += (ch in "（(") - (ch in "）)")
        if ch == "、" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    readings = [parts]
    last = re.sub(r"[（(][^）)]*[）)]", "", parts[-1])
    if len(re.findall(r"和|及", last)) == 1:
        head, _sep, tail = re.split(r"(和|及)(?![^（(]*[）)])", parts[-1], maxsplit=1)
        split = parts[:-1] + [head, tail]
        # "A和B" is two items, or one name ("北京市粮食和物资储备局"): both readings, the list first
        readings = [split, parts] if len(parts) == 1 else [parts, split]
    out = []
    for items in readings:
        items = [x.strip(" 　\"“”") for x in items]
        bare = [re.sub(r"[（(][^）)]*[）)]", "", x) for x in items]  # what an item says outside its brackets
        if not items or any(not x or re.search(r"[:：，,；;]", x) or len(x) > 30
                            or (re.search(r"\d", x) and range_size(x) is None) for x in bare):
            return []  # a figure is no name, except at the ends of a range ("1—5号监区")
        out.append(items)
    return out


def _count_against_sentence_list(doc_id, c) -> Finding | None:
    """A count followed by the list of what it counts, in the same sentence ("内设13个机构，分别为：办公室、综合
    指导司、…。", "所属2个预算单位，分别为A和B。"): the things listed are as many as stated, counted as a careful
    reader does (:func:`~yusuan.check.claims.items.tally`: a range as many as it spans, an item marked or said to
    be not counted as none).  A list ending in 等 names only some: it contradicts only a count smaller than the
    things it names, agrees with one as large, and cannot say more (``unverifiable``)."""
    sent = c.sentence or ""
    if c.value is None:
        return None
    m = re.search(rf"(?<![\d.]){re.escape(fmt(c.value))}\s*{re.escape(c.unit)}", sent)
    if m is None:
        return None
    rest = sent[m.end():]
    noun = re.match(r"^(?:[^，,：:；;。（(]|[（(][^）)]{0,20}[）)]){0,24}?(?=[，,：:])", rest)
    rest = rest[noun.end():] if noun else rest  # the counted noun after the number ("个处室（不含机关党委）")
    # the words that introduce the list, perhaps after the noun again ("设14个内设机构和机关党委，内设机构具体包括：",
    # "内设机构25个，各机构规范简称依次为："); "其中包括", "主要包括" introduce only some
    lead = _LEAD.match(rest)
    if lead and not lead.group("verb"):
        lead = _LEAD_AFTER_WORDS.match(rest) or lead
    if not lead or not lead.group(0).strip(" ，,") or (noun and re.search(r"\d", noun.group(0))):
        return None  # "1家行政单位和11家事业单位，事业单位分别为…": the list is the second count's
    clause = sent[max((x.end() for x in _CLAUSE_END.finditer(sent, 0, m.start())), default=0):m.end()]
    pre = lead.group("pre") or ""
    said = clause + (noun.group(0) if noun else "")
    if pre and not any(pre[k:k + 2] in said for k in range(len(pre) - 1)) and not _SOME.search(pre):
        return None  # "涉及11个区、46个涉农街道，对象包括…": the words before 包括 name something else
    some = bool(pre and _SOME.search(pre))
    if lead.group("verb") == "为" and ":" not in lead.group(0) and "：" not in lead.group(0) \
            and noun is not None and len(noun.group(0)) > 5:
        return None  # "11家签约单位的优质资源，为军休干部提供…服务": 为 is "for", not "namely"
    body = rest[lead.end():]
    end = re.search(r"[。；;]", body)
    if end is None:
        return None  # the list runs past the sentence: it may go on over lines or pages
    listed, partial = split_etc(body[:end.start()].strip(" 　"))
    partial = partial or some
    readings = _list_items(listed)
    if not readings or (max(len(r) for r in readings) < 2 and c.value != 1 and range_size(readings[0][0]) is None):
        return None  # one name is a list only for a count of one ("下设1个预算单位，为国家信访局本级。") or a range
    excluded = excluded_names(said)
    tallies = [tally(r, excluded, partial) for r in readings]
    best = next((t for t in tallies if t.count == c.value), tallies[0])
    computed = Decimal(best.count)
    shown = "、".join(best.items[:6]) + ("…" if len(best.items) > 6 else "")
    how = f"；{best.explain()}" if best.explain() else ""
    if partial and all(t.count < c.value for t in tallies):
        why = f"the list is introduced by 「{lead.group('pre')}」:" if some else "the list ends in 等:"
        reason = (f"{why} it names {best.count} of the {fmt(c.value)} counted, not all of them "
                  f"({shown}{how})")
        return _unverifiable(doc_id, "claim_count", c, reason, stated=c.value, computed=computed)
    status, diff = judge(c.value, computed, Decimal(0))
    msg = (f"第{c.page}页「{c.subject}」{fmt(c.value)}{c.unit} {'=' if status == 'ok' else '≠'} 句中所列 "
           f"{best.count} 项（{shown}{how}）")
    if partial:
        msg += (f"（以「{lead.group('pre')}」列举" if some else "（列举以「等」结尾") + \
            ("，所列已多于所述）" if status != "ok" else "）")
    others = sorted({t.count for t in tallies} - {best.count})
    if status != "ok" and others:
        msg += f"（若末项中的「和」连接两项，则为 {others[0]} 项）"
    return _f(doc_id, "claim_count", c, status, severity=severity_of(status, diff, computed), stated=c.value,
              computed=computed, difference=diff, message=msg, reason="counted in the list that follows the count")


def _subsequence(short: str, long: str) -> bool:
    """Every character of ``short`` appears in ``long`` in order ("机关事业单位养老保险缴费" in
    "机关事业单位基本养老保险缴费")."""
    it = iter(long)
    return all(ch in it for ch in short)


def _list_item_row(item: str, entries: list[tuple[str, TableRow]]) -> tuple[list[TableRow], str]:
    """(rows, how) of the table rows a listed item names: exactly, one name inside the other, or — for a
    shortened name — the one label that has all the item's characters in order (how = that label)."""
    x = norm(item)

    def rows_of(pred):
        return list({id(r): r for lab, r in entries if pred(lab)}.values())

    hit = rows_of(lambda lab: lab == x)
    if hit:
        return hit, "exact"
    hit = rows_of(lambda lab: len(x) >= 3 and len(lab) >= 3 and (x in lab or lab in x))
    if hit:
        return hit, "contains"
    if len(x) >= 4:
        labels = list(dict.fromkeys(lab for lab, _r in entries if len(lab) > len(x) and _subsequence(x, lab)))
        if len(labels) == 1:
            return rows_of(lambda lab: lab == labels[0]), labels[0]
    return [], ""


def _list(doc_id, c, idx) -> list[Finding]:
    """The items of "人员经费…主要包括：A、B、C" against the basic-economic table.

    An item is found when a row carries its name (or, for a shortened name, the one row whose name holds all
    its characters in order — said in the message).  An item found whose row is zero or blank in the column
    of the listed category (人员经费 / 公用经费) contradicts the list: ``mismatch``.  An item not found is not
    a contradiction — the narrative may group spending under its own names ("公用综合定额经费", "水电费") —
    so it is ``unverifiable``; the items found stay ``ok``.
    """
    s = _subj(c.subject)
    t = idx.t("general_budget_basic_economic")
    if not (s.endswith(("人员经费", "公用经费", "基本支出")) and t is not None):
        return [_unverifiable(doc_id, "claim_list_items", c, f"no table lists the items of「{c.subject or '?'}」",
                              unit="")]
    rows = table_rows(t)
    entries = [(norm(part), r) for r in rows for part in r.label.split(" / ") if part.strip()]
    want = r"人员" if "人员" in s else (r"公用" if "公用" in s else None)
    jcat = value_column(t, want=want) if want else None
    found, short, missing, zero = [], [], [], []
    for item in c.items:
        hits, how = _list_item_row(item, entries)
        if not hits:
            missing.append(item)
            continue
        if how not in ("exact", "contains"):
            short.append((item, how))
        if jcat is not None and not any(r.values.get(jcat) for r in hits):
            zero.append((item, hits[0]))  # every row of that name is zero or blank in the category's column
        else:
            found.append((item, next((r for r in hits if jcat is None or r.values.get(jcat)), hits[0])))
    out = []
    common = dict(table=t.key, unit="")
    n = len(c.items)
    if found:
        ok_items = [i for i, _r in found]
        short = [(i, lab) for i, lab in short if i in ok_items]
        names = "；".join(f"「{i}」按表中「{lab}」" for i, lab in short)
        msg = (f"第{c.page}页「{c.subject}」所列 {n} 项" + ("均" if len(ok_items) == n else f"中 {'、'.join(ok_items)} ")
               + f"见于表 {t.key}" + (f"（{names}，名称简写）" if names else ""))
        first = found[0][1] if found else None
        out.append(_f(doc_id, "claim_list_items", c, "ok", stated=Decimal(n), computed=Decimal(len(ok_items)),
                      difference=Decimal(n - len(ok_items)), row=first.index if first is not None else None,
                      message=msg, reason=("shortened names: " + "; ".join(f"{i} = {lab}" for i, lab in short))
                      if short else "", **common))
    if zero:
        col = t.columns[jcat].name
        what = "、".join(f"{i}（第{r.index}行 {r.label}「{col}」{fmt(r.values.get(jcat)) if jcat in r.values else '空白'}）"
                        for i, r in zero)
        out.append(_f(doc_id, "claim_list_items", c, "mismatch", severity="low", stated=Decimal(n),
                      computed=Decimal(n - len(zero)), difference=Decimal(len(zero)), row=zero[0][1].index,
                      column=col, message=f"第{c.page}页「{c.subject}」所列 {n} 项中 {what} 在表 {t.key} 中没有{s}",
                      reason="listed, but the table gives the item no " + s + ": " + "、".join(i for i, _r in zero),
                      **common))
    if missing:
        reason = (f"{'、'.join(missing)}: no row of table {t.key} carries this name; the narrative may group spending "
                  f"under names of its own, so this is not a contradiction")
        out.append(_unverifiable(doc_id, "claim_list_items", c, reason, stated=Decimal(len(missing)), **common))
        out[-1].message = (f"第{c.page}页「{c.subject}」所列 {n} 项中 {'、'.join(missing)} 不见于表 {t.key}: 无法核对 — "
                           f"不是表中的经济分类科目名称，叙述可按自己的名称归类，不见于表不等于不符")
    return out
