"""Claim fields on the categories of error read off the forty-first audit set (issue 21) after its single scoring,
and the quotes' speaker names, on sentences written for the test: sources and quote records through ``claimpipe
extract`` (every sentence a claim), amounts by ``extract_quantities``. Each fails on the code before its change."""

from __future__ import annotations

import json

from claim_sources import extract_claims, extract_sources as _sources, source_starting as _starting


def _quantities(nlp, text: str) -> list[tuple[str, str, object, object]]:
    from claimpipe.nlp.components.claims.quantities import extract_quantities

    return [(q.text, q.kind, q.amount, q.per) for q in extract_quantities(nlp(text)[:])]


def test_a_rate_per_day_after_what_is_counted_and_in_barrels_per_day(nlp):
    got = _quantities(nlp, "Norvia pumps about 650,000 barrels of oil per day, and imports 1.3 million bpd.")
    assert ("about 650,000 barrels", "rate", 650000.0, "day") in got
    assert ("1.3 million", "rate", 1300000.0, "day") in got
    assert _quantities(nlp, "The firm employs 500 members of staff.") == [("500", "count", 500.0, None)]


def test_millions_of_barrels_glued_to_m_and_the_level_after_them(nlp):
    got = _quantities(nlp, "Officials said fuel stocks had fallen 2m barrels to 310.5m.")
    assert [(t, k, a) for t, k, a, _ in got] == [("2m", "other", 2000000.0), ("310.5m", "other", 310500000.0)]
    assert _quantities(nlp, "She won the 200m and then the 400m.") == []  # races, not millions


def test_an_index_level_the_parser_hung_on_its_makers_name(nlp):
    got = _quantities(nlp, "The Council for Retail Studies (CRS) index fell to 48.2 in May, from 51.7 in April.")
    assert [(t, k) for t, k, _, _ in got] == [("48.2", "other"), ("51.7", "other")]


def test_an_age_range_is_no_count(nlp):
    assert _quantities(nlp, "The campaign targets pupils between the ages of seven and 12.") == []
    assert _quantities(nlp, "The campaign reached 40 schools.") == [("40", "count", 40.0, None)]


def test_an_age_description_after_a_sentence_about_what_a_person_did(cli, tmp_path):
    body = ("The Leeds runner and team-mates Tom Hale and Ian Pryce were given awards.\n"
            "Mark Ellis's relay win made up for his poor runs in the 400m in Rome, when he failed to reach the final.\n"
            "The 29-year-old, who won silver in Oslo in 2001, said during the Games that a knee injury had held him "
            "back.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "The 29-year-old") == "Mark Ellis"  # whom the sentence before is about, not Ian Pryce


def test_going_on_to_criticise_is_a_statement(cli, tmp_path):
    body = 'Comedian Joe Frant goes on to criticise "shows where they film people doing everything all day".'
    assert _starting(_sources(cli, tmp_path, body), "Comedian Joe Frant") == "Joe Frant"


def test_data_named_after_a_two_clause_sentence_is_its_source(cli, tmp_path):
    body = ("Factory output in Norvia rose for the 12th month in a row in May, but at a slower pace than in April, "
            "official figures show.")
    assert _starting(_sources(cli, tmp_path, body), "Factory output") == "official figures"


BODY_FIRM = ("Carrow Group said it had made a loss on the Hallam stadium project.\n"
             "The stadium, owned by Hallam Sports, opened late.\n"
             "The firm said it would make no profit on the deal.")


def test_a_quote_record_names_the_speaker_its_claim_names(cli, tmp_path):
    claims = extract_claims(cli, tmp_path, BODY_FIRM)
    firm = next(c for c in claims if c["text"].startswith("The firm said"))
    assert firm["source"]["name"] == "Carrow Group"
    assert [q["speaker"]["name"] for q in firm["quotes"]] == ["Carrow Group"]  # not Hallam Sports, named just before


def test_the_documents_quotes_carry_the_same_speaker_names(cli, tmp_path):
    path = tmp_path / "corpus" / "article.txt"
    path.parent.mkdir()
    path.write_text(f"Test article\n\n{BODY_FIRM}\n", encoding="utf-8")
    result = cli("extract", path.parent, "--out", tmp_path / "out", "--min-checkworthiness", "0", "--workers", "0")
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    firm = [q for q in document["quotes"] if q["speaker"] and q["speaker"]["text"] == "The firm"]
    assert [(q["speaker"]["name"], q["speaker"]["start"]) for q in firm] == [
        ("Carrow Group", document["text"].index("The firm said"))]  # the mention kept, its name the claims'


def test_speaker_names_off_keeps_the_quote_finders_names(nlp):
    pipe = nlp.get_pipe("claimpipe_claims")
    assert pipe.cfg["speaker_names"] is True  # the default
    text = f"Test article\n\n{BODY_FIRM}\n"
    names = {}
    try:
        for setting in (True, False):
            pipe.cfg["speaker_names"] = setting
            doc = nlp(text)
            names[setting] = [q.speaker.name for q in doc._.claimpipe_quotes if q.speaker and q.speaker.text == "The firm"]
            assert [c.source.name for c in doc._.claimpipe_claims if c.text.startswith("The firm")] == ["Carrow Group"]
    finally:
        pipe.cfg["speaker_names"] = True
    assert names[True] == ["Carrow Group"]
    assert names[False] != ["Carrow Group"] and len(names[False]) == 1  # the quote finder's own (the last body named)


def test_a_group_named_in_full_keeps_its_whole_name_on_the_quote(cli, tmp_path):
    body = ("Talks were held in May.\n"
            "Representatives of the Norvian and Delan navies said the joint exercises would go ahead in June.")
    claims = extract_claims(cli, tmp_path, body)
    said = next(c for c in claims if c["text"].startswith("Representatives"))
    assert said["source"]["name"] == "Representatives"  # the claims' convention: the group's head
    assert [q["speaker"]["name"] for q in said["quotes"]] == ["Representatives of the Norvian and Delan navies"]
