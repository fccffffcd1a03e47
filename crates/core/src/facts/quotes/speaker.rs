//! Speakers: the speaker phrase of an attribution resolved to a name through [`Entities`] (the
//! name heading the phrase's first noun phrase; a surname or "Mr X" to the full name), a
//! pronoun ("he said") to the person of its gender it stands for nearby (gender from "Mr"/"Ms",
//! a gendered role, a common first name or "X said she"; unknown fits both), a description ("the minister") to
//! the person with that role in the article, else the phrase as written when it reads as a
//! speaker; and a quote without attribution continuing the attributed one before it in its
//! paragraph, or in the paragraph before when the quote is a paragraph of its own.

use std::collections::BTreeSet;

use super::attribution::attribution;
use super::marks::Segment;
use super::{is_speech_verb, word_count, PRONOUNS, UNKNOWN_PRONOUNS};
use crate::facts::entities::{is_not_name, Entities, Kind, Mention};
use crate::model::Document;
use crate::text::WordSet;

/// A speaker: the name or phrase, and the entity when it is a named one.
pub(super) type Speaker = (Option<String>, Option<usize>);

/// The speaker of the previous attributed quote of the article, for "he added".
#[derive(Debug, Clone)]
struct LastSpeaker {
    end: usize,
    paragraph: usize,
    speaker: String,
    entity: usize,
}

/// Byte offsets where the lines (paragraphs) of `text` start.
pub(super) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The mentions (of one document, in text order) that start in `from..to`: all that can lie
/// inside it.
fn starting_in(mentions: &[Mention], from: usize, to: usize) -> &[Mention] {
    let lo = mentions.partition_point(|m| m.start < from);
    let hi = mentions.partition_point(|m| m.start < to).max(lo);
    &mentions[lo..hi]
}

/// The 0-based line of byte `at`, given [`line_starts`].
fn paragraph_of(lines: &[usize], at: usize) -> usize {
    lines.partition_point(|&s| s <= at).saturating_sub(1)
}

/// The speakers of one article's quotes, in order: what each needs of the quotes before it.
pub(super) struct Speakers<'a> {
    /// Line starts of the article ([`line_starts`]).
    lines: &'a [usize],
    doc_index: usize,
    doc: &'a Document,
    entities: &'a Entities,
    /// The last attributed quote whose speaker is a person.
    previous: Option<LastSpeaker>,
    /// The paragraph, speaker, entity and end of the last quote with a speaker.
    last_in_para: Option<(usize, String, Option<usize>, usize)>,
}

impl<'a> Speakers<'a> {
    pub fn new(
        lines: &'a [usize],
        doc_index: usize,
        doc: &'a Document,
        entities: &'a Entities,
    ) -> Self {
        Speakers {
            lines,
            doc_index,
            doc,
            entities,
            previous: None,
            last_in_para: None,
        }
    }

    /// The speaker of the next quote, made of `segs` (`gap`: the attribution range of a split
    /// quote): its attribution resolved, else the speaker of the attributed quote before it in
    /// the same paragraph.
    pub fn next(&mut self, segs: &[Segment], gap: Option<(usize, usize)>) -> Speaker {
        let first = segs[0];
        let who = attribution(self.doc, segs, gap);
        let (mut speaker, mut entity) = match who {
            Some((s, e)) => self.resolve(s, e, first.open_at),
            None => (None, None),
        };
        let para = paragraph_of(self.lines, first.open_at);
        if who.is_none() {
            // A quote continuing in the paragraph of an attributed one is the same speaker's,
            // and so is a paragraph that is only a quotation right after it.
            if let Some((p, s, e, end)) = &self.last_in_para {
                let whole = *p + 1 == para
                    && self.whole_paragraph(segs)
                    && !self.other_person_between(*end, first.open_at, *e);
                if *p == para || whole {
                    speaker = Some(s.clone());
                    entity = *e;
                }
            }
        }
        // A quote run on over paragraphs ends in the paragraph of its last part.
        let last = segs.last().map_or(first, |s| *s);
        let end_para = paragraph_of(self.lines, last.open_at);
        if let Some(s) = &speaker {
            self.last_in_para = Some((end_para, s.clone(), entity, last.close_end));
            if let Some(e) = entity {
                if self.entities.list[e].kind == Kind::Person {
                    self.previous = Some(LastSpeaker {
                        end: last.close_end,
                        paragraph: end_para,
                        speaker: s.clone(),
                        entity: e,
                    });
                }
            }
        }
        (speaker, entity)
    }

