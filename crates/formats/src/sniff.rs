//! What a file is, decided by its first bytes as well as its name.
//!
//! The content decides wherever it is clear: a page saved as `.txt` is read as HTML, an RSS feed
//! saved as `.html` as a feed, a PDF named `.txt` is refused. The extension decides only what the
//! content leaves open (plain text or Markdown, one JSON article or JSON lines).

use crate::read::Kind;

/// Bytes of a file looked at to decide its kind.
pub const SNIFF_BYTES: usize = 8192;

/// The kind of a file, or why it cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Readable(Kind),
    /// A format newsbrief does not read, named for the user ("a PDF document").
    Unsupported(&'static str),
}

/// Signatures of formats that are not text, with the name users know them by.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, audio or video)"),
    (
        b"PK\x03\x04",
        "a ZIP archive (or an office document, which is one)",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old office document",
    ),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"OggS", "an Ogg audio or video file"),
    (b"ID3", "an MP3 audio file"),
];

/// The gzip magic number: a gzipped WARC archive starts with it.
pub const GZIP_MAGIC: &[u8] = b"\x1f\x8b";

/// Decide the kind of a file from its first bytes (`head`, up to [`SNIFF_BYTES`]) and its
/// extension (`ext`, lower-cased, "gz" for `x.warc.gz`; `None` when it has none). `gunzipped`
/// is the start of the decompressed data when `head` is gzip.
pub fn sniff(head: &[u8], ext: Option<&str>, gunzipped: Option<&[u8]>) -> Sniffed {
    if head.starts_with(GZIP_MAGIC) {
        return match gunzipped {
            Some(inner) if inner.starts_with(b"WARC/") => Sniffed::Readable(Kind::Warc),
            _ => Sniffed::Unsupported("a gzip archive that is not a WARC web archive"),
        };
    }
    if let Some((_, name)) = SIGNATURES.iter().find(|(sig, _)| head.starts_with(sig)) {
        return Sniffed::Unsupported(name);
    }
    if head.starts_with(b"WARC/") {
        return Sniffed::Readable(Kind::Warc);
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let body = &head[start..];
    let by_ext = ext.and_then(Kind::from_extension);
    match body.first() {
        Some(b'<') => markup(body, by_ext),
        Some(b'{') | Some(b'[') => json(body, by_ext),
        // A page with a stray byte, a second byte-order mark or a line of junk before its
        // first tag is still a page.
        _ if opens_a_page(body) => Sniffed::Readable(Kind::Html),
        _ => Sniffed::Readable(match by_ext {
            Some(Kind::Markdown) => Kind::Markdown,
            _ => Kind::Text,
        }),
    }
}

/// The kind of a file from its first bytes (`head`, up to [`SNIFF_BYTES`]) and its name: the
/// extension is read from the name (`gz` for `x.warc.gz`), and a gzipped head is looked into.
pub fn sniff_file(head: &[u8], file_name: &str) -> Sniffed {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    let mut inner = Vec::new();
    let gz = head.starts_with(GZIP_MAGIC);
    if gz {
        use std::io::Read;
        // A partial read is enough: only the first bytes of the archive are looked at.
        let _ = flate2::bufread::MultiGzDecoder::new(head)
            .take(16)
            .read_to_end(&mut inner);
    }
    sniff(head, ext.as_deref(), gz.then_some(&inner[..]))
}

/// Markup: a feed when its root is `rss`, `feed` (Atom) or `rdf:RDF` (RSS 1.0), else HTML.
fn markup(body: &[u8], by_ext: Option<Kind>) -> Sniffed {
    let lower: Vec<u8> = body.iter().map(u8::to_ascii_lowercase).collect();
    match root_element(&lower) {
        Some(root) if root == b"rss" || root == b"feed" || root == b"rdf:rdf" => {
            Sniffed::Readable(Kind::Feed)
        }
        Some(root) if root == b"html" || is_html_element(root) => Sniffed::Readable(Kind::Html),
        // XML of another kind (a sitemap, an SVG image, an office file's part).
        Some(_) if lower.starts_with(b"<?xml") => {
            Sniffed::Unsupported("XML that is neither a web page nor a feed")
        }
        // A fragment or a page whose first tag is unusual: HTML, as a browser would read it.
        _ if by_ext != Some(Kind::Text) || looks_like_html(&lower) => Sniffed::Readable(Kind::Html),
        _ => Sniffed::Readable(Kind::Text),
    }
}

/// The name of the first element, skipping the XML declaration, processing instructions,
/// comments and the doctype (whose name is taken: `<!DOCTYPE html>`).
fn root_element(lower: &[u8]) -> Option<&[u8]> {
    let mut rest = lower;
    loop {
        let at = rest.iter().position(|&b| b == b'<')?;
        rest = &rest[at..];
        if rest.starts_with(b"<!--") {
            let end = find(rest, b"-->")?;
            rest = &rest[end + 3..];
        } else if rest.starts_with(b"<?") {
            let end = find(rest, b"?>")?;
            rest = &rest[end + 2..];
        } else if let Some(doctype) = rest.strip_prefix(b"<!doctype") {
            let name = tag_name(doctype.trim_ascii_start());
            if !name.is_empty() {
                return Some(name);
            }
            let end = rest.iter().position(|&b| b == b'>')?;
            rest = &rest[end + 1..];
        } else {
            let name = tag_name(&rest[1..]);
            return (!name.is_empty()).then_some(name);
        }
    }
}

fn tag_name(s: &[u8]) -> &[u8] {
    let end = s
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b':' || b == b'-'))
        .unwrap_or(s.len());
    &s[..end]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn is_html_element(name: &[u8]) -> bool {
    const HTML: &[&[u8]] = &[
        b"head", b"body", b"meta", b"title", b"link", b"script", b"style", b"div", b"p",
        b"article", b"main", b"section", b"header", b"nav", b"h1", b"h2", b"span", b"table",
        b"base",
    ];
    HTML.contains(&name)
}

