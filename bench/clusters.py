#!/usr/bin/env python3
"""Stream clustering on the development variants of issue 29, with one configuration.

Streams (written to a temporary directory, never into the repository):
  dated      ../shared/data/duc_stream_clustering/test.jsonl as it is (2,354 articles)
  undated    the same, every date removed
  same-day   the same, every date set to one day
  multi-news every document of ../shared/data/multi_news/validation.jsonl, one gold story per
             cluster, clusters dated a day apart in file order (the Multi-News part of
             bench/stream.py's stream)

For each stream `newsbrief cluster` runs at the default threshold and at 0.8, 0.9, 1.1 and 1.2
times it; BCubed precision / recall / F1 are computed here from its output against the gold
`cluster` field (Amigo et al. 2009: per article, the share of its predicted story in its gold
story, and the reverse, averaged over articles).

    python3 bench/clusters.py [--bin target/release/newsbrief] [--threshold 0.16] [--only dated,...]
"""
import argparse
import json
import os
import subprocess
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data")
SCALES = [0.8, 0.9, 1.0, 1.1, 1.2]


def duc_variant(out_path, mode):
    gold = {}
    with open(out_path, "w") as out:
        for line in open(os.path.join(DATA, "duc_stream_clustering", "test.jsonl")):
            if not line.strip():
                continue
            a = json.loads(line)
            gold[a["id"]] = a["cluster"]
            if mode == "undated":
                a.pop("date", None)
            elif mode == "same-day":
                a["date"] = "2005-06-01"
            out.write(json.dumps(a) + "\n")
    return gold


def multi_news(out_path):
    import datetime as dt
    # 5,622 clusters a day apart: from 2000 they end in 2015, never past today (a date in the
    # future is not used to place an article in time).
    gold, day = {}, dt.date(2000, 1, 1)
    with open(out_path, "w") as out:
        for line in open(os.path.join(DATA, "multi_news", "validation.jsonl")):
            c = json.loads(line)
            for j, d in enumerate(c["documents"]):
                aid = f"mn-{c['id']}-{j}"
                gold[aid] = c["id"]
                out.write(json.dumps({"id": aid, "text": d, "date": day.isoformat()}) + "\n")
            day += dt.timedelta(days=1)
    return gold


def bcubed(pred, gold):
    # An article the command left out counts as a story of its own.
    pred = {i: pred.get(i, ("left out", i)) for i in gold}
    by_pred, by_gold = Counter(pred.values()), Counter(gold.values())
    inter = Counter((pred[i], gold[i]) for i in gold)
    p = sum(inter[(pred[i], gold[i])] / by_pred[pred[i]] for i in gold) / len(gold)
    r = sum(inter[(pred[i], gold[i])] / by_gold[gold[i]] for i in gold) / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def run(bin_, path, threshold):
    r = subprocess.run([bin_, "cluster", path, "-q", "--param", f"threshold={threshold}"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(r.stderr)
    pred = {}
    for line in r.stdout.splitlines():
        o = json.loads(line)
        pred[o["id"]] = o["story"]
    return pred


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "newsbrief"))
    ap.add_argument("--threshold", type=float, default=0.16, help="the default threshold")
    ap.add_argument("--only", default="dated,undated,same-day,multi-news")
    args = ap.parse_args()
    wanted = args.only.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        print("| stream | articles | BCubed P | R | F1 | F1 at x0.8 / x0.9 / x1.1 / x1.2 | spread |")
        print("|---|---:|---:|---:|---:|---|---:|")
        for name in wanted:
            path = os.path.join(tmp, name + ".jsonl")
            gold = multi_news(path) if name == "multi-news" else duc_variant(path, name)
            scores = {}
            for s in SCALES:
                scores[s] = bcubed(run(args.bin, path, round(args.threshold * s, 4)), gold)
            p, r, f = scores[1.0]
            others = " / ".join(f"{scores[s][2]:.3f}" for s in SCALES if s != 1.0)
            spread = max(v[2] for v in scores.values()) - min(v[2] for v in scores.values())
            print(f"| {name} | {len(gold):,} | {p:.3f} | {r:.3f} | **{f:.3f}** | {others} | "
                  f"{spread:.3f} |", flush=True)


if __name__ == "__main__":
    main()
