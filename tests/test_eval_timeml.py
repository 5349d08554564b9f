"""TimeML evaluation: reading .tml files, TempEval-3 scoring, and the `claimpipe eval timeml` command."""

from __future__ import annotations

import json
import re

import pytest

from conftest import EVAL_DATA, needs_shared

TBAQ = EVAL_DATA / "tempeval3" / "TBAQ-cleaned"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-11-20" temporalFunction="false" functionInDocument="CREATION_TIME">1998-11-20</TIMEX3></DCT>
<TITLE>Profits &amp; losses</TITLE>
<TEXT>
AT&amp;T <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-11-19" temporalFunction="true" functionInDocument="NONE">yesterday</TIMEX3> that profit rose in <TIMEX3 tid="t2" type="DATE" value="1998-Q3" temporalFunction="true" functionInDocument="NONE">the third quarter</TIMEX3>.

It has grown for <TIMEX3 tid="t3" type="DURATION" value="P3Y" temporalFunction="false" functionInDocument="NONE">three years</TIMEX3>, and it plans to stay for <TIMEX3 tid="t4" type="DURATION" value="PXX" temporalFunction="false" functionInDocument="NONE">a fairly lengthy period</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def cli(runner):
    """The CLI as a user runs it (the eval loads only the components dates need, not the session pipeline)."""
    from claimpipe.cli import app

    def invoke(*args):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def tml_dir(tmp_path):
    folder = tmp_path / "tml"
    folder.mkdir()
    (folder / "test001.tml").write_text(TML, encoding="utf-8")
    return folder


def test_eval_timeml_read_tml_maps_offsets(tml_dir):
    from claimpipe.evaluate.datasets import read_tml

    doc = read_tml(tml_dir / "test001.tml")
    assert doc.dct == "1998-11-20"
    assert doc.text.lstrip().startswith("AT&T said yesterday")
    assert [t.text for t in doc.timexes] == ["yesterday", "the third quarter", "three years", "a fairly lengthy period"]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert [t.value for t in doc.timexes] == ["1998-11-19", "1998-Q3", "P3Y", "PXX"]  # the dct timex is not scored


def test_eval_timeml_match_is_one_to_one():
    from claimpipe.evaluate.datasets import GoldTimex
    from claimpipe.evaluate.timeml import match

    gold = [GoldTimex("a", 0, 10, "DATE", "X"), GoldTimex("b", 20, 30, "DATE", "Y")]
    system = [GoldTimex("a", 5, 25, "DATE", "X"), GoldTimex("b", 22, 30, "DATE", "Y")]
    pairs = match(gold, system)
    matched = [(g.text, s.start) for g, s in pairs if g is not None and s is not None]
    assert sorted(matched) == [("a", 5), ("b", 22)]


def test_eval_timeml_cli_prints_figures(cli, tml_dir, tmp_path):
    errors = tmp_path / "errors.jsonl"
    result = cli("eval", "timeml", tml_dir, "--errors", errors)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 documents, 4 gold TIMEX3, 3 found" in out
    # three of four found, all with the gold extent, type and value
    assert "strict F1 0.857  relaxed F1 0.857  type accuracy 1.000  value accuracy 1.000  value F1 0.857" in out
    duration = next(line for line in out.splitlines() if line.startswith("DURATION"))
    assert re.split(r"\s+", duration)[1:3] == ["2", "1"]
    dumped = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(e["error"], e["gold"]["text"]) for e in dumped] == [("missed", "a fairly lengthy period")]


def test_eval_timeml_cli_rejects_missing_folder(cli, tmp_path):
    result = cli("eval", "timeml", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such folder" in result.output


@needs_shared(TBAQ)
def test_eval_timeml_real_data_sample():
    from claimpipe.evaluate.datasets import tml_files
    from claimpipe.evaluate.timeml import eval_timeml

    files = tml_files(TBAQ / "TimeBank")[:4]
    result = eval_timeml(TBAQ, files=files)
    assert result.documents == 4
    assert result.total.gold > 10
    _, _, relaxed_f1 = result.total.relaxed_prf
    assert relaxed_f1 > 0.8
    assert result.total.value_accuracy > 0.7


@pytest.mark.parametrize(
    "gold, system, same",
    [
        ("2000-W7", "2000-W07", True),
        ("2000-W7-WE", "2000-W07-WE", True),
        ("199X", "199", True),
        ("19XX", "19", True),
        ("1989-11-06T17", "1989-11-06T17:00", True),
        ("P1E", "P10Y", True),
        ("P2Q", "P6M", True),
        ("P2L", "P2000Y", True),
        ("PXE", "PXY", False),  # a vague number of decades is not a vague number of years
        ("1968-XX", "1968", False),  # a less specific value is another value
        ("2000-W17", "2000-W07", False),
        ("1998-W12", "1998-W11", False),
    ],
)
def test_eval_timeml_canonical_value_only_merges_spellings(gold, system, same):
    from claimpipe.evaluate.timeml import canonical_value

    assert (canonical_value(gold) == canonical_value(system)) is same


def test_eval_timeml_counts_exact_and_canonical_values_per_corpus(tmp_path):
    from claimpipe.evaluate.datasets import read_tml
    from claimpipe.evaluate.timeml import TimeMLResult, format_result, score_document
    from claimpipe.schema import TimeExpression

    folder = tmp_path / "tml"
    folder.mkdir()
    (folder / "a.tml").write_text(TML, encoding="utf-8")
    doc = read_tml(folder / "a.tml")
    system = [TimeExpression(text=t.text, start=t.start, end=t.end, type=t.type, value=v)
              for t, v in zip(doc.timexes, ["1998-11-19", "1998-Q3", "P3Y", "P1E"])]
    doc.timexes[3].value = "P10Y"  # the gold says it the long way
    result = TimeMLResult()
    score_document(doc, system, result, corpus="Sub")
    assert result.total.value_ok == 4 and result.total.value_exact == 3
    assert result.by_corpus["Sub"].value_ok == 4
    out = format_result(result)
    assert any(line.startswith("Sub ") for line in out.splitlines())
    assert "value F1 1.000  (value F1 on exact strings 0.750)" in out
