"""Benchmark: yusuan's extraction against camelot's defaults, on the same files in the same run.

Baseline: ``camelot.read_pdf(path, pages="all")`` — lattice with its defaults (pages
rendered to images, lines found with OpenCV, camelot's own cell text).
yusuan: ``yusuan.extract.extract(path)`` — lattice with ``engine="vector"`` plus title,
header, stitching and tidy work, cell text from pypdfium2.

Each engine runs each set in one fresh subprocess (as `yusuan extract data/raw/*.pdf` would: imports
paid once), so peak memory (max RSS) is that of the whole run.
Accuracy on the sample: the share of the published text's numeric cells (tests/fixtures)
found in the output on the right page, in a row that also holds the row's label.

Usage: python benchmarks/extract.py [--quick]   (--quick: the sample and 3 real files)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SAMPLE = RAW / "yungang-govoffice-2023-budget.pdf"

CHILD = r"""
import json, resource, sys, time, warnings, logging, io, contextlib
warnings.simplefilter("ignore"); logging.disable(logging.WARNING)
mode, paths = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
cells = []
for path in paths:
    if mode == "baseline":
        import camelot
        with contextlib.redirect_stderr(io.StringIO()):
            tables = camelot.read_pdf(path, pages="all")
        for t in tables:
            for row in t.df.values.tolist():
                cells.append([t.page, [str(c) for c in row]])
    else:
        from yusuan.extract import extract
        ex = extract(path)
        for t in ex.tables:
            for page, row in zip(t.body_pages, t.body):
                cells.append([page, list(row)])
elapsed = time.perf_counter() - t0
rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "max_rss_mib": rss_kib / 1024, "rows": cells}, ensure_ascii=False))
"""


def run(mode: str, paths: list[Path]) -> dict:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    out = subprocess.run([sys.executable, "-c", CHILD, mode, *map(str, paths)], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def pages_of(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    n = len(pdf)
    pdf.close()
    return n


def sample_accuracy(rows: list) -> float:
    """Share of ground-truth numeric cells found on the right page in a row holding the row's label."""
    sys.path.insert(0, str(ROOT / "tests"))
    from yusuan.numbers import parse_number
    from yusuan.text import fold
    from groundtruth import read_tables

    index: dict[str, list[set]] = {}
    for _page, row in rows:
        norm = {fold(c) for c in row if c}
        for c in norm:
            index.setdefault(c, []).append(norm)
    found = total = 0
    for t in read_tables(ROOT / "tests" / "fixtures" / "yungang-govoffice-2023-budget.txt"):
        for row in t.rows:
            labels = [fold(c) for c in row if c and parse_number(c) is None]
            for c in row:
                if parse_number(c) is None or not labels:
                    continue
                total += 1
                cands = index.get(fold(c), [])
                if any(labels[0] in r or any(labels[0] in x for x in r) for r in cands):
                    found += 1
    return found / total if total else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="the sample and three real files only")
    args = ap.parse_args()
    real = sorted(p for p in RAW.glob("*.pdf") if p != SAMPLE)
    if args.quick:
        real = real[:3]
    sets = {"sample": [SAMPLE], "real": real}
    print(f"{'set':<8}{'engine':<10}{'files':>6}{'pages':>7}{'seconds':>9}{'pages/s':>9}{'peak MiB':>10}")
    results = {}
    for name, files in sets.items():
        pages = sum(pages_of(p) for p in files)
        for mode in ("baseline", "yusuan"):
            runs = [run(mode, files)]
            secs = runs[0]["seconds"]
            peak = runs[0]["max_rss_mib"]
            results[(name, mode)] = (secs, peak, runs)
            print(f"{name:<8}{mode:<10}{len(files):>6}{pages:>7}{secs:>9.2f}{pages / secs:>9.1f}{peak:>10.0f}")
    for name in sets:
        b, y = results[(name, "baseline")][0], results[(name, "yusuan")][0]
        print(f"speed-up on {name}: {b / y:.1f}× (target ≥ 6×)")
    acc_b = sample_accuracy(results[("sample", "baseline")][2][0]["rows"])
    acc_y = sample_accuracy(results[("sample", "yusuan")][2][0]["rows"])
    print(f"sample cell accuracy: baseline {acc_b:.1%}, yusuan {acc_y:.1%}")
    peak = max(results[(n, "yusuan")][1] for n in sets)
    print(f"yusuan peak memory: {peak:.0f} MiB (target < 1024 MiB)")


if __name__ == "__main__":
    main()
