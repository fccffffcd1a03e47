//! Who said what: direct quotations, their speakers, and the same quote across articles.
//!
//! Quotations are found between quote marks in each paragraph (straight `"`, curly `“ ”`,
//! single curly `‘ ’`, and DUC's ``` `` ''```). A quote left open at the end of a paragraph
//! continues when the next paragraph opens with a quote mark (the news convention for long
//! quotes). A quote split around its attribution (`"It is illegitimate," Lavrov said, "and
//! unlawful."`) is one quotation with two spans.
//!
//! The speaker comes from the attribution in the same sentence: after the quote ("…," X said;
//! "…," said X; "…," according to X) or before it (X said: "…"; X told reporters "…"; X called
//! it "…"; X left, saying "…", where the clause's subject speaks), else from a line that
//! introduces the paragraph of the quote (`X said:`), else from a dash and a name signing it
//! (`"…" — X`). The head of the speaker phrase is the speaker ("X, a writer for Y"; "X of Y";
//! "X (R-Utah)"). The attribution's name is resolved through [`Entities`] (a surname or "Mr X"
//! to the full name); a pronoun ("he said") to the previous speaker when nobody was named since,
//! else the person named in the nearest earlier sentence, of the pronoun's gender when the
//! article shows one (sentences where the same pronoun comes first are skipped); a
//! description ("the minister") to the last person with that role in the article. What cannot be resolved stays as written when it reads as a speaker ("a
//! police spokesman"), a piece of a clause is none ("while 73 percent"), and a quote without
//! attribution has the speaker of the quote before it in its paragraph (or in the paragraph
//! before, when the quote is its whole paragraph and nobody else is named between) or none:
//! nothing is guessed.

mod attribution;
mod marks;
mod merge;
mod speaker;

#[cfg(test)]
use merge::merge_quotes;
pub(crate) use merge::{merge_quotes_by, story_stems};

use crate::facts::entities::Entities;
use crate::model::{Citation, Document, Span};
use crate::text::WordSet;

/// A quotation in one article.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quote {
    pub doc: usize,
    /// The quoted words: the parts joined by a space.
    pub text: String,
    /// Byte spans of the parts inside the quote marks (cleaned text).
    pub parts: Vec<Span>,
    /// The speaker: an entity's name, or the attribution as written; `None` when unattributed.
    pub speaker: Option<String>,
    /// The entity of the speaker, when it is a named one.
    pub entity: Option<usize>,
}

/// A quotation merged across the articles that carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedQuote {
    pub speaker: Option<String>,
    /// The fullest version's text.
    pub text: String,
    /// Articles carrying it, ascending.
    pub sources: Vec<usize>,
    /// Every part in every article, by document then position.
    pub spans: Vec<Citation>,
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "explained",
    "noted",
    "wrote",
    "writes",
    "stated",
    "declared",
    "warned",
    "warns",
    "insisted",
    "argued",
    "argues",
    "continued",
    "recalled",
    "admitted",
    "acknowledged",
    "replied",
    "responded",
    "tweeted",
    "posted",
    "claimed",
    "announced",
    "urged",
    "stressed",
    "cautioned",
    "concluded",
    "remarked",
    "observed",
    "complained",
    "conceded",
    "predicted",
    "suggested",
    "shouted",
    "joked",
    "recounted",
    "testified",
    "confirmed",
    "vowed",
    "pledged",
    "promised",
    "demanded",
    "insists",
    "notes",
    "explains",
    "added:",
    "emphasized",
    "emphasised",
    "countered",
    "quipped",
    "told:",
    "reported",
    "wrote:",
    "recalls",
    "cried",
    "yelled",
    "screamed",
    "whispered",
    "agreed",
    "commented",
    "maintained",
    "mused",
    "boasted",
    "boasts",
    "lamented",
    "pointed",
    "concludes",
    "warns",
    "admits",
    "claims",
    "points",
    "recounts",
    "reports",
    "tweets",
    // Participles: "…, saying “…”" (the clause's subject speaks).
    "saying",
    "telling",
    "adding",
    "asking",
    "writing",
    "tweeting",
    "noting",
    "arguing",
    "explaining",
    "insisting",
    "warning",
    "claiming",
    "declaring",
    "stating",
];

