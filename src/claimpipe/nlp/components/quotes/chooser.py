"""Trained speaker chooser: which mention says a direct quote, where the rules may have it wrong.

The rules (:mod:`.direct`, :mod:`.mentions`, speaker inheritance in :mod:`.extract`) give each direct quote a
speaker mention or none. This module lists the other mentions that could say it (:func:`candidates`: the
subjects, passive agents, "according to" objects, names and personal pronouns of the quote's sentence and of
the sentences on either side of it, in its paragraph), describes each against the quote (:func:`features`:
its dependency and the verb it is the subject of, whether that verb is a reporting verb or the quote's cue,
its side of the quote and distance, entity label, pronoun, paragraph break, how the rules found their own
speaker), and scores them with a logistic regression learned from PolNeAR train (``claimpipe train
speakers``, :mod:`claimpipe.training.speakers`). The rules' speaker is one candidate; another one replaces it
only when it scores more than ``margin`` above it (the margin chosen on held-out train articles), so the
model speaks only where the rules are unsure. Run time needs numpy only (:class:`SpeakerModel`: hashed
features, weights in ``weights.npz``, margin and settings in ``meta.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Optional

import numpy as np
from spacy.tokens import Span, Token

from claimpipe import lexicon
from claimpipe.nlp.components.quotes.context import Found, QuoteContext, inside
from claimpipe.nlp.components.quotes.hashed import HashedLogistic
from claimpipe.nlp.components.quotes.mentions import according_to, mention, speaker_model
from claimpipe.nlp.offsets import SpanIndex

MODEL_DIR = Path(__file__).resolve().parents[3] / "models" / "speakers"

QUOTE_OPENERS = "\"“”‘'«»„`"
_SUBJECT_DEPS = frozenset(["nsubj", "nsubjpass", "csubj"])
_NAME_LABELS = frozenset(["PERSON", "ORG", "NORP", "GPE"])
_PERSONAL = frozenset(["he", "she", "they", "we", "i", "who"])
_SPEAKERS = frozenset(["spokesman", "spokeswoman", "spokesperson", "official", "aide", "adviser", "advisor",
                       "source", "campaign", "statement", "ad", "tweet", "report", "transcript", "letter"])


def is_direct_like(doc_text: str, found: Found) -> bool:
    """A quote the chooser decides: a direct one, or a mixed one whose content opens with a quotation mark."""
    q = found.quote
    return q.kind == "direct" or (q.kind == "mixed" and doc_text[q.start:q.start + 1] in QUOTE_OPENERS)


@dataclass
class Candidate:
    """A mention that may say a quote: its span (None: no speaker), its head, and whether the rules chose it."""

    span: Optional[Span]
    head: Optional[Token]
    rule: bool = False
    via: str = "parse"  # subject, agent, according, name, pronoun; "rule" for the rules' own beyond the window


def _rule_path(found: Found) -> str:
    """How the rules found their speaker: a cue verb, a colon, "according to", a dash, none (inherited or
    guessed), or none at all."""
    q = found.quote
    if q.cue is None:
        return "nocue" if q.speaker is not None else "nothing"
    text = q.cue.text.lower()
    if text == ":":
        return "colon"
    if text.startswith("according"):
        return "according"
    if text in ("-", "—", "–", "―"):
        return "dash"
    return "verb" if q.speaker is not None else "verb-none"


def _window(ctx: QuoteContext, found: Found) -> tuple[int, int]:
    """The token range the candidates come from: the sentence before the quote's, its own, the one after,
    within its paragraph."""
    doc = ctx.doc
    q = found.quote
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    first, last = (span.start, span.end - 1) if span is not None and len(span) else (0, 0)
    pa, pb = ctx.line_bounds(q.start, q.end)
    s0, _ = ctx.sentence_bounds(first)
    _, e0 = ctx.sentence_bounds(last)
    lo, _ = ctx.sentence_bounds(s0 - 1) if s0 > 0 else (s0, s0)
    _, hi = ctx.sentence_bounds(e0) if e0 < len(doc) else (e0, e0)
    while lo < s0 and doc[lo].idx < pa:
        lo += 1
    while hi > e0 and doc[hi - 1].idx >= pb:
        hi -= 1
    return lo, hi


def candidates(ctx: QuoteContext, found: Found, quoted: SpanIndex) -> list[Candidate]:
    """The rules' speaker (or "no speaker") and every other mention near the quote that could say it."""
    doc = ctx.doc
    q = found.quote
    rule_span = doc.char_span(q.speaker.start, q.speaker.end, alignment_mode="expand") if q.speaker else None
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    lo, hi = _window(ctx, found)
    for tok in doc[lo:hi]:
        if inside(tok.idx, quoted) or tok.is_punct or tok.is_space:
            continue
        via = None
        if tok.dep_ in _SUBJECT_DEPS and tok.pos_ in ("PROPN", "NOUN", "PRON", "NUM", "ADJ"):
            via = "subject"
        elif tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            via = "agent"
        elif tok.lower_ == "according":
            acc = according_to(tok)
            if acc is not None:
                tok, via = acc[1].root, "according"
        elif tok.ent_type_ in _NAME_LABELS and _entity_root(ctx, tok):
            via = "name"
        elif tok.lower_ in _PERSONAL and tok.pos_ == "PRON":
            via = "pronoun"
        if via is None or inside(tok.idx, quoted):
            continue
        m = mention(tok)
        key = (m.start, m.end)
        if key in seen or not len(m):
            continue
        seen.add(key)
        out.append(Candidate(m, tok, via=via))
    # the rules' own: flag the candidate that is it, else add it
    rule_found = False
    if rule_span is not None and len(rule_span):
        for c in out:
            if c.span is not None and c.span.start < rule_span.end and rule_span.start < c.span.end:
                c.rule = rule_found = True
                break
        if not rule_found:
            out.append(Candidate(rule_span, rule_span.root, rule=True, via="rule"))
    else:
        out.append(Candidate(None, None, rule=True, via="none"))
    return out


