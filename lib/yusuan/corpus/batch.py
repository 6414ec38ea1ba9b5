"""`yusuan batch`: a whole folder of disclosures into one corpus you can query, on every core or a cluster.

How a run goes (``batch``):

1. **Scan** FOLDER (recursively, symbolic links to folders not followed): every ``*.pdf`` file; a folder named
   ``x.pdf``, a broken link or a link loop is recorded as a failure with its reason, never a crash.
2. **Hash** each file once: OUT/manifest.sqlite caches (path, size, mtime) → sha256, so an unchanged file is
   not even re-read.
3. **Identify** the new files (publisher, kind, year: the text layer only, about 0.1 CPU-s a file; up to
   IDENTIFY_CHUNK files per task, a group that fails as a whole tried again file by file) — cached by sha256
   too — to pair each department's disclosures across years (``corpus.pair_years``: same department and kind, the
   closest earlier year) and to join the two halves of a disclosure published as two PDFs
   (``pdfdoc.companion_of``: the explanation half is read with its tables half — one document, findings once).
4. **Read** (extract + audit, ``audit.audit_and_write``, the later year with ``previous=`` the earlier) every
   document that is not done: on a ``dask.distributed`` cluster — a LocalCluster of one single-threaded worker
   process per core by default, or the scheduler at ``--scheduler ADDRESS``.  Inside each Dask task the work
   runs in a bounded grandchild (``yusuan.corpus.bounded``: time and memory per document; a runaway PDF is killed
   and recorded, the worker survives).  A task whose worker dies is retried on another (``--retries``), then
   recorded as failed.
5. **Commit**: a document counts as done only when its row in OUT/manifest.sqlite says so; the row is written
   (one SQLite transaction) after its folder, findings, key figures and Parquet fragments are all on disk, so a
   run killed at any moment leaves the unfinished documents to be redone and nothing half-counted.
6. **Corpus**: OUT/corpus.duckdb is brought up to date from the manifest in one transaction (``corpus.sync``:
   only new or redone documents are loaded), then OUT/corpus_index.csv and OUT/corpus_failures.csv.

The manifest is keyed by (sha256, yusuan version): a new yusuan version reads everything again.  A recorded
failure is not retried unless ``--retry-failed`` (a PDF that timed out would time out again).  One batch at a
time writes an output folder (OUT/.yusuan-batch.lock); a second one is refused with the first one's pid.
"""
from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from yusuan import __version__
from yusuan.base.errors import InputError, printable
from yusuan.base.provenance import sha256_file
from yusuan.corpus import store as corpus

MANIFEST = "manifest.sqlite"
LOCK = ".yusuan-batch.lock"
IDENTIFY_SECONDS = 120.0  # the text layer of a sane PDF reads in a second; a bound for the hostile ones
IDENTIFY_CHUNK = 16       # files identified in one task at most (_identify_all)
_EXPLANATION = re.compile(r"text|说明|文字")  # the explanation half of a two-file disclosure (runner._one_per_disclosure)


# ------------------------------------------------------------------ the scan

