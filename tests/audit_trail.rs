//! The audit trail is tamper-evident, on SQLite and on PostgreSQL: every kind of tampering done
//! straight in the database (with the append-only triggers out of the way, as someone holding
//! the database could) is detected and named — an entry updated, deleted, inserted or moved, a
//! return's totals, a return line's `returned_qty`, a refund row deleted —; an untampered trail
//! verifies; `returndesk audit verify` says so and exits 0, or names the entry and exits 1; the
//! desk pays nothing out on a receipt whose records fail; and 16 desks confirming at once keep
//! one unforked chain.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use returndesk::api::ApiError;
use returndesk::domain::{Condition, LineNo, ManagerRuling, Quantity, RequestLine, Resolution, ReturnReason, ReturnRequest};
use returndesk::http::{api_router, DeskApi, DeskClock};
use returndesk::service::auth::Session;
use returndesk::service::{Desk, DeskError, ManagerDecision, ReturnDraft};
use returndesk::store::sql::Pool;
use returndesk::store::{entry_hash, AuditAction, AuditBreak, AuditQuery, Database, ReceiptKey};
use serde_json::{json, Value};
use tower::ServiceExt;

fn now() -> chrono::NaiveDateTime {
    "2026-10-05T10:00:00".parse().unwrap()
}

fn draft(receipt_id: i64, line: u32, qty: u32, condition: Condition) -> ReturnDraft {
    ReturnDraft {
        receipt_id,
        request: ReturnRequest {
            resolution: Resolution::Refund,
            lines: vec![RequestLine { line: LineNo(line), qty: Quantity::new(qty).unwrap(), reason: ReturnReason::ChangeOfMind, condition, no_analogue: false }],
        },
        claims: vec![],
    }
}

/// A store with a day's trail: a cable returned from receipt A, opened batteries from A that a
/// manager overrode, the printer changed by the manager, two cables from receipt B.
struct Day {
    db: Arc<dyn Database>,
    desk: Desk,
    clerk: i64,
    terminal: i64,
    receipt_a: i64,
    receipt_b: i64,
    /// The returns: cable from A, batteries from A (overridden), cables from B.
    cable: i64,
    batteries: i64,
    cables_b: i64,
}

async fn receipt_id(db: &dyn Database, number: &str) -> i64 {
    db.find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: number.into() }).await.unwrap().unwrap().id
}

async fn a_day(db: Arc<dyn Database>) -> Day {
    let (clerk, terminal) = set_up_stores(db.as_ref()).await;
    db.import_receipts(&[sofia_receipt("AUD-A"), sofia_receipt("AUD-B")]).await.unwrap();
    let (receipt_a, receipt_b) = (receipt_id(db.as_ref(), "AUD-A").await, receipt_id(db.as_ref(), "AUD-B").await);
    let desk = Desk::new(db.clone());
    let cable = desk.confirm(&draft(receipt_a, 2, 1, Condition::Unopened), "A-1", clerk, Some(terminal), now()).await.unwrap();
    let manager = returndesk::service::auth::check_manager(db.as_ref(), "georgi", "9999", "DESK-1", "S01", chrono::Utc::now()).await.unwrap();
    let ruling = ManagerDecision {
        manager,
        approve: true,
        reason: "sealed pack, box damaged in transport".into(),
        ruling: ManagerRuling { override_lines: vec![LineNo(4)], ..Default::default() },
    };
    let batteries = desk
        .confirm_with_manager(&draft(receipt_a, 4, 1, Condition::Opened), "A-2", clerk, Some(terminal), now(), Some(&ruling))
        .await
        .unwrap();
    // The manager's session at the desk (made here: sign-in keeps its own entries).
    let session = Session {
        token: "test".into(),
        user: db.user_by_login("georgi").await.unwrap().unwrap(),
        store_code: "S01".into(),
        terminal_id: Some(terminal),
        terminal_code: Some("DESK-1".into()),
    };
    let printer = returndesk::service::SettingsChange { printer: Some("Slips-80mm".into()), ..Default::default() };
    desk.change_settings(&session, &printer).await.unwrap();
    let cables_b = desk.confirm(&draft(receipt_b, 2, 2, Condition::Unopened), "B-1", clerk, Some(terminal), now()).await.unwrap();
    Day {
        db,
        desk,
        clerk,
        terminal,
        receipt_a,
        receipt_b,
        cable: cable.record.id,
        batteries: batteries.record.id,
        cables_b: cables_b.record.id,
    }
}

