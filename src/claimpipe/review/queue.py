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
    simple = {"kind": "c.kind", "modality": "c.modality", "speaker": "c.speaker", "doc": "c.doc_id"}
    for name, column in simple.items():
        value = getattr(f, name)
        if value and skip != name:
            parts.append(f"{column} = ?")
            params.append(value)
    if f.status and skip != "status":
        if f.status == "seen":
            parts.append("c.inherited = 1")
        else:
            parts.append("c.decision = ?")
            params.append(f.status)
    if f.verdict and skip != "verdict":
        if f.verdict == "none":
            parts.append("c.verdict IS NULL")
        else:
            parts.append("c.verdict = ?")
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


def page(desk, f: Filters) -> tuple[list[dict], int, int]:
    """(rows of the page, groups matching, claims matching). A group is one row: its most check-worthy
    matching member, with ``matching`` members and the ``articles`` they come from."""
    clause, params = where(f)
    order = SORTS[f.sort]
    sql = (
        "SELECT c.claim_id, c.doc_id, c.text, c.kind, c.modality, c.speaker, c.author, max(c.cw), c.day, c.title, "
        "c.group_id, c.group_size, c.decision, c.verdict, c.inherited, c.reviewer, c.gkey, count(*), "
        f"count(DISTINCT c.doc_id) FROM desk_claims c WHERE {clause} GROUP BY c.gkey ORDER BY {order} "
        "LIMIT ? OFFSET ?"
    )
    rows = desk.query(sql, params + [PAGE_SIZE, (f.page - 1) * PAGE_SIZE])
    total = desk.query(f"SELECT count(DISTINCT c.gkey), count(*) FROM desk_claims c WHERE {clause}", params)[0]
    return [dict(zip(ROW_COLUMNS, r)) for r in rows], total[0], total[1]


FACETS = ("status", "verdict", "kind", "modality", "speaker", "entity", "doc")
TOP = 12


def facets(desk, f: Filters) -> dict[str, list[tuple[str, str, int]]]:
    """For each facet, (value, label shown, claims) with every other filter applied."""
    out: dict[str, list] = {}
    for name, column in (("kind", "c.kind"), ("modality", "c.modality")):
        clause, params = where(f, skip=name)
        rows = desk.query(f"SELECT {column}, count(*) FROM desk_claims c WHERE {clause} AND {column} IS NOT NULL "
                          f"GROUP BY 1 ORDER BY 2 DESC, 1", params)
        out[name] = [(v, v, n) for v, n in rows]
    clause, params = where(f, skip="status")
    rows = desk.query(f"SELECT c.decision, sum(c.inherited), count(*) FROM desk_claims c WHERE {clause} GROUP BY 1",
                      params)
    by = {d: n for d, _, n in rows}
    labels = {"pending": "pending", "accept": "accepted", "reject": "rejected"}
    out["status"] = [(k, labels[k], by.get(k, 0)) for k in labels]
    out["status"].append(("seen", "seen before", sum(s or 0 for _, s, _ in rows)))
    clause, params = where(f, skip="verdict")
    rows = desk.query(f"SELECT coalesce(c.verdict, 'none'), count(*) FROM desk_claims c WHERE {clause} GROUP BY 1",
                      params)
    by = dict(rows)
    out["verdict"] = [(v, v, by.get(v, 0)) for v in ("true", "false", "misleading", "unverifiable", "none")]
    clause, params = where(f, skip="speaker")
    rows = desk.query(f"SELECT c.speaker, count(*) FROM desk_claims c WHERE {clause} AND c.speaker IS NOT NULL "
                      f"GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP}", params)
    out["speaker"] = [(v, v, n) for v, n in rows]
    clause, params = where(f, skip="entity")
    rows = desk.query(f"SELECT e.label, e.canonical, count(*) FROM desk_entities e JOIN desk_claims c "
                      f"ON c.claim_id = e.claim_id WHERE {clause} GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT {TOP}", params)
    out["entity"] = [(f"{label}:{name}", f"{name} ({label})", n) for label, name, n in rows]
    clause, params = where(f, skip="doc")
    rows = desk.query(f"SELECT c.doc_id, c.title, count(*) FROM desk_claims c WHERE {clause} GROUP BY 1 "
                      f"ORDER BY 3 DESC, 2 LIMIT {TOP}", params)
    out["doc"] = [(d, t, n) for d, t, n in rows]
    return out
