//! Names: people, organizations and places mentioned in a story, with their aliases.
//!
//! A name is a run of capitalized words ("Sergei Lavrov", "Port of Saltmere", "Bank of
//! England"); a title in front ("Foreign Minister", "Mr") is split off and kept as a role. A
//! word that opens a sentence counts only when the story never writes it in lower case. Kinds
//! come from evidence: a title, a role or an age makes a person; an organization word ("Union",
//! "Ministry", "Inc") or an acronym an organization; a place word or a preposition of place
//! ("in", "near") a place; else "other". Aliases join a surname ("Lavrov", "Mr Lavrov") to the
//! full name used in the same article (else the only one in the story), and spelling variants
//! of one person ("Sergei"/"Sergey Lavrov") when they never appear side by side in one article.

use crate::model::Document;
use crate::text::WordSet;

/// What kind of thing a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Organization,
    Place,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Other => "other",
        }
    }
}

/// One mention of a name in a document's cleaned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub doc: usize,
    /// Byte range of the name (title excluded) in the cleaned text.
    pub start: usize,
    pub end: usize,
    /// A title or role written next to it ("Foreign Minister", "union leader").
    pub role: Option<String>,
    /// The entity it belongs to (index into [`Entities::list`]).
    pub entity: usize,
}

/// A person, organization, place or other named thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest form, most used on ties.
    pub name: String,
    pub kind: Kind,
    /// Other forms seen (surname alone, spelling variants), sorted.
    pub aliases: Vec<String>,
    /// Roles and titles seen with it, lower-cased, sorted.
    pub roles: Vec<String>,
    /// Documents mentioning it, ascending.
    pub sources: Vec<usize>,
    pub mentions: usize,
}

/// The names of a story.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub list: Vec<Entity>,
    /// Every mention, by document then position.
    pub mentions: Vec<Mention>,
}

impl Entities {
    /// Mentions of one document, in text order.
    pub fn in_doc(&self, doc: usize) -> &[Mention] {
        let from = self.mentions.partition_point(|m| m.doc < doc);
        let to = self.mentions.partition_point(|m| m.doc <= doc);
        &self.mentions[from..to]
    }
    /// The entity whose name or alias is `name` (exact), if any.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.list
            .iter()
            .position(|e| e.name == name || e.aliases.iter().any(|a| a == name))
    }
}

/// Words that make a leading title ("Foreign Minister Sergei Lavrov" → role "Foreign Minister").
static TITLE_WORDS: WordSet = WordSet::new(&[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "justice",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "mayor",
    "chief",
    "gen",
    "lt",
    "col",
    "colonel",
    "captain",
    "capt",
    "sgt",
    "sergeant",
    "judge",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chancellor",
    "ambassador",
    "commissioner",
    "inspector",
    "detective",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "director",
    "deputy",
    "sheikh",
    "rev",
    "bishop",
    "archbishop",
    "lord",
    "lady",
    "premier",
    "pastor",
    "coach",
    "executive",
    "state",
    "attorney",
    "councillor",
    "councilor",
    "senior",
    "leader",
    "lieutenant",
    "major",
    "admiral",
    "marshal",
    "superintendent",
    "sheriff",
    "constable",
    "engineer",
    "chair",
    "democrat",
    "republican",
    "democratic",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "councilman",
    "councilwoman",
    "host",
    "anchor",
    "actor",
    "actress",
    "singer",
    "author",
    "seismologist",
    "geophysicist",
]);

/// Words that, lower-case before a name, give its role ("union leader Farid Haddad").
static ROLE_NOUNS: WordSet = WordSet::new(&[
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "secretary",
    "official",
    "mayor",
    "governor",
    "engineer",
    "manager",
    "analyst",
    "economist",
    "professor",
    "researcher",
    "head",
    "founder",
    "commander",
    "resident",
    "witness",
    "lawyer",
    "attorney",
    "judge",
    "captain",
    "owner",
    "senator",
    "ambassador",
    "executive",
    "coach",
    "adviser",
    "advisor",
    "envoy",
    "negotiator",
    "organizer",
    "organiser",
    "activist",
    "farmer",
    "worker",
    "driver",
    "doctor",
    "nurse",
    "teacher",
    "student",
    "officer",
    "inspector",
    "expert",
    "scientist",
    "historian",
    "editor",
    "reporter",
    "correspondent",
    "representative",
    "lawmaker",
    "mp",
    "prosecutor",
    "superintendent",
    "chair",
    "host",
    "seismologist",
    "geophysicist",
    "climatologist",
    "passenger",
    "treasurer",
]);

