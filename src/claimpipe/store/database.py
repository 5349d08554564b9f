"""Databases: load claimpipe records into SQLite (embedded, the default) or PostgreSQL (for teams).

``load(annotations, db=URL)`` streams ``documents.jsonl``, ``claims.jsonl`` and (when present)
``reviews.jsonl`` into normalised tables (see ``docs/database.md`` and :mod:`claimpipe.store.migrations`);
:class:`Sink` does the same for records as ``extract`` produces them.

- URLs: ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db``, ``sqlite:///:memory:``, a
  plain file path (SQLite), or ``postgresql://user@host:port/dbname`` (psycopg 3; any libpq URL,
  e.g. ``?options=-csearch_path%3Dmyschema`` to load into a schema).
- Tables are created and migrated on connect (``schema_migrations`` records the versions).
- Loads are idempotent upserts keyed by the stable ids: ``doc_id``, ``claim_id``, and mentions by
  ``doc_id`` + offsets + label/type/kind. Loading a document replaces what the database held for it:
  claims and mentions it no longer has are deleted.
- Each document, with its claims and mentions, is written in one transaction: a bad record or a lost
  connection rolls back that document only; it is reported and the load goes on (after reconnecting).
- Reviews (``ReviewDecision``): the last decision appended for a claim wins, as in the review app;
  reviews of claims that are not in the database are kept, not refused.
"""

from __future__ import annotations

import functools
import json
import re
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ValidationError

from claimpipe.errors import ClaimpipeError
from claimpipe.schema import ClaimRecord, DocumentRecord, ReviewDecision
from claimpipe.store.migrations import migrate
from claimpipe.store.sqlite_wal import enable_wal

DEFAULT_DB_NAME = "claimpipe.store.database"
REVIEW_BATCH = 500
RETRY_SECONDS = 30.0  # between reconnection attempts while the server is unreachable
HOLD_LIMIT = 20_000  # claims held while looking for a document's claims out of order
SQLITE_BUSY_SECONDS = 30.0  # a SQLite writer waits this long for another to finish


def default_url(annotations: Union[str, Path]) -> str:
    """The default database of an annotations folder: ``sqlite:///<folder>/claimpipe.store.database``."""
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


# --------------------------------------------------------------------------- connections


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

    def upsert(self, table: "_Table", rows: list[Sequence[Any]]) -> None:
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
                    self.conn.execute("SELECT pg_advisory_xact_lock(hashtext('claimpipe.store.migrations'))")
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


# --------------------------------------------------------------------------- rows


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _details(record: BaseModel, columns: Iterable[str]) -> str:
    """Every field of ``record`` without a column of its own, as JSON (new schema fields land here)."""
    return _json(record.model_dump(mode="json", exclude=set(columns)))


@dataclass(frozen=True)
class _Table:
    """How one table is upserted and pruned per document."""

    name: str
    columns: tuple[str, ...]
    conflict: tuple[str, ...]  # the primary key
    scope_key: tuple[str, ...]  # what identifies a row within one document

    @functools.cache
    def upsert(self, dialect: str) -> str:
        """INSERT ... ON CONFLICT DO UPDATE, leaving unchanged rows untouched (no new row version)."""
        cols = ", ".join(self.columns)
        marks = ", ".join("?" for _ in self.columns)
        head = f"INSERT INTO {self.name} ({cols}) VALUES ({marks}) ON CONFLICT ({', '.join(self.conflict)})"
        updates = [c for c in self.columns if c not in self.conflict]
        if not updates:
            return f"{head} DO NOTHING"
        differs = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
        where = " OR ".join(f"{self.name}.{c} {differs} excluded.{c}" for c in updates)
        return f"{head} DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in updates)} WHERE {where}"

    @property
    def existing(self) -> str:
        return f"SELECT {', '.join(self.scope_key)} FROM {self.name} WHERE doc_id = ?"

    @property
    def delete(self) -> str:
        return f"DELETE FROM {self.name} WHERE doc_id = ? AND " + " AND ".join(f"{c} = ?" for c in self.scope_key)


