// Return Desk desktop shell: a Tauri 2 window showing the web UI (../ui/dist) whose
// transport (ui/src/lib/transport.ts) calls the commands of commands.rs, which are made from
// the engine's command table. `--demo` opens a demo desk on its own database.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

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
    tauri::Builder::default()
        .setup(|app| {
            let opened = tauri::async_runtime::block_on(open_desk(&start()))?;
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