def scan(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(PDF files under ``folder``, [(path, reason)] for what looks like one but cannot be read as a file).
    Symbolic links to folders are not followed (no loops); a link to a file is read as that file."""
    found, skipped = [], []

    def walk_error(exc: OSError) -> None:
        skipped.append((Path(exc.filename or folder), f"cannot list this folder ({exc.strerror or exc})"))

    for root, dirs, files in os.walk(folder, onerror=walk_error, followlinks=False):
        dirs.sort()
        for name in sorted(dirs):
            if name.lower().endswith(".pdf"):
                p = Path(root) / name
                kind = "a symbolic link to a folder" if os.path.islink(p) else "a folder"
                skipped.append((p, f"{kind}, not a PDF file (skipped)"))
        for name in sorted(files):
            if not name.lower().endswith(".pdf"):
                continue
            p = Path(root) / name
            try:
                st = p.stat()
            except OSError as exc:
                why = {errno.ELOOP: "a symbolic link loop", errno.ENOENT: "a broken symbolic link"}.get(
                    exc.errno, f"cannot be read ({exc.strerror or exc})")
                skipped.append((p, f"{why} (skipped)"))
                continue
            if not stat.S_ISREG(st.st_mode):
                skipped.append((p, "not a regular file (skipped)"))
                continue
            found.append(p)
    return found, skipped


# ------------------------------------------------------------------ the manifest

# a document's row as Manifest.documents and Manifest.commit give it
_ROW = ("sha256", "doc_id", "file", "status", "stage", "reason", "previous_sha256", "companion_sha256", "info",
        "stamp")


class Manifest:
    """OUT/manifest.sqlite: what has been read, keyed by (sha256, yusuan version) — the commit point."""

    def __init__(self, out: Path):
        self.con = sqlite3.connect(str(Path(out) / MANIFEST), isolation_level=None, timeout=30)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")
        self.con.executescript("""
            CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
            CREATE TABLE IF NOT EXISTS identity (sha256 TEXT, version TEXT, publisher TEXT, kind TEXT,
                year INTEGER, error TEXT, PRIMARY KEY (sha256, version));
            CREATE TABLE IF NOT EXISTS documents (sha256 TEXT, version TEXT, doc_id TEXT, file TEXT, status TEXT,
                stage TEXT, reason TEXT, previous_sha256 TEXT, companion_sha256 TEXT, info TEXT, stamp TEXT,
                PRIMARY KEY (sha256, version));
        """)

    def close(self) -> None:
        self.con.close()

    def sha256(self, path: Path) -> str:
        """The file's sha256, hashed only if (size, mtime) changed since it was last hashed."""
        st = path.stat()
        key = str(path.absolute())
        row = self.con.execute("SELECT size, mtime_ns, sha256 FROM files WHERE path = ?", (key,)).fetchone()
        if row and row[0] == st.st_size and row[1] == st.st_mtime_ns:
            return row[2]
        sha = sha256_file(path)
        self.con.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (key, st.st_size, st.st_mtime_ns, sha))
        return sha

    def identities(self) -> dict[str, dict]:
        rows = self.con.execute("SELECT sha256, publisher, kind, year, error FROM identity WHERE version = ?",
                                (__version__,)).fetchall()
        return {r[0]: {"publisher": r[1], "kind": r[2], "year": r[3], "error": r[4]} for r in rows}

    def set_identity(self, sha: str, ident: dict) -> None:
        self.con.execute("INSERT OR REPLACE INTO identity VALUES (?, ?, ?, ?, ?, ?)",
                         (sha, __version__, ident.get("publisher"), ident.get("kind"), ident.get("year"),
                          ident.get("error")))

    def documents(self) -> dict[str, dict]:
        rows = self.con.execute("SELECT sha256, doc_id, file, status, stage, reason, previous_sha256, "
                                "companion_sha256, info, stamp FROM documents WHERE version = ?",
                                (__version__,)).fetchall()
        out = {}
        for r in rows:
            d = dict(zip(_ROW, r))
            d["info"] = json.loads(d["info"]) if d["info"] else {}
            out[d["sha256"]] = d
        return out

    def commit(self, sha: str, *, doc_id: str | None, file: str, status: str, stage: str = "", reason: str = "",
               previous: str | None = None, companion: str | None = None, info: dict | None = None) -> dict:
        """Record one document (one transaction): from here on it counts as done (or as failed).  Its row as
        :meth:`documents` gives it."""
        stamp = f"{time.time_ns()}"
        self.con.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (sha, __version__, doc_id, file, status, stage, reason, previous, companion,
                          json.dumps(info or {}, ensure_ascii=False), stamp))
        return dict(zip(_ROW, (sha, doc_id, file, status, stage, reason, previous, companion, info or {}, stamp)))


class _Lock:
    """OUT/.yusuan-batch.lock, held (flock) for the whole run; the kernel releases it if the process dies."""

    def __init__(self, out: Path):
        self.out, self.path, self.fh = out, out / LOCK, None

    def __enter__(self):
        import fcntl

        fh = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            pid = fh.read().strip() or "?"
            fh.close()
            raise InputError(self.out, f"another yusuan batch is writing {printable(self.out)} (pid {pid}); "
                                       "wait for it to finish") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self.fh = fh
        return self

    def __exit__(self, *exc):
        self.fh.close()


# ------------------------------------------------------------------ what runs on a worker

def _sidecar_newer(pdf: Path, row: dict | None) -> bool:
    """Whether ``pdf`` has a sidecar <pdf>.meta.yml (yusuan.steps.names.sidecar) modified after its manifest row
    was committed (its stamp is the commit's time in ns); False without a row (the file is read anyway)."""
    from yusuan.steps.names import sidecar_path

    side = sidecar_path(pdf)
    try:
        return row is not None and side.is_file() and side.stat().st_mtime_ns > int(row.get("stamp") or 0)
    except (OSError, ValueError):
        return False


