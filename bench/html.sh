#!/usr/bin/env bash
# Real web pages: onrecord against trafilatura + htmldate, side by side in one run on the same
# pages (shared/html/wcxb-dev), scored by shared/eval/score_html.py; see bench/README.md.
#
#   bash bench/html.sh          (shared/ beside the project, or SHARED=/path/to/shared)
#   NO_PEER=1 bash bench/html.sh   onrecord only
#
# Prints a markdown table and saves it to bench-out/html.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
SHARED=${SHARED:-$top/../shared}
PEER=${PEER:-/tmp/venv-extract}     # trafilatura's virtual environment, outside the project
OUT=${OUT:-$top/bench-out}
target=${CARGO_TARGET_DIR:-$top/target}
bin=$target/release/onrecord
W=$SHARED/html/wcxb-dev

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }
[ -f "$W/gold.jsonl.gz" ] || die "$W/gold.jsonl.gz not found: put shared/ beside the project or set SHARED=..."
SHARED=$(cd "$SHARED" && pwd); export SHARED
command -v taskset >/dev/null || die "taskset not found (apt-get install -y util-linux)"

say "building onrecord (release)"
(cd "$top" && cargo build --release -q -p onrecord)

work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-html.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
say "unpacking $(basename "$W") into $work"
python3 - "$W" "$work" <<'PY'
import gzip, json, os, sys
W, T = sys.argv[1], sys.argv[2]
os.makedirs(T + "/html")
with open(T + "/gold.jsonl", "w") as g, open(T + "/crawl.jsonl", "w") as c:
    for line in gzip.open(W + "/gold.jsonl.gz", "rt", encoding="utf-8"):
        d = json.loads(line); g.write(line)
        raw = gzip.open(os.path.join(W, "html", d["html"])).read()
        open(T + "/html/" + d["id"] + ".html", "wb").write(raw)
        c.write(json.dumps({"id": d["id"], "url": d.get("url"), "html": raw.decode("utf-8", "replace")}, ensure_ascii=False) + "\n")
PY
mb=$(du -sm --apparent-size "$work/html" | cut -f1)

# CPU seconds of a command on one core (user + system), from /usr/bin/time or Python.
cpu() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{r.ru_utime + r.ru_stime:.2f} {r.ru_maxrss / 1024:.1f}")
PY
}

say "onrecord extract on crawl lines {id, url, html}"
# (a page with no article text is an error: the exit status is 1, the other pages are there)
{ "$bin" extract "$work/crawl.jsonl" 2>/dev/null || true; } | python3 "$here/html_pred.py" pred >"$work/pred.jsonl"
python3 "$SHARED/eval/score_html.py" "$work/gold.jsonl" "$work/pred.jsonl" --json >"$work/onrecord.json" 2>/dev/null
python3 "$here/html_pred.py" halves "$work/gold.jsonl" "$work/pred.jsonl" >"$work/onrecord-halves.tsv"

say "speed, one core: extract (pages to JSON) and ingest (pages to stored statements)"
read -r ext_s ext_rss < <(cpu taskset -c 0 "$bin" extract --jobs 1 --no-text "$work/crawl.jsonl")
read -r ing_s ing_rss < <(cpu taskset -c 0 "$bin" --db "$work/speed.db" ingest --jobs 1 "$work/crawl.jsonl")
statements=$("$bin" --db "$work/speed.db" quotes --format jsonl --limit 100000000 2>/dev/null | wc -l)

peer_row=""
if [ -z "${NO_PEER:-}" ]; then
  if ! "$PEER/bin/python" -c 'import trafilatura, htmldate' 2>/dev/null; then
    say "installing trafilatura + htmldate into $PEER (once)"
    python3 -m venv "$PEER"
    "$PEER/bin/pip" install -q trafilatura==2.3.1 lxml_html_clean 'htmldate[speed]==1.11.0'
  fi
  say "trafilatura + htmldate, one core (about a minute)"
  taskset -c 0 "$PEER/bin/python" "$SHARED/eval/peers/trafilatura_html.py" "$W/gold.jsonl.gz" "$W/html" \
    --out="$work/traf.jsonl" --timing="$work/traf-timing.json" 2>"$work/traf.err" || { cat "$work/traf.err" >&2; die "trafilatura failed"; }
  python3 "$SHARED/eval/score_html.py" "$work/gold.jsonl" "$work/traf.jsonl" --json >"$work/traf.json" 2>/dev/null
  python3 "$here/html_pred.py" halves "$work/gold.jsonl" "$work/traf.jsonl" >"$work/traf-halves.tsv"
  peer_row=yes
fi

mkdir -p "$OUT"
python3 - "$work" "$mb" "$ext_s" "$ing_s" "$ing_rss" "$statements" "$peer_row" <<'PY' | tee "$OUT/html.md"
import json, sys
work, mb, ext_s, ing_s, ing_rss, statements, peer = sys.argv[1:8]
mb, ext_s, ing_s = float(mb), float(ext_s), float(ing_s)
o = json.load(open(f"{work}/onrecord.json"))
halves = lambda f: {l.split("\t")[0]: l.rstrip("\n").split("\t") for l in open(f)}
oh = halves(f"{work}/onrecord-halves.tsv")
t = json.load(open(f"{work}/traf.json")) if peer else None
th = halves(f"{work}/traf-halves.tsv") if peer else None
tt = json.load(open(f"{work}/traf-timing.json")) if peer else None
def g(d, *k):
    for x in k: d = d[x]
    return d
rows = [
  ("main text F1 (all / half A / half B)", lambda r, h: f"{g(r,'body','f1'):.3f} / {h['A'][2]} / {h['B'][2]}", 0.95),
  ("headline exact", lambda r, h: f"{g(r,'title','exact'):.3f} / {h['A'][3]} / {h['B'][3]}", 0.80),
  ("publication day", lambda r, h: f"{g(r,'published','accuracy'):.3f} / {h['A'][4]} / {h['B'][4]}", 0.90),
]
print(f"wcxb-dev: {o['pages'] if 'pages' in o else 696} pages, {mb:.0f} MB of HTML. Half A: sites whose name hashes even (rules written there); half B: the others (checked there).\n")
print("| measure | onrecord | trafilatura + htmldate | goal |")
print("|---|---|---|---|")
for name, f, goal in rows:
    print(f"| {name} | {f(o, oh)} | {f(t, th) if peer else '—'} | ≥ {goal} |")
traf_speed = tt["MB_per_s"] if peer else None
print(f"| speed, one core, pages → JSON (extract) | {mb/ext_s:.1f} MB/s | {traf_speed:.1f} MB/s (body + metadata only) | — |" if peer else f"| speed, one core, pages → JSON | {mb/ext_s:.1f} MB/s | — | — |")
ratio = f" ({mb/ing_s/traf_speed:.1f}×)" if peer else ""
print(f"| speed, one core, pages → stored statements (ingest, {statements} statements) | {mb/ing_s:.1f} MB/s{ratio}, peak RSS {float(ing_rss):.0f} MiB | — | ≥ 10× trafilatura |")
PY
