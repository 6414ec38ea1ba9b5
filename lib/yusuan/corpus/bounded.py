"""Run one document's work with a hard bound on time and memory, so that no PDF can hang or exhaust a run.

``run(fn, *args, path=..., limits=...)`` calls ``fn(*args)`` in a child process (multiprocessing's forkserver: a
clean, single-threaded parent for every child, with yusuan's modules preloaded) that

- may map ``limits.memory_mb`` more address space than it starts with (``resource.RLIMIT_AS`` set to its own
  size at start plus the bound: the libraries every child shares — numpy, pandas, camelot, pdfium, the compiled
  kernels, about 1 GB of address space — are not the document's): an allocation beyond it fails inside the
  child (MemoryError, or the child dies) and is reported as "memory limit of N MB exceeded";
- is killed, with every process it started (its own process group: papermill's kernels too), after
  ``limits.seconds``: reported as "timeout after N s";
- kills itself and its group if the process that started it vanishes (a batch worker killed, a parent killed
  with SIGKILL): a document's work never outlives the run that asked for it.

Every failure comes back as :class:`InputError` (one line: the file and the reason); a child that dies without
a word (killed by the system, a crash in a C library) too.  The result of ``fn`` must be picklable.
``run_many`` runs several documents at once, ``jobs`` children at a time, and hands each result (or
InputError) to a callback as it arrives.

Defaults (``Limits()``): 900 s and 2048 MB per document — a real disclosure of 200 pages needs about 20 s and
300 MB to extract and audit, and a minute more for the notebooks of a report; ``--timeout`` and ``--memory``
change them (0 = no bound).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import re
import signal
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable, Iterable

from yusuan.base.errors import InputError

PRELOAD = ["numpy", "pandas", "pypdfium2", "camelot", "pypinyin", "yusuan.pdf.native", "yusuan.steps.extract", "yusuan.steps.audit"]
# A run of this many documents or more (and every batch worker) also preloads yusuan.corpus.warmup: one small disclosure
# read in the forkserver (about 2 CPU-s, once), so that each document's child starts warm (about 0.25 CPU-s less
# each; see yusuan.corpus.warmup).  A run of one or two documents would wait longer for it than it saves.
WARM_FROM = 3
# what an allocation refused under RLIMIT_AS looks like when a library reports it in its own words
_OUT_OF_MEMORY = re.compile(r"MemoryError|failed to map segment|Cannot allocate memory|bad_alloc|out of memory", re.I)


@dataclass(frozen=True)
class Limits:
    seconds: float = 900.0   # wall-clock seconds per document; 0: none
    memory_mb: int = 2048    # address space a document may add to its child's, in MiB; 0: none
    debug: bool = False      # a child's unexpected error carries its traceback

    def describe(self) -> str:
        t = f"{self.seconds:.0f} s" if self.seconds else "no time limit"
        m = f"{self.memory_mb} MB" if self.memory_mb else "no memory limit"
        return f"{t}, {m} per document"


# the answer of a child out of memory, pickled while there is memory to pickle it
_MEMORY = pickle.dumps(("memory", ""))

_CTX = None


def _context(warm: bool = False):
    """The forkserver context (created once per process: the first caller decides whether it is warmed).
    pyarrow's allocator (mimalloc, used by pandas' strings) reserves 1 GiB of address space at its first use;
    in the forkserver that reservation would be inherited by every child, free of its bound, so the forkserver
    is started with a 64 MiB reservation (MIMALLOC_ARENA_RESERVE, unless the user set it)."""
    global _CTX
    if _CTX is None:
        os.environ.setdefault("MIMALLOC_ARENA_RESERVE", "64MiB")
        _CTX = mp.get_context("forkserver")
        _CTX.set_forkserver_preload(PRELOAD + (["yusuan.corpus.warmup"] if warm else []))
    return _CTX


def _address_space() -> int:
    """Bytes of address space this process maps now (Linux: /proc/self/status VmSize); 0 if unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _watch(pid: int) -> None:
    """If process ``pid`` (the one that started this child) vanishes, kill this child's process group."""
    def loop() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os.killpg(os.getpgrp(), signal.SIGKILL)
            except PermissionError:
                pass

    threading.Thread(target=loop, daemon=True, name="yusuan-watch-parent").start()


