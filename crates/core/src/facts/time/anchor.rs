//! Expressions read against their neighbours: "a year earlier" and its kin against the period
//! the text last named, "the day before" against the day right after it, "the next day",
//! "the previous year" and "later that month" against the time named last before them in their
//! sentence or the one before, and "the latest quarter" and its kin (`periods.rs`) against the
//! quarter named last before them.
//!
//! Business news compares a period with the same period a year before: "third-quarter profit
//! rose to $5 million from $4 million a year ago" means the third quarter of the year before,
//! and "sales fell 3% on March 4 from a year earlier" the day a year before March 4. So an
//! expression of a year back takes the nearest calendar period before it in its sentence or the
//! one before, one year back at that period's precision. "A year ago" without a quarter before
//! it stays the year before publication; "a year earlier" without a period before it stays
//! relative.

use super::calendar::Date;
use super::periods::{quarter_ref, QuarterRef};
use super::rules::{At, Match};
use super::words::words;
use super::{Resolved, TimeExpr};

/// How an expression of a year back is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Back {
    /// From publication ("a year ago"): only a quarter before it changes it.
    FromNow,
    /// From the period named before ("a year earlier").
    FromThen,
}

/// Whether `expr` (as written) says a year back, and from when.
fn year_back(expr: &str) -> Option<Back> {
    let lower = expr.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.as_slice() {
        ["the", rest @ ..] => rest,
        all => all,
    };
    let words = match words {
        [rest @ .., "quarter" | "period"] => rest,
        all => all,
    };
    match words {
        ["a" | "one", "year", "ago"] | ["year-ago"] => Some(Back::FromNow),
        ["a" | "one", "year", "earlier" | "before"] | ["year-earlier"] | ["year", "before"] => {
            Some(Back::FromThen)
        }
        _ => None,
    }
}

/// "year-ago" and "year-earlier" as words of their own, with "the" before and "quarter" or
/// "period" after: the year before publication and relative, until [`anchor_years_back`] reads
/// them.
pub(super) fn year_back_word(at: At<'_>) -> Option<Match> {
    let At { ws, i, .. } = at;
    let word = |k: usize| ws.get(k).map(|w| w.lower);
    let k = i + usize::from(word(i)? == "the");
    let resolved = match word(k)? {
        "year-ago" => at.published.map(|p| Resolved::Year(p.year - 1)),
        "year-earlier" => None,
        _ => return None,
    };
    let last = k + usize::from(matches!(word(k + 1), Some("quarter" | "period")));
    Some((last, resolved.unwrap_or(Resolved::Relative), i))
}

/// The period one year before `r`, at its precision.
fn year_before(r: Resolved) -> Resolved {
    match r {
        // February 29 a year back is February 28.
        Resolved::Day(d) => Date::new(d.year - 1, d.month, d.day)
            .or_else(|| Date::new(d.year - 1, d.month, d.day - 1))
            .map_or(Resolved::Relative, Resolved::Day),
        Resolved::Month(y, m) => Resolved::Month(y - 1, m),
        Resolved::Quarter(y, q) => Resolved::Quarter(y - 1, q),
        Resolved::Season(y, s) => Resolved::Season(y - 1, s),
        Resolved::Year(y) => Resolved::Year(y - 1),
        Resolved::Week(_) | Resolved::Relative => Resolved::Relative,
    }
}

/// How many sentence ends `text` holds (a full stop, question or exclamation mark before white
/// space and a capital).
fn sentence_ends(text: &str) -> usize {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&k| {
            matches!(b[k], b'.' | b'?' | b'!')
                && b.get(k + 1).is_some_and(u8::is_ascii_whitespace)
                && b[k + 1..]
                    .iter()
                    .find(|c| !c.is_ascii_whitespace())
                    .is_some_and(u8::is_ascii_uppercase)
        })
        .count()
}

/// The reference back to a quarter that `expr` is, all of it ("the year-ago quarter").
fn quarter_ref_of(expr: &str) -> Option<QuarterRef> {
    let (mut buf, mut digits) = (String::new(), Vec::new());
    let lower: Vec<&str> = words(expr, &mut buf, &mut digits)
        .iter()
        .map(|w| w.lower)
        .collect();
    quarter_ref(&lower)
        .filter(|&(n, _)| n == lower.len())
        .map(|(_, r)| r)
}

