//! From articles to an analyzed [`Story`]: cleaning, sentences, tokens, and the checks that turn
//! bad articles into [`Diagnostic`]s instead of failures.

use std::collections::BTreeMap;

use crate::clean::{clean_story, CleanInput};
use crate::dedup::{self, Copies};
use crate::model::{Article, Document, Sentence, SentenceRef};
use crate::text::count_clean_words;
use crate::text::{sentence, tokenize, Lexicon, Vocab};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Nothing was lost (a duplicate whose text is already in the story).
    Note,
    /// The article was used, with a caveat.
    Warning,
    /// The article was left out of the story.
    Skipped,
}

/// Something the user should know about one input article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 0-based position of the article in the input given to [`analyze`].
    pub input: usize,
    pub id: String,
    pub origin: Option<String>,
    pub severity: Severity,
    pub message: String,
}

/// An analyzed story: its documents (input order, skipped ones left out), the shared vocabulary,
/// and what went wrong along the way.
#[derive(Debug, Clone)]
pub struct Story {
    pub documents: Vec<Document>,
    pub vocab: Vocab,
    pub diagnostics: Vec<Diagnostic>,
    /// Which documents are copies of which ([`crate::dedup`]), decided once for every stage.
    pub copies: Copies,
    /// Reading order: `rank[d]` is document `d`'s place by publication date, then input order.
    pub rank: Vec<usize>,
    /// Sorted, de-duplicated content terms of every sentence, `[doc][sent]`.
    terms: Vec<Vec<Vec<u32>>>,
}

impl Story {
    pub fn sentence(&self, at: SentenceRef) -> &Sentence {
        &self.documents[at.doc].sentences[at.sent]
    }
    pub fn sentence_text(&self, at: SentenceRef) -> &str {
        let d = &self.documents[at.doc];
        d.slice(d.sentences[at.sent].span)
    }
    /// Every sentence, in document then position order.
    pub fn sentence_refs(&self) -> impl Iterator<Item = SentenceRef> + '_ {
        self.documents
            .iter()
            .enumerate()
            .flat_map(|(doc, d)| (0..d.sentences.len()).map(move |sent| SentenceRef { doc, sent }))
    }
    /// The sorted, de-duplicated content terms (stop words left out) of every sentence,
    /// indexed `[doc][sent]`.
    pub fn content_terms(&self) -> &[Vec<Vec<u32>>] {
        &self.terms
    }
}

/// A key that texts with the same words share (see [`crate::text::same_words`]): the number of
/// ASCII letters and digits. White space of any kind holds none of those bytes, so two texts
/// that differ only in white space get the same key; texts with different keys differ in their
/// words, and only texts that share a key are compared word by word. Far cheaper than a hash of
/// the words, which every article would pay for the rare duplicate.
fn same_words_key(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_alphanumeric).count()
}

