"""Where a sentence stands among its paragraph's quotation marks (for the claim sources, :mod:`.source`): the
earlier quote a sentence continues, whether an offset lies inside an open quote, whether a quote closes later or
closed before the sentence, and a quoted phrase that is a sentence's subject rather than speech."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Callable, Optional

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from claimpipe.nlp.components.claims.source import SourceIndex

QUOTE_MARKS = "\"“”„«»‘’'`"
OPENING_MARKS = "\"“„«‘'`"


def _tokens(doc: Doc, start: int, end: int) -> Optional[Span]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def inside_any(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether an offset falls inside one of the ``(start, end)`` ranges ``spans`` (a bisection over
    their starts with the furthest end so far, not a scan of every range per offset)."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    furthest = list(accumulate((b for _, b in ordered), max))
    return lambda at: (k := bisect_right(starts, at)) > 0 and furthest[k - 1] > at


def _continued_quote(span: Span, index: SourceIndex, text: str):
    """The earlier quote a sentence continues: it opens with a quotation mark, or its paragraph opened one that
    is not closed before it, and no quote overlaps it."""
    start = span.start_char
    para = text.rfind("\n", 0, start) + 1
    before = text[para:start]
    opens = text[start:start + 1] in OPENING_MARKS
    if not opens:
        if (re.search(r"[.!?][\"”]\s*$", before) or _closed_with_cue(before)) and not any(c in span.text for c in "\"“”"):
            return None  # '... win the title." Wales have lost ...', '... appeal," she added. Sales ...': the quote
            # closed right before the sentence, or closed with its cue
        stripped = before.lstrip()
        opened_para = bool(stripped) and stripped[0] in OPENING_MARKS and sum(
            before.count(c) for c in "\"“”") % 2 == 1  # the paragraph's quote is not closed before the sentence
        marks = max(text.rfind(c, para, start) for c in "\"“”")
        if not opened_para and not (marks >= para and _inside_marks(text, para, start)
                                    and _closes_later(text, start)):
            return None  # nor is a quote the paragraph opened after its start ('X said: "... She was lovely."')
    if opens and _quoted_label(span, text):
        return None
    latest = index.spoken_quotes.before(start + 1)  # the quote with a speaker that ends last, at or before it
    return latest[1] if latest is not None and start - latest[0] < 1500 else None


def _quoted_label(span: Span, text: str) -> bool:
    """The sentence opens with a quoted phrase that is the subject of its own verb ('"Sold out" was the sign on the
    door', '"Home" was painted on the van'): words written or named, the author's, not speech going on."""
    start, end = span.start_char, span.end_char
    close = next((i for i in range(start + 1, end) if text[i] in "\"”"), None)
    if close is None or close + 1 >= end or text[close - 1] in ",.!?;:":
        return False  # '"We won," he said', '"We won."': speech
    after = _tokens(span.doc, close + 1, close + 2) if text[close + 1:close + 2].strip() else \
        _tokens(span.doc, close + 2, close + 3)
    return after is not None and after[0].pos_ in ("AUX", "VERB") and after[0].idx > close


def _closes_later(text: str, at: int) -> bool:
    """The next quotation mark after ``at`` in its paragraph closes a quote (a letter or stop before it), or opens
    one again right after a sentence's stop: the quote the sentence is in ends or runs on, it is no mark left open
    by mistake."""
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    k = min((i for i in (text.find(c, at, end) for c in "\"“”") if i >= 0), default=-1)
    reopened = k > 1 and text[k] != "”" and text[k - 1] == " " and text[k - 2] in ".!?" and text[k + 1:k + 2].isupper()
    return k > 0 and (not text[k - 1].isspace() and text[k] != "“" or reopened)  # or reopened after a stop, '... it
    # was. "I came on ...': the quote runs on, its marks opened again (BBC style) without closing


def _inside_marks(text: str, opened: int, at: int) -> bool:
    """Whether offset ``at`` lies inside the quote opened at ``opened``: the last quotation mark before it (or at
    it) opens a quote (no letter before it, one after it), as a paragraph of a long quote reopens its marks
    without closing them."""
    k = max(text.rfind(c, opened, at + 1) for c in "\"“”")
    if k < opened:
        return True
    if text[k] == "”":
        return False
    before = text[k - 1] if k > 0 else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    return (before.isspace() or before in "(-—") and not after.isspace()


def _closed_with_cue(before: str) -> bool:
    """The text of the paragraph before a sentence ends with a quote closed and attributed ('... appeal," she
    added.'): the quote is over, whatever marks a writer left open before it, and a sentence after it (or after
    the author's sentences that follow it) that opens with no mark is the author's."""
    return _CLOSED_WITH_CUE.search(before) is not None


# a closing mark after a comma or stop, the cue's words up to their stop, then sentences with no mark; or a closing
# mark right after a stop, then only sentences with no mark ('... future." Henman made his debut in 1994. He ...')
_CLOSED_WITH_CUE = re.compile(r"[,.!?][\"”]\s+[^\"“”\n.!?]{2,60}[.!?](\s[^\"“”\n]*)?$|[.!?][\"”]\s+[^\"“”\n]*$")
