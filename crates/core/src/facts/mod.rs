//! The facts of a story, beside its summary: who said what ([`quotes`]), where sources disagree
//! ([`numbers`], and event dates from [`timeline`]), when things happened ([`time`],
//! [`timeline`]), what each source adds ([`unique`]), and the names behind them ([`entities`]).
//!
//! Everything is extractive: each fact keeps the document and byte spans it came from, and the
//! cited span contains it. Nothing is guessed: a speaker without evidence stays unknown, a time
//! that cannot be put on the calendar stays relative.

pub mod entities;
pub mod numbers;
pub mod quotes;
pub mod time;
pub mod timeline;
pub mod unique;

use crate::model::Citation;
use crate::story::Story;

pub use entities::{Entities, Entity, Kind};
pub use numbers::{Disagreement, Value};
pub use quotes::MergedQuote;
pub use timeline::Event;
pub use unique::Contribution;

/// A word of a sentence as the time and number scanners see it (each splits words its own way:
/// hyphenated words and ISO dates for times, currency signs for numbers).
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// [`crate::text::fold_case`] of `text`.
    lower: &'a str,
}

/// The words of `text` at byte ranges `spans`. Their folded forms borrow `buf`: the whole
/// text lower-cased when it is ASCII (byte offsets then agree, and that equals folding each
/// word), else each word folded on its own, one after another. `capacity`: the expected number
/// of words.
fn words_at<'a>(
    text: &'a str,
    spans: impl IntoIterator<Item = (usize, usize)>,
    capacity: usize,
    buf: &'a mut String,
) -> Vec<Word<'a>> {
    buf.clear();
    let mut out = Vec::with_capacity(capacity);
    if text.is_ascii() {
        buf.push_str(text);
        buf.make_ascii_lowercase();
        let lower: &'a String = buf;
        out.extend(spans.into_iter().map(|(start, end)| Word {
            start,
            end,
            text: &text[start..end],
            lower: &lower[start..end],
        }));
    } else {
        let mut at = Vec::with_capacity(capacity);
        for (start, end) in spans {
            crate::text::push_folded(&text[start..end], buf);
            at.push((start, end, buf.len()));
        }
        let lower: &'a String = buf;
        let mut from = 0;
        out.extend(at.into_iter().map(|(start, end, to)| {
            let w = Word {
                start,
                end,
                text: &text[start..end],
                lower: &lower[from..to],
            };
            from = to;
            w
        }));
    }
    out
}

/// Everything [`extract`] finds in a story.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub quotes: Vec<MergedQuote>,
    pub disagreements: Vec<Disagreement>,
    pub timeline: Vec<Event>,
    pub entities: Vec<Entity>,
    pub unique: Vec<Contribution>,
    /// Publication date of each document as resolved (metadata or date line), if any.
    pub published: Vec<Option<time::Date>>,
}

/// Extract the facts of an analyzed story.
///
/// Three independent parts run side by side (on rayon's pool): the names and who said what;
/// dates, timeline and disagreements; what each source adds.
pub fn extract(story: &Story) -> Facts {
    let ((found, quotes), ((published, timeline, disagreements), unique)) = rayon::join(
        || names_and_quotes(story),
        || rayon::join(|| dates_and_figures(story), || unique::contributions(story)),
    );
    let mut entities = found.list;
    // Entity names are distinct (one entity per canonical name), so the order is total and an
    // unstable sort gives the same order as a stable one.
    entities.sort_unstable_by(|a, b| {
        b.sources
            .len()
            .cmp(&a.sources.len())
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
    });
    Facts {
        quotes,
        disagreements,
        timeline,
        entities,
        unique,
        published,
    }
}

/// The story's names, and its quotes merged across articles.
fn names_and_quotes(story: &Story) -> (Entities, Vec<MergedQuote>) {
    let docs = &story.documents;
    let found = entities::find_entities(docs);
    let mut all_quotes = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        all_quotes.extend(quotes::find_quotes(i, d, &found));
    }
    let stems = quotes::story_stems(story, &all_quotes);
    // A quote of a big story is compared with this many others at most.
    const QUOTE_BUDGET: usize = 300;
    let quotes = quotes::merge_quotes_by(all_quotes, &stems, story.bound(QUOTE_BUDGET));
    (found, quotes)
}

/// Publication dates, the timeline, and the figures and dates articles disagree on.
fn dates_and_figures(story: &Story) -> (Vec<Option<time::Date>>, Vec<Event>, Vec<Disagreement>) {
    let docs = &story.documents;
    let published = timeline::publication_dates(story);
    let dated = timeline::find_dated(story, &published);
    // The timeline, the figures and the dates in conflict: side by side.
    let (timeline, (mut disagreements, date_conflicts)) = rayon::join(
        || timeline::timeline(story, &dated),
        || {
            rayon::join(
                || {
                    let claims = numbers::story_claims(story, &dated);
                    numbers::disagreements(story, claims, &published, numbers::MAX_SHOWN)
                },
                || timeline::date_conflicts(story, &dated),
            )
        },
    );
    for conflict in date_conflicts {
        let first = conflict[0].1[0];
        let d = &docs[first.doc];
        let about = format!("date of: {}", d.slice(d.sentences[first.sent].span));
        disagreements.push(Disagreement {
            about,
            values: conflict
                .iter()
                .map(|(date, members)| {
                    let m = members[0];
                    let md = &docs[m.doc];
                    let mut sources: Vec<usize> = members.iter().map(|x| x.doc).collect();
                    sources.sort_unstable();
                    sources.dedup();
                    Value {
                        value: date.to_string(),
                        qualifier: None,
                        sources,
                        sentence: md.slice(md.sentences[m.sent].span).to_string(),
                        spans: members
                            .iter()
                            .map(|x| Citation {
                                doc: x.doc,
                                span: x.expr,
                            })
                            .collect(),
                        revised: false,
                    }
                })
                .collect(),
        });
    }

    disagreements.truncate(numbers::MAX_SHOWN);
    (published, timeline, disagreements)
}

/// A story of one article per text (ids `a0`, `a1`, ...), for the extractors' tests.
#[cfg(test)]
pub(crate) fn test_story(texts: &[&str]) -> Story {
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, t)| crate::Article {
            id: format!("a{i}"),
            text: t.to_string(),
            ..Default::default()
        })
        .collect();
    crate::analyze(articles)
}

/// A seeded xorshift for the extractors' generated test cases: each call gives a number below
/// its argument.
#[cfg(test)]
pub(crate) fn numbers_below(mut seed: u64) -> impl FnMut(u64) -> u64 {
    move |m| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    }
}
