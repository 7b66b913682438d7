#!/usr/bin/env bash
# The web server's figures (issue 3), on loopback only:
#
#   1. a generated record of STATEMENTS (default 100,000) statements in a temporary
#      database (crates/onrecord-serve/examples/gen_corpus.rs, stored through the store's
#      own insert path): its size on disk;
#   2. search latency p50/p95/p99 over a mix of searches, each run as GET /api/v1/statements
#      runs it (a page of 20 plus the total count), in process (examples/search_bench.rs);
#   3. `onrecord serve` startup time (until the first answer);
#   4. a load run with wrk on loopback (the search mix through the API, then the HTML search
#      page): requests a second and p99 latency;
#   5. schemathesis against /api/openapi.json (every check, POST enabled with a token) on a
#      small database of the example corpus, from a virtual environment outside the project.
#
#   bash bench/serve.sh
#   STATEMENTS=20000 DURATION=10s FUZZ_TIME=60 bash bench/serve.sh      # quicker
#   SKIP_FUZZ=1 bash bench/serve.sh
#
# wrk comes from Debian (installed with apt-get when missing and run as root); schemathesis
# from PyPI into $ONRECORD_BENCH_VENV (default ~/.cache/onrecord-bench-venv). The machine
# has 2 cores shared by the server and the load generator: the figures are a floor.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
STATEMENTS=${STATEMENTS:-100000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
FUZZ_TIME=${FUZZ_TIME:-180}
VENV=${ONRECORD_BENCH_VENV:-$HOME/.cache/onrecord-bench-venv}
target=${CARGO_TARGET_DIR:-$top/target}
bin=$target/release/onrecord
examples=$target/release/examples

say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Start `onrecord serve` on a free loopback port; sets port, server_pid and startup_ms
# (time until /api/v1/stats answers).
start_server() {
  local db=$1; shift
  port=$(free_port)
  local t0; t0=$(date +%s%N)
  "$bin" --db "$db" serve --addr "127.0.0.1:$port" "$@" >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 500); do
    if curl -sf "http://127.0.0.1:$port/api/v1/stats" >/dev/null 2>&1; then
      startup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
      return 0
    fi
    sleep 0.01
  done
  cat "$work/serve.log" >&2
  die "the server did not start"
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

command -v curl >/dev/null || die "curl not found (apt-get install -y curl)"

say "building onrecord and the benchmark examples (release)"
(cd "$top" && cargo build --release --locked -q -p onrecord && cargo build --release --locked -q -p onrecord-serve --examples)

# 1. the record
db=$work/bench.db
say "generating $STATEMENTS statements"
"$examples/gen_corpus" "$db" "$STATEMENTS"
db_bytes=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
db_mb=$(awk -v b="$db_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')

# 2. search latency
say "search latency"
"$examples/search_bench" "$db" 20 | tee "$work/search.txt"
latency=$(grep '^search latency' "$work/search.txt" | sed 's/.*: //')

# 3. startup
start_server "$db"
say "server up on 127.0.0.1:$port in $startup_ms ms"
startup_big=$startup_ms

# 4. load
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    say "installing wrk (Debian)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null
  else
    die "wrk not found (apt-get install -y wrk)"
  fi
fi
cat >"$work/api.lua" <<'EOF'
-- a search mix: common and rare words, a phrase, a prefix, filters, listings by day
local paths = {
  "/api/v1/statements?q=talks",
  "/api/v1/statements?q=ceasefire",
  "/api/v1/statements?q=frank",
  "/api/v1/statements?q=water%20border",
  "/api/v1/statements?q=%22talks%20resume%22",
  "/api/v1/statements?q=negoti*",
  "/api/v1/statements?q=talks&speaker=kalin",
  "/api/v1/statements?q=ceasefire&outlet=meridian%20wire&from=2023-06-01&to=2023-08-31",
  "/api/v1/statements?sort=newest",
  "/api/v1/statements?speaker=yildirim",
  "/api/v1/statements?q=the",
  "/api/v1/statements?q=the&sort=newest",
}
math.randomseed(42)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
EOF
cat >"$work/page.lua" <<'EOF'
local paths = { "/search?q=talks", "/search?q=ceasefire&sort=newest", "/search?q=frank&speaker=lopes" }
math.randomseed(7)
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
EOF
run_wrk() {
  local script=$1 label=$2
  say "wrk: $label ($CONNECTIONS connections, $DURATION)"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script" "http://127.0.0.1:$port" | tee "$work/wrk.txt" >&2
  local rps p99 errors
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")
  errors=$(awk '/Non-2xx or 3xx responses/ { print $5 }' "$work/wrk.txt")
  echo "$rps req/s, p99 $p99${errors:+, $errors non-2xx}"
}
load_api=$(run_wrk "$work/api.lua" "API search mix")
load_page=$(run_wrk "$work/page.lua" "HTML search page")
stop_server

# 5. schemathesis
fuzz="skipped (SKIP_FUZZ=1)"
if [ -z "${SKIP_FUZZ:-}" ]; then
  if [ ! -x "$VENV/bin/schemathesis" ]; then
    say "installing schemathesis into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q schemathesis
  fi
  small=$work/small.db
  "$bin" --quiet --db "$small" ingest "$top/examples/corpus"
  token=bench-token-$(date +%s%N)
  start_server "$small" --ingest-token "$token"
  say "schemathesis against http://127.0.0.1:$port/api/openapi.json for ${FUZZ_TIME}s"
  set +e
  "$VENV/bin/schemathesis" run "http://127.0.0.1:$port/api/openapi.json" --checks all \
    -H "Authorization: Bearer $token" --max-time "$FUZZ_TIME" --workers 2 \
    --request-timeout 10 >"$work/fuzz.txt" 2>&1
  set -e
  stop_server
  tail -n 25 "$work/fuzz.txt" >&2
  cases=$(grep -Eo '[0-9]+ generated' "$work/fuzz.txt" | tail -1)
  server_errors=$(grep -c 'Server error' "$work/fuzz.txt" || true)
  failures=$(grep -Eo 'ST[0-9]+ [A-Za-z -]+: [0-9]+' "$work/fuzz.txt" | sort -u | paste -sd ';' - || true)
  fuzz="$cases test cases, $server_errors server errors (5xx)${failures:+; findings: $failures}"
  grep -q 'internal error' "$work/serve.log" && say "the server logged internal errors:" && grep 'internal error' "$work/serve.log" >&2
fi

cat <<EOF

== onrecord serve figures ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))
record:          $STATEMENTS statements, database $db_mb MB ($db_bytes bytes)
search latency:  $latency
startup:         $startup_big ms to the first answer (100k-statement database)
load, API:       $load_api  (wrk, $CONNECTIONS connections, $DURATION, search mix)
load, HTML:      $load_page  (wrk, /search pages)
schemathesis:    $fuzz
EOF
