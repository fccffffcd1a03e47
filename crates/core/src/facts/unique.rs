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

/// Levels of [`similarity_levels`]: a sentence has a counterpart at [`CARRIED`], or at
/// [`COPY_SENTENCE`].
const IS_CARRIED: u8 = 1;
const IS_COPIED: u8 = 2;

/// `rank[d]`: reading order of the documents (earlier first).
pub fn contributions(story: &Story, rank: &[usize]) -> Vec<Contribution> {
    let terms = story.content_terms();
    let n = story.documents.len();
    let level = similarity_levels(terms, story.vocab.len());
    // The share of a's sentences (of three content words or more) copied in b.
    let covered = |a: usize, b: usize| -> f64 {
        let (mut total, mut hit) = (0usize, 0usize);
        for (s, t) in terms[a].iter().enumerate() {
            if t.len() >= 3 {
                total += 1;
                hit += usize::from(level[a][s][b] >= IS_COPIED);
            }
        }
        if total == 0 {
            0.0
        } else {
            hit as f64 / total as f64
        }
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
                    if terms[a][s].len() < 4 {
                        continue;
                    }
                    let carried = (0..n)
                        .filter(|&b| b != a && copy_of[b] != Some(a))
                        .any(|b| level[a][s][b] >= IS_CARRIED);
                    if carried || !is_extractable(d.slice(sent.span), sent.words) {
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

/// `level[a][s][b]`: how close sentence `s` of document `a` comes to any sentence of document
/// `b`: [`IS_COPIED`] when a content-word cosine reaches [`COPY_SENTENCE`], [`IS_CARRIED`]
/// when it reaches [`CARRIED`], else 0. Only sentences sharing a term are compared (an inverted index in
/// compressed rows over the story's term ids), and no square root is taken.
fn similarity_levels(terms: &[Vec<Vec<u32>>], n_terms: usize) -> Vec<Vec<Vec<u8>>> {
    let n = terms.len();
    // Global sentence ids, their document and size.
    let mut doc_of: Vec<u32> = Vec::new();
    let mut size: Vec<u32> = Vec::new();
    for (d, sents) in terms.iter().enumerate() {
        for t in sents {
            doc_of.push(d as u32);
            size.push(t.len() as u32);
        }
    }
    let mut start = vec![0u32; n_terms + 1];
    for t in terms.iter().flatten().flatten() {
        start[*t as usize + 1] += 1;
    }
    for i in 0..n_terms {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut postings = vec![0u32; start[n_terms] as usize];
    for (g, t) in terms.iter().flatten().enumerate() {
        for &term in t {
            let at = &mut fill[term as usize];
            postings[*at as usize] = g as u32;
            *at += 1;
        }
    }
    let (copy2, carried2) = (COPY_SENTENCE * COPY_SENTENCE, CARRIED * CARRIED);
    let mut counts = vec![0u32; doc_of.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut out = Vec::with_capacity(n);
    for (a, sents) in terms.iter().enumerate() {
        let mut rows = Vec::with_capacity(sents.len());
        for mine in sents {
            touched.clear();
            for &term in mine {
                let list =
                    &postings[start[term as usize] as usize..start[term as usize + 1] as usize];
                for &other in list {
                    if doc_of[other as usize] as usize == a {
                        continue;
                    }
                    let c = &mut counts[other as usize];
                    if *c == 0 {
                        touched.push(other);
                    }
                    *c += 1;
                }
            }
            let mut row = vec![0u8; n];
            for &other in &touched {
                let c = f64::from(std::mem::take(&mut counts[other as usize]));
                // cosine² = c² / (|mine| · |other|), compared without the square root.
                let denom = (mine.len() as f64) * f64::from(size[other as usize]);
                let l = if c * c >= copy2 * denom {
                    IS_COPIED
                } else if c * c >= carried2 * denom {
                    IS_CARRIED
                } else {
                    0
                };
                let cell = &mut row[doc_of[other as usize] as usize];
                *cell = (*cell).max(l);
            }
            rows.push(row);
        }
        out.push(rows);
    }
    out
}
