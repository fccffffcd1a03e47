//! Throughput of each pipeline stage over the bundled example stories (text, Markdown and JSONL
//! articles; the HTML page is left out: extraction belongs to `newsbrief-formats`).
//!
//! `cargo bench -p newsbrief-core --bench stages`. Each timed loop checks its result (sentence
//! and token counts, a non-empty summary) so that speed is never measured on a broken output.
//!
//! The `facts` group times each fact extractor. `NEWSBRIEF_BENCH_STORY=FILE.jsonl` (one
//! `{"text": ...}` article per line) adds that story to both groups, to profile on real clusters.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use newsbrief_core::clean::{clean_story, CleanInput};
use newsbrief_core::summarize::{by_name, DEFAULT_METHOD};
use newsbrief_core::text::{sentence, tokenize, Lexicon, Vocab};
use newsbrief_core::{analyze, Article};

fn stories() -> Vec<Vec<Article>> {
    let dam = [
        include_str!("../../../examples/dam-collapse/01-valley-courier.txt"),
        include_str!("../../../examples/dam-collapse/02-eastmarch-herald.md"),
        include_str!("../../../examples/dam-collapse/03-newswire.txt"),
        include_str!("../../../examples/dam-collapse/04-regional-daily-syndicated.txt"),
    ];
    let port: Vec<String> = include_str!("../../../examples/port-strike/articles.jsonl")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("example JSONL");
            v["text"].as_str().expect("text").to_string()
        })
        .collect();
    let mk = |texts: Vec<String>| -> Vec<Article> {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Article {
                id: i.to_string(),
                text,
                ..Default::default()
            })
            .collect()
    };
    let mut all = vec![mk(dam.iter().map(|s| s.to_string()).collect()), mk(port)];
    if let Ok(path) = std::env::var("NEWSBRIEF_BENCH_STORY") {
        let text = std::fs::read_to_string(&path).expect("NEWSBRIEF_BENCH_STORY is readable");
        let texts = text
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("story JSONL");
                v["text"].as_str().expect("text").to_string()
            })
            .collect();
        all.push(mk(texts));
    }
    all
}

fn inputs(story: &[Article]) -> Vec<CleanInput<'_>> {
    story
        .iter()
        .map(|a| CleanInput {
            text: &a.text,
            title: None,
        })
        .collect()
}

fn bytes(stories: &[Vec<Article>]) -> u64 {
    stories.iter().flatten().map(|a| a.text.len() as u64).sum()
}

fn stages(c: &mut Criterion) {
    let stories = stories();
    let total = bytes(&stories);
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(total));

    g.bench_function("clean", |b| {
        b.iter(|| {
            let mut kept = 0;
            for s in &stories {
                kept += clean_story(black_box(&inputs(s)))
                    .iter()
                    .map(|c| c.text.len())
                    .sum::<usize>();
            }
            assert!(kept > 0);
        })
    });

    let cleaned: Vec<String> = stories
        .iter()
        .flat_map(|s| clean_story(&inputs(s)).into_iter().map(|c| c.text))
        .collect();
    g.bench_function("split", |b| {
        b.iter(|| {
            let n: usize = cleaned
                .iter()
                .map(|t| sentence::split(black_box(t)).len())
                .sum();
            assert!(n > 40);
        })
    });

    let sentences: Vec<(&str, usize)> = cleaned
        .iter()
        .flat_map(|t| {
            sentence::split(t)
                .into_iter()
                .map(move |s| (&t[s.span.start..s.span.end], s.span.start))
        })
        .collect();
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            let mut vocab = Vocab::new();
            let n: usize = sentences
                .iter()
                .map(|(t, base)| {
                    tokenize(black_box(t), *base, Lexicon::english(), &mut vocab).len()
                })
                .sum();
            assert!(n > 800);
        })
    });

    let analyzed: Vec<_> = stories.iter().map(|s| analyze(s.clone())).collect();
    let method = by_name(DEFAULT_METHOD).expect("default method");
    g.bench_function("summarize", |b| {
        b.iter(|| {
            for story in &analyzed {
                assert!(!method.select(black_box(story), 120).is_empty());
            }
        })
    });

    g.bench_function("whole brief (analyze + summarize + cite)", |b| {
        b.iter(|| {
            for s in &stories {
                let brief = newsbrief_core::build_brief(analyze(black_box(s.clone())), method, 120);
                assert!(!brief.summary.is_empty());
            }
        })
    });
    g.finish();
}

fn facts(c: &mut Criterion) {
    use newsbrief_core::facts::{self, entities, numbers, quotes, timeline, unique};
    let stories = stories();
    let analyzed: Vec<_> = stories.iter().map(|s| analyze(s.clone())).collect();
    let rank = |s: &newsbrief_core::Story| (0..s.documents.len()).collect::<Vec<_>>();
    let mut g = c.benchmark_group("facts");
    g.throughput(Throughput::Bytes(bytes(&stories)));
    g.bench_function("entities", |b| {
        b.iter(|| {
            for s in &analyzed {
                assert!(!entities::find_entities(black_box(&s.documents))
                    .list
                    .is_empty());
            }
        })
    });
    let found: Vec<_> = analyzed
        .iter()
        .map(|s| entities::find_entities(&s.documents))
        .collect();
    g.bench_function("quotes", |b| {
        b.iter(|| {
            for (s, e) in analyzed.iter().zip(&found) {
                let all = s
                    .documents
                    .iter()
                    .enumerate()
                    .flat_map(|(i, d)| quotes::find_quotes(i, black_box(d), e))
                    .collect();
                assert!(!quotes::merge_quotes(all).is_empty());
            }
        })
    });
    g.bench_function("time expressions", |b| {
        b.iter(|| {
            for s in &analyzed {
                let published = timeline::publication_dates(black_box(s));
                assert!(!timeline::find_dated(s, &published).is_empty());
            }
        })
    });
    let dated: Vec<_> = analyzed
        .iter()
        .map(|s| timeline::find_dated(s, &timeline::publication_dates(s)))
        .collect();
    g.bench_function("numbers", |b| {
        b.iter(|| {
            for (s, d) in analyzed.iter().zip(&dated) {
                let claims = numbers::story_claims(black_box(s), d);
                assert!(!claims.is_empty());
                black_box(numbers::disagreements(s, claims));
            }
        })
    });
    g.bench_function("unique", |b| {
        b.iter(|| {
            for s in &analyzed {
                assert!(!unique::contributions(black_box(s), &rank(s)).is_empty());
            }
        })
    });
    g.bench_function("all facts", |b| {
        b.iter(|| {
            for s in &analyzed {
                assert!(!facts::extract(black_box(s), &rank(s)).entities.is_empty());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, stages, facts);
criterion_main!(benches);
