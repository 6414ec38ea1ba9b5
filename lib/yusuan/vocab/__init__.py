"""The domain's vocabulary, as data: the *.yml files of this folder and their one loader.

Every word yusuan reads a disclosure by lives in a file here, loaded by :func:`load` and compiled once by the
functions below: table titles → canonical keys (``catalogue.yml``, :func:`title_key`), which tables a budget or a
final account must print (``statutory.yml``), what a column holds (``columns.yml``), classification classes and
codes (``classes.yml``), stage and year words of column heads (``stages.yml``), totals and the "三公" items
(``words.yml``), the identities the tables must satisfy (``identities.yml``), the key figures (``keyfigures.yml``,
read by :mod:`yusuan.check.keyfigures`), the charts' words (``charts.yml``, read by
:mod:`yusuan.present.charts`) and what a document is — a disclosure or a look-alike (``documents.yml``, read by
:mod:`yusuan.steps.lookalike`).  A new province should mostly need new lines here, not new code."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from yusuan.base.text import fold

KEYS = (
    "summary", "revenue", "expenditure", "appropriation_summary", "general_budget_expenditure",
    "general_budget_basic_economic", "general_budget_economic", "general_budget_project_economic",
    "basic_expenditure", "gov_fund_revenue", "gov_fund_expenditure", "state_capital",
    "three_public", "admin_operating", "project_expenditure", "project_expenditure_carryover",
    "carryover_expenditure", "procurement", "purchased_services", "state_assets",
    "performance_targets", "performance_self_evaluation",
)
# Keys no title names: a 绩效目标 table printed as a list (one row per project, with an amount column)
# rather than as forms is a performance_list, from its structure (tables._is_form).
DERIVED_KEYS = ("performance_list",)
# Tables whose left half is revenue and right half spending.
TWO_SIDED = {"summary", "appropriation_summary"}


def load(name: str):
    """The parsed vocabulary file ``<name>.yml`` of this folder (a new object on every call: each reader compiles
    and caches what it needs).  Raises FileNotFoundError for a name with no file."""
    return yaml.safe_load(resources.files(__name__).joinpath(f"{name}.yml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Rule:
    key: str
    what: str
    match: tuple[re.Pattern, ...]
    veto: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    raw = load("catalogue")
    out = []
    for r in raw:
        assert r["key"] in KEYS, r["key"]
        out.append(Rule(r["key"], r.get("what", ""), tuple(re.compile(p) for p in r["match"]),
                        tuple(re.compile(p) for p in r.get("not", []))))
    return tuple(out)


def title_key(title: str) -> str | None:
    """The canonical key a title names, or None when it is not a statutory table we know."""
    return _title_key(title or "")


@lru_cache(maxsize=1 << 14)  # every text piece near a table is asked; the same ones on every page
def _title_key(title: str) -> str | None:
    t = fold(title)
    t = re.sub(r"^[一二三四五六七八九十]+[、.]", "", t)  # 一、2017年度…
    t = re.sub(r"^(表|预算|决算)?\d+[表:：]?", "", t)  # 表1：… / 预算01表…
    t = re.sub(r"^(\d{4}年(度)?)", "", t)
    for rule in rules():
        if any(p.search(t) for p in rule.match) and not any(v.search(t) for v in rule.veto):
            return rule.key
    return None


@lru_cache(maxsize=1)
def _statutory() -> dict:
    return load("statutory")


def statutory_tables(kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The statutory tables a disclosure of ``kind`` (部门预算, 单位决算, …) prints, as catalogue keys:
    (those every template requires, those required only where the disclosure's contents list them).

    From statutory.yml: the 财政部 部门预算 / 部门决算 公开 templates and the tables provinces add.  Raises
    KeyError for a kind that is neither a budget (预算) nor final accounts (决算)."""
    which = "final" if "决算" in kind else "budget" if "预算" in kind else None
    if which is None:
        raise KeyError(kind)
    entry = _statutory()[which]
    keys, listed = tuple(entry["tables"]), tuple(entry.get("where_listed", ()))
    assert all(k in KEYS for k in keys + listed), keys + listed
    return keys, listed


def core_tables(kind: str) -> tuple[str, ...]:
    """Every statutory table a disclosure of ``kind`` may have to print (both lists of
    :func:`statutory_tables`).  Raises KeyError as it does."""
    keys, listed = statutory_tables(kind)
    return keys + listed


@lru_cache(maxsize=1)
def column_rules() -> dict[str, dict[str, re.Pattern]]:
    """columns.yml: header patterns that say what a column holds (line numbers, codes, text, units)."""
    raw = load("columns")
    return {k: {f: re.compile(v[f]) for f in ("header", "unless") if f in v} for k, v in raw.items()}


@lru_cache(maxsize=None)
def _classes() -> dict:
    return load("classes")


@lru_cache(maxsize=None)
def class_codes(which: str) -> dict[str, str]:
    """The 类 of a classification in classes.yml, code → name: "function_classes" (2xx), "economic_classes"
    (部门预算支出经济分类, 3xx), "government_economic_classes" (政府预算支出经济分类, 5xx); reserve_lines has no
    codes.  The one place class names and codes are defined (财政部 政府收支分类科目)."""
    return {str(k): v for k, v in (_classes()[which].get("codes") or {}).items()}


@lru_cache(maxsize=None)
def class_names(which: str) -> tuple[str, ...]:
    """The 类 names of a classification in classes.yml (see class_codes), or the ``names`` of a plain list."""
    entry = _classes()[which]
    return tuple(class_codes(which).values()) if entry.get("codes") else tuple(entry["names"])


