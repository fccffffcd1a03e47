//! Messages to stderr, and the worst outcome seen.

use std::sync::Mutex;

use newsbrief_core::{Diagnostic, Severity};

use crate::Outcome;

/// Collects what went wrong; prints each message as it comes.
#[derive(Debug)]
pub struct Reporter {
    worst: Mutex<Outcome>,
    quiet: bool,
}

impl Reporter {
    pub fn new(quiet: bool) -> Self {
        Reporter {
            worst: Mutex::new(Outcome::Ok),
            quiet,
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
        eprintln!("newsbrief: skipped: {place}: {msg}");
    }

    /// Input that was skipped, already counted elsewhere: exit code 1, no message.
    pub fn skipped_silently(&self) {
        self.raise(Outcome::Partial);
    }

    /// Input that was used but altered (lossy decoding): exit code 1.
    pub fn altered(&self, place: &str, msg: &str) {
        self.raise(Outcome::Partial);
        eprintln!("newsbrief: warning: {place}: {msg}");
    }

    /// Worth knowing, nothing lost: exit code unchanged.
    pub fn warn(&self, place: &str, msg: &str) {
        if !self.quiet {
            eprintln!("newsbrief: warning: {place}: {msg}");
        }
    }

    pub fn note(&self, place: &str, msg: &str) {
        if !self.quiet {
            eprintln!("newsbrief: note: {place}: {msg}");
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

    pub fn outcome(&self) -> Outcome {
        self.worst.lock().map(|w| *w).unwrap_or(Outcome::Failed)
    }
}
