//! The cheap checks that spare most sentences and words the rules: whether a sentence can hold a
//! time expression at all, and whether a rule can match at a word.

use super::words::capitalized;
use crate::facts::Word;
use crate::text::{WordSet, DAY_WORDS, MONTH_WORDS};

/// Words without which no rule of [`match_at`](super::rules::match_at) matches, besides numbers and month and weekday
/// names ([`MONTH_WORDS`], [`DAY_WORDS`]): days named from today, the units of "last week",
/// "two days ago", "the next morning", quarters and seasons, and holidays (most end in "day").
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
    "quarter",
    "period",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "eve",
    "thanksgiving",
    "christmas",
    "halloween",
]);

/// The first words of holidays (`holidays.rs`), which count capitalized only.
static HOLIDAY_STARTS: WordSet = WordSet::new(&[
    "thanksgiving",
    "christmas",
    "new",
    "independence",
    "election",
    "labor",
    "memorial",
    "halloween",
    "valentine",
]);

/// Month and weekday names, full and abbreviated, looked up at once by [`may_have_time`]. The
/// rules take them only capitalized ("may" and "sat" are verbs).
static CALENDAR_WORDS: WordSet = WordSet::union(&[&MONTH_WORDS, &DAY_WORDS]);

/// Whether `text` can hold a time expression at all: four digits in a row, a capitalized month
/// or weekday name, or an anchor word (plural units too). A cheap pass that lets most
/// sentences skip the rules. Every rule needs one of these in a word of its own: the rules
/// without a month, weekday or unit word are a year ("in 2013") and an ISO date, both four
/// digits at the start of a word, and every rule that reads a month or weekday name asks for
/// its capital. A word of [`words`](super::words::words) is a run of letters and digits like the pieces here (a
/// hyphenated word is never an anchor, month or weekday), so its digits stay together in a
/// piece and a piece that starts it starts with its first letter.
pub(super) fn may_have_time(text: &str) -> bool {
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
            // dash ends it, as it ends a word of [`words`](super::words::words).)
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

/// Whether [`match_at`](super::rules::match_at) can match at word `w` without a digit: every rule starts with a digit, a
/// capitalized month or weekday name, or one of a few lower-case words (a capital aside: "The
/// next day", "Last week"). Most words are none of these. Word by word through the rules: a
/// word without a digit is no ISO date, day, year or numeral, so the others need it to be a
/// month name (`month_of`) or weekday name (`weekday_of`), both capitalized, or one of these
/// words.
pub(super) fn may_start(w: &Word<'_>) -> bool {
    (capitalized(w)
        && (CALENDAR_WORDS.contains_lower(w.text) || HOLIDAY_STARTS.contains_lower(w.text)))
        || [
            "first-", "second-", "third-", "fourth-", "year-", "mid-", "early-", "late-",
        ]
        .iter()
        .any(|o| w.lower.starts_with(o))
        || matches!(
            w.lower,
            "today"
                | "tonight"
                | "yesterday"
                | "tomorrow"
                | "this"
                | "that"
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
                | "first"
                | "second"
                | "third"
                | "fourth"
                | "fiscal"
                | "spring"
                | "summer"
                | "fall"
                | "autumn"
                | "winter"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::time::tests::d;
    use crate::facts::time::{find_times, find_times_unfiltered, rules_from, Date};

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
            "quarter",
            "third",
            "Third",
            "third-quarter",
            "Thanksgiving",
            "New",
            "Year's",
            "Eve",
            "Day",
            "Election",
            "year-ago",
            "year-earlier",
            "period",
            "fiscal",
            "year's",
            "summer",
            "Fall",
            "past",
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
}
