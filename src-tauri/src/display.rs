//! The customer display (issue 13): a second window showing the UI's customer view
//! (`#/customer`), for a screen facing the customer. It only opens the window; what it shows and
//! how it follows the desk (the `show_customer` / `watch_customer` commands) is the UI's and the
//! engine's.

use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};

/// The window's label.
const LABEL: &str = "customer";

/// Opens the customer display at `view` (`#/customer…`, what the UI asks for), or brings it to
/// the front opened anew (a new session's token).
#[tauri::command]
pub async fn open_customer_display(app: AppHandle, view: String) -> Result<(), String> {
    if !view.starts_with("#/customer") {
        return Err(format!("not the customer view: {view}"));
    }
    if let Some(open) = app.get_webview_window(LABEL) {
        open.close().map_err(|e| e.to_string())?;
    }
    WebviewWindowBuilder::new(&app, LABEL, WebviewUrl::App(format!("index.html{view}").into()))
        .title("Return Desk — customer display")
        .inner_size(1024.0, 768.0)
        .min_inner_size(800.0, 600.0)
        .build()
        .map_err(|e| e.to_string())?;
    Ok(())
}
