"""Dates: TIMEX3 types, values, mods and anchors; anaphora; not-dates; no-dct underspecification."""

from __future__ import annotations

import json

import pytest

from conftest import GOLD, SEED, needs_shared

DCT = "2016-11-08"  # a Tuesday


@pytest.fixture(scope="module")
def nlp():
    """The model with the components dates depend on (entities) and dates itself."""
    from claimpipe.evaluate.timeml import dates_pipeline

    return dates_pipeline()


def _dates(nlp, text, dct=DCT):
    doc = nlp.make_doc(text)
    doc._.claimpipe_dct = dct
    return nlp(doc)._.claimpipe_dates


def _one(nlp, text, expression, dct=DCT):
    found = [d for d in _dates(nlp, text, dct) if d.text == expression]
    assert found, f"{expression!r} not found in {text!r}: {_dates(nlp, text, dct)}"
    return found[0]


@pytest.mark.parametrize(
    "text, expression, type_, value, mod",
    [
        ("The accord was signed in February 2014.", "February 2014", "DATE", "2014-02", None),
        ("The plant opened in 2020.", "2020", "DATE", "2020", None),
        ("The vote was held on November 8, 2016.", "November 8, 2016", "DATE", "2016-11-08", None),
        ("Polls closed at 2:30 p.m. on the island.", "2:30 p.m.", "TIME", "2016-11-08T14:30", None),
        ("The rally was held yesterday.", "yesterday", "DATE", "2016-11-07", None),
        ("He will fly to Paris tomorrow.", "tomorrow", "DATE", "2016-11-09", None),
        ("Sales fell last week.", "last week", "DATE", "2016-W44", None),
        ("Prices will rise next month.", "next month", "DATE", "2016-12", None),
        ("The plant closed two years ago.", "two years ago", "DATE", "2014", None),
        ("The minister spoke on Friday.", "Friday", "DATE", "2016-11-04", None),
        ("The talks will resume on Friday.", "Friday", "DATE", "2016-11-11", None),
        ("The law was passed in March.", "March", "DATE", "2016-03", None),
        ("Growth slowed in the third quarter.", "the third quarter", "DATE", "2016-Q3", None),
        ("Prices rose sharply in early 2020.", "early 2020", "DATE", "2020", "START"),
        ("The firm grew in the late 1990s.", "the late 1990s", "DATE", "199", "END"),
        ("It was the bloodiest war of the 20th century.", "the 20th century", "DATE", "19", None),
        ("She arrived this morning.", "this morning", "TIME", "2016-11-08TMO", None),
        ("The talks lasted three months.", "three months", "DURATION", "P3M", None),
        ("Trade doubled over the last decade.", "the last decade", "DURATION", "P10Y", None),
        ("The siege lasted about two years.", "about two years", "DURATION", "P2Y", "APPROX"),
        ("The inquiry took more than a decade.", "more than a decade", "DURATION", "P10Y", "MORE_THAN"),
        ("The crew worked for 36 hours.", "36 hours", "DURATION", "PT36H", None),
        ("The magazine appears weekly.", "weekly", "SET", "P1W", None),
        ("The board meets every month.", "every month", "SET", "P1M", None),
        ("The region is stable at present.", "at present", "DATE", "PRESENT_REF", None),
        ("The result was announced on 8 November 2016.", "8 November 2016", "DATE", "2016-11-08", None),
        ("Revenue fell in Q3 2019.", "Q3 2019", "DATE", "2019-Q3", None),
        ("Startups boomed in the 2010s.", "the 2010s", "DATE", "201", None),
        ("The line opens in mid-2019.", "mid-2019", "DATE", "2019", "MID"),
        ("The shops close before Christmas.", "Christmas", "DATE", "2016-12-25", None),
        ("Prices rose in recent weeks.", "recent weeks", "DURATION", "PXW", None),
        ("Costs fell in the first half of 2015.", "the first half of 2015", "DATE", "2015-H1", None),
        ("Ties have deepened in recent years.", "recent years", "DATE", "PAST_REF", None),
        ("Trade will grow in the coming years.", "the coming years", "DATE", "FUTURE_REF", None),
    ],
)
def test_dates_expression_table(nlp, text, expression, type_, value, mod):
    d = _one(nlp, text, expression)
    assert (d.type, d.value, d.mod) == (type_, value, mod)
    assert text[d.start:d.end] == d.text


