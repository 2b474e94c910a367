// Return Desk desktop shell: a Tauri 2 window showing the web UI (../ui/dist) whose
// transport (ui/src/lib/transport.ts) calls the commands of commands.rs, which are made from
// the engine's command table. `--demo` opens a demo desk on its own database; `--verbose` puts
// debug detail in the log (the data folder's logs/returndesk.log.DATE, as the command line's).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod display;

use returndesk::api::DeskApi;
use returndesk::service::startup::{database_location, demo_sqlite_path, open_desk, Start};
use returndesk::service::DeskClock;
use tauri::Manager;

/// The desk's database (DATABASE_URL, else the data folder's SQLite file), or with `--demo`
/// the demo desk's own database, filled with a demo store the first time.
fn start() -> Start {
    if std::env::args().any(|a| a == "--demo") {
        Start::Demo { location: demo_sqlite_path().to_string_lossy().into_owned(), receipts: 2000 }
    } else {
        Start::Store { location: database_location(None) }
    }
}

fn main() {
    if std::env::args().any(|a| a == "--version" || a == "-V") {
        println!("returndesk-desk {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    let _logs = returndesk::logs::init(std::env::args().any(|a| a == "--verbose" || a == "-v"));
    tauri::Builder::default()
        .setup(|app| {
            let start = start();
            let opened = tauri::async_runtime::block_on(open_desk(&start)).inspect_err(|e| tracing::error!("cannot open the desk: {e}"))?;
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "desk window opening on {start:?}");
            if let Some(notice) = &opened.notice {
                eprintln!("returndesk-desk: {notice}");
            }
            app.manage(DeskApi::new(opened.desk, DeskClock::from_env()));
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("error while running Return Desk");
}
