//! The document model: plain data that flows through the pipeline.
//!
//! An [`Article`] is what a reader produced (raw text plus metadata). Analysis turns it into a
//! [`Document`]: the cleaned text, a record of what cleaning removed, and [`Sentence`]s whose
//! [`Span`]s are byte offsets into the cleaned text. Every later stage refers back to text only
//! through `(doc, span)` pairs, so provenance survives to the output.
//!
//! Indices are 0-based inside the library; writers turn them into the 1-based article numbers
//! users see.

use serde::Serialize;

/// One input article, as a reader produced it. Only `text` is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable identifier (file name, JSONL `id`, ...). Unique within a story after analysis.
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Publication date or timestamp as given (ISO 8601 preferred), never invented. Where the
    /// reader gave none, analysis takes the date a removed timestamp line states.
    pub published: Option<String>,
    /// Who wrote it, as given; where the reader gave nobody, analysis takes the names of the
    /// removed bylines and reporting credits.
    pub authors: Vec<String>,
    /// The language of the text as the input declares it (a BCP 47 tag such as `en` or
    /// `en-GB`), if it does.
    pub language: Option<String>,
    /// Where the article came from (a path, `file:line`, `-:line`), for messages and Markdown.
    pub origin: Option<String>,
    /// Body text, one paragraph per line where the source had paragraphs.
    pub text: String,
}

/// A half-open byte range `[start, end)` into a document's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Why cleaning removed a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalReason {
    Advertisement,
    Byline,
    Dateline,
    Timestamp,
    PhotoCredit,
    ShareWidget,
    NewsletterPrompt,
    SocialPrompt,
    ReadMoreLink,
    RelatedHeadlines,
    AggregatorFooter,
    Copyright,
    MediaPrompt,
    Separator,
    RepeatedAcrossArticles,
    TitleRepeated,
    PageNotice,
}

impl RemovalReason {
    /// A short human explanation, used by `--explain` and in JSON `reason`.
    pub fn describe(self) -> &'static str {
        match self {
            RemovalReason::Advertisement => "advertisement marker",
            RemovalReason::Byline => "byline",
            RemovalReason::Dateline => "dateline",
            RemovalReason::Timestamp => "publication timestamp line",
            RemovalReason::PhotoCredit => "photo caption or credit",
            RemovalReason::ShareWidget => "share/print/comment widget",
            RemovalReason::NewsletterPrompt => "newsletter, subscription or app prompt",
            RemovalReason::SocialPrompt => "social media prompt or embedded post",
            RemovalReason::ReadMoreLink => "read-more or related link",
            RemovalReason::RelatedHeadlines => "list of related headlines",
            RemovalReason::AggregatorFooter => "aggregator footer or wire-service note",
            RemovalReason::Copyright => "copyright notice",
            RemovalReason::MediaPrompt => "media player or browser prompt",
            RemovalReason::Separator => "separator or empty markup",
            RemovalReason::RepeatedAcrossArticles => {
                "short line repeated across unrelated articles"
            }
            RemovalReason::TitleRepeated => "headline repeated at the top of the body",
            RemovalReason::PageNotice => "web archive or error page in place of the article",
        }
    }
}

/// A piece of text that cleaning removed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    pub text: String,
    pub reason: RemovalReason,
}

/// A token: a word of a sentence, with its byte span into the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// Interned stem (lowercased, stemmed) in the story's [`crate::text::Vocab`].
    pub term: u32,
    /// A function word (stop word) or pure punctuation-free number-less filler.
    pub stop: bool,
}

/// A sentence of a document's cleaned text.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub span: Span,
    /// 0-based position in the document.
    pub position: usize,
    /// 0-based paragraph (line) of the cleaned text.
    pub paragraph: usize,
    /// Whitespace-separated words, the unit of the word budget.
    pub words: usize,
    pub tokens: Vec<Token>,
    /// False for sentences that cleaning kept as context only (photo captions): they count as
    /// evidence of what the story is about, but no summary extracts them.
    pub quotable: bool,
}

impl Sentence {
    /// Byte ranges of the sentence's words relative to its start: its tokens' spans, which are
    /// [`crate::text::word_spans`] of its text.
    pub fn word_spans(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let base = self.span.start;
        self.tokens
            .iter()
            .map(move |t| (t.span.start - base, t.span.end - base))
    }
}

/// An analyzed article: cleaned text, what was removed, sentences and tokens.
#[derive(Debug, Clone)]
pub struct Document {
    pub article: Article,
    /// The text all spans point into.
    pub clean: String,
    pub removed: Vec<Removal>,
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// The text of a span of this document's cleaned text.
    pub fn slice(&self, span: Span) -> &str {
        self.clean.get(span.start..span.end).unwrap_or("")
    }
}

/// Points at a sentence: document index and sentence index (both 0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SentenceRef {
    pub doc: usize,
    pub sent: usize,
}

/// One piece of evidence: a document (0-based) and a byte span of its cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Citation {
    pub doc: usize,
    pub span: Span,
}

/// A sentence of the brief's summary with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummarySentence {
    /// The sentence text, exactly the cleaned text at `citations[0]`.
    pub text: String,
    /// The sentence this text was taken from.
    pub origin: Citation,
    /// Every article carrying the same information: the origin first, then by document index.
    pub citations: Vec<Citation>,
    /// The summarizer's score for the sentence (higher is more important).
    pub score: f64,
    /// The disagreements (indices into the brief's `facts.disagreements`) over a figure this
    /// sentence states: the articles do not agree on it, and the reader is told so.
    pub disputed: Vec<usize>,
}
