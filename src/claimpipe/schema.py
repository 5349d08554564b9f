"""The record schema: every record claimpipe writes, in one module.

Records are strict (``extra="forbid"``), tagged with ``record_type`` and versioned with
``schema_version``. Offsets are Python string offsets (code points) into the document's
``text``: for every mention ``text[start:end] == mention.text``.

The field names of :class:`DocumentRecord` and :class:`ClaimRecord` listed in the README are a
contract other tools read: new fields may be added, none renamed or dropped.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1.0"

EntityLabel = str
DateType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "mixed", "indirect"]
ClaimKind = Literal[
    "event", "quantity", "comparison", "attribution", "relation", "prediction", "opinion"
]
Modality = Literal["asserted", "hedged", "predicted", "negated", "question"]
ReviewStatus = Literal["pending", "accepted", "rejected"]
Verdict = Literal["true", "false", "misleading", "unverifiable"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Record):
    """A stretch of the document text."""

    text: str = Field(description="The covered text, exactly text[start:end] of the document.")
    start: int = Field(ge=0, description="Start offset (code points) into the document text.")
    end: int = Field(ge=0, description="End offset (exclusive) into the document text.")


class Entity(Span):
    """A named-entity mention."""

    label: EntityLabel = Field(description="spaCy / OntoNotes label: PERSON, GPE, ORG, NORP, PRODUCT, EVENT, MONEY, ...")
    canonical: str = Field(
        description="The name that groups mentions of the same entity within the article "
        "('Hasanov' -> 'Zakir Hasanov')."
    )


class TimeExpression(Span):
    """A temporal expression, normalised to a TimeML TIMEX3 value."""

    type: DateType = Field(description="TIMEX3 type.")
    value: Optional[str] = Field(
        default=None,
        description="TIMEX3 value at the granularity the text shows ('2014-02', '2020', 'P10Y', 'PAST_REF', "
        "'XXXX-03'); null when the expression could not be normalised.",
    )
    mod: Optional[str] = Field(default=None, description="TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ...")
    anchor: Optional[str] = Field(
        default=None,
        description="What a relative or anaphoric value was resolved against: 'dct', "
        "'mention:START' (an earlier mention at that offset), or null for absolute values.",
    )


class Speaker(Span):
    """The mention of who said a quote, and the name it resolves to within the article."""

    name: Optional[str] = Field(
        description="The speaker resolved within the article ('He' -> 'Arif Alvi'), or the mention itself; "
        "null when the mention is a pronoun that stands for no name the article gives ('I', 'you').")


class Cue(Span):
    """The reporting verb or phrase that introduces a quote."""


class Quote(Span):
    """A direct, mixed or indirect (reported) statement; text/start/end cover its content."""

    kind: QuoteKind = Field(description="direct (in quotation marks), mixed (quoted fragment in reported speech), indirect.")
    speaker: Optional[Speaker] = Field(default=None, description="Who said it, when known.")
    cue: Optional[Cue] = Field(default=None, description="The reporting verb or phrase, when there is one.")
    # found by the trained attribution cue model where the word-list rules found nothing (not serialised): the
    # claims read only the others, the statements their audit set was labelled for
    _by_model: bool = PrivateAttr(default=False)


class Quantity(Span):
    """A normalised amount: money, percentage, count, measure, rate, ratio or range."""

    kind: Literal["money", "percent", "count", "other", "rate", "ratio", "range"] = Field(
        description="What the amount measures: money, percent, count, other (a measure: '25 yards'), rate (an amount "
        "per unit: '70 million passengers a year', '£5 an hour'), ratio ('eight to one': amount 8), range "
        "('between 5 and 10 people': amount 5, upper 10).")
    amount: float = Field(description="The number the text states (100000000 for '$100 million'); for a vague "
                          "magnitude ('billions of pounds') its lower bound, for a range its lower end.")
    unit: Optional[str] = Field(default=None, description="ISO currency code, '%' or the counted noun.")
    upper: Optional[float] = Field(default=None, description="A range's upper end.")
    per: Optional[str] = Field(default=None, description="A rate's denominator: 'year' for '70 million passengers a year'.")
    bound: Optional[Literal["lower", "upper", "approximate"]] = Field(
        default=None, description="How the amount bounds the true value: lower ('more than 250', 'billions of "
        "pounds'), upper ('less than 5%', 'below 20%'), approximate ('about 100'); null when stated exactly.")


class KindEvidence(Span):
    """One cue for a claim kind, found in the claim: text/start/end cover the cue (a word or a phrase)."""

    kind: ClaimKind = Field(description="The claim kind the cue speaks for.")
    reason: str = Field(description="What the cue is, in a few words: 'reporting verb with a clause', 'future "
                        "auxiliary', 'evaluative adjective', ...")


class ClaimSource(_Record):
    """Who asserts a claim: the article's author, or the speaker of the quote it belongs to."""

    type: Literal["author", "speaker"] = Field(description="author or speaker.")
    name: Optional[str] = Field(default=None, description="The author's or speaker's name, when known.")


