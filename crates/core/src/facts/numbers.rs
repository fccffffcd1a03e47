//! Numeric claims and where articles disagree on them.
//!
//! A claim is a number with what it counts: the words right after it ("40 ships", "3,900 new
//! housing units", "53 percent of the vote"), the event of its clause ("killed", "injured"), a
//! unit (percent, money; miles, km, acres, tons normalised to one measure each), and a rate
//! ("a year"). Numbers that count nothing are left out: years and dates, clock times, ages
//! ("Haddad, 52,", "aged 12", "14 and younger"), ordinals and ranks ("No. 2"), page counters
//! ("1 / 10"), parts of names ("Apollo 11", "COX-2"), compound modifiers ("a 13-year-old"),
//! the base of a rate ("in every 1,000"), asides in brackets. Both ends of a range ("40,000
//! to 65,000 acres", "between 10 and 25 ships") are claims about what follows the range,
//! bounds of one quantity: the low end qualified "from", the high end "to".
//!
//! Claims of different articles are one quantity when they count the same thing (a word of
//! the counted phrase, the same unit and event; an amount of a unit that does not say what it
//! measures meets any claim of that unit) and the words around the numbers agree: at least
//! `SCOPE_SHARED` content words shared within `SCOPE_WORDS` words either side, or the two
//! sentences restate one another; values within `MAX_RATIO`, not an offer and a demand.
//! Quantities are built by complete linkage, the strongest pairs first. Values clash when
//! they differ beyond what their qualifiers allow ("about 1,000" and "1,020" agree; "at least
//! 70" and "86" fit: a bound is not a conflict by itself; "nearly 50" is a little under 50;
//! "12" is "$12.38" rounded). Clashing claims are shown only when their sentences are told
//! alike (at least `MIN_ALIKE` content words in common): the same statement with two figures.
//! Publication dates tell a change over time from a conflict: clashing figures of articles
//! days apart are an update when the count only grows and the later one is larger (the later
//! value is marked `revised`), and are not flagged otherwise. An article that revises its own
//! figure ("rose to 87", "revised") keeps only the newest value, marked revised, and is never
//! in conflict with itself. Disagreements come ranked: conflicts before updates, the surest
//! (the clashing claims told most alike) first; a brief shows at most [`MAX_SHOWN`] of them.

use super::Word;
use std::collections::BTreeSet;

use super::time::Date;
use crate::model::{Citation, Span, Token};
use crate::story::Story;
use crate::text::{Lexicon, WordSet};

/// A number in a sentence with what it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub doc: usize,
    pub sent: usize,
    /// Byte span of the number (with its scale word and unit) in the cleaned text.
    pub span: Span,
    pub value: f64,
    /// The number as written ("1.2 million", "87").
    pub text: String,
    pub qualifier: Option<String>,
    /// What it counts, in words for a reader: the counted words as written and the event
    /// ("people killed", "housing units", "percent").
    pub about: String,
    /// What it counts, as keys that claims about the same thing share: one per word of the
    /// counted phrase (stems), with its unit and event ("|unit|stem".."event"), sorted.
    pub keys: Vec<String>,
    /// The article itself revised this figure to a newer one (kept only for reporting).
    pub revised: bool,
}

/// One value in a disagreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub value: String,
    pub qualifier: Option<String>,
    pub sources: Vec<usize>,
    pub sentence: String,
    pub spans: Vec<Citation>,
    /// The article revised its own figure to this value.
    pub revised: bool,
}

/// Articles giving different values for the same quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub about: String,
    pub values: Vec<Value>,
}

/// More characters than the longest of [`QUALIFIERS`] has, plus the one before it.
const QUALIFIER_TAIL: usize = 24;

/// The last `n` characters of `text` (all of it when shorter), lower-cased.
fn lower_tail(text: &str, n: usize) -> String {
    let cut = text.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    text[cut..].to_lowercase()
}

const QUALIFIERS: &[&str] = &[
    "at least",
    "more than",
    "over",
    "up to",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "approximately",
    "roughly",
    "fewer than",
    "less than",
    "as many as",
    "an estimated",
    "estimated",
    "at most",
    "close to",
    "under",
];

const APPROXIMATE: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "approximately",
    "roughly",
    "an estimated",
    "estimated",
    "close to",
];

/// Event words and the event they name.
const EVENTS: &[(&str, &str)] = &[
    ("killed", "killed"),
    ("killing", "killed"),
    ("kills", "killed"),
    ("dead", "killed"),
    ("died", "killed"),
    ("death", "killed"),
    ("deaths", "killed"),
    ("fatalities", "killed"),
    ("lives", "killed"),
    ("injured", "injured"),
    ("wounded", "injured"),
    ("hurt", "injured"),
    ("injuries", "injured"),
    ("hospitalized", "injured"),
    ("hospitalised", "injured"),
    ("missing", "missing"),
    ("arrested", "arrested"),
    ("detained", "arrested"),
    ("evacuated", "evacuated"),
    ("displaced", "displaced"),
    ("homeless", "displaced"),
    ("rescued", "rescued"),
    ("infected", "infected"),
    ("sickened", "infected"),
    ("fired", "fired"),
    ("launched", "fired"),
];

const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("bn", 1e9),
    ("m", 1e6),
];

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

/// Currency names after a number ("40 million dollars").
const CURRENCIES: &[&str] = &[
    "dollars",
    "euros",
    "pounds",
    "yuan",
    "yen",
    "rupees",
    "francs",
    "shillings",
    "dlrs",
];

/// Units of measure and what they measure, with their size in the dimension's base unit
/// (kilometres, hectares, kilograms), so that "10 miles" and "16 km" compare. A "square" unit
/// of length is an area: its size squared, times 100 hectares per square kilometre.
const MEASURES: &[(&str, &str, f64)] = &[
    ("miles", "distance", 1.609_344),
    ("mile", "distance", 1.609_344),
    ("kilometers", "distance", 1.0),
    ("kilometres", "distance", 1.0),
    ("km", "distance", 1.0),
    ("kms", "distance", 1.0),
    ("meters", "distance", 0.001),
    ("metres", "distance", 0.001),
    ("feet", "distance", 0.000_304_8),
    ("acres", "area", 0.404_686),
    ("hectares", "area", 1.0),
    ("tons", "weight", 1000.0),
    ("tonnes", "weight", 1000.0),
    ("kilograms", "weight", 1.0),
    ("kg", "weight", 1.0),
];

/// The unit of measure starting at word `k`: what it measures, its size in the base unit, and
/// its last word ("square miles" is an area).
fn measure(ws: &[Word], k: usize) -> Option<(&'static str, f64, usize)> {
    let find = |w: &str| MEASURES.iter().find(|(m, _, _)| *m == w);
    let w = ws.get(k)?.lower;
    if w == "square" || w == "sq" {
        let &(_, dim, size) = find(ws.get(k + 1)?.lower)?;
        return (dim == "distance").then_some(("area", size * size * 100.0, k + 1));
    }
    find(w).map(|&(_, dim, size)| (dim, size, k))
}

/// Words that revise an earlier figure in the same article.
const REVISION_CUES: &[&str] = &[
    "rose to",
    "risen to",
    "climbed to",
    "increased to",
    "jumped to",
    "revised",
    "updated",
    "raised the",
    "now stands at",
    "has risen",
    "has climbed",
    "later put",
    "lowered to",
    "fell to",
    "dropped to",
    "corrected",
];

const UNITLESS_SKIP: &[&str] = &[
    "a.m",
    "p.m",
    "am",
    "pm",
    "gmt",
    "utc",
    "old",
    "percentile",
    "th",
    "st",
    "nd",
    "rd",
    "times",
    "points",
];

fn parse_number(word: &str) -> Option<f64> {
    // Most words start with a letter: no currency sign to strip, and no digit first.
    if word.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return number_word(word);
    }
    let w = word.trim_start_matches(['$', '€', '£']);
    if w.is_empty() || !w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return number_word(word);
    }
    if !w.contains(',') {
        return w.parse().ok();
    }
    let digits: String = w.chars().filter(|&c| c != ',').collect();
    digits.parse().ok()
}

/// The value of a number written as a word ("twelve", "Dozen").
pub(crate) fn number_word(word: &str) -> Option<f64> {
    // Every number word is 3 to 7 ASCII letters: compare lower-cased on the stack.
    let b = word.as_bytes();
    if !(3..=7).contains(&b.len()) {
        return None;
    }
    let mut buf = [0u8; 7];
    for (x, c) in buf.iter_mut().zip(b) {
        *x = c.to_ascii_lowercase();
    }
    let lower = &buf[..b.len()];
    // Every number word starts with one of these letters.
    if !matches!(lower[0], b't' | b'f' | b's' | b'e' | b'n' | b'h' | b'd') {
        return None;
    }
    NUMBER_WORDS
        .iter()
        .find(|(n, _)| n.as_bytes() == lower)
        .map(|&(_, v)| v)
}

/// Whether a sentence can hold a numeric claim at all: a digit or a number word.
fn has_number(text: &str, spans: &[(usize, usize)]) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
        || spans
            .iter()
            .any(|&(s, e)| number_word(&text[s..e]).is_some())
}

/// The words of `text` at `spans`, a currency sign in front kept with its number; their
/// folded forms borrow `buf` ([`super::words_at`]).
fn words<'a>(text: &'a str, spans: &[(usize, usize)], buf: &'a mut String) -> Vec<Word<'a>> {
    let signed = spans.iter().map(|&(s, e)| {
        // The character ending at `s`, by its bytes; most words follow a space, and the
        // last byte of each sign ('$', or 0xAC, 0xA3 of '€', '£') rules the others out.
        let before = &text.as_bytes()[..s];
        let sign = match before.last() {
            Some(b'$' | 0xAC | 0xA3) => ["$", "€", "£"]
                .iter()
                .find(|c| before.ends_with(c.as_bytes()))
                .map_or(0, |c| c.len()),
            _ => 0,
        };
        (s - sign, e)
    });
    super::words_at(text, signed, spans.len(), buf)
}

/// Stems of the counted things' head words, memoised for one story (a few nouns recur).
#[derive(Default)]
struct HeadStems(rustc_hash::FxHashMap<Box<str>, std::rc::Rc<str>>);

impl HeadStems {
    /// Shared, so that a head looked up again (or replaced by the next word of a phrase)
    /// costs no copy.
    fn stem(&mut self, lower: &str) -> std::rc::Rc<str> {
        if let Some(s) = self.0.get(lower) {
            return s.clone();
        }
        // Without an apostrophe the memo's stem (no possessive to drop) is the stem of the
        // word itself, and most words were stemmed when the story was tokenized.
        let s: std::rc::Rc<str> = if lower.contains(['\'', '’']) {
            Lexicon::english().stem(lower).into()
        } else {
            crate::text::stem_text(lower).into()
        };
        self.0.insert(lower.into(), s.clone());
        s
    }
}

/// The numeric claims of every sentence of a story. `dated` (in document and sentence order,
/// from [`super::timeline::find_dated`]) marks the time expressions, whose numbers are dates.
pub(crate) fn story_claims(story: &Story, dated: &[super::timeline::Dated]) -> Vec<Claim> {
    let mut claims = Vec::new();
    let mut spans = Vec::new();
    let mut numeric = Vec::new();
    let mut heads = HeadStems::default();
    // Terms that a number word can have: the stems of the number words. A word of another
    // term is no number word, so most words are never spelled out.
    let number_terms = crate::text::terms_of(&story.vocab, NUMBER_WORDS.iter().map(|&(w, _)| w));
    let mut at = 0;
    for (doc, d) in story.documents.iter().enumerate() {
        for (sent, s) in d.sentences.iter().enumerate() {
            let from = at;
            while at < dated.len() && (dated[at].doc, dated[at].sent) <= (doc, sent) {
                at += 1;
            }
            let text = d.slice(s.span);
            // `has_number`, by the tokens' terms.
            if !text.bytes().any(|b| b.is_ascii_digit())
                && !s.tokens.iter().any(|t| {
                    number_terms[t.term as usize]
                        && number_word(&d.clean[t.span.start..t.span.end]).is_some()
                })
            {
                continue;
            }
            let skip: Vec<_> = dated[from..at]
                .iter()
                .filter(|x| x.doc == doc && x.sent == sent)
                .map(|x| x.expr)
                .collect();
            spans.clear();
            spans.extend(s.word_spans());
            // A word of plain letters is a number only as a number word.
            numeric.clear();
            numeric.extend(s.tokens.iter().map(|t| {
                !plain(&d.clean[t.span.start..t.span.end]) || number_terms[t.term as usize]
            }));
            claims.extend(claims_at(
                doc,
                sent,
                text,
                s.span.start,
                &skip,
                (&spans, Some(&numeric)),
                &mut heads,
            ));
        }
    }
    claims
}

