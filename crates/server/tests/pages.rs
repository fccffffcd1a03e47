//! The web pages: what they show, and that hostile article text is shown as text.
//!
//! XSS payloads tried (in titles, sources, urls, ids and texts): a `<script>` tag, an
//! `<img onerror>` attribute, a `javascript:` link (and `data:`), `</script>` inside JSON,
//! an attribute break-out (`"><svg onload>`), and RTL-override and control characters. Each
//! must appear escaped, never as markup; the only script on any page is `/static/app.js`.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use serde_json::json;

const SCRIPT: &str = "<script>alert('xss-script')</script>";
const IMG: &str = "<img src=x onerror=alert('xss-img')>";
const BREAKOUT: &str = "\"><svg onload=alert('xss-svg')>";
const JSON_CLOSE: &str = "</script><script>alert('xss-json')</script>";
const RTL: &str = "\u{202e}gnp.exe";
const CONTROL: &str = "bell\u{7}null\u{1}";

fn hostile() -> String {
    let text = |n: &str| {
        format!(
            "The Hollin dam failed on Sunday above Kessling {SCRIPT}, flooding the lower town {n}. \
             Officials said {IMG} at least 12 people died and {BREAKOUT} rescue teams searched the valley. \
             A spokesman said {JSON_CLOSE} the reservoir had been {RTL} inspected in March {CONTROL}."
        )
    };
    [
        json!({"id": "xss-1", "title": format!("Dam fails {SCRIPT}"), "source": format!("Evil {IMG}"),
               "url": "javascript:alert('xss-url')", "published": "2026-03-08", "text": text("first")}),
        json!({"id": "xss-2\"><b>", "title": format!("Flood {BREAKOUT} {RTL}"), "source": "Data",
               "url": "data:text/html,<script>alert(1)</script>", "published": "2026-03-08", "text": text("second")}),
    ]
    .iter()
    .map(|v| v.to_string())
    .collect::<Vec<_>>()
    .join("\n")
}

/// No payload is markup: no `<script` but the app's, no element the payloads try to add, no
/// `javascript:` or `data:` link, no override or control character.
fn assert_inert(html: &str, page: &str) {
    let scripts: Vec<_> = html.match_indices("<script").collect();
    assert_eq!(scripts.len(), 1, "{page}: one script tag only");
    assert!(html.contains("<script src=\"/static/app.js\" defer></script>"));
    // An attribute needs a tag: with no payload tag, `onerror=` in the text is only text.
    for bad in ["<img", "<svg", "<b>", "href=\"javascript:", "href=\"data:"] {
        assert!(!html.contains(bad), "{page}: {bad} appears as markup");
    }
    for c in ['\u{202e}', '\u{7}', '\u{1}'] {
        assert!(!html.contains(c), "{page}: {c:?} reached the page");
    }
    assert!(!html.contains("style="), "{page}: inline style");
}

#[test]
fn hostile_articles_render_as_text_everywhere() {
    let s = TestServer::start();
    let r = s.post("/api/articles", &hostile());
    assert_eq!(r.status, 200, "{}", r.body);
    let r = r.json();
    let story = r["articles"][0]["story"].as_u64().unwrap();
    let pages = [
        "/".to_string(),
        format!("/stories/{story}"),
        format!("/articles/{}", encode("xss-1")),
        format!("/articles/{}", encode("xss-2\"><b>")),
        "/search?q=hollin".to_string(),
        format!("/search?q={}", encode("<script>alert(1)</script>")),
    ];
    for p in &pages {
        let r = s.get(p);
        assert_eq!(r.status, 200, "{p}: {}", r.body);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert_inert(&r.body, p);
    }
    let story_html = s.get(&format!("/stories/{story}")).body;
    // Escaped, and so shown as the text it is.
    assert!(
        story_html.contains("&lt;script&gt;alert(&#x27;xss-script&#x27;)&lt;&#x2f;script&gt;"),
        "{story_html}"
    );
    assert!(story_html.contains("&lt;img src=x onerror=alert(&#x27;xss-img&#x27;)&gt;"));
    // The javascript: url is shown, not linked.
    assert!(story_html.contains("class=\"bad-url\""));
    assert!(story_html.contains("javascript:alert(&#x27;xss-url&#x27;)"));
    assert!(story_html.contains('\u{fffd}'));
    // The JSON carries `</script>` as data (written `<\/script>`, the same JSON string, so no
    // page that embeds it is closed early), served as JSON that browsers will not sniff.
    let j = s.get(&format!("/api/stories/{story}"));
    assert_eq!(j.header("content-type"), Some("application/json"));
    assert_eq!(j.header("x-content-type-options"), Some("nosniff"));
    assert!(!j.body.contains("</"));
    let value: serde_json::Value = serde_json::from_str(&j.body).unwrap();
    assert!(value
        .to_string()
        .contains("</script><script>alert('xss-json')</script>"));
    // The stateless brief page escapes the same way.
    let boundary = "XBOUNDARY";
    let form = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{}\r\n--{boundary}--\r\n",
        hostile()
    );
    let r = s.request(
        "POST",
        "/brief",
        &[(
            "Content-Type",
            &format!("multipart/form-data; boundary={boundary}"),
        )],
        form.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_inert(&r.body, "POST /brief");
}

