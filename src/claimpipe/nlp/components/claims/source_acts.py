"""Statements and speakers :mod:`.source` reads beyond a verb of saying with a clause: a characterisation put in
quotation marks ("X described the results as "pretty modest"", "X introduced Y to the guests as "the greatest
..."", "dubbed the sequel "utterly pointless""), a legal document's demand ("The lawsuit seeks to force ...", "It
also seeks damages of ..."), a disclosure with a noun object and no clause ("X revealed the extent of his injury"),
a forecast with only a noun object joined to the author's first clause (the author's), a person described by
nationality ("said the American": whom the sentence before is about), a role before a surname the entity model
took for a place ("said eighth seed Preston"), and a place the model once took for a person (never "he")."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from claimpipe.nlp.components.claims.source_persons import previous_subject, subject_phrase
from claimpipe.nlp.components.claims.source_speech import active_voice
from claimpipe.nlp.components.claims.source_marks import OPENING_MARKS, _tokens

CHARACTERISING_VERBS = frozenset(["describe", "introduce", "hail", "brand", "label", "dub", "term", "portray",
                                  "characterise", "characterize", "bill", "tout", "praise", "mock", "salute",
                                  "present", "call", "acclaim", "class", "classify", "rate", "grade"])  # "has classed
# the bonds as "investment grade"": a rating agency's grade, in quotation marks
LEGAL_DOCUMENTS = frozenset(["lawsuit", "suit", "complaint", "petition", "ruling", "claim", "writ", "indictment",
                             "judgment", "judgement"])
DEMANDING_VERBS = frozenset(["seek", "demand", "ask", "allege", "claim", "accuse", "call", "urge", "want"])
DISCLOSING_VERBS = frozenset(["reveal", "disclose"])
ARTICLES = frozenset(["the", "a", "an"])


def _quoted_after_as(prep: Token) -> bool:
    """``prep`` is "as" followed by an opening quotation mark (after an article at most): 'as "pretty modest"',
    'as the "world's greatest ..."'."""
    doc = prep.doc
    k = prep.i + 1
    if k < len(doc) and doc[k].lower_ in ARTICLES:
        k += 1
    return k < len(doc) and doc[k].text[:1] in OPENING_MARKS


def characterises(verb: Token) -> bool:
    """A characterisation put in quotation marks: a verb of characterising in the active with "as" and a
    quotation ("described the results as "pretty modest"", "introduced him to the guests as "the greatest
    ...""): a statement of its subject's; not "introduced the bill as a first step" (no quotation)."""
    if verb.lemma_.lower() not in CHARACTERISING_VERBS or not active_voice(verb):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "as" and _quoted_after_as(c) for c in verb.children)


def characterised_quote(doc: Doc, text: str, quote) -> bool:
    """A short quotation a verb of characterising introduces with "as" ('described ... as "pretty modest"') or
    sets right after its object ('dubbed the sequel "utterly pointless"'): the speaker's words, not a scare-quoted
    phrase."""
    cue = _tokens(doc, quote.cue.start, quote.cue.end) if quote.cue is not None else None
    cue_root = cue.root if cue is not None else None
    if cue_root is None or cue_root.lemma_.lower() not in CHARACTERISING_VERBS:
        return False
    before = text[max(0, quote.start - 12):quote.start].rstrip(" " + OPENING_MARKS).split()
    if before and before[-1].lower() in ARTICLES:
        before = before[:-1]
    return (bool(before) and before[-1].lower() == "as") or _after_object(doc, cue_root, quote.start)


def _after_object(doc: Doc, verb: Token, at: int) -> bool:
    """The quotation at offset ``at`` follows the verb's direct object at once ('dubbed the sequel "utterly
    pointless"', 'labelled the deal "an eye-opener"'): what the verb calls it."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    nxt = obj.right_edge.i + 1 if obj is not None else None
    while nxt is not None and nxt < len(doc) and doc[nxt].text[:1] in OPENING_MARKS and doc[nxt].idx < at:
        nxt += 1
    return obj is not None and obj.left_edge.i == verb.i + 1 and nxt is not None and nxt < len(doc) \
        and doc[nxt].idx >= at and doc[nxt - 1].text[:1] in OPENING_MARKS


def _legal_document(tok: Optional[Token]) -> bool:
    return tok is not None and tok.pos_ == "NOUN" and tok.lemma_.lower() in LEGAL_DOCUMENTS


def it_document(doc: Doc, at: int) -> Optional[str]:
    """What "it" at offset ``at`` stands for when the sentence before is a legal document's ("The lawsuit seeks
    ... It also seeks damages ..."): that document's phrase, else None."""
    subj = previous_subject(doc, at)
    return subject_phrase(subj) if _legal_document(subj) else None