impl Day {
    /// The seq of the entry of `action` about `entity_id`.
    async fn seq_of(&self, action: &str, entity_id: impl ToString) -> i64 {
        let (statement, id) = ("SELECT seq FROM audit_log WHERE action = $1 AND entity_id = $2", entity_id.to_string());
        match self.db.connections() {
            Pool::Sqlite(p) => sqlx::query_scalar(statement).bind(action).bind(id).fetch_one(p).await.unwrap(),
            Pool::Postgres(p) => sqlx::query_scalar(statement).bind(action).bind(id).fetch_one(p).await.unwrap(),
        }
    }

    async fn broken(&self) -> AuditBreak {
        let report = self.db.verify_audit().await.unwrap();
        report.broken.clone().unwrap_or_else(|| panic!("tampering went unnoticed: {report:?}"))
    }
}

/// Runs statements straight on the database, as someone holding it would: the append-only
/// triggers dropped (SQLite) or disabled (PostgreSQL) first.
async fn tamper(db: &dyn Database, statements: &[String]) {
    match db.connections() {
        Pool::Sqlite(p) => {
            for s in ["DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"]
                .into_iter()
                .map(String::from)
                .chain(statements.iter().cloned())
            {
                sqlx::query(sqlx::AssertSqlSafe(s)).execute(p).await.unwrap();
            }
        }
        Pool::Postgres(p) => {
            for s in ["ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change".to_string()].into_iter().chain(statements.iter().cloned()) {
                sqlx::query(sqlx::AssertSqlSafe(s)).execute(p).await.unwrap();
            }
        }
    }
}

async fn one_row(db: &dyn Database, statement: &str) -> (i64, String) {
    let s = sqlx::AssertSqlSafe(statement.to_string());
    match db.connections() {
        Pool::Sqlite(p) => sqlx::query_as(s).fetch_one(p).await.unwrap(),
        Pool::Postgres(p) => sqlx::query_as(s).fetch_one(p).await.unwrap(),
    }
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let (_dir, db) = super::fresh_sqlite().await;
                super::$name(db).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(super::fresh_postgres().await).await;
            }
        }
    )*};
}

on_both_backends!(
    an_untampered_trail_verifies,
    the_desk_itself_cannot_change_or_delete_an_entry,
    an_updated_entry_is_named,
    a_deleted_entry_is_named,
    a_deleted_last_entry_is_named,
    a_forged_entry_at_the_end_is_named,
    a_forged_entry_in_the_middle_is_named,
    two_swapped_entries_are_named,
    a_rewritten_and_rehashed_entry_is_named,
    changed_return_totals_are_named,
    a_changed_returned_qty_is_named,
    a_deleted_refund_row_is_named,
    a_return_written_outside_the_desk_is_named,
    no_payout_on_a_receipt_whose_records_fail,
    sixteen_desks_at_once_keep_one_chain,
    managers_list_the_trail_newest_first,
);

async fn an_untampered_trail_verifies(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    let report = day.db.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    // cable; override + confirmation; printer; cables of B
    assert_eq!(report.entries, 5);
    assert_eq!(report.returns, 3);
    assert_eq!(report.head_seq, 5);
    assert_eq!(day.db.audit_hash(5).await.unwrap().as_deref(), Some(report.head_hash.as_str()));
    for receipt in [day.receipt_a, day.receipt_b] {
        assert_eq!(day.db.verify_receipt(receipt).await.unwrap(), None);
    }
    let counts = day.db.ledger_counts().await.unwrap();
    assert_eq!(counts.audit_confirmations, counts.returns);
    // The override is recorded by the manager, the confirmation by the clerk naming the manager.
    let page = day.db.audit_entries("S01", &AuditQuery { limit: 50, ..Default::default() }).await.unwrap();
    let actions: Vec<AuditAction> = page.entries.iter().map(|e| e.action).collect();
    use AuditAction::*;
    assert_eq!(actions, [ReturnConfirmed, SettingsChanged, ReturnConfirmed, OverrideApproved, ReturnConfirmed]);
    let confirmed: Value = serde_json::from_str(&page.entries[2].details).unwrap();
    assert_eq!(page.entries[2].user_login.as_deref(), Some("maria"));
    assert_eq!(confirmed["manager"]["login"], "georgi");
    assert_eq!(page.entries[3].user_login.as_deref(), Some("georgi"));
    let overridden: Value = serde_json::from_str(&page.entries[3].details).unwrap();
    assert_eq!(overridden["approvals"], json!([{"line": 4, "code": "OPENED"}]));
    let setting: Value = serde_json::from_str(&page.entries[1].details).unwrap();
    assert_eq!(setting, json!({"key": "printer", "from": null, "to": "Slips-80mm"}));
    assert_eq!(page.entries[1].terminal.as_deref(), Some("DESK-1"));
}