@lru_cache(maxsize=None)
def former_class_names(which: str = "function_classes") -> dict[str, str]:
    """Names a 类 bore in earlier years' classification, name → code (文化体育与传媒支出 → 207)."""
    return {k: str(v) for k, v in (_classes()[which].get("former_names") or {}).items()}


@lru_cache(maxsize=None)
def personnel_classes(which: str) -> tuple[str, ...]:
    """Codes of the 类 whose spending is 人员经费 by the usual definition (301 + 303; 501 + 509)."""
    return tuple(str(c) for c in _classes()[which].get("personnel") or ())


def ambiguous_class_names(which: str) -> tuple[str, ...]:
    """Class names of ``which`` that also name a 款 or 项 (classes.yml ``also_items``)."""
    return tuple(_classes()[which].get("also_items") or ())


@lru_cache(maxsize=1)
def stage_words() -> dict:
    """stages.yml, compiled: ``stages`` [(stage, pattern)], ``funds`` (a pattern), ``year`` (a pattern),
    ``relative`` {word: offset}, ``not_a_year`` (a pattern: money brought forward, 上年结转…)."""
    raw = load("stages")
    return {"stages": [(e["stage"], re.compile(e["words"])) for e in raw["stages"]],
            "funds": re.compile(raw["funds"]), "year": re.compile(raw["years"]["absolute"]),
            "relative": dict(raw["years"]["relative"]), "not_a_year": re.compile(raw["years"]["not_a_year"])}


def header_stage(path: list[str]) -> str:
    """The stage a column's header prints (预算 / 调整预算 / 执行 / 决算), "" when none: the innermost header
    element that names one wins ("2025年预算数" → 预算; "财政拨款“三公”经费 / 合计 / 决算数" → 决算; "本年收入 /
    一般公共预算" → "", a fund).  Source: stages.yml."""
    return _header_stage(tuple(path))


@lru_cache(maxsize=1 << 14)
def _header_stage(path: tuple[str, ...]) -> str:
    words = stage_words()
    for element in reversed(path):
        e = words["funds"].sub("", fold(element))
        for stage, rx in words["stages"]:
            if e and rx.search(e):
                return stage
    return ""


def header_year(path: list[str], doc_year: int | None = None) -> int | None:
    """The year a column's header prints: "2026年预算数" → 2026; relative to the disclosure's year "上年…" →
    ``doc_year`` − 1, "本年…" → ``doc_year`` (None without it); None when the header names no year.  上年结转,
    上年结余 and the like name money brought forward into this year, not a year (stages.yml ``not_a_year``)."""
    words = stage_words()
    for element in reversed(path):
        e = fold(element)
        if m := words["year"].search(e):
            return int(m.group(1))
        if words["not_a_year"].search(e):
            continue
        for word, offset in words["relative"].items():
            if e.startswith(word) and doc_year is not None:
                return doc_year + offset
    return None


@lru_cache(maxsize=1)
def words() -> dict:
    """words.yml, compiled: ``totals`` (element, label, memo, brought_forward: patterns; grand, year_total: {side:
    pattern}) and
    ``three_public`` (concept → {"name": printed name, "header": pattern, "subject": pattern}, in the file's
    order) and ``lists`` (etc, some, range, range_not, not_counted, excluding: how a narrative list says what it counts)."""
    raw = load("words")
    t = raw["totals"]
    totals = {k: re.compile(t[k]) for k in ("element", "label", "memo", "brought_forward")}
    totals.update({k: {side: re.compile(p) for side, p in t[k].items()} for k in ("grand", "year_total")})
    concepts = {name: {w: (p if w == "name" else re.compile(p)) for w, p in c.items()}
                for name, c in raw["three_public"]["concepts"].items()}
    lists = {k: re.compile(raw["lists"][k]) for k in ("etc", "some", "range", "range_not", "not_counted", "excluding")}
    return {"totals": totals, "three_public": concepts, "lists": lists}


@lru_cache(maxsize=1)
def identity_rules() -> dict:
    """identities.yml: the identities the tables must satisfy, as declared rules ({"per_table": [...],
    "cross_table": [...]}, each with id, function, tables, checks, states, source, example)."""
    raw = load("identities")
    for rule in raw["per_table"] + raw["cross_table"]:
        assert {"id", "function", "tables", "checks", "states", "source", "example"} <= set(rule), rule
        assert rule["tables"] == "*" or all(k in KEYS for k in rule["tables"]), rule
    return raw


def describe() -> list[dict]:
    """The catalogue as rows, for the README and notebooks."""
    return [{"key": r.key, "what": r.what, "patterns": [p.pattern for p in r.match]} for r in rules()]


@lru_cache(maxsize=1)
def names_words() -> dict:
    """names.yml, compiled: ``labels`` ({"department", "unit", "bare"}: pattern), ``suffix``, ``title_head``,
    ``scopes`` (a pattern of the bracketed scope words), ``organ_prefix``, ``central`` (patterns); ``township``,
    ``township_body``, ``government`` as strings (alternations, for yusuan.vocab.divisions to build on)."""
    raw = load("names")
    out = {"labels": {k: re.compile(p) for k, p in raw["labels"].items()}}
    for k in ("suffix", "title_head", "organ_prefix", "central"):
        out[k] = re.compile(raw[k])
    out["scopes"] = re.compile(rf"[（(]({raw['scopes']})[）)]")
    out.update({k: raw[k] for k in ("township", "township_body", "government")})
    return out