class Correction(_Record):
    """A reviewer's correction of one field of a claim."""

    field: str = Field(description="What is corrected: 'speaker', 'dates', 'kind', ...")
    value: Optional[Union[str, list[str], dict]] = Field(default=None, description="The corrected value.")


class Review(_Record):
    """The review state of a claim, as written by extraction (pending) or by a reviewer."""

    status: ReviewStatus = Field(default="pending", description="pending until a reviewer decides.")
    verdict: Optional[Verdict] = Field(default=None, description="Fact-check verdict, once given.")
    reviewer: Optional[str] = Field(default=None, description="Who decided.")
    decided_at: Optional[str] = Field(default=None, description="When (ISO 8601, UTC).")


class DocumentRecord(_Record):
    """One article: its text and everything found in it. Written to documents.jsonl."""

    record_type: Literal["document"] = Field(default="document", description="Record tag.")
    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    doc_id: str = Field(description="Stable id: the input's own id, or a hash of the source.")
    source: str = Field(description="The input path, or 'path:line' for JSONL input.")
    text: str = Field(description="The article text exactly as decoded; every offset indexes into it.")
    title: Optional[str] = Field(default=None, description="The article title, when there is one.")
    dct: Optional[str] = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Document creation date, YYYY-MM-DD, or null."
    )
    encoding: str = Field(description="The encoding the bytes were decoded with.")
    author: Optional[str] = Field(default=None, description="The author, from metadata or the bio paragraph.")
    url: Optional[str] = Field(default=None, description="The article URL, from metadata.")
    paragraphs: list[Span] = Field(default_factory=list, description="Paragraphs (the title line included).")
    bio: Optional[Span] = Field(default=None, description="A trailing author-bio / contact paragraph, if recognised.")
    entities: list[Entity] = Field(default_factory=list, description="Named-entity mentions.")
    dates: list[TimeExpression] = Field(default_factory=list, description="Temporal expressions.")
    quotes: list[Quote] = Field(default_factory=list, description="Quotes and reported statements.")
    claims: list[str] = Field(default_factory=list, description="Ids of this article's claim records.")
    warnings: list[str] = Field(default_factory=list, description="What was repaired while reading (e.g. replaced code points).")
    model: str = Field(description="The spaCy pipeline used: name and version.")


