"""The tables records are loaded into, and each record as the rows it makes (created by
:mod:`claimpipe.store.migrations`; see ``docs/database.md``).

A :class:`Table` knows its columns and keys, and so how to upsert its rows and prune those a document no
longer has. Fields without a column of their own go, as JSON, into the ``details`` column of their table.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

from pydantic import BaseModel

from claimpipe.schema import ClaimRecord, DocumentRecord, ReviewDecision


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _details(record: BaseModel, columns: Iterable[str]) -> str:
    """Every field of ``record`` without a column of its own, as JSON (new schema fields land here)."""
    return _json(record.model_dump(mode="json", exclude=set(columns)))


@dataclass(frozen=True)
class Table:
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
DOCUMENTS = Table(
    "documents",
    ("doc_id", "source", "title", "dct", "author", "url", "encoding", "model", "schema_version", "text", "details"),
    ("doc_id",),
    ("doc_id",),
)
ENTITIES = Table(
    "entities", _SPAN + ("label", "text", "canonical", "details"), _SPAN + ("label",), ("start_char", "end_char", "label")
)
DATES = Table(
    "dates", _SPAN + ("type", "text", "value", "mod", "anchor", "details"), _SPAN + ("type",),
    ("start_char", "end_char", "type"),
)
QUOTES = Table(
    "quotes",
    _SPAN + ("kind", "text", "speaker_name", "speaker_text", "speaker_start", "speaker_end", "cue_text", "details"),
    _SPAN + ("kind",),
    ("start_char", "end_char", "kind"),
)
CLAIMS = Table(
    "claims",
    ("claim_id", "doc_id", "start_char", "end_char", "text", "kind", "modality", "source_type", "source_name",
     "checkworthiness", "review_status", "schema_version", "group_id", "details"),
    ("claim_id",),
    ("claim_id",),
)
# claim_groups is made from claims.group_id (:func:`group_rows_sql`), never written row by row


def _link(name: str, kind: str) -> Table:
    """A claim-to-mention link table."""
    key = ("claim_id", "start_char", "end_char", kind)
    return Table(name, ("claim_id", "doc_id", "start_char", "end_char", kind), key, key)


CLAIM_ENTITIES = _link("claim_entities", "label")
CLAIM_DATES = _link("claim_dates", "type")
CLAIM_QUOTES = _link("claim_quotes", "kind")
REVIEWS = Table(
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


def document_rows(document: DocumentRecord, claims: Sequence[ClaimRecord]) -> dict[Table, dict[tuple, tuple]]:
    """The rows of one document in every table, keyed by their key within the document.

    Mentions are the union of the document's and its claims' (the document's version wins).
    """
    doc_id = document.doc_id
    rows: dict[Table, dict[tuple, tuple]] = {t: {} for t in (DOCUMENTS,) + DOCUMENT_TABLES}
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
            claim.schema_version, claim.group_id,
            _details(claim, ("record_type", "claim_id", "doc_id", "start", "end", "text", "kind", "modality",
                             "checkworthiness", "schema_version", "entities", "dates", "quotes", "group_id")),
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
    """The row of ``review`` in ``reviews`` (its time as fixed-width UTC text)."""
    return (
        review.claim_id, review.doc_id, review.decision, review.verdict, review.note, review.evidence_url,
        review.reviewer, _utc(review.time),
        _details(review, ("record_type", "claim_id", "doc_id", "decision", "verdict", "note", "evidence_url",
                          "reviewer", "time")),
    )


_ORDER = {"sqlite": "", "postgresql": ' COLLATE "C"'}  # text order as Python's (and SQLite's): by code point

GROUPS_SQL = """
INSERT INTO claim_groups (group_id, members, documents, claim_id, text, first_dct, last_dct)
SELECT g.group_id, g.members, g.documents, r.claim_id, r.text, g.first_dct, g.last_dct
FROM (SELECT c.group_id, count(*) AS members, count(DISTINCT c.doc_id) AS documents, min(d.dct) AS first_dct,
             max(d.dct) AS last_dct
      FROM claims c JOIN documents d ON d.doc_id = c.doc_id WHERE c.group_id IS NOT NULL GROUP BY c.group_id) g
JOIN (SELECT c.group_id, c.claim_id, c.text, row_number() OVER (PARTITION BY c.group_id
             ORDER BY coalesce(d.dct, '9999'){order}, c.doc_id{order}, c.start_char, c.claim_id{order}) AS n
      FROM claims c JOIN documents d ON d.doc_id = c.doc_id WHERE c.group_id IS NOT NULL) r
  ON r.group_id = g.group_id AND r.n = 1
"""


def group_rows_sql(dialect: str) -> str:
    """The statement that fills ``claim_groups`` from ``claims.group_id``: one row per group with its member
    and article counts, its first and last article dates, and its representative, the member from the
    earliest article (date, doc id, offset: the anchor :mod:`claimpipe.run.groups` names new groups after)."""
    return GROUPS_SQL.format(order=_ORDER[dialect])