async fn the_desk_itself_cannot_change_or_delete_an_entry(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    for statement in ["UPDATE audit_log SET details = '{}' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1"] {
        let failed = match day.db.connections() {
            Pool::Sqlite(p) => sqlx::query(statement).execute(p).await.unwrap_err(),
            Pool::Postgres(p) => sqlx::query(statement).execute(p).await.unwrap_err(),
        };
        assert!(failed.to_string().contains("append-only"), "{failed}");
    }
    assert!(day.db.verify_audit().await.unwrap().is_intact());
}

async fn an_updated_entry_is_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    let seq = day.seq_of("return_confirmed", day.cable).await;
    tamper(day.db.as_ref(), &[format!("UPDATE audit_log SET details = '{{\"refund\": \"0.00\"}}' WHERE seq = {seq}")]).await;
    assert_eq!(day.broken().await, AuditBreak::EntryChanged { seq });
    assert_eq!(day.db.verify_receipt(day.receipt_a).await.unwrap(), Some(AuditBreak::EntryChanged { seq }));
}

async fn a_deleted_entry_is_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    let seq = day.seq_of("settings_changed", "S01/printer").await;
    tamper(day.db.as_ref(), &[format!("DELETE FROM audit_log WHERE seq = {seq}")]).await;
    assert_eq!(day.broken().await, AuditBreak::EntryRemoved { seq });
    // Whichever receipt is paid out on next, a hole in the trail stops it.
    assert_eq!(day.db.verify_receipt(day.receipt_b).await.unwrap(), Some(AuditBreak::EntryRemoved { seq }));
}

async fn a_deleted_last_entry_is_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    let seq = day.seq_of("return_confirmed", day.cables_b).await;
    // The return and its entry, gone together: the units look returnable again.
    tamper(day.db.as_ref(), &[format!("DELETE FROM audit_log WHERE seq = {seq}"), format!("DELETE FROM returns WHERE id = {}", day.cables_b)])
        .await;
    assert_eq!(day.broken().await, AuditBreak::EntryRemoved { seq });
    assert_eq!(day.db.verify_receipt(day.receipt_b).await.unwrap(), Some(AuditBreak::EntryRemoved { seq }));
}

async fn a_forged_entry_at_the_end_is_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    // Forged with the desk's own hash function, linked to the head: only the head says no.
    let (head, head_hash) = one_row(day.db.as_ref(), "SELECT seq, hash FROM audit_head WHERE id = 1").await;
    let at: chrono::DateTime<chrono::Utc> = "2026-10-05T12:00:00Z".parse().unwrap();
    let details = r#"{"key":"printer","from":"Slips-80mm","to":"Attacker"}"#;
    let hash = entry_hash(&head_hash, head + 1, at, None, None, Some("S01"), "settings_changed", "setting", "S01/printer", details, None, None);
    tamper(
        day.db.as_ref(),
        &[format!(
            "INSERT INTO audit_log (seq, at, store_code, action, entity, entity_id, details, prev_hash, hash)
             VALUES ({}, '2026-10-05T12:00:00+00:00', 'S01', 'settings_changed', 'setting', 'S01/printer', '{details}', '{head_hash}', '{hash}')",
            head + 1
        )],
    )
    .await;
    assert_eq!(day.broken().await, AuditBreak::EntryInserted { seq: head + 1 });
}

async fn a_forged_entry_in_the_middle_is_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    // Entries 2… move one place on, and a forged #2 goes in their way.
    let (_, first_hash) = one_row(day.db.as_ref(), "SELECT seq, hash FROM audit_log WHERE seq = 1").await;
    tamper(
        day.db.as_ref(),
        &[
            "UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 2".into(),
            "UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000".into(),
            format!(
                "INSERT INTO audit_log (seq, at, store_code, action, entity, entity_id, details, prev_hash, hash)
                 VALUES (2, '2026-10-05T10:30:00+00:00', 'S01', 'sign_in', 'user', '1', '{{}}', '{first_hash}', '{}')",
                "ab".repeat(32)
            ),
        ],
    )
    .await;
    assert_eq!(day.broken().await, AuditBreak::EntryInserted { seq: 2 });
}

