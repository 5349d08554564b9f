#!/usr/bin/env bash
# Reproduce the example query of docs/database.md on the seed article, in SQLite and in PostgreSQL.
# Run from the repository root: bash docs/example_query.sh [PLACE] [POSTGRES_URL]
set -euo pipefail
place="${1:-Armenia}"
pg="${2:-postgresql://postgres@127.0.0.1:5432/test}"
claimpipe="${CLAIMPIPE:-.venv/bin/claimpipe}"
work="$(mktemp -d)"
schema="claimpipe_example_$$"
trap 'psql -q "$pg" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
query() { sed "s/'Armenia'/'$place'/" docs/person_quotes_about_armenia.sql; }

"$claimpipe" extract corpus/azerbaijan-pakistan-cooperation.txt --out "$work" --quiet
"$claimpipe" load "$work"
echo "== SQLite: sqlite3 -line $work/claimpipe.db"
query | sqlite3 -line "$work/claimpipe.db"
count="SELECT count(*) FROM ($(query | grep -v '^--' | sed 's/;[[:space:]]*$//'));"
echo "($(sqlite3 "$work/claimpipe.db" "$count") rows)"

psql -q "$pg" -c "CREATE SCHEMA $schema"
url="$pg?options=-csearch_path%3D$schema"
"$claimpipe" load "$work" --db "$url"
echo "== PostgreSQL: psql -x '$url'"
query | psql -q -x "$url"
