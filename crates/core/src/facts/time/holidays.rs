//! Named days of the (US) news calendar: "Thanksgiving (Day)", "Christmas Day", "Christmas
//! Eve", "New Year's Day", "New Year's Eve", "Independence Day", "Election Day", "Labor Day",
//! "Memorial Day", "Halloween", "Valentine's Day", with "last", "next" or "this" before them.
//!
//! Each resolves like a day of a month: the latest on or before publication in a clause of the
//! past (before it after "last"), the first on or after it in one of the future or after
//! "next", else the nearest.

use super::calendar::Date;
use super::rules::{year_shift, At, Match};
use super::tense::{tense_at, Tense};
use super::words::capitalized;
use super::Resolved;

/// A holiday's date in year `y`.
type Rule = fn(i32) -> Option<Date>;

/// The `n`-th (1-based) `weekday` (0 Monday) of a month; `n` 5 is the last.
fn nth_weekday(y: i32, month: u32, weekday: u32, n: u32) -> Option<Date> {
    let first = Date::new(y, month, 1)?;
    let to_first = (weekday + 7 - first.weekday()) % 7;
    let mut d = first.add_days(i64::from(to_first + 7 * (n - 1)));
    while d.month != month {
        d = d.add_days(-7);
    }
    Some(d)
}

/// The holiday named by the words at `i` (lower case): its rule and how many words it takes.
fn holiday(words: &[&str]) -> Option<(Rule, usize)> {
    let rule: (Rule, usize) = match words {
        ["thanksgiving", "day", ..] => (|y| nth_weekday(y, 11, 3, 4), 2),
        ["thanksgiving", ..] => (|y| nth_weekday(y, 11, 3, 4), 1),
        ["christmas", "day", ..] => (|y| Date::new(y, 12, 25), 2),
        ["christmas", "eve", ..] => (|y| Date::new(y, 12, 24), 2),
        ["new", "year", "s", "day", ..] => (|y| Date::new(y, 1, 1), 4),
        ["new", "year", "s", "eve", ..] => (|y| Date::new(y, 12, 31), 4),
        ["independence", "day", ..] => (|y| Date::new(y, 7, 4), 2),
        // The Tuesday after the first Monday of November.
        ["election", "day", ..] => (|y| nth_weekday(y, 11, 0, 1).map(|d| d.add_days(1)), 2),
        ["labor", "day", ..] => (|y| nth_weekday(y, 9, 0, 1), 2),
        ["memorial", "day", ..] => (|y| nth_weekday(y, 5, 0, 5), 2),
        ["halloween", ..] => (|y| Date::new(y, 10, 31), 1),
        ["valentine", "s", "day", ..] => (|y| Date::new(y, 2, 14), 3),
        _ => return None,
    };
    Some(rule)
}

/// A holiday: see the module documentation.
pub(super) fn named_day(at: At<'_>) -> Option<Match> {
    let At { text, ws, i, .. } = at;
    let shift = year_shift(ws[i].lower);
    let k = i + usize::from(shift.is_some());
    if !ws.get(k).is_some_and(capitalized) {
        return None;
    }
    let words: Vec<&str> = ws[k..].iter().take(4).map(|w| w.lower).collect();
    let (rule, n) = holiday(&words)?;
    let last = k + n - 1;
    let resolved = at.published.and_then(|p| {
        let tense = match shift {
            Some(-1) => Tense::Past,
            Some(1) => Tense::Future,
            _ => tense_at(text, ws, i, last),
        };
        let years = [p.year - 1, p.year, p.year + 1];
        let mut dates = years.iter().filter_map(|&y| rule(y));
        match tense {
            Tense::Past if shift == Some(-1) => dates.rfind(|d| *d < p),
            Tense::Past => dates.rfind(|d| *d <= p),
            Tense::Future => dates.find(|d| *d >= p),
            _ => dates.min_by_key(|d| (d.days() - p.days()).abs()),
        }
    });
    Some((last, resolved.map_or(Resolved::Relative, Resolved::Day), i))
}

#[cfg(test)]
mod tests {
    use crate::facts::time::tests::d;
    use crate::facts::time::{find_times, Resolved};

    /// (publication date, text, expression, expected day).
    const CASES: &[(&str, &str, &str, &str)] = &[
        (
            "2026-01-07",
            "The boy was found on Thanksgiving Day.",
            "Thanksgiving Day",
            "2025-11-27",
        ),
        (
            "2026-02-10",
            "He was rescued last Thanksgiving.",
            "last Thanksgiving",
            "2025-11-27",
        ),
        (
            "2026-10-26",
            "Voters go to the polls on Election Day.",
            "Election Day",
            "2026-11-03",
        ),
        (
            "2026-10-26",
            "Polls close next Election Day.",
            "next Election Day",
            "2026-11-03",
        ),
        (
            "2026-10-26",
            "The rally will be held on Election Day.",
            "Election Day",
            "2026-11-03",
        ),
        (
            "2026-01-05",
            "The storm hit on Christmas Eve.",
            "Christmas Eve",
            "2025-12-24",
        ),
        (
            "2026-07-10",
            "Fireworks lit the sky on Independence Day.",
            "Independence Day",
            "2026-07-04",
        ),
        (
            "2026-06-01",
            "Crowds gathered on Memorial Day.",
            "Memorial Day",
            "2026-05-25",
        ),
        (
            "2026-09-20",
            "The strike began on Labor Day.",
            "Labor Day",
            "2026-09-07",
        ),
        (
            "2026-01-03",
            "Fires broke out on New Year's Eve.",
            "New Year's Eve",
            "2025-12-31",
        ),
    ];

    #[test]
    fn named_days_resolve() {
        for &(published, text, expr, want) in CASES {
            let found = find_times(text, Some(d(published)));
            let got = found.iter().find(|e| &text[e.start..e.end] == expr);
            assert_eq!(
                got.map(|e| e.resolved),
                Some(Resolved::Day(d(want))),
                "{text}: {found:?}"
            );
        }
        for text in [
            "A new day dawned for labor unions.",
            "The memorial day was quiet.",
        ] {
            assert!(find_times(text, Some(d("2026-03-11"))).is_empty(), "{text}");
        }
    }
}