static ORG_WORDS: WordSet = WordSet::new(&[
    "ministry",
    "union",
    "company",
    "corp",
    "corporation",
    "inc",
    "ltd",
    "llc",
    "plc",
    "party",
    "agency",
    "authority",
    "council",
    "bank",
    "university",
    "association",
    "department",
    "police",
    "army",
    "navy",
    "forces",
    "force",
    "committee",
    "commission",
    "court",
    "office",
    "group",
    "terminals",
    "times",
    "news",
    "post",
    "press",
    "journal",
    "institute",
    "foundation",
    "federation",
    "organization",
    "organisation",
    "service",
    "services",
    "board",
    "parliament",
    "congress",
    "senate",
    "government",
    "hospital",
    "school",
    "club",
    "airlines",
    "airways",
    "industries",
    "holdings",
    "fund",
    "network",
    "church",
    "coalition",
    "alliance",
    "league",
    "guard",
    "reuters",
    "assembly",
    "cabinet",
    "agency's",
    "bureau",
    "co",
    "trust",
    "society",
    "utility",
    "utilities",
    "energy",
    "motors",
    "systems",
    "technologies",
    "partners",
    "tribune",
    "herald",
    "gazette",
    "television",
    "radio",
    "broadcasting",
    "channel",
    "museum",
]);

static PLACE_WORDS: WordSet = WordSet::new(&[
    "city",
    "river",
    "valley",
    "province",
    "county",
    "state",
    "street",
    "port",
    "island",
    "islands",
    "lake",
    "mountain",
    "mountains",
    "bay",
    "sea",
    "ocean",
    "region",
    "district",
    "airport",
    "square",
    "road",
    "avenue",
    "bridge",
    "dam",
    "harbour",
    "harbor",
    "coast",
    "peninsula",
    "strait",
    "gulf",
    "desert",
    "forest",
    "park",
    "village",
    "town",
    "republic",
    "kingdom",
    "heights",
    "hills",
    "beach",
    "canal",
]);

static PLACE_PREPOSITIONS: WordSet = WordSet::new(&[
    "in",
    "at",
    "from",
    "near",
    "across",
    "outside",
    "inside",
    "around",
    "towards",
    "toward",
    "into",
    "through",
    "throughout",
    "via",
]);

const CONNECTORS: &[&str] = &[
    "of", "de", "del", "der", "van", "von", "bin", "al", "la", "le", "du", "da", "dos", "el",
];

/// Capitalized words that are not names by themselves.
static NOT_NAMES: WordSet = WordSet::new(&[
    "i",
    "mr",
    "mrs",
    "ms",
    "dr",
    "today",
    "yesterday",
    "tomorrow",
    "the",
    "a",
    "an",
    "he",
    "she",
    "they",
    "it",
    "we",
    "you",
    "his",
    "her",
    "their",
    "its",
    "our",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "after",
    "before",
    "in",
    "on",
    "at",
    "as",
    "for",
    "with",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "so",
    "yet",
    "still",
    "also",
    "however",
    "meanwhile",
    "although",
    "though",
    "because",
    "since",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "one",
    "two",
    "three",
    "by",
    "from",
    "to",
    "of",
    "up",
    "about",
    "under",
    "over",
    "more",
    "less",
    "asked",
    "said",
    "says",
    "am",
    "pm",
    "a.m",
    "p.m",
    "ap",
    "afp",
    "updated",
    "photo",
    "read",
    "watch",
    "share",
    "advertisement",
    "editor's",
    "note",
    "according",
    "last",
    "next",
    "earlier",
    "later",
    "now",
    "then",
    "once",
    "again",
    "even",
    "just",
    "only",
    "until",
    "unless",
    "despite",
    "among",
    "between",
    "during",
    "without",
    "within",
    "my",
    "your",
    "me",
    "him",
    "them",
    "us",
    "would",
    "could",
    "should",
    "will",
    "can",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "yes",
    "oh",
    "well",
    "like",
    "mrs.",
    "mr.",
    "dr.",
    "such",
    "other",
    "another",
    "any",
    "several",
    "few",
    "much",
    "very",
    "too",
    "instead",
    "perhaps",
    "maybe",
    "indeed",
    "thus",
    "therefore",
    "otherwise",
    "anyway",
    "whether",
    "either",
    "neither",
    "nor",
    "than",
    "into",
    "onto",
    "upon",
    "per",
    "via",
    "off",
    "out",
    "down",
    "thousands",
    "hundreds",
    "dozens",
    "millions",
    "billions",
    "scores",
    "tens",
]);

