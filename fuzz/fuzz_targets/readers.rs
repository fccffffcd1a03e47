//! The text, Markdown, JSON and JSONL readers, content sniffing and date normalising on any
//! bytes: errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief_formats::{
    date::normalize_published, decode, parse_article, parse_cluster_line, parse_json_articles,
    parse_jsonl_article, sniff, Kind,
};

fuzz_target!(|data: &[u8]| {
    let _ = sniff(data, Some("txt"), Some(data));
    let Ok(d) = decode(data) else { return };
    let text = d.text.as_str();
    for kind in [Kind::Text, Kind::Markdown, Kind::Json, Kind::Jsonl] {
        let _ = parse_article(kind, text, "f");
    }
    let _ = parse_json_articles(text, "f");
    for (n, line) in text.lines().take(64).enumerate() {
        let _ = parse_jsonl_article(line, "f");
        let _ = parse_cluster_line(line, n + 1);
        let _ = normalize_published(line);
    }
});
