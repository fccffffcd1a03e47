//! Who wrote an article and when: bylines, reporting credits, timestamps, and the dateline that
//! opens a wire story.

use super::{Found, Group, Probe};
use crate::clean::starts_with_any;
use crate::model::RemovalReason;

/// A reporting or editing credit ("(Reporting by Lisa Hart; Editing by Paul Grey)").
pub(super) fn reporting_credit(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let &Probe { lower, words, .. } = p;
    if words <= 25
        && starts_with_any(
            lower,
            &[
                "(reporting by",
                "reporting by",
                "(additional reporting",
                "additional reporting by",
                "(writing by",
                "writing by",
                "(editing by",
                "editing by",
                "compiled by",
                "(compiled by",
                "(this story has been",
                "(this version of the story",
            ],
        )
    {
        return Some(R::Byline);
    }
    None
}

/// A byline ("By Maria Gonzalez and Tom Reid").
pub(super) fn byline(p: &Probe<'_>) -> Option<RemovalReason> {
    is_byline(p.text, p.words, p.found).then_some(RemovalReason::Byline)
}

/// A publication or update time ("Updated 10:32 AM EDT, Tue March 5, 2024").
pub(super) fn timestamp(p: &Probe<'_>) -> Option<RemovalReason> {
    is_timestamp_line(p.lower, p.words).then_some(RemovalReason::Timestamp)
}

/// "By " and a capitalised name, or a short line naming a writer's role; never a sentence.
fn is_byline(text: &str, words: usize, found: Found) -> bool {
    if words > 12 || ends_with_sentence_stop(text) {
        return false;
    }
    if let Some(rest) = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("BY "))
    {
        return rest.chars().next().is_some_and(char::is_uppercase);
    }
    words <= 8 && found.has(Group::BylineRole)
}

/// Whether a line ends with a full stop that closes a sentence.
fn ends_with_sentence_stop(text: &str) -> bool {
    // A period after a lone initial or abbreviation ("By J. Smith, Assoc.") does not count.
    let t = text.trim_end();
    if !t.ends_with(['.', '!', '?']) {
        return false;
    }
    let last = t.rsplit(' ').next().unwrap_or("");
    last.len() > 4
}

/// A short line of dates and times, or one opening with "Published", "Updated" and the like.
fn is_timestamp_line(lower: &str, words: usize) -> bool {
    if words > 12 || !lower.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if starts_with_any(
        lower,
        &[
            "published",
            "update,",
            "update:",
            "updated",
            "posted",
            "last updated",
            "first published",
            "last modified",
            "modified",
        ],
    ) {
        return true;
    }
    let toks: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let datey = toks
        .iter()
        .filter(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || crate::text::MONTH_WORDS.contains(w)
                || crate::text::DAY_WORDS.contains(w)
                || matches!(
                    **w,
                    "am" | "pm"
                        | "a"
                        | "m"
                        | "p"
                        | "et"
                        | "est"
                        | "edt"
                        | "gmt"
                        | "utc"
                        | "bst"
                        | "pt"
                        | "pst"
                        | "pdt"
                        | "cet"
                        | "ist"
                )
        })
        .count();
    !toks.is_empty() && datey * 10 >= toks.len() * 8
}

/// Byte length of a dateline prefix including its separator, if the line starts with one: an
/// upper-case place, optionally ", Region", a date and "(Agency)", then a dash, a colon or
/// (after the agency) nothing: "LONDON (Reuters) - ", "KABUL, Afghanistan—", "DENVER (AP) ",
/// "Jan. 11 (Bloomberg) -- ", "(AP) ". A line that is a dateline alone gives its length.
pub(in crate::clean) fn dateline_len(text: &str) -> Option<usize> {
    let mut cut = text.len().min(90);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &text[..cut];
    // The dateline ends at its first separator, or after "(Agency)" when no dash follows.
    let (pos, end) = dateline_end(window)?;
    let prefix = text[..pos].trim_end();
    if prefix.is_empty() || prefix.split(' ').count() > 9 || prefix.contains(['"', '“']) {
        return None;
    }
    let agency = agency_at_end(prefix);
    // A colon ends a dateline only after an agency ("NEW YORK (AFP): "), not "UPDATE: ".
    if text[pos..end].contains(':') && agency.is_none() {
        return None;
    }
    // "(AP)" or "Jan. 11 (Bloomberg)": the agency names it a dateline.
    let before_agency = agency.map_or(prefix, |a| prefix[..a].trim_end());
    if before_agency.is_empty() || (agency.is_some() && is_date_words(before_agency)) {
        return Some(end);
    }
    // An upper-case place ("NEW YORK", "ST. LOUIS"), then optionally ", Region, Date" or
    // "(Agency)". The first word must be a place in capitals, not an acronym opening a sentence
    // ("NATO leaders met - ...": "leaders" follows in lower case).
    let caps_end = prefix
        .char_indices()
        .find(|&(_, c)| !(c.is_uppercase() || c == ' ' || c == '.' || c == '\'' || c == '-'))
        .map(|(i, _)| i)
        .unwrap_or(prefix.len());
    let caps = prefix[..caps_end].trim();
    if caps.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let rest = prefix[caps_end..].trim_start();
    (rest.is_empty() || rest.starts_with(',') || rest.starts_with('(')).then_some(end)
}

/// Where a dateline's prefix ends and its separator ends: the first dash or colon of the
/// window, or the end of a "(...)" closing the prefix (or the line) when no separator follows.
fn dateline_end(window: &str) -> Option<(usize, usize)> {
    // Longest first: at one position, " --- " must win over " -- ".
    const SEPS: [&str; 12] = [
        " --- ", " _ ", " -- ", " — ", " – ", " ― ", " - ", "--", "—", "–", "―", ": ",
    ];
    let sep = SEPS
        .iter()
        .filter_map(|s| window.find(s).map(|p| (p, p + s.len())))
        .min_by_key(|&(p, _)| p);
    // "TORONTO (AP) -Raptors": a dash right after the agency.
    let paren = window.find(") ").map(|p| {
        let after = &window[p + 2..];
        let dash = ["-", "—", "–"].iter().find(|d| after.starts_with(**d));
        (p + 1, p + 2 + dash.map_or(0, |d| d.len()))
    });
    match (sep, paren) {
        (Some(s), Some(p)) if p.0 < s.0 && p.1 == p.0 + 1 => Some(p),
        (Some(s), _) => Some(s),
        // "(AP)" or "DENVER (AP)" alone on its line.
        (None, None) if window.ends_with(')') => Some((window.len(), window.len())),
        (None, p) => p,
    }
    .map(|(pos, end)| (pos, end.min(window.len())))
}

/// Start of a "(Agency)" closing a prefix: a parenthesis of one to three capitalised words.
fn agency_at_end(prefix: &str) -> Option<usize> {
    let inner = prefix.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let name = &inner[open + 1..];
    let words: Vec<&str> = name.split_whitespace().collect();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    ((1..=3).contains(&words.len()) && words.iter().all(capital)).then_some(open)
}

/// "Jan. 11", "January 11, 2008": a month and numbers only.
fn is_date_words(s: &str) -> bool {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| crate::text::MONTH_WORDS.contains(w))
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || crate::text::MONTH_WORDS.contains(w))
}
