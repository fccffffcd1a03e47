//! ROUGE-N, ROUGE-L and ROUGE-Lsum, computed the way Google's `rouge-score` computes them.
//!
//! Tokenization: lower-case, every character outside `[a-z0-9]` becomes a space, split on white
//! space, Porter-stem (NLTK variant, [`crate::porter`]) the tokens longer than three characters.
//! ROUGE-N counts clipped n-gram overlap; ROUGE-L uses the longest common subsequence of the two
//! token sequences; ROUGE-Lsum splits both texts into sentences at newlines and takes, for each
//! reference sentence, the union of its LCS with every candidate sentence, counting each token at
//! most as often as it occurs in both texts. Precision, recall and F1 are fractions in `[0, 1]`.

use std::collections::HashMap;

use serde::Serialize;

use crate::porter;

/// Precision, recall and F1 of one measure, as fractions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn new(precision: f64, recall: f64) -> Score {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Score {
            precision,
            recall,
            f1,
        }
    }
}

/// ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum of one candidate against one reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RougeScores {
    pub rouge1: Score,
    pub rouge2: Score,
    #[serde(rename = "rougeL")]
    pub rouge_l: Score,
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: Score,
}

/// Tokenize as `rouge-score`'s default tokenizer with `use_stemmer=True`.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut norm = String::with_capacity(text.len());
    for c in text.chars() {
        for l in c.to_lowercase() {
            norm.push(if l.is_ascii_lowercase() || l.is_ascii_digit() {
                l
            } else {
                ' '
            });
        }
    }
    norm.split_whitespace()
        .map(|t| {
            if t.len() > 3 {
                porter::stem(t)
            } else {
                t.to_string()
            }
        })
        .collect()
}

