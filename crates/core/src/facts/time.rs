//! Time expressions: find them in a sentence and resolve them against the publication date.
//!
//! Resolution follows news usage: a bare weekday ("on Saturday") is the latest such day on or
//! before publication, unless the clause speaks of the future ("will resume on Thursday"), then
//! the first on or after it. A month and day without a year take the year that puts the date
//! nearest to publication. What cannot be pinned to the calendar ("two days after the vote",
//! "the next day") is kept as [`Resolved::Relative`]; without a publication date only complete
//! dates ("March 9, 2026") resolve. Nothing is guessed beyond that.

use super::Word;
use crate::text::{WordSet, DAY_WORDS, MONTH_NAMES, MONTH_WORDS, WEEKDAY_NAMES};
use std::fmt;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Civil-to-days conversion with March-based years, so the leap day ends a year.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.days() + 3).rem_euclid(7)) as u32
    }

    /// The first day of the `delta`-th month from this date's month.
    fn month_offset(self, delta: i32) -> (i32, u32) {
        let index = self.year * 12 + self.month as i32 - 1 + delta;
        (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// What a time expression refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resolved {
    Day(Date),
    /// The week starting on this Monday.
    Week(Date),
    Month(i32, u32),
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
            Resolved::Year(y) => Date::new(y, 1, 1),
            Resolved::Relative => None,
        }
    }
    /// "day", "week", "month", "year" or "relative".
    pub fn precision(self) -> &'static str {
        match self {
            Resolved::Day(_) => "day",
            Resolved::Week(_) => "week",
            Resolved::Month(..) => "month",
            Resolved::Year(_) => "year",
            Resolved::Relative => "relative",
        }
    }
    /// The period in ISO-like form: `2026-03-09`, `2026-W10`, `2026-03`, `2026`; `None` when
    /// relative.
    pub fn period(self) -> Option<String> {
        match self {
            Resolved::Day(d) => Some(d.to_string()),
            Resolved::Week(d) => Some(format!("week of {d}")),
            Resolved::Month(y, m) => Some(format!("{y:04}-{m:02}")),
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
}

/// Whether a word is a full month or weekday name, in any case.
pub fn is_calendar_word(word: &str) -> bool {
    MONTH_NAMES
        .iter()
        .chain(WEEKDAY_NAMES.iter())
        .any(|m| m.eq_ignore_ascii_case(word))
}

fn month_of(word: &str, original: &str) -> Option<u32> {
    if let Some(i) = MONTH_NAMES.iter().position(|m| *m == word) {
        return Some(i as u32 + 1);
    }
    // Abbreviations, capitalized only ("Jan.", "Sept"), never "mar" or "may" as verbs.
    let abbr = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    let capital = original.chars().next().is_some_and(char::is_uppercase);
    abbr.iter()
        .find(|(a, _)| *a == word && capital)
        .map(|&(_, m)| m)
}

fn weekday_of(word: &str) -> Option<u32> {
    WEEKDAY_NAMES
        .iter()
        .position(|d| *d == word)
        .map(|i| i as u32)
        .or_else(|| {
            [
                "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
            ]
            .iter()
            .position(|d| *d == word)
            .map(|i| [0, 1, 1, 2, 3, 3, 4, 5, 6][i])
        })
}

fn number_word(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse::<i64>() {
        return Some(n);
    }
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match word {
        "a" | "an" => Some(1),
        "a couple of" => Some(2),
        _ => WORDS.iter().position(|w| *w == word).map(|i| i as i64),
    }
}

/// A day of month: "4", "4th", "21st".
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<i32> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = word.parse().ok()?;
        return (1800..=2200).contains(&y).then_some(y);
    }
    None
}

