#!/usr/bin/env python3
"""Article-body extraction, newsbrief against trafilatura, side by side on the L3S-GN1 pages.

Usage: python3 bench/extraction.py [--split all|dev|held] [--ablate] [--bin PATH] [--jobs N]

newsbrief's body is what users get: each page is written to its own temporary .html file and
read by one `newsbrief brief --format json --with-text --no-facts --method lead FILE` process
(one page per process, never a story of several pages); the document's cleaned `text` is the
prediction. trafilatura's is `trafilatura.extract(html, include_comments=False)` with its
defaults (installed with pip if missing). Both prediction files go to --out (never into the
repository) and are scored by the data set's own score.py; the table adds each system's time.

Splits: `dev` is the pages whose sha256(id) ends in an even hex digit, `held` the others
(about 250 each); look at dev pages when changing rules, and check every change on held.

--ablate: for each removal reason (the line rules of crates/core/src/clean/rules/ and the
evidence passes of clean/evidence.rs, as named in the JSON "removed" list), the lines and
words it removed and the F1 of the output with those lines put back. A removed line is put
back before the first kept line that comes after it in the page (by the position of its first
words in the page's visible text; at the end when not found).
"""
import argparse, hashlib, json, os, re, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor

DATA = "/work/shared/data/extraction"
sys.path.insert(0, DATA)
import score as scorer  # noqa: E402  (the data set's scorer: metric and visible text)


def default_bin():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "target")
    return os.path.join(target, "release", "newsbrief")


def in_split(page_id, split):
    if split == "all":
        return True
    even = int(hashlib.sha256(page_id.encode()).hexdigest()[-1], 16) % 2 == 0
    return even == (split == "dev")


def newsbrief_page(binary, page, workdir):
    """The page's cleaned text and removals as one newsbrief process gives them."""
    path = os.path.join(workdir, page["id"] + ".html")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(page["html"])
    cmd = [binary, "brief", "--format", "json", "--with-text", "--no-facts", "--quiet",
           "--method", "lead", path]
    run = subprocess.run(cmd, capture_output=True, text=True)
    os.remove(path)
    if run.returncode != 0 or not run.stdout.strip():
        return {"text": "", "removed": [], "failed": run.stderr.strip()[-200:]}
    docs = json.loads(run.stdout)["documents"]
    if len(docs) != 1 or "text" not in docs[0]:
        raise SystemExit(f"unexpected JSON shape for page {page['id']}: {len(docs)} documents")
    return {"text": docs[0]["text"], "removed": docs[0]["removed"], "failed": None}


def run_newsbrief(binary, pages, jobs):
    with tempfile.TemporaryDirectory() as workdir, ThreadPoolExecutor(jobs) as pool:
        start = time.perf_counter()
        outs = list(pool.map(lambda p: newsbrief_page(binary, p, workdir), pages))
        return outs, time.perf_counter() - start


def run_trafilatura(pages):
    try:
        import trafilatura
    except ImportError:
        # lxml 5.2+ ships its HTML cleaner (used by trafilatura's justext) apart.
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "trafilatura",
                        "lxml_html_clean"], check=True)
        import trafilatura
    start = time.perf_counter()
    outs = [trafilatura.extract(p["html"], include_comments=False) or "" for p in pages]
    return outs, time.perf_counter() - start, trafilatura.__version__


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, ensure_ascii=False)


def score_table(pred_files, truth_file):
    """score.py's table rows, by system name."""
    out = subprocess.run([sys.executable, os.path.join(DATA, "score.py"), *pred_files,
                          "--truth", truth_file], capture_output=True, text=True, check=True)
    rows = {}
    for line in out.stdout.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 7 and "±" in cells[1]:
            rows[cells[0]] = cells
    return rows


def f1_of(truth, pred):
    ids = sorted(truth)
    return scorer.aggregate([scorer.tp_fp_fn(truth[i], pred.get(i, "")) for i in ids])["f1"]


def first_words(line, n=6):
    return " ".join(scorer.tokens(line)[:n])


