//! `eval-facts` on small gold files written for these tests (in the shared sets' formats):
//! each figure is worked out by hand from the fixture, not by running the code.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use serde_json::{json, Value};

fn scores(file: &std::path::Path) -> Value {
    let out = newsbrief(&["eval-facts", "--json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    v[0]["scores"].clone()
}

fn write(dir: &tempfile::TempDir, name: &str, lines: &[Value]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, text).unwrap();
    path
}

fn span(text: &str, part: &str) -> (usize, usize) {
    let s = text.find(part).unwrap();
    (s, s + part.len())
}

#[test]
fn quotes_are_matched_to_gold_spans_and_speakers() {
    let text = "Mayor Ann Tobin said the levee would hold. “We have never seen water like this,” \
                Tobin told reporters on Monday.\n\n“The pumps are running day and night,” said \
                Carl Dunmore, the city engineer.";
    let q1 = span(text, "We have never seen water like this,");
    let q2 = span(text, "The pumps are running day and night,");
    let line = json!({
        "id": "t1", "title": "", "text": text, "published": "2026-03-09", "source": "test",
        "quotes": [
            {"start": q1.0, "end": q1.1, "text": &text[q1.0..q1.1], "speaker": "Tobin",
             "speaker_kind": "name", "speaker_name": "Ann Tobin"},
            {"start": q2.0, "end": q2.1, "text": &text[q2.0..q2.1], "speaker": "Carl Dunmore",
             "speaker_kind": "name", "speaker_name": "Carl Dunmore"}
        ],
        "contents": [[q1.0, q1.1], [q2.0, q2.1]]
    });
    let dir = tempfile::tempdir().unwrap();
    let s = scores(&write(&dir, "quotes.jsonl", &[line]));
    assert_eq!(s["gold_quotes"], 2);
    assert_eq!(s["quote_recall"], 1.0);
    assert_eq!(s["quote_precision"], 1.0);
    assert_eq!(s["speaker_accuracy_all"], 1.0);
    assert_eq!(s["fragment_speakers"], 0);
}

#[test]
fn time_values_are_compared_with_the_gold_value() {
    // Published on Monday 9 March 2026: "Friday" is 6 March, "March 2025" a month.
    let text = "The dam failed on Friday, engineers said. Repairs began in March 2025.";
    let fri = span(text, "Friday");
    let march = span(text, "March 2025");
    let line = json!({
        "id": "t1", "title": null, "published": "2026-03-09", "dct": "2026-03-09", "text": text,
        "timexes": [
            {"start": fri.0, "end": fri.1, "text": "Friday", "type": "DATE", "value": "2026-03-06", "tid": "t1"},
            {"start": march.0, "end": march.1, "text": "March 2025", "type": "DATE", "value": "2025-03", "tid": "t2"},
            {"start": 0, "end": 3, "text": "The", "type": "DURATION", "value": "P3D", "tid": "t3"}
        ]
    });
    let dir = tempfile::tempdir().unwrap();
    let s = scores(&write(&dir, "times.jsonl", &[line]));
    // The DURATION is not a calendar date: two gold dates, both found with their values.
    assert_eq!(s["gold_calendar_dates"], 2);
    assert_eq!(s["coverage"], 1.0);
    assert_eq!(s["value_accuracy"], 1.0);
}

#[test]
fn an_injected_figure_is_found_among_the_disagreements() {
    let a = "Floods in the valley town of Vell killed 70 people on Sunday, officials said. \
             Rescue crews searched the flooded streets through the night.";
    let b = "Floods in the valley town of Vell killed 95 people on Sunday, officials said. \
             Rescue crews searched the flooded streets through the night and into Monday.";
    let line = json!({
        "id": "x#1", "documents": [a, b],
        "gold": {"doc": 2, "original": "70", "changed": "95", "other": 1, "word": "people"}
    });
    let dir = tempfile::tempdir().unwrap();
    let s = scores(&write(&dir, "conflicts.jsonl", &[line]));
    assert_eq!(s["clusters"], 1);
    assert_eq!(s["recall"], 1.0);
}

#[test]
fn a_file_of_another_kind_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "other.jsonl",
        &[json!({"id": "x", "text": "no gold here"})],
    );
    let out = newsbrief(&["eval-facts", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("other.jsonl: not a quotes, time or conflicts gold file"));
}
