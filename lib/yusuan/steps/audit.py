"""Fact-check a disclosure: extract its tables, parse its narrative, recompute both.

``audit(pdf, previous=None)`` runs the table identities (yusuan.check.identities) and the
narrative recomputation (yusuan.check.recompute).  A disclosure published as two PDFs
(Beijing: ``…-tables.pdf`` and ``…-text.pdf``) is audited as one: the sibling
whose file name differs only by tables↔text, in the same folder, supplies the
tables or the narrative that the audited file lacks.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from yusuan.base.files import write_csv
from yusuan.check.claims import Claim, claims_frame, parse_claims
from yusuan.check.findings import Finding, findings_frame
from yusuan.check.identities import run_checks
from yusuan.check.recompute import recompute_claims
from yusuan.pdf.pdfdoc import companion_of

__all__ = ["AuditResult", "audit", "audit_and_write", "summary_lines"]


@dataclass
class AuditResult:
    extraction: object  # yusuan.steps.extract.Extraction of the audited PDF
    claims: list[Claim]
    findings: list[Finding]
    companion: object = None  # Extraction of the sibling PDF, if any
    previous: object = None   # Extraction of the prior-year PDF, if any
    notes: list[str] = field(default_factory=list)
    tables: list = field(default_factory=list)  # the PrintedTables checked (this file's, or its companion's)
    year: int | None = None  # the fiscal year the claims were read against
    claim_of: list = field(default_factory=list)  # per finding: the index in ``claims`` it judges, None for a table identity

    @property
    def doc_id(self) -> str:
        return self.extraction.doc_id

    def frame(self):
        return findings_frame(self.findings)

    def counts(self) -> Counter:
        return Counter(f.status for f in self.findings)


def _extract(path):
    from yusuan.steps.extract import extract

    return extract(Path(path))


def audit(pdf, previous=None, *, _extract_fn=None) -> AuditResult:
    """Extraction + claims + findings for one PDF; ``previous`` (a path or an Extraction) is last year's."""
    ext = _extract_fn or _extract
    ex = ext(pdf)
    notes = []
    companion = None
    other = companion_of(Path(pdf))
    if other is not None:
        try:
            companion = ext(other)
            notes.append(f"companion {other.name} used for its {'narrative' if not ex.doc.page_texts or companion.tables == [] else 'tables'}")
        except Exception as exc:  # noqa: BLE001 - a broken sibling must not stop this audit
            notes.append(f"companion {other.name} unreadable: {exc}")
            companion = None
    prev = None
    if previous is not None:
        prev = previous if hasattr(previous, "tables") else ext(previous)

    # tables from whichever file prints them; narrative from whichever file tells it
    tables = [t for t in ex.tables]
    pages = list(ex.doc.page_texts)
    claims = parse_claims(pages)
    if companion is not None:
        if not tables or (not any(not t.empty for t in tables) and companion.tables):
            tables = list(companion.tables)
        if not claims:
            claims = parse_claims(list(companion.doc.page_texts))
            notes.append(f"narrative read from {Path(companion.doc.path).name}")
    year = ex.meta.get("year") or (companion.meta.get("year") if companion is not None else None)
    prev_year = prev.meta.get("year") if prev is not None else None
    findings = run_checks(ex.doc_id, tables)
    origins: list[int] = []
    findings += recompute_claims(ex.doc_id, claims, tables, year=year,
                                 previous=(prev.tables if prev is not None else None),
                                 previous_year=prev_year or ((year - 1) if year else None), origins=origins)
    claim_of = [None] * (len(findings) - len(origins)) + origins
    findings = [_confidence(_doubted(f, tables)) for f in findings]
    return AuditResult(extraction=ex, claims=claims, findings=findings, companion=companion, previous=prev, notes=notes,
                       tables=tables, year=year, claim_of=claim_of)


def _confidence(f: Finding) -> Finding:
    """Every mismatch says how sure it is: "possible" where the check said so (its readings gave different
    figures), else "confident"; a finding that is no mismatch carries none."""
    f.confidence = (f.confidence or "confident") if f.status == "mismatch" else ""
    return f


def _doubted(f: Finding, tables) -> Finding:
    """A mismatch against a doubtful table is an extraction doubt, not the document's error (yusuan.check.health)."""
    if f.status != "mismatch":
        return f
    t = next((t for t in tables if t.key == f.table), None)
    if t is None or not t.doubtful:
        return f
    from dataclasses import replace

    why = f"extraction doubt: table {t.key} may be misread ({t.doubtful}); the difference is not reported as the document's"
    return replace(f, status="unverifiable", severity="info", reason=why,
                   message=f"{f.message} — {why}")


def audit_and_write(pdf, previous=None, out=None, excel_csv: bool = False) -> AuditResult:
    """Audit and write data/processed/<doc_id>/{tables, tidy.csv, meta.json, claims.csv, findings.csv,
    key_figures.csv}, then
    <doc_id>.xlsx and datapackage.json (yusuan.present.export).  ``excel_csv``: CSVs as UTF-8 with a BOM."""
    from yusuan.check.keyfigures import as_rows, key_figures, write_key_figures
    from yusuan.present.export import export
    from yusuan.steps.extract import write

    result = audit(pdf, previous=previous)
    figures = key_figures(result.tables, result.year, result.extraction.meta.get("kind") or "", result.findings)
    # one reading, written twice: meta.json's key_figures (what the charts state) and key_figures.csv (the report's
    # box, the index, the corpus) — from the tables checked (a companion's, for an explanation-only file)
    result.extraction.meta["key_figures"] = as_rows(figures)
    folder = write(result.extraction, Path(out) if out else None, excel_csv=excel_csv, export=False)
    write_csv(claims_frame(result.claims), folder / "claims.csv", excel=excel_csv)
    write_csv(result.frame(), folder / "findings.csv", excel=excel_csv)
    write_key_figures(figures, folder / "key_figures.csv", excel=excel_csv)
    export(folder, Path(pdf))
    return result


def summary_lines(result: AuditResult, max_mismatches: int = 5) -> list[str]:
    from yusuan.steps.extract import status_line

    c = result.counts()
    name = Path(result.extraction.doc.path).name
    status = status_line(result.extraction.meta)
    lines = [f"{name}: {result.doc_id} — {status + '; ' if status else ''}{len(result.claims)} claims, "
             f"{len(result.findings)} checks: "
             f"{c.get('ok', 0)} ok, {c.get('rounding', 0)} rounding, {c.get('mismatch', 0)} mismatch, "
             f"{c.get('unverifiable', 0)} unverifiable"]
    mism = [f for f in result.findings if f.status == "mismatch"]
    mism.sort(key=lambda f: -abs(f.difference) if f.difference is not None else 0)
    for f in mism[:max_mismatches]:
        lines.append(f"  ✗ [{f.severity}] p.{f.page if f.page is not None else '?'} {f.message}")
    if len(mism) > max_mismatches:
        lines.append(f"  … and {len(mism) - max_mismatches} more mismatches (see findings.csv)")
    return lines
