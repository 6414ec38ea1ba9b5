"""`yusuan report`: extract, audit, chart and run the notebooks for each disclosure.

For every PDF (documents in parallel, one bounded child process per document — time and memory, see
yusuan.corpus.bounded — one per core, at most 2 at a time by default):

1. extract the tables (skipped when data/processed/<doc_id>/ already holds this file's extraction by this
   yusuan version), 2. audit when yusuan.steps.audit exists, 3. draw every chart into figures/<doc_id>/,
4. run notebooks 01–03 with papermill into reports/<doc_id>/ (04-compare too when there is a previous
   disclosure: --previous, or else the same department's closest earlier year among the PDFs given;
   00 is a tutorial on the sample and is not part of a per-document report), 5. write the reader's HTML
   report, findings first and self-contained (yusuan.present.htmlreport): reports/<doc_id>/report.html, and at
   the end reports/index.html and index.csv listing every report.

A bad PDF is reported through on_error (one line) and the others still run; the status is 2 if any failed.

`python -m yusuan.runner --refresh-notebooks` re-executes the committed notebooks in notebooks/ in place
(with their own parameter values) and strips execution metadata, ready for nbval.
"""
from __future__ import annotations

import logging
import os
import re
import sys
import time
from pathlib import Path

from yusuan import __version__
from yusuan.base import paths
from yusuan.base.errors import InputError

REPORT_NOTEBOOKS = ["01-extract", "02-fact-check", "03-structure-charts"]
COMPARE_NOTEBOOK = "04-compare"
KERNEL = "python3"


# ------------------------------------------------------------------ notebooks

def _param_path(p: Path | None) -> str:
    """A path as a notebook parameter: relative to the project root when inside it (outputs show no /abs/paths)."""
    if p is None:
        return ""
    p = Path(p).resolve()
    try:
        return p.relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return str(p)


def run_notebook(name: str, dest: Path, parameters: dict | None = None, source: Path | None = None) -> Path:
    """Execute notebooks/<name>.ipynb with papermill into dest (kernel python3, cwd = project root)."""
    import papermill as pm

    logging.getLogger("papermill").setLevel(logging.WARNING)
    source = source or paths.NOTEBOOKS / f"{name}.ipynb"
    dest.parent.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(str(source), str(dest), parameters=parameters, kernel_name=KERNEL, cwd=str(paths.ROOT),
                        progress_bar=False, log_output=False, report_mode=False,
                        # the kernel's own start-up chatter ("running over TCP without encryption") stays quiet
                        extra_arguments=["--log-level=CRITICAL"])
    return dest