/// The numeric claims of one sentence (`text` starts at byte `base` of the cleaned text).
/// `skip` are byte ranges (absolute) of time expressions: numbers inside them are dates.
pub fn find_claims(doc: usize, sent: usize, text: &str, base: usize, skip: &[Span]) -> Vec<Claim> {
    let spans: Vec<(usize, usize)> = crate::text::word_spans(text).collect();
    if !has_number(text, &spans) {
        return Vec::new();
    }
    claims_at(
        doc,
        sent,
        text,
        base,
        skip,
        (&spans, None),
        &mut HeadStems::default(),
    )
}

/// [`find_claims`] with the words of `text` already split (`spans`, as by
/// [`crate::text::word_spans`]: a sentence's tokens), for a sentence with a number
/// ([`has_number`]). With `numeric`, the words marked false (plain letters of no number
/// word's term) are known not to be numbers and are not parsed.
fn claims_at(
    doc: usize,
    sent: usize,
    text: &str,
    base: usize,
    skip: &[Span],
    (spans, numeric): (&[(usize, usize)], Option<&[bool]>),
    heads: &mut HeadStems,
) -> Vec<Claim> {
    let lex = Lexicon::english();
    let mut buf = String::new();
    let ws = words(text, spans, &mut buf);
    let mut out = Vec::new();
    let mut i = 0;
    let in_skip = |abs: usize| skip.iter().any(|s| s.start <= abs && abs < s.end);
    while i < ws.len() {
        let w = &ws[i];
        let abs = base + w.start;
        let value = if numeric.is_some_and(|n| !n[i])
            || (in_skip(abs) && !ws.get(i + 1).is_some_and(|n| DURATIONS.contains(&n.lower)))
        {
            None
        } else {
            count_at(text, w)
        };
        let Some(value) = value else {
            let range = (numeric.is_none_or(|n| n[i]) && !in_skip(abs))
                .then(|| range_at(&ws, i, text, (doc, sent, base), skip, heads))
                .flatten();
            match range {
                Some((ends, last)) => {
                    out.extend(ends);
                    i = last + 1;
                }
                None => i += 1,
            }
            continue;
        };
        let n = extent(&ws, i, text, value);
        // "a 2.5 million-acre reservation": a compound modifier, not a count.
        if text[ws[n.end_word].end..].starts_with('-') {
            i = n.end_word + 1;
            continue;
        }
        if ws
            .get(n.next)
            .is_some_and(|w| UNITLESS_SKIP.contains(&w.lower) && n.unit.is_none())
        {
            i = n.next + 1;
            continue;
        }
        let phrase = counted(&ws, i, n.next, text, lex, heads);
        // A duration ("died five days later") is no count of an event's victims.
        let duration = phrase
            .words
            .first()
            .is_some_and(|w| DURATIONS.contains(&w.as_str()));
        let event = event_near(&ws, i, n.end_word).filter(|_| !duration);
        // Without a counted thing, an event or a unit there is nothing to compare it with.
        if phrase.stems.is_empty() && event.is_none() && n.unit.is_none() {
            i = n.end_word + 1;
            continue;
        }
        let span = Span::new(base + ws[i].start, base + ws[n.end_word].end);
        out.push(Claim {
            doc,
            sent,
            span,
            value: n.value,
            text: text[ws[i].start..ws[n.end_word].end].to_string(),
            qualifier: qualifier_before(&text[..w.start]),
            about: label(&phrase, event, n.unit),
            keys: keys(&phrase, event, n.unit),
            revised: false,
        });
        i = n.end_word + 1;
    }
    out
}

/// Whether a word is written as a year ("1998"), not a count.
fn year_like(w: &Word, value: f64) -> bool {
    w.text.len() == 4 && !w.text.contains(',') && (1800.0..=2100.0).contains(&value)
}

/// The claims of both ends of a range of counts that starts at word `i` ("40,000 to 65,000
/// acres", "between 10 and 25 ships"), and the range's last word. Each end is a bound of one
/// quantity, the low end "from", the high end "to", and both count what follows the high
/// end. None where word `i` starts no such range: years, dates and clock times are no counts,
/// and "from 70 to 87" is a change, not a range.
fn range_at(
    ws: &[Word],
    i: usize,
    text: &str,
    (doc, sent, base): (usize, usize, usize),
    skip: &[Span],
    heads: &mut HeadStems,
) -> Option<(Vec<Claim>, usize)> {
    let (w, hw) = (&ws[i], ws.get(i + 2)?);
    let (lo, hi) = (parse_number(w.text)?, parse_number(hw.text)?);
    let prev = i.checked_sub(1).map(|p| ws[p].lower);
    let linked = match ws[i + 1].lower {
        "to" => prev != Some("from"),
        "and" => prev == Some("between"),
        _ => false,
    };
    let spaced = |a: &Word, b: &Word| text[a.end..b.start].trim().is_empty();
    let in_skip = |x: &Word| {
        skip.iter()
            .any(|s| s.start <= base + x.start && base + x.start < s.end)
    };
    if !linked
        || !spaced(w, &ws[i + 1])
        || !spaced(&ws[i + 1], hw)
        || lo >= hi
        || year_like(w, lo)
        || year_like(hw, hi)
        || in_skip(hw)
        || text[..w.start].ends_with(['-', '#', '('])
        || text[hw.end..].starts_with([':', '-', '/'])
    {
        return None;
    }
    let n = extent(ws, i + 2, text, hi);
    let next = ws.get(n.next).map(|x| x.lower);
    let relative = next.is_some_and(|x| DURATIONS.contains(&x))
        && ws
            .get(n.next + 1)
            .is_some_and(|x| RELATIVE_TIME.contains(&x.lower));
    if text[ws[n.end_word].end..].starts_with('-')
        || relative
        || (n.unit.is_none() && next.is_some_and(|x| UNITLESS_SKIP.contains(&x)))
    {
        return None;
    }
    let phrase = counted(ws, i + 2, n.next, text, Lexicon::english(), heads);
    let event = event_near(ws, i, n.end_word);
    if phrase.stems.is_empty() && event.is_none() && n.unit.is_none() {
        return None;
    }
    let end = |from: &Word, to: usize, value: f64, q: &str| Claim {
        doc,
        sent,
        span: Span::new(base + from.start, base + ws[to].end),
        value,
        text: text[from.start..ws[to].end].to_string(),
        qualifier: Some(q.to_string()),
        about: label(&phrase, event, n.unit),
        keys: keys(&phrase, event, n.unit),
        revised: false,
    };
    let ends = vec![
        end(w, i, lo * n.value / hi, RANGE_LOW),
        end(hw, n.end_word, n.value, RANGE_HIGH),
    ];
    Some((ends, n.end_word))
}

/// The qualifiers of a range's ends ("from 40,000 to 65,000 acres").
const RANGE_LOW: &str = "from";
const RANGE_HIGH: &str = "to";

/// The value of word `w` of `text` when it is a number that counts something: not a year, an
/// age ("Haddad, 52,"), a clock time or an ordinal.
fn count_at(text: &str, w: &Word) -> Option<f64> {
    let value = parse_number(w.text)?;
    let digits = w.text.chars().any(|c| c.is_ascii_digit());
    if digits && w.text.len() == 4 && (1800.0..=2100.0).contains(&value) && !w.text.contains(',') {
        return None;
    }
    let before = &text[..w.start];
    let after = &text[w.end..];
    if before.ends_with(", ") && after.starts_with(',') && value < 120.0 {
        return None;
    }
    if after.starts_with(':')
        || after.starts_with(" a.m")
        || after.starts_with(" p.m")
        || not_a_count(before, after)
    {
        return None;
    }
    Some(value)
}

/// Units of a duration: "for 12 years" is a figure (how long), though a time expression.
const DURATIONS: &[&str] = &[
    "years", "months", "weeks", "days", "hours", "minutes", "decades",
];

/// Words after "N years" that make it a point in time or an age, not a figure.
const RELATIVE_TIME: &[&str] = &["ago", "old", "earlier", "later", "before", "after", "since"];

