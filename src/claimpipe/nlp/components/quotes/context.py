"""What the quote rules share for one doc, passed down explicitly: the word lists and the doc's indexes.

:class:`QuoteWords` are the component's word lists (saved with the pipeline); :class:`QuoteContext` is made
once per doc by :func:`~claimpipe.nlp.components.quotes.extract.extract_quotes` and handed to every rule that
reads the lists or looks the same thing up in the doc again and again (line breaks, sentence bounds,
entities: each found on first use). :class:`Found` is what a rule gives back, and :func:`inside` tests an
offset against the quoted stretches a rule must stay out of; :func:`each_isolated` runs a rule over its items
so that one item that raises costs only itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, ClassVar, Iterable, Optional, TypeVar, Union

import numpy as np
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

from claimpipe import lexicon
from claimpipe.nlp.components.paragraphs import doc_text
from claimpipe.nlp.components.quotes.cues import Cues
from claimpipe.nlp.components.quotes.learned import CueModel
from claimpipe.nlp.faults import Report
from claimpipe.nlp.offsets import SpanIndex
from claimpipe.schema import Quote, Speaker


@dataclass(frozen=True)
class QuoteWords:
    """The word lists the quote rules read: reporting verbs, verbs of belief, statement nouns (whose
    maker speaks: "the report said")."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    statement_nouns: frozenset[str]

    # {field: (shipped lexicon file, tag)}: where the lists come from (the component's ``LEXICONS``)
    LEXICONS: ClassVar[dict[str, tuple[str, Optional[str]]]] = {
        "speech_verbs": ("reporting_verbs.txt", None),
        "belief_verbs": ("belief_verbs.txt", None),
        "statement_nouns": ("statement_nouns.txt", None),
    }

    @classmethod
    @lru_cache(maxsize=1)
    def shipped(cls) -> "QuoteWords":
        """The lists as shipped in :mod:`claimpipe.lexicon` (made once: its cues are derived once too)."""
        return cls(**{name: lexicon.words(file, tag) for name, (file, tag) in cls.LEXICONS.items()})

    @cached_property
    def cues(self) -> Cues:
        """The reporting cues these lists make (made once)."""
        return Cues(self.speech_verbs, self.belief_verbs)


@dataclass
class QuoteContext:
    """One doc, its text and the word lists, with the lookups the rules repeat (computed on first use)."""

    doc: Doc
    words: QuoteWords
    model: Optional["CueModel"] = None  # a trained cue model (:mod:`.learned`): None for the rules alone
    text: str = field(init=False)
    _breaks: Optional[list[int]] = field(default=None, init=False, repr=False)
    _sent_starts: Optional[list[int]] = field(default=None, init=False, repr=False)
    _ents: Optional[tuple] = field(default=None, init=False, repr=False)
    _ent_starts: Optional[list[int]] = field(default=None, init=False, repr=False)

    def __post_init__(self):
        self.text = doc_text(self.doc)

    @property
    def cues(self) -> Cues:
        return self.words.cues

    def line_bounds(self, start: int, end: int) -> tuple[int, int]:
        """``text.rfind("\\n", 0, start) + 1`` and ``text.find("\\n", end)`` (the text's length for none)."""
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", self.text)]
        breaks = self._breaks
        k = bisect.bisect_left(breaks, start)
        a = breaks[k - 1] + 1 if k else 0
        k = bisect.bisect_left(breaks, end)
        return a, (breaks[k] if k < len(breaks) else len(self.text))

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """``doc[i].sent.start``, ``doc[i].sent.end`` (``i`` clamped to the doc)."""
        doc = self.doc
        i = min(max(i, 0), len(doc) - 1)
        if self._sent_starts is None:
            if "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks \
                    or not doc.has_annotation("SENT_START"):
                sent = doc[i].sent  # spaCy's own answer (or its error)
                return sent.start, sent.end
            marks = doc.to_array([SENT_START]).reshape(-1).astype(np.int64)
            self._sent_starts = np.flatnonzero(marks == 1).tolist()
        starts = self._sent_starts
        # Span.sent: back to the last token marked as a start (or the first), on to the next one marked (or the end)
        k = bisect.bisect_right(starts, i)
        return (starts[k - 1] if k else 0), (starts[k] if k < len(starts) else len(doc))

    def entity_of(self, i: int) -> Optional[Span]:
        """The first of ``doc.ents`` holding token ``i`` (they are in order and do not overlap), or None."""
        if self._ents is None:
            self._ents = self.doc.ents
            self._ent_starts = [e.start for e in self._ents]
        k = bisect.bisect_right(self._ent_starts, i)
        if k and i < self._ents[k - 1].end:
            return self._ents[k - 1]
        return None


@dataclass
class Found:
    """A quote a rule found, with what merging and speaker inheritance need: the cue token, the
    multi-paragraph group and pieces of a direct quote, and a guessed speaker for one with no cue."""

    quote: Quote
    cue_token: Optional[int] = None
    group: int = -1
    pieces: list = field(default_factory=list)
    guess: Optional[Speaker] = None
    governor: Optional[Speaker] = None  # no cue: the subject of the verb the sentence hangs the quote from
    score: Optional[float] = None  # the trained cue model's score of a reported clause it decided


class SpansAnd:
    """The spans of a :class:`SpanIndex` and one more, ``[a, b)``, for :func:`inside` (made at no cost)."""

    def __init__(self, spans: SpanIndex, a: int, b: int):
        self.spans, self.a, self.b = spans, a, b

    def covers(self, i: int) -> bool:
        return self.a <= i < self.b or self.spans.covers(i)


Spans = Union[SpanIndex, SpansAnd, Iterable[tuple[int, int]]]


def inside(i: int, spans: Spans) -> bool:
    """Whether offset ``i`` lies in one of ``spans`` (indexed ones answer by bisection)."""
    if isinstance(spans, (SpanIndex, SpansAnd)):
        return spans.covers(i)
    return any(a <= i < b for a, b in spans)


Item = TypeVar("Item")


def each_isolated(items: Iterable[Item], find: Callable[[Item], Optional[Found]], where: Callable[[Item], str],
                  report: Report) -> list[Found]:
    """``find(item)`` for each item, in order, the Nones left out; an item whose ``find`` raises is reported
    (``report(exc, where(item))``) and costs only itself."""
    found: list[Found] = []
    for item in items:
        try:
            one = find(item)
        except Exception as exc:  # noqa: BLE001 - one bad quote or clause costs only itself
            report(exc, where(item))
            continue
        if one is not None:
            found.append(one)
    return found
