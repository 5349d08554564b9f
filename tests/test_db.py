"""claimpipe.store: loading records into SQLite and PostgreSQL.

PostgreSQL tests use the server at $CLAIMPIPE_TEST_POSTGRES (default postgresql://postgres@127.0.0.1:5432/test),
each in a schema of its own that is dropped afterwards. Where no server answers they are skipped,
except under CI (CI=true), where that is a failure: CI must run them.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import uuid
from pathlib import Path

import pytest

from claimpipe.store import database as cdb
from claimpipe.store import load as loading
from claimpipe.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from claimpipe.schema import ClaimRecord, DocumentRecord, Entity, Quote, ReviewDecision, Speaker, TimeExpression
from claimpipe.io.write import record_line

from conftest import ROOT, SEED

PG_URL = os.environ.get("CLAIMPIPE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
TABLES = ("documents", "claims", "entities", "dates", "quotes", "claim_entities", "claim_dates", "claim_quotes", "reviews")
DOCS_MD = ROOT / "docs" / "database.md"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def pg_admin():
    try:
        import psycopg
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("psycopg is not installed: CI must run the PostgreSQL tests")
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]')")
    try:
        conn = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        message = f"no PostgreSQL server answers at {PG_URL} (set CLAIMPIPE_TEST_POSTGRES): {str(exc).strip()}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    yield conn
    conn.close()


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_url(pg_admin):
    schema = f"claimpipe_test_{uuid.uuid4().hex[:12]}"
    pg_admin.execute(f"CREATE SCHEMA {schema}")
    yield with_schema(PG_URL, schema)
    pg_admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'claims.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="module")
def seed_records(nlp, tmp_path_factory):
    """The seed article's records, extracted once: (document, claims)."""
    from claimpipe.run.extract import extract

    out = tmp_path_factory.mktemp("seed")
    extract([SEED], out=out, nlp=nlp, workers=0, dct="2021-03-04")
    document = DocumentRecord.model_validate_json((out / "documents.jsonl").read_text(encoding="utf-8"))
    claims = [ClaimRecord.model_validate_json(line) for line in (out / "claims.jsonl").open(encoding="utf-8")]
    assert len(claims) >= 5 and document.entities
    return document, claims


def variant(document: DocumentRecord, claims: list[ClaimRecord], suffix: str):
    """A copy of a document and its claims under other ids."""
    doc_id = document.doc_id + suffix
    new_doc = document.model_copy(update={"doc_id": doc_id, "claims": [c + suffix for c in document.claims]})
    new_claims = [c.model_copy(update={"doc_id": doc_id, "claim_id": c.claim_id + suffix}) for c in claims]
    return new_doc, new_claims


