//! What each source adds: its sentences no other article carries, and whether it copies
//! another article (as [`crate::dedup`] decided for the whole story).
//!
//! A sentence is carried by another article when that article has a sentence whose content-word
//! cosine with it reaches [`CARRIED`]; a copy of the article does not count, and a copy adds
//! nothing of its own.

use crate::extract::can_extract;
use crate::story::Story;
use rayon::prelude::*;

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

/// Which other articles carry a sentence: an index from each content term to the sentences
/// that use it, shortest first, asked one sentence at a time (only the candidates of
/// [`contributions`] are asked, and a search stops at the first carrier).
///
/// Exact without comparing every pair of sentences: order the sentence's `m` terms rarest
/// first. A carrier `y` of `k` terms whose first shared term is the `j`-th shares at most
/// `m - j` terms, so it reaches the cosine only if `(m - j)² ≥ K²·m·k`; the `j`-th term's
/// list is read only as far as sentences that short. The common words of a story (read last)
/// are thus read for a few short sentences only.
///
/// Yet a sentence of ordinary words still meets a share of all sentences. In a big story
/// ([`Story::is_big`]) a search reads at most [`SEARCH_BUDGET`] entries, most likely carriers
/// (those sharing its rarest words) first; one that finds no carrier within them is unsure,
/// and an unsure sentence is not claimed as the article's own: it counts as carried. There,
/// only an article's best [`SEARCHES`] candidates are searched for.
struct Carriers {
    /// Every sentence (numbered in document order) as its document and its terms:
    /// `terms[start[g]..start[g + 1]]`, one flat list for locality.
    doc: Vec<u32>,
    start: Vec<usize>,
    terms: Vec<u32>,
    /// By term: the sentences that use it, by number of terms then number.
    postings: Vec<Vec<u32>>,
    /// The entries one search may read.
    budget: usize,
}

/// What one worker's searches write: searches run in parallel over one [`Carriers`].
struct Scratch {
    /// By sentence: the last search that looked at it.
    seen: Vec<u32>,
    search: u32,
    /// By term: whether the sentence being searched for has it.
    marked: Vec<bool>,
}

/// The entries of the index one search reads at most in a big story.
const SEARCH_BUDGET: usize = 1000;
/// The candidates of one article searched for at most in a big story.
const SEARCHES: usize = 3;

impl Carriers {
    fn new(terms: &[Vec<Vec<u32>>], n_terms: usize, budget: usize) -> Self {
        let (mut doc, mut start, mut flat) = (Vec::new(), vec![0], Vec::new());
        for (d, sents) in terms.iter().enumerate() {
            for t in sents {
                doc.push(d as u32);
                flat.extend_from_slice(t);
                start.push(flat.len());
            }
        }
        let len = |g: usize| start[g + 1] - start[g];
        let mut order: Vec<usize> = (0..doc.len()).collect();
        order.sort_by_key(|&g| (len(g), g));
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); n_terms];
        for g in order {
            for &term in &flat[start[g]..start[g + 1]] {
                postings[term as usize].push(g as u32);
            }
        }
        Carriers {
            doc,
            start,
            terms: flat,
            postings,
            budget,
        }
    }

    fn scratch(&self) -> Scratch {
        Scratch {
            seen: vec![0; self.doc.len()],
            search: 0,
            marked: vec![false; self.postings.len()],
        }
    }

    fn len(&self, g: u32) -> usize {
        self.start[g as usize + 1] - self.start[g as usize]
    }

    /// Whether a document for which `counts` holds has a sentence at cosine [`CARRIED`] or
    /// more with `x`, the terms of a sentence of the story; `None` when the search ran out of
    /// its budget before it could tell.
    fn carried(&self, w: &mut Scratch, x: &[u32], counts: impl Fn(usize) -> bool) -> Option<bool> {
        for &t in x {
            w.marked[t as usize] = true;
        }
        let found = self.search(w, x, counts);
        for &t in x {
            w.marked[t as usize] = false;
        }
        found
    }

    fn search(&self, w: &mut Scratch, x: &[u32], counts: impl Fn(usize) -> bool) -> Option<bool> {
        let m = x.len();
        let mut order: Vec<u32> = x.to_vec();
        order.sort_by_key(|&t| (self.postings[t as usize].len(), t));
        w.search += 1;
        let mut left = self.budget;
        for (j, &t) in order.iter().enumerate() {
            let list = &self.postings[t as usize];
            let reach = list.partition_point(|&g| reaches(m - j, m, self.len(g), CARRIED));
            if reach > left {
                return None;
            }
            left -= reach;
            for &g in &list[..reach] {
                let g = g as usize;
                if w.seen[g] == w.search || !counts(self.doc[g] as usize) {
                    continue;
                }
                w.seen[g] = w.search;
                let y = &self.terms[self.start[g]..self.start[g + 1]];
                let shared = y.iter().filter(|&&t| w.marked[t as usize]).count();
                if reaches(shared, m, y.len(), CARRIED) {
                    return Some(true);
                }
            }
        }
        Some(false)
    }
}

