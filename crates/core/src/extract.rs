//! What may be extracted from an article, and how: the rules every summarizer and the facts'
//! "what each source adds" share. A sentence is extracted when cleaning kept it as prose and it
//! reads as a statement ([`can_extract`]); a dangling leading connective is left out of what is
//! quoted ([`extract`]); a sentence that opens with a personal pronoun leans on context the
//! summary will not have ([`leans_on_context`]).

use crate::model::SentenceRef;
use crate::story::Story;

/// Whether a sentence of `d` may be extracted: cleaning kept it as prose to quote (not as
/// context only, like a caption) and it reads as a statement ([`is_extractable`]). The filter
/// every method and the facts' "what each source adds" apply.
pub fn can_extract(d: &crate::model::Document, s: &crate::model::Sentence) -> bool {
    s.quotable && is_extractable(d.slice(s.span), s.words)
}

/// Does the sentence read as a stand-alone statement worth extracting? Used by methods as a
/// filter; cheap checks only.
pub fn is_extractable(text: &str, words: usize) -> bool {
    if !(5..=80).contains(&words) {
        return false;
    }
    // A sentence must start like one: upper case, digit or an opening quote.
    if !matches!(text.chars().next(), Some(c) if c.is_uppercase() || c.is_ascii_digit() || "\"“'‘`(".contains(c))
    {
        return false;
    }
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')']);
    // A statement ends like one: not a question, and not a headline, a caption or a fragment
    // cut short (no final stop).
    if !t.ends_with(['.', '!', '…']) {
        return false;
    }
    // One pass over the bytes: links, addresses and handles are not statements, and a
    // fragment of a quotation split across sentences does not stand alone (unbalanced marks).
    let b = text.as_bytes();
    let (mut straight, mut open, mut close, mut ticks, mut apostrophes) = (0, 0, 0, 0, 0);
    let mut i = 0;
    // Only these bytes matter below.
    while let Some(k) = b[i..]
        .iter()
        .position(|c| matches!(c, b'"' | 0xE2 | b'`' | b'\'' | b':' | b'.' | b'@'))
    {
        i += k;
        match b[i] {
            b'"' => straight += 1,
            // “ and ” are E2 80 9C and E2 80 9D.
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C) => open += 1,
                Some(0x9D) => close += 1,
                _ => {}
            },
            // Runs of `` and '' count in pairs, as non-overlapping matches do.
            c @ (b'`' | b'\'') => {
                let run = b[i..].iter().take_while(|&&x| x == c).count();
                if c == b'`' {
                    ticks += run / 2;
                } else {
                    apostrophes += run / 2;
                }
                i += run;
                continue;
            }
            b':' if b[i + 1..].starts_with(b"//")
                && (b[..i].ends_with(b"http") || b[..i].ends_with(b"https")) =>
            {
                return false;
            }
            b'.' if b[..i].ends_with(b"www")
                || (b[..i].ends_with(b"pic") && b[i + 1..].starts_with(b"twitter.com")) =>
            {
                return false;
            }
            b'@' if (i == 0 || b[i - 1].is_ascii_whitespace())
                && b.get(i + 1).is_some_and(|x| !x.is_ascii_whitespace()) =>
            {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    straight % 2 == 0 && open == close && ticks == apostrophes
}

/// Connectives that dangle when a sentence is lifted out of its article.
const CONNECTIVES: &[&str] = &[
    "But ",
    "And ",
    "Yet ",
    "So ",
    "Also, ",
    "Still, ",
    "However, ",
    "Meanwhile, ",
    "Moreover, ",
    "Furthermore, ",
    "In addition, ",
    "Rather, ",
    "Instead, ",
    "Indeed, ",
    "Nevertheless, ",
    "Nonetheless, ",
    "Besides, ",
    "Thus, ",
    "Therefore, ",
    "In fact, ",
    "Of course, ",
    "After all, ",
    "Then, ",
    "Even so, ",
    "Still ",
    "But, ",
    "And yet, ",
    "Likewise, ",
    "Similarly, ",
    "Additionally, ",
    "Consequently, ",
    "As a result, ",
    "In turn, ",
];

/// The part of a sentence worth extracting: its byte offset after a dangling leading connective
/// ("But", "However,", "Rather,"), or 0. The rest must still read as a sentence (at least four
/// words, starting with a letter, digit or quote).
pub fn connective_len(text: &str) -> usize {
    CONNECTIVES
        .iter()
        .filter_map(|c| text.strip_prefix(c))
        .find(|rest| reads_on(rest))
        .map_or(0, |rest| text.len() - rest.len())
}

/// Whether what follows a connective still reads as a sentence: at least four words, starting
/// with a letter, digit or quote.
fn reads_on(rest: &str) -> bool {
    rest.split_whitespace().nth(3).is_some()
        && rest
            .chars()
            .next()
            .is_some_and(|f| f.is_alphanumeric() || "\"“'‘`".contains(f))
}

/// The span and word count of what a summary would extract from sentence `at` (the sentence
/// without a dangling leading connective).
pub fn extract(story: &Story, at: SentenceRef) -> (crate::model::Span, usize) {
    let s = story.sentence(at);
    let text = story.sentence_text(at);
    let cut = connective_len(text);
    if cut == 0 {
        return (s.span, s.words);
    }
    let span = crate::model::Span::new(s.span.start + cut, s.span.end);
    (span, crate::text::count_clean_words(&text[cut..]))
}

/// Does the sentence lean on context it will not have in a summary: does it open with a personal
/// pronoun ("He said ...", "Their ...")? (Opening "It"/"This" and the writer's own "I" were
/// measured too and cost more ROUGE than they saved; see bench/RESULTS.md.)
pub fn leans_on_context(text: &str) -> bool {
    const OPENERS: &[&str] = &["He", "She", "They", "His", "Her", "Their"];
    let first = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(' ')
        .next()
        .unwrap_or("");
    OPENERS.contains(&first)
}
