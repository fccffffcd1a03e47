//! `newsbrief serve`: runs the `newsbrief-server` binary that stands beside this one (else the
//! one on `PATH`) with the same arguments, in place of this process. The server is a binary of
//! its own so that the command-line tool builds without the async HTTP stack; `newsbrief serve
//! --help` lists its options.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{anyhow, Result};

use crate::Outcome;

#[derive(Debug, clap::Args)]
#[command(disable_help_flag = true)]
pub struct Args {
    /// The server's options (`newsbrief serve --help` lists them).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<OsString>,
}

/// Where the server binary is: beside this executable, else found on `PATH` by its name.
fn server_binary() -> PathBuf {
    let name = format!("newsbrief-server{}", std::env::consts::EXE_SUFFIX);
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

pub fn run(a: Args) -> Result<Outcome> {
    let bin = server_binary();
    let mut cmd = std::process::Command::new(&bin);
    cmd.args(&a.args);
    let not_found = |e: std::io::Error| {
        anyhow!(
            "cannot start {} ({e}); build it with `cargo build --release -p newsbrief-server`",
            bin.display()
        )
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Only returns on failure: the server takes this process's place (and its signals).
        Err(not_found(cmd.exec()))
    }
    #[cfg(not(unix))]
    {
        let status = cmd.status().map_err(not_found)?;
        Ok(if status.success() {
            Outcome::Ok
        } else {
            Outcome::Failed
        })
    }
}
