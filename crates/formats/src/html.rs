//! HTML pages and fragments: the article of a page (readability-style extraction by
//! `dom_smoothie`, with the page's metadata), the text of a fragment (a feed entry's content),
//! and the bound on nesting that keeps both linear on hostile pages.

use std::borrow::Cow;

use newsbrief_core::Article;

use crate::read::FormatError;

/// HTML: readability-style extraction of the article body (navigation, scripts, comments and
/// widgets dropped), title, site name as source, and the publication time from meta tags.
pub fn parse_html(html: &str, id: &str) -> Result<Article, FormatError> {
    use dom_smoothie::{Config, Readability, TextMode};
    let cfg = Config {
        text_mode: TextMode::Formatted,
        char_threshold: MIN_ARTICLE_CHARS,
        ..Default::default()
    };
    let mut r = Readability::new(bound_depth(html).as_ref(), None, Some(cfg))
        .map_err(|e| FormatError::Html(e.to_string()))?;
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
        // The page's `lang`, else its Open Graph locale or declared content language.
        language: art
            .lang
            .as_deref()
            .and_then(crate::read::language_tag)
            .or_else(|| {
                meta_content(html, &lower, &["og:locale", "content-language", "language"])
                    .and_then(|l| crate::read::language_tag(&l))
            }),
        origin: None,
        text,
    })
}

/// The shortest text (in characters) that the extractor's strictest pass may return as the
/// article before it retries with looser rules. Readability's 500 is about 80 words: a news
/// brief of 40 to 80 words is an article too, and the looser passes then pick the page's
/// longest block, often a list of links or a poll, instead.
const MIN_ARTICLE_CHARS: usize = 250;

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

/// Elements nested deeper than this are flattened (their tags dropped, their text kept) before
/// parsing. Real pages nest a few dozen levels; a parser's time grows with the square of the
/// depth, so a page of 100,000 nested `<div>`s would otherwise take minutes.
pub const MAX_DEPTH: usize = 256;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose end tag may be left out: sloppy pages open them without closing them, so
/// they are not counted as nesting.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp",
];
/// Elements whose content is not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `html` with every start and end tag below [`MAX_DEPTH`] removed, or `html` itself when it is
/// not that deep (the common case: nothing is copied).
pub fn bound_depth(html: &str) -> Cow<'_, str> {
    let mut drop: Vec<std::ops::Range<usize>> = Vec::new();
    let mut depth = 0usize;
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + i;
        let Some(tag) = Tag::at(html, start) else {
            at = start + 1;
            continue;
        };
        at = tag.end;
        let name = tag.name.to_ascii_lowercase();
        let counted = !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str());
        if tag.closing {
            if counted {
                if depth > MAX_DEPTH {
                    drop.push(start..tag.end);
                }
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Skip to the element's end tag; its content holds no tags.
            let close = format!("</{name}");
            at = find_ascii_ci(html, at, &close).unwrap_or(html.len());
            continue;
        }
        if counted && !tag.self_closing {
            depth += 1;
            if depth > MAX_DEPTH {
                drop.push(start..tag.end);
            }
        }
    }
    if drop.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for r in drop {
        out.push_str(&html[from..r.start]);
        from = r.end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// A start or end tag found at a `<`.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    /// Byte after the tag's `>` (or after a comment's `-->`).
    end: usize,
}

impl<'a> Tag<'a> {
    /// The tag at `start` (a `<`); comments, doctypes and processing instructions come back
    /// as nameless tags so that they are skipped whole; `None` where `<` starts no tag.
    fn at(html: &'a str, start: usize) -> Option<Tag<'a>> {
        let rest = &html[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment
                .find("-->")
                .map_or(html.len(), |e| start + 4 + e + 3);
            return Some(Tag {
                name: "",
                closing: true,
                self_closing: true,
                end,
            });
        }
        let (closing, name_from) = match rest.as_bytes().first()? {
            b'/' => (true, 1),
            b'!' | b'?' => {
                let end = rest.find('>').map_or(html.len(), |e| start + 1 + e + 1);
                return Some(Tag {
                    name: "",
                    closing: true,
                    self_closing: true,
                    end,
                });
            }
            b if b.is_ascii_alphabetic() => (false, 0),
            _ => return None,
        };
        let named = &rest[name_from..];
        let len = named
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b':'))
            .unwrap_or(named.len());
        let name = &named[..len];
        if name.is_empty() {
            return None;
        }
        // The tag ends at the first `>` outside a quoted attribute value.
        let attrs = start + 1 + name_from + len;
        let mut quote = None;
        for (j, b) in html.as_bytes()[attrs..].iter().enumerate() {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(*b),
                (Some(q), b) if q == *b => quote = None,
                (None, b'>') => {
                    let end = attrs + j + 1;
                    let self_closing = html.as_bytes()[..end - 1].ends_with(b"/");
                    return Some(Tag {
                        name,
                        closing,
                        self_closing,
                        end,
                    });
                }
                _ => {}
            }
        }
        Some(Tag {
            name,
            closing,
            self_closing: false,
            end: html.len(),
        })
    }
}

