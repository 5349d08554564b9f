"""The kind encoder: its shipped files, the int8 model against the fp32 probabilities stored at export, the
stacker's arithmetic, the component's use of it (the default, ``kinds = "encoder"``; ``"trained"`` leaves it out,
per pipeline or per run), its round trip through ``nlp.to_disk`` / ``spacy.load``, and ``claimpipe extract``
records that carry its decision."""

import json
import shutil

import numpy as np
import pytest
import spacy

from claimpipe.nlp.components.claims.encoder import FILES
from claimpipe.nlp.components.claims.kind_encoder import (
    KIND_ENCODER_DIR,
    KindEncoder,
    kind_encoder_available,
    load_kind_encoder,
)

from conftest import EVAL_DATA, ROOT, needs_shared

AGREEMENT = ROOT / "tests" / "data" / "kind_encoder_fp32.json"
BBC = EVAL_DATA / "bbc-fulltext"
KINDS = ["attribution", "event", "quantity", "prediction", "opinion", "comparison", "relation"]
INT8_TOLERANCE = 0.2  # |int8 - fp32| of each stored probability (dynamic per-channel quantisation)

pytestmark = pytest.mark.skipif(not kind_encoder_available(), reason="the kind encoder's files or onnxruntime are not here")

# invented sentences, one plain case of a kind each
PLAIN = {
    "The minister said on Tuesday that the tax would rise next year.": "attribution",
    "The factory closed in 1998 after a fire destroyed its main hall.": "event",
    "The bank employs 12,000 people in 40 countries.": "quantity",
    "The bridge will open to traffic next spring.": "prediction",
}


def test_kind_encoder_ships_its_files_and_meta():
    meta = json.loads((KIND_ENCODER_DIR / "meta.json").read_text())
    assert all((KIND_ENCODER_DIR / name).is_file() for name in FILES)
    assert (KIND_ENCODER_DIR / "model.onnx").stat().st_size < 30_000_000  # int8, not fp32 (~90 MB)
    assert meta["kinds"] == KINDS and meta["max_len"] == 128 and "uint8" in meta["quantization"]
    stacker = meta["stacker"]
    assert np.asarray(stacker["coef"]).shape == (7, 14) and len(stacker["intercept"]) == 7 and stacker["classes"] == KINDS
    # what it was chosen on: nested leave-one-set-out over the audit sets, beside the blind rules on the same claims
    nested = meta["stacker_chosen_on"]["nested_accuracy"]
    assert set(nested) == {"rules_blind", "encoder", "stacked_free", "stacked", "cascade"}
    assert nested["stacked"] > nested["rules_blind"]  # the reason it ships (0.858 against 0.839 when trained)
    # the cascade: the rules' kinds it keeps are those where the encoder gained nothing, held out; never attribution
    cascade = meta["stacker_chosen_on"]["cascade"]
    assert stacker["rules_kept"] == cascade["rules_kept"] and "attribution" not in stacker["rules_kept"]
    assert all(cascade["by_rules_kind"][k]["net_gain"] <= 0 for k in stacker["rules_kept"])
    assert nested["cascade"] >= nested["stacked"] - 0.005 and cascade["encoder_calls"] < cascade["author_claims"]
    # the sets that choose between models and the one scored once stay out of training; the training sets are in
    held_out = {"audit_set27", "audit_set28", "audit_set29", "audit_set30", "audit_set37"}
    assert not held_out & set(meta["trained_on"]["sets"])
    assert {f"audit_set{n}" for n in range(31, 37)} <= set(meta["trained_on"]["sets"])


@needs_shared(BBC)
def test_kind_encoder_int8_agrees_with_fp32_on_the_stored_claims():
    from claimpipe.io.read import read_path

    stored = json.loads(AGREEMENT.read_text())
    texts = []
    for claim in stored["claims"]:
        article = next(iter(read_path(BBC / claim["file"])))
        texts.append(article.text[claim["start"]:claim["end"]])
    fp32 = np.array([c["fp32"] for c in stored["claims"]])
    int8 = load_kind_encoder().probabilities(texts)
    assert len(texts) >= 32 and stored["kinds"] == KINDS
    assert np.abs(int8 - fp32).max() <= INT8_TOLERANCE
    assert (int8.argmax(1) == fp32.argmax(1)).mean() >= 0.95


