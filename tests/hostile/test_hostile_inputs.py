"""Hostile and broken PDFs, each built here in the test: the CLI answers with one line naming the file and the
reason and exit status 2, or reads what can be read and says what it could not — and the other files given in
the same run are processed completely."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from conftest import SAMPLE_PDF

YUSUAN = str(Path(sys.executable).with_name("yusuan"))


def _cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([YUSUAN, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _one_line_error(stderr: str, name: str, reason: str) -> None:
    lines = [ln for ln in stderr.splitlines() if ln.startswith("yusuan: error:")]
    assert any(name in ln and reason in ln for ln in lines), stderr
    assert "Traceback" not in stderr, stderr


def _tidy(folder: Path) -> list[str]:
    """tidy.csv rows without the doc_id column (it differs between copies of one document)."""
    rows = (folder / "tidy.csv").read_text(encoding="utf-8").splitlines()
    return [r.split(",", 1)[1] for r in rows]


def _folders(out: Path) -> dict[str, Path]:
    return {json.loads((m).read_text(encoding="utf-8"))["file"]: m.parent for m in out.glob("*/meta.json")}


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("original")
    r = _cli("extract", SAMPLE_PDF, "--out", out, cwd=out)
    assert r.returncode == 0, r.stderr
    return next(iter(_folders(out).values()))


@pytest.mark.parametrize("aes", [True, False], ids=["aes256", "rc4"])
def test_an_owner_restricted_pdf_gives_the_same_figures(tmp_path, original, aes):
    """Many government PDFs carry an owner password that only forbids copying or printing; they open without
    a password and must be read like any other."""
    restricted = tmp_path / "restricted.pdf"
    with pikepdf.open(SAMPLE_PDF) as pdf:
        enc = pikepdf.Encryption(owner="owner-secret", user="", R=6 if aes else 3, aes=aes, metadata=aes,
                                 allow=pikepdf.Permissions(extract=False, modify_other=False, print_highres=False))
        pdf.save(restricted, encryption=enc)
    with pikepdf.open(restricted) as check:
        assert check.is_encrypted and not check.allow.extract
    out = tmp_path / "out"
    r = _cli("extract", restricted, "--out", out, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    folder = _folders(out)["restricted.pdf"]
    assert _tidy(folder) == _tidy(original)


def test_an_open_password_is_refused_and_the_others_go_on(tmp_path):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(SAMPLE_PDF) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="let-me-in", R=6))
    out = tmp_path / "out"
    r = _cli("extract", locked, SAMPLE_PDF, "--out", out, cwd=tmp_path)
    assert r.returncode == 2
    _one_line_error(r.stderr, "locked.pdf", "an open password is required")
    assert list(_folders(out)) == [SAMPLE_PDF.name]


def _image_of_pages(dest: Path, text_pages: list[int], image_pages: list[int]) -> Path:
    """A PDF whose first pages carry their text and whose other pages are pictures of the sample's pages (a
    scan inside a text PDF)."""
    src = pdfium.PdfDocument(str(SAMPLE_PDF))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, text_pages)
    for i in image_pages:
        w, h = src[i].get_size()
        buf = io.BytesIO()
        src[i].render(scale=1).to_pil().convert("RGB").save(buf, "JPEG")
        buf.seek(0)
        page = out.new_page(w, h)
        img = pdfium.PdfImage.new(out)
        img.load_jpeg(buf, inline=False)
        img.set_matrix(pdfium.PdfMatrix().scale(w, h))
        page.insert_obj(img)
        page.gen_content()
    out.save(str(dest))
    return dest


def test_table_pages_that_are_images_are_refused(tmp_path):
    scanned = _image_of_pages(tmp_path / "scanned-tables.pdf", [0, 1], list(range(3, 12)))
    r = _cli("extract", scanned, "--out", tmp_path / "out", cwd=tmp_path)
    assert r.returncode == 2
    _one_line_error(r.stderr, "scanned-tables.pdf", "table pages are images without a text layer (p. 3–11 of 11)")
    assert not list((tmp_path / "out").glob("*/meta.json"))


def test_pages_without_a_text_layer_are_named(tmp_path):
    # the sample's first 20 pages as printed (its tables), then two of its narrative pages as pictures
    mixed = _image_of_pages(tmp_path / "mixed.pdf", list(range(20)), [20, 21])
    out = tmp_path / "out"
    r = _cli("extract", mixed, "--out", out, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    meta = json.loads((_folders(out)["mixed.pdf"] / "meta.json").read_text(encoding="utf-8"))
    assert meta["image_pages"] == [21, 22]
    assert "p. 21–22" in r.stdout and "no text layer" in r.stdout


def test_a_page_that_cannot_be_loaded_costs_that_page_only(tmp_path, original):
    broken = tmp_path / "broken-page.pdf"
    with pikepdf.open(SAMPLE_PDF) as pdf:
        pdf.pages[29].obj.Type = pikepdf.Name("/Foo")  # p.30: pdfium "Failed to load page"; other parsers drop it
        pdf.save(broken)
    doc = pdfium.PdfDocument(str(broken))
    with pytest.raises(pdfium.PdfiumError):
        doc[29]
    doc.close()
    out = tmp_path / "out"
    r = _cli("extract", broken, "--out", out, cwd=tmp_path)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    folder = _folders(out)["broken-page.pdf"]
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["unreadable_pages"] == [30]
    assert "p. 30" in r.stdout and "cannot be loaded" in r.stdout
    # every table before and after the broken page is read exactly as from the original (page numbers too);
    # p.30 held one of the 绩效目标表 forms, so the later forms are numbered one lower (-7 for -8)
    def rows(f):
        import re

        return [re.sub(r"^(performance_targets)(-\d+)?,", r"\1,", r) for r in _tidy(f) if r.split(",")[1] != "30"]

    assert rows(folder) == rows(original)


def test_a_fifo_named_pdf_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    r = _cli("extract", fifo, SAMPLE_PDF, "--out", tmp_path / "out", cwd=tmp_path)
    assert r.returncode == 2
    _one_line_error(r.stderr, "pipe.pdf", "not a regular file")
    assert list(_folders(tmp_path / "out")) == [SAMPLE_PDF.name]


def test_a_file_name_cannot_break_the_one_line_error(tmp_path):
    name = tmp_path / "evil\n\x1b[31mname.pdf"
    name.write_bytes(b"not a pdf at all")
    r = _cli("extract", name, cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "\x1b" not in r.stderr
    assert "evil\\n\\x1b[31mname.pdf: not a PDF" in r.stderr


# ---------------------------------------------------------------------------- bounds: time and memory

def _with_page(dest: Path, content: bytes, compress: bool = True) -> Path:
    """The sample's first five pages (so it reads as a disclosure) and one page drawing ``content``."""
    with pikepdf.open(SAMPLE_PDF) as pdf:
        del pdf.pages[5:]
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        stream = pikepdf.Stream(pdf, content)
        if compress:
            import zlib

            stream.write(zlib.compress(content, 9), filter=pikepdf.Name.FlateDecode)
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 842, 595], Contents=stream,
                                  Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
        pdf.pages.append(pikepdf.Page(page))
        pdf.save(dest)
    return dest


