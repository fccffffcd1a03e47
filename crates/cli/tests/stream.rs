//! End-to-end tests of `newsbrief cluster` and `newsbrief eval-clusters` on a small written
//! stream: two events, a syndicated copy, a broken line and an impossible date.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use serde_json::{json, Value};

const DAM1: &str = "The Vell dam collapsed on Sunday, flooding the valley town below it. Engineers at the Vell reservoir had warned of cracks in the spillway for months, and residents said the warnings were ignored by the regional water authority.";
const DAM2: &str = "Flood waters from the collapsed Vell dam covered the valley on Sunday. Residents said engineers had warned about cracks in the spillway and blamed the water authority for the delays in repairs.";
const DAM3: &str = "Rescue teams searched the flooded valley below the Vell dam on Monday as the reservoir kept draining through the broken spillway, and the water authority promised an inquiry.";
const PORT1: &str = "Dockworkers at the port of Saltmere walked off the job at midnight, demanding higher pay and limits on automation at the container terminals run by the port authority.";
const PORT2: &str = "The Saltmere port strike entered its second day as dockworkers picketed the container terminals over pay and automation, and ships waited at anchor outside the harbour.";

/// The stream as JSONL lines: (line text, gold story).
fn stream() -> String {
    let line = |id: &str, text: &str, date: &str, cluster: &str| {
        json!({"id": id, "text": text, "date": date, "cluster": cluster}).to_string()
    };
    [
        line("dam-1", DAM1, "2026-03-08", "dam"),
        line("port-1", PORT1, "2026-03-08", "port"),
        "{\"id\": \"broken\", \"text\": ".to_string(),
        line("dam-2", DAM2, "2026-03-09", "dam"),
        // A syndicated copy of dam-1 with a new dateline.
        line(
            "dam-1-wire",
            &format!("VELL (Newswire) - {DAM1}"),
            "2026-03-09",
            "dam",
        ),
        line("port-2", PORT2, "2026-03-09", "port"),
        line("dam-3", DAM3, "2026-13-10", "dam"),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn cluster_assigns_stories_marks_copies_and_reports_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stream.jsonl");
    std::fs::write(&path, stream()).unwrap();
    let o = newsbrief(&["cluster", path.to_str().unwrap()]);
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    // The broken line is skipped and named; the rest is used: exit code 1.
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("stream.jsonl:3"), "{err}");
    // The impossible date is named with its line and where the article was placed.
    assert!(
        err.contains("stream.jsonl:7") && err.contains("2026-13-10"),
        "{err}"
    );
    let rows: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["dam-1", "port-1", "dam-2", "dam-1-wire", "port-2", "dam-3"]
    );
    let stories: Vec<u64> = rows.iter().map(|r| r["story"].as_u64().unwrap()).collect();
    assert_eq!(stories, [1, 2, 1, 1, 2, 1]);
    assert_eq!(rows[3]["copy_of"], "dam-1");
    assert!(rows.iter().filter(|r| r.get("copy_of").is_some()).count() == 1);
    // Deterministic: the same stream gives the same bytes.
    let again = newsbrief(&["cluster", path.to_str().unwrap(), "-q"]);
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        rows.iter().map(|r| format!("{r}\n")).collect::<String>()
    );
}

#[test]
fn eval_clusters_scores_against_the_gold_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stream.jsonl");
    std::fs::write(&path, stream()).unwrap();
    let o = newsbrief(&["eval-clusters", path.to_str().unwrap(), "--json", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["items"], 6);
    assert_eq!(s["gold_clusters"], 2);
    assert_eq!(s["bcubed"]["f1"], 1.0);
    assert_eq!(s["pairwise"]["f1"], 1.0);

    // Everything forced into one story (threshold 0) loses precision, keeps recall.
    let o = newsbrief(&[
        "eval-clusters",
        path.to_str().unwrap(),
        "--json",
        "-q",
        "--param",
        "threshold=0",
    ]);
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["predicted_clusters"], 1);
    assert_eq!(s["bcubed"]["recall"], 1.0);
    assert!(s["bcubed"]["precision"].as_f64().unwrap() < 0.6);
}

