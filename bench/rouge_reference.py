#!/usr/bin/env python3
"""Produce the ROUGE parity fixtures with Google's rouge-score (the reference implementation).

Writes, into the directory given (default crates/eval/tests/fixtures):
  rouge_pairs.jsonl     candidate/reference pairs: hand-written cases plus seeded random ones
  rouge_expected.jsonl  rouge-score's P/R/F of rouge1, rouge2, rougeL, rougeLsum for each pair
  stems.tsv             word<TAB>NLTK Porter stem, for a generated list of inflected words

Usage: python3 bench/rouge_reference.py [OUT_DIR]
Requires: pip install rouge-score (which brings nltk). Deterministic: same output every run.
All text is invented here; no evaluation data is used.
"""
import json
import os
import random
import sys

from nltk.stem import porter
from rouge_score import rouge_scorer

HAND = [
    ("the cat was found under the bed", "the cat was under the bed"),
    ("Police said 86 people were killed.\nThe attack began at dawn.", "At least 70 people died in the attack, police said.\nIt started at dawn on Tuesday."),
    ("", "nothing to match here"),
    ("only the candidate has words", ""),
    ("The U.S.-led coalition's strikes hit 3 targets; officials said (AP).", "U.S. officials said coalition strikes hit three targets."),
    ("Café owners in São Paulo protested — again — over taxes.", "Cafe owners protested over new taxes in Sao Paulo."),
    ("running runners ran runs\nrelational conditional generalization", "run runner running\nrelate condition general generalize"),
    ("a a a a b b b", "a b a b a b"),
    ("the the the the", "the cat the dog the bird"),
    ("ministers agreed to resume talks on monday in geneva", "talks will resume in geneva on monday, ministers agreed"),
    ("It’s “quoted” text, isn't it?\nYes.", "it s quoted text is n t it\nyes"),
    ("1.5 billion dollars 2024 2,000", "1 5 billion dollar 2024 2 000"),
    ("x\n\n\ny\n", "x y"),
    ("The dam broke.\nWater flooded the valley.\nThe town was evacuated.", "Water flooded the valley after the dam broke.\nOfficials evacuated the town."),
    ("skies dying lying news innings proceed succeeded exceeding", "sky die lie news inning proceeds succeed exceed"),
]

WORDS = ("the a of to in and said police people killed attack city officials government minister "
         "talks resume agreed monday tuesday dam flood valley town water broke evacuated report "
         "reports reported reporting reporter rescue rescued rescuers storm storms stormed "
         "election elections elected voters voting vote votes president presidential "
         "conditional relational generalization hopeful hopefulness happily happiness "
         "87 86 70 2024 1998 percent million billion").split()


def random_text(rng):
    lines = []
    for _ in range(rng.randint(1, 5)):
        n = rng.randint(0, 30)
        words = [rng.choice(WORDS) for _ in range(n)]
        if words and rng.random() < 0.5:
            words[0] = words[0].capitalize()
        line = " ".join(words)
        if line and rng.random() < 0.7:
            line += rng.choice([".", "!", "?", ",", " (AP)."])
        lines.append(line)
    return "\n".join(lines)


BASES = ("connect relate condition general hope happy adjust adopt control roll revive electric "
         "sense agree plaster motor sing conflate trouble size hop fall hiss file cry tie sky die "
         "lie news inning outing canning proceed exceed succeed report rescue storm elect vote "
         "nation rational formal sensitive active effect depend differ vary argue analyze organize "
         "civil digital total normal final universe industry history theory geology biology "
         "apology analogy agency policy energy strategy economy company family enemy army city "
         "study reply deny supply apply carry marry hurry worry bury fly sly dry try").split()
SUFFIXES = ["", "s", "es", "ed", "ing", "er", "ers", "ly", "ness", "ful", "fully", "fulness",
            "ation", "ational", "ations", "ize", "izes", "ized", "izer", "ization", "ism", "ist",
            "ity", "ities", "ive", "iveness", "ively", "ous", "ously", "ousness", "ence", "ance",
            "ent", "ant", "ement", "ment", "ments", "able", "ible", "al", "ally", "ally", "ical",
            "icate", "iciti", "alli", "bli", "logi", "li", "ie", "ies", "ied", "eed", "y"]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "crates/eval/tests/fixtures"
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261121)
    pairs = list(HAND) + [(random_text(rng), random_text(rng)) for _ in range(185)]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    with open(os.path.join(out, "rouge_pairs.jsonl"), "w") as fp, \
            open(os.path.join(out, "rouge_expected.jsonl"), "w") as fe:
        for i, (cand, ref) in enumerate(pairs):
            fp.write(json.dumps({"n": i, "candidate": cand, "reference": ref}) + "\n")
            s = scorer.score(ref, cand)  # rouge-score takes (target, prediction)
            fe.write(json.dumps({"n": i, **{k: [round(v.precision, 10), round(v.recall, 10),
                                                round(v.fmeasure, 10)] for k, v in s.items()}},
                                sort_keys=True) + "\n")
    stemmer = porter.PorterStemmer()
    words = sorted({b + s for b in BASES for s in SUFFIXES if len(b + s) > 3})
    with open(os.path.join(out, "stems.tsv"), "w") as f:
        for w in words:
            f.write(f"{w}\t{stemmer.stem(w)}\n")
    print(f"wrote {len(pairs)} pairs and {len(words)} stems to {out}")


if __name__ == "__main__":
    main()
