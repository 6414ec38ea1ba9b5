"""`yusuan batch`: a folder into one corpus on dask.distributed — incremental, bad files recorded and skipped,
a real scheduler and workers, a worker killed mid-batch, a parent killed mid-batch, two batches at once."""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, RAW

from yusuan.corpus.store import READ_STATUSES

BIN = Path(sys.executable).parent
YUSUAN = BIN / "yusuan"
DASK = BIN / "dask"


def _batch(*args, **kw):
    return subprocess.run([str(YUSUAN), "batch", *map(str, args)], capture_output=True, text=True, **kw)


@pytest.mark.slow
def test_batch_builds_a_corpus_and_reports_bad_files(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(RAW / "sh-putuo-wanli-2024-budget.pdf", src)
    shutil.copy(RAW / "sh-putuo-wanli-2025-budget.pdf", src / "sub")
    shutil.copy(FIXTURES / "bad" / "encrypted.pdf", src)
    (src / "folder.pdf").mkdir()                      # a folder named like a PDF
    (src / "loop.pdf").symlink_to("loop.pdf")         # a symbolic link loop
    (src / "up").symlink_to(src, target_is_directory=True)  # a loop of folders: not followed
    (src / "evil\x1b[2J\nname.pdf").write_bytes(b"not a PDF at all\n")  # its name escaped when printed
    out = tmp_path / "out"
    proc = _batch(src, "--out", out, "--jobs", "2")
    assert proc.returncode == 2, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("yusuan: error")]
    assert f"yusuan: error: {src / 'encrypted.pdf'}: encrypted PDF (an open password is required); decrypt it first" \
        in errors
    assert f"yusuan: error: {src / 'folder.pdf'}: a folder, not a PDF file (skipped)" in errors
    assert f"yusuan: error: {src / 'loop.pdf'}: a symbolic link loop (skipped)" in errors
    assert any("evil\\x1b[2J\\nname.pdf" in ln for ln in errors) and "\x1b" not in proc.stderr
    assert len(errors) == 4
    # outside a terminal: one line per document
    assert sorted(ln.split()[0] for ln in proc.stdout.splitlines()) == ["new", "new"]

    index = pd.read_csv(out / "corpus_index.csv", dtype=str, keep_default_na=False)
    ok = index[index.status == "complete"]  # every statutory table printed (both years of 万里街道)
    assert sorted(ok.year) == ["2024", "2025"]
    assert set(ok.publisher) == {"上海市普陀区人民政府万里街道办事处"} and set(ok.region) == {"上海市普陀区万里街道"}
    assert set(ok.province) == {"上海市"} and set(ok.county) == {"普陀区"} and set(ok.level) == {"乡镇"}
    later = ok[ok.year == "2025"].iloc[0]
    assert later.previous_doc_id == ok[ok.year == "2024"].doc_id.iloc[0]  # paired across years
    failures = pd.read_csv(out / "corpus_failures.csv", dtype=str, keep_default_na=False)
    assert sorted(failures.file) == sorted(["encrypted.pdf", "folder.pdf", "loop.pdf", "evil\x1b[2J\nname.pdf"])
    assert set(failures[failures.file == "folder.pdf"].stage) == {"scan"}

    import duckdb

    con = duckdb.connect(str(out / "corpus.duckdb"), read_only=True)
    for doc_id in ok.doc_id:
        tidy = pd.read_csv(out / doc_id / "tidy.csv", dtype=str, keep_default_na=False)
        n = con.execute("SELECT count(*) FROM figures WHERE doc_id = ?", [doc_id]).fetchone()[0]
        assert n == len(tidy) == int(ok[ok.doc_id == doc_id].figures.iloc[0])
    assert con.execute("SELECT count(*) FROM failures").fetchone()[0] == 4
    assert con.execute("SELECT typeof(code) FROM figures LIMIT 1").fetchone()[0] == "VARCHAR"
    assert con.execute("SELECT count(*) FROM changes").fetchone()[0] > 0
    con.close()

    # second run: nothing re-read, nothing re-hashed, the corpus unchanged
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("*/tidy.csv")}
    again = _batch(src, "--out", out)
    assert again.returncode == 2
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/tidy.csv")} == stamps
    assert sorted(ln.split()[0] for ln in again.stdout.splitlines()) == ["unchanged", "unchanged"]
    assert "recorded by an earlier run" in again.stderr
    assert pd.read_csv(out / "corpus_index.csv", dtype=str, keep_default_na=False).equals(index)


