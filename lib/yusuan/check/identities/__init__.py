"""Identities the statutory tables must satisfy, checked on the extracted tables.

The identities are declared as rules in ``identities.yml`` (what each states, its source in the 财政部
templates or a province's, an example); :func:`run_checks` evaluates exactly those rules, each by the
generic function it names (:data:`IDENTITY_FUNCTIONS`).  Every check is a pure function of :class:`~yusuan.tables.printed.PrintedTable` objects
and returns :class:`~yusuan.check.findings.Finding` records (see :mod:`yusuan.check.findings` for the
status and tolerance rules):

* ``column_sum`` / ``basic_plus_project`` / ``personnel_plus_public`` — a total
  column (合计/小计/总计/总额) equals the sum of its sibling columns under the same
  header (合计 = 基本支出 + 项目支出; 合计 = 人员经费 + 公用经费; 本年收入合计 =
  Σ sources).  Memo columns (其中…, 扣除…, 政府采购…, 增减…, %) are not parts.
* ``sum_children`` — a 类 equals the sum of its 款, a 款 the sum of its 项 (by
  code prefix), the table total the sum of its 类; in tables without codes the
  total equals the sum of the rows that are known classification classes; in the
  project table a unit's row equals the sum of its projects and the department
  row the sum of its units; in two-sided tables 本年收入合计 / 本年支出合计 equal
  the sum of the enumerated (一、二、…) rows above them.
* ``revenue_equals_expenditure`` — 收入总计 = 支出总计 in two-sided tables.
* ``three_public_sum`` — 三公 total = 因公出国 + 公务接待 + 公务用车购置及运行费, and
  公务用车购置及运行费 = 购置费 + 运行(维护)费, whether the table prints them as
  rows or as columns.
* ``cross_table_total`` — the same total printed in two tables (like with like
  only: all-funds tables with all-funds tables, the general budget with the
  general-budget column of the appropriation summary).
* ``perf_funds_vs_project`` — a performance form's 年度资金总额 (元) against the
  project's row in the project expenditure table (万元).

Modules: ``per_table`` (the identities within one table), ``cross_table`` (one total across tables),
``performance`` (performance forms against the project table), ``common`` (findings of a table identity); this
module runs the declared rules.  A new identity: a rule in identities.yml naming one of
:data:`IDENTITY_FUNCTIONS`, or a new generic function added there.
"""
from __future__ import annotations

from yusuan.check.findings import Finding
from yusuan.check.identities.cross_table import (appropriation_vs_general_budget,
                                                 general_budget_basic_vs_basic_economic,
                                                 revenue_vs_expenditure_by_class, summary_income_vs_revenue,
                                                 summary_spending_vs_expenditure)
from yusuan.check.identities.per_table import (check_class_rows, check_code_hierarchy, check_column_sums,
                                               check_listed_totals, check_projects, check_three_public, check_two_sided)
from yusuan.check.identities.performance import check_performance
from yusuan.tables.printed import PrintedTable
from yusuan.tables.rows import _unit_heads
from yusuan.vocab import identity_rules

__all__ = ["run_checks", "IDENTITY_FUNCTIONS", "check_cross_tables"]


# the generic functions the declared rules (identities.yml) name: per table f(doc_id, table), across tables
# f(doc_id, tables)
IDENTITY_FUNCTIONS = {
    "column_sums": check_column_sums,
    "projects": check_projects,
    "three_public": check_three_public,
    "two_sided": check_two_sided,
    "code_hierarchy": check_code_hierarchy,
    "class_rows": check_class_rows,
    "listed_totals": check_listed_totals,
    "summary_spending_vs_expenditure": summary_spending_vs_expenditure,
    "summary_income_vs_revenue": summary_income_vs_revenue,
    "appropriation_vs_general_budget": appropriation_vs_general_budget,
    "revenue_vs_expenditure_by_class": revenue_vs_expenditure_by_class,
    "general_budget_basic_vs_basic_economic": general_budget_basic_vs_basic_economic,
    "performance_forms": check_performance,
}


def _applies(rule: dict, t: PrintedTable) -> bool:
    """Whether a per-table rule of identities.yml applies to table ``t`` (its key and shape)."""
    base = t.key.split("-")[0]
    if rule["tables"] != "*" and base not in rule["tables"]:
        return False
    shape = rule.get("shape")
    if shape == "two_sided":
        return t.two_sided
    if shape == "one_sided":
        return not t.two_sided
    if shape == "unit_blocks":  # rows grouped under implementing units, no classification codes
        return not any(c.role == "code" for c in t.columns) and _unit_heads(t)
    return True


def _plan(rules: list[dict]) -> list[tuple[dict, list[dict]]]:
    """The per-table rules as (rule, its companions): a rule marked ``also`` runs beside the rule before it."""
    plan: list[tuple[dict, list[dict]]] = []
    for rule in rules:
        if rule.get("also"):
            plan[-1][1].append(rule)
        else:
            plan.append((rule, []))
    return plan


def run_checks(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """Every identity declared in identities.yml, evaluated on the extracted tables: per table (forms and
    self-evaluations have no totals to add up), then across tables.  Of the rules of one ``group`` only the first
    that applies to a table runs (with its companions).  See the module docstring for each identity."""
    rules = identity_rules()
    plan = _plan(rules["per_table"])
    out: list[Finding] = []
    for t in tables:
        if t.empty or t.key.split("-")[0].startswith(("performance_targets", "performance_self_evaluation")):
            continue
        chosen: set[str] = set()  # groups whose rule has run on this table
        found: list[Finding] = []
        def runs(r: dict) -> bool:
            return _applies(r, t) and not (r.get("unless") and any(f.check == r["unless"] for f in found))

        for rule, companions in plan:
            group = rule.get("group")
            if group in chosen or not runs(rule):
                continue
            if group:
                chosen.add(group)
            found += IDENTITY_FUNCTIONS[rule["function"]](doc_id, t)
            for r in companions:
                if runs(r):
                    found += IDENTITY_FUNCTIONS[r["function"]](doc_id, t)
        out += found
    for rule in rules["cross_table"]:
        out += IDENTITY_FUNCTIONS[rule["function"]](doc_id, tables)
    return out


def check_cross_tables(doc_id: str, tables: list[PrintedTable]) -> list[Finding]:
    """Every cross-table identity (identities.yml ``cross_table``)."""
    return [f for rule in identity_rules()["cross_table"] for f in IDENTITY_FUNCTIONS[rule["function"]](doc_id, tables)]
