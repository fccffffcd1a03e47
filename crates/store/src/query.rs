//! Reading: pages of stories, one article, full-text search, and a story's articles as the
//! pipeline takes them. Everything here only reads, so it works on a read-only connection
//! ([`Store::open_read_only`]), which is what a server's readers use while one writer ingests.

use newsbrief_core::Article;
use rusqlite::{params, OptionalExtension};

use crate::{stored_article, Result, Store, StoredArticle, StoryRow};

/// Which stories [`Store::story_page`] lists: all by default, the most recent first (last
/// day descending, then id ascending).
#[derive(Debug, Clone, Default)]
pub struct StoryQuery {
    /// Only stories whose last article is on or after this day.
    pub since: Option<i64>,
    /// Only this story.
    pub id: Option<u32>,
    /// Only stories with an article matching these words (full-text search, every word).
    pub q: Option<String>,
    /// At most this many.
    pub limit: Option<usize>,
    /// Only stories after this one in the order: `(last_day, id)` of the last story of the
    /// previous page (a cursor that stays right when stories are added).
    pub after: Option<(i64, u32)>,
}

/// One article found by [`Store::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub article: String,
    pub story: u32,
    pub title: Option<String>,
    pub source: Option<String>,
    /// Its publication day; `None` when undated.
    pub day: Option<i64>,
    /// A short excerpt of the title or text around the matches.
    pub snippet: String,
    /// Byte ranges of `snippet` that matched.
    pub marks: Vec<(usize, usize)>,
}

/// The settings a cached brief was made with, as the cache key `story` and the server share:
/// format name (`"Json"` or `"Markdown"`), word budget, method, `--param`s as given, facts,
/// cleaned text included.
pub fn brief_key(
    format: &str,
    words: usize,
    method: &str,
    params: &[String],
    facts: bool,
    with_text: bool,
) -> String {
    format!(
        "{format} words={words} method={method} params={params:?} facts={facts} text={with_text}"
    )
}

/// A user's search words as an FTS5 query: every run of letters and digits, quoted (so no
/// word is read as an operator or column name), all required, the last one as a prefix (so a
/// search box finds as one types). `None` when there is no word.
pub fn match_query(q: &str) -> Option<String> {
    let words: Vec<&str> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .collect();
    let last = words.len().checked_sub(1)?;
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| format!("\"{w}\"{}", if i == last { "*" } else { "" }))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';

/// A snippet with SQLite's match markers taken out, and where they were.
fn unmark(marked: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(marked.len());
    let mut marks = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            OPEN => open = Some(text.len()),
            CLOSE => {
                if let Some(start) = open.take() {
                    marks.push((start, text.len()));
                }
            }
            c => text.push(c),
        }
    }
    (text, marks)
}

