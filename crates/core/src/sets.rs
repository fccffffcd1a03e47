//! Disjoint sets (union-find) over `0..n`, for grouping near-copies and merged quotes. The root
//! of a group is always its smallest member, so groups come out in a stable order. And
//! [`Rows`]: values grouped by a dense key, the inverted indexes of the fact extractors.

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