def _allow_children() -> None:
    """Dask starts its worker processes as daemons, which multiprocessing forbids to have children; the
    bounded grandchild (yusuan.corpus.bounded) is killed with its process group whatever happens, and watches the
    worker that started it, so nothing is left behind if the worker dies."""
    import multiprocessing as mp

    proc = mp.current_process()
    if proc._config.get("daemon"):  # noqa: SLF001 - the documented effect of Process.daemon, set in place
        proc._config["daemon"] = False  # noqa: SLF001


def _identify(pdfs: list[str]) -> list[dict]:
    from yusuan.corpus.bounded import _OUT_OF_MEMORY
    from yusuan.pdf.pdfdoc import open_document
    from yusuan.steps.extract import identity
    from yusuan.steps.lookalike import refuse

    out = []
    for pdf in pdfs:
        try:
            doc = open_document(Path(pdf))
            refuse(doc)  # a look-alike (a government's budget book, debt tables …) is said for what it is, unread
        except InputError as exc:  # this file's own fault (no text layer, encrypted, no disclosure …): the others go on
            if _OUT_OF_MEMORY.search(exc.reason):
                raise
            out.append({"error": exc.reason})
            continue
        out.append(identity(doc))
    return out


def identify_task(pdfs: list[str], limits) -> list[dict] | None:
    """Publisher, kind and year of each PDF from its text layer ({'error': reason} for a file that cannot be
    read), one bounded child for the lot.  None if the child failed as a whole (timeout, memory, crash) and
    there was more than one file: the caller identifies each of them alone, so one hostile file is named."""
    from yusuan.corpus.bounded import Limits, run

    _allow_children()
    bound = Limits(seconds=min(limits.seconds or IDENTIFY_SECONDS, IDENTIFY_SECONDS), memory_mb=limits.memory_mb,
                   debug=limits.debug)
    try:
        return run(_identify, pdfs, path=pdfs[0] if len(pdfs) == 1 else f"{len(pdfs)} files",
                   limits=bound, warm=True)
    except InputError as exc:
        return [{"error": exc.reason}] if len(pdfs) == 1 else None


def _process(pdf: str, out: str, previous: str | None) -> dict:
    from yusuan.steps.audit import audit_and_write

    notes = []
    try:
        result = audit_and_write(Path(pdf), previous=Path(previous) if previous else None, out=Path(out))
    except InputError as exc:
        if not previous or Path(exc.path) != Path(previous):
            raise
        notes.append(f"previous year's {Path(previous).name} unreadable ({exc.reason}); audited without it")
        result = audit_and_write(Path(pdf), out=Path(out))
    folder = Path(out) / result.doc_id
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    counts = corpus.write_fragments(folder, Path(out))
    status = [f.status for f in result.findings]
    return {"doc_id": result.doc_id, "publisher": meta.get("publisher"), "region": meta.get("region"),
            **{c: meta.get(c) for c in corpus.PLACE_COLUMNS}, "year": meta.get("year"),
            "kind": meta.get("kind"), "status": meta.get("status"), "missing_tables": meta.get("missing_tables") or [],
            "pages": meta.get("pages"), "tables": len(meta.get("tables", [])),
            "empty_tables": len(meta.get("empty_tables", [])), "figures": counts["figures"],
            "findings": len(status), "mismatches": status.count("mismatch"), "notes": notes}


def process_task(pdf: str, out: str, previous: str | None, limits) -> dict:
    """Extract and audit one PDF into OUT (folder and Parquet fragments); {'error': reason} if it failed."""
    from yusuan.corpus.bounded import run

    _allow_children()
    t0 = time.monotonic()
    try:
        info = run(_process, pdf, out, previous, path=pdf, limits=limits, warm=True)
    except InputError as exc:
        return {"error": exc.reason, "seconds": time.monotonic() - t0}
    info["seconds"] = round(time.monotonic() - t0, 1)
    return info


# ------------------------------------------------------------------ the cluster

@dataclass
class Cluster:
    client: object
    cluster: object = None
    description: str = ""

    def close(self) -> None:
        try:
            self.client.close(timeout=10)
        finally:
            if self.cluster is not None:
                self.cluster.close(timeout=10)


