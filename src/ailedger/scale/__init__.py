"""Scale: the per-document stages as tasks, run in this process, a local process pool or on a
Dask cluster, in order, with bounded memory."""
