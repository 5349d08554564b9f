"""Connecting to a database: its URL, the two dialects (SQLite, PostgreSQL) behind one SQL spelling, and
:func:`connect`, which brings the tables up to date (:mod:`claimpipe.store.migrations`).

- URLs: ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db``, ``sqlite:///:memory:``, a
  plain file path (SQLite), or ``postgresql://user@host:port/dbname`` (psycopg 3; any libpq URL,
  e.g. ``?options=-csearch_path%3Dmyschema`` to load into a schema).
- Tables are created and migrated on connect (``schema_migrations`` records the versions).
"""

from __future__ import annotations

import re
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence, Union
from urllib.parse import urlsplit, urlunsplit

from claimpipe.errors import ClaimpipeError
from claimpipe.store.migrations import migrate
from claimpipe.store.sqlite_wal import enable_wal

if TYPE_CHECKING:  # pragma: no cover
    from claimpipe.store.tables import Table

DEFAULT_DB_NAME = "claimpipe.db"
SQLITE_BUSY_SECONDS = 30.0  # a SQLite writer waits this long for another to finish


def default_url(annotations: Union[str, Path]) -> str:
    """The default database of an annotations folder: ``sqlite:///<folder>/claimpipe.db``."""
    return f"sqlite:///{Path(annotations) / DEFAULT_DB_NAME}"


def redact(url: str) -> str:
    """``url`` with any password replaced by ``***``, for messages."""
    parts = urlsplit(url)
    if parts.password is None and "password=" not in parts.query:
        return url
    if parts.password is not None:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1))
    query = re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query)
    return urlunsplit(parts._replace(query=query))


class DatabaseError(ClaimpipeError, RuntimeError):
    """A database that cannot be used: bad URL, no server, missing driver, schema too new."""


class Database:
    """A DB-API connection to SQLite or PostgreSQL with one SQL spelling (``?`` placeholders).

    Connections run in autocommit mode; :meth:`transaction` opens explicit transactions.
    """

    def __init__(self, url: str):
        self.url = url
        parts = urlsplit(url)
        scheme = parts.scheme.split("+", 1)[0].lower()
        if scheme in ("postgresql", "postgres"):
            self.dialect = "postgresql"
        elif scheme == "sqlite" or "://" not in url:
            self.dialect = "sqlite"
        else:
            raise DatabaseError(f"unsupported database URL {redact(url)!r}: use sqlite:///PATH or postgresql://...")
        self._sql_cache: dict[str, str] = {}
        self.conn = None
        self.connect()

    # -- connecting

    def connect(self) -> None:
        """(Re)open the connection."""
        if self.dialect == "sqlite":
            import sqlite3

            path = self._sqlite_path()
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, timeout=SQLITE_BUSY_SECONDS)
            conn.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                enable_wal(conn, SQLITE_BUSY_SECONDS)
                conn.execute("PRAGMA synchronous = NORMAL")
            self.conn = conn
        else:
            try:
                import psycopg
            except ImportError as exc:  # pragma: no cover - psycopg is a dependency
                raise DatabaseError("PostgreSQL needs psycopg 3: pip install 'psycopg[binary]'") from exc
            url = self.url
            scheme = urlsplit(url).scheme
            if "+" in scheme:  # SQLAlchemy spelling postgresql+psycopg://
                url = "postgresql" + url[len(scheme):]
            try:
                self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
            except psycopg.OperationalError as exc:
                raise DatabaseError(f"cannot connect to {redact(self.url)}: {str(exc).strip()}") from exc

    def _sqlite_path(self) -> str:
        if "://" not in self.url:
            return self.url
        rest = self.url.split("://", 1)[1]
        if not rest.startswith("/") or rest == "/":
            raise DatabaseError(f"SQLite URLs look like sqlite:///relative.db or sqlite:////absolute.db, not {self.url!r}")
        path = rest[1:]
        return path.split("?", 1)[0]

    @property
    def broken(self) -> bool:
        """True when the connection to the server is lost."""
        if self.dialect != "postgresql" or self.conn is None:
            return False
        return bool(self.conn.closed or self.conn.broken)

    def reconnect(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001 - it is already broken
            pass
        self.connect()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    # -- statements

    def sql(self, statement: str) -> str:
        if self.dialect == "sqlite":
            return statement
        cached = self._sql_cache.get(statement)
        if cached is None:
            cached = self._sql_cache[statement] = statement.replace("?", "%s")
        return cached

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self.sql(statement), params)

    def executemany(self, statement: str, rows: list[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.dialect == "sqlite":
            self.conn.executemany(statement, rows)
        else:
            with self.conn.cursor() as cur:
                cur.executemany(self.sql(statement), rows)

    def upsert(self, table: Table, rows: list[Sequence[Any]]) -> None:
        """Insert or update ``rows`` of ``table``, in order, with one executemany (pipelined by psycopg)."""
        self.executemany(table.upsert(self.dialect), rows)

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[tuple]:
        return [tuple(row) for row in self.conn.execute(self.sql(statement), params).fetchall()]

    def queries(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[tuple]]:
        """The rows of several queries; in a PostgreSQL pipeline they cost one round trip together."""
        if self.dialect == "sqlite":
            return [self.query(statement, params) for statement, params in statements]
        cursors = [self.conn.execute(self.sql(statement), params) for statement, params in statements]
        return [[tuple(row) for row in cur.fetchall()] for cur in cursors]

    @contextmanager
    def transaction(self, *, lock: bool = False, pipeline: bool = False) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back when it raises.

        ``lock`` serialises PostgreSQL writers that must not interleave (migrations). ``pipeline`` sends
        PostgreSQL statements without waiting for each answer (psycopg pipeline mode).
        """
        if self.dialect == "sqlite":  # IMMEDIATE: take the write lock now, waiting for other writers
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:  # SQLite rolls back by itself after some errors
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        else:
            with self.conn.pipeline() if pipeline else nullcontext(), self.conn.transaction():
                if lock:
                    self.conn.execute("SELECT pg_advisory_xact_lock(hashtext('claimpipe.migrations'))")
                yield


def connect(url: str) -> Database:
    """Open ``url`` and bring its tables up to the current schema version."""
    db = Database(url)
    try:
        migrate(db)
    except Exception as exc:
        db.close()
        if isinstance(exc, DatabaseError):
            raise
        raise DatabaseError(f"cannot prepare the tables of {redact(url)}: {exc}") from exc
    return db
