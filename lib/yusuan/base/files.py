"""Writing output files: atomically (a reader sees the old file or the new one, never half of one), with the
mode the user's umask allows."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from yusuan.base.paths import honour_umask

__all__ = ["write_bytes", "write_csv"]


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` atomically: a temporary sibling, given the mode the user's umask allows, renamed into place
    (os.replace), so a reader sees the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        honour_umask(tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def write_csv(frame, path: Path, excel: bool = False) -> Path:
    """Write a frame atomically (write_bytes), UTF-8 — with a byte-order mark when ``excel`` (Excel on Windows
    reads UTF-8 only with one; every reader of yusuan's reads both)."""
    text = frame.to_csv(index=False, lineterminator="\n")
    return write_bytes(Path(path), text.encode("utf-8-sig" if excel else "utf-8"))
