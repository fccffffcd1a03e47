#!/usr/bin/env python3
"""How `newsbrief cluster` reads a large web archive: time and peak memory.

    python3 bench/warc_scale.py [--gb 1.0] [--bin target/release/newsbrief] [--gzip]

Builds, outside the repository (/tmp), a WARC file of about GB gigabytes from the 500 pages of
../shared/data/extraction/pages.jsonl (each page repeated under new URLs, with a request and a
response record each, as crawlers write them), then runs `newsbrief cluster` on it under
`/usr/bin/time -v` and prints records, pages read, wall seconds, pages per second and the peak
resident memory. Memory should not grow with the archive: records are read one at a time.
"""
import argparse
import gzip
import json
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "..", "shared", "data", "extraction", "pages.jsonl")


def record(kind, url, block, n):
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\n"
            f"WARC-Record-ID: <urn:uuid:{n:08x}-0000-4000-8000-000000000000>\r\n"
            f"WARC-Date: 2026-03-02T06:00:00Z\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype={kind}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def build(path, gb, gz):
    pages = [json.loads(l) for l in open(PAGES)]
    target = int(gb * 1e9)
    written, n, copies = 0, 0, 0
    opener = gzip.open if gz else open
    with opener(path, "wb") as out:
        while written < target:
            copies += 1
            for p in pages:
                url = f"{p['url']}#copy{copies}"
                body = p["html"].encode()
                http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
                for kind, block in (("request", f"GET {url} HTTP/1.1\r\n\r\n".encode()), ("response", http)):
                    n += 1
                    rec = record(kind, url, block, n)
                    out.write(rec)
                    written += len(rec)
                if written >= target:
                    break
    return n, written


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gb", type=float, default=1.0)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "newsbrief"))
    ap.add_argument("--gzip", action="store_true")
    a = ap.parse_args()
    path = "/tmp/newsbrief-scale.warc" + (".gz" if a.gzip else "")
    records, size = build(path, a.gb, a.gzip)
    r = subprocess.run(["/usr/bin/time", "-v", a.bin, "cluster", "-q", path],
                       capture_output=True, text=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+\.?\d*)", r.stderr)
    h, m, s = wall.groups()
    secs = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    pages = len(r.stdout.splitlines())
    print(f"archive {size / 1e9:.2f} GB{' (gzip, uncompressed size)' if a.gzip else ''}, {records} records; "
          f"{pages} pages clustered in {secs:.1f} s ({pages / secs:.0f} pages/s); "
          f"peak memory {rss / 1024:.0f} MB; exit {r.returncode}")
    os.remove(path)


if __name__ == "__main__":
    main()
