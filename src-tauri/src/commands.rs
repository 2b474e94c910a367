//! The desk API of docs/api.md as Tauri commands: one command per endpoint, same name,
//! same JSON in (`invoke(name, {args})`, with `token` inside `args` for signed-in calls)
//! and out; errors reject with `{"error": {"code", "message", …}}` exactly as over HTTP.
//!
//! This is the ONLY file that talks to the engine. Every command is a one-line delegation
//! to [`delegate`]; wiring the engine's service layer (`returndesk::service`) means replacing
//! the body of `delegate` (or of single commands) — `main.rs` and the UI stay as they are.
//! `return_slip` must answer the PDF as a base64 string (the UI turns it into a blob URL).

use serde_json::{json, Value};

/// The engine crate, by path (`returndesk = { path = ".." }`); `delegate` will call
/// `engine::service` once the desk service is wired in.
#[allow(unused_imports)]
pub use returndesk as engine;

/// The error shape of docs/api.md.
pub fn api_error(code: &str, message: impl Into<String>) -> Value {
    json!({ "error": { "code": code, "message": message.into() } })
}

/// Hand one command to the engine's service layer. Not wired yet: every command answers
/// `NOT_READY` so the UI shows a clear message instead of hanging.
pub async fn delegate(command: &'static str, args: Value) -> Result<Value, Value> {
    let _ = args;
    Err(api_error(
        "NOT_READY",
        format!("the desk service is not wired into the desktop app yet ({command})"),
    ))
}

type Answer = Result<Value, Value>;

#[tauri::command]
pub async fn sign_in(args: Value) -> Answer {
    delegate("sign_in", args).await
}

#[tauri::command]
pub async fn sign_out(args: Value) -> Answer {
    delegate("sign_out", args).await
}

#[tauri::command]
pub async fn lookup_receipt(args: Value) -> Answer {
    delegate("lookup_receipt", args).await
}

#[tauri::command]
pub async fn find_receipts_by_card(args: Value) -> Answer {
    delegate("find_receipts_by_card", args).await
}

#[tauri::command]
pub async fn evaluate_return(args: Value) -> Answer {
    delegate("evaluate_return", args).await
}

#[tauri::command]
pub async fn confirm_return(args: Value) -> Answer {
    delegate("confirm_return", args).await
}

#[tauri::command]
pub async fn decide_approval(args: Value) -> Answer {
    delegate("decide_approval", args).await
}

#[tauri::command]
pub async fn list_returns(args: Value) -> Answer {
    delegate("list_returns", args).await
}

#[tauri::command]
pub async fn get_return(args: Value) -> Answer {
    delegate("get_return", args).await
}

#[tauri::command]
pub async fn return_slip(args: Value) -> Answer {
    delegate("return_slip", args).await
}

#[tauri::command]
pub async fn print_slip(args: Value) -> Answer {
    delegate("print_slip", args).await
}

#[tauri::command]
pub async fn list_claims(args: Value) -> Answer {
    delegate("list_claims", args).await
}

#[tauri::command]
pub async fn get_settings(args: Value) -> Answer {
    delegate("get_settings", args).await
}

#[tauri::command]
pub async fn put_settings(args: Value) -> Answer {
    delegate("put_settings", args).await
}

#[tauri::command]
pub async fn import_policy(args: Value) -> Answer {
    delegate("import_policy", args).await
}

/// The command names, in docs/api.md order (kept in step with `main.rs`).
#[cfg(test)]
pub const NAMES: [&str; 15] = [
    "sign_in",
    "sign_out",
    "lookup_receipt",
    "find_receipts_by_card",
    "evaluate_return",
    "confirm_return",
    "decide_approval",
    "list_returns",
    "get_return",
    "return_slip",
    "print_slip",
    "list_claims",
    "get_settings",
    "put_settings",
    "import_policy",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_ready_has_the_api_error_shape() {
        let e = tauri::async_runtime::block_on(delegate("sign_in", json!({"login": "x"}))).unwrap_err();
        assert_eq!(e["error"]["code"], "NOT_READY");
        assert!(e["error"]["message"].as_str().unwrap().contains("sign_in"));
    }

    #[test]
    fn every_api_command_is_registered() {
        let main = include_str!("main.rs");
        let api = include_str!("../../docs/api.md");
        for name in NAMES {
            assert!(main.contains(&format!("commands::{name},")), "{name} not in generate_handler!");
            assert!(api.contains(&format!("`{name}`")), "{name} not in docs/api.md");
        }
    }
}
