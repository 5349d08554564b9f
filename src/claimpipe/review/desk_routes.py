"""The claims desk's routes in the review app: the queue (``/``), a group (``/group/ID``), an entity's
or a speaker's page (``/entity/LABEL:name``, ``/speaker/name``), ``POST /api/desk/split`` and
``POST /api/desk/decision``. The server has already checked the Host, the credential and, for a POST,
read and parsed the body (:mod:`claimpipe.review.server`); these only answer."""

from __future__ import annotations

import json
import time
from http import HTTPStatus
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import ValidationError

from claimpipe.review import desk_pages, render
from claimpipe.review.desk import decide, split
from claimpipe.review.inputs import DeskDecisionRequest, SplitRequest, first_error
from claimpipe.review.profile_pages import profile_page
from claimpipe.review.queue import Filters
from claimpipe.review.render import e
from claimpipe.review.store import now



def is_page(path: str) -> bool:
    """Whether ``path`` is a desk page (the token URL may lead to it)."""
    return path == "/" or path.startswith(("/group/", "/entity/", "/speaker/"))


def get(handler, path: str) -> bool:
    """Answer a desk GET; False when ``path`` is not the desk's."""
    srv = handler.server
    if srv.desk is None or not is_page(path):
        return False
    srv.desk.refresh()
    if path == "/":
        query = parse_qs(urlsplit(handler.path).query)
        filters = Filters.from_query(query)
        started = time.perf_counter()
        handler._send(HTTPStatus.OK, desk_pages.queue_page(
            srv.desk, filters, folder=str(srv.folder.resolve()), total=totals(srv.desk),
            problems=_not_loaded(srv.desk)))
        srv.last_queue_seconds = time.perf_counter() - started
        return True
    if path.startswith(("/entity/", "/speaker/")):
        kind, _, value = path[1:].partition("/")
        html = profile_page(srv.desk, kind=kind, value=unquote(value))
        if html is None:
            handler._send(HTTPStatus.NOT_FOUND, render.page("not found", f"<p>No claims of {e(unquote(value))}.</p>"))
        else:
            handler._send(HTTPStatus.OK, html)
        return True
    gkey = unquote(path[len("/group/"):])
    html = desk_pages.group_page(srv.desk, gkey)
    if html is None:
        handler._send(HTTPStatus.NOT_FOUND, render.page("not found", f"<p>No group or claim {e(gkey)}.</p>"))
    else:
        handler._send(HTTPStatus.OK, html)
    return True


def _not_loaded(desk) -> str:
    """A line under the queue when the loader left records out (they are listed under /articles)."""
    n = len(json.loads(desk.meta("problems", "[]") or "[]"))
    if not n:
        return ""
    return (f'<p class="problems">{render.plural(n, "record")} not loaded (an article is left out whole when '
            'one of its claims is not a valid record): <a href="/articles">see which and why</a>.</p>')


def totals(desk) -> tuple[int, int]:
    """(claims, articles) of the whole desk."""
    return desk.query("SELECT count(*), count(DISTINCT doc_id) FROM desk_claims")[0]


def post(handler, path: str, body: dict) -> bool:
    """Answer a desk POST; False when ``path`` is not the desk's."""
    srv = handler.server
    if srv.desk is None or path not in ("/api/desk/decision", "/api/desk/split"):
        return False
    if path == "/api/desk/split":
        return _split(handler, body)
    try:
        request = DeskDecisionRequest.model_validate(body)
    except ValidationError as exc:
        field, message = first_error(exc)
        handler._json(HTTPStatus.BAD_REQUEST, {"error": message, "field": field})
        return True
    reviewer = srv.reviewer
    if srv.allow_reviewer_names and request.reviewer:
        reviewer = request.reviewer
    written = decide(srv.desk, request.gkey, decision=request.decision, verdict=request.verdict or None,
                     reviewer=reviewer, when=now())
    if not written:
        handler._json(HTTPStatus.NOT_FOUND, {"error": f"no group or claim {request.gkey!r}"})
        return True
    handler._json(HTTPStatus.OK, {
        "gkey": request.gkey, "decision": request.decision, "verdict": request.verdict or None,
        "members": len(written), "claims": [d.claim_id for d in written], "time": written[0].time,
    })
    return True


def _split(handler, body: dict) -> bool:
    srv = handler.server
    try:
        request = SplitRequest.model_validate(body)
    except ValidationError as exc:
        field, message = first_error(exc)
        handler._json(HTTPStatus.BAD_REQUEST, {"error": message, "field": field})
        return True
    reviewer = request.reviewer if srv.allow_reviewer_names and request.reviewer else srv.reviewer
    decision = split(srv.desk, request.claim_id, reviewer=reviewer, when=now())
    if decision is None:
        handler._json(HTTPStatus.NOT_FOUND, {"error": f"no grouped claim {request.claim_id!r}"})
    else:
        handler._json(HTTPStatus.OK, {"claim_id": request.claim_id, "time": decision.time})
    return True
