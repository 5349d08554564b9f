"""Claim sources and kinds on the fourteenth to sixteenth audit sets' categories (issue 21): a press report in a
named paper, a cause attributed by its subject, a statement made through an infinitive ("refused to accept that
..."), a stance adjective with a clause, a pledge or vow as a speech act, a participle of inference after the
author's clause; and kinds: a comparative that is the clause's predicate, a possibility after a past act, a
named side meeting another in the present. On articles written for the test, through ``claimpipe extract``
(every sentence a claim)."""

from __future__ import annotations

from claim_sources import extract_claims, extract_sources as _sources, source_starting as _starting


def _by_second_word(cli, tmp_path, body: str, *options: str) -> dict[str, dict]:
    """The claims of ``body`` by the second word of their text (``options``: more ``claimpipe extract`` options)."""
    return {c["text"].split()[1]: c for c in extract_claims(cli, tmp_path, body, *options)}


def test_a_press_report_in_a_named_paper_is_the_papers(cli, tmp_path):
    body = ("A report in the Lisbon-published Harbour Gazette said on Monday that the two mills may have dropped "
            "plans to list in London. Growers are involved in the scheme, according to reports in the Farming Ledger "
            "trade weekly.\n"
            "A report in March said that the two mills had merged.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "A report in the Lisbon-published") == "Harbour Gazette"
    assert _starting(got, "Growers are involved") == "Farming Ledger"
    assert _starting(got, "A report in March") != "March"  # a date is no paper


def test_a_cause_attributed_by_its_subject_is_its_statement_not_a_fronted_object(cli, tmp_path):
    body = ("Chief executive Anna Lowe attributed a 6.1% rise in March sales to the strength of the range.\n"
            "Since then, prices in the valley have more than doubled, a rise the researchers attribute in part to "
            "the new rail link.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Chief executive Anna Lowe") == "Anna Lowe"
    assert _starting(got, "Since then, prices") == "author"  # the author's sentence; the rise is its object


def test_a_statement_made_through_an_infinitive_with_a_clause_is_the_subjects(cli, tmp_path):
    body = ("However, Mr Varga refused to accept that the weak harvest had turned buyers against local flour.\n"
            "Mr Varga refused to entertain the bid from the mill.\n"
            "The closure of the depot led some growers to worry whether the mill would survive.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "However, Mr Varga") == "Varga"
    assert _starting(got, "Mr Varga refused to entertain") == "author"  # no clause: an act
    assert _starting(got, "The closure of the depot") != "The closure of the depot"  # the growers worry


def test_a_stance_adjective_with_a_clause_is_the_subjects_statement(cli, tmp_path):
    body = ("However, a Harvest Fair spokeswoman was \"satisfied\" that private data about the fair remained secure.\n"
            "Ms Lowe was pleased with the harvest in the valley this year.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "However, a Harvest Fair") != "author"
    assert _starting(got, "Ms Lowe was pleased") == "author"  # no clause: the author's


def test_a_pledge_or_vow_to_act_is_a_speech_act_and_a_promise_stays_an_act(cli, tmp_path):
    body = ("Mr Marek Tomsa has pledged to fight the ruling in the courts.\n"
            "The growers vowed to fight back against the new levy.\n"
            "Ms Lowe promised to publish the accounts of the mill.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Mr Marek Tomsa") == "Marek Tomsa"
    assert _starting(got, "The growers vowed") == "The growers"
    assert _starting(got, "Ms Lowe promised") == "author"  # the seventh set's call: an action announced


def test_a_participle_of_inference_after_the_authors_clause_is_the_authors(cli, tmp_path):
    body = ("Sales at the mill rose 3% in March, suggesting the recovery is gathering pace.\n"
            "The early release of the figures was unusual, signalling that the bank is worried about prices.\n"
            "Mr Varga resigned from the board on Monday, saying that he was tired of the job.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Sales at the mill") == "author"
    assert _starting(got, "The early release") == "author"
    assert _starting(got, "Mr Varga resigned") == "Varga"  # a verb of saying keeps its speaker


def test_a_comparative_predicate_is_a_comparison_and_a_comparative_in_a_noun_phrase_is_not(cli, tmp_path):
    claims = _by_second_word(cli, tmp_path, "For all its faults, the city council has become far more efficient since "
                             "2010. Local versions of other foreign shows have proved less popular across the "
                             "border.\nA weaker pound increased the cost of imported grain in 2010.")
    assert claims["all"]["kind"] == "comparison" and claims["versions"]["kind"] == "comparison"
    assert claims["weaker"]["kind"] == "event"  # a told action; the degree word is in its subject
    assert "comparative predicate" in {e["reason"] for e in claims["all"]["kind_evidence"]}


def test_a_possibility_after_a_past_act_and_a_named_side_meeting_another_are_predictions(cli, tmp_path):
    claims = _by_second_word(cli, tmp_path, "A row over the new levy could reach the courts after the mill launched "
                             "action against the council. Until then, growers could claim the grant if they had lost "
                             "a crop.\nLeeds visit Burnley, having already beaten the Championship side in the League "
                             "Cup earlier this season. Kemp plays Vince Everett in the new film about the singer.",
                             "--kinds", "trained")  # the kind model's calls: the kind encoder (the default) takes
    # "could claim ... if they had lost" for a prediction
    kinds = {word: c["kind"] for word, c in claims.items()}
    assert kinds["row"] == "prediction"  # a possibility now, after the past act
    assert kinds["then,"] != "prediction"  # a past ability
    assert kinds["visit"] == "prediction"  # a fixture told in the present
    assert kinds["plays"] != "prediction"  # a part in a film
