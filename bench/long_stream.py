#!/usr/bin/env python3
"""Long streams (issue 29 item 3): `newsbrief cluster` and `newsbrief ingest` over a stream of
N articles (default 1,000,000), with articles per second, peak RSS and the store's bytes per
article, for a series of N so that memory growth is visible.

The stream is built from the shared articles: one pass is the DUC stream
(../shared/data/duc_stream_clustering/test.jsonl, 2,354 dated articles, 1996-2000; the 13 with
an impossible date at the previous one's) then every
document of ../shared/data/multi_news/validation.jsonl (one story per cluster, 20 clusters a
day after the last DUC date). Passes repeat with their dates shifted by `--shift-years` each, so
dates increase through the stream (the last pass at the sets' own dates: every date is past), and with light perturbation so that repeats are not byte
copies: a new id, one sentence dropped (articles of 4 sentences or more), two adjacent sentences
swapped, numbers changed. The series' streams are prefixes of one file, written to a temporary
directory (never into the repository; `--tmp` picks where, about 3 GB for 1,000,000 articles)
and deleted at the end.

    python3 bench/long_stream.py [--n 1000000] [--series 10000,100000,300000]
        [--bin $CARGO_TARGET_DIR/release/newsbrief] [--no-ingest] [--no-cluster]
"""
import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
NUMBER = re.compile(r"\b\d+\b")


def base_articles():
    """One pass: (id, title, text, date) of the DUC stream, then of Multi-News documents."""
    out = []
    last = None
    for line in open(os.path.join(DATA, "duc_stream_clustering", "test.jsonl")):
        a = json.loads(line)
        try:
            d = dt.date.fromisoformat(a["date"])
        except ValueError:  # a few day/month swaps: at the previous date, as `cluster` does
            d = last
        out.append((a["id"], a.get("title"), a["text"], d))
        last = d
    day = last + dt.timedelta(days=1)
    for k, line in enumerate(open(os.path.join(DATA, "multi_news", "validation.jsonl"))):
        c = json.loads(line)
        for j, doc in enumerate(c["documents"]):
            if doc.strip():
                out.append((f"mn-{c['id']}-{j}", None, doc, day))
        if k % 20 == 19:
            day += dt.timedelta(days=1)
    return out


def perturb(text, rng):
    """The text with one sentence dropped, two swapped and its numbers changed."""
    parts = SENTENCE.split(text)
    if len(parts) >= 4:
        del parts[rng.randrange(1, len(parts))]
    if len(parts) >= 3:
        i = rng.randrange(1, len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
    text = " ".join(parts)
    return NUMBER.sub(lambda m: str(int(m.group()) + rng.randrange(1, 9)), text)


def build(path, n, shift_years):
    base = base_articles()
    rng = random.Random(29)
    shift = dt.timedelta(days=round(365.25 * shift_years))
    # The last pass keeps the sets' own dates and earlier ones go back in time, so every date
    # is in the past (a date after today is not used to place an article in time).
    passes = -(-n // len(base))
    back = (passes - 1) * shift
    if min(day for *_, day in base) - back < dt.date(1500, 1, 1):
        raise SystemExit(f"{n} articles need dates before 1500; use a smaller --shift-years")
    written = 0
    with open(path, "w") as out:
        p = 0
        while written < n:
            for (aid, title, text, day) in base:
                if written >= n:
                    break
                line = {"id": f"p{p}-{aid}" if p else aid,
                        "text": perturb(text, rng) if p else text,
                        "date": (day + p * shift - back).isoformat()}
                if title:
                    line["title"] = title
                out.write(json.dumps(line) + "\n")
                written += 1
            p += 1
    return len(base)


def prefix(full, path, n):
    with open(full) as f, open(path, "w") as out:
        for i, line in enumerate(f):
            if i >= n:
                break
            out.write(line)


def rss_run(cmd):
    """Wall seconds, peak RSS (MB), stdout line count and stderr of a command."""
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    t = time.perf_counter() - t0
    err = r.stderr.decode(errors="replace")
    if r.returncode not in (0, 1):
        raise SystemExit(err[-2000:])
    rss = next(int(l.split()[-1]) for l in err.splitlines() if "Maximum resident" in l)
    return t, rss / 1024, r.stdout.count(b"\n"), err


def store_bytes(db):
    return sum(os.path.getsize(db + ext) for ext in ("", "-wal", "-shm")
               if os.path.exists(db + ext))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--series", default="10000,100000,300000",
                    help="smaller N run first (comma-separated; empty for none)")
    ap.add_argument("--shift-years", type=float, default=6.0)
    ap.add_argument("--bin", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "target")),
        "release", "newsbrief"))
    ap.add_argument("--tmp", default=None, help="directory for the stream and the store")
    ap.add_argument("--no-ingest", action="store_true")
    ap.add_argument("--no-cluster", action="store_true")
    a = ap.parse_args()
    sizes = sorted({int(s) for s in a.series.split(",") if s.strip()} | {a.n})
    sizes = [s for s in sizes if s <= a.n]
    tmp = tempfile.mkdtemp(prefix="newsbrief-long-", dir=a.tmp)
    try:
        full = os.path.join(tmp, "stream.jsonl")
        t0 = time.perf_counter()
        per_pass = build(full, a.n, a.shift_years)
        print(f"stream: {a.n:,} articles ({per_pass:,} per pass), "
              f"{os.path.getsize(full) / 1e9:.2f} GB, built in {time.perf_counter() - t0:.0f} s")
        print("| command | N | s | articles/s | peak RSS MB | store bytes/article | checkpoint KB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            path = full if n == a.n else os.path.join(tmp, f"head-{n}.jsonl")
            if path != full:
                prefix(full, path, n)
            if not a.no_cluster:
                t, rss, lines, _ = rss_run([a.bin, "cluster", path, "-q"])
                print(f"| cluster | {n:,} | {t:.1f} | {n / t:,.0f} | {rss:.0f} | - | - |",
                      flush=True)
            if not a.no_ingest:
                db = os.path.join(tmp, f"store-{n}.db")
                t, rss, _, _ = rss_run([a.bin, "ingest", path, "--db", db, "-q"])
                size = store_bytes(db)
                con = sqlite3.connect(db)
                state = con.execute("SELECT length(state) FROM checkpoint").fetchone()[0]
                con.close()
                print(f"| ingest | {n:,} | {t:.1f} | {n / t:,.0f} | {rss:.0f} | "
                      f"{size / n:,.0f} | {state / 1e3:,.0f} |", flush=True)
                for ext in ("", "-wal", "-shm", "-lock"):
                    if os.path.exists(db + ext):
                        os.remove(db + ext)
            if path != full:
                os.remove(path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
