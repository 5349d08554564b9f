"""The review app, its decisions log and the report.

The browser tests drive the real page in headless Chromium through Playwright, using Debian's
``chromium`` (``/usr/bin/chromium``; Playwright's own browser downloads are not used). They skip,
saying why, when either is missing. The article-page screenshot goes to tests/artifacts/.
"""

from __future__ import annotations

import html
import json
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from claimpipe.review.render import marked_text
from claimpipe.review.server import ReviewServer
from claimpipe.review.store import ReviewStore, load_corpus, make_decision

expect = None  # playwright's, set by the page fixture (playwright may be absent)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

ARTICLES = {
    "exports.txt": (
        "---\ntitle: Pakistan Exports Rise Sharply\nurl: https://news.example.org/pakistan-exports\n"
        "author: Sara Khan\n---\n"
        "Pakistan Exports Rise Sharply\n\n"
        "Pakistan's exports rose by 12 percent in 2023, the finance minister Ishaq Dar said on Monday. "
        "\"We expect to reach $40 billion by next year,\" Dar told reporters in Islamabad.\n\n"
        "Azerbaijan signed a trade agreement with Pakistan in February 2014.\n"
    ),
    "hostile.txt": (
        "Mayor Reports Lower Crime\n\n"
        "Officials in London said 40 people <script>window.__pwned = 1</script> attended the meeting in 2020. "
        "The mayor of Springfield said on 3 March 2021 that <img src=x onerror=\"window.__pwned = 2\"> crime "
        "fell by 20 percent.\n"
    ),
}


def write_articles(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _at(text: str, needle: str, after: str = "") -> dict:
    start = text.index(needle, text.index(after) if after else 0)
    return {"text": needle, "start": start, "end": start + len(needle)}


def build_records(folder: Path, name: str, *, meta: dict, entities=(), dates=(), quotes=(), claims=()) -> None:
    """documents.jsonl and claims.jsonl records of one article, built with the schema (no model involved).

    Mentions are (needle, ..., after): the first ``needle`` at or after the text ``after``.
    """
    from claimpipe.nlp.assemble import claim_id_for
    from claimpipe.schema import ClaimRecord, ClaimSource, Cue, DocumentRecord, Entity, Quote, Speaker, TimeExpression
    from claimpipe.io.write import record_line

    text = ARTICLES[name].split("---\n", 2)[-1]
    doc_id = f"doc-{name.split('.')[0]}"
    ents = [Entity(**_at(text, n, a), label=label, canonical=n) for n, label, a in entities]
    times = [TimeExpression(**_at(text, n, a), type="DATE", value=v) for n, v, a in dates]
    quos = [Quote(**_at(text, content), kind="direct", speaker=Speaker(**_at(text, who, content), name=full),
                  cue=Cue(**_at(text, cue, content))) for content, who, full, cue in quotes]
    records = []
    for sentence, kind, speaker, cw in claims:
        span = _at(text, sentence)
        inside = lambda items: [m for m in items if m.start >= span["start"] and m.end <= span["end"]]  # noqa: E731
        records.append(ClaimRecord(
            claim_id=claim_id_for(doc_id, sentence), doc_id=doc_id, **span, kind=kind, checkworthiness=cw,
            source=ClaimSource(type="speaker", name=speaker) if speaker else ClaimSource(type="author"),
            entities=inside(ents), dates=inside(times),
            quotes=[q for q in quos if q.start < span["end"] and q.end > span["start"]]))
    doc = DocumentRecord(doc_id=doc_id, source=f"articles/{name}", text=text, encoding="utf-8", model="test",
                         entities=ents, dates=times, quotes=quos, claims=[c.claim_id for c in records], **meta)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "documents.jsonl", "a", encoding="utf-8") as fh:
        fh.write(record_line(doc))
    with open(folder / "claims.jsonl", "a", encoding="utf-8") as fh:
        fh.writelines(record_line(c) for c in records)


