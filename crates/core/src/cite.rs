//! Citations: which articles carry the claim of a summary sentence.
//!
//! A citation is a promise that the cited article says the same thing, so sharing the topic is
//! not enough. A summary sentence cites its own article and, for every other article, the one
//! sentence that carries its claim best, when there is one that
//! * contains most of its information: at least [`CITE_CONTAINMENT`] of the weight of the
//!   sentence's content terms (stems, stop words aside), a term weighing its inverse document
//!   frequency in the story, so the words of the topic every article uses count little and the
//!   words of the claim count much (attribution verbs and the words that only describe a
//!   name count nothing); at least [`CITE_MIN_SHARED`] terms; and one of the claim's rarest
//!   words that other articles use too ("sued" of "Metallica also sued");
//! * states every figure it states with the same bound (`9` and `nine`, `26,000` and `26000`
//!   are one figure; "more than 300" is not "as many as 300");
//! * does not name someone else: when it lacks one of the sentence's names (the last word of
//!   a run of capitalised words: "Chief Arthur Cotten" is "Cotten"; "President Bill Clinton" is
//!   carried by "Clinton"), it names nobody the sentence does not name;
//! * does not deny what the sentence affirms, nor affirm what it denies (a "no" or "not" next
//!   to a word both speak of);
//! * does not put it on another day (a weekday of its own that the sentence does not name).
//!
//! A sentence that names a different figure, person or day is therefore never a citation; an
//! article that only shares the topic is left out rather than cited.

use crate::model::{Citation, SentenceRef};
use crate::sets::{common, shared};
use crate::story::Story;
use crate::text::{fold_case, term_of, word_spans, Lexicon, DAY_WORDS, MONTH_WORDS};

/// Share of the weight of a summary sentence's content terms that a cited sentence must contain.
pub const CITE_CONTAINMENT: f64 = 0.6;
/// Minimum number of shared content terms: a sentence whose claim has fewer ("Metallica also
/// sued") is too thin to tell one article's claim from another's, and cites only itself.
pub const CITE_MIN_SHARED: usize = 3;

/// Cites summary sentences: holds what every citation of one story needs, the weight of each
/// content term (its inverse document frequency in the story: words every article uses, the
/// topic, say little about a claim; words few articles use carry it).
#[derive(Debug)]
pub struct Citer<'a> {
    story: &'a Story,
    weight: Vec<f64>,
}

