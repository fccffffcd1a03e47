//! # newsbrief-formats
//!
//! Bytes in, model out; model in, bytes out. No file system access: the caller reads the bytes
//! (and knows the file name and line), this crate parses and renders them.
//!
//! * [`decode`](mod@decode): bytes to text: empty and binary input are errors, invalid UTF-8
//!   is decoded lossily and reported.
//! * [`read`]: articles from plain text / Markdown, HTML (readability-style extraction with
//!   `dom_smoothie`), a JSON object, a JSONL line; clusters from the benchmark JSONL format.
//! * [`date`]: publication dates in one form, checked against the calendar (`chrono`).
//! * [`sniff`](mod@sniff): a file's kind from its first bytes and its name.
//! * [`html`]: the article of a page, the text of a fragment, the nesting bound.
//! * [`feed`]: RSS, Atom and JSON Feed entries as articles (`feed-rs`).
//! * [`warc`]: the HTML pages of a web archive as articles, streamed (`warc`).
//! * [`wire`]: the JSON types users see (the brief schema, the batch line).
//! * [`write`](mod@write): Markdown and JSON renderings of a [`newsbrief_core::Brief`].
#![forbid(unsafe_code)]

pub mod date;
pub mod decode;
pub mod feed;
pub mod html;
pub mod read;
pub mod sniff;
pub mod warc;
pub mod wire;
pub mod write;

pub use decode::{decode, Decoded};
pub use read::{
    parse_article, parse_cluster_line, parse_json_articles, parse_jsonl_article, Cluster,
    FormatError, Kind,
};
pub use sniff::{sniff, Sniffed};
