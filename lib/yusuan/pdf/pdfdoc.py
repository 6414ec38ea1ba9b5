"""Open a disclosure PDF, refuse bad input early, and read its text layer.

Everything here is cheap (pypdfium2, no rendering): it refuses a file that cannot be read as a text PDF
(not a PDF, truncated, encrypted, no text layer), and gives the page texts that the claims parser and the
table recogniser read.  Whether what the text says is a department's disclosure is decided from those texts
by :mod:`yusuan.steps.lookalike`.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from yusuan.base.errors import InputError
from yusuan.base.provenance import sha256_file
from yusuan.base.text import clean
from yusuan.pdf import native

IMAGE_PAGE_CHARS = 20  # a page printing fewer characters than this, with an image on it, is a picture of a page
# A page drawing more than this is no statutory table a person reads: it is not handed to the table reader
# (whose time and memory grow with it) and is named in meta.json.  On 100 unseen disclosures and the real/ set
# the densest pages drew 1,881 paths and printed 13,013 characters: the caps leave 10× room.
MAX_PAGE_PATHS = 20_000
MAX_PAGE_CHARS = 150_000


@dataclass
class Document:
    path: Path
    sha256: str
    page_texts: list[str]  # raw text per page (index 0 = page 1), as pypdfium2 reads it
    page_sizes: list[tuple[float, float]]
    page_rotations: list[int] = field(default_factory=list)
    page_paths: list[int] = field(default_factory=list)  # vector path objects per page (ruling lines live there)
    restricted: bool = False  # encrypted with an owner password only: opens without one, copying/printing "restricted"
    page_images: list[int] = field(default_factory=list)  # image objects per page
    unreadable_pages: list[int] = field(default_factory=list)  # 1-based pages pdfium cannot load (malformed)

    def image_pages(self) -> list[int]:
        """1-based pages without a text layer that show an image: a scanned page inside a text PDF (fewer than
        IMAGE_PAGE_CHARS printed characters and at least one image object)."""
        return [i + 1 for i, (t, n) in enumerate(zip(self.page_texts, self.page_images))
                if n > 0 and len(re.sub(r"\s", "", t)) < IMAGE_PAGE_CHARS]

    def tables_path(self) -> Path:
        """The file camelot reads.  An owner-restricted PDF (no open password) is decrypted into a temporary
        copy first (pikepdf/qpdf), because camelot's parser refuses text extraction from it or asks for a
        crypto package; pdfium reads the original.  A PDF with pages pdfium cannot load is copied with a blank
        page in place of each (other parsers would drop them and number every later page one too low).  The
        copy lives until the process ends."""
        if self.unreadable_pages:
            return _page_aligned_copy(self.path, self.n_pages, self.unreadable_pages)
        if not self.restricted:
            return self.path
        return _decrypted_copy(self.path)

    def ruled_pages(self) -> list[int]:
        """1-based pages that draw any vector path: the only pages a lattice table can be on (pages too dense
        to be read, see :meth:`too_dense`, left out)."""
        dense = self.too_dense()
        return [i + 1 for i, n in enumerate(self.page_paths) if n > 0 and i + 1 not in dense]

    def too_dense(self) -> dict[int, str]:
        """{1-based page: reason} for pages drawing more than MAX_PAGE_PATHS paths or printing more than
        MAX_PAGE_CHARS characters: skipped by the table reader, named in meta.json ``skipped_pages``."""
        out = {}
        for i, (n, t) in enumerate(zip(self.page_paths, self.page_texts)):
            if n > MAX_PAGE_PATHS:
                out[i + 1] = f"too many drawn paths to be a printed table ({n:,} > {MAX_PAGE_PATHS:,})"
            elif len(t) > MAX_PAGE_CHARS:
                out[i + 1] = f"too many characters to be a printed table ({len(t):,} > {MAX_PAGE_CHARS:,})"
        return out

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
    if not path.is_file():  # reading a FIFO or a device would block or never end
        raise InputError(path, "not a regular file (a pipe, socket or device), not a PDF file")
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
            raise InputError(path, "encrypted PDF (an open password is required); decrypt it first") from None
        raise InputError(path, f"unreadable PDF ({exc})") from None
    kept: dict[int, tuple] = {}
    try:
        # pdfium opened it without a password: at most an owner password restricting copying or printing
        restricted = _is_encrypted(path)
        texts, sizes, rotations, paths, images, unreadable = [], [], [], [], [], []
        for i in range(len(pdf)):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:  # a malformed page object: the others are still read
                unreadable.append(i + 1)
                texts.append("")
                sizes.append((0.0, 0.0))
                rotations.append(0)
                paths.append(0)
                images.append(0)
                continue
            tp = page.get_textpage()
            text = tp.get_text_range()
            texts.append(reading_order_text(tp) if _scrambled(text) else text)
            sizes.append(tuple(page.get_size()))
            rotations.append(page.get_rotation())
            n_paths, n_images = _count_objects(page)
            paths.append(n_paths)
            images.append(n_images)
            if 0 < n_paths <= MAX_PAGE_PATHS and len(texts[-1]) <= MAX_PAGE_CHARS and len(kept) < MAX_KEPT_PAGES:
                kept[i + 1] = (page, tp)  # a page the table reader will read: handed over, not loaded twice
            else:
                tp.close()
                page.close()
    except BaseException:
        _release(pdf, kept)
        raise
    try:
        if not texts:
            raise InputError(path, "PDF has no pages")
        if len(unreadable) == len(texts):
            raise InputError(path, "no page of this PDF can be loaded (malformed page objects)")
        chars = sum(len(t.strip()) for t in texts)
        if chars < 20 * len(texts) and chars < 200:
            raise InputError(path, "no text layer (scanned image?); run OCR first, yusuan reads text PDFs only")
        doc = Document(path=path, sha256=sha256_file(path), page_texts=texts, page_sizes=sizes,
                       page_rotations=rotations, page_paths=paths, restricted=restricted, page_images=images,
                       unreadable_pages=unreadable)
    except BaseException:
        _release(pdf, kept)
        raise
    _hand_over(doc, pdf, kept)
    return doc


# The pages of the last document opened that draw paths stay loaded (pdfium's page and text page), for
# the table reader (yusuan.steps.extract.read_raw_tables) to take with take_pages() instead of loading them
# again: pdfium's parsing of a page's content and text is a third of reading it.  One document at a time
# (the next open_document closes what was not taken), at most MAX_KEPT_PAGES pages (about 0.3 MiB each).
MAX_KEPT_PAGES = 400
_HELD: dict = {}
_HELD_LOCK = threading.Lock()


def _release(pdf, kept: dict) -> None:
    for page, tp in kept.values():
        tp.close()
        page.close()
    pdf.close()


def _held_key(doc: Document) -> tuple:
    return (str(Path(doc.path).resolve()), doc.sha256, doc.n_pages)


def _hand_over(doc: Document, pdf, kept: dict) -> None:
    if not kept:
        pdf.close()
        return
    with _HELD_LOCK:
        old = _HELD.pop("held", None)
        _HELD["held"] = (_held_key(doc), pdf, kept)
    if old is not None:
        _release(old[1], old[2])


def take_pages(doc: Document):
    """``(pdf, {1-based page: (page, textpage)})`` left loaded by :func:`open_document` for ``doc``, now the
    caller's to close (pages, then the document); None if they are not there (another document was opened
    since, or the pages were taken)."""
    with _HELD_LOCK:
        held = _HELD.get("held")
        if held is None or held[0] != _held_key(doc):
            return None
        del _HELD["held"]
    return held[1], held[2]


def _count_objects(page, max_depth: int = 4) -> tuple[int, int]:
    """Path and image objects on a page, counted as ``page.get_objects(filter=[type], max_depth=4)`` yields
    them (forms entered down to that depth), in one compiled pass (:func:`yusuan.pdf.native.object_counts`);
    raises ``PdfiumError`` where pypdfium2 would."""
    paths, images, status = native.object_counts(page.raw, max_depth)
    if status == -1:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    if status == -2:
        raise pdfium.PdfiumError("Failed to get pageobject.")
    return paths, images


def count_objects_reference(page, max_depth: int = 4) -> tuple[int, int]:
    """:func:`_count_objects` one pdfium call at a time from Python (the reference the compiled pass is
    tested against)."""
    import collections
    import ctypes

    from yusuan.pdf import pdfium_fast as fp

    path_t, image_t, form_t = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM
    get_type = fp.PageObj_GetType
    counts: collections.Counter = collections.Counter()

    def walk(parent, is_form: bool, level: int) -> None:
        if is_form:
            n, get = fp.FormObj_CountObjects(parent), fp.FormObj_GetObject
        else:
            n, get = fp.Page_CountObjects(parent), fp.Page_GetObject
        if n < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        types = []
        for i in range(n):
            obj = get(parent, ctypes.c_ulong(i) if is_form else i)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            t = get_type(obj)
            types.append(t)
            if t == form_t and level < max_depth - 1:
                walk(obj, True, level + 1)
        counts.update(types)

    walk(fp.handle(page.raw), False, 0)
    return counts[path_t], counts[image_t]


_DECRYPTED: dict[Path, Path] = {}


def _scratch_folder() -> Path:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="yusuan-copy-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _page_aligned_copy(path: Path, n_pages: int, unreadable: list[int]) -> Path:
    """A copy of ``path`` (decrypted, by pdfium) whose page i is the original's page i, with a blank page for
    each page that cannot be loaded."""
    key = Path(path).resolve()
    if key in _DECRYPTED and _DECRYPTED[key].is_file():
        return _DECRYPTED[key]
    src = pdfium.PdfDocument(str(path))
    out = pdfium.PdfDocument.new()
    try:
        for i in range(n_pages):
            if i + 1 in unreadable:
                out.new_page(595, 842).close()
            else:
                out.import_pages(src, [i])
        dest = _scratch_folder() / Path(path).name
        out.save(str(dest))
    finally:
        out.close()
        src.close()
    _DECRYPTED[key] = dest
    return dest


def _decrypted_copy(path: Path) -> Path:
    """A decrypted temporary copy of an owner-restricted PDF (removed when the process exits)."""
    import pikepdf

    path = Path(path).resolve()
    if path in _DECRYPTED and _DECRYPTED[path].is_file():
        return _DECRYPTED[path]
    out = _scratch_folder() / path.name
    try:
        with pikepdf.open(path) as pdf:  # the empty user password; the owner's restrictions are not needed to read
            pdf.save(out)
    except pikepdf.PasswordError:
        raise InputError(path, "encrypted PDF (an open password is required); decrypt it first") from None
    except Exception as exc:  # noqa: BLE001 - qpdf's reasons are many; the user needs one line
        raise InputError(path, f"could not read this restricted (owner-password) PDF ({type(exc).__name__}: {exc})") from None
    _DECRYPTED[path] = out
    return out


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
    import ctypes

    from yusuan.pdf import pdfium_fast as fp

    chars = []
    n = textpage.count_chars()
    whole = textpage.get_text_range(0, n) if n else ""
    per_char = len(whole) == n  # one UTF-16 unit per character: index the string instead of n calls
    # pdfium's calls made directly (yusuan.pdf.pdfium_fast), as textpage.get_charbox(i[, loose=True]) makes them
    raw = fp.handle(textpage.raw)
    box = (ctypes.c_double * 4)()  # left, right, bottom, top
    refs = tuple(ctypes.byref(box, 8 * k) for k in range(4))
    loose = pdfium_c.FS_RECTF()
    loose_ref = ctypes.byref(loose)
    for i in range(n):
        ch = whole[i] if per_char else textpage.get_text_range(i, 1)
        if not ch or ch in ("\r", "\n"):
            continue
        # pdfium has no box for some generated characters
        if not fp.GetCharBox(raw, i, *refs) or not fp.GetLooseCharBox(raw, i, loose_ref):
            continue
        left, right, bottom, top = box
        # the font box, not the ink: a comma's ink sits at the baseline, its font box on the line
        fbottom, ftop = loose.bottom, loose.top
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
