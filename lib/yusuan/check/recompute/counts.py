"""Counts (实行绩效目标管理的项目N个, 内设N个机构): against the distinct projects of the project tables, a unit's
projects, or the list that follows in the sentence; vehicles, equipment and other counts no table gives are
``unverifiable`` with the reason."""
from __future__ import annotations

import re
from decimal import Decimal

from yusuan.base.text import fold
from yusuan.check.claims.items import tally
from yusuan.check.claims.subjects import _OWNER
from yusuan.check.findings import Finding, fmt, judge, severity_of
from yusuan.check.lookup.cells import _project_entries
from yusuan.check.recompute.common import _f, _unverifiable
from yusuan.check.recompute.lists import _count_against_sentence_list
from yusuan.tables.rows import norm, project_rows
from yusuan.vocab import class_names

_NO_SUBJECT = "（主语未识别）"
_CHECK_OF_KIND = {"share": "claim_share", "change_percent": "claim_change", "change_amount": "claim_change",
                  "same": "claim_change", "count": "claim_count", "list": "claim_list_items", "amount": "claim_amount"}
# what a count in these units counts; no statutory table does
_COUNTED = {"辆": "vehicles", "台（套）": "pieces of equipment", "台": "pieces of equipment", "人": "people",
            "名": "people"}


def _counted(c) -> str | None:
    if c.unit in ("辆", "台") and re.search(r"车", c.subject):
        return f"vehicles ({c.unit})"
    return f"{_COUNTED[c.unit]} ({c.unit})" if c.unit in _COUNTED else None


# qualifiers that only pick out the listed projects ("重大项目分别有A、B、C3个项目"); any other qualifier
# ("政府购买服务项目") is a budget category whose number a table would have to give
_EDITORIAL = re.compile(r"^(重大|重点|主要|大型|核心)?$")


def _key(s: str) -> str:
    return norm(fold(s))


def _owner_unit(subject: str, units: list[str]) -> tuple[str | None, int]:
    """The unit a subject starts with ("人民政府办公室重大项目" → "大同市云冈区人民政府办公室") and the length
    of the matched name in the subject's key; a unit matches if its name ends with what the subject starts with."""
    s = _key(subject)
    best, blen = None, 0
    for u in units:
        lab = re.sub(r"\((本级|本部|机关)\)$", "", _key(u))
        for k in range(0, len(lab) - 2):
            suf = lab[k:]
            if len(suf) > blen and s.startswith(suf):
                best, blen = u, len(suf)
                break
    return best, blen


def _listed_count(doc_id, c, idx) -> Finding:
    """A count that names its items ("人民政府办公室重大项目分别有A、B、C3个项目"): the items are as many as
    stated (counted as :func:`~yusuan.check.claims.items.tally` counts), and each is a project of that unit in
    the project table(s)."""
    counted = tally(c.items)  # a range as many as it spans, an item marked as not counted as none
    n = counted.count
    count_ok = Decimal(n) == c.value
    count_txt = f"所列 {n} 项 {'=' if count_ok else '≠'} 所述 {fmt(c.value)}{c.unit}" + \
        (f"（{counted.explain()}）" if counted.explain() else "")
    entries = _project_entries(idx.tables) if "项目" in c.subject else []
    if not entries:
        if not count_ok:
            return _f(doc_id, "claim_count", c, "mismatch", severity="low", stated=c.value, computed=Decimal(n),
                      difference=c.value - n, message=f"第{c.page}页「{c.subject}」{count_txt}",
                      reason="the sentence lists a different number of items than it states")
        what = "no project expenditure table" if "项目" in c.subject else f"no table lists「{c.subject}」"
        return _unverifiable(doc_id, "claim_count", c, f"{count_txt}; {what} to check the items against")
    units = list(dict.fromkeys(u for u, _p, _t in entries if u))
    unit, blen = _owner_unit(c.subject, units)
    if unit is None:
        om = _OWNER.match(c.subject)
        blen = len(_key(om.group("owner"))) if om else 0
    category = re.sub(r"项目$", "", _key(c.subject)[blen:])
    found, misplaced, missing = [], [], []
    for item in c.items:
        hits = [e for e in entries if _key(e[1].label) == _key(item)]
        mine = [e for e in hits if unit is None or e[0] == unit]
        if mine:
            found.append((item, mine[0]))
        elif hits:
            misplaced.append((item, hits[0]))
        else:
            missing.append(item)
    tkey = (found or misplaced or [(None, ("", None, entries[0][2]))])[0][1][2]
    where = f"项目支出表中{unit}的项目" if unit else "项目支出表中的项目"
    problems = [] if count_ok else [count_txt]
    for item in missing:
        near = [e[1].label for e in entries if _key(item) in _key(e[1].label) or _key(e[1].label) in _key(item)]
        problems.append(f"「{item}」不见于项目支出表" + (f"（相近：{'、'.join(dict.fromkeys(near))}）" if near else ""))
    for item, e in misplaced:
        problems.append(f"「{item}」见于{e[0] or '项目支出表'}，不是{unit}的项目")
    first = found[0][1][1] if found else None
    common = dict(table=tkey, row=first.index if first is not None else None, stated=c.value,
                  computed=Decimal(len(found)), difference=c.value - len(found))
    if problems:
        msg = f"第{c.page}页「{c.subject}」{fmt(c.value)}{c.unit}: " + "；".join(problems)
        return _f(doc_id, "claim_count", c, "mismatch", severity="high" if not count_ok else "low", message=msg,
                  reason="; ".join(problems), **common)
    checked = f"{count_txt}，均为{where}（表 {tkey}）"
    if category and not _EDITORIAL.match(category):
        tabled = [t for t in idx.tables if category in (t.title or "")]
        why = (f"table {tabled[0].key}「{tabled[0].title}」is about {category} but is not matched to projects here"
               if tabled else f"no table in this disclosure says which projects are {category}")
        reason = (f"{checked}; but the number of {category} projects is not in any table checked ({why})")
        return _unverifiable(doc_id, "claim_count", c, reason, **common)
    note = f"；「{category}」是叙述的归类，无表可核" if category else ""
    om = _OWNER.match(c.subject)
    if unit is None and om:
        note += f"；项目支出表中没有单位「{om.group('owner')}」，未核对所属单位"
    return _f(doc_id, "claim_count", c, "ok", message=f"第{c.page}页「{c.subject}」{checked}{note}", **common)


