"""The one place that knows where things live; notebooks and the CLI ask here."""
from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("YUSUAN_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in [Path.cwd(), *Path.cwd().parents, *here.parents]:
        if (parent / "pyproject.toml").is_file() and (parent / "lib" / "yusuan").is_dir():
            return parent
    return Path.cwd()


ROOT = _find_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
FIGURES = ROOT / "figures"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
FIXTURES = ROOT / "tests" / "fixtures"


def processed_dir(doc_id: str, base: Path | None = None) -> Path:
    return (base or PROCESSED) / doc_id


def figures_dir(doc_id: str, base: Path | None = None) -> Path:
    return (base or FIGURES) / doc_id


def reports_dir(doc_id: str, base: Path | None = None) -> Path:
    return (base or REPORTS) / doc_id


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def honour_umask(p: str | Path, folder: bool = False) -> None:
    """Give a file or folder made by tempfile (0600 / 0700 whatever the umask) the mode a plain open() or mkdir()
    would have: 0666 / 0777 less the user's umask — so colleagues on a shared server can read the outputs
    when the umask says they may."""
    os.chmod(p, (0o777 if folder else 0o666) & ~_umask())


def shown(p: str | Path) -> str:
    """A path as the user can open it from where they are: relative to the current folder when inside it,
    else absolute (what every command prints)."""
    p = Path(p).resolve()
    try:
        return p.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(p)


def bundled_pdfs() -> list[Path]:
    return sorted(RAW.glob("*.pdf"))
