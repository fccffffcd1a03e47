//! End-to-end tests of what `newsbrief` reads: feeds, web archives, content sniffing and the
//! bounds on hostile input, through `brief`, `ingest` and `cluster`. Every fixture is written
//! here (invented text).

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::io::Write;
use std::path::Path;

use serde_json::Value;

const P1: &str = "Flood waters rose across the valley town of Vell on Sunday after days of rain, and rescue crews moved 200 families to shelters, officials said.";
const P2: &str = "The regional governor declared an emergency on Sunday evening as the river crested above the old stone bridge in the centre of Vell.";
const P3: &str = "The valley town of Vell flooded on Sunday after days of heavy rain, and officials said 200 families were moved to shelters by rescue crews.";

fn rss() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Courier</title><link>https://courier.example/</link>
<item><title>Vell floods after days of rain</title><link>https://courier.example/flood</link>
<pubDate>Sun, 01 Mar 2026 18:00:00 +0000</pubDate><author>desk@courier.example (Maria Gonzalez)</author>
<content:encoded><![CDATA[<p>{P1}</p><p>{P2}</p>]]></content:encoded></item>
<item><title>Headline only</title><link>https://courier.example/brief</link></item>
</channel></rss>"#
    )
}

fn atom() -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>River Post</title>
<entry><title>Families moved to shelters in Vell</title><id>tag:post.example,2026:1</id>
<link rel="alternate" href="https://post.example/vell"/><updated>2026-03-01T20:00:00Z</updated>
<author><name>Tom Reid</name></author>
<content type="html">&lt;p&gt;{P3}&lt;/p&gt;</content></entry></feed>"#
    )
}

fn warc_record(kind: &str, url: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08}-0000-4000-8000-000000000000>\r\n\
         WARC-Date: 2026-03-02T06:00:00Z\r\nWARC-Target-URI: {url}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        url.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn page(title: &str, paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>\
         <article><h1>{title}</h1>{body}</article></body></html>"
    )
    .into_bytes()
}

/// An archive of two news pages, an image and a redirect; gzipped member by member as crawlers
/// write them when `gzip`.
fn warc(gzip: bool) -> Vec<u8> {
    let records = [
        warc_record("warcinfo", "x", b"software: invented\r\n"),
        warc_record(
            "response",
            "https://courier.example/flood",
            &page("Vell floods", &[P1, P2]),
        ),
        warc_record(
            "response",
            "https://courier.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ),
        warc_record(
            "response",
            "https://post.example/old",
            b"HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://post.example/vell",
            &page("Shelters in Vell", &[P3]),
        ),
    ];
    if !gzip {
        return records.concat();
    }
    let mut out = Vec::new();
    for r in records {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&r).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn brief_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["brief", "--format", "json"];
    all.extend_from_slice(args);
    let o = run_in(dir, &all);
    let v = serde_json::from_str(&stdout(&o)).unwrap_or(Value::Null);
    (o.status.code().unwrap(), v, stderr(&o))
}

fn docs(v: &Value) -> Vec<(String, String)> {
    v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["url"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn feeds_are_read_entry_by_entry() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "courier.rss", rss().as_bytes());
    // An Atom feed saved under a page's name: the content decides.
    write(t.path(), "post.html", atom().as_bytes());
    let (code, v, err) = brief_json(t.path(), &["courier.rss", "post.html"]);
    // The headline-only entry is reported with its place; the rest is used.
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("courier.rss:entry 2: missing required field `content or summary`"),
        "{err}"
    );
    assert_eq!(
        docs(&v),
        vec![
            (
                "https://courier.example/flood".to_string(),
                "https://courier.example/flood".to_string()
            ),
            (
                "tag:post.example,2026:1".to_string(),
                "https://post.example/vell".to_string()
            ),
        ]
    );
    let title = v["title"].as_str().unwrap();
    assert!(!title.contains('<'), "{title}");
    let first = &v["documents"][0];
    assert_eq!(first["source"], "Valley Courier");
    assert_eq!(first["published"], "2026-03-01T18:00:00Z");
    assert_eq!(v["documents"][1]["authors"][0], "Tom Reid");
}

