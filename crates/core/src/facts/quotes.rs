//! Who said what: direct quotations, their speakers, and the same quote across articles.
//!
//! Quotations are found between quote marks in each paragraph (straight `"`, curly `“ ”`,
//! single curly `‘ ’`, and DUC's ``` `` ''```). A quote left open at the end of a paragraph
//! continues when the next paragraph opens with a quote mark (the news convention for long
//! quotes). A quote split around its attribution (`"It is illegitimate," Lavrov said, "and
//! unlawful."`) is one quotation with two spans.
//!
//! The speaker comes from the attribution in the same sentence: after the quote ("…," X said;
//! "…," said X; "…," according to X) or before it (X said: "…"; X told reporters "…"). The
//! attribution's name is resolved through [`Entities`] (a surname or "Mr X" to the full name); a
//! pronoun ("he said") to the last person named in the same or the previous two paragraphs; a
//! description ("the minister") to the last person with that role in the article. What cannot
//! be resolved stays as written ("a police spokesman") and a quote without attribution has no
//! speaker: nothing is guessed.

use std::collections::BTreeSet;

use super::entities::{Entities, Kind, Mention};
use crate::model::{Citation, Document, Span};
use crate::story::Story;
use crate::text::WordSet;

/// A quotation in one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub doc: usize,
    /// The quoted words: the parts joined by a space.
    pub text: String,
    /// Byte spans of the parts inside the quote marks (cleaned text).
    pub parts: Vec<Span>,
    /// The speaker: an entity's name, or the attribution as written; `None` when unattributed.
    pub speaker: Option<String>,
    /// The entity of the speaker, when it is a named one.
    pub entity: Option<usize>,
}

/// A quotation merged across the articles that carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedQuote {
    pub speaker: Option<String>,
    /// The fullest version's text.
    pub text: String,
    /// Articles carrying it, ascending.
    pub sources: Vec<usize>,
    /// Every part in every article, by document then position.
    pub spans: Vec<Citation>,
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "explained",
    "noted",
    "wrote",
    "writes",
    "stated",
    "declared",
    "warned",
    "warns",
    "insisted",
    "argued",
    "argues",
    "continued",
    "recalled",
    "admitted",
    "acknowledged",
    "replied",
    "responded",
    "tweeted",
    "posted",
    "claimed",
    "announced",
    "urged",
    "stressed",
    "cautioned",
    "concluded",
    "remarked",
    "observed",
    "complained",
    "conceded",
    "predicted",
    "suggested",
    "shouted",
    "joked",
    "recounted",
    "testified",
    "confirmed",
    "vowed",
    "pledged",
    "promised",
    "demanded",
    "insists",
    "notes",
    "explains",
    "added:",
    "emphasized",
    "emphasised",
    "countered",
    "quipped",
    "told:",
    "reported",
    "wrote:",
    "recalls",
    "cried",
    "yelled",
    "screamed",
    "whispered",
    "agreed",
    "commented",
    "maintained",
    "mused",
    "boasted",
    "boasts",
    "lamented",
    "pointed",
    "concludes",
    "warns",
    "admits",
    "claims",
    "points",
    "recounts",
    "reports",
    "tweets",
];

const PRONOUNS: &[&str] = &["he", "she"];
const UNKNOWN_PRONOUNS: &[&str] = &["i", "we", "they", "it", "you", "one", "someone", "who"];

fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERB_SET.contains(word.trim_end_matches([',', ':', '.', ';']))
}

/// [`is_speech_verb`] of a word as written (folded by the look-up, without a copy).
pub(crate) fn is_speech_verb_folded(word: &str) -> bool {
    SPEECH_VERB_SET.contains_lower(word.trim_end_matches([',', ':', '.', ';']))
}

static SPEECH_VERB_SET: WordSet = WordSet::new(SPEECH_VERBS);

/// Quote marks: (is opening, is closing, byte length), for the char at `i`.
fn mark_at(text: &str, i: usize) -> Option<(bool, bool, usize)> {
    let rest = &text[i..];
    let c = rest.chars().next()?;
    let prev = text[..i].chars().next_back();
    let next = rest[c.len_utf8()..].chars().next();
    match c {
        '“' | '«' | '„' => Some((true, false, c.len_utf8())),
        '”' | '»' => Some((false, true, c.len_utf8())),
        '"' => Some((true, true, 1)),
        '`' if rest.starts_with("``") => Some((true, false, 2)),
        '\'' if rest.starts_with("''") => Some((false, true, 2)),
        '‘' if !prev.is_some_and(char::is_alphanumeric) => Some((true, false, c.len_utf8())),
        '’' if prev.is_some_and(|p| !p.is_whitespace())
            && !next.is_some_and(char::is_alphanumeric) =>
        {
            Some((false, true, c.len_utf8()))
        }
        _ => None,
    }
}

/// A quoted segment of one paragraph.
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Content range (inside the marks).
    start: usize,
    end: usize,
    /// Mark positions: opening mark start, closing mark end (or paragraph end).
    open_at: usize,
    close_end: usize,
    /// Left open at the end of the paragraph.
    open_ended: bool,
    /// Opened by a single curly mark (only closed by one).
    single: bool,
}

/// The bytes that can start a quotation mark (see [`segments`]): ASCII marks, and the lead
/// bytes of typographic ones (E2 for “ ” ‘ ’ „, C2 for « »).
fn is_mark_start(b: &u8) -> bool {
    matches!(b, b'"' | b'`' | b'\'' | 0xE2 | 0xC2)
}

/// The bytes of `text[from..to]` that can start a quote mark ([`is_mark_start`]): every byte
/// where [`mark_at`] can find one. They are character boundaries (ASCII, or lead bytes).
fn mark_starts(text: &str, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    let bytes = &text.as_bytes()[..to];
    let mut at = from;
    std::iter::from_fn(move || {
        let i = at + bytes[at..].iter().position(is_mark_start)?;
        at = i + 1;
        Some(i)
    })
}

