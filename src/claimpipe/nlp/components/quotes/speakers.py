"""Speakers: resolve the mention that says a quote to a name used within the article.

* A mention that is, or holds, a named entity takes that entity's canonical name
  ("Hasanov" -> "Zakir Hasanov", from ``doc._.claimpipe_entities``).
* "he" / "she" take the nearest preceding PERSON; "it" the nearest preceding organisation.
* A description ("the newspaper", "the president") takes the entity the article ties to the same
  noun: apposition ("The Washington Post, the newspaper"), a copula ("The Post is a newspaper"),
  a title before a name ("President Arif Alvi").
* A statement-like noun ("one of the official statements") takes whoever the article says made such
  statements earlier ("statements by the Pakistani leadership", "the leadership's statement").
* Otherwise the mention itself, without a leading article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Callable, Iterable, Optional

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from claimpipe.nlp.components.quotes.cues import lower_lemmas
from claimpipe.schema import Entity, Quote

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_RELATIVE = ("who", "which", "that")
_DETERMINERS = ("the ", "a ", "an ", "The ", "A ", "An ")


def _strip_det(text: str) -> str:
    for det in _DETERMINERS:
        if text.startswith(det) and len(text) > len(det):
            return text[len(det):]
    return text


class _SortedEntities(list):
    """The entities of a doc sorted by start (as :func:`_entities` gives them), with what the lookups below
    bisect: the starts, the running maximum of the name entities' ends, each label's positions."""

    def __init__(self, ents: Iterable[Entity]):
        super().__init__(ents)
        self.starts = [e.start for e in self]
        reach, best = [], -1
        by_label: dict[str, list[int]] = defaultdict(list)
        for k, e in enumerate(self):
            if e.label in _NAME_LABELS and e.end > best:
                best = e.end
            reach.append(best)
            by_label[e.label].append(k)
        # reach[k]: the furthest end of a name entity among the first k + 1, so the first name entity ending
        # after an offset x is the first k with reach[k] > x
        self.name_reach = reach
        self.by_label = dict(by_label)

    def names_overlapping(self, start: int, end: int) -> list[Entity]:
        """The name entities overlapping ``[start, end)``, in order."""
        lo = bisect_right(self.name_reach, start)
        hi = bisect_left(self.starts, end)
        return [e for e in self[lo:hi] if start < e.end and e.label in _NAME_LABELS]


def _entities(doc: Doc) -> _SortedEntities:
    ents = doc._.claimpipe_entities
    if ents is None:
        ents = [Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_, canonical=e.text)
                for e in doc.ents]
    return _SortedEntities(sorted(ents, key=lambda e: e.start))


def _entity_in(ents: _SortedEntities, start: int, end: int, head_at: int) -> Optional[Entity]:
    """The name entity overlapping ``[start, end)``: the one holding offset ``head_at``, else the last person,
    else the last one."""
    inside = ents.names_overlapping(start, end)
    if not inside:
        return None
    for e in inside:
        if e.start <= head_at < e.end:
            return e
    persons = [e for e in inside if e.label == "PERSON"]
    return (persons or inside)[-1]


def _nearest_before(ents: _SortedEntities, at: int, labels: set[str]) -> Optional[Entity]:
    """The last entity with one of ``labels`` that starts before offset ``at``."""
    k = bisect_left(ents.starts, at)  # ents[:k] start before ``at``: the last of them with a label wanted
    last = -1
    for label in labels:
        positions = ents.by_label.get(label)
        if positions:
            j = bisect_left(positions, k)
            if j:
                last = max(last, positions[j - 1])
    return ents[last] if last >= 0 else None


def _entity_at_token(ents: _SortedEntities, tok: Token) -> Optional[Entity]:
    """The name entity holding the start of ``tok``."""
    at = tok.idx
    k = bisect_right(ents.name_reach, at)  # the first name entity ending after ``at``
    if k < len(ents) and ents[k].start <= at:
        return ents[k]
    return None  # it starts after ``at``, and so do all after it


class _Running:
    """The latest value ``value(token)`` gave (None: no value) over tokens taken in order, kept per token, so
    that asking again for a later offset goes on from where the last question stopped."""

    def __init__(self, doc: Doc, tokens: list[int], value: Callable[[Token], Optional[str]]):
        self.doc, self.tokens, self.value = doc, tokens, value
        self.offsets: list[int] = []  # of the tokens looked at so far
        self.latest: list[Optional[str]] = []  # the latest value up to each of them

    def before(self, offset: int) -> Optional[str]:
        """The latest value of the tokens that start before ``offset``."""
        tokens, offsets, latest = self.tokens, self.offsets, self.latest
        while len(offsets) < len(tokens) and (not offsets or offsets[-1] < offset):
            tok = self.doc[tokens[len(offsets)]]
            if tok.idx >= offset:
                break
            value = self.value(tok)
            latest.append(value if value is not None else (latest[-1] if latest else None))
            offsets.append(tok.idx)
        k = bisect_left(offsets, offset)
        return latest[k - 1] if k else None


class _Nouns:
    """The nouns and proper nouns of a doc by lower-cased lemma (indexed on first use); also every token by
    lower-cased lemma, and the running answers of :func:`_described` and :func:`_statement_maker` (made
    for one doc and its entities)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._index: Optional[dict[str, list[int]]] = None
        self._all: Optional[dict[str, list[int]]] = None
        self._running: dict[tuple[str, str], _Running] = {}

    def _lemma_index(self, nouns_only: bool) -> dict[str, list[int]]:
        rows = self.doc.to_array([POS, LEMMA])
        if nouns_only:
            keep = np.flatnonzero((rows[:, 0] == NOUN) | (rows[:, 0] == PROPN))
        else:
            keep = np.arange(len(rows))
        lemmas = rows[keep, 1].tolist()
        lower = lower_lemmas(self.doc.vocab.strings, lemmas)
        index: dict[str, list[int]] = defaultdict(list)
        for i, h in zip(keep.tolist(), lemmas):
            index[lower[h]].append(i)
        return index

    def all_tokens(self, lemma: str) -> list[int]:
        """The indices of the tokens whose ``lemma_.lower()`` is ``lemma``, in order."""
        if self._all is None:
            self._all = self._lemma_index(False)
        return self._all.get(lemma, [])

    def noun_tokens(self, lemma: str) -> list[int]:
        """The indices of the nouns whose ``lemma_.lower()`` is ``lemma``, in order."""
        if self._index is None:
            self._index = self._lemma_index(True)
        return self._index.get(lemma, [])

    def running(self, kind: str, lemma: str, make: Callable[[], _Running]) -> _Running:
        """The :class:`_Running` of ``kind`` for ``lemma`` (made by ``make`` on first use)."""
        running = self._running.get((kind, lemma))
        if running is None:
            running = self._running[kind, lemma] = make()
        return running


