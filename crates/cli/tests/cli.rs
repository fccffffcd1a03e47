//! End-to-end tests of the `newsbrief` binary.
//!
//! Contents:
//! 1. examples: Markdown and JSON snapshots of the bundled stories (reviewed by hand), JSON
//!    schema and span checks, determinism.
//! 2. batch and eval: output shape, order, ROUGE on a tiny written cluster.
//! 3. bad input: one test per case named in the foundation issue; each checks the message names
//!    the file (and line), the rest of the input is still used, and the exit code.

// Test helpers outside #[test] functions may unwrap: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Run `newsbrief` at the repository root, where `examples/` is.
fn newsbrief(args: &[&str]) -> Output {
    run_in(&root(), args)
}
fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

const GOOD: &str = "Flood waters rose across the valley town of Vell on Sunday after days of rain.\nRescue crews moved 200 families to shelters, officials said.";
const GOOD2: &str = "The valley town of Vell flooded on Sunday after days of heavy rain.\nOfficials said 200 families were moved to shelters by rescue crews.";

// 1. examples ---------------------------------------------------------------------------------

#[test]
fn example_dam_collapse_markdown() {
    let o = newsbrief(&["brief", "examples/dam-collapse"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    insta::assert_snapshot!("dam_collapse_markdown", stdout(&o));
}

#[test]
fn example_port_strike_markdown_explain() {
    let o = newsbrief(&[
        "brief",
        "examples/port-strike",
        "--explain",
        "--words",
        "90",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    insta::assert_snapshot!("port_strike_markdown_explain", stdout(&o));
}

#[test]
fn example_dam_collapse_json() {
    let o = newsbrief(&["brief", "examples/dam-collapse", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    insta::assert_snapshot!("dam_collapse_json", stdout(&o));
}

#[test]
fn json_spans_point_at_the_cited_text() {
    for dir in ["examples/dam-collapse", "examples/port-strike"] {
        let o = newsbrief(&["brief", dir, "--format", "json", "--with-text"]);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let docs = v["documents"].as_array().unwrap();
        for (i, d) in docs.iter().enumerate() {
            assert_eq!(d["index"].as_u64().unwrap() as usize, i + 1);
        }
        let summary = v["summary"].as_array().unwrap();
        assert!(!summary.is_empty());
        for s in summary {
            let sources: Vec<u64> = s["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect();
            assert!(sources.windows(2).all(|w| w[0] < w[1]), "sources ascending");
            assert!(sources.contains(&s["from"].as_u64().unwrap()));
            let spans = s["spans"].as_array().unwrap();
            assert_eq!(sources.len(), spans.len());
            for (k, sp) in spans.iter().enumerate() {
                let doc = sp["doc"].as_u64().unwrap();
                assert_eq!(doc, sources[k]);
                let text = docs[doc as usize - 1]["text"].as_str().unwrap();
                let cited = &text
                    [sp["start"].as_u64().unwrap() as usize..sp["end"].as_u64().unwrap() as usize];
                if doc == s["from"].as_u64().unwrap() {
                    // The text is the cited span; only its first letter may be upper-cased
                    // (after a dropped leading connective).
                    let text = s["text"].as_str().unwrap();
                    assert_eq!(cited.to_lowercase(), text.to_lowercase());
                    assert_eq!(cited.get(1..), text.get(1..));
                } else {
                    assert!(!cited.is_empty());
                }
            }
        }
        let words: usize = summary
            .iter()
            .map(|s| s["text"].as_str().unwrap().split_whitespace().count())
            .sum();
        assert!(words <= 120);
    }
}

#[test]
fn output_is_deterministic() {
    let a = newsbrief(&[
        "brief",
        "examples/dam-collapse",
        "examples/port-strike",
        "--format",
        "json",
    ]);
    let b = newsbrief(&[
        "brief",
        "examples/dam-collapse",
        "examples/port-strike",
        "--format",
        "json",
    ]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn stdin_jsonl() {
    let lines = [
        serde_json::json!({"id": "a", "text": GOOD}),
        serde_json::json!({"id": "b", "text": GOOD2}),
    ];
    let (status, out) = brief_stdin(&lines, &["--format", "json"]);
    assert_eq!(status, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"][1]["file"], "-:2");
    assert_eq!(v["summary"][0]["sources"], serde_json::json!([1, 2]));
}

#[test]
fn method_parameters_change_the_summary_and_are_checked() {
    let base = newsbrief(&[
        "brief",
        "examples/port-strike",
        "--format",
        "json",
        "--words",
        "60",
    ]);
    let tuned = newsbrief(&[
        "brief",
        "examples/port-strike",
        "--format",
        "json",
        "--words",
        "60",
        "--param",
        "lead=0",
        "--param",
        "length_exponent=0",
    ]);
    assert_eq!(code(&tuned), 0, "{}", stderr(&tuned));
    assert_ne!(base.stdout, tuned.stdout);
    let bad = newsbrief(&["brief", "examples/port-strike", "--param", "leed=1"]);
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains("no parameter \"leed\""),
        "{}",
        stderr(&bad)
    );
    let bad = newsbrief(&["brief", "examples/port-strike", "--param", "lead"]);
    assert_eq!(code(&bad), 2);
    let bad = newsbrief(&[
        "brief",
        "examples/port-strike",
        "--method",
        "lead",
        "--param",
        "lead=1",
    ]);
    assert_eq!(code(&bad), 2);
}

#[test]
fn every_method_produces_a_cited_brief() {
    for m in ["coverage", "submodular", "lead"] {
        let o = newsbrief(&[
            "brief",
            "examples/dam-collapse",
            "--method",
            m,
            "--format",
            "json",
        ]);
        assert_eq!(code(&o), 0, "{m}: {}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["method"], m);
        assert!(!v["summary"].as_array().unwrap().is_empty(), "{m}");
    }
}

#[test]
fn unknown_method_is_a_usage_error() {
    let o = newsbrief(&["brief", "examples/port-strike", "--method", "magic"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("coverage"), "{}", stderr(&o));
}

// 2. batch and eval ---------------------------------------------------------------------------

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    std::fs::write(dir.join(name), bytes).unwrap();
    name.to_string()
}

fn cluster_line(id: &str, docs: &[&str], refs: &[&str]) -> String {
    serde_json::json!({"id": id, "documents": docs, "references": refs}).to_string()
}

#[test]
fn batch_prints_one_line_per_cluster_in_order() {
    let t = tempfile::tempdir().unwrap();
    let mut data = String::new();
    for i in 0..40 {
        data.push_str(&cluster_line(&format!("c{i}"), &[GOOD, GOOD2], &[]));
        data.push('\n');
    }
    write(t.path(), "data.jsonl", data.as_bytes());
    let o = run_in(t.path(), &["batch", "data.jsonl", "--words", "30"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 40);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["id"], format!("c{i}"));
        let sents = l["sentences"].as_array().unwrap();
        let joined: Vec<&str> = sents.iter().map(|s| s["text"].as_str().unwrap()).collect();
        assert_eq!(l["summary"], joined.join("\n"));
        assert!(l["summary"].as_str().unwrap().split_whitespace().count() <= 30);
        assert_eq!(sents[0]["sources"], serde_json::json!([1, 2]));
    }
}

#[test]
fn batch_output_is_the_same_on_any_number_of_threads() {
    let t = tempfile::tempdir().unwrap();
    let mut data = String::new();
    // Clusters that differ, so that a line written out of order would show.
    for i in 0..30 {
        let extra = format!("Officials counted {i} boats on the river near the town on Sunday.");
        let docs: Vec<&str> = match i % 3 {
            0 => vec![GOOD, GOOD2, &extra],
            1 => vec![GOOD2, &extra],
            _ => vec![&extra, GOOD],
        };
        data.push_str(&cluster_line(&format!("c{i}"), &docs, &[]));
        data.push('\n');
    }
    write(t.path(), "data.jsonl", data.as_bytes());
    let run = |threads: &str| {
        let o = run_in(
            t.path(),
            &["batch", "data.jsonl", "--words", "40", "--threads", threads],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        stdout(&o)
    };
    let one = run("1");
    assert_eq!(one.lines().count(), 30);
    assert_eq!(run("3"), one);
    assert_eq!(run("8"), one);
    // No threads at all is a usage error.
    let o = run_in(t.path(), &["batch", "data.jsonl", "--threads", "0"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn a_big_story_gives_the_same_brief_on_any_number_of_threads() {
    // More than 200 articles (the stages bound their work there), with figures, quotes and
    // dates that vary, and lines of their own, so that every part of the brief has entries.
    let t = tempfile::tempdir().unwrap();
    let towns = ["Vell", "Orrin", "Brask", "Tolm", "Kessa"];
    let people = [
        "Ida Marsh",
        "Tomas Reyl",
        "Oona Berg",
        "Pavel Ostrin",
        "Lena Faro",
    ];
    let things = [
        "the grain depot",
        "the old mill",
        "the rail yard",
        "the school gym",
        "the bus depot",
        "the clinic",
        "the ferry pier",
    ];
    let acts = [
        "opened",
        "sealed",
        "emptied",
        "guarded",
        "inspected",
        "cleaned",
    ];
    let mut data = String::new();
    for i in 0..230 {
        let town = towns[i % towns.len()];
        let text = format!(
            "Flood waters rose across the valley town of {town} on Sunday, March {}, 2026. \
             Rescue crews moved {} families to shelters, officials said. \
             \"We are doing all we can for the people of {town},\" Mayor Ana Ruiz said. \
             Engineers found {} breaches in the levee on Monday. \
             Volunteer {} {} {} before dawn and {} {} by noon, neighbours of unit {i} recalled.",
            1 + i % 3,
            180 + 20 * (i % 4),
            2 + i % 5,
            people[i % 5],
            acts[i % 6],
            things[i % 7],
            acts[(i / 6) % 6],
            things[(i / 7) % 7],
        );
        let line = serde_json::json!({"id": format!("a{i}"), "text": text,
            "published": format!("2026-03-{:02}", 2 + i % 4)});
        data.push_str(&line.to_string());
        data.push('\n');
    }
    write(t.path(), "big.jsonl", data.as_bytes());
    let run = |threads: &str| {
        let args = [
            "--threads",
            threads,
            "brief",
            "big.jsonl",
            "--format",
            "json",
        ];
        let o = run_in(t.path(), &args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        stdout(&o)
    };
    let one = run("1");
    let v: Value = serde_json::from_str(&one).unwrap();
    for part in ["summary", "quotes", "disagreements", "timeline", "unique"] {
        let n = v[part].as_array().map_or(0, Vec::len);
        assert!(n > 0, "no {part} in {one}");
    }
    assert_eq!(run("2"), one);
    assert_eq!(run("5"), one);
}

#[test]
fn eval_scores_given_summaries_against_references() {
    let t = tempfile::tempdir().unwrap();
    write(
        t.path(),
        "data.jsonl",
        format!(
            "{}\n",
            cluster_line("x", &[GOOD], &["the cat sat on the mat", "a dog sat"])
        )
        .as_bytes(),
    );
    write(
        t.path(),
        "s.jsonl",
        br#"{"id": "x", "summary": "the cat sat on the mat"}"#,
    );
    let o = run_in(
        t.path(),
        &["eval", "data.jsonl", "--summaries", "s.jsonl", "--json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    // Reference 1: perfect; reference 2 ("a dog sat"): R-1 P = 1/6, R = 1/3. Mean of the two.
    let p = v["rouge1"]["precision"].as_f64().unwrap();
    let r = v["rouge1"]["recall"].as_f64().unwrap();
    assert!((p - (100.0 + 100.0 / 6.0) / 2.0).abs() < 1e-3, "{p}");
    assert!((r - (100.0 + 100.0 / 3.0) / 2.0).abs() < 1e-3, "{r}");
    assert_eq!(v["clusters"], 1);
}

#[test]
fn eval_summarizes_itself_without_summaries() {
    let t = tempfile::tempdir().unwrap();
    write(
        t.path(),
        "data.jsonl",
        format!("{}\n", cluster_line("x", &[GOOD, GOOD2], &[GOOD])).as_bytes(),
    );
    let o = run_in(t.path(), &["eval", "data.jsonl", "--words", "40"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("ROUGE-Lsum"));
}

// 3. bad input --------------------------------------------------------------------------------

fn two_good(dir: &Path) {
    write(dir, "good1.txt", GOOD.as_bytes());
    write(dir, "good2.txt", GOOD2.as_bytes());
}

fn brief_json(dir: &Path, args: &[&str]) -> (Output, Value) {
    let mut all = vec!["brief"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let o = run_in(dir, &all);
    let v = serde_json::from_str(&stdout(&o)).unwrap_or(Value::Null);
    (o, v)
}

fn doc_ids(v: &Value) -> Vec<String> {
    v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

/// `brief PATH` in `dir` skips something (exit 1) with a message containing `message`, and
/// the brief still holds the articles `ids`.
fn expect_skipped(dir: &Path, path: &str, message: &str, ids: &[&str]) {
    let (o, v) = brief_json(dir, &[path]);
    assert_eq!(code(&o), 1);
    // One line per message, named as skipped.
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.starts_with("newsbrief: skipped: ") && l.contains(message)),
        "{err}"
    );
    assert!(err.ends_with('\n'), "{err}");
    assert_eq!(doc_ids(&v), ids);
}

/// Two good articles and one bad file in a directory: the bad file is reported by name with
/// `want`, skipped (exit 1), and both good articles still make the brief.
fn check_bad_file(name: &str, bytes: &[u8], want: &str) {
    let t = tempfile::tempdir().unwrap();
    two_good(t.path());
    write(t.path(), name, bytes);
    expect_skipped(
        t.path(),
        ".",
        &format!("{name}: {want}"),
        &["good1", "good2"],
    );
}

#[test]
fn bad_empty_file() {
    check_bad_file("empty.txt", b"", "empty input");
}

#[test]
fn bad_binary_file() {
    check_bad_file(
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "a PNG image, not a format newsbrief reads",
    );
}

#[test]
fn bad_binary_file_of_no_known_format() {
    check_bad_file("dump.txt", b"\x00\x01\x02\x03junk\x00\x00", "binary data");
}

#[test]
fn bad_article_with_no_sentence() {
    check_bad_file(
        "furniture.txt",
        b"Advertisement\nShare on Facebook Share on Twitter\n* * *",
        "article has no sentence",
    );
}

#[test]
fn bad_fifty_megabyte_article() {
    let big = "The river rose again. ".repeat(50_000_000 / 22 + 1);
    check_bad_file(
        "huge.txt",
        big.as_bytes(),
        "file is 50.0 MB, above the 10.0 MB limit",
    );
}

#[test]
fn bad_invalid_utf8_is_decoded_lossily_and_reported() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "good1.txt", GOOD.as_bytes());
    write(
        t.path(),
        "latin1.txt",
        b"The caf\xe9 in the valley town of Vell flooded on Sunday after days of rain.",
    );
    let (o, v) = brief_json(t.path(), &["."]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("latin1.txt: invalid UTF-8 at byte 7"),
        "{}",
        stderr(&o)
    );
    assert_eq!(doc_ids(&v), ["good1", "latin1"]);
}

#[test]
fn bad_cluster_of_one_article() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "only.txt", GOOD.as_bytes());
    let (o, v) = brief_json(t.path(), &["only.txt"]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains("only.txt: only one article"),
        "{}",
        stderr(&o)
    );
    assert_eq!(v["summary"][0]["sources"], serde_json::json!([1]));
}

#[test]
fn bad_same_article_twice() {
    let t = tempfile::tempdir().unwrap();
    two_good(t.path());
    write(t.path(), "good1-copy.txt", GOOD.as_bytes());
    let (o, v) = brief_json(t.path(), &["good1.txt", "good2.txt", "good1-copy.txt"]);
    // Nothing is lost: the duplicate is noted, the exit code stays 0.
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains("good1-copy.txt: same text as article \"good1\""),
        "{}",
        stderr(&o)
    );
    assert_eq!(doc_ids(&v), ["good1", "good2"]);
}

/// A feed of three articles whose middle line is `bad`: the message must name line 2 and say
/// `want`, and the two good articles must still make the brief.
fn check_bad_middle_line(bad: &str, want: &str) {
    let t = tempfile::tempdir().unwrap();
    let data = format!(
        "{}\n{bad}\n{}\n",
        serde_json::json!({"id": "a", "text": GOOD}),
        serde_json::json!({"id": "b", "text": GOOD2})
    );
    write(t.path(), "feed.jsonl", data.as_bytes());
    expect_skipped(
        t.path(),
        "feed.jsonl",
        &format!("feed.jsonl:2: {want}"),
        &["a", "b"],
    );
}

#[test]
fn bad_jsonl_line_not_json() {
    check_bad_middle_line("{\"id\": \"broken\", \"text\": ", "not valid JSON");
}

#[test]
fn bad_jsonl_line_without_text() {
    check_bad_middle_line(
        "{\"id\": \"notext\", \"title\": \"Headline only\"}",
        "missing required field `text`",
    );
}

#[test]
fn bad_batch_line_without_documents_or_not_json() {
    let t = tempfile::tempdir().unwrap();
    let data = format!(
        "{}\n{{\"id\": \"nodocs\"}}\nnot json at all\n{}\n",
        cluster_line("first", &[GOOD, GOOD2], &[]),
        cluster_line("last", &[GOOD, GOOD2], &[])
    );
    write(t.path(), "data.jsonl", data.as_bytes());
    let o = run_in(t.path(), &["batch", "data.jsonl"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains("data.jsonl:2: missing required field `documents`"),
        "{err}"
    );
    assert!(err.contains("data.jsonl:3: not valid JSON"), "{err}");
    let ids: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(ids, ["first", "last"]);
}

#[test]
fn bad_directory_with_no_readable_files() {
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir(t.path().join("pics")).unwrap();
    write(&t.path().join("pics"), "a.png", b"\x89PNG");
    write(&t.path().join("pics"), "notes.docx", b"PK");
    let o = run_in(t.path(), &["brief", "pics"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("pics: no readable files"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_nothing_usable_at_all() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "empty.txt", b"");
    let o = run_in(t.path(), &["brief", "empty.txt", "missing.txt"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("missing.txt: no such file"), "{err}");
    assert!(err.contains("no article could be read"), "{err}");
}

/// `brief -` with these JSONL lines on stdin: (exit code, stdout).
fn brief_stdin(lines: &[Value], args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsbrief"))
        .args(["brief", "-"])
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    (code(&o), stdout(&o))
}

#[test]
fn markdown_shows_hostile_article_text_as_text() {
    // Raw HTML, a javascript: link in the text and as the URL, an entity that a renderer would
    // decode, a terminal escape sequence and a right-to-left override.
    let title = "<img src=x onerror=alert(1)> Flood \u{202e}txt.exe";
    let text =
        format!("{GOOD}\nRescue crews moved 200 families to shelters, officials said.\u{1b}[2J");
    let lines = [
        serde_json::json!({"id": "a", "title": title, "url": "javascript:alert(1)", "text": text,
            "source": "[the flood map](javascript:alert(1)) &lt;b&gt;"}),
        serde_json::json!({"id": "b", "text": GOOD2, "url": "https://example.org/flood"}),
    ];
    let (status, md) = brief_stdin(&lines, &["--words", "200"]);
    assert_eq!(status, 0);
    assert!(!md.replace("\\<", "").contains("<img"), "{md}");
    assert!(
        md.contains("\\[the flood map\\](javascript:alert(1))"),
        "{md}"
    );
    assert!(md.contains("\\&lt;b\\&gt;"), "{md}");
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>"), "{md}");
    assert!(!md.replace("\\]", "").contains("](javascript"), "{md}");
    assert!(!md.contains("<javascript"), "{md}");
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202e}'), "{md}");
    assert!(md.contains("<https://example.org/flood>"), "{md}");
    // JSON keeps the text as it is, but never writes `</` (a page embedding it stays whole).
    let lines = [
        serde_json::json!({"id": "a", "text": format!("{GOOD} It said </script><script>alert(1)</script> twice.")}),
    ];
    let (_, json) = brief_stdin(&lines, &["--format", "json", "--with-text"]);
    assert!(!json.contains("</"), "{json}");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(v["documents"][0]["text"]
        .as_str()
        .unwrap()
        .contains("</script>"));
}

#[test]
fn batch_says_when_a_method_refuses_a_cluster() {
    // 700 distinct articles of 10 sentences: past the submodular method's 6,000 sentences.
    let docs: Vec<String> = (0..700)
        .map(|d| {
            (0..10)
                .map(|s| format!("Crews in district {d} cleared road {s} of debris on day {s}."))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let refs: [&str; 0] = [];
    let line = serde_json::json!({"id": "big", "documents": docs, "references": refs});
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "data.jsonl", format!("{line}\n").as_bytes());
    let o = run_in(t.path(), &["batch", "data.jsonl", "--method", "submodular"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(
        err.contains("data.jsonl:1") && err.contains("6000") && err.contains("default"),
        "{err}"
    );
    // The line is still written, empty: one line per cluster, in order.
    assert_eq!(stdout(&o).lines().count(), 1);
}
