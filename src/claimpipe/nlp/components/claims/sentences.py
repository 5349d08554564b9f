"""The sentences claims may come from: every sentence of the article but the title and the author bio."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def _excluded(doc: Doc) -> list[tuple[int, int]]:
    return [tuple(x) for x in (doc._.claimpipe_title, doc._.claimpipe_bio) if x]


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or not span.doc[start].text.strip()):
        start += 1
    while end > start and (span.doc[end - 1].is_space or not span.doc[end - 1].text.strip()):
        end -= 1
    return span.doc[start:end]


def candidate_sentences(doc: Doc) -> list[Span]:
    """The sentences claims may come from: trimmed, outside the title and the bio, with a word in them."""
    excluded = _excluded(doc)
    out = []
    for sent in doc.sents:
        span = _trim(sent)
        if not len(span) or not any(t.is_alpha for t in span):
            continue
        if any(s <= span.start_char < e or s < span.end_char <= e for s, e in excluded):
            continue
        out.append(span)
    return out
