"""Quotation marks: which marks of a text pair up into quoted stretches (pure text, no spaCy).

Marks of any common kind (" “” ‘’ «» „“ ``''``) are paired by kind on a stack, paragraph by paragraph, so
nested quotes work and one unbalanced mark costs only the quote it belongs to. An apostrophe (contractions,
plural possessives such as "leaders’ ") is never taken for a closing mark when a better one follows.
A paragraph that opens a quote and does not close it continues into the next paragraph's opening mark:
the pieces share a ``group``. Attribute quotes inside HTML/XML tags are not quotation marks.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import re
from dataclasses import dataclass
from typing import Optional

_DOUBLE_FAMILY = {"curly", "low", "guil", "tex", "straight"}  # the kinds a quote may run on across paragraphs
_MARK_CHARS = re.compile("[`'\"“”„«»‘’]")
_MARKUP = re.compile(r"<[A-Za-z/][^<>\n]{0,400}>")


@dataclass
class QuotePair:
    """A quoted stretch: content offsets (without the marks) and the marks' offsets.

    ``group``: pieces of one quote running over several paragraphs share it; ``closed``: False for a
    piece whose paragraph ends before its closing mark."""

    start: int
    end: int
    open_at: int
    close_at: int
    kind: str
    group: int = -1
    closed: bool = True


def find_quote_marks(text: str, paragraphs: list[tuple[int, int]]) -> list[QuotePair]:
    """Quoted stretches of ``text``: outermost pairs only, multi-paragraph quotes as grouped pieces."""
    text = _mask_markup(text)
    out: list[QuotePair] = []
    group = 0
    carry: Optional[tuple[str, int]] = None  # (family, group) of a quote running on from the last paragraph
    for p, (pstart, pend) in enumerate(paragraphs):
        pairs, left_open = _Scanner(text, pstart, pend).scan()
        # a paragraph that continues a running quote: its first mark is the continuation opener,
        # and its closing mark may sit anywhere in it
        if carry is not None:
            first = [q for q in pairs if q.open_at == pstart]
            if first:
                first[0].group = carry[1]
            else:
                lo = [k for k in left_open if k[1] == pstart]
                if not lo:
                    carry = None
        pairs = _outermost(pairs)
        prev = None
        for q in sorted(pairs, key=lambda q: q.open_at):
            if q.group < 0:
                if prev is not None and not prev.closed and not text[prev.close_at:q.open_at].strip():
                    q.group = prev.group  # the next sentence of a quote reopened without closing the last
                else:
                    group += 1
                    q.group = group
            out.append(q)
            prev = q
        new_carry = None
        if left_open:
            kind, pos, mlen = left_open[0]
            inside_pair = any(q.open_at < pos < q.close_at for q in pairs)
            nxt = paragraphs[p + 1] if p + 1 < len(paragraphs) else None
            continues = (
                not inside_pair and kind in _DOUBLE_FAMILY and nxt is not None
                and text[nxt[0]:nxt[0] + mlen] in ("“", "\"", "„", "«", "``", "''", "”")
            )
            if continues:
                if carry is not None and pos == pstart:
                    g = carry[1]
                else:
                    group += 1
                    g = group
                out.append(QuotePair(pos + mlen, pend, pos, pend, kind, g, closed=False))
                new_carry = (kind, g)
        carry = new_carry
    out.sort(key=lambda q: q.start)
    return [q for q in out if q.end - q.start >= 1 and text[q.start:q.end].strip()]


def last_char(text: str, end: int) -> str:
    """``text[:end].rstrip()[-1:]`` without copying the text."""
    j = end - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return text[j] if j >= 0 else ""


def _mask_markup(text: str) -> str:
    """``text`` with HTML/XML tags blanked out (their attribute quotes are not quotation marks)."""
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


def _outermost(pairs: list[QuotePair]) -> list[QuotePair]:
    """``pairs`` without those inside another (opened before and closed after it), in order."""
    if len(pairs) < 2:
        return pairs
    by_open = sorted(pairs, key=lambda q: q.open_at)
    opens = [q.open_at for q in by_open]
    reach = list(itertools.accumulate((q.close_at for q in by_open), max))  # the latest close among the first k
    out = []
    for q in pairs:
        k = bisect.bisect_left(opens, q.open_at)  # by_open[:k] opened before q
        if not (k and reach[k - 1] > q.close_at):
            out.append(q)
    return out


# ---- the characters around a mark


def _is_space(c: str) -> bool:
    return c == "" or c.isspace()


def _opening_context(prev: str) -> bool:
    return _is_space(prev) or prev in "([{—–-/:;\"“‘«„"


def _closer_like(prev: str, nxt: str) -> bool:
    return not _is_space(prev) and not nxt.isalnum()


def _possessive_like(text: str, i: int, end: int) -> bool:
    """``’`` after an ``s`` and followed by a space and a word: "the leaders’ views"."""
    if text[i - 1:i] not in ("s", "S"):
        return False
    j = i + 1
    return j < end and text[j] == " " and j + 1 < end and text[j + 1].isalnum()


class _SingleClosers:
    """Whether a non-possessive closing single ``mark`` (``’`` or ``'``) follows offset ``i`` of the paragraph
    ``text[start:end]`` before the next opener or line break. The positions where the answer is decided (an
    opener, a non-possessive closer, a line break) are found once per mark, and each question takes the first
    of them after its mark."""

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.decided: dict[str, tuple[list[int], list[bool]]] = {}

    def __call__(self, i: int, mark: str) -> bool:
        decided = self.decided.get(mark)
        if decided is None:
            decided = self.decided[mark] = self._decided(mark)
        positions, answers = decided
        k = bisect.bisect_right(positions, i)
        return answers[k] if k < len(positions) else False

    def _decided(self, mark: str) -> tuple[list[int], list[bool]]:
        text, end = self.text, self.end
        opener = "‘" if mark == "’" else "'"
        positions: list[int] = []
        answers: list[bool] = []
        # at each j (j > i >= start, so text[j - 1] exists): an opener says no, a closer yes, a line break no
        for m in _SINGLE_DECIDERS[mark].finditer(text, self.start + 1, end):
            j = m.start()
            c = text[j]
            if c == opener and _opening_context(text[j - 1]):
                answer = False
            elif c == mark and _closer_like(text[j - 1], text[j + 1:j + 2]) and not _possessive_like(text, j, end):
                answer = True
            elif c == "\n":
                answer = False
            else:
                continue
            positions.append(j)
            answers.append(answer)
        return positions, answers


_SINGLE_DECIDERS = {"’": re.compile("[‘’\n]"), "'": re.compile("['\n]")}  # opener, mark, line break


class _Stack(list):
    """The open marks of a paragraph ``(kind, offset, mark length)``, counted by kind."""

    def __init__(self):
        super().__init__()
        self.open = collections.Counter()

    def append(self, item: tuple[str, int, int]) -> None:
        super().append(item)
        self.open[item[0]] += 1

    def __delitem__(self, index) -> None:
        for kind, _, _ in (self[index] if isinstance(index, slice) else [self[index]]):
            self.open[kind] -= 1
        super().__delitem__(index)


class _Scanner:
    """The marks of one paragraph ``text[start:end]``, left to right: the ``pairs`` closed so far and the
    ``stack`` of marks still open. Each mark character has a reader (below) that opens, closes or skips it
    and says how many characters it took."""

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.stack = _Stack()
        self.pairs: list[QuotePair] = []
        self.better_single_closer = _SingleClosers(text, start, end)

    def scan(self) -> tuple[list[QuotePair], _Stack]:
        """Paired quotation marks of the paragraph, and the marks left open at its end."""
        text, start, end = self.text, self.start, self.end
        i = start
        while i < end:
            # only quotation marks, apostrophes and backticks change anything: jump to the next one
            m = _MARK_CHARS.search(text, i, end)
            if m is None:
                break
            i = m.start()
            prev = text[i - 1] if i > start else ""
            nxt = text[i + 1] if i + 1 < end else ""
            i += _READERS[text[i]](self, i, prev, nxt)
        return self.pairs, self.stack

    def has_open(self, kind: str) -> bool:
        return self.stack.open[kind] > 0

    def open(self, kind: str, at: int, length: int) -> None:
        self.stack.append((kind, at, length))

    def close(self, kinds: tuple[str, ...], at: int, length: int) -> bool:
        """Pair the innermost open mark of one of ``kinds`` with the mark at ``at`` (what opened after it is dropped)."""
        stack = self.stack
        if not any(stack.open[kind] for kind in kinds):
            return False  # (the search below deletes what it passes, but finds nothing here)
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] in kinds:
                kind, pos, mlen = stack[k]
                del stack[k:]
                self.pairs.append(QuotePair(pos + mlen, at, pos, at + length, kind))
                return True
        return False

    # ---- the readers, one a mark character

    def backtick(self, i: int, prev: str, nxt: str) -> int:
        if nxt == "`":
            self.open("tex", i, 2)
            return 2
        return 1

    def apostrophe(self, i: int, prev: str, nxt: str) -> int:
        if nxt == "'":
            return self._two_apostrophes(i, prev)
        if self.has_open("sstraight") and _closer_like(prev, nxt):
            if not (_possessive_like(self.text, i, self.end) and self.better_single_closer(i, "'")):
                self.close(("sstraight",), i, 1)
        elif _opening_context(prev) and nxt.isalpha():
            self.open("sstraight", i, 1)
        return 1

    def _two_apostrophes(self, i: int, prev: str) -> int:
        """A closing mark ``''``, or (newspaper style) an opening one."""
        after = self.text[i + 2] if i + 2 < self.end else ""
        if self.has_open("tex") and not (_opening_context(prev) and after.isalnum()):
            self.close(("tex",), i, 2)
        elif _opening_context(prev) and not _is_space(after):
            self.open("tex", i, 2)
        return 2

    def left_double(self, i: int, prev: str, nxt: str) -> int:  # “
        if self.has_open("low") and not _opening_context(prev):
            self.close(("low",), i, 1)
        elif self.has_open("curly") and not _is_space(prev) and not nxt.isalnum():
            self.close(("curly",), i, 1)  # a mis-typed closing mark
        else:
            self.open("curly", i, 1)
        return 1

    def right_double(self, i: int, prev: str, nxt: str) -> int:  # ”
        curly, low = self.has_open("curly"), self.has_open("low")
        if self.has_open("straight") and not curly and not low and not _is_space(prev):
            self.close(("straight",), i, 1)  # "...”: mixed marks, closing in context
        elif curly or low:
            if not (_opening_context(prev) and nxt.isalnum() and not low):
                self.close(("curly", "low"), i, 1)
            else:
                # a mis-typed opening mark while one is open: the earlier one was unbalanced
                self.close(("curly",), i, 0)
                self.pairs.pop()
                self.open("curly", i, 1)
        elif _opening_context(prev) and (nxt.isalnum() or nxt in "‘'"):
            self.open("curly", i, 1)
        return 1

    def straight_double(self, i: int, prev: str, nxt: str) -> int:  # "
        if self.has_open("straight"):
            if _opening_context(prev) and not _is_space(nxt) and nxt not in ".,;:!?)":
                # a new opener: the open one was never closed
                stack = self.stack
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == "straight":
                        self._reopened(stack[k], i)
                        del stack[k:]
                        break
                self.open("straight", i, 1)
            else:
                self.close(("straight",), i, 1)
        elif (self.has_open("curly") or self.has_open("low")) and not _is_space(prev) and not nxt.isalnum():
            self.close(("curly", "low"), i, 1)  # “...": mixed marks, closing in context
        elif not _is_space(nxt) or _opening_context(prev):
            self.open("straight", i, 1)
        return 1

    def _reopened(self, mark: tuple[str, int, int], at: int) -> None:
        """The open ``mark`` met a new opener at ``at`` right after a sentence's stop ('"We lost. "It hurts."'):
        the writer opened the quote's next sentence again without closing the last (BBC style), so the stretch up
        to the stop is a quote of its own (not closed by a mark, like a paragraph's piece of a long quote)."""
        kind, pos, mlen = mark
        content = self.text[pos + mlen:at].rstrip()
        if content[-1:] in (".", "!", "?"):
            end = pos + mlen + len(content)
            self.pairs.append(QuotePair(pos + mlen, end, pos, end, kind, closed=False))

    def low_double(self, i: int, prev: str, nxt: str) -> int:  # „
        self.open("low", i, 1)
        return 1

    def left_guillemet(self, i: int, prev: str, nxt: str) -> int:  # «
        self.open("guil", i, 1)
        return 1

    def right_guillemet(self, i: int, prev: str, nxt: str) -> int:  # »
        self.close(("guil",), i, 1)
        return 1

    def left_single(self, i: int, prev: str, nxt: str) -> int:  # ‘
        if not (prev.isalnum() and nxt.isalnum()):
            self.open("single", i, 1)
        return 1

    def right_single(self, i: int, prev: str, nxt: str) -> int:  # ’
        if self.has_open("single") and _closer_like(prev, nxt):
            if not (_possessive_like(self.text, i, self.end) and self.better_single_closer(i, "’")):
                self.close(("single",), i, 1)
        return 1


_READERS = {
    "`": _Scanner.backtick, "'": _Scanner.apostrophe, "“": _Scanner.left_double, "”": _Scanner.right_double,
    '"': _Scanner.straight_double, "„": _Scanner.low_double, "«": _Scanner.left_guillemet,
    "»": _Scanner.right_guillemet, "‘": _Scanner.left_single, "’": _Scanner.right_single,
}
