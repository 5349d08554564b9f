"""What sort of statement a sentence makes: its claim kind and its modality.

Each detector below yields evidence (:func:`kind_evidence`: the kind, the cue's text and offsets, a reason);
the rules (:func:`rule_kind`) take the first kind of the table below that some evidence speaks for, and the
trained kind model (:mod:`.kind_model`, over :func:`kind_features`) overrules them when it is confident.

Claim kinds (the rules: first that applies):

===============  ===================================================================================
``attribution``  reported speech: the sentence overlaps a quote, or its main verb reports ("said that")
``prediction``   about the future: "will", "is going to", "is expected to", "forecasts ...", a fixture ("now
                 face", "begin a tour on 28 March"), "it is unlikely she will ...", "if convicted, could face",
                 "the economy could suffer" (could/may/might), "looks set to", "X starts, while Y will play"
``quantity``     states an amount: money, a percentage or a count
``comparison``   comparatives and superlatives: "more than", "the biggest", "the only ... in the world"
``event``        something that happened: it carries a date, or its main verb tells of a past action (or of a
                 change of members in the present: "Kay replaces Hill")
``relation``     a standing relation: a verb ties two named parties, or the main verb is a simple present
                 state ("nominees include ...", "X is among the nominees", "the pill consists of ...")
``opinion``      evaluative language (:func:`evaluative_cues`); a sentence with no cue at all is an ``event``
===============  ===================================================================================

Four exceptions to that order (:func:`rule_kind`): a main predicate that judges ("is widely regarded as", "was seen
as crucial", "seemed content to", "was upbeat about", "is keen to"), a question or an imperative is an ``opinion``
before an ``event``; a simple present state is a ``relation`` before a date's ``event`` (unless a past action is
told); a present copula characterising its subject ("is a lengthy process") an ``opinion`` before it; a degree word
with no compared object or scope ("a weaker dollar increased ...") yields to a past action. Two named parties alone
(nothing ties them) make no relation.

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
from claimpipe.nlp.components.claims.degree import LEVEL_REACHED, award_category_word, comparison_cue
from claimpipe.nlp.components.claims.kind_states import (
    CHARACTERISED, bare_present, characterisation, cleft_verbs, coordinated_will, dates_another_thing, definition,
    faced_with, feeling, first_person, follows_event, future_adjective, imperative, in_progress_joined, in_time,
    joined_future, looks_to_be, membership, past_context, present_fixture, proposal_would, ranking_list, standing_tie,
    contrast_clause, merit, predicts, referring_count, sufficiency, volition, PROCEEDING_NOUNS,
)
from claimpipe.nlp.components.claims.quantities import extract_quantities
from claimpipe.nlp.components.claims.source import quotes_in, says_nothing
from claimpipe.nlp.components.paragraphs import doc_text
from claimpipe.schema import ClaimKind, KindEvidence, Modality, Quantity

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
ROUND_NOUNS = frozenset(["round", "final", "semi-final", "quarter-final", "semi", "semifinal", "quarterfinal"])
FIXTURE_VERBS = frozenset(["face", "meet", "play", "travel", "go", "host", "visit", "take", "tackle", "entertain"])
CHANGE_VERBS = frozenset(["replace", "succeed", "join", "leave", "quit", "sign"])  # a change of members
POSSIBILITY_MODALS = frozenset(["could", "may", "might"])
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
    return future_cue(span) is not None


def future_cue(span: Span) -> Optional[tuple]:
    """What puts the main verb in the future (see :func:`is_future`): ``(token, reason)``, or None."""
    root = _main_verb(span)
    verbs = [root] + _children(root, ("xcomp", "ccomp", "conj"))
    for verb in verbs:
        finite = any(a.tag_ in ("VBZ", "VBD", "VBP") for a in _children(verb, ("aux", "auxpass")))
        for c in _children(verb, ("aux", "auxpass")):
            if c.lower_ in FUTURE_AUX and not finite and verb.tag_ != "VBD":  # not "Will Smith's film has topped
                # ...", "Will Young won ...": a name, no modal
                return c, "future auxiliary"
    if root.lemma_ == "stand" and any(any(a.lower_ == "to" for a in _children(c, ("aux",)))
                                      for c in _children(root, ("xcomp",))):
        return root, "be to"  # "the firms stand to gain", "stands to lose its licence": as "is to" (the model's feature)
    if root.lemma_ == "go" and root.tag_ == "VBG" and _children(root, ("xcomp",)):
        return root, "going to"
    if root.lemma_ in FUTURE_PHRASES and root.tag_ == "VBN" and (
            _children(root, ("xcomp",)) or (root.lemma_ == "expect" and _children(root, ("auxpass",)) and not
                                           _children(root, ("ccomp",)))):
        return root, "expected or scheduled"  # "is expected to rise", "the hearing is expected on 6 January"
    if root.lemma_ == "be" and root.tag_ in ("VBP", "VBZ") and any(
            c.tag_ == "VB" and any(a.lower_ == "to" for a in _children(c, ("aux",))) for c in _children(root, ("xcomp",))):
        return root, "be to"  # "England are still to meet Italy", "the plant is to close"
    if root.tag_ in ("VBP", "VBZ"):
        for t in span:
            if t.lower_ == "next" and t.i < root.i and t.head.i in (root.i, root.head.i):
                return t, "next fixture"  # "Ireland next face France": a fixture
    fixture = present_fixture(root, FIXTURE_VERBS, ROUND_NOUNS)  # "now faces X", "while C face a trip to D"
    if fixture is not None:  # or a proceeding ahead: "faces charges of ...", "face trial"
        return fixture, "a proceeding ahead" if fixture.lemma_.lower() in PROCEEDING_NOUNS else "next fixture"
    if root.lemma_ in PREDICTING_VERBS and root.tag_ != "VBN" and predicts(root):
        return root, "predicting verb"  # "the firm is projecting growth of 5%", "analysts expect prices to fall"
    if root.lemma_ == "be" and root.tag_ in ("VBP", "VBZ"):
        for c in _children(root, ("acomp",)):
            if c.lemma_.lower() in FUTURE_PHRASES and _children(c, ("xcomp", "prep")):
                return c, "due to"  # "the ballot is due to close on 3 March", "the film is due for release"
    if any(c.lower_ in ("could", "may", "might", "would") for c in _children(root, ("aux",))) and not any(
            c.lower_ == "have" for c in _children(root, ("aux",))) and any(
            m.lower_ in ("if", "unless") for c in _children(root, ("advcl",)) for m in _children(c, ("mark",))
            if c.tag_ != "VBD" and not any(a.lower_ == "had" for a in _children(c, ("aux",)))):
        return root, "conditional"  # "if convicted, he could face a prison term"; not "would have earned"
    aux = _children(root, ("aux",))
    if root.tag_ == "VB" and any(c.lower_ in POSSIBILITY_MODALS for c in aux) and not any(
            c.lower_ == "have" for c in aux) and not _children(root, ("neg",)) and not past_context(root):
        return root, "possible future"  # "the economy could suffer a backlash"; not "could not choose" (a past)
    for verb in [root] + _children(root, ("conj",)):
        if any(c.lower_ == "it" for c in _children(verb, ("nsubj", "nsubjpass", "expl"))):
            for t in span:
                if t.lower_ in FUTURE_AUX and t.dep_ == "aux" and _complement_of(t.head, verb):
                    return t, "future in the complement"  # "it is unlikely she will race", "it remains to be seen if"
    joined = joined_future(root, FUTURE_AUX) or coordinated_will(span, root)  # "looks set to start", "X starts,
    # while Y will play", "X beat Y and will next face Z"
    if joined is not None:
        return joined, "set to, or a future joined"
    return (root, "would of a proposal") if proposal_would(root) else None


def _complement_of(verb, head) -> bool:
    """``verb`` is ``head`` or hangs from it through complements only (ccomp, xcomp, acomp, or an "if"/"whether"
    clause)."""
    for _ in range(4):
        if verb.i == head.i:
            return True
        if verb.dep_ not in ("ccomp", "xcomp", "acomp", "oprd") and not (  # "oprd": "it seems unlikely she will"
                verb.dep_ == "advcl" and any(c.lower_ in ("if", "whether") for c in _children(verb, ("mark",)))):
            return False
        verb = verb.head
    return False


def future_date(span: Span, dates: Optional[list]):
    """The date that makes the clause a fixture or a forecast, or None: the main verb is in the present and the
    clause is dated after the document's date ("Ireland face France on 12 March", "the programme faces strains
    in coming decades")."""
    root = _main_verb(span)
    if not dates:
        return None
    if root.tag_ not in ("VBP", "VBZ") and not bare_present(root):
        if past_action_cue(span) is None:
            return next((d for d in dates if span.start_char <= d.start < span.end_char and in_time(span, d)), None)
        return None
    dct = span.doc._.claimpipe_dct
    for d in dates:
        value = getattr(d, "value", None) or ""
        text = getattr(d, "text", "")
        if value == "FUTURE_REF" or _WEEKDAY_UNANCHORED.match(value) or (
                not dct and _DAY_UNANCHORED.match(value) and any(ch.isdigit() for ch in text)
                and not _YEAR.search(text)) or (
                dct and value[:1].isdigit() and len(value) >= 7 and value[:10] > dct[:len(value[:10])]) or (
                span.start_char <= d.start < span.end_char and in_time(span, d)):
            if _in_main_clause(span, d.start, root) and not future_adjective(span, d.start, d.end) \
                    and not dates_another_thing(span, d.start, root):  # "comes ahead of a summit on Friday"
                return d
    return None


