//! From articles to an analyzed [`Story`]: cleaning, sentences, tokens, and the checks that turn
//! bad articles into [`Diagnostic`]s instead of failures.

use std::collections::BTreeMap;

use crate::clean::{clean_story, CleanInput, Cleaned};
use crate::dedup::{self, Copies};
use crate::model::{Article, Document, Sentence, SentenceRef};
use crate::text::count_clean_words;
use crate::text::sentence;
use crate::text::{tokenize_keyed, Lexicon, Vocab};
use rayon::prelude::*;

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
    /// How many documents use each content term, by term id; a group of copies counts once.
    doc_freq: Vec<u32>,
    /// Whether each sentence may be extracted ([`crate::extract::can_extract`]), `[doc][sent]`:
    /// decided once, read by every method and by "what each source adds".
    extractable: Vec<Vec<bool>>,
}

/// A story of more articles than this is big: the stages that compare sentences across
/// articles bound the work they spend on one sentence there, so that a story of 20,000
/// articles costs about a hundred times one of 200, not ten thousand times; below, every
/// stage does its whole comparison.
pub const BIG_STORY: usize = 200;

/// The bound of a comparison over `articles` articles: `limit` when they are more than
/// [`BIG_STORY`], else none (`usize::MAX`). Every stage that bounds its work in a big story
/// takes its bound from here.
pub fn bound(articles: usize, limit: usize) -> usize {
    if articles > BIG_STORY {
        limit
    } else {
        usize::MAX
    }
}

impl Story {
    /// Whether the story has more than [`BIG_STORY`] documents.
    pub fn is_big(&self) -> bool {
        self.documents.len() > BIG_STORY
    }
    /// `limit` in a big story, else no bound ([`bound`]).
    pub fn bound(&self, limit: usize) -> usize {
        bound(self.documents.len(), limit)
    }
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
    /// How many voices the story has: its documents, a group of copies counting once.
    pub fn voices(&self) -> usize {
        self.copies.copy_of.iter().filter(|c| c.is_none()).count()
    }
    /// How many documents use content term `term` (0 for a stop word); a group of copies
    /// ([`crate::dedup`]) counts once.
    pub fn doc_freq(&self, term: u32) -> usize {
        self.doc_freq.get(term as usize).map_or(0, |&n| n as usize)
    }
    /// Whether sentence `at` may be extracted (see [`crate::extract::can_extract`]).
    pub fn extractable(&self, at: SentenceRef) -> bool {
        self.extractable[at.doc][at.sent]
    }
}

/// A key that texts with the same words share (see [`crate::text::same_words`]): their
/// [`crate::text::text_fingerprint`], blind to white space. Texts with different keys differ in
/// their words, and only texts that share a key are compared word by word: the same article
/// twice, or a 64-bit collision. (A count of letters and digits, cheaper, let hundreds of
/// reports of one event of about one length be compared with each other.)
fn same_words_key(text: &str) -> u64 {
    crate::text::text_fingerprint(text)
}

/// Analyze the articles of one story. Never fails: an article that cannot be used is reported
/// in `diagnostics` and left out; the rest go on.
pub fn analyze(articles: Vec<Article>) -> Story {
    let (cleaned, input_copies) = clean_articles(&articles);
    // Sentences and words of every article in parallel; their terms interned in input order.
    let prepared: Vec<Prepared> = cleaned.par_iter().map(prepare).collect();
    let mut kept = Kept::with_capacity(articles.len());
    let inputs = articles.into_iter().zip(cleaned).zip(prepared);
    for (input, ((article, c), p)) in inputs.enumerate() {
        kept.add(input, article, c, p);
    }
    let Kept {
        documents,
        vocab,
        diagnostics,
        inputs,
        ..
    } = kept;
    let terms = content_terms(&documents);
    let published: Vec<Option<&str>> = documents
        .iter()
        .map(|d| d.article.published.as_deref())
        .collect();
    let rank = dedup::reading_rank(&published);
    let copies = input_copies.restrict(&inputs, &rank);
    let mut doc_freq = vec![0u32; vocab.len()];
    // A group of copies is one voice: only its original counts.
    for (_, doc) in terms
        .iter()
        .enumerate()
        .filter(|(d, _)| copies.copy_of[*d].is_none())
    {
        let mut used: Vec<u32> = doc.iter().flatten().copied().collect();
        used.sort_unstable();
        used.dedup();
        for t in used {
            doc_freq[t as usize] += 1;
        }
    }
    let mut story = Story {
        documents,
        vocab,
        diagnostics,
        copies,
        rank,
        terms,
        doc_freq,
        extractable: Vec::new(),
    };
    story.extractable = crate::extract::decide_extractable(&story);
    story
}

/// The cleaned text of every input article, and which inputs are copies of which: cleaning
/// weighs evidence across articles that are not copies of each other.
fn clean_articles(articles: &[Article]) -> (Vec<Cleaned>, Copies) {
    let inputs: Vec<CleanInput<'_>> = articles
        .iter()
        .map(|a| CleanInput {
            text: &a.text,
            title: a.title.as_deref(),
        })
        .collect();
    let published: Vec<Option<&str>> = articles.iter().map(|a| a.published.as_deref()).collect();
    let shingles: Vec<Vec<u64>> = articles
        .par_iter()
        .map(|a| dedup::shingles(&dedup::word_keys(&a.text)))
        .collect();
    let input_copies = Copies::find(&shingles, &dedup::reading_rank(&published));
    let cleaned = clean_story(&inputs, &input_copies);
    (cleaned, input_copies)
}

