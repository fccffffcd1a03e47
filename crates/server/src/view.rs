//! The brief JSON (`newsbrief brief --format json`, README "JSON brief") as types the server
//! reads back: the pages are rendered from exactly the JSON the API returns, and the same
//! types are the brief's schema in the OpenAPI document. Every struct denies unknown fields,
//! and a test reads every brief the API returns with them and writes it back unchanged, so the
//! documented schema cannot drift from the real output.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A brief: the summary with its citations, the facts, and the articles.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    pub title: String,
    pub method: String,
    pub documents: Vec<Document>,
    pub summary: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    pub disagreements: Vec<Disagreement>,
    pub timeline: Vec<Event>,
    pub entities: Vec<Entity>,
    pub unique: Vec<Unique>,
}

/// An article of the brief; `index` is its number (from 1) in every citation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub index: usize,
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The publication date as given, else as its timestamp line states it.
    pub published: Option<String>,
    /// Who wrote it, as given, else as its bylines name them.
    pub authors: Vec<String>,
    /// The language the input declares (`en`, `en-GB`), if it does.
    pub language: Option<String>,
    pub file: Option<String>,
    pub removed: Vec<Removed>,
    /// The cleaned text the spans point into (only when asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Something cleaning took out of an article, and why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Removed {
    pub text: String,
    pub reason: String,
}

/// A sentence of the summary: taken from article `from`, carried by every article of
/// `sources` (at `spans`, parallel to it).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Sentence {
    pub text: String,
    pub from: usize,
    pub sources: Vec<usize>,
    pub spans: Vec<Span>,
    pub score: f64,
    /// The disagreements (numbers from 1 in `disagreements`) over a figure it states.
    pub disputed: Vec<usize>,
}

/// Bytes `start..end` of article `doc`'s cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub speaker: Option<String>,
    pub text: String,
    pub sources: Vec<usize>,
    pub spans: Vec<Span>,
}

/// A figure (or a date) the articles give differently.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Disagreement {
    pub about: String,
    pub values: Vec<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DisagreementValue)]
pub struct Value {
    pub value: String,
    pub qualifier: Option<String>,
    pub sources: Vec<usize>,
    pub sentence: String,
    pub spans: Vec<Span>,
    pub revised: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = TimelineEvent)]
pub struct Event {
    pub date: Option<String>,
    pub precision: String,
    pub period: Option<String>,
    pub when: String,
    pub event: String,
    pub sources: Vec<usize>,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub sources: Vec<usize>,
}

/// What article `doc` says that no other does (or that it is a near-copy of another).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Unique {
    pub doc: usize,
    pub sentences: Vec<String>,
    pub spans: Vec<Span>,
    pub copy_of: Option<usize>,
}

impl Brief {
    pub fn parse(json: &str) -> Result<Brief, crate::security::ApiError> {
        serde_json::from_str(json).map_err(crate::security::ApiError::internal)
    }

    /// The document numbered `index` (from 1).
    pub fn doc(&self, index: usize) -> Option<&Document> {
        index
            .checked_sub(1)
            .and_then(|i| self.documents.get(i))
            .filter(|d| d.index == index)
    }
}
