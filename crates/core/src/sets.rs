//! Sets and groups shared by the stages: [`DisjointSets`] (union-find over `0..n`, for copies
//! and merged quotes; a group's root is its smallest member, so groups come out in a stable
//! order), [`Rows`] (values grouped by a dense key: the fact extractors' inverted indexes), and
//! operations on sorted, de-duplicated lists of term ids ([`similarity`], [`shared`],
//! [`disjoint`]), and [`overlap_candidates`] (the pairs of many sets that may overlap enough,
//! without comparing every pair).

#[derive(Debug, Clone)]
pub(crate) struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    pub(crate) fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    /// The smallest member of `x`'s group.
    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Values grouped by a dense key, in compressed rows: `row(k)` holds the values of key `k` in
/// the order they were given. For inverted indexes (term → sentences, stem → quotes).
#[derive(Debug, Clone)]
pub(crate) struct Rows {
    /// `values[start[k]..start[k + 1]]` belong to key `k`.
    start: Vec<u32>,
    values: Vec<u32>,
}

impl Rows {
    /// Group `(key, value)` pairs, keys below `n_keys` (the pairs are read twice: counted, then
    /// placed).
    pub(crate) fn new(n_keys: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Rows {
        let mut start = vec![0u32; n_keys + 1];
        for (k, _) in pairs.clone() {
            start[k as usize + 1] += 1;
        }
        for i in 0..n_keys {
            start[i + 1] += start[i];
        }
        let mut fill = start[..n_keys].to_vec();
        let mut values = vec![0u32; start[n_keys] as usize];
        for (k, v) in pairs {
            let at = &mut fill[k as usize];
            values[*at as usize] = v;
            *at += 1;
        }
        Rows { start, values }
    }

    /// The values of key `k`.
    pub(crate) fn row(&self, k: u32) -> &[u32] {
        &self.values[self.start[k as usize] as usize..self.start[k as usize + 1] as usize]
    }
}

/// Every pair `(a, b)`, `a < b`, of sets that may share enough elements, each once, in order of
/// `b` then first sighting, without comparing all pairs (prefix filtering: Chaudhuri et al.
/// 2006, Bayardo et al. 2007). `need(len)`: how many elements a set of `len` must share with a
/// partner for the pair to count (a lower bound that holds whatever the partner; `None` when
/// the set can have none). Order each set's elements rarest first (by how many sets hold them,
/// then by value): two sets sharing at least `k` elements share one among the first
/// `len - k + 1` of each, so an index of those prefixes finds every such pair. The rare
/// elements that lead the prefixes keep the lists short: unrelated sets rarely meet, and the
/// work grows with the sets, not with their pairs. A superset of the pairs: the caller checks
/// each.
///
/// `budget`: the index entries each set reads at most (`usize::MAX`: all), its rarest
/// elements' first: the pairs of a set with its most likely partners, for stories where a set
/// meets a share of all others (hundreds of articles giving one figure in the same words).
/// With a budget the pairs are no longer a superset of those that share enough.
pub(crate) fn overlap_candidates<T: Copy + Ord + std::hash::Hash>(
    sets: &[&[T]],
    need: impl Fn(usize) -> Option<usize>,
    budget: usize,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    each_overlap_candidate(sets, need, budget, |a, b| pairs.push((a, b)));
    pairs
}

/// [`overlap_candidates`], each pair handed to `f` as it is found (for callers that
/// decide at once and keep nothing, like the copies' union-find).
pub(crate) fn each_overlap_candidate<T: Copy + Ord + std::hash::Hash>(
    sets: &[&[T]],
    need: impl Fn(usize) -> Option<usize>,
    budget: usize,
    mut f: impl FnMut(usize, usize),
) {
    use rustc_hash::FxHashMap as HashMap;
    let need: Vec<Option<usize>> = sets.iter().map(|s| need(s.len())).collect();
    let usable = |i: usize| need[i].is_some_and(|k| k >= 1 && k <= sets[i].len());
    let mut df: HashMap<T, u32> = HashMap::default();
    for i in (0..sets.len()).filter(|&i| usable(i)) {
        for &x in sets[i] {
            *df.entry(x).or_insert(0) += 1;
        }
    }
    let mut index: HashMap<T, Vec<usize>> = HashMap::default();
    let mut seen_with = vec![usize::MAX; sets.len()];
    let mut prefix: Vec<(u32, T)> = Vec::new();
    for b in (0..sets.len()).filter(|&i| usable(i)) {
        prefix.clear();
        prefix.extend(sets[b].iter().map(|&x| (df[&x], x)));
        prefix.sort_unstable();
        prefix.truncate(sets[b].len() + 1 - need[b].unwrap_or(1));
        // An element no other set holds finds no partner: it is not indexed (most shingles
        // of a text are its own).
        let mut left = budget;
        for &(_, x) in prefix.iter().filter(|(df, _)| *df > 1) {
            let holders = index.entry(x).or_default();
            for &a in holders.iter().take(left) {
                if seen_with[a] != b {
                    seen_with[a] = b;
                    f(a, b);
                }
            }
            left = left.saturating_sub(holders.len());
            holders.push(b);
        }
    }
}

/// Set cosine of two sorted, de-duplicated term lists.
pub(crate) fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    cosine(shared(a, b), a.len(), b.len())
}

