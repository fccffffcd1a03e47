//! Readers: articles and clusters from text.

use newsbrief_core::Article;
use serde::Deserialize;

/// Why an input could not be read. Messages are for users; the caller adds the file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    #[error("empty input")]
    Empty,
    #[error("binary data, not text")]
    Binary,
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("missing required field `{0}`")]
    Missing(&'static str),
    #[error("field `{field}` must be {expected}")]
    WrongType {
        field: &'static str,
        expected: &'static str,
    },
    #[error("could not extract an article from the HTML: {0}")]
    Html(String),
}

/// Input kinds, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Html,
    Json,
    Jsonl,
}

impl Kind {
    /// The kind for a file extension (case-insensitive); `None` for files to ignore.
    pub fn from_extension(ext: &str) -> Option<Kind> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Kind::Text),
            "md" | "markdown" => Some(Kind::Markdown),
            "html" | "htm" | "xhtml" => Some(Kind::Html),
            "json" => Some(Kind::Json),
            "jsonl" | "ndjson" => Some(Kind::Jsonl),
            _ => None,
        }
    }
}

/// Parse one article of `kind` (not JSONL: use [`parse_jsonl_article`] per line). `id` is the
/// default id (the file stem) when the content does not name one.
pub fn parse_article(kind: Kind, text: &str, id: &str) -> Result<Article, FormatError> {
    match kind {
        Kind::Text | Kind::Markdown => Ok(parse_text(text, id, kind == Kind::Markdown)),
        Kind::Html => parse_html(text, id),
        Kind::Json => {
            let v: serde_json::Value =
                serde_json::from_str(text).map_err(|e| FormatError::Json(e.to_string()))?;
            article_from_value(v, id)
        }
        Kind::Jsonl => parse_jsonl_article(text.lines().next().unwrap_or(""), id),
    }
}

/// Parse one JSONL line holding an article object.
pub fn parse_jsonl_article(line: &str, default_id: &str) -> Result<Article, FormatError> {
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| FormatError::Json(e.to_string()))?;
    article_from_value(v, default_id)
}

fn opt_string(v: &serde_json::Value, field: &'static str) -> Result<Option<String>, FormatError> {
    match v.get(field) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
        // Numbers are accepted as ids ("id": 17).
        Some(serde_json::Value::Number(n)) if field == "id" => Ok(Some(n.to_string())),
        Some(_) => Err(FormatError::WrongType {
            field,
            expected: "a string",
        }),
    }
}

fn article_from_value(v: serde_json::Value, default_id: &str) -> Result<Article, FormatError> {
    if !v.is_object() {
        return Err(FormatError::WrongType {
            field: "line",
            expected: "a JSON object",
        });
    }
    let text = match v.get("text") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => return Err(FormatError::Missing("text")),
        Some(_) => {
            return Err(FormatError::WrongType {
                field: "text",
                expected: "a string",
            })
        }
    };
    Ok(Article {
        id: opt_string(&v, "id")?.unwrap_or_else(|| default_id.to_string()),
        title: opt_string(&v, "title")?,
        source: opt_string(&v, "source")?,
        url: opt_string(&v, "url")?,
        published: opt_string(&v, "published")?.or(opt_string(&v, "date")?),
        authors: authors_field(&v)?,
        origin: None,
        text,
    })
}

/// `authors` as a list of names, or one string of them ("Maria Gonzalez and Tom Reid"); also
/// read from `author`.
fn authors_field(v: &serde_json::Value) -> Result<Vec<String>, FormatError> {
    let field = v.get("authors").or_else(|| v.get("author"));
    match field {
        None | Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(serde_json::Value::String(s)) => Ok(byline(s)),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|i| match i {
                serde_json::Value::String(s) => Ok(s.trim().to_string()),
                _ => Err(FormatError::WrongType {
                    field: "authors",
                    expected: "a list of strings",
                }),
            })
            .filter(|n| n.as_ref().map_or(true, |n| !n.is_empty()))
            .collect(),
        Some(_) => Err(FormatError::WrongType {
            field: "authors",
            expected: "a list of strings or a string",
        }),
    }
}

