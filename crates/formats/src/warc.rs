//! Web archives (WARC 1.0 and 1.1, as news crawls such as CC-NEWS publish them): the HTML pages
//! of `response` (and `resource`) records, one record at a time, so that an archive of any size
//! is read in the memory of its largest record.
//!
//! Records are parsed by the `warc` crate, HTTP responses by `httparse`; chunked transfer and
//! gzip or deflate content encodings are undone (`flate2`), within the size limit.

use std::cell::Cell;
use std::io::{BufRead, Read};
use std::rc::Rc;

use newsbrief_core::Article;
use warc::{RecordType, WarcHeader};

use crate::read::FormatError;

/// What one record of an archive gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// An HTML page, with the URL it was fetched from and the time of the capture.
    Page {
        /// 1-based place of the record in the archive.
        number: usize,
        url: Option<String>,
        date: Option<String>,
        html: Vec<u8>,
    },
    /// A response that is not an HTML page the reader can use (an image, a redirect, an error
    /// page, a body above the size limit), and why.
    NotPage { number: usize, why: String },
    /// Records that are not responses (warcinfo, request, metadata, revisit): nothing to read.
    Other,
}

/// The records of an archive. After a malformed record the archive cannot be followed any
/// further: that record comes back as an error and the iteration ends.
pub struct Records<R: BufRead> {
    inner: warc::RecordIter<Tap<R>>,
    /// Set when the reader hands out anything but white space: at the end of the archive, it
    /// tells a record cut off in its headers (which `warc` takes for the end) from the end.
    seen: Rc<Cell<bool>>,
    number: usize,
    max_bytes: u64,
    done: bool,
}

impl<R: BufRead> std::fmt::Debug for Records<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records")
            .field("number", &self.number)
            .finish()
    }
}

impl<R: BufRead> Records<R> {
    /// Read `reader` (already decompressed when the archive is gzipped: a
    /// [`flate2::bufread::MultiGzDecoder`] reads every member). Pages above `max_bytes`, before
    /// or after decompression, are reported, not read.
    pub fn new(reader: R, max_bytes: u64) -> Self {
        let seen = Rc::new(Cell::new(false));
        let tap = Tap {
            inner: reader,
            seen: Rc::clone(&seen),
        };
        Records {
            inner: warc::WarcReader::new(tap).iter_records(),
            seen,
            number: 0,
            max_bytes,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, (usize, FormatError)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.number += 1;
        let number = self.number;
        self.seen.set(false);
        let Some(next) = self.inner.next() else {
            self.done = true;
            return self.seen.get().then(|| {
                let e = FormatError::Warc("the archive ends inside a record's headers".into());
                Err((number, e))
            });
        };
        let record = match next {
            Ok(r) => r,
            // Only white space after the last record: the end, not a broken record.
            Err(_) if !self.seen.get() => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                return Some(Err((number, FormatError::Warc(e.to_string()))));
            }
        };
        let not_page = |why: String| Some(Ok(Record::NotPage { number, why }));
        let body = record.body();
        if body.len() as u64 > self.max_bytes {
            return not_page(format!(
                "record is {} bytes, above the limit per article",
                body.len()
            ));
        }
        let html = match record.warc_type() {
            RecordType::Response => match http_payload(body, self.max_bytes) {
                Ok(html) => html,
                Err(why) => return not_page(why),
            },
            RecordType::Resource => {
                let ty = record.header(WarcHeader::ContentType).unwrap_or_default();
                if !is_html(&ty) {
                    return not_page(format!("not an HTML page ({ty})"));
                }
                body.to_vec()
            }
            _ => return Some(Ok(Record::Other)),
        };
        let url = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim().trim_matches(['<', '>']).to_string())
            .filter(|u| !u.is_empty());
        Some(Ok(Record::Page {
            number,
            url,
            date: record
                .header(WarcHeader::Date)
                .map(|d| d.trim().to_string()),
            html,
        }))
    }
}

/// A reader that notes whether it handed out anything but white space.
struct Tap<R> {
    inner: R,
    seen: Rc<Cell<bool>>,
}

impl<R: BufRead> Tap<R> {
    fn note(&self, bytes: &[u8]) {
        if bytes.iter().any(|b| !b.is_ascii_whitespace()) {
            self.seen.set(true);
        }
    }
}