def write_folder(folder: Path, groups, reviews=()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "documents.jsonl").open("w", encoding="utf-8") as docs, \
            (folder / "claims.jsonl").open("w", encoding="utf-8") as cls:
        for document, claims in groups:
            docs.write(record_line(document))
            for claim in claims:
                cls.write(record_line(claim))
    if reviews:
        (folder / "reviews.jsonl").write_text("".join(r if isinstance(r, str) else record_line(r) for r in reviews),
                                              encoding="utf-8")
    return folder


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, JSON parsed: comparable across SQLite and PostgreSQL."""
    database = cdb.Database(url)
    try:
        out = {}
        for table in TABLES:
            rows = database.query(f"SELECT * FROM {table}")
            out[table] = sorted(
                (tuple(json.loads(v) if isinstance(v, str) and v[:1] in "{[" else v for v in row) for row in rows),
                key=repr,
            )
        return out
    finally:
        database.close()


def counts(url: str) -> dict[str, int]:
    return {table: len(rows) for table, rows in dump(url).items()}


def doc_rows(url: str, doc_id: str) -> dict[str, int]:
    """How many rows of each table belong to ``doc_id``."""
    database = cdb.Database(url)
    try:
        return {t: database.query(f"SELECT count(*) FROM {t} WHERE doc_id = ?", (doc_id,))[0][0]
                for t in TABLES if t != "reviews"}
    finally:
        database.close()


# --------------------------------------------------------------------------- loading


def test_db_load_twice_leaves_the_same_rows(cli, url, seed_records, tmp_path):
    document, claims = seed_records
    folder = write_folder(tmp_path / "ann", [(document, claims)])
    first = cli("load", folder, "--db", url)
    assert first.exit_code == 0, first.output
    assert "1 document, %d claims" % len(claims) in first.output
    rows = dump(url)
    assert len(rows["documents"]) == 1 and len(rows["claims"]) == len(claims)
    assert len(rows["entities"]) == len({(e.start, e.end, e.label) for e in document.entities})
    assert len(rows["claim_entities"]) == sum(len({(e.start, e.end, e.label) for e in c.entities}) for c in claims)
    (doc_row,) = rows["documents"]
    assert doc_row[0] == document.doc_id and document.text in doc_row
    details = doc_row[-1]  # the fields without a column of their own, whatever the schema adds
    assert set(details) == set(DocumentRecord.model_fields) - {
        "record_type", "doc_id", "source", "title", "dct", "author", "url", "encoding", "model", "schema_version",
        "text", "entities", "dates", "quotes", "claims"}
    assert details["paragraphs"] == [p.model_dump() for p in document.paragraphs]
    assert {r[0]: r[4] for r in rows["claims"]} == {c.claim_id: c.text for c in claims}
    again = cli("load", folder, "--db", url)
    assert again.exit_code == 0, again.output
    assert dump(url) == rows


def test_db_default_url_is_sqlite_in_the_folder(cli, seed_records, tmp_path):
    folder = write_folder(tmp_path / "ann", [seed_records])
    result = cli("load", folder, env={"CLAIMPIPE_DB": ""})
    assert result.exit_code == 0, result.output
    assert (folder / "claimpipe.db").is_file()
    assert counts(cdb.default_url(folder))["claims"] == len(seed_records[1])


def test_db_sqlite_and_postgresql_hold_the_same_rows(seed_records, tmp_path, pg_url):
    folder = write_folder(tmp_path / "ann", [seed_records])
    lite = f"sqlite:///{tmp_path / 'x.db'}"
    for target in (lite, pg_url, lite, pg_url):  # twice each
        assert not loading.load(folder, db=target).failures
    assert dump(lite) == dump(pg_url)
    assert counts(lite)["claims"] == len(seed_records[1])


def test_db_reextraction_updates_changed_and_removes_gone(cli, url, seed_records, tmp_path):
    document, claims = seed_records
    assert cli("load", write_folder(tmp_path / "v1", [(document, claims)]), "--db", url).exit_code == 0
    changed, removed = claims[0], claims[1]
    dropped_entity = changed.entities[0]
    new_changed = changed.model_copy(update={
        "kind": "prediction" if changed.kind != "prediction" else "event",
        "checkworthiness": 0.25,
        "entities": changed.entities[1:],
    })
    new_claims = [new_changed] + claims[2:]
    new_doc = document.model_copy(update={
        "claims": [c.claim_id for c in new_claims],
        "entities": [e for e in document.entities if e != dropped_entity],
    })
    result = cli("load", write_folder(tmp_path / "v2", [(new_doc, new_claims)]), "--db", url)
    assert result.exit_code == 0, result.output
    database = cdb.Database(url)
    try:
        row = database.query("SELECT kind, checkworthiness FROM claims WHERE claim_id = ?", (changed.claim_id,))
        assert row == [(new_changed.kind, 0.25)]
        assert database.query("SELECT count(*) FROM claims WHERE claim_id = ?", (removed.claim_id,)) == [(0,)]
        for link in ("claim_entities", "claim_dates", "claim_quotes"):
            assert database.query(f"SELECT count(*) FROM {link} WHERE claim_id = ?", (removed.claim_id,)) == [(0,)]
        gone = (document.doc_id, dropped_entity.start, dropped_entity.end, dropped_entity.label)
        assert database.query(
            "SELECT count(*) FROM entities WHERE doc_id = ? AND start_char = ? AND end_char = ? AND label = ?", gone
        ) == [(0,)]
        linked = database.query("SELECT start_char, end_char, label FROM claim_entities WHERE claim_id = ?",
                                (changed.claim_id,))
        assert sorted(linked) == sorted({(e.start, e.end, e.label) for e in new_changed.entities})
    finally:
        database.close()
    assert counts(url)["claims"] == len(claims) - 1


def test_db_claims_out_of_order_and_without_document(url, seed_records, tmp_path):
    a = variant(*seed_records, "-a")
    b = variant(*seed_records, "-b")
    orphan = variant(*seed_records, "-orphan")
    folder = write_folder(tmp_path / "ann", [a, b])
    # interleave the claims of a and b, and add claims of a document that is not in documents.jsonl
    lines = [record_line(c) for pair in zip(a[1], b[1]) for c in pair] + [record_line(c) for c in orphan[1][:2]]
    (folder / "claims.jsonl").write_text("".join(lines), encoding="utf-8")
    report = loading.load(folder, db=url)
    assert [(f.where, f.error) for f in report.failures] == [(orphan[0].doc_id, "UnmatchedClaims")]
    assert counts(url)["claims"] == 2 * len(seed_records[1])


def test_db_claims_too_far_out_of_order_are_reported_not_hoarded(seed_records, tmp_path, monkeypatch):
    a, b = variant(*seed_records, "-a"), variant(*seed_records, "-b")
    folder = write_folder(tmp_path / "ann", [a, b])
    lines = [record_line(c) for c in b[1] + a[1]]  # all of b's claims before a's
    (folder / "claims.jsonl").write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(loading, "HOLD_LIMIT", 3)
    report = loading.load(folder, db=f"sqlite:///{tmp_path / 'x.db'}")
    assert [(f.where, f.error) for f in report.failures] == [(a[0].doc_id, "MissingClaims"),
                                                             (a[0].doc_id, "UnmatchedClaims")]
    assert report.documents == 1 and report.claims == len(b[1])


def test_db_bad_record_rolls_back_its_document_only(cli, url, seed_records, tmp_path):
    a, b, c = (variant(*seed_records, s) for s in ("-a", "-b", "-c"))
    folder = write_folder(tmp_path / "ann", [a, b, c])
    lines = (folder / "claims.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    bad_index = len(a[1]) + 3  # a claim of b
    record = json.loads(lines[bad_index])
    record["checkworthiness"] = 7
    lines[bad_index] = json.dumps(record) + "\n"
    (folder / "claims.jsonl").write_text("".join(lines), encoding="utf-8")
    result = cli("load", folder, "--db", url)
    assert result.exit_code == 1
    assert f"not loaded {b[0].doc_id}: InvalidRecord" in result.output and "checkworthiness" in result.output
    assert set(doc_rows(url, b[0].doc_id).values()) == {0}
    assert doc_rows(url, a[0].doc_id) == doc_rows(url, c[0].doc_id) != {}
    assert doc_rows(url, c[0].doc_id)["claims"] == len(seed_records[1])


def test_db_row_the_server_refuses_rolls_back_its_document(pg_url, seed_records, tmp_path):
    a, b, c = (variant(*seed_records, s) for s in ("-a", "-b", "-c"))
    b_claims = list(b[1])
    b_claims[-1] = b_claims[-1].model_copy(update={"text": b_claims[-1].text + "\x00"})  # PostgreSQL text refuses NUL
    report = loading.load(write_folder(tmp_path / "ann", [a, (b[0], b_claims), c]), db=pg_url)
    assert [(f.where, f.error) for f in report.failures] == [(b[0].doc_id, "DataError")]
    assert set(doc_rows(pg_url, b[0].doc_id).values()) == {0}
    assert doc_rows(pg_url, a[0].doc_id) == doc_rows(pg_url, c[0].doc_id)
    assert doc_rows(pg_url, c[0].doc_id)["claims"] == len(seed_records[1])


def _drop_connection(pg_admin):
    """A stand-in for Database.upsert that loses the connection while writing ``doc_id``'s claims."""
    real = cdb.Database.upsert
    state = {"dropped": 0}

    def make(doc_id: str):
        def upsert(self, table, rows, **kwargs):
            if table.name == "claims" and rows and rows[0][1] == doc_id and not state["dropped"]:
                state["dropped"] += 1
                if self.dialect == "postgresql":
                    pg_admin.execute("SELECT pg_terminate_backend(%s)", (self.conn.info.backend_pid,))
                else:
                    raise sqlite3.OperationalError("disk I/O error (injected)")
            return real(self, table, rows, **kwargs)
        return upsert

    return make, state


