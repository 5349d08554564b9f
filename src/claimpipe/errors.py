"""The root of claimpipe's errors: catch :class:`ClaimpipeError` to catch every error claimpipe raises on purpose.

Each error is defined next to the code that raises it (sqlite-utils' habit) and derives from this root as well
as from the built-in class a caller would expect:

======================================================  ====================================================
error                                                   raised when
======================================================  ====================================================
:class:`claimpipe.io.read.DecodeError`                  a file's bytes are binary or decode to no text
:class:`claimpipe.nlp.pipeline.ModelNotFound`           ``--model`` names no installed spaCy pipeline
:class:`claimpipe.nlp.pipeline.UnknownComponent`        settings name a component that is not claimpipe's
:class:`claimpipe.nlp.accelerate.Unsupported`           a component cannot be replaced by a fast stand-in
:class:`claimpipe.timex.calendar.OutOfCalendar`         date arithmetic leaves the years 1-9999
:class:`claimpipe.store.database.DatabaseError`         a database cannot be reached or written
:class:`claimpipe.store.migrations.SchemaTooNew`        a database was migrated by a newer claimpipe
:class:`claimpipe.run.cluster.DaskMissing`              ``--scheduler`` without the dask extra
:class:`claimpipe.review.export.BadImport`              an imported decisions file has a malformed line
:class:`claimpipe.evaluate.datasets.DataNotFound`       an evaluation dataset is not where it was looked for
:class:`claimpipe.training.checkworthy.ConfigNotFound`  a training config file does not exist
======================================================  ====================================================
"""

from __future__ import annotations


class ClaimpipeError(Exception):
    """Every error claimpipe raises on purpose derives from this."""
