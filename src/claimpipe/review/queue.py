"""The claims queue: filters from the URL, one page of claims (a group shown once), counts per facet.

Every filter is a query-string parameter, so a view is a URL that can be shared:

``q`` (full-text search, FTS5; words are all required, "quoted words" are a phrase), ``kind``, ``modality``,
``status`` (``pending``, ``accept``, ``reject``, or ``seen``: undecided claims whose group has a decision),
``verdict`` (``true`` ... ``unverifiable``, or ``none``), ``speaker``, ``entity`` (``LABEL:canonical name``, or
a name with any label), ``doc`` (an article's id), ``from`` / ``to`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``,
compared with the claim's date: its first TIMEX3 date value, else the article's date), ``sort`` (``cw``:
check-worthiness, the default; ``date``: newest first; ``article``) and ``page``.

Values only ever reach SQL as bound parameters; a search is rewritten into quoted FTS5 terms, so no
FTS5 operator a user types is interpreted.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, fields, replace
from typing import Optional
from urllib.parse import urlencode

PAGE_SIZE = 50
MAX_VALUE = 300
SORTS = {
    "cw": "max(c.cw) DESC, c.gkey",
    "date": "c.day IS NULL, c.day DESC, max(c.cw) DESC, c.gkey",
    "article": "c.dct IS NULL, c.dct DESC, c.doc_id, c.start_char",
}
_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_TERM = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kind: str = ""
    modality: str = ""
    status: str = ""
    verdict: str = ""
    speaker: str = ""
    entity: str = ""
    doc: str = ""
    date_from: str = ""
    date_to: str = ""
    sort: str = "cw"
    page: int = 1

    PARAMS = {"from": "date_from", "to": "date_to"}

    @classmethod
    def from_query(cls, query: dict[str, list[str]]) -> "Filters":
        """The filters of a parsed query string; unknown or malformed values are ignored."""
        values = {}
        for f in fields(cls):
            name = {v: k for k, v in cls.PARAMS.items()}.get(f.name, f.name)
            raw = (query.get(name) or [""])[0].strip()[:MAX_VALUE]
            values[f.name] = raw
        if values["sort"] not in SORTS:
            values["sort"] = "cw"
        for key in ("date_from", "date_to"):
            if not _DAY.fullmatch(values[key]):
                values[key] = ""
        page = values["page"]
        values["page"] = int(page) if page.isdigit() and 0 < int(page) < 1_000_000 else 1
        return cls(**values)

    def active(self) -> dict[str, str]:
        """The filters in force (not the sort or page), by URL name."""
        out = {}
        for f in fields(self):
            if f.name in ("sort", "page"):
                continue
            value = getattr(self, f.name)
            if value:
                out[{v: k for k, v in self.PARAMS.items()}.get(f.name, f.name)] = value
        return out

    def url(self, path: str = "/", **changes) -> str:
        """``path`` with these filters, changed by ``changes`` (an empty value drops a filter); page 1
        unless ``page`` is given."""
        changes.setdefault("page", 1)
        new = replace(self, **{self.PARAMS.get(k, k): v for k, v in changes.items()})
        params = dict(new.active())
        if new.sort != "cw":
            params["sort"] = new.sort
        if new.page != 1:
            params["page"] = str(new.page)
        return path + ("?" + urlencode(params) if params else "")


def fts_query(text: str) -> str:
    """A user's search as an FTS5 query: every word (or "quoted phrase") required, nothing else read."""
    terms = []
    for m in _TERM.finditer(text):
        term = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
        if term:
            terms.append('"' + term.replace('"', '""') + '"')
    return " ".join(terms)


def where(f: Filters, skip: str = "") -> tuple[str, list]:
    """The WHERE clause (on ``desk_claims c``) of the filters but ``skip``, with its parameters."""
    parts, params = ["1"], []
    # '+' keeps SQLite from walking an index for the columns of few values (kind, modality, review):
    # half the claims are 'quantity', and reading them through an index is slower than a scan
    simple = {"kind": "+c.kind", "modality": "+c.modality", "speaker": "c.speaker", "doc": "c.doc_id"}
    for name, column in simple.items():
        value = getattr(f, name)
        if value and skip != name:
            parts.append(f"{column} = ?")
            params.append(value)
    if f.status and skip != "status":
        if f.status == "seen":
            parts.append("+c.inherited = 1")
        else:
            parts.append("+c.decision = ?")
            params.append(f.status)
    if f.verdict and skip != "verdict":
        if f.verdict == "none":
            parts.append("+c.verdict IS NULL")
        else:
            parts.append("+c.verdict = ?")
            params.append(f.verdict)
    if f.entity and skip != "entity":
        label, sep, name = f.entity.partition(":")
        if sep and label.isupper() and name:
            parts.append("c.claim_id IN (SELECT claim_id FROM desk_entities WHERE canonical = ? AND label = ?)")
            params += [name, label]
        else:
            parts.append("c.claim_id IN (SELECT claim_id FROM desk_entities WHERE canonical = ?)")
            params.append(f.entity)
    if f.date_from and skip != "date":
        parts.append("c.day >= ?")
        params.append(f.date_from)
    if f.date_to and skip != "date":
        parts.append("c.day <= ?")
        params.append(f.date_to + "~")
    if f.q and skip != "q" and fts_query(f.q):
        parts.append("c.rowid IN (SELECT rowid FROM desk_fts WHERE desk_fts MATCH ?)")
        params.append(fts_query(f.q))
    return " AND ".join(parts), params


