//! How a desk starts: where its database lives, and a demo desk only when asked for. Shared by
//! `returndesk serve` and the desktop app.

use std::path::PathBuf;

use super::Desk;

/// Where the desk's database lives: `flag` (`--db`), else `DATABASE_URL`, else a SQLite file in
/// the user's data folder (`$XDG_DATA_HOME/returndesk/returndesk.db`, or
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

/// The data folder's SQLite file.
pub fn default_sqlite_path() -> PathBuf {
    data_folder().join("returndesk.db")
}

/// The demo desk's own database, beside the real one and never the same file.
pub fn demo_sqlite_path() -> PathBuf {
    data_folder().join("returndesk-demo.db")
}

/// The data folder: `$XDG_DATA_HOME/returndesk`, or `~/.local/share/returndesk` (the database,
/// the demo database and `logs/`).
pub fn data_folder() -> PathBuf {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("returndesk")
}

/// What a desk starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// The store's own database: nothing is added to it.
    Store { location: String },
    /// A demo desk on its own database, filled with a demo store of this many receipts the
    /// first time.
    Demo { location: String, receipts: usize },
}

/// A desk opened, and what a person starting it should be told (e.g. that no store is set up).
pub struct Opened {
    pub desk: Desk,
    pub notice: Option<String>,
}

/// Opens the desk's database (creating and migrating it on first start). Demo data goes only
/// into a demo desk's own database, never into a store's.
pub async fn open_desk(start: &Start) -> Result<Opened, String> {
    let location = match start {
        Start::Store { location } | Start::Demo { location, .. } => location,
    };
    let db = crate::store::open(location).await.map_err(|e| format!("cannot open the database at {location}: {e}"))?;
    let empty = db.stores().await.map_err(|e| format!("{location}: {e}"))?.is_empty();
    let notice = match start {
        Start::Demo { receipts, .. } if empty => {
            crate::demo::seed_demo(&db, *receipts, 2026).await.map_err(|e| format!("demo data: {e}"))?;
            Some(format!("demo desk on {location}: a demo store with {receipts} receipts (users maria/1234, georgi/9999 and the administrator elena/4826)"))
        }
        Start::Demo { .. } => Some(format!("demo desk on {location}")),
        Start::Store { .. } if empty => Some(format!(
            "no store is set up in {location}: set it up on the desk's Setup screen or with `returndesk setup` (or `returndesk import store FILE` with its policy and users), or start a demo desk with --demo"
        )),
        Start::Store { .. } => None,
    };
    // ---- Issue 15: clock ---- the desk's zone is its store's (RETURNDESK_TZ, else the first
    // store's): what a fixed RETURNDESK_NOW's instant is read in; a bad value stops the start.
    let clock = super::DeskClock::try_from_env().map_err(|e| e.to_string())?;
    let desk = Desk::new(db).with_clock(clock).in_stores_zone().await.map_err(|e| e.to_string())?;
    Ok(Opened { desk, notice })
}
