//! Assemble a [`Brief`]: run a summarizer, order its sentences for reading, cite them, title it.

use crate::cite::Citer;
use crate::extract::extract;
use crate::model::{Document, SummarySentence};
use crate::story::Story;
use crate::summarize::Summarizer;

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
pub fn build_brief(story: Story, method: &dyn Summarizer, words: usize) -> Brief {
    // The selection and the facts read the story independently: side by side.
    let (picked, facts) = rayon::join(
        || method.select(&story, words),
        || crate::facts::extract(&story),
    );
    let mut brief = assemble(story, method, picked);
    brief.facts = facts;
    mark_disputed(&mut brief);
    brief
}

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
pub fn build_summary(story: Story, method: &dyn Summarizer, words: usize) -> Brief {
    let picked = method.select(&story, words);
    assemble(story, method, picked)
}

/// The brief of the sentences `picked` by `method`: ordered, cited and titled.
fn assemble(
    story: Story,
    method: &dyn Summarizer,
    mut picked: Vec<crate::summarize::Selection>,
) -> Brief {
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