# a weekday with no document date to place it ("opens his campaign on Tuesday"): in the present tense, news
# tells of a fixture or a schedule
_WEEKDAY_UNANCHORED = re.compile(r"^XXXX-WXX-\d$")
# likewise a day of a month with no year nor document date ("begin a tour on 28 March"): a fixture
_DAY_UNANCHORED = re.compile(r"^(?:XXXX|\d{4})-\d\d-\d\d$")  # (a year taken from another date of the text)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


_SUBORDINATE = frozenset(["relcl", "acl", "advcl", "ccomp", "csubj", "pcomp"])


def _in_adjunct_clause(tok, root) -> bool:
    """Whether ``tok`` lies in a clause that modifies ("before playing their best ...", "which had its best ..."),
    not one that completes the main verb ("helped X orchestrate the biggest ...") nor a contrast_clause."""
    while tok.i != root.i and tok.head.i != tok.i:
        if tok.dep_ in ("advcl", "pcomp", "relcl", "acl") and tok.pos_ in ("VERB", "AUX") and not contrast_clause(tok):
            return True  # (a noun the parser hung as a clause, "... - the bank's largest market - following rises", is none)
        tok = tok.head
    return False


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
    return attribution_cue(span, quotes=quotes, lowers=lowers, reporting_verbs=reporting_verbs) is not None


