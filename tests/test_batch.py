"""`yusuan batch`: a folder into one corpus, incrementally, bad files reported and skipped."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, RAW

YUSUAN = Path(sys.executable).with_name("yusuan")


@pytest.mark.slow
def test_batch_builds_a_corpus_and_reports_bad_files(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(RAW / "sh-putuo-wanli-2024-budget.pdf", src)
    shutil.copy(RAW / "sh-putuo-wanli-2025-budget.pdf", src / "sub")
    shutil.copy(FIXTURES / "bad" / "encrypted.pdf", src)
    out = tmp_path / "out"
    proc = subprocess.run([str(YUSUAN), "batch", str(src), "--out", str(out), "--jobs", "2"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert [ln for ln in proc.stderr.splitlines() if "error" in ln] == \
        [f"yusuan: error: {src / 'encrypted.pdf'}: encrypted PDF (password required); decrypt it first"]
    index = pd.read_csv(out / "corpus_index.csv", dtype=str)
    assert sorted(index.year) == ["2024", "2025"]
    assert set(index.publisher) == {"上海市普陀区人民政府万里街道办事处"}
    tidy = pd.read_csv(out / "corpus_tidy.csv", dtype=str)
    assert set(tidy.doc_id) == set(index.doc_id)
    assert len(tidy) == index.figures.astype(int).sum()
    # second run: nothing re-extracted (the processed folders are untouched)
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("*/tidy.csv")}
    subprocess.run([str(YUSUAN), "batch", str(src), "--out", str(out)], capture_output=True, text=True)
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/tidy.csv")} == stamps


def test_batch_of_a_missing_folder_is_one_line_exit_2(tmp_path):
    proc = subprocess.run([str(YUSUAN), "batch", str(tmp_path / "nope")], capture_output=True, text=True)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and "no such folder" in proc.stderr