def _described(doc: Doc, ents: _SortedEntities, lemma: str, before: int, nouns: _Nouns) -> Optional[str]:
    """An entity the article ties to the noun ``lemma`` before offset ``before`` (each noun looked at once per
    doc, not once per question)."""
    return nouns.running("described", lemma, lambda: _Running(
        doc, nouns.noun_tokens(lemma), lambda tok: _description_of(doc, ents, tok))).before(before)


def _description_of(doc: Doc, ents: _SortedEntities, tok: Token) -> Optional[str]:
    """The canonical name of the entity the article ties to the noun ``tok`` (see :func:`_described`), or None."""
    cand: Optional[Entity] = None
    # "The Washington Post, the newspaper" / "the newspaper, The Washington Post"
    if tok.dep_ == "appos":
        cand = _entity_at_token(ents, tok.head)
    for child in tok.children:
        if child.dep_ == "appos":
            cand = cand or _entity_at_token(ents, child)
    # "The Post is a newspaper"
    if cand is None and tok.dep_ == "attr" and tok.head.lemma_ == "be":
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if subj:
            cand = _entity_at_token(ents, subj[0])
    # "President Arif Alvi", "the Post newspaper"
    if cand is None and tok.i + 1 < len(doc):
        cand = _entity_at_token(ents, doc[tok.i + 1])
        if cand is not None and cand.start != doc[tok.i + 1].idx:
            cand = None
    if cand is None and tok.i > 0:
        prev = _entity_at_token(ents, doc[tok.i - 1])
        if prev is not None and prev.end == doc[tok.i - 1].idx + len(doc[tok.i - 1].text) and doc[tok.i - 1].dep_ == "compound":
            cand = prev
    return cand.canonical if cand is not None else None


