//! The sentence splitter on any text: sentences are in order, do not overlap, and cut the text
//! on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief_core::text::sentence::split;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut last = 0;
    for s in split(&text) {
        assert!(s.span.start >= last && s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        last = s.span.end;
    }
});