    /// Whether the quote made of `segs` is all its paragraph holds: nothing but blanks before
    /// its opening mark and after its closing one (a full stop after the mark allowed).
    fn whole_paragraph(&self, segs: &[Segment]) -> bool {
        let text = &self.doc.clean;
        let (first, last) = (segs[0], segs[segs.len() - 1]);
        let start = self.lines[paragraph_of(self.lines, first.open_at)];
        let rest = &text[last.close_end..];
        let after = &rest[..rest.find('\n').unwrap_or(rest.len())];
        segs.len() == 1
            && !last.open_ended
            && text[start..first.open_at].trim().is_empty()
            && after.trim().trim_matches(['.', ',']).is_empty()
    }

    /// Whether a person other than entity `e` is named in `from..to` (they may speak next).
    fn other_person_between(&self, from: usize, to: usize, e: Option<usize>) -> bool {
        let mentions = self.entities.in_doc(self.doc_index);
        starting_in(mentions, from, to)
            .iter()
            .any(|m| self.is_person(m) && Some(m.entity) != e)
    }

    fn kind(&self, m: &Mention) -> Kind {
        self.entities.list[m.entity].kind
    }

    fn named(&self, m: &Mention) -> Speaker {
        (
            Some(self.entities.list[m.entity].name.clone()),
            Some(m.entity),
        )
    }

    /// Turn the speaker phrase `start..end` of the quote at `quote_at` into a name: a person
    /// or organization named in it, a resolved pronoun or role, or the phrase itself.
    fn resolve(&self, start: usize, end: usize, quote_at: usize) -> Speaker {
        let text = &self.doc.clean;
        let Some(phrase) = subject_phrase(&text[start..end]) else {
            return (None, None);
        };
        // (A sub-slice of `text[start..end]`.)
        let start = start + (phrase.as_ptr() as usize - text[start..end].as_ptr() as usize);
        let lower = phrase.to_lowercase();
        let words = word_count(phrase);
        if words == 0 {
            return (None, None);
        }
        // "He’s claiming": the pronoun without its contraction.
        let last_word = lower
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let phrase_end = start + phrase.len();
        if UNKNOWN_PRONOUNS.contains(&last_word) && (words == 1 || phrase.ends_with(last_word)) {
            return (None, None);
        }
        if PRONOUNS.contains(&last_word) {
            return self.resolve_pronoun(start, quote_at, last_word);
        }
        if let Some(m) = self.subject_named(start, phrase_end, &lower, words) {
            return self.named(m);
        }
        if lower.starts_with("the ") && words <= 4 {
            if let Some(m) = self.described(last_word, quote_at) {
                return self.named(m);
            }
        }
        if words > 8 || !looks_like_speaker(phrase, &lower) {
            return (None, None);
        }
        (Some(phrase.to_string()), None)
    }

