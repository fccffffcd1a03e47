//! End-to-end tests in a real browser: starts a server on an ephemeral port and runs
//! `e2e/e2e.mjs` (playwright-core driving Debian's headless chromium) against it. Screenshots
//! go to `target/screenshots/`.
//!
//! Needs `node`, `/usr/bin/chromium` (`apt-get install -y chromium`) and the e2e folder's
//! node modules (`npm ci --prefix crates/server/e2e`, run here when they are missing). A
//! missing browser fails the test with what to install: CI installs it (`.ci/run`).

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::path::Path;
use std::process::Command;

#[test]
fn the_pages_work_in_a_real_browser() {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "FAILING: no browser at {chromium}: install it with `apt-get update && apt-get install -y chromium` (or set CHROMIUM)"
    );
    if !e2e.join("node_modules/playwright-core").exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&e2e)
            .status()
            .expect("FAILING: cannot run npm (node 20 and npm are needed for the browser tests)");
        assert!(status.success(), "FAILING: npm ci in {}", e2e.display());
    }
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("screenshots");
    let s = TestServer::start();
    let out = Command::new("node")
        .arg(e2e.join("e2e.mjs"))
        .env("NEWSBRIEF_URL", format!("http://{}", s.addr))
        .env("NEWSBRIEF_TOKEN", TOKEN)
        .env("NEWSBRIEF_EXAMPLES", examples_dir())
        .env("NEWSBRIEF_SHOTS", &shots)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("FAILING: cannot run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
    println!("screenshots in {}", shots.display());
}