@pytest.mark.parametrize(
    "text, expression, value",
    [
        ("The shops close before Christmas.", "Christmas", "XXXX-12-25"),
        ("The parade ends on Halloween.", "Halloween", "XXXX-10-31"),
        ("The fair opens at Easter.", "Easter", "XXXX-XX-XX"),  # movable: no month or day without a year
    ],
)
def test_dates_holiday_without_year_or_dct_keeps_month_and_day(nlp, text, expression, value):
    assert _one(nlp, text, expression, dct=None).value == value


def test_dates_relative_anchor_is_dct(nlp):
    d = _one(nlp, "The rally was held yesterday.", "yesterday")
    assert d.anchor == "dct"
    assert _one(nlp, "The plant opened in 2020.", "2020").anchor is None


@pytest.mark.parametrize(
    "text, expression, value, antecedent",
    [
        ("The treaty was signed in 2019. In March of that year, the first jets arrived.",
         "March of that year", "2019-03", "2019"),
        ("The bank opened in June 2010. The following month, it collapsed.",
         "The following month", "2010-07", "June 2010"),
        ("The fire started on May 5, 2012. Three days later, it was out.",
         "Three days later", "2012-05-08", "May 5, 2012"),
        ("The mine closed in 1987. Later that year, the town emptied.", "Later that year", "1987", "1987"),
    ],
)
def test_dates_anaphora_resolved_against_earlier_mention(nlp, text, expression, value, antecedent):
    for dct in (None, DCT):
        d = _one(nlp, text, expression, dct=dct)
        assert d.value == value
        assert d.anchor == f"mention:{text.index(antecedent)}"


def test_dates_year_range_gives_both_years(nlp):
    found = [(d.text, d.value) for d in _dates(nlp, "Exports doubled in 2014-2016.")]
    assert found == [("2014", "2014"), ("2016", "2016")]


@pytest.mark.parametrize(
    "text, not_date",
    [
        ("The air force still flies MiG-21 jets.", "21"),
        ("Ships joined the AMAN-2013 naval exercise.", "2013"),
        ("It is among the top 10 exporters.", "10"),
        ("About 2000 troops were deployed.", "2000"),
        ("Flight 1549 landed on the river.", "1549"),
        ("May I ask a question?", "May"),
        ("She told the station's Today programme that talks would go on.", "Today"),
        ("He said on the Tonight show that he would stay.", "Tonight"),
        ("Pupils who are 11 year olds sit the test.", "11 year"),
        ("A 40 year old man was arrested.", "40 year"),
    ],
)
def test_dates_not_dates(nlp, text, not_date):
    where = text.index(not_date)
    assert not [d for d in _dates(nlp, text) if d.start <= where < d.end]


@pytest.mark.parametrize(
    "text, expression, value",
    [
        ("The rally was held yesterday.", "yesterday", "XXXX-XX-XX"),
        ("Sales fell last year.", "last year", "XXXX"),
        ("Sales fell last week.", "last week", "XXXX-WXX"),
        ("The minister spoke on Friday.", "Friday", "XXXX-WXX-5"),
        ("The law was passed in March.", "March", "XXXX-03"),
        ("The plant closed two years ago.", "two years ago", "XXXX"),
    ],
)
def test_dates_without_dct_stay_underspecified(nlp, text, expression, value):
    d = _one(nlp, text, expression, dct=None)
    assert d.value == value
    assert d.anchor is None


