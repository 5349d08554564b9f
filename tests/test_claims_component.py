"""The claimpipe_claims component: its model choice, the per-run cut, and the round trip through
``nlp.to_disk`` / ``spacy.load``; the model's own feature words."""

import json
from pathlib import Path

import pytest
import spacy

from claimpipe.io.read import read_path
from claimpipe.nlp.components.claims.checkworthiness import FeatureWords, choose, features, for_pipeline, load_model
from claimpipe.nlp.pipeline import build_pipeline, process

from conftest import SEED

CHATTER_AND_FACT = ["Thank you very much, it is great to be here tonight. Unemployment rose by 5 percent in 2019.",
                    "It is lovely to see you all. The deficit grew by $200 billion in 2019."]
# (chatter with a clause: "Good evening." alone is no clause, so never a claim at any threshold)


@pytest.fixture
def blank():
    """A pipeline without token vectors: a blank English one with a sentencizer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimpipe_claims")
    return nlp


def _texts(docs) -> list[list[str]]:
    return [[c.text for c in doc._.claimpipe_claims] for doc in docs]


def test_claims_component_auto_is_lexical_without_token_vectors(blank):
    pipe = blank.get_pipe("claimpipe_claims")
    assert pipe.tok2vec is None and pipe.model is load_model("lexical")
    assert for_pipeline(blank) is load_model("lexical")


def test_claims_component_auto_is_tensor_with_the_network_it_was_trained_on(nlp):
    from claimpipe.nlp.components.claims.checkworthiness import vectors_fingerprint

    pipe = nlp.get_pipe("claimpipe_claims")
    assert pipe.cfg == {"threshold": None, "model": "auto", "checkworthiness": "accurate", "encoder_threads": 1,
                        "kinds": "encoder", "speaker_names": True}
    assert vectors_fingerprint(pipe.tok2vec) == load_model("tensor").meta["vectors_fingerprint"]
    assert pipe.model is load_model("tensor")


def test_claims_component_auto_needs_the_same_network():
    """Token vectors of the same width from other weights (the medium model's) are not what it was trained on."""
    models = {"tensor": load_model("tensor"), "lexical": load_model("lexical")}
    trained_on = models["tensor"].meta["vectors_fingerprint"]
    assert choose("auto", trained_on, models) is models["tensor"]
    assert choose("auto", "0123456789abcdef", models) is models["lexical"] and choose("auto", None, models) is models["lexical"]
    assert choose("tensor", None, models) is models["tensor"] and choose("lexical", trained_on, models) is models["lexical"]


@pytest.mark.parametrize("variant", ["tensor", "lexical"])
def test_claims_component_model_named_in_the_config(variant):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    pipe = nlp.add_pipe("claimpipe_claims", config={"model": variant})
    assert pipe.model is load_model(variant) and list(pipe.models) == [variant]


def test_claims_component_rejects_an_unknown_model():
    from thinc.api import ConfigValidationError

    with pytest.raises(ConfigValidationError):
        spacy.blank("en").add_pipe("claimpipe_claims", config={"model": "large"})


def test_claims_component_threshold_in_the_config(blank):
    everything = spacy.blank("en")
    everything.add_pipe("sentencizer")
    everything.add_pipe("claimpipe_claims", config={"threshold": 0.0})
    some, every = _texts(blank.pipe(CHATTER_AND_FACT)), _texts(everything.pipe(CHATTER_AND_FACT))
    assert all(set(a) < set(b) for a, b in zip(some, every))


def test_claims_component_cfg_cut_is_for_one_run_only(nlp):
    pipe = nlp.get_pipe("claimpipe_claims")
    default = _texts(nlp.pipe(CHATTER_AND_FACT))
    wider = _texts(nlp.pipe(CHATTER_AND_FACT, component_cfg={"claimpipe_claims": {"min_checkworthiness": 0.0}}))
    narrower = _texts(nlp.pipe(CHATTER_AND_FACT, component_cfg={"claimpipe_claims": {"min_checkworthiness": 0.999}}))
    assert all(set(n) < set(d) < set(w) for n, d, w in zip(narrower, default, wider))
    one = nlp(CHATTER_AND_FACT[0], component_cfg={"claimpipe_claims": {"min_checkworthiness": 0.0}})
    assert _texts([one]) == wider[:1]
    assert pipe.cfg == {"threshold": None, "model": "auto", "checkworthiness": "accurate", "encoder_threads": 1,
                        "kinds": "encoder", "speaker_names": True}
    assert _texts(nlp.pipe(CHATTER_AND_FACT)) == default


def test_claims_component_round_trip_gives_the_same_claims(tmp_path):
    nlp = build_pipeline(fast=False)
    nlp.to_disk(tmp_path / "saved")
    assert (tmp_path / "saved" / "claimpipe_claims" / "checkworthy" / "tensor" / "weights.npz").is_file()
    loaded = spacy.load(tmp_path / "saved")
    assert loaded.get_pipe("claimpipe_claims").model.meta["variant"] == "tensor"
    article = next(iter(read_path(Path(SEED))))
    (_, doc), = process(nlp, [article])
    (_, again), = process(loaded, [article])
    assert len(doc._.claimpipe_claims) > 20
    assert again._.claimpipe_claims == doc._.claimpipe_claims  # texts, kinds, sources, amounts and exact scores


def test_claims_component_restores_what_it_saved(blank, tmp_path):
    blank.to_disk(tmp_path / "saved")
    folder = tmp_path / "saved" / "claimpipe_claims"
    meta_path = folder / "checkworthy" / "lexical" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["threshold"] = 0.123
    meta_path.write_text(json.dumps(meta))
    with (folder / "reporting_verbs.txt").open("a") as f:
        f.write("zorble\n")
    pipe = spacy.load(tmp_path / "saved").get_pipe("claimpipe_claims")
    assert pipe.model.threshold == 0.123 and pipe.model.words == load_model("lexical").words
    assert "zorble" in pipe.reporting_verbs and "zorble" not in blank.get_pipe("claimpipe_claims").reporting_verbs


def test_checkworthy_feature_words_come_from_the_model(nlp):
    words = load_model("lexical").words
    assert words == load_model("tensor").words
    assert {"say", "accord"} <= words.reporting and {"might", "reportedly"} <= words.hedges
    span = nlp("She said it might rain.")[:]
    assert {"report", "hedge"} <= set(features(span))
    assert {"report", "hedge"}.isdisjoint(features(span, words=FeatureWords(frozenset(), frozenset())))
