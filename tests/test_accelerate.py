"""The fast attribute ruler and lemmatizer give exactly the stock components' annotations."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from conftest import EVAL_DATA, SEED, needs_shared

# the rule tables' corner cases: multi-token patterns ("gon na", "ai n't", "let 's"), regexes, white space,
# contractions, tokens whose lemma the attribute ruler sets, capitals, numbers, an empty text
TEXTS = [
    "I'm gonna tell you: we ain't done, and let's not pretend they weren't told.",
    "She's got ta go.  \n\n  He said the U.S. had 4 radars; they'd bought them in 2019 for $40m.",
    "The children were running faster than the geese; better data was found by the best analysts.",
    "Wasn't it? Couldn't they've known? 'Tis the season... I've, you've, she'd, it'll.",
    "\n\n\t  ",
    "",
    "LEAVES LEAVE LEFT left Left; was were been being is are am 's 're",
]


def _annotations(doc) -> tuple:
    arr = doc.to_array([TAG, POS, MORPH, LEMMA, DEP, HEAD])
    return arr.tolist(), [t.lemma_ for t in doc], [str(t.morph) for t in doc], [t.pos_ for t in doc]


@pytest.fixture(scope="module")
def pair():
    from claimpipe.nlp.accelerate import accelerate
    from claimpipe.nlp.pipeline import DEFAULT_MODEL, load_model

    stock = load_model(DEFAULT_MODEL)
    fast = load_model(DEFAULT_MODEL)
    swapped = accelerate(fast)
    return stock, fast, swapped


def test_both_components_are_swapped_under_their_names(pair):
    from claimpipe.nlp.accelerate import FastAttributeRuler, FastLemmatizer

    stock, fast, swapped = pair
    assert swapped == ["attribute_ruler", "lemmatizer"]
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer)


def test_identical_annotations_on_hand_made_texts(pair):
    stock, fast, _ = pair
    for text in TEXTS:
        assert _annotations(fast(text)) == _annotations(stock(text)), text
    # nlp.pipe (batches) and nlp() agree too, and a second pass (memo filled) gives the same again
    for a, b in zip(fast.pipe(TEXTS, batch_size=3), stock.pipe(TEXTS)):
        assert _annotations(a) == _annotations(b)


def test_identical_annotations_on_the_seed_article(pair):
    stock, fast, _ = pair
    text = SEED.read_text()
    a, b = fast(text), stock(text)
    assert _annotations(a) == _annotations(b)
    assert "be" in {t.lemma_ for t in a} and sum(t.lemma_ != t.lower_ for t in a) > 50  # lemmatised


@needs_shared(EVAL_DATA / "bbc-fulltext")
def test_identical_annotations_on_bbc_articles(pair):
    stock, fast, _ = pair
    files = sorted((EVAL_DATA / "bbc-fulltext").rglob("*.txt"))[::25]
    texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]
    assert len(texts) > 40
    for a, b in zip(fast.pipe(texts, batch_size=8), stock.pipe(texts, batch_size=8)):
        assert _annotations(a) == _annotations(b)


def test_matches_equal_the_matchers_own(pair):
    stock, fast, _ = pair
    ruler = stock.get_pipe("attribute_ruler")
    patterns = fast.get_pipe("attribute_ruler").patterns
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        for text in TEXTS + [SEED.read_text()]:
            doc = stock(text)
            assert sorted(set(patterns.matches(doc))) == sorted(set(ruler.match(doc)))


def test_a_ruler_with_patterns_it_cannot_reproduce_is_left_alone():
    import spacy

    from claimpipe.nlp.accelerate import accelerate

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "good"})
    assert accelerate(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_a_hand_made_ruler_with_in_regex_and_flags():
    import spacy

    from claimpipe.nlp.accelerate import accelerate

    def build():
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add([[{"LOWER": {"IN": ["cat", "cats"]}}]], {"POS": "NOUN"})
        ruler.add([[{"LOWER": {"REGEX": "^d[o0]g"}}]], {"POS": "NOUN", "LEMMA": "dog"})
        ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
        ruler.add([[{"ORTH": "New"}, {"ORTH": "York"}]], {"POS": "PROPN"}, index=1)
        ruler.add([[{"LOWER": {"NOT_IN": ["cat"]}, "IS_PUNCT": True}]], {"POS": "PUNCT"})
        ruler.add([[{"LOWER": "cats"}]], {"POS": "VERB"})  # later rule: overrides the first for "cats"
        return nlp

    stock, fast = build(), build()
    assert accelerate(fast) == ["attribute_ruler"]
    text = "Cats and d0gs, cat!  New York new york dogged  cats."
    a, b = fast(text), stock(text)
    assert [(t.pos_, t.lemma_) for t in a] == [(t.pos_, t.lemma_) for t in b]
    assert a[0].pos_ == "VERB" and a[2].lemma_ == "dog" and a[8].pos_ == "PROPN" and a[6].pos_ == "SPACE"
    assert np.array_equal(a.to_array([POS, LEMMA]), b.to_array([POS, LEMMA]))


def test_extract_uses_the_fast_pipeline(nlp):
    from claimpipe.nlp.accelerate import FastAttributeRuler, FastLemmatizer

    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)


def test_accelerate_saved_and_loaded_gives_identical_annotations(pair, tmp_path):
    import spacy

    from claimpipe.nlp.accelerate import FastAttributeRuler, FastLemmatizer

    stock, fast, _ = pair
    fast.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert isinstance(loaded.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(loaded.get_pipe("lemmatizer"), FastLemmatizer)
    assert loaded.get_pipe_config("lemmatizer")["mode"] == "rule"
    for a, b in zip(loaded.pipe(TEXTS + [SEED.read_text()]), stock.pipe(TEXTS + [SEED.read_text()])):
        assert _annotations(a) == _annotations(b)


def test_accelerate_stand_in_falls_back_to_the_ruler_for_patterns_it_cannot_match():
    import spacy

    patterns = [{"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], "attrs": {"LEMMA": "good"}}]
    nlp, stock = spacy.blank("en"), spacy.blank("en")
    fast = nlp.add_pipe("claimpipe_fast_attribute_ruler")
    nlp.initialize()  # the stand-in initialises through its ruler, then matches (or not) what it was given
    assert fast.patterns is not None
    fast.initialize(patterns=patterns)
    stock.add_pipe("attribute_ruler").initialize(None, patterns=patterns)
    assert fast.patterns is None
    text = "so very very good, not good"
    assert [t.lemma_ for t in nlp(text)] == [t.lemma_ for t in stock(text)] != [""] * 7
