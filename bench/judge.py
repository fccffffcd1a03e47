#!/usr/bin/env python3
"""Judged samples for what has no gold: does a cited article carry a summary sentence's claim,
and does a summary sentence stand on its own?

    python3 bench/judge.py sample [--bin target/release/newsbrief] [--out /tmp/judge]
    python3 bench/judge.py score  [--bin ...]

`sample` runs `newsbrief brief --format json --with-text --words 250` on a fixed set of clusters
(the first 12 of DUC 2006, 6 of DUC 2007, the 11 of Multi-News full validation and the first
10 of its train split; sentences are judged on the first 5, 3, 11 and 0 of them) and
writes, outside the repository, the items that have no judgement yet:
`OUT/citations.todo.jsonl` (a summary sentence and one span another article is cited for) and
`OUT/sentences.todo.jsonl` (a summary sentence with its article's preceding sentence), and
`OUT/sentences_in_order.todo.jsonl` (a sentence judged `context` alone, with the summary
sentences a reader has read before it: judged again into `bench/judged/sentences_in_order.jsonl`,
since a summary is read from the top and may itself introduce what a sentence refers to). A person
(or a careful reader) judges them and appends one line per item to
`bench/judged/citations.jsonl` or `bench/judged/sentences.jsonl`:
`{"key", "verdict", "why"}` where verdict is `supported` / `unsupported` for citations and
`standalone` / `context` for sentences; `why` is a short reason in the judge's own words. No
article text is stored in the repository (the shared data's terms): keys are hashes.

`score` prints the rates over the current sample and how many of its items are not judged yet.
Every non-own citation of every summary sentence is in the sample (each citation is a promise).
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data")
# (file, clusters taken, of which the first so many also give the sentences judged)
SETS = [("duc2006/test.jsonl", 30, 5), ("duc2007/test.jsonl", 12, 3),
        ("multi_news_full/validation.jsonl", 11, 11), ("multi_news_full/train.jsonl", 40, 0)]


def key(*parts):
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()[:16]


def clusters():
    for path, n, judged_sentences in SETS:
        with open(os.path.join(DATA, path)) as f:
            for i, line in enumerate(f):
                if i >= n:
                    break
                c = json.loads(line)
                yield path.split("/")[0] + ":" + c["id"], c["documents"], i < judged_sentences


def brief(binary, docs):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": str(i + 1), "text": d}) + "\n")
        name = f.name
    try:
        out = subprocess.run(
            [binary, "brief", name, "--format", "json", "--with-text", "--words", "250", "-q"],
            capture_output=True, text=True)
    finally:
        os.unlink(name)
    # Exit 1 means an article was reported and skipped; the brief of the rest is still made.
    if out.returncode not in (0, 1):
        sys.exit(f"newsbrief failed: {out.stderr}")
    return json.loads(out.stdout)


def items(binary):
    cites, sents = [], []
    for cid, docs, with_sentences in clusters():
        b = brief(binary, docs)
        # Spans are byte offsets into the UTF-8 text.
        text = {d["index"]: d["text"].encode() for d in b["documents"]}
        read = []
        for s in b["summary"]:
            own = s["from"]
            own_span = next(sp for sp in s["spans"] if sp["doc"] == own)
            before = text[own][:own_span["start"]].decode().rstrip()
            prev = before[max(before.rfind("\n"), before.rfind(". ")) + 1:] if before else ""
            if with_sentences:
                sents.append({"key": key(s["text"]), "cluster": cid, "sentence": s["text"],
                              "previous_in_article": prev[-400:],
                              "summary_before": list(read)})
            read.append(s["text"])
            for sp in s["spans"]:
                if sp["doc"] == own:
                    continue
                cited = text[sp["doc"]][sp["start"]:sp["end"]].decode()
                cites.append({"key": key(s["text"], cited), "cluster": cid,
                              "sentence": s["text"], "cited": cited})
    return cites, sents


def judged(name):
    path = os.path.join(HERE, "judged", name)
    out = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.strip():
                    j = json.loads(line)
                    out[j["key"]] = j
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["sample", "score"])
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "newsbrief"))
    ap.add_argument("--out", default="/tmp/judge")
    a = ap.parse_args()
    cites, sents = items(a.bin)
    jc, js = judged("citations.jsonl"), judged("sentences.jsonl")
    jo = judged("sentences_in_order.jsonl")
    # In order: a sentence judged standalone alone is standalone after the summary's earlier
    # sentences too; the others are judged again with those sentences before them.
    leaning = [i for i in sents if i["key"] in js and js[i["key"]]["verdict"] != "standalone"]
    if a.command == "sample":
        os.makedirs(a.out, exist_ok=True)
        for name, its, j in (("citations", cites, jc), ("sentences", sents, js),
                             ("sentences_in_order", leaning, jo)):
            todo = {i["key"]: i for i in its if i["key"] not in j}
            with open(os.path.join(a.out, name + ".todo.jsonl"), "w") as f:
                for i in todo.values():
                    f.write(json.dumps(i) + "\n")
            print(f"{name}: {len(its)} in the sample, {len(todo)} to judge -> {a.out}/{name}.todo.jsonl")
        return
    for name, its, j, good in (("citations", cites, jc, "supported"), ("sentences", sents, js, "standalone")):
        keys = [i["key"] for i in its]
        done = [k for k in keys if k in j]
        ok = sum(1 for k in done if j[k]["verdict"] == good)
        rate = f"{100 * ok / len(done):.1f}%" if done else "-"
        print(f"{name}: {len(keys)} items, {len(done)} judged, {good} {ok} ({rate}), not judged {len(keys) - len(done)}")
    ok = sum(1 for i in sents if i["key"] in js and (js[i["key"]]["verdict"] == "standalone" or (
        i["key"] in jo and jo[i["key"]]["verdict"] == "standalone")))
    missing = sum(1 for i in leaning if i["key"] not in jo)
    print(f"sentences read in order (after the summary's earlier sentences): standalone {ok} of "
          f"{len(sents)} ({100 * ok / max(len(sents), 1):.1f}%), leaning ones not judged in order {missing}")


if __name__ == "__main__":
    sys.exit(main())
