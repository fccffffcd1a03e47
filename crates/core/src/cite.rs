//! Citations: which articles carry the information of a summary sentence.
//!
//! A summary sentence cites its own article and, for every other article, the sentence most
//! similar to it when that similarity reaches [`CITE_THRESHOLD`] on at least [`CITE_MIN_SHARED`]
//! shared content terms. Similarity is the cosine of the sets of stemmed content words.

use crate::model::{Citation, SentenceRef};
use crate::sets::{cosine, shared};
use crate::story::Story;

/// Minimum similarity for another article's sentence to count as the same information.
pub const CITE_THRESHOLD: f64 = 0.5;
/// Minimum number of shared content terms (fewer only when a sentence has fewer terms).
pub const CITE_MIN_SHARED: usize = 3;

/// The citations of sentence `at`: its own first, then one per other article that carries it,
/// in document order. `terms` is [`Story::content_terms`].
pub fn cite(story: &Story, terms: &[Vec<Vec<u32>>], at: SentenceRef) -> Vec<Citation> {
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
            let n = shared(own, t);
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
        // 1 of 4 terms shared reaches 0.5 exactly; 1 of 5 cannot.
        assert_eq!(similarity(&[1], &[1, 2, 3, 4]), CITE_THRESHOLD);
        assert!(similarity(&[1], &[1, 2, 3, 4, 5]) < CITE_THRESHOLD);
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