def attribution_cue(span: Span, *, quotes: Optional[list] = None, lowers: Optional[list[str]] = None,
                    reporting_verbs: Optional[frozenset[str]] = None) -> Optional[tuple[int, int, str]]:
    """What makes ``span`` reported speech (see :func:`is_attribution`): ``(start_char, end_char, reason)``
    of the cue, or None."""
    overlapping = quotes_in(span, quotes)
    if overlapping:
        q = overlapping[0]
        return max(q.start, span.start_char), min(q.end, span.end_char), "overlaps a quote"
    root = _main_verb(span)
    if reporting_verbs is None:
        reporting_verbs = lexicon.words(*REPORTING_VERBS)
    if root.lemma_.lower() in reporting_verbs and _children(root, ("ccomp",)) and not says_nothing(root):
        return root.idx, root.idx + len(root), "reporting verb with a clause"
    doc = span.doc
    for i in range(span.start, span.end):
        word = doc[i].lower_ if lowers is None else lowers[i]
        nxt = (doc[i + 1].lower_ if lowers is None else lowers[i + 1]) if i + 1 < len(doc) else ""
        title = doc[i].text == "According" and i > span.start and doc[i - 1].is_alpha  # "The World According to X"
        if word == "according" and nxt == "to" and not title:
            return doc[i].idx, doc[i + 1].idx + len(doc[i + 1]), "according to"
    return None


