"""Errors a user can act on: each names the file and the reason in one line."""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input (not a PDF, encrypted, scanned, truncated, not a disclosure...)."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