impl Store {
    /// Stories as `q` asks, the most recent first (ties: the lower id).
    pub fn story_page(&self, q: &StoryQuery) -> Result<Vec<StoryRow>> {
        if let (Some(id), None, None) = (q.id, &q.q, q.after) {
            // One story by its key (a scan of every story otherwise).
            let row = self.story_by_id(id)?;
            return Ok(row
                .filter(|r| r.sort_day >= q.since.unwrap_or(i64::MIN) && q.limit != Some(0))
                .into_iter()
                .collect());
        }
        let matching = match &q.q {
            Some(words) => match match_query(words) {
                Some(m) => Some(m),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "{STORY_COLUMNS}
                 WHERE s.last_day >= ?1 AND (?2 IS NULL OR s.id = ?2)
                   AND (?3 IS NULL OR s.last_day < ?3 OR (s.last_day = ?3 AND s.id > ?4))
                   AND (?5 IS NULL OR s.id IN (
                        SELECT a.story FROM articles_fts f JOIN articles a ON a.seq = f.rowid
                        WHERE articles_fts MATCH ?5))
                 ORDER BY s.last_day DESC, s.id
                 LIMIT ?6"
            ))
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map(
                params![
                    q.since.unwrap_or(i64::MIN),
                    q.id,
                    q.after.map(|a| a.0),
                    q.after.map(|a| a.1),
                    matching,
                    q.limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64),
                ],
                story_row,
            )
            .map_err(|e| self.error(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))
    }

    /// One story by id, if it exists.
    fn story_by_id(&self, id: u32) -> Result<Option<StoryRow>> {
        self.conn
            .prepare_cached(&format!("{STORY_COLUMNS} WHERE s.id = ?1"))
            .and_then(|mut stmt| stmt.query_row([id], story_row).optional())
            .map_err(|e| self.error(e))
    }

    /// A number that changes whenever the stories change: one more than the last article's
    /// number (every change to stories, absorbing included, comes with a new article). A
    /// cached listing made at the same version is still right. One rowid lookup.
    pub fn version(&self) -> Result<i64> {
        self.conn
            .prepare_cached("SELECT coalesce(max(seq) + 1, 0) FROM articles")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(|e| self.error(e))
    }

    /// Stories that gained articles numbered `from` or later, in id order, each with whether
    /// it is new (all its articles are that recent). With [`Store::version`], how a watcher
    /// sees what any process (this one's writer or another `newsbrief ingest`) added.
    pub fn stories_changed_since(&self, from: i64) -> Result<Vec<(StoryRow, bool)>> {
        let changed: Vec<(u32, bool)> = {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT a.story,
                            (SELECT min(o.seq) FROM articles o WHERE o.story = a.story) >= ?1
                     FROM articles a WHERE a.seq >= ?1 GROUP BY a.story ORDER BY a.story",
                )
                .map_err(|e| self.error(e))?;
            let rows = stmt
                .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.error(e))?;
            rows.collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| self.error(e))?
        };
        let mut out = Vec::with_capacity(changed.len());
        for (id, new) in changed {
            if let Some(row) = self.story(id)? {
                out.push((row, new));
            }
        }
        Ok(out)
    }

    /// How many articles a story has now (`None`: no such story). The cheap question a cached
    /// brief is checked with.
    pub fn story_size(&self, id: u32) -> Result<Option<usize>> {
        self.conn
            .prepare_cached("SELECT articles FROM stories WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get::<_, i64>(0)).optional())
            .map(|n| n.map(|n| n as usize))
            .map_err(|e| self.error(e))
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        self.conn
            .prepare_cached(
                "SELECT a.id, a.url, a.title, a.source, a.published, a.text, a.day, a.undated,
                        (SELECT o.id FROM articles o WHERE o.seq = a.copy_of), a.story,
                        a.authors, a.language
                 FROM articles a WHERE a.id = ?1",
            )
            .and_then(|mut s| s.query_row([id], stored_article).optional())
            .map_err(|e| self.error(e))
    }

    /// Articles whose title or text has every word of `q` (stemmed; the last word as a
    /// prefix), best match first (FTS5's bm25 rank), at most `limit`.
    pub fn search(&self, q: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(matching) = match_query(q) else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.story, a.title, a.source, CASE WHEN a.undated THEN NULL ELSE a.day END,
                        snippet(articles_fts, -1, char(2), char(3), '…', 24)
                 FROM articles_fts f JOIN articles a ON a.seq = f.rowid
                 WHERE articles_fts MATCH ?1
                 ORDER BY f.rank, a.seq LIMIT ?2",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map(params![matching, limit as i64], |r| {
                let (snippet, marks) = unmark(&r.get::<_, String>(5)?);
                Ok(SearchHit {
                    article: r.get(0)?,
                    story: r.get(1)?,
                    title: r.get(2)?,
                    source: r.get(3)?,
                    day: r.get(4)?,
                    snippet,
                    marks,
                })
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))
    }

    /// A story's articles as the pipeline takes them, in publication order; each one's
    /// `origin` is `"{place}: {id}"`.
    pub fn story_articles(&self, story: u32, place: &str) -> Result<Vec<Article>> {
        Ok(self
            .members(story)?
            .into_iter()
            .map(|m| Article {
                origin: Some(format!("{place}: {}", m.id)),
                id: m.id,
                title: m.title,
                source: m.source,
                url: m.url,
                published: m.published,
                authors: m.authors,
                language: m.language,
                text: m.text,
            })
            .collect())
    }
}

/// The columns of a [`StoryRow`], read by [`story_row`].
const STORY_COLUMNS: &str = "SELECT s.id, s.headline, s.articles,
                        (SELECT min(day) FROM articles WHERE story = s.id AND undated = 0),
                        (SELECT max(day) FROM articles WHERE story = s.id AND undated = 0),
                        (SELECT group_concat(src, char(31)) FROM
                            (SELECT DISTINCT source AS src FROM articles
                             WHERE story = s.id AND source IS NOT NULL ORDER BY src)),
                        EXISTS (SELECT 1 FROM articles WHERE story = s.id AND undated = 1),
                        s.last_day
                 FROM stories s";

fn story_row(r: &rusqlite::Row) -> rusqlite::Result<StoryRow> {
    let sources: Option<String> = r.get(5)?;
    Ok(StoryRow {
        id: r.get(0)?,
        headline: r.get(1)?,
        articles: r.get::<_, i64>(2)? as usize,
        first_day: r.get(3)?,
        last_day: r.get(4)?,
        sources: sources
            .map(|s| s.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        has_undated: r.get(6)?,
        sort_day: r.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_words_become_a_safe_match_query() {
        assert_eq!(
            match_query("dam collapse"),
            Some("\"dam\" \"collapse\"*".into())
        );
        assert_eq!(
            match_query("title:x OR \"y\" NEAR(z)"),
            Some("\"title\" \"x\" \"OR\" \"y\" \"NEAR\" \"z\"*".into())
        );
        assert_eq!(match_query(" -*:\" "), None);
    }

    #[test]
    fn snippet_markers_become_ranges() {
        let (t, m) = unmark("a \u{2}dam\u{3} b \u{2}é\u{3}");
        assert_eq!(t, "a dam b é");
        assert_eq!(m, vec![(2, 5), (8, 10)]);
    }
}
