//! Citations: which articles carry the information of a summary sentence.
//!
//! A summary sentence cites its own article and, for every other article, the sentence most
//! similar to it when that similarity reaches [`CITE_THRESHOLD`] on at least [`CITE_MIN_SHARED`]
//! shared content terms. Similarity is the cosine of the sets of stemmed content words.

use crate::model::{Citation, SentenceRef};
use crate::story::Story;

/// Minimum similarity for another article's sentence to count as the same information.
pub const CITE_THRESHOLD: f64 = 0.5;
/// Minimum number of shared content terms (fewer only when a sentence has fewer terms).
pub const CITE_MIN_SHARED: usize = 3;

/// Set cosine of two sorted, de-duplicated term lists.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    cosine(shared(a, b), a.len(), b.len())
}

/// Set cosine of two lists of `a` and `b` terms that share `shared`.
fn cosine(shared: usize, a: usize, b: usize) -> f64 {
    shared as f64 / ((a * b) as f64).sqrt()
}

/// Whether two sorted lists share no element.
pub fn disjoint<T: Ord>(a: &[T], b: &[T]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

/// Number of terms two sorted, de-duplicated lists share.
pub fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether two term lists of these lengths can reach [`CITE_THRESHOLD`] at all: their cosine
/// is at most `sqrt(shorter / longer)` whatever they share (with 0.5, never when one is more
/// than four times the other). The margin keeps rounding from ruling out a pair that reaches
/// it.
fn may_reach_threshold(a: usize, b: usize) -> bool {
    let (short, long) = (a.min(b) as f64, a.max(b) as f64);
    short >= CITE_THRESHOLD * CITE_THRESHOLD * long * (1.0 - 1e-9)
}

/// The citations of sentence `at`: its own first, then one per other article that carries it,
/// in document order. `terms` is [`Story::content_terms`].
pub fn cite(story: &Story, terms: &[Vec<Vec<u32>>], at: SentenceRef) -> Vec<Citation> {
    let own = &terms[at.doc][at.sent];
    // The sentence's terms as a bit set over the vocabulary: a term of another sentence is
    // shared when its bit is set, one test per term instead of a merge of the two lists.
    let mut mine = vec![0u64; story.vocab.len().div_ceil(64)];
    for &t in own {
        if let Some(w) = mine.get_mut(t as usize / 64) {
            *w |= 1 << (t % 64);
        }
    }
    let marked = |x: u32| {
        mine.get(x as usize / 64)
            .is_some_and(|w| w & (1 << (x % 64)) != 0)
    };
    cite_counting(story, terms, at, |t| {
        may_reach_threshold(own.len(), t.len()).then(|| t.iter().filter(|&&x| marked(x)).count())
    })
}

/// [`cite`], with `count(t)` the number of terms sentence `at` shares with the term list `t`,
/// or `None` for a list that cannot reach the threshold whatever it shares.
fn cite_counting(
    story: &Story,
    terms: &[Vec<Vec<u32>>],
    at: SentenceRef,
    count: impl Fn(&[u32]) -> Option<usize>,
) -> Vec<Citation> {
    let own = &terms[at.doc][at.sent];
    let mut out = vec![Citation {
        doc: at.doc,
        span: story.sentence(at).span,
    }];
    for (doc, d) in story.documents.iter().enumerate() {
        if doc == at.doc {
            continue;
        }
        let mut best: Option<(f64, usize)> = None;
        for (sent, t) in terms[doc].iter().enumerate() {
            let Some(n) = count(t) else {
                continue;
            };
            let need = CITE_MIN_SHARED.min(own.len()).min(t.len()).max(1);
            if n < need {
                continue;
            }
            let sim = cosine(n, own.len(), t.len());
            if sim >= CITE_THRESHOLD && best.is_none_or(|(b, _)| sim > b) {
                best = Some((sim, sent));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
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
        // 1 of 4 terms shared reaches 0.5 exactly; 1 of 5 cannot.
        assert_eq!(similarity(&[1], &[1, 2, 3, 4]), CITE_THRESHOLD);
        assert!(may_reach_threshold(1, 4) && may_reach_threshold(4, 1));
        assert!(!may_reach_threshold(1, 5) && !may_reach_threshold(50, 201));
        assert!(may_reach_threshold(50, 200));
    }

    /// [`cite`] as first written: every pair's shared terms counted by a merge of the two
    /// sorted lists ([`shared`]), and no length bound. The fast version must cite exactly as
    /// this does.
    fn reference_cite(story: &Story, terms: &[Vec<Vec<u32>>], at: SentenceRef) -> Vec<Citation> {
        let own = &terms[at.doc][at.sent];
        cite_counting(story, terms, at, |t| Some(shared(own, t)))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 400, ..Default::default() })]
        /// Sentences drawn from a dozen content words overlap often and in every proportion,
        /// around the length bound (one list four times the other) too.
        #[test]
        fn cites_as_the_plain_merge_does(
            docs in proptest::collection::vec(
                proptest::collection::vec(proptest::collection::vec(0usize..12, 1..22), 1..5),
                2..5,
            )
        ) {
            const WORDS: [&str; 12] = [
                "harbor", "strike", "union", "crane", "wages", "port", "cargo", "ships",
                "dockers", "talks", "mayor", "fuel",
            ];
            let mut articles: Vec<Article> = docs
                .iter()
                .enumerate()
                .map(|(i, sents)| Article {
                    id: i.to_string(),
                    text: sents
                        .iter()
                        .map(|w| {
                            let words: Vec<&str> = w.iter().map(|&k| WORDS[k]).collect();
                            format!("The {}.", words.join(" "))
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                    ..Default::default()
                })
                .collect();
            // Eighty other words first, so that the shared words' term ids pass 64 (they fall
            // in the second word of the bit set).
            let filler: Vec<String> = (0..80u8)
                .map(|i| format!("z{}{}", char::from(b'a' + i / 26), char::from(b'a' + i % 26)))
                .collect();
            articles[0].text = format!("{}. {}", filler.join(" "), articles[0].text);
            let s = analyze(articles);
            let terms = s.content_terms();
            // ("zby" and "zbi" share a stem: some filler words are one term.)
            proptest::prop_assert!(s.vocab.len() > 70);
            for at in s.sentence_refs() {
                proptest::prop_assert_eq!(cite(&s, terms, at), reference_cite(&s, terms, at));
            }
        }
    }

    #[test]
    fn cites_every_article_with_the_same_fact_and_only_those() {
        let s = analyze(
            [
                "The factory fire killed nine workers in Dunmore on Friday.",
                "Nine workers were killed when fire swept through a factory in Dunmore on Friday.",
                "The city council approved a new budget for parks.",
                "A factory fire in Dunmore killed nine workers, police said Friday.",
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
        let terms = s.content_terms();
        let c = cite(&s, terms, SentenceRef { doc: 0, sent: 0 });
        let docs: Vec<usize> = c.iter().map(|c| c.doc).collect();
        assert_eq!(docs, [0, 1, 3]);
        for c in &c {
            assert!(s.documents[c.doc].slice(c.span).contains("Dunmore"));
        }
    }
}