@pytest.mark.parametrize("previous", [False, True], ids=["new", "reloaded"])
def test_db_connection_dropped_mid_load_leaves_no_partial_document(url, request, seed_records, tmp_path,
                                                                    monkeypatch, previous):
    pg_admin = request.getfixturevalue("pg_admin") if url.startswith("postgresql") else None
    groups = [variant(*seed_records, s) for s in ("-a", "-b", "-c")]
    victim = groups[1][0].doc_id
    if previous:  # an earlier version of every document is in the database already
        old = [(d.model_copy(update={"claims": d.claims[:-1], "title": "old title", "entities": d.entities[:-1]}),
                cs[:-1]) for d, cs in groups]
        assert not loading.load(write_folder(tmp_path / "v1", old), db=url).failures
        before = dump(url)
    make, state = _drop_connection(pg_admin)
    monkeypatch.setattr(cdb.Database, "upsert", make(victim))
    report = loading.load(write_folder(tmp_path / "v2", groups), db=url)
    monkeypatch.undo()
    assert state["dropped"] == 1
    assert [f.where for f in report.failures] == [victim]
    assert report.documents == 2
    full = doc_rows(url, groups[0][0].doc_id)
    assert doc_rows(url, groups[2][0].doc_id) == full and full["claims"] == len(seed_records[1])
    if previous:  # the victim still holds exactly its previous version
        now = dump(url)
        for table in TABLES:
            assert [r for r in now[table] if victim in r] == [r for r in before[table] if victim in r], table
    else:
        assert set(doc_rows(url, victim).values()) == {0}
    # loading again completes it: the load is idempotent and resumable
    assert not loading.load(tmp_path / "v2", db=url).failures
    assert doc_rows(url, victim) == full


