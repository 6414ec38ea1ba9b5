"""One document from start to end: ``extract`` (PDF → tables, tidy.csv, meta.json: stages 1–2, and each table's
health) and ``audit`` (the fact-check: stage 3, with the workbook of stage 4), each writing its outputs
atomically.  What the commands, the report runner, the batch and the notebooks call."""