    /// A name in the phrase `start..phrase_end` that is its subject: at the end ("… Lavrov
    /// said") or before an apposition ("Karen Davis, a professor …, said"). A person first,
    /// then an organization or other name, then a place opening the phrase (or in "the X" of
    /// at most three words).
    fn subject_named(
        &self,
        start: usize,
        phrase_end: usize,
        lower: &str,
        words: usize,
    ) -> Option<&'a Mention> {
        let text = &self.doc.clean;
        let mentions = self.entities.in_doc(self.doc_index);
        let within = starting_in(mentions, start, phrase_end);
        // The name ending the phrase's first noun phrase ("Ann Lee, a writer for The Ledger";
        // "Ann Lee of the union"; "Rep. Ann Lee (D-Vt.)"): the head of the subject. A name
        // before a noun ("the Vermont governor") is no head.
        let cut = head_cut(text, start, phrase_end, within);
        let last_of = |want: &[Kind]| {
            within.iter().rfind(|m| {
                m.end <= cut
                    && want.contains(&self.kind(m))
                    && text[m.end..cut].trim_matches([' ', '.']).is_empty()
            })
        };
        if let Some(m) =
            last_of(&[Kind::Person]).or_else(|| last_of(&[Kind::Organization, Kind::Other]))
        {
            return Some(m);
        }
        let heads = |want: &[Kind]| {
            within
                .iter()
                .filter(|m| m.end <= phrase_end && want.contains(&self.kind(m)))
                .rfind(|m| {
                    let after = text[m.end..phrase_end].trim_start().trim_start_matches('.');
                    after.trim().is_empty() || after.starts_with(',') || after.starts_with('(')
                })
        };
        if let Some(m) = heads(&[Kind::Person]) {
            return Some(m);
        }
        if let Some(m) = heads(&[Kind::Organization, Kind::Other]) {
            return Some(m);
        }
        heads(&[Kind::Place]).filter(|m| {
            text[start..m.start].trim().is_empty() || lower.starts_with("the ") && words <= 3
        })
    }

    /// A described speaker ("the X", `last_word` its head): "the company" is the organization
    /// the article last named before the quote at `quote_at`; "the minister" the person with
    /// that role (the last before the quote, else the only one in the article).
    fn described(&self, last_word: &str, quote_at: usize) -> Option<&'a Mention> {
        let mentions = self.entities.in_doc(self.doc_index);
        if matches!(
            last_word,
            "company"
                | "firm"
                | "group"
                | "organization"
                | "organisation"
                | "agency"
                | "carrier"
                | "airline"
                | "bank"
                | "retailer"
                | "automaker"
                | "manufacturer"
        ) {
            if let Some(m) = mentions
                .iter()
                .rev()
                .find(|m| m.end <= quote_at && self.kind(m) == Kind::Organization)
            {
                return Some(m);
            }
        }
        let with_role = |m: &&Mention| {
            let e = &self.entities.list[m.entity];
            e.kind == Kind::Person && e.roles.iter().any(|r| r.split(' ').any(|w| w == last_word))
        };
        if let Some(m) = mentions
            .iter()
            .rev()
            .filter(|m| m.start < quote_at)
            .find(with_role)
        {
            return Some(m);
        }
        let all: BTreeSet<usize> = mentions
            .iter()
            .filter(with_role)
            .map(|m| m.entity)
            .collect();
        if all.len() == 1 {
            return mentions.iter().find(with_role);
        }
        None
    }

    /// A person mention: a person, or a name of two or more words of no known kind (mostly
    /// people) unless written after "the" ("the United States", "the Morning Show").
    fn is_person(&self, m: &Mention) -> bool {
        let e = &self.entities.list[m.entity];
        let after_the = || {
            let before = self.doc.clean[..m.start].trim_end();
            let last = before.rsplit([' ', '\n']).next().unwrap_or("");
            last.eq_ignore_ascii_case("the")
        };
        e.kind == Kind::Person || (e.kind == Kind::Other && e.name.contains(' ') && !after_the())
    }

    /// Whether the person `entity` can be the `pronoun` ("he"/"she"): unless the article
    /// shows the other gender ([`gender_cues`]).
    fn fits(&self, entity: usize, pronoun: &str) -> bool {
        let (male, female) = gender_cues(self.doc, self.entities, self.doc_index, entity);
        match pronoun {
            "he" => !female || male,
            "she" => !male || female,
            _ => true,
        }
    }

    /// "he said": the speaker of the previous quote when nobody else was named since, else
    /// [`Self::antecedent`].
    fn resolve_pronoun(&self, start: usize, quote_at: usize, pronoun: &str) -> Speaker {
        let mentions = self.entities.in_doc(self.doc_index);
        let here = start.min(quote_at);
        let para = paragraph_of(self.lines, here);
        if let Some(l) = &self.previous {
            let nobody_since = !starting_in(mentions, l.end, here).iter().any(|m| {
                m.end <= here
                    && m.entity != l.entity
                    && self.is_person(m)
                    && self.fits(m.entity, pronoun)
            });
            if para <= l.paragraph + 1 && nobody_since && self.fits(l.entity, pronoun) {
                return (Some(l.speaker.clone()), Some(l.entity));
            }
        }
        self.antecedent(here, para, pronoun)
    }

    /// The person a pronoun at `here` (in paragraph `para`) stands for: the first person
    /// named in the nearest earlier sentence that names one (same or two previous paragraphs),
    /// skipping sentences where the same pronoun comes before any person (they speak of the
    /// same one, and the window reaches two paragraphs before them); else a described speaker
    /// opening one of the two previous sentences ("A spokesman for the police said …").
    fn antecedent(&self, here: usize, para: usize, pronoun: &str) -> Speaker {
        let (doc, lines) = (self.doc, self.lines);
        let mentions = self.entities.in_doc(self.doc_index);
        let mut window = para.saturating_sub(2);
        let here_sent = doc.sentences.partition_point(|s| s.span.start <= here);
        for k in (0..here_sent).rev() {
            let span = doc.sentences[k].span;
            let p = paragraph_of(lines, span.start);
            if p < window {
                break;
            }
            let to = span.end.min(here);
            let person = starting_in(mentions, span.start, to)
                .iter()
                .find(|m| m.end <= to && self.is_person(m) && self.fits(m.entity, pronoun));
            let same_pronoun = crate::text::word_spans(&doc.clean[span.start..to])
                .find(|&(a, b)| {
                    doc.clean[span.start + a..span.start + b].eq_ignore_ascii_case(pronoun)
                })
                .map(|(a, _)| span.start + a);
            match (person, same_pronoun) {
                (Some(m), Some(at)) if at < m.start => window = p.saturating_sub(2),
                (None, Some(_)) => window = p.saturating_sub(2),
                (Some(m), _) => return self.named(m),
                (None, None) => {}
            }
            if k + 1 == here_sent || k + 2 == here_sent {
                if let Some(subject) = described_opener(&doc.clean[span.start..to]) {
                    return (Some(subject), None);
                }
            }
        }
        (None, None)
    }
}

