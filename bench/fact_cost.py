#!/usr/bin/env python3
"""What fact extraction adds to the CPU time of `newsbrief brief` (issue 4's cost bar).

Builds 65 real stories from ../shared/data in a temporary directory (the first 15 clusters of
DUC 2006, the first 10 of DUC 2007 and the first 40 of Multi-News validation; one JSONL line
per article, nothing is written into the repository), then runs `brief STORY -q` and
`brief STORY -q --no-facts` alternately, RUNS times each, and takes the median CPU time
(user + system, from the kernel's accounting of each child process). Prints the added share
per set and over all 65 stories.

    python3 bench/fact_cost.py [--runs 15] [--bin target/release/newsbrief]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
SETS = [
    ("DUC 2006", "duc2006/test.jsonl", 15),
    ("DUC 2007", "duc2007/test.jsonl", 10),
    ("Multi-News validation", "multi_news/validation.jsonl", 40),
]


def cpu_seconds(args):
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(args)} failed")
    return usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--bin", default="target/release/newsbrief")
    a = ap.parse_args()
    if not os.path.exists(a.bin):
        sys.exit(f"{a.bin} not found: cargo build --release first")
    totals = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path, n in SETS:
            with_facts = without = 0.0
            with open(os.path.join(DATA, path)) as f:
                for k, line in zip(range(n), f):
                    docs = json.loads(line)["documents"]
                    story = os.path.join(tmp, f"{k}.jsonl")
                    with open(story, "w") as out:
                        for i, text in enumerate(docs):
                            out.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
                    a_runs, b_runs = [], []
                    for _ in range(a.runs):
                        a_runs.append(cpu_seconds([a.bin, "brief", story, "-q"]))
                        b_runs.append(cpu_seconds([a.bin, "brief", story, "-q", "--no-facts"]))
                    with_facts += statistics.median(a_runs)
                    without += statistics.median(b_runs)
            totals[name] = (with_facts, without, n)
    print(f"| stories | brief | brief --no-facts | added by facts |")
    print(f"|---|---:|---:|---:|")
    all_a = all_b = 0.0
    for name, (wa, wb, n) in totals.items():
        all_a += wa
        all_b += wb
        print(f"| {name} ({n}) | {wa * 1000:.0f} ms | {wb * 1000:.0f} ms | {100 * (wa - wb) / wb:+.1f}% |")
    print(f"| all ({sum(t[2] for t in totals.values())}) | {all_a * 1000:.0f} ms | "
          f"{all_b * 1000:.0f} ms | {100 * (all_a - all_b) / all_b:+.1f}% |")


if __name__ == "__main__":
    main()