/// The first place at or after `from` where `needle` (ASCII, lower case) starts, ignoring case.
fn find_ascii_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let first = [n[0]];
    let mut at = from;
    while let Some(i) = memchr::memchr(first[0], &hay.as_bytes()[at..]) {
        let cand = at + i;
        let window = hay.as_bytes().get(cand..cand + n.len())?;
        if window.eq_ignore_ascii_case(n) {
            return Some(cand);
        }
        at = cand + 1;
    }
    None
}

/// The text of an HTML fragment (a feed entry's content): one line per block, scripts and
/// styles dropped, entities decoded.
pub fn fragment_text(html: &str) -> String {
    let doc = dom_query::Document::fragment(bound_depth(html).as_ref());
    doc.select("script, style, noscript, iframe, template")
        .remove();
    let text = doc.formatted_text().to_string();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut out = String::with_capacity(text.len());
    for l in lines {
        if l.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(l);
        out.push('\n');
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_body_without_navigation_and_scripts() {
        let html = r#"<html lang="en-us"><head><title>Dam breaks | Courier</title>
<meta property="article:published_time" content="2026-03-01T08:00:00Z">
<meta property="og:url" content="https://courier.example/dam"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<script>var tracking = "should not appear";</script>
<article><h1>Dam breaks</h1>
<p>The dam above the valley town of Vell broke early on Sunday, releasing a wall of water that flooded hundreds of homes, officials said.</p>
<p>Rescue crews worked through the night to reach families stranded on rooftops, and the regional governor declared an emergency.</p>
<p>Engineers had warned for years that the structure was weak, according to reports seen by the newspaper this week.</p>
</article><footer>Copyright 2026 Courier</footer></body></html>"#;
        let a = parse_html(html, "page").unwrap();
        assert!(a
            .text
            .contains("The dam above the valley town of Vell broke"));
        assert!(a.text.contains("Engineers had warned"));
        assert!(!a.text.contains("tracking"));
        assert!(!a.text.contains("Home"));
        assert_eq!(a.published.as_deref(), Some("2026-03-01T08:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://courier.example/dam"));
        assert_eq!(a.language.as_deref(), Some("en-US"));
        assert!(a.title.unwrap().starts_with("Dam breaks"));
    }

    #[test]
    fn shallow_pages_are_not_copied() {
        let page = "<html><body><div><p>One<p>Two<br><img src=x></div><!-- <div> --></body></html>";
        assert!(matches!(bound_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let n = 5000;
        let page = format!(
            "<html><body>{}<p>The dam broke.</p>{}</body></html>",
            "<div class=\"a>b\">".repeat(n),
            "</div>".repeat(n)
        );
        let flat = bound_depth(&page);
        assert!(flat.len() < page.len());
        assert!(flat.contains("<p>The dam broke.</p>"));
        // The outer levels are kept: html, body and the first divs.
        assert_eq!(flat.matches("<div").count(), MAX_DEPTH - 2);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH - 2);
    }

    #[test]
    fn script_content_is_not_read_as_tags() {
        let page = format!(
            "<body><script>var s = '{}';</script><p>Text.</p></body>",
            "<div>".repeat(MAX_DEPTH * 2)
        );
        assert!(matches!(bound_depth(&page), Cow::Borrowed(_)));
    }

    #[test]
    fn fragment_text_keeps_blocks_as_lines() {
        let t = fragment_text(
            "<p>First &amp; foremost.</p><script>evil()</script><ul><li>One</li><li>Two</li></ul>",
        );
        // A paragraph and a list are two blocks, apart as on the page.
        assert_eq!(t, "First & foremost.\n\nOne\nTwo");
    }
}
