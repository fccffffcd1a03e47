//! Disagreement detection on written test stories (invented text): half report a real conflict,
//! half are traps that must not be flagged (killed vs injured, two attacks, a figure the
//! article revises itself, one amount written two ways, approximate figures that agree,
//! an offer vs a demand, two meetings, different things counted, one day told before and after,
//! a lower bound and a figure that fits it).
//! Precision and recall over all stories must stay at or above 90% and 80%.

use newsbrief_core::{analyze, facts, Article};
use serde_json::Value;

fn number(s: &str) -> String {
    // "1.2 million" / "$2 million" / "Fifteen" -> a plain number; dates stay as they are.
    if s.len() == 10 && s.as_bytes()[4] == b'-' {
        return s.to_string();
    }
    let lower = s.to_lowercase();
    let words = [("fifteen", 15.0), ("twelve", 12.0)];
    if let Some(&(_, v)) = words.iter().find(|(w, _)| lower.starts_with(w)) {
        return format!("{v}");
    }
    let digits: String = lower
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut v: f64 = digits.parse().unwrap_or(f64::NAN);
    if lower.contains("million") {
        v *= 1e6;
    }
    format!("{v}")
}

#[test]
fn disagreement_precision_and_recall_on_written_stories() {
    let stories: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/disagreements.json")).unwrap();
    assert!(stories.len() >= 20);
    let traps = stories
        .iter()
        .filter(|s| s["expect"].as_array().unwrap().is_empty())
        .count();
    assert!(traps * 2 >= stories.len(), "half of the stories are traps");
    let (mut reported, mut correct, mut expected, mut found) = (0, 0, 0, 0);
    let mut problems = Vec::new();
    for s in &stories {
        let name = s["name"].as_str().unwrap();
        let published: Vec<Option<String>> = s["published"]
            .as_array()
            .map(|a| a.iter().map(|p| p.as_str().map(String::from)).collect())
            .unwrap_or_default();
        let articles: Vec<Article> = s["articles"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, t)| Article {
                id: format!("{i}"),
                text: t.as_str().unwrap().to_string(),
                published: published.get(i).cloned().flatten(),
                ..Default::default()
            })
            .collect();
        let story = analyze(articles);
        let got = facts::extract(&story).disagreements;
        let want: Vec<Vec<String>> = s["expect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let mut v: Vec<String> = e
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| number(x.as_str().unwrap()))
                    .collect();
                v.sort();
                v
            })
            .collect();
        let got_sets: Vec<Vec<String>> = got
            .iter()
            .map(|d| {
                let mut v: Vec<String> = d.values.iter().map(|x| number(&x.value)).collect();
                v.sort();
                v
            })
            .collect();
        // Every reported value must be cited where it is written.
        for d in &got {
            for v in &d.values {
                for c in &v.spans {
                    let text = story.documents[c.doc].slice(c.span);
                    assert!(
                        number(text) == number(&v.value) || d.about.starts_with("date of"),
                        "{name}: span {text:?} vs {:?}",
                        v.value
                    );
                }
            }
        }
        reported += got_sets.len();
        expected += want.len();
        for g in &got_sets {
            if want.contains(g) {
                correct += 1;
            } else {
                problems.push(format!("{name}: false alarm {g:?}"));
            }
        }
        for w in &want {
            if got_sets.contains(w) {
                found += 1;
            } else {
                problems.push(format!("{name}: missed {w:?} (got {got_sets:?})"));
            }
        }
    }
    let precision = correct as f64 / reported.max(1) as f64;
    let recall = found as f64 / expected.max(1) as f64;
    println!(
        "disagreements: {} stories ({traps} traps): precision {correct}/{reported} = {:.1}%, recall {found}/{expected} = {:.1}%",
        stories.len(),
        100.0 * precision,
        100.0 * recall
    );
    for p in &problems {
        println!("  {p}");
    }
    assert!(precision >= 0.9, "precision {precision}: {problems:#?}");
    assert!(recall >= 0.8, "recall {recall}: {problems:#?}");
}