def _count(doc_id, c, idx) -> Finding:
    if c.items:
        return _listed_count(doc_id, c, idx)
    if "项目" in c.subject and c.unit == "个" and re.search(r"评价", c.subject):
        # "拟对…等2个项目开展部门重点绩效评价": a selection of projects that no table marks
        return _unverifiable(doc_id, "claim_count", c, "the projects chosen for a performance evaluation (评价): "
                             "a selection no table marks", stated=c.value)
    if "项目" in c.subject and c.unit == "个" and ("绩效" in c.subject or re.search(r"绩效目标管理", c.sentence or "")):
        perf = idx.performance_total("")
        if perf is not None and perf[1] == c.value:
            # "涉及一级预算项目6个": the projects the 绩效目标表 enumerate, one form or list line each
            return _f(doc_id, "claim_count", c, "ok", stated=c.value, computed=Decimal(perf[1]), difference=Decimal(0),
                      table="performance_targets", message=f"第{c.page}页「{c.subject}」{c.value}个 = 绩效目标表所列项目 "
                      f"{perf[1]} 个（第{perf[0].page}页起）")
        # a different number is no mismatch: the forms may be second-level projects (12 forms for "一级预算项目6个",
        # the money the same)
    if "项目" in c.subject and c.unit == "个" and "绩效" in c.subject:
        # a count of goals set is held to the project table's lines too; "一级预算项目N个" is not (the table's
        # lines may be second-level projects: 实施公车统管 printed once per unit)
        t = idx.t("project_expenditure")
        if t is None:
            return _unverifiable(doc_id, "claim_count", c, "no project expenditure table to count projects in")
        _dept, units, loose = project_rows(t)
        rows = [(u.label, p) for u, ps in units for p in ps] + [("", p) for p in loose]
        distinct = {}
        for u, p in rows:
            distinct.setdefault((norm(u), norm(p.label)), []).append(p)
        split = {k: v for k, v in distinct.items() if len(v) > 1}
        computed = Decimal(len(distinct))
        status, diff = judge(c.value, computed, Decimal(0))
        note = ""
        reserves = [k for k in distinct if any(n in k[1] for n in class_names("reserve_lines"))]
        if status == "mismatch" and reserves and c.value == len(distinct) - len(reserves):
            # "编报9个项目绩效目标" beside 10 lines of which one is 预算准备金: a reserve has no goal
            computed, status, diff = c.value, "ok", Decimal(0)
            note = f"；不计储备性质的「{'、'.join(k[1] for k in reserves)}」，为 {fmt(computed)} 个"
        elif status == "mismatch" and reserves and len(distinct) - len(reserves) < c.value < len(distinct):
            # 57 goals beside 58 lines of which two are reserves (in two units): whether a reserve carries a goal
            # is not printed, so any count from 56 to 58 fits the tables
            return _unverifiable(doc_id, "claim_count", c, f"between the {len(distinct) - len(reserves)} projects that "
                                 f"are not reserves and all {len(distinct)} project lines (reserves: "
                                 f"{'、'.join(k[1] for k in reserves)}); the tables do not say which reserves carry a "
                                 "performance goal", stated=c.value, computed=computed, table=t.key)
        if split:
            note += "；" + "、".join(f"「{k[1]}」占 {len(v)} 行（{' + '.join(fmt(next(iter(x.values.values()))) for x in v)}）"
                                   for k, v in split.items()) + "，按一个项目计"
        msg = (f"第{c.page}页「{c.subject}」{c.value}个 {'=' if status == 'ok' else '≠'} 项目支出表中不同项目 {len(distinct)} 个"
               f"（{len(rows)} 行{note}）")
        return _f(doc_id, "claim_count", c, status, severity=severity_of(status, diff, computed), table=t.key,
                  stated=c.value, computed=computed, difference=diff, message=msg,
                  reason=("rows counted once per unit and name: " + "; ".join(k[1] for k in split)) if split else "")
    listed = _count_against_sentence_list(doc_id, c)
    if listed is not None:
        return listed
    if _counted(c):
        return _unverifiable(doc_id, "claim_count", c, f"no table counts {_counted(c)}: the tables print amounts only",
                             stated=c.value)
    return _unverifiable(doc_id, "claim_count", c, f"no table counts「{c.subject}」")
