"""TIMEX3 normalisation: a rule-based grammar of English temporal expressions (HeidelTime-like).

:func:`find_candidates` matches the grammar (the ``@rule`` functions of :mod:`claimpipe.timex.rules`, one
per kind of expression) against a text, each rule only near the words it cannot match without, and keeps
the longest non-overlapping matches; :func:`build` turns each match, in text order and with a
:class:`Context`, into a :class:`Timex` ``(type, value, mod, anchor)``. Relative expressions
("yesterday", "last week", "two years ago", "Friday") are resolved against the document creation date
(dct); anaphoric ones ("that year", "the following month", "a year earlier") against the latest date
mentioned before them. With nothing to resolve against, a value stays underspecified ("XXXX-03",
"XXXX-WXX") rather than being guessed.

Nothing here imports spaCy: the caller sets the tense of the clause (``"past"``, ``"present"``,
``"future"``) and the sentence start on the context when it knows them (see :mod:`claimpipe.nlp.components.dates`).
Conventions follow TimeML/TimeBank: decades as ``199``, centuries as ``19``, a decade as ``P10Y``,
quarters as ``1989-Q3`` and three of them as ``P9M``, "Friday night" as ``...TNI``.

The package, from the words up:

- :mod:`.lexicon`: word tables (months, numbers, units, modifiers, references) and regex pieces
- :mod:`.numbers`: numbers, spelled-out years, units and TIMEX3 durations
- :mod:`.calendar`: :class:`Point`, a date at a granularity, and :func:`shift`
- :mod:`.grammar`: :class:`Timex`, :class:`Context`, the ``@rule`` registry and the helpers rules share
- :mod:`.rules`: the rules, one module per family of expressions, registered in a fixed order
- :mod:`.prefilter`: which rules to search where in a text
- :mod:`.matcher`: :func:`find_candidates`, :func:`build`, :func:`normalise_span`
- :mod:`.values`: whether a TIMEX3 value is well formed
"""

from claimpipe.timex import rules  # noqa: F401 - registers the rules, in order, before anything matches
from claimpipe.timex.calendar import OutOfCalendar, Point
from claimpipe.timex.grammar import RULES, Context, Rule, Timex
from claimpipe.timex.matcher import (Candidate, build, find_candidates, normalise, normalise_span, parse_dct,
                                     report_fault)

__all__ = ["RULES", "Candidate", "Context", "OutOfCalendar", "Point", "Rule", "Timex", "build", "find_candidates",
           "normalise", "normalise_span", "parse_dct", "report_fault"]