/// The names of a byline string; the whole string when it names nobody the rules recognise.
fn byline(s: &str) -> Vec<String> {
    let names = newsbrief_core::clean::metadata::names_in_byline(s);
    if names.is_empty() && !s.trim().is_empty() {
        return vec![s.trim().to_string()];
    }
    names
}

/// Plain text or Markdown. A header block of `Key: value` lines at the top (title, source, url,
/// published or date, id) sets metadata; otherwise a first line that looks like a headline (short,
/// no final period, followed by more text) is the title. A Markdown `# Heading` is the title.
fn parse_text(text: &str, id: &str, markdown: bool) -> Article {
    let mut a = Article {
        id: id.to_string(),
        ..Default::default()
    };
    let mut lines = text.lines().peekable();
    let mut header = false;
    while let Some(line) = lines.peek() {
        let Some((k, v)) = line.split_once(':') else {
            break;
        };
        let v = v.trim().to_string();
        let slot = match k.trim().to_ascii_lowercase().as_str() {
            "title" => &mut a.title,
            "source" => &mut a.source,
            "url" => &mut a.url,
            "published" | "date" => &mut a.published,
            "id" => {
                a.id = v;
                lines.next();
                header = true;
                continue;
            }
            _ => break,
        };
        *slot = Some(v).filter(|v| !v.is_empty());
        header = true;
        lines.next();
    }
    let rest: Vec<&str> = lines.collect();
    let mut body_start = 0;
    if a.title.is_none() {
        if let Some((i, first)) = rest.iter().enumerate().find(|(_, l)| !l.trim().is_empty()) {
            let t = first.trim();
            let heading = markdown && t.starts_with('#');
            let t = t.trim_start_matches('#').trim();
            let looks_like_headline = !header
                && t.split_whitespace().count() <= 20
                && !t.ends_with(['.', ',', ';', ':'])
                && rest[i + 1..].iter().any(|l| !l.trim().is_empty());
            if heading || looks_like_headline {
                a.title = Some(t.to_string());
                body_start = i + 1;
            }
        }
    }
    let body: Vec<&str> = rest[body_start..].to_vec();
    a.text = if markdown {
        strip_markdown(&body)
    } else {
        body.join("\n")
    };
    a
}

/// Remove Markdown markup that is not text: heading marks, emphasis, link targets, images.
fn strip_markdown(lines: &[&str]) -> String {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let l = line.trim_start().trim_start_matches('#').trim_start();
        let l = l.strip_prefix("> ").unwrap_or(l);
        let mut s = String::with_capacity(l.len());
        let mut rest = l;
        while let Some(i) = rest.find(['[', '*', '_', '!']) {
            s.push_str(&rest[..i]);
            let tail = &rest[i..];
            if let Some(after) = tail.strip_prefix("![") {
                // Image: drop it, keep nothing of ![alt](url).
                match after
                    .find("](")
                    .and_then(|j| after[j..].find(')').map(|k| j + k))
                {
                    Some(end) => rest = &after[end + 1..],
                    None => {
                        s.push_str("![");
                        rest = after;
                    }
                }
            } else if let Some(after) = tail.strip_prefix('[') {
                // Link: keep the label.
                match after
                    .find("](")
                    .and_then(|j| after[j..].find(')').map(|k| (j, j + k)))
                {
                    Some((j, end)) => {
                        s.push_str(&after[..j]);
                        rest = &after[end + 1..];
                    }
                    None => {
                        s.push('[');
                        rest = after;
                    }
                }
            } else if tail.starts_with("**") || tail.starts_with("__") {
                rest = &tail[2..];
            } else if tail.starts_with('*') && (tail.len() == 1 || !tail[1..].starts_with(' ')) {
                rest = &tail[1..];
            } else {
                let c = tail.chars().next().unwrap_or(' ');
                s.push(c);
                rest = &tail[c.len_utf8()..];
            }
        }
        s.push_str(rest);
        out.push(s);
    }
    out.join("\n")
}

