//! Near-duplicate articles: MinHash signatures over word shingles, found through locality-
//! sensitive hashing (LSH) in time that grows linearly with the stream.
//!
//! Shingles and the copy rule are [`crate::dedup`]'s; a stream estimates the shingle Jaccard
//! similarity, so that it finds an article's copies without comparing it with every earlier
//! article. The signature keeps,
//! for each of [`HASHES`] hash functions, the smallest hash of any shingle; the share of equal
//! positions of two signatures estimates the Jaccard similarity of their shingle sets (Broder
//! 1997). LSH cuts the signature into [`BANDS`] bands of [`ROWS`] rows; two articles become
//! candidates when one band is equal, which happens with probability `1 - (1 - J^ROWS)^BANDS`
//! (about 0.94 at J = 0.5, under 0.2 at J = 0.2). Candidates are then checked on the whole
//! signature.

use rustc_hash::FxHashMap;

use crate::text::mix64;

/// Hash functions per signature.
pub const HASHES: usize = 60;
/// LSH bands, and rows per band (`BANDS * ROWS == HASHES`).
pub const BANDS: usize = 20;
pub const ROWS: usize = 3;
/// Fewer shingles than this and an article is too short to call a copy of anything.
pub use crate::dedup::MIN_SHINGLES;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

/// Seeds of the hash family: fixed, so signatures are the same on every run.
fn seeds() -> &'static [(u64, u64); HASHES] {
    static SEEDS: std::sync::OnceLock<[(u64, u64); HASHES]> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut s = [(0u64, 0u64); HASHES];
        for (i, slot) in s.iter_mut().enumerate() {
            // Odd multipliers: multiplication by an odd number is a bijection on u64.
            *slot = (mix64(2 * i as u64 + 1) | 1, mix64(2 * i as u64 + 2));
        }
        s
    })
}

/// The signature of a set of shingle keys, or `None` when there are fewer than
/// [`MIN_SHINGLES`].
pub fn signature(shingles: &[u64]) -> Option<Signature> {
    if shingles.len() < MIN_SHINGLES {
        return None;
    }
    let mut sig = [u32::MAX; HASHES];
    for &sh in shingles {
        for (slot, &(a, b)) in sig.iter_mut().zip(seeds()) {
            let h = (sh.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
            if h < *slot {
                *slot = h;
            }
        }
    }
    Some(Signature(sig))
}

impl Signature {
    /// Estimated Jaccard similarity: the share of equal positions.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    fn band_key(&self, band: usize) -> u64 {
        let rows = &self.0[band * ROWS..(band + 1) * ROWS];
        rows.iter()
            .fold(band as u64, |h, &r| mix64(h ^ u64::from(r)))
    }
}

/// The LSH index of the signatures inserted and not removed since (a stream keeps those of a
/// window of days: see [`super::Clusterer`]). Items are numbered by the caller, in stream
/// order.
#[derive(Debug, Default)]
pub struct LshIndex {
    buckets: FxHashMap<u64, Vec<u32>>,
    signatures: FxHashMap<u32, Signature>,
}

impl LshIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// The earliest indexed item whose estimated Jaccard similarity with `sig` is at least
    /// `threshold` (ties: the most similar, then the earliest), without adding `sig`.
    pub fn find(&self, sig: &Signature, threshold: f64) -> Option<(u32, f64)> {
        let mut best: Option<(u32, f64)> = None;
        let mut seen: Vec<u32> = Vec::new();
        for band in 0..BANDS {
            let Some(items) = self.buckets.get(&sig.band_key(band)) else {
                continue;
            };
            for &item in items {
                if seen.contains(&item) {
                    continue;
                }
                seen.push(item);
                let sim = self.signatures[&item].similarity(sig);
                if sim < threshold {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((b, s)) => sim > s || (sim == s && item < b),
                };
                if better {
                    best = Some((item, sim));
                }
            }
        }
        best
    }

    /// Add item `id` with its signature.
    pub fn insert(&mut self, id: u32, sig: Signature) {
        for band in 0..BANDS {
            self.buckets.entry(sig.band_key(band)).or_default().push(id);
        }
        self.signatures.insert(id, sig);
    }

    /// Take item `id` out of the index (nothing when it is not there).
    pub fn remove(&mut self, id: u32) {
        let Some(sig) = self.signatures.remove(&id) else {
            return;
        };
        for band in 0..BANDS {
            let key = sig.band_key(band);
            if let Some(items) = self.buckets.get_mut(&key) {
                items.retain(|&i| i != id);
                if items.is_empty() {
                    self.buckets.remove(&key);
                }
            }
        }
    }

    /// The signature of item `id`, if indexed.
    pub fn signature(&self, id: u32) -> Option<&Signature> {
        self.signatures.get(&id)
    }

    /// Number of indexed signatures.
    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<u64> {
        text.split_whitespace()
            .map(crate::text::stable_hash)
            .collect()
    }

    #[test]
    fn copies_are_found_and_other_texts_are_not() {
        let original = "the dam above the town of vell broke early on sunday morning sending a wall of water through the valley and forcing thousands from their homes officials said";
        // A spun copy: three words swapped for synonyms.
        let spun = "the dam above the town of vell failed early on sunday morning sending a wall of water through the valley and driving thousands from their houses officials said";
        let other = "dockworkers at the port of saltmere walked off the job at midnight demanding higher pay and limits on automation the union said talks had collapsed";
        let sig = |t: &str| signature(&crate::dedup::shingles(&keys(t))).expect("long enough");
        let mut index = LshIndex::new();
        index.insert(0, sig(original));
        index.insert(1, sig(other));
        let found = index.find(&sig(spun), 0.4).expect("the spun copy is found");
        assert_eq!(found.0, 0);
        assert!(found.1 < 1.0);
        assert_eq!(index.find(&sig(original), 0.4).map(|f| f.0), Some(0));
        let unrelated = "parliament passed the budget late on thursday after a long debate over farm subsidies and the cost of new schools in the north";
        assert_eq!(index.find(&sig(unrelated), 0.4), None);
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(signature(&crate::dedup::shingles(&keys("too short to judge"))).is_none());
    }

    #[test]
    fn estimate_tracks_jaccard() {
        // 100 shared shingles, 100 only in a, 100 only in b: J = 1/3.
        let a: Vec<u64> = (0..200).map(mix64).collect();
        let b: Vec<u64> = (100..300).map(mix64).collect();
        let (sa, sb) = (signature(&a).unwrap(), signature(&b).unwrap());
        let est = sa.similarity(&sb);
        assert!((est - 1.0 / 3.0).abs() < 0.15, "estimate {est}");
    }

    #[test]
    fn a_removed_item_is_found_no_more() {
        let a: Vec<u64> = (0..200).map(mix64).collect();
        let b: Vec<u64> = (1000..1200).map(mix64).collect();
        let (sa, sb) = (signature(&a).unwrap(), signature(&b).unwrap());
        let mut index = LshIndex::new();
        index.insert(0, sa.clone());
        index.insert(1, sb.clone());
        index.remove(0);
        index.remove(7); // not there: nothing happens
        assert_eq!(index.find(&sa, 0.5), None);
        assert_eq!(index.find(&sb, 0.5).map(|f| f.0), Some(1));
        assert_eq!((index.len(), index.signature(0)), (1, None));
        index.remove(1);
        assert!(index.is_empty() && index.buckets.is_empty());
    }
}