@needs_shared(GOLD)
def test_dates_seed_article_matches_gold(nlp):
    from claimpipe.io.read import read_path

    article = next(iter(read_path(SEED)))
    seed_doc = nlp.make_doc(article.text)
    seed_doc._.claimpipe_dct = article.dct
    seed_doc = nlp(seed_doc)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    found = {(d.start, d.end): d for d in seed_doc._.claimpipe_dates}
    for g in gold["dates"]:
        d = found.get((g["start"], g["end"]))
        assert d is not None, f"missed {g['text']!r}"
        assert (d.type, d.value) == (g["type"], g["value"]), g["text"]
        if g.get("mod"):
            assert d.mod == g["mod"], g["text"]
    for n in gold["not_dates"]:
        assert not [d for d in seed_doc._.claimpipe_dates if d.start < n["end"] and d.end > n["start"]], n["text"]


def test_dates_add_pipe_on_fresh_pipeline():
    import spacy

    from claimpipe.nlp.pipeline import DEFAULT_MODEL

    fresh = spacy.load(DEFAULT_MODEL)
    fresh.add_pipe("claimpipe_dates")
    doc = fresh.make_doc("The accord was signed yesterday, three years after talks began in March 2013.")
    doc._.claimpipe_dct = DCT
    doc = fresh(doc)
    values = {d.text: d.value for d in doc._.claimpipe_dates}
    assert values["yesterday"] == "2016-11-07"
    assert values["March 2013"] == "2013-03"
    assert values["three years"] == "P3Y"


# DCT 1989-10-30 is a Monday
@pytest.mark.parametrize(
    "text, expression, value",
    [
        # a past perfect is past whatever the cue words ("due to", "until") say
        ("The offer had been due to expire Friday evening.", "Friday evening", "1989-10-27TEV"),
        ("The offer had been set to lapse at midnight Friday.", "midnight Friday", "1989-10-27T24:00"),
        ("Until Thursday, the police had not named a suspect.", "Thursday", "1989-10-26"),
        # without 'had' the cues still point ahead
        ("The offer is due to expire Friday.", "Friday", "1989-11-03"),
        # a date modifying a noun names an event already placed: the nearest past occurrence
        ("The firm hopes to sell itself under a June accord with its banks.", "June", "1989-06"),
        ("Agents are looking for him since the Feb. 3 shooting.", "Feb. 3", "1989-02-03"),
        ("Tuesday's vote will decide the matter.", "Tuesday", "1989-10-31"),
        ("Analysts said Tuesday's vote was close.", "Tuesday", "1989-10-24"),
    ],
)
def test_dates_tense_of_clause_and_of_noun_modifiers(nlp, text, expression, value):
    assert _one(nlp, text, expression, dct="1989-10-30").value == value


@pytest.mark.parametrize(
    "text, expression, type_, value",
    [
        ("Hate groups grew over the past year.", "the past year", "DATE", "1988"),
        ("Trade doubled over the past decade.", "the past decade", "DURATION", "P10Y"),
        ("Pet food volume was flat for the year, the company said.", "the year", "DATE", "1989"),
        ("In 1987, profit hit a high for the year, then fell.", "the year", "DATE", "1987"),
        ("That is bad news for coming quarters.", "coming quarters", "DATE", "FUTURE_REF"),
        ("Prices were low in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four",
         "DATE", "1994-WI"),
        ("The parade is this coming Sunday, March eighth.", "Sunday, March eighth", "DATE", "1990-03-08"),
        ("No cancellations followed the Aug. 7 Embassy bombings in Nairobi.", "Aug. 7", "DATE", "1989-08-07"),
        ("A minute and a half later, the crew arrived.", "A minute and a half", "DURATION", "PT1M30S"),
        ("Sales should recover by next year's first quarter.", "next year's first quarter", "DATE", "1990-Q1"),
        ("Stocks closed at 2082.1 on Friday, down 4.5% from the previous Friday.", "the previous Friday", "DATE",
         "1989-10-20"),
        ("Trading was halted in mid-afternoon yesterday.", "mid-afternoon yesterday", "TIME", "1989-10-29TAF"),
        ("The plane leaves at 4 in the morning.", "4 in the morning", "TIME", "1989-10-30T04:00"),
        ("The quarter was good: sales in the quarter rose 3.7% to $2.35 billion.", "the quarter", "DATE", "1989-Q3"),
    ],
)
def test_dates_rules_added_for_timeml(nlp, text, expression, type_, value):
    d = _one(nlp, text, expression, dct="1989-10-30")
    assert (d.type, d.value) == (type_, value)


