"""Speakers: resolve the mention that says a quote to a name used within the article.

* A mention that is, or holds, a named entity takes that entity's canonical name
  ("Hasanov" -> "Zakir Hasanov", from ``doc._.claimpipe_entities``).
* "he" / "she" take the nearest preceding PERSON whose gender, where a title ("Mr", "Ms") or a first name
  tells it, fits; "they" / "we" the nearest preceding organisation or group (ORG, NORP); "it" the nearest
  preceding organisation; a relative pronoun its head noun. A pronoun that finds none, and "I" / "you",
  leave the name null (the mention stays the pronoun): a name is never a pronoun.
* A description ("the newspaper", "the president") takes the entity the article ties to the same
  noun: apposition ("The Washington Post, the newspaper"), a copula ("The Post is a newspaper"),
  a title before a name ("President Arif Alvi").
* A statement-like noun ("one of the official statements") takes whoever the article says made such
  statements earlier ("statements by the Pakistani leadership", "the leadership's statement").
* A definite description with nothing tying it ("the minister", "the company") takes the nearest preceding
  name of its kind (``lexicon/speaker_nouns.txt``: PERSON or ORG).
* Otherwise the mention itself, without a leading article.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Optional

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from claimpipe import lexicon
from claimpipe.nlp.components.entities import doc_entities
from claimpipe.nlp.components.quotes.cues import lower_lemmas
from claimpipe.nlp.offsets import SpanIndex
from claimpipe.schema import Entity, Quote

_GROUP_PRONOUNS = {"they", "them", "we", "us"}
_GROUP_LABELS = {"ORG", "NORP"}
# pronouns that are never a name: first and second person, and what resolution gives up on
PRONOUNS = frozenset("i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his "
                     "himself she her hers herself it its itself they them their theirs themselves who whom whose "
                     "which that this these those someone somebody anyone anybody everyone everybody nobody "
                     "one".split())


def is_pronoun(name: str) -> bool:
    """Whether ``name`` is a pronoun ("He", "they"); an abbreviation in capitals ("US", "IT") is not."""
    name = name.strip()
    return name.lower() in PRONOUNS and not (len(name) > 1 and name.isupper())
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

    def __init__(self, ents: Iterable[Entity], doc: Optional[Doc] = None):
        super().__init__(ents)
        self.starts = [e.start for e in self]
        reach, best = [], -1
        by_label: dict[str, list[int]] = defaultdict(list)
        for k, e in enumerate(self):
            if e.label in _NAME_LABELS and e.end > best:
                best = e.end
            reach.append(best)
            if e.label == "PERSON" or doc is None or not modifies_a_noun(doc, e):
                by_label[e.label].append(k)  # an antecedent ("the new Wembley stadium": not Wembley)
        # reach[k]: the furthest end of a name entity among the first k + 1, so the first name entity ending
        # after an offset x is the first k with reach[k] > x
        self.name_reach = reach
        self.by_label = dict(by_label)
        self.quoted: Optional[SpanIndex] = None  # the doc's quoted stretches, when known (:func:`resolve_speakers`)

    def in_quote(self, ent: Entity) -> bool:
        """Whether ``ent`` is named inside a quote (someone the speaker talks about, not the speaker)."""
        return self.quoted is not None and self.quoted.covers(ent.start)

    def names_overlapping(self, start: int, end: int) -> list[Entity]:
        """The name entities overlapping ``[start, end)``, in order."""
        lo = bisect_right(self.name_reach, start)
        hi = bisect_left(self.starts, end)
        return [e for e in self[lo:hi] if start < e.end and e.label in _NAME_LABELS]


def _entities(doc: Doc) -> _SortedEntities:
    return _SortedEntities(sorted(doc_entities(doc), key=lambda e: e.start), doc)


def modifies_a_noun(doc: Doc, ent: Entity) -> bool:
    """Whether the name ``ent`` only qualifies a common noun after it ("the Wembley stadium", "a BBC
    programme"): what "it" or "the firm" stands for is then that noun's thing, not the name."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    return last.dep_ in ("compound", "nmod", "amod") and last.head.i > last.i and last.head.pos_ == "NOUN" \
        and not last.head.ent_type_


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


def _nearest_compatible(ents: _SortedEntities, at: int, labels: set[str],
                        fits: Callable[[Entity], bool]) -> Optional[Entity]:
    """The last entity with one of ``labels`` that starts before offset ``at`` and ``fits``."""
    k = bisect_left(ents.starts, at)  # ents[:k] start before ``at``: walked back lazily, nearest first
    runs = [_backwards(ents.by_label.get(label, []), k) for label in labels]
    return next((ents[p] for p in heapq.merge(*runs, reverse=True) if fits(ents[p])), None)


def _backwards(positions: list[int], k: int) -> Iterator[int]:
    """The positions below ``k``, last first."""
    for i in range(bisect_left(positions, k) - 1, -1, -1):
        yield positions[i]


class _Genders:
    """The gender a PERSON's title or first name tells ("Mr Smith", "Theresa May"), by canonical name, over
    every mention of the doc (found on first use; None where there is no sign or the signs disagree)."""

    def __init__(self, doc: Doc, ents: _SortedEntities):
        self.doc, self.ents = doc, ents
        self._by_name: Optional[dict[str, Optional[str]]] = None

    def of(self, ent: Entity) -> Optional[str]:
        if self._by_name is None:
            self._by_name = self._collect()
        return self._by_name.get(ent.canonical)

    def _collect(self) -> dict[str, Optional[str]]:
        seen: dict[str, set[str]] = defaultdict(set)
        for k in self.ents.by_label.get("PERSON", ()):
            e = self.ents[k]
            span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            words = [span[0].lower_]
            if span.start > 0:
                words.append(self.doc[span.start - 1].lower_)
            seen[e.canonical].update(g for g in map(lexicon.gender_of, words) if g)
        return {name: next(iter(g)) if len(g) == 1 else None for name, g in seen.items()}


def pronoun_name(span: Span, ents: _SortedEntities, genders: _Genders) -> Optional[str]:
    """The name a personal pronoun ``span`` stands for: the nearest fitting entity before it, or None."""
    lower = span.text.lower()
    at = span.start_char
    if lower in lexicon.PRONOUN_GENDERS:
        want = lexicon.PRONOUN_GENDERS[lower]
        person = _nearest_compatible(ents, at, {"PERSON"}, lambda e: genders.of(e) in (None, want))
        if person is not None:
            holder = _object_clause_holder(span.doc, ents, person)
            if holder is not None and holder.label == "PERSON" and genders.of(holder) in (None, want):
                person = holder
        return person.canonical if person is not None else None
    if lower in _GROUP_PRONOUNS:
        group = _nearest_before(ents, at, _GROUP_LABELS)
        if group is None or _plural_subject_between(span.doc, group.end, at):
            return None  # "Tobacco firms deny it. They also say ...": a group the article does not name
        return group.canonical
    if lower in ("it", "its"):
        org = _nearest_before(ents, at, {"ORG"})
        return org.canonical if org is not None else None
    return None


def _object_clause_holder(doc: Doc, ents: _SortedEntities, ent: Entity) -> Optional[Entity]:
    """The named subject of the verb whose object noun holds ``ent`` in its content clause ("X rejected the claim
    that Y had quit"): X, the one the sentence is about, whom a pronoun after it stands for rather than Y."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    clause = object_clause(span.root)
    if clause is None:
        return None
    subj = next((c for c in clause.head.head.children if c.dep_ == "nsubj"), None)
    return _entity_at_token(ents, subj) if subj is not None else None


def object_clause(tok: Token) -> Optional[Token]:
    """The content clause of a verb's object noun that ``tok`` lies in ("X rejected the claim that Y had quit": the
    clause of Y, who is what is said about, not a person the sentence is about), or None."""
    while tok.head.i != tok.i and tok.dep_ != "acl":
        tok = tok.head
    if tok.dep_ == "acl" and tok.head.dep_ == "dobj" and any(m.dep_ == "mark" and m.lower_ == "that" for m in tok.children):
        return tok
    return None


def _plural_subject_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a plural common noun is a subject between offsets ``start`` and ``end`` (a nearer antecedent
    for "they" than the name before it)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(t.tag_ == "NNS" and t.dep_ in ("nsubj", "nsubjpass") and not t.ent_type_
                                    for t in span)


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
        if prev is not None and prev.end == doc[tok.i - 1].idx + len(doc[tok.i - 1].text) and doc[tok.i - 1].dep_ == "compound" \
                and prev.label not in ("NORP", "GPE", "LOC"):  # "the South Yorkshire company" is no description of South Yorkshire
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


_KIND_LABELS = {"person": {"PERSON"}, "org": {"ORG"}, "media": {"ORG", "WORK_OF_ART", "PRODUCT"}}


@lru_cache(maxsize=4)
def _kind_nouns(kind: str) -> frozenset[str]:
    return lexicon.words("speaker_nouns.txt", kind)


def _nearest_of_kind(ents: _SortedEntities, head: Token, lemma: str, before: int) -> Optional[str]:
    """A definite singular description ("the minister", "the company") with nothing naming it: the nearest
    preceding name of the kind its noun is (``lexicon/speaker_nouns.txt``), or None."""
    if head.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
            or any(c.dep_ == "poss" for c in head.children):
        return None
    for kind, labels in _KIND_LABELS.items():
        if lemma in _kind_nouns(kind):
            if kind == "media":  # "the paper": the nearest outlet's name ("the Financial Times"), not any ORG
                ent = _nearest_compatible(ents, before, labels, _is_outlet)
            elif kind == "org":  # "the department", "the company": a body's name, never an outlet's ("Radio 4")
                ent = _nearest_compatible(ents, before, labels, lambda e: not _is_outlet(e))
            else:
                ent = _nearest_before(ents, before, labels)
            return ent.canonical if ent is not None else None
    return None


# media words that also name programmes, formats or anything at all ("World Bank", "Five Star"): not an outlet's
_NOT_OUTLET_WORDS = frozenset({"world", "sport", "five", "live", "today", "show", "breakfast", "interview",
                               "programme", "program", "agency", "station", "website", "podcast"})


@lru_cache(maxsize=1)
def _outlet_words() -> frozenset[str]:
    return lexicon.words("source_words.txt", "media") - _NOT_OUTLET_WORDS


def _is_outlet(ent: Entity) -> bool:
    """Whether a name is an outlet's by its words ("Financial Times", "the Observer", "BBC")."""
    return any(word in _outlet_words() for word in ent.canonical.lower().split())


