"""Stage 1 — a PDF's pages: opening and refusing bad input (``pdfdoc``), characters and drawn paths from pdfium
(``pdfium_fast``, ``native``), ruling lines for camelot's vector lattice engine (``ruling``, ``layout``), and the
printed rows of ruled grids (``grid``) or of tables ruled only by horizontal lines (``hrules``).

Knows nothing of budgets: no table titles, no codes, no checks.  Imports only :mod:`yusuan.base`."""