fn is_capitalized(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    (2..=6).contains(&n) && word.chars().all(|c| c.is_ascii_uppercase())
}

/// Strip a possessive ("Lavrov's" → "Lavrov").
fn strip_possessive(word: &str) -> &str {
    // Every possessive ends in `s`, `'` or the last byte of `’` (E2 80 99): most words end in
    // none of these and are returned at once.
    if !matches!(word.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return word;
    }
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}

/// A raw name run found in a sentence, before grouping. Names borrow the story's text.
#[derive(Debug)]
struct Raw<'a> {
    doc: usize,
    start: usize,
    end: usize,
    name: &'a str,
    role: Option<String>,
    titled: bool,
    /// A word of the name is an organization word, or the name is one acronym.
    org_word: bool,
    /// A word of the name is a place word.
    place_word: bool,
    /// Preceded by a preposition of place.
    place_prep: bool,
    /// Followed by ", <number>," (an age) or a speech verb.
    person_hint: bool,
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The last space-separated piece of `s`, and what comes before its space (none without one).
fn last_piece(s: &str) -> (&str, Option<&str>) {
    match s.bytes().rposition(|b| b == b' ') {
        Some(i) => (&s[i + 1..], Some(&s[..i])),
        None => (s, None),
    }
}

/// Does the word at byte `ws` of a sentence open it, or open a quote, bracket or clause?
fn opens(text: &str, ws: usize) -> bool {
    if ws == 0 {
        return true;
    }
    // White space before the word is skipped a byte at a time while it is ASCII (what
    // `trim_end` trims there); anything else goes the general way.
    let b = text.as_bytes();
    let mut i = ws;
    while i > 0 && matches!(b[i - 1], b' ' | b'\t'..=b'\r') {
        i -= 1;
    }
    match b[..i].last() {
        Some(b'"' | b'(' | b':') => true,
        Some(&c) if c < 0x80 => false,
        _ => text[..i].trim_end().ends_with(['"', '“', '(', ':']),
    }
}