/// A few bytes of junk (at most 8 besides white space) and then a `<!doctype html>`, `<html` or
/// `<head` tag: a page whatever came before it.
fn opens_a_page(body: &[u8]) -> bool {
    let Some(lt) = body.iter().position(|&b| b == b'<') else {
        return false;
    };
    let junk = body[..lt]
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .count();
    let tag: Vec<u8> = body[lt..body.len().min(lt + 16)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    junk <= 8
        && [&b"<!doctype html"[..], b"<html", b"<head"]
            .iter()
            .any(|t| tag.starts_with(t))
}

/// Text that is HTML although its first element is not one of the usual ones.
fn looks_like_html(lower: &[u8]) -> bool {
    [&b"<html"[..], b"<body", b"<p>", b"<div", b"<br"]
        .iter()
        .any(|t| find(lower, t).is_some())
}

/// JSON: a JSON Feed (its `version` names jsonfeed.org), JSON lines (a first line that is a
/// whole object followed by more), or one JSON document.
fn json(body: &[u8], by_ext: Option<Kind>) -> Sniffed {
    if find(body, b"jsonfeed.org/version").is_some() {
        return Sniffed::Readable(Kind::Feed);
    }
    if body[0] == b'[' {
        return Sniffed::Readable(Kind::Json);
    }
    if by_ext == Some(Kind::Jsonl) {
        return Sniffed::Readable(Kind::Jsonl);
    }
    let first_line_end = body.iter().position(|&b| b == b'\n');
    let lines = first_line_end.is_some_and(|end| {
        let more = body[end..].iter().any(|b| !b.is_ascii_whitespace());
        more && serde_json::from_slice::<serde::de::IgnoredAny>(&body[..end]).is_ok()
    });
    Sniffed::Readable(if lines { Kind::Jsonl } else { Kind::Json })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(head: &str, ext: Option<&str>) -> Sniffed {
        sniff(head.as_bytes(), ext, None)
    }

    #[test]
    fn content_decides_over_extension() {
        let cases: &[(&str, Option<&str>, Sniffed)] = &[
            ("<!DOCTYPE html><html><body><p>x</p>", Some("txt"), Sniffed::Readable(Kind::Html)),
            ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>", Some("html"), Sniffed::Readable(Kind::Feed)),
            ("<?xml version=\"1.0\" encoding=\"utf-8\"?><!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\">", None, Sniffed::Readable(Kind::Feed)),
            ("<rdf:RDF xmlns:rdf=\"x\">", Some("xml"), Sniffed::Readable(Kind::Feed)),
            ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", Some("json"), Sniffed::Readable(Kind::Feed)),
            ("{\"text\": \"a\"}\n{\"text\": \"b\"}\n", Some("json"), Sniffed::Readable(Kind::Jsonl)),
            ("{\"text\": \"a\",\n \"title\": \"b\"}\n", None, Sniffed::Readable(Kind::Json)),
            ("[{\"text\": \"a\"}]", Some("txt"), Sniffed::Readable(Kind::Json)),
            ("WARC/1.0\r\nWARC-Type: warcinfo\r\n", Some("txt"), Sniffed::Readable(Kind::Warc)),
            ("# Dam breaks\n\nThe dam broke.", Some("md"), Sniffed::Readable(Kind::Markdown)),
            ("The dam broke.", None, Sniffed::Readable(Kind::Text)),
            ("  <p>The dam broke.</p>", None, Sniffed::Readable(Kind::Html)),
            ("<?xml version=\"1.0\"?><urlset xmlns=\"s\">", Some("xml"), Sniffed::Unsupported("XML that is neither a web page nor a feed")),
            ("\u{feff}?\n\n<!DOCTYPE html><html><body><p>x</p>", Some("html"), Sniffed::Readable(Kind::Html)),
            ("?<html lang=\"en\"><head><title>T</title>", None, Sniffed::Readable(Kind::Html)),
            ("Notes on the <html> element and its attributes.", Some("txt"), Sniffed::Readable(Kind::Text)),
            // Text that merely opens with a bracket stays text when named so.
            ("<Editor's note> The dam broke.", Some("txt"), Sniffed::Readable(Kind::Text)),
        ];
        for (head, ext, want) in cases {
            assert_eq!(kind(head, *ext), *want, "{head:?} as {ext:?}");
        }
    }

    #[test]
    fn binary_formats_are_named() {
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xe2\xe3", Some("txt"), None),
            Sniffed::Unsupported("a PDF document")
        );
        assert_eq!(
            sniff(b"PK\x03\x04\x14\x00", Some("docx"), None),
            Sniffed::Unsupported("a ZIP archive (or an office document, which is one)")
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0", None, None),
            Sniffed::Unsupported("a PNG image")
        );
        assert_eq!(
            sniff(b"\x1f\x8b\x08\x00", Some("gz"), Some(b"WARC/1.1\r\n")),
            Sniffed::Readable(Kind::Warc)
        );
        assert_eq!(
            sniff(b"\x1f\x8b\x08\x00", Some("gz"), Some(b"<html>")),
            Sniffed::Unsupported("a gzip archive that is not a WARC web archive")
        );
    }
}
