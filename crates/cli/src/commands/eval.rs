//! `newsbrief eval DATA.jsonl [--summaries S.jsonl]`: ROUGE against the references.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use newsbrief_eval::rouge::{mean, score_multi, RougeScores};
use serde::Serialize;

use super::batch::{stream_clusters, ClusterSummarizer, DocProblems};
use crate::report::Reporter;
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Benchmark JSONL with `references`.
    data: PathBuf,
    /// JSONL of `{"id", "summary"}` to score (e.g. `newsbrief batch` output or a peer's). Without
    /// it, newsbrief summarizes the clusters itself first.
    #[arg(long)]
    summaries: Option<PathBuf>,
    #[command(flatten)]
    summarize: super::SummarizeArgs,
    /// Skip documents larger than this many bytes.
    #[arg(long, default_value_t = 10_000_000)]
    max_article_bytes: u64,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Also write each cluster's scores (x100) as JSONL to this file, in input order.
    #[arg(long, value_name = "PATH")]
    per_cluster: Option<PathBuf>,
    /// No progress bar, and only problems that change the exit code.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Serialize)]
struct Report {
    data: String,
    clusters: usize,
    mean_words: f64,
    /// Scores x100: mean over clusters of the mean over each cluster's references.
    rouge1: PointsOut,
    rouge2: PointsOut,
    #[serde(rename = "rougeL")]
    rouge_l: PointsOut,
    #[serde(rename = "rougeLsum")]
    rouge_lsum: PointsOut,
}

#[derive(Debug, Serialize)]
struct PointsOut {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn points(s: newsbrief_eval::Score) -> PointsOut {
    let r = |x: f64| (x * 100.0 * 10_000.0).round() / 10_000.0;
    PointsOut {
        precision: r(s.precision),
        recall: r(s.recall),
        f1: r(s.f1),
    }
}

fn load_summaries(path: &PathBuf, rep: &Reporter) -> Result<HashMap<String, String>> {
    let place = path.display().to_string();
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {place}"))?;
    let mut map = HashMap::new();
    for (i, line) in crate::input::stream_reader(f).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {place}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{place}:{}", i + 1);
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                rep.skipped(&at, &format!("not valid JSON: {e}"));
                continue;
            }
        };
        let id = v.get("id").and_then(|x| {
            x.as_str()
                .map(str::to_string)
                .or_else(|| x.as_i64().map(|n| n.to_string()))
        });
        match (id, v.get("summary").and_then(|s| s.as_str())) {
            (Some(id), Some(s)) => {
                if map.insert(id.clone(), s.to_string()).is_some() {
                    rep.warn(
                        &at,
                        &format!("second summary for id {id:?}; the last one is used"),
                    );
                }
            }
            _ => rep.skipped(&at, "needs string fields `id` and `summary`"),
        }
    }
    Ok(map)
}

pub fn run(a: Args, threads: Option<u16>) -> Result<Outcome> {
    let method = a.summarize.method()?;
    let method = method.get();
    let rep = Reporter::new(a.quiet);
    let given = match &a.summaries {
        Some(p) => Some(load_summaries(p, &rep)?),
        None => None,
    };
    let problems = DocProblems::default();
    let mut per_cluster = match &a.per_cluster {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => None,
    };
    let mut summarizer = ClusterSummarizer::new(method, a.summarize.words, &rep, &problems);
    summarizer.max_article_bytes = a.max_article_bytes;
    let mut scores: Vec<RougeScores> = Vec::new();
    let mut words = 0usize;
    stream_clusters(
        &a.data,
        &rep,
        a.quiet,
        threads,
        |c, place| {
            if c.references.is_empty() {
                rep.skipped(place, &format!("cluster {:?} has no references", c.id));
                return None;
            }
            let summary = match &given {
                Some(map) => match map.get(&c.id) {
                    Some(s) => s.clone(),
                    None => {
                        rep.skipped(place, &format!("no summary with id {:?}", c.id));
                        return None;
                    }
                },
                None => {
                    let b = summarizer.summarize(c.documents, place);
                    b.summary
                        .iter()
                        .map(|s| s.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            };
            let w = summary.split_whitespace().count();
            score_multi(&summary, &c.references).map(|s| (c.id.clone(), s, w))
        },
        |r| {
            if let Some((id, s, w)) = r {
                if let Some(f) = per_cluster.as_mut() {
                    let line = serde_json::json!({
                        "id": id,
                        "words": w,
                        "rouge1": points(s.rouge1),
                        "rouge2": points(s.rouge2),
                        "rougeL": points(s.rouge_l),
                        "rougeLsum": points(s.rouge_lsum),
                    });
                    writeln!(f, "{line}")?;
                }
                scores.push(s);
                words += w;
            }
            Ok(())
        },
    )?;
    if let Some(mut f) = per_cluster {
        f.flush()?;
    }
    problems.finish(&rep, &a.data.display().to_string());
    if scores.is_empty() {
        eprintln!(
            "newsbrief: error: {}: no cluster could be scored",
            a.data.display()
        );
        return Ok(Outcome::Failed);
    }
    let m = mean(&scores);
    let report = Report {
        data: a.data.display().to_string(),
        clusters: scores.len(),
        mean_words: ((words as f64 / scores.len() as f64) * 10.0).round() / 10.0,
        rouge1: points(m.rouge1),
        rouge2: points(m.rouge2),
        rouge_l: points(m.rouge_l),
        rouge_lsum: points(m.rouge_lsum),
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        let source = match &a.summaries {
            Some(p) => format!("summaries {}", p.display()),
            None => format!(
                "newsbrief --method {} --words {}",
                method.name(),
                a.summarize.words
            ),
        };
        println!(
            "{}: {} clusters, {}, mean {} words",
            report.data, report.clusters, source, report.mean_words
        );
        println!("ROUGE x100 (rouge-score compatible, stemmed; mean over clusters of the mean over references)");
        println!("{:<11}{:>9}{:>9}{:>9}", "", "P", "R", "F1");
        for (name, p) in [
            ("ROUGE-1", &report.rouge1),
            ("ROUGE-2", &report.rouge2),
            ("ROUGE-L", &report.rouge_l),
            ("ROUGE-Lsum", &report.rouge_lsum),
        ] {
            println!(
                "{:<11}{:>9.2}{:>9.2}{:>9.2}",
                name, p.precision, p.recall, p.f1
            );
        }
    }
    Ok(rep.outcome())
}