/// HTML: readability-style extraction of the article body (navigation, scripts, comments and
/// widgets dropped), title, site name as source, and the publication time from meta tags.
fn parse_html(html: &str, id: &str) -> Result<Article, FormatError> {
    use dom_smoothie::{Config, Readability, TextMode};
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut r =
        Readability::new(html, None, Some(cfg)).map_err(|e| FormatError::Html(e.to_string()))?;
    let art = r.parse().map_err(|e| FormatError::Html(e.to_string()))?;
    let text = art.text_content.to_string();
    let title = Some(art.title.trim().to_string()).filter(|t| !t.is_empty());
    let lower = html.to_ascii_lowercase();
    let url = meta_content(html, &lower, &["og:url"]).or_else(|| link_canonical(html, &lower));
    Ok(Article {
        id: id.to_string(),
        title,
        source: art.site_name.filter(|s| !s.trim().is_empty()),
        url,
        published: art
            .published_time
            .filter(|s| !s.trim().is_empty())
            .or_else(|| {
                meta_content(
                    html,
                    &lower,
                    &["article:published_time", "date", "pubdate", "publish-date"],
                )
            }),
        // The byline the extractor found, else the author meta tag; only names it recognises.
        authors: art
            .byline
            .as_deref()
            .map(newsbrief_core::clean::metadata::names_in_byline)
            .filter(|n| !n.is_empty())
            .or_else(|| {
                meta_content(html, &lower, &["author", "article:author"])
                    .map(|a| newsbrief_core::clean::metadata::names_in_byline(&a))
            })
            .unwrap_or_default(),
        origin: None,
        text,
    })
}

/// The `content` of the first `<meta property|name="KEY" content="...">` for any key. A small
/// attribute scan, used only for fields the extractor does not return.
/// The tags named `open` (e.g. `<meta`) of a page, as (original, lower-cased) text.
fn tags<'a>(
    html: &'a str,
    lower: &'a str,
    open: &'a str,
) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + lower[from..].find(open)?;
        let end = start + lower[start..].find('>')?;
        from = end;
        Some((&html[start..end], &lower[start..end]))
    })
}

fn meta_content(html: &str, lower: &str, keys: &[&str]) -> Option<String> {
    tags(html, lower, "<meta").find_map(|(tag, tag_l)| {
        let named = keys.iter().any(|key| {
            attr(tag_l, tag, "property").as_deref() == Some(*key)
                || attr(tag_l, tag, "name").as_deref() == Some(*key)
        });
        named
            .then(|| attr(tag_l, tag, "content"))
            .flatten()
            .filter(|c| !c.is_empty())
    })
}

fn link_canonical(html: &str, lower: &str) -> Option<String> {
    tags(html, lower, "<link")
        .find(|(tag, tag_l)| attr(tag_l, tag, "rel").as_deref() == Some("canonical"))
        .and_then(|(tag, tag_l)| attr(tag_l, tag, "href"))
}

fn attr(tag_lower: &str, tag: &str, name: &str) -> Option<String> {
    let pat = format!("{name}=");
    let mut from = 0;
    while let Some(i) = tag_lower[from..].find(&pat) {
        let at = from + i;
        let before_ok = at == 0 || tag_lower.as_bytes()[at - 1].is_ascii_whitespace();
        let v = at + pat.len();
        if before_ok {
            let quote = tag.as_bytes().get(v).copied()?;
            if quote == b'"' || quote == b'\'' {
                let end = tag[v + 1..].find(quote as char)? + v + 1;
                return Some(tag[v + 1..end].trim().to_string());
            }
        }
        from = v;
    }
    None
}

/// One line of the benchmark format: `{"id", "documents": [str], "references": [str]}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Cluster {
    pub id: String,
    pub documents: Vec<String>,
    #[serde(default)]
    pub references: Vec<String>,
}

#[derive(Deserialize)]
struct ClusterLoose {
    id: Option<serde_json::Value>,
    documents: Option<Vec<String>>,
    #[serde(default)]
    references: Option<Vec<String>>,
}