def _server_goes_away(monkeypatch, pg_admin, doc_id: str) -> None:
    """While ``doc_id``'s claims are written the connection is killed and the server stops answering."""
    real_upsert = cdb.Database.upsert

    def refuse(self):
        raise cdb.DatabaseError("cannot connect (the test stopped the server)")

    def upsert(self, table, rows, **kwargs):
        if table.name == "claims" and rows and rows[0][1] == doc_id:
            pg_admin.execute("SELECT pg_terminate_backend(%s)", (self.conn.info.backend_pid,))
            monkeypatch.setattr(cdb.Database, "connect", refuse)
        return real_upsert(self, table, rows, **kwargs)

    monkeypatch.setattr(cdb.Database, "upsert", upsert)


def test_db_load_stops_when_the_server_is_gone_and_resumes(pg_url, pg_admin, seed_records, tmp_path, monkeypatch):
    groups = [variant(*seed_records, s) for s in ("-a", "-b", "-c")]
    folder = write_folder(tmp_path / "ann", groups)
    _server_goes_away(monkeypatch, pg_admin, groups[1][0].doc_id)
    with pytest.raises(cdb.DatabaseError, match="lost the database: .*1 documents loaded before"):
        loading.load(folder, db=pg_url)
    monkeypatch.undo()
    assert [doc_rows(pg_url, g[0].doc_id)["claims"] for g in groups] == [len(seed_records[1]), 0, 0]
    assert not loading.load(folder, db=pg_url).failures
    assert [doc_rows(pg_url, g[0].doc_id)["claims"] for g in groups] == [len(seed_records[1])] * 3


