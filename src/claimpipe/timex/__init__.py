"""TIMEX3 normalisation: a rule-based grammar of English temporal expressions (HeidelTime-like).

:func:`find_candidates` matches the grammar (the ``@rule`` functions below, one per kind of
expression) against a text, each rule only near the words it cannot match without, and keeps the
longest non-overlapping matches; :func:`build` turns each match, in text order and with a
:class:`Context`, into a :class:`Timex` ``(type, value, mod, anchor)``. Relative expressions
("yesterday", "last week", "two years ago", "Friday") are resolved against the document creation date
(dct); anaphoric ones ("that year", "the following month", "a year earlier") against the latest date
mentioned before them. With nothing to resolve against, a value stays underspecified ("XXXX-03",
"XXXX-WXX") rather than being guessed.

Nothing here imports spaCy: the caller sets the tense of the clause (``"past"``, ``"present"``,
``"future"``) and the sentence start on the context when it knows them (see :mod:`claimpipe.nlp.components.dates`).
Conventions follow TimeML/TimeBank: decades as ``199``, centuries as ``19``, a decade as ``P10Y``,
quarters as ``1989-Q3`` and three of them as ``P9M``, "Friday night" as ``...TNI``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Optional

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from claimpipe.errors import ClaimpipeError

# --------------------------------------------------------------------------------------- lexicon

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3, "thursday": 4,
    "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}
NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12,
    "a dozen": 12, "hundred": 100, "thousand": 1000, "a thousand": 1000, "a hundred": 100, "one hundred": 100, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a half": 0.5, "half a": 0.5, "half an": 0.5,
}
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "a number of", "numerous", "countless"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "final": 4, "last": 4,
}
# unit word -> (duration code, calendar granularity)
UNITS = {
    "second": ("S", None), "minute": ("M", None), "hour": ("H", None), "day": ("D", "D"),
    "night": ("D", "D"), "week": ("W", "W"), "fortnight": ("W", "W"), "month": ("M", "M"),
    "quarter": ("Q", "Q"), "year": ("Y", "Y"), "decade": ("DE", "DE"), "century": ("CE", "CE"),
    "weekend": ("WE", "W"), "millennium": ("ML", None),
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

_MONTH_FULL = r"january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ABBR = r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
MONTH = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.|(?:{_MONTH_ABBR})(?=\s+\d))"
WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
           r"(?:mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.)")
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUMWORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
            r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
            r"hundred|thousand|dozen)")
NUM = (rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|{_NUMWORD}(?:[- ]{_NUMWORD})*(?:\s+and\s+a\s+half)?|an?(?:\s+(?:hundred|dozen))?"
       r"(?:\s+and\s+a\s+half)?|a\s+couple(?:\s+of)?|couple\s+of|half\s+an?|a\s+half|several|a\s+few|few|many|"
       r"some|a\s+number\s+of|numerous)")
UNIT = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|"
        r"century|centuries|weekends?|millennium|millennia)")
PART = r"(?:morning|afternoon|evening|night)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
DMOD = (r"(?:early|earlier|late|later|mid|the\s+(?:early|late|mid|beginning\s+of|start\s+of|end\s+of|middle\s+of|"
        r"close\s+of|first\s+part\s+of|latter\s+part\s+of|last\s+part\s+of)|(?:the\s+)?end\s+of|"
        r"the\s+turn\s+of|around|about|approximately|roughly|circa|some|nearly|almost|"
        r"more\s+than|less\s+than|under|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|"
        r"fewer\s+than|close\s+to|just\s+over|just\s+under|well\s+over|barely)")
MOD_WORDS = [
    (r"early|earlier|the early|the beginning of|the start of|the first part of", "START"),
    (r"late|later|the late|the end of|end of|the close of|the latter part of|the last part of", "END"),
    (r"mid|the mid|the middle of", "MID"),
    (r"around|about|approximately|roughly|circa|some|close to|the turn of", "APPROX"),
    (r"nearly|almost|barely|just under", "LESS_THAN"),
    (r"less than|under|fewer than", "LESS_THAN"),
    (r"more than|over|just over|well over", "MORE_THAN"),
    (r"at least|no less than", "EQUAL_OR_MORE"),
    (r"at most|up to|no more than|within", "EQUAL_OR_LESS"),
]

REFS = [  # longer forms first: a regex alternation takes the first alternative that matches
    (r"in\s+this\s+day\s+and\s+age|the\s+present\s+time|at\s+the\s+moment|at\s+present|these\s+days|just\s+now|"
     r"nowadays|currently|presently|now|the\s+present|the\s+moment|this\s+time", "PRESENT_REF"),
    (r"(?:in\s+)?(?:the\s+past\s+few|the\s+last\s+few|past\s+few|last\s+few|the\s+recent|the\s+previous|the\s+earlier|"
     r"the\s+past|the\s+last|recent|past|previous|prior|earlier)\s+(?:years|months|weeks|days|decades|centuries|times|quarters)|"
     r"some\s+time\s+ago|a\s+while\s+ago|years\s+ago|long\s+ago|former\s+times|in\s+the\s+past|the\s+past|"
     r"recently|lately|earlier|recent|some\s+time|ago", "PAST_REF"),
    (r"(?:the\s+)?(?:coming|upcoming|next\s+few|future)\s+(?:years|months|weeks|days|decades|centuries|quarters)|"
     r"(?:the\s+)?(?:years|months|weeks|days|decades)\s+(?:ahead|to\s+come)|the\s+near\s+future|"
     r"the\s+foreseeable\s+future|the\s+future|in\s+future|a\s+later\s+date|future|eventually|later", "FUTURE_REF"),
]
# REFS entries that are too ambiguous on their own: only kept in the listed forms
_LONE_AMBIGUOUS = {"once", "earlier", "later", "ago", "some time", "future", "recent", "the moment", "this time",
                   "eventually", "formerly", "years ago"}


def parse_number(text: str) -> Optional[float]:
    """The number a numeral or number words state; None for vague ones ("several")."""
    t = re.sub(r"\s+", " ", text.lower().strip()).replace(",", "")
    if t in VAGUE_NUMBERS:
        return None
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t.endswith(" 1/2"):
        t, half = t[:-4], 0.5
    if t in NUMBERS:
        return NUMBERS[t] + half
    try:
        return float(t) + half
    except ValueError:
        pass
    total = 0.0
    for part in re.split(r"[- ]", t):
        if part not in NUMBERS:
            return None
        v = NUMBERS[part]
        total = total * v if v in (100, 1000) and total else total + v
    return total + half


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def duration_value(n: Optional[float], unit: str) -> str:
    """TIMEX3 duration: P3M, PT2H, P10Y (a decade), P9M (three quarters), PXY (several years)."""
    code, _ = UNITS[unit]
    timeish = unit in ("second", "minute", "hour")
    if code == "DE":
        code, mult = "Y", 10
    elif code == "CE":
        code, mult = "Y", 100
    elif code == "ML":
        code, mult = "Y", 1000
    elif code == "WE":
        code, mult = "D", 2
    elif unit == "fortnight":
        code, mult = "W", 2
    elif code == "Q":
        code, mult = "M", 3
    else:
        mult = 1
    if n is None:
        return f"P{'T' if timeish else ''}X{code}"
    n = n * mult
    if n != int(n):  # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M
        whole, frac = int(n), n - int(n)
        smaller = {"Y": (12, "M", ""), "M": (30, "D", ""), "W": (7, "D", ""), "D": (24, "H", "T"),
                   "H": (60, "M", "")}.get(code) if not (timeish and code == "M") else (60, "S", "")
        if smaller and float(frac * smaller[0]).is_integer():
            head = f"{whole}{code}" if whole else ""
            sep = smaller[2] if not timeish else ""
            return f"P{'T' if timeish else ''}{head}{sep}{int(frac * smaller[0])}{smaller[1]}"
    return f"P{'T' if timeish else ''}{_fmt_num(n)}{code}"


def unit_of(word: str) -> str:
    w = word.lower().rstrip(".")
    if w in ("centuries",):
        return "century"
    if w == "millennia":
        return "millennium"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


def mod_of(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.lower().strip()).rstrip("-")
    for pattern, mod in MOD_WORDS:
        if re.fullmatch(pattern, t):
            return mod
    return None


# ------------------------------------------------------------------------------------ calendar points

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


# ----------------------------------------------------------------------------------------- results

@dataclass
class Timex:
    """One normalised expression; ``point`` is set for resolved calendar dates (the anaphora reference)."""

    start: int
    end: int
    type: str
    value: Optional[str]
    mod: Optional[str] = None
    anchor: Optional[str] = None
    point: Optional[Point] = field(default=None, repr=False)
    explicit_year: bool = False


@dataclass
class Context:
    """What resolution can use: the dct, the latest mentioned dates, the clause's tense."""

    dct: Optional[date] = None
    ref: Optional[Point] = None  # latest resolved calendar date
    ref_start: Optional[int] = None
    year_ref: Optional[Point] = None  # latest date stating its own year
    year_ref_start: Optional[int] = None
    quarter_ref: Optional[Point] = None
    quarter_ref_start: Optional[int] = None
    tense: str = "present"
    sentence_start: int = 0

    def remember(self, tx: Timex) -> None:
        if tx.point is None or tx.type not in ("DATE", "TIME"):
            return
        self.ref, self.ref_start = tx.point, tx.start
        if tx.explicit_year:
            self.year_ref, self.year_ref_start = tx.point, tx.start
        if tx.point.gran == "Q":
            self.quarter_ref, self.quarter_ref_start = tx.point, tx.start


# -------------------------------------------------------------------------------------- the grammar

@dataclass
class Rule:
    """One pattern of the grammar: ``check`` rejects a match before selection, ``build`` normalises it."""

    name: str
    regex: re.Pattern
    build: Callable[[re.Match, Context], Optional[Timex]]
    check: Optional[Callable[[re.Match, str], bool]] = None


RULES: list[Rule] = []


def rule(name: str, pattern: str, check: Optional[Callable] = None, flags: int = re.I, bounded: bool = True):
    """Register ``build(m, ctx) -> Timex|None`` for ``pattern``. A bounded pattern must not touch a word,
    a number or a hyphenated word on either side ("MiG-21", "AMAN-2013", "3.2014" are not dates)."""

    def deco(fn):
        rx = re.compile(rf"(?<![\w'’/.-]){pattern}(?![\w/]|-\w|[.,]\d)" if bounded else pattern, flags)
        RULES.append(Rule(name, rx, fn, check))
        return fn

    return deco