/// Find the names of a story's documents.
pub fn find_entities(documents: &[Document]) -> Entities {
    // Words the story writes in lower case: a sentence-opening "Police" is then no name. Only
    // capitalized words that open a sentence or quote are ever looked up, so only lower-case
    // words with the same term (stem) as one of those are kept.
    let mut wanted: Vec<bool> = Vec::new();
    // Capitalized words: each name run starts at one, so there are no more runs than these.
    let mut capitals = 0;
    for d in documents {
        let bytes = d.clean.as_bytes();
        for s in &d.sentences {
            let text = &d.clean[s.span.start..s.span.end];
            for t in &s.tokens {
                // An ASCII first byte decides alone; other words are decoded.
                let first = bytes[t.span.start];
                let capitalized = if first.is_ascii() {
                    first.is_ascii_uppercase()
                } else {
                    is_capitalized(&d.clean[t.span.start..t.span.end])
                };
                capitals += usize::from(capitalized);
                if capitalized && opens(text, t.span.start - s.span.start) {
                    let term = t.term as usize;
                    if term >= wanted.len() {
                        wanted.resize(term + 1, false);
                    }
                    wanted[term] = true;
                }
            }
        }
    }
    let mut lowercase_seen: rustc_hash::FxHashSet<&[u8]> = Default::default();
    // The word last kept for each term: most terms have one lower-case form ("the").
    let mut last: Vec<&str> = vec![""; wanted.len()];
    for d in documents {
        let bytes = d.clean.as_bytes();
        for t in d.sentences.iter().flat_map(|s| &s.tokens) {
            let term = t.term as usize;
            if wanted.get(term) == Some(&true) && bytes[t.span.start].is_ascii_lowercase() {
                let w = &d.clean[t.span.start..t.span.end];
                if last[term] != w {
                    last[term] = w;
                    lowercase_seen.insert(w.as_bytes());
                }
            }
        }
    }
    let mut raws = Vec::with_capacity(capitals);
    let mut words = Vec::new();
    for (doc, d) in documents.iter().enumerate() {
        for s in &d.sentences {
            let from = s.span.start;
            words.clear();
            words.extend(s.word_spans());
            scan_sentence(
                doc,
                &d.clean[from..s.span.end],
                from,
                &words,
                &lowercase_seen,
                &mut raws,
            );
        }
    }
    group(raws)
}

