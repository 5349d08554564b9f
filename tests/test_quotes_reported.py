"""Reported speech the rules used to miss (issue 17, PolNeAR train categories): a reporting verb set off inside
the clause it reports ("The worry, she said, is the cost"), an opening "As X noted," and a reported clause that
runs into a direct quote with a cue of its own ("X said ..., telling reporters “...”"). All sentences are
invented."""

from __future__ import annotations

import pytest

from claimpipe.nlp.components.quotes import extract_quotes


def _quotes(nlp, text: str):
    doc = nlp(text)
    return [(q.kind, q.text, q.cue.text if q.cue else None, q.speaker.text if q.speaker else None)
            for q in extract_quotes(doc)]


def _reported(nlp, text: str):
    return [(t, c, s) for k, t, c, s in _quotes(nlp, text) if k == "indirect"]


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("Intro.\nThe bigger worry, the mayor said, is the cost of the new bridge over the river.",
     "The bigger worry, the mayor said, is the cost of the new bridge over the river", "said", "the mayor"),
    ("Intro.\nIn the long run, many economists say, the new tax could slow hiring in small towns.",
     "In the long run, many economists say, the new tax could slow hiring in small towns", "say",
     "many economists"),
    ("Intro.\nThe hardest part of the trip, she said Tuesday, was waiting for the results from the lab.",
     "The hardest part of the trip, she said Tuesday, was waiting for the results from the lab", "said", "she"),
])
def test_aside_reports_the_clause_around_it(nlp, text, content, cue, speaker):
    assert (content, cue, speaker) in _reported(nlp, text)


@pytest.mark.parametrize("text, content, speaker", [
    ("Intro.\nAs the Gazette noted, the council spent twice its budget on the summer parade.",
     "the council spent twice its budget on the summer parade", "the Gazette"),
    ("Intro.\nBut as Ms. Okafor pointed out, the new rules will hurt the smallest farms first.",
     "the new rules will hurt the smallest farms first", "Ms. Okafor"),
])
def test_opening_as_clause_reports_the_main_clause(nlp, text, content, speaker):
    assert any(c == content and s == speaker for c, _, s in _reported(nlp, text))


def test_aside_with_its_own_complement_is_not_an_aside(nlp):
    found = _reported(nlp, "Intro.\nThe plan, he said last week, would cost too much money for the town.")
    assert all("cost too much" in c for c, _, _ in found)  # the clause is reported, whatever its bounds
    found = _reported(nlp, "Intro.\nBy noon, the police said the road had reopened, and traffic was moving.")
    assert [c for c, _, _ in found] == ["the road had reopened"]


@pytest.mark.parametrize("text, content, direct", [
    ("Intro.\nMs. Park said she saw no reason to change her plans, telling reporters that “we will keep going "
     "until the very last vote is counted.”", "she saw no reason to change her plans",
     "we will keep going until the very last vote is counted."),
    ("Intro.\nMr. Hale said he welcomed the ruling from the court and added, “I will appeal anyway if the "
     "other side pushes me.”", "he welcomed the ruling from the court",
     "I will appeal anyway if the other side pushes me."),
])
def test_reported_clause_is_cut_before_a_direct_quote_with_its_own_cue(nlp, text, content, direct):
    found = _quotes(nlp, text)
    assert ("indirect", content) in [(k, t) for k, t, _, _ in found]
    assert any(k == "direct" and direct in t for k, t, _, _ in found)


def test_nothing_is_left_of_an_aside_that_runs_into_a_quote(nlp):
    found = _reported(nlp, "Intro.\nBack then, Ms. Lund said, she “never once thought about leaving the town "
                           "where she grew up.”")
    assert not any(c.startswith("Back then") for c, _, _ in found)


def test_the_direct_quote_after_the_cut_keeps_its_cue_and_speaker(nlp):
    found = _quotes(nlp, 'Lazar said he welcomed extradition and added, "I will plead guilty, no problem at all."')
    assert found == [("indirect", "he welcomed extradition", "said", "Lazar"),
                     ("direct", "I will plead guilty, no problem at all.", "added", "Lazar")]


@pytest.mark.parametrize("text, content", [
    ("Intro.\nThe mayor says “the whole plan has become a mess” because the budget ran out in May.",
     "“the whole plan has become a mess” because the budget ran out in May"),
    ("Intro.\nMr. Hale said that “nobody will be left behind” once the new plant opens.",
     "“nobody will be left behind” once the new plant opens"),
])
def test_a_mixed_quote_opening_with_the_quote_keeps_its_opening_mark(nlp, text, content):
    assert [(k, t) for k, t, _, _ in _quotes(nlp, text)] == [("mixed", content)]
