"""The list of articles (``/articles``) from the claims desk's database: what
:func:`claimpipe.review.render.index_rows` and the orphan sections need of a
:class:`~claimpipe.review.store.Corpus` (``documents``, ``counts``, ``orphans``, ``homeless``,
``problems``), without reading every record into memory (100,000 claims would take 600 MB)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from claimpipe.schema import ReviewDecision


class Listing:
    """The articles of a desk, in file order, with their counts; orphaned decisions; skipped lines."""

    def __init__(self, desk):
        self.folder: Path = desk.folder
        self._desk = desk
        rows = desk.query("SELECT d.doc_id, d.title, d.source FROM documents d JOIN desk_lines l "
                          "ON l.doc_id = d.doc_id AND l.file = 'documents.jsonl' ORDER BY l.offset")
        self.documents = {doc_id: {"title": title, "source": source} for doc_id, title, source in rows}
        self._counts = {doc_id: dict.fromkeys(("claims", "entities", "dates", "quotes", "decided", "accepted",
                                               "rejected", "verdicts", "orphaned"), 0) for doc_id in self.documents}
        self._count(desk)
        orphans = desk.query("SELECT r.claim_id, r.doc_id FROM reviews r WHERE NOT EXISTS "
                             "(SELECT 1 FROM desk_claims c WHERE c.claim_id = r.claim_id)")
        self._orphans = [(cid, doc_id) for cid, doc_id in orphans]
        for _, doc_id in self._orphans:
            if doc_id in self._counts:
                self._counts[doc_id]["orphaned"] += 1
        self.problems = json.loads(desk.meta("problems", "[]") or "[]")

    def _count(self, desk) -> None:
        for table, key in (("entities", "entities"), ("dates", "dates"), ("quotes", "quotes")):
            for doc_id, n in desk.query(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id"):
                if doc_id in self._counts:
                    self._counts[doc_id][key] = n
        rows = desk.query(
            "SELECT doc_id, count(*), sum(own = 1 AND decision != 'pending'), sum(own = 1 AND decision = 'accept'), "
            "sum(own = 1 AND decision = 'reject'), sum(own = 1 AND verdict IS NOT NULL) FROM desk_claims GROUP BY doc_id")
        for doc_id, claims, decided, accepted, rejected, verdicts in rows:
            if doc_id in self._counts:
                self._counts[doc_id].update(claims=claims, decided=decided or 0, accepted=accepted or 0,
                                            rejected=rejected or 0, verdicts=verdicts or 0)

    def counts(self, doc_id: str) -> dict[str, int]:
        return self._counts[doc_id]

    def orphans(self, doc_id: Optional[str] = None) -> list[ReviewDecision]:
        chosen = [cid for cid, d in self._orphans if doc_id is None or d == doc_id]
        return [d for cid in chosen if (d := self._desk.decision_in_force(cid)) is not None]

    def homeless(self) -> list[ReviewDecision]:
        chosen = [cid for cid, d in self._orphans if d not in self.documents]
        return [d for cid in chosen if (d := self._desk.decision_in_force(cid)) is not None]
