//! Repeated ids in a stream (`cluster`, `batch`), handled as `ingest` handles them: the first
//! is kept; the same item again is skipped with a note; another text under a used id is
//! skipped and reported. Each repeat is reported once, naming its place and the first's.

use std::collections::HashMap;

use crate::report::Reporter;

/// What to do with an item whose id may have come before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// A new id: keep it.
    First,
    /// The same id and the same text as the item at this place: skip it.
    Again(String),
    /// The same id as the item at this place, with another text: skip it.
    Differs(String),
}

/// The place and text fingerprint of the first item of every id.
#[derive(Debug, Default)]
pub struct SeenIds {
    first: HashMap<String, (String, u64)>,
}

impl SeenIds {
    /// Where `id` (at `place`, its text's fingerprint `text`) stands.
    pub fn see(&mut self, id: &str, place: &str, text: u64) -> Seen {
        match self.first.get(id) {
            None => {
                self.first.insert(id.to_string(), (place.to_string(), text));
                Seen::First
            }
            Some((first, t)) if *t == text => Seen::Again(first.clone()),
            Some((first, _)) => Seen::Differs(first.clone()),
        }
    }

    /// As [`SeenIds::see`], reporting a repeat; whether to keep the item.
    pub fn keep(&mut self, rep: &Reporter, id: &str, place: &str, text: u64) -> bool {
        match self.see(id, place, text) {
            Seen::First => true,
            Seen::Again(first) => {
                rep.note(
                    place,
                    &format!("id {id:?} repeats the same text as at {first}; skipped"),
                );
                false
            }
            Seen::Differs(first) => {
                rep.skipped(
                    place,
                    &format!(
                        "id {id:?} was already used at {first} with another text; the first was kept"
                    ),
                );
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_an_id_is_kept_and_repeats_name_it() {
        let mut seen = SeenIds::default();
        let cases = [
            ("a", "f:1", 7, Seen::First),
            ("b", "f:2", 7, Seen::First),
            ("a", "f:3", 7, Seen::Again("f:1".into())),
            ("a", "g:1", 8, Seen::Differs("f:1".into())),
            ("b", "g:2", 9, Seen::Differs("f:2".into())),
            ("c", "g:3", 7, Seen::First),
        ];
        for (id, place, text, want) in cases {
            assert_eq!(seen.see(id, place, text), want, "{id} at {place}");
        }
    }
}
