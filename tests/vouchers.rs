//! Store credit that can be spent (issue 14, part A), through the desk's HTTP door, on SQLite
//! and PostgreSQL: a return paid out as store credit issues a voucher valid for the store's
//! `voucher_valid_months`; a receipt paid by store credit refunds that part to a new voucher;
//! tills read and redeem vouchers (in parts, once per key, never below zero — 16 at once), and
//! every refusal writes nothing; a manager voids one.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::*;
use returndesk::api::DeskApi;
use returndesk::domain::{Money, TenderType};
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{AuditActor, Database, ReceiptKey, Role, SaleReceipt, VoucherVoid};
use serde_json::{json, Value};

/// The desk's door on one database at a fixed store-local time.
#[derive(Clone)]
struct Door {
    router: axum::Router,
    db: Arc<dyn Database>,
}

impl Door {
    fn at(db: Arc<dyn Database>, now: &str) -> Door {
        let clock = DeskClock::fixed(now.parse().unwrap());
        Door { router: api_router(DeskApi::new(Desk::new(db.clone()), clock)), db }
    }

    async fn send(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = through_router(&self.router, method, uri, token, body).await;
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        match body.get("error") {
            Some(error) if !status.is_success() => (status, error.clone()),
            _ => (status, body),
        }
    }

    async fn token(&self, login: &str, pin: &str, desk: &str) -> String {
        let (status, body) = self.send("POST", "/api/session", "", Some(json!({"login": login, "pin": pin, "terminal": desk}))).await;
        assert_eq!(status, StatusCode::OK, "{login} signs in: {body}");
        body["token"].as_str().unwrap().to_string()
    }

    async fn voucher(&self, token: &str, code: &str) -> (StatusCode, Value) {
        self.send("GET", &format!("/api/vouchers/{code}"), token, None).await
    }

    async fn redeem(&self, token: &str, code: &str, body: Value) -> (StatusCode, Value) {
        self.send("POST", &format!("/api/vouchers/{code}/redeem"), token, Some(body)).await
    }

    async fn audit(&self, manager: &str, action: &str) -> Vec<Value> {
        let uri = format!("/api/audit?action={action}&from=2000-01-01&to=2100-01-01&limit=200");
        let (status, body) = self.send("GET", &uri, manager, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["entries"].as_array().unwrap().clone()
    }
}

/// A store with its clerk (maria, DESK-1) and manager (georgi), at 2026-10-11 10:00.
struct Shop {
    door: Door,
    clerk: String,
    manager: String,
}

impl Shop {
    async fn new(db: Arc<dyn Database>) -> Shop {
        set_up_stores(db.as_ref()).await;
        let door = Door::at(db, "2026-10-11T10:00:00");
        let clerk = door.token("maria", "1234", "DESK-1").await;
        let manager = door.token("georgi", "9999", "DESK-1").await;
        Shop { door, clerk, manager }
    }

    /// Imports a receipt of one line at `cents`, paid by the given tenders (cents each).
    async fn receipt(&self, number: &str, cents: i64, tenders: &[(TenderType, i64)]) -> i64 {
        let tenders: Vec<Value> =
            tenders.iter().map(|(kind, c)| json!({"type": kind, "amount": Money::from_cents(*c).to_string()})).collect();
        let sale: SaleReceipt = serde_json::from_value(json!({"number": number, "store": "S01", "purchased_at": "2026-10-01T18:30:00",
            "channel": "store", "currency": "EUR", "receipt_discount": "0.00", "tenders": tenders,
            "lines": [{"line": 1, "sku": "SKU-1", "name": "Desk lamp", "category": "accessories", "brand": "Linka", "qty": 1,
                       "unit_price": Money::from_cents(cents).to_string(), "discount": "0.00", "vat_rate": "20"}]}))
        .unwrap();
        self.door.db.import_receipts(&[sale]).await.unwrap();
        let key = ReceiptKey::Number { store: Some("S01".into()), number: number.into() };
        self.door.db.find_receipt(&key).await.unwrap().unwrap().id
    }

