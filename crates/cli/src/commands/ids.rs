//! Repeated ids in a stream (`cluster`, `batch`), handled as `ingest` handles them: the first
//! is kept; the same item again is skipped with a note; another text under a used id is
//! skipped and reported. Each repeat is reported once, naming its place and the first's.

use std::collections::HashMap;

use newsbrief_core::text::stable_hash;

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

/// The place and text fingerprint of the first item of every id, compactly (a long stream has
/// millions): the id by two independent 64-bit hashes (a false repeat would take both to
/// collide: odds about n^2 / 2^129), the place as its input's name, kept once, and its line.
#[derive(Debug, Default)]
pub struct SeenIds {
    first: HashMap<(u64, u64), First>,
    inputs: Vec<String>,
    input_number: HashMap<String, u32>,
}

#[derive(Debug)]
struct First {
    text: u64,
    input: u32,
    /// Line in the input, or [`NO_LINE`] when the place is the input's name alone.
    line: u32,
}

const NO_LINE: u32 = u32::MAX;

impl SeenIds {
    /// Where `id` (at `place`, its text's fingerprint `text`) stands.
    pub fn see(&mut self, id: &str, place: &str, text: u64) -> Seen {
        let key = (stable_hash(id), stable_hash(&format!("\u{1}{id}")));
        match self.first.get(&key) {
            None => {
                let (input, line) = self.split(place);
                self.first.insert(key, First { text, input, line });
                Seen::First
            }
            Some(f) if f.text == text => Seen::Again(self.place(f)),
            Some(f) => Seen::Differs(self.place(f)),
        }
    }

    /// A place `input:line` as the input's number and the line.
    fn split(&mut self, place: &str) -> (u32, u32) {
        let (input, line) = match place.rsplit_once(':') {
            Some((input, line)) => match line.parse::<u32>() {
                Ok(n) if n != NO_LINE && n.to_string() == line => (input, n),
                _ => (place, NO_LINE),
            },
            None => (place, NO_LINE),
        };
        if let Some(&i) = self.input_number.get(input) {
            return (i, line);
        }
        let i = self.inputs.len() as u32;
        self.inputs.push(input.to_string());
        self.input_number.insert(input.to_string(), i);
        (i, line)
    }

    fn place(&self, f: &First) -> String {
        let input = &self.inputs[f.input as usize];
        match f.line {
            NO_LINE => input.clone(),
            n => format!("{input}:{n}"),
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
            // Places that are not `input:line` come back as they were.
            ("d", "h", 7, Seen::First),
            ("d", "i", 7, Seen::Again("h".into())),
            ("e", "h:007", 7, Seen::First),
            ("e", "h:9", 7, Seen::Again("h:007".into())),
            ("f", "c:\\x:12", 7, Seen::First),
            ("f", "c:\\x:13", 1, Seen::Differs("c:\\x:12".into())),
        ];
        for (id, place, text, want) in cases {
            assert_eq!(seen.see(id, place, text), want, "{id} at {place}");
        }
    }
}
