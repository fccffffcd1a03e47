//! Messages to stderr, and the worst outcome seen.

use std::sync::Mutex;

use newsbrief_core::{Diagnostic, Severity};

use crate::Outcome;

/// One message line on stderr, written whole: one system call (where `eprintln!` makes one
/// per piece of its format), and a failed write (a closed stderr) is no panic.
fn say(kind: &str, place: &str, msg: &str) {
    use std::io::Write;
    let line = format!("newsbrief: {kind}: {place}: {msg}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// Warnings about input that was used but altered (a date left out, bytes replaced) listed
/// one by one; past these a long stream's are counted, and [`Reporter::outcome`] says how many.
const MAX_ALTERED_LISTED: usize = 20;

/// Collects what went wrong; prints each message as it comes.
#[derive(Debug)]
pub struct Reporter {
    worst: Mutex<Outcome>,
    quiet: bool,
    altered: std::sync::atomic::AtomicUsize,
}

impl Reporter {
    pub fn new(quiet: bool) -> Self {
        Reporter {
            worst: Mutex::new(Outcome::Ok),
            quiet,
            altered: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn raise(&self, o: Outcome) {
        if let Ok(mut w) = self.worst.lock() {
            if o > *w {
                *w = o;
            }
        }
    }

    /// Input that was skipped or altered: exit code 1.
    pub fn skipped(&self, place: &str, msg: &str) {
        self.raise(Outcome::Partial);
        say("skipped", place, msg);
    }

    /// Input that was skipped, already counted elsewhere: exit code 1, no message.
    pub fn skipped_silently(&self) {
        self.raise(Outcome::Partial);
    }

    /// Input that was used but altered (lossy decoding, a date left out): exit code 1. The
    /// first [`MAX_ALTERED_LISTED`] are listed, the rest counted.
    pub fn altered(&self, place: &str, msg: &str) {
        self.raise(Outcome::Partial);
        let seen = self
            .altered
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if seen < MAX_ALTERED_LISTED {
            say("warning", place, msg);
        }
    }

    /// Worth knowing, nothing lost: exit code unchanged.
    pub fn warn(&self, place: &str, msg: &str) {
        if !self.quiet {
            say("warning", place, msg);
        }
    }

    pub fn note(&self, place: &str, msg: &str) {
        if !self.quiet {
            say("note", place, msg);
        }
    }

    /// Report a core diagnostic about an article.
    pub fn diagnostic(&self, d: &Diagnostic) {
        let place = d
            .origin
            .clone()
            .unwrap_or_else(|| format!("article {:?}", d.id));
        match d.severity {
            Severity::Skipped => self.skipped(&place, &d.message),
            Severity::Warning => self.warn(&place, &d.message),
            Severity::Note => self.note(&place, &d.message),
        }
    }

    /// The worst outcome seen, for the exit code; called once, when a command ends, it first
    /// says how many warnings about altered input were not listed.
    pub fn outcome(&self) -> Outcome {
        let altered = self.altered.load(std::sync::atomic::Ordering::Relaxed);
        if altered > MAX_ALTERED_LISTED {
            say(
                "warning",
                "input",
                &format!(
                    "{} more articles used with a change like those above (a date left out, \
                     bytes replaced), not listed",
                    altered - MAX_ALTERED_LISTED
                ),
            );
        }
        self.worst.lock().map(|w| *w).unwrap_or(Outcome::Failed)
    }
}
