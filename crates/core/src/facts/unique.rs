//! What each source adds: its sentences no other article carries, and whether it copies
//! another article (as [`crate::dedup`] decided for the whole story).
//!
//! A sentence is carried by another article when that article has a sentence whose content-word
//! cosine with it reaches [`CARRIED`]; a copy of the article does not count, and a copy adds
//! nothing of its own.

use crate::extract::can_extract;
use crate::story::Story;

/// What one article adds.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub doc: usize,
    /// Sentence indices no other article carries, best first (at most two).
    pub sentences: Vec<usize>,
    /// The article this one copies, if any.
    pub copy_of: Option<usize>,
}

/// A sentence is carried elsewhere when another article has one this similar (cosine).
const CARRIED: f64 = 0.35;

/// Whether two sentences that share `c` of their `x` and `y` content terms reach a cosine of
/// `k` (compared squared, without the square root).
fn reaches(c: usize, x: usize, y: usize, k: f64) -> bool {
    let c = c as f64;
    c * c >= k * k * (x as f64 * y as f64)
}

/// For every sentence (`[doc][sent]`), whether each document (`[b]`) carries it: has a sentence
/// at cosine [`CARRIED`] or more (its own document never does). An inverted index from term to
/// sentences finds the sentences that share a term with each one, and how many terms they
/// share.
fn carried_by(terms: &[Vec<Vec<u32>>], n_terms: usize) -> Vec<Vec<Vec<bool>>> {
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
    let mut carried = Vec::with_capacity(sentences.len());
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
        let mut by = vec![false; n];
        for g in others {
            let (b, y) = sentences[g];
            let c = std::mem::take(&mut shared[g]);
            by[b] |= reaches(c, x.len(), y.len(), CARRIED);
        }
        carried.push(by);
    }
    let mut carried = carried.into_iter();
    terms
        .iter()
        .map(|sents| carried.by_ref().take(sents.len()).collect())
        .collect()
}

/// What each document of the story adds.
pub fn contributions(story: &Story) -> Vec<Contribution> {
    let terms = story.content_terms();
    let n = story.documents.len();
    let carried = carried_by(terms, story.vocab.len());
    let copies = &story.copies;
    (0..n)
        .map(|a| {
            let mut cands: Vec<(f64, usize)> = Vec::new();
            if copies.copy_of[a].is_none() {
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
            let elsewhere = |s: usize| {
                carried[a][s]
                    .iter()
                    .enumerate()
                    .any(|(b, &by)| by && !copies.same_group(a, b))
            };
            let sentences = cands
                .iter()
                .map(|c| c.1)
                .filter(|&s| can_extract(story, crate::model::SentenceRef { doc: a, sent: s }))
                .filter(|&s| !elsewhere(s))
                .take(2)
                .collect();
            Contribution {
                doc: a,
                sentences,
                copy_of: copies.copy_of[a],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::test_story;

    #[test]
    fn a_sentence_is_carried_by_documents_with_one_at_cosine_035() {
        // Sentence 0 of document 0 against: 2 of 3 terms shared (cosine 2/3), 1 of 3 and 1 of 2
        // (cosine 0.41), and nothing shared.
        let terms = vec![
            vec![vec![1, 2, 3], vec![1, 2, 4]],
            vec![vec![2, 3, 5]],
            vec![vec![3, 6, 7], vec![1, 8]],
            vec![vec![9]],
        ];
        let carried = carried_by(&terms, 10);
        assert_eq!(carried[0][0], [false, true, true, false]);
        // Never its own document, however similar its sentences are.
        assert!(!carried[0][1][0]);
        assert_eq!(carried[3][0], [false; 4]);
    }

    #[test]
    fn copies_point_at_the_earlier_article_and_do_not_hide_what_it_adds() {
        let original =
            "The dam on the Harlan River failed early on Sunday after a week of heavy rain. \
             Rescue crews pulled forty residents from flooded homes near the valley town. \
             Governor Ann Lee declared a state of emergency for three counties on Monday.";
        let other = "Rescue crews pulled forty residents from flooded homes near the valley town. \
             Engineers had warned the county board about cracks in the spillway last spring. \
             Farmers counted heavy losses of cattle and grain across the lower valley.";
        // A spun copy: a few words changed (an exact duplicate is dropped by the analysis).
        let copy = original
            .replace("early on Sunday", "on Sunday")
            .replace("three counties", "three districts");
        let story = test_story(&[original, &copy, other]);
        let got = contributions(&story);
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
