"""The review app: a local web page to read each article with its marks and record decisions.

Standard library only (:class:`http.server.ThreadingHTTPServer`): the app serves one reviewer on
their own machine, a handful of pages and one JSON endpoint, so a web framework would add a
dependency and nothing else. It is guarded as Jupyter guards its server, and more (the threat model
is in docs/review.md, "Security"):

- bound to 127.0.0.1 only, and requests whose Host is not a loopback name with this port are refused
  (DNS rebinding);
- a random *token* in the printed URL (or a one-time URL for ``--open``). The request carrying it
  is answered with a small page that sets the *session cookie* and hands the page script the
  *POST key*, then goes on without the token in the address bar;
- the session cookie (HttpOnly, SameSite=Strict) only opens pages: browsers send a 127.0.0.1 cookie
  to every port of 127.0.0.1, so it must not be worth more than reading;
- POSTs need the POST key (or the token) in an ``X-Claimpipe-Token`` header, never a cookie: no
  cross-site form can set a header, and no page opened with the cookie carries the key. The page
  script keeps the key in localStorage, which browsers do scope by port;
- cookie and key are HMACs of the token, this server's port and their purpose: neither is the token,
  neither works on another port, and the cookie is no POST credential;
- every page is sent with a strict Content-Security-Policy: scripts and styles from the app only,
  no inline script, no connection elsewhere;
- an idle connection is closed after ``idle_timeout`` seconds, and at most ``max_connections`` are
  served at once (the next ones are answered 503 straight away);
- a malformed request is answered 400, and a decision body is validated field by field
  (:class:`claimpipe.review.inputs.DecisionRequest`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional, Union
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import ValidationError

from claimpipe.review import desk_routes, render
from claimpipe.review.desk import Desk, open_desk
from claimpipe.review.desk_list import Listing
from claimpipe.review.inputs import DecisionRequest, first_error
from claimpipe.review.editor import editor, shortcuts
from claimpipe.review.render import e
from claimpipe.review.store import VERDICTS, Corpus, ReviewStore, load_corpus, make_decision, REVIEWS

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
MAX_BODY = 1 << 20
ONE_TIME_SECONDS = 120  # how long the --open URL may wait for the browser
_SECRET_IN_LOG = re.compile(r"((?:token|once)=)[^&\s'\"]*")


def _redact(text: str) -> str:
    """A log line with the value of any token= or once= taken out."""
    return _SECRET_IN_LOG.sub(r"\1...", text)
STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8",
          "desk.js": "text/javascript; charset=utf-8"}
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


def parse_cookies(header: Optional[str]) -> dict[str, list[str]]:
    """The cookies of a Cookie header, name -> values, read pair by pair.

    :class:`http.cookies.SimpleCookie` drops the whole header when one pair is not to its taste
    (``a={"x": 1}``, ``a=b\\c``, ``a="x``), and any page on any port of 127.0.0.1 can set such a cookie;
    here a pair that makes no sense is skipped and the others still count.
    """
    out: dict[str, list[str]] = {}
    for part in (header or "").split(";"):
        name, sep, value = part.strip().partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            continue
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        out.setdefault(name, []).append(value)
    return out


def _same(given: Optional[str], secret: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8", "replace"), secret.encode("utf-8"))


class ReviewServer(ThreadingHTTPServer):
    """The app over one annotations folder. ``port=0`` takes a free port.

    ``reviewer`` is recorded with every decision; a name sent by the client is used instead only
    when ``allow_reviewer_names`` (several people sharing one server and its token). An idle
    connection is closed after ``idle_timeout`` seconds; at most ``max_connections`` are served at once.
    """

    request_queue_size = 128  # a burst of keyboard-driven saves must not overflow the listen backlog (default 5)

    daemon_threads = True

    def __init__(self, folder: Union[str, Path], *, port: int = 0, reviewer: Optional[str] = None,
                 token: Optional[str] = None, quiet: bool = True, allow_reviewer_names: bool = False,
                 idle_timeout: float = 30.0, max_connections: int = 32, db: Optional[str] = None,
                 desk: bool = True):
        self.folder = Path(folder)
        self.reviewer = reviewer
        self.token = token or secrets.token_urlsafe(24)
        self.quiet = quiet
        self.allow_reviewer_names = allow_reviewer_names
        self.idle_timeout = idle_timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        self._once: dict[str, float] = {}
        self._once_lock = threading.Lock()
        self._cache: Optional[tuple] = None
        self._cache_lock = threading.Lock()
        log = (lambda message: None) if quiet else (lambda message: sys.stderr.write(message + "\n"))
        self.desk: Optional[Desk] = open_desk(self.folder, db, log=log) if desk else None
        super().__init__(("127.0.0.1", port), Handler)
        self.session_secret = self._derive("session cookie")
        self.post_key = self._derive("POST key")

    def _derive(self, purpose: str) -> str:
        """A secret for one purpose, bound to this server's port: HMAC-SHA256 of the token."""
        message = f"claimpipe review {purpose} 127.0.0.1:{self.port}".encode("utf-8")
        return hmac.new(self.token.encode("utf-8"), message, hashlib.sha256).hexdigest()

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

    @property
    def cookie_name(self) -> str:
        return f"claimpipe_session_{self.port}"

    def one_time_url(self) -> str:
        """A URL that opens the page once, within a couple of minutes: for a browser's command line."""
        code = secrets.token_urlsafe(24)
        with self._once_lock:
            self._once[code] = time.monotonic() + ONE_TIME_SECONDS
        return f"{self.base}/?once={code}"

    def redeem(self, code: str) -> bool:
        """Whether ``code`` is a one-time code not used yet nor expired; it is used up either way."""
        with self._once_lock:
            now = time.monotonic()
            for known in list(self._once):
                if self._once[known] < now:
                    del self._once[known]
            found = next((known for known in self._once if _same(code, known)), None)
            if found is None:
                return False
            del self._once[found]
            return True

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

    def corpus_for(self, doc_id: str) -> Corpus:
        """What an article page needs: with the desk, that article alone, read from its own lines;
        else (or when the desk cannot tell) the whole folder (:meth:`corpus`)."""
        if self.desk is not None:
            corpus = self.desk.document_corpus(doc_id)
            if corpus is not None:
                return corpus
        return self.corpus()

    # ---------------------------------------------------------------- connections

    def process_request(self, request, client_address) -> None:
        """One thread per connection, up to the cap; over it, 503 at once and the connection closed."""
        if not self._slots.acquire(blocking=False):
            body = b"503: too many connections to claimpipe review\n"
            try:
                request.settimeout(1)
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address) -> None:
        """One line, not a traceback, for what escaped a handler (a connection reset, a timeout)."""
        if not self.quiet:
            exc = sys.exc_info()[1]
            sys.stderr.write(f"claimpipe review: {type(exc).__name__}: {_redact(str(exc))}\n")

    def start(self) -> threading.Thread:
        """Serve in a background thread (tests, notebooks); stop with :meth:`stop`."""
        thread = threading.Thread(target=self.serve_forever, name="claimpipe-review", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self.desk is not None:
            self.desk.close()


class Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "claimpipe-review"
    default_request_version = "HTTP/1.0"  # so a malformed request line still gets a status line

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout  # applied to the socket by StreamRequestHandler.setup
        super().setup()

    # ------------------------------------------------------------------ plumbing

    def _where(self) -> str:
        """'GET /doc/x' of the request being served, its query (where the token goes) left out."""
        command = getattr(self, "command", None) or "-"
        path = getattr(self, "path", None)
        try:
            path = urlsplit(path).path if path else "-"
        except ValueError:
            path = "?"
        return f"{command} {path}"

    def log_request(self, code="-", size="-") -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self._where()} {getattr(code, 'value', code)}\n")

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if not self.server.quiet:
            message = _redact(format % args if args else format)
            sys.stderr.write(f"{self._where()}: {message}\n")

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        """The base class's errors (bad request line, unknown method, timeouts...) as plain text."""
        self.close_connection = True
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = ""
        self.log_message("%d %s", code, message or phrase)
        self._send(code, f"{code}: {message or phrase}\n", "text/plain; charset=utf-8", headers={"Connection": "close"})

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

    def _refuse(self, message: str) -> None:
        if self.command == "POST":
            self._json(HTTPStatus.FORBIDDEN, {"error": message})
        else:
            self._send(HTTPStatus.FORBIDDEN, f"403: {message}\n", "text/plain; charset=utf-8")

    def _authorised(self) -> Optional[str]:
        """How the request is authorised, None (403 sent) when it is not.

        'query' (the token in the URL), 'once' (a one-time code), 'header' (the token in the
        header), 'key' (the POST key in the header) or 'cookie' (the session cookie).
        """
        host = (self.headers.get("Host") or "").lower()
        allowed = {f"{name}:{self.server.port}" for name in ("127.0.0.1", "localhost", "[::1]")}
        if host not in allowed:
            self._refuse("not a loopback Host")
            return None
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if "once" in query and self.command == "GET" and url.path == "/":  # a HEAD must not use it up
            if self.server.redeem(query["once"][0]):
                return "once"
            self._refuse("this one-time link was used already or has expired: open the URL printed by "
                         "`claimpipe review`")
            return None
        if _same((query.get("token") or [None])[0], self.server.token):
            return "query"
        header = self.headers.get("X-Claimpipe-Token")
        if _same(header, self.server.token):
            return "header"
        if _same(header, self.server.post_key):
            return "key"
        if any(_same(v, self.server.session_secret) for v in parse_cookies(self.headers.get("Cookie")).get(
                self.server.cookie_name, [])):
            return "cookie"
        self._refuse("open the URL printed by `claimpipe review`, with its ?token=...")
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
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
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
        if how == "key":  # the POST key saves decisions; it opens no page
            self._refuse("that credential only saves decisions")
            return
        path = urlsplit(self.path).path
        if how in ("query", "once") and (desk_routes.is_page(path) or path.startswith("/doc/") or path == "/articles"):
            # trade the token for the session cookie and the page script's POST key, and go on without it
            cookie = f"{self.server.cookie_name}={self.server.session_secret}; HttpOnly; SameSite=Strict; Path=/"
            self._send(HTTPStatus.OK, self.session_page(path), headers={"Set-Cookie": cookie})
            return
        if desk_routes.get(self, path):
            return
        if path in ("/", "/articles"):
            self._send(HTTPStatus.OK, self.index_page())
        elif path.startswith("/doc/"):
            doc_id = unquote(path[len("/doc/"):])
            corpus = self.server.corpus_for(doc_id)
            if doc_id not in corpus.documents:
                self._send(HTTPStatus.NOT_FOUND, render.page("not found", f"<p>No article {e(doc_id)}.</p>"))
            else:
                self._send(HTTPStatus.OK, self.article_page(corpus, doc_id))
        elif path.startswith("/static/") and path[len("/static/"):] in STATIC:
            name = path[len("/static/"):]
            self._send(HTTPStatus.OK, render.static_text(name), STATIC[name])
        elif path.startswith("/api/doc/"):
            doc_id = unquote(path[len("/api/doc/"):])
            corpus = self.server.corpus_for(doc_id)
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
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            raise
        except Exception as exc:  # noqa: BLE001
            import traceback

            traceback.print_exc()
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": f"{type(exc).__name__}: {exc}"})

    def _post(self) -> None:
        how = self._authorised()
        if how is None:
            return
        if how not in ("header", "key"):  # a cookie could come from a form on any port of 127.0.0.1
            self._json(HTTPStatus.FORBIDDEN, {"error": "POST needs the X-Claimpipe-Token header"})
            return
        path = urlsplit(self.path).path
        if path not in ("/api/decision", "/api/desk/decision", "/api/desk/split"):
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        self.close_connection = True  # a body left unread must not be taken for the next request
        length = self.headers.get("Content-Length")
        if length is None:
            self._json(HTTPStatus.LENGTH_REQUIRED, {"error": "a Content-Length is needed"})
            return
        if not re.fullmatch(r"[0-9]{1,9}", length.strip()):
            self._json(HTTPStatus.BAD_REQUEST, {"error": f"Content-Length is not a number of bytes: {length[:20]!r}"})
            return
        length = int(length)
        if length <= 0 or length > MAX_BODY:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "a JSON body of at most 1 MiB is expected"})
            return
        data = self.rfile.read(length)
        try:
            body = json.loads(data)
        except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, or nested too deep to read
            reason = "nested too deeply" if isinstance(exc, RecursionError) else type(exc).__name__
            self._json(HTTPStatus.BAD_REQUEST, {"error": f"the body is not JSON ({reason})"})
            return
        if not isinstance(body, dict):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "the body is not a JSON object"})
            return
        if desk_routes.post(self, path, body):
            return
        try:
            request = DecisionRequest.model_validate(body)
        except ValidationError as exc:
            field, message = first_error(exc)
            self._json(HTTPStatus.BAD_REQUEST, {"error": message, "field": field})
            return
        self.decide(request)

    # ------------------------------------------------------------------ pages and actions

    def index_page(self) -> str:
        if self.server.desk is not None:  # from the database: the whole corpus is not read into memory
            self.server.desk.refresh()
            corpus = Listing(self.server.desk)
        else:
            corpus = self.server.corpus()
        total = sum(corpus.counts(d)["claims"] for d in corpus.documents)
        decided = sum(corpus.counts(d)["decided"] for d in corpus.documents)
        orphans = len(corpus.orphans())
        body = (
            '<header class="top"><a href="/" id="back">← the claims desk</a><h1>claimpipe review: articles</h1>'
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
            '<link rel="stylesheet" href="/static/review.css">'
            '<script src="/static/review.js" defer></script>'
        )
        body = (
            '<header class="top"><a href="/" id="back">← the claims desk</a> · <a href="/articles">all articles</a>'
            f"{render.article_header(corpus, doc_id)}</header>"
            f"<main>{render.article_body(corpus, doc_id, editor=editor())}</main>{shortcuts()}"
            f'<script type="application/json" id="claims-data">{render.json_for_html(data)}</script>'
        )
        title = corpus.documents[doc_id].get("title") or doc_id
        return render.page(f"{title} · claimpipe review", body, head=head, body_class="app")

    def session_page(self, path: str) -> str:
        """The answer to the token (or one-time) URL: it sets the session cookie (in its headers), hands
        the page script the POST key, which it keeps in localStorage, and goes on to ``path``."""
        head = (
            f'<meta name="claimpipe-key" content="{e(self.server.post_key)}">'
            f'<meta name="claimpipe-next" content="{e(path)}">'
            '<script src="/static/review.js" defer></script>'
        )
        body = f'<main><p>claimpipe review: signed in. <a href="{e(path)}">Go on</a>.</p></main>'
        return render.page("claimpipe review", body, head=head)

    def decide(self, request: DecisionRequest) -> None:
        claim_id = request.claim_id
        desk = self.server.desk
        known = desk.doc_of(claim_id) if desk is not None else None
        corpus = self.server.corpus_for(known) if known else self.server.corpus()
        claim = corpus.claim(claim_id)
        if claim is None and claim_id in corpus.decisions:  # an orphan can still be re-decided
            old = corpus.decisions[claim_id]
            claim = {"claim_id": claim_id, "doc_id": old.doc_id, "text": old.claim_text}
        if claim is None:
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no claim {claim_id!r} in {self.server.folder}"})
            return
        reviewer = self.server.reviewer
        if self.server.allow_reviewer_names and request.reviewer:
            reviewer = request.reviewer
        try:
            decision = make_decision(
                claim,
                decision=request.decision,
                verdict=request.verdict or None,
                note=request.note or None,
                evidence_url=request.evidence_url or None,
                speaker=request.speaker,
                dates=request.date_list(),
                reviewer=reviewer,
            )
        except ValidationError as exc:
            errors = [f"[{'.'.join(str(p) for p in err['loc'])}] {err['msg']}" for err in exc.errors()]
            self._json(HTTPStatus.BAD_REQUEST, {"error": "; ".join(errors)})
            return
        if self.server.desk is not None:  # the file and the desk's table, in the same order
            self.server.desk.record([decision])
        else:
            ReviewStore(self.server.folder / REVIEWS).append(decision)
        doc_id = claim.get("doc_id")
        corpus = self.server.corpus_for(doc_id) if known else self.server.corpus()
        self._json(HTTPStatus.OK, {
            "decision": decision.model_dump(),
            "state": claim_state(claim, corpus),
            "source": render._source_text(claim, decision),
            "dates": render._dates_text(claim, decision),
            "counts": render._counts_line(corpus.counts(doc_id)) if doc_id in corpus.documents else "",
        })


def serve(folder: Union[str, Path], *, port: int = 0, reviewer: Optional[str] = None,
          open_browser: bool = False, allow_reviewer_names: bool = False, announce=print,
          db: Optional[str] = None) -> None:
    """Run the app until interrupted, announcing its URL (with the token) first.

    With ``open_browser`` the browser is started on a one-time URL, not the token's: a browser's
    command line can be read by every user of the machine (``ps``). Raises OSError when the port
    cannot be had.
    """
    server = ReviewServer(folder, port=port, reviewer=reviewer, quiet=False,
                          allow_reviewer_names=allow_reviewer_names, db=db)
    announce(f"claimpipe review: {folder} at {server.url}")
    announce("Open that URL; the token in it is the key to the page. Ctrl+C stops.")
    if open_browser:
        import webbrowser

        webbrowser.open(server.one_time_url())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
