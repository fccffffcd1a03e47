//! The state every request shares: read-only connections, the writer's channel, the brief
//! cache, the event channel and the metrics.
//!
//! A request that reads takes a read-only [`Store`] from a pool (opening one when the pool is
//! empty, so there are as many as requests reading at once, and gives it back after) and runs
//! on tokio's blocking threads: SQLite and the pipeline are synchronous, and must not hold up
//! the threads that serve other connections. WAL lets these connections read while the writer
//! commits; each sees the store as of its last commit.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::StatusCode;
use newsbrief_core::{analyze, build_brief, build_summary, summarize::by_name};
use newsbrief_store::{brief_key, Ingest, Store};
use tokio::sync::{broadcast, watch};

use crate::metrics::Metrics;
use crate::security::ApiError;
use crate::writer::{self, Event, Writer};
use crate::Config;

/// Cached briefs kept in memory at most; past it the cache starts again (a plain bound; the
/// store keeps every brief anyway).
const CACHE_MAX: usize = 4096;

/// How a brief is made: the settings of `newsbrief story`, as query parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BriefSettings {
    pub words: usize,
    pub method: String,
    pub facts: bool,
    pub with_text: bool,
}

impl Default for BriefSettings {
    fn default() -> Self {
        BriefSettings {
            words: 120,
            method: newsbrief_core::DEFAULT_METHOD.to_string(),
            facts: true,
            with_text: false,
        }
    }
}

impl BriefSettings {
    /// The key `newsbrief story --format json` caches this brief under.
    pub fn key(&self) -> String {
        brief_key(
            "Json",
            self.words,
            &self.method,
            &[],
            self.facts,
            self.with_text,
        )
    }
}

/// One cached brief: the story's article count it was made at, and the JSON.
type Cached = (usize, Arc<str>);

#[derive(Debug)]
pub struct State {
    pub db: PathBuf,
    /// The store's name in messages and in a brief's `file` fields, as `story` shows it.
    pub place: String,
    pub token: String,
    pub max_article_bytes: usize,
    readers: Mutex<Vec<Store>>,
    pub writer: writer::Sender,
    pub events: broadcast::Sender<Event>,
    cache: Mutex<HashMap<(u32, String), Cached>>,
    /// Story listings as JSON, by query, with the store version they were made at.
    lists: Mutex<HashMap<String, (i64, Arc<str>)>>,
    pub metrics: Metrics,
    /// Set when the server stops: event streams end.
    pub stopping: watch::Receiver<bool>,
    stop: watch::Sender<bool>,
}

/// Lock a mutex, taking the data even if a panicking thread poisoned it (the data here is a
/// pool and a cache, each consistent after every operation).
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Today (UTC) in days since 1970-01-01: where undated articles are placed.
pub fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    (secs / 86_400) as i64
}

impl State {
    /// Open the store for writing (creating it, upgrading an older one) and start the
    /// writer; readers are opened on demand.
    pub fn open(config: &Config) -> Result<(Arc<State>, Writer), crate::ServerError> {
        let ingest = Ingest::open_between_batches(&config.db, None)?;
        // One reader now, so that a store readers cannot open fails at start, not later.
        let reader = Store::open_read_only(&config.db)?;
        let (events, _) = broadcast::channel(1024);
        let (stop, stopping) = watch::channel(false);
        let writer = Writer::start(ingest, events.clone())?;
        let state = State {
            db: config.db.clone(),
            place: config.db.display().to_string(),
            token: config.token.clone(),
            max_article_bytes: config.max_article_bytes,
            readers: Mutex::new(vec![reader]),
            writer: writer.sender(),
            events,
            cache: Mutex::new(HashMap::new()),
            lists: Mutex::new(HashMap::new()),
            metrics: Metrics::default(),
            stopping,
            stop,
        };
        Ok((Arc::new(state), writer))
    }

    /// Tell event streams to end.
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }

    /// Run `f` on a read-only connection, on a blocking thread.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&State, &Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = lock(&state.readers).pop();
            let store = match pooled {
                Some(s) => s,
                None => Store::open_read_only(&state.db)?,
            };
            let out = f(&state, &store);
            lock(&state.readers).push(store);
            out
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// The brief JSON of story `id` with `settings`: from the memory cache, else the store's
    /// cache, else made now (and cached in both); `None` when there is no such story.
    /// Blocking: call it inside [`State::read`].
    pub fn story_brief(
        &self,
        store: &Store,
        id: u32,
        settings: &BriefSettings,
    ) -> Result<Option<Arc<str>>, ApiError> {
        let Some(size) = store.story_size(id)? else {
            return Ok(None);
        };
        let key = settings.key();
        if let Some((n, json)) = lock(&self.cache).get(&(id, key.clone())) {
            if *n == size {
                return Ok(Some(json.clone()));
            }
        }
        let json: Arc<str> = match store.cached_brief(id, &key, size)? {
            Some(stored) => stored.into(),
            None => {
                let articles = store.story_articles(id, &format!("{}: story {id}", self.place))?;
                let json: Arc<str> = brief_json(articles, settings)?.into();
                self.writer.save_brief(id, key.clone(), size, json.clone());
                json
            }
        };
        let mut cache = lock(&self.cache);
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        cache.insert((id, key), (size, json.clone()));
        Ok(Some(json))
    }
}

impl State {
    /// The listing for `key` (the request's query) at the store's current version: cached,
    /// else made by `make` and cached. A listing is a few sub-queries per story; the version
    /// is one lookup. Blocking: call it inside [`State::read`].
    pub fn listing(
        &self,
        store: &Store,
        key: &str,
        make: impl FnOnce(&Store) -> Result<String, ApiError>,
    ) -> Result<Arc<str>, ApiError> {
        let version = store.version()?;
        if let Some((v, json)) = lock(&self.lists).get(key) {
            if *v == version {
                return Ok(json.clone());
            }
        }
        let json: Arc<str> = make(store)?.into();
        let mut lists = lock(&self.lists);
        if lists.len() >= CACHE_MAX {
            lists.clear();
        }
        lists.insert(key.to_string(), (version, json.clone()));
        Ok(json)
    }
}

/// The brief of `articles` as JSON, as `newsbrief brief --format json` writes it.
pub fn brief_json(
    articles: Vec<newsbrief_core::Article>,
    settings: &BriefSettings,
) -> Result<String, ApiError> {
    let method = by_name(&settings.method).ok_or_else(|| {
        let names: Vec<&str> = newsbrief_core::summarize::registry()
            .iter()
            .map(|s| s.name())
            .collect();
        ApiError::bad_request(format!(
            "unknown method {:?}; choose one of: {}",
            settings.method,
            names.join(", ")
        ))
    })?;
    let story = analyze(articles);
    if story.documents.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "no article has any usable sentence",
        ));
    }
    if let Some(why) = method.refuses(&story) {
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, why));
    }
    let brief = if settings.facts {
        build_brief(story, method, settings.words)
    } else {
        build_summary(story, method, settings.words)
    };
    Ok(newsbrief_formats::write::json(&brief, settings.with_text))
}
