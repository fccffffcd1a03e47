//! What the lines cleaning removes say about the article: its authors (from bylines and
//! reporting credits) and its publication date (from a timestamp line). Nothing is guessed: a
//! line that does not parse gives nothing, and an impossible date is no date.

use crate::facts::time::Date;
use crate::model::{Removal, RemovalReason};
use crate::text::{fold_case, word_spans, MONTH_NAMES};

/// An article's metadata as analysis completes it, for a caller that stores articles without
/// analysing a story (the store's ingest): the authors it names where none were given, and
/// the publication date its timestamp line states where none was given, read from what
/// cleaning the article alone removed ([`super::clean_article`], which finds the same
/// bylines and timestamps).
pub fn complete(
    a: &crate::model::Article,
    cleaned: &super::Cleaned,
) -> (Vec<String>, Option<String>) {
    let removed = &cleaned.removed[..];
    let authors = if a.authors.is_empty() {
        authors(removed)
    } else {
        a.authors.clone()
    };
    (authors, a.published.clone().or_else(|| published(removed)))
}

/// The names in a byline as a page gives it ("By Maria Gonzalez and Tom Reid", or just
/// "Maria Gonzalez, Tom Reid").
pub fn names_in_byline(line: &str) -> Vec<String> {
    let names = byline_names(line);
    if !names.is_empty() {
        return names;
    }
    let mut out = Vec::new();
    for part in line
        .split([',', '&', '|', ';'])
        .flat_map(|p| p.split(" and "))
    {
        match person_name(part) {
            Some(n) => out.push(n),
            None => break,
        }
    }
    out
}

/// The authors named by the article's removed bylines and reporting credits, in order, each
/// once ("By Maria Gonzalez and Tom Reid" gives both; "Editing by Paul Grey" gives nobody: an
/// editor is not an author).
pub fn authors(removed: &[Removal]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in removed.iter().filter(|r| r.reason == RemovalReason::Byline) {
        for name in byline_names(&r.text) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The names of one byline or credit line.
fn byline_names(line: &str) -> Vec<String> {
    let line = line
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([')', '.']);
    let lower = fold_case(line);
    let mut names = Vec::new();
    // A credit line holds several clauses: "Reporting by A; Editing by B".
    let mut at = 0;
    for clause in line.split(';') {
        let l = &lower[at..at + clause.len()];
        at += clause.len() + 1;
        let l = l.trim_start();
        let clause = clause.trim_start();
        let Some(by) = l.find("by ") else {
            continue;
        };
        let role = &l[..by];
        if role.contains("edit") || role.contains("compil") || role.contains("photo") {
            continue;
        }
        let rest = &clause[by + 3..];
        // The names end where a role or an outlet begins: "Tom Reid, Staff Writer".
        for part in rest.split([',', '&', '|']).flat_map(|p| p.split(" and ")) {
            if let Some(name) = person_name(part) {
                names.push(name);
            } else {
                break;
            }
        }
    }
    names
}

/// A person's name: two to four capitalised words ("Maria de la Cruz" allows lower-case
/// particles), not a role or an outlet.
fn person_name(part: &str) -> Option<String> {
    const NOT_NAMES: &[&str] = &[
        "staff",
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "associated",
        "press",
        "reuters",
        "news",
        "service",
        "bureau",
        "times",
        "post",
        "herald",
        "daily",
    ];
    const PARTICLES: &[&str] = &["de", "la", "van", "von", "der", "del", "da", "bin", "al"];
    let words: Vec<&str> = part.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    let ok = words.iter().enumerate().all(|(i, w)| {
        let lower = fold_case(w);
        let capital = w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
        let particle = i > 0 && i + 1 < words.len() && PARTICLES.contains(&&*lower);
        (capital || particle || is_initial(w)) && !NOT_NAMES.contains(&&*lower)
    });
    ok.then(|| words.join(" "))
}

/// "J." or "J": an initial.
fn is_initial(w: &str) -> bool {
    let t = w.trim_end_matches('.');
    t.chars().count() == 1 && t.starts_with(char::is_uppercase)
}

/// The publication date a removed timestamp line states, as `YYYY-MM-DD`: the first line that
/// holds a whole, valid date, preferring one that says "published" over one that says
/// "updated".
pub fn published(removed: &[Removal]) -> Option<String> {
    let stamps = || {
        removed
            .iter()
            .filter(|r| r.reason == RemovalReason::Timestamp)
            .map(|r| r.text.as_str())
    };
    let updated = |t: &str| fold_case(t).contains("updated");
    stamps()
        .filter(|t| !updated(t))
        .chain(stamps().filter(|t| updated(t)))
        .find_map(date_in)
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
}

/// The first whole date in a line: `2026-03-09`, `2026/03/09`, `20260309`, `March 9, 2026`,
/// `9 March 2026`, `Mar. 9 2026`. A numeric date with the day first or the month first
/// (`03/09/2026`) is ambiguous and gives nothing.
pub fn date_in(line: &str) -> Option<Date> {
    let words: Vec<&str> = word_spans(line).map(|(s, e)| &line[s..e]).collect();
    for (i, w) in words.iter().enumerate() {
        let next = |k: usize| words.get(i + k).copied().unwrap_or("");
        let found = numeric_date(line, w)
            .or_else(|| month(w).and_then(|m| day_year(next(1), next(2)).map(|(d, y)| (y, m, d))))
            .or_else(|| month(next(1)).and_then(|m| day_year(w, next(2)).map(|(d, y)| (y, m, d))));
        if let Some((y, m, d)) = found {
            if let Some(date) = Date::new(y, m, d).filter(|_| (1900..=2100).contains(&y)) {
                return Some(date);
            }
        }
    }
    None
}

/// A date written with digits only, year first: `2026-03-09`, `2026/3/9`, `20260309`.
fn numeric_date(line: &str, word: &str) -> Option<(i32, u32, u32)> {
    if word.len() == 8 && word.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| word[r].parse().ok();
        return Some((n(0..4)? as i32, n(4..6)?, n(6..8)?));
    }
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The year's position in the line, then "-MM-DD" or "/M/D" after it.
    let start = line.find(word)?;
    let rest = &line[start + 4..];
    let sep = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = rest[1..].splitn(2, sep);
    let m: u32 = parts.next()?.parse().ok()?;
    let d: String = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some((word.parse().ok()?, m, d.parse().ok()?))
}

/// The month a word names ("March", "Mar", "Sept"), 1-based; "May" too, which a timestamp line
/// means as the month.
fn month(word: &str) -> Option<u32> {
    let lower = fold_case(word.trim_end_matches('.'));
    if lower.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| m.starts_with(&*lower) && (lower.len() >= 3))
        .map(|i| i as u32 + 1)
}