fn segments(text: &str, from: usize, to: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, bool)> = None; // (mark start, content start, single)
    let mut i = from;
    while i < to {
        // Jump to the next byte that can start a mark: ASCII marks, or the lead byte of a
        // typographic one (E2 for “ ” ‘ ’ „, C2 for « »; lead bytes are char boundaries).
        match text.as_bytes()[i..to].iter().position(is_mark_start) {
            Some(k) => i += k,
            None => break,
        }
        let Some((opens, closes, len)) = mark_at(text, i) else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let single = text[i..].starts_with('‘') || text[i..].starts_with('’');
        match open {
            Some((at, content, was_single)) if closes && (single == was_single) => {
                out.push(Segment {
                    start: content,
                    end: i,
                    open_at: at,
                    close_end: i + len,
                    open_ended: false,
                    single: was_single,
                });
                open = None;
            }
            None if opens => open = Some((i, i + len, single)),
            _ => {}
        }
        i += len;
    }
    if let Some((at, content, single)) = open {
        out.push(Segment {
            start: content,
            end: to,
            open_at: at,
            close_end: to,
            open_ended: true,
            single,
        });
    }
    out
}

fn trim_span(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    Span::new(start + lead, start + lead + t.len())
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// [`word_count`], counting no further than `most`: `min(word_count(s), most)`, for tests
/// against small counts, without reading a long text to its end.
fn words_up_to(s: &str, most: usize) -> usize {
    s.split_whitespace().take(most).count()
}

/// The sentence span of `doc` containing byte `at` (or the nearest before it).
fn sentence_around(doc: &Document, at: usize) -> Span {
    let i = doc.sentences.partition_point(|s| s.span.start <= at);
    if i == 0 {
        return Span::new(0, doc.clean.len().min(at));
    }
    doc.sentences[i - 1].span
}

/// Find the quotations of one document and attribute them.
pub fn find_quotes(doc_index: usize, doc: &Document, entities: &Entities) -> Vec<Quote> {
    let text = &doc.clean;
    let lines = line_starts(text);
    // Each line's byte range, its newline left out.
    let paras: Vec<(usize, usize)> = lines
        .iter()
        .enumerate()
        .map(|(k, &s)| (s, lines.get(k + 1).map_or(text.len(), |&next| next - 1)))
        .collect();
    // Quotes as runs of segments (continued across paragraphs, split around attributions),
    // one after another in `store`. Each quote: its range there and, for a split quote, the
    // attribution gap between its segments. A quote carried to the next paragraph is the last
    // run of `store` (the carried run starting at `carry`) until it ends.
    let mut store: Vec<Segment> = Vec::new();
    type Group = (std::ops::Range<usize>, Option<(usize, usize)>);
    let mut groups: Vec<Group> = Vec::new();
    let mut carry: Option<usize> = None;
    for &(ps, pe) in &paras {
        let segs = segments(text, ps, pe);
        let mut k = 0;
        if let Some(c) = carry.take() {
            let opens_here = segs
                .first()
                .is_some_and(|s| text[ps..s.open_at].trim().is_empty());
            if opens_here {
                store.push(segs[0]);
                k = 1;
                if segs[0].open_ended {
                    carry = Some(c);
                    continue;
                }
            }
            if carry.is_none() {
                groups.push((c..store.len(), None));
            }
        }
        while k < segs.len() {
            let start = store.len();
            store.push(segs[k]);
            let mut gap = None;
            // A split quote: "…," X said, "…".
            while k + 1 < segs.len() {
                let a = store[store.len() - 1];
                let b = segs[k + 1];
                let between = &text[a.close_end..b.open_at];
                let a_text = text[a.start..a.end].trim_end();
                let continues = || {
                    a_text.ends_with([',', '—', '-', '…'])
                        || text[b.start..b.end]
                            .trim_start()
                            .chars()
                            .next()
                            .is_some_and(char::is_lowercase)
                };
                // The cheap tests first: most pairs of quotes in a paragraph are not one quote
                // split around its attribution, and the text between them can be long.
                if !a.open_ended
                    && continues()
                    && (1..=10).contains(&words_up_to(between, 11))
                    && !between.trim().contains(['.', '!', '?'])
                    && between.split_whitespace().any(is_speech_verb)
                {
                    gap = Some((a.close_end, b.open_at));
                    store.push(b);
                    k += 1;
                } else {
                    break;
                }
            }
            k += 1;
            if store[store.len() - 1].open_ended {
                carry = Some(start);
            } else {
                groups.push((start..store.len(), gap));
            }
        }
    }
    if let Some(c) = carry {
        groups.push((c..store.len(), None));
    }

    let mut out = Vec::new();
    let mut previous: Option<LastSpeaker> = None;
    let mut last_in_para: Option<(usize, String, Option<usize>)> = None;
    let last_seg_end = |segs: &[Segment]| segs.last().map_or(0, |s| s.close_end);
    for (range, gap) in groups {
        let segs = &store[range];
        let parts: Vec<Span> = segs
            .iter()
            .map(|s| trim_span(text, s.start, s.end))
            .filter(|s| !s.is_empty())
            .collect();
        if parts.is_empty() {
            continue;
        }
        // The parts joined by single spaces.
        let mut quote_text =
            String::with_capacity(parts.iter().map(|p| p.end - p.start + 1).sum::<usize>());
        for p in &parts {
            if !quote_text.is_empty() {
                quote_text.push(' ');
            }
            quote_text.push_str(&text[p.start..p.end]);
        }
        // (Compared with 3, 4 and 5 only.)
        let words = words_up_to(&quote_text, 5);
        if words < 3 || segs.iter().any(|s| s.single) && words < 4 {
            continue;
        }
        let first = segs[0];
        let last = segs[segs.len() - 1];
        // Attribution: inside a split quote, then after the quote, then before it.
        let who = gap
            .and_then(|(a, b)| after_attribution(text, a, b))
            .or_else(|| {
                let sent = sentence_around(doc, last.close_end.saturating_sub(1));
                let end = sent.end.max(last.close_end);
                // Up to the next quote mark in the sentence.
                let mut stop = end;
                for i in mark_starts(text, last.close_end, end) {
                    if mark_at(text, i).is_some_and(|m| m.0) {
                        stop = i;
                        break;
                    }
                }
                if last.open_ended {
                    None
                } else {
                    after_attribution(text, last.close_end, stop)
                }
            })
            .or_else(|| {
                let sent = sentence_around(doc, first.open_at);
                let from = sent.start.min(first.open_at);
                // From the last closing mark before the quote in the same sentence.
                let mut start = from;
                for i in mark_starts(text, from, first.open_at) {
                    if let Some((false, true, len)) = mark_at(text, i) {
                        start = i + len;
                    }
                }
                before_attribution(text, start, first.open_at)
            });
        let (mut speaker, mut entity) = match who {
            Some((s, e)) => resolve(
                &lines,
                doc_index,
                doc,
                entities,
                s,
                e,
                first.open_at,
                previous.as_ref(),
            ),
            None => (None, None),
        };
        let para = paragraph_of(&lines, first.open_at);
        if who.is_none() {
            // A quote continuing in the paragraph of an attributed one is the same speaker's.
            if let Some((p, s, e)) = &last_in_para {
                if *p == para {
                    speaker = Some(s.clone());
                    entity = *e;
                }
            }
        }
        if let Some(s) = &speaker {
            last_in_para = Some((para, s.clone(), entity));
            if let Some(e) = entity {
                if entities.list[e].kind == Kind::Person {
                    previous = Some(LastSpeaker {
                        end: last_seg_end(segs),
                        paragraph: para,
                        speaker: s.clone(),
                        entity: e,
                    });
                }
            }
        }
        if words < 5 && speaker.is_none() {
            // Short unattributed quotes are mostly scare quotes or titles.
            continue;
        }
        out.push(Quote {
            doc: doc_index,
            text: quote_text,
            parts,
            speaker,
            entity,
        });
    }
    out
}

/// Abbreviations that end in a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Rep", "Sen", "Gov", "Lt", "Col", "Sgt",
    "Capt", "Prof", "Rev", "No", "Vol", "Inc", "Corp", "Co", "Ltd",
];

