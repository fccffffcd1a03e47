//! `newsbrief ingest PATH...`, `newsbrief stories`, `newsbrief story ID`: articles kept in a
//! store (see the `newsbrief-store` crate), grouped into stories as they arrive.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use newsbrief_core::facts::time::{parse_date, Date};
use newsbrief_core::{analyze, Article};
use newsbrief_formats::write::terminal_line;
use newsbrief_store::{
    brief_key, identify, Added, Ingest, NewArticle, Store, StoryRow, FUTURE_DAYS,
};
use rayon::prelude::*;

use crate::input::{self, Inputs, Limits, Unit};
use crate::report::Reporter;
use crate::Outcome;

/// Default store file.
const DEFAULT_DB: &str = "newsbrief.db";
/// Problems of one kind shown one by one before only counting them.
const MAX_MESSAGES: usize = 20;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files (text, Markdown, HTML, JSON, feeds), streams in publication order (JSONL, one
    /// article per line; WARC archives), directories, or `-` for JSONL on stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The store file; created if it does not exist.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Set a clustering parameter, `name=value` (repeatable; only when the store is created).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Articles per transaction: a crash loses at most the batch in progress.
    #[arg(long, default_value_t = 2048, value_parser = clap::value_parser!(u64).range(1..))]
    batch_size: u64,
    /// Format of the line printed per new or changed story.
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
    /// Skip articles larger than this many bytes.
    #[arg(long, default_value_t = 10_000_000)]
    max_article_bytes: u64,
    /// Only report problems that change the exit code.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct StoriesArgs {
    /// The store file.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Only stories with an article on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
}

#[derive(Debug, clap::Args)]
pub struct StoryArgs {
    /// Story id, as `newsbrief stories` lists it.
    id: u32,
    /// The store file.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    #[command(flatten)]
    output: super::brief::Output,
}

/// A story's first or last date as shown: `undated` when it has no dated article.
fn day_string(day: Option<i64>) -> String {
    day.map_or_else(|| "undated".to_string(), |d| Date::from_days(d).to_string())
}

/// A warning for a publication `day` more than [`FUTURE_DAYS`] after `today`: kept as given,
/// but likely a wrong date (a wrong year, a day and month read the other way), so the
/// article is stored as undated (see [`newsbrief_store::NewArticle::prepare`]).
fn future_date(day: i64, today: i64) -> Option<String> {
    (day > today + FUTURE_DAYS).then(|| {
        format!(
            "publication date {} is {} days after the day of ingest ({}); kept as given, \
             placed in time as an undated article, check it",
            Date::from_days(day),
            day - today,
            Date::from_days(today)
        )
    })
}

/// Today (UTC) in days since 1970-01-01: where the clusterer places undated articles when no
/// dated one came before them (never shown).
pub(crate) fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    (secs / 86_400) as i64
}

/// What one ingest run did, for its report.
#[derive(Default)]
struct Tally {
    stored: usize,
    duplicates: usize,
    copies: usize,
    undated: usize,
    /// Articles dated implausibly far after the day of ingest.
    future: usize,
    /// Stories that this run started or changed.
    stories: BTreeMap<u32, StoryTally>,
    /// Stories absorbed by others in this run.
    absorbed: usize,
}

/// What one ingest run did to one story.
#[derive(Default)]
struct StoryTally {
    /// Started in this run.
    new: bool,
    /// Articles added in this run (those of stories it absorbed included).
    added: usize,
    /// Stories it absorbed in this run, in order.
    absorbed: Vec<u32>,
}

/// One article read from the input, with where it came from.
struct Pending {
    place: String,
    article: Article,
}

struct Run<'a> {
    ingest: Ingest,
    rep: &'a Reporter,
    today: i64,
    batch_size: usize,
    limits: Limits,
    tally: Tally,
}

