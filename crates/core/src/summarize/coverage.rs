//! Concept coverage (after Gillick & Favre 2009, "A scalable global model for summarization"),
//! solved with a lazy greedy under the budget, as in Lin & Bilmes (2011).
//!
//! **Concepts** are stemmed word bigrams (not both stop words) and, with a smaller weight,
//! content words. **A concept's weight** says how much the story is about it:
//! `(Σ over the articles that mention it of 1 / (1 + position_decay·p))^df_power`, where `p` is
//! the position of its first sentence in that article (what many outlets repeat, early, is the
//! story; one page's boilerplate is not), times `1 + tf_weight·ln(mean mentions per article)`.
//! A concept found in only one of several articles keeps a small weight so that the budget still
//! fills once the shared concepts are covered: `single` times that article's position-discounted
//! vote (`single_position`), so that what one article says in its lede outweighs what it says at
//! its end. Copies (syndicated or spun articles, as [`crate::dedup`] decides) share one vote:
//! a wire story reprinted by five outlets is one source, not five.
//!
//! **Selection** maximises the total weight of covered concepts, each counted once: the same fact
//! told by three articles is taken once (redundancy control), and a sentence too similar to one
//! already chosen is skipped outright. Each step takes the sentence with the best
//! `gain · factor / words^length_exponent`; `factor` favours early sentences (`1 + lead/(1+pos)`)
//! and never takes a sentence that leans on missing context (see `extract::leans_on_context`).
//! Gains only shrink as concepts get covered, so a heap of stale ratios is a valid upper bound
//! and only its top needs re-evaluating (lazy greedy).
//!
//! The defaults were tuned on the shared DUC 2006/2007 and Multi-News train sets with one
//! configuration for all (see `bench/RESULTS.md`); every parameter can be set with
//! [`Coverage::with_params`] (`--param name=value` on the command line).

use std::collections::BinaryHeap;

use rustc_hash::FxHashMap as HashMap;

use crate::params::{check_param, ParamError};

use super::{can_extract, extract, Budget, Selection, Summarizer};
use crate::model::SentenceRef;
use crate::sets::similarity;
use crate::story::Story;

/// The coverage summarizer and its parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coverage {
    /// Weight of a content-word concept relative to a bigram.
    pub unigram_weight: f64,
    /// Exponent `r` in `gain / words^r` (0 ignores length, 1 is gain per word).
    pub length_exponent: f64,
    /// Bonus for early sentences: `1 + lead / (1 + position)`.
    pub lead: f64,
    /// Sentences at least this similar (content-word cosine) to a chosen one are skipped.
    pub redundancy: f64,
    /// Weight of a concept found in only one of several articles.
    pub single: f64,
    /// Whether that weight is discounted by position like a shared concept's vote
    /// (`single · 1/(1 + position_decay·p)`), or flat.
    pub single_position: bool,
    /// Exponent on the (position-weighted) number of articles mentioning a concept.
    pub df_power: f64,
    /// Decay of an article's vote with the position of the concept's first sentence there.
    pub position_decay: f64,
    /// Weight of repetition inside articles.
    pub tf_weight: f64,
    /// Sentences shorter than this many words are not candidates.
    pub min_words: usize,
}

impl Coverage {
    pub const DEFAULT: Coverage = Coverage {
        unigram_weight: 0.05,
        length_exponent: 0.8,
        lead: 0.15,
        redundancy: 0.6,
        single: 0.13,
        single_position: true,
        df_power: 1.3,
        position_decay: 0.05,
        tf_weight: 0.5,
        min_words: 7,
    };

    /// Parameter names accepted by [`Coverage::set`].
    pub const PARAMS: &'static [&'static str] = &[
        "unigram_weight",
        "length_exponent",
        "lead",
        "redundancy",
        "single",
        "single_position",
        "df_power",
        "position_decay",
        "tf_weight",
        "min_words",
    ];

    /// Set one parameter by name.
    pub fn set(&mut self, name: &str, value: f64) -> Result<(), ParamError> {
        let value = check_param(name, value)?;
        match name {
            "unigram_weight" => self.unigram_weight = value,
            "length_exponent" => self.length_exponent = value,
            "lead" => self.lead = value,
            "redundancy" => self.redundancy = value,
            "single" => self.single = value,
            "single_position" => self.single_position = value != 0.0,
            "df_power" => self.df_power = value,
            "position_decay" => self.position_decay = value,
            "tf_weight" => self.tf_weight = value,
            "min_words" => self.min_words = value as usize,
            _ => return Err(ParamError::unknown("coverage", name, Self::PARAMS)),
        }
        Ok(())
    }
}

