//! Time expressions: find them in a sentence and resolve them against the publication date.
//!
//! Resolution follows news usage, with the tense of the expression's clause (`tense.rs`): a
//! bare weekday ("on Saturday") is the latest such day on or before publication, unless the
//! clause speaks of the future ("will resume on Thursday"), then the first on or after it; a
//! bare month likewise ("in March", "mid-November", "the October shooting"), except that
//! without a tense word the next two months come before that month almost a year back. A month and day without a year take the year that puts the date nearest
//! to publication, on the weekday named with it if one is ("Monday, Oct. 26"), and not more than
//! a month after publication in a clause of the past or before it in one of the future. What
//! cannot be pinned to the calendar ("two days after the vote", "the next day" with no day named
//! in its sentence or the one before) is kept as
//! [`Resolved::Relative`]; without a publication date only complete dates ("March 9, 2026")
//! resolve. Nothing is guessed beyond that.
//!
//! Files: `words.rs` and `filter.rs` (words, cheap checks), `rules.rs` (dates, weekdays, months,
//! years, "last week", "three days ago"), `periods.rs` (quarters, seasons), `holidays.rs`
//! (named days), `tense.rs` (a clause's tense; side clauses, which date no event), `anchor.rs`
//! ("a year earlier" against the period before it, "the day before" a day, "the next day" and
//! "later that year" against the time before, "the latest quarter" against the quarter named
//! before), `calendar.rs`.

mod anchor;
mod calendar;
mod filter;
mod holidays;
mod periods;
mod rules;
mod tense;
mod words;

pub use calendar::Date;
pub(crate) use words::is_calendar_word;

use super::Word;
use filter::{may_have_time, may_start};
use rules::match_at;
use words::words;

/// What a time expression refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resolved {
    Day(Date),
    /// The week starting on this Monday.
    Week(Date),
    Month(i32, u32),
    /// A year's quarter, 1 to 4.
    Quarter(i32, u32),
    /// A season of a year: 0 spring, 1 summer, 2 fall, 3 winter (from that year's December).
    Season(i32, u32),
    Year(i32),
    /// Not on the calendar: relative to another event, or no publication date to anchor it.
    Relative,
}

impl Resolved {
    /// The first day of the period, for sorting.
    pub fn start(self) -> Option<Date> {
        match self {
            Resolved::Day(d) | Resolved::Week(d) => Some(d),
            Resolved::Month(y, m) => Date::new(y, m, 1),
            Resolved::Quarter(y, q) => Date::new(y, 3 * q - 2, 1),
            Resolved::Season(y, s) => Date::new(y, periods::season_month(s), 1),
            Resolved::Year(y) => Date::new(y, 1, 1),
            Resolved::Relative => None,
        }
    }
    /// "day", "week", "month", "quarter", "season", "year" or "relative".
    pub fn precision(self) -> &'static str {
        match self {
            Resolved::Day(_) => "day",
            Resolved::Week(_) => "week",
            Resolved::Month(..) => "month",
            Resolved::Quarter(..) => "quarter",
            Resolved::Season(..) => "season",
            Resolved::Year(_) => "year",
            Resolved::Relative => "relative",
        }
    }
    /// The period in ISO-like form: `2026-03-09`, `week of 2026-03-02`, `2026-03`, `2026-Q3`,
    /// `summer 2026` (`winter 2026-27`), `2026`; `None` when relative.
    pub fn period(self) -> Option<String> {
        match self {
            Resolved::Day(d) => Some(d.to_string()),
            Resolved::Week(d) => Some(format!("week of {d}")),
            Resolved::Month(y, m) => Some(format!("{y:04}-{m:02}")),
            Resolved::Quarter(y, q) => Some(format!("{y:04}-Q{q}")),
            Resolved::Season(y, 3) => Some(format!("winter {y:04}-{:02}", (y + 1).rem_euclid(100))),
            Resolved::Season(y, s) => {
                let name = ["spring", "summer", "fall"].get(s as usize).unwrap_or(&"");
                Some(format!("{name} {y:04}"))
            }
            Resolved::Year(y) => Some(format!("{y:04}")),
            Resolved::Relative => None,
        }
    }
}