/// First names common in English-language news, by gender (a name of either is left out).
static MALE_FIRST_NAMES: WordSet = WordSet::new(&[
    "james",
    "john",
    "robert",
    "michael",
    "william",
    "david",
    "richard",
    "joseph",
    "thomas",
    "charles",
    "christopher",
    "daniel",
    "matthew",
    "anthony",
    "mark",
    "donald",
    "steven",
    "paul",
    "andrew",
    "joshua",
    "kenneth",
    "kevin",
    "brian",
    "george",
    "timothy",
    "ronald",
    "edward",
    "jason",
    "jeffrey",
    "ryan",
    "jacob",
    "gary",
    "nicholas",
    "eric",
    "jonathan",
    "stephen",
    "larry",
    "justin",
    "scott",
    "brandon",
    "benjamin",
    "samuel",
    "gregory",
    "frank",
    "alexander",
    "raymond",
    "patrick",
    "jack",
    "dennis",
    "jerry",
    "tyler",
    "aaron",
    "jose",
    "adam",
    "henry",
    "nathan",
    "douglas",
    "zachary",
    "peter",
    "kyle",
    "walter",
    "ethan",
    "jeremy",
    "harold",
    "keith",
    "christian",
    "roger",
    "noah",
    "gerald",
    "carl",
    "terry",
    "sean",
    "austin",
    "arthur",
    "lawrence",
    "jesse",
    "dylan",
    "bryan",
    "joe",
    "jordan",
    "billy",
    "bruce",
    "albert",
    "willie",
    "gabriel",
    "logan",
    "alan",
    "juan",
    "wayne",
    "roy",
    "ralph",
    "randy",
    "eugene",
    "vincent",
    "russell",
    "elijah",
    "louis",
    "bobby",
    "philip",
    "johnny",
    "bill",
    "mike",
    "tom",
    "jim",
    "bob",
    "ted",
    "ben",
    "dan",
    "tim",
    "steve",
    "chris",
]);
static FEMALE_FIRST_NAMES: WordSet = WordSet::new(&[
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "elizabeth",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "lisa",
    "nancy",
    "betty",
    "margaret",
    "sandra",
    "ashley",
    "kimberly",
    "emily",
    "donna",
    "michelle",
    "carol",
    "amanda",
    "dorothy",
    "melissa",
    "deborah",
    "stephanie",
    "rebecca",
    "sharon",
    "laura",
    "cynthia",
    "kathleen",
    "amy",
    "angela",
    "shirley",
    "anna",
    "brenda",
    "pamela",
    "emma",
    "nicole",
    "helen",
    "samantha",
    "katherine",
    "christine",
    "debra",
    "rachel",
    "carolyn",
    "janet",
    "catherine",
    "maria",
    "heather",
    "diane",
    "ruth",
    "julie",
    "olivia",
    "joyce",
    "virginia",
    "victoria",
    "kelly",
    "lauren",
    "christina",
    "joan",
    "evelyn",
    "judith",
    "megan",
    "andrea",
    "cheryl",
    "hannah",
    "jacqueline",
    "martha",
    "gloria",
    "teresa",
    "ann",
    "sara",
    "madison",
    "frances",
    "kathryn",
    "janice",
    "jean",
    "abigail",
    "alice",
    "judy",
    "sophia",
    "grace",
    "denise",
    "amber",
    "doris",
    "marilyn",
    "danielle",
    "beverly",
    "isabella",
    "theresa",
    "diana",
    "natalie",
    "brittany",
    "charlotte",
    "marie",
    "kayla",
    "alexis",
    "lori",
    "michele",
    "kate",
    "jane",
    "sue",
    "kathy",
    "debbie",
    "liz",
    "meg",
]);

