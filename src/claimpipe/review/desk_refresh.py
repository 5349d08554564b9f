"""Bringing the claims desk up to its folder without building it all again: only the articles whose lines
changed are loaded and made into desk rows.

Each article's lines (its line of ``documents.jsonl`` and of ``claims.jsonl``) are hashed in one pass over
the files, which also indexes where they are (``desk_lines``); the digests are kept in ``desk_docs``. On a
change of the files, the articles whose digest changed are loaded again (``claimpipe load``'s loader, the
others' lines passed over unread), those gone from the folder are deleted, and their desk rows (claims,
FTS5 entries, entities) replaced; the groups and the decisions in force, which depend on the whole corpus,
are made again in full. A first build, or a change to most articles, builds everything.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from claimpipe.store.load import doc_id_of
from claimpipe.store.tables import DOCUMENT_TABLES, DOCUMENTS

FILES = ("documents.jsonl", "claims.jsonl")
# the tables claimpipe load fills per document, the links first (what refers to a row goes before it)
LOAD_TABLES = tuple(t.name for t in reversed(DOCUMENT_TABLES)) + (DOCUMENTS.name,)
PARTIAL_SHARE = 0.5  # more articles changed than this share: everything is built again

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS desk_docs (doc_id TEXT PRIMARY KEY, digest TEXT NOT NULL) WITHOUT ROWID",
)


def scan(folder: Path) -> tuple[list[tuple], dict[str, str]]:
    """(``desk_lines`` rows: doc id, file, offset, length; doc id -> digest of its lines) of ``folder``."""
    rows: list[tuple] = []
    hashes: dict[str, "hashlib._Hash"] = {}
    for name in FILES:
        path = Path(folder) / name
        if not path.exists():
            continue
        offset = 0
        with open(path, "rb") as fh:
            for line in fh:
                doc_id = doc_id_of(line)
                if doc_id is not None:
                    rows.append((doc_id, name, offset, len(line)))
                    h = hashes.get(doc_id)
                    if h is None:
                        h = hashes[doc_id] = hashlib.blake2b(digest_size=16)
                    h.update(name.encode() + b"\0" + line)
                offset += len(line)
    return rows, {doc_id: h.hexdigest() for doc_id, h in hashes.items()}


def plan(conn: sqlite3.Connection, digests: dict[str, str]) -> tuple[set[str], set[str], bool]:
    """(articles to load, articles to delete, whether to build everything) against the desk's digests."""
    known = dict(conn.execute("SELECT doc_id, digest FROM desk_docs"))
    loaded = {r[0] for r in conn.execute("SELECT doc_id FROM documents")} if _has(conn, "documents") else set()
    changed = {d for d, digest in digests.items() if known.get(d) != digest}
    gone = (loaded | set(known)) - set(digests)
    full = not known or len(changed) + len(gone) > PARTIAL_SHARE * max(1, len(digests))
    return changed, gone, full


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def _mark(conn: sqlite3.Connection, doc_ids: set[str]) -> None:
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS desk_changed (doc_id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM desk_changed")
    conn.executemany("INSERT OR IGNORE INTO desk_changed (doc_id) VALUES (?)", [(d,) for d in doc_ids])


def drop(conn: sqlite3.Connection, doc_ids: set[str]) -> None:
    """Delete ``doc_ids`` (articles gone from the folder) from the loaded tables and the desk's."""
    if not doc_ids:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        _mark(conn, doc_ids)
        _drop_rows(conn)
        for table in LOAD_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM desk_changed)")
        conn.execute("DELETE FROM desk_docs WHERE doc_id IN (SELECT doc_id FROM desk_changed)")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _drop_rows(conn: sqlite3.Connection) -> None:
    """The desk rows of the articles in ``desk_changed``: FTS5 entries first (external content)."""
    conn.execute("INSERT INTO desk_fts (desk_fts, rowid, text) SELECT 'delete', rowid, text FROM desk_claims "
                 "WHERE doc_id IN (SELECT doc_id FROM desk_changed)")
    conn.execute("DELETE FROM desk_entities WHERE crow IN (SELECT rowid FROM desk_claims "
                 "WHERE doc_id IN (SELECT doc_id FROM desk_changed))")
    conn.execute("DELETE FROM desk_claims WHERE doc_id IN (SELECT doc_id FROM desk_changed)")


def fill_some(conn: sqlite3.Connection, doc_ids: set[str], fill_claims: str, fill_entities: str) -> None:
    """Make the desk rows of ``doc_ids`` again from the loaded tables (``fill_claims`` and ``fill_entities``:
    the desk's statements for all articles, narrowed here to these)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        _mark(conn, doc_ids)
        _drop_rows(conn)
        conn.execute(fill_claims + " WHERE c.doc_id IN (SELECT doc_id FROM desk_changed)")
        conn.execute("INSERT INTO desk_fts (rowid, text) SELECT rowid, text FROM desk_claims "
                     "WHERE doc_id IN (SELECT doc_id FROM desk_changed)")
        conn.execute(fill_entities + " AND dc.doc_id IN (SELECT doc_id FROM desk_changed)")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def remember(conn: sqlite3.Connection, digests: dict[str, str], failed: set[str], full: bool) -> None:
    """Keep the digests of the articles now loaded as they are in the folder (not of those that failed:
    they are tried again at the next change)."""
    loaded = {r[0] for r in conn.execute("SELECT doc_id FROM documents")}
    rows = [(d, digest) for d, digest in digests.items() if d in loaded and d not in failed]
    conn.execute("BEGIN IMMEDIATE")
    try:
        if full:
            conn.execute("DELETE FROM desk_docs")
        conn.execute("DELETE FROM desk_docs WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(failed)),))
        conn.executemany("INSERT INTO desk_docs (doc_id, digest) VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE "
                         "SET digest = excluded.digest", rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
