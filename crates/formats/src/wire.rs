//! The JSON shapes users see. Article numbers (`index`, `sources`, `doc`) are 1-based everywhere;
//! `start`/`end` are byte offsets into that article's cleaned text (`--with-text` adds it).

use newsbrief_core::facts::time::Resolved;
use newsbrief_core::{Brief, Citation, SummarySentence};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct BriefOut {
    pub title: String,
    pub method: String,
    pub documents: Vec<DocumentOut>,
    pub summary: Vec<SentenceOut>,
    pub quotes: Vec<QuoteOut>,
    pub disagreements: Vec<DisagreementOut>,
    pub timeline: Vec<EventOut>,
    pub entities: Vec<EntityOut>,
    pub unique: Vec<UniqueOut>,
}

/// A quotation and every article carrying it.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteOut {
    pub speaker: Option<String>,
    pub text: String,
    pub sources: Vec<usize>,
    /// The quoted words in each article (a split quote has several spans per article).
    pub spans: Vec<SpanOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DisagreementOut {
    /// What the figures count, in words ("people killed", "percent of vote"); a date
    /// disagreement reads "date of: …". Disagreements come ranked, the surest conflicts first.
    pub about: String,
    pub values: Vec<ValueOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueOut {
    pub value: String,
    pub qualifier: Option<String>,
    pub sources: Vec<usize>,
    pub sentence: String,
    /// Where the value is written, per article.
    pub spans: Vec<SpanOut>,
    /// A newer figure: an article revised its own earlier figure to this one, or a later
    /// article reports a count that grew (an update, not a conflict).
    pub revised: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventOut {
    /// `YYYY-MM-DD` when the expression resolves to a day, else null (see `period`).
    pub date: Option<String>,
    /// "day", "week", "month", "quarter", "season" or "year".
    pub precision: String,
    /// `2026-03-09`, `week of 2026-03-02`, `2026-03`, `2026-Q3`, `summer 2026` or `2026`.
    pub period: Option<String>,
    pub when: String,
    pub event: String,
    pub sources: Vec<usize>,
    /// The event's sentence in each article.
    pub spans: Vec<SpanOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityOut {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub sources: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UniqueOut {
    pub doc: usize,
    pub sentences: Vec<String>,
    pub spans: Vec<SpanOut>,
    pub copy_of: Option<usize>,
}

fn span_out(c: &Citation) -> SpanOut {
    SpanOut {
        doc: c.doc + 1,
        start: c.span.start,
        end: c.span.end,
    }
}

fn one_based(v: &[usize]) -> Vec<usize> {
    v.iter().map(|d| d + 1).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentOut {
    pub index: usize,
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// Who wrote it (given, or named by its bylines); empty when nobody is named.
    pub authors: Vec<String>,
    /// The language the input declares (`en`, `en-GB`), if it does.
    pub language: Option<String>,
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
    /// The disagreements (numbers from 1 in `disagreements`) over a figure the sentence
    /// states; empty when the articles agree.
    pub disputed: Vec<usize>,
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
        let f = &b.facts;
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
                    authors: d.article.authors.clone(),
                    language: d.article.language.clone(),
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
                        disputed: s.disputed.iter().map(|d| d + 1).collect(),
                    }
                })
                .collect(),
            quotes: f
                .quotes
                .iter()
                .map(|q| QuoteOut {
                    speaker: q.speaker.clone(),
                    text: q.text.clone(),
                    sources: one_based(&q.sources),
                    spans: q.spans.iter().map(span_out).collect(),
                })
                .collect(),
            disagreements: f
                .disagreements
                .iter()
                .map(|d| DisagreementOut {
                    about: d.about.clone(),
                    values: d
                        .values
                        .iter()
                        .map(|v| ValueOut {
                            value: v.value.clone(),
                            qualifier: v.qualifier.clone(),
                            sources: one_based(&v.sources),
                            sentence: v.sentence.clone(),
                            spans: v.spans.iter().map(span_out).collect(),
                            revised: v.revised,
                        })
                        .collect(),
                })
                .collect(),
            timeline: f
                .timeline
                .iter()
                .map(|e| EventOut {
                    date: match e.resolved {
                        Resolved::Day(d) => Some(d.to_string()),
                        _ => None,
                    },
                    precision: e.resolved.precision().to_string(),
                    period: e.resolved.period(),
                    when: e.when.clone(),
                    event: e.event.clone(),
                    sources: one_based(&e.sources),
                    spans: e.spans.iter().map(span_out).collect(),
                })
                .collect(),
            entities: f
                .entities
                .iter()
                .map(|e| EntityOut {
                    name: e.name.clone(),
                    kind: e.kind.as_str().to_string(),
                    aliases: e.aliases.clone(),
                    roles: e.roles.clone(),
                    sources: one_based(&e.sources),
                })
                .collect(),
            unique: f
                .unique
                .iter()
                .map(|u| {
                    let d = &b.documents[u.doc];
                    UniqueOut {
                        doc: u.doc + 1,
                        sentences: u
                            .sentences
                            .iter()
                            .map(|&s| d.slice(d.sentences[s].span).to_string())
                            .collect(),
                        spans: u
                            .sentences
                            .iter()
                            .map(|&s| SpanOut {
                                doc: u.doc + 1,
                                start: d.sentences[s].span.start,
                                end: d.sentences[s].span.end,
                            })
                            .collect(),
                        copy_of: u.copy_of.map(|c| c + 1),
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