/// Whether a number, between `before` and `after` in its sentence, is no count: part of a
/// name or a title ("Apollo 11", "COX-2", "No. 2", "Flight 800"), an ordinal or a rank, a
/// compound modifier ("a 13-year-old", "a 125-seat house": what it qualifies is counted, not
/// the number), an aside in brackets (mostly a conversion, "6 miles (10 km)"), either end of a
/// range ("6 to 37 inches", "between 10 and 25": [`range_at`] reads both as bounds), or a
/// time ("20 years ago", "three years old"). Leaving such numbers out is safer than comparing
/// them.
fn not_a_count(before: &str, after: &str) -> bool {
    let prev = before.trim_end();
    let prev_word = prev
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let lower_prev = prev_word.to_ascii_lowercase();
    // "COX-2", "F-16", "Boeing-747": a hyphen right before the digits.
    if before.ends_with('-') || before.ends_with('#') || before.ends_with('(') {
        return true;
    }
    // "Image 1 of / 10", "1 / 10": a gallery's or a page's counter.
    if prev.ends_with('/') {
        return true;
    }
    // "No. 2", "between 10 and 25"; the base of a rate ("2 in every 1,000", "per 10,000").
    if matches!(
        lower_prev.as_str(),
        "no." | "no" | "nos." | "number" | "between" | "every" | "per" | "age" | "ages" | "aged"
    ) || prev.to_ascii_lowercase().ends_with("out of")
    {
        return true;
    }
    // A capitalized word right before, not a sentence opener: "Apollo 11", "Windows 95".
    let opener = prev.len() == prev_word.len();
    if !opener
        && before.ends_with(' ')
        && prev_word.chars().next().is_some_and(char::is_uppercase)
        && prev_word.chars().all(char::is_alphanumeric)
    {
        return true;
    }
    // "a two-minute trailer", "13-year-old", "2-1", "555-1234".
    if after.starts_with('-') || after.starts_with('/') {
        return true;
    }
    let rest = after.trim_start();
    let next_word = |t: &str| {
        t.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let first = next_word(rest);
    // "6 to 37", "6 or 7": one end of a range; "from 70 to 87" is a change (a revision).
    let after_first = rest.get(first.len()..).unwrap_or("").trim_start();
    let a_number = parse_number(&next_word(after_first)).is_some();
    if (first == "to" && a_number && !prev_from(prev)) || (first == "or" && a_number) {
        return true;
    }
    // The second end: "6 to 37" (without "from" before the first), "between 10 and 25".
    if matches!(lower_prev.as_str(), "to" | "and" | "or") && range_end(prev) {
        return true;
    }
    // "children 14 and younger": an age limit.
    if matches!(first.as_str(), "and" | "or")
        && matches!(
            next_word(after_first).as_str(),
            "younger" | "older" | "under" | "over"
        )
    {
        return true;
    }
    // "20 years ago", "three years old".
    if matches!(
        first.as_str(),
        "years" | "year" | "months" | "weeks" | "days"
    ) {
        let then = next_word(after_first);
        return RELATIVE_TIME.contains(&then.as_str());
    }
    false
}

/// Whether `prev` (the text before a number, ending with "to"/"and"/"or") ends a range's first
/// number ("6 to", "four or", "between 10 and") that is not a change ("from 70 to").
fn range_end(prev: &str) -> bool {
    let mut words = prev.rsplit(char::is_whitespace).filter(|w| !w.is_empty());
    words.next();
    let Some(number) = words.next() else {
        return false;
    };
    // "killed 7, and 55 others": a list, not a range.
    !number.ends_with(',')
        && parse_number(number).is_some()
        && !words.next().is_some_and(|w| w.eq_ignore_ascii_case("from"))
}

/// Whether the text before a number ends with "from" (a change: "from 70 to 87").
fn prev_from(prev: &str) -> bool {
    prev.trim_end().to_ascii_lowercase().ends_with("from")
}

/// A number's extent over the words of its sentence, with its scale and unit.
struct Extent {
    /// The value with its scale applied ("1.2 million").
    value: f64,
    /// The last word of the number (its scale or unit word).
    end_word: usize,
    unit: Option<&'static str>,
    /// The first word after the number and its unit words.
    next: usize,
}

/// The extent of the number `value` at word `i` of `ws`: a scale word after it ("1.2
/// million"; "m" only after a currency sign), and its unit (a currency sign, "%", "percent",
/// "per cent", a currency name).
fn extent(ws: &[Word], i: usize, text: &str, mut value: f64) -> Extent {
    let w = &ws[i];
    let mut end_word = i;
    if let Some(next) = ws.get(i + 1) {
        if let Some(&(_, scale)) = SCALES.iter().find(|(s, _)| *s == next.lower) {
            if next.lower != "m" || w.text.starts_with(['$', '€', '£']) {
                value *= scale;
                end_word = i + 1;
            }
        }
    }
    // "$40", and "dlrs 40" as wire services write it ("U.S. dlrs 1.9 billion").
    let currency_before = i > 0 && CURRENCIES.contains(&ws[i - 1].lower);
    let mut unit: Option<&str> = if w.text.starts_with(['$', '€', '£']) || currency_before {
        Some("money")
    } else {
        None
    };
    let after_num = &text[ws[end_word].end..];
    if after_num.starts_with('%') {
        unit = Some("percent");
    }
    let mut k = end_word + 1;
    if let Some(n) = ws.get(k) {
        match n.lower {
            "percent" if unit.is_none() => {
                unit = Some("percent");
                end_word = k;
                k += 1;
            }
            "per" if unit.is_none() && ws.get(k + 1).is_some_and(|c| c.lower == "cent") => {
                unit = Some("percent");
                end_word = k + 1;
                k += 2;
            }
            w if CURRENCIES.contains(&w) => {
                unit = Some("money");
                end_word = k;
                k += 1;
            }
            // "2 million U.S. dollars"
            "u.s" if ws.get(k + 1).is_some_and(|d| d.lower == "dollars") => {
                unit = Some("money");
                end_word = k + 1;
                k += 2;
            }
            _ if unit.is_none() => {
                if let Some((dim, size, last)) = measure(ws, k) {
                    unit = Some(dim);
                    value *= size;
                    end_word = last;
                    k = last + 1;
                }
            }
            _ => {}
        }
    }
    Extent {
        value,
        end_word,
        unit,
        next: k,
    }
}

/// The thing a number counts: the words of its phrase, as written (lower-cased) and stemmed.
#[derive(Default)]
struct Phrase {
    words: Vec<String>,
    stems: Vec<std::rc::Rc<str>>,
    /// The time unit of a rate ("a year").
    per: Option<&'static str>,
}

/// Stop words that still name what a number counts ("24 years", "3,900 new units").
const COUNTABLE_STOPS: &[&str] = &["year", "years", "new"];

/// The counted thing of the number at word `i` of `ws`: the content words right after the
/// number (from word `k`, up to a function word, punctuation or a verb form, at most three);
/// else the noun before "of" ("a ransom of $2 million").
fn counted(
    ws: &[Word],
    i: usize,
    k: usize,
    text: &str,
    lex: &Lexicon,
    heads: &mut HeadStems,
) -> Phrase {
    let mut phrase = Phrase::default();
    let mut push = |lw: &str| {
        phrase.words.push(lw.to_string());
        phrase.stems.push(heads.stem(lw));
    };
    let mut j = k;
    while j < ws.len() && j < k + 3 {
        let gap = &text[ws[j - 1].end..ws[j].start];
        if !gap.trim().is_empty() && gap.trim() != "-" {
            break;
        }
        let lw = ws[j].lower;
        let stop = lex.is_stop(lw) && !COUNTABLE_STOPS.contains(&lw);
        if stop || parse_number(lw).is_some() || (j > k && participle(lw)) {
            break;
        }
        push(lw);
        j += 1;
    }
    // "53 percent of the vote", "$2 million of the budget": what the share is of.
    if j == k && ws.get(k).is_some_and(|w| w.lower == "of") {
        let mut x = k + 1;
        while ws.get(x).is_some_and(|w| DETERMINERS.contains(&w.lower)) {
            x += 1;
        }
        while let Some(w) = ws.get(x).filter(|w| x < k + 4 && !lex.is_stop(w.lower)) {
            if parse_number(w.lower).is_some() || text[ws[x - 1].end..w.start].trim() != "" {
                break;
            }
            push(w.lower);
            x += 1;
            j = x;
        }
    }
    if j == k && i >= 2 && ws[i - 1].lower == "of" {
        let n = ws[i - 2].lower;
        if !lex.is_stop(n) && parse_number(n).is_none() {
            push(n);
        }
    }
    // A rate ("20 miles an hour", "$5 billion a year") is another quantity than a total.
    if let (Some(a), Some(unit)) = (ws.get(j), ws.get(j + 1)) {
        if matches!(a.lower, "a" | "an" | "per" | "each" | "every") {
            if let Some(per) = RATE_UNITS.iter().find(|u| **u == unit.lower) {
                phrase.per = Some(per);
            }
        }
    }
    phrase
}

/// Words between "of" and what a share is of ("percent of the vote").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "all", "those",
];

/// Time units of a rate ("a year", "per hour").
const RATE_UNITS: &[&str] = &["second", "minute", "hour", "day", "week", "month", "year"];

/// Whether a word after a counted noun is a past participle that starts a new phrase ("13
/// vials labeled ...", "40 ships carrying ..." stops at the verb): "-ed" or "-ing", but not a
/// noun spelled so ("speed", "housing", "building").
fn participle(lw: &str) -> bool {
    (lw.len() > 4 && lw.ends_with("ed") && !lw.ends_with("eed"))
        || lw.ends_with("ing") && {
            !matches!(
                lw,
                "housing" | "building" | "buildings" | "spring" | "thing" | "king"
            )
        }
}

/// The event of the clause of the number at words `i..=end_word`: the first event word after
/// it in its clause, else the nearest before it in its clause, within eight words ("70 people
/// were killed", "killing 70 people"; "7 died and 55 were infected" and "killed 7, 55 others
/// injured" give 55 to the injured).
fn event_near(ws: &[Word], i: usize, end_word: usize) -> Option<&'static str> {
    let event = |x: usize| {
        EVENTS
            .iter()
            .find(|(w, _)| *w == ws[x].lower)
            .map(|&(_, e)| e)
    };
    // The clause ends at a conjunction: "7 died and 110 were infected".
    let clause_end = |x: usize| matches!(ws[x].lower, "and" | "but" | "while" | "whereas");
    let before_end = (i.saturating_sub(8)..i).rev().find(|&x| clause_end(x));
    let after_end = (end_word + 1..(end_word + 9).min(ws.len())).find(|&x| clause_end(x));
    let after = (end_word + 1..(end_word + 9).min(ws.len()))
        .take_while(|&x| after_end.is_none_or(|e| x < e))
        .find_map(event);
    after.or_else(|| {
        (i.saturating_sub(8)..i)
            .rev()
            .take_while(|&x| before_end.is_none_or(|e| x > e))
            .find_map(event)
    })
}

/// Stems of words that name the victims of an event: with an event, they count people.
const PEOPLE: &[&str] = &[
    "peopl", "person", "live", "bodi", "victim", "civilian", "dead", "death", "toll", "other",
];

/// The keys of what a number counts: each stem of its phrase (people for the victims of an
/// event, or an event without a phrase), with its unit and event.
fn keys(phrase: &Phrase, event: Option<&str>, unit: Option<&str>) -> Vec<String> {
    let (unit, event, per) = (
        unit.unwrap_or(""),
        event.unwrap_or(""),
        phrase.per.unwrap_or(""),
    );
    let _ = per;
    let key = |stem: &str| format!("{unit}|{stem}|{event}");
    let mut out: Vec<String> = phrase
        .stems
        .iter()
        .map(|s| {
            if !event.is_empty() && PEOPLE.contains(&s.as_ref()) {
                key("people")
            } else {
                key(s)
            }
        })
        .collect();
    if out.is_empty() {
        // The victims of an event ("killed 70"), or an amount of a unit ("$4 million").
        out.push(key(if event.is_empty() { "" } else { "people" }));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// What a number counts, in words: the counted words as written and the event ("people
/// killed", "housing units", "percent", "km of road"); "people" for the victims of an event
/// without a counted word.
fn label(phrase: &Phrase, event: Option<&str>, unit: Option<&str>) -> String {
    let mut words: Vec<&str> = phrase.words.iter().map(String::as_str).collect();
    if words.is_empty() && event.is_some() {
        words.push("people");
    }
    // "deaths", "fatalities": the counted word names the event already.
    let named = |e: &str| {
        words
            .iter()
            .any(|w| EVENTS.iter().any(|&(x, y)| x == *w && y == e))
    };
    words.extend(event.filter(|e| !named(e)));
    let words = words.join(" ");
    let label = match unit {
        Some("percent") if words.is_empty() => "percent".to_string(),
        Some("percent") => format!("percent of {words}"),
        Some(u) if words.is_empty() => u.to_string(),
        Some(u) => format!("{words} ({u})"),
        None => words,
    };
    match phrase.per {
        Some(per) => format!("{label} per {per}"),
        None => label,
    }
}

/// The qualifier ending `before`, the text before a number ("at least", "about"). Only its
/// end is read: a qualifier and the character before it are among its last
/// [`QUALIFIER_TAIL`] characters, and lower-casing them there gives what lower-casing the
/// whole would.
fn qualifier_before(before: &str) -> Option<String> {
    let lower_before = lower_tail(before.trim_end(), QUALIFIER_TAIL);
    QUALIFIERS
        .iter()
        .find(|q| {
            lower_before.ends_with(*q)
                && lower_before
                    .strip_suffix(*q)
                    .is_some_and(|p| p.is_empty() || p.ends_with([' ', '(', ',']))
        })
        .map(|q| q.to_string())
}

static OFFER: WordSet = WordSet::new(&[
    "offer", "offered", "offering", "offers", "proposed", "proposes",
]);
static DEMAND: WordSet = WordSet::new(&[
    "demand",
    "demands",
    "demanding",
    "demanded",
    "seek",
    "seeking",
    "seeks",
    "sought",
    "want",
    "wants",
    "wanted",
    "asked",
    "asking",
]);

/// Both lists, so that most words are turned down by one lookup.
static STANCE: WordSet = WordSet::union(&[&OFFER, &DEMAND]);

/// Whether a word offers (1) or asks for (2) a figure, or neither (0).
fn stance_word(w: &str) -> u8 {
    if !STANCE.contains_lower(w) {
        0
    } else if OFFER.contains_lower(w) {
        1
    } else {
        // In the union, not an offer: a demand.
        2
    }
}

/// Whether a sentence offers (1), asks for (2), both or neither (0/3) a figure: an offer and a
/// demand of the same thing are two quantities.
fn stance(text: &str) -> u8 {
    text.split(|c: char| !c.is_alphanumeric())
        .fold(0, |s, w| s | stance_word(w))
}

/// [`stance`] of a sentence `text` (at byte `base` of its document) with `tokens`, without
/// decoding the text. Every run of letters and digits that `stance` splits out lies in one
/// token. A token of plain ASCII letters is such a run itself, and
/// can be in a list only if its term is one of theirs (`wanted`: [`crate::text::terms_of`] the
/// lists); any other token (digits, a joining character, other letters) is split as `stance`
/// would.
fn stance_of_words(text: &str, base: usize, tokens: &[Token], wanted: &[bool]) -> u8 {
    tokens.iter().fold(0, |s, t| {
        let w = &text[t.span.start - base..t.span.end - base];
        if !plain(w) {
            s | stance(w)
        } else if wanted[t.term as usize] {
            s | stance_word(w)
        } else {
            s
        }
    })
}

/// Whether a word is ASCII letters only (no digit, joining character or other letter).
fn plain(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphabetic())
}

fn agree(a: &Claim, b: &Claim) -> bool {
    if a.value == b.value {
        return true;
    }
    let approx = |c: &Claim| {
        c.qualifier
            .as_deref()
            .is_some_and(|q| APPROXIMATE.contains(&q))
    };
    // A figure converted from another unit is rounded: "110 miles" is "177 km".
    let unit_word = |c: &Claim| c.text.rsplit(' ').next().map(str::to_ascii_lowercase);
    let converted = a.keys.first().is_some_and(|k| {
        ["distance|", "area|", "weight|"]
            .iter()
            .any(|u| k.starts_with(u))
    }) && unit_word(a) != unit_word(b);
    rounded(a, b) || ((approx(a) || approx(b) || converted) && close(a.value, b.value))
}

/// The step of the last digit a figure is written to: 1 for "12", 0.01 for "$12.38", 100,000
/// for "2.5 million".
fn step(c: &Claim) -> f64 {
    let digits = c.text.trim_start_matches(|ch: char| !ch.is_ascii_digit());
    let numeral: String = digits
        .chars()
        .take_while(|ch| ch.is_ascii_digit() || *ch == ',' || *ch == '.')
        .filter(|ch| *ch != ',')
        .collect();
    let numeral = numeral.trim_end_matches('.');
    let decimals = numeral.split_once('.').map_or(0, |(_, d)| d.len());
    let written: f64 = numeral.parse().unwrap_or(0.0);
    let scale = if written > 0.0 {
        c.value / written
    } else {
        1.0
    };
    scale * 10f64.powi(-(decimals.min(6) as i32))
}

/// Whether one figure is the other rounded to the digits it is written with ("12" and
/// "$12.38", "2.5 million" and "2,530,000"): a coarser figure is no conflict with a finer one.
fn rounded(a: &Claim, b: &Claim) -> bool {
    let (sa, sb) = (step(a), step(b));
    sa != sb && (a.value - b.value).abs() <= sa.max(sb) / 2.0
}

/// Whether two figures are within 5% of each other (what "about" allows).
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() / a.abs().max(b.abs()).max(1e-9) <= 0.05
}

