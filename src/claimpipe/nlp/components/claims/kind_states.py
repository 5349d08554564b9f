"""Helpers of the claim kinds (:mod:`.kinds`) on states and dates: a membership told by a copula ("was part of"),
a present state joined to an action in progress, and "future" said of a noun (no date)."""

from __future__ import annotations

from spacy.tokens import Span, Token


def _future_adjective(span: Span, start: int, end: int) -> bool:
    """A date that is only "future" said of a noun ("the future ownership of the firm"): no time of the clause."""
    toks = span.doc.char_span(start, end, alignment_mode="expand")
    return toks is not None and any(t.lower_ == "future" and t.dep_ == "amod" for t in toks)


def membership(root: Token) -> bool:
    """The main verb is a copula making its subject part of something ("the sale was part of the plans to ...",
    "the school is part of a trust"): a standing relation, whatever the tense."""
    return root.lemma_ == "be" and any(
        a.lower_ == "part" and any(p.lower_ == "of" for p in a.children if p.dep_ == "prep")
        for a in root.children if a.dep_ == "attr")


def in_progress_joined(root: Token) -> bool:
    """A verb joined to the main one is in the present progressive ("the city wants a tram network and is drawing
    up a law"): an action under way, news rather than a standing relation."""
    return any(c.dep_ == "conj" and c.tag_ == "VBG" and any(
        a.dep_ == "aux" and a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in c.children)
        for c in root.children)


def faced_with(root: Token) -> bool:
    """A present passive of "face" with what is faced ("small firms are faced with high costs", "are not faced
    with"): a standing state of the subject, not news of an act."""
    return root.lemma_ == "face" and root.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in root.children) and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in root.children)