def _tx(m: re.Match, type_: str, value: Optional[str], mod=None, anchor=None, point=None, explicit_year=False):
    return Timex(m.start(), m.end(), type_, value, mod, anchor, point, explicit_year)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def _safe_date(y: int, mo: int, d: int) -> Optional[date]:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _capitalised(m: re.Match, text: str, group: str) -> bool:
    s = m.group(group)
    return s is not None and s[:1].isupper()


def _year_for(month: int, day: Optional[int], ctx: Context, start: int) -> tuple[Optional[int], Optional[str]]:
    """The year of a month (and day) written without one, and what it was resolved against.

    With a dct, the occurrence nearest it (see :func:`_nearest_year`); without one, the latest year stated
    earlier in the text.
    """
    if ctx.dct is not None:
        return _nearest_year(month, day, ctx.dct, ctx.tense), "dct"
    if ctx.year_ref is not None:
        return ctx.year_ref.day.year, f"mention:{ctx.year_ref_start}"
    return None, None


def _nearest_year(month: int, day: Optional[int], dct: date, tense: str) -> int:
    """The year putting a month (and day) nearest the dct; a past-tense clause pushes a date more than two
    months ahead back a year, a future-tense clause one more than two months behind forward a year."""

    def when(y: int) -> date:
        return (_safe_date(y, month, day) or date(y, month, 28)) if day else date(y, month, 15)

    ref = dct if day else date(dct.year, dct.month, 15)
    years = (dct.year - 1, dct.year, dct.year + 1)
    best = min(years, key=lambda c: (abs((when(c) - ref).days), c != dct.year))
    if tense == "past" and (when(best) - ref).days > 60:
        best -= 1
    elif tense == "future" and (ref - when(best)).days > 60:
        best += 1
    return best


def _apply_mod(tx: Optional[Timex], modtext: Optional[str]) -> Optional[Timex]:
    if tx is not None and modtext:
        tx.mod = mod_of(modtext) or tx.mod
    return tx


_MODP = rf"(?:(?P<mod>{DMOD})[\s-]+)?"


# ---- absolute dates

@rule("month_day_year", rf"{_MODP}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})")
def _month_day_year(m, ctx):
    d = _safe_date(int(m["year"]), _month(m["mon"]), _day(m["day"]))
    if d is None:
        return None
    return _apply_mod(_tx(m, "DATE", d.isoformat(), point=Point(d, "D"), explicit_year=True), m["mod"])


@rule("day_month_year", rf"{_MODP}(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<year>{YEAR})")
def _day_month_year(m, ctx):
    d = _safe_date(int(m["year"]), _month(m["mon"]), _day(m["day"]))
    if d is None:
        return None
    return _apply_mod(_tx(m, "DATE", d.isoformat(), point=Point(d, "D"), explicit_year=True), m["mod"])


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


def _check_month_word(m: re.Match, text: str) -> bool:
    return _capitalised(m, text, "mon")


@rule("month_day", rf"{_MODP}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})(?!\s*[-–]\s*\d|\d|,\d|:\d)",
      check=_check_month_word)
def _month_day(m, ctx):
    mo, dd = _month(m["mon"]), _day(m["day"])
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
    mo = _month(m["mon"])
    y, anchor = _year_for(mo, dd, ctx, m.start())
    if y is None:
        if _safe_date(2000, mo, dd) is None:  # no year has it ("February 30"); 2000 had a February 29
            return None
        return _apply_mod(_tx(m, "DATE", f"XXXX-{mo:02d}-{dd:02d}"), m["mod"])
    d = _safe_date(y, mo, dd)
    if d is None:
        return None
    return _apply_mod(_tx(m, "DATE", d.isoformat(), anchor=anchor, point=Point(d, "D")), m["mod"])


@rule("day_month", rf"{_MODP}(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})", check=_check_month_word)
def _day_month(m, ctx):
    return _month_day(m, ctx)


@rule("month_year", rf"{_MODP}(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR}|'\d\d)", check=_check_month_word)
def _month_year(m, ctx):
    y = m["year"]
    y = int(y) if not y.startswith("'") else 1900 + int(y[1:])
    d = date(y, _month(m["mon"]), 1)
    return _apply_mod(_tx(m, "DATE", Point(d, "M").value(), point=Point(d, "M"), explicit_year=True), m["mod"])


_REL_YEAR = r"(?P<rel>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior|this|last|next)"


@rule("month_of_rel_year", rf"{_MODP}(?P<mon>{MONTH})\s+(?:of\s+)?{_REL_YEAR}\s+year", check=_check_month_word)
def _month_of_rel_year(m, ctx):
    point, anchor = _relative_year(m["rel"], ctx)
    mo = _month(m["mon"])
    if point is None:
        return _apply_mod(_tx(m, "DATE", f"XXXX-{mo:02d}"), m["mod"])
    p = Point(date(point.day.year, mo, 1), "M")
    return _apply_mod(_tx(m, "DATE", p.value(), anchor=anchor, point=p), m["mod"])


def _relative_year(rel: str, ctx: Context) -> tuple[Optional[Point], Optional[str]]:
    rel = re.sub(r"\s+", " ", rel.lower())
    deictic = {"this": 0, "last": -1, "next": 1}
    if rel in deictic:
        if ctx.dct is None:
            return None, None
        return Point(ctx.dct, "Y").shift(deictic[rel]), "dct"
    if ctx.ref is None:
        return None, None
    offset = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1,
              "the preceding": -1, "the prior": -1}[rel]
    return Point(ctx.ref.day, "Y").shift(offset), f"mention:{ctx.ref_start}"


@rule("month", rf"{_MODP}(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<mon>{_MONTH_FULL}|sept\.|(?:{_MONTH_ABBR})\.)"
      rf"(?!\s+(?:\d|of\s+(?:that|the|this|last|next)))", check=_check_month_word)
def _month_alone(m, ctx):
    mo = _month(m["mon"])
    rel = (m["rel"] or "").lower()
    if rel and ctx.dct is not None:
        y = ctx.dct.year
        if rel in ("last", "past") and mo >= ctx.dct.month:
            y -= 1
        elif rel in ("next", "coming") and mo <= ctx.dct.month:
            y += 1
        anchor = "dct"
    elif rel:
        y, anchor = None, None
    else:
        y, anchor = _year_for(mo, None, ctx, m.start())
    if y is None:
        return _apply_mod(_tx(m, "DATE", f"XXXX-{mo:02d}"), m["mod"])
    p = Point(date(y, mo, 1), "M")
    return _apply_mod(_tx(m, "DATE", p.value(), anchor=anchor, point=p), m["mod"])


def _check_year(m: re.Match, text: str) -> bool:
    before = text[max(0, m.start() - 12): m.start()]
    after = text[m.end(): m.end() + 12]
    if re.search(r"[$€£#№]\s*$|\b(?:no|nos|number|flight|route|room|page|pp|p|vol|article|section|"
                 r"chapter|model|version|rule|resolution|code|box|suite|highway|interstate|channel|"
                 r"item|bill|form)\.?\s*$", before, re.I):
        return False
    if re.match(r"\s*(?:%|percent|per\s+cent|-?\s*(?:ft|feet|foot|meters?|metres?|km|miles?|kg|tons?|tonnes?|"
                r"barrels?|shares?|people|men|women|troops|soldiers|votes|points?|units?|cars?|hours|yards?)\b)",
                after, re.I):
        return False
    if re.search(r"[A-Za-z]-$", before) or re.match(r"-[A-Za-z]", after):
        return False
    return True


@rule("year", rf"{_MODP}(?:(?P<fiscal>fiscal(?:\s+year)?|FY|calendar(?:\s+year)?|the\s+year|model\s+year)\s*)?"
      rf"(?P<year>{YEAR})(?P<suffix>\s+(?:or\s+later|and\s+beyond|or\s+earlier|onwards?))?",
      check=_check_year)
def _year(m, ctx):
    p = Point(date(int(m["year"]), 1, 1), "Y")
    tx = _apply_mod(_tx(m, "DATE", p.value(), point=p, explicit_year=True), m["mod"])
    suffix = (m["suffix"] or "").lower()
    if "later" in suffix or "beyond" in suffix or "onward" in suffix:
        tx.mod = "ON_OR_AFTER"
    elif "earlier" in suffix:
        tx.mod = "ON_OR_BEFORE"
    return tx


_TENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"


