//! Coverage plus diversity, after Lin & Bilmes (2011), "A Class of Submodular Functions for
//! Document Summarization".
//!
//! `F(S) = L(S) + λ·R(S)`, maximised greedily under the budget by
//! `(F(S ∪ {k}) − F(S)) / words(k)^r`:
//!
//! * coverage `L(S) = Σ_i min(Σ_{j∈S} w_ij, α·Σ_{j∈V} w_ij)`: every sentence `i` of the story
//!   is "covered" by the summary through its similarities `w_ij`, saturating at a share `α` of
//!   what the whole story could give it, so no single topic can buy the whole budget;
//! * diversity `R(S) = Σ_k sqrt(Σ_{j∈S∩P_k} r_j)`: rewards taking sentences from different
//!   parts `P_k` of the story (here: the articles), `r_j` being `j`'s mean similarity.
//!
//! Similarities are cosines of TF-IDF vectors over stemmed content words (IDF over the story's
//! sentences). Cost is quadratic in the number of sentences (a dense similarity matrix, 8 bytes
//! per pair); it is an alternative to the default, not the default, and refuses stories of more
//! than [`MAX_SENTENCES`] sentences (288 MB of matrix) rather than exhaust memory: the default
//! method takes those.

use crate::params::{check_param, ParamError};

use super::{can_extract, extract, Budget, Selection, Summarizer};
use crate::model::SentenceRef;
use crate::story::Story;

/// The most sentences a story may have for this method: its matrix then takes 288 MB.
pub const MAX_SENTENCES: usize = 6_000;

/// The submodular summarizer and its parameters (paper defaults where they apply).
#[derive(Debug, Clone, Copy)]
pub struct Submodular {
    /// Saturation share `α` of each sentence's total similarity (the paper's `a/N` with `a`=5).
    pub alpha_a: f64,
    /// Weight `λ` of the diversity reward.
    pub lambda: f64,
    /// Exponent `r` of the cost in the greedy ratio.
    pub cost_exponent: f64,
}

impl Submodular {
    pub const DEFAULT: Submodular = Submodular {
        alpha_a: 5.0,
        lambda: 6.0,
        cost_exponent: 0.3,
    };
}

impl Default for Submodular {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Sparse TF-IDF vectors (sorted by term), unit length.
fn vectors(story: &Story, refs: &[SentenceRef]) -> Vec<Vec<(u32, f64)>> {
    let n = refs.len().max(1) as f64;
    let mut df = vec![0u32; story.vocab.len()];
    let terms = story.content_terms();
    for at in refs {
        for &t in &terms[at.doc][at.sent] {
            df[t as usize] += 1;
        }
    }
    refs.iter()
        .map(|&at| {
            let mut v: Vec<(u32, f64)> = Vec::new();
            let mut toks: Vec<u32> = story
                .sentence(at)
                .tokens
                .iter()
                .filter(|t| !t.stop)
                .map(|t| t.term)
                .collect();
            toks.sort_unstable();
            for t in toks {
                match v.last_mut() {
                    Some((last, c)) if *last == t => *c += 1.0,
                    _ => v.push((t, 1.0)),
                }
            }
            for (t, x) in &mut v {
                *x *= (n / df[*t as usize].max(1) as f64).ln() + 1.0;
            }
            let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (_, x) in &mut v {
                    *x /= norm;
                }
            }
            v
        })
        .collect()
}

fn dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

