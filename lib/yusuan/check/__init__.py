"""Stage 3 — the fact-check: findings and how a difference is judged (``findings``), the identities the tables
must satisfy (``identities``, rules declared in ``vocab/identities.yml``), each table's health (``health``), the
narrative's claims (``claims``), which table cell a subject names (``lookup``), every claim recomputed
(``recompute``) and the key figures with whether they were checked (``keyfigures``).

Imports :mod:`yusuan.tables` and below; never :mod:`yusuan.present`."""
