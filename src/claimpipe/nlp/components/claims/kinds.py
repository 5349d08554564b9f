"""What sort of statement a sentence makes: its claim kind and its modality.

Claim kinds (first that applies):

===============  ===================================================================================
``attribution``  reported speech: the sentence overlaps a quote, or its main verb reports ("said that")
``prediction``   about the future: "will", "is going to", "is expected to", "forecasts ..."
``quantity``     states an amount: money, a percentage or a count
``comparison``   comparatives and superlatives: "more than", "the biggest", "the only ... in the world"
``event``        something that happened: it carries a date, or its main verb tells of a past action
``relation``     ties two or more named parties together
``opinion``      none of the above: evaluation, framing
===============  ===================================================================================

Modality (first that applies): ``question`` (ends with "?"), ``hedged`` ("might", "could",
"reportedly", "it is unlikely that", "it has been suggested that", "seems"), ``predicted``
(future), ``negated`` (the main verb is negated, or its subject is "no ..."/"none"), ``asserted``.

The open word lists (reporting verbs, hedging adverbs) come from :mod:`claimpipe.lexicon` and are passed in
by the caller (the component passes those it saved); the closed-class words of the grammar are constants here.
"""

from __future__ import annotations

import re

from functools import lru_cache
from typing import Iterable, Optional, get_args

from spacy.tokens import Span

from claimpipe import lexicon
from claimpipe.nlp.components.claims.quantities import extract_quantities
from claimpipe.nlp.components.claims.source import quotes_in
from claimpipe.nlp.components.paragraphs import doc_text
from claimpipe.schema import ClaimKind, Modality, Quantity

KINDS: tuple[str, ...] = get_args(ClaimKind)
MODALITIES: tuple[str, ...] = get_args(Modality)

REPORTING_VERBS = ("reporting_verbs.txt", "core")  # the lexicon list of the plainest reporting verbs
HEDGE_ADVERBS = ("hedge_adverbs.txt", None)
HEDGE_MODALS = frozenset(["might", "may", "could", "would", "should"])
HEDGE_VERBS = frozenset(["seem", "appear"])
HEDGE_PASSIVES = frozenset(["suggest", "rumour", "rumor", "allege", "believe", "think", "say", "report", "claim", "expect"])
FUTURE_AUX = frozenset(["will", "shall", "'ll", "wo"])
FUTURE_PHRASES = frozenset(["expect", "set", "poise", "due", "plan", "schedule", "tip", "forecast", "predict",
                            "project", "slate"])
PREDICTING_VERBS = frozenset(["predict", "forecast", "project", "expect", "anticipate"])
NEGATIVE_SUBJECTS = frozenset(["none", "nobody", "nothing", "neither", "no one", "noone"])
PARTY_LABELS = frozenset(["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"])


def _main_verb(span: Span):
    """The span's root; when that is no verb because the parser cut the sentence ("Top" / "seed Andy Roddick
    launches ..."), the first verb at the top of a piece of it."""
    root = span.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    for t in span:
        if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or not span.start <= t.head.i < span.end):
            return t
    return root


@lru_cache(maxsize=256)
def _dep_ids(deps: tuple[str, ...]) -> frozenset[int]:
    from spacy.strings import get_string_id

    return frozenset(get_string_id(d) for d in deps)


def _children(tok, deps: tuple[str, ...]) -> list:
    ids = _dep_ids(deps)
    return [c for c in tok.children if c.dep in ids]


