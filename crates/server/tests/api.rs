//! The API against a real server on an ephemeral port.
//!
//! Contents: stories and paging; a story's brief (schema, cache, recomputed when the story
//! grows); articles; search; stateless briefs; ingest (token, bad lines, idempotence, story
//! answered); events; errors and limits; health and metrics; security headers; the OpenAPI
//! document against what the server does.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use serde_json::{json, Value};

fn line(id: &str, title: &str, text: &str, date: &str, source: &str) -> String {
    json!({"id": id, "title": title, "text": text, "published": date, "source": source}).to_string()
}

#[test]
fn stories_are_listed_most_recent_first_and_paged() {
    let s = TestServer::start();
    s.ingest_examples();
    let all = s.get("/api/stories").json();
    let stories = all["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2, "{all}");
    assert!(all["next"].is_null());
    for st in stories {
        for k in ["id", "headline", "articles", "sources", "first", "last"] {
            assert!(!st[k].is_null(), "{k} in {st}");
        }
    }
    let page1 = s.get("/api/stories?limit=1").json();
    assert_eq!(page1["stories"].as_array().unwrap().len(), 1);
    assert_eq!(page1["stories"][0], stories[0]);
    let next = page1["next"].as_str().unwrap();
    let page2 = s.get(&format!("/api/stories?limit=1&cursor={next}")).json();
    assert_eq!(page2["stories"][0], stories[1]);
    assert!(page2["next"].is_null());
    // q filters by full-text search; since by date.
    let dock = s.get("/api/stories?q=dockworkers").json();
    assert_eq!(dock["stories"].as_array().unwrap().len(), 1);
    assert!(dock["stories"][0]["headline"]
        .as_str()
        .unwrap()
        .contains("Saltmere"));
    let none = s.get("/api/stories?since=2999-01-01").json();
    assert_eq!(none["stories"].as_array().unwrap().len(), 0);
    assert_eq!(s.get("/api/stories?since=yesterday").status, 400);
    assert_eq!(s.get("/api/stories?cursor=zzz").status, 400);
}

#[test]
fn a_story_brief_is_cached_and_made_again_when_the_story_grows() {
    let s = TestServer::start();
    let base = [
        line("a", "Dam breaks above Vell", "The Vell dam broke on Sunday, flooding the valley. Engineers had warned of cracks in the spillway for months.", "2026-03-08", "Herald"),
        line("b", "Vell flood", "Flood waters from the broken Vell dam covered the valley on Sunday. Residents said engineers warned of spillway cracks.", "2026-03-08", "Times"),
    ]
    .join("\n");
    let r = s.post("/api/articles", &base).json();
    let story = r["articles"][0]["story"].as_u64().unwrap();
    assert_eq!(r["articles"][1]["story"].as_u64().unwrap(), story);
    let first = s.get(&format!("/api/stories/{story}"));
    assert_eq!(first.status, 200);
    assert_eq!(first.header("content-type"), Some("application/json"));
    let brief = first.json();
    assert_eq!(brief["documents"].as_array().unwrap().len(), 2);
    // The documented schema reads it whole, and writes it back unchanged.
    let typed: newsbrief_server::view::Brief = serde_json::from_value(brief.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), brief);
    // Cached: the same bytes again.
    assert_eq!(s.get(&format!("/api/stories/{story}")).body, first.body);
    // Settings are part of the key.
    let short = s
        .get(&format!(
            "/api/stories/{story}?words=10&facts=false&text=true"
        ))
        .json();
    assert!(short["documents"][0]["text"].is_string());
    assert!(short["quotes"].as_array().unwrap().is_empty());
    // The story grows: the brief is made again.
    let more = line("c", "Rescue in Vell", "Rescue teams searched the flooded valley below the broken Vell dam on Monday as the spillway cracks widened.", "2026-03-09", "Post");
    let r = s.post("/api/articles", &more).json();
    assert_eq!(r["articles"][0]["story"].as_u64().unwrap(), story, "{r}");
    let again = s.get(&format!("/api/stories/{story}")).json();
    assert_eq!(again["documents"].as_array().unwrap().len(), 3);
    // Its articles.
    let arts = s.get(&format!("/api/stories/{story}/articles")).json();
    let ids: Vec<&str> = arts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["a", "b", "c"]);
    assert_eq!(s.get("/api/stories/999").status, 404);
    assert_eq!(s.get("/api/stories/999/articles").status, 404);
    assert_eq!(s.get("/api/stories/abc").status, 400);
    assert_eq!(s.get("/api/stories/1?method=nope").status, 400);
}