def document_demand(verb: Token) -> Optional[str]:
    """A legal document that seeks, demands or alleges ("The lawsuit seeks to force ...", "The petition demands
    a recount", "It also seeks damages ..." after it): the document's phrase, as a report speaks for its body;
    else None."""
    if verb.lemma_.lower() not in DEMANDING_VERBS or not active_voice(verb):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if _legal_document(subj):
        return subject_phrase(subj)
    if subj is not None and subj.lower_ == "it":
        return it_document(verb.doc, subj.idx)
    return None


def discloses(verb: Token) -> bool:
    """A disclosure with a noun object and no clause ("X revealed the extent of the injury", "disclosed the size
    of its debts"): a speech act of its subject's, as "voiced concerns about ..." is; not a figure disclosed
    ("revealed a 5% rise in sales": a result reported, the author's, as "reported a drop in profit")."""
    if verb.lemma_.lower() not in DISCLOSING_VERBS or not active_voice(verb):
        return False
    deps = {c.dep_ for c in verb.children}
    return "ccomp" not in deps and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and not any(
        t.like_num or t.ent_type_ in ("MONEY", "PERCENT") for t in c.subtree) for c in verb.children)


PLACE_LABELS = frozenset(["GPE", "LOC"])


def not_places(ents: list) -> list:
    """The entities without the PERSON mentions of a place: a one-word name the article tags a place (GPE, LOC)
    before ("a lecture in Kirkcaldy, Fife. ... "Kirkcaldy, the birthplace of ..."" tagged a person there) and
    that ends no person's name of several words: a place is never "he" nor a speaker."""
    places = {}
    for e in ents:
        if e.label in PLACE_LABELS:
            places.setdefault(e.canonical, e.start)
    surnames = {e.canonical.split()[-1] for e in ents if e.label == "PERSON" and " " in e.canonical}
    return [e for e in ents if not (e.label == "PERSON" and " " not in e.canonical and e.canonical not in surnames
                                    and places.get(e.canonical, e.start) < e.start)]


def authors_first_clause(root: Token, verb: Token, verbs: frozenset[str], lemma_of) -> bool:
    """``verb`` is a clause joined to the author's first main clause, with a subject of its own ("BA's profits
    were better than expected, and it expects a rise in revenues"): by the first-clause rule a statement with
    only a noun object there leaves the sentence the author's (one with a clause of its own, "... and analysts
    warn that ...", stays a statement). ``lemma_of(verb, verbs)``: a verb's lemma."""
    return verb is not root and lemma_of(root, verbs) not in verbs \
        and any(c.dep_ == "nsubj" for c in verb.children) and any(c.dep_ in ("nsubj", "expl") for c in root.children)


def past_expectation(verb: Token) -> bool:
    """An expectation held before the news, in the past perfect ("Wall Street had expected more"): with only a noun
    object, the author's contrast with the result, not a forecast stated ("BA had previously forecast a rise" is
    BA's)."""
    return verb.tag_ == "VBN" and verb.lemma_.lower() in ("expect", "anticipate") and any(
        c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def demonym_description(span: Span, person_nouns: frozenset[str]) -> bool:
    """A definite description of a person by nationality, with no name in it ("said the American", "the British
    actor said"): like "the 29-year-old", it goes on about the person the sentence before is about, not the
    latest person named (an opponent beaten, a star listed beside him)."""
    head = span.root
    if span[0].lower_ != "the" or head.tag_ in ("NNS", "NNPS") or any(t.ent_type_ == "PERSON" for t in span):
        return False
    if head.ent_type_ == "NORP" and head.pos_ in ("PROPN", "NOUN"):
        return True  # "the American", "the Briton"
    return head.tag_ == "NN" and head.lemma_.lower() in person_nouns and any(
        c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" for c in head.children)  # "the British actor"


def role_before(span: Span) -> bool:
    """The speaker mention is a role set before a name ("said fourth seed Preston", "coach Derby"): the name is a
    person's surname, even where the entity model took it for a place."""
    root = span.root
    return root.pos_ == "PROPN" and (any(t.pos_ == "NOUN" and t.dep_ == "compound" and t.head.i == root.i
                                         for t in span if t.i < root.i)
                                     or (root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < root.i))
