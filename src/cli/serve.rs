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
    /// The built web UI to serve (default: ui/dist when it exists).
    #[arg(long)]
    pub ui: Option<PathBuf>,
    /// A demo desk on its own database (never the store's), filled with a demo store the first time.
    #[arg(long)]
    pub demo: bool,
    /// With --demo: how many receipts the demo store gets.
    #[arg(long, default_value_t = 5000, requires = "demo")]
    pub demo_receipts: usize,
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
        let ui = args.ui.or_else(|| Some(PathBuf::from("ui/dist")).filter(|p| p.join("index.html").exists()));
        if ui.is_none() {
            eprintln!("returndesk: no built UI (ui/dist): serving the API only");
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
