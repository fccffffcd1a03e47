//! Assemble a [`Brief`]: run a summarizer, order its sentences for reading, cite them, title it.

use crate::cite::Citer;
use crate::extract::extract;
use crate::model::{Document, SentenceRef, SummarySentence};
use crate::story::Story;
use crate::summarize::{Selection, Summarizer};

/// The finished brief of one story.
#[derive(Debug, Clone)]
pub struct Brief {
    pub title: String,
    /// The analyzed documents, in input order; citations index into this.
    pub documents: Vec<Document>,
    pub summary: Vec<SummarySentence>,
    /// Name of the summarizer that produced the summary.
    pub method: &'static str,
    /// Quotes, disagreements, timeline, names and what each source adds (empty when the brief
    /// was built without them, as `batch` does).
    pub facts: crate::facts::Facts,
}

/// Build the brief of an analyzed story with `method` and a budget of `words`: the cited
/// summary and the story's [`Facts`](crate::facts::Facts).
pub fn build_brief(mut story: Story, method: &dyn Summarizer, words: usize) -> Brief {
    // The facts first: selection may set sentences aside as summary material.
    let facts = crate::facts::extract(&story);
    let picked = select_in_order(&mut story, method, words);
    let mut brief = assemble(story, method, picked);
    brief.facts = facts;
    mark_disputed(&mut brief);
    brief
}

/// How many times a selection is made again without the sentences that, read in order, refer
/// to what the summary never introduced.
const RESELECT: usize = 2;

/// The method's selection, read in summary order ([`reading_order`]): a picked sentence that
/// speaks of "the X" when neither the summary before it nor most of the story's articles name
/// any X ([`refers_back`]) is set aside (no longer quotable) and the selection made again, at
/// most [`RESELECT`] times.
fn select_in_order(story: &mut Story, method: &dyn Summarizer, words: usize) -> Vec<Selection> {
    let mut picked = method.select(story, words);
    for _ in 0..RESELECT {
        reading_order(story, &mut picked);
        let mut read: Vec<u32> = Vec::new();
        let mut aside = Vec::new();
        for p in &picked {
            if refers_back(story, p.at, &read) {
                aside.push(p.at);
            } else {
                read.extend(&story.content_terms()[p.at.doc][p.at.sent]);
                read.sort_unstable();
            }
        }
        if aside.is_empty() {
            break;
        }
        for at in aside {
            story.documents[at.doc].sentences[at.sent].quotable = false;
        }
        picked = method.select(story, words);
    }
    picked
}

/// Reading order: ledes first (the main event opens the brief), then the other sentences;
/// within each, articles by publication date (ISO dates sort as text; undated ones after, in
/// input order), then position within the article.
fn reading_order(story: &Story, picked: &mut [Selection]) {
    let rank = &story.rank;
    picked.sort_by_key(|p| (p.at.sent > 0, rank[p.at.doc], p.at.sent));
}

/// Whether sentence `at`, not a lede, speaks of "the X" (X a noun of one to three lower-case words, not
/// followed by "of" or a clause that says which X) when X is in no sentence read before it
/// (`read`: their content terms, sorted), not earlier in the sentence, and not a word most
/// of the story's articles use (the story's own subject, "the storm").
fn refers_back(story: &Story, at: SentenceRef, read: &[u32]) -> bool {
    // A lede introduces; its "the X" is the story's own or one of a kind ("the labour
    // ministry").
    if at.sent == 0 {
        return false;
    }
    const SAYS_WHICH: &[&str] = &[
        "of", "who", "that", "which", "in", "at", "on", "for", "from", "to", "with",
    ];
    let text = story.sentence_text(at);
    let words: Vec<&str> = crate::text::word_spans(text)
        .map(|(s, e)| &text[s..e])
        .collect();
    let lexicon = crate::text::Lexicon::english();
    let known = |w: &str| {
        crate::text::term_of(&story.vocab, w).is_none_or(|t| {
            read.binary_search(&t).is_ok() || 2 * story.doc_freq(t) > story.voices()
        })
    };
    words.iter().enumerate().any(|(i, w)| {
        if !w.eq_ignore_ascii_case("the") {
            return false;
        }
        let np: Vec<&str> = words[i + 1..]
            .iter()
            .take(3)
            .take_while(|n| {
                n.starts_with(char::is_lowercase)
                    && !lexicon.is_stop(n)
                    && !crate::extract::is_verb(n)
            })
            .copied()
            .collect();
        // "the country's ...", "the dam's spillway" say whose: no antecedent needed.
        if np.iter().any(|w| w.ends_with("'s") || w.ends_with("’s")) {
            return false;
        }
        // An institution or office is one of a kind where the story happens.
        let Some(head) = np.last().filter(|h| !INSTITUTIONS.contains(h)) else {
            return false;
        };
        let next = words.get(i + 1 + np.len()).copied().unwrap_or("");
        let earlier = words[..i].iter().any(|e| e.eq_ignore_ascii_case(head));
        !SAYS_WHICH.contains(&next) && !earlier && !known(head)
    })
}

