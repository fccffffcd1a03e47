//! `newsbrief eval-facts FILE...`: the facts scored against gold annotations.
//!
//! The kind of each file is told by its first line: PolNeAR quotes (`quotes`), TempEval-3 time
//! expressions (`timexes`) or clusters with an injected conflicting figure (`gold` beside
//! `documents`). See ../shared/data/README.md for the formats and `newsbrief_eval::facts` for
//! the matching rules.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use newsbrief_core::facts::time::{find_times, parse_iso, Date, Resolved};
use newsbrief_core::{analyze, build_brief, summarize, Article};
use newsbrief_eval::facts::{
    figure_value, is_calendar_value, is_fragment, locate, overlaps, same_speaker,
};
use serde_json::{json, Value};

use crate::report::Reporter;
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold files: PolNeAR JSONL, TempEval-3 JSONL, or conflicts JSONL.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// List every miss (wrong or missing speaker, wrong value, conflict not found) on stderr.
    #[arg(long)]
    misses: bool,
}

pub fn run(a: Args) -> Result<Outcome> {
    let rep = Reporter::new(false);
    let mut reports = Vec::new();
    for path in &a.files {
        let place = path.display().to_string();
        let f = std::fs::File::open(path).with_context(|| format!("cannot open {place}"))?;
        let mut lines = Vec::new();
        for (i, line) in crate::input::stream_reader(f).lines().enumerate() {
            let line = line.with_context(|| format!("cannot read {place}"))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(&line) {
                Ok(v) => lines.push(v),
                Err(e) => rep.skipped(
                    &format!("{place}:{}", i + 1),
                    &format!("not valid JSON: {e}"),
                ),
            }
        }
        let Some(first) = lines.first() else {
            rep.skipped(&place, "no gold lines");
            continue;
        };
        let report = if first.get("quotes").is_some() {
            quotes(&lines, a.misses)
        } else if first.get("timexes").is_some() {
            times(&lines, a.misses)
        } else if first.get("gold").is_some() && first.get("documents").is_some() {
            conflicts(&lines, a.misses)
        } else {
            rep.skipped(&place, "not a quotes, time or conflicts gold file");
            continue;
        };
        reports.push(json!({"file": place, "scores": report}));
    }
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&reports)?)?;
    } else {
        for r in &reports {
            writeln!(out, "{}", r["file"].as_str().unwrap_or(""))?;
            if let Some(m) = r["scores"].as_object() {
                for (k, v) in m {
                    writeln!(out, "  {k}: {v}")?;
                }
            }
        }
    }
    Ok(if reports.is_empty() {
        Outcome::Failed
    } else {
        rep.outcome()
    })
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn usize_of(v: &Value, key: &str) -> usize {
    v.get(key).and_then(Value::as_u64).unwrap_or(0) as usize
}

fn share(hit: usize, of: usize) -> Value {
    if of == 0 {
        Value::Null
    } else {
        json!((hit as f64 / of as f64 * 10_000.0).round() / 10_000.0)
    }
}

fn miss(on: bool, what: &str) {
    if on {
        let _ = writeln!(std::io::stderr().lock(), "miss: {what}");
    }
}

/// A one-article story and its facts, as `brief` makes them.
fn article_facts(id: &str, text: &str, published: Option<&str>) -> newsbrief_core::Brief {
    let article = Article {
        id: id.to_string(),
        text: text.to_string(),
        published: published.map(str::to_string),
        ..Default::default()
    };
    build_brief(analyze(vec![article]), default_method(), 120)
}

fn default_method() -> &'static dyn newsbrief_core::Summarizer {
    summarize::registry()[0]
}