impl Run<'_> {
    /// Prepare (in parallel) and store a batch, in the order given.
    fn store(&mut self, batch: Vec<Pending>) -> Result<()> {
        let today = self.today;
        let prepared: Vec<(String, NewArticle)> = batch
            .into_par_iter()
            .map(|p| (p.place, NewArticle::prepare(p.article, today)))
            .collect();
        let (places, articles): (Vec<String>, Vec<NewArticle>) = prepared.into_iter().unzip();
        let added = self.ingest.add_batch(&articles)?;
        for ((place, a), result) in places.iter().zip(&articles).zip(added) {
            match result {
                Added::Duplicate { of, by, differs } => {
                    self.tally.duplicates += 1;
                    if differs {
                        self.rep.skipped(
                            place,
                            &format!(
                                "id {of:?} is already in the store with another text; the stored version was kept"
                            ),
                        );
                    } else if by != "id" {
                        self.rep.note(
                            place,
                            &format!("same {by} as stored article {of:?}; not added again"),
                        );
                    }
                }
                Added::Stored {
                    story,
                    new_story,
                    copy_of,
                    absorbed,
                } => {
                    self.tally.stored += 1;
                    self.tally.copies += usize::from(copy_of.is_some());
                    let future = a
                        .published
                        .as_deref()
                        .and_then(parse_date)
                        .and_then(|d| future_date(d.days(), self.today));
                    if let Some(why) = future {
                        self.tally.future += 1;
                        if self.tally.future <= MAX_MESSAGES {
                            self.rep.warn(place, &why);
                        }
                    } else if a.undated {
                        self.tally.undated += 1;
                        if self.tally.undated <= MAX_MESSAGES {
                            let why = match &a.published {
                                Some(d) => format!("date {d:?} is not a calendar date"),
                                None => "no publication date".to_string(),
                            };
                            self.rep.warn(place, &format!("{why}; kept undated"));
                        }
                    }
                    // What this run added to an absorbed story now counts for its absorber.
                    let moved: Vec<StoryTally> = absorbed
                        .iter()
                        .filter_map(|gone| self.tally.stories.remove(gone))
                        .collect();
                    self.tally.absorbed += absorbed.len();
                    let entry = self.tally.stories.entry(story).or_default();
                    entry.new |= new_story;
                    entry.added += 1 + moved.iter().map(|m| m.added).sum::<usize>();
                    entry.absorbed.extend(absorbed);
                }
            }
        }
        Ok(())
    }

    /// Every input, in batches: streams (JSONL, web archives) in their order as they are read;
    /// single articles (files, feed entries) at the end, in publication order (undated last,
    /// then by place).
    fn read(&mut self, paths: &[PathBuf]) -> Result<()> {
        let mut inputs = Inputs::new(paths, self.limits, self.rep);
        let mut singles: Vec<(Option<i64>, Pending)> = Vec::new();
        loop {
            let units = inputs.next_chunk(self.batch_size);
            if units.is_empty() {
                break;
            }
            let (stream, single): (Vec<Unit>, Vec<Unit>) =
                units.into_iter().partition(Unit::in_stream);
            let stream = self.parse(stream);
            if !stream.is_empty() {
                self.store(stream)?;
            }
            for p in self.parse(single) {
                let day = p.article.published.as_deref().and_then(parse_date);
                singles.push((day.map(|d| d.days()), p));
            }
        }
        singles.sort_by(|a, b| {
            (a.0.is_none(), a.0, &a.1.place).cmp(&(b.0.is_none(), b.0, &b.1.place))
        });
        let mut batch = Vec::new();
        for (_, p) in singles {
            batch.push(p);
            if batch.len() >= self.batch_size {
                self.store(std::mem::take(&mut batch))?;
            }
        }
        if !batch.is_empty() {
            self.store(batch)?;
        }
        Ok(())
    }

    /// Parse units on every core, reporting those that fail. An article the input does not
    /// name is named by its path (a file), else its url, else a fingerprint of its text.
    fn parse(&self, units: Vec<Unit>) -> Vec<Pending> {
        let parsed: Vec<_> = units
            .into_par_iter()
            .map(|u| (u.default_id.clone(), u.is_file(), u.parse()))
            .collect();
        let mut out = Vec::with_capacity(parsed.len());
        for (default_id, file, p) in parsed {
            let Some(mut article) = p.report(self.rep) else {
                continue;
            };
            let place = article.origin.clone().unwrap_or_default();
            if file && article.id == default_id {
                article.id = place.clone();
            } else {
                identify(&mut article, &default_id);
            }
            out.push(Pending { place, article });
        }
        out
    }
}

fn story_json(s: &StoryRow) -> serde_json::Value {
    let mut v = serde_json::json!({
        "id": s.id,
        "headline": s.headline,
        "articles": s.articles,
        "sources": s.sources,
        "first": s.first_day.map(|d| Date::from_days(d).to_string()),
        "last": s.last_day.map(|d| Date::from_days(d).to_string()),
    });
    if s.has_undated {
        v["undated_articles"] = serde_json::Value::Bool(true);
    }
    v
}