def past_action_cue(span: Span) -> Optional[tuple]:
    """The verb that tells of something done, ``(token, reason)``, or None: the main verb (or one joined to it) in
    the past tense ('won', 'was placed', 'has challenged'), not a past state of being ('was upbeat', 'was happy')."""
    root = _main_verb(span)
    for verb in [] if ranking_list(root) else [root] + _children(root, ("conj",)) + cleft_verbs(root):  # not "it was
        # followed by A, B, C"; "it was X who won" (a cleft) tells of the win
        if verb.pos_ != "VERB":
            continue
        if verb.tag_ == "VBD" or (verb.tag_ == "VB" and any(c.lower_ == "did" for c in _children(verb, ("aux",)))):
            return verb, "past tense verb"  # "won", "did not make"
        if verb.tag_ == "VBN" and any(c.lemma_ == "have" or (c.lemma_ == "be" and c.tag_ == "VBD")
                                      for c in _children(verb, ("aux", "auxpass"))):
            return verb, "perfect or past passive"  # "has challenged", "was placed"; not "is reflected"
        if verb.tag_ == "VBN" and _children(verb, ("nsubj",)) and not _children(verb, ("aux", "auxpass")):
            return verb, "past tense verb"  # a past tense the tagger took for a participle ("his win made up for")
    if root.tag_ in ("VBZ", "VBP") and root.lemma_ in CHANGE_VERBS and not _children(root, ("aux", "auxpass")) \
            and _children(root, ("dobj",)):
        return root, "present tense change"  # "Kay replaces Hill", "the coach joins the club": a change told now
    follows = follows_event(root)
    if follows is not None:
        return follows, "present tense change"  # "the move follows an earlier vote": news of a sequence, told now
    return None


JUDGING_VERBS = frozenset(["regard", "consider", "see", "view", "deem", "rate", "reckon", "think"])
JUDGED = "the main predicate judges"  # the reason of judgement_cue's evidence
QUESTION = "a question or an imperative"


def judgement_cue(span: Span, evaluative: frozenset[str] = frozenset()) -> Optional[tuple]:
    """The main predicate judges rather than tells, ``(token, reason)`` or None: a passive verb of judging
    ("is widely regarded as a steady leader", "was seen as crucial", "are considered to be among the
    favourites"), "seems"/"appears"/"proves" with a complement ("seemed content to wait", "proved a false
    dawn"), "reflects well/badly on", or the subject's attitude
    ("was upbeat about the prospects")."""
    root = _main_verb(span)
    told = root.pos_ == "VERB" and (root.tag_ == "VBD" or any(c.lemma_ == "have" for c in _children(root, ("aux",))))
    for verb in [root] + ([] if told else _children(root, ("conj",))):  # "X earned Y, and Z was seen as": an act
        if verb.lemma_ in JUDGING_VERBS and verb.tag_ == "VBN" and _children(verb, ("auxpass",)) and (
                any(c.lower_ == "as" for c in _children(verb, ("prep",))) or _children(verb, ("oprd",)) or
                any(x.lemma_ == "be" for x in _children(verb, ("xcomp",)))):
            return verb, JUDGED
        if (verb.lemma_ in HEDGE_VERBS and _children(verb, ("xcomp", "acomp", "oprd"))) or looks_to_be(verb):
            return verb, JUDGED
        if verb.lemma_ == "reflect" and any(c.lower_ in ("well", "badly", "poorly") for c in _children(verb, ("advmod",))):
            return verb, JUDGED  # "reflects poorly on the industry": a verdict on it
        if verb.lemma_ == "prove" and (_children(verb, ("xcomp", "attr")) or any(
                _children(d, ("det",)) and _children(d, ("det",))[0].lower_ in ("a", "an")
                for d in _children(verb, ("dobj",)))):
            return verb, JUDGED  # "proved a false dawn", "has proved to be a mere sideshow"; not "proved his case",
            # nor "proved brief" (a plain description)
        stance = sufficiency(verb) or volition(verb) or feeling(verb) or merit(verb, evaluative)  # "keen to sign",
        if stance is not None:  # "have been spooked by"
            return stance, JUDGED
        for c in _children(verb, ("acomp",)):
            if _attitude_predicate(c) and (c.lower_ in evaluative or _children(c, ("ccomp",)) or any(
                    p.lower_ in ("about", "over") for p in _children(c, ("prep",)))):
                return c, JUDGED  # "was upbeat about", "is confident that", "delighted with"; not "short with"
    return None


