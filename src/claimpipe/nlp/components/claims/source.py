"""Who makes a claim: the speaker of the quote it overlaps most, otherwise the article's author."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span

from claimpipe.schema import ClaimSource


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def quotes_in(span: Span, quotes: Optional[list] = None) -> list:
    """The quotes (default: the doc's) that overlap ``span``."""
    if quotes is None:
        quotes = span.doc._.claimpipe_quotes or []
    start, end = span.start_char, span.end_char
    return [q for q in quotes if q.start < end and start < q.end]


def source(span: Span, *, author: Optional[str] = None, quotes: Optional[list] = None) -> ClaimSource:
    """The speaker of the quote the span overlaps most, otherwise the author (named ``author``)."""
    best, best_overlap = None, 0
    for q in quotes_in(span, quotes):
        speaker = getattr(q, "speaker", None)
        name = getattr(speaker, "name", None) if speaker is not None else None
        ov = _overlap((q.start, q.end), (span.start_char, span.end_char))
        if name and ov > best_overlap:
            best, best_overlap = name, ov
    if best:
        return ClaimSource(type="speaker", name=best)
    return ClaimSource(type="author", name=author)
