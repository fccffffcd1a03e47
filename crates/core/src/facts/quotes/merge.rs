//! Merging: the same quotation across articles (truncated, reworded or translated again),
//! by the stems the versions share.

use super::{MergedQuote, Quote};
use crate::model::{Citation, Document, Span};
use crate::story::Story;

/// Stemmed words of each quote (function words included: quotes are short), for matching
/// truncated and reworded versions: sorted, distinct ids, numbered densely over all the quotes
/// in the order of the stems' keys ([`crate::text::stem_key`]). The reference for
/// [`story_stems`], which the story's tokens give without stemming again.
#[cfg(test)]
fn stem_sets(quotes: &[Quote]) -> Vec<Vec<u32>> {
    let keys: Vec<Vec<u64>> = quotes
        .iter()
        .map(|q| {
            let mut k: Vec<u64> = crate::text::word_spans(&q.text)
                .map(|(s, e)| crate::text::stem_key(&q.text[s..e]).0)
                .collect();
            k.sort_unstable();
            k.dedup();
            k
        })
        .collect();
    let mut all: Vec<u64> = keys.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    keys.iter()
        .map(|k| {
            k.iter()
                .map(|x| all.binary_search(x).map_or(0, |i| i as u32))
                .collect()
        })
        .collect()
}

