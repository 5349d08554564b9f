"""The accurate check-worthiness tier: the shipped int8 encoder against the fp32 scores stored at export, its
cascade, the component's tier (configured and per run), and its round trip through ``nlp.to_disk`` /
``spacy.load``."""

import json
from pathlib import Path

import numpy as np
import pytest
import spacy

from claimpipe.nlp.components.claims.encoder import ENCODER_DIR, FILES, EncoderModel, available, load_encoder

from conftest import EVAL_DATA, ROOT, needs_shared

AGREEMENT = ROOT / "tests" / "data" / "encoder_fp32_scores.json"
CT24_DEV = EVAL_DATA / "checkthat2024-en" / "CT24_checkworthy_english_dev.tsv"
BATCH_TOLERANCE = 0.2  # the same sentence batched with others (int8 activations are scaled per call)
INT8_TOLERANCE = 0.1  # |int8 - fp32| on each stored sentence (dynamic per-channel quantisation of the weights)

pytestmark = pytest.mark.skipif(not available(), reason="the encoder's files or onnxruntime/tokenizers are not here")

FACT_AND_CHATTER = ["Unemployment rose by 5 percent in 2019, the highest rate in a decade.",
                    "The deficit grew by $200 billion last year.",
                    "Thank you very much.", "I'm happy to be here tonight."]
LONG_SENTENCE = ("The regional council, which met on Tuesday for the third time this year, voted by 31 votes to 12 to "
                 "raise the tourist levy on hotel stays from 2 to 3.5 percent from next April, officials said.")


def test_claims_encoder_ships_its_files_and_meta():
    meta = json.loads((ENCODER_DIR / "meta.json").read_text())
    assert all((ENCODER_DIR / name).is_file() for name in FILES)
    assert (ENCODER_DIR / "model.onnx").stat().st_size < 30_000_000  # int8, not fp32 (~90 MB)
    assert 0.05 <= meta["threshold"] <= 0.95 and 0.0 <= meta["cascade_threshold"] < meta["threshold"]
    assert meta["max_len"] == 128 and meta["seeds"] and "late" in meta["threshold_chosen_on"]


@needs_shared(CT24_DEV)
def test_claims_encoder_int8_agrees_with_fp32_on_the_stored_sentences():
    from claimpipe.evaluate.datasets import read_tsv

    stored = json.loads(AGREEMENT.read_text())
    text_of = {}
    for sentence in read_tsv(CT24_DEV):
        text_of.setdefault(sentence.id, sentence.text)
    texts = [text_of[i] for i, _ in stored["pairs"]]
    fp32 = np.array([s for _, s in stored["pairs"]])
    int8 = load_encoder().score(texts)
    assert len(texts) >= 32
    assert np.abs(int8 - fp32).max() <= INT8_TOLERANCE
    threshold = load_encoder().threshold  # and the decisions mostly agree (only scores near the threshold may flip)
    assert ((int8 >= threshold) == (fp32 >= threshold)).mean() >= 0.95


def test_claims_encoder_scores_facts_above_chatter_the_same_in_any_company():
    enc = load_encoder()
    scores = enc.score(FACT_AND_CHATTER)
    assert min(scores[:2]) >= enc.threshold > max(scores[2:])
    # a sentence's score is its own: the same in another order, alone, or among other (longer) sentences
    # (int8 activations are scaled per call, so batched neighbours would move it)
    assert np.array_equal(enc.score(FACT_AND_CHATTER[::-1])[::-1], scores)
    assert np.array_equal(np.concatenate([enc.score([t]) for t in FACT_AND_CHATTER]), scores)
    crowd = [LONG_SENTENCE] + FACT_AND_CHATTER + [LONG_SENTENCE]
    assert np.array_equal(enc.score(crowd)[1:-1], scores)
    batched = enc.score_batched(crowd, batch=len(crowd))[1:-1]  # how it was scored before: neighbours count
    assert not np.array_equal(batched, scores) and np.allclose(batched, scores, atol=BATCH_TOLERANCE)
    assert enc.score([]).shape == (0,)


