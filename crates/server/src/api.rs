//! The JSON API, its OpenAPI document, and the router of the whole server.
//!
//! Routes are registered through `utoipa-axum` from the handlers' `#[utoipa::path]`
//! annotations, so a route cannot exist without its documentation, nor the reverse; the
//! request and response types are the Rust types the handlers use (`ToSchema`). A test asks
//! every documented operation and checks the answer against its documented status and schema.
//!
//! Every error is `{"error", "status"}` JSON (`ApiError`), extractor rejections included.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::{middleware, Json, Router};
use futures_util::stream::{self, Stream};
use newsbrief_core::facts::time::{parse_date, Date};
use newsbrief_store::{Added, NewArticle, StoryQuery};
use serde::{Deserialize, Serialize};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::input::{self, Rejected};
use crate::security::{self, ApiError, ErrorBody};
use crate::state::{self, BriefSettings, State as AppState};
use crate::view;
use crate::writer::{story_out, Event};

type Shared = Arc<AppState>;
type ApiResult<T> = Result<T, ApiError>;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "newsbrief",
        description = "Stories of a newsbrief store, their cited briefs, articles and search; \
            stateless briefs; ingest (bearer token). Article numbers are 1-based; spans are byte \
            offsets into an article's cleaned text.",
    ),
    components(schemas(ErrorBody, Event)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document, as `/api/openapi.json` serves it.
pub fn openapi_json() -> String {
    let (_, doc) = api_router().split_for_parts();
    doc.to_pretty_json().unwrap_or_default()
}

fn api_router() -> OpenApiRouter<Shared> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list_stories))
        .routes(routes!(story_brief))
        .routes(routes!(story_articles))
        .routes(routes!(article))
        .routes(routes!(search))
        .routes(routes!(brief))
        .routes(routes!(ingest))
        .routes(routes!(events))
        .routes(routes!(healthz))
        .routes(routes!(metrics))
}

/// The whole server: API, OpenAPI document, pages, and the layers every request goes through
/// (metrics, security headers, body limit, timeout).
pub fn router(state: Shared, body_limit: usize, timeout: Duration) -> Router {
    let (api, doc) = api_router().split_for_parts();
    let doc = Arc::new(doc.to_pretty_json().unwrap_or_default());
    let mut app = api
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let doc = doc.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], (*doc).clone()) }
            }),
        )
        .merge(crate::pages::routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::track,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ));
    for (name, value) in security::headers() {
        app = app.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    app.with_state(state)
}

async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found(format!("no such endpoint: {}", uri.path())).into_response()
    } else {
        crate::pages::not_found("There is no page here.")
    }
}

/// A story as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StoryOut {
    pub id: u32,
    /// The title of its first article, else its first sentence.
    pub headline: String,
    pub articles: usize,
    /// Distinct sources (the `source` field, else the url's host), sorted.
    pub sources: Vec<String>,
    /// First and last dated article's day, YYYY-MM-DD; null when every article is undated.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Some article had no usable date (it sets no date of the story).
    pub undated_articles: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoriesPage {
    pub stories: Vec<StoryOut>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoriesParams {
    /// Only stories with an article on or after this day (YYYY-MM-DD).
    pub since: Option<String>,
    /// Only stories with an article that has all these words (full-text search).
    pub q: Option<String>,
    /// Stories per page (default 50, at most 500).
    pub limit: Option<usize>,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> ApiResult<T> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

fn path<T>(p: Result<Path<T>, PathRejection>) -> ApiResult<T> {
    p.map(|Path(t)| t)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

fn day(s: &str, what: &str) -> ApiResult<i64> {
    parse_date(s)
        .map(|d| d.days())
        .ok_or_else(|| ApiError::bad_request(format!("{what} {s:?} is not a date (YYYY-MM-DD)")))
}

/// Stories, the most recent first (last article's day, then id).
#[utoipa::path(get, path = "/api/stories", params(StoriesParams),
    responses((status = 200, body = StoriesPage), (status = 400, body = ErrorBody)))]
async fn list_stories(
    State(state): State<Shared>,
    params: Result<Query<StoriesParams>, QueryRejection>,
) -> ApiResult<Response> {
    let p = query(params)?;
    let limit = p.limit.unwrap_or(50).clamp(1, 500);
    let after = match &p.cursor {
        None => None,
        Some(c) => Some(
            c.split_once('.')
                .and_then(|(d, i)| Some((d.parse().ok()?, i.parse().ok()?)))
                .ok_or_else(|| ApiError::bad_request(format!("bad cursor {c:?}")))?,
        ),
    };
    let q = StoryQuery {
        since: p.since.as_deref().map(|s| day(s, "since")).transpose()?,
        id: None,
        q: p.q.filter(|q| !q.trim().is_empty()),
        limit: Some(limit + 1),
        after,
    };
    let key = format!("{:?}", q);
    let json = state
        .read(move |state, store| {
            state.listing(store, &key, |store| {
                let mut rows = store.story_page(&q)?;
                let next = if rows.len() > limit {
                    rows.truncate(limit);
                    rows.last().map(|s| format!("{}.{}", s.sort_day, s.id))
                } else {
                    None
                };
                let page = StoriesPage {
                    stories: rows.iter().map(story_out).collect(),
                    next,
                };
                serde_json::to_string(&page).map_err(ApiError::internal)
            })
        })
        .await?;
    Ok(json_text(json.to_string()))
}

/// How to make a brief (as `newsbrief story` / `brief` options).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BriefParams {
    /// Word budget (default 120, at most 5000).
    pub words: Option<usize>,
    /// Summarization method (default `coverage`; see `newsbrief methods`).
    pub method: Option<String>,
    /// Include quotes, disagreements, timeline, names and what each source adds (default true).
    pub facts: Option<bool>,
    /// Include each article's cleaned text, which the spans point into (default false).
    pub text: Option<bool>,
    /// The body is one file of this name, read by its extension as `newsbrief brief` reads
    /// files (`.txt`, `.md`, `.html`, `.json`, `.jsonl`) instead of JSON/JSONL articles.
    pub file: Option<String>,
}

