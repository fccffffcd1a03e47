#!/usr/bin/env python3
"""Throughput of `newsbrief cluster` on the issue-5 stream, and per-article time at 2,354 vs
the whole stream; then `newsbrief ingest` of the same stream into a new store (wall time, peak
RSS, database size), ingest of it again (nothing added), and a check that the stored stories
are those of `cluster`.

The stream: ../shared/data/duc_stream_clustering/test.jsonl (2,354 dated articles), then every
document of ../shared/data/multi_news/validation.jsonl as an article (one story per cluster,
clusters dated a day apart in file order, after the last DUC date). The file is written to a
temporary directory, never into the repository.

    python3 bench/stream.py [--runs 3] [--bin target/release/newsbrief] [--no-ingest]
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


def rss_run(cmd):
    """Wall seconds, peak RSS (MB) and stderr of a command, through /usr/bin/time -v."""
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    t = time.perf_counter() - t0
    err = r.stderr.decode()
    if r.returncode not in (0, 1):
        raise SystemExit(err)
    rss = next(int(l.split()[-1]) for l in err.splitlines() if "Maximum resident" in l)
    return t, rss / 1024, r.stdout.decode(), err


def ingest(bin_, full, tmp):
    db = os.path.join(tmp, "news.db")
    t, rss, out, _ = rss_run([bin_, "ingest", full, "--db", db, "-q"])
    size = sum(os.path.getsize(db + ext) for ext in ("", "-wal", "-shm")
               if os.path.exists(db + ext))
    print(f"ingest into a new store: {t:.2f} s wall, peak RSS {rss:.0f} MB, "
          f"{len(out.splitlines())} stories printed, database {size / 1e6:.1f} MB "
          f"(text of the stream {os.path.getsize(full) / 1e6:.1f} MB)")
    t, rss, out, err = rss_run([bin_, "ingest", full, "--db", db])
    summary = [l for l in err.splitlines() if "already stored" in l]
    print(f"ingest again: {t:.2f} s wall, peak RSS {rss:.0f} MB, {len(out.splitlines())} "
          f"stories printed")
    print("  " + (summary[0].split(".db: ", 1)[-1] if summary else err[-300:]))
    # The store keeps one article per distinct text, and places undated articles at the day of
    # ingest where `cluster` uses the previous date. Over the stored, dated articles, a new store
    # and `cluster` must give the same stories.
    import sqlite3
    rows = list(sqlite3.connect(db).execute("SELECT id, undated FROM articles ORDER BY seq"))
    kept = {r[0] for r in rows if not r[1]}
    check = os.path.join(tmp, "stored.jsonl")
    with open(full) as f, open(check, "w") as out:
        for line in f:
            if json.loads(line)["id"] in kept:
                out.write(line)
    db2 = os.path.join(tmp, "check.db")
    subprocess.run([bin_, "ingest", check, "--db", db2, "-q"], check=True,
                   stdout=subprocess.DEVNULL)
    stored = [tuple(r) for r in sqlite3.connect(db2).execute(
        "SELECT id, story FROM articles ORDER BY seq")]
    clustered = subprocess.run([bin_, "cluster", check, "-q"], stdout=subprocess.PIPE).stdout
    by_cluster = [(v["id"], v["story"]) for v in map(json.loads, clustered.decode().splitlines())]
    same = stored == by_cluster
    print(f"{len(rows)} articles stored, {len(rows) - len(kept)} of them undated; over the "
          f"{len(kept)} dated ones, stored stories equal those of `cluster`: {same}")
    if not same:
        raise SystemExit("store and cluster disagree")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "newsbrief"))
    ap.add_argument("--no-ingest", action="store_true")
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
        if not a.no_ingest:
            ingest(a.bin, full, tmp)


if __name__ == "__main__":
    main()
