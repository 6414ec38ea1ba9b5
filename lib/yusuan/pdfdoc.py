"""Open a disclosure PDF, refuse bad input early, and read its text layer.

Everything here is cheap (pypdfium2, no rendering): it decides whether the file
is worth handing to camelot at all, and gives the page texts that the claims
parser and the table recogniser read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .errors import InputError
from .provenance import sha256_file
from .text import clean

# Words every budget/final-account disclosure prints somewhere.
_DISCLOSURE_WORDS = ("预算", "决算")
_TABLE_WORDS = ("收支总表", "支出总表", "收入总表", "财政拨款", "三公", "支出预算", "收入预算", "预算总表", "决算总表",
                "经费", "科目")


@dataclass
class Document:
    path: Path
    sha256: str
    page_texts: list[str]  # raw text per page (index 0 = page 1), as pypdfium2 reads it
    page_sizes: list[tuple[float, float]]
    page_rotations: list[int] = field(default_factory=list)
    page_paths: list[int] = field(default_factory=list)  # vector path objects per page (ruling lines live there)

    def ruled_pages(self) -> list[int]:
        """1-based pages that draw any vector path: the only pages a lattice table can be on."""
        return [i + 1 for i, n in enumerate(self.page_paths) if n > 0]

    @property
    def n_pages(self) -> int:
        return len(self.page_texts)

    @cached_property
    def clean_pages(self) -> list[str]:
        return [clean(t) for t in self.page_texts]

    @cached_property
    def full_text(self) -> str:
        return "\n".join(self.clean_pages)


def open_document(path: Path) -> Document:
    """Read and validate; raises :class:`InputError` with a reason a user understands."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a PDF file")
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head:
        raise InputError(path, "empty file")
    if b"%PDF-" not in head:
        raise InputError(path, "not a PDF (no %PDF header)")
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%%EOF" not in tail and b"startxref" not in tail:
        raise InputError(path, "truncated PDF (no end-of-file marker); download it again")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise InputError(path, "encrypted PDF (password required); decrypt it first") from None
        raise InputError(path, f"unreadable PDF ({exc})") from None
    try:
        if _is_encrypted(path):
            raise InputError(path, "encrypted PDF; decrypt it first (e.g. qpdf --decrypt)")
        texts, sizes, rotations, paths = [], [], [], []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            text = tp.get_text_range()
            texts.append(reading_order_text(tp) if _scrambled(text) else text)
            sizes.append(tuple(page.get_size()))
            rotations.append(page.get_rotation())
            paths.append(sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4)))
            tp.close()
            page.close()
    finally:
        pdf.close()
    if not texts:
        raise InputError(path, "PDF has no pages")
    chars = sum(len(t.strip()) for t in texts)
    if chars < 20 * len(texts) and chars < 200:
        raise InputError(path, "no text layer (scanned image?); run OCR first, yusuan reads text PDFs only")
    whole = clean("\n".join(texts))
    if not any(w in whole for w in _DISCLOSURE_WORDS) or not any(w in whole for w in _TABLE_WORDS):
        raise InputError(path, "does not look like a budget disclosure (no 预算/决算 tables or terms found)")
    return Document(path=path, sha256=sha256_file(path), page_texts=texts, page_sizes=sizes,
                    page_rotations=rotations, page_paths=paths)


def _scrambled(text: str) -> bool:
    """Text whose content-stream order is not reading order shows up as many one- or two-character lines."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    short = sum(len(ln.strip()) <= 2 for ln in lines)
    return len(lines) >= 20 and short >= 0.25 * len(lines)


def reading_order_text(textpage) -> str:
    """Rebuild a page's text from character positions: lines top to bottom, characters left to right.

    Some exporters (Chongqing's, for one) write a page's glyphs out of order, so the text layer
    reads "202 / 86,68 / 三 / 5." for "86,685.29万元 … 三、财政拨款情况说明".
    """
    chars = []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch or ch in ("\r", "\n"):
            continue
        try:
            left, bottom, right, top = textpage.get_charbox(i)
            # the font box, not the ink: a comma's ink sits at the baseline, its font box on the line
            _l, fbottom, _r, ftop = textpage.get_charbox(i, loose=True)
        except Exception:  # noqa: BLE001 — pdfium has no box for some generated characters
            continue
        if ch == " " and right - left <= 0:
            continue
        if ftop - fbottom <= 0:
            fbottom, ftop = bottom, top
        chars.append(((fbottom + ftop) / 2, left, max(ftop - fbottom, 1.0), ch))
    chars.sort(key=lambda c: -c[0])
    lines: list[list] = []  # [mean centre, height, chars]
    for c in chars:
        if lines and abs(lines[-1][0] - c[0]) <= 0.3 * max(lines[-1][1], c[2]):
            line = lines[-1]
            line[2].append(c)
            line[0] += (c[0] - line[0]) / len(line[2])
        else:
            lines.append([c[0], c[2], [c]])
    return "\r\n".join("".join(ch for _, _, _, ch in sorted(line, key=lambda c: c[1])) for _, _, line in lines)


def _is_encrypted(path: Path) -> bool:
    """pdfium opens files with an empty user password silently; camelot/playa then choke. Look for /Encrypt."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 65536))
        tail = fh.read()
    return re.search(rb"/Encrypt\s", tail) is not None or re.search(rb"/Encrypt\s*\d+\s+\d+\s+R", tail) is not None


_PAIRS = (("tables", "text"), ("table", "text"), ("表格", "说明"), ("报表", "说明"), ("报表", "文字"))


def companion_of(path: Path) -> Path | None:
    """The other half of a disclosure published as two PDFs (tables / explanation), if it lies beside this one.

    Beijing, for one, publishes ``…-tables.pdf`` and ``…-text.pdf``; the tables file has no
    narrative and no year on its pages, the text file no tables.
    """
    path = Path(path)
    name = path.name
    for a, b in _PAIRS:
        for x, y in ((a, b), (b, a)):
            if x in name:
                other = path.with_name(name.replace(x, y))
                if other != path and other.is_file():
                    return other
    return None
