//! The desk API of docs/api.md as Tauri commands: one command per endpoint, same name,
//! same JSON in (`invoke(name, {args})`, with `token` inside `args` for signed-in calls) and
//! out; errors reject with `{"error": {"code", "message", …}}` exactly as over HTTP, because
//! every command hands its arguments to [`DeskApi::call`], the entry the HTTP routes use too.
//! `return_slip` answers the PDF as a base64 string (the UI turns it into a blob URL).

use std::io::Write;

use returndesk::http::DeskApi;
use serde_json::{json, Value};
use tauri::State;

/// Hands one command to the engine's service layer. The session token travels inside `args`.
pub async fn delegate(api: &DeskApi, command: &'static str, mut args: Value) -> Result<Value, Value> {
    let token = args
        .as_object_mut()
        .and_then(|a| a.remove("token"))
        .and_then(|t| t.as_str().map(str::to_string));
    let answer = api.call(command, args, token.as_deref()).await.map_err(|e| e.body());
    log_call(command, &answer);
    answer
}

/// With `RETURNDESK_COMMAND_LOG=FILE`, one JSON line per command and its outcome: how the
/// desktop test sees what the real window did.
fn log_call(command: &str, answer: &Result<Value, Value>) {
    let Some(path) = std::env::var_os("RETURNDESK_COMMAND_LOG") else { return };
    let line = match answer {
        Ok(v) => json!({"command": command, "ok": true, "number": v.get("number")}),
        Err(e) => json!({"command": command, "ok": false, "code": e["error"]["code"]}),
    };
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = writeln!(f, "{line}");
    }
}

type Answer = Result<Value, Value>;

#[tauri::command]
pub async fn sign_in(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "sign_in", args).await
}

#[tauri::command]
pub async fn sign_out(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "sign_out", args).await
}

#[tauri::command]
pub async fn lookup_receipt(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "lookup_receipt", args).await
}

#[tauri::command]
pub async fn find_receipts_by_card(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "find_receipts_by_card", args).await
}

#[tauri::command]
pub async fn evaluate_return(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "evaluate_return", args).await
}

#[tauri::command]
pub async fn confirm_return(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "confirm_return", args).await
}

#[tauri::command]
pub async fn decide_approval(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "decide_approval", args).await
}

#[tauri::command]
pub async fn list_returns(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "list_returns", args).await
}

#[tauri::command]
pub async fn get_return(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "get_return", args).await
}

#[tauri::command]
pub async fn return_slip(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "return_slip", args).await
}

#[tauri::command]
pub async fn print_slip(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "print_slip", args).await
}

#[tauri::command]
pub async fn list_claims(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "list_claims", args).await
}

#[tauri::command]
pub async fn get_settings(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "get_settings", args).await
}

#[tauri::command]
pub async fn put_settings(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "put_settings", args).await
}

#[tauri::command]
pub async fn import_policy(api: State<'_, DeskApi>, args: Value) -> Answer {
    delegate(&api, "import_policy", args).await
}

/// The command names, in docs/api.md order (kept in step with `main.rs`).
#[cfg(test)]
mod tests {
    use super::*;
    use returndesk::http::DeskClock;
    use returndesk::service::Desk;

    fn desk() -> (tempfile::TempDir, DeskApi) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        let api = tauri::async_runtime::block_on(async {
            let db = returndesk::store::open(path.to_str().unwrap()).await.unwrap();
            returndesk::demo::seed_demo(&db, 20, 7).await.unwrap();
            DeskApi::new(Desk::new(db), DeskClock::from_env())
        });
        (dir, api)
    }

    #[test]
    fn commands_answer_like_the_http_api() {
        let (_dir, api) = desk();
        let err = tauri::async_runtime::block_on(delegate(&api, "lookup_receipt", json!({"code": "X"}))).unwrap_err();
        assert_eq!(err["error"]["code"], "UNAUTHENTICATED");
        let wrong = tauri::async_runtime::block_on(delegate(&api, "sign_in", json!({"login": "maria", "pin": "0000"}))).unwrap_err();
        assert_eq!(wrong["error"]["code"], "WRONG_PIN");
        let session = tauri::async_runtime::block_on(delegate(&api, "sign_in", json!({"login": "maria", "pin": "1234", "terminal": "DESK-1"}))).unwrap();
        let token = session["token"].as_str().unwrap();
        let missing = tauri::async_runtime::block_on(delegate(&api, "lookup_receipt", json!({"code": "NO-SUCH", "token": token}))).unwrap_err();
        assert_eq!(missing["error"]["code"], "RECEIPT_NOT_FOUND");
        let settings = tauri::async_runtime::block_on(delegate(&api, "get_settings", json!({"token": token}))).unwrap();
        assert_eq!(settings["store"]["code"], session["store"]["code"]);
    }

    #[test]
    fn every_api_command_is_registered() {
        let main = include_str!("main.rs");
        for command in DeskApi::COMMANDS {
            assert!(main.contains(&format!("commands::{command},")), "{command} is not registered in main.rs");
        }
    }
}