@pytest.mark.parametrize(
    "text, not_expression",
    [
        ("She finished first in the March first-round vote.", "March first"),
        ("Prices for the year-earlier quarter rose.", "the year"),
        ("The meeting ended at a quarter to five.", "the quarter"),
    ],
)
def test_dates_new_rules_do_not_overreach(nlp, text, not_expression):
    assert not [d for d in _dates(nlp, text, dct="1989-10-30") if d.text == not_expression]


def test_dates_quarterly_report_comparisons_keep_the_quarter(nlp):
    text = ("Net income rose in the third quarter. It was up from last year's quarter and from the corresponding "
            "period last year, and above the 1987 period. The quarter was strong.")
    values = {d.text: d.value for d in _dates(nlp, text, dct="1989-10-30")}
    assert values["last year's quarter"] == "1988-Q3"
    assert values["the corresponding period last year"] == "1988-Q3"
    assert values["the 1987 period"] == "1987-Q3"
    assert values["The quarter"] == "1989-Q3"  # the comparisons did not become the quarter discussed


@pytest.mark.parametrize(
    "text, value",
    [
        ("In the quarter ended July 31, the company had a loss.", "1989-Q2"),
        ("Sales rose in the third quarter. In the quarter ended Sept. 30, margins fell.", "1989-Q3"),
        # a quarter already named in the company's fiscal numbering keeps it
        ("Profit rose in the fiscal first quarter. Sales in the quarter ended Sept. 30 rose.", "1989-Q1"),
    ],
)
def test_dates_quarter_ended_a_day(nlp, text, value):
    assert _one(nlp, text, "the quarter", dct="1989-10-30").value == value


def test_dates_clock_time_in_past_narrative_takes_last_day(nlp):
    text = "A bomb exploded in Nairobi on Friday. The blast occurred at about 10:35 a.m., officials said."
    assert _one(nlp, text, "about 10:35 a.m.", dct="1998-08-08").value == "1998-08-07T10:35"
    # in the present or future the dct's own day stays the anchor
    text = "A bomb exploded in Nairobi on Friday. The talks start at 10 a.m."
    assert _one(nlp, text, "10 a.m.", dct="1998-08-08").value == "1998-08-08T10:00"


def _full_search(text):
    from claimpipe import timex

    return sorted((m.start(), m.end(), order, tuple(m.span(g) for g in range(len(m.groups()) + 1)))
                  for order, r in enumerate(timex.RULES) for m in r.regex.finditer(text) if m.end() > m.start())


@pytest.mark.parametrize("extra", ["", "In the '90S and the 1980s, every week, twice a year, at 4 p.m. Friday night."])
def test_dates_keyword_prefilter_matches_a_full_search(extra):
    """The per-rule keyword prefilter of timex finds exactly what running every rule on the whole text finds."""
    from claimpipe.timex import prefilter
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8") + extra
    fast = sorted((m.start(), m.end(), order, tuple(m.span(g) for g in range(len(m.groups()) + 1)))
                  for order, r, m in prefilter._rule_matches(text) if m.end() > m.start())
    assert fast == _full_search(text)