def spelled_year(text: str) -> int:
    """The year spelled out in words: 'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    words = re.split(r"[\s-]+", text.lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (int(parse_number(" ".join(rest)) or 0) if rest else 0)
    century = int(parse_number(words[0]))
    if words[1:] == ["hundred"]:
        return century * 100
    return century * 100 + int(parse_number(" ".join(words[1:])) or 0)


_SPELLED_YEAR = (rf"(?:nineteen|eighteen)[\s-]+{_TENS}(?:[\s-]+{_ONES})?|"
                 rf"two\s+thousand(?:\s+and)?(?:[\s-]+(?:{_ONES}|{_TENS}(?:[\s-]+{_ONES})?))?")


@rule("spelled_year", rf"(?P<the>the\s+year\s+)?(?P<y>(?:nineteen|eighteen)[\s-]+(?:{_TENS}(?:[\s-]+{_ONES})?|hundred)|"
      rf"two\s+thousand(?:\s+and)?(?:[\s-]+(?:{_ONES}|{_TENS}(?:[\s-]+{_ONES})?))?|twenty[\s-]+(?:{_TENS}(?:[\s-]+{_ONES})?))")
def _spelled_year(m, ctx):
    y = m["y"].lower()
    before = m.string[max(0, m.start() - 8): m.start()].lower()
    after = m.string[m.end(): m.end() + 12]
    if not m["the"] and (y.startswith("twenty") or y.startswith("two") and (
            not re.search(r"\b(?:in|since|by|until|of|from|to|through)\s+$", before) or re.match(r"\s+[a-z]", after))):
        return None  # "two thousand people", "twenty twenty": counts, not years
    p = Point(date(spelled_year(m["y"]), 1, 1), "Y")
    return _tx(m, "DATE", p.value(), point=p, explicit_year=True)


@rule("month_spelled_year", rf"(?P<mon>{MONTH})(?:,|\s+of)?\s+(?P<y>(?:nineteen|eighteen)[\s-]+{_TENS}(?:[\s-]+{_ONES})?|"
      rf"two\s+thousand(?:\s+and)?(?:[\s-]+(?:{_ONES}|{_TENS}(?:[\s-]+{_ONES})?))?)", check=_check_month_word)
def _month_spelled_year(m, ctx):
    p = Point(date(spelled_year(m["y"]), _month(m["mon"]), 1), "M")
    return _tx(m, "DATE", p.value(), point=p, explicit_year=True)


@rule("year_range", rf"(?<![\w'’/.-])(?P<y1>{YEAR})(?=\s*[-–]\s*(?P<y2>{YEAR}|\d\d)(?![\w/%]|[.,]\d))", bounded=False)
def _year_range(m, ctx):
    """'2014-2016', '1989-90': the first year here; the second is matched by ``year_range_end``."""
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if y2 <= y1:
        return None
    p = Point(date(y1, 1, 1), "Y")
    return _tx(m, "DATE", p.value(), point=p, explicit_year=True)


@rule("year_range_end", rf"(?<=[12]\d\d\d[-–])(?P<y2>{YEAR})(?![\w/%]|[.,]\d)", bounded=False)
def _year_range_end(m, ctx):
    p = Point(date(int(m["y2"]), 1, 1), "Y")
    return _tx(m, "DATE", p.value(), point=p, explicit_year=True)


@rule("quarter_code", rf"(?:(?P<q>Q[1-4])\s*(?P<year>{YEAR})|(?P<year2>{YEAR})\s*(?P<q2>Q[1-4])|(?P<q3>[1-4])Q\s*(?P<yy>\d\d))",
      flags=0)
def _quarter_code(m, ctx):
    """'Q3 2019', '2019 Q3', '3Q19'."""
    q = int((m["q"] or m["q2"] or "Q" + m["q3"])[1])
    y = int(m["year"] or m["year2"] or 2000 + int(m["yy"]))
    p = Point(date(y, 3 * q - 2, 1), "Q")
    return _tx(m, "DATE", p.value(), point=p, explicit_year=True)


@rule("post_year", rf"(?P<pre>pre|post)-(?P<year>{YEAR})")
def _post_year(m, ctx):
    p = Point(date(int(m["year"]), 1, 1), "Y")
    return _tx(m, "DATE", p.value(), mod="AFTER" if m["pre"].lower() == "post" else "BEFORE", point=p)


@rule("decade", rf"{_MODP}(?:the\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?P<dec>(?:1[5-9]|20)\d0|'\d0)['’]?s")
def _decade(m, ctx):
    dec = m["dec"]
    y = 1900 + int(dec[1:]) if dec.startswith("'") else int(dec)
    if y % 100 == 0 and not dec.startswith("'"):
        value = f"{y // 100:02d}"  # "the 1900s": the century
    else:
        value = f"{y // 10:03d}"
    tx = _tx(m, "DATE", value)
    return _apply_mod(_apply_mod(tx, m["mod"]), m["mod2"])


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@rule("decade_word", rf"{_MODP}the\s+(?:(?P<mod2>early|late|mid)[\s-]+)?(?:nineteen[\s-]+)?"
      r"(?P<dec>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def _decade_word(m, ctx):
    tx = _tx(m, "DATE", f"19{_DECADE_WORDS[m['dec'].lower()]}")
    return _apply_mod(_apply_mod(tx, m["mod"]), m["mod2"])


@rule("century", rf"{_MODP}(?:the\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|"
      r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
      r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century")
def _century(m, ctx):
    o = m["ord"].lower()
    n = int(re.match(r"\d+", o).group()) if o[0].isdigit() else {**ORDINALS, "fifth": 5, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18}[o]
    if not 1 <= n <= 99:
        return None  # "the 0th century"
    tx = _tx(m, "DATE", f"{n - 1:02d}")
    return _apply_mod(_apply_mod(tx, m["mod"]), m["mod2"])


# ---- quarters, halves, seasons

_QORD = r"(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_YEAR_OF = rf"(?:\s+(?:of\s+|in\s+)?(?:(?P<year2>{YEAR})|(?P<rel2>this|last|next|the\s+(?:same|previous|following|current))\s+(?:fiscal\s+)?year))"


def _anchor_year(m, ctx, start) -> tuple[Optional[int], Optional[str], bool]:
    y = m["year"] if "year" in m.re.groupindex else None
    y2 = m["year2"] if "year2" in m.re.groupindex else None
    if y or y2:
        return int((y or y2).rstrip("'s").rstrip("’s")), None, True
    rel2 = m["rel2"] if "rel2" in m.re.groupindex else None
    rel2 = rel2 or (m["rel0"] if "rel0" in m.re.groupindex else None)  # "next year's first quarter"
    if rel2:
        rel = re.sub(r"\s+", " ", rel2.lower())
        rel = {"the current": "this", "the same": "the same"}.get(rel, rel)
        point, anchor = _relative_year(rel, ctx)
        return (point.day.year if point else None), anchor, False
    if ctx.year_ref is not None and ctx.year_ref_start is not None and ctx.year_ref_start >= ctx.sentence_start:
        return ctx.year_ref.day.year, f"mention:{ctx.year_ref_start}", False
    if ctx.dct is not None:
        return ctx.dct.year, "dct", False
    if ctx.year_ref is not None:
        return ctx.year_ref.day.year, f"mention:{ctx.year_ref_start}", False
    return None, None, False


@rule("quarter", rf"{_MODP}(?:the\s+)?(?:(?P<year>{YEAR})(?:'s|’s)?\s+|(?P<rel0>this|last|next)\s+year(?:'s|’s)\s+)?(?:fiscal\s+)?{_QORD}[\s-]+(?:fiscal\s+)?"
      rf"(?:-?\s*)quarter(?!s){_YEAR_OF}?")
def _quarter(m, ctx):
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
         "final": 4}[m["q"].lower()]
    y, anchor, explicit = _anchor_year(m, ctx, m.start())
    if y is None:
        return _apply_mod(_tx(m, "DATE", f"XXXX-Q{q}"), m["mod"])
    if anchor == "dct" and ctx.tense == "past" and ctx.dct is not None and q > (ctx.dct.month - 1) // 3 + 1:
        y -= 1
    p = Point(date(y, 3 * q - 2, 1), "Q")
    return _apply_mod(_tx(m, "DATE", p.value(), anchor=anchor, point=p, explicit_year=explicit), m["mod"])


@rule("half", rf"{_MODP}(?:the\s+)?(?:(?P<year>{YEAR})(?:'s|’s)?\s+)?(?P<h>first|second|latter|last|1st|2nd)[\s-]+half"
      rf"(?!\s+of\s+(?!(?:{YEAR}|this|last|next|the\s+year|the\s+same)))(?!\s*-?\s*(?:point|hour|inning|century|dozen|percent)){_YEAR_OF}?")
def _half(m, ctx):
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    y, anchor, explicit = _anchor_year(m, ctx, m.start())
    if y is None:
        return _apply_mod(_tx(m, "DATE", f"XXXX-H{h}"), m["mod"])
    p = Point(date(y, 1 if h == 1 else 7, 1), "H")
    return _apply_mod(_tx(m, "DATE", p.value(), anchor=anchor, point=p, explicit_year=explicit), m["mod"])


@rule("season", rf"{_MODP}(?:(?P<rel>this|last|next|the\s+coming|the\s+past|the|this\s+past|the\s+early|the\s+late)\s+)?"
      rf"(?P<s>{SEASON})(?:\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<syear>{_SPELLED_YEAR})))?")
def _season(m, ctx):
    s = SEASONS[m["s"].lower()]
    if m["syear"]:  # "the winter of nineteen ninety-four"
        p = Point(date(spelled_year(m["syear"]), SEASON_MONTH[s], 1), "S", s)
        tx = _tx(m, "DATE", p.value(), point=p, explicit_year=True)
        rel = (m["rel"] or "").lower()
        tx.mod = "START" if rel == "the early" else "END" if rel == "the late" else None
        return _apply_mod(tx, m["mod"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if not rel and not m["year"] and not m["mod"]:
        return None
    if rel in ("the", "the early", "the late") and not m["year"] and m.group(0).lower().startswith("the fall"):
        return None
    if m["year"]:
        y, anchor = int(m["year"]), None
    elif ctx.dct is not None:
        y, anchor = ctx.dct.year, "dct"
        started = ctx.dct.month >= SEASON_MONTH[s] or (s == "WI" and ctx.dct.month <= 2)
        if rel in ("last", "the past", "this past"):
            y -= 1 if (ctx.dct.month < SEASON_MONTH[s] + 3 and s != "WI") or s == "WI" else 0
        elif rel in ("next", "the coming") and started:
            y += 1
        elif rel == "the" and ctx.year_ref is not None and ctx.year_ref_start >= ctx.sentence_start:
            y, anchor = ctx.year_ref.day.year, f"mention:{ctx.year_ref_start}"
    elif ctx.year_ref is not None and rel in ("the", ""):
        y, anchor = ctx.year_ref.day.year, f"mention:{ctx.year_ref_start}"
    else:
        return _apply_mod(_tx(m, "DATE", f"XXXX-{s}"), m["mod"])
    p = Point(date(y, SEASON_MONTH[s], 1), "S", s)
    tx = _tx(m, "DATE", p.value(), anchor=anchor, point=p, explicit_year=bool(m["year"]))
    if rel == "the early":
        tx.mod = "START"
    elif rel == "the late":
        tx.mod = "END"
    return _apply_mod(tx, m["mod"])


# ---- deictic days, weekdays, parts of day, clock times

_DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def _dct_day(offset: int, ctx) -> tuple[Optional[Point], Optional[str]]:
    if ctx.dct is None:
        return None, None
    return Point(ctx.dct + timedelta(days=offset), "D"), "dct"


@rule("deictic_day", rf"{_MODP}(?P<pre>the\s+day\s+(?:before|after)\s+)?(?P<w>today|yesterday|tomorrow|tonight)"
      rf"(?:\s+(?P<part>{PART}))?")
def _deictic_day(m, ctx):
    w = m["w"].lower()
    after = m.string[m.end(): m.end() + 20].lower()
    before = m.string[max(0, m.start() - 8): m.start()].lower()
    if re.match(r"['’]s\s+(?:youth|world|society|generation|children|kids|young|economy|standards|technology|"
                r"america|families|women|men|people|culture|youngsters)\b", after) or \
            (w in ("today", "tomorrow") and re.search(r"\b(?:of|for)\s+$", before) and not m["part"]
             and re.match(r"\s*(?:,|\.|$|and\b|who\b|that\b)", after) and "world" in m.string[max(0, m.start() - 40):m.start()]):
        return None  # "today's youth", "the world of tomorrow": the present and the future in general
    offset = _DEICTIC[w]
    if m["pre"]:
        offset += -1 if "before" in m["pre"].lower() else 1
    point, anchor = _dct_day(offset, ctx)
    part = PARTS_OF_DAY.get((m["part"] or "").lower()) or ("NI" if w == "tonight" else None)
    base = point.value() if point else "XXXX-XX-XX"
    mod = mod_of(m["mod"])
    if part:
        return _tx(m, "TIME", f"{base}T{part}", mod=mod, anchor=anchor, point=point)
    return _tx(m, "DATE", base, mod=mod, anchor=anchor, point=point)


@rule("part_deictic", rf"(?:(?P<mod>early|late|mid)[\s-]*)?(?P<part>{PART})\s+(?P<w>yesterday|today|tomorrow)")
def _part_deictic(m, ctx):
    """'mid-afternoon yesterday', 'late morning today'."""
    point, anchor = _dct_day(_DEICTIC[m["w"].lower()], ctx)
    base = point.value() if point else "XXXX-XX-XX"
    return _apply_mod(_tx(m, "TIME", f"{base}T{PARTS_OF_DAY[m['part'].lower()]}", anchor=anchor, point=point),
                      m["mod"])


@rule("part_of_day", rf"{_MODP}(?P<rel>this|last|yesterday|tomorrow|early\s+this|late\s+last|late\s+this|the)\s+(?P<part>{PART})"
      rf"(?!\s+of\b)")
def _part_of_day(m, ctx):
    rel = m["rel"].lower().split()[-1]
    part = PARTS_OF_DAY[m["part"].lower()]
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1, "the": 0}[rel]
    if rel == "the" and m["part"].lower() == "night":
        return None
    point, anchor = _dct_day(offset, ctx)
    if rel == "the" and ctx.ref is not None and ctx.ref.gran == "D":
        point, anchor = ctx.ref, f"mention:{ctx.ref_start}"
    base = point.value() if point else "XXXX-XX-XX"
    return _apply_mod(_tx(m, "TIME", f"{base}T{part}", anchor=anchor, point=point), m["mod"])


def _weekday_point(wd: int, rel: str, ctx) -> tuple[Optional[Point], Optional[str]]:
    if rel.startswith("the "):  # "the previous Friday": the one before the day under discussion
        if ctx.ref is not None and ctx.ref.gran == "D":
            base, anchor = ctx.ref.day, f"mention:{ctx.ref_start}"
        elif ctx.dct is not None:
            base, anchor = ctx.dct, "dct"
        else:
            return None, None
        if rel in ("the following", "the next"):
            return Point(base + timedelta(days=(wd - base.isoweekday()) % 7 or 7), "D"), anchor
        return Point(base - timedelta(days=(base.isoweekday() - wd) % 7 or 7), "D"), anchor
    if ctx.dct is None:
        return None, None
    base = ctx.dct
    diff = wd - base.isoweekday()
    if rel in ("last", "past"):
        back = (base.isoweekday() - wd) % 7 or 7
        return Point(base - timedelta(days=back), "D"), "dct"
    if rel in ("next", "coming", "this coming"):
        fwd = diff % 7 or 7
        return Point(base + timedelta(days=fwd), "D"), "dct"
    if rel == "this":
        return Point(base + timedelta(days=diff), "D"), "dct"
    ahead, back = diff % 7, (-diff) % 7
    if ctx.tense == "future":
        return Point(base + timedelta(days=ahead), "D"), "dct"
    return Point(base - timedelta(days=back), "D"), "dct"


@rule("weekday", rf"{_MODP}(?:(?P<rel>last|this|next|this\s+coming|coming|past|the\s+(?:previous|preceding|prior|following|next))\s+)?(?P<wd>{WEEKDAY})(?!\s*,?\s*{MONTH})"
      rf"(?:\s+(?P<part>{PART}|night))?", check=lambda m, text: m.group("wd")[:1].isupper())
def _weekday(m, ctx):
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    point, anchor = _weekday_point(wd, rel, ctx)
    base = point.value() if point else f"XXXX-WXX-{wd}"
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    if part:
        return _apply_mod(_tx(m, "TIME", f"{base}T{part}", anchor=anchor, point=point), m["mod"])
    return _apply_mod(_tx(m, "DATE", base, anchor=anchor, point=point), m["mod"])


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


# ---- holidays

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
    if y is None:
        return _tx(m, "DATE", "XXXX-XX-XX")
    d = fn(y)
    return _tx(m, "DATE", d.isoformat(), anchor=anchor, point=Point(d, "D"), explicit_year=bool(m["year"]))


# ---- relative units: "last week", "this year", "the past decade", "the following month"

_RELW = (r"(?P<rel>last|this|next|past|coming|previous|following|current|same|preceding|prior|latest|upcoming|"
         r"recent|most\s+recent|this\s+past|just-ended|just\s+ended|year-ago|year-earlier|comparable|year-before)")


@rule("relative_unit", rf"{_MODP}(?P<the>the\s+)?(?:(?P<early>early|late|mid|earlier|later)[\s-]+)?{_RELW}\s+"
      r"(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|quarter|year|decade|century|period|fiscal\s+year)"
      r"(?P<orso>\s+or\s+so)?")
def _relative_unit(m, ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if m["unit"][:1].isupper() and m["rel"][:1].isupper():
        return None  # a title: "This Week With David Brinkley"
    unit = m["unit"].lower().split()[-1]
    the = bool(m["the"])
    mod = mod_of(m["mod"]) or mod_of(m["early"])
    if m["orso"]:
        mod = "APPROX"
    if unit == "period":
        if rel not in ("year-ago", "year-earlier", "comparable", "year-before", "same", "latest", "current",
                       "most recent", "recent"):
            return None
        unit = "quarter"
    gran = UNITS[unit][1]
    if the and rel in ("past", "last", "coming", "next", "recent", "most recent") and unit in ("decade", "century") \
            or the and rel == "coming" and unit in ("year", "month", "week", "quarter"):
        # "the past decade" is a stretch of ten years, "the coming year" the twelve months ahead; but
        # "over the past year" is annotated (TimeBank) as the calendar year before, like "last year"
        return _tx(m, "DURATION", duration_value(1, unit), mod=mod)
    if rel in ("year-ago", "year-earlier", "comparable", "year-before"):
        return _year_ago(m, ctx, mod)
    if rel in ("previous", "preceding", "prior", "following", "same") or (the and rel == "next" and ctx.ref is not None
                                                                         and ctx.tense == "past"):
        base, anchor = (ctx.ref, f"mention:{ctx.ref_start}") if ctx.ref is not None else (None, None)
        if base is None:
            base, anchor = (Point(ctx.dct, "D"), "dct") if ctx.dct else (None, None)
        offset = {"previous": -1, "preceding": -1, "prior": -1, "following": 1, "same": 0, "next": 1}[rel]
    else:
        base, anchor = (Point(ctx.dct, "D"), "dct") if ctx.dct else (None, None)
        offset = {"last": -1, "past": -1, "this past": -1, "just-ended": -1, "just ended": -1, "this": 0,
                  "current": 0, "next": 1, "coming": 1, "upcoming": 1, "latest": 0, "recent": 0,
                  "most recent": 0}[rel]
        if rel in ("latest", "recent", "most recent") and unit == "quarter":
            offset = -1  # the latest quarter reported is the last one completed before the dct
    if unit == "weekend":
        if base is None:
            return _tx(m, "DATE", "XXXX-WXX-WE", mod=mod)
        p = shift(base.day, "W", offset)
        return _tx(m, "DATE", f"{p.value()}-WE", mod=mod, anchor=anchor, point=p)
    if base is None:
        return _tx(m, "DATE", UNDERSPECIFIED[gran], mod=mod)
    p = shift(base.day, gran, offset)
    return _tx(m, "DATE", p.value(), mod=mod, anchor=anchor, point=p)


def _year_ago(m, ctx, mod=None):
    """'a year ago' / 'year-earlier' in a quarterly report means the same quarter a year before."""
    if ctx.quarter_ref is not None and ctx.quarter_ref_start is not None:
        if ctx.dct is not None and ctx.quarter_ref.day > ctx.dct:
            # the quarter last mentioned is a forecast: the comparison is with the last quarter reported
            p = Point(ctx.dct, "Q").shift(-1).shift(-4)
            return _tx(m, "DATE", p.value(), mod=mod, anchor="dct", point=None)
        p = ctx.quarter_ref.shift(-4)
        return _tx(m, "DATE", p.value(), mod=mod, anchor=f"mention:{ctx.quarter_ref_start}", point=None)
    if ctx.dct is None:
        return _tx(m, "DATE", "XXXX", mod=mod)
    p = Point(ctx.dct, "Y").shift(-1)
    return _tx(m, "DATE", p.value(), mod=mod, anchor="dct", point=None)


@rule("quarter_last_year", r"(?:last\s+year(?:'s|’s)\s+(?:(?:comparable|corresponding)\s+)?(?:quarter|period)|"
      r"the\s+(?:same|corresponding|comparable)\s+(?:quarter|period)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier)))")
def _quarter_last_year(m, ctx):
    """'last year's quarter', 'the corresponding period last year': the quarter under discussion, a year back."""
    return _year_ago(m, ctx)