def with_lines_back(page_tokens, kept, back):
    """`kept` lines with the `back` lines put back where they stand in the page."""
    def where(line):
        key = first_words(line)
        at = page_tokens.find(key) if key else -1
        return at if at >= 0 else len(page_tokens) + 1
    kept_at = [where(l) for l in kept]
    out, pending = [], sorted(((where(l), i, l) for i, l in enumerate(back)))
    for line, at in zip(kept, kept_at):
        while pending and pending[0][0] < at:
            out.append(pending.pop(0)[2])
        out.append(line)
    out.extend(l for _, _, l in pending)
    return "\n".join(out)


def ablate(pages, outs, truth):
    base = {p["id"]: o["text"] for p, o in zip(pages, outs)}
    base_f1 = f1_of(truth, base)
    tokens_of = {p["id"]: " ".join(scorer.tokens(scorer.visible_text(p["html"]))) for p in pages}
    reasons = sorted({r["reason"] for o in outs for r in o["removed"]})
    print(f"\n## Cleaning rules: F1 {base_f1:.4f} with all; F1 with one reason's lines put back")
    print("| removal reason | pages | lines | words | F1 without it | its gain |")
    print("|---|---:|---:|---:|---:|---:|")
    for reason in reasons + ["(all cleaning)"]:
        pred, lines, words, npages = dict(base), 0, 0, 0
        for p, o in zip(pages, outs):
            back = [r["text"] for r in o["removed"]
                    if reason == "(all cleaning)" or r["reason"] == reason]
            if not back:
                continue
            npages, lines = npages + 1, lines + len(back)
            words += sum(len(b.split()) for b in back)
            kept = [l for l in o["text"].split("\n") if l]
            pred[p["id"]] = with_lines_back(tokens_of[p["id"]], kept, back)
        f1 = f1_of(truth, pred)
        print(f"| {reason} | {npages} | {lines} | {words} | {f1:.4f} | {base_f1 - f1:+.4f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", default=os.path.join(DATA, "pages.jsonl"))
    ap.add_argument("--split", choices=["all", "dev", "held"], default="all")
    ap.add_argument("--bin", default=default_bin())
    ap.add_argument("--jobs", type=int, default=1, help="newsbrief processes at once")
    ap.add_argument("--out", default="/tmp/newsbrief-extraction")
    ap.add_argument("--ablate", action="store_true")
    ap.add_argument("--no-trafilatura", action="store_true")
    args = ap.parse_args()
    pages = [json.loads(l) for l in open(args.pages, encoding="utf-8") if l.strip()]
    pages = [p for p in pages if in_split(p["id"], args.split)]
    os.makedirs(args.out, exist_ok=True)
    truth_file = os.path.join(args.out, f"truth-{args.split}.jsonl")
    with open(truth_file, "w", encoding="utf-8") as fh:
        for p in pages:
            fh.write(json.dumps({"id": p["id"], "body": p["body"]}) + "\n")
    outs, nb_time = run_newsbrief(args.bin, pages, args.jobs)
    nb_file = os.path.join(args.out, "newsbrief.json")
    write_json(nb_file, {p["id"]: o["text"] for p, o in zip(pages, outs)})
    write_json(os.path.join(args.out, "newsbrief-removed.json"),
               {p["id"]: o["removed"] for p, o in zip(pages, outs)})
    files, times = [nb_file], {"newsbrief": nb_time}
    if not args.no_trafilatura:
        tr, tr_time, version = run_trafilatura(pages)
        tr_file = os.path.join(args.out, "trafilatura.json")
        write_json(tr_file, {p["id"]: t for p, t in zip(pages, tr)})
        files.append(tr_file)
        times["trafilatura"] = tr_time
    rows = score_table(files, truth_file)
    failed = sum(1 for o in outs if o["failed"])
    print(f"{len(pages)} pages (split {args.split}); newsbrief failed on {failed}; "
          f"4-gram shingle P/R/F1 and exact-token accuracy of extraction/score.py")
    print("| system | F1 | precision | recall | accuracy | empty | seconds |")
    print("|---|---|---|---|---|---:|---:|")
    for name, t in times.items():
        label = f"trafilatura {version}" if name == "trafilatura" else f"newsbrief ({args.jobs} job)"
        c = rows[name]
        print(f"| {label} | {c[1]} | {c[2]} | {c[3]} | {c[4]} | {c[6]} | {t:.1f} |")
    if args.ablate:
        ablate(pages, outs, {p["id"]: p["body"] for p in pages})


if __name__ == "__main__":
    main()
