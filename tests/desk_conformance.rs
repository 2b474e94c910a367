//! The contract's public cases through the desk's own path, on SQLite and PostgreSQL: the
//! store (jurisdiction, currency, holidays, working days, settlement target), its policy and the
//! sale go into the database, the history as returns recorded before, and the decision comes
//! from the service (`Desk::evaluate`) — it must equal what `returndesk evaluate` answers.
//!
//! Issue 15: at the desk a store's calendar also holds the law's public holidays of its
//! jurisdiction, computed (docs/calendar.md); every case still decides as written with them
//! (tests/public_holidays_at_the_desk.rs shows a computed holiday moving a period's end).
//!
//! 012's `customer_returns_90d` (the frequent-returner count) is the customer's earlier returns
//! at the store: the sale is paid by a card with a fingerprint, and that many returns of the
//! same card (hashed, as the desk keeps them) are recorded in the 90 days before.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::*;
use returndesk::contract::PolicyDocument;
use returndesk::domain::{Currency, Jurisdiction, Money, ReturnRequest};
use returndesk::service::{Desk, ReturnDraft};
use returndesk::store::sql::sql;
use returndesk::store::{Database, NewUser, Role, SaleReceipt, StoreProfile};
use serde_json::Value;

/// Cases the store cannot hold the facts of yet, and why.
const NOT_YET: [(&str, &str); 0] = [];

