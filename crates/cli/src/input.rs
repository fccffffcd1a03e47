//! Reading articles from files, directories and stdin. Every problem is reported with its file
//! (and line, for JSONL) and the rest of the input is still read.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use anyhow::Context;
use std::path::{Path, PathBuf};

use newsbrief_core::Article;
use newsbrief_formats::{decode, parse_article, parse_jsonl_article, FormatError, Kind};

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

/// Read every article named by `paths`, in command-line order; directories are walked in sorted
/// order. `-` reads JSONL from stdin.
pub fn collect(paths: &[PathBuf], limits: Limits, rep: &Reporter) -> Vec<Article> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let stdin = std::io::stdin();
            read_jsonl(stdin.lock(), "-", "stdin", limits, rep, &mut out);
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, rep);
            if files.is_empty() {
                rep.skipped(
                    &p.display().to_string(),
                    "no readable files (.txt, .md, .html, .htm, .json, .jsonl)",
                );
            }
            for (f, kind) in files {
                read_file(&f, kind, limits, rep, &mut out);
            }
        } else if p.exists() {
            read_file(p, kind_of(p), limits, rep, &mut out);
        } else {
            rep.skipped(&p.display().to_string(), "no such file or directory");
        }
    }
    out
}

/// The format of a file named on the command line, by extension (plain text when unknown).
pub fn kind_of(path: &Path) -> Kind {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(Kind::from_extension)
        .unwrap_or(Kind::Text)
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
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Kind::from_extension)
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

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// Read one file of the given kind into `out` (a JSONL file may add many articles).
pub fn read_file(path: &Path, kind: Kind, limits: Limits, rep: &Reporter, out: &mut Vec<Article>) {
    let place = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return rep.skipped(&place, &format!("cannot open: {e}")),
    };
    if kind == Kind::Jsonl {
        return read_jsonl(
            BufReader::new(file),
            &place,
            &stem_of(path),
            limits,
            rep,
            out,
        );
    }
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limits.max_article_bytes {
        return rep.skipped(
            &place,
            &format!(
                "file is {}, above the {} limit per article (--max-article-bytes)",
                mb(size),
                mb(limits.max_article_bytes)
            ),
        );
    }
    let mut bytes = Vec::with_capacity(size as usize);
    if let Err(e) = file
        .take(limits.max_article_bytes + 1)
        .read_to_end(&mut bytes)
    {
        return rep.skipped(&place, &format!("cannot read: {e}"));
    }
    let decoded = match decode(&bytes) {
        Ok(d) => d,
        Err(e) => return rep.skipped(&place, &e.to_string()),
    };
    if let Some(at) = decoded.invalid_utf8_at {
        rep.altered(
            &place,
            &format!("invalid UTF-8 at byte {at}; decoded with replacement characters"),
        );
    }
    match parse_article(kind, &decoded.text, &stem_of(path)) {
        Ok(mut a) => {
            a.origin = Some(place);
            out.push(a);
        }
        Err(e) => rep.skipped(&place, &e.to_string()),
    }
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

/// Read JSONL articles, one per line, reporting bad lines by number.
pub fn read_jsonl<R: BufRead>(
    mut reader: R,
    place: &str,
    stem: &str,
    limits: Limits,
    rep: &Reporter,
    out: &mut Vec<Article>,
) {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let mut any_line = false;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                rep.skipped(place, &format!("read error after line {line_no}: {e}"));
                break;
            }
        }
        line_no += 1;
        let at = format!("{place}:{line_no}");
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        any_line = true;
        if buf.len() as u64 > limits.max_article_bytes {
            rep.skipped(
                &at,
                &format!(
                    "line is {}, above the {} limit per article (--max-article-bytes)",
                    mb(buf.len() as u64),
                    mb(limits.max_article_bytes)
                ),
            );
            continue;
        }
        let text = decode_line(&buf, &at, rep);
        match parse_jsonl_article(text.trim_end(), &format!("{stem}:{line_no}")) {
            Ok(mut a) => {
                a.origin = Some(at);
                out.push(a);
            }
            Err(e) => rep.skipped(&at, &e.to_string()),
        }
    }
    if !any_line {
        rep.skipped(place, &FormatError::Empty.to_string());
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
