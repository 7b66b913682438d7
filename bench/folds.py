#!/usr/bin/env python3
"""Split an annotated JSONL file into five folds a..e by the MD5 of each article's id (mod 5),
for held-out scoring: `python3 bench/folds.py polnear-train.jsonl OUT_DIR` writes
OUT_DIR/{a..e}.jsonl (the fold) and OUT_DIR/not-{a..e}.jsonl (the other four, to learn from)."""
import hashlib
import json
import os
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
names = "abcde"
files = {n: open(os.path.join(out, f"{n}.jsonl"), "w") for n in names}
rest = {n: open(os.path.join(out, f"not-{n}.jsonl"), "w") for n in names}
for line in open(src, encoding="utf-8"):
    doc_id = json.loads(line)["id"]
    fold = names[int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % 5]
    files[fold].write(line)
    for n in names:
        if n != fold:
            rest[n].write(line)
for f in list(files.values()) + list(rest.values()):
    f.close()
