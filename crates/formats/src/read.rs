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
    #[error("not a readable feed: {0}")]
    Feed(String),
    #[error("not a readable web archive: {0}")]
    Warc(String),
    #[error("{0}, not a format newsbrief reads (text, Markdown, HTML, JSON, JSONL, RSS, Atom, JSON Feed, WARC)")]
    Unsupported(&'static str),
}

/// Input kinds. A file's kind is decided by its content and extension together
/// ([`crate::sniff`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Html,
    /// One article object, or an array of them.
    Json,
    /// One article object per line.
    Jsonl,
    /// RSS, Atom or JSON Feed: one article per entry ([`crate::feed`]).
    Feed,
    /// A web archive, gzipped or not: one article per HTML response ([`crate::warc`]).
    Warc,
}

impl Kind {
    /// The kind a file extension suggests (case-insensitive); `None` for files a directory walk
    /// leaves alone. `gz` is a WARC archive only as `.warc.gz`: see [`Kind::from_file_name`].
    pub fn from_extension(ext: &str) -> Option<Kind> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Kind::Text),
            "md" | "markdown" => Some(Kind::Markdown),
            "html" | "htm" | "xhtml" => Some(Kind::Html),
            "json" => Some(Kind::Json),
            "jsonl" | "ndjson" => Some(Kind::Jsonl),
            "rss" | "atom" | "xml" => Some(Kind::Feed),
            "warc" => Some(Kind::Warc),
            _ => None,
        }
    }

    /// The kind a file name suggests: its extension, and `.warc.gz` for gzipped archives.
    pub fn from_file_name(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".warc.gz") {
            return Some(Kind::Warc);
        }
        let (_, ext) = lower.rsplit_once('.')?;
        Kind::from_extension(ext)
    }
}

/// Parse one article of `kind`. `id` is the default id (the file stem) when the content does
/// not name one. JSONL, feeds and archives hold many: read them with [`parse_jsonl_article`]
/// per line, [`crate::feed::parse_feed`] and [`crate::warc::Pages`]; a JSON array with
/// [`parse_json_articles`].
pub fn parse_article(kind: Kind, text: &str, id: &str) -> Result<Article, FormatError> {
    match kind {
        Kind::Text | Kind::Markdown => Ok(parse_text(text, id, kind == Kind::Markdown)),
        Kind::Html => crate::html::parse_html(text, id),
        Kind::Json => {
            let v: serde_json::Value =
                serde_json::from_str(text).map_err(|e| FormatError::Json(e.to_string()))?;
            article_from_value(v, id)
        }
        Kind::Jsonl => parse_jsonl_article(text.lines().next().unwrap_or(""), id),
        Kind::Feed | Kind::Warc => Err(FormatError::WrongType {
            field: "input",
            expected: "one article (feeds and archives hold many)",
        }),
    }
}

/// A JSON document: one article object, or an array of them (a JSON export). Each article of
/// an array is named `id:N` (N from 1) when it has no id; a bad item fails alone.
pub fn parse_json_articles(
    text: &str,
    id: &str,
) -> Result<Vec<Result<Article, FormatError>>, FormatError> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| FormatError::Json(e.to_string()))?;
    match v {
        serde_json::Value::Array(items) => Ok(items
            .into_iter()
            .enumerate()
            .map(|(i, item)| article_from_value(item, &format!("{id}:{}", i + 1)))
            .collect()),
        v => Ok(vec![article_from_value(v, id)]),
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
        language: opt_string(&v, "language")?
            .or(opt_string(&v, "lang")?)
            .and_then(|l| language_tag(&l)),
        origin: None,
        text,
    })
}

/// A language tag in its usual form (`en`, `en-GB`; `en_GB` as Open Graph writes it becomes
/// `en-GB`); `None` for what is not one.
pub fn language_tag(raw: &str) -> Option<String> {
    let t = raw.trim().replace('_', "-");
    let mut parts = t.split('-');
    let primary = parts.next()?;
    let ok_primary =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    let ok_rest =
        parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !(ok_primary && ok_rest) {
        return None;
    }
    let mut out = primary.to_ascii_lowercase();
    for p in t.split('-').skip(1) {
        out.push('-');
        // Regions are upper case (GB), scripts title case (Latn), as BCP 47 writes them.
        match p.len() {
            2 => out.push_str(&p.to_ascii_uppercase()),
            4 => {
                out.push_str(&p[..1].to_ascii_uppercase());
                out.push_str(&p[1..].to_ascii_lowercase());
            }
            _ => out.push_str(&p.to_ascii_lowercase()),
        }
    }
    Some(out)
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
            "language" | "lang" => &mut a.language,
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
    a.language = a.language.as_deref().and_then(language_tag);
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
    fn language_tags() {
        for (raw, want) in [
            ("en", Some("en")),
            (" EN-gb ", Some("en-GB")),
            ("en_US", Some("en-US")),
            ("zh-hant-tw", Some("zh-Hant-TW")),
            ("english", None),
            ("", None),
            ("e", None),
            ("en-", None),
        ] {
            assert_eq!(language_tag(raw).as_deref(), want, "{raw}");
        }
        let a = parse_jsonl_article(r#"{"text": "T.", "lang": "de_AT"}"#, "d").unwrap();
        assert_eq!(a.language.as_deref(), Some("de-AT"));
        let a = parse_article(
            Kind::Text,
            "Title: T\nLanguage: fr\n\nLe barrage a lach\u{e9}.",
            "f",
        )
        .unwrap();
        assert_eq!(a.language.as_deref(), Some("fr"));
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