_TIES = frozenset(["a verb ties two parties", "present tense state"])  # relation evidence beyond naming two parties
SUBORDINATE_DEGREE = "degree word in a subordinate clause"  # of a told action: not what the sentence compares
_WEAK_DEGREE = frozenset(["comparative without a compared object", "superlative", SUBORDINATE_DEGREE, LEVEL_REACHED])
STATE = "present tense state"  # the reason of state_cue's evidence
_PAST = frozenset(["past tense verb", "perfect or past passive"])


def state_cue(span: Span) -> Optional[tuple]:
    """A standing relation told in the simple present, ``(token, reason)`` or None: the main verb in the present,
    active, with no auxiliary, with an object or "among"/"of" ("the film sees her play a courier", "nominees
    include ...", "X is among the nominees", "the pill consists of ..."). Not a present passive ("is recalled",
    "is released on Thursday": news of an act), nor a headline."""
    root = _main_verb(span)
    if (membership(root) or faced_with(root) or ranking_list(root) or definition(root) or standing_tie(root)) \
            and span[-1].is_punct:
        return root, STATE  # "the sale was part of the plans to ...", "firms are faced with costs": a state
    if root.tag_ not in ("VBZ", "VBP") or _children(root, ("aux", "auxpass")) or not span[-1].is_punct \
            or in_progress_joined(root):  # "X wants ... and is drawing up ...": an action in progress
        return None  # (a headline without its full stop tells news in the present: "Bank holds rates")
    if root.lemma_ in CHANGE_VERBS or follows_event(root) is not None:  # nor "the move follows an earlier vote"
        return None  # "Kay replaces Hill in the side": news of a change told in the present, no standing relation
    preps = {c.lower_ for c in _children(root, ("prep",))}
    if root.lemma_ == "be":
        return (root, STATE) if "among" in preps else None
    if (_children(root, ("dobj",)) or preps & {"of", "among"}) and not first_person(root):
        return root, STATE  # (not "I love the tune", "we take awards too seriously": the writer's stance)
    return None


def dates_in(span: Span, dates: Optional[list] = None) -> list[tuple[int, int]]:
    """The ``(start_char, end_char)`` of the dates overlapping ``span`` (default the doc's; without the dates
    component, spaCy's DATE and TIME entities), clipped to it."""
    if dates is None:
        dates = span.doc._.claimpipe_dates
    start, end = span.start_char, span.end_char
    if dates is not None:
        return [(max(d.start, start), min(d.end, end)) for d in dates if d.start < end and start < d.end]
    return [(e.start_char, e.end_char) for e in span.ents if e.label_ in ("DATE", "TIME")]


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


STANCE_VERBS = frozenset(["believe", "think", "feel", "hope", "fear", "doubt", "suspect", "reckon", "wish",
                          "worry", "prefer", "deserve", "regret"])
DEONTIC_MODALS = frozenset(["should", "must", "ought"])
EVALUATIVE = ("evaluative.txt", None)  # the evaluative words of VADER's lexicon (see the file's header)
ORDER = ("attribution", "prediction", "quantity", "comparison", "event", "relation", "opinion")  # the rules' order


def _cue(span: Span, kind_: str, start: int, end: int, reason: str) -> KindEvidence:
    return KindEvidence(text=doc_text(span.doc)[start:end], start=start, end=end, kind=kind_, reason=reason)


def _tok_cue(span: Span, kind_: str, tok, reason: str) -> KindEvidence:
    return _cue(span, kind_, tok.idx, tok.idx + len(tok), reason)


ATTITUDE_PREPS = frozenset(["about", "with", "over", "of"])


