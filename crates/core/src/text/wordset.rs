//! Fixed word lists with constant-time, case-insensitive lookup.
//!
//! The rules of the fact extractors consult word lists (titles, speech verbs, qualifiers) for
//! nearly every word of a story. A [`WordSet`] keeps the list as written in the source, for
//! review, and builds a hash set of it on first use; [`WordSet::contains_lower`] lower-cases
//! the probe on the stack, so a lookup allocates nothing for ordinary words.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// A static list of lower-case words.
pub struct WordSet {
    words: &'static [&'static str],
    built: OnceLock<Built>,
}

/// The lookup structures of a [`WordSet`], built on first use.
struct Built {
    set: FxHashSet<&'static [u8]>,
    /// `first[n]`: bit `b` is set when a listed word of `n` bytes starts with byte `b`. Most
    /// probes are not in the list, and this rejects them before hashing.
    first: Vec<[u64; 4]>,
}

/// Longest word lower-cased without allocating.
const STACK: usize = 32;

impl WordSet {
    /// A set of `words`, which must be lower case (a test of each list checks that).
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            built: OnceLock::new(),
        }
    }

    fn built(&self) -> &Built {
        self.built.get_or_init(|| {
            let mut first = vec![[0u64; 4]; STACK + 1];
            for w in self.words {
                if let (Some(&b), Some(bits)) = (w.as_bytes().first(), first.get_mut(w.len())) {
                    bits[usize::from(b >> 6)] |= 1 << (b & 63);
                }
            }
            Built {
                set: self.words.iter().map(|w| w.as_bytes()).collect(),
                first,
            }
        })
    }

    /// Is `word`, exactly as given, in the list?
    pub fn contains(&self, word: &str) -> bool {
        self.built().set.contains(word.as_bytes())
    }

    /// Is `word`, lower-cased (with the typographic apostrophe as `'`), in the list?
    pub fn contains_lower(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if bytes.len() <= STACK && word.is_ascii() {
            let built = self.built();
            let Some(&b) = bytes.first() else {
                return built.set.contains(bytes);
            };
            let b = b.to_ascii_lowercase();
            if built.first[bytes.len()][usize::from(b >> 6)] & (1 << (b & 63)) == 0 {
                return false;
            }
            let mut buf = [0u8; STACK];
            for (b, c) in buf.iter_mut().zip(bytes) {
                *b = c.to_ascii_lowercase();
            }
            return built.set.contains(&buf[..bytes.len()]);
        }
        let lower: String = word
            .chars()
            .map(|c| if c == '’' { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        self.contains(&lower)
    }

    /// The words as listed.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// Month names, full and abbreviated ("sept" too), lower case.
pub static MONTH_WORDS: WordSet = WordSet::new(&[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
]);

/// Weekday names, full and abbreviated, lower case.
pub static DAY_WORDS: WordSet = WordSet::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
]);

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.words).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SET: WordSet = WordSet::new(&["minister", "don't", "señor"]);

    #[test]
    fn lookups_fold_case_and_apostrophes() {
        assert!(SET.contains("minister"));
        assert!(!SET.contains("Minister"));
        assert!(SET.contains_lower("Minister"));
        assert!(SET.contains_lower("MINISTER"));
        assert!(SET.contains_lower("Don’t"));
        assert!(SET.contains_lower("Señor"));
        assert!(!SET.contains_lower("ministers"));
        assert!(!SET.contains_lower(&"x".repeat(40)));
    }
}
