"""Hardening of the review app and the report (issue 20): each test failed on the code before the fix.

The app's threat model is in docs/review.md ("Security"). Socket-level tests talk raw HTTP to the
server; a generous socket timeout only keeps a broken server from hanging the suite (no timing is
asserted). The browser test uses Debian's chromium as tests/test_review.py does.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time

import pytest

from test_review import (  # noqa: F401 - fixtures are used by name
    CHROMIUM_ARGS, annotations, browser, doc_by_source, page, post_decision, request, server,
)
from claimpipe.review.render import e, marked_text, safe_url
from claimpipe.review.server import ReviewServer
from claimpipe.review.store import ReviewStore, load_corpus, make_decision

HANG_GUARD = 60  # seconds a socket may wait before the test gives up (not a timing assertion)


def exchange(srv: ReviewServer, path: str = "/") -> tuple[str, str]:
    """Open the printed URL as a browser does: the session cookie ('name=value') and the page's POST key."""
    status, headers, body = request(srv, f"{path}?token={srv.token}")
    assert status == 200, (status, headers)
    cookie = headers["Set-Cookie"].split(";")[0]
    key = re.search(r'<meta name="claimpipe-key" content="([^"]+)"', body)
    assert key, body
    return cookie, key.group(1)


def raw(srv: ReviewServer, data: bytes) -> bytes:
    """Send bytes as they are and read the whole answer (until the server closes)."""
    with socket.create_connection(("127.0.0.1", srv.port), timeout=HANG_GUARD) as s:
        s.sendall(data)
        chunks = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


@pytest.fixture
def started():
    """Start ReviewServers made by the test; stop them all at the end."""
    servers = []

    def start(folder, **options) -> ReviewServer:
        srv = ReviewServer(folder, **options)
        srv.start()
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.stop()


# ------------------------------------------------------------------------------ 1. cookie and POST credential


def test_captured_cookie_reads_but_records_no_decision(server, annotations):
    doc, claims = doc_by_source(annotations, "exports.txt")
    status, headers, _ = request(server, f"/?token={server.token}")
    assert server.token not in headers["Set-Cookie"]
    assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
    cookie, key = exchange(server)
    name, value = cookie.split("=", 1)
    assert str(server.port) in name and value not in (server.token, key)
    # the cookie opens the pages; none of them carries the token or the POST key
    for path in ("/", f"/doc/{doc['doc_id']}", f"/api/doc/{doc['doc_id']}", "/static/review.js"):
        status, _, body = request(server, path, headers={"Cookie": cookie})
        assert status == 200, path
        assert server.token not in body and key not in body, path
    # a captured cookie records no decision: neither as a cookie nor as the header
    body = json.dumps({"claim_id": claims[0]["claim_id"], "decision": "accept"}).encode()
    for headers in ({"Cookie": cookie}, {"X-Claimpipe-Token": value}, {"Cookie": cookie, "X-Claimpipe-Token": value}):
        status, _, _ = request(server, "/api/decision", data=body, headers={**headers, "Content-Type": "application/json"})
        assert status == 403, headers
    assert not (annotations / "reviews.jsonl").exists()
    # the key alone is the POST credential, and opens no page
    assert request(server, "/", headers={"X-Claimpipe-Token": key})[0] == 403
    status, _, _ = request(server, "/api/decision", data=body, headers={"X-Claimpipe-Token": key})
    assert status == 200


def test_cookie_and_key_are_bound_to_the_port(started, annotations):
    a = started(annotations, token="the-same-token-on-both-servers")
    b = started(annotations, token="the-same-token-on-both-servers")
    cookie, key = exchange(a)
    _, value = cookie.split("=", 1)
    _, claims = doc_by_source(annotations, "exports.txt")
    assert request(b, "/", headers={"Cookie": f"claimpipe_session_{b.port}={value}"})[0] == 403
    assert request(b, "/", headers={"Cookie": f"claimpipe_token_{b.port}={value}"})[0] == 403
    body = json.dumps({"claim_id": claims[0]["claim_id"], "decision": "accept"}).encode()
    assert request(b, "/api/decision", data=body, headers={"X-Claimpipe-Token": key})[0] == 403
    assert request(a, "/api/decision", data=body, headers={"X-Claimpipe-Token": key})[0] == 200


# ------------------------------------------------------------------------------ 2. a foreign malformed cookie