/// Words as the time rules see them: letters and digits, hyphens inside ("mid-March").
/// Their folded forms borrow `buf` ([`super::words_at`]). `digits[k]` tells whether word `k`
/// holds an ASCII digit.
fn words<'a>(text: &'a str, buf: &'a mut String, digits: &mut Vec<bool>) -> Vec<Word<'a>> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // A character at byte `i` that is not ASCII: its length, and whether it is a letter or
    // digit.
    let other = |i: usize| {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c.len_utf8(), c.is_alphanumeric())
    };
    // About one word per five bytes of news text: room enough that most sentences never regrow.
    let mut spans = Vec::with_capacity(n / 4 + 1);
    digits.clear();
    digits.reserve(n / 4 + 1);
    let mut i = 0;
    loop {
        // To the first byte of a word (a hyphen never starts one).
        while i < n && !bytes[i].is_ascii_alphanumeric() {
            if bytes[i].is_ascii() {
                i += 1;
                continue;
            }
            let (len, part) = other(i);
            if part {
                break;
            }
            i += len;
        }
        if i >= n {
            return super::words_at(text, spans.iter().copied(), spans.len(), buf);
        }
        let start = i;
        let mut digit = false;
        while i < n {
            // Letters, the most common bytes, in a tight loop first.
            while i < n && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            if b.is_ascii_digit() {
                digit = true;
                i += 1;
            } else if b == b'-' {
                i += 1;
            } else if b.is_ascii() {
                break;
            } else {
                let (len, part) = other(i);
                if !part {
                    break;
                }
                i += len;
            }
        }
        // Trailing hyphens trimmed a byte at a time (no byte of a longer character is `-`).
        let mut end = i;
        while end > start && bytes[end - 1] == b'-' {
            end -= 1;
        }
        spans.push((start, end));
        digits.push(digit);
    }
}

/// Whether the words before position `i` (back to a comma-free clause start) speak of the future.
fn future_before(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    let from = i.saturating_sub(7);
    for j in (from..i).rev() {
        // Stop at a clause boundary between j and j+1.
        let gap = &text[ws[j].end..ws[j + 1].start];
        if gap.contains([',', ';', ':', '"', '“', '”']) {
            return false;
        }
        match ws[j].lower {
            "will" | "would" | "ll" | "shall" | "scheduled" | "expected" | "due" | "set"
            | "plans" | "planned" | "until" | "till" | "before" | "begin" | "next" | "may"
            | "might" | "upcoming" => return true,
            "is" | "are" if ws.get(j + 1).is_some_and(|w| w.lower == "to") => return true,
            "said" | "says" | "told" | "announced" | "was" | "were" | "had" => return false,
            _ => {}
        }
    }
    false
}

/// The year for a month and day without one: the first on or after `anchor` when the clause
/// speaks of the future, else the one nearest to `anchor` (ties: the anchor's year).
fn year_for(anchor: Date, month: u32, day: u32, future: bool) -> Option<Date> {
    let mut best: Option<(i64, Date)> = None;
    for y in [anchor.year, anchor.year - 1, anchor.year + 1] {
        if let Some(d) = Date::new(y, month, day) {
            if future && d < anchor {
                continue;
            }
            let dist = (d.days() - anchor.days()).abs();
            if best.is_none_or(|(b, _)| dist < b) {
                best = Some((dist, d));
            }
        }
    }
    best.map(|(_, d)| d)
}

/// Find the time expressions of `text` and resolve them against `published`.
pub fn find_times(text: &str, published: Option<Date>) -> Vec<TimeExpr> {
    if !may_have_time(text) {
        return Vec::new();
    }
    find_times_unfiltered(text, published)
}

/// The rules of [`find_times`], without its filter.
fn find_times_unfiltered(text: &str, published: Option<Date>) -> Vec<TimeExpr> {
    rules_from(text, published, may_start)
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
            });
            i = end_word + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Words without which no rule of [`match_at`] matches, besides numbers and month and weekday
/// names ([`MONTH_WORDS`], [`DAY_WORDS`]): days named from today, and the units of "last week",
/// "two days ago", "the next morning".
static ANCHORS: WordSet = WordSet::new(&[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "week",
    "month",
    "year",
    "hour",
]);

