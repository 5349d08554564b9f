"""Claims: the check-worthy sentences of an article, with their kind, modality, source and amounts.

Every sentence outside the title and the author-bio paragraph is scored by the check-worthiness
model (:mod:`claimpipe.nlp.components.claims.checkworthiness`); those scoring at least ``min_checkworthiness`` (default: the
threshold chosen on CheckThat! 2024 dev, stored with the model) become claims.

Claim kinds (first that applies):

===============  ===================================================================================
``attribution``  reported speech: the sentence overlaps a quote, or its main verb reports ("said that")
``prediction``   about the future: "will", "is going to", "is expected to", "forecasts ..."
``quantity``     states an amount: money, a percentage or a count
``comparison``   comparatives and superlatives: "more than", "the biggest", "the only ... in the world"
``event``        something that happened at a stated time (carries a date)
``relation``     ties two or more named parties together
``opinion``      none of the above: evaluation, framing
===============  ===================================================================================

Modality (first that applies): ``question`` (ends with "?"), ``hedged`` ("might", "could",
"reportedly", "it is unlikely that", "it has been suggested that", "seems"), ``predicted``
(future), ``negated`` (the main verb is negated, or its subject is "no ..."/"none"), ``asserted``.

Source: the speaker of the quote the claim overlaps most (``Quote.speaker.name``), otherwise the
author (named when the bio paragraph names them).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, get_args

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimpipe import lexicon
from claimpipe.nlp import extensions, faults
from claimpipe.nlp.faults import Report
from claimpipe.nlp.offsets import MentionIndex
from claimpipe.schema import ClaimKind, ClaimSource, Modality, Quantity

extensions.register()

KINDS: tuple[str, ...] = get_args(ClaimKind)
MODALITIES: tuple[str, ...] = get_args(Modality)

REPORTING_VERBS = lexicon.words("reporting_verbs.txt", "core")  # the plainest reporting verbs
HEDGE_ADVERBS = lexicon.words("hedge_adverbs.txt")
HEDGE_MODALS = frozenset(["might", "may", "could", "would", "should"])
HEDGE_VERBS = frozenset(["seem", "appear"])
HEDGE_PASSIVES = frozenset(["suggest", "rumour", "rumor", "allege", "believe", "think", "say", "report", "claim", "expect"])
FUTURE_AUX = frozenset(["will", "shall", "'ll", "wo"])
FUTURE_PHRASES = frozenset(["expect", "set", "poise", "due", "plan", "schedule"])
PREDICTING_VERBS = frozenset(["predict", "forecast", "project", "expect", "anticipate"])
NEGATIVE_SUBJECTS = frozenset(["none", "nobody", "nothing", "neither", "no one", "noone"])
PARTY_LABELS = frozenset(["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"])


@dataclass
class Claim:
    """A claim found in a document, before it gets its id and contained mentions."""

    start: int
    end: int
    text: str
    kind: str = "opinion"
    modality: str = "asserted"
    source: ClaimSource = field(default_factory=lambda: ClaimSource(type="author"))
    checkworthiness: float = 1.0
    quantities: list[Quantity] = field(default_factory=list)


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


def _main_verb(span: Span):
    return span.root


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
    if root.lemma_ in FUTURE_PHRASES and _children(root, ("xcomp",)) and root.tag_ == "VBN":
        return True  # "is expected to rise"
    if root.lemma_ in PREDICTING_VERBS and root.tag_ != "VBN" and _children(root, ("dobj", "ccomp")):
        return True  # "the firm is projecting growth of 5%", "analysts expect prices to fall"
    return False


def modality(span: Span, *, lowers: Optional[list[str]] = None) -> str:
    """question, hedged, predicted, negated or asserted (the first that applies).

    ``lowers``: the lower-cased texts of the doc's tokens, when already read (:func:`checkworthy.token_table`).
    """
    from claimpipe.nlp.components.paragraphs import doc_text

    if doc_text(span.doc)[span.start_char:span.end_char].rstrip("\"'”’») ").endswith("?"):  # span.text
        return "question"
    root = _main_verb(span)
    words = (t.lower_ for t in span) if lowers is None else lowers[span.start:span.end]
    if not HEDGE_ADVERBS.isdisjoint(words):  # white space is never a hedge
        return "hedged"
    if any(c.lower_ in HEDGE_MODALS for c in _children(root, ("aux", "auxpass"))):
        return "hedged"
    if root.lemma_ in HEDGE_VERBS:
        return "hedged"
    if root.lemma_ in HEDGE_PASSIVES and root.tag_ == "VBN" and any(
        c.lower_ == "it" for c in _children(root, ("nsubjpass", "nsubj", "expl"))
    ):
        return "hedged"  # "it has been suggested that ...", "it is believed that ..."
    if is_future(span):
        return "predicted"
    if _children(root, ("neg",)) or any(c.lower_ == "never" for c in _children(root, ("advmod", "neg"))):
        return "negated"
    for subj in _children(root, ("nsubj", "nsubjpass")):
        if subj.lower_ in NEGATIVE_SUBJECTS or any(c.lower_ == "no" for c in _children(subj, ("det",))):
            return "negated"
    return "asserted"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _quotes_in(span: Span, quotes: Optional[list] = None) -> list:
    """The quotes (default: the doc's) that overlap ``span``."""
    if quotes is None:
        quotes = span.doc._.claimpipe_quotes or []
    start, end = span.start_char, span.end_char
    return [q for q in quotes if q.start < end and start < q.end]


def is_attribution(span: Span, *, quotes: Optional[list] = None, lowers: Optional[list[str]] = None) -> bool:
    """Reported speech: overlaps a quote, or the main verb reports a clause, or 'according to'.

    ``quotes``: the quotes that may overlap it (default: the doc's); ``lowers``: as for :func:`modality`.
    """
    if _quotes_in(span, quotes):
        return True
    root = _main_verb(span)
    if root.lemma_.lower() in REPORTING_VERBS and _children(root, ("ccomp",)):
        return True
    if lowers is None:
        return any(t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to" for t in span)
    return any(lowers[i] == "according" and i + 1 < len(lowers) and lowers[i + 1] == "to"
               for i in range(span.start, span.end))


def is_comparison(span: Span) -> bool:
    for t in span:
        if t.tag_ in ("JJR", "JJS", "RBR", "RBS"):
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if t.lower_ in ("most", "more", "less", "least", "fewer") and nxt is not None and nxt.lower_ == "of":
                continue  # "most of the purchases": a quantifier
            return True
        if t.lower_ == "than" or (t.lower_ == "only" and t.i > 0 and t.doc[t.i - 1].lower_ == "the"):
            return True
        if t.lower_ == "top" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].like_num:
            return True
    return False


def _has_date(span: Span, dates: Optional[list] = None) -> bool:
    if dates is None:
        dates = span.doc._.claimpipe_dates
    if dates is not None:
        start, end = span.start_char, span.end_char
        return any(d.start < end and start < d.end for d in dates)
    return any(e.label_ in ("DATE", "TIME") for e in span.ents)


def _span_ents(span: Span, doc_ents) -> list[Span]:
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
         lowers: Optional[list[str]] = None) -> str:
    """The claim kind of a sentence (see the module docstring for the order).

    ``doc_ents``, ``quotes``, ``dates``, ``lowers``: the doc's entities, quotes, dates and lower-cased
    token texts, to reuse.
    """
    if is_attribution(span, quotes=quotes, lowers=lowers):
        return "attribution"
    if (modality_ or modality(span)) == "predicted" or is_future(span):
        return "prediction"
    if quantities is None:
        from claimpipe.nlp.components.claims.quantities import extract_quantities

        quantities = extract_quantities(span)
    if quantities:
        return "quantity"
    if is_comparison(span):
        return "comparison"
    if _has_date(span, dates):
        return "event"
    ents = span.ents if doc_ents is None else _span_ents(span, doc_ents)
    if len({e.text for e in ents if e.label_ in PARTY_LABELS}) >= 2:
        return "relation"
    return "opinion"


