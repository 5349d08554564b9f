"""A claim source's name is the name, not the words written before it (issue 21): a role before a person's name
("DJ Mike Read said ...", "Treasurer Peter Costello said ...") is no part of it, and an article before a proper
name ("the PPI said") neither; an honorific, a first name and a description stay. On articles written for the
test, through ``claimpipe extract`` (every sentence a claim), and on the function itself."""

from __future__ import annotations

import pytest

from claim_sources import extract_sources, source_starting


def test_a_role_before_a_persons_name_is_no_part_of_the_claims_source(cli, tmp_path):
    body = ("DJ Mike Read said the single had been pulled from the station's playlist.\n"
            "Treasurer Peter Costello said the budget would return to surplus next year.\n"
            "Sir Alex Ferguson said his side had deserved the win.\n"
            "Sarah Jessica Parker said the series would end in May.")
    got = extract_sources(cli, tmp_path, body)
    assert source_starting(got, "DJ Mike Read") == "Mike Read"
    assert source_starting(got, "Treasurer Peter Costello") == "Peter Costello"
    assert source_starting(got, "Sir Alex Ferguson") in ("Sir Alex Ferguson", "Alex Ferguson")  # the entity's name
    assert source_starting(got, "Sarah Jessica Parker") == "Sarah Jessica Parker"  # a first name is no role


def test_an_article_before_a_proper_name_is_dropped(cli, tmp_path):
    body = ("Pension costs will rise faster than expected, the Pensions Policy Institute said on Monday.\n"
            "The PPI said its figures had been checked by the actuaries.")
    got = extract_sources(cli, tmp_path, body)
    assert source_starting(got, "The PPI said") == "PPI"


@pytest.mark.parametrize("name, expected", [
    ("the PPI", "PPI"), ("The Beige Book", "Beige Book"), ("the Bank of England", "Bank of England"),
    ("the company", "the company"), ("the Colorado centre", "the Colorado centre"), ("A Texas appeals court", "A Texas appeals court"),
    ("DJ Mike Read", "Mike Read"), ("Mr Kim", "Mr Kim"), ("Sharon Osbourne", "Sharon Osbourne"),
    ("Sarah Jessica Parker", "Sarah Jessica Parker"), ("Sir Alex Ferguson", "Sir Alex Ferguson"),
    ("M&S.", "M&S"), (None, None),
    ("Boss Joost Verbeek", "Joost Verbeek"), ("Coach Piet de Wit", "Piet de Wit"), ("Star Wars Fan Club Europe",
                                                                                         "Star Wars Fan Club Europe"),
    ("Chief CBI Economist", "Chief CBI Economist"),
])
def test_name_without_role_keeps_the_name_and_drops_what_goes_before_it(nlp, name, expected):
    from claimpipe.nlp.components.claims.source_names import name_without_role, person_mentions

    doc = nlp.make_doc("DJ Mike Read and Sharon Osbourne met Mr Kim, Sarah Jessica Parker and Sir Alex Ferguson.")
    assert name_without_role(name, doc.text, person_mentions(doc)) == expected
