"""The claims of a doc: candidate sentences that the check-worthiness model scores high enough, each with its
kind, modality, source and amounts.

Every candidate sentence (:mod:`~claimpipe.nlp.components.claims.sentences`) is scored by the model
(:mod:`~claimpipe.nlp.components.claims.checkworthiness`); those scoring at least ``min_checkworthiness``
(default: the model's threshold) become claims, described by :mod:`~claimpipe.nlp.components.claims.kinds`,
:mod:`~claimpipe.nlp.components.claims.source` and :mod:`~claimpipe.nlp.components.claims.quantities`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Literal, Optional, Union

from spacy.tokens import Doc, Span

from claimpipe import lexicon
from claimpipe.nlp.components.claims.checkworthiness import CheckworthyModel, load_model, token_table
from claimpipe.nlp.components.claims.encoder import EncoderModel
from claimpipe.nlp.components.claims.kind_encoder import KindEncoder
from claimpipe.nlp.components.claims.kind_model import KindModel, load_kind_model
from claimpipe.nlp.components.claims.kinds import (
    EVALUATIVE,
    HEDGE_ADVERBS,
    REPORTING_VERBS,
    kind_evidence,
    kind_features,
    modality,
    rule_kind,
    span_ents,
)
from claimpipe.nlp.components.claims.quantities import extract_quantities
from claimpipe.nlp.components.claims.sentences import candidate_sentences
from claimpipe.nlp.components.claims.source import SourceIndex, doc_statements, source, statement_quotes
from claimpipe.nlp.components.paragraphs import bio_author, doc_text
from claimpipe.nlp.faults import Report
from claimpipe.nlp.offsets import MentionIndex
from claimpipe.schema import ClaimSource, KindEvidence, Quantity


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
    kind_evidence: list[KindEvidence] = field(default_factory=list)
    kind_scores: dict[str, float] = field(default_factory=dict)
    kind_features: list[str] = field(default_factory=list)  # what the kind model read (not written to records)


KindDecider = Union[KindModel, Literal["shipped", "rules"]]


@dataclass(frozen=True)
class _Context:
    """What every sentence of one doc looks up: the doc's author, token table, entities and the indexes of its
    quantities, quotes and dates (each sentence finds its own by offset, not among all of the doc's), and
    the word lists of the rules."""

    author: Optional[str]
    table: tuple
    doc_ents: tuple
    ent_starts: list[int]
    quantities: MentionIndex
    quotes: MentionIndex
    dates: Optional[MentionIndex]
    reporting_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    evaluative: frozenset[str]
    sources: SourceIndex
    kind_model: Optional[KindModel]
    kind_encoder: Optional[KindEncoder] = None


def extract_claims(doc: Doc, *, model: Optional[CheckworthyModel] = None, min_checkworthiness: Optional[float] = None,
                   report: Optional[Report] = None, reporting_verbs: Optional[frozenset[str]] = None,
                   hedge_adverbs: Optional[frozenset[str]] = None, encoder: Optional[EncoderModel] = None,
                   evaluative: Optional[frozenset[str]] = None, kind_model: KindDecider = "shipped",
                   kind_encoder: Optional[KindEncoder] = None, sources: Optional[SourceIndex] = None) -> list[Claim]:
    """The claims of ``doc``: candidate sentences scoring at least ``min_checkworthiness``.

    ``model`` is a :class:`~claimpipe.nlp.components.claims.checkworthiness.CheckworthyModel` (default: the
    shipped lexical variant, which works with any pipeline); the threshold defaults to the model's own.
    ``encoder``: the accurate tier (:class:`~claimpipe.nlp.components.claims.encoder.EncoderModel`): the
    sentences ``model`` is unsure of (between its two cascade cuts) are scored again by it, each on its own;
    then its threshold counts, those under the lower cut score 0 and those from the upper one keep their score
    (:meth:`~claimpipe.nlp.components.claims.encoder.EncoderModel.cascade`).
    ``reporting_verbs``, ``hedge_adverbs``, ``evaluative``: the word lists of
    :mod:`~claimpipe.nlp.components.claims.kinds` (default: the shipped ones).
    ``kind_model``: what decides the kind from its evidence: a
    :class:`~claimpipe.nlp.components.claims.kind_model.KindModel`, ``"shipped"`` (the shipped one; the rules
    when none is shipped) or ``"rules"`` (:func:`~claimpipe.nlp.components.claims.kinds.rule_kind`).
    ``kind_encoder``: a :class:`~claimpipe.nlp.components.claims.kind_encoder.KindEncoder` that then decides
    the kind of each claim in the author's voice from its text and the kind the above gave it (its stacked
    probabilities are the ``kind_scores``; where it overrules that kind, an evidence item over the claim says so).
    ``report(exc, where)``: called when one sentence (or the amounts of the doc) raises, which then costs
    only that claim (or the amounts); without it the exception propagates.
    ``sources``: the doc's :class:`~claimpipe.nlp.components.claims.source.SourceIndex` when the caller built it
    (default: built here).
    """
    if model is None:
        model = load_model("lexical")
    threshold = (encoder or model).threshold if min_checkworthiness is None else min_checkworthiness
    author = bio_author(doc_text(doc), doc._.claimpipe_bio) if doc._.claimpipe_bio else None
    try:
        all_quantities = extract_quantities(doc[:])  # once per doc: cheaper than once per sentence
    except Exception as exc:  # noqa: BLE001 - claims without amounts rather than no claims
        if report is None:
            raise
        report(exc, "quantities")
        all_quantities = []
    table = token_table(doc, model.words)  # every token read once, not once per sentence
    doc_ents = doc.ents
    doc_dates = doc._.claimpipe_dates
    context = _Context(author, table, doc_ents, [e.start for e in doc_ents], MentionIndex(all_quantities),
                       MentionIndex(doc_statements(doc)),
                       MentionIndex(doc_dates) if doc_dates is not None else None,
                       lexicon.words(*REPORTING_VERBS) if reporting_verbs is None else reporting_verbs,
                       lexicon.words(*HEDGE_ADVERBS) if hedge_adverbs is None else hedge_adverbs,
                       lexicon.words(*EVALUATIVE) if evaluative is None else evaluative,
                       SourceIndex.of(doc) if sources is None else sources,
                       load_kind_model() if kind_model == "shipped" else None if kind_model == "rules" else kind_model,
                       kind_encoder)
    claims = []
    spans = candidate_sentences(doc)
    scores = model.score_many(spans, table)
    if encoder is not None and spans:
        scores = encoder.cascade([span.text for span in spans], scores).tolist()
    for span, score in zip(spans, scores):
        if score < threshold:
            continue
        try:
            claims.append(_claim(span, score, context))
        except Exception as exc:  # noqa: BLE001 - one sentence costs only its claim
            if report is None:
                raise
            report(exc, f"sentence at {span.start_char}")
    return claims


def _claim(span: Span, score: float, context: _Context) -> Claim:
    """One sentence's claim; its quantities, quotes, dates and entities looked up by offset, not among all of the doc's."""
    quantities = context.quantities.inside(span.start_char, span.end_char)
    quotes = context.quotes.overlapping(span.start_char, span.end_char)
    # the dates that overlap it (what kinds.dates_in reads), and its entities (that of
    # kinds.span_ents over all of them: doc.ents are in order and do not overlap)
    dates = context.dates.overlapping(span.start_char, span.end_char) if context.dates is not None else None
    doc_ents = context.doc_ents
    ents = span_ents(span, (doc_ents[k] for k in range(bisect_left(context.ent_starts, span.start), len(doc_ents))))
    lowers = context.table[0]
    mod = modality(span, lowers=lowers, hedge_adverbs=context.hedge_adverbs)
    src = source(span, author=context.author, quotes=quotes, index=context.sources)
    # a claim with a speaker is reported speech (its evidence says so); one in the author's voice is one only
    # by its own words ("according to ..."), not by a scare-quoted word or a quote that is no statement
    speaker = src.type == "speaker"
    evidence = kind_evidence(span, quantities=quantities, doc_ents=ents, quotes=statement_quotes(span, quotes),
                             dates=dates, lowers=lowers, reporting_verbs=context.reporting_verbs,
                             evaluative=context.evaluative, speaker_quotes=quotes if speaker else None)
    features = kind_features(span, evidence, modality_=mod, speaker=speaker)
    if context.kind_model is None:
        kind, scores = rule_kind(evidence), {}
    else:
        kind, scores = context.kind_model.decide(features, rule_kind(evidence))
    # a speaker's claim keeps the rules' kind, and so does one whose rules' kind the encoder is not asked about
    if context.kind_encoder is not None and not speaker and context.kind_encoder.consults(kind):
        rules = kind
        kind, scores = context.kind_encoder.decide(span.text, rules)
        if kind != rules:
            evidence = [*evidence, KindEvidence(text=span.text, start=span.start_char, end=span.end_char, kind=kind,
                                                reason=f"kind encoder, over the rules' {rules}")]
    return Claim(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        kind=kind,
        modality=mod,
        source=src,
        checkworthiness=score,
        quantities=quantities,
        kind_evidence=evidence,
        kind_scores=scores,
        kind_features=features,
    )
