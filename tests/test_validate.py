import json

from claimpipe.schema import ClaimRecord, DocumentRecord, json_schema


def test_validate_schema_command_prints_both_record_types(cli):
    result = cli("schema")
    schemas = json.loads(result.stdout)
    assert result.exit_code == 0
    for name in ("document", "claim"):
        assert schemas[name]["additionalProperties"] is False
    doc_fields = set(schemas["document"]["properties"])
    assert {"record_type", "schema_version", "doc_id", "source", "text", "title", "dct", "encoding", "entities",
            "dates", "quotes", "claims"} <= doc_fields
    claim_fields = set(schemas["claim"]["properties"])
    assert {"record_type", "claim_id", "doc_id", "text", "start", "end", "kind", "checkworthiness", "entities",
            "dates", "quotes", "review"} <= claim_fields


def test_validate_every_field_documented():
    for name, schema in json_schema().items():
        for field, spec in schema["properties"].items():
            assert spec.get("description"), f"{name}.{field} has no description"


def test_validate_reports_line_and_field(cli, tmp_path):
    good = DocumentRecord(doc_id="d", source="s", text="Hello Paris", encoding="utf-8", model="m",
                          entities=[{"text": "Paris", "start": 6, "end": 11, "label": "GPE", "canonical": "Paris"}])
    bad_offsets = good.model_copy(deep=True)
    bad_offsets.entities[0].start = 5
    claim = ClaimRecord(claim_id="c", doc_id="d", text="Hello", start=0, end=5, kind="event", checkworthiness=0.5)
    lines = [good.model_dump_json(), bad_offsets.model_dump_json(),
             json.dumps({**json.loads(claim.model_dump_json()), "checkworthiness": 2, "colour": "red"}),
             "{not json", json.dumps({"record_type": "claim"})]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = cli("validate", path)
    assert result.exit_code == 1
    out = result.output
    assert "[2:entities[0]] offset mismatch" in out
    assert "[3:checkworthiness] Input should be less than or equal to 1" in out
    assert "[3:colour] Extra inputs are not permitted" in out
    assert "[4] not JSON" in out
    assert "[5:claim_id] Field required" in out
    assert "[1:" not in out


def test_validate_ok_file(cli, tmp_path):
    claim = ClaimRecord(claim_id="c", doc_id="d", text="Hello", start=0, end=5, kind="event", checkworthiness=0.5)
    path = tmp_path / "claims.jsonl"
    path.write_text(claim.model_dump_json() + "\n")
    result = cli("validate", path)
    assert result.exit_code == 0 and "ok" in result.output