/// Qualifiers that make a figure a lower bound ("at least 70": any larger figure fits it).
const LOWER_BOUNDS: &[&str] = &["at least", "more than", "over", RANGE_LOW];

/// Qualifiers that make a figure an upper bound ("up to 90": any smaller figure fits it).
const UPPER_BOUNDS: &[&str] = &[
    "up to",
    "fewer than",
    "less than",
    "at most",
    "under",
    "as many as",
    RANGE_HIGH,
];

/// Qualifiers that put a figure just below the number written ("nearly 50": a little under 50).
const JUST_BELOW: &[&str] = &["nearly", "almost", "close to"];

/// How far below its number a [`JUST_BELOW`] figure may be, as a share of it.
const JUST_BELOW_SHARE: f64 = 0.1;

/// The bounds a claim's figure sets on the quantity: (lowest, highest) it allows.
fn bounds(c: &Claim) -> (f64, f64) {
    match c.qualifier.as_deref() {
        Some(q) if LOWER_BOUNDS.contains(&q) => (c.value, f64::INFINITY),
        Some(q) if UPPER_BOUNDS.contains(&q) => (f64::NEG_INFINITY, c.value),
        Some(q) if JUST_BELOW.contains(&q) => (c.value * (1.0 - JUST_BELOW_SHARE), c.value),
        _ => (c.value, c.value),
    }
}

/// Whether two figures can both be true: they agree, or one is a bound the other fits ("at
/// least 70" and "86"; "more than 3" and "less than 10"). Two bounds the same way ("at least
/// 70", "at least 90") are different reports of one figure, so they do not fit each other.
fn compatible(a: &Claim, b: &Claim) -> bool {
    if agree(a, b) {
        return true;
    }
    let ((alo, ahi), (blo, bhi)) = (bounds(a), bounds(b));
    let below = |c: &Claim| {
        c.qualifier
            .as_deref()
            .is_some_and(|q| JUST_BELOW.contains(&q))
    };
    let same_way = (alo.is_infinite() && blo.is_infinite())
        || (ahi.is_infinite() && bhi.is_infinite())
        || (below(a) && below(b));
    if same_way {
        return close(a.value, b.value);
    }
    alo.max(blo) <= ahi.min(bhi)
}

/// Mark figures an article revises itself: for a quantity given twice in one article, where
/// the later sentence carries a revision cue, the earlier is `revised` (superseded).
fn mark_revisions(story: &Story, claims: &mut [Claim]) {
    // Only claims of one article are compared: list each article's claims once.
    let mut by_doc: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, c) in claims.iter().enumerate() {
        by_doc.entry(c.doc).or_default().push(i);
    }
    // Per claim, once: its sentence lower-cased, and whether that carries a revision cue.
    let mut cues: Vec<Option<(String, bool)>> = vec![None; claims.len()];
    for a in 0..claims.len() {
        for &b in &by_doc[&claims[a].doc] {
            if a == b || !same_thing(&claims[a], &claims[b]) {
                continue;
            }
            if agree(&claims[a], &claims[b]) {
                continue;
            }
            let (ea, eb) = (&claims[a], &claims[b]);
            if ea.sent == eb.sent && ea.qualifier.as_deref() == Some(RANGE_LOW) {
                continue;
            }
            let (lower, cue) = cues[b].get_or_insert_with(|| {
                let text_b = story.sentence_text(crate::model::SentenceRef {
                    doc: eb.doc,
                    sent: eb.sent,
                });
                let lower = text_b.to_lowercase();
                let cue = REVISION_CUES.iter().any(|c| lower.contains(c));
                (lower, cue)
            });
            let cue = *cue;
            // "from 70 to 87" within one sentence: the first is the old figure.
            let from_to = ea.sent == eb.sent
                && ea.span.start < eb.span.start
                && {
                    let d = &story.documents[ea.doc];
                    let between = d.clean[ea.span.end..eb.span.start].to_lowercase();
                    between.trim() == "to" || between.contains(" to ")
                }
                && lower.contains("from");
            if (cue && (ea.sent, ea.span) < (eb.sent, eb.span)) || from_to {
                claims[a].revised = true;
            }
        }
    }
}

/// Group the story's claims and report the quantities on which articles disagree: the first
/// `shown` in rank order (conflicts before updates, the surest, that is the most alike told,
/// first; then a clean split of few values, the most articles).
///
/// Groups are judged surest first, and judging stops once `shown` conflicts are found and the
/// next group is told less alike than the last of them: nothing after it could rank above.
pub(crate) fn disagreements(
    story: &Story,
    mut claims: Vec<Claim>,
    published: &[Option<Date>],
    shown: usize,
) -> Vec<Disagreement> {
    mark_revisions(story, &mut claims);
    let live: Vec<&Claim> = claims.iter().filter(|c| !c.revised).collect();
    let quantities = Quantities::new(story, &live);
    let meeting = Meeting::new(&live);
    // One value disagrees with nothing, nor do values told too little alike. Each group to
    // judge: how alike its clashing claims are told, its values, its claims.
    type Judged<'c> = (usize, Vec<Vec<&'c Claim>>, Vec<usize>);
    let mut judged: Vec<Judged> = Vec::new();
    for group in quantities.groups() {
        let values = distinct_values(&live, &group);
        // In a big story a "quantity" given as more than [`LINKED`] different figures is a
        // number that names rather than counts (a unit, a flight, a report number): skipped
        // before its values are compared pairwise.
        if values.len() < 2 || values.len() > story.bound(LINKED) {
            continue;
        }
        let alike = quantities.clash_alike(&values);
        if alike >= MIN_ALIKE {
            judged.push((alike, values, group));
        }
    }
    // Surest first; among equals, in the order groups were found.
    judged.sort_by_key(|(alike, ..)| std::cmp::Reverse(*alike));
    let mut out = Vec::new();
    let mut ranks = Vec::new();
    let mut conflicts: Vec<usize> = Vec::new();
    for (alike, mut values, group) in judged {
        if shown > 0 && conflicts.len() >= shown && conflicts[shown - 1] > alike {
            break;
        }
        let said = meeting.sentences_giving(&values);
        let cumulative = group
            .iter()
            .all(|&g| live[g].keys.iter().all(|k| !k.ends_with('|')));
        let v = verdict(&values, &said, published, cumulative, story.bound(LINKED));
        if v == Verdict::Neither {
            continue;
        }
        if v == Verdict::Conflict {
            conflicts.push(alike);
        }
        values.sort_by(|a, b| a[0].value.total_cmp(&b[0].value));
        let mut d = disagreement(story, &claims, &values);
        if v == Verdict::Update {
            // The latest figure is the update.
            let last = |v: &Vec<&Claim>| {
                v.iter()
                    .filter_map(|c| published.get(c.doc).copied().flatten())
                    .max()
            };
            let newest = values.iter().filter_map(last).max();
            for (out_v, v) in d.values.iter_mut().zip(&values) {
                out_v.revised |= last(v) == newest;
            }
        }
        ranks.push((
            v == Verdict::Update,
            std::cmp::Reverse(alike),
            values.len(),
            std::cmp::Reverse(d.values.iter().map(|v| v.sources.len()).sum::<usize>()),
            out.len(),
        ));
        out.push(d);
    }
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&x| ranks[x]);
    let mut out: Vec<Option<Disagreement>> = out.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|x| out[x].take())
        .take(shown)
        .collect()
}

/// How alike two claims are told: the content words their sentences share. One claim cited
/// by another shares most of them; only the figure differs.
fn told_alike(story: &Story, a: &Claim, b: &Claim) -> usize {
    let terms = story.content_terms();
    crate::sets::shared(&terms[a.doc][a.sent], &terms[b.doc][b.sent])
}

/// The text of a claim's sentence.
fn sentence_of<'s>(story: &'s Story, c: &Claim) -> &'s str {
    story.sentence_text(crate::model::SentenceRef {
        doc: c.doc,
        sent: c.sent,
    })
}

/// The most disagreements a brief shows: the few that matter, the surest first. Further ones
/// are ever less alike told, more likely figures of different things than a conflict.
pub const MAX_SHOWN: usize = 3;

/// Content words the sentences of two clashing claims must share for a disagreement to be
/// shown: the same statement told twice with two figures, not two statements that happen to
/// count the same kind of thing.
const MIN_ALIKE: usize = 4;

/// How many words either side of a number are its scope: what it counts, of what, where.
const SCOPE_WORDS: usize = 8;

/// Content words two claims' scopes must share (the counted thing is one of them).
const SCOPE_SHARED: usize = 3;

/// Scope words to share when a claim does not say what it counts: the counted word, one of
/// the [`SCOPE_SHARED`] otherwise, is missing, and the words must tell more.
const BARE_SCOPE_SHARED: usize = 5;

/// Values further apart than this factor are not one quantity told two ways: they count
/// different things (a town's dead and a country's), whatever the words say.
const MAX_RATIO: f64 = 10.0;

/// The scope of a claim: the content words (stems, numbers too) around its number in its
/// sentence.
struct Scope {
    terms: Vec<u32>,
}

impl Scope {
    fn of(story: &Story, c: &Claim) -> Scope {
        let d = &story.documents[c.doc];
        let sent = &d.sentences[c.sent];
        let at = sent
            .tokens
            .iter()
            .position(|t| t.span.end > c.span.start)
            .unwrap_or(0);
        let past = sent
            .tokens
            .iter()
            .position(|t| t.span.start >= c.span.end)
            .unwrap_or(sent.tokens.len());
        let lo = at.saturating_sub(SCOPE_WORDS);
        let hi = (past + SCOPE_WORDS).min(sent.tokens.len());
        let mut terms: Vec<u32> = (lo..hi)
            .filter(|k| !(at..past).contains(k) && !sent.tokens[*k].stop)
            .map(|k| sent.tokens[k].term)
            .collect();
        terms.sort_unstable();
        terms.dedup();
        Scope { terms }
    }
}