def test_kind_encoder_reads_plain_kinds_and_each_text_alone():
    enc = load_kind_encoder()
    texts = list(PLAIN)
    probs = enc.probabilities(texts)
    assert np.allclose(probs.sum(1), 1.0, atol=1e-3)
    assert [enc.kinds[i] for i in probs.argmax(1)] == list(PLAIN.values())
    # a text's probabilities are its own: the same alone or after others
    assert np.allclose(enc.probabilities(texts[2:3])[0], probs[2], atol=1e-6)
    for text, kind in list(PLAIN.items())[1:]:  # the stacker agrees where the rules say the same
        got, scores = enc.decide(text, kind)
        assert got == kind and abs(sum(scores.values()) - 1.0) < 1e-3 and max(scores, key=scores.get) == got
    # a claim in the author's voice is never a reported statement, whatever the encoder reads in it
    said = list(PLAIN)[0]
    assert probs[0].argmax() == 0 and enc.decide(said, "attribution")[0] != "attribution"
    assert enc.decide(said, "attribution")[1]["attribution"] == 0.0


def _with_stacker(tmp_path, coef, intercept, rules_kept=None) -> KindEncoder:
    """A copy of the shipped kind encoder with another stacker (and cascade, unless ``rules_kept`` is None)."""
    folder = tmp_path / "enc"
    folder.mkdir(parents=True)
    for name in FILES:
        shutil.copy(KIND_ENCODER_DIR / name, folder / name)
    meta = json.loads((folder / "meta.json").read_text())
    meta["stacker"].update(coef=np.asarray(coef).tolist(), intercept=list(intercept))
    if rules_kept is not None:
        meta["stacker"]["rules_kept"] = list(rules_kept)
    (folder / "meta.json").write_text(json.dumps(meta))
    return KindEncoder(folder)


def test_kind_encoder_stacker_weighs_the_encoder_and_the_rules(tmp_path):
    """The stacker is a softmax over W [log p + eps, rules one-hot] + b: weights only on the rules' columns give
    the rules' kind, weights only on the encoder's columns its most probable kind."""
    probs = np.array([0.05, 0.7, 0.1, 0.05, 0.04, 0.03, 0.03])  # the encoder says event
    rules_only = _with_stacker(tmp_path / "a", np.hstack([np.zeros((7, 7)), 5 * np.eye(7)]), [0.0] * 7)
    scores = rules_only.stacked(probs, "quantity")
    assert max(scores, key=scores.get) == "quantity" and abs(sum(scores.values()) - 1) < 1e-9
    encoder_only = _with_stacker(tmp_path / "b", np.hstack([np.eye(7), np.zeros((7, 7))]), [0.0] * 7)
    scores = encoder_only.stacked(probs, "quantity")
    assert max(scores, key=scores.get) == "event"
    assert scores["event"] == pytest.approx(0.7, abs=1e-3)  # softmax of log p is p (up to epsilon)


