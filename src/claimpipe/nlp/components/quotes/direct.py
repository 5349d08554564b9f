"""Direct quotes: a quoted stretch with its cue and speaker, or none when it is not a statement.

For each pair of quotation marks (:mod:`~claimpipe.nlp.components.quotes.marks`) the cue is the reporting
verb in its paragraph that the parse ties to the quote, else the nearest one a few words away; else
``X said: "..."`` / ``X: "..."`` before it or ``"..." — X`` after it. A quoted fragment inside reported
speech (X said the plan was "dead on arrival") makes a **mixed** quote whose content is the reported clause.
A quoted stretch tied to no cue and too short to be a statement (a scare-quoted word, a title) is no quote.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span, Token

from claimpipe import lexicon
from claimpipe.nlp.components.quotes.context import Found, QuoteContext, Spans, SpansAnd, each_isolated, inside
from claimpipe.nlp.components.quotes.cues import Cues, cue_span
from claimpipe.nlp.components.quotes.marks import QuotePair, last_char
from claimpipe.nlp.components.quotes.mentions import (
    according_to, appositive_name, governing_subject, relayed_by, mention, name_after, next_subject, previous_subject, speaker_model, speaker_token, subject_of,
)
from claimpipe.nlp.faults import Report
from claimpipe.nlp.offsets import SpanIndex
from claimpipe.schema import Cue, Quote

FUNCTION_WORDS = frozenset("that about of as it this to the a an was is be were are".split())


def direct_quotes(ctx: QuoteContext, pairs: list[QuotePair], candidates: list[int], report: Report) -> list[Found]:
    """The direct and mixed quotes of ``pairs``; ``candidates``: the tokens that may be cues
    (:meth:`Cues.candidates`). A pair that raises is reported and costs only itself."""
    quoted = SpanIndex((q.open_at, q.close_at) for q in pairs)  # the same for every pair: indexed once
    quoted_content = SpanIndex((q.start, q.end) for q in pairs)
    return each_isolated(pairs, lambda pair: _one_direct(ctx, pair, quoted, quoted_content, candidates),
                         lambda pair: f"quote at {pair.start}", report)


def _one_direct(ctx: QuoteContext, pair: QuotePair, quoted: SpanIndex, quoted_content: SpanIndex,
                candidates: list[int]) -> Optional[Found]:
    doc = ctx.doc
    start, end = _content_span(ctx.text, pair.start, pair.end)
    if end <= start:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    cue: Optional[Span] = None
    speaker: Optional[Span] = None
    cue_tok: Optional[Token] = None
    kind = "direct"
    content = (start, end)
    hit = _find_direct_cue(ctx, pair, span, quoted, candidates)
    if hit is not None and not hit[1] and not _framed(ctx.text, pair, hit[0]):
        if _colon_speaker(ctx, pair) is not None:
            hit = None
    if hit is not None and hit[0].i < span.start and _signed_line(ctx, pair, hit[0]):
        hit = None
    if hit is not None:
        verb, tied = hit
        if verb.lower_ == "according":
            acc = according_to(verb)
            if acc:
                cue, speaker = acc
        else:
            cue_tok = verb
            cue = cue_span(verb)
            subj = speaker_token(ctx.cues, verb, quoted_content)
            speaker = mention(subj) if subj is not None else None
            if verb.idx >= pair.close_at and (speaker is None or speaker.start_char < pair.close_at):
                speaker = name_after(doc, pair, verb) or speaker
            relayed = relayed_by(verb)
            if relayed is not None:
                speaker = relayed
            if tied:
                mixed = _mixed_content(ctx, verb, span, start, end)
                if mixed is not None:
                    kind, content = "mixed", mixed
    if cue is None:
        colon = _colon_speaker(ctx, pair)
        if colon is not None:
            cue, speaker, cue_tok = colon
            hit = (cue_tok, True) if cue_tok is not None else None
        else:
            dash = _dash_speaker(ctx, pair)
            if dash is not None:
                cue, speaker = dash
    if cue is None and not _is_statement(span):
        return None  # a scare-quoted word or a title
    if cue is not None and hit is not None and not hit[1] and not _is_statement(span) \
            and not _framed(ctx.text, pair, hit[0]):
        return None  # a short quoted phrase near, but not tied to, a reporting verb
    guess = governor = None
    if cue is None:
        governor = governing_subject(ctx, pair, span, quoted_content)
        guess = next_subject(ctx, pair, quoted_content) or previous_subject(ctx, pair, quoted_content)
    a, b = content
    q = Quote(
        text=ctx.text[a:b], start=a, end=b, kind=kind,
        cue=Cue(text=cue.text, start=cue.start_char, end=cue.end_char) if cue is not None else None,
        speaker=speaker_model(speaker),
    )
    return Found(q, cue_tok.i if cue_tok is not None else None, pair.group, [(pair.start, pair.end)],
                 speaker_model(guess), speaker_model(governor))


def _content_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---- the cue in the quote's paragraph


def _find_direct_cue(ctx: QuoteContext, pair: QuotePair, span: Span, quoted: SpanIndex,
                     candidates: list[int]) -> Optional[tuple[Token, bool]]:
    """The reporting verb of a quoted span, in its paragraph: (verb, tied by the parse).

    ``candidates``: the tokens that pass :meth:`Cues.may_report`, the only ones that can be a cue here."""
    doc = ctx.doc
    first, last = span.start, span.end  # tokens of the content
    pa, pb = ctx.line_bounds(pair.open_at, pair.close_at)
    skip = SpansAnd(quoted, pair.open_at, pair.close_at)
    # tokens left of the opening mark in its sentence, right of the closing mark up to the sentence end
    # (the sentence is looked up only when a possible cue is in the paragraph on that side)
    k = bisect.bisect_left(candidates, first)
    left = []
    if k > 0 and doc[candidates[k - 1]].idx >= pa:
        ls, _ = ctx.sentence_bounds(first - 1 if first > 0 else 0)
        left = [t for t in _window(doc, ls, first, skip, candidates) if t.idx >= pa]
    after = last
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space) and doc[after].idx < pair.close_at + 2:
        after += 1
    right = []
    k = bisect.bisect_left(candidates, last)
    if after < len(doc) and doc[after].idx < pb and k < len(candidates) and doc[candidates[k]].idx < pb:
        _, re_ = ctx.sentence_bounds(after)
        right = [t for t in _window(doc, last, re_, skip, candidates) if t.idx < pb]
    found = [t for t in left + right if ctx.cues.is_cue_verb(t) or t.lower_ == "according"]
    if not found:
        return None
    linked = [t for t in found if t.lower_ != "according" and _linked(t, span)]
    distances: dict[int, int] = {}

    def distance(t: Token) -> int:
        if t.i not in distances:
            distances[t.i] = _cue_distance(ctx.cues, t, first, last)
        return distances[t.i]

    if linked:
        return min(linked, key=distance), True
    near = [t for t in found if distance(t) <= 3 and not _reports_its_own(ctx.text, pair, t)]
    if near:
        return min(near, key=distance), False
    return None


def _reports_its_own(text: str, pair: QuotePair, verb: Token) -> bool:
    """Whether ``verb``, after a quote that ends its sentence with a stop, opens a sentence of its own that
    reports its own clause ('"... in Nice." He said he had called the French.'): not the quote's cue."""
    if verb.idx < pair.close_at or last_char(text, pair.end) != ".":
        return False
    node = verb  # the verb, or a verb its clause hangs from ('"..." She said she had asked ...': not "asked")
    for _ in range(6):
        if any(c.dep_ == "ccomp" and c.i > node.i for c in node.children) and node.idx >= pair.close_at:
            return True
        if node.head.i == node.i or node.head.idx < pair.close_at:
            return False
        node = node.head
    return False


