//! When things happened: dated events merged across articles, and events whose date the
//! articles give differently.

use std::collections::BTreeMap;

use super::time::{find_times, parse_date, Date, Resolved};
use crate::model::{Citation, RemovalReason, Sentence, Span};
use crate::sets::{shared, similarity};
use crate::story::Story;

/// One event of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub resolved: Resolved,
    /// The time expression as the first article wrote it.
    pub when: String,
    /// The sentence around it.
    pub event: String,
    pub sources: Vec<usize>,
    /// Each article's sentence.
    pub spans: Vec<Citation>,
}

/// A time expression in one sentence, before merging.
#[derive(Debug, Clone)]
pub struct Dated {
    pub doc: usize,
    pub sent: usize,
    pub expr: Span,
    pub resolved: Resolved,
    /// The date of its sentence's event (see [`find_dated`]).
    pub main: bool,
}

/// The publication date of each document: metadata, else a removed date line or dateline.
pub fn publication_dates(story: &Story) -> Vec<Option<Date>> {
    story
        .documents
        .iter()
        .map(|d| {
            d.article
                .published
                .as_deref()
                .and_then(parse_date)
                .or_else(|| {
                    d.removed
                        .iter()
                        .filter(|r| {
                            matches!(r.reason, RemovalReason::Timestamp | RemovalReason::Dateline)
                        })
                        .find_map(|r| parse_date(&r.text))
                })
        })
        .collect()
}

/// Every time expression of every sentence (numbers read them as dates). The sentence's date,
/// `main`, is the first expression of its main clause that is on the calendar: a year in a
/// side clause ("repairs recommended in 2023 were never done") dates nothing, and one sentence
/// tells one event. A headline, a caption or a credit tells none ([`tells_event`]). Each
/// sentence is read after the one before it, so that "The next day" takes the day named there.
pub fn find_dated(story: &Story, published: &[Option<Date>]) -> Vec<Dated> {
    use rayon::prelude::*;
    // Documents in parallel, in order.
    let by_doc: Vec<Vec<Dated>> = (0..story.documents.len())
        .into_par_iter()
        .map(|doc| dated_of(&story.documents[doc], doc, published[doc]))
        .collect();
    by_doc.concat()
}

/// The dated sentences of document `doc`, `d`, published on `published`.
fn dated_of(d: &crate::model::Document, doc: usize, published: Option<Date>) -> Vec<Dated> {
    let mut out = Vec::new();
    for (sent, s) in d.sentences.iter().enumerate() {
        let from = sent
            .checked_sub(1)
            .map_or(s.span.start, |p| d.sentences[p].span.start);
        let Some(text) = d.clean.get(from..s.span.end) else {
            continue;
        };
        let own = s.span.start - from;
        let event = tells_event(s, d.slice(s.span));
        let mut dated = false;
        for e in find_times(text, published)
            .into_iter()
            .filter(|e| e.start >= own)
        {
            let main = event && !dated && !e.side && e.resolved != Resolved::Relative;
            dated |= main;
            out.push(Dated {
                doc,
                sent,
                expr: Span::new(from + e.start, from + e.end),
                resolved: e.resolved,
                main,
            });
        }
    }
    out
}

/// Whether a sentence can tell an event: cleaning kept it as prose, not as a caption, and it
/// ends as a statement does, with a stop (a headline or a label has none, a question asks).
fn tells_event(s: &Sentence, text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
    s.quotable && t.ends_with(['.', '!', '\u{2026}'])
}

/// Same event: sentences sharing most content words.
fn same_event(story: &Story, a: &Dated, b: &Dated, threshold: f64) -> bool {
    let terms = story.content_terms();
    let (ta, tb) = (&terms[a.doc][a.sent], &terms[b.doc][b.sent]);
    shared(ta, tb) >= 3 && similarity(ta, tb) >= threshold
}

/// The index entries one dated sentence reads for partners, in a big story.
const BIG_BUDGET: usize = 64;
/// The sentences of each date compared for a clash, in a big story.
const BIG_BOUND: usize = 32;
/// The members of a period a term leads to, in a big story's timeline.
const BIG_PER_TERM: usize = 64;