/// Words that open a phrase before its subject ("In a statement, Lee said"; "On Fox News,
/// Lee said"): a phrase opening with one has no subject noun phrase first.
pub(super) static INTRO_WORDS: WordSet = WordSet::new(&[
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "for",
    "from",
    "with",
    "without",
    "according",
    "speaking",
    "asked",
    "since",
    "while",
    "when",
    "as",
    "like",
    "unlike",
    "despite",
    "earlier",
    "later",
    "last",
    "this",
    "yesterday",
    "today",
    "but",
    "and",
    "so",
    "then",
    "also",
    "meanwhile",
    "however",
    "still",
    "by",
    "to",
    "over",
    "under",
    "through",
    "following",
    "amid",
    "if",
    "because",
    "though",
    "although",
    "once",
    "now",
    "here",
    "there",
    "writing",
    "responding",
    "addressing",
    "appearing",
]);

/// Pronouns resolved to a person named nearby.
const PRONOUNS: &[&str] = &["he", "she"];
/// Pronouns of speakers that stay unknown.
const UNKNOWN_PRONOUNS: &[&str] = &[
    "i", "we", "they", "it", "you", "one", "someone", "who", "that", "this", "which", "these",
    "those",
];

/// Whether `word` (lower-case, trailing punctuation allowed) is a speech verb.
fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERB_SET.contains(word.trim_end_matches([',', ':', '.', ';']))
}

/// [`is_speech_verb`] of a word as written (folded by the look-up, without a copy).
pub(crate) fn is_speech_verb_folded(word: &str) -> bool {
    SPEECH_VERB_SET.contains_lower(word.trim_end_matches([',', ':', '.', ';']))
}

static SPEECH_VERB_SET: WordSet = WordSet::new(SPEECH_VERBS);

/// Find the quotations of one document and attribute them. Quotes of fewer than three words
/// (four when single-marked) are left out, and so are unattributed ones of fewer than five:
/// mostly scare quotes or titles.
pub(crate) fn find_quotes(doc_index: usize, doc: &Document, entities: &Entities) -> Vec<Quote> {
    let text = &doc.clean;
    let lines = speaker::line_starts(text);
    let runs = marks::quote_runs(text, &lines);
    let mut speakers = speaker::Speakers::new(&lines, doc_index, doc, entities);
    let mut out = Vec::new();
    for (range, gap) in runs.groups {
        let segs = &runs.store[range];
        let Some((parts, quote_text)) = marks::quote_parts(text, segs) else {
            continue;
        };
        // (Compared with 3, 4 and 5 only.) A short quote is attributed all the same: the
        // quotes after it in its paragraph are its speaker's ("“Terrible,” Ruiz said. “…”").
        let words = words_up_to(&quote_text, 5);
        let (speaker, entity) = speakers.next(segs, gap);
        if words < 3 || segs.iter().any(|s| s.single) && words < 4 {
            continue;
        }
        if words < 5 && speaker.is_none() {
            continue;
        }
        out.push(Quote {
            doc: doc_index,
            text: quote_text,
            parts,
            speaker,
            entity,
        });
    }
    out
}

