#!/usr/bin/env python3
"""Side-by-side comparison of newsbrief and peer summarizers on one dataset.

Usage:
  python3 bench/peers.py DATA.jsonl --words N [--limit K] [--peers lexrank,textrank,...]
                         [--newsbrief ./target/release/newsbrief] [--method coverage]

Every system gets the same clusters and the same budget rule: sentences are taken in the
system's own order of preference, whole, stopping before the first one that would exceed N words.
Peers: sumy's LexRank, TextRank, LSA, SumBasic and Luhn (documents concatenated, one paragraph
per line, Snowball stemmer, sumy's English stop words), a lead baseline (first sentences of each
article in turn) and a random baseline (seeded). sumy's own tokenizer needs NLTK data that is not
available offline, so peers use the sentence splitter and word tokenizer below (same interface).

All systems are scored by `newsbrief eval --summaries ... --per-cluster` (ROUGE matching
rouge-score). Printed: ROUGE-1/2/L/Lsum F1 with 95% bootstrap confidence intervals (1,000
resamples of clusters, seeded), mean words, total CPU seconds (newsbrief: the whole `batch`
process, from getrusage of children, fastest of three runs; peers: process_time around their
calls only, one run, which favours them), and each peer's CPU time divided by newsbrief's.
Requires: pip install sumy rouge-score numpy (numpy comes with rouge-score).
"""
import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

ABBREV = set("mr mrs ms dr prof gen sen rep gov lt col maj capt sgt st mt ft jr sr inc corp co ltd "
             "jan feb mar apr jun jul aug sep sept oct nov dec no vs etc u.s a.m p.m".split())
SENT_END = re.compile(r"(?<=[.!?])[\"')\]’”]*\s+(?=[\"'(\[‘“`]*[A-Z0-9])")
WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)


def split_sentences(text):
    """Sentences of a text: each line is a paragraph; inside it, split after . ! ? before a
    capital, except after common abbreviations and initials."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in SENT_END.finditer(line):
            piece = line[start:m.start()].rstrip()
            last = piece.rsplit(None, 1)[-1].rstrip(".!?\"')]’”").lower() if piece else ""
            if piece.endswith(".") and (last in ABBREV or (len(last) == 1 and last.isalpha())):
                continue
            out.append(line[start:m.end()].strip())
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return [s for s in out if WORD.search(s)]


class Tokenizer:
    """The two methods sumy's document model calls."""
    language = "english"

    def to_sentences(self, paragraph):
        return split_sentences(paragraph)

    def to_words(self, sentence):
        return WORD.findall(sentence)


def words(s):
    return len(s.split())


def fill(ranked, budget):
    """Take sentences in ranked order, stopping before the first that would exceed the budget."""
    out, used = [], 0
    for s in ranked:
        w = words(s)
        if used + w > budget:
            break
        out.append(s)
        used += w
    return out


def lead(docs, budget):
    per_doc = [split_sentences(d) for d in docs]
    ranked = []
    for pos in range(max((len(p) for p in per_doc), default=0)):
        for p in per_doc:
            if pos < len(p):
                ranked.append(p[pos])
    return fill(ranked, budget)


def rand(docs, budget, rng):
    sents = [s for d in docs for s in split_sentences(d)]
    rng.shuffle(sents)
    return fill(sents, budget)


def make_sumy(name):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer,
           "sumbasic": SumBasicSummarizer, "luhn": LuhnSummarizer}[name]
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tok = Tokenizer()

    def run(docs, budget):
        paragraphs = []
        for d in docs:
            for line in d.split("\n"):
                sents = [Sentence(s, tok) for s in split_sentences(line)]
                if sents:
                    paragraphs.append(Paragraph(sents))
        document = ObjectDocumentModel(paragraphs)

        def count(infos):  # infos arrive sorted by the summarizer's rating, best first
            out, used = [], 0
            for info in infos:
                w = words(str(info.sentence))
                if used + w > budget:
                    break
                out.append(info)
                used += w
            return out

        return [str(s) for s in summarizer(document, count)]
    return run


def score(newsbrief, data, summaries, words_budget):
    per = tempfile.NamedTemporaryFile("r", suffix=".jsonl", delete=False).name
    subprocess.run([newsbrief, "eval", data, "--summaries", summaries, "--words", str(words_budget),
                    "--json", "-q", "--per-cluster", per], check=False, stdout=subprocess.DEVNULL)
    rows = [json.loads(l) for l in open(per)]
    os.unlink(per)
    return rows


