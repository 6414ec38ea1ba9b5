"""A page of a disclosure PDF as a small image, for notebooks: the printed table next to the extracted one.

    from yusuan import pages
    display(pages.page_image(doc.pdf, 10, highlight=["201"]))     # an IPython Image, 700 px wide
    png = pages.render(doc.pdf, 10, width=700)                      # the bytes

Pages are rendered with pypdfium2 (already used to read the text), the white margins trimmed so the table
gets the pixels, and optionally rows highlighted: every place a search string is printed gets a
translucent band across the page at its height (the row a notebook talks about).  Output is JPEG in
a PNG of 16 grey levels (with a highlight, 16 colours) — a page of figures is 20–60 kB, small enough to
commit in an executed notebook — and byte-identical on re-runs with the same library versions.

Page numbers are 1-based PDF page indices, as in meta.json's ``tables[*].pages`` and
``Disclosure.table_list()`` (the page a PDF viewer shows, not the folio printed in the footer).
"""
from __future__ import annotations

import io
from pathlib import Path

WIDTH = 700                # pixels, a portrait page
WIDE = 900                 # pixels, a landscape page (wide tables keep legible digits)
HIGHLIGHT = (255, 214, 0)  # the band colour (yellow, drawn translucent)
TRIM_PAD = 6               # points of white kept around the trimmed content


def _open(pdf):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(str(pdf))