/// A time expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Byte range of the expression in the text given to [`find_times`].
    pub start: usize,
    pub end: usize,
    pub resolved: Resolved,
    /// In a side clause (a relative clause, a participle phrase, an embedded question), which
    /// does not date its sentence's event.
    pub side: bool,
}

/// Find the time expressions of `text` and resolve them against `published`.
pub fn find_times(text: &str, published: Option<Date>) -> Vec<TimeExpr> {
    if !may_have_time(text) {
        return Vec::new();
    }
    find_times_unfiltered(text, published)
}

/// The rules of [`find_times`], without its filter, then "the day before" joined to the day
/// after it and a year back read against the period before it (`anchor.rs`).
fn find_times_unfiltered(text: &str, published: Option<Date>) -> Vec<TimeExpr> {
    let mut found = rules_from(text, published, may_start);
    anchor::join_day_shifts(text, &mut found);
    anchor::anchor_quarter_refs(text, &mut found, published);
    anchor::anchor_years_back(text, &mut found, published);
    anchor::anchor_relative(text, &mut found);
    found
}

/// [`find_times_unfiltered`], trying the rules at the words with a digit and those `start`
/// accepts.
fn rules_from(
    text: &str,
    published: Option<Date>,
    start: impl Fn(&Word<'_>) -> bool,
) -> Vec<TimeExpr> {
    let mut buf = String::new();
    let mut digits = Vec::new();
    let ws = words(text, &mut buf, &mut digits);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !(digits[i] || start(&ws[i])) {
            i += 1;
            continue;
        }
        if let Some((end_word, resolved, start_word)) = match_at(text, &ws, i, published) {
            out.push(TimeExpr {
                start: ws[start_word].start,
                end: ws[end_word].end,
                resolved,
                side: tense::side_clause(text, &ws, start_word, end_word),
            });
            i = end_word + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// `YYYY-MM-DD` at the start of `text` (a timestamp's date part).
pub fn parse_iso(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if b.len() > 10 && b[10].is_ascii_digit() {
        return None;
    }
    let y = text.get(0..4)?.parse().ok()?;
    let m = text.get(5..7)?.parse().ok()?;
    let d = text.get(8..10)?.parse().ok()?;
    Date::new(y, m, d)
}

/// A publication date from metadata or a date line: ISO (`2026-03-09`, `2026-03-09T10:00Z`),
/// written ("March 9, 2026", "Mon, 9 Mar 2026 10:00 GMT"). Only complete dates count.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if let Some(d) = parse_iso(t) {
        return Some(d);
    }
    find_times(t, None)
        .into_iter()
        .find_map(|e| match e.resolved {
            Resolved::Day(d) => Some(d),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn d(s: &str) -> Date {
        parse_iso(s).unwrap()
    }

    /// (publication date, text, expected expression, expected resolution as printed:
    /// `2026-03-09`, `week of ...`, `2026-03`, `2026`, or `relative`).
    const CASES: &[(&str, &str, &str, &str)] = &[
        (
            "2026-03-11",
            "The vote is on April 4.",
            "April 4",
            "2026-04-04",
        ),
        (
            "2026-06-02",
            "The plant opened on April 4, 2013.",
            "April 4, 2013",
            "2013-04-04",
        ),
        (
            "2026-06-02",
            "It happened on 4 April 2019.",
            "4 April 2019",
            "2019-04-04",
        ),
        (
            "2026-06-02",
            "The vote is on the 4th of July.",
            "4th of July",
            "2026-07-04",
        ),
        (
            "2026-01-05",
            "Floods hit the city on December 28.",
            "December 28",
            "2025-12-28",
        ),
        (
            "2025-12-30",
            "Talks resume on January 3.",
            "January 3",
            "2026-01-03",
        ),
        (
            "2026-03-11",
            "Police said on Monday, March 9, that two men were held.",
            "Monday, March 9",
            "2026-03-09",
        ),
        (
            "2026-10-07",
            "Posted Sun, Oct. 4, 2026 by staff.",
            "Sun, Oct. 4, 2026",
            "2026-10-04",
        ),
        (
            "2026-03-11",
            "Rescuers reached the town on Saturday.",
            "Saturday",
            "2026-03-07",
        ),
        (
            "2026-03-11",
            "The storm hit on Wednesday.",
            "Wednesday",
            "2026-03-11",
        ),
        (
            "2026-03-11",
            "Talks will resume on Thursday.",
            "Thursday",
            "2026-03-12",
        ),
        (
            "2026-03-11",
            "The strike is expected to end on Monday.",
            "Monday",
            "2026-03-16",
        ),
        (
            "2026-03-11",
            "The ministry said on Tuesday that talks would resume.",
            "Tuesday",
            "2026-03-10",
        ),
        (
            "2026-03-11",
            "Shots were heard Tuesday night near the port.",
            "Tuesday night",
            "2026-03-10",
        ),
        (
            "2026-03-11",
            "Last Friday the council met.",
            "Last Friday",
            "2026-03-06",
        ),
        (
            "2026-03-13",
            "The council met last Friday.",
            "last Friday",
            "2026-03-06",
        ),
        (
            "2026-03-11",
            "The trial opens next Monday.",
            "next Monday",
            "2026-03-16",
        ),
        (
            "2026-03-11",
            "Water levels fell yesterday.",
            "yesterday",
            "2026-03-10",
        ),
        (
            "2026-03-11",
            "The minister will visit tomorrow.",
            "tomorrow",
            "2026-03-12",
        ),
        (
            "2026-03-11",
            "Officials met today to discuss aid.",
            "today",
            "2026-03-11",
        ),
        (
            "2026-03-11",
            "The fire started last night.",
            "last night",
            "2026-03-10",
        ),
        (
            "2026-03-11",
            "A second tremor struck this morning.",
            "this morning",
            "2026-03-11",
        ),
        (
            "2026-03-11",
            "The talks collapsed last week.",
            "last week",
            "week of 2026-03-02",
        ),
        // "the last week" is the seven days up to publication (a Friday here; a Monday below).
        (
            "2026-03-13",
            "He has been in the capital for the last week.",
            "the last week",
            "week of 2026-03-09",
        ),
        (
            "2026-03-09",
            "Prices fell over the past week.",
            "the past week",
            "week of 2026-03-02",
        ),
        (
            "2026-03-11",
            "Inspections begin next week.",
            "next week",
            "week of 2026-03-16",
        ),
        (
            "2026-03-11",
            "Prices rose earlier this month.",
            "earlier this month",
            "2026-03",
        ),
        (
            "2026-03-11",
            "The law passed last month.",
            "last month",
            "2026-02",
        ),
        (
            "2026-01-15",
            "The law passed last month.",
            "last month",
            "2025-12",
        ),
        (
            "2026-03-11",
            "Elections are due next year.",
            "next year",
            "2027",
        ),
        (
            "2026-03-11",
            "Exports fell by a third last year.",
            "last year",
            "2025",
        ),
        (
            "2026-03-11",
            "The company was founded in 2013.",
            "2013",
            "2013",
        ),
        (
            "2026-03-11",
            "He has led the union since 2019.",
            "2019",
            "2019",
        ),
        (
            "2026-03-11",
            "The dam was inspected in March 2024.",
            "March 2024",
            "2024-03",
        ),
        (
            "2026-03-11",
            "The dam was last inspected in January.",
            "January",
            "2026-01",
        ),
        (
            "2026-03-11",
            "The dam was last inspected in November.",
            "November",
            "2025-11",
        ),
        (
            "2026-03-11",
            "Repairs will be finished in June.",
            "June",
            "2026-06",
        ),
        (
            "2026-03-11",
            "The leak was found three days ago.",
            "three days ago",
            "2026-03-08",
        ),
        (
            "2026-03-11",
            "The mayor resigned two weeks ago.",
            "two weeks ago",
            "week of 2026-02-23",
        ),
        (
            "2026-03-11",
            "A hearing is set for the week of March 16.",
            "the week of March 16",
            "week of 2026-03-16",
        ),
        (
            "2026-03-11",
            "The party split in June last year.",
            "June last year",
            "2025-06",
        ),
        (
            "2026-03-11",
            "The plant closed two years ago.",
            "two years ago",
            "2024",
        ),
        (
            "2026-03-11",
            "Two days later the river crested.",
            "Two days later",
            "relative",
        ),
        (
            "2026-03-11",
            "The next day, crews returned.",
            "The next day",
            "relative",
        ),
        (
            "2026-03-11",
            "The filing is dated 2026-02-27.",
            "2026-02-27",
            "2026-02-27",
        ),
        (
            "2026-03-11",
            "A vote is set for Sept. 14.",
            "Sept. 14",
            "2026-09-14",
        ),
        (
            "2026-03-11",
            "Sales fell in Feb 2025.",
            "Feb 2025",
            "2025-02",
        ),
        (
            "2024-03-04",
            "Records go back to Feb. 29.",
            "Feb. 29",
            "2024-02-29",
        ),
        // Four digits alone are a year unless a quantity word, sign or unit makes them count.
        (
            "2026-03-11",
            "The 2019 floods cost millions.",
            "2019",
            "2019",
        ),
        (
            "2026-03-11",
            "Attacks rose between 2014 and 2017.",
            "2017",
            "2017",
        ),
        (
            "2026-03-11",
            "Records dating to 1994 were lost.",
            "1994",
            "1994",
        ),
        (
            "2026-03-11",
            "Its post-1990 growth slowed.",
            "post-1990",
            "1990",
        ),
        (
            "2026-03-11",
            "Prices peaked in mid-2008.",
            "mid-2008",
            "2008",
        ),
        // Tense and a named weekday choose the year of a month and day without one.
        (
            "2026-05-06",
            "The suspect was last seen Oct. 23 near the border.",
            "Oct. 23",
            "2025-10-23",
        ),
        (
            "2026-05-06",
            "The treaty will be signed on Oct. 23 in Rome.",
            "Oct. 23",
            "2026-10-23",
        ),
        (
            "2026-05-06",
            "Envoys gather on Oct. 23 in Rome.",
            "Oct. 23",
            "2026-10-23",
        ),
        (
            "2026-10-25",
            "The paper said in an editorial on Monday, Oct. 26, that the plan failed.",
            "Monday, Oct. 26",
            "2026-10-26",
        ),
        (
            "2026-10-30",
            "The board said it is calling the bonds on Dec. 7.",
            "Dec. 7",
            "2026-12-07",
        ),
        (
            "2026-03-11",
            "The two leaders are expected to sign the pact in October.",
            "October",
            "2026-10",
        ),
        (
            "2026-03-11",
            "Protesters planned a march through the city on Saturday.",
            "Saturday",
            "2026-03-14",
        ),
        (
            "2026-03-11",
            "On Thursday, the union plans to strike.",
            "Thursday",
            "2026-03-12",
        ),
        (
            "2026-03-11",
            "It will rain. On Friday the river rose.",
            "Friday",
            "2026-03-06",
        ),
        (
            "2026-03-29",
            "He will not cooperate when the case is heard in May.",
            "May",
            "2026-05",
        ),
        (
            "2026-10-29",
            "The firm is weaker than in May.",
            "May",
            "2026-05",
        ),
        (
            "2026-06-26",
            "The party hopes to win seats this September.",
            "this September",
            "2026-09",
        ),
        (
            "2026-10-27",
            "Funds have flowed out since early September; 14 more left Friday.",
            "early September",
            "2026-09",
        ),
        (
            "2026-03-11",
            "The president may visit in May.",
            "May",
            "2026-05",
        ),
        // A part of a month, and a month before the noun it dates.
        (
            "2026-10-28",
            "Envoys meet again in late-November talks.",
            "late-November",
            "2026-11",
        ),
        (
            "2026-10-28",
            "Shares rose after the October shooting of a guard.",
            "October",
            "2026-10",
        ),
        (
            "2026-02-10",
            "A June agreement with the union holds.",
            "June",
            "2025-06",
        ),
        (
            "2026-02-10",
            "Analysts cut December's figures.",
            "December",
            "2025-12",
        ),
        (
            "2026-10-28",
            "The lenders extended loans through December.",
            "December",
            "2026-12",
        ),
        (
            "2026-10-28",
            "The board gave the bidder until November to improve its offer.",
            "November",
            "2026-11",
        ),
        (
            "2026-10-28",
            "Until March, police had not named him.",
            "March",
            "2026-03",
        ),
        // No tense word: the next two months are nearer than the same month a year back.
        (
            "2026-02-10",
            "Talks on the accession open in early March.",
            "early March",
            "2026-03",
        ),
    ];

    /// Strings without a time expression: none may be found.
    const NONE: &[&str] = &[
        "Protesters march through the capital.",
        "The report may be released.",
        "The company employs 2013 people in 12 offices.",
        "Some 1800 troops and 1500 refugees crossed.",
        "The fee rose to 1999 and the ticket costs $1950.",
        "The shift ends at 1430 GMT.",
        "The index closed at 2082.1, down 4.5%.",
        "He said it was the best of times.",
        "The March for jobs drew crowds.",
        "Sun reported a loss, and Sun, a maker of servers, fell.",
        "Shares of Sun Microsystems rose.",
        "On Sunday evenings they set goals.",
        "May's husband spoke first.",
        "A mid-size car hit the post.",
    ];

    #[test]
    fn time_expression_table() {
        let mut right = 0;
        let mut wrong = Vec::new();
        for &(published, text, expr, want) in CASES {
            let found = find_times(text, Some(d(published)));
            let got = found
                .iter()
                .find(|e| &text[e.start..e.end] == expr)
                .map(|e| e.resolved.period().unwrap_or_else(|| "relative".into()));
            if got.as_deref() == Some(want) {
                right += 1;
            } else {
                let all: Vec<String> = found
                    .iter()
                    .map(|e| format!("{:?}={:?}", &text[e.start..e.end], e.resolved))
                    .collect();
                wrong.push(format!("{text:?}: want {expr:?}={want}, found {all:?}"));
            }
        }
        let share = right as f64 / CASES.len() as f64;
        println!(
            "time expressions: {right}/{} resolved right ({:.1}%)",
            CASES.len(),
            100.0 * share
        );
        assert!(CASES.len() >= 40);
        assert!(wrong.is_empty(), "wrong: {wrong:#?}");
        for text in NONE {
            let found = find_times(text, Some(d("2026-03-11")));
            assert!(found.is_empty(), "{text:?}: {found:?}");
        }
    }

    proptest::proptest! {
        /// Any mix of time words, numbers, marks and other characters: no panic, and every
        /// span cuts the text on character boundaries, in order.
        #[test]
        fn any_text_gives_spans_on_char_boundaries(
            text in "((the|a|year-ago|year-earlier|third-quarter|quarter|last|this|next|fall|\
                     Thanksgiving|Day|New|Year|'s|Monday|Oct\\.|May|1998|2082\\.1|9|of|ago|\
                     earlier|day|before|is|will|said|,|;|\\.|—|É|中|“)[ ]?){0,30}"
        ) {
            for e in find_times(&text, Some(d("2026-03-11"))) {
                proptest::prop_assert!(e.start < e.end && text.get(e.start..e.end).is_some());
            }
        }
    }

    #[test]
    fn without_a_publication_date_only_complete_dates_resolve() {
        let text = "The dam broke on Saturday, April 4, 2026, after rain on Friday.";
        let found = find_times(text, None);
        let got: Vec<(&str, Resolved)> = found
            .iter()
            .map(|e| (&text[e.start..e.end], e.resolved))
            .collect();
        assert_eq!(
            got,
            [
                ("Saturday, April 4, 2026", Resolved::Day(d("2026-04-04"))),
                ("Friday", Resolved::Relative)
            ]
        );
    }

    #[test]
    fn publication_dates_parse_from_metadata_and_date_lines() {
        assert_eq!(parse_date("2026-06-02T08:15:00Z"), Some(d("2026-06-02")));
        assert_eq!(
            parse_date("Published: Monday, March 9, 2026"),
            Some(d("2026-03-09"))
        );
        assert_eq!(
            parse_date("Tue, 2 Jun 2026 10:00:00 GMT"),
            Some(d("2026-06-02"))
        );
        assert_eq!(parse_date("last Tuesday"), None);
        assert_eq!(parse_date("2026-13-01"), None);
    }
}
