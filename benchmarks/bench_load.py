"""Load throughput of ``claimpipe load``: records per second into PostgreSQL (and SQLite).

Records come from extracting the BBC articles of ../shared/eval-data/bbc-fulltext (1,407 articles;
``--limit N`` takes the first N, alternating between the categories), or from an existing
annotations folder (``--annotations DIR``, nothing extracted). For each database it measures:

* ``first``: a load into empty tables (inserts);
* ``again``: the same files loaded again (idempotent upserts: the row counts must not change).

Each load is a fresh subprocess (connecting and migrating included) whose peak RSS is read from
``wait4``. PostgreSQL loads go into a schema of their own (``claimpipe_bench_<pid>``), dropped at the
end; SQLite into a temporary file. Records = documents + claims (JSONL lines);
rows = every row written (documents, claims, entity/date/quote mentions and the claim-mention links).

Usage: python benchmarks/bench_load.py [--annotations DIR | --data DIR --limit N] [--postgres URL]
                                       [--no-sqlite] [--json FILE] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "bbc-fulltext"
DEFAULT_POSTGRES = os.environ.get("CLAIMPIPE_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
TABLES = ("documents", "claims", "entities", "dates", "quotes", "claim_entities", "claim_dates", "claim_quotes")

CHILD = r"""
import json, sys
from dataclasses import asdict
from claimpipe.store.load import load
report = load(sys.argv[1], db=sys.argv[2])
out = asdict(report)
out["failures"] = [str(f) for f in report.failures[:5]] + ([f"... {len(report.failures)} in all"] if len(report.failures) > 5 else [])
out["failed"] = len(report.failures)
print(json.dumps(out))
"""


def bbc_files(data: Path, limit: int | None) -> list[Path]:
    """The articles, alternating between categories so a --limit sample mixes them."""
    groups = [sorted(d.glob("[0-9]*.txt")) for d in sorted(p for p in data.iterdir() if p.is_dir())]
    files = [f for row in _zip_longest(groups) for f in row]
    return files[:limit] if limit else files


def _zip_longest(groups):
    for i in range(max((len(g) for g in groups), default=0)):
        yield [g[i] for g in groups if i < len(g)]


def run(cmd: list[str]) -> tuple[float, int, str, str]:
    """Wall seconds, peak RSS (bytes), stdout and stderr of ``cmd``."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}... failed ({proc.returncode}):\n{stderr[-2000:]}")
    return seconds, usage.ru_maxrss * 1024, stdout, stderr


def row_counts(url: str) -> dict[str, int]:
    from claimpipe.store.database import Database

    db = Database(url)
    try:
        return {t: db.query(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=Path, help="Load this folder instead of extracting.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="The bbc-fulltext folder.")
    parser.add_argument("--limit", type=int, help="Extract only the first N articles.")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="PostgreSQL server URL (a schema is made in it).")
    parser.add_argument("--no-sqlite", action="store_true", help="Measure PostgreSQL only.")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_load.json")
    parser.add_argument("--keep", action="store_true", help="Keep the extracted annotations and the SQLite file.")
    args = parser.parse_args()

    import psycopg

    work = Path(tempfile.mkdtemp(prefix="claimpipe-bench-load-"))
    extraction = None
    if args.annotations:
        folder = args.annotations
    else:
        if not args.data.is_dir():
            raise SystemExit(f"no data at {args.data}: give --data or --annotations")
        files = bbc_files(args.data, args.limit)
        folder = work / "annotations"
        seconds, _, _, stderr = run([sys.executable, "-m", "claimpipe", "extract", *map(str, files),
                                     "--out", str(folder), "--quiet", "--full"])
        extraction = {"articles": len(files), "seconds": round(seconds, 1), "summary": stderr.strip().splitlines()[-1]}
        print(f"extracted {len(files)} articles in {seconds:.1f} s: {extraction['summary']}")

    schema = f"claimpipe_bench_{os.getpid()}"
    admin = psycopg.connect(args.postgres, autocommit=True)
    admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in args.postgres else "?"
    targets = [("postgresql", f"{args.postgres}{sep}options=-csearch_path%3D{schema}")]
    if not args.no_sqlite:
        targets.append(("sqlite", f"sqlite:///{work / 'bench.db'}"))
    results = []
    try:
        for name, url in targets:
            previous = None
            for phase in ("first", "again"):
                seconds, rss, stdout, _ = run([sys.executable, "-c", CHILD, str(folder), url])
                report = json.loads(stdout)
                counts = row_counts(url)
                if previous is not None and counts != previous:
                    raise SystemExit(f"{name}: loading again changed the row counts: {previous} -> {counts}")
                previous = counts
                records = report["documents"] + report["claims"]
                rows = records + report["mentions"] + report["links"]
                results.append({
                    "database": name, "phase": phase, "documents": report["documents"], "claims": report["claims"],
                    "mentions": report["mentions"], "links": report["links"], "failed": report["failed"],
                    "seconds": round(seconds, 2), "load_seconds": round(report["seconds"], 2),
                    "records_per_s": round(records / seconds), "rows_per_s": round(rows / seconds),
                    "peak_rss_mb": round(rss / 2**20), "rows_in_db": sum(counts.values()),
                })
    finally:
        admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.close()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    header = ("database", "phase", "documents", "claims", "mentions", "links", "failed", "seconds", "load_seconds",
              "records_per_s", "rows_per_s", "peak_rss_mb")
    widths = [max(len(h), *(len(str(r[h])) for r in results)) for h in header]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    for r in results:
        print("  ".join(str(r[h]).rjust(w) for h, w in zip(header, widths)))
    print("seconds: wall time of the whole subprocess (start-up, connect, migrate, load), which the rates use; "
          "load_seconds: the load alone;\nrecords = documents + claims; rows = records + mentions + links")
    payload = {
        "command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]),
        "annotations": str(folder) if args.annotations else None,
        "extraction": extraction,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "postgres": _server_version(args.postgres),
        "results": results,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"load average (1, 5, 15 min) at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    print(f"wrote {args.json}")


def _server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


if __name__ == "__main__":
    main()
