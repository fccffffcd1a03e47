//! Articles from request bodies and uploads, by the rules the CLI reads files with.
//!
//! A body is a JSON article object, a JSON array of them, or JSONL (one object per line);
//! every item is read on its own, so one bad line is reported (with its number) and the rest
//! are used. Uploaded files are read by extension as `newsbrief brief` reads files (text,
//! Markdown, HTML, JSON, JSONL).

use newsbrief_core::Article;
use newsbrief_formats::{decode, parse_article, parse_jsonl_article, Kind};
use serde::Serialize;

/// An item of the input that was not used, and why.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Rejected {
    /// Where: `line 3`, `item 2` or a file name (with `:line` for JSONL).
    pub at: String,
    pub error: String,
}

/// Articles read, each with where it was, and what was rejected.
#[derive(Debug, Default)]
pub struct Read {
    pub articles: Vec<(String, Article)>,
    pub rejected: Vec<Rejected>,
    /// Give a JSON item that names no id its url, else a fingerprint of its text, as
    /// `newsbrief ingest` does ([`newsbrief_store::identify`]), instead of its place.
    pub identify: bool,
}

impl Read {
    fn reject(&mut self, at: String, error: impl Into<String>) {
        self.rejected.push(Rejected {
            at,
            error: error.into(),
        });
    }

    fn item(&mut self, at: String, json: &str, id: &str, max: usize) {
        if json.len() > max {
            return self.reject(
                at,
                format!(
                    "{} bytes, above the {max}-byte limit per article",
                    json.len()
                ),
            );
        }
        match parse_jsonl_article(json, id) {
            Ok(mut a) => {
                if self.identify {
                    newsbrief_store::identify(&mut a, id);
                }
                self.articles.push((at, a))
            }
            Err(e) => self.reject(at, e.to_string()),
        }
    }
}

/// Articles in a JSON or JSONL body. Ids default to `{prefix}:{n}` (`n` the line or item,
/// from 1).
pub fn body(text: &str, prefix: &str, max: usize, identify: bool) -> Read {
    let mut read = Read {
        identify,
        ..Read::default()
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        read.reject(
            "body".into(),
            "empty body: send a JSON article, an array of them, or JSONL",
        );
        return read;
    }
    if trimmed.starts_with('[') {
        match serde_json::from_str::<Vec<serde_json::Value>>(trimmed) {
            Ok(items) => {
                for (i, v) in items.iter().enumerate() {
                    let n = i + 1;
                    read.item(
                        format!("item {n}"),
                        &v.to_string(),
                        &format!("{prefix}:{n}"),
                        max,
                    );
                }
            }
            Err(e) => read.reject("body".into(), format!("not a JSON array of articles: {e}")),
        }
        return read;
    }
    // One object over several lines (pretty-printed) is one article, not JSONL.
    if trimmed.contains('\n') {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(trimmed) {
            read.item("line 1".into(), &v.to_string(), &format!("{prefix}:1"), max);
            return read;
        }
    }
    jsonl(text, prefix, max, |n| format!("line {n}"), &mut read);
    read
}

fn jsonl(text: &str, prefix: &str, max: usize, at: impl Fn(usize) -> String, read: &mut Read) {
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        read.item(at(n), line, &format!("{prefix}:{n}"), max);
    }
}

/// Articles in an uploaded file, read by its extension (plain text when unknown).
pub fn file(name: &str, bytes: &[u8], max: usize, read: &mut Read) {
    let name = if name.is_empty() { "upload" } else { name };
    if bytes.len() > max {
        return read.reject(
            name.to_string(),
            format!(
                "{} bytes, above the {max}-byte limit per article",
                bytes.len()
            ),
        );
    }
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(e) => return read.reject(name.to_string(), e.to_string()),
    };
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s, e),
        None => (name, ""),
    };
    let kind = Kind::from_extension(ext).unwrap_or(Kind::Text);
    if kind == Kind::Jsonl {
        return jsonl(&decoded.text, stem, max, |n| format!("{name}:{n}"), read);
    }
    match parse_article(kind, &decoded.text, stem) {
        Ok(mut a) => {
            a.origin = Some(name.to_string());
            read.articles.push((name.to_string(), a));
        }
        Err(e) => read.reject(name.to_string(), e.to_string()),
    }
}

/// Pasted text: JSON or JSONL when it starts like JSON, else one plain-text article.
pub fn pasted(text: &str, max: usize, read: &mut Read) {
    let t = text.trim_start();
    if t.is_empty() {
        return;
    }
    if t.starts_with('{') || t.starts_with('[') {
        let more = body(text, "pasted", max, read.identify);
        read.articles.extend(more.articles);
        read.rejected.extend(more.rejected);
    } else {
        file("pasted.txt", text.as_bytes(), max, read);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_reported_and_the_rest_read() {
        let r = body(
            "{\"text\": \"One.\"}\n{\"text\": \n\n{\"id\": \"x\"}\n{\"id\": 7, \"text\": \"Two.\"}\n",
            "body",
            1000,
            false,
        );
        let ids: Vec<&str> = r.articles.iter().map(|(_, a)| a.id.as_str()).collect();
        assert_eq!(ids, vec!["body:1", "7"]);
        let at: Vec<&str> = r.rejected.iter().map(|x| x.at.as_str()).collect();
        assert_eq!(at, vec!["line 2", "line 4"]);
    }

    #[test]
    fn an_object_an_array_and_a_pretty_object() {
        assert_eq!(
            body("{\"text\": \"A.\"}", "b", 1000, false).articles.len(),
            1
        );
        assert_eq!(
            body("[{\"text\": \"A.\"}, {\"text\": 3}]", "b", 1000, false)
                .rejected
                .len(),
            1
        );
        let pretty = body("{\n  \"text\": \"A.\"\n}\n", "b", 1000, false);
        assert_eq!((pretty.articles.len(), pretty.rejected.len()), (1, 0));
        assert_eq!(body("  ", "b", 1000, false).rejected.len(), 1);
        assert_eq!(
            body("{\"text\": \"long\"}", "b", 5, false).rejected.len(),
            1
        );
    }

    #[test]
    fn files_by_extension() {
        let mut r = Read::default();
        file(
            "a.txt",
            b"Title: T\n\nThe dam broke on Sunday.",
            1000,
            &mut r,
        );
        file("b.jsonl", b"{\"text\": \"X.\"}\nnope\n", 1000, &mut r);
        file("c.bin", b"\0\0\0", 1000, &mut r);
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.articles[0].1.title.as_deref(), Some("T"));
        assert_eq!(r.rejected.len(), 2);
    }
}
