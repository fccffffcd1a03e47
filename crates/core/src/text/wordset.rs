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
    /// Other sets whose words this one holds too ([`WordSet::union`]).
    parts: &'static [&'static WordSet],
    built: OnceLock<Built>,
}

/// The lookup structures of a [`WordSet`], built on first use.
struct Built {
    set: FxHashSet<&'static [u8]>,
    /// `first[n]`: bit `b` is set when a listed word of `n` bytes starts with byte `b`. Most
    /// probes are not in the list, and this rejects them before hashing.
    first: Vec<[u64; 4]>,
    /// Bit `b` is set when a listed word of any length starts with byte `b`.
    any_first: [u64; 4],
}

/// Set bit `b` of a 256-bit map.
fn set_bit(bits: &mut [u64; 4], b: u8) {
    bits[usize::from(b >> 6)] |= 1 << (b & 63);
}

/// Is bit `b` of a 256-bit map set?
#[inline]
fn has_bit(bits: &[u64; 4], b: u8) -> bool {
    bits[usize::from(b >> 6)] & (1 << (b & 63)) != 0
}

/// Longest word lower-cased without allocating.
const STACK: usize = 32;

impl WordSet {
    /// A set of `words`, which must be lower case (checked when a debug build, as in the tests,
    /// first uses the set).
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            parts: &[],
            built: OnceLock::new(),
        }
    }

    /// A set of the words of `parts` (one lookup where there would be one per part).
    pub const fn union(parts: &'static [&'static WordSet]) -> Self {
        WordSet {
            words: &[],
            parts,
            built: OnceLock::new(),
        }
    }

    /// Every word of the set: its own and its parts'.
    pub fn words(&self) -> Vec<&'static str> {
        let mut all = self.words.to_vec();
        for p in self.parts {
            all.extend(p.words());
        }
        all
    }

    #[inline]
    fn built(&self) -> &Built {
        self.built.get_or_init(|| {
            let words = self.words();
            debug_assert!(
                words.iter().all(|w| *w == super::fold_case(w)),
                "a word list must be lower case: {words:?}"
            );
            let mut first = vec![[0u64; 4]; STACK + 1];
            let mut any_first = [0u64; 4];
            for w in &words {
                if let Some(&b) = w.as_bytes().first() {
                    set_bit(&mut any_first, b);
                    if let Some(bits) = first.get_mut(w.len()) {
                        set_bit(bits, b);
                    }
                }
            }
            Built {
                set: words.iter().map(|w| w.as_bytes()).collect(),
                first,
                any_first,
            }
        })
    }

    /// Is `word`, exactly as given, in the list?
    pub fn contains(&self, word: &str) -> bool {
        self.built().set.contains(word.as_bytes())
    }

    /// Is `word`, lower-cased (with the typographic apostrophe as `'`), in the list?
    ///
    /// Inlined: most probes are rejected by their first byte and length before anything else.
    #[inline]
    pub fn contains_lower(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        let built = self.built();
        if let Some(&b) = bytes.first() {
            if b.is_ascii() && bytes.len() <= STACK {
                // Lower-casing keeps an ASCII first letter first; an ASCII word keeps its length.
                let b = b.to_ascii_lowercase();
                if !has_bit(&built.any_first, b)
                    || (!has_bit(&built.first[bytes.len()], b) && word.is_ascii())
                {
                    return false;
                }
            }
        }
        self.lookup_lower(word)
    }

    /// [`WordSet::contains_lower`] past its first-byte filter.
    #[inline(never)]
    fn lookup_lower(&self, word: &str) -> bool {
        with_folded(word, |lower| self.built().set.contains(lower))
    }
}

/// `f` of the bytes of [`super::fold_case`]`(word)`, folded on the stack when the word is
/// short and ASCII (most words), so that asking about it allocates nothing.
#[inline]
pub fn with_folded<T>(word: &str, f: impl FnOnce(&[u8]) -> T) -> T {
    let bytes = word.as_bytes();
    if bytes.len() <= STACK && word.is_ascii() {
        let mut buf = [0u8; STACK];
        for (b, c) in buf.iter_mut().zip(bytes) {
            *b = c.to_ascii_lowercase();
        }
        return f(&buf[..bytes.len()]);
    }
    f(super::fold_case(word).as_bytes())
}

/// The months' full names, lower case, in calendar order.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The weekdays' full names, lower case, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

static FULL_MONTHS: WordSet = WordSet::new(&MONTH_NAMES);
static MONTH_ABBREVIATIONS: WordSet = WordSet::new(&[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
]);
static FULL_WEEKDAYS: WordSet = WordSet::new(&WEEKDAY_NAMES);
static WEEKDAY_ABBREVIATIONS: WordSet = WordSet::new(&[
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
]);

/// Month names, full and abbreviated ("sept" too), lower case.
pub static MONTH_WORDS: WordSet = WordSet::union(&[&FULL_MONTHS, &MONTH_ABBREVIATIONS]);

/// Weekday names, full and abbreviated, lower case.
pub static DAY_WORDS: WordSet = WordSet::union(&[&FULL_WEEKDAYS, &WEEKDAY_ABBREVIATIONS]);

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.words()).finish()
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
        assert!(!SET.contains_lower(""));
        assert!(!SET.contains_lower("Señora"));
        assert!(!SET.contains_lower("mister"));
    }

    #[test]
    fn with_folded_gives_fold_case() {
        let long = "Extraordinarily-Long-Hyphenated-Compound-Word";
        for w in [
            "",
            "said",
            "Said",
            "SAID",
            "Don’t",
            "Señor",
            long,
            &long.to_lowercase(),
        ] {
            assert_eq!(
                with_folded(w, |b| b.to_vec()),
                crate::text::fold_case(w).as_bytes(),
                "{w}"
            );
        }
    }

    static OTHER: WordSet = WordSet::new(&["envoy", "x"]);
    static BOTH: WordSet = WordSet::union(&[&SET, &OTHER]);

    #[test]
    fn a_union_holds_the_words_of_its_parts_and_no_others() {
        for w in ["Minister", "DON’T", "señor", "Envoy", "X"] {
            assert!(BOTH.contains_lower(w), "{w}");
        }
        for w in ["ministers", "envoys", "y", "don"] {
            assert!(!BOTH.contains_lower(w), "{w}");
        }
    }
}
