"""All the quotes of a doc: direct and indirect ones merged, speakers inherited and resolved.

An indirect clause that holds a short quoted fragment makes a mixed quote; one that is mostly a direct quote
gives way to it. A direct quote with no cue of its own takes the speaker of the quote it continues (same
multi-paragraph quote, same paragraph, or the quote that ended the paragraph before), else the subject it
guessed from the next or previous sentence. Nothing in the article's title line is a quote. Names are then
resolved within the article
(:mod:`~claimpipe.nlp.components.quotes.speakers`).
"""

from __future__ import annotations

import bisect
import itertools
from typing import Optional, Union

from spacy.tokens import Doc

from claimpipe.nlp.components.paragraphs import iter_paragraphs
from claimpipe.nlp.components.quotes.chooser import SpeakerModel, choose_speakers
from claimpipe.nlp.components.quotes.context import Found, QuoteContext, QuoteWords
from claimpipe.nlp.components.quotes.direct import FUNCTION_WORDS, direct_quotes, is_fragment
from claimpipe.nlp.components.quotes.indirect import indirect_quotes
from claimpipe.nlp.components.quotes.learned import CueModel
from claimpipe.nlp.components.quotes.marks import find_quote_marks
from claimpipe.nlp.components.quotes.speakers import resolve_speakers
from claimpipe.nlp.faults import Report
from claimpipe.nlp.offsets import SpanIndex
from claimpipe.schema import Quote


def extract_quotes(doc: Doc, *, words: Optional[QuoteWords] = None, report: Optional[Report] = None,
                   model: Union[CueModel, str, None] = "shipped",
                   speakers: Union[SpeakerModel, str, None] = "shipped") -> list[Quote]:
    """Direct, mixed and indirect quotes of ``doc`` with their cues and resolved speakers.

    ``words``: the word lists to read (the component's; the shipped ones by default).
    ``model``: the trained cue model that decides reported speech (:mod:`.learned`): ``"shipped"`` (the
    default) for the one shipped with claimpipe, None for the word-list rules alone.
    ``speakers``: the trained speaker chooser (:mod:`.chooser`): ``"shipped"`` (the default), None for the
    rules' speakers alone.
    ``report(exc, where)``: called when one quote, one reported clause or the speaker resolution raises,
    which then costs only that item (the component passes :func:`claimpipe.nlp.faults.reporter`); without it
    the exception propagates.
    """
    if report is None:
        report = _raise
    if not len(doc):
        return []
    if isinstance(model, str):
        if model != "shipped":
            raise ValueError(f"model must be a CueModel, None or 'shipped', not {model!r}")
        model = CueModel.shipped()
    if isinstance(speakers, str):
        if speakers != "shipped":
            raise ValueError(f"speakers must be a SpeakerModel, None or 'shipped', not {speakers!r}")
        speakers = SpeakerModel.shipped()
    ctx, found = speaker_context(doc, words, model, report)
    if speakers is not None:
        try:
            choose_speakers(ctx, found, speakers)
        except Exception as exc:  # noqa: BLE001 - the rules' speakers stay
            report(exc, "speaker chooser")
    quotes = [f.quote for f in found]
    try:
        resolve_speakers(doc, quotes, ctx.words.statement_nouns)
    except Exception as exc:  # noqa: BLE001 - names stay the mentions themselves
        report(exc, "speaker resolution")
    return quotes


def rule_context(doc: Doc, words: Optional[QuoteWords] = None) -> tuple[QuoteContext, SpanIndex, set[int], list[int]]:
    """What the indirect rules start from (for training a cue model): the context without a model, the
    stretches the direct quotes take, the cue tokens they use, and the word lists' candidate cues."""
    ctx = QuoteContext(doc, words if words is not None else QuoteWords.shipped())
    _, taken, used, candidates = _direct(ctx, _paragraph_spans(ctx), _raise)
    return ctx, taken, used, candidates


def speaker_context(doc: Doc, words: Optional[QuoteWords] = None,
                    model: Union[CueModel, str, None] = "shipped",
                    report: Optional[Report] = None) -> tuple[QuoteContext, list[Found]]:
    """What the speaker chooser starts from (:func:`extract_quotes` and its training): the context and the
    quotes found, with the rules' speakers inherited and not yet resolved to names."""
    report = _raise if report is None else report
    if isinstance(model, str):
        model = CueModel.shipped()
    ctx = QuoteContext(doc, words if words is not None else QuoteWords.shipped(), model)
    paragraphs = _paragraph_spans(ctx)
    direct, taken, used, candidates = _direct(ctx, paragraphs, report)
    indirect = indirect_quotes(ctx, taken, used, candidates, report)
    found = [f for f in _merge(doc, direct, indirect) if not in_title(doc, f.quote)]
    _inherit_speakers(found, paragraphs, ctx.text)
    return ctx, found


