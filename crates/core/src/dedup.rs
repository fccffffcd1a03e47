//! Copies among a story's articles, decided once for every later stage.
//!
//! **The rule.** Two articles are copies when the Jaccard similarity of their shingle sets is at
//! least [`COPY_SIMILARITY`]. A shingle is a pair of neighbouring content words (stop words and
//! numbers left out, words stemmed), taken over the article's text as read. A syndicated copy
//! (the same words under another site's furniture) and a lightly spun one (a synonym here and
//! there) share most pairs; two reports written separately share few, even about one event. An
//! article with fewer than [`MIN_SHINGLES`] shingles is too short to call a copy of anything.
//!
//! Copies form groups (the relation is closed transitively); the group's first article in
//! reading order is its original and every other member is `copy_of` it. Cleaning's evidence
//! across articles, the summarizer's one-vote-per-group weighting, "what each source adds" and
//! the stream's near-copy lookup (which estimates the same similarity with MinHash, see
//! [`crate::stream::minhash`]) all read this one decision.
//!
//! The same article given twice (the same words, white space aside) is not a copy but a
//! repeated input: [`crate::analyze`] drops it before this stage, with a note.

use crate::sets::DisjointSets;
use crate::text::mix64;

/// Shingle Jaccard similarity from which two articles are copies.
pub const COPY_SIMILARITY: f64 = 0.5;
/// Fewer shingles than this and an article is nobody's copy.
pub const MIN_SHINGLES: usize = 8;

/// The content-word keys of a text in order: the stem key of each word that has a letter and is
/// not a stop word ([`crate::text::content_keys`]). Shingles and the stream's term vectors are
/// made of them.
pub fn word_keys(text: &str) -> Vec<u64> {
    crate::text::content_keys(text)
}

/// The shingle set of a sequence of word keys: each pair of neighbours (order-sensitive),
/// hashed, sorted and de-duplicated.
pub fn shingles(words: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = words
        .windows(2)
        .map(|w| mix64(w[0].rotate_left(17) ^ w[1]))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted, de-duplicated sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Whether two shingle sets make their articles copies by the rule above.
pub fn are_copies(a: &[u64], b: &[u64]) -> bool {
    if a.len() < MIN_SHINGLES || b.len() < MIN_SHINGLES {
        return false;
    }
    // Jaccard can be no more than the smaller size over the larger: most pairs stop here.
    let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
    (small as f64) >= COPY_SIMILARITY * large as f64 && jaccard(a, b) >= COPY_SIMILARITY
}

/// The index entries one article reads for its copies, among more than
/// [`crate::story::BIG_STORY`] articles.
const BIG_BUDGET: usize = 1000;

/// Call `f` on every pair `(a, b)`, `a < b`, that could be copies, each once: a superset of
/// the pairs [`are_copies`] accepts, found by [`crate::sets::overlap_candidates`]' index
/// without comparing all pairs. Jaccard ≥ t needs `shared ≥ t · |a ∪ b| ≥ t · |a|`.
fn each_candidate_pair(shingles: &[Vec<u64>], f: impl FnMut(usize, usize)) {
    let sets: Vec<&[u64]> = shingles.iter().map(Vec::as_slice).collect();
    let need = |len| {
        (len >= MIN_SHINGLES).then(|| ((COPY_SIMILARITY * len as f64).ceil() as usize).max(1))
    };
    // Among thousands of reports of one event, most are near-copies of each other and their
    // shingles' lists grow with the story: in a big story an article reads [`BIG_BUDGET`]
    // entries, its rarest shingles' first (its copies share those).
    let budget = crate::story::bound(shingles.len(), BIG_BUDGET);
    crate::sets::each_overlap_candidate(&sets, need, budget, f);
}

/// The copy groups of a story's documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copies {
    /// `copy_of[d]`: the original of `d`'s group when `d` is not it.
    pub copy_of: Vec<Option<usize>>,
    /// `original[d]`: the original of `d`'s group (`d` itself for an original or a lone article).
    pub original: Vec<usize>,
}