def _modifies_plural(ent: Entity, head: Token) -> bool:
    """Whether ``ent`` only modifies ``head``, a plural common noun after it ("Scottish ministers")."""
    return head.tag_ == "NNS" and ent.end <= head.idx


def _place_modifies(ent: Entity, head: Token) -> bool:
    """Whether ``ent``, a nationality or place, only modifies ``head``, a common noun after it ("the Swedish firm")."""
    return head.pos_ == "NOUN" and ent.end <= head.idx and ent.label in ("NORP", "GPE", "LOC")


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


_NOBODY_LABELS = frozenset(["DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"])
_SPOKES = frozenset(["spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative"])


def _represented(ents: _SortedEntities, head: Token) -> Optional[str]:
    """The name a spokesperson noun speaks for: the object of its "for"/"of" ("a spokesman for Manchester's
    Trafford Centre") or a name before it ("the Trafford Centre spokeswoman", "Tesco's spokesman"), not a
    nationality ("an Israeli army spokesman")."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    ent = _entity_in(ents, obj.left_edge.idx, obj.idx + len(obj.text), obj.idx)
                    if ent is not None and ent.label != "NORP":
                        return ent.canonical
    for child in head.lefts:
        if child.dep_ in ("compound", "poss", "nmod"):
            ent = _entity_in(ents, child.left_edge.idx, child.idx + len(child.text), child.idx)
            if ent is not None and ent.label != "NORP":
                return ent.canonical
    return None


def spoken_for(head: Token) -> Optional[Span]:
    """The description a spokesperson noun speaks for, the object of its "for" with a common noun at its head ("a
    spokesman for the firm", "for her lawyers"), when no name is there (:func:`_represented`)."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            obj = next((o for o in child.children if o.dep_ == "pobj" and o.pos_ == "NOUN"), None)
            return None if obj is None else _noun_phrase(obj)
    return None


def named_spokesperson(head: Token) -> Optional[str]:
    """The person's name set beside the object of a spokesperson noun's "for" ("a spokesman for DLF Builders, Dr
    Vancheshwar, said"): the parser hangs the name on the body, but it names the spokesman. Only a name with a
    title or a PERSON entity ("a spokesman for the club, Arsenal," names no one)."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "for"):
        for app in (a for o in prep.children if o.dep_ == "pobj" for a in o.children if a.dep_ == "appos"):
            name = _noun_phrase(app)
            if app.pos_ == "PROPN" and (name[0].text.rstrip(".") in _TITLE_WORDS or app.ent_type_ == "PERSON"):
                return name.text
    return None


_TITLE_WORDS = frozenset(["Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lady", "Lord", "Dame", "Prof", "Professor"])


def _noun_phrase(tok: Token) -> Span:
    """``tok`` with its determiners, modifiers and compounds (no clauses)."""
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "case"):
            left = min(left, child.left_edge.i)
    return tok.doc[left:tok.i + 1]


def _person_described(span: Span, ents: _SortedEntities) -> bool:
    """A definite singular description of a person by age or party ("the 28-year-old world number one", "the
    Texas Republican", "the Democrat"), with no person's name in it: it refers back to someone named before."""
    head = span.root
    if span[0].lower_ != "the" or head.tag_ in ("NNS", "NNPS") or len(span) > 12:
        return False
    if any(e.label == "PERSON" for e in ents.names_overlapping(span.start_char, span.end_char)):
        return False
    aged = any(t.lower_ == "old" and t.i >= 2 and t.nbor(-1).text == "-" and t.nbor(-2).lower_ == "year"
               for t in span[1:])
    return aged or (head.ent_type_ == "NORP" and head.pos_ in ("PROPN", "NOUN"))


def resolve_name(doc: Doc, span: Span, ents: _SortedEntities, nouns: _Nouns, statement_nouns: frozenset[str],
                 genders: Optional[_Genders] = None) -> Optional[str]:
    """The name ``span`` (a speaker mention) refers to within the article; None when it is a pronoun that
    stands for no name found (a name is never a pronoun).

    ``ents``, ``nouns``, ``genders``: the doc's entities (:func:`_entities`), :class:`_Nouns` and
    :class:`_Genders`, shared between the calls for one doc; ``statement_nouns``: nouns of documents and
    statements, whose maker speaks."""
    name = _resolve(doc, span, ents, nouns, statement_nouns, genders or _Genders(doc, ents))
    return None if name is None or is_pronoun(name) else name


def _a_person(ents: _SortedEntities, name: str) -> bool:
    return any(e.label == "PERSON" and e.canonical == name for e in ents)


def _resolve(doc: Doc, span: Span, ents: _SortedEntities, nouns: _Nouns, statement_nouns: frozenset[str],
             genders: _Genders) -> Optional[str]:
    head = span.root
    if head.lower_ in _RELATIVE and len(span) == 1:
        antecedent = _antecedent(head)
        if antecedent is None or antecedent.i == head.i:
            return None
        return _resolve(doc, _noun_phrase(antecedent), ents, nouns, statement_nouns, genders)
    if head.pos_ == "NOUN" and head.lemma_.lower() in _SPOKES:
        named = named_spokesperson(head)
        if named is not None:
            return named  # "a spokesman for DLF Builders, Dr Vancheshwar,": the person named, not the body
        represented = _represented(ents, head)
        if represented:
            return represented  # "a spokesman for the Trafford Centre", "the Tesco spokeswoman": the body speaks
        body = spoken_for(head)
        if body is not None:  # "a spokesman for the firm": the firm named before; "for her lawyers": the lawyers
            return _resolve(doc, body, ents, nouns, statement_nouns, genders)
    if (head.ent_type_ in _NOBODY_LABELS and head.lower_ != "old"  # "the 52-year-old" (an age) is someone
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)) \
            or (head.ent_type_ == "NORP" and head.pos_ == "ADJ"):
        return None  # "Recent years have seen ...", "three hope ...", "Azerbaijani ...": a time, a number, an adjective
    if _person_described(span, ents):
        person = _nearest_compatible(ents, span.start_char, {"PERSON"}, lambda e: not ents.in_quote(e))
        if person is not None:
            return person.canonical  # "the 28-year-old world number one", "the Texas Republican": who was named
    ent = _entity_in(ents, span.start_char, span.end_char, head.idx)
    if ent is not None and _modifies_plural(ent, head):
        return _strip_det(span.text)  # "Scottish ministers", "Labour MPs": the group, not the adjective
    if ent is not None and ent.end <= head.idx and head.pos_ == "NOUN" and (
            head.lemma_.lower() in lexicon.words("source_words.txt", "part") or (
            ent.label == "PERSON" and head.lemma_.lower() in lexicon.words("source_words.txt", "entourage"))):
        return _strip_det(span.text)  # "the bank's board of directors", "Mr Holt's team": the board, the team
    if ent is not None and _place_modifies(ent, head):
        ent = None  # "the Swedish firm": a firm, not Sweden
    if ent is not None and ent.label in ("NORP", "GPE", "LOC") and ent.start > head.idx and head.pos_ == "NOUN":
        ent = None  # "representatives of Pakistani forces": the representatives, not Pakistan
    if ent is not None:
        return ent.canonical
    if is_pronoun(span.text):
        return pronoun_name(span, ents, genders)
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
        if described and not (head.tag_ == "NNS" and _a_person(ents, described)):
            return described  # (not "her lawyers" for the one "lawyer Ann Lee" named before: a plural is a group)
        named = _nearest_of_kind(ents, head, lemma, span.start_char)
        if named:
            return named
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
    ents.quoted = SpanIndex((q.start, q.end) for q in quotes if q.kind == "direct")
    nouns = _Nouns(doc)
    genders = _Genders(doc, ents)
    for quote in quotes:
        sp = quote.speaker
        if sp is None:
            continue
        span = doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if span is None or not len(span):
            sp.name = None if sp.name is None or is_pronoun(sp.name) else sp.name
            continue
        sp.name = resolve_name(doc, span, ents, nouns, statement_nouns, genders)
