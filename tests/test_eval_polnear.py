"""The PolNeAR evaluation: brat reading, span matching, scoring and the ``eval polnear`` command."""

from __future__ import annotations

import json

import pytest

from claimpipe.evaluate.datasets import GoldAttribution, read_ann
from claimpipe.evaluate.polnear import score_article, spans_match
from claimpipe.schema import Quote, Speaker
from conftest import EVAL_DATA, needs_shared

TEXT = (
    "“We went there in good faith,” Figueroa told reporters.\n"
    "The governor said that the budget would be balanced by next year.\n"
    "The ad, titled “Scam,” ran on Monday.\n"
)


def _offsets(piece: str) -> tuple[int, int]:
    start = TEXT.index(piece)
    return start, start + len(piece)


def _ann() -> str:
    rows = []
    spans = {
        "T1": ("Content", "“We went there in good faith,”"),
        "T2": ("Source", "Figueroa"),
        "T3": ("Cue", "told"),
        "T4": ("Content", "that the budget would be balanced by next year"),
        "T5": ("Source", "The governor"),
        "T6": ("Cue", "said"),
        "T7": ("Content", "“Scam,”"),
        "T8": ("Source", "The ad"),
        "T9": ("Cue", "titled"),
    }
    for tid, (kind, piece) in spans.items():
        a, b = _offsets(piece)
        rows.append(f"{tid}\t{kind} {a} {b}\t{piece}")
    rows.append("E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3")
    rows.append("E2\tAttribution:T6 Content:T4 Source:T5 Cue:T6")
    rows.append("E3\tAttribution:T9 Content:T7 Source:T8 Cue:T9")
    return "\n".join(rows) + "\n"


