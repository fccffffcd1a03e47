//! Names: people, organizations and places mentioned in a story, with their aliases.
//!
//! A name is a run of capitalized words ("Sergei Lavrov", "Port of Saltmere", "Bank of
//! England"); a title in front ("Foreign Minister", "Mr") is split off and kept as a role. A
//! word that opens a sentence counts only when the story never writes it in lower case; a
//! sentence in title case (a headline) gives no names. Kinds come from evidence: a title, a
//! role or an age makes a person; an organization word ("Union", "Ministry", "Inc") or an
//! acronym an organization; a place word, a preposition of place ("in", "near") or a US state
//! in apposition ("Dayton, Ohio,") a place; else "other". Aliases join a surname ("Lavrov",
//! "Mr Lavrov") to the full name used in the same article (else the only one in the story;
//! what follows "of" is no surname), and spelling variants of one person ("Sergei"/"Sergey
//! Lavrov") when they never appear side by side in one article.

mod group;
mod scan;

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
    "nominee",
    "candidate",
    "strategist",
    "aide",
    "pollster",
    "moderator",
    "anchor",
    "columnist",
    "commentator",
    "surrogate",
    "congressman",
    "congresswoman",
    "sheriff",
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

/// US states and their AP abbreviations (without the last period): "Bramford, Okla.," is a place.
static STATES: WordSet = WordSet::new(&[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
    "d.c",
    "ala",
    "ariz",
    "ark",
    "calif",
    "colo",
    "conn",
    "del",
    "fla",
    "ga",
    "ill",
    "ind",
    "kan",
    "ky",
    "la",
    "md",
    "mass",
    "mich",
    "minn",
    "miss",
    "mo",
    "mont",
    "neb",
    "nev",
    "n.h",
    "n.j",
    "n.m",
    "n.y",
    "n.c",
    "n.d",
    "okla",
    "ore",
    "pa",
    "r.i",
    "s.c",
    "s.d",
    "tenn",
    "tex",
    "va",
    "vt",
    "wash",
    "w.va",
    "wis",
    "wyo",
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

/// Whether `word` is a role noun ("spokesman", "nominee"), any case.
pub(crate) fn is_role_noun(word: &str) -> bool {
    ROLE_NOUNS.contains_lower(word)
}

/// Whether a capitalized `word` is no name by itself ("Most", "The", "However").
pub(crate) fn is_not_name(word: &str) -> bool {
    NOT_NAMES.contains_lower(word)
}

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

/// Small words that headline style capitalizes and running text writes in lower case.
static HEADLINE_SMALL_WORDS: WordSet = WordSet::new(&[
    "a", "an", "the", "and", "but", "or", "to", "of", "in", "on", "at", "by", "for", "as", "is",
    "are", "was", "were", "with", "from", "over", "after", "into", "about", "says", "will",
]);

/// Whether a sentence (`text`, its words at `words`) is written in title case, as headlines
/// are ("Mayor Says Port Will Reopen After Strike"): every word of four letters or more is
/// capitalized (at least four of them), and so is a small word after the first ("Will",
/// "After"). Its capitals say nothing about names.
fn title_case(text: &str, words: &[(usize, usize)]) -> bool {
    let word = |&(a, b): &(usize, usize)| &text[a..b];
    let long: Vec<&str> = words
        .iter()
        .map(word)
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    long.len() >= 4
        && long.iter().all(|w| is_capitalized(w))
        && words
            .iter()
            .skip(1)
            .map(word)
            .any(|w| is_capitalized(w) && HEADLINE_SMALL_WORDS.contains_lower(w))
}

/// Find the names of a story's documents.
pub(crate) fn find_entities(documents: &[Document]) -> Entities {
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
            if title_case(&d.clean[from..s.span.end], &words) {
                continue;
            }
            scan::scan_sentence(
                doc,
                &d.clean[from..s.span.end],
                from,
                &words,
                &lowercase_seen,
                &mut raws,
            );
        }
    }
    group::group(raws)
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
    fn a_city_before_its_state_is_a_place_and_of_ends_a_surname() {
        let docs = story(&[
            "Ann Lee visited Bramford, Okla., police officer Tom Reed on Monday.\nPresident Ola Berg of Norway met Ms. Lee. Norway said little. Lee said the talks in Dunmore, Ohio, were long.",
        ]);
        let e = find_entities(&docs);
        assert_eq!(entity(&e, "Bramford").kind, Kind::Place);
        assert_eq!(entity(&e, "Dunmore").kind, Kind::Place);
        assert_eq!(entity(&e, "Tom Reed").kind, Kind::Person);
        // "Norway" alone is no surname of "Ola Berg of Norway"; "Lee" is Ann Lee's.
        assert!(entity(&e, "Ola Berg of Norway").aliases.is_empty());
        assert_eq!(entity(&e, "Ann Lee").aliases, ["Lee"]);
    }

    #[test]
    fn a_title_case_headline_gives_no_names() {
        for (text, headline_names) in [
            (
                "Mayor Says Port Will Reopen After Strike\nThe mayor spoke on Monday.",
                false,
            ),
            (
                "Ann Lee And Tom Reed Met Rita Moss\nThey spoke on Monday.",
                true,
            ),
            ("Ann Lee met Tom Reed and Rita Moss in Bramford.", true),
        ] {
            let e = find_entities(&story(&[text]));
            let names = e
                .list
                .iter()
                .any(|x| x.name.contains("Port") || x.name.contains("Reed"));
            assert_eq!(names, headline_names, "{text}");
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