/// What tells whether two live (unrevised) claims are about the same quantity: the scope and
/// stance of each claim, and the claims about each thing.
struct Quantities<'a> {
    story: &'a Story,
    live: &'a [&'a Claim],
    scopes: Vec<Scope>,
    /// The [`stance`] of each claim's sentence.
    stances: Vec<u8>,
    /// The claims about each thing, ascending.
    same_about: std::collections::BTreeMap<String, Vec<usize>>,
}

impl<'a> Quantities<'a> {
    fn new(story: &'a Story, live: &'a [&'a Claim]) -> Self {
        let wanted = crate::text::terms_of(&story.vocab, STANCE.words());
        let mut stances: Vec<u8> = Vec::with_capacity(live.len());
        for (x, c) in live.iter().enumerate() {
            if x > 0 && (live[x - 1].doc, live[x - 1].sent) == (c.doc, c.sent) {
                stances.push(stances[x - 1]);
            } else {
                let sent = story.sentence(crate::model::SentenceRef {
                    doc: c.doc,
                    sent: c.sent,
                });
                stances.push(stance_of_words(
                    sentence_of(story, c),
                    sent.span.start,
                    &sent.tokens,
                    &wanted,
                ));
            }
        }
        let mut same_about: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (x, c) in live.iter().enumerate() {
            for k in c.keys.iter().cloned().chain(unit_key(c)) {
                same_about.entry(k).or_default().push(x);
            }
        }
        Quantities {
            story,
            live,
            scopes: live.iter().map(|c| Scope::of(story, c)).collect(),
            stances,
            same_about,
        }
    }

    /// Whether live claims `x` and `y`, of different articles, are about the same quantity:
    /// the same thing, told with the same words around the number (at least `SCOPE_SHARED`
    /// content words shared), no disjoint names there (different places or actors: different
    /// events), not an offer and a demand, and values within `MAX_RATIO` of each other.
    fn same_quantity(&self, x: usize, y: usize) -> bool {
        let (a, b) = (self.live[x], self.live[y]);
        if a.doc == b.doc || !same_thing(a, b) {
            return false;
        }
        let (lo, hi) = (a.value.min(b.value), a.value.max(b.value));
        if lo <= 0.0 || hi / lo > MAX_RATIO {
            return false;
        }
        let (sa, sb) = (&self.scopes[x], &self.scopes[y]);
        let (ta, tb) = (self.stances[x], self.stances[y]);
        if (ta == 1 && tb == 2) || (ta == 2 && tb == 1) {
            return false;
        }
        // An amount that does not say what it measures ("$4 million", "fell 3 percent") needs
        // more of its scope in common: the counted word is not among the shared ones.
        let need = if bare(a) || bare(b) {
            BARE_SCOPE_SHARED
        } else {
            SCOPE_SHARED
        };
        crate::sets::shared(&sa.terms, &sb.terms) >= need || self.restated(x, y)
    }

    /// Whether the sentences of live claims `x` and `y` tell one statement: at least
    /// [`MIN_ALIKE`] content words in common, and half of the shorter one's. Their numbers are
    /// then in one scope however far the shared words stand from them ("can sail in seas of
    /// up to 9 meters").
    fn restated(&self, x: usize, y: usize) -> bool {
        let terms = self.story.content_terms();
        let (a, b) = (self.live[x], self.live[y]);
        let (ta, tb) = (&terms[a.doc][a.sent], &terms[b.doc][b.sent]);
        let shared = told_alike(self.story, a, b);
        shared >= MIN_ALIKE && 2 * shared >= ta.len().min(tb.len())
    }

    /// How alike the clashing claims of `values` are told: the most content words the
    /// sentences of two claims of different values and articles share, where the two figures
    /// cannot both be true. A figure that differs only from a claim told in other words is
    /// more likely a figure of another thing than a conflict.
    fn clash_alike(&self, values: &[Vec<&Claim>]) -> usize {
        let bound = self.story.bound(LINKED);
        let mut best = 0;
        for (x, a) in values.iter().enumerate() {
            for b in &values[x + 1..] {
                let pairs = a
                    .iter()
                    .take(bound)
                    .flat_map(|ca| b.iter().take(bound).map(move |cb| (ca, cb)));
                for (ca, cb) in pairs {
                    if ca.doc != cb.doc && !compatible(ca, cb) {
                        best = best.max(told_alike(self.story, ca, cb));
                    }
                }
            }
        }
        best
    }

    /// The pairs `(x, y)`, `x < y`, of `peers` (claims about one thing, ascending) that may be
    /// about the same quantity: a superset of the pairs [`Quantities::same_quantity`] accepts,
    /// which share at least `SCOPE_SHARED` scope words or `MIN_ALIKE` words of their
    /// sentences. Among many claims about one thing, found without comparing every pair
    /// ([`crate::sets::overlap_candidates`]).
    fn near(&self, peers: &[usize]) -> Vec<(usize, usize)> {
        const FEW: usize = 32;
        if peers.len() <= FEW {
            return peers
                .iter()
                .enumerate()
                .flat_map(|(n, &x)| peers[n + 1..].iter().map(move |&y| (x, y)))
                .collect();
        }
        let terms = self.story.content_terms();
        let scopes: Vec<&[u32]> = peers
            .iter()
            .map(|&x| self.scopes[x].terms.as_slice())
            .collect();
        let told: Vec<&[u32]> = peers
            .iter()
            .map(|&x| terms[self.live[x].doc][self.live[x].sent].as_slice())
            .collect();
        let need = SCOPE_SHARED.min(BARE_SCOPE_SHARED);
        // In a big story, where hundreds of articles may give one figure in the same words, a
        // claim meets its [`NEAR_BUDGET`] most likely partners (sharing its rarer words).
        let budget = self.story.bound(NEAR_BUDGET);
        let by_scope = crate::sets::overlap_candidates(&scopes, |_| Some(need), budget);
        let by_sentence = crate::sets::overlap_candidates(&told, |_| Some(MIN_ALIKE), budget);
        let mut pairs: Vec<(usize, usize)> = by_scope
            .into_iter()
            .chain(by_sentence)
            .map(|(a, b)| (peers[a], peers[b]))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// How strongly live claims `x` and `y` are tied: the scope words they share.
    fn strength(&self, x: usize, y: usize) -> usize {
        crate::sets::shared(&self.scopes[x].terms, &self.scopes[y].terms)
    }

    /// Whether claim `j` can join `group`: about the same quantity as every member of another
    /// article (members of its own article about the same thing tell it again). In a big story
    /// ([`Story::is_big`]), where hundreds of articles give one figure, as every one of the
    /// group's first [`LINKED`] members (those most strongly tied): complete linkage over
    /// whole groups would cost the cube of their size.
    fn fits(&self, group: &[usize], j: usize) -> bool {
        group
            .iter()
            .take(self.story.bound(LINKED))
            .all(|&g| g == j || self.live[g].doc == self.live[j].doc || self.same_quantity(g, j))
    }

    /// Whether the claims of `group` can all join `other` ([`Quantities::fits`]; in a big story,
    /// its first [`LINKED`]).
    fn all_fit(&self, group: &[usize], other: &[usize]) -> bool {
        group
            .iter()
            .take(self.story.bound(LINKED))
            .all(|&j| self.fits(other, j))
    }

    /// The quantities of the story: claims grouped by complete linkage, the most strongly
    /// tied pairs first, so that a claim joins the quantity it shares most words with. Each
    /// group lists its claims ascending; groups come in the order of their first claim.
    fn groups(&self) -> Vec<Vec<usize>> {
        let mut pairs = Vec::new();
        for peers in self.same_about.values() {
            for (x, y) in self.near(peers) {
                if self.same_quantity(x, y) {
                    pairs.push((std::cmp::Reverse(self.strength(x, y)), x, y));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut group_of: Vec<Option<usize>> = vec![None; self.live.len()];
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (_, x, y) in pairs {
            match (group_of[x], group_of[y]) {
                (None, None) => {
                    group_of[x] = Some(groups.len());
                    group_of[y] = Some(groups.len());
                    groups.push(vec![x, y]);
                }
                (Some(g), None) | (None, Some(g)) => {
                    let j = if group_of[x].is_none() { x } else { y };
                    if self.fits(&groups[g], j) {
                        group_of[j] = Some(g);
                        groups[g].push(j);
                    }
                }
                (Some(g), Some(h)) if g != h && self.all_fit(&groups[h], &groups[g]) => {
                    let moved = std::mem::take(&mut groups[h]);
                    for &j in &moved {
                        group_of[j] = Some(g);
                    }
                    groups[g].extend(moved);
                }
                _ => {}
            }
        }
        let mut groups: Vec<Vec<usize>> = groups.into_iter().filter(|g| !g.is_empty()).collect();
        for g in &mut groups {
            g.sort_unstable();
        }
        groups.sort_unstable();
        groups
    }
}

/// The members of a quantity a claim is checked against before it joins, and the claims of a
/// value whose pairs with another value's are compared, in a big story.
const LINKED: usize = 32;

/// The index entries a claim reads for partners, in a big story.
const NEAR_BUDGET: usize = 64;

/// The distinct values of a group of live claims: claims that agree share one.
fn distinct_values<'a>(live: &[&'a Claim], group: &[usize]) -> Vec<Vec<&'a Claim>> {
    let mut values: Vec<Vec<&Claim>> = Vec::new();
    for &g in group {
        let c = live[g];
        match values.iter_mut().find(|v| agree(v[0], c)) {
            Some(v) => v.push(c),
            None => values.push(vec![c]),
        }
    }
    values
}

/// The claims that may be about the same thing as a given one ([`same_thing`]), found through
/// their keys instead of among all claims: those sharing a key, and through the unit and event
/// of a key, those an amount of a unit without a counted word may be ([`bare_of`]).
struct Meeting<'a> {
    live: &'a [&'a Claim],
    /// Key -> the claims with it.
    key: rustc_hash::FxHashMap<&'a str, Vec<usize>>,
    /// (unit, event) of a key -> the claims with such a key.
    unit_event: rustc_hash::FxHashMap<(&'a str, &'a str), Vec<usize>>,
    /// (unit, event) -> the claims that are that amount without a counted word.
    bare: rustc_hash::FxHashMap<(&'a str, &'a str), Vec<usize>>,
}

/// The unit and the event of a key, as [`bare_of`] reads them.
fn unit_event(key: &str) -> (&str, &str) {
    let unit = key.split('|').next().unwrap_or("");
    (unit, key.rsplit('|').next().unwrap_or(""))
}

/// The unit and the event of a claim that is an amount of a unit without a counted word.
fn bare_unit_event(c: &Claim) -> Option<(&str, &str)> {
    match c.keys.as_slice() {
        [key] => split_bars(key).filter(|(unit, _)| !unit.is_empty()),
        _ => None,
    }
}

impl<'a> Meeting<'a> {
    fn new(live: &'a [&'a Claim]) -> Self {
        let mut m = Meeting {
            live,
            key: Default::default(),
            unit_event: Default::default(),
            bare: Default::default(),
        };
        for (i, c) in live.iter().enumerate() {
            for k in &c.keys {
                m.key.entry(k.as_str()).or_default().push(i);
                m.unit_event.entry(unit_event(k)).or_default().push(i);
            }
            if let Some(ue) = bare_unit_event(c) {
                m.bare.entry(ue).or_default().push(i);
            }
        }
        m
    }

    /// The live claims that may be about the same thing as `c`, each once, ascending.
    fn candidates(&self, c: &Claim) -> Vec<usize> {
        let none = Vec::new();
        let mut out: Vec<usize> = Vec::new();
        for k in &c.keys {
            out.extend(self.key.get(k.as_str()).unwrap_or(&none));
            out.extend(self.bare.get(&unit_event(k)).unwrap_or(&none));
        }
        if let Some(ue) = bare_unit_event(c) {
            out.extend(self.unit_event.get(&ue).unwrap_or(&none));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The sentences (document, sentence) that give each of `values`: a claim in them about
    /// the same thing agrees with it, among all live claims. A sentence giving two of them
    /// tells two quantities apart ("sagged 6 inches and leaned 4 inches").
    fn sentences_giving(&self, values: &[Vec<&Claim>]) -> Vec<BTreeSet<(usize, usize)>> {
        values
            .iter()
            .map(|v| {
                self.candidates(v[0])
                    .into_iter()
                    .map(|i| self.live[i])
                    .filter(|c| same_thing(c, v[0]) && agree(c, v[0]))
                    .map(|c| (c.doc, c.sent))
                    .collect()
            })
            .collect()
    }
}

/// Articles published this many days apart or more report a figure at different times.
const UPDATE_DAYS: i64 = 2;

/// What a group of values is: a conflict (articles of the same time give figures that cannot
/// both be true), an update (a count that only grows, larger in later articles), or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Conflict,
    Update,
    Neither,
}

