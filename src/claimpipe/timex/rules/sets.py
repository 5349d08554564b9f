"""Sets, times that recur: "daily", "every week", "each Monday", "every other month", "twice a year",
and "a year" after an amount ("$5 billion a year")."""

from __future__ import annotations

import re

from claimpipe.timex.grammar import _tx, rule
from claimpipe.timex.lexicon import _MONTH_FULL, MONTHS, NUM, PART, PARTS_OF_DAY, WEEKDAY, WEEKDAYS
from claimpipe.timex.numbers import _fmt_num, duration_value, parse_number, unit_of


_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D",
            "biweekly": "P2W", "semiannually": "P6M", "biannually": "P6M",
            "fortnightly": "P2W"}


@rule("set_adverb", r"(?P<w>daily|weekly|monthly|yearly|hourly|nightly|biweekly|semiannually|"
      r"biannually|fortnightly)")
def _set_adverb(m, ctx):
    return _tx(m, "SET", _SET_ADV[m["w"].lower()])


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
