//! What may be extracted from an article, and how: the rules every summarizer and the facts'
//! "what each source adds" share. A sentence is extracted when cleaning kept it as prose and it
//! reads as a statement ([`can_extract`]); a dangling leading connective is left out of what is
//! quoted ([`extract`]); a sentence that opens with a personal pronoun leans on context the
//! summary will not have ([`leans_on_context`]).

use crate::model::SentenceRef;
use crate::story::Story;

/// Whether sentence `at` may be extracted: cleaning kept it as prose to quote (not as context
/// only, like a caption), it reads as a statement ([`is_extractable`]) and it stands on its own
/// ([`leans_on_context`], [`unknown_definite`]). The filter every method and the facts' "what
/// each source adds" apply.
///
/// Decided once per story, when it is analyzed ([`decide_extractable`]); this reads the answer.
pub fn can_extract(story: &Story, at: SentenceRef) -> bool {
    story.extractable(at)
}

/// [`can_extract`] of every sentence of an analyzed story, `[doc][sent]`; documents in
/// parallel.
pub(crate) fn decide_extractable(story: &Story) -> Vec<Vec<bool>> {
    use rayon::prelude::*;
    story
        .documents
        .par_iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| {
                    let text = d.slice(s.span);
                    s.quotable
                        && is_extractable(text, s.words)
                        && !leans_on_context(text)
                        && !unknown_definite(story, text)
                })
                .collect()
        })
        .collect()
}

/// Does the sentence open with a definite subject the story has not made known: "The analysis
/// was funded ...", "The victims are suing ..." where few of the story's articles speak of an
/// analysis or of victims? Writers introduce what is new ("Two studies ...", "Victims of the
/// fire ..."); a bare "The X" followed by its verb points back to an earlier sentence. A
/// subject that most articles name ("The storm killed ...") is the story's own and stands.
pub fn unknown_definite(story: &Story, text: &str) -> bool {
    let text = &text[connective_len(text)..];
    let mut words = crate::text::word_spans(text).map(|(s, e)| &text[s..e]);
    if words.next() != Some("The") {
        return false;
    }
    let words: Vec<&str> = std::iter::once("The").chain(words).collect();
    let lexicon = crate::text::Lexicon::english();
    // Up to three lower-case words, then a verb: "The drugs appear", "The analysis was".
    let np = words[1..]
        .iter()
        .take(3)
        .take_while(|w| w.starts_with(char::is_lowercase) && !is_verb(w) && !lexicon.is_stop(w))
        .count();
    let Some(verb) = words.get(1 + np) else {
        return false;
    };
    if np == 0 || !is_verb(verb) {
        return false;
    }
    let head = words[np];
    let known = crate::text::term_of(&story.vocab, head)
        .is_some_and(|t| 2 * story.doc_freq(t) > story.voices());
    !known
}

/// Words that follow a bare subject as its verb: auxiliaries, "also", speech and common
/// reporting verbs, and past-tense forms.
fn is_verb(w: &str) -> bool {
    const VERBS: &[&str] = &[
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
        "might", "should", "must", "also", "said", "says", "say", "appear", "appears", "seem",
        "seems", "show", "shows", "found", "remain", "remains",
    ];
    VERBS.contains(&w) || (w.len() > 4 && w.ends_with("ed"))
}

