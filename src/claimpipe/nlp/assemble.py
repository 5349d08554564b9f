"""Assemble records: turn a processed ``Doc`` and its :class:`Article` into validated records."""

from __future__ import annotations

import hashlib
from typing import Optional

from spacy.tokens import Doc

from claimpipe.nlp import faults
from claimpipe.nlp.offsets import MentionIndex
from claimpipe.io.read import Article
from claimpipe.schema import ClaimRecord, DocumentRecord, Span


def _hash(*parts: str, length: int = 16) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:length]


def doc_id_for(article: Article) -> str:
    """The input's own id when it has one, otherwise a hash of its source."""
    return article.id if article.id else _hash("doc", article.source)


def claim_id_for(doc_id: str, text: str, occurrence: int = 0) -> str:
    """Stable across runs and across edits elsewhere in the article: a hash of doc id and claim text."""
    base = _hash("claim", doc_id, " ".join(text.split()))
    return base if occurrence == 0 else f"{base}-{occurrence + 1}"


def assemble(
    article: Article, doc: Doc, *, model: str, min_checkworthiness: Optional[float] = None
) -> tuple[DocumentRecord, list[ClaimRecord]]:
    """The document record and claim records of one processed article.

    Claims scoring below ``min_checkworthiness`` are left out.
    """
    doc_id = doc_id_for(article)
    text = article.text
    entities = _exact(doc, text, doc._.claimpipe_entities or [], "entity")
    dates = _exact(doc, text, doc._.claimpipe_dates or [], "date")
    quotes = _exact_quotes(doc, text, doc._.claimpipe_quotes or [])
    claim_records: list[ClaimRecord] = []
    seen: dict[str, int] = {}
    # the mentions by offset: each claim looks up its own, not every mention of the article
    entity_index, date_index, quote_index = MentionIndex(entities), MentionIndex(dates), MentionIndex(quotes)
    for claim in _exact(doc, text, doc._.claimpipe_claims or [], "claim"):
        if min_checkworthiness is not None and claim.checkworthiness < min_checkworthiness:
            continue
        key = claim_id_for(doc_id, claim.text)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        claim_records.append(
            ClaimRecord(
                claim_id=claim_id_for(doc_id, claim.text, occurrence),
                doc_id=doc_id,
                text=claim.text,
                start=claim.start,
                end=claim.end,
                kind=claim.kind,
                modality=claim.modality,
                source=claim.source,
                checkworthiness=round(float(claim.checkworthiness), 4),
                entities=entity_index.inside(claim.start, claim.end),
                dates=date_index.inside(claim.start, claim.end),
                quotes=quote_index.overlapping(claim.start, claim.end),
                quantities=_exact(doc, text, claim.quantities, "quantity"),
                kind_evidence=_exact(doc, text, claim.kind_evidence, "kind evidence"),
                kind_scores=claim.kind_scores,
            )
        )
    bio = doc._.claimpipe_bio
    author = article.author
    if author is None and bio is not None:
        from claimpipe.nlp.components.paragraphs import bio_author

        author = bio_author(text, bio)
    record = DocumentRecord(
        doc_id=doc_id,
        source=article.source,
        text=text,
        title=article.title,
        dct=article.dct,
        encoding=article.encoding,
        author=author,
        url=article.url,
        paragraphs=[Span(text=text[a:b], start=a, end=b) for a, b in (doc._.claimpipe_paragraphs or [])],
        bio=Span(text=text[bio[0] : bio[1]], start=bio[0], end=bio[1]) if bio else None,
        entities=entities,
        dates=dates,
        quotes=quotes,
        claims=[c.claim_id for c in claim_records],
        warnings=article.warnings + [fault.line() for fault in faults.faults_of(doc)],
        model=model,
    )
    return record, claim_records


def _exact(doc: Doc, text: str, items: list, what: str) -> list:
    """``items`` whose ``text`` is exactly ``text[start:end]``; any other is a fault of the records step
    (a bug upstream: it costs only that mention, and is reported)."""
    kept = [m for m in items if text[m.start:m.end] == m.text]
    if len(kept) < len(items):
        for m in items:
            if text[m.start:m.end] != m.text:
                faults.record(doc, "records", ValueError(f"{what} {m.text[:60]!r} is not text[{m.start}:{m.end}]"))
    return kept


def _exact_quotes(doc: Doc, text: str, quotes: list) -> list:
    """:func:`_exact` for quotes, and for the speaker and cue of each (an inexact one is dropped alone)."""
    quotes = _exact(doc, text, quotes, "quote")
    for q in quotes:
        for part in ("speaker", "cue"):
            m = getattr(q, part)
            if m is not None and text[m.start:m.end] != m.text:
                faults.record(doc, "records", ValueError(f"{part} {m.text[:60]!r} is not text[{m.start}:{m.end}]"))
                setattr(q, part, None)
    return quotes


def check_offsets(record: DocumentRecord, claims: Optional[list[ClaimRecord]] = None) -> list[str]:
    """Every mention whose ``text`` is not ``document.text[start:end]`` (empty when all hold)."""
    text = record.text
    problems = []

    def check(where: str, span) -> None:
        if span is None:
            return
        if text[span.start : span.end] != span.text:
            problems.append(f"{where}: {span.text!r} != text[{span.start}:{span.end}]")

    for i, e in enumerate(record.entities):
        check(f"entities[{i}]", e)
    for i, d in enumerate(record.dates):
        check(f"dates[{i}]", d)
    for i, q in enumerate(record.quotes):
        check(f"quotes[{i}]", q)
        check(f"quotes[{i}].speaker", q.speaker)
        check(f"quotes[{i}].cue", q.cue)
    for i, p in enumerate(record.paragraphs):
        check(f"paragraphs[{i}]", p)
    check("bio", record.bio)
    for claim in claims or []:
        check(f"claim {claim.claim_id}", claim)
        for group in (claim.entities, claim.dates, claim.quotes, claim.quantities, claim.kind_evidence):
            for m in group:
                check(f"claim {claim.claim_id} mention", m)
    return problems