def test_kind_encoder_cascade_keeps_the_rules_kinds_it_is_not_asked_about(tmp_path, nlp):
    """A kind in ``stacker.rules_kept`` stands without the encoder: the same claim, decided by the stacker when
    the cascade keeps nothing, keeps the rules' kind and scores (no encoder evidence) when the cascade keeps the
    kind the rules gave it. Training keeps a kind only where the encoder's overrulings gained nothing, and never
    ``attribution`` (a claim in the author's voice is never one)."""
    from claimpipe.nlp.components.claims.extract import extract_claims
    from claimpipe.training.kind_encoder import rules_kept

    text = "The factory closed in 1998 after a fire destroyed its main hall."
    doc = nlp(text, component_cfg={"claimpipe_claims": {"min_checkworthiness": 0.0, "kinds": "trained"}})
    (rules,) = doc._.claimpipe_claims
    pipe = nlp.get_pipe("claimpipe_claims")

    def claim_with(encoder):
        (claim,) = extract_claims(doc, model=pipe.model, min_checkworthiness=0.0, encoder=pipe._encoder("accurate"),
                                  kind_model=pipe._kind_deciders("trained")["kind_model"], kind_encoder=encoder,
                                  reporting_verbs=pipe.reporting_verbs, hedge_adverbs=pipe.hedge_adverbs,
                                  evaluative=pipe.evaluative)
        return claim

    coef = np.hstack([np.eye(7), np.zeros((7, 7))])  # a stacker that reads the encoder only
    asked = _with_stacker(tmp_path / "a", coef, [0.0] * 7, [])
    kept = _with_stacker(tmp_path / "b", coef, [0.0] * 7, ["event", "quantity"])
    assert rules.kind == "event" and claim_with(None) == rules
    assert asked.consults("event") and not kept.consults("event") and kept.consults("opinion")
    decided = claim_with(asked)
    assert decided.kind_scores == asked.decide(text, "event")[1] != rules.kind_scores
    assert claim_with(kept) == rules
    y, given = np.array([1, 1, 2, 2, 0, 4]), np.array([1, 1, 2, 2, 0, 4])
    stacked = np.array([1, 3, 2, 2, 1, 4])  # overrules one event wrongly and the attribution
    kept_kinds, figures = rules_kept(stacked, given, np.zeros(6, bool), y)
    assert kept_kinds == ["event", "quantity", "opinion"]  # no gain on any; attribution is still sent on
    assert figures["event"] == {"claims": 2, "rules_right": 2, "encoder_changes": 1, "net_gain": -1}
    assert figures["attribution"]["net_gain"] == -1
    assert rules_kept(np.array([2, 1]), np.array([1, 1]), np.zeros(2, bool), np.array([2, 1]))[0] == []


def _claims_pipe(**config):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimpipe_claims", config={"threshold": 0.0, **config})
    return nlp


def test_kind_encoder_decides_by_default_and_not_when_the_run_says_trained(nlp):
    text = " ".join(PLAIN)
    pipe = nlp.get_pipe("claimpipe_claims")
    assert pipe.cfg["kinds"] == "encoder" and pipe._kind_deciders("trained")["kind_encoder"] is None
    assert pipe._kind_deciders("encoder")["kind_encoder"].fingerprint == load_kind_encoder().fingerprint
    everything = {"min_checkworthiness": 0.0}
    trained = nlp(text, component_cfg={"claimpipe_claims": {**everything, "kinds": "trained"}})._.claimpipe_claims
    claims = nlp(text, component_cfg={"claimpipe_claims": everything})._.claimpipe_claims
    assert [c.kind for c in claims] == list(PLAIN.values())
    assert [c.source.type for c in claims] == ["speaker", "author", "author", "author"]
    enc = load_kind_encoder()
    for claim, rules in zip(claims, trained):
        if claim.source.type == "speaker":  # a speaker's claim keeps the kind model's kind and scores
            assert (claim.kind, claim.kind_scores) == (rules.kind, rules.kind_scores) and claim.kind == "attribution"
        elif enc.consults(rules.kind):  # an author's claim takes the stacker's
            assert claim.kind_scores == enc.decide(claim.text, rules.kind)[1] != rules.kind_scores
        else:  # ... unless the rules' kind is one the encoder is not asked about (the cascade)
            assert (claim.kind, claim.kind_scores) == (rules.kind, rules.kind_scores)
    assert pipe.cfg["kinds"] == "encoder"  # the run's choice, not the pipeline's
    assert [c.kind_scores for c in nlp(text, component_cfg={"claimpipe_claims": everything})._.claimpipe_claims] == \
        [c.kind_scores for c in claims]
    with pytest.raises(ValueError, match="kinds"):
        _claims_pipe(kinds="neural")
    with pytest.raises(ValueError, match="kinds"):
        nlp(text, component_cfg={"claimpipe_claims": {"kinds": "neural"}})


