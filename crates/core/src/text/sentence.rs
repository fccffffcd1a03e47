//! Sentence boundaries for news text, as byte spans.
//!
//! Each line of the input is a paragraph and a hard boundary: a headline without final
//! punctuation is a sentence of its own. Within a line, a boundary is a run of `.`, `!`, `?` or
//! `…`, followed by any closing quotes or brackets, then white space, then something that can open
//! a sentence (an upper-case letter, a digit, an opening quote). A period after an abbreviation
//! is a boundary only when the next word is a common sentence opener ("in the U.S. The ..." splits,
//! "9 a.m. Monday" does not); titles (`Mr.`, `Gen.`, `St.`) and initials (`W.`) never end one.
//!
//! The rules are deliberately local and deterministic; they are checked by the table of news cases
//! at the bottom of this file.

use crate::model::Span;

/// A sentence found by [`split`]: its span and its paragraph (0-based line number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawSentence {
    pub span: Span,
    pub paragraph: usize,
}

/// Split `text` into sentences. Spans are trimmed of surrounding white space and never empty.
pub fn split(text: &str) -> Vec<RawSentence> {
    // Room for sentences of 80 bytes and longer (news sentences average about 130): most texts
    // never regrow the vector.
    let mut out = Vec::with_capacity(text.len() / 80 + 1);
    let mut line_start = 0;
    let mut paragraph = 0;
    for line in text.split('\n') {
        let before = out.len();
        split_line(line, line_start, paragraph, &mut out);
        if out.len() > before {
            paragraph += 1;
        }
        line_start += line.len() + 1;
    }
    out
}

fn split_line(line: &str, base: usize, paragraph: usize, out: &mut Vec<RawSentence>) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Only terminal punctuation can end a sentence: jump to the next candidate byte (`…`
        // starts with 0xE2).
        match bytes[i..]
            .iter()
            .position(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
        {
            Some(k) => i += k,
            None => break,
        }
        let c = bytes[i];
        let is_ellipsis_char = bytes[i..].starts_with(ELLIPSIS);
        if !(c == b'.' || c == b'!' || c == b'?' || is_ellipsis_char) {
            i += 1;
            continue;
        }
        // Consume the whole terminal run: "...", "?!", "…".
        let term_start = i;
        let mut j = i;
        let mut dots = 0;
        loop {
            if j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                if bytes[j] == b'.' {
                    dots += 1;
                }
                j += 1;
            } else if bytes[j..].starts_with(ELLIPSIS) {
                dots += 3;
                j += '…'.len_utf8();
            } else {
                break;
            }
        }
        let single_period = dots == 1 && j - term_start == 1;
        // Closing quotes and brackets belong to the sentence they close.
        j = skip_closers(line, j);
        let end = j;
        if end >= bytes.len() {
            break;
        }
        // A boundary needs white space after it ("1.5", "U.S.-led", "Yahoo!News" are not).
        let ws_end = skip_ws(line, end);
        if ws_end == end {
            // Scraped pages glue paragraphs together: `said."I don't`, `said.Another man`.
            if let Some(cut) =
                glued_boundary(line, start, term_start, j_after_terms(line, term_start))
            {
                push(line, base, paragraph, start, cut, out);
                start = cut;
                i = cut.max(i + 1);
                continue;
            }
            i = end.max(i + 1);
            continue;
        }
        if ws_end >= bytes.len() {
            break;
        }
        let next = next_opening(line, ws_end);
        let boundary = match next {
            Opener::Lower | Opener::Other => false,
            Opener::Upper | Opener::Digit | Opener::Quote => {
                if single_period {
                    period_ends_sentence(line, term_start, ws_end, next)
                } else {
                    true
                }
            }
        };
        if boundary {
            push(line, base, paragraph, start, end, out);
            start = ws_end;
        }
        i = ws_end.max(i + 1);
    }
    push(line, base, paragraph, start, bytes.len(), out);
}

/// End of the run of terminal punctuation that starts at `at`.
fn j_after_terms(line: &str, at: usize) -> usize {
    let b = line.as_bytes();
    let mut j = at;
    while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
        j += 1;
    }
    j
}

