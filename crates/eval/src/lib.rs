//! # newsbrief-eval
//!
//! ROUGE for evaluating summaries, written to agree with Google's `rouge-score` package
//! (`RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)`, Lsum with one
//! sentence per line) to within 0.01 points on every score. The parity tests in `tests/` compare
//! against values `rouge-score` computed (see `bench/rouge_reference.py`).
//!
//! * [`rouge::score`]: one candidate, one reference; [`rouge::score_multi`]: averaged over
//!   several references; [`rouge::mean`]: averaged over clusters.
//! * [`clusters::score`]: pairwise and BCubed precision, recall and F1 of a clustering.
//! * [`facts`]: the matching rules for scoring quotes, speakers, time values and conflicts
//!   against gold annotations.
//! * [`porter::stem`]: the Porter stemmer as NLTK runs it by default.
//!
//! ```
//! let s = newsbrief_eval::rouge::score("the cats sat on the mat", "the cat sat");
//! assert_eq!(s.rouge1.recall, 1.0);
//! ```
#![forbid(unsafe_code)]

pub mod clusters;
pub mod facts;
pub mod porter;
pub mod rouge;

pub use rouge::{score, score_multi, RougeScores, Score};