/// The stems of each quote of a story, as `stem_sets` finds them but as the story's term ids:
/// read off its article's tokens, which hold them already. A part that cuts a token, or two
/// tokens one joining character apart (which the article's sentence split parted but the
/// quote's words would join), makes that quote's stems come from its text instead.
pub(crate) fn story_stems(story: &Story, quotes: &[Quote]) -> Vec<Vec<u32>> {
    // Stems the story's vocabulary lacks get ids after its own.
    let mut extra: rustc_hash::FxHashMap<String, u32> = Default::default();
    quotes
        .iter()
        .map(|q| {
            let d = &story.documents[q.doc];
            // About one word per six bytes, most of them terms.
            let mut out = Vec::with_capacity(q.text.len() / 6 + 1);
            if !q.parts.iter().all(|&p| part_terms(d, p, &mut out)) {
                out.clear();
                for (s, e) in crate::text::word_spans(&q.text) {
                    let word = &q.text[s..e];
                    let id = match crate::text::term_of(&story.vocab, word) {
                        Some(id) => id,
                        None => {
                            let next = (story.vocab.len() + extra.len()) as u32;
                            *extra.entry(crate::text::stem_text(word)).or_insert(next)
                        }
                    };
                    out.push(id);
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect()
}

/// Push the term ids of the tokens of `d` inside `part`; false when the part's words would not
/// be exactly those tokens (see [`story_stems`]).
fn part_terms(d: &Document, part: Span, out: &mut Vec<u32>) -> bool {
    let text = &d.clean;
    let has_word_char = |gap: &str| {
        if gap.is_ascii() {
            gap.bytes().any(|b| b.is_ascii_alphanumeric())
        } else {
            gap.chars().any(char::is_alphanumeric)
        }
    };
    // Bytes before `at` are accounted for.
    let mut at = part.start;
    let mut after_token = false;
    let first = d.sentences.partition_point(|s| s.span.end <= part.start);
    for s in &d.sentences[first..] {
        if s.span.start >= part.end {
            break;
        }
        let from = s.tokens.partition_point(|t| t.span.end <= part.start);
        for (k, t) in s.tokens[from..].iter().enumerate() {
            if t.span.start >= part.end {
                break;
            }
            if t.span.start < part.start || t.span.end > part.end {
                return false;
            }
            // Between two tokens of one sentence lie no word characters, and the quote's words
            // split there as the sentence's did: only the gap before a sentence's first token
            // in the part needs a look.
            if k == 0 {
                let gap = &text[at..t.span.start];
                if has_word_char(gap) || (after_token && matches!(gap, "'" | "’" | "." | ",")) {
                    return false;
                }
            }
            out.push(t.term);
            at = t.span.end;
            after_token = true;
        }
    }
    !has_word_char(&text[at..part.end])
}

/// [`merge_quotes_by`] over the quotes' own stems ([`stem_sets`]).
#[cfg(test)]
pub(crate) fn merge_quotes(quotes: Vec<Quote>) -> Vec<MergedQuote> {
    let sets = stem_sets(&quotes);
    merge_quotes_by(quotes, &sets, usize::MAX)
}

/// Merge the same quote across articles: one contains the other's words (a truncated
/// version), or they share most content words and the speaker is the same (a rewording or
/// another translation). Speakers must not conflict. `sets`: the stems of each quote as
/// sorted, distinct, dense ids (as by [`story_stems`]; the largest id sizes a table).
///
/// `budget`: the most earlier quotes one quote is compared with, those sharing its rarer stems
/// first (`usize::MAX`: all that may merge). A quote made of common words meets a share of
/// all quotes; in a big story it stops there, unmerged rather than merged on a guess.
pub(crate) fn merge_quotes_by(
    quotes: Vec<Quote>,
    sets: &[Vec<u32>],
    budget: usize,
) -> Vec<MergedQuote> {
    let mut sets_of = crate::sets::DisjointSets::new(quotes.len());
    // The stems of the quote `b` at hand, marked: the stems a candidate shares with it are
    // counted by looking its own up (candidates of one `b` come one after another).
    let n_stems = sets.iter().flatten().max().map_or(0, |&m| m as usize + 1);
    let mut marked = vec![false; n_stems];
    let mut at: Option<usize> = None;
    pairs_sharing_half(sets, budget, |a, b| {
        // The stems shared are counted only for quotes that may be one.
        let (qa, qb) = (&quotes[a], &quotes[b]);
        if !may_be_one(qa, qb) {
            return;
        }
        if at != Some(b) {
            for &s in at.map_or(&[][..], |x| sets[x].as_slice()) {
                marked[s as usize] = false;
            }
            for &s in &sets[b] {
                marked[s as usize] = true;
            }
            at = Some(b);
        }
        let shared = sets[a].iter().filter(|&&s| marked[s as usize]).count();
        if same_quote(qa, qb, sets[a].len(), sets[b].len(), shared) {
            sets_of.union(a, b);
        }
    });
    merged(quotes, sets_of)
}

/// Call `f(a, b)` for every pair `a < b` of the stem sets that may merge: every rule needs
/// three shared stems and half the smaller quote's (containment 0.8, or a cosine of 0.5,
/// which is at least half the smaller set's). Each pair at most once, those of one `b` one
/// after another, in no set order; pairs that share fewer may be among them.
///
/// Prefix filtering (see [`crate::sets::overlap_candidates`]) for a bound set by the smaller
/// set: with stems ordered rarest first, a set of `k` is indexed by its first
/// `k - need(k) + 1` (its half) and by all its stems. A later set looks its half up among all
/// stems of the earlier ones (the pairs where it is the smaller), and all its stems among the
/// halves of the earlier ones (where they are). The common stems of long quotes are thus
/// looked up only among the halves of quotes made of little else. A set reads at most
/// `budget` index entries, its rarer stems first.
fn pairs_sharing_half(sets: &[Vec<u32>], budget: usize, mut f: impl FnMut(usize, usize)) {
    const LEAST: usize = 3;
    let need = |k: usize| LEAST.max(k.div_ceil(2));
    let n_stems = sets.iter().flatten().max().map_or(0, |&m| m as usize + 1);
    let mut df = vec![0u32; n_stems];
    for &s in sets.iter().flatten() {
        df[s as usize] += 1;
    }
    let mut whole: Vec<Vec<usize>> = vec![Vec::new(); n_stems];
    let mut half: Vec<Vec<usize>> = vec![Vec::new(); n_stems];
    let mut seen_with = vec![usize::MAX; sets.len()];
    let mut rare: Vec<u32> = Vec::new();
    for (b, set) in sets.iter().enumerate().filter(|(_, s)| s.len() >= LEAST) {
        rare.clear();
        rare.extend_from_slice(set);
        rare.sort_unstable_by_key(|&s| (df[s as usize], s));
        let prefix = &rare[..set.len() + 1 - need(set.len())];
        let earlier = prefix
            .iter()
            .flat_map(|&s| &whole[s as usize])
            .chain(rare.iter().flat_map(|&s| &half[s as usize]));
        for &a in earlier.take(budget) {
            if seen_with[a] != b {
                seen_with[a] = b;
                f(a, b);
            }
        }
        for &s in &rare {
            whole[s as usize].push(b);
        }
        for &s in prefix {
            half[s as usize].push(b);
        }
    }
}

/// Whether two quotes may be one at all, whatever words they share: they come from two
/// articles, and their speakers do not conflict.
fn may_be_one(qa: &Quote, qb: &Quote) -> bool {
    qa.doc != qb.doc && (qa.speaker.is_none() || qb.speaker.is_none() || qa.speaker == qb.speaker)
}

/// The merge rule for two quotes with `na` and `nb` distinct stems, `shared` of them in
/// common. False below three shared stems (what lets [`merge_quotes_by`] skip such pairs).
fn same_quote(qa: &Quote, qb: &Quote, na: usize, nb: usize, shared: usize) -> bool {
    if !may_be_one(qa, qb) || shared < 3 {
        return false;
    }
    let same_speaker = qa.speaker == qb.speaker && qa.speaker.is_some();
    let small = na.min(nb).max(1);
    let containment = shared as f64 / small as f64;
    let cosine = shared as f64 / ((na * nb).max(1) as f64).sqrt();
    (containment >= 0.8 && shared >= 4)
        || (same_speaker && containment >= 0.8 && shared >= 3)
        || (same_speaker && cosine >= 0.5 && shared >= 3)
}

/// One [`MergedQuote`] per set of `sets_of`: most-carried first, then in order of first
/// appearance.
fn merged(quotes: Vec<Quote>, mut sets_of: crate::sets::DisjointSets) -> Vec<MergedQuote> {
    let n = quotes.len();
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = sets_of.find(i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<(usize, MergedQuote)> = groups
        .into_values()
        .map(|members| {
            let best = *members
                .iter()
                .max_by(|&&a, &&b| {
                    quotes[a]
                        .text
                        .len()
                        .cmp(&quotes[b].text.len())
                        .then(b.cmp(&a))
                })
                .unwrap_or(&members[0]);
            // The speaker most members name; ties: the first member's.
            let mut votes: Vec<(&String, usize, usize)> = Vec::new();
            for &m in &members {
                if let Some(s) = &quotes[m].speaker {
                    match votes.iter_mut().find(|v| v.0 == s) {
                        Some(v) => v.1 += 1,
                        None => votes.push((s, 1, m)),
                    }
                }
            }
            let speaker = votes
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
                .map(|v| v.0.clone());
            let mut sources: Vec<usize> = members.iter().map(|&m| quotes[m].doc).collect();
            sources.sort_unstable();
            sources.dedup();
            let mut spans: Vec<Citation> = members
                .iter()
                .flat_map(|&m| {
                    let q = &quotes[m];
                    q.parts
                        .iter()
                        .map(move |&span| Citation { doc: q.doc, span })
                })
                .collect();
            spans.sort();
            let first = members[0];
            (
                first,
                MergedQuote {
                    speaker,
                    text: quotes[best].text.clone(),
                    sources,
                    spans,
                },
            )
        })
        .collect();
    // Most-carried first, then in order of first appearance.
    out.sort_by(|a, b| {
        b.1.sources
            .len()
            .cmp(&a.1.sources.len())
            .then(a.0.cmp(&b.0))
    });
    out.into_iter().map(|(_, q)| q).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn pairs_sharing_half_holds_every_pair_that_may_merge() {
        // Short quotes inside long ones, rewordings, and quotes of common words.
        let mut raw = crate::sets::draws(3);
        let mut draw = |n: u64| raw(n) as u32;
        let mut sets: Vec<Vec<u32>> = Vec::new();
        for i in 0..200u64 {
            let mut t: Vec<u32> = if i % 4 == 3 {
                let from = &sets[draw(i) as usize];
                let keep = 2 + draw(from.len() as u64) as usize;
                from.iter()
                    .copied()
                    .take(keep)
                    .chain([5 + draw(90)])
                    .collect()
            } else {
                let k = 1 + draw(24);
                (0..k)
                    .map(|_| if draw(3) == 0 { draw(5) } else { 5 + draw(90) })
                    .collect()
            };
            t.sort_unstable();
            t.dedup();
            sets.push(t);
        }
        let mut found = std::collections::BTreeMap::new();
        super::pairs_sharing_half(&sets, usize::MAX, |a, b| {
            let shared = crate::sets::shared(&sets[a], &sets[b]);
            assert!(found.insert((a, b), shared).is_none(), "{a} {b} twice");
        });
        let mut may_merge = 0;
        for a in 0..sets.len() {
            for b in a + 1..sets.len() {
                let n = crate::sets::shared(&sets[a], &sets[b]);
                if n >= 3 && 2 * n >= sets[a].len().min(sets[b].len()) {
                    may_merge += 1;
                    assert_eq!(found.get(&(a, b)), Some(&n), "{:?} {:?}", sets[a], sets[b]);
                }
            }
        }
        let all = sets.len() * (sets.len() - 1) / 2;
        assert!(
            may_merge >= 10 && found.len() * 2 < all,
            "{may_merge} {}",
            found.len()
        );
        // With a budget, each set meets at most that many earlier ones.
        let mut met = vec![0; sets.len()];
        super::pairs_sharing_half(&sets, 2, |_, b| met[b] += 1);
        assert!(met.iter().all(|&n| n <= 2) && met.contains(&2));
    }

    use super::*;
    use crate::facts::entities::find_entities;
    use crate::facts::quotes::find_quotes;

    #[test]
    fn indexed_merging_equals_comparing_every_pair() {
        // 120 pseudo-random quotes over a small vocabulary (so many pairs share stems), some
        // of them copies with a word changed, from 12 articles and 3 speakers.
        let vocab: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let mut next = crate::sets::draws(7);
        let mut quotes: Vec<Quote> = Vec::new();
        for i in 0..120 {
            let text = if i > 0 && next(3) == 0 {
                let mut words: Vec<&str> = quotes[next(i) as usize].text.split(' ').collect();
                let k = next(words.len() as u64) as usize;
                words[k] = &vocab[next(40) as usize];
                words.join(" ")
            } else {
                let len = 3 + next(8) as usize;
                (0..len)
                    .map(|_| vocab[next(40) as usize].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let speaker = match next(4) {
                0 => None,
                s => Some(format!("Speaker {s}")),
            };
            quotes.push(Quote {
                doc: next(12) as usize,
                text,
                parts: vec![Span::new(i as usize * 10, i as usize * 10 + 5)],
                speaker,
                entity: None,
            });
        }
        let sets: Vec<Vec<u32>> = stem_sets(&quotes);
        let mut all_pairs = crate::sets::DisjointSets::new(quotes.len());
        let mut merges = 0;
        for a in 0..quotes.len() {
            for b in a + 1..quotes.len() {
                let shared = crate::sets::shared(&sets[a], &sets[b]);
                if same_quote(&quotes[a], &quotes[b], sets[a].len(), sets[b].len(), shared) {
                    all_pairs.union(a, b);
                    merges += 1;
                }
            }
        }
        assert!(merges > 10, "the test needs merging pairs: {merges}");
        let expected = merged(quotes.clone(), all_pairs);
        assert!(expected.len() < quotes.len());
        assert_eq!(merge_quotes(quotes), expected);
    }

    #[test]
    fn stems_from_tokens_match_stems_from_text() {
        let texts = [
            "“It’s the ministry’s plan,” said Sergei Lavrov. “We won’t stop. The U.S. must act.”",
            "Lavrov said: \"It's the Ministry's plan, and we will not stop at 12,000 troops.\"\n\n\"The talks failed,\" he added. ``They lied to us,'' Mr. Lavrov said.",
            "“Señor Ruiz’s men,” she said, “are not coming back.” \"end.Next\" said Ruiz.",
        ];
        let story = crate::facts::test_story(&texts);
        let entities = find_entities(&story.documents);
        let mut quotes: Vec<Quote> = (0..texts.len())
            .flat_map(|i| find_quotes(i, &story.documents[i], &entities))
            .collect();
        assert!(quotes.len() >= 6, "{quotes:?}");
        // A part cutting a word ("ministry’s" from "nistry’s") must fall back to the text.
        let q = &quotes[0];
        let cut = Span::new(q.parts[0].start + 13, q.parts[0].end);
        quotes.push(Quote {
            text: story.documents[0].clean[cut.start..cut.end].to_string(),
            parts: vec![cut],
            ..q.clone()
        });
        let from_tokens = story_stems(&story, &quotes);
        let from_text: Vec<Vec<u32>> = stem_sets(&quotes);
        for a in 0..quotes.len() {
            assert_eq!(
                from_tokens[a].len(),
                from_text[a].len(),
                "{:?}",
                quotes[a].text
            );
            for b in 0..quotes.len() {
                assert_eq!(
                    crate::sets::shared(&from_tokens[a], &from_tokens[b]),
                    crate::sets::shared(&from_text[a], &from_text[b]),
                    "{:?} / {:?}",
                    quotes[a].text,
                    quotes[b].text
                );
            }
        }
    }

    #[test]
    fn tokens_one_joiner_apart_fall_back_to_the_text() {
        // "Quiet.Calm" is one word; a sentence split at its period (which the splitter does not
        // make, but nothing here relies on that) would give two tokens, so the quote's
        // tokens are not trusted.
        let story = crate::facts::test_story(&["“Quiet.Calm now,” he said."]);
        let mut d = story.documents[0].clone();
        let mut vocab = story.vocab.clone();
        let dot = d.clean.find('.').unwrap();
        let whole = d.sentences[0].clone();
        let lexicon = crate::text::Lexicon::english();
        let mut split = |start: usize, end: usize| crate::model::Sentence {
            span: Span::new(start, end),
            tokens: crate::text::tokenize(&d.clean[start..end], start, lexicon, &mut vocab),
            ..whole.clone()
        };
        let (a, b) = (
            split(whole.span.start, dot + 1),
            split(dot + 1, whole.span.end),
        );
        let part = Span::new(d.clean.find('Q').unwrap(), d.clean.find(',').unwrap());
        let mut out = Vec::new();
        assert!(
            part_terms(&d, part, &mut out),
            "one sentence: the tokens are the words"
        );
        assert_eq!(out.len(), 2);
        d.sentences = vec![a, b];
        assert!(!part_terms(&d, part, &mut Vec::new()));
    }
}
