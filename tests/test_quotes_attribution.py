"""Who said it (issue 17): categories of attribution errors, checked on the records ``claimpipe extract`` writes.

Each article below is written for these tests; one CLI run extracts them all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ARTICLES = {
    # 1. pronoun speakers
    "she_after_two_people": "Talks in Leeds\n\nOn Tuesday, Angela Merkel met Mr Tom Hardy in Leeds.\n\n"
                            "She said that the council would rebuild the bridge next spring.\n",
    "he_across_paragraphs": "Budget row\n\nFinance chief Robert Kline presented the budget to the board.\n\n"
                            "The figures surprised many members of the audience in the hall.\n\n"
                            "He said that the cuts would not touch the schools.\n",
    "he_with_nobody": "Storm warning\n\nThe storm hit the coast overnight and closed two roads.\n\n"
                      "He said that the roads would reopen by the weekend.\n",
    "they_org": "Factory plans\n\nUnilever posted its results on Monday morning.\n\n"
                "They said that sales would rise again next year.\n",
    "they_common_noun": "Tobacco case\n\nUnilever posted its results on Monday morning.\n\n"
                        "Tobacco firms deny the charges. They said that the case had no merit.\n",
    "i_columnist": "Notes from the track\n\nThe season ended in the rain last week.\n\n"
                   "I think the young runners will do better next year.\n",
    "us_is_no_pronoun": "Trade talks\n\nUS officials said that the tariffs would stay in place.\n",
    "spokesman_for": "Store sales\n\nShoppers crowded into stores on Saturday.\n\n"
                     "A spokesman for Tesco said that sales had risen by a fifth.\n",
    "org_spokeswoman": "Price freeze\n\nShoppers crowded into stores on Saturday.\n\n"
                       "The Unilever spokeswoman said that prices would stay the same.\n",
    "nationality_spokesman": "Border talks\n\nTroops moved to the border on Monday.\n\n"
                             "An Israeli army spokesman said that the troops would stay.\n",
    "sponsor_appos": "Aid pledge\n\nThe league's sponsor, Vantex, said that it would also give money to the fund.\n",
    "party_parenthesis": "Primary night\n\nAfter winning Ohio, Gov. John Smith (R-OH), said, "
                         "\"I am getting ready to rent a covered wagon for the trip.\"\n",
    "telling_media": "Old praise\n\nBack in 1999, Mr. Stone praised the governor's skills, telling CNBC: "
                     "\"I wish I could do that. I simply can't.\"\n",
    "statement_saying": "Judge row\n\nMr. Stone, who spoke last week, issued a statement Tuesday saying, "
                        "\"I do not feel that heritage makes anyone partial.\"\n",
    "as_x_put_it": "Court pick\n\nAs Jane Doe, professor of law at Yale and author of two books, put it, "
                   "\"Senators should remember that a deal today may be better for them.\"\n",
    "nominal_cues": "Border dispute\n\nRecent years have seen a sharp rise in trade between the two states. "
                    "Officials of Danish and Swedish border forces discussed joint patrols on the river. "
                    "Ankara's support for the breakaway region angered its neighbours.\n",
    "modifier_name": "Builder warns\n\nShares in Harlow Group, which is building the new Toyota stadium, fell as "
                     "much as 12% after it said it would not make a profit on the contract.\n\n"
                     "The Scottish firm said it would at best break even on the job.\n",
    "the_minister": "Rail fares\n\nOn Monday, the rail plan was set out by Angela Merkel in Berlin.\n\n"
                    "The minister said that fares would be frozen until the summer.\n",
    "place_adjective": "Car sales\n\nThe Swedish firm said that sales had fallen in the spring.\n",
    "who_relative": "Council news\n\nThe treasurer, who said the accounts were balanced, left the meeting early.\n",
    # 2. full noun phrases
    "plural_np": "Energy plan\n\nScottish ministers insist the new wind farms will be built on time.\n",
    "appositive_after_title": "Family policy\n\nThe Shadow Secretary of State for the Family, Joan Whitby, said the law "
                              "would hurt single parents.\n",
    "appositive_after_name": "Media deal\n\nPeter Calloway, the chief executive of Northwind Media, said the merger "
                             "would close in the autumn.\n",
    "markup": "Campaign trail\n\n<tweet tweet-author=\"@someone\" tweet-date=\"March 10, 2016\">Campaign aide Jeff "
              "Weaver told reporters that the rules had been broken.</tweet>\n",
    "time_is_nobody": "Library\n\n\"The library will close,\" said Monday the council leader.\n",
    # 3. not speech
    "raising_passive": "Parliament\n\nThe vote is due on Wednesday and is expected to be close.\n",
    "i_inside_quote": "Race report\n\nHolmes was delighted after the race.\n\n"
                      "\"I think I ran the best race of my life today, and I know the others felt it too,\" "
                      "Holmes said.\n",
    "headline": "Minister: \"We will cut taxes for every family\"\n\nThe minister spoke at the party conference "
                "in Leeds on Friday.\n",
    "columnist_quote_runs_on": "Race report\n\nHolmes spoke after the final.\n\n"
                               "\"I think the team ran the race of their lives, and I know we can go faster.\n\n"
                               "\"We will be back next year,\" Holmes said.\n",
    "bbc_style_run_on": "Club talks\n\nThe club chairman spoke on Friday. Parry explained: \"Steve was never used. "
                        "There is no need for that. \"We had talks with Steve last year. I think we came close to a deal.\n",
    "guess_is_not_first_person": "Cup tie\n\nThe coach was angry after the match.\n\n"
                                 "\"We gave the ball away far too often today.\" I watched the second goal again on the video screen.\n",
    # 4. month names in person names
    "months_in_names": "White House briefing\n\nReporter April Ryan asked about the plan on Monday. Mr June said "
                       "the firm would grow. Theresa May told MPs the deal was good. The talks began in May.\n",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory, nlp) -> dict[str, dict]:
    from typer.testing import CliRunner

    import claimpipe.nlp.pipeline as pipeline
    from claimpipe.cli import app

    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    original = pipeline.build_pipeline
    pipeline.build_pipeline = lambda model=None: nlp
    try:
        result = CliRunner().invoke(app, ["extract", str(folder), "--out", str(out), "--workers", "0"],
                                    catch_exceptions=False)
    finally:
        pipeline.build_pipeline = original
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return {Path(d["source"]).stem: d for d in docs}


def _quote(record: dict, cue: str) -> dict:
    (q,) = [q for q in record["quotes"] if q["cue"] and q["cue"]["text"] == cue]
    return q


def _speaker(record: dict, cue: str) -> tuple:
    sp = _quote(record, cue)["speaker"]
    return sp["text"], sp["name"]


# ---- 1. a speaker's name is never a pronoun


def test_pronoun_takes_the_nearest_person_of_its_gender(records):
    assert _speaker(records["she_after_two_people"], "said") == ("She", "Angela Merkel")


def test_pronoun_resolves_across_paragraphs(records):
    assert _speaker(records["he_across_paragraphs"], "said") == ("He", "Robert Kline")


def test_pronoun_with_no_fitting_name_has_a_null_name(records):
    assert _speaker(records["he_with_nobody"], "said") == ("He", None)


def test_they_takes_the_nearest_organisation(records):
    assert _speaker(records["they_org"], "said") == ("They", "Unilever")


def test_they_after_a_nearer_plural_subject_has_no_name(records):
    assert _speaker(records["they_common_noun"], "said") == ("They", None)


def test_first_person_is_never_a_name(records):
    for q in records["i_columnist"]["quotes"]:
        assert q["speaker"] is None or q["speaker"]["name"] is None


def test_an_abbreviation_in_capitals_is_no_pronoun(records):
    assert _speaker(records["us_is_no_pronoun"], "said")[1] is not None


def test_definite_description_takes_the_nearest_name_of_its_kind(records):
    assert _speaker(records["the_minister"], "said") == ("The minister", "Angela Merkel")


def test_a_spokesperson_speaks_for_the_body_named(records):
    assert _speaker(records["spokesman_for"], "said") == ("A spokesman", "Tesco")
    assert _speaker(records["org_spokeswoman"], "said") == ("The Unilever spokeswoman", "Unilever")
    assert _speaker(records["nationality_spokesman"], "said")[1] != "Israeli"  # a nationality is nobody


def test_a_description_with_a_name_in_apposition_is_that_name(records):
    assert _speaker(records["sponsor_appos"], "said") == ("Vantex", "Vantex")


def test_a_party_label_in_parentheses_is_not_the_speaker(records):
    assert _speaker(records["party_parenthesis"], "said") == ("Gov. John Smith", "John Smith")


def test_whom_it_was_told_to_is_not_the_speaker(records):
    assert _speaker(records["telling_media"], "telling")[0] == "Mr. Stone"


def test_whoever_issued_a_statement_speaks_through_it(records):
    assert _speaker(records["statement_saying"], "saying")[0] == "Mr. Stone"


def test_as_x_put_it(records):
    assert _speaker(records["as_x_put_it"], "put")[0] == "Jane Doe"


def test_a_time_a_number_or_an_adjective_names_nobody(records):
    names = {q["cue"]["text"]: (q["speaker"] or {}).get("name") for q in records["nominal_cues"]["quotes"] if q["cue"]}
    assert names.get("seen") is None  # "Recent years have seen ...": no speaker named
    assert names.get("discussed") not in ("Danish", "Swedish")  # the officials, not a nationality after them
    assert "support" not in names or names["support"] == "Ankara"  # a nominal cue's holder is its possessor


def test_a_name_qualifying_a_noun_is_no_antecedent(records):
    names = [(q["speaker"] or {}).get("name") for q in records["modifier_name"]["quotes"] if q["kind"] == "indirect"]
    assert names and "Toyota" not in names, names  # "the new Toyota stadium" is not what "it" or "the firm" is
    assert "Harlow Group" in names, names


def test_relative_pronoun_takes_its_head_noun(records):
    text, name = _speaker(records["who_relative"], "said")
    assert (text, name) == ("who", "The treasurer")


def test_no_record_has_a_pronoun_name(records):
    from claimpipe.nlp.components.quotes.speakers import is_pronoun

    for record in records.values():
        for q in record["quotes"]:
            if q["speaker"] and q["speaker"]["name"] is not None:
                assert not is_pronoun(q["speaker"]["name"]), (record["source"], q)


# ---- 2. the speaker is the whole noun phrase, or the name in apposition


def test_plural_noun_phrase_is_the_speaker_not_its_adjective(records):
    assert _speaker(records["plural_np"], "insist") == ("Scottish ministers", "Scottish ministers")


def test_title_with_appositive_name_gives_the_name(records):
    assert _speaker(records["appositive_after_title"], "said")[1] == "Joan Whitby"


def test_name_with_appositive_title_keeps_the_name(records):
    assert _speaker(records["appositive_after_name"], "said") == ("Peter Calloway", "Peter Calloway")


def test_markup_is_never_a_speaker(records):
    text, name = _speaker(records["markup"], "told")
    assert "=" not in text and ">" not in text and "Jeff Weaver" in text


def test_a_place_adjective_does_not_name_the_speaker(records):
    assert _speaker(records["place_adjective"], "said")[1] != "Swedish"


def test_a_time_is_never_a_speaker(records):
    for q in records["time_is_nobody"]["quotes"]:
        assert q["speaker"] is None or "Monday" not in q["speaker"]["text"], q


# ---- 3. not speech


def test_raising_passive_without_agent_is_not_a_quote(records):
    assert records["raising_passive"]["quotes"] == []


def test_clauses_inside_a_direct_quote_are_not_reported_speech(records):
    quotes = records["i_inside_quote"]["quotes"]
    assert [q["kind"] for q in quotes] == ["direct"]
    assert quotes[0]["speaker"]["name"] == "Holmes"


def test_first_person_inside_a_quote_left_open_is_not_reported_speech(records):
    quotes = records["columnist_quote_runs_on"]["quotes"]
    assert not [q for q in quotes if q["kind"] == "indirect"], quotes


def test_first_person_after_a_new_opening_mark_is_not_reported_speech(records):
    quotes = records["bbc_style_run_on"]["quotes"]
    assert not [q for q in quotes if q["kind"] == "indirect" and q["speaker"] and q["speaker"]["text"] == "I"], quotes


def test_a_quote_does_not_guess_a_first_person_speaker(records):
    quotes = records["guess_is_not_first_person"]["quotes"]
    assert not [q for q in quotes if q["speaker"] and q["speaker"]["text"] in ("I", "We")], quotes


def test_title_line_is_not_a_quote(records):
    assert records["headline"]["title"].startswith("Minister")
    for record in records.values():
        title_end = len(record["title"] or "")
        assert not any(q["start"] < title_end for q in record["quotes"]), record["source"]
    assert records["headline"]["quotes"] == []


# ---- 4. a month in a person's name is not a date


def test_month_names_in_person_names_are_not_dates(records):
    record = records["months_in_names"]
    text = record["text"]
    dates = [(d["text"], text[max(0, d["start"] - 10):d["start"]]) for d in record["dates"]]
    assert not [d for d in dates if d[0] in ("April", "June", "May") and not d[1].endswith("in ")], dates
    assert any(d[0] == "May" and d[1].endswith("began in ") for d in dates), dates
