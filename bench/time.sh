#!/usr/bin/env bash
# The time layer's figures (issue 4), with the reference scorers of shared/eval/:
#   1. tbaq-dev.jsonl: TIMEX3 extraction and normalisation (score_timex.py), the input made by
#      `score_timex.py --input`; the same with `onrecord eval` (must print the same table);
#   2. tbaq-dev.jsonl with published withheld (`--blind`): publication days (--docdate) and
#      the timex figures against the inferred days;
#   3. seeds.jsonl: statement days (score_quotes.py, the "date" column) with published given and
#      withheld, publication days of the JSONL and of the five raw seed files (--docdate);
#   4. speed: `onrecord extract --jobs 1` on polnear-train.jsonl (best of RUNS) against the time
#      layer alone on the same texts (examples/bench.rs: scan, infer, normalise), one core.
#
#   bash bench/time.sh     (shared/ beside the project, or SHARED=/path/to/shared;
#                           BIN=path/to/onrecord skips the release build; RUNS=3)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
SHARED=${SHARED:-$top/../shared}
RUNS=${RUNS:-3}
[ -f "$SHARED/eval/score_timex.py" ] || {
  echo "time: $SHARED/eval/score_timex.py not found: put shared/ beside the project or set SHARED=..." >&2
  exit 1
}
target=${CARGO_TARGET_DIR:-$top/target}
if [ -z "${BIN:-}" ]; then
  (cd "$top" && cargo build --release -q -p onrecord)
  BIN=$target/release/onrecord
fi
(cd "$top" && cargo build --release -q -p onrecord-time --example bench)
BENCH=$target/release/examples/bench

work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-time.XXXXXX")
trap 'rm -rf "$work"' EXIT
st=$SHARED/eval/score_timex.py
sq=$SHARED/eval/score_quotes.py
tbaq=$SHARED/gold/tbaq-dev.jsonl
seeds=$SHARED/gold/seeds.jsonl

echo "== 1. tbaq-dev: time expressions (score_timex.py on onrecord extract)"
python3 "$st" --input "$tbaq" >"$work/tbaq.in.jsonl"
"$BIN" extract --no-text "$work/tbaq.in.jsonl" >"$work/tbaq.out.jsonl"
python3 "$st" "$tbaq" "$work/tbaq.out.jsonl" | tee "$work/tbaq.py.txt"
"$BIN" eval "$tbaq" >"$work/tbaq.rs.txt"
if cmp -s "$work/tbaq.py.txt" "$work/tbaq.rs.txt"; then
  echo "(onrecord eval prints the same table)"
else
  echo "!! onrecord eval prints a different table:"; diff "$work/tbaq.py.txt" "$work/tbaq.rs.txt" || true
fi
echo

echo "== 2. tbaq-dev with published withheld (--blind)"
python3 "$st" --blind "$tbaq" >"$work/tbaq.blind.jsonl"
"$BIN" extract --no-text "$work/tbaq.blind.jsonl" >"$work/tbaq.blind.out.jsonl"
echo "-- publication days (score_timex.py --docdate)"
python3 "$st" --docdate "$tbaq" "$work/tbaq.blind.out.jsonl" | tee "$work/blind.py.txt"
"$BIN" eval "$tbaq" --blind --docdate >"$work/blind.rs.txt"
cmp -s "$work/blind.py.txt" "$work/blind.rs.txt" && echo "(onrecord eval --blind --docdate prints the same table)"
python3 - "$tbaq" "$work/tbaq.blind.out.jsonl" <<'PY'
import json, re, sys
gold = {json.loads(l)['id']: json.loads(l) for l in open(sys.argv[1], encoding='utf-8') if l.strip()}
pred = {json.loads(l)['id']: json.loads(l) for l in open(sys.argv[2], encoding='utf-8') if l.strip()}
wrong = [i for i, p in pred.items() if p.get('published') and p['published'] != gold[i]['published']]
with_year = sum(1 for g in gold.values() if g['published'][:4] in g['text'])
print(f"answered {sum(1 for p in pred.values() if p.get('published'))}, wrong {len(wrong)} {wrong[:5]}; "
      f"texts that write their publication year anywhere: {with_year} of {len(gold)}")
PY
echo "-- time expressions against the inferred days"
python3 "$st" "$tbaq" "$work/tbaq.blind.out.jsonl" | sed -n '1,5p'
echo

echo "== 3. seeds: statement days"
python3 "$here/strip_gold.py" "$seeds" "$work/seeds.in.jsonl"
python3 - "$work/seeds.in.jsonl" "$work/seeds.blind.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    for l in open(sys.argv[1], encoding='utf-8'):
        d = json.loads(l); d['published'] = None
        out.write(json.dumps(d, ensure_ascii=False) + '\n')
PY
"$BIN" extract --no-text "$work/seeds.in.jsonl" >"$work/seeds.out.jsonl"
"$BIN" extract --no-text "$work/seeds.blind.jsonl" >"$work/seeds.blind.out.jsonl"
echo "-- published given (score_quotes.py; the date column is the statement-day accuracy)"
python3 "$sq" "$seeds" "$work/seeds.out.jsonl" | sed -n '1,4p'
echo "-- published withheld, days inferred from the text"
python3 "$sq" "$seeds" "$work/seeds.blind.out.jsonl" | sed -n '1,4p'
echo "-- publication days of seeds.jsonl without published (score_timex.py --docdate)"
python3 "$st" --docdate "$seeds" "$work/seeds.blind.out.jsonl"
echo "-- the five raw seed files (no metadata at all)"
"$BIN" extract --no-text "$SHARED/corpus/seeds" >"$work/raw.out.jsonl"
python3 "$st" --docdate "$seeds" "$work/raw.out.jsonl"
python3 - "$seeds" "$work/raw.out.jsonl" <<'PY'
import json, sys
gold = {json.loads(l)['id']: json.loads(l)['published'] for l in open(sys.argv[1], encoding='utf-8') if l.strip()}
for l in open(sys.argv[2], encoding='utf-8'):
    d = json.loads(l)
    print(f"  {d['id']}: inferred {d.get('published')} {d.get('published_inferred', '')}  truth {gold.get(d['id'])}")
PY
echo

echo "== 4. speed on polnear-train.jsonl, one core"
python3 "$here/strip_gold.py" "$SHARED/gold/polnear-train.jsonl" "$work/train.in.jsonl"
chars=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text']) for l in open(sys.argv[1], encoding='utf-8')))" "$work/train.in.jsonl")
best=
for _ in $(seq "$RUNS"); do
  t0=$(date +%s.%N)
  taskset -c 0 "$BIN" extract --jobs 1 --no-text "$work/train.in.jsonl" >/dev/null
  t1=$(date +%s.%N)
  t=$(echo "$t1 - $t0" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
layer=$(taskset -c 0 "$BENCH" "$work/train.in.jsonl" "$RUNS")
echo "$layer"
ltime=$(echo "$layer" | sed -E 's/.*: ([0-9.]+) s,.*/\1/')
printf 'extract: %.3f s for %s characters (%.0f characters/s); time layer alone %.3f s: %.1f %% of extract\n' \
  "$best" "$chars" "$(echo "$chars / $best" | bc -l)" "$ltime" "$(echo "100 * $ltime / $best" | bc -l)"
