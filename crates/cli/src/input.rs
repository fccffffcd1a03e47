//! Reading articles from files, directories and stdin. Every problem is reported with its file
//! (and line, for JSONL) and the rest of the input is still read.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use anyhow::Context;
use std::path::{Path, PathBuf};

use newsbrief_core::Article;
use newsbrief_formats::date::settle_published;
use newsbrief_formats::sniff::{sniff_file, GZIP_MAGIC, SNIFF_BYTES};
use newsbrief_formats::warc::Record;
use newsbrief_formats::{
    decode, parse_article, parse_json_articles, parse_jsonl_article, FormatError, Kind, Sniffed,
};

use crate::report::Reporter;

/// Limits applied while reading.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Articles (files, or JSONL lines) larger than this are skipped.
    pub max_article_bytes: u64,
}

/// Buffer size for streams of many lines in and out (`batch`, `cluster`, `ingest`, and the
/// summaries `eval` scores): a read or write system call per 64 KiB, where the standard 8 KiB
/// took one per line of output and one per 8 KiB of input (240 calls for Multi-News full's
/// 1 MB, about 0.5 ms of the run).
pub const STREAM_BUFFER: usize = 1 << 16;

/// A buffered reader of a stream of lines, [`STREAM_BUFFER`] at a time.
pub fn stream_reader<R: Read>(inner: R) -> BufReader<R> {
    BufReader::with_capacity(STREAM_BUFFER, inner)
}

/// Standard output, buffered [`STREAM_BUFFER`] at a time.
pub fn stream_writer<'a>() -> std::io::BufWriter<std::io::StdoutLock<'a>> {
    std::io::BufWriter::with_capacity(STREAM_BUFFER, std::io::stdout().lock())
}

/// Formats a directory walk takes, for messages.
pub const READABLE: &str =
    ".txt, .md, .html, .htm, .json, .jsonl, .rss, .atom, .xml, .warc, .warc.gz";

/// Read every article named by `paths`, in command-line order (directories walked in sorted
/// order), parsed on every core. `-` reads JSONL from stdin.
pub fn collect(paths: &[PathBuf], limits: Limits, rep: &Reporter) -> Vec<Article> {
    use rayon::prelude::*;
    let mut inputs = Inputs::new(paths, limits, rep);
    let mut out = Vec::new();
    loop {
        let units = inputs.next_chunk(256);
        if units.is_empty() {
            return out;
        }
        let parsed: Vec<Parsed> = units.into_par_iter().map(Unit::parse).collect();
        out.extend(parsed.into_iter().filter_map(|p| p.report(rep)));
    }
}

/// One article of the input, read but not yet parsed: parsing (HTML extraction above all) is
/// the costly part and runs on any thread, while reading stays in input order.
#[derive(Debug)]
pub struct Unit {
    /// Where it comes from: `file`, `file:LINE`, `file:entry N`, `file:record N`.
    pub place: String,
    /// The id the article gets when the input names none (`file:LINE`, the file stem, ...).
    pub default_id: String,
    raw: Raw,
}

#[derive(Debug)]
enum Raw {
    /// Parsed while reading (feed entries, items of a JSON array).
    Done(Box<Result<Article, FormatError>>),
    Line {
        text: String,
    },
    Doc {
        kind: Kind,
        text: String,
    },
    Page {
        stem: String,
        number: usize,
        url: Option<String>,
        date: Option<String>,
        html: Vec<u8>,
    },
}

impl Unit {
    /// The article, its origin set to the unit's place, its publication date in one form; or
    /// what is wrong. Runs on any thread: problems are reported later, in input order, by
    /// [`Parsed::report`].
    pub fn parse(self) -> Parsed {
        let parsed = match self.raw {
            Raw::Done(r) => *r,
            Raw::Line { text } => parse_jsonl_article(&text, &self.default_id),
            Raw::Doc { kind, text } => parse_article(kind, &text, &self.default_id),
            Raw::Page {
                stem,
                number,
                url,
                date,
                html,
            } => decode(&html).and_then(|d| {
                newsbrief_formats::warc::page_article(
                    &stem,
                    number,
                    url.as_deref(),
                    date.as_deref(),
                    &d.text,
                )
            }),
        };
        let mut note = None;
        let result = parsed.map_err(|e| e.to_string()).map(|mut a| {
            a.origin = Some(self.place.clone());
            note = settle_published(&mut a);
            a
        });
        Parsed {
            place: self.place,
            result,
            note,
        }
    }