/// Month and weekday names, full and abbreviated, looked up at once by [`may_have_time`]. The
/// rules take them only capitalized ("may" and "sat" are verbs).
static CALENDAR_WORDS: WordSet = WordSet::union(&[&MONTH_WORDS, &DAY_WORDS]);

/// Whether `text` can hold a time expression at all: four digits in a row, a capitalized month
/// or weekday name, or an anchor word (plural units too). A cheap pass that lets most
/// sentences skip the rules. Every rule needs one of these in a word of its own: the rules
/// without a month, weekday or unit word are a year ("in 2013") and an ISO date, both four
/// digits at the start of a word, and every rule that reads a month or weekday name asks for
/// its capital. A word of [`words`] is a run of letters and digits like the pieces here (a
/// hyphenated word is never an anchor, month or weekday), so its digits stay together in a
/// piece and a piece that starts it starts with its first letter.
fn may_have_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            if bytes[i].is_ascii() {
                i += 1;
                continue;
            }
            // Other letters and digits: let the rules decide.
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                return true;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i < bytes.len()
            && !bytes[i].is_ascii()
            && text[i..].chars().next().is_some_and(char::is_alphanumeric)
        {
            // The run goes on in a non-ASCII letter: let the rules decide. (A curly quote or a
            // dash ends it, as it ends a word of [`words`].)
            return true;
        }
        let run = &text[start..i];
        if run
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit))
            || ANCHORS.contains_lower(run)
            || (run.as_bytes()[0].is_ascii_uppercase() && CALENDAR_WORDS.contains_lower(run))
            || (run.ends_with(['s', 'S'])
                && ANCHORS.contains_lower(run.trim_end_matches(['s', 'S'])))
        {
            return true;
        }
    }
    false
}

/// Whether [`match_at`] can match at word `w` without a digit: every rule starts with a digit, a
/// capitalized month or weekday name, or one of a few lower-case words (a capital aside: "The
/// next day", "Last week"). Most words are none of these. Word by word through the rules: a
/// word without a digit is no ISO date, day, year or numeral, so the others need it to be a
/// month name (`month_of`) or weekday name (`weekday_of`), both capitalized, or one of these
/// words.
fn may_start(w: &Word<'_>) -> bool {
    (capitalized(w) && CALENDAR_WORDS.contains_lower(w.text))
        || matches!(
            w.lower,
            "today"
                | "tonight"
                | "yesterday"
                | "tomorrow"
                | "this"
                | "last"
                | "next"
                | "earlier"
                | "later"
                | "early"
                | "late"
                | "the"
                | "a"
                | "an"
                | "zero"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
        )
}

fn capitalized(w: &Word<'_>) -> bool {
    w.text.chars().next().is_some_and(char::is_uppercase)
}

