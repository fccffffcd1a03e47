//! The rules that recognise a time expression at a word and resolve it, tried in a fixed order.

use super::anchor::year_back_word;
use super::calendar::Date;
use super::holidays::named_day;
use super::parse_iso;
use super::periods::{quarter, quarter_back, season};
use super::tense::{tense_at, Tense};
use super::words::{capitalized, day_number, month_of, number_word, weekday_of, year_number};
use super::Resolved;
use crate::facts::Word;
use crate::text::WEEKDAY_NAMES;

/// A match: (last word, resolution, first word).
pub(super) type Match = (usize, Resolved, usize);

/// Where a rule is tried: the text, its words, the word `i` at which it is tried, and the
/// publication date to resolve against.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    pub(super) text: &'a str,
    pub(super) ws: &'a [Word<'a>],
    pub(super) i: usize,
    pub(super) published: Option<Date>,
}

/// A rule: the expression it recognises at a word, or `None` to let the next rule try.
type Rule = fn(At<'_>) -> Option<Match>;

/// The rules in the order they are tried; the first that matches wins.
const RULES: [Rule; 16] = [
    iso_date,
    named_day,
    quarter,
    season,
    quarter_back,
    year_back_word,
    month_name,
    day_before_month,
    weekday,
    deictic_day,
    the_past_week,
    this_last_next,
    bare_year,
    count_of_units,
    the_next_day,
    that_period,
];

/// Try to match an expression starting at word `i`: (last word, resolution, first word).
pub(super) fn match_at(
    text: &str,
    ws: &[Word<'_>],
    i: usize,
    published: Option<Date>,
) -> Option<Match> {
    let at = At {
        text,
        ws,
        i,
        published,
    };
    RULES.iter().find_map(|rule| rule(at))
}

/// The resolution, or [`Resolved::Relative`] when there is none.
fn relative_or(r: Option<Resolved>) -> Resolved {
    r.unwrap_or(Resolved::Relative)
}

/// ISO date in running text: 2026-03-09.
fn iso_date(at: At<'_>) -> Option<Match> {
    let At { ws, i, .. } = at;
    let w = &ws[i];
    if let Some(d) = parse_iso(w.text) {
        return Some((i, Resolved::Day(d), i));
    }
    None
}

/// Month name: "March 9", "March 9, 2026", "March 2026", "in March", "mid-November".
fn month_name(at: At<'_>) -> Option<Match> {
    let At {
        text,
        ws,
        i,
        published,
    } = at;
    let next = |k: usize| ws.get(i + k).map(|w| w.lower);
    let (month, prefixed) = month_word(&ws[i])?;
    // "May" and "March" are also words: need a number after or a time word before.
    // The day right after the month ("Oct. 9", "March 9"), not across other marks
    // ("early September; 14 more").
    let close = |k: usize| {
        let gap = ws
            .get(i + k)
            .and_then(|n| text.get(ws[i + k - 1].end..n.start));
        gap.is_some_and(|g| matches!(g.trim(), "" | "." | ","))
    };
    let day = next(1)
        .filter(|_| close(1) && !prefixed)
        .and_then(day_number);
    let year_after = |k: usize| next(k).filter(|_| close(k)).and_then(year_number);
    if let Some(day) = day {
        let (last, year) = match year_after(2) {
            Some(y) => (i + 2, Some(y)),
            None => (i + 1, None),
        };
        let first = weekday_before(ws, i);
        let resolved = match year {
            Some(y) => Date::new(y, month, day).map(Resolved::Day),
            None => day_in_nearest_year(at, first, last, month, day),
        };
        let (first, resolved) = week_of(ws, first, relative_or(resolved));
        return Some((last, resolved, first));
    }
    if let Some(y) = year_after(1) {
        return Some((i + 1, Resolved::Month(y, month), i));
    }
    // "June last year", "in March next year".
    if let (Some(shift), Some("year"), Some(p)) = (next(1).and_then(year_shift), next(2), published)
    {
        return Some((i + 2, Resolved::Month(p.year + shift, month), i));
    }
    bare_month(at, month, prefixed)
}

/// A month name as a word: "March", "Sept", or a part of one ("mid-March", "late-November"):
/// (month, whether a part).
fn month_word(w: &Word<'_>) -> Option<(u32, bool)> {
    if capitalized(w) {
        if let Some(m) = month_of(w.lower, w.text) {
            return Some((m, false));
        }
    }
    let (part, name) = w.lower.split_once('-')?;
    if !matches!(part, "mid" | "early" | "late") {
        return None;
    }
    let original = w.text.get(part.len() + 1..)?;
    // Capitalized, as every month name: "mid-march" is no time.
    if !original.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    Some((month_of(name, original)?, true))
}

/// A month without a day or year, where it is a time: after a word of time ("in March",
/// "through August", "last June"), a part of one ("mid-November"), or before a noun it dates
/// ("the October shooting", "a June agreement", "December's figures"; never "May", a name).
/// The year: "last", "this", "next" say it, else the tense of the clause.
fn bare_month(at: At<'_>, month: u32, part: bool) -> Option<Match> {
    let At {
        text,
        ws,
        i,
        published,
    } = at;
    let lw = ws[i].lower;
    let prev = i.checked_sub(1).map(|p| ws[p].lower);
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
                | "for"
                | "through"
                | "throughout"
        )
    );
    let ok = if timeword {
        lw != "may" || prev != Some("this")
    } else {
        part || lw != "may" && dates_a_noun(text, ws, i)
    };
    if !ok {
        return None;
    }
    let first = if matches!(
        prev,
        Some("last" | "next" | "this" | "early" | "late" | "mid")
    ) {
        i - 1
    } else {
        i
    };
    let tense = match tense_at(text, ws, first, i) {
        // "gave them until mid-November": the giving is past, not the deadline.
        Tense::Past if matches!(prev, Some("until" | "till" | "by")) => Tense::Unknown,
        t => t,
    };
    let resolved = published.map(|p| {
        let y = match prev {
            Some("next") => p.year + i32::from(month <= p.month),
            Some("this") => p.year,
            Some("last") => p.year - i32::from(month >= p.month),
            _ => year_of_month(p, month, tense),
        };
        Resolved::Month(y, month)
    });
    Some((i, relative_or(resolved), first))
}

