"""The ``yusuan`` command: extract, audit, report, batch.

Bad input gives one line naming the file and the reason, and exit status 2;
with several files the others are still processed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import InputError

EPILOG_MAIN = """\
examples:
  yusuan extract data/raw/yungang-govoffice-2023-budget.pdf
  yusuan audit my-department-2025.pdf --previous my-department-2024.pdf
  yusuan report data/raw/*.pdf
  yusuan batch ~/disclosures/ --out corpus/

Each PDF gets a document id (<year>-<kind>-<sha8>, from its content) that names its outputs:
  data/processed/<doc_id>/  tables/*.csv, tidy.csv, meta.json, claims.csv, findings.csv
  figures/<doc_id>/         charts (PNG and SVG)
  reports/<doc_id>/         executed notebooks and an HTML report
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line (no usage dump) and exit 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _pdf_args(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("pdfs", nargs="+", type=Path, metavar="PDF", help=f"disclosure PDF(s) to {what}")


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
        "are doubtful). The summary line names missing statutory tables and doubtful ones.",
        epilog="example:\n  yusuan extract data/raw/sh-putuo-wanli-2025-budget.pdf --out data/processed\n",
        formatter_class=fmt,
    )
    _pdf_args(p, "extract")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: data/processed)")

    p = sub.add_parser(
        "audit",
        help="fact-check the narrative and the tables' identities",
        description="Recompute every figure the narrative states and every identity the tables must satisfy; "
        "write claims.csv and findings.csv next to the extracted data and print a summary. "
        "Findings are results, not errors: the exit status is 0 unless an input is bad.",
        epilog="example:\n  yusuan audit data/raw/sh-putuo-wanli-2025-budget.pdf "
        "--previous data/raw/sh-putuo-wanli-2024-budget.pdf\n",
        formatter_class=fmt,
    )
    _pdf_args(p, "audit")
    p.add_argument("--previous", type=Path, default=None, help="the same department's earlier disclosure")
    p.add_argument("--out", type=Path, default=None, help="processed-data folder (default: data/processed)")

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

    p = sub.add_parser(
        "batch",
        help="extract and audit a whole folder of PDFs into one corpus",
        description="Extract and audit every PDF under FOLDER (recursively) and combine their tidy data and "
        "findings into OUT/corpus_tidy.csv, OUT/corpus_findings.csv and OUT/corpus_index.csv.",
        epilog="example:\n  yusuan batch data/raw --out data/processed\n",
        formatter_class=fmt,
    )
    p.add_argument("folder", type=Path, metavar="FOLDER", help="folder with disclosure PDFs")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: data/processed)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    return parser


def _fail(exc: InputError) -> None:
    print(f"yusuan: error: {exc}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from . import commands

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