# phrases for the rules whose keys count only with the neighbours their pattern requires
# (timex.prefilter._RULE_NEIGHBOURS)
_NEIGHBOUR_PHRASES = [
    "On Sept. 5, 1998 and Sept 5 1998 and September 5th, 1998, also 5 September 1998 and the 5th of Sept. 1998.",
    "He left on Monday, May 5 and returned May the first. In May 2005, in May, 2005, May of 2005 and Jan. '98.",
    "March of last year, March of the following year; May nineteen ninety-five; June, two thousand and five.",
    "The week of Jan. 5, the week of March 3 1999. You may go. The March.",
    "Twenty-five years ago, two and a half years ago, a couple of weeks later, half an hour later, 4 millennia "
    "ago, ten years or so ago, a decade from now, five days back, two centuries hence.",
    "It took a number of years, 3 1/2 months, several more days, five consecutive days, a few hours, 2.5 years, "
    "many decades or so ahead, an additional three months to come, the last year, a year.",
    "A five-year-old, a 10-day trip, a twenty-one-day plan, a half-hour show, a couple-year hiatus.",
    "Twice a year, three times per week, once every month, ten times a day. Every other week, each Monday, per "
    "year, every 2 months, every morning, every Sept.",
    "Last year's comparable quarter, last year’s quarter, the same period of last year, the corresponding "
    "quarter a year ago, the 1988 quarter, the 1990 period.",
    "For the year, the fiscal year ended, the year ending June. The year's end, the year-end, year-ago results, "
    "the year earlier quarter, a comparable year-before period.",
    "For many years, over the past months, within several weeks, took days, after few hours, spent months.",
    "This past week, the most recent quarter, the just-ended year, the year-ago period, last fiscal year, next "
    "calendar year, the preceding month, the coming weekend, the previous century.",
    "The end of the week, around this month, the start of next year. Early this week, late in the year, mid that "
    "month. That same day, the following morning, the prior evening, later that year. The same quarter, that "
    "same weekend, the full year, this week.",
    "In this day and age, at present, the present time, at the moment, these days, this time, some time ago, in "
    "recent years, former times, the past few decades, the coming months, the years ahead, the weeks to come.",
    "In 1998-2001, 12001–2005, 1989-90, pre-1990, post-2001, 2005-06-30; 10am, 10:30 pm, 9 a.m. and 7p.m.",
    "On New Year's Day, the Fourth of July, July Fourth, Good Friday, Labor Day, Election Day, Martin Luther "
    "King Day, Independence Day, Christmas Eve, Easter Sunday.",
]


def test_dates_neighbour_prefilter_keeps_every_match():
    """A rule's narrower keys (timex.prefilter._RULE_NEIGHBOURS) keep every match: each match holds a key its rule
    admits, and the prefiltered search finds what a full search finds."""
    from claimpipe import timex
    from claimpipe.timex import prefilter

    text = "\n\n".join(_NEIGHBOUR_PHRASES)
    hits, counted, free, starts, ends = prefilter._tokens(text)
    seen = set()
    for r in timex.RULES:
        neighbours = prefilter._RULE_NEIGHBOURS.get(r.name)
        if neighbours is None:
            continue
        admitted = [i for k in prefilter._RULE_KEYS[r.name] for i in hits.get(k, [])
                    if neighbours.admit(k, text, i, starts, ends)]
        for m in r.regex.finditer(text):
            seen.add(r.name)
            assert any(m.start() <= starts[i] and ends[i] <= m.end() for i in admitted), (r.name, m.group())
    assert seen == set(prefilter._RULE_NEIGHBOURS)  # the phrases try every such rule
    fast = sorted((m.start(), m.end(), order, tuple(m.span(g) for g in range(len(m.groups()) + 1)))
                  for order, r, m in prefilter._rule_matches(text) if m.end() > m.start())
    assert fast == _full_search(text)


@pytest.mark.parametrize(
    "text, expression, value",
    [
        ("The union's Monday statement was short.", "Monday", "2016-11-07"),
        ("Talks resume today, the minister said.", "today", DCT),
        ("Today the talks resume.", "Today", DCT),
        ("The project took 11 years to finish.", "11 years", "P11Y"),
    ],
)
def test_dates_titles_and_ages_rule_leaves_real_dates(nlp, text, expression, value):
    """Only lower-case time words capitalised inside a title, and spans followed by 'old', stop being dates."""
    _one(nlp, text, expression)
    assert [d.value for d in _dates(nlp, text) if d.text == expression] == [value]