impl BriefParams {
    fn settings(self) -> ApiResult<BriefSettings> {
        let d = BriefSettings::default();
        let method = self.method.unwrap_or(d.method);
        if newsbrief_core::summarize::by_name(&method).is_none() {
            return Err(ApiError::bad_request(format!("unknown method {method:?}")));
        }
        Ok(BriefSettings {
            words: self.words.unwrap_or(d.words).clamp(1, 5000),
            method,
            facts: self.facts.unwrap_or(d.facts),
            with_text: self.text.unwrap_or(d.with_text),
        })
    }
}

fn json_text(body: impl Into<axum::body::Body>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.into(),
    )
        .into_response()
}

/// A story's brief: the JSON of `newsbrief story ID --format json`, cached per settings and
/// made again when the story has gained articles.
#[utoipa::path(get, path = "/api/stories/{id}", params(("id" = u32, Path, description = "Story id"), BriefParams),
    responses((status = 200, body = view::Brief), (status = 400, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn story_brief(
    State(state): State<Shared>,
    id: Result<Path<u32>, PathRejection>,
    params: Result<Query<BriefParams>, QueryRejection>,
) -> ApiResult<Response> {
    let id = path(id)?;
    let settings = query(params)?.settings()?;
    let json = state
        .read(move |state, store| state.story_brief(store, id, &settings))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
    Ok(json_text(json.to_string()))
}

/// An article as listed with its story.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleOut {
    pub id: String,
    pub story: u32,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The publication date as given, else as its timestamp line states it.
    pub published: Option<String>,
    /// Who wrote it, as given, else as its bylines name them.
    pub authors: Vec<String>,
    /// The language the input declares (`en`, `en-GB`), if it does.
    pub language: Option<String>,
    /// Its publication day, YYYY-MM-DD; null when undated.
    pub date: Option<String>,
    pub undated: bool,
    /// The id of the article it is a near-copy of.
    pub copy_of: Option<String>,
}

fn article_out(a: &newsbrief_store::StoredArticle) -> ArticleOut {
    ArticleOut {
        id: a.id.clone(),
        story: a.story,
        title: a.title.clone(),
        source: a.source.clone(),
        url: a.url.clone(),
        published: a.published.clone(),
        authors: a.authors.clone(),
        language: a.language.clone(),
        date: (!a.undated).then(|| Date::from_days(a.day).to_string()),
        undated: a.undated,
        copy_of: a.copy_of.clone(),
    }
}

/// A story's articles in publication order.
#[utoipa::path(get, path = "/api/stories/{id}/articles", params(("id" = u32, Path, description = "Story id")),
    responses((status = 200, body = Vec<ArticleOut>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn story_articles(
    State(state): State<Shared>,
    id: Result<Path<u32>, PathRejection>,
) -> ApiResult<Json<Vec<ArticleOut>>> {
    let id = path(id)?;
    let members = state
        .read(move |_, store| {
            if store.story_size(id)?.is_none() {
                return Err(ApiError::not_found(format!("no story {id}")));
            }
            Ok(store.members(id)?)
        })
        .await?;
    Ok(Json(members.iter().map(article_out).collect()))
}

/// One article with its cleaned text (as its story's brief cleaned it: the text its spans
/// point into) and what cleaning removed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleDetail {
    #[serde(flatten)]
    pub article: ArticleOut,
    /// Its number in its story's brief (null when the brief left it out: a repeat, or no
    /// usable sentence).
    pub index: Option<usize>,
    pub text: Option<String>,
    pub removed: Vec<view::Removed>,
}

/// An article by id (percent-encode ids with `/`).
#[utoipa::path(get, path = "/api/articles/{id}", params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = ArticleDetail), (status = 404, body = ErrorBody)))]
async fn article(
    State(state): State<Shared>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<ArticleDetail>> {
    let id = path(id)?;
    let (detail, _) = state
        .read(move |s, store| article_detail(s, store, &id))
        .await?;
    Ok(Json(detail))
}

/// An article, with its story's brief (with texts) when it is in it. Blocking.
pub fn article_detail(
    state: &AppState,
    store: &newsbrief_store::Store,
    id: &str,
) -> ApiResult<(ArticleDetail, Option<view::Brief>)> {
    let a = store
        .article(id)?
        .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))?;
    let settings = BriefSettings {
        with_text: true,
        ..BriefSettings::default()
    };
    let brief = match state.story_brief(store, a.story, &settings) {
        Ok(Some(json)) => Some(view::Brief::parse(&json)?),
        _ => None,
    };
    let doc = brief
        .as_ref()
        .and_then(|b| b.documents.iter().find(|d| d.id == a.id));
    let detail = ArticleDetail {
        article: article_out(&a),
        index: doc.map(|d| d.index),
        text: doc.and_then(|d| d.text.clone()),
        removed: doc.map(|d| d.removed.clone()).unwrap_or_default(),
    };
    Ok((detail, brief))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to find (all of them; stemmed; the last one as a prefix).
    pub q: String,
    /// At most this many (default 20, at most 200).
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitOut {
    pub article: String,
    pub story: u32,
    pub title: Option<String>,
    pub source: Option<String>,
    /// Its publication day; null when undated.
    pub date: Option<String>,
    /// An excerpt around the matches.
    pub snippet: String,
    /// Byte ranges of `snippet` that match, `[start, end]`.
    pub marks: Vec<[usize; 2]>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchOut {
    pub hits: Vec<SearchHitOut>,
}

/// Full-text search over articles' titles and texts (SQLite FTS5), best match first.
#[utoipa::path(get, path = "/api/search", params(SearchParams),
    responses((status = 200, body = SearchOut), (status = 400, body = ErrorBody)))]
async fn search(
    State(state): State<Shared>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult<Json<SearchOut>> {
    let p = query(params)?;
    let limit = p.limit.unwrap_or(20).clamp(1, 200);
    let hits = state
        .read(move |_, store| Ok(store.search(&p.q, limit)?))
        .await?;
    Ok(Json(SearchOut {
        hits: hits.into_iter().map(hit_out).collect(),
    }))
}

pub fn hit_out(h: newsbrief_store::SearchHit) -> SearchHitOut {
    SearchHitOut {
        article: h.article,
        story: h.story,
        title: h.title,
        source: h.source,
        date: h.day.map(|d| Date::from_days(d).to_string()),
        snippet: h.snippet,
        marks: h.marks.into_iter().map(|(s, e)| [s, e]).collect(),
    }
}

/// Articles in a body: JSON/JSONL, or one file named `file` (read by its extension; an
/// article that names no id gets the file's name).
fn read_body(
    bytes: &[u8],
    file: Option<&str>,
    prefix: &str,
    max: usize,
    identify: bool,
) -> ApiResult<input::Read> {
    if let Some(name) = file {
        let mut read = input::Read {
            identify,
            ..input::Read::default()
        };
        input::file(name, bytes, max, &mut read);
        let stem = name.rsplit_once('.').map_or(name, |x| x.0);
        for (_, a) in &mut read.articles {
            if a.id == stem {
                a.id = name.to_string();
            }
        }
        return Ok(read);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not UTF-8: {e}")))?;
    Ok(input::body(text, prefix, max, identify))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IngestParams {
    /// The body is one file of this name, read by its extension as `newsbrief ingest` reads
    /// files (`.txt`, `.md`, `.html`, `.json`, `.jsonl`) instead of JSON/JSONL articles.
    pub file: Option<String>,
}

/// The brief of the articles in the body (a JSON article, an array of them, or JSONL; the
/// fields of `newsbrief brief`'s JSON input). Nothing is stored. Lines that cannot be read are
/// listed in the `X-Newsbrief-Rejected` header (a JSON array) and left out.
#[utoipa::path(post, path = "/api/brief", params(BriefParams),
    request_body(content = String, description = "JSON article(s) or JSONL", content_type = "application/x-ndjson"),
    responses((status = 200, body = view::Brief), (status = 400, body = ErrorBody),
              (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn brief(
    State(state): State<Shared>,
    params: Result<Query<BriefParams>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    let mut params = query(params)?;
    let file = params.file.take();
    let settings = params.settings()?;
    let bytes = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let max = state.max_article_bytes;
    let made = tokio::task::spawn_blocking(move || {
        let read = read_body(&bytes, file.as_deref(), "request", max, false)?;
        make_brief(read, &settings)
    })
    .await
    .map_err(ApiError::internal)??;
    let mut r = json_text(made.json);
    for (name, list) in [
        ("x-newsbrief-rejected", &made.rejected),
        ("x-newsbrief-warnings", &made.warnings),
    ] {
        if list.is_empty() {
            continue;
        }
        if let Ok(v) = HeaderValue::from_str(&serde_json::to_string(list).unwrap_or_default()) {
            r.headers_mut().insert(name, v);
        }
    }
    Ok(r)
}

/// A brief made from a request's articles, with what was not used and what was used with a
/// change.
pub struct Made {
    pub json: String,
    pub rejected: Vec<Rejected>,
    pub warnings: Vec<Rejected>,
}

/// A stateless brief of what was read; an error when no article could be read. Blocking.
pub fn make_brief(read: input::Read, settings: &BriefSettings) -> ApiResult<Made> {
    if read.articles.is_empty() {
        let why: Vec<String> = read
            .rejected
            .iter()
            .map(|r| format!("{}: {}", r.at, r.error))
            .collect();
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("no article could be read ({})", why.join("; ")),
        ));
    }
    let articles = read.articles.into_iter().map(|(_, a)| a).collect();
    Ok(Made {
        json: state::brief_json(articles, settings)?,
        rejected: read.rejected,
        warnings: read.warnings,
    })
}

/// What became of one article sent to `POST /api/articles`.
#[derive(Debug, Serialize, ToSchema)]
pub struct IngestedOut {
    /// Where it was in the body (`line 3`, `item 2`).
    pub at: String,
    pub id: String,
    /// `stored`, `duplicate` (already stored: same id, url or text), or `conflict` (its id
    /// is stored with another text; the stored one was kept).
    pub status: String,
    /// The story it is in now (for a duplicate, the stored article's story).
    pub story: Option<u32>,
    /// It started its story.
    pub new_story: bool,
    /// The id of the article it is a near-copy of.
    pub copy_of: Option<String>,
    /// Stories it made its story absorb.
    pub absorbed: Vec<u32>,
    /// For a duplicate: the stored article, and what matched (`id`, `url` or `text`).
    pub duplicate_of: Option<String>,
    pub by: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IngestOut {
    pub stored: usize,
    pub duplicates: usize,
    pub articles: Vec<IngestedOut>,
    /// Items that could not be read, with why; the others were ingested.
    pub rejected: Vec<Rejected>,
    /// Items ingested with a change, with why (a publication date not on the calendar,
    /// left out: the article is stored undated).
    pub warnings: Vec<Rejected>,
}

/// Add articles to the store (as `newsbrief ingest` does: same id, url or text again changes
/// nothing), in the order given, and answer each one's story. Needs the bearer token.
#[utoipa::path(post, path = "/api/articles", params(IngestParams),
    request_body(content = String, description = "JSON article(s) or JSONL", content_type = "application/x-ndjson"),
    security(("token" = [])),
    responses((status = 200, body = IngestOut), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 503, body = ErrorBody)))]
async fn ingest(
    State(state): State<Shared>,
    headers: HeaderMap,
    params: Result<Query<IngestParams>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<IngestOut>> {
    security::authorized(&headers, &state.token)?;
    let file = query(params)?.file;
    let bytes = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let max = state.max_article_bytes;
    let (places, prepared, rejected, warnings) = tokio::task::spawn_blocking(move || {
        let read = read_body(&bytes, file.as_deref(), "body", max, true)?;
        let today = state::today();
        let mut places = Vec::new();
        let mut prepared = Vec::new();
        for (at, a) in read.articles {
            places.push(at);
            prepared.push(NewArticle::prepare(a, today));
        }
        Ok::<_, ApiError>((places, prepared, read.rejected, read.warnings))
    })
    .await
    .map_err(ApiError::internal)??;
    if prepared.is_empty() {
        let why: Vec<String> = rejected
            .iter()
            .map(|r| format!("{}: {}", r.at, r.error))
            .collect();
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("no article could be read ({})", why.join("; ")),
        ));
    }
    let ids: Vec<String> = prepared.iter().map(|a| a.id.clone()).collect();
    let stored = state.writer.ingest(prepared).await.ok_or_else(|| {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping")
    })??;
    let mut out = IngestOut {
        stored: 0,
        duplicates: 0,
        articles: Vec::with_capacity(stored.len()),
        rejected,
        warnings,
    };
    for ((at, id), s) in places.into_iter().zip(ids).zip(stored) {
        let mut a = IngestedOut {
            at,
            id,
            status: String::new(),
            story: s.story,
            new_story: false,
            copy_of: None,
            absorbed: Vec::new(),
            duplicate_of: None,
            by: None,
        };
        match s.added {
            Added::Stored {
                new_story,
                copy_of,
                absorbed,
                ..
            } => {
                out.stored += 1;
                a.status = "stored".into();
                a.new_story = new_story;
                a.copy_of = copy_of;
                a.absorbed = absorbed;
            }
            Added::Duplicate { of, by, differs } => {
                out.duplicates += 1;
                a.status = if differs { "conflict" } else { "duplicate" }.into();
                a.duplicate_of = Some(of);
                a.by = Some(by.to_string());
            }
        }
        out.articles.push(a);
    }
    state
        .metrics
        .articles_stored
        .fetch_add(out.stored as u64, Ordering::Relaxed);
    state
        .metrics
        .articles_duplicate
        .fetch_add(out.duplicates as u64, Ordering::Relaxed);
    Ok(Json(out))
}

/// Server-sent events, one per story change as articles are ingested through this server:
/// event `new`, `changed` or `absorbed`, data an `Event` JSON object.
#[utoipa::path(get, path = "/api/events",
    responses((status = 200, description = "text/event-stream of Event objects", content_type = "text/event-stream", body = Event)))]
