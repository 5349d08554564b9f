"""Two labellers of the same audit articles: ``claimpipe eval agreement`` and ``eval fields --agreed-with``."""

from __future__ import annotations

import copy
import json
import re

import pytest

from claimpipe.evaluate.agreement import agreed_labels, compare, same_source
from claimpipe.evaluate.fields import sha256
from conftest import ROOT

ARTICLE = (
    "Ferry operator adds winter sailings\n"
    "\n"
    "Northway Ferries will add 14 winter sailings to the islands, its chief executive Mairi Lennox said.\n"
    "The route carried 310,000 passengers last year.\n"
    "Ms Lennox called the new timetable a lifeline.\n"
)
SENTENCES = (
    "Northway Ferries will add 14 winter sailings to the islands, its chief executive Mairi Lennox said.",
    "The route carried 310,000 passengers last year.",
    "Ms Lennox called the new timetable a lifeline.",
)


def _span(piece: str) -> dict:
    start = ARTICLE.index(piece)
    return {"start": start, "end": start + len(piece)}


def _first() -> dict:
    s1, s2, s3 = SENTENCES
    return {
        "file": "business/001.txt", "sha256": sha256(ARTICLE),
        "sentences": [dict(_span(s1), checkworthy=True), dict(_span(s2), checkworthy=True),
                      dict(_span(s3), checkworthy=False)],
        "claims": [dict(_span(s1), fragment=False, source=["Mairi Lennox", "Northway Ferries"], kind="attribution"),
                   dict(_span(s2), fragment=False, source="author", kind="quantity"),
                   dict(_span(s3), fragment=False, source="Mairi Lennox", kind="opinion")],
        "quantities": [dict(_span("14"), kind="count", amount=14), dict(_span("310,000"), kind="count", amount=310000)],
        "quantity_scope": [[_span(s)["start"], _span(s)["end"]] for s in SENTENCES],
    }


def _second() -> dict:
    """The same sentences read by another labeller: three disagreements (a sentence's check-worthiness, a kind,
    a quantity's amount), one source written differently but naming the same person."""
    b = copy.deepcopy(_first())
    b["sentences"][1]["checkworthy"] = False
    b["claims"][0]["source"] = "Lennox"  # the same speaker, by surname
    b["claims"][1]["kind"] = "event"
    b["quantities"][1]["amount"] = 31000
    return b


@pytest.mark.parametrize("a, b, same", [
    ("Mairi Lennox", "Lennox", True),
    (["Mairi Lennox", "Northway Ferries"], "northway ferries", True),
    ("author", "author", True),
    ("author", "Lennox", False),
    ("Mairi Lennox", "Mairi", False),  # a first name is not the surname's end
    ("Harwood Mills", "Lister Mills", False),
])
def test_same_source(a, b, same):
    assert same_source(a, b) is same


def test_compare_counts_each_field_and_kappa():
    result = compare([_first()], [_second()])
    assert (result.checkworthy.agreed, result.checkworthy.total) == (2, 3)
    # first labeller: 2 yes / 1 no; second: 1 yes / 2 no; chance = (2*1 + 1*2) / 9, kappa = (6/9 - 4/9) / (5/9)
    assert result.checkworthy.kappa == pytest.approx(0.4)
    assert (result.source.agreed, result.source.total) == (3, 3)
    assert (result.kind.agreed, result.kind.total) == (2, 3)
    assert result.kind.confusions() == [(("event", "quantity"), 1)]
    assert (result.quantities_agreed, result.quantities_first, result.quantities_second) == (1, 2, 2)
    assert result.quantity_agreement == pytest.approx(0.5)
    assert sorted(d["field"] for d in result.disagreements) == ["checkworthy", "kind", "quantity", "quantity"]


def test_agreed_labels_keep_only_what_both_say():
    (merged,) = agreed_labels([_first()], [_second()])
    assert [s["start"] for s in merged["sentences"]] == [_span(SENTENCES[0])["start"], _span(SENTENCES[2])["start"]]
    first, second, third = merged["claims"]
    assert first["source"] == ["Mairi Lennox", "Northway Ferries", "Lennox"] and first["kind"] == "attribution"
    assert "kind" not in second and second["source"] == ["author"]
    assert third["kind"] == "opinion"
    assert [q["amount"] for q in merged["quantities"]] == [14]
    assert merged["quantity_disputed"] == [[_span("310,000")["start"], _span("310,000")["end"]]]


def _two_files(folder):
    """The article under ``folder`` as a BBC folder holds it, and the two labellers' files beside it."""
    (folder / "business").mkdir()
    (folder / "business" / "001.txt").write_text(ARTICLE, encoding="utf-8")
    first, second = folder / "a.jsonl", folder / "b.jsonl"
    first.write_text(json.dumps(_first()) + "\n", encoding="utf-8")
    second.write_text(json.dumps(_second()) + "\n", encoding="utf-8")
    return first, second


