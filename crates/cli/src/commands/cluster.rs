//! `newsbrief cluster DATA.jsonl`: the story of every article of a dated stream, without a
//! store. `newsbrief eval-clusters DATA.jsonl`: the same, scored against the `cluster` field.
//!
//! The file is read in chunks: article features are computed on every core, then the articles
//! are clustered one by one in file order (which should be publication order). An article's
//! line is printed, in stream order, once its story is final: a later article can move an
//! earlier one (a story of one article absorbed by a growing story) for `absorb_days`; only
//! the ids of articles not printed yet, and of originals a copy can still point at, are kept
//! until then. An id given twice keeps its first article ([`super::ids`]).

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use newsbrief_core::facts::time::parse_date;
use newsbrief_core::stream::{features, Assignment, Clusterer, Features, Params};
use newsbrief_core::text::text_fingerprint;
use rayon::prelude::*;

use super::ids::SeenIds;
use crate::input::{Inputs, Limits, Parsed};
use crate::report::Reporter;
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A stream of articles in publication order: JSONL (one per line: `text`, and optionally
    /// `id`, `title`, `date` or `published`), web archives (.warc, .warc.gz), feeds, files or
    /// directories, read in the order given.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Skip articles larger than this many bytes.
    #[arg(long, default_value_t = 10_000_000)]
    max_article_bytes: u64,
    /// Set a clustering parameter, `name=value` (repeatable; see README).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Only problems that change the exit code.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    #[command(flatten)]
    cluster: Args,
    /// Print the scores as one JSON object.
    #[arg(long)]
    json: bool,
}

/// Lines handed to the worker threads at a time.
const CHUNK: usize = 2048;
/// Date problems shown one by one before only counting them.
const MAX_DATE_MESSAGES: usize = 20;

/// One article of the stream, parsed and with its features.
struct Item {
    place: String,
    id: String,
    /// The input named the id (not the reader's default for a line or file).
    given_id: bool,
    /// [`text_fingerprint`] of the text.
    fingerprint: u64,
    date: Option<String>,
    gold: Option<String>,
    features: Features,
    /// The day it was clustered at (set when it is).
    day: i64,
}

/// Clustering parameters: the defaults with each `--param name=value` applied.
pub fn params(given: &[String]) -> Result<Params> {
    let mut p = Params::default();
    for g in given {
        let (k, v) = super::parse_param(g)?;
        p.set(&k, v).map_err(|e| anyhow!(e))?;
    }
    Ok(p)
}

