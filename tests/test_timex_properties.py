"""The date grammar cannot raise on well-formed text: property tests over composed sentences and over every rule.

Clock times, time zones, weekdays, ordinals, months, years, durations and sets are composed into sentences;
extraction must neither raise nor give a value that is not a well-formed TIMEX3 value
(:func:`claimpipe.timex.values.is_valid`) nor a span whose text is not ``text[start:end]``. Then every rule of
the grammar on its own: texts drawn from the rule's own pattern, each match normalised under every context.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimpipe import timex
from claimpipe.timex.values import is_valid

HOURS = st.integers(0, 23)
MINUTES = st.integers(0, 59)
ZONES = ["UTC", "GMT", "EST", "EDT", "CET", "BST", "PST", "local time", "hours"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Tues.", "Thurs."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan.", "Feb.", "Sept.", "Dec."]
ORDINALS = ["first", "second", "third", "fourth", "tenth", "twenty-first", "1st", "2nd", "3rd", "31st", "29th"]
UNITS = ["second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year", "decade", "century",
         "weekend", "seconds", "hours", "days", "weeks", "months", "years", "decades", "centuries"]
NUMBERS = ["one", "two", "three", "a", "an", "several", "a few", "twenty-five", "1", "2", "10", "2.5", "3 1/2",
           "a couple of", "half a", "a hundred"]
FILLERS = ["The Dow Jones was down 2.62% at", "Markets closed", "on", "at", "by", "until", "since", "from", "to",
           "and", "the", "last", "next", "this", "that", "early", "late", "mid-", "every", "each", "per", "twice a",
           "once a", "ago", "later", "earlier", "before", "after", "of", "in", ",", ".", "-", "–", "/", ":", "'s",
           "said", "officials said", "\n", "about", "nearly", "more than", "the following", "the same"]


def clock() -> st.SearchStrategy[str]:
    hhmm = st.tuples(HOURS, MINUTES)
    return st.one_of(
        hhmm.map(lambda t: f"{t[0]:02d}:{t[1]:02d}"),
        st.tuples(HOURS, MINUTES, st.sampled_from(ZONES)).map(lambda t: f"{t[0]}:{t[1]:02d} {t[2]}"),
        st.tuples(HOURS, MINUTES, st.sampled_from(["GMT", "UTC", "Z", "EST"])).map(lambda t: f"{t[0]:02d}{t[1]:02d} {t[2]}"),
        st.tuples(st.integers(1, 12), MINUTES, st.sampled_from(["am", "pm", "a.m.", "p.m.", " a.m.", " pm"]))
        .map(lambda t: f"{t[0]}.{t[1]:02d}{t[2]}"),
        st.tuples(st.integers(0, 12), st.sampled_from(["am", "pm", " a.m.", " p.m."])).map(lambda t: f"{t[0]}{t[1]}"),
        st.sampled_from(["noon", "midnight", "midday", "Noon", "ten o'clock", "4 in the afternoon"]),
    )


def part() -> st.SearchStrategy[str]:
    year = st.integers(1500, 2099).map(str)
    return st.one_of(
        clock(), year, st.sampled_from(WEEKDAYS), st.sampled_from(MONTHS), st.sampled_from(ORDINALS),
        st.tuples(st.sampled_from(MONTHS), st.integers(0, 40)).map(lambda t: f"{t[0]} {t[1]}"),
        st.tuples(st.integers(0, 40), st.sampled_from(MONTHS), year).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(st.sampled_from(NUMBERS), st.sampled_from(UNITS)).map(" ".join),
        st.tuples(st.sampled_from(NUMBERS), st.sampled_from(UNITS)).map("-".join),
        st.tuples(st.integers(0, 99), st.integers(0, 99), st.integers(0, 9999)).map(lambda t: f"{t[0]}/{t[1]}/{t[2]}"),
        st.tuples(st.integers(1000, 2999), st.integers(0, 19), st.integers(0, 39)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
        st.sampled_from(["Q1", "Q4 2019", "2019Q3", "the 1990s", "the '80s", "the 19th century", "1999-2001",
                         "daily", "weekly", "every Monday", "each year", "today", "yesterday", "tomorrow", "tonight",
                         "this morning", "Christmas", "New Year's Day", "the third quarter", "the second half",
                         "spring", "last summer", "now", "recently", "the past few years", "fiscal 2019",
                         "the year-ago quarter", "the week of March 3", "year-end", "nineteen ninety-nine"]),
        st.sampled_from(FILLERS),
    )


sentences = st.lists(part(), min_size=1, max_size=14).map(" ".join)
contexts = st.builds(
    lambda dct, tense: (dct, tense),
    st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2099, 12, 31))),
    st.sampled_from(["past", "present", "future"]),
)


def _normalise_all(text: str, dct, tense: str) -> list[timex.Timex]:
    ctx = timex.Context(dct=dct, tense=tense)
    out = []
    for candidate in timex.find_candidates(text):
        tx = timex.build(candidate, ctx)
        if tx is not None:
            ctx.remember(tx)
            out.append(tx)
    return out


def _check(text: str, found: list[timex.Timex]) -> None:
    for tx in found:
        assert 0 <= tx.start < tx.end <= len(text), (text, tx)
        assert tx.type in ("DATE", "TIME", "DURATION", "SET"), (text, tx)
        assert tx.value is None or is_valid(tx.type, tx.value), f"{text[tx.start:tx.end]!r} in {text!r}: {tx}"


@given(text=sentences, context=contexts)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_timex_composed_sentences_give_valid_values(text, context):
    _check(text, _normalise_all(text, *context))


@pytest.mark.parametrize("text", [
    "The Dow Jones was down 2.62% at 16:08 UTC",
    "Trading stopped at 0800 GMT on Monday and resumed at 10.30am; the vote is at noon, the count at midnight.",
    "At 16:08 GMT on Monday, March 3, 2014, officials said.",
])
def test_timex_newswire_clock_times_are_times_on_the_day(text):
    found = _normalise_all(text, date(2014, 3, 4), "past")
    assert found and all(tx.type == "TIME" for tx in found if ":" in text[tx.start:tx.end] or "GMT" in text[tx.start:tx.end])
    _check(text, found)


def test_timex_clock_24_is_a_time_on_the_document_date():
    (tx,) = _normalise_all("The Dow Jones was down 2.62% at 16:08 UTC", date(2014, 3, 4), "past")
    assert (tx.type, tx.value, tx.anchor) == ("TIME", "2014-03-04T16:08", "dct")


# The grammar's rules in the order they were written in, before the grammar was split into modules: between
# matches of equal length the earlier rule wins, so the order is part of the grammar.
RULE_ORDER = [
    "month_day_year", "day_month_year", "iso_date", "us_date", "month_day", "month_day_word", "day_month",
    "month_year", "month_of_rel_year", "month", "year", "spelled_year", "month_spelled_year", "year_range",
    "year_range_end", "quarter_code", "post_year", "decade", "decade_word", "century",
    "quarter", "half", "season",
    "deictic_day", "part_deictic", "part_of_day", "weekday",
    "clock_ampm", "clock_24", "clock_hhmm_tz", "clock_word", "oclock",
    "holiday",
    "relative_unit", "quarter_last_year", "year_period", "year_ago_adj", "this_unit_mod", "end_of_unit", "the_unit",
    "for_the_year", "year_ended", "week_of", "year_end", "that_unit", "ago",
    "duration", "duration_adj", "duration_plural", "duration_word",
    "set_adverb", "set_every", "set_times",
    "ref", "current",
]


def test_timex_rules_keep_their_order():
    assert [r.name for r in timex.RULES] == RULE_ORDER


@pytest.mark.parametrize("rule", timex.RULES, ids=lambda r: r.name)
def test_timex_every_rule_alone_never_raises(rule):
    contexts_to_try = [
        timex.Context(),
        timex.Context(dct=date(2016, 2, 29), tense="past"),
        timex.Context(dct=date(2000, 12, 31), tense="future"),
        timex.Context(dct=date(1999, 1, 1), tense="present", ref=timex.Point(date(1998, 3, 31), "D"), ref_start=0,
                      year_ref=timex.Point(date(1998, 3, 31), "D"), year_ref_start=0,
                      quarter_ref=timex.Point(date(1998, 1, 1), "Q"), quarter_ref_start=0),
    ]

    @given(text=st.from_regex(rule.regex, fullmatch=False))
    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], deadline=None)
    def check(text):
        for m in rule.regex.finditer(text):
            if m.end() <= m.start():
                continue
            if rule.check is not None:
                rule.check(m, text)
            candidate = timex.Candidate(m.start(), m.end(), rule, m)
            for ctx in contexts_to_try:
                tx = timex.build(candidate, ctx)
                if tx is not None:
                    _check(text, [tx])

    check()


@pytest.fixture(scope="module")
def dates_nlp():
    from claimpipe.evaluate.timeml import dates_pipeline

    return dates_pipeline()


@given(text=sentences, dct=st.one_of(st.none(), st.sampled_from(["2014-03-04", "2000-02-29", "1999-12-31"])))
@settings(max_examples=80, deadline=None)
def test_timex_dates_component_isolates_nothing_and_is_exact(dates_nlp, text, dct):
    """Through the spaCy component: no expression is lost to an internal error (no fault recorded), every
    span is ``text[start:end]`` and every value well formed."""
    doc = dates_nlp.make_doc(text)
    doc._.claimpipe_dct = dct
    doc = dates_nlp(doc)
    assert not doc._.claimpipe_faults, doc._.claimpipe_faults
    for d in doc._.claimpipe_dates:
        assert text[d.start:d.end] == d.text
        assert d.value is None or is_valid(d.type, d.value), d
