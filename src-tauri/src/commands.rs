//! The desk API as Tauri commands, made from the engine's command table: same name, same JSON
//! in (`invoke(name, {args})`, with `token` inside `args` for signed-in calls) and out; errors
//! reject with `{"error": {"code", "message", …}}` exactly as over HTTP, because every command
//! hands its arguments to [`DeskApi::call`], the entry the HTTP routes use too. `return_slip`
//! answers the PDF as a base64 string (the UI turns it into a blob URL).

use std::io::Write;

use returndesk::api::DeskApi;
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

/// One `#[tauri::command]` per command of the engine's table (`returndesk::desk_commands!`),
/// each handing its arguments to [`delegate`], and `handler()` registering them all.
macro_rules! tauri_commands {
    ($( $(#[doc = $doc:literal])* $name:ident($input:ty) -> $output:ty, $access:ident, $method:ident $path:literal; )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(api: State<'_, DeskApi>, args: Option<Value>) -> Answer {
                delegate(&api, stringify!($name), args.unwrap_or_else(|| json!({}))).await
            }
        )*

        /// The invoke handler with every command of the table, and the shell's own (issue 13:
        /// opening the customer display).
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name,)* crate::display::open_customer_display]
        }
    };
}

returndesk::desk_commands!(tauri_commands);

#[cfg(test)]
mod tests {
    use super::*;
    use returndesk::service::{Desk, DeskClock};

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
    fn every_command_of_the_table_is_a_tauri_command() {
        // `handler()` is made from the same table; each command answers through it (a command
        // unknown to the engine would answer NOT_FOUND, not UNAUTHENTICATED).
        let (_dir, api) = desk();
        for command in returndesk::api::COMMANDS {
            let answer = tauri::async_runtime::block_on(delegate(&api, command.name, json!({})));
            if let Err(e) = answer {
                assert_ne!(e["error"]["code"], "NOT_FOUND", "{} is not a command of the engine", command.name);
            }
        }
    }
}
