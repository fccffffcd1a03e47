//! Boilerplate removal for web and wire text.
//!
//! Cleaning works line by line (a line is a paragraph) in three passes:
//!
//! 1. **Rules** recognise what pages wrap around an article: advertisement markers, bylines and
//!    timestamps, photo captions and credits, share/print/comment widgets, newsletter and app
//!    prompts, social prompts, read-more links, aggregator footers, copyright lines, media-player
//!    prompts, lines of markup; and what stands in place of an article (a web archive's notice
//!    about its crawls, a photo gallery's captions), removed even when it quotes. A dateline
//!    ("LONDON (Reuters) -", "PHOENIX _", "DENVER (AP)") is metadata: cut from the lines up to
//!    the second prose line, recorded as removed. A caption credited to an agency at
//!    its end ("... (Associated Press)") is kept as context only: it names what the story is
//!    about, but no summary quotes it ([`Cleaned::context_only`]).
//! 2. **Evidence across the story**: a short line without sentence punctuation that appears in two
//!    or more articles that are not copies of each other is page furniture of a shared site; a run
//!    of short headline-like lines (no final punctuation) is a list of related headlines, unless
//!    it is the article's own list (numbered in sequence, or a table of figures).
//! 3. **Protection**: a line holding quoted speech (an embedded social post too) is never
//!    removed, and neither is the lede (the first prose line of an article), whatever the rules
//!    say.
//!
//! The cleaned text is the kept lines, white space normalised, joined by `\n`; every span later in
//! the pipeline points into it. Each removal is recorded with its [`RemovalReason`].

mod evidence;
pub mod metadata;
mod rules;

use std::borrow::Cow;

use crate::dedup::Copies;
use crate::model::{Removal, RemovalReason, Span};
use evidence::{headline_list_pass, repeated_lines_pass};
use rules::{classify, dateline_len, is_credited_caption, is_embedded_post};

/// The cleaned text of one article and what was removed from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub text: String,
    pub removed: Vec<Removal>,
    /// Byte ranges of `text` kept as context only: photo captions credited to an agency at
    /// their end. They say what the story is about (its people and places) but are not prose
    /// to quote, so summaries never extract them.
    pub context_only: Vec<Span>,
}

/// One input article for cleaning: its body and (optional) title.
#[derive(Debug, Clone, Copy)]
pub struct CleanInput<'a> {
    pub text: &'a str,
    pub title: Option<&'a str>,
}

/// One line of an article as the passes see it: its normalised text, what the rules made of it,
/// and whether the evidence passes must leave it alone.
struct Line {
    text: String,
    lower: String,
    words: usize,
    removed: Option<RemovalReason>,
    protected: bool,
    context_only: bool,
}

/// Clean every article of a story together (cross-article evidence needs all of them).
pub fn clean_story(inputs: &[CleanInput<'_>], copies: &Copies) -> Vec<Cleaned> {
    use rayon::prelude::*;
    // Every pass but the repeated lines' looks at one article: articles in parallel.
    let (mut docs, datelines): (Vec<Vec<Line>>, Vec<Vec<Removal>>) = inputs
        .par_iter()
        .map(|a| {
            let mut lines = rule_pass(a.text, a.title);
            let datelines = strip_datelines(&mut lines);
            protect(&mut lines);
            (lines, datelines)
        })
        .unzip();
    repeated_lines_pass(&mut docs, copies);
    docs.into_par_iter()
        .zip(datelines)
        .map(|(mut lines, removed)| {
            headline_list_pass(&mut lines);
            assemble(&lines, removed)
        })
        .collect()
}

/// Clean one article alone: the line rules, datelines and protection, without evidence from
/// other articles (for callers that see an article outside its story: the stream's features,
/// the store's metadata).
pub fn clean_article(text: &str, title: Option<&str>) -> Cleaned {
    let input = CleanInput { text, title };
    let mut cleaned = clean_story(&[input], &Copies::none(1));
    cleaned.pop().unwrap_or_default()
}

/// The kept lines of one article joined by `\n`, with the removed ones recorded after the
/// dateline removals (`removed`) and the context-only lines' byte ranges.
fn assemble(lines: &[Line], mut removed: Vec<Removal>) -> Cleaned {
    // The kept lines, a newline each: at most their texts' length and one byte a line.
    let mut text = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum::<usize>());
    let mut context_only = Vec::new();
    for l in lines {
        match l.removed {
            Some(reason) if !l.protected => removed.push(Removal {
                text: l.text.clone(),
                reason,
            }),
            _ => {
                if !text.is_empty() {
                    text.push('\n');
                }
                if l.context_only {
                    context_only.push(Span::new(text.len(), text.len() + l.text.len()));
                }
                text.push_str(&l.text);
            }
        }
    }
    Cleaned {
        text,
        removed,
        context_only,
    }
}

