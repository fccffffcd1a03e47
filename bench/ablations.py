#!/usr/bin/env python3
"""Ablations of the default method: each row switches one idea off (or changes it) through
`--param`, and reports ROUGE-1/ROUGE-2 F1 on every evaluation set.

Usage: python3 bench/ablations.py [--newsbrief ./target/release/newsbrief] [--data ../shared/data]
"""
import argparse
import json
import subprocess

SETS = [("duc2006/test", 250), ("duc2007/test", 250), ("duc2007_update/test", 100),
        ("multi_news_full/train", 260), ("multi_news_full/validation", 260)]

ROWS = [
    ("default (coverage)", "coverage", []),
    ("no lead bonus", "coverage", ["lead=0"]),
    ("stronger lead bonus", "coverage", ["lead=2"]),
    ("plain document frequency (no position decay)", "coverage", ["position_decay=0"]),
    ("no within-article repetition weight", "coverage", ["tf_weight=0"]),
    ("linear document frequency (df_power 1)", "coverage", ["df_power=1"]),
    ("unigrams weighted 0.5 (default 0.05)", "coverage", ["unigram_weight=0.5"]),
    ("bigrams only", "coverage", ["unigram_weight=0"]),
    ("single-article concepts ignored (budget not filled)", "coverage", ["single=0"]),
    ("single-article concepts flat, not discounted by position (single_position 0, single 0.1)",
     "coverage", ["single_position=0", "single=0.1"]),
    ("short sentences allowed (min 5 words)", "coverage", ["min_words=5"]),
    ("gain per word (length exponent 1)", "coverage", ["length_exponent=1"]),
    ("stricter redundancy (0.4; default 0.6)", "coverage", ["redundancy=0.4"]),
    ("foundation defaults", "coverage", ["unigram_weight=0.5", "length_exponent=0.6", "lead=1",
                                         "redundancy=0.5", "single=0",
                                         "df_power=1", "position_decay=0", "tf_weight=0",
                                         "min_words=5"]),
    ("submodular (Lin & Bilmes 2011)", "submodular", []),
    ("lead baseline", "lead", []),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsbrief", default="./target/release/newsbrief")
    ap.add_argument("--data", default="../shared/data")
    args = ap.parse_args()
    head = " | ".join(f"{s.split('/')[0]}{'/' + s.split('/')[1] if s.startswith('multi') else ''} R-1 / R-2" for s, _ in SETS)
    print(f"| variant | {head} |")
    print("|---|" + "---|" * len(SETS))
    for name, method, params in ROWS:
        cells = []
        for s, w in SETS:
            cmd = [args.newsbrief, "eval", f"{args.data}/{s}.jsonl", "--words", str(w), "--method",
                   method, "--json", "-q"]
            for p in params:
                cmd += ["--param", p]
            out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
            d = json.loads(out)
            cells.append(f"{d['rouge1']['f1']:.2f} / {d['rouge2']['f1']:.2f}")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
