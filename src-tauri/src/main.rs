// Return Desk desktop shell: a Tauri 2 window showing the web UI (../ui/dist) whose
// transport (ui/src/lib/transport.ts) calls the commands of commands.rs.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use returndesk::http::{DeskApi, DeskClock};
use returndesk::service::Desk;
use tauri::Manager;

/// Opens the desk's database (DATABASE_URL, else the data folder's SQLite file); a new one
/// gets the demo store, as `returndesk serve` does.
async fn open_desk() -> Result<DeskApi, String> {
    let location = returndesk::cli::database_location(None);
    let db = returndesk::store::open(&location)
        .await
        .map_err(|e| format!("cannot open the database at {location}: {e}"))?;
    if db.stores().await.map_err(|e| e.to_string())?.is_empty() {
        returndesk::demo::seed_demo(&db, 2000, 2026).await.map_err(|e| e.to_string())?;
    }
    Ok(DeskApi::new(Desk::new(db), DeskClock::from_env()))
}

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            let api = tauri::async_runtime::block_on(open_desk())?;
            app.manage(api);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::sign_in,
            commands::sign_out,
            commands::lookup_receipt,
            commands::find_receipts_by_card,
            commands::evaluate_return,
            commands::confirm_return,
            commands::decide_approval,
            commands::list_returns,
            commands::get_return,
            commands::return_slip,
            commands::print_slip,
            commands::list_claims,
            commands::get_settings,
            commands::put_settings,
            commands::import_policy,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Return Desk");
}