impl<'a> Citer<'a> {
    pub fn new(story: &'a Story) -> Citer<'a> {
        // A story of few articles cannot tell its topic from its claims (with two articles, every
        // shared word is in all of them): weights are computed as if it had at least
        // `MIN_ARTICLES`, so there they differ little.
        const MIN_ARTICLES: usize = 10;
        let n = story.voices().max(MIN_ARTICLES) as f64;
        let weight = (0..story.vocab.len() as u32)
            .map(|t| ((n + 1.0) / story.doc_freq(t).max(1) as f64).ln())
            .collect();
        Citer { story, weight }
    }

    /// The citations of sentence `at`: its own first, then one per other article that carries
    /// its claim, in document order.
    pub fn cite(&self, at: SentenceRef) -> Vec<Citation> {
        let story = self.story;
        let terms = story.content_terms();
        let claim = Anchors::of(story.sentence_text(at));
        // Who reports a claim is not the claim: attribution verbs and the words that only
        // describe a name weigh nothing.
        let aside: Vec<u32> = claim
            .aside
            .iter()
            .map(String::as_str)
            .chain(ATTRIBUTION.iter().copied())
            .filter_map(|w| term_of(&story.vocab, w))
            .collect();
        let own: Vec<u32> = terms[at.doc][at.sent]
            .iter()
            .copied()
            .filter(|t| !aside.contains(t))
            .collect();
        let own = &own;
        let mut out = vec![Citation {
            doc: at.doc,
            span: story.sentence(at).span,
        }];
        let total: f64 = own.iter().map(|&t| self.weight[t as usize]).sum();
        // The claim's most specific word that other articles use too: a sentence that carries
        // the claim carries it ("sued" in "Metallica also sued", not just "Metallica").
        // (Figures are checked as figures: "nine" and "9" are one.)
        let words: Vec<u32> = own
            .iter()
            .copied()
            .filter(|&t| figure(story.vocab.term(t)).is_none())
            .collect();
        let rarest = words
            .iter()
            .map(|&t| story.doc_freq(t))
            .filter(|&n| n >= 2)
            .min();
        let key: Vec<u32> = words
            .into_iter()
            .filter(|&t| Some(story.doc_freq(t)) == rarest)
            .collect();
        for (doc, d) in story.documents.iter().enumerate() {
            if doc == at.doc {
                continue;
            }
            let mut best: Option<(f64, usize)> = None;
            for (sent, t) in terms[doc].iter().enumerate() {
                let n = shared(own, t);
                if n < CITE_MIN_SHARED
                    || !(key.is_empty() || key.iter().any(|k| t.binary_search(k).is_ok()))
                {
                    continue;
                }
                let carried = self.shared_weight(own, t) / total.max(f64::MIN_POSITIVE);
                if carried < CITE_CONTAINMENT || best.is_some_and(|(b, _)| carried <= b) {
                    continue;
                }
                if claim.carried_by(d.slice(d.sentences[sent].span)) {
                    best = Some((carried, sent));
                }
            }
            if let Some((_, sent)) = best {
                out.push(Citation {
                    doc,
                    span: d.sentences[sent].span,
                });
            }
        }
        out
    }

    /// The summed weight of the terms two sorted term lists share.
    fn shared_weight(&self, a: &[u32], b: &[u32]) -> f64 {
        common(a, b).map(|t| self.weight[t as usize]).sum()
    }
}

/// What a sentence states beyond its topic: its figures (with the bound a qualifier puts on
/// each), the heads of its names and its days, each lower case.
#[derive(Debug, Default)]
struct Anchors {
    figures: Vec<(String, Bound)>,
    names: Vec<String>,
    days: Vec<String>,
    /// The other words of the names ("Police Chief Arthur" of "Police Chief Arthur Cotten"):
    /// they describe a name whose head is checked, and weigh nothing in the claim.
    aside: Vec<String>,
    /// Every word, lower case.
    words: Vec<String>,
}

impl Anchors {
    fn of(text: &str) -> Anchors {
        let mut a = Anchors::default();
        let words: Vec<(usize, usize)> = word_spans(text).collect();
        a.words = words
            .iter()
            .map(|&(s, e)| possessive_stripped(&fold_case(&text[s..e])).to_string())
            .collect();

        // The run of capitalised words being read (lower case), and whether it opens a
        // sentence or a quotation, where a capital says nothing of a name.
        let mut run: (Vec<String>, bool) = (Vec::new(), false);
        for (i, &(s, e)) in words.iter().enumerate() {
            let word = &text[s..e];
            let lower = possessive_stripped(&fold_case(word)).to_string();
            let joined = i > 0 && text[words[i - 1].1..s].chars().all(|c| c == ' ');
            let capital = word.starts_with(char::is_uppercase);
            if !joined || !capital {
                a.close(std::mem::take(&mut run));
            }
            if let Some(f) = figure(&lower) {
                a.figures.push((f, Bound::before(&text[..s])));
            } else if DAY_WORDS.contains(&lower) && capital {
                a.days.push(lower);
            } else if capital && !MONTH_WORDS.contains(&lower) {
                if run.0.is_empty() {
                    run.1 = i == 0 || opens_sentence(&text[..s]);
                }
                run.0.push(lower);
            }
        }
        a.close(run);
        a
    }

    /// Keep the name of the run of capitalised words just read: its last word that is not a
    /// title or a stop word is the head; the words before it only describe it.
    fn close(&mut self, (run, opens): (Vec<String>, bool)) {
        if run.is_empty() || (opens && run.len() == 1) {
            return;
        }
        let lexicon = Lexicon::english();
        let head = run
            .iter()
            .rposition(|w| !lexicon.is_stop(w) && !TITLES.contains(&w.as_str()));
        if let Some(h) = head {
            self.aside.extend(run[..h].iter().cloned());
            self.names.push(run[h].clone());
        }
    }

    /// Whether it denies something `other` speaks of: a "no", "not", "never" or "n't" with one
    /// of the words of `other` right after it ("No new cases were reported" denies what "New
    /// cases were reported" affirms; "no compulsory layoffs" denies nothing "a 4 percent pay
    /// rise" speaks of).
    fn denies(&self, other: &Anchors) -> bool {
        const NOT: &[&str] = &[
            "no", "not", "never", "none", "nobody", "nothing", "neither", "nor", "without",
        ];
        let lexicon = Lexicon::english();
        self.words.iter().enumerate().any(|(i, w)| {
            (NOT.contains(&w.as_str()) || w.ends_with("n't"))
                && self.words[i + 1..]
                    .iter()
                    .take(3)
                    .any(|n| !lexicon.is_stop(n) && other.words.contains(n))
        })
    }

