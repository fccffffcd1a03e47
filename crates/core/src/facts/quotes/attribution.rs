//! Attribution: the speaker phrase of a quotation in its sentence, after the quote ("…," X
//! said; "…," said X; "…," according to X) or before it (X said: "…"; X told reporters "…"; X
//! called it "…"; X left, saying "…": the clause's subject), else a line introducing the
//! quote's paragraph (`X said:`) or a dash and a name signing it (`"…" — X`).
//! [`super::speaker`] turns the phrase into a name.

use super::marks::{mark_at, mark_starts, Segment};
use super::{is_speech_verb_folded, words_up_to};
use crate::facts::entities::is_not_name;
use crate::model::{Document, Span};
use crate::text::sentence::is_abbreviation;
use crate::text::WordSet;

/// The byte range of the speaker phrase of the quote made of `segs` (`gap`: the attribution
/// range of a split quote): inside a split quote, then after the quote, then before it.
pub(super) fn attribution(
    doc: &Document,
    segs: &[Segment],
    gap: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let text = &doc.clean;
    let last = segs[segs.len() - 1];
    gap.and_then(|(a, b)| after_attribution(text, a, b))
        .or_else(|| after_quote(doc, last, false))
        .or_else(|| before_quote(doc, segs[0]))
        .or_else(|| introduced(doc, segs[0]))
        .or_else(|| signature(text, last))
        .or_else(|| after_quote(doc, last, true))
}

/// The speaker phrase after the quote ending with segment `last`, in its sentence up to the
/// next opening quote mark; none for a quote left open. With `read_on`, a question or
/// exclamation reads on into the next sentence of its paragraph when that sentence quotes
/// nothing itself: the splitter ends a sentence inside the marks ("…?” the mayor asked.), which
/// puts the attribution in the next one.
fn after_quote(doc: &Document, last: Segment, read_on: bool) -> Option<(usize, usize)> {
    let text = &doc.clean;
    let sent = sentence_around(doc, last.close_end.saturating_sub(1));
    let mut end = sent.end.max(last.close_end);
    if read_on {
        let asks = text[last.start..last.end].trim_end().ends_with(['?', '!']);
        let next = doc
            .sentences
            .iter()
            .find(|s| s.span.start >= last.close_end)?;
        let same_paragraph = !text[last.close_end..next.span.start].contains('\n');
        let quotes_nothing = mark_starts(text, next.span.start, next.span.end)
            .all(|i| mark_at(text, i).is_none_or(|m| !m.0));
        if !(end <= last.close_end && asks && same_paragraph && quotes_nothing) {
            return None;
        }
        end = next.span.end;
    }
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
}

