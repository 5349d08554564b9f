"""Calendar dates with a day: "March 3, 2014", "3 March 2014", "2014-03-03", "3/3/14", and without a
year "March 3", "March the third", "the 3rd of March" (their year resolved by ``_year_for``)."""

from __future__ import annotations

import re

from claimpipe.timex.calendar import Point
from claimpipe.timex.grammar import (_MODP, _apply_mod, _check_month_word, _day, _month, _safe_date, _tx, _year_for,
                                     rule)
from claimpipe.timex.lexicon import _MONTH_FULL, DAY, MONTH, WEEKDAY, YEAR


@rule("month_day_year", rf"{_MODP}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})")
def _month_day_year(m, ctx):
    d = _safe_date(int(m["year"]), _month(m["mon"]), _day(m["day"]))
    if d is None:
        return None
    return _apply_mod(_tx(m, "DATE", d.isoformat(), point=Point(d, "D"), explicit_year=True), m["mod"])


@rule("day_month_year", rf"{_MODP}(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<year>{YEAR})")
def _day_month_year(m, ctx):
    return _month_day_year(m, ctx)


@rule("iso_date", r"(?P<year>(?:1[5-9]|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<day>[0-3]\d)")
def _iso_date(m, ctx):
    d = _safe_date(int(m["year"]), int(m["mo"]), int(m["day"]))
    return None if d is None else _tx(m, "DATE", d.isoformat(), point=Point(d, "D"), explicit_year=True)


@rule("us_date", r"(?P<mo>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:1[5-9]|20)\d\d|\d\d)")
def _us_date(m, ctx):
    y = int(m["year"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    d = _safe_date(y, int(m["mo"]), int(m["day"]))
    return None if d is None else _tx(m, "DATE", d.isoformat(), point=Point(d, "D"), explicit_year=True)


@rule("month_day", rf"{_MODP}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})(?!\s*[-–]\s*\d|\d|,\d|:\d)",
      check=_check_month_word)
def _month_day(m, ctx):
    return _without_year(m, ctx, _month(m["mon"]), _day(m["day"]))


def _without_year(m, ctx, mo: int, dd: int):
    """Day ``dd`` of month ``mo`` written without a year: in the year :func:`_year_for` gives, else
    ``XXXX-MM-DD``; None for a day no year has."""
    y, anchor = _year_for(mo, dd, ctx, m.start())
    if y is None:
        if _safe_date(2000, mo, dd) is None:  # no year has it ("February 30"); 2000 had a February 29
            return None
        return _apply_mod(_tx(m, "DATE", f"XXXX-{mo:02d}-{dd:02d}"), m["mod"])
    d = _safe_date(y, mo, dd)
    if d is None:
        return None
    return _apply_mod(_tx(m, "DATE", d.isoformat(), anchor=anchor, point=Point(d, "D")), m["mod"])


_ORDINAL_DAYS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINAL_DAYS.update({f"twenty-{w}": 20 + n for w, n in list(_ORDINAL_DAYS.items())[:9]})
_ORDINAL_DAYS.update({"thirtieth": 30, "thirty-first": 31})
_ORDINAL_DAY = "|".join(sorted((k.replace("-", r"[\s-]") for k in _ORDINAL_DAYS), key=len, reverse=True))


@rule("month_day_word", rf"{_MODP}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{_MONTH_FULL})\s+(?:the\s+)?(?P<dw>{_ORDINAL_DAY})"
      rf"(?![\s-]+(?:quarter|half|century|place|time|round|day|week|month|year|of\b))", check=_check_month_word)
def _month_day_word(m, ctx):
    """'March eighth', 'Sunday, May the first' (as transcripts spell dates)."""
    dd = _ORDINAL_DAYS[re.sub(r"[\s-]+", "-", m["dw"].lower())]
    return _without_year(m, ctx, _month(m["mon"]), dd)


@rule("day_month", rf"{_MODP}(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})", check=_check_month_word)
def _day_month(m, ctx):
    return _month_day(m, ctx)
