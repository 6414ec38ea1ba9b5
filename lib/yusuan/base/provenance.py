"""Provenance sidecars: every raw file ``data/raw/<file>`` has ``<file>.source.yml``.

Raw data is immutable; the sidecar's sha256 lets a test (and anyone) prove it.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

REQUIRED = ("origin", "publisher", "year", "kind", "sha256")


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".source.yml")


def read_sidecar(path: Path) -> dict:
    side = sidecar_path(path)
    if not side.is_file():
        raise FileNotFoundError(f"{side}: provenance sidecar missing")
    data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise ValueError(f"{side}: missing fields {', '.join(missing)}")
    return data


def verify(path: Path) -> list[str]:
    """Problems with one raw file's provenance (empty when it is intact)."""
    try:
        data = read_sidecar(path)
    except (FileNotFoundError, ValueError) as exc:
        return [str(exc)]
    actual = sha256_file(path)
    if data["sha256"] != actual:
        return [f"{path}: sha256 {actual} differs from its sidecar's {data['sha256']} (raw data must never change)"]
    return []