def is_future(span: Span) -> bool:
    """The main verb is in the future: 'will ...', 'is going to ...', 'is expected to ...'."""
    root = _main_verb(span)
    verbs = [root] + _children(root, ("xcomp", "ccomp", "conj"))
    for verb in verbs:
        if any(c.lower_ in FUTURE_AUX for c in _children(verb, ("aux", "auxpass"))):
            return True
    if root.lemma_ == "go" and root.tag_ == "VBG" and _children(root, ("xcomp",)):
        return True
    if root.lemma_ in FUTURE_PHRASES and root.tag_ == "VBN" and (
            _children(root, ("xcomp",)) or (root.lemma_ == "expect" and _children(root, ("auxpass",)) and not
                                           _children(root, ("ccomp",)))):
        return True  # "is expected to rise", "the hearing is expected on 6 January"
    if root.lemma_ == "be" and root.tag_ in ("VBP", "VBZ") and any(
            c.tag_ == "VB" and any(a.lower_ == "to" for a in _children(c, ("aux",))) for c in _children(root, ("xcomp",))):
        return True  # "England are still to meet Italy", "the plant is to close"
    if root.tag_ in ("VBP", "VBZ") and any(t.lower_ == "next" and t.i < root.i and t.head.i in (root.i, root.head.i)
                                            for t in span):
        return True  # "Ireland next face France": a fixture
    if root.lemma_ in PREDICTING_VERBS and root.tag_ != "VBN" and _children(root, ("dobj", "ccomp")):
        return True  # "the firm is projecting growth of 5%", "analysts expect prices to fall"
    if root.lemma_ == "be" and root.tag_ in ("VBP", "VBZ") and any(
            c.lemma_.lower() in FUTURE_PHRASES and _children(c, ("xcomp", "prep")) for c in _children(root, ("acomp",))):
        return True  # "the voting is due to end on 22 February", "the film is due for release"
    return False


def is_future_dated(span: Span, dates: Optional[list]) -> bool:
    """The main verb is in the present and the clause is dated after the document's date ("Ireland face France
    on 12 March", "the programme faces strains in coming decades"): a fixture or a forecast."""
    root = _main_verb(span)
    if root.tag_ not in ("VBP", "VBZ") or not dates:
        return False
    dct = span.doc._.claimpipe_dct
    for d in dates:
        value = getattr(d, "value", None) or ""
        if value == "FUTURE_REF" or _WEEKDAY_UNANCHORED.match(value) or (
                dct and value[:1].isdigit() and len(value) >= 7 and value[:10] > dct[:len(value[:10])]):
            if _in_main_clause(span, d.start, root):
                return True
    return False


# a weekday with no document date to place it ("opens his campaign on Tuesday"): in the present tense, news
# tells of a fixture or a schedule
_WEEKDAY_UNANCHORED = re.compile(r"^XXXX-WXX-\d$")
_SUBORDINATE = frozenset(["relcl", "acl", "advcl", "ccomp", "csubj", "pcomp"])


def _in_main_clause(span: Span, offset: int, root) -> bool:
    """Whether the token at character ``offset`` hangs from ``root`` without a subordinate clause between
    ("which will remain a rival in the coming decades" dates the relative clause, not the sentence)."""
    tok = span.doc.char_span(offset, offset + 1, alignment_mode="expand")
    if tok is None or not len(tok):
        return False
    t = tok[0]
    for _ in range(len(span)):
        if t.i == root.i:
            return True
        if t.dep_ in _SUBORDINATE or t.head.i == t.i:
            return False
        t = t.head
    return False


def _is_hedged(span: Span, words: Iterable[str], hedge_adverbs: frozenset[str]) -> bool:
    """A hedging adverb, a hedging modal, 'seems', or 'it is believed that ...'."""
    root = _main_verb(span)
    if not hedge_adverbs.isdisjoint(words):  # white space is never a hedge
        return True
    if any(c.lower_ in HEDGE_MODALS for c in _children(root, ("aux", "auxpass"))):
        return True
    if root.lemma_ in HEDGE_VERBS:
        return True
    return root.lemma_ in HEDGE_PASSIVES and root.tag_ == "VBN" and any(
        c.lower_ == "it" for c in _children(root, ("nsubjpass", "nsubj", "expl"))
    )  # "it has been suggested that ...", "it is believed that ..."