def _entity_root(ctx: QuoteContext, tok: Token) -> bool:
    """Whether ``tok`` is the root of the named entity it is part of."""
    ent = ctx.entity_of(tok.i)
    return ent is not None and ent.root.i == tok.i


def _bucket(n: int) -> str:
    for limit in (0, 2, 5, 10, 20, 40):
        if n <= limit:
            return str(limit)
    return "more"


@lru_cache(maxsize=2)
def _kind_nouns() -> frozenset[str]:
    return lexicon.words("speaker_nouns.txt", "person") | lexicon.words("speaker_nouns.txt", "org") \
        | lexicon.words("speaker_nouns.txt", "media")


def _distance(ctx: QuoteContext, found: Found, cand: Candidate) -> Optional[int]:
    """The tokens between candidate ``cand`` and the quote of ``found`` (None for "no speaker")."""
    if cand.span is None:
        return None
    q = found.quote
    qspan = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if qspan is None:
        return 0
    if cand.span.end_char <= q.start:
        return max(0, qspan.start - cand.span.end)
    if cand.span.start_char >= q.end:
        return max(0, cand.span.start - qspan.end)
    return 0


def features(ctx: QuoteContext, found: Found, cand: Candidate, cue_tok: Optional[Token],
             rank: int = 0, rule_distance: Optional[int] = None) -> list[str]:
    """The feature strings of candidate ``cand`` for the quote of ``found`` (``cue_tok``: the quote's cue
    token, if any; ``rank``: how many candidates on the same side are nearer the quote; ``rule_distance``:
    the distance of the rules' speaker, None for none)."""
    path = _rule_path(found)
    feats = [f"path={path}", f"rule={cand.rule}", f"rule|path={cand.rule}|{path}", f"via={cand.via}",
             f"via|path={cand.via}|{path}|{cand.rule}"]
    if cand.span is None:
        return feats + ["none"]
    doc = ctx.doc
    q = found.quote
    h = cand.head
    span = cand.span
    a, b = span.start_char, span.end_char
    side = "before" if b <= q.start else ("after" if a >= q.end else "in")
    qspan = doc.char_span(q.start, q.end, alignment_mode="expand")
    qa, qb = (qspan.start, qspan.end) if qspan is not None else (h.i, h.i)
    dist = qa - span.end if side == "before" else (span.start - qb if side == "after" else 0)
    q_sent = ctx.sentence_bounds(qa)
    h_sent = ctx.sentence_bounds(h.i)
    if h_sent == q_sent or (side == "before" and h_sent[1] > qa) or (side == "after" and h_sent[0] < qb):
        where = "same"
    else:
        where = "prev" if side == "before" else "next"
    text = ctx.text
    between = text[min(b, q.start):max(a, q.end)] if side != "in" else ""
    para = "\n" in text[b:q.start] if side == "before" else ("\n" in text[q.end:a] if side == "after" else False)
    ent = h.ent_type_ or "-"
    pron = h.lower_ if h.pos_ == "PRON" else "-"
    lemma = h.lemma_.lower()
    kind = "ent" if ent in _NAME_LABELS else ("pron" if h.pos_ == "PRON" else
                                               ("spk" if lemma in _kind_nouns() or lemma in _SPEAKERS else h.pos_))
    verb = h.head if h.dep_ in _SUBJECT_DEPS else (h.head.head if h.dep_ == "pobj" and h.head.dep_ == "agent" else None)
    if verb is not None and cue_tok is not None and verb.i == cue_tok.i:
        vrel = "cue"
    elif verb is not None and ctx.cues.is_cue_verb(verb):
        vrel = "reporting"
    elif verb is not None:
        vrel = "verb"
    else:
        vrel = "-"
    feats += [
        f"side={side}", f"where={where}", f"dist={_bucket(dist)}", f"where|side={where}|{side}",
        f"para={para}", f"dep={h.dep_}", f"ent={ent}", f"pron={pron}", f"kind={kind}", f"vrel={vrel}",
        f"vrel|side={vrel}|{side}|{where}", f"kind|where={kind}|{where}|{side}", f"kind|vrel={kind}|{vrel}",
        f"quote_between={'“' in between or '”' in between or chr(34) in between}",
        f"rule|kind={cand.rule}|{kind}", f"rule|vrel={cand.rule}|{vrel}", f"rule|where={cand.rule}|{where}",
        f"path|kind|where={path}|{kind}|{where}|{side}", f"path|vrel={path}|{vrel}|{side}",
        f"len={_bucket(len(span))}", f"title={h.is_title}",
    ]
    if verb is not None:
        feats.append(f"vlemma={verb.lemma_.lower()}")
        feats.append(f"vdep={verb.dep_}")
    r = str(min(rank, 2))
    nearer = "na" if rule_distance is None or cand.rule else str(dist < rule_distance)
    feats += [f"rank={r}|{side}", f"rank|vrel={r}|{vrel}|{side}", f"rank|kind={r}|{kind}",
              f"nearer={nearer}", f"nearer|vrel={nearer}|{vrel}", f"nearer|kind={nearer}|{kind}|{where}",
              f"nearer|path={nearer}|{path}"]
    return feats