/// A quote signed at the end of its paragraph: `“…” — Jane Doe` (or `― Jane Doe, a nurse.`):
/// a dash, then a name of at most six capitalized words (a role after a comma is left out) and
/// nothing else up to the paragraph's end.
fn signature(text: &str, last: Segment) -> Option<(usize, usize)> {
    if last.open_ended {
        return None;
    }
    let rest = &text[last.close_end..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let dashed = line.trim_start();
    let after_dash = dashed
        .strip_prefix(['—', '―', '–', '-'])?
        .trim_start_matches(['-', '—']);
    let name = after_dash.trim_start();
    let start = last.close_end + (line.len() - name.len());
    let name = name[..name.find(',').unwrap_or(name.len())]
        .trim_end()
        .trim_end_matches('.');
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let name_word =
        |w: &str| capital(w) || matches!(w, "de" | "van" | "von" | "da" | "del" | "bin");
    let words = words_up_to(name, 7);
    let is_name = (1..=6).contains(&words)
        && capital(name)
        && name.split_whitespace().all(name_word)
        && !name.contains(['“', '"', '(', ':']);
    is_name.then_some((start, start + name.len()))
}

/// The speaker phrase before the quote opening with segment `first`, in its sentence from the
/// last closing quote mark before it.
fn before_quote(doc: &Document, first: Segment) -> Option<(usize, usize)> {
    let text = &doc.clean;
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
}

/// A quote opening its paragraph after a paragraph that ends by introducing it (`Ruiz said:`,
/// `Ruiz said in a statement:`, `The Ledger reports:`): the speaker phrase of that line.
fn introduced(doc: &Document, first: Segment) -> Option<(usize, usize)> {
    let text = &doc.clean;
    let line_start = text[..first.open_at].rfind('\n')? + 1;
    if !text[line_start..first.open_at].trim().is_empty() {
        return None;
    }
    let before = text[..line_start].trim_end();
    if !before.ends_with(':') {
        return None;
    }
    let para_start = before.rfind('\n').map_or(0, |i| i + 1);
    let sent = sentence_around(doc, before.len() - 1);
    before_attribution(text, sent.start.max(para_start), before.len())
}

/// The sentence span of `doc` containing byte `at` (or the nearest before it).
fn sentence_around(doc: &Document, at: usize) -> Span {
    let i = doc.sentences.partition_point(|s| s.span.start <= at);
    if i == 0 {
        return Span::new(0, doc.clean.len().min(at));
    }
    doc.sentences[i - 1].span
}
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
            if is_abbreviation(word) || word.contains('.') || word.chars().count() == 1 {
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

/// Words between a speaker and the speech verb that belong to the verb ("Trump has said",
/// "she had also told"), not to the speaker.
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "also",
    "previously",
    "later",
    "once",
    "then",
    "reportedly",
    "again",
];

/// The length of a speaker phrase without trailing commas and auxiliaries.
pub(super) fn without_auxiliaries(phrase: &str) -> usize {
    let mut end = phrase.trim_end().trim_end_matches(',').len();
    while let Some(cut) = phrase[..end].rfind(' ') {
        let last = crate::text::fold_case(&phrase[cut + 1..end]);
        if !AUXILIARIES.contains(&last.as_ref()) {
            break;
        }
        end = phrase[..cut].trim_end().trim_end_matches(',').len();
    }
    end
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
            // "…” and said …": the quote's own sentence has the speaker, before the quote.
            if k == 1
                && matches!(
                    crate::text::fold_case(word(0)).as_ref(),
                    "and" | "but" | "or" | "then" | "yet"
                )
            {
                return None;
            }
            // "…” Lee sings to the crowd before asking": the clause's subject.
            if clause_verb(between.trim_end(), word(k)) {
                if let Some((a, b)) = clause_subject(between) {
                    return Some((base + a, base + b));
                }
            }
            return Some((base, base + without_auxiliaries(between)));
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
                && (is_abbreviation(before())
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

/// Verbs that put a quote in the mouth of their subject without being verbs of saying: the
/// quote names or characterizes something in the speaker's words ("Ruiz called the plan “a
/// disgrace”"). Read only before a quote.
static CHARACTERIZING: WordSet = WordSet::new(&[
    "called",
    "calls",
    "calling",
    "described",
    "describes",
    "describing",
    "branded",
    "labeled",
    "labelled",
    "dubbed",
    "characterized",
    "characterised",
    "termed",
]);

/// Whether the speech verb `verb` after the phrase `head` has the clause's subject for its
/// own rather than the words right before it: a participle after a comma ("Lee left, saying
/// “…”"), a verb joined by "and"/"but" ("Lee smiled and said"), or a head that ends in a
/// lower-case word ("Lee said on Friday that the plan would be “…”"). A head ending in a
/// name or pronoun ("footage of Lee saying", "Lee said") keeps it.
fn clause_verb(head: &str, verb: &str) -> bool {
    let last = head.rsplit(' ').next().unwrap_or("");
    let participle = verb.ends_with("ing") && last.ends_with(',');
    let joined = matches!(last, "and" | "but" | "then");
    let lower_end =
        last.chars().next().is_some_and(char::is_lowercase) && !PERSON_PRONOUNS.contains(&last);
    participle || joined || lower_end
}

/// Pronouns that end a speaker phrase as its subject ("he said").
const PERSON_PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "who"];

/// The subject opening the clause `head`: after an introduction ending at the first comma
/// ("In a speech on Friday, Ruiz …"), a run of capitalized words (with "the", "of" and name
/// particles, and role words before a name: "Green candidate Ann Lee"; a bracket or a comma
/// ends it), or "he"/"she". `None` when the clause opens with
/// anything else (a description, a lower-case word, a capitalized word that is no name like
/// "Most"): nothing is guessed. Byte range in `head`.
fn clause_subject(head: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    let first = head.split([' ', ',']).next().unwrap_or("");
    if super::INTRO_WORDS.contains_lower(first) {
        at = head.find(',')? + 1;
    }
    let rest = &head[at..];
    let start = at + (rest.len() - rest.trim_start().len());
    let mut end = start;
    for (i, w) in crate::text::word_spans(&head[start..])
        .map(|(a, b)| (start + a, &head[start + a..start + b]))
    {
        if i < end {
            // A role word already taken into the subject.
            continue;
        }
        let lower = crate::text::fold_case(w);
        if end == start && matches!(lower.as_ref(), "he" | "she") {
            return Some((i, i + w.len()));
        }
        let name_word = w.chars().next().is_some_and(char::is_uppercase)
            || matches!(
                lower.as_ref(),
                "the" | "of" | "de" | "van" | "von" | "da" | "del" | "bin"
            ) && end > start;
        let gap = &head[end..i];
        if end > start && gap.contains([',', '(']) {
            break;
        }
        if !name_word {
            // "Green candidate Ann Lee", "Lee’s campaign manager Tom Reed": a role before a
            // name belongs to the subject, which goes on to that name.
            match role_before_name(&head[i..]) {
                Some(to) if end > start => {
                    end = i + to;
                    continue;
                }
                _ => break,
            }
        }
        end = i + w.len();
    }
    let np = head[start..end].trim_end_matches([',', '.']);
    if np.split(' ').next().is_some_and(is_not_name) {
        return None;
    }
    let capital = np
        .split(' ')
        .any(|w| w != "The" && w.chars().next().is_some_and(char::is_uppercase));
    (capital && !np.is_empty()).then_some((start, start + np.len()))
}

/// Where the lower-case role words opening `rest` end, when they are at most three ending in
/// a role noun ("presidential nominee", "campaign manager") and a capitalized word follows:
/// the byte offset in `rest` after the last role word.
fn role_before_name(rest: &str) -> Option<usize> {
    let ws: Vec<(usize, usize)> = crate::text::word_spans(rest).take(4).collect();
    let word = |k: usize| &rest[ws[k].0..ws[k].1];
    let k = (0..ws.len()).find(|&k| word(k).chars().next().is_some_and(char::is_uppercase))?;
    let between = &rest[..ws[k].0];
    (k >= 1
        && !between.contains([',', '(', ';', ':'])
        && (0..k).all(|j| word(j).chars().all(|c| c.is_lowercase() || c == '-'))
        && crate::facts::entities::is_role_noun(word(k - 1)))
    .then(|| ws[k - 1].1)
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
    // The last speech verb (or a verb that characterizes in the speaker's words: "called
    // it", "described as"), at most twelve words before the quote.
    let n = ws.len();
    for k in (n.saturating_sub(13)..n).rev() {
        if !is_speech_verb_folded(word(k)) && !CHARACTERIZING.contains_lower(word(k)) {
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
        if clause_verb(subject, word(k)) {
            if let Some((a, b)) = clause_subject(subject) {
                return Some((from + start + a, from + start + b));
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_or_exclamation_keeps_the_attribution_of_the_next_sentence() {
        let story =
            crate::facts::test_story(&["The mayor spoke in Vell on Monday after the flood.\n\
             “Why did nobody warn us about the dam?” Mayor Ann Tobin asked reporters.\n\
             “Rebuild every home!” Tobin told the crowd.\n\
             The crowd fell silent for a while.\n\
             “Is the valley safe to live in now?”\nNobody answered the farmers at the meeting."]);
        let facts = crate::facts::extract(&story);
        let speakers: Vec<Option<&str>> =
            facts.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(speakers[..2], [Some("Ann Tobin"), Some("Ann Tobin")]);
        // A question alone in its paragraph takes nothing from the next one.
        let alone = facts
            .quotes
            .iter()
            .find(|q| q.text.starts_with("Is the valley"));
        assert_eq!(alone.map(|q| q.speaker.as_deref()), Some(None));
    }

    #[test]
    fn a_quote_signed_with_a_dash_and_a_name_is_that_persons() {
        let story = crate::facts::test_story(&["Readers wrote to us after the flood.\n\
             “The valley deserved a warning before the dam gave way.” ― Ana Ruiz\n\
             “Nobody came to help us for three whole days.”— Tomas de Vries, a farmer.\n\
             “We will rebuild the bridge ourselves this spring.” — and nobody doubts it.\n\
             “The river took our barn and half the herd.” — Ruiz said later"]);
        let facts = crate::facts::extract(&story);
        let speakers: Vec<Option<&str>> =
            facts.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            speakers,
            // After the dash, a clause ("and nobody…") signs nothing; "Ruiz said" attributes
            // as it would after a comma.
            [
                Some("Ana Ruiz"),
                Some("Tomas de Vries"),
                None,
                Some("Ana Ruiz")
            ],
            "{:?}",
            facts.quotes
        );
    }

    #[test]
    fn a_line_introducing_the_next_paragraphs_quote_gives_its_speaker() {
        let story =
            crate::facts::test_story(&["The mayor spoke in Vell on Monday after the flood.\n\n\
             Mayor Ann Tobin said in a statement:\n\n\
             \"The valley will rebuild every home the water took from us.\n\n\
             \"Nobody will be left without a roof this winter.\"\n\n\
             The council met on Tuesday. Its agenda read:\n\n\
             \"Repairs to the bridge and the school roof come first.\""]);
        let facts = crate::facts::extract(&story);
        let speakers: Vec<Option<&str>> =
            facts.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Ann Tobin"), None], "{:?}", facts.quotes);
        assert_eq!(facts.quotes[0].spans.len(), 2);
    }

    #[test]
    fn and_said_after_a_quote_leaves_the_speaker_to_the_sentence_before_it() {
        let story = crate::facts::test_story(&[
            "Senator Ruth Calder praised the plan as “a fair deal for every farmer in the valley” and said it would pass.",
        ]);
        let facts = crate::facts::extract(&story);
        assert_eq!(facts.quotes.len(), 1);
        assert_ne!(facts.quotes[0].speaker.as_deref(), Some("and"));
    }

    #[test]
    fn auxiliaries_before_the_verb_are_not_part_of_the_speaker() {
        assert_eq!(without_auxiliaries("Trump has"), "Trump".len());
        assert_eq!(
            without_auxiliaries("the senator, who had also"),
            "the senator, who".len()
        );
        assert_eq!(without_auxiliaries("Ann Tobin,"), "Ann Tobin".len());
        assert_eq!(without_auxiliaries("Tobin"), "Tobin".len());
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
