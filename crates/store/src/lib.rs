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
//!     authors: Vec::new(),
//!     language: Some("en".into()),
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
use newsbrief_core::text::text_fingerprint;
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension};

mod ingest;
mod query;
mod schema;

pub use ingest::{identify, Ingest, FUTURE_DAYS};
pub use query::{brief_key, match_query, SearchHit, StoryQuery};

/// Written in `meta` as `schema`; a store with another value is refused, except schema 2,
/// which a read-write open upgrades (see [`schema`]).
/// Schema 2: stories absorb stories of one article (clustering state format 2).
/// Schema 3: a full-text index of titles and texts (`articles_fts`, SQLite FTS5).
const SCHEMA: &str = "5";
/// Written in `meta` as `application`, so a foreign SQLite file is never taken for a store.
const APPLICATION: &str = "newsbrief";
/// How long to wait for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

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
    /// The publication date as given, else as its timestamp line states it, if any.
    pub published: Option<String>,
    /// Who wrote it, as given, else as its bylines name them.
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub text: String,
    /// Publication day; when `undated`, a day for the clusterer only (the ingest day, which
    /// [`Ingest`] replaces by the previous dated article's day when there is one).
    pub day: i64,
    /// No usable publication date: it shows none, and does not set its story's dates.
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
    /// The first and last day of its dated articles; `None` when it has only undated ones.
    pub first_day: Option<i64>,
    pub last_day: Option<i64>,
    /// The day the listing orders it by: its last article's day, an undated article counting
    /// at the previous dated article's day (not shown).
    pub sort_day: i64,
    /// Some article had no usable date.
    pub has_undated: bool,
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub id: String,
    /// The story it is in now.
    pub story: u32,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub text: String,
    /// Its publication day; when `undated`, where it was clustered (never to be shown).
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
    /// Opened for writing: briefs may be cached.
    writable: bool,
}