def test_eval_agreement_cli_reports_and_writes_disagreements(cli, tmp_path):
    first, second = _two_files(tmp_path)
    out = tmp_path / "disagreements.jsonl"
    result = cli("eval", "agreement", first, second, "--articles", tmp_path, "--disagreements", out)
    assert result.exit_code == 0, result.output
    assert "checkworthy  0.667 (2/3)  kappa 0.400" in result.output
    assert "kind         0.667 (2/3)" in result.output
    assert "kind disagreements: event/quantity 1" in result.output
    assert "quantities   0.500 (1 agreed; 2 in the first file, 2 in the second)" in result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kind = {"field": "kind", "first": "quantity", "second": "event", "text": SENTENCES[1]}
    assert any(kind.items() <= r.items() for r in rows), rows
    assert any(r["field"] == "quantity" and r["text"] == "310,000" for r in rows)


def test_eval_agreement_cli_refuses_files_with_no_common_article(cli, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps(_first()) + "\n", encoding="utf-8")
    other = _second()
    other["sha256"] = sha256(ARTICLE + "changed")
    second.write_text(json.dumps(other) + "\n", encoding="utf-8")
    result = cli("eval", "agreement", first, second)
    assert result.exit_code != 0
    assert "share no article with the same text" in result.output and "text differs" in result.output


def test_eval_fields_agreed_with_scores_only_the_agreed_labels(cli, tmp_path):
    first, second = _two_files(tmp_path)
    args = ("eval", "fields", tmp_path, "--audit", first, "--min-checkworthiness", "0")
    plain, agreed = cli(*args), cli(*args, "--agreed-with", second)
    assert plain.exit_code == 0 and agreed.exit_code == 0, (plain.output, agreed.output)

    def totals(output: str) -> dict[str, int]:
        return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+) accuracy:\s+[\d.]+ \(\d+/(\d+)", output, re.M)}

    def sentences(output: str) -> int:
        return int(re.search(r"sentences: (\d+)", output).group(1))

    assert sentences(plain.output) == 3 and sentences(agreed.output) == 2  # the disputed sentence is left out
    assert totals(agreed.output)["kind"] == totals(plain.output)["kind"] - 1  # the disputed kind is not scored
    assert totals(agreed.output)["source"] == totals(plain.output)["source"]


def test_eval_fields_agreed_with_needs_the_file(cli, tmp_path):
    result = cli("eval", "fields", tmp_path, "--audit", ROOT / "tests" / "data" / "audit" / "fields.jsonl",
                 "--agreed-with", tmp_path / "nope.jsonl")
    assert result.exit_code != 0
    assert "no such audit file" in result.output


SECOND = {n: (ROOT / "tests" / "data" / f"audit_set{n}" / "fields.jsonl",
              ROOT / "tests" / "data" / f"audit_set{n}" / "second.jsonl") for n in range(14, 31)}


@pytest.mark.parametrize("n", sorted(SECOND))
def test_a_second_labelling_has_the_first_ones_articles_and_offsets(n):
    from claimpipe.evaluate.fields import read_audit
    from claimpipe.nlp.components.claims.kinds import KINDS

    first, second = (read_audit(p) for p in SECOND[n])
    assert [(a["file"], a["sha256"]) for a in first] == [(b["file"], b["sha256"]) for b in second]
    for a, b in zip(first, second):
        assert [(s["start"], s["end"]) for s in a["sentences"]] == [(s["start"], s["end"]) for s in b["sentences"]]
        assert [(c["start"], c["end"]) for c in b["claims"]] == [(s["start"], s["end"]) for s in b["sentences"]]
        assert all(isinstance(s["checkworthy"], bool) for s in b["sentences"])
        for c in b["claims"]:
            assert c["fragment"] or (c["kind"] in KINDS and c["source"]), c
        scope = [tuple(r) for r in b["quantity_scope"]]
        assert all(any(x <= q["start"] < q["end"] <= y for x, y in scope) for q in b["quantities"])
        assert not any("text" in x for x in b["sentences"] + b["claims"] + b["quantities"])  # offsets, never words


@pytest.mark.parametrize("n, figures", [
    (14, ["checkworthy  0.968 (212/219)  kappa 0.936", "source       0.983 (171/174)",
          "kind         0.931 (162/174)  kappa 0.912", "quantities   0.982 (56 agreed; 57 in the first file, 57 in the second)"]),
    (15, ["checkworthy  0.900 (181/201)  kappa 0.797", "source       0.969 (188/194)",
          "kind         0.866 (168/194)  kappa 0.832", "quantities   0.961 (62 agreed; 64 in the first file, 65 in the second)"]),
    (16, ["checkworthy  0.994 (167/168)  kappa 0.986", "source       1.000 (167/167)",
          "kind         0.976 (163/167)  kappa 0.968", "quantities   0.987 (37 agreed; 37 in the first file, 38 in the second)"]),
])
def test_two_labellers_agree_as_the_readme_says(cli, n, figures):
    result = cli("eval", "agreement", *SECOND[n])
    assert result.exit_code == 0, result.output
    assert "articles: 12   unaligned sentences or claims: 0" in result.output
    for line in figures:
        assert line in result.output, result.output