/// The customer's earlier returns at the store: `count` returns of the card `fingerprint`, a
/// day before `now`, kept as the desk keeps them (the identity hashed).
#[allow(clippy::too_many_arguments)] // the facts of one recorded return, as `record_history` takes them
async fn record_customer_returns(db: &Arc<dyn Database>, store: &str, receipt_id: i64, clerk: i64, policy_version: i64, fingerprint: &str, count: u64, now: chrono::NaiveDateTime, currency: Currency) {
    use sha2::Digest;
    let key = format!("{:x}", sha2::Sha256::digest(format!("card:{fingerprint}").as_bytes()));
    let mut tx = db.connections().write().await.unwrap();
    for i in 0..count {
        let id: i64 = sql("INSERT INTO returns (idempotency_key, store_code, clerk_id, receipt_id, policy_version_id, resolution,
               outcome, status, currency, request_now, created_at, request_json, decision_json)
             VALUES ($1, $2, $3, $4, $5, 'refund', 'approved', 'completed', $6, $7, $8, '{}', '{}') RETURNING id")
        .bind(format!("customer-{store}-{i}"))
        .bind(store)
        .bind(clerk)
        .bind(receipt_id)
        .bind(policy_version)
        .bind_code(&currency)
        .bind(now - chrono::Duration::days(1))
        .bind(chrono::Utc::now())
        .scalar(tx.link())
        .await
        .unwrap();
        sql("INSERT INTO return_customers (return_id, customer_key, store_code, returned_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(key.clone())
            .bind(store)
            .bind(now - chrono::Duration::days(1))
            .execute(tx.link())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Returns recorded before: what the case's history says was returned and refunded.
async fn record_history(db: &Arc<dyn Database>, store: &str, receipt_id: i64, clerk: i64, policy_version: i64, history: &Value, currency: Currency) {
    if history.is_null() {
        return;
    }
    let returned = history["returned"].as_array().cloned().unwrap_or_default();
    let refunded = history["tender_refunded"].as_array().cloned().unwrap_or_default();
    if returned.is_empty() && refunded.is_empty() {
        return;
    }
    let mut tx = db.connections().write().await.unwrap();
    let id: i64 = sql("INSERT INTO returns (idempotency_key, store_code, clerk_id, receipt_id, policy_version_id, resolution,
           outcome, status, currency, request_now, created_at, request_json, decision_json)
         VALUES ($1, $2, $3, $4, $5, 'refund', 'approved', 'completed', $6, $7, $8, '{}', '{}') RETURNING id")
    .bind(format!("history-{receipt_id}"))
    .bind(store)
    .bind(clerk)
    .bind(receipt_id)
    .bind(policy_version)
    .bind_code(&currency)
    .bind("2020-01-01T00:00:00".parse::<chrono::NaiveDateTime>().unwrap())
    .bind(chrono::Utc::now())
    .scalar(tx.link())
    .await
    .unwrap();
    for (i, r) in returned.iter().enumerate() {
        let qty = r["qty"].as_i64().unwrap();
        sql("INSERT INTO return_lines (return_id, line_no, receipt_id, receipt_line, qty, returned_qty, reason, condition,
               outcome, route, reasons_json)
             VALUES ($1, $2, $3, $4, $5, $5, 'change_of_mind', 'unopened', 'approved', 'refund', '[]')")
        .bind(id)
        .bind(i + 1)
        .bind(receipt_id)
        .bind(r["line"].as_i64().unwrap())
        .bind(qty)
        .execute(tx.link())
        .await
        .unwrap();
    }
    for (i, t) in refunded.iter().enumerate() {
        let amount = Money::parse(t["amount"].as_str().unwrap()).unwrap();
        sql("INSERT INTO return_refunds (return_id, seq, type, amount, receipt_amount) VALUES ($1, $2, $3, $4, $4)")
            .bind(id)
            .bind(i + 1)
            .bind(t["type"].as_str().unwrap())
            .bind(amount)
            .execute(tx.link())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn every_case_through_the_desk(db: Arc<dyn Database>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let clerk = db
        .put_user(&NewUser { store_code: None, login: "desk".into(), display_name: "Desk".into(), role: Role::Clerk, pin_hash: returndesk::demo::hash_pin("1234").unwrap(), refund_limit: None, approval_limit: None })
        .await
        .unwrap();
    let desk = Desk::new(db.clone());
    let (mut checked, mut failures, mut not_yet) = (0, Vec::new(), Vec::new());
    for (n, path) in files.iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let (case, expected) = (&doc["case"], &doc["expected"]);
        if expected.get("error") == Some(&Value::Bool(true)) {
            continue; // invalid cases never reach a store: the import refuses them (tests/invalid_cases.rs)
        }
        if let Some((_, why)) = NOT_YET.iter().find(|(n, _)| *n == name) {
            not_yet.push(format!("{name}: {why}"));
            continue;
        }
        // Each case is a store of its own, with its own policy.
        let code = format!("C{n:03}");
        let store = StoreProfile {
            code: code.clone(),
            name: name.clone(),
            address: String::new(),
            jurisdiction: serde_json::from_value::<Jurisdiction>(case["store"]["jurisdiction"].clone()).unwrap(),
            currency: serde_json::from_value(case["store"]["currency"].clone()).unwrap(),
            time_zone: "Europe/Sofia".into(),
            holidays: serde_json::from_value(case["store"].get("holidays").cloned().unwrap_or(Value::Array(vec![]))).unwrap(),
            working_days: serde_json::from_value(case["store"].get("working_days").cloned().unwrap_or(Value::Array(vec![]))).unwrap(),
            claim_target_days: case["store"].get("claim_target_days").map_or_else(Default::default, |v| serde_json::from_value(v.clone()).unwrap()),
            policy_id: format!("policy-{code}"),
        };
        db.put_store(&store).await.unwrap();
        let policy: PolicyDocument = serde_json::from_value(case["policy"].clone()).unwrap();
        let version = db.put_policy_version(&store.policy_id, d("2000-01-01"), &policy).await.unwrap();
        let mut sale = case["receipt"].clone();
        sale["store"] = Value::String(code.clone());
        sale["number"] = Value::String(format!("{code}-{}", sale["number"].as_str().unwrap()));
        let mut sale: SaleReceipt = serde_json::from_value(sale).unwrap();
        let customer_returns = case["history"]["customer_returns_90d"].as_u64().unwrap_or(0);
        let fingerprint = format!("card-of-{code}");
        if customer_returns > 0 {
            let card = sale.receipt.tenders.iter_mut().find(|t| t.kind == returndesk::domain::TenderType::Card);
            card.expect("a frequent returner's sale is paid by card").card_fingerprint = Some(fingerprint.clone());
        }
        let receipt_id = match db.import_receipts(&[sale]).await.unwrap()[0] {
            returndesk::store::ImportOutcome::Inserted { id } => id,
            ref other => panic!("{name}: {other:?}"),
        };
        record_history(&db, &code, receipt_id, clerk, version.id, &case["history"], store.currency).await;
        let request: ReturnRequest = serde_json::from_value(case["request"].clone()).unwrap();
        let draft = ReturnDraft { receipt_id, request, claims: Vec::new() };
        let now: chrono::NaiveDateTime = case["now"].as_str().unwrap().parse().unwrap();
        if customer_returns > 0 {
            record_customer_returns(&db, &code, receipt_id, clerk, version.id, &fingerprint, customer_returns, now, store.currency).await;
        }
        let (_, decision) = match desk.evaluate(&draft, now).await {
            Ok(answer) => answer,
            Err(e) => {
                failures.push(format!("{name}: the desk refused it: {e}"));
                continue;
            }
        };
        let mut diffs = Vec::new();
        differences(expected, &serde_json::to_value(&decision).unwrap(), "", &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!("{name}:\n  {}", diffs.join("\n  ")));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{} of {checked} cases differ through the desk:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(checked, 43, "every valid case goes through the desk");
    assert_eq!(not_yet.len(), NOT_YET.len(), "{not_yet:?}");
    eprintln!("{checked} cases through the desk's own path on {}; not yet: {not_yet:?}", db.backend());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_public_case_through_the_desk_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    every_case_through_the_desk(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_public_case_through_the_desk_on_postgres() {
    every_case_through_the_desk(fresh_postgres().await).await;
}
