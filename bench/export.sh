#!/usr/bin/env bash
# Export at scale: a generated record of N statements (crates/onrecord-serve/examples/
# gen_corpus.rs, stored through the store as ingest stores), exported to Parquet by
# `onrecord export`, with wall time and peak RSS, then read back by pyarrow and DuckDB from a
# virtual environment outside the project (/tmp/venv-pa, or VENV=...). See bench/README.md.
#
#   bash bench/export.sh                 (1,000,000 statements; STATEMENTS=100000 for less)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
N=${STATEMENTS:-1000000}
VENV=${VENV:-/tmp/venv-pa}
target=${CARGO_TARGET_DIR:-$top/target}
work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-export.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "bench: building (release)" >&2
(cd "$top" && cargo build --release -q -p onrecord && cargo build --release -q -p onrecord-serve --example gen_corpus)
[ -x "$VENV/bin/python" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q pyarrow duckdb; }
"$target/release/examples/gen_corpus" "$work/x.db" "$N" >&2
python3 - "$target/release/onrecord" "$work" <<'PY'
import resource, subprocess, sys, time
bin, work = sys.argv[1], sys.argv[2]
t = time.time()
subprocess.run([bin, "--db", f"{work}/x.db", "-q", "export", "--out", f"{work}/s.parquet"], check=True)
wall = time.time() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"| export of statements to Parquet | {wall:.1f} s | peak RSS {rss:.0f} MiB |")
PY
"$VENV/bin/python" - "$work/s.parquet" <<'PY'
import sys, pyarrow.parquet as pq, duckdb
p = sys.argv[1]
print(f"| read back | pyarrow {pq.read_metadata(p).num_rows} rows | DuckDB {duckdb.sql(f\"SELECT count(*) FROM '{p}'\").fetchone()[0]} rows |")
PY
