#!/usr/bin/env python3
"""Figures benchmark helpers (see bench/figures.sh).

  figures.py input GOLD > IN.jsonl            the gold articles without their figures
  figures.py halves GOLD PRED                 score_figures.py's figures on all, half A, half B
  figures.py errors GOLD PRED [A|B]           misses, false figures and wrong fields, to read

Halves split by the MD5 of each article's id (even: A, where rules are written; odd: B,
where they are checked), as bench/halves.py does. The scorer is imported from
$SHARED/eval/score_figures.py so that the figures are the reference ones."""
import hashlib
import json
import os
import sys

SHARED = os.environ.get("SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
sys.path.insert(0, os.path.join(SHARED, "eval"))


def half(doc_id):
    return "A" if int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % 2 == 0 else "B"


def load(path):
    return {d["id"]: d for d in (json.loads(l) for l in open(path, encoding="utf-8") if l.strip())}


def cmd_input(gold):
    for d in load(gold).values():
        print(json.dumps({"id": d["id"], "text": d["text"], "published": d.get("published")}, ensure_ascii=False))


def cmd_halves(gold, pred):
    import score_figures as sf
    g, p = sf.load(gold), sf.load(pred)
    rows = []
    for name, keep in (("all", lambda i: True), ("A", lambda i: half(i) == "A"), ("B", lambda i: half(i) == "B")):
        r = sf.score({k: v for k, v in g.items() if keep(k)}, p)
        rows.append((name, r))
    print("| half | gold | span F1 | exact F1 | value | unit | bound | subject | source | e2e F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    pct = lambda x: "-" if x is None else f"{100 * x:.1f}"
    for name, r in rows:
        print(f"| {name} | {r['gold']} | {pct(r['span_F1'])} | {pct(r['span_exact_F1'])} | {pct(r['value_acc'])} | "
              f"{pct(r['unit_acc'])} | {pct(r['bound_acc'])} | {pct(r['subject_acc'])} | {pct(r['source_acc'])} | {pct(r['e2e_F1'])} |")


def cmd_errors(gold, pred, which=None):
    import score_figures as sf
    g, p = sf.load(gold), sf.load(pred)
    for did, G in g.items():
        if which and half(did) != which:
            continue
        t = G["text"]
        gf = G.get("figures", [])
        pf = [f for f in (p.get(did, {}).get("figures") or []) if f.get("span")]
        pairs = sf.match(gf, pf)
        show = lambda sp: " | ".join(t[a:b] for a, b in sp or [])
        ctx = lambda f: t[max(0, f["span"][0][0] - 50):f["span"][0][0]].replace("\n", " ") + "[[" + show(f["span"]) + "]]" + t[f["span"][0][1]:f["span"][0][1] + 30].replace("\n", " ")
        for gi, pi in pairs:
            a, b = gf[gi], pf[pi]
            bad = []
            if not sf.same_value(a.get("value"), b.get("value")):
                bad.append(f"value {a.get('value')} vs {b.get('value')}")
            if a.get("bound") != b.get("bound"):
                bad.append(f"bound {a.get('bound')} vs {b.get('bound')}")
            if not sf.overlap_or_both_empty(a.get("source"), b.get("source")):
                bad.append(f"source {show(a.get('source'))!r} vs {show(b.get('source'))!r}")
            if bad:
                print(f"{did[:12]} WRONG {ctx(a)}  :: " + "; ".join(bad))
        for gi in set(range(len(gf))) - {x for x, _ in pairs}:
            print(f"{did[:12]} MISS  {ctx(gf[gi])}")
        for pi in set(range(len(pf))) - {y for _, y in pairs}:
            print(f"{did[:12]} FALSE {ctx(pf[pi])}")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"input": cmd_input, "halves": cmd_halves, "errors": cmd_errors}[cmd](*args)