ROW_COLUMNS = ("claim_id", "doc_id", "text", "kind", "modality", "speaker", "author", "cw", "day", "title",
               "group_id", "group_size", "decision", "verdict", "inherited", "reviewer", "gkey", "matching",
               "articles")
_SELECT = (
    "SELECT c.claim_id, c.doc_id, c.text, c.kind, c.modality, c.speaker, c.author, max(c.cw), c.day, c.title, "
    "c.group_id, c.group_size, c.decision, c.verdict, c.inherited, c.reviewer, c.gkey, count(*), "
    "count(DISTINCT c.doc_id) FROM desk_claims c"
)
HEAD_ORDER = {"cw": "h.cw DESC, h.gkey", "date": "h.day DESC, h.cw DESC", "article": "h.dct DESC, h.doc_id, h.start_char"}
BROAD = 20_000  # claims matching: from here on the page is found by walking the group heads in order


def counts(desk, f: Filters) -> tuple[int, int]:
    """(groups, claims) matching: a group counts once."""
    clause, params = where(f)
    if clause == "1":  # the whole desk: a group has one head
        return desk.query("SELECT (SELECT count(*) FROM desk_claims WHERE head = 1), count(*) FROM desk_claims")[0]
    # a claim alone is a group of its own; only the grouped ones need counting apart
    claims, alone, grouped = desk.query(f"SELECT count(*), count(*) - count(c.group_id), count(DISTINCT c.group_id) "
                                        f"FROM desk_claims c WHERE {clause}", params)[0]
    return alone + grouped, claims


def page(desk, f: Filters) -> tuple[list[dict], int, int]:
    """(rows of the page, groups matching, claims matching). A group is one row: its most check-worthy
    matching member, with ``matching`` members and the ``articles`` they come from.

    Two plans: when few claims match, they are grouped and sorted directly; when many do, the page's
    groups are found by walking the group heads (each group's most check-worthy claim) down an index
    in the sort order, keeping those with a matching member, which stops after one page.
    """
    groups, claims = counts(desk, f)
    clause, params = where(f)
    offset = (f.page - 1) * PAGE_SIZE
    if claims < BROAD:
        rows = desk.query(f"{_SELECT} WHERE {clause} GROUP BY c.gkey ORDER BY {SORTS[f.sort]} LIMIT ? OFFSET ?",
                          params + [PAGE_SIZE, offset])
        return [dict(zip(ROW_COLUMNS, r)) for r in rows], groups, claims
    test = "" if clause == "1" else (f" AND EXISTS (SELECT 1 FROM desk_claims c WHERE c.gkey = h.gkey AND {clause})")
    order = HEAD_ORDER[f.sort]
    gkeys = [r[0] for r in desk.query(f"SELECT h.gkey FROM desk_claims h WHERE h.head = 1{test} ORDER BY {order} "
                                      "LIMIT ? OFFSET ?", params + [PAGE_SIZE, offset])]
    if not gkeys:
        return [], groups, claims
    marks = ", ".join("?" for _ in gkeys)
    rows = desk.query(f"{_SELECT} WHERE {clause} AND c.gkey IN ({marks}) GROUP BY c.gkey", params + gkeys)
    by_key = {r[16]: dict(zip(ROW_COLUMNS, r)) for r in rows}
    return [by_key[k] for k in gkeys if k in by_key], groups, claims


FACETS = ("status", "verdict", "kind", "modality", "speaker", "entity", "doc")
TOP = 12
STALE_SECONDS = 15.0


