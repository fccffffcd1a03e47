//! Words as the time rules read them: how they split a sentence, and what a word names (a month,
//! a weekday, a day of month, a year, a small number).

use crate::facts::Word;
use crate::text::{MONTH_NAMES, WEEKDAY_NAMES};

/// Whether a word is a full month or weekday name, in any case.
pub(crate) fn is_calendar_word(word: &str) -> bool {
    MONTH_NAMES
        .iter()
        .chain(WEEKDAY_NAMES.iter())
        .any(|m| m.eq_ignore_ascii_case(word))
}

pub(super) fn month_of(word: &str, original: &str) -> Option<u32> {
    if let Some(i) = MONTH_NAMES.iter().position(|m| *m == word) {
        return Some(i as u32 + 1);
    }
    // Abbreviations, capitalized only ("Jan.", "Sept"), never "mar" or "may" as verbs.
    let abbr = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    let capital = original.chars().next().is_some_and(char::is_uppercase);
    abbr.iter()
        .find(|(a, _)| *a == word && capital)
        .map(|&(_, m)| m)
}

pub(super) fn weekday_of(word: &str) -> Option<u32> {
    WEEKDAY_NAMES
        .iter()
        .position(|d| *d == word)
        .map(|i| i as u32)
        .or_else(|| {
            [
                "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
            ]
            .iter()
            .position(|d| *d == word)
            .map(|i| [0, 1, 1, 2, 3, 3, 4, 5, 6][i])
        })
}

pub(super) fn number_word(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse::<i64>() {
        return Some(n);
    }
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match word {
        "a" | "an" => Some(1),
        "a couple of" => Some(2),
        _ => WORDS.iter().position(|w| *w == word).map(|i| i as i64),
    }
}

/// A day of month: "4", "4th", "21st".
pub(super) fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

pub(super) fn year_number(word: &str) -> Option<i32> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = word.parse().ok()?;
        return (1800..=2200).contains(&y).then_some(y);
    }
    None
}

/// Words as the time rules see them: letters and digits, hyphens inside ("mid-March").
/// Their folded forms borrow `buf` ([`crate::facts::words_at`]). `digits[k]` tells whether word `k`
/// holds an ASCII digit.
pub(super) fn words<'a>(
    text: &'a str,
    buf: &'a mut String,
    digits: &mut Vec<bool>,
) -> Vec<Word<'a>> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // A character at byte `i` that is not ASCII: its length, and whether it is a letter or
    // digit.
    let other = |i: usize| {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c.len_utf8(), c.is_alphanumeric())
    };
    // About one word per five bytes of news text: room enough that most sentences never regrow.
    let mut spans = Vec::with_capacity(n / 4 + 1);
    digits.clear();
    digits.reserve(n / 4 + 1);
    let mut i = 0;
    loop {
        // To the first byte of a word (a hyphen never starts one).
        while i < n && !bytes[i].is_ascii_alphanumeric() {
            if bytes[i].is_ascii() {
                i += 1;
                continue;
            }
            let (len, part) = other(i);
            if part {
                break;
            }
            i += len;
        }
        if i >= n {
            return crate::facts::words_at(text, spans.iter().copied(), spans.len(), buf);
        }
        let start = i;
        let mut digit = false;
        while i < n {
            // Letters, the most common bytes, in a tight loop first.
            while i < n && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            if b.is_ascii_digit() {
                digit = true;
                i += 1;
            } else if b == b'-' {
                i += 1;
            } else if b.is_ascii() {
                break;
            } else {
                let (len, part) = other(i);
                if !part {
                    break;
                }
                i += len;
            }
        }
        // Trailing hyphens trimmed a byte at a time (no byte of a longer character is `-`).
        let mut end = i;
        while end > start && bytes[end - 1] == b'-' {
            end -= 1;
        }
        spans.push((start, end));
        digits.push(digit);
    }
}

/// Whether a word starts with a capital letter.
pub(super) fn capitalized(w: &Word<'_>) -> bool {
    w.text.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The time rules' words by characters: runs of letters and digits with hyphens inside
    /// (not first, trailing ones trimmed), and whether each holds an ASCII digit.
    fn reference_words(text: &str) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if !(c.is_alphanumeric() || c == '-') {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            let word = text[start..end].trim_end_matches('-');
            let digit = word.bytes().any(|b| b.is_ascii_digit());
            out.push((start, start + word.len(), digit));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_equal_the_character_walk_on_any_text(
            text in "([a-zA-Z0-9 .,'-]|[É中٣—“’]|\\PC){0,40}"
        ) {
            let mut digits = Vec::new();
            let mut buf = String::new();
            let got: Vec<(usize, usize, bool)> = words(&text, &mut buf, &mut digits)
                .iter()
                .zip(&digits)
                .map(|(w, &d)| (w.start, w.end, d))
                .collect();
            proptest::prop_assert_eq!(got, reference_words(&text));
        }
    }

    #[test]
    fn words_are_letter_and_digit_runs_with_inner_hyphens() {
        let text = "-On mid-March, the 2013- Señor's 3rd—day (x2) ٣ ends--here.";
        let mut digits = Vec::new();
        let mut buf = String::new();
        let ws = words(text, &mut buf, &mut digits);
        let got: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert_eq!(
            got,
            [
                "On",
                "mid-March",
                "the",
                "2013",
                "Señor",
                "s",
                "3rd",
                "day",
                "x2",
                "٣",
                "ends--here"
            ]
        );
        assert_eq!(ws[4].lower, "señor");
        // Only ASCII digits count.
        let with_digit: Vec<&str> = got
            .iter()
            .zip(&digits)
            .filter(|(_, &d)| d)
            .map(|(w, _)| *w)
            .collect();
        assert_eq!(with_digit, ["2013", "3rd", "x2"]);
        // Spans point at the words, and each word's folded form is its own, in this text
        // with other characters (each word folded alone) and in an ASCII one (the text
        // lower-cased whole).
        for w in &ws {
            assert_eq!(&text[w.start..w.end], w.text);
            assert_eq!(w.lower, crate::text::fold_case(w.text));
        }
        let ascii = "On Mid-March, THE 2013 Senor's 3rd day.";
        let mut buf = String::new();
        let ws = words(ascii, &mut buf, &mut digits);
        assert_eq!(ws.len(), 8);
        for w in &ws {
            assert_eq!(&ascii[w.start..w.end], w.text);
            assert_eq!(w.lower, crate::text::fold_case(w.text));
        }
        let mut buf = String::new();
        assert!(words("", &mut buf, &mut digits).is_empty() && digits.is_empty());
    }
}