fn ngrams(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut m = HashMap::new();
    if tokens.len() >= n {
        for w in tokens.windows(n) {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

/// ROUGE-N from token sequences.
pub fn rouge_n(candidate: &[String], reference: &[String], n: usize) -> Score {
    let c = ngrams(candidate, n);
    let r = ngrams(reference, n);
    let overlap: usize = r
        .iter()
        .map(|(g, &k)| k.min(c.get(g).copied().unwrap_or(0)))
        .sum();
    let c_total: usize = c.values().sum();
    let r_total: usize = r.values().sum();
    Score::new(
        overlap as f64 / c_total.max(1) as f64,
        overlap as f64 / r_total.max(1) as f64,
    )
}

fn lcs_table(r: &[String], c: &[String]) -> Vec<Vec<u32>> {
    let mut t = vec![vec![0u32; c.len() + 1]; r.len() + 1];
    for i in 1..=r.len() {
        for j in 1..=c.len() {
            t[i][j] = if r[i - 1] == c[j - 1] {
                t[i - 1][j - 1] + 1
            } else {
                t[i - 1][j].max(t[i][j - 1])
            };
        }
    }
    t
}

fn lcs_len(r: &[String], c: &[String]) -> usize {
    // Two rows are enough for the length.
    let mut prev = vec![0u32; c.len() + 1];
    let mut cur = vec![0u32; c.len() + 1];
    for x in r {
        for j in 1..=c.len() {
            cur[j] = if *x == c[j - 1] {
                prev[j - 1] + 1
            } else {
                prev[j].max(cur[j - 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[c.len()] as usize
}

/// ROUGE-L from token sequences.
pub fn rouge_l(candidate: &[String], reference: &[String]) -> Score {
    if candidate.is_empty() || reference.is_empty() {
        return Score::default();
    }
    let l = lcs_len(reference, candidate) as f64;
    Score::new(l / candidate.len() as f64, l / reference.len() as f64)
}

/// Indices into `r` of one LCS of `r` and `c`, found by the same backtracking `rouge-score` uses.
fn lcs_indices(r: &[String], c: &[String]) -> Vec<usize> {
    let t = lcs_table(r, c);
    let (mut i, mut j) = (r.len(), c.len());
    let mut out = Vec::new();
    while i > 0 && j > 0 {
        if r[i - 1] == c[j - 1] {
            out.push(i - 1);
            i -= 1;
            j -= 1;
        } else if t[i][j - 1] > t[i - 1][j] {
            j -= 1;
        } else {
            i -= 1;
        }
    }
    out.reverse();
    out
}

/// ROUGE-Lsum from sentences of tokens.
pub fn rouge_lsum(candidate: &[Vec<String>], reference: &[Vec<String>]) -> Score {
    let m: usize = reference.iter().map(Vec::len).sum();
    let n: usize = candidate.iter().map(Vec::len).sum();
    if m == 0 || n == 0 {
        return Score::default();
    }
    let mut left_r: HashMap<&str, usize> = HashMap::new();
    let mut left_c: HashMap<&str, usize> = HashMap::new();
    for t in reference.iter().flatten() {
        *left_r.entry(t).or_insert(0) += 1;
    }
    for t in candidate.iter().flatten() {
        *left_c.entry(t).or_insert(0) += 1;
    }
    let mut hits = 0usize;
    for r in reference {
        let mut union: Vec<usize> = candidate.iter().flat_map(|c| lcs_indices(r, c)).collect();
        union.sort_unstable();
        union.dedup();
        for i in union {
            let t = r[i].as_str();
            let (Some(kc), Some(kr)) = (left_c.get(t).copied(), left_r.get(t).copied()) else {
                continue;
            };
            if kc > 0 && kr > 0 {
                hits += 1;
                left_c.insert(t, kc - 1);
                left_r.insert(t, kr - 1);
            }
        }
    }
    Score::new(hits as f64 / n as f64, hits as f64 / m as f64)
}

fn sentences(text: &str) -> Vec<Vec<String>> {
    text.split('\n')
        .filter(|s| !s.is_empty())
        .map(tokenize)
        .collect()
}

/// All four measures of `candidate` against `reference`. For ROUGE-Lsum, sentences are the
/// lines of each text (one sentence per line, as `rouge-score` expects).
pub fn score(candidate: &str, reference: &str) -> RougeScores {
    let c = tokenize(candidate);
    let r = tokenize(reference);
    RougeScores {
        rouge1: rouge_n(&c, &r, 1),
        rouge2: rouge_n(&c, &r, 2),
        rouge_l: rouge_l(&c, &r),
        rouge_lsum: rouge_lsum(&sentences(candidate), &sentences(reference)),
    }
}

/// Scores against several references, averaged (each measure's precision, recall and F1 are
/// means over the references). `None` when there is no reference.
pub fn score_multi(candidate: &str, references: &[String]) -> Option<RougeScores> {
    if references.is_empty() {
        return None;
    }
    let all: Vec<RougeScores> = references.iter().map(|r| score(candidate, r)).collect();
    Some(mean(&all))
}

/// Mean of several score sets.
pub fn mean(all: &[RougeScores]) -> RougeScores {
    let n = all.len().max(1) as f64;
    let avg = |f: fn(&RougeScores) -> Score| {
        let (p, r, f1) = all.iter().map(f).fold((0.0, 0.0, 0.0), |a, s| {
            (a.0 + s.precision, a.1 + s.recall, a.2 + s.f1)
        });
        Score {
            precision: p / n,
            recall: r / n,
            f1: f1 / n,
        }
    };
    RougeScores {
        rouge1: avg(|s| s.rouge1),
        rouge2: avg(|s| s.rouge2),
        rouge_l: avg(|s| s.rouge_l),
        rouge_lsum: avg(|s| s.rouge_lsum),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_matches_rouge_score_rules() {
        assert_eq!(
            tokenize("The U.S.-led talks, in 2024!"),
            ["the", "u", "s", "led", "talk", "in", "2024"]
        );
        assert_eq!(tokenize("Café naïve"), ["caf", "na", "ve"]);
    }

    #[test]
    fn identical_texts_score_one() {
        let s = score("the cat sat on the mat", "the cat sat on the mat");
        for m in [s.rouge1, s.rouge2, s.rouge_l, s.rouge_lsum] {
            assert!((m.f1 - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn hand_computed_example() {
        // candidate: the cat was found under the bed (7); reference: the cat was under the bed (6)
        let s = score(
            "the cat was found under the bed",
            "the cat was under the bed",
        );
        assert!((s.rouge1.recall - 1.0).abs() < 1e-12);
        assert!((s.rouge1.precision - 6.0 / 7.0).abs() < 1e-12);
        // bigrams: ref has 5, candidate 6, shared 4 (the cat, cat was, under the, the bed)
        assert!((s.rouge2.recall - 4.0 / 5.0).abs() < 1e-12);
        assert!((s.rouge2.precision - 4.0 / 6.0).abs() < 1e-12);
        assert!((s.rouge_l.recall - 1.0).abs() < 1e-12);
    }

    #[test]
    fn empty_inputs_score_zero() {
        assert_eq!(score("", "the cat").rouge1, Score::default());
        assert_eq!(score("the cat", "").rouge_lsum, Score::default());
    }
}
