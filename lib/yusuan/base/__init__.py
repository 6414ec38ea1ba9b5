"""What every stage uses and nothing of yusuan's own beneath it: cleaning PDF text (``text``), reading printed
numbers at their precision (``numbers``), the one place for paths (``paths``), writing output files
atomically (``files``), one-line errors a user can act on (``errors``) and provenance sidecars
(``provenance``).  Imports nothing from the other packages."""