impl Summarizer for Submodular {
    fn name(&self) -> &'static str {
        "submodular"
    }
    fn describe(&self) -> &'static str {
        "Lin & Bilmes coverage + diversity over TF-IDF sentence similarities"
    }
    fn with_params(&self, params: &[(String, f64)]) -> Result<Box<dyn Summarizer>, ParamError> {
        let mut c = *self;
        for (k, v) in params {
            let v = check_param(k, *v)?;
            match k.as_str() {
                "alpha_a" => c.alpha_a = v,
                "lambda" => c.lambda = v,
                "cost_exponent" => c.cost_exponent = v,
                _ => {
                    return Err(ParamError::unknown(
                        "submodular",
                        k,
                        &["alpha_a", "lambda", "cost_exponent"],
                    ))
                }
            }
        }
        Ok(Box::new(c))
    }
    fn refuses(&self, story: &Story) -> Option<String> {
        let n = story
            .documents
            .iter()
            .map(|d| d.sentences.len())
            .sum::<usize>();
        (n > MAX_SENTENCES).then(|| {
            format!(
                "the submodular method compares every pair of sentences and takes at most \
                 {MAX_SENTENCES} sentences; this story has {n} (in {} articles): use the default \
                 method (coverage), which takes stories of any size",
                story.documents.len()
            )
        })
    }
    fn select(&self, story: &Story, budget: usize) -> Vec<Selection> {
        let refs: Vec<SentenceRef> = story.sentence_refs().collect();
        let n = refs.len();
        if n == 0 || self.refuses(story).is_some() {
            return Vec::new();
        }
        let vecs = vectors(story, &refs);
        // Dense similarity matrix (n is a story's sentence count).
        let mut w = vec![0.0f64; n * n];
        for i in 0..n {
            w[i * n + i] = dot(&vecs[i], &vecs[i]);
            for j in i + 1..n {
                let s = dot(&vecs[i], &vecs[j]);
                w[i * n + j] = s;
                w[j * n + i] = s;
            }
        }
        let total: Vec<f64> = (0..n).map(|i| w[i * n..(i + 1) * n].iter().sum()).collect();
        let alpha = self.alpha_a / n as f64;
        let reward: Vec<f64> = (0..n).map(|j| total[j] / n as f64).collect();
        let parts = story.documents.len();
        let words: Vec<usize> = refs.iter().map(|&at| extract(story, at).1).collect();
        let candidates: Vec<usize> = (0..n).filter(|&i| can_extract(story, refs[i])).collect();

        let mut covered = vec![0.0f64; n];
        let mut part_sum = vec![0.0f64; parts];
        let mut chosen: Vec<Selection> = Vec::new();
        let mut taken = vec![false; n];
        let mut budget = Budget::new(budget);
        loop {
            let mut best: Option<(f64, f64, usize)> = None;
            for &k in &candidates {
                if taken[k] || !budget.fits(words[k]) {
                    continue;
                }
                // Marginal gain of adding k.
                let mut gain = 0.0;
                for i in 0..n {
                    let before = covered[i].min(alpha * total[i]);
                    let after = (covered[i] + w[i * n + k]).min(alpha * total[i]);
                    gain += after - before;
                }
                let p = refs[k].doc;
                gain += self.lambda * ((part_sum[p] + reward[k]).sqrt() - part_sum[p].sqrt());
                let ratio = gain / (words[k] as f64).powf(self.cost_exponent);
                if gain > 0.0 && best.is_none_or(|(r, _, _)| ratio > r) {
                    best = Some((ratio, gain, k));
                }
            }
            let Some((_, gain, k)) = best else { break };
            taken[k] = true;
            for i in 0..n {
                covered[i] += w[i * n + k];
            }
            part_sum[refs[k].doc] += reward[k];
            budget.take(words[k]);
            chosen.push(Selection {
                at: refs[k],
                score: gain,
            });
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

    #[test]
    fn refuses_a_story_above_its_sentence_limit_and_chooses_nothing() {
        // Articles of 100 short sentences each, one article more than the limit allows.
        let story = |articles: usize| {
            analyze(
                (0..articles)
                    .map(|a| Article {
                        id: a.to_string(),
                        text: (0..100)
                            .map(|s| format!("Crew {a} fixed pump {s} near the dam today."))
                            .collect::<Vec<_>>()
                            .join(" "),
                        ..Default::default()
                    })
                    .collect(),
            )
        };
        let big = story(MAX_SENTENCES / 100 + 1);
        let n: usize = big.documents.iter().map(|d| d.sentences.len()).sum();
        assert!(n > MAX_SENTENCES, "{n}");
        let why = Submodular::DEFAULT.refuses(&big).expect("refused");
        assert!(
            why.contains(&MAX_SENTENCES.to_string()) && why.contains("default method"),
            "{why}"
        );
        assert!(Submodular::DEFAULT.select(&big, 100).is_empty());
        // The default method takes it; a small story is taken too.
        assert!(crate::summarize::Coverage::DEFAULT.refuses(&big).is_none());
        let small = story(3);
        assert!(Submodular::DEFAULT.refuses(&small).is_none());
        assert!(!Submodular::DEFAULT.select(&small, 30).is_empty());
    }

    #[test]
    fn prefers_central_sentences_and_keeps_the_budget() {
        let s = analyze(
            [
                "The dam above Vell collapsed on Sunday, flooding the town. A poet read verses in a distant city.",
                "Flood water filled Vell after the dam collapsed on Sunday. Rescuers used boats.",
                "Rescuers used boats in flooded Vell after the dam collapse on Sunday.",
            ]
            .iter()
            .enumerate()
            .map(|(i, t)| Article { id: i.to_string(), text: t.to_string(), ..Default::default() })
            .collect(),
        );
        let picked = Submodular::DEFAULT.select(&s, 12);
        assert_eq!(picked.len(), 1);
        assert!(s.sentence_text(picked[0].at).contains("dam"));
        let picked = Submodular::DEFAULT.select(&s, 22);
        let words: usize = picked.iter().map(|p| s.sentence(p.at).words).sum();
        assert!(words <= 22);
        assert_eq!(picked.len(), 2);
        assert!(!picked
            .iter()
            .any(|p| s.sentence_text(p.at).contains("poet")));
    }
}
