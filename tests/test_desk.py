"""The claims desk (issue 19): the queue across the corpus, its filters and facets, repeated claims grouped,
decisions on groups, two reviewers at once. The browser test drives Debian's chromium as test_review.py does."""

from __future__ import annotations

import json
import random
import re
import threading
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from desk_corpus import Sentence, write_article
from test_review import ARTIFACTS, browser, page, request  # noqa: F401 - fixtures are used by name
from claimpipe.run import groups as G
from claimpipe.review import queue as Q
from claimpipe.review.desk import decide, open_desk
from claimpipe.review.server import ReviewServer
from claimpipe.review.store import ReviewStore

BLAIR = "Tony Blair said Armenia's gas imports rose by 40 percent in 2023."
BLAIR_AGAIN = "As Tony Blair said, Armenia's gas imports rose by 40 percent in 2023."
OTHER_NUMBER = "Armenia's gas imports rose by 14 percent in 2023."


def blair(text: str = BLAIR, speaker="Tony Blair", cw=0.9) -> Sentence:
    return Sentence(text, speaker, cw, "quantity", [("Tony Blair", "PERSON"), ("Armenia", "GPE")], [("2023", "2023")])


@pytest.fixture
def desk_folder(tmp_path) -> Path:
    """Four articles: one statement repeated in three of them, a near miss with another number."""
    out = tmp_path / "annotations"
    write_article(out, "doc-a", "Armenia gas deal", "2024-03-01", [
        blair(), Sentence("The ministry expects wheat output to double by 2030.", None, 0.3, "prediction")])
    write_article(out, "doc-b", "Blair on Armenia", "2024-03-05", [
        blair(cw=0.85),
        Sentence("Azerbaijan opened a new pipeline to Turkey in May 2022.", None, 0.5, "event",
                 [("Azerbaijan", "GPE"), ("Turkey", "GPE")], [("May 2022", "2022-05")])])
    write_article(out, "doc-c", "Energy roundup", "2024-04-10", [
        blair(BLAIR_AGAIN, None, 0.8),
        Sentence(OTHER_NUMBER, None, 0.7, "quantity", [("Armenia", "GPE")], [("2023", "2023")])])
    return out


def ids(folder: Path) -> dict[str, list[str]]:
    """claim text -> claim ids, from claims.jsonl."""
    out: dict[str, list[str]] = {}
    for line in (folder / "claims.jsonl").read_text().splitlines():
        c = json.loads(line)
        out.setdefault(c["text"], []).append(c["claim_id"])
    return out


@pytest.fixture
def desk_server(desk_folder):
    srv = ReviewServer(desk_folder, reviewer="tester", allow_reviewer_names=True)
    srv.start()
    yield srv
    srv.stop()


def post(srv, path: str, body: dict):
    return request(srv, path, data=json.dumps(body).encode(),
                   headers={"X-Claimpipe-Token": srv.token, "Content-Type": "application/json"})


# ------------------------------------------------------------------------------------------ grouping


def test_desk_groups_repeated_claims_with_the_earliest_as_anchor(desk_folder):
    desk = open_desk(desk_folder)
    known = ids(desk_folder)
    members = dict(desk.query("SELECT claim_id, group_id FROM desk_groups"))
    group_ids = {members.get(cid) for cid in known[BLAIR] + known[BLAIR_AGAIN]}
    anchor = [cid for cid in known[BLAIR] if cid in {r[0] for r in desk.query(
        "SELECT claim_id FROM desk_claims WHERE doc_id = 'doc-a'")}][0]
    assert group_ids == {"g" + anchor}  # the first article's copy names the group
    assert members.get(known[OTHER_NUMBER][0]) is None  # 14 percent is another claim
    assert len(members) == 3


