"""The claims desk's database: every claim of an annotations folder in one SQLite file, for the queue.

Built on :mod:`claimpipe.store`: ``claimpipe load``'s tables (documents, claims, entities, dates, quotes,
reviews) are loaded from ``annotations/`` on start, when ``documents.jsonl`` or ``claims.jsonl`` changed
since the last build (their size and modification time are kept in ``desk_meta``): only the articles whose
lines changed (:mod:`claimpipe.review.desk_refresh`), or all on a first build; then the desk's own tables
are made from them:

- ``desk_claims``: one row per claim with what the queue filters and sorts on (kind, modality, speaker,
  check-worthiness, the claim's date: its first TIMEX3 date value, else the article's date), its group
  and the decision in force (its own, or *inherited* from its group: "seen before");
- ``desk_fts``: an FTS5 index over the claim text (external content: ``desk_claims``);
- ``desk_entities``: (canonical name, label, claim id, claim rowid) for the entity filter and facet;
- ``desk_groups``: (claim id, group id, doc id) of repeated claims: the ``group_id`` of the records (as
  ``claimpipe extract`` wrote them in ``claims.jsonl``, loaded into ``claims.group_id``), less the claims a
  reviewer split off; claims the records do not group yet (a folder written otherwise, or appended since)
  are grouped with the same code (:func:`claimpipe.run.groups.group`, the records' ids kept), so the desk,
  ``claims.jsonl`` and ``claimpipe load``'s ``claim_groups`` agree.

``reviews.jsonl`` stays the record of decisions (append-only, the latest line per claim wins); the
``reviews`` table follows it: decisions made here are appended to the file and upserted under one lock,
and lines appended by others (an import, another server) are read from where the last read stopped.
SQLite only: the search is FTS5.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Iterable, Optional, Union

from claimpipe.review import desk_refresh
from claimpipe.run.groups import Member, group
from claimpipe.review.store import REVIEWS, Corpus, ReviewStore, valid_record
from claimpipe.schema import ClaimRecord, Correction, DocumentRecord, ReviewDecision
from claimpipe.store.database import DatabaseError, connect, default_url
from claimpipe.store.tables import REVIEWS as REVIEWS_TABLE, review_row

DESK_VERSION = "7"  # bump when the desk tables change: they are rebuilt
NUMERIC_LABELS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS desk_meta (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE IF NOT EXISTS desk_claims (
        rowid INTEGER PRIMARY KEY, claim_id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL, start_char INTEGER,
        text TEXT NOT NULL, kind TEXT, modality TEXT, speaker TEXT, author TEXT, cw REAL, day TEXT, dct TEXT,
        title TEXT, group_id TEXT, gkey TEXT NOT NULL, group_size INTEGER NOT NULL DEFAULT 1,
        decision TEXT NOT NULL DEFAULT 'pending', verdict TEXT, own INTEGER NOT NULL DEFAULT 0,
        inherited INTEGER NOT NULL DEFAULT 0, reviewer TEXT, decided_at TEXT, head INTEGER NOT NULL DEFAULT 1)""",
    "CREATE INDEX IF NOT EXISTS desk_claims_head_cw ON desk_claims (head, cw DESC, gkey)",
    "CREATE INDEX IF NOT EXISTS desk_claims_head_day ON desk_claims (head, day DESC)",
    "CREATE INDEX IF NOT EXISTS desk_claims_head_article ON desk_claims (head, dct DESC, doc_id, start_char)",
    "CREATE INDEX IF NOT EXISTS desk_claims_cw ON desk_claims (cw DESC)",
    "CREATE INDEX IF NOT EXISTS desk_claims_gkey ON desk_claims (gkey)",
    "CREATE INDEX IF NOT EXISTS desk_claims_doc ON desk_claims (doc_id, start_char)",
    "CREATE INDEX IF NOT EXISTS desk_claims_speaker ON desk_claims (speaker)",
    "CREATE INDEX IF NOT EXISTS desk_claims_day ON desk_claims (day)",
    "CREATE INDEX IF NOT EXISTS desk_claims_review ON desk_claims (decision, verdict, inherited)",
    "CREATE INDEX IF NOT EXISTS desk_claims_kind ON desk_claims (kind, modality)",
    # covers the grouped count of the column facets (claimpipe.review.queue._column_facets): read from the
    # index, not the rows
    "CREATE INDEX IF NOT EXISTS desk_claims_columns ON desk_claims (kind, modality, speaker, decision, verdict, "
    "inherited)",
    """CREATE VIRTUAL TABLE IF NOT EXISTS desk_fts USING fts5(
        text, content='desk_claims', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TABLE IF NOT EXISTS desk_entities (
        canonical TEXT NOT NULL, label TEXT NOT NULL, claim_id TEXT NOT NULL, crow INTEGER NOT NULL,
        PRIMARY KEY (canonical, label, claim_id)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS desk_entities_claim ON desk_entities (claim_id)",
    """CREATE TABLE IF NOT EXISTS desk_lines (
        doc_id TEXT NOT NULL, file TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS desk_lines_doc ON desk_lines (doc_id)",
    """CREATE TABLE IF NOT EXISTS desk_groups (
        claim_id TEXT PRIMARY KEY, group_id TEXT NOT NULL, doc_id TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS desk_groups_group ON desk_groups (group_id)",
)

_FILL_CLAIMS = f"""
INSERT INTO desk_claims (claim_id, doc_id, start_char, text, kind, modality, speaker, author, cw, day, dct, title, gkey)
SELECT c.claim_id, c.doc_id, c.start_char, c.text, c.kind, c.modality,
       CASE WHEN c.source_type = 'speaker' THEN c.source_name END,
       CASE WHEN c.source_type = 'author' THEN c.source_name END,
       c.checkworthiness,
       coalesce((SELECT substr(min(dt.value), 1, 10) FROM claim_dates cd JOIN dates dt
                   ON dt.doc_id = cd.doc_id AND dt.start_char = cd.start_char AND dt.end_char = cd.end_char
                  AND dt.type = cd.type
                 WHERE cd.claim_id = c.claim_id AND dt.value GLOB '[0-9][0-9][0-9][0-9]*'),
                substr(d.dct, 1, 10)),
       d.dct, coalesce(d.title, d.source, d.doc_id), c.claim_id
FROM claims c JOIN documents d ON d.doc_id = c.doc_id
"""
_FILL_ENTITIES = f"""
INSERT OR IGNORE INTO desk_entities (canonical, label, claim_id, crow)
SELECT coalesce(nullif(e.canonical, ''), e.text), e.label, ce.claim_id, dc.rowid
FROM claim_entities ce JOIN entities e
  ON e.doc_id = ce.doc_id AND e.start_char = ce.start_char AND e.end_char = ce.end_char AND e.label = ce.label
JOIN desk_claims dc ON dc.claim_id = ce.claim_id
WHERE e.label NOT IN ({", ".join(repr(x) for x in NUMERIC_LABELS)})
"""


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except FileNotFoundError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}"


def sqlite_path(url: str) -> str:
    """The file of a SQLite URL (``sqlite:///x.db``, ``sqlite:////abs/x.db`` or a plain path)."""
    if url.startswith(("postgresql:", "postgres:")):
        raise DatabaseError("the claims desk needs SQLite (its search is FTS5): give --db sqlite:///PATH.db")
    if "://" not in url:
        return url
    rest = url.split("://", 1)[1]
    return rest[1:].split("?", 1)[0]


class Desk:
    """The desk database of one annotations folder. Thread-safe: one connection behind one lock."""

    def __init__(self, folder: Union[str, Path], db: Optional[str] = None, *, log=None):
        self.folder = Path(folder)
        self.url = db or default_url(self.folder)
        self.path = sqlite_path(self.url)
        self.log = log or (lambda message: None)
        self.lock = threading.RLock()
        self.version = 0  # grows with every change of records or decisions (for caches)
        self.records_version = 0
        self.last_build: dict = {}  # what the last rebuild did: full, articles loaded, removed
        self.cache: dict = {}  # facet counts per filter state (claimpipe.review.queue.facets)
        self._checked = 0.0
        self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None,
                                    timeout=30)
        with self.lock:
            self._schema()
        self.refresh(force=True)

    def _schema(self) -> None:
        """The desk's tables; those of another desk version are dropped first (and rebuilt)."""
        self.conn.execute(SCHEMA[0])
        if self.meta("desk_version") != DESK_VERSION:
            for table in ("desk_fts", "desk_claims", "desk_entities", "desk_groups", "desk_lines", "desk_docs"):
                self.conn.execute(f"DROP TABLE IF EXISTS {table}")
            self.conn.execute("DELETE FROM desk_meta")
        for statement in SCHEMA + desk_refresh.SCHEMA:
            self.conn.execute(statement)
        self.set_meta("desk_version", DESK_VERSION)

    # ------------------------------------------------------------------ meta

    def meta(self, key: str, default: Optional[str] = None) -> Optional[str]:
        with self.lock:
            row = self.conn.execute("SELECT value FROM desk_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.lock:
            self.conn.execute("INSERT INTO desk_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                              "SET value = excluded.value", (key, value))

    def query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self.lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    # ------------------------------------------------------------------ building

    def records_stamp(self) -> str:
        return "|".join([DESK_VERSION, _stamp(self.folder / "documents.jsonl"), _stamp(self.folder / "claims.jsonl")])

    def refresh(self, *, force: bool = False, every: float = 1.0) -> bool:
        """Bring the database up to the folder; True when it changed. New lines of reviews.jsonl are read
        every time (a stat when there are none); the records are compared at most once a second unless
        ``force``."""
        now = time.monotonic()
        with self.lock:
            changed = False
            if force or now - self._checked >= every:
                self._checked = now
                if self.meta("records") != self.records_stamp():
                    self.rebuild()
                    changed = True
            changed = self.sync_reviews() or changed
            if changed:
                self.version += 1
            if force:
                self.warm()
            return changed

    def warm(self) -> None:
        """Count the facets of the unfiltered queue now (at start), not on the first page."""
        from claimpipe.review.queue import Filters, facets

        facets(self, Filters())

    def rebuild(self) -> None:
        """Load the records with ``claimpipe load``'s loader, then make the desk tables from them: those of
        the articles whose lines changed only (:mod:`claimpipe.review.desk_refresh`), or all of them."""
        from claimpipe.store.load import load

        stamp = self.records_stamp()
        started = time.perf_counter()
        lines, digests = desk_refresh.scan(self.folder)
        changed, gone, full = desk_refresh.plan(self.conn, digests)
        report = load(self.folder, db=self.url, only=None if full else changed)
        for failure in report.failures[:20]:
            self.log(f"not loaded {failure}")
        self.set_meta("problems", json.dumps([str(f) for f in report.failures[:200]]))
        desk_refresh.drop(self.conn, gone)
        if full:
            self._fill()
        else:
            desk_refresh.fill_some(self.conn, changed, _FILL_CLAIMS, _FILL_ENTITIES)
        desk_refresh.remember(self.conn, digests, {f.where for f in report.failures}, full)
        self._index_lines(lines)
        self.regroup()
        self.recompute_state()  # the decisions the loader read, on the fresh rows
        self.conn.execute("ANALYZE")  # the planner's statistics, for the queue's filters
        self.set_meta("reviews_offset", "0")
        self.set_meta("records", stamp)
        self.records_version += 1
        self.cache.clear()
        self.last_build = {"full": full, "loaded": report.documents, "removed": len(gone)}
        documents, claims = self.query("SELECT (SELECT count(*) FROM documents), count(*) FROM desk_claims")[0]
        how = "built" if full else f"{len(changed)} changed and {len(gone)} removed articles brought up to date"
        self.log(f"claims desk: {documents} article{'' if documents == 1 else 's'}, {claims} claims, "
                 f"{self.query('SELECT count(DISTINCT group_id) FROM desk_groups')[0][0]} groups of repeated claims, "
                 f"{how} in {time.perf_counter() - started:.1f} s -> {self.url}")

    def _fill(self) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("DELETE FROM desk_claims")
            c.execute(_FILL_CLAIMS)
            c.execute("INSERT INTO desk_fts (desk_fts) VALUES ('rebuild')")
            c.execute("DELETE FROM desk_entities")
            c.execute(_FILL_ENTITIES)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _index_lines(self, rows: list[tuple]) -> None:
        """Where each article's lines are in documents.jsonl and claims.jsonl (``rows`` of
        :func:`claimpipe.review.desk_refresh.scan`), so that opening one article reads its lines only
        (:meth:`document_corpus`), not the whole corpus."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("DELETE FROM desk_lines")
            c.executemany("INSERT INTO desk_lines (doc_id, file, offset, length) VALUES (?, ?, ?, ?)", rows)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def document_corpus(self, doc_id: str) -> Optional[Corpus]:
        """One article as a :class:`~claimpipe.review.store.Corpus` (its record, claims and decisions,
        orphans included), read from its own lines; None when the folder changed under the index."""
        self.refresh()
        lines = self.query("SELECT file, offset, length FROM desk_lines WHERE doc_id = ? ORDER BY file DESC, offset",
                           (doc_id,))
        corpus = Corpus(folder=self.folder)
        for name, offset, length in lines:
            with open(self.folder / name, "rb") as fh:
                fh.seek(offset)
                raw = fh.read(length)
            try:
                record = json.loads(raw)
            except ValueError:
                return None
            if not isinstance(record, dict) or record.get("doc_id") != doc_id:
                return None
            model = DocumentRecord if name == "documents.jsonl" else ClaimRecord
            if not valid_record(model, record, name, 0, corpus.problems):
                continue
            if name == "documents.jsonl":
                corpus.documents[doc_id] = record
                corpus.claims.setdefault(doc_id, [])
            elif doc_id in corpus.documents:
                corpus.claims[doc_id].append(record)
        if doc_id not in corpus.documents:
            return None
        corpus.claims[doc_id].sort(key=lambda c: (c["start"], c["end"]))
        ids = [r[0] for r in self.query("SELECT claim_id FROM reviews WHERE doc_id = ?", (doc_id,))]
        ids += [c["claim_id"] for c in corpus.claims[doc_id]]
        corpus.decisions = {cid: d for cid in dict.fromkeys(ids) if (d := self.decision_in_force(cid)) is not None}
        corpus.index()
        return corpus

    def doc_of(self, claim_id: str) -> Optional[str]:
        """The article of a claim the desk knows."""
        row = self.query("SELECT doc_id FROM desk_claims WHERE claim_id = ?", (claim_id,))
        return row[0][0] if row else None

    def split_off(self) -> set[str]:
        """Claims a reviewer split off their group: their decision in force corrects the field 'group'."""
        rows = self.conn.execute("SELECT claim_id, details FROM reviews WHERE details LIKE ?", ('%"group"%',))
        return {cid for cid, details in rows
                if any(c.get("field") == "group" for c in json.loads(details or "{}").get("corrections") or [])}

    def regroup(self) -> None:
        """Group repeated claims (:func:`claimpipe.run.groups.group`, the records' ``group_id`` as the ids in
        force: on records grouped by extract it gives them back as they are) and store the groups."""
        rows = self.conn.execute(
            "SELECT dc.claim_id, dc.text, dc.speaker, coalesce(dc.dct, '9999'), dc.doc_id, dc.start_char, c.group_id "
            "FROM desk_claims dc JOIN claims c ON c.claim_id = dc.claim_id").fetchall()
        split = self.split_off()
        members = [Member(r[0], r[1], r[2], (r[3], r[4], r[5] or 0)) for r in rows if r[0] not in split]
        groups = group(members, {r[0]: r[6] for r in rows if r[6]})
        docs = {r[0]: r[4] for r in rows}
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("DELETE FROM desk_groups")
            c.executemany("INSERT INTO desk_groups (claim_id, group_id, doc_id) VALUES (?, ?, ?)",
                          [(cid, gid, docs[cid]) for cid, gid in groups.items()])
            c.execute("UPDATE desk_claims SET group_id = NULL, gkey = claim_id, group_size = 1, head = 1")
            c.execute("UPDATE desk_claims SET group_id = g.group_id, gkey = g.group_id FROM desk_groups g "
                      "WHERE g.claim_id = desk_claims.claim_id")
            c.execute("UPDATE desk_claims SET head = 0 WHERE group_id IS NOT NULL")
            c.execute("UPDATE desk_claims SET head = 1 WHERE rowid IN (SELECT rowid FROM (SELECT rowid, row_number() "
                      "OVER (PARTITION BY gkey ORDER BY cw DESC, claim_id) AS n FROM desk_claims "
                      "WHERE group_id IS NOT NULL) WHERE n = 1)")
            c.execute("UPDATE desk_claims SET group_size = s.n FROM (SELECT group_id, count(*) n FROM desk_groups "
                      "GROUP BY group_id) s WHERE s.group_id = desk_claims.group_id")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ decisions

    def sync_reviews(self) -> bool:
        """Upsert the lines of reviews.jsonl not read yet (all of them when the file shrank or changed)."""
        path = self.folder / REVIEWS
        offset = int(self.meta("reviews_offset", "0") or 0)
        size = path.stat().st_size if path.exists() else 0
        if size == offset:
            return False
        reset = size < offset  # the file was replaced: read it all again
        if reset:
            offset = 0
            self.conn.execute("DELETE FROM reviews")
        data = b""
        if size:
            with open(path, "rb") as fh:
                fh.seek(offset)
                data = fh.read(size - offset)
        end = data.rfind(b"\n") + 1  # a line being written is read next time
        decisions = []
        for line in data[:end].splitlines():
            try:
                decisions.append(ReviewDecision.model_validate_json(line))
            except ValueError:
                continue  # the review page lists unreadable lines
        with self.lock:
            self._upsert(decisions)
            self.set_meta("reviews_offset", str(offset + end))
            if reset:
                self.recompute_state()
            else:  # the groups of the claims decided since the last read
                self.recompute_state(self._gkeys({d.claim_id for d in decisions}))
        return True

    def _gkeys(self, claim_ids: set[str]) -> list[str]:
        found: set[str] = set()
        ids = sorted(claim_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            found.update(r[0] for r in self.conn.execute(
                f"SELECT gkey FROM desk_claims WHERE claim_id IN ({', '.join('?' for _ in chunk)})", chunk))
        return sorted(found)

    def _upsert(self, decisions: list[ReviewDecision]) -> None:
        rows = []
        for d in decisions:
            try:
                rows.append(review_row(d))
            except ValueError:
                continue
        if rows:
            self.conn.executemany(REVIEWS_TABLE.upsert("sqlite"), rows)

    def recompute_state(self, gkeys: Optional[list[str]] = None) -> None:
        """The decision in force on each claim (of ``gkeys``, or all): its own, else its group's latest."""
        scope, params = "", []
        if gkeys is not None and not gkeys:
            return
        if gkeys is not None and len(gkeys) > 20_000:  # as many as a whole pass
            gkeys = None
        if gkeys is not None:
            scope = f" AND gkey IN ({', '.join('?' for _ in gkeys)})"
            params = list(gkeys)
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("UPDATE desk_claims SET decision = 'pending', verdict = NULL, own = 0, inherited = 0, "
                      f"reviewer = NULL, decided_at = NULL WHERE 1{scope}", params)
            c.execute("UPDATE desk_claims SET decision = r.decision, verdict = r.verdict, own = 1, "
                      "reviewer = r.reviewer, decided_at = r.decided_at FROM reviews r "
                      f"WHERE r.claim_id = desk_claims.claim_id{scope}", params)
            c.execute(
                "UPDATE desk_claims SET decision = l.decision, verdict = l.verdict, inherited = 1, "
                "reviewer = l.reviewer, decided_at = l.decided_at FROM (SELECT gkey, decision, verdict, reviewer, "
                "decided_at, row_number() OVER (PARTITION BY gkey ORDER BY decided_at DESC, claim_id DESC) AS n "
                f"FROM desk_claims WHERE own = 1 AND group_id IS NOT NULL{scope}) l "
                "WHERE l.n = 1 AND l.gkey = desk_claims.gkey AND desk_claims.own = 0", params)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def record(self, decisions: list[ReviewDecision]) -> None:
        """Append ``decisions`` to reviews.jsonl and apply them to the database, in the same order.

        Under the desk's lock, so the file's order (latest wins) and the table's agree when two
        reviewers decide at once.
        """
        with self.lock:
            ReviewStore(self.folder / REVIEWS).append(decisions)
            self._upsert(decisions)
            self.recompute_state(self._gkeys({d.claim_id for d in decisions}))
            self.version += 1

    def decision_in_force(self, claim_id: str) -> Optional[ReviewDecision]:
        """The claim's own latest decision, from the reviews table."""
        row = self.query("SELECT claim_id, doc_id, decision, verdict, note, evidence_url, reviewer, decided_at, "
                         "details FROM reviews WHERE claim_id = ?", (claim_id,))
        if not row:
            return None
        r = row[0]
        details = json.loads(r[8] or "{}")
        return ReviewDecision(
            claim_id=r[0], doc_id=r[1], decision=r[2], verdict=r[3], note=r[4], evidence_url=r[5], reviewer=r[6],
            time=r[7][:19] + "Z", claim_text=details.get("claim_text"),
            corrections=[Correction(**c) for c in details.get("corrections") or []],
        )

    def members(self, gkey: str) -> list[dict]:
        """The claims of a group (or the one claim whose gkey is its id), earliest article first."""
        cols = ("claim_id", "doc_id", "text", "speaker", "author", "cw", "day", "dct", "title", "group_id",
                "group_size", "decision", "verdict", "own", "inherited", "reviewer", "decided_at", "kind", "modality")
        rows = self.query(f"SELECT {', '.join(cols)} FROM desk_claims WHERE gkey = ? "
                          "ORDER BY coalesce(dct, '9999'), doc_id, start_char", (gkey,))
        return [dict(zip(cols, r)) for r in rows]

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def decide(desk: Desk, gkey: str, *, decision: str, verdict: Optional[str], reviewer: Optional[str],
           when: str) -> list[ReviewDecision]:
    """A decision on every member of a group (or on one claim): each member keeps its note, evidence and
    corrections; the decisions are recorded (:meth:`Desk.record`) and returned."""
    out = []
    for m in desk.members(gkey):
        old = desk.decision_in_force(m["claim_id"])
        out.append(ReviewDecision(
            claim_id=m["claim_id"], doc_id=m["doc_id"], claim_text=m["text"], decision=decision,
            verdict=verdict or None, corrections=old.corrections if old else [],
            note=old.note if old else None, evidence_url=old.evidence_url if old else None,
            reviewer=reviewer or None, time=when,
        ))
    if out:
        desk.record(out)
    return out


def open_desk(folder: Union[str, Path], db: Optional[str] = None, log=None) -> Desk:
    """The desk of ``folder``: its database built or brought up to date."""
    sqlite_path(db or default_url(Path(folder)))  # a PostgreSQL URL is refused before any connection
    if db is None and not os.access(Path(folder), os.W_OK):
        raise DatabaseError(f"cannot write the desk database in {folder}: give --db sqlite:///PATH.db")
    connect(db or default_url(Path(folder))).close()  # the store's tables, migrated
    return Desk(folder, db, log=log)


def split(desk: Desk, claim_id: str, *, reviewer: Optional[str], when: str) -> Optional[ReviewDecision]:
    """Split a claim off its group: recorded as a decision that keeps the claim's state and corrects
    its field 'group' (so it survives rebuilds, in reviews.jsonl); the group loses the member at once
    (its id stays until the next build, even when the member was its anchor). None for no such grouped claim."""
    row = desk.query("SELECT doc_id, text, group_id FROM desk_claims WHERE claim_id = ?", (claim_id,))
    if not row or row[0][2] is None:
        return None
    doc_id, text, gid = row[0]
    old = desk.decision_in_force(claim_id)
    corrections = [c for c in (old.corrections if old else []) if c.field != "group"]
    decision = ReviewDecision(
        claim_id=claim_id, doc_id=doc_id, claim_text=text, decision=old.decision if old else "pending",
        verdict=old.verdict if old else None, note=old.note if old else None,
        evidence_url=old.evidence_url if old else None, reviewer=reviewer or None, time=when,
        corrections=corrections + [Correction(field="group", value="split off " + gid)],
    )
    with desk.lock:
        c = desk.conn
        c.execute("DELETE FROM desk_groups WHERE claim_id = ?", (claim_id,))
        c.execute("UPDATE desk_claims SET group_id = NULL, gkey = claim_id, group_size = 1, head = 1 "
                  "WHERE claim_id = ?", (claim_id,))
        left = c.execute("SELECT count(*) FROM desk_groups WHERE group_id = ?", (gid,)).fetchone()[0]
        if left < 2:  # a group of one is no group
            c.execute("DELETE FROM desk_groups WHERE group_id = ?", (gid,))
            c.execute("UPDATE desk_claims SET group_id = NULL, gkey = claim_id, group_size = 1, head = 1 "
                      "WHERE group_id = ?", (gid,))
        else:
            c.execute("UPDATE desk_claims SET group_size = ?, head = 0 WHERE group_id = ?", (left, gid))
            c.execute("UPDATE desk_claims SET head = 1 WHERE rowid = (SELECT rowid FROM desk_claims "
                      "WHERE group_id = ? ORDER BY cw DESC, claim_id LIMIT 1)", (gid,))
        desk.record([decision])
        desk.recompute_state([gid, claim_id])
    return decision
