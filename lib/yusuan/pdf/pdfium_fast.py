"""pdfium's C functions for the per-character and per-path loops, called without ctypes' argument checks.

pypdfium2's raw bindings declare every argument's type, and ctypes then converts each argument of
each call through that type (about 2–3 µs a call for a text page and four pointers, measured); the
loops over a page's characters and path segments make hundreds of thousands of calls.  The same
functions of the same loaded library, without declared argument types, cost a third of that: here
every handle is a ``ctypes.c_void_p`` (:class:`Ptr`, which ctypes passes as a pointer unchanged and
returns as itself), every integer argument a C ``int`` (ctypes' default) unless wrapped, and every
output a ``ctypes.byref`` buffer.
"""
from __future__ import annotations

import ctypes
import glob
import os


class Ptr(ctypes.c_void_p):
    """A pdfium handle; a subclass, so ctypes returns it as is (falsy when NULL)."""


def _library() -> ctypes.CDLL:
    try:
        import pypdfium2_raw.bindings as bindings

        base = bindings._libs["pdfium"]
        return ctypes.CDLL(base._name, handle=base._handle)  # the loaded library, fresh function objects
    except (ImportError, AttributeError, KeyError):
        import pypdfium2_raw

        folder = os.path.dirname(pypdfium2_raw.__file__)
        return ctypes.CDLL(sorted(glob.glob(os.path.join(folder, "*pdfium*")))[0])


_L = _library()


def _fn(name: str, restype=ctypes.c_int):
    f = getattr(_L, name)
    f.restype = restype
    return f


def handle(raw) -> Ptr:
    """A pypdfium2 raw handle (``page.raw``, ``textpage.raw``) as a :class:`Ptr`."""
    return ctypes.cast(raw, Ptr)


# text pages
GetCharBox = _fn("FPDFText_GetCharBox")  # (textpage, int, double* left, double* right, double* bottom, double* top)
GetLooseCharBox = _fn("FPDFText_GetLooseCharBox")  # (textpage, int, FS_RECTF*)
IsGenerated = _fn("FPDFText_IsGenerated")  # (textpage, int)
# page objects
Page_CountObjects = _fn("FPDFPage_CountObjects")  # (page)
Page_GetObject = _fn("FPDFPage_GetObject", Ptr)  # (page, int)
FormObj_CountObjects = _fn("FPDFFormObj_CountObjects")  # (form)
FormObj_GetObject = _fn("FPDFFormObj_GetObject", Ptr)  # (form, c_ulong)
PageObj_GetType = _fn("FPDFPageObj_GetType")  # (object)
PageObj_GetMatrix = _fn("FPDFPageObj_GetMatrix")  # (object, FS_MATRIX*)
PageObj_GetBounds = _fn("FPDFPageObj_GetBounds")  # (object, float* left, float* bottom, float* right, float* top)
Path_GetDrawMode = _fn("FPDFPath_GetDrawMode")  # (path, int* fillmode, FPDF_BOOL* stroke)
Path_CountSegments = _fn("FPDFPath_CountSegments")  # (path)
Path_GetPathSegment = _fn("FPDFPath_GetPathSegment", Ptr)  # (path, int)
PathSegment_GetPoint = _fn("FPDFPathSegment_GetPoint")  # (segment, float* x, float* y)
PathSegment_GetType = _fn("FPDFPathSegment_GetType")  # (segment)
PathSegment_GetClose = _fn("FPDFPathSegment_GetClose")  # (segment)


def children(parent: Ptr, is_form: bool):
    """The page objects directly in a page (``is_form`` False) or a form object, in content order (a NULL
    for an object pdfium cannot give)."""
    if is_form:
        n = FormObj_CountObjects(parent)
        return n, (lambda i: FormObj_GetObject(parent, ctypes.c_ulong(i)))
    n = Page_CountObjects(parent)
    return n, (lambda i: Page_GetObject(parent, i))
