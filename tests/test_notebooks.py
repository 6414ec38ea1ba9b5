"""The notebooks: declared parameters, clean committed state, and a papermill run on a real disclosure."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from conftest import RAW, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PARAMS = {"pdf", "previous_pdf", "out"}
# the lesson's exercises read a second disclosure; the corpus notebook reads a batch's output folder
EXTRA_PARAMS = {"00-reading-a-disclosure": {"exercise_pdf"}, "05-corpus": {"corpus"}}


def test_the_numbered_set_is_there():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["00", "01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_declared(path):
    params = pm.inspect_notebook(str(path))
    want = PARAMS | EXTRA_PARAMS.get(path.stem, set())
    assert set(params) == want
    for name, p in params.items():
        assert p["help"], f"{name} has no comment"
        assert p["default"].startswith('"') and p["default"].endswith('"')  # a string literal
    nb = nbformat.read(str(path), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    lines = [ln for ln in tagged[0].source.splitlines() if ln.strip()]
    assert len(lines) == len(want) and all("  # " in ln for ln in lines)  # literals only, one comment per line


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_state_is_clean(path):
    text = path.read_text(encoding="utf-8")
    assert "../" not in text and str(ROOT) not in text and "/tmp/" not in text
    nb = nbformat.read(str(path), as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "papermill" not in nb.metadata
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert sum(bool(c.outputs) for c in code) >= len(code) // 2, "commit the notebooks executed, with outputs"
    for cell in nb.cells:
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata
        if cell.cell_type == "code":
            for out in cell.outputs:
                assert out.output_type != "error"
                assert not (out.output_type == "stream" and out.name == "stderr"), out.text


@pytest.mark.slow
def test_extract_notebook_on_a_real_disclosure(tmp_path):
    pdf = RAW / "sh-putuo-govoffice-2025-budget.pdf"
    dest = tmp_path / "01-extract.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / "01-extract.ipynb"), str(dest), kernel_name="python3",
                        parameters={"pdf": str(pdf.relative_to(ROOT)), "previous_pdf": "", "out": ""},
                        cwd=str(ROOT), progress_bar=False, extra_arguments=["--log-level=CRITICAL"])
    nb = nbformat.read(str(dest), as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    text = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "上海市普陀区人民政府办公室 2025年部门预算" in text
    assert "sh-putuo-govoffice-2025-budget.pdf" in text
    assert "=== general_budget_expenditure" in text and "empty: gov_fund_expenditure" in text
    assert str(ROOT) not in text


def test_report_pairs_each_disclosure_with_its_earlier_year():
    """`yusuan report data/raw/*.pdf` compares a department's year with its closest earlier one."""
    from yusuan.runner import pair_previous

    pdfs = sorted(str(p) for p in RAW.glob("*.pdf"))
    got = {Path(k).name: Path(v).name for k, v in pair_previous(pdfs).items()}
    assert got == {
        "sh-putuo-wanli-2025-budget.pdf": "sh-putuo-wanli-2024-budget.pdf",
        "js-highcourt-2018-budget.pdf": "js-highcourt-2017-budget.pdf",
        "js-highcourt-2019-budget.pdf": "js-highcourt-2018-budget.pdf",
    }
    # a single document has nothing to compare with; an unreadable one is left to the main run
    assert pair_previous([pdfs[0]]) == {}
    assert pair_previous([str(ROOT / "README.md")] + pdfs[:1]) == {}


def test_a_two_file_disclosure_is_reported_once():
    from yusuan.runner import _one_per_disclosure

    pair = [str((RAW / n).resolve()) for n in ("bj-audit-2026-budget-tables.pdf", "bj-audit-2026-budget-text.pdf")]
    assert _one_per_disclosure(pair) == pair[:1]
    assert _one_per_disclosure(pair[1:]) == pair[1:]  # the explanation alone is still reported


def _nbval(root: Path, notebook: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, YUSUAN_ROOT=str(root), JUPYTER_PREFER_ENV_PATH="1",
               MPLCONFIGDIR=str(ROOT / ".cache" / "matplotlib"))
    return subprocess.run([sys.executable, "-m", "pytest", "--nbval", str(notebook), "-q", "-p", "no:cacheprovider",
                           "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
                           "--rootdir", str(root)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_nbval_comparison_is_real(tmp_path):
    """The committed 01-extract passes nbval against the sample's processed data, and fails when one printed
    figure of that data changes: the comparison looks at the numbers, not only at whether cells run."""
    from yusuan.steps.extract import extract, write

    root = tmp_path / "project"
    (root / "data" / "raw").mkdir(parents=True)
    (root / "notebooks").mkdir()
    pdf = RAW / "yungang-govoffice-2023-budget.pdf"
    shutil.copy2(pdf, root / "data" / "raw" / pdf.name)
    folder = write(extract(pdf), root / "data" / "processed")
    notebook = root / "notebooks" / "01-extract.ipynb"
    shutil.copy2(ROOT / "notebooks" / "01-extract.ipynb", notebook)

    same = _nbval(root, notebook)
    assert same.returncode == 0, same.stdout[-3000:]

    # one figure of the 收支总表, in the table CSV the notebook shows and in tidy.csv
    summary = folder / "tables" / "summary.csv"
    text = summary.read_text(encoding="utf-8")
    assert "1592.14" in text
    summary.write_text(text.replace("1592.14", "1592.41", 1), encoding="utf-8")
    tidy = folder / "tidy.csv"
    tidy.write_text(tidy.read_text(encoding="utf-8").replace(",1592.14,", ",1592.41,", 1), encoding="utf-8")
    changed = _nbval(root, notebook)
    assert changed.returncode != 0 and "1592.41" in changed.stdout, changed.stdout[-3000:]