/// Try to match an expression starting at word `i`: (last word, resolution, first word).
fn match_at(
    text: &str,
    ws: &[Word<'_>],
    i: usize,
    published: Option<Date>,
) -> Option<(usize, Resolved, usize)> {
    let w = &ws[i];
    let lw = w.lower;
    let next = |k: usize| ws.get(i + k).map(|w| w.lower);
    let prev = i.checked_sub(1).map(|p| ws[p].lower);
    let future = || future_before(text, ws, i);
    let relative_or = |r: Option<Resolved>| r.unwrap_or(Resolved::Relative);

    // ISO date in running text: 2026-03-09.
    if let Some(d) = parse_iso(w.text) {
        return Some((i, Resolved::Day(d), i));
    }

    // Month name: "March 9", "March 9, 2026", "March 2026", "in March".
    if capitalized(w) {
        if let Some(month) = month_of(lw, w.text) {
            // "May" and "March" are also words: need a number after or a time word before.
            let day = next(1).and_then(day_number);
            let year_after = |k: usize| next(k).and_then(year_number);
            if let Some(day) = day {
                let (last, year) = match year_after(2) {
                    Some(y) => (i + 2, Some(y)),
                    None => (i + 1, None),
                };
                let first = weekday_before(ws, i);
                let resolved = match year {
                    Some(y) => Date::new(y, month, day).map(Resolved::Day),
                    None => published
                        .and_then(|p| year_for(p, month, day, future()))
                        .map(Resolved::Day),
                };
                return Some((last, relative_or(resolved), first));
            }
            if let Some(y) = year_after(1) {
                return Some((i + 1, Resolved::Month(y, month), i));
            }
            let timeword = matches!(
                prev,
                Some(
                    "in" | "since"
                        | "until"
                        | "by"
                        | "last"
                        | "next"
                        | "this"
                        | "early"
                        | "late"
                        | "mid"
                        | "of"
                        | "during"
                )
            );
            if timeword && (lw != "may" || prev != Some("this")) {
                let first = if matches!(
                    prev,
                    Some("last" | "next" | "this" | "early" | "late" | "mid")
                ) {
                    i - 1
                } else {
                    i
                };
                let resolved = published.map(|p| {
                    let y = match prev {
                        Some("next") => p.year + i32::from(month <= p.month),
                        Some("last") => p.year - i32::from(month >= p.month),
                        _ if future() => p.year + i32::from(month < p.month),
                        _ => p.year - i32::from(month > p.month),
                    };
                    Resolved::Month(y, month)
                });
                return Some((i, relative_or(resolved), first));
            }
        }
    }

    // Day before month: "9 March 2026", "9th of March".
    if let Some(day) = day_number(lw) {
        let (mk, of) = if next(1) == Some("of") {
            (2, true)
        } else {
            (1, false)
        };
        if let Some(mw) = ws.get(i + mk) {
            if capitalized(mw) {
                if let Some(month) = month_of(mw.lower, mw.text) {
                    let _ = of;
                    let year = next(mk + 1).and_then(year_number);
                    let last = if year.is_some() { i + mk + 1 } else { i + mk };
                    let resolved = match year {
                        Some(y) => Date::new(y, month, day).map(Resolved::Day),
                        None => published
                            .and_then(|p| year_for(p, month, day, future()))
                            .map(Resolved::Day),
                    };
                    return Some((last, relative_or(resolved), weekday_before(ws, i)));
                }
            }
        }
    }

    // Weekdays: "on Saturday", "Tuesday night", "last Friday", "next Monday".
    if capitalized(w) {
        if let Some(wd) = weekday_of(lw) {
            // "Monday, March 9" is a full date: the month rule takes it from the month.
            if ws
                .get(i + 1)
                .is_some_and(|m| capitalized(m) && month_of(m.lower, m.text).is_some())
                || next(1).and_then(day_number).is_some()
                    && ws
                        .get(i + 2)
                        .is_some_and(|m| month_of(m.lower, m.text).is_some())
            {
                return None;
            }
            let mut first = i;
            let mut last = i;
            if matches!(next(1), Some("night" | "morning" | "afternoon" | "evening")) {
                last = i + 1;
            }
            let mode = match prev {
                Some("last") => {
                    first = i - 1;
                    -2
                }
                Some("next") | Some("coming") => {
                    first = i - 1;
                    2
                }
                Some("this") => {
                    first = i - 1;
                    if future() {
                        1
                    } else {
                        -1
                    }
                }
                _ => {
                    if future() {
                        1
                    } else {
                        -1
                    }
                }
            };
            let resolved = published.map(|p| {
                let pw = p.weekday() as i64;
                let wd = wd as i64;
                let back = (pw - wd).rem_euclid(7);
                let fwd = (wd - pw).rem_euclid(7);
                let d = match mode {
                    -2 => p.add_days(-(if back == 0 { 7 } else { back })),
                    -1 => p.add_days(-back),
                    1 => p.add_days(fwd),
                    _ => p.add_days(if fwd == 0 { 7 } else { fwd }),
                };
                Resolved::Day(d)
            });
            return Some((last, relative_or(resolved), first));
        }
    }

    // Deictic days.
    let day_shift = match lw {
        "today" | "tonight" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(shift) = day_shift {
        let mut last = i;
        if matches!(next(1), Some("night" | "morning" | "afternoon" | "evening")) {
            last = i + 1;
        }
        let resolved = published.map(|p| Resolved::Day(p.add_days(shift)));
        return Some((last, relative_or(resolved), i));
    }

    // "this morning", "last night", "last week", "earlier this month", "next year".
    if matches!(
        lw,
        "this" | "last" | "next" | "earlier" | "later" | "early" | "late"
    ) {
        let (k, lead) =
            if matches!(lw, "earlier" | "later" | "early" | "late") && next(1) == Some("this") {
                (2, 1)
            } else {
                (1, 0)
            };
        let which = if lead == 1 { "this" } else { lw };
        if matches!(lw, "earlier" | "later" | "early" | "late") && lead == 0 {
            return None;
        }
        if let Some(unit) = next(k) {
            let resolved = published.and_then(|p| match (which, unit) {
                ("this", "morning" | "afternoon" | "evening") => Some(Resolved::Day(p)),
                ("last", "night" | "evening") => Some(Resolved::Day(p.add_days(-1))),
                ("this" | "last" | "next", "week") => {
                    let monday = p.add_days(-(p.weekday() as i64));
                    let shift = match which {
                        "last" => -7,
                        "next" => 7,
                        _ => 0,
                    };
                    Some(Resolved::Week(monday.add_days(shift)))
                }
                ("this" | "last" | "next", "month") => {
                    let delta = match which {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    };
                    let (y, m) = p.month_offset(delta);
                    Some(Resolved::Month(y, m))
                }
                ("this" | "last" | "next", "year") => Some(Resolved::Year(
                    p.year
                        + match which {
                            "last" => -1,
                            "next" => 1,
                            _ => 0,
                        },
                )),
                _ => None,
            });
            let known = matches!(
                (which, unit),
                ("this", "morning" | "afternoon" | "evening")
                    | ("last", "night" | "evening")
                    | ("this" | "last" | "next", "week" | "month" | "year")
            );
            if known {
                return Some((i + k, relative_or(resolved), i));
            }
        }
    }

    // "in 2013", "since 2013", "early 2013".
    if let Some(y) = year_number(lw) {
        if matches!(
            prev,
            Some(
                "in" | "since"
                    | "by"
                    | "until"
                    | "from"
                    | "during"
                    | "of"
                    | "early"
                    | "late"
                    | "mid"
                    | "before"
                    | "after"
            )
        ) {
            return Some((i, Resolved::Year(y), i));
        }
    }

    // "three days ago", "a week ago", "two years ago", and "two days later" (relative).
    if let Some(n) = number_word(lw) {
        if let (Some(unit), Some(dir)) = (next(1), next(2)) {
            let unit = unit.trim_end_matches('s');
            if matches!(unit, "day" | "week" | "month" | "year" | "hour") {
                match dir {
                    "ago" => {
                        let resolved = published.and_then(|p| match unit {
                            "day" => Some(Resolved::Day(p.add_days(-n))),
                            "week" => Some(Resolved::Day(p.add_days(-7 * n))),
                            "month" => {
                                let (y, m) = p.month_offset(-(n as i32));
                                Some(Resolved::Month(y, m))
                            }
                            "year" => Some(Resolved::Year(p.year - n as i32)),
                            _ => None,
                        });
                        let resolved = if unit == "hour" {
                            published.map(Resolved::Day)
                        } else {
                            resolved
                        };
                        return Some((i + 2, relative_or(resolved), i));
                    }
                    "later" | "earlier" | "after" | "before" => {
                        return Some((i + 2, Resolved::Relative, i));
                    }
                    _ => {}
                }
            }
        }
    }
    // "the next day", "the following week", "the day before".
    if lw == "the" {
        if let (Some(a), Some(b)) = (next(1), next(2)) {
            let rel = matches!(a, "next" | "following" | "previous" | "same")
                && matches!(b, "day" | "week" | "month" | "year" | "morning" | "night");
            let rel2 = matches!(a, "day" | "week" | "night") && matches!(b, "before" | "after");
            if rel || rel2 {
                return Some((i + 2, Resolved::Relative, i));
            }
        }
    }
    None
}

/// Include a weekday right before a date ("Monday, March 9"): the index of the first word.
fn weekday_before(ws: &[Word<'_>], i: usize) -> usize {
    if i > 0 && weekday_of(ws[i - 1].lower).is_some() && capitalized(&ws[i - 1]) {
        i - 1
    } else {
        i
    }
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

    /// The filter before it knew month and weekday names: every capitalized word.
    fn loose_start(w: &Word<'_>) -> bool {
        capitalized(w) || may_start(w)
    }

    #[test]
    fn rules_start_only_where_may_start_says() {
        // Sentences of capitalized words of every kind next to the words the rules read.
        let pieces = [
            "The",
            "the",
            "Last",
            "last",
            "Next",
            "This",
            "May",
            "may",
            "March",
            "Mar",
            "mar",
            "Sept",
            "Monday",
            "Mon",
            "Sat",
            "sat",
            "Today",
            "Tonight",
            "Yesterday",
            "Two",
            "A",
            "An",
            "Early",
            "Later",
            "week",
            "weeks",
            "day",
            "days",
            "month",
            "year",
            "ago",
            "later",
            "after",
            "before",
            "night",
            "morning",
            "following",
            "same",
            "of",
            "in",
            "since",
            "mid",
            "9",
            "9th",
            "21st",
            "2013",
            "2026-03-09",
            "Police",
            "President",
            "Mid-March",
            "Señor",
            "Éric",
            "U.S",
            "Tuesday's",
            "on",
            ",",
            ".",
        ];
        let date = Date::new(2026, 3, 11);
        let mut next = crate::facts::numbers_below(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let words: Vec<&str> = (0..12)
                .map(|_| pieces[next(pieces.len() as u64) as usize])
                .collect();
            let text = words.join(" ");
            for published in [None, date] {
                assert_eq!(
                    rules_from(&text, published, may_start),
                    rules_from(&text, published, loose_start),
                    "{text}"
                );
            }
        }
    }

    /// The time rules' words by characters: runs of letters and digits with hyphens inside
    /// (not first, trailing ones trimmed), and whether each holds an ASCII digit.
    fn reference_words(text: &str) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if !(c.is_alphanumeric() || c == '-') {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            let word = text[start..end].trim_end_matches('-');
            let digit = word.bytes().any(|b| b.is_ascii_digit());
            out.push((start, start + word.len(), digit));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_equal_the_character_walk_on_any_text(
            text in "([a-zA-Z0-9 .,'-]|[É中٣—“’]|\\PC){0,40}"
        ) {
            let mut digits = Vec::new();
            let mut buf = String::new();
            let got: Vec<(usize, usize, bool)> = words(&text, &mut buf, &mut digits)
                .iter()
                .zip(&digits)
                .map(|(w, &d)| (w.start, w.end, d))
                .collect();
            proptest::prop_assert_eq!(got, reference_words(&text));
        }
    }

    #[test]
    fn words_are_letter_and_digit_runs_with_inner_hyphens() {
        let text = "-On mid-March, the 2013- Señor's 3rd—day (x2) ٣ ends--here.";
        let mut digits = Vec::new();
        let mut buf = String::new();
        let ws = words(text, &mut buf, &mut digits);
        let got: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert_eq!(
            got,
            [
                "On",
                "mid-March",
                "the",
                "2013",
                "Señor",
                "s",
                "3rd",
                "day",
                "x2",
                "٣",
                "ends--here"
            ]
        );
        assert_eq!(ws[4].lower, "señor");
        // Only ASCII digits count.
        let with_digit: Vec<&str> = got
            .iter()
            .zip(&digits)
            .filter(|(_, &d)| d)
            .map(|(w, _)| *w)
            .collect();
        assert_eq!(with_digit, ["2013", "3rd", "x2"]);
        // Spans point at the words, and each word's folded form is its own, in this text
        // with other characters (each word folded alone) and in an ASCII one (the text
        // lower-cased whole).
        for w in &ws {
            assert_eq!(&text[w.start..w.end], w.text);
            assert_eq!(w.lower, crate::text::fold_case(w.text));
        }
        let ascii = "On Mid-March, THE 2013 Senor's 3rd day.";
        let mut buf = String::new();
        let ws = words(ascii, &mut buf, &mut digits);
        assert_eq!(ws.len(), 8);
        for w in &ws {
            assert_eq!(&ascii[w.start..w.end], w.text);
            assert_eq!(w.lower, crate::text::fold_case(w.text));
        }
        let mut buf = String::new();
        assert!(words("", &mut buf, &mut digits).is_empty() && digits.is_empty());
    }

    #[test]
    fn sentences_without_anchor_or_digit_skip_the_rules_and_others_do_not() {
        assert!(!may_have_time("The union said talks would resume."));
        assert!(!may_have_time(
            "Marchers took to the streets, sunny and hopeful."
        ));
        for t in [
            "Talks resume on Thursday.",
            "It happened three days ago.",
            "The next morning they left.",
            "Police said it began in 2013.",
            "It was March's wettest spell.",
            "By mid-March the dam was full.",
            "Officials met on Sept. 4.",
            "Prices rose last WEEK.",
            "Le 4 juin, à Genève.",
            "Émeutes hier soir à Montréal.",
        ] {
            assert!(may_have_time(t), "{t}");
        }
        // Turned away, and holding no time: month and weekday names count only capitalized
        // ("may", "sat" and "wed" are verbs), numbers only with four digits in a row.
        for t in [
            "It may rain, she said as she sat.",
            "They wed in mid-march.",
            "Haddad, 52, said 12,000 workers and 3.5 million tonnes were at stake.",
            "Route 66 reopened at 10:30 with 2-3 lanes, the 1st since No. 9 closed.",
            "He scored 123 of 999 points.",
        ] {
            assert!(!may_have_time(t), "{t}");
            assert!(
                find_times_unfiltered(t, Some(d("2026-03-11"))).is_empty(),
                "{t}"
            );
        }
        for t in [
            "It rained in May.",
            "Sat. 4 was wet.",
            "On Sept 4 it began.",
            "It began in 2013.",
            "Filed 2026-03-09 by staff.",
            "Around 12013 left.",
        ] {
            assert!(may_have_time(t), "{t}");
        }
        // The filter never hides an expression the rules would find.
        for t in [
            "Talks resume on Thursday.",
            "It happened three days ago.",
            "The next morning they left.",
            "Rain fell in March's first week.",
            "Police said it began in 2013.",
            "Filed 2026-03-09 by staff.",
        ] {
            assert!(!find_times(t, Some(d("2026-03-11"))).is_empty(), "{t}");
        }
    }

    fn d(s: &str) -> Date {
        parse_iso(s).unwrap()
    }

    #[test]
    fn calendar_arithmetic_round_trips() {
        for days in [
            -800_000i64,
            -1,
            0,
            1,
            59,
            60,
            365,
            11_016,
            20_000,
            2_000_000,
        ] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(d("1970-01-01").weekday(), 3);
        assert_eq!(d("2026-11-22").weekday(), 6); // a Sunday
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2023-02-28").add_days(1), d("2023-03-01"));
        assert_eq!(Date::new(2023, 2, 29), None);
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
            "2026-02-25",
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
        (
            "2026-03-11",
            "The president may visit in May.",
            "May",
            "2026-05",
        ),
    ];

    /// Strings without a time expression: none may be found.
    const NONE: &[&str] = &[
        "Protesters march through the capital.",
        "The report may be released.",
        "The company employs 2013 people in 12 offices.",
        "He said it was the best of times.",
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
