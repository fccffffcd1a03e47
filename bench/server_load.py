#!/usr/bin/env python3
"""Load benchmark of `newsbrief serve` (not a test): wrk on loopback.

1. A store of the DUC stream (2,354 articles in about 95 stories) is made with
   `newsbrief ingest`, the server started on it, and every story's brief asked once (cached).
2. Read load: wrk for DURATION seconds, half `GET /api/stories`, half `GET /api/stories/{id}`
   of a random story. Bar: >= 2,000 requests/s, p99 < 20 ms, no error.
3. The same while articles are ingested through `POST /api/articles` at RATE a second (one
   article per request, Multi-News documents under new ids). Bar: p99 < 50 ms, no error, and
   no article lost: afterwards the store holds exactly the articles before plus those the
   API said it stored, and every posted id is found by `GET /api/articles/{id}`.

    cargo build --release
    python3 bench/server_load.py [--duration 60] [--rate 50] [--connections 32]

Needs wrk (`apt-get install wrk`). Prints the figures as Markdown.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "newsbrief")
SHARED = os.path.join(ROOT, "..", "shared", "data")
STREAM = os.path.join(SHARED, "duc_stream_clustering", "test.jsonl")
MULTI_NEWS = os.path.join(SHARED, "multi_news", "validation.jsonl")

LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
math.randomseed(%d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def wrk(url, lua, duration, connections):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "-s", lua, url],
        capture_output=True, text=True, check=True).stdout
    def ms(label):
        m = re.search(rf"^\s*{label}%?\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    return {"rps": rps, "total": total, "p50": ms("50"), "p90": ms("90"), "p99": ms("99"),
            "errors": errors, "raw": out}


def multi_news_articles(n):
    """n Multi-News documents as articles with new ids, in file order."""
    out = []
    with open(MULTI_NEWS) as f:
        for line in f:
            c = json.loads(line)
            for i, d in enumerate(c.get("documents", [])):
                if len(d.split()) < 40:
                    continue
                out.append({"id": f"load-{c['id']}-{i}", "text": d, "published": "2026-12-01"})
                if len(out) == n:
                    return out
    return out


def get_json(conn, path):
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    return r.status, (json.loads(body) if body else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=60)
    ap.add_argument("--rate", type=int, default=50)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--port", type=int, default=18181)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="newsbrief-load-")
    db = os.path.join(tmp, "load.db")
    subprocess.run([BIN, "ingest", STREAM, "--db", db, "--quiet"], check=True,
                   stdout=subprocess.DEVNULL)
    server = subprocess.Popen([BIN, "serve", "--db", db, "--addr", f"127.0.0.1:{a.port}"],
                              stderr=subprocess.PIPE, text=True)
    try:
        server.stderr.readline()  # "serving ..."
        token = open(db + ".token").read().strip()
        conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=60)
        _, page = get_json(conn, "/api/stories?limit=500")
        ids = [s["id"] for s in page["stories"]]
        t = time.time()
        usable = []
        for i in ids:
            status, _ = get_json(conn, f"/api/stories/{i}")
            assert status in (200, 422), status
            # 422: a story whose articles have no usable sentence has no brief.
            if status == 200:
                usable.append(i)
        warm = time.time() - t
        ids = usable
        paths = os.path.join(tmp, "paths.txt")
        with open(paths, "w") as f:
            for i in ids:
                f.write("/api/stories\n")
                f.write(f"/api/stories/{i}\n")
        lua = os.path.join(tmp, "mix.lua")
        with open(lua, "w") as f:
            f.write(LUA % (paths, 17))
        url = f"http://127.0.0.1:{a.port}"
        _, h = get_json(conn, "/healthz")
        print(f"store: {h['articles']} articles in {h['stories']} stories; "
              f"{len(ids)} briefs made and cached in {warm:.1f} s (stories without a usable "
              f"sentence left out)", flush=True)

        read = wrk(url, lua, a.duration, a.connections)

        articles = multi_news_articles(a.rate * a.duration + a.rate * 5)
        _, before = get_json(conn, "/healthz")
        sent, stored, failed, post_ms = [], [0], [], []
        lock = threading.Lock()
        stop = threading.Event()
        posters = 5

        def ingest(part):
            # `posters` connections, each posting every `posters`-th article on its own clock,
            # so that one slow answer does not lower the rate.
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=60)
            start = time.time()
            for k in range(part, len(articles), posters):
                art = articles[k]
                if stop.is_set():
                    return
                due = start + k / a.rate
                if due > time.time():
                    time.sleep(due - time.time())
                t = time.time()
                c.request("POST", "/api/articles", body=json.dumps(art),
                          headers={"Authorization": f"Bearer {token}"})
                r = c.getresponse()
                body = r.read()
                with lock:
                    post_ms.append((time.time() - t) * 1000)
                    if r.status != 200:
                        failed.append((art["id"], r.status, body[:200]))
                        continue
                    out = json.loads(body)
                    stored[0] += out["stored"]
                    # A duplicate (the same text under another id) is found as the stored one.
                    got = out["articles"][0]
                    sent.append(got["id"] if got["status"] == "stored" else got["duplicate_of"])

        threads = [threading.Thread(target=ingest, args=(p,)) for p in range(posters)]
        for th in threads:
            th.start()
        t0 = time.time()
        mixed = wrk(url, lua, a.duration, a.connections)
        stop.set()
        for th in threads:
            th.join()
        elapsed = time.time() - t0
        _, after = get_json(conn, "/healthz")
        missing = 0
        for i in sent:
            status, _ = get_json(conn, "/api/articles/" + urllib.parse.quote(i, safe=""))
            missing += status != 200
        lost = before["articles"] + stored[0] - after["articles"]

        print("\n| load | requests/s | p50 ms | p90 ms | p99 ms | errors |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, r in [("reads only", read), (f"reads + {a.rate} articles/s ingested", mixed)]:
            print(f"| {name} | {r['rps']:,.0f} | {r['p50']:.2f} | {r['p90']:.2f} | {r['p99']:.2f} | {r['errors']} |")
        print(f"\ningest: {len(sent)} articles posted in {elapsed:.0f} s ({len(sent) / elapsed:.1f}/s), "
              f"{stored[0]} stored, {len(failed)} failed requests; store {before['articles']} -> "
              f"{after['articles']} articles (lost: {lost}); posted ids not found after: {missing}")
        post_ms.sort()
        if post_ms:
            print(f"ingest requests: p50 {post_ms[len(post_ms) // 2]:.1f} ms, "
                  f"p99 {post_ms[int(len(post_ms) * 0.99)]:.1f} ms")
        if failed:
            print("failed:", failed[:5])
        ok = (read["rps"] >= 2000 and read["p99"] < 20 and read["errors"] == 0
              and mixed["p99"] < 50 and mixed["errors"] == 0 and lost == 0 and missing == 0
              and not failed)
        print("bars met" if ok else "BARS NOT MET")
        if os.environ.get("VERBOSE"):
            print(read["raw"], mixed["raw"])
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