def _window(doc: Doc, start_tok: int, end_tok: int, quoted: Spans, among: list[int]) -> list[Token]:
    """The tokens ``among`` (indices in order) of ``doc[start_tok:end_tok]`` outside the ``quoted`` stretches."""
    lo = bisect.bisect_left(among, max(start_tok, 0))
    hi = bisect.bisect_left(among, min(end_tok, len(doc)))
    return [t for t in (doc[i] for i in among[lo:hi]) if not inside(t.idx, quoted)]


def _cue_distance(cues: Cues, t: Token, first: int, last: int) -> int:
    """The words between cue ``t`` and the quote ``doc[first:last]``, not counting punctuation, adverbs, the
    cue's own subject after the quote or its ``according to X``, and the cue's own time or place before the
    quote ("who declared at the town hall, "..."")."""
    doc = t.doc
    if t.i < first:
        between = doc[t.i + 1:first]
    else:
        between = doc[last:t.i]
    subj = subject_of(cues, t) if t.i >= last else None
    own = {x.i for x in subj.subtree} if subj is not None and subj.i >= last else set()
    if t.i < first:
        for child in t.rights:
            if child.dep_ in ("prep", "npadvmod") and child.i < first:
                ends = _subtree_ends(child)
                if ends[1] < first:
                    own.update(range(ends[0], ends[1] + 1))
    if t.lower_ == "according":
        acc = according_to(t)
        if acc is not None:
            own = set(range(t.i, acc[1].end))
    return sum(1 for b in between if not (b.is_punct or b.is_space or b.i in own or b.pos_ == "ADV"))


