#!/usr/bin/env python3
"""Big stories: `newsbrief brief` (with facts, as users get it) on one cluster of N distinct
articles, N = 10 .. 20,000, and the growth exponent of its time.

The articles are the shared sets' documents (Multi-News validation and full, DUC 2006, DUC 2007
and its update set, the DUC stream, PolNeAR, TempEval-3, the L3S-GN1 bodies), without exact or
near-exact repeats (same first 300 normalised characters), in a fixed shuffled order (seed 29),
so that every N is a prefix of the next. Each carries a date: its own where the set gives one
(DUC document ids, the stream, PolNeAR, TempEval), else a day spread over 2015-2016 by its
position. The input is written to a temporary directory (JSONL, one article per line), never
into the repository. The sets hold about 18,300 such articles; to reach 20,000, the longest ones
are cut in two at the paragraph break nearest their middle (halves share no text).

    python3 bench/bigstory.py BIN                   # the default method, every N
    python3 bench/bigstory.py BIN --sizes 10,1000   # some N only
    python3 bench/bigstory.py BIN --method submodular --sizes 10,30,100,300,600,700,800,1000
    python3 bench/bigstory.py BIN --kind event      # N reports of one event (see below)

`--kind event`: what a newsroom's big story looks like, N reports of one flood. Each article
is invented here (nothing of the shared sets): the same four sentences (the event and its
date, families moved, a mayor's quote, breaches found) with figures, town and dates that vary
by article, and a line of its own (who did what where). Many are near-copies.

Prints one row per N (wall seconds and peak RSS from `/usr/bin/time -v`, the exit status: 1 when
an article was skipped with a diagnostic, the brief still written; else the error), then
the least-squares slope of log time against log N over N >= 1000 (1 = linear, 2 = quadratic).
"""
import argparse
import datetime
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data")
SIZES = [10, 30, 100, 300, 1000, 2000, 5000, 10000, 20000]
POOL = 20000
DOC_DATE = re.compile(r"[A-Z]{3}(\d{4})(\d{2})(\d{2})")


def lines(rel):
    path = os.path.join(DATA, rel)
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def doc_date(doc_id):
    m = DOC_DATE.match(doc_id or "")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def cluster_sets():
    """(text, date or None) of every document of the summarization sets."""
    for rel in ["duc2006/test.jsonl", "duc2007/test.jsonl", "duc2007_update/test.jsonl"]:
        meta = {m["id"]: m.get("doc_ids", []) for m in lines(rel.replace(".jsonl", ".meta.jsonl"))}
        for c in lines(rel):
            ids = meta.get(c["id"], [])
            for i, d in enumerate(c["documents"]):
                yield d, doc_date(ids[i] if i < len(ids) else None)
    for rel in ["multi_news_full/train.jsonl", "multi_news_full/validation.jsonl",
                "multi_news/validation.jsonl"]:
        for c in lines(rel):
            for d in c["documents"]:
                yield d, None


def article_sets():
    for a in lines("duc_stream_clustering/test.jsonl"):
        yield a["text"], a.get("date")
    for rel in ["polnear/train.jsonl", "polnear/dev.jsonl"]:
        for a in lines(rel):
            yield a["text"], a.get("published")
    for rel in ["tempeval3/aquaint.jsonl", "tempeval3/timebank.jsonl"]:
        for a in lines(rel):
            yield a["text"], a.get("published")
    for a in lines("extraction/pages.jsonl"):
        yield a.get("body") or "", None


def halves(text):
    """The text cut in two at the paragraph (else sentence) break nearest its middle."""
    mid = len(text) // 2
    cuts = [m.end() for m in re.finditer(r"\n\s*\n|\n", text)] or [
        m.end() for m in re.finditer(r"[.!?]\s+", text)]
    if not cuts:
        return None
    cut = min(cuts, key=lambda c: (abs(c - mid), c))
    a, b = text[:cut].strip(), text[cut:].strip()
    return (a, b) if min(len(a), len(b)) >= 500 else None


