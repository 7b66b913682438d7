#!/usr/bin/env bash
# Ingest into PostgreSQL with two workers vs into SQLite, on the same machine and input:
# polnear-train.jsonl (840 articles), gold annotations stripped. Prints a markdown table
# (also saved to bench-out/postgres.md).
#
#   bash bench/postgres.sh     (shared/ beside the project, or SHARED=...; the server is
#                               $ONRECORD_TEST_POSTGRES, else postgres://postgres@127.0.0.1:5432/postgres,
#                               whose user may create databases; BIN=… skips the build;
#                               RUNS=3 runs of each, best kept)
#
# 1. SQLite: one `onrecord ingest` (analysis on every core; SQLite has one writer) into a
#    new file.
# 2. PostgreSQL, 2 workers: two `onrecord ingest --jobs 1` processes at once, each on half
#    the articles, into a new database.
# 3. PostgreSQL, 2 workers on the same articles: both processes read the whole file at
#    once. The record must be the same as SQLite's: articles, statements and speakers
#    counted, and every statement listed by `quotes` compared line by line.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
SHARED=${SHARED:-$top/../shared}
OUT=${OUT:-$top/bench-out}
RUNS=${RUNS:-3}
SERVER=${ONRECORD_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}
gold=$SHARED/gold/polnear-train.jsonl
[ -f "$gold" ] || { echo "postgres: $gold not found: put shared/ beside the project or set SHARED=..." >&2; exit 1; }
if [ -z "${BIN:-}" ]; then
  (cd "$top" && cargo build --release -q -p onrecord)
  BIN=${CARGO_TARGET_DIR:-$top/target}/release/onrecord
fi
command -v psql >/dev/null || { echo "postgres: psql not found (apt-get install postgresql-client)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-pg.XXXXXX")
db=onrecord_bench_$$
url=${SERVER%/*}/$db
cleanup() { psql -q "$SERVER" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
fresh_pg() { psql -q "$SERVER" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null; "$BIN" -q --db "$url" migrate; }

python3 "$here/strip_gold.py" "$gold" "$work/in.jsonl"
awk 'NR % 2 == 1' "$work/in.jsonl" >"$work/a.jsonl"
awk 'NR % 2 == 0' "$work/in.jsonl" >"$work/b.jsonl"
articles=$(wc -l <"$work/in.jsonl")
chars=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text']) for l in open(sys.argv[1])))" "$work/in.jsonl")

now() { date +%s.%N; }
best() { sort -g | head -1; }

sqlite_run() {
  rm -f "$work/x.db"*
  local t0; t0=$(now)
  "$BIN" -q --db "$work/x.db" ingest "$work/in.jsonl"
  echo "$(now) - $t0" | bc
}
# Two workers at once into a new database, one on each of the files given.
pg_run() {
  fresh_pg
  local t0; t0=$(now)
  "$BIN" -q --db "$url" ingest --jobs 1 "$1" & local p1=$!
  "$BIN" -q --db "$url" ingest --jobs 1 "$2" & local p2=$!
  wait $p1; wait $p2
  echo "$(now) - $t0" | bc
}

s=$(for _ in $(seq "$RUNS"); do sqlite_run; done | best)
p=$(for _ in $(seq "$RUNS"); do pg_run "$work/a.jsonl" "$work/b.jsonl"; done | best)
q=$(pg_run "$work/in.jsonl" "$work/in.jsonl")
counts() { "$BIN" --db "$1" status | awk 'NR>1 {printf "%s ", $2}'; }
sc=$(counts "$work/x.db")
pc=$(counts "$url")
"$BIN" --db "$work/x.db" quotes --limit 0 -f jsonl >"$work/sqlite.jsonl"
"$BIN" --db "$url" quotes --limit 0 -f jsonl >"$work/pg.jsonl"
if cmp -s "$work/sqlite.jsonl" "$work/pg.jsonl"; then same=yes; else same="NO ($(diff "$work/sqlite.jsonl" "$work/pg.jsonl" | grep -c '^<') lines differ)"; fi
rate() { python3 -c "print(f'{$1/$2/1e6:.2f} M chars/s, {$3/$2:.0f} articles/s')" ; }
{
  echo "| polnear-train, $articles articles, $(nproc) cores, $(git -C "$top" rev-parse --short HEAD) | wall (best of $RUNS) | throughput | vs SQLite |"
  echo "|---|---|---|---|"
  printf "| SQLite, one ingest | %.2f s | %s | 100 %% |\n" "$s" "$(rate "$chars" "$s" "$articles")"
  printf "| PostgreSQL, 2 workers, half each | %.2f s | %s | %.0f %% |\n" "$p" "$(rate "$chars" "$p" "$articles")" "$(echo "100 * $s / $p" | bc -l)"
  printf "| PostgreSQL, 2 workers, the same articles | %.2f s | — | — |\n" "$q"
  echo
  echo "Counts (articles statements speakers): SQLite $sc; PostgreSQL after 2 workers on the same articles $pc; every statement the same: $same"
} | tee >(mkdir -p "$OUT" && cat >"$OUT/postgres.md")
