"""The classification vocabulary (类 names and codes of 支出功能分类 and the two 经济分类, their former names,
which 类 make up 人员经费) is defined once, in lib/yusuan/vocab/classes.yml, and read through yusuan.vocab by
the checks, the lookups, the charts and the notebooks.  These tests fail when a name or a code is defined a
second time: as a literal in the package's code or in a notebook's code cells, or twice in the data file."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from yusuan.vocab import class_codes, class_names, former_class_names, personnel_classes

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lib" / "yusuan"
CLASSIFICATIONS = ("function_classes", "economic_classes", "government_economic_classes")


def _names() -> set[str]:
    return {n for w in CLASSIFICATIONS for n in class_names(w)} | set(former_class_names())


def _literals(source: str) -> list[tuple[int, str]]:
    """String constants of a Python source that are not docstrings."""
    tree = ast.parse(source)
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_class_name_is_written_into_the_code(path):
    names = _names()
    found = [(line, v) for line, v in _literals(path.read_text(encoding="utf-8")) if v in names]
    assert not found, f"{path.name} defines class names of its own (read them from classes.yml): {found}"


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_no_class_name_or_code_is_written_into_a_notebook(path):
    names = _names()
    codes = {c for w in CLASSIFICATIONS for c in class_codes(w)}
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        src = "\n".join(line for line in src.splitlines() if not line.lstrip().startswith(("%", "!")))
        found += [v for _line, v in _literals(src) if v in names or v in codes]
    assert not found, f"{path.name} hard-codes classes (take them from the disclosure or classes.yml): {found}"


def test_the_data_file_defines_each_class_once():
    data = yaml.safe_load((PACKAGE / "vocab" / "classes.yml").read_text(encoding="utf-8"))
    for which in CLASSIFICATIONS:
        codes = data[which]["codes"]
        names = list(codes.values())
        assert len(names) == len(set(names)), f"{which}: a name under two codes"
        assert all(re.fullmatch(r"\d{3}", str(c)) for c in codes), which
        assert "names" not in data[which], f"{which}: names are the codes' values, not a second list"
        assert set(personnel_classes(which)) <= set(codes) if data[which].get("personnel") else True
    former = data["function_classes"]["former_names"]
    assert not set(former) & set(data["function_classes"]["codes"].values())
    assert set(map(str, former.values())) <= set(map(str, data["function_classes"]["codes"]))
    # the three classifications are told apart by their codes' first digit
    for which, first in zip(CLASSIFICATIONS, "235"):
        assert all(str(c).startswith(first) for c in data[which]["codes"]), which


def test_checks_lookups_and_charts_read_the_same_vocabulary():
    from yusuan.present import charts
    from yusuan.tables import rows

    assert set(rows.FUNCTION_CLASSES) == set(charts.FUNCTION_CLASSES.values()) == set(class_names("function_classes"))
    assert set(rows.ECONOMIC_CLASSES) <= set(charts.ECONOMIC_CLASSES)
    assert charts.frame._CLASS_BY_NAME["文化体育与传媒支出"] == "207"


def test_stage_and_year_words_are_data():
    """stages.yml: a header's stage and year, fund names (一般公共预算) never read as the stage 预算."""
    from yusuan.vocab import header_stage, header_year

    assert header_stage(["财政拨款“三公”经费", "合计", "决算数"]) == "决算"
    assert header_stage(["2025年预算数", "合计"]) == "预算" and header_year(["2025年预算数", "合计"]) == 2025
    assert header_stage(["本年收入", "一般公共预算"]) == "" and header_stage(["一般公共预算支出", "合计"]) == ""
    assert header_stage(["调整预算数"]) == "调整预算" and header_stage(["上年执行数"]) == "执行"
    assert header_year(["上年执行数"], 2026) == 2025 and header_year(["上年执行数"]) is None
    assert header_year(["总计"], 2026) is None


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_three_public_item_name_is_written_into_the_code(path):
    """The 三公 items' printed names live in words.yml (words()["three_public"]), read by checks, lookup and charts."""
    from yusuan.vocab import words

    names = {c["name"] for c in words()["three_public"].values()}
    found = [(line, v) for line, v in _literals(path.read_text(encoding="utf-8")) if v in names]
    assert not found, f"{path.name} writes 三公 item names of its own (read them from words.yml): {found}"


def test_total_and_three_public_words_are_data():
    from yusuan.check.identities import per_table
    from yusuan.tables import rows
    from yusuan.vocab import words

    w = words()
    assert rows.TOTAL_LABEL is w["totals"]["label"] and rows._GRAND is w["totals"]["grand"]
    assert w["totals"]["year_total"]["收入"].match("本年收入合计") and w["totals"]["grand"]["支出"].match("支出总计")
    tp = w["three_public"]
    assert tp["car"]["subject"].search("公务用车购置和运行费") and tp["car_run"]["header"].search("公务用车运行维护费")
    assert [k for k, _rx in per_table._TP] == list(tp)