def source(span: Span, *, author: Optional[str] = None, quotes: Optional[list] = None) -> ClaimSource:
    """The speaker of the quote the span overlaps most, otherwise the author (named ``author``)."""
    best, best_overlap = None, 0
    for q in _quotes_in(span, quotes):
        speaker = getattr(q, "speaker", None)
        name = getattr(speaker, "name", None) if speaker is not None else None
        ov = _overlap((q.start, q.end), (span.start_char, span.end_char))
        if name and ov > best_overlap:
            best, best_overlap = name, ov
    if best:
        return ClaimSource(type="speaker", name=best)
    return ClaimSource(type="author", name=author)


def extract_claims(doc: Doc, *, model=None, min_checkworthiness: Optional[float] = None,
                   report: Optional[Report] = None) -> list[Claim]:
    """The claims of ``doc``: candidate sentences scoring at least ``min_checkworthiness``.

    ``model`` is a :class:`claimpipe.nlp.components.claims.checkworthiness.CheckworthyModel` (default: the shipped lexical
    variant, which works with any pipeline); the threshold defaults to the model's own.
    ``report(exc, where)``: called when one sentence (or the amounts of the doc) raises, which then costs
    only that claim (or the amounts); without it the exception propagates.
    """
    from claimpipe.nlp.components.claims.checkworthiness import load_model, token_table
    from claimpipe.nlp.components.claims.quantities import extract_quantities
    from claimpipe.nlp.components.paragraphs import bio_author, doc_text

    if model is None:
        model = load_model("lexical")
    threshold = model.threshold if min_checkworthiness is None else min_checkworthiness
    author = bio_author(doc_text(doc), doc._.claimpipe_bio) if doc._.claimpipe_bio else None
    try:
        all_quantities = extract_quantities(doc[:])  # once per doc: cheaper than once per sentence
    except Exception as exc:  # noqa: BLE001 - claims without amounts rather than no claims
        if report is None:
            raise
        report(exc, "quantities")
        all_quantities = []
    claims = []
    table = token_table(doc)  # every token read once, not once per sentence
    doc_ents = doc.ents
    doc_quotes = doc._.claimpipe_quotes or []
    doc_dates = doc._.claimpipe_dates
    # each sentence looks up its own quantities, quotes, dates and entities by offset, not all of the doc's
    quantity_index, quote_index = MentionIndex(all_quantities), MentionIndex(doc_quotes)
    date_index = MentionIndex(doc_dates) if doc_dates is not None else None
    ent_starts = [e.start for e in doc_ents]
    spans = candidate_sentences(doc)
    for span, score in zip(spans, model.score_many(spans, table)):
        if score < threshold:
            continue
        try:
            claims.append(_claim(span, score, author, table, doc_ents, ent_starts, quantity_index, quote_index,
                                 date_index))
        except Exception as exc:  # noqa: BLE001 - one sentence costs only its claim
            if report is None:
                raise
            report(exc, f"sentence at {span.start_char}")
    return claims