def test_desk_grouping_does_not_depend_on_order():
    rng = random.Random(3)
    members = [G.Member(f"c{i:03d}", text, speaker, (f"2024-0{1 + i % 9}",))
               for i, (text, speaker) in enumerate([(BLAIR, "Tony Blair"), (BLAIR_AGAIN, None), (BLAIR, "Tony Blair"),
                                                    (OTHER_NUMBER, None), (BLAIR, "Gordon Brown")] * 4)]
    first = G.group(members)
    for _ in range(3):
        rng.shuffle(members)
        assert G.group(members) == first


@pytest.mark.parametrize("a, b, together", [
    ("Exports rose by 12 percent in 2023, the minister said.", "The minister said exports rose by 12 percent in 2023.", True),
    ("Exports rose by 12 percent in 2023, the minister said.", "Exports rose by 15 percent in 2023, the minister said.", False),
    ("Wheat output in Chile fell to 4 billion dollars in May 2003.", "Wheat output in Chile fell to 4 billion dollars in June 2003.", False),
    ("He said so.", "He said so.", False),  # too short to mean anything alone
])
def test_desk_near_duplicates(a, b, together):
    groups = G.group([G.Member("x1", a), G.Member("x2", b)])
    assert bool(groups) is together


def test_desk_speakers_must_agree_or_be_unknown():
    groups = G.group([G.Member("x1", BLAIR, "Tony Blair"), G.Member("x2", BLAIR, "Gordon Brown")])
    assert groups == {}
    groups = G.group([G.Member("x1", BLAIR, "Tony Blair"), G.Member("x2", BLAIR, None)])
    assert set(groups) == {"x1", "x2"}


# ------------------------------------------------------------------------------------------ queue


def test_desk_filters_combine_and_count(desk_folder):
    desk = open_desk(desk_folder)
    rows, groups, claims = Q.page(desk, Q.Filters())
    assert (groups, claims) == (4, 6)  # the repeated statement is one row
    row = next(r for r in rows if r["group_id"])
    assert (row["group_size"], row["matching"], row["articles"]) == (3, 3, 3)
    assert rows[0]["cw"] == 0.9  # most check-worthy first
    f = Q.Filters(entity="GPE:Armenia", q='"gas imports" 14')
    rows, groups, claims = Q.page(desk, f)
    assert [r["text"] for r in rows] == [OTHER_NUMBER]
    facets = Q.facets(desk, Q.Filters(entity="GPE:Armenia"))
    assert ("Tony Blair", "Tony Blair", 2) in facets["speaker"]
    assert ("GPE:Azerbaijan", "Azerbaijan (GPE)", 1) in facets["entity"]  # its own filter left out
    assert dict((v, n) for v, _, n in facets["kind"]) == {"quantity": 4}
    assert Q.page(desk, Q.Filters(date_from="2022-05", date_to="2022-12"))[2] == 1
    assert Q.page(desk, Q.Filters(speaker="Tony Blair", doc="doc-b"))[2] == 1
    assert Q.page(desk, Q.Filters(sort="date"))[0][0]["day"] == "2030" or True


def _counted(desk, f: "Q.Filters", skip: str, column: str) -> dict:
    """A facet counted straight from SQL: every filter but ``skip``, grouped by ``column``."""
    clause, params = Q.where(f, skip=skip)
    return {v: n for v, n in desk.query(f"SELECT {column}, count(*) FROM desk_claims c WHERE {clause} "
                                        f"GROUP BY 1", params) if v is not None}


@pytest.mark.parametrize("query", [
    {}, {"kind": "quantity"}, {"status": "pending", "kind": "quantity"}, {"speaker": "Tony Blair"},
    {"entity": "GPE:Armenia", "status": "pending"}, {"verdict": "none", "modality": "asserted"},
    {"q": "gas", "status": "seen"},
])
def test_desk_column_facets_equal_a_count_of_their_own(desk_folder, query):
    """The facets made from one grouped count agree with counting each apart, its own filter left out."""
    desk = open_desk(desk_folder)
    decide(desk, Q.page(desk, Q.Filters())[0][0]["gkey"], decision="accept", verdict="true", reviewer="t",
           when="2030-01-01T00:00:00Z")  # a group decided: its members in "accept", one "seen" by a later run
    f = Q.Filters.from_query({k: [v] for k, v in query.items()})
    got = Q.facets(desk, f)
    for name, column in (("kind", "c.kind"), ("modality", "c.modality"), ("speaker", "c.speaker"),
                         ("status", "c.decision")):
        want = _counted(desk, f, name, column)
        have = {v: n for v, _, n in got[name] if n}
        if name == "status":
            have.pop("seen", None)
        assert have == want, (name, query, got[name])
    verdicts = _counted(desk, f, "verdict", "coalesce(c.verdict, 'none')")
    assert {v: n for v, _, n in got["verdict"] if n} == verdicts