/// Resolve the references back to a quarter in `found` ("the latest quarter", "the year-ago
/// period") against the quarter named last before each that had ended by publication (results
/// are told of a quarter over), not one named a year back ("the year-earlier third quarter");
/// else the calendar quarter that the day after it ends ("the
/// quarter ended Sept. 30"); else they stay as they are.
pub(super) fn anchor_quarter_refs(text: &str, found: &mut [TimeExpr], published: Option<Date>) {
    let mut last: Option<(i32, u32)> = None;
    for k in 0..found.len() {
        let Some(expr) = text.get(found[k].start..found[k].end) else {
            continue;
        };
        match (quarter_ref_of(expr), found[k].resolved) {
            (Some(r), _) if !r.current => {
                let named = last.or_else(|| ended_quarter(text, found, k));
                if let Some((y, q)) = named {
                    found[k].resolved = Resolved::Quarter(r.year.unwrap_or(y + r.back), q);
                }
            }
            (_, Resolved::Quarter(y, q))
                if year_back(expr).is_none()
                    && !says_back(expr)
                    && published
                        .is_none_or(|p| p.year * 12 + p.month as i32 > y * 12 + 3 * q as i32) =>
            {
                last = Some((y, q));
            }
            _ => {}
        }
    }
}

/// The calendar quarter that the day after `found[k]` ends, "ended Sept. 30" or "ending
/// March 31": (year, quarter).
fn ended_quarter(text: &str, found: &[TimeExpr], k: usize) -> Option<(i32, u32)> {
    let next = found.get(k + 1)?;
    let gap = text.get(found[k].end..next.start)?.trim();
    match (gap, next.resolved) {
        ("ended" | "ending", Resolved::Day(d))
            if d.month % 3 == 0 && d.add_days(1).month != d.month =>
        {
            Some((d.year, d.month / 3))
        }
        _ => None,
    }
}

/// Whether an expression is a year back ("a year earlier", "the year-ago period", "the 1988
/// quarter" before 1989's publication), a period to take as it is, not to count back from.
fn counts_back(expr: &str, published: Option<Date>) -> bool {
    year_back(expr).is_some()
        || quarter_ref_of(expr)
            .is_some_and(|r| r.back != 0 || r.year.zip(published).is_some_and(|(y, p)| y < p.year))
}

