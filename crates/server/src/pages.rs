//! The web pages: server-rendered HTML, readable without JavaScript.
//!
//! Each page is built from the JSON the API returns (the brief JSON is parsed back into
//! [`view::Brief`]) into a small view model, which a minijinja template renders. Templates
//! are compiled into the binary (`templates/`), and auto-escape everything: no value reaches
//! the page unescaped, and the formatter also replaces control and bidirectional-override
//! characters (which could hide or reorder text) by U+FFFD. URLs become links only when they
//! are `http:` or `https:`; anything else (`javascript:`, `data:`) is shown as text.
//!
//! Citation popups are CSS (`:hover` and `:focus-within` on the marker show the cited
//! sentence in its paragraph); `static/app.js` adds the live stories list (server-sent
//! events) and nothing the page needs to be read.

use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use minijinja::{Environment, Value};
use newsbrief_core::facts::time::Date;
use serde::{Deserialize, Serialize};

use crate::api::{article_detail, hit_out, make_brief, StoryOut};
use crate::input;
use crate::security::ApiError;
use crate::state::{BriefSettings, State as AppState};
use crate::view;
use crate::writer::story_out;

type Shared = Arc<AppState>;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(stories_page))
        .route("/stories/{id}", get(story_page))
        .route("/articles/{id}", get(article_page))
        .route("/search", get(search_page))
        .route("/brief", get(upload_page).post(upload_brief))
        .route("/static/app.js", get(app_js))
        .route("/static/style.css", get(style_css))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
}

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        for (name, source) in [
            ("base.html", include_str!("../templates/base.html")),
            ("macros.html", include_str!("../templates/macros.html")),
            ("stories.html", include_str!("../templates/stories.html")),
            ("story.html", include_str!("../templates/story.html")),
            ("article.html", include_str!("../templates/article.html")),
            ("search.html", include_str!("../templates/search.html")),
            ("upload.html", include_str!("../templates/upload.html")),
            ("error.html", include_str!("../templates/error.html")),
        ] {
            if let Err(e) = env.add_template(name, source) {
                // Templates are compiled in and checked by the tests: this is a build bug.
                eprintln!("newsbrief-server: template {name}: {e}");
            }
        }
        env.add_filter("seg", |s: String| encode(&s));
        env.set_formatter(|out, state, value| {
            if !value.is_safe() {
                if let Some(s) = value.as_str() {
                    return minijinja::escape_formatter(out, state, &Value::from(visible(s)));
                }
            }
            minijinja::escape_formatter(out, state, value)
        });
        env
    })
}

/// `s` with control characters (but new lines and tabs) and bidirectional overrides and
/// isolates replaced by U+FFFD: they would hide or reorder the text around them.
pub fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            c if c.is_control() => '\u{fffd}',
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                '\u{fffd}'
            }
            c => c,
        })
        .collect()
}

/// `url` when it is an http(s) URL without spaces or control characters, else `None`.
pub fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| u.to_string())
}

/// Percent-encode a path segment (all but unreserved characters).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn render(name: &str, ctx: Value) -> Response {
    match env().get_template(name).and_then(|t| t.render(ctx)) {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            eprintln!("newsbrief-server: rendering {name}: {e:#}");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be rendered",
            )
                .into_response()
        }
    }
}

/// An HTML error page.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let mut r = render(
        "error.html",
        minijinja::context! { status => status.as_u16(), message => message },
    );
    *r.status_mut() = status;
    r
}

pub fn not_found(message: &str) -> Response {
    error_page(StatusCode::NOT_FOUND, message)
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(self.0.status, &self.0.message)
    }
}

/// An [`ApiError`] shown as a page.
pub struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

type PageResult = Result<Response, PageError>;

// ---------------------------------------------------------------------------------------
// Stories

#[derive(Debug, Deserialize)]
struct ListParams {
    q: Option<String>,
}