/// A sentence end with no space after it, in glued paragraphs: the terminal ends a lower-case
/// word of two or more letters, and what follows is either a capitalised word of two or more
/// letters, or a straight quote that opens (the quotes before it are balanced) followed by a
/// capital. Returns where the next sentence starts.
fn glued_boundary(line: &str, start: usize, term: usize, after: usize) -> Option<usize> {
    let word = word_before(line, term);
    let lower_word = word.chars().count() >= 2 && word.chars().all(|c| c.is_lowercase());
    if !lower_word {
        return None;
    }
    let rest = &line[after..];
    let mut chars = rest.chars();
    match chars.next()? {
        '"' => {
            let balanced = line[start..term].matches('"').count().is_multiple_of(2);
            let next = chars.next()?;
            (balanced && next.is_uppercase()).then_some(after)
        }
        c if c.is_uppercase() => {
            let next = chars.next()?;
            next.is_lowercase().then_some(after)
        }
        _ => None,
    }
}

fn push(line: &str, base: usize, paragraph: usize, s: usize, e: usize, out: &mut Vec<RawSentence>) {
    let piece = &line[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return;
    }
    // A piece with no letter or digit at all ("***", "--") is not a sentence.
    if !piece.chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(RawSentence {
        span: Span::new(base + s + lead, base + e - trail),
        paragraph,
    });
}

const ELLIPSIS: &[u8] = "…".as_bytes();
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '«', '`'];