/// Parse a cluster line. `line_no` names the cluster when it has no id.
pub fn parse_cluster_line(line: &str, line_no: usize) -> Result<Cluster, FormatError> {
    let c: ClusterLoose =
        serde_json::from_str(line).map_err(|e| FormatError::Json(e.to_string()))?;
    let documents = c.documents.ok_or(FormatError::Missing("documents"))?;
    let id = match c.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("line{line_no}"),
    };
    Ok(Cluster {
        id,
        documents,
        references: c.references.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_with_headline_first_line() {
        let a = parse_article(
            Kind::Text,
            "Dam Breaks Upriver\n\nThe dam broke on Sunday.",
            "f",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Dam Breaks Upriver"));
        assert_eq!(a.text.trim(), "The dam broke on Sunday.");
        // A first line that is a sentence is not a title.
        let a = parse_article(Kind::Text, "The dam broke on Sunday.\nWater rose.", "f").unwrap();
        assert_eq!(a.title, None);
    }

    #[test]
    fn text_header_block() {
        let a = parse_article(
            Kind::Text,
            "Title: Dam breaks\nSource: Valley Courier\nPublished: 2026-03-01\n\nThe dam broke.",
            "f",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Dam breaks"));
        assert_eq!(a.source.as_deref(), Some("Valley Courier"));
        assert_eq!(a.published.as_deref(), Some("2026-03-01"));
        assert_eq!(a.text.trim(), "The dam broke.");
    }

    #[test]
    fn markdown_markup_is_removed() {
        let a = parse_article(
            Kind::Markdown,
            "# Dam breaks\n\nThe **dam** broke, said [the mayor](http://x.y/z).\n![photo](a.jpg)",
            "f",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Dam breaks"));
        assert_eq!(a.text.trim(), "The dam broke, said the mayor.");
    }

    #[test]
    fn json_article_fields() {
        let a = parse_jsonl_article(
            r#"{"id": 7, "text": "Body.", "title": "T", "published": "2026-01-02"}"#,
            "d",
        )
        .unwrap();
        assert_eq!(
            (a.id.as_str(), a.title.as_deref(), a.published.as_deref()),
            ("7", Some("T"), Some("2026-01-02"))
        );
        assert_eq!(
            parse_jsonl_article(r#"{"title": "T"}"#, "d").unwrap_err(),
            FormatError::Missing("text")
        );
        assert!(matches!(
            parse_jsonl_article("{not json", "d").unwrap_err(),
            FormatError::Json(_)
        ));
        assert!(matches!(
            parse_jsonl_article(r#"{"text": 5}"#, "d").unwrap_err(),
            FormatError::WrongType { .. }
        ));
        assert!(matches!(
            parse_jsonl_article("[1, 2]", "d").unwrap_err(),
            FormatError::WrongType { .. }
        ));
    }

    #[test]
    fn html_body_without_navigation_and_scripts() {
        let html = r#"<html><head><title>Dam breaks | Courier</title>
<meta property="article:published_time" content="2026-03-01T08:00:00Z">
<meta property="og:url" content="https://courier.example/dam"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<script>var tracking = "should not appear";</script>
<article><h1>Dam breaks</h1>
<p>The dam above the valley town of Vell broke early on Sunday, releasing a wall of water that flooded hundreds of homes, officials said.</p>
<p>Rescue crews worked through the night to reach families stranded on rooftops, and the regional governor declared an emergency.</p>
<p>Engineers had warned for years that the structure was weak, according to reports seen by the newspaper this week.</p>
</article><footer>Copyright 2026 Courier</footer></body></html>"#;
        let a = parse_article(Kind::Html, html, "page").unwrap();
        assert!(a
            .text
            .contains("The dam above the valley town of Vell broke"));
        assert!(a.text.contains("Engineers had warned"));
        assert!(!a.text.contains("tracking"));
        assert!(!a.text.contains("Home"));
        assert_eq!(a.published.as_deref(), Some("2026-03-01T08:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://courier.example/dam"));
        assert!(a.title.unwrap().starts_with("Dam breaks"));
    }

    #[test]
    fn cluster_lines() {
        let c = parse_cluster_line(
            r#"{"id": "D1", "documents": ["a", "b"], "references": ["r"]}"#,
            1,
        )
        .unwrap();
        assert_eq!(
            (c.id.as_str(), c.documents.len(), c.references.len()),
            ("D1", 2, 1)
        );
        let c = parse_cluster_line(r#"{"documents": ["a"]}"#, 9).unwrap();
        assert_eq!(c.id, "line9");
        assert_eq!(
            parse_cluster_line(r#"{"id": "x"}"#, 1).unwrap_err(),
            FormatError::Missing("documents")
        );
    }
}
