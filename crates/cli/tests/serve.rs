//! `newsbrief serve` as a user runs it: a store made by `newsbrief ingest`, the server on a
//! free port, a brief byte-identical to `newsbrief story ID --format json`, the token file,
//! a live event for articles another process ingests, and a clean stop on SIGTERM.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn examples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .display()
        .to_string()
}

fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    (
        head.split(' ').nth(1).unwrap().parse().unwrap(),
        body.to_string(),
    )
}

/// Start `newsbrief serve` in `dir` on a free port; its address from the line it prints.
fn serve(dir: &Path) -> (Child, String, BufReader<std::process::ChildStderr>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsbrief"))
        .args(["serve", "--db", "news.db", "--addr", "127.0.0.1:0"])
        .current_dir(dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    (child, addr, err)
}

#[test]
fn serve_answers_what_story_prints_and_sees_other_ingests() {
    // The same store twice, each in its own folder under the same name (a brief's `file`
    // fields name the store): one for `story`, one for `serve`.
    let cli = tempfile::tempdir().unwrap();
    let srv = tempfile::tempdir().unwrap();
    for d in [cli.path(), srv.path()] {
        let o = run_in(d, &["ingest", &examples(), "--db", "news.db", "--quiet"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let (mut child, addr, mut err) = serve(srv.path());

    // A fresh token, private to its owner.
    let token = srv.path().join("news.db.token");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&token).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    for id in ["1", "2"] {
        let story = run_in(
            cli.path(),
            &["story", id, "--db", "news.db", "--format", "json"],
        );
        let (status, body) = get(&addr, &format!("/api/stories/{id}"));
        assert_eq!(status, 200);
        assert_eq!(body, stdout(&story), "story {id}");
    }

    // Articles that another process ingests reach the event stream.
    let mut events = TcpStream::connect(&addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(events, "GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    while line != "\r\n" {
        line.clear();
        events.read_line(&mut line).unwrap();
    }
    let feed = srv.path().join("new.jsonl");
    std::fs::write(
        &feed,
        "{\"id\": \"lighthouse\", \"title\": \"Keeper rescues kayakers\", \"published\": \"2026-12-01\", \"text\": \"A lighthouse keeper at Brannock Point rescued three stranded kayakers on Tuesday after their boats overturned in a squall.\"}\n",
    )
    .unwrap();
    let o = run_in(srv.path(), &["ingest", "new.jsonl", "--db", "news.db"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut got = String::new();
    loop {
        line.clear();
        assert!(events.read_line(&mut line).unwrap() > 0, "stream ended");
        got.push_str(&line);
        if got.contains("event: new") && got.contains("Keeper rescues kayakers") {
            break;
        }
    }

    // The server's own writer goes on after the other process's ingest.
    let body = "{\"id\": \"after\", \"published\": \"2026-12-02\", \"text\": \"The Brannock Point lighthouse keeper was honoured on Wednesday for rescuing three kayakers.\"}";
    let mut s = TcpStream::connect(&addr).unwrap();
    let tok = std::fs::read_to_string(&token).unwrap();
    write!(
        s,
        "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {}\r\nContent-Length: {}\r\n\r\n{body}",
        tok.trim(),
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 200"), "{raw}");
    assert!(raw.contains("\"stored\":1"), "{raw}");

    // SIGTERM: a clean stop.
    #[cfg(unix)]
    {
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert!(status.success(), "{status}");
        let mut rest = String::new();
        err.read_to_string(&mut rest).unwrap();
        assert!(rest.contains("stopped"), "{rest}");
    }
    #[cfg(not(unix))]
    {
        child.kill().unwrap();
    }
    let o = run_in(srv.path(), &["stories", "--db", "news.db"]);
    assert!(stdout(&o).contains("Keeper rescues kayakers"));
}
