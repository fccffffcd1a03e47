//! The embedded story store: every ingested article, the story it belongs to, and cached
//! briefs, in one SQLite file (WAL mode).
//!
//! The store is the only part of newsbrief besides the CLI that touches files. It keeps, per
//! article, the clustering [`Features`] computed when it arrived, so the online clusterer can be
//! resumed: the store holds a checkpoint of the [`Clusterer`] (its state as bytes, at some
//! article count) and every article after it; [`Ingest::open`] loads the checkpoint and replays
//! the articles after it. Each batch of articles is one transaction, so a process killed at any
//! moment leaves the store as it was after its last whole batch, and the next ingest picks up
//! from there: no article lost, none counted twice.
//!
//! A store is never overwritten: a file that is not a newsbrief store is an error, and so is a
//! store written by another version or locked by another process.
//!
//! ```no_run
//! use newsbrief_core::stream::{features, Params};
//! use newsbrief_store::{Ingest, NewArticle};
//!
//! let mut ingest = Ingest::open("news.db".as_ref(), None)?;
//! let text = "The dam above Vell broke on Sunday.".to_string();
//! let added = ingest.add_batch(&[NewArticle {
//!     id: "wire-1".into(),
//!     url: None,
//!     title: Some("Dam breaks".into()),
//!     source: Some("Wire".into()),
//!     published: Some("2026-03-01".into()),
//!     day: 20513,
//!     undated: false,
//!     features: features(Some("Dam breaks"), &text),
//!     text,
//! }])?;
//! ingest.finish()?;
//! # Ok::<(), newsbrief_store::StoreError>(())
//! ```
#![forbid(unsafe_code)]

use std::path::Path;
use std::time::Duration;

use newsbrief_core::stream::{Clusterer, DecodeError, Features, Params};
use newsbrief_core::text::{same_words, text_fingerprint};
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};

/// Written in `meta` as `schema`; a store with another value is refused.
/// Schema 2: stories absorb stories of one article (clustering state format 2).
const SCHEMA: &str = "2";
/// Written in `meta` as `application`, so a foreign SQLite file is never taken for a store.
const APPLICATION: &str = "newsbrief";
/// How long to wait for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);
/// A checkpoint is written when this many articles were added since the last one, so that
/// resuming never replays more than this.
const CHECKPOINT_EVERY: usize = 20_000;

/// What went wrong with a store. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: no store here (create one with `newsbrief ingest`)")]
    Missing { path: String },
    #[error("{path}: the store is locked by another process (is another ingest running?)")]
    Locked { path: String },
    #[error("{path}: not a newsbrief store ({why}); it was left untouched")]
    Foreign { path: String, why: String },
    #[error("{path}: the store is damaged ({why}); it was left untouched")]
    Corrupt { path: String, why: String },
    #[error("{path}: {why}")]
    Refused { path: String, why: String },
    #[error("{path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
}

type Result<T> = std::result::Result<T, StoreError>;

/// An article to add, with its clustering features and its day (days since 1970-01-01).
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    /// The publication date as given, if any.
    pub published: Option<String>,
    pub text: String,
    /// Publication day, or the ingest day when `undated`.
    pub day: i64,
    /// No usable publication date: placed at the day of ingest.
    pub undated: bool,
    pub features: Features,
}

/// What happened to one [`NewArticle`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Already in the store (same id, url or text): nothing changed.
    Duplicate {
        /// Id of the stored article.
        of: String,
        /// What matched: `"id"`, `"url"` or `"text"`.
        by: &'static str,
        /// The id matched but the text differs: the stored version was kept.
        differs: bool,
    },
    /// Stored, in `story` (numbered from 1).
    Stored {
        story: u32,
        new_story: bool,
        /// Id of the article this one is a near-copy of.
        copy_of: Option<String>,
        /// Stories of a single article that `story` absorbed as it grew by this article: their
        /// articles are now in `story`, and they are gone.
        absorbed: Vec<u32>,
    },
}

