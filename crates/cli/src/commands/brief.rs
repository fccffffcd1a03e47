//! `newsbrief brief PATH...`

use std::io::Write;

use anyhow::Result;
use newsbrief_core::{analyze, build_brief, build_summary};
use newsbrief_formats::write::{json, markdown, MarkdownOptions};

use crate::input::{collect, Limits};
use crate::report::Reporter;
use crate::{Format, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files (.txt, .md, .html, .htm, .json, .jsonl), directories, or `-` for JSONL on stdin.
    #[arg(required = true)]
    paths: Vec<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    format: Format,
    #[command(flatten)]
    summarize: super::SummarizeArgs,
    /// JSON: add each article's cleaned text, which the byte spans point into.
    #[arg(long)]
    with_text: bool,
    /// Markdown: explain scores, citations and what cleaning removed.
    #[arg(long)]
    explain: bool,
    /// Skip articles larger than this many bytes.
    #[arg(long, default_value_t = 10_000_000)]
    max_article_bytes: u64,
    /// Only report problems that change the exit code.
    /// Leave out quotes, disagreements, timeline, names and what each source adds.
    #[arg(long)]
    pub no_facts: bool,
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(a: Args) -> Result<Outcome> {
    let method = a.summarize.method()?;
    let method = method.get();
    let rep = Reporter::new(a.quiet);
    let articles = collect(
        &a.paths,
        Limits {
            max_article_bytes: a.max_article_bytes,
        },
        &rep,
    );
    if articles.is_empty() {
        eprintln!("newsbrief: error: no article could be read");
        return Ok(Outcome::Failed);
    }
    let story = analyze(articles);
    for d in &story.diagnostics {
        rep.diagnostic(d);
    }
    match story.documents.len() {
        0 => {
            eprintln!("newsbrief: error: no article has any usable sentence");
            return Ok(Outcome::Failed);
        }
        1 => rep.warn(
            story.documents[0]
                .article
                .origin
                .as_deref()
                .unwrap_or("input"),
            "only one article: the brief summarizes it, but no other source can corroborate it",
        ),
        _ => {}
    }
    let brief = if a.no_facts {
        build_summary(story, method, a.summarize.words)
    } else {
        build_brief(story, method, a.summarize.words)
    };
    let text = match a.format {
        Format::Markdown => markdown(
            &brief,
            MarkdownOptions {
                explain: a.explain,
                budget: Some(a.summarize.words),
            },
        ),
        Format::Json => json(&brief, a.with_text),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(rep.outcome())
}
