"""Verbs of the claim sources (:mod:`.source`) that only look like statements: a noun the parser took for a verb
("despite the City protests", a plural after "the"), and a verb of saying in its other sense ("defend his
title", a contest, not a defence of a view)."""

from __future__ import annotations

from typing import Optional

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


EVALUATIVE_VERBS = frozenset(["criticise", "criticize", "praise", "condemn", "hail", "dismiss", "describe", "brand",
                              "label", "attack", "blame"])


def _agent_of(verb: Token) -> Optional[Token]:
    return next((o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)


def agent_speaker(root: Token, verbs: frozenset[str], lemma_of, name_of) -> Optional[str]:
    """Who says what a sentence tells in the passive: the agent of a verb of saying that names the subject of a
    copula ("Another problem highlighted by economists was the debt of households", "The main risk cited by the
    bank is ...": what they highlighted), or of an evaluative verb in the passive ("The plan was criticised by
    unions as unfair"). ``lemma_of(verb, verbs)``: a verb's lemma; ``name_of(tok)``: the name a noun stands for."""
    agent = None
    if root.lemma_ == "be":
        for subj in (c for c in root.children if c.dep_ == "nsubj"):
            for acl in (c for c in subj.children if c.dep_ == "acl" and c.tag_ == "VBN"):
                if lemma_of(acl, verbs) in verbs:
                    agent = _agent_of(acl) or agent
    elif lemma_of(root, verbs) in EVALUATIVE_VERBS and any(c.dep_ == "auxpass" for c in root.children):
        agent = _agent_of(root)
    return name_of(agent) if agent is not None else None


def noun_name(doc, tok: Token, index, entity_of, checked_name) -> Optional[str]:
    """The name a noun stands for: its entity's (a person, a body, a people, a place), else its phrase up to it
    checked by ``checked_name(doc, start, end, text, index)`` ("the bank" the bank named before, "economists")."""
    ent = entity_of(index, tok, ("PERSON", "ORG", "NORP", "GPE"))
    if ent is not None:
        return ent.canonical
    phrase = doc[tok.left_edge.i:tok.i + 1]
    return checked_name(doc, phrase.start_char, phrase.end_char, phrase.text, index)
