//! End-to-end tests of the store commands: `ingest`, `stories`, `story`. Idempotent re-ingest,
//! the same stories as `cluster`, a process killed midway (kill -9), bad input and a damaged or
//! locked store.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const DAM: &[&str] = &[
    "The Vell dam collapsed on Sunday, flooding the valley town below it. Engineers at the Vell reservoir had warned of cracks in the spillway for months, and residents said the warnings were ignored by the regional water authority.",
    "Flood waters from the collapsed Vell dam covered the valley on Sunday. Residents said engineers had warned about cracks in the spillway and blamed the water authority for the delays in repairs.",
    "Rescue teams searched the flooded valley below the Vell dam on Monday as the reservoir kept draining through the broken spillway, and the water authority promised an inquiry.",
];
const PORT: &[&str] = &[
    "Dockworkers at the port of Saltmere walked off the job at midnight, demanding higher pay and limits on automation at the container terminals run by the port authority.",
    "The Saltmere port strike entered its second day as dockworkers picketed the container terminals over pay and automation, and ships waited at anchor outside the harbour.",
];

fn line(id: &str, text: &str, date: Option<&str>, source: &str) -> String {
    let mut v = json!({"id": id, "title": null, "text": text, "source": source});
    if let Some(d) = date {
        v["date"] = Value::String(d.into());
    }
    v.to_string()
}

/// Two events, a syndicated copy, a broken line and an undated article.
fn stream() -> String {
    [
        line("dam-1", DAM[0], Some("2026-03-08"), "Herald"),
        line("port-1", PORT[0], Some("2026-03-08"), "Gazette"),
        "{\"id\": \"broken\", \"text\": ".to_string(),
        line("dam-2", DAM[1], Some("2026-03-09"), "Times"),
        line(
            "dam-1-wire",
            &format!("VELL (Newswire) - {}", DAM[0]),
            Some("2026-03-09"),
            "Newswire",
        ),
        line("port-2", PORT[1], Some("2026-03-09"), "Herald"),
        line("dam-3", DAM[2], None, "Post"),
    ]
    .join("\n")
        + "\n"
}