@pytest.fixture
def sample(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "article-one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "article-one_ab12.ann").write_text(_ann(), encoding="utf-8")
    # a second annotator's file: ignored (the first in sorted order is used)
    (tmp_path / "attributions" / "article-one_cd34.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_eval_polnear_reads_brat_relations(sample):
    gold = read_ann(sample / "attributions" / "article-one_ab12.ann")
    assert len(gold) == 3
    assert [g.is_direct(TEXT) for g in gold] == [True, False, True]
    assert TEXT[gold[0].source[0][0]:gold[0].source[0][1]] == "Figueroa"


def test_eval_polnear_reads_discontinuous_spans(tmp_path):
    path = tmp_path / "x.ann"
    path.write_text("T1\tContent 0 5;10 15\tab cd\nE1\tAttribution:T1 Content:T1\n", encoding="utf-8")
    (g,) = read_ann(path)
    assert g.content == [(0, 5), (10, 15)] and g.source == []


@pytest.mark.parametrize(
    "a,b,match",
    [
        ([(0, 10)], [(0, 10)], True),
        ([(0, 10)], [(5, 30)], True),  # half of the shorter span
        ([(0, 10)], [(6, 30)], False),
        ([(2, 4)], [(0, 5), (10, 15)], True),
        ([(0, 10)], [(20, 30)], False),
    ],
)
def test_eval_polnear_span_match(a, b, match):
    assert spans_match(a, b) is match


def test_eval_polnear_scores_speakers_on_matched_quotes():
    text = "“A long statement here,” Smith said."
    gold = [GoldAttribution(content=[(0, 24)], source=[(25, 30)])]
    right = Quote(text="A long statement here,", start=1, end=23, kind="direct",
                  speaker=Speaker(text="Smith", start=25, end=30, name="Smith"))
    wrong = right.model_copy(update={"speaker": None})
    good = score_article(text, gold, [right], direct_only=True)
    bad = score_article(text, gold, [wrong], direct_only=True)
    assert (good.content.f1, good.speaker.value, good.with_speaker.f1) == (1.0, 1.0, 1.0)
    assert (bad.content.f1, bad.speaker.value, bad.with_speaker.f1) == (1.0, 0.0, 0.0)


def test_eval_polnear_direct_quote_inside_indirect_gold_is_set_aside():
    text = "He said that the plan was “dead on arrival” in the Senate."
    start = text.index("dead")
    gold = [GoldAttribution(content=[(text.index("the plan"), len(text) - 1)], source=[(0, 2)])]
    quote = Quote(text="dead on arrival", start=start, end=start + 15, kind="direct",
                  speaker=Speaker(text="He", start=0, end=2, name="He"))
    direct = score_article(text, gold, [quote], direct_only=True)
    everything = score_article(text, gold, [quote], direct_only=False)
    assert (direct.content.sys_total, direct.set_aside, direct.strict_precision) == (0, 1, 0.0)
    assert (everything.content.precision, everything.speaker.value) == (1.0, 1.0)


def test_eval_polnear_cli_prints_figures(cli, sample, tmp_path):
    errors = tmp_path / "errors.jsonl"
    result = cli("eval", "polnear", sample, "--errors", errors)
    assert result.exit_code == 0, result.output
    out = result.output
    # the direct quote is found with its speaker; the quoted title “Scam” is not a statement
    assert "articles: 1  raised: 0" in out
    assert "direct quotes: P 1.000  R 0.500  F1 0.667  (system 1, gold 2)" in out
    assert "direct quotes overlapping only non-direct gold (left out above): 0; counted as errors: P 1.000" in out
    assert "direct speaker accuracy: 1.000 (1/1)" in out
    assert "all attributions: P 1.000  R 0.667  F1 0.800  (system 2, gold 3)" in out
    assert "all speaker accuracy: 1.000 (2/2)" in out
    dumped = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {(e["type"], e["gold"]) for e in dumped} == {("missed", "“Scam,”")}
    assert {(e["category"], e["cue_lemma"]) for e in dumped} == {("direct, other verb", "title")}
    # the table of errors by category, for direct quotes and for all attributions
    assert "errors by category, all attributions: missed 1, spurious 0, wrong speaker 0" in out
    rows = [line.split() for line in out.splitlines() if line.startswith("  missed")]
    assert rows == [["missed", "direct,", "other", "verb", "1", "title", "1"]] * 2


def test_eval_polnear_error_categories(nlp):
    from claimpipe.evaluate.polnear import Result, categorised, format_errors

    text = "The governor said that the budget would be balanced. Critics, he wrote, hate the plan."
    doc = nlp(text)
    gold = [GoldAttribution(content=[_at(text, "the budget would be balanced")], cue=[_at(text, "said")],
                            source=[_at(text, "The governor")]),
            GoldAttribution(content=[_at(text, "Critics")], cue=[_at(text, "hate")], source=[_at(text, "Critics")])]
    quote = Quote(text="the budget would be balanced", start=_at(text, "the budget")[0],
                  end=_at(text, "balanced")[1], kind="indirect",
                  speaker=Speaker(text="he", name="he", start=_at(text, "he wrote")[0], end=_at(text, "he wrote")[0] + 2))
    errors: list = []
    score_article(text, gold, [quote], direct_only=False, errors=errors)
    result = Result(errors=categorised(doc, errors))
    assert sorted((e["type"], e["category"]) for e in result.errors) == [
        ("missed", "indirect, other verb"), ("wrong speaker", "pronoun")]
    table = format_errors(result)
    assert "errors by category, all attributions: missed 1, spurious 0, wrong speaker 1" in table
    assert any(line.split()[:2] == ["wrong", "speaker"] and "pronoun" in line for line in table.splitlines())


def _at(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def test_eval_polnear_cli_rejects_a_folder_without_data(cli, tmp_path):
    result = cli("eval", "polnear", tmp_path)
    assert result.exit_code == 2
    assert "text/ and attributions/" in result.output


DEV = EVAL_DATA / "polnear" / "dev"


@needs_shared(DEV)
def test_eval_polnear_real_dev_sample(cli):
    result = cli("eval", "polnear", DEV, "--limit", "4")
    assert result.exit_code == 0, result.output
    assert "articles: 4  raised: 0  quotes lost to an internal error: 0" in result.output
    figures = {}
    for line in result.output.splitlines():
        if line.startswith("direct quotes:") or line.startswith("all attributions:"):
            figures[line.split(":")[0]] = float(line.split("F1 ")[1].split()[0])
    assert figures["direct quotes"] >= 0.85
    assert figures["all attributions"] >= 0.55
