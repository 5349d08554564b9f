"""The keyword prefilter: which rules to search where in a text (:func:`_rule_matches`).

Running every rule over a whole text costs more than the rest of the dates component; the keys and
neighbours below let each rule be searched only near the words it cannot match without, and find
exactly what a search over the whole text finds (``tests/test_dates.py`` checks it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from claimpipe.timex.grammar import RULES
from claimpipe.timex.lexicon import _MONTH_FULL, _NUMWORD, _TENS, DAY, MONTH, MONTHS, SEASONS, UNIT, WEEKDAYS, YEAR
from claimpipe.timex.rules.days import _DEICTIC
from claimpipe.timex.rules.dates import _ORDINAL_DAY
from claimpipe.timex.rules.months_years import _DECADE_WORDS, _REL_YEAR
from claimpipe.timex.rules.sets import _SET_ADV


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
        rule_hits = _rule_hits(r.name, keys, hits, text, starts, ends)
        if not rule_hits:
            continue
        for m in _search_windows(r.regex, text, _windows(rule_hits, counted, free, starts, ends, size)):
            yield order, r, m


def _rule_hits(name: str, keys: frozenset, hits: dict[str, list[int]], text: str, starts: list[int],
               ends: list[int]) -> list[int]:
    """The token indices of the keys of rule ``name`` in ``text`` that count (with their neighbours), sorted."""
    neighbours = _RULE_NEIGHBOURS.get(name)
    if neighbours is None:
        return sorted(i for k in keys if k in hits for i in hits[k])
    return sorted(i for k in keys if k in hits for i in hits[k]
                  if neighbours.admit(k, text, i, starts, ends))


def _search_windows(rx: re.Pattern, text: str, windows: list[tuple[int, int]]):
    """The matches of ``rx`` found in ``windows``, each matched again at its start on the whole text (so
    its lookarounds and extent are those of a search over the whole text), in order and not overlapping,
    as ``rx.finditer(text)`` gives them. :class:`_EmptyMatch` if one is empty."""
    pos = 0
    for a, b in windows:
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
            yield full
            p = pos = full.end()


class _EmptyMatch(Exception):
    """A rule matched the empty string: the caller searches every rule on its own instead."""
