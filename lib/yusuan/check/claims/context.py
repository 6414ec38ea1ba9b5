"""Scopes a claim takes from the paragraph around it, after parsing: the fund of the last fund total stated in
the section (``_fund_context``), and figures after a classification item that belong to that item, or parts of
an aggregate or of a project's money that are its own (``_class_scopes``)."""
from __future__ import annotations

import re
from dataclasses import replace

from yusuan.base.numbers import parse_number
from yusuan.check.claims.model import Claim
from yusuan.check.claims.sentences import _UNIT_TYPES
from yusuan.check.claims.subjects import _is_class_name

_FUND = re.compile(r"一般公共预算|政府性基金|国有资本经营|财政拨款")
_FUND_TOTAL = re.compile(r"^(\d{4}年)?(本部门|本单位)?(当年)?(一般公共预算|政府性基金|国有资本经营|财政拨款)(预算)?(当年)?(拨款)?"
                         r"(收入|支出)?(预算)?(收支)?(总预算|总计|合计)?$")
_ALL_FUNDS_TOTAL = re.compile(r"^(\d{4}年)?(本部门|本单位|部门)?(收入|支出|收支)(预算)?(总预算|总计|合计)?$|^(收支)?总预算$")
_NATURE_TOTAL = re.compile(r"^(?:\d{4}年)?(?:本部门|本单位)?(?:当年|本年)?(?:一般公共预算)?(?:拨款)?(项目支出|基本支出)(?:预算)?$")


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


# a unit of the department named in a figure's clause: its own office (局机关, 机关本级, …（本级）) or a subordinate
# (所属/下属/直属 …中心): the figure is that unit's, not the department's
_UNIT_NAMED = re.compile(r"(?:所属|下属|直属)[\u4e00-\u9fff]{1,16}?" + _UNIT_TYPES + r"|" + r"[局委办厅]机关|机关本级")
# the department's own office: a unit only where the department has others (a one-unit department's office is all)
OWN_OFFICE = re.compile(r"^([局委办厅]机关|机关本级)$")
# an organisation's name ends so (the department's or a unit's own budget, stated whole: "执法总队收入预算")
_ORGANISATION_END = re.compile(_UNIT_TYPES + r"$|(总队|支队|大队|队|所|站|院|馆|会|处|科|室|厅|委|部|办)$")


def _unit_scope(claims: list[Claim]) -> list[Claim]:
    """A figure whose own clause names a unit of the department — a subordinate (所属信息中心公用经费) or its office
    (局机关日常公用经费: :data:`OWN_OFFICE`, a unit only where the tables list others, decided when recomputing) — is
    that unit's: scoped to it, never held to the department's total (issue 23).  Only amounts without a scope; the
    department as a whole (本部门, 本单位) names no unit."""
    out = []
    for c in claims:
        if c.kind == "amount" and not c.scope and (clause := _clause_of(c)) and (m := _UNIT_NAMED.search(clause)):
            c = replace(c, scope=m.group(0))
        out.append(c)
    return out


# a printed figure with its unit, to find a claim's figure in its quoted sentence
_FIGURE = re.compile(r"[-−－]?\d[\d,]*(?:\.\d+)?(?=\s*(万元|亿元|千元|元))")
_CLAUSE_START = re.compile(r".*[，,；;。：:、]")
# one specific fund named in the clause of a figure (一般公共预算拨款安排的“三公”经费; 政府性基金预算支出)
_ONE_FUND = re.compile(r"一般公共预算|政府性基金|国有资本经营")


def _clause_of(c: Claim) -> str | None:
    """The clause of ``c``'s sentence before its figure (from the last delimiter), or None where the figure is not
    found once with its unit."""
    hits = [m for m in _FIGURE.finditer(c.sentence) if m.group(1) == c.unit and parse_number(m.group(0)) == c.value]
    if len(hits) != 1:
        return None
    head = c.sentence[:hits[0].start()]
    before = list(_FIGURE.finditer(head))
    if before:  # the clause starts after the figure stated before it ("…520.00万元（含上年结转100.00万元）")
        head = head[before[-1].end() + len(before[-1].group(1)):]
    return _CLAUSE_START.sub("", head)


