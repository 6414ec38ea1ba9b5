"""Real disclosures: extraction finds exactly the statutory tables a person saw in each PDF.

tests/fixtures/expected_tables/<pdf>.yml lists the tables of each document (checked by eye
against the PDF).  Conventions: `other-N` tables are compared by count; every 绩效目标表 is a
performance_targets table (forms) or a performance_list (one row per project), compared by the pages
it covers.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, RAW, extraction

EXPECTED = sorted((FIXTURES / "expected_tables").glob("*.yml"))


def _base(key: str) -> str:
    if key.startswith("other-"):
        return "other"
    key = re.sub(r"-\d+$", "", key)
    # a 绩效目标表 printed as forms or as one list of projects: compared by the pages it covers
    return "performance_targets" if key == "performance_list" else key


def _expected(fx: Path):
    d = yaml.safe_load(fx.read_text(encoding="utf-8"))
    return d, d.get("tables") or []


@pytest.mark.slow
@pytest.mark.parametrize("fx", EXPECTED, ids=lambda p: p.stem)
def test_finds_exactly_the_tables_in_the_fixture(fx):
    d, tables = _expected(fx)
    ex = extraction(RAW / d["document"])
    got = ex.tables
    # statutory tables: same keys, same pages
    exp_main = sorted((t["key"], t["pages"][0], t["pages"][-1]) for t in tables
                      if _base(t["key"]) not in ("other", "performance_targets"))
    got_main = sorted((t.key, t.pages[0], t.pages[-1]) for t in got if _base(t.key) not in ("other", "performance_targets"))
    assert got_main == exp_main
    # other ruled tables: kept, never dropped
    assert Counter(_base(t.key) for t in got)["other"] == sum(_base(t["key"]) == "other" for t in tables)
    # performance target forms: present exactly where the fixture says
    exp_perf = {p for t in tables if _base(t["key"]) == "performance_targets" for p in range(t["pages"][0], t["pages"][-1] + 1)}
    got_perf = {p for t in got if _base(t.key) == "performance_targets" for p in range(t.pages[0], t.pages[-1] + 1)}
    assert got_perf == exp_perf


@pytest.mark.slow
@pytest.mark.parametrize("fx", EXPECTED, ids=lambda p: p.stem)
def test_empty_tables_units_and_facts(fx):
    d, tables = _expected(fx)
    ex = extraction(RAW / d["document"])
    by_key = {t.key: t for t in ex.tables}
    for t in tables:
        if _base(t["key"]) in ("other", "performance_targets"):
            continue
        got = by_key[t["key"]]
        assert got.empty == bool(t.get("empty")), t["key"]
        if t.get("unit"):
            assert got.unit == t["unit"], t["key"]
    assert ex.meta["year"] == d["year"]
    assert ex.meta["kind"] == d["kind"].split()[0].split("(")[0].strip()
    if tables:
        assert ex.meta["publisher"] and ex.meta["publisher"] in d["publisher"] + "（部门）（本级）"
