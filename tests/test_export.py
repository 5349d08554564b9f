"""``claimpipe export`` and ``claimpipe import``: ClaimReview, Label Studio, Prodigy, doccano."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimpipe.review.store import ReviewStore, load_corpus, make_decision
from claimpipe.schema import ReviewDecision

TEXT = (
    "Wheat Harvest Doubles\n\n"
    "Punjab produced 20 million tonnes of wheat in 2022, the agriculture minister Fatima Shah said on Tuesday. "
    "Exports to China rose by 30 percent in March 2023.\n\n"
    "The World Bank expects prices in Lahore to fall in 2024.\n"
)
SENTENCES = [
    "Punjab produced 20 million tonnes of wheat in 2022, the agriculture minister Fatima Shah said on Tuesday.",
    "Exports to China rose by 30 percent in March 2023.",
    "The World Bank expects prices in Lahore to fall in 2024.",
]


@pytest.fixture
def annotations(tmp_path) -> Path:
    """One article with three claims, built with the schema (no model involved), and no decisions."""
    from claimpipe.nlp.assemble import claim_id_for
    from claimpipe.schema import ClaimRecord, DocumentRecord
    from claimpipe.io.write import write_jsonl

    out = tmp_path / "annotations"
    claims = [
        ClaimRecord(claim_id=claim_id_for("wheat", s), doc_id="wheat", text=s, start=TEXT.index(s),
                    end=TEXT.index(s) + len(s), kind="quantity", checkworthiness=0.8)
        for s in SENTENCES
    ]
    doc = DocumentRecord(doc_id="wheat", source="articles/wheat.txt", text=TEXT, title="Wheat Harvest Doubles",
                         dct="2023-04-04", author="Omar Ali", url="https://news.example.org/wheat",
                         encoding="utf-8", model="test", claims=[c.claim_id for c in claims])
    write_jsonl(out / "documents.jsonl", [doc])
    write_jsonl(out / "claims.jsonl", claims)
    return out


def claims_of(folder: Path) -> list[dict]:
    corpus = load_corpus(folder)
    (claims,) = corpus.claims.values()
    return claims


def test_export_claimreview_carries_schema_org_fields(cli, annotations, tmp_path):
    claims = claims_of(annotations)
    store = ReviewStore(annotations / "reviews.jsonl")
    store.append(make_decision(claims[0], decision="accept", verdict="false", speaker="Fatima Shah",
                               note="The ministry reported 14 million tonnes.",
                               evidence_url="https://stats.example.org/wheat", reviewer="checker"))
    store.append(make_decision(claims[1], decision="accept", reviewer="checker"))  # no verdict: not a review
    store.append(make_decision(claims[2], decision="reject", verdict="true", reviewer="checker"))  # not a claim
    out = tmp_path / "claimreview.json"
    result = cli("export", annotations, "--format", "claimreview", "-o", out,
                 "--url-base", "https://factcheck.example.org/reviews/", "--org", "Example Checks")
    assert result.exit_code == 0, result.output
    (review,) = json.loads(out.read_text(encoding="utf-8"))
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claims[0]["text"]
    assert review["url"] == f"https://factcheck.example.org/reviews/{claims[0]['claim_id']}"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                                      "bestRating": 5, "worstRating": 1}
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Fatima Shah"}  # the corrected speaker
    assert item["datePublished"] == "2023-04-04"
    assert item["appearance"]["url"] == "https://news.example.org/wheat"
    assert review["author"] == {"@type": "Organization", "name": "Example Checks"}
    assert len(review["datePublished"]) == 10 and review["datePublished"][:2] == "20"
    assert review["reviewBody"] == "The ministry reported 14 million tonnes."


@pytest.mark.parametrize(
    "verdict, label, rating",
    [("true", "True", 5), ("misleading", "Misleading", 2), ("unverifiable", "Unverifiable", None)],
)
def test_export_claimreview_rating_per_verdict(cli, annotations, verdict, label, rating):
    claims = claims_of(annotations)
    ReviewStore(annotations / "reviews.jsonl").append(make_decision(claims[0], decision="accept", verdict=verdict))
    result = cli("export", annotations, "--format", "claimreview")
    (review,) = json.loads(result.stdout)
    assert review["reviewRating"]["alternateName"] == label
    assert review["reviewRating"].get("ratingValue") == rating
    # without --url-base nor evidence, the review points at the claim in the article
    assert review["url"] == f"https://news.example.org/wheat#claim-{claims[0]['claim_id']}"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Omar Ali"}  # the article's author


def _spans(fmt: str, data) -> list[tuple[str, int, int, list[str]]]:
    """(text, start, end, labels) of every claim span in an export."""
    if fmt == "labelstudio":
        return [(t["data"]["text"], r["value"]["start"], r["value"]["end"], r["value"]["labels"])
                for t in data for r in t["predictions"][0]["result"]]
    if fmt == "prodigy":
        return [(t["text"], s["start"], s["end"], [s["label"]]) for t in data for s in t["spans"]]
    return [(t["text"], s, e, [label]) for t in data for s, e, label in t["label"]]


def _load(fmt: str, text: str):
    return json.loads(text) if fmt == "labelstudio" else [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("fmt", ["labelstudio", "prodigy", "doccano"])
def test_export_spans_are_character_offsets_of_claims(cli, annotations, fmt):
    claims = claims_of(annotations)
    result = cli("export", annotations, "--format", fmt)
    assert result.exit_code == 0
    spans = _spans(fmt, _load(fmt, result.stdout))
    assert len(spans) == len(claims)
    for (text, start, end, labels), claim in zip(spans, claims):
        assert text[start:end] == claim["text"] and labels == ["CLAIM"]


def _annotate(fmt: str, data, decisions: dict[int, list[str]]):
    """Play the annotator: put labels on the claim spans at the given positions."""
    if fmt == "labelstudio":
        (task,) = data
        result = []
        for i, region in enumerate(task["predictions"][0]["result"]):
            if i in decisions:
                result.append({**region, "id": f"ls-{i}",  # a region id Label Studio made up
                               "value": {**region["value"], "labels": decisions[i]}})
        task["annotations"] = [{"id": 7, "completed_by": {"email": "ann@example.org"}, "result": result,
                                "was_cancelled": False, "updated_at": "2024-02-03T10:00:00.000Z"}]
    elif fmt == "prodigy":
        for i, task in enumerate(data):
            if i in decisions:
                labels = decisions[i]
                task["answer"] = "reject" if "REJECT" in labels else "accept"
                extra = [x for x in labels if x not in ("ACCEPT", "REJECT")]
                if extra:
                    task["verdict"] = extra[0].lower()
                task["_annotator_id"] = "wheat-ann"
    else:
        (line,) = data
        spans = [s for s in line["label"]]
        line["label"] = []
        for i, (start, end, _) in enumerate(spans):
            for label in decisions.get(i, ["CLAIM"]):
                line["label"].append([start, end, label])
    return data


def _dump(fmt: str, data) -> str:
    if fmt == "labelstudio":
        return json.dumps(data)
    return "".join(json.dumps(t) + "\n" for t in data)


@pytest.mark.parametrize("fmt", ["labelstudio", "prodigy", "doccano"])
def test_export_import_round_trip(cli, annotations, tmp_path, fmt):
    claims = claims_of(annotations)
    ReviewStore(annotations / "reviews.jsonl").append(
        make_decision(claims[2], decision="accept", note="kept through the import", reviewer="me"))
    exported = _load(fmt, cli("export", annotations, "--format", fmt).stdout)
    edited = tmp_path / f"edited.{fmt}"
    edited.write_text(_dump(fmt, _annotate(fmt, exported, {0: ["ACCEPT", "FALSE"], 1: ["REJECT"], 2: ["REJECT"]})),
                      encoding="utf-8")

    result = cli("import", annotations, edited, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "3 decisions imported, 0 unchanged" in result.output
    latest = ReviewStore(annotations / "reviews.jsonl").latest()
    assert (latest[claims[0]["claim_id"]].decision, latest[claims[0]["claim_id"]].verdict) == ("accept", "false")
    assert latest[claims[1]["claim_id"]].decision == "reject"
    assert latest[claims[2]["claim_id"]].decision == "reject"
    assert latest[claims[2]["claim_id"]].note == "kept through the import"
    for d in latest.values():
        ReviewDecision.model_validate(d.model_dump())
    if fmt == "labelstudio":
        assert latest[claims[0]["claim_id"]].reviewer == "labelstudio:ann@example.org"
        assert latest[claims[0]["claim_id"]].time.startswith("2024-02-03T10:00")

    # the same file again changes nothing; the export now shows the decisions
    again = cli("import", annotations, edited, "--format", fmt)
    assert "0 decisions imported, 3 unchanged" in again.output
    (line,) = _load("doccano", cli("export", annotations, "--format", "doccano").stdout)
    first = sorted(label for start, end, label in line["label"] if start == claims[0]["start"])
    assert first == ["ACCEPT", "FALSE"]


def test_export_import_reports_spans_matching_no_claim(cli, annotations, tmp_path):
    doc = next(iter(load_corpus(annotations).documents.values()))
    edited = tmp_path / "doccano.jsonl"
    edited.write_text(json.dumps({"text": doc["text"], "label": [[0, 5, "ACCEPT"]]}) + "\n", encoding="utf-8")
    result = cli("import", annotations, edited, "--format", "doccano")
    assert result.exit_code == 0
    assert "0 decisions imported" in result.output and "1 spans matched no claim" in result.output
    assert not (annotations / "reviews.jsonl").exists() or not (annotations / "reviews.jsonl").read_text()


@pytest.mark.parametrize("args, message", [
    (["export", "--format", "csv"], "unknown format"),
    (["import", "x.json", "--format", "claimreview"], "cannot import"),
])
def test_export_cli_refuses_unknown_formats(cli, annotations, args, message):
    args = [args[0], annotations, *args[1:]]
    result = cli(*args)
    assert result.exit_code == 2 and message in result.output


def test_export_claimreview_warns_when_the_article_has_no_date(cli, annotations):
    path = annotations / "documents.jsonl"
    doc = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**doc, "dct": None}) + "\n", encoding="utf-8")
    claims = claims_of(annotations)
    ReviewStore(annotations / "reviews.jsonl").append(make_decision(claims[0], decision="accept", verdict="true"))
    result = cli("export", annotations, "--format", "claimreview")
    assert "1 reviewed claims come from articles without a date" in result.stderr
    (review,) = json.loads(result.stdout)
    assert "datePublished" not in review["itemReviewed"] and review["itemReviewed"]["author"]["name"] == "Omar Ali"


# ------------------------------------------------------------------------------------------ import: wrong shapes (issue 20)


def _exported(cli, annotations, fmt: str, decisions: dict[int, list[str]]) -> list:
    return _annotate(fmt, _load(fmt, cli("export", annotations, "--format", fmt).stdout), decisions)


def _lines(*items) -> str:
    return "".join((item if isinstance(item, str) else json.dumps(item)) + "\n" for item in items)


def _bad_file(cli, annotations, fmt: str, case: str) -> str:
    """A file of ``fmt`` whose first record is good and whose record on line 2 (3 for Label Studio) is not."""
    good = _exported(cli, annotations, fmt, {0: ["ACCEPT"], 1: ["REJECT"]})
    if fmt == "labelstudio":
        task = good[0]
        bad = {
            "list": 5,
            "updated_at": {**task, "annotations": [{**task["annotations"][0], "updated_at": "yesterday"}]},
            "start": {**task, "annotations": [{**task["annotations"][0], "result": [
                {**r, "value": {**r["value"], "start": str(r["value"]["start"])}}
                for r in task["annotations"][0]["result"]]}]},
            "completed_by": {**task, "annotations": [{**task["annotations"][0], "completed_by": {"email": "a\nb"}}]},
        }[case]
        return "[\n" + json.dumps(task) + ",\n" + json.dumps(bad) + "\n]\n"
    first = good[0]
    if fmt == "prodigy":
        bad = {
            "verdict": {**good[1], "verdict": 5},
            "_timestamp": {**good[1], "_timestamp": 1e20},
            "_annotator_id": {**good[1], "_annotator_id": "ann\u202eevil"},
            "spans": {**good[1], "spans": [{"start": 0}]},
            "JSON": "{not json",
        }[case]
        return _lines(first, bad)
    bad = {
        "string": "a doccano string line",
        "label": {**first, "label": [[0, "five", "ACCEPT"]]},
        "list": [1, 2, 3],
    }[case]
    return _lines(first, json.dumps(bad))


@pytest.mark.parametrize("fmt, case, where", [
    ("labelstudio", "list", "line 3"),
    ("labelstudio", "updated_at", "updated_at"),
    ("labelstudio", "start", "start"),
    ("labelstudio", "completed_by", "completed_by"),
    ("prodigy", "verdict", "verdict"),
    ("prodigy", "_timestamp", "_timestamp"),
    ("prodigy", "_annotator_id", "_annotator_id"),
    ("prodigy", "spans", "spans"),
    ("prodigy", "JSON", "not JSON"),
    ("doccano", "string", "line 2"),
    ("doccano", "label", "label"),
    ("doccano", "list", "line 2"),
])
def test_import_of_a_wrongly_shaped_file_names_the_line_and_writes_nothing(cli, annotations, tmp_path, fmt, case, where):
    path = tmp_path / f"bad.{fmt}"
    path.write_text(_bad_file(cli, annotations, fmt, case), encoding="utf-8")
    result = cli("import", annotations, path, "--format", fmt)
    assert result.exit_code == 2, result.output
    line = 3 if fmt == "labelstudio" else 2
    assert f"{path}, line {line}:" in result.output and where in result.output
    assert "Traceback" not in result.output
    assert not (annotations / "reviews.jsonl").exists()


def test_import_labelstudio_top_level_not_a_list_of_tasks(cli, annotations, tmp_path):
    path = tmp_path / "ls.json"
    path.write_text("[1, 2, 3]", encoding="utf-8")
    result = cli("import", annotations, path, "--format", "labelstudio")
    assert result.exit_code == 2 and f"{path}, line 1:" in result.output
    assert not (annotations / "reviews.jsonl").exists()


@pytest.mark.parametrize("reviewer", ["two\nlines", "rtl\u202eoverride", "x" * 300])
def test_import_reviewer_must_be_a_plain_name(cli, annotations, tmp_path, reviewer):
    path = tmp_path / "ok.jsonl"
    path.write_text(_lines(*_exported(cli, annotations, "prodigy", {0: ["ACCEPT"]})), encoding="utf-8")
    result = cli("import", annotations, path, "--format", "prodigy", "--reviewer", reviewer)
    assert result.exit_code == 2 and "reviewer" in result.output
    assert not (annotations / "reviews.jsonl").exists()


def test_import_times_are_normalised_timestamps(cli, annotations, tmp_path):
    claims = claims_of(annotations)
    tasks = _exported(cli, annotations, "prodigy", {0: ["ACCEPT"], 1: ["REJECT"]})
    tasks[0]["_timestamp"] = 1706954400  # 2024-02-03T10:00:00Z
    path = tmp_path / "p.jsonl"
    path.write_text(_lines(*tasks), encoding="utf-8")
    assert cli("import", annotations, path, "--format", "prodigy").exit_code == 0
    latest = ReviewStore(annotations / "reviews.jsonl").latest()
    assert latest[claims[0]["claim_id"]].time == "2024-02-03T10:00:00Z"
    assert latest[claims[0]["claim_id"]].reviewer == "prodigy:wheat-ann"


def test_import_streams_a_large_jsonl_file(cli, annotations, tmp_path):
    import tracemalloc

    tasks = _exported(cli, annotations, "prodigy", {0: ["ACCEPT"]})
    filler = json.dumps({**tasks[1], "answer": "ignore", "meta": {"pad": "x" * 200}}) + "\n"
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for _ in range(12_000_000 // len(filler)):
            fh.write(filler)
        fh.write(json.dumps(tasks[0]) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        result = cli("import", annotations, path, "--format", "prodigy")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0 and "1 decisions imported" in result.output
    assert peak < size / 4, (peak, size)
