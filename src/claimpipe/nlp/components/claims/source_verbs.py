"""Verbs of the claim sources (:mod:`.source`) that only look like statements: a noun the parser took for a verb
("despite the City protests", a plural after "the"), and a verb of saying in its other sense ("defend his
title", a contest, not a defence of a view)."""

from __future__ import annotations

from spacy.tokens import Token

CONTEST_OBJECTS = frozenset(["title", "crown", "championship", "belt", "record", "trophy", "cup", "medal", "lead"])
CONTEST_VERBS = frozenset(["defend", "retain"])


def not_a_statement(verb: Token) -> bool:
    """``verb`` of saying is none here: a noun after a determiner the parser made a verb with no subject
    ("despite the City protests his goal stood": no one protests), or defending a title, crown or lead (a contest; "defended the
    decision" stays a statement)."""
    doc = verb.doc
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return _contest(verb)  # "the BCC noted": a verb with its subject
    k = verb.i - 1
    while k >= 0 and doc[k].pos_ in ("PROPN", "ADJ") and doc[k].i > verb.sent.start:
        k -= 1
    if k >= verb.sent.start and doc[k].tag_ in ("DT", "PRP$") and doc[k].lower_ not in ("that", "this"):
        return True
    return _contest(verb)


def _contest(verb: Token) -> bool:
    return verb.lemma_.lower() in CONTEST_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in CONTEST_OBJECTS for c in verb.children)