#[test]
fn an_article_has_its_cleaned_text_and_removals() {
    let s = TestServer::start();
    s.ingest_examples();
    let id = "dam-collapse/05-metro-online.html";
    let a = s.get(&format!("/api/articles/{}", encode(id)));
    assert_eq!(a.status, 200, "{}", a.body);
    let a = a.json();
    assert_eq!(a["id"], id);
    assert!(a["index"].as_u64().is_some());
    assert!(a["text"].as_str().unwrap().len() > 200);
    assert!(!a["removed"].as_array().unwrap().is_empty(), "{a}");
    // The spans of the story's brief point into this text.
    let brief = s
        .get(&format!("/api/stories/{}?text=true", a["story"]))
        .json();
    let k = a["index"].as_u64().unwrap();
    let doc = &brief["documents"][(k - 1) as usize];
    assert_eq!(doc["text"], a["text"]);
    assert_eq!(s.get("/api/articles/no-such").status, 404);
}

#[test]
fn search_finds_words_with_snippets() {
    let s = TestServer::start();
    s.ingest_examples();
    let r = s.get("/api/search?q=dockworkers%20pay").json();
    let hits = r["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "{r}");
    for h in hits {
        let snippet = h["snippet"].as_str().unwrap();
        let marks = h["marks"].as_array().unwrap();
        assert!(!marks.is_empty());
        for m in marks {
            let (a, b) = (
                m[0].as_u64().unwrap() as usize,
                m[1].as_u64().unwrap() as usize,
            );
            let word = snippet[a..b].to_lowercase();
            assert!(
                word.starts_with("dockworker") || word.starts_with("pay"),
                "{word}"
            );
        }
    }
    // Operators and quotes are words, not syntax errors.
    assert_eq!(s.get("/api/search?q=%22OR%20NEAR(%20*").status, 200);
    assert_eq!(s.get("/api/search?q=").json()["hits"], json!([]));
    assert_eq!(s.get("/api/search").status, 400);
}

#[test]
fn a_stateless_brief_stores_nothing() {
    let s = TestServer::start();
    let body = [
        line("x1", "Strike", "Dockworkers at Saltmere walked out at midnight over pay. The port authority called the strike illegal.", "2026-06-02", "A"),
        "not json".to_string(),
        line("x2", "Port strike", "The Saltmere dockworkers strike shut the port at midnight; the port authority said it was illegal.", "2026-02-30", "B"),
    ]
    .join("\n");
    let r = s.request("POST", "/api/brief?words=40", &[], body.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    let b = r.json();
    assert_eq!(b["documents"].as_array().unwrap().len(), 2);
    let rejected: Value = serde_json::from_str(r.header("x-newsbrief-rejected").unwrap()).unwrap();
    assert_eq!(rejected.as_array().unwrap().len(), 1);
    assert_eq!(rejected[0]["at"], "line 2");
    // The article with an impossible date is used (undated), and said to be.
    let warned: Value = serde_json::from_str(r.header("x-newsbrief-warnings").unwrap()).unwrap();
    assert_eq!(warned[0]["at"], "line 3");
    assert!(warned[0]["error"]
        .as_str()
        .unwrap()
        .contains("\"2026-02-30\" is not a calendar date"));
    assert_eq!(s.get("/healthz").json()["articles"], 0);
    // A file by name.
    let (name, bytes) = example_files()
        .into_iter()
        .find(|(n, _)| n.ends_with(".html"))
        .unwrap();
    let r = s.request(
        "POST",
        &format!("/api/brief?file={}", encode(&name)),
        &[],
        &bytes,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        s.request("POST", "/api/brief", &[], b"nothing here").status,
        422
    );
}

#[test]
fn ingest_needs_the_token_reports_bad_lines_and_is_idempotent() {
    let s = TestServer::start();
    let body = [
        line("p1", "Strike", "Dockworkers at Saltmere walked out at midnight over pay and automation at the terminals.", "2026-06-02", "A"),
        "{\"id\": \"broken\", \"text\": ".to_string(),
        "{\"id\": \"no-text\"}".to_string(),
        line("p2", "Strike goes on", "The Saltmere dockworkers strike over pay and automation went on at the container terminals.", "2026-06-03", "B"),
    ]
    .join("\n");
    let no = s.request("POST", "/api/articles", &[], body.as_bytes());
    assert_eq!(no.status, 401);
    assert_eq!(no.header("www-authenticate"), Some("Bearer"));
    assert!(no.json()["error"].as_str().unwrap().contains("Bearer"));
    let wrong = s.request(
        "POST",
        "/api/articles",
        &[("Authorization", "Bearer nope")],
        body.as_bytes(),
    );
    assert_eq!(wrong.status, 401);
    let r = s.post("/api/articles", &body);
    assert_eq!(r.status, 200, "{}", r.body);
    let r = r.json();
    assert_eq!(r["stored"], 2);
    let at: Vec<&str> = r["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["at"].as_str().unwrap())
        .collect();
    assert_eq!(at, vec!["line 2", "line 3"]);
    assert_eq!(r["warnings"], serde_json::json!([]));
    assert_eq!(r["articles"][0]["status"], "stored");
    assert_eq!(r["articles"][0]["new_story"], true);
    let story = r["articles"][0]["story"].clone();
    assert_eq!(r["articles"][1]["story"], story);
    // Again: nothing changes, every article answered with its story.
    let again = s.post("/api/articles", &body).json();
    assert_eq!(again["stored"], 0);
    assert_eq!(again["duplicates"], 2);
    assert_eq!(again["articles"][1]["status"], "duplicate");
    assert_eq!(again["articles"][1]["story"], story);
    // The same id with another text: a conflict, the stored one kept.
    let conflict = s
        .post(
            "/api/articles",
            &line(
                "p1",
                "x",
                "Something else entirely happened at the port today.",
                "2026-06-04",
                "C",
            ),
        )
        .json();
    assert_eq!(conflict["articles"][0]["status"], "conflict");
    let h = s.get("/healthz").json();
    assert_eq!(
        (h["articles"].as_u64(), h["stories"].as_u64()),
        (Some(2), Some(1))
    );
    // Nothing readable at all is a 422; an empty body too.
    assert_eq!(s.post("/api/articles", "garbage").status, 422);
    assert_eq!(s.post("/api/articles", "").status, 422);
    // A line without an id is identified by its url, as `newsbrief ingest` does.
    let r = s.post("/api/articles", "{\"url\": \"https://example.com/a\", \"text\": \"A new report about the Saltmere strike and the port.\"}").json();
    assert_eq!(r["articles"][0]["id"], "https://example.com/a");
}

#[test]
fn events_tell_new_changed_and_absorbed_stories() {
    let s = TestServer::start();
    let mut events = Events::open(s.addr);
    let r = s.post("/api/articles", &line("e1", "Strike", "Dockworkers at Saltmere walked out at midnight over pay and automation at the terminals.", "2026-06-02", "A"));
    assert_eq!(r.status, 200);
    let (kind, data) = events.next();
    assert_eq!(kind, "new");
    let e: Value = serde_json::from_str(&data).unwrap();
    assert_eq!(e["story"]["articles"], 1);
    s.post("/api/articles", &line("e2", "Strike goes on", "The Saltmere dockworkers strike over pay and automation went on at the container terminals.", "2026-06-03", "B"));
    let (kind, data) = events.next();
    assert_eq!(kind, "changed");
    let e: Value = serde_json::from_str(&data).unwrap();
    assert_eq!(e["story"]["articles"], 2);
}

#[test]
fn errors_are_json_with_the_right_status() {
    let s = TestServer::start_with(|c| c.body_limit = 4096);
    let r = s.get("/api/nothing");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["status"], 404);
    let big = "x".repeat(10_000);
    let r = s.request("POST", "/api/brief", &[], big.as_bytes());
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(r.json()["error"].is_string());
    let r = s.request("POST", "/api/brief", &[], b"\xff\xfe{}");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("UTF-8"));
    let r = s.request("DELETE", "/api/stories", &[], b"");
    assert_eq!(r.status, 405);
    // Hostile bodies never take the server down.
    for body in [
        "[",
        "[1,2,3]",
        "{\"text\": 5}",
        "\u{0}\u{0}",
        "{\"text\": \"\"}",
        "[{}]",
    ] {
        let r = s.request("POST", "/api/brief", &[], body.as_bytes());
        assert!(r.status == 422 || r.status == 400, "{body}: {}", r.status);
    }
    assert_eq!(s.get("/healthz").status, 200);
    // Invalid percent-encoding in an id.
    assert_eq!(s.get("/api/articles/%FF").status, 400);
    assert_eq!(s.get("/articles/%FF").status, 404);
    // A page that does not exist is an HTML page.
    let r = s.get("/nowhere");
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
}

#[test]
fn health_metrics_and_security_headers() {
    let s = TestServer::start();
    s.ingest_examples();
    s.get("/api/stories");
    let h = s.get("/healthz");
    assert_eq!(h.json()["status"], "ok");
    let m = s.get("/metrics");
    assert!(m.header("content-type").unwrap().starts_with("text/plain"));
    for want in [
        "newsbrief_http_requests_total{route=\"/api/stories\",method=\"GET\",status=\"200\"} 1",
        "newsbrief_http_request_duration_seconds_bucket{route=\"/api/stories\",le=\"+Inf\"} 1",
        "newsbrief_articles 9",
        "newsbrief_stories 2",
        "newsbrief_articles_ingested_total 9",
    ] {
        assert!(m.body.contains(want), "{want} in\n{}", m.body);
    }
    for path in [
        "/",
        "/api/stories",
        "/stories/1",
        "/nowhere",
        "/static/app.js",
    ] {
        let r = s.get(path);
        let csp = r.header("content-security-policy").unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"), "{path}");
    }
}

/// Every operation of the OpenAPI document, asked as documented: the status is one it lists,
/// and a JSON answer has every property its schema requires (the brief is checked whole
/// against its types in another test).
#[test]
fn the_openapi_document_is_what_the_server_does() {
    let s = TestServer::start();
    s.ingest_examples();
    let doc = s.get("/api/openapi.json").json();
    assert_eq!(
        doc,
        serde_json::from_str::<Value>(&newsbrief_server::openapi_json()).unwrap()
    );
    let schemas = &doc["components"]["schemas"];
    let paths = doc["paths"].as_object().unwrap();
    let mut asked = Vec::new();
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let url = path.replace(
                "{id}",
                if path.starts_with("/api/articles") {
                    "dam-collapse%2F03-newswire.txt"
                } else {
                    "1"
                },
            );
            let url = match path.as_str() {
                "/api/search" => format!("{url}?q=dam"),
                _ => url,
            };
            let body = line(
                "doc-1",
                "Dam",
                "The Hollin dam failed on Sunday above Kessling, flooding the lower town.",
                "2026-03-08",
                "Doc",
            );
            let r = if path == "/api/events" {
                // A stream: only its head.
                let mut e = std::net::TcpStream::connect(s.addr).unwrap();
                use std::io::{Read, Write};
                e.write_all(b"GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n")
                    .unwrap();
                let mut buf = [0u8; 256];
                let n = e.read(&mut buf).unwrap();
                let head = String::from_utf8_lossy(&buf[..n]).to_string();
                assert!(head.contains("text/event-stream"), "{head}");
                asked.push(format!("{method} {path}"));
                continue;
            } else if method == "post" {
                s.post(&url, &body)
            } else {
                s.get(&url)
            };
            let responses = op["responses"].as_object().unwrap();
            let documented = responses.get(&r.status.to_string()).unwrap_or_else(|| {
                panic!(
                    "{method} {path}: status {} is not documented ({})",
                    r.status, r.body
                )
            });
            if let Some(schema) = documented["content"]["application/json"]["schema"].as_object() {
                check_required(
                    &r.json(),
                    &Value::Object(schema.clone()),
                    schemas,
                    &format!("{method} {path}"),
                );
            }
            asked.push(format!("{method} {path}"));
        }
    }
    asked.sort();
    assert_eq!(
        asked,
        vec![
            "get /api/articles/{id}",
            "get /api/events",
            "get /api/search",
            "get /api/stories",
            "get /api/stories/{id}",
            "get /api/stories/{id}/articles",
            "get /healthz",
            "get /metrics",
            "post /api/articles",
            "post /api/brief",
        ]
    );
}

fn check_required(v: &Value, schema: &Value, schemas: &Value, at: &str) {
    let schema = match schema["$ref"].as_str() {
        Some(r) => &schemas[r.trim_start_matches("#/components/schemas/")],
        None => schema,
    };
    if let Some(all) = schema["allOf"].as_array() {
        for s in all {
            check_required(v, s, schemas, at);
        }
    }
    if let Some(req) = schema["required"].as_array() {
        for k in req {
            let k = k.as_str().unwrap();
            assert!(v.get(k).is_some(), "{at}: required `{k}` missing in {v}");
        }
    }
    if let (Some(props), Some(obj)) = (schema["properties"].as_object(), v.as_object()) {
        for (k, sub) in props {
            if let Some(x) = obj.get(k) {
                check_required(x, sub, schemas, &format!("{at}.{k}"));
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for x in arr {
            check_required(x, items, schemas, at);
        }
    }
}