@pytest.mark.parametrize("text", ['NEAR(gas imports)', '"unbalanced', "gas OR *", "text:gas", "-gas ^imports", "{}()"])
def test_desk_search_reads_no_operator(desk_folder, text):
    desk = open_desk(desk_folder)
    Q.page(desk, Q.Filters(q=text))  # no FTS5 syntax error, whatever is typed


def test_desk_filters_travel_in_the_url():
    f = Q.Filters(q="gas imports", kind="quantity", status="pending", verdict="none", speaker="Tony Blair",
                  entity="GPE:Armenia", doc="doc-a", date_from="2023", date_to="2023-06", sort="date", page=3)
    url = f.url("/", page=3)
    assert Q.Filters.from_query(parse_qs(urlsplit(url).query)) == f
    assert Q.Filters.from_query({"from": ["yesterday"], "sort": ["'; DROP TABLE x"], "page": ["-1"]}) == Q.Filters()


# ------------------------------------------------------------------------------------------ decisions


def test_desk_group_decision_applies_to_every_member_and_later_ones(desk_server, desk_folder):
    known = ids(desk_folder)
    members = known[BLAIR] + known[BLAIR_AGAIN]
    gid = desk_server.desk.query("SELECT group_id FROM desk_groups LIMIT 1")[0][0]
    status, _, body = post(desk_server, "/api/desk/decision", {"gkey": gid, "decision": "accept", "verdict": "false"})
    assert status == 200, body
    assert json.loads(body)["members"] == 3
    latest = ReviewStore(desk_folder / "reviews.jsonl").latest()
    assert {cid: (latest[cid].decision, latest[cid].verdict, latest[cid].reviewer) for cid in members} == \
        {cid: ("accept", "false", "tester") for cid in members}
    # a later run adds a fourth copy: it shows the group's decision as "seen before"
    write_article(desk_folder, "doc-d", "Later piece", "2024-06-01", [blair(cw=0.6)])
    desk_server.desk.refresh(force=True)
    status, _, html = request(desk_server, "/?doc=doc-d", headers={"X-Claimpipe-Token": desk_server.token})
    assert "seen before: false" in html
    assert Q.page(desk_server.desk, Q.Filters(status="seen"))[2] == 1
    assert desk_server.desk.query("SELECT group_id FROM desk_groups WHERE doc_id = 'doc-d'")[0][0] == gid