    /// A change-of-mind return of the receipt's line, paid out as `resolution`.
    async fn returned(&self, receipt_id: i64, resolution: &str, key: &str) -> Value {
        let draft = json!({"receipt_id": receipt_id, "resolution": resolution, "idempotency_key": key,
            "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]});
        let (status, body) = self.door.send("POST", "/api/returns", &self.clerk, Some(draft)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["status"], "completed", "{body}");
        body
    }

    /// A voucher of `cents` issued by a store-credit return; its code.
    async fn voucher_of(&self, number: &str, cents: i64) -> String {
        let id = self.receipt(number, cents, &[(TenderType::Card, cents)]).await;
        let body = self.returned(id, "store_credit", &format!("ret-{number}")).await;
        let code = body["voucher"]["code"].as_str().unwrap_or_else(|| panic!("no voucher: {body}")).to_string();
        assert_eq!(money(&body["voucher"]["amount"]), Money::from_cents(cents), "{body}");
        code
    }
}

fn money(v: &Value) -> Money {
    v.as_str().and_then(|s| Money::parse(s).ok()).unwrap_or_else(|| panic!("not money: {v}"))
}

fn redemption(amount: &str, key: &str) -> Value {
    json!({"amount": amount, "idempotency_key": key, "till": "TILL-3", "sale_reference": format!("SALE-{key}")})
}

async fn both() -> Vec<(Option<tempfile::TempDir>, Arc<dyn Database>)> {
    let (dir, sqlite) = fresh_sqlite().await;
    vec![(Some(dir), sqlite), (None, fresh_postgres().await)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_credit_return_issues_a_voucher_valid_for_the_stores_setting() {
    for (_dir, db) in both().await {
        let shop = Shop::new(db).await;
        // The default: twelve months from the day of issue.
        let (status, settings) = shop.door.send("GET", "/api/settings", &shop.clerk, None).await;
        assert_eq!(status, StatusCode::OK, "{settings}");
        assert_eq!(settings["voucher_valid_months"], 12);
        let code = shop.voucher_of("V-1", 4_990).await;
        let (status, v) = shop.door.voucher(&shop.clerk, &code).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["expires_on"], "2027-10-11");
        assert_eq!(v["status"], "active");
        assert_eq!(money(&v["balance"]), Money::from_cents(4_990));
        assert_eq!(v["receipt_number"], "V-1");
        assert_eq!(v["store"], "S01");
        assert_eq!(v["redemptions"], json!([]));

        // A manager sets six months; out of 1..=120 is refused, naming the field, nothing stored.
        for bad in [0, 121] {
            let (status, body) = shop.door.send("PUT", "/api/settings", &shop.manager, Some(json!({"voucher_valid_months": bad}))).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(body["field"], "voucher_valid_months", "{body}");
        }
        let (status, body) = shop.door.send("PUT", "/api/settings", &shop.clerk, Some(json!({"voucher_valid_months": 6}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a clerk does not change settings: {body}");
        let (status, body) = shop.door.send("PUT", "/api/settings", &shop.manager, Some(json!({"voucher_valid_months": 6}))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["voucher_valid_months"], 6);
        let changed = shop.door.audit(&shop.manager, "settings_changed").await;
        assert!(changed.iter().any(|e| e["details"]["key"] == "voucher_valid_months"), "{changed:?}");

        // A voucher issued now is valid six months; the earlier one keeps its date.
        let code6 = shop.voucher_of("V-2", 1_000).await;
        let (_, v6) = shop.door.voucher(&shop.clerk, &code6).await;
        assert_eq!(v6["expires_on"], "2027-04-11", "{v6}");
        let (_, v) = shop.door.voucher(&shop.clerk, &code).await;
        assert_eq!(v["expires_on"], "2027-10-11");

        // Expiry is the store's today past the last day: on 2027-04-11 it still pays, the next day not.
        let last_day = Door::at(shop.door.db.clone(), "2027-04-11T20:00:00");
        let till = last_day.token("maria", "1234", "DESK-1").await;
        let (status, body) = last_day.redeem(&till, &code6, redemption("1.00", "last-day")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let after = Door::at(shop.door.db.clone(), "2027-04-12T09:00:00");
        let till = after.token("maria", "1234", "DESK-1").await;
        let (status, v) = after.voucher(&till, &code6).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["status"], "expired", "{v}");
        let (status, body) = after.redeem(&till, &code6, redemption("1.00", "too-late")).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("expired since 2027-04-12") && message.contains("valid until 2027-04-11"), "{message}");
        let (_, v) = after.voucher(&till, &code6).await;
        assert_eq!(v["redemptions"].as_array().unwrap().len(), 1, "the refused redemption wrote nothing: {v}");
        assert_eq!(money(&v["balance"]), Money::from_cents(900));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_paid_by_store_credit_refunds_that_part_to_a_new_voucher() {
    for (_dir, db) in both().await {
        let shop = Shop::new(db).await;
        // 80.00: 30.00 by card, 50.00 by an earlier voucher.
        let id = shop.receipt("SC-PAID", 8_000, &[(TenderType::Card, 3_000), (TenderType::StoreCredit, 5_000)]).await;
        let body = shop.returned(id, "refund", "sc-paid-1").await;
        let tenders = body["decision"]["tenders"].as_array().unwrap();
        let paid = |kind: &str| tenders.iter().filter(|t| t["type"] == kind).map(|t| money(&t["amount"])).sum::<Money>();
        assert_eq!(paid("card"), Money::from_cents(3_000), "{body}");
        assert_eq!(paid("store_credit"), Money::from_cents(5_000), "{body}");
        assert_eq!(paid("cash"), Money::ZERO, "store credit is never paid out in cash: {body}");
        let code = body["voucher"]["code"].as_str().unwrap_or_else(|| panic!("no voucher: {body}"));
        let (status, v) = shop.door.voucher(&shop.clerk, code).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(money(&v["amount"]), Money::from_cents(5_000));
        assert_eq!(money(&v["balance"]), Money::from_cents(5_000));
        assert_eq!(v["currency"], "EUR");
        let key = ReceiptKey::Number { store: Some("S01".into()), number: "SC-PAID".into() };
        let history = shop.door.db.find_receipt(&key).await.unwrap().unwrap().history;
        assert_eq!(history.refunded_to(TenderType::StoreCredit), Money::from_cents(5_000));
        assert_eq!(history.refunded_to(TenderType::Card), Money::from_cents(3_000));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voucher_is_spent_in_parts_once_per_key_and_every_refusal_writes_nothing() {
    for (_dir, db) in both().await {
        let shop = Shop::new(db).await;
        let code = shop.voucher_of("V-PARTS", 5_000).await;
        let loose = code.to_lowercase().replace('-', "");
        let (status, v) = shop.door.voucher(&shop.clerk, &loose).await;
        assert_eq!(status, StatusCode::OK, "any case, without the dashes: {v}");
        assert_eq!(v["code"], code.as_str());

        // Part: 20.00 of 50.00.
        let (status, v) = shop.door.redeem(&shop.clerk, &loose, redemption("20.00", "k1")).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(money(&v["balance"]), Money::from_cents(3_000));
        assert_eq!(v["status"], "active");
        assert_eq!(v["created"], true);
        assert_eq!(v["redemption"]["till"], "TILL-3");
        assert_eq!(v["redemption"]["sale_reference"], "SALE-k1");
        assert_eq!(v["redemption"]["by"], "Maria Ivanova");
        assert_eq!(money(&v["redemption"]["balance_after"]), Money::from_cents(3_000));

        // The retry answers the same redemption and takes nothing.
        let (status, again) = shop.door.redeem(&shop.clerk, &code, redemption("20.00", "k1")).await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!(again["created"], false);
        assert_eq!(again["redemption"], v["redemption"]);
        assert_eq!(money(&again["balance"]), Money::from_cents(3_000));
        assert_eq!(again["redemptions"].as_array().unwrap().len(), 1);
        // The same key with another amount is a conflict.
        let (status, body) = shop.door.redeem(&shop.clerk, &code, redemption("5.00", "k1")).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body["message"].as_str().unwrap().contains("idempotency key"), "{body}");

        // More than the balance: 409 naming it.
        let (status, body) = shop.door.redeem(&shop.clerk, &code, redemption("30.01", "k2")).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body["message"].as_str().unwrap().contains("30.00 EUR left"), "{body}");
        // Bad input: 400 naming the field.
        let mut other_currency = redemption("1.00", "k3");
        other_currency["currency"] = json!("RUB");
        let (status, body) = shop.door.redeem(&shop.clerk, &code, other_currency).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("currency")), "{body}");
        let mut unknown_currency = redemption("1.00", "k3");
        unknown_currency["currency"] = json!("USD");
        let (status, body) = shop.door.redeem(&shop.clerk, &code, unknown_currency).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("currency")), "{body}");
        for (field, body) in [
            ("amount", redemption("0.00", "k4")),
            ("amount", redemption("1.005", "k4")),
            ("till", json!({"amount": "1.00", "idempotency_key": "k4", "till": " ", "sale_reference": "S"})),
            ("till", json!({"amount": "1.00", "idempotency_key": "k4", "sale_reference": "S"})),
            ("sale_reference", json!({"amount": "1.00", "idempotency_key": "k4", "till": "T", "sale_reference": ""})),
            ("idempotency_key", json!({"amount": "1.00", "idempotency_key": "", "till": "T", "sale_reference": "S"})),
            ("amount", json!({"idempotency_key": "k4", "till": "T", "sale_reference": "S"})),
            ("sale_reference", json!({"amount": "1.00", "idempotency_key": "k4", "till": "T"})),
        ] {
            let (status, answer) = shop.door.redeem(&shop.clerk, &code, body.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
            assert_eq!(answer["field"], field, "{body}: {answer}");
        }
        let (_, v) = shop.door.voucher(&shop.clerk, &code).await;
        assert_eq!(v["redemptions"].as_array().unwrap().len(), 1, "no refusal wrote a redemption: {v}");
        assert_eq!(money(&v["balance"]), Money::from_cents(3_000));
        assert_eq!(shop.door.audit(&shop.manager, "voucher_redeemed").await.len(), 1);

        // The rest: 30.00 → spent; then nothing more, saying since when.
        let (status, v) = shop.door.redeem(&shop.clerk, &code, redemption("30.00", "k5")).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(money(&v["balance"]), Money::ZERO);
        assert_eq!(v["status"], "spent");
        let (status, body) = shop.door.redeem(&shop.clerk, &code, redemption("0.01", "k6")).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("spent since 20"), "{message}");
        let (status, body) = shop.door.send("POST", &format!("/api/vouchers/{code}/void"), &shop.manager, Some(json!({"reason": "x"}))).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("VOUCHER_SPENT")), "a spent voucher is not voided: {body}");
        assert_eq!(shop.door.audit(&shop.manager, "voucher_voided").await.len(), 0, "nothing voided");
        let entries = shop.door.audit(&shop.manager, "voucher_redeemed").await;
        assert_eq!(entries.len(), 2);
        assert!(entries.iter().any(|e| e["details"]["balance_after"] == "0.00" && e["details"]["spent"] == true), "{entries:?}");

        // Unknown codes and codes that are not codes: 404.
        for unknown in ["SC-22222-22222", "nonsense"] {
            let (status, body) = shop.door.voucher(&shop.clerk, unknown).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{unknown}: {body}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_voids_a_voucher_with_a_reason_and_it_pays_no_more() {
    for (_dir, db) in both().await {
        let shop = Shop::new(db).await;
        let code = shop.voucher_of("V-VOID", 2_500).await;
        let void = format!("/api/vouchers/{code}/void");
        let (status, body) = shop.door.send("POST", &void, &shop.clerk, Some(json!({"reason": "customer complaint"}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let (status, body) = shop.door.send("POST", &void, &shop.manager, Some(json!({"reason": "  "}))).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("reason")), "{body}");
        let (status, v) = shop.door.voucher(&shop.clerk, &code).await;
        assert_eq!((status, v["status"].as_str()), (StatusCode::OK, Some("active")), "refusals voided nothing: {v}");

        let (status, v) = shop.door.send("POST", &void, &shop.manager, Some(json!({"reason": "reported stolen"}))).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["status"], "void");
        assert_eq!(v["void_reason"], "reported stolen");
        assert_eq!(v["voided_by"], "Georgi Dimitrov");
        let entries = shop.door.audit(&shop.manager, "voucher_voided").await;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0]["details"]["balance_forfeited"], "25.00");

        let (status, body) = shop.door.redeem(&shop.clerk, &code, redemption("1.00", "after-void")).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("void since 20") && message.contains("reported stolen"), "{message}");
        let (status, body) = shop.door.send("POST", &void, &shop.manager, Some(json!({"reason": "again"}))).await;
        assert_eq!((status, body["code"].as_str(), body["voucher"].as_str()), (StatusCode::CONFLICT, Some("VOUCHER_VOID"), Some(code.as_str())), "{body}");
        assert!(body["since"].as_str().is_some_and(|t| t.starts_with("20")), "since when: {body}");
        // Voided at another till a moment ago: the store's own check says so by the same code.
        let id = shop.door.db.voucher_by_code(&code).await.unwrap().unwrap().id;
        let again = VoucherVoid { voucher_id: id, reason: "at another till".into(), at: chrono::Utc::now(), actor: AuditActor { user_id: None, terminal_id: None, store_code: None } };
        let refused = returndesk::api::ApiError::from(shop.door.db.void_voucher(&again).await.unwrap_err());
        assert_eq!(refused.code, "VOUCHER_VOID", "{}", refused.body());
        assert_eq!(shop.door.audit(&shop.manager, "voucher_voided").await.len(), 1, "voided once");
        let (_, v) = shop.door.voucher(&shop.clerk, &code).await;
        assert_eq!(v["redemptions"], json!([]));
        assert_eq!(money(&v["balance"]), Money::from_cents(2_500), "the balance is kept as it was, for the record");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_stores_voucher_is_not_found() {
    for (_dir, db) in both().await {
        let shop = Shop::new(db.clone()).await;
        let code = shop.voucher_of("V-S01", 1_000).await;
        put_moscow_user(db.as_ref(), Role::Manager, "5555").await;
        db.put_terminal("S03", "M-1").await.unwrap();
        let olga = shop.door.token("olga", "5555", "M-1").await;
        let (status, body) = shop.door.voucher(&olga, &code).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        // what was not found, as facts each desk says in its own language
        assert_eq!((body["code"].as_str(), body["what"].as_str(), body["key"].as_str()), (Some("NOT_FOUND"), Some("voucher"), Some(code.as_str())), "{body}");
        let (status, body) = shop.door.redeem(&olga, &code, redemption("1.00", "s03")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, body) = shop.door.send("POST", &format!("/api/vouchers/{code}/void"), &olga, Some(json!({"reason": "x"}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (_, v) = shop.door.voucher(&shop.clerk, &code).await;
        assert_eq!((v["status"].as_str(), money(&v["balance"])), (Some("active"), Money::from_cents(1_000)));
    }
}

/// 16 tills redeem one voucher at the same moment, each under its own key: the balance never
/// goes below zero, the accepted redemptions add up to exactly what left the voucher, and each
/// refused one wrote nothing (no redemption row, no audit entry).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_tills_redeem_one_voucher_at_once() {
    for (_dir, db) in both().await {
        let shop = Shop::new(db).await;
        let code = shop.voucher_of("V-RACE", 10_000).await;
        let mut tills = Vec::new();
        for i in 0..16 {
            // 7.00 … 22.00: 232.00 asked of 100.00.
            let amount = Money::from_cents(700 + 100 * i);
            let (door, token, code) = (shop.door.clone(), shop.clerk.clone(), code.clone());
            tills.push(tokio::spawn(async move {
                let (status, body) = door.redeem(&token, &code, redemption(&amount.to_string(), &format!("till-{i}"))).await;
                (amount, status, body)
            }));
        }
        let mut accepted = Money::ZERO;
        let mut accepted_n = 0;
        for till in tills {
            let (amount, status, body) = till.await.unwrap();
            match status {
                StatusCode::OK => {
                    accepted += amount;
                    accepted_n += 1;
                    assert!(!money(&body["balance"]).amount().is_sign_negative(), "{body}");
                }
                StatusCode::CONFLICT => assert!(matches!(body["code"].as_str(), Some("VOUCHER_BALANCE_SHORT" | "VOUCHER_SPENT")), "{body}"),
                other => panic!("{other}: {body}"),
            }
        }
        let (_, v) = shop.door.voucher(&shop.clerk, &code).await;
        let balance = money(&v["balance"]);
        assert!(accepted_n > 0 && accepted_n < 16, "some fit, not all: {accepted_n}");
        assert_eq!(accepted, Money::from_cents(10_000) - balance, "{v}");
        let rows = v["redemptions"].as_array().unwrap();
        assert_eq!(rows.len(), accepted_n, "one row per accepted redemption: {v}");
        assert_eq!(rows.iter().map(|r| money(&r["amount"])).sum::<Money>(), accepted);
        // Each row's balance after is what the one before left less its amount: no two tills saw the same balance.
        let mut left = Money::from_cents(10_000);
        for r in rows {
            left = left - money(&r["amount"]);
            assert_eq!(money(&r["balance_after"]), left, "{v}");
        }
        assert_eq!(shop.door.audit(&shop.manager, "voucher_redeemed").await.len(), accepted_n);
        assert_eq!(v["status"], if balance.is_zero() { "spent" } else { "active" });
    }
}

/// The same redemption sent by 8 tills at once (a till retrying while the first is in flight):
/// one takes the money, every answer is that redemption.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_key_sent_at_once_redeems_once() {
    for (_dir, db) in both().await {
        let shop = Shop::new(db).await;
        let code = shop.voucher_of("V-SAMEKEY", 3_000).await;
        let mut tills = Vec::new();
        for _ in 0..8 {
            let (door, token, code) = (shop.door.clone(), shop.clerk.clone(), code.clone());
            tills.push(tokio::spawn(async move { door.redeem(&token, &code, redemption("12.00", "same")).await }));
        }
        let mut created = 0;
        for till in tills {
            let (status, body) = till.await.unwrap();
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(money(&body["redemption"]["amount"]), Money::from_cents(1_200));
            created += usize::from(body["created"] == true);
        }
        assert_eq!(created, 1);
        let (_, v) = shop.door.voucher(&shop.clerk, &code).await;
        assert_eq!(v["redemptions"].as_array().unwrap().len(), 1, "{v}");
        assert_eq!(money(&v["balance"]), Money::from_cents(1_800));
    }
}
