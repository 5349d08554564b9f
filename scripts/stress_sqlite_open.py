"""Open a new SQLite database with several loaders at once, many times, and count the failures.

Each round makes a new, empty database file and has ``--loaders`` threads call
``claimpipe.store.database.connect`` on it at the same moment (each one switches the file to WAL and migrates it,
as ``claimpipe load`` does), then checks that all of them see the same migrations. A stress check of
:mod:`claimpipe.store.sqlite_wal`, not a benchmark.

Usage: python scripts/stress_sqlite_open.py [--rounds 300] [--loaders 4]
"""

from __future__ import annotations

import argparse
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def one_round(folder: Path, loaders: int) -> None:
    from claimpipe.store.database import connect

    url = f"sqlite:///{folder / 'claims.db'}"

    def start(_):
        database = connect(url)
        try:
            return database.query("SELECT version FROM schema_migrations ORDER BY version")
        finally:
            database.close()

    with ThreadPoolExecutor(loaders) as pool:
        seen = list(pool.map(start, range(loaders)))
    if any(s != seen[0] for s in seen):
        raise AssertionError(f"loaders saw different migrations: {seen}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--loaders", type=int, default=4)
    args = parser.parse_args()
    failures: dict[str, int] = {}
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            try:
                one_round(Path(tmp), args.loaders)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                reason = f"{type(exc).__name__}: {exc}"
                failures[reason] = failures.get(reason, 0) + 1
    for reason, count in sorted(failures.items(), key=lambda rc: -rc[1]):
        print(f"{count:6d}  {reason}")
    print(f"{sum(failures.values())} of {args.rounds} rounds failed ({args.loaders} loaders each)")


if __name__ == "__main__":
    main()
