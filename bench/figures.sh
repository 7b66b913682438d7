#!/usr/bin/env bash
# Figures (numeric claims) against the hand-made gold of shared/figures, scored by
# shared/eval/score_figures.py, on the seeds and on polnear-dev-figures (whole, half A where
# rules are written, half B where they are checked); see bench/README.md.
#
#   bash bench/figures.sh        (shared/ beside the project, or SHARED=/path/to/shared)
#
# Prints markdown tables and saves them to bench-out/figures.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
SHARED=${SHARED:-$top/../shared}
OUT=${OUT:-$top/bench-out}
target=${CARGO_TARGET_DIR:-$top/target}
bin=$target/release/onrecord
F=$SHARED/figures

die() { echo "bench: $*" >&2; exit 1; }
[ -f "$F/seeds-figures.jsonl" ] || die "$F/seeds-figures.jsonl not found: put shared/ beside the project or set SHARED=..."
SHARED=$(cd "$SHARED" && pwd); export SHARED
echo "bench: building onrecord (release)" >&2
(cd "$top" && cargo build --release -q -p onrecord)

work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-figures.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
mkdir -p "$OUT"
{
  for name in seeds polnear-dev; do
    gold=$F/$name-figures.jsonl
    python3 "$here/figures.py" input "$gold" >"$work/$name-in.jsonl"
    "$bin" extract "$work/$name-in.jsonl" >"$work/$name-pred.jsonl" 2>/dev/null
    echo "### $name-figures"
    echo
    python3 "$here/figures.py" halves "$gold" "$work/$name-pred.jsonl"
    echo
  done
} | tee "$OUT/figures.md"
[ -z "${KEEP:-}" ] || echo "bench: predictions kept in $work" >&2