impl Default for Coverage {
    fn default() -> Self {
        Self::DEFAULT
    }
}

const UNIGRAM: u64 = 0xFFFF_FFFF;

/// The concept keys of a sentence's tokens, in token order: each content word
/// (`term << 32 | UNIGRAM`), then the bigram it opens (`term << 32 | next term`) unless both
/// words are stop words. A key recurs as often as the sentence repeats it.
#[inline(always)]
fn for_each_key(toks: &[crate::model::Token], mut key: impl FnMut(u64)) {
    for (i, t) in toks.iter().enumerate() {
        if !t.stop {
            key((u64::from(t.term) << 32) | UNIGRAM);
        }
        if let Some(n) = toks.get(i + 1) {
            if !(t.stop && n.stop) {
                key((u64::from(t.term) << 32) | u64::from(n.term));
            }
        }
    }
}

/// Per concept (by dense id): articles mentioning it, their position-weighted votes, mentions.
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    docs: u32,
    votes: f64,
    mentions: u32,
    /// The last article counted, and its best vote so far (votes are added when it changes).
    last_doc: u32,
    pending: f64,
    /// The last sentence (numbered from 1) that counted it: a sentence counts a concept once.
    last_sentence: u32,
}

impl Stats {
    /// Count a mention by sentence `number` of article `doc` (from 1) with position-weighted
    /// `vote`; false when that sentence has counted the concept already.
    #[inline]
    fn count(&mut self, number: u32, doc: u32, vote: f64) -> bool {
        if self.last_sentence == number {
            return false;
        }
        self.last_sentence = number;
        self.mentions += 1;
        if self.last_doc != doc {
            if self.last_doc != 0 {
                self.votes += self.pending;
            }
            self.docs += 1;
            self.last_doc = doc;
            self.pending = vote;
        } else if vote > self.pending {
            self.pending = vote;
        }
        true
    }
}

/// Every sentence's concepts and every concept's statistics.
struct Concepts {
    /// Concept key (`term << 32 | next term`, or `| UNIGRAM` for a content word) -> dense
    /// id, in order of first appearance (deterministic). Read by the tests only.
    #[cfg_attr(not(test), allow(dead_code))]
    ids: HashMap<u64, u32>,
    /// By id: whether the concept is a content word.
    kinds: Vec<bool>,
    stats: Vec<Stats>,
    /// Every sentence's concepts, one after another, each once: sentence `i` has
    /// `concepts[starts[i]..starts[i + 1]]`.
    concepts: Vec<u32>,
    starts: Vec<usize>,
}

impl Concepts {
    /// The concepts of the sentences `refs`, each article's vote weighted by `share` and
    /// discounted by position with `position_decay`.
    fn gather(story: &Story, refs: &[SentenceRef], share: &[f64], position_decay: f64) -> Self {
        let tokens: usize = story
            .documents
            .iter()
            .flat_map(|d| &d.sentences)
            .map(|s| s.tokens.len())
            .sum();
        // About two concepts per token (a bigram and a content word), most of them distinct.
        let mut ids: HashMap<u64, u32> =
            HashMap::with_capacity_and_hasher(2 * tokens, Default::default());
        let mut kinds: Vec<bool> = Vec::with_capacity(2 * tokens);
        let mut stats: Vec<Stats> = Vec::with_capacity(2 * tokens);
        let mut concepts: Vec<u32> = Vec::with_capacity(2 * tokens);
        let mut starts: Vec<usize> = Vec::with_capacity(refs.len() + 1);
        starts.push(0);
        for (number, &at) in (1..).zip(refs) {
            let vote = share[at.doc] / (1.0 + position_decay * at.sent as f64);
            let doc = at.doc as u32 + 1;
            // A concept counts once per sentence.
            for_each_key(&story.sentence(at).tokens, |key| {
                let id = *ids.entry(key).or_insert_with(|| {
                    kinds.push(key & UNIGRAM == UNIGRAM);
                    stats.push(Stats::default());
                    (stats.len() - 1) as u32
                });
                if stats[id as usize].count(number, doc, vote) {
                    concepts.push(id);
                }
            });
            starts.push(concepts.len());
        }
        Concepts {
            ids,
            kinds,
            stats,
            concepts,
            starts,
        }
    }
}

