"""Bad input: one line naming the file and the reason, exit 2, no partial output, others still processed."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from conftest import FIXTURES, SAMPLE_PDF

YUSUAN = Path(sys.executable).with_name("yusuan")


def _pdf_with(path: Path, draw) -> Path:
    fig = plt.figure(figsize=(4, 3))
    draw(fig)
    fig.savefig(path, format="pdf")
    plt.close(fig)
    return path


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    d = tmp_path_factory.mktemp("bad")
    not_pdf = d / "notes.pdf"
    not_pdf.write_text("这不是PDF，只是一段文字。\n", encoding="utf-8")
    truncated = d / "truncated.pdf"
    truncated.write_bytes(SAMPLE_PDF.read_bytes()[: SAMPLE_PDF.stat().st_size // 2])
    scanned = _pdf_with(d / "scanned.pdf", lambda f: f.figimage(np.random.default_rng(0).random((200, 300))))
    novel = _pdf_with(d / "novel.pdf", lambda f: f.text(0.05, 0.5, "It was a dark and stormy night; the rain fell in torrents."))
    empty = d / "empty.pdf"
    empty.write_bytes(b"")
    return {
        "not a PDF": (not_pdf, "not a PDF"),
        "truncated": (truncated, "truncated"),
        "scanned": (scanned, "no text layer"),
        "not a disclosure": (novel, "does not look like a budget disclosure"),
        "encrypted": (FIXTURES / "bad" / "encrypted.pdf", "encrypted"),
        "empty": (empty, "empty file"),
    }


@pytest.mark.parametrize("case", ["not a PDF", "truncated", "scanned", "not a disclosure", "encrypted", "empty"])
def test_bad_input_one_line_exit_2_no_partial_output(bad_files, case, tmp_path):
    path, reason = bad_files[case]
    out = tmp_path / "out"
    proc = subprocess.run([str(YUSUAN), "extract", str(path), "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert not out.exists() or list(out.iterdir()) == []


def test_other_files_are_still_processed(bad_files, tmp_path):
    out = tmp_path / "out"
    good = tmp_path / "good.pdf"
    shutil.copy(SAMPLE_PDF, good)
    bad = [bad_files[c][0] for c in ("not a PDF", "encrypted")]
    proc = subprocess.run([str(YUSUAN), "extract", str(bad[0]), str(good), str(bad[1]), "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 2
    folders = [p for p in out.iterdir()]
    assert [p.name for p in folders] == ["2023-budget-yungangqubangongshi-2bae0bfee36f4f74"]
    assert (folders[0] / "tidy.csv").is_file() and (folders[0] / "meta.json").is_file()


def test_a_failed_rewrite_keeps_what_was_there(tmp_path, monkeypatch):
    """Writing goes to a temporary folder first: a crash mid-write leaves the previous output intact."""
    from yusuan.steps import extract as ex_mod

    ex = ex_mod.extract(SAMPLE_PDF)
    folder = ex_mod.write(ex, tmp_path)
    (folder / "findings.csv").write_text("kept\n")
    before = (folder / "tidy.csv").read_bytes()

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ex_mod, "table_frame", boom)
    with pytest.raises(RuntimeError):
        ex_mod.write(ex, tmp_path)
    assert (folder / "tidy.csv").read_bytes() == before
    assert (folder / "findings.csv").read_text() == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]