/// The documents kept so far, with what deciding on the next article needs.
struct Kept {
    documents: Vec<Document>,
    vocab: Vocab,
    diagnostics: Vec<Diagnostic>,
    /// Input number of each kept document.
    inputs: Vec<usize>,
    /// Key of the raw text ([`same_words_key`]) -> kept documents with that key.
    seen_text: BTreeMap<u64, Vec<usize>>,
    /// How many articles have had each id.
    seen_id: BTreeMap<String, usize>,
}

impl Kept {
    fn with_capacity(n: usize) -> Kept {
        Kept {
            documents: Vec::with_capacity(n),
            vocab: Vocab::new(),
            diagnostics: Vec::new(),
            inputs: Vec::with_capacity(n),
            seen_text: BTreeMap::new(),
            seen_id: BTreeMap::new(),
        }
    }

    /// Take input article `input`, cleaned as `c`: skip it with a diagnostic when it has no
    /// text, repeats an earlier article's text or has no sentence left; else keep it as a
    /// document, under an id of its own.
    fn add(&mut self, input: usize, mut article: Article, c: Cleaned, p: Prepared) {
        let diag = |severity, message: String, a: &Article| Diagnostic {
            input,
            id: a.id.clone(),
            origin: a.origin.clone(),
            severity,
            message,
        };
        if article.text.trim().is_empty() {
            let msg = "article has no text".into();
            self.diagnostics
                .push(diag(Severity::Skipped, msg, &article));
            return;
        }
        let key = same_words_key(&article.text);
        if let Some(d) = self.same_text(key, &article.text) {
            let first_id = &self.documents[d].article.id;
            let msg = format!("same text as article {first_id:?}; the duplicate was skipped");
            self.diagnostics.push(diag(Severity::Note, msg, &article));
            return;
        }
        let Prepared {
            mut sentences,
            keys,
        } = p;
        if sentences.is_empty() {
            let msg = if c.removed.is_empty() {
                "article has no sentence".to_string()
            } else {
                format!(
                    "article has no sentence left after removing {} boilerplate line(s)",
                    c.removed.len()
                )
            };
            self.diagnostics
                .push(diag(Severity::Skipped, msg, &article));
            return;
        }
        if let Some(new_id) = self.unique_id(&article.id) {
            let msg = format!(
                "id {:?} was already used; this article is {:?}",
                article.id, new_id
            );
            self.diagnostics
                .push(diag(Severity::Warning, msg, &article));
            article.id = new_id;
        }
        self.seen_text
            .entry(key)
            .or_default()
            .push(self.documents.len());
        self.inputs.push(input);
        let lexicon = Lexicon::english();
        for (s, keys) in sentences.iter_mut().zip(&keys) {
            self.vocab.assign(&c.text, 0, &mut s.tokens, keys, lexicon);
        }
        if article.authors.is_empty() {
            article.authors = crate::clean::metadata::authors(&c.removed);
        }
        if article.published.is_none() {
            article.published = crate::clean::metadata::published(&c.removed);
        }
        self.documents.push(Document {
            article,
            clean: c.text,
            removed: c.removed,
            sentences,
        });
    }

    /// The kept document with the same raw text (white space aside), if any. The same article
    /// twice is the same raw text; a syndicated copy differs in its page furniture and stays:
    /// it is another outlet carrying the story.
    fn same_text(&self, key: u64, text: &str) -> Option<usize> {
        self.seen_text.get(&key).and_then(|ds| {
            ds.iter().copied().find(|&d: &usize| {
                let earlier: &Document = &self.documents[d];
                crate::text::same_words(&earlier.article.text, text)
            })
        })
    }

    /// Ids must be unique within a story: a later article with a taken id gets a suffix. The
    /// id to give an article with `id` instead, if it is taken.
    fn unique_id(&mut self, id: &str) -> Option<String> {
        let count = self.seen_id.entry(id.to_string()).or_insert(0);
        *count += 1;
        (*count > 1).then(|| format!("{id}~{count}"))
    }
}

/// The sentences of a cleaned article, tokenized without a vocabulary (their term ids are set
/// by [`Vocab::assign`] when the article is kept), and each sentence's term keys.
struct Prepared {
    sentences: Vec<Sentence>,
    keys: Vec<Vec<u64>>,
}

/// [`Prepared`] sentences of a cleaned text; a sentence that overlaps a context-only range is
/// not quotable.
fn prepare(c: &Cleaned) -> Prepared {
    let lexicon = Lexicon::english();
    let (sentences, keys) = sentence::split(&c.text)
        .iter()
        .enumerate()
        .map(|(position, s)| {
            let text = &c.text[s.span.start..s.span.end];
            let (tokens, keys) = tokenize_keyed(text, s.span.start, lexicon);
            let sentence = Sentence {
                span: s.span,
                position,
                paragraph: s.paragraph,
                words: count_clean_words(text),
                tokens,
                quotable: !c
                    .context_only
                    .iter()
                    .any(|r| r.start < s.span.end && s.span.start < r.end),
            };
            (sentence, keys)
        })
        .unzip();
    Prepared { sentences, keys }
}

/// The sorted, de-duplicated content terms of every sentence, `[doc][sent]`.
fn content_terms(documents: &[Document]) -> Vec<Vec<Vec<u32>>> {
    documents
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
        .collect()
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
