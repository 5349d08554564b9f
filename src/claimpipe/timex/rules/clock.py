"""Clock times: "10:35 a.m.", "16:08 UTC on Monday", "0800 GMT", "noon", "four o'clock in the
afternoon", each on the day its phrase names or else on the day under discussion (:func:`_clock`)."""

from __future__ import annotations

import re

from claimpipe.timex.calendar import Point
from claimpipe.timex.grammar import _MODP, _apply_mod, _day, _month, _safe_date, _tx, _year_for, rule
from claimpipe.timex.lexicon import DAY, MONTH, WEEKDAY, WEEKDAYS, YEAR
from claimpipe.timex.numbers import parse_number
from claimpipe.timex.rules.days import _DEICTIC, _dct_day, _weekday_point


_TZ = r"(?:\s+(?P<tz>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|local\s+time))?"
_DAYSPEC = (rf"(?:,?\s+(?:(?P<dw>{WEEKDAY})|(?P<dd>today|yesterday|tomorrow)|(?P<dm>{MONTH})\s+(?P<dday>{DAY}))"
            rf"(?:,?\s+(?P<dyear>{YEAR}))?)?")
_DAYSPEC_ON = _DAYSPEC.replace(r"(?:,?\s+(?:(?P<dw>", r"(?:,?\s+(?:on\s+)?(?:(?P<dw>", 1)  # '16:08 GMT on Monday'


def _clock(m, ctx, hour: int, minute: int, approx: bool):
    """A clock time on the day its pattern names (weekday, "today", a month and day), or on the latest day
    mentioned in its sentence, or on the dct. Reads the day groups of :data:`_DAYSPEC` when the rule's
    pattern has them (``groupdict``: a rule without them has none to read)."""
    g = m.groupdict()
    point, anchor = None, None
    if g.get("dw"):
        point, anchor = _weekday_point(WEEKDAYS[g["dw"].lower().rstrip(".")], "", ctx)
    elif g.get("dd"):
        point, anchor = _dct_day(_DEICTIC[g["dd"].lower()], ctx)
    elif g.get("dm"):
        mo, dd = _month(g["dm"]), _day(g["dday"])
        if g.get("dyear"):
            y, anchor = int(g["dyear"]), None
        else:
            y, anchor = _year_for(mo, dd, ctx, m.start())
        d = _safe_date(y, mo, dd) if y else None
        point = Point(d, "D") if d else None
    elif ctx.ref is not None and ctx.ref.gran == "D" and ctx.ref_start is not None and (
            ctx.ref_start >= ctx.sentence_start or ctx.tense == "past"):
        point, anchor = ctx.ref, f"mention:{ctx.ref_start}"
    elif ctx.dct is not None:
        point, anchor = Point(ctx.dct, "D"), "dct"
    base = point.value() if point else "XXXX-XX-XX"
    if point is None and g.get("dw"):  # "Tuesday" with nothing to resolve it against: XXXX-WXX-2
        base = f"XXXX-WXX-{WEEKDAYS[g['dw'].lower().rstrip('.')]}"
    tx = _tx(m, "TIME", f"{base}T{hour:02d}:{minute:02d}", anchor=anchor, point=point)
    return _apply_mod(tx, g.get("mod"))


@rule("clock_ampm", rf"{_MODP}(?P<h>1[0-2]|0?\d)(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)"
      rf"{_TZ}{_DAYSPEC}")
def _clock_ampm(m, ctx):
    h = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
    return _clock(m, ctx, h, int(m["min"] or 0), False)


def _check_clock_24(m: re.Match, text: str) -> bool:
    """A 24-hour clock needs what makes it one: a time zone, "hours" or "local time" after it."""
    return bool(m["tz"] or m["hrs"])


@rule("clock_24", rf"{_MODP}(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?:\s*(?P<hrs>hours|hrs)\b)?{_TZ}{_DAYSPEC_ON}",
      check=_check_clock_24)
def _clock_24(m, ctx):
    """'16:08 UTC', '09:30 GMT on Monday' (on that Monday), '14:00 hours', '18:45 local time'."""
    return _clock(m, ctx, int(m["h"]), int(m["min"]), False)


@rule("clock_hhmm_tz", rf"{_MODP}(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)(?:\s*(?P<hrs>hours|hrs)\b)?"
      rf"\s*(?P<tz>(?-i:GMT|UTC|BST|CET|EST|EDT|PST|PDT|Zulu|Z)){_DAYSPEC_ON}")
def _clock_hhmm_tz(m, ctx):
    """Wire-service clock times written without a colon: '0800 GMT', '1430 UTC'."""
    return _clock(m, ctx, int(m["h"]), int(m["min"]), False)


@rule("clock_word", rf"{_MODP}(?P<w>noon|midnight|midday)(?:\s+(?:on\s+)?)?{_DAYSPEC}")
def _clock_word(m, ctx):
    if m["w"][:1].isupper() and m.start() > 0 and m.string[m.start() - 2: m.start()].strip() not in ("", ".", '"', "``"):
        return None  # "High Noon"
    h = {"noon": 12, "midday": 12, "midnight": 24}[m["w"].lower()]
    return _clock(m, ctx, h, 0, False)


@rule("oclock", rf"{_MODP}(?P<h>1[0-2]|0?\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
      rf"(?:\s+o'clock(?:\s+in\s+the\s+(?P<part>morning|afternoon|evening))?|\s+in\s+the\s+(?P<part2>morning|afternoon|evening))"
      rf"{_DAYSPEC}")
def _oclock(m, ctx):
    h = int(parse_number(m["h"]) or 0)
    part = m["part"] or m["part2"]  # "four o'clock in the afternoon", "4 in the morning"
    if part and part.lower() in ("afternoon", "evening") and h < 12:
        h += 12
    return _clock(m, ctx, h, 0, False)
