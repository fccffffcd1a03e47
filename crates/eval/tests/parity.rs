//! Parity with Google's `rouge-score` (use_stemmer=True, Lsum one sentence per line).
//!
//! The expected values were computed by `bench/rouge_reference.py` with the real package; `.ci/run`
//! regenerates them and fails if they differ from the committed files, so these tests compare the
//! Rust code against the reference implementation on every CI run.

// Test helpers outside #[test] functions may unwrap: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use newsbrief_eval::{porter, rouge};
use serde_json::Value;

const PAIRS: &str = include_str!("fixtures/rouge_pairs.jsonl");
const EXPECTED: &str = include_str!("fixtures/rouge_expected.jsonl");
const STEMS: &str = include_str!("fixtures/stems.tsv");

/// Tolerance in ROUGE points (x100), as the issue requires.
const TOLERANCE_POINTS: f64 = 0.01;

#[test]
fn rouge_matches_rouge_score_on_every_pair_and_measure() {
    let pairs: Vec<Value> = PAIRS
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let expected: Vec<Value> = EXPECTED
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pairs.len(), expected.len());
    assert!(pairs.len() >= 200);
    let mut worst = 0.0f64;
    let mut failures = Vec::new();
    for (p, e) in pairs.iter().zip(&expected) {
        assert_eq!(p["n"], e["n"]);
        let got = rouge::score(
            p["candidate"].as_str().unwrap(),
            p["reference"].as_str().unwrap(),
        );
        for (name, s) in [
            ("rouge1", got.rouge1),
            ("rouge2", got.rouge2),
            ("rougeL", got.rouge_l),
            ("rougeLsum", got.rouge_lsum),
        ] {
            let want: Vec<f64> = e[name]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            for (k, (g, w)) in [s.precision, s.recall, s.f1]
                .into_iter()
                .zip(want)
                .enumerate()
            {
                let diff = (g - w).abs() * 100.0;
                worst = worst.max(diff);
                if diff > TOLERANCE_POINTS {
                    failures.push(format!(
                        "pair {} {name}[{k}]: rust {g} rouge-score {w}",
                        p["n"]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "largest difference: {worst:.2e} points over {} pairs",
        pairs.len()
    );
}

#[test]
fn porter_matches_nltk_on_generated_inflections() {
    let mut n = 0;
    for line in STEMS.lines() {
        let (word, want) = line.split_once('\t').unwrap();
        assert_eq!(porter::stem(word), want, "{word}");
        n += 1;
    }
    assert!(n > 1000);
}
