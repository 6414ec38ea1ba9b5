"""What each CLI subcommand does; cli.py only parses arguments."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from yusuan.base import paths
from yusuan.base.errors import InputError

OnError = Callable[[InputError], None]


def limits_of(args):
    """The per-document bounds asked for on the command line (bounded.Limits; defaults when not given)."""
    from yusuan.corpus.bounded import Limits

    d = Limits()
    return Limits(seconds=d.seconds if getattr(args, "timeout", None) is None else args.timeout,
                  memory_mb=d.memory_mb if getattr(args, "memory", None) is None else args.memory,
                  debug=bool(getattr(args, "debug", False)))


def _each(pdfs: list[Path], on_error: OnError, fn, extra: tuple, limits) -> int:
    """fn(pdf, *extra) -> lines to print, for every PDF in turn, each in a bounded child process (time and
    memory: yusuan.corpus.bounded); a bad one — or one that runs out of time or memory — is reported in one line and
    the others still run.  Returns 0, or 2 if any failed."""
    from yusuan.corpus.bounded import run_many

    status = 0

    def done(path, result) -> None:
        nonlocal status
        if isinstance(result, InputError):
            on_error(result)
            status = 2
        else:
            print("\n".join(result), flush=True)

    run_many(fn, [(Path(p), (Path(p), *extra)) for p in pdfs], limits=limits, jobs=1, on_result=done)
    return status


def extract_lines(pdf: Path, out: Path | None, excel_csv: bool) -> list[str]:
    """Extract one PDF, write its folder; the summary lines `yusuan extract` prints (runs in the bounded child)."""
    from yusuan.steps.extract import CONTENTS_NOTE, _page_list, extract, write

    ex = extract(pdf)
    folder = write(ex, out, excel_csv=excel_csv)
    tables = list(ex.tables)
    empty = sum(t.empty for t in tables)
    lines = [f"{pdf.name}: {ex.doc_id} — {ex.meta['status']}; {len(tables)} tables ({empty} empty), {len(ex.tidy)} "
             f"figures → {paths.shown(folder)}"]
    if ex.meta.get("image_pages"):
        lines.append(f"  ! {_page_list(ex.meta['image_pages'])}: no text layer (pictures of pages); their figures are not "
                     "read (see meta.json \"image_pages\")")
    if ex.meta.get("unreadable_pages"):
        lines.append(f"  ! {_page_list(ex.meta['unreadable_pages'])}: the page cannot be loaded (a malformed page "
                     "object); nothing on it is read")
    for page, why in (ex.meta.get("skipped_pages") or {}).items():
        lines.append(f"  ! p. {page} not read: {why}")
    if ex.meta["contents"] in CONTENTS_NOTE and not ex.meta.get("companion"):
        lines.append(f"  ! {CONTENTS_NOTE[ex.meta['contents']]}")
    if ex.meta.get("missing_tables"):
        lines.append(f"  ! statutory tables not found: {', '.join(ex.meta['missing_tables'])} (neither printed with "
                     "figures nor declared empty; see meta.json \"statutory\")")
    for t in tables:
        if t.doubtful:
            lines.append(f"  ? {t.key} (p.{t.pages[0] if t.pages else '?'}) doubtful: {t.doubtful} — its figures are "
                         "not used to accuse the document")
    return lines


def cmd_extract(args, on_error: OnError) -> int:
    return _each(args.pdfs, on_error, extract_lines, (args.out, getattr(args, "excel_csv", False)), limits_of(args))


def audit_lines(pdf: Path, previous: Path | None, out: Path | None, excel_csv: bool) -> list[str]:
    """Audit one PDF and write its folder; the summary lines `yusuan audit` prints (runs in the bounded child)."""
    from yusuan.steps.audit import audit_and_write, summary_lines

    return summary_lines(audit_and_write(pdf, previous=previous, out=out, excel_csv=excel_csv))


def cmd_audit(args, on_error: OnError) -> int:
    return _each(args.pdfs, on_error, audit_lines, (args.previous, args.out, getattr(args, "excel_csv", False)),
                 limits_of(args))


def cmd_report(args, on_error: OnError) -> int:
    from yusuan.runner import report

    return report(args.pdfs, previous=args.previous, out=args.out, on_error=on_error, limits=limits_of(args))


def cmd_batch(args, on_error: OnError) -> int:
    from yusuan.corpus.batch import batch

    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    if args.jobs is not None and args.jobs < 1:
        raise InputError(folder, "--jobs must be at least 1")
    return batch(folder, out=args.out or paths.PROCESSED, on_error=on_error, jobs=args.jobs,
                 scheduler=args.scheduler, limits=limits_of(args), retries=max(0, args.retries),
                 retry_failed=args.retry_failed)