def strip_metadata(path: Path) -> None:
    """Remove what changes between runs (papermill's timings and versions, execution timestamps)."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)
            cell.outputs = _coalesce_streams(cell.get("outputs", []))
    nbformat.write(nb, str(path))


def _coalesce_streams(outputs: list) -> list:
    """Consecutive stream outputs of the same name as one: how the kernel chunks a print varies between runs,
    and the committed notebooks should not change when nothing printed did (nbval coalesces them too)."""
    merged: list = []
    for out in outputs:
        if merged and out.get("output_type") == "stream" and merged[-1].get("output_type") == "stream" \
                and merged[-1].get("name") == out.get("name"):
            merged[-1]["text"] = merged[-1]["text"] + out["text"]
        else:
            merged.append(out)
    return merged


def refresh_committed(names: list[str] | None = None) -> list[Path]:
    """Re-execute the committed notebooks in place with their own parameters, then strip run metadata."""
    done = []
    for src in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        if names and src.stem not in names:
            continue
        tmp = src.with_name(f".{src.stem}.run.ipynb")
        try:
            run_notebook(src.stem, tmp, parameters=None, source=src)
            strip_metadata(tmp)
            os.replace(tmp, src)
        finally:
            tmp.unlink(missing_ok=True)
        done.append(src)
    return done


# ------------------------------------------------------------------ one document

def _up_to_date(pdf: Path) -> str | None:
    import json

    from yusuan.data import find_processed

    folder = find_processed(pdf)
    if folder is None:
        return None
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return folder.name if meta.get("versions", {}).get("yusuan") == __version__ else None


def _findings_summary(folder: Path) -> str:
    import pandas as pd

    f = folder / "findings.csv"
    if not f.is_file():
        return "no audit"
    df = pd.read_csv(f, dtype=str, keep_default_na=False)
    if "status" not in df or df.empty:
        return "0 findings"
    counts = df["status"].value_counts()
    order = ["mismatch", "rounding", "unverifiable", "ok"]
    return ", ".join(f"{int(counts[s])} {s}" for s in order + sorted(set(counts.index) - set(order)) if s in counts)


def report_one(pdf: str, previous: str | None, reports_base: str | None, notebooks: bool = True) -> dict:
    """Everything for one PDF; runs in a worker process.  Returns a summary dict, or {'error': reason}."""
    from yusuan import data
    from yusuan.present import charts
    from yusuan.steps.extract import extract, status_line, write

    pdf_path = Path(pdf)
    t0 = time.monotonic()
    try:
        if data.audit_available():  # the audit extracts and writes the tables too: one extraction, not two
            from yusuan.steps.audit import audit_and_write

            doc_id = audit_and_write(pdf_path, previous=Path(previous) if previous else None).doc_id
        else:
            doc_id = _up_to_date(pdf_path)
            if doc_id is None:
                doc_id = write(extract(pdf_path)).name
        doc = data.load(doc_id)
        prev = data.load(Path(previous)) if previous else None
        drawn = charts.draw_all(doc.tidy, doc.meta, doc_id, previous=prev)
        made = [k for k, v in drawn.items() if isinstance(v, Path)]
        out_dir = paths.reports_dir(doc_id, Path(reports_base) if reports_base else None)
        executed = []
        if notebooks:
            params = {"pdf": _param_path(pdf_path), "previous_pdf": _param_path(Path(previous)) if previous else "",
                      "out": ""}
            names = REPORT_NOTEBOOKS + ([COMPARE_NOTEBOOK] if previous else [])
            executed = [run_notebook(n, out_dir / f"{n}.ipynb", params) for n in names]
        from yusuan.present.htmlreport import write_report

        html = write_report(doc.folder, paths.figures_dir(doc_id), out_dir / "report.html", executed)
    except InputError as exc:
        return {"pdf": pdf, "error": exc.reason}
    except Exception as exc:  # a notebook that fails on this document: report it, keep going with the others
        name = type(exc).__name__
        detail = getattr(exc, "evalue", None) or str(exc).strip().splitlines()[-1:] or [""]
        detail = detail if isinstance(detail, str) else detail[0]
        return {"pdf": pdf, "error": f"report failed ({name}: {detail})"}
    return {
        "pdf": pdf, "doc_id": doc_id, "status": status_line(doc.meta), "tables": len(doc.meta.get("tables", [])),
        "figures": len(doc.tidy),
        "findings": _findings_summary(doc.folder), "charts": made, "skipped": {k: v for k, v in drawn.items() if k not in made},
        "report": str(html) if html else None, "seconds": time.monotonic() - t0,
    }


def summary_line(r: dict) -> str:
    where = paths.shown(r["report"]) if r.get("report") else "no report written"
    status = f"{r['status']}; " if r.get("status") else ""
    return (f"{Path(r['pdf']).name}: {r['doc_id']} — {status}{r['tables']} tables, {r['figures']} figures, "
            f"findings: {r['findings']}, charts {len(r['charts'])}/{len(r['charts']) + len(r['skipped'])} → {where}")


def data_rel(p: str | Path) -> str:
    """Relative to the project root when inside it, else the full path."""
    p = Path(p).resolve()
    try:
        return p.relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return str(p)


# ------------------------------------------------------------------ many documents

def _one_per_disclosure(pdfs: list[str]) -> list[str]:
    """A disclosure published as two PDFs gets one report, from the tables half (which reads the narrative
    of its companion); the explanation half, if given too, is skipped with a note."""
    from yusuan.pdf.pdfdoc import companion_of

    keep = []
    given = set(pdfs)
    for p in pdfs:
        other = companion_of(Path(p))
        if other is not None and str(other.resolve()) in given and re.search(r"text|说明|文字", Path(p).name):
            print(f"{Path(p).name}: the explanation half of {other.name}, reported with it", file=sys.stderr)
            continue
        keep.append(p)
    return keep


def pair_previous(pdfs: list[str]) -> dict[str, str]:
    """For each PDF, the same department's closest earlier disclosure of the same kind among ``pdfs``
    (万里街道 2025 → 2024; ``corpus.pair_years``), so one `yusuan report` over a folder compares each year with
    the one before.  Reads only the text layer (publisher, year, kind); unreadable files are left to the main
    run."""
    from yusuan.corpus.store import pair_years
    from yusuan.pdf.pdfdoc import open_document
    from yusuan.steps.extract import identity

    from yusuan.steps.lookalike import refuse

    ident = {}
    for p in pdfs:
        try:
            doc = open_document(Path(p))
            refuse(doc)  # a look-alike is no department's earlier year
            ident[p] = identity(doc)
        except Exception:  # noqa: BLE001 — a bad file is reported by the main run
            continue
    return pair_years(ident)


def report(pdfs, previous=None, out=None, on_error=None, jobs: int | None = None, notebooks: bool = True,
           limits=None) -> int:
    """Report on every PDF; returns 0, or 2 if any input failed.  out = reports folder (default reports/);
    limits: time and memory per document (yusuan.corpus.bounded.Limits; default Limits())."""
    from tqdm import tqdm

    on_error = on_error or (lambda exc: print(f"yusuan: error: {exc}", file=sys.stderr))
    pdfs = [Path(p) for p in pdfs]
    previous = str(Path(previous).resolve()) if previous else None
    if previous and not Path(previous).is_file():
        on_error(InputError(previous, "no such file (--previous)"))
        return 2
    status = 0
    good = []
    for p in pdfs:  # cheap checks first, so a missing file is reported before any work starts
        if not p.is_file():
            on_error(InputError(p, "no such file"))
            status = 2
        else:
            good.append(str(p.resolve()))
    if not good:
        return status
    given = len(good)
    good = _one_per_disclosure(good)
    joined = given - len(good)
    prev_of = {p: previous for p in good} if previous else pair_previous(good)
    jobs = jobs or int(os.environ.get("YUSUAN_JOBS", 0)) or min(len(good), os.cpu_count() or 1, 2)
    t0 = time.monotonic()
    results: dict[str, dict] = {}
    bar = tqdm(total=len(good), desc="report", unit="pdf", file=sys.stderr, disable=None)
    from yusuan.corpus.bounded import run_many

    def done(path, r) -> None:
        if isinstance(r, InputError):  # stopped by a bound, or its worker died
            r = {"pdf": str(path), "error": r.reason}
        results[str(path)] = r
        _emit(r, on_error, bar)

    try:  # each document in its own bounded child process (yusuan.corpus.bounded), `jobs` at a time
        run_many(report_one, [(p, (p, prev_of.get(p), str(out) if out else None, notebooks)) for p in good],
                 limits=limits, jobs=jobs, on_result=done)
    finally:
        bar.close()
    if any("error" in r for r in results.values()):
        status = 2
    from yusuan.present.htmlreport import write_index

    index_html, _ = write_index(Path(out) if out else paths.REPORTS)
    done = sum("error" not in r for r in results.values())
    note = f" ({joined} explanation PDF(s) reported with their tables)" if joined else ""
    print(f"{done}/{len(pdfs) - joined} disclosures reported in {time.monotonic() - t0:.0f} s{note}; "
          f"index of every report: {paths.shown(index_html)}", file=sys.stderr)
    return status


def _emit(r: dict, on_error, bar) -> None:
    from tqdm import tqdm

    with tqdm.external_write_mode(file=sys.stderr):
        if "error" in r:
            on_error(InputError(r["pdf"], r["error"]))
        else:
            print(summary_line(r), flush=True)
    bar.update(1)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m yusuan.runner")
    ap.add_argument("--refresh-notebooks", nargs="*", metavar="NAME",
                    help="re-execute the committed notebooks in place (all, or the NAMEs given) and strip metadata")
    args = ap.parse_args(argv)
    if args.refresh_notebooks is not None:
        for p in refresh_committed(args.refresh_notebooks or None):
            print(f"refreshed {data_rel(p)}")
        return 0
    ap.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