/// Whether `s` contains a sentence end: `.`, `!` or `?` followed by a space and a capital,
/// not after an abbreviation or an initialism ("U.S.", "J.").
fn has_sentence_break(s: &str) -> bool {
    for (i, c) in s.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let rest = &s[i + 1..];
        let next_is_capital =
            rest.starts_with(' ') && rest[1..].chars().next().is_some_and(char::is_uppercase);
        if !next_is_capital && !rest.trim().is_empty() {
            continue;
        }
        if c == '.' {
            let word = s[..i].rsplit([' ', '\n']).next().unwrap_or("");
            if ABBREVIATIONS.contains(&word) || word.contains('.') || word.chars().count() == 1 {
                continue;
            }
        }
        if rest.trim().is_empty() {
            continue;
        }
        return true;
    }
    false
}

/// The speaker phrase after a quote, in `text[from..to]`: ", X said", ", said X, the Y",
/// ", according to X". Returns its byte range.
fn after_attribution(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let s = &text[from..to];
    let lead = s.len() - s.trim_start_matches([',', ' ', '—', '-', '–']).len();
    let body = &s[lead..];
    let base = from + lead;
    // Only the first 24 words are ever read (the body can run to the paragraph's end).
    let mut spans = [(0, 0); 24];
    let mut n = 0;
    for (slot, w) in spans.iter_mut().zip(crate::text::word_spans(body)) {
        *slot = w;
        n += 1;
    }
    let ws = &spans[..n];
    if ws.is_empty() {
        return None;
    }
    let word = |k: usize| &body[ws[k].0..ws[k].1];
    // "said X" / "added X".
    if is_speech_verb_folded(word(0)) && ws.len() > 1 {
        let start = ws[1].0;
        let end = phrase_end(body, start);
        return Some((base + start, base + end));
    }
    // "according to X".
    if crate::text::fold_case(word(0)) == "according"
        && ws.len() > 2
        && crate::text::fold_case(word(1)) == "to"
    {
        let start = ws[2].0;
        let end = phrase_end(body, start);
        return Some((base + start, base + end));
    }
    // "X said", "X, the Y, said", within 24 words, no sentence end between.
    for k in 1..ws.len().min(24) {
        if is_speech_verb_folded(word(k)) {
            let between = &body[..ws[k].0];
            if has_sentence_break(between) || between.contains(';') {
                return None;
            }
            let end = between.trim_end().trim_end_matches(',').len();
            return Some((base, base + end));
        }
    }
    None
}

/// End of a speaker phrase starting at `start`: at a period ending the sentence, or after an
/// apposition ("X, the Y,").
fn phrase_end(body: &str, start: usize) -> usize {
    let rest = &body[start..];
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        // The piece before a period (only read for one).
        let before = || rest[..i].rsplit(' ').next().unwrap_or("");
        if matches!(c, '.' | ';' | '!' | '?' | '\n' | '"' | '“' | '”')
            && !(c == '.'
                && (ABBREVIATIONS.contains(&before())
                    || before().contains('.')
                    || before().chars().count() == 1))
        {
            end = i;
            break;
        }
        if c == ',' {
            // Keep the name before the first comma; an apposition after it is a role.
            end = i;
            break;
        }
    }
    start + rest[..end].trim_end().len()
}