/// The number of whitespace-separated words of `s`.
fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// [`word_count`], counting no further than `most`: `min(word_count(s), most)`, for tests
/// against small counts, without reading a long text to its end.
fn words_up_to(s: &str, most: usize) -> usize {
    s.split_whitespace().take(most).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::entities::find_entities;

    #[test]
    fn counting_words_up_to_a_limit_is_the_count_capped() {
        let texts = [
            "",
            "  ",
            "one",
            " one two\tthree\n four  five ",
            "“Quoted,” he said, “and more words follow here.”",
            "a b c d e f g h i j k l m",
        ];
        for t in texts {
            for most in 0..14 {
                assert_eq!(
                    words_up_to(t, most),
                    word_count(t).min(most),
                    "{t:?} {most}"
                );
            }
        }
    }

    fn quotes_of(texts: &[&str]) -> Vec<Quote> {
        let story = crate::facts::test_story(texts);
        let ents = find_entities(&story.documents);
        story
            .documents
            .iter()
            .enumerate()
            .flat_map(|(i, d)| find_quotes(i, d, &ents))
            .collect()
    }

    fn pairs(qs: &[Quote]) -> Vec<(Option<&str>, &str)> {
        qs.iter()
            .map(|q| (q.speaker.as_deref(), q.text.as_str()))
            .collect()
    }

    #[test]
    fn attribution_after_and_before_the_quote() {
        let qs = quotes_of(&[concat!(
            "Foreign Minister Sergei Lavrov spoke in Moscow on Monday.\n",
            "\"The strikes were an act of aggression,\" Lavrov said.\n",
            "\"We will respond in kind,\" said Maria Zakharova, the ministry's spokeswoman.\n",
            "Zakharova told reporters: \"Nobody will be surprised by our answer.\"\n",
            "“There is no plan B,” according to a senior diplomat.\n",
        )]);
        assert_eq!(
            pairs(&qs),
            [
                (
                    Some("Sergei Lavrov"),
                    "The strikes were an act of aggression,"
                ),
                (Some("Maria Zakharova"), "We will respond in kind,"),
                (
                    Some("Maria Zakharova"),
                    "Nobody will be surprised by our answer."
                ),
                (Some("a senior diplomat"), "There is no plan B,"),
            ]
        );
    }

    #[test]
    fn attribution_verbs_are_found_whatever_their_case() {
        // An inverted attribution opens its sentence with the verb, capitalized; the verb is
        // no part of the speaker's name ("Added Lavrov" is Sergei Lavrov).
        let qs = quotes_of(&[concat!(
            "Foreign Minister Sergei Lavrov spoke in Moscow on Monday.\n",
            "Said Maria Zakharova, his spokeswoman: \"Nobody will be surprised by our answer.\"\n",
            "Added Lavrov: \"The strikes were an act of aggression.\"\n",
        )]);
        let want = [
            (
                Some("Maria Zakharova"),
                "Nobody will be surprised by our answer.",
            ),
            (
                Some("Sergei Lavrov"),
                "The strikes were an act of aggression.",
            ),
        ];
        assert_eq!(pairs(&qs), want);
    }

    #[test]
    fn split_quotes_pronouns_and_titles() {
        let qs = quotes_of(&[concat!(
            "Rex Tillerson, the secretary of state, arrived in Ankara on Thursday.\n",
            "\"It is illegitimate,\" Mr Tillerson said, \"and unlawful.\"\n",
            "He later added: \"We expect an answer by Friday.\"\n",
        )]);
        assert_eq!(
            pairs(&qs),
            [
                (Some("Rex Tillerson"), "It is illegitimate, and unlawful."),
                (Some("Rex Tillerson"), "We expect an answer by Friday."),
            ]
        );
        assert_eq!(qs[0].parts.len(), 2);
    }

    #[test]
    fn multi_paragraph_quotes_and_duc_marks() {
        let qs = quotes_of(&[concat!(
            "Mayor Ana Ruiz spoke after the flood.\n",
            "``We lost everything in one night,'' Ruiz said. ``The water came too fast.''\n",
            "\"The first thing is shelter for everyone.\n",
            "\"The second is clean water,\" she said.\n",
        )]);
        assert_eq!(
            pairs(&qs),
            [
                (Some("Ana Ruiz"), "We lost everything in one night,"),
                // The next quote of the paragraph continues the attributed one.
                (Some("Ana Ruiz"), "The water came too fast."),
                (
                    Some("Ana Ruiz"),
                    "The first thing is shelter for everyone. The second is clean water,"
                ),
            ]
        );
        assert_eq!(qs[2].parts.len(), 2);
    }

    #[test]
    fn a_short_attributed_quote_gives_its_speaker_to_the_next_one() {
        let qs = quotes_of(&[concat!(
            "Mayor Ana Ruiz toured the valley on Monday.\n",
            "\"Simply terrible,\" Ruiz said. \"The valley will need years to heal after this.\"\n",
        )]);
        assert_eq!(
            pairs(&qs),
            [(
                Some("Ana Ruiz"),
                "The valley will need years to heal after this."
            )]
        );
    }

    #[test]
    fn a_quote_run_over_paragraphs_gives_its_speaker_to_the_next_quote_where_it_ends() {
        let qs = quotes_of(&[concat!(
            "Mayor Ana Ruiz spoke after the flood.\n",
            "“We lost everything in one night and nobody warned us,” Ruiz said. “The water came\n",
            "“so fast that we had no time to save the animals,” she said. ",
            "“Now we have to rebuild every single barn in the valley.”\n",
        )]);
        let speakers: Vec<Option<&str>> = qs.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Ana Ruiz"); 3], "{qs:?}");
    }

    #[test]
    fn a_paragraph_of_quote_only_continues_the_speaker_of_the_paragraph_before() {
        let qs = quotes_of(&[concat!(
            "Mayor Ana Ruiz spoke after the flood.\n",
            "“We lost everything in one night,” Ruiz said.\n",
            "“Now we have to rebuild every single barn in the valley.”\n",
            "“The dam should have held for another fifty years,” Ruiz said. Tom Berg disagreed.\n",
            "“Nobody could have known how much rain would fall that week.”\n",
            "The council met on Tuesday.\n",
            "“The roads will reopen once the water has gone down.”\n",
        )]);
        let speakers: Vec<Option<&str>> = qs.iter().map(|q| q.speaker.as_deref()).collect();
        // Another person named after the attributed quote, or a paragraph between: unknown.
        let want = [
            Some("Ana Ruiz"),
            Some("Ana Ruiz"),
            Some("Ana Ruiz"),
            None,
            None,
        ];
        assert_eq!(speakers, want, "{qs:?}");
    }

    #[test]
    fn unknown_speakers_stay_unknown() {
        let qs = quotes_of(&[concat!(
            "The water rose quickly on Sunday.\n",
            "\"We had never seen anything like it before,\" they said.\n",
            "A sign read \"closed until further notice for repairs\".\n",
        )]);
        assert_eq!(qs.len(), 2);
        assert!(qs.iter().all(|q| q.speaker.is_none()), "{qs:?}");
    }

    #[test]
    fn the_same_quote_merges_across_articles() {
        let qs = quotes_of(&[
            "Union leader Farid Haddad spoke on Monday. \"We are not against machines, we are against losing our jobs,\" Haddad said.",
            "\"We are not against machines,\" said Farid Haddad, who leads the union.",
            "Farid Haddad said workers were \"not against the machines but against the loss of our jobs.\"",
            "\"We are not against machines,\" a port manager said of the union's stance, in jest.",
        ]);
        let merged = merge_quotes(qs);
        let top = &merged[0];
        assert_eq!(top.speaker.as_deref(), Some("Farid Haddad"));
        assert_eq!(top.sources, [0, 1, 2]);
        assert_eq!(
            top.text,
            "We are not against machines, we are against losing our jobs,"
        );
        // Another speaker's words stay apart, even when they are the same.
        assert!(merged
            .iter()
            .any(|q| q.sources == [3] && q.speaker.as_deref() == Some("a port manager")));
    }
}
