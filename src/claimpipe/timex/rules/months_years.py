"""Months, years, decades and centuries: "May 2005", "March of that year", "last March", "1998",
"nineteen ninety-six", "1989-90", "Q3 2019", "post-2001", "the 1990s", "the sixties", "the 19th century"."""

from __future__ import annotations

import re
from datetime import date

from claimpipe.timex.calendar import Point
from claimpipe.timex.grammar import (_MODP, _apply_mod, _check_month_word, _month, _relative_year, _tx, _year_for,
                                     rule)
from claimpipe.timex.lexicon import _MONTH_ABBR, _MONTH_FULL, _ONES, _TENS, MONTH, ORDINALS, YEAR
from claimpipe.timex.numbers import spelled_year


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
