"""Claim fields on the categories of error read off the thirty-ninth audit set (issue 21), on sentences written
for the test: sources and kinds through ``claimpipe extract`` (every sentence a claim), amounts by
``extract_quantities``. Each fails on the code before its change."""

from __future__ import annotations

from claim_sources import extract_claims, extract_sources as _sources, source_starting as _starting


def test_a_name_qualifying_the_noun_after_it_is_no_person_for_he(nlp):
    from spacy.tokens import Doc

    from claimpipe.nlp.components.claims.source import _subject_persons
    from claimpipe.schema import Entity

    words = ["Reid", "thanked", "the", "Elmfield", "crowd", "and", "Vale", "scored", "."]
    # the parse and the entities of the real article's sentence: the ground's name a person, the subject of "crowd"
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 4, 4, 1, 1, 7, 1, 1],
              deps=["nsubj", "ROOT", "det", "nsubj", "dobj", "cc", "nsubj", "conj", "punct"],
              pos=["PROPN", "VERB", "DET", "PROPN", "NOUN", "CCONJ", "PROPN", "VERB", "PUNCT"],
              ents=["B-PERSON", "O", "O", "B-PERSON", "O", "O", "B-PERSON", "O", "O"])
    ents = [Entity(text=e.text, start=e.start_char, end=e.end_char, label="PERSON", canonical=e.text)
            for e in doc.ents]
    assert [name for _, name in _subject_persons(doc, ents, [])] == ["Reid", "Vale"]  # not Elmfield, a crowd's


def test_refusing_to_answer_a_question_says_nothing(cli, tmp_path):
    body = ("However, Jo Marsh refused to reveal whether she sees Lee as a long-term choice.\n"
            "Jo Marsh did not say how much the club had paid.\n"
            "Jo Marsh declined to confirm that the deal was done.\n"
            "Jo Marsh said the club would decide whether to sell him.")
    claims = {c["text"]: c for c in extract_claims(cli, tmp_path, body)}
    source = {t: (c["source"]["name"] if c["source"]["type"] == "speaker" else "author") for t, c in claims.items()}
    assert _starting(source, "However") == "author"
    assert next(c["kind"] for t, c in claims.items() if t.startswith("However")) == "event"
    assert _starting(source, "Jo Marsh did not") == "author"
    assert _starting(source, "Jo Marsh declined") == "Jo Marsh"  # a clause of what is (not) confirmed: hers
    assert _starting(source, "Jo Marsh said") == "Jo Marsh"  # a question inside a statement: still hers


def test_a_persons_team_speaks_as_a_body_of_its_own(cli, tmp_path):
    body = ("Mr Dane Holt was found guilty of fraud on Tuesday.\n"
            "Mr Holt's team claimed that he had been trying to expose wrongdoing.\n"
            "Mr Holt's lawyer said he would appeal.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Mr Holt's team") == "Mr Holt's team"
    assert _starting(got, "Mr Holt's lawyer") != "author"


def test_an_outlets_kind_after_its_name_is_not_part_of_the_name():
    from claimpipe.nlp.components.entities import canonical_name

    assert canonical_name("the Associated Press news agency", "ORG") == "Associated Press"
    assert canonical_name("Reuters news agency", "ORG") == "Reuters"
    assert canonical_name("the Daily Post newspaper", "ORG") == "Daily Post"
    assert canonical_name("Environment Agency", "ORG") == "Environment Agency"  # the agency's own name
    assert canonical_name("the news agency", "PERSON") == "news agency"


def _quantities(nlp, text: str) -> list[tuple[str, str]]:
    from claimpipe.nlp.components.claims.quantities import extract_quantities

    return [(q.text, q.kind) for q in extract_quantities(nlp(text)[:])]


def test_a_number_given_as_a_name_is_no_amount(nlp):
    assert _quantities(nlp, "The firm dropped a pill, known as '771, after poor trial results.") == []
    assert _quantities(nlp, "Their new robot, dubbed 42, can climb stairs.") == []
    assert _quantities(nlp, "A rival called Apex sold 300 units.") == [("300", "count")]  # a name before it
    assert _quantities(nlp, "The club named 23 players in its squad.") == [("23", "count")]  # a number of players named


def test_a_share_with_no_of_after_it_is_a_ratio(nlp):
    assert _quantities(nlp, "Of the shoppers asked, nearly a quarter said they forgot their code.") == [
        ("a quarter", "ratio")]
    assert _quantities(nlp, "Ratings fell to less than half the total the show drew a decade ago.") == [
        ("half", "ratio")]
    assert _quantities(nlp, "The shares lost half their value in a week.") == [("half", "ratio")]
    assert _quantities(nlp, "He missed half the season with a knee injury.") == []  # a span of time
    assert _quantities(nlp, "Sales rose in the third quarter.") == []
