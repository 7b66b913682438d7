#!/usr/bin/env python3
"""Split an annotated JSONL file into two halves by the MD5 of each article's id (even: A,
where rules are written; odd: B, where they are checked), so that a figure can be reported on
both:  python3 bench/halves.py ../shared/gold/polnear-dev-speakers.jsonl OUT_DIR
writes OUT_DIR/A.jsonl and OUT_DIR/B.jsonl; then `onrecord eval OUT_DIR/A.jsonl`."""
import hashlib
import json
import os
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "A.jsonl"), "w") as a, open(os.path.join(out, "B.jsonl"), "w") as b:
    for line in open(src, encoding="utf-8"):
        doc_id = json.loads(line)["id"]
        even = int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % 2 == 0
        (a if even else b).write(line)