def _claim(span: Span, score: float, author: Optional[str], table: tuple, doc_ents, ent_starts: list[int],
           quantity_index: MentionIndex, quote_index: MentionIndex, date_index: Optional[MentionIndex]) -> Claim:
    """One sentence's claim; its quantities, quotes, dates and entities looked up by offset, not among all of the doc's."""
    quantities = quantity_index.inside(span.start_char, span.end_char)
    quotes = quote_index.overlapping(span.start_char, span.end_char)
    # the dates that overlap it (the answer of _has_date over all of them), and its entities (that of
    # _span_ents over all of them: doc.ents are in order and do not overlap)
    dates = date_index.overlapping(span.start_char, span.end_char) if date_index is not None else None
    ents = _span_ents(span, (doc_ents[k] for k in range(bisect_left(ent_starts, span.start), len(doc_ents))))
    mod = modality(span, lowers=table[0])
    return Claim(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        kind=kind(span, quantities=quantities, modality_=mod, doc_ents=ents, quotes=quotes, dates=dates,
                  lowers=table[0]),
        modality=mod,
        source=source(span, author=author, quotes=quotes),
        checkworthiness=score,
        quantities=quantities,
    )


class ClaimsComponent:
    """Writes ``doc._.claimpipe_claims``. ``min_checkworthiness`` None means the model's threshold."""

    def __init__(self, nlp: Language, name: str, min_checkworthiness: Optional[float] = None):
        from claimpipe.nlp.components.claims.checkworthiness import model_for

        meta = nlp.meta
        label = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
        self.name = name
        self.model = model_for(label)
        self.min_checkworthiness = min_checkworthiness

    def __call__(self, doc: Doc) -> Doc:
        doc._.claimpipe_claims = []
        with faults.isolated(doc, "claimpipe_claims"):
            doc._.claimpipe_claims = extract_claims(doc, model=self.model, min_checkworthiness=self.min_checkworthiness,
                                                    report=faults.reporter(doc, "claimpipe_claims"))
        return doc


@Language.factory(
    "claimpipe_claims",
    default_config={"min_checkworthiness": None},
    requires=["doc.sents"],
    assigns=["doc._.claimpipe_claims"],
)
def claims_component(nlp: Language, name: str, min_checkworthiness: Optional[float] = None) -> ClaimsComponent:
    return ClaimsComponent(nlp, name, min_checkworthiness)
