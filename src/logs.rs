//! The desk's logs, with `tracing`: a file in the data folder that rotates daily
//! (`logs/returndesk.log.YYYY-MM-DD`, info and above) and the warnings on stderr (`--verbose`:
//! debug on both). `RUST_LOG` (e.g. `RUST_LOG=debug` or `RUST_LOG=returndesk=trace,sqlx=info`)
//! overrides both levels. Standard output is never written: `returndesk evaluate`'s JSON is a
//! contract.
//!
//! What is logged: every HTTP request (method, the route's template — never the raw path,
//! which may carry a receipt code —, status and duration, [`crate::http`]), every desk command
//! with its name, outcome and duration (once, in [`crate::api::DeskApi::run`], the one
//! dispatcher for HTTP and the desktop app), every command line command with its duration, and
//! errors with their cause chain ([`cause_chain`]). Never logged: PINs, session tokens,
//! `Authorization` headers, request bodies or command arguments.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// The name the day's file starts with (`returndesk.log.2026-12-02`).
pub const FILE_PREFIX: &str = "returndesk.log";
/// How many days of files are kept.
pub const DAYS_KEPT: usize = 30;

/// The logs' folder: `logs/` in the data folder (`~/.local/share/returndesk/logs`), or
/// `RETURNDESK_LOG_DIR`.
pub fn folder() -> PathBuf {
    std::env::var_os("RETURNDESK_LOG_DIR")
        .map(PathBuf::from)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| crate::service::startup::data_folder().join("logs"))
}

/// The logs while a program runs: keep it until the program ends, so the file gets its last
/// lines.
pub struct Logs {
    _file: Option<WorkerGuard>,
    /// The folder the file is written in, when it could be opened.
    pub folder: Option<PathBuf>,
}

fn filter(verbose: bool, quiet: &str) -> EnvFilter {
    match std::env::var("RUST_LOG").ok().filter(|s| !s.trim().is_empty()) {
        Some(directives) => EnvFilter::new(directives),
        None if verbose => EnvFilter::new("info,returndesk=debug,returndesk_desk=debug"),
        None => EnvFilter::new(quiet),
    }
}

/// Starts the logs of one program run (the command line or the desktop app). A folder that
/// cannot be written leaves only stderr, with a warning there.
pub fn init(verbose: bool) -> Logs {
    let folder = folder();
    let appender = std::fs::create_dir_all(&folder).map_err(|e| e.to_string()).and_then(|()| {
        RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix(FILE_PREFIX)
            .max_log_files(DAYS_KEPT)
            .build(&folder)
            .map_err(|e| e.to_string())
    });
    let (file, guard, problem) = match appender {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let layer = tracing_subscriber::fmt::layer().with_writer(writer).with_ansi(false).with_filter(filter(verbose, "info"));
            (Some(layer), Some(guard), None)
        }
        Err(e) => (None, None, Some(e)),
    };
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(verbose)
        .with_filter(filter(verbose, "warn"));
    let _ = tracing_subscriber::registry().with(file).with(stderr).try_init();
    if let Some(problem) = problem {
        tracing::warn!("no log file in {}: {problem}", folder.display());
    }
    Logs { folder: guard.as_ref().map(|_| folder), _file: guard }
}

/// Milliseconds with a tenth, for durations in the logs.
pub fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 10_000.0).round() / 10.0
}

/// An error and its causes, outermost first (`database: pool timed out: …`); a cause whose
/// words its error already repeats is not said twice.
pub fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut said = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        let words = c.to_string();
        if !said.contains(&words) {
            said.push_str(": ");
            said.push_str(&words);
        }
        cause = c.source();
    }
    said
}

/// Logs a command line command when it ends: its name, whether it succeeded, its duration.
/// A failure is logged at info: the command has said why on stderr already, in its one line
/// (which is a contract too).
pub fn command_line_done(command: &str, started: Instant, succeeded: bool) {
    let ms = millis(started.elapsed());
    let outcome = if succeeded { "done" } else { "failed" };
    tracing::info!(command, ms, outcome, "command line command {outcome}");
}
