//! Finding names: runs of capitalized words in a sentence, with a title or role before them
//! and the evidence of their kind around them.

use super::{
    is_acronym, is_capitalized, opens, strip_possessive, CONNECTORS, NOT_NAMES, ORG_WORDS,
    PLACE_PREPOSITIONS, PLACE_WORDS, ROLE_NOUNS, STATES, TITLE_WORDS,
};
use crate::text::WordSet;

/// A raw name run found in a sentence, before grouping. Names borrow the story's text.
#[derive(Debug)]
pub(super) struct Raw<'a> {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    pub name: &'a str,
    pub role: Option<String>,
    pub titled: bool,
    /// A word of the name is an organization word, or the name is one acronym.
    pub org_word: bool,
    /// A word of the name is a place word.
    pub place_word: bool,
    /// Preceded by a preposition of place.
    pub place_prep: bool,
    /// Followed by ", <number>," (an age) or a speech verb.
    pub person_hint: bool,
}

/// The last space-separated piece of `s`, and what comes before its space (none without one).
fn last_piece(s: &str) -> (&str, Option<&str>) {
    match s.bytes().rposition(|b| b == b' ') {
        Some(i) => (&s[i + 1..], Some(&s[..i])),
        None => (s, None),
    }
}

/// Find the name runs of one sentence `text` (at byte `from` of its document), whose words
/// are at `words` (byte ranges in `text`).
pub(super) fn scan_sentence<'a>(
    doc: usize,
    text: &'a str,
    from: usize,
    words: &[(usize, usize)],
    lowercase_seen: &rustc_hash::FxHashSet<&[u8]>,
    out: &mut Vec<Raw<'a>>,
) {
    let word = |x: usize| &text[words[x].0..words[x].1];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < words.len() {
        // Most words start with an ASCII lower-case letter or digit: no run starts there. An
        // ASCII capital starts one; any other first character is decoded.
        let first = bytes[words[i].0];
        let starts_run = if first.is_ascii() {
            first.is_ascii_uppercase()
        } else {
            is_capitalized(word(i))
        };
        if !starts_run {
            i += 1;
            continue;
        }
        let last = run_end(text, words, i);
        // The run is words `i..=last`.
        let run = i..last + 1;
        i = last + 1;
        // Whether a word of the run is an organization word. Only asked of runs of two words
        // or more: one word is never a title followed by a name, and its organization word is
        // looked up below as a name word.
        let multi_word = run.len() > 1;
        let org_run = multi_word
            && run
                .clone()
                .any(|x| ORG_WORDS.contains_lower(strip_possessive(word(x))));
        let (k, title) = name_start(text, words, run.clone(), org_run, lowercase_seen);
        if k >= run.end {
            continue;
        }
        // Word `k` is no connector or other non-name (`name_start` stops only there).
        let name_words = k..run.end;
        let start = words[k].0;
        let last_word = words[run.end - 1];
        let end = last_word.0 + strip_possessive(&text[last_word.0..last_word.1]).len();
        let name = &text[start..end];
        if name.bytes().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // The two space-separated pieces before the run (punctuation kept).
        let before = text[..words[run.start].0].trim_end();
        let (prev1, rest) = last_piece(before);
        let (prev1, prev2) = (Some(prev1), rest.map(|r| last_piece(r).0));
        out.push(Raw {
            doc,
            start: from + start,
            end: from + end,
            name,
            titled: !title.is_empty(),
            org_word: org_word(text, words, name_words.clone(), multi_word, org_run),
            place_word: name_words
                .clone()
                .any(|x| PLACE_WORDS.contains_lower(strip_possessive(word(x))))
                || state_after(&text[end..]),
            role: role_of(&title, prev1, prev2).map(|r| crate::text::fold_case(&r).into_owned()),
            place_prep: prev1.is_some_and(|p| PLACE_PREPOSITIONS.contains_lower(p))
                && title.is_empty(),
            person_hint: !state_after(&text[end..])
                && person_hint(&text[end..], prev1, name_words.len()),
        });
    }
}

/// Whether the name words `name_words` of a run make an organization's name: one of them
/// is an organization word, or the name is one acronym. `multi_word`: the run (title
/// included) has several words; `org_run`: then, whether a word of it is an organization
/// word (a name word of a one-word run is looked up here).
fn org_word(
    text: &str,
    words: &[(usize, usize)],
    name_words: std::ops::Range<usize>,
    multi_word: bool,
    org_run: bool,
) -> bool {
    let token = |x: usize| strip_possessive(&text[words[x].0..words[x].1]);
    let k = name_words.start;
    // Only a run with an organization word can have one among its name words.
    (if multi_word {
        org_run
            && name_words
                .clone()
                .any(|x| ORG_WORDS.contains_lower(token(x)))
    } else {
        ORG_WORDS.contains_lower(token(k))
    }) || (name_words.len() == 1 && is_acronym(token(k)))
}

