//! Whether the clause around a time expression speaks of the past or the future, which decides
//! the direction of a bare weekday ("met Tuesday", "will meet Tuesday"), month ("in March") or
//! day of a month without a year ("on Oct. 3").
//!
//! The clause is read backwards from the expression to the clause start, then, when that names
//! no tense, forwards to the clause end; a fronted expression ("On Tuesday, the union plans a
//! march") reads on over its comma. The nearest cue word decides. Cues are auxiliaries and
//! common verbs of reporting, planning and happening ("will", "is to", "scheduled", "said",
//! "was", "had", "met"); regular past forms are not read ("the reduced dividend is payable",
//! "the unspecified date" are no past), and nothing else is guessed.

use crate::facts::Word;

/// The tense of an expression's clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    /// "is", "are": not the past, not surely the future ("when the case is heard in May").
    Present,
    Future,
    Unknown,
}

/// How many words either way are read for a cue.
const REACH: usize = 15;

/// What a word tells of the tense of a clause read towards it.
enum Cue {
    Tense(Tense),
    /// Another clause starts here: a reporting verb ("the ministry said it is calling for a
    /// vote on Oct. 3" tells nothing of the vote), or a relative or complement clause after
    /// the expression ("a statement Friday saying talks will resume").
    Stop,
}

