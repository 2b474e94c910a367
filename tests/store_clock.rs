//! The store's clock (issue 15), through the desk's HTTP door on SQLite and PostgreSQL: "now"
//! is the current instant in the store's IANA zone, whatever zone the desk's machine is in.
//! The clock is frozen at a UTC instant (a process cannot reliably change its own TZ), and
//! nothing the desk decides or prints may depend on the machine's zone.
//!
//! - A Sofia sale decided at 2026-06-14T21:30:00Z (00:30 on 06-15 in Sofia) is decided on the
//!   Sofia date: the TV's 14-day window, which ended on 06-14, is closed; a second earlier
//!   (23:59:59 in Sofia) it is open. A return confirmed then records 2026-06-15 00:30.
//! - A chain on one database: Sofia (UTC+2 in winter) and Moscow (UTC+3 all year) at the same
//!   instant each decide on their own date.
//! - Printed documents (a return's slip, a repair order) show the store's wall time of a stored instant, across midnight and
//!   the daylight-saving changes (the fall-back hour printed twice, the spring-forward jump).
//! - `RETURNDESK_NOW`: a wall time Sofia's clocks skip stops `returndesk serve` with a clear
//!   error; `import policy` takes "today" at the store from an instant given with its offset.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use chrono::{DateTime, NaiveDateTime, Utc};
use common::*;
use returndesk::http::{api_router, DeskApi};
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, Role, SaleReceipt};
use serde_json::{json, Value};

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn wall(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

/// A copy of `receipt` under another number, bought at `at` (store-local).
fn bought(mut receipt: SaleReceipt, number: &str, at: &str) -> SaleReceipt {
    receipt.receipt.number = number.into();
    receipt.receipt.purchased_at = wall(at);
    receipt.barcode = None;
    receipt
}

/// S01 (Sofia) and S03 (Moscow) with a clerk and a desk each, and the receipts given.
async fn chain(db: &Arc<dyn Database>, receipts: &[SaleReceipt]) {
    set_up_stores(db.as_ref()).await;
    db.put_terminal("S03", "MSK-1").await.unwrap();
    put_moscow_user(db.as_ref(), Role::Clerk, "4321").await;
    db.import_receipts(receipts).await.unwrap();
}

/// The desk's HTTP door on a clock frozen at `at` (UTC).
struct Door {
    router: axum::Router,
}

impl Door {
    fn at(db: &Arc<dyn Database>, at: &str) -> Door {
        Door { router: api_router(DeskApi::new(Desk::new(db.clone()), DeskClock::frozen(utc(at)))) }
    }

    async fn send(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = through_router(&self.router, method, uri, token, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn token(&self, login: &str, pin: &str, desk: &str) -> String {
        let (status, body) = self.send("POST", "/api/session", "", Some(json!({"login": login, "pin": pin, "terminal": desk}))).await;
        assert_eq!(status, StatusCode::OK, "{login} signs in at {desk}: {body}");
        body["token"].as_str().unwrap().to_string()
    }

    async fn receipt_id(&self, token: &str, number: &str) -> i64 {
        let (status, body) = self.send("GET", &format!("/api/receipts/lookup?code={number}"), token, None).await;
        assert_eq!(status, StatusCode::OK, "{number}: {body}");
        body["id"].as_i64().unwrap()
    }

    /// The first line's verdict: its reason codes and the facts (days since purchase, window end).
    async fn judge(&self, token: &str, draft: &Value) -> (Vec<String>, i64, String) {
        let (status, body) = self.send("POST", "/api/returns/evaluate", token, Some(draft.clone())).await;
        assert_eq!(status, StatusCode::OK, "{draft}: {body}");
        let line = &body["lines"][0];
        let codes = line["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_string()).collect();
        let facts = &body["explanations"][0]["facts"];
        (codes, facts["days_since_purchase"].as_i64().unwrap(), facts["window_end"].as_str().unwrap().to_string())
    }

    async fn confirm(&self, token: &str, draft: &Value, key: &str) -> i64 {
        let mut draft = draft.clone();
        draft["idempotency_key"] = key.into();
        let (status, body) = self.send("POST", "/api/returns", token, Some(draft.clone())).await;
        assert_eq!(status, StatusCode::OK, "{draft}: {body}");
        body["id"].as_i64().unwrap()
    }
}

fn refund(receipt_id: i64, line: u32) -> Value {
    json!({"receipt_id": receipt_id, "resolution": "refund", "lines": [{"line": line, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})
}

/// A desk whose machine is in UTC decides a Sofia sale at 00:30 Sofia time on the Sofia date,
/// and records that date.
async fn a_sofia_sale_at_half_past_midnight(db: Arc<dyn Database>) {
    // Bought on 31 May: the TV's 14-day window ends on 14 June (a Sunday: a store's own window
    // is not moved to a working day).
    chain(&db, &[bought(sofia_receipt("x"), "S01-CLK-1", "2026-05-31T18:30:00")]).await;

    // 23:59:59 on 14 June in Sofia (EEST, UTC+3): the window is still open.
    let before = Door::at(&db, "2026-06-14T20:59:59Z");
    let maria = before.token("maria", "1234", "DESK-1").await;
    let id = before.receipt_id(&maria, "S01-CLK-1").await;
    let (codes, days, end) = before.judge(&maria, &refund(id, 1)).await;
    assert_eq!((days, end.as_str()), (14, "2026-06-14"));
    assert!(codes.contains(&"WITHIN_RETURN_WINDOW".to_string()), "{codes:?}");

    // 21:30 UTC is still 14 June in UTC, but 00:30 on 15 June in Sofia: the window is closed.
    let after = Door::at(&db, "2026-06-14T21:30:00Z");
    let maria = after.token("maria", "1234", "DESK-1").await;
    let (codes, days, _) = after.judge(&maria, &refund(id, 1)).await;
    assert_eq!(days, 15, "decided on the Sofia date");
    assert!(codes.contains(&"RETURN_WINDOW_EXPIRED".to_string()), "{codes:?}");
    assert!(!codes.contains(&"WITHIN_RETURN_WINDOW".to_string()), "{codes:?}");

    // A return confirmed then is recorded at the Sofia wall time, its instant in UTC.
    let returned = after.confirm(&maria, &refund(id, 2), "clk-1").await;
    let record = db.return_by_id(returned).await.unwrap().unwrap();
    assert_eq!(record.request_now, wall("2026-06-15T00:30:00"), "the business date is Sofia's");
    assert_eq!(record.created_at, utc("2026-06-14T21:30:00Z"), "the instant is kept in UTC");
    let (_, listed) = after.send("GET", "/api/returns", &maria, None).await;
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    // Its slip prints Sofia's wall time of that instant.
    let (status, pdf) = through_router(&after.router, "GET", &format!("/api/returns/{returned}/slip.pdf?lang=en"), &maria, None).await;
    assert_eq!(status, StatusCode::OK);
    let text = text_of(&pdf);
    assert!(text.contains("15 Jun 2026, 00:30"), "the slip's time is Sofia's:\n{text}");
    assert!(!text.contains("14 Jun 2026, 21:30"), "not UTC's:\n{text}");
}

/// One database, two stores: at 21:30 UTC on 15 January it is 23:30 in Sofia (EET, UTC+2)
/// and 00:30 on the 16th in Moscow (UTC+3): each store judges and records on its own date.
async fn a_chain_in_two_zones(db: Arc<dyn Database>) {
    chain(
        &db,
        &[
            bought(sofia_receipt("x"), "S01-CLK-2", "2026-01-01T12:00:00"),
            bought(moscow_receipt("x"), "S03-CLK-2", "2026-01-01T12:00:00"),
        ],
    )
    .await;
    let door = Door::at(&db, "2026-01-15T21:30:00Z");
    let maria = door.token("maria", "1234", "DESK-1").await;
    let olga = door.token("olga", "4321", "MSK-1").await;
    let sofia = door.receipt_id(&maria, "S01-CLK-2").await;
    let moscow = door.receipt_id(&olga, "S03-CLK-2").await;

    let (codes, days, end) = door.judge(&maria, &refund(sofia, 1)).await;
    assert_eq!((days, end.as_str()), (14, "2026-01-15"), "Sofia: still the 15th");
    assert!(codes.contains(&"WITHIN_RETURN_WINDOW".to_string()), "Sofia {codes:?}");
    let (codes, days, end) = door.judge(&olga, &refund(moscow, 1)).await;
    assert_eq!((days, end.as_str()), (15, "2026-01-15"), "Moscow: already the 16th");
    assert!(codes.contains(&"RETURN_WINDOW_EXPIRED".to_string()), "Moscow {codes:?}");

    // The session tells the desk its store's wall time and zone (for its clock display).
    for (login, pin, desk, zone, now) in
        [("maria", "1234", "DESK-1", "Europe/Sofia", "2026-01-15T23:30:00"), ("olga", "4321", "MSK-1", "Europe/Moscow", "2026-01-16T00:30:00")]
    {
        let (status, session) = door.send("POST", "/api/session", "", Some(json!({"login": login, "pin": pin, "terminal": desk}))).await;
        assert_eq!(status, StatusCode::OK, "{session}");
        assert_eq!((session["store"]["time_zone"].as_str(), session["store_now"].as_str()), (Some(zone), Some(now)), "{login}");
    }

    let returned = door.confirm(&maria, &refund(sofia, 2), "clk-2").await;
    let record = db.return_by_id(returned).await.unwrap().unwrap();
    assert_eq!(record.request_now, wall("2026-01-15T23:30:00"));

    // An hour earlier (20:59:59 UTC) Moscow is at 23:59:59 on the 15th: the window is open.
    let earlier = Door::at(&db, "2026-01-15T20:59:59Z");
    let olga = earlier.token("olga", "4321", "MSK-1").await;
    let (codes, days, _) = earlier.judge(&olga, &refund(moscow, 1)).await;
    assert_eq!(days, 14);
    assert!(!codes.contains(&"RETURN_WINDOW_EXPIRED".to_string()), "Moscow before midnight {codes:?}");
}

/// The words of a PDF, as pdftotext reads them (poppler-utils).
fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (Debian package poppler-utils) reads the documents");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A repair order's document prints the instant it was opened as the store's wall clock showed
/// it: across midnight, the spring-forward jump and the fall-back hour that happens twice.
async fn documents_print_the_stores_wall_time(db: Arc<dyn Database>) {
    chain(&db, &[]).await;
    let cases = [
        // (instant, Sofia's wall clock, Moscow's)
        ("2026-01-15T21:59:59Z", "15 Jan 2026, 23:59", "16 Jan 2026, 00:59"),
        ("2026-01-15T22:00:00Z", "16 Jan 2026, 00:00", "16 Jan 2026, 01:00"),
        ("2026-03-29T00:59:00Z", "29 Mar 2026, 02:59", "29 Mar 2026, 03:59"),
        ("2026-03-29T01:00:00Z", "29 Mar 2026, 04:00", "29 Mar 2026, 04:00"),
        ("2026-10-25T00:30:00Z", "25 Oct 2026, 03:30", "25 Oct 2026, 03:30"),
        ("2026-10-25T01:30:00Z", "25 Oct 2026, 03:30", "25 Oct 2026, 04:30"),
        ("2026-10-25T02:30:00Z", "25 Oct 2026, 04:30", "25 Oct 2026, 05:30"),
    ];
    for (i, (at, sofia, moscow)) in cases.into_iter().enumerate() {
        let door = Door::at(&db, at);
        for (login, pin, desk, expected) in [("maria", "1234", "DESK-1", sofia), ("olga", "4321", "MSK-1", moscow)] {
            let token = door.token(login, pin, desk).await;
            let order = json!({"product": "Coffee grinder KX-2", "serial": format!("KX2-{i}"), "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"},
                               "defect": "motor hums", "accessories": "", "item_state": "worn", "estimate": "120.00",
                               "idempotency_key": format!("{login}-{i}")});
            let (status, body) = door.send("POST", "/api/repairs", &token, Some(order)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let id = body["id"].as_i64().unwrap();
            let (status, pdf) = through_router(&door.router, "GET", &format!("/api/repairs/{id}/document.pdf?kind=order&lang=en"), &token, None).await;
            assert_eq!(status, StatusCode::OK);
            let text = text_of(&pdf);
            assert!(text.contains(expected), "{login} at {at}: expected {expected} in:\n{text}");
        }
    }
}

#[tokio::test]
async fn a_sofia_sale_at_half_past_midnight_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    a_sofia_sale_at_half_past_midnight(db).await;
}

#[tokio::test]
async fn a_sofia_sale_at_half_past_midnight_postgres() {
    a_sofia_sale_at_half_past_midnight(fresh_postgres().await).await;
}

#[tokio::test]
async fn a_chain_in_two_zones_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    a_chain_in_two_zones(db).await;
}

#[tokio::test]
async fn a_chain_in_two_zones_postgres() {
    a_chain_in_two_zones(fresh_postgres().await).await;
}

#[tokio::test]
async fn documents_print_the_stores_wall_time_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    documents_print_the_stores_wall_time(db).await;
}

#[tokio::test]
async fn documents_print_the_stores_wall_time_postgres() {
    documents_print_the_stores_wall_time(fresh_postgres().await).await;
}

/// The command line with `RETURNDESK_NOW`, against a SQLite file set up with the two stores.
async fn sqlite_file_with_stores() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite").to_string_lossy().into_owned();
    let db = returndesk::store::open(&path).await.unwrap();
    chain(&db, &[]).await;
    (dir, path)
}

fn returndesk(args: &[&str], now: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_returndesk"))
        .args(args)
        .env("RETURNDESK_NOW", now)
        .env_remove("RETURNDESK_TZ")
        .env_remove("DATABASE_URL")
        .output()
        .unwrap()
}

/// A wall time that does not exist in the desk's zone (Sofia's clocks jump from 03:00 to 04:00
/// on 29 March 2026) stops the desk with a clear error, rather than guessing.
#[tokio::test]
async fn returndesk_now_in_the_skipped_hour_is_refused() {
    let (_dir, path) = sqlite_file_with_stores().await;
    let out = returndesk(&["serve", "--db", &path, "--port", "0"], "2026-03-29T03:30:00");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("2026-03-29 03:30:00 does not exist in Europe/Sofia"), "{stderr}");
    let out = returndesk(&["serve", "--db", &path, "--port", "0"], "yesterday");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("RETURNDESK_NOW=\"yesterday\""));
}