impl Store {
    /// Open an existing store. Fails when there is none, or the file is something else. A
    /// store of schema 2 is upgraded (the search index is built, in one transaction).
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        if !path.exists() {
            return Err(StoreError::Missing { path: shown });
        }
        probe(path)?;
        let store = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        store.check(true)?;
        Ok(store)
    }

    /// Open an existing store for reading only (`SQLITE_OPEN_READ_ONLY`): nothing is created,
    /// upgraded or cached through this connection, and it never takes the write lock, so it
    /// reads while a writer commits (WAL). A store of an older schema is refused.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        if !path.exists() {
            return Err(StoreError::Missing { path: shown });
        }
        probe(path)?;
        let opened = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|store| {
            store.check(false)?;
            Ok(store)
        });
        match opened {
            // A store in WAL mode needs a `-shm` file beside it to be read, and none can be
            // made on a read-only mount. With no `-wal` file (nothing left to fold in) the
            // file holds the whole store: read it as immutable, which needs neither.
            Err(e) if cannot_write(&e) && !sidecar(path, "-wal").exists() => {
                let store = Store::reader(path, true)?;
                store.check(false)?;
                Ok(store)
            }
            opened => opened,
        }
    }

    /// Open an existing store to read it, and to cache briefs in it when it may be written. A
    /// file marked read-only (no write permission; respected even by a process that could
    /// override it) or one that cannot be opened for writing (a read-only directory or mount)
    /// is opened as by [`Store::open_read_only`]: [`Store::writable`] is then false, and
    /// nothing is written.
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        let marked = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        if marked {
            return Store::open_read_only(path);
        }
        match Store::open(path) {
            Err(e) if cannot_write(&e) => Store::open_read_only(path),
            opened => opened,
        }
    }

    /// Whether this store was opened for writing (briefs can be cached).
    pub fn writable(&self) -> bool {
        self.writable
    }

    /// Open a store for an [`Ingest`], creating it (with `params`, or the defaults) when the
    /// file does not exist, and the ingest lock that goes with it (see [`lock`]): a second
    /// ingest is refused at once, even while the first one creates the store. Given `params`
    /// must match those of an existing store.
    fn open_or_create(path: &Path, params: Option<&Params>) -> Result<(Store, std::fs::File)> {
        let shown = path.display().to_string();
        if path.exists() {
            probe(path)?;
        }
        let lock = lock(path)?;
        if !path.exists() {
            create(path, params.cloned().unwrap_or_default())?;
        }
        probe(path)?;
        let store = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        store.check(true)?;
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
        Ok((store, lock))
    }

    /// A read-only connection that sets nothing up (see [`read_only_connection`]).
    fn reader(path: &Path, immutable: bool) -> Result<Store> {
        let shown = path.display().to_string();
        let conn = read_only_connection(path, immutable).map_err(|e| classify(&shown, e))?;
        Ok(Store {
            conn,
            path: shown,
            writable: false,
        })
    }

    fn connect(path: &Path, flags: OpenFlags) -> Result<Store> {
        let shown = path.display().to_string();
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| classify(&shown, e))?;
        let store = Store {
            conn,
            path: shown,
            writable: !flags.contains(OpenFlags::SQLITE_OPEN_READ_ONLY),
        };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.error(e))?;
        if flags.contains(OpenFlags::SQLITE_OPEN_READ_ONLY) {
            return Ok(store);
        }
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

    /// The file is a newsbrief store of this schema (or of schema 2, upgraded when `upgrade`).
    fn check(&self, upgrade: bool) -> Result<()> {
        self.check_ours()?;
        self.check_schema(upgrade)
    }

    /// The file has newsbrief's `meta` table (reads only).
    fn check_ours(&self) -> Result<()> {
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
        Ok(())
    }

    fn check_schema(&self, upgrade: bool) -> Result<()> {
        match self.meta("schema")? {
            Some(s) if s == SCHEMA => Ok(()),
            Some(s) if schema::UPGRADABLE.contains(&s.as_str()) && upgrade => {
                schema::upgrade(&self.conn).map_err(|e| self.error(e))
            }
            Some(s) if schema::UPGRADABLE.contains(&s.as_str()) => Err(StoreError::Refused {
                path: self.path.clone(),
                why: format!(
                    "store schema {s} is older than {SCHEMA}; open it once for writing \
                     (`newsbrief ingest` or `newsbrief serve`) to upgrade it"
                ),
            }),
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

    /// The day of the last dated article stored, if any.
    fn last_dated(&self) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT day FROM articles WHERE undated = 0 ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))
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
        self.story_page(&StoryQuery {
            since,
            ..StoryQuery::default()
        })
    }

    /// One story, if it exists.
    pub fn story(&self, id: u32) -> Result<Option<StoryRow>> {
        Ok(self
            .story_page(&StoryQuery {
                id: Some(id),
                ..StoryQuery::default()
            })?
            .into_iter()
            .next())
    }

    /// The articles of a story in publication order (ties: ingest order).
    pub fn members(&self, story: u32) -> Result<Vec<StoredArticle>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, a.url, a.title, a.source, a.published, a.text, a.day, a.undated,
                        (SELECT o.id FROM articles o WHERE o.seq = a.copy_of), a.story,
                        a.authors, a.language
                 FROM articles a WHERE a.story = ?1 ORDER BY a.day, a.seq",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([story], stored_article)
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

/// Whether the existing file at `path` is a newsbrief store, found out without writing a byte
/// or creating a file, before any connection that could write (switch the journal mode, create
/// tables) is opened. An empty file is not a store. Its `meta` table is read through an
/// immutable read-only connection (no locks, no `-wal` or `-shm` file created), which sees
/// what is in the main file: a store's `meta` rows are written when it is created and are there
/// after the first checkpoint. If that finds no store and a `-wal` file exists beside it (its
/// `meta` may be there still), a plain read-only connection, which then creates nothing,
/// looks again. The file is only read through SQLite: closing another descriptor of it would
/// drop the process's SQLite locks on it.
fn probe(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    let len = std::fs::metadata(path).map_err(|e| StoreError::Refused {
        path: shown.clone(),
        why: e.to_string(),
    })?;
    if len.len() == 0 {
        return Err(StoreError::Foreign {
            path: shown,
            why: "an empty file".into(),
        });
    }
    let look = |immutable: bool| Store::reader(path, immutable)?.check_ours();
    match look(true) {
        Err(_) if sidecar(path, "-wal").exists() => look(false),
        found => found,
    }
}

