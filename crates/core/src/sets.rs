//! Sets and groups shared by the stages: [`DisjointSets`] (union-find over `0..n`, for copies
//! and merged quotes; a group's root is its smallest member, so groups come out in a stable
//! order), [`Rows`] (values grouped by a dense key: the fact extractors' inverted indexes), and
//! operations on sorted, de-duplicated lists of term ids ([`similarity`], [`shared`],
//! [`disjoint`]).

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

#[cfg(test)]
mod tests {
    use super::*;

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
