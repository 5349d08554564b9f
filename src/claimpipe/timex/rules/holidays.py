"""Holidays: "Christmas", "Thanksgiving", "Easter Sunday", "Labor Day" (fixed or movable: each has
the function giving its date in a year), in the year stated or the occurrence nearest the dct."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from dateutil.easter import easter

from claimpipe.timex.calendar import Point
from claimpipe.timex.grammar import _nearest_year, _tx, _year_for, rule
from claimpipe.timex.lexicon import YEAR


def _thanksgiving(y: int) -> date:
    d = date(y, 11, 1)
    return d + timedelta(days=(3 - d.weekday()) % 7 + 21)


def _nth_weekday(y: int, mo: int, wd: int, n: int) -> date:
    d = date(y, mo, 1)
    if n > 0:
        return d + timedelta(days=(wd - d.weekday()) % 7 + 7 * (n - 1))
    last = date(y, mo + 1, 1) - timedelta(days=1) if mo < 12 else date(y, 12, 31)
    return last - timedelta(days=(last.weekday() - wd) % 7)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    r"christmas(?:\s+day)?": lambda y: date(y, 12, 25),
    r"christmas\s+eve": lambda y: date(y, 12, 24),
    r"new\s+year['’]s\s+day": lambda y: date(y, 1, 1),
    r"new\s+year['’]s\s+eve": lambda y: date(y, 12, 31),
    r"independence\s+day|the\s+fourth\s+of\s+july|july\s+fourth": lambda y: date(y, 7, 4),
    r"halloween": lambda y: date(y, 10, 31),
    r"valentine['’]s\s+day": lambda y: date(y, 2, 14),
    r"thanksgiving(?:\s+day)?": _thanksgiving,
    r"labor\s+day": lambda y: _nth_weekday(y, 9, 0, 1),
    r"memorial\s+day": lambda y: _nth_weekday(y, 5, 0, -1),
    r"easter(?:\s+sunday)?": easter,
    r"good\s+friday": lambda y: easter(y) - timedelta(days=2),
    r"veterans\s+day": lambda y: date(y, 11, 11),
    r"election\s+day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    r"martin\s+luther\s+king\s+day": lambda y: _nth_weekday(y, 1, 0, 3),
}
_HOLIDAY_RX = [(re.compile(k, re.I), f) for k, f in HOLIDAYS.items()]


@rule("holiday", r"(?P<h>" + "|".join(HOLIDAYS) + rf")(?:,?\s+(?P<year>{YEAR}))?",
      check=lambda m, text: m.group("h")[:1].isupper() or m.group("h").lower().startswith("the"))
def _holiday(m, ctx):
    fn = next(f for rx, f in _HOLIDAY_RX if rx.fullmatch(m["h"]))
    if m["year"]:
        y, anchor = int(m["year"]), None
    else:
        y, anchor = _year_for(12, 31, ctx, m.start())
        if ctx.dct is not None and anchor == "dct":
            d = fn(ctx.dct.year)
            y = _nearest_year(d.month, d.day, ctx.dct, ctx.tense)
            if fn(y).month != d.month or fn(y).day != d.day:  # a movable feast: compare its own dates
                y = min((y - 1, y, y + 1), key=lambda c: abs((fn(c) - ctx.dct).days))
            if (m.string[max(0, m.start() - 5): m.start()].lower().endswith("last ")) and fn(y) > ctx.dct:
                y -= 1
    if y is None:  # no year and no document date: a fixed holiday still has its month and day
        a, b = fn(2001), fn(2002)
        fixed = (a.month, a.day) == (b.month, b.day)
        return _tx(m, "DATE", f"XXXX-{a.month:02d}-{a.day:02d}" if fixed else "XXXX-XX-XX")
    d = fn(y)
    return _tx(m, "DATE", d.isoformat(), anchor=anchor, point=Point(d, "D"), explicit_year=bool(m["year"]))