/// Heads of definite references that are one of a kind wherever a story happens ("the port
/// authority", "the labour ministry", "the police"): they need no antecedent.
const INSTITUTIONS: &[&str] = &[
    "authority",
    "authorities",
    "ministry",
    "government",
    "police",
    "court",
    "courts",
    "council",
    "department",
    "agency",
    "army",
    "military",
    "navy",
    "parliament",
    "congress",
    "senate",
    "president",
    "governor",
    "mayor",
    "minister",
    "public",
    "country",
    "nation",
    "state",
    "city",
    "town",
    "region",
    "province",
    "administration",
    "union",
    "press",
    "world",
    "economy",
    "market",
    "markets",
    "weather",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "week",
    "year",
    "month",
    "day",
    "time",
    "end",
    "past",
    "future",
];

/// Mark each summary sentence that states a figure the articles disagree on: a value of a
/// disagreement whose span lies in one of the sentence's citations (a citation states the
/// sentence's figures, so that is its own span or one with the same figure).
fn mark_disputed(brief: &mut Brief) {
    for s in &mut brief.summary {
        s.disputed = brief
            .facts
            .disagreements
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                d.values.iter().flat_map(|v| &v.spans).any(|v| {
                    s.citations.iter().any(|c| {
                        c.doc == v.doc && c.span.start <= v.span.start && v.span.end <= c.span.end
                    })
                })
            })
            .map(|(i, _)| i)
            .collect();
    }
}

/// The brief without its facts (`Brief::facts` left empty): the summary only, for batch runs
/// and evaluation.
pub fn build_summary(mut story: Story, method: &dyn Summarizer, words: usize) -> Brief {
    let picked = select_in_order(&mut story, method, words);
    assemble(story, method, picked)
}

/// The brief of the sentences `picked` by `method`: ordered, cited and titled.
fn assemble(story: Story, method: &dyn Summarizer, mut picked: Vec<Selection>) -> Brief {
    let citer = Citer::new(&story);
    // Reading order: ledes first (the main event opens the brief), then the other sentences;
    // within each, articles by publication date (ISO dates sort as text; undated ones after, in
    // input order), then position within the article.
    let rank = &story.rank;
    picked.sort_by_key(|p| (p.at.sent > 0, rank[p.at.doc], p.at.sent));
    let summary: Vec<SummarySentence> = picked
        .iter()
        .map(|p| {
            let mut citations = citer.cite(p.at);
            // The extract may drop a dangling connective: the origin span is what is quoted.
            let (span, _) = extract(&story, p.at);
            citations[0].span = span;
            SummarySentence {
                text: capitalize_first(story.documents[p.at.doc].slice(span)),
                origin: citations[0],
                citations,
                score: p.score,
                disputed: Vec::new(),
            }
        })
        .collect();
    let top = picked
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)))
        .map(|(_, p)| p.at.doc);
    let title = title_of(&story, top);
    Brief {
        title,
        documents: story.documents,
        summary,
        method: method.name(),
        facts: Default::default(),
    }
}

/// Whether an article's title reads as a headline of its story: at least three words, not a
/// byline. A section label ("Politics", "World News") or a site name is not one.
fn is_headline(title: &str) -> bool {
    let t = title.trim();
    t.split_whitespace().count() >= 3 && !t.starts_with("By ") && !t.starts_with("BY ")
}