impl Summarizer for Coverage {
    fn name(&self) -> &'static str {
        "coverage"
    }
    fn describe(&self) -> &'static str {
        "concept coverage: bigrams weighted by how many articles carry them, early (default)"
    }
    fn with_params(&self, params: &[(String, f64)]) -> Result<Box<dyn Summarizer>, ParamError> {
        let mut c = *self;
        for (k, v) in params {
            c.set(k, *v)?;
        }
        Ok(Box::new(c))
    }
    fn select(&self, story: &Story, budget: usize) -> Vec<Selection> {
        let p = self;
        let refs: Vec<SentenceRef> = story.sentence_refs().collect();
        // Copies share one vote: each member of a group of n counts 1/n.
        let share: Vec<f64> = story
            .copies
            .group_sizes()
            .into_iter()
            .map(|size| 1.0 / size as f64)
            .collect();
        let Concepts {
            kinds,
            stats,
            concepts,
            starts,
            ..
        } = Concepts::gather(story, &refs, &share, p.position_decay);
        let n_docs = story.documents.len();
        let min_docs = if n_docs >= 2 { 2 } else { 1 };
        let weight_of: Vec<f64> = stats
            .iter()
            .zip(&kinds)
            .map(|(st, &unigram)| {
                let votes = st.votes + st.pending;
                let per_doc = st.mentions as f64 / st.docs.max(1) as f64;
                // ln 1 = 0: most concepts are mentioned once per article.
                let repetition = if per_doc > 1.0 {
                    1.0 + p.tf_weight * per_doc.ln()
                } else {
                    1.0
                };
                let base = if st.docs < min_docs {
                    // Discounted by position like shared concepts: what one article says in
                    // its lede counts for more than what it says at the end.
                    if p.single_position {
                        p.single * votes
                    } else {
                        p.single
                    }
                } else {
                    votes.powf(p.df_power)
                };
                base * repetition * if unigram { p.unigram_weight } else { 1.0 }
            })
            .collect();
        let terms = story.content_terms();
        let candidates: Vec<usize> = (0..refs.len())
            .filter(|&i| {
                let s = story.sentence(refs[i]);
                s.words >= p.min_words && can_extract(story, refs[i])
            })
            .collect();
        // Factor (lead bonus) and extract length: needed for candidates only.
        let mut factor = vec![0.0f64; refs.len()];
        let mut words = vec![0usize; refs.len()];
        // `words^length_exponent`, computed once per candidate: the lazy greedy re-evaluates
        // ratios many times.
        let mut length = vec![0.0f64; refs.len()];
        for &i in &candidates {
            let at = refs[i];
            let bonus = 1.0 + p.lead / (1.0 + at.sent as f64);
            factor[i] = bonus;
            words[i] = extract(story, at).1;
            length[i] = (words[i] as f64).powf(p.length_exponent);
        }

        let mut covered = vec![false; weight_of.len()];
        let gain = |i: usize, covered: &[bool]| -> f64 {
            concepts[starts[i]..starts[i + 1]]
                .iter()
                .filter(|&&c| !covered[c as usize])
                .map(|&c| weight_of[c as usize])
                .sum()
        };
        let ratio = |i: usize, g: f64| g * factor[i] / length[i];
        let mut heap: BinaryHeap<Entry> = candidates
            .iter()
            .map(|&i| Entry {
                key: ratio(i, gain(i, &covered)),
                idx: i,
            })
            .filter(|e| e.key > 0.0)
            .collect();
        let mut chosen: Vec<Selection> = Vec::new();
        let mut budget = Budget::new(budget);
        while let Some(top) = heap.pop() {
            let i = top.idx;
            if !budget.fits(words[i]) {
                continue;
            }
            let g = gain(i, &covered);
            let fresh = ratio(i, g);
            if fresh <= 0.0 {
                continue;
            }
            if heap
                .peek()
                .is_some_and(|next| Entry { key: fresh, idx: i } < *next)
            {
                heap.push(Entry { key: fresh, idx: i });
                continue;
            }
            let t = &terms[refs[i].doc][refs[i].sent];
            if chosen
                .iter()
                .any(|c| similarity(t, &terms[c.at.doc][c.at.sent]) >= p.redundancy)
            {
                continue;
            }
            for &c in &concepts[starts[i]..starts[i + 1]] {
                covered[c as usize] = true;
            }
            budget.take(words[i]);
            chosen.push(Selection {
                at: refs[i],
                score: g * factor[i],
            });
            if budget.is_full() {
                break;
            }
        }
        chosen
    }
}