/// Does the sentence read as a stand-alone statement worth extracting? Used by methods as a
/// filter; cheap checks only.
pub fn is_extractable(text: &str, words: usize) -> bool {
    if !(5..=80).contains(&words) {
        return false;
    }
    // A sentence must start like one: upper case, digit or an opening quote.
    if !matches!(text.chars().next(), Some(c) if c.is_uppercase() || c.is_ascii_digit() || "\"“'‘`(".contains(c))
    {
        return false;
    }
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')']);
    // A statement ends like one: not a question, and not a headline, a caption or a fragment
    // cut short (no final stop).
    if !t.ends_with(['.', '!', '…']) {
        return false;
    }
    // One pass over the bytes: links, addresses and handles are not statements, and a
    // fragment of a quotation split across sentences does not stand alone (unbalanced marks).
    let b = text.as_bytes();
    let (mut straight, mut open, mut close, mut ticks, mut apostrophes) = (0, 0, 0, 0, 0);
    let mut i = 0;
    // Only these bytes matter below.
    while let Some(k) = b[i..]
        .iter()
        .position(|c| matches!(c, b'"' | 0xE2 | b'`' | b'\'' | b':' | b'.' | b'@'))
    {
        i += k;
        match b[i] {
            b'"' => straight += 1,
            // “ and ” are E2 80 9C and E2 80 9D.
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C) => open += 1,
                Some(0x9D) => close += 1,
                _ => {}
            },
            // Runs of `` and '' count in pairs, as non-overlapping matches do.
            c @ (b'`' | b'\'') => {
                let run = b[i..].iter().take_while(|&&x| x == c).count();
                if c == b'`' {
                    ticks += run / 2;
                } else {
                    apostrophes += run / 2;
                }
                i += run;
                continue;
            }
            b':' if b[i + 1..].starts_with(b"//")
                && (b[..i].ends_with(b"http") || b[..i].ends_with(b"https")) =>
            {
                return false;
            }
            b'.' if b[..i].ends_with(b"www")
                || (b[..i].ends_with(b"pic") && b[i + 1..].starts_with(b"twitter.com")) =>
            {
                return false;
            }
            b'@' if (i == 0 || b[i - 1].is_ascii_whitespace())
                && b.get(i + 1).is_some_and(|x| !x.is_ascii_whitespace()) =>
            {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    straight % 2 == 0 && open == close && ticks == apostrophes
}

/// Connectives that dangle when a sentence is lifted out of its article.
const CONNECTIVES: &[&str] = &[
    "But ",
    "And ",
    "Yet ",
    "So ",
    "Also, ",
    "Still, ",
    "However, ",
    "Meanwhile, ",
    "Moreover, ",
    "Furthermore, ",
    "In addition, ",
    "Rather, ",
    "Instead, ",
    "Indeed, ",
    "Nevertheless, ",
    "Nonetheless, ",
    "Besides, ",
    "Thus, ",
    "Therefore, ",
    "In fact, ",
    "Of course, ",
    "After all, ",
    "Then, ",
    "Even so, ",
    "Still ",
    "But, ",
    "And yet, ",
    "Likewise, ",
    "Similarly, ",
    "Additionally, ",
    "Consequently, ",
    "As a result, ",
    "In turn, ",
];

/// The part of a sentence worth extracting: its byte offset after a dangling leading connective
/// ("But", "However,", "Rather,"), or 0. The rest must still read as a sentence (at least four
/// words, starting with a letter, digit or quote).
pub fn connective_len(text: &str) -> usize {
    CONNECTIVES
        .iter()
        .filter_map(|c| text.strip_prefix(c))
        .find(|rest| reads_on(rest))
        .map_or(0, |rest| text.len() - rest.len())
}

/// Whether what follows a connective still reads as a sentence: at least four words, starting
/// with a letter, digit or quote.
fn reads_on(rest: &str) -> bool {
    rest.split_whitespace().nth(3).is_some()
        && rest
            .chars()
            .next()
            .is_some_and(|f| f.is_alphanumeric() || "\"“'‘`".contains(f))
}

/// The span and word count of what a summary would extract from sentence `at` (the sentence
/// without a dangling leading connective).
pub fn extract(story: &Story, at: SentenceRef) -> (crate::model::Span, usize) {
    let s = story.sentence(at);
    let text = story.sentence_text(at);
    let cut = connective_len(text);
    if cut == 0 {
        return (s.span, s.words);
    }
    let span = crate::model::Span::new(s.span.start + cut, s.span.end);
    (span, crate::text::count_clean_words(&text[cut..]))
}