@rule("year_period", rf"the\s+(?P<year>{YEAR})\s+(?:quarter|period)")
def _year_period(m, ctx):
    """'the 1988 period' in a quarterly report: the quarter under discussion, in that year."""
    y = int(m["year"])
    if ctx.quarter_ref is not None:
        q = (ctx.quarter_ref.day.month - 1) // 3 + 1
        p = Point(date(y, 3 * q - 2, 1), "Q")
        # a comparison, not a new topic: the quarter under discussion stays the reference
        return _tx(m, "DATE", p.value(), anchor=f"mention:{ctx.quarter_ref_start}")
    p = Point(date(y, 1, 1), "Y")
    return _tx(m, "DATE", p.value(), point=p, explicit_year=True)


@rule("year_ago_adj", r"(?P<the>the\s+)?(?:comparable\s+)?year[- ](?:ago|earlier|before)(?P<q>\s+(?:third\s+|fourth\s+|"
      r"second\s+|first\s+)?(?:quarter|period))?")
def _year_ago_adj(m, ctx):
    return _year_ago(m, ctx)


@rule("this_unit_mod", rf"(?P<mod>early|earlier|late|later|mid)(?:\s+in)?\s+(?P<the>the|this|that)\s+(?P<unit>week|month|year|quarter|day)")
def _this_unit_mod(m, ctx):
    unit = m["unit"].lower()
    gran = UNITS[unit][1]
    mod = mod_of(m["mod"])
    if m["the"].lower() == "that" or (m["the"].lower() == "the" and ctx.ref is not None):
        if ctx.ref is None:
            return _tx(m, "DATE", UNDERSPECIFIED[gran], mod=mod)
        p = Point(ctx.ref.day, gran)
        return _tx(m, "DATE", p.value(), mod=mod, anchor=f"mention:{ctx.ref_start}", point=p)
    if ctx.dct is None:
        return _tx(m, "DATE", UNDERSPECIFIED[gran], mod=mod)
    p = Point(ctx.dct, gran)
    return _tx(m, "DATE", p.value(), mod=mod, anchor="dct", point=p)


