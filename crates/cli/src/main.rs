//! The `newsbrief` command: argument parsing, files, progress and exit codes. The only crate
//! that prints. Each subcommand lives in `commands/`.
//!
//! Exit codes: 0 all input was used; 1 some input was skipped or could not be read as it was
//! (each case is reported on stderr with its file and line); 2 nothing could be done.

mod commands;
mod input;
mod report;

/// mimalloc instead of the system allocator: the pipeline's many short-lived vectors and its
/// two worker threads cost glibc's malloc 15-25% more time (a 20,000-article brief: 7.4 s
/// against 5.8 s; `batch` of Multi-News validation: 0.96 s against 0.85 s), for some 10-30%
/// more peak memory (bench/RESULTS.md, "Big stories").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Many news articles about one story in, a short cited brief out.
#[derive(Debug, Parser)]
#[command(name = "newsbrief", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Worker threads for `batch`, `eval`, `cluster` and `ingest` (default: one per core;
    /// `batch` and `eval` run inputs under 4 MiB on one thread unless this is given). Output is
    /// the same whatever the number.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Summarize articles about one story (files, directories, or `-` for JSONL on stdin).
    Brief(commands::brief::Args),
    /// Summarize every cluster of a benchmark JSONL file, one JSON line per cluster.
    Batch(commands::batch::Args),
    /// ROUGE-1/2/L/Lsum of summaries against a benchmark file's references.
    Eval(commands::eval::Args),
    /// Assign every article of a dated JSONL stream to a story, one JSON line per article.
    Cluster(commands::cluster::Args),
    /// Pairwise and BCubed precision, recall and F1 of `cluster` against a `cluster` field.
    EvalClusters(commands::cluster::EvalArgs),
    /// Score quotes, speakers, time values and conflicts against gold files (PolNeAR,
    /// TempEval-3, injected conflicts).
    EvalFacts(commands::eval_facts::Args),
    /// Add articles to a store and group them into stories; prints each new or changed story.
    Ingest(commands::store::IngestArgs),
    /// List the stories of a store, the most recent first.
    Stories(commands::store::StoriesArgs),
    /// The brief of one story of a store (recomputed only when its articles changed).
    Story(commands::store::StoryArgs),
    /// Serve the HTTP API and web pages over a store.
    Serve(commands::serve::Args),
    /// List the summarization methods.
    Methods,
}

/// How a run ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Ok = 0,
    Partial = 1,
    Failed = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
        {
            eprintln!("newsbrief: error: cannot start {n} worker threads: {e}");
            return ExitCode::from(Outcome::Failed as u8);
        }
    }
    let result = match cli.command {
        Command::Brief(a) => commands::brief::run(a),
        Command::Batch(a) => commands::batch::run(a, cli.threads),
        Command::Eval(a) => commands::eval::run(a, cli.threads),
        Command::Cluster(a) => commands::cluster::run(a),
        Command::EvalClusters(a) => commands::cluster::run_eval(a),
        Command::EvalFacts(a) => commands::eval_facts::run(a),
        Command::Ingest(a) => commands::store::run_ingest(a),
        Command::Stories(a) => commands::store::run_stories(a),
        Command::Story(a) => commands::store::run_story(a),
        Command::Serve(a) => commands::serve::run(a),
        Command::Methods => {
            for m in newsbrief_core::summarize::registry() {
                let default = if m.name() == newsbrief_core::DEFAULT_METHOD {
                    " (default)"
                } else {
                    ""
                };
                println!("{}{}: {}", m.name(), default, m.describe());
            }
            Ok(Outcome::Ok)
        }
    };
    match result {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(e) => {
            // A closed pipe (`newsbrief ... | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsbrief: error: {e:#}");
            ExitCode::from(Outcome::Failed as u8)
        }
    }
}