/// A story as listed by [`Store::stories`].
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRow {
    pub id: u32,
    pub headline: String,
    pub articles: usize,
    /// Distinct sources (the `source` field, else the host of the url), sorted.
    pub sources: Vec<String>,
    pub first_day: i64,
    pub last_day: i64,
    /// Some article had no usable date and was placed at the day it was ingested.
    pub has_undated: bool,
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub text: String,
    pub day: i64,
    pub undated: bool,
    /// Id of the article this one is a near-copy of.
    pub copy_of: Option<String>,
}

/// An open store, for reading (and caching briefs).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Open an existing store. Fails when there is none, or the file is something else.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        if !path.exists() {
            return Err(StoreError::Missing { path: shown });
        }
        let store = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        store.check()?;
        Ok(store)
    }

    /// Open a store, creating it (with `params`, or the defaults) when the file does not exist.
    /// Given `params` must match those of an existing store.
    fn open_or_create(path: &Path, params: Option<&Params>) -> Result<Store> {
        let shown = path.display().to_string();
        if path.exists() {
            let store = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            store.check()?;
            if let Some(p) = params {
                let stored = store.params()?;
                if &stored != p {
                    return Err(StoreError::Refused {
                        path: shown,
                        why: format!(
                            "the store clusters with {}; its parameters cannot change (use a new --db)",
                            describe(&stored)
                        ),
                    });
                }
            }
            return Ok(store);
        }
        let store = Store::connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        let params = params.cloned().unwrap_or_default();
        store
            .conn
            .execute_batch(
                "BEGIN IMMEDIATE;
                 CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                 CREATE TABLE stories(
                     id INTEGER PRIMARY KEY,
                     headline TEXT NOT NULL,
                     articles INTEGER NOT NULL,
                     first_day INTEGER NOT NULL,
                     last_day INTEGER NOT NULL);
                 CREATE TABLE articles(
                     seq INTEGER PRIMARY KEY,
                     id TEXT NOT NULL UNIQUE,
                     url TEXT UNIQUE,
                     text_hash INTEGER NOT NULL,
                     title TEXT,
                     source TEXT,
                     published TEXT,
                     day INTEGER NOT NULL,
                     undated INTEGER NOT NULL,
                     story INTEGER NOT NULL REFERENCES stories(id),
                     copy_of INTEGER REFERENCES articles(seq),
                     text TEXT NOT NULL,
                     features BLOB NOT NULL);
                 CREATE INDEX articles_text_hash ON articles(text_hash);
                 CREATE INDEX articles_story ON articles(story, day, seq);
                 CREATE TABLE checkpoint(
                     one INTEGER PRIMARY KEY CHECK (one = 1),
                     articles INTEGER NOT NULL,
                     state BLOB NOT NULL);
                 CREATE TABLE briefs(
                     story INTEGER NOT NULL REFERENCES stories(id),
                     key TEXT NOT NULL,
                     articles INTEGER NOT NULL,
                     output TEXT NOT NULL,
                     PRIMARY KEY (story, key));",
            )
            .map_err(|e| store.error(e))?;
        for (k, v) in [
            ("application", APPLICATION.to_string()),
            ("schema", SCHEMA.to_string()),
            ("params", describe(&params)),
        ] {
            store
                .conn
                .execute(
                    "INSERT INTO meta(key, value) VALUES (?1, ?2)",
                    params![k, v],
                )
                .map_err(|e| store.error(e))?;
        }
        store
            .conn
            .execute_batch("COMMIT")
            .map_err(|e| store.error(e))?;
        Ok(store)
    }

    fn connect(path: &Path, flags: OpenFlags) -> Result<Store> {
        let shown = path.display().to_string();
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| classify(&shown, e))?;
        let store = Store { conn, path: shown };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.error(e))?;
        // WAL: readers never block the writer; NORMAL sync keeps every committed transaction
        // across a killed process (a power cut may lose the last ones, never consistency).
        store
            .conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| store.error(e))?;
        store
            .conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| store.error(e))?;
        store
            .conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| store.error(e))?;
        Ok(store)
    }

    /// The file is a newsbrief store of this schema.
    fn check(&self) -> Result<()> {
        let foreign = |why: &str| StoreError::Foreign {
            path: self.path.clone(),
            why: why.to_string(),
        };
        let has_meta: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| self.error(e))?
            > 0;
        if !has_meta {
            return Err(foreign("an SQLite database without newsbrief's tables"));
        }
        if self.meta("application")?.as_deref() != Some(APPLICATION) {
            return Err(foreign("its `meta` table is not newsbrief's"));
        }
        match self.meta("schema")? {
            Some(s) if s == SCHEMA => Ok(()),
            other => Err(StoreError::Refused {
                path: self.path.clone(),
                why: format!(
                    "store schema {} is not the {SCHEMA} this newsbrief reads",
                    other.unwrap_or_else(|| "(none)".into())
                ),
            }),
        }
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.error(e))
    }

    fn error(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    fn corrupt(&self, why: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            why: why.into(),
        }
    }

    /// The file this store lives in, as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The clustering parameters the store was created with.
    pub fn params(&self) -> Result<Params> {
        let text = self
            .meta("params")?
            .ok_or_else(|| self.corrupt("no clustering parameters"))?;
        let mut p = Params::default();
        for pair in text.split_whitespace() {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| self.corrupt(format!("bad parameter {pair:?}")))?;
            let v: f64 = v
                .parse()
                .map_err(|_| self.corrupt(format!("bad parameter {pair:?}")))?;
            p.set(k, v).map_err(|e| self.corrupt(e.to_string()))?;
        }
        Ok(p)
    }

    /// Number of articles and of stories.
    pub fn counts(&self) -> Result<(usize, usize)> {
        let q = |sql: &str| -> Result<usize> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(|e| self.error(e))
        };
        Ok((
            q("SELECT count(*) FROM articles")?,
            q("SELECT count(*) FROM stories")?,
        ))
    }

    /// Stories whose last article is on or after `since` (all when `None`), the most recent
    /// first (ties: the lower id).
    pub fn stories(&self, since: Option<i64>) -> Result<Vec<StoryRow>> {
        self.story_rows(since, None)
    }

    /// One story, if it exists.
    pub fn story(&self, id: u32) -> Result<Option<StoryRow>> {
        Ok(self.story_rows(None, Some(id))?.into_iter().next())
    }

    fn story_rows(&self, since: Option<i64>, id: Option<u32>) -> Result<Vec<StoryRow>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.id, s.headline, s.articles, s.first_day, s.last_day,
                        (SELECT group_concat(src, char(31)) FROM
                            (SELECT DISTINCT source AS src FROM articles
                             WHERE story = s.id AND source IS NOT NULL ORDER BY src)),
                        EXISTS (SELECT 1 FROM articles WHERE story = s.id AND undated = 1)
                 FROM stories s WHERE s.last_day >= ?1 AND (?2 IS NULL OR s.id = ?2)
                 ORDER BY s.last_day DESC, s.id",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map(params![since.unwrap_or(i64::MIN), id], |r| {
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
                })
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))
    }

    /// The articles of a story in publication order (ties: ingest order).
    pub fn members(&self, story: u32) -> Result<Vec<StoredArticle>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, a.url, a.title, a.source, a.published, a.text, a.day, a.undated,
                        (SELECT o.id FROM articles o WHERE o.seq = a.copy_of)
                 FROM articles a WHERE a.story = ?1 ORDER BY a.day, a.seq",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([story], |r| {
                Ok(StoredArticle {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    title: r.get(2)?,
                    source: r.get(3)?,
                    published: r.get(4)?,
                    text: r.get(5)?,
                    day: r.get(6)?,
                    undated: r.get(7)?,
                    copy_of: r.get(8)?,
                })
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))
    }

    /// Story of every article, in ingest order: `(article id, story, copy_of id)`.
    pub fn assignments(&self) -> Result<Vec<(String, u32, Option<String>)>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, a.story, (SELECT o.id FROM articles o WHERE o.seq = a.copy_of)
                 FROM articles a ORDER BY a.seq",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.error(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))
    }

    /// The cached output for `key` (format and settings) of a story, if it was computed when
    /// the story had `articles` articles, that is, if its membership has not changed since.
    pub fn cached_brief(&self, story: u32, key: &str, articles: usize) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT output FROM briefs WHERE story = ?1 AND key = ?2 AND articles = ?3",
                params![story, key, articles as i64],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))
    }

    /// Cache the output for `key` of a story that has `articles` articles.
    pub fn save_brief(&self, story: u32, key: &str, articles: usize, output: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO briefs(story, key, articles, output) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(story, key) DO UPDATE SET articles = ?3, output = ?4",
                params![story, key, articles as i64, output],
            )
            .map(|_| ())
            .map_err(|e| self.error(e))
    }

    /// The clusterer as it stood after the last stored article: the checkpoint, then every
    /// article after it replayed, each checked against the story it was stored in. Also the
    /// number of articles at the checkpoint.
    fn clusterer(&self) -> Result<(Clusterer, usize)> {
        let params = self.params()?;
        let checkpoint: Option<(i64, Vec<u8>)> = self
            .conn
            .query_row("SELECT articles, state FROM checkpoint", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| self.error(e))?;
        let damaged = |e: DecodeError| self.corrupt(e.to_string());
        let mut c = match checkpoint {
            Some((n, state)) => {
                let c = Clusterer::from_bytes(params, &state).map_err(damaged)?;
                if c.articles() as i64 != n {
                    return Err(self.corrupt("checkpoint article count"));
                }
                c
            }
            None => Clusterer::new(params),
        };
        let checkpointed = c.articles();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT seq, features, day, story, copy_of FROM articles
                 WHERE seq >= ?1 ORDER BY seq",
            )
            .map_err(|e| self.error(e))?;
        let mut rows = stmt
            .query([c.articles() as i64])
            .map_err(|e| self.error(e))?;
        let mut replayed: Vec<(i64, u32, bool)> = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.error(e))? {
            let get = |e: rusqlite::Error| self.error(e);
            let seq: i64 = r.get(0).map_err(get)?;
            let blob: Vec<u8> = r.get(1).map_err(get)?;
            let day: i64 = r.get(2).map_err(get)?;
            let story: u32 = r.get(3).map_err(get)?;
            let copy_of: Option<i64> = r.get(4).map_err(get)?;
            if seq != c.articles() as i64 {
                return Err(self.corrupt(format!("article {seq} out of sequence")));
            }
            let f = Features::from_bytes(&blob).map_err(damaged)?;
            let same_copy = c.add(&f, day).copy_of.map(i64::from) == copy_of;
            replayed.push((seq, story, same_copy));
        }
        // Stories are compared at the end: a later article may have moved an earlier one
        // (absorbing).
        for (seq, story, same_copy) in replayed {
            if !same_copy || c.story_of(seq as u32).map(|s| s + 1) != Some(story) {
                return Err(
                    self.corrupt(format!("article {seq} does not cluster as it was stored"))
                );
            }
        }
        Ok((c, checkpointed))
    }
}