@rule("end_of_unit", rf"(?P<mod>(?:the\s+)?end\s+of|the\s+(?:beginning|start|middle|close)\s+of|around|by)\s+"
      r"(?P<the>the|this|that|next|last)\s+(?P<unit>week|month|year|quarter|decade|century)")
def _end_of_unit(m, ctx):
    if m["mod"].lower() == "by":
        return None
    unit = m["unit"].lower()
    gran = UNITS[unit][1]
    det = m["the"].lower()
    offset = {"next": 1, "last": -1}.get(det, 0)
    if det == "that" and ctx.ref is not None:
        p, anchor = Point(ctx.ref.day, gran), f"mention:{ctx.ref_start}"
    elif ctx.dct is not None:
        p, anchor = shift(ctx.dct, gran, offset), "dct"
    else:
        return _tx(m, "DATE", UNDERSPECIFIED[gran], mod=mod_of(m["mod"]))
    return _tx(m, "DATE", p.value(), mod=mod_of(m["mod"]), anchor=anchor, point=p)


@rule("the_unit", r"(?P<det>the|that|this|the\s+same|that\s+same)\s+(?P<unit>quarter|weekend|(?:full|fiscal)\s+year|week)"
      r"(?!\s+(?:of|before|after|in|earlier|ago)\b|\s+to\b(?!\s*(?:US|C|A)?\$|\s*\d)|\s+from\b(?!\s+the\b)|\s*-)")