impl Copies {
    /// Decide the copies among documents with these shingle sets; `rank[d]` is `d`'s place in
    /// reading order (the earliest becomes a group's original).
    pub fn find(shingles: &[Vec<u64>], rank: &[usize]) -> Copies {
        let n = shingles.len();
        let mut groups = DisjointSets::new(n);
        each_candidate_pair(shingles, |a, b| {
            // Members of one group already need no comparing (many copies of one text).
            if groups.find(a) != groups.find(b) && are_copies(&shingles[a], &shingles[b]) {
                groups.union(a, b);
            }
        });
        let keys: Vec<usize> = (0..n).map(|d| groups.find(d)).collect();
        Copies::from_groups(&keys, rank)
    }

    /// The same groups over a subset of the documents (`kept[k]` is the `k`-th kept one, with
    /// reading order `rank[k]` among the kept): an original that was left out hands its role to
    /// the earliest kept member of its group.
    pub fn restrict(&self, kept: &[usize], rank: &[usize]) -> Copies {
        let keys: Vec<usize> = kept.iter().map(|&d| self.original[d]).collect();
        Copies::from_groups(&keys, rank)
    }

    /// Groups given as one key per document (equal keys, one group).
    fn from_groups(keys: &[usize], rank: &[usize]) -> Copies {
        let n = keys.len();
        // The original of each group: the member that comes first in reading order.
        let mut first: std::collections::BTreeMap<usize, usize> = Default::default();
        for d in 0..n {
            let f = first.entry(keys[d]).or_insert(d);
            if rank[d] < rank[*f] {
                *f = d;
            }
        }
        let original: Vec<usize> = keys.iter().map(|k| first[k]).collect();
        let copy_of = (0..n)
            .map(|d| (original[d] != d).then_some(original[d]))
            .collect();
        Copies { copy_of, original }
    }

    /// No copies among `n` documents.
    pub fn none(n: usize) -> Copies {
        Copies {
            copy_of: vec![None; n],
            original: (0..n).collect(),
        }
    }

    /// Whether `a` and `b` are in one group (each is a copy of the other or of a third).
    pub fn same_group(&self, a: usize, b: usize) -> bool {
        self.original[a] == self.original[b]
    }

    /// How many documents `d`'s group holds (1 when it has no copy).
    pub fn group_size(&self, d: usize) -> usize {
        self.original
            .iter()
            .filter(|&&o| o == self.original[d])
            .count()
    }

    /// [`Copies::group_size`] of every document, counted in one pass.
    pub fn group_sizes(&self) -> Vec<usize> {
        let mut members = vec![0; self.original.len()];
        for &o in &self.original {
            members[o] += 1;
        }
        self.original.iter().map(|&o| members[o]).collect()
    }
}