/// Clustering parameters as stored: `name=value` pairs.
fn describe(p: &Params) -> String {
    Params::NAMES
        .iter()
        .filter_map(|n| p.get(n).map(|v| format!("{n}={v}")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A store error with the file's name, telling locks and damage apart from the rest.
fn classify(path: &str, e: rusqlite::Error) -> StoreError {
    let path = path.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
        Some(ErrorCode::NotADatabase) => StoreError::Foreign {
            path,
            why: "not an SQLite database".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path,
            why: e.to_string(),
        },
        _ => StoreError::Sqlite { path, source: e },
    }
}

/// The stored text hash: [`text_fingerprint`] as SQLite's signed integer.
fn text_hash(text: &str) -> i64 {
    text_fingerprint(text) as i64
}

/// Host of a url, as the source of an article that names none.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |x| x.1);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// A headline for a story started by this article: its title, else its first sentence.
fn headline(a: &NewArticle) -> String {
    if let Some(t) = a.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        return t.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let text = a.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = newsbrief_core::text::sentence::split(&text)
        .first()
        .map(|s| text[s.span.start..s.span.end].to_string())
        .unwrap_or(text);
    const MAX: usize = 120;
    if first.chars().count() <= MAX {
        return first;
    }
    let cut: String = first.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |x| x.0);
    format!("{cut}…")
}

/// Adding articles to a store: the store and the clusterer, kept in step.
#[derive(Debug)]
pub struct Ingest {
    store: Store,
    clusterer: Clusterer,
    /// Articles at the last checkpoint.
    checkpointed: usize,
    /// A batch failed after clustering began: the clusterer is ahead of the store.
    poisoned: bool,
}

impl Ingest {
    /// Open the store at `path` for adding articles, creating it if needed (with `params`, or
    /// the defaults). Resumes the clusterer from the store's checkpoint and the articles after
    /// it.
    pub fn open(path: &Path, params: Option<&Params>) -> Result<Ingest> {
        let store = Store::open_or_create(path, params)?;
        let (clusterer, checkpointed) = store.clusterer()?;
        Ok(Ingest {
            store,
            clusterer,
            checkpointed,
            poisoned: false,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Add a batch of articles, in the order given (publication order), in one transaction:
    /// either all of the batch is stored or none of it.
    pub fn add_batch(&mut self, batch: &[NewArticle]) -> Result<Vec<Added>> {
        if self.poisoned {
            return Err(StoreError::Refused {
                path: self.store.path.clone(),
                why: "an earlier batch failed; open the store again to continue".into(),
            });
        }
        let path = &self.store.path;
        let err = |e: rusqlite::Error| classify(path, e);
        // Take the write lock now, so a concurrent writer is found before clustering.
        let tx = self
            .store
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        // Articles are numbered from 0 without gaps: the next number, from the rowid index.
        let stored: i64 = tx
            .query_row("SELECT coalesce(max(seq) + 1, 0) FROM articles", [], |r| {
                r.get(0)
            })
            .map_err(err)?;
        if stored != self.clusterer.articles() as i64 {
            return Err(StoreError::Refused {
                path: path.clone(),
                why: "the store changed under this ingest (another ingest running?)".into(),
            });
        }
        self.poisoned = true;
        let mut out = Vec::with_capacity(batch.len());
        {
            let mut find = tx
                .prepare_cached(
                    "SELECT id, CASE WHEN id = ?1 THEN 'id' ELSE 'url' END, text FROM articles
                     WHERE id = ?1 OR (?2 IS NOT NULL AND url = ?2) LIMIT 1",
                )
                .map_err(err)?;
            let mut by_text = tx
                .prepare_cached("SELECT id, text FROM articles WHERE text_hash = ?1")
                .map_err(err)?;
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO articles(seq, id, url, text_hash, title, source, published,
                         day, undated, story, copy_of, text, features)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .map_err(err)?;
            let mut new_story = tx
                .prepare_cached(
                    "INSERT INTO stories(id, headline, articles, first_day, last_day)
                     VALUES (?1, ?2, 1, ?3, ?3)",
                )
                .map_err(err)?;
            let mut grow = tx
                .prepare_cached(
                    "UPDATE stories SET articles = articles + 1,
                         first_day = min(first_day, ?2), last_day = max(last_day, ?2)
                     WHERE id = ?1",
                )
                .map_err(err)?;
            let mut id_of = tx
                .prepare_cached("SELECT id FROM articles WHERE seq = ?1")
                .map_err(err)?;
            let mut merge = tx
                .prepare_cached(
                    "UPDATE stories SET
                         articles = articles + (SELECT articles FROM stories WHERE id = ?2),
                         first_day = min(first_day,
                             (SELECT first_day FROM stories WHERE id = ?2)),
                         last_day = max(last_day, (SELECT last_day FROM stories WHERE id = ?2))
                     WHERE id = ?1",
                )
                .map_err(err)?;
            let mut move_articles = tx
                .prepare_cached("UPDATE articles SET story = ?1 WHERE story = ?2")
                .map_err(err)?;
            let mut drop_briefs = tx
                .prepare_cached("DELETE FROM briefs WHERE story = ?1")
                .map_err(err)?;
            let mut drop_story = tx
                .prepare_cached("DELETE FROM stories WHERE id = ?1")
                .map_err(err)?;
            for a in batch {
                let hash = text_hash(&a.text);
                let dup: Option<(String, String, String)> = find
                    .query_row(params![a.id, a.url], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()
                    .map_err(err)?;
                if let Some((of, by, text)) = dup {
                    let by = if by == "id" { "id" } else { "url" };
                    out.push(Added::Duplicate {
                        of,
                        by,
                        differs: by == "id" && !same_words(&text, &a.text),
                    });
                    continue;
                }
                let mut same = None;
                let mut rows = by_text.query([hash]).map_err(err)?;
                while let Some(r) = rows.next().map_err(err)? {
                    let text: String = r.get(1).map_err(err)?;
                    if same_words(&text, &a.text) {
                        same = Some(r.get::<_, String>(0).map_err(err)?);
                        break;
                    }
                }
                drop(rows);
                if let Some(of) = same {
                    out.push(Added::Duplicate {
                        of,
                        by: "text",
                        differs: false,
                    });
                    continue;
                }
                let seq = self.clusterer.articles() as i64;
                let assignment = self.clusterer.add(&a.features, a.day);
                let story = assignment.story + 1;
                if assignment.new_story {
                    new_story
                        .execute(params![story, headline(a), a.day])
                        .map_err(err)?;
                } else {
                    grow.execute(params![story, a.day]).map_err(err)?;
                }
                let source = a.source.clone().or_else(|| a.url.as_deref().and_then(host));
                insert
                    .execute(params![
                        seq,
                        a.id,
                        a.url,
                        hash,
                        a.title,
                        source,
                        a.published,
                        a.day,
                        a.undated,
                        story,
                        assignment.copy_of.map(i64::from),
                        a.text,
                        a.features.to_bytes(),
                    ])
                    .map_err(err)?;
                // Stories this one absorbed: their articles move here, and they go.
                let absorbed: Vec<u32> = assignment.absorbed.iter().map(|s| s + 1).collect();
                for &gone in &absorbed {
                    merge.execute(params![story, gone]).map_err(err)?;
                    move_articles.execute(params![story, gone]).map_err(err)?;
                    drop_briefs.execute([gone]).map_err(err)?;
                    drop_story.execute([gone]).map_err(err)?;
                }
                let copy_of = match assignment.copy_of {
                    Some(o) => Some(
                        id_of
                            .query_row([i64::from(o)], |r| r.get::<_, String>(0))
                            .map_err(err)?,
                    ),
                    None => None,
                };
                out.push(Added::Stored {
                    story,
                    new_story: assignment.new_story,
                    copy_of,
                    absorbed,
                });
            }
        }
        if self.clusterer.articles() - self.checkpointed >= CHECKPOINT_EVERY {
            write_checkpoint(&tx, &self.clusterer).map_err(err)?;
            self.checkpointed = self.clusterer.articles();
        }
        tx.commit().map_err(err)?;
        self.poisoned = false;
        Ok(out)
    }

    /// Write a checkpoint if articles were added since the last one.
    pub fn finish(mut self) -> Result<()> {
        if self.poisoned || self.clusterer.articles() == self.checkpointed {
            return Ok(());
        }
        let path = &self.store.path;
        let err = |e: rusqlite::Error| classify(path, e);
        let tx = self.store.conn.transaction().map_err(err)?;
        write_checkpoint(&tx, &self.clusterer).map_err(err)?;
        tx.commit().map_err(err)?;
        self.checkpointed = self.clusterer.articles();
        Ok(())
    }
}

fn write_checkpoint(conn: &Connection, c: &Clusterer) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO checkpoint(one, articles, state) VALUES (1, ?1, ?2)
         ON CONFLICT(one) DO UPDATE SET articles = ?1, state = ?2",
        params![c.articles() as i64, c.to_bytes()],
    )
    .map(|_| ())
}

#[cfg(test)]
mod tests;
