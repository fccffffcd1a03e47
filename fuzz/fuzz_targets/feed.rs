//! Feeds (RSS, Atom, JSON Feed) on any bytes: entries or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief_formats::feed::parse_feed;

fuzz_target!(|data: &[u8]| {
    if let Ok(entries) = parse_feed(data, "feed") {
        for a in entries.into_iter().flatten() {
            assert!(!a.text.trim().is_empty());
        }
    }
});
