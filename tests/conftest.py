"""Shared test fixtures: extractions are cached for the whole session (≈1 s per PDF)."""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # groundtruth helpers
os.environ.setdefault("MPLCONFIGDIR", str(ROOT / ".cache" / "matplotlib"))

RAW = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE_PDF = RAW / "yungang-govoffice-2023-budget.pdf"
SAMPLE_TEXT = FIXTURES / "yungang-govoffice-2023-budget.txt"
REAL_PDFS = sorted(p for p in RAW.glob("*.pdf") if p != SAMPLE_PDF)


@lru_cache(maxsize=None)
def extraction(path: Path):
    from yusuan.steps.extract import extract

    return extract(path)


@pytest.fixture(scope="session")
def sample():
    return extraction(SAMPLE_PDF)
