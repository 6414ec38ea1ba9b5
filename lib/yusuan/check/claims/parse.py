"""The sentence grammar: each sentence's figures classified by the words around them into claims — amounts,
shares (占X%), changes (比上年增加X万元，增长Y%), "与上年相同", counts with the items they name, lists ("主要包括：
A、B、C"); what a figure's subject is comes from :mod:`.subjects`, its scope from :mod:`.context`.
:func:`parse_claims` runs the whole pipeline (see the package's docstring)."""
from __future__ import annotations

import re
from dataclasses import replace

from yusuan.base.numbers import parse_number
from yusuan.check.claims.context import _class_scopes, _fund_context, _named_fund, _unit_scope
from yusuan.check.claims.figures import _MONEY, _NUM_UNIT, _dropped_zeros
from yusuan.check.claims.items import split_etc, tally
from yusuan.check.claims.model import Claim
from yusuan.check.claims.sentences import (_ENUM, _TOP_HEADING, _last_delim, _Para, _paragraphs, _quote,
                                           _split_sentences, _State, _track_glossary, narrative_pages)
from yusuan.check.claims.subjects import (_OWNER, _aspect_words, _coded_name, _involved_item, _is_aspect, _is_generic,
                                          _normalize_subject, _owned_aspect, _owned_subject, _plain_subject,
                                          _qualified_aspect, _resumed_item, _sentence_owners, _strip_lead,
                                          _subject_and_year)

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
    st.items = []
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

    first = len(out)
    for s0, s1 in _split_sentences(text):
        _parse_sentence(text, s0, s1, para, st, out)
        if st.scope and not st.scope.get("open"):
            st.scope = None
    for i in range(first, len(out)):
        c = out[i]
        if c.alt_subject and any(d.kind == "amount" and d.parent == c.alt_subject for d in out[i + 1:]):
            out[i] = replace(c, alt_subject="")  # more items of the list follow: the change is the item's own


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
            alt = ""  # the total of the list whose last item the change follows: the change may be the total's
            last_amt_end = sent_amounts[-1]["end"] if sent_amounts else -1
            if own_subject and not _is_generic(own_subject) and not re.search(r"[增减]", own_subject):
                subject = own_subject
            elif last_change is not None and last_change["seg"] == seg and last_change["end"] > last_amt_end:
                subject = last_change["subject"]
                attributed_parent = last_change.get("to_parent", False)
                alt = last_change.get("alt", "")
            else:
                cur = current_subject(m.start())
                if cur is not None and st.scope and cur.get("parent") == st.scope["subject"] and st.scope["nsub"] >= 2 \
                        and clause_start >= cur["end"] and not st.scope.get("open") \
                        and st.scope.get("seg") == seg:
                    subject = st.scope["subject"]
                    attributed_parent = True
                    # a breakdown of a list's last item ("公务用车购置及运行费10.00万元（其中：…）"): the item's or the list's
                    item = next((r for r in reversed(st.items) if r["subject"] == subject), None)
                elif cur is not None:
                    subject = cur["subject"]
                    item = cur
                else:
                    subject = st.para_subject or st.topic or _coded_name(sent[:m.start()])
                    # a sentence that starts with the change ("…10.00万元。比上年减少3.00万元") after a list's last item
                    item = st.items[-1] if st.items and st.items[-1]["subject"] == subject else None
                alt = _list_total(item, text, st.items)
            parent = st.scope["subject"] if st.scope and not attributed_parent and st.scope["subject"] != subject else ""
            claim = dict(base, subject=subject, kind=kind, value=value, unit=unit, basis=basis,
                         direction=direction, parent=parent, alt_subject=alt)
            out.append(Claim(**claim))
            last_change = dict(subject=subject, basis=basis, seg=seg, end=m.end(), to_parent=attributed_parent, alt=alt)
            if attributed_parent and st.scope and not st.scope.get("open"):
                st.scope = None
            continue

        if unit == "%":
            continue  # a bare percentage that is neither a share nor a change

        # amount or count
        kind = "amount" if unit in _MONEY else "count"
        if kind == "count":
            base["sentence"] = _list_quote(sent, quote, m.end())
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
            else:
                head, partial = split_etc(subject)
                noun_after = subject[len(head):].lstrip("等")
                if partial and not re.fullmatch(r"(共|共计|合计|总计|计)?", noun_after):
                    # "A、B、C等内设机构12个": what is counted is the noun after the 等 that ends the list
                    subject = noun_after
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
        rec = dict(subject=subject, value=value, end=m.end(), s0=s0, at=s0 + start, after=s0 + m.end(), parent=parent,
                   unit=unit, owner=owner, noun=noun, aspect=aspect, elided=bool(aspect) and generic)
        seg_last[seg] = rec
        sent_amounts.append(rec)
        st.items.append(rec)
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


