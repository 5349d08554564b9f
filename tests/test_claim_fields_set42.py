"""Claim fields on the categories of error read off the forty-second audit set (issue 21) after its single scoring,
on sentences written for the test: sources through ``claimpipe extract`` (every sentence a claim), amounts by
``extract_quantities``. Each fails on the code before its change."""

from __future__ import annotations

import pytest

from claim_sources import extract_sources as _sources, source_starting as _starting


def _quantities(nlp, text: str) -> list[tuple[str, str, object]]:
    from claimpipe.nlp.components.claims.quantities import extract_quantities

    return [(q.text, q.kind, q.amount) for q in extract_quantities(nlp(text)[:])]


def test_a_currency_priced_in_another_with_to_the(nlp):
    assert _quantities(nlp, "The new currency was trading at 2,150 to the US dollar on Friday.") == [
        ("2,150", "money", 2150.0)]
    assert _quantities(nlp, "The bank keeps the rand close to a rate of 6.45 to the dollar.") == [
        ("6.45", "money", 6.45)]
    assert _quantities(nlp, "The score went from 3 to the final tally of 5.") != [("3", "money", 3.0)]


def test_a_vague_magnitude_before_a_hyphenated_noun(nlp):
    got = _quantities(nlp, "In the second half they conceded dozens of free-kicks.")
    assert [(t, k, a) for t, k, a in got] == [("dozens of free-kicks", "count", 12.0)]


def test_a_track_distance_someone_competes_over_is_a_race(nlp):
    assert _quantities(nlp, "The Leeds meeting will see Ellis compete over 800m in a match against Norway.") == []
    assert _quantities(nlp, "The new track is 800m long.") == [("800m", "other", 800.0)]


def test_a_stance_adjective_the_parser_made_the_main_verb(nlp):
    # the parse the article got: "concerned" the root, "was" its auxiliary and the subject hung on "was"
    import importlib

    from spacy.tokens import Doc

    from claimpipe.nlp.components.claims.source_text import _statement_frame

    source = importlib.import_module("claimpipe.nlp.components.claims.source")
    words = ["Hale", "was", "concerned", "that", "the", "referee", "erred", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 6, 5, 6, 2, 2],
              deps=["nsubj", "auxpass", "ROOT", "mark", "det", "nsubj", "ccomp", "punct"],
              pos=["PROPN", "AUX", "ADJ", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"])
    args = (source._statement_verbs(), source._verb_lemma, source._stance_adjectives())
    assert _statement_frame(doc[2], *args) == doc[1]  # whose subject holds the stance: "Hale"
    doc = Doc(nlp.vocab, words=words, heads=[2, 2, 2, 6, 5, 6, 2, 2],
              deps=["nsubjpass", "auxpass", "ROOT", "mark", "det", "nsubj", "ccomp", "punct"],
              pos=["PROPN", "AUX", "ADJ", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"])
    assert _statement_frame(doc[2], *args) == doc[2]
    doc = Doc(nlp.vocab, words=["It", "was", "concerned", "that", "the", "referee", "erred", "."],
              heads=[1, 2, 2, 6, 5, 6, 2, 2], deps=["nsubj", "auxpass", "ROOT", "mark", "det", "nsubj", "ccomp", "punct"],
              pos=["PRON", "AUX", "ADJ", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"])
    assert _statement_frame(doc[2], *args) is None  # no one's stance


@pytest.mark.parametrize("body, start, speaker", [
    # "intimated that ..." (said indirectly) is a statement with a clause
    ("Norvia coach Tom Hale intimated that the home manager had influenced the referee at half-time.",
     "Norvia coach", "Tom Hale"),
    # the agent of a passive accusation makes it
    ("Acme Labs has been accused by the Norvian Sports Council of supplying banned drugs to athletes.",
     "Acme Labs", "Norvian Sports Council"),
    # a rating in quotation marks is the rater's
    ('Fitch has classed Norvian bonds as "investment grade", above their old "junk" rating.', "Fitch", "Fitch"),
])
def test_speech_acts_read_off_the_set(cli, tmp_path, body, start, speaker):
    assert _starting(_sources(cli, tmp_path, body), start) == speaker


def test_a_statement_promised_for_later_in_a_second_clause_is_not_made(cli, tmp_path):
    body = ("The Acme defence team have already lost their bid to have the charges dropped but will still argue "
            "that the trial is unfair.")
    assert _starting(_sources(cli, tmp_path, body), "The Acme defence team") == "author"
    body = "The Acme defence team lost their bid and argued that the trial is unfair."
    assert _starting(_sources(cli, tmp_path, body), "The Acme defence team") != "author"