/// Reading order: articles by publication date (ISO dates sort as text; undated ones after), then
/// input order. `rank[d]` is article `d`'s place.
pub fn reading_rank(published: &[Option<&str>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..published.len()).collect();
    order.sort_by(|&a, &b| match (published[a], published[b]) {
        (Some(x), Some(y)) => x.cmp(y).then(a.cmp(&b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(&b),
    });
    let mut rank = vec![0; order.len()];
    for (r, d) in order.into_iter().enumerate() {
        rank[d] = r;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "The dam above the valley town of Vell broke early on Sunday, sending a \
        wall of water through the streets and forcing thousands of residents from their homes, \
        officials said. Rescue crews worked through the night.";
    // Another site's copy: the same words under a different header and footer.
    const SYNDICATED: &str = "Regional Daily | News\nThe dam above the valley town of Vell broke \
        early on Sunday, sending a wall of water through the streets and forcing thousands of \
        residents from their homes, officials said. Rescue crews worked through the night.\n\
        Share this story";
    // A report of the same event written separately.
    const OWN_REPORT: &str = "Thousands fled Vell on Sunday after its dam failed. Water from the \
        reservoir filled the lower streets within an hour, the mayor told reporters, and \
        rescuers in boats searched the flooded homes until dawn.";

    fn set(text: &str) -> Vec<u64> {
        shingles(&word_keys(text))
    }

    #[test]
    fn a_syndicated_copy_is_a_copy_and_a_separate_report_is_not() {
        let (wire, copy, own) = (set(WIRE), set(SYNDICATED), set(OWN_REPORT));
        assert!(are_copies(&wire, &copy));
        assert!(!are_copies(&wire, &own));
        assert!(!are_copies(&copy, &own));
    }

    #[test]
    fn short_texts_are_nobodys_copy() {
        let short = set("Dam breaks in Vell");
        assert!(short.len() < MIN_SHINGLES);
        assert!(!are_copies(&short, &short));
    }

    #[test]
    fn jaccard_counts_shared_over_union() {
        assert_eq!(jaccard(&[1, 2, 3, 4], &[3, 4, 5, 6]), 2.0 / 6.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[7], &[7]), 1.0);
    }

    #[test]
    fn groups_point_at_their_earliest_member_in_reading_order() {
        let sets = vec![set(OWN_REPORT), set(SYNDICATED), set(WIRE)];
        // Reading order: the wire story (doc 2) first, then the others.
        let copies = Copies::find(&sets, &[1, 2, 0]);
        assert_eq!(copies.copy_of, vec![None, Some(2), None]);
        assert_eq!(copies.original, vec![0, 2, 2]);
        assert!(copies.same_group(1, 2));
        assert!(!copies.same_group(0, 2));
        assert_eq!(copies.group_size(2), 2);
        assert_eq!(copies.group_size(0), 1);
    }

    #[test]
    fn a_group_left_without_its_original_takes_its_earliest_kept_member() {
        let sets = vec![set(WIRE), set(OWN_REPORT), set(SYNDICATED), set(SYNDICATED)];
        let copies = Copies::find(&sets, &[0, 1, 2, 3]);
        assert_eq!(copies.copy_of, vec![None, None, Some(0), Some(0)]);
        // The wire story (input 0) is left out; inputs 1, 2, 3 are kept, in that order.
        let kept = copies.restrict(&[1, 2, 3], &[0, 1, 2]);
        assert_eq!(kept.copy_of, vec![None, None, Some(1)]);
    }

    #[test]
    fn reading_order_is_by_date_then_input_with_undated_last() {
        let rank = reading_rank(&[None, Some("2026-03-02"), Some("2026-03-01"), None]);
        assert_eq!(rank, vec![2, 1, 0, 3]);
    }

    #[test]
    fn the_prefix_index_finds_every_pair_of_copies() {
        // Sets of consecutive numbers with every overlap around the threshold, a shared common
        // block, sets too short to judge and exact repeats: the candidates hold every pair the
        // rule accepts, each once, and far fewer than all pairs.
        let mut sets: Vec<Vec<u64>> = Vec::new();
        for start in (0..120).step_by(7) {
            for len in [6, 8, 20, 33, 60] {
                let mut s: Vec<u64> = (start..start + len).collect();
                s.extend(1000..1010);
                s.sort_unstable();
                sets.push(s);
            }
        }
        sets.push(sets[3].clone());
        let mut pairs = Vec::new();
        each_candidate_pair(&sets, |a, b| pairs.push((a, b)));
        let unique: std::collections::BTreeSet<(usize, usize)> = pairs.iter().copied().collect();
        assert_eq!(unique.len(), pairs.len(), "each pair once");
        let mut accepted = 0;
        for a in 0..sets.len() {
            for b in a + 1..sets.len() {
                if are_copies(&sets[a], &sets[b]) {
                    accepted += 1;
                    assert!(unique.contains(&(a, b)), "{a} {b}");
                }
            }
        }
        assert!(accepted > 20 && unique.len() < sets.len() * (sets.len() - 1) / 2);
        assert!(unique.iter().all(|&(a, b)| a < b));
    }

    #[test]
    fn group_sizes_count_each_group_once() {
        let sets = vec![set(WIRE), set(OWN_REPORT), set(SYNDICATED), set(SYNDICATED)];
        let copies = Copies::find(&sets, &[0, 1, 2, 3]);
        assert_eq!(copies.group_sizes(), vec![3, 1, 3, 3]);
        let sizes: Vec<usize> = (0..4).map(|d| copies.group_size(d)).collect();
        assert_eq!(copies.group_sizes(), sizes);
    }

    #[test]
    fn copies_of_copies_form_one_group() {
        // b shares most pairs with a and with c, a and c fewer with each other.
        let a: Vec<u64> = (0..100).collect();
        let b: Vec<u64> = (20..120).collect();
        let c: Vec<u64> = (40..140).collect();
        assert!(are_copies(&a, &b) && are_copies(&b, &c) && !are_copies(&a, &c));
        let copies = Copies::find(&[a, b, c], &[0, 1, 2]);
        assert_eq!(copies.copy_of, vec![None, Some(0), Some(0)]);
    }
}
