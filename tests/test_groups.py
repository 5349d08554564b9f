"""Repeated claims across articles (issue 19): ``group_id`` in claims.jsonl, the same whatever the number of
workers, kept when later runs add members; ``claim_groups`` and ``claims.group_id`` in the load databases
(SQLite and PostgreSQL); the claims desk reading the records' groups, its group decisions reaching members
added by a later run."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from claimpipe.run import groups as G
from claimpipe.store import database as cdb
from test_db import pg_admin, pg_url  # noqa: F401 - fixtures are used by name

SILVA = ('"Exports of wheat from Chile rose by 12 percent in 2023 to reach 4 billion dollars," '
         "Finance Minister Ana Silva said on Monday.")
BANK = "The central bank said that inflation in Chile fell to 3.9 percent in February, its lowest level since 2021."


def article(title: str, date: str, *paragraphs: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n{title}\n\n" + "\n\n".join(paragraphs) + "\n"


A = article("Chile's wheat trade", "2024-03-01", SILVA, BANK,
            "Farmers in the south planted 20 percent more wheat this year than last year, according to the "
            "agriculture ministry.")
B = article("Markets in Santiago", "2024-03-05", SILVA, BANK,
            "Copper prices climbed by 8 percent in the first week of March, traders in Santiago said.")
# dated before the other two: named after its earliest copy, the group would change its id
C = article("An earlier report", "2024-02-20", SILVA,
            "Unemployment in Peru rose to 7 percent in January, the statistics office said.")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    return folder


def claims(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]


def by_text(out: Path) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for c in claims(out):
        found.setdefault(c["text"].split(",")[0], []).append(c)
    return found


def extract(cli, corpus: Path, out: Path, *more):
    result = cli("extract", corpus, "--out", out, "--quiet", *more)
    assert result.exit_code == 0, result.output
    return result


def test_groups_in_claims_jsonl_stable_across_workers_and_later_runs(cli, corpus, tmp_path):
    out = tmp_path / "ann"
    extract(cli, corpus, out, "--workers", "0")
    texts = by_text(out)
    silva, bank = texts[SILVA.split(",")[0]], texts[BANK.split(",")[0]]
    assert len(silva) == len(bank) == 2 and len({c["doc_id"] for c in silva}) == 2
    gid = silva[0]["group_id"]
    assert gid and gid.startswith("g") and {c["group_id"] for c in silva} == {gid}
    assert bank[0]["group_id"] and {c["group_id"] for c in bank} == {bank[0]["group_id"]} != {gid}
    singles = [c for c in claims(out) if c["text"] not in {x["text"] for x in silva + bank}]
    assert singles and all(c["group_id"] is None for c in singles)  # a claim alone is in no group
    assert all(list(c)[-1] == "group_id" for c in claims(out))  # an added field, the others untouched
    first = (out / "claims.jsonl").read_bytes()

    # two workers, a fresh folder, and again over the first: the same bytes
    extract(cli, corpus, tmp_path / "two", "--workers", "2")
    assert (tmp_path / "two" / "claims.jsonl").read_bytes() == first
    extract(cli, corpus, out, "--workers", "2", "--full")
    assert (out / "claims.jsonl").read_bytes() == first

    # a later run adds an article with a third, earlier-dated copy: it joins the group, whose id stays
    (corpus / "c.txt").write_text(C, encoding="utf-8")
    result = extract(cli, corpus, out, "--workers", "0")
    assert "2 groups of repeated claims" in result.output
    silva = by_text(out)[SILVA.split(",")[0]]
    assert len(silva) == 3 and {c["group_id"] for c in silva} == {gid}
    assert {c["group_id"] for c in by_text(out)[BANK.split(",")[0]]} == {bank[0]["group_id"]}
    # without the previous ids the group would be named after the new, earliest copy: the test can tell
    earliest = next(c for c in silva if c["doc_id"] not in {x["doc_id"] for x in texts[SILVA.split(",")[0]]})
    assert gid != "g" + earliest["claim_id"]
    # a fresh folder has no previous ids: there it is named after the earliest copy
    extract(cli, corpus, tmp_path / "fresh", "--workers", "0")
    assert {c["group_id"] for c in by_text(tmp_path / "fresh")[SILVA.split(",")[0]]} == {"g" + earliest["claim_id"]}


def test_groups_split_off_in_the_desk_stay_apart_in_claims_jsonl(cli, corpus, tmp_path):
    from claimpipe.review.desk import open_desk, split

    out = tmp_path / "ann"
    extract(cli, corpus, out, "--workers", "0")
    silva = by_text(out)[SILVA.split(",")[0]]
    desk = open_desk(out)
    assert split(desk, silva[1]["claim_id"], reviewer="ana", when="2026-01-02T03:04:05Z") is not None
    desk.close()
    extract(cli, corpus, out, "--workers", "0")
    assert [c["group_id"] for c in by_text(out)[SILVA.split(",")[0]]] == [None, None]  # a group of one is none
    assert by_text(out)[BANK.split(",")[0]][0]["group_id"] is not None


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_groups_load_fills_claim_groups_and_claims_group_id(cli, corpus, tmp_path, request, backend):
    out = tmp_path / "ann"
    (corpus / "c.txt").write_text(C, encoding="utf-8")
    extract(cli, corpus, out, "--workers", "0")
    url = f"sqlite:///{tmp_path / 'load.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    result = cli("load", out, "--db", url)
    assert result.exit_code == 0, result.output
    assert "2 groups of repeated claims in claim_groups" in result.output
    records = claims(out)
    documents = {json.loads(line)["doc_id"]: json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()}
    db = cdb.Database(url)
    try:
        assert dict(db.query("SELECT claim_id, group_id FROM claims")) == {c["claim_id"]: c["group_id"] for c in records}
        rows = {r[0]: r[1:] for r in db.query(
            "SELECT group_id, members, documents, claim_id, text, first_dct, last_dct FROM claim_groups")}
    finally:
        db.close()
    expected = {}
    for gid in {c["group_id"] for c in records} - {None}:
        members = sorted((c for c in records if c["group_id"] == gid),
                         key=lambda c: (documents[c["doc_id"]]["dct"], c["doc_id"], c["start"]))
        dates = [documents[c["doc_id"]]["dct"] for c in members]
        expected[gid] = (len(members), len({c["doc_id"] for c in members}), members[0]["claim_id"],
                         members[0]["text"], min(dates), max(dates))
    assert rows == expected and len(rows) == 2
    assert rows[by_text(out)[SILVA.split(",")[0]][0]["group_id"]][:2] == (3, 3)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_groups_extract_db_writes_the_groups_at_the_end_of_the_run(cli, corpus, tmp_path, request, backend):
    out = tmp_path / "ann"
    url = f"sqlite:///{tmp_path / 'stream.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    extract(cli, corpus, out, "--workers", "0", "--db", url)
    (corpus / "c.txt").write_text(C, encoding="utf-8")
    extract(cli, corpus, out, "--workers", "0", "--db", url)
    db = cdb.Database(url)
    try:
        held = dict(db.query("SELECT claim_id, group_id FROM claims"))
        groups = dict(db.query("SELECT group_id, members FROM claim_groups"))
    finally:
        db.close()
    records = claims(out)
    assert held == {c["claim_id"]: c["group_id"] for c in records}
    assert groups == {gid: sum(c["group_id"] == gid for c in records) for gid in {c["group_id"] for c in records} - {None}}
    assert sorted(groups.values()) == [2, 3]


def test_groups_desk_agrees_and_its_decision_reaches_a_member_added_later(cli, corpus, tmp_path):
    from claimpipe.review import queue as Q
    from claimpipe.review.desk import decide, open_desk

    out = tmp_path / "ann"
    extract(cli, corpus, out, "--workers", "0")
    desk = open_desk(out)
    in_records = {c["claim_id"]: c["group_id"] for c in claims(out) if c["group_id"]}
    assert dict(desk.query("SELECT claim_id, group_id FROM desk_groups")) == in_records
    gid = by_text(out)[SILVA.split(",")[0]][0]["group_id"]
    decide(desk, gid, decision="accept", verdict="false", reviewer="ana", when="2026-01-02T03:04:05Z")
    desk.close()
    (corpus / "c.txt").write_text(C, encoding="utf-8")
    extract(cli, corpus, out, "--workers", "0")
    newcomer = next(c for c in by_text(out)[SILVA.split(",")[0]] if c["claim_id"] not in in_records)
    assert newcomer["group_id"] == gid
    desk = open_desk(out)
    try:
        assert desk.query("SELECT group_id, decision, verdict, own, inherited FROM desk_claims WHERE claim_id = ?",
                          (newcomer["claim_id"],)) == [(gid, "accept", "false", 0, 1)]  # "seen before: false"
        assert Q.page(desk, Q.Filters(status="seen"))[2] == 1
        assert dict(desk.query("SELECT claim_id, group_id FROM desk_groups")) == \
            {c["claim_id"]: c["group_id"] for c in claims(out) if c["group_id"]}
    finally:
        desk.close()
    # the exports carry it too: the group's decision on the newcomer, its own none
    # (one decision per member at one time: the latest is the one of the greater claim id, as in the desk)
    decided = max(c["claim_id"] for c in by_text(out)[SILVA.split(",")[0]] if c["claim_id"] in in_records)
    result = cli("export", out, "--format", "prodigy")
    assert result.exit_code == 0, result.output
    tasks = {t["claim_id"]: t for t in map(json.loads, result.stdout.splitlines())}
    assert tasks[newcomer["claim_id"]]["meta"]["seen_before"] == {"decision": "accept", "verdict": "false",
                                                                  "claim_id": decided}
    assert "answer" not in tasks[newcomer["claim_id"]]
    assert [cid for cid, t in tasks.items() if "seen_before" in t["meta"]] == [newcomer["claim_id"]]
    result = cli("export", out, "--format", "labelstudio")
    assert result.exit_code == 0, result.output
    seen = {cid: v for t in json.loads(result.stdout) for cid, v in t["data"].get("seen_before", {}).items()}
    assert list(seen) == [newcomer["claim_id"]] and seen[newcomer["claim_id"]]["verdict"] == "false"


# ------------------------------------------------------------------------------------------ ids, no model

TEXTS = ["Exports rose by 12 percent in 2023, the minister said.",
         "The minister said exports rose by 12 percent in 2023.",
         "Wheat output in Chile fell to 4 billion dollars in May 2003 after the drought.",
         "Wheat output in Chile fell to 4 billion dollars in May 2003 after the long drought."]


def members(n: int, shift: int = 0) -> list[G.Member]:
    return [G.Member(f"c{i:03d}", TEXTS[i % 4], None, (f"2024-{1 + (i + shift) % 12:02d}", f"d{i:03d}", 0))
            for i in range(n)]


def test_groups_ids_kept_when_members_join_even_earlier_ones():
    first = G.group(members(8))
    assert len(set(first.values())) == 2
    later = members(8) + [G.Member("c900", TEXTS[0], None, ("2000-01", "d900", 0))]  # the earliest copy of all
    assert G.group(later)["c000"] == "gc900"  # without previous ids it would name the group
    kept = G.group(later, first)
    assert {k: v for k, v in kept.items() if k != "c900"} == first and kept["c900"] == first["c000"]


def test_groups_ids_do_not_depend_on_order_and_are_a_fixed_point():
    previous = G.group(members(12))
    rng = random.Random(5)
    shuffled = members(12, shift=3)  # other dates: the previous ids still win
    for _ in range(3):
        rng.shuffle(shuffled)
        assert G.group(shuffled, previous) == previous


def test_groups_a_merged_group_keeps_the_id_most_members_had_and_a_split_one_gets_a_new_id():
    previous = {"c1": "gA", "c2": "gA", "c3": "gA", "c4": "gB"}
    same = [G.Member(c, TEXTS[0], None, (str(i),)) for i, c in enumerate(["c1", "c2", "c3", "c4"])]
    assert set(G.group(same, previous).values()) == {"gA"}  # gB's member joined the larger group
    apart = [G.Member("c1", TEXTS[0]), G.Member("c2", TEXTS[0]), G.Member("c3", TEXTS[2]), G.Member("c4", TEXTS[2])]
    ids = G.group(apart, {"c1": "gA", "c2": "gA", "c3": "gA", "c4": "gA"})
    assert ids["c1"] == ids["c2"] == "gA" and ids["c3"] == ids["c4"] == "gc3"


def test_groups_regroup_folder_adds_group_id_to_records_written_before_it(tmp_path):
    from desk_corpus import Sentence, write_article
    from claimpipe.run.regroup import regroup_folder

    out = tmp_path / "ann"
    write_article(out, "doc-a", "a", "2024-03-01", [Sentence(TEXTS[0]), Sentence(TEXTS[2])])
    write_article(out, "doc-b", "b", "2024-03-02", [Sentence(TEXTS[1])])
    lines = (out / "claims.jsonl").read_text().splitlines()
    legacy = [json.dumps({k: v for k, v in json.loads(x).items() if k != "group_id"}) for x in lines]
    (out / "claims.jsonl").write_text("\n".join(legacy) + "\n")  # as an older claimpipe wrote them
    ids = regroup_folder(out)
    records = claims(out)
    assert [r["group_id"] for r in records] == [ids[r["claim_id"]] for r in records]
    assert records[0]["group_id"] == records[2]["group_id"] == "g" + records[0]["claim_id"]
    assert records[1]["group_id"] is None
    again = (out / "claims.jsonl").read_bytes()
    regroup_folder(out)
    assert (out / "claims.jsonl").read_bytes() == again
    assert not list(out.glob(".claims.jsonl.*"))  # no temporary left
    shutil.rmtree(out)
    with pytest.raises(FileNotFoundError):
        regroup_folder(out)


def test_groups_signatures_are_datasketch_minhash_of_each_claim():
    import numpy as np
    from datasketch import MinHash

    from desk_corpus import random_sentence

    rng = random.Random(11)
    sets = [G.tokens(random_sentence(rng).text)[0] for _ in range(3000)] + [(), ("chile",), (), ("wheat", "chile")]
    rng.shuffle(sets)
    mine = G.signatures(sets)
    theirs = [m.hashvalues for m in MinHash.bulk([[w.encode("utf-8") for w in s] for s in sets],
                                                  num_perm=G.NUM_PERM, seed=1)]
    assert mine.shape == (len(sets), G.NUM_PERM) and np.array_equal(mine, np.array(theirs, dtype=np.uint64))
    assert G.signatures([]).shape == (0, G.NUM_PERM)