/// Normalise white space (including no-break and zero-width spaces) to single spaces, trimmed,
/// and drop control characters.
fn normalize_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let blank = |c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}';
    for piece in raw.split(blank) {
        let kept: Cow<'_, str> = if piece.contains(char::is_control) {
            Cow::Owned(piece.chars().filter(|c| !c.is_control()).collect())
        } else {
            Cow::Borrowed(piece)
        };
        if kept.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&kept);
    }
    out
}

/// A line's words, lower case, joined by single spaces: what a headline and its title share.
fn words_key(lower: &str) -> String {
    let mut key = String::with_capacity(lower.len());
    for w in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(w);
    }
    key
}

fn rule_pass(text: &str, title: Option<&str>) -> Vec<Line> {
    let title_key = title
        .map(|t| words_key(&t.to_lowercase()))
        .unwrap_or_default();
    let mut lines = Vec::new();
    for raw in text.split('\n') {
        let t = normalize_line(raw);
        if t.is_empty() {
            continue;
        }
        let lower = t.to_lowercase();
        let words = pieces(&t);
        let mut removed = classify(&t, &lower, words);
        if removed.is_none()
            && lines.is_empty()
            && !title_key.is_empty()
            && words_key(&lower) == title_key
        {
            removed = Some(RemovalReason::TitleRepeated);
        }
        let context_only = removed.is_none() && is_credited_caption(&lower, words);
        lines.push(Line {
            text: t,
            lower,
            words,
            removed,
            protected: false,
            context_only,
        });
    }
    lines
}

/// Whether a line holds quoted speech, which no rule or pass removes.
fn has_quoted_speech(text: &str) -> bool {
    // A pair of quote marks with at least three words between them.
    let pairs: [(&str, &str); 3] = [("\"", "\""), ("“", "”"), ("``", "''")];
    for (open, close) in pairs {
        let mut rest = text;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len()..];
            match after.find(close) {
                Some(j) => {
                    if after[..j].split_whitespace().nth(2).is_some() {
                        return true;
                    }
                    rest = &after[j + close.len()..];
                }
                None => {
                    // An open quote that runs to the end of the paragraph (continued quotes).
                    return after.split_whitespace().nth(5).is_some();
                }
            }
        }
    }
    false
}

/// `s.split(' ').count()`, counting the spaces in one pass (a normalised line's words).
fn pieces(s: &str) -> usize {
    s.bytes().filter(|&b| b == b' ').count() + 1
}

fn ends_like_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

/// Cut a dateline ("LONDON (Reuters) - ", "PHOENIX _ ", "BEIJING, Feb. 3 (Xinhua) -- ") from the
/// start of the kept lines up to the second prose line (a teaser may come before the lede): the
/// story's place and wire are metadata, recorded as removed, not body text. A line that is a
/// dateline alone ("JERUSALEM --" above the lede) is removed whole.
fn strip_datelines(lines: &mut [Line]) -> Vec<Removal> {
    let mut removed = Vec::new();
    let mut prose = 0;
    for line in lines.iter_mut().filter(|l| l.removed.is_none()) {
        prose += usize::from(is_prose(line));
        // "LAS VEGAS--(Wire)--": a place and an agency, each with its separator.
        for _ in 0..2 {
            let Some(cut) = dateline_len(&line.text) else {
                break;
            };
            let rest = line.text[cut..].trim_start().to_string();
            if rest.is_empty() {
                // Recorded with the other removed lines.
                line.removed = Some(RemovalReason::Dateline);
                break;
            }
            removed.push(Removal {
                text: line.text[..cut].trim().to_string(),
                reason: RemovalReason::Dateline,
            });
            line.lower = rest.to_lowercase();
            line.words = pieces(&rest);
            line.text = rest;
        }
        if prose == 2 {
            break;
        }
    }
    removed
}

/// A line of prose: eight words or more, ending like a sentence (the lede is the first).
fn is_prose(l: &Line) -> bool {
    l.words >= 8 && ends_like_sentence(&l.text)
}