async fn events(
    State(state): State<Shared>,
) -> Sse<impl Stream<Item = Result<SseEvent, std::convert::Infallible>>> {
    let rx = state.events.subscribe();
    let stopping = state.stopping.clone();
    let stream = stream::unfold((rx, stopping), |(mut rx, mut stopping)| async move {
        if *stopping.borrow() {
            return None;
        }
        let ev = tokio::select! {
            got = rx.recv() => match got {
                Ok(e) => {
                    let data = serde_json::to_string(&e).unwrap_or_default();
                    SseEvent::default().event(e.kind).data(data)
                }
                // Fell behind: tell the page to reload its list.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    SseEvent::default().event("lagged").data("{}")
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            },
            _ = stopping.changed() => return None,
        };
        Some((Ok(ev), (rx, stopping)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`
    pub status: String,
    pub articles: usize,
    pub stories: usize,
}

/// The server answers and its store reads.
#[utoipa::path(get, path = "/healthz",
    responses((status = 200, body = Health), (status = 500, body = ErrorBody)))]
async fn healthz(State(state): State<Shared>) -> ApiResult<Json<Health>> {
    let (articles, stories) = state.read(|_, store| Ok(store.counts()?)).await?;
    Ok(Json(Health {
        status: "ok".into(),
        articles,
        stories,
    }))
}

/// Prometheus metrics: requests and latencies per route, articles and stories.
#[utoipa::path(get, path = "/metrics",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain", body = String)))]
async fn metrics(State(state): State<Shared>) -> ApiResult<Response> {
    let (articles, stories) = state.read(|_, store| Ok(store.counts()?)).await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4"),
        )],
        state.metrics.render(articles, stories),
    )
        .into_response())
}