/// Does the sentence lean on context it will not have in a summary, so that a reader of the
/// summary could not tell what it is about? It does when, after any dangling connective:
/// * it opens with a pronoun or a pointing word ("He said ...", "Their ...", "It is ...",
///   "This means ...", "Such status ...", "Both ...", "The two ...", "Nor ...");
/// * it speaks in the first person outside quotation marks: the middle of a quotation whose
///   speaker is in another sentence;
/// * it is a quotation and nothing else, with no speaker;
/// * it points back ("these steroids", "those games", "such approval", "the 51-year-old");
/// * a personal pronoun comes before anyone it could mean ("Now, Garcia said, they want ...").
pub fn leans_on_context(text: &str) -> bool {
    let text = &text[connective_len(text)..];
    let words: Vec<&str> = crate::text::word_spans(text)
        .map(|(s, e)| &text[s..e])
        .collect();
    let Some(first) = words
        .first()
        .map(|w| w.split(['\'', '’']).next().unwrap_or(w))
    else {
        return false;
    };
    opens_leaning(first, &words[1..])
        || bare_quote(text)
        || first_person_outside_quotes(text)
        || points_back(&words)
        || unresolved_pronoun(text)
        || pronoun_attribution(&words)
}

/// Openers that need what came before: pronouns, demonstratives, "Both", "Nor", "The two".
fn opens_leaning(first: &str, rest: &[&str]) -> bool {
    const OPENERS: &[&str] = &[
        "He", "She", "They", "His", "Her", "Their", "It", "Its", "Them", "Him", "Such", "Both",
        "Nor", "Those", "These", "Now", "Then", "There",
    ];
    const TIME: &[&str] = &[
        "year",
        "week",
        "month",
        "morning",
        "afternoon",
        "evening",
        "season",
    ];
    // "The two ...", "The 12-year-old ..."; not a year ("The 1997-98 season").
    let number = |w: &str| {
        let year = w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
        (w.starts_with(|c: char| c.is_ascii_digit()) && !year)
            || ["two", "three", "four", "five", "six", "both"].contains(&w)
    };
    // "It rained ...", "It is likely that ...": an "it" that stands for nothing.
    const EMPTY_IT: &[&str] = &[
        "expected",
        "likely",
        "unlikely",
        "possible",
        "unclear",
        "clear",
        "hoped",
        "feared",
        "believed",
        "estimated",
        "thought",
        "time",
        "not",
    ];
    let second = rest.first().copied();
    match first {
        "It" => {
            !(second.is_some_and(|w| ["rained", "snowed", "rains", "snows"].contains(&w))
                || (second.is_some_and(|w| ["is", "was"].contains(&w))
                    && rest.get(1).is_some_and(|w| EMPTY_IT.contains(w))))
        }
        // "This year ..." dates; "This means ..." points back.
        "This" | "That" => !second.is_some_and(|w| TIME.contains(&w)),
        // "There is ...", "There were ..." are existential and stand alone.
        "There" => !second
            .is_some_and(|w| ["is", "are", "was", "were", "has", "have", "will"].contains(&w)),
        "The" => second.is_some_and(number),
        _ => OPENERS.contains(&first),
    }
}

/// A sentence that is only a quotation, with nobody to say it.
fn bare_quote(text: &str) -> bool {
    let t = text.trim_end();
    let mut inner = t.chars();
    let (Some(open), Some(close)) = (inner.next(), inner.next_back()) else {
        return false;
    };
    "\"“`".contains(open)
        && "\"”'".contains(close)
        && !inner.as_str().contains(['"', '“', '”'])
        && !inner.as_str().trim_end_matches('\'').contains("''")
}

/// Whether the sentence ends by attributing itself to a pronoun: "..., he added.", "..., she
/// said." The speaker is in another sentence.
fn pronoun_attribution(words: &[&str]) -> bool {
    const SPEECH: &[&str] = &[
        "said",
        "says",
        "added",
        "adds",
        "told",
        "noted",
        "explained",
        "argued",
        "insisted",
        "warned",
        "wrote",
    ];
    let n = words.len();
    n >= 2 && ["he", "she", "they"].contains(&words[n - 2]) && SPEECH.contains(&words[n - 1])
}

/// The words of `text`, each with whether it stands inside quotation marks.
fn words_in_quotes(text: &str) -> Vec<(&str, bool)> {
    let mut inside = false;
    let mut at = 0;
    let mut out = Vec::new();
    for (s, e) in crate::text::word_spans(text) {
        let gap = &text[at..s];
        for c in gap.chars() {
            match c {
                '"' => inside = !inside,
                '“' | '`' => inside = true,
                '”' => inside = false,
                _ => {}
            }
        }
        if gap.contains("''") {
            inside = false;
        }
        at = e;
        out.push((&text[s..e], inside));
    }
    out
}