def test_claims_encoder_cascade_scores_only_what_the_cheap_model_passes():
    enc = load_encoder()
    cut, upper = enc.cascade_threshold, enc.cascade_upper
    assert cut < enc.threshold < upper <= 1.0  # the shipped model has both cuts; what is sure above is a claim
    cheap = np.array([cut + 0.1, max(0.0, cut - 0.01), cut, 0.0, upper, upper - 0.01, min(1.0, upper + 0.05)])
    texts = FACT_AND_CHATTER + FACT_AND_CHATTER[:3]
    out = enc.cascade(texts, cheap)
    full = enc.score(texts)
    passed, sure = (cheap >= cut) & (cheap < upper), cheap >= upper
    assert passed.tolist() == [True, False, True, False, False, True, False]
    assert np.array_equal(out[passed], full[passed]) and (out[~passed & ~sure] == 0).all()  # a score is its own
    assert (out[sure] == cheap[sure]).all()  # the cheap score kept, the encoder not asked


def test_claims_encoder_without_an_upper_cut_passes_everything_above_the_lower(tmp_path):
    enc = load_encoder()
    enc.save(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text())
    del meta["cascade_upper"]
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    old = EncoderModel(tmp_path)
    cheap = np.array([0.99, 0.0])
    assert old.cascade_upper > 1.0
    assert old.cascade(FACT_AND_CHATTER[:2], cheap).tolist() == [old.score(FACT_AND_CHATTER[:1])[0], 0.0]


def _pipeline(tier: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimpipe_claims", config={"checkworthiness": tier})
    return nlp


def test_claims_encoder_accurate_tier_in_the_component_and_per_run():
    text = " ".join(FACT_AND_CHATTER)
    accurate, fast = _pipeline("accurate"), _pipeline("fast")
    enc = load_encoder()
    claims = accurate(text)._.claimpipe_claims
    assert claims and all(c.checkworthiness >= enc.threshold for c in claims)
    assert all(0.0 < c.checkworthiness <= 1.0 for c in claims)
    per_run = fast(text, component_cfg={"claimpipe_claims": {"checkworthiness": "accurate"}})._.claimpipe_claims
    assert [(c.text, round(c.checkworthiness, 5)) for c in per_run] == [(c.text, round(c.checkworthiness, 5))
                                                                       for c in claims]
    assert fast.get_pipe("claimpipe_claims").cfg["checkworthiness"] == "fast"
    with pytest.raises(ValueError, match="checkworthiness"):
        _pipeline("best")


def test_claims_encoder_round_trip_saves_the_encoder(tmp_path):
    nlp = _pipeline("accurate")
    nlp.to_disk(tmp_path / "saved")
    folder = tmp_path / "saved" / "claimpipe_claims" / "checkworthy" / "encoder"
    assert all((folder / name).is_file() for name in FILES)
    loaded = spacy.load(tmp_path / "saved")
    pipe = loaded.get_pipe("claimpipe_claims")
    assert pipe.encoder is not None and pipe.encoder.fingerprint == EncoderModel(ENCODER_DIR).fingerprint
    text = " ".join(FACT_AND_CHATTER)
    assert [(c.text, c.checkworthiness) for c in loaded(text)._.claimpipe_claims] == \
        [(c.text, c.checkworthiness) for c in nlp(text)._.claimpipe_claims]
    again = spacy.blank("en").add_pipe("claimpipe_claims", config={"checkworthiness": "accurate"})
    again.from_bytes(pipe.to_bytes())  # from a temporary folder: the files are read at once
    assert again.encoder.fingerprint == pipe.encoder.fingerprint and len(again.encoder.score(["A test."])) == 1


def test_claims_encoder_session_uses_one_thread_per_worker():
    enc = EncoderModel(Path(ENCODER_DIR))
    enc.score(["One sentence."])
    assert enc._session.get_session_options().intra_op_num_threads == 1


def test_claims_encoder_extract_cli_takes_the_tier_for_one_run(cli, nlp, tmp_path):
    """``claimpipe extract --checkworthiness fast|accurate`` takes the tier for that run; the pipeline keeps its own
    (accurate, the default)."""
    from conftest import SEED

    out = {}
    for tier in ("fast", "accurate"):
        result = cli("extract", SEED, "--out", tmp_path / tier, "--workers", "0", "--quiet", "--checkworthiness", tier)
        assert result.exit_code == 0, result.output
        out[tier] = [json.loads(line) for line in (tmp_path / tier / "claims.jsonl").read_text().splitlines()]
    threshold = load_encoder().threshold
    assert out["accurate"] and all(c["checkworthiness"] >= threshold for c in out["accurate"])
    assert [c["text"] for c in out["fast"]] != [c["text"] for c in out["accurate"]]
    assert nlp.get_pipe("claimpipe_claims").cfg["checkworthiness"] == "accurate"
    default = cli("extract", SEED, "--out", tmp_path / "default", "--workers", "0", "--quiet")
    assert default.exit_code == 0, default.output
    assert (tmp_path / "default" / "claims.jsonl").read_text() == (tmp_path / "accurate" / "claims.jsonl").read_text()
    bad = cli("extract", SEED, "--out", tmp_path / "bad", "--checkworthiness", "best")
    assert bad.exit_code == 2 and "--checkworthiness" in bad.output


def _int8_matmul(path: Path, weights: np.ndarray) -> None:
    """A one-node model: uint8 activations (zero point 0) times ``weights`` (int8, zero point 0), int32 out."""
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper, numpy_helper

    node = helper.make_node("MatMulInteger", ["x", "w", "x_zero", "w_zero"], ["y"])
    graph = helper.make_graph(
        [node], "int8", [helper.make_tensor_value_info("x", TensorProto.UINT8, [None, weights.shape[0]])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, [None, weights.shape[1]])],
        initializer=[numpy_helper.from_array(weights, "w"), numpy_helper.from_array(np.uint8(0), "x_zero"),
                     numpy_helper.from_array(np.zeros(weights.shape[1], dtype=np.int8), "w_zero")])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


