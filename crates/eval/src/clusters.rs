//! Clustering scores against gold labels: pairwise and BCubed precision, recall and F1.
//!
//! Pairwise counts pairs of items: a pair is predicted when both items share a predicted
//! cluster, correct when they also share a gold one. BCubed (Bagga and Baldwin 1998) scores each
//! item: precision is the share of its predicted cluster that shares its gold cluster, recall
//! the share of its gold cluster that shares its predicted one; both are averaged over items.

use std::collections::HashMap;
use std::hash::Hash;

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// Scores of one clustering.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ClusterScores {
    pub items: usize,
    pub gold_clusters: usize,
    pub predicted_clusters: usize,
    pub pairwise: Prf,
    pub bcubed: Prf,
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Score `(predicted, gold)` labels, one pair per item. Empty input scores zero.
pub fn score<P: Eq + Hash, G: Eq + Hash>(items: &[(P, G)]) -> ClusterScores {
    let mut pred: HashMap<&P, u64> = HashMap::new();
    let mut gold: HashMap<&G, u64> = HashMap::new();
    let mut cell: HashMap<(&P, &G), u64> = HashMap::new();
    for (p, g) in items {
        *pred.entry(p).or_default() += 1;
        *gold.entry(g).or_default() += 1;
        *cell.entry((p, g)).or_default() += 1;
    }
    let (tp, pp, gp) = (
        cell.values().map(|&n| pairs(n)).sum::<u64>(),
        pred.values().map(|&n| pairs(n)).sum::<u64>(),
        gold.values().map(|&n| pairs(n)).sum::<u64>(),
    );
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    // BCubed: an item in cell (p, g) has |cell| items sharing both labels.
    // Summed in sorted order, so the result does not depend on hash order.
    let sum = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.into_iter().sum::<f64>()
    };
    let sq = |n: u64| n as f64 * n as f64;
    let bp = sum(cell
        .iter()
        .map(|((p, _), &n)| sq(n) / pred[p] as f64)
        .collect());
    let br = sum(cell
        .iter()
        .map(|((_, g), &n)| sq(n) / gold[g] as f64)
        .collect());
    let total = items.len().max(1) as f64;
    ClusterScores {
        items: items.len(),
        gold_clusters: gold.len(),
        predicted_clusters: pred.len(),
        pairwise: Prf::new(ratio(tp, pp), ratio(tp, gp)),
        bcubed: Prf::new(bp / total, br / total),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_split_and_merged() {
        let perfect = score(&[(1, "a"), (1, "a"), (2, "b")]);
        assert_eq!(perfect.pairwise.f1, 1.0);
        assert_eq!(perfect.bcubed.f1, 1.0);

        // Gold {a,a,a,a}; predicted {1,1} {2,2}: precise, half the pairs recalled.
        let split = score(&[(1, "a"), (1, "a"), (2, "a"), (2, "a")]);
        assert_eq!(split.pairwise.precision, 1.0);
        assert!((split.pairwise.recall - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!(split.bcubed.precision, 1.0);
        assert!((split.bcubed.recall - 0.5).abs() < 1e-12);

        // Everything merged: gold {a,a} {b,b}.
        let merged = score(&[(1, "a"), (1, "a"), (1, "b"), (1, "b")]);
        assert_eq!(merged.pairwise.recall, 1.0);
        assert!((merged.pairwise.precision - 2.0 / 6.0).abs() < 1e-12);
        assert!((merged.bcubed.precision - 0.5).abs() < 1e-12);
        assert_eq!(merged.bcubed.recall, 1.0);
    }

    #[test]
    fn bcubed_worked_example() {
        // Predicted {x1,x2,y1} {y2}; gold x = {x1,x2}, y = {y1,y2}.
        // Precision: x1 2/3, x2 2/3, y1 1/3, y2 1 -> 8/12. Recall: x1 1, x2 1, y1 1/2, y2 1/2 -> 3/4.
        let s = score(&[(1, "x"), (1, "x"), (1, "y"), (2, "y")]);
        assert!((s.bcubed.precision - 8.0 / 12.0).abs() < 1e-12);
        assert!((s.bcubed.recall - 0.75).abs() < 1e-12);
    }
}
