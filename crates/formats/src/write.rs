//! Renderings of a brief: Markdown for people, JSON for programs.

use std::fmt::Write as _;

use newsbrief_core::Brief;

use crate::wire::{sorted_citations, BriefOut};

/// Options for [`markdown`].
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownOptions {
    /// Add a section on how the brief was made: scores and what cleaning removed.
    pub explain: bool,
    /// The word budget, shown by `explain`.
    pub budget: Option<usize>,
}

/// The brief as Markdown: title, summary with `[n]` citation markers, numbered sources.
pub fn markdown(b: &Brief, opts: MarkdownOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", one_line(&b.title));
    if b.summary.is_empty() {
        out.push_str("_No sentence could be selected._\n");
    }
    for s in &b.summary {
        let marks: String = sorted_citations(s)
            .iter()
            .map(|c| format!("[{}]", c.doc + 1))
            .collect();
        let _ = writeln!(out, "{} {}", one_line(&s.text), marks);
    }
    out.push_str("\n## Sources\n\n");
    for (i, d) in b.documents.iter().enumerate() {
        let a = &d.article;
        let mut parts = vec![format!(
            "**{}**",
            one_line(a.title.as_deref().unwrap_or(&a.id))
        )];
        if let Some(s) = &a.source {
            parts.push(one_line(s));
        }
        if let Some(p) = &a.published {
            parts.push(one_line(p));
        }
        match (&a.url, &a.origin) {
            (Some(u), _) => parts.push(format!("<{}>", one_line(u))),
            (None, Some(f)) => parts.push(format!("`{}`", one_line(f))),
            (None, None) => parts.push(format!("id `{}`", one_line(&a.id))),
        }
        let _ = writeln!(out, "{}. {}", i + 1, parts.join(" · "));
    }
    if opts.explain {
        explain(b, opts, &mut out);
    }
    out
}

fn explain(b: &Brief, opts: MarkdownOptions, out: &mut String) {
    let used: usize = b
        .summary
        .iter()
        .map(|s| s.text.split_whitespace().count())
        .sum();
    let _ = writeln!(out, "\n## How this brief was made\n");
    let _ = write!(out, "Method `{}`; {} words", b.method, used);
    if let Some(n) = opts.budget {
        let _ = write!(out, " of a {n}-word budget");
    }
    out.push_str(".\n\n| # | score | from | also in |\n|---|---:|---|---|\n");
    for (i, s) in b.summary.iter().enumerate() {
        let from = s.origin;
        let also: Vec<String> = s.citations[1..]
            .iter()
            .map(|c| format!("[{}]", c.doc + 1))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {:.3} | [{}] bytes {}..{} | {} |",
            i + 1,
            s.score,
            from.doc + 1,
            from.span.start,
            from.span.end,
            if also.is_empty() {
                "-".to_string()
            } else {
                also.join(" ")
            }
        );
    }
    let _ = writeln!(out, "\n### Removed by cleaning\n");
    let mut any = false;
    for (i, d) in b.documents.iter().enumerate() {
        for r in &d.removed {
            any = true;
            let _ = writeln!(
                out,
                "- [{}] {}: \"{}\"",
                i + 1,
                r.reason.describe(),
                one_line(&r.text)
            );
        }
    }
    if !any {
        out.push_str("Nothing.\n");
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The brief as pretty-printed JSON (the documented schema), with a final newline.
pub fn json(b: &Brief, with_text: bool) -> String {
    let mut s = serde_json::to_string_pretty(&BriefOut::from_brief(b, with_text))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
