"""Calendar arithmetic: a :class:`Point` is a date at a granularity (a day, a week, a quarter, a
season, a decade...) with its TIMEX3 value; :func:`shift` moves one by whole units and raises
:class:`OutOfCalendar` when that leaves the years 1-9999. ``UNDERSPECIFIED`` holds the value of each
granularity when there is no date to resolve against ("XXXX-QX")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from claimpipe.errors import ClaimpipeError


@dataclass(frozen=True)
class Point:
    """A calendar date at a granularity: Y, M, D, W, Q, H (half), S (season), DE, CE."""

    day: date
    gran: str
    season: str = ""

    def value(self) -> str:
        d = self.day
        if self.gran == "D":
            return d.isoformat()
        if self.gran == "M":
            return f"{d.year:04d}-{d.month:02d}"
        if self.gran == "Y":
            return f"{d.year:04d}"
        if self.gran == "W":
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}"
        if self.gran == "Q":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "H":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if self.gran == "S":
            return f"{d.year:04d}-{self.season}"
        if self.gran == "DE":
            return f"{d.year // 10:03d}"
        if self.gran == "CE":
            return f"{d.year // 100:02d}"
        raise ValueError(self.gran)

    def shift(self, n: float) -> "Point":
        """Move by ``n`` units of the point's own granularity."""
        return shift(self.day, self.gran, n, self.season)

    def at(self, gran: str) -> "Point":
        return Point(self.day, gran)


class OutOfCalendar(ClaimpipeError, ValueError):
    """Calendar arithmetic left the years 1-9999 ("200 centuries ago")."""


def shift(d: date, gran: str, n: float, season: str = "") -> Point:
    """``d`` moved by ``n`` units of ``gran``; :class:`OutOfCalendar` when that leaves the calendar."""
    try:
        return _shift(d, gran, n, season)
    except (OverflowError, ValueError) as exc:
        if gran not in UNDERSPECIFIED:
            raise
        raise OutOfCalendar(f"{d} moved by {n} {gran}: {exc}") from None


def _shift(d: date, gran: str, n: float, season: str = "") -> Point:
    n_int = int(n)
    if gran == "D":
        return Point(d + timedelta(days=n_int), "D")
    if gran == "W":
        return Point(d + timedelta(weeks=n_int), "W")
    if gran == "M":
        return Point(d + relativedelta(months=n_int), "M")
    if gran == "Q":
        return Point(d + relativedelta(months=3 * n_int), "Q")
    if gran == "H":
        return Point(d + relativedelta(months=6 * n_int), "H")
    if gran == "S":
        return Point(d + relativedelta(years=n_int), "S", season)
    if gran == "Y":
        return Point(d + relativedelta(years=n_int), "Y")
    if gran == "DE":
        return Point(d + relativedelta(years=10 * n_int), "DE")
    if gran == "CE":
        return Point(d + relativedelta(years=100 * n_int), "CE")
    raise ValueError(gran)


UNDERSPECIFIED = {"Y": "XXXX", "M": "XXXX-XX", "D": "XXXX-XX-XX", "W": "XXXX-WXX", "Q": "XXXX-QX",
                  "H": "XXXX-HX", "DE": "XXX", "CE": "XX", "S": "XXXX-XX"}
