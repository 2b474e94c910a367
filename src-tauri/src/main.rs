// Return Desk desktop shell: a Tauri 2 window showing the web UI (../ui/dist) whose
// transport (ui/src/lib/transport.ts) calls the commands of commands.rs.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

fn main() {
    tauri::Builder::default()
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
