//! Helpers shared by the end-to-end tests: run the built binary, read what it printed.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

/// Run `newsbrief` in the test's working directory.
pub fn newsbrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsbrief"))
        .args(args)
        .output()
        .unwrap()
}

/// Run `newsbrief` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsbrief"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// (stdout, stderr).
pub fn text(o: &Output) -> (String, String) {
    (stdout(o), stderr(o))
}
