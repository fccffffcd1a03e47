//! Reads one word per line on stdin, prints `word<TAB>stem` (parity checks against NLTK).
use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines().map_while(Result::ok) {
        let _ = writeln!(out, "{}\t{}", line, newsbrief_eval::porter::stem(&line));
    }
}
