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

use std::collections::{BTreeMap, BTreeSet};

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
    /// The name as written, possessive dropped.
    pub name: String,
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

/// Does the word at byte `ws` of a sentence open it, or open a quote, bracket or clause?
fn opens(text: &str, ws: usize) -> bool {
    ws == 0 || text[..ws].trim_end().ends_with(['"', '“', '(', ':'])
}

/// Find the names of a story's documents.
pub fn find_entities(documents: &[Document]) -> Entities {
    // Words the story writes in lower case: a sentence-opening "Police" is then no name. Only
    // capitalized words that open a sentence or quote are ever looked up, so only lower-case
    // words with the same term (stem) as one of those are kept.
    let mut wanted: Vec<bool> = Vec::new();
    for d in documents {
        for s in &d.sentences {
            let text = &d.clean[s.span.start..s.span.end];
            for (t, (ws, we)) in s.tokens.iter().zip(s.word_spans()) {
                if is_capitalized(&text[ws..we]) && opens(text, ws) {
                    let term = t.term as usize;
                    if term >= wanted.len() {
                        wanted.resize(term + 1, false);
                    }
                    wanted[term] = true;
                }
            }
        }
    }
    let mut lowercase_seen: rustc_hash::FxHashSet<&str> = Default::default();
    // The word last kept for each term: most terms have one lower-case form ("the").
    let mut last: Vec<&str> = vec![""; wanted.len()];
    for d in documents {
        for t in d.sentences.iter().flat_map(|s| &s.tokens) {
            let w = &d.clean[t.span.start..t.span.end];
            let term = t.term as usize;
            if w.as_bytes()[0].is_ascii_lowercase()
                && wanted.get(term) == Some(&true)
                && last[term] != w
            {
                last[term] = w;
                lowercase_seen.insert(w);
            }
        }
    }
    let mut raws = Vec::new();
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
    group(raws, documents.len())
}

/// Find the name runs of one sentence `text` (at byte `from` of its document), whose words
/// are at `words` (byte ranges in `text`).
fn scan_sentence<'a>(
    doc: usize,
    text: &'a str,
    from: usize,
    words: &[(usize, usize)],
    lowercase_seen: &rustc_hash::FxHashSet<&str>,
    out: &mut Vec<Raw<'a>>,
) {
    let word = |x: usize| &text[words[x].0..words[x].1];
    let mut i = 0;
    while i < words.len() {
        if !is_capitalized(word(i)) {
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
            } else if CONNECTORS.contains(&wj) && j + 1 < words.len() {
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
        let org_run = run
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
            if !org_run && TITLE_WORDS.contains_lower(w.trim_end_matches('.')) && k + 1 < run.end {
                title.push(w);
                k += 1;
                continue;
            }
            if NOT_NAMES.contains_lower(w)
                || super::time::is_calendar_word(w)
                || (title.is_empty()
                    && opens(text, ws)
                    && lowercase_seen.contains(&*crate::text::fold_case(w)))
            {
                k += 1;
                continue;
            }
            break;
        }
        if k >= run.end {
            continue;
        }
        let name_words = k..run.end;
        // Trailing connectors never end a name.
        if name_words
            .clone()
            .all(|x| NOT_NAMES.contains_lower(strip_possessive(word(x))))
        {
            continue;
        }
        let start = words[k].0;
        let last_word = words[run.end - 1];
        let end = last_word.0 + strip_possessive(&text[last_word.0..last_word.1]).len();
        let name = &text[start..end];
        if name.bytes().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // A lower-case role right before: "union leader Farid Haddad".
        let before = text[..words[run.start].0].trim_end();
        let mut prev_words = before.rsplit(' ');
        let prev1 = prev_words.next();
        let prev2 = prev_words.next();
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
            let said = a.starts_with("said") || a.starts_with("says") || a.starts_with("told");
            let said_before = prev1.is_some_and(|p| {
                ["said", "says", "added", "told"]
                    .iter()
                    .any(|v| p.eq_ignore_ascii_case(v))
            });
            // ", chief executive of ...", ", the union's leader,": an apposition with a role.
            let apposition = after.starts_with(", ")
                && a.split_whitespace()
                    .take(4)
                    .any(|w| ROLE_NOUNS.contains_lower(w.trim_end_matches(',')));
            age || apposition || ((said || said_before) && name_words.len() >= 2)
        };
        let token = |x: usize| strip_possessive(word(x));
        out.push(Raw {
            doc,
            start: from + start,
            end: from + end,
            name,
            titled: !title.is_empty(),
            org_word: name_words
                .clone()
                .any(|x| ORG_WORDS.contains_lower(token(x)))
                || (name_words.len() == 1 && is_acronym(token(k))),
            place_word: name_words
                .clone()
                .any(|x| PLACE_WORDS.contains_lower(token(x))),
            role: role.map(|r| crate::text::fold_case(&r).into_owned()),
            place_prep,
            person_hint,
        });
    }
}