def test_batch_of_a_missing_folder_is_one_line_exit_2(tmp_path):
    proc = _batch(tmp_path / "nope")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and "no such folder" in proc.stderr


def test_a_second_batch_on_the_same_output_is_refused(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FIXTURES / "bad" / "encrypted.pdf", src)
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".yusuan-batch.lock", "a+") as fh:  # as a running batch holds it
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fh.write("4242")
        fh.flush()
        proc = _batch(src, "--out", out)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"yusuan: error: {out}: another yusuan batch is writing {out} (pid 4242); " \
                                  "wait for it to finish"
    assert not (out / "manifest.sqlite").exists()


def test_csvs_have_a_header_and_no_formulas():
    from yusuan.corpus.batch import _safe
    from yusuan.corpus.store import DOCUMENT_COLUMNS

    empty = _safe(pd.DataFrame(columns=DOCUMENT_COLUMNS))
    assert list(empty.columns) == DOCUMENT_COLUMNS
    cells = _safe(pd.DataFrame({"a": ["=1+1", "-12.5", "@x", "-x", "ok", None]}))
    assert list(cells.a) == ["'=1+1", "-12.5", "'@x", "'-x", "ok", ""]


def test_a_failure_only_batch_writes_headed_csvs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.pdf").mkdir()
    out = tmp_path / "out"
    proc = _batch(src, "--out", out)
    assert proc.returncode == 2
    assert (out / "corpus_index.csv").read_text(encoding="utf-8").startswith("doc_id,department,publisher,")
    fails = pd.read_csv(out / "corpus_failures.csv", dtype=str)
    assert list(fails.columns) == ["file", "sha256", "stage", "reason"] and list(fails.file) == ["a.pdf"]


