//! `newsbrief-server`, which `newsbrief serve` runs: reads the options, finds the token, starts a
//! tokio runtime and serves until Ctrl-C or SIGTERM. A binary of its own, so that the command
//! line tool builds without the async stack (see `crates/cli/src/commands/serve.rs`).

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use newsbrief_server::{load_or_create_token, Config, Server};

/// The HTTP API and web pages of newsbrief over a story store (run as `newsbrief serve`).
#[derive(Debug, clap::Parser)]
#[command(name = "newsbrief serve", bin_name = "newsbrief serve", version, about, long_about = None)]
struct Args {
    /// The store file; created if it does not exist.
    #[arg(long, default_value = "newsbrief.db")]
    db: PathBuf,
    /// Address to listen on (loopback by default; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The bearer token of the write endpoints, one line; created (mode 0600) with a random
    /// token if missing. Default: the store's path with `.token` added.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = 32 << 20)]
    body_limit: usize,
    /// Seconds a request may take before it is answered 408.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
}

fn run(a: Args) -> Result<()> {
    let token_file = a.token_file.clone().unwrap_or_else(|| {
        let mut p = a.db.clone().into_os_string();
        p.push(".token");
        PathBuf::from(p)
    });
    let (token, created) = load_or_create_token(&token_file)?;
    let mut config = Config::new(a.db.clone(), a.addr, token);
    config.body_limit = a.body_limit;
    config.timeout = std::time::Duration::from_secs(a.timeout.max(1));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let server = Server::bind(config).await?;
        let addr = server.local_addr()?;
        eprintln!(
            "newsbrief: serving {} on http://{addr}/ (write token {} {})",
            a.db.display(),
            if created { "written to" } else { "read from" },
            token_file.display()
        );
        server.run(shutdown()).await?;
        eprintln!("newsbrief: stopped");
        anyhow::Ok(())
    })
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

fn main() -> std::process::ExitCode {
    use clap::Parser;
    match run(Args::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsbrief: error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
