//! Finding quotations: the quoted segments of each paragraph between matching marks, and the
//! runs of segments that make one quotation (continued into the next paragraph, or split
//! around its attribution).

use std::ops::Range;

use super::{is_speech_verb, words_up_to};
use crate::model::Span;

/// Quote marks: (is opening, is closing, byte length), for the char at `i`.
pub(super) fn mark_at(text: &str, i: usize) -> Option<(bool, bool, usize)> {
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
pub(super) struct Segment {
    /// Content range (inside the marks).
    pub start: usize,
    pub end: usize,
    /// Mark positions: opening mark start, closing mark end (or paragraph end).
    pub open_at: usize,
    pub close_end: usize,
    /// Left open at the end of the paragraph.
    pub open_ended: bool,
    /// Opened by a single curly mark (only closed by one).
    pub single: bool,
}

/// The bytes that can start a quotation mark (see [`segments`]): ASCII marks, and the lead
/// bytes of typographic ones (E2 for “ ” ‘ ’ „, C2 for « »).
fn is_mark_start(b: &u8) -> bool {
    matches!(b, b'"' | b'`' | b'\'' | 0xE2 | 0xC2)
}

/// The bytes of `text[from..to]` that can start a quote mark ([`is_mark_start`]): every byte
/// where [`mark_at`] can find one. They are character boundaries (ASCII, or lead bytes).
pub(super) fn mark_starts(text: &str, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    let bytes = &text.as_bytes()[..to];
    let mut at = from;
    std::iter::from_fn(move || {
        let i = at + bytes[at..].iter().position(is_mark_start)?;
        at = i + 1;
        Some(i)
    })
}

/// The quoted segments of the paragraph `text[from..to]`, in order; a mark left open at its
/// end makes an open-ended last segment.
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

/// `start..end` of `text` without its surrounding whitespace.
fn trim_span(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    Span::new(start + lead, start + lead + t.len())
}

/// One quotation as a run of [`Segment`]s: their range in [`Runs::store`] and, for a quote
/// split around its attribution, the attribution's byte range between its segments.
pub(super) type Run = (Range<usize>, Option<(usize, usize)>);

/// The quotations of a text as runs of [`Segment`]s, one after another in `store`.
#[derive(Debug, Default)]
pub(super) struct Runs {
    pub store: Vec<Segment>,
    pub groups: Vec<Run>,
}

/// The quotations of `text`, whose lines (paragraphs) start at `lines`. A quote left open at a
/// paragraph's end continues when the next paragraph opens with a quote mark: it is the last
/// run of `store` (the run starting at `carry`) until it ends.
pub(super) fn quote_runs(text: &str, lines: &[usize]) -> Runs {
    let mut runs = Runs::default();
    let mut carry: Option<usize> = None;
    for (line, &ps) in lines.iter().enumerate() {
        // The line's byte range, its newline left out.
        let pe = lines.get(line + 1).map_or(text.len(), |&next| next - 1);
        let segs = segments(text, ps, pe);
        let mut k = 0;
        if let Some(c) = carry.take() {
            let opens_here = segs
                .first()
                .is_some_and(|s| text[ps..s.open_at].trim().is_empty());
            if opens_here {
                runs.store.push(segs[0]);
                k = 1;
                if segs[0].open_ended {
                    carry = Some(c);
                    continue;
                }
            }
            if carry.is_none() {
                runs.groups.push((c..runs.store.len(), None));
            }
        }
        while k < segs.len() {
            let start = runs.store.len();
            runs.store.push(segs[k]);
            let mut gap = None;
            while k + 1 < segs.len() && is_split(text, segs[k], segs[k + 1]) {
                gap = Some((segs[k].close_end, segs[k + 1].open_at));
                runs.store.push(segs[k + 1]);
                k += 1;
            }
            k += 1;
            if runs.store[runs.store.len() - 1].open_ended {
                carry = Some(start);
            } else {
                runs.groups.push((start..runs.store.len(), gap));
            }
        }
    }
    if let Some(c) = carry {
        runs.groups.push((c..runs.store.len(), None));
    }
    runs
}

/// Whether segments `a` and `b` of one paragraph are one quote split around its attribution:
/// `"…," X said, "…"`: `a` goes on (it ends in a comma or dash, or without a sentence end
/// before a `b` opening lower-case) and between them
/// stand at most ten words with a speech verb and no sentence end.
fn is_split(text: &str, a: Segment, b: Segment) -> bool {
    let between = &text[a.close_end..b.open_at];
    let a_text = text[a.start..a.end].trim_end();
    // A first part that ends its sentence ("…him.” She says … “unfit”) is a quote of its own.
    let continues = || {
        let b_lower = || {
            text[b.start..b.end]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        };
        !a_text.ends_with(['.', '!', '?']) && (a_text.ends_with([',', '—', '-', '…']) || b_lower())
    };
    // The cheap tests first: most pairs of quotes in a paragraph are not one quote split
    // around its attribution, and the text between them can be long.
    !a.open_ended
        && continues()
        && (1..=10).contains(&words_up_to(between, 11))
        && !between.trim().contains(['.', '!', '?'])
        && between.split_whitespace().any(is_speech_verb)
}

/// The non-empty parts of a run's segments (trimmed), and the quote's text: the parts joined
/// by single spaces. `None` when every part is empty.
pub(super) fn quote_parts(text: &str, segs: &[Segment]) -> Option<(Vec<Span>, String)> {
    let parts: Vec<Span> = segs
        .iter()
        .map(|s| trim_span(text, s.start, s.end))
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    let mut quote_text =
        String::with_capacity(parts.iter().map(|p| p.end - p.start + 1).sum::<usize>());
    for p in &parts {
        if !quote_text.is_empty() {
            quote_text.push(' ');
        }
        quote_text.push_str(&text[p.start..p.end]);
    }
    Some((parts, quote_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_of(text: &str) -> Vec<Vec<&str>> {
        let lines = super::super::speaker::line_starts(text);
        let runs = quote_runs(text, &lines);
        runs.groups
            .iter()
            .map(|(r, _)| {
                runs.store[r.clone()]
                    .iter()
                    .map(|s| &text[s.start..s.end])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_quote_is_split_around_its_attribution_only_when_its_first_part_goes_on() {
        let cases: [(&str, &[&[&str]]); 3] = [
            (
                "“The dam held,” Ruiz said, “and the town is safe.”",
                &[&["The dam held,", "and the town is safe."]],
            ),
            (
                "“The dam held” Ruiz said, “though barely.”",
                &[&["The dam held", "though barely."]],
            ),
            // A first part ending its sentence is a quote of its own.
            (
                "Ruiz says the dam “held, even in that storm.” She says it proves the plan was “sound from the start.”",
                &[&["held, even in that storm."], &["sound from the start."]],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(runs_of(text), want, "{text}");
        }
    }
}
