//! Summarizers: choose sentences of a [`Story`] under a word budget.
//!
//! Every method implements [`Summarizer`] and is listed in [`registry`], so the CLI, the
//! evaluator and (later) the server share one list; [`by_name`] looks one up. A method returns
//! [`Selection`]s in the order it chose them, with its score: scores travel to the output. Ordering
//! for reading and citations are done afterwards by [`crate::brief`], the same for every method.
//!
//! Budget rule, shared by all methods ([`Budget`]): whole sentences only, the total never above the
//! budget, except that a single first sentence longer than the budget is allowed alone.

mod coverage;
mod lead;

pub use coverage::Coverage;
pub use lead::Lead;

use crate::model::SentenceRef;
use crate::story::Story;

/// A chosen sentence and the method's score for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Selection {
    pub at: SentenceRef,
    pub score: f64,
}

/// A multi-document extractive summarizer.
pub trait Summarizer: Send + Sync + std::fmt::Debug {
    /// The name used on the command line (`--method`).
    fn name(&self) -> &'static str;
    /// One line for `--help` and README.
    fn describe(&self) -> &'static str;
    /// Choose sentences within `budget` words. Must be deterministic.
    fn select(&self, story: &Story, budget: usize) -> Vec<Selection>;
}

/// The default method.
pub const DEFAULT_METHOD: &str = "coverage";

static COVERAGE: Coverage = Coverage::DEFAULT;
static LEAD: Lead = Lead;

/// Every available summarizer, default first.
pub fn registry() -> [&'static dyn Summarizer; 2] {
    [&COVERAGE, &LEAD]
}

/// Look a summarizer up by name.
pub fn by_name(name: &str) -> Option<&'static dyn Summarizer> {
    registry().into_iter().find(|s| s.name() == name)
}

/// Tracks the words used against a budget.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub limit: usize,
    pub used: usize,
    pub count: usize,
}

impl Budget {
    pub fn new(limit: usize) -> Self {
        Budget {
            limit,
            used: 0,
            count: 0,
        }
    }
    /// Would a sentence of `words` words fit?
    pub fn fits(&self, words: usize) -> bool {
        self.used + words <= self.limit || (self.count == 0 && self.limit > 0 && words > self.limit)
    }
    pub fn take(&mut self, words: usize) {
        self.used += words;
        self.count += 1;
    }
    /// No further sentence can be added (the budget is spent, or an over-long first sentence was
    /// taken alone).
    pub fn is_full(&self) -> bool {
        self.used >= self.limit
    }
}

/// Does the sentence read as a stand-alone statement worth extracting? Used by methods as a
/// filter; cheap checks only.
pub fn is_extractable(text: &str, words: usize) -> bool {
    if !(5..=80).contains(&words) {
        return false;
    }
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')']);
    if t.ends_with('?') || t.ends_with(':') {
        return false;
    }
    // A fragment of a quotation split across sentences does not stand alone.
    let straight = text.matches('"').count();
    if straight % 2 == 1
        || text.matches('“').count() != text.matches('”').count()
        || text.matches("``").count() != text.matches("''").count()
    {
        return false;
    }
    // A sentence must start like one: upper case, digit or an opening quote.
    matches!(text.chars().next(), Some(c) if c.is_uppercase() || c.is_ascii_digit() || "\"“'‘`(".contains(c))
}

/// Does the sentence lean on context it will not have in a summary: an opening pronoun ("She
/// said ...", "They ...") or a quote attributed only by a pronoun (`..., he said.`)?
pub fn leans_on_context(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "He", "She", "They", "It", "This", "These", "Those", "His", "Her", "Their", "Its",
    ];
    let first = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(' ')
        .next()
        .unwrap_or("");
    if OPENERS.contains(&first) {
        return true;
    }
    let lower = text.to_lowercase();
    [
        "he said",
        "she said",
        "they said",
        "he added",
        "she added",
        "he says",
        "she says",
        "he told",
        "she told",
    ]
    .iter()
    .any(|p| {
        lower.contains(&format!("\" {p}"))
            || lower.contains(&format!("” {p}"))
            || lower.contains(&format!("'' {p}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_allows_a_long_first_sentence_alone() {
        let mut b = Budget::new(10);
        assert!(b.fits(25));
        b.take(25);
        assert!(b.is_full());
        assert!(!b.fits(1));
        let mut b = Budget::new(10);
        b.take(6);
        assert!(b.fits(4));
        assert!(!b.fits(5));
    }

    #[test]
    fn registry_names_are_unique_and_found() {
        let names: Vec<&str> = registry().iter().map(|s| s.name()).collect();
        assert_eq!(names[0], DEFAULT_METHOD);
        for n in &names {
            assert_eq!(by_name(n).map(|s| s.name()), Some(*n));
        }
        assert!(by_name("nope").is_none());
    }

    #[test]
    fn context_leaning_sentences() {
        assert!(leans_on_context("She said the water rose fast."));
        assert!(leans_on_context("\"We heard thunder,\" she said."));
        assert!(leans_on_context("“We heard thunder,” he told reporters."));
        assert!(!leans_on_context("\"We heard thunder,\" said Anneke Vos."));
        assert!(!leans_on_context("Heavy rain fell for a week."));
    }

    #[test]
    fn extractable_filter() {
        assert!(is_extractable("The dam broke on Sunday morning.", 6));
        assert!(!is_extractable("Why did the dam break so early?", 7));
        assert!(!is_extractable("and then the water came in.", 6));
        assert!(!is_extractable("Too short.", 2));
        assert!(!is_extractable("\"We are not against machines at all.", 6));
        assert!(!is_extractable("“We are not against machines at all.", 6));
        assert!(is_extractable("“We are not against machines,” he said.", 7));
    }
}