/// The speaker phrase before a quote in `text[from..to]`: "X said:", "X told reporters",
/// "According to X,".
fn before_attribution(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let s = &text[from..to];
    let ws: Vec<(usize, usize)> = crate::text::word_spans(s).collect();
    if ws.is_empty() {
        return None;
    }
    // As in [`after_attribution`].
    let word = |k: usize| &s[ws[k].0..ws[k].1];
    // The last speech verb, at most twelve words before the quote.
    let n = ws.len();
    for k in (n.saturating_sub(13)..n).rev() {
        if !is_speech_verb_folded(word(k)) {
            continue;
        }
        // Not a verb of another clause: no sentence end between verb and quote.
        let tail = &s[ws[k].1..];
        if has_sentence_break(tail) {
            return None;
        }
        // Subject: the clause before the verb (the resolver picks the name in it).
        let head = &s[..ws[k].0];
        let trimmed = head.trim_end();
        if trimmed.is_empty() {
            // Inverted: "Said Miller: "…"".
            let t = tail.trim_start();
            let name = t.trim_end_matches([':', ',', ' ']).trim_end();
            if !name.is_empty() && words_up_to(name, 5) <= 4 {
                let at = ws[k].1 + (tail.len() - t.len());
                return Some((from + at, from + at + name.len()));
            }
            return None;
        }
        let mut start = 0;
        if let Some(p) = trimmed.rfind([';', ':']) {
            start = p + 1;
        }
        let subject = &trimmed[start..];
        let lead = subject.len() - subject.trim_start().len();
        return Some((from + start + lead, from + trimmed.len()));
    }
    // "According to X, "…"", found in the text itself (offsets in a lower-cased copy can
    // differ: "İ" lower-cases to three bytes from two).
    const ACCORDING: &[u8] = b"according to ";
    let b = s.as_bytes();
    let found = (0..(b.len() + 1).saturating_sub(ACCORDING.len()))
        .rev()
        .find(|&p| b[p..p + ACCORDING.len()].eq_ignore_ascii_case(ACCORDING));
    if let Some(p) = found {
        let start = p + ACCORDING.len();
        let end = phrase_end(s, start);
        if end > start {
            return Some((from + start, from + end));
        }
    }
    None
}

/// The speaker of the previous attributed quote of the article, for "he added".
#[derive(Debug, Clone)]
struct LastSpeaker {
    end: usize,
    paragraph: usize,
    speaker: String,
    entity: usize,
}

/// Byte offsets where the lines (paragraphs) of `text` start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The mentions (of one document, in text order) that start in `from..to`: all that can lie
/// inside it.
fn starting_in(mentions: &[Mention], from: usize, to: usize) -> &[Mention] {
    let lo = mentions.partition_point(|m| m.start < from);
    let hi = mentions.partition_point(|m| m.start < to).max(lo);
    &mentions[lo..hi]
}

/// The 0-based line of byte `at`, given [`line_starts`].
fn paragraph_of(lines: &[usize], at: usize) -> usize {
    lines.partition_point(|&s| s <= at).saturating_sub(1)
}

/// Turn a speaker phrase into a name: a person or organization named in it, a resolved pronoun
/// or role, or the phrase itself.
#[allow(clippy::too_many_arguments)]
fn resolve(
    lines: &[usize],
    doc_index: usize,
    doc: &Document,
    entities: &Entities,
    start: usize,
    end: usize,
    quote_at: usize,
    last: Option<&LastSpeaker>,
) -> (Option<String>, Option<usize>) {
    let text = &doc.clean;
    let mut phrase = text[start..end].trim();
    // Adverbs between subject and verb are not part of the subject: "He later added".
    while let Some((head, w)) = phrase.rsplit_once(' ') {
        let l = w.to_lowercase();
        let adverb = l.ends_with("ly")
            || matches!(
                l.as_str(),
                "later"
                    | "also"
                    | "then"
                    | "again"
                    | "further"
                    | "earlier"
                    | "once"
                    | "now"
                    | "too"
            );
        if !adverb {
            break;
        }
        phrase = head.trim_end();
    }
    let phrase = phrase.trim_end_matches(',');
    let lower = phrase.to_lowercase();
    let words = word_count(phrase);
    if words == 0 {
        return (None, None);
    }
    let last_word = lower
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let mentions = entities.in_doc(doc_index);
    let kind = |m: &super::entities::Mention| entities.list[m.entity].kind;
    let named =
        |m: &super::entities::Mention| (Some(entities.list[m.entity].name.clone()), Some(m.entity));
    let phrase_end = start + (text[start..end].find(phrase).unwrap_or(0)) + phrase.len();
    if UNKNOWN_PRONOUNS.contains(&last_word) && (words == 1 || phrase.ends_with(last_word)) {
        return (None, None);
    }
    if PRONOUNS.contains(&last_word) {
        return resolve_pronoun(lines, doc_index, doc, entities, start, quote_at, last);
    }
    // A name in the phrase that is its subject: at the end ("… Lavrov said") or before an
    // apposition ("Karen Davis, a professor …, said").
    let heads = |want: &[Kind]| {
        starting_in(mentions, start, phrase_end)
            .iter()
            .filter(|m| m.end <= phrase_end && want.contains(&kind(m)))
            .rfind(|m| {
                let after = text[m.end..phrase_end].trim_start().trim_start_matches('.');
                after.trim().is_empty() || after.starts_with(',') || after.starts_with('(')
            })
    };
    if let Some(m) = heads(&[Kind::Person]) {
        return named(m);
    }
    if let Some(m) = heads(&[Kind::Organization, Kind::Other]) {
        return named(m);
    }
    if let Some(m) = heads(&[Kind::Place]) {
        if text[start..m.start].trim().is_empty() || lower.starts_with("the ") && words <= 3 {
            return named(m);
        }
    }
    // "the company": the organization the article last named.
    if lower.starts_with("the ") && words <= 4 {
        if matches!(
            last_word,
            "company"
                | "firm"
                | "group"
                | "organization"
                | "organisation"
                | "agency"
                | "carrier"
                | "airline"
                | "bank"
                | "retailer"
                | "automaker"
                | "manufacturer"
        ) {
            if let Some(m) = mentions
                .iter()
                .rev()
                .find(|m| m.end <= quote_at && kind(m) == Kind::Organization)
            {
                return named(m);
            }
        }
        // "the minister": the person with that role in the article (before the quote first).
        let with_role = |m: &&super::entities::Mention| {
            let e = &entities.list[m.entity];
            e.kind == Kind::Person && e.roles.iter().any(|r| r.split(' ').any(|w| w == last_word))
        };
        if let Some(m) = mentions
            .iter()
            .rev()
            .filter(|m| m.start < quote_at)
            .find(with_role)
        {
            return named(m);
        }
        let all: BTreeSet<usize> = mentions
            .iter()
            .filter(with_role)
            .map(|m| m.entity)
            .collect();
        if all.len() == 1 {
            if let Some(m) = mentions.iter().find(with_role) {
                return named(m);
            }
        }
    }
    if words > 8 || !lower.split(' ').any(|w| !w.is_empty()) {
        return (None, None);
    }
    (Some(phrase.to_string()), None)
}

