"""Records into databases (SQLite, PostgreSQL): connections and loading (``database``), the schema's
``migrations``, and SQLite's WAL switch (``sqlite_wal``)."""
