#!/usr/bin/env python3
"""Events benchmark helpers (see bench/events.sh).

  events.py input GOLD > IN.jsonl          the gold sentences as articles: id and text only
  events.py pred OUT.jsonl > PRED.jsonl    extract's records as predictions: id and events,
                                           denied events left out (a denial is no event), and
                                           subordinate ones beside a main-clause event
  events.py halves GOLD PRED               score_events.py's figures on all, half A, half B
  events.py errors GOLD PRED [A|B]         per sentence: gold penta and spans against ours

Halves split by the MD5 of each sentence's id (even: A, where rules are written; odd: B,
where they are checked), as bench/halves.py does. The scorer is imported from
$SHARED/eval/score_events.py so that the figures are the reference ones. Nothing here keeps
or prints the sentences of conflibert-dev beyond the terminal (`errors` is for reading)."""
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
        print(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False))


def cmd_pred(out):
    for d in load(out).values():
        evs = [e for e in d.get("events") or [] if e.get("standing") != "denied"]
        # the gold codes one event per sentence, the act of its main clause: an event told in
        # a subordinate clause counts only when its sentence has no other
        main = {e.get("sentence") for e in evs if not e.get("subordinate")}
        evs = [e for e in evs if not e.get("subordinate") or e.get("sentence") not in main]
        print(json.dumps({"id": d["id"], "events": evs}, ensure_ascii=False))


def cmd_halves(gold, pred):
    import score_events as se
    g, p = se.load(gold), se.load(pred)
    pct = lambda x: "-" if x is None else f"{100 * x:.1f}"
    rows = []
    for name, keep in (("all", lambda i: True), ("A", lambda i: half(i) == "A"), ("B", lambda i: half(i) == "B")):
        rows.append((name, se.score({k: v for k, v in g.items() if keep(k)}, p)))
    if any("penta" in r for _, r in rows):
        print("| half | penta n | penta acc | any acc | actor F1 | recipient F1 | pooled F1 | pooled P | pooled R | pooled exact F1 |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for name, r in rows:
            pe, sp = r.get("penta", {}), r.get("spans", {})
            f1 = lambda k: pct(sp.get(k, {}).get("F1"))
            print(f"| {name} | {pe.get('sentences', 0)} | {pct(pe.get('acc'))} | {pct(pe.get('any_acc'))} | "
                  f"{f1('actor@overlap')} | {f1('recipient@overlap')} | {f1('all@overlap')} | "
                  f"{pct(sp.get('all@overlap', {}).get('P'))} | {pct(sp.get('all@overlap', {}).get('R'))} | {f1('all@exact')} |")
    if any("type" in r for _, r in rows):
        print("| half | sentences | type exact acc | type hit acc | macro F1 | micro F1 |")
        print("|---|---|---|---|---|---|")
        for name, r in rows:
            t = r.get("type")
            if t:
                print(f"| {name} | {t['sentences']} | {pct(t['exact_acc'])} | {pct(t['hit_acc'])} | {pct(t['macro_F1'])} | {pct(t['micro_F1'])} |")


def cmd_errors(gold, pred, which=None):
    import score_events as se
    g, p = se.load(gold), se.load(pred)
    for did, G in g.items():
        if which and half(did) != which:
            continue
        P = p.get(did, {"events": []})
        t = G["text"]
        gp = G.get("penta")
        cl, _ = se.penta_pred(P, se.PENTA_OF)
        show = lambda role, doc: [t[a:b] for ev in doc.get("events") or [] for e in ev.get(role) or [] for a, b in (e.get("span") or [])]
        mark = "OK " if gp == cl[0] else "BAD"
        print(f"{mark} gold {gp} pred {cl[0]} {[e.get('type') for e in P.get('events') or []]}  {t}")
        if "spans" in se.layers(G):
            print(f"      gold A {show('actor', G)} R {show('recipient', G)}")
            print(f"      ours A {show('actor', P)} R {show('recipient', P)}")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"input": cmd_input, "pred": cmd_pred, "halves": cmd_halves, "errors": cmd_errors}[cmd](*args)