/// The ingest lock of the store at `path`, taken: an exclusive lock (`flock`) on
/// `<store>-lock`, released by the system when the process ends, however it ends. Another
/// ingest finds it taken at once. The lock file is left in place (removing it could let two
/// ingests lock two different files). It is a file of its own, not the store: closing a
/// descriptor of the store would drop the process's SQLite locks on it.
fn lock(path: &Path) -> Result<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(sidecar(path, "-lock"))
        .map_err(|e| lock_refused(path, e))?;
    try_lock(&file, path)?;
    Ok(file)
}

/// Take the ingest lock through `file`, or say the store is locked.
fn try_lock(file: &std::fs::File, path: &Path) -> Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked {
            path: path.display().to_string(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(lock_refused(path, e)),
    }
}

fn lock_refused(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Refused {
        path: path.display().to_string(),
        why: format!("cannot take the ingest lock: {e}"),
    }
}

/// Create a new store at `path`, which does not exist, whole or not at all: its tables are
/// written into `<store>-creating` (a leftover of a killed creation is replaced), which is
/// then linked to `path`, so no process ever sees a half-made store. If something else made
/// `path` in between, that is left as it is (and probed as any existing file).
fn create(path: &Path, params: Params) -> Result<()> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| StoreError::Refused {
        path: shown.clone(),
        why: format!("cannot create the store: {e}"),
    };
    let temp = sidecar(path, "-creating");
    for leftover in [temp.clone(), sidecar(&temp, "-journal")] {
        match std::fs::remove_file(&leftover) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
            _ => {}
        }
    }
    let conn = Connection::open(&temp).map_err(|e| classify(&shown, e))?;
    schema::create(&conn, &describe(&params)).map_err(|e| classify(&shown, e))?;
    conn.close().map_err(|(_, e)| classify(&shown, e))?;
    let linked = std::fs::hard_link(&temp, path);
    std::fs::remove_file(&temp).map_err(io)?;
    match linked {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(io(e)),
        _ => Ok(()),
    }
}

/// `path` with `suffix` appended to its file name (SQLite's `-wal` and `-shm` files).
fn sidecar(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    name.into()
}

/// A read-only connection; `immutable` tells SQLite that nobody writes the file, so it takes
/// no locks and creates no `-shm` file (a URI with `immutable=1`; paths that are not UTF-8
/// are opened plainly).
fn read_only_connection(path: &Path, immutable: bool) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match path.to_str().filter(|_| immutable) {
        Some(p) => Connection::open_with_flags(
            format!("file:{}?immutable=1", uri_escape(p)),
            flags | OpenFlags::SQLITE_OPEN_URI,
        ),
        None => Connection::open_with_flags(path, flags),
    }
}

/// A path as the path of a `file:` URI: every byte but letters, digits, `/._~-` as `%HH`.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/._~-".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A [`StoredArticle`] from the columns id, url, title, source, published, text, day, undated,
/// copy_of's id, story.
fn stored_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredArticle> {
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
        story: r.get(9)?,
        authors: r
            .get::<_, Option<String>>(10)?
            .map(|a| a.lines().map(str::to_string).collect())
            .unwrap_or_default(),
        language: r.get(11)?,
    })
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

/// SQLite could not write the file or make its `-wal` or `-shm` file.
fn cannot_write(e: &StoreError) -> bool {
    match e {
        StoreError::Sqlite { source, .. } => matches!(
            source.sqlite_error_code(),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
        ),
        _ => false,
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

#[cfg(test)]
mod tests;
