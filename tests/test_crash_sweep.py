"""The crash sweep: every text of ../shared/eval-data through ``claimpipe extract``: no error, no component fault.

Every set, not only those the eval commands read: the BBC articles, PolNeAR's texts (train, dev,
annotator-training) and titles, TimeBank + AQUAINT (the text of each TimeML file, with its document date),
the CheckThat! 2024 and ClaimBuster sentences (runs of consecutive sentences as transcripts), the CoNLL-2003
documents, and the sets' own README files. No article may be lost, no component may record a fault (a text
repaired while reading, a control character replaced, is a warning of the read stage and allowed), every
mention must be ``text[start:end]`` and every date value a well-formed TIMEX3 value.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import EVAL_DATA, needs_shared

pytestmark = needs_shared(EVAL_DATA)

TRANSCRIPT = 25  # sentences per generated transcript article

PRONOUNS = frozenset("i me he him she her we us they them you it who whom that which".split())


def _jsonl(path: Path, items) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    return count


def _transcripts(name: str, sentences: list[tuple[int, str]]):
    sentences = sorted(sentences)
    for i in range(0, len(sentences), TRANSCRIPT):
        chunk = sentences[i:i + TRANSCRIPT]
        yield {"id": f"{name}-{chunk[0][0]}", "text": "\n".join(text for _, text in chunk)}


def build_inputs(folder: Path) -> int:
    """Write the sets that are not plain text files as JSONL articles into ``folder``; how many articles."""
    from claimpipe.evaluate.datasets import read_claimbuster, read_conll, read_tml, read_tsv, tml_files

    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    tml = [read_tml(p) for p in tml_files(EVAL_DATA / "tempeval3" / "TBAQ-cleaned")]
    n += _jsonl(folder / "tbaq.jsonl", ({"id": d.name, "text": d.text, "published": d.dct} for d in tml))
    for path in sorted((EVAL_DATA / "checkthat2024-en").glob("*.tsv")):
        n += _jsonl(folder / f"{path.stem}.jsonl", _transcripts(path.stem, [(s.id, s.text) for s in read_tsv(path)]))
    for path in sorted((EVAL_DATA / "claimbuster").glob("*.json")):
        n += _jsonl(folder / f"claimbuster-{path.stem}.jsonl",
                    _transcripts(path.stem, [(s.id, s.text) for s in read_claimbuster(path)]))
    for path in sorted((EVAL_DATA / "conll2003-en").glob("eng.*")):
        docs = ({"id": f"{path.name}-{i}", "text": "\n".join(" ".join(words) for words, _ in doc)}
                for i, doc in enumerate(read_conll(path)))
        n += _jsonl(folder / f"conll-{path.name}.jsonl", docs)
    with open(EVAL_DATA / "polnear" / "metadata.tsv", newline="", encoding="utf-8") as fh:
        titles = [(i, row.get("title") or "") for i, row in enumerate(csv.DictReader(fh, delimiter="\t"))]
    n += _jsonl(folder / "polnear-titles.jsonl", _transcripts("titles", [t for t in titles if t[1].strip()]))
    return n


def _plain_texts() -> int:
    from claimpipe.io.read import list_inputs

    return len(list_inputs([EVAL_DATA]))


@pytest.mark.slow
def test_crash_sweep_every_public_text_extracts_without_error_or_fault(cli, tmp_path):
    from claimpipe.nlp.assemble import check_offsets
    from claimpipe.schema import ClaimRecord, DocumentRecord
    from claimpipe.timex.values import is_valid

    generated = build_inputs(tmp_path / "generated")
    expected = generated + _plain_texts()
    out = tmp_path / "out"
    result = cli("extract", EVAL_DATA, tmp_path / "generated", "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    lost = [r for r in records if r["level"] == "error" or r["stage"] != "read"]
    assert lost == [], lost[:10]  # no article lost, no component fault; text repaired while reading is fine:
    repaired = {r["source"] for r in records}  # a PolNeAR article carries an ESC, kept as a space
    claims: dict[str, list[ClaimRecord]] = {}
    with open(out / "claims.jsonl", encoding="utf-8") as fh:
        for line in fh:
            claim = ClaimRecord.model_validate_json(line)
            claims.setdefault(claim.doc_id, []).append(claim)
    documents = 0
    with open(out / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            doc = DocumentRecord.model_validate_json(line)
            documents += 1
            assert not doc.warnings or doc.source in repaired, (doc.source, doc.warnings)
            assert not check_offsets(doc, claims.get(doc.doc_id, [])), doc.source
            bad = [d for d in doc.dates if d.value is not None and not is_valid(d.type, d.value)]
            assert not bad, (doc.source, bad)
            # a speaker's name is a name: a pronoun is resolved or the name left null (issue 17); "US", "IT" are names
            named = [q.speaker.name for q in doc.quotes if q.speaker is not None and q.speaker.name]
            assert not [n for n in named if n == "I" or (n.lower() in PRONOUNS and not n.isupper())], (doc.source, named)
    assert documents == expected
    assert f"{expected} articles read" in result.output
    assert f"0 errors, {len(records)} warning" in result.output
