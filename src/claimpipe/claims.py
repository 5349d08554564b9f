"""Claims (interim): a sentence carrying a named entity, a number or a date.

Replaced by the check-worthiness model of the claims issue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions
from .schema import ClaimSource, Quantity

extensions.register()


@dataclass
class Claim:
    """A claim found in a document, before it gets its id and contained mentions."""

    start: int
    end: int
    text: str
    kind: str = "statement"
    modality: str = "asserted"
    source: ClaimSource = field(default_factory=lambda: ClaimSource(type="author"))
    checkworthiness: float = 1.0
    quantities: list[Quantity] = field(default_factory=list)


def _excluded(doc: Doc) -> list[tuple[int, int]]:
    out = []
    if doc._.claimpipe_title:
        out.append(tuple(doc._.claimpipe_title))
    if doc._.claimpipe_bio:
        out.append(tuple(doc._.claimpipe_bio))
    return out


def extract_claims(doc: Doc) -> list[Claim]:
    excluded = _excluded(doc)
    claims = []
    for sent in doc.sents:
        span = sent
        while len(span) and (span[-1].is_space):
            span = span[:-1]
        while len(span) and span[0].is_space:
            span = span[1:]
        if not len(span):
            continue
        if any(s <= span.start_char < e for s, e in excluded):
            continue
        if span.ents or any(t.like_num for t in span):
            claims.append(Claim(start=span.start_char, end=span.end_char, text=span.text))
    return claims


@Language.component("claimpipe_claims", assigns=["doc._.claimpipe_claims"])
def claims_component(doc: Doc) -> Doc:
    doc._.claimpipe_claims = extract_claims(doc)
    return doc