async fn two_swapped_entries_are_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    tamper(
        day.db.as_ref(),
        &[
            "UPDATE audit_log SET seq = 1000 WHERE seq = 2".into(),
            "UPDATE audit_log SET seq = 2 WHERE seq = 3".into(),
            "UPDATE audit_log SET seq = 3 WHERE seq = 1000".into(),
        ],
    )
    .await;
    assert_eq!(day.broken().await, AuditBreak::EntryReordered { seq: 2, written_as: 3 });
}

async fn a_rewritten_and_rehashed_entry_is_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    // Changed and given a hash that holds (the code is public): its successor still names the old one.
    let seq = day.seq_of("settings_changed", "S01/printer").await;
    let (_, prev) = one_row(day.db.as_ref(), &format!("SELECT seq, prev_hash FROM audit_log WHERE seq = {seq}")).await;
    let (user, _) = one_row(day.db.as_ref(), &format!("SELECT user_id, '' FROM audit_log WHERE seq = {seq}")).await;
    let at: chrono::DateTime<chrono::Utc> = "2026-10-05T11:00:00Z".parse().unwrap();
    let details = r#"{"key":"printer","from":null,"to":"Elsewhere"}"#;
    let hash = entry_hash(&prev, seq, at, Some(user), Some(day.terminal), Some("S01"), "settings_changed", "setting", "S01/printer", details, None, None);
    tamper(
        day.db.as_ref(),
        &[format!("UPDATE audit_log SET at = '2026-10-05T11:00:00+00:00', details = '{details}', hash = '{hash}' WHERE seq = {seq}")],
    )
    .await;
    assert_eq!(day.broken().await, AuditBreak::EntryChanged { seq });
}

async fn changed_return_totals_are_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    tamper(day.db.as_ref(), &[format!("UPDATE returns SET total_refund = total_refund + 100 WHERE id = {}", day.cable)]).await;
    let seq = day.seq_of("return_confirmed", day.cable).await;
    match day.broken().await {
        AuditBreak::RecordChanged { return_id, seq: at, what } => {
            assert_eq!((return_id, at), (day.cable, seq));
            assert!(what.starts_with("total_refund 8.82 → "), "{what}");
        }
        other => panic!("expected the return named, got {other:?}"),
    }
    assert!(matches!(day.db.verify_receipt(day.receipt_a).await.unwrap(), Some(AuditBreak::RecordChanged { .. })));
    assert_eq!(day.db.verify_receipt(day.receipt_b).await.unwrap(), None, "the other receipt's records hold");
}

async fn a_changed_returned_qty_is_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    tamper(day.db.as_ref(), &[format!("UPDATE return_lines SET returned_qty = 0 WHERE return_id = {}", day.batteries)]).await;
    let seq = day.seq_of("return_confirmed", day.batteries).await;
    let expected = AuditBreak::RecordChanged {
        return_id: day.batteries,
        seq,
        what: "return line 1 (receipt line 4) returned_qty 1 → 0".into(),
    };
    assert_eq!(day.broken().await, expected);
    assert_eq!(
        expected.to_string(),
        format!("return {} was changed after audit entry #{seq} recorded it: return line 1 (receipt line 4) returned_qty 1 → 0", day.batteries)
    );
}

async fn a_deleted_refund_row_is_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    tamper(day.db.as_ref(), &[format!("DELETE FROM return_refunds WHERE return_id = {}", day.cables_b)]).await;
    let seq = day.seq_of("return_confirmed", day.cables_b).await;
    match day.broken().await {
        AuditBreak::RecordChanged { return_id, seq: at, what } => {
            assert_eq!((return_id, at), (day.cables_b, seq));
            assert_eq!(what, "refund 1 (card) of 17.65 removed");
        }
        other => panic!("expected the refund named, got {other:?}"),
    }
}

async fn a_return_written_outside_the_desk_is_named(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    tamper(
        day.db.as_ref(),
        &[format!(
            "INSERT INTO returns (idempotency_key, store_code, terminal_id, clerk_id, receipt_id, policy_version_id, resolution,
               outcome, status, currency, total_gross, total_fee, total_refund, total_vat, request_now, created_at, request_json, decision_json)
             SELECT 'ghost', store_code, terminal_id, clerk_id, receipt_id, policy_version_id, resolution, outcome, status,
               currency, total_gross, total_fee, total_refund, total_vat, request_now, created_at, request_json, decision_json
             FROM returns WHERE id = {}",
            day.cable
        )],
    )
    .await;
    let (ghost, _) = one_row(day.db.as_ref(), "SELECT id, '' FROM returns WHERE idempotency_key = 'ghost'").await;
    assert_eq!(day.broken().await, AuditBreak::RecordInserted { return_id: ghost });
    assert_eq!(day.db.verify_receipt(day.receipt_a).await.unwrap(), Some(AuditBreak::RecordInserted { return_id: ghost }));
}