def page_count(pdf: str | Path) -> int:
    doc = _open(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def _content_box(page) -> tuple[float, float, float, float]:
    """Margins (left, bottom, right, top) in points that hold only white, from a coarse render (72 dpi)."""
    from PIL import ImageOps

    w, h = page.get_size()
    img = page.render(scale=1, grayscale=True).to_pil().convert("L")
    box = ImageOps.invert(img).point(lambda v: 255 if v > 24 else 0).getbbox()
    if box is None:  # a blank page
        return (0.0, 0.0, 0.0, 0.0)
    x0, y0, x1, y1 = box  # pixels = points at scale 1, origin top left
    left = max(0.0, x0 - TRIM_PAD)
    top = max(0.0, y0 - TRIM_PAD)
    right = max(0.0, w - x1 - TRIM_PAD)
    bottom = max(0.0, h - y1 - TRIM_PAD)
    return (left, bottom, right, top)


def find_boxes(pdf: str | Path, page: int, text: str, whole_word: bool = True) -> list[tuple[float, float, float, float]]:
    """Where ``text`` is printed on a page: one (left, bottom, right, top) box in PDF points per occurrence."""
    doc = _open(pdf)
    try:
        return _find(doc[page - 1], text, whole_word)
    finally:
        doc.close()


def _find(pg, text: str, whole_word: bool) -> list[tuple[float, float, float, float]]:
    if not text:
        return []
    tp = pg.get_textpage()
    out = []
    try:
        searcher = tp.search(text, match_case=True, match_whole_word=whole_word)
        while True:
            hit = searcher.get_next()
            if not hit:
                break
            start, count = hit
            boxes = [tp.get_charbox(i) for i in range(start, start + count)]
            out.append((min(b[0] for b in boxes), min(b[1] for b in boxes),
                        max(b[2] for b in boxes), max(b[3] for b in boxes)))
        searcher.close()
    finally:
        tp.close()
    return out


def render(pdf: str | Path, page: int, width: int | None = None, highlight=(), trim: bool = True,
           fmt: str = "png", quality: int = 70) -> bytes:
    """One page (1-based) as image bytes ``width`` pixels wide (default 700, 900 for a landscape page):
    margins trimmed, rows holding any of the ``highlight`` strings marked with a band.
    fmt "png" (a palette of 16 greys/colours: crisp and the smallest for printed tables) or "jpeg"."""
    from PIL import Image, ImageDraw

    doc = _open(pdf)
    try:
        if not 1 <= page <= len(doc):
            raise ValueError(f"page {page} out of range 1–{len(doc)}")
        pg = doc[page - 1]
        w, h = pg.get_size()
        width = int(width or (WIDE if w > h else WIDTH))
        crop = _content_box(pg) if trim else (0.0, 0.0, 0.0, 0.0)
        left, bottom, right, top = crop
        scale = width / max(1.0, w - left - right)
        img = pg.render(scale=scale, crop=crop, grayscale=not highlight).to_pil()
        bands = []
        if highlight and pg.get_rotation() == 0:  # the bundled documents are all unrotated
            for text in ([highlight] if isinstance(highlight, str) else highlight):
                bands += _find(pg, str(text), whole_word=True)
    finally:
        doc.close()
    img = img.convert("RGB") if bands else img.convert("L")
    if bands:
        overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        for _x0, y0, _x1, y1 in bands:
            # PDF points (origin bottom left) → pixels of the cropped render (origin top left)
            py0 = (h - top - y1) * scale - 5
            py1 = (h - top - y0) * scale + 5
            draw.rectangle([0, py0, img.size[0], py1], fill=HIGHLIGHT + (90,))
            draw.rectangle([1, py0, img.size[0] - 2, py1], outline=(230, 120, 0, 255), width=2)
        img = Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")
    if img.size[0] != width:  # rounding of the crop: exactly the width asked for
        img = img.resize((width, max(1, round(img.size[1] * width / img.size[0]))), Image.LANCZOS)
    buf = io.BytesIO()
    if fmt == "png":
        _palette_image(img).save(buf, format="PNG", optimize=True)
    elif fmt in ("jpeg", "jpg"):
        img.save(buf, format="JPEG", quality=quality, optimize=True)
    else:
        raise ValueError(f"fmt must be 'jpeg' or 'png', not {fmt!r}")
    return buf.getvalue()


def _palette_image(img):
    """16 colours, fixed: 13 greys, and the highlight's band, its text and its outline (an adaptive palette
    tints the greys of a highlighted page)."""
    from PIL import Image

    if img.mode == "L":
        return img.quantize(colors=16, dither=Image.Dither.NONE)
    alpha = 90 / 255
    band = tuple(round(255 * (1 - alpha) + c * alpha) for c in HIGHLIGHT)
    colours = [(g, g, g) for g in (0, 21, 43, 64, 85, 106, 128, 149, 170, 191, 213, 234, 255)]
    colours += [band, tuple(round(c * 0.45) for c in band), (230, 120, 0)]
    pal = Image.new("P", (1, 1))
    pal.putpalette([v for c in colours for v in c])
    return img.quantize(palette=pal, dither=Image.Dither.NONE)


def page_image(pdf: str | Path, page: int, width: int | None = None, highlight=(), trim: bool = True,
               fmt: str = "png"):
    """The page as an ``IPython.display.Image`` (see :func:`render`)."""
    from IPython.display import Image

    return Image(data=render(pdf, page, width=width, highlight=highlight, trim=trim, fmt=fmt),
                 format="png" if fmt == "png" else "jpeg")


def table_pages(meta: dict, key: str) -> list[int]:
    """The PDF pages a table is printed on, from meta.json (empty when the table was not found)."""
    for t in meta.get("tables", []):
        if t.get("key") == key:
            return [int(p) for p in t.get("pages") or []]
    return []


def table_image(pdf: str | Path | None, meta: dict, key: str, highlight=(), width: int | None = None):
    """(Image of a page a table is printed on, that page number, all its pages), or None when the table or
    the PDF is missing.  The page is the table's first, or with ``highlight`` the first one printing it."""
    where = table_pages(meta, key)
    if pdf is None or not where or not Path(pdf).is_file():
        return None
    page = where[0]
    texts = [highlight] if isinstance(highlight, str) else [str(t) for t in highlight if t]
    if texts:
        page = next((p for p in where if any(find_boxes(pdf, p, t) for t in texts)), page)
    return page_image(pdf, page, width=width, highlight=highlight), page, where