def _child(conn, fn: Callable, args: tuple, limits: Limits, parent: int) -> None:
    os.setpgrp()  # its own process group: a timeout kills what it started too
    # before the memory bound: a thread that cannot allocate its start-up leaves Thread.start() waiting forever
    _watch(parent)
    if limits.memory_mb:
        import resource

        cap = _address_space() + limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        result = fn(*args)
        msg = ("ok", result)
    except InputError as exc:
        msg = ("memory", "") if limits.memory_mb and _OUT_OF_MEMORY.search(exc.reason) else ("input", exc.reason)
    except MemoryError:
        msg = ("memory", "")
    except BaseException as exc:  # noqa: BLE001 - whatever happens is reported to the parent in one line
        detail = str(exc).strip().splitlines()
        if limits.memory_mb and _OUT_OF_MEMORY.search(f"{type(exc).__name__}: {exc}"):
            msg = ("memory", "")
        else:
            msg = ("error", f"{type(exc).__name__}: {detail[-1] if detail else ''}"
                   + (("\n" + traceback.format_exc()) if limits.debug else ""))
    try:
        if msg[0] == "memory":
            conn.send_bytes(_MEMORY)
        else:
            conn.send(msg)
    except MemoryError:
        conn.send_bytes(_MEMORY)
    except Exception as exc:  # noqa: BLE001 - an unpicklable result
        conn.send(("error", f"result could not be returned ({type(exc).__name__})"))
    finally:
        conn.close()


class _Job:
    def __init__(self, fn, args, path, limits: Limits):
        ctx = _context()
        self.path, self.limits = path, limits
        self.recv, send = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_child, args=(send, fn, args, limits, os.getpid()), daemon=False)
        self.proc.start()
        send.close()
        self.started = time.monotonic()

    @property
    def deadline(self) -> float:
        return self.started + self.limits.seconds if self.limits.seconds else float("inf")

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.join(5)

    def outcome(self, timed_out: bool = False) -> Any:
        """The result, or an InputError saying why there is none."""
        if timed_out:
            self.kill()
            return InputError(self.path, f"timeout after {self.limits.seconds:.0f} s (stopped; --timeout changes the bound)")
        try:
            kind, value = self.recv.recv()
        except (EOFError, OSError):
            self.proc.join(5)
            code = self.proc.exitcode
            self.kill()
            if code is not None and code < 0:
                name = signal.Signals(-code).name
                if name == "SIGKILL":
                    why = "was killed by the system (out of memory?)"
                elif name == "SIGABRT" and self.limits.memory_mb:  # a C library aborts when malloc fails
                    why = f"crashed (SIGABRT: out of its memory limit of {self.limits.memory_mb} MB?)"
                else:
                    why = f"crashed ({name})"
                return InputError(self.path, f"the worker reading it {why}")
            return InputError(self.path, f"the worker reading it ended without a result (exit {code})")
        finally:
            self.recv.close()
        self.proc.join(5)
        self.kill()  # anything it left behind (a kernel) goes with it
        if kind == "ok":
            return value
        if kind == "input":
            return InputError(self.path, value)
        if kind == "memory":
            return InputError(self.path, f"memory limit of {self.limits.memory_mb} MB exceeded (stopped; --memory "
                                         "changes the bound)")
        return InputError(self.path, f"failed ({value})")


def run(fn: Callable, *args, path: str | Path, limits: Limits | None = None, warm: bool = False) -> Any:
    """``fn(*args)`` under ``limits`` in a child process; its result, or raises InputError naming ``path``.
    ``warm``: more documents will follow in this process (a batch worker): warm the forkserver (WARM_FROM)."""
    out = []
    run_many(fn, [(path, args)], limits=limits, jobs=1, on_result=lambda p, r: out.append(r), warm=warm)
    if isinstance(out[0], InputError):
        raise out[0]
    return out[0]


def run_many(fn: Callable, items: Iterable[tuple[str | Path, tuple]], limits: Limits | None = None, jobs: int = 1,
             on_result: Callable[[str | Path, Any], None] | None = None, warm: bool | None = None) -> None:
    """``fn(*args)`` for each (path, args) of ``items``, at most ``jobs`` at a time, each under ``limits``;
    ``on_result(path, result or InputError)`` as each finishes.  Interrupting (Ctrl-C) kills the running
    children and starts no more.  ``warm`` (default: WARM_FROM documents or more) warms the forkserver first."""
    limits = limits or Limits()
    queue = list(items)
    _context(len(queue) >= WARM_FROM if warm is None else warm)
    running: list[_Job] = []
    try:
        while queue or running:
            while queue and len(running) < max(1, jobs):
                path, args = queue.pop(0)
                running.append(_Job(fn, args, path, limits))
            now = time.monotonic()
            timeout = max(0.0, min(j.deadline for j in running) - now)
            ready = wait([j.recv for j in running] + [j.proc.sentinel for j in running],
                         timeout=None if timeout == float("inf") else timeout)
            now = time.monotonic()
            for job in list(running):
                if job.recv in ready or job.proc.sentinel in ready:
                    res = job.outcome()
                elif now >= job.deadline:
                    res = job.outcome(timed_out=True)
                else:
                    continue
                running.remove(job)
                if on_result:
                    on_result(job.path, res)
    finally:
        for job in running:  # interrupted: nothing keeps running behind the user's back
            job.kill()
