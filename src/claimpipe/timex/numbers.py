"""Amounts of time: the number a numeral or number words state, a year spelled out in words, the unit a
word names, and the TIMEX3 duration value a number of units makes ("three quarters" -> ``P9M``)."""

from __future__ import annotations

import re
from typing import Optional

from claimpipe.timex.lexicon import NUMBERS, UNITS, VAGUE_NUMBERS


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


def _fmt_num(n: float) -> str:
    """A number as a value writes it: 3.0 -> "3", 2.5 -> "2.5"."""
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
    """The unit a word names, singular: "Centuries" -> "century", "weeks" -> "week"."""
    w = word.lower().rstrip(".")
    if w in ("centuries",):
        return "century"
    if w == "millennia":
        return "millennium"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w
