//! What each source adds: its sentences no other article carries, and whether it is a
//! near-copy of another article.
//!
//! Two articles are near-copies when at least 80% of the shorter one's sentences have a
//! counterpart in the other (content-word cosine at least 0.6): a syndicated copy repeats the
//! sentences, a spun one rewords a few words in each and still matches. The copy points at the
//! earlier article (publication date, then input order).

use crate::story::Story;
use crate::summarize::is_extractable;

/// What one article adds.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub doc: usize,
    /// Sentence indices no other article carries, best first (at most two).
    pub sentences: Vec<usize>,
    /// The article this one copies, if any.
    pub copy_of: Option<usize>,
}

const COPY_SENTENCE: f64 = 0.6;
const COPY_SHARE: f64 = 0.8;
/// A sentence is carried elsewhere when another article has one this similar.
const CARRIED: f64 = 0.35;

/// `rank[d]`: reading order of the documents (earlier first).
pub fn contributions(story: &Story, rank: &[usize]) -> Vec<Contribution> {
    let terms = story.content_terms();
    let n = story.documents.len();
    // best[a][s][b]: the highest cosine of sentence s of a with any sentence of b, through an
    // inverted index of terms (only sentences sharing a term are compared).
    let mut postings: rustc_hash::FxHashMap<u32, Vec<(u32, u32)>> = Default::default();
    for (d, sents) in terms.iter().enumerate() {
        for (s, t) in sents.iter().enumerate() {
            for &term in t {
                postings.entry(term).or_default().push((d as u32, s as u32));
            }
        }
    }
    let offsets: Vec<usize> = terms
        .iter()
        .scan(0, |acc, d| {
            let o = *acc;
            *acc += d.len();
            Some(o)
        })
        .collect();
    let total: usize = terms.iter().map(Vec::len).sum();
    let mut counts = vec![0u32; total];
    let mut touched: Vec<(u32, u32)> = Vec::new();
    let best_table: Vec<Vec<Vec<f64>>> = (0..n)
        .map(|a| {
            (0..terms[a].len())
                .map(|s| {
                    let mine = &terms[a][s];
                    touched.clear();
                    for term in mine {
                        for &(d, t) in postings.get(term).map_or(&[][..], Vec::as_slice) {
                            if d as usize == a {
                                continue;
                            }
                            let k = offsets[d as usize] + t as usize;
                            if counts[k] == 0 {
                                touched.push((d, t));
                            }
                            counts[k] += 1;
                        }
                    }
                    let mut row = vec![0.0f64; n];
                    for &(d, t) in &touched {
                        let k = offsets[d as usize] + t as usize;
                        let other = terms[d as usize][t as usize].len();
                        let sim = f64::from(counts[k]) / ((mine.len() * other) as f64).sqrt();
                        counts[k] = 0;
                        let cell = &mut row[d as usize];
                        if sim > *cell {
                            *cell = sim;
                        }
                    }
                    row
                })
                .collect()
        })
        .collect();
    let best = |a: usize, s: usize, b: usize| -> f64 { best_table[a][s][b] };
    let covered = |a: usize, b: usize| -> f64 {
        let sents: Vec<usize> = (0..terms[a].len())
            .filter(|&s| terms[a][s].len() >= 3)
            .collect();
        if sents.is_empty() {
            return 0.0;
        }
        let hit = sents
            .iter()
            .filter(|&&s| best(a, s, b) >= COPY_SENTENCE)
            .count();
        hit as f64 / sents.len() as f64
    };
    let mut copy_of: Vec<Option<usize>> = vec![None; n];
    for a in 0..n {
        for b in 0..n {
            if a == b || rank[b] > rank[a] || copy_of[a].is_some() {
                continue;
            }
            // a copies the earlier b when most of a is in b and most of b is in a.
            if covered(a, b) >= COPY_SHARE && covered(b, a) >= COPY_SHARE {
                copy_of[a] = Some(copy_of[b].unwrap_or(b));
            }
        }
    }
    (0..n)
        .map(|a| {
            let d = &story.documents[a];
            let mut cands: Vec<(f64, usize)> = Vec::new();
            if copy_of[a].is_none() {
                for (s, sent) in d.sentences.iter().enumerate() {
                    let text = d.slice(sent.span);
                    if !is_extractable(text, sent.words) || terms[a][s].len() < 4 {
                        continue;
                    }
                    let carried = (0..n)
                        .filter(|&b| b != a && copy_of[b] != Some(a))
                        .any(|b| best(a, s, b) >= CARRIED);
                    if carried {
                        continue;
                    }
                    // Informative and early first: content words, discounted by position.
                    let score = terms[a][s].len() as f64 / (1.0 + 0.1 * s as f64);
                    cands.push((score, s));
                }
            }
            cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            Contribution {
                doc: a,
                sentences: cands.iter().take(2).map(|c| c.1).collect(),
                copy_of: copy_of[a],
            }
        })
        .collect()
}
