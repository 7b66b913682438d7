#!/usr/bin/env python3
"""usage: strip_gold.py GOLD.jsonl OUT.jsonl

Writes what a reader of each article has: id, text, published, outlet and title, without
the gold annotations, so nothing can leak into a tool's predictions."""
import json, sys

with open(sys.argv[1], encoding='utf-8') as f, open(sys.argv[2], 'w', encoding='utf-8') as out:
    for line in f:
        if line.strip():
            d = json.loads(line)
            out.write(json.dumps({k: d[k] for k in ('id', 'text', 'published', 'outlet', 'title') if k in d},
                                 ensure_ascii=False) + '\n')
