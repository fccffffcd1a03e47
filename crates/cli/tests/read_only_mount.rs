//! A store on a read-only mount: `stories` and `story` read it (SQLite cannot make the `-shm`
//! file a store in WAL mode needs, so it is read as immutable) and nothing is written.
//!
//! Mounting needs root and a kernel that allows bind mounts (as CI's machine does); where
//! `mount` is refused the test says so and checks nothing.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::process::Command;

struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// `dir` mounted read-only at `at`, or None where this machine refuses.
fn read_only_mount(dir: &std::path::Path, at: &std::path::Path) -> Option<Mount> {
    let ok = |args: &[&std::ffi::OsStr]| {
        Command::new("mount")
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !ok(&["--bind".as_ref(), dir.as_os_str(), at.as_os_str()]) {
        return None;
    }
    let mount = Mount(at.to_path_buf());
    ok(&["-o".as_ref(), "remount,bind,ro".as_ref(), at.as_os_str()]).then_some(mount)
}

#[test]
fn stories_and_story_read_a_store_on_a_read_only_mount() {
    let dir = tempfile::tempdir().unwrap();
    let (data, at) = (dir.path().join("data"), dir.path().join("ro"));
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&at).unwrap();
    let articles = data.join("feed.jsonl");
    std::fs::write(
        &articles,
        concat!(
            r#"{"id": "a", "date": "2026-03-08", "text": "The Vell dam collapsed on Sunday, flooding the valley town below it, and engineers said they had warned of cracks in the spillway."}"#,
            "\n",
            r#"{"id": "b", "date": "2026-03-09", "text": "Flood waters from the collapsed Vell dam covered the valley town on Sunday after engineers warned of cracks in the spillway."}"#,
            "\n"
        ),
    )
    .unwrap();
    let db = data.join("news.db");
    let o = newsbrief(&[
        "ingest",
        articles.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    std::fs::remove_file(&articles).unwrap();
    let Some(_mount) = read_only_mount(&data, &at) else {
        eprintln!("mount refused on this machine: nothing checked");
        return;
    };
    let before = std::fs::read(at.join("news.db")).unwrap();
    let mounted = at.join("news.db");
    let o = newsbrief(&["stories", "--db", mounted.to_str().unwrap()]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(out.contains("2 ") && out.contains("Vell dam"), "{out}");
    let o = newsbrief(&["story", "1", "--db", mounted.to_str().unwrap()]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(out.contains("Vell dam") && out.contains("[1]"), "{out}");
    // Nothing written: the same bytes, no -wal or -shm beside it.
    assert_eq!(std::fs::read(&mounted).unwrap(), before);
    let mut names: Vec<String> = std::fs::read_dir(&at)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["news.db", "news.db-lock"]);
}
