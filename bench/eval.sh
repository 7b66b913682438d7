#!/usr/bin/env bash
# The reference scorers of shared/eval/ against `onrecord extract` on the shared gold files,
# whose annotations are stripped from the input first so nothing can leak into the output.
#
#   bash bench/eval.sh           (shared/ beside the project, or SHARED=/path/to/shared;
#                                 BIN=path/to/onrecord skips the release build)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
SHARED=${SHARED:-$top/../shared}
[ -f "$SHARED/eval/score_quotes.py" ] || {
  echo "eval: $SHARED/eval/score_quotes.py not found: put shared/ beside the project or set SHARED=..." >&2
  exit 1
}
if [ -z "${BIN:-}" ]; then
  (cd "$top" && cargo build --release -q -p onrecord)
  BIN=${CARGO_TARGET_DIR:-$top/target}/release/onrecord
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-eval.XXXXXX")
trap 'rm -rf "$work"' EXIT

for g in seeds polnear-dev polnear-dev-speakers; do
  gold=$SHARED/gold/$g.jsonl
  [ -f "$gold" ] || { echo "== $g: $gold not found, skipped"; continue; }
  python3 "$here/strip_gold.py" "$gold" "$work/$g.in.jsonl"
  "$BIN" extract --no-text "$work/$g.in.jsonl" >"$work/$g.out.jsonl"
  echo "== $g (attributions, shared/eval/score_quotes.py)"
  python3 "$SHARED/eval/score_quotes.py" "$gold" "$work/$g.out.jsonl"
  echo
done

# Time expressions, when the extraction emits them.
gold=$SHARED/gold/tbaq-dev.jsonl
if [ -f "$gold" ] && [ -f "$SHARED/eval/score_timex.py" ]; then
  python3 "$SHARED/eval/score_timex.py" --input "$gold" >"$work/tbaq.in.jsonl"
  "$BIN" extract --no-text "$work/tbaq.in.jsonl" >"$work/tbaq.out.jsonl"
  echo "== tbaq-dev (time expressions, shared/eval/score_timex.py)"
  python3 "$SHARED/eval/score_timex.py" "$gold" "$work/tbaq.out.jsonl"
fi
