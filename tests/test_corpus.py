"""The corpus of `yusuan batch` as Parquet + DuckDB: typed, in 万元, paired across years, two halves as one,
grown incrementally, and its ready tables agree with the per-document files."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import RAW

YUSUAN = Path(sys.executable).with_name("yusuan")


def test_amounts_in_wan_and_not_money():
    from yusuan.corpus.store import amount_wan

    assert amount_wan("12345.6", "元") == pytest.approx(1.23456)
    assert amount_wan("2.5", "亿元") == 25000.0
    assert amount_wan("37.91", "万元", "2025年预算数 / 合计") == 37.91
    for column in ("2026年预算数比2025年执行数 / 增减(%)", "执行率", "得分率", "占比", "实有人数", "车辆数（辆）"):
        assert amount_wan("12", "万元", column) is None, column
    assert amount_wan("12", "") is None and amount_wan("n/a", "元") is None
    assert amount_wan("3", "万元", "预算数", "增长率（%）") is None


def _pairs_by_brute_force(ident: dict) -> dict:
    """The pairing rule read literally: every other disclosure of the same department and kind in an earlier
    year, the latest (the larger key on a tie)."""
    from yusuan.corpus.store import department

    keyed = {k: (department(i["publisher"]), i["kind"], i["year"]) for k, i in ident.items()
             if i.get("publisher") and i.get("year") and not i.get("error")}
    out = {}
    for k, (who, kind, year) in keyed.items():
        earlier = [(y, q) for q, (w, c, y) in keyed.items() if w == who and c == kind and y < year]
        if earlier:
            out[k] = max(earlier)[1]
    return out


def test_years_pair_as_the_rule_says():
    """corpus.pair_years (grouped and sorted, so a corpus of 100,000 pairs at once) gives what the rule read
    literally gives: on the bundled departments' names and on 3,000 random identities with ties, gaps, both
    kinds, (部门)/(本级) suffixes, missing years and errors."""
    import random

    from yusuan.corpus.store import pair_years

    simple = {"a": {"publisher": "上海市普陀区人民政府万里街道办事处", "kind": "部门预算", "year": 2024},
              "b": {"publisher": "上海市普陀区人民政府万里街道办事处（部门）", "kind": "部门预算", "year": 2025},
              "c": {"publisher": "上海市普陀区人民政府万里街道办事处", "kind": "部门决算", "year": 2023},
              "d": {"publisher": "江苏省高级人民法院", "kind": "部门预算", "year": 2019},
              "e": {"publisher": "江苏省高级人民法院", "kind": "部门预算", "year": 2017},
              "f": {"publisher": "江苏省高级人民法院", "kind": "部门预算", "year": None},
              "g": {"error": "encrypted PDF (an open password is required); decrypt it first"}}
    assert pair_years(simple) == {"b": "a", "d": "e"}
    rng = random.Random(13)
    names = ["国家信访局", "北京市审计局", "江苏省高级人民法院", "上海市普陀区财政局"]
    ident = {}
    for n in range(3000):
        if rng.random() < 0.03:
            ident[f"k{n:05d}"] = {"error": "no text layer"}
            continue
        who = rng.choice(names) + rng.choice(["", "", "（部门）", "(本级)"])
        ident[f"k{n:05d}"] = {"publisher": who, "kind": rng.choice(["部门预算", "部门决算", None]),
                              "year": rng.choice([None, *range(2015, 2027)])}
    got = pair_years(ident)
    assert got == _pairs_by_brute_force(ident)
    assert len(got) > 2000


def test_region_and_department():
    from yusuan.corpus.store import department, region

    # where the publisher sits, highest division first (yusuan.vocab.divisions; tests/test_names.py reads more)
    assert region("上海市普陀区人民政府万里街道办事处") == "上海市普陀区万里街道"
    assert region("江苏省高级人民法院") == "江苏省"
    assert region("内蒙古自治区财政厅") == "内蒙古自治区"
    assert region("国家信访局") == "中央"
    assert region("审计局") is None and region(None) is None
    assert department("深圳市财政局（本级）") == "深圳市财政局"
    assert department("西安市公安局（汇总）") == "西安市公安局"


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """A corpus built in two runs: first 2024 and a two-file disclosure, then 2025 added."""
    tmp = tmp_path_factory.mktemp("corpus")
    src, out = tmp / "in", tmp / "out"
    src.mkdir()
    for name in ("sh-putuo-wanli-2024-budget.pdf", "bj-audit-2026-budget-tables.pdf", "bj-audit-2026-budget-text.pdf"):
        shutil.copy(RAW / name, src)
    first = subprocess.run([str(YUSUAN), "batch", str(src), "--out", str(out), "--jobs", "2"], capture_output=True,
                           text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    stamp = (out / "corpus_index.csv").read_text(encoding="utf-8")
    shutil.copy(RAW / "sh-putuo-wanli-2025-budget.pdf", src)
    second = subprocess.run([str(YUSUAN), "batch", str(src), "--out", str(out), "--jobs", "2"], capture_output=True,
                            text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    return out, first, second, stamp


@pytest.mark.slow
def test_adding_a_file_reads_only_that_file_and_pairs_it(grown):
    out, first, second, _ = grown
    words = lambda p: sorted(ln.split()[0] for ln in p.stdout.splitlines())  # noqa: E731
    assert words(first) == ["merged", "new", "new"]
    assert words(second) == ["merged", "new", "unchanged", "unchanged"]
    new = next(ln for ln in second.stdout.splitlines() if ln.startswith("new"))
    assert "sh-putuo-wanli-2025-budget.pdf" in new and "compared with sh-putuo-wanli-2024-budget.pdf" in new


@pytest.mark.slow
def test_two_halves_are_one_document_with_findings_once(grown):
    out = grown[0]
    import duckdb

    con = duckdb.connect(str(out / "corpus.duckdb"), read_only=True)
    bj = con.execute("SELECT doc_id, file, companion_file FROM documents WHERE region = '北京市'").fetchall()
    assert len(bj) == 1 and bj[0][1:] == ("bj-audit-2026-budget-tables.pdf", "bj-audit-2026-budget-text.pdf")
    doc_id = bj[0][0]
    per_doc = pd.read_csv(out / doc_id / "findings.csv", dtype=str)
    assert con.execute("SELECT count(*) FROM findings WHERE doc_id = ?", [doc_id]).fetchone()[0] == len(per_doc)
    assert con.execute("SELECT count(DISTINCT doc_id) FROM findings").fetchone()[0] == 3
    con.close()


@pytest.mark.slow
def test_three_public_in_duckdb_and_pandas_agree_with_the_documents(grown):
    out = grown[0]
    import duckdb

    from yusuan.corpus.store import amount_wan

    con = duckdb.connect(str(out / "corpus.duckdb"), read_only=True)
    # the README's query: total 三公经费 by department and year
    got = con.sql("SELECT department, year, sum(amount_wan) AS wan FROM three_public "
                  "GROUP BY ALL ORDER BY department, year").df()
    docs = con.execute("SELECT doc_id, department, year FROM documents WHERE status = 'complete'").df()
    con.close()
    want = []
    for d in docs.itertuples():
        kf = pd.read_csv(out / d.doc_id / "key_figures.csv", dtype=str, keep_default_na=False)
        row = kf[kf.key == "three_public"].iloc[0]
        want.append({"department": d.department, "year": d.year, "wan": amount_wan(row.value, row.unit)})
    want = pd.DataFrame(want).sort_values(["department", "year"]).reset_index(drop=True)
    assert len(got) == 3
    assert got.department.tolist() == want.department.tolist() and got.year.tolist() == want.year.tolist()
    assert got.wan.tolist() == pytest.approx(want.wan.tolist())
    # and the pandas one-liner of the README, from the Parquet dataset
    kf = pd.read_parquet(out / "parquet" / "key_figures", filters=[("key", "==", "three_public")])
    by = kf.groupby(["department", kf.year.astype(int)]).amount_wan.sum()
    assert by.tolist() == pytest.approx(want.wan.tolist())


@pytest.mark.slow
def test_figures_are_typed_and_changes_pair_the_years(grown):
    out = grown[0]
    import duckdb

    con = duckdb.connect(str(out / "corpus.duckdb"), read_only=True)
    codes = con.execute("SELECT DISTINCT code FROM figures WHERE code <> ''").fetchall()
    assert codes and all(isinstance(c, str) for (c,) in codes)
    # amounts printed in 元 and 万元 are all 万元 in amount_wan; percentages are NULL
    assert con.execute("SELECT count(*) FROM figures WHERE regexp_matches(\"column\", '%') "
                       "AND amount_wan IS NOT NULL").fetchone()[0] == 0
    units = dict(con.execute("SELECT unit, count(*) FROM figures GROUP BY unit").fetchall())
    assert "元" in units and "万元" in units
    ch = con.sql("SELECT * FROM changes ORDER BY code").df()
    assert set(ch.year) == {2025} and set(ch.previous_year) == {2024} and len(ch) >= 5
    row = ch[ch.code == "201"].iloc[0]
    assert row.change_wan == pytest.approx(row.amount_wan - row.previous_wan)
    by = con.sql("SELECT * FROM by_function").df()
    assert set(by.code.str.len()) == {3}
    bvp = con.sql("SELECT * FROM basic_vs_project WHERE basic_wan IS NOT NULL").df()
    assert len(bvp) == 3 and ((bvp.basic_share > 0) & (bvp.basic_share < 1)).all()
    con.close()
