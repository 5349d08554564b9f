"""Running extraction over many articles: ``extract`` (the orchestration behind ``claimpipe extract``), the
schedulers (``local`` worker processes, ``cluster`` on Dask), the incremental ``cache`` and ``progress``."""