def _statement_maker(doc: Doc, ents: _SortedEntities, lemma: str, before: int, nouns: _Nouns) -> Optional[str]:
    """Who the article says made statements (``lemma``) before offset ``before`` (each token looked at once
    per doc)."""
    return nouns.running("statement", lemma, lambda: _Running(
        doc, nouns.all_tokens(lemma), lambda tok: _maker_of(doc, ents, tok))).before(before)


def _maker_of(doc: Doc, ents: _SortedEntities, tok: Token) -> Optional[str]:
    """Who the statement noun ``tok`` says made it (see :func:`_statement_maker`), or None."""
    maker: Optional[Token] = None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                maker = objs[0]
        elif child.dep_ == "poss":
            maker = child
    if maker is None:
        return None
    ent = _entity_at_token(ents, maker)
    if ent is not None:
        return ent.canonical
    mention = [t for t in maker.subtree if not t.is_punct]
    return _strip_det(doc[mention[0].i:mention[-1].i + 1].text)


def _antecedent(tok: Token) -> Optional[Token]:
    """The noun a relative pronoun stands for ("a message that said" -> message)."""
    clause = tok.head
    if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return clause.head
    j = tok.i - 1
    while j >= 0 and (tok.doc[j].is_punct or tok.doc[j].is_space):
        j -= 1
    if j >= 0 and tok.doc[j].pos_ in ("NOUN", "PROPN"):
        return tok.doc[j]
    return None


def _noun_phrase(tok: Token) -> Span:
    """``tok`` with its determiners, modifiers and compounds (no clauses)."""
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "case"):
            left = min(left, child.left_edge.i)
    return tok.doc[left:tok.i + 1]


def resolve_name(doc: Doc, span: Span, ents: _SortedEntities, nouns: _Nouns, statement_nouns: frozenset[str]) -> str:
    """The name ``span`` (a speaker mention) refers to within the article.

    ``ents``, ``nouns``: the doc's entities (:func:`_entities`) and :class:`_Nouns`, shared between the calls
    for one doc; ``statement_nouns``: nouns of documents and statements, whose maker speaks."""
    head = span.root
    if head.lower_ in _RELATIVE and len(span) == 1:
        antecedent = _antecedent(head)
        if antecedent is not None:
            return resolve_name(doc, _noun_phrase(antecedent), ents, nouns, statement_nouns)
    ent = _entity_in(ents, span.start_char, span.end_char, head.idx)
    if ent is not None:
        return ent.canonical
    lower = span.text.lower()
    if lower in _PERSON_PRONOUNS:
        person = _nearest_before(ents, span.start_char, {"PERSON"})
        if person is not None:
            return person.canonical
        return span.text
    if lower == "it":
        org = _nearest_before(ents, span.start_char, {"ORG"})
        return org.canonical if org is not None else span.text
    if head.pos_ in ("NOUN",):
        lemma = head.lemma_.lower()
        # "one of the latest official statements": the noun after "of"
        if lemma in ("one", "some", "many", "several", "most", "all", "each", "none", "any") or head.pos_ == "NUM":
            of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
            objs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
            if objs:
                lemma = objs[0].lemma_.lower()
        if lemma in statement_nouns:
            maker = _statement_maker(doc, ents, lemma, span.start_char, nouns)
            if maker:
                return maker
        described = _described(doc, ents, lemma, span.start_char, nouns)
        if described:
            return described
    elif head.pos_ == "NUM" or head.lower_ == "one":
        of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        objs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        if objs and objs[0].lemma_.lower() in statement_nouns:
            maker = _statement_maker(doc, ents, objs[0].lemma_.lower(), span.start_char, nouns)
            if maker:
                return maker
    return span.text


def resolve_speakers(doc: Doc, quotes: list[Quote], statement_nouns: frozenset[str]) -> None:
    """Fill ``quote.speaker.name`` for every quote that has a speaker mention (``statement_nouns``: see
    :func:`resolve_name`)."""
    ents = _entities(doc)
    nouns = _Nouns(doc)
    for quote in quotes:
        sp = quote.speaker
        if sp is None:
            continue
        span = doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        sp.name = resolve_name(doc, span, ents, nouns, statement_nouns)