/// How similar two sentences giving a day must be to tell one event (for date conflicts).
const SAME_DAY_EVENT: f64 = 0.7;

/// For each of the sentences `days`, the later ones that may tell the same event at
/// `threshold` (ascending): a superset of the pairs [`same_event`] accepts (in a big story, of
/// those among each sentence's [`BIG_BUDGET`] most likely partners). A cosine of `t`
/// between sets of `m` and `k` terms sharing `c ≤ k` needs `c ≥ t·√(m·c)`, so `c ≥ t²·m`;
/// and three shared terms.
fn same_event_candidates(story: &Story, days: &[&Dated], threshold: f64) -> Vec<Vec<usize>> {
    let terms = story.content_terms();
    let sets: Vec<&[u32]> = days
        .iter()
        .map(|x| terms[x.doc][x.sent].as_slice())
        .collect();
    let need = |m: usize| Some(((threshold * threshold * m as f64 - 1e-9).ceil() as usize).max(3));
    // In a big story a sentence meets its most likely partners only (see
    // `sets::overlap_candidates`).
    let budget = story.bound(BIG_BUDGET);
    let mut later = vec![Vec::new(); days.len()];
    for (a, b) in crate::sets::overlap_candidates(&sets, need, budget) {
        later[a].push(b);
    }
    for l in &mut later {
        l.sort_unstable();
    }
    later
}

/// The events of one period so far, for [`timeline`].
#[derive(Default)]
struct Period {
    /// Content term -> the members (of the period's events) whose sentence has it.
    by_term: rustc_hash::FxHashMap<u32, Vec<usize>>,
    /// The sentence (document, sentence) that opened each event of the period.
    firsts: rustc_hash::FxHashSet<(usize, usize)>,
}

/// Build the timeline: the sentences' dates, merged when they are the same period and
/// the sentences tell the same event, sorted by date (finer periods first on the same day).
pub fn timeline(story: &Story, dated: &[Dated]) -> Vec<Event> {
    let terms = story.content_terms();
    let mut events: Vec<(Vec<&Dated>, Resolved)> = Vec::new();
    let mut periods: BTreeMap<Resolved, Period> = BTreeMap::new();
    // Every member of every event, as (event, sentence); indexed by its period's terms.
    let mut members: Vec<(usize, &Dated)> = Vec::new();
    // Per member, the terms it shares with the sentence at hand (zero again after each).
    let mut count: Vec<u32> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    // In a big story, where thousands of sentences may date one event in the same words, a
    // term's first members only (those of the period's first events) are counted.
    let per_term = story.bound(BIG_PER_TERM);
    for x in dated.iter().filter(|x| x.main) {
        let period = periods.entry(x.resolved).or_default();
        let tx = &terms[x.doc][x.sent];
        // The first event (in order of creation) of the period with a member of another
        // article telling the same event ([`same_event`] at 0.3): shared terms counted over the
        // period's index, not by comparing x with every member.
        for t in tx {
            let list = period.by_term.get(t).map_or(&[][..], Vec::as_slice);
            for &m in &list[..list.len().min(per_term)] {
                if count[m] == 0 {
                    touched.push(m);
                }
                count[m] += 1;
            }
        }
        let found = touched
            .iter()
            .filter(|&&m| {
                let (c, md) = (count[m] as usize, members[m].1);
                let tm = &terms[md.doc][md.sent];
                md.doc != x.doc && c >= 3 && crate::sets::cosine(c, tx.len(), tm.len()) >= 0.3
            })
            .map(|&m| members[m].0)
            .min();
        for m in touched.drain(..) {
            count[m] = 0;
        }
        let event = match found {
            Some(e) => {
                if events[e].0.iter().any(|m| m.doc == x.doc) {
                    continue;
                }
                events[e].0.push(x);
                e
            }
            // The same sentence twice (two expressions of one period) is one event.
            None if !period.firsts.insert((x.doc, x.sent)) => continue,
            None => {
                events.push((vec![x], x.resolved));
                events.len() - 1
            }
        };
        for &t in tx {
            period.by_term.entry(t).or_default().push(members.len());
        }
        members.push((event, x));
        count.push(0);
    }
    let mut out: Vec<Event> = events
        .into_iter()
        .map(|(members, resolved)| {
            let first = members[0];
            let d = &story.documents[first.doc];
            let mut sources: Vec<usize> = members.iter().map(|m| m.doc).collect();
            sources.sort_unstable();
            let mut spans: Vec<Citation> = members
                .iter()
                .map(|m| Citation {
                    doc: m.doc,
                    span: story.documents[m.doc].sentences[m.sent].span,
                })
                .collect();
            spans.sort();
            Event {
                resolved,
                when: d.slice(first.expr).to_string(),
                event: d.slice(d.sentences[first.sent].span).to_string(),
                sources,
                spans,
            }
        })
        .collect();
    let rank = |r: Resolved| match r {
        Resolved::Day(_) => 0,
        Resolved::Week(_) => 1,
        Resolved::Month(..) => 2,
        Resolved::Quarter(..) | Resolved::Season(..) => 3,
        Resolved::Year(_) => 4,
        Resolved::Relative => 5,
    };
    out.sort_by(|a, b| {
        (a.resolved.start(), rank(a.resolved))
            .cmp(&(b.resolved.start(), rank(b.resolved)))
            .then(a.spans[0].cmp(&b.spans[0]))
    });
    out
}

