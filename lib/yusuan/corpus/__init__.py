"""Many documents: every document in its own bounded child process (``bounded``, with a warmed forkserver:
``warmup``), a folder read on a Dask cluster (``batch``) into Parquet and DuckDB (``store``)."""
