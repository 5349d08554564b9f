"""Hostile input: property tests over the whole extract path, and a folder of bad articles."""

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimpipe.nlp.assemble import check_offsets
from claimpipe.io.read import ReadError, decode, make_article, read_path
from claimpipe.run.results import Failed, Processed, Task
from claimpipe.schema import ClaimRecord, DocumentRecord

HOSTILE = Path(__file__).parent / "hostile"

PIECES = [
    '"', "“", "”", "‘", "’", "«", "»", "„", "''", "``", "'", "'s", "s'", " ", "\n", "\n\n", "\r\n", "\r", "\t",
    "\x00", "\x07", "\x1b", "\u200b", "\u200d", "\u200f", "\u202e", "\u2066", "\u2069", "\u0301", "\u0308", "\ufeff",
    "\ud800", "\udfff", "\U0001f600", "—", "–", "-", ":", ".", "!", "?", "(", ")", "[", "]", "<script>", "</p>",
    "said", " said that ", "according to ", "He", "She told reporters", "In March of that year", "early 2020",
    "2019", "MiG-21", "AMAN-2013", "top 10", "$40 million", "4.5%", "four radars", "Paris", "Arif Alvi",
    "Emil Avdaliani can be reached at x@y.org", "Title line\n",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map("".join)


def _check_result(result):
    if isinstance(result, Failed):
        assert result.stage in {"extract", "timeout"} and result.error and result.message
        return
    assert isinstance(result, Processed)
    document = DocumentRecord.model_validate_json(result.document_json)
    claims = [ClaimRecord.model_validate_json(c) for c in result.claim_jsons]
    assert not check_offsets(document, claims)
    for line in [result.document_json, *result.claim_jsons]:
        line.encode("utf-8")  # writable as UTF-8
        assert "\n" not in line


@pytest.fixture(scope="module")
def work(nlp):
    from functools import partial

    from claimpipe.run import work as worker

    worker.load(None, nlp)
    return partial(worker.run_batch, options={"min_checkworthiness": None})


@given(text=texts, dct=st.one_of(st.none(), st.just("2020-05-17")))
def test_hostile_any_text_gives_valid_records_or_a_reason(work, text, dct):
    article = make_article("prop.txt", text, "utf-8", {}, default_dct=dct)
    assert "\ud800" not in article.text and len(article.text) == len(text)
    (result,) = work([Task("key", article)])
    _check_result(result)


@given(data=st.binary(max_size=400))
def test_hostile_any_bytes_read_without_raising(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    for suffix in (".txt", ".html", ".jsonl"):
        path = folder / f"x{suffix}"
        path.write_bytes(data)
        for item in read_path(path):
            if isinstance(item, ReadError):
                assert item.error and item.message
            else:
                assert item.text and item.encoding


@given(text=texts)
def test_hostile_any_jsonl_text_round_trips(tmp_path_factory, work, text):
    path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl"
    path.write_text(json.dumps({"id": "p", "text": text}) + "\n", encoding="utf-8")
    for item in read_path(path):
        if isinstance(item, ReadError):
            assert item.error in {"EmptyText", "MissingText"}
            continue
        _check_result(work([Task("k", item)])[0])


@pytest.mark.parametrize(
    "data, encoding",
    [("Plain ASCII in UTF-16 without a mark, said the BBC.".encode("utf-16-le"), "utf-16-le"),
     ("Plain ASCII in UTF-16 without a mark, said the BBC.".encode("utf-16-be"), "utf-16-be")],
)
def test_hostile_utf16_without_bom(data, encoding):
    text, used = decode(data)
    assert used == encoding and text.startswith("Plain ASCII")


def _hostile_copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "hostile"
    shutil.copytree(HOSTILE, corpus)
    with open(corpus / "single-line-20mb.txt", "w", encoding="utf-8") as fh:
        sentence = "The committee said the figures for 2019 were revised twice. "
        fh.write(sentence * (20 * 2**20 // len(sentence)))
    with open(corpus / "quotes-50k-one-line.txt", "w", encoding="utf-8") as fh:  # 1.36 MB, 50,400 marks, one line
        fh.write('"We have a plan for it," the minister said on Monday. ' * 25_200)
    (corpus / "vanishes.txt").write_text("This file is removed after listing.")
    (corpus / "unreadable.txt").write_text("Nobody may read this file.")
    return corpus


def test_hostile_folder_every_good_article_processed_every_bad_one_listed(cli, tmp_path, monkeypatch):
    import claimpipe.run.extract as extract_mod

    corpus = _hostile_copy(tmp_path)
    real_list = extract_mod.list_inputs

    def list_then_remove(paths):
        files = real_list(paths)
        (corpus / "vanishes.txt").unlink()
        return files

    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "unreadable.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(extract_mod, "list_inputs", list_then_remove)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    result = cli("extract", corpus, "--out", out, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    docs = {Path(d["source"]).name: d for d in map(json.loads, (out / "documents.jsonl").read_text().splitlines())}
    records = list(map(json.loads, (out / "errors.jsonl").read_text().splitlines()))
    errors = {Path(e["source"]).name: e for e in records if e["level"] == "error"}
    warnings = {Path(e["source"]).name: e for e in records if e["level"] == "warning"}
    assert set(docs) == {
        "bidi-zero-width.txt", "cp1252-curly-quotes.txt", "crlf-mixed-control.txt", "feed-broken-line.jsonl:1",
        "feed-broken-line.jsonl:3", "feed-broken-line.jsonl:4", "html-in-plain-text.txt", "latin1.txt",
        "long-line-50k.txt", "nul-and-controls.txt", "quote-marks-10000.txt", "quotes-50k-one-line.txt",
        "utf16-bom.txt",
    }
    # what was repaired while reading is a warning, the article kept; nothing lost to an internal error
    assert {name: (w["stage"], w["error"]) for name, w in warnings.items()} == {
        "crlf-mixed-control.txt": ("read", "TextRepaired"), "feed-broken-line.jsonl:4": ("read", "TextRepaired"),
        "nul-and-controls.txt": ("read", "TextRepaired"),
    }
    assert docs["nul-and-controls.txt"]["text"].startswith("Scraped page\nThe mayor  of Oslo said on Monday")
    assert "\u202e" in docs["nul-and-controls.txt"]["text"]  # bidi controls are text, not debris: kept
    assert len(docs["quotes-50k-one-line.txt"]["quotes"]) == 25_200
    assert {name: e["error"] for name, e in errors.items()} == {
        "binary-garbage.txt": "DecodeError", "empty.txt": "EmptyFile", "feed-broken-line.jsonl:2": "JSONDecodeError",
        "feed-broken-line.jsonl:5": "MissingText", "script-no-body.html": "DecodeError",
        "single-line-20mb.txt": "TooLong", "vanishes.txt": "FileNotFoundError", "unreadable.txt": "PermissionError",
    }
    assert "line 2" in errors["feed-broken-line.jsonl:2"]["message"]
    assert docs["latin1.txt"]["text"].startswith("Café owners protest in Zürich")
    assert docs["utf16-bom.txt"]["encoding"] == "utf-16" and "Geneva" in docs["utf16-bom.txt"]["text"]
    assert "“We will not cut schools,”" in docs["cp1252-curly-quotes.txt"]["text"]
    assert docs["feed-broken-line.jsonl:4"]["warnings"] and "\ufffd" in docs["feed-broken-line.jsonl:4"]["text"]
    assert "8 errors, 3 warnings" in result.output


def test_hostile_strict_mode_exit_code(cli, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Good\nThe mayor of Oslo said 3 schools closed in 2020.\n")
    (corpus / "empty.txt").write_bytes(b"")
    assert cli("extract", corpus, "--out", tmp_path / "o", "--workers", 0, "--quiet").exit_code == 0
    strict = cli("extract", corpus, "--out", tmp_path / "o", "--workers", 0, "--quiet", "--strict")
    assert strict.exit_code == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_hostile_real_unreadable_file(cli, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "locked.txt").write_text("Locked\nSecret text from 2019.\n")
    (corpus / "locked.txt").chmod(0)
    result = cli("extract", corpus, "--out", tmp_path / "o", "--workers", 0, "--quiet")
    assert result.exit_code == 0
    assert json.loads((tmp_path / "o" / "errors.jsonl").read_text())["error"] == "PermissionError"


def test_hostile_timeout_recorded_and_batch_goes_on(cli, tmp_path, monkeypatch):
    """An article that hangs is stopped after --timeout and recorded; the others are written."""
    import time

    import claimpipe.nlp.assemble as assemble_mod

    real = assemble_mod.assemble

    def slow(article, doc, **kw):
        if "HANG" in article.text:
            time.sleep(60)
        return real(article, doc, **kw)

    monkeypatch.setattr(assemble_mod, "assemble", slow)  # inherited by the forked workers
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"a{i}.txt").write_text(f"Story {i}\nThe port of Oslo handled {i + 2} ships in 2019.\n")
    (corpus / "a2.txt").write_text("Stuck\nHANG forever in 2019.\n")
    out = tmp_path / "o"
    result = cli("extract", corpus, "--out", out, "--workers", 1, "--timeout", 1.5, "--quiet")
    assert result.exit_code == 0
    errors = [json.loads(l) for l in (out / "errors.jsonl").read_text().splitlines()]
    assert [(Path(e["source"]).name, e["stage"], e["error"]) for e in errors] == [("a2.txt", "timeout", "Timeout")]
    docs = [Path(json.loads(l)["source"]).name for l in (out / "documents.jsonl").read_text().splitlines()]
    assert docs == ["a0.txt", "a1.txt", "a3.txt"]