def connect(scheduler: str | None, jobs: int | None, retries: int) -> Cluster:
    """A Dask client: of the scheduler at ``scheduler``, or of a new LocalCluster of ``jobs`` single-threaded
    worker processes (default: one per core).  A worker that dies takes its task to another up to
    ``retries`` times (the scheduler's allowed-failures) before the task is recorded as failed."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    for name in ("distributed", "tornado", "bokeh"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise InputError(scheduler, f"cannot reach the Dask scheduler ({type(exc).__name__}: {exc})") from None
        try:
            client.wait_for_workers(1, timeout=60)
        except (TimeoutError, OSError):
            client.close()
            raise InputError(scheduler, "no Dask worker joined this scheduler within 60 s") from None
        n = len(client.nthreads())
        return Cluster(client, None, f"the Dask scheduler at {scheduler} ({n} worker{'s' if n != 1 else ''})")
    n = jobs or os.cpu_count() or 1
    # Each document is bounded in its own child (time, memory: yusuan.corpus.bounded), so the workers need neither
    # Dask's memory manager (memory_limit=0: no nanny polling the process tree every 100 ms) nor its
    # statistical profiler (a thread sampling every 10 ms); and with no dashboard and its logs silenced, neither
    # the event-loop watchdog (a tick every 20 ms in the scheduler, each nanny and each worker, only to warn of
    # a blocked loop) nor the system monitor's psutil reading every 0.5 s.  Measured on an idle cluster of two
    # workers: 4.2 → 0.6 CPU-s per 30 s — taken from the documents on a machine with one core per worker.
    with dask.config.set({"distributed.scheduler.allowed-failures": max(0, retries),
                          "distributed.worker.memory.target": False, "distributed.worker.memory.spill": False,
                          "distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
                          "distributed.admin.system-monitor.interval": "5s"}):
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.CRITICAL, memory_limit=0)
        client = Client(cluster, set_as_default=False)
    return Cluster(client, cluster, f"{n} local worker process{'es' if n > 1 else ''}")


# ------------------------------------------------------------------ the run

class _Progress:
    """A bar on a terminal; elsewhere one line per document (new / unchanged / merged …) on stdout.
    Failures always go to on_error (stderr), one line each."""

    def __init__(self, total: int, on_error):
        from tqdm import tqdm

        self.tty = sys.stderr.isatty()
        self.bar = tqdm(total=total, desc="batch", unit="pdf", file=sys.stderr, disable=not self.tty)
        self.on_error = on_error

    def line(self, what: str, name: str, text: str = "", advance: bool = True) -> None:
        if not self.tty:
            print(f"{what:<10} {printable(name)}{': ' + printable(text) if text else ''}", flush=True)
        if advance:
            self.bar.update(1)

    def error(self, exc: InputError, advance: bool = True) -> None:
        from tqdm import tqdm

        with tqdm.external_write_mode(file=sys.stderr):
            self.on_error(exc)
        if advance:
            self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def batch(folder: Path, out: Path, on_error, jobs: int | None = None, scheduler: str | None = None, limits=None,
          retries: int = 2, retry_failed: bool = False) -> int:
    """Read every PDF under ``folder`` into the corpus in ``out``; 0, or 2 if any file failed (the others are
    complete).  See the module docstring."""
    from yusuan.corpus.bounded import Limits

    folder, out = Path(folder), Path(out)
    limits = limits or Limits()
    found, skipped = scan(folder)
    if not found and not skipped:
        raise InputError(folder, "no PDF files in this folder")
    out.mkdir(parents=True, exist_ok=True)
    with _Lock(out):
        man = Manifest(out)
        try:
            return _run(folder, out, man, found, skipped, on_error, jobs, scheduler, limits, retries, retry_failed)
        finally:
            man.close()


def _rel(p: Path, folder: Path) -> str:
    try:
        return p.relative_to(folder).as_posix()
    except ValueError:
        return str(p)


def _run(folder, out, man: Manifest, found, skipped, on_error, jobs, scheduler, limits, retries, retry_failed) -> int:
    t0 = time.monotonic()
    failures: list[dict] = []  # file, sha256, stage, reason
    progress = None

    def fail(path: Path, sha, stage: str, reason: str, advance: bool = True, note: str = "") -> None:
        failures.append({"file": _rel(path, folder), "sha256": sha, "stage": stage, "reason": reason})
        exc = InputError(path, reason + note)
        if progress:
            progress.error(exc, advance=advance)
        else:
            on_error(exc)

    for p, why in skipped:
        fail(p, None, "scan", why)
    # hash (cached by path, size, mtime); one document per content
    sha_of: dict[Path, str] = {}
    first: dict[str, Path] = {}
    man.con.execute("BEGIN")
    try:
        for p in found:
            try:
                sha = man.sha256(p)
            except OSError as exc:
                fail(p, None, "read", f"cannot be read ({exc.strerror or exc})")
                continue
            sha_of[p] = sha
            first.setdefault(sha, p)
    finally:
        man.con.execute("COMMIT")
    duplicates = [(p, first[s]) for p, s in sha_of.items() if first[s] != p]
    files = {s: p for s, p in first.items()}  # sha → path

    ident = man.identities()
    done = man.documents()
    # a sidecar <pdf>.meta.yml written or edited since the file was read: read it again (identity too)
    resided = {s for s, p in files.items() if _sidecar_newer(p, done.get(s))}
    for s in resided:
        ident.pop(s, None)
    new_ident = [s for s in files if s not in ident]
    cluster = None
    futures = []
    try:
        # which documents need reading is known only after identities (pairing, companions)
        need_cluster = bool(new_ident)
        if need_cluster:
            cluster = connect(scheduler, jobs, retries)
            print(f"batch: identifying {len(new_ident)} new PDF file(s) on {cluster.description}", file=sys.stderr,
                  flush=True)
            _identify_all(cluster, files, new_ident, limits, man, ident)

        # companions: the explanation half of a two-file disclosure is read with its tables half
        path_sha = {str(p.absolute()): s for s, p in files.items()}
        companion: dict[str, str] = {}   # tables-half sha → explanation-half sha
        merged: dict[str, str] = {}      # explanation-half sha → tables-half sha
        from yusuan.pdf.pdfdoc import companion_of

        for s, p in files.items():
            other = companion_of(p)
            o = path_sha.get(str(other.absolute())) if other is not None else None
            if o is None or o == s:
                continue
            if _EXPLANATION.search(p.name) and not _EXPLANATION.search(other.name):
                merged[s] = o
            elif not _EXPLANATION.search(p.name):
                companion[s] = o
        # the tables half may print no year: take its explanation half's
        for s, o in companion.items():
            if s in ident and not ident[s].get("year") and ident.get(o, {}).get("year"):
                ident[s] = {**ident[s], "year": ident[o]["year"]}
        primary = [s for s in files if s not in merged]
        failed_ident = {s for s in primary if ident.get(s, {}).get("error")}
        prev_of = corpus.pair_years({s: ident[s] for s in primary if s in ident and s not in failed_ident})

        todo, unchanged, recorded = [], [], []
        for s in primary:
            row = done.get(s)
            if s in failed_ident:
                if row is None or row["status"] != "failed" or row["stage"] != "identify" or retry_failed:
                    done[s] = man.commit(s, doc_id=None, file=_rel(files[s], folder), status="failed",
                                         stage="identify", reason=ident[s]["error"])
                recorded.append(s)
                continue
            same = row is not None and row["previous_sha256"] == prev_of.get(s) and \
                row["companion_sha256"] == companion.get(s) and s not in resided
            if same and row["status"] == "ok" and (out / row["doc_id"]).is_dir():
                unchanged.append(s)
            elif same and row["status"] == "failed" and not retry_failed:
                recorded.append(s)
            else:
                todo.append(s)

        progress = _Progress(len(primary) + len(merged), on_error)
        print(f"batch: {len(found)} PDF files in {printable(folder)}: {len(todo)} to read, {len(unchanged)} "
              f"unchanged, {len(recorded)} failed before, {len(merged)} read with their other half",
              file=sys.stderr, flush=True)
        for s in unchanged:
            progress.line("unchanged", _rel(files[s], folder), done[s]["doc_id"])
        for s in recorded:
            row = done[s]
            earlier = s not in new_ident or (row["stage"] != "identify")
            fail(files[s], s, row["stage"] or "read", row["reason"],
                 note=" (recorded by an earlier run; --retry-failed tries again)" if earlier else "")
        for s, o in merged.items():
            progress.line("merged", _rel(files[s], folder), f"the explanation half of {files[o].name}")
        for p, q in duplicates:
            progress.line("duplicate", _rel(p, folder), f"the same file as {_rel(q, folder)}", advance=False)

        if todo:
            if cluster is None:
                cluster = connect(scheduler, jobs, retries)
                print(f"batch: reading {len(todo)} on {cluster.description}", file=sys.stderr, flush=True)
            from distributed import as_completed

            submitted = {}
            for s in sorted(todo, key=lambda s: -files[s].stat().st_size):  # the big ones first
                prev = prev_of.get(s)
                fut = cluster.client.submit(process_task, str(files[s].absolute()), str(out.absolute()),
                                            str(files[prev].absolute()) if prev else None, limits,
                                            key=f"yusuan-read-{s[:16]}-{time.time_ns()}", pure=False,
                                            retries=retries)
                submitted[fut] = s
                futures.append(fut)
            for fut in as_completed(list(submitted), loop=cluster.client.loop):
                s = submitted[fut]
                p = files[s]
                try:
                    res = fut.result()
                except Exception as exc:  # noqa: BLE001 - KilledWorker, or a task that raised on every retry
                    name = type(exc).__name__
                    why = (f"its worker died {retries + 1} times (killed, out of memory or lost); recorded "
                           f"({name})" if name == "KilledWorker" else f"failed on the cluster ({name}: {exc})")
                    man.commit(s, doc_id=None, file=_rel(p, folder), status="failed", stage="worker", reason=why,
                               previous=prev_of.get(s), companion=companion.get(s))
                    fail(p, s, "worker", why)
                    continue
                if "error" in res:
                    man.commit(s, doc_id=None, file=_rel(p, folder), status="failed", stage="extract",
                               reason=res["error"], previous=prev_of.get(s), companion=companion.get(s))
                    fail(p, s, "extract", res["error"])
                    continue
                man.commit(s, doc_id=res["doc_id"], file=_rel(p, folder), status="ok", previous=prev_of.get(s),
                           companion=companion.get(s), info=res)
                extra = f", compared with {files[prev_of[s]].name}" if prev_of.get(s) else ""
                status = f"{res['status']}, " if res.get("status") else ""
                progress.line("new", _rel(p, folder), f"{res['doc_id']} ({status}{res['seconds']:.0f} s{extra})")
                for note in res.get("notes", []):
                    progress.line("note", _rel(p, folder), note, advance=False)
    except BaseException:
        for fut in futures:  # interrupted: nothing queued keeps running
            fut.cancel()
        raise
    finally:
        if progress:
            progress.close()
        if cluster is not None:
            cluster.close()

    counts = _write_corpus(folder, out, man, files, primary, merged, companion, prev_of, ident, failures)
    n_failed = len(failures)
    by_status = counts["by_status"]
    statuses = ", ".join(f"{by_status[k]} {k}" for k in corpus.READ_STATUSES if by_status.get(k))
    refused = f"{by_status['not a disclosure']} not a disclosure; " if by_status.get("not a disclosure") else ""
    print(f"{counts['documents']} documents read ({statuses or 'none'}; {counts['figures']} figures, "
          f"{counts['findings']} checks), {n_failed} not read ({refused or ''}see corpus_failures.csv), in "
          f"{time.monotonic() - t0:.0f} s → "
          f"{printable(out / corpus.DATABASE)} (+ {printable(out / corpus.PARQUET)}/, corpus_index.csv, "
          "corpus_failures.csv); the views count complete documents", file=sys.stderr)
    return 2 if failures else 0


def _identify_all(cluster: Cluster, files, shas, limits, man: Manifest, ident: dict, size: int | None = None) -> None:
    """Identify ``shas`` on the cluster, IDENTIFY_CHUNK files per task at most (a file's text layer reads in
    about 0.1 CPU-s; a task and its bounded child cost about as much again, so files go in groups — about four
    groups per worker, the largest files first; ``size`` sets it); a group that fails as a whole is identified
    file by file."""
    from distributed import as_completed

    workers = max(1, len(cluster.client.nthreads()))
    size = size or max(1, min(IDENTIFY_CHUNK, len(shas) // (4 * workers)))
    order = sorted(shas, key=lambda s: -files[s].stat().st_size)
    futs = {}

    def submit(group: list[str]):
        fut = cluster.client.submit(identify_task, [str(files[s].absolute()) for s in group], limits, pure=False,
                                    key=f"yusuan-identify-{group[0][:16]}-{time.time_ns()}")
        futs[fut] = group
        return fut

    for i in range(0, len(order), size):
        submit(order[i:i + size])
    try:
        done = as_completed(list(futs), loop=cluster.client.loop)
        for fut in done:
            group = futs[fut]
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - its worker died
                if len(group) > 1:
                    res = None
                else:  # not cached: tried again next run
                    ident[group[0]] = {"error": f"could not be identified ({type(exc).__name__})"}
                    continue
            if res is None:  # the group failed as a whole: each file alone
                for s in group:
                    done.add(submit([s]))
                continue
            for s, r in zip(group, res):
                ident[s] = r
                man.set_identity(s, r)
    except BaseException:
        for fut in futs:
            fut.cancel()
        raise


def _write_corpus(folder, out, man: Manifest, files, primary, merged, companion, prev_of, ident, failures) -> dict:
    done = man.documents()
    docs, stamps = [], {}
    for s in primary:
        row = done.get(s)
        if row is None:  # interrupted before it was read: not in the corpus yet
            continue
        info = row["info"] if row["status"] == "ok" else {}
        idn = ident.get(s, {})
        who = info.get("publisher") or idn.get("publisher")
        prev = prev_of.get(s)
        prev_row = done.get(prev) if prev else None
        # the place meta.json gives (with its sidecar); from the name alone for a file that failed before
        where = {k: info.get(k) for k in ("region", *corpus.PLACE_COLUMNS)} if "region" in info \
            else corpus.place(who, idn.get("year"))
        docs.append({
            "doc_id": row["doc_id"], "department": corpus.department(who), "publisher": who,
            **where, "year": info.get("year") or idn.get("year"),
            "kind": info.get("kind") or idn.get("kind"), "pages": info.get("pages"), "tables": info.get("tables"),
            "empty_tables": info.get("empty_tables"), "figures": info.get("figures"),
            "findings": info.get("findings"), "mismatches": info.get("mismatches"), "status": _status(row),
            "missing_tables": ", ".join(info.get("missing_tables") or []) or None,
            "stage": row["stage"] or None, "reason": row["reason"] or None, "file": _rel(files[s], folder),
            "companion_file": _rel(files[companion[s]], folder) if s in companion else None,
            "previous_doc_id": prev_row["doc_id"] if prev_row and prev_row["status"] == "ok" else None,
            "sha256": s, "yusuan_version": __version__,
        })
        if row["status"] == "ok":
            stamps[row["doc_id"]] = row["stamp"]
    documents = pd.DataFrame(docs, columns=corpus.DOCUMENT_COLUMNS)
    for c in ("year", "pages", "tables", "empty_tables", "figures", "findings", "mismatches"):
        documents[c] = pd.to_numeric(documents[c], errors="coerce").astype("Int64")
    fails = pd.DataFrame(failures, columns=corpus.FAILURE_COLUMNS)
    counts = corpus.sync(out, documents, fails, stamps)
    corpus.prune(out, set(stamps))
    from yusuan.base.files import write_csv

    write_csv(_safe(documents), out / "corpus_index.csv")
    write_csv(_safe(fails), out / "corpus_failures.csv")
    return {"documents": int(documents.status.isin(corpus.READ_STATUSES).sum()), "figures": counts["figures"],
            "findings": counts["findings"], "by_status": documents.status.value_counts().to_dict()}


def _status(row: dict) -> str:
    """A document's status in the corpus (steps.extract.STATUSES): the one meta.json gave it when it was read;
    for a file refused, "not a disclosure" (a look-alike, said for what it is in ``reason``) or "failed"."""
    from yusuan.steps.lookalike import refusal_status

    if row["status"] == "ok":
        return row["info"].get("status") or "read"  # read by a yusuan that did not record a status
    return refusal_status(row["reason"])[0]


def _no_formula(v):
    """A cell a spreadsheet would run as a formula (=, +, @, or - not starting a number) gets a leading
    apostrophe (htmlreport._no_formula's rule)."""
    if isinstance(v, str) and v[:1] in ("=", "+", "@", "-", "\t", "\r") and not re.fullmatch(r"-[\d.,]+", v):
        return "'" + v
    return v


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), "").map(_no_formula)