def _dense_grid(rows: int = 300, cols: int = 200) -> bytes:
    """A drawn grid of rows × cols cells, each ruled and holding a figure (the kind of page that took 9.4 GB)."""
    w, h = 820 / cols, 570 / rows
    out = ["0.1 w"]
    out += [f"10 {10 + i * h:.2f} m 830 {10 + i * h:.2f} l S" for i in range(rows + 1)]
    out += [f"{10 + j * w:.2f} 10 m {10 + j * w:.2f} 580 l S" for j in range(cols + 1)]
    for i in range(rows):
        for j in range(cols):
            out.append(f"BT /F1 1.5 Tf {11 + j * w:.2f} {11 + i * h:.2f} Td ({i * cols + j}.00) Tj ET")
    return "\n".join(out).encode()


def _timed_cli(*args, cwd: Path):
    import resource
    import time

    t0 = time.monotonic()
    r = _cli(*args, cwd=cwd)
    return r, time.monotonic() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


@pytest.mark.slow
def test_a_content_stream_bomb_is_stopped_and_the_others_go_on(tmp_path):
    """A page whose content stream inflates to 400 MB of zeros (the parser crawls through it for many minutes):
    stopped at the bound, reported, and the sample given after it is processed completely."""
    bomb = _with_page(tmp_path / "bomb.pdf", b"0 0 m 10 10 l S " + b"\x00" * (400 * 1024 * 1024))
    assert bomb.stat().st_size < 5 * 1024 * 1024
    out = tmp_path / "out"
    r, seconds, _ = _timed_cli("extract", bomb, SAMPLE_PDF, "--out", out, "--timeout", "20", "--memory", "2048",
                               cwd=tmp_path)
    assert "Traceback" not in r.stderr, r.stderr
    assert seconds < 2 * 20 + 60  # the bomb's bound, plus the sample's own extraction
    if r.returncode == 2:  # stopped: one line naming the bound
        assert re.search(r"bomb\.pdf: (timeout after 20 s|memory limit of 2048 MB exceeded)", r.stderr), r.stderr
    else:  # read within the bounds (pdfium inflates 400 MB in seconds; the page holds no table)
        assert "bomb.pdf" in _folders(out)
    assert SAMPLE_PDF.name in _folders(out)


