"""The bundled documents' own errors, from the one registry the quality benchmark reads
(benchmarks/known_errors.yml), for the tests that pin them."""
from __future__ import annotations

import sys
from pathlib import Path

from yusuan.base.provenance import sha256_file

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import quality  # noqa: E402

KNOWN = quality.load_known_errors()


def known_for(pdf: Path, checks: set[str] | None = None) -> list[dict]:
    """Registry entries for this PDF (by its sha256), optionally only those of the given checks."""
    sha = sha256_file(pdf)
    return [e for e in KNOWN if e["sha256"] == sha and (checks is None or e.get("check") in checks)]


def is_known(finding, pdf: Path) -> bool:
    """Whether a mismatch finding (yusuan.check.findings.Finding) is a registered error of this PDF."""
    f = {"check": finding.check, "page": "" if finding.page is None else str(finding.page), "table": finding.table,
         "stated": "" if finding.stated is None else format(finding.stated, "f")}
    return quality.registered(f, {sha256_file(pdf)}, KNOWN) is not None
