pub mod batch;
pub mod brief;
pub mod cluster;
pub mod eval;
pub mod eval_facts;
pub mod ids;
pub mod serve;
pub mod store;

use anyhow::{anyhow, Result};
use newsbrief_core::summarize::{by_name, registry};
use newsbrief_core::{Summarizer, DEFAULT_METHOD};

/// Options every summarizing command shares.
#[derive(Debug, clap::Args)]
pub struct SummarizeArgs {
    /// Word budget of each summary: whole sentences, never exceeded unless the first sentence
    /// alone is longer.
    #[arg(long, default_value_t = 120)]
    pub words: usize,
    /// Summarization method (see `newsbrief methods`).
    #[arg(long, default_value = DEFAULT_METHOD)]
    pub method: String,
    /// Set a parameter of the method, `name=value` (repeatable; see README).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
}

impl SummarizeArgs {
    pub fn method(&self) -> Result<Method> {
        method(&self.method, &self.params)
    }
}

/// A resolved `--method`, with any `--param` applied.
pub enum Method {
    Builtin(&'static dyn Summarizer),
    Tuned(Box<dyn Summarizer>),
}

impl Method {
    pub fn get(&self) -> &dyn Summarizer {
        match self {
            Method::Builtin(m) => *m,
            Method::Tuned(m) => m.as_ref(),
        }
    }
}

/// Resolve `--method` and `--param name=value` options, listing valid names on error.
pub fn method(name: &str, params: &[String]) -> Result<Method> {
    let m = by_name(name).ok_or_else(|| {
        let names: Vec<&str> = registry().iter().map(|s| s.name()).collect();
        anyhow!(
            "unknown method {name:?}; choose one of: {}",
            names.join(", ")
        )
    })?;
    if params.is_empty() {
        return Ok(Method::Builtin(m));
    }
    let parsed = params
        .iter()
        .map(|p| parse_param(p))
        .collect::<Result<Vec<_>>>()?;
    m.with_params(&parsed)
        .map(Method::Tuned)
        .map_err(|e| anyhow!(e))
}

/// One `--param name=value` option.
pub fn parse_param(p: &str) -> Result<(String, f64)> {
    let (k, v) = p
        .split_once('=')
        .ok_or_else(|| anyhow!("--param takes name=value, not {p:?}"))?;
    let v: f64 = v
        .trim()
        .parse()
        .map_err(|_| anyhow!("--param {k}: {v:?} is not a number"))?;
    Ok((k.trim().to_string(), v))
}