def _the_unit(m, ctx):
    """'the quarter' in a quarterly report is the quarter under discussion; 'the weekend' the one nearest."""
    unit = m["unit"].lower().split()[-1]
    det = re.sub(r"\s+", " ", m["det"].lower())
    if det == "this":
        return None  # handled as a relative unit
    if unit == "quarter":
        ended = re.match(rf"\s+(?:ended|ending)\s+(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?",
                         m.string[m.end(): m.end() + 40], re.I)
        if ended and ctx.quarter_ref is None:
            # "the quarter ended July 31": the three months to that day, placed by their middle month (a
            # quarter already named, "the fiscal first quarter", keeps the company's own numbering)
            mo, dd = _month(ended["mon"]), _day(ended["day"])
            y, anchor = (int(ended["year"]), None) if ended["year"] else _year_for(mo, dd, ctx, m.end())
            if y is not None:
                mid = date(y, mo, 1) - relativedelta(months=1)
                p = Point(date(mid.year, 3 * ((mid.month - 1) // 3) + 1, 1), "Q")
                return _tx(m, "DATE", p.value(), anchor=anchor, point=p)
        if ctx.quarter_ref is not None:
            return _tx(m, "DATE", ctx.quarter_ref.value(), anchor=f"mention:{ctx.quarter_ref_start}", point=ctx.quarter_ref)
        if ctx.dct is None:
            return _tx(m, "DATE", "XXXX-QX")
        p = Point(ctx.dct, "Q").shift(-1)
        return _tx(m, "DATE", p.value(), anchor="dct", point=p)
    if unit == "year":
        if "fiscal" in m["unit"].lower() and det == "the":
            return _tx(m, "DURATION", "P1Y")  # "throughout the fiscal year": a twelve-month period
        if ctx.dct is None:
            return _tx(m, "DATE", "XXXX")
        p = Point(ctx.dct, "Y")
        return _tx(m, "DATE", p.value(), anchor="dct", point=p)
    if ctx.ref is not None and ctx.ref.gran == "D" and det != "the":
        p = Point(ctx.ref.day, "W")
        anchor = f"mention:{ctx.ref_start}"
    elif ctx.dct is not None:
        p = Point(ctx.dct, "W")
        if unit == "weekend" and ctx.tense == "past" and ctx.dct.isoweekday() < 6:
            p = p.shift(-1)
        anchor = "dct"
    else:
        return _tx(m, "DATE", "XXXX-WXX-WE" if unit == "weekend" else "XXXX-WXX")
    return _tx(m, "DATE", p.value() + ("-WE" if unit == "weekend" else ""), anchor=anchor, point=p)


def _check_for_the_year(m: re.Match, text: str) -> bool:
    return bool(re.search(r"\b(?:for|of)\s+$", text[max(0, m.start() - 5): m.start()], re.I))


@rule("for_the_year", r"the\s+year(?!\s*-|['’]s|\s+(?:ago|earlier|before|after|ended|ending|to\s+date|that|which|"
      r"when|in|of|two|nineteen|\d|he|she|it|they|we|I)\b)", check=_check_for_the_year)
def _for_the_year(m, ctx):
    """'for the year', 'a high for the year', 'the rest of the year': the year under discussion, the one
    stated earlier in the sentence or else the dct's."""
    if ctx.year_ref is not None and ctx.year_ref_start is not None and ctx.year_ref_start >= ctx.sentence_start:
        p, anchor = Point(ctx.year_ref.day, "Y"), f"mention:{ctx.year_ref_start}"
    elif ctx.dct is not None:
        p, anchor = Point(ctx.dct, "Y"), "dct"
    else:
        return _tx(m, "DATE", "XXXX")
    return _tx(m, "DATE", p.value(), anchor=anchor, point=p)


@rule("year_ended", r"(?P<the>the\s+)(?:fiscal\s+)?year(?=\s+(?:ended|ending|that\s+ended|that\s+ends|which\s+ended)\b)")
def _year_ended(m, ctx):
    """'the year ended Sept. 30': a twelve-month period."""
    return _tx(m, "DURATION", "P1Y")


@rule("week_of", rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?", check=_check_month_word)
def _week_of(m, ctx):
    mo, dd = _month(m["mon"]), _day(m["day"])
    if m["year"]:
        y, anchor = int(m["year"]), None
    else:
        y, anchor = _year_for(mo, dd, ctx, m.start())
    d = _safe_date(y, mo, dd) if y else None
    if d is None:
        return _tx(m, "DATE", "XXXX-WXX")
    p = Point(d, "W")
    return _tx(m, "DATE", p.value(), anchor=anchor, point=p, explicit_year=bool(m["year"]))


@rule("year_end", r"(?P<the>the\s+)?(?:year|year's|year’s)[- ]end")
def _year_end(m, ctx):
    if ctx.dct is None:
        return _tx(m, "DATE", "XXXX", mod="END")
    p = Point(ctx.dct, "Y")
    return _tx(m, "DATE", p.value(), mod="END", anchor="dct", point=p)


@rule("that_unit", r"(?P<pre>(?:earlier|later)\s+)?(?P<det>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding|"
      r"the\s+prior)\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)")
def _that_unit(m, ctx):
    det = re.sub(r"\s+", " ", m["det"].lower())
    unit = m["unit"].lower()
    mod = mod_of(m["pre"])
    if det == "the next" and ctx.tense != "past":
        return None  # "the next year" in the present tense is a duration or the dct's next year
    offset = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1, "the preceding": -1,
              "the prior": -1}[det]
    if unit in PARTS_OF_DAY:
        if ctx.ref is None or ctx.ref.gran != "D":
            return _tx(m, "TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}", mod=mod)
        p = ctx.ref.shift(offset)
        return _tx(m, "TIME", f"{p.value()}T{PARTS_OF_DAY[unit]}", mod=mod, anchor=f"mention:{ctx.ref_start}", point=p)
    gran = UNITS[unit][1]
    if ctx.ref is None:
        return _tx(m, "DATE", UNDERSPECIFIED[gran], mod=mod)
    p = shift(ctx.ref.day, gran, offset)
    return _tx(m, "DATE", p.value(), mod=mod, anchor=f"mention:{ctx.ref_start}", point=p)


# ---- "two years ago", "three months later"

@rule("ago", rf"{_MODP}(?P<n>{NUM})[\s-]+(?P<unit>{UNIT})(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|"
      r"from\s+now|hence|back|previously)(?!\s+(?:the|a|an|his|her|its|their|this|that|he|she|it|they|we)\b)")
def _ago(m, ctx):
    unit = unit_of(m["unit"])
    direction = m["dir"].lower()
    n = parse_number(m["n"])
    mod = "APPROX" if m["orso"] else mod_of(m["mod"])
    gran = UNITS[unit][1] or "D"
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if unit == "year" and n == 1 and direction in ("ago", "earlier") and ctx.quarter_ref is not None:
        return _year_ago(m, ctx, mod)
    if direction in ("earlier", "later") and ctx.ref is not None:
        base, anchor = ctx.ref.day, f"mention:{ctx.ref_start}"
    elif ctx.dct is not None:
        base, anchor = ctx.dct, "dct"
    else:
        base, anchor = None, None
    if unit in ("hour", "minute", "second"):
        return _tx(m, "DURATION", duration_value(n, unit), mod=mod) if n is not None else None
    if n is None:
        if unit in ("year", "decade", "century"):
            return _tx(m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod, anchor=None)
        return _tx(m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
    if base is None:
        return _tx(m, "DATE", UNDERSPECIFIED[gran], mod=mod)
    if gran == "DE":
        p = shift(base, "Y", sign * 10 * n)
    elif gran == "CE":
        p = shift(base, "Y", sign * 100 * n)
    elif n != int(n):
        p = shift(base, "M", sign * round(n * {"Y": 12, "M": 1, "Q": 3}.get(gran, 1))) if gran in ("Y", "M", "Q") \
            else shift(base, "D", sign * round(n * 7 if gran == "W" else n))
        p = p.at(gran) if gran != "W" else p
    else:
        p = shift(base, gran, sign * n)
    return _tx(m, "DATE", p.value(), mod=mod, anchor=anchor, point=p)


# ---- durations

@rule("duration", rf"{_MODP}(?:(?P<the>the|a|an|another|an\s+additional|the\s+(?:past|last|next|coming|first|final|"
      r"previous|following|latest|remaining|ensuing|initial|same|last\s+few|past\s+few|next\s+few|first\s+few|"
      r"year-earlier|preceding))\s+)?"
      rf"(?P<n>{NUM})(?:[\s-]+(?:more|additional|straight|consecutive|full|long|trading|business|calendar|working|"
      rf"more|fiscal|plus))?[\s-]+(?P<unit>{UNIT})(?P<orso>\s+or\s+so|\s+or\s+more|\s+or\s+longer|-plus)?"
      r"(?P<ahead>\s+ahead|\s+to\s+come)?")
def _duration(m, ctx):
    unit = unit_of(m["unit"])
    if unit == "night":
        unit = "day"
    n = parse_number(m["n"])
    if m["n"].lower() in ("a", "an") and (m["the"] or "").lower() in ("a", "an"):
        return None
    if n is not None and n > 1000 and m["n"][0].isdigit():
        return None
    if n is None and m["n"].lower() == "some":
        return None
    after = m.string[m.end(): m.end() + 8].lower()
    if re.match(r"\s*(?:-|\s)?old\b", after) or (unit == "quarter" and re.match(r"\s+of\b", after)):
        return None  # "37 years old", "three-quarters of"
    if m["n"].lower() in ("a", "an") and not m["the"] and not m["mod"] and _after_amount(m):
        return None  # "$5 a year", "24 hours a day": a rate
    mod = mod_of(m["mod"])
    start = m.start()
    if mod in ("START", "END", "MID"):  # "the end of a two-year term": the modifier belongs to a date, not here
        mod, start = None, m.start("the") if m["the"] else m.start("n")
    orso = (m["orso"] or "").lower()
    if "or so" in orso:
        mod = "APPROX"
    elif orso:
        mod = "EQUAL_OR_MORE"
    tx = _tx(m, "DURATION", duration_value(n, unit), mod=mod)
    tx.start = start
    return tx


@rule("duration_adj", rf"(?P<n>{NUM}|\d+)-(?P<unit>second|minute|hour|day|week|month|year|decade|century)(?P<old>-old|-long)?")
def _duration_adj(m, ctx):
    n = parse_number(m["n"])
    if n is None or (m["old"] or "").lower() == "-old":
        return None
    return _tx(m, "DURATION", duration_value(n, unit_of(m["unit"])))


@rule("duration_plural", r"(?P<pre>for|over|in|within|take|took|takes|taken|taking|lasted|last|spent|spend|after)\s+"
      r"(?P<dur>(?:(?P<the>the\s+)?(?:(?P<long>many|several|long|few)\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries))"
      r"(?:\s+(?:or|and)\s+(?P<unit2>days|weeks|months|years|decades))?)")
def _duration_plural(m, ctx):
    if (m["the"] and not m["long"]) or m["pre"].lower() == "in" and not m["long"]:
        return None
    tx = _tx(m, "DURATION", duration_value(None, unit_of(m["unit"])), mod="APPROX" if m["unit2"] else None)
    tx.start = m.start("dur")
    return tx


@rule("duration_word", r"(?P<w>(?:half|a\s+half)\s+(?:an?\s+)?(?:hour|day|year|century|decade)|"
      r"an?\s+(?:second|minute|hour|day|week|month|year|decade)\s+and\s+a\s+half|overnight|"
      r"all\s+(?:day|night|week|year)(?:\s+long)?)")
def _duration_word(m, ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w.startswith("all"):
        return _tx(m, "DURATION", duration_value(1, w.split()[1]))
    if w == "overnight":
        return None
    if "and a half" in w:  # "a minute and a half" -> PT1M30S, "a year and a half" -> P1Y6M
        return _tx(m, "DURATION", duration_value(1.5, w.split()[1]))
    unit = w.split()[-1]
    if unit == "hour":
        return _tx(m, "DURATION", "PT30M")
    if unit == "day":
        return _tx(m, "DURATION", "PT12H")
    if unit == "year":
        return _tx(m, "DURATION", "P6M")
    return _tx(m, "DURATION", duration_value(0.5, unit))


# ---- sets

_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D",
            "biweekly": "P2W", "semiannually": "P6M", "biannually": "P6M",
            "fortnightly": "P2W"}


@rule("set_adverb", r"(?P<w>daily|weekly|monthly|yearly|hourly|nightly|biweekly|semiannually|"
      r"biannually|fortnightly)")
def _set_adverb(m, ctx):
    return _tx(m, "SET", _SET_ADV[m["w"].lower()])


def _after_amount(m: re.Match) -> bool:
    before = m.string[max(0, m.start() - 30): m.start()]
    return bool(re.search(r"(?:\d|%|percent|million|billion|trillion|dollars?|cents?|times|once|twice|"
                          r"hundred|thousand|tons?|barrels?|hours|days|pounds|francs|yen|marks|pesos|seats|"
                          r"flights|shares)\W*$", before, re.I))


def _check_a_unit(m: re.Match, text: str) -> bool:
    """'a year' is a SET only after an amount or a frequency ('$5 billion a year', 'twice a week')."""
    if m.group("q").lower() not in ("a", "an"):
        return True
    before = text[max(0, m.start() - 30): m.start()]
    return bool(re.search(r"(?:\d|%|percent|million|billion|trillion|dollars?|cents?|times|once|twice|"
                          r"hundred|thousand|tons?|barrels?|hours|days|pounds|francs|yen|marks|pesos)\W*$", before, re.I))


@rule("set_every", rf"(?P<q>every|each|per|a|an)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?"
      rf"(?:(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|seconds|minutes|hours|"
      rf"days|weeks|months|years)|(?P<wd>{WEEKDAY}s?|{_MONTH_FULL})|(?P<part>{PART}))", check=_check_a_unit)
def _set_every(m, ctx):
    q = m["q"].lower()
    if q in ("a", "an") and not m["unit"]:
        return None
    if m["wd"]:
        w = m["wd"].lower().rstrip("s").rstrip(".")
        if w in WEEKDAYS:
            return _tx(m, "SET", f"XXXX-WXX-{WEEKDAYS[w]}")
        if w in MONTHS or m["wd"].lower() in MONTHS:
            return _tx(m, "SET", f"XXXX-{MONTHS[m['wd'].lower()]:02d}")
        return None
    if m["part"]:
        return _tx(m, "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[m['part'].lower()]}")
    unit = unit_of(m["unit"])
    if unit == "night":
        unit = "day"
    n = parse_number(m["n"]) if m["n"] else 1
    if m["other"]:
        n = 2
    if n is None:
        return None
    if q in ("a", "an"):
        if unit in ("decade", "century", "quarter") or m["n"]:
            return None
    if unit == "weekend":
        return _tx(m, "SET", "XXXX-WXX-WE")
    if unit == "quarter":
        return _tx(m, "SET", f"P{_fmt_num(n)}Q")  # a set names its period: "every quarter" -> P1Q
    return _tx(m, "SET", duration_value(n, unit))




@rule("set_times", rf"(?P<f>once|twice|thrice|(?:{NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>day|week|month|year|"
      r"quarter|decade|hour)")
def _set_times(m, ctx):
    return _tx(m, "SET", duration_value(1, m["unit"].lower()))


# ---- past / present / future references

@rule("ref", r"(?P<w>" + "|".join(f"(?:{p})" for p, _ in REFS) + ")",
      check=lambda m, text: re.sub(r"\s+", " ", m.group("w").lower()) not in _LONE_AMBIGUOUS)
def _ref(m, ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w in _LONE_AMBIGUOUS:
        return None
    vague = re.fullmatch(r"(?:in\s+)?(?:the\s+)?(?:recent|past\s+few|last\s+few|coming|upcoming|next\s+few|"
                         r"past|previous|prior|earlier)?\s*(?P<unit>days|weeks|months)(?:\s+(?:ahead|to\s+come))?", w)
    if vague:  # "in recent weeks", "the coming months": a stretch of time, unlike "recent years" (the past)
        start = m.start() + (3 if w.startswith("in ") else 0)
        return Timex(start, m.end(), "DURATION", duration_value(None, unit_of(vague["unit"])))
    for pattern, value in REFS:
        if re.fullmatch(pattern, m["w"], re.I):
            start = m.start()
            if w.startswith("in ") and not w.startswith("in this day"):
                start = m.start() + len(m["w"]) - len(m["w"].split(None, 1)[1])
            return Timex(start, m.end(), "DATE", value)
    return None


@rule("current", r"(?P<w>current)(?=\s+(?!account|accounts|affairs|events|contract|contracts|"
      r"delivery|deliveries|prices)[a-z])")
def _current(m, ctx):
    """'current' before a noun ('its current chairman') is the present. ('recent' and 'future' before a noun
    are left alone: they more often classify a thing than place it in time.)"""
    return _tx(m, "DATE", "PRESENT_REF")


# ------------------------------------------------------------------------------------- the matcher

@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


# The prefilter. Running every rule over a whole text costs more than the rest of the dates component: most
# positions start no match. Each rule below names its keys, a set of which every match of the rule contains
# at least one as a whole token (a maximal run of letters, lowercased; for a run of digits, "Y" if it is a
# YEAR, "D" if followed by s, S, ' or ’, "/" if followed by a slash, ":" if after a colon), because the
# pattern requires the word and a non-letter on both sides of it (":" and clock_24: the minutes). A rule
# is then searched only in windows of _MARGIN tokens either side of its keys (number words, which NUM may
# chain without limit, are not counted): the longest matches ("the latter part of the past few 3.5 1/2 more
# years or so to come") span 17 counted tokens and lookaheads read 3 more. Every match found there is matched
# again at its start on the whole text, so lookarounds and extents are those of a search over the whole
# text. A rule without keys is searched everywhere. Many rules narrow their keys further to those with the
# neighbours their pattern requires (_RULE_NEIGHBOURS below).
_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset(WEEKDAYS)
_UNIT_WORDS = frozenset({"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights",
                         "week", "weeks", "fortnight", "fortnights", "month", "months", "quarter", "quarters", "year",
                         "years", "decade", "decades", "century", "centuries", "weekend", "weekends", "millennium",
                         "millennia"})
_WEEKDAY_PLURALS = frozenset(w + "s" for w in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                                "sunday"))
_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
_RULE_KEYS: dict[str, frozenset] = {
    **{name: _MONTH_WORDS for name in ("month_day_year", "day_month_year", "month_day", "month_day_word", "day_month",
                                        "month_year", "month_of_rel_year", "month", "month_spelled_year")},
    "iso_date": frozenset({"Y"}), "us_date": frozenset({"/"}), "year": frozenset({"Y"}),
    "spelled_year": frozenset(re.findall(r"[a-z]+", _TENS)) | {"hundred", "thousand"},
    "year_range": frozenset({"Y"}), "year_range_end": frozenset({"Y"}), "quarter_code": frozenset({"q"}),
    "post_year": frozenset({"Y"}), "decade": frozenset({"D"}),
    "decade_word": frozenset(_DECADE_WORDS), "century": frozenset({"century"}), "quarter": frozenset({"quarter"}),
    "half": frozenset({"half"}), "season": frozenset(SEASONS),
    "deictic_day": frozenset(_DEICTIC), "part_deictic": frozenset({"yesterday", "today", "tomorrow"}),
    "part_of_day": _PARTS, "weekday": _WEEKDAY_WORDS,
    "clock_ampm": frozenset({"am", "pm", "m"}), "clock_24": frozenset({":"}),
    "clock_hhmm_tz": frozenset({"gmt", "utc", "bst", "cet", "est", "edt", "pst", "pdt", "zulu", "z"}),
    "clock_word": frozenset({"noon", "midnight", "midday"}),
    "oclock": frozenset({"clock", "morning", "afternoon", "evening"}),
    "holiday": frozenset({"christmas", "year", "independence", "july", "halloween", "valentine", "thanksgiving",
                          "labor", "memorial", "easter", "friday", "veterans", "election", "martin"}),
    "relative_unit": frozenset({"week", "weekend", "month", "quarter", "year", "decade", "century", "period"}),
    "quarter_last_year": frozenset({"quarter", "period"}), "year_period": frozenset({"quarter", "period"}),
    "year_ago_adj": frozenset({"year"}), "this_unit_mod": frozenset({"week", "month", "year", "quarter", "day"}),
    "end_of_unit": frozenset({"week", "month", "year", "quarter", "decade", "century"}),
    "the_unit": frozenset({"quarter", "weekend", "year", "week"}), "for_the_year": frozenset({"year"}),
    "year_ended": frozenset({"year"}), "week_of": frozenset({"week"}), "year_end": frozenset({"year"}),
    "that_unit": frozenset({"day", "week", "month", "year"}) | _PARTS,
    "ago": frozenset({"ago", "earlier", "later", "from", "hence", "back", "previously"}),
    "duration": _UNIT_WORDS,
    "duration_adj": frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}),
    "duration_plural": frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades",
                                  "centuries"}),
    "duration_word": frozenset({"half", "overnight", "all"}),
    "set_adverb": frozenset(_SET_ADV),
    "set_every": frozenset({"second", "minute", "hour", "day", "night", "week", "weekend", "month", "quarter", "year",
                            "decade", "century", "seconds", "minutes", "hours", "days", "weeks", "months", "years"})
    | _WEEKDAY_WORDS | _WEEKDAY_PLURALS | frozenset(_MONTH_FULL.split("|")) | _PARTS,
    "set_times": frozenset({"day", "week", "month", "year", "quarter", "decade", "hour"}),
    "ref": frozenset({"age", "present", "moment", "days", "now", "nowadays", "currently", "presently", "time", "years",
                      "months", "weeks", "decades", "centuries", "times", "quarters", "ago", "past", "recently",
                      "lately", "earlier", "recent", "future", "later", "eventually"}),
    "current": frozenset({"current"}),
}
_TOKEN = re.compile(r"[^\W\d_]+|(\d+)")
_YEAR_TOKEN = re.compile(YEAR)
_FREE = frozenset(re.findall(r"[a-z]+", _NUMWORD))  # number words: NUM chains any number of them
# characters that IGNORECASE matches to an ASCII letter though str.lower() does not give it: texts with one
# are searched everywhere
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")
_MARGIN = 24
_ALL_KEYS = frozenset().union(*_RULE_KEYS.values())  # the words some rule's prefilter looks for


