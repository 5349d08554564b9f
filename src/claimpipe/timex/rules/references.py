"""Past, present and future references: "now", "currently", "in recent years", "the coming months",
"in the future" (TIMEX3 ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``, or a vague duration), and
"current" before a noun."""

from __future__ import annotations

import re

from claimpipe.timex.grammar import Timex, _tx, rule
from claimpipe.timex.lexicon import _LONE_AMBIGUOUS, REFS
from claimpipe.timex.numbers import duration_value, unit_of


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