def facets(desk, f: Filters) -> dict[str, list[tuple[str, str, int]]]:
    """For each facet, (value, label shown, claims) with every other filter applied.

    The facets of the records (kind, modality, speaker, entity, article) are kept per filter state
    until the records change; when a review filter is on (``status``, ``verdict``) decisions change
    them too, and they are counted again when a decision was made more than STALE_SECONDS after they
    were counted. The review facets are always counted afresh."""
    reviewed = bool(f.status or f.verdict)
    key = (desk.records_version, tuple(sorted(f.active().items())))
    cache = desk.cache
    hit = cache.get(key)
    fresh = hit is not None and (hit[1] == desk.version or (reviewed is False) or
                                 time.monotonic() - hit[2] < STALE_SECONDS)
    if fresh:
        out = hit[0]
    else:
        out = _record_facets(desk, f)
        if len(cache) > 64:
            cache.clear()
        cache[key] = (out, desk.version, time.monotonic())
    return {**_review_facets(desk, f), **out}


def _review_facets(desk, f: Filters) -> dict[str, list]:
    if not (f.status or f.verdict):
        clause, params = where(f)
        rows = desk.query(f"SELECT c.decision, coalesce(c.verdict, 'none'), sum(c.inherited), count(*) "
                          f"FROM desk_claims c WHERE {clause} GROUP BY 1, 2", params)
        status_rows = rows
        verdict_rows = rows
    else:
        clause, params = where(f, skip="status")
        status_rows = desk.query(f"SELECT c.decision, NULL, sum(c.inherited), count(*) FROM desk_claims c "
                                 f"WHERE {clause} GROUP BY 1", params)
        clause, params = where(f, skip="verdict")
        verdict_rows = desk.query(f"SELECT NULL, coalesce(c.verdict, 'none'), 0, count(*) FROM desk_claims c "
                                  f"WHERE {clause} GROUP BY 2", params)
    by_status: dict[str, int] = {}
    seen = 0
    for decision, _, inherited, n in status_rows:
        by_status[decision] = by_status.get(decision, 0) + n
        seen += inherited or 0
    by_verdict: dict[str, int] = {}
    for _, verdict, _, n in verdict_rows:
        by_verdict[verdict] = by_verdict.get(verdict, 0) + n
    labels = {"pending": "pending", "accept": "accepted", "reject": "rejected"}
    status = [(k, labels[k], by_status.get(k, 0)) for k in labels] + [("seen", "seen before", seen)]
    verdict = [(v, v, by_verdict.get(v, 0)) for v in ("true", "false", "misleading", "unverifiable", "none")]
    return {"status": status, "verdict": verdict}


def _record_facets(desk, f: Filters) -> dict[str, list]:
    out: dict[str, list] = {}
    if not (f.kind or f.modality):
        clause, params = where(f)
        rows = desk.query(f"SELECT c.kind, c.modality, count(*) FROM desk_claims c WHERE {clause} GROUP BY 1, 2",
                          params)
        for name, i in (("kind", 0), ("modality", 1)):
            totals: dict[str, int] = {}
            for r in rows:
                if r[i] is not None:
                    totals[r[i]] = totals.get(r[i], 0) + r[2]
            out[name] = [(v, v, n) for v, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    else:
        for name, column in (("kind", "c.kind"), ("modality", "c.modality")):
            clause, params = where(f, skip=name)
            rows = desk.query(f"SELECT {column}, count(*) FROM desk_claims c WHERE {clause} AND {column} IS NOT NULL "
                              f"GROUP BY 1 ORDER BY 2 DESC, 1", params)
            out[name] = [(v, v, n) for v, n in rows]
    clause, params = where(f, skip="speaker")
    rows = desk.query(f"SELECT c.speaker, count(*) FROM desk_claims c WHERE {clause} AND c.speaker IS NOT NULL "
                      f"GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP}", params)
    out["speaker"] = [(v, v, n) for v, n in rows]
    clause, params = where(f, skip="entity")
    if clause == "1":
        rows = desk.query(f"SELECT label, canonical, count(*) FROM desk_entities GROUP BY 1, 2 "
                          f"ORDER BY 3 DESC, 2 LIMIT {TOP}")
    else:
        rows = desk.query(f"SELECT e.label, e.canonical, count(*) FROM desk_entities e WHERE e.crow IN "
                          f"(SELECT c.rowid FROM desk_claims c WHERE {clause}) GROUP BY 1, 2 ORDER BY 3 DESC, 2 "
                          f"LIMIT {TOP}", params)
    out["entity"] = [(f"{label}:{name}", f"{name} ({label})", n) for label, name, n in rows]
    clause, params = where(f, skip="doc")
    rows = desk.query(f"SELECT c.doc_id, c.title, count(*) FROM desk_claims c WHERE {clause} GROUP BY 1 "
                      f"ORDER BY 3 DESC, 2 LIMIT {TOP}", params)
    out["doc"] = [(d, t, n) for d, t, n in rows]
    return out