/// Protect quoted speech (embedded posts too) and the lede from the evidence passes.
fn protect(lines: &mut [Line]) {
    let mut lede_found = false;
    for l in lines.iter_mut() {
        if l.removed.is_some() {
            continue;
        }
        if has_quoted_speech(&l.text) || is_embedded_post(&l.text, &l.lower, l.words) {
            l.protected = true;
        }
        if !lede_found && is_prose(l) {
            l.protected = true;
            lede_found = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_of_every_kind_becomes_one_space() {
        let line = "\u{feff} Rain\u{a0}fell\u{3000}on\u{1680}the  town\u{200b}\t\x07today. \r";
        assert_eq!(normalize_line(line), "Rain fell on the town today.");
        assert_eq!(
            normalize_line("Rain\u{3000}fell\u{1680}today."),
            "Rain fell today."
        );
    }

    pub(super) fn clean_one(text: &str) -> Cleaned {
        clean_story(&[CleanInput { text, title: None }], &Copies::none(1)).remove(0)
    }

    pub(super) fn reasons(c: &Cleaned) -> Vec<RemovalReason> {
        c.removed.iter().map(|r| r.reason).collect()
    }

    #[test]
    fn captions_credited_at_their_end_are_kept_as_context_only() {
        let text = "The dam gave way on Sunday after a week of rain, officials said.\nA sign at the dam on Monday. Police say the spillway gate had cracked... (Associated Press)\nRescue teams reached the valley by noon.";
        let c = clean_one(text);
        assert!(c.removed.is_empty(), "{:?}", c.removed);
        assert_eq!(c.text, text);
        assert_eq!(c.context_only.len(), 1);
        let r = c.context_only[0];
        assert_eq!(
            &c.text[r.start..r.end],
            "A sign at the dam on Monday. Police say the spillway gate had cracked... (Associated Press)"
        );
        // An agency named inside prose is not a credit.
        let c = clean_one("The report was first published by The Associated Press (AP) on Monday.");
        assert!(c.context_only.is_empty());
    }

    #[test]
    fn datelines_are_cut_and_recorded() {
        let c = clean_one("LONDON (Reuters) - Ministers met on Monday to discuss the crisis.");
        assert_eq!(c.text, "Ministers met on Monday to discuss the crisis.");
        assert_eq!(c.removed[0].text, "LONDON (Reuters) -");
        assert_eq!(c.removed[0].reason, RemovalReason::Dateline);
        let c = clean_one("PHOENIX _ Victoria wants strangers to stop complaining.");
        assert_eq!(c.text, "Victoria wants strangers to stop complaining.");
        let c = clean_one("BEIJING, Feb. 3 (Xinhua) -- China launched a satellite on Sunday.");
        assert_eq!(c.text, "China launched a satellite on Sunday.");
        // Dashes without spaces, other dashes, an agency without a dash, a date and a wire.
        for (line, body) in [
            (
                "KABUL, Afghanistan—A bomb hit a convoy on Sunday.",
                "A bomb hit a convoy on Sunday.",
            ),
            (
                "DENVER (AP) The team won its fourth game in a row.",
                "The team won its fourth game in a row.",
            ),
            (
                "TORONTO (AP) -The guard was cleared to play on Monday.",
                "The guard was cleared to play on Monday.",
            ),
            (
                "OSLO (AP) ― Ministers met on Monday.",
                "Ministers met on Monday.",
            ),
            (
                "(AP) A film about a debate team topped the box office.",
                "A film about a debate team topped the box office.",
            ),
            (
                "Jan. 11 (Bloomberg) -- Shares fell in early trading.",
                "Shares fell in early trading.",
            ),
            (
                "NEW YORK, USA (AFP): Three liners left the harbour.",
                "Three liners left the harbour.",
            ),
            (
                "RENO--(Business Wire)--The company opened a plant.",
                "The company opened a plant.",
            ),
            (
                "CHAPEL HILL, N.C. --- The team is unbeaten.",
                "The team is unbeaten.",
            ),
        ] {
            assert_eq!(clean_one(line).text, body, "{line}");
        }
        // A dateline on its own line above the lede, and one under furniture the rules keep.
        let c = clean_one("HONOLULU --\nThe volcano erupted again on Sunday, scientists said.");
        assert_eq!(
            c.text,
            "The volcano erupted again on Sunday, scientists said."
        );
        assert_eq!(reasons(&c), [RemovalReason::Dateline]);
        let c = clean_one("(AP)\nThe volcano erupted again on Sunday, scientists said.");
        assert_eq!(reasons(&c), [RemovalReason::Dateline]);
        let c = clean_one(
            "World News\nHarbour Report\nCAIRO - Talks resumed on Monday after a week of delays.",
        );
        assert!(c
            .text
            .ends_with("\nTalks resumed on Monday after a week of delays."));
        // Not datelines: a label with a colon, a name and party, a dash deep in the story.
        for line in [
            "UPDATE: Officials said the road would reopen on Friday.",
            "Smith (R-Texas) said the bill would pass this week.",
            "Voters (18-29)\nThe poll was taken by telephone over three days last week.",
            "The storm hit the coast early on Sunday, flooding the port.\nIt was the worst in years, officials said on Monday night.\nPARIS - Later, ministers met in the capital to discuss it.",
        ] {
            assert!(clean_one(line).removed.is_empty(), "{line}");
        }
        // Not a dateline: a sentence with a dash.
        let c = clean_one("The Ministry said - in a statement - that talks would resume.");
        assert!(c.removed.is_empty());
        let c = clean_one("NATO leaders met - and disagreed - over spending.");
        assert!(c.removed.is_empty());
    }

    proptest::proptest! {
        /// Cleaned text holds no white space but spaces and line breaks, so its words (and any
        /// piece's) count as `count_words` counts them.
        #[test]
        fn cleaned_text_words_count_as_count_words_does(
            raw in "([a-zA-Z.,\"’ \t\r\n\u{a0}\u{85}\u{2003}\u{2028}\u{3000}\u{200b}\u{1}]|\\PC){0,80}",
            cut in 0usize..80,
        ) {
            let c = clean_one(&raw);
            proptest::prop_assert_eq!(crate::text::count_clean_words(&c.text), crate::text::count_words(&c.text));
            let mut at = cut.min(c.text.len());
            while !c.text.is_char_boundary(at) {
                at -= 1;
            }
            let (a, b) = c.text.split_at(at);
            proptest::prop_assert_eq!(crate::text::count_clean_words(a), crate::text::count_words(a));
            proptest::prop_assert_eq!(crate::text::count_clean_words(b), crate::text::count_words(b));
        }
    }

    #[test]
    fn clean_words_are_counted_across_chunk_edges() {
        // Words that start, end and break at every offset of the eight-byte chunks.
        for text in [
            "",
            " ",
            "a",
            "abcdefgh",
            "abcdefg h",
            "abcdefgh ijklmnop",
            "       a        b",
            "one\ntwo three\n\nfour  five ’six’ “seven”",
            "\n\n\n\n\n\n\n\nx",
        ] {
            assert_eq!(
                crate::text::count_clean_words(text),
                crate::text::count_words(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn pieces_counts_as_split_does() {
        for s in [
            "",
            " ",
            "one",
            "two words",
            " lead",
            "trail ",
            "a  b",
            "é ’ 中",
        ] {
            assert_eq!(pieces(s), s.split(' ').count(), "{s:?}");
        }
    }

    #[test]
    fn quoted_speech_is_never_removed() {
        let c = clean_one("Police said the road was closed.\n\"Follow us on Twitter for updates on the closure,\" the police chief said.");
        assert!(c.removed.is_empty(), "{:?}", c.removed);
    }

    #[test]
    fn embedded_posts_are_kept_as_quotes() {
        let post = "Roads north of the dam are shut pic.twitter.com/ab12 — City Police (@CityPolice) January 3, 2027";
        let text = format!("Officials closed the bridge on Monday after cracks were found.\n{post}\nSchools Close Early\nBus Routes Change");
        let c = clean_one(&text);
        assert!(c.text.contains(post), "{:?}", c.removed);
        // Its help text is still page furniture.
        let c = clean_one("You can add location information to your Tweets from the web.");
        assert_eq!(reasons(&c), [RemovalReason::SocialPrompt]);
    }

    #[test]
    fn headline_repeated_from_title_is_dropped() {
        let out = clean_story(
            &[CleanInput {
                text: "Dam Breaks Upriver\nThe dam broke at dawn on Sunday, officials said.",
                title: Some("Dam breaks upriver"),
            }],
            &Copies::none(1),
        );
        assert_eq!(
            out[0].text,
            "The dam broke at dawn on Sunday, officials said."
        );
        assert_eq!(reasons(&out[0]), [RemovalReason::TitleRepeated]);
    }

    #[test]
    fn whitespace_is_normalised() {
        let c = clean_one("  Two\u{a0}spaces   here.  \n\n\n Next\tline. ");
        assert_eq!(c.text, "Two spaces here.\nNext line.");
    }
}
