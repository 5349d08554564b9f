"""The extract command end to end, through the CLI as a user runs it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimpipe.nlp.assemble import check_offsets
from claimpipe.schema import ClaimRecord, DocumentRecord

from conftest import GOLD, SEED, needs_shared


def _records(path: Path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory, nlp):
    from typer.testing import CliRunner

    import claimpipe.nlp.pipeline as pipeline
    from claimpipe.cli import app

    out = tmp_path_factory.mktemp("seed") / "out"
    original = pipeline.build_pipeline
    pipeline.build_pipeline = lambda model=None: nlp
    try:
        result = CliRunner().invoke(app, ["extract", str(SEED), "--out", str(out)], catch_exceptions=False)
    finally:
        pipeline.build_pipeline = original
    assert result.exit_code == 0, result.output
    return out, result


def test_extract_seed_writes_valid_records(seed_run):
    out, result = seed_run
    docs = _records(out / "documents.jsonl")
    claims = _records(out / "claims.jsonl")
    assert len(docs) == 1 and claims
    doc = DocumentRecord.model_validate(docs[0])
    assert doc.title == "Examining the Rationale Behind Growing Azerbaijan-Pakistan Cooperation"
    assert doc.source.endswith("corpus/azerbaijan-pakistan-cooperation.txt")
    assert doc.text == SEED.read_text(encoding="utf-8")
    assert doc.encoding == "utf-8"
    assert doc.bio is not None and doc.bio.text.startswith("Emil Avdaliani specializes")
    assert doc.author == "Emil Avdaliani"
    assert doc.claims == [c["claim_id"] for c in claims]
    parsed = [ClaimRecord.model_validate(c) for c in claims]
    assert all(c.review.status == "pending" and c.doc_id == doc.doc_id for c in parsed)
    assert not check_offsets(doc, parsed)
    assert "1 article read" in result.output and "0 errors" in result.output


def test_extract_no_claim_from_title_or_bio(seed_run):
    out, _ = seed_run
    doc = _records(out / "documents.jsonl")[0]
    bio_start = doc["bio"]["start"]
    for claim in _records(out / "claims.jsonl"):
        assert claim["start"] >= len(doc["title"])
        assert claim["end"] <= bio_start


def test_extract_sentences_never_cross_paragraphs(seed_doc):
    for sent in seed_doc.sents:
        assert "\n" not in sent.text.strip()


@needs_shared(GOLD)
def test_extract_seed_entities_meet_gold(seed_run):
    out, _ = seed_run
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    found = {(e["start"], e["end"]): e["label"] for e in _records(out / "documents.jsonl")[0]["entities"]}
    correct = sum(found.get((g["start"], g["end"])) == g["label"] for g in gold["entities"])
    assert correct / len(gold["entities"]) >= 0.95
    not_dates = {(t["start"], t["end"]) for t in gold["not_dates"]}
    dates = _records(out / "documents.jsonl")[0]["dates"]
    assert not [d for d in dates if any(d["start"] < e and d["end"] > s for s, e in not_dates)]


def test_extract_twice_is_byte_identical(cli, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert cli("extract", SEED, "--out", first).exit_code == 0
    assert cli("extract", SEED, "--out", second).exit_code == 0
    for name in ("documents.jsonl", "claims.jsonl", "errors.jsonl"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_extract_missing_path_exits_2(cli, tmp_path):
    result = cli("extract", tmp_path / "does-not-exist")
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_extract_bad_inputs_recorded_and_batch_goes_on(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-good.txt").write_text("Good news\nThe council approved a $2 million budget in March 2020.\n")
    (corpus / "b-empty.txt").write_bytes(b"")
    (corpus / "c-binary.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "d-latin1.txt").write_bytes("Café news\nThe café in Zürich reopened in 2019, Señor Muñoz said.\n".encode("latin-1"))
    (corpus / "e-feed.jsonl").write_text('{"id": "x1", "text": "Paris hosted 40 leaders in 2015."}\nnot json\n')
    out = tmp_path / "out"
    result = cli("extract", corpus, "--out", out)
    assert result.exit_code == 0
    docs = _records(out / "documents.jsonl")
    errors = _records(out / "errors.jsonl")
    assert [d["source"].rsplit("/", 1)[-1] for d in docs] == ["a-good.txt", "d-latin1.txt", "e-feed.jsonl:1"]
    assert docs[1]["text"].startswith("Café news") and docs[1]["encoding"] == "iso-8859-1"
    assert docs[2]["doc_id"] == "x1"
    reasons = {e["source"].rsplit("/", 1)[-1]: e["error"] for e in errors}
    assert reasons == {"b-empty.txt": "EmptyFile", "c-binary.txt": "DecodeError", "e-feed.jsonl:2": "JSONDecodeError"}
    assert "3 articles read" in result.output and "3 errors" in result.output


def test_extract_long_text_in_pieces_offsets_exact(nlp, tmp_path):
    from claimpipe.nlp.assemble import assemble
    from claimpipe.nlp.pipeline import model_label, process
    from claimpipe.io.read import Article

    para = "The ministry said on Monday that Pakistan bought 12 jets from China in 2019.\n"
    text = "Long report\n" + para * 60
    article = Article(source="long.txt", text=text, encoding="utf-8", title_span=(0, 11), title="Long report")
    (_, doc), = list(process(nlp, [article], piece_limit=1000))
    record, claims = assemble(article, doc, model=model_label(nlp))
    assert record.text == text
    assert not check_offsets(record, claims)
    assert len([e for e in record.entities if e.text == "Pakistan"]) == 60
    assert len(claims) == 60


def test_extract_stdout_streams_claims(cli, tmp_path):
    result = cli("extract", SEED, "--stdout", "--out", tmp_path / "unused")
    lines = [json.loads(l) for l in result.stdout.splitlines() if l.startswith("{")]
    assert lines and all(l["record_type"] == "claim" for l in lines)
    assert not (tmp_path / "unused").exists()


def test_extract_output_not_left_half_written(nlp, tmp_path, monkeypatch):
    import claimpipe.nlp.assemble as assemble_mod
    from claimpipe.run.extract import extract

    out = tmp_path / "out"
    out.mkdir()
    (out / "documents.jsonl").write_text("previous\n")
    def exploding(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(assemble_mod, "assemble", exploding)
    with pytest.raises(KeyboardInterrupt):
        extract([SEED], out=out, nlp=nlp, workers=0)
    assert (out / "documents.jsonl").read_text() == "previous\n"
    assert [p.name for p in out.iterdir() if p.suffix in {".jsonl", ".tmp"}] == ["documents.jsonl"]


def test_extract_dct_option_sets_document_date(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Headline here\nThe plant closed yesterday.\n")
    assert cli("extract", tmp_path / "a.txt", "--out", tmp_path / "o", "--dct", "2020-02-03").exit_code == 0
    assert _records(tmp_path / "o" / "documents.jsonl")[0]["dct"] == "2020-02-03"
    bad = cli("extract", tmp_path / "a.txt", "--dct", "03/02/2020")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_extract_help_does_not_import_spacy():
    code = "import sys; from claimpipe.cli import app; from typer.testing import CliRunner; " \
           "r = CliRunner().invoke(app, ['--help']); r2 = CliRunner().invoke(app, ['schema']); " \
           "assert r.exit_code == 0 and r2.exit_code == 0; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_extract_python_dash_m_runs():
    out = subprocess.run([sys.executable, "-m", "claimpipe", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "extract" in out.stdout


def test_extract_min_checkworthiness_raises_and_lowers_the_cut(cli, tmp_path):
    counts = {}
    for cut in ("0.0", None, "0.9"):
        out = tmp_path / f"o{cut}"
        args = ["extract", SEED, "--out", out, "--workers", 0, "--quiet"] + (["--min-checkworthiness", cut] if cut else [])
        assert cli(*args).exit_code == 0
        claims = _records(out / "claims.jsonl")
        counts[cut] = len(claims)
        if cut:
            assert all(c["checkworthiness"] >= float(cut) for c in claims)
    assert counts["0.0"] > counts[None] > counts["0.9"]


def test_extract_output_folder_inside_input_is_not_read(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Budget\nThe council approved a $2 million budget in 2020.\n")
    for _ in range(2):
        result = cli("extract", corpus, "--out", corpus / "annotations", "--workers", 0, "--quiet")
        assert "1 article read" in result.output


def test_extract_same_output_whatever_the_hash_seed(tmp_path):
    """Sets iterate in an order that depends on PYTHONHASHSEED; no output may depend on it."""
    import os

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Film row\nDirector Chris Morris and comedian Comic Morris met in London on Monday. "
        "Morris said the film, which cost $4 million, would open in Paris and Berlin in 2005, according to Channel 4.\n"
        "Later, Morris told reporters that the BBC and ITV had refused it.\n")
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"o{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "claimpipe", "extract", str(corpus), "--out", str(out), "--workers", "0",
                        "--quiet"], check=True, env=env, capture_output=True)
        outputs.append([(out / f).read_bytes() for f in ("documents.jsonl", "claims.jsonl")])
    assert outputs[0] == outputs[1] == outputs[2]