#[test]
fn the_story_page_shows_the_brief_with_its_evidence() {
    let s = TestServer::start();
    s.ingest_examples();
    let stories = s.get("/").body;
    assert!(stories.contains("Hollin Dam fails"), "{stories}");
    assert!(stories.contains("data-live=\"1\""));
    let dam = s.get("/api/stories").json()["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["headline"].as_str().unwrap().contains("Hollin"))
        .unwrap()["id"]
        .clone();
    let html = s.get(&format!("/stories/{dam}")).body;
    let brief = s.get(&format!("/api/stories/{dam}?text=true")).json();
    // Every summary sentence, each with a marker per source.
    for sent in brief["summary"].as_array().unwrap() {
        let text = sent["text"].as_str().unwrap();
        let escaped = text
            .replace('&', "&amp;")
            .replace('\'', "&#x27;")
            .replace('"', "&quot;");
        assert!(html.contains(&escaped), "{text}");
    }
    let markers = html.matches("class=\"marker\"").count();
    assert!(markers >= brief["summary"].as_array().unwrap().len());
    // The popup holds the cited span, marked, in its paragraph.
    let first = &brief["summary"][0];
    let span = &first["spans"][0];
    let doc = &brief["documents"][(span["doc"].as_u64().unwrap() - 1) as usize];
    let cited = &doc["text"].as_str().unwrap()
        [span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize];
    assert!(html.contains(&format!("<mark>{}</mark>", cited.replace('\'', "&#x27;"))));
    // A disagreement is flagged and listed.
    assert!(!brief["disagreements"].as_array().unwrap().is_empty());
    assert!(html.contains("class=\"flag\""));
    assert!(html.contains("Where sources differ"));
    for section in [
        "Who said what",
        "Timeline",
        "Sources",
        "What cleaning removed",
    ] {
        assert!(html.contains(section), "{section}");
    }
    assert!(html.contains("a near-copy of"));
    // The article page marks the cited spans and links back.
    let id = doc["id"].as_str().unwrap();
    let art = s.get(&format!("/articles/{}", encode(id))).body;
    assert!(art.contains(&format!("id=\"c{}\"", span["start"])), "{art}");
    assert!(art.contains(&format!("href=\"/stories/{dam}#s1\"")));
}

#[test]
fn search_and_upload_pages() {
    let s = TestServer::start();
    s.ingest_examples();
    let r = s.get("/search?q=spillway");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<mark>"), "{}", r.body);
    let upload = s.get("/brief").body;
    assert!(upload.contains("enctype=\"multipart/form-data\""));
    let (name, bytes) = example_files().into_iter().next().unwrap();
    let boundary = "B0UNDARY";
    let mut form = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n"
    )
    .into_bytes();
    form.extend_from_slice(&bytes);
    form.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let r = s.request(
        "POST",
        "/brief",
        &[(
            "Content-Type",
            &format!("multipart/form-data; boundary={boundary}"),
        )],
        &form,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Nothing was stored"));
    assert_eq!(s.get("/healthz").json()["articles"], 9);
}