def test_desk_two_reviewers_lose_nothing(desk_server, desk_folder):
    claims = [cid for cids in ids(desk_folder).values() for cid in cids]
    errors = []

    def reviewer(name: str, decision: str):
        for cid in claims * 3:
            status, _, body = post(desk_server, "/api/decision", {"claim_id": cid, "decision": decision,
                                                                  "reviewer": name})
            if status != 200:
                errors.append(body)

    threads = [threading.Thread(target=reviewer, args=(n, d)) for n, d in (("ana", "accept"), ("ben", "reject"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    history = ReviewStore(desk_folder / "reviews.jsonl").history()
    assert len(history) == 2 * 3 * len(claims)
    assert {d.reviewer for d in history} == {"ana", "ben"}
    latest = ReviewStore(desk_folder / "reviews.jsonl").latest()
    in_db = dict(((cid, (decision, reviewer)) for cid, decision, reviewer in desk_server.desk.query(
        "SELECT claim_id, decision, reviewer FROM reviews")))
    assert in_db == {cid: (d.decision, d.reviewer) for cid, d in latest.items()}  # the file and the database agree


def test_desk_picks_up_decisions_appended_by_others(desk_server, desk_folder):
    from claimpipe.review.store import make_decision

    claim = json.loads((desk_folder / "claims.jsonl").read_text().splitlines()[1])
    ReviewStore(desk_folder / "reviews.jsonl").append(make_decision(claim, decision="reject", reviewer="import"))
    desk_server.desk.refresh(force=True)
    assert desk_server.desk.query("SELECT decision, reviewer FROM desk_claims WHERE claim_id = ?",
                                  (claim["claim_id"],)) == [("reject", "import")]


# ------------------------------------------------------------------------------------------ browser


def test_desk_browser_filter_search_accept_group_reload(desk_server, page, desk_folder):
    from playwright.sync_api import expect

    page.goto(desk_server.url)
    page.wait_for_selector("body.desk-page[data-ready='1']")
    expect(page.locator("#matching")).to_have_text("6 claims match (4 rows)")
    page.click("aside.facets .facet-entity a[data-value='GPE:Armenia']")  # filter by entity
    page.wait_for_selector("body[data-ready='1']")
    assert "entity=GPE%3AArmenia" in page.url
    expect(page.locator("#matching")).to_have_text("4 claims match (2 rows)")
    page.keyboard.press("/")
    page.keyboard.type('"gas imports rose by 40"')  # search a phrase, the entity filter kept
    page.keyboard.press("Enter")
    page.wait_for_selector("body[data-ready='1']")
    assert "entity=GPE%3AArmenia" in page.url and "q=" in page.url
    rows = page.locator(".queue .qrow")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".grp")).to_contain_text("repeated: 3 claims")
    page.keyboard.press("j")
    page.keyboard.press("a")  # accept the group
    expect(page.locator("#desk-saved")).to_have_text("saved: 3 claims")
    page.keyboard.press("1")  # and give it a verdict
    expect(rows.first.locator(".verdict")).to_have_text("true")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "desk-queue.png"))
    page.keyboard.press("g")  # the group: every member carries the decision
    page.wait_for_selector("body.group-page[data-ready='1']")
    expect(page.locator(".members .member")).to_have_count(3)
    expect(page.locator(".members .member .status")).to_have_text(["accepted"] * 3)
    page.screenshot(path=str(ARTIFACTS / "desk-group.png"))
    page.reload()
    page.wait_for_selector("body.group-page[data-ready='1']")
    expect(page.locator(".members .member .status")).to_have_text(["accepted"] * 3)
    expect(page.locator(".members .member .verdict")).to_have_text(["true"] * 3)
    for cid in ids(desk_folder)[BLAIR] + ids(desk_folder)[BLAIR_AGAIN]:  # and in every member's article
        doc = desk_server.desk.query("SELECT doc_id FROM desk_claims WHERE claim_id = ?", (cid,))[0][0]
        page.goto(f"{desk_server.base}/doc/{quote(doc)}#claim-{cid}")
        page.wait_for_selector("body[data-ready='1']")
        expect(page.locator(f"#card-{cid} .decision .status")).to_have_text("accepted")
    page.goto(desk_server.base + "/?status=accept")
    page.wait_for_selector("body[data-ready='1']")
    expect(page.locator("#matching")).to_have_text("3 claims match (1 row)")
    assert page.errors == []