def split_longest(arts, missing):
    """Make up a pool of POOL by cutting the longest articles in two (two halves share no text:
    still distinct articles, each half keeps the article's date)."""
    if missing <= 0:
        return arts
    order = sorted(range(len(arts)), key=lambda i: (-len(arts[i][0]), i))
    cut = {}
    for i in order:
        if len(cut) == missing:
            break
        h = halves(arts[i][0])
        if h:
            cut[i] = h
    out = []
    for i, (t, d) in enumerate(arts):
        out.extend([(h, d) for h in cut[i]] if i in cut else [(t, d)])
    return out


def event_articles(n):
    """N invented reports of one flood (see the module's doc)."""
    towns = ["Vell", "Orrin", "Brask", "Tolm", "Kessa"]
    people = ["Ida Marsh", "Tomas Reyl", "Oona Berg", "Pavel Ostrin", "Lena Faro"]
    things = ["the grain depot", "the old mill", "the rail yard", "the school gym",
              "the bus depot", "the clinic", "the ferry pier"]
    acts = ["opened", "sealed", "emptied", "guarded", "inspected", "cleaned"]
    out = []
    for i in range(n):
        town = towns[i % 5]
        text = (f"Flood waters rose across the valley town of {town} on Sunday, March {1 + i % 3}, 2026. "
                f"Rescue crews moved {180 + 20 * (i % 4)} families to shelters, officials said. "
                f"\"We are doing all we can for the people of {town},\" Mayor Ana Ruiz said. "
                f"Engineers found {2 + i % 5} breaches in the levee on Monday. "
                f"Volunteer {people[i % 5]} {acts[i % 6]} {things[i % 7]} before dawn and "
                f"{acts[(i // 6) % 6]} {things[(i // 7) % 7]} by noon, neighbours of unit {i} recalled.")
        out.append({"id": f"e{i}", "text": text, "published": f"2026-03-{2 + i % 4:02d}"})
    return out


def distinct_articles():
    seen = set()
    out = []
    for text, date in list(cluster_sets()) + list(article_sets()):
        key = re.sub(r"\W+", " ", text.lower()).strip()[:300]
        if len(key) < 200 or key in seen:
            continue
        seen.add(key)
        out.append((text, date))
    random.Random(29).shuffle(out)
    out = split_longest(out, POOL - len(out))
    start = datetime.date(2015, 1, 1)
    return [
        {"id": f"a{i}", "text": t, "published": d or str(start + datetime.timedelta(days=i % 730))}
        for i, (t, d) in enumerate(out)
    ]


def measure(binary, path, method):
    args = ["/usr/bin/time", "-v", binary, "brief", path]
    if method:
        args += ["--method", method]
    p = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = rss = None
    for line in p.stderr.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            parts = line.rsplit(" ", 1)[1].split(":")
            wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(parts)))
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1]) / 1024
    message = ""
    if p.returncode not in (0, 1):
        errs = [l for l in p.stderr.splitlines() if "error:" in l]
        message = errs[-1][:160] if errs else ""
    return wall, rss, p.returncode, message


def exponent(rows):
    pts = [(math.log(n), math.log(w)) for n, w in rows if n >= 1000 and w and w > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--method", default=None)
    ap.add_argument("--kind", choices=["distinct", "event"], default="distinct")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    sizes = [int(s) for s in a.sizes.split(",")]
    if a.kind == "event":
        articles = event_articles(max(sizes))
        print(f"{len(articles)} reports of one event; method {a.method or 'default'}")
    else:
        articles = distinct_articles()
        print(f"{len(articles)} distinct articles; method {a.method or 'default'}")
    if max(sizes) > len(articles):
        sys.exit(f"only {len(articles)} distinct articles, asked for {max(sizes)}")
    rows = []
    print(f"{'N':>6} | {'wall s':>7} | {'peak RSS MB':>11} | exit")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"story-{n}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for art in articles[:n]:
                    f.write(json.dumps(art) + "\n")
            wall, rss, code, message = measure(binary, path, a.method)
            rows.append((n, wall if code in (0, 1) else None))
            print(f"{n:>6} | {wall:>7.2f} | {rss:>11.0f} | {code} {message}", flush=True)
    k = exponent(rows)
    print(f"growth exponent (log time on log N, N >= 1000): {k:.2f}" if k else "growth exponent: -")


if __name__ == "__main__":
    main()