@pytest.mark.slow
@pytest.mark.parametrize("rows,cols", [(300, 200), (110, 100)], ids=["refused-by-the-guard", "under-the-guard"])
def test_a_dense_grid_page_is_bounded_in_time_and_memory(tmp_path, rows, cols):
    """300 × 200 ruled cells with a figure each (the page that took 10 minutes and 9.4 GB) is skipped by the
    cheap guard and named; 110 × 100 passes the guard and is bounded by the hard limits (read or stopped)."""
    grid = _with_page(tmp_path / "grid.pdf", _dense_grid(rows, cols))
    out = tmp_path / "out"
    r, seconds, peak_mb = _timed_cli("extract", grid, SAMPLE_PDF, "--out", out, "--timeout", "60", "--memory", "1536",
                                     cwd=tmp_path)
    assert "Traceback" not in r.stderr, r.stderr
    assert seconds < 2 * 60 + 60
    assert peak_mb < 2 * 1536
    if r.returncode == 2:  # stopped by a bound: one line
        assert re.search(r"grid\.pdf: (timeout after 60 s|memory limit of 1536 MB exceeded)", r.stderr), r.stderr
    else:
        meta = json.loads((_folders(out)["grid.pdf"] / "meta.json").read_text(encoding="utf-8"))
        if rows == 300:
            assert "too many characters" in meta["skipped_pages"]["6"] and "p. 6 not read" in r.stdout
    assert SAMPLE_PDF.name in _folders(out)


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_outputs_follow_the_users_umask(tmp_path, umask):
    """Colleagues on a shared server read the outputs when the umask lets them: no 0600 files or 0700 folders
    left by temporary files renamed into place."""
    out = tmp_path / "out"
    r = subprocess.run([YUSUAN, "audit", str(SAMPLE_PDF), "--out", str(out)], cwd=tmp_path, capture_output=True,
                       text=True, timeout=600, preexec_fn=lambda: os.umask(umask))
    assert r.returncode == 0, r.stderr
    made = list(out.rglob("*"))
    assert any(p.suffix == ".xlsx" for p in made) and any(p.name == "findings.csv" for p in made)
    for p in made:
        want = (0o777 if p.is_dir() else 0o666) & ~umask
        assert p.stat().st_mode & 0o777 == want, (p, oct(p.stat().st_mode & 0o777), oct(want))


@pytest.mark.slow
def test_a_batch_of_the_bundled_pdfs_and_five_hostile_ones(tmp_path):
    """Exactly five failure rows, complete results for every bundled disclosure."""
    import pandas as pd

    from conftest import RAW

    src = tmp_path / "in"
    src.mkdir()
    for pdf in RAW.glob("*.pdf"):
        os.symlink(pdf, src / pdf.name)
    (src / "notes.pdf").write_text("这不是PDF。\n", encoding="utf-8")                        # not a PDF
    (src / "truncated.pdf").write_bytes(SAMPLE_PDF.read_bytes()[: SAMPLE_PDF.stat().st_size // 2])
    with pikepdf.open(SAMPLE_PDF) as pdf:                                                    # an open password
        pdf.save(src / "locked.pdf", encryption=pikepdf.Encryption(owner="o", user="u", R=6))
    _image_of_pages(src / "scanned-tables.pdf", [0, 1], list(range(3, 12)))                  # tables as images
    (src / "folder.pdf").mkdir()                                                             # a folder named .pdf
    out = tmp_path / "out"
    r = _cli("batch", src, "--out", out, "--jobs", "2", cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    failures = pd.read_csv(out / "corpus_failures.csv", dtype=str, keep_default_na=False)
    assert sorted(Path(f).name for f in failures.file) == \
        ["folder.pdf", "locked.pdf", "notes.pdf", "scanned-tables.pdf", "truncated.pdf"]
    assert all(failures.reason)
    index = pd.read_csv(out / "corpus_index.csv", dtype=str, keep_default_na=False)
    # every bundled disclosure, the two Beijing halves as one, each printing every statutory table
    assert sorted(index[index.status == "complete"].file) == sorted(p.name for p in RAW.glob("*.pdf") if "-text" not in p.name)
    for folder in out.glob("*/meta.json"):
        d = folder.parent
        assert (d / "tidy.csv").is_file() and (d / "findings.csv").is_file() and (d / "key_figures.csv").is_file()
