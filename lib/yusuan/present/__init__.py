"""Stage 4 — what readers see: charts in the house style (``charts``, ``style``), page images (``pages``), the
HTML report and index (``htmlreport``, ``templates/``), the Excel workbook and the Frictionless Data Package
(``export``).

Reads the table model, findings and key figures; nothing below imports it."""
