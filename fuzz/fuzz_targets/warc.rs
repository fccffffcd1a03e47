//! Web archives, plain and gzipped, on any bytes: every record read ends in a page, a reason or
//! an error, and iteration always ends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsbrief_formats::warc::{page_article, Record, Records};

fuzz_target!(|data: &[u8]| {
    for r in Records::new(data, 1 << 20).take(1000) {
        if let Ok(Record::Page {
            number,
            url,
            date,
            html,
        }) = r
        {
            let text = String::from_utf8_lossy(&html);
            let _ = page_article("f", number, url.as_deref(), date.as_deref(), &text);
        }
    }
    let gz = std::io::BufReader::new(flate2::bufread::MultiGzDecoder::new(data));
    for r in Records::new(gz, 1 << 20).take(1000) {
        let _ = r;
    }
});
