//! Quarters and seasons: "the third quarter", "third-quarter", "the 1998 second quarter",
//! "next year's first quarter", "the fourth quarter of 2025"; "last fall", "this summer",
//! "this past spring", "the winter of 1994", "summer 2019".
//!
//! A quarter without a year is the latest such quarter begun by publication (a company reports
//! "third-quarter" results in October), or in a clause of the future the next one when that one
//! is not the current or the last quarter ("will recover in the first quarter" in November);
//! "the year-ago third quarter" is the one before.
//!
//! Business news names its reporting quarter once ("third-quarter profit rose") and then refers
//! back to it: "the quarter", "the latest quarter", "the latest period", "that quarter", and a
//! year back "the year-ago quarter", "the 1988 period", "last year's quarter", "the
//! corresponding period last year". These ([`QuarterRef`]) take the quarter named last before
//! them (`anchor.rs`); without one they stay relative, or the year they name. "The current
//! quarter" is the quarter of publication. A
//! season needs a year or "this", "last", "next" or "this past" ("the fall of the regime" and
//! "in the spring" stay out).

use super::calendar::Date;
use super::rules::{year_shift, At, Match};
use super::tense::{tense_at, Tense};
use super::words::year_number;
use super::Resolved;

/// A quarter's number from an ordinal: "first" or "1st" is 1.
fn ordinal(word: &str) -> Option<u32> {
    match word {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

/// A year after "of" at word `k` ("of 1998", "of fiscal 1998"): (year, its word).
fn of_year(at: At<'_>, k: usize) -> Option<(i32, usize)> {
    let word = |k: usize| at.ws.get(k).map(|w| w.lower);
    if word(k)? != "of" {
        return None;
    }
    let y = if word(k + 1)? == "fiscal" {
        k + 2
    } else {
        k + 1
    };
    Some((year_number(word(y)?)?, y))
}

/// A quarter: see the module documentation.
pub(super) fn quarter(at: At<'_>) -> Option<Match> {
    let At { ws, i, .. } = at;
    let word = |k: usize| ws.get(k).map(|w| w.lower);
    let mut k = i + usize::from(word(i)? == "the");
    let mut year = None;
    let mut years_shift = None;
    if let Some(y) = year_number(word(k)?) {
        year = Some(y);
        k += 1;
    } else if matches!(word(k)?, "year-ago" | "year-earlier") {
        years_shift = Some(-1);
        k += 1;
    } else if let Some(s) = year_shift(word(k)?) {
        // "this year's third quarter": the words "this", "year", "s".
        (word(k + 1)? == "year" && word(k + 2)? == "s").then_some(())?;
        years_shift = Some(s);
        k += 3;
    }
    k += usize::from(word(k)? == "fiscal");
    let w = word(k)?;
    // "the fiscal-first quarter".
    let w = w.strip_prefix("fiscal-").unwrap_or(w);
    let (q, mut last) = match w.split_once('-') {
        Some((o, "quarter")) => (ordinal(o)?, k),
        Some(_) => return None,
        None => {
            (word(k + 1)? == "quarter").then_some(())?;
            (ordinal(w)?, k + 1)
        }
    };
    if let Some((y, end)) = of_year(at, last + 1) {
        year = Some(y);
        last = end;
    }
    let resolved = match (year, years_shift, at.published) {
        (Some(y), ..) => Some(Resolved::Quarter(y, q)),
        (None, Some(s), Some(p)) => Some(Resolved::Quarter(p.year + s, q)),
        (None, None, Some(p)) => {
            let started = p.year - i32::from(3 * q - 2 > p.month);
            // Months from the end of that quarter to publication: a quarter just over is
            // still to be reported on ("will report third-quarter results" in October).
            let over = p.year * 12 + p.month as i32 - 1 - (started * 12 + 3 * q as i32);
            let future = over >= 3 && tense_at(at.text, ws, i, last) == Tense::Future;
            Some(Resolved::Quarter(started + i32::from(future), q))
        }
        _ => None,
    };
    Some((last, resolved.unwrap_or(Resolved::Relative), i))
}

/// A reference back to a quarter named before: see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct QuarterRef {
    /// Years back from the quarter referred to: 0, or -1 for "the year-ago quarter".
    pub(super) back: i32,
    /// The year it names ("the 1988 quarter"), if any.
    pub(super) year: Option<i32>,
    /// "the current quarter": the quarter of publication, not one named before.
    pub(super) current: bool,
}

/// A reference back to a quarter at the start of `words` (lower case, as [`words`] splits
/// them): how many words it takes and what it says.
///
/// [`words`]: super::words::words
pub(super) fn quarter_ref(words: &[&str]) -> Option<(usize, QuarterRef)> {
    let mut r = QuarterRef {
        back: 0,
        year: None,
        current: false,
    };
    let (mut k, mut marked) = match words {
        ["last", "year", "s", ..] => {
            r.back = -1;
            (3, true)
        }
        ["the" | "this" | "that", ..] => (1, words[0] != "the"),
        _ => (0, false),
    };
    while let Some(&w) = words.get(k) {
        match w {
            "latest" | "same" | "comparable" | "corresponding" => marked = true,
            "current" => r.current = true,
            "year-ago" | "year-earlier" => r.back = -1,
            "fiscal" => {}
            _ => match year_number(w) {
                Some(y) if r.year.is_none() => r.year = Some(y),
                _ => break,
            },
        }
        k += 1;
    }
    let shifted = r.back != 0 || r.year.is_some();
    let head = words.get(k).copied()?;
    // "the quarter" is one; "the period" needs a word that makes it one ("the latest period").
    let ok = match head {
        "quarter" => k > 0,
        "period" => marked || shifted,
        _ => false,
    };
    if !ok || r.current && (shifted || head != "quarter") {
        return None;
    }
    k += 1;
    // "the corresponding period last year", "the quarter a year ago".
    let tail = match words.get(k..) {
        Some(["last", "year", ..]) => 2,
        Some(["a" | "one", "year", "ago" | "earlier", ..]) => 3,
        _ => 0,
    };
    if tail > 0 && !shifted && !r.current {
        r.back = -1;
        k += tail;
    }
    Some((k, r))
}

/// A reference back to a quarter: resolved for now to the year it names, or the quarter of
/// publication for "the current quarter", else relative until [`anchor_quarter_refs`] reads it.
///
/// [`anchor_quarter_refs`]: super::anchor::anchor_quarter_refs
pub(super) fn quarter_back(at: At<'_>) -> Option<Match> {
    let At { ws, i, .. } = at;
    let words: Vec<&str> = ws[i..].iter().take(8).map(|w| w.lower).collect();
    let (n, r) = quarter_ref(&words)?;
    // "a year ago" counts back from publication, "a year earlier" from a time not known yet.
    let from_now = !words[..n].iter().any(|w| w.ends_with("earlier"));
    let resolved = match (r.current, r.year, at.published) {
        (true, _, Some(p)) => Resolved::Quarter(p.year, p.month.div_ceil(3)),
        (false, Some(y), _) => Resolved::Year(y),
        (false, None, Some(p)) if r.back < 0 && from_now => Resolved::Year(p.year + r.back),
        _ => Resolved::Relative,
    };
    Some((i + n - 1, resolved, i))
}

/// A season's index (0 spring, 1 summer, 2 fall, 3 winter).
fn season_of(word: &str) -> Option<u32> {
    match word {
        "spring" => Some(0),
        "summer" => Some(1),
        "fall" | "autumn" => Some(2),
        "winter" => Some(3),
        _ => None,
    }
}

/// The first month of a season in its year (winter starts in December).
pub(super) fn season_month(s: u32) -> u32 {
    3 * s + 3
}

/// A season: see the module documentation.
pub(super) fn season(at: At<'_>) -> Option<Match> {
    let At { ws, i, .. } = at;
    let word = |k: usize| ws.get(k).map(|w| w.lower);
    let (which, k) = match word(i)? {
        "this" if word(i + 1)? == "past" => (Some(-1), i + 2),
        w => match year_shift(w) {
            Some(s) => (Some(s), i + 1),
            None => (None, i + usize::from(w == "the")),
        },
    };
    let s = season_of(word(k)?)?;
    let (year, last) = match (of_year(at, k + 1), word(k + 1).and_then(year_number)) {
        (Some((y, end)), _) => (Some(y), end),
        (None, Some(y)) if k == i => (Some(y), k + 1),
        _ => (None, k),
    };
    if year.is_none() && which.is_none() {
        return None;
    }
    let resolved = match (year, which, at.published) {
        (Some(y), ..) => Some(Resolved::Season(y, s)),
        (None, Some(w), Some(p)) => Some(Resolved::Season(season_year(p, s, w), s)),
        _ => None,
    };
    Some((last, resolved.unwrap_or(Resolved::Relative), i))
}

/// The year of season `s` said "this" (0), "last" (-1) or "next" (1) at publication `p`: this
/// is the one whose start is nearest; last the latest over by then; next the first not begun.
fn season_year(p: Date, s: u32, which: i32) -> i32 {
    let now = p.year * 12 + p.month as i32 - 1;
    let start = |y: i32| y * 12 + season_month(s) as i32 - 1;
    let years = p.year - 2..=p.year + 1;
    match which {
        -1 => years.filter(|&y| start(y) + 3 <= now).max(),
        1 => years.filter(|&y| start(y) > now).min(),
        _ => years.min_by_key(|&y| (start(y) + 1 - now).abs()),
    }
    .unwrap_or(p.year)
}

#[cfg(test)]
mod tests {
    use crate::facts::time::tests::d;
    use crate::facts::time::{find_times, Resolved};

    /// (publication date, text, expected expression, expected resolution).
    const CASES: &[(&str, &str, &str, Resolved)] = &[
        (
            "2025-11-02",
            "Profit fell in the third quarter.",
            "the third quarter",
            Resolved::Quarter(2025, 3),
        ),
        (
            "2025-11-02",
            "It posted a third-quarter loss.",
            "third-quarter",
            Resolved::Quarter(2025, 3),
        ),
        (
            "2025-11-02",
            "It expects a fourth-quarter charge.",
            "fourth-quarter",
            Resolved::Quarter(2025, 4),
        ),
        (
            "2026-02-10",
            "Sales rose in the fourth quarter.",
            "the fourth quarter",
            Resolved::Quarter(2025, 4),
        ),
        (
            "2025-11-02",
            "Output will recover in the first quarter.",
            "the first quarter",
            Resolved::Quarter(2026, 1),
        ),
        (
            "2025-11-02",
            "A charge hit the 2024 second quarter.",
            "the 2024 second quarter",
            Resolved::Quarter(2024, 2),
        ),
        (
            "2025-11-02",
            "Losses grew in the third quarter of 2019.",
            "the third quarter of 2019",
            Resolved::Quarter(2019, 3),
        ),
        (
            "2025-11-02",
            "Growth returns in next year's first quarter.",
            "next year's first quarter",
            Resolved::Quarter(2026, 1),
        ),
        (
            "1999-04-10",
            "The clinic was attacked last fall.",
            "last fall",
            Resolved::Season(1998, 2),
        ),
        (
            "1999-11-10",
            "The clinic was attacked last fall.",
            "last fall",
            Resolved::Season(1998, 2),
        ),
        (
            "1999-04-10",
            "Talks resume this summer.",
            "this summer",
            Resolved::Season(1999, 1),
        ),
        (
            "1999-01-20",
            "Snow fell this winter.",
            "this winter",
            Resolved::Season(1998, 3),
        ),
        (
            "1999-07-10",
            "Floods came this past spring.",
            "this past spring",
            Resolved::Season(1999, 0),
        ),
        (
            "1999-04-10",
            "It began in the winter of 1994.",
            "the winter of 1994",
            Resolved::Season(1994, 3),
        ),
        (
            "1999-04-10",
            "It closes next spring.",
            "next spring",
            Resolved::Season(2000, 0),
        ),
        (
            "2025-10-20",
            "It will report third-quarter results.",
            "third-quarter",
            Resolved::Quarter(2025, 3),
        ),
        (
            "2025-11-02",
            "It earned $4 million in the fiscal-first quarter.",
            "the fiscal-first quarter",
            Resolved::Quarter(2025, 1),
        ),
        (
            "2025-11-02",
            "Sales fell from the year-ago third quarter.",
            "the year-ago third quarter",
            Resolved::Quarter(2024, 3),
        ),
    ];

    #[test]
    fn quarters_and_seasons() {
        for &(published, text, expr, want) in CASES {
            let found = find_times(text, Some(d(published)));
            let got = found.iter().find(|e| &text[e.start..e.end] == expr);
            assert_eq!(got.map(|e| e.resolved), Some(want), "{text}: {found:?}");
        }
        for text in [
            "The fall of the regime shocked them.",
            "They marched in the spring.",
            "A quarter of the town flooded.",
            "Third, the quarterback left.",
        ] {
            assert!(find_times(text, Some(d("2025-11-02"))).is_empty(), "{text}");
        }
    }
}
