"""What the grammar is made of: the :class:`Rule` registry that ``@rule`` fills in definition order
(:data:`RULES`; ties between matches of equal length go to the earlier rule), the :class:`Timex` a rule
builds, the :class:`Context` it resolves against, and the helpers the rule families share: reading a
match (``_tx``, ``_month``, ``_day``, ``_safe_date``), modifiers (:func:`mod_of`, ``_apply_mod``,
``_MODP``) and the year of an expression written without one (``_year_for``, ``_relative_year``).

The helpers keep their leading underscore: they serve the modules of :mod:`claimpipe.timex.rules`, not
the package's callers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Optional

from claimpipe.timex.calendar import Point
from claimpipe.timex.lexicon import DMOD, MOD_WORDS, MONTHS

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
        """Make ``tx``, if it is a resolved date or time, the one later anaphora resolve against."""
        if tx.point is None or tx.type not in ("DATE", "TIME"):
            return
        self.ref, self.ref_start = tx.point, tx.start
        if tx.explicit_year:
            self.year_ref, self.year_ref_start = tx.point, tx.start
        if tx.point.gran == "Q":
            self.quarter_ref, self.quarter_ref_start = tx.point, tx.start


# ------------------------------------------------------------------------------------- the rules

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


# ------------------------------------------------------------------------- shared by the rules

def _tx(m: re.Match, type_: str, value: Optional[str], mod=None, anchor=None, point=None, explicit_year=False):
    """The :class:`Timex` over the whole match ``m``."""
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


def _relative_year(rel: str, ctx: Context) -> tuple[Optional[Point], Optional[str]]:
    """The year ``rel`` names ("this", "last", "next" from the dct; "that", "the following", "the previous"...
    from the latest date mentioned), and what it was resolved against."""
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


def mod_of(text: Optional[str]) -> Optional[str]:
    """The TIMEX3 ``mod`` a modifier states ("the end of" -> ``END``, "nearly" -> ``LESS_THAN``); None if none."""
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.lower().strip()).rstrip("-")
    for pattern, mod in MOD_WORDS:
        if re.fullmatch(pattern, t):
            return mod
    return None


def _apply_mod(tx: Optional[Timex], modtext: Optional[str]) -> Optional[Timex]:
    """``tx`` with the ``mod`` its modifier group ``modtext`` states, if any."""
    if tx is not None and modtext:
        tx.mod = mod_of(modtext) or tx.mod
    return tx


# an optional modifier before an expression ("early", "the end of", "about"), in the group ``mod``
_MODP = rf"(?:(?P<mod>{DMOD})[\s-]+)?"


def _check_month_word(m: re.Match, text: str) -> bool:
    """A month name counts capitalised only ("May", not "may")."""
    return _capitalised(m, text, "mon")