def _list_quote(sent: str, quote: str, end: int) -> str:
    """The quote of a count, reaching over the list that follows it ("北京市人民政府办公厅有28个内设机构，分别为办公室、
    会议处、…、离退休干部处；"): a long sentence is quoted around its figure only, which would cut off the items
    the count is checked against.  ``end``: where the figure ends in ``sent``."""
    stripped = sent.strip()
    stop_m = re.compile(r"[。；;]").search(sent, end)
    stop = stop_m.start() if stop_m else len(sent)
    tail = sent[end:stop]
    at = stripped.find(quote)
    if "、" not in tail or len(tail) > 800 or at < 0:
        return quote
    start = len(sent) - len(sent.lstrip()) + at
    if start + len(quote) >= stop:
        return quote  # the quote holds the list already
    return sent[start:stop + 1].strip()  # its end (。；) too: the list is known to end there


_QUALIFIER = re.compile(r"实有|现有|共有|实际|实际有|在用|在编|编制|核定|预算编制|编制数|实有数")
_QUALIFIER_LEAD = re.compile(r"^(预算编制|编制|核定|实有|现有|共有|在用|实际)")
_STRONG_LIST_VERB = r"(?:分别有|分别为|分别是|具体包括|主要包括|包括|包含)"
_ITEMS_BEFORE = re.compile(r"^(?P<head>[^、：:]*?)(?P<verb>" + _STRONG_LIST_VERB + r"|有)[:：]?(?P<items>[^：:]+?)"
                           r"(?:等|共计|合计|共|计)?$")
_COUNT_NOUN = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:项目|单位|机构|科室|处室)")
_HAS_BEFORE = re.compile(r"^(?P<head>[^、：:]*?)(?:共有|设有|拥有|有)$")
_ITEMS_AFTER = re.compile(r"^(?P<noun>[\u4e00-\u9fff]{1,16}?)(?:分别为|分别是|为|是)[:：]?(?P<items>[^，,；;。！？!?]+)")
_CLAUSE_END = re.compile(r"[，,；;。！？!?]")


# a comparison an item of a list states of its own ("公务接待费2.00万元，比上年减少1.00万元；", "…，与上年持平；",
# "因公出国（境）经费0.00万元，上年及本年度，本部门均无因公出国（境）经费预算；") — not 上年结转, an item's name
_COMPARED = re.compile(r"(?:比|较|与|同)[^，,；;。]{0,24}?(?:增加|减少|增长|下降|上升|降低|持平|相同|一致|不变|无变化)"
                       r"|无变化|持平|无增减|(?:上年|去年|上一年)(?!结转|结余|末)")


def _list_total(item: dict | None, text: str, items: list[dict]) -> str:
    """The total a list breaks down, when a change stated after the list's last item ``item`` may be the total's:
    "“三公”经费12.00万元，其中：因公出国（境）费0万元，公务接待费2.00万元，公务用车购置及运行费10.00万元（其中：…），
    比上年减少3.00万元" — the change follows 公务用车购置及运行费 but may be the 三公 total's.  "" when the change is
    the item's alone: the item is no list's, or the first of its list, or an item before it states a comparison of
    its own (the items then carry their own changes, as in "公务接待费…，比上年减少1.00万元；公务用车…，比上年减少…").
    A change after the items of a list joined by 、 (no comparison between them) is given to the total by the
    parser already (the scope's nsub rule); this covers the list that ends otherwise: a breakdown of its own in
    brackets, the items separated by ；, or the change opening the next sentence.  (Seen in the corpus: the items of
    三公 lists with 与上年持平 or a change each carry their own; a 、 list followed by 较上年减少… is the total's.)

    ``item``, ``items``: the parser's amount records (``at``/``after``: where the figure starts/ends in ``text``,
    the paragraph; ``s0``: where its sentence starts) — ``items`` the paragraph's so far."""
    if item is None or not item.get("parent") or item["parent"] == item["subject"]:
        return ""
    # the items listed before it in its sentence (a total's parts stated sentence by sentence are levels of a
    # breakdown, "收入预算总计…。包括：1．财政拨款收入预算总计…。一般公共预算收入预算…", not a list)
    siblings = [r for r in items if r is not item and r.get("parent") == item["parent"] and r["at"] < item["at"]
                and r["s0"] == item["s0"]]
    if not siblings or _COMPARED.search(text, siblings[0]["after"], item["at"]):
        return ""
    return item["parent"]


def _split_items(body: str) -> tuple[str, ...] | None:
    items = tuple(x.strip(" ，,") for x in body.split("、") if x.strip(" ，,"))
    if not items or any(len(x) > 30 or _NUM_UNIT.search(x) or re.search(r"[，,：:]", x)
                        or len(re.findall(r"[（(]", x)) != len(re.findall(r"[）)]", x)) for x in items):
        return None  # not a list of names (a 、 inside brackets, a figure, a clause)
    return items


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
        listed, partial = split_etc(a.group("items").strip())
        partial = partial or split_etc(before[a.start("items"):].strip())[1]  # the 等 the pattern left outside
        items = _split_items(listed)
        if items and partial and tally(items).count < value:
            items = None  # "A、B…等14个部门", "A、B等内设机构14个": 等 says the list names only some of them
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
    return _unit_scope(_named_fund(_fund_context(_dropped_zeros(out))))
