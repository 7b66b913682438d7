#!/usr/bin/env bash
# Events (PLOVER) against shared/events, scored by shared/eval/score_events.py: CAMEO penta
# class and actor/recipient span F1 on conflibert-dev (whole, half A where rules are
# written, half B where they are checked), type accuracy on the manual's own examples; see
# bench/README.md.
#
#   bash bench/events.sh        (shared/ beside the project, or SHARED=/path/to/shared)
#
# Prints markdown tables and saves them to bench-out/events.md. BIN=path/to/onrecord skips
# the build; KEEP=1 keeps the predictions.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
SHARED=${SHARED:-$top/../shared}
OUT=${OUT:-$top/bench-out}
target=${CARGO_TARGET_DIR:-$top/target}
E=$SHARED/events

die() { echo "bench: $*" >&2; exit 1; }
[ -f "$E/conflibert-dev.jsonl" ] || die "$E/conflibert-dev.jsonl not found: put shared/ beside the project or set SHARED=..."
SHARED=$(cd "$SHARED" && pwd); export SHARED
if [ -z "${BIN:-}" ]; then
  echo "bench: building onrecord (release)" >&2
  (cd "$top" && cargo build --release -q -p onrecord)
  BIN=$target/release/onrecord
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/onrecord-events.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
mkdir -p "$OUT"
{
  for name in conflibert-dev plover-manual-examples; do
    gold=$E/$name.jsonl
    python3 "$here/events.py" input "$gold" >"$work/$name-in.jsonl"
    "$BIN" extract "$work/$name-in.jsonl" >"$work/$name-out.jsonl" 2>/dev/null
    python3 "$here/events.py" pred "$work/$name-out.jsonl" >"$work/$name-pred.jsonl"
    echo "### $name"
    echo
    python3 "$here/events.py" halves "$gold" "$work/$name-pred.jsonl"
    echo
  done
} | tee "$OUT/events.md"
[ -z "${KEEP:-}" ] || echo "bench: predictions kept in $work" >&2
