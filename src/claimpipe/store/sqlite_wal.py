"""Switching a SQLite file to WAL mode when other connections may be opening it at the same moment.

SQLite answers ``PRAGMA journal_mode = WAL`` with "database is locked" at once, without waiting its busy
timeout, while another connection holds the file's write lock: as when several loaders, or a loader and
another tool, start on a new file together. :func:`enable_wal` retries with a short, growing pause.
"""

from __future__ import annotations

import sqlite3
import time


def enable_wal(conn: sqlite3.Connection, seconds: float = 30.0) -> None:
    """Put ``conn``'s file in WAL mode, waiting up to ``seconds`` for connections that hold it."""
    deadline = time.monotonic() + seconds
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not ("locked" in str(exc) or "busy" in str(exc)) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)
