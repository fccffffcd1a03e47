//! `newsbrief batch DATA.jsonl`: one JSON line per cluster, in input order, streaming, on every
//! core. Also the cluster stream that `eval` uses. A cluster id given twice keeps its first
//! cluster ([`super::ids`]).

use std::fs::File;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsbrief_core::text::text_fingerprint;
use newsbrief_core::{analyze, build_summary, Article, Brief, Severity, Summarizer};
use newsbrief_formats::wire::BatchLine;
use newsbrief_formats::{parse_cluster_line, Cluster};
use rayon::prelude::*;

use super::ids::SeenIds;
use crate::input::LineChunks;
use crate::report::Reporter;
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Benchmark JSONL: one `{"id", "documents": [str], "references": [str]}` per line.
    data: PathBuf,
    #[command(flatten)]
    summarize: super::SummarizeArgs,
    /// Skip documents larger than this many bytes.
    #[arg(long, default_value_t = 10_000_000)]
    max_article_bytes: u64,
    /// No progress bar, and only problems that change the exit code.
    #[arg(short, long)]
    quiet: bool,
}

/// Clusters handed to the worker threads at a time: bounds memory whatever the file size.
const CHUNK: usize = 512;
/// Clusters read at a time on the calling thread: one, so that each cluster's memory is freed
/// and reused for the next instead of a chunk's worth being held (and faulted in) at once.
const CHUNK_ONE_THREAD: usize = 1;
/// Individual messages about documents inside clusters before only counting them.
const MAX_DOC_MESSAGES: usize = 20;
/// Inputs smaller than this run on the calling thread unless `--threads` asks for more: they
/// take about a tenth of a second on one core, and a second thread would cost more CPU time
/// than it saves wall time (each thread stems and memoises the same words again, and the pool
/// has to start and wake its workers). Measured in `bench/RESULTS.md` ("Sixth speed pass").
const PARALLEL_FROM_BYTES: u64 = 4 << 20;

/// Whether to spread an input of `size` bytes over worker threads, given `--threads`. A size of
/// 0 is unknown (a pipe): it may be long.
pub fn parallel(threads: Option<u16>, size: u64) -> bool {
    match threads {
        Some(n) => n > 1,
        None => size == 0 || size >= PARALLEL_FROM_BYTES,
    }
}

/// Reports problems with documents inside clusters: the first few in full, then a count.
#[derive(Debug, Default)]
pub struct DocProblems {
    shown: AtomicUsize,
    skipped: AtomicUsize,
    duplicates: AtomicUsize,
    single: AtomicUsize,
}

impl DocProblems {
    fn report(
        &self,
        rep: &Reporter,
        place: &str,
        brief_docs: usize,
        diags: &[newsbrief_core::Diagnostic],
    ) {
        for d in diags {
            match d.severity {
                Severity::Note => {
                    self.duplicates.fetch_add(1, Ordering::Relaxed);
                }
                Severity::Warning | Severity::Skipped => {
                    if d.severity == Severity::Skipped {
                        self.skipped.fetch_add(1, Ordering::Relaxed);
                    }
                    let at = format!("{place}: document {}", d.input + 1);
                    if self.shown.fetch_add(1, Ordering::Relaxed) < MAX_DOC_MESSAGES {
                        if d.severity == Severity::Skipped {
                            rep.skipped(&at, &d.message);
                        } else {
                            rep.warn(&at, &d.message);
                        }
                    } else if d.severity == Severity::Skipped {
                        // Counted, and still raises the exit code.
                        rep.skipped_silently();
                    }
                }
            }
        }
        if brief_docs == 1 {
            self.single.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn finish(&self, rep: &Reporter, place: &str) {
        let shown = self.shown.load(Ordering::Relaxed);
        if shown > MAX_DOC_MESSAGES {
            rep.note(
                place,
                &format!(
                    "{} more document messages not shown",
                    shown - MAX_DOC_MESSAGES
                ),
            );
        }
        let (s, d, one) = (
            self.skipped.load(Ordering::Relaxed),
            self.duplicates.load(Ordering::Relaxed),
            self.single.load(Ordering::Relaxed),
        );
        if s + d + one > 0 {
            rep.note(
                place,
                &format!("{s} document(s) skipped as unusable, {d} duplicate document(s) skipped, {one} cluster(s) with a single usable document"),
            );
        }
    }
}

/// What summarizing a cluster takes besides its documents, the same for every cluster of a
/// run (`batch` and `eval`): the method and budget, and where problems with documents go.
pub struct ClusterSummarizer<'a> {
    method: &'a dyn Summarizer,
    words: usize,
    /// Documents above this many bytes are skipped (`--max-article-bytes`).
    pub max_article_bytes: u64,
    rep: &'a Reporter,
    problems: &'a DocProblems,
}

impl<'a> ClusterSummarizer<'a> {
    pub fn new(
        method: &'a dyn Summarizer,
        words: usize,
        rep: &'a Reporter,
        problems: &'a DocProblems,
    ) -> Self {
        ClusterSummarizer {
            method,
            words,
            max_article_bytes: 10_000_000,
            rep,
            problems,
        }
    }