/// What each document of the story adds. An article is left out when that cannot be told: in
/// a big story, where no sentence of its own was found and not every candidate was settled
/// (searches ran out of budget, or only the best [`SEARCHES`] were asked), saying it adds
/// nothing would be a guess.
pub fn contributions(story: &Story) -> Vec<Contribution> {
    let terms = story.content_terms();
    let n = story.documents.len();
    let (budget, searches) = (story.bound(SEARCH_BUDGET), story.bound(SEARCHES));
    let carriers = Carriers::new(terms, story.vocab.len(), budget);
    let copies = &story.copies;
    // Articles in parallel, in a few pieces (a scratch each: it is as large as the story).
    let piece = n.div_ceil(4 * rayon::current_num_threads()).max(1);
    (0..n)
        .into_par_iter()
        .with_min_len(piece)
        .map_init(
            || carriers.scratch(),
            |w, a| {
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
                let mut readable = cands
                    .iter()
                    .map(|c| c.1)
                    .filter(|&s| can_extract(story, crate::model::SentenceRef { doc: a, sent: s }));
                let (mut settled, mut sentences) = (true, Vec::new());
                for s in readable.by_ref().take(searches) {
                    match carriers.carried(w, &terms[a][s], |b| !copies.same_group(a, b)) {
                        Some(false) => sentences.push(s),
                        Some(true) => {}
                        None => settled = false,
                    }
                    if sentences.len() == 2 {
                        break;
                    }
                }
                // Nothing found: settled only if no readable candidate was left unasked.
                let settled = !sentences.is_empty() || (settled && readable.next().is_none());
                settled.then_some(Contribution {
                    doc: a,
                    sentences,
                    copy_of: copies.copy_of[a],
                })
            },
        )
        .flatten()
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
        let c = Carriers::new(&terms, 10, usize::MAX);
        let mut w = c.scratch();
        let mut by = |doc: usize, sent: usize| -> Vec<bool> {
            let x = &terms[doc][sent];
            (0..4)
                .map(|b| {
                    c.carried(&mut w, x, |d| d == b && d != doc)
                        .expect("no bound")
                })
                .collect()
        };
        assert_eq!(by(0, 0), [false, true, true, false]);
        // Never its own document, however similar its sentences are.
        assert_eq!(by(0, 1), [false, false, true, false]);
        assert_eq!(by(3, 0), [false; 4]);
    }

    #[test]
    fn the_index_answers_as_comparing_every_pair_would() {
        // Sentences of 1 to 12 terms drawn from a few common and many rare terms.
        let mut draw = crate::sets::draws(7);
        let terms: Vec<Vec<Vec<u32>>> = (0..30)
            .map(|_| {
                (0..6)
                    .map(|_| {
                        let k = 1 + draw(12);
                        let mut t: Vec<u32> = (0..k)
                            .map(|_| if draw(4) == 0 { draw(3) } else { 3 + draw(400) } as u32)
                            .collect();
                        t.sort_unstable();
                        t.dedup();
                        t
                    })
                    .collect()
            })
            .collect();
        let c = Carriers::new(&terms, 403, usize::MAX);
        let mut w = c.scratch();
        let (mut yes, mut no) = (0, 0);
        for (a, sents) in terms.iter().enumerate() {
            for (s, x) in sents.iter().enumerate() {
                let counts = |b: usize| b != a && b % 5 != a % 5;
                let want = terms
                    .iter()
                    .enumerate()
                    .filter(|(b, _)| counts(*b))
                    .any(|(_, d)| {
                        d.iter()
                            .any(|y| reaches(crate::sets::shared(x, y), x.len(), y.len(), CARRIED))
                    });
                assert_eq!(c.carried(&mut w, x, counts), Some(want), "{a} {s}");
                if want {
                    yes += 1;
                } else {
                    no += 1;
                }
            }
        }
        assert!(yes > 10 && no > 10, "{yes} {no}");
        // With a budget too small to finish, a sentence no other article carries is unsure; one
        // whose carrier comes first (sharing its rarest term) is found.
        let small = Carriers::new(&terms, 403, 1);
        let lone = (0..terms.len())
            .flat_map(|a| (0..6).map(move |s| (a, s)))
            .find(|&(a, s)| {
                c.carried(&mut w, &terms[a][s], |b| b != a) == Some(false)
                    && !terms[a][s].is_empty()
            })
            .expect("a sentence nobody carries");
        let x = &terms[lone.0][lone.1];
        assert_eq!(
            small.carried(&mut small.scratch(), x, |b| b != lone.0),
            None
        );
        let big = Carriers::new(&terms, 403, 1000);
        assert_eq!(
            big.carried(&mut big.scratch(), x, |b| b != lone.0),
            Some(false)
        );
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
