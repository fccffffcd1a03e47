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
        // A figure the articles disagree on is flagged, with the number of the disagreement
        // under "Where sources differ".
        let disputed: String = s
            .disputed
            .iter()
            .map(|d| format!(" (sources differ: see {})", d + 1))
            .collect();
        let _ = writeln!(out, "{} {}{}", one_line(&s.text), marks, disputed);
    }
    facts_sections(b, &mut out);
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
        if !a.authors.is_empty() {
            parts.push(format!("by {}", one_line(&a.authors.join(", "))));
        }
        if let Some(p) = &a.published {
            parts.push(one_line(p));
        }
        match (&a.url, &a.origin) {
            (Some(u), _) => parts.push(url_markdown(u)),
            (None, Some(f)) => parts.push(code(f)),
            (None, None) => parts.push(format!("id {}", code(&a.id))),
        }
        let _ = writeln!(out, "{}. {}", i + 1, parts.join(" · "));
    }
    if opts.explain {
        explain(b, opts, &mut out);
    }
    out
}

fn marks(sources: &[usize]) -> String {
    sources.iter().map(|d| format!("[{}]", d + 1)).collect()
}

/// How many items of each facts section Markdown shows (JSON has them all).
const SHOW: usize = 8;

/// How many disagreements Markdown shows: the first (strongest) few.
const SHOW_DISAGREEMENTS: usize = 3;

/// One value of a disagreement: its qualifier, the figure, "(revised)" when it is a newer
/// figure (its article revised its own, or a later article has a grown count), its sources.
fn disagreement_value(v: &newsbrief_core::facts::Value) -> String {
    let q = v
        .qualifier
        .as_deref()
        .map(|q| format!("{q} "))
        .unwrap_or_default();
    let revised = if v.revised { " (revised)" } else { "" };
    format!("{q}{}{revised} {}", one_line(&v.value), marks(&v.sources))
}

fn facts_sections(b: &Brief, out: &mut String) {
    let f = &b.facts;
    if !f.quotes.is_empty() {
        out.push_str("\n## Who said what\n\n");
        for q in f.quotes.iter().take(SHOW) {
            let who = q.speaker.as_deref().unwrap_or("Unattributed");
            let _ = writeln!(
                out,
                "- **{}**: “{}” {}",
                one_line(who),
                one_line(&q.text),
                marks(&q.sources)
            );
        }
    }
    if !f.disagreements.is_empty() {
        out.push_str("\n## Where sources differ\n\n");
        // They come ranked, the surest conflicts first: the few that matter.
        // The first few, and every one a summary sentence points at; numbered as in JSON.
        let pointed = |i: usize| b.summary.iter().any(|s| s.disputed.contains(&i));
        for (i, d) in f.disagreements.iter().enumerate() {
            if i >= SHOW_DISAGREEMENTS && !pointed(i) {
                continue;
            }
            let values: Vec<String> = d.values.iter().map(disagreement_value).collect();
            let _ = writeln!(
                out,
                "{}. {}: {}",
                i + 1,
                one_line(&d.about),
                values.join(" vs ")
            );
        }
    }
    let dated: Vec<_> = f
        .timeline
        .iter()
        .filter(|e| e.resolved.start().is_some())
        .collect();
    if !dated.is_empty() {
        out.push_str("\n## Timeline\n\n");
        // The most carried events, shown in date order.
        let mut top: Vec<usize> = (0..dated.len()).collect();
        top.sort_by(|&a, &b| {
            dated[b]
                .sources
                .len()
                .cmp(&dated[a].sources.len())
                .then(a.cmp(&b))
        });
        top.truncate(SHOW);
        top.sort_unstable();
        for i in top {
            let e = dated[i];
            let when = e.resolved.period().unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}** ({}): {} {}",
                when,
                one_line(&e.when),
                one_line(&e.event),
                marks(&e.sources)
            );
        }
    }
    if !f.unique.is_empty() {
        out.push_str("\n## What each source adds\n\n");
        for u in &f.unique {
            let d = &b.documents[u.doc];
            let line = match (u.copy_of, u.sentences.first()) {
                (Some(c), _) => format!("a near-copy of [{}]", c + 1),
                (None, Some(&s)) => one_line(d.slice(d.sentences[s].span)),
                (None, None) => "nothing the others do not carry".to_string(),
            };
            let _ = writeln!(out, "- [{}] {}", u.doc + 1, line);
        }
    }
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

/// Article text (untrusted) as one line of Markdown that shows exactly that text: white space
/// runs become one space; control, bidirectional-override and other format characters (which
/// can rewrite what a terminal or an editor shows) become `�`; and the characters that would
/// start raw HTML, a link or an entity are backslash-escaped, so nothing in an article renders
/// as markup or becomes a link.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for (at, c) in word.char_indices() {
            match c {
                '<' | '>' | '[' | ']' | '\\' | '`' => {
                    out.push('\\');
                    out.push(c);
                }
                '&' if starts_entity(&word[at + 1..]) => out.push_str("\\&"),
                c if is_hidden(c) => out.push('\u{fffd}'),
                c => out.push(c),
            }
        }
    }
    out
}

/// Text as a Markdown code span, which shows its content literally: one line, without
/// backticks (which would end the span) or hidden characters.
fn code(s: &str) -> String {
    let text: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| match c {
            '`' => '\'',
            c if is_hidden(c) => '\u{fffd}',
            c => c,
        })
        .collect();
    format!("`{text}`")
}

/// Whether text after an `&` would make it an HTML entity reference (`&lt;`, `&#60;`).
fn starts_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// Characters that must not reach a reader's terminal or renderer: control characters and the
/// Unicode format characters that reorder or hide text (bidirectional embeddings, overrides and
/// isolates, among others).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Article text (untrusted) as one line for a terminal: white space runs become one space, and
/// control, bidirectional-override and other hiding characters become `�`, so a title cannot
/// move the cursor, clear the screen or reorder what is shown.
pub fn terminal_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if is_hidden(c) { '\u{fffd}' } else { c })
        .collect()
}

/// A URL as a Markdown link when it is http(s), else as escaped text (never a `javascript:` or
/// other link).
fn url_markdown(url: &str) -> String {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let web = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || is_hidden(c));
    if web {
        format!("<{u}>")
    } else {
        one_line(u)
    }
}

/// The brief as pretty-printed JSON (the documented schema), with a final newline.
pub fn json(b: &Brief, with_text: bool) -> String {
    let s = serde_json::to_string_pretty(&BriefOut::from_brief(b, with_text))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    // `</` written `<\/` (the same JSON string): no `</script>` closes a page that embeds it.
    let mut s = s.replace("</", "<\\/");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disagreement_value_shows_its_qualifier_update_mark_and_sources() {
        let value =
            |q: Option<&str>, v: &str, sources: Vec<usize>, revised| newsbrief_core::facts::Value {
                value: v.to_string(),
                qualifier: q.map(String::from),
                sources,
                sentence: String::new(),
                spans: Vec::new(),
                revised,
            };
        let cases = [
            (value(None, "86", vec![1], false), "86 [2]"),
            (
                value(Some("at least"), "70", vec![0, 2], false),
                "at least 70 [1][3]",
            ),
            (value(None, "87", vec![3], true), "87 (revised) [4]"),
        ];
        for (v, want) in cases {
            assert_eq!(disagreement_value(&v), want);
        }
    }
}
