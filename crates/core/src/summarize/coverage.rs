//! Concept coverage (after Gillick & Favre 2009, "A scalable global model for summarization"),
//! solved greedily with the budgeted-submodular rule of Lin & Bilmes (2011).
//!
//! Concepts are stemmed word bigrams (not both stop words) and content unigrams. A concept's
//! weight is the number of articles that mention it: what many outlets repeat is what the story
//! is about, and boilerplate of one page is not. The summary maximises the total weight of the
//! concepts it covers, each counted once, so the same fact told by three articles is taken once
//! (redundancy control); near-duplicate sentences are also skipped outright. Each step takes the
//! sentence with the best `gain * lead_bonus / words^length_exponent`, where `lead_bonus` favours
//! sentences early in their article (news puts the main facts first).

use std::collections::HashMap;

use super::{is_extractable, leans_on_context, Budget, Selection, Summarizer};
use crate::cite::similarity;
use crate::model::SentenceRef;
use crate::story::Story;

/// The coverage summarizer and its parameters.
#[derive(Debug, Clone, Copy)]
pub struct Coverage {
    /// Weight of a unigram concept relative to a bigram one.
    pub unigram_weight: f64,
    /// Exponent `r` in `gain / words^r` (0 ignores length, 1 is gain per word).
    pub length_exponent: f64,
    /// Bonus for early sentences: `1 + lead / (1 + position)`.
    pub lead: f64,
    /// Sentences at least this similar to a chosen one are skipped.
    pub redundancy: f64,
    /// Factor for sentences that lean on missing context (opening pronoun, "she said").
    pub context_penalty: f64,
}

impl Coverage {
    pub const DEFAULT: Coverage = Coverage {
        unigram_weight: 0.5,
        length_exponent: 0.6,
        lead: 1.0,
        redundancy: 0.5,
        context_penalty: 0.5,
    };
}

impl Default for Coverage {
    fn default() -> Self {
        Self::DEFAULT
    }
}

const UNIGRAM: u64 = 0xFFFF_FFFF;