    /// The raw text of a JSONL line (to read fields other than the article's, such as a gold
    /// `cluster` label).
    pub fn line_text(&self) -> Option<&str> {
        match &self.raw {
            Raw::Line { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Part of a stream (JSONL, a web archive), which keeps its order; else one article of a
    /// file or a feed, which a store puts in publication order.
    pub fn in_stream(&self) -> bool {
        matches!(self.raw, Raw::Line { .. } | Raw::Page { .. })
    }

    /// A file that holds this one article.
    pub fn is_file(&self) -> bool {
        matches!(self.raw, Raw::Doc { .. })
    }
}

/// A unit parsed: the article or why there is none, and a problem to report with it (a
/// publication date that is not on the calendar, left out).
#[derive(Debug)]
pub struct Parsed {
    pub place: String,
    pub result: Result<Article, String>,
    pub note: Option<String>,
}

impl Parsed {
    /// Report what went wrong, and give the article if there is one.
    pub fn report(self, rep: &Reporter) -> Option<Article> {
        if let Some(n) = &self.note {
            rep.altered(&self.place, n);
        }
        match self.result {
            Ok(a) => Some(a),
            Err(e) => {
                rep.skipped(&self.place, &e);
                None
            }
        }
    }
}

/// Every input named on a command line, as units, a chunk at a time: files one after another,
/// streams (JSONL, web archives) read as they are consumed, so that memory stays flat.
pub struct Inputs<'r> {
    pending: std::collections::VecDeque<PathBuf>,
    current: Option<Box<dyn Iterator<Item = Unit> + 'r>>,
    limits: Limits,
    rep: &'r Reporter,
}

impl<'r> Inputs<'r> {
    /// Directories are walked now, in sorted order; files a walk finds of no known kind are left
    /// alone, while a file named on the command line is always looked at.
    pub fn new(paths: &[PathBuf], limits: Limits, rep: &'r Reporter) -> Self {
        let mut pending = std::collections::VecDeque::new();
        for p in paths {
            if p.as_os_str() != "-" && p.is_dir() {
                let mut files = Vec::new();
                walk(p, &mut files, rep);
                if files.is_empty() {
                    rep.skipped(
                        &p.display().to_string(),
                        &format!("no readable files ({READABLE})"),
                    );
                }
                pending.extend(files.into_iter().map(|(f, _)| f));
            } else {
                pending.push_back(p.clone());
            }
        }
        Inputs {
            pending,
            current: None,
            limits,
            rep,
        }
    }

    /// Up to `max` more units; none at the end of the input.
    pub fn next_chunk(&mut self, max: usize) -> Vec<Unit> {
        let mut out = Vec::with_capacity(max.min(4096));
        while out.len() < max {
            if let Some(unit) = self.current.as_mut().and_then(Iterator::next) {
                out.push(unit);
                continue;
            }
            let Some(path) = self.pending.pop_front() else {
                break;
            };
            self.current = Some(open(&path, self.limits, self.rep));
        }
        out
    }
}

/// The units of one path.
fn open<'r>(path: &Path, limits: Limits, rep: &'r Reporter) -> Box<dyn Iterator<Item = Unit> + 'r> {
    if path.as_os_str() == "-" {
        return Box::new(jsonl_units(
            stream_reader(std::io::stdin()),
            "-".into(),
            "stdin".into(),
            limits,
            rep,
        ));
    }
    let place = path.display().to_string();
    let none = || -> Box<dyn Iterator<Item = Unit> + 'r> { Box::new(std::iter::empty()) };
    if !path.exists() {
        rep.skipped(&place, "no such file or directory");
        return none();
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            rep.skipped(&place, &format!("cannot open: {e}"));
            return none();
        }
    };
    let mut reader = stream_reader(file);
    let kind = match sniff_reader(&mut reader, path) {
        Ok(Sniffed::Readable(k)) => k,
        Ok(Sniffed::Unsupported(what)) => {
            rep.skipped(&place, &FormatError::Unsupported(what).to_string());
            return none();
        }
        Err(e) => {
            rep.skipped(&place, &format!("cannot read: {e}"));
            return none();
        }
    };
    let stem = stem_of(path);
    match kind {
        Kind::Jsonl => Box::new(jsonl_units(reader, place, stem, limits, rep)),
        Kind::Warc => warc_units(reader, place, stem, limits, rep),
        Kind::Feed | Kind::Json => {
            Box::new(collection_units(reader, kind, place, stem, limits, rep).into_iter())
        }
        Kind::Text | Kind::Markdown | Kind::Html => {
            Box::new(single_unit(reader, kind, place, stem, limits, rep).into_iter())
        }
    }
}