/// Whether a first-person word ("I", "we", "our") stands outside every quotation mark ("I"
/// after a capitalised word is a numeral: "Episode I", "World War I").
fn first_person_outside_quotes(text: &str) -> bool {
    const FIRST: &[&str] = &[
        "I", "we", "We", "our", "Our", "us", "my", "My", "me", "I'm", "I've", "I'd", "we're",
        "We're", "we've", "We've",
    ];
    let words = words_in_quotes(text);
    words.iter().enumerate().any(|(i, &(w, inside))| {
        let numeral = w == "I" && i > 0 && words[i - 1].0.starts_with(char::is_uppercase);
        !inside && FIRST.contains(&w) && !numeral
    })
}

/// Determiners that point back to something named before: "these steroids", "those games",
/// "such approval" (not "such as"), "the 51-year-old's".
fn points_back(words: &[&str]) -> bool {
    let lexicon = crate::text::Lexicon::english();
    words.windows(2).any(|w| {
        // Only a determiner's next word is looked at (the ASCII test finds every word whose
        // lower case is one of these).
        let a = w[0];
        let points = ["these", "those"].iter().any(|d| a.eq_ignore_ascii_case(d));
        if !points && !a.eq_ignore_ascii_case("such") {
            return false;
        }
        let b = w[1].to_lowercase();
        if points {
            !lexicon.is_stop(&b) && !b.ends_with("ing") && !b.ends_with("ed") && b != "days"
        } else {
            b != "as" && b != "a"
        }
    }) || words.windows(4).any(|w| {
        w[0].eq_ignore_ascii_case("the")
            && w[1].starts_with(|c: char| c.is_ascii_digit())
            && w[2] == "year"
            && w[3] == "old's"
    })
}

/// A third-person pronoun outside quotation marks that nobody in the sentence can be:
/// "he"/"she" with no name anywhere in the sentence (a name may follow: "In his first year,
/// Bush ..."), "they" with neither a plural noun, a group, nor several names or a name of
/// several words before it.
fn unresolved_pronoun(text: &str) -> bool {
    const GROUPS: &[&str] = &[
        "police",
        "people",
        "government",
        "staff",
        "company",
        "family",
        "team",
        "party",
        "children",
        "men",
        "women",
        "administration",
        "public",
        "board",
        "committee",
    ];
    let lexicon = crate::text::Lexicon::english();
    let words = words_in_quotes(text);
    // A capitalised word that is not a stop word names someone. The first word of the
    // sentence is capitalised anyway: it names unless it is an adverb, a participle or a
    // word that opens sentences.
    const OPENERS: &[&str] = &[
        "despite",
        "although",
        "though",
        "unlike",
        "among",
        "amid",
        "following",
        "according",
        "last",
        "next",
        "earlier",
        "later",
        "today",
        "yesterday",
        "many",
        "several",
        "every",
        "instead",
        "still",
        "yet",
        "even",
        "already",
        "often",
        "asked",
        "like",
    ];
    let lowers: Vec<String> = words.iter().map(|(w, _)| w.to_lowercase()).collect();
    let is_name = |i: usize| {
        let (w, lower) = (words[i].0, &lowers[i]);
        w.starts_with(char::is_uppercase)
            && !lexicon.is_stop(lower)
            && (i > 0
                || !(lower.ends_with("ly")
                    || lower.ends_with("ing")
                    || OPENERS.contains(&lower.as_str())))
    };
    let names: Vec<usize> = (0..words.len())
        .filter(|&i| !words[i].1 && is_name(i))
        .collect();
    let mut group = false;
    for (i, &(w, inside)) in words.iter().enumerate() {
        let lower = lowers[i].split(['\'', '’']).next().unwrap_or(&lowers[i]);
        if !inside {
            match lower {
                "he" | "him" | "his" | "she" | "her" if names.is_empty() => return true,
                "they" | "them" | "their" if !group => return true,
                _ => {}
            }
        }
        let before = names.iter().filter(|&&n| n < i).count();
        group |= before >= 2
            || (i > 0 && names.contains(&(i - 1)) && names.contains(&i))
            || (w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()))
            || (!lexicon.is_stop(lower)
                && (GROUPS.contains(&lower)
                    || (lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("'s"))));
    }
    false
}
