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

Modules: ``sentences`` (steps 1–3: pages, paragraphs, sentences), ``figures`` (numbers and units as printed),
``subjects`` (whose figure it is), ``parse`` (the sentence grammar, :func:`parse_claims`), ``context`` (fund and
class scopes from the paragraph), ``model`` (:class:`Claim`, :func:`claims_frame`).

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
from yusuan.check.claims.model import Claim, claims_frame
from yusuan.check.claims.parse import parse_claims
from yusuan.check.claims.sentences import narrative_pages

__all__ = ["Claim", "narrative_pages", "parse_claims", "claims_frame"]