/// The kind of the file `reader` starts, by its first bytes and its name (nothing consumed).
fn sniff_reader(reader: &mut BufReader<File>, path: &Path) -> std::io::Result<Sniffed> {
    let head = reader.fill_buf()?;
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    Ok(sniff_file(head, name))
}

/// Read at most `limit` bytes; `None` (reported) when there are more.
fn read_bounded(
    reader: impl Read,
    limit: u64,
    place: &str,
    what: &str,
    rep: &Reporter,
) -> Option<Vec<u8>> {
    let size = std::fs::metadata(place).map(|m| m.len()).unwrap_or(0);
    if size > limit {
        rep.skipped(
            place,
            &format!(
                "{what} is {}, above the {} limit (--max-article-bytes)",
                size_over(size, limit),
                mb(limit)
            ),
        );
        return None;
    }
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        rep.skipped(place, &format!("cannot read: {e}"));
        return None;
    }
    if bytes.len() as u64 > limit {
        rep.skipped(
            place,
            &format!(
                "{what} is above the {} limit (--max-article-bytes)",
                mb(limit)
            ),
        );
        return None;
    }
    Some(bytes)
}

/// A file holding one article.
fn single_unit(
    reader: impl Read,
    kind: Kind,
    place: String,
    stem: String,
    limits: Limits,
    rep: &Reporter,
) -> Option<Unit> {
    let bytes = read_bounded(reader, limits.max_article_bytes, &place, "file", rep)?;
    let text = decode_reported(&bytes, &place, rep)?;
    Some(Unit {
        place,
        default_id: stem,
        raw: Raw::Doc { kind, text },
    })
}

/// The text of a file's bytes: empty or binary content is reported and gives nothing; invalid
/// UTF-8 is replaced and reported.
fn decode_reported(bytes: &[u8], place: &str, rep: &Reporter) -> Option<String> {
    let decoded = decode(bytes)
        .map_err(|e| rep.skipped(place, &e.to_string()))
        .ok()?;
    if let Some(at) = decoded.invalid_utf8_at {
        rep.altered(
            place,
            &format!("invalid UTF-8 at byte {at}; decoded with replacement characters"),
        );
    }
    Some(decoded.text)
}

/// How many times the limit per article a feed or a JSON array, read whole, may take.
const COLLECTION_ARTICLES: u64 = 64;

