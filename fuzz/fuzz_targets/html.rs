//! HTML extraction, the nesting bound and fragment text on any page: no panic, and the
//! bounded page is never longer than the page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief_formats::html::{bound_depth, fragment_text, parse_html};

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    assert!(bound_depth(&page).len() <= page.len());
    let _ = parse_html(&page, "page");
    let _ = fragment_text(&page);
});