def _quote_root(span: Span) -> Optional[Token]:
    """The first token of ``span`` whose head is outside it (or itself), preferring words to punctuation."""
    first_root = None
    for t in span:
        head = t.head.i
        if not (span.start <= head < span.end) or head == t.i:
            if not t.is_punct and not t.is_space:
                return t
            if first_root is None:
                first_root = t
    return first_root


def _linked(verb: Token, span: Span) -> bool:
    """Whether the parse ties ``verb`` to the quoted ``span`` (either way round; a quote of several sentences
    is tied by any of them: '"A? B," X said' with only B hanging from the verb)."""
    root = _quote_root(span)
    if root is None:
        return False
    if verb.i >= span.end and not any(t.pos_ in ("VERB", "AUX") for t in span.doc[span.end:verb.i]) \
            and any(t.head.i == verb.i and not t.is_punct for t in span):
        return True  # the first verb after the quote
    node = root
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        if node.i == verb.i:
            return True
        if not node.is_punct and node.pos_ in ("VERB", "AUX") and node.i != verb.i and node.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "parataxis"):
            break
    node = verb
    for _ in range(4):
        if node.head.i == node.i:
            break
        node = node.head
        if span.start <= node.i < span.end:
            return True
    return False


def _framed(text: str, pair: QuotePair, verb: Token) -> bool:
    """A quote set off as speech around ``verb``: ``"...," X said`` or ``X said, "..."``."""
    if verb.idx > pair.close_at:
        return last_char(text, pair.end) in (",", "?", "!") and \
            len(text[pair.close_at:verb.idx].split()) <= 3
    between = text[verb.idx + len(verb.text):pair.open_at].strip()
    return between in (",", ":")


# ---- speakers set off by a colon or a dash


def _colon_before(ctx: QuoteContext, pair: QuotePair) -> Optional[tuple[int, Span, Span]]:
    """The colon or comma right before the opening mark: (its offset, its span, the sentence it ends), or None."""
    text = ctx.text
    j = pair.open_at - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or text[j] not in ":,":
        return None
    colon = ctx.doc.char_span(j, j + 1, alignment_mode="expand")
    if colon is None or colon.start == 0:
        return None
    return j, colon, ctx.doc[colon.start - 1].sent


def _signed_line(ctx: QuoteContext, pair: QuotePair, verb: Token) -> bool:
    """Whether the quote opens after ``Headline words - Jane Doe:`` with the cue ``verb`` in the headline words
    (the name after the dash says it, not the subject of ``verb``)."""
    found = _colon_before(ctx, pair)
    if found is None or ctx.text[found[0]] != ":":
        return False
    label = _signed_label(ctx.doc, found[2], found[1])
    return label is not None and verb.i < label.start


