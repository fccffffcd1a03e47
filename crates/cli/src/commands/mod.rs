pub mod batch;
pub mod brief;
pub mod eval;

use anyhow::{anyhow, Result};
use newsbrief_core::summarize::{by_name, registry};
use newsbrief_core::Summarizer;

/// Resolve `--method`, listing the valid names on error.
pub fn method(name: &str) -> Result<&'static dyn Summarizer> {
    by_name(name).ok_or_else(|| {
        let names: Vec<&str> = registry().iter().map(|s| s.name()).collect();
        anyhow!(
            "unknown method {name:?}; choose one of: {}",
            names.join(", ")
        )
    })
}
