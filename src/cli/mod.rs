//! The `returndesk` command line: one module per command, each a thin door onto the engine,
//! the store or the service layer.

pub mod backup;
pub mod evaluate;
pub mod import;
pub mod demo;
pub mod bench;
pub mod serve;
pub mod slip;
pub mod slip_samples;
pub mod soak;

use std::path::PathBuf;

/// Where the desk's database lives: `--db`, else `DATABASE_URL`, else a SQLite file in the
/// user's data folder (`$XDG_DATA_HOME/returndesk/returndesk.db`, or
/// `~/.local/share/returndesk/returndesk.db`).
pub fn database_location(flag: Option<&str>) -> String {
    if let Some(db) = flag {
        return db.to_string();
    }
    if let Ok(url) = std::env::var("DATABASE_URL") {
        if !url.is_empty() {
            return url;
        }
    }
    default_sqlite_path().to_string_lossy().into_owned()
}

pub fn default_sqlite_path() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("returndesk").join("returndesk.db")
}

/// Exit status for an invalid case, bad input or unreadable files.
pub const INVALID: u8 = 2;
/// Exit status when the store or the system fails.
pub const FAILED: u8 = 1;