impl<R: BufRead> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.note(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tap<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // The bytes consumed are the front of the buffer just handed out.
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amount.min(buf.len());
            if buf[..n].iter().any(|b| !b.is_ascii_whitespace()) {
                self.seen.set(true);
            }
        }
        self.inner.consume(amount);
    }
}

fn is_html(content_type: &str) -> bool {
    let t = content_type.trim().to_ascii_lowercase();
    t.is_empty() || t.starts_with("text/html") || t.starts_with("application/xhtml+xml")
}

/// The HTML body of an HTTP response: status 200, an HTML content type (or none), transfer
/// and content encodings undone. Otherwise why it is not a page.
fn http_payload(raw: &[u8], max_bytes: u64) -> Result<Vec<u8>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 96];
    let mut resp = httparse::Response::new(&mut headers);
    let head_len = match resp.parse(raw) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("HTTP response cut off in its headers".into()),
        Err(e) => return Err(format!("malformed HTTP response ({e})")),
    };
    let code = resp.code.unwrap_or(0);
    if code != 200 {
        return Err(format!("HTTP status {code}"));
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let ty = header("content-type").unwrap_or_default();
    if !is_html(&ty) {
        return Err(format!("not an HTML page ({ty})"));
    }
    let mut body = raw[head_len..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body).ok_or("malformed chunked body")?;
    }
    match header("content-encoding").as_deref() {
        None | Some("") | Some("identity") => Ok(body),
        Some("gzip") | Some("x-gzip") => {
            inflate(flate2::read::MultiGzDecoder::new(&body[..]), max_bytes)
        }
        Some("deflate") => inflate(flate2::read::ZlibDecoder::new(&body[..]), max_bytes),
        Some(other) => Err(format!("body compressed as {other}, which is not read")),
    }
}

/// Decompress, refusing output above `max_bytes` (a small archive can hold a huge page).
fn inflate(reader: impl Read, max_bytes: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(max_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("body cannot be decompressed ({e})"))?;
    if out.len() as u64 > max_bytes {
        return Err("decompressed body above the limit per article".into());
    }
    Ok(out)
}

/// The data of a chunked body; `None` when the chunk sizes do not fit the bytes.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let line_end = memchr::memmem::find(raw, b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size..)?;
        raw = raw.strip_prefix(b"\r\n").unwrap_or(raw);
    }
}