/// The last word of the name run starting at word `i`: the run extends over capitalized words
/// and inner connectors, joined by one space or a hyphen (or ". " after an abbreviation).
fn run_end(text: &str, words: &[(usize, usize)], i: usize) -> usize {
    let word = |x: usize| &text[words[x].0..words[x].1];
    let mut j = i + 1;
    let mut last = i;
    while j < words.len() {
        let gap = &text[words[j - 1].1..words[j].0];
        let prev_word = word(j - 1);
        // "Rep. Lesser", "U.S. Department", "John F. Kennedy".
        let abbreviation = gap == ". "
            && (prev_word.contains('.')
                || prev_word.chars().count() == 1
                || TITLE_WORDS.contains_lower(prev_word));
        if !(gap == " " || gap == "-" || abbreviation) {
            break;
        }
        let wj = word(j);
        if is_capitalized(wj) {
            last = j;
            j += 1;
        } else if wj.len() <= 3 && CONNECTORS.contains(&wj) && j + 1 < words.len() {
            // (Every connector has at most three bytes.)
            j += 1;
        } else {
            break;
        }
    }
    last
}

/// The first name word of the run of words `run`, and the title before it: leading words
/// that are not names (sentence-opening "The", "Police" written lower case elsewhere, month
/// names, a speech verb) and titles are dropped. `org_run`: a word of the run is an
/// organization word (which then has no title).
fn name_start<'a>(
    text: &'a str,
    words: &[(usize, usize)],
    run: std::ops::Range<usize>,
    org_run: bool,
    lowercase_seen: &rustc_hash::FxHashSet<&[u8]>,
) -> (usize, Vec<&'a str>) {
    let word = |x: usize| &text[words[x].0..words[x].1];
    let mut k = run.start;
    let mut title: Vec<&str> = Vec::new();
    // "GOP Chair JB Romano": everything up to the last title word followed by a name is
    // the title.
    if !org_run {
        if let Some(t) = (run.start..run.end - 1)
            .rev()
            .find(|&t| TITLE_WORDS.contains_lower(word(t).trim_end_matches('.')))
        {
            title.extend((run.start..=t).map(word));
            k = t + 1;
        }
    }
    while k < run.end {
        let (ws, _) = words[k];
        let w = strip_possessive(word(k));
        if k + 1 < run.end && !org_run && TITLE_WORDS.contains_lower(w.trim_end_matches('.')) {
            title.push(w);
            k += 1;
            continue;
        }
        // A speech verb opening a run is the attribution of an inverted quote ("Added
        // Lavrov: ..."), not a word of the name.
        if NOT_NAMES.contains_lower(w)
            || crate::facts::time::is_calendar_word(w)
            || crate::facts::quotes::is_speech_verb_folded(w)
            || (title.is_empty()
                && opens(text, ws)
                && lowercase_seen.contains(crate::text::fold_case(w).as_bytes()))
        {
            k += 1;
            continue;
        }
        break;
    }
    (k, title)
}

/// The role of a name: its title unless that is only honorifics ("Mr"), else a lower-case
/// role noun right before it (`prev1`, with the piece before that, `prev2`: "union leader
/// Farid Haddad").
fn role_of(title: &[&str], prev1: Option<&str>, prev2: Option<&str>) -> Option<String> {
    static HONORIFICS: WordSet = WordSet::new(&["mr", "mrs", "ms", "miss", "sir", "dame", "dr"]);
    let honorific_only = title
        .iter()
        .all(|t| HONORIFICS.contains_lower(t.trim_end_matches('.')));
    let mut role = (!honorific_only).then(|| title.join(" "));
    if role.is_none() {
        if let Some(p) = prev1 {
            if ROLE_NOUNS.contains_lower(p) {
                role = Some(match prev2 {
                    Some(q) if !NOT_NAMES.contains_lower(q) && !q.ends_with([',', '.']) => {
                        format!("{q} {p}")
                    }
                    _ => p.to_string(),
                });
            }
        }
    }
    role
}

/// Whether a US state follows a name in apposition (`after`: the text after the name):
/// "Bramford, Okla., police" or "Dayton, Ohio." — the name is then a place's.
fn state_after(after: &str) -> bool {
    let Some(a) = after.strip_prefix(", ") else {
        return false;
    };
    let piece = a.split(',').next().unwrap_or("");
    let piece = piece.trim_end_matches([' ', '.', ';', ':', ')']);
    piece.len() <= 14 && STATES.contains_lower(piece)
}

/// Whether the text around a name of `name_words` words says it is a person's: an age after
/// it (", 52,"), an apposition with a role (", chief executive of …"), or, for a name of two
/// words or more, a speech verb after it or right before it (`prev1`).
fn person_hint(after: &str, prev1: Option<&str>, name_words: usize) -> bool {
    let a = after.trim_start_matches([',', ' ']);
    let age = after.starts_with(", ")
        && a.split_once(',').is_some_and(|(n, _)| {
            (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
        });
    let said = || a.starts_with("said") || a.starts_with("says") || a.starts_with("told");
    let said_before = || {
        prev1.is_some_and(|p| {
            ["said", "says", "added", "told"]
                .iter()
                .any(|v| p.eq_ignore_ascii_case(v))
        })
    };
    let apposition = after.starts_with(", ")
        && a.split_whitespace()
            .take(4)
            .any(|w| ROLE_NOUNS.contains_lower(w.trim_end_matches(',')));
    age || apposition || (name_words >= 2 && (said() || said_before()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_piece_splits_as_rsplit_on_a_space() {
        for s in [
            "",
            "a",
            "union leader",
            "said,  the union's leader",
            " x",
            "x ",
            "a b c",
        ] {
            let mut expected = s.rsplit(' ');
            let (p1, rest) = last_piece(s);
            assert_eq!(Some(p1), expected.next(), "{s:?}");
            assert_eq!(rest.map(|r| last_piece(r).0), expected.next(), "{s:?}");
        }
    }
}
