#!/usr/bin/env python3
"""Throughput of `newsbrief cluster` on the issue-5 stream, and per-article time at 2,354 vs
the whole stream.

The stream: ../shared/data/duc_stream_clustering/test.jsonl (2,354 dated articles), then every
document of ../shared/data/multi_news/validation.jsonl as an article (one story per cluster,
clusters dated a day apart in file order, after the last DUC date). The file is written to a
temporary directory, never into the repository.

    python3 bench/stream.py [--runs 3] [--bin target/release/newsbrief]
"""
import argparse
import datetime as dt
import json
import os
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data")


def build(path):
    duc = open(os.path.join(DATA, "duc_stream_clustering", "test.jsonl")).read().splitlines()
    last = max(json.loads(l)["date"] for l in duc if l.strip())
    day = dt.date(int(last[:4]), int(last[5:7]), 1) + dt.timedelta(days=31)
    n = len(duc)
    with open(path, "w") as out:
        for l in duc:
            out.write(l + "\n")
        for line in open(os.path.join(DATA, "multi_news", "validation.jsonl")):
            c = json.loads(line)
            for j, d in enumerate(c["documents"]):
                out.write(json.dumps({"id": f"mn-{c['id']}-{j}", "text": d,
                                      "date": day.isoformat(), "cluster": f"mn-{c['id']}"}) + "\n")
                n += 1
            day += dt.timedelta(days=1)
    return len(duc), n


def timed(bin_, path, runs):
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run([bin_, "cluster", path, "-q"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        t = time.perf_counter() - t0
        if r.returncode not in (0, 1):
            raise SystemExit(r.stderr.decode())
        best = t if best is None else min(best, t)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "newsbrief"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        full = os.path.join(tmp, "stream.jsonl")
        first, total = build(full)
        head = os.path.join(tmp, "head.jsonl")
        with open(full) as f, open(head, "w") as h:
            for i, line in enumerate(f):
                if i >= first:
                    break
                h.write(line)
        t_head = timed(a.bin, head, a.runs)
        t_full = timed(a.bin, full, a.runs)
        size = os.path.getsize(full) / 1e6
        print(f"stream: {total} articles, {size:.1f} MB (first {first} are DUC)")
        print(f"first {first}: {t_head:.3f} s wall, {first / t_head:,.0f} articles/s, "
              f"{1e6 * t_head / first:.0f} us/article")
        print(f"all {total}: {t_full:.3f} s wall, {total / t_full:,.0f} articles/s, "
              f"{1e6 * t_full / total:.0f} us/article")
        print(f"per-article time ratio (all / first): {(t_full / total) / (t_head / first):.2f}")


if __name__ == "__main__":
    main()
