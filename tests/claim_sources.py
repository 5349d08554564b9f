"""The claims and claim sources ``claimpipe extract`` gives for an article written for a test (every sentence a
claim): shared by the claim-source tests."""

from __future__ import annotations

import json


def extract_claims(cli, tmp_path, body: str, *options: str) -> list[dict]:
    """The claim records of an article with ``body`` under a title, every sentence a claim (``options``: more
    ``claimpipe extract`` options)."""
    path = tmp_path / "article.txt"
    path.write_text(f"Test article\n\n{body}\n", encoding="utf-8")
    result = cli("extract", path, "--stdout", "--out", tmp_path / "unused", "--min-checkworthiness", "0",
                 "--workers", "0", "--quiet", *options)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def extract_sources(cli, tmp_path, body: str) -> dict[str, str]:
    """Each claim's text and its source: the speaker's name, or ``"author"``."""
    return {c["text"]: (c["source"]["name"] if c["source"]["type"] == "speaker" else "author")
            for c in extract_claims(cli, tmp_path, body)}


def source_starting(got: dict[str, str], prefix: str) -> str:
    """The source of the one claim whose text starts with ``prefix``."""
    found = [k for k in got if k.startswith(prefix)]
    assert found, f"no claim starts with {prefix!r}: {list(got)}"
    return got[found[0]]


def rules_kind(claim: dict) -> str:
    """The kind the rules (with the kind model) gave a claim record: where the kind encoder overruled them, its
    evidence item says which ("kind encoder, over the rules' event"); else the record's kind. Tests of a rule's
    category read this; the encoder's call is the record's ``kind``."""
    for ev in claim["kind_evidence"]:
        if ev["reason"].startswith("kind encoder, over the rules' "):
            return ev["reason"].rsplit(" ", 1)[1]
    return claim["kind"]