@pytest.fixture
def annotations(tmp_path) -> Path:
    """An annotations folder with the two test articles, their marks and claims, and no decisions."""
    out = tmp_path / "annotations"
    build_records(
        out, "exports.txt",
        meta={"title": "Pakistan Exports Rise Sharply", "dct": "2024-05-06", "author": "Sara Khan",
              "url": "https://news.example.org/pakistan-exports"},
        entities=[("Pakistan", "GPE", "\n\n"), ("Ishaq Dar", "PERSON", ""), ("Islamabad", "GPE", ""),
                  ("Azerbaijan", "GPE", ""), ("Pakistan", "GPE", "Azerbaijan")],
        dates=[("2023", "2023", ""), ("Monday", "2024-05-06", ""), ("next year", "2025", ""),
               ("February 2014", "2014-02", "")],
        quotes=[("We expect to reach $40 billion by next year,", "Dar", "Ishaq Dar", "told")],
        claims=[
            ("Pakistan's exports rose by 12 percent in 2023, the finance minister Ishaq Dar said on Monday.",
             "quantity", None, 0.92),
            ("\"We expect to reach $40 billion by next year,\" Dar told reporters in Islamabad.",
             "prediction", "Ishaq Dar", 0.71),
            ("Azerbaijan signed a trade agreement with Pakistan in February 2014.", "event", None, 0.45),
        ],
    )
    build_records(
        out, "hostile.txt",
        meta={"title": "Mayor Reports Lower Crime", "dct": "2024-05-06"},
        entities=[("London", "GPE", ""), ("Springfield", "GPE", "")],
        dates=[("2020", "2020", ""), ("3 March 2021", "2021-03-03", "")],
        claims=[
            ("Officials in London said 40 people <script>window.__pwned = 1</script> attended the meeting in 2020.",
             "quantity", "Officials", 0.8),
            ("The mayor of Springfield said on 3 March 2021 that <img src=x onerror=\"window.__pwned = 2\"> "
             "crime fell by 20 percent.", "quantity", None, 0.6),
        ],
    )
    return out


def doc_by_source(folder: Path, name: str) -> tuple[dict, list[dict]]:
    corpus = load_corpus(folder)
    doc_id, doc = next((i, d) for i, d in corpus.documents.items() if d["source"].endswith(name))
    return doc, corpus.claims[doc_id]


@pytest.fixture
def server(annotations):
    srv = ReviewServer(annotations, reviewer="tester")
    srv.start()
    yield srv
    srv.stop()


def request(srv: ReviewServer, path: str, *, data=None, headers=None, method=None):
    req = urllib.request.Request(srv.base + path, data=data, headers=headers or {}, method=method)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req) as res:
            return res.status, dict(res.headers), res.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_decision(srv: ReviewServer, body: dict):
    return request(srv, "/api/decision", data=json.dumps(body).encode(),
                   headers={"X-Claimpipe-Token": srv.token, "Content-Type": "application/json"})


# ------------------------------------------------------------------------------------------ browser


@pytest.fixture
def browser():  # per test: no browser threads linger while extraction forks workers
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install playwright; no `playwright install`)")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    global expect
    from playwright.sync_api import expect
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()


def articles_url(srv: ReviewServer) -> str:
    """The token URL of the list of articles (the front door is the claims desk's queue)."""
    return f"{srv.base}/articles?token={srv.token}"


def open_article(pg, srv: ReviewServer, name: str) -> None:
    pg.goto(articles_url(srv))
    pg.click(f"table.docs tr:has(.src:text-matches('{re.escape(name)}$')) a")
    pg.wait_for_selector("body[data-ready='1']")


def test_review_keyboard_accept_correct_speaker_and_reload(server, page, annotations):
    doc, claims = doc_by_source(annotations, "exports.txt")
    first = claims[0]["claim_id"]
    page.goto(articles_url(server))
    row = page.locator("table.docs tr", has_text="Pakistan Exports Rise Sharply")
    assert row.locator("td.n").first.inner_text() == str(len(claims))
    assert "0/" in row.locator(".done").inner_text()

    open_article(page, server, "exports.txt")
    assert page.locator(".text").inner_text().startswith("Pakistan Exports Rise Sharply")
    page.keyboard.press("j")
    assert page.locator("#ed-text").inner_text() == claims[0]["text"]
    page.keyboard.press("a")
    page.wait_for_selector("#ed-saved.ok")
    assert "st-accept" in page.locator(f"#card-{first}").get_attribute("class")

    page.keyboard.press("s")
    page.keyboard.press("Control+a")
    page.keyboard.type("Ishaq Dar")
    page.keyboard.press("Enter")
    expect(page.locator("#ed-saved")).to_have_text(re.compile("^saved"))
    expect(page.locator(f"#card-{first} .f-source")).to_have_text(re.compile("^Ishaq Dar"))
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review-article.png"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    print(f"\nscreenshot of the article page: {shot}")
    assert shot.stat().st_size > 20_000

    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    card = page.locator(f"#card-{first}")
    assert "st-accept" in card.get_attribute("class")
    assert card.locator(".decision .status").inner_text() == "accepted"
    assert card.locator(".f-source").inner_text().startswith("Ishaq Dar (corrected")
    page.keyboard.press("j")
    assert page.locator("#f-speaker").input_value() == "Ishaq Dar"
    assert page.errors == []

    latest = ReviewStore(annotations / "reviews.jsonl").latest()[first]
    assert latest.decision == "accept" and latest.reviewer == "tester"
    assert [(c.field, c.value) for c in latest.corrections] == [("speaker", "Ishaq Dar")]


