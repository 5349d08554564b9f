"""Claim fields on the categories of error read off the fortieth audit set (issue 21) after its single scoring, on
sentences written for the test: sources through ``claimpipe extract`` (every sentence a claim), quotes through the
pipeline, amounts by ``extract_quantities``. Each fails on the code before its change."""

from __future__ import annotations

from claim_sources import extract_sources as _sources, source_starting as _starting


def test_finding_it_hard_to_do_something_is_no_statement(cli, tmp_path):
    body = ("With 9 million users at home, Telra has found it hard to win over the country's fussy buyers.\n"
            "The review found it was too early to judge the scheme.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "With 9 million") == "author"
    assert _starting(got, "The review") != "author"  # a finding, the review's


def test_a_report_from_a_body_after_according_to_is_the_bodys(cli, tmp_path):
    body = "Shoppers cut back on big purchases, according to a survey earlier this month from the Retail Trade Forum."
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Shoppers cut back") == "Retail Trade Forum"  # "from" hung on "according" by the parser


def test_a_statement_of_a_broadcaster_is_its_own_word(cli, tmp_path):
    body = ('"The singer was asked to change his act but ignored this," a BBC statement read.\n'
            '"It was a mistake," the singer told BBC News.')
    got = _sources(cli, tmp_path, body)
    assert _starting(got, '"The singer was asked') == "BBC"
    assert _starting(got, '"It was a mistake') != "BBC News"  # where it was said, not who said it


def test_a_denial_the_parser_took_that_for_a_determiner_in_is_the_deniers(cli, tmp_path):
    body = ("Hampton director Jan Holm has denied that coach Luis Ortega left because of a clash of egos at Mill "
            "Lane.\n"
            "Club chairman Jo Tate has denied that coach Ian Marr quit over a row about money.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Hampton director") == "Jan Holm"  # the trained attribution model's statement
    assert _starting(got, "Club chairman") == "Jo Tate"


def test_rejecting_someones_contention_is_a_statement(cli, tmp_path):
    body = ("Coach Ed Kerr also rejected Lyle's contention that Wales dominated the scrum.\n"
            "The court dismissed Lyle's claim for damages.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Coach Ed Kerr") == "Ed Kerr"
    assert _starting(got, "The court") == "author"  # a case disposed of: an act


def _quantities(nlp, text: str) -> list[tuple[str, str, object]]:
    from claimpipe.nlp.components.claims.quantities import extract_quantities

    return [(q.text, q.kind, q.unit) for q in extract_quantities(nlp(text)[:])]


def test_a_currency_level_in_a_clause_after_its_move(nlp):
    assert ("39.10", "money", "THB") in _quantities(nlp, "The Thai baht fell 0.3% on the day, trading at 39.10.")
    assert ("9,300", "money", "IDR") in _quantities(
        nlp, "The Indonesian rupiah lost 0.6% against the US dollar, before recovering a little to trade at 9,300.")
    assert _quantities(nlp, "Attendance rose to 12,000 at the ground.") == [("12,000", "count", None)]