/// The article of a page record: its HTML extracted, the record's URL where the page names no
/// canonical one, the capture time where the page gives no publication date. Named by its URL,
/// else `stem:record N`.
pub fn page_article(
    stem: &str,
    number: usize,
    url: Option<&str>,
    date: Option<&str>,
    html: &str,
) -> Result<Article, FormatError> {
    let id = url.map_or_else(|| format!("{stem}:record {number}"), str::to_string);
    let mut a = crate::html::parse_html(html, &id)?;
    if a.url.is_none() {
        a.url = url.map(str::to_string);
    }
    if a.published.is_none() {
        a.published = date.map(str::to_string);
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WARC record as crawlers write it.
    fn record(kind: &str, url: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08}-0000-4000-8000-000000000000>\r\n\
             WARC-Date: 2026-03-01T09:30:00Z\r\nWARC-Target-URI: {url}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            url.len(),
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        r.extend_from_slice(body);
        r
    }

    fn pages(archive: &[u8]) -> Vec<Result<Record, (usize, FormatError)>> {
        Records::new(archive, 1_000_000).collect()
    }

    #[test]
    fn html_responses_become_pages() {
        let page = b"<html><body><p>The dam broke.</p></body></html>";
        let mut archive = record("warcinfo", "x", b"software: test\r\n");
        archive.extend(record(
            "request",
            "https://a.example/1",
            b"GET /1 HTTP/1.1\r\n\r\n",
        ));
        archive.extend(record(
            "response",
            "https://a.example/1",
            &http("200 OK", "Content-Type: text/html; charset=utf-8\r\n", page),
        ));
        archive.extend(record(
            "response",
            "https://a.example/logo.png",
            &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG"),
        ));
        archive.extend(record(
            "response",
            "https://a.example/old",
            &http("301 Moved Permanently", "Location: /new\r\n", b""),
        ));
        let got = pages(&archive);
        assert_eq!(got.len(), 5);
        assert_eq!(got[0], Ok(Record::Other));
        assert_eq!(got[1], Ok(Record::Other));
        assert_eq!(
            got[2],
            Ok(Record::Page {
                number: 3,
                url: Some("https://a.example/1".into()),
                date: Some("2026-03-01T09:30:00Z".into()),
                html: page.to_vec(),
            })
        );
        assert_eq!(
            got[3],
            Ok(Record::NotPage {
                number: 4,
                why: "not an HTML page (image/png)".into()
            })
        );
        assert_eq!(
            got[4],
            Ok(Record::NotPage {
                number: 5,
                why: "HTTP status 301".into()
            })
        );
    }

    #[test]
    fn encodings_are_undone_within_the_limit() {
        use std::io::Write;
        let page = b"<html><body><p>Crews rescued 40 people.</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(page).unwrap();
        let gz = gz.finish().unwrap();
        let chunked = b"10\r\n<html><body><p>C\r\n29\r\nrews rescued 40 people.</p></body></html>\r\n0\r\n\r\n";
        for (headers, body) in [
            (
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                gz.clone(),
            ),
            ("Transfer-Encoding: chunked\r\n", chunked.to_vec()),
        ] {
            let archive = record(
                "response",
                "https://b.example/",
                &http("200 OK", headers, &body),
            );
            match &pages(&archive)[0] {
                Ok(Record::Page { html, .. }) => assert_eq!(html, page, "{headers}"),
                other => panic!("{headers}: {other:?}"),
            }
        }
        // A gzip bomb: a small body that inflates beyond the limit is refused.
        let mut big = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        big.write_all(&vec![b' '; 3_000_000]).unwrap();
        let big = big.finish().unwrap();
        let archive = record(
            "response",
            "https://c.example/",
            &http("200 OK", "Content-Encoding: gzip\r\n", &big),
        );
        assert!(matches!(&pages(&archive)[0], Ok(Record::NotPage { .. })));
    }

    #[test]
    fn a_malformed_record_ends_the_archive_with_an_error() {
        let mut archive = record(
            "response",
            "https://a.example/1",
            &http("200 OK", "", b"<p>One.</p>"),
        );
        archive.extend(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 50\r\n\r\nshort");
        let got = pages(&archive);
        assert!(matches!(got[0], Ok(Record::Page { .. })));
        assert!(matches!(got[1], Err((2, FormatError::Warc(_)))));
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn an_archive_cut_anywhere_is_an_error_or_whole_records() {
        let page = b"<html><body><p>The dam broke.</p></body></html>";
        let one = record("response", "https://a.example/1", &http("200 OK", "", page));
        let archive = [one.clone(), one.clone()].concat();
        for cut in one.len() + 1..archive.len() - 4 {
            let got = pages(&archive[..cut]);
            assert_eq!(got.len(), 2, "cut at {cut}");
            assert!(matches!(got[0], Ok(Record::Page { .. })), "cut at {cut}");
            assert!(
                matches!(got[1], Err((2, FormatError::Warc(_)))),
                "cut at {cut}: {:?}",
                got[1]
            );
        }
        // Trailing blank lines are not a record.
        let mut padded = archive.clone();
        padded.extend(b"\r\n\r\n");
        assert!(pages(&padded)
            .iter()
            .all(|r| matches!(r, Ok(Record::Page { .. }))));
    }

    #[test]
    fn page_article_takes_the_record_url_and_date() {
        let html = "<html><head><title>Dam breaks</title></head><body><article>\
            <p>The dam above the valley town of Vell broke early on Sunday, releasing a wall of water that flooded hundreds of homes, officials said.</p>\
            <p>Rescue crews worked through the night to reach families stranded on rooftops, and the regional governor declared an emergency.</p>\
            </article></body></html>";
        let a = page_article(
            "cc",
            3,
            Some("https://a.example/1"),
            Some("2026-03-01T09:30:00Z"),
            html,
        )
        .unwrap();
        assert_eq!(a.id, "https://a.example/1");
        assert_eq!(a.url.as_deref(), Some("https://a.example/1"));
        assert_eq!(a.published.as_deref(), Some("2026-03-01T09:30:00Z"));
        assert!(a.text.contains("Rescue crews worked through the night"));
        let a = page_article("cc", 3, None, None, html).unwrap();
        assert_eq!(a.id, "cc:record 3");
    }
}