/// Events told alike by two articles but dated to different days: (event sentence, and per
/// date the sources and their sentences). Only dates that [`clash`] are a conflict.
pub fn date_conflicts<'a>(story: &Story, dated: &'a [Dated]) -> Vec<Vec<(Date, Vec<&'a Dated>)>> {
    let published = publication_dates(story);
    let days: Vec<&'a Dated> = dated
        .iter()
        .filter(|x| x.main && matches!(x.resolved, Resolved::Day(_)))
        .collect();
    // In a big story, where hundreds of articles may date one event, the first sentences of
    // each date are compared.
    let bound = story.bound(BIG_BOUND);
    let clashes = |by_date: &[(Date, Vec<&Dated>)]| {
        let all = || by_date.iter().flat_map(|(_, v)| v.iter().take(bound));
        all().any(|a| all().any(|b| clash(story, &published, a, b)))
    };
    let later = same_event_candidates(story, &days, SAME_DAY_EVENT);
    let mut used = vec![false; days.len()];
    let mut out = Vec::new();
    for i in 0..days.len() {
        if used[i] {
            continue;
        }
        let mut group = vec![i];
        for &j in &later[i] {
            if !used[j]
                && days[j].doc != days[i].doc
                && same_event(story, days[i], days[j], SAME_DAY_EVENT)
            {
                group.push(j);
            }
        }
        let mut by_date: Vec<(Date, Vec<&Dated>)> = Vec::new();
        for &g in &group {
            let Resolved::Day(date) = days[g].resolved else {
                continue;
            };
            match by_date.iter_mut().find(|(d, _)| *d == date) {
                Some((_, v)) => v.push(days[g]),
                None => by_date.push((date, vec![days[g]])),
            }
        }
        if by_date.len() > 1 && clashes(&by_date) {
            for &g in &group {
                used[g] = true;
            }
            by_date.sort_by_key(|(d, _)| *d);
            out.push(by_date);
        }
    }
    out
}

