//! The desk's logs (`returndesk::logs`): every request through the HTTP router is logged with its
//! method, route template, status and duration, every command once with its name and duration,
//! and neither a PIN, nor a session token, nor a receipt code from the path or the query ever
//! reaches the log — on SQLite and PostgreSQL. And the command line's log: the day's file in the
//! data folder, nothing on standard output but the command's own answer, `--verbose` on stderr.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use common::*;
use returndesk::http::{api_router, DeskApi, DeskClock};
use returndesk::service::Desk;
use returndesk::store::{Database, NewUser, Role};
use serde_json::{json, Value};

/// The log lines a test subscriber wrote.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

const PIN: &str = "739164";
const WRONG_PIN: &str = "558213";
const RECEIPT: &str = "S01-2026-004512";

async fn requests_are_logged_without_secrets(db: Arc<dyn Database>) {
    set_up_stores(db.as_ref()).await;
    db.import_receipts(&[sofia_receipt(RECEIPT)]).await.unwrap();
    db.put_user(&NewUser {
        store_code: Some("S01".into()),
        login: "nadia".into(),
        display_name: "Nadia Koleva".into(),
        role: Role::Manager,
        pin_hash: returndesk::demo::hash_pin(PIN).unwrap(),
        refund_limit: None,
        approval_limit: None,
    })
    .await
    .unwrap();
    let router = api_router(DeskApi::new(Desk::new(db), DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap())));

    // Everything, at every level, from here on goes to the buffer.
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .without_time()
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    let (status, _) = through_router(&router, "POST", "/api/session", "", Some(json!({"login": "nadia", "pin": WRONG_PIN, "terminal": "DESK-1"}))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = through_router(&router, "POST", "/api/session", "", Some(json!({"login": "nadia", "pin": PIN, "terminal": "DESK-1"}))).await;
    assert_eq!(status, StatusCode::OK);
    let token = serde_json::from_slice::<Value>(&body).unwrap()["token"].as_str().unwrap().to_string();
    assert!(token.len() >= 16, "a real token: {token}");
    let (status, _) = through_router(&router, "GET", &format!("/api/receipts/lookup?code={RECEIPT}"), &token, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = through_router(&router, "GET", "/api/returns/987654", &token, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = through_router(&router, "GET", "/api/no-such-thing/42", &token, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let log = captured.text();
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("route=")).collect();
    // Each request: its method, the route's template, its status and duration.
    for (method, route, status) in [
        ("POST", "/api/session", 401),
        ("POST", "/api/session", 200),
        ("GET", "/api/receipts/lookup", 200),
        ("GET", "/api/returns/{id}", 404),
        ("GET", "/api/{*rest}", 404),
    ] {
        assert!(
            lines.iter().any(|l| l.contains(&format!("method={method}"))
                && l.contains(&format!("route=\"{route}\""))
                && l.contains(&format!("status={status}"))
                && l.contains(" ms=")),
            "no request line for {method} {route} {status} in:\n{log}"
        );
    }
    // Each command once, by name, with its duration and outcome.
    for (command, times) in [("sign_in", 2), ("lookup_receipt", 1), ("get_return", 1)] {
        let logged = log.lines().filter(|l| l.contains(&format!("command=\"{command}\"")) && l.contains(" ms=")).count();
        assert_eq!(logged, times, "{command} logged {logged} times in:\n{log}");
    }
    assert!(log.lines().any(|l| l.contains("command=\"sign_in\"") && l.contains("status=401")), "the refused sign-in: {log}");
    // Never a PIN, a token, the Authorization header, a receipt code or a raw path with an id.
    for secret in [PIN, WRONG_PIN, token.as_str(), "Bearer", "authorization", RECEIPT, "/api/returns/987654", "/api/no-such-thing"] {
        assert!(!log.to_lowercase().contains(&secret.to_lowercase()), "{secret:?} is in the log:\n{log}");
    }
}

#[tokio::test]
async fn requests_are_logged_without_secrets_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    requests_are_logged_without_secrets(db).await;
}

#[tokio::test]
async fn requests_are_logged_without_secrets_postgres() {
    requests_are_logged_without_secrets(fresh_postgres().await).await;
}

fn returndesk(args: &[&str], home: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_returndesk"))
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_DATA_HOME")
        .env_remove("RETURNDESK_LOG_DIR")
        .env_remove("RUST_LOG")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// The day's files in the data folder's `logs/`, all their text.
fn log_files(home: &std::path::Path) -> (Vec<String>, String) {
    let folder = home.join(".local/share/returndesk/logs");
    let mut names = Vec::new();
    let mut text = String::new();
    for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display())) {
        let path = entry.unwrap().path();
        names.push(path.file_name().unwrap().to_string_lossy().into_owned());
        text.push_str(&std::fs::read_to_string(&path).unwrap());
    }
    (names, text)
}

#[test]
fn the_command_line_logs_to_the_days_file_and_keeps_stdout_clean() {
    let home = tempfile::tempdir().unwrap();
    let case = "tests/conformance/016-card-cap-then-cash.json";
    let quiet = returndesk(&["evaluate", "--compact", case], home.path());
    assert!(quiet.status.success(), "{}", String::from_utf8_lossy(&quiet.stderr));
    // Standard output is the decision and nothing else; stderr says nothing on success.
    let decision: Value = serde_json::from_slice(&quiet.stdout).expect("stdout is one JSON document");
    assert!(decision.is_object());
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "");

    let (names, text) = log_files(home.path());
    let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
    assert_eq!(names, vec![format!("returndesk.log.{today}")], "one file, named for the day");
    assert!(text.lines().any(|l| l.contains("INFO") && l.contains("command=\"evaluate\"") && l.contains(" ms=")), "{text}");
    assert!(!text.contains("DEBUG"), "debug lines only with --verbose: {text}");

    // --verbose: debug detail on stderr (and in the file); stdout unchanged.
    let verbose = returndesk(&["--verbose", "evaluate", "--compact", case], home.path());
    assert!(verbose.status.success());
    assert_eq!(verbose.stdout, quiet.stdout, "--verbose changes nothing on stdout");
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    assert!(stderr.contains("DEBUG") && stderr.contains("command line command started"), "{stderr}");
    let (_, text) = log_files(home.path());
    assert!(text.contains("DEBUG"), "{text}");

    // A failure: in the file; stderr keeps the command's own one line.
    let failed = returndesk(&["evaluate", "no-such-case.json"], home.path());
    assert!(!failed.status.success());
    assert_eq!(String::from_utf8_lossy(&failed.stderr).lines().count(), 1, "{}", String::from_utf8_lossy(&failed.stderr));
    let (_, text) = log_files(home.path());
    assert!(text.lines().any(|l| l.contains("command=\"evaluate\"") && l.contains("outcome=\"failed\"")), "{text}");
}
