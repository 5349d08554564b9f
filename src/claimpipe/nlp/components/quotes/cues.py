"""Reporting cues: the words that can introduce what someone said, given the component's word lists.

:class:`Cues` is made from two lists: ``speech_verbs``, verbs that report speech or writing (a direct quote or
a reported clause), and ``belief_verbs``, verbs of belief and intention that report only with a clausal
complement (PolNeAR-style attribution of inner states). It answers whether a token is a reporting verb in
context (:meth:`Cues.is_cue_verb`) and finds, in one pass over a doc, every token that could be a cue at all
(:meth:`Cues.candidates`: a reporting verb in any form, a colon, "according").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

_SUFFIX_RULES = (("ied", "y"), ("ed", ""), ("ed", "e"), ("s", ""), ("es", ""))  # (ending, lemma ending)
_PHRASAL_CUES = frozenset(("go", "put", "shoot", "fire", "hit"))  # "went on", "put it", "shot back"


@dataclass(frozen=True)
class Cues:
    """The reporting verbs and the verbs of belief, and what is derived from them once: every lemma that
    can be a cue (``lemmas``) and the word forms a suffix rule maps to a reporting verb (``forms``)."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    lemmas: frozenset[str] = field(init=False, repr=False, compare=False)
    forms: frozenset[str] = field(init=False, repr=False, compare=False)
    _lower_ids: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        forms = _derived_forms(self.speech_verbs)
        object.__setattr__(self, "lemmas", self.speech_verbs | self.belief_verbs | _PHRASAL_CUES)
        object.__setattr__(self, "forms", forms)
        # the hashes (as in token.lower; the same in every vocab) of the lower-case forms that pass may_report;
        # a token's text is ":" exactly when its lower-case form is
        object.__setattr__(self, "_lower_ids", np.array(
            sorted(get_string_id(w) for w in forms | {":", "according"}), dtype=np.uint64))

    def lemma(self, tok: Token) -> str:
        """The lemma of ``tok`` as a cue: a capitalised reporting verb tagged as a name ("Tweeted") gets its verb."""
        lemma = tok.lemma_.lower()
        if lemma in self.speech_verbs or lemma in self.belief_verbs or tok.pos_ in ("VERB", "AUX"):
            return lemma
        low = tok.lower_
        for suffix, add in _SUFFIX_RULES:
            if low.endswith(suffix) and low[: -len(suffix)] + add in self.speech_verbs:
                return low[: -len(suffix)] + add
        return lemma

    def is_cue_verb(self, tok: Token) -> bool:
        """Whether ``tok`` is a reporting verb here (not "so-called", not a noun unless it reports)."""
        if tok.lower_ not in self.forms and tok.lemma_.lower() not in self.lemmas:
            return False  # self.lemma can give nothing that counts below
        if tok.dep_ == "amod" or (tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "so"):
            return False  # "so-called", an adjective
        lemma = self.lemma(tok)
        if lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children):
            return True  # "Trump went on"
        if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
            return True  # "as Cornyn put it"
        if lemma in ("shoot", "fire", "hit") and any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children):
            return True  # "Bennett shot back"
        if lemma not in self.speech_verbs and lemma not in self.belief_verbs:
            return False
        if tok.pos_ in ("VERB", "AUX"):
            return True
        if tok.pos_ == "PROPN" and tok.lemma_.lower() != lemma:
            return True
        # the small model sometimes tags a reporting verb as a noun ("Arif Alvi state that ...")
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if tok.pos_ in ("NOUN", "PROPN") and (nxt is None or nxt.is_punct) and \
                any(t.is_quote for t in tok.doc[max(0, tok.i - 5):tok.i]):
            return True  # '"...," the email read.'
        return tok.pos_ in ("NOUN", "PROPN") and nxt is not None and nxt.lower_ in ("that", ":") and tok.i > 0 \
            and tok.nbor(-1).pos_ in ("PROPN", "PRON", "NOUN")

    def may_report(self, tok: Token) -> bool:
        """A cheap test passed by every token that can be a cue (a reporting verb in any form, ":", "according")."""
        if tok.lower_ in self.forms or tok.text == ":" or tok.lower_ == "according":
            return True
        return tok.lemma_.lower() in self.lemmas

    def candidates(self, doc: Doc) -> list[int]:
        """Indices of the tokens that pass :meth:`may_report`, in order (computed per distinct word)."""
        if not len(doc):
            return []
        ids = self._lower_ids
        rows = doc.to_array([LOWER, LEMMA])
        lowers = rows[:, 0]
        at = np.searchsorted(ids, lowers)  # np.isin, without its fixed cost
        at[at == len(ids)] = 0
        by_low = ids[at] == lowers
        lemmas, lemma_inv = np.unique(rows[:, 1], return_inverse=True)
        lemmas = lemmas.tolist()
        lower = lower_lemmas(doc.vocab.strings, lemmas)  # each lemma lowered once per process
        by_lemma = np.array([lower[h] in self.lemmas for h in lemmas], dtype=bool)
        return np.flatnonzero(by_low | by_lemma[lemma_inv]).tolist()


def cue_span(cue: Token) -> Span:
    """The cue verb with its particle ("point out", "call for")."""
    doc = cue.doc
    end = cue.i + 1
    for child in cue.children:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return doc[cue.i:end]


def _derived_forms(speech_verbs: frozenset[str]) -> frozenset[str]:
    """Lower-cased word forms that :meth:`Cues.lemma` maps to a speech verb by a suffix rule."""
    forms = set()
    for verb in speech_verbs:
        for suffix, add in _SUFFIX_RULES:
            if verb.endswith(add):
                forms.add(verb[: len(verb) - len(add)] + suffix)
    return frozenset(forms)


# lower-cased lemmas by the lemma's hash (the same in every vocab), remembered across docs
_LOWER_LEMMAS: dict[int, str] = {}
_MAX_REMEMBERED = 1_000_000


def lower_lemmas(strings, hashes: Iterable[int]) -> dict[int, str]:
    """``{hash: lemma.lower()}`` holding at least ``hashes`` (lemma hashes, as in ``Token.lemma``).

    Each lemma is lowered once per process, not once per token; the memo is emptied when it grows past
    a million lemmas, so that a long run's memory stays flat.
    """
    lower = _LOWER_LEMMAS
    if len(lower) > _MAX_REMEMBERED:
        lower.clear()
    for h in set(hashes).difference(lower):
        lower[h] = strings[h].lower()
    return lower
