"""Dates: every temporal expression of a document, normalised to a TimeML TIMEX3 value.

``claimpipe_dates`` runs after the model's ``ner`` (and ``claimpipe_entities`` when present). Candidate
spans come from two sources: the TIMEX grammar of :mod:`claimpipe.timex` (dates, times, durations,
sets, past/present/future references, which spaCy often misses) and spaCy's own DATE/TIME entities
where the grammar found nothing (kept when :func:`claimpipe.timex.normalise_span` can give them a
value: "the years", "the second day"). spaCy's other entities veto weak matches: a year or month name
inside a PRODUCT, EVENT, ORG, MONEY... is not a date. Each span is normalised in text order, so
anaphoric expressions ("March of that year", "the following month") see the dates before them;
relative ones ("yesterday", "last week") are resolved against ``doc._.claimpipe_dct``, with the tense
of the clause choosing between the last and the next Friday. Without a dct they stay underspecified
("XXXX-WXX-5"), never resolved against today's clock.

Not dates: designations and names glued to a number ("MiG-21", "AMAN-2013"), counts and ranks
("top 10"), and year-like numbers that count or name something ("2000 troops", "Flight 1549").

The pure function :func:`extract_dates` returns :class:`claimpipe.schema.TimeExpression` objects;
:class:`DatesComponent` (factory ``claimpipe_dates``, config ``ner_dates``: whether spaCy's DATE/TIME
entities count where the grammar finds nothing) puts them on the doc.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache, partial
from typing import Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimpipe.nlp import extensions, faults
from claimpipe import lexicon, timex
from claimpipe.timex import values
from claimpipe.nlp.offsets import SpanIndex
from claimpipe.schema import TimeExpression
from claimpipe.nlp.components.paragraphs import doc_text
from claimpipe.nlp.components.base import Component

extensions.register()

# entity labels under which a number or a month name is not a date
_NOT_DATE_LABELS = {"PRODUCT", "EVENT", "ORG", "FAC", "LAW", "WORK_OF_ART", "MONEY", "PERCENT", "QUANTITY",
                    "PERSON", "GPE", "LOC", "NORP"}
# rules whose matches are weak on their own (a bare number, a month or weekday name)
_WEAK_RULES = {"year", "year_range", "year_range_end", "month", "weekday", "decade", "season"}
# rules matching a full calendar day: a date even inside an event's name
_DAY_RULES = {"month_day_year", "day_month_year", "iso_date", "us_date", "month_day", "day_month", "month_day_word"}
_TIME_NOUNS = {"year", "month", "day", "week", "quarter", "season", "time", "period", "fiscal", "decade", "era",
               "century", "election", "budget", "census", "model", "class", "summer", "winter", "spring", "fall",
               "autumn", "olympics", "games", "cup", "level", "levels", "figure", "figures", "edition", "report",
               "campaign", "vintage", "version", "survey", "law", "act", "plan", "agreement", "deal", "contract",
               "statement", "results", "earnings", "forecast", "estimate", "estimates", "high", "low", "peak",
               "rate", "rates", "price", "prices", "sales", "revenue", "profit", "loss", "output", "growth",
               "spending", "debt", "deficit", "budgets", "quarterly", "outlook", "target", "goal", "total", "average"}


_FUTURE_LEMMAS = {"expect", "plan", "schedule", "set", "due", "aim", "intend", "hope", "go", "prepare", "want",
                  "propose", "seek", "agree", "promise", "vow", "threaten", "decide", "try", "need"}


def _token_at(doc: Doc, char: int, starts: list[int]) -> Optional[Token]:
    i = _token_index(starts, char)
    return doc[i] if i is not None else None


def _token_starts(doc: Doc) -> list[int]:
    """``Token.idx`` of every token of ``doc``, read in one go (for :func:`_token_index`)."""
    return doc.to_array("IDX").tolist()


def _token_index(starts: list[int], char: int) -> Optional[int]:
    """The last token starting at or before ``char`` (the first when none does; None in an empty doc);
    ``starts``: :func:`_token_starts` of the doc."""
    return max(bisect_right(starts, char) - 1, 0) if starts else None


_FUTURE_CUES = re.compile(r"(?:as\s+(?:soon|early)\s+as|effective|starting|beginning|due|until|through)\s+(?:on\s+)?$",
                          re.I)


def _pluperfect(verb: Token) -> bool:
    """'had expired', 'had been scheduled to expire': the verb (or the one it completes) takes 'had'."""
    for v in (verb, verb.head if verb.dep_ in ("xcomp", "acomp") else None,
              verb.head.head if verb.dep_ in ("xcomp", "acomp") and verb.head.dep_ in ("xcomp", "acomp") else None):
        if v is not None and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in v.children):
            return True
    return False


def clause_tense(token: Token, text: Optional[str] = None) -> str:
    """'past', 'present' or 'future': the tense of the verb governing ``token`` (or of its sentence).

    A past perfect ("had been due to expire Friday", "until Thursday they had not called") is past
    whatever the cue words say. ``text`` is ``token.doc.text`` when the caller has it (spaCy joins it anew
    on every access).
    """
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        verb = token.sent.root if token.has_head() or token.is_sent_start is not None else token
    if _pluperfect(verb):
        return "past"
    before = (doc_text(token.doc) if text is None else text)[max(0, token.idx - 30): token.idx]
    if _FUTURE_CUES.search(before):
        return "future"  # "as soon as Tuesday", "effective Feb. 1"
    words = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowered = {w.lower_ for w in words}
    if lowered & {"will", "'ll", "shall", "wo", "would"} or any(
        w.lower_ == "going" and any(c.lower_ == "to" for c in w.children) for w in words
    ):
        return "future"
    if verb.lemma_ in _FUTURE_LEMMAS and verb.tag_ in ("VB", "VBZ", "VBP", "VBG"):
        return "future"
    if verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children) and (
            verb.head.lemma_ in _FUTURE_LEMMAS or verb.head.tag_ in ("VBZ", "VBP") and verb.head.lemma_ == "be"):
        return "future"  # "scheduled to resume Tuesday"
    if any(w.tag_ == "VBD" for w in words) or (verb.tag_ == "VBN" and lowered & {"has", "have", "had"}):
        return "past"
    if verb.tag_ == "VBN" and not lowered & {"is", "are", "be", "being", "will"}:
        return "past"
    return "present"


_PART_NOUNS = {"morning", "afternoon", "evening", "night", "overnight", "noon", "midnight", "time", "weekend", "day",
               "week", "month", "quarter", "year", "period", "season", "half"}


def span_tense(doc: Doc, start: int, end: int, text: Optional[str] = None,
               starts: Optional[list[int]] = None) -> str:
    """The tense resolving the expression at ``[start, end)``: a date that modifies a noun ("a June
    agreement", "the Oct. 23 slaying", "Saturday night's debate") names an event already placed, so it is
    read as past; any other takes the tense of its clause (:func:`clause_tense`). ``starts`` is
    :func:`_token_starts` of ``doc`` when the caller has it."""
    if starts is None:
        starts = _token_starts(doc)
    i = _token_index(starts, start)
    j = _token_index(starts, max(start, end - 1))
    first = doc[i]
    root = next((t for t in doc[i:j + 1] if not (i <= t.head.i <= j) or t.head is t), first)
    head = root.head
    tense = clause_tense(first, text)
    if root.dep_ in ("compound", "nmod", "poss", "amod") and head.pos_ in ("NOUN", "PROPN") \
            and head.i > j and head.lemma_.lower() not in _PART_NOUNS and not _will_clause(head):
        return "past"  # but "Tuesday's vote will decide": a future clause keeps its future
    return tense


def _will_clause(token: Token) -> bool:
    """The clause of ``token`` is marked future ('will', 'shall', "'ll")."""
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    return verb.lower_ in ("will", "'ll", "shall", "wo") or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "'ll", "shall", "wo") for c in verb.children)


def _ent_of_tokens(doc: Doc, ents: Optional[tuple] = None) -> list:
    """For each token, the first of ``doc.ents`` containing it (or None); ``ents`` is ``doc.ents`` when the
    caller has it (spaCy makes the spans anew on every access)."""
    out: list = [None] * len(doc)
    for ent in doc.ents if ents is None else ents:
        for i in range(ent.start, ent.end):
            if out[i] is None:
                out[i] = ent
    return out


def _ents_over(doc: Doc, start: int, end: int, ent_of: list, starts: list[int]) -> list:
    """The entities overlapping ``[start, end)`` (via the tokens, so long documents stay fast); ``ent_of`` is
    :func:`_ent_of_tokens` of ``doc``, ``starts`` :func:`_token_starts`."""
    i = _token_index(starts, start)
    j = _token_index(starts, max(start, end - 1))
    if i is None:
        return []
    seen, out = set(), []
    for tok in doc[i:j + 1]:
        if tok.ent_iob_ in ("B", "I") and tok.idx < end and tok.idx + len(tok) > start:
            ent = ent_of[tok.i] if tok.ent_type_ else None
            if ent is not None and (ent.start, ent.end) not in seen:
                seen.add((ent.start, ent.end))
                out.append(ent)
    return out


_MEDIA_NOUNS = frozenset(["programme", "program", "show", "newspaper", "paper", "magazine", "bulletin", "broadcast",
                          "edition", "series", "slot", "sofa", "studio"])
_ALWAYS_CAPITALISED = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|"
                                 r"july|august|september|october|november|december|christmas|easter", re.I)


def _name_or_age(doc: Doc, first: Token, last: Token) -> bool:
    """A time word that is part of a title or tells an age, not a time: 'Radio 4's Today programme', 'the Today
    show' (a word written in lower case elsewhere, capitalised inside a sentence, after a possessive or before a
    programme noun); '11 year olds', 'a 30 year old' (a span followed by 'old')."""
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("old", "olds") and last.lower_ in ("year", "years", "month", "months",
                                                                             "week", "weeks", "day", "days"):
        return True
    if not first.is_title or first.is_sent_start or _ALWAYS_CAPITALISED.fullmatch(first.text):
        return False
    after_possessive = first.i > 0 and doc[first.i - 1].tag_ == "POS"
    return after_possessive or (nxt is not None and nxt.lemma_.lower() in _MEDIA_NOUNS)


def _rejected(doc: Doc, cand: timex.Candidate, ent_of: list, starts: list[int]) -> bool:
    """Matches that are not dates here: inside a name, a product, an amount; a verb 'may'/'march'; a title or an
    age (:func:`_name_or_age`)."""
    name = cand.rule.name
    tok = _token_at(doc, cand.start, starts)
    if tok is None:
        return False
    last = _token_at(doc, max(cand.start, cand.end - 1), starts)
    if last is not None and _name_or_age(doc, tok, last):
        return True
    for ent in _ents_over(doc, cand.start, cand.end, ent_of, starts):
        if ent.label_ in _NOT_DATE_LABELS and name in _WEAK_RULES:
            return True
        if ent.label_ in ("PRODUCT", "EVENT") and ent.start_char < cand.start and ent.end_char >= cand.end \
                and name not in _DAY_RULES:
            return True  # "the 2014 World Cup"; but "the Aug. 7 Embassy bombings" still has its date
    if name == "month":
        mon = cand.match.group("mon")
        mtok = _token_at(doc, cand.match.start("mon"), starts)
        if mtok is not None and mon.lower() in ("may", "march") and mtok.pos_ in ("AUX", "VERB"):
            return True
        if mtok is not None and mon.lower() == "march" and mtok.pos_ == "NOUN":
            return True
        if mtok is not None and _in_person_name(mtok):
            return True
    if name == "year":
        ytok = _token_at(doc, cand.match.start("year"), starts)
        # a count takes a plural noun and no determiner ("2000 troops"); a year does not ("the 1990 invasion")
        if ytok is not None and ytok.dep_ in ("nummod", "quantmod") and ytok.head.tag_ in ("NNS", "NNPS") \
                and ytok.head.i > ytok.i and ytok.head.lemma_.lower() not in _TIME_NOUNS \
                and not (ytok.i > 0 and doc[ytok.i - 1].pos_ in ("DET", "PRON") or doc[ytok.i - 1].tag_ == "POS"):
            return True
        if ytok is not None and ytok.like_num and ytok.i > 0 and doc[ytok.i - 1].lower_ in ("top", "bottom") \
                and ytok.i + 1 < len(doc) and doc[ytok.i + 1].pos_ == "NOUN" \
                and doc[ytok.i + 1].lemma_.lower() not in _TIME_NOUNS:
            return True
    if name == "weekday" and tok.ent_type_ in ("ORG", "WORK_OF_ART", "PRODUCT", "FAC"):
        return True
    if name == "duration_adj":
        if cand.match.group(0).lower().endswith("-old"):
            return False
    return False


@lru_cache(maxsize=1)
def _name_openers() -> frozenset[str]:
    """Titles and first names (``lexicon/person_words.txt``): what a month name after them is part of."""
    return lexicon.words("person_words.txt", "title") | lexicon.words("person_words.txt", "first")


def _in_person_name(mtok: Token) -> bool:
    """Whether the month name ``mtok`` is part of a person's name: right after a title or a first name
    ("Mr June", "Theresa May"), or before a surname the model tags PERSON ("April Ryan")."""
    if not mtok.is_title:
        return False
    doc = mtok.doc
    prev = doc[mtok.i - 1] if mtok.i > 0 else None
    if prev is not None and prev.is_title and prev.lower_ in _name_openers():
        return True
    nxt = doc[mtok.i + 1] if mtok.i + 1 < len(doc) else None
    return nxt is not None and nxt.is_title and nxt.ent_type_ == "PERSON" and nxt.pos_ == "PROPN"


_SPACY_TRIM = re.compile(r"^(?:in|on|at|during|since|until|till|by|from|for|of|to|between|before|after|about|"
                         r"around|through|throughout|over|within)\s+", re.I)


def _spacy_extra(doc: Doc, taken: list[tuple[int, int]], ents: Optional[tuple] = None) -> list[tuple[int, int]]:
    """spaCy DATE/TIME entities the grammar did not touch, trimmed of a leading preposition; ``ents`` is
    ``doc.ents`` when the caller has it."""
    extra = []
    grammar = SpanIndex(taken)
    for ent in doc.ents if ents is None else ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if grammar.overlaps(ent.start_char, ent.end_char):  # any(not (ent.end_char <= a or ent.start_char >= b) ...)
            continue
        text = ent.text
        start = ent.start_char
        m = _SPACY_TRIM.match(text)
        if m:
            start += m.end()
            text = text[m.end():]
        if not text.strip():
            continue
        first = next((t for t in ent if t.idx >= start), ent[0])
        if _name_or_age(doc, first, ent[-1]):
            continue
        extra.append((start, ent.end_char))
    return extra


class _Lazy:
    """An attribute that may be set to a function: called when the attribute is first read, and its value kept."""

    def __set_name__(self, owner, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = getattr(obj, self.slot)
        if callable(value):
            value = value()
            setattr(obj, self.slot, value)
        return value

    def __set__(self, obj, value) -> None:
        setattr(obj, self.slot, value)


class _LazyContext(timex.Context):
    """A :class:`timex.Context` whose ``tense`` and ``sentence_start`` may be given as functions, called when
    a rule first reads them: most expressions ("2014", "three years") need neither, and the tense costs a
    walk of the parse. The functions must not depend on anything that changes before they are called."""

    tense = _Lazy()
    sentence_start = _Lazy()


def _sentence_start(tok: Token) -> int:
    return tok.sent.start_char


def extract_dates(doc: Doc, *, dct: Optional[str] = None,
                  report: Optional[Callable[[BaseException, str], None]] = None,
                  ner_dates: bool = True) -> list[TimeExpression]:
    """Every temporal expression of ``doc`` with its TIMEX3 type, value, mod and anchor.

    ``ner_dates``: also spaCy's own DATE/TIME entities where the grammar found nothing.

    ``report(exc, where)``: called when one rule or one expression raises, which then costs only itself
    (the component passes :func:`claimpipe.nlp.faults.reporter`); without it the exception propagates. A value
    that is not a well-formed TIMEX3 value (:func:`claimpipe.timex.values.is_valid`) is reported and left out.
    """
    text = doc_text(doc)  # doc.text, joined once per doc (the entities component has usually done it)
    ctx = _LazyContext(dct=timex.parse_dct(dct))
    found = timex.find_candidates(text, report)
    ents = doc.ents
    starts = _token_starts(doc)
    ent_of = _ent_of_tokens(doc, ents) if found else None
    candidates = []
    for c in found:
        try:
            if not _rejected(doc, c, ent_of, starts):
                candidates.append(c)
        except Exception as exc:  # noqa: BLE001 - one expression costs only itself
            timex.report_fault(report, exc, _where(c.rule.name, c.start, text[c.start:c.end]))
    spans = [(c.start, c) for c in candidates]
    if ner_dates:
        spans += [(a, (a, b)) for a, b in _spacy_extra(doc, [(c.start, c.end) for c in candidates], ents)]
    spans.sort(key=lambda item: item[0])
    with_tags = doc.has_annotation("DEP") or doc.has_annotation("TAG")
    with_sents = with_tags and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP"))
    out: list[TimeExpression] = []
    for start, item in spans:
        end = item.end if isinstance(item, timex.Candidate) else item[1]
        try:
            tx = _normalised(doc, item, start, end, ctx, text, starts, with_tags, with_sents)
            if tx is None:
                continue
            if tx.value is not None and not values.is_valid(tx.type, tx.value):
                raise ValueError(f"not a TIMEX3 {tx.type} value: {tx.value!r}")
        except Exception as exc:  # noqa: BLE001 - one expression costs only itself
            name = item.rule.name if isinstance(item, timex.Candidate) else "spacy"
            timex.report_fault(report, exc, _where(name, start, text[start:end]))
            continue
        ctx.remember(tx)
        out.append(
            TimeExpression(text=text[tx.start:tx.end], start=tx.start, end=tx.end, type=tx.type, value=tx.value,
                           mod=tx.mod, anchor=tx.anchor)
        )
    return out


def _normalised(doc: Doc, item, start: int, end: int, ctx: "_LazyContext", text: str, starts: list[int],
                with_tags: bool, with_sents: bool) -> Optional[timex.Timex]:
    """The :class:`timex.Timex` of one candidate (a grammar match, or a spaCy span ``(start, end)``)."""
    tok = _token_at(doc, start, starts)
    if tok is not None and with_tags:
        ctx.sentence_start = partial(_sentence_start, tok) if with_sents else 0
        ctx.tense = partial(span_tense, doc, start, end, text, starts)
    if isinstance(item, timex.Candidate):
        return timex.build(item, ctx)
    return timex.normalise_span(text[start:end], start, ctx)


def _where(rule: str, start: int, covered: str) -> str:
    return f"rule {rule} at {start}: {covered[:60]!r}"


class DatesComponent(Component):
    """Writes ``doc._.claimpipe_dates``; a failure costs only the expressions it touches (see
    :mod:`claimpipe.nlp.faults`). Reads ``doc._.claimpipe_dct`` when the caller set it."""

    def __init__(self, nlp: Language, name: str, *, ner_dates: bool = True):
        super().__init__(nlp, name, ner_dates=ner_dates)

    def __call__(self, doc: Doc) -> Doc:
        with faults.isolated(doc, self.name):
            doc._.claimpipe_dates = extract_dates(doc, dct=doc._.claimpipe_dct, report=faults.reporter(doc, self.name),
                                                  ner_dates=self.cfg["ner_dates"])
        return doc


@Language.factory(
    "claimpipe_dates",
    default_config={"ner_dates": True},
    # it reads token.pos too (set by an attribute ruler that declares nothing), and doc._.claimpipe_dct when set
    requires=["doc.ents", "doc.sents", "token.dep", "token.tag", "token.lemma"],
    assigns=["doc._.claimpipe_dates"],
)
def make_dates(nlp: Language, name: str, ner_dates: bool) -> DatesComponent:
    """Runs after the model's ``ner`` (and ``claimpipe_entities``). ``ner_dates``: keep spaCy's DATE/TIME
    entities that the grammar did not match, when they can be given a value."""
    return DatesComponent(nlp, name, ner_dates=ner_dates)