def _attitude_predicate(t) -> bool:
    """An adjective said of the subject by a copula that takes what it is felt about: "was upbeat about the
    prospects", "is confident that ...", "were happy with the draw"."""
    if t.pos_ != "ADJ" or t.dep_ != "acomp" or t.head.lemma_ not in ("be", "seem", "appear", "remain", "feel", "look"):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ATTITUDE_PREPS for c in t.children) or \
        any(c.dep_ == "ccomp" for c in t.children)


_EVALUATIVE_FORM = re.compile(r"^(?:(?:over|under)(?:rat|pric|hyp|valu|play|blow)(?:ed|n)"
                              r"|(?:in|un)[a-z]{4,}(?:able|ible))$")
NEUTRAL_FORMS = frozenset(["unavailable", "invisible", "inaudible", "unable"])


def _evaluative_form(word: str) -> bool:
    """A word whose form judges, beyond the lexicon: an over- or under- rating ("overrated", "underpriced",
    "overblown"), or what cannot be done to it ("incalculable", "unforgivable", "unstoppable")."""
    return bool(_EVALUATIVE_FORM.match(word)) and word not in NEUTRAL_FORMS


def evaluative_cues(span: Span, evaluative: Optional[frozenset[str]] = None) -> list[KindEvidence]:
    """Evaluative language, evidence for ``opinion``: an adjective or adverb of the evaluative lexicon
    (:data:`EVALUATIVE`: "a disappointing season", "brilliantly"), an attitude said of the subject ("was upbeat
    about"), a stance verb ("I believe", "we fear"), a modal of obligation ("they should resign")."""
    if evaluative is None:
        evaluative = lexicon.words(*EVALUATIVE)
    out = []
    for t in span:
        if _attitude_predicate(t):
            out.append(_tok_cue(span, "opinion", t, "attitude predicate"))
        elif t.pos_ in ("ADJ", "ADV") and (t.lower_ in evaluative or t.lemma_.lower() in evaluative
                                          or _evaluative_form(t.lower_)) and not award_category_word(t):
            if t.pos_ == "ADJ" and t.dep_ in ("acomp", "attr", "oprd"):
                reason = "evaluative predicate"  # "was upbeat", "seemed content"
            else:
                reason = "evaluative adjective" if t.pos_ == "ADJ" else "evaluative adverb"
            out.append(_tok_cue(span, "opinion", t, reason))
        elif t.pos_ == "VERB" and t.lemma_.lower() in STANCE_VERBS:
            out.append(_tok_cue(span, "opinion", t, "stance verb"))
        elif t.tag_ == "MD" and t.lower_ in DEONTIC_MODALS:
            out.append(_tok_cue(span, "opinion", t, "modal of obligation"))
    return out