async fn stories_page(
    State(state): State<Shared>,
    q: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> PageResult {
    let q = q
        .ok()
        .and_then(|Query(p)| p.q)
        .filter(|q| !q.trim().is_empty());
    let query = newsbrief_store::StoryQuery {
        q: q.clone(),
        limit: Some(200),
        ..Default::default()
    };
    let rows = state.read(move |_, s| Ok(s.story_page(&query)?)).await?;
    let stories: Vec<StoryOut> = rows.iter().map(story_out).collect();
    Ok(render(
        "stories.html",
        minijinja::context! { stories => stories, q => q, live => true },
    ))
}

// ---------------------------------------------------------------------------------------
// A story

/// A citation marker: article `k`, with its popup (the cited sentence in its paragraph).
#[derive(Debug, Serialize)]
struct Cite {
    k: usize,
    /// The article page at the span (none for a pasted brief).
    href: Option<String>,
    label: String,
    before: String,
    mark: String,
    after: String,
}

#[derive(Debug, Serialize)]
struct Flag {
    i: usize,
    about: String,
}

#[derive(Debug, Serialize)]
struct SentenceView {
    n: usize,
    text: String,
    cites: Vec<Cite>,
    flags: Vec<Flag>,
}

#[derive(Debug, Serialize)]
struct ValueView {
    value: String,
    qualifier: Option<String>,
    revised: bool,
    sentence: String,
    cites: Vec<Cite>,
}

#[derive(Debug, Serialize)]
struct DisagreementView {
    i: usize,
    about: String,
    values: Vec<ValueView>,
}

#[derive(Debug, Serialize)]
struct Speaker {
    name: Option<String>,
    quotes: Vec<(String, Vec<Cite>)>,
}

#[derive(Debug, Serialize)]
struct EventView {
    when: String,
    said: String,
    event: String,
    cites: Vec<Cite>,
}

#[derive(Debug, Serialize)]
struct SourceView {
    k: usize,
    title: String,
    source: Option<String>,
    published: Option<String>,
    url: Option<String>,
    url_text: Option<String>,
    href: Option<String>,
    copy_of: Option<usize>,
    adds: Vec<String>,
    /// What it adds could be told (a big story leaves out the articles it could not settle).
    told: bool,
    removed: Vec<view::Removed>,
}

#[derive(Debug, Serialize)]
struct BriefPage {
    title: String,
    method: String,
    sentences: Vec<SentenceView>,
    disagreements: Vec<DisagreementView>,
    speakers: Vec<Speaker>,
    timeline: Vec<EventView>,
    sources: Vec<SourceView>,
    removed: usize,
}

/// Up to this many characters of a paragraph are shown on each side of a cited span.
const CONTEXT_CHARS: usize = 320;

/// The paragraph (line) of `text` around `start..end`, cut to [`CONTEXT_CHARS`] a side.
fn in_paragraph(text: &str, start: usize, end: usize) -> Option<(String, String, String)> {
    if start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return None;
    }
    let p_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let p_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = &text[p_start..start];
    let after = &text[end..p_end];
    let n = before.chars().count();
    let before = if n > CONTEXT_CHARS {
        format!(
            "…{}",
            before.chars().skip(n - CONTEXT_CHARS).collect::<String>()
        )
    } else {
        before.to_string()
    };
    let after = if after.chars().count() > CONTEXT_CHARS {
        format!("{}…", after.chars().take(CONTEXT_CHARS).collect::<String>())
    } else {
        after.to_string()
    };
    Some((before, text[start..end].to_string(), after))
}

fn doc_label(d: &view::Document) -> String {
    d.source
        .clone()
        .or_else(|| d.title.clone())
        .unwrap_or_else(|| d.id.clone())
}

fn cites(b: &view::Brief, spans: &[view::Span], linked: bool) -> Vec<Cite> {
    let mut out: Vec<Cite> = Vec::new();
    for s in spans {
        // A split quote has several spans in one article: one marker per article.
        if out.iter().any(|c| c.k == s.doc) {
            continue;
        }
        let Some(d) = b.doc(s.doc) else { continue };
        let (before, mark, after) = d
            .text
            .as_deref()
            .and_then(|t| in_paragraph(t, s.start, s.end))
            .unwrap_or_default();
        out.push(Cite {
            k: s.doc,
            href: linked.then(|| format!("/articles/{}#c{}", encode(&d.id), s.start)),
            label: doc_label(d),
            before,
            mark,
            after,
        });
    }
    out
}