def _direct(ctx: QuoteContext, paragraphs: list[tuple[int, int]], report: Report):
    """The direct quotes, the stretches they take, their cue tokens, and the candidate cues of the doc."""
    pairs = find_quote_marks(ctx.text, paragraphs)
    candidates = ctx.cues.candidates(ctx.doc)
    direct = direct_quotes(ctx, pairs, candidates, report)
    taken = [(min(f.quote.start, *(a for a, _ in f.pieces)), max(f.quote.end, *(b for _, b in f.pieces)))
             for f in direct]
    used = {f.cue_token for f in direct if f.cue_token is not None}
    return direct, SpanIndex(taken), used, candidates


def in_title(doc: Doc, quote: Quote) -> bool:
    """Whether ``quote`` starts in the article's title line (``doc._.claimpipe_title``): a headline is not a quote."""
    title = doc._.claimpipe_title
    return bool(title) and title[0] <= quote.start < title[1]


def _raise(exc: BaseException, where: str) -> None:
    raise exc


def _paragraph_spans(ctx: QuoteContext) -> list[tuple[int, int]]:
    paras = ctx.doc._.claimpipe_paragraphs
    if paras:
        return [tuple(p) for p in paras]
    return list(iter_paragraphs(ctx.text))


def _merge(doc: Doc, direct: list[Found], indirect: list[Found]) -> list[Found]:
    """Direct and indirect quotes in text order: a direct quote inside a reported clause of the rules makes it
    mixed when it is a fragment of it, else replaces it; an indirect quote overlapping a direct one goes."""
    kept_direct = []
    dropped: set[int] = set()
    # the host of each direct quote: the first indirect one of the rules holding it (the model's never host one)
    learned = [g for g in indirect if g.score is not None]
    indirect = [g for g in indirect if g.score is None]
    hosts = _first_holding([(g.quote.start, g.quote.end) for g in indirect], [(f.quote.start, f.quote.end) for f in direct])
    for f, h in zip(direct, hosts):
        host = indirect[h] if h >= 0 else None
        if host is not None and f.quote.kind == "direct":
            if _fragment_of(doc, f.quote, host.quote):
                host.quote.kind = "mixed"
                continue
            if not _cut_before(doc, host, f):
                dropped.add(id(host))
        kept_direct.append(f)
    indirect = [g for g in indirect if id(g) not in dropped] + learned
    blocking = SpanIndex((f.quote.start, f.quote.end) for f in kept_direct if f.quote.kind != "indirect")
    starts = sorted((f.quote.start, k) for k, f in enumerate(kept_direct) if f.quote.kind != "indirect")
    kept = []
    for g in indirect:
        if g.quote.kind == "mixed" or not blocking.overlaps(g.quote.start, g.quote.end):
            kept.append(g)
            continue
        k = bisect.bisect_right(starts, (g.quote.end, len(kept_direct)))  # the first direct quote it runs into
        first = next((kept_direct[j] for _, j in starts[:k] if kept_direct[j].quote.end > g.quote.start), None)
        if first is not None and g.score is None and _cut_before(doc, g, first):
            kept.append(g)
    return sorted(kept_direct + kept, key=lambda f: f.quote.start)


_RUN_ON = frozenset("and but or that saying adding telling while as".split())


def _cut_before(doc: Doc, host: Found, direct: Found) -> bool:
    """Cut the reported clause ``host`` before the direct quote ``direct`` it runs into when that quote has a cue
    of its own ("Smith said he saw no need to change, telling reporters that “...”", "Jones said the plan had
    failed and added, “...”"): the clause keeps its words before the quote (and before the quote's cue, with no
    "and" or "telling" left hanging); False, leaving ``host`` unchanged, when fewer than three words are left
    or the quote is the clause's own."""
    hq, dq = host.quote, direct.quote
    if direct.cue_token is None or direct.cue_token == host.cue_token or dq.start <= hq.start:
        return False
    cut = min([dq.start] + [a for a, _ in direct.pieces])
    if dq.cue is not None and hq.start < dq.cue.start < cut:
        cut = dq.cue.start
    span = doc.char_span(hq.start, cut, alignment_mode="contract")
    if span is None:
        return False
    toks = list(span)
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].lower_ in _RUN_ON):
        toks.pop()
    own = set()
    if host.cue_token is not None:
        cue = doc[host.cue_token]
        own = {t.i for t in cue.subtree} if not cue.is_ancestor(span[0]) else {cue.i}
    rest = [t for t in toks if t.i not in own]
    if sum(1 for t in rest if t.is_alpha) < 3 or not any(t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ not in (
            "aux", "auxpass")) for t in rest):
        return False  # "Back then, she said, she “...”": no clause of its own before the quote
    end = toks[-1].idx + len(toks[-1].text)
    hq.text, hq.end = hq.text[:end - hq.start], end
    return True


