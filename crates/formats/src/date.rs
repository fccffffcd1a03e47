//! Publication dates as readers find them, made one form and checked against the calendar
//! (with `chrono`): ISO 8601 (`2026-03-09`, with a time and its zone when given), RFC 2822 as
//! feeds write it, `2026/03/09`, `2026-3-9`, `20260309`, Unix seconds or milliseconds, and
//! the written forms `March 9, 2026` and `9 March 2026`. A date that is not on the calendar
//! (`2006-02-30`, `0000-00-00`) or is no date at all (`yesterday`) is an error: the caller
//! reports it and drops it, so that no invented or impossible date is stored.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Years accepted: news is not older than print, and a year past 2999 is a typo or a test.
const YEARS: std::ops::RangeInclusive<i32> = 1500..=2999;

/// Date and time with a zone, in the forms RFC 3339 does not take (a space, no seconds, `-0500`).
const ZONED: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M%z",
];

/// `raw` in one form: `YYYY-MM-DD` for a date; `YYYY-MM-DDTHH:MM:SS` with its offset (`Z` or
/// `+HH:MM`) when the input gave a time and zone, without one when it gave a time only.
pub fn normalize_published(raw: &str) -> Result<String, String> {
    let t = raw.trim();
    let bad = || match swapped(t) {
        Some(d) => format!(
            "date {t:?} is not a calendar date (day and month swapped? {}); left out",
            iso(d)
        ),
        None => format!("date {t:?} is not a calendar date; left out"),
    };
    if t.is_empty() {
        return Err(bad());
    }
    let checked = |d: NaiveDate| YEARS.contains(&chrono::Datelike::year(&d)).then_some(d);
    let zoned = DateTime::parse_from_rfc3339(t)
        .or_else(|_| DateTime::parse_from_rfc2822(t))
        .ok()
        .or_else(|| {
            ZONED
                .iter()
                .find_map(|f| DateTime::parse_from_str(t, f).ok())
        });
    if let Some(dt) = zoned {
        return checked(dt.date_naive())
            .map(|_| dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .ok_or_else(bad);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return checked(dt.date())
                .map(|_| dt.format("%Y-%m-%dT%H:%M:%S").to_string())
                .ok_or_else(bad);
        }
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return digits(t).and_then(checked).map(iso).ok_or_else(bad);
    }
    // 2026-03-09, 2026-3-9, 2026/03/09, 2026.03.09 (year first: never a day/month guess).
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return checked(d).map(iso).ok_or_else(bad);
        }
    }
    if let Some(d) = day_month_or_month_day(t) {
        return checked(d).map(iso).ok_or_else(bad);
    }
    let looks_numeric = t
        .bytes()
        .all(|b| b.is_ascii_digit() || b"-/.: T".contains(&b));
    if looks_numeric {
        return Err(bad());
    }
    // Written forms, with or without a weekday: "March 9, 2026", "Mon, 9 March 2026".
    let words = t
        .trim_start_matches(|c: char| c.is_alphabetic())
        .trim_start_matches(',')
        .trim();
    for s in [t, words] {
        for f in [
            "%B %d, %Y",
            "%b %d, %Y",
            "%d %B %Y",
            "%d %b %Y",
            "%B %d %Y",
            "%b. %d, %Y",
        ] {
            if let Ok(d) = NaiveDate::parse_from_str(s, f) {
                return checked(d).map(iso).ok_or_else(bad);
            }
        }
    }
    Err(bad())
}

/// `25/3/2026` or `3/25/2026`: read only when one of the first two numbers cannot be a month,
/// so that the order is not a guess.
fn day_month_or_month_day(t: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let [a, b, y] = parts[..] else { return None };
    if y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    match (a > 12, b > 12) {
        (true, false) => NaiveDate::from_ymd_opt(y, b, a),
        (false, true) => NaiveDate::from_ymd_opt(y, a, b),
        _ => None,
    }
}

