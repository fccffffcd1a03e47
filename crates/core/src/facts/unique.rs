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
                for (s, t) in terms[a].iter().enumerate() {
                    if t.len() < 4 {
                        continue;
                    }
                    let carried = (0..n)
                        .filter(|&b| b != a && copy_of[b] != Some(a))
                        .any(|b| level[a][s][b] >= IS_CARRIED);
                    if carried {
                        continue;
                    }
                    // Informative and early first: content words, discounted by position.
                    let score = t.len() as f64 / (1.0 + 0.1 * s as f64);
                    cands.push((score, s));
                }
            }
            cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            // The best two that read as statements (checked in order: most are never looked at).
            let sentences = cands
                .iter()
                .map(|c| c.1)
                .filter(|&s| {
                    let sent = &d.sentences[s];
                    is_extractable(d.slice(sent.span), sent.words)
                })
                .take(2)
                .collect();
            Contribution {
                doc: a,
                sentences,
                copy_of: copy_of[a],
            }
        })
        .collect()
}

/// `level[a][s][b]`: how close sentence `s` of document `a` comes to any sentence of document
/// `b`: [`IS_COPIED`] when a content-word cosine reaches [`COPY_SENTENCE`], [`IS_CARRIED`]
/// when it reaches [`CARRIED`], else 0.
///
/// Only sentences sharing a term are compared, through an inverted index in compressed rows
/// over the story's term ids; each pair of sentences of two documents is counted once, from
/// the earlier document, and no square root is taken. The most common terms of a long
/// sentence are not looked up (prefix filtering): a pair reaching [`CARRIED`] shares at least
/// `CARRIED² · |x|` terms with sentence `x` (the overlap `c` is at most `|y|`, so
/// `c² ≥ CARRIED² |x| |y| ≥ CARRIED² |x| c`), so it shares one of the others too, and the
/// skipped terms are added to the count of each pair found.
fn similarity_levels(terms: &[Vec<Vec<u32>>], n_terms: usize) -> Vec<Vec<Vec<u8>>> {
    let n = terms.len();
    // Global sentence ids (document by document), their document, index and terms.
    let mut doc_of: Vec<u32> = Vec::new();
    let mut sent_of: Vec<u32> = Vec::new();
    let mut flat: Vec<&[u32]> = Vec::new();
    let mut doc_start: Vec<u32> = Vec::with_capacity(n + 1);
    for (d, sents) in terms.iter().enumerate() {
        doc_start.push(flat.len() as u32);
        for (s, t) in sents.iter().enumerate() {
            doc_of.push(d as u32);
            sent_of.push(s as u32);
            flat.push(t);
        }
    }
    doc_start.push(flat.len() as u32);
    let mut start = vec![0u32; n_terms + 1];
    for t in terms.iter().flatten().flatten() {
        start[*t as usize + 1] += 1;
    }
    for i in 0..n_terms {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut postings = vec![0u32; start[n_terms] as usize];
    for (g, t) in flat.iter().enumerate() {
        for &term in *t {
            let at = &mut fill[term as usize];
            postings[*at as usize] = g as u32;
            *at += 1;
        }
    }
    let df = |term: u32| start[term as usize + 1] - start[term as usize];
    let (copy2, carried2) = (COPY_SENTENCE * COPY_SENTENCE, CARRIED * CARRIED);
    let mut level: Vec<Vec<Vec<u8>>> = terms
        .iter()
        .map(|sents| vec![vec![0u8; n]; sents.len()])
        .collect();
    let mut counts = vec![0u32; flat.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut by_df: Vec<u32> = Vec::new();
    for (me, mine) in flat.iter().enumerate() {
        let a = doc_of[me] as usize;
        // Sentences of later documents only: their ids start here.
        let later = doc_start[a + 1];
        // The `skip` most common terms need not be looked up (a margin keeps rounding safe).
        let need = (carried2 * mine.len() as f64 - 1e-9).ceil().max(1.0) as usize;
        let skip = need - 1;
        by_df.clear();
        by_df.extend_from_slice(mine);
        if skip > 0 {
            by_df.sort_unstable_by_key(|&t| (std::cmp::Reverse(df(t)), t));
        }
        let (common, rare) = by_df.split_at(skip);
        touched.clear();
        for &term in rare {
            let list = &postings[start[term as usize] as usize..start[term as usize + 1] as usize];
            let from = list.partition_point(|&o| o < later);
            for &other in &list[from..] {
                let c = &mut counts[other as usize];
                if *c == 0 {
                    touched.push(other);
                }
                *c += 1;
            }
        }
        for &other in &touched {
            let theirs = flat[other as usize];
            let found = std::mem::take(&mut counts[other as usize]) as usize;
            // cosine² = c² / (|mine| · |theirs|), compared without the square root.
            let denom = (mine.len() as f64) * (theirs.len() as f64);
            // Most pairs share one or two words: too few even if every skipped term is shared.
            let most = (found + common.len()) as f64;
            if most * most < carried2 * denom {
                continue;
            }
            let shared = found
                + common
                    .iter()
                    .filter(|t| theirs.binary_search(t).is_ok())
                    .count();
            let c = shared as f64;
            let l = if c * c >= copy2 * denom {
                IS_COPIED
            } else if c * c >= carried2 * denom {
                IS_CARRIED
            } else {
                0
            };
            if l > 0 {
                let b = doc_of[other as usize] as usize;
                let cell = &mut level[a][sent_of[me] as usize][b];
                *cell = (*cell).max(l);
                let cell = &mut level[b][sent_of[other as usize] as usize][a];
                *cell = (*cell).max(l);
            }
        }
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The levels by comparing every pair of sentences of different documents.
    fn brute_force(terms: &[Vec<Vec<u32>>]) -> Vec<Vec<Vec<u8>>> {
        let n = terms.len();
        let mut level: Vec<Vec<Vec<u8>>> =
            terms.iter().map(|s| vec![vec![0u8; n]; s.len()]).collect();
        for (a, sa) in terms.iter().enumerate() {
            for (i, x) in sa.iter().enumerate() {
                for (b, sb) in terms.iter().enumerate() {
                    if a == b {
                        continue;
                    }
                    for y in sb {
                        let c = x.iter().filter(|t| y.contains(t)).count() as f64;
                        if c == 0.0 {
                            continue;
                        }
                        let cos = c / ((x.len() * y.len()) as f64).sqrt();
                        let l = if cos >= COPY_SENTENCE {
                            IS_COPIED
                        } else if cos >= CARRIED {
                            IS_CARRIED
                        } else {
                            0
                        };
                        level[a][i][b] = level[a][i][b].max(l);
                    }
                }
            }
        }
        level
    }

    #[test]
    fn pruned_levels_equal_comparing_every_pair() {
        // Sentences of 1 to 30 terms drawn from a skewed vocabulary (a few terms in most
        // sentences, as "said" is), some of them reworded copies of earlier ones.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        let n_terms = 60;
        let mut terms: Vec<Vec<Vec<u32>>> = Vec::new();
        for _ in 0..8 {
            let mut doc = Vec::new();
            for _ in 0..25 {
                let mut s: Vec<u32> = if next(4) == 0 && !terms.is_empty() {
                    let d = next(terms.len() as u64) as usize;
                    let mut s = terms[d][next(terms[d].len() as u64) as usize].clone();
                    s.retain(|_| next(5) != 0);
                    s
                } else {
                    let len = 1 + next(30);
                    (0..len)
                        .map(|_| (next(n_terms) * next(n_terms) / n_terms) as u32)
                        .collect()
                };
                s.sort_unstable();
                s.dedup();
                doc.push(s);
            }
            terms.push(doc);
        }
        let expected = brute_force(&terms);
        assert!(expected.iter().flatten().flatten().any(|&l| l == IS_COPIED));
        assert!(expected
            .iter()
            .flatten()
            .flatten()
            .any(|&l| l == IS_CARRIED));
        assert_eq!(similarity_levels(&terms, n_terms as usize), expected);
    }
}