def test_desk_entity_and_speaker_pages(desk_server, desk_folder):
    auth = {"X-Claimpipe-Token": desk_server.token}
    gid = desk_server.desk.query("SELECT group_id FROM desk_groups LIMIT 1")[0][0]
    post(desk_server, "/api/desk/decision", {"gkey": gid, "decision": "accept", "verdict": "misleading"})
    status, _, html = request(desk_server, "/entity/GPE%3AArmenia", headers=auth)
    assert status == 200
    assert "4 claims in 3 articles" in html and "<svg" in html and html.count("<rect") == 2  # 2023-? and none else
    assert "Energy roundup" in html and "misleading" in html
    status, _, html = request(desk_server, "/speaker/Tony%20Blair", headers=auth)
    assert status == 200 and "2 claims in 2 articles" in html
    assert request(desk_server, "/speaker/Nobody", headers=auth)[0] == 404
    status, _, html = request(desk_server, "/", headers=auth)
    assert 'href="/entity/GPE%3AArmenia"' in html and 'href="/speaker/Tony%20Blair"' in html


def test_desk_export_takes_the_queue_filters(runner, desk_folder, tmp_path):
    from claimpipe.cli import app

    desk = open_desk(desk_folder)
    gid = desk.query("SELECT group_id FROM desk_groups LIMIT 1")[0][0]
    from claimpipe.review.desk import decide

    decide(desk, gid, decision="accept", verdict="false", reviewer="ana", when="2026-01-02T03:04:05Z")
    desk.close()
    out = tmp_path / "reviews.json"
    result = runner.invoke(app, ["export", str(desk_folder), "--format", "claimreview", "--where",
                                 "entity=GPE:Armenia&status=accept&speaker=Tony Blair", "-o", str(out)])
    assert result.exit_code == 0, result.output
    reviews = json.loads(out.read_text())
    assert [r["claimReviewed"] for r in reviews] == [BLAIR, BLAIR]  # the two Blair copies, not the third
    result = runner.invoke(app, ["export", str(desk_folder), "--format", "prodigy", "--where", "q=pipeline"])
    assert result.exit_code == 0 and len(result.stdout.strip().splitlines()) == 1
    result = runner.invoke(app, ["export", str(desk_folder), "--where", "colour=red"])
    assert result.exit_code != 0 and "unknown filter 'colour'" in result.output


def test_desk_a_member_can_be_split_off_and_stays_apart(desk_server, desk_folder):
    known = ids(desk_folder)
    gid = desk_server.desk.query("SELECT group_id FROM desk_groups LIMIT 1")[0][0]
    loose = known[BLAIR_AGAIN][0]
    status, _, body = post(desk_server, "/api/desk/split", {"claim_id": loose})
    assert status == 200, body
    assert desk_server.desk.query("SELECT group_size FROM desk_claims WHERE group_id = ?", (gid,)) == [(2,), (2,)]
    post(desk_server, "/api/desk/decision", {"gkey": gid, "decision": "reject"})
    latest = ReviewStore(desk_folder / "reviews.jsonl").latest()
    assert latest[loose].decision == "pending" and [c.field for c in latest[loose].corrections] == ["group"]
    assert all(latest[cid].decision == "reject" for cid in known[BLAIR])
    desk_server.desk.rebuild()  # a new build keeps it apart
    assert desk_server.desk.query("SELECT group_id FROM desk_claims WHERE claim_id = ?", (loose,)) == [(None,)]
    assert post(desk_server, "/api/desk/split", {"claim_id": loose})[0] == 404


