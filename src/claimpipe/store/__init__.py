"""Records into databases (SQLite, PostgreSQL), by layer: ``database`` (URLs, connecting, the two dialects),
``migrations`` (the schema, applied on connect), ``tables`` (table definitions, records as rows), ``sink``
(writing documents and reviews, one transaction per document), ``load`` (an annotations folder into a
database), and ``sqlite_wal`` (SQLite's WAL switch)."""
