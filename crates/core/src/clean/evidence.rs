//! The passes that weigh evidence across a story rather than one line: short lines that articles
//! written apart share (a site's furniture), and runs of headline-like lines (lists of related
//! headlines).

use std::collections::{BTreeMap, BTreeSet};

use super::{ends_like_sentence, Line};
use crate::dedup::Copies;
use crate::model::RemovalReason;

/// Short unpunctuated lines that recur in articles which are not copies of each other.
pub(super) fn repeated_lines_pass(docs: &mut [Vec<Line>], copies: &Copies) {
    if docs.len() < 2 {
        return;
    }
    // Keys are hashes of the lines' words (lower case, punctuation dropped): equal lines have
    // equal keys; the rare collision could only merge two short furniture lines. Only the
    // candidates' keys are needed to find repeats; every line's only when there are some.
    let candidate = |l: &Line| {
        l.removed.is_none() && !l.protected && l.words <= 12 && !ends_like_sentence(&l.text)
    };
    let mut where_: BTreeMap<u64, BTreeSet<usize>> = BTreeMap::new();
    for (d, lines) in docs.iter().enumerate() {
        for l in lines.iter().filter(|l| candidate(l)) {
            where_.entry(words_hash(&l.lower)).or_default().insert(d);
        }
    }
    where_.retain(|_, ds| ds.len() >= 2);
    if where_.is_empty() {
        return;
    }
    let line_keys: Vec<Vec<u64>> = docs
        .iter()
        .map(|lines| lines.iter().map(|l| words_hash(&l.lower)).collect())
        .collect();
    for (key, ds) in where_ {
        let ds: Vec<usize> = ds.into_iter().collect();
        // A line that copies of one article share is theirs; one that articles written apart
        // share is their site's.
        let independent = ds
            .iter()
            .enumerate()
            .any(|(i, &a)| ds[i + 1..].iter().any(|&b| !copies.same_group(a, b)));
        if !independent {
            continue;
        }
        for &d in &ds {
            for (l, &k) in docs[d].iter_mut().zip(&line_keys[d]) {
                if l.removed.is_none() && !l.protected && k == key {
                    l.removed = Some(RemovalReason::RepeatedAcrossArticles);
                }
            }
        }
    }
}

/// Hash of a line's words (lower case, split on anything not alphanumeric).
fn words_hash(lower: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    let mut any = false;
    for w in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        w.hash(&mut h);
        any = true;
    }
    if any {
        h.finish()
    } else {
        0
    }
}

/// A kept, unprotected line of 2 to 16 words that opens like a headline and does not end like a
/// sentence.
fn headline_like(l: &Line) -> bool {
    l.removed.is_none()
        && !l.protected
        && (2..=16).contains(&l.words)
        && !ends_like_sentence(&l.text)
        && l.text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Runs of three or more headline-like lines, or two after a read-more/related line; not a list
/// that belongs to the article (a ranking, standings, a table of figures).
pub(super) fn headline_list_pass(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        if !headline_like(&lines[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && headline_like(&lines[j]) {
            j += 1;
        }
        let after_link = i > 0 && lines[i - 1].removed == Some(RemovalReason::ReadMoreLink);
        if (j - i >= 3 || (j - i >= 1 && after_link)) && !is_article_list(&lines[i..j]) {
            for l in &mut lines[i..j] {
                l.removed = Some(RemovalReason::RelatedHeadlines);
            }
        }
        i = j;
    }
}

/// A list of the article's own rather than of other stories' headlines: three or more items
/// numbered in sequence ("1. Bayliss (Ducati) 1'32.2", "2. ..."), or rows of figures in
/// most of its lines ("Women 47 36 8"). Related headlines are neither numbered with a full
/// stop nor tables.
fn is_article_list(run: &[Line]) -> bool {
    let mut in_sequence = 0;
    let mut last: Option<u32> = None;
    for l in run {
        match item_number(&l.text) {
            Some(n) if last.is_none_or(|m| n == m + 1) => {
                in_sequence += 1;
                last = Some(n);
            }
            Some(n) => (in_sequence, last) = (1, Some(n)),
            None => {}
        }
        if in_sequence >= 3 {
            return true;
        }
    }
    let rows = run.iter().filter(|l| is_figure_row(&l.text)).count();
    rows >= 3 && rows * 2 > run.len()
}

/// The number of a list item written "12. text" or "12) text".
fn item_number(text: &str) -> Option<u32> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &text[digits..];
    (rest.starts_with(". ") || rest.starts_with(") "))
        .then(|| text[..digits].parse().ok())
        .flatten()
}

/// A table row: a label and two or more figures at its end ("African Americans 32 60 3"), not
/// a date ("Jan. 7, 2008").
fn is_figure_row(text: &str) -> bool {
    let figure = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-' | '+'))
    };
    let words: Vec<&str> = text.split(' ').collect();
    let trailing = words.iter().rev().take_while(|w| figure(w)).count();
    // "Jan. 7, 2008" is a date, not two figures.
    let label = words[..words.len() - trailing.min(words.len())].last();
    let dated =
        label.is_some_and(|w| crate::text::MONTH_WORDS.contains_lower(w.trim_end_matches('.')));
    trailing >= 2 && trailing < words.len() && !dated
}

