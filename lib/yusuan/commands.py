"""What each CLI subcommand does; cli.py only parses arguments."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from . import paths
from .errors import InputError

OnError = Callable[[InputError], None]


def _each(pdfs: list[Path], on_error: OnError, work) -> int:
    """Run work(pdf) for every PDF; a bad one is reported in one line and the others still run."""
    status = 0
    for pdf in pdfs:
        try:
            work(Path(pdf))
        except InputError as exc:
            on_error(exc)
            status = 2
    return status


def cmd_extract(args, on_error: OnError) -> int:
    from .extract import extract, write

    def work(pdf: Path) -> None:
        ex = extract(pdf)
        folder = write(ex, args.out)
        tables = [t for t in ex.tables]
        empty = sum(t.empty for t in tables)
        print(f"{pdf.name}: {ex.doc_id} — {len(tables)} tables ({empty} empty), {len(ex.tidy)} figures → {folder}")
        from .extract import CONTENTS_NOTE

        if ex.meta["contents"] in CONTENTS_NOTE and not ex.meta.get("companion"):
            print(f"  ! {CONTENTS_NOTE[ex.meta['contents']]}")
        if ex.meta.get("missing_tables"):
            print(f"  ! statutory tables not found: {', '.join(ex.meta['missing_tables'])} (neither printed with "
                  "figures nor declared empty; see meta.json \"statutory\")")
        for t in tables:
            if t.doubtful:
                print(f"  ? {t.key} (p.{t.pages[0] if t.pages else '?'}) doubtful: {t.doubtful} — its figures are "
                      "not used to accuse the document")

    return _each(args.pdfs, on_error, work)


def cmd_audit(args, on_error: OnError) -> int:
    from .audit import audit_and_write, summary_lines

    def work(pdf: Path) -> None:
        result = audit_and_write(pdf, previous=args.previous, out=args.out)
        for line in summary_lines(result):
            print(line)

    return _each(args.pdfs, on_error, work)


def cmd_report(args, on_error: OnError) -> int:
    from .runner import report

    return report(args.pdfs, previous=args.previous, out=args.out, on_error=on_error)


def cmd_batch(args, on_error: OnError) -> int:
    from .batch import batch

    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    return batch(folder, out=args.out or paths.PROCESSED, on_error=on_error, jobs=args.jobs)