fn group<'a>(raws: Vec<Raw<'a>>, n_docs: usize) -> Entities {
    // 1. Full forms: distinct multi-word names, and single words never seen as the last word
    //    of a longer name.
    let mut forms: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in raws.iter().enumerate() {
        forms.entry(r.name).or_default().push(i);
    }
    let multi: Vec<&str> = forms
        .keys()
        .copied()
        .filter(|n| n.contains([' ', '-']))
        .collect();
    let mut doc_multi: Vec<Vec<&str>> = vec![Vec::new(); n_docs];
    for (&name, idx) in &forms {
        if name.contains([' ', '-']) {
            // Each name is pushed for all its documents before the next name: a repeat is
            // always the last one pushed.
            for &i in idx {
                if doc_multi[raws[i].doc].last() != Some(&name) {
                    doc_multi[raws[i].doc].push(name);
                }
            }
        }
    }
    // Spelling variants: same surname, first names one or two edits apart, never in one
    // article together.
    let docs_of = |name: &str| -> BTreeSet<usize> {
        forms
            .get(name)
            .map(|v| v.iter().map(|&i| raws[i].doc).collect())
            .unwrap_or_default()
    };
    // Only two-word names with the same surname can be variants: compare within those groups
    // (names stay in sorted order, so the pairs come in the same order as over all names).
    let mut by_surname: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for &m in &multi {
        if let Some((first, last)) = m.split_once(' ') {
            if !last.contains(' ') {
                by_surname.entry(last).or_default().push((m, first));
            }
        }
    }
    let mut variant_of: BTreeMap<&'a str, &'a str> = BTreeMap::new();
    for group in by_surname.values() {
        for (a_i, &(a, fa)) in group.iter().enumerate() {
            for &(b, fb) in &group[a_i + 1..] {
                if fa == fb {
                    continue;
                }
                let close = fa.chars().next() == fb.chars().next()
                    && fa.chars().count() >= 4
                    && edit_distance(fa, fb) <= 2;
                if close && docs_of(a).is_disjoint(&docs_of(b)) {
                    // The more used form wins; ties: the smaller in byte order.
                    let (na, nb) = (forms[a].len(), forms[b].len());
                    let (keep, drop) = if na >= nb { (a, b) } else { (b, a) };
                    variant_of.entry(drop).or_insert(keep);
                }
            }
        }
    }
    // Canonical form of each name: itself, or the spelling variant it gives way to.
    let canon = |name: &'a str| -> &'a str { variant_of.get(name).copied().unwrap_or(name) };
    // Single words (and "Mr X") that are the last word of a full name: per mention, the full
    // name in the same article, else the only full name with that surname in the story.
    // Full names by each of their proper word suffixes ("Lavrov", "De Angelis", "Lee Kuan"
    // is not one: only suffixes that end the name).
    let mut by_suffix: rustc_hash::FxHashMap<&str, Vec<&str>> = Default::default();
    for &m in &multi {
        for (i, c) in m.char_indices() {
            if c == ' ' || c == '-' {
                by_suffix.entry(&m[i + 1..]).or_default().push(m);
            }
        }
    }
    let in_doc_multi: rustc_hash::FxHashSet<(usize, &str)> = doc_multi
        .iter()
        .enumerate()
        .flat_map(|(d, names)| names.iter().map(move |&n| (d, n)))
        .collect();
    // The same (article, name) resolves the same way: resolve it once.
    let mut memo: rustc_hash::FxHashMap<(usize, &str), &str> = Default::default();
    let mut raw_canon: Vec<&str> = Vec::with_capacity(raws.len());
    for r in &raws {
        if let Some(&c) = memo.get(&(r.doc, r.name)) {
            raw_canon.push(c);
            continue;
        }
        let mut c = canon(r.name);
        let short = r.name.split(' ').count() <= 2;
        if short {
            let longer = by_suffix.get(r.name).map_or(&[][..], Vec::as_slice);
            let mut in_doc = longer
                .iter()
                .filter(|&&m| in_doc_multi.contains(&(r.doc, m)));
            let pick = match (in_doc.next(), in_doc.next()) {
                (Some(&only), None) => Some(only),
                (None, _) => {
                    let all: BTreeSet<&str> = longer.iter().map(|&m| canon(m)).collect();
                    (all.len() == 1).then(|| all.into_iter().next().unwrap_or(r.name))
                }
                _ => None,
            };
            if let Some(p) = pick {
                c = canon(p);
            }
        }
        memo.insert((r.doc, r.name), c);
        raw_canon.push(c);
    }
    // 2. Entities by canonical name.
    let mut by_name: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let mut list: Vec<Entity> = Vec::new();
    let mut evidence: Vec<[u32; 3]> = Vec::new(); // person, org, place votes
    let mut mentions = Vec::with_capacity(raws.len());
    for (r, &c) in raws.iter().zip(&raw_canon) {
        let id = *by_name.entry(c).or_insert_with(|| {
            list.push(Entity {
                name: c.to_string(),
                kind: Kind::Other,
                aliases: Vec::new(),
                roles: Vec::new(),
                sources: Vec::new(),
                mentions: 0,
            });
            evidence.push([0; 3]);
            list.len() - 1
        });
        let e = &mut list[id];
        e.mentions += 1;
        if e.sources.last() != Some(&r.doc) && !e.sources.contains(&r.doc) {
            e.sources.push(r.doc);
        }
        if r.name != c && !e.aliases.iter().any(|a| a == r.name) {
            e.aliases.push(r.name.to_string());
        }
        if let Some(role) = &r.role {
            if !e.roles.contains(role) {
                e.roles.push(role.clone());
            }
        }
        let ev = &mut evidence[id];
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
        if r.name != c {
            // A surname standing for a full name is a person's.
            ev[0] += 1;
        }
        mentions.push(Mention {
            doc: r.doc,
            start: r.start,
            end: r.end,
            name: r.name.to_string(),
            role: r.role.clone(),
            entity: id,
        });
    }
    for (e, ev) in list.iter_mut().zip(&evidence) {
        e.sources.sort_unstable();
        e.aliases.sort();
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
