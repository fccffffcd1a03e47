//! What each source adds: its sentences no other article carries, and whether it is a
//! near-copy of another article.
//!
//! Two articles are near-copies when at least 80% of the shorter one's sentences have a
//! counterpart in the other (content-word cosine at least 0.6): a syndicated copy repeats the
//! sentences, a spun one rewords a few words in each and still matches. The copy points at the
//! earlier article (publication date, then input order).

use crate::sets::Rows;
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

/// How many terms a sentence of `len` terms shares at least with one it reaches cosine² `k2`
/// with (see [`SentenceIndex`]); a margin keeps rounding safe.
fn need(k2: f64, len: usize) -> usize {
    (k2 * len as f64 - 1e-9).ceil().max(1.0) as usize
}

/// `rank[d]`: reading order of the documents (earlier first).
pub fn contributions(story: &Story, rank: &[usize]) -> Vec<Contribution> {
    let terms = story.content_terms();
    let n = story.documents.len();
    let index = SentenceIndex::new(terms, story.vocab.len());
    let mut scratch = Scratch::default();
    // Sentences of three content words or more, per document: what `covered` counts.
    let total: Vec<usize> = terms
        .iter()
        .map(|sents| sents.iter().filter(|t| t.len() >= 3).count())
        .collect();
    // The share of a's sentences (of three content words or more) that an upper bound of
    // their counterparts in b allows, and the share copied in b.
    let bound = index.copy_bounds(n);
    let share = |hit: usize, a: usize| {
        if total[a] == 0 {
            0.0
        } else {
            hit as f64 / total[a] as f64
        }
    };
    let may_cover = |a: usize, b: usize| share(bound[a * n + b] as usize, a) >= COPY_SHARE;
    let mut covered = |a: usize, b: usize| -> f64 {
        let first = index.doc_start[a] as usize;
        let hit = terms[a]
            .iter()
            .enumerate()
            .filter(|(s, t)| t.len() >= 3 && index.copied_in(first + s, b, &mut scratch))
            .count();
        share(hit, a)
    };
    let mut copy_of: Vec<Option<usize>> = vec![None; n];
    for a in 0..n {
        for b in 0..n {
            if a == b || rank[b] > rank[a] || copy_of[a].is_some() {
                continue;
            }
            // a copies the earlier b when most of a is in b and most of b is in a (which the
            // bounds rule out for most pairs).
            if may_cover(a, b)
                && may_cover(b, a)
                && covered(a, b) >= COPY_SHARE
                && covered(b, a) >= COPY_SHARE
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
            // of this one does not count). Both are checked in rank order, so most candidates
            // are never looked at.
            let first = index.doc_start[a] as usize;
            let sentences = cands
                .iter()
                .map(|c| c.1)
                .filter(|&s| can_extract(d, &d.sentences[s]))
                .filter(|&s| {
                    !index.carried(first + s, &mut scratch, |b| b != a && copy_of[b] != Some(a))
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

/// The content terms of every sentence of a story, by global sentence id (document by
/// document), with an inverted index in compressed rows over the story's term ids.
///
/// Only sentences sharing a term are ever compared, and no square root is taken. The most
/// common terms of a sentence `x` are not looked up (prefix filtering): a pair reaching cosine
/// `k` shares at least `k² · |x|` terms with `x` (the overlap `c` is at most `|y|`, so
/// `c² ≥ k² |x| |y| ≥ k² |x| c`), so it shares one of the others too, and the skipped terms
/// are added to the count of each pair found.
struct SentenceIndex<'t> {
    flat: Vec<&'t [u32]>,
    doc_of: Vec<u32>,
    /// Global id of each document's first sentence, and the total at the end.
    doc_start: Vec<u32>,
    /// The sentences holding each term, ascending.
    postings: Rows,
}

/// Buffers reused across lookups: overlap counts by sentence (zero between lookups), the
/// sentences counted, and a sentence's terms with its most common ones in front.
#[derive(Default)]
struct Scratch {
    counts: Vec<u32>,
    touched: Vec<u32>,
    by_df: Vec<u32>,
    /// By term: the number of the last count that skipped it (counts are numbered from 1),
    /// so that a sentence's skipped terms are found by one load per term of the other.
    skipped: Vec<u32>,
    /// The number of the last count.
    counted: u32,
}

impl<'t> SentenceIndex<'t> {
    fn new(terms: &'t [Vec<Vec<u32>>], n_terms: usize) -> Self {
        let mut flat: Vec<&[u32]> = Vec::new();
        let mut doc_of: Vec<u32> = Vec::new();
        let mut doc_start: Vec<u32> = Vec::with_capacity(terms.len() + 1);
        for (d, sents) in terms.iter().enumerate() {
            doc_start.push(flat.len() as u32);
            for t in sents {
                doc_of.push(d as u32);
                flat.push(t);
            }
        }
        doc_start.push(flat.len() as u32);
        let postings = Rows::new(
            n_terms,
            flat.iter()
                .enumerate()
                .flat_map(|(g, t)| t.iter().map(move |&term| (term, g as u32))),
        );
        SentenceIndex {
            flat,
            doc_of,
            doc_start,
            postings,
        }
    }

    fn df(&self, term: u32) -> usize {
        self.postings.row(term).len()
    }

    /// Count the overlap of sentence `me` with the sentences that share one of its terms
    /// (all but the ones a pair reaching cosine² `k2` can do without), among the sentences
    /// whose global ids are in one of the two ranges `within`, into `scratch`. Returns how many common
    /// terms were skipped; they are at the front of `scratch.by_df`.
    fn count(&self, me: usize, k2: f64, within: [(u32, u32); 2], scratch: &mut Scratch) -> usize {
        let mine = self.flat[me];
        if scratch.counts.len() < self.flat.len() {
            scratch.counts.resize(self.flat.len(), 0);
        }
        let skip = need(k2, mine.len()) - 1;
        scratch.by_df.clear();
        scratch.by_df.extend_from_slice(mine);
        if skip > 0 && skip < mine.len() {
            // The `skip` most common in front, in any order (which ones on ties does not matter:
            // any `skip` terms can be skipped).
            scratch
                .by_df
                .select_nth_unstable_by_key(skip - 1, |&t| std::cmp::Reverse(self.df(t)));
        }
        scratch.counted += 1;
        if scratch.skipped.len() < self.postings.keys() {
            scratch.skipped.resize(self.postings.keys(), 0);
        }
        for &term in &scratch.by_df[..skip.min(mine.len())] {
            scratch.skipped[term as usize] = scratch.counted;
        }
        scratch.touched.clear();
        for &term in &scratch.by_df[skip.min(mine.len())..] {
            let list = self.postings.row(term);
            for (from, to) in within {
                if from >= to {
                    continue;
                }
                // The postings in `from..to` (ascending sentence ids).
                let start = list.partition_point(|&o| o < from);
                let end = start + list[start..].partition_point(|&o| o < to);
                for &other in &list[start..end] {
                    let c = &mut scratch.counts[other as usize];
                    if *c == 0 {
                        scratch.touched.push(other);
                    }
                    *c += 1;
                }
            }
        }
        skip
    }

    /// The overlap of `me` with a counted sentence `other` when their cosine can reach `k2`
    /// (squared), else `None`; resets `other`'s count.
    fn overlap(
        &self,
        me: usize,
        other: u32,
        k2: f64,
        skip: usize,
        scratch: &mut Scratch,
    ) -> Option<f64> {
        let (mine, theirs) = (self.flat[me], self.flat[other as usize]);
        let found = std::mem::take(&mut scratch.counts[other as usize]) as usize;
        // cosine² = c² / (|mine| · |theirs|), compared without the square root.
        let denom = (mine.len() as f64) * (theirs.len() as f64);
        // Most pairs share one or two words: too few even if every skipped term they have room
        // for is shared.
        let most = (found + skip.min(theirs.len() - found)) as f64;
        if most * most < k2 * denom {
            return None;
        }
        // Their terms that `me` skipped (terms are distinct within a sentence).
        let shared = found
            + theirs
                .iter()
                .filter(|&&t| scratch.skipped[t as usize] == scratch.counted)
                .count();
        let c = shared as f64;
        (c * c >= k2 * denom).then_some(c)
    }

    /// `bound[a * n + b]`: an upper bound of how many sentences of document `a` (of three
    /// content words or more) have a counterpart in document `b` (of `n`) with a content-word
    /// cosine of at least [`COPY_SENTENCE`]: those sharing at least `COPY_SENTENCE² · |x|` of
    /// their terms `x` with all of `b` (see [`SentenceIndex`] for the bound).
    ///
    /// With at most 64 documents, each term's documents are one bit mask, and a sentence's
    /// count per document is kept in bit planes (plane `k` holds bit `k` of every document's
    /// count): adding a term is a carry chain over the planes, and the documents reaching the
    /// threshold come out of one comparison of the planes with it, from the top bit down.
    fn copy_bounds(&self, n: usize) -> Vec<u32> {
        if n > 64 {
            return self.copy_bounds_by_rows(n);
        }
        let k2 = COPY_SENTENCE * COPY_SENTENCE;
        let mut docs = vec![0u64; self.postings.keys()];
        for (g, t) in self.flat.iter().enumerate() {
            let bit = 1u64 << self.doc_of[g];
            for &term in *t {
                docs[term as usize] |= bit;
            }
        }
        let all = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
        let mut bound = vec![0u32; n * n];
        let mut planes = [0u64; 64];
        for (g, mine) in self.flat.iter().enumerate() {
            if mine.len() < 3 {
                continue;
            }
            let a = self.doc_of[g] as usize;
            let least = need(k2, mine.len()) as u64;
            // Counts reach at most `mine.len()` (and `least` is no more): a plane per bit of it.
            let top = 64 - (mine.len() as u64).leading_zeros() as usize;
            planes[..top].fill(0);
            for &term in *mine {
                let mut carry = docs[term as usize];
                let mut k = 0;
                while carry != 0 {
                    let both = planes[k] & carry;
                    planes[k] ^= carry;
                    carry = both;
                    k += 1;
                }
            }
            // Documents whose count is above `least` in the bits seen so far, and equal to it.
            let (mut above, mut equal) = (0u64, all);
            for (k, &plane) in planes[..top].iter().enumerate().rev() {
                if least >> k & 1 == 1 {
                    equal &= plane;
                } else {
                    above |= equal & plane;
                    equal &= !plane;
                }
            }
            let mut reach = (above | equal) & all & !(1u64 << a);
            while reach != 0 {
                bound[a * n + reach.trailing_zeros() as usize] += 1;
                reach &= reach - 1;
            }
        }
        bound
    }

    /// [`SentenceIndex::copy_bounds`] for any number of documents: one pass over the
    /// documents of each sentence's terms.
    fn copy_bounds_by_rows(&self, n: usize) -> Vec<u32> {
        let k2 = COPY_SENTENCE * COPY_SENTENCE;
        // The documents of each term, each once.
        let n_terms = self.postings.keys();
        let mut last_doc = vec![u32::MAX; n_terms];
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (g, t) in self.flat.iter().enumerate() {
            for &term in *t {
                if last_doc[term as usize] != self.doc_of[g] {
                    last_doc[term as usize] = self.doc_of[g];
                    pairs.push((term, self.doc_of[g]));
                }
            }
        }
        let docs = Rows::new(n_terms, pairs.iter().copied());
        let mut bound = vec![0u32; n * n];
        let mut shared = vec![0u32; n];
        for (g, mine) in self.flat.iter().enumerate() {
            if mine.len() < 3 {
                continue;
            }
            let a = self.doc_of[g] as usize;
            let least = need(k2, mine.len()) as u32;
            for &term in *mine {
                for &b in docs.row(term) {
                    shared[b as usize] += 1;
                }
            }
            for (b, c) in shared.iter_mut().enumerate() {
                if b != a && *c >= least {
                    bound[a * n + b] += 1;
                }
                *c = 0;
            }
        }
        bound
    }

    /// Whether a sentence counted by [`SentenceIndex::count`] (which skipped `skip` terms of
    /// `me`) of a document `keep` accepts reaches cosine² `k2` with `me`. Resets every count,
    /// also after a match.
    fn any_reaching(
        &self,
        me: usize,
        k2: f64,
        skip: usize,
        scratch: &mut Scratch,
        keep: impl Fn(usize) -> bool,
    ) -> bool {
        let touched = std::mem::take(&mut scratch.touched);
        let mut found = false;
        for &other in &touched {
            if found || !keep(self.doc_of[other as usize] as usize) {
                scratch.counts[other as usize] = 0;
            } else {
                found = self.overlap(me, other, k2, skip, scratch).is_some();
            }
        }
        scratch.touched = touched;
        found
    }

    /// Whether sentence `me` has a counterpart in document `b` with a content-word cosine of at
    /// least [`COPY_SENTENCE`].
    fn copied_in(&self, me: usize, b: usize, scratch: &mut Scratch) -> bool {
        let k2 = COPY_SENTENCE * COPY_SENTENCE;
        let (from, to) = (self.doc_start[b], self.doc_start[b + 1]);
        let skip = self.count(me, k2, [(from, to), (0, 0)], scratch);
        self.any_reaching(me, k2, skip, scratch, |_| true)
    }

    /// Whether a sentence of a document `keep` accepts has a content-word cosine of at least
    /// [`CARRIED`] with sentence `me` (never one of `me`'s own document).
    fn carried(&self, me: usize, scratch: &mut Scratch, keep: impl Fn(usize) -> bool) -> bool {
        let k2 = CARRIED * CARRIED;
        // Every sentence but those of `me`'s own document.
        let a = self.doc_of[me] as usize;
        let (own, next) = (self.doc_start[a], self.doc_start[a + 1]);
        let skip = self.count(me, k2, [(0, own), (next, u32::MAX)], scratch);
        self.any_reaching(me, k2, skip, scratch, keep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::numbers_below;

    /// Levels of [`brute_force`]: a sentence has a counterpart at [`CARRIED`], or at
    /// [`COPY_SENTENCE`].
    const IS_CARRIED: u8 = 1;
    const IS_COPIED: u8 = 2;

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
    fn copy_bounds_by_bit_planes_equal_the_rows_up_to_64_documents() {
        let mut next = numbers_below(0x9e37_79b9_7f4a_7c15);
        for n in [1usize, 2, 5, 63, 64] {
            // Few terms, so that many documents hold most of a sentence's terms; sentences
            // of up to 70 terms, so that counts take seven bit planes.
            let n_terms = 80;
            let terms: Vec<Vec<Vec<u32>>> = (0..n)
                .map(|_| {
                    (0..4)
                        .map(|_| {
                            let mut s: Vec<u32> =
                                (0..1 + next(70)).map(|_| next(n_terms) as u32).collect();
                            s.sort_unstable();
                            s.dedup();
                            s
                        })
                        .collect()
                })
                .collect();
            let index = SentenceIndex::new(&terms, n_terms as usize);
            let bound = index.copy_bounds(n);
            assert_eq!(bound, index.copy_bounds_by_rows(n), "{n} documents");
            if n > 1 {
                assert!(bound.iter().any(|&b| b > 0), "{n} documents");
            }
        }
    }

    #[test]
    fn pruned_lookups_equal_comparing_every_pair() {
        // Sentences of 1 to 30 terms drawn from a skewed vocabulary (a few terms in most
        // sentences, as "said" is), some of them reworded copies of earlier ones.
        let mut next = numbers_below(0x2545_f491_4f6c_dd1d);
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
        let index = SentenceIndex::new(&terms, n_terms as usize);
        let n = terms.len();
        let bound = index.copy_bounds(n);
        // The bit planes count exactly as the rows do.
        assert_eq!(bound, index.copy_bounds_by_rows(n));
        let mut scratch = Scratch::default();
        let mut g = 0;
        let mut hits = vec![0u32; n * n];
        for (a, sents) in expected.iter().enumerate() {
            for (s, levels) in sents.iter().enumerate() {
                for (b, &l) in levels.iter().enumerate() {
                    let copied = b != a && index.copied_in(g, b, &mut scratch);
                    assert_eq!(copied, l == IS_COPIED, "doc {a} sentence {s} in {b}");
                    if copied && terms[a][s].len() >= 3 {
                        hits[a * n + b] += 1;
                    }
                    // Carried in document b alone, and in any document but one.
                    let alone = index.carried(g, &mut scratch, |x| x == b);
                    assert_eq!(alone, l >= IS_CARRIED, "doc {a} sentence {s} in {b}");
                }
                let any_but = |skip: usize| {
                    levels
                        .iter()
                        .enumerate()
                        .any(|(b, &l)| b != skip && l >= IS_CARRIED)
                };
                let skip = (a + 1) % n;
                assert_eq!(
                    index.carried(g, &mut scratch, |x| x != skip),
                    any_but(skip),
                    "doc {a} sentence {s}"
                );
                g += 1;
            }
        }
        // Counts are left at zero between lookups.
        assert!(scratch.counts.iter().all(|&c| c == 0));
        // The bounds hold, and are tight enough to rule out some pairs.
        assert!(
            hits.iter().zip(&bound).all(|(h, b)| h <= b),
            "{hits:?} {bound:?}"
        );
        assert!(hits.iter().any(|&h| h > 0));
        assert!(bound.iter().zip(&hits).any(|(b, h)| b > h));
    }
}
