#!/usr/bin/env python3
"""How right each way of finding a speaker is: the matched statements (0.3 overlap, as
score_quotes.py matches them) grouped by `speaker_via`, with the share whose speaker is the
gold speaker (score_quotes.py's same_person) and (right + 1) / (all + 2), the figure the
`speaker_confidence` of each way is set from (crates/onrecord-analysis/src/people/mod.rs).

  python3 bench/speaker_methods.py GOLD.jsonl PRED.jsonl    (PRED from `onrecord extract`;
  SHARED=... when shared/ is not beside the project)"""
import collections
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get("SHARED", os.path.join(here, "..", "..", "shared"))
sys.path.insert(0, os.path.join(shared, "eval"))
from score_quotes import load, match, same_person  # noqa: E402

gold, pred = load(sys.argv[1]), load(sys.argv[2])
n, right = collections.Counter(), collections.Counter()
for doc_id, g in gold.items():
    golds = g.get("attributions", [])
    preds = [a for a in pred.get(doc_id, {}).get("attributions", []) if a.get("content")]
    for gi, pi in match(g["text"], golds, preds, 0.3):
        if not golds[gi].get("speaker"):
            continue
        via = preds[pi].get("speaker_via") or "(none)"
        n[via] += 1
        right[via] += same_person(preds[pi].get("speaker"), golds[gi]["speaker"])
print("| found by | statements | right | (right + 1) / (all + 2) |")
print("|---|---|---|---|")
for via, k in n.most_common():
    print(f"| {via} | {k} | {right[via]} ({100 * right[via] / k:.1f} %) | {(right[via] + 1) / (k + 2):.2f} |")