#[test]
fn ingesting_a_feed_twice_adds_nothing() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "courier.rss", rss().as_bytes());
    write(t.path(), "post.atom", atom().as_bytes());
    let ingest = || {
        let o = run_in(
            t.path(),
            &[
                "ingest",
                "--db",
                "s.db",
                "--format",
                "json",
                "courier.rss",
                "post.atom",
            ],
        );
        (o.status.code().unwrap(), stdout(&o), stderr(&o))
    };
    let (code, out, err) = ingest();
    assert_eq!(code, 1, "{err}");
    let added: u64 = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["added"]
                .as_u64()
                .unwrap()
        })
        .sum();
    assert_eq!(added, 2, "{out}");
    let (_, out, err) = ingest();
    assert_eq!(out, "", "no story is new or changed");
    assert!(
        err.contains("0 articles added") && err.contains("2 already stored"),
        "{err}"
    );
    let o = run_in(t.path(), &["stories", "--db", "s.db", "--format", "json"]);
    let stories: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let total: u64 = stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 2);
}

#[test]
fn web_archives_gzipped_or_not() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "crawl.warc", &warc(false));
    write(t.path(), "crawl2.warc.gz", &warc(true));
    for name in ["crawl.warc", "crawl2.warc.gz"] {
        let (code, v, err) = brief_json(t.path(), &[name]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(
            docs(&v).into_iter().map(|(id, _)| id).collect::<Vec<_>>(),
            ["https://courier.example/flood", "https://post.example/vell"],
            "{name}"
        );
        // The capture time stands in for a publication date the page does not give.
        assert_eq!(v["documents"][0]["published"], "2026-03-02T06:00:00Z");
        assert!(err.contains("2 responses were not HTML pages"), "{err}");
        let text = serde_json::to_string(&v).unwrap();
        assert!(!text.contains("Home"), "navigation kept: {text}");
    }
    let o = run_in(t.path(), &["cluster", "crawl2.warc.gz"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["story"], lines[1]["story"], "one story: {lines:?}");
}

#[test]
fn a_cut_archive_reports_the_record_and_keeps_what_came_before() {
    let t = tempfile::tempdir().unwrap();
    let full = warc(false);
    // Cut inside the last record.
    write(t.path(), "cut.warc", &full[..full.len() - 40]);
    let (code, v, err) = brief_json(t.path(), &["cut.warc"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("cut.warc:record 5: not a readable web archive"),
        "{err}"
    );
    assert_eq!(docs(&v).len(), 1);
}

#[test]
fn unsupported_formats_are_named_and_skipped() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "a.txt", P1.as_bytes());
    write(t.path(), "b.txt", P3.as_bytes());
    write(
        t.path(),
        "report.txt",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
    );
    write(
        t.path(),
        "sitemap.xml",
        b"<?xml version=\"1.0\"?><urlset><url><loc>x</loc></url></urlset>",
    );
    write(t.path(), "archive.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00");
    let (code, v, err) = brief_json(
        t.path(),
        &["a.txt", "b.txt", "report.txt", "sitemap.xml", "archive.gz"],
    );
    assert_eq!(code, 1);
    for line in [
        "report.txt: a PDF document, not a format newsbrief reads",
        "sitemap.xml: XML that is neither a web page nor a feed",
        "archive.gz: a gzip archive that is not a WARC web archive",
    ] {
        assert!(err.contains(line), "{line}\n{err}");
    }
    assert_eq!(docs(&v).len(), 2);
}

#[test]
fn a_page_saved_as_text_is_read_as_html() {
    let t = tempfile::tempdir().unwrap();
    let html = String::from_utf8(page("Vell floods", &[P1, P2])).unwrap();
    let html = html.split_once("\r\n\r\n").unwrap().1;
    write(t.path(), "saved.txt", html.as_bytes());
    write(t.path(), "b.txt", P3.as_bytes());
    let (code, v, err) = brief_json(t.path(), &["saved.txt", "b.txt"]);
    assert_eq!(code, 0, "{err}");
    let text = serde_json::to_string(&v).unwrap();
    assert!(!text.contains("<p>") && !text.contains("Home"), "{text}");
}

