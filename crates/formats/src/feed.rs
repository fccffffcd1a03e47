//! Feeds: RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed, read by `feed-rs`. Each entry is an
//! article: its title, link, date, authors, and its content (else its summary) as text.

use newsbrief_core::Article;

use crate::html::fragment_text;
use crate::read::FormatError;

/// One entry of a feed: the article, or why the entry could not be one.
pub type Entry = Result<Article, FormatError>;

/// The entries of a feed, in feed order. `stem` names entries that have neither a link nor an
/// id (`stem:N`, N from 1). The whole feed fails only when it cannot be parsed at all.
pub fn parse_feed(bytes: &[u8], stem: &str) -> Result<Vec<Entry>, FormatError> {
    // Ids that the feed does not give stay empty: the crate's fallback is a random UUID, and
    // output must not change from run to run.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| FormatError::Feed(e.to_string()))?;
    let site = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    let feed_authors = names(&feed.authors);
    let feed_language = feed.language.as_deref().and_then(crate::read::language_tag);
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let mut a = entry(e, &format!("{stem}:{}", i + 1), &site, &feed_authors);
            if let Ok(a) = a.as_mut() {
                a.language = a.language.take().or_else(|| feed_language.clone());
            }
            a
        })
        .collect())
}

fn entry(
    e: feed_rs::model::Entry,
    default_id: &str,
    site: &Option<String>,
    feed_authors: &[String],
) -> Entry {
    let url = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(e.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty());
    let title = e
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    let body = e
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref().map(|b| (b, c.content_type.to_string())))
        .filter(|(b, _)| !b.trim().is_empty())
        .or_else(|| {
            e.summary
                .as_ref()
                .map(|s| (s.content.as_str(), s.content_type.to_string()))
        });
    let text = match body {
        Some((b, ty)) if ty.starts_with("text/plain") => b.trim().to_string(),
        Some((b, _)) => fragment_text(b),
        None => String::new(),
    };
    if text.trim().is_empty() {
        return Err(FormatError::Missing("content or summary"));
    }
    let authors = names(&e.authors);
    let id = if !e.id.trim().is_empty() {
        e.id.trim().to_string()
    } else {
        url.clone().unwrap_or_else(|| default_id.to_string())
    };
    Ok(Article {
        id,
        title,
        source: site.clone(),
        url,
        published: e.published.or(e.updated).map(|d| d.to_rfc3339()),
        authors: if authors.is_empty() {
            feed_authors.to_vec()
        } else {
            authors
        },
        language: e.language.as_deref().and_then(crate::read::language_tag),
        origin: None,
        text,
    })
}

fn names(people: &[feed_rs::model::Person]) -> Vec<String> {
    people
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(plain)
        .filter(|n| !n.is_empty())
        .collect()
}

/// A title or name, which feeds may give as escaped HTML.
fn plain(s: &str) -> String {
    if s.contains(['<', '&']) {
        fragment_text(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Courier</title><link>https://courier.example/</link><language>en-gb</language>
<item>
  <title>Dam breaks above Vell &amp; floods town</title>
  <link>https://courier.example/dam</link>
  <guid isPermaLink="false">courier-1001</guid>
  <pubDate>Sun, 01 Mar 2026 08:00:00 +0100</pubDate>
  <dc:creator>Maria Gonzalez</dc:creator>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>The dam above Vell broke on Sunday.</p><p>Crews rescued <b>40</b> people.</p><script>x()</script>]]></content:encoded>
</item>
<item><title>Only a headline</title><link>https://courier.example/h</link></item>
<item><title>Teaser only</title><description>&lt;p&gt;Water levels fell on Monday.&lt;/p&gt;</description></item>
</channel></rss>"#;

    #[test]
    fn rss_entries_become_articles() {
        let entries = parse_feed(RSS.as_bytes(), "feed").unwrap();
        assert_eq!(entries.len(), 3);
        let a = entries[0].as_ref().unwrap();
        assert_eq!(a.id, "courier-1001");
        assert_eq!(
            a.title.as_deref(),
            Some("Dam breaks above Vell & floods town")
        );
        assert_eq!(a.url.as_deref(), Some("https://courier.example/dam"));
        assert_eq!(a.source.as_deref(), Some("Valley Courier"));
        assert_eq!(a.published.as_deref(), Some("2026-03-01T07:00:00+00:00"));
        assert_eq!(a.authors, vec!["Maria Gonzalez".to_string()]);
        assert_eq!(a.language.as_deref(), Some("en-GB"));
        assert!(a.text.contains("The dam above Vell broke on Sunday."));
        assert!(a.text.contains("Crews rescued 40 people."));
        assert!(!a.text.contains("x()"), "{:?}", a.text);
        // Paragraphs stay lines, as cleaning reads them.
        assert!(a.text.contains("Sunday.\n"), "{:?}", a.text);
        // A headline without text is not an article.
        assert_eq!(
            entries[1].as_ref().unwrap_err(),
            &FormatError::Missing("content or summary")
        );
        // Without a guid or a link, the entry is named by its place.
        let c = entries[2].as_ref().unwrap();
        assert_eq!(c.id, "feed:3");
        assert_eq!(c.text.trim(), "Water levels fell on Monday.");
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">River Post</title>
<author><name>Desk</name></author>
<entry><title type="html">Levee &lt;em&gt;holds&lt;/em&gt;</title>
<link rel="alternate" href="https://post.example/levee"/><id>tag:post.example,2026:7</id>
<updated>2026-03-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;The levee held overnight, engineers said.&lt;/p&gt;</content></entry></feed>"#;
        let e = parse_feed(atom.as_bytes(), "atom").unwrap();
        let a = e[0].as_ref().unwrap();
        assert_eq!(a.title.as_deref(), Some("Levee holds"));
        assert_eq!(a.id, "tag:post.example,2026:7");
        assert_eq!(a.authors, vec!["Desk".to_string()]);
        assert_eq!(a.published.as_deref(), Some("2026-03-02T10:00:00+00:00"));
        assert_eq!(a.text.trim(), "The levee held overnight, engineers said.");

        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Wire",
          "items": [{"id": "w1", "url": "https://wire.example/1", "title": "Rain ends",
                     "content_text": "The rain ended on Tuesday.", "date_published": "2026-03-03T09:00:00Z",
                     "authors": [{"name": "Tom Reid"}]}]}"#;
        let e = parse_feed(json.as_bytes(), "j").unwrap();
        let a = e[0].as_ref().unwrap();
        assert_eq!(
            (a.id.as_str(), a.text.trim(), a.authors.len()),
            ("w1", "The rain ended on Tuesday.", 1)
        );
    }

    #[test]
    fn broken_feeds_are_errors() {
        // Truncated XML, a JSON Feed whose items are not a list, a cut-off tag.
        for bad in [
            "<rss><channel><item><title>x</ti",
            "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": 5}",
            "<rss",
        ] {
            assert!(
                matches!(parse_feed(bad.as_bytes(), "f"), Err(FormatError::Feed(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            parse_feed(b"<html><body>not a feed</body></html>", "f"),
            Err(FormatError::Feed(_))
        ));
    }
}