/// Whether the month name at word `i` stands before a noun it dates: after an article, before
/// a lower-case word that is not a preposition or conjunction ("the October shooting", not "the
/// March for jobs"), or with "'s" ("December's figures").
fn dates_a_noun(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    let Some(n) = ws.get(i + 1) else {
        return false;
    };
    let gap = text.get(ws[i].end..n.start).unwrap_or("");
    if n.lower == "s" && matches!(gap, "'" | "\u{2019}") {
        return true;
    }
    let article = i > 0 && matches!(ws[i - 1].lower, "the" | "a" | "an");
    let noun = n.text.starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(
            n.lower,
            "for"
                | "of"
                | "on"
                | "to"
                | "in"
                | "at"
                | "by"
                | "from"
                | "with"
                | "against"
                | "through"
                | "across"
                | "and"
                | "or"
                | "that"
                | "which"
                | "who"
                | "is"
                | "was"
                | "as"
        );
    article && gap == " " && noun
}

/// Day before month: "9 March 2026", "9th of March".
fn day_before_month(at: At<'_>) -> Option<Match> {
    let At { ws, i, .. } = at;
    let lw = ws[i].lower;
    let next = |k: usize| ws.get(i + k).map(|w| w.lower);
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
                    let first = weekday_before(ws, i);
                    let resolved = match year {
                        Some(y) => Date::new(y, month, day).map(Resolved::Day),
                        None => day_in_nearest_year(at, first, last, month, day),
                    };
                    let (first, resolved) = week_of(ws, first, relative_or(resolved));
                    return Some((last, resolved, first));
                }
            }
        }
    }
    None
}