def test_db_extract_keeps_its_files_when_the_database_is_gone(cli, pg_url, pg_admin, seed_records, tmp_path,
                                                              monkeypatch):
    _server_goes_away(monkeypatch, pg_admin, seed_records[0].doc_id)
    out = tmp_path / "ann"
    result = cli("extract", SEED, "--out", out, "--db", pg_url, "--workers", "0", "--quiet", "--dct", "2021-03-04")
    assert result.exit_code == 1
    # psycopg names the loss OperationalError or AdminShutdown, depending on when it notices
    assert re.search(rf"not loaded {seed_records[0].doc_id}: (OperationalError|AdminShutdown)", result.output)
    assert "0 documents, 0 claims" in result.output and "1 failed" in result.output
    assert sum(1 for _ in (out / "claims.jsonl").open(encoding="utf-8")) == len(seed_records[1])


# --------------------------------------------------------------------------- reviews


def test_db_reviews_last_appended_wins_and_orphans_are_kept(cli, url, seed_records, tmp_path):
    document, claims = seed_records
    target, other = claims[0].claim_id, claims[1].claim_id

    def decision(claim_id, decision, time, note=None):
        return ReviewDecision(claim_id=claim_id, doc_id=document.doc_id, decision=decision, time=time, note=note)

    reviews = [
        decision(target, "reject", "2024-05-01T10:00:00Z", "first"),
        decision(other, "accept", "2024-05-01T10:30:00+02:00"),
        decision(target, "accept", "2024-05-02T10:00:00Z", "second"),
        decision("no-such-claim", "reject", "2024-05-03T00:00:00Z"),
        '{"record_type": "review", "claim_id": "x"}\n',
    ]
    folder = write_folder(tmp_path / "ann", [(document, claims)], reviews)
    for _ in range(2):
        result = cli("load", folder, "--db", url)
        assert result.exit_code == 1  # the malformed line
        assert "reviews.jsonl:5: InvalidRecord" in result.output
        assert "1 review of claims not in the database, kept" in result.output
    expected = [
        (target, "accept", "second", "2024-05-02T10:00:00.000000Z"),
        (other, "accept", None, "2024-05-01T08:30:00.000000Z"),
        ("no-such-claim", "reject", None, "2024-05-03T00:00:00.000000Z"),
    ]
    query = "SELECT claim_id, decision, note, decided_at FROM reviews ORDER BY decided_at DESC"
    database = cdb.Database(url)
    try:
        assert database.query(query) == sorted(expected, key=lambda r: r[3], reverse=True)
    finally:
        database.close()
    # a later decision, appended, replaces the earlier one
    with (folder / "reviews.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(record_line(decision(target, "pending", "2024-05-04T00:00:00Z", "third")))
    assert cli("load", folder, "--db", url).exit_code == 1
    database = cdb.Database(url)
    try:
        assert database.query("SELECT decision, note FROM reviews WHERE claim_id = ?", (target,)) == [("pending", "third")]
        assert database.query("SELECT count(*) FROM reviews") == [(3,)]
    finally:
        database.close()


# --------------------------------------------------------------------------- extract --db


def test_db_extract_streams_records_into_the_database(cli, url, tmp_path):
    out = tmp_path / "ann"
    result = cli("extract", SEED, "--out", out, "--db", url, "--workers", "2", "--quiet")  # forked workers
    assert result.exit_code == 0, result.output
    assert re.search(r"1 document, \d+ claims, \d+ mentions, 0 reviews loaded into", result.output)
    streamed = dump(url)
    claims_in_file = sum(1 for _ in (out / "claims.jsonl").open(encoding="utf-8"))
    assert len(streamed["claims"]) == claims_in_file > 0
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    assert not loading.load(out, db=reference).failures
    assert dump(reference) == streamed


def test_db_extract_db_refuses_bad_url(cli, tmp_path):
    result = cli("extract", SEED, "--out", tmp_path / "ann", "--db", "mysql://nobody@localhost/x", "--workers", "0")
    assert result.exit_code == 2
    assert "unsupported database URL" in result.output


# --------------------------------------------------------------------------- migrations


def test_db_migrations_are_recorded_and_applied_in_order(url, seed_records, tmp_path):
    database = cdb.Database(url)
    try:
        assert migrate(database, target=1) == [1]
        assert migrate(database, target=1) == []
        assert database.query("SELECT version FROM schema_migrations") == [(1,)]
    finally:
        database.close()
    assert not loading.load(write_folder(tmp_path / "ann", [seed_records]), db=url).failures  # migrates to the latest
    database = cdb.Database(url)
    try:
        rows = database.query("SELECT version, name FROM schema_migrations ORDER BY version")
        assert rows == [(m.version, m.name) for m in MIGRATIONS]
        assert rows[-1][0] == SCHEMA_VERSION
        database.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'x')",
                         (SCHEMA_VERSION + 1,))
    finally:
        database.close()
    with pytest.raises(cdb.DatabaseError, match="newer than this claimpipe"):
        cdb.connect(url)