/// A day of the month then a four-digit year ("9", "2026"; "9th" too).
fn day_year(day: &str, year: &str) -> Option<(u32, i32)> {
    let d: u32 = day
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    (year.len() == 4)
        .then(|| year.parse().ok())
        .flatten()
        .map(|y| (d, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removal(text: &str, reason: RemovalReason) -> Removal {
        Removal {
            text: text.to_string(),
            reason,
        }
    }

    #[test]
    fn bylines_and_credits_name_the_authors() {
        let removed = [
            removal(
                "By Maria Gonzalez and Tom Reid, Staff Writers",
                RemovalReason::Byline,
            ),
            removal(
                "(Reporting by Lisa Hart; Editing by Paul Grey)",
                RemovalReason::Byline,
            ),
            removal("By J. K. Lund", RemovalReason::Byline),
            removal("By Maria Gonzalez", RemovalReason::Byline),
            removal("Photo by Sam Ode", RemovalReason::PhotoCredit),
            removal("By Associated Press", RemovalReason::Byline),
        ];
        assert_eq!(
            authors(&removed),
            ["Maria Gonzalez", "Tom Reid", "Lisa Hart", "J. K. Lund"]
        );
        assert_eq!(
            byline_names("By Ana de la Cruz | Reporter"),
            ["Ana de la Cruz"]
        );
        assert!(byline_names("By staff").is_empty());
        assert_eq!(
            names_in_byline("Maria Gonzalez, Tom Reid"),
            ["Maria Gonzalez", "Tom Reid"]
        );
        assert_eq!(names_in_byline("By Tom Reid"), ["Tom Reid"]);
        assert!(names_in_byline("Staff and wire reports").is_empty());
    }

    #[test]
    fn an_article_alone_is_completed_from_its_own_lines() {
        let a = crate::model::Article {
            text: "By Maria Gonzalez\nPublished: 2026/03/09\nThe river rose two metres overnight, flooding the old market.\nRescuers reached the last families by noon.".into(),
            ..Default::default()
        };
        assert_eq!(
            complete(&a, &super::super::clean_article(&a.text, None)),
            (
                vec!["Maria Gonzalez".to_string()],
                Some("2026-03-09".to_string())
            )
        );
        // What the reader gave is kept.
        let given = crate::model::Article {
            published: Some("2026-03-10".into()),
            authors: vec!["Ana Ruiz".into()],
            ..a
        };
        assert_eq!(
            complete(&given, &super::super::clean_article(&given.text, None)),
            (vec!["Ana Ruiz".to_string()], Some("2026-03-10".to_string()))
        );
    }

    #[test]
    fn timestamp_lines_give_the_publication_date() {
        let stamp = |t: &str| removal(t, RemovalReason::Timestamp);
        let date = |t: &str| published(&[stamp(t)]);
        assert_eq!(
            date("2017-05-20 08:36 GMT+8").as_deref(),
            Some("2017-05-20")
        );
        assert_eq!(date("Published: 2026/03/09").as_deref(), Some("2026-03-09"));
        assert_eq!(date("20260309").as_deref(), Some("2026-03-09"));
        assert_eq!(
            date("Published 2026-3-9, 10:02").as_deref(),
            Some("2026-03-09")
        );
        assert_eq!(
            date("Updated 10:32 AM EDT, Tue March 5, 2024").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            date("Posted 5 Sept 2024 at 9:00").as_deref(),
            Some("2024-09-05")
        );
        // Impossible, ambiguous or partial dates give nothing.
        assert_eq!(date("Published 2006-02-30"), None);
        assert_eq!(date("0000-00-00"), None);
        assert_eq!(date("Published 03/09/2026"), None);
        assert_eq!(date("Updated 10:32 AM, March 5"), None);
        // "Published" wins over "Updated", wherever it stands.
        assert_eq!(
            published(&[
                stamp("Updated March 9, 2026"),
                stamp("Published March 8, 2026")
            ])
            .as_deref(),
            Some("2026-03-08")
        );
    }
}