/// The text with its first letter upper-cased (after a dropped connective).
fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// The headline of the article behind the top sentence, else the first article's headline
/// ([`is_headline`]: a section label or a byline is not one), else the opening words of the
/// first article.
fn title_of(story: &Story, top: Option<usize>) -> String {
    let titled = |d: usize| {
        story.documents[d]
            .article
            .title
            .clone()
            .filter(|t| is_headline(t))
    };
    if let Some(t) = top.and_then(titled) {
        return t;
    }
    if let Some(t) = (0..story.documents.len()).find_map(titled) {
        return t;
    }
    match story
        .documents
        .first()
        .and_then(|d| d.sentences.first().map(|s| d.slice(s.span)))
    {
        Some(first) => {
            let words: Vec<&str> = first.split_whitespace().take(12).collect();
            let more = first.split_whitespace().count() > 12;
            format!("{}{}", words.join(" "), if more { " …" } else { "" })
        }
        None => "Empty brief".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    #[test]
    fn a_section_label_or_byline_never_titles_the_brief() {
        let article = |title: &str, text: &str| Article {
            id: title.to_string(),
            title: Some(title.to_string()),
            text: text.to_string(),
            ..Default::default()
        };
        let story = crate::story::analyze(vec![
            article("Politics", "The council voted to close the old bridge on Monday after engineers found cracks in two piers."),
            article("By Ana Ruiz", "Engineers found cracks in two piers of the old bridge, the council said on Monday."),
            article("Council closes cracked bridge", "The old bridge will stay closed for a year while the piers are rebuilt, the council said."),
        ]);
        let brief = build_summary(story, &crate::summarize::Coverage::default(), 30);
        assert_eq!(brief.title, "Council closes cracked bridge");
        assert!(is_headline("Dam breaks upriver"));
        assert!(!is_headline("World News"));
        assert!(!is_headline("By Maria Gonzalez and Tom Reid"));
    }

    #[test]
    fn a_sentence_that_speaks_of_what_the_summary_never_introduced_refers_back() {
        let story = crate::story::analyze(
            [
                "A storm flooded the valley town of Ost on Sunday. The report blamed heavy rain. The flood closed roads, the port authority said.",
                "The storm flooded Ost on Sunday and cut power to the valley.",
                "A storm hit Ost on Sunday. The storm damaged the dam's spillway.",
            ]
            .iter()
            .enumerate()
            .map(|(i, t)| Article {
                id: i.to_string(),
                text: t.to_string(),
                ..Default::default()
            })
            .collect(),
        );
        let at = |doc, sent| SentenceRef { doc, sent };
        // "the report" of no report read before, in a sentence that is not a lede.
        assert!(refers_back(&story, at(0, 1), &[]));
        // Once a sentence about a report was read, it is known.
        let report = crate::text::term_of(&story.vocab, "report").unwrap();
        assert!(!refers_back(&story, at(0, 1), &[report]));
        // The story's own subject, an institution and a possessive need nothing.
        assert!(!refers_back(&story, at(2, 1), &[]));
        assert!(!refers_back(&story, at(0, 2), &[]));
        // A lede introduces.
        assert!(!refers_back(&story, at(0, 0), &[]));
    }

    #[test]
    fn a_sentence_stating_a_disputed_figure_is_marked() {
        let article = |id: &str, text: &str| Article {
            id: id.to_string(),
            text: text.to_string(),
            ..Default::default()
        };
        let story = crate::story::analyze(vec![
            article("a", "The ferry Marla sank in the Tessin strait on Friday, killing 31 passengers, the coast guard said. Divers searched the wreck through the night."),
            article("b", "The ferry Marla sank in the Tessin strait on Friday, killing 31 passengers, coast guard officials said. The ferry had been inspected in May."),
            article("c", "The ferry Marla sank in the Tessin strait on Friday, killing 38 passengers, the coast guard said. Relatives gathered at the port of Alby."),
        ]);
        let brief = build_brief(story, &crate::summarize::Coverage::default(), 40);
        let d = &brief.facts.disagreements;
        assert!(!d.is_empty(), "the toll is disputed");
        let lead = brief
            .summary
            .iter()
            .find(|s| s.text.contains("killing"))
            .expect("the sinking is summarized");
        assert_eq!(lead.disputed, [0]);
        assert!(brief
            .summary
            .iter()
            .filter(|s| !s.text.contains("killing"))
            .all(|s| s.disputed.is_empty()));
    }
}