/// The tense of the clause of the expression that spans words `first..=last`.
pub(super) fn tense_at(text: &str, ws: &[Word<'_>], first: usize, last: usize) -> Tense {
    // "until Friday", "by May" and "before March 3" look ahead unless a verb says otherwise ("Until
    // Thursday, police had not named him").
    // "ahead of November's summit" likewise.
    let word = |back: usize| first.checked_sub(back).map(|j| ws[j].lower);
    let ahead = word(2) == Some("ahead") && word(1) == Some("of");
    let hint = if ahead || matches!(word(1), Some("until" | "till" | "before" | "by")) {
        Tense::Future
    } else {
        Tense::Unknown
    };
    // "Wednesday's ruling": a date inside a noun phrase, not dated by the clause's verb.
    if ws.get(last + 1).is_some_and(|w| w.lower == "s") && gap(text, ws, last).len() == 1 {
        return hint;
    }
    let mut j = first;
    while j > 0 && first - j < REACH && !boundary(text, ws, j - 1) {
        j -= 1;
        match cue(ws, j, Some(first)) {
            Some(Cue::Tense(t)) => return t,
            Some(Cue::Stop) => break,
            None => {}
        }
    }
    let fronted = j == 0 || sentence_end(text, ws, j - 1);
    let mut k = last;
    while k + 1 < ws.len() && k - last < REACH {
        if boundary(text, ws, k) && !(fronted && k == last && comma_only(text, ws, k)) {
            break;
        }
        k += 1;
        match cue(ws, k, None) {
            Some(Cue::Tense(t)) => return t,
            Some(Cue::Stop) => break,
            None => {}
        }
    }
    hint
}

/// The text between word `j` and the next word.
fn gap<'t>(text: &'t str, ws: &[Word<'_>], j: usize) -> &'t str {
    ws.get(j + 1)
        .and_then(|next| text.get(ws[j].end..next.start))
        .unwrap_or("")
}

/// Whether a clause ends between word `j` and the next: punctuation, a quote mark or a dash.
/// A full stop counts only where a sentence ends ("9.5" and "U.S." are inside one).
fn boundary(text: &str, ws: &[Word<'_>], j: usize) -> bool {
    let g = gap(text, ws, j);
    g.contains([
        ',', ';', ':', '!', '?', '"', '“', '”', '(', ')', '—', '–', '_', '\n',
    ]) || g.contains("--")
        || g.contains("``")
        || g.contains("''")
        || sentence_end(text, ws, j)
}

/// Whether a sentence ends between word `j` and the next: a full stop, question or
/// exclamation mark, then white space and a capital (after "Oct." too: the test is cheap, not
/// exact).
fn sentence_end(text: &str, ws: &[Word<'_>], j: usize) -> bool {
    let g = gap(text, ws, j);
    let stop = g.contains('\n') || g.contains(['.', '!', '?']) && g.ends_with(char::is_whitespace);
    stop && ws
        .get(j + 1)
        .is_some_and(|w| w.text.chars().next().is_some_and(char::is_uppercase))
}

/// Whether the gap after word `j` is a comma and white space only.
fn comma_only(text: &str, ws: &[Word<'_>], j: usize) -> bool {
    gap(text, ws, j).trim() == ","
}

/// What word `j` tells, if it is a cue, read from an expression starting at word `first`
/// after it, or (`None`) from one before it.
fn cue(ws: &[Word<'_>], j: usize, first: Option<usize>) -> Option<Cue> {
    let w = ws[j].lower;
    let next = ws.get(j + 1).map(|w| w.lower);
    let before = first.is_some();
    let passive = j > 0 && matches!(ws[j - 1].lower, "be" | "been" | "being");
    let future = Some(Cue::Tense(Tense::Future));
    let past = Some(Cue::Tense(Tense::Past));
    match w {
        "will" | "ll" | "shall" | "would" | "scheduled" | "expected" | "due" | "upcoming"
        | "may" | "might" | "begin" | "begins" | "resume" | "resumes" => future,
        // "plans to", "planned a march", not "vacation plans for".
        "plan" | "plans" | "planned" | "planning" | "intend" | "intends"
            if matches!(next, Some("to" | "a" | "an" | "the")) =>
        {
            future
        }
        "planned" | "planning" if next == Some("for") => future,
        // Verbs of intent look ahead to their infinitive: "decided to admit them in March" (but
        // "Clinton on Thursday vowed to act" vowed on Thursday).
        "decided" | "agreed" | "promised" | "pledged" | "vowed" | "hopes" | "hope" | "wants"
        | "aims" | "intended" | "threatened" | "offered"
            if before && next == Some("to") =>
        {
            future
        }
        "since" if before => past,
        // "met ahead of the November summit": the summit is still to come.
        "ahead" if before && next == Some("of") => future,
        "set" | "is" | "are" | "going" | "supposed" if matches!(next, Some("to" | "for")) => future,
        "soon" | "early" if before && j > 0 && ws[j - 1].lower == "as" => future,
        // A reporting verb dates its own clause: "said Friday", "said on Friday".
        "said" | "says" | "told" | "announced" | "saying" => match first {
            Some(f) if j + 1 == f || j + 2 == f && ws[j + 1].lower == "on" => past,
            None if w != "saying" => past,
            _ => Some(Cue::Stop),
        },
        "that" | "which" | "who" | "when" | "where" if !before => Some(Cue::Stop),
        "is" | "are" | "am" => Some(Cue::Tense(Tense::Present)),
        "was" | "were" | "had" | "did" | "met" | "began" | "came" | "went" | "took" | "fell"
        | "rose" | "saw" => past,
        // "the year ended March 31": a period that ended.
        "ended" => past,
        // Forms that are participles too: after "be" ("will be held") the auxiliary decides.
        "made" | "left" | "held" | "found" | "won" | "lost" | "struck" | "hit" | "seen" | "got"
        | "sent" | "gave"
            if !passive =>
        {
            past
        }
        _ => None,
    }
}

/// Whether the expression at words `first..=last` sits in a side clause, which does not date
/// its sentence's event: a relative clause or embedded question ("the governor, who declared an
/// emergency on Sunday, promised", "why repairs ordered in 2023 stalled"), a participle phrase
/// set off by commas ("The dam, built in 1966, holds"), or a participle after a noun whose
/// clause goes on to its own verb ("repairs recommended in 2023 were never done"; but
/// "engineers recommended repairs in 2023" is the main clause).
pub(super) fn side_clause(text: &str, ws: &[Word<'_>], first: usize, last: usize) -> bool {
    let mut j = first;
    let mut participle = false;
    while j > 0 && first - j < REACH && !boundary(text, ws, j - 1) {
        j -= 1;
        let w = ws[j].lower;
        if matches!(
            w,
            "who" | "whom" | "whose" | "which" | "why" | "how" | "whether"
        ) {
            return true;
        }
        if is_participle(w) && j > 0 && !is_auxiliary(ws[j - 1].lower) {
            participle = true;
        }
        if is_auxiliary(w) || cue(ws, j, Some(first)).is_some() && !is_participle(w) {
            break;
        }
    }
    let opens = j > 0 && boundary(text, ws, j - 1) && gap(text, ws, j - 1).trim() == ",";
    if opens && is_participle(ws[j].lower) {
        return true;
    }
    participle && verb_after(text, ws, last)
}

/// Whether a finite verb follows word `last` in its clause, before another clause starts
/// ("warned in 2023 that the dam was weak" has none of its own).
fn verb_after(text: &str, ws: &[Word<'_>], last: usize) -> bool {
    let mut k = last;
    while k + 1 < ws.len() && k - last < REACH && !boundary(text, ws, k) {
        k += 1;
        let w = ws[k].lower;
        if matches!(
            w,
            "that"
                | "which"
                | "who"
                | "because"
                | "when"
                | "while"
                | "after"
                | "before"
                | "if"
                | "as"
                | "since"
                | "until"
                | "where"
                | "and"
                | "but"
                | "so"
        ) {
            return false;
        }
        if is_auxiliary(w) {
            return true;
        }
    }
    false
}

/// Auxiliaries and forms of "be" and "have".
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "shall"
            | "should"
            | "may"
            | "might"
            | "must"
            | "did"
            | "does"
            | "do"
    )
}

/// A past participle: a regular "-ed" form or a common irregular one.
fn is_participle(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed"))
        || matches!(
            w,
            "built"
                | "made"
                | "held"
                | "found"
                | "seen"
                | "set"
                | "begun"
                | "done"
                | "given"
                | "taken"
                | "written"
                | "known"
                | "shown"
                | "sent"
                | "paid"
                | "sold"
                | "hit"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::time::words::words;

    /// (sentence, the expression's word, expected tense).
    const CASES: &[(&str, &str, Tense)] = &[
        ("The council will meet Tuesday.", "Tuesday", Tense::Future),
        ("The council met Tuesday.", "Tuesday", Tense::Past),
        // Regular past forms are not read: "voted" could be an adjective.
        ("The council voted on Tuesday.", "Tuesday", Tense::Unknown),
        ("Talks are to resume in March.", "March", Tense::Future),
        ("The vote is set for Oct. 3.", "Oct", Tense::Future),
        (
            "On Tuesday, the union plans a march.",
            "Tuesday",
            Tense::Future,
        ),
        ("On Tuesday, the union met.", "Tuesday", Tense::Past),
        (
            "The ministry said on Tuesday that it would act.",
            "Tuesday",
            Tense::Past,
        ),
        (
            "The ministry said Tuesday it would act.",
            "Tuesday",
            Tense::Past,
        ),
        (
            "The ministry said the vote is on Tuesday.",
            "Tuesday",
            Tense::Present,
        ),
        (
            "The ministry said the vote will be on Tuesday.",
            "Tuesday",
            Tense::Future,
        ),
        (
            "Envoys issued a statement Friday saying talks will resume.",
            "Friday",
            Tense::Unknown,
        ),
        (
            "Envoys, on Friday, said talks will resume.",
            "Friday",
            Tense::Unknown,
        ),
        (
            "On Friday, when envoys made vacation plans for the trip.",
            "Friday",
            Tense::Unknown,
        ),
        ("Tuesday was quiet.", "Tuesday", Tense::Past),
        (
            "Crews could arrive as early as Friday.",
            "Friday",
            Tense::Future,
        ),
        ("He has lived there since March.", "March", Tense::Past),
        (
            "Ministers met ahead of the November summit.",
            "November",
            Tense::Future,
        ),
        (
            "Ministers met ahead of November's summit.",
            "November",
            Tense::Future,
        ),
        (
            "It was shut since shortly after the Oct. 3 flood.",
            "Oct",
            Tense::Past,
        ),
        (
            "The summit will be held on Friday.",
            "Friday",
            Tense::Future,
        ),
        (
            "The launch was planned for Friday.",
            "Friday",
            Tense::Future,
        ),
        (
            "Blasts next to the embassies hit on Friday.",
            "Friday",
            Tense::Past,
        ),
        (
            "He left before selling his stake in March.",
            "March",
            Tense::Past,
        ),
        ("Crowds gather on Friday.", "Friday", Tense::Unknown),
        (
            "The bridge will be reopened on Friday.",
            "Friday",
            Tense::Future,
        ),
        (
            "The reduced fee is payable on Friday.",
            "Friday",
            Tense::Present,
        ),
        ("The plan Friday drew crowds.", "Friday", Tense::Unknown),
        (
            "The fund, worth 9.5 million, will pay on Friday.",
            "Friday",
            Tense::Future,
        ),
        (
            "The U.S. envoy will arrive Friday.",
            "Friday",
            Tense::Future,
        ),
        // A clause boundary hides the other clause's tense.
        (
            "The mayor said, Friday the crowds gather.",
            "Friday",
            Tense::Unknown,
        ),
        (
            "It will rain. On Friday crowds gather.",
            "Friday",
            Tense::Unknown,
        ),
        ("A hundred people gather Friday.", "Friday", Tense::Unknown),
        ("Talks go on until Friday.", "Friday", Tense::Future),
        (
            "Until Friday, police had not named him.",
            "Friday",
            Tense::Past,
        ),
        ("Talks are supposed to end by May.", "May", Tense::Future),
        ("The debt must be repaid by May.", "May", Tense::Future),
        (
            "In the year ended March 31, sales rose.",
            "March",
            Tense::Past,
        ),
        (
            "They would fight Wednesday's ruling.",
            "Wednesday",
            Tense::Unknown,
        ),
        (
            "Protests grew before Sunday's vote.",
            "Sunday",
            Tense::Future,
        ),
        (
            "The bloc has decided to admit them in early March.",
            "March",
            Tense::Future,
        ),
        (
            "Envoys are planning for a summit in April.",
            "April",
            Tense::Future,
        ),
    ];

    /// (sentence, the expression's word, whether it is in a side clause).
    const SIDE: &[(&str, &str, bool)] = &[
        (
            "Engineers warned in 2023 that the dam was weak.",
            "2023",
            false,
        ),
        ("Engineers recommended repairs in 2023.", "2023", false),
        ("Repairs recommended in 2023 were never done.", "2023", true),
        (
            "The dam, built in 1966, holds back the river.",
            "1966",
            true,
        ),
        (
            "The governor, who declared an emergency on Sunday, met envoys.",
            "Sunday",
            true,
        ),
        (
            "She asked why repairs ordered in 2023 stalled.",
            "2023",
            true,
        ),
        (
            "The dam gave way on Sunday, officials said.",
            "Sunday",
            false,
        ),
        (
            "He said the repairs had been scheduled for 2027.",
            "2027",
            false,
        ),
        (
            "Rescuers searched on Monday, a day after it collapsed.",
            "Monday",
            false,
        ),
    ];

    #[test]
    fn side_clause_table() {
        for &(text, word, want) in SIDE {
            let (mut buf, mut digits) = (String::new(), Vec::new());
            let ws = words(text, &mut buf, &mut digits);
            let i = ws.iter().position(|w| w.text == word).unwrap();
            assert_eq!(side_clause(text, &ws, i, i), want, "{text}");
        }
    }

    #[test]
    fn clause_tense_table() {
        for &(text, word, want) in CASES {
            let (mut buf, mut digits) = (String::new(), Vec::new());
            let ws = words(text, &mut buf, &mut digits);
            let i = ws.iter().position(|w| w.text == word).unwrap();
            assert_eq!(tense_at(text, &ws, i, i), want, "{text}");
        }
    }
}
