"""The project's frame: layout, pins, CLI behaviour, git hygiene."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

YUSUAN = Path(sys.executable).with_name("yusuan")


def run(*args, cwd=ROOT):
    return subprocess.run([str(YUSUAN), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_layout():
    for d in ("notebooks", "data/raw", "data/processed", "figures", "reports", "lib/yusuan", "tests", "benchmarks"):
        assert (ROOT / d).is_dir(), d
    for f in ("environment.yml", "pyproject.toml", "Makefile", "README.md", ".ci/run", "requirements.lock"):
        assert (ROOT / f).is_file(), f


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
def test_nothing_under_lib_is_ignored():
    out = subprocess.run(["git", "check-ignore", "-v", "lib/yusuan/__init__.py", "lib/yusuan/steps/extract.py"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.stdout == ""


def _pins(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        m = re.match(r"^\s*(?:-\s+)?([A-Za-z0-9_.\-]+)==([^\s#]+)", line)
        if m:
            out[m.group(1).lower()] = m.group(2)
    return out


def test_environment_yml_has_the_same_pins_as_the_lock():
    lock = _pins((ROOT / "requirements.lock").read_text())
    env = _pins((ROOT / "environment.yml").read_text())
    assert len(lock) > 50
    for name in ("camelot-py", "pandas", "matplotlib", "papermill", "nbval", "jupyterlab"):
        assert name in lock, name
    assert lock["camelot-py"].startswith("2.")
    missing = {k: v for k, v in lock.items() if k not in ("pip", "setuptools", "wheel") and env.get(k) != v}
    assert missing == {}


def test_every_lock_line_is_an_exact_pin():
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[^\s]+", line.strip()), line


def test_installed_versions_match_the_lock():
    from importlib import metadata

    lock = _pins((ROOT / "requirements.lock").read_text())
    for name in ("camelot-py", "pandas", "matplotlib", "papermill", "nbval", "pypdfium2"):
        assert metadata.version(name) == lock[name], name


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci/run").read_text()
    assert re.search(r"^make test$", ci, re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make report" in readme


def test_make_help_lists_the_targets():
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True)
    for target in ("report", "test", "help"):
        assert f"make {target}" in out.stdout


def test_cli_help_explains_itself_with_examples():
    out = run("--help")
    assert out.returncode == 0
    for word in ("extract", "audit", "report", "batch", "example"):
        assert word in out.stdout
    for sub in ("extract", "audit", "report", "batch"):
        sub_out = run(sub, "--help")
        assert sub_out.returncode == 0 and "example" in sub_out.stdout, sub


def test_unknown_subcommand_is_one_line_exit_2():
    out = run("frobnicate")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "frobnicate" in out.stderr


def test_missing_file_is_one_line_exit_2(tmp_path):
    out = run("extract", str(tmp_path / "nope.pdf"), "--out", str(tmp_path / "out"))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "nope.pdf" in lines[0] and "no such file" in lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
