"""`yusuan batch`: a whole folder of disclosures into one corpus.

Incremental: a PDF whose processed folder already holds a meta.json with the same
sha256 (and the same yusuan version) is not extracted again, so a corpus of thousands
can be grown a few files at a time.  The combined files are rewritten atomically.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import pandas as pd

from . import __version__
from .errors import InputError
from .provenance import sha256_file

INDEX_COLUMNS = ["doc_id", "file", "publisher", "year", "kind", "pages", "tables", "empty_tables", "figures",
                 "findings_not_ok", "sha256"]


def _up_to_date(pdf: Path, out: Path) -> Path | None:
    sha = sha256_file(pdf)
    for meta_path in out.glob("*/meta.json"):
        if not meta_path.parent.name.endswith(sha[:8]):
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("sha256") == sha and meta.get("versions", {}).get("yusuan") == __version__:
            return meta_path.parent
    return None


def process_one(pdf: str, out: str, audit: bool = True) -> tuple[str, str | None, str | None]:
    """(pdf, folder, error) — runs in a worker process."""
    from .extract import extract, write

    try:
        done = _up_to_date(Path(pdf), Path(out))
        if done is not None:
            return pdf, str(done), None
        if audit:
            try:
                from .audit import audit_and_write
            except ImportError:
                audit_and_write = None
            if audit_and_write is not None:
                result = audit_and_write(Path(pdf), out=Path(out))
                return pdf, str(Path(out) / result.doc_id), None
        folder = write(extract(Path(pdf)), Path(out))
        return pdf, str(folder), None
    except InputError as exc:
        return pdf, None, str(exc)


def _atomic_csv(df: pd.DataFrame, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        df.to_csv(tmp, index=False, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def combine(folders: list[Path], out: Path) -> dict[str, int]:
    """Write corpus_index.csv, corpus_tidy.csv and corpus_findings.csv from processed folders."""
    index, tidy, findings = [], [], []
    for f in sorted(set(folders)):
        meta = json.loads((f / "meta.json").read_text(encoding="utf-8"))
        t = pd.read_csv(f / "tidy.csv", dtype=str, keep_default_na=False)
        tidy.append(t)
        not_ok = 0
        if (f / "findings.csv").is_file():
            fd = pd.read_csv(f / "findings.csv", dtype=str, keep_default_na=False)
            findings.append(fd.assign(doc_id=meta["doc_id"]) if "doc_id" not in fd else fd)
            not_ok = int((fd.get("status", pd.Series(dtype=str)) != "ok").sum())
        index.append({
            "doc_id": meta["doc_id"], "file": meta["file"], "publisher": meta["publisher"], "year": meta["year"],
            "kind": meta["kind"], "pages": meta["pages"], "tables": len(meta["tables"]),
            "empty_tables": len(meta["empty_tables"]), "figures": len(t), "findings_not_ok": not_ok,
            "sha256": meta["sha256"],
        })
    _atomic_csv(pd.DataFrame(index, columns=INDEX_COLUMNS), out / "corpus_index.csv")
    _atomic_csv(pd.concat(tidy, ignore_index=True) if tidy else pd.DataFrame(), out / "corpus_tidy.csv")
    _atomic_csv(pd.concat(findings, ignore_index=True) if findings else pd.DataFrame(), out / "corpus_findings.csv")
    return {"documents": len(index), "figures": sum(len(t) for t in tidy)}


def batch(folder: Path, out: Path, on_error, jobs: int | None = None) -> int:
    pdfs = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() == ".pdf")
    if not pdfs:
        raise InputError(folder, "no PDF files in this folder")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = jobs or min(len(pdfs), os.cpu_count() or 1)
    folders, status = [], 0
    from tqdm import tqdm

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(process_one, str(p), str(out)) for p in pdfs]
        # the bar is drawn only on a terminal (disable=None), and error lines are printed around it
        for fut in tqdm(as_completed(futures), total=len(futures), desc="batch", unit="pdf", file=sys.stderr,
                        disable=None):
            pdf, done, err = fut.result()
            if err:
                with tqdm.external_write_mode(file=sys.stderr):
                    on_error(InputError(Path(pdf), err.split(": ", 1)[-1]))
                status = 2
            else:
                folders.append(Path(done))
    counts = combine(folders, out)
    print(f"{counts['documents']} documents, {counts['figures']} figures → {out / 'corpus_index.csv'}, "
          f"{out / 'corpus_tidy.csv'}, {out / 'corpus_findings.csv'}")
    return status