/// Whether the article `doc_index` shows `entity` as a man and as a woman: a title before a
/// mention ("Mr.", "Mrs.", "Ms."), a gendered role ("spokeswoman"), a common first name, or
/// "he"/"she" right after "<name> said" ("Lee said she would stay").
fn gender_cues(
    doc: &Document,
    entities: &Entities,
    doc_index: usize,
    entity: usize,
) -> (bool, bool) {
    let text = &doc.clean;
    let e = &entities.list[entity];
    let (mut male, mut female) = (false, false);
    let first = e.name.split(' ').next().unwrap_or("");
    if e.name.contains(' ') {
        male |= MALE_FIRST_NAMES.contains_lower(first);
        female |= FEMALE_FIRST_NAMES.contains_lower(first);
    }
    for r in &e.roles {
        male |= r
            .split(' ')
            .any(|w| matches!(w, "spokesman" | "congressman" | "mr" | "king" | "prince"));
        female |= r.split(' ').any(|w| {
            matches!(
                w,
                "spokeswoman"
                    | "congresswoman"
                    | "chairwoman"
                    | "mrs"
                    | "ms"
                    | "queen"
                    | "princess"
            )
        });
    }
    for m in entities
        .in_doc(doc_index)
        .iter()
        .filter(|m| m.entity == entity)
    {
        let before = text[..m.start].trim_end();
        let title = before
            .rsplit([' ', '\n'])
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        male |= title == "Mr";
        female |= matches!(title, "Mrs" | "Ms" | "Miss");
        let mut after = text[m.end..].split_whitespace();
        if matches!(after.next(), Some("said" | "says")) {
            let next = after.next().map(|w| w.trim_end_matches([',', '.']));
            male |= matches!(next, Some("he"));
            female |= matches!(next, Some("she"));
        }
    }
    (male, female)
}