def test_kind_encoder_round_trip(tmp_path):
    nlp = _claims_pipe()  # the default: kinds = "encoder"
    nlp.to_disk(tmp_path / "saved")
    folder = tmp_path / "saved" / "claimpipe_claims" / "kind_encoder"
    assert all((folder / name).is_file() for name in FILES)
    loaded = spacy.load(tmp_path / "saved")
    pipe = loaded.get_pipe("claimpipe_claims")
    assert pipe.kind_encoder is not None and pipe.kind_encoder.fingerprint == KindEncoder(KIND_ENCODER_DIR).fingerprint
    text = " ".join(PLAIN)
    assert loaded(text)._.claimpipe_claims == nlp(text)._.claimpipe_claims
    _claims_pipe(kinds="trained").to_disk(tmp_path / "trained")  # a pipeline without it saves none
    assert not (tmp_path / "trained" / "claimpipe_claims" / "kind_encoder").exists()


def test_kind_encoder_train_cli_says_what_it_needs(cli, tmp_path, monkeypatch):
    """``claimpipe train kinds --encoder`` without torch (CI, a user's install) or without its config fails
    with a clear message, not a traceback."""
    import importlib.util

    missing = cli("train", "kinds", "--encoder", "--config", tmp_path / "none.toml")
    assert missing.exit_code != 0 and "no such config" in missing.output
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    result = cli("train", "kinds", "--encoder", "--config", ROOT / "configs" / "kinds_encoder.toml")
    assert result.exit_code != 0 and "needs torch" in result.output


def test_kind_encoder_overruling_is_in_the_record(cli, tmp_path):
    """``claimpipe extract`` (``--kinds encoder``, the default) writes the kind encoder's call as the record's kind,
    with an evidence item over the whole claim that names the kind the rules gave; the records validate; with
    ``--kinds trained`` the kind model's kind stands, with no such item; a bad ``--kinds`` is a clear error."""
    from claim_sources import rules_kind

    article = tmp_path / "in" / "mill.txt"
    article.parent.mkdir()
    article.write_text("Mill news\n\nThe new bridge is to be built by the council over the next decade.\n"
                       "The mill closed in 1998 after a fire.\n", encoding="utf-8")
    records = {}
    for name, extra in (("encoder", []), ("trained", ["--kinds", "trained"])):  # into one folder: no stale reuse
        result = cli("extract", article.parent, "--out", tmp_path / "out", "--min-checkworthiness", "0", "--workers", "0",
                     "--quiet", *extra)
        assert result.exit_code == 0, result.output
        records[name] = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()]
        check = cli("validate", tmp_path / "out" / "claims.jsonl")
        assert check.exit_code == 0, check.output
    mill, fire = records["encoder"]
    overruled = [e for e in mill["kind_evidence"] if e["reason"].startswith("kind encoder")]
    assert mill["kind"] == "prediction" and len(overruled) == 1
    assert (overruled[0]["start"], overruled[0]["end"], overruled[0]["kind"]) == (mill["start"], mill["end"], "prediction")
    assert rules_kind(mill) == records["trained"][0]["kind"] != "prediction"
    assert max(mill["kind_scores"], key=mill["kind_scores"].get) == "prediction" and mill["kind_scores"]["attribution"] == 0
    assert fire["kind"] == records["trained"][1]["kind"] == "event"
    assert not [e for e in fire["kind_evidence"] + records["trained"][0]["kind_evidence"] if e["reason"].startswith("kind encoder")]
    bad = cli("extract", article.parent, "--out", tmp_path / "bad", "--kinds", "neural")
    assert bad.exit_code != 0 and "--kinds must be one of trained, encoder, rules" in bad.output
    assert not (tmp_path / "bad").exists()
