#!/usr/bin/env python3
"""Turns `onrecord extract` output on web pages into score_html.py's PRED lines, and scores a
PRED file on the two halves of a gold set split by site.

  html_pred.py pred  < extract.jsonl > pred.jsonl
      {"id", "body", "title", "published"} per page: the body is the text without its first
      line when that line is the headline (onrecord puts the headline first in the text).
  html_pred.py halves GOLD PRED
      body F1, title exact and day accuracy (score_html.py's metrics, imported from
      SHARED/eval) on the pages of sites whose name hashes even (half A, where rules were
      written) and odd (half B, where they were checked). A site never straddles the halves.
"""
import hashlib, json, os, sys


def pred():
    for line in sys.stdin:
        d = json.loads(line)
        text = d.get("text") or ""
        title = d.get("title")
        lines = text.split("\n")
        if title and lines and lines[0].strip() == title.strip():
            text = "\n".join(lines[1:]).lstrip("\n")
        print(json.dumps({"id": d.get("id"), "body": text, "title": title,
                          "published": d.get("published")}, ensure_ascii=False))


def halves(gold_path, pred_path):
    shared = os.environ.get("SHARED") or os.path.join(os.path.dirname(__file__), "..", "..", "shared")
    sys.path.insert(0, os.path.join(shared, "eval"))
    import score_html as S
    gold, preds = S.load(gold_path), S.load(pred_path)
    half = lambda d: "A" if int(hashlib.md5(d["domain"].encode()).hexdigest(), 16) % 2 == 0 else "B"
    for h in "AB":
        docs = [d for d in gold.values() if half(d) == h]
        pages = [S.tp_fp_fn(d["body"], (preds.get(str(d["id"])) or {}).get("body") or "")
                 for d in docs if d.get("body") is not None]
        body = S.prf_from_pages(pages)["f1"]
        norm = lambda t: " ".join(S.unicodedata.normalize("NFKC", t or "").split()).strip().casefold()
        titled = [d for d in docs if d.get("title") is not None]
        title = sum(norm(d["title"]) == norm((preds.get(str(d["id"])) or {}).get("title")) for d in titled) / len(titled)
        dated = [d for d in docs if "published" in d]
        day = sum(((preds.get(str(d["id"])) or {}).get("published") or "")[:10] == d["published"] for d in dated) / len(dated)
        print(f"{h}\t{len(docs)}\t{body:.3f}\t{title:.3f}\t{day:.3f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["pred"]:
        pred()
    elif sys.argv[1:2] == ["halves"] and len(sys.argv) == 4:
        halves(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