/// Words after a name that open a complement of it, not a new name ("of the union").
const HEAD_ENDERS: &[&str] = &["of", "for", "from", "at", "with", "in", "on"];

/// Where the first noun phrase of the speaker phrase `text[start..end]` ends: at its first
/// comma or bracket, or a preposition ([`HEAD_ENDERS`]) after its first capitalized word,
/// outside the names `within` ("Bank of England" is one name); `start` when the phrase opens
/// with an introduction ([`super::INTRO_WORDS`]), `end` when nothing cuts it.
fn head_cut(text: &str, start: usize, end: usize, within: &[Mention]) -> usize {
    let inside = |at: usize| within.iter().any(|m| m.start < at && at < m.end);
    let phrase = &text[start..end];
    let first = phrase.split([' ', ',']).next().unwrap_or("");
    if super::INTRO_WORDS.contains_lower(first) {
        return start;
    }
    let mut seen_capital = false;
    for (i, w) in phrase.split(' ').scan(0, |at, w| {
        let i = *at;
        *at += w.len() + 1;
        Some((i, w))
    }) {
        if let Some(k) = w.find([',', '(']) {
            if !inside(start + i + k) {
                return start + i + k;
            }
        }
        if seen_capital && HEAD_ENDERS.contains(&w) && !inside(start + i) {
            return start + i;
        }
        seen_capital |= w.chars().next().is_some_and(char::is_uppercase);
    }
    end
}

/// Whether an unresolved speaker phrase (`lower`: lower-cased) reads as a speaker as written:
/// a name (a capitalized word), a described source opening with a determiner ("a police
/// spokesman", "two officials") or one word ("officials"), in at most six words; not a piece
/// of a clause ("73 percent", "voters who", "Most residents stayed, while 73 percent", "Lee
/// sings to Ann before", "After").
fn looks_like_speaker(phrase: &str, lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let capital = phrase
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_not_name(w));
    let determiner = words.first().is_some_and(|w| {
        matches!(
            *w,
            "a" | "an"
                | "the"
                | "one"
                | "two"
                | "three"
                | "some"
                | "several"
                | "many"
                | "another"
                | "his"
                | "her"
                | "their"
                | "its"
        )
    });
    let clause_word = words.iter().any(|w| {
        matches!(
            *w,
            "and" | "or" | "but" | "who" | "that" | "which" | "has" | "had" | "is" | "was"
        )
    });
    // A phrase ends in its head noun, not a preposition or conjunction ("Lee sings to Ann
    // before").
    let open_end = words.last().is_some_and(|w| {
        matches!(
            *w,
            "before"
                | "after"
                | "to"
                | "of"
                | "in"
                | "on"
                | "for"
                | "with"
                | "by"
                | "at"
                | "from"
                | "as"
                | "than"
                | "about"
                | "while"
                | "when"
        )
    });
    let one_word = words.len() == 1 && !is_not_name(phrase);
    !words.is_empty()
        && !clause_word
        && !open_end
        && words.len() <= 6
        && !phrase.contains(',')
        && (capital || determiner || one_word)
}

/// Words that open a clause, not a speaker phrase.
static CONJUNCTIONS: WordSet = WordSet::new(&[
    "while", "and", "but", "as", "if", "because", "though", "although", "when", "since", "so",
]);