fn stories_json(db: &Path) -> Vec<Value> {
    let o = newsbrief(&["stories", "--db", db.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    serde_json::from_slice::<Value>(&o.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The (text, number) rows of a query on the store.
fn rows(db: &Path, sql: &str) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows
}

/// `(article id, story)` of every stored article, in ingest order.
fn assignments(db: &Path) -> Vec<(String, i64)> {
    rows(db, "SELECT id, story FROM articles ORDER BY seq")
}

#[test]
fn ingest_groups_stories_reports_bad_lines_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("feed.jsonl");
    std::fs::write(&data, stream()).unwrap();
    let db = dir.path().join("news.db");
    let (d, s) = (data.to_str().unwrap(), db.to_str().unwrap());

    let o = newsbrief(&["ingest", d, "--db", s]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "the broken line: {err}");
    assert!(err.contains("feed.jsonl:3"), "{err}");
    assert!(
        err.contains("feed.jsonl:7") && err.contains("no publication date; kept undated"),
        "{err}"
    );
    // One line per new story, in story order.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("new") && lines[0].contains("Vell dam"),
        "{out}"
    );
    assert!(lines[0].contains("4 articles"), "{out}");
    assert!(
        lines[1].contains("Saltmere") && lines[1].contains("2 articles"),
        "{out}"
    );

    let stories = stories_json(&db);
    assert_eq!(stories.len(), 2);
    let dam = stories.iter().find(|s| s["id"] == 1).unwrap();
    assert_eq!(dam["articles"], 4);
    // Its undated article (ingested today) does not stretch its dates.
    assert_eq!(
        (dam["first"].as_str(), dam["last"].as_str()),
        (Some("2026-03-08"), Some("2026-03-09"))
    );
    assert_eq!(dam["undated_articles"], true);
    assert_eq!(
        dam["sources"],
        json!(["Herald", "Newswire", "Post", "Times"])
    );
    let port = stories.iter().find(|s| s["id"] == 2).unwrap();
    assert_eq!(
        (port["first"].as_str(), port["last"].as_str()),
        (Some("2026-03-08"), Some("2026-03-09"))
    );
    let before = assignments(&db);

    // Again: nothing changes, nothing printed.
    let o = newsbrief(&["ingest", d, "--db", s]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "still the broken line: {err}");
    assert_eq!(out, "");
    assert!(err.contains("0 articles added"), "{err}");
    assert!(err.contains("6 already stored"), "{err}");
    assert_eq!(assignments(&db), before);

    // A new article on the port strike: only that story changes.
    let more = dir.path().join("more.jsonl");
    std::fs::write(
        &more,
        line(
            "port-3",
            "Ships queued outside Saltmere port on the third day of the dockworkers strike over pay and automation at the container terminals.",
            Some("2026-03-10"),
            "Times",
        ) + "\n",
    )
    .unwrap();
    let o = newsbrief(&[
        "ingest",
        more.to_str().unwrap(),
        "--db",
        s,
        "--format",
        "json",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let changed: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(changed.len(), 1, "{out}");
    assert_eq!(changed[0]["id"], 2);
    assert_eq!(changed[0]["status"], "changed");
    assert_eq!(changed[0]["added"], 1);
    assert_eq!(changed[0]["articles"], 3);

    // Feeds without ids: line numbers repeat from file to file, articles do not.
    std::fs::create_dir_all(dir.path().join("mon")).unwrap();
    std::fs::create_dir_all(dir.path().join("tue")).unwrap();
    let day1 = dir.path().join("mon/feed.jsonl");
    let day2 = dir.path().join("tue/feed.jsonl");
    let no_id = |text: &str| json!({"text": text, "date": "2026-03-11"}).to_string() + "\n";
    std::fs::write(&day1, no_id("The Vell water authority said on Wednesday it would pay for repairs to homes flooded when the dam collapsed and the spillway failed.")).unwrap();
    std::fs::write(&day2, no_id("Engineers began draining what was left of the Vell reservoir on Wednesday while the valley town counted the cost of the dam collapse and the flooding.")).unwrap();
    let o = newsbrief(&["ingest", day1.to_str().unwrap(), "--db", s]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let o = newsbrief(&["ingest", day2.to_str().unwrap(), "--db", s]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(out.starts_with("changed story 1"), "{out}{err}");

    // --since keeps stories with an article on or after the date.
    let o = newsbrief(&["stories", "--db", s, "--since", "2026-03-10"]);
    let (out, _) = text(&o);
    assert!(out.contains("Saltmere") && out.contains("Vell"), "{out}");
    assert!(out.contains("(some undated)"), "{out}");
    let o = newsbrief(&["stories", "--db", s, "--since", "2999-01-01"]);
    assert_eq!(text(&o).0.lines().count(), 1, "the header only");
    let o = newsbrief(&["stories", "--db", s, "--since", "March"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn stored_stories_match_cluster_and_copies_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("feed.jsonl");
    // Dated lines only: `cluster` places undated articles differently (at the previous date).
    let dated: String = stream()
        .lines()
        .filter(|l| l.contains("\"date\""))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&data, dated).unwrap();
    let db = dir.path().join("news.db");
    let o = newsbrief(&[
        "ingest",
        data.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--batch-size",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let o = newsbrief(&["cluster", data.to_str().unwrap()]);
    let clustered: Vec<(String, i64)> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["story"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(assignments(&db), clustered);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let copy: Option<i64> = conn
        .query_row(
            "SELECT copy_of FROM articles WHERE id = 'dam-1-wire'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let original: i64 = conn
        .query_row("SELECT seq FROM articles WHERE id = 'dam-1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(copy, Some(original));
}

#[test]
fn story_prints_a_cited_brief_and_recomputes_it_only_when_the_story_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("feed.jsonl");
    std::fs::write(&data, stream()).unwrap();
    let db = dir.path().join("news.db");
    let s = db.to_str().unwrap();
    newsbrief(&["ingest", data.to_str().unwrap(), "--db", s, "-q"]);
    let o = newsbrief(&["story", "1", "--db", s, "--format", "json"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let brief: Value = serde_json::from_str(&out).unwrap();
    let docs = brief["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 4, "{out}");
    let summary = brief["summary"].as_array().unwrap();
    assert!(!summary.is_empty());
    assert!(summary
        .iter()
        .all(|s| !s["spans"].as_array().unwrap().is_empty()));
    let cached = || rows(&db, "SELECT key, articles FROM briefs WHERE story = 1");
    assert_eq!(cached().len(), 1);
    assert_eq!(cached()[0].1, 4);
    // Served from the cache: the same bytes.
    let again = newsbrief(&["story", "1", "--db", s, "--format", "json"]);
    assert_eq!(again.stdout, o.stdout);
    // A new article in the story: the brief is recomputed and cites it.
    let more = dir.path().join("more.jsonl");
    std::fs::write(
        &more,
        line(
            "dam-4",
            "Divers inspected the broken spillway of the Vell dam on Tuesday while the water authority said the reservoir had drained and the valley flood was receding.",
            Some("2026-03-10"),
            "Courier",
        ) + "\n",
    )
    .unwrap();
    newsbrief(&["ingest", more.to_str().unwrap(), "--db", s, "-q"]);
    let o = newsbrief(&["story", "1", "--db", s, "--format", "json"]);
    let brief: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(brief["documents"].as_array().unwrap().len(), 5);
    assert_eq!(cached()[0].1, 5);
    // Markdown is cached under its own key.
    let o = newsbrief(&["story", "1", "--db", s]);
    let (out, _) = text(&o);
    assert!(out.contains("Vell") && out.contains("[1]"), "{out}");
    assert_eq!(cached().len(), 2);

    let o = newsbrief(&["story", "99", "--db", s]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("no story 99"));
}

#[test]
fn a_damaged_missing_or_locked_store_is_a_clear_error_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("feed.jsonl");
    std::fs::write(&data, stream()).unwrap();
    let d = data.to_str().unwrap();

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database at all\n".repeat(300)).unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let listing = |d: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let files_before = listing(dir.path());
    for file in [&junk, &empty, &other] {
        let before = std::fs::read(file).unwrap();
        let f = file.to_str().unwrap();
        for args in [
            vec!["ingest", d, "--db", f],
            vec!["stories", "--db", f],
            vec!["story", "1", "--db", f],
        ] {
            let o = newsbrief(&args);
            let (_, err) = text(&o);
            assert_eq!(o.status.code(), Some(2), "{err}");
            let name = file.file_name().unwrap().to_str().unwrap();
            assert!(
                err.contains(name) && err.contains("not a newsbrief store"),
                "{err}"
            );
        }
        assert_eq!(std::fs::read(file).unwrap(), before, "{f}");
    }
    assert_eq!(
        listing(dir.path()),
        files_before,
        "no -wal, -shm or other file"
    );

    let absent = dir.path().join("absent.db");
    let o = newsbrief(&["stories", "--db", absent.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("newsbrief ingest"));
    assert!(!absent.exists());

    let db = dir.path().join("news.db");
    let s = db.to_str().unwrap();
    newsbrief(&["ingest", d, "--db", s, "-q"]);
    let lock = rusqlite::Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let o = newsbrief(&["ingest", d, "--db", s]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("locked by another process"), "{err}");
    lock.execute_batch("ROLLBACK").unwrap();
    assert_eq!(stories_json(&db).len(), 2);
}

#[test]
fn a_story_of_undated_articles_shows_no_dates() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("feed.jsonl");
    let lines = [
        line("port-1", PORT[0], None, "Gazette"),
        line("port-2", PORT[1], None, "Herald"),
        line("dam-1", DAM[0], Some("1999-03-08"), "Herald"),
        line("dam-3", DAM[2], None, "Post"),
    ];
    std::fs::write(&data, lines.join("\n") + "\n").unwrap();
    let db = dir.path().join("news.db");
    let s = db.to_str().unwrap();
    let o = newsbrief(&["ingest", data.to_str().unwrap(), "--db", s]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("3 without a usable date, kept undated"),
        "{err}"
    );
    let port = out.lines().find(|l| l.contains("Saltmere")).unwrap();
    assert!(port.contains("undated .. undated"), "{out}");
    let stories = stories_json(&db);
    let port = stories.iter().find(|s| s["articles"] == 2).unwrap();
    assert_eq!(
        (&port["first"], &port["last"]),
        (&Value::Null, &Value::Null)
    );
    // A 1999 story with an undated article ingested today still ends in 1999.
    let dam = stories
        .iter()
        .find(|s| s["sources"] == json!(["Herald", "Post"]))
        .unwrap();
    assert_eq!(
        (dam["first"].as_str(), dam["last"].as_str()),
        (Some("1999-03-08"), Some("1999-03-08"))
    );
    let o = newsbrief(&["stories", "--db", s]);
    let (out, _) = text(&o);
    let port = out.lines().find(|l| l.contains("Saltmere")).unwrap();
    assert!(
        port.contains("undated     undated") && port.contains("(some undated)"),
        "{out}"
    );
    let dam = out.lines().find(|l| l.contains("Vell")).unwrap();
    assert!(dam.contains("1999-03-08  1999-03-08"), "{out}");
}

#[test]
fn a_date_far_after_the_day_of_ingest_is_reported_and_places_nothing_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("feed.jsonl");
    let lines = [
        line("dam-1", DAM[0], Some("2026-03-08"), "Herald"),
        // A wrong year: kept as given, but not a day to place the article at.
        line("dam-2", DAM[1], Some("2999-03-09"), "Times"),
        line("port-1", PORT[0], Some("2026-03-09"), "Gazette"),
        line("dam-3", DAM[2], Some("2026-03-09"), "Post"),
    ];
    std::fs::write(&data, lines.join("\n") + "\n").unwrap();
    let db = dir.path().join("news.db");
    let o = newsbrief(&[
        "ingest",
        data.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "a warning: {err}");
    assert!(
        err.contains("feed.jsonl:2: publication date 2999-03-09 is")
            && err.contains("days after the day of ingest"),
        "{err}"
    );
    assert!(!err.contains("feed.jsonl:1:"), "{err}");
    assert!(
        err.contains("1 dated more than 2 days after today"),
        "{err}"
    );
    // The wrong year neither ended the dam story nor stretched it.
    let stories = stories_json(&db);
    assert_eq!(stories.len(), 2, "{stories:?}");
    let dam = stories.iter().find(|s| s["articles"] == 3).expect("dam");
    assert_eq!(dam["last"], "2026-03-09");
    assert_eq!(dam["undated_articles"], true);
}

#[test]
fn stories_and_story_read_a_read_only_store_and_cache_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("feed.jsonl");
    std::fs::write(&data, stream()).unwrap();
    let db = dir.path().join("news.db");
    let s = db.to_str().unwrap();
    newsbrief(&["ingest", data.to_str().unwrap(), "--db", s, "-q"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&db).unwrap();
    for _ in 0..2 {
        for args in [
            vec!["stories", "--db", s],
            vec!["story", "1", "--db", s, "--format", "json"],
        ] {
            let o = newsbrief(&args);
            let (out, err) = text(&o);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
            assert!(
                !err.contains("readonly") && !err.contains("cached"),
                "{err}"
            );
            assert!(out.contains("Vell"), "{out}");
        }
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(rows(&db, "SELECT 'briefs', count(*) FROM briefs")[0].1, 0);
}

#[test]
fn a_second_ingest_is_refused_at_once_even_on_a_store_being_created() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("feed.jsonl");
    std::fs::write(&data, stream()).unwrap();
    let d = data.to_str().unwrap();
    for round in 0..5 {
        let db = dir.path().join(format!("new-{round}.db"));
        let s = db.to_str().unwrap();
        // The first ingest reads standard input (this stream has one broken line: exit 1), which stays open: it holds the store.
        let mut first = Command::new(env!("CARGO_BIN_EXE_newsbrief"))
            .args(["ingest", "-", "--db", s, "-q"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Round 0 races the creation; the others wait until the store exists.
        while round > 0 && !db.exists() {
            std::thread::sleep(Duration::from_millis(10));
        }
        let t = Instant::now();
        let o = newsbrief(&["ingest", d, "--db", s, "-q"]);
        let (_, err) = text(&o);
        if round > 0 || o.status.code() == Some(2) {
            assert_eq!(o.status.code(), Some(2), "{err}");
            assert!(err.contains("locked by another process"), "{err}");
            assert!(
                t.elapsed() < Duration::from_millis(1500),
                "{:?}",
                t.elapsed()
            );
        }
        let mut input = first.stdin.take().unwrap();
        // (A first one that lost the race has exited: the pipe is closed.)
        let _ = std::io::Write::write_all(&mut input, stream().as_bytes());
        drop(input);
        let done = first.wait_with_output().unwrap();
        let first_err = String::from_utf8_lossy(&done.stderr).to_string();
        assert!(!first_err.contains("SQL"), "{first_err}");
        if o.status.code() != Some(2) {
            // The second won the race: the first one then found the store taken.
            assert!(
                done.status.success() || first_err.contains("locked"),
                "{first_err}"
            );
        } else {
            assert_ne!(done.status.code(), Some(2), "{first_err}");
        }
        let again = newsbrief(&["ingest", d, "--db", s, "-q"]);
        assert_ne!(again.status.code(), Some(2), "{}", text(&again).1);
        assert_eq!(stories_json(&db).len(), 2);
    }
}

/// Many distinct articles on a few hundred topics, dated in order.
fn big_stream(n: usize) -> String {
    const WORDS: &[&str] = &[
        "river", "council", "budget", "harbour", "school", "railway", "hospital", "election",
        "storm", "factory", "bridge", "museum", "airport", "court", "police", "farmers",
        "festival", "mine", "forest", "market", "union", "ferry", "vaccine", "drought",
    ];
    let mut out = String::new();
    for i in 0..n {
        let topic = i % 300;
        let w = |k: usize| WORDS[(topic * 7 + k * 5) % WORDS.len()];
        let text = format!(
            "The {a} of Town{topic} met the {b} on day {i}. Residents of Town{topic} said the {a} and the {c} matter. Officials in Town{topic} promised a report on the {b} and the {d} by the end of the month, article {i}.",
            a = w(1),
            b = w(2),
            c = w(3),
            d = w(4),
        );
        let date = format!("2026-{:02}-{:02}", 1 + (i / 2000) % 12, 1 + (i / 100) % 28);
        out.push_str(&line(&format!("a{i}"), &text, Some(&date), "Wire"));
        out.push('\n');
    }
    out
}

#[test]
fn an_ingest_killed_midway_loses_nothing_and_counts_nothing_twice() {
    const N: usize = 20_000;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("big.jsonl");
    std::fs::write(&data, big_stream(N)).unwrap();
    let d = data.to_str().unwrap();

    // Reference: one uninterrupted ingest.
    let whole = dir.path().join("whole.db");
    let o = newsbrief(&[
        "ingest",
        d,
        "--db",
        whole.to_str().unwrap(),
        "-q",
        "--batch-size",
        "100",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let expected = assignments(&whole);
    assert_eq!(expected.len(), N);

    let db = dir.path().join("news.db");
    let s = db.to_str().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsbrief"))
        .args(["ingest", d, "--db", s, "-q", "--batch-size", "100"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill -9.
    let start = Instant::now();
    let stored_at_kill = loop {
        let n =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .and_then(|c| {
                    c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
                })
                .unwrap_or(0);
        if n >= 300 {
            break n;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "ingest made no progress"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not finished");
    let after_kill = assignments(&db).len();
    assert!(
        after_kill >= stored_at_kill as usize && after_kill < N,
        "killed midway: {after_kill} of {N} stored"
    );
    assert_eq!(after_kill % 100, 0, "whole batches only: {after_kill}");

    // Ingest again: the rest is added, nothing twice, the same stories as one clean run.
    let o = newsbrief(&["ingest", d, "--db", s, "--batch-size", "100"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("{after_kill} already stored")),
        "{err}"
    );
    assert_eq!(assignments(&db), expected);
}

#[test]
fn a_story_absorbed_by_another_is_reported_and_its_articles_move() {
    // A dam story, a lone inspection report that matches no story when it comes, and a dam
    // article that mentions the report: the dam story absorbs the report's story.
    let report = "Inspectors filed a report in March that found corroded gates on the spillway and urged urgent repair of the gates.";
    let bridge = "Flood waters from the collapsed Vell dam covered the valley town on Monday as engineers at the Vell reservoir searched for cracks. A report filed in March had found corroded gates on the spillway and urged repair.";
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.jsonl");
    let second = dir.path().join("second.jsonl");
    let whole = dir.path().join("whole.jsonl");
    let lines = [
        line("dam-1", "The Vell dam collapsed on Sunday, flooding the valley town. Engineers at the Vell reservoir had warned of cracks in the spillway for months.", Some("2026-03-08"), "Herald"),
        line("dam-2", "Flood waters from the collapsed Vell dam covered the valley on Sunday. Residents said engineers had warned about the spillway cracks.", Some("2026-03-09"), "Times"),
        line("report", report, Some("2026-03-10"), "Post"),
        line("bridge", bridge, Some("2026-03-12"), "Gazette"),
    ];
    std::fs::write(&first, format!("{}\n", lines[..3].join("\n"))).unwrap();
    std::fs::write(&second, format!("{}\n", lines[3])).unwrap();
    std::fs::write(&whole, format!("{}\n", lines.join("\n"))).unwrap();
    let db = dir.path().join("news.db");
    let ingest = |file: &Path| {
        let o = newsbrief(&[
            "ingest",
            file.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
        o
    };
    ingest(&first);
    assert_eq!(stories_json(&db).len(), 2);
    let o = ingest(&second);
    let (out, err) = text(&o);
    let changed: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(changed["id"], 1);
    assert_eq!(changed["status"], "changed");
    assert_eq!(changed["absorbed"], json!([2]));
    assert_eq!(changed["articles"], 4);
    assert!(err.contains("1 stories of one article absorbed"), "{err}");
    let stories = stories_json(&db);
    assert_eq!(stories.len(), 1, "story 2 is gone: {stories:?}");
    assert_eq!(
        assignments(&db),
        vec![
            ("dam-1".to_string(), 1),
            ("dam-2".to_string(), 1),
            ("report".to_string(), 1),
            ("bridge".to_string(), 1)
        ]
    );
    // `cluster` on the whole stream ends with the same stories.
    let o = newsbrief(&["cluster", whole.to_str().unwrap()]);
    let clustered: Vec<i64> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["story"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(clustered, vec![1, 1, 1, 1]);
}

#[test]
fn a_headline_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let title = "Dam fails\u{1b}[2J\u{1b}]0;pwned\u{7} in Vell \u{202e}txt.exe";
    let feed = dir.path().join("feed.jsonl");
    let article = json!({"id": "x", "title": title, "text": DAM[0], "date": "2026-03-08"});
    std::fs::write(&feed, format!("{article}\n")).unwrap();
    let o = newsbrief(&[
        "ingest",
        feed.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let listed = newsbrief(&["stories", "--db", db.to_str().unwrap()]);
    for out in [&o.stdout, &listed.stdout] {
        let out = String::from_utf8(out.clone()).unwrap();
        assert!(out.contains("Dam fails"), "{out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{out:?}"
        );
    }
}
