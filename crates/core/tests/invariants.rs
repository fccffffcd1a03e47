//! Pipeline invariants on arbitrary text: no panic, spans valid and faithful, budget kept,
//! output deterministic.

// Test helpers outside #[test] functions may unwrap: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use newsbrief_core::{analyze, build_brief, summarize, Article};
use proptest::prelude::*;

/// Text made of news-like pieces and hostile characters.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The dam broke on Sunday. ".to_string()),
        Just("“It is over,” he said. ".to_string()),
        Just("``Yes,'' she said. ".to_string()),
        Just("LONDON (Reuters) - ".to_string()),
        Just("Advertisement\n".to_string()),
        Just("Mr. J. Smith of the U.S. paid $1.5 billion at 9 a.m. Monday. ".to_string()),
        Just("… ".to_string()),
        Just("\n\n".to_string()),
        Just("’ é ü 中文 😀 ".to_string()),
        Just("Share on Facebook\n".to_string()),
        "[A-Za-z ,.!?'\"\n-]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_invariants(texts in prop::collection::vec(messy_text(), 1..5), words in 0usize..80) {
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Article { id: format!("a{i}"), text: t.clone(), ..Default::default() })
            .collect();
        for method in summarize::registry() {
            let brief = build_brief(analyze(articles.clone()), method, words);
            let again = build_brief(analyze(articles.clone()), method, words);
            let total: usize = brief.summary.iter().map(|s| s.text.split_whitespace().count()).sum();
            prop_assert!(total <= words || brief.summary.len() == 1);
            // Deterministic: the whole brief (documents, summary, citations, facts) is the same.
            prop_assert_eq!(format!("{brief:?}"), format!("{again:?}"));
            for s in &brief.summary {
                let c = s.citations[0];
                prop_assert_eq!(c, s.origin);
                // The text is the origin span, except that its first letter may be upper-cased
                // (after a dropped connective).
                let quoted = brief.documents[c.doc].slice(c.span);
                prop_assert_eq!(quoted.to_lowercase(), s.text.to_lowercase());
                prop_assert_eq!(quoted.chars().skip(1).collect::<String>(), s.text.chars().skip(1).collect::<String>());
                for c in &s.citations {
                    let clean = &brief.documents[c.doc].clean;
                    prop_assert!(c.span.end <= clean.len());
                    prop_assert!(clean.is_char_boundary(c.span.start) && clean.is_char_boundary(c.span.end));
                }
            }
        }
    }
}
