"""Matching the grammar against a text: :func:`find_candidates` keeps the longest non-overlapping rule
matches, :func:`build` normalises one with a :class:`~claimpipe.timex.grammar.Context`,
:func:`normalise_span` gives a value to a temporal span another tagger found, and :func:`report_fault`
is how a failing rule or match is reported without costing more than itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Optional

from claimpipe.timex.calendar import OutOfCalendar, Point
from claimpipe.timex.grammar import RULES, Context, Rule, Timex
from claimpipe.timex.lexicon import NUM, PARTS_OF_DAY, UNIT, WEEKDAY, YEAR
from claimpipe.timex.numbers import duration_value, unit_of
from claimpipe.timex.prefilter import _EmptyMatch, _rule_matches


# how a caller hears of a rule or a match that raised: ``report(exc, where)``
Report = Callable[[BaseException, str], None]


@dataclass
class Candidate:
    """A match of one rule over ``[start, end)`` of the text, not yet normalised."""

    start: int
    end: int
    rule: Rule
    match: re.Match


def report_fault(report: Optional[Report], exc: BaseException, where: str) -> None:
    """Hand an item's exception to ``report``, or raise it when there is none (a direct caller sees it)."""
    if report is None:
        raise exc
    report(exc, where)


def find_candidates(text: str, report: Optional[Report] = None) -> list[Candidate]:
    """The longest non-overlapping grammar matches in ``text``, in text order.

    ``report(exc, where)``: called for a rule or a match that raises, which then costs only itself; without
    it the exception propagates.
    """
    return _longest(_checked(_all_matches(text, report), text, report), len(text))


def _all_matches(text: str, report: Optional[Report]) -> list:
    """``(order, rule, match)`` for every match of every rule: through the prefilter, or every rule on its
    own when the prefilter cannot serve."""
    try:
        return list(_rule_matches(text))
    except _EmptyMatch:
        return _each_rule(text, report)
    except Exception as exc:  # noqa: BLE001 - the prefilter failed: every rule on its own, isolated
        report_fault(report, exc, "prefilter")
        return _each_rule(text, report)


def _each_rule(text: str, report: Optional[Report]):
    """Every rule searched over the whole text on its own: a rule that raises costs only its own matches."""
    matches = []
    for order, r in enumerate(RULES):
        try:
            matches += [(order, r, m) for m in r.regex.finditer(text)]
        except Exception as exc:  # noqa: BLE001 - isolated, reported
            report_fault(report, exc, f"rule {r.name}")
    return matches


def _checked(matches: list, text: str, report: Optional[Report]) -> list[tuple[int, Candidate]]:
    """``(order, candidate)`` for the non-empty matches their rule's ``check`` accepts."""
    found: list[tuple[int, Candidate]] = []
    for order, r, m in matches:
        if m.end() <= m.start():
            continue
        try:
            if r.check is not None and not r.check(m, text):
                # a failing check on an optional modifier must not hide the bare expression
                continue
        except Exception as exc:  # noqa: BLE001 - isolated, reported
            report_fault(report, exc, f"rule {r.name} at {m.start()}: {m.group()[:60]!r}")
            continue
        found.append((order, Candidate(m.start(), m.end(), r, m)))
    return found


def _longest(found: list[tuple[int, Candidate]], size: int) -> list[Candidate]:
    """The longest candidates that do not overlap, in text order; between two of the same length, the
    earlier rule's, then the earlier one in the text."""
    found.sort(key=lambda oc: (-(oc[1].end - oc[1].start), oc[0], oc[1].start))
    taken: list[Candidate] = []
    used = bytearray(size) if found else b""  # 1 for the characters of the candidates taken so far
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
    """The date of a document creation date given as an ISO string (its first ten characters); None if there
    is none or it is not a date."""
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