def _fragment_of(doc: Doc, quote: Quote, host: Quote) -> bool:
    """Whether ``quote`` is only a quoted fragment of the reported clause ``host`` (a mixed quote)."""
    span = doc.char_span(host.start, host.end, alignment_mode="expand")
    if span is None:
        return False
    inside = sum(1 for t in span if t.is_alpha and quote.start <= t.idx < quote.end)
    outside = sum(1 for t in span if t.is_alpha and not quote.start <= t.idx < quote.end
                  and t.lower_ not in FUNCTION_WORDS)
    return is_fragment(inside, outside)


def _first_holding(spans: list[tuple[int, int]], queries: list[tuple[int, int]]) -> list[int]:
    """For each ``(s, e)`` of ``queries``, the first ``k`` with ``spans[k][0] <= s`` and ``e <= spans[k][1]``, or -1.

    The queries are answered by start; the spans that start at or before one are entered into a Fenwick tree
    over their ends (largest first) that keeps the smallest index, so a query reads the spans ending at or
    after its end."""
    ends = sorted({b for _, b in spans})
    size = len(ends)
    none = len(spans)
    tree = [none] * (size + 1)
    by_start = sorted(range(len(spans)), key=lambda k: spans[k][0])
    out = [-1] * len(queries)
    p = 0
    for q in sorted(range(len(queries)), key=lambda q: queries[q][0]):
        s, e = queries[q]
        while p < len(by_start) and spans[by_start[p]][0] <= s:
            k = by_start[p]
            r = size - bisect.bisect_left(ends, spans[k][1])
            while r <= size:
                if k < tree[r]:
                    tree[r] = k
                r += r & -r
            p += 1
        best = none
        r = size - bisect.bisect_left(ends, e)  # the ranks of the ends >= e
        while r > 0:
            if tree[r] < best:
                best = tree[r]
            r -= r & -r
        out[q] = best if best < none else -1
    return out


def _inherit_speakers(found: list[Found], paragraphs: list[tuple[int, int]], text: str = "") -> None:
    """Quotes with no speaker: the speaker of their multi-paragraph group, of an earlier quote in the
    same paragraph, or of the quote that ends the paragraph before when this one or a quotation mark opens its
    paragraph (a run of quoted paragraphs, before a guess from the sentence after it)."""
    by_group: dict[int, Found] = {}
    for f in found:
        if f.quote.speaker is not None and f.group >= 0:
            by_group.setdefault(f.group, f)
    para_of = _paragraph_of(found, paragraphs)
    last_in_para: dict[int, Found] = {}
    for f in sorted(found, key=lambda f: f.quote.start):
        p = para_of[id(f)]
        if f.quote.speaker is None and f.quote.kind == "direct":
            src = by_group.get(f.group) if f.group >= 0 else None
            if (src is None or src is f) and f.governor is not None:
                f.quote.speaker = f.governor
                last_in_para[p] = f
                continue
            if src is None or src is f:
                src = last_in_para.get(p)
            if src is None and p > 0 and (f.quote.start - paragraphs[p][0] <= 2 or _opens_quoted(text, paragraphs[p])):
                prev = last_in_para.get(p - 1)
                if prev is not None and prev.quote.kind == "direct":
                    src = prev
            if src is not None and src.quote.speaker is not None:
                f.quote.speaker = src.quote.speaker.model_copy()
            elif f.guess is not None:
                f.quote.speaker = f.guess
        if f.quote.speaker is not None and f.quote.kind in ("direct", "mixed"):
            last_in_para[p] = f


def _opens_quoted(text: str, paragraph: tuple[int, int]) -> bool:
    return text[paragraph[0]:paragraph[0] + 1] in ('"', "“")


def _paragraph_of(found: list[Found], paragraphs: list[tuple[int, int]]) -> dict[int, int]:
    """``{id(f): the index of the first paragraph holding f's start, or -1}``."""
    starts = [a for a, _ in paragraphs]
    if not all(x <= y for x, y in zip(starts, starts[1:])):
        return {id(f): next((k for k, (a, b) in enumerate(paragraphs) if a <= f.quote.start < b), -1) for f in found}
    # the first paragraph holding an offset: the first to end after it, if it starts at or before it
    reach = list(itertools.accumulate((b for _, b in paragraphs), max))
    para_of = {}
    for f in found:
        k = bisect.bisect_right(reach, f.quote.start)
        para_of[id(f)] = k if k < len(paragraphs) and paragraphs[k][0] <= f.quote.start else -1
    return para_of