/// Whether an expression counts back from another time ("the year-ago third quarter").
fn says_back(expr: &str) -> bool {
    let lower = expr.to_ascii_lowercase();
    ["year-", "ago", "earlier", "last", "previous"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whether the text before byte `start` ends in a figure ("$4 million", "78 cents", "12%"): a
/// figure "last year" is compared with one of the same period a year back ("profit of $5
/// million in the third quarter against $4 million last year").
fn after_a_figure(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    let word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    word.ends_with(|c: char| c.is_ascii_digit() || c == '%')
        || matches!(
            word.to_ascii_lowercase().as_str(),
            "million" | "billion" | "cents" | "share" | "percent"
        )
}

/// Whether `found[j]` is the end of the quarter named right before it ("the quarter ended
/// Sept. 30"), which is the time to count back from, not the day.
fn ends_a_quarter(text: &str, found: &[TimeExpr], j: usize) -> bool {
    let Some(q) = j.checked_sub(1).map(|p| &found[p]) else {
        return false;
    };
    let gap = text.get(q.end..found[j].start).unwrap_or("").trim();
    matches!(q.resolved, Resolved::Quarter(..)) && matches!(gap, "ended" | "ending")
}

/// Resolve the expressions of a year back in `found` (in text order) against the period named
/// before each.
pub(super) fn anchor_years_back(text: &str, found: &mut [TimeExpr], published: Option<Date>) {
    for k in 0..found.len() {
        let Some(expr) = text.get(found[k].start..found[k].end) else {
            continue;
        };
        let back = year_back(expr).or_else(|| {
            (expr.eq_ignore_ascii_case("last year") && after_a_figure(text, found[k].start))
                .then_some(Back::FromNow)
        });
        let Some(back) = back.filter(|_| quarter_ref_of(expr).is_none()) else {
            continue;
        };
        // The period named before in this sentence or the one before; another year back
        // there is the same period ("a year earlier ... year-earlier results").
        let before = (0..k).rev().map(|j| (j, &found[j])).find(|&(j, e)| {
            e.resolved != Resolved::Relative
                && !ends_a_quarter(text, found, j)
                && text
                    // To the end of the expression: a sentence end right before it counts.
                    .get(e.end..found[k].end)
                    .is_some_and(|gap| sentence_ends(gap) <= 1)
        });
        let Some((_, before)) = before else {
            continue;
        };
        let then = before.resolved;
        if text
            .get(before.start..before.end)
            .is_some_and(|x| counts_back(x, published))
        {
            found[k].resolved = then;
        } else if back == Back::FromThen || matches!(then, Resolved::Quarter(..)) {
            found[k].resolved = year_before(then);
        }
    }
}

/// The unit and shift of an expression of a time relative to the one before: "the next day"
/// (day, 1), "the previous year" (year, -1), "later that month" (month, 0), "the day before"
/// (day, -1); morning, night and evening are days.
fn relative_unit(expr: &str) -> Option<(&'static str, i64)> {
    let lower = expr.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let unit = |w: &str| match w {
        "day" | "morning" | "night" | "evening" => Some("day"),
        "week" => Some("week"),
        "month" => Some("month"),
        "year" => Some("year"),
        _ => None,
    };
    let shift = |w: &str| match w {
        "next" | "following" | "after" => Some(1),
        "previous" | "preceding" | "before" => Some(-1),
        "that" | "same" => Some(0),
        _ => None,
    };
    match words.as_slice() {
        ["the", u, s @ ("before" | "after")] => Some((unit(u)?, shift(s)?)),
        ["the", s, u] => Some((unit(u)?, shift(s)?)),
        ["later" | "earlier", "that", u] | ["that", u] => Some((unit(u)?, 0)),
        _ => None,
    }
}

/// Whether the expression starting at byte `start` dates a report, not an event: "the mayor
/// said on Tuesday" tells when she spoke, not the day "the next day" follows.
fn reported_at(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").to_ascii_lowercase();
    let mut words = before
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .rev();
    let verb = match words.next() {
        Some("on") => words.next(),
        w => w,
    };
    matches!(
        verb,
        Some("said" | "says" | "told" | "announced" | "reported" | "added")
    )
}

/// Whether the expression ends in "before" or "after", which may take an object ("the day
/// before the vote").
fn says_after(text: &str, e: &TimeExpr) -> bool {
    let expr = text.get(e.start..e.end).unwrap_or("");
    expr.ends_with("before") || expr.ends_with("after")
}

/// `then` moved by `shift` units, at the unit's precision; `None` when `then` is coarser than
/// the unit (a day after a month is not on the calendar).
fn shifted(then: Resolved, unit: &str, shift: i64) -> Option<Resolved> {
    let monday = |d: Date| d.add_days(-(d.weekday() as i64));
    match (unit, then) {
        ("day", Resolved::Day(d)) => Some(Resolved::Day(d.add_days(shift))),
        ("week", Resolved::Day(d) | Resolved::Week(d)) => {
            Some(Resolved::Week(monday(d).add_days(7 * shift)))
        }
        ("month", Resolved::Day(d)) => {
            let (y, m) = d.month_offset(shift as i32);
            Some(Resolved::Month(y, m))
        }
        ("month", Resolved::Month(y, m)) => {
            let (y, m) = Date::new(y, m, 1)?.month_offset(shift as i32);
            Some(Resolved::Month(y, m))
        }
        ("year", r) => Some(Resolved::Year(r.start()?.year + shift as i32)),
        _ => None,
    }
}

/// Resolve the times told relative to the one before ("the next day", "later that year") in
/// `found` against the time named last before each in its sentence or the one before; without
/// one, or with one coarser than their unit, they stay relative.
pub(super) fn anchor_relative(text: &str, found: &mut [TimeExpr]) {
    for k in 0..found.len() {
        let Some((unit, shift)) = text
            .get(found[k].start..found[k].end)
            .and_then(relative_unit)
        else {
            continue;
        };
        // "the day before the vote" is before the vote, not before the time named earlier.
        let rest = text.get(found[k].end..).unwrap_or("").trim_start();
        let open = rest.is_empty() || rest.starts_with([',', '.', ';', ':', ')', '"', '\'']);
        if found[k].resolved != Resolved::Relative || !open && says_after(text, &found[k]) {
            continue;
        }
        let before = found[..k].iter().rev().find(|e| {
            e.resolved != Resolved::Relative
                && !reported_at(text, e.start)
                && text
                    .get(e.end..found[k].end)
                    .is_some_and(|gap| sentence_ends(gap) <= 1)
        });
        if let Some(r) = before.and_then(|b| shifted(b.resolved, unit, shift)) {
            found[k].resolved = r;
        }
    }
}

/// "the day before" or "the day after" right before a day ("the day before last Tuesday's
/// hearing") is one expression, the day beside it.
pub(super) fn join_day_shifts(text: &str, found: &mut Vec<TimeExpr>) {
    let mut k = 0;
    while k + 1 < found.len() {
        let (a, b) = (&found[k], &found[k + 1]);
        let shift = match text
            .get(a.start..a.end)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("the day before") => -1,
            Some("the day after") => 1,
            _ => 0,
        };
        let touching = text
            .get(a.end..b.start)
            .is_some_and(|g| g.trim().is_empty());
        if let (true, Resolved::Day(d)) = (shift != 0 && touching, b.resolved) {
            found[k].end = found[k + 1].end;
            found[k].resolved = Resolved::Day(d.add_days(shift));
            found[k].side = found[k + 1].side;
            found.remove(k + 1);
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::facts::time::tests::d;
    use crate::facts::time::{find_times, Resolved};

    /// (text, expression, expected resolution), published 2025-11-02.
    const CASES: &[(&str, &str, Resolved)] = &[
        (
            "Third-quarter profit rose to $5 million from $4 million a year ago.",
            "a year ago",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Profit rose in the third quarter. It was $4 million a year earlier.",
            "a year earlier",
            Resolved::Quarter(2024, 3),
        ),
        (
            "It lost money in the third quarter, against year-earlier profit.",
            "year-earlier",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Sales on March 4, 2025 were down from a year earlier.",
            "a year earlier",
            Resolved::Day(crate::facts::time::Date {
                year: 2024,
                month: 3,
                day: 4,
            }),
        ),
        (
            "The plant closed a year ago.",
            "a year ago",
            Resolved::Year(2024),
        ),
        (
            "Profit rose in the third quarter from a year earlier, and year-earlier sales fell.",
            "year-earlier",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Profit fell in the third quarter from the year-ago period.",
            "the year-ago period",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Profit was $5 million in the third quarter, against $4 million last year.",
            "last year",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Profit rose in the third quarter. Last year the firm lost money.",
            "Last year",
            Resolved::Year(2024),
        ),
        // Only this sentence and the one before: a sentence end right before counts.
        (
            "Profit rose in the third quarter. Sales were flat. It was smaller a year earlier.",
            "a year earlier",
            Resolved::Relative,
        ),
        (
            "Prices were lower a year earlier.",
            "a year earlier",
            Resolved::Relative,
        ),
        (
            "Profit rose in the third quarter. The mill shut in May. It reopened in June. It was \
             smaller a year earlier.",
            "a year earlier",
            Resolved::Month(2024, 6),
        ),
    ];

    #[test]
    fn the_day_before_a_day_is_the_day_before_it() {
        let text = "The day before last Tuesday's hearing, talks failed.";
        let found = find_times(text, Some(d("2025-11-06")));
        let got: Vec<(&str, Resolved)> = found
            .iter()
            .map(|e| (&text[e.start..e.end], e.resolved))
            .collect();
        let monday = crate::facts::time::Date {
            year: 2025,
            month: 11,
            day: 3,
        };
        assert_eq!(
            got,
            [("The day before last Tuesday", Resolved::Day(monday))]
        );
        let text = "Talks failed the day before.";
        let found = find_times(text, Some(d("2025-11-06")));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].resolved, Resolved::Relative);
    }

    /// (text, expression, expected resolution), published 2025-11-02: references back to the
    /// quarter a story reports on.
    const QUARTER_REFS: &[(&str, &str, Resolved)] = &[
        (
            "Third-quarter profit rose. Sales in the latest quarter were flat.",
            "the latest quarter",
            Resolved::Quarter(2025, 3),
        ),
        (
            "Profit rose in the third quarter. In the year-ago quarter it lost money.",
            "the year-ago quarter",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Profit rose in the second quarter. The latest period had no charges.",
            "The latest period",
            Resolved::Quarter(2025, 2),
        ),
        (
            "It lost $3 million in the third quarter, against a profit in the corresponding \
             period last year.",
            "the corresponding period last year",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Third-quarter sales fell. In the 2024 period, it earned $2 million.",
            "the 2024 period",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Third-quarter sales fell. Sales for last year's quarter were higher.",
            "last year's quarter",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Third-quarter sales fell. In the year-earlier period, it earned $2 million.",
            "the year-earlier period",
            Resolved::Quarter(2024, 3),
        ),
        (
            "Third-quarter sales fell. Orders were $6 million in the quarter, against $9 million \
             a year ago.",
            "a year ago",
            Resolved::Quarter(2024, 3),
        ),
        (
            "It earned $5 million for the quarter ended Sept. 30, up from $4 million a year \
             earlier.",
            "a year earlier",
            Resolved::Quarter(2024, 3),
        ),
        (
            "It earned $9 million for the six months ended Aug. 12, up from $4 million a year \
             earlier.",
            "a year earlier",
            Resolved::Day(crate::facts::time::Date {
                year: 2024,
                month: 8,
                day: 12,
            }),
        ),
        (
            "Third-quarter sales fell, and the current quarter began well.",
            "the current quarter",
            Resolved::Quarter(2025, 4),
        ),
        // A quarter not over by publication is not the one reported on.
        (
            "Third-quarter profit rose, and a fourth-quarter charge looms. The latest quarter \
             had no charges.",
            "The latest quarter",
            Resolved::Quarter(2025, 3),
        ),
        // Nothing named before: the year it names, or relative.
        (
            "In the year-earlier period, it earned $2 million.",
            "the year-earlier period",
            Resolved::Relative,
        ),
        (
            "Sales for the quarter rose.",
            "the quarter",
            Resolved::Relative,
        ),
    ];

    #[test]
    fn references_to_a_quarter_take_the_quarter_named_before() {
        for &(text, expr, want) in QUARTER_REFS {
            let found = find_times(text, Some(d("2025-11-02")));
            let got = found.iter().find(|e| &text[e.start..e.end] == expr);
            assert_eq!(got.map(|e| e.resolved), Some(want), "{text}: {found:?}");
        }
        for text in [
            "A quarter of the town flooded.",
            "They walked through the French Quarter.",
            "It was a period of calm.",
            "The period ended badly.",
        ] {
            assert!(find_times(text, Some(d("2025-11-02"))).is_empty(), "{text}");
        }
    }

    /// (publication date, text, expression, expected resolution): times told relative to the
    /// one before.
    const RELATIVE: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "2026-03-11",
            "The levee broke on March 2. The next day, crews returned.",
            "The next day",
            Some("2026-03-03"),
        ),
        (
            "2026-03-11",
            "The levee broke on March 2, and the previous day rain fell.",
            "the previous day",
            Some("2026-03-01"),
        ),
        (
            "2026-03-11",
            "The levee broke on March 2. Earlier that day, a guard saw cracks.",
            "Earlier that day",
            Some("2026-03-02"),
        ),
        (
            "2026-03-11",
            "She fled in June 2019 and came back later that year.",
            "later that year",
            Some("2019"),
        ),
        (
            "2026-03-11",
            "He was promoted on May 22, 2015, and the following year he left.",
            "the following year",
            Some("2016"),
        ),
        (
            "2026-03-11",
            "Imports rose in 2019, a small share of all imports that year.",
            "that year",
            Some("2019"),
        ),
        (
            "2026-03-11",
            "The mill shut in May 2019. The following month it was sold.",
            "The following month",
            Some("2019-06"),
        ),
        (
            "2026-03-11",
            "The levee broke on March 2. Crews came. Rain fell. The next day, they left.",
            "The next day",
            None,
        ),
        (
            "2026-03-11",
            "He was last seen March 3, the day before police issued a warrant.",
            "the day before",
            None,
        ),
        (
            "2026-03-11",
            "He was last seen March 3. Police had searched the house the day before.",
            "the day before",
            Some("2026-03-02"),
        ),
        // The day a report was made is not the time an event follows.
        (
            "2026-03-11",
            "The levee broke on Sunday, the mayor said on Tuesday. Crews came the next day.",
            "the next day",
            Some("2026-03-09"),
        ),
        // A day after a month is not on the calendar.
        (
            "2026-03-11",
            "The mill shut in May 2019. The next day it was sold.",
            "The next day",
            None,
        ),
    ];

    #[test]
    fn times_told_relative_to_the_one_before_take_it() {
        for &(published, text, expr, want) in RELATIVE {
            let found = find_times(text, Some(d(published)));
            let got = found.iter().find(|e| &text[e.start..e.end] == expr);
            assert_eq!(
                got.map(|e| e.resolved.period()),
                Some(want.map(str::to_string)),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn years_back_follow_the_period_before() {
        for &(text, expr, want) in CASES {
            let found = find_times(text, Some(d("2025-11-02")));
            let got = found.iter().find(|e| &text[e.start..e.end] == expr);
            assert_eq!(got.map(|e| e.resolved), Some(want), "{text}: {found:?}");
        }
    }
}