/// A heap entry: ratio, then the earlier sentence first on ties (deterministic).
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: f64,
    idx: usize,
}
impl PartialEq for Entry {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == std::cmp::Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.key.total_cmp(&o.key).then(o.idx.cmp(&self.idx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use crate::story::analyze;

    fn story(texts: &[&str]) -> Story {
        analyze(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Article {
                    id: format!("a{i}"),
                    text: t.to_string(),
                    ..Default::default()
                })
                .collect(),
        )
    }

    #[test]
    fn a_fact_told_by_three_articles_is_selected_once() {
        let s = story(&[
            "The river dam collapsed early on Sunday near the town of Vell. Cows grazed in a distant field.",
            "Early on Sunday the river dam collapsed near Vell, flooding the valley. A bakery reopened.",
            "The river dam near Vell collapsed early on Sunday. Rescue teams reached the flooded valley by noon.",
        ]);
        let picked = Coverage::DEFAULT.select(&s, 60);
        let dam = picked
            .iter()
            .filter(|p| s.sentence_text(p.at).contains("dam"))
            .count();
        assert_eq!(
            dam,
            1,
            "{:?}",
            picked
                .iter()
                .map(|p| s.sentence_text(p.at))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn shared_content_beats_content_of_one_article() {
        let s = story(&[
            "Flood waters cut the main highway to the capital on Monday. A local poet read verses about autumn leaves.",
            "Flood waters cut the main highway to the capital, officials said on Monday. Stray dogs barked.",
        ]);
        let picked = Coverage::DEFAULT.select(&s, 12);
        assert_eq!(picked.len(), 1);
        assert!(s.sentence_text(picked[0].at).contains("highway"));
    }

    #[test]
    fn a_reprinted_wire_story_counts_as_one_source() {
        let wire = "Striking dockworkers blocked the northern rail yard gates at dawn on Friday. The union said talks had failed.";
        let s = story(&[
            wire,
            // The same wire copy in another outlet, with its own furniture.
            &format!("{wire}\nRead more: Port news in brief"),
            "Ferry services across the southern bay were cancelled for the weekend because of high winds. Tourists waited.",
            "High winds forced the cancellation of ferry services across the southern bay for the weekend. Cafes closed.",
        ]);
        let picked = Coverage::DEFAULT.select(&s, 20);
        assert_eq!(picked.len(), 1);
        assert!(
            s.sentence_text(picked[0].at).contains("ferry"),
            "{}",
            s.sentence_text(picked[0].at)
        );
        // The reprint is one group with the wire story: the dockworkers' story counts once.
        assert_eq!(s.copies.copy_of[1], Some(0));
    }

    #[test]
    fn single_article_concepts_count_less_late_in_their_article() {
        // One sentence that no other article shares, once as a lede and once after ten other
        // sentences; the other article shares nothing with it.
        let target = "Engineers found a hairline crack in the northern spillway gate.";
        let filler: Vec<String> = (0..10)
            .map(|i| format!("Filler line number {i} talks about topic{i} and theme{i} today."))
            .collect();
        let other = "Ferry crews in the southern bay waited for calmer winds.";
        let early = story(&[&format!("{target} {}", filler.join(" ")), other]);
        let late = story(&[&format!("{} {target}", filler.join(" ")), other]);
        let score = |s: &Story, c: &Coverage| {
            let picked = c.select(s, 1000);
            picked
                .iter()
                .find(|p| s.sentence_text(p.at) == target)
                .map(|p| p.score)
                .expect("the target sentence is chosen")
        };
        let mut c = Coverage::DEFAULT;
        c.set("lead", 0.0).unwrap();
        let (e, l) = (score(&early, &c), score(&late, &c));
        // Its first sentence is at position 10: every concept's vote is 1 / (1 + 10 decay).
        let expected = 1.0 / (1.0 + 10.0 * c.position_decay);
        assert!((l / e - expected).abs() < 1e-9, "{e} {l}");
        // Flat: the same weight wherever the sentence stands.
        c.set("single_position", 0.0).unwrap();
        assert!((score(&late, &c) - score(&early, &c)).abs() < 1e-9);
    }

    #[test]
    fn captions_count_as_context_but_are_never_extracted() {
        // The caption names everything the story is about, in every article, yet is no prose
        // to quote: the summary takes the articles' own sentences.
        let caption = "Flood water covers the Vell valley road on Sunday near the collapsed river dam. (Associated Press)";
        let s = story(&[
            &format!("The river dam near Vell collapsed early on Sunday.\n{caption}"),
            &format!("Flood water covered the valley road after the dam collapsed.\n{caption}"),
        ]);
        let caption_sentences: Vec<SentenceRef> = s
            .sentence_refs()
            .filter(|&at| !s.sentence(at).quotable)
            .collect();
        assert_eq!(caption_sentences.len(), 4, "two sentences in each article");
        let picked = Coverage::DEFAULT.select(&s, 1000);
        assert!(!picked.is_empty());
        for p in &picked {
            assert!(s.sentence(p.at).quotable, "{}", s.sentence_text(p.at));
        }
    }

    #[test]
    fn a_sentence_counts_each_of_its_concepts_once() {
        // Words and bigrams repeated inside sentences, across sentences and across articles.
        let s = story(&[
            "Crews crews crews reached the dam. The dam held and the dam held again.",
            "The dam held. Crews reached the dam, crews said, and crews reached it.",
        ]);
        let refs: Vec<SentenceRef> = s.sentence_refs().collect();
        let c = Concepts::gather(&s, &refs, &[1.0, 1.0], 0.05);
        let mut key_of = vec![0u64; c.stats.len()];
        for (&key, &id) in &c.ids {
            key_of[id as usize] = key;
        }
        // Per concept key: the sentences and the articles that mention it, from the tokens.
        let mut mentions: std::collections::BTreeMap<u64, (u32, Vec<usize>)> = Default::default();
        for (i, &at) in refs.iter().enumerate() {
            let mut want = std::collections::BTreeSet::new();
            for_each_key(&s.sentence(at).tokens, |key| {
                want.insert(key);
            });
            let got: Vec<u64> = c.concepts[c.starts[i]..c.starts[i + 1]]
                .iter()
                .map(|&id| key_of[id as usize])
                .collect();
            assert_eq!(got.len(), want.len(), "sentence {i}: each concept once");
            assert_eq!(
                got.iter()
                    .copied()
                    .collect::<std::collections::BTreeSet<_>>(),
                want
            );
            for key in want {
                let e = mentions.entry(key).or_default();
                e.0 += 1;
                if !e.1.contains(&at.doc) {
                    e.1.push(at.doc);
                }
            }
        }
        assert!(mentions.values().any(|(n, _)| *n > 1));
        assert_eq!(mentions.len(), c.stats.len());
        // Mentions count sentences, and documents count articles.
        for (id, st) in c.stats.iter().enumerate() {
            let (n, docs) = &mentions[&key_of[id]];
            assert_eq!((st.mentions, st.docs as usize), (*n, docs.len()));
            assert_eq!(c.kinds[id], key_of[id] & UNIGRAM == UNIGRAM);
        }
    }

    #[test]
    fn parameters_are_set_by_name_and_checked() {
        let mut c = Coverage::DEFAULT;
        c.set("lead", 2.0).unwrap();
        assert_eq!(c.lead, 2.0);
        assert!(c.set("leed", 1.0).unwrap_err().to_string().contains("lead"));
        assert!(c.set("lead", -1.0).is_err());
        assert!(c.set("lead", f64::NAN).is_err());
    }

    #[test]
    fn respects_the_budget_and_is_deterministic() {
        let s = story(&[
            "Talks between the two unions resumed in Geneva on Tuesday after a week of strikes. Both sides met for six hours. No deal was reached by the evening.",
            "Union leaders resumed talks in Geneva on Tuesday. The strikes had shut ports for a week. Negotiators met for six hours without a deal.",
        ]);
        for budget in [5, 10, 20, 40] {
            let a = Coverage::DEFAULT.select(&s, budget);
            let b = Coverage::DEFAULT.select(&s, budget);
            assert_eq!(a, b);
            let words: usize = a.iter().map(|p| s.sentence(p.at).words).sum();
            assert!(words <= budget || a.len() == 1, "budget {budget}: {words}");
        }
    }
}