@dataclass
class SpeakerModel(HashedLogistic):
    """A logistic regression over hashed candidate features (:func:`features`), its margin and settings."""

    SETTING: ClassVar[str] = "margin"

    weights: np.ndarray  # (n_buckets,)
    bias: float
    margin: float
    meta: dict = field(default_factory=dict)
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def shipped(cls) -> "SpeakerModel":
        """The model shipped in ``claimpipe/models/speakers`` (read once)."""
        return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> SpeakerModel:
    return SpeakerModel.load(MODEL_DIR)


def quote_examples(ctx: QuoteContext, found: list[Found], choices_only: bool = False):
    """For each direct-like quote of ``found``: (found, its candidates, their feature lists); ``choices_only``:
    only the quotes with a candidate besides the rules' own (the others have nothing to choose)."""
    quoted = SpanIndex((f.quote.start, f.quote.end) for f in found if f.quote.kind in ("direct", "mixed"))
    out = []
    for f in found:
        if not is_direct_like(ctx.text, f):
            continue
        cue_tok = ctx.doc[f.cue_token] if f.cue_token is not None else None
        cands = candidates(ctx, f, quoted)
        if choices_only and len(cands) < 2:
            continue
        dists = [_distance(ctx, f, c) for c in cands]
        rule_distance = next(d for c, d in zip(cands, dists) if c.rule)
        sides = [None if c.span is None else (c.span.end_char <= f.quote.start) for c in cands]
        ranks = [sum(1 for d2, s2 in zip(dists, sides) if d2 is not None and s2 == s and d2 < d) if d is not None else 0
                 for d, s in zip(dists, sides)]
        out.append((f, cands, [features(ctx, f, c, cue_tok, rank, rule_distance) for c, rank in zip(cands, ranks)]))
    return out


def choose_speakers(ctx: QuoteContext, found: list[Found], model: SpeakerModel) -> None:
    """Replace the rules' speaker of a direct quote by the candidate the model prefers, when it scores more
    than ``model.margin`` above the rules' own."""
    for f, cands, feats in quote_examples(ctx, found, choices_only=True):
        scores = [model.score(fs) for fs in feats]
        rule = next(k for k, c in enumerate(cands) if c.rule)
        best = max(range(len(cands)), key=lambda k: scores[k])
        if best != rule and scores[best] > scores[rule] + model.margin and cands[best].span is not None:
            f.quote.speaker = speaker_model(cands[best].span)