/// A feed or a JSON document (one article or an array of them), read whole; each entry is then
/// held to the limit per article.
fn collection_units(
    reader: impl Read,
    kind: Kind,
    place: String,
    stem: String,
    limits: Limits,
    rep: &Reporter,
) -> Vec<Unit> {
    let max = limits.max_article_bytes;
    let Some(bytes) = read_bounded(
        reader,
        max.saturating_mul(COLLECTION_ARTICLES),
        &place,
        "file, read whole (up to 64 articles' worth),",
        rep,
    ) else {
        return Vec::new();
    };
    let (entries, label) = if kind == Kind::Feed {
        (newsbrief_formats::feed::parse_feed(&bytes, &stem), "entry")
    } else {
        let Some(text) = decode_reported(&bytes, &place, rep) else {
            return Vec::new();
        };
        (parse_json_articles(&text, &stem), "item")
    };
    let entries = match entries {
        Ok(e) => e,
        Err(e) => {
            rep.skipped(&place, &e.to_string());
            return Vec::new();
        }
    };
    if entries.is_empty() {
        rep.skipped(&place, &format!("no {label} in it"));
    }
    let many = entries.len() > 1 || kind == Kind::Feed;
    entries
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let place = if many {
                format!("{place}:{label} {}", i + 1)
            } else {
                place.clone()
            };
            let r = r.and_then(|a| {
                if a.text.len() as u64 > max {
                    return Err(FormatError::WrongType {
                        field: "text",
                        expected: "within --max-article-bytes",
                    });
                }
                Ok(a)
            });
            let default_id = if many {
                format!("{stem}:{}", i + 1)
            } else {
                stem.clone()
            };
            Unit {
                place,
                default_id,
                raw: Raw::Done(Box::new(r)),
            }
        })
        .collect()
}

/// A web archive's HTML pages, streamed. Records that are not pages are counted in one note.
fn warc_units<'r>(
    mut reader: BufReader<File>,
    place: String,
    stem: String,
    limits: Limits,
    rep: &'r Reporter,
) -> Box<dyn Iterator<Item = Unit> + 'r> {
    let gz = reader
        .fill_buf()
        .map(|h| h.starts_with(GZIP_MAGIC))
        .unwrap_or(false);
    let records: Box<dyn Iterator<Item = _>> = if gz {
        let inner = stream_reader(flate2::bufread::MultiGzDecoder::new(reader));
        Box::new(newsbrief_formats::warc::Records::new(
            inner,
            limits.max_article_bytes,
        ))
    } else {
        Box::new(newsbrief_formats::warc::Records::new(
            reader,
            limits.max_article_bytes,
        ))
    };
    let mut not_pages = 0usize;
    let mut pages = 0usize;
    let mut records = records.fuse();
    Box::new(std::iter::from_fn(move || loop {
        match records.next() {
            None => {
                if not_pages > 0 {
                    rep.note(&place, &format!("{not_pages} responses were not HTML pages (images, redirects, errors, or above the size limit); {pages} pages read"));
                    not_pages = 0;
                }
                if pages == 0 {
                    rep.skipped(&place, "no HTML page in the archive");
                    pages = usize::MAX;
                }
                return None;
            }
            Some(Ok(Record::Page {
                number,
                url,
                date,
                html,
            })) => {
                pages = pages.saturating_add(1);
                let at = format!("{place}:record {number}");
                return Some(Unit {
                    place: at,
                    default_id: format!("{stem}:record {number}"),
                    raw: Raw::Page {
                        stem: stem.clone(),
                        number,
                        url,
                        date,
                        html,
                    },
                });
            }
            Some(Ok(Record::NotPage { .. })) => not_pages += 1,
            Some(Ok(Record::Other)) => {}
            Some(Err((number, e))) => rep.skipped(
                &format!("{place}:record {number}"),
                &format!("{e}; the rest of the archive cannot be read"),
            ),
        }
    }))
}

/// The articles of a JSONL stream, one per non-blank line.
fn jsonl_units<'r, R: BufRead + 'r>(
    reader: R,
    place: String,
    stem: String,
    limits: Limits,
    rep: &'r Reporter,
) -> impl Iterator<Item = Unit> + 'r {
    let mut lines = LineChunks::new(reader, &place);
    let mut any_line = false;
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        let (n, text) = match lines.next_line(limits.max_article_bytes, rep) {
            Ok(Some(l)) => l,
            end => {
                if let Err(e) = end {
                    rep.skipped(
                        &place,
                        &format!("read error after line {}: {e}", lines.line_no),
                    );
                } else if !any_line {
                    rep.skipped(&place, &FormatError::Empty.to_string());
                }
                done = true;
                return None;
            }
        };
        any_line = true;
        let Some(text) = text else { continue };
        return Some(Unit {
            place: format!("{place}:{n}"),
            default_id: format!("{stem}:{n}"),
            raw: Raw::Line { text },
        });
    })
}

