//! Fixed word lists with case-insensitive lookup.
//!
//! The rules of the fact extractors consult word lists (titles, speech verbs, qualifiers) for
//! nearly every word of a story. A [`WordSet`] keeps the list as written in the source, for
//! review, and builds a hash set of it on first use.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// A static list of lower-case words.
pub struct WordSet {
    words: &'static [&'static str],
    /// Other sets whose words this one holds too ([`WordSet::union`]).
    parts: &'static [&'static WordSet],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordSet {
    /// A set of `words`, which must be lower case (checked when a debug build, as in the tests,
    /// first uses the set).
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            parts: &[],
            set: OnceLock::new(),
        }
    }

    /// A set of the words of `parts` (one lookup where there would be one per part).
    pub const fn union(parts: &'static [&'static WordSet]) -> Self {
        WordSet {
            words: &[],
            parts,
            set: OnceLock::new(),
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

    fn set(&self) -> &FxHashSet<&'static str> {
        self.set.get_or_init(|| {
            let words = self.words();
            debug_assert!(
                words.iter().all(|w| *w == super::fold_case(w)),
                "a word list must be lower case: {words:?}"
            );
            words.into_iter().collect()
        })
    }

    /// Is `word`, exactly as given, in the list?
    pub fn contains(&self, word: &str) -> bool {
        self.set().contains(word)
    }

    /// Is `word`, case-folded ([`super::fold_case`]: lower case, the typographic apostrophe as
    /// `'`), in the list?
    pub fn contains_lower(&self, word: &str) -> bool {
        self.set().contains(&*super::fold_case(word))
    }
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
