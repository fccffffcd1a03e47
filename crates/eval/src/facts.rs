//! Scoring facts against gold annotations: quotes and their speakers (PolNeAR), time
//! expressions and their calendar values (TempEval-3), and injected conflicting figures.
//!
//! Only the matching rules live here, as plain functions; the CLI's `eval-facts` runs the
//! pipeline and counts. The rules follow the shared data's README:
//! * a gold quote is found when a predicted quote overlaps it ([`overlaps`]);
//! * a speaker is right when it names the same entity as the gold name ([`same_speaker`]);
//! * a time expression's value is right when it equals the gold TimeML value exactly.

/// Whether two byte ranges share at least one byte.
pub fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Where `needle` stands in `text`, white space aside: cleaned text normalises white space, so
/// a span of it is found in the original by its other characters. The byte range in `text`
/// runs from the needle's first to its last non-space character. The first occurrence at or
/// after byte `from` is taken.
pub fn locate(text: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    let squeeze = |s: &str, base: usize| -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut at = Vec::new();
        for (i, c) in s.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            out.push(c);
            at.extend(std::iter::repeat_n(base + i, c.len_utf8()));
        }
        (out, at)
    };
    let from = (0..=from.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let (hay, at) = squeeze(&text[from..], from);
    let (pin, _) = squeeze(needle, 0);
    if pin.is_empty() {
        return None;
    }
    let k = hay.find(&pin)?;
    let last = k + pin.len() - 1;
    let end_char = text[at[last]..].chars().next().map_or(1, char::len_utf8);
    Some((at[k], at[last] + end_char))
}

/// Words that are titles or honorifics, not part of a name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "former",
    "vice",
    "secretary",
    "sir",
    "lady",
    "lord",
    "gen",
    "general",
    "col",
    "lt",
    "sgt",
    "capt",
    "prof",
    "professor",
    "rev",
    "judge",
    "mayor",
    "chairman",
    "chairwoman",
    "leader",
    "speaker",
    "candidate",
    "nominee",
    "republican",
    "democrat",
    "democratic",
    "d",
    "r",
    "jr",
    "sr",
];

/// The name words of a speaker: lower-cased runs of letters, possessive endings, titles and
/// party labels dropped.
pub fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .map(|w| {
            let w = w.trim_matches(|c| c == '\'' || c == '’').to_lowercase();
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .map(str::to_string)
                .unwrap_or(w)
        })
        .filter(|w| !w.is_empty() && !TITLES.contains(&w.as_str()))
        .collect()
}

/// Whether a predicted speaker names the same entity as a gold one: the name words of one are
/// all among the other's ("Clinton" = "Hillary Clinton"; "Bill Clinton" != "Hillary Clinton").
pub fn same_speaker(predicted: &str, gold: &str) -> bool {
    let (p, g) = (name_words(predicted), name_words(gold));
    if p.is_empty() || g.is_empty() {
        return false;
    }
    p.iter().all(|w| g.contains(w)) || g.iter().all(|w| p.contains(w))
}

/// Words that cannot head or make up a speaker on their own.
const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "but", "as", "that", "which", "who", "when", "while", "if", "he", "she", "it",
    "they", "we", "i", "you", "has", "have", "had", "is", "was", "are", "were", "be", "been", "to",
    "of", "in", "on", "for", "with", "by", "at", "from", "between", "said", "says",
];

/// Whether a predicted speaker is a fragment of a clause rather than a person, an
/// organisation or a described source: it holds a function word that no name or description
/// ends with ("and", "she has", "between the USA and Russia and"), or it has no capitalised
/// word and does not open with a determiner ("a police spokesman" and "officials" are
/// descriptions; "has" is a fragment).
pub fn is_fragment(speaker: &str) -> bool {
    let words: Vec<&str> = speaker.split_whitespace().collect();
    let Some(last) = words.last() else {
        return true;
    };
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let function = |w: &str| FUNCTION_WORDS.contains(&lower(w).as_str());
    if function(last) || (words.len() > 1 && function(words[0])) {
        return true;
    }
    let capitalised = words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let determiner = matches!(
        lower(words[0]).as_str(),
        "a" | "an" | "the" | "one" | "two" | "some" | "several" | "many" | "another"
    );
    !capitalised && !determiner && words.len() > 1
}