fn brief_page(b: &view::Brief, linked: bool) -> BriefPage {
    let sentences = b
        .summary
        .iter()
        .enumerate()
        .map(|(i, s)| SentenceView {
            n: i + 1,
            text: s.text.clone(),
            cites: cites(b, &s.spans, linked),
            // The disagreements the brief links to this sentence (numbered from 1).
            flags: s
                .disputed
                .iter()
                .filter_map(|&j| {
                    b.disagreements.get(j.wrapping_sub(1)).map(|d| Flag {
                        i: j,
                        about: d.about.clone(),
                    })
                })
                .collect(),
        })
        .collect();
    let disagreements = b
        .disagreements
        .iter()
        .enumerate()
        .map(|(i, d)| DisagreementView {
            i: i + 1,
            about: d.about.clone(),
            values: d
                .values
                .iter()
                .map(|v| ValueView {
                    value: v.value.clone(),
                    qualifier: v.qualifier.clone(),
                    revised: v.revised,
                    sentence: v.sentence.clone(),
                    cites: cites(b, &v.spans, linked),
                })
                .collect(),
        })
        .collect();
    let mut speakers: Vec<Speaker> = Vec::new();
    for q in &b.quotes {
        let entry = (q.text.clone(), cites(b, &q.spans, linked));
        match speakers.iter_mut().find(|s| s.name == q.speaker) {
            Some(s) => s.quotes.push(entry),
            None => speakers.push(Speaker {
                name: q.speaker.clone(),
                quotes: vec![entry],
            }),
        }
    }
    // Named speakers first, in the order they first speak; the unattributed last.
    speakers.sort_by_key(|s| s.name.is_none());
    let timeline = b
        .timeline
        .iter()
        .map(|e| EventView {
            when: e
                .date
                .clone()
                .or_else(|| e.period.clone())
                .unwrap_or_else(|| "undated".into()),
            said: e.when.clone(),
            event: e.event.clone(),
            cites: cites(b, &e.spans, linked),
        })
        .collect();
    let sources = b
        .documents
        .iter()
        .map(|d| {
            let unique = b.unique.iter().find(|u| u.doc == d.index);
            SourceView {
                k: d.index,
                title: d.title.clone().unwrap_or_else(|| d.id.clone()),
                source: d.source.clone(),
                published: d.published.clone(),
                url: d.url.as_deref().and_then(safe_url),
                url_text: d.url.clone(),
                href: linked.then(|| format!("/articles/{}", encode(&d.id))),
                copy_of: unique.and_then(|u| u.copy_of),
                adds: unique.map(|u| u.sentences.clone()).unwrap_or_default(),
                told: unique.is_some(),
                removed: d.removed.clone(),
            }
        })
        .collect();
    BriefPage {
        title: b.title.clone(),
        method: b.method.clone(),
        sentences,
        disagreements,
        speakers,
        timeline,
        sources,
        removed: b.documents.iter().map(|d| d.removed.len()).sum(),
    }
}

fn page_settings() -> BriefSettings {
    BriefSettings {
        with_text: true,
        ..BriefSettings::default()
    }
}

async fn story_page(
    State(state): State<Shared>,
    id: Result<Path<u32>, axum::extract::rejection::PathRejection>,
) -> PageResult {
    let Ok(Path(id)) = id else {
        return Ok(not_found("Story ids are numbers."));
    };
    let found = state
        .read(move |state, store| {
            let Some(row) = store.story(id)? else {
                return Ok(None);
            };
            let json = state.story_brief(store, id, &page_settings())?;
            Ok(json.map(|j| (row, j)))
        })
        .await?;
    let Some((row, json)) = found else {
        return Ok(not_found(&format!("There is no story {id}.")));
    };
    let brief = view::Brief::parse(&json)?;
    Ok(render(
        "story.html",
        minijinja::context! {
            story => story_out(&row),
            brief => brief_page(&brief, true),
            json_href => format!("/api/stories/{id}"),
        },
    ))
}

// ---------------------------------------------------------------------------------------
// An article

#[derive(Debug, Serialize)]
struct Piece {
    text: String,
    /// A cited span: its anchor (`c{start}`) and the summary sentence citing it.
    anchor: Option<String>,
    sentence: Option<usize>,
}

