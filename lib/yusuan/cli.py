"""The ``yusuan`` command: extract, audit, report, batch.

Bad input gives one line naming the file and the reason, and exit status 2;
with several files the others are still processed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from yusuan import __version__
from yusuan.base.errors import InputError

EPILOG_MAIN = """\
examples:
  yusuan extract data/raw/yungang-govoffice-2023-budget.pdf
  yusuan audit my-department-2025.pdf --previous my-department-2024.pdf
  yusuan report data/raw/*.pdf
  yusuan batch ~/disclosures/ --out corpus/

Each PDF gets a document id (<year>-<kind>-<publisher pinyin>-<16 hex of its sha256>) that names its outputs:
  data/processed/<doc_id>/  tables/*.csv, tidy.csv, meta.json, claims.csv, findings.csv, key_figures.csv,
                            <doc_id>.xlsx (for Excel), datapackage.json (Frictionless Data Package)
  figures/<doc_id>/         charts: PNG, SVG with real text, the plotted data as CSV, a narrow variant
  reports/<doc_id>/         report.html (findings first, self-contained) and the executed notebooks
  reports/index.html        every report, with department, year, key totals and mismatches

Every document is read in its own process with a time and memory bound (--timeout, --memory).
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line (no usage dump) and exit 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _pdf_args(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("pdfs", nargs="+", type=Path, metavar="PDF", help=f"disclosure PDF(s) to {what}")


def _excel_csv_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--excel-csv", action="store_true",
                   help="write the CSVs as UTF-8 with a byte-order mark, so Excel on Windows shows the Chinese "
                   "text (default: plain UTF-8). For Excel, DIR/<doc_id>/<doc_id>.xlsx (written every time, "
                   "with typed amounts and codes as text) is the better path; either way the project reads both")


def _bounds_args(p: argparse.ArgumentParser) -> None:
    from yusuan.corpus.bounded import Limits

    d = Limits()
    g = p.add_argument_group("bounds per document (a PDF that exceeds one is stopped, reported, and the others go on)")
    g.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help=f"wall-clock time per document (default: {d.seconds:.0f}; 0: none)")
    g.add_argument("--memory", type=int, default=None, metavar="MB",
                   help=f"address space a document may add to its process's own (the libraries' ~1 GB not "
                        f"counted), in MB (default: {d.memory_mb}; 0: none)")
    g.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="yusuan",
        description="Read Chinese government budget disclosures (部门预算/决算公开 PDFs) into checked data, "
        "a fact-check and charts.",
        epilog=EPILOG_MAIN,
        formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"yusuan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser(
        "extract",
        help="extract every statutory table into CSVs and one tidy dataset",
        description="Extract every statutory table of each PDF into DIR/<doc_id>/tables/<key>.csv, "
        "DIR/<doc_id>/tidy.csv (one row per printed number, with the stage 预算/决算 and year of its column) and "
        "DIR/<doc_id>/meta.json (which statutory tables were found, printed empty or are missing; which tables "
        "are doubtful), plus an Excel workbook DIR/<doc_id>/<doc_id>.xlsx (one sheet per table as printed, tidy, "
        "about) and a Frictionless Data Package DIR/<doc_id>/datapackage.json describing the CSVs. "
        "The summary line names missing statutory tables and doubtful ones.",
        epilog="example:\n  yusuan extract data/raw/sh-putuo-wanli-2025-budget.pdf --out data/processed\n",
        formatter_class=fmt,
    )
    _pdf_args(p, "extract")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: data/processed)")
    _excel_csv_arg(p)
    _bounds_args(p)

    p = sub.add_parser(
        "audit",
        help="fact-check the narrative and the tables' identities",
        description="Recompute every figure the narrative states and every identity the tables must satisfy; "
        "write claims.csv and findings.csv next to the extracted data (and the findings into the workbook "
        "<doc_id>.xlsx and datapackage.json) and print a summary. "
        "Findings are results, not errors: the exit status is 0 unless an input is bad.",
        epilog="example:\n  yusuan audit data/raw/sh-putuo-wanli-2025-budget.pdf "
        "--previous data/raw/sh-putuo-wanli-2024-budget.pdf\n",
        formatter_class=fmt,
    )
    _pdf_args(p, "audit")
    p.add_argument("--previous", type=Path, default=None, help="the same department's earlier disclosure")
    p.add_argument("--out", type=Path, default=None, help="processed-data folder (default: data/processed)")
    _excel_csv_arg(p)
    _bounds_args(p)

    p = sub.add_parser(
        "report",
        help="extract, audit and run the notebooks into an HTML report per PDF",
        description="For each PDF: extract, audit, then run the notebooks with papermill into "
        "reports/<doc_id>/ (executed .ipynb and an HTML report) and draw the charts into figures/<doc_id>/. "
        "Without --previous, each PDF is compared with the same department's closest earlier disclosure "
        "among the PDFs given (year-over-year claims checked, 04-compare notebook and yoy chart).",
        epilog="example:\n  yusuan report data/raw/*.pdf\n  yusuan report new-2025.pdf --previous old-2024.pdf\n",
        formatter_class=fmt,
    )
    _pdf_args(p, "report on")
    p.add_argument("--previous", type=Path, default=None,
                   help="an earlier disclosure to compare every PDF with (default: found among the PDFs given)")
    p.add_argument("--out", type=Path, default=None, help="reports folder (default: reports)")
    _bounds_args(p)

    p = sub.add_parser(
        "batch",
        help="read a whole folder of PDFs into one corpus you can query (every core, or a Dask cluster)",
        description="Extract and audit every PDF under FOLDER (recursively) into OUT/<doc_id>/ and one corpus: "
        "OUT/corpus.duckdb (tables documents, figures, findings, key_figures, failures; views three_public, "
        "by_function, basic_vs_project, changes), OUT/parquet/ (figures, findings, key_figures, partitioned by "
        "year), OUT/corpus_index.csv and OUT/corpus_failures.csv. "
        "Runs on dask.distributed: a local cluster of one worker process per core, or --scheduler. "
        "Incremental: OUT/manifest.sqlite remembers every file read (by sha256 and yusuan version), so a "
        "second run reads only new or changed files. The same department's disclosures of consecutive years "
        "are paired (the later one's year-over-year claims are checked against the earlier); the two halves "
        "of a disclosure published as two PDFs are one document. A file that fails is reported in one line, "
        "recorded in corpus_failures.csv, and the others go on (exit status 2).",
        epilog="examples:\n  yusuan batch ~/disclosures --out corpus/\n"
        "  yusuan batch ~/disclosures --out corpus/ --scheduler tcp://10.0.0.5:8786\n\n"
        "a cluster of several machines (yusuan installed on each, FOLDER and OUT on a shared file system at the "
        "same path):\n  dask scheduler                                      # on one machine: prints tcp://HOST:8786\n"
        "  dask worker tcp://HOST:8786 --nworkers auto --nthreads 1   # on every machine\n",
        formatter_class=fmt,
    )
    p.add_argument("folder", type=Path, metavar="FOLDER", help="folder with disclosure PDFs")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: data/processed)")
    g = p.add_argument_group("where the work runs")
    g.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes of the local cluster (default: one per core)")
    g.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="use the running Dask cluster whose scheduler is at ADDRESS (tcp://host:8786) "
                   "instead of a local one")
    g.add_argument("--retries", type=int, default=2, metavar="N",
                   help="how many times a document whose worker died is tried again elsewhere before it is "
                   "recorded as failed (default: 2)")
    g.add_argument("--retry-failed", action="store_true",
                   help="read again the files an earlier run recorded as failed (default: they stay failed)")
    _bounds_args(p)
    return parser


def _fail(exc: InputError) -> None:
    print(f"yusuan: error: {exc}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from yusuan import commands

    handler = getattr(commands, f"cmd_{args.command}")
    status = 0
    try:
        status = handler(args, on_error=_fail)
    except InputError as exc:
        _fail(exc)
        status = 2
    except KeyboardInterrupt:
        print("yusuan: interrupted", file=sys.stderr)
        status = 130
    return status


if __name__ == "__main__":
    sys.exit(main())