/// Whether a TimeML value names a place on the calendar: a year, season, quarter, month,
/// week or day (`1998`, `1998-SU`, `1998-Q3`, `1998-08`, `1998-W33`, `1998-08-18`), with
/// digits known. `PRESENT_REF`, durations and `XXXX-...` values do not.
pub fn is_calendar_value(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let rest = &value[4..];
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|c| c.is_ascii_digit());
    match rest.len() {
        0 => true,
        3 => {
            digits(&rest[1..], 2) && rest.starts_with('-')
                || matches!(rest, "-SP" | "-SU" | "-FA" | "-WI")
                || rest.starts_with("-Q") && digits(&rest[2..], 1)
        }
        4 => rest.starts_with("-W") && digits(&rest[2..], 2),
        6 => {
            rest.starts_with('-')
                && digits(&rest[1..3], 2)
                && &rest[3..4] == "-"
                && digits(&rest[4..], 2)
        }
        _ => false,
    }
}

/// The first number in a figure as written ("1,200", "$3.5 million", "70", "12%"), for
/// comparing a flagged value with an injected one.
pub fn figure_value(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let run: String = text[start..]
        .chars()
        .take_while(|&c| c.is_ascii_digit() || c == ',' || c == '.')
        .filter(|&c| c != ',')
        .collect();
    run.trim_end_matches('.').parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_overlap_when_they_share_a_byte() {
        assert!(overlaps((0, 5), (4, 9)));
        assert!(!overlaps((0, 5), (5, 9)));
        assert!(overlaps((3, 4), (0, 10)));
    }

    #[test]
    fn a_cleaned_span_is_found_in_the_original_white_space_aside() {
        let text = "He said:  “We will\n  rebuild,” and left. We will rebuild.";
        let (s, e) = locate(text, "We will rebuild,", 0).expect("found");
        assert_eq!(&text[s..e], "We will\n  rebuild,");
        let (s2, _) = locate(text, "We will rebuild", e).expect("second occurrence");
        assert_eq!(&text[s2..s2 + 2], "We");
        assert!(s2 > e);
        assert_eq!(locate(text, "  ", 0), None);
        assert_eq!(locate(text, "not there", 0), None);
    }

    #[test]
    fn speakers_match_by_name_words() {
        assert!(same_speaker("Clinton", "Hillary Clinton"));
        assert!(same_speaker("Sen. Ted Cruz", "Ted Cruz"));
        assert!(same_speaker("Trump's", "Donald Trump"));
        assert!(!same_speaker("Bill Clinton", "Hillary Clinton"));
        assert!(!same_speaker("Iowa", "Chuck Grassley"));
        assert!(!same_speaker("the", "Chuck Grassley"));
    }

    #[test]
    fn fragments_are_told_from_names_and_descriptions() {
        for f in [
            "and",
            "she has",
            "between the USA and Russian Federation and",
            "has said",
        ] {
            assert!(is_fragment(f), "{f}");
        }
        for s in [
            "Hillary Clinton",
            "a police spokesman",
            "officials",
            "The New York Times",
            "Iowa",
        ] {
            assert!(!is_fragment(s), "{s}");
        }
    }

    #[test]
    fn calendar_values() {
        for v in [
            "1998",
            "1998-08",
            "1998-08-18",
            "1998-W33",
            "1998-Q3",
            "1998-SU",
        ] {
            assert!(is_calendar_value(v), "{v}");
        }
        for v in [
            "PRESENT_REF",
            "P3D",
            "XXXX-XX-XX",
            "1998-08-18T10:35",
            "199",
        ] {
            assert!(!is_calendar_value(v), "{v}");
        }
    }

    #[test]
    fn figures_compare_as_numbers() {
        assert_eq!(figure_value("1,200"), Some(1200.0));
        assert_eq!(figure_value("$3.5"), Some(3.5));
        assert_eq!(figure_value("12%"), Some(12.0));
        assert_eq!(figure_value("2.1 million"), Some(2.1));
        assert_eq!(figure_value("twelve"), None);
    }
}
