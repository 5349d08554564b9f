"""Units counted from the dct or from the date under discussion: "last week", "this year", "the past
decade", "the following month", "that same day", "the end of the year", "the year-ago quarter", "for the
year", and counted in numbers: "two years ago", "three months later"."""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from claimpipe.timex.calendar import UNDERSPECIFIED, Point, shift
from claimpipe.timex.grammar import _MODP, _check_month_word, _day, _month, _safe_date, _tx, _year_for, mod_of, rule
from claimpipe.timex.lexicon import DAY, MONTH, NUM, PARTS_OF_DAY, UNIT, UNITS, YEAR
from claimpipe.timex.numbers import duration_value, parse_number, unit_of


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