@pytest.mark.parametrize("junk", ['a={"x": 1}', "a=b\\c", 'a="x', "novalue", "=x", 'b="a;b"'])
def test_malformed_foreign_cookie_does_not_lock_out(server, junk):
    cookie, _ = exchange(server)
    for header in (f"{junk}; {cookie}", f"{cookie}; {junk}"):
        assert request(server, "/", headers={"Cookie": header})[0] == 200, header


# ------------------------------------------------------------------------------ 3. --open


def test_open_uses_a_one_time_url(annotations, monkeypatch):
    import webbrowser

    import claimpipe.review.server as app

    made, opened = [], []

    class Recorded(app.ReviewServer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app, "ReviewServer", Recorded)
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    thread = threading.Thread(target=app.serve, args=(annotations,),
                              kwargs={"open_browser": True, "announce": lambda line: None}, daemon=True)
    thread.start()
    for _ in range(HANG_GUARD * 20):
        if made and opened:
            break
        time.sleep(0.05)
    srv = made[0]
    try:
        (url,) = opened
        assert url.startswith(srv.base + "/") and srv.token not in url
        path = url[len(srv.base):]
        status, headers, _ = request(srv, path)
        assert status == 200 and "Set-Cookie" in headers
        cookie = headers["Set-Cookie"].split(";")[0]
        assert request(srv, "/", headers={"Cookie": cookie})[0] == 200
        status, _, body = request(srv, path)  # once only
        assert status == 403 and "used" in body
    finally:
        srv.shutdown()
        thread.join(HANG_GUARD)


# ------------------------------------------------------------------------------ 4. idle connections


def test_idle_connection_is_closed(started, annotations):
    srv = started(annotations, idle_timeout=0.5)
    with socket.create_connection(("127.0.0.1", srv.port), timeout=HANG_GUARD) as s:
        assert s.recv(1024) == b""  # closed by the server, not by the guard (which would raise)
    with socket.create_connection(("127.0.0.1", srv.port), timeout=HANG_GUARD) as s:
        s.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n")  # headers never finished
        assert s.recv(1024) == b""


def test_connections_are_capped(started, annotations):
    srv = started(annotations, max_connections=2)
    idle = [socket.create_connection(("127.0.0.1", srv.port), timeout=HANG_GUARD) for _ in range(2)]
    try:
        reply = raw(srv, b"")
        assert reply.startswith(b"HTTP/1.0 503"), reply
    finally:
        for s in idle:
            s.close()
    for _ in range(HANG_GUARD * 20):  # the idle ones' slots come back once they are closed
        try:
            status = request(srv, f"/?token={srv.token}")[0]
        except OSError:
            status = None
        if status == 200:
            break
        time.sleep(0.05)
    assert status == 200


# ------------------------------------------------------------------------------ 5. malformed request lines


@pytest.mark.parametrize("line", [b"GARBAGE", b"A B C D", b"GET / HTTP/1.x", b"GET / FOO/1.0", b"\x16\x03\x01\x02\x00 x y"])
def test_malformed_request_line_gets_400(started, annotations, capfd, line):
    srv = started(annotations, quiet=False)
    reply = raw(srv, line + b"\r\n\r\n")
    assert reply.startswith(b"HTTP/1.0 400 "), reply
    assert b"Content-Security-Policy" in reply
    err = capfd.readouterr().err
    assert "Traceback" not in err and "AttributeError" not in err


def test_log_never_shows_the_token(started, annotations, capfd):
    srv = started(annotations, quiet=False)
    request(srv, f"/?token={srv.token}")
    raw(srv, f"GET /?token={srv.token} HTTP/1.x\r\n\r\n".encode())
    err = capfd.readouterr().err
    assert "GET /" in err and srv.token not in err


# ------------------------------------------------------------------------------ 6. the decision body


