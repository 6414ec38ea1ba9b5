"""Warm a process that forks one child per document: importing this module reads a small disclosure once.

A document's child process (yusuan.corpus.bounded's forkserver children, the quality benchmark's) inherits its
parent's memory.  Some of what the first extraction in a process does is done once per process — the data
files read (catalogue, columns, stages …), regular expressions compiled, camelot's and pandas' first-use
set-up, the common strings remembered (``0.00``, ``合计``), numba's kernels dispatched — and costs about a
quarter of a second (measured on 30 corpus documents: 50 pages per CPU-second in children of a parent that
only imported yusuan, 76–80 in children of a parent that had read one document).  Read once in the parent
(``warmup.pdf``: 11 pages of the sample, see its ``.source.yml``), it is paid once per run instead of once
per document.  Nothing is written; a failure here never stops a run (the documents themselves still run).
"""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

PDF = Path(__file__).with_name("warmup.pdf")


def warm_up() -> bool:
    """Extract and fact-check :data:`PDF` in this process, output discarded; True if it ran."""
    try:
        from yusuan.steps.audit import audit

        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            audit(PDF)
        return True
    except Exception:  # noqa: BLE001 - warming is an optimisation, never a reason to fail
        return False


warm_up()