pub fn walk(dir: &Path, files: &mut Vec<(PathBuf, Kind)>, rep: &Reporter) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            rep.skipped(
                &dir.display().to_string(),
                &format!("cannot read directory: {e}"),
            );
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, rep);
        } else if let Some(kind) = p
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(Kind::from_file_name)
        {
            files.push((p, kind));
        }
    }
}

pub fn stem_of(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string()
}

/// A size above a limit, in MB, or in bytes where MB would read as the limit itself.
fn size_over(size: u64, limit: u64) -> String {
    if mb(size) == mb(limit) {
        format!("{size} bytes")
    } else {
        mb(size)
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// A line of a JSONL file as text: invalid UTF-8 is replaced and reported with its place.
pub fn decode_line<'a>(buf: &'a [u8], at: &str, rep: &Reporter) -> std::borrow::Cow<'a, str> {
    match std::str::from_utf8(buf) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            rep.altered(
                at,
                &format!(
                    "invalid UTF-8 at byte {}; decoded with replacement characters",
                    e.valid_up_to()
                ),
            );
            String::from_utf8_lossy(buf)
        }
    }
}

/// A JSONL file read in chunks of non-blank lines, for commands that process many lines in
/// parallel: each line comes decoded (invalid UTF-8 replaced, and reported with its place),
/// trimmed at the end, with its 1-based line number.
pub struct LineChunks<R> {
    reader: R,
    place: String,
    line_no: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> LineChunks<R> {
    pub fn new(reader: R, place: &str) -> Self {
        LineChunks {
            reader,
            place: place.to_string(),
            line_no: 0,
            buf: Vec::new(),
        }
    }

    /// The next non-blank line and its 1-based number, decoded and trimmed at the end; `None`
    /// in place of the text when the line is above `max_bytes` (reported, and skipped without
    /// being held in memory); `Ok(None)` at the end of the file.
    pub fn next_line(
        &mut self,
        max_bytes: u64,
        rep: &Reporter,
    ) -> std::io::Result<Option<(usize, Option<String>)>> {
        loop {
            self.buf.clear();
            let n = (&mut self.reader)
                .take(max_bytes.saturating_add(1))
                .read_until(b'\n', &mut self.buf)?;
            if n == 0 {
                return Ok(None);
            }
            self.line_no += 1;
            let at = format!("{}:{}", self.place, self.line_no);
            if self.buf.len() as u64 > max_bytes && !self.buf.ends_with(b"\n") {
                let rest = skip_line(&mut self.reader)?;
                rep.skipped(
                    &at,
                    &format!(
                        "line is {}, above the {} limit per article (--max-article-bytes)",
                        mb(self.buf.len() as u64 + rest),
                        mb(max_bytes)
                    ),
                );
                return Ok(Some((self.line_no, None)));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = decode_line(&self.buf, &at, rep);
            return Ok(Some((self.line_no, Some(text.trim_end().to_string()))));
        }
    }

    /// Up to `max` more lines, and the bytes read for them; no lines at the end of the file.
    pub fn next_chunk(
        &mut self,
        max: usize,
        rep: &Reporter,
    ) -> anyhow::Result<(Vec<(usize, String)>, u64)> {
        let mut lines = Vec::with_capacity(max);
        let mut bytes = 0u64;
        while lines.len() < max {
            self.buf.clear();
            let n = self
                .reader
                .read_until(b'\n', &mut self.buf)
                .with_context(|| format!("cannot read {}", self.place))?;
            if n == 0 {
                break;
            }
            bytes += n as u64;
            self.line_no += 1;
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let at = format!("{}:{}", self.place, self.line_no);
            let text = decode_line(&self.buf, &at, rep);
            lines.push((self.line_no, text.trim_end().to_string()));
        }
        Ok((lines, bytes))
    }
}

/// Consume the rest of a line, returning how many bytes it had.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = buf.len();
                reader.consume(n);
                skipped += n as u64;
            }
        }
    }
}
