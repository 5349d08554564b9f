"""Lookups by character offset that cost a bisection, not a pass over every mention of the article.

:class:`MentionIndex` answers, for a span of the text, which of a list of mentions (anything with ``start`` and
``end``) lie inside it or overlap it, in the order of the list, exactly as the plain list comprehensions do;
:class:`SpanIndex` whether an offset lies inside, or a span overlaps, any of a list of ``(start, end)`` pairs. Long articles have many
claims and many mentions: asking every claim about every mention would grow with the square of the length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterable, Sequence


class SpanIndex:
    """``(start, end)`` pairs, in any order and overlapping or not, sorted by start, with the running furthest end."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        # reach[k]: the furthest end among the first k + 1 pairs by start
        self.reach = list(accumulate((b for _, b in ordered), max))

    def covers(self, i: int) -> bool:
        """``any(a <= i < b for a, b in spans)``."""
        k = bisect_right(self.starts, i)  # the pairs that start at or before ``i``
        return k > 0 and self.reach[k - 1] > i

    def overlaps(self, start: int, end: int) -> bool:
        """``any(a < end and start < b for a, b in spans)``."""
        k = bisect_left(self.starts, end)  # the pairs that start before ``end``
        return k > 0 and self.reach[k - 1] > start


class MentionIndex:
    """A list of mentions (objects with ``start`` and ``end``), indexed by start."""

    def __init__(self, items: Sequence):
        self.items = items
        self.order = sorted(range(len(items)), key=lambda k: items[k].start)
        self.starts = [items[k].start for k in self.order]
        self.reach = list(accumulate((items[k].end for k in self.order), max))
        self.in_order = all(k == j for j, k in enumerate(self.order))
        # a mention ending before it starts can lie inside a span it starts after: those are checked one by one
        self.backwards = [k for k, m in enumerate(items) if m.end < m.start]

    def _listed(self, chosen: list[int]) -> list:
        if not self.in_order:
            chosen.sort()  # back to the order of the list
        return [self.items[k] for k in chosen]

    def inside(self, start: int, end: int) -> list:
        """``[m for m in items if m.start >= start and m.end <= end]``."""
        items, order = self.items, self.order
        lo = bisect_left(self.starts, start)
        hi = bisect_right(self.starts, end)  # m.start <= m.end <= end, unless it runs backwards
        chosen = [k for k in order[lo:hi] if items[k].end <= end]
        if self.backwards:
            seen = set(chosen)
            chosen += [k for k in self.backwards if k not in seen and items[k].start >= start and items[k].end <= end]
            chosen.sort()
        return self._listed(chosen)

    def overlapping(self, start: int, end: int) -> list:
        """``[m for m in items if m.start < end and m.end > start]``."""
        items, order = self.items, self.order
        lo = bisect_right(self.reach, start)  # before lo, no mention ends after ``start``
        hi = bisect_left(self.starts, end)  # from hi on, none starts before ``end``
        return self._listed([k for k in order[lo:hi] if items[k].end > start])

    def any_overlapping(self, start: int, end: int) -> bool:
        """``any(m.start < end and start < m.end for m in items)``."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start
