//! What each source adds: its sentences no other article carries, and whether it is a
//! near-copy of another article.
//!
//! Two articles are near-copies when at least 80% of the sentences of each (of three content
//! words or more) have a counterpart in the other (content-word cosine at least 0.6): a
//! syndicated copy repeats the sentences, a spun one rewords a few words in each and still
//! matches. The copy points at the earlier article (publication date, then input order).

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

/// Whether two sentences that share `c` of their `x` and `y` content terms reach a cosine of
/// `k` (compared squared, without the square root).
fn reaches(c: usize, x: usize, y: usize, k: f64) -> bool {
    let c = c as f64;
    c * c >= k * k * (x as f64 * y as f64)
}

/// How close a sentence's nearest counterpart in another document comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    None,
    /// At [`CARRIED`] or more.
    Carried,
    /// At [`COPY_SENTENCE`] or more.
    Copied,
}

/// For every sentence (`[doc][sent]`), the [`Level`] of its nearest counterpart in each
/// document (`[b]`; its own document stays [`Level::None`]). An inverted index from term to
/// sentences finds the sentences that share a term with each one, and how many terms they
/// share.
fn counterparts(terms: &[Vec<Vec<u32>>], n_terms: usize) -> Vec<Vec<Vec<Level>>> {
    let n = terms.len();
    let sentences: Vec<(usize, &[u32])> = terms
        .iter()
        .enumerate()
        .flat_map(|(d, sents)| sents.iter().map(move |t| (d, t.as_slice())))
        .collect();
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); n_terms];
    for (g, (_, t)) in sentences.iter().enumerate() {
        for &term in *t {
            postings[term as usize].push(g);
        }
    }
    let mut shared = vec![0usize; sentences.len()];
    let mut levels = Vec::with_capacity(sentences.len());
    for &(a, x) in &sentences {
        let mut others = Vec::new();
        for &term in x {
            for &g in &postings[term as usize] {
                if sentences[g].0 != a {
                    if shared[g] == 0 {
                        others.push(g);
                    }
                    shared[g] += 1;
                }
            }
        }
        let mut level = vec![Level::None; n];
        for g in others {
            let (b, y) = sentences[g];
            let c = std::mem::take(&mut shared[g]);
            let l = if reaches(c, x.len(), y.len(), COPY_SENTENCE) {
                Level::Copied
            } else if reaches(c, x.len(), y.len(), CARRIED) {
                Level::Carried
            } else {
                Level::None
            };
            level[b] = level[b].max(l);
        }
        levels.push(level);
    }
    let mut levels = levels.into_iter();
    terms
        .iter()
        .map(|sents| levels.by_ref().take(sents.len()).collect())
        .collect()
}

/// `rank[d]`: reading order of the documents (earlier first).
pub fn contributions(story: &Story, rank: &[usize]) -> Vec<Contribution> {
    let terms = story.content_terms();
    let n = story.documents.len();
    let level = counterparts(terms, story.vocab.len());
    // The share of the sentences of `a` (of three content words or more) that have a
    // counterpart in `b` at [`COPY_SENTENCE`].
    let covered = |a: usize, b: usize| {
        let long: Vec<&Vec<Level>> = terms[a]
            .iter()
            .zip(&level[a])
            .filter(|(t, _)| t.len() >= 3)
            .map(|(_, l)| l)
            .collect();
        let hit = long.iter().filter(|l| l[b] == Level::Copied).count();
        if long.is_empty() {
            0.0
        } else {
            hit as f64 / long.len() as f64
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
                    if t.len() >= 4 {
                        // Informative and early first: content words, discounted by position.
                        cands.push((t.len() as f64 / (1.0 + 0.1 * s as f64), s));
                    }
                }
            }
            cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            // The best two that read as statements and that no other article carries (a copy
            // of this one does not count).
            let carried = |s: usize| {
                level[a][s]
                    .iter()
                    .enumerate()
                    .any(|(b, &l)| l >= Level::Carried && b != a && copy_of[b] != Some(a))
            };
            let sentences = cands
                .iter()
                .map(|c| c.1)
                .filter(|&s| can_extract(d, &d.sentences[s]))
                .filter(|&s| !carried(s))
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
    fn counterparts_are_graded_by_cosine_in_each_other_document() {
        // Sentence 0 of document 0 against: 2 of 3 terms shared (cosine 2/3), 1 of 3 and 1 of 2
        // (cosine 0.41), and nothing shared.
        let terms = vec![
            vec![vec![1, 2, 3], vec![1, 2, 4]],
            vec![vec![2, 3, 5]],
            vec![vec![3, 6, 7], vec![1, 8]],
            vec![vec![9]],
        ];
        let level = counterparts(&terms, 10);
        assert_eq!(
            level[0][0],
            [Level::None, Level::Copied, Level::Carried, Level::None]
        );
        // Never its own document, however similar its sentences are.
        assert_eq!(level[0][1][0], Level::None);
        assert_eq!(level[3][0], [Level::None; 4]);
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
