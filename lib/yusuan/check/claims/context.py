"""Scopes a claim takes from the paragraph around it, after parsing: the fund of the last fund total stated in
the section (``_fund_context``), and figures after a classification item that belong to that item, or parts of
an aggregate or of a project's money that are its own (``_class_scopes``)."""
from __future__ import annotations

import re
from dataclasses import replace

from yusuan.check.claims.model import Claim
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
