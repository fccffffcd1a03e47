//! `newsbrief brief PATH...`

use std::io::Write;

use anyhow::Result;
use newsbrief_core::{analyze, build_brief, build_summary, Story, Summarizer};
use newsbrief_formats::write::{json, markdown, MarkdownOptions};

use crate::input::{collect, Limits};
use crate::report::Reporter;
use crate::{Format, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files (text, Markdown, HTML, JSON, JSONL, RSS/Atom/JSON feeds, WARC archives: the content
    /// decides), directories, or `-` for JSONL on stdin.
    #[arg(required = true)]
    paths: Vec<std::path::PathBuf>,
    #[command(flatten)]
    output: Output,
    /// Markdown: explain scores, citations and what cleaning removed.
    #[arg(long)]
    explain: bool,
    /// Skip articles larger than this many bytes.
    #[arg(long, default_value_t = 10_000_000)]
    max_article_bytes: u64,
}

/// How a brief is built and printed: shared by `brief` and `story`.
#[derive(Debug, clap::Args)]
pub struct Output {
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
    #[command(flatten)]
    pub summarize: super::SummarizeArgs,
    /// JSON: add each article's cleaned text, which the byte spans point into.
    #[arg(long)]
    pub with_text: bool,
    /// Leave out quotes, disagreements, timeline, names and what each source adds.
    #[arg(long)]
    pub no_facts: bool,
    /// Only report problems that change the exit code.
    #[arg(short, long)]
    pub quiet: bool,
}

impl Output {
    /// Summarize an analyzed story (with its facts unless `--no-facts`) and render it.
    pub fn render(&self, story: Story, method: &dyn Summarizer, explain: bool) -> String {
        let words = self.summarize.words;
        let brief = if self.no_facts {
            build_summary(story, method, words)
        } else {
            build_brief(story, method, words)
        };
        match self.format {
            Format::Markdown => markdown(
                &brief,
                MarkdownOptions {
                    explain,
                    budget: Some(words),
                },
            ),
            Format::Json => json(&brief, self.with_text),
        }
    }
}

pub fn run(a: Args) -> Result<Outcome> {
    let method = a.output.summarize.method()?;
    let method = method.get();
    let rep = Reporter::new(a.output.quiet);
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
    if let Some(why) = method.refuses(&story) {
        eprintln!("newsbrief: error: {why}");
        return Ok(Outcome::Failed);
    }
    let text = a.output.render(story, method, a.explain);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(rep.outcome())
}
