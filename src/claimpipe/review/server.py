"""The review app: a local web page to read each article with its marks and record decisions.

Standard library only (:class:`http.server.ThreadingHTTPServer`): the app serves one reviewer on
their own machine, a handful of pages and one JSON endpoint, so a web framework would add a
dependency and nothing else. It is guarded as Jupyter guards its server:

- bound to 127.0.0.1 only, and requests whose Host is not a loopback name are refused (DNS rebinding);
- a random token in the printed URL; the first request carrying it gets an HttpOnly, SameSite=Strict
  cookie and is redirected to the same page without the token; anything else gets 403;
- POSTs must also carry the token in an ``X-Claimpipe-Token`` header (no cross-site form can);
- every page is sent with a strict Content-Security-Policy: scripts and styles from the app only,
  no inline script, no connection elsewhere.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import sys
import threading
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional, Union
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import ValidationError

from claimpipe.review import render
from claimpipe.review.render import e
from claimpipe.review.store import VERDICTS, Corpus, ReviewStore, load_corpus, make_decision, REVIEWS

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
MAX_BODY = 1 << 20
STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
SHORTCUTS = [
    ("j / k", "next / previous claim"),
    ("a", "accept as a claim"),
    ("r", "reject: not a claim"),
    ("u", "undo: back to pending"),
    ("1 2 3 4", "verdict true / false / misleading / unverifiable (accepts)"),
    ("0", "clear the verdict"),
    ("s", "correct the speaker"),
    ("d", "correct the dates"),
    ("n", "note"),
    ("e", "evidence URL"),
    ("Enter", "save the fields (Ctrl+Enter in the note)"),
    ("Esc", "leave a field"),
    ("b", "back to the list"),
]


def _editor() -> str:
    verdicts = "".join(
        f'<label><input type="radio" name="verdict" value="{v}"> <kbd>{i}</kbd> {v}</label>'
        for i, v in enumerate(VERDICTS, 1)
    )
    return (
        '<section id="editor" class="editor" aria-label="decision">'
        '<p class="ed-head"><span id="ed-num"></span> <span id="ed-status" class="badge status">no claim selected</span> '
        '<span id="ed-saved" role="status"></span></p>'
        '<p id="ed-text" class="ed-text">Press <kbd>j</kbd> to start with the first claim.</p>'
        '<div class="buttons">'
        '<button type="button" id="btn-accept"><kbd>a</kbd> accept</button>'
        '<button type="button" id="btn-reject"><kbd>r</kbd> reject</button>'
        '<button type="button" id="btn-pending"><kbd>u</kbd> pending</button></div>'
        f'<fieldset class="verdicts"><legend>verdict</legend>{verdicts}'
        '<label><input type="radio" name="verdict" value=""> <kbd>0</kbd> none</label></fieldset>'
        '<label class="field">speaker <kbd>s</kbd><input id="f-speaker" type="text" autocomplete="off"></label>'
        '<label class="field">dates (TIMEX3 values, comma-separated) <kbd>d</kbd>'
        '<input id="f-dates" type="text" autocomplete="off"></label>'
        '<label class="field">note <kbd>n</kbd><textarea id="f-note" rows="2"></textarea></label>'
        '<label class="field">evidence URL <kbd>e</kbd><input id="f-evidence" type="url" autocomplete="off"></label>'
        '<button type="button" id="btn-save">save <kbd>Enter</kbd></button>'
        "</section>"
    )


def _shortcuts() -> str:
    keys = "".join(f"<li><kbd>{e(k)}</kbd> {e(what)}</li>" for k, what in SHORTCUTS)
    return f'<footer class="keys" aria-label="keyboard shortcuts"><ul>{keys}</ul></footer>'


def claim_state(claim: dict, corpus: Corpus) -> dict:
    """What the page script needs of a claim: its text, current speaker/dates and decision."""
    from claimpipe.review.store import claim_dates, claim_speaker, correction

    d = corpus.decisions.get(claim["claim_id"])
    speaker = correction(d, "speaker") or claim_speaker(claim) or ""
    dates = correction(d, "dates")
    if dates is None:
        dates = claim_dates(claim)
    return {
        "claim_id": claim["claim_id"],
        "text": claim.get("text", ""),
        "speaker": speaker,
        "dates": dates if isinstance(dates, list) else [str(dates)],
        "decision": d.decision if d else "pending",
        "verdict": d.verdict if d else None,
        "note": d.note if d else None,
        "evidence_url": d.evidence_url if d else None,
    }


class ReviewServer(ThreadingHTTPServer):
    """The app over one annotations folder. ``port=0`` takes a free port."""

    request_queue_size = 128  # a burst of keyboard-driven saves must not overflow the listen backlog (default 5)

    daemon_threads = True

    def __init__(self, folder: Union[str, Path], *, port: int = 0, reviewer: Optional[str] = None,
                 token: Optional[str] = None, quiet: bool = True):
        self.folder = Path(folder)
        self.reviewer = reviewer
        self.token = token or secrets.token_urlsafe(24)
        self.quiet = quiet
        self._cache: Optional[tuple] = None
        self._cache_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The URL to open, token included."""
        return f"{self.base}/?token={self.token}"

    def corpus(self) -> Corpus:
        """The folder's records, re-read when a file changed on disk (extraction, another import)."""

        def stamp(name: str):
            try:
                st = (self.folder / name).stat()
                return (st.st_mtime_ns, st.st_size)
            except FileNotFoundError:
                return None

        with self._cache_lock:
            records_key = (stamp("documents.jsonl"), stamp("claims.jsonl"))
            reviews_key = stamp(REVIEWS)
            if self._cache is None or self._cache[0] != records_key:
                self._cache = (records_key, reviews_key, load_corpus(self.folder))
            elif self._cache[1] != reviews_key:
                corpus = self._cache[2]
                problems = [p for p in corpus.problems if not p.startswith(REVIEWS)]
                corpus.decisions = ReviewStore(self.folder / REVIEWS).latest(problems)
                corpus.problems = problems
                corpus.index()
                self._cache = (records_key, reviews_key, corpus)
            return self._cache[2]

    def start(self) -> threading.Thread:
        """Serve in a background thread (tests, notebooks); stop with :meth:`stop`."""
        thread = threading.Thread(target=self.serve_forever, name="claimpipe-review", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "claimpipe-review"

    def version_string(self) -> str:
        return self.server_version

    # ------------------------------------------------------------------ plumbing

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if not self.server.quiet:
            sys.stderr.write(f"{self.command} {urlsplit(self.path).path} {args[1] if len(args) > 1 else ''}\n")

    def _send(self, status: int, body: Union[str, bytes], content_type: str = "text/html; charset=utf-8",
              headers: Optional[dict] = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _json(self, status: int, data) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False), "application/json; charset=utf-8")

    def _cookie_name(self) -> str:
        return f"claimpipe_token_{self.server.port}"

    def _check(self, value: Optional[str]) -> bool:
        return bool(value) and hmac.compare_digest(value.encode("utf-8"), self.server.token.encode("utf-8"))

    def _authorised(self) -> Optional[str]:
        """'query', 'cookie' or 'header' for how the token came, None (403 sent) when refused."""
        host = (self.headers.get("Host") or "").lower()
        allowed = {f"{name}:{self.server.port}" for name in ("127.0.0.1", "localhost", "[::1]")}
        if host not in allowed:
            self._send(HTTPStatus.FORBIDDEN, "403: not a loopback Host\n", "text/plain; charset=utf-8")
            return None
        query = parse_qs(urlsplit(self.path).query)
        if self._check((query.get("token") or [None])[0]):
            return "query"
        if self._check(self.headers.get("X-Claimpipe-Token")):
            return "header"
        cookies = SimpleCookie()
        try:
            cookies.load(self.headers.get("Cookie") or "")
        except Exception:  # noqa: BLE001 - a malformed cookie is no token
            pass
        morsel = cookies.get(self._cookie_name())
        if morsel is not None and self._check(morsel.value):
            return "cookie"
        self._send(
            HTTPStatus.FORBIDDEN,
            "403: open the URL printed by `claimpipe review`, with its ?token=...\n",
            "text/plain; charset=utf-8",
        )
        return None

    # ------------------------------------------------------------------ routes

    def do_HEAD(self) -> None:
        self.do_GET()

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        try:
            self._get()
        except (BrokenPipeError, ConnectionResetError):
            raise
        except Exception as exc:  # noqa: BLE001 - the page says what failed; the server goes on
            import traceback

            traceback.print_exc()
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"500: {type(exc).__name__}: {exc}\n",
                       "text/plain; charset=utf-8")

    def _get(self) -> None:
        how = self._authorised()
        if how is None:
            return
        path = urlsplit(self.path).path
        if how == "query" and (path == "/" or path.startswith("/doc/")):
            # trade the token for a cookie, and take it out of the address bar
            cookie = f"{self._cookie_name()}={self.server.token}; HttpOnly; SameSite=Strict; Path=/"
            self._send(HTTPStatus.SEE_OTHER, "", headers={"Location": path, "Set-Cookie": cookie})
            return
        if path == "/":
            self._send(HTTPStatus.OK, self.index_page())
        elif path.startswith("/doc/"):
            doc_id = unquote(path[len("/doc/"):])
            corpus = self.server.corpus()
            if doc_id not in corpus.documents:
                self._send(HTTPStatus.NOT_FOUND, render.page("not found", f"<p>No article {e(doc_id)}.</p>"))
            else:
                self._send(HTTPStatus.OK, self.article_page(corpus, doc_id))
        elif path.startswith("/static/") and path[len("/static/"):] in STATIC:
            name = path[len("/static/"):]
            self._send(HTTPStatus.OK, render.static_text(name), STATIC[name])
        elif path.startswith("/api/doc/"):
            doc_id = unquote(path[len("/api/doc/"):])
            corpus = self.server.corpus()
            if doc_id not in corpus.documents:
                self._json(HTTPStatus.NOT_FOUND, {"error": "no such document"})
            else:
                self._json(HTTPStatus.OK, {
                    "doc_id": doc_id,
                    "counts": corpus.counts(doc_id),
                    "claims": [claim_state(c, corpus) for c in corpus.claims[doc_id]],
                    "orphaned": [d.model_dump() for d in corpus.orphans(doc_id)],
                })
        else:
            self._send(HTTPStatus.NOT_FOUND, render.page("not found", "<p>Not found.</p>"))

    def do_POST(self) -> None:
        try:
            self._post()
        except (BrokenPipeError, ConnectionResetError):
            raise
        except Exception as exc:  # noqa: BLE001
            import traceback

            traceback.print_exc()
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": f"{type(exc).__name__}: {exc}"})

    def _post(self) -> None:
        how = self._authorised()
        if how is None:
            return
        if how != "header":  # a cookie alone could come from a cross-site form
            self._json(HTTPStatus.FORBIDDEN, {"error": "POST needs the X-Claimpipe-Token header"})
            return
        if urlsplit(self.path).path != "/api/decision":
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > MAX_BODY:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "a JSON body of at most 1 MiB is expected"})
            return
        try:
            body = json.loads(self.rfile.read(length))
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except ValueError:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "the body is not a JSON object"})
            return
        self.decide(body)

    # ------------------------------------------------------------------ pages and actions

    def index_page(self) -> str:
        corpus = self.server.corpus()
        total = sum(len(c) for c in corpus.claims.values())
        decided = sum(corpus.counts(d)["decided"] for d in corpus.documents)
        orphans = len(corpus.orphans())
        body = (
            '<header class="top"><h1>claimpipe review</h1>'
            f"<p>{e(str(self.server.folder.resolve()))}: {render.plural(len(corpus.documents), 'article')}, "
            f"{decided} of {render.plural(total, 'claim')} decided"
            + (f", {render.plural(orphans, 'orphaned decision')}" if orphans else "")
            + "</p></header>"
            f'<main>{render.index_rows(corpus, render.doc_href)}{render.problems_html(corpus)}'
            f"{render.homeless_html(corpus)}</main>"
        )
        return render.page("claimpipe review", body, head='<link rel="stylesheet" href="/static/review.css">')

    def article_page(self, corpus: Corpus, doc_id: str) -> str:
        data = {"doc_id": doc_id, "claims": [claim_state(c, corpus) for c in corpus.claims[doc_id]]}
        head = (
            f'<meta name="claimpipe-token" content="{e(self.server.token)}">'
            '<link rel="stylesheet" href="/static/review.css">'
            '<script src="/static/review.js" defer></script>'
        )
        body = (
            '<header class="top"><a href="/" id="back">← all articles</a>'
            f"{render.article_header(corpus, doc_id)}</header>"
            f"<main>{render.article_body(corpus, doc_id, editor=_editor())}</main>{_shortcuts()}"
            f'<script type="application/json" id="claims-data">{render.json_for_html(data)}</script>'
        )
        title = corpus.documents[doc_id].get("title") or doc_id
        return render.page(f"{title} · claimpipe review", body, head=head, body_class="app")

    def decide(self, body: dict) -> None:
        corpus = self.server.corpus()
        claim_id = body.get("claim_id")
        claim = corpus.claim(claim_id) if isinstance(claim_id, str) else None
        if claim is None and claim_id in corpus.decisions:  # an orphan can still be re-decided
            old = corpus.decisions[claim_id]
            claim = {"claim_id": claim_id, "doc_id": old.doc_id, "text": old.claim_text}
        if claim is None:
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no claim {claim_id!r} in {self.server.folder}"})
            return
        evidence = body.get("evidence_url") or None
        if evidence is not None and not render.safe_url(evidence):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "the evidence URL must start with http:// or https://"})
            return
        dates = body.get("dates")
        if isinstance(dates, str):
            dates = [d for d in re.split(r"\s*[,;]\s*", dates) if d]
        try:
            decision = make_decision(
                claim,
                decision=body.get("decision", "pending"),
                verdict=body.get("verdict") or None,
                note=body.get("note") or None,
                evidence_url=evidence,
                speaker=body.get("speaker"),
                dates=dates,
                reviewer=body.get("reviewer") or self.server.reviewer,
            )
        except ValidationError as exc:
            errors = [f"[{'.'.join(str(p) for p in err['loc'])}] {err['msg']}" for err in exc.errors()]
            self._json(HTTPStatus.BAD_REQUEST, {"error": "; ".join(errors)})
            return
        ReviewStore(self.server.folder / REVIEWS).append(decision)
        corpus = self.server.corpus()
        doc_id = claim.get("doc_id")
        self._json(HTTPStatus.OK, {
            "decision": decision.model_dump(),
            "state": claim_state(claim, corpus),
            "source": render._source_text(claim, decision),
            "dates": render._dates_text(claim, decision),
            "counts": render._counts_line(corpus.counts(doc_id)) if doc_id in corpus.documents else "",
        })


def serve(folder: Union[str, Path], *, port: int = 0, reviewer: Optional[str] = None,
          open_browser: bool = False, announce=print) -> None:
    """Run the app until interrupted, announcing its URL (with the token) first.

    Raises OSError when the port cannot be had.
    """
    server = ReviewServer(folder, port=port, reviewer=reviewer, quiet=False)
    announce(f"claimpipe review: {folder} at {server.url}")
    announce("Open that URL; the token in it is the key to the page. Ctrl+C stops.")
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