/// The cleaned text as paragraphs of pieces, the spans cited by the summary marked.
fn marked_paragraphs(text: &str, mut spans: Vec<(usize, usize, usize)>) -> Vec<Vec<Piece>> {
    spans.sort_unstable();
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    for s in spans {
        let ok = s.0 < s.1
            && s.1 <= text.len()
            && text.is_char_boundary(s.0)
            && text.is_char_boundary(s.1)
            && kept.last().is_none_or(|k| k.1 <= s.0);
        if ok {
            kept.push(s);
        }
    }
    // (start, end, Some((anchor start, sentence)) for a cited span).
    type Cut = (usize, usize, Option<(usize, usize)>);
    let mut pieces: Vec<Cut> = Vec::new();
    let mut at = 0;
    for (start, end, n) in kept {
        if at < start {
            pieces.push((at, start, None));
        }
        pieces.push((start, end, Some((start, n))));
        at = end;
    }
    if at < text.len() {
        pieces.push((at, text.len(), None));
    }
    // Split pieces at new lines into paragraphs (a span never crosses one in practice; if it
    // does, each part keeps the mark, and only the first the anchor).
    let mut paragraphs: Vec<Vec<Piece>> = vec![Vec::new()];
    for (s, e, mark) in pieces {
        for (j, part) in text[s..e].split('\n').enumerate() {
            if j > 0 {
                paragraphs.push(Vec::new());
            }
            if part.is_empty() {
                continue;
            }
            if let Some(p) = paragraphs.last_mut() {
                p.push(Piece {
                    text: part.to_string(),
                    anchor: mark
                        .filter(|_| j == 0)
                        .map(|(start, _)| format!("c{start}")),
                    sentence: mark.map(|(_, n)| n),
                });
            }
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    paragraphs
}

async fn article_page(
    State(state): State<Shared>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> PageResult {
    let Ok(Path(id)) = id else {
        return Ok(not_found("That is not an article id."));
    };
    let found = state
        .read(move |state, store| {
            let (detail, brief) = match article_detail(state, store, &id) {
                Ok(x) => x,
                Err(e) if e.status == StatusCode::NOT_FOUND => return Ok(None),
                Err(e) => return Err(e),
            };
            let raw = store.article(&id)?.map(|a| a.text);
            let row = store.story(detail.article.story)?;
            Ok(Some((detail, brief, raw, row)))
        })
        .await?;
    let Some((detail, brief, raw, row)) = found else {
        return Ok(not_found("There is no such article."));
    };
    let spans: Vec<(usize, usize, usize)> = match (&brief, detail.index) {
        (Some(b), Some(k)) => b
            .summary
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                s.spans
                    .iter()
                    .filter(move |sp| sp.doc == k)
                    .map(move |sp| (sp.start, sp.end, i + 1))
            })
            .collect(),
        _ => Vec::new(),
    };
    let paragraphs = match &detail.text {
        Some(t) => marked_paragraphs(t, spans),
        None => marked_paragraphs(raw.as_deref().unwrap_or(""), Vec::new()),
    };
    let url = detail.article.url.as_deref().and_then(safe_url);
    Ok(render(
        "article.html",
        minijinja::context! {
            a => detail.article,
            index => detail.index,
            in_brief => detail.text.is_some(),
            removed => detail.removed,
            paragraphs => paragraphs,
            url => url,
            story => row.as_ref().map(story_out),
        },
    ))
}

// ---------------------------------------------------------------------------------------
// Search

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
}