/// Whether two dated sentences of one event give dates that cannot both be right. Not when the
/// dates are written alike (one weekday read against two publication days says the same), nor
/// when each is its own article's publication day (a recurring item: each issue dates itself).
/// A date read against the publication day ("Wednesday", "today") is only as sure as the
/// moment an article was filed: it clashes only with dates at least two days from it.
fn clash(story: &Story, published: &[Option<Date>], a: &Dated, b: &Dated) -> bool {
    let (Resolved::Day(da), Resolved::Day(db)) = (a.resolved, b.resolved) else {
        return false;
    };
    let text = |x: &Dated| story.documents[x.doc].slice(x.expr);
    if da == db || a.doc == b.doc || text(a).eq_ignore_ascii_case(text(b)) {
        return false;
    }
    let own = |x: &Dated, d: Date| published.get(x.doc).copied().flatten() == Some(d);
    if own(a, da) && own(b, db) {
        return false;
    }
    // Written in full, a date resolves the same without a publication date.
    let absolute = |x: &Dated| {
        find_times(text(x), None)
            .first()
            .is_some_and(|e| e.resolved == x.resolved)
    };
    (absolute(a) && absolute(b)) || (da.days() - db.days()).abs() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date conflicts of articles (text, publication date), as lists of days.
    fn conflicts(articles: &[(&str, &str)]) -> Vec<Vec<String>> {
        let story = crate::analyze(
            articles
                .iter()
                .enumerate()
                .map(|(i, (text, day))| crate::Article {
                    id: format!("a{i}"),
                    text: text.to_string(),
                    published: Some(day.to_string()),
                    ..Default::default()
                })
                .collect(),
        );
        let published = publication_dates(&story);
        let dated = find_dated(&story, &published);
        date_conflicts(&story, &dated)
            .iter()
            .map(|c| c.iter().map(|(d, _)| d.to_string()).collect())
            .collect()
    }

    #[test]
    fn only_dates_that_cannot_both_be_right_clash() {
        let event = "The harbour bridge of Norvale was reopened to traffic by the mayor";
        let cases: &[(&str, &str, &str, &str, usize)] = &[
            // Written in full and different: a conflict.
            (
                "on March 3, 2025.",
                "2025-03-05",
                "on March 9, 2025, officials said.",
                "2025-03-10",
                1,
            ),
            // One weekday read against two publication days says the same.
            (
                "on Tuesday.",
                "2025-03-05",
                "on Tuesday, officials said.",
                "2025-03-12",
                0,
            ),
            // Relative days a day apart: filed on different days, not a conflict.
            (
                "on Tuesday.",
                "2025-03-05",
                "today, officials said.",
                "2025-03-05",
                0,
            ),
            // Relative days far apart clash.
            (
                "on Monday.",
                "2025-03-05",
                "on March 20, 2025, officials said.",
                "2025-03-21",
                1,
            ),
        ];
        for &(when_a, day_a, when_b, day_b, want) in cases {
            let a = format!("{event} {when_a}");
            let b = format!("{event} {when_b}");
            let got = conflicts(&[(&a, day_a), (&b, day_b)]);
            assert_eq!(got.len(), want, "{when_a} / {when_b}: {got:?}");
        }
        // A recurring item: each issue dates itself with its own day.
        let a = "The weekly market review of Norvale was issued on March 3, 2025.";
        let b = "The weekly market review of Norvale was issued on March 10, 2025, as usual.";
        assert!(conflicts(&[(a, "2025-03-03"), (b, "2025-03-10")]).is_empty());
    }
}

#[cfg(test)]
mod event_tests {
    use super::*;

    /// The timeline of one article published 2026-03-11: (day or period, what the article
    /// wrote) of each event.
    fn events(text: &str) -> Vec<(String, String)> {
        let story = crate::analyze(vec![crate::Article {
            id: "a".into(),
            text: text.into(),
            published: Some("2026-03-11".into()),
            ..Default::default()
        }]);
        let published = publication_dates(&story);
        let dated = find_dated(&story, &published);
        timeline(&story, &dated)
            .into_iter()
            .map(|e| (e.resolved.period().unwrap_or_default(), e.when))
            .collect()
    }

    #[test]
    fn headlines_tell_no_event_and_the_next_day_follows_the_day_before() {
        let text = "Levee breaks at Orrin on Sunday\n\nWater broke through the levee at Orrin \
                    on Sunday, forcing families from their homes, the mayor said on Tuesday.\n\n\
                    Engineers began pumping water out of the streets the next day, she said.";
        assert_eq!(
            events(text),
            [
                ("2026-03-08".to_string(), "Sunday".to_string()),
                ("2026-03-09".to_string(), "the next day".to_string()),
            ]
        );
    }

