"""Errors a user can act on: each names the file and the reason in one line."""
from __future__ import annotations

import re
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` safe to print on one line: newlines, terminal escapes and other control characters shown as
    escapes (a file named "a\\nb.pdf" prints as a\\nb.pdf, ESC as \\x1b), so one error stays one line and a file
    name cannot drive the terminal."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), str(text))


class InputError(Exception):
    """Bad input (not a PDF, encrypted, scanned, truncated, not a disclosure...)."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{printable(self.path)}: {printable(reason)}")
