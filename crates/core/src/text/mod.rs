//! Text analysis: sentences, tokens, stems, stop words.
//!
//! Small, separately tested pieces: [`sentence::split`] finds sentence spans in cleaned text;
//! [`tokenize`] turns a sentence into [`Token`](crate::model::Token)s whose spans point into the
//! same cleaned text (filters never move offsets) and whose terms are interned in a per-story
//! [`Vocab`]. Stemming is Snowball English (`rust-stemmers`), memoised per thread by word (a pure
//! memo: a result never depends on the thread); stop words are NLTK's English list (`stop-words`)
//! plus news function words. [`WordSet`]s are the fixed word lists of the fact rules.

pub mod sentence;
mod token;
mod wordset;

pub(crate) use token::push_folded;
pub use token::{
    content_keys, count_clean_words, count_words, fold_case, mix64, same_words, stable_hash,
    stem_key, stem_text, term_of, terms_of, text_fingerprint, tokenize, tokenize_keyed, word_spans,
    Lexicon, Vocab,
};
pub use wordset::{WordSet, DAY_WORDS, MONTH_NAMES, MONTH_WORDS, WEEKDAY_NAMES};