def kind_evidence(span: Span, *, quantities: Optional[list[Quantity]] = None, doc_ents=None,
                  quotes: Optional[list] = None, dates: Optional[list] = None, lowers: Optional[list[str]] = None,
                  reporting_verbs: Optional[frozenset[str]] = None, evaluative: Optional[frozenset[str]] = None,
                  speaker_quotes: Optional[list] = None) -> list[KindEvidence]:
    """Every cue in ``span`` for a claim kind, in text order: reporting frames (attribution), the future
    (prediction), amounts (quantity), comparatives and superlatives (comparison), dates and past actions
    (event), two or more named parties (relation), evaluative language (opinion).

    ``speaker_quotes``: when the claim's source is a speaker, the quotes it overlaps (the first makes the
    cue); the other arguments as for :func:`kind`.
    """
    out: list[KindEvidence] = []
    if speaker_quotes is not None:
        q = speaker_quotes[0] if speaker_quotes else None
        a, b = (max(q.start, span.start_char), min(q.end, span.end_char)) if q is not None else \
            (span.start_char, span.end_char)
        share = (b - a) / max(1, span.end_char - span.start_char)
        out.append(_cue(span, "attribution", a, b, "a speaker's statement" if share >= 0.5 else
                        "a speaker's statement in a clause"))
    cue = attribution_cue(span, quotes=quotes, lowers=lowers, reporting_verbs=reporting_verbs)
    if cue is not None:
        out.append(_cue(span, "attribution", cue[0], cue[1], cue[2]))
    fut = future_cue(span)
    if fut is not None:
        out.append(_tok_cue(span, "prediction", fut[0], fut[1]))
    if dates is None:
        dates = span.doc._.claimpipe_dates
    d = future_date(span, dates)
    if d is not None:
        out.append(_cue(span, "prediction", max(d.start, span.start_char), min(d.end, span.end_char),
                        "present tense dated ahead"))
    if quantities is None:
        quantities = extract_quantities(span)
    for q in (q for q in quantities if not referring_count(span.doc, q)):  # "the two states met": no quantity claim
        out.append(_cue(span, "quantity", q.start, q.end, f"amount ({q.kind})"))
    comp = comparison_cue(span)
    if comp is not None:
        if comp[1] != "comparative with than" and _in_adjunct_clause(comp[0], _main_verb(span)) and past_action_cue(span):
            comp = comp[0], SUBORDINATE_DEGREE  # "... stuttered to wins before playing their best rugby"
        out.append(_tok_cue(span, "comparison", comp[0], comp[1]))
    for a, b in dates_in(span, dates):
        if not future_adjective(span, a, b):  # "the future ownership of the firm": no date
            out.append(_cue(span, "event", a, b, "date"))
    past = past_action_cue(span)
    if past is not None:
        out.append(_tok_cue(span, "event", past[0], past[1]))
    ents = span.ents if doc_ents is None else span_ents(span, doc_ents)
    parties = [e for e in ents if e.label_ in PARTY_LABELS]
    if len({e.text for e in parties}) >= 2:
        out.extend(_cue(span, "relation", e.start_char, e.end_char, f"named party ({e.label_})") for e in parties)
        linked = _linking_verb(parties)
        if linked is not None:
            out.append(_tok_cue(span, "relation", linked, "a verb ties two parties"))
    state = state_cue(span)
    if state is not None:
        out.append(_tok_cue(span, "relation", state[0], state[1]))
    out.extend(evaluative_cues(span, evaluative))
    judged = judgement_cue(span, lexicon.words(*EVALUATIVE) if evaluative is None else evaluative)
    if judged is not None:
        out.append(_tok_cue(span, "opinion", judged[0], judged[1]))
    text = doc_text(span.doc)[span.start_char:span.end_char].rstrip("\"'”’») ")
    if text.endswith("?"):  # "Where did the list come from?": asks, tells of nothing that happened
        out.append(_cue(span, "opinion", span.start_char + len(text) - 1, span.start_char + len(text), QUESTION))
    bidding = imperative(span)
    if bidding is not None:  # "Give it to someone with real talent.": asks, tells of nothing either
        out.append(_tok_cue(span, "opinion", bidding, QUESTION))
    root = _main_verb(span)
    if root.tag_ == "VBP" and root.lemma_ != "be" and first_person(root) and not any(e.start == root.idx for e in out):
        out.append(_tok_cue(span, "opinion", root, "stance verb"))  # "I love the tune", "we take it seriously"
    characterised = characterisation(root)  # "joining is a lengthy process": an assessment
    if characterised is not None and not any(e.start == characterised.idx for e in out if e.kind == "opinion"):
        out.append(_tok_cue(span, "opinion", characterised, CHARACTERISED))
    out.sort(key=lambda e: (e.start, e.end))
    return out


_SUBJECTS = frozenset(["nsubj", "nsubjpass"])
_OBJECTS = frozenset(["dobj", "pobj", "dative", "attr", "oprd"])


def _linking_verb(parties: list):
    """The verb that has one named party as its subject and another as its object, directly or through a
    preposition ("Glazer bought Manchester United", "Ireland face France", "X signed with Y"), or None."""
    roles: dict[int, tuple[set, set]] = {}
    for e in parties:
        t = e.root
        if t.dep_ in _SUBJECTS:
            roles.setdefault(t.head.i, (set(), set()))[0].add(e.text)
        elif t.dep_ in _OBJECTS:
            verb = t.head.head if t.dep_ == "pobj" else t.head
            if verb.pos_ in ("VERB", "AUX"):
                roles.setdefault(verb.i, (set(), set()))[1].add(e.text)
    for i, (subj, obj) in roles.items():
        if subj and obj - subj:
            return parties[0].doc[i]
    return None


