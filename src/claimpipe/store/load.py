"""Loading an annotations folder into a database: :func:`load` streams ``documents.jsonl``,
``claims.jsonl`` and (when present) ``reviews.jsonl`` through a :class:`~claimpipe.store.sink.Sink`.

Files are read line by line: memory stays flat whatever their size. Extract writes each document's claims
together, in document order, so one document's claims are held at a time; claims met out of order are held
until their document comes, up to ``HOLD_LIMIT`` of them. Unreadable records, documents whose claims are
missing or invalid, and claims whose document never comes are reported, and the load goes on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Container, Iterator, Optional, Union

from pydantic import BaseModel, ValidationError

from claimpipe.schema import ClaimRecord, DocumentRecord, ReviewDecision
from claimpipe.store.database import DatabaseError, default_url
from claimpipe.store.sink import LoadFailure, LoadReport, Sink

HOLD_LIMIT = 20_000  # claims held while looking for a document's claims out of order


@dataclass
class _Bad:
    """A record that could not be read; ``doc_id`` when it could still be told."""

    where: str
    doc_id: Optional[str]
    message: str


_DOC_ID = r'"doc_id"\s*:\s*"((?:[^"\\]|\\.)*)"'  # the first is the record's own
_DOC_ID_TEXT, _DOC_ID_BYTES = re.compile(_DOC_ID), re.compile(_DOC_ID.encode())


def doc_id_of(line: Union[str, bytes]) -> Optional[str]:
    """The ``doc_id`` of a record's JSONL line, read without parsing the line (None when it has none)."""
    m = (_DOC_ID_BYTES if isinstance(line, bytes) else _DOC_ID_TEXT).search(line)
    if m is None:
        return None
    mark = b'"' if isinstance(line, bytes) else '"'
    try:
        doc_id = json.loads(mark + m.group(1) + mark)
    except ValueError:
        return None
    return doc_id if isinstance(doc_id, str) else None


def _read(path: Path, model: type[BaseModel],
          only: Optional[Container[str]] = None) -> Iterator[tuple[str, Union[BaseModel, _Bad]]]:
    """``(file:line, record or _Bad)`` for each non-blank line of ``path``, streamed; with ``only``, lines of
    other documents are passed over unread (a line whose document cannot be told is read)."""
    with path.open("r", encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if only is not None and (doc := doc_id_of(line)) is not None and doc not in only:
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
    only: Optional[Container[str]] = None,
) -> LoadReport:
    """Load ``documents.jsonl``, ``claims.jsonl`` and ``reviews.jsonl`` (if present) of ``annotations`` into ``db``.

    ``db`` defaults to :func:`default_url` of the folder. ``on_failure(LoadFailure)`` is called as
    failures happen. ``only``: load these documents (ids) only, passing the others' lines over unread (the
    claims desk's refresh of the articles that changed). Raises FileNotFoundError when ``documents.jsonl`` is missing, and
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
        claim_records = _read(claims_path, ClaimRecord, only) if claims_path.is_file() else iter(())
        groups = _ClaimGroups(claim_records)
        for where, document in _read(documents_path, DocumentRecord, only):
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
        sink.refresh_groups()
    finally:
        report = sink.close()
    return report


def _valid_reviews(records, fail) -> Iterator[tuple[str, ReviewDecision]]:
    for where, record in records:
        if isinstance(record, _Bad):
            fail(where, "InvalidRecord", record.message)
        else:
            yield where, record