/// The date a year-first date means if its month and day were written the wrong way round
/// (`1998-14-06`: the 14th of June), when only that order is on the calendar. Reported, never
/// used: the writer may have meant something else.
fn swapped(t: &str) -> Option<NaiveDate> {
    let date = t.get(..10).unwrap_or(t);
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let [y, a, b] = parts[..] else { return None };
    if y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (y, a, b): (i32, u32, u32) = (y.parse().ok()?, a.parse().ok()?, b.parse().ok()?);
    if a <= 12 || !YEARS.contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, b, a)
}

/// Put `article.published` in one form; an unreadable date is removed, and what to report is
/// returned.
pub fn settle_published(article: &mut newsbrief_core::Article) -> Option<String> {
    let raw = article.published.take()?;
    match normalize_published(&raw) {
        Ok(d) => {
            article.published = Some(d);
            None
        }
        Err(e) => Some(e),
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `20260309`, Unix seconds (9 or 10 digits) or milliseconds (13 digits).
fn digits(t: &str) -> Option<NaiveDate> {
    match t.len() {
        8 => NaiveDate::parse_from_str(t, "%Y%m%d").ok(),
        9 | 10 => DateTime::from_timestamp(t.parse().ok()?, 0).map(|d| d.date_naive()),
        13 => DateTime::from_timestamp_millis(t.parse().ok()?).map(|d| d.date_naive()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_news_pages_and_feeds_use() {
        let ok = [
            ("2026-03-09", "2026-03-09"),
            ("2026-3-9", "2026-03-09"),
            ("2026/03/09", "2026-03-09"),
            ("2026.03.09", "2026-03-09"),
            ("20260309", "2026-03-09"),
            (" 2026-03-01T08:00:00Z ", "2026-03-01T08:00:00Z"),
            ("2026-03-01T08:00:00+05:30", "2026-03-01T08:00:00+05:30"),
            ("2026-03-01T08:00:00.250-0500", "2026-03-01T08:00:00-05:00"),
            ("2026-03-01 08:00", "2026-03-01T08:00:00"),
            (
                "Sun, 01 Mar 2026 08:00:00 +0100",
                "2026-03-01T08:00:00+01:00",
            ),
            ("Sun, 01 Mar 2026 08:00:00 GMT", "2026-03-01T08:00:00Z"),
            // Unix time: 2026-03-09 12:00 UTC, in seconds and milliseconds.
            ("1773057600", "2026-03-09"),
            ("1773057600000", "2026-03-09"),
            ("March 9, 2026", "2026-03-09"),
            ("Monday, March 9, 2026", "2026-03-09"),
            ("9 March 2026", "2026-03-09"),
            ("Mar 9, 2026", "2026-03-09"),
            // Day and month told apart only when one cannot be a month.
            ("25/3/2026", "2026-03-25"),
            ("3/25/2026", "2026-03-25"),
        ];
        for (raw, want) in ok {
            assert_eq!(normalize_published(raw).as_deref(), Ok(want), "{raw}");
        }
    }

    #[test]
    fn impossible_and_vague_dates_are_errors() {
        for raw in [
            "2006-02-30",
            "0000-00-00",
            "yesterday",
            "",
            "03/09/2026",
            "9/3/2026",
            "2026-02-29T10:00:00Z",
            "12345",
            "0400-01-01",
        ] {
            let e = normalize_published(raw).unwrap_err();
            assert!(e.contains("is not a calendar date"), "{raw}: {e}");
            assert!(!e.contains("swapped"), "{raw}: {e}");
        }
    }

    #[test]
    fn a_day_and_month_written_the_wrong_way_round_are_named_but_not_used() {
        for (raw, meant) in [
            ("1998-14-06", "1998-06-14"),
            ("2026-13-01", "2026-01-13"),
            ("2026-31-3", "2026-03-31"),
            ("2026/25/12T10:00:00", "2026-12-25"),
        ] {
            let e = normalize_published(raw).unwrap_err();
            assert!(e.contains(&format!("swapped? {meant})")), "{raw}: {e}");
            assert!(e.ends_with("left out"), "{e}");
        }
        // Not a swap: the other order is no date either.
        let e = normalize_published("2026-31-31").unwrap_err();
        assert!(!e.contains("swapped"), "{e}");
    }
}
