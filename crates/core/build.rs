//! Writes the English stop-word list of the `stop-words` crate as a Rust array, so that the
//! list is compiled in: the crate parses a JSON document of every language on each call, which
//! cost about 1.5 ms at every start of the CLI.

use std::fmt::Write as _;

fn main() {
    let words = stop_words::get(stop_words::LANGUAGE::English);
    let mut src =
        String::from("/// The `stop-words` crate's English list, compiled in by `build.rs`.\n");
    src.push_str("pub(crate) const ENGLISH_STOP_WORDS: &[&str] = &[\n");
    for w in &words {
        writeln!(src, "    {w:?},").expect("writing to a String");
    }
    src.push_str("];\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("stop_words.rs");
    std::fs::write(out, src).expect("write the stop-word list to OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
}
