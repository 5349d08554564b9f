"""Exports that take the queue's filters: ``claimpipe export --where 'entity=GPE:Armenia&status=accept'``.

The filters are the queue's (:mod:`claimpipe.review.queue`), written as its URL's query string, so a view
of the desk can be exported as it is shown. The desk's database is built or refreshed first
(:func:`claimpipe.review.desk.open_desk`); the corpus handed to the export keeps only the matching
claims, and only the articles that have one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional
from urllib.parse import parse_qs

from claimpipe.review.queue import Filters, where
from claimpipe.review.store import Corpus


def parse_where(text: str) -> Filters:
    """The filters of a query string ('entity=GPE:Armenia&status=accept'); ValueError names an unknown one."""
    query = parse_qs(text.lstrip("?"), keep_blank_values=True)
    known = {"q", "kind", "modality", "status", "verdict", "speaker", "entity", "doc", "from", "to"}
    unknown = sorted(set(query) - known)
    if unknown:
        raise ValueError(f"unknown filter {unknown[0]!r}; the filters are {', '.join(sorted(known))}")
    return Filters.from_query(query)


def matching_ids(desk, f: Filters) -> set[str]:
    """The ids of the claims the filters leave (all of them, not a page)."""
    clause, params = where(f)
    return {row[0] for row in desk.query(f"SELECT c.claim_id FROM desk_claims c WHERE {clause}", params)}


def filtered(corpus: Corpus, ids: set[str]) -> Corpus:
    """``corpus`` with only the claims in ``ids`` and the articles that hold one."""
    claims = {doc_id: [c for c in cs if c["claim_id"] in ids] for doc_id, cs in corpus.claims.items()}
    claims = {doc_id: cs for doc_id, cs in claims.items() if cs}
    out = replace(corpus, documents={d: doc for d, doc in corpus.documents.items() if d in claims}, claims=claims,
                  decisions={k: v for k, v in corpus.decisions.items() if k in ids})
    out.index()
    return out


def select(corpus: Corpus, text: str, db: Optional[str] = None) -> Corpus:
    """``corpus`` restricted to the claims the filters ``text`` leave, in the desk of its folder (or ``db``)."""
    from claimpipe.review.desk import open_desk

    f = parse_where(text)
    desk = open_desk(corpus.folder, db)
    try:
        return filtered(corpus, matching_ids(desk, f))
    finally:
        desk.close()
