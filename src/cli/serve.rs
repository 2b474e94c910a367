//! `returndesk serve`: the desk over HTTP on loopback, with the UI.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{database_location, FAILED};
use crate::api::DeskApi;
use crate::service::startup::{demo_sqlite_path, open_desk, Start};
use crate::service::DeskClock;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Database: a SQLite file path or postgres://… (default: DATABASE_URL, else the data folder;
    /// with --demo, the data folder's demo database).
    #[arg(long)]
    pub db: Option<String>,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// The built web UI to serve (default: ui/dist here, else the installed package's
    /// /usr/share/returndesk/ui, else the ui/dist of the repository this binary was built from).
    #[arg(long)]
    pub ui: Option<PathBuf>,
    /// A demo desk on its own database (never the store's), filled with a demo store the first time.
    #[arg(long)]
    pub demo: bool,
    /// With --demo: how many receipts the demo store gets.
    #[arg(long, default_value_t = 5000, requires = "demo")]
    pub demo_receipts: usize,
}

/// Where the built UI is, without `--ui`: `ui/dist` in the working folder; the installed
/// package's copy beside the binary (`/usr/bin/returndesk` → `/usr/share/returndesk/ui`); the
/// `ui/dist` of the repository this binary was built from (wherever its target folder is).
pub fn built_ui() -> Option<PathBuf> {
    let packaged = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().and_then(|bin| bin.parent()).map(|prefix| prefix.join("share/returndesk/ui")));
    [Some(PathBuf::from("ui/dist")), packaged, Some(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/ui/dist")))]
        .into_iter()
        .flatten()
        .find(|dir| dir.join("index.html").is_file())
}

pub fn run(args: ServeArgs) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let start = if args.demo {
            let location = args.db.clone().unwrap_or_else(|| demo_sqlite_path().to_string_lossy().into_owned());
            Start::Demo { location, receipts: args.demo_receipts }
        } else {
            Start::Store { location: database_location(args.db.as_deref()) }
        };
        let opened = match open_desk(&start).await {
            Ok(o) => o,
            Err(e) => {
                eprintln!("returndesk: {e}");
                return ExitCode::from(FAILED);
            }
        };
        if let Some(notice) = &opened.notice {
            eprintln!("returndesk: {notice}");
        }
        let ui = args.ui.or_else(built_ui);
        match &ui {
            Some(dir) => tracing::info!("serving the UI from {}", dir.display()),
            None => {
                eprintln!("returndesk: no built UI (build it with `cd ui && npm ci && npm run build`, or pass --ui DIR): serving the API only")
            }
        }
        let api = DeskApi::new(opened.desk, DeskClock::from_env());
        match crate::http::serve(api, ui, args.port).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("returndesk: cannot serve on 127.0.0.1:{}: {e}", args.port);
                ExitCode::from(FAILED)
            }
        }
    })
}
