//! Numeric claims and where articles disagree on them.
//!
//! A claim is a number with what it counts: the noun after it ("40 ships"), the event words of
//! its clause ("killed", "injured"), or a unit (percent, money). Claims of different articles
//! about the same quantity (same counted thing and event, sentences that share their names)
//! disagree when their values differ beyond what their qualifiers allow ("about 1,000" and
//! "1,020" agree). An article that revises its own figure ("rose to 87", "revised") keeps only
//! the newest value, marked revised, and is never in conflict with itself.

use super::Word;
use std::collections::BTreeSet;

use crate::model::{Citation, Span, Token};
use crate::sets::similarity;
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
    /// What it counts, normalized ("people killed", "ships", "percent pay").
    pub about: String,
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
    "years",
    "year",
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
fn number_word(word: &str) -> Option<f64> {
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
    while i < ws.len() {
        let w = &ws[i];
        let abs = base + w.start;
        let value = if numeric.is_some_and(|n| !n[i])
            || skip.iter().any(|s| s.start <= abs && abs < s.end)
        {
            None
        } else {
            count_at(text, w)
        };
        let Some(value) = value else {
            i += 1;
            continue;
        };
        let n = extent(&ws, i, text, value);
        if ws
            .get(n.next)
            .is_some_and(|w| UNITLESS_SKIP.contains(&w.lower) && n.unit.is_none())
        {
            i = n.next + 1;
            continue;
        }
        let head = counted(&ws, i, n.next, text, lex, heads);
        let event = event_near(&ws, i, n.end_word);
        // Without a counted thing or an event there is nothing to compare it with.
        if head.is_none() && event.is_none() {
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
            about: about(head.as_deref(), event, n.unit),
            revised: false,
        });
        i = n.end_word + 1;
    }
    out
}

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
        || after.starts_with("-year")
        || after.starts_with(" a.m")
        || after.starts_with(" p.m")
    {
        return None;
    }
    Some(value)
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
    let mut unit: Option<&str> = if w.text.starts_with(['$', '€', '£']) {
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
            "percent" | "per" if unit.is_none() => {
                unit = Some("percent");
                end_word = if n.lower == "per" { k + 1 } else { k };
                k = end_word + 1;
            }
            "dollars" | "euros" | "pounds" | "yuan" | "yen" | "rupees" => {
                unit = Some("money");
                end_word = k;
                k += 1;
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

/// The stem of the counted thing of the number at word `i` of `ws`: the content words right
/// after the number (from word `k`, up to a function word or punctuation, at most three), the
/// last of them the head; else the noun before "of" ("a ransom of $2 million").
fn counted(
    ws: &[Word],
    i: usize,
    k: usize,
    text: &str,
    lex: &Lexicon,
    heads: &mut HeadStems,
) -> Option<std::rc::Rc<str>> {
    let mut head: Option<std::rc::Rc<str>> = None;
    let mut j = k;
    while j < ws.len() && j < k + 3 {
        let gap = &text[ws[j - 1].end..ws[j].start];
        if !gap.trim().is_empty() && gap.trim() != "-" {
            break;
        }
        let lw = ws[j].lower;
        if lex.is_stop(lw) || parse_number(lw).is_some() {
            break;
        }
        head = Some(heads.stem(lw));
        j += 1;
    }
    if head.is_none() && i >= 2 && ws[i - 1].lower == "of" {
        let n = ws[i - 2].lower;
        if !lex.is_stop(n) && parse_number(n).is_none() {
            head = Some(heads.stem(n));
        }
    }
    head
}

/// The event of the clause of the number at words `i..=end_word`: the first event word of
/// the sentence within eight words either side.
fn event_near(ws: &[Word], i: usize, end_word: usize) -> Option<&'static str> {
    let lo = i.saturating_sub(8);
    let hi = (end_word + 9).min(ws.len());
    (lo..hi).filter(|&x| x < i || x > end_word).find_map(|x| {
        EVENTS
            .iter()
            .find(|(w, _)| *w == ws[x].lower)
            .map(|&(_, e)| e)
    })
}

/// What a number counts, normalized: its unit, the counted thing (people for the victims of
/// an event, or an event without one), and the event ("percent pay", "people killed").
fn about(head: Option<&str>, event: Option<&str>, unit: Option<&str>) -> String {
    let head = match (head, event) {
        (
            None
            | Some(
                "peopl" | "person" | "live" | "bodi" | "victim" | "civilian" | "dead" | "death"
                | "toll",
            ),
            Some(_),
        ) => "people".to_string(),
        (Some(h), _) => h.to_string(),
        (None, None) => "value".to_string(),
    };
    let mut about = head;
    if let Some(e) = event {
        about = format!("{about} {e}");
    }
    if let Some(u) = unit {
        about = format!("{u} {about}");
    }
    about
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

/// Capitalized words not opening the sentence (`words`: its word spans): the names a sentence
/// is about.
fn names(text: &str, words: impl Iterator<Item = (usize, usize)>) -> Vec<&str> {
    let mut out = Vec::new();
    for (k, (s, e)) in words.enumerate() {
        let w = &text[s..e];
        if k > 0 && w.chars().next().is_some_and(char::is_uppercase) {
            out.push(w.trim_end_matches("'s"));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
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
    if approx(a) || approx(b) {
        let rel = (a.value - b.value).abs() / a.value.abs().max(b.value.abs()).max(1e-9);
        if rel <= 0.05 {
            return true;
        }
    }
    false
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
            if a == b || claims[a].about != claims[b].about {
                continue;
            }
            if agree(&claims[a], &claims[b]) {
                continue;
            }
            let (ea, eb) = (&claims[a], &claims[b]);
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

/// Group the story's claims and report the quantities on which articles disagree.
pub(crate) fn disagreements(story: &Story, mut claims: Vec<Claim>) -> Vec<Disagreement> {
    mark_revisions(story, &mut claims);
    let live: Vec<&Claim> = claims.iter().filter(|c| !c.revised).collect();
    let quantities = Quantities::new(story, &live);
    let mut used = vec![false; live.len()];
    let mut out = Vec::new();
    for i in 0..live.len() {
        if used[i] {
            continue;
        }
        let group = quantities.group_from(i, &used);
        let mut values = distinct_values(&live, &group);
        if !conflict(&values) {
            continue;
        }
        for &g in &group {
            used[g] = true;
        }
        values.sort_by(|a, b| a[0].value.total_cmp(&b[0].value));
        out.push(disagreement(story, &claims, &live[i].about, &values));
    }
    out
}

/// The text of a claim's sentence.
fn sentence_of<'s>(story: &'s Story, c: &Claim) -> &'s str {
    story.sentence_text(crate::model::SentenceRef {
        doc: c.doc,
        sent: c.sent,
    })
}

/// What tells whether two live (unrevised) claims are about the same quantity: the names and
/// stance of each claim's sentence, and the claims about each thing.
struct Quantities<'a> {
    story: &'a Story,
    live: &'a [&'a Claim],
    /// The names of each sentence with claims ([`names`]), and the sentence of each claim.
    sets: Vec<Vec<&'a str>>,
    set_of: Vec<usize>,
    /// The [`stance`] of each claim's sentence.
    stances: Vec<u8>,
    /// The claims about each thing, ascending.
    same_about: std::collections::BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> Quantities<'a> {
    fn new(story: &'a Story, live: &'a [&'a Claim]) -> Self {
        let wanted = crate::text::terms_of(&story.vocab, STANCE.words());
        // Claims of one sentence come together: each sentence is read once.
        let mut sets: Vec<Vec<&str>> = Vec::new();
        let mut set_of: Vec<usize> = Vec::with_capacity(live.len());
        let mut stances: Vec<u8> = Vec::with_capacity(live.len());
        for (x, c) in live.iter().enumerate() {
            if x > 0 && (live[x - 1].doc, live[x - 1].sent) == (c.doc, c.sent) {
                stances.push(stances[x - 1]);
            } else {
                let at = crate::model::SentenceRef {
                    doc: c.doc,
                    sent: c.sent,
                };
                sets.push(names(
                    sentence_of(story, c),
                    story.sentence(at).word_spans(),
                ));
                let sent = story.sentence(at);
                stances.push(stance_of_words(
                    sentence_of(story, c),
                    sent.span.start,
                    &sent.tokens,
                    &wanted,
                ));
            }
            set_of.push(sets.len() - 1);
        }
        let mut same_about: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
        for (x, c) in live.iter().enumerate() {
            same_about.entry(c.about.as_str()).or_default().push(x);
        }
        Quantities {
            story,
            live,
            sets,
            set_of,
            stances,
            same_about,
        }
    }

    /// Whether live claims `x` and `y`, of different articles, are about the same quantity:
    /// the same thing, no disjoint names (different places or actors: different events), not
    /// an offer and a demand, and similar sentences.
    fn same_quantity(&self, x: usize, y: usize) -> bool {
        let (a, b) = (self.live[x], self.live[y]);
        if a.about != b.about || a.doc == b.doc {
            return false;
        }
        let (na, nb) = (&self.sets[self.set_of[x]], &self.sets[self.set_of[y]]);
        if !na.is_empty() && !nb.is_empty() && crate::sets::disjoint(na, nb) {
            return false;
        }
        let (sa, sb) = (self.stances[x], self.stances[y]);
        if (sa == 1 && sb == 2) || (sa == 2 && sb == 1) {
            return false;
        }
        let terms = self.story.content_terms();
        let (ta, tb) = (&terms[a.doc][a.sent], &terms[b.doc][b.sent]);
        similarity(ta, tb) >= 0.25
    }

    /// The group of live claim `i`: it and the later claims not `used` that are about the same
    /// quantity as it and as every member (or of a member's article, about the same thing).
    fn group_from(&self, i: usize, used: &[bool]) -> Vec<usize> {
        let live = self.live;
        let mut group = vec![i];
        let peers = &self.same_about[live[i].about.as_str()];
        let later = peers.partition_point(|&j| j <= i);
        for &j in &peers[later..] {
            if !used[j]
                && group.iter().all(|&g| {
                    self.same_quantity(g, j)
                        || live[g].doc == live[j].doc && live[g].about == live[j].about
                })
                && self.same_quantity(i, j)
            {
                group.push(j);
            }
        }
        group
    }
}

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

/// Whether two of the values are a conflict: no single article gives both of them (an
/// article giving both is telling two different things apart, e.g. two attacks).
fn conflict(values: &[Vec<&Claim>]) -> bool {
    let docs_of = |v: &Vec<&Claim>| v.iter().map(|c| c.doc).collect::<BTreeSet<_>>();
    values.iter().enumerate().any(|(x, a)| {
        values
            .iter()
            .skip(x + 1)
            .any(|b| docs_of(a).is_disjoint(&docs_of(b)))
    })
}

/// The disagreement about `about` over `values` (sorted); a value is revised when an
/// article giving it revised its own figure about the same thing (among `claims`).
fn disagreement(
    story: &Story,
    claims: &[Claim],
    about: &str,
    values: &[Vec<&Claim>],
) -> Disagreement {
    let revised_docs: BTreeSet<usize> = claims
        .iter()
        .filter(|c| c.revised && c.about == about)
        .map(|c| c.doc)
        .collect();
    Disagreement {
        about: about.to_string(),
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
}
