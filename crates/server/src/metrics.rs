//! Request counts and latencies per route, in the Prometheus text format.
//!
//! A middleware records every request under its route pattern (`/api/stories/{id}`, never
//! the raw path, so the number of series stays fixed) with its method and status, and its
//! latency in a histogram. A mutex over ordered maps is enough at thousands of requests a
//! second (one short lock per request) and keeps the output in a stable order.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::lock;

/// Histogram bucket bounds, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Debug, Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

#[derive(Debug, Default)]
pub struct Metrics {
    /// (route, method, status) -> requests.
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    /// route -> latency histogram.
    latency: Mutex<BTreeMap<String, Histogram>>,
    /// Articles stored / found already stored through the API.
    pub articles_stored: AtomicU64,
    pub articles_duplicate: AtomicU64,
}

impl Metrics {
    fn record(&self, route: &str, method: &str, status: u16, seconds: f64) {
        *lock(&self.requests)
            .entry((route.to_string(), method.to_string(), status))
            .or_default() += 1;
        let mut lat = lock(&self.latency);
        let h = lat.entry(route.to_string()).or_default();
        h.count += 1;
        h.sum += seconds;
        if let Some(i) = BUCKETS.iter().position(|&b| seconds <= b) {
            h.counts[i] += 1;
        }
    }

    /// Everything, with the store's article and story counts, as Prometheus text.
    pub fn render(&self, articles: usize, stories: usize) -> String {
        let mut out = String::new();
        out.push_str("# HELP newsbrief_http_requests_total HTTP requests answered.\n");
        out.push_str("# TYPE newsbrief_http_requests_total counter\n");
        for ((route, method, status), n) in lock(&self.requests).iter() {
            let _ = writeln!(
                out,
                "newsbrief_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {n}",
                label(route)
            );
        }
        out.push_str("# HELP newsbrief_http_request_duration_seconds Time to answer.\n");
        out.push_str("# TYPE newsbrief_http_request_duration_seconds histogram\n");
        for (route, h) in lock(&self.latency).iter() {
            let route = label(route);
            let mut cumulative = 0;
            for (b, c) in BUCKETS.iter().zip(h.counts) {
                cumulative += c;
                let _ = writeln!(
                    out,
                    "newsbrief_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{b}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "newsbrief_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                 newsbrief_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                 newsbrief_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count, h.sum, h.count
            );
        }
        let gauges = [
            (
                "newsbrief_articles",
                "Articles in the store.",
                "gauge",
                articles as u64,
            ),
            (
                "newsbrief_stories",
                "Stories in the store.",
                "gauge",
                stories as u64,
            ),
            (
                "newsbrief_articles_ingested_total",
                "Articles stored through the API since start.",
                "counter",
                self.articles_stored.load(Ordering::Relaxed),
            ),
            (
                "newsbrief_articles_duplicate_total",
                "Articles sent to the API that were already stored.",
                "counter",
                self.articles_duplicate.load(Ordering::Relaxed),
            ),
        ];
        for (name, help, kind, v) in gauges {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {v}"
            );
        }
        out
    }
}

/// A label value with `\`, `"` and new lines escaped.
fn label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The middleware: time the request and record it under its route.
pub async fn track(
    State(state): State<Arc<crate::state::State>>,
    req: Request,
    next: Next,
) -> Response {
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(unmatched)", |m| m.as_str())
        .to_string();
    let method = req.method().to_string();
    let response = next.run(req).await;
    state.metrics.record(
        &route,
        &method,
        response.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    response
}
