#!/usr/bin/env python3
"""Are two builds' outputs the same? An md5 per output file, for refactors that must not change
what users get.

Runs one `newsbrief` binary over the examples and every set in ../shared/data and writes each
output to OUT/, then one line per file to OUT/md5sums (md5, name):

* `brief --format json --with-text` and `brief` (Markdown, with facts) of each example story;
* `brief --format json --with-text` (with facts) of every cluster of DUC 2006, DUC 2007, the
  DUC 2007 update set, Multi-News full (train + validation) and conflicts/dev, one file each;
* `batch` over each of those sets and over multi_news/validation;
* `cluster` over the DUC stream, and `ingest` of it into a new store then `stories --format json`.

    python3 bench/same_output.py BIN OUT            # write OUT/ and OUT/md5sums
    python3 bench/same_output.py BIN OUT --against OLD/md5sums   # and list the files that differ

Exit status 1 when --against finds a difference. Nothing from ../shared is written into the
repository; OUT should be outside it (e.g. /tmp).
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "..", "shared", "data")
SETS = [
    ("duc2006", ["duc2006/test.jsonl"]),
    ("duc2007", ["duc2007/test.jsonl"]),
    ("duc2007_update", ["duc2007_update/test.jsonl"]),
    ("multi_news_full", ["multi_news_full/train.jsonl", "multi_news_full/validation.jsonl"]),
    ("conflicts", ["conflicts/dev.jsonl"]),
]


def run(args, out_path, stdin=None):
    with open(out_path, "wb") as out:
        p = subprocess.run(args, stdout=out, stderr=subprocess.DEVNULL, input=stdin)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} exited {p.returncode}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("out")
    ap.add_argument("--against")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    os.makedirs(a.out, exist_ok=True)
    names = []

    for ex in sorted(os.listdir(os.path.join(ROOT, "examples"))):
        path = os.path.join(ROOT, "examples", ex)
        for fmt in ("json", "markdown"):
            name = f"example-{ex}.{fmt}"
            extra = ["--with-text"] if fmt == "json" else []
            run([binary, "brief", path, "--format", fmt, *extra], os.path.join(a.out, name))
            names.append(name)

    for set_name, files in SETS:
        lines = []
        for f in files:
            with open(os.path.join(DATA, f), "rb") as fh:
                lines.extend(l for l in fh.read().splitlines() if l.strip())
        with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as tmp:
            tmp.write(b"\n".join(lines) + b"\n")
            joined = tmp.name
        name = f"batch-{set_name}.jsonl"
        run([binary, "batch", joined, "-q"], os.path.join(a.out, name))
        names.append(name)
        os.unlink(joined)
        for k, line in enumerate(lines):
            docs = json.loads(line)["documents"]
            articles = "".join(
                json.dumps({"id": f"d{i + 1}", "text": d}) + "\n" for i, d in enumerate(docs)
            )
            name = f"brief-{set_name}-{k:03}.json"
            run(
                [binary, "brief", "-", "--format", "json", "--with-text", "-q"],
                os.path.join(a.out, name),
                stdin=articles.encode(),
            )
            names.append(name)

    name = "batch-multi_news_validation.jsonl"
    run([binary, "batch", os.path.join(DATA, "multi_news/validation.jsonl"), "-q"],
        os.path.join(a.out, name))
    names.append(name)

    stream = os.path.join(DATA, "duc_stream_clustering/test.jsonl")
    name = "cluster-duc_stream.jsonl"
    run([binary, "cluster", stream], os.path.join(a.out, name))
    names.append(name)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "store.db")
        name = "ingest-duc_stream.txt"
        run([binary, "ingest", stream, "--db", db], os.path.join(a.out, name))
        names.append(name)
        name = "stories-duc_stream.json"
        run([binary, "stories", "--db", db, "--format", "json"], os.path.join(a.out, name))
        names.append(name)

    sums = {}
    with open(os.path.join(a.out, "md5sums"), "w") as f:
        for n in names:
            with open(os.path.join(a.out, n), "rb") as fh:
                sums[n] = hashlib.md5(fh.read()).hexdigest()
            f.write(f"{sums[n]}  {n}\n")
    print(f"{len(names)} outputs, md5sums in {os.path.join(a.out, 'md5sums')}")

    if a.against:
        old = {}
        with open(a.against) as f:
            for line in f:
                md5, n = line.rstrip("\n").split("  ", 1)
                old[n] = md5
        differ = sorted(n for n in set(old) | set(sums) if old.get(n) != sums.get(n))
        for n in differ:
            print(f"differs: {n}")
        print(f"{len(differ)} of {len(sums)} outputs differ")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
