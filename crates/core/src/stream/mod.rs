//! Stories from a stream of articles: near-duplicate detection ([`minhash`]) and online story
//! clustering ([`cluster`]). Pure and deterministic like the rest of the core: the caller reads
//! the stream, computes [`features`] (in parallel if it likes), and feeds them in publication
//! order to a [`Clusterer`]. A store keeps each article's features and checkpoints of the
//! clusterer as bytes ([`Features::to_bytes`], [`Clusterer::to_bytes`]), so it can resume.

pub mod cluster;
mod codec;
pub mod minhash;

pub use cluster::{features, features_of_cleaned, Assignment, Clusterer, Features, Params};
pub use codec::DecodeError;