async fn search_page(
    State(state): State<Shared>,
    q: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> PageResult {
    let q = q.ok().and_then(|Query(p)| p.q).unwrap_or_default();
    let words = q.clone();
    let hits = state.read(move |_, s| Ok(s.search(&words, 50)?)).await?;
    let hits: Vec<Value> = hits
        .into_iter()
        .map(|h| {
            let out = hit_out(h);
            let mut pieces = Vec::new();
            let mut at = 0;
            for [s, e] in &out.marks {
                if let (Some(a), Some(m)) = (out.snippet.get(at..*s), out.snippet.get(*s..*e)) {
                    pieces.push((a.to_string(), false));
                    pieces.push((m.to_string(), true));
                    at = *e;
                }
            }
            pieces.push((out.snippet.get(at..).unwrap_or("").to_string(), false));
            minijinja::context! {
                hit => out.article.clone(),
                href => format!("/articles/{}", encode(&out.article)),
                story_href => format!("/stories/{}", out.story),
                h => out,
                pieces => pieces,
            }
        })
        .collect();
    Ok(render(
        "search.html",
        minijinja::context! { q => q, hits => hits },
    ))
}

// ---------------------------------------------------------------------------------------
// Paste or upload

async fn upload_page() -> Response {
    render("upload.html", minijinja::context! {})
}

async fn upload_brief(
    State(state): State<Shared>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult {
    let mut multipart = multipart.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let max = state.max_article_bytes;
    let mut read = input::Read::default();
    let mut words = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(ApiError::new(e.status(), e.body_text()).into()),
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes: Bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::new(e.status(), e.body_text()))?;
        match (name.as_str(), file_name.as_deref()) {
            ("text", _) => input::pasted(&String::from_utf8_lossy(&bytes), max, &mut read),
            ("files", Some(f)) if !bytes.is_empty() => input::file(f, &bytes, max, &mut read),
            ("words", _) => words = String::from_utf8_lossy(&bytes).trim().parse().ok(),
            _ => {}
        }
    }
    let settings = BriefSettings {
        words: words.unwrap_or(120usize).clamp(1, 5000),
        ..page_settings()
    };
    let made = tokio::task::spawn_blocking(move || make_brief(read, &settings))
        .await
        .map_err(ApiError::internal)??;
    let brief = view::Brief::parse(&made.json)?;
    Ok(render(
        "story.html",
        minijinja::context! {
            brief => brief_page(&brief, false),
            rejected => made.rejected,
            warnings => made.warnings,
            pasted => true,
        },
    ))
}

// ---------------------------------------------------------------------------------------
// Static files

fn asset(body: &'static str, kind: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        body,
    )
        .into_response()
}

async fn app_js() -> Response {
    asset(
        include_str!("../static/app.js"),
        "text/javascript; charset=utf-8",
    )
}

async fn style_css() -> Response {
    asset(
        include_str!("../static/style.css"),
        "text/css; charset=utf-8",
    )
}

/// A day as YYYY-MM-DD.
#[allow(dead_code)]
fn day(d: i64) -> String {
    Date::from_days(d).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_links() {
        assert!(safe_url("https://example.com/a").is_some());
        assert!(safe_url(" HTTP://example.com").is_some());
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "//evil.example",
            "https://a b",
            "vbscript:x",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn controls_and_overrides_are_made_visible() {
        assert_eq!(visible("a\u{202e}b\u{0}c\nd"), "a\u{fffd}b\u{fffd}c\nd");
    }

    #[test]
    fn paragraph_around_a_span() {
        let t = "First para.\nSecond one here. Cited bit. After.\nThird.";
        let s = t.find("Cited").unwrap();
        let (b, m, a) = in_paragraph(t, s, s + "Cited bit.".len()).unwrap();
        assert_eq!(
            (b.as_str(), m.as_str(), a.as_str()),
            ("Second one here. ", "Cited bit.", " After.")
        );
        assert!(in_paragraph(t, 5, 500).is_none());
    }

    #[test]
    fn marked_paragraphs_keep_the_text() {
        let t = "One two.\nThree four. Five.";
        let s = t.find("Three").unwrap();
        let p = marked_paragraphs(t, vec![(s, s + 11, 2), (s + 2, s + 4, 3), (0, 999, 1)]);
        assert_eq!(p.len(), 2);
        let joined: Vec<String> = p
            .iter()
            .map(|ps| ps.iter().map(|x| x.text.as_str()).collect())
            .collect();
        assert_eq!(joined.join("\n"), t);
        assert_eq!(p[1][0].anchor.as_deref(), Some(&*format!("c{s}")));
        assert_eq!(p[1][0].sentence, Some(2));
    }

    #[test]
    fn every_template_compiles() {
        for name in [
            "base.html",
            "stories.html",
            "story.html",
            "article.html",
            "search.html",
            "upload.html",
            "error.html",
        ] {
            assert!(env().get_template(name).is_ok(), "{name}");
        }
    }
}
