"""The spaCy layer, the only one that imports spaCy: the pipeline (``pipeline``, ``accelerate``), claimpipe's
components (``components``), the ``Doc._.claimpipe_*`` attributes (``extensions``), fault isolation
(``faults``) and the records assembled from a processed doc (``assemble``)."""