/// Weekdays: "on Saturday", "Tuesday night", "last Friday", "next Monday". A weekday before a
/// month ("Monday, March 9") is left to the month rules at the next word; no later rule starts at
/// a weekday name.
fn weekday(at: At<'_>) -> Option<Match> {
    let At {
        text,
        ws,
        i,
        published,
    } = at;
    let w = &ws[i];
    let lw = w.lower;
    let next = |k: usize| ws.get(i + k).map(|w| w.lower);
    let prev = i.checked_sub(1).map(|p| ws[p].lower);
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
            // An abbreviation alone is a name ("Sun" the company) or a word ("Wed"): it counts
            // only before a date ("Sun, Oct. 4"), which the month rules read.
            if !WEEKDAY_NAMES.contains(&lw) {
                return None;
            }
            // "on Sunday evenings" happens every week: no day.
            if matches!(
                next(1),
                Some("mornings" | "afternoons" | "evenings" | "nights")
            ) {
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
                this => {
                    first -= usize::from(this == Some("this"));
                    if tense_at(text, ws, first, last) == Tense::Future {
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
    None
}

/// Deictic days: "today", "yesterday night", "tomorrow".
fn deictic_day(at: At<'_>) -> Option<Match> {
    let At {
        ws, i, published, ..
    } = at;
    let lw = ws[i].lower;
    let next = |k: usize| ws.get(i + k).map(|w| w.lower);
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
    None
}

/// "the last week", "the past week": the seven days up to publication, not the calendar week
/// before ("last week"); the week their middle day falls in.
fn the_past_week(at: At<'_>) -> Option<Match> {
    let At {
        ws, i, published, ..
    } = at;
    let word = |k: usize| ws.get(k).map(|w| w.lower);
    let said =
        word(i)? == "the" && matches!(word(i + 1)?, "last" | "past") && word(i + 2)? == "week";
    if !said {
        return None;
    }
    let resolved = published.map(|p| {
        let middle = p.add_days(-3);
        Resolved::Week(middle.add_days(-(middle.weekday() as i64)))
    });
    Some((i + 2, relative_or(resolved), i))
}

/// "this morning", "last night", "last week", "earlier this month", "next year". No later rule
/// starts at "earlier", "later", "early" or "late" without "this".
fn this_last_next(at: At<'_>) -> Option<Match> {
    let At {
        ws, i, published, ..
    } = at;
    let lw = ws[i].lower;
    let next = |k: usize| ws.get(i + k).map(|w| w.lower);
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
    None
}

/// A year: "in 2013", "the 2013 floods", "between 1994 and 1997", "mid-2013". News writes
/// counts of a thousand and more with a comma ("2,013 people"), so four digits alone are a year,
/// unless a quantity word, a currency sign, decimals or a unit say they count ("some 2000
/// troops", "$1500", "2082.1", "1500 meters", "1430 GMT").
fn bare_year(at: At<'_>) -> Option<Match> {
    let At { text, ws, i, .. } = at;
    let lw = ws[i].lower;
    let prev = i.checked_sub(1).map(|p| ws[p].lower);
    let next = ws.get(i + 1).map(|w| w.lower);
    let prefixed = ["mid-", "early-", "late-", "pre-", "post-"]
        .iter()
        .find_map(|p| lw.strip_prefix(p));
    if let Some(y) = prefixed.and_then(year_number) {
        return Some((i, Resolved::Year(y), i));
    }
    let y = year_number(lw)?;
    let after = &text.as_bytes()[ws[i].end..];
    let decimal = after.len() > 1 && matches!(after[0], b'.' | b',') && after[1].is_ascii_digit();
    if decimal || text[..ws[i].start].ends_with(['$', '#', '£', '€']) || prev == Some("no") {
        return None;
    }
    let quantity = match prev {
        Some(
            "some" | "about" | "around" | "nearly" | "almost" | "over" | "than" | "least" | "only"
            | "just" | "roughly" | "approximately" | "estimated",
        ) => true,
        Some("to") => !to_year(ws, i),
        _ => false,
    };
    if quantity || next.is_some_and(counted) {
        return None;
    }
    Some((i, Resolved::Year(y), i))
}

/// Whether the number at word `i` after "to" is a year: "from 1994 to 1997", "dating to
/// 1994", "in March to 1998" (not "rose to 2150").
fn to_year(ws: &[Word<'_>], i: usize) -> bool {
    let Some(before) = i.checked_sub(2).map(|p| ws[p].lower) else {
        return false;
    };
    year_number(before).is_some()
        || matches!(
            before,
            "dating" | "dates" | "dated" | "back" | "up" | "year" | "years"
        )
        || month_of(before, ws[i - 2].text).is_some()
}

/// A word after a number that makes it a count or measure.
fn counted(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "persons"
            | "men"
            | "women"
            | "children"
            | "troops"
            | "soldiers"
            | "workers"
            | "jobs"
            | "homes"
            | "houses"
            | "cars"
            | "units"
            | "shares"
            | "points"
            | "votes"
            | "feet"
            | "foot"
            | "meters"
            | "metres"
            | "miles"
            | "kilometers"
            | "kilometres"
            | "km"
            | "tons"
            | "tonnes"
            | "pounds"
            | "kg"
            | "dollars"
            | "yuan"
            | "yen"
            | "euros"
            | "hours"
            | "gmt"
            | "utc"
            | "edt"
            | "est"
            | "pst"
            | "hrs"
            | "percent"
            | "residents"
            | "students"
            | "refugees"
            | "members"
            | "employees"
    )
}

/// "three days ago", "a week ago", "two years ago", and "two days later" (relative).
fn count_of_units(at: At<'_>) -> Option<Match> {
    let At {
        ws, i, published, ..
    } = at;
    let lw = ws[i].lower;
    let next = |k: usize| ws.get(i + k).map(|w| w.lower);
    if let Some(n) = number_word(lw) {
        if let (Some(unit), Some(dir)) = (next(1), next(2)) {
            let unit = unit.trim_end_matches('s');
            if matches!(unit, "day" | "week" | "month" | "year" | "hour") {
                match dir {
                    "ago" => {
                        let resolved = published.and_then(|p| match unit {
                            "day" => Some(Resolved::Day(p.add_days(-n))),
                            "week" => {
                                let d = p.add_days(-7 * n);
                                Some(Resolved::Week(d.add_days(-(d.weekday() as i64))))
                            }
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
    None
}

/// "that day", "later that year", "earlier that morning": relative until
/// [`anchor_relative`](super::anchor::anchor_relative) reads them against the time before.
fn that_period(at: At<'_>) -> Option<Match> {
    let At { ws, i, .. } = at;
    let word = |k: usize| ws.get(k).map(|w| w.lower);
    let k = i + usize::from(matches!(word(i)?, "later" | "earlier"));
    let unit = matches!(
        word(k + 1)?,
        "day" | "morning" | "night" | "evening" | "week" | "month" | "year"
    );
    (word(k)? == "that" && unit).then_some((k + 1, Resolved::Relative, i))
}

/// "the next day", "the following week", "the day before".
fn the_next_day(at: At<'_>) -> Option<Match> {
    let At { ws, i, .. } = at;
    let lw = ws[i].lower;
    let next = |k: usize| ws.get(i + k).map(|w| w.lower);
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

/// "the week of March 6" is that day's week: (first word, resolution).
fn week_of(ws: &[Word<'_>], first: usize, resolved: Resolved) -> (usize, Resolved) {
    let before = |k: usize| first.checked_sub(k).map(|j| ws[j].lower);
    match (before(2), before(1), resolved) {
        (Some("week"), Some("of"), Resolved::Day(d)) => {
            let the = usize::from(before(3) == Some("the"));
            (
                first - 2 - the,
                Resolved::Week(d.add_days(-(d.weekday() as i64))),
            )
        }
        _ => (first, resolved),
    }
}

/// The shift in years of "this", "last" and "next" (before "year").
pub(super) fn year_shift(word: &str) -> Option<i32> {
    match word {
        "this" => Some(0),
        "last" => Some(-1),
        "next" => Some(1),
        _ => None,
    }
}

/// A month and day without a year written as words `first..=last` (a weekday first, perhaps),
/// resolved by [`year_for`].
fn day_in_nearest_year(
    at: At<'_>,
    first: usize,
    last: usize,
    month: u32,
    day: u32,
) -> Option<Resolved> {
    let weekday = weekday_of(at.ws[first].lower).filter(|_| first < last);
    let tense = tense_at(at.text, at.ws, first, last);
    let date = year_for(at.published?, month, day, tense, weekday)?;
    Some(Resolved::Day(date))
}

/// The year for a month and day without one, among the anchor's year and the two beside it:
/// one on the weekday the text names with it ("Monday, Oct. 26") if exactly one is; else the
/// nearest to `anchor` (ties: the anchor's year), leaving out dates more than a month after it
/// in a clause of the past and more than a month before it in one of the future (a month of
/// slack for a publication date a little off the writing).
fn year_for(
    anchor: Date,
    month: u32,
    day: u32,
    tense: Tense,
    weekday: Option<u32>,
) -> Option<Date> {
    let years = [anchor.year, anchor.year - 1, anchor.year + 1];
    let dates = years.iter().filter_map(|&y| Date::new(y, month, day));
    if let Some(wd) = weekday {
        let mut on_it = dates.clone().filter(|d| d.weekday() == wd);
        if let (Some(d), None) = (on_it.next(), on_it.next()) {
            return Some(d);
        }
    }
    const SLACK: i64 = 31;
    let mut best: Option<(i64, Date)> = None;
    for d in dates {
        let after = d.days() - anchor.days();
        if tense == Tense::Past && after > SLACK || tense == Tense::Future && after < -SLACK {
            continue;
        }
        if best.is_none_or(|(b, _)| after.abs() < b) {
            best = Some((after.abs(), d));
        }
    }
    best.map(|(_, d)| d)
}

/// The year of a bare month ("in March"): the publication month's own year; else the last
/// such month before publication, or in a clause of the future the next one, or in one of the
/// present the nearer.
fn year_of_month(p: Date, month: u32, tense: Tense) -> i32 {
    let before = p.year - i32::from(month > p.month);
    let after = p.year + i32::from(month < p.month);
    match tense {
        Tense::Future => after,
        // Not the past: the nearer of the two (the earlier when both are six months away).
        Tense::Present if (month + 12 - p.month) % 12 < 6 => after,
        // No tense word: the next month or the one after are nearer than that month almost a
        // year back ("results due in mid-November" in late October).
        Tense::Unknown if (month + 12 - p.month) % 12 <= 2 => after,
        _ => before,
    }
}

/// Include a weekday right before a date ("Monday, March 9"): the index of the first word.
fn weekday_before(ws: &[Word<'_>], i: usize) -> usize {
    if i > 0 && weekday_of(ws[i - 1].lower).is_some() && capitalized(&ws[i - 1]) {
        i - 1
    } else {
        i
    }
}
