"""Fault isolation: an exception inside a component, one rule, one date or one quote costs only that item.

The article is still written with everything else; its record's ``warnings`` name the component and the
error; ``errors.jsonl`` gets a warning-level record; the run summary counts warnings; ``--strict`` fails on
them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NEWSWIRE = (
    "Markets slide as oil jumps\n"
    "The Dow Jones was down 2.62% at 16:08 UTC on Monday, after oil rose 4% in London.\n"
    "\"We expect a volatile week,\" said Janet Moore, chief strategist at Meridian Capital in New York.\n"
    "Traders said the selling began in Tokyo on March 3, 2014, when the yen rose against the dollar.\n"
)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "in" / "wire.txt"
    path.parent.mkdir()
    path.write_text(NEWSWIRE, encoding="utf-8")
    return path


def _run(cli, article, out, *extra):
    return cli("extract", article, "--out", out, "--workers", 0, "--quiet", "--dct", "2014-03-04", *extra)


def test_faults_newswire_clock_time_is_a_time_and_costs_nothing(cli, article, tmp_path):
    out = tmp_path / "out"
    result = _run(cli, article, out, "--strict")
    assert result.exit_code == 0, result.output
    (doc,) = _records(out / "documents.jsonl")
    times = {d["text"]: d["value"] for d in doc["dates"] if d["type"] == "TIME"}
    assert times == {"16:08 UTC on Monday": "2014-03-03T16:08"}
    assert doc["warnings"] == [] and (out / "errors.jsonl").read_text() == ""
    assert "0 errors, 0 warnings" in result.output


def test_faults_one_rule_raising_costs_only_its_dates(cli, article, tmp_path, monkeypatch):
    from claimpipe import timex

    (rule,) = [r for r in timex.RULES if r.name == "clock_24"]

    def broken(m, ctx):  # the old bug: a group the pattern does not define
        return m["no_such_group"]

    monkeypatch.setattr(rule, "build", broken)
    out = tmp_path / "out"
    result = _run(cli, article, out)
    assert result.exit_code == 0, result.output
    (doc,) = _records(out / "documents.jsonl")
    claims = _records(out / "claims.jsonl")
    assert "16:08" not in {d["text"] for d in doc["dates"]}
    assert ("March 3, 2014", "2014-03-03") in {(d["text"], d["value"]) for d in doc["dates"]}
    assert {e["text"] for e in doc["entities"]} >= {"Janet Moore", "Tokyo", "London"}
    assert [q["speaker"]["name"] for q in doc["quotes"] if q["kind"] == "direct"] == ["Janet Moore"]
    assert claims and doc["claims"] == [c["claim_id"] for c in claims]
    assert len(doc["warnings"]) == 1 and doc["warnings"][0].startswith("claimpipe_dates: IndexError: no such group")
    assert "rule clock_24 at" in doc["warnings"][0]
    (warning,) = _records(out / "errors.jsonl")
    assert warning["level"] == "warning" and warning["stage"] == "extract"
    assert warning["component"] == "claimpipe_dates" and warning["error"] == "IndexError"
    assert warning["source"].endswith("wire.txt")
    assert "1 article read" in result.output and "0 errors, 1 warning" in result.output
    assert "warning " in result.output and "claimpipe_dates: IndexError" in result.output

    strict = _run(cli, article, tmp_path / "strict", "--strict")
    assert strict.exit_code == 3
    assert _records(tmp_path / "strict" / "documents.jsonl")[0]["dates"] == doc["dates"]


def test_faults_one_quote_raising_costs_only_that_quote(cli, article, tmp_path, monkeypatch):
    from claimpipe.nlp.components.quotes import indirect

    real = indirect._one_indirect

    def broken(ctx, tok, taken):  # the reported clause of "Traders said ..." fails; the direct quote does not
        if tok.lower_ == "said":
            raise RuntimeError("broken clause")
        return real(ctx, tok, taken)

    before = tmp_path / "before"
    assert _run(cli, article, before).exit_code == 0
    (clean,) = _records(before / "documents.jsonl")
    assert [q["speaker"]["text"] for q in clean["quotes"] if q["kind"] == "indirect"] == ["Traders"]

    monkeypatch.setattr(indirect, "_one_indirect", broken)
    out = tmp_path / "out"
    result = _run(cli, article, out)
    assert result.exit_code == 0
    (doc,) = _records(out / "documents.jsonl")
    assert [q for q in doc["quotes"] if q["kind"] == "direct"] == [q for q in clean["quotes"] if q["kind"] == "direct"]
    assert [q["speaker"]["name"] for q in doc["quotes"]] == ["Janet Moore"]
    assert doc["entities"] == clean["entities"] and doc["dates"] == clean["dates"]
    assert len(doc["warnings"]) == 1 and "claimpipe_quotes" in doc["warnings"][0]
    assert "broken clause" in doc["warnings"][0] and "0 errors, 1 warning" in result.output


def test_faults_whole_component_raising_keeps_the_rest(cli, article, tmp_path, monkeypatch):
    from claimpipe.nlp.components.quotes import component

    def boom(doc, **kwargs):
        raise MemoryError("no room for quotes")

    monkeypatch.setattr(component, "extract_quotes", boom)
    out = tmp_path / "out"
    result = _run(cli, article, out)
    assert result.exit_code == 0
    (doc,) = _records(out / "documents.jsonl")
    assert doc["quotes"] == [] and doc["entities"] and doc["dates"] and doc["claims"]
    assert doc["warnings"] == ["claimpipe_quotes: MemoryError: no room for quotes"]
    assert _records(out / "errors.jsonl")[0]["component"] == "claimpipe_quotes"


def test_faults_entity_refinement_raising_keeps_the_models_entities(cli, article, tmp_path, monkeypatch):
    from claimpipe.nlp.components import entities

    def boom(doc, tokens, places):
        raise KeyError("gazetteer")

    monkeypatch.setattr(entities, "_refined_spans", boom)
    out = tmp_path / "out"
    assert _run(cli, article, out).exit_code == 0
    (doc,) = _records(out / "documents.jsonl")
    assert "Janet Moore" in {e["text"] for e in doc["entities"]}
    assert doc["warnings"][0].startswith("claimpipe_entities: KeyError")


def test_faults_are_replayed_from_the_cache(cli, article, tmp_path, monkeypatch):
    """A rerun that reuses the cached article reports the same warnings (errors.jsonl is rewritten each run)."""
    from claimpipe.nlp.components.quotes import component

    def boom(doc, **kwargs):
        raise RuntimeError("flaky")

    monkeypatch.setattr(component, "extract_quotes", boom)
    out = tmp_path / "out"
    first = _run(cli, article, out)
    again = _run(cli, article, out)
    assert "1 unchanged, reused" in again.output and "1 warning" in again.output
    assert (out / "errors.jsonl").read_text() != "" and first.exit_code == again.exit_code == 0


def test_faults_nul_in_a_sentence_keeps_the_article(cli, tmp_path):
    path = tmp_path / "in" / "scraped.txt"
    path.parent.mkdir()
    raw = NEWSWIRE.replace("after oil", "after\x00oil").replace("chief ", "chief\x1b")
    path.write_bytes(raw.encode("utf-8"))
    out = tmp_path / "out"
    result = _run(cli, path, out)
    assert result.exit_code == 0
    (doc,) = _records(out / "documents.jsonl")
    assert doc["text"] == NEWSWIRE  # each control replaced by one space: offsets unchanged
    assert doc["warnings"] == ["2 control character(s) (NUL, ESC, ...) replaced by spaces"]
    (warning,) = _records(out / "errors.jsonl")
    assert (warning["level"], warning["stage"], warning["error"]) == ("warning", "read", "TextRepaired")
    assert _run(cli, path, tmp_path / "strict", "--strict").exit_code == 3