#[test]
fn a_page_nested_100000_deep_is_read() {
    let t = tempfile::tempdir().unwrap();
    let n = 100_000;
    let html = format!(
        "<html><body>{}<p>{P1}</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    write(t.path(), "deep.html", html.as_bytes());
    write(t.path(), "b.txt", P3.as_bytes());
    let (code, v, err) = brief_json(t.path(), &["deep.html", "b.txt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(docs(&v).len(), 2);
}

#[test]
fn every_stream_command_has_the_size_limit() {
    let t = tempfile::tempdir().unwrap();
    let big = format!(
        "{{\"id\": \"big\", \"text\": \"{}\"}}\n",
        "The river rose. ".repeat(2000)
    );
    let small = format!("{{\"id\": \"small\", \"text\": \"{P1}\"}}\n");
    write(t.path(), "s.jsonl", format!("{big}{small}").as_bytes());
    for cmd in [
        &["cluster", "s.jsonl"][..],
        &["ingest", "--db", "x.db", "s.jsonl"],
        &["brief", "s.jsonl"],
    ] {
        let mut args = cmd.to_vec();
        args.extend(["--max-article-bytes", "10000"]);
        let o = run_in(t.path(), &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{cmd:?}: {err}");
        assert!(err.contains("s.jsonl:1: line is"), "{cmd:?}: {err}");
    }
    let cluster = format!(
        "{{\"id\": \"c1\", \"documents\": [\"{}\", \"{P1}\", \"{P3}\"], \"references\": [\"{P3}\"]}}\n",
        "The river rose. ".repeat(2000)
    );
    write(t.path(), "c.jsonl", cluster.as_bytes());
    for cmd in ["batch", "eval"] {
        let o = run_in(
            t.path(),
            &[cmd, "c.jsonl", "--max-article-bytes", "10000", "-q"],
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {err}");
        assert!(
            err.contains("c.jsonl:1: document 1: 32000 bytes, above the limit"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn publication_dates_are_read_in_one_form_and_impossible_ones_left_out() {
    let t = tempfile::tempdir().unwrap();
    let lines = [
        ("a", "2026/03/09", P1),
        ("b", "2006-02-30", P3),
        ("c", "1773057600", P2),
    ]
    .iter()
    .map(|(id, d, text)| {
        format!("{{\"id\": \"{id}\", \"published\": \"{d}\", \"text\": \"{text}\"}}\n")
    })
    .collect::<String>();
    write(t.path(), "d.jsonl", lines.as_bytes());
    let (code, v, err) = brief_json(t.path(), &["d.jsonl"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("d.jsonl:2: date \"2006-02-30\" is not a calendar date; left out"),
        "{err}"
    );
    let published: Vec<Value> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["published"].clone())
        .collect();
    assert_eq!(
        published,
        [
            Value::from("2026-03-09"),
            Value::Null,
            Value::from("2026-03-09")
        ]
    );
}

const G1: &str = "Schools in Vell stayed closed on Monday as volunteers cleared mud from the classrooms, the mayor said.";
const G2: &str = "Volunteers cleared mud from classrooms in Vell on Monday while the schools stayed shut, according to the mayor.";

/// A file of every format, whole, cut in half, and with bytes overwritten: the run never fails
/// as a whole, the two good articles beside it are always used, and a file that could not be
/// read as it was is named in a message (with its line, entry or record where it has them).
#[test]
fn bad_input_corpus_truncated_and_mutated_files_of_every_format() {
    let p4 = "Engineers said on Monday that the old stone bridge in the centre of Vell would stay closed for at least a week while divers checked its piers.";
    let jsonl =
        format!("{{\"id\": \"j1\", \"text\": \"{P2}\"}}\n{{\"id\": \"j2\", \"text\": \"{p4}\"}}\n");
    let json = format!("{{\"id\": \"j\", \"title\": \"Vell\", \"text\": \"{P2}\"}}");
    let json_feed = format!(
        "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Wire\", \"items\": [{{\"id\": \"w1\", \"content_text\": \"{P2}\"}}]}}"
    );
    let html = String::from_utf8(page("Vell floods", &[P1, P2])).unwrap();
    let html = html.split_once("\r\n\r\n").unwrap().1.to_string();
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        // (name, whole file, what a cut file's message names)
        ("a.txt", format!("Vell floods\n\n{P2}\n").into_bytes(), ""),
        (
            "a.md",
            format!("# Vell floods\n\n**{P2}**\n").into_bytes(),
            "",
        ),
        ("a.html", html.into_bytes(), ""),
        ("a.json", json.into_bytes(), "a.json: not valid JSON"),
        ("a.jsonl", jsonl.into_bytes(), "a.jsonl:2: not valid JSON"),
        ("a.rss", rss().into_bytes(), "a.rss: not a readable feed"),
        ("a.atom", atom().into_bytes(), "a.atom: not a readable feed"),
        (
            "a.feed.json",
            json_feed.into_bytes(),
            "a.feed.json: not a readable feed",
        ),
        (
            "a.warc",
            warc(false),
            "a.warc:record 3: not a readable web archive: the archive ends inside a record's headers",
        ),
        (
            "a.warc.gz",
            warc(true),
            "not a readable web archive",
        ),
    ];
    for (name, whole, cut_message) in files {
        let cut = whole[..whole.len() / 2].to_vec();
        // Overwrite every 37th byte: markup, quotes and lengths break in many places.
        let mut mutated = whole.clone();
        for i in (0..mutated.len()).step_by(37) {
            mutated[i] = b"\"<>{}\x00\xff"[i % 7];
        }
        for (variant, bytes) in [("whole", whole), ("cut", cut), ("mutated", mutated)] {
            let t = tempfile::tempdir().unwrap();
            write(t.path(), "good1.txt", G1.as_bytes());
            write(t.path(), "good2.txt", G2.as_bytes());
            write(t.path(), name, &bytes);
            let (code, v, err) = brief_json(t.path(), &["good1.txt", "good2.txt", name]);
            let case = format!("{name} {variant}: {err}");
            assert!(code == 0 || code == 1, "{case}");
            let ids: Vec<String> = docs(&v).into_iter().map(|(id, _)| id).collect();
            assert!(
                ids.contains(&"good1".to_string()) && ids.contains(&"good2".to_string()),
                "{case}"
            );
            if variant == "whole" {
                assert!(ids.len() > 2, "{case}");
                assert!(
                    !err.contains(name) || name == "a.rss" || name.contains("warc"),
                    "{case}"
                );
            }
            if variant == "cut" && !cut_message.is_empty() {
                assert!(err.contains(cut_message), "{case}");
            }
            if code == 1 {
                assert!(err.lines().any(|l| l.contains(name)), "{case}");
            }
        }
    }
}

#[test]
fn a_json_array_with_invalid_utf8_is_read_and_reported() {
    let t = tempfile::tempdir().unwrap();
    let mut bytes = format!("[{{\"id\": \"x\", \"text\": \"{P1} caf").into_bytes();
    bytes.push(0xe9);
    bytes.extend(format!(".\"}}, {{\"id\": \"y\", \"text\": \"{P3}\"}}]").into_bytes());
    write(t.path(), "export.json", &bytes);
    let (code, v, err) = brief_json(t.path(), &["export.json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("export.json: invalid UTF-8 at byte"), "{err}");
    assert_eq!(docs(&v).len(), 2);
}

/// The bundled feeds example: an RSS and an Atom feed about one fire, whose counts of people
/// moved differ.
#[test]
fn example_harbour_fire_feeds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let (code, v, err) = brief_json(&dir, &["harbour-fire"]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = docs(&v).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        ids,
        [
            "tag:coastwire.example,2026:saltmere-fire",
            "https://gazette.example/local/harbour-fire"
        ]
    );
    assert_eq!(v["documents"][1]["language"], "en-GB");
    let d = &v["disagreements"][0];
    let values: Vec<&str> = d["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["40", "45"], "{d}");
}

#[test]
fn a_long_run_of_dates_left_out_is_listed_twenty_times_then_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..25 {
        let text = [P1, P2, P3][i % 3];
        let v = serde_json::json!({"id": format!("a{i}"), "date": "2026-02-30", "text": text});
        lines.push_str(&format!("{v}\n"));
    }
    write(dir.path(), "s.jsonl", lines.as_bytes());
    let o = run_in(dir.path(), &["cluster", "s.jsonl"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(out.lines().count(), 25, "every article is clustered");
    let listed = err.matches("is not a calendar date; left out").count();
    assert_eq!(listed, 20, "{err}");
    assert!(
        err.contains("s.jsonl:20: date") && !err.contains("s.jsonl:21: date"),
        "{err}"
    );
    assert!(
        err.contains("input: 5 more articles used with a change"),
        "{err}"
    );
}