/// PolNeAR: quote recall and precision, speaker accuracy by kind of gold speaker, fragments.
fn quotes(lines: &[Value], misses: bool) -> Value {
    #[derive(Default)]
    struct Kind {
        found_named: usize,
        right: usize,
    }
    let (mut gold_n, mut found, mut pred_n, mut pred_ok) = (0, 0, 0, 0);
    let (mut with_speaker, mut speaker_ok, mut fragments, mut no_speaker) = (0, 0, 0, 0);
    let mut by_kind: BTreeMap<String, Kind> = BTreeMap::new();
    for line in lines {
        let text = str_of(line, "text");
        let brief = article_facts(
            str_of(line, "id"),
            text,
            line.get("published").and_then(Value::as_str),
        );
        let Some(doc) = brief.documents.first() else {
            continue;
        };
        // Each predicted quote part, located in the original text, with its speaker.
        let mut parts: Vec<((usize, usize), Option<String>)> = Vec::new();
        let mut cursor = 0;
        for q in &brief.facts.quotes {
            for c in &q.spans {
                if let Some(r) = locate(text, doc.slice(c.span), cursor) {
                    cursor = r.0;
                    parts.push((r, q.speaker.clone()));
                }
            }
            cursor = 0;
        }
        let golds: Vec<&Value> = line["quotes"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let contents: Vec<(usize, usize)> = line["contents"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| {
                        Some((p.get(0)?.as_u64()? as usize, p.get(1)?.as_u64()? as usize))
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (r, speaker) in &parts {
            pred_n += 1;
            let ok = golds
                .iter()
                .any(|g| overlaps(*r, (usize_of(g, "start"), usize_of(g, "end"))))
                || contents.iter().any(|c| overlaps(*r, *c));
            if ok {
                pred_ok += 1;
            } else {
                miss(misses, &format!("not a quote: {:?}", &text[r.0..r.1]));
            }
            if let Some(s) = speaker {
                if is_fragment(s) {
                    fragments += 1;
                    miss(misses, &format!("fragment speaker {s:?}"));
                }
            }
        }
        for g in golds {
            gold_n += 1;
            let span = (usize_of(g, "start"), usize_of(g, "end"));
            let Some((_, speaker)) = parts.iter().find(|(r, _)| overlaps(*r, span)) else {
                miss(misses, &format!("quote not found: {:?}", str_of(g, "text")));
                continue;
            };
            found += 1;
            let Some(gold_name) = g.get("speaker_name").and_then(Value::as_str) else {
                continue;
            };
            let kind = str_of(g, "speaker_kind").to_string();
            let k = by_kind.entry(kind.clone()).or_default();
            k.found_named += 1;
            with_speaker += 1;
            match speaker {
                Some(s) if same_speaker(s, gold_name) => {
                    k.right += 1;
                    speaker_ok += 1;
                }
                Some(s) => miss(
                    misses,
                    &format!(
                        "speaker {s:?}, gold {gold_name:?} ({kind}) for {:?}",
                        str_of(g, "text")
                    ),
                ),
                None => {
                    no_speaker += 1;
                    miss(
                        misses,
                        &format!(
                            "no speaker, gold {gold_name:?} ({kind}) for {:?}",
                            str_of(g, "text")
                        ),
                    );
                }
            }
        }
    }
    let mut kinds = serde_json::Map::new();
    for (k, v) in &by_kind {
        kinds.insert(
            k.clone(),
            json!({"quotes": v.found_named, "accuracy": share(v.right, v.found_named)}),
        );
    }
    json!({
        "articles": lines.len(),
        "gold_quotes": gold_n,
        "quote_recall": share(found, gold_n),
        "predicted_quote_parts": pred_n,
        "quote_precision": share(pred_ok, pred_n),
        "speaker_accuracy_all": share(speaker_ok, with_speaker),
        "speaker_accuracy_by_kind": kinds,
        "found_with_gold_speaker": with_speaker,
        "no_speaker": no_speaker,
        "fragment_speakers": fragments,
    })
}

/// The TimeML value of a resolved expression (`1998-08-18`, `1998-W33`, `1998-08`, `1998-Q3`,
/// `1998-SU`, `1998`).
fn timeml(r: Resolved) -> Option<String> {
    match r {
        Resolved::Day(d) => Some(d.to_string()),
        Resolved::Week(monday) => {
            // ISO week: the week's Thursday decides its year.
            let thursday = monday.add_days(3);
            let jan1 = Date::new(thursday.year, 1, 1)?;
            let week = (thursday.days() - jan1.days()) / 7 + 1;
            Some(format!("{:04}-W{week:02}", thursday.year))
        }
        Resolved::Month(y, m) => Some(format!("{y:04}-{m:02}")),
        Resolved::Quarter(y, q) => Some(format!("{y:04}-Q{q}")),
        Resolved::Season(y, s) => Some(format!(
            "{y:04}-{}",
            ["SP", "SU", "FA", "WI"][s as usize % 4]
        )),
        Resolved::Year(y) => Some(format!("{y:04}")),
        Resolved::Relative => None,
    }
}

/// TempEval-3: of the gold DATE expressions with a calendar value, the share a dated
/// expression overlaps (coverage) and, of those, the share whose value is exactly the gold one.
fn times(lines: &[Value], misses: bool) -> Value {
    let (mut gold_n, mut covered, mut right, mut predicted, mut spurious) = (0, 0, 0, 0, 0);
    for line in lines {
        let text = str_of(line, "text");
        let published = parse_iso(str_of(line, "published"));
        let found: Vec<((usize, usize), String)> = find_times(text, published)
            .into_iter()
            .filter_map(|t| Some(((t.start, t.end), timeml(t.resolved)?)))
            .collect();
        let golds: Vec<&Value> = line["timexes"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        for (r, v) in &found {
            predicted += 1;
            if !golds
                .iter()
                .any(|g| overlaps(*r, (usize_of(g, "start"), usize_of(g, "end"))))
            {
                spurious += 1;
                miss(
                    misses,
                    &format!(
                        "{}@{}: dated {:?} as {v}, no gold expression",
                        str_of(line, "id"),
                        r.0,
                        &text[r.0..r.1]
                    ),
                );
            }
        }
        for g in golds {
            let value = str_of(g, "value");
            if str_of(g, "type") != "DATE" || !is_calendar_value(value) {
                continue;
            }
            gold_n += 1;
            let span = (usize_of(g, "start"), usize_of(g, "end"));
            match found.iter().find(|(r, _)| overlaps(*r, span)) {
                Some((_, v)) => {
                    covered += 1;
                    if v == value {
                        right += 1;
                    } else {
                        miss(
                            misses,
                            &format!(
                                "{}@{}: {:?} dated {v}, gold {value}",
                                str_of(line, "id"),
                                span.0,
                                str_of(g, "text")
                            ),
                        );
                    }
                }
                None => miss(
                    misses,
                    &format!(
                        "{}@{}: {:?} ({value}) not dated",
                        str_of(line, "id"),
                        span.0,
                        str_of(g, "text")
                    ),
                ),
            }
        }
    }
    json!({
        "documents": lines.len(),
        "gold_calendar_dates": gold_n,
        "coverage": share(covered, gold_n),
        "value_accuracy": share(right, covered),
        "dated_expressions": predicted,
        "dated_without_gold_expression": spurious,
    })
}

/// Conflicts: recall of the injected figure, and disagreements flagged per cluster.
fn conflicts(lines: &[Value], misses: bool) -> Value {
    let (mut found, mut flagged) = (0, 0);
    for line in lines {
        let docs: Vec<&str> = line["documents"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let articles = docs
            .iter()
            .enumerate()
            .map(|(i, t)| Article {
                id: format!("d{}", i + 1),
                text: t.to_string(),
                ..Default::default()
            })
            .collect();
        let brief = build_brief(analyze(articles), default_method(), 120);
        let gold = &line["gold"];
        let changed_doc = format!("d{}", usize_of(gold, "doc"));
        let (changed, original) = (
            figure_value(str_of(gold, "changed")),
            figure_value(str_of(gold, "original")),
        );
        let id_of = |d: usize| brief.documents.get(d).map_or("", |x| x.article.id.as_str());
        flagged += brief.facts.disagreements.len();
        let hit = brief.facts.disagreements.iter().any(|dis| {
            let has = |want: Option<f64>, doc_ok: &dyn Fn(&str) -> bool| {
                dis.values.iter().any(|v| {
                    figure_value(&v.value) == want && v.sources.iter().any(|&s| doc_ok(id_of(s)))
                })
            };
            has(changed, &|id| id == changed_doc) && has(original, &|id| id != changed_doc)
        });
        if hit {
            found += 1;
        } else {
            miss(
                misses,
                &format!(
                    "{}: {} -> {} {} not flagged",
                    str_of(line, "id"),
                    str_of(gold, "original"),
                    str_of(gold, "changed"),
                    str_of(gold, "word")
                ),
            );
        }
    }
    json!({
        "clusters": lines.len(),
        "recall": share(found, lines.len()),
        "flagged_per_cluster": if lines.is_empty() { Value::Null } else { json!((flagged as f64 / lines.len() as f64 * 100.0).round() / 100.0) },
    })
}