def test_db_loaders_starting_together_migrate_once(url):
    from concurrent.futures import ThreadPoolExecutor

    def start(_):
        database = cdb.connect(url)
        try:
            return database.query("SELECT version FROM schema_migrations ORDER BY version")
        finally:
            database.close()

    with ThreadPoolExecutor(4) as pool:
        seen = list(pool.map(start, range(4)))
    assert seen == [[(m.version,) for m in MIGRATIONS]] * 4


def test_db_sqlite_waits_for_a_writer_before_switching_to_wal(tmp_path):
    """A new SQLite file that another connection is writing: the switch to WAL waits for it, not fails.

    SQLite answers that switch with "database is locked" at once, without waiting its busy timeout,
    while another connection holds the write lock (as when loaders start together on a new file).
    """
    import threading

    path = tmp_path / "claims.db"
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("CREATE TABLE other_tool (x)")
    threading.Timer(0.5, writer.execute, ["COMMIT"]).start()
    started = time.monotonic()
    database = cdb.connect(f"sqlite:///{path}")
    try:
        assert time.monotonic() - started >= 0.4  # it did wait for the writer
        assert database.query("SELECT version FROM schema_migrations ORDER BY version") == [
            (m.version,) for m in MIGRATIONS]
        assert database.query("PRAGMA journal_mode") == [("wal",)]
    finally:
        database.close()
        writer.close()