    /// Whether `text` carries these anchors: every figure and name, and no other day only.
    fn carried_by(&self, text: &str) -> bool {
        let other = Anchors::of(text);
        // A name left out is a detail omitted; a name left out where another stands in its
        // place ("Chief Arthur Cohen" for "Chief Arthur Cotten") is another claim.
        let missing = self.names.iter().any(|n| !other.words.contains(n));
        let replaced = other.names.iter().any(|n| !self.words.contains(n));
        self.figures.iter().all(|f| other.figures.contains(f))
            && !(missing && replaced)
            && self.denies(&other) == other.denies(self)
            && (self.days.is_empty()
                || other.days.is_empty()
                || self.days.iter().any(|d| other.days.contains(d)))
    }
}

/// What a qualifier says of the figure after it: "more than 70" is a floor, "as many as 70" a
/// ceiling; "about 70" and a bare "70" state the figure itself.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Bound {
    Exact,
    Floor,
    Ceiling,
}

impl Bound {
    /// The bound the words just before a figure put on it.
    fn before(text: &str) -> Bound {
        const FLOORS: &[&str] = &[
            "more than",
            "over",
            "at least",
            "upwards of",
            "in excess of",
            "exceeding",
            "above",
        ];
        const CEILINGS: &[&str] = &[
            "as many as",
            "up to",
            "less than",
            "fewer than",
            "under",
            "nearly",
            "almost",
            "at most",
            "below",
            "as much as",
        ];
        let t = fold_case(text.trim_end().trim_end_matches(['$', '£', '€']).trim_end());
        let ends = |list: &[&str]| {
            list.iter().any(|q| {
                t.strip_suffix(q)
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with([' ', '(', '"', '“']))
            })
        };
        if ends(FLOORS) {
            Bound::Floor
        } else if ends(CEILINGS) {
            Bound::Ceiling
        } else {
            Bound::Exact
        }
    }
}

/// Words that attribute a claim to its source.
const ATTRIBUTION: &[&str] = &[
    "say",
    "said",
    "says",
    "told",
    "tell",
    "tells",
    "according",
    "added",
    "adds",
    "reported",
    "reports",
    "stated",
    "announced",
];

/// Words that title a name rather than name it.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "president",
    "senator",
    "governor",
    "minister",
    "prime",
    "chief",
    "judge",
    "mayor",
    "officer",
    "secretary",
];

/// Whether what precedes a word ends a sentence or opens a quotation or bracket: a capital
/// there says nothing about a name.
fn opens_sentence(before: &str) -> bool {
    let t = before.trim_end();
    if let Some(head) = t.strip_suffix('.') {
        // "Gov. Smith", "J. Smith": the period ends an abbreviation, not a sentence.
        let last = head
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return !(last.chars().count() == 1 || TITLES.contains(&&*fold_case(last)));
    }
    t.is_empty() || t.ends_with(['"', '“', '\'', '‘', '`', '(', ':', '—', '-'])
}

/// `word` without a possessive `'s`.
fn possessive_stripped(word: &str) -> &str {
    word.strip_suffix("'s").unwrap_or(word)
}

