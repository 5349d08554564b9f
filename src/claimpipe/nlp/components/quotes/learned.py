"""Trained attribution cues: which words introduce reported speech, and what they report.

The rules of :mod:`~claimpipe.nlp.components.quotes.indirect` decide a cue from word lists; this module
decides it with a logistic regression learned from PolNeAR train (``claimpipe train attribution``,
:mod:`claimpipe.training.attribution`). Every verb of the doc (and every token the cue lists would take) is
a candidate; :func:`proposal` gives what it would report from the parse alone (its clausal complement, the
clause it is a comment on, an object or prepositional phrase that names what was said or thought), and
:func:`features` describes the candidate, its proposal and its subject. :class:`CueModel` scores them with
numpy (hashed features, weights in ``weights.npz``, threshold and settings in ``meta.json``); a candidate
at or above the threshold makes an indirect quote with the speaker the rules find for any cue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np
from spacy.parts_of_speech import NOUN as NOUN_ID, VERB as VERB_ID
from spacy.attrs import POS
from spacy.tokens import Doc, Token

from claimpipe.nlp.components.quotes.cues import Cues
from claimpipe.nlp.components.quotes.hashed import HashedLogistic

MODEL_DIR = Path(__file__).resolve().parents[3] / "models" / "attribution"

# the kinds of content a candidate can propose, best first
_PREPS = frozenset("for on about of against to with over that".split())
_NOUN_DEPS = frozenset("prep acl ccomp".split())
_CHILD_DEPS = frozenset("nsubj nsubjpass csubj agent dobj dative prt neg aux auxpass mark advmod prep ccomp xcomp "
                        "parataxis attr acomp oprd npadvmod advcl".split())


@dataclass
class Proposal:
    """What a candidate cue reports: its tokens and how they hang from the cue (``kind``)."""

    tokens: list[Token]
    kind: str
    comp: Optional[Token] = None


def candidates(doc: Doc, rule_candidates: list[int]) -> list[int]:
    """The tokens a trained model scores, and the colons and "according" of the rules: every verb, and what
    the word lists take as a possible cue."""
    out = set(rule_candidates)
    pos = doc.to_array([POS])
    out.update(np.flatnonzero(pos == VERB_ID).tolist())
    for i in np.flatnonzero(pos == NOUN_ID).tolist():  # "attacks on Clinton", "the claim that ..."
        if any(c.dep_ in _NOUN_DEPS and c.i > i for c in doc[i].children):
            out.add(i)
    return sorted(out)


def proposal(tok: Token) -> Optional[Proposal]:
    """The content ``tok`` would report, from the parse: a clausal complement (before or after it), the
    clause it comments on ("..., he said"), a ``that`` clause the parser missed, an object, the object
    of a preposition ("called for X"), or the subject of a passive with an agent. None when it has none."""
    for child in tok.children:
        if child.dep_ == "ccomp" or (child.dep_ in ("xcomp", "acl") and child.i > tok.i):
            tokens = list(child.subtree)
            if child.i < tok.i:
                tokens = [t for t in tokens if t.i < tok.i]
            return Proposal(tokens, child.dep_ + ("<" if child.i < tok.i else ">"), child)
    doc = tok.doc
    if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i < tok.i and \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
            any(t.is_punct for t in doc[max(tok.head.i, tok.i - 4):tok.i]):
        own = {t.i for t in tok.subtree}
        return Proposal([t for t in tok.head.subtree if t.i not in own and t.i < tok.i], "comment")
    if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i > tok.i and tok.i > 0 and \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
            tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].is_punct:
        own = {t.i for t in tok.subtree}  # "The months after, he said, saw a change"
        return Proposal([t for t in tok.head.subtree if t.i not in own], "aside")
    that = that_clause(tok)
    if that:
        return Proposal(that, "that")
    for child in tok.children:
        if child.dep_ == "dobj" and child.i > tok.i:
            return Proposal(list(child.subtree), "dobj", child)
    for child in tok.children:
        if child.dep_ == "prep" and child.i > tok.i and child.lower_ in _PREPS:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return Proposal(list(objs[0].subtree), "prep:" + child.lower_, objs[0])
    if tok.pos_ == "VERB" and any(c.dep_ == "agent" for c in tok.children):
        for child in tok.children:  # "The plan was criticised by the unions"; without an agent nobody is reported
            if child.dep_ == "nsubjpass" and child.i < tok.i:
                return Proposal(list(child.subtree), "subjpass", child)
    return None


def that_clause(tok: Token, *, past_adjacent_that: bool = True) -> list[Token]:
    """``CUE (by X | reporters) that CLAUSE`` when the parser missed the complement: the clause tokens.
    ``past_adjacent_that``: whether a "that" right after the cue is passed over (the model's proposals) or
    ends the search (the rules')."""
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and j <= tok.i + 8:
        t = doc[j]
        if t.is_sent_start:
            break  # the end of tok's sentence (tok.sent, looked up only when needed)
        if t.lower_ == "that" and j > tok.i + 1:
            rest = list(doc[j + 1:tok.sent.end])
            return rest if any(x.pos_ in ("VERB", "AUX") for x in rest) else []
        if t.pos_ in ("VERB", "AUX") or t.is_punct or (not past_adjacent_that and t.lower_ == "that"):
            return []
        j += 1
    return []


def _bucket(n: int) -> int:
    return n if n < 4 else min(2 + int(math.log2(n)), 9)


def subject(cues: Cues, tok: Token) -> Optional[Token]:
    """:func:`~claimpipe.nlp.components.quotes.mentions.subject_of` ``tok``, computed once per token."""
    from claimpipe.nlp.components.quotes.mentions import subject_of  # (mentions imports this package's context)

    memo = _SUBJECTS
    if memo[0] is not tok.doc or memo[1] is not cues:  # one doc at a time: only its tokens are kept
        memo[:] = [tok.doc, cues, {}]
    found = memo[2]
    if tok.i not in found:
        found[tok.i] = subject_of(cues, tok)
    return found[tok.i]


_SUBJECTS: list = [None, None, {}]  # [doc, cues, {token index: subject}]


def _subject_features(cues: Cues, tok: Token) -> list[str]:
    subj = subject(cues, tok)
    if subj is None:
        return ["s=none"]
    kind = subj.ent_type_ or subj.pos_
    out = [f"s={kind}", f"sd={subj.dep_}", f"sk={'L' if subj.i < tok.i else 'R'}"]
    if subj.pos_ == "PRON":
        out.append(f"sp={subj.lower_}")
    elif subj.pos_ == "NOUN":
        out.append(f"sl={subj.lemma_.lower()}")
    return out


def features(cues: Cues, tok: Token, prop: Proposal) -> list[str]:
    """The feature strings of candidate cue ``tok`` with its proposal ``prop``."""
    lemma = tok.lemma_.lower()
    kind = prop.kind.split(":")[0]
    head = tok.head
    doc = tok.doc
    n = sum(1 for t in prop.tokens if t.is_alpha)
    subj = _subject_features(cues, tok)
    feats = [
        "b", f"l={lemma}", f"w={tok.lower_}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}", f"k={prop.kind}",
        f"l|k={lemma}|{kind}", f"l|d={lemma}|{tok.dep_}", f"l|t={lemma}|{tok.tag_}", f"t|k={tok.tag_}|{kind}",
        f"d|k={tok.dep_}|{kind}", f"n={_bucket(n)}", f"n|k={_bucket(n)}|{kind}",
        f"hl={head.lemma_.lower()}", f"hp={head.pos_}", f"d|hp={tok.dep_}|{head.pos_}",
        f"sv={lemma in cues.speech_verbs}", f"bv={lemma in cues.belief_verbs}",
        f"cv={cues.is_cue_verb(tok)}|{kind}",
        f"l|{subj[0]}={lemma}", f"k|{subj[0]}={kind}", *subj,
    ]
    for child in tok.children:
        if child.dep_ in _CHILD_DEPS:
            feats.append(f"c={child.dep_}")
            feats.append(f"cl={child.dep_}|{child.lower_ if child.dep_ != 'nsubj' else child.pos_}")
    comp = prop.comp
    if comp is not None:
        feats += [f"cp={comp.tag_}", f"l|cp={lemma}|{comp.pos_}"]
        feats += [f"cm={c.lower_}" for c in comp.children if c.dep_ in ("mark", "aux", "nsubj") and c.i < comp.i]
    prev = doc[tok.i - 1].lower_ if tok.i else "-"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "-"
    first = prop.tokens[0]
    feats += [f"pw={prev}", f"nw={nxt}", f"l|nw={lemma}|{nxt}", f"f={first.lower_ if first.i > tok.i else '<'}",
              f"l|f={lemma}|{first.lower_ if first.i > tok.i else '<'}"]
    feats += _nesting(cues, tok, kind)
    before = doc[max(0, tok.i - 3):tok.i]
    after = doc[tok.i + 1:tok.i + 4]
    feats += [f"qb={any(t.is_quote for t in before)}", f"qa={any(t.is_quote for t in after)}",
              f"pb={before[-1].text if len(before) and before[-1].is_punct else '-'}",
              f"pa={after[0].text if len(after) and after[0].is_punct else '-'}"]
    return feats


def _nesting(cues: Cues, tok: Token, kind: str) -> list[str]:
    """Whether ``tok`` is inside what a reporting word above it reports ("X said the budget would be
    balanced"): the nearest such word's class and the clausal link that leads to it."""
    node = tok
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ in ("ccomp", "xcomp", "parataxis") and head.lemma_.lower() in cues.lemmas:
            cls = "sv" if head.lemma_.lower() in cues.speech_verbs else "bv"
            return [f"in={cls}|{node.dep_}", f"in|k={cls}|{kind}", f"in|l={cls}|{tok.lemma_.lower()}"]
        node = head
    return ["in=none"]


@dataclass
class CueModel(HashedLogistic):
    """A logistic regression over hashed features (:func:`features`), its threshold and its settings."""

    weights: np.ndarray  # (n_buckets,)
    bias: float
    threshold: float
    meta: dict = field(default_factory=dict)
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # feature -> weight

    @classmethod
    def shipped(cls) -> "CueModel":
        """The model shipped in ``claimpipe/models/attribution`` (read once)."""
        return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> CueModel:
    return CueModel.load(MODEL_DIR)