def test_review_verdict_keys_and_navigation(server, page, annotations):
    _, claims = doc_by_source(annotations, "exports.txt")
    open_article(page, server, "exports.txt")
    expect(page.locator(".text .tag-ent").first).to_be_visible()
    page.locator(".legend .tg-ent").uncheck()  # layers switch off; keys still work from the checkbox
    expect(page.locator(".text .tag-ent").first).to_be_hidden()
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("j")  # back on the second claim
    page.keyboard.press("2")  # verdict false, which accepts
    page.wait_for_selector("#ed-saved.ok")
    page.keyboard.press("n")
    page.keyboard.type("The ministry's own figures say 9 percent.")
    page.keyboard.press("Escape")
    page.keyboard.press("e")
    page.keyboard.type("https://stats.example.org/exports")
    page.keyboard.press("Enter")
    expect(page.locator("#ed-saved")).to_have_text(re.compile("^saved"))
    expect(page.locator(f"#card-{claims[1]['claim_id']} .evidence")).to_have_text("https://stats.example.org/exports")
    d = ReviewStore(annotations / "reviews.jsonl").latest()[claims[1]["claim_id"]]
    assert (d.decision, d.verdict, d.evidence_url) == ("accept", "false", "https://stats.example.org/exports")
    assert d.note == "The ministry's own figures say 9 percent."
    assert "j / k" in page.locator("footer.keys").inner_text()