def _colon_speaker(ctx: QuoteContext, pair: QuotePair) -> Optional[tuple[Span, Optional[Span], Optional[Token]]]:
    """``X said: "..."`` / ``X: "..."`` (also across a paragraph break): (cue, speaker, cue verb)."""
    doc, text = ctx.doc, ctx.text
    found = _colon_before(ctx, pair)
    if found is None:
        return None
    j, colon, sent = found
    verbs = [t for t in doc[sent.start:colon.start] if ctx.cues.is_cue_verb(t) and not t.is_quote]
    if text[j] == ",":  # 'Ryan said,' ending a line, the quote opening the next: only a reporting verb just before
        if not verbs or verbs[-1].i != colon.start - 1 or "\n" not in text[j:pair.open_at]:
            return None
    elif not verbs and colon.start >= 2 and doc[colon.start - 2].lower_ == "stated":
        verbs = [doc[colon.start - 2]]  # "Stated Stone:": the verb before its subject, tagged as a name
    prev = doc[colon.start - 1]
    if not verbs and prev.pos_ == "VERB" and prev.sent.start < prev.i and \
            (prev.dep_ in ("ROOT", "conj") or prev.head.i > colon.start):
        verbs = [prev]  # "Trump leaned in and boomed:" - the verb right before the colon introduces the quote
    if text[j] == ":":
        signed = _signed_label(doc, sent, colon)
        if signed is not None:
            return colon, signed, None  # "Pollsters agree - Jane Doe:": a digest line, the name after the dash
    if verbs:
        verb = verbs[-1]
        subj = speaker_token(ctx.cues, verb, [])
        return cue_span(verb), (mention(subj) if subj is not None else None), verb
    # the clause the colon ends: its top verb (the parser may join it to the quote after the colon)
    tops = [t for t in doc[sent.start:colon.start] if t.pos_ in ("VERB", "AUX")
            and (t.head.i == t.i or not sent.start <= t.head.i < colon.start)]
    root = tops[0] if tops else sent.root
    if root.pos_ in ("VERB", "AUX") and root.i < colon.start:
        # "Trump went even further:" - the subject of the sentence the colon ends
        subj = speaker_token(ctx.cues, root, [])
        if subj is not None and (subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.pos_ == "PROPN"
                                 or subj.lower_ in ("he", "she", "they", "we", "i") or _speaker_noun(subj)):
            return colon, mention(subj), None
    return _colon_label(doc, sent, colon)


_DASHES = ("-", "—", "–")


def _speaker_noun(tok: Token) -> bool:
    """A common noun that can speak: one with a name in apposition ("One supporter, Jane Doe,") or a noun of a
    person, a body or an outlet ("The campaign", "the spokesman": ``lexicon/speaker_nouns.txt``)."""
    return tok.pos_ == "NOUN" and (appositive_name(tok) is not None or tok.lemma_.lower() in _speaker_nouns())


@lru_cache(maxsize=1)
def _speaker_nouns() -> frozenset[str]:
    return frozenset().union(*(lexicon.words("speaker_nouns.txt", kind) for kind in ("person", "org", "media")))


def _signed_label(doc: Doc, sent: Span, colon: Span) -> Optional[Span]:
    """``But the polls got it right - Jane Doe: "..."``: the short name after a dash that ends a headline-like
    line, even when the words before the dash hold a verb; None when the colon ends no such line."""
    found = _colon_label(doc, sent, colon)
    if found is None or found[1] is None:
        return None
    label = found[1]
    if label.start <= sent.start or doc[label.start - 1].text not in _DASHES:
        return None
    return label


def _as_follows(doc: Doc, sent: Span, colon: Span) -> Optional[Span]:
    """``Transcript as follows: "..."``: the noun before "as follows" (what the quote is), or None."""
    k = colon.start
    if k - 3 < sent.start or [t.lower_ for t in doc[k - 2:k]] not in (["as", "follows"], ["as", "follow"]):
        return None
    head = doc[k - 3]
    return mention(head) if head.pos_ in ("NOUN", "PROPN") else None


def _colon_label(doc: Doc, sent: Span, colon: Span) -> Optional[tuple[Span, Optional[Span], None]]:
    """``HEADLINE - Philip Bump: "..."``, ``Clinton: "..."`` or ``Transcript as follows: "..."``: the short
    name before the colon."""
    follows = _as_follows(doc, sent, colon)
    if follows is not None:
        return colon, follows, None
    # the short name between the last dash or stop and the colon
    k = colon.start - 1
    while k > sent.start and colon.start - k < 6 and not (doc[k - 1].is_punct or doc[k - 1].is_space):
        k -= 1
    while k > sent.start and colon.start - k < 8 and doc[k - 1].lower_ in ("and", "&") and k - 2 >= sent.start \
            and doc[k - 2].pos_ == "PROPN":  # "- Mark Blumenthal and Jon Cohen:": two names
        k -= 2
        while k > sent.start and colon.start - k < 8 and not (doc[k - 1].is_punct or doc[k - 1].is_space):
            k -= 1
    label = doc[k:colon.start]
    if label and all(t.pos_ == "PROPN" or (t.is_title and t.is_alpha) or t.is_punct or t.lower_ in ("and", "&")
                     for t in label) and not any(t.pos_ in ("VERB", "AUX") for t in label) \
            and (k == sent.start or doc[k - 1].text in _DASHES + (".", ";", "|")):
        return colon, label, None
    prev = doc[colon.start - 1]
    if prev.pos_ not in ("PROPN", "NOUN", "PRON") or prev.sent.start < colon.start - 8:
        return None  # "X:" heads only a short line
    head = prev
    while head.dep_ in ("compound", "amod", "det", "poss") and head.head.i > head.i and head.head.i < colon.start:
        head = head.head
    return colon, mention(head), None


