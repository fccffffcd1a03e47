#!/usr/bin/env python3
"""Score a summaries file with Google's rouge-score, the way `newsbrief eval` averages.

Usage: python3 bench/rouge_parity_real.py DATA.jsonl SUMMARIES.jsonl
Prints P/R/F1 x100 of rouge1, rouge2, rougeL, rougeLsum: per cluster the mean over its
references, then the mean over clusters. Compare with
`newsbrief eval DATA.jsonl --summaries SUMMARIES.jsonl --json`.
"""
import json
import sys

from rouge_score import rouge_scorer

KEYS = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def main():
    data, summaries = sys.argv[1], sys.argv[2]
    by_id = {}
    for line in open(summaries):
        if line.strip():
            d = json.loads(line)
            by_id[d["id"]] = d["summary"]
    scorer = rouge_scorer.RougeScorer(KEYS, use_stemmer=True)
    total = {k: [0.0, 0.0, 0.0] for k in KEYS}
    n = 0
    for line in open(data):
        c = json.loads(line)
        if not c.get("references") or c["id"] not in by_id:
            continue
        per = {k: [0.0, 0.0, 0.0] for k in KEYS}
        for ref in c["references"]:
            s = scorer.score(ref, by_id[c["id"]])
            for k in KEYS:
                per[k][0] += s[k].precision
                per[k][1] += s[k].recall
                per[k][2] += s[k].fmeasure
        for k in KEYS:
            for i in range(3):
                total[k][i] += per[k][i] / len(c["references"])
        n += 1
    out = {"clusters": n}
    for k in KEYS:
        out[k] = {m: round(100 * v / n, 4) for m, v in zip(["precision", "recall", "f1"], total[k])}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