/// Find the name runs of one sentence `text` (at byte `from` of its document), whose words
/// are at `words` (byte ranges in `text`).
fn scan_sentence<'a>(
    doc: usize,
    text: &'a str,
    from: usize,
    words: &[(usize, usize)],
    lowercase_seen: &rustc_hash::FxHashSet<&[u8]>,
    out: &mut Vec<Raw<'a>>,
) {
    let word = |x: usize| &text[words[x].0..words[x].1];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < words.len() {
        // Most words start with an ASCII lower-case letter or digit: no run starts there. An
        // ASCII capital starts one; any other first character is decoded.
        let first = bytes[words[i].0];
        let starts_run = if first.is_ascii() {
            first.is_ascii_uppercase()
        } else {
            is_capitalized(word(i))
        };
        if !starts_run {
            i += 1;
            continue;
        }
        // Extend the run over capitalized words and inner connectors, joined by one space
        // or a hyphen.
        let mut j = i + 1;
        let mut last = i;
        while j < words.len() {
            let gap = &text[words[j - 1].1..words[j].0];
            let prev_word = word(j - 1);
            // "Rep. Lesser", "U.S. Department", "John F. Kennedy".
            let abbreviation = gap == ". "
                && (prev_word.contains('.')
                    || prev_word.chars().count() == 1
                    || TITLE_WORDS.contains_lower(prev_word));
            if !(gap == " " || gap == "-" || abbreviation) {
                break;
            }
            let wj = word(j);
            if is_capitalized(wj) {
                last = j;
                j += 1;
            } else if wj.len() <= 3 && CONNECTORS.contains(&wj) && j + 1 < words.len() {
                // (Every connector has at most three bytes.)
                j += 1;
            } else {
                break;
            }
        }
        // The run is words `i..=last`.
        let run = i..last + 1;
        i = last + 1;
        // Drop leading words that are not names (sentence-opening "The", "Police" written
        // lower case elsewhere, month names) and titles.
        let mut k = run.start;
        let mut title: Vec<&str> = Vec::new();
        // Whether a word of the run is an organization word. Only asked of runs of two words
        // or more: one word is never a title followed by a name, and its organization word is
        // looked up below as a name word.
        let multi_word = run.len() > 1;
        let org_run = multi_word
            && run
                .clone()
                .any(|x| ORG_WORDS.contains_lower(strip_possessive(word(x))));
        // "GOP Chair JB Romano": everything up to the last title word followed by a name is
        // the title.
        if !org_run {
            if let Some(t) = (run.start..run.end - 1)
                .rev()
                .find(|&t| TITLE_WORDS.contains_lower(word(t).trim_end_matches('.')))
            {
                title.extend((run.start..=t).map(word));
                k = t + 1;
            }
        }
        while k < run.end {
            let (ws, _) = words[k];
            let w = strip_possessive(word(k));
            if k + 1 < run.end && !org_run && TITLE_WORDS.contains_lower(w.trim_end_matches('.')) {
                title.push(w);
                k += 1;
                continue;
            }
            // A speech verb opening a run is the attribution of an inverted quote ("Added
            // Lavrov: ..."), not a word of the name.
            if NOT_NAMES.contains_lower(w)
                || super::time::is_calendar_word(w)
                || super::quotes::is_speech_verb_folded(w)
                || (title.is_empty()
                    && opens(text, ws)
                    && lowercase_seen.contains(crate::text::fold_case(w).as_bytes()))
            {
                k += 1;
                continue;
            }
            break;
        }
        if k >= run.end {
            continue;
        }
        // Word `k` is no connector or other non-name (the loop above stops only there).
        let name_words = k..run.end;
        let start = words[k].0;
        let last_word = words[run.end - 1];
        let end = last_word.0 + strip_possessive(&text[last_word.0..last_word.1]).len();
        let name = &text[start..end];
        if name.bytes().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // A lower-case role right before: "union leader Farid Haddad".
        // The two space-separated pieces before the run (punctuation kept).
        let before = text[..words[run.start].0].trim_end();
        let (prev1, rest) = last_piece(before);
        let (prev1, prev2) = (Some(prev1), rest.map(|r| last_piece(r).0));
        static HONORIFICS: WordSet =
            WordSet::new(&["mr", "mrs", "ms", "miss", "sir", "dame", "dr"]);
        let honorific_only = title
            .iter()
            .all(|t| HONORIFICS.contains_lower(t.trim_end_matches('.')));
        let mut role = (!honorific_only).then(|| title.join(" "));
        if role.is_none() {
            if let Some(p) = prev1 {
                if ROLE_NOUNS.contains_lower(p) {
                    role = Some(match prev2 {
                        Some(q) if !NOT_NAMES.contains_lower(q) && !q.ends_with([',', '.']) => {
                            format!("{q} {p}")
                        }
                        _ => p.to_string(),
                    });
                }
            }
        }
        let place_prep =
            prev1.is_some_and(|p| PLACE_PREPOSITIONS.contains_lower(p)) && title.is_empty();
        let after = &text[end..];
        let person_hint = {
            let a = after.trim_start_matches([',', ' ']);
            // ", 52," is an age.
            let age = after.starts_with(", ")
                && a.split_once(',').is_some_and(|(n, _)| {
                    (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
                });
            let said = || a.starts_with("said") || a.starts_with("says") || a.starts_with("told");
            let said_before = || {
                prev1.is_some_and(|p| {
                    ["said", "says", "added", "told"]
                        .iter()
                        .any(|v| p.eq_ignore_ascii_case(v))
                })
            };
            // ", chief executive of ...", ", the union's leader,": an apposition with a role.
            let apposition = after.starts_with(", ")
                && a.split_whitespace()
                    .take(4)
                    .any(|w| ROLE_NOUNS.contains_lower(w.trim_end_matches(',')));
            age || apposition || (name_words.len() >= 2 && (said() || said_before()))
        };
        let token = |x: usize| strip_possessive(word(x));
        out.push(Raw {
            doc,
            start: from + start,
            end: from + end,
            name,
            titled: !title.is_empty(),
            // Only a run with an organization word can have one among its name words.
            org_word: (if multi_word {
                org_run
                    && name_words
                        .clone()
                        .any(|x| ORG_WORDS.contains_lower(token(x)))
            } else {
                ORG_WORDS.contains_lower(token(k))
            }) || (name_words.len() == 1 && is_acronym(token(k))),
            place_word: name_words
                .clone()
                .any(|x| PLACE_WORDS.contains_lower(token(x))),
            role: role.map(|r| crate::text::fold_case(&r).into_owned()),
            place_prep,
            person_hint,
        });
    }
}

fn group(raws: Vec<Raw<'_>>) -> Entities {
    // Each distinct name gets an id, in order of first use.
    let mut ids: rustc_hash::FxHashMap<&str, u32> = Default::default();
    let mut names: Vec<&str> = Vec::with_capacity(raws.len());
    let raw_name: Vec<u32> = raws
        .iter()
        .map(|r| {
            *ids.entry(r.name).or_insert_with(|| {
                names.push(r.name);
                names.len() as u32 - 1
            })
        })
        .collect();
    let id_of = |name: &str| ids.get(name).copied();
    // 1. Full forms: multi-word names.
    let is_multi: Vec<bool> = names.iter().map(|n| n.contains([' ', '-'])).collect();
    let multi: Vec<u32> = (0..names.len() as u32)
        .filter(|&id| is_multi[id as usize])
        .collect();
    // Per name: how often it is used, and for a full form its documents (ascending: raws
    // come by document; only full forms are ever looked up).
    let mut uses = vec![0u32; names.len()];
    // (name, document) once per full form and document, in compressed rows: one allocation
    // where a list per name would take one each.
    let mut last_doc = vec![u32::MAX; names.len()];
    let mut name_docs: Vec<(u32, u32)> = Vec::new();
    for (r, &id) in raws.iter().zip(&raw_name) {
        uses[id as usize] += 1;
        if is_multi[id as usize] && last_doc[id as usize] != r.doc as u32 {
            last_doc[id as usize] = r.doc as u32;
            name_docs.push((id, r.doc as u32));
        }
    }
    let docs = crate::sets::Rows::new(names.len(), name_docs.iter().copied());
    let in_doc = |id: u32, doc: usize| docs.row(id).binary_search(&(doc as u32)).is_ok();
    let disjoint = |a: u32, b: u32| crate::sets::disjoint(docs.row(a), docs.row(b));
    // Spelling variants: same surname, first names one or two edits apart, never in one
    // article together. Only two-word names with the same surname can be variants: compare
    // within those groups, each in byte order of the names.
    let mut by_surname: Vec<(&str, u32, &str)> = multi
        .iter()
        .filter_map(|&m| {
            let (first, last) = names[m as usize].split_once(' ')?;
            (!last.contains(' ')).then_some((last, m, first))
        })
        .collect();
    by_surname.sort_unstable_by_key(|&(last, m, _)| (last, names[m as usize]));
    let mut variant_of: Vec<Option<u32>> = vec![None; names.len()];
    for group in by_surname.chunk_by(|x, y| x.0 == y.0) {
        for (a_i, &(_, a, fa)) in group.iter().enumerate() {
            for &(_, b, fb) in &group[a_i + 1..] {
                if fa == fb {
                    continue;
                }
                let close = fa.chars().next() == fb.chars().next()
                    && fa.chars().count() >= 4
                    && edit_distance(fa, fb) <= 2;
                if close && disjoint(a, b) {
                    // The more used form wins; ties: the smaller in byte order.
                    let (keep, drop) = if uses[a as usize] >= uses[b as usize] {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    variant_of[drop as usize].get_or_insert(keep);
                }
            }
        }
    }
    // Canonical form of each name: itself, or the spelling variant it gives way to.
    let canon = |id: u32| variant_of[id as usize].unwrap_or(id);
    // Single words (and "Mr X") that are the last word of a full name: per mention, the full
    // name in the same article, else the only full name with that surname in the story.
    // Full names by each of their proper word suffixes that is a name too ("Lavrov",
    // "De Angelis"; "Lee Kuan" is not one: only suffixes that end the name).
    let mut longer: Vec<Vec<u32>> = vec![Vec::new(); names.len()];
    for &m in &multi {
        let name = names[m as usize];
        for (i, c) in name.char_indices() {
            if c == ' ' || c == '-' {
                if let Some(s) = id_of(&name[i + 1..]) {
                    longer[s as usize].push(m);
                }
            }
        }
    }
    // The same (article, name) resolves the same way: resolve it once per article (raws come
    // by document).
    let mut memo: Vec<(usize, u32)> = vec![(usize::MAX, 0); names.len()];
    let raw_canon: Vec<u32> = raws
        .iter()
        .zip(&raw_name)
        .map(|(r, &id)| {
            let (doc, c) = memo[id as usize];
            if doc == r.doc {
                return c;
            }
            let mut c = canon(id);
            if r.name.split(' ').count() <= 2 {
                let longer = &longer[id as usize];
                let mut here = longer.iter().filter(|&&m| in_doc(m, r.doc));
                let pick = match (here.next(), here.next()) {
                    (Some(&only), None) => Some(only),
                    (None, _) => {
                        // The canonical forms of all of them, if they are one.
                        let first = longer.first().map(|&m| canon(m));
                        first.filter(|&f| longer.iter().all(|&m| canon(m) == f))
                    }
                    _ => None,
                };
                if let Some(p) = pick {
                    c = canon(p);
                }
            }
            memo[id as usize] = (r.doc, c);
            c
        })
        .collect();
    // 2. Entities by canonical name, in order of first mention.
    let mut entity_of: Vec<Option<usize>> = vec![None; names.len()];
    // At most one entity per name.
    let mut list: Vec<Entity> = Vec::with_capacity(names.len());
    let mut alias_ids: Vec<Vec<u32>> = Vec::with_capacity(names.len());
    let mut evidence: Vec<[u32; 3]> = Vec::with_capacity(names.len()); // person, org, place votes
    let mut mentions = Vec::with_capacity(raws.len());
    for ((r, &id), &c) in raws.into_iter().zip(&raw_name).zip(&raw_canon) {
        let e_id = *entity_of[c as usize].get_or_insert_with(|| {
            list.push(Entity {
                name: names[c as usize].to_string(),
                kind: Kind::Other,
                aliases: Vec::new(),
                roles: Vec::new(),
                sources: Vec::new(),
                mentions: 0,
            });
            alias_ids.push(Vec::new());
            evidence.push([0; 3]);
            list.len() - 1
        });
        let e = &mut list[e_id];
        e.mentions += 1;
        // Raws come by document: sources stay ascending.
        if e.sources.last() != Some(&r.doc) {
            e.sources.push(r.doc);
        }
        let aliases = &mut alias_ids[e_id];
        if id != c && !aliases.contains(&id) {
            aliases.push(id);
        }
        if let Some(role) = &r.role {
            if !e.roles.contains(role) {
                e.roles.push(role.clone());
            }
        }
        let ev = &mut evidence[e_id];
        if r.titled || r.role.is_some() || r.person_hint {
            ev[0] += 2;
        }
        if r.org_word {
            ev[1] += 3;
        }
        if r.place_word {
            ev[2] += 3;
        } else if r.place_prep {
            ev[2] += 1;
        }
        if id != c {
            // A surname standing for a full name is a person's.
            ev[0] += 1;
        }
        mentions.push(Mention {
            doc: r.doc,
            start: r.start,
            end: r.end,
            role: r.role,
            entity: e_id,
        });
    }
    for ((e, ev), aliases) in list.iter_mut().zip(&evidence).zip(alias_ids) {
        e.aliases = aliases
            .iter()
            .map(|&a| names[a as usize].to_string())
            .collect();
        e.aliases.sort_unstable();
        e.roles.sort();
        let best = ev.iter().copied().max().unwrap_or(0);
        e.kind = if best == 0 {
            Kind::Other
        } else if ev[1] == best {
            Kind::Organization
        } else if ev[0] == best {
            Kind::Person
        } else {
            Kind::Place
        };
    }
    mentions.sort_by_key(|m| (m.doc, m.start));
    Entities { list, mentions }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(texts: &[&str]) -> Vec<Document> {
        crate::facts::test_story(texts).documents
    }

    fn entity<'a>(e: &'a Entities, name: &str) -> &'a Entity {
        e.list
            .iter()
            .find(|x| x.name == name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", e.list))
    }

    proptest::proptest! {
        /// The byte walks of `opens` and `strip_possessive` against the plain versions.
        #[test]
        fn opens_and_possessives_as_the_plain_versions_say(
            text in "([a-zA-Z \t\n\x0b\r\"“(:,'’s\u{a0}\u{2003}é]|\\PC){0,24}"
        ) {
            for ws in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let plain = ws == 0 || text[..ws].trim_end().ends_with(['"', '“', '(', ':']);
                proptest::prop_assert_eq!(opens(&text, ws), plain, "{:?} at {}", text, ws);
                let word = &text[ws..];
                let stripped = word
                    .strip_suffix("'s")
                    .or_else(|| word.strip_suffix("’s"))
                    .or_else(|| word.strip_suffix('\''))
                    .or_else(|| word.strip_suffix('’'))
                    .unwrap_or(word);
                proptest::prop_assert_eq!(strip_possessive(word), stripped);
            }
        }
    }

    #[test]
    fn possessives_are_stripped() {
        for (word, name) in [
            ("Lavrov's", "Lavrov"),
            ("Lavrov’s", "Lavrov"),
            ("Davies'", "Davies"),
            ("Davies’", "Davies"),
            ("Davies", "Davies"),
            ("Lavrov", "Lavrov"),
            ("’", ""),
        ] {
            assert_eq!(strip_possessive(word), name, "{word}");
        }
    }

    #[test]
    fn last_piece_splits_as_rsplit_on_a_space() {
        for s in [
            "",
            "a",
            "union leader",
            "said,  the union's leader",
            " x",
            "x ",
            "a b c",
        ] {
            let mut expected = s.rsplit(' ');
            let (p1, rest) = last_piece(s);
            assert_eq!(Some(p1), expected.next(), "{s:?}");
            assert_eq!(rest.map(|r| last_piece(r).0), expected.next(), "{s:?}");
        }
    }

    #[test]
    fn titles_split_off_and_surnames_join_full_names() {
        let docs = story(&[
            "Foreign Minister Sergei Lavrov met officials in Geneva on Monday. Lavrov said talks went well. Police closed the road.",
            "Mr Lavrov left Geneva on Tuesday, the Foreign Ministry said.",
        ]);
        let e = find_entities(&docs);
        let lavrov = entity(&e, "Sergei Lavrov");
        assert_eq!(lavrov.kind, Kind::Person);
        assert_eq!(lavrov.aliases, ["Lavrov"]);
        assert_eq!(lavrov.roles, ["foreign minister"]);
        assert_eq!(lavrov.sources, [0, 1]);
        assert_eq!(entity(&e, "Geneva").kind, Kind::Place);
        assert_eq!(entity(&e, "Foreign Ministry").kind, Kind::Organization);
        // "Police" opens a sentence and the story never writes "police" in lower case, so it
        // stays a name here; "Monday" never is one.
        assert!(e.list.iter().all(|x| x.name != "Monday"));
    }

    #[test]
    fn spelling_variants_merge_only_across_articles() {
        let docs = story(&[
            "Sergei Lavrov spoke in Moscow on Monday about the talks.",
            "Sergey Lavrov spoke to reporters in Moscow about the talks.",
            "Sergei Lavrov and Sergey Lavrov are here namesakes in one article.",
        ]);
        let e = find_entities(&docs);
        // Side by side in article 3 they are two people: no merge.
        assert!(e.list.iter().any(|x| x.name == "Sergey Lavrov"));
        let docs = story(&[
            "Sergei Lavrov spoke in Moscow on Monday about the talks.",
            "Sergey Lavrov spoke to reporters in Moscow about the talks.",
            "Sergei Lavrov flew home later that week after the talks.",
        ]);
        let e = find_entities(&docs);
        let l = entity(&e, "Sergei Lavrov");
        assert_eq!(l.aliases, ["Sergey Lavrov"]);
        assert_eq!(l.sources, [0, 1, 2]);
    }

    #[test]
    fn lower_case_role_before_a_name_and_sentence_openers() {
        let docs = story(&[
            "Union leader Farid Haddad said workers would stay out. The union says talks failed. Haddad, 52, is a crane driver.",
        ]);
        let e = find_entities(&docs);
        let h = entity(&e, "Farid Haddad");
        assert_eq!(h.kind, Kind::Person);
        assert!(h.roles.iter().any(|r| r == "union leader"), "{:?}", h.roles);
        // "Union" opens the sentence and "union" appears in lower case: not a name.
        assert!(e.list.iter().all(|x| x.name != "Union"), "{:?}", e.list);
    }
}
