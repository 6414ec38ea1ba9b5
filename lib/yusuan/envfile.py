"""Write environment.yml from requirements.lock so conda users get the same pins (`make env-yml`)."""
from __future__ import annotations

import sys
from pathlib import Path


def pins(lock: Path) -> list[str]:
    return [ln.strip() for ln in lock.read_text().splitlines() if ln.strip() and not ln.startswith("#")]


def render(lock: Path) -> str:
    lines = [
        "# Generated from requirements.lock by `make env-yml`; do not edit by hand.",
        "name: yusuan",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {p}" for p in pins(lock) if not p.startswith(("pip==", "setuptools==", "wheel=="))]
    lines.append("      - -e .")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render(Path(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock")))
