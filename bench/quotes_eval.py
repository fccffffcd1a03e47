#!/usr/bin/env python3
"""Quote extraction and speaker attribution against hand annotations.

bench/quotes_gold.jsonl holds, per annotated quotation of a real article in ../shared/data, only
the cluster id, the article's index, the byte range of the quoted words in the raw article text,
and the speaker a person read from the article (null when the article does not say). Each
annotated article is briefed with its whole cluster (names resolve across the story), and
newsbrief's quotes are mapped back to raw offsets through their text.

  quote recall      = annotated quotes overlapped by an extracted quote
  speaker accuracy  = of those, the share whose speaker matches (case, a leading article and a
                      trailing possessive aside; a description matches on its last word,
                      "the spokeswoman" = "a police spokeswoman"; a name must match in full)

Usage: python3 bench/quotes_eval.py [--bin target/release/newsbrief] [-v]
"""
import argparse, json, os, subprocess, sys, tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data")


def norm(s):
    if s is None:
        return None
    s = s.strip().lower().replace("’", "'")
    for a in ("the ", "a ", "an "):
        if s.startswith(a):
            s = s[len(a):]
    return s.removesuffix("'s").rstrip(".")


def speaker_ok(gold, got):
    g, p = norm(gold), norm(got)
    if g == p:
        return True
    if g is None or p is None:
        return False
    # Descriptions (lower-case in the article) match on their head word.
    if gold[:1].islower() or gold.split()[0].lower() in ("the", "a", "an"):
        return g.split()[-1] == p.split()[-1]
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "newsbrief"))
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    gold = [json.loads(l) for l in open(os.path.join(HERE, "quotes_gold.jsonl"))]
    want = defaultdict(list)
    for g in gold:
        want[(g["set"], g["cluster"])].append(g)
    clusters = {}
    for (set_, cid) in want:
        with open(os.path.join(DATA, set_ + ".jsonl")) as f:
            for line in f:
                c = json.loads(line)
                if c["id"] == cid:
                    clusters[(set_, cid)] = c
    found = right = 0
    articles = set()
    with tempfile.TemporaryDirectory() as tmp:
        for key, gs in sorted(want.items()):
            c = clusters[key]
            path = os.path.join(tmp, "story.jsonl")
            with open(path, "w") as f:
                for i, d in enumerate(c["documents"]):
                    f.write(json.dumps({"id": f"d{i}", "text": d}) + "\n")
            out = subprocess.run([args.bin, "brief", path, "--format", "json", "--with-text", "-q"],
                                 capture_output=True, text=True)
            if out.returncode not in (0, 1):
                sys.exit(f"newsbrief failed on {key}: {out.stderr}")
            brief = json.loads(out.stdout)
            # Document numbers in the brief follow input order (skipped ones left out).
            by_id = {d["id"]: d for d in brief["documents"]}
            preds = defaultdict(list)  # raw doc index -> [(start, end, speaker)]
            for q in brief["quotes"]:
                for sp in q["spans"]:
                    d = brief["documents"][sp["doc"] - 1]
                    raw_i = int(d["id"][1:])
                    raw = c["documents"][raw_i]
                    piece = d["text"].encode()[sp["start"]:sp["end"]].decode()
                    # Locate the cleaned piece in the raw text (cleaning keeps lines verbatim).
                    at = raw.find(piece)
                    if at < 0:
                        continue
                    s = len(raw[:at].encode())
                    preds[raw_i].append((s, s + len(piece.encode()), q["speaker"]))
            for g in gs:
                articles.add((key, g["doc"]))
                hits = [p for p in preds[g["doc"]] if p[0] < g["end"] and g["start"] < p[1]]
                ok = False
                if hits:
                    found += 1
                    ok = any(speaker_ok(g["speaker"], h[2]) for h in hits[:1])
                    right += ok
                if args.v and (not hits or not ok):
                    raw = c["documents"][g["doc"]].encode()
                    text = raw[g["start"]:g["end"]].decode(errors="replace")[:70]
                    got = hits[0][2] if hits else "(not found)"
                    print(f"  {key[1]}/{g['doc']} {g['start']}: gold {g['speaker']!r} got {got!r}  | {text}")
    n = len(gold)
    print(f"{n} annotated quotations in {len(articles)} articles")
    print(f"quote recall:     {found}/{n} = {100 * found / n:.1f}%")
    print(f"speaker accuracy: {right}/{found} = {100 * right / max(found, 1):.1f}% (of quotes found)")


if __name__ == "__main__":
    main()
