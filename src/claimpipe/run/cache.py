"""The incremental-run cache: finished articles' records, keyed by content and pipeline.

A SQLite file in the output folder (``.claimpipe-cache.sqlite``). Every finished batch is committed
at once, so a run killed at any point (even with SIGKILL) keeps what it finished and the next run
picks up from there. The key of an article is a hash of the pipeline fingerprint (model, claimpipe
code, options) and everything read from the article, so a changed article or pipeline is processed
again and an unchanged one is not. An article that timed out is not kept: it is tried again next run.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict, astuple, dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Optional

from claimpipe.io.read import Article
from claimpipe.run.results import Failed, Notice, Outcome, Processed
from claimpipe.store.sqlite_wal import enable_wal

CACHE_NAME = ".claimpipe-cache.sqlite"


def code_fingerprint() -> str:
    """A hash of claimpipe's own code and shipped data (so a code change invalidates the cache)."""
    digest = hashlib.sha256()
    root = resources.files("claimpipe")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix not in {".pyc"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(str(root)).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_fingerprint(model: str) -> str:
    """Name and version of a spaCy pipeline, without importing spaCy."""
    path = Path(model)
    if path.exists():
        meta = path / "meta.json"
        return f"path:{path.resolve()}:{hashlib.sha256(meta.read_bytes()).hexdigest()[:12] if meta.exists() else ''}"
    module = model.replace("-", "_")
    try:  # the usual case, a distribution named as its module: found without scanning every installed one
        return f"pkg:{module}:{metadata.distribution(module).metadata['Name']}=={metadata.version(module)}"
    except metadata.PackageNotFoundError:
        pass
    dists = metadata.packages_distributions().get(module, [])
    versions = []
    for dist in dists:
        try:
            versions.append(f"{dist}=={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            continue
    return f"pkg:{module}:{','.join(versions)}"


def pipeline_fingerprint(model: str, options: dict) -> str:
    from claimpipe import __version__

    payload = json.dumps({"model": model_fingerprint(model), "claimpipe": __version__, "code": code_fingerprint(),
                          "options": options}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def article_key(fingerprint: str, article: Article) -> str:
    digest = hashlib.sha256(fingerprint.encode())
    for part in astuple(article):
        digest.update(b"\x1f")
        digest.update(json.dumps(part, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass(frozen=True)
class CacheRow:
    """A finished article as the cache keeps it: its key (:func:`article_key`), its source and its outcome."""

    key: str
    source: str
    outcome: Outcome


class Cache:
    """Finished articles of earlier runs into the same output folder."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_NAME
        self.db = sqlite3.connect(self.path)
        enable_wal(self.db)  # another run into the same folder may be opening it too
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, source TEXT, document TEXT, claims TEXT,"
            " error TEXT, used INTEGER DEFAULT 0, warnings TEXT)"
        )
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(results)")}
        if "warnings" not in columns:  # a cache written by an older claimpipe
            self.db.execute("ALTER TABLE results ADD COLUMN warnings TEXT")
        self.db.execute("UPDATE results SET used = 0")
        self.db.commit()

    def get(self, key: str) -> Optional[Outcome]:
        """The outcome of an article processed before, or None."""
        row = self.db.execute("SELECT document, claims, error, warnings FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        self.db.execute("UPDATE results SET used = 1 WHERE key = ?", (key,))
        document, claims, error, warnings = row
        if error:
            error = json.loads(error)
            return Failed(error["stage"], error["error"], error["message"])
        notices = [Notice(w["stage"], w["component"], w["error"], w["message"]) for w in json.loads(warnings or "[]")]
        return Processed(document, json.loads(claims) if claims else [], notices)

    def put_many(self, rows: Iterable[CacheRow]) -> None:
        """Keep ``rows`` (a timeout aside), committed at once."""
        self.db.executemany(
            "INSERT OR REPLACE INTO results (key, source, document, claims, error, used, warnings)"
            " VALUES (?, ?, ?, ?, ?, 1, ?)",
            [(row.key, row.source, *_columns(row.outcome)) for row in rows
             if not (isinstance(row.outcome, Failed) and row.outcome.stage == "timeout")],
        )
        self.db.commit()

    def prune(self) -> int:
        """Forget entries no article of this run used (deleted or changed articles)."""
        cur = self.db.execute("DELETE FROM results WHERE used = 0")
        self.db.commit()
        return cur.rowcount

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def _columns(outcome: Outcome) -> tuple[Optional[str], str, Optional[str], Optional[str]]:
    """The document, claims, error and warnings columns of an outcome."""
    if isinstance(outcome, Failed):
        return None, "[]", json.dumps(asdict(outcome)), None
    warnings = json.dumps([asdict(w) for w in outcome.warnings]) if outcome.warnings else None
    return outcome.document_json, json.dumps(outcome.claim_jsons), None, warnings