# ------------------------------------------------------------------ a real cluster

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(pred, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two workers (one process, one thread each) as separate processes on this machine."""
    port = _free_port()
    addr = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="True")
    log = open(tmp_path / "dask.log", "w")
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=log, stderr=log, start_new_session=True, env=env)]
    time.sleep(1.0)
    for _ in range(2):
        procs.append(subprocess.Popen([str(DASK), "worker", addr, "--nworkers", "1", "--nthreads", "1",
                                       "--no-dashboard", "--host", "127.0.0.1"], stdout=log, stderr=log,
                                      start_new_session=True, env=env))
    from distributed import Client

    with Client(addr, timeout="20s") as c:
        c.wait_for_workers(2, timeout=60)
    try:
        yield addr, procs[1:]
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(10)
        log.close()


def _two_pdfs(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("sh-putuo-wanli-2024-budget.pdf", "sh-putuo-wanli-2025-budget.pdf"):
        shutil.copy(RAW / name, src)
    return src


@pytest.mark.slow
def test_batch_on_a_running_scheduler_and_two_workers(tmp_path, cluster):
    addr, _ = cluster
    src = _two_pdfs(tmp_path)
    out = tmp_path / "out"
    proc = _batch(src, "--out", out, "--scheduler", addr, timeout=240)
    assert proc.returncode == 0, proc.stderr
    assert f"on the Dask scheduler at {addr} (2 workers)" in proc.stderr
    index = pd.read_csv(out / "corpus_index.csv", dtype=str, keep_default_na=False)
    assert list(index.status) == ["complete", "complete"] and sorted(index.year) == ["2024", "2025"]


@pytest.mark.slow
def test_a_worker_killed_mid_batch_is_retried_or_recorded(tmp_path, cluster):
    import psutil

    addr, workers = cluster
    src = _two_pdfs(tmp_path)
    shutil.copy(RAW / "bj-audit-2026-budget-tables.pdf", src)
    out = tmp_path / "out"
    batch = subprocess.Popen([str(YUSUAN), "batch", str(src), "--out", str(out), "--scheduler", addr],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    victim = psutil.Process(workers[0].pid)
    # wait until that worker reads a document: its bounded grandchild (nanny → worker → forkserver → child)
    _wait_for(lambda: len(victim.children(recursive=True)) >= 3 and (out / "manifest.sqlite").exists() and
              any(p.name().startswith(("python", "dask")) for p in victim.children(recursive=True)), 120,
              "a document read on the first worker")
    time.sleep(2)
    tree = victim.children(recursive=True)
    for p in [victim, *tree]:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    stdout, stderr = batch.communicate(timeout=300)
    # nothing of the killed worker is left running (its document's grandchild watches the worker)
    _wait_for(lambda: not [p for p in tree if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], 15,
              "the killed worker's processes to end")
    index = pd.read_csv(out / "corpus_index.csv", dtype=str, keep_default_na=False)
    assert len(index) == 3
    fails = pd.read_csv(out / "corpus_failures.csv", dtype=str, keep_default_na=False)
    if batch.returncode == 0:  # retried on the surviving worker
        assert set(index.status) <= set(READ_STATUSES) and fails.empty
    else:                      # or recorded as failed, with the reason
        assert batch.returncode == 2 and set(fails.stage) == {"worker"}, stderr
    assert len(set(index.doc_id) - {""}) == index.status.isin(READ_STATUSES).sum()


@pytest.mark.slow
def test_batch_killed_mid_run_leaves_no_orphans_and_a_rerun_is_consistent(tmp_path):
    import psutil

    src = _two_pdfs(tmp_path)
    out = tmp_path / "out"
    batch = subprocess.Popen([str(YUSUAN), "batch", str(src), "--out", str(out), "--jobs", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(batch.pid)
    # wait until both documents are being read (a bounded grandchild under each worker)
    _wait_for(lambda: list(out.glob(".*-budget-*")) or len(parent.children(recursive=True)) >= 6, 120,
              "the documents to be read")
    time.sleep(1)
    tree = parent.children(recursive=True)
    assert tree
    os.kill(batch.pid, signal.SIGKILL)
    batch.wait(10)
    _wait_for(lambda: not [p for p in tree if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], 30,
              "the workers and their children to end with the parent")
    rerun = _batch(src, "--out", out, "--jobs", "2", timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    import duckdb

    con = duckdb.connect(str(out / "corpus.duckdb"), read_only=True)
    docs = con.execute("SELECT doc_id, figures FROM documents").fetchall()
    assert len(docs) == 2
    for doc_id, n in docs:
        assert con.execute("SELECT count(*) FROM figures WHERE doc_id = ?", [doc_id]).fetchone()[0] == n
        tidy = pd.read_csv(out / doc_id / "tidy.csv", dtype=str)
        assert len(tidy) == n
    con.close()
    assert not list(out.glob(".*-budget-*"))  # no half-written folder left


def test_files_are_identified_in_groups_and_a_failed_group_file_by_file(tmp_path):
    """Identification (publisher, kind, year) runs a group of files per task; a file's own fault is its own (the
    others in its group are identified), and a group whose child fails as a whole (here: its memory bound) is
    identified again one file per task, each recorded with its own reason — not lost, not a crash."""
    from distributed import Client, LocalCluster

    from yusuan.corpus import batch
    from yusuan.corpus.bounded import Limits

    names = ["sh-putuo-wanli-2024-budget.pdf", "sh-putuo-wanli-2025-budget.pdf", "cn-petitions-2024-final.pdf"]
    files = {f"good{i}": RAW / n for i, n in enumerate(names)}
    files["locked"] = FIXTURES / "bad" / "encrypted.pdf"
    (tmp_path / "notes.pdf").write_text("这不是PDF。\n", encoding="utf-8")
    files["notes"] = tmp_path / "notes.pdf"
    man = batch.Manifest(tmp_path)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as lc, \
            Client(lc, set_as_default=False) as client:
        cluster = batch.Cluster(client)
        ident: dict = {}
        batch._identify_all(cluster, files, ["good0", "locked", "good1", "notes", "good2"], Limits(), man, ident,
                            size=5)
        assert ident["good0"] == {"publisher": "上海市普陀区人民政府万里街道办事处", "kind": "部门预算", "year": 2024}
        assert ident["good1"]["year"] == 2025 and ident["good2"]["kind"] == "部门决算"
        assert ident["locked"] == {"error": "encrypted PDF (an open password is required); decrypt it first"}
        assert ident["notes"]["error"] and set(ident["notes"]) == {"error"}
        assert batch.Manifest(tmp_path).identities()["good1"]["year"] == 2025  # cached

        # the group's child cannot allocate anything: each file alone, each with the reason
        failed: dict = {}
        batch._identify_all(cluster, files, ["good0", "good1", "good2"], Limits(memory_mb=1), man, failed, size=3)
        assert set(failed) == {"good0", "good1", "good2"}
        for r in failed.values():
            assert set(r) == {"error"} and "memory limit of 1 MB" in r["error"], r
    man.close()