/// The subject in a speaker phrase: trimmed, without an introduction up to its first comma
/// ("In a memo, the agency"), adverbs and auxiliaries between subject and verb ("He later
/// added", "they had") or a trailing comma. `None` for a phrase opening with a conjunction and
/// no comma after it ("while 73 percent"): a clause, not a speaker.
fn subject_phrase(phrase: &str) -> Option<&str> {
    let mut phrase = phrase.trim();
    let first = phrase.split([' ', ',']).next().unwrap_or("");
    if super::INTRO_WORDS.contains_lower(first) {
        match phrase.find(',') {
            Some(comma) => phrase = phrase[comma + 1..].trim_start(),
            // "And Lee said", "As Lee said": the subject follows.
            None if CONJUNCTIONS.contains_lower(first) => {
                phrase = phrase[first.len()..].trim_start()
            }
            None => {}
        }
    }
    while let Some((head, w)) = phrase.rsplit_once(' ') {
        let l = w.to_lowercase();
        let adverb = l.ends_with("ly")
            || matches!(
                l.as_str(),
                "later"
                    | "also"
                    | "then"
                    | "again"
                    | "further"
                    | "earlier"
                    | "once"
                    | "now"
                    | "too"
                    | "often"
                    | "never"
                    | "always"
                    | "still"
                    | "just"
                    | "even"
                    | "first"
            );
        if !adverb {
            break;
        }
        phrase = head.trim_end();
    }
    let phrase = &phrase[..super::attribution::without_auxiliaries(phrase)];
    Some(phrase.trim_end_matches(','))
}