_SPAN = ("doc_id", "start_char", "end_char")
DOCUMENTS = _Table(
    "documents",
    ("doc_id", "source", "title", "dct", "author", "url", "encoding", "model", "schema_version", "text", "details"),
    ("doc_id",),
    ("doc_id",),
)
ENTITIES = _Table(
    "entities", _SPAN + ("label", "text", "canonical", "details"), _SPAN + ("label",), ("start_char", "end_char", "label")
)
DATES = _Table(
    "dates", _SPAN + ("type", "text", "value", "mod", "anchor", "details"), _SPAN + ("type",),
    ("start_char", "end_char", "type"),
)
QUOTES = _Table(
    "quotes",
    _SPAN + ("kind", "text", "speaker_name", "speaker_text", "speaker_start", "speaker_end", "cue_text", "details"),
    _SPAN + ("kind",),
    ("start_char", "end_char", "kind"),
)
CLAIMS = _Table(
    "claims",
    ("claim_id", "doc_id", "start_char", "end_char", "text", "kind", "modality", "source_type", "source_name",
     "checkworthiness", "review_status", "schema_version", "details"),
    ("claim_id",),
    ("claim_id",),
)


def _link(name: str, kind: str) -> _Table:
    """A claim-to-mention link table."""
    key = ("claim_id", "start_char", "end_char", kind)
    return _Table(name, ("claim_id", "doc_id", "start_char", "end_char", kind), key, key)


CLAIM_ENTITIES = _link("claim_entities", "label")
CLAIM_DATES = _link("claim_dates", "type")
CLAIM_QUOTES = _link("claim_quotes", "kind")
REVIEWS = _Table(
    "reviews",
    ("claim_id", "doc_id", "decision", "verdict", "note", "evidence_url", "reviewer", "decided_at", "details"),
    ("claim_id",),
    ("claim_id",),
)
# Parents before children for upserts; the reverse for deletes.
DOCUMENT_TABLES = (ENTITIES, DATES, QUOTES, CLAIMS, CLAIM_ENTITIES, CLAIM_DATES, CLAIM_QUOTES)

_ENTITY_COLS = ("text", "start", "end", "label", "canonical")
_DATE_COLS = ("text", "start", "end", "type", "value", "mod", "anchor")
_QUOTE_COLS = ("text", "start", "end", "kind")


def _entity_row(doc_id: str, e) -> tuple:
    return (doc_id, e.start, e.end, e.label, e.text, e.canonical, _details(e, _ENTITY_COLS))


def _date_row(doc_id: str, d) -> tuple:
    return (doc_id, d.start, d.end, d.type, d.text, d.value, d.mod, d.anchor, _details(d, _DATE_COLS))


def _quote_row(doc_id: str, q) -> tuple:
    s = q.speaker
    return (
        doc_id, q.start, q.end, q.kind, q.text,
        s.name if s else None, s.text if s else None, s.start if s else None, s.end if s else None,
        q.cue.text if q.cue else None,
        _details(q, _QUOTE_COLS),
    )


def document_rows(document: DocumentRecord, claims: Sequence[ClaimRecord]) -> dict[_Table, dict[tuple, tuple]]:
    """The rows of one document in every table, keyed by their key within the document.

    Mentions are the union of the document's and its claims' (the document's version wins).
    """
    doc_id = document.doc_id
    rows: dict[_Table, dict[tuple, tuple]] = {t: {} for t in (DOCUMENTS,) + DOCUMENT_TABLES}
    rows[DOCUMENTS][(doc_id,)] = (
        doc_id, document.source, document.title, document.dct, document.author, document.url,
        document.encoding, document.model, document.schema_version, document.text,
        _details(document, ("record_type", "doc_id", "source", "title", "dct", "author", "url", "encoding",
                            "model", "schema_version", "text", "entities", "dates", "quotes", "claims")),
    )
    mention_kinds = ((ENTITIES, CLAIM_ENTITIES, "entities", "label", _entity_row),
                     (DATES, CLAIM_DATES, "dates", "type", _date_row),
                     (QUOTES, CLAIM_QUOTES, "quotes", "kind", _quote_row))
    for table, _, attr, kind, make in mention_kinds:
        for m in getattr(document, attr):
            rows[table].setdefault((m.start, m.end, getattr(m, kind)), make(doc_id, m))
    for claim in claims:
        if claim.doc_id != doc_id:
            raise ValueError(f"claim {claim.claim_id} belongs to document {claim.doc_id}, not {doc_id}")
        rows[CLAIMS][(claim.claim_id,)] = (
            claim.claim_id, doc_id, claim.start, claim.end, claim.text, claim.kind, claim.modality,
            claim.source.type, claim.source.name, claim.checkworthiness, claim.review.status,
            claim.schema_version,
            _details(claim, ("record_type", "claim_id", "doc_id", "start", "end", "text", "kind", "modality",
                             "checkworthiness", "schema_version", "entities", "dates", "quotes")),
        )
        for table, link, attr, kind, make in mention_kinds:
            for m in getattr(claim, attr):
                key = (m.start, m.end, getattr(m, kind))
                rows[table].setdefault(key, make(doc_id, m))
                rows[link][(claim.claim_id,) + key] = (claim.claim_id, doc_id) + key
    return rows