    /// Summarize one cluster (at `place` in its file). Document ids are their 1-based numbers
    /// in the cluster.
    pub fn summarize(&self, documents: Vec<String>, place: &str) -> Brief {
        // The documents' texts move into the articles: no copy of a cluster's text.
        let articles = documents
            .into_iter()
            .enumerate()
            .filter(|(i, text)| {
                let fits = text.len() as u64 <= self.max_article_bytes;
                if !fits {
                    self.rep.skipped(
                        &format!("{place}: document {}", i + 1),
                        &format!(
                            "{} bytes, above the limit of {} (--max-article-bytes)",
                            text.len(),
                            self.max_article_bytes
                        ),
                    );
                }
                fits
            })
            .map(|(i, text)| Article {
                id: (i + 1).to_string(),
                text,
                ..Default::default()
            })
            .collect();
        let story = analyze(articles);
        self.problems
            .report(self.rep, place, story.documents.len(), &story.diagnostics);
        // A method that cannot take this story (the submodular one past its size) gives an
        // empty summary; it is said, not left silent.
        if let Some(why) = self.method.refuses(&story) {
            self.rep.skipped(place, &why);
        }
        build_summary(story, self.method, self.words)
    }
}

/// Stream the clusters of `path` in chunks, process each chunk with `work` (in parallel when
/// [`parallel`] says so for `threads` and the file's size; one cluster at a time otherwise),
/// and hand results to `sink` in input order. Lines that are not clusters are reported and
/// skipped.
pub fn stream_clusters<T: Send>(
    path: &Path,
    rep: &Reporter,
    quiet: bool,
    threads: Option<u16>,
    work: impl Fn(Cluster, &str) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<()>,
) -> Result<usize> {
    let place = path.display().to_string();
    let file = File::open(path).with_context(|| format!("cannot open {place}"))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let spread = parallel(threads, total);
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let b = ProgressBar::new(total);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {per_sec} eta {eta}")
        {
            b.set_style(style);
        }
        Some(b)
    } else {
        None
    };
    let mut chunks = LineChunks::new(crate::input::stream_reader(file), &place);
    let mut done = 0usize;
    let per_chunk = if spread { CHUNK } else { CHUNK_ONE_THREAD };
    loop {
        let (lines, read_bytes) = chunks.next_chunk(per_chunk, rep)?;
        if lines.is_empty() {
            break;
        }
        let chunk: Vec<(usize, Cluster)> = lines
            .into_iter()
            .filter_map(|(n, text)| match parse_cluster_line(&text, n) {
                Ok(c) => Some((n, c)),
                Err(e) => {
                    rep.skipped(&format!("{place}:{n}"), &e.to_string());
                    None
                }
            })
            .collect();
        let run = |(n, c): (usize, Cluster)| work(c, &format!("{place}:{n}"));
        let results: Vec<T> = if spread {
            chunk.into_par_iter().map(run).collect()
        } else {
            chunk.into_iter().map(run).collect()
        };
        done += results.len();
        for r in results {
            sink(r)?;
        }
        if let Some(b) = &bar {
            b.inc(read_bytes);
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(done)
}

pub fn run(a: Args, threads: Option<u16>) -> Result<Outcome> {
    let method = a.summarize.method()?;
    let method = method.get();
    let rep = Reporter::new(a.quiet);
    let problems = DocProblems::default();
    let mut out = crate::input::stream_writer();
    let mut summarizer = ClusterSummarizer::new(method, a.summarize.words, &rep, &problems);
    summarizer.max_article_bytes = a.max_article_bytes;
    // A cluster id given twice keeps its first cluster.
    let mut seen = SeenIds::default();
    let n = stream_clusters(
        &a.data,
        &rep,
        a.quiet,
        threads,
        |c, place| {
            let fingerprint = cluster_fingerprint(&c.documents);
            let brief = summarizer.summarize(c.documents, place);
            let mut line =
                serde_json::to_string(&BatchLine::from_brief(&c.id, &brief)).unwrap_or_default();
            line.push('\n');
            (c.id, place.to_string(), fingerprint, line)
        },
        |(id, place, fingerprint, line)| {
            if seen.keep(&rep, &id, &place, fingerprint) {
                out.write_all(line.as_bytes())?;
            }
            Ok(())
        },
    )?;
    out.flush()?;
    problems.finish(&rep, &a.data.display().to_string());
    if n == 0 {
        eprintln!(
            "newsbrief: error: {}: no cluster could be read",
            a.data.display()
        );
        return Ok(Outcome::Failed);
    }
    Ok(rep.outcome())
}

/// A fingerprint of a cluster's documents, in order ([`text_fingerprint`] of each).
fn cluster_fingerprint(documents: &[String]) -> u64 {
    documents.iter().fold(documents.len() as u64, |h, d| {
        h.rotate_left(17) ^ text_fingerprint(d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_inputs_stay_on_one_thread_unless_threads_are_asked_for() {
        assert!(!parallel(None, 1_080_000));
        assert!(!parallel(None, PARALLEL_FROM_BYTES - 1));
        assert!(parallel(None, PARALLEL_FROM_BYTES));
        assert!(parallel(None, 22_000_000));
        // A pipe's size is unknown: it may be long.
        assert!(parallel(None, 0));
        assert!(parallel(Some(2), 1_000));
        assert!(!parallel(Some(1), 22_000_000));
    }
}