/// The verdict on `values` of a quantity. Two values clash when no single article gives both
/// (an article giving both tells two things apart, e.g. two attacks) and they are not
/// [`compatible`]. Clashing figures of articles published [`UPDATE_DAYS`] or more apart are a
/// change over time: an update when the count only grows (the victims of an event) and the
/// later article has the larger figure; else the figures may have been true at their times,
/// and nothing is flagged. An undated article counts as of the same time as any other.
///
/// `bound`: the claims of each value whose pairs are compared (in a big story, the first few:
/// see [`Story::bound`]).
fn verdict(
    values: &[Vec<&Claim>],
    said: &[BTreeSet<(usize, usize)>],
    published: &[Option<Date>],
    cumulative: bool,
    bound: usize,
) -> Verdict {
    let (mut same_time, mut grew, mut fell) = (false, false, false);
    let day = |c: &Claim| published.get(c.doc).copied().flatten().map(Date::days);
    let docs: Vec<Vec<usize>> = values
        .iter()
        .map(|v| {
            let mut d: Vec<usize> = v.iter().map(|c| c.doc).collect();
            d.sort_unstable();
            d.dedup();
            d
        })
        .collect();
    for (x, a) in values.iter().enumerate() {
        for (y, b) in values.iter().enumerate().skip(x + 1) {
            let one_article =
                !crate::sets::disjoint(&docs[x], &docs[y]) || !said[x].is_disjoint(&said[y]);
            if one_article {
                continue;
            }
            // Claims of one value may be told with different bounds ("about 10,000", "8,000
            // to 10,000"): each pair that cannot both be true is a clash.
            let clashing = a
                .iter()
                .take(bound)
                .flat_map(|ca| b.iter().take(bound).map(move |cb| (ca, cb)))
                .filter(|(ca, cb)| !compatible(ca, cb));
            for (ca, cb) in clashing {
                match (day(ca), day(cb)) {
                    (Some(da), Some(db)) if (da - db).abs() >= UPDATE_DAYS => {
                        let later_larger = (da > db) == (ca.value > cb.value);
                        grew |= later_larger;
                        fell |= !later_larger;
                    }
                    _ => same_time = true,
                }
            }
        }
    }
    if same_time {
        Verdict::Conflict
    } else if grew && !fell && cumulative {
        Verdict::Update
    } else {
        Verdict::Neither
    }
}

/// The disagreement over `values` (sorted), labelled by what its first claim counts; a value
/// is revised when an article giving it revised its own figure about the same thing (among
/// `claims`).
fn disagreement(story: &Story, claims: &[Claim], values: &[Vec<&Claim>]) -> Disagreement {
    let members = || values.iter().flatten();
    let revised_docs: BTreeSet<usize> = claims
        .iter()
        .filter(|c| c.revised && members().any(|m| same_thing(c, m)))
        .map(|c| c.doc)
        .collect();
    let first = members()
        .min_by_key(|c| (c.doc, c.span))
        .expect("a disagreement has values");
    Disagreement {
        about: first.about.clone(),
        values: values
            .iter()
            .map(|v| {
                let mut sources: Vec<usize> = v.iter().map(|c| c.doc).collect();
                sources.sort_unstable();
                sources.dedup();
                let mut spans: Vec<Citation> = v
                    .iter()
                    .map(|c| Citation {
                        doc: c.doc,
                        span: c.span,
                    })
                    .collect();
                spans.sort();
                Value {
                    value: v[0].text.clone(),
                    qualifier: v[0].qualifier.clone(),
                    sources,
                    sentence: sentence_of(story, v[0]).to_string(),
                    spans,
                    revised: v.iter().any(|c| revised_docs.contains(&c.doc)),
                }
            })
            .collect(),
    }
}

/// Whether two claims count the same thing: a key in common (a word of what they count, with
/// the same unit and event), or one is an amount of a unit that does not say what it
/// measures ("rose 5 percent", "40 miles off the coast") and the other has that unit and
/// event.
fn same_thing(a: &Claim, b: &Claim) -> bool {
    !crate::sets::disjoint(&a.keys, &b.keys) || bare_of(a, b) || bare_of(b, a)
}

/// Whether `bare` is an amount of a unit without a counted word and `other` has that unit and
/// event.
fn bare_of(bare: &Claim, other: &Claim) -> bool {
    let [key] = bare.keys.as_slice() else {
        return false;
    };
    match split_bars(key) {
        Some((unit, event)) if !unit.is_empty() => other
            .keys
            .iter()
            .any(|k| k.split('|').next() == Some(unit) && k.rsplit('|').next() == Some(event)),
        _ => false,
    }
}

/// `key` split at its first `||` (unit and event of an amount that does not say what it
/// measures). A byte scan: keys are short, and a `&str` pattern sets up a searcher per call.
fn split_bars(key: &str) -> Option<(&str, &str)> {
    let i = key.as_bytes().windows(2).position(|w| w == b"||")?;
    Some((&key[..i], &key[i + 2..]))
}

/// Whether a claim is an amount of a unit that does not say what it measures.
fn bare(c: &Claim) -> bool {
    matches!(c.keys.as_slice(), [k] if split_bars(k).is_some_and(|(u, _)| !u.is_empty()))
}