fn skip_closers(line: &str, mut j: usize) -> usize {
    while let Some(c) = line[j..].chars().next() {
        if CLOSERS.contains(&c) {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    j
}

fn skip_ws(line: &str, mut j: usize) -> usize {
    while let Some(c) = line[j..].chars().next() {
        if c.is_whitespace() {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    j
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    Upper,
    Lower,
    Digit,
    /// An opening quote or bracket followed by an upper-case letter or digit.
    Quote,
    Other,
}

fn next_opening(line: &str, at: usize) -> Opener {
    let mut chars = line[at..].chars();
    let Some(c) = chars.next() else {
        return Opener::Other;
    };
    if OPENERS.contains(&c) {
        // Skip any further opening marks (`` is two backquotes).
        let rest = line[at..].trim_start_matches(|c: char| OPENERS.contains(&c));
        return match rest.chars().next() {
            Some(d) if d.is_uppercase() || d.is_ascii_digit() => Opener::Quote,
            Some(d) if d.is_lowercase() => Opener::Lower,
            _ => Opener::Other,
        };
    }
    if c.is_uppercase() {
        Opener::Upper
    } else if c.is_lowercase() {
        Opener::Lower
    } else if c.is_ascii_digit() || c == '$' || c == '€' || c == '£' {
        Opener::Digit
    } else {
        Opener::Other
    }
}

/// Titles that precede a name: a period after one never ends a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm",
    "Sgt", "Cpl", "Pvt", "Brig", "Gov", "Sen", "Sens", "Rep", "Reps", "Rev", "Msgr", "Fr", "Hon",
    "Pres", "Supt", "Det", "Insp", "St", "Mt", "Ft", "Sta", "Ste", "Atty", "Amb", "Gens", "Drs",
];

/// Abbreviations that may end a sentence: a period after one is a boundary only when the next
/// word is a common sentence opener.
const ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc",
    "Corp", "Co", "Cos", "Ltd", "Jr", "Sr", "Bros", "Plc", "etc", "vs", "Ave", "Blvd", "Rd", "Ala",
    "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La",
    "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "No", "Nos", "approx", "est", "Dept", "Univ", "Gov't",
    "Intl", "Assn", "Bldg", "ca", "cf", "al", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs",
    "Fri", "Sat", "Sun", "Mln", "Bln", "pct", "Op", "Ed", "Vol", "Fig",
];

/// Whether `word` (without its period) is a title or an abbreviation written with a period
/// ("Rep", "Del", "Sept", "Calif"): a period after it need not end a phrase.
/// Words that go on a clock time: time zones and their names.
const TIME_FOLLOWERS: &[&str] = &[
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "mst",
    "mdt",
    "pt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "eet",
    "ist",
    "jst",
    "aest",
    "local",
    "eastern",
    "central",
    "mountain",
    "pacific",
    "atlantic",
    "greenwich",
    "moscow",
    "beijing",
    "tokyo",
    "london",
];

pub(crate) fn is_abbreviation(word: &str) -> bool {
    TITLES.contains(&word) || ABBREVIATIONS.contains(&word)
}

/// Words that commonly open a sentence in news prose.
const OPENER_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "Although",
    "Though",
    "However",
    "Meanwhile",
    "Still",
    "Also",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "One",
    "Two",
    "Three",
    "Officials",
    "Police",
    "Authorities",
    "According",
    "Earlier",
    "Later",
    "Since",
    "Until",
    "By",
    "For",
    "With",
    "From",
    "Under",
    "Last",
    "Next",
    "Now",
    "Then",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Such",
    "Other",
    "Another",
    "No",
    "Not",
    "Yesterday",
    "Today",
    "Tomorrow",
    "Analysts",
    "Critics",
    "Experts",
    "Residents",
    "Witnesses",
];

fn period_ends_sentence(line: &str, period: usize, next_at: usize, next: Opener) -> bool {
    let word = word_before(line, period);
    if word.is_empty() {
        return true;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // An initial: "George W. Bush", "J. Smith".
    if first.is_uppercase() && chars.next().is_none() {
        return false;
    }
    if TITLES.contains(&word) {
        return false;
    }
    let next_word = word_at(line, next_at);
    if word == "No" || word == "Nos" || word == "Vol" || word == "Op" || word == "Fig" {
        // "No. 1", "Op. 27": a number follows.
        if next == Opener::Digit {
            return false;
        }
    }
    // A clock time ends a sentence before a capitalised word that does not belong to it: "by
    // 5 a.m. Eight engines" ends, "9 a.m. Monday" and "7 a.m. EST" do not.
    if word == "a.m" || word == "p.m" {
        let lower = next_word.to_ascii_lowercase();
        return next_word.starts_with(|c: char| c.is_uppercase())
            && !TIME_FOLLOWERS.contains(&lower.as_str())
            && !crate::text::MONTH_NAMES
                .iter()
                .chain(crate::text::WEEKDAY_NAMES.iter())
                .any(|m| m.eq_ignore_ascii_case(next_word));
    }
    // A dotted abbreviation ("U.S", "a.m", "D.C") or a known one may end a sentence, but only
    // when a common opener follows.
    let dotted = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
    if dotted || ABBREVIATIONS.contains(&word) {
        return OPENER_WORDS.contains(&next_word);
    }
    true
}

/// The word that ends right before byte `at` (exclusive), without leading brackets or quotes.
fn word_before(line: &str, at: usize) -> &str {
    let head = &line[..at];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || OPENERS.contains(&c) || c == '/' || c == '-')
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &head[start..]
}

/// The word starting at byte `at`, skipping opening quotes, up to the first non-letter.
fn word_at(line: &str, at: usize) -> &str {
    let rest = line[at..].trim_start_matches(|c: char| OPENERS.contains(&c));
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '\''))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text)
            .into_iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    /// (input, expected sentences). Each case is a pattern seen in news copy.
    const CASES: &[(&str, &[&str])] = &[
        // 1-10: titles and honorifics
        (
            "Mr. Smith went to Washington. He stayed.",
            &["Mr. Smith went to Washington.", "He stayed."],
        ),
        (
            "Mrs. Ortega spoke first. Then the mayor spoke.",
            &["Mrs. Ortega spoke first.", "Then the mayor spoke."],
        ),
        (
            "Dr. Amina Bello treated 40 patients.",
            &["Dr. Amina Bello treated 40 patients."],
        ),
        (
            "Gen. Mark Hale ordered the retreat. Troops left.",
            &["Gen. Mark Hale ordered the retreat.", "Troops left."],
        ),
        (
            "Sen. Ruth Daley voted no. The bill failed.",
            &["Sen. Ruth Daley voted no.", "The bill failed."],
        ),
        (
            "Ms. Kowalski declined to comment.",
            &["Ms. Kowalski declined to comment."],
        ),
        (
            "Lt. Col. Ann Price led the unit.",
            &["Lt. Col. Ann Price led the unit."],
        ),
        (
            "Rep. Tom Akers and Gov. Lisa Moy met.",
            &["Rep. Tom Akers and Gov. Lisa Moy met."],
        ),
        (
            "Prof. Lee teaches at the college. She is 61.",
            &["Prof. Lee teaches at the college.", "She is 61."],
        ),
        (
            "The Rev. Samuel Okoro led prayers.",
            &["The Rev. Samuel Okoro led prayers."],
        ),
        // 11-18: places and organisations
        (
            "He moved to St. Louis in 1990.",
            &["He moved to St. Louis in 1990."],
        ),
        (
            "The U.S. Army confirmed the report.",
            &["The U.S. Army confirmed the report."],
        ),
        (
            "Troops returned to the U.S. The war was over.",
            &["Troops returned to the U.S.", "The war was over."],
        ),
        (
            "The U.N. Security Council met on Friday.",
            &["The U.N. Security Council met on Friday."],
        ),
        (
            "He works for Acme Inc. The firm is small.",
            &["He works for Acme Inc.", "The firm is small."],
        ),
        (
            "Shares of Vexo Corp. rose 4 percent.",
            &["Shares of Vexo Corp. rose 4 percent."],
        ),
        (
            "She lives in Washington, D.C. and works downtown.",
            &["She lives in Washington, D.C. and works downtown."],
        ),
        (
            "The firm moved to Austin, Tex. It grew fast.",
            &["The firm moved to Austin, Tex.", "It grew fast."],
        ),
        // 19-26: dates and times
        (
            "The vote is on Jan. 5 in the capital.",
            &["The vote is on Jan. 5 in the capital."],
        ),
        (
            "It opened Feb. 12. Crowds came.",
            &["It opened Feb. 12.", "Crowds came."],
        ),
        (
            "The blast happened at 9 a.m. Monday near the port.",
            &["The blast happened at 9 a.m. Monday near the port."],
        ),
        (
            "The blast happened at 9 a.m. The port closed.",
            &["The blast happened at 9 a.m.", "The port closed."],
        ),
        (
            "Polls close at 8 p.m. on Tuesday.",
            &["Polls close at 8 p.m. on Tuesday."],
        ),
        (
            "The meeting ran until 11 p.m. Officials left quietly.",
            &["The meeting ran until 11 p.m.", "Officials left quietly."],
        ),
        (
            "It broke out after 1 a.m. Eight engines attended.",
            &["It broke out after 1 a.m.", "Eight engines attended."],
        ),
        (
            "Polls open at 7 a.m. EST Tuesday across the state.",
            &["Polls open at 7 a.m. EST Tuesday across the state."],
        ),
        (
            "The vote is at 10 a.m. March 3 in the hall.",
            &["The vote is at 10 a.m. March 3 in the hall."],
        ),
        (
            "It was signed Sept. 3, 1998, in Oslo.",
            &["It was signed Sept. 3, 1998, in Oslo."],
        ),
        (
            "The deadline is Dec. 31. No extension is planned.",
            &["The deadline is Dec. 31.", "No extension is planned."],
        ),
        // 27-32: initials
        (
            "George W. Bush signed the bill.",
            &["George W. Bush signed the bill."],
        ),
        (
            "The novel by J. R. Tolkien sold well.",
            &["The novel by J. R. Tolkien sold well."],
        ),
        (
            "Author J.K. Rowling attended.",
            &["Author J.K. Rowling attended."],
        ),
        (
            "Harry S. Truman took office in 1945. He served two terms.",
            &[
                "Harry S. Truman took office in 1945.",
                "He served two terms.",
            ],
        ),
        (
            "The memo was signed by A. Patel. It was dated Monday.",
            &["The memo was signed by A. Patel.", "It was dated Monday."],
        ),
        ("Team B won. Team C lost.", &["Team B won.", "Team C lost."]),
        // 33-40: numbers and money
        (
            "The deal is worth $1.5 billion. It closes soon.",
            &["The deal is worth $1.5 billion.", "It closes soon."],
        ),
        (
            "Inflation rose 3.2 percent in May.",
            &["Inflation rose 3.2 percent in May."],
        ),
        (
            "The score was 2.5 to 1.7 at halftime.",
            &["The score was 2.5 to 1.7 at halftime."],
        ),
        (
            "He finished No. 1 in the poll.",
            &["He finished No. 1 in the poll."],
        ),
        (
            "Prices fell 0.4%. Analysts expected more.",
            &["Prices fell 0.4%.", "Analysts expected more."],
        ),
        (
            "The crowd numbered 12,000. Police counted fewer.",
            &["The crowd numbered 12,000.", "Police counted fewer."],
        ),
        (
            "Version 2.0.1 was released.",
            &["Version 2.0.1 was released."],
        ),
        ("It cost €3.50. Few paid.", &["It cost €3.50.", "Few paid."]),
        // 41-50: quotations
        (
            "\"We will rebuild,\" he said. \"Nothing stops us.\"",
            &["\"We will rebuild,\" he said.", "\"Nothing stops us.\""],
        ),
        (
            "\"We will rebuild.\" The mayor left the stage.",
            &["\"We will rebuild.\"", "The mayor left the stage."],
        ),
        (
            "“It is over,” she said. “We lost.”",
            &["“It is over,” she said.", "“We lost.”"],
        ),
        (
            "``I am here,'' he said. ``Let us talk.''",
            &["``I am here,'' he said.", "``Let us talk.''"],
        ),
        (
            "\"Why now?\" he asked. Nobody answered.",
            &["\"Why now?\" he asked.", "Nobody answered."],
        ),
        (
            "\"Stop!\" the officer shouted.",
            &["\"Stop!\" the officer shouted."],
        ),
        (
            "He called it \"a disgrace.\" Others agreed.",
            &["He called it \"a disgrace.\"", "Others agreed."],
        ),
        (
            "She said: \"We are ready. We have waited.\"",
            &["She said: \"We are ready.", "We have waited.\""],
        ),
        (
            "``The plan failed,'' said Ortiz. ``Again.''",
            &["``The plan failed,'' said Ortiz.", "``Again.''"],
        ),
        (
            "(The company declined to comment.) Shares fell.",
            &["(The company declined to comment.)", "Shares fell."],
        ),
        // 51-56: ellipses, questions, exclamations
        (
            "He paused... and then resumed.",
            &["He paused... and then resumed."],
        ),
        (
            "It ended... The next day began.",
            &["It ended...", "The next day began."],
        ),
        ("Wait… What happened?", &["Wait…", "What happened?"]),
        (
            "Is it safe? Experts disagree.",
            &["Is it safe?", "Experts disagree."],
        ),
        (
            "It worked! Engineers cheered.",
            &["It worked!", "Engineers cheered."],
        ),
        ("Really?! Nobody knew.", &["Really?!", "Nobody knew."]),
        // 57-64: headlines, lines, odd shapes
        (
            "Quake Hits Coastal Town\nThe quake struck at dawn.",
            &["Quake Hits Coastal Town", "The quake struck at dawn."],
        ),
        (
            "Three dead in storm\n\nRescuers searched all night. Two were found.",
            &[
                "Three dead in storm",
                "Rescuers searched all night.",
                "Two were found.",
            ],
        ),
        (
            "  Leading spaces are trimmed.  ",
            &["Leading spaces are trimmed."],
        ),
        ("***\nReal text here.", &["Real text here."]),
        (
            "He visited the U.S.-Mexico border.",
            &["He visited the U.S.-Mexico border."],
        ),
        (
            "Visit example.com for details.",
            &["Visit example.com for details."],
        ),
        (
            "The Jeopardy! host retired. Fans wept.",
            &["The Jeopardy! host retired.", "Fans wept."],
        ),
        (
            "The count was 10. 20 more arrived later.",
            &["The count was 10.", "20 more arrived later."],
        ),
        // 65-70: lower-case continuations and mixed
        (
            "The U.S. officials declined.",
            &["The U.S. officials declined."],
        ),
        (
            "Talks resumed in Geneva, Switz. on Monday.",
            &["Talks resumed in Geneva, Switz. on Monday."],
        ),
        (
            "He ran for Congress in 1998. In 2002 he won.",
            &["He ran for Congress in 1998.", "In 2002 he won."],
        ),
        (
            "The firm, Ortega & Sons Ltd. said profits rose.",
            &["The firm, Ortega & Sons Ltd. said profits rose."],
        ),
        (
            "Smith Jr. And his father arrived.",
            &["Smith Jr.", "And his father arrived."],
        ),
        (
            "Attacks rose (by 40 percent). Police blamed gangs.",
            &["Attacks rose (by 40 percent).", "Police blamed gangs."],
        ),
        // 71-74: paragraphs glued together by scrapers
        (
            "\"It is unfair,\" Callon said.\"I don't know,\" a resident said.",
            &[
                "\"It is unfair,\" Callon said.",
                "\"I don't know,\" a resident said.",
            ],
        ),
        (
            "The robot was back on patrol.Another man said he would have fined him.",
            &[
                "The robot was back on patrol.",
                "Another man said he would have fined him.",
            ],
        ),
        (
            "He visited the U.S.Army base.",
            &["He visited the U.S.Army base."],
        ),
        (
            "Prices were 3.5 percent higher.",
            &["Prices were 3.5 percent higher."],
        ),
    ];

    #[test]
    fn news_cases() {
        assert!(CASES.len() >= 60);
        let mut failures = Vec::new();
        for (i, (input, expected)) in CASES.iter().enumerate() {
            let got = sentences(input);
            if got != *expected {
                failures.push(format!(
                    "case {}: {input:?}\n  want {expected:?}\n  got  {got:?}",
                    i + 1
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn paragraphs_count_lines_with_sentences() {
        let text = "Head line\n\nFirst. Second.\n---\nThird.";
        let ps: Vec<usize> = split(text).iter().map(|s| s.paragraph).collect();
        assert_eq!(ps, vec![0, 1, 1, 2]);
    }

    #[test]
    fn spans_are_char_boundaries_and_nonempty() {
        let text = "Ünïcödé “quotes” here… Next — one? Ja! «Oui.» Fin.";
        for s in split(text) {
            assert!(!s.span.is_empty());
            assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        }
    }
}