@pytest.mark.parametrize(
    ("url", "dialect", "path"),
    [
        ("sqlite:///annotations/claimpipe.db", "sqlite", "annotations/claimpipe.db"),
        ("sqlite:////tmp/x/claimpipe.db", "sqlite", "/tmp/x/claimpipe.db"),
        ("sqlite:///:memory:", "sqlite", ":memory:"),
        ("claims.db", "sqlite", "claims.db"),
    ],
)
def test_db_sqlite_urls(url, dialect, path, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    database = cdb.Database(url)
    try:
        assert database.dialect == dialect and database._sqlite_path() == path
    finally:
        database.close()


@pytest.mark.parametrize("url", ["mysql://root@localhost/x", "sqlite://relative.db"])
def test_db_bad_urls_are_refused(url):
    with pytest.raises(cdb.DatabaseError):
        cdb.Database(url)


@pytest.mark.parametrize(
    ("make_folder", "db", "message"),
    [
        (False, None, "no documents.jsonl in"),
        (True, "postgresql://nobody:pw@127.0.0.1:1/none", "cannot connect to postgresql://nobody:***@127.0.0.1:1/none"),
    ],
    ids=["no-records", "no-server"],
)
def test_db_load_explains_what_is_wrong(cli, seed_records, tmp_path, make_folder, db, message):
    folder = write_folder(tmp_path / "ann", [seed_records]) if make_folder else tmp_path
    result = cli("load", folder, *(["--db", db] if db else []))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_db_redact_hides_passwords():
    assert cdb.redact("postgresql://ann:s3cret@db.example/claims") == "postgresql://ann:***@db.example/claims"
    assert cdb.redact("postgresql://db/claims?user=ann&password=s3cret") == "postgresql://db/claims?user=ann&password=***"
    assert cdb.redact("sqlite:///a.db") == "sqlite:///a.db"


# --------------------------------------------------------------------------- the documented query


def documented_query() -> str:
    """The example query: docs/person_quotes_about_armenia.sql, which docs/database.md shows verbatim."""
    sql = (ROOT / "docs" / "person_quotes_about_armenia.sql").read_text(encoding="utf-8")
    body = "".join(line for line in sql.splitlines(keepends=True) if not line.startswith("--"))
    match = re.search(r"<!-- example-query -->\s*```sql\n(.*?)```", DOCS_MD.read_text(encoding="utf-8"), re.S)
    assert match and match.group(1) == body, "docs/database.md and docs/person_quotes_about_armenia.sql differ"
    return body


def armenia_records():
    """A small article where a PERSON is quoted about Armenia, and one where nobody is."""
    text = ('Yerevan, 2 May. "Armenia will sign the treaty in June 2020," said Nikol Pashinyan. '
            'Armenia also exported more wine in 2019, officials said.')

    def span(cls, s, **kw):
        start = text.index(s)
        return cls(text=s, start=start, end=start + len(s), **kw)

    quote = span(Quote, "Armenia will sign the treaty in June 2020,", kind="direct",
                 speaker=span(Speaker, "Nikol Pashinyan", name="Nikol Pashinyan"))
    unattributed = span(Quote, "Armenia also exported more wine in 2019", kind="indirect",
                        speaker=span(Speaker, "officials", name="officials"))
    person = span(Entity, "Nikol Pashinyan", label="PERSON", canonical="Nikol Pashinyan")
    armenia1 = span(Entity, "Armenia", label="GPE", canonical="Armenia")
    second = text.index("Armenia also")
    armenia2 = Entity(text="Armenia", start=second, end=second + 7, label="GPE", canonical="Armenia")
    june = span(TimeExpression, "June 2020", type="DATE", value="2020-06")
    year = span(TimeExpression, "2019", type="DATE", value="2019")
    document = DocumentRecord(doc_id="arm", source="test", text=text, dct="2019-05-02", encoding="utf-8",
                              entities=[armenia1, person, armenia2], dates=[june, year], quotes=[quote, unattributed],
                              claims=["c1", "c2"], model="test")
    c1 = ClaimRecord(claim_id="c1", doc_id="arm", text=quote.text, start=quote.start, end=quote.end, kind="prediction",
                     checkworthiness=0.9, entities=[armenia1], dates=[june], quotes=[quote])
    c2 = ClaimRecord(claim_id="c2", doc_id="arm", text=unattributed.text, start=unattributed.start,
                     end=unattributed.end, kind="quantity", checkworthiness=0.8, entities=[armenia2], dates=[year],
                     quotes=[unattributed])
    return document, [c1, c2]


def test_db_documented_query_finds_person_quotes_about_armenia(url, tmp_path):
    assert not loading.load(write_folder(tmp_path / "ann", [armenia_records()]), db=url).failures
    database = cdb.Database(url)
    try:
        rows = database.query(documented_query())
    finally:
        database.close()
    assert rows == [("2020-06", "Nikol Pashinyan", "arm", "c1", "Armenia will sign the treaty in June 2020,")]


def test_db_documented_query_agrees_on_the_seed_article(seed_records, tmp_path, pg_url):
    folder = write_folder(tmp_path / "ann", [seed_records])
    results = []
    for target in (f"sqlite:///{tmp_path / 'x.db'}", pg_url):
        assert not loading.load(folder, db=target).failures
        database = cdb.Database(target)
        try:
            results.append(database.query(documented_query()))
        finally:
            database.close()
    assert results[0] == results[1]


def test_db_text_with_control_characters_loads_into_postgresql(cli, tmp_path, pg_url):
    """A scraped article with NUL and ESC in a sentence is kept (each replaced by a space) and loads into
    PostgreSQL, whose text type refuses NUL."""
    article = tmp_path / "in" / "scraped.txt"
    article.parent.mkdir()
    article.write_bytes("Debris\nThe council in Oslo approved 3 budgets in\x00 2017, the mayor\x1b said.\n".encode())
    out = tmp_path / "out"
    assert cli("extract", article, "--out", out, "--workers", 0, "--quiet").exit_code == 0
    result = cli("load", out, "--db", pg_url)
    assert result.exit_code == 0, result.output
    import psycopg

    with psycopg.connect(pg_url) as conn:
        (text,) = conn.execute("SELECT text FROM documents").fetchone()
    assert text == "Debris\nThe council in Oslo approved 3 budgets in  2017, the mayor  said.\n"