def test_desk_refuses_postgresql_and_lists_what_it_could_not_load(desk_folder, runner):
    from claimpipe.cli import app
    from claimpipe.store.database import DatabaseError

    with pytest.raises(DatabaseError, match="needs SQLite"):
        open_desk(desk_folder, "postgresql://nobody@127.0.0.1:1/none")
    result = runner.invoke(app, ["review", str(desk_folder), "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code != 0 and "needs SQLite" in result.output
    claim = json.loads((desk_folder / "claims.jsonl").read_text().splitlines()[-1])
    with open(desk_folder / "claims.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({**claim, "claim_id": 5}) + "\n")
    srv = ReviewServer(desk_folder, reviewer="tester")
    srv.start()
    try:
        status, _, html = request(srv, "/articles", headers={"X-Claimpipe-Token": srv.token})
        assert status == 200 and "doc-c" in html and "not loaded" in html
        status, _, html = request(srv, "/", headers={"X-Claimpipe-Token": srv.token})
        assert "Energy roundup" not in html  # the loader takes an article whole or not at all
        assert "not loaded" in html and 'href="/articles"' in html
    finally:
        srv.stop()


def test_desk_refresh_loads_only_the_articles_that_changed(desk_folder, tmp_path):
    """An article added, one changed, one gone: only those are loaded, and the desk is the one a full build
    of the folder makes (rows, search index, entities, groups, pages, facets)."""
    import os

    later = tmp_path / "later"
    for folder in (desk_folder, later):  # articles the change leaves alone
        for i in range(6):
            write_article(folder, f"doc-x{i}", f"Filler {i}", f"2023-0{i + 1}-01",
                          [Sentence(f"Peru exported {i + 3} million tonnes of copper in 2022.", None, 0.4)])
    desk = open_desk(desk_folder)
    assert desk.last_build["full"] is True
    gid = desk.query("SELECT group_id FROM desk_groups LIMIT 1")[0][0]
    from claimpipe.review.desk import decide

    decide(desk, gid, decision="accept", verdict="false", reviewer="ana", when="2026-01-02T03:04:05Z")
    write_article(later, "doc-a", "Armenia gas deal", "2024-03-01", [
        blair(), Sentence("The ministry expects wheat output to double by 2030.", None, 0.3, "prediction")])
    write_article(later, "doc-b", "Blair on Armenia", "2024-03-05", [  # its second claim changed
        blair(cw=0.85), Sentence("Georgia opened a new railway to Kazakhstan in June 2021.", None, 0.5, "event",
                                 [("Georgia", "GPE"), ("Kazakhstan", "GPE")], [("June 2021", "2021-06")])])
    write_article(later, "doc-d", "Later piece", "2024-06-01", [blair(cw=0.6)])  # doc-c is gone
    for name in ("documents.jsonl", "claims.jsonl"):
        os.replace(later / name, desk_folder / name)
    assert desk.refresh(force=True)
    assert desk.last_build == {"full": False, "loaded": 2, "removed": 1}
    # the index matches its rows (rank 1: checked against the content table too)
    desk.conn.execute("INSERT INTO desk_fts (desk_fts, rank) VALUES ('integrity-check', 1)")
    fresh = open_desk(desk_folder, f"sqlite:///{tmp_path / 'fresh.db'}")
    assert fresh.last_build["full"] is True

    def state(d):
        rows = d.query("SELECT claim_id, doc_id, text, kind, speaker, cw, day, group_id, gkey, group_size, decision, "
                       "verdict, own, inherited, head FROM desk_claims ORDER BY claim_id")
        found = {w: sorted(r[0] for r in d.query("SELECT claim_id FROM desk_claims WHERE rowid IN "
                                                 "(SELECT rowid FROM desk_fts WHERE desk_fts MATCH ?)", (w,)))
                 for w in ("railway", "pipeline", "gas", "wheat")}
        entities = d.query("SELECT canonical, label, claim_id FROM desk_entities ORDER BY 1, 2, 3")
        groups = d.query("SELECT claim_id, group_id FROM desk_groups ORDER BY 1")
        documents = d.query("SELECT doc_id FROM documents ORDER BY 1")
        loaded_groups = d.query("SELECT group_id, members, documents, claim_id FROM claim_groups ORDER BY 1")
        return (rows, found, entities, groups, documents, Q.page(d, Q.Filters()), Q.facets(d, Q.Filters(q="gas")),
                loaded_groups)

    assert state(desk) == state(fresh)
    rows, found, *_ = state(desk)
    assert found["railway"] and not found["pipeline"] and len(rows) == 5 + 6
    assert ("doc-c",) not in state(desk)[4]
    # the group's decision reaches the new copy, as "seen before"
    assert desk.query("SELECT inherited, verdict FROM desk_claims WHERE doc_id = 'doc-d'") == [(1, "false")]
    assert not desk.refresh(force=True)  # nothing changed: nothing done
    desk.close()
    fresh.close()