/// The gold label of a line, if it has a `cluster` field (string or number).
fn gold_label(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Gold {
        cluster: Option<serde_json::Value>,
    }
    match serde_json::from_str::<Gold>(line).ok()?.cluster? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Cluster the stream of `args.paths`, calling `sink` for every usable article in input order,
/// and return the clusterer as it stands after the last one.
fn cluster_stream(
    args: &Args,
    params: Params,
    rep: &Reporter,
    with_gold: bool,
    mut sink: impl FnMut(&Item, &Assignment, &Clusterer) -> Result<()>,
) -> Result<Clusterer> {
    let limits = Limits {
        max_article_bytes: args.max_article_bytes,
    };
    let mut inputs = Inputs::new(&args.paths, limits, rep);
    let mut clusterer = Clusterer::new(params);
    let mut last_day: Option<i64> = None;
    let mut date_problems = 0usize;
    let today = super::store::today();
    let mut seen = SeenIds::default();
    loop {
        let units = inputs.next_chunk(CHUNK);
        if units.is_empty() {
            break;
        }
        let items: Vec<(Parsed, Option<Item>)> = units
            .into_par_iter()
            .map(|u| {
                let gold = if with_gold {
                    u.line_text().and_then(gold_label)
                } else {
                    None
                };
                let default_id = u.default_id.clone();
                let mut p = u.parse();
                // The text is needed no further than its features.
                let item = p.result.as_mut().ok().map(|a| Item {
                    place: p.place.clone(),
                    features: features(a.title.as_deref(), &a.text),
                    given_id: a.id != default_id,
                    fingerprint: text_fingerprint(&a.text),
                    gold,
                    id: std::mem::take(&mut a.id),
                    date: a.published.take(),
                    day: 0,
                });
                if let Ok(a) = p.result.as_mut() {
                    a.text = String::new();
                }
                (p, item)
            })
            .collect();
        for (parsed, item) in items {
            if parsed.report(rep).is_none() {
                continue;
            }
            let Some(item) = item else { continue };
            if item.given_id && !seen.keep(rep, &item.id, &item.place, item.fingerprint) {
                continue;
            }
            let given = item.date.as_deref().and_then(parse_date).map(|d| d.days());
            // A date more than FUTURE_DAYS after today is a wrong year or order, as `ingest`
            // takes it: placing the article there would end every story before it.
            let usable = given.filter(|&d| d <= today + newsbrief_store::FUTURE_DAYS);
            let future = given.is_some() && usable.is_none();
            let day = match (usable, last_day) {
                (Some(d), _) => d,
                (None, prev) => {
                    date_problems += 1;
                    if date_problems <= MAX_DATE_MESSAGES {
                        let why = match &item.date {
                            Some(d) if future => format!("date {d:?} is in the future"),
                            Some(d) => format!("date {d:?} is not a calendar date"),
                            None => "no date".to_string(),
                        };
                        let placed = if prev.is_some() {
                            "placed at the previous article's date"
                        } else {
                            "placed at the start of the stream"
                        };
                        rep.warn(&item.place, &format!("{why}; {placed}"));
                    }
                    prev.unwrap_or(0)
                }
            };
            last_day = Some(day);
            let assignment = clusterer.add(&item.features, day);
            sink(&Item { day, ..item }, &assignment, &clusterer)?;
        }
    }
    if date_problems > MAX_DATE_MESSAGES {
        rep.note(
            "input",
            &format!(
                "{date_problems} articles without a usable date in all ({} not shown)",
                date_problems - MAX_DATE_MESSAGES
            ),
        );
    }
    Ok(clusterer)
}

pub fn run(args: Args) -> Result<Outcome> {
    let rep = Reporter::new(args.quiet);
    let params = params(&args.params)?;
    let mut out = crate::input::stream_writer();
    let mut lines = Lines::new(params.dormant_days);
    let clusterer = cluster_stream(&args, params, &rep, false, |item, a, c| {
        lines.add(item, a, c, &mut out)
    })?;
    if clusterer.articles() == 0 {
        eprintln!("newsbrief: error: no article could be read");
        return Ok(Outcome::Failed);
    }
    lines.flush(&clusterer, &mut out, true)?;
    out.flush()?;
    Ok(rep.outcome())
}

/// The output lines of `cluster`, printed in stream order as soon as an article's story is
/// final ([`Clusterer::settled`]), so that what is held does not grow with the stream: the
/// articles not printed yet, and the ids of the originals a later copy can still point at.
struct Lines {
    /// Article number, id and original's id of the articles not printed yet, in order.
    pending: VecDeque<(u32, String, Option<String>)>,
    /// The clusterer's copy index, mirrored: day and original of each article in it, in the
    /// order added; it forgets those of more than `window` days before the current article.
    indexed: VecDeque<(i64, u32)>,
    /// Id of each original of an article in the copy index, and how many there point at it.
    originals: HashMap<u32, (String, u32)>,
    window: i64,
    added: u32,
}

impl Lines {
    fn new(window: i64) -> Lines {
        Lines {
            pending: VecDeque::new(),
            indexed: VecDeque::new(),
            originals: HashMap::new(),
            window,
            added: 0,
        }
    }

    fn add(
        &mut self,
        item: &Item,
        a: &Assignment,
        c: &Clusterer,
        out: &mut impl Write,
    ) -> Result<()> {
        let n = self.added;
        self.added += 1;
        let horizon = item.day.saturating_sub(self.window);
        while let Some(&(day, original)) = self.indexed.front() {
            if day >= horizon {
                break;
            }
            self.indexed.pop_front();
            if let Some(e) = self.originals.get_mut(&original) {
                e.1 -= 1;
                if e.1 == 0 {
                    self.originals.remove(&original);
                }
            }
        }
        let original = a.copy_of.unwrap_or(n);
        let copy_of = a.copy_of.map(|o| match self.originals.get(&o) {
            Some(e) => e.0.clone(),
            None => format!("#{o}"), // not reached: a copy is found in the index
        });
        if item.features.signature.is_some() {
            self.indexed.push_back((item.day, original));
            let e = self
                .originals
                .entry(original)
                .or_insert_with(|| (item.id.clone(), 0));
            e.1 += 1;
        }
        self.pending.push_back((n, item.id.clone(), copy_of));
        self.flush(c, out, false)
    }

    /// Print the pending lines whose story is final (all of them at the end of the stream).
    fn flush(&mut self, c: &Clusterer, out: &mut impl Write, all: bool) -> Result<()> {
        while let Some((n, _, _)) = self.pending.front() {
            if !all && !c.settled(*n) {
                break;
            }
            let (n, id, copy_of) = self.pending.pop_front().expect("a front");
            let story = c.story_of(n).expect("every article has a story");
            let mut line = serde_json::json!({ "id": id, "story": story + 1 });
            if let Some(o) = copy_of {
                line["copy_of"] = serde_json::Value::String(o);
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

pub fn run_eval(args: EvalArgs) -> Result<Outcome> {
    let rep = Reporter::new(args.cluster.quiet);
    let params = params(&args.cluster.params)?;
    // Article number and gold label of every labelled article.
    let mut gold: Vec<(u32, String)> = Vec::new();
    let mut unlabeled = 0usize;
    let mut n = 0u32;
    let clusterer = cluster_stream(&args.cluster, params, &rep, true, |item, _, _| {
        match &item.gold {
            Some(g) => gold.push((n, g.clone())),
            None => unlabeled += 1,
        }
        n += 1;
        Ok(())
    })?;
    let labels: Vec<(u32, String)> = gold
        .into_iter()
        .map(|(n, g)| (clusterer.story_of(n).expect("every article has a story"), g))
        .collect();
    if labels.is_empty() {
        return Err(anyhow!(
            "{}: no article has a `cluster` field to score against",
            args.cluster.paths[0].display()
        ));
    }
    if unlabeled > 0 {
        rep.warn(
            &args.cluster.paths[0].display().to_string(),
            &format!("{unlabeled} articles without a `cluster` field are not scored"),
        );
    }
    let s = newsbrief_eval::clusters::score(&labels);
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
    } else {
        println!(
            "articles {}  gold stories {}  predicted stories {}",
            s.items, s.gold_clusters, s.predicted_clusters
        );
        for (name, m) in [("pairwise", s.pairwise), ("BCubed", s.bcubed)] {
            println!(
                "{name:<9} precision {:.4}  recall {:.4}  F1 {:.4}",
                m.precision, m.recall, m.f1
            );
        }
    }
    Ok(rep.outcome())
}