#[cfg(test)]
mod tests {
    use super::super::tests::{clean_one, reasons};
    use super::super::{clean_story, CleanInput};
    use crate::dedup::Copies;
    use crate::model::RemovalReason;

    #[test]
    fn repeated_short_lines_across_unrelated_articles_are_removed() {
        let a = "Flood waters rose overnight in the valley town.\nThe Valley Courier Daily\nResidents fled to higher ground on Monday.";
        let b = "A new bridge opened downtown this week after delays.\nThe Valley Courier Daily\nThe mayor cut the ribbon at the ceremony.";
        let out = clean_story(
            &[
                CleanInput {
                    text: a,
                    title: None,
                },
                CleanInput {
                    text: b,
                    title: None,
                },
            ],
            &Copies::none(2),
        );
        for c in &out {
            assert_eq!(reasons(c), [RemovalReason::RepeatedAcrossArticles]);
            assert!(!c.text.contains("Courier"));
        }
    }

    #[test]
    fn syndicated_copies_keep_their_shared_lines() {
        let a = "Storm Hits Coast\nThe storm killed three people on Sunday.\nPower was cut to 4,000 homes.";
        let out = clean_story(
            &[
                CleanInput {
                    text: a,
                    title: None,
                },
                CleanInput {
                    text: a,
                    title: None,
                },
            ],
            &Copies::find(&[(0..10).collect(), (0..10).collect()], &[0, 1]),
        );
        for c in &out {
            assert!(c.removed.is_empty(), "{:?}", c.removed);
            assert_eq!(c.text, a);
        }
    }

    #[test]
    fn related_headline_lists_are_removed_but_the_lede_stays() {
        let text = "Rescuers Search Rubble\nRescuers searched the rubble of the school on Friday after the quake.\nThe death toll rose to 40.\nRelated\nQuake survivors describe terror\nAid groups appeal for blankets\nHow quakes are measured";
        let c = clean_one(text);
        assert!(c.text.contains("Rescuers searched the rubble"));
        assert!(!c.text.contains("Aid groups appeal"));
        assert!(reasons(&c).contains(&RemovalReason::RelatedHeadlines));
    }

    #[test]
    fn lists_of_the_article_are_not_related_headlines() {
        let lede = "The season's last race was run on Sunday in heavy rain, and the title went to the leader.";
        let kept = [
            // A ranking numbered in sequence.
            "Final standings\n1. Marsh (Falcon) 212\n2. Okafor (Comet) 198\n3. Lindqvist (Falcon) 187\n4. Duarte (Arrow) 150",
            // A table of figures.
            "Voters by group\nAll voters 44 39 17\nMen 40 45 15\nWomen 48 33 19",
        ];
        for list in kept {
            let c = clean_one(&format!("{lede}\n{list}\nThe next season starts in March."));
            assert!(c.removed.is_empty(), "{list}: {:?}", c.removed);
        }
        let removed = [
            // Numbered without a full stop, as "most read" boxes are.
            "Most read\n1 Flood closes bridge\n2 Council sets budget\n3 Team signs striker",
            // Numbers out of sequence.
            "2. Flood closes bridge\n7. Council sets budget\n4. Team signs striker",
            // A figure or two in headlines does not make a table.
            "Flood closes 3 bridges\nCouncil sets budget for 2027\nTeam signs striker",
            // Dates are not figures.
            "Players of the week\nAna Ruiz (Jr.), Jan. 7, 2027\nBo Lind (Sr.), Dec. 17, 2026\nCy Moss (Fr.), Feb. 2, 2026",
        ];
        for list in removed {
            let c = clean_one(&format!("{lede}\n{list}"));
            assert!(
                reasons(&c)
                    .iter()
                    .filter(|r| **r == RemovalReason::RelatedHeadlines)
                    .count()
                    >= 3,
                "{list}: {:?}",
                c.removed
            );
        }
    }
}