@dataclass(frozen=True)
class _Neighbours:
    """What a rule's pattern puts right next to its key word. ``after`` must match at the end of the key
    token; ``before`` must match the whole text from the start of one of the ``reach`` tokens before the key
    up to the key."""

    before: Optional[re.Pattern] = None
    reach: int = 1
    after: Optional[re.Pattern] = None

    def admit(self, word: str, text: str, ti: int, starts: list[int], ends: list[int]) -> bool:
        """Whether the key ``word``, token ``ti`` of ``text``, has these neighbours."""
        if self.after is not None and self.after.match(text, ends[ti]) is None:
            return False
        if self.before is None:
            return True
        for k in range(1, min(self.reach, ti) + 1):
            if self.before.fullmatch(text, starts[ti - k], starts[ti]) is not None:
                return True
        return False


def _neighbours(before: Optional[str] = None, after: Optional[str] = None, reach: int = 1) -> _Neighbours:
    return _Neighbours(re.compile(before, re.I) if before else None, reach, re.compile(after, re.I) if after else None)


@dataclass(frozen=True)
class _KeyNeighbours:
    """Neighbours for some of a rule's keys: ``{key: (neighbours, ...)}``, any of which will do; its other keys
    always count."""

    by_key: dict

    def admit(self, word: str, text: str, ti: int, starts: list[int], ends: list[int]) -> bool:
        options = self.by_key.get(word)
        return options is None or any(n.admit(word, text, ti, starts, ends) for n in options)


# "ref": what its pattern puts next to those of its keys that are not a reference on their own ("years" in
# "the past few years", "the years ahead"; "time" in "this time"). "now", "recently", "earlier", "ago",
# "past", "future"... count everywhere.
_REF_UNIT_BEFORE = _neighbours(before=r"(?:few|recent|previous|earlier|past|last|prior|coming|upcoming|future|these|"
                                      r"former)\s+")
_REF_NEIGHBOURS = _KeyNeighbours({
    "age": (_neighbours(before=r"and\s+"),),  # "in this day and age"
    "present": (_neighbours(before=r"(?:the|at)\s+"),),
    "moment": (_neighbours(before=r"the\s+"),),
    "time": (_neighbours(before=r"(?:present|this|some)\s+"),),
    **{unit: (_REF_UNIT_BEFORE,) for unit in ("times", "centuries", "quarters")},
    **{unit: (_REF_UNIT_BEFORE, _neighbours(after=r"\s+(?:ahead|to\s+come)"))
       for unit in ("years", "months", "weeks", "days", "decades")},
})


# The last word of a NUM: a run of digits ("3.5", "1/2": the last run), a number word, or the last word of
# one of its phrases ("a couple of", "half an", "a number of", "several").
_NUM_END = rf"(?:\d+|{_NUMWORD}|an?|half|couple|of|several|few|many|some|numerous)"

# The narrower prefilter. For the rules below a key only counts where its neighbours are those the pattern
# gives the key word it is written for ("may" counts for month_day only before a day number, "year" for
# duration only after a number). Each ``before``/``after`` is a piece of the rule's own pattern (same flags)
# next to a word that is a whole key token of every match: every match still contains a key that counts,
# and its window is the same as before. Only windows around keys no match can contain are dropped.
_RULE_NEIGHBOURS: dict[str, "_Neighbours | _KeyNeighbours"] = {
    # the month name
    "month_day_year": _neighbours(after=rf"\.?\s+{DAY},?\s+{YEAR}"),
    "day_month_year": _neighbours(after=rf"\.?,?\s+{YEAR}"),
    "month_day": _neighbours(after=rf"\.?\s+{DAY}"),
    "month_day_word": _neighbours(after=rf"\s+(?:the\s+)?(?:{_ORDINAL_DAY})"),
    "day_month": _neighbours(before=rf"{DAY}\s+(?:of\s+)?", reach=3),  # "5 May", "5th of May": 1 to 3 tokens
    "month_year": _neighbours(after=rf"\.?,?\s+(?:of\s+)?(?:{YEAR}|'\d\d)"),
    "month_of_rel_year": _neighbours(after=rf"\.?\s+(?:of\s+)?{_REL_YEAR}\s+year"),
    "month_spelled_year": _neighbours(after=r"\.?(?:,|\s+of)?\s+(?:nineteen|eighteen|two)"),
    "week_of": _neighbours(after=rf"\s+of\s+{MONTH}"),
    # the unit
    "duration": _neighbours(before=rf"(?:{_NUM_END}|more|additional|straight|consecutive|full|long|trading|"
                                   r"business|calendar|working|fiscal|plus)[\s-]+"),
    "duration_adj": _neighbours(before=rf"{_NUM_END}-"),
    "duration_plural": _neighbours(before=r"(?:the|many|several|long|few|for|over|in|within|take|took|takes|taken|"
                                          r"taking|lasted|last|spent|spend|after)\s+"),
    "relative_unit": _neighbours(before=r"(?:last|this|next|past|coming|previous|following|current|same|preceding|"
                                        r"prior|latest|upcoming|recent|ended|ago|earlier|before|comparable|fiscal|"
                                        r"calendar)\s+"),
    "set_every": _neighbours(before=rf"(?:every|each|per|other|{_NUM_END})\s+"),
    "set_times": _neighbours(before=r"(?:once|twice|thrice|times)\s+(?:a|an|per|each|every)\s+", reach=2),
    "end_of_unit": _neighbours(before=r"(?:the|this|that|next|last)\s+"),
    "this_unit_mod": _neighbours(before=r"(?:the|this|that)\s+"),
    "that_unit": _neighbours(before=r"(?:that|same|following|next|previous|preceding|prior)\s+"),
    "the_unit": _neighbours(before=r"(?:the|that|this|same|full|fiscal)\s+"),
    "quarter_last_year": _neighbours(before=r"(?:s|comparable|corresponding|same)\s+"),  # "last year's quarter"
    "year_period": _neighbours(before=rf"{YEAR}\s+"),
    "for_the_year": _neighbours(before=r"the\s+"),
    "year_ended": _neighbours(before=r"(?:the|fiscal)\s+"),
    "year_end": _neighbours(after=r"(?:'s|’s)?[- ]end"),
    "year_ago_adj": _neighbours(after=r"[- ](?:ago|earlier|before)"),
    # "ago", "later", "back"... after a unit (or "or so")
    "ago": _neighbours(before=rf"(?:{UNIT}|so)\s+"),
    "ref": _REF_NEIGHBOURS,
    # the year (a run of exactly four digits in these patterns)
    "iso_date": _neighbours(after=r"-(?:0[1-9]|1[0-2])-"),
    "year_range": _neighbours(after=r"\s*[-–]\s*\d"),
    "year_range_end": _neighbours(before=r"\d*[12]\d\d\d[-–]"),  # its lookbehind: the digits before the dash
    "post_year": _neighbours(before=r"(?:pre|post)-"),
    # "10 am", "10:30pm", "10 a.m."
    "clock_ampm": _KeyNeighbours({"am": (_neighbours(before=r"\d+\s*"),), "pm": (_neighbours(before=r"\d+\s*"),),
                                  "m": (_neighbours(before=r"[ap]\."),)}),
    # the words of the holiday names; "christmas", "easter", "halloween"... count everywhere
    "holiday": _KeyNeighbours({
        "year": (_neighbours(before=r"new\s+"),),
        "july": (_neighbours(before=r"of\s+"), _neighbours(after=r"\s+fourth")),
        "friday": (_neighbours(before=r"good\s+"),),
        "martin": (_neighbours(after=r"\s+luther"),),
        **{word: (_neighbours(after=r"\s+day"),) for word in ("independence", "labor", "memorial", "veterans",
                                                               "election")},
    }),
}