def test_review_script_article_shows_as_text(server, page, annotations):
    response = page.goto(server.url)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    open_article(page, server, "hostile.txt")
    text = page.locator(".text").evaluate(  # the article text without the label/value tags
        "n => { const c = n.cloneNode(true); c.querySelectorAll('.tag').forEach(t => t.remove()); return c.textContent; }")
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(".text script, .text img, .panel script, .panel img").count() == 0
    claim_texts = page.locator(".claims .claim-text").all_text_contents()
    assert any("<script>" in t for t in claim_texts)
    page.keyboard.press("j")  # the editor shows the claim through textContent too
    assert "<script>window.__pwned = 1</script>" in page.locator("#ed-text").inner_text()
    page.keyboard.press("n")
    page.keyboard.type("<img src=x onerror=\"window.__pwned = 3\">")
    page.keyboard.press("Control+Enter")
    expect(page.locator(".card.current .note")).to_have_text('<img src=x onerror="window.__pwned = 3">')
    assert page.locator("#editor img, .panel img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []


# ------------------------------------------------------------------------------------------ server


def test_review_token_guards_every_request(server):
    assert request(server, "/")[0] == 403
    assert request(server, "/?token=wrong")[0] == 403
    assert request(server, "/static/review.js")[0] == 403
    status, headers, body = request(server, f"/?token={server.token}")
    # the token is traded for a session cookie (not the token) and the page goes on without it
    assert status == 200 and '<meta name="claimpipe-next" content="/">' in body
    assert server.token not in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    cookie = headers["Set-Cookie"].split(";")[0]
    status, headers, body = request(server, "/", headers={"Cookie": cookie})
    assert status == 200 and "Pakistan Exports Rise Sharply" in body
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    # DNS rebinding: a foreign Host is refused even with the token
    assert request(server, f"/?token={server.token}", headers={"Host": "evil.example:80"})[0] == 403
    # a POST with only the cookie (what a cross-site form could send) is refused
    status, _, _ = request(server, "/api/decision", data=b"{}", headers={"Cookie": cookie})
    assert status == 403


def test_review_bound_to_loopback(server):
    assert server.server_address[0] == "127.0.0.1"
    assert server.port > 0 and server.url.startswith(f"http://127.0.0.1:{server.port}/?token=")


@pytest.mark.parametrize(
    "body, status, message",
    [
        ({"decision": "accept", "verdict": "pants-on-fire"}, 400, "verdict"),
        ({"decision": "maybe"}, 400, "decision"),
        ({"decision": "accept", "evidence_url": "javascript:alert(1)"}, 400, "http"),
        ({"decision": "accept", "claim_id": "no-such-claim"}, 404, "no claim"),
    ],
)
def test_review_api_refuses_bad_decisions(server, annotations, body, status, message):
    _, claims = doc_by_source(annotations, "exports.txt")
    got, _, text = post_decision(server, {"claim_id": claims[0]["claim_id"], **body})
    assert got == status and message in json.loads(text)["error"]
    assert not (annotations / "reviews.jsonl").exists()


def test_review_concurrent_posts_are_all_recorded(server, annotations):
    _, claims = doc_by_source(annotations, "exports.txt")
    results = []

    def post(i: int) -> None:
        claim = claims[i % len(claims)]
        results.append(post_decision(server, {"claim_id": claim["claim_id"], "decision": "accept",
                                              "note": f"note {i}"})[0])

    threads = [threading.Thread(target=post, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 24
    lines = (annotations / "reviews.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 24
    notes = sorted(json.loads(line)["note"] for line in lines)
    assert notes == sorted(f"note {i}" for i in range(24))


# ------------------------------------------------------------------------------------------ store


def test_review_store_latest_wins_and_orphans_are_kept(annotations):
    _, claims = doc_by_source(annotations, "exports.txt")
    store = ReviewStore(annotations / "reviews.jsonl")
    store.append(make_decision(claims[0], decision="accept", verdict="true", reviewer="a"))
    store.append(make_decision(claims[0], decision="reject", reviewer="b"))
    gone = {"claim_id": "0123456789abcdef", "doc_id": claims[0]["doc_id"], "text": "A claim no longer extracted."}
    store.append(make_decision(gone, decision="accept", verdict="misleading", reviewer="a"))
    corpus = load_corpus(annotations)
    assert corpus.decisions[claims[0]["claim_id"]].decision == "reject"
    assert corpus.decisions[claims[0]["claim_id"]].reviewer == "b"
    assert [d.claim_id for d in corpus.orphans()] == ["0123456789abcdef"]
    assert corpus.counts(claims[0]["doc_id"])["orphaned"] == 1


def test_review_store_survives_a_torn_line(annotations):
    _, claims = doc_by_source(annotations, "exports.txt")
    path = annotations / "reviews.jsonl"
    path.write_text('{"record_type": "review", "claim_', encoding="utf-8")  # a crash mid-line
    ReviewStore(path).append(make_decision(claims[0], decision="accept"))
    problems: list[str] = []
    latest = ReviewStore(path).latest(problems)
    assert list(latest) == [claims[0]["claim_id"]] and len(problems) == 1


@pytest.mark.parametrize(
    "speaker, dates, fields",
    [
        (None, None, []),
        ("", None, []),
        ("Ishaq Dar", None, ["speaker"]),
        (None, "as extracted", []),
        (None, ["1999"], ["dates"]),
        ("Ishaq Dar", ["1999"], ["speaker", "dates"]),
    ],
)
def test_review_make_decision_records_only_real_corrections(annotations, speaker, dates, fields):
    _, claims = doc_by_source(annotations, "exports.txt")
    claim = claims[0]
    if dates == "as extracted":
        dates = [d.get("value") or d["text"] for d in claim["dates"]]
    decision = make_decision(claim, decision="accept", speaker=speaker, dates=dates)
    assert [c.field for c in decision.corrections] == fields
    assert decision.claim_text == claim["text"] and decision.doc_id == claim["doc_id"]


def test_review_decision_survives_reextraction(cli, tmp_path):
    articles = write_articles(tmp_path / "articles", {"exports.txt": ARTICLES["exports.txt"]})
    out = tmp_path / "annotations"
    assert cli("extract", articles, "-o", out, "--dct", "2024-05-06").exit_code == 0
    _, claims = doc_by_source(out, "exports.txt")
    assert claims, "extraction found no claim in the test article"
    decided = next((c for c in claims if "12 percent" in c["text"]), claims[-1])
    ReviewStore(out / "reviews.jsonl").append(make_decision(decided, decision="accept", verdict="true"))
    before = (out / "reviews.jsonl").read_bytes()

    # the article gains a paragraph in front: offsets move, ids must not
    text = ARTICLES["exports.txt"].replace("Pakistan Exports Rise Sharply\n\n",
                                           "Pakistan Exports Rise Sharply\n\nMarkets were calm in Karachi.\n\n", 1)
    (articles / "exports.txt").write_text(text, encoding="utf-8")
    assert cli("extract", articles, "-o", out, "--dct", "2024-05-06").exit_code == 0
    assert (out / "reviews.jsonl").read_bytes() == before
    corpus = load_corpus(out)
    again = corpus.claim(decided["claim_id"])
    assert again is not None and again["start"] > decided["start"]
    assert corpus.decisions[decided["claim_id"]].verdict == "true"
    assert corpus.orphans() == []


# ------------------------------------------------------------------------------------------ render and report


@pytest.mark.parametrize(
    "marks",
    [
        {"entities": [{"text": "Dar", "start": 4, "end": 7, "label": "PERSON", "canonical": "Ishaq Dar"}]},
        {"dates": [{"text": "2023", "start": 12, "end": 16, "type": "DATE", "value": "2023"}],
         "entities": [{"text": "in 2023", "start": 9, "end": 16, "label": "DATE", "canonical": "2023"}]},
        {"quotes": [{"text": "b <c> d", "start": 2, "end": 9, "kind": "direct",
                     "speaker": {"text": "Dar", "start": 4, "end": 7, "name": "Ishaq Dar"}}]},
    ],
)
def test_review_marked_text_keeps_every_character(marks):
    text = "a b <c> d & in 2023 \"e\"\nnext line"
    doc = {"text": text, **marks}
    claims = [{"claim_id": "c1", "start": 0, "end": 11}, {"claim_id": "c2", "start": 8, "end": 20}]
    out = marked_text(doc, claims, {})
    no_tags = re.sub(r'<span class="tag[^"]*"[^>]*>.*?</span>', "", out)
    assert html.unescape(re.sub(r"<[^>]+>", "", no_tags)) == text
    assert "<c>" not in out and "&lt;c&gt;" in out


def test_review_report_is_self_contained_and_escaped(cli, annotations, tmp_path):
    _, claims = doc_by_source(annotations, "hostile.txt")
    store = ReviewStore(annotations / "reviews.jsonl")
    store.append(make_decision(claims[0], decision="accept", verdict="misleading",
                               note="Only 12 attended <b>really</b>.", reviewer="checker"))
    gone = {"claim_id": "feedfacecafebeef", "doc_id": claims[0]["doc_id"], "text": "An old claim."}
    store.append(make_decision(gone, decision="reject"))
    out = tmp_path / "report.html"
    result = cli("report", annotations, "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert re.search(r"<script", page, re.I) is None
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;b&gt;really&lt;/b&gt;" in page
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src &#x27;none&#x27;" in page
    assert not re.search(r'<link[^>]+href="(?!data:)|<[a-z]+[^<>]*\ssrc=', page)  # nothing fetched from anywhere
    assert "misleading" in page and "checker" in page
    assert 'class="badge orphaned"' in page and "An old claim." in page
    assert page.count('<section class="doc"') == 2


def test_review_orphaned_decisions_are_shown(server, annotations):
    doc, claims = doc_by_source(annotations, "exports.txt")
    store = ReviewStore(annotations / "reviews.jsonl")
    store.append(make_decision({"claim_id": "aaaa000011112222", "doc_id": doc["doc_id"], "text": "Exports fell."},
                               decision="accept", verdict="false"))
    store.append(make_decision({"claim_id": "bbbb000011112222", "doc_id": "gone", "text": "A vanished article's claim."},
                               decision="reject"))
    auth = {"X-Claimpipe-Token": server.token}
    status, _, body = request(server, f"/doc/{doc['doc_id']}", headers=auth)
    assert status == 200
    card = re.search(r'<li class="claim card orphan[^"]*" data-orphan="aaaa000011112222">.*?</li>', body).group(0)
    assert "Exports fell." in card and "orphaned" in card and "false" in card
    status, _, body = request(server, "/articles", headers=auth)
    assert "A vanished article&#x27;s claim." in body and "2 orphaned decisions" in body
    # an orphan can still be re-decided
    assert post_decision(server, {"claim_id": "aaaa000011112222", "decision": "reject"})[0] == 200
    assert load_corpus(annotations).decisions["aaaa000011112222"].claim_text == "Exports fell."


def test_review_cli_needs_extracted_records(cli, tmp_path):
    result = cli("review", tmp_path)
    assert result.exit_code == 2 and "no documents.jsonl" in result.output


def test_review_decision_from_the_app_is_loaded_by_load(cli, server, annotations, tmp_path):
    import sqlite3

    _, claims = doc_by_source(annotations, "exports.txt")
    body = {"claim_id": claims[0]["claim_id"], "decision": "accept", "verdict": "misleading", "speaker": "Ishaq Dar"}
    assert post_decision(server, body)[0] == 200
    db = tmp_path / "claims.db"
    result = cli("load", annotations, "--db", f"sqlite:///{db}")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT claim_id, decision, verdict, reviewer FROM reviews").fetchall()
    assert rows == [(claims[0]["claim_id"], "accept", "misleading", "tester")]