def _claim_id(annotations) -> str:
    return doc_by_source(annotations, "exports.txt")[1][0]["claim_id"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"claim_id": ["x"]}, "claim_id"),
        ({"speaker": 5}, "speaker"),
        ({"dates": 5}, "dates"),
        ({"dates": [["2020"]]}, "dates"),
        ({"note": {"a": 1}}, "note"),
        ({"verdict": True}, "verdict"),
        ({"decision": None}, "decision"),
        ({"reviewer": ["x"]}, "reviewer"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_decision_with_wrong_types_is_400_naming_the_field(server, annotations, change, field):
    got, _, text = post_decision(server, {"claim_id": _claim_id(annotations), "decision": "accept", **change})
    assert got == 400, text
    assert field in json.loads(text)["error"]
    assert not (annotations / "reviews.jsonl").exists()


@pytest.mark.parametrize(
    "body, field",
    [
        (b'{"claim_id": "CID", "decision": "accept", "note": "a\\ud800b"}', "note"),
        (b'{"claim_id": "CID", "decision": "accept", "dates": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "JSON"),
        (b'{"claim_id": "CID", "decision": "accept", "note": "\xff"}', "JSON"),
        (b'["CID"]', "object"),
    ],
)
def test_decision_bodies_that_are_not_decisions_are_400(server, annotations, body, field):
    body = body.replace(b"CID", _claim_id(annotations).encode())
    got, _, text = request(server, "/api/decision", data=body, headers={"X-Claimpipe-Token": server.token})
    assert got == 400, text
    assert field in json.loads(text)["error"]
    assert not (annotations / "reviews.jsonl").exists()


@pytest.mark.parametrize("length", [b"abc", b"-5", b"", b"99999999999999999999"])
def test_decision_with_a_bad_content_length_is_refused(server, length):
    head = b"Content-Length: " + length + b"\r\n" if length else b""
    reply = raw(server, b"POST /api/decision HTTP/1.0\r\nHost: 127.0.0.1:" + str(server.port).encode() + b"\r\n"
                + b"X-Claimpipe-Token: " + server.token.encode() + b"\r\n" + head + b"\r\n{}")
    assert re.match(rb"HTTP/1\.0 (400|411|413) ", reply), reply


def test_reviewer_comes_from_the_server_unless_names_are_allowed(started, annotations):
    claim_id = _claim_id(annotations)
    srv = started(annotations, reviewer="tester")
    assert post_decision(srv, {"claim_id": claim_id, "decision": "accept", "reviewer": "mallory"})[0] == 200
    assert ReviewStore(annotations / "reviews.jsonl").latest()[claim_id].reviewer == "tester"
    named = started(annotations, reviewer="tester", allow_reviewer_names=True)
    assert post_decision(named, {"claim_id": claim_id, "decision": "reject", "reviewer": "Sara Khan"})[0] == 200
    assert ReviewStore(annotations / "reviews.jsonl").latest()[claim_id].reviewer == "Sara Khan"
    for bad in ("line\nbreak", "evil\u202eresu", "", " " * 3, "x" * 500):
        got, _, text = post_decision(named, {"claim_id": claim_id, "decision": "accept", "reviewer": bad})
        assert got == 400 and "reviewer" in json.loads(text)["error"], bad
    assert post_decision(named, {"claim_id": claim_id, "decision": "accept"})[0] == 200
    assert ReviewStore(annotations / "reviews.jsonl").latest()[claim_id].reviewer == "tester"


def test_cli_review_has_allow_reviewer_names(runner):
    from claimpipe.cli import app

    result = runner.invoke(app, ["review", "--help"])
    assert "--allow-reviewer-names" in result.output


# ------------------------------------------------------------------------------ 8. bidi controls


SPOOF = "https://example.org/\u202egpj.exe"


def test_bidi_controls_are_shown_visibly():
    assert "\u202e" not in e("abc\u202edef") and "U+202E" in e("abc\u202edef")
    out = marked_text({"text": "Price \u2067rises\u2069 now \u202dx\u202c"}, [{"claim_id": "c", "start": 0, "end": 5}], {})
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", out)
    assert "U+2067" in out and "U+202D" in out


@pytest.mark.parametrize("url", [SPOOF, "https://example.org/\u2066x", "https://exa\u200fmple.org/",
                                 "https://example.org/a\nb", "https://example.org/a b", "http://", "javascript:x"])
def test_urls_with_controls_are_no_links(url):
    assert safe_url(url) is None


def test_evidence_url_with_bidi_controls_is_refused(server, annotations):
    got, _, text = post_decision(server, {"claim_id": _claim_id(annotations), "decision": "accept", "evidence_url": SPOOF})
    assert got == 400 and "evidence_url" in json.loads(text)["error"]


def test_bidi_in_records_is_shown_visibly_in_the_report(cli, annotations, tmp_path):
    _, claims = doc_by_source(annotations, "exports.txt")
    ReviewStore(annotations / "reviews.jsonl").append(
        make_decision(claims[0], decision="accept", note="see \u202eexe.txt", evidence_url=SPOOF))
    out = tmp_path / "report.html"
    assert cli("report", annotations, "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", html)
    assert "U+202E" in html and f'href="{SPOOF}' not in html and "gpj.exe" in html


def test_bidi_in_the_page_is_shown_visibly_in_the_browser(server, page, annotations):
    from test_review import open_article

    _, claims = doc_by_source(annotations, "exports.txt")
    ReviewStore(annotations / "reviews.jsonl").append(make_decision(claims[0], decision="accept", note="old \u202enote"))
    open_article(page, server, "exports.txt")
    page.keyboard.press("j")
    page.keyboard.press("n")
    page.keyboard.press("Control+a")
    page.keyboard.type("fresh \u202eeton")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#ed-saved.ok")
    shown = page.locator("body").inner_text()
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", shown)
    assert "fresh ⟨U+202E⟩eton" in page.locator(".card.current .note").inner_text()
    assert ReviewStore(annotations / "reviews.jsonl").latest()[claims[0]["claim_id"]].note == "fresh \u202eeton"
    # the cookie the browser holds is the session, not the token; no page it opens carries the token
    (cookie,) = page.context.cookies()
    assert cookie["name"] == f"claimpipe_session_{server.port}" and cookie["value"] != server.token
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert server.token not in page.content()
    assert page.errors == []


# ------------------------------------------------------------------------------ 9. foreign records


def test_foreign_claims_are_listed_as_problems_not_a_crash(cli, server, annotations, tmp_path):
    doc, claims = doc_by_source(annotations, "exports.txt")
    with open(annotations / "claims.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({**claims[0], "claim_id": 5}) + "\n")
        fh.write(json.dumps({**claims[1], "claim_id": "zz", "start": "7"}) + "\n")
        fh.write(json.dumps({**claims[2], "claim_id": "yy", "future_field": 1}) + "\n")  # a newer extraction: kept
        fh.write(json.dumps({**claims[2], "claim_id": "xx", "text": "lone \ud800"}) + "\n")
    with open(annotations / "documents.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": ["x"], "text": "t"}) + "\n")
    with open(annotations / "documents.jsonl", "ab") as fh:
        fh.write(b'{"doc_id": "latin-1", "text": "caf\xe9"}\n')
    lines = (annotations / "claims.jsonl").read_text(encoding="utf-8").count("\n")
    corpus = load_corpus(annotations)
    assert f"claims.jsonl:{lines - 3}: [claim_id] Input should be a valid string" in corpus.problems
    assert f"claims.jsonl:{lines - 2}: [start] Input should be a valid integer" in corpus.problems
    assert f"claims.jsonl:{lines}: holds a lone surrogate" in corpus.problems
    assert any(p.startswith("documents.jsonl:3: [doc_id]") for p in corpus.problems)
    assert "documents.jsonl:4: not UTF-8" in corpus.problems
    assert corpus.claim("yy") is not None
    out = tmp_path / "report.html"
    result = cli("report", annotations, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"claims.jsonl:{lines - 3}" in result.output
    html = out.read_text(encoding="utf-8")
    assert f"claims.jsonl:{lines - 3}: [claim_id]" in html and "Pakistan Exports Rise Sharply" in html
    assert html.count('<section class="doc"') == 2
    assert request(server, "/", headers={"X-Claimpipe-Token": server.token})[0] == 200


# ------------------------------------------------------------------------------ 10. the claims desk (issue 19)

HOSTILE_SPEAKER = '<img src=x onerror="window.__pwned = 2">'
HOSTILE_ENTITY = "<svg onload=window.__pwned=3>"
HOSTILE_TITLE = "<script>window.__pwned = 1</script> \u202eTitle"


@pytest.fixture
def hostile_desk(tmp_path):
    """Two articles repeating one claim whose speaker, entity and title are markup, one with a bidi control."""
    from desk_corpus import Sentence, write_article

    out = tmp_path / "annotations"
    text = f"{HOSTILE_ENTITY} officials said 40 people attended the meeting in Springfield in 2020."
    for doc_id in ("doc-x", "doc-y"):
        write_article(out, doc_id, HOSTILE_TITLE, "2024-05-06", [
            Sentence(text, HOSTILE_SPEAKER, 0.8, "quantity", [(HOSTILE_ENTITY, "GPE")], [("2020", "2020")])])
    srv = ReviewServer(out, reviewer="tester")
    srv.start()
    yield srv
    srv.stop()


def test_desk_pages_escape_hostile_records(hostile_desk):
    srv = hostile_desk
    auth = {"X-Claimpipe-Token": srv.token}
    gid = srv.desk.query("SELECT group_id FROM desk_groups LIMIT 1")[0][0]
    for path in ("/", f"/?speaker={HOSTILE_SPEAKER}", f"/?entity=GPE:{HOSTILE_ENTITY}&q=<script>", f"/group/{gid}"):
        status, headers, body = request(srv, path.replace(" ", "%20").replace('"', "%22").replace("<", "%3C")
                                        .replace(">", "%3E"), headers=auth)
        assert status == 200, path
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        for raw_markup in ("<script>window", "<img src=x", "<svg onload", "\u202e"):
            assert raw_markup not in body, (path, raw_markup)
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in body or "q=" in path or path.startswith("/group")
    status, _, body = request(srv, "/", headers=auth)
    assert "&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;" in body  # the speaker facet
    assert "&lt;svg onload=window.__pwned=3&gt; (GPE)" in body  # the entity facet
    assert "⟨U+202E⟩Title" in body


def test_desk_pages_keep_the_token_model(hostile_desk):
    srv = hostile_desk
    gid = srv.desk.query("SELECT group_id FROM desk_groups LIMIT 1")[0][0]
    assert request(srv, "/")[0] == 403
    assert request(srv, f"/group/{gid}")[0] == 403
    assert request(srv, "/", headers={"Host": "evil.example:%d" % srv.port, "X-Claimpipe-Token": srv.token})[0] == 403
    cookie, key = exchange(srv)
    status, _, body = request(srv, f"/group/{gid}", headers={"Cookie": cookie})
    assert status == 200 and srv.token not in body and key not in body
    body = json.dumps({"gkey": gid, "decision": "accept"}).encode()
    for headers in ({"Cookie": cookie}, {"X-Claimpipe-Token": cookie.split("=", 1)[1]}):
        assert request(srv, "/api/desk/decision", data=body, headers=headers)[0] == 403
    assert not (srv.folder / "reviews.jsonl").exists()
    status, _, reply = request(srv, "/api/desk/decision", data=body, headers={"X-Claimpipe-Token": key})
    assert status == 200 and json.loads(reply)["members"] == 2


@pytest.mark.parametrize("body, field", [
    ({"gkey": "x", "decision": "maybe"}, "decision"),
    ({"gkey": 5, "decision": "accept"}, "gkey"),
    ({"gkey": "x", "decision": "accept", "verdict": "probably"}, "verdict"),
    ({"gkey": "x", "decision": "accept", "note": "extra"}, "note"),
    ({"decision": "accept"}, "gkey"),
])
def test_desk_decision_bodies_are_checked(hostile_desk, body, field):
    status, _, reply = request(hostile_desk, "/api/desk/decision", data=json.dumps(body).encode(),
                               headers={"X-Claimpipe-Token": hostile_desk.token})
    assert status == 400 and json.loads(reply)["field"] == field
    assert not (hostile_desk.folder / "reviews.jsonl").exists()


def test_desk_pages_run_no_hostile_script_in_the_browser(hostile_desk, page):
    srv = hostile_desk
    page.goto(srv.url)
    page.wait_for_selector("body.desk-page[data-ready='1']")
    assert "<script>window.__pwned = 1</script>" in page.locator(".queue .qdoc").first.inner_text()
    page.click("aside.facets .facet-entity a")
    page.wait_for_selector("body[data-ready='1']")
    page.keyboard.press("j")
    page.keyboard.press("g")
    page.wait_for_selector("body.group-page[data-ready='1']")
    assert HOSTILE_SPEAKER in page.locator(".members").inner_text()
    assert page.locator("main img, main script, main svg, aside img, aside svg").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", page.locator("body").inner_text())
    assert page.errors == []


def test_desk_entity_and_speaker_pages_escape_hostile_names(hostile_desk):
    from urllib.parse import quote

    auth = {"X-Claimpipe-Token": hostile_desk.token}
    for path in (f"/entity/{quote('GPE:' + HOSTILE_ENTITY, safe='')}", f"/speaker/{quote(HOSTILE_SPEAKER, safe='')}"):
        status, _, body = request(hostile_desk, path, headers=auth)
        assert status == 200, path
        for raw_markup in ("<script>window", "<img src=x", "<svg onload", "\u202e"):
            assert raw_markup not in body, (path, raw_markup)
    assert request(hostile_desk, "/entity/GPE:Armenia")[0] == 403  # no credential, no page
