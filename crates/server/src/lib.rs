//! # newsbrief-server
//!
//! `newsbrief serve`: an HTTP API and server-rendered web pages over one story store.
//!
//! * [`Server::bind`] opens (or creates) the store, starts the writer and binds the address;
//!   [`Server::run`] serves until the given future resolves.
//! * `api`: the JSON API under `/api/` (stories, briefs, articles, search, stateless briefs,
//!   ingest, server-sent events), with its OpenAPI document generated from the handlers'
//!   annotations (`utoipa`) at `/api/openapi.json`.
//! * `pages`: HTML for people: the stories, a story's brief with its evidence, an article, a
//!   search, and a form to brief pasted or uploaded articles. Every page is a view of the
//!   JSON the API returns (the brief JSON is parsed back, never a second source of truth);
//!   it reads without JavaScript, and `static/app.js` only adds the citation popups and live
//!   updates.
//! * `state`: the shared state. **Reads never wait on an ingest**: one writer thread owns the
//!   [`newsbrief_store::Ingest`] (the only write connection, fed through a channel, which
//!   also publishes story events); requests read through a pool of read-only connections
//!   (`Store::open_read_only`; WAL lets them read while the writer commits), on tokio's
//!   blocking threads. Briefs are cached in memory per story and settings, and in the store
//!   (the cache `newsbrief story` uses, written by the writer); both are keyed by the
//!   story's article count, so a story that grew is briefed again.
//! * `security`: the bearer token of the write endpoints (a random token in a 0600 file,
//!   compared in constant time), security headers (a Content-Security-Policy that allows no
//!   inline script or style), and the JSON error type.
//! * `metrics`: request counts and latency histograms per route, in Prometheus text.
//!
//! The server reads the clock in one place (`state::today`): the day the clusterer places an
//! undated article at when no dated one came before it (never shown), as `newsbrief ingest`
//! does.
#![forbid(unsafe_code)]

mod api;
mod input;
mod metrics;
mod pages;
mod security;
mod state;
pub mod view;
mod writer;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use api::openapi_json;
pub use security::{load_or_create_token, TokenError};

/// What went wrong starting or running the server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] newsbrief_store::StoreError),
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// How to run a server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store file; created if missing.
    pub db: PathBuf,
    /// Where to listen (port 0: any free port, see [`Server::local_addr`]).
    pub addr: SocketAddr,
    /// The bearer token the write endpoints require.
    pub token: String,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Longest time a request may take before it is answered 408.
    pub timeout: Duration,
    /// Articles over this many bytes are skipped (as `--max-article-bytes` does).
    pub max_article_bytes: usize,
}

impl Config {
    /// Defaults for everything but the store, the address and the token.
    pub fn new(db: PathBuf, addr: SocketAddr, token: String) -> Config {
        Config {
            db,
            addr,
            token,
            body_limit: 32 << 20,
            timeout: Duration::from_secs(60),
            max_article_bytes: 10_000_000,
        }
    }
}

/// A bound server, ready to [`run`](Server::run).
#[derive(Debug)]
pub struct Server {
    listener: tokio::net::TcpListener,
    state: Arc<state::State>,
    writer: writer::Writer,
    watcher: tokio::task::JoinHandle<()>,
    body_limit: usize,
    timeout: Duration,
}

impl Server {
    /// Open (or create) the store, start its writer, and bind the address. Must be called
    /// inside a tokio runtime.
    pub async fn bind(config: Config) -> Result<Server, ServerError> {
        let (state, writer) = state::State::open(&config)?;
        let watcher = tokio::spawn(writer::watch(state.clone()));
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServerError::Bind {
                addr: config.addr,
                source,
            })?;
        Ok(Server {
            listener,
            state,
            writer,
            watcher,
            body_limit: config.body_limit,
            timeout: config.timeout,
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> Result<SocketAddr, ServerError> {
        Ok(self.listener.local_addr()?)
    }

    /// Serve until `shutdown` resolves, then let open requests finish, close event streams,
    /// and stop the writer (which writes a clustering checkpoint).
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        let app = api::router(self.state.clone(), self.body_limit, self.timeout);
        let state = self.state.clone();
        let stop = async move {
            shutdown.await;
            state.stop();
        };
        let served = axum::serve(self.listener, app)
            .with_graceful_shutdown(stop)
            .await;
        // The writer stops when the last holder of the state lets go: the watcher ends on the
        // stop signal, and requests in flight have finished.
        let _ = self.watcher.await;
        drop(self.state);
        let writer = self.writer;
        let _ = tokio::task::spawn_blocking(move || writer.stop()).await;
        Ok(served?)
    }
}