def _utc(value: str) -> str:
    """An ISO 8601 time as fixed-width UTC text, so that text order is time order."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def review_row(review: ReviewDecision) -> tuple:
    return (
        review.claim_id, review.doc_id, review.decision, review.verdict, review.note, review.evidence_url,
        review.reviewer, _utc(review.time),
        _details(review, ("record_type", "claim_id", "doc_id", "decision", "verdict", "note", "evidence_url",
                          "reviewer", "time")),
    )




# --------------------------------------------------------------------------- the sink


@dataclass
class LoadFailure:
    """Something that was not loaded, and why. ``where`` is a doc_id or ``file:line``."""

    where: str
    error: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.error}: {self.message}"


@dataclass
class LoadReport:
    """What a load did. Counts are of records written (re-writes included)."""

    url: str = ""
    documents: int = 0
    claims: int = 0
    mentions: int = 0
    links: int = 0
    reviews: int = 0
    orphaned_reviews: int = 0
    seconds: float = 0.0
    failures: list[LoadFailure] = field(default_factory=list)

    @property
    def records(self) -> int:
        """JSONL records loaded: documents, claims and reviews."""
        return self.documents + self.claims + self.reviews

    def line(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        text = (
            f"{n(self.documents, 'document')}, {n(self.claims, 'claim')}, {n(self.mentions, 'mention')}, "
            f"{n(self.reviews, 'review')} loaded into {redact(self.url)}, {len(self.failures)} failed, "
            f"{self.seconds:.1f} s"
        )
        if self.orphaned_reviews:
            text += f" ({n(self.orphaned_reviews, 'review')} of claims not in the database, kept)"
        return text


class Sink:
    """Write documents (with their claims) and reviews into a database, one transaction per document.

    >>> with Sink("sqlite:///annotations/claimpipe.store.database") as sink:   # doctest: +SKIP
    ...     sink.write_document(document, claims)
    """

    def __init__(self, url: str, *, on_failure: Optional[Callable[[LoadFailure], None]] = None):
        self.db = connect(url)
        self.report = LoadReport(url=url)
        self.on_failure = on_failure
        self.lost: Optional[str] = None  # why the server cannot be reached, while it cannot
        self._last_attempt = 0.0
        self._started = time.perf_counter()

    def __enter__(self) -> "Sink":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fail(self, where: str, error: str, message: str) -> LoadFailure:
        failure = LoadFailure(where, error, message[:2000])
        self.report.failures.append(failure)
        if self.on_failure is not None:
            self.on_failure(failure)
        return failure

    def _recover(self) -> None:
        """After a failure: reconnect when the connection was lost; if that fails, set :attr:`lost`."""
        if self.db.broken or self.lost:
            self._last_attempt = time.monotonic()
            try:
                self.db.reconnect()
                self.lost = None
            except DatabaseError as exc:
                self.lost = str(exc)

    def _available(self) -> bool:
        """False while the server cannot be reached (a reconnection is tried every RETRY_SECONDS)."""
        if self.lost and time.monotonic() - self._last_attempt >= RETRY_SECONDS:
            self._recover()
        return not self.lost

    def write_document(self, document: DocumentRecord, claims: Sequence[ClaimRecord]) -> Optional[LoadFailure]:
        """Upsert one document with its claims and mentions, and delete what it no longer has.

        All or nothing: on failure the transaction is rolled back and the failure is returned (and
        kept in :attr:`report`); the database still holds the document's previous version, if any.
        """
        if not self._available():
            return self.fail(document.doc_id, "DatabaseUnavailable", self.lost)
        try:
            rows = document_rows(document, claims)
            self._write_rows(document.doc_id, rows)
        except Exception as exc:  # noqa: BLE001 - reported; the load goes on
            failure = self.fail(document.doc_id, type(exc).__name__, str(exc).strip() or repr(exc))
            self._recover()
            return failure
        self.report.documents += 1
        self.report.claims += len(rows[CLAIMS])
        self.report.mentions += len(rows[ENTITIES]) + len(rows[DATES]) + len(rows[QUOTES])
        self.report.links += len(rows[CLAIM_ENTITIES]) + len(rows[CLAIM_DATES]) + len(rows[CLAIM_QUOTES])
        return None

    write = write_document  # the interface ``extract(..., sink=)`` calls

    def _write_rows(self, doc_id: str, rows: dict[_Table, dict[tuple, tuple]]) -> None:
        db = self.db
        with db.transaction(pipeline=True):
            db.upsert(DOCUMENTS, list(rows[DOCUMENTS].values()))
            existing = db.queries([(table.existing, (doc_id,)) for table in DOCUMENT_TABLES])
            for table, old in zip(DOCUMENT_TABLES, existing):
                db.upsert(table, list(rows[table].values()))
            for table, old in reversed(list(zip(DOCUMENT_TABLES, existing))):
                new = rows[table]
                db.executemany(table.delete, [(doc_id,) + key for key in old if key not in new])

    def write_reviews(self, reviews: Iterable[tuple[str, ReviewDecision]]) -> int:
        """Upsert ``(where, review)`` pairs in order, in batches: the last one per claim wins, as in the
        review app (:mod:`claimpipe.review.store`). The number written."""
        written = 0
        batch: list[tuple[str, tuple]] = []

        def flush() -> int:
            try:
                with self.db.transaction():
                    self.db.upsert(REVIEWS, [row for _, row in batch])
                return len(batch)
            except Exception:  # noqa: BLE001 - retried one by one to find the bad one
                self._recover()
            done = 0
            for where, row in batch:
                if not self._available():
                    self.fail(where, "DatabaseUnavailable", self.lost)
                    continue
                try:
                    with self.db.transaction():
                        self.db.upsert(REVIEWS, [row])
                    done += 1
                except Exception as exc:  # noqa: BLE001 - reported; the load goes on
                    self.fail(where, type(exc).__name__, str(exc).strip())
                    self._recover()
            return done

        for where, review in reviews:
            try:
                batch.append((where, review_row(review)))
            except ValueError as exc:  # an unreadable time
                self.fail(where, "ValueError", str(exc))
                continue
            if len(batch) >= REVIEW_BATCH:
                written += flush()
                batch = []
        if batch:
            written += flush()
        self.report.reviews += written
        return written

    def close(self) -> LoadReport:
        """Close the connection (again is harmless); the report of what was written."""
        if self.db.conn is not None:
            try:
                self.report.orphaned_reviews = self.db.query(
                    "SELECT count(*) FROM reviews r WHERE NOT EXISTS "
                    "(SELECT 1 FROM claims c WHERE c.claim_id = r.claim_id)"
                )[0][0]
            except Exception:  # noqa: BLE001 - only a statistic
                pass
            self.db.close()
        self.report.seconds = time.perf_counter() - self._started
        return self.report


def open_sink(url: str) -> Sink:
    """A :class:`Sink` on ``url``, tables created or migrated."""
    return Sink(url)


# --------------------------------------------------------------------------- reading JSONL


@dataclass
class _Bad:
    """A record that could not be read; ``doc_id`` when it could still be told."""

    where: str
    doc_id: Optional[str]
    message: str


def _read(path: Path, model: type[BaseModel]) -> Iterator[tuple[str, Union[BaseModel, _Bad]]]:
    """``(file:line, record or _Bad)`` for each non-blank line of ``path``, streamed."""
    with path.open("r", encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                yield where, model.model_validate_json(line)
            except ValidationError as exc:
                doc_id = None
                try:
                    raw = json.loads(line)
                    doc_id = raw.get("doc_id") if isinstance(raw, dict) else None
                except ValueError:
                    pass
                problems = "; ".join(
                    f"[{'.'.join(str(p) for p in e['loc']) or 'record'}] {e['msg']}" for e in exc.errors()[:3]
                )
                yield where, _Bad(where, doc_id if isinstance(doc_id, str) else None, problems)


class _ClaimGroups:
    """Claims of ``claims.jsonl`` handed out per document, streaming.

    Extract writes each document's claims together and in document order, so only one document's
    claims are held at a time; claims met out of order are held until their document comes.
    """

    def __init__(self, records: Iterator[tuple[str, Union[BaseModel, _Bad]]]):
        self._records = records
        self._next: Optional[tuple[str, Union[BaseModel, _Bad]]] = None
        self.held: dict[str, list] = {}
        self._holding = 0  # records in held
        self.unattributed: list[_Bad] = []

    def _peek(self) -> Optional[tuple[str, Union[BaseModel, _Bad]]]:
        while self._next is None:
            item = next(self._records, None)
            if item is None:
                return None
            if isinstance(item[1], _Bad) and item[1].doc_id is None:
                self.unattributed.append(item[1])
                continue
            self._next = item
        return self._next

    def take(self, document: DocumentRecord) -> list:
        """The claims (and unreadable claim records) of ``document``."""
        doc_id = document.doc_id
        got = self.held.pop(doc_id, [])
        self._holding -= len(got)
        need = set(document.claims) - {c.claim_id for c in got if isinstance(c, ClaimRecord)}
        while (item := self._peek()) is not None:
            record = item[1]
            if record.doc_id != doc_id and (not need or self._holding >= HOLD_LIMIT):
                break  # the next document's claims (or too many held: the missing ones are reported)
            self._next = None
            if record.doc_id == doc_id:
                got.append(record)
                if isinstance(record, ClaimRecord):
                    need.discard(record.claim_id)
            else:
                self.held.setdefault(record.doc_id, []).append(record)
                self._holding += 1
        return got

    def rest(self) -> Iterator[Union[BaseModel, _Bad]]:
        """Claims whose document never came."""
        for records in self.held.values():
            yield from records
        self.held, self._holding = {}, 0
        while (item := self._peek()) is not None:
            self._next = None
            yield item[1]


def load(
    annotations: Union[str, Path],
    *,
    db: Optional[str] = None,
    on_failure: Optional[Callable[[LoadFailure], None]] = None,
) -> LoadReport:
    """Load ``documents.jsonl``, ``claims.jsonl`` and ``reviews.jsonl`` (if present) of ``annotations`` into ``db``.

    ``db`` defaults to :func:`default_url` of the folder. ``on_failure(LoadFailure)`` is called as
    failures happen. Raises FileNotFoundError when ``documents.jsonl`` is missing, and
    :class:`DatabaseError` when the database cannot be opened.
    """
    folder = Path(annotations)
    documents_path = folder / "documents.jsonl"
    claims_path = folder / "claims.jsonl"
    reviews_path = folder / "reviews.jsonl"
    if not documents_path.is_file():
        raise FileNotFoundError(f"no documents.jsonl in {folder}")
    url = db or default_url(folder)
    sink = Sink(url, on_failure=on_failure)
    fail = sink.fail

    try:
        claim_records = _read(claims_path, ClaimRecord) if claims_path.is_file() else iter(())
        groups = _ClaimGroups(claim_records)
        for where, document in _read(documents_path, DocumentRecord):
            if isinstance(document, _Bad):
                fail(where, "InvalidRecord", document.message)
                continue
            records = groups.take(document)
            for bad in groups.unattributed:
                fail(bad.where, "InvalidRecord", bad.message)
            groups.unattributed.clear()
            bad = [r for r in records if isinstance(r, _Bad)]
            claims = list({c.claim_id: c for c in records if isinstance(c, ClaimRecord)}.values())
            missing = set(document.claims) - {c.claim_id for c in claims}
            if bad:
                fail(document.doc_id, "InvalidRecord",
                     f"not loaded: its claim record {bad[0].where} is invalid: {bad[0].message}")
            elif missing:
                fail(document.doc_id, "MissingClaims",
                     f"not loaded: {len(missing)} of its claims are not in claims.jsonl ({', '.join(sorted(missing)[:3])})")
            else:
                sink.write_document(document, claims)
                if sink.lost:  # the server is gone: stop rather than report every document
                    raise DatabaseError(f"lost the database: {sink.lost} ({sink.report.documents} documents "
                                        f"loaded before; loading again resumes)")
        orphans: dict[str, int] = {}
        for record in groups.rest():
            orphans[record.doc_id] = orphans.get(record.doc_id, 0) + 1
        for bad in groups.unattributed:
            fail(bad.where, "InvalidRecord", bad.message)
        for doc_id, count in orphans.items():
            fail(doc_id, "UnmatchedClaims", f"{count} claims not loaded: their document is not in documents.jsonl, "
                 f"or is too far from them (keep each document's claims together, as extract writes them)")
        if reviews_path.is_file():
            sink.write_reviews(_valid_reviews(_read(reviews_path, ReviewDecision), fail))
    finally:
        report = sink.close()
    return report


def _valid_reviews(records, fail) -> Iterator[tuple[str, ReviewDecision]]:
    for where, record in records:
        if isinstance(record, _Bad):
            fail(where, "InvalidRecord", record.message)
        else:
            yield where, record
