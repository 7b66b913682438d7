#!/usr/bin/env bash
# Search latency of `onrecord serve` on PostgreSQL vs SQLite, on the same generated record
# (issue 15's "search p95 at 1 M statements in PostgreSQL" figure, bench/serve.sh style):
#
#   1. a generated record of STATEMENTS (default 100,000) statements in SQLite
#      (onrecord-serve's examples/gen_corpus.rs), copied into a new PostgreSQL database with
#      `onrecord copy`;
#   2. the same search mix on both (one page of 20 plus the total count, as
#      GET /api/v1/statements runs it, in process): onrecord-serve's examples/search_bench.rs
#      on SQLite, onrecord-pg's examples/pg_search_bench.rs on PostgreSQL (a read-only session,
#      as the server's readers).
#
#   bash bench/serve_pg.sh
#   STATEMENTS=1000000 bash bench/serve_pg.sh     # the issue's size (long: the copy)
#
# The server is $ONRECORD_TEST_POSTGRES, else postgres://postgres@127.0.0.1:5432/postgres,
# whose user may create databases. The machine has 2 cores: the figures are a floor.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
STATEMENTS=${STATEMENTS:-100000}
ROUNDS=${ROUNDS:-20}
SERVER=${ONRECORD_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}
target=${CARGO_TARGET_DIR:-$top/target}
command -v psql >/dev/null || { echo "serve_pg: psql not found (apt-get install postgresql-client)" >&2; exit 1; }

echo "serve_pg: building onrecord and the benchmark examples (release)" >&2
(cd "$top" && cargo build --release --locked -q -p onrecord \
  && cargo build --release --locked -q -p onrecord-serve --example gen_corpus --example search_bench \
  && cargo build --release --locked -q -p onrecord-pg --example pg_search_bench)

work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-serve-pg.XXXXXX")
db=onrecord_bench_serve_$$
url=${SERVER%/*}/$db
cleanup() { psql -q "$SERVER" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "serve_pg: generating $STATEMENTS statements" >&2
"$target/release/examples/gen_corpus" "$work/bench.db" "$STATEMENTS" >&2
psql -q "$SERVER" -c "CREATE DATABASE $db" >/dev/null
t0=$(date +%s)
"$target/release/onrecord" -q --db "$url" copy --from "$work/bench.db"
echo "serve_pg: copied into PostgreSQL in $(( $(date +%s) - t0 )) s" >&2
psql -q "$url" -c "VACUUM ANALYZE" >/dev/null

echo "== SQLite ($STATEMENTS statements)"
"$target/release/examples/search_bench" "$work/bench.db" "$ROUNDS"
echo "== PostgreSQL ($STATEMENTS statements)"
"$target/release/examples/pg_search_bench" "$url" "$ROUNDS"