/// The figure a word states, normalised: digits without grouping commas, or a number word's
/// value as the claims of `facts::numbers` read it ("nine" -> "9"; "one" is not a count there).
fn figure(lower: &str) -> Option<String> {
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = lower.chars().filter(|&c| c != ',').collect();
        return Some(digits);
    }
    crate::facts::numbers::number_word(lower).map(|v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use crate::sets::{disjoint, shared, similarity};
    use crate::story::analyze;

    #[test]
    fn similarity_bounds() {
        assert_eq!(similarity(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(similarity(&[1, 2], &[3, 4]), 0.0);
        assert_eq!(similarity(&[], &[1]), 0.0);
        assert_eq!(shared(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        assert!(!disjoint(&[1, 3, 5, 7], &[2, 3, 7, 9]));
        assert!(disjoint(&["a", "c"], &["b", "d"]));
        assert!(disjoint::<u32>(&[], &[1]));
    }

    pub(super) fn story(texts: &[&str]) -> Story {
        analyze(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Article {
                    id: i.to_string(),
                    text: t.to_string(),
                    ..Default::default()
                })
                .collect(),
        )
    }

    fn cited_docs(texts: &[&str]) -> Vec<usize> {
        let s = story(texts);
        let c = Citer::new(&s).cite(SentenceRef { doc: 0, sent: 0 });
        c.iter().map(|c| c.doc).collect()
    }

    #[test]
    fn cites_every_article_with_the_same_fact_and_only_those() {
        let texts = [
            "The factory fire killed nine workers in Dunmore on Friday.",
            "Nine workers were killed when fire swept through a factory in Dunmore on Friday.",
            "The city council approved a new budget for parks.",
            "A factory fire in Dunmore killed 9 workers, police said Friday.",
        ];
        assert_eq!(cited_docs(&texts), [0, 1, 3]);
        let s = story(&texts);
        for c in Citer::new(&s).cite(SentenceRef { doc: 0, sent: 0 }) {
            assert!(s.documents[c.doc].slice(c.span).contains("Dunmore"));
        }
    }

    #[test]
    fn a_figure_with_another_bound_is_not_a_citation() {
        let lead = "More than 300 people were evacuated from the valley.";
        assert_eq!(
            cited_docs(&[
                lead,
                "As many as 300 people were evacuated from the valley."
            ]),
            [0]
        );
        assert_eq!(
            cited_docs(&[
                lead,
                "Over 300 people were evacuated from the valley on Monday."
            ]),
            [0, 1]
        );
    }

    #[test]
    fn a_different_figure_name_or_day_is_not_a_citation() {
        let lead = "The storm left three yachts missing off Port Alder on Sunday.";
        // Another count.
        assert_eq!(
            cited_docs(&[
                lead,
                "The storm left two yachts missing off Port Alder on Sunday."
            ]),
            [0]
        );
        // Another place (a name the sentence needs).
        assert_eq!(
            cited_docs(&[
                lead,
                "The storm left three yachts missing off Cape Brell on Sunday."
            ]),
            [0]
        );
        // Another day.
        assert_eq!(
            cited_docs(&[
                lead,
                "The storm left three yachts missing off Port Alder on Monday."
            ]),
            [0]
        );
        // No day at all still carries it; the number as a word too.
        assert_eq!(
            cited_docs(&[
                lead,
                "Three yachts were missing off Port Alder after the storm."
            ]),
            [0, 1]
        );
        let chief = "The fire was set on purpose, said Police Chief Arthur Cotten.";
        assert_eq!(
            cited_docs(&[
                chief,
                "The fire was set on purpose, said Chief Arthur Cohen."
            ]),
            [0]
        );
        assert_eq!(
            cited_docs(&[chief, "Cotten said the fire was set on purpose."]),
            [0, 1]
        );
    }

    #[test]
    fn a_denial_is_not_carried_by_an_affirmation_and_a_thin_sentence_cites_itself() {
        let lead = "No new cases of the fever were reported in Dunmore County on Friday.";
        assert_eq!(
            cited_docs(&[
                lead,
                "New cases of the fever were reported in Dunmore County on Friday."
            ]),
            [0]
        );
        assert_eq!(
            cited_docs(&[
                lead,
                "Dunmore County reported no new cases of the fever on Friday."
            ]),
            [0, 1]
        );
        assert_eq!(
            cited_docs(&[
                "The company offered a 4 percent pay rise to dock workers.",
                "The company offered dock workers a 4 percent pay rise and no compulsory layoffs."
            ]),
            [0, 1]
        );
        assert_eq!(
            cited_docs(&["Metallica also sued.", "Metallica sued Napster in April."]),
            [0]
        );
    }

    #[test]
    fn sharing_the_topic_is_not_carrying_the_claim() {
        let texts = [
            "Rescuers pulled two climbers from the collapsed ice cave near the glacier lodge.",
            "The glacier lodge reopened its ice cave tours after repairs.",
        ];
        assert_eq!(cited_docs(&texts), [0]);
    }

    #[test]
    fn anchors_are_figures_name_heads_and_days() {
        let a = Anchors::of("Officials said Gov. Mary Ellen Park's office paid 26,000 dollars to two firms on Tuesday in May.");
        assert_eq!(
            a.figures,
            [("26000".into(), Bound::Exact), ("2".into(), Bound::Exact)]
        );
        let bounds = |t: &str| {
            Anchors::of(t)
                .figures
                .into_iter()
                .map(|f| f.1)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            bounds("At least 70 died, up to $5 million was lost and over 3 towns and about 9 roads were hit."),
            [Bound::Floor, Bound::Ceiling, Bound::Floor, Bound::Exact]
        );
        assert_eq!(bounds("Moreover 4 men left."), [Bound::Exact]);
        assert_eq!(a.names, ["park"]);
        assert_eq!(a.days, ["tuesday"]);
        // A capitalised first word alone, or after a quote mark, names nothing.
        assert!(Anchors::of("Rescuers worked through the night.")
            .names
            .is_empty());
        assert!(Anchors::of("\"We are tired,\" a nurse said.")
            .names
            .is_empty());
        // But a run that starts the sentence keeps its head.
        assert_eq!(
            Anchors::of("Prime Minister Ana Lenz resigned.").names,
            ["lenz"]
        );
    }
}