def _is_negated(span: Span) -> bool:
    """The main verb is negated ('not', 'never'), or its subject is 'none' or 'no ...'."""
    root = _main_verb(span)
    if _children(root, ("neg",)) or any(c.lower_ == "never" for c in _children(root, ("advmod", "neg"))):
        return True
    for subj in _children(root, ("nsubj", "nsubjpass")):
        if subj.lower_ in NEGATIVE_SUBJECTS or any(c.lower_ == "no" for c in _children(subj, ("det",))):
            return True
    return False


def modality(span: Span, *, lowers: Optional[list[str]] = None,
             hedge_adverbs: Optional[frozenset[str]] = None) -> str:
    """question, hedged, predicted, negated or asserted (the first that applies).

    ``lowers``: the lower-cased texts of the doc's tokens, when already read (:func:`checkworthiness.token_table`);
    ``hedge_adverbs``: default the shipped list (:data:`HEDGE_ADVERBS`).
    """
    if doc_text(span.doc)[span.start_char:span.end_char].rstrip("\"'”’») ").endswith("?"):  # span.text
        return "question"
    words = (t.lower_ for t in span) if lowers is None else lowers[span.start:span.end]
    if _is_hedged(span, words, lexicon.words(*HEDGE_ADVERBS) if hedge_adverbs is None else hedge_adverbs):
        return "hedged"
    if is_future(span):
        return "predicted"
    if _is_negated(span):
        return "negated"
    return "asserted"