fn concepts_of(story: &Story, at: SentenceRef, out: &mut Vec<u64>) {
    out.clear();
    let toks = &story.sentence(at).tokens;
    for (i, t) in toks.iter().enumerate() {
        if !t.stop {
            out.push(((t.term as u64) << 32) | UNIGRAM);
        }
        if let Some(n) = toks.get(i + 1) {
            if !(t.stop && n.stop) {
                out.push(((t.term as u64) << 32) | n.term as u64);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
}

impl Summarizer for Coverage {
    fn name(&self) -> &'static str {
        "coverage"
    }
    fn describe(&self) -> &'static str {
        "concept coverage: bigrams and content words weighted by how many articles carry them"
    }
    fn select(&self, story: &Story, budget: usize) -> Vec<Selection> {
        let refs: Vec<SentenceRef> = story.sentence_refs().collect();
        let mut concepts: Vec<Vec<u64>> = Vec::with_capacity(refs.len());
        let mut df: HashMap<u64, u32> = HashMap::new();
        let mut buf = Vec::new();
        let mut doc_seen: Vec<u64> = Vec::new();
        let mut current_doc = usize::MAX;
        for &at in &refs {
            if at.doc != current_doc {
                for c in doc_seen.drain(..) {
                    *df.entry(c).or_insert(0) += 1;
                }
                current_doc = at.doc;
            }
            concepts_of(story, at, &mut buf);
            doc_seen.extend_from_slice(&buf);
            if at.sent + 1 == story.documents[at.doc].sentences.len() {
                doc_seen.sort_unstable();
                doc_seen.dedup();
            }
            concepts.push(buf.clone());
        }
        doc_seen.sort_unstable();
        doc_seen.dedup();
        for c in doc_seen.drain(..) {
            *df.entry(c).or_insert(0) += 1;
        }
        // With several articles, a concept must be in at least two to count; with one, any will.
        let min_df = if story.documents.len() >= 2 { 2 } else { 1 };
        let weight = |c: u64, df: u32| -> f64 {
            if df < min_df {
                return 0.0;
            }
            let w = df as f64;
            if c & UNIGRAM == UNIGRAM {
                w * self.unigram_weight
            } else {
                w
            }
        };
        let weights: Vec<Vec<(u64, f64)>> = concepts
            .iter()
            .map(|cs| {
                cs.iter()
                    .map(|&c| (c, weight(c, df[&c])))
                    .filter(|&(_, w)| w > 0.0)
                    .collect()
            })
            .collect();
        let terms = story.content_terms();
        let candidates: Vec<usize> = (0..refs.len())
            .filter(|&i| {
                let s = story.sentence(refs[i]);
                is_extractable(story.sentence_text(refs[i]), s.words)
            })
            .collect();

        let dangling: Vec<bool> = refs
            .iter()
            .map(|&at| leans_on_context(story.sentence_text(at)))
            .collect();
        let mut covered: HashMap<u64, ()> = HashMap::new();
        let mut chosen: Vec<Selection> = Vec::new();
        let mut taken = vec![false; refs.len()];
        let mut budget = Budget::new(budget);
        loop {
            let mut best: Option<(f64, f64, usize)> = None;
            for &i in &candidates {
                if taken[i] {
                    continue;
                }
                let at = refs[i];
                let s = story.sentence(at);
                if !budget.fits(s.words) {
                    continue;
                }
                let gain: f64 = weights[i]
                    .iter()
                    .filter(|(c, _)| !covered.contains_key(c))
                    .map(|&(_, w)| w)
                    .sum();
                if gain <= 0.0 {
                    continue;
                }
                let bonus = 1.0 + self.lead / (1.0 + s.position as f64);
                let context = if dangling[i] {
                    self.context_penalty
                } else {
                    1.0
                };
                let value = gain * bonus * context;
                let ratio = value / (s.words as f64).powf(self.length_exponent);
                // Strictly greater: ties keep the earlier sentence (document, then position).
                if best.is_none_or(|(r, _, _)| ratio > r) {
                    best = Some((ratio, value, i));
                }
            }
            let Some((_, value, i)) = best else { break };
            taken[i] = true;
            let at = refs[i];
            let t = &terms[at.doc][at.sent];
            if chosen
                .iter()
                .any(|c| similarity(t, &terms[c.at.doc][c.at.sent]) >= self.redundancy)
            {
                continue;
            }
            for &(c, _) in &weights[i] {
                covered.insert(c, ());
            }
            budget.take(story.sentence(at).words);
            chosen.push(Selection { at, score: value });
            if budget.is_full() {
                break;
            }
        }
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use crate::story::analyze;

    fn story(texts: &[&str]) -> Story {
        analyze(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Article {
                    id: format!("a{i}"),
                    text: t.to_string(),
                    ..Default::default()
                })
                .collect(),
        )
    }

    #[test]
    fn a_fact_told_by_three_articles_is_selected_once() {
        let s = story(&[
            "The river dam collapsed early on Sunday near the town of Vell. Cows grazed in a distant field.",
            "Early on Sunday the river dam collapsed near Vell, flooding the valley. A bakery reopened.",
            "The river dam near Vell collapsed early on Sunday. Rescue teams reached the flooded valley by noon.",
        ]);
        let picked = Coverage::DEFAULT.select(&s, 60);
        let dam = picked
            .iter()
            .filter(|p| s.sentence_text(p.at).contains("dam"))
            .count();
        assert_eq!(
            dam,
            1,
            "{:?}",
            picked
                .iter()
                .map(|p| s.sentence_text(p.at))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn shared_content_beats_content_of_one_article() {
        let s = story(&[
            "Flood waters cut the main highway to the capital on Monday. A local poet read verses about autumn leaves.",
            "Flood waters cut the main highway to the capital, officials said on Monday. Stray dogs barked.",
        ]);
        let picked = Coverage::DEFAULT.select(&s, 12);
        assert_eq!(picked.len(), 1);
        assert!(s.sentence_text(picked[0].at).contains("highway"));
    }

    #[test]
    fn respects_the_budget_and_is_deterministic() {
        let s = story(&[
            "Talks between the two unions resumed in Geneva on Tuesday after a week of strikes. Both sides met for six hours. No deal was reached by the evening.",
            "Union leaders resumed talks in Geneva on Tuesday. The strikes had shut ports for a week. Negotiators met for six hours without a deal.",
        ]);
        for budget in [5, 10, 20, 40] {
            let a = Coverage::DEFAULT.select(&s, budget);
            let b = Coverage::DEFAULT.select(&s, budget);
            assert_eq!(a, b);
            let words: usize = a.iter().map(|p| s.sentence(p.at).words).sum();
            assert!(words <= budget || a.len() == 1, "budget {budget}: {words}");
        }
    }
}
