"""The database schema as an ordered list of migrations, applied on connect by :func:`claimpipe.store.database.connect`.

Each :class:`Migration` has a version (1, 2, ...), a name and its SQL statements, written once for
SQLite and PostgreSQL: ``{json}`` becomes ``TEXT`` (SQLite) or ``JSONB`` (PostgreSQL) and ``{float}``
``REAL`` or ``DOUBLE PRECISION``. The table ``schema_migrations`` records which versions a database
has (version, name, applied_at); :func:`migrate` applies the missing ones in order, each in its own
transaction together with its ``schema_migrations`` row, so a database is never left between
versions. To change the schema, append a migration: never edit one that has shipped.

A new record field (``schema.py``) needs no migration: fields without a column of their own are
kept in the ``details`` JSON column of their table. Add a migration only to give a field a column.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol, Sequence

from claimpipe.errors import ClaimpipeError


class Connection(Protocol):
    """What migrating needs of a connection (:class:`claimpipe.store.database.Database` is one)."""

    dialect: str  # "sqlite" or "postgresql"

    def transaction(self, *, lock: bool = False) -> AbstractContextManager[None]: ...

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None: ...

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[tuple]: ...


@dataclass(frozen=True)
class Migration:
    """One step of the schema: applied once, in order, never edited after release."""

    version: int
    name: str
    statements: tuple[str, ...]


_MENTION_LINK = """
CREATE TABLE claim_{table} (
    claim_id TEXT NOT NULL REFERENCES claims (claim_id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    {kind} TEXT NOT NULL,
    PRIMARY KEY (claim_id, start_char, end_char, {kind}),
    FOREIGN KEY (doc_id, start_char, end_char, {kind})
        REFERENCES {table} (doc_id, start_char, end_char, {kind}) ON DELETE CASCADE
)"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "documents, claims, entities, dates, quotes, claim links, reviews",
        (
            """
            CREATE TABLE documents (
                doc_id TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                title TEXT,
                dct TEXT,
                author TEXT,
                url TEXT,
                encoding TEXT,
                model TEXT,
                schema_version TEXT NOT NULL,
                text TEXT NOT NULL,
                details {json} NOT NULL
            )""",
            """
            CREATE TABLE claims (
                claim_id TEXT PRIMARY KEY,
                doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text TEXT NOT NULL,
                kind TEXT NOT NULL,
                modality TEXT,
                source_type TEXT,
                source_name TEXT,
                checkworthiness {float} NOT NULL,
                review_status TEXT,
                schema_version TEXT NOT NULL,
                details {json} NOT NULL
            )""",
            """
            CREATE TABLE entities (
                doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                label TEXT NOT NULL,
                text TEXT NOT NULL,
                canonical TEXT,
                details {json} NOT NULL,
                PRIMARY KEY (doc_id, start_char, end_char, label)
            )""",
            """
            CREATE TABLE dates (
                doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                type TEXT NOT NULL,
                text TEXT NOT NULL,
                value TEXT,
                mod TEXT,
                anchor TEXT,
                details {json} NOT NULL,
                PRIMARY KEY (doc_id, start_char, end_char, type)
            )""",
            """
            CREATE TABLE quotes (
                doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                kind TEXT NOT NULL,
                text TEXT NOT NULL,
                speaker_name TEXT,
                speaker_text TEXT,
                speaker_start INTEGER,
                speaker_end INTEGER,
                cue_text TEXT,
                details {json} NOT NULL,
                PRIMARY KEY (doc_id, start_char, end_char, kind)
            )""",
            _MENTION_LINK.format(table="entities", kind="label"),
            _MENTION_LINK.format(table="dates", kind="type"),
            _MENTION_LINK.format(table="quotes", kind="kind"),
            """
            CREATE TABLE reviews (
                claim_id TEXT PRIMARY KEY,
                doc_id TEXT,
                decision TEXT NOT NULL,
                verdict TEXT,
                note TEXT,
                evidence_url TEXT,
                reviewer TEXT,
                decided_at TEXT NOT NULL,
                details {json} NOT NULL
            )""",
        ),
    ),
    Migration(
        2,
        "indexes for joins by document, label and canonical name",
        (
            "CREATE INDEX claims_doc_id ON claims (doc_id)",
            "CREATE INDEX entities_label_canonical ON entities (label, canonical)",
            "CREATE INDEX claim_entities_mention ON claim_entities (doc_id, start_char, end_char, label)",
            "CREATE INDEX claim_dates_mention ON claim_dates (doc_id, start_char, end_char, type)",
            "CREATE INDEX claim_quotes_mention ON claim_quotes (doc_id, start_char, end_char, kind)",
            "CREATE INDEX reviews_doc_id ON reviews (doc_id)",
        ),
    ),
    Migration(
        3,
        "groups of repeated claims: claims.group_id and claim_groups",
        (
            # before version 3 a table of this name could only be the claims desk's own (now desk_groups)
            "DROP TABLE IF EXISTS claim_groups",
            "ALTER TABLE claims ADD COLUMN group_id TEXT",
            "CREATE INDEX claims_group_id ON claims (group_id)",
            """
            CREATE TABLE claim_groups (
                group_id TEXT PRIMARY KEY,
                members INTEGER NOT NULL,
                documents INTEGER NOT NULL,
                claim_id TEXT NOT NULL,
                text TEXT NOT NULL,
                first_dct TEXT,
                last_dct TEXT
            )""",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

_TYPES = {
    "sqlite": {"json": "TEXT", "float": "REAL"},
    "postgresql": {"json": "JSONB", "float": "DOUBLE PRECISION"},
}

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


class SchemaTooNew(ClaimpipeError, RuntimeError):
    """The database was migrated by a newer claimpipe than this one."""


def render(statement: str, dialect: str) -> str:
    """``statement`` with its type placeholders filled in for ``dialect``."""
    return statement.format(**_TYPES[dialect])


def applied_versions(db: Connection) -> list[int]:
    """The migration versions recorded in ``db`` (empty for a new database)."""
    with db.transaction(lock=True):  # two loaders creating it at once would collide in PostgreSQL
        db.execute(_CREATE_TABLE)
    return [row[0] for row in db.query("SELECT version FROM schema_migrations ORDER BY version")]


def migrate(db: Connection, *, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply the migrations ``db`` lacks, up to ``target``, in order; the versions applied.

    Concurrent loaders are safe: PostgreSQL takes an advisory lock, SQLite a write lock, and the
    recorded versions are re-read under the lock before each step.
    Raises :class:`SchemaTooNew` when the database has a version this code does not know.
    """
    done = set(applied_versions(db))
    unknown = sorted(v for v in done if v > SCHEMA_VERSION)
    if unknown:
        raise SchemaTooNew(
            f"the database has schema version {unknown[-1]}, newer than this claimpipe's {SCHEMA_VERSION}: upgrade claimpipe"
        )
    applied = []
    for migration in MIGRATIONS:
        if migration.version > target or migration.version in done:
            continue
        with db.transaction(lock=True):
            present = db.query("SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,))
            if present:  # another loader applied it meanwhile
                continue
            for statement in migration.statements:
                db.execute(render(statement, db.dialect))
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")),
            )
        applied.append(migration.version)
    return applied