def _dash_speaker(ctx: QuoteContext, pair: QuotePair) -> Optional[tuple[Span, Span]]:
    """``"..." — X``: (the dash, the name after it)."""
    doc, text = ctx.doc, ctx.text
    j = pair.close_at
    while j < len(text) and (text[j].isspace() or text[j] == ","):
        j += 1
    if j >= len(text) or text[j] not in "—–-―":
        return None
    if "\n" in text[pair.close_at:j]:
        line_end = ctx.line_bounds(j, j)[1]
        if line_end - j > 80:
            return None  # only a short signature line ("- Sanders.") speaks for the quote above it
    k = j
    while k < len(text) and (text[k] in "—–-―" or text[k].isspace()):
        k += 1
    dash = doc.char_span(j, j + 1, alignment_mode="expand")
    after = doc.char_span(k, min(k + 1, len(text)), alignment_mode="expand")
    if dash is None or after is None:
        return None
    tok = after[0]
    if tok.ent_type_ in ("PERSON", "ORG", "NORP") or (tok.pos_ == "PROPN"):
        ent = ctx.entity_of(tok.i)
        return dash, ent if ent is not None else mention(tok)
    return None


# ---- mixed quotes: a quoted fragment of a reported clause


def _mixed_content(ctx: QuoteContext, verb: Token, span: Span, start: int, end: int) -> Optional[tuple[int, int]]:
    """The reported clause around a quoted fragment, when the fragment is only part of it."""
    doc, text = ctx.doc, ctx.text
    comp = _complement(verb, span)
    if comp is None or comp.dep_ not in ("ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "prep", "advcl"):
        return None
    sub = list(comp.subtree)
    depth = 0
    outside = []
    clean = span.end  # doc[span.end:clean] holds no punctuation but quotation marks
    for t in sub:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        if depth or not t.is_alpha or start <= t.idx < end:
            continue
        if t.idx >= end:
            while clean < t.i and not (doc[clean].is_punct and not doc[clean].is_quote):
                clean += 1
            if clean < t.i:
                break  # after the quote and a comma: another clause
        if t.lower_ in FUNCTION_WORDS:
            continue
        outside.append(t)
    inside_words = [t for t in sub if t.is_alpha and start <= t.idx < end]
    if not is_fragment(len(inside_words), len(outside)):
        return None
    a, b = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    while b > a and text[b - 1] in ".,;: " and not (start <= b - 1 < end):
        b -= 1
    if start <= b <= end:  # the clause ends inside the quote: keep its closing mark
        b = end
        while b < len(text) and text[b] in "\"”’'»":
            b += 1
    if sub[0].lower_ == "that" and len(sub) > 1:
        a = sub[1].idx
    if a == start:  # the clause opens with the quote: keep its opening mark, as its closing one is kept
        while a > 0 and text[a - 1] in "\"“‘'«`":
            a -= 1
    return a, b


def _complement(verb: Token, span: Span) -> Optional[Token]:
    """The child of ``verb`` whose subtree holds ``span`` (its words; end punctuation may hang off the verb)."""
    doc = span.doc
    start, end = span.start, span.end
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while end - start > 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    for child in verb.children:
        first, last = _subtree_ends(child)
        if first <= start and end - 1 <= last and child.dep_ not in ("nsubj", "nsubjpass", "punct"):
            return child
    return None


def _subtree_ends(tok: Token) -> tuple[int, int]:
    """The indices of the first and the last token of ``tok.subtree``, without walking all of it."""
    first = tok
    while (left := next(first.lefts, None)) is not None:
        first = left
    last = tok
    while rights := list(last.rights):
        last = rights[-1]
    return first.i, last.i


def is_fragment(inside_words: int, outside_words: int) -> bool:
    """A quote of ``inside_words`` words is a fragment of a reported clause with ``outside_words`` unquoted words."""
    return outside_words >= 1 and inside_words < 3 * outside_words + 3


def _is_statement(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    if len(words) >= 8:
        return True
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    ends = span.text.rstrip()[-1:] in ".?!,"
    return len(words) >= 4 and has_verb and ends
