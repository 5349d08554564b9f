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

    The facets of the columns few values or names fill (status, verdict, kind, modality, speaker) come from
    one grouped count of the claims the other filters (search, entity, dates, article) select, kept until
    the next change of records or decisions: a click on one of those facets is answered from it. The
    entity and article facets are counted per filter state and kept until the records change; when a
    review filter is on, decisions change them too, and they are counted again when a decision was made
    more than STALE_SECONDS after they were counted."""
    out = _column_facets(desk, f)
    reviewed = bool(f.status or f.verdict)
    key = (desk.records_version, tuple(sorted(f.active().items())))
    cache = desk.cache
    hit = cache.get(key)
    fresh = hit is not None and (hit[1] == desk.version or (reviewed is False) or
                                 time.monotonic() - hit[2] < STALE_SECONDS)
    if fresh:
        named = hit[0]
    else:
        named = _named_facets(desk, f)
        if len(cache) > 64:
            cache.clear()
        cache[key] = (named, desk.version, time.monotonic())
    return {**out, **named}


_COLUMN_FACETS = ("kind", "modality", "speaker", "status", "verdict")
_STATUS_LABELS = {"pending": "pending", "accept": "accepted", "reject": "rejected"}


def _keeps(f: Filters, row: tuple, skip: str) -> bool:
    """Whether a grouped row (kind, modality, speaker, decision, verdict, inherited, n) passes the column
    filters of ``f`` but ``skip`` (as :func:`where` words them)."""
    kind, modality, speaker, decision, verdict, inherited, _ = row
    if f.kind and skip != "kind" and kind != f.kind:
        return False
    if f.modality and skip != "modality" and modality != f.modality:
        return False
    if f.speaker and skip != "speaker" and speaker != f.speaker:
        return False
    if f.status and skip != "status" and (inherited != 1 if f.status == "seen" else decision != f.status):
        return False
    if f.verdict and skip != "verdict" and (verdict is not None if f.verdict == "none" else verdict != f.verdict):
        return False
    return True


def _column_facets(desk, f: Filters) -> dict[str, list]:
    """status, verdict, kind, modality and speaker facets from one grouped count (see :func:`facets`)."""
    base = replace(f, **{name: "" for name in _COLUMN_FACETS}, sort="cw", page=1)
    key = ("columns", desk.version, desk.records_version, tuple(sorted(base.active().items())))
    rows = desk.cache.get(key)
    if rows is None:
        clause, params = where(base)
        rows = desk.query("SELECT c.kind, c.modality, c.speaker, c.decision, c.verdict, c.inherited, count(*) "
                          f"FROM desk_claims c WHERE {clause} GROUP BY 1, 2, 3, 4, 5, 6", params)
        if len(desk.cache) > 64:
            desk.cache.clear()
        desk.cache[key] = rows
    totals: dict[str, dict] = {name: {} for name in _COLUMN_FACETS}
    seen = 0
    for name, column in (("kind", 0), ("modality", 1), ("speaker", 2), ("status", 3), ("verdict", 4)):
        counts = totals[name]
        for row in rows:
            if _keeps(f, row, name):
                value = row[column] if name != "verdict" else (row[4] or "none")
                counts[value] = counts.get(value, 0) + row[6]
                if name == "status" and row[5]:
                    seen += row[6]
    out: dict[str, list] = {}
    for name in ("kind", "modality"):
        pairs = sorted(((v, n) for v, n in totals[name].items() if v is not None), key=lambda kv: (-kv[1], kv[0]))
        out[name] = [(v, v, n) for v, n in pairs]
    speakers = sorted(((v, n) for v, n in totals["speaker"].items() if v is not None), key=lambda kv: (-kv[1], kv[0]))
    out["speaker"] = [(v, v, n) for v, n in speakers[:TOP]]
    out["status"] = [(k, label, totals["status"].get(k, 0)) for k, label in _STATUS_LABELS.items()] + \
        [("seen", "seen before", seen)]
    out["verdict"] = [(v, v, totals["verdict"].get(v, 0)) for v in ("true", "false", "misleading", "unverifiable", "none")]
    return out


def _named_facets(desk, f: Filters) -> dict[str, list]:
    """The entity and article facets (names many, each counted with every other filter applied)."""
    out: dict[str, list] = {}
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