/// "he said": the speaker of the previous quote when nobody else was named since, else the
/// first person named in the nearest earlier sentence that names one (same or two previous
/// paragraphs), else a described speaker opening the previous sentence ("A spokesman for the
/// police said …").
fn resolve_pronoun(
    lines: &[usize],
    doc_index: usize,
    doc: &Document,
    entities: &Entities,
    start: usize,
    quote_at: usize,
    last: Option<&LastSpeaker>,
) -> (Option<String>, Option<usize>) {
    let text = &doc.clean;
    let mentions = entities.in_doc(doc_index);
    // People, and names of two or more words of no known kind (mostly people).
    let is_person = |m: &&super::entities::Mention| {
        let e = &entities.list[m.entity];
        e.kind == Kind::Person || (e.kind == Kind::Other && e.name.contains(' '))
    };
    let here = start.min(quote_at);
    let para = paragraph_of(lines, here);
    if let Some(l) = last {
        let nobody_since = !starting_in(mentions, l.end, here)
            .iter()
            .filter(is_person)
            .any(|m| m.end <= here && m.entity != l.entity);
        if para <= l.paragraph + 1 && nobody_since {
            return (Some(l.speaker.clone()), Some(l.entity));
        }
    }
    let window = para.saturating_sub(2);
    let here_sent = doc.sentences.partition_point(|s| s.span.start <= here);
    for k in (0..here_sent).rev() {
        let span = doc.sentences[k].span;
        if paragraph_of(lines, span.start) < window {
            break;
        }
        let to = span.end.min(here);
        if let Some(m) = starting_in(mentions, span.start, to)
            .iter()
            .filter(is_person)
            .find(|m| m.end <= to)
        {
            return (Some(entities.list[m.entity].name.clone()), Some(m.entity));
        }
        // A described speaker opening the sentence: "A spokesman for the police said …".
        if k + 1 == here_sent || k + 2 == here_sent {
            let sent = &text[span.start..to];
            let lower = sent.to_lowercase();
            if lower.starts_with("a ") || lower.starts_with("the ") {
                let ws: Vec<&str> = sent.split_whitespace().collect();
                if let Some(v) = ws
                    .iter()
                    .take(9)
                    .position(|w| is_speech_verb(&w.to_lowercase()))
                {
                    let subject = ws[..v].join(" ");
                    let head_role = ws[..v].iter().any(|w| {
                        matches!(
                            w.to_lowercase().trim_end_matches(','),
                            "spokesman"
                                | "spokeswoman"
                                | "spokesperson"
                                | "official"
                                | "officer"
                                | "statement"
                                | "source"
                        )
                    });
                    if head_role && v > 0 {
                        return (Some(subject.trim_end_matches(',').to_string()), None);
                    }
                }
            }
        }
    }
    (None, None)
}

/// Stemmed words of each quote (function words included: quotes are short), for matching
/// truncated and reworded versions: sorted, distinct ids, numbered densely over all the quotes
/// in the order of the stems' keys ([`crate::text::stem_key`]).
fn stem_sets(quotes: &[Quote]) -> Vec<Vec<u32>> {
    let keys: Vec<Vec<u64>> = quotes
        .iter()
        .map(|q| {
            let mut k: Vec<u64> = crate::text::word_spans(&q.text)
                .map(|(s, e)| crate::text::stem_key(&q.text[s..e]).0)
                .collect();
            k.sort_unstable();
            k.dedup();
            k
        })
        .collect();
    let mut all: Vec<u64> = keys.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    keys.iter()
        .map(|k| {
            k.iter()
                .map(|x| all.binary_search(x).map_or(0, |i| i as u32))
                .collect()
        })
        .collect()
}