/// `import policy` without a date takes today at the store: at 21:30 UTC on 14 June, Sofia's
/// and Moscow's today is already the 15th.
#[tokio::test]
async fn import_policy_takes_today_at_the_store() {
    let (dir, path) = sqlite_file_with_stores().await;
    let policy = dir.path().join("policy.json");
    std::fs::write(&policy, case("001-change-of-mind-within-window.json")["case"]["policy"].to_string()).unwrap();
    for store in ["S01", "S03"] {
        let out = returndesk(&["import", "policy", policy.to_str().unwrap(), "--store", store, "--db", &path], "2026-06-14T21:30:00Z");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("in force from 2026-06-15"), "{store}: {stdout}");
    }
}

/// `demo-data` records each return on its store's clock at the moment it was decided: the
/// instant of the return's wall time (`request_now`) in the store's own zone (Sofia, Athens,
/// Moscow), so its history is spread over the receipts' two years as the reports read it. Read in
/// the machine's zone (UTC) a 10:00 in Sofia would be recorded at 10:00 UTC, three hours late.
#[tokio::test]
async fn demo_data_records_on_the_stores_clock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite").to_string_lossy().into_owned();
    let out = returndesk(&["demo-data", "--receipts", "300", "--returns", "30", "--db", &path], "2026-10-11T10:00:00");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{path}")).await.unwrap();
    let rows: Vec<(String, String, String, String, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT t.created_at, t.request_now, s.time_zone, t.local_day, t.scanned_at, t.handled_seconds
         FROM returns t JOIN stores s ON s.code = t.store_code ORDER BY t.id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(!rows.is_empty(), "the demo records returns");
    let mut zones = std::collections::BTreeSet::new();
    let mut days = std::collections::BTreeSet::new();
    for (created, wall, zone, local_day, scanned, handled) in &rows {
        // Each return has the day the reports count it on (its instant in its store's zone) and
        // the handling time its desk measured from the scan (45 s to about ten minutes).
        let recorded: DateTime<Utc> = created.replace(' ', "T").parse().unwrap();
        let in_store = recorded.with_timezone(&zone.parse::<chrono_tz::Tz>().unwrap()).date_naive();
        assert_eq!(local_day, &in_store.to_string(), "recorded at {created} in {zone}");
        let scanned: DateTime<Utc> = scanned.as_deref().unwrap_or_else(|| panic!("{created}: no scan")).parse().unwrap();
        let handled = handled.unwrap_or_else(|| panic!("{created}: no handling time"));
        assert_eq!(handled, (recorded - scanned).num_seconds(), "{created}");
        assert!((45..=600).contains(&handled), "{created}: handled in {handled} s");
        let at: DateTime<Utc> = created.replace(' ', "T").parse().unwrap_or_else(|e| panic!("{created}: {e}"));
        let wall = NaiveDateTime::parse_from_str(wall, "%Y-%m-%d %H:%M:%S").unwrap_or_else(|e| panic!("{wall}: {e}"));
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        let expected = wall.and_local_timezone(tz).earliest().unwrap().with_timezone(&Utc);
        // the desk's clock stood at 10:00 in Sofia (07:00 UTC) and runs: a return planned for
        // later that day is recorded then, never ahead of the clock
        let clock = utc("2026-10-11T07:00:00Z");
        if expected <= clock {
            assert_eq!(at, expected, "decided at {wall} in {zone}, recorded at {at}");
        } else {
            assert!(at >= clock && at < utc("2026-10-11T07:10:00Z"), "planned for {wall} in {zone}, recorded at {at}, ahead of the clock");
        }
        zones.insert(zone.clone());
        days.insert(at.date_naive());
    }
    assert!(zones.len() > 1, "returns in more than one store's zone: {zones:?}");
    assert!(days.len() > 10, "the returns are spread over the history, not recorded on one day: {days:?}");
}