def _windows(hits: list[int], counted: list[int], free: list[bool], starts: list[int], ends: list[int],
             size: int) -> list[tuple[int, int]]:
    """Character windows [a, b) around the tokens ``hits``: _MARGIN counted tokens (and any free ones) either side."""
    out: list[tuple[int, int]] = []
    n = len(starts)
    for ti in hits:
        lo = max(0, ti - _MARGIN)
        while lo > 0 and counted[ti] - counted[lo] < _MARGIN:
            lo -= 1
        while lo > 0 and free[lo - 1]:
            lo -= 1
        hi = min(n - 1, ti + _MARGIN)
        while hi < n - 1 and counted[hi + 1] - counted[ti + 1] < _MARGIN:
            hi += 1
        while hi < n - 1 and free[hi + 1]:
            hi += 1
        a = ends[lo - 1] if lo > 0 else 0
        b = starts[hi + 1] if hi + 1 < n else size
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _tokens(text: str):
    """``(hits, counted, free, starts, ends)`` of the tokens of ``text``: the token indices of each key, the
    number of counted tokens before each index, whether each token is free, and the token offsets."""
    starts: list[int] = []
    ends: list[int] = []
    free: list[bool] = []
    counted = [0]
    hits: dict[str, list[int]] = {}
    keys, free_words = _ALL_KEYS, _FREE
    n_counted = 0
    for i, t in enumerate(_TOKEN.finditer(text)):
        s, e = t.span()
        starts.append(s)
        ends.append(e)
        if t.group(1) is None:
            word = t.group().lower()
            if word in keys:
                hits.setdefault(word, []).append(i)
            is_free = word in free_words
        else:
            if e - s == 4 and _YEAR_TOKEN.fullmatch(text, s, e):
                hits.setdefault("Y", []).append(i)
            after = text[e:e + 1]
            if after in ("s", "S", "'", "’"):
                hits.setdefault("D", []).append(i)
            elif after == "/":
                hits.setdefault("/", []).append(i)
            if s and text[s - 1] == ":":
                hits.setdefault(":", []).append(i)
            is_free = False
        free.append(is_free)
        if not is_free:
            n_counted += 1
        counted.append(n_counted)
    return hits, counted, free, starts, ends


def _rule_matches(text: str):
    """``(order, rule, match)`` for every rule and every match ``rule.regex.finditer(text)`` gives."""
    if _CASE_TRAPS.search(text):
        for order, r in enumerate(RULES):
            for m in r.regex.finditer(text):
                yield order, r, m
        return
    hits, counted, free, starts, ends = _tokens(text)
    size = len(text)
    for order, r in enumerate(RULES):
        keys = _RULE_KEYS.get(r.name)
        if keys is None:
            for m in r.regex.finditer(text):
                yield order, r, m
            continue
        neighbours = _RULE_NEIGHBOURS.get(r.name)
        if neighbours is None:
            rule_hits = sorted(i for k in keys if k in hits for i in hits[k])
        else:
            rule_hits = sorted(i for k in keys if k in hits for i in hits[k]
                               if neighbours.admit(k, text, i, starts, ends))
        if not rule_hits:
            continue
        rx = r.regex
        pos = 0
        for a, b in _windows(rule_hits, counted, free, starts, ends, size):
            p = max(a, pos)
            while p < b:
                m = rx.search(text, p, b)
                if m is None:
                    break
                full = rx.match(text, m.start())
                if full is None:
                    p = m.start() + 1
                    continue
                if full.end() == full.start():  # finditer's handling of empty matches: not worth copying
                    raise _EmptyMatch
                yield order, r, full
                p = pos = full.end()


class _EmptyMatch(Exception):
    pass


def _each_rule(text: str, report: Optional[Callable[[BaseException, str], None]]):
    """Every rule searched over the whole text on its own: a rule that raises costs only its own matches."""
    matches = []
    for order, r in enumerate(RULES):
        try:
            matches += [(order, r, m) for m in r.regex.finditer(text)]
        except Exception as exc:  # noqa: BLE001 - isolated, reported
            _fault(report, exc, f"rule {r.name}")
    return matches


def _fault(report: Optional[Callable[[BaseException, str], None]], exc: BaseException, where: str) -> None:
    """Hand an item's exception to ``report``, or raise it when there is none (a direct caller sees it)."""
    if report is None:
        raise exc
    report(exc, where)


def find_candidates(text: str, report: Optional[Callable[[BaseException, str], None]] = None) -> list[Candidate]:
    """The longest non-overlapping grammar matches in ``text``, in text order.

    ``report(exc, where)``: called for a rule or a match that raises, which then costs only itself; without
    it the exception propagates.
    """
    try:
        matches = list(_rule_matches(text))
    except _EmptyMatch:
        matches = _each_rule(text, report)
    except Exception as exc:  # noqa: BLE001 - the prefilter failed: every rule on its own, isolated
        _fault(report, exc, "prefilter")
        matches = _each_rule(text, report)
    found: list[tuple[int, Candidate]] = []
    for order, r, m in matches:
        if m.end() <= m.start():
            continue
        try:
            if r.check is not None and not r.check(m, text):
                # a failing check on an optional modifier must not hide the bare expression
                continue
        except Exception as exc:  # noqa: BLE001 - isolated, reported
            _fault(report, exc, f"rule {r.name} at {m.start()}: {m.group()[:60]!r}")
            continue
        found.append((order, Candidate(m.start(), m.end(), r, m)))
    found.sort(key=lambda oc: (-(oc[1].end - oc[1].start), oc[0], oc[1].start))
    taken: list[Candidate] = []
    used = bytearray(len(text)) if found else b""  # 1 for the characters of the candidates taken so far
    for _, c in found:
        if used.find(1, c.start, c.end) < 0:  # no overlap with any taken (all are non-empty)
            taken.append(c)
            used[c.start:c.end] = b"\x01" * (c.end - c.start)
    taken.sort(key=lambda c: c.start)
    return taken


_ADJ_FORM = re.compile(rf"(?:the|a|an)\s+(?=(?:(?:{YEAR}\s+)?(?:fiscal\s+)?\S+-(?:quarter|{UNIT})\b|(?!\d{{4}}\b){NUM}[\s-]+"
                       r"(?:second|minute|hour|day|week|month|year|decade)\b(?!-)(?!\s+(?:ago|earlier|later))))", re.I)
_WEEKDAY_MOD = re.compile(rf"(?:early|earlier|late|later)\s+(?={WEEKDAY})", re.I)


def build(candidate: Candidate, ctx: Context) -> Optional[Timex]:
    """Normalise one candidate; None when its rule rejects it on closer inspection.

    Extents follow TimeML: a determiner before an adjectival form ("a [five-hour] drive", "the
    [third-quarter] loss") and "earlier"/"later" before a weekday stay outside the expression.
    """
    try:
        tx = candidate.rule.build(candidate.match, ctx)
    except OutOfCalendar:  # a real expression whose value no calendar date can hold
        return Timex(candidate.start, candidate.end, "DATE", None)
    if tx is None:
        return None
    text = candidate.match.string[tx.start:tx.end]
    for rx in (_ADJ_FORM, _WEEKDAY_MOD):
        m = rx.match(text)
        if m and m.end() < len(text):
            tx.start += m.end()
            text = text[m.end():]
    return tx


_SPAN_PLURAL = re.compile(rf"the\s+(?:(?:early|first|last|final|past|coming|long)\s+)?(?P<unit>{UNIT})", re.I)
_SPAN_DAY = re.compile(r"(?:the|this|that)\s+(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                       r"same|next|following|previous)\s+)?day", re.I)
_SPAN_PART = re.compile(r"(?:(?:the|this|that)\s+)?(?:mid[\s-]*)?(?P<part>morning|afternoon|evening|night|overnight)", re.I)
_SPAN_TEMPORAL = re.compile(rf"\b(?:{UNIT}|morning|afternoon|evening|overnight|Day)\b")
_SPAN_NOT = re.compile(r"\bold\b|-old\b|^\W*\d+\W*$|^(?:annual|quarterly|seasonally)$", re.I)


def normalise_span(text: str, start: int, ctx: Context) -> Optional[Timex]:
    """A fallback for a temporal span found by another tagger (spaCy's DATE/TIME) that the grammar does not
    cover: plural units are vague durations ("the years" -> PXY), "the day"/"the morning" refer to the latest
    day mentioned. None for anything else: a span without a value is not worth its false positives."""
    if _SPAN_NOT.search(text) or not _SPAN_TEMPORAL.search(text):
        return None
    end = start + len(text)
    m = _SPAN_PLURAL.fullmatch(text)
    if m and m["unit"].lower().endswith(("s", "ia")):
        return Timex(start, end, "DURATION", duration_value(None, unit_of(m["unit"])))
    day = ctx.ref if ctx.ref is not None and ctx.ref.gran == "D" else (Point(ctx.dct, "D") if ctx.dct else None)
    anchor = (f"mention:{ctx.ref_start}" if day is ctx.ref else "dct") if day is not None else None
    if _SPAN_DAY.fullmatch(text):
        return Timex(start, end, "DATE", day.value() if day else "XXXX-XX-XX", anchor=anchor, point=day)
    m = _SPAN_PART.fullmatch(text)
    if m:
        part = PARTS_OF_DAY[m["part"].lower()]
        return Timex(start, end, "TIME", f"{day.value() if day else 'XXXX-XX-XX'}T{part}", anchor=anchor)
    return None


def parse_dct(dct: Optional[str]) -> Optional[date]:
    if not dct:
        return None
    try:
        return date.fromisoformat(dct[:10])
    except ValueError:
        return None


def normalise(text: str, *, dct: Optional[str] = None, tense: str = "present") -> Optional[Timex]:
    """Normalise a single expression on its own (a convenience for tests and callers)."""
    ctx = Context(dct=parse_dct(dct), tense=tense)
    for c in find_candidates(text):
        if c.start == 0 and c.end == len(text):
            return build(c, ctx)
    return None