    /// The timeline's merging, by its rule read plainly: each main dated sentence in order
    /// joins the first event (in order of creation) of its period that has a member of
    /// another article sharing three content terms and a cosine of 0.3 with it, unless that
    /// event has a member of its article already; else it opens an event (once per sentence).
    fn events_by_pairs(story: &Story, dated: &[Dated]) -> Vec<Vec<(usize, usize)>> {
        let terms = story.content_terms();
        let alike = |a: &Dated, b: &Dated| {
            let (x, y) = (&terms[a.doc][a.sent], &terms[b.doc][b.sent]);
            shared(x, y) >= 3 && similarity(x, y) >= 0.3
        };
        let mut events: Vec<Vec<&Dated>> = Vec::new();
        for x in dated.iter().filter(|x| x.main) {
            let found = events.iter().position(|e| {
                e[0].resolved == x.resolved && e.iter().any(|m| m.doc != x.doc && alike(m, x))
            });
            match found {
                Some(e) if events[e].iter().any(|m| m.doc == x.doc) => {}
                Some(e) => events[e].push(x),
                None if events.iter().any(|e| {
                    e[0].resolved == x.resolved && (e[0].doc, e[0].sent) == (x.doc, x.sent)
                }) => {}
                None => events.push(vec![x]),
            }
        }
        let mut out: Vec<Vec<(usize, usize)>> = events
            .into_iter()
            .map(|e| {
                let mut m: Vec<(usize, usize)> = e.iter().map(|x| (x.doc, x.sent)).collect();
                m.sort_unstable();
                m
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn indexed_merging_equals_the_rule_read_plainly() {
        // Sentences of a few common words, each given one of three days (two expressions of a
        // sentence sometimes), so that events merge, chain and collide.
        let words = [
            "levee", "river", "water", "town", "mayor", "bridge", "school", "road", "farm",
            "storm", "police", "market", "council", "pumps", "homes", "fields", "harbour", "ferry",
            "hospital", "nurses", "train", "station", "tunnel", "power", "grid", "wind", "snow",
            "court", "judge", "jury",
        ];
        let mut draw = crate::sets::draws(11);
        let texts: Vec<String> = (0..12)
            .map(|_| {
                (0..5)
                    .map(|_| {
                        let k = 3 + draw(5) as usize;
                        // The first 18 words most often: sentences share some of them.
                        let pool = if draw(3) == 0 { words.len() } else { 18 };
                        let w: Vec<&str> =
                            (0..k).map(|_| words[draw(pool as u64) as usize]).collect();
                        format!("The {}.", w.join(" "))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let story = crate::facts::test_story(&refs);
        let mut dated = Vec::new();
        for (doc, d) in story.documents.iter().enumerate() {
            for sent in 0..d.sentences.len() {
                for _ in 0..1 + usize::from(draw(4) == 0) {
                    let day = Date::new(2026, 3, 1 + draw(3) as u32).expect("a date");
                    dated.push(Dated {
                        doc,
                        sent,
                        expr: d.sentences[sent].span,
                        resolved: Resolved::Day(day),
                        main: draw(6) != 0,
                    });
                }
            }
        }
        let mut got: Vec<Vec<(usize, usize)>> = timeline(&story, &dated)
            .iter()
            .map(|e| {
                let mut m: Vec<(usize, usize)> = e
                    .spans
                    .iter()
                    .map(|c| {
                        let d = &story.documents[c.doc];
                        let sent = d.sentences.iter().position(|s| s.span == c.span);
                        (c.doc, sent.expect("a sentence's span"))
                    })
                    .collect();
                m.sort_unstable();
                m
            })
            .collect();
        got.sort();
        let want = events_by_pairs(&story, &dated);
        assert!(
            want.iter().filter(|e| e.len() > 2).count() >= 3 && want.len() > 20,
            "the case needs merged events: {want:?}"
        );
        assert_eq!(got, want);
    }

    #[test]
    fn a_question_tells_no_event() {
        let text = "Will the council of Orrin meet on Thursday to approve the funds for repairs?";
        assert!(events(text).is_empty());
    }
}