def is_attribution(span: Span, *, quotes: Optional[list] = None, lowers: Optional[list[str]] = None,
                   reporting_verbs: Optional[frozenset[str]] = None) -> bool:
    """Reported speech: overlaps a quote, or the main verb reports a clause, or 'according to'.

    ``quotes``: the quotes that may overlap it (default: the doc's); ``lowers``: as for :func:`modality`;
    ``reporting_verbs``: default the shipped list (:data:`REPORTING_VERBS`).
    """
    if quotes_in(span, quotes):
        return True
    root = _main_verb(span)
    if reporting_verbs is None:
        reporting_verbs = lexicon.words(*REPORTING_VERBS)
    if root.lemma_.lower() in reporting_verbs and _children(root, ("ccomp",)):
        return True
    if lowers is None:
        return any(t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to" for t in span)
    return any(lowers[i] == "according" and i + 1 < len(lowers) and lowers[i + 1] == "to"
               for i in range(span.start, span.end))


def _determined(t) -> bool:
    """The superlative's phrase has a determiner or a possessive: 'the best', "Europe's largest"."""
    head = t.head if t.dep_ == "amod" else t
    return any(c.dep_ in ("det", "poss") for c in head.children) or any(c.dep_ in ("det", "poss") for c in t.children)


TEMPORAL_DEGREE = frozenset(["latest", "earliest", "later", "earlier", "newest", "oldest"])
AWARD_WORDS = frozenset(["award", "awards", "prize", "oscar", "oscars", "bafta", "baftas", "grammy", "grammys",
                         "emmy", "globe", "category", "nomination", "nominations", "gong", "trophy", "honour"])
AWARD_VERBS = frozenset(["win", "nominate", "name", "vote", "shortlist", "scoop", "collect", "pick", "take"])


def _award_category(t) -> bool:
    """A superlative naming an award category: its noun phrase qualifies an award word ("the best actor award"),
    or is won, nominated for or named ("won best actress", "nominated for best film")."""
    head = t.head if t.dep_ in ("amod", "advmod") else t
    for _ in range(3):  # "best supporting actor Oscar": up the compounds to the award word
        if head.lower_ in AWARD_WORDS:
            return True
        if head.dep_ in ("compound", "nmod", "amod") and head.head.i > head.i:
            head = head.head
        else:
            break
    if head.lower_ in AWARD_WORDS:
        return True
    gov = head.head
    if head.dep_ == "pobj" and gov.lower_ == "for":
        gov = gov.head
    return gov.lemma_.lower() in AWARD_VERBS and head.dep_ in ("dobj", "pobj", "oprd", "attr", "xcomp")


def is_comparison(span: Span) -> bool:
    """A comparative or superlative ('more than', 'the biggest', 'the only'), not 'most of' nor a ranking band
    ('the top 10': no compared object)."""
    for t in span:
        if t.tag_ == "JJS" and t.lower_ in ("best", "worst") and not _determined(t):
            continue  # "the award for best female artist", "voted best group": the name of a category
        if t.tag_ in ("JJR", "JJS", "RBR", "RBS"):
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if t.lower_ in TEMPORAL_DEGREE or (t.tag_ in ("JJR", "RBR") and nxt is not None and nxt.text == "-"
                                               and not t.whitespace_):
                continue  # "his latest film", "an earlier report", "the lower-court ruling": no compared object
            if t.lower_ in ("best", "worst") and _award_category(t):
                continue  # "won the best supporting actor award", "nominated for best actress"
            if t.lower_ in ("most", "more", "less", "least", "fewer") and nxt is not None and nxt.lower_ == "of":
                continue  # "most of the purchases": a quantifier
            return True
        if t.lower_ == "than" or (t.lower_ == "only" and t.i > 0 and t.doc[t.i - 1].lower_ == "the"):
            return True
    return False


def is_past_action(span: Span) -> bool:
    """The main verb (or one joined to it) tells of something done: past tense ('won', 'was placed', 'has
    challenged'), not a past state of being ('was upbeat', 'was happy')."""
    root = _main_verb(span)
    for verb in [root] + _children(root, ("conj",)):
        if verb.pos_ != "VERB":
            continue
        if verb.tag_ == "VBD":
            return True
        if verb.tag_ == "VBN" and any(c.lemma_ == "have" or (c.lemma_ == "be" and c.tag_ == "VBD")
                                      for c in _children(verb, ("aux", "auxpass"))):
            return True  # "has challenged", "was placed"; not "is reflected"
    return False


def _has_date(span: Span, dates: Optional[list] = None) -> bool:
    if dates is None:
        dates = span.doc._.claimpipe_dates
    if dates is not None:
        start, end = span.start_char, span.end_char
        return any(d.start < end and start < d.end for d in dates)
    return any(e.label_ in ("DATE", "TIME") for e in span.ents)


def span_ents(span: Span, doc_ents) -> list[Span]:
    """``span.ents`` from the doc's entity spans read once (``Span.ents`` rebuilds them all on every call)."""
    out = []
    for ent in doc_ents:
        if ent.start >= span.start:
            if ent.end <= span.end:
                out.append(ent)
            else:
                break
    return out


def kind(span: Span, *, quantities: Optional[list[Quantity]] = None, modality_: Optional[str] = None,
         doc_ents=None, quotes: Optional[list] = None, dates: Optional[list] = None,
         lowers: Optional[list[str]] = None, reporting_verbs: Optional[frozenset[str]] = None,
         hedge_adverbs: Optional[frozenset[str]] = None) -> str:
    """The claim kind of a sentence (see the module docstring for the order).

    ``doc_ents``, ``quotes``, ``dates``, ``lowers``: the doc's entities, quotes, dates and lower-cased
    token texts, to reuse; ``reporting_verbs``, ``hedge_adverbs``: as for :func:`is_attribution` and
    :func:`modality` (the hedges matter only when ``modality_`` is not given).
    """
    if is_attribution(span, quotes=quotes, lowers=lowers, reporting_verbs=reporting_verbs):
        return "attribution"
    if (modality_ or modality(span, hedge_adverbs=hedge_adverbs)) == "predicted" or is_future(span) \
            or is_future_dated(span, dates if dates is not None else span.doc._.claimpipe_dates):
        return "prediction"
    if quantities is None:
        quantities = extract_quantities(span)
    if quantities:
        return "quantity"
    if is_comparison(span):
        return "comparison"
    if _has_date(span, dates) or is_past_action(span):
        return "event"
    ents = span.ents if doc_ents is None else span_ents(span, doc_ents)
    if len({e.text for e in ents if e.label_ in PARTY_LABELS}) >= 2:
        return "relation"
    return "opinion"
