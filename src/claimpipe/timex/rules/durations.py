"""Durations: "three years", "a five-hour drive", "for months", "half an hour", "a year and a half",
"all day" (TIMEX3 ``P3Y``, ``PT5H``, ``PXM``...); "$5 a year" and "37 years old" are not durations."""

from __future__ import annotations

import re

from claimpipe.timex.grammar import _MODP, _tx, mod_of, rule
from claimpipe.timex.lexicon import NUM, UNIT
from claimpipe.timex.numbers import duration_value, parse_number, unit_of


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


def _after_amount(m: re.Match) -> bool:
    before = m.string[max(0, m.start() - 30): m.start()]
    return bool(re.search(r"(?:\d|%|percent|million|billion|trillion|dollars?|cents?|times|once|twice|"
                          r"hundred|thousand|tons?|barrels?|hours|days|pounds|francs|yen|marks|pesos|seats|"
                          r"flights|shares)\W*$", before, re.I))
