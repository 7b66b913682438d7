#!/usr/bin/env bash
# Held-out fifths of PolNeAR train: for each fold, the cue lexicon and the cue, start and end
# models are learned (`onrecord learn-cues`) on the other four fifths and the fold is scored
# with them (`onrecord eval --models`): the figure on copy the learned tables never saw. The
# rules themselves were written on polnear-dev, never on train, so the fold is unseen by both.
#
#   bash bench/folds.sh          (shared/ beside the project, or SHARED=...; BIN=… skips the
#                                 build; FOLDS="a b c d e" for all five, default a)
# Prints a markdown table and saves it to bench-out/folds.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
SHARED=${SHARED:-$top/../shared}
OUT=${OUT:-$top/bench-out}
FOLDS=${FOLDS:-a}
train=$SHARED/gold/polnear-train.jsonl
[ -f "$train" ] || { echo "folds: $train not found: put shared/ beside the project or set SHARED=..." >&2; exit 1; }
if [ -z "${BIN:-}" ]; then
  (cd "$top" && cargo build --release -q -p onrecord)
  BIN=${CARGO_TARGET_DIR:-$top/target}/release/onrecord
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-folds.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$here/folds.py" "$train" "$work"

mkdir -p "$OUT"
{
  echo "| fold | docs | all@exact F1 | all@0.8 F1 | all@0.3 F1 | direct@0.8 F1 | direct@0.3 F1 |"
  echo "|---|---|---|---|---|---|---|"
  for f in $FOLDS; do
    "$BIN" -q learn-cues "$work/not-$f.jsonl" --out "$work/models-$f"
    "$BIN" eval -q "$work/$f.jsonl" --models "$work/models-$f" >"$work/$f.txt"
    docs=$(wc -l <"$work/$f.jsonl")
    awk -v f="$f" -v n="$docs" '
      $1 == "all@exact" { e = $6 } $1 == "all@0.8" { m = $6 } $1 == "all@0.3" { a = $6 }
      $1 == "direct@0.8" { d = $6 } $1 == "direct@0.3" { d3 = $6 }
      END { printf "| %s | %d | %s | %s | %s | %s | %s |\n", f, n, e, m, a, d, d3 }' "$work/$f.txt"
  done
} | tee "$OUT/folds.md"