/// The stems of each quote of a story, as `stem_sets` finds them but as the story's term ids:
/// read off its article's tokens, which hold them already. A part that cuts a token, or two
/// tokens one joining character apart (which the article's sentence split parted but the
/// quote's words would join), makes that quote's stems come from its text instead.
pub fn story_stems(story: &Story, quotes: &[Quote]) -> Vec<Vec<u32>> {
    // Stems the story's vocabulary lacks get ids after its own.
    let mut extra: rustc_hash::FxHashMap<String, u32> = Default::default();
    quotes
        .iter()
        .map(|q| {
            let d = &story.documents[q.doc];
            // About one word per six bytes, most of them terms.
            let mut out = Vec::with_capacity(q.text.len() / 6 + 1);
            if !q.parts.iter().all(|&p| part_terms(d, p, &mut out)) {
                out.clear();
                for (s, e) in crate::text::word_spans(&q.text) {
                    let word = &q.text[s..e];
                    let id = match crate::text::term_of(&story.vocab, word) {
                        Some(id) => id,
                        None => {
                            let next = (story.vocab.len() + extra.len()) as u32;
                            *extra.entry(crate::text::stem_text(word)).or_insert(next)
                        }
                    };
                    out.push(id);
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect()
}

/// Push the term ids of the tokens of `d` inside `part`; false when the part's words would not
/// be exactly those tokens (see [`story_stems`]).
fn part_terms(d: &Document, part: Span, out: &mut Vec<u32>) -> bool {
    let text = &d.clean;
    let has_word_char = |gap: &str| {
        if gap.is_ascii() {
            gap.bytes().any(|b| b.is_ascii_alphanumeric())
        } else {
            gap.chars().any(char::is_alphanumeric)
        }
    };
    // Bytes before `at` are accounted for.
    let mut at = part.start;
    let mut after_token = false;
    let first = d.sentences.partition_point(|s| s.span.end <= part.start);
    for s in &d.sentences[first..] {
        if s.span.start >= part.end {
            break;
        }
        let from = s.tokens.partition_point(|t| t.span.end <= part.start);
        for (k, t) in s.tokens[from..].iter().enumerate() {
            if t.span.start >= part.end {
                break;
            }
            if t.span.start < part.start || t.span.end > part.end {
                return false;
            }
            // Between two tokens of one sentence lie no word characters, and the quote's words
            // split there as the sentence's did: only the gap before a sentence's first token
            // in the part needs a look.
            if k == 0 {
                let gap = &text[at..t.span.start];
                if has_word_char(gap) || (after_token && matches!(gap, "'" | "’" | "." | ",")) {
                    return false;
                }
            }
            out.push(t.term);
            at = t.span.end;
            after_token = true;
        }
    }
    !has_word_char(&text[at..part.end])
}

/// Merge the same quote across articles: one contains the other's words (a truncated
/// version), or they share most content words and the speaker is the same (a rewording or
/// another translation). Speakers must not conflict.
pub fn merge_quotes(quotes: Vec<Quote>) -> Vec<MergedQuote> {
    let sets = stem_sets(&quotes);
    merge_quotes_by(quotes, &sets)
}

/// [`merge_quotes`] with the stems of each quote given as sorted, distinct, dense ids (as by
/// [`story_stems`]; the largest id sizes a table).
pub fn merge_quotes_by(quotes: Vec<Quote>, sets: &[Vec<u32>]) -> Vec<MergedQuote> {
    let n = quotes.len();
    let mut sets_of = crate::sets::DisjointSets::new(n);
    // Every rule needs three shared stems: only pairs that share a stem are looked at, found
    // through the earlier quotes of each stem, with their shared count on the way. The quotes
    // of each stem, ascending, in compressed rows over the stems; `seen[s]` of them come
    // before the quote at hand.
    let n_stems = sets.iter().flatten().max().map_or(0, |&m| m as usize + 1);
    let with_stem = crate::sets::Rows::new(
        n_stems,
        sets.iter()
            .enumerate()
            .flat_map(|(q, set)| set.iter().map(move |&s| (s, q as u32))),
    );
    let mut seen = vec![0usize; n_stems];
    let mut count = vec![0usize; n];
    let mut touched: Vec<usize> = Vec::new();
    for b in 0..n {
        for &stem in &sets[b] {
            for &a in &with_stem.row(stem)[..seen[stem as usize]] {
                let a = a as usize;
                if count[a] == 0 {
                    touched.push(a);
                }
                count[a] += 1;
            }
            seen[stem as usize] += 1;
        }
        for a in touched.drain(..) {
            let shared = std::mem::take(&mut count[a]);
            if same_quote(&quotes[a], &quotes[b], sets[a].len(), sets[b].len(), shared) {
                sets_of.union(a, b);
            }
        }
    }
    merged(quotes, sets_of)
}

/// The merge rule for two quotes with `na` and `nb` distinct stems, `shared` of them in
/// common. False below three shared stems (what lets [`merge_quotes`] skip such pairs).
fn same_quote(qa: &Quote, qb: &Quote, na: usize, nb: usize, shared: usize) -> bool {
    if qa.doc == qb.doc || shared < 3 {
        return false;
    }
    let same_speaker = qa.speaker == qb.speaker && qa.speaker.is_some();
    let compatible = qa.speaker.is_none() || qb.speaker.is_none() || same_speaker;
    if !compatible {
        return false;
    }
    let small = na.min(nb).max(1);
    let containment = shared as f64 / small as f64;
    let cosine = shared as f64 / ((na * nb).max(1) as f64).sqrt();
    (containment >= 0.8 && shared >= 4)
        || (same_speaker && containment >= 0.8 && shared >= 3)
        || (same_speaker && cosine >= 0.5 && shared >= 3)
}

/// One [`MergedQuote`] per set of `sets_of`: most-carried first, then in order of first
/// appearance.
fn merged(quotes: Vec<Quote>, mut sets_of: crate::sets::DisjointSets) -> Vec<MergedQuote> {
    let n = quotes.len();
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = sets_of.find(i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<(usize, MergedQuote)> = groups
        .into_values()
        .map(|members| {
            let best = *members
                .iter()
                .max_by(|&&a, &&b| {
                    quotes[a]
                        .text
                        .len()
                        .cmp(&quotes[b].text.len())
                        .then(b.cmp(&a))
                })
                .unwrap_or(&members[0]);
            // The speaker most members name; ties: the first member's.
            let mut votes: Vec<(&String, usize, usize)> = Vec::new();
            for &m in &members {
                if let Some(s) = &quotes[m].speaker {
                    match votes.iter_mut().find(|v| v.0 == s) {
                        Some(v) => v.1 += 1,
                        None => votes.push((s, 1, m)),
                    }
                }
            }
            let speaker = votes
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
                .map(|v| v.0.clone());
            let mut sources: Vec<usize> = members.iter().map(|&m| quotes[m].doc).collect();
            sources.sort_unstable();
            sources.dedup();
            let mut spans: Vec<Citation> = members
                .iter()
                .flat_map(|&m| {
                    let q = &quotes[m];
                    q.parts
                        .iter()
                        .map(move |&span| Citation { doc: q.doc, span })
                })
                .collect();
            spans.sort();
            let first = members[0];
            (
                first,
                MergedQuote {
                    speaker,
                    text: quotes[best].text.clone(),
                    sources,
                    spans,
                },
            )
        })
        .collect();
    // Most-carried first, then in order of first appearance.
    out.sort_by(|a, b| {
        b.1.sources
            .len()
            .cmp(&a.1.sources.len())
            .then(a.0.cmp(&b.0))
    });
    out.into_iter().map(|(_, q)| q).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_words_up_to_a_limit_is_the_count_capped() {
        let texts = [
            "",
            "  ",
            "one",
            " one two\tthree\n four  five ",
            "“Quoted,” he said, “and more words follow here.”",
            "a b c d e f g h i j k l m",
        ];
        for t in texts {
            for most in 0..14 {
                assert_eq!(
                    words_up_to(t, most),
                    word_count(t).min(most),
                    "{t:?} {most}"
                );
            }
        }
    }
    use crate::facts::entities::find_entities;

    #[test]
    fn indexed_merging_equals_comparing_every_pair() {
        // 120 pseudo-random quotes over a small vocabulary (so many pairs share stems), some
        // of them copies with a word changed, from 12 articles and 3 speakers.
        let vocab: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let mut quotes: Vec<Quote> = Vec::new();
        for i in 0..120 {
            let text = if i > 0 && next(3) == 0 {
                let mut words: Vec<&str> = quotes[next(i) as usize].text.split(' ').collect();
                let k = next(words.len() as u64) as usize;
                words[k] = &vocab[next(40) as usize];
                words.join(" ")
            } else {
                let len = 3 + next(8) as usize;
                (0..len)
                    .map(|_| vocab[next(40) as usize].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let speaker = match next(4) {
                0 => None,
                s => Some(format!("Speaker {s}")),
            };
            quotes.push(Quote {
                doc: next(12) as usize,
                text,
                parts: vec![Span::new(i as usize * 10, i as usize * 10 + 5)],
                speaker,
                entity: None,
            });
        }
        let sets: Vec<Vec<u32>> = stem_sets(&quotes);
        let mut all_pairs = crate::sets::DisjointSets::new(quotes.len());
        let mut merges = 0;
        for a in 0..quotes.len() {
            for b in a + 1..quotes.len() {
                let shared = crate::sets::shared(&sets[a], &sets[b]);
                if same_quote(&quotes[a], &quotes[b], sets[a].len(), sets[b].len(), shared) {
                    all_pairs.union(a, b);
                    merges += 1;
                }
            }
        }
        assert!(merges > 10, "the test needs merging pairs: {merges}");
        let expected = merged(quotes.clone(), all_pairs);
        assert!(expected.len() < quotes.len());
        assert_eq!(merge_quotes(quotes), expected);
    }

    #[test]
    fn stems_from_tokens_match_stems_from_text() {
        let texts = [
            "“It’s the ministry’s plan,” said Sergei Lavrov. “We won’t stop. The U.S. must act.”",
            "Lavrov said: \"It's the Ministry's plan, and we will not stop at 12,000 troops.\"\n\n\"The talks failed,\" he added. ``They lied to us,'' Mr. Lavrov said.",
            "“Señor Ruiz’s men,” she said, “are not coming back.” \"end.Next\" said Ruiz.",
        ];
        let story = crate::facts::test_story(&texts);
        let entities = find_entities(&story.documents);
        let mut quotes: Vec<Quote> = (0..texts.len())
            .flat_map(|i| find_quotes(i, &story.documents[i], &entities))
            .collect();
        assert!(quotes.len() >= 6, "{quotes:?}");
        // A part cutting a word ("ministry’s" from "nistry’s") must fall back to the text.
        let q = &quotes[0];
        let cut = Span::new(q.parts[0].start + 13, q.parts[0].end);
        quotes.push(Quote {
            text: story.documents[0].clean[cut.start..cut.end].to_string(),
            parts: vec![cut],
            ..q.clone()
        });
        let from_tokens = story_stems(&story, &quotes);
        let from_text: Vec<Vec<u32>> = stem_sets(&quotes);
        for a in 0..quotes.len() {
            assert_eq!(
                from_tokens[a].len(),
                from_text[a].len(),
                "{:?}",
                quotes[a].text
            );
            for b in 0..quotes.len() {
                assert_eq!(
                    crate::sets::shared(&from_tokens[a], &from_tokens[b]),
                    crate::sets::shared(&from_text[a], &from_text[b]),
                    "{:?} / {:?}",
                    quotes[a].text,
                    quotes[b].text
                );
            }
        }
    }

    #[test]
    fn tokens_one_joiner_apart_fall_back_to_the_text() {
        // "Quiet.Calm" is one word; a sentence split at its period (which the splitter does not
        // make, but nothing here relies on that) would give two tokens, so the quote's
        // tokens are not trusted.
        let story = crate::facts::test_story(&["“Quiet.Calm now,” he said."]);
        let mut d = story.documents[0].clone();
        let mut vocab = story.vocab.clone();
        let dot = d.clean.find('.').unwrap();
        let whole = d.sentences[0].clone();
        let lexicon = crate::text::Lexicon::english();
        let mut split = |start: usize, end: usize| crate::model::Sentence {
            span: Span::new(start, end),
            tokens: crate::text::tokenize(&d.clean[start..end], start, lexicon, &mut vocab),
            ..whole.clone()
        };
        let (a, b) = (
            split(whole.span.start, dot + 1),
            split(dot + 1, whole.span.end),
        );
        let part = Span::new(d.clean.find('Q').unwrap(), d.clean.find(',').unwrap());
        let mut out = Vec::new();
        assert!(
            part_terms(&d, part, &mut out),
            "one sentence: the tokens are the words"
        );
        assert_eq!(out.len(), 2);
        d.sentences = vec![a, b];
        assert!(!part_terms(&d, part, &mut Vec::new()));
    }

    fn quotes_of(texts: &[&str]) -> Vec<Quote> {
        let story = crate::facts::test_story(texts);
        let ents = find_entities(&story.documents);
        story
            .documents
            .iter()
            .enumerate()
            .flat_map(|(i, d)| find_quotes(i, d, &ents))
            .collect()
    }

    fn pairs(qs: &[Quote]) -> Vec<(Option<&str>, &str)> {
        qs.iter()
            .map(|q| (q.speaker.as_deref(), q.text.as_str()))
            .collect()
    }

    #[test]
    fn attribution_after_and_before_the_quote() {
        let qs = quotes_of(&[concat!(
            "Foreign Minister Sergei Lavrov spoke in Moscow on Monday.\n",
            "\"The strikes were an act of aggression,\" Lavrov said.\n",
            "\"We will respond in kind,\" said Maria Zakharova, the ministry's spokeswoman.\n",
            "Zakharova told reporters: \"Nobody will be surprised by our answer.\"\n",
            "“There is no plan B,” according to a senior diplomat.\n",
        )]);
        assert_eq!(
            pairs(&qs),
            [
                (
                    Some("Sergei Lavrov"),
                    "The strikes were an act of aggression,"
                ),
                (Some("Maria Zakharova"), "We will respond in kind,"),
                (
                    Some("Maria Zakharova"),
                    "Nobody will be surprised by our answer."
                ),
                (Some("a senior diplomat"), "There is no plan B,"),
            ]
        );
    }

    #[test]
    fn attribution_verbs_are_found_whatever_their_case() {
        // An inverted attribution opens its sentence with the verb, capitalized; the verb is
        // no part of the speaker's name ("Added Lavrov" is Sergei Lavrov).
        let qs = quotes_of(&[concat!(
            "Foreign Minister Sergei Lavrov spoke in Moscow on Monday.\n",
            "Said Maria Zakharova, his spokeswoman: \"Nobody will be surprised by our answer.\"\n",
            "Added Lavrov: \"The strikes were an act of aggression.\"\n",
        )]);
        let want = [
            (
                Some("Maria Zakharova"),
                "Nobody will be surprised by our answer.",
            ),
            (
                Some("Sergei Lavrov"),
                "The strikes were an act of aggression.",
            ),
        ];
        assert_eq!(pairs(&qs), want);
    }

    #[test]
    fn split_quotes_pronouns_and_titles() {
        let qs = quotes_of(&[concat!(
            "Rex Tillerson, the secretary of state, arrived in Ankara on Thursday.\n",
            "\"It is illegitimate,\" Mr Tillerson said, \"and unlawful.\"\n",
            "He later added: \"We expect an answer by Friday.\"\n",
        )]);
        assert_eq!(
            pairs(&qs),
            [
                (Some("Rex Tillerson"), "It is illegitimate, and unlawful."),
                (Some("Rex Tillerson"), "We expect an answer by Friday."),
            ]
        );
        assert_eq!(qs[0].parts.len(), 2);
    }

    #[test]
    fn multi_paragraph_quotes_and_duc_marks() {
        let qs = quotes_of(&[concat!(
            "Mayor Ana Ruiz spoke after the flood.\n",
            "``We lost everything in one night,'' Ruiz said. ``The water came too fast.''\n",
            "\"The first thing is shelter for everyone.\n",
            "\"The second is clean water,\" she said.\n",
        )]);
        assert_eq!(
            pairs(&qs),
            [
                (Some("Ana Ruiz"), "We lost everything in one night,"),
                // The next quote of the paragraph continues the attributed one.
                (Some("Ana Ruiz"), "The water came too fast."),
                (
                    Some("Ana Ruiz"),
                    "The first thing is shelter for everyone. The second is clean water,"
                ),
            ]
        );
        assert_eq!(qs[2].parts.len(), 2);
    }

    #[test]
    fn unknown_speakers_stay_unknown() {
        let qs = quotes_of(&[concat!(
            "The water rose quickly on Sunday.\n",
            "\"We had never seen anything like it before,\" they said.\n",
            "A sign read \"closed until further notice for repairs\".\n",
        )]);
        assert_eq!(qs.len(), 2);
        assert!(qs.iter().all(|q| q.speaker.is_none()), "{qs:?}");
    }

    #[test]
    fn the_same_quote_merges_across_articles() {
        let qs = quotes_of(&[
            "Union leader Farid Haddad spoke on Monday. \"We are not against machines, we are against losing our jobs,\" Haddad said.",
            "\"We are not against machines,\" said Farid Haddad, who leads the union.",
            "Farid Haddad said workers were \"not against the machines but against the loss of our jobs.\"",
            "\"We are not against machines,\" a port manager said of the union's stance, in jest.",
        ]);
        let merged = merge_quotes(qs);
        let top = &merged[0];
        assert_eq!(top.speaker.as_deref(), Some("Farid Haddad"));
        assert_eq!(top.sources, [0, 1, 2]);
        assert_eq!(
            top.text,
            "We are not against machines, we are against losing our jobs,"
        );
        // Another speaker's words stay apart, even when they are the same.
        assert!(merged
            .iter()
            .any(|q| q.sources == [3] && q.speaker.as_deref() == Some("a port manager")));
    }

    #[test]
    fn according_to_is_found_in_the_text_not_a_lower_cased_copy() {
        // "İ" is two bytes, and three lower-cased: offsets from a copy would shift (or split
        // a character).
        let text = "İİ İstanbul officials, according to the ministry, ";
        let (s, e) = before_attribution(text, 0, text.len()).expect("attribution");
        assert_eq!(&text[s..e], "the ministry");
        let text = "ACCORDING TO Mayor Ana Ruiz, ";
        let (s, e) = before_attribution(text, 0, text.len()).expect("attribution");
        assert_eq!(&text[s..e], "Mayor Ana Ruiz");
        assert_eq!(before_attribution("according to", 0, 12), None);
    }

    #[test]
    fn a_speech_verb_after_a_quote_counts_within_24_words() {
        // The verb as word 24 (index 23) is found, as word 25 it is not.
        for (n, found) in [(23, true), (24, false)] {
            let subject = vec!["word"; n].join(" ");
            let text = format!(", {subject} said, and more words follow in this paragraph.");
            let got = after_attribution(&text, 0, text.len());
            assert_eq!(got.is_some(), found, "{n} words before the verb");
            if let Some((s, e)) = got {
                assert_eq!(&text[s..e], subject);
            }
        }
    }
}