def test_claims_encoder_unsigned_weights_give_the_exact_products(tmp_path):
    """Large uint8 x int8 products that a CPU without VNNI would add in saturating 16-bit registers: with the
    weights stored unsigned (plus 128, zero point 128) onnxruntime gives the exact integers on any CPU."""
    import onnxruntime as ort

    from claimpipe.training.encoder import unsigned_weights

    rng = np.random.default_rng(0)
    weights = np.concatenate([np.full((64, 2), 127), rng.integers(-127, 128, (64, 6))], axis=1).astype(np.int8)
    x = np.concatenate([np.full((1, 64), 255), rng.integers(0, 256, (3, 64))]).astype(np.uint8)
    _int8_matmul(tmp_path / "signed.onnx", weights)
    assert unsigned_weights(tmp_path / "signed.onnx", tmp_path / "unsigned.onnx") == 1
    session = ort.InferenceSession(str(tmp_path / "unsigned.onnx"), providers=["CPUExecutionProvider"])
    (y,) = session.run(None, {"x": x})
    assert np.array_equal(y, x.astype(np.int64) @ weights.astype(np.int64))  # 255 * 127 * 64 in the first cell
    with pytest.raises(ValueError, match="uint8, not int8"):  # never shifted twice
        unsigned_weights(tmp_path / "unsigned.onnx", tmp_path / "twice.onnx")


def test_claims_encoder_ships_unsigned_weights():
    """The shipped model's MatMulInteger weights are uint8 (``scripts/unsigned_encoder.py``), so its scores do not
    depend on the CPU; meta.json says so."""
    onnx = pytest.importorskip("onnx")
    from onnx import numpy_helper

    model = onnx.load(str(ENCODER_DIR / "model.onnx"))
    initializers = {t.name: t for t in model.graph.initializer}
    weights = [n.input[1] for n in model.graph.node if n.op_type == "MatMulInteger"]
    assert len(weights) == 37
    assert {numpy_helper.to_array(initializers[w]).dtype for w in weights} == {np.dtype(np.uint8)}
    assert "uint8" in json.loads((ENCODER_DIR / "meta.json").read_text())["quantization"]