/// Analyze the articles of one story. Never fails: an article that cannot be used is reported
/// in `diagnostics` and left out; the rest go on.
pub fn analyze(articles: Vec<Article>) -> Story {
    let mut diagnostics = Vec::new();
    let lexicon = Lexicon::english();
    let inputs: Vec<CleanInput<'_>> = articles
        .iter()
        .map(|a| CleanInput {
            text: &a.text,
            title: a.title.as_deref(),
        })
        .collect();
    let published: Vec<Option<&str>> = articles.iter().map(|a| a.published.as_deref()).collect();
    let shingles: Vec<Vec<u64>> = articles
        .iter()
        .map(|a| dedup::shingles(&dedup::word_keys(&a.text)))
        .collect();
    let input_copies = Copies::find(&shingles, &dedup::reading_rank(&published));
    let cleaned = clean_story(&inputs, &input_copies);
    // Input number of each kept document.
    let mut kept: Vec<usize> = Vec::with_capacity(articles.len());

    let mut vocab = Vocab::new();
    let mut documents = Vec::with_capacity(articles.len());
    // Key of the raw text ([`same_words_key`]) -> kept documents with that key.
    let mut seen_text: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut seen_id: BTreeMap<String, usize> = BTreeMap::new();
    for (input, (mut article, c)) in articles.into_iter().zip(cleaned).enumerate() {
        let diag = |severity, message: String, a: &Article| Diagnostic {
            input,
            id: a.id.clone(),
            origin: a.origin.clone(),
            severity,
            message,
        };
        if article.text.trim().is_empty() {
            diagnostics.push(diag(
                Severity::Skipped,
                "article has no text".into(),
                &article,
            ));
            continue;
        }
        // The same article twice is the same raw text (white space aside). A syndicated copy
        // differs in its page furniture and stays: it is another outlet carrying the story.
        let key = same_words_key(&article.text);
        let same = seen_text.get(&key).and_then(|ds| {
            ds.iter().copied().find(|&d: &usize| {
                let earlier: &Document = &documents[d];
                crate::text::same_words(&earlier.article.text, &article.text)
            })
        });
        if let Some(d) = same {
            let first_id = &documents[d].article.id;
            let msg = format!("same text as article {first_id:?}; the duplicate was skipped");
            diagnostics.push(diag(Severity::Note, msg, &article));
            continue;
        }
        let spans = sentence::split(&c.text);
        if spans.is_empty() {
            let msg = if c.removed.is_empty() {
                "article has no sentence".to_string()
            } else {
                format!(
                    "article has no sentence left after removing {} boilerplate line(s)",
                    c.removed.len()
                )
            };
            diagnostics.push(diag(Severity::Skipped, msg, &article));
            continue;
        }
        // Ids must be unique within a story: later articles with a taken id get a suffix.
        let count = seen_id.entry(article.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let new_id = format!("{}~{}", article.id, count);
            let msg = format!(
                "id {:?} was already used; this article is {:?}",
                article.id, new_id
            );
            diagnostics.push(diag(Severity::Warning, msg, &article));
            article.id = new_id;
        }
        seen_text.entry(key).or_default().push(documents.len());
        kept.push(input);
        let sentences = spans
            .iter()
            .enumerate()
            .map(|(position, s)| {
                let text = &c.text[s.span.start..s.span.end];
                Sentence {
                    span: s.span,
                    position,
                    paragraph: s.paragraph,
                    words: count_clean_words(text),
                    tokens: tokenize(text, s.span.start, lexicon, &mut vocab),
                    quotable: !c
                        .context_only
                        .iter()
                        .any(|r| r.start < s.span.end && s.span.start < r.end),
                }
            })
            .collect();
        documents.push(Document {
            article,
            clean: c.text,
            removed: c.removed,
            sentences,
        });
    }
    let terms = documents
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| {
                    // Counted first: one allocation of the right size, where collecting from a
                    // filter grows the vector several times.
                    let content = s.tokens.iter().filter(|t| !t.stop);
                    let mut t: Vec<u32> = Vec::with_capacity(content.clone().count());
                    t.extend(content.map(|t| t.term));
                    t.sort_unstable();
                    t.dedup();
                    t
                })
                .collect()
        })
        .collect();
    let published: Vec<Option<&str>> = documents
        .iter()
        .map(|d| d.article.published.as_deref())
        .collect();
    let rank = dedup::reading_rank(&published);
    let copies = input_copies.restrict(&kept, &rank);
    Story {
        documents,
        vocab,
        diagnostics,
        copies,
        rank,
        terms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn spans_point_into_cleaned_text() {
        let s = analyze(vec![art(
            "a",
            "LONDON (Reuters) - Talks began. They ended.\nAdvertisement\nA deal followed.",
        )]);
        let d = &s.documents[0];
        let texts: Vec<&str> = d.sentences.iter().map(|x| d.slice(x.span)).collect();
        assert_eq!(texts, ["Talks began.", "They ended.", "A deal followed."]);
        for x in &d.sentences {
            for t in &x.tokens {
                assert!(x.span.start <= t.span.start && t.span.end <= x.span.end);
            }
        }
    }

    #[test]
    fn duplicates_and_empty_articles_are_reported_and_skipped() {
        let s = analyze(vec![
            art("a", "The dam broke on Sunday."),
            art("b", "  "),
            art("c", "The dam  broke on Sunday."),
            art("d", "Advertisement\nShare on Facebook"),
            art("e", "Water reached the town by noon."),
        ]);
        let ids: Vec<&str> = s.documents.iter().map(|d| d.article.id.as_str()).collect();
        assert_eq!(ids, ["a", "e"]);
        let skipped: Vec<(usize, Severity)> = s
            .diagnostics
            .iter()
            .map(|d| (d.input, d.severity))
            .collect();
        assert_eq!(
            skipped,
            [
                (1, Severity::Skipped),
                (2, Severity::Note),
                (3, Severity::Skipped)
            ]
        );
        assert!(s.diagnostics[1].message.contains("\"a\""));
    }

    #[test]
    fn copies_differing_in_white_space_of_any_kind_are_duplicates() {
        let s = analyze(vec![
            art("a", "The dam broke on Sunday. Water rose."),
            art(
                "b",
                "The dam\u{a0}broke on\u{3000}Sunday.\n\tWater  rose.\u{2028}",
            ),
            art("c", "The dam broke on Monday. Water rose."),
        ]);
        let ids: Vec<&str> = s.documents.iter().map(|d| d.article.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(s.diagnostics.len(), 1);
        assert_eq!(s.diagnostics[0].severity, Severity::Note);
    }

    #[test]
    fn repeated_ids_are_made_unique() {
        let s = analyze(vec![
            art("x", "One thing happened."),
            art("x", "Another thing happened."),
        ]);
        assert_eq!(s.documents[1].article.id, "x~2");
        assert_eq!(s.diagnostics[0].severity, Severity::Warning);
    }
}
