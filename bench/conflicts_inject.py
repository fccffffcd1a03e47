#!/usr/bin/env python3
"""Build a held-out set of clusters with an injected conflicting figure.

Follows the recipe of /work/shared/data/README.md ("Clusters with an injected conflicting
figure"): in a source cluster, a number that two articles report for the same thing (the same
number followed by the same word, in sentences sharing at least three other content words) is
changed in ONE article, in every place it is followed by that word, to another plausible value
that appears nowhere else in the cluster. Years, times of day and numbers longer than 7 digits
are not used. This draws with its own seed and its own factors, and leaves out the
(cluster, number, word) pairs the shipped dev set already uses, so it is a held-out split.

Usage: python3 bench/conflicts_inject.py [--seed N] [--out /tmp/conflicts_heldout.jsonl]
Write the output outside the repository (the data's terms): the default is under /tmp.
Then: newsbrief eval-facts /tmp/conflicts_heldout.jsonl
"""
import argparse
import json
import random
import re

DATA = "/work/shared/data"
SOURCES = [
    "duc2006/test.jsonl",
    "duc2007/test.jsonl",
    "duc2007_update/test.jsonl",
    "multi_news_full/train.jsonl",
    "multi_news_full/validation.jsonl",
]
STOP = set(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those he she they them his her their we our you your i me my not no
    said says say has have had do does did will would can could may might shall should than then
    there here who whom which what when where why how all any some more most other such only own
    same so too very just also into over under about after before between during up down out off
    again further once mr mrs ms""".split()
)
# Factors other than the dev set's usual ones (x0.5, x0.6, x0.75, x1.2, x1.25, x1.5, x2).
FACTORS = [0.4, 0.55, 0.7, 0.8, 0.9, 1.1, 1.3, 1.4, 1.6, 1.8, 2.5, 3.0]
NUM = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,]*\d)\s+([A-Za-z]+)")
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n+")


def value(text):
    return float(text.replace(",", ""))


def usable(num, word, sentence, at):
    digits = num.replace(",", "").replace(".", "")
    if len(digits) > 7:
        return False
    if "," not in num and "." not in num and len(num) == 4 and 1800 <= int(num) <= 2100:
        return False
    if word.lower() in ("a", "p", "am", "pm", "gmt", "edt", "est") or sentence[at:at + 1] == ":":
        return False
    return value(num) > 0


def content(sentence, skip):
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", sentence)}
    return {w for w in words if len(w) > 2 and w not in STOP and w not in skip}


def claims(doc):
    """(number, word lower-cased, content words of its sentence) for each number+word."""
    out = []
    for s in SENT.split(doc):
        for m in NUM.finditer(s):
            num, word = m.group(1), m.group(2)
            if usable(num, word, s, m.end(1)):
                out.append((num, word.lower(), content(s, {word.lower()})))
    return out


def fmt(new, original):
    """`new` written like `original`: its decimals and thousands commas."""
    decimals = len(original.split(".")[1]) if "." in original else 0
    if decimals == 0:
        new = round(new)
        if new >= 10:  # a plausible reported figure: two significant digits
            mag = 10 ** max(0, len(str(int(new))) - 2)
            new = int(round(new / mag) * mag)
        text = f"{new:,}" if "," in original else str(new)
    else:
        text = f"{new:.{decimals}f}"
    return text


def candidates(docs):
    per_doc = [claims(d) for d in docs]
    found = {}
    for a in range(len(docs)):
        for b in range(len(docs)):
            if a == b:
                continue
            for num, word, ca in per_doc[a]:
                for num_b, word_b, cb in per_doc[b]:
                    if (num, word) == (num_b, word_b) and len(ca & cb) >= 3:
                        found.setdefault((num, word), set()).update([a, b])
    return found


def inject(docs, num, word, doc, rng):
    pattern = re.compile(r"(?<![\w.,$])" + re.escape(num) + r"(?![\w,]*\d)(?=\s+" + re.escape(word) + r"\b)", re.I)
    everything = "\n".join(docs)
    for _ in range(20):
        new = fmt(value(num) * rng.choice(FACTORS), num)
        if new == num or value(new) <= 0:
            continue
        if re.search(r"(?<![\d.,])" + re.escape(new) + r"(?![\d,]*\d)", everything):
            continue
        changed = pattern.sub(new, docs[doc])
        if changed != docs[doc]:
            return new, changed
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--out", default="/tmp/conflicts_heldout.jsonl")
    ap.add_argument("--per-cluster", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    used = set()
    for line in open(f"{DATA}/conflicts/dev.jsonl"):
        d = json.loads(line)
        used.add((d["id"].split("#")[0], d["gold"]["original"], d["gold"]["word"].lower()))
    n = 0
    with open(args.out, "w") as out:
        for src in SOURCES:
            for line in open(f"{DATA}/{src}"):
                c = json.loads(line)
                docs = c["documents"]
                found = candidates(docs)
                keys = sorted(k for k in found
                              if (c["id"], k[0], k[1]) not in used and k[1] not in STOP)
                # Each counted word equally likely (a cluster of polls has dozens of percents).
                by_word = {}
                for key in keys:
                    by_word.setdefault(key[1], []).append(key)
                words = sorted(by_word)
                rng.shuffle(words)
                keys = [rng.choice(by_word[w]) for w in words]
                k = 0
                for num, word in keys:
                    if k >= args.per_cluster:
                        break
                    holders = sorted(found[(num, word)])
                    doc = rng.choice(holders)
                    got = inject(docs, num, word, doc, rng)
                    if got is None:
                        continue
                    new, text = got
                    others = [h for h in holders if h != doc and re.search(
                        r"(?<![\w.,$])" + re.escape(num) + r"(?![\w,]*\d)\s+" + re.escape(word) + r"\b",
                        docs[h], re.I)]
                    if not others:
                        continue
                    k += 1
                    n += 1
                    changed = list(docs)
                    changed[doc] = text
                    gold = {"doc": doc + 1, "original": num, "changed": new,
                            "other": others[0] + 1, "word": word}
                    out.write(json.dumps({"id": f"{c['id']}#h{k}", "documents": changed,
                                          "gold": gold}) + "\n")
    print(f"{n} clusters -> {args.out}")


if __name__ == "__main__":
    main()
