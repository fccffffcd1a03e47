//! # newsbrief-core
//!
//! The newsbrief pipeline as pure functions over one document model. No I/O, no clock: bytes
//! are read and written by `newsbrief-formats`, the store and the front ends; this crate only
//! turns articles into briefs, deterministically.
//!
//! * [`model`]: [`Article`] in; [`Document`] (cleaned text, removals, [`Sentence`]s with byte
//!   [`Span`]s, [`Token`]s) through; [`SummarySentence`]s with [`Citation`]s out. Depends on
//!   nothing else of the crate.
//! * [`text`]: sentence splitting, words, stems, stop words, stable keys.
//! * [`clean`]: boilerplate removal by rules and cross-article evidence, with a removal record.
//! * [`dedup`]: which articles are copies of which, decided once for every later stage.
//! * [`story`]: [`analyze`] runs cleaning, copies and text analysis over a story's articles and
//!   reports bad articles as [`Diagnostic`]s instead of failing.
//! * [`extract`]: what a sentence must be to be extracted, and what of it is quoted.
//! * [`summarize`]: the [`Summarizer`] trait and the [`summarize::registry`] of methods.
//! * [`cite`]: which articles support a sentence.
//! * [`facts`]: quotes and speakers, numeric disagreements, time expressions and the timeline,
//!   names, and what each source adds; all extractive and cited.
//! * [`brief`]: [`build_brief`] puts it together into a [`Brief`].
//! * [`stream`]: online story clustering of an article stream, with near-copies by MinHash.
//! * [`params`]: the one error type for `--param name=value`.
//!
//! ```
//! use newsbrief_core::{analyze, build_brief, summarize, Article};
//!
//! let articles = vec![
//!     Article { id: "a".into(), text: "The dam broke on Sunday, flooding the valley town of Vell.".into(), ..Default::default() },
//!     Article { id: "b".into(), text: "Flood waters covered Vell after the dam broke on Sunday.\nAdvertisement".into(), ..Default::default() },
//! ];
//! let story = analyze(articles);
//! let method = summarize::by_name(summarize::DEFAULT_METHOD).unwrap();
//! let brief = build_brief(story, method, 40);
//! let first = &brief.summary[0];
//! // Every sentence cites the articles that carry it, with byte spans into their cleaned text.
//! assert_eq!(first.citations.len(), 2);
//! let c = first.citations[1];
//! assert!(brief.documents[c.doc].slice(c.span).contains("dam broke"));
//! ```
#![forbid(unsafe_code)]

pub mod brief;
pub mod cite;
pub mod clean;
pub mod dedup;
pub mod extract;
pub mod facts;
pub mod model;
pub mod params;
mod sets;
pub mod story;
pub mod stream;
pub mod summarize;
pub mod text;

pub use brief::{build_brief, build_summary, Brief};
pub use model::{
    Article, Citation, Document, Removal, RemovalReason, Sentence, SentenceRef, Span,
    SummarySentence, Token,
};
pub use params::ParamError;
pub use story::{analyze, Diagnostic, Severity, Story};
pub use summarize::{Summarizer, DEFAULT_METHOD};
