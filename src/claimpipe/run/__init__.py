"""Running extraction over many articles: ``extract`` (the orchestration behind ``claimpipe extract``), the
``scheduler`` (ordered, windowed batches) with its backends (``local`` worker processes, ``cluster`` on Dask),
what a worker does (``work``) and sends back (``results``), the incremental ``cache`` and ``progress``."""