class ClaimRecord(_Record):
    """One check-worthy statement. Written to claims.jsonl."""

    record_type: Literal["claim"] = Field(default="claim", description="Record tag.")
    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    claim_id: str = Field(description="Stable id: a hash of the doc_id and the claim's text.")
    doc_id: str = Field(description="The document the claim comes from.")
    text: str = Field(description="The claim's text, exactly text[start:end] of the document.")
    start: int = Field(ge=0, description="Start offset into the document text.")
    end: int = Field(ge=0, description="End offset into the document text.")
    kind: ClaimKind = Field(description="What sort of statement it is (see README: claim kinds).")
    modality: Modality = Field(default="asserted", description="How firmly it is asserted.")
    source: ClaimSource = Field(
        default_factory=lambda: ClaimSource(type="author"), description="Who asserts it."
    )
    checkworthiness: float = Field(ge=0.0, le=1.0, description="How worth checking, 0..1.")
    entities: list[Entity] = Field(default_factory=list, description="Entity mentions inside the claim.")
    dates: list[TimeExpression] = Field(default_factory=list, description="Temporal expressions inside the claim.")
    quotes: list[Quote] = Field(default_factory=list, description="Quotes overlapping the claim.")
    quantities: list[Quantity] = Field(default_factory=list, description="Amounts stated in the claim.")
    kind_evidence: list[KindEvidence] = Field(
        default_factory=list, description="The cues the kind was decided on, in text order (see README: claim kinds).")
    kind_scores: dict[ClaimKind, float] = Field(
        default_factory=dict, description="The score of each kind (the trained kind model's probabilities, summing "
        "to 1); empty when the kind was decided by the rules alone.")
    review: Review = Field(default_factory=Review, description="Review state; 'pending' from extraction.")
    group_id: Optional[str] = Field(
        default=None,
        description="The group of near-duplicate claims across articles it belongs to (g + a claim id, stable "
        "across runs); null when no other claim repeats it. Set by extract once the whole run is written.",
    )


class ErrorRecord(_Record):
    """An article that could not be processed, or a part of one that was lost or repaired, and why.
    Written to errors.jsonl."""

    record_type: Literal["error"] = Field(default="error", description="Record tag.")
    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    source: str = Field(description="The input path (and line, for JSONL).")
    stage: Literal["read", "extract", "timeout", "write"] = Field(description="Where it failed.")
    error: str = Field(description="The kind of failure (exception class or short code).")
    message: str = Field(description="A readable reason.")
    level: Literal["error", "warning"] = Field(
        default="error",
        description="error: the article was not written. warning: it was written, without the item named here "
        "(one component's or one item's output) or with its text repaired (control characters, surrogates).",
    )
    component: Optional[str] = Field(
        default=None, description="For a warning of the extract stage: the pipeline component that failed."
    )


class ReviewDecision(_Record):
    """A reviewer's decision on one claim. Appended to reviews.jsonl; the latest per claim wins."""

    record_type: Literal["review"] = Field(default="review", description="Record tag.")
    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    claim_id: str = Field(description="The claim decided on.")
    doc_id: Optional[str] = Field(default=None, description="Its document.")
    claim_text: Optional[str] = Field(
        default=None, description="The claim's text when decided, so a decision whose claim is gone stays readable."
    )
    decision: Literal["accept", "reject", "pending"] = Field(description="Is it a claim?")
    corrections: list[Correction] = Field(default_factory=list, description="Corrected fields.")
    verdict: Optional[Verdict] = Field(default=None, description="Fact-check verdict.")
    note: Optional[str] = Field(default=None, description="Free text.")
    evidence_url: Optional[str] = Field(default=None, description="Where the evidence is.")
    reviewer: Optional[str] = Field(default=None, description="Who decided.")
    time: str = Field(description="When (ISO 8601, UTC).")


AnyRecord = Annotated[
    Union[DocumentRecord, ClaimRecord, ErrorRecord, ReviewDecision], Field(discriminator="record_type")
]

RECORD_TYPES: dict[str, type[_Record]] = {
    "document": DocumentRecord,
    "claim": ClaimRecord,
    "error": ErrorRecord,
    "review": ReviewDecision,
}


def json_schema() -> dict:
    """The JSON Schema of every record type, keyed by record_type."""
    return {name: model.model_json_schema() for name, model in RECORD_TYPES.items()}
