"""Stage 2 — printed tables and the one table model: titles, units, header trees and each column's stage and
year (``printed``: :class:`~yusuan.tables.printed.PrintedTable`), classification codes (``codes``), the rows of a
table as the fact-check reads them (``rows``), one tidy row per printed number (``tidy``) and which statutory
tables a disclosure prints (``statutory``).

Imports :mod:`yusuan.pdf`, :mod:`yusuan.vocab` and :mod:`yusuan.base`; never the checks."""