/// Set cosine of two lists of `a` and `b` terms that share `shared`.
pub(crate) fn cosine(shared: usize, a: usize, b: usize) -> f64 {
    shared as f64 / ((a * b) as f64).sqrt()
}

/// Whether two sorted lists share no element.
pub(crate) fn disjoint<T: Ord>(a: &[T], b: &[T]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

/// Number of terms two sorted, de-duplicated lists share.
pub(crate) fn shared(a: &[u32], b: &[u32]) -> usize {
    common(a, b).count()
}

/// The elements two sorted lists share, in order.
pub(crate) fn common<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(a[i - 1]);
                }
            }
        }
        None
    })
}

/// For tests: a fixed pseudo-random sequence (a 64-bit linear congruential generator), each
/// call giving a number below `n`; the same `seed` gives the same numbers.
#[cfg(test)]
pub(crate) fn draws(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut next = seed;
    move |n| {
        next = next
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (next >> 33) % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_candidates_hold_every_pair_that_shares_enough() {
        // Term lists of 2 to 14 terms from 5 common and 80 rare terms; a pair counts when it
        // reaches a cosine of 0.7 with 3 shared terms, as the timeline's rule for one event.
        let mut raw = draws(11);
        let mut draw = |n: u64| raw(n) as u32;
        // Every third list rewords an earlier one: one term changed, one added.
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for i in 0..150 {
            let mut t: Vec<u32> = if i % 3 == 2 {
                let mut t = lists[draw(i) as usize].clone();
                let at = draw(t.len() as u64) as usize;
                t[at] = 5 + draw(80);
                t.push(5 + draw(80));
                t
            } else {
                let k = 2 + draw(13);
                (0..k)
                    .map(|_| if draw(3) == 0 { draw(5) } else { 5 + draw(80) })
                    .collect()
            };
            t.sort_unstable();
            t.dedup();
            lists.push(t);
        }
        let sets: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        let need = |m: usize| Some(((0.49 * m as f64 - 1e-9).ceil() as usize).max(3));
        let pairs = overlap_candidates(&sets, need, usize::MAX);
        let found: std::collections::BTreeSet<(usize, usize)> = pairs.iter().copied().collect();
        assert_eq!(found.len(), pairs.len(), "each pair once");
        let mut matching = 0;
        for a in 0..sets.len() {
            for b in a + 1..sets.len() {
                if shared(sets[a], sets[b]) >= 3 && similarity(sets[a], sets[b]) >= 0.7 {
                    matching += 1;
                    assert!(found.contains(&(a, b)), "{:?} {:?}", sets[a], sets[b]);
                }
            }
        }
        // Far fewer candidates than pairs, and a set too short for three shared is in none.
        let all = sets.len() * (sets.len() - 1) / 2;
        assert!(
            matching >= 10 && found.len() * 4 < all,
            "{matching} {}",
            found.len()
        );
        let short = overlap_candidates(&[&[1u32, 2][..], &[1, 2]], need, usize::MAX);
        assert!(short.is_empty());
    }

    #[test]
    fn a_budget_bounds_the_partners_each_set_meets_rarest_first() {
        // Forty sets sharing a common element; set 5 and the last also share a rare one.
        let mut sets: Vec<Vec<u32>> = (0..40).map(|i| vec![0, 100 + i]).collect();
        sets[5].push(999);
        sets[39].push(999);
        let refs: Vec<&[u32]> = sets.iter().map(Vec::as_slice).collect();
        let all = overlap_candidates(&refs, |_| Some(1), usize::MAX);
        assert_eq!(all.len(), 40 * 39 / 2);
        let few = overlap_candidates(&refs, |_| Some(1), 3);
        let mut met = [0; 40];
        for &(_, b) in &few {
            met[b] += 1;
        }
        assert!(met.iter().all(|&n| n <= 3) && met[39] == 3, "{met:?}");
        // The rare element is read first: the last set meets set 5.
        assert!(few.contains(&(5, 39)));
    }

    #[test]
    fn rows_group_values_by_key_in_order_given() {
        let pairs = [(2, 10), (0, 11), (2, 12), (3, 13), (2, 14)];
        let rows = Rows::new(5, pairs.iter().copied());
        assert_eq!(rows.row(0), [11]);
        assert!(rows.row(1).is_empty() && rows.row(4).is_empty());
        assert_eq!(rows.row(2), [10, 12, 14]);
        assert_eq!(rows.row(3), [13]);
    }
}
