//! The lead baseline: the first sentences of each article in turn (article 1's first, article 2's
//! first, ..., then every article's second), skipping near-repeats of what is already chosen.

use super::{can_extract, extract, Budget, Selection, Summarizer};
use crate::model::SentenceRef;
use crate::sets::similarity;
use crate::story::Story;

#[derive(Debug, Clone, Copy, Default)]
pub struct Lead;

impl Summarizer for Lead {
    fn name(&self) -> &'static str {
        "lead"
    }
    fn describe(&self) -> &'static str {
        "first sentences of each article in turn (baseline)"
    }
    fn select(&self, story: &Story, budget: usize) -> Vec<Selection> {
        let terms = story.content_terms();
        let mut budget = Budget::new(budget);
        let mut out: Vec<Selection> = Vec::new();
        let depth = story
            .documents
            .iter()
            .map(|d| d.sentences.len())
            .max()
            .unwrap_or(0);
        for pos in 0..depth {
            for (doc, d) in story.documents.iter().enumerate() {
                if pos >= d.sentences.len() {
                    continue;
                }
                let at = SentenceRef { doc, sent: pos };
                let words = extract(story, at).1;
                if !can_extract(story, at) || !budget.fits(words) {
                    continue;
                }
                let t = &terms[doc][pos];
                if out
                    .iter()
                    .any(|o| similarity(t, &terms[o.at.doc][o.at.sent]) >= 0.5)
                {
                    continue;
                }
                budget.take(words);
                out.push(Selection {
                    at,
                    score: 1.0 / (1.0 + pos as f64),
                });
                if budget.is_full() {
                    return out;
                }
            }
        }
        out
    }
}