#[test]
fn bad_parameters_and_missing_files_fail_clearly() {
    let o = newsbrief(&["cluster", "no-such-file.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr)
        .unwrap()
        .contains("no-such-file.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    std::fs::write(&path, stream()).unwrap();
    let o = newsbrief(&["cluster", path.to_str().unwrap(), "--param", "threshold=2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr)
        .unwrap()
        .contains("threshold must be between 0 and 1"));
}

#[test]
fn repeated_ids_in_cluster_and_batch_are_reported_once_and_the_first_kept() {
    let dir = tempfile::tempdir().unwrap();
    let stream = dir.path().join("s.jsonl");
    let lines = [
        ("a", DAM1),
        ("b", PORT1),
        ("a", DAM1),
        ("a", DAM3),
        ("c", DAM2),
    ];
    let input: String = lines
        .iter()
        .map(|(id, t)| json!({"id": id, "text": t, "date": "2026-03-08"}).to_string() + "\n")
        .collect();
    std::fs::write(&stream, input).unwrap();
    let o = newsbrief(&["cluster", stream.to_str().unwrap()]);
    let (out, err) = text(&o);
    let ids = ids_of(&out);
    assert_eq!(ids, ["a", "b", "c"], "{out}");
    assert_eq!(err.matches("id \"a\"").count(), 2, "{err}");
    assert!(
        err.contains(&format!(
            "{p}:3: id \"a\" repeats the same text as at {p}:1",
            p = stream.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{p}:4: id \"a\" was already used at {p}:1 with another text",
            p = stream.display()
        )),
        "{err}"
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "another text under a used id is skipped"
    );

    let clusters = dir.path().join("c.jsonl");
    let cl = |id: &str, docs: &[&str]| json!({"id": id, "documents": docs}).to_string() + "\n";
    let input = cl("k1", &[DAM1, DAM2])
        + &cl("k1", &[DAM1, DAM2])
        + &cl("k2", &[PORT1, PORT2])
        + &cl("k1", &[PORT1, DAM1]);
    std::fs::write(&clusters, input).unwrap();
    let o = newsbrief(&["batch", clusters.to_str().unwrap()]);
    let (out, err) = text(&o);
    let ids = ids_of(&out);
    assert_eq!(ids, ["k1", "k2"], "{out}");
    let k1 = serde_json::from_str::<Value>(out.lines().next().unwrap()).unwrap();
    assert!(
        k1["summary"].as_str().unwrap().contains("Vell"),
        "the first k1 is kept"
    );
    assert_eq!(err.matches("id \"k1\"").count(), 2, "{err}");
    assert!(
        err.contains(&format!(
            "{p}:2: id \"k1\" repeats the same text as at {p}:1",
            p = clusters.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{p}:4: id \"k1\" was already used at {p}:1 with another text",
            p = clusters.display()
        )),
        "{err}"
    );
}

/// The `id` of every JSON line printed.
fn ids_of(out: &str) -> Vec<String> {
    out.lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn a_far_future_date_does_not_end_the_stories_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str, text: &str, date: &str| {
        json!({"id": id, "text": text, "date": date}).to_string()
    };
    let lines = [
        line("dam-1", DAM1, "2026-03-08"),
        line("port-1", PORT1, "2026-03-08"),
        // A wrong year: placed at the previous article's date, not in 2099.
        line("dam-2", DAM2, "2099-03-09"),
        line("port-2", PORT2, "2026-03-09"),
        line("dam-3", DAM3, "2026-03-09"),
    ];
    let path = dir.path().join("s.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let o = newsbrief(&["cluster", path.to_str().unwrap()]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("s.jsonl:3") && err.contains("\"2099-03-09\" is in the future"),
        "{err}"
    );
    let story: Vec<u64> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["story"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(story[0], story[2]);
    assert_eq!(
        story[2], story[4],
        "the dam story goes on after the wrong year"
    );
    assert_eq!(story[1], story[3]);
    assert_ne!(story[0], story[1]);
}
