"""Long articles: a one-line article full of quotation marks goes through ``claimpipe extract`` whole.

Each claimpipe step costs about the same per word at any length (``benchmarks/bench_length.py`` measures it);
this checks the records of such an article, not its time.
"""

import json

from claimpipe.nlp.assemble import check_offsets
from claimpipe.schema import ClaimRecord, DocumentRecord


def _quote_line(sentences: int) -> str:
    """One line of ``sentences`` pairs of sentences, each pair with two quotes (four quotation marks)."""
    return " ".join(f'"We open school {i}," Lee said. "Not yet," Kim answered.' for i in range(sentences)) + "\n"


def test_length_one_line_article_with_many_quote_marks_gives_its_quotes(cli, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    text = _quote_line(2_600)
    assert text.count('"') == 10_400 and "\n" not in text[:-1]
    (corpus / "quotes-one-line.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "o"
    result = cli("extract", corpus, "--out", out, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    assert (out / "errors.jsonl").read_text() == ""  # no timeout, no error
    (line,) = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    document = DocumentRecord.model_validate_json(line)
    claims = [ClaimRecord.model_validate_json(c) for c in (out / "claims.jsonl").read_text().splitlines()]
    assert document.text == text and not check_offsets(document, claims)
    direct = [q for q in document.quotes if q.kind == "direct"]
    assert len(direct) == 2 * 2_600  # every quote, in order, with its cue and speaker
    assert [q.text for q in direct[:2]] == ["We open school 0,", "Not yet,"]
    assert direct[-2].text == "We open school 2599,"
    assert [q.start for q in direct] == sorted(q.start for q in direct)
    assert {(q.cue.text, q.speaker.name) for q in direct[0::2]} == {("said", "Lee")}
    assert {(q.cue.text, q.speaker.name) for q in direct[1::2]} == {("answered", "Kim")}
    assert json.loads(line)["quotes"][0]["text"] == document.quotes[0].text