/// The key under which claims with a unit meet whatever they count ("percent", "distance|
/// killed"): an amount of the unit that does not say what it measures may be any of them.
fn unit_key(c: &Claim) -> Option<String> {
    let key = c.keys.first()?;
    let (unit, rest) = key.split_once('|')?;
    let event = rest.rsplit('|').next()?;
    (!unit.is_empty()).then(|| format!("{unit}|*|{event}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_fit_the_tail_read_for_them() {
        for q in QUALIFIERS {
            assert!(q.is_ascii() && q.chars().count() < QUALIFIER_TAIL, "{q}");
        }
        let text = "Officials said that AT LEAST";
        assert_eq!(lower_tail(text, 8), "at least");
        assert_eq!(lower_tail(text, 9), " at least");
        assert_eq!(lower_tail("ÀB", 5), "àb");
        // A qualifier deep in a long sentence is found as in the whole text.
        let long = format!("{} up to", "x ".repeat(200));
        let found = |t: &str| {
            let l = lower_tail(t, QUALIFIER_TAIL);
            QUALIFIERS.iter().find(|q| {
                l.strip_suffix(*q)
                    .is_some_and(|p| p.is_empty() || p.ends_with([' ', '(', ',']))
            })
        };
        assert_eq!(found(&long), Some(&"up to"));
        assert_eq!(found("rose to"), None);
    }

    /// Found by the `facts` fuzz target: "per" ending the text was read as "per cent" and
    /// looked one word past the end.
    #[test]
    fn per_without_cent_is_no_percentage() {
        for texts in [
            &["Prices rose 8 per"][..],
            &["Rates rose 8 per cent.", "Rates rose 9 per cent."],
            &["\u{fffd}\0\"eG8.per\0"],
        ] {
            let story = crate::facts::test_story(texts);
            let _ = crate::facts::extract(&story);
        }
    }

    #[test]
    fn stance_by_words_equals_stance_of_the_text() {
        let sentences = [
            "The union demanded 12% and the company offered 4%.",
            "Management's offer: 3 percent; the union's demand's fate is unclear.",
            "U.S.-offered aid, OFFERED twice, was Offers' subject",
            "They sought.offered terms and wanted,asked more",
            "The re-offered plan; pre-demanded; seek’s; ‘offer’ and “demand”.",
            "Señor Díaz ofreció offered 1,000.5 asks asking",
            "offer.demand offer’demand dont't asked's",
            "Nothing here at all, 1.5 million people.",
            "",
            "wanted",
        ];
        let mut seen = [false; 4];
        for text in sentences {
            let story = crate::facts::test_story(&[text]);
            let wanted = crate::text::terms_of(&story.vocab, STANCE.words());
            let Some(d) = story.documents.first() else {
                // No article at all (the empty text).
                assert_eq!(stance(text), 0);
                continue;
            };
            // Whole sentences as the pipeline splits them, and the text as one.
            let mut by_words = 0;
            for s in &d.sentences {
                let t = d.slice(s.span);
                let b = stance_of_words(t, s.span.start, &s.tokens, &wanted);
                assert_eq!(b, stance(t), "{t}");
                by_words |= b;
            }
            assert_eq!(by_words, stance(&d.clean), "{text}");
            seen[usize::from(by_words)] = true;
        }
        assert_eq!(seen, [true; 4], "every stance occurs");
    }

    #[test]
    fn every_number_word_is_found_in_any_case_and_nothing_else() {
        for &(w, v) in NUMBER_WORDS {
            assert_eq!(number_word(w), Some(v), "{w}");
            assert_eq!(number_word(&w.to_uppercase()), Some(v), "{w}");
            let capitalized = format!("{}{}", w[..1].to_uppercase(), &w[1..]);
            assert_eq!(number_word(&capitalized), Some(v), "{w}");
        }
        for w in [
            "twos",
            "tw",
            "the",
            "sixth",
            "dozens",
            "",
            "señor",
            "fifteenth",
        ] {
            assert_eq!(number_word(w), None, "{w}");
        }
    }

    #[test]
    fn story_claims_equal_claims_found_sentence_by_sentence() {
        // Every number word, in three cases, as the only number of its sentence; and
        // sentences without one.
        let mut text = String::new();
        for (i, &(w, _)) in NUMBER_WORDS.iter().enumerate() {
            let w = match i % 3 {
                0 => w.to_string(),
                1 => w.to_uppercase(),
                _ => format!("{}{}", w[..1].to_uppercase(), &w[1..]),
            };
            text.push_str(&format!(
                "Officials said {w} people were killed in the town. "
            ));
            text.push_str("The union said talks would resume soon. ");
        }
        text.push_str("About 40 houses and 3.5 million dollars were lost. ");
        // Number words beside digits, currency signs, hyphens and possessives.
        text.push_str("Seven people died and 12 were hurt, police said on 4 May. ");
        text.push_str("The $ten fine, £12,000 bail and €3.5bn deal hit twelve firms. ");
        text.push_str("A five-year plan for 30 towns left one's eleven’s Three homes empty. ");
        let story = crate::facts::test_story(&[&text]);
        let d = &story.documents[0];
        let expected: Vec<Claim> = d
            .sentences
            .iter()
            .enumerate()
            .flat_map(|(i, s)| find_claims(0, i, d.slice(s.span), s.span.start, &[]))
            .collect();
        assert!(expected.len() > NUMBER_WORDS.len(), "{}", expected.len());
        assert_eq!(story_claims(&story, &[]), expected);
    }

    #[test]
    fn a_currency_sign_is_kept_with_its_number() {
        let t = "They paid £12,000 bail, €3,500 fees and $4,000 fines for 7 ships.";
        let claims = find_claims(0, 0, t, 0, &[]);
        let starts: Vec<&str> = claims.iter().map(|c| &t[c.span.start..]).collect();
        for sign in ["£12,000", "€3,500", "$4,000"] {
            assert!(
                starts.iter().any(|s| s.starts_with(sign)),
                "{sign}: {claims:?}"
            );
        }
        assert!(
            starts.iter().any(|s| s.starts_with("7 ships")),
            "{claims:?}"
        );
    }

    #[test]
    fn sentences_without_digits_or_number_words_hold_no_claim() {
        let spans = |t: &str| crate::text::word_spans(t).collect::<Vec<_>>();
        let t = "The union said talks would resume.";
        assert!(!has_number(t, &spans(t)));
        let t = "Twelve people were hurt.";
        assert!(has_number(t, &spans(t)));
        let t = "It cost $4m.";
        assert!(has_number(t, &spans(t)));
    }

    /// The disagreements of a story of `texts`, published on the given days of March 2026
    /// (None: undated).
    fn flags(texts: &[&str], days: &[Option<u32>]) -> Vec<Disagreement> {
        let story = crate::facts::test_story(texts);
        let published: Vec<Option<Date>> = days
            .iter()
            .map(|d| d.and_then(|d| Date::new(2026, 3, d)))
            .collect();
        let dated = crate::facts::timeline::find_dated(&story, &published);
        disagreements(&story, story_claims(&story, &dated), &published, usize::MAX)
    }

    /// The values of each disagreement, as written.
    fn values(ds: &[Disagreement]) -> Vec<Vec<String>> {
        ds.iter()
            .map(|d| d.values.iter().map(|v| v.value.clone()).collect())
            .collect()
    }

    /// Two invented articles about one bus crash, each with a filler sentence so that they are
    /// no copies; `a` and `b` carry the figures.
    fn pair(a: &str, b: &str) -> [String; 2] {
        [
            format!("{a} Rescue teams worked through the night near the river."),
            format!("{b} The regional governor visited the hospital on Monday morning."),
        ]
    }

    fn flags_of(a: &str, b: &str, days: &[Option<u32>]) -> Vec<Vec<String>> {
        let [x, y] = pair(a, b);
        values(&flags(&[&x, &y], days))
    }

    #[test]
    fn the_first_shown_are_those_of_the_whole_ranking() {
        // Five figures two articles give differently, told more or less alike: judging stops
        // early only where nothing after could rank above.
        let facts = [
            (
                "The flood killed {} people in the valley towns of Orrin on Sunday.",
                12,
                15,
            ),
            (
                "Firefighters rescued {} residents from rooftops in Orrin on Sunday.",
                40,
                55,
            ),
            (
                "The storm destroyed {} homes along the river banks of Orrin.",
                300,
                420,
            ),
            (
                "Engineers counted {} breaches in the old levee north of Orrin.",
                3,
                7,
            ),
            ("About {} cattle drowned on the farms of Orrin.", 900, 1400),
        ];
        let article = |pick: fn(&(&str, u32, u32)) -> u32| {
            facts
                .iter()
                .map(|f| f.0.replace("{}", &pick(f).to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (a, b) = (article(|f| f.1), article(|f| f.2));
        let story = crate::facts::test_story(&[&a, &b]);
        let published = vec![None, None];
        let dated = crate::facts::timeline::find_dated(&story, &published);
        let claims = || story_claims(&story, &dated);
        let all = disagreements(&story, claims(), &published, usize::MAX);
        assert!(all.len() >= 4, "{:?}", values(&all));
        for shown in 0..all.len() + 1 {
            let first = disagreements(&story, claims(), &published, shown);
            assert_eq!(values(&first), values(&all[..shown]), "{shown}");
        }
    }

    #[test]
    fn in_a_big_story_a_figure_given_many_ways_is_no_disagreement() {
        // 210 reports, each naming its own unit by number: the numbers name, they do not
        // count, and a "disagreement" of 210 values would be noise.
        let texts: Vec<String> = (0..210)
            .map(|i| {
                format!(
                    "Flood waters rose in Vell on Sunday. Volunteer Ida Marsh cleaned the \
                     clinic before dawn and sealed the mill by noon, neighbours of unit {i} \
                     recalled."
                )
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let story = crate::facts::test_story(&refs);
        assert!(story.is_big());
        let published = vec![None; refs.len()];
        let dated = crate::facts::timeline::find_dated(&story, &published);
        let found = disagreements(&story, story_claims(&story, &dated), &published, usize::MAX);
        assert!(
            found.iter().all(|d| d.values.len() <= LINKED),
            "{:?}",
            values(&found)
        );
    }

    #[test]
    fn numbers_that_count_nothing_are_left_out() {
        // (sentence, the figure that must not be a claim)
        let cases = [
            ("The Apollo 11 crew met 40 pupils at the museum.", "11"),
            ("Drugs that block COX-2 enzymes reached 5 markets.", "2"),
            ("The song was the No. 2 single for 6 weeks.", "2"),
            ("A two-minute trailer drew 40 fans.", "two"),
            ("The 13-year-old boy saved 3 dogs.", "13"),
            ("They served from 1991 to 1994 in 6 towns.", "1991"),
            ("Between 1998 and 2001 ships sank in 4 ports.", "2001"),
            ("Seas rose 6 to 37 years ago by 2 feet.", "37"),
            ("The town was founded 20 years ago by 30 families.", "20"),
            ("The disorder hits 2 in every 1,000 children.", "1,000"),
            ("It is 110 miles (177 km) east of the port.", "177"),
            ("They farm a 2.5 million-acre reservation.", "2.5"),
            ("Photo: Image 1 of / 10 pictures Back to gallery.", "10"),
            (
                "Crashes kill most children 14 and younger, 30 states say.",
                "14",
            ),
            ("Boys aged 12 won 5 medals.", "12"),
        ];
        for (text, figure) in cases {
            let claims = find_claims(0, 0, text, 0, &[]);
            assert!(
                claims.iter().all(|c| !c.text.starts_with(figure)),
                "{text}: {claims:?}"
            );
        }
        // A change "from 70 to 87" is no range: both are figures (the first is revised).
        assert!(!not_a_count("The toll rose from ", " to 87 people."));
        assert!(!not_a_count("The toll rose from 70 to ", " people."));
        // Nor is a list: "killed 7, and 55 others".
        assert!(!not_a_count(
            "The quake killed 7, and ",
            " others were hurt."
        ));
    }

    #[test]
    fn both_ends_of_a_range_are_bounds_of_one_quantity() {
        // (sentence, the ends as (qualifier, text, value), label)
        let cases = [
            (
                "Seas could rise 6 to 37 inches by then.",
                [("from", "6", 6.0), ("to", "37", 37.0)],
                "inches",
            ),
            (
                "Between 10 and 25 ships were lost.",
                [("from", "10", 10.0), ("to", "25", 25.0)],
                "ships",
            ),
            (
                "The fever kills 2.5 to 4.5 million cattle a year.",
                [("from", "2.5", 2.5e6), ("to", "4.5 million", 4.5e6)],
                "cattle killed per year",
            ),
        ];
        for (text, ends, label) in cases {
            let claims = find_claims(0, 0, text, 0, &[]);
            let got: Vec<(&str, &str, f64)> = claims
                .iter()
                .map(|c| {
                    (
                        c.qualifier.as_deref().unwrap_or(""),
                        c.text.as_str(),
                        c.value,
                    )
                })
                .collect();
            assert_eq!(got, ends, "{text}");
            assert!(claims.iter().all(|c| c.about == label), "{claims:?}");
            assert!(claims
                .iter()
                .all(|c| text[c.span.start..c.span.end] == c.text));
        }
        // A change is no range; years are no counts.
        for text in [
            "The toll rose from 70 to 87 people.",
            "He ruled from 1991 to 1994 in the north.",
        ] {
            let claims = find_claims(0, 0, text, 0, &[]);
            assert!(claims.iter().all(|c| c.qualifier.is_none()), "{claims:?}");
        }
        // Ranges of two articles clash on an end; a figure within a range fits it.
        let undated = [None, None];
        let a = "Officials in Tarsa said the flood destroyed 40,000 to 55,000 acres of crops.";
        let b = "Officials in Tarsa said the flood destroyed 40,000 to 65,000 acres of crops.";
        // Both give the low end "from 40,000"; the high ends clash.
        assert_eq!(
            flags_of(a, b, &undated),
            [["40,000", "55,000 acres", "65,000 acres"]]
        );
        let b = "Officials in Tarsa said the flood destroyed 50,000 acres of crops.";
        assert!(flags_of(a, b, &undated).is_empty());
    }

    #[test]
    fn what_a_number_counts_is_read_in_words() {
        // (sentence, figure, label the reader sees)
        let cases = [
            ("Customs found 13 vials labeled as vitamins.", "13", "vials"),
            (
                "Seven people died and 110 others were infected.",
                "110",
                "others infected",
            ),
            (
                "The quake killed 7, and 55 others were injured.",
                "55",
                "others injured",
            ),
            (
                "The blast killed 247 people on Friday.",
                "247",
                "people killed",
            ),
            (
                "She won 53 percent of the vote in March.",
                "53",
                "percent of vote",
            ),
            (
                "Israel approved 3,900 new housing units there.",
                "3,900",
                "new housing units",
            ),
            (
                "The party has ruled for 24 years, critics say.",
                "24",
                "years",
            ),
            (
                "The balloon drifted 20 miles an hour over the sea.",
                "20",
                "distance per hour",
            ),
            (
                "Clinics see 188 babies a year with the defect.",
                "188",
                "babies per year",
            ),
            (
                "The donors pledged 320 million U.S. dollars for roads.",
                "320",
                "money",
            ),
            // A currency name before the number, as wire services write it.
            (
                "The port will cost U.S. dlrs 4.6 billion to build.",
                "4.6",
                "money",
            ),
            // The counted word names the event: no "deaths killed".
            ("The crash caused 12 deaths on the road.", "12", "deaths"),
            ("The storm claimed 9 lives on the coast.", "9", "lives"),
        ];
        for (text, figure, label) in cases {
            let claims = find_claims(0, 0, text, 0, &[]);
            let c = claims.iter().find(|c| c.text.starts_with(figure));
            assert_eq!(
                c.map(|c| c.about.as_str()),
                Some(label),
                "{text}: {claims:?}"
            );
        }
    }

    #[test]
    fn a_qualifier_is_a_bound_not_a_conflict_by_itself() {
        let claim = |q: Option<&str>, v: f64| Claim {
            doc: 0,
            sent: 0,
            span: Span::new(0, 1),
            value: v,
            text: v.to_string(),
            qualifier: q.map(String::from),
            about: String::new(),
            keys: Vec::new(),
            revised: false,
        };
        let cases = [
            (Some("at least"), 70.0, None, 86.0, true),
            (Some("at least"), 90.0, None, 86.0, false),
            (Some("more than"), 3.0, Some("less than"), 10.0, true),
            (Some("more than"), 30.0, Some("less than"), 10.0, false),
            (Some("up to"), 1.6e6, None, 1.5e6, true),
            (Some("at least"), 70.0, Some("at least"), 90.0, false),
            (
                Some("more than"),
                90_000.0,
                Some("more than"),
                90_400.0,
                true,
            ),
            (Some("about"), 1000.0, None, 1020.0, true),
            (None, 70.0, None, 87.0, false),
            // "nearly 50" is a little under 50: "about 46" and "48" fit it, "40" does not.
            (Some("nearly"), 50.0, Some("about"), 46.0, true),
            (Some("almost"), 50.0, None, 48.0, true),
            (Some("nearly"), 50.0, None, 40.0, false),
            (Some("nearly"), 50.0, None, 55.0, false),
            (Some("nearly"), 100.0, Some("nearly"), 90.0, false),
        ];
        for (qa, a, qb, b, want) in cases {
            assert_eq!(
                compatible(&claim(qa, a), &claim(qb, b)),
                want,
                "{qa:?} {a} / {qb:?} {b}"
            );
        }
        // In a story: "at least 70" and "86" are not flagged; "70" and "86" are.
        let undated = [None, None];
        let a = "The bus plunged into the ravine near Tarsa, killing at least 70 people.";
        let b = "The bus plunged into the ravine near Tarsa, killing 86 people.";
        assert!(flags_of(a, b, &undated).is_empty());
        let a = "The bus plunged into the ravine near Tarsa, killing 70 people.";
        assert_eq!(flags_of(a, b, &undated), [["70", "86"]]);
    }

    #[test]
    fn a_figure_rounded_to_fewer_digits_agrees_with_the_finer_one() {
        let claim = |text: &str, v: f64| Claim {
            doc: 0,
            sent: 0,
            span: Span::new(0, 1),
            value: v,
            text: text.to_string(),
            qualifier: None,
            about: String::new(),
            keys: Vec::new(),
            revised: false,
        };
        let cases = [
            ("12 U.S. dollars", 12.0, "$12.38", 12.38, true),
            ("2.5 million", 2.5e6, "2,530,000", 2.53e6, true),
            ("2 percent", 2.0, "2.4 percent", 2.4, true),
            ("$12", 12.0, "$12.60", 12.6, false),
            ("2.4 percent", 2.4, "2.6 percent", 2.6, false),
            ("70", 70.0, "71", 71.0, false),
            ("1.5 million", 1.5e6, "1.7 million", 1.7e6, false),
            ("twelve", 12.0, "12.3", 12.3, true),
        ];
        for (ta, a, tb, b, want) in cases {
            assert_eq!(agree(&claim(ta, a), &claim(tb, b)), want, "{ta} / {tb}");
            assert_eq!(agree(&claim(tb, b), &claim(ta, a)), want, "{tb} / {ta}");
        }
    }

    #[test]
    fn only_claims_told_alike_are_shown_as_a_conflict() {
        let undated = [None, None];
        // The same words around the number, but the sentences share only three words.
        let a = "Police arrested 40 protesters on Monday.";
        let b = "Police arrested 55 protesters at the border crossing.";
        assert!(flags_of(a, b, &undated).is_empty());
        // One more word in common: the same statement told twice with two figures.
        let a = "Police in Tarsa arrested 40 protesters on Monday.";
        let b = "Police in Tarsa arrested 55 protesters at the border crossing.";
        assert_eq!(flags_of(a, b, &undated), [["40", "55"]]);
    }

    #[test]
    fn an_amount_that_does_not_say_what_it_measures_meets_its_unit() {
        let undated = [None, None];
        let a = "Polls in Tarsa showed about 40 percent in favour of the dam plan on Sunday.";
        let b = "Polls in Tarsa showed 60 percent of voters in favour of the dam plan on Sunday.";
        assert_eq!(flags_of(a, b, &undated), [["40 percent", "60 percent"]]);
        // Another unit is another quantity.
        let b = "Polls in Tarsa showed 60 miles of road in favour of the dam plan on Sunday.";
        assert!(flags_of(a, b, &undated).is_empty());
        let bare = find_claims(0, 0, "Support stood at 40 percent.", 0, &[]);
        let voters = find_claims(0, 0, "It won 60 percent of voters.", 0, &[]);
        let miles = find_claims(0, 0, "It lies 60 miles away.", 0, &[]);
        assert!(same_thing(&bare[0], &voters[0]) && same_thing(&voters[0], &bare[0]));
        assert!(!same_thing(&bare[0], &miles[0]));
    }

    #[test]
    fn an_amount_that_does_not_say_what_it_measures_needs_more_scope() {
        let undated = [None, None];
        // Three scope words in common ("exports", "Tarsa", "fell"), nothing counted.
        let a = "Exports from Tarsa fell 3 percent, the ministry said on Friday after a long \
                 review of the harbour accounts.";
        let b = "Exports from Tarsa fell 8 percent as storms closed the northern harbour for \
                 weeks and ships waited offshore.";
        assert!(flags_of(a, b, &undated).is_empty());
        // What the share is of is said: the same three words and the counted one suffice.
        let a = "Exports from Tarsa fell 3 percent of their value, the ministry said on Friday \
                 after a long review of the harbour accounts.";
        let b = "Exports from Tarsa fell 8 percent of their value as storms closed the northern \
                 harbour for weeks and ships waited offshore.";
        assert_eq!(flags_of(a, b, &undated), [["3 percent", "8 percent"]]);
    }

    #[test]
    fn the_key_index_finds_every_claim_about_the_same_thing() {
        let claim = |keys: &[&str]| Claim {
            doc: 0,
            sent: 0,
            span: Span::new(0, 1),
            value: 1.0,
            text: "1".to_string(),
            qualifier: None,
            about: String::new(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            revised: false,
        };
        // A counted word with a unit, the bare amount of that unit, another unit, another
        // event, a claim with two keys, a key without a unit.
        let claims = [
            claim(&["km|road|built"]),
            claim(&["km||built"]),
            claim(&["mile|road|built"]),
            claim(&["km|road|closed"]),
            claim(&["|people|killed", "km|road|built"]),
            claim(&["|people|killed"]),
            claim(&["||built"]),
        ];
        let live: Vec<&Claim> = claims.iter().collect();
        let meeting = Meeting::new(&live);
        let mut met = 0;
        for (i, a) in live.iter().enumerate() {
            let found = meeting.candidates(a);
            for (j, b) in live.iter().enumerate() {
                if same_thing(a, b) {
                    met += 1;
                    assert!(found.contains(&j), "{i} {j}");
                }
            }
        }
        assert!(met > claims.len(), "{met}");
        // The bare amount meets the km of the road built, not the mile nor the road closed.
        assert_eq!(meeting.candidates(live[1]), [0, 1, 4]);
    }

    #[test]
    fn a_sentence_giving_both_figures_tells_two_quantities_apart() {
        let claim = |doc: usize, v: f64| Claim {
            doc,
            sent: 0,
            span: Span::new(0, 1),
            value: v,
            text: v.to_string(),
            qualifier: None,
            about: "inches".to_string(),
            keys: vec!["|inch|".to_string()],
            revised: false,
        };
        // "The bridge sagged 6 inches and leaned 4 inches." / "It sagged 6 inches."
        let (a4, a6, b6) = (claim(0, 4.0), claim(0, 6.0), claim(1, 6.0));
        let values = vec![vec![&a4], vec![&b6]];
        let said = Meeting::new(&[&a4, &a6, &b6]).sentences_giving(&values);
        assert_eq!(
            verdict(&values, &said, &[], false, usize::MAX),
            Verdict::Neither
        );
        // Without the first article's 6, the figures clash.
        let said = Meeting::new(&[&a4, &b6]).sentences_giving(&values);
        assert_eq!(
            verdict(&values, &said, &[], false, usize::MAX),
            Verdict::Conflict
        );
    }

    #[test]
    fn a_statement_told_twice_is_one_scope_however_far_its_words_are() {
        let undated = [None, None];
        // Eight words either side share only "sail" and "seas"; the sentences share all.
        let a = "The Tarsa ferry weighs 3,100 tons and was built to sail out in seas that \
                 are up to 9 meters.";
        let b = "The Tarsa ferry weighs 3,100 tons and was built to sail out in seas that \
                 are up to 12 meters.";
        assert_eq!(flags_of(a, b, &undated), [["9 meters", "12 meters"]]);
        // Not told alike: the same two words are no scope.
        let b = "Fishermen said boats still sail out in seas that are up to 12 meters.";
        assert!(flags_of(a, b, &undated).is_empty());
    }

    #[test]
    fn publication_dates_tell_an_update_from_a_conflict() {
        let a = "The bus plunged into the ravine near Tarsa, killing 70 people.";
        let b = "The bus plunged into the ravine near Tarsa, killing 86 people.";
        // Same day: a conflict.
        let same = flags(
            &pair(a, b).each_ref().map(String::as_str),
            &[Some(2), Some(2)],
        );
        assert_eq!(values(&same), [["70", "86"]]);
        assert!(same[0].values.iter().all(|v| !v.revised));
        // Later and larger: an update, the later figure marked.
        let later = flags(
            &pair(a, b).each_ref().map(String::as_str),
            &[Some(2), Some(6)],
        );
        assert_eq!(values(&later), [["70", "86"]]);
        let marked: Vec<bool> = later[0].values.iter().map(|v| v.revised).collect();
        assert_eq!(marked, [false, true]);
        // Later and smaller, days apart: no toll shrinks, but either may be true at its
        // time; not flagged. Neither is a figure that is no count of victims.
        assert!(
            flags_of(a, b, &[Some(6), Some(2)]).is_empty() || {
                let d = flags(
                    &pair(a, b).each_ref().map(String::as_str),
                    &[Some(6), Some(2)],
                );
                d.is_empty()
            }
        );
        let a = "Officials said the new plant near Tarsa employs 700 workers.";
        let b = "Officials said the new plant near Tarsa employs 900 workers.";
        assert!(flags_of(a, b, &[Some(2), Some(20)]).is_empty());
        assert_eq!(flags_of(a, b, &[Some(2), None]), [["700", "900"]]);
    }

    #[test]
    fn units_are_compared_in_one_measure() {
        let undated = [None, None];
        let a = "The epicentre lay 10 miles north of the port of Tarsa, officials said.";
        let b = "The epicentre lay 16 kilometers north of the port of Tarsa, officials said.";
        assert!(flags_of(a, b, &undated).is_empty(), "10 miles is 16 km");
        let b = "The epicentre lay 30 kilometers north of the port of Tarsa, officials said.";
        let ds = flags(&pair(a, b).each_ref().map(String::as_str), &undated);
        assert_eq!(values(&ds), [["10 miles", "30 kilometers"]]);
        assert_eq!(ds[0].about, "north (distance)");
    }

    #[test]
    fn figures_of_different_scope_are_not_paired() {
        let undated = [None, None];
        // Same counted noun, nothing else in common around the number.
        let a = "The tribal colleges serve 26,000 students in twelve states.";
        let b = "A task force will study how to teach the nation's 60,000 Indian students.";
        assert!(flags_of(a, b, &undated).is_empty());
        // Same words, but an order of magnitude apart: not one quantity.
        let a = "The flood near Tarsa forced 2,000 residents from their homes.";
        let b = "The flood near Tarsa forced 40,000 residents from their homes.";
        assert!(flags_of(a, b, &undated).is_empty());
        // One article giving both values tells two things apart.
        let a =
            "The first blast near Tarsa killed 12 people and the second blast killed 30 people.";
        let b = "The blast near Tarsa killed 12 people, police said.";
        assert!(flags_of(a, b, &undated).is_empty());
    }

    #[test]
    fn a_brief_shows_only_the_surest_few() {
        let things = ["bridges", "schools", "farms", "roads", "wells"];
        let text = |k: usize| {
            things
                .iter()
                .enumerate()
                .map(|(n, t)| {
                    // The n-th claim is told alike in n + 1 extra words.
                    let alike = ["Police", "Tarsa", "hill", "country", "Sunday"][..=n].join(" ");
                    format!("{alike} said the storm damaged {} {t}. ", (10 + 5 * n) * k)
                })
                .collect::<String>()
        };
        let (a, b) = (text(1), text(3));
        let all = flags(&[&a, &b], &[None, None]);
        assert_eq!(all.len(), things.len(), "{all:?}");
        let shown = crate::facts::extract(&crate::facts::test_story(&[&a, &b])).disagreements;
        let about: Vec<&str> = shown.iter().map(|d| d.about.as_str()).collect();
        assert_eq!(about, ["wells", "roads", "farms"]);
    }

    #[test]
    fn surer_conflicts_come_first() {
        let a = "Police said the bus plunged into the ravine near Tarsa, killing 70 people. \
                 The company said about 40 buses use the road.";
        let b = "Police said the bus plunged into the ravine near Tarsa, killing 86 people. \
                 The company owns 65 buses.";
        let ds = flags(&[a, b], &[None, None]);
        assert_eq!(
            values(&ds).first().map(|v| v[0].as_str()),
            Some("70"),
            "{ds:?}"
        );
        // The same sentence but for the figure comes before a claim that shares only the
        // words around its number.
        let a = "Officials said the flood in Tarsa destroyed 12 bridges across the valley. \
                 Rescuers working through the night in the hill town of Tarsa on Sunday said \
                 that the landslide after days of heavy rain had buried 40 homes.";
        let b = "Officials said the flood in Tarsa destroyed 20 bridges across the valley. \
                 Rescuers working \
                 through the night in the hill town of Tarsa on Sunday said that the landslide \
                 after days of heavy rain had buried 55 homes.";
        let ds = flags(&[a, b], &[None, None]);
        assert_eq!(
            values(&ds).first().map(|v| v[0].as_str()),
            Some("40"),
            "{ds:?}"
        );
    }
}