pub fn run_ingest(a: IngestArgs) -> Result<Outcome> {
    let rep = Reporter::new(a.quiet);
    // Without --param, an existing store keeps its own parameters.
    let params = if a.params.is_empty() {
        None
    } else {
        Some(super::cluster::params(&a.params)?)
    };
    let ingest = Ingest::open(&a.db, params.as_ref())?;
    let mut run = Run {
        ingest,
        rep: &rep,
        today: today(),
        batch_size: a.batch_size as usize,
        limits: Limits {
            max_article_bytes: a.max_article_bytes,
        },
        tally: Tally::default(),
    };
    run.read(&a.paths)?;
    let Run {
        mut ingest, tally, ..
    } = run;
    let (articles, stories) = ingest.store().counts()?;
    ingest.checkpoint()?;

    // The stories this run started or changed, looked up one by one (a long stream changes
    // more of them than should be held at once).
    let mut out = input::stream_writer();
    for (id, t) in &tally.stories {
        let Some(s) = ingest.store().story(*id)? else {
            continue;
        };
        let s = &s;
        let status = if t.new { "new" } else { "changed" };
        match a.format {
            ListFormat::Json => {
                let mut v = story_json(s);
                v["status"] = serde_json::Value::String(status.into());
                v["added"] = serde_json::Value::from(t.added);
                v["absorbed"] = serde_json::Value::from(t.absorbed.clone());
                writeln!(out, "{v}")?;
            }
            ListFormat::Text => {
                let absorbed = if t.absorbed.is_empty() {
                    String::new()
                } else {
                    let ids: Vec<String> = t.absorbed.iter().map(u32::to_string).collect();
                    format!(", absorbed story {}", ids.join(", "))
                };
                writeln!(
                    out,
                    "{status:<7} story {id:<6} {:>4} articles (+{}{absorbed})  {} .. {}  {}",
                    s.articles,
                    t.added,
                    day_string(s.first_day),
                    day_string(s.last_day),
                    terminal_line(&s.headline)
                )?
            }
        }
    }
    out.flush()?;
    let mut summary = format!(
        "{} articles added ({} near-copies) to {} stories ({} new); {} already stored",
        tally.stored,
        tally.copies,
        tally.stories.len(),
        tally.stories.values().filter(|s| s.new).count(),
        tally.duplicates,
    );
    if tally.absorbed > 0 {
        summary.push_str(&format!(
            "; {} stories of one article absorbed by stories that grew to match them",
            tally.absorbed
        ));
    }
    if tally.future > 0 {
        summary.push_str(&format!(
            "; {} dated more than {FUTURE_DAYS} days after today",
            tally.future
        ));
    }
    if tally.undated > 0 {
        summary.push_str(&format!(
            "; {} without a usable date, kept undated",
            tally.undated
        ));
    }
    summary.push_str(&format!(
        ". The store holds {articles} articles in {stories} stories."
    ));
    rep.note(&a.db.display().to_string(), &summary);
    Ok(rep.outcome())
}

pub fn run_stories(a: StoriesArgs) -> Result<Outcome> {
    let since = match &a.since {
        None => None,
        Some(s) => Some(
            parse_date(s)
                .ok_or_else(|| anyhow!("--since {s:?} is not a date (YYYY-MM-DD)"))?
                .days(),
        ),
    };
    let store = Store::open_for_reading(&a.db)?;
    let stories = store.stories(since)?;
    let mut out = input::stream_writer();
    match a.format {
        ListFormat::Json => {
            let all: Vec<serde_json::Value> = stories.iter().map(story_json).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
        }
        ListFormat::Text => {
            writeln!(
                out,
                "{:>6}  {:>8}  {:>7}  {:<10}  {:<10}  HEADLINE",
                "ID", "ARTICLES", "SOURCES", "FIRST", "LAST"
            )?;
            for s in &stories {
                writeln!(
                    out,
                    "{:>6}  {:>8}  {:>7}  {:<10}  {:<10}  {}{}",
                    s.id,
                    s.articles,
                    s.sources.len(),
                    day_string(s.first_day),
                    day_string(s.last_day),
                    terminal_line(&s.headline),
                    if s.has_undated {
                        "  (some undated)"
                    } else {
                        ""
                    }
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Ok)
}

pub fn run_story(a: StoryArgs) -> Result<Outcome> {
    let o = &a.output;
    let rep = Reporter::new(o.quiet);
    let method = o.summarize.method()?;
    let store = Store::open_for_reading(&a.db)?;
    let row = store
        .story(a.id)?
        .ok_or_else(|| anyhow!("{}: no story {}", a.db.display(), a.id))?;
    let key = brief_key(
        &format!("{:?}", o.format),
        o.summarize.words,
        &o.summarize.method,
        &o.summarize.params,
        !o.no_facts,
        o.with_text,
    );
    let output = match store.cached_brief(row.id, &key, row.articles)? {
        Some(cached) => cached,
        None => {
            let place = format!("{}: story {}", a.db.display(), row.id);
            let articles = store.story_articles(row.id, &place)?;
            let story = analyze(articles);
            for d in &story.diagnostics {
                rep.diagnostic(d);
            }
            if story.documents.is_empty() {
                return Err(anyhow!(
                    "story {}: no article has any usable sentence",
                    row.id
                ));
            }
            if story.documents.len() == 1 {
                rep.warn(
                    &format!("{}: story {}", a.db.display(), row.id),
                    "only one article: the brief summarizes it, but no other source can corroborate it",
                );
            }
            if let Some(why) = method.get().refuses(&story) {
                return Err(anyhow!("story {}: {why}", row.id));
            }
            let text = a.output.render(story, method.get(), false);
            // A read-only store: the brief is computed, not cached.
            let cached = match store.writable() {
                true => store.save_brief(row.id, &key, row.articles, &text),
                false => Ok(()),
            };
            if let Err(e) = cached {
                rep.warn(store.path(), &format!("brief not cached: {e}"));
            }
            text
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(output.as_bytes())?;
    out.flush()?;
    Ok(rep.outcome())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_more_than_two_days_ahead_is_reported() {
        let today = 20_000;
        for (day, reported) in [
            (today - 400, false),
            (today, false),
            (today + 2, false),
            (today + 3, true),
            (today + 365, true),
        ] {
            assert_eq!(future_date(day, today).is_some(), reported, "{day}");
        }
        let why = future_date(today + 31, today).unwrap();
        assert!(why.contains("31 days after"), "{why}");
    }
}