def rule_kind(evidence: list[KindEvidence]) -> str:
    """The first kind of :data:`ORDER` that some evidence speaks for (with the exceptions of the module
    docstring); ``opinion`` only with evaluative language, so a sentence with no cue at all is taken for a plain
    statement of fact: ``event``."""
    found = {e.kind for e in evidence if e.kind != "relation" or e.reason in _TIES}
    reasons = {e.reason for e in evidence}
    order = ORDER
    if JUDGED in reasons or QUESTION in reasons:  # "was seen as crucial", "did they vote for it?": no event told
        order = ORDER[:4] + ("opinion",) + ORDER[4:6]
    elif STATE in reasons and not reasons & _PAST:  # "the season includes ... at Christmas": a standing relation
        order = ORDER[:4] + ("relation", "event", "opinion")
    elif CHARACTERISED in reasons and not reasons & _PAST:  # "now in its third year, the fair is a recent addition"
        order = ORDER[:4] + ("relation", "opinion", "event")
    if reasons & _PAST and not {e.reason for e in evidence if e.kind == "comparison"} - _WEAK_DEGREE:
        # "a weaker dollar increased the cost of imports": a degree word without compared object or scope in a
        # told action is not what the sentence compares
        order = tuple(k for k in order if k != "comparison") + ("comparison",)
    return next((k for k in order if k in found), "event")


def kind_features(span: Span, evidence: list[KindEvidence], *, modality_: str, speaker: bool) -> list[str]:
    """The features the kind model reads: each kind of evidence and its reason, the rules' kind, the main
    verb's tag and modal, the modality, the source, the subject's person and the length of the sentence."""
    feats = {f"ev={e.kind}:{e.reason}" for e in evidence} | {f"kind={e.kind}" for e in evidence}
    root = _main_verb(span)
    for e in evidence:
        if e.kind != "attribution" and _in_main_clause(span, e.start, root):
            feats.add(f"main={e.kind}")  # the cue hangs from the main verb, not from a subordinate clause
    feats.add(f"rules={rule_kind(evidence)}")  # what the first-match rules decide: the model learns where they err
    feats.add(f"root_tag={root.tag_}")
    if root.lemma_ == "be" and _children(root, ("acomp",)):
        feats.add("copula with an adjective")  # a state ("was upbeat"), not an action
    feats.add(f"modality={modality_}")
    for c in _children(root, ("aux", "auxpass")):
        if c.tag_ == "MD":
            feats.add(f"modal={c.lower_}")
    feats.add(f"source={'speaker' if speaker else 'author'}")
    subjects = [c.lower_ for c in _children(root, ("nsubj", "nsubjpass"))]
    if any(w in ("i", "we") for w in subjects):
        feats.add("subject=first person")
    if any(w == "you" for w in subjects):
        feats.add("subject=second person")
    n = len(span)
    feats.add("length=" + ("short" if n <= 12 else "medium" if n <= 30 else "long"))
    counts: dict[str, int] = {}
    for e in evidence:
        counts[e.kind] = counts.get(e.kind, 0) + 1
    for k, c in counts.items():
        if c >= 2:
            feats.add(f"many={k}")
    return sorted(feats)


def kind(span: Span, *, quantities: Optional[list[Quantity]] = None, doc_ents=None, quotes: Optional[list] = None,
         dates: Optional[list] = None, lowers: Optional[list[str]] = None,
         reporting_verbs: Optional[frozenset[str]] = None) -> str:
    """The claim kind of a sentence by the rules (see the module docstring for the order). ``doc_ents``, ``quotes``,
    ``dates``, ``lowers``: the doc's entities, quotes, dates and lower-cased token texts, to reuse;
    ``reporting_verbs``: as for :func:`is_attribution`."""
    return rule_kind(kind_evidence(span, quantities=quantities, doc_ents=doc_ents, quotes=quotes, dates=dates,
                                   lowers=lowers, reporting_verbs=reporting_verbs))
