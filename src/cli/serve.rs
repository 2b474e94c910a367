//! `returndesk serve`: the desk over HTTP on loopback, with the UI.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{database_location, FAILED};
use crate::http::{DeskApi, DeskClock};
use crate::service::Desk;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Database: a SQLite file path or postgres://… (default: DATABASE_URL, else the data folder).
    #[arg(long)]
    pub db: Option<String>,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// The built web UI to serve (default: ui/dist when it exists).
    #[arg(long)]
    pub ui: Option<PathBuf>,
    /// When the database has no store yet, fill it with a demo store of this many receipts.
    #[arg(long, default_value_t = 5000)]
    pub demo_receipts: usize,
}

pub fn run(args: ServeArgs) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let location = database_location(args.db.as_deref());
        let db = match crate::store::open(&location).await {
            Ok(db) => db,
            Err(e) => {
                eprintln!("returndesk: cannot open the database at {location}: {e}");
                return ExitCode::from(FAILED);
            }
        };
        match db.stores().await {
            Ok(stores) if stores.is_empty() => {
                eprintln!("returndesk: no store set up in {location}: creating a demo store with {} receipts", args.demo_receipts);
                if let Err(e) = crate::demo::seed_demo(&db, args.demo_receipts, 2026).await {
                    eprintln!("returndesk: demo data: {e}");
                    return ExitCode::from(FAILED);
                }
            }
            Ok(_) => {}
            Err(e) => {
                eprintln!("returndesk: {e}");
                return ExitCode::from(FAILED);
            }
        }
        let ui = args.ui.or_else(|| Some(PathBuf::from("ui/dist")).filter(|p| p.join("index.html").exists()));
        if ui.is_none() {
            eprintln!("returndesk: no built UI (ui/dist): serving the API only");
        }
        let api = DeskApi::new(Desk::new(db), DeskClock::from_env());
        match crate::http::serve(api, ui, args.port).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("returndesk: cannot serve on 127.0.0.1:{}: {e}", args.port);
                ExitCode::from(FAILED)
            }
        }
    })
}
