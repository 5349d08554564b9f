"""Writing records into a database as they come: :class:`Sink` writes each document, with its claims and
mentions, in one transaction, and reviews in batches; what it wrote and what failed is its :class:`LoadReport`.

``extract(..., sink=Sink(url))`` streams each article into the database as soon as it is processed;
:func:`claimpipe.store.load.load` reads an annotations folder into one.

- Loads are idempotent upserts keyed by the stable ids: ``doc_id``, ``claim_id``, and mentions by
  ``doc_id`` + offsets + label/type/kind. Writing a document replaces what the database held for it:
  claims and mentions it no longer has are deleted.
- A bad record or a lost connection rolls back that document only; it is reported and the writing
  goes on (after reconnecting, tried every ``RETRY_SECONDS`` while the server cannot be reached).
- Reviews (``ReviewDecision``): the last decision appended for a claim wins, as in the review app;
  reviews of claims that are not in the database are kept, not refused.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence

from claimpipe.schema import ClaimRecord, DocumentRecord, ReviewDecision
from claimpipe.store.database import DatabaseError, connect, redact
from claimpipe.store.tables import (
    CLAIM_DATES, CLAIM_ENTITIES, CLAIM_QUOTES, CLAIMS, DATES, DOCUMENT_TABLES, DOCUMENTS, ENTITIES, QUOTES, REVIEWS,
    Table, document_rows, group_rows_sql, review_row,
)

REVIEW_BATCH = 500
RETRY_SECONDS = 30.0  # between reconnection attempts while the server is unreachable


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
    groups: int = 0  # rows of claim_groups after the load
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
        if self.groups:
            text += f"; {n(self.groups, 'group')} of repeated claims in claim_groups"
        if self.orphaned_reviews:
            text += f" ({n(self.orphaned_reviews, 'review')} of claims not in the database, kept)"
        return text


class Sink:
    """Write documents (with their claims) and reviews into a database, one transaction per document.

    >>> with Sink("sqlite:///annotations/claimpipe.db") as sink:   # doctest: +SKIP
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

    def _write_rows(self, doc_id: str, rows: dict[Table, dict[tuple, tuple]]) -> None:
        db = self.db
        with db.transaction(pipeline=True):
            db.upsert(DOCUMENTS, list(rows[DOCUMENTS].values()))
            existing = db.queries([(table.existing, (doc_id,)) for table in DOCUMENT_TABLES])
            for table, old in zip(DOCUMENT_TABLES, existing):
                db.upsert(table, list(rows[table].values()))
            for table, old in reversed(list(zip(DOCUMENT_TABLES, existing))):
                new = rows[table]
                db.executemany(table.delete, [(doc_id,) + key for key in old if key not in new])

    def write_groups(self, groups: dict[str, Optional[str]]) -> int:
        """Set ``claims.group_id`` of the claims in ``groups`` (claim id -> group id, None: in no group; the
        end of an extract run, :mod:`claimpipe.run.regroup`) and make ``claim_groups`` again. Claims of the
        database not in ``groups`` keep theirs. The number of claims changed. Nothing while the server is gone
        (the documents' failures say so already; ``claimpipe load`` of the folder writes them later)."""
        if not self._available():
            return 0
        try:
            with self.db.transaction(pipeline=True):
                held = self.db.query("SELECT claim_id, group_id FROM claims")
                changes = [(groups[cid], cid) for cid, gid in held if cid in groups and groups[cid] != gid]
                self.db.executemany("UPDATE claims SET group_id = ? WHERE claim_id = ?", changes)
                self._fill_groups()
        except Exception as exc:  # noqa: BLE001 - reported; the claims are written
            self.fail("claim_groups", type(exc).__name__, str(exc).strip() or repr(exc))
            self._recover()
            return 0
        return len(changes)

    def refresh_groups(self) -> None:
        """Make ``claim_groups`` again from ``claims.group_id`` (after a load)."""
        if not self._available():
            self.fail("claim_groups", "DatabaseUnavailable", self.lost)
            return
        try:
            with self.db.transaction():
                self._fill_groups()
        except Exception as exc:  # noqa: BLE001 - reported
            self.fail("claim_groups", type(exc).__name__, str(exc).strip() or repr(exc))
            self._recover()

    def _fill_groups(self) -> None:
        self.db.execute("DELETE FROM claim_groups")
        self.db.execute(group_rows_sql(self.db.dialect))
        self.report.groups = self.db.query("SELECT count(*) FROM claim_groups")[0][0]

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
