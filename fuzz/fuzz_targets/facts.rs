//! The whole pipeline with its facts (quotes, figures, dates, names) on two articles made from
//! any text: no panic, and every citation and fact span cuts its document's text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief_core::{analyze, build_brief, summarize, Article};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cut = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    let (a, b) = text.split_at(cut);
    let articles = [a, b]
        .iter()
        .enumerate()
        .map(|(i, t)| Article {
            id: i.to_string(),
            published: Some("2026-03-09".into()),
            text: t.to_string(),
            ..Default::default()
        })
        .collect();
    let story = analyze(articles);
    let Some(method) = summarize::by_name(summarize::DEFAULT_METHOD) else {
        return;
    };
    let brief = build_brief(story, method, 60);
    for s in &brief.summary {
        for c in &s.citations {
            let doc = &brief.documents[c.doc];
            assert!(doc.clean.get(c.span.start..c.span.end).is_some());
        }
    }
});