def _named_fund(claims: list[Claim]) -> list[Claim]:
    """The fund a figure's own clause names (``Claim.own_fund``): "其中一般公共预算拨款安排的“三公”经费0万元" is the
    三公 of the general budget, not of all funds (issue 23: it was read from 总计).  Only amounts; only a clause
    naming exactly one of the three funds.  Unlike the fund of a run of statements (:func:`_fund_context`, a
    guess from what came before), it is what the sentence says: the lookups read that fund's column."""
    out = []
    for c in claims:
        if c.kind == "amount" and c.value is not None and (clause := _clause_of(c)):
            found = set(_ONE_FUND.findall(clause))
            if len(found) == 1:
                c = replace(c, own_fund=found.pop())
        out.append(c)
    return out


_CLASSED = re.compile(r"[（(]\s*\d{3,7}\s*[）)]|^\s*\d{3,7}\s*[-－—_、 ]|[（(](类|款|项)[）)]")
# aggregates whose parts share names with the department's own figures (机关运行经费's 公务接待费 is not the 三公 one)
# (and the projects chosen for a 绩效评价: "…1个项目开展部门重点绩效评价，涉及预算资金435万元，其中财政拨款435万元")
_PART_OF = re.compile(r"机关运行经费|评价")
# the source of money a part names ("其中结转结余…", "其中财政拨款…"): under an item, the item's own
_SOURCE_PART = re.compile(r"^(上年)?(结转结余|结转|结余|财政拨款|一般公共预算|政府性基金|国有资本经营|事业收入|其他收入)(资金|拨款|收入)?$")
_WHOLE = re.compile(r"^(本|全)(部门|单位|局|委|办|级)|^(部门|单位)(预算|收入|支出|总)")


# the department's money named as a whole, with nothing of an item of its own left once these words go
_WHOLE_WORDS = re.compile(r"\d{4}年(度)?|本年|当年|年初|全年|部门|单位|本级|预算|决算|收入|支出|收支|资金|拨款|财政|总额|总计|合计|"
                          r"总|数|安排|的|一般公共|政府性基金|国有资本经营|经营|本|全")
# the nature of spending a part may name (of a class: its row's 人员经费 / 公用经费 … column)
_NATURE_PART = re.compile(r"^(人员经费|公用经费|人员支出|公用支出|日常公用经费|基本支出|项目支出)$")


def _names_the_whole(parent: str) -> bool:
    """Whether a parent subject is the department's money as a whole (收入预算, 一般公共预算财政拨款支出, 本部门收支总预算)
    rather than one item's (信息化建设项目预算, 常用装备保障项目, 机关运行经费): its parts are then the department's."""
    if _FUND_TOTAL.match(parent) or _ALL_FUNDS_TOTAL.match(parent) or _WHOLE.search(parent):
        return True
    rest = _WHOLE_WORDS.sub("", norm_words(parent))
    return not rest or bool(_ORGANISATION_END.search(rest))


def norm_words(s: str) -> str:
    return re.sub(r"[\s\"“”（）()、，,]", "", s or "")


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
        elif c.parent and _SOURCE_PART.match(subj) and not _names_the_whole(c.parent) and c.kind == "amount":
            # "常用装备保障项目615.04万元，其中结转结余126.00万元": the carry-over of that item ("信息化建设项目预算
            # 120.00万元，其中财政拨款100.00万元": that project's, not the department's — issue 23)
            c = replace(c, scope=c.parent)
        elif c.parent and _NATURE_PART.match(subj) and _is_class_name(c.parent) and c.kind == "amount":
            # "一般公共服务支出700.00万元，其中人员经费300.00万元": the class's 人员经费, not the department's
            c = replace(c, scope=c.parent)
        elif c.parent and (_CLASSED.search(c.parent) or _PART_OF.search(c.parent)) and c.kind in ("amount", "share", "change_amount", "change_percent", "same"):
            c = replace(c, scope=c.parent)
        elif scope and subj and c.kind in ("amount", "share", "change_amount", "change_percent", "same"):
            c = replace(c, scope=scope)
        out.append(c)
    return out
