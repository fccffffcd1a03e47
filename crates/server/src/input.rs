//! Articles from request bodies and uploads, by the rules the CLI reads files with.
//!
//! A body is a JSON article object, a JSON array of them, or JSONL (one object per line);
//! every item is read on its own, so one bad line is reported (with its number) and the rest
//! are used. Uploaded files are read as `newsbrief brief` reads files: their kind decided by
//! content and name (text, Markdown, HTML, JSON, JSONL, feeds, web archives).

use newsbrief_core::Article;
use newsbrief_formats::date::settle_published;
use newsbrief_formats::sniff::sniff_file;
use newsbrief_formats::warc::{page_article, Record, Records};
use newsbrief_formats::{
    decode, parse_article, parse_json_articles, parse_jsonl_article, FormatError, Kind, Sniffed,
};
use serde::Serialize;

/// An item of the input that was not used, or was used with a change, and why.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Rejected {
    /// Where: `line 3`, `item 2` or a file name (with `:line` for JSONL).
    pub at: String,
    pub error: String,
}

/// Articles read, each with where it was, what was rejected, and what was used with a change.
#[derive(Debug, Default)]
pub struct Read {
    pub articles: Vec<(String, Article)>,
    pub rejected: Vec<Rejected>,
    /// Articles used with a change (a publication date not on the calendar left out).
    pub warnings: Vec<Rejected>,
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
                self.accept(at, a)
            }
            Err(e) => self.reject(at, e.to_string()),
        }
    }

    /// An article a reader gave (or why it gave none), held to the size limit.
    fn parsed(&mut self, at: String, r: Result<Article, FormatError>, max: usize) {
        match r {
            Ok(a) if a.text.len() > max => self.reject(
                at,
                format!(
                    "{} bytes, above the {max}-byte limit per article",
                    a.text.len()
                ),
            ),
            Ok(a) => self.accept(at, a),
            Err(e) => self.reject(at, e.to_string()),
        }
    }

    /// Use an article, its publication date in one form; a date not on the calendar is left out
    /// and reported.
    fn accept(&mut self, at: String, mut a: Article) {
        if let Some(problem) = settle_published(&mut a) {
            self.warnings.push(Rejected {
                at: at.clone(),
                error: problem,
            });
        }
        self.articles.push((at, a));
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

/// Articles in an uploaded file, its kind decided by its content and name as the CLI decides
/// it: one article, JSONL lines, a JSON array, feed entries or the pages of a web archive.
pub fn file(name: &str, bytes: &[u8], max: usize, read: &mut Read) {
    let name = if name.is_empty() { "upload" } else { name };
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let head = &bytes[..bytes.len().min(newsbrief_formats::sniff::SNIFF_BYTES)];
    let gz = head.starts_with(newsbrief_formats::sniff::GZIP_MAGIC);
    let kind = match sniff_file(head, name) {
        Sniffed::Readable(k) => k,
        Sniffed::Unsupported(what) => {
            return read.reject(name.to_string(), FormatError::Unsupported(what).to_string())
        }
    };
    if kind == Kind::Warc {
        return warc(name, stem, bytes, gz, max, read);
    }
    let whole = if matches!(kind, Kind::Feed | Kind::Json | Kind::Jsonl) {
        max.saturating_mul(64)
    } else {
        max
    };
    if bytes.len() > whole {
        return read.reject(
            name.to_string(),
            format!("{} bytes, above the {whole}-byte limit", bytes.len()),
        );
    }
    if kind == Kind::Feed {
        return match newsbrief_formats::feed::parse_feed(bytes, stem) {
            Ok(entries) => {
                for (i, e) in entries.into_iter().enumerate() {
                    read.parsed(format!("{name}:entry {}", i + 1), e, max);
                }
            }
            Err(e) => read.reject(name.to_string(), e.to_string()),
        };
    }
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(e) => return read.reject(name.to_string(), e.to_string()),
    };
    match kind {
        Kind::Jsonl => jsonl(&decoded.text, stem, max, |n| format!("{name}:{n}"), read),
        Kind::Json => match parse_json_articles(&decoded.text, stem) {
            Ok(items) if items.len() == 1 => {
                let one = items.into_iter().next().map(|r| {
                    r.map(|mut a| {
                        a.origin = Some(name.to_string());
                        a
                    })
                });
                if let Some(r) = one {
                    read.parsed(name.to_string(), r, max);
                }
            }
            Ok(items) => {
                for (i, r) in items.into_iter().enumerate() {
                    read.parsed(format!("{name}:item {}", i + 1), r, max);
                }
            }
            Err(e) => read.reject(name.to_string(), e.to_string()),
        },
        _ => {
            let r = parse_article(kind, &decoded.text, stem).map(|mut a| {
                a.origin = Some(name.to_string());
                a
            });
            read.parsed(name.to_string(), r, max);
        }
    }
}

/// The HTML pages of an uploaded web archive.
fn warc(name: &str, stem: &str, bytes: &[u8], gz: bool, max: usize, read: &mut Read) {
    let records: Box<dyn Iterator<Item = _>> = if gz {
        let inner = std::io::BufReader::new(flate2::bufread::MultiGzDecoder::new(bytes));
        Box::new(Records::new(inner, max as u64))
    } else {
        Box::new(Records::new(bytes, max as u64))
    };
    for r in records {
        match r {
            Ok(Record::Page {
                number,
                url,
                date,
                html,
            }) => {
                let at = format!("{name}:record {number}");
                let article = decode(&html).and_then(|d| {
                    page_article(stem, number, url.as_deref(), date.as_deref(), &d.text)
                });
                read.parsed(at, article, max);
            }
            Ok(_) => {}
            Err((number, e)) => read.reject(format!("{name}:record {number}"), e.to_string()),
        }
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
        read.warnings.extend(more.warnings);
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

    #[test]
    fn uploads_are_read_by_content() {
        let mut r = Read::default();
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>
<item><title>A</title><link>https://c.example/a</link><pubDate>Sun, 01 Mar 2026 08:00:00 GMT</pubDate><description>The dam broke on Sunday.</description></item>
<item><title>B</title><link>https://c.example/b</link><description>Crews worked all night.</description></item>
</channel></rss>"#;
        file("feed.html", rss, 1000, &mut r);
        file("scan.txt", b"%PDF-1.4\n", 1000, &mut r);
        file(
            "d.json",
            br#"{"text": "Water fell.", "published": "2026-02-30"}"#,
            1000,
            &mut r,
        );
        let ids: Vec<&str> = r.articles.iter().map(|(_, a)| a.id.as_str()).collect();
        assert_eq!(ids, ["https://c.example/a", "https://c.example/b", "d"]);
        assert_eq!(
            r.articles[0].1.published.as_deref(),
            Some("2026-03-01T08:00:00Z")
        );
        assert_eq!(r.articles[2].1.published, None);
        let at: Vec<&str> = r.rejected.iter().map(|x| x.at.as_str()).collect();
        assert_eq!(at, ["scan.txt"]);
        assert!(r.rejected[0].error.starts_with("a PDF document"));
        // Used, undated, and said to be.
        let at: Vec<&str> = r.warnings.iter().map(|x| x.at.as_str()).collect();
        assert_eq!(at, ["d.json"]);
    }
}
