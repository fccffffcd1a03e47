//! The JSON shapes users see. Article numbers (`index`, `sources`, `doc`) are 1-based everywhere;
//! `start`/`end` are byte offsets into that article's cleaned text (`--with-text` adds it).

use newsbrief_core::{Brief, Citation, SummarySentence};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct BriefOut {
    pub title: String,
    pub method: String,
    pub documents: Vec<DocumentOut>,
    pub summary: Vec<SentenceOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentOut {
    pub index: usize,
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// Where the article was read from (file path, `file:line`).
    pub file: Option<String>,
    pub removed: Vec<RemovedOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RemovedOut {
    pub text: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceOut {
    pub text: String,
    /// The article the text was taken from (its span is in `spans` too).
    pub from: usize,
    /// Every article carrying the information, ascending; `spans` is parallel to it.
    pub sources: Vec<usize>,
    pub spans: Vec<SpanOut>,
    pub score: f64,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct SpanOut {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
}

/// One output line of `newsbrief batch`.
#[derive(Debug, Clone, Serialize)]
pub struct BatchLine {
    pub id: String,
    pub summary: String,
    pub sentences: Vec<BatchSentence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BatchSentence {
    pub text: String,
    pub sources: Vec<usize>,
}

/// A sentence's citations in ascending article order (the origin is named separately).
pub fn sorted_citations(s: &SummarySentence) -> Vec<Citation> {
    let mut c = s.citations.clone();
    c.sort_by_key(|c| c.doc);
    c
}

/// Round scores so that output stays short and stable.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl BriefOut {
    pub fn from_brief(b: &Brief, with_text: bool) -> BriefOut {
        BriefOut {
            title: b.title.clone(),
            method: b.method.to_string(),
            documents: b
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| DocumentOut {
                    index: i + 1,
                    id: d.article.id.clone(),
                    title: d.article.title.clone(),
                    source: d.article.source.clone(),
                    url: d.article.url.clone(),
                    published: d.article.published.clone(),
                    file: d.article.origin.clone(),
                    removed: d
                        .removed
                        .iter()
                        .map(|r| RemovedOut {
                            text: r.text.clone(),
                            reason: serde_json::to_value(r.reason)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                .unwrap_or_default(),
                        })
                        .collect(),
                    text: with_text.then(|| d.clean.clone()),
                })
                .collect(),
            summary: b
                .summary
                .iter()
                .map(|s| {
                    let cites = sorted_citations(s);
                    SentenceOut {
                        text: s.text.clone(),
                        from: s.origin.doc + 1,
                        sources: cites.iter().map(|c| c.doc + 1).collect(),
                        spans: cites
                            .iter()
                            .map(|c| SpanOut {
                                doc: c.doc + 1,
                                start: c.span.start,
                                end: c.span.end,
                            })
                            .collect(),
                        score: round4(s.score),
                    }
                })
                .collect(),
        }
    }
}

impl BatchLine {
    pub fn from_brief(id: &str, b: &Brief) -> BatchLine {
        BatchLine {
            id: id.to_string(),
            summary: b
                .summary
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            sentences: b
                .summary
                .iter()
                .map(|s| BatchSentence {
                    text: s.text.clone(),
                    sources: sorted_citations(s).iter().map(|c| c.doc + 1).collect(),
                })
                .collect(),
        }
    }
}