def bootstrap(values, rng, n=1000):
    values = np.asarray(values)
    idx = rng.integers(0, len(values), size=(n, len(values)))
    means = values[idx].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--words", type=int, required=True)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--peers", default="lexrank,textrank,lsa,sumbasic,luhn,lead,random")
    ap.add_argument("--newsbrief", default="./target/release/newsbrief")
    ap.add_argument("--method", default="coverage")
    ap.add_argument("--threads", type=int, default=0,
                    help="newsbrief's worker threads (default: one per core, as users run it)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default="", help="keep the summaries in this directory")
    ap.add_argument("--cache", default="", help="reuse peers' summaries and CPU times from this "
                    "directory (written on first run); newsbrief always runs")
    args = ap.parse_args()

    clusters = [json.loads(l) for l in open(args.data) if l.strip()]
    if args.limit:
        clusters = clusters[:args.limit]
    work = tempfile.mkdtemp(prefix="peers-")
    data = os.path.join(work, "data.jsonl")
    with open(data, "w") as f:
        for c in clusters:
            f.write(json.dumps(c) + "\n")

    systems = {}
    # newsbrief: the whole process, CPU of the child; the fastest of three runs (CPU time of a
    # 0.1 s process varies by 20% between runs on a shared machine).
    cpus = []
    threads = ["--threads", str(args.threads)] if args.threads else []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([args.newsbrief, "batch", data, "--words", str(args.words),
                              "--method", args.method, "-q"] + threads, capture_output=True,
                             text=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    cpu = min(cpus)
    path = os.path.join(work, "newsbrief.jsonl")
    with open(path, "w") as f:
        f.write(out.stdout)
    systems[f"newsbrief ({args.method})"] = (path, cpu)

    cache = ""
    if args.cache:
        tag = f"{os.path.basename(os.path.dirname(os.path.abspath(args.data)))}-{os.path.basename(args.data)}-{args.words}-{args.limit}"
        cache = os.path.join(args.cache, tag)
        os.makedirs(cache, exist_ok=True)
    for name in [p for p in args.peers.split(",") if p]:
        if cache and os.path.exists(os.path.join(cache, f"{name}.cpu")):
            cpu = float(open(os.path.join(cache, f"{name}.cpu")).read())
            systems[name] = (os.path.join(cache, f"{name}.jsonl"), cpu)
            continue
        rng = random.Random(args.seed)
        run = None if name in ("lead", "random") else make_sumy(name)
        path = os.path.join(work, f"{name}.jsonl")
        t0 = time.process_time()
        with open(path, "w") as f:
            for c in clusters:
                docs = c["documents"]
                if name == "lead":
                    sents = lead(docs, args.words)
                elif name == "random":
                    sents = rand(docs, args.words, rng)
                else:
                    sents = run(docs, args.words)
                f.write(json.dumps({"id": c["id"], "summary": "\n".join(sents)}) + "\n")
        systems[name] = (path, time.process_time() - t0)
        if cache:
            import shutil
            shutil.copy(path, os.path.join(cache, f"{name}.jsonl"))
            with open(os.path.join(cache, f"{name}.cpu"), "w") as f:
                f.write(repr(systems[name][1]))
            systems[name] = (os.path.join(cache, f"{name}.jsonl"), systems[name][1])
        print(f"  {name}: {systems[name][1]:.1f} s CPU", file=sys.stderr)

    nb_cpu = systems[f"newsbrief ({args.method})"][1]
    brng = np.random.default_rng(args.seed)
    print(f"{os.path.basename(os.path.dirname(args.data))}/{os.path.basename(args.data)}: "
          f"{len(clusters)} clusters, budget {args.words} words")
    print("| system | R-1 F1 [95% CI] | R-2 F1 [95% CI] | R-L F1 [95% CI] | R-Lsum F1 [95% CI] | words | CPU s | CPU / newsbrief |")
    print("|---|---|---|---|---|---:|---:|---:|")
    for name, (path, cpu) in systems.items():
        rows = score(args.newsbrief, data, path, args.words)
        cells = []
        for k in ["rouge1", "rouge2", "rougeL", "rougeLsum"]:
            v = [r[k]["f1"] for r in rows]
            lo, hi = bootstrap(v, brng)
            cells.append(f"{np.mean(v):.2f} [{lo:.2f}, {hi:.2f}]")
        w = np.mean([r["words"] for r in rows])
        ratio = "1" if name.startswith("newsbrief") else f"{cpu / max(nb_cpu, 1e-9):,.0f}x"
        print(f"| {name} | " + " | ".join(cells) + f" | {w:.1f} | {cpu:.2f} | {ratio} |")
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        for name, (path, _) in systems.items():
            os.replace(path, os.path.join(args.out, os.path.basename(path)))


if __name__ == "__main__":
    main()