async fn post(router: &axum::Router, uri: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut req = Request::builder().method("POST").uri(uri).header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let res = router.clone().oneshot(req.body(Body::from(body.to_string())).unwrap()).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn no_payout_on_a_receipt_whose_records_fail(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    // One cable of three was returned from receipt A; the row now says none was.
    tamper(day.db.as_ref(), &[format!("UPDATE return_lines SET returned_qty = 0 WHERE return_id = {}", day.cable)]).await;
    let before = day.db.ledger_counts().await.unwrap();
    let (refunds_before, _) = one_row(day.db.as_ref(), "SELECT COUNT(*), '' FROM return_refunds").await;

    let err = day
        .desk
        .confirm(&draft(day.receipt_a, 2, 2, Condition::Unopened), "A-3", day.clerk, Some(day.terminal), now())
        .await
        .unwrap_err();
    let DeskError::RecordsTampered(broken) = &err else { panic!("expected RecordsTampered, got {err:?}") };
    assert!(matches!(broken, AuditBreak::RecordChanged { return_id, .. } if *return_id == day.cable), "{broken:?}");
    let api = ApiError::from(err);
    assert_eq!((api.status, api.code), (409, "RECORDS_TAMPERED"));

    // Over HTTP, as the desk's screen sees it.
    let router = api_router(DeskApi::new(day.desk.clone(), DeskClock::fixed(now())));
    let (status, body) = post(&router, "/api/session", None, json!({"login": "maria", "pin": "1234", "terminal": "DESK-1"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["token"].as_str().unwrap().to_string();
    let confirm = json!({"receipt_id": day.receipt_a, "resolution": "refund", "idempotency_key": "A-4",
        "lines": [{"line": 2, "qty": 2, "reason": "change_of_mind", "condition": "unopened"}]});
    let (status, body) = post(&router, "/api/returns", Some(&token), confirm).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "RECORDS_TAMPERED");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains(&format!("return {} was changed", day.cable)) && message.contains("returned_qty 1 → 0"), "{message}");
    assert_eq!(body["error"]["audit"]["kind"], "record_changed");

    // Nothing was recorded or paid.
    assert_eq!(day.db.ledger_counts().await.unwrap(), before);
    assert_eq!(one_row(day.db.as_ref(), "SELECT COUNT(*), '' FROM return_refunds").await.0, refunds_before);
    // A receipt whose records hold still pays out.
    let b = day.desk.confirm(&draft(day.receipt_b, 4, 1, Condition::Unopened), "B-2", day.clerk, Some(day.terminal), now()).await;
    assert!(b.is_ok(), "{b:?}");
}

async fn sixteen_desks_at_once_keep_one_chain(db: Arc<dyn Database>) {
    let (clerk, terminal) = set_up_stores(db.as_ref()).await;
    const DESKS: usize = 16;
    const ROUNDS: usize = 5;
    let sales: Vec<_> = (0..DESKS * ROUNDS).map(|i| sofia_receipt(&format!("CHAIN-{i}"))).collect();
    db.import_receipts(&sales).await.unwrap();
    let desk = Desk::new(db.clone());
    for round in 0..ROUNDS {
        let mut tasks = Vec::new();
        for d in 0..DESKS {
            let (desk, db) = (desk.clone(), db.clone());
            tasks.push(tokio::spawn(async move {
                let receipt = receipt_id(db.as_ref(), &format!("CHAIN-{}", round * DESKS + d)).await;
                // Each desk on its own receipt, and every fourth a rival on the same one.
                let receipt = if d % 4 == 3 { receipt_id(db.as_ref(), &format!("CHAIN-{}", round * DESKS + d - 1)).await } else { receipt };
                desk.confirm(&draft(receipt, 2, 1, Condition::Unopened), &format!("C-{round}-{d}"), clerk, Some(terminal), now()).await
            }));
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
    }
    let report = db.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    let counts = db.ledger_counts().await.unwrap();
    assert_eq!(counts.returns as usize, DESKS * ROUNDS);
    assert_eq!(report.entries, counts.returns, "one entry per return");
    assert_eq!(report.head_seq, report.entries);
    // Gap-free and unforked: seqs 1…N, and no two entries follow the same one.
    let (forks, _) = one_row(db.as_ref(), "SELECT COUNT(*) - COUNT(DISTINCT prev_hash), '' FROM audit_log").await;
    assert_eq!(forks, 0);
    let (gaps, _) = one_row(db.as_ref(), "SELECT MAX(seq) - COUNT(*) + MIN(seq) - 1, '' FROM audit_log").await;
    assert_eq!(gaps, 0);
}

async fn managers_list_the_trail_newest_first(db: Arc<dyn Database>) {
    let day = a_day(db).await;
    let router = api_router(DeskApi::new(day.desk.clone(), DeskClock::fixed(now())));
    let sign_in = |login: &'static str, pin: &'static str| {
        let router = router.clone();
        async move {
            let (_, body) = post(&router, "/api/session", None, json!({"login": login, "pin": pin, "terminal": "DESK-1"})).await;
            body["token"].as_str().unwrap().to_string()
        }
    };
    let get = |uri: String, token: String| {
        let router = router.clone();
        async move {
            let req = Request::builder().uri(uri).header("authorization", format!("Bearer {token}")).body(Body::empty()).unwrap();
            let res = router.oneshot(req).await.unwrap();
            let status = res.status();
            let bytes = res.into_body().collect().await.unwrap().to_bytes();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap())
        }
    };
    let clerk = sign_in("maria", "1234").await;
    let (status, body) = get("/api/audit".into(), clerk).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let manager = sign_in("georgi", "9999").await;
    // The day's entries are #1…#5 (signing in may add its own after them).
    let (status, page) = get("/api/audit?limit=2&before_seq=6".into(), manager.clone()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let seqs: Vec<i64> = page["entries"].as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, [5, 4]);
    assert_eq!(page["next_before_seq"], 4);
    let (_, older) = get("/api/audit?limit=2&before_seq=4".into(), manager.clone()).await;
    let seqs: Vec<i64> = older["entries"].as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, [3, 2]);
    let (_, georgi) = get("/api/audit?user=georgi&before_seq=6".into(), manager.clone()).await;
    let actions: Vec<&str> = georgi["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["settings_changed", "override_approved"]);
    assert_eq!(georgi["next_before_seq"], Value::Null);
    let (_, confirmed) = get("/api/audit?action=return_confirmed&from=2020-01-01&to=2100-12-31".into(), manager.clone()).await;
    assert_eq!(confirmed["entries"].as_array().unwrap().len(), 3);
    assert_eq!(confirmed["entries"][0]["details"]["refund"], "17.65");
    let (_, none) = get("/api/audit?from=2000-01-01&to=2000-01-31".into(), manager.clone()).await;
    assert_eq!(none["entries"], json!([]));
    let (status, bad) = get("/api/audit?action=nothing".into(), manager).await;
    assert_eq!((status, bad["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("action")));
}

/// `returndesk audit verify --db …` on a database of either backend.
fn audit_verify(location: &str) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_returndesk"))
        .args(["audit", "verify", "--db", location])
        .output()
        .expect("run returndesk");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

async fn the_command_line_names_the_broken_entry(db: Arc<dyn Database>, location: &str) {
    let day = a_day(db).await;
    let (code, out) = audit_verify(location);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("audit trail intact: 5 entries\nhead: #5 "), "{out}");
    let seq = day.seq_of("override_approved", day.batteries).await;
    tamper(day.db.as_ref(), &[format!("UPDATE audit_log SET details = '{{}}' WHERE seq = {seq}")]).await;
    let (code, out) = audit_verify(location);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out, format!("audit trail broken: audit entry #{seq} was changed\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_names_the_broken_entry_on_sqlite() {
    let (dir, db) = fresh_sqlite().await;
    let location = dir.path().join("desk.db");
    the_command_line_names_the_broken_entry(db, location.to_str().unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_names_the_broken_entry_on_postgres() {
    let db = fresh_postgres().await;
    let Pool::Postgres(pool) = db.connections() else { unreachable!() };
    let name = pool.connect_options().get_database().expect("a database name").to_string();
    let (base, _) = postgres_server_url().rsplit_once('/').map(|(b, n)| (b.to_string(), n.to_string())).unwrap();
    the_command_line_names_the_broken_entry(db, &format!("{base}/{name}")).await;
}