/// A described speaker opening the sentence `sent`: "A spokesman for the police said …" (an
/// "a" or "the" phrase with a spokesman, official or the like before a speech verb within its
/// first nine words).
fn described_opener(sent: &str) -> Option<String> {
    let lower = sent.to_lowercase();
    if !(lower.starts_with("a ") || lower.starts_with("the ")) {
        return None;
    }
    let ws: Vec<&str> = sent.split_whitespace().collect();
    let v = ws
        .iter()
        .take(9)
        .position(|w| is_speech_verb(&w.to_lowercase()))?;
    let head_role = ws[..v].iter().any(|w| {
        matches!(
            w.to_lowercase().trim_end_matches(','),
            "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "official"
                | "officer"
                | "statement"
                | "source"
        )
    });
    if head_role && v > 0 {
        let subject = ws[..v].join(" ");
        return Some(subject.trim_end_matches(',').to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    fn speakers_of(text: &str) -> Vec<Option<String>> {
        let story = crate::facts::test_story(&[text]);
        let facts = crate::facts::extract(&story);
        let mut qs: Vec<_> = facts.quotes.iter().collect();
        qs.sort_by_key(|q| q.spans[0].span.start);
        qs.iter().map(|q| q.speaker.clone()).collect()
    }

    #[test]
    fn a_pronoun_stands_for_a_person_of_its_gender() {
        for (text, speaker) in [
            // "Lee said she": Lee is a woman, so "he" is Reed though Lee was named last.
            ("Tom Reed met Ann Lee on Monday. Lee said she would stay.\n“We will rebuild every home on the river,” he said.", "Tom Reed"),
            ("Tom Reed met Ann Lee on Monday.\n“We will rebuild every home on the river,” she said.", "Ann Lee"),
            // Titles: Ms. Moss is a woman, Mr. Hale a man.
            ("Ms. Moss spoke after Mr. Hale left the dock.\n“We will rebuild every home on the river,” she said.", "Moss"),
            // Unknown gender stays compatible with both.
            ("Quinn Hale met Sam Moss on Monday.\n“We will rebuild every home on the river,” she said.", "Quinn Hale"),
        ] {
            assert_eq!(speakers_of(text), [Some(speaker.to_string())], "{text}");
        }
    }

    #[test]
    fn a_role_before_a_name_belongs_to_the_subject_of_the_clause() {
        for (text, speaker) in [
            ("Green candidate Ann Lee, at a later meeting, said, “We have been told about the floods in the north today.”", "Ann Lee"),
            ("Ann Lee’s campaign manager Tom Reed said as much in an interview, arguing that Lee “lost track of the budget when asked.”", "Tom Reed"),
            // A verb between two names is no role: the clause's subject stays.
            ("Ann Lee met Tom Reed at the dock on Monday and said that the plan was “a long way from done today.”", "Ann Lee"),
        ] {
            assert_eq!(speakers_of(text), [Some(speaker.to_string())], "{text}");
        }
    }

    #[test]
    fn the_speaker_is_the_head_of_the_phrase_not_its_complement() {
        let cases = [
            (
                "“The river rose faster than any model said it could,” said Ana Ruiz, a writer for The Valley Ledger.",
                "Ana Ruiz",
            ),
            (
                "“The river rose faster than any model said it could,” wrote Ana Ruiz for Morning Survey.",
                "Ana Ruiz",
            ),
            (
                "“The river rose faster than any model said it could,” said Del. Ana Ruiz of the Virgin Islands.",
                "Ana Ruiz",
            ),
            (
                "“The river rose faster than any model said it could,” Senator Tom Grady, R-Ky., said.",
                "Tom Grady",
            ),
            (
                "“The river rose faster than any model said it could,” Tom Grady, Republican of Iowa, said.",
                "Tom Grady",
            ),
            (
                "On Valley News Tonight, Tom Grady said: “The river rose faster than any model said.”",
                "Tom Grady",
            ),
            // A name before a noun is no head: the description stays as written.
            (
                "“The river rose faster than any model said it could,” the Vermont governor said.",
                "the Vermont governor",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(speakers_of(text), [Some(want.to_string())], "{text}");
        }
    }

    #[test]
    fn the_subject_of_the_clause_speaks_through_participles_and_characterizing_verbs() {
        let one = |s: &str| vec![Some(s.to_string())];
        let cases = [
            // A participle after a comma: the clause's subject.
            (
                "Mayor Ann Tobin toured the valley on Monday, saying “nobody here will be left behind.”",
                one("Ann Tobin"),
            ),
            // After a name, the participle is that name's.
            (
                "The clip ends with footage of Ann Tobin saying, “nobody here will be left behind.”",
                one("Ann Tobin"),
            ),
            // A verb that characterizes in the speaker's words.
            (
                "Ann Tobin called the new dam “a disaster waiting to happen.”",
                one("Ann Tobin"),
            ),
            // A verb joined to the first one: the subject of both.
            (
                "Ann Tobin said on Friday that the work would start soon but said “nobody can promise a date.”",
                one("Ann Tobin"),
            ),
            // An introduction before the subject is no part of it.
            (
                "In a speech on Friday, Ann Tobin described the dam as “a disaster waiting to happen.”",
                one("Ann Tobin"),
            ),
            (
                "In a memo last year, the agency said “the dam needs repairs within the decade.”",
                one("the agency"),
            ),
            ("And Tobin said: “Nobody here will be left behind.”", one("Tobin")),
            // A piece of a clause is no speaker.
            (
                "Most residents stayed, while 73 percent said “the town must move uphill.”",
                vec![None],
            ),
            (
                "“Where do we go from here, all of us?” the clip shows to the crowd before asking.",
                vec![None],
            ),
            // After the quote, the same: the clause's subject.
            (
                "“Where do we go from here, all of us?” Ana Ruiz sings to the crowd before asking.",
                one("Ana Ruiz"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(speakers_of(text), want, "{text}");
        }
    }

    #[test]
    fn a_pronoun_skips_sentences_about_the_same_person_and_names_after_the() {
        let text = "Former mayor Tomas Lind spoke at the town hall on Monday.\n\
                    Though the last flood was easy, he said, the next one could bring ruin to \
                    Ana Ruiz and Peter Holm. That is why, he argued, the town must prepare.\n\
                    “This is a different time for all of us in the valley,” he said.\n\
                    The Valley Rescue Service praised the plan. The United States \
                    sent engineers.\n\
                    “We should have built the wall ten years ago,” he said.\n\
                    He’s claiming that the dam is “a danger to every family downstream.”";
        let lind = Some("Tomas Lind".to_string());
        assert_eq!(speakers_of(text), [lind.clone(), lind.clone(), lind]);
    }

    #[test]
    fn a_surname_written_with_the_other_apostrophe_is_the_same_person() {
        let text = "The city said Commissioner James O’Neill spoke on Monday.\n\
                    “The cause of the fire has not been determined yet,” said O'Neill.";
        assert_eq!(speakers_of(text), [Some("James O’Neill".to_string())]);
    }
}
