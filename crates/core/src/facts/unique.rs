//! What each source adds: its sentences no other article carries, and whether it is a
//! near-copy of another article.
//!
//! Two articles are near-copies when at least 80% of the sentences of each (of three content
//! words or more) have a counterpart in the other (content-word cosine at least 0.6): a
//! syndicated copy repeats the sentences, a spun one rewords a few words in each and still
//! matches. The copy points at the earlier article (publication date, then input order).

use crate::cite::shared;
use crate::story::Story;
use crate::summarize::can_extract;

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

/// Whether two sentences' sorted, de-duplicated content terms share one at least and reach a
/// cosine of `k` (compared squared, without the square root).
fn reaches(x: &[u32], y: &[u32], k: f64) -> bool {
    let c = shared(x, y) as f64;
    c > 0.0 && c * c >= k * k * (x.len() as f64 * y.len() as f64)
}

/// Whether document `b` (its sentences' terms) has a sentence reaching cosine `k` with `x`.
fn has_counterpart(x: &[u32], b: &[Vec<u32>], k: f64) -> bool {
    b.iter().any(|y| reaches(x, y, k))
}

/// The share of the sentences of `a` (of three content words or more) that have a counterpart
/// in `b` at [`COPY_SENTENCE`].
fn covered(a: &[Vec<u32>], b: &[Vec<u32>]) -> f64 {
    let long = a.iter().filter(|x| x.len() >= 3);
    let total = long.clone().count();
    if total == 0 {
        return 0.0;
    }
    let hit = long
        .filter(|x| has_counterpart(x, b, COPY_SENTENCE))
        .count();
    hit as f64 / total as f64
}

/// `rank[d]`: reading order of the documents (earlier first).
pub fn contributions(story: &Story, rank: &[usize]) -> Vec<Contribution> {
    let terms = story.content_terms();
    let n = story.documents.len();
    let mut copy_of: Vec<Option<usize>> = vec![None; n];
    for a in 0..n {
        for b in 0..n {
            if a == b || rank[b] > rank[a] || copy_of[a].is_some() {
                continue;
            }
            // a copies the earlier b when most of a is in b and most of b is in a.
            if covered(&terms[a], &terms[b]) >= COPY_SHARE
                && covered(&terms[b], &terms[a]) >= COPY_SHARE
            {
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
                    if t.len() >= 4 {
                        // Informative and early first: content words, discounted by position.
                        cands.push((t.len() as f64 / (1.0 + 0.1 * s as f64), s));
                    }
                }
            }
            cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            // The best two that read as statements and that no other article carries (a copy
            // of this one does not count).
            let carried = |x: &[u32]| {
                (0..n).any(|b| {
                    b != a && copy_of[b] != Some(a) && has_counterpart(x, &terms[b], CARRIED)
                })
            };
            let sentences = cands
                .iter()
                .map(|c| c.1)
                .filter(|&s| can_extract(d, &d.sentences[s]))
                .filter(|&s| !carried(&terms[a][s]))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::test_story;

    #[test]
    fn sentences_reach_a_cosine_on_shared_terms() {
        // 2 of 3 shared: cosine 2/3.
        assert!(reaches(&[1, 2, 3], &[2, 3, 4], COPY_SENTENCE));
        // 1 of 2 against 1 of 8: cosine 1/4.
        assert!(!reaches(&[1, 2], &[1, 3, 4, 5, 6, 7, 8, 9], CARRIED));
        assert!(reaches(&[1, 2], &[1, 3, 4], CARRIED));
        assert!(!reaches(&[1, 2], &[3, 4], CARRIED));
        assert!(!reaches(&[], &[], CARRIED));
    }

    #[test]
    fn copies_point_at_the_earlier_article_and_do_not_hide_what_it_adds() {
        let original =
            "The dam on the Harlan River failed early on Sunday after a week of heavy rain. \
             Rescue crews pulled forty residents from flooded homes near the valley town. \
             The governor declared a state of emergency for three counties on Monday.";
        let other = "Rescue crews pulled forty residents from flooded homes near the valley town. \
             Engineers had warned the county board about cracks in the spillway last spring. \
             Farmers counted heavy losses of cattle and grain across the lower valley.";
        // A spun copy: a few words changed (an exact duplicate is dropped by the analysis).
        let copy = original
            .replace("early on Sunday", "on Sunday")
            .replace("three counties", "three districts");
        let story = test_story(&[original, &copy, other]);
        let got = contributions(&story, &[0, 1, 2]);
        let copies: Vec<Option<usize>> = got.iter().map(|c| c.copy_of).collect();
        assert_eq!(copies, [None, Some(0), None]);
        let sorted = |c: &Contribution| {
            let mut s = c.sentences.clone();
            s.sort_unstable();
            s
        };
        // The rescue sentence is carried by the other article; the copy does not count.
        assert_eq!(sorted(&got[0]), [0, 2]);
        assert!(got[1].sentences.is_empty());
        assert_eq!(sorted(&got[2]), [1, 2]);
    }
}
