#!/usr/bin/env python3
"""List the disagreements newsbrief flags on a fixed sample of real clusters, for judging.

Sample (fixed): the first 15 clusters of duc2006/test.jsonl, the first 10 of duc2007/test.jsonl
and the first 15 of multi_news_full/train.jsonl (never the injected conflicts set). DUC
articles get their id and publication date from the meta file's document ids
(NYT19980612.0403 -> 1998-06-12); Multi-News articles have none.

Each flagged disagreement gets a stable key: cluster id, its values (with their qualifiers and
revised marks) and the cited article ids. Judgements live in bench/judged/disagreements.jsonl,
one per line: {"key", "verdict", "reason"} with verdict "conflict" (the sources really give
different figures for the same quantity), "update" (a figure that changed over time, marked as
such) or "not" (not the same quantity, not a conflict, or an update shown as a conflict). No
article text is stored there: only keys, verdicts and a short reason in the judge's own words.

Usage: python3 bench/judge_disagreements.py [--bin PATH] [--show-new] [--show-all]
Prints the rate of judged-good disagreements and the items that still need a verdict (with
their cited sentences, to stdout only, when --show-new).
"""
import argparse
import json
import os
import re
import subprocess
import tempfile

DATA = "/work/shared/data"
HERE = os.path.dirname(os.path.abspath(__file__))
JUDGED = os.path.join(HERE, "judged", "disagreements.jsonl")
SAMPLE = [("duc2006/test", 15), ("duc2007/test", 10), ("multi_news_full/train", 15)]


def clusters():
    for name, n in SAMPLE:
        meta = {}
        if os.path.exists(f"{DATA}/{name}.meta.jsonl"):
            for line in open(f"{DATA}/{name}.meta.jsonl"):
                m = json.loads(line)
                meta[m["id"]] = m.get("doc_ids", [])
        with open(f"{DATA}/{name}.jsonl") as f:
            for _, line in zip(range(n), f):
                c = json.loads(line)
                ids = meta.get(c["id"], [])
                arts = []
                for i, text in enumerate(c["documents"]):
                    art = {"id": f"d{i + 1}", "text": text}
                    if i < len(ids):
                        art["id"] = ids[i]
                        m = re.match(r"[A-Z]+(\d{4})(\d{2})(\d{2})", ids[i])
                        if m:
                            art["published"] = "-".join(m.groups())
                    arts.append(art)
                yield c["id"], arts


def brief(binary, arts):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for a in arts:
            f.write(json.dumps(a) + "\n")
        path = f.name
    try:
        # Exit code 1 when an article is skipped (e.g. nothing left after cleaning): the
        # brief of the others is still printed.
        out = subprocess.run([binary, "brief", "--format", "json", "--quiet", path],
                             capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    return json.loads(out)


def key_of(cid, docs, d):
    parts = []
    for v in d["values"]:
        mark = (v.get("qualifier") or "") + "|" + v["value"] + ("|revised" if v.get("revised") else "")
        ids = ",".join(docs[s - 1]["id"] for s in v["sources"])
        parts.append(f"{mark}@{ids}")
    return f"{cid}::" + " vs ".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", "target"), "release", "newsbrief"))
    ap.add_argument("--show-new", action="store_true", help="print unjudged items with sentences")
    ap.add_argument("--show-all", action="store_true", help="print every item with sentences")
    ap.add_argument("--keys", help="write the current keys to this file")
    args = ap.parse_args()
    judged = {}
    if os.path.exists(JUDGED):
        for line in open(JUDGED):
            if line.strip():
                j = json.loads(line)
                judged[j["key"]] = j
    counts = {"conflict": 0, "update": 0, "not": 0}
    new, keys, n_clusters = [], [], 0
    for cid, arts in clusters():
        n_clusters += 1
        b = brief(args.bin, arts)
        for d in b["disagreements"]:
            key = key_of(cid, b["documents"], d)
            keys.append(key)
            j = judged.get(key)
            if j:
                counts[j["verdict"]] += 1
            else:
                new.append(key)
            if args.show_all or (args.show_new and not j):
                print(f"\n== {key}\n   about: {d['about']}" + (f"  [{j['verdict']}: {j['reason']}]" if j else ""))
                for v in d["values"]:
                    ids = [b["documents"][s - 1]["id"] + "(" + (b["documents"][s - 1]["published"] or "?") + ")"
                           for s in v["sources"]]
                    print(f"   - {v.get('qualifier') or ''} {v['value']}{' (revised)' if v.get('revised') else ''} {ids}: {v['sentence'][:400]}")
    if args.keys:
        with open(args.keys, "w") as f:
            f.write("\n".join(keys) + "\n")
    total = sum(counts.values())
    good = counts["conflict"] + counts["update"]
    print(f"\nclusters {n_clusters}, flagged {len(keys)}, judged {total}, need judging {len(new)}")
    if total:
        print(f"good (real conflict or marked update): {good}/{total} = {100 * good / total:.1f}% "
              f"(conflict {counts['conflict']}, update {counts['update']}, not {counts['not']})")
    for k in new:
        print("NEW", k)


if __name__ == "__main__":
    main()
