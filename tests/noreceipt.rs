//! Issue 14, part C: returns without a receipt (found by a serial, by card with the items
//! named, or unverified: a manager's approval, the customer's ID kept only as a keyed hash,
//! paid only as store credit at the lowest recent price) and goodwill (an amount on a line, by
//! the tender rules, counted against the line), through the desk's HTTP door, on SQLite and
//! PostgreSQL.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::*;
use returndesk::api::DeskApi;
use returndesk::domain::{Money, TenderType};
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::sql::sql;
use returndesk::store::{Database, NewUser, ReceiptKey, Role, SaleReceipt};
use serde_json::{json, Value};

const NOW: &str = "2026-10-11T10:00:00";

struct Door {
    router: axum::Router,
    db: Arc<dyn Database>,
}

impl Door {
    async fn new(db: Arc<dyn Database>) -> Door {
        set_up_stores(db.as_ref()).await;
        db.put_user(&NewUser {
            store_code: Some("S03".into()),
            login: "olga".into(),
            display_name: "Olga Petrova".into(),
            role: Role::Manager,
            pin_hash: returndesk::demo::hash_pin("5555").unwrap(),
            refund_limit: None,
            approval_limit: None,
        })
        .await
        .unwrap();
        db.put_terminal("S03", "DESK-9").await.unwrap();
        let clock = DeskClock::fixed(NOW.parse().unwrap());
        let router = api_router(DeskApi::new(Desk::new(db.clone()).with_clock(clock.clone()), clock));
        Door { router, db }
    }

    async fn sign_in(&self, login: &str, pin: &str, desk: &str) -> String {
        let (status, body) = self.send("", "POST", "/api/session", Some(json!({"login": login, "pin": pin, "terminal": desk}))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["token"].as_str().unwrap().to_string()
    }

    async fn send(&self, token: &str, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = self.raw(token, method, uri, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn raw(&self, token: &str, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Vec<u8>) {
        through_router(&self.router, method, uri, token, body).await
    }

    async fn count(&self, table_where: &'static str) -> i64 {
        let pool = self.db.connections();
        sql(table_where).scalar(pool.read().await.unwrap().link()).await.unwrap()
    }

    async fn texts(&self, query: &'static str) -> Vec<String> {
        let pool = self.db.connections();
        sql(query).scalars(pool.read().await.unwrap().link()).await.unwrap()
    }
}

fn money(v: &Value) -> Money {
    v.as_str().and_then(|s| Money::parse(s).ok()).unwrap_or_else(|| panic!("not money: {v}"))
}

/// A sale at S01 of one SKU: `qty` at `price` with a line discount, on `at`, paid by card and cash.
fn sale(number: &str, at: &str, lines: Value, tenders: Value) -> SaleReceipt {
    serde_json::from_value(json!({"number": number, "store": "S01", "purchased_at": at, "channel": "store", "currency": "EUR",
        "lines": lines, "receipt_discount": "0.00", "tenders": tenders}))
    .unwrap()
}

fn line(n: u32, sku: &str, qty: u32, price: &str, discount: &str) -> Value {
    json!({"line": n, "sku": sku, "name": format!("Item {sku}"), "category": "accessories", "brand": "Linka",
           "qty": qty, "unit_price": price, "discount": discount, "vat_rate": "20"})
}

// ---- Finding a receipt without its number ----

async fn serial_and_card_search(db: Arc<dyn Database>) {
    let door = Door::new(db).await;
    door.db.import_receipts(&[sofia_receipt("S01-2026-000777")]).await.unwrap();
    let clerk = door.sign_in("maria", "1234", "DESK-1").await;
    let (status, body) = door.send(&clerk, "GET", "/api/receipts/lookup?code=TV55-000123", None).await;
    assert_eq!(status, StatusCode::OK, "a sold serial finds its receipt: {body}");
    assert_eq!(body["number"], "S01-2026-000777");
    let (status, body) = door.send(&clerk, "GET", "/api/receipts/lookup?code=TV55-999999", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a serial never sold finds nothing: {body}");
    // The serial of another store's sale is not this desk's (S03 takes only its own).
    let olga = door.sign_in("olga", "5555", "DESK-9").await;
    let (status, _) = door.send(&olga, "GET", "/api/receipts/lookup?code=TV55-000123", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = door.send(&clerk, "GET", "/api/receipts/by-card?last4=4242&from=2026-09-01&to=2026-10-31", None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items: Vec<&str> = body[0]["items"].as_array().unwrap().iter().map(|i| i.as_str().unwrap()).collect();
    assert_eq!(items, ["Television 55in", "3 × HDMI cable 2 m", "Electric shaver", "2 × AA batteries 4-pack"], "{body}");
}

#[tokio::test]
async fn a_serial_finds_its_receipt_and_a_card_search_names_the_items_on_sqlite() {
    serial_and_card_search(fresh_sqlite().await.1).await;
}

#[tokio::test]
async fn a_serial_finds_its_receipt_and_a_card_search_names_the_items_on_postgres() {
    serial_and_card_search(fresh_postgres().await).await;
}

// ---- Unverified returns ----

fn unverified(sku: &str, qty: u32, id: &str, key: Option<&str>, manager: Option<(&str, &str)>) -> Value {
    let mut v = json!({"sku": sku, "qty": qty, "reason": "gift, no receipt", "customer_id": {"type": "id_card", "number": id}});
    if let Some(k) = key {
        v["idempotency_key"] = k.into();
    }
    if let Some((login, pin)) = manager {
        v["manager"] = json!({"login": login, "pin": pin});
    }
    v
}

async fn unverified_returns(db: Arc<dyn Database>) {
    let door = Door::new(db).await;
    // MUG sold 2 × 25.00 less a 6.00 line discount (22.00 a unit) 10 days ago, at 24.00 5 days
    // ago, and at 15.00 60 days ago (outside a 30-day window).
    door.db
        .import_receipts(&[
            sale("S01-U-1", "2026-10-01T12:00:00", json!([line(1, "MUG", 2, "25.00", "6.00")]), json!([{"type": "card", "amount": "44.00"}])),
            sale("S01-U-2", "2026-10-06T12:00:00", json!([line(1, "MUG", 1, "24.00", "0.00")]), json!([{"type": "cash", "amount": "24.00"}])),
            sale("S01-U-3", "2026-08-12T12:00:00", json!([line(1, "MUG", 1, "15.00", "0.00")]), json!([{"type": "cash", "amount": "15.00"}])),
        ])
        .await
        .unwrap();
    let clerk = door.sign_in("maria", "1234", "DESK-1").await;
    let boss = door.sign_in("georgi", "9999", "DESK-1").await;
    let id = "BG 6101-017788";

    // Not allowed until the store says so.
    let (status, body) = door.send(&clerk, "POST", "/api/unverified-returns/quote", Some(unverified("MUG", 1, id, None, None))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("does not take returns without a receipt"), "{body}");
    // Settings: a clerk may not, a bad lookback names its field, a manager may.
    let allow = |days: i64| json!({"unverified_returns": {"allowed": true, "lookback_days": days}});
    let (status, _) = door.send(&clerk, "PUT", "/api/settings", Some(allow(30))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = door.send(&boss, "PUT", "/api/settings", Some(allow(0))).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("unverified_returns.lookback_days")), "{body}");
    let (status, body) = door.send(&boss, "PUT", "/api/settings", Some(allow(30))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["unverified_returns"], json!({"allowed": true, "lookback_days": 30}));

    // The quote: the lowest unit price net of the line discount in the last 30 days.
    let (status, q) = door.send(&clerk, "POST", "/api/unverified-returns/quote", Some(unverified("MUG", 2, id, None, None))).await;
    assert_eq!(status, StatusCode::OK, "{q}");
    assert_eq!((money(&q["unit_price"]), money(&q["amount"])), (Money::from_cents(2200), Money::from_cents(4400)), "{q}");
    assert_eq!((q["priced_from"].as_str(), q["payout"].as_str(), q["customer_returns_90d"].as_u64()), (Some("S01-U-1"), Some("store_credit"), Some(0)));
    // An SKU not sold in the window has no price.
    let (status, body) = door.send(&clerk, "POST", "/api/unverified-returns/quote", Some(unverified("KETTLE", 1, id, None, None))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["message"], "no sale of SKU KETTLE in the last 30 days: the price cannot be set");
    // Bad input names its field.
    for (draft, field) in [
        (unverified("MUG", 0, id, Some("k0"), Some(("georgi", "9999"))), "qty"),
        (unverified("", 1, id, Some("k0"), Some(("georgi", "9999"))), "sku"),
        (unverified("MUG", 1, "12", Some("k0"), Some(("georgi", "9999"))), "customer_id.number"),
        (json!({"sku": "MUG", "qty": 1, "reason": " ", "customer_id": {"type": "passport", "number": id}, "idempotency_key": "k0",
                "manager": {"login": "georgi", "pin": "9999"}}), "reason"),
        (unverified("MUG", 1, id, None, Some(("georgi", "9999"))), "idempotency_key"),
    ] {
        let (status, body) = door.send(&clerk, "POST", "/api/unverified-returns", Some(draft)).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{body}");
    }
    // The clerk alone, or a clerk's PIN as the manager's, or a wrong PIN: nothing is recorded.
    let (status, body) = door.send(&clerk, "POST", "/api/unverified-returns", Some(unverified("MUG", 2, id, Some("u1"), None))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("MANAGER_REQUIRED")), "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("a manager must approve"), "{body}");
    let (status, _) = door.send(&clerk, "POST", "/api/unverified-returns", Some(unverified("MUG", 2, id, Some("u1"), Some(("maria", "1234"))))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = door.send(&clerk, "POST", "/api/unverified-returns", Some(unverified("MUG", 2, id, Some("u1"), Some(("georgi", "0000"))))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(door.count("SELECT COUNT(*) FROM unverified_returns").await, 0);
    assert_eq!(door.count("SELECT COUNT(*) FROM store_credit_vouchers").await, 0);

    // Approved: a voucher at the lowest price, the ID never in clear.
    let (status, r) = door.send(&clerk, "POST", "/api/unverified-returns", Some(unverified("MUG", 2, id, Some("u1"), Some(("georgi", "9999"))))).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!((money(&r["amount"]), money(&r["voucher_balance"]), r["created"].as_bool()), (Money::from_cents(4400), Money::from_cents(4400), Some(true)), "{r}");
    assert_eq!((r["customer_id_last4"].as_str(), r["manager"].as_str(), r["currency"].as_str()), (Some("7788"), Some("Georgi Dimitrov"), Some("EUR")));
    assert_eq!(r["voucher_expires_on"], "2027-10-11");
    let code = r["voucher_code"].as_str().unwrap().to_string();
    assert_eq!(door.count("SELECT COUNT(*) FROM store_credit_vouchers WHERE return_id IS NULL AND status = 'active'").await, 1);
    let stored = door.texts("SELECT id_key || '|' || id_last4 || '|' || id_type || '|' || sku FROM unverified_returns").await;
    assert_eq!(stored.len(), 1);
    let parts: Vec<&str> = stored[0].split('|').collect();
    assert_eq!((parts[0].len(), parts[1], parts[2], parts[3]), (64, "7788", "id_card", "MUG"));
    let everything = door.texts("SELECT details FROM audit_log").await.join("\n")
        + &door.texts("SELECT value FROM desk_settings").await.join("\n")
        + &stored.join("\n");
    for clear in ["6101017788", "6101-017788", "BG6101017788"] {
        assert!(!everything.contains(clear), "the ID {clear} is stored in clear");
    }
    let entries = door.texts("SELECT details FROM audit_log WHERE action = 'unverified_return'").await;
    assert_eq!(entries.len(), 1);
    assert!(entries[0].contains(&code) && entries[0].contains("georgi"), "{}", entries[0]);

    // A retry answers the same return; the key with another draft is refused.
    let (status, again) = door.send(&clerk, "POST", "/api/unverified-returns", Some(unverified("MUG", 2, id, Some("u1"), Some(("georgi", "9999"))))).await;
    assert_eq!((status, again["id"].clone(), again["created"].as_bool()), (StatusCode::OK, r["id"].clone(), Some(false)), "{again}");
    let (status, body) = door.send(&clerk, "POST", "/api/unverified-returns", Some(unverified("MUG", 1, id, Some("u1"), Some(("georgi", "9999"))))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(door.count("SELECT COUNT(*) FROM unverified_returns").await, 1);
    assert_eq!(door.count("SELECT COUNT(*) FROM store_credit_vouchers").await, 1);

    // The same ID typed another way is the same customer: the return counts for them.
    let (_, q) = door.send(&clerk, "POST", "/api/unverified-returns/quote", Some(unverified("MUG", 1, "bg6101017788", None, None))).await;
    assert_eq!(q["customer_returns_90d"], 1, "{q}");
    let (_, q) = door.send(&clerk, "POST", "/api/unverified-returns/quote", Some(unverified("MUG", 1, "XX999999", None, None))).await;
    assert_eq!(q["customer_returns_90d"], 0, "{q}");

    // The slip (its voucher) prints; another store's desk does not see the return.
    let rid = r["id"].as_i64().unwrap();
    let (status, pdf) = door.raw(&clerk, "GET", &format!("/api/unverified-returns/{rid}/slip.pdf?lang=bg"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF"));
    let olga = door.sign_in("olga", "5555", "DESK-9").await;
    let (status, _) = door.send(&olga, "GET", &format!("/api/unverified-returns/{rid}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = door.send(&clerk, "GET", &format!("/api/unverified-returns/{rid}"), None).await;
    assert_eq!((status, body["number"].as_str()), (StatusCode::OK, Some(format!("U-S01-{rid:05}").as_str())));
}

#[tokio::test]
async fn an_unverified_return_is_approved_priced_low_and_paid_as_store_credit_on_sqlite() {
    unverified_returns(fresh_sqlite().await.1).await;
}

#[tokio::test]
async fn an_unverified_return_is_approved_priced_low_and_paid_as_store_credit_on_postgres() {
    unverified_returns(fresh_postgres().await).await;
}

/// Four requests confirming the same unverified return (one key) at once — a desk retrying —:
/// one return, one voucher. (More would lock the manager's PIN out at the desk: each request
/// checks it.)
async fn unverified_retries_race(db: Arc<dyn Database>) {
    let door = Arc::new(Door::new(db).await);
    door.db
        .import_receipts(&[sale("S01-R-1", "2026-10-01T12:00:00", json!([line(1, "MUG", 1, "20.00", "0.00")]), json!([{"type": "card", "amount": "20.00"}]))])
        .await
        .unwrap();
    let boss = door.sign_in("georgi", "9999", "DESK-1").await;
    door.send(&boss, "PUT", "/api/settings", Some(json!({"unverified_returns": {"allowed": true, "lookback_days": 90}}))).await;
    let clerk = door.sign_in("maria", "1234", "DESK-1").await;
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let (door, clerk) = (door.clone(), clerk.clone());
        tasks.push(tokio::spawn(async move {
            door.send(&clerk, "POST", "/api/unverified-returns", Some(unverified("MUG", 1, "AB1234567", Some("same"), Some(("georgi", "9999"))))).await
        }));
    }
    let mut ids = std::collections::BTreeSet::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        ids.insert(body["id"].as_i64().unwrap());
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(door.count("SELECT COUNT(*) FROM unverified_returns").await, 1);
    assert_eq!(door.count("SELECT COUNT(*) FROM store_credit_vouchers").await, 1);
    assert_eq!(door.count("SELECT COUNT(*) FROM audit_log WHERE action = 'unverified_return'").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn retries_at_once_of_one_unverified_return_record_it_once_on_sqlite() {
    unverified_retries_race(fresh_sqlite().await.1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn retries_at_once_of_one_unverified_return_record_it_once_on_postgres() {
    unverified_retries_race(fresh_postgres().await).await;
}

// ---- Goodwill ----

async fn quote(door: &Door, token: &str, v: Value) -> Value {
    let (status, q) = door.send(token, "POST", "/api/unverified-returns/quote", Some(v)).await;
    assert_eq!(status, StatusCode::OK, "{q}");
    q
}

/// Unverified returns and receipt returns share one frequent-returner tally (the policy's limit
/// is 5 in 90 days): an unverified return is kept under its ID document and the phone the desk
/// took, a receipt return under its card, phone and (when the desk takes it) ID document, and
/// each counts the other; at the limit the unverified return's quote says so and the manager
/// approves that too, and a receipt return over it goes to a manager.
async fn one_tally(db: Arc<dyn Database>) {
    let door = Door::new(db).await;
    let mut sales = vec![sale("S01-F-MUG", "2026-10-01T12:00:00", json!([line(1, "MUG", 3, "20.00", "0.00")]), json!([{"type": "cash", "amount": "60.00"}]))];
    for n in 0..6 {
        sales.push(sale(&format!("S01-F-{n}"), "2026-10-05T12:00:00", json!([line(1, "CABLE", 1, "10.00", "0.00")]), json!([{"type": "cash", "amount": "10.00"}])));
    }
    door.db.import_receipts(&sales).await.unwrap();
    let clerk = door.sign_in("maria", "1234", "DESK-1").await;
    let boss = door.sign_in("georgi", "9999", "DESK-1").await;
    let (status, body) = door.send(&boss, "PUT", "/api/settings", Some(json!({"unverified_returns": {"allowed": true, "lookback_days": 30}}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (id, phone) = ("BG 6101-017788", "+359 888 555 111");
    let with_phone = |mut v: Value| {
        v["customer"] = json!({"contact": phone});
        v
    };
    let mut ids = Vec::new();
    for n in 0..6 {
        ids.push(receipt_id(&door, &format!("S01-F-{n}")).await);
    }
    let cable = |n: usize, key: &str, customer: Value| {
        json!({"receipt_id": ids[n], "resolution": "refund", "idempotency_key": key, "customer": customer,
               "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})
    };

    // 1. An unverified return with the ID and the phone: nothing before it.
    let q = quote(&door, &clerk, with_phone(unverified("MUG", 1, id, None, None))).await;
    assert_eq!((q["customer_returns_90d"].as_u64(), q["max_returns_90d"].as_u64(), q["frequent_returner"].as_bool()), (Some(0), Some(5), Some(false)), "{q}");
    assert_eq!(q["approvals_required"], json!(["UNVERIFIED_RETURN"]));
    let (status, u1) = door.send(&clerk, "POST", "/api/unverified-returns", Some(with_phone(unverified("MUG", 1, id, Some("u1"), Some(("georgi", "9999")))))).await;
    assert_eq!(status, StatusCode::OK, "{u1}");
    // Kept hashed under the phone (SHA-256 of phone:digits, as a receipt return's) and the ID's key; never in clear.
    use sha2::Digest;
    let phone_key = format!("{:x}", sha2::Sha256::digest(b"phone:359888555111"));
    let pool = door.db.connections();
    let by_phone: i64 = sql("SELECT COUNT(*) FROM unverified_return_customers WHERE customer_key = $1")
        .bind(phone_key.clone())
        .scalar(pool.read().await.unwrap().link())
        .await
        .unwrap();
    assert_eq!(by_phone, 1);
    assert_eq!(door.count("SELECT COUNT(*) FROM unverified_return_customers").await, 2, "the phone's key and the ID's");
    assert_eq!(door.count("SELECT COUNT(*) FROM unverified_return_customers WHERE customer_key LIKE '%888%555%' OR customer_key LIKE '%6101%'").await, 0);

    // 2. Three receipt returns by the phone: each counts the unverified one (4 with the policy's
    //    limit at 5: no manager yet) …
    for n in 0..3 {
        let (status, body) = door.send(&clerk, "POST", "/api/returns", Some(cable(n, &format!("r{n}"), json!({"contact": phone})))).await;
        assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("completed")), "{body}");
    }
    // … and the unverified return's quote counts them: by the phone 1 + 3; by the ID alone only its own.
    let q = quote(&door, &clerk, with_phone(unverified("MUG", 1, id, None, None))).await;
    assert_eq!((q["customer_returns_90d"].as_u64(), q["frequent_returner"].as_bool()), (Some(4), Some(false)), "{q}");
    let q = quote(&door, &clerk, unverified("MUG", 1, id, None, None)).await;
    assert_eq!(q["customer_returns_90d"].as_u64(), Some(1), "{q}");

    // 3. A receipt return whose customer shows the ID (no phone) is matched to the unverified one by it.
    let (status, body) = door.send(&clerk, "POST", "/api/returns", Some(cable(3, "r3", json!({"contact": "", "id_number": "bg6101017788"})))).await;
    assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("completed")), "{body}");
    let q = quote(&door, &clerk, unverified("MUG", 1, id, None, None)).await;
    assert_eq!(q["customer_returns_90d"].as_u64(), Some(2), "the unverified return and the receipt return by the ID: {q}");
    // A bad ID number on a receipt return names its field and writes nothing.
    let before = door.count("SELECT COUNT(*) FROM returns").await;
    let (status, body) = door.send(&clerk, "POST", "/api/returns", Some(cable(5, "bad-id", json!({"contact": "", "id_number": "12"})))).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("customer.id_number")), "{body}");
    assert_eq!(door.count("SELECT COUNT(*) FROM returns").await, before);

    // 4. The limit reached: by the ID and the phone, 5 returns (1 unverified + 4 receipt returns).
    //    The unverified return's quote says so and the manager must approve FREQUENT_RETURNS too.
    let q = quote(&door, &clerk, with_phone(unverified("MUG", 1, id, None, None))).await;
    assert_eq!((q["customer_returns_90d"].as_u64(), q["frequent_returner"].as_bool()), (Some(5), Some(true)), "{q}");
    assert_eq!(q["approvals_required"], json!(["UNVERIFIED_RETURN", "FREQUENT_RETURNS"]), "{q}");
    let (status, body) = door.send(&clerk, "POST", "/api/unverified-returns", Some(with_phone(unverified("MUG", 1, id, Some("u2"), None)))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("MANAGER_REQUIRED")), "{body}");
    assert_eq!(body["error"]["approvals"], json!(["UNVERIFIED_RETURN", "FREQUENT_RETURNS"]), "{body}");
    let (status, u2) = door.send(&clerk, "POST", "/api/unverified-returns", Some(with_phone(unverified("MUG", 1, id, Some("u2"), Some(("georgi", "9999")))))).await;
    assert_eq!(status, StatusCode::OK, "{u2}");
    let entry: String = sql("SELECT details FROM audit_log WHERE action = 'unverified_return' ORDER BY seq DESC LIMIT 1")
        .scalar(pool.read().await.unwrap().link())
        .await
        .unwrap();
    let entry: Value = serde_json::from_str(&entry).unwrap();
    assert_eq!((entry["frequent_returner"].as_bool(), entry["customer_returns_90d"].as_u64()), (Some(true), Some(5)), "{entry}");

    // 5. A receipt return by the phone alone now counts 2 unverified + 3 receipt returns = 5: over
    //    the limit only because of the unverified ones, it goes to a manager.
    let (status, ev) = door.send(&clerk, "POST", "/api/returns/evaluate", Some(cable(4, "", json!({"contact": phone})))).await;
    assert_eq!(status, StatusCode::OK, "{ev}");
    assert_eq!(ev["approvals_required"], json!(["FREQUENT_RETURNS"]), "{ev}");
    let (status, body) = door.send(&clerk, "POST", "/api/returns", Some(cable(4, "r4", json!({"contact": phone})))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("MANAGER_REQUIRED")), "{body}");
    // Another customer (another phone, no ID) is not counted with them.
    let (status, ev) = door.send(&clerk, "POST", "/api/returns/evaluate", Some(cable(4, "", json!({"contact": "+359 888 000 999"})))).await;
    assert_eq!((status, ev["approvals_required"].clone()), (StatusCode::OK, json!([])), "{ev}");
}

#[tokio::test]
async fn unverified_and_receipt_returns_count_in_one_frequent_returner_tally_on_sqlite() {
    one_tally(fresh_sqlite().await.1).await;
}

#[tokio::test]
async fn unverified_and_receipt_returns_count_in_one_frequent_returner_tally_on_postgres() {
    one_tally(fresh_postgres().await).await;
}

async fn receipt_id(door: &Door, number: &str) -> i64 {
    door.db.find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: number.into() }).await.unwrap().unwrap().id
}

fn goodwill(line: u32, amount: &str, key: &str) -> Value {
    json!({"line": line, "amount": amount, "reason": "scratched on delivery", "idempotency_key": key})
}

async fn goodwill_then_return(db: Arc<dyn Database>) {
    let door = Door::new(db).await;
    // Line 1: 2 × 50.00; line 2: 1 × 20.00. Paid 70.00 by card and 50.00 in cash.
    door.db
        .import_receipts(&[sale(
            "S01-G-1",
            "2026-10-05T12:00:00",
            json!([line(1, "LAMP", 2, "50.00", "0.00"), line(2, "BULB", 1, "20.00", "0.00")]),
            json!([{"type": "card", "amount": "70.00"}, {"type": "cash", "amount": "50.00"}]),
        )])
        .await
        .unwrap();
    let id = receipt_id(&door, "S01-G-1").await;
    let clerk = door.sign_in("maria", "1234", "DESK-1").await;
    let boss = door.sign_in("georgi", "9999", "DESK-1").await;
    let url = format!("/api/receipts/{id}/goodwill");

    // Only a manager; bad input names its field; nothing written.
    let (status, _) = door.send(&clerk, "POST", &url, Some(goodwill(1, "30.00", "g1"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for (body, field) in [
        (goodwill(1, "0.00", "g1"), "amount"),
        (goodwill(9, "5.00", "g1"), "line"),
        (goodwill(1, "100.01", "g1"), "amount"),
        (json!({"line": 1, "amount": "5.00", "reason": "", "idempotency_key": "g1"}), "reason"),
    ] {
        let (status, answer) = door.send(&boss, "POST", &url, Some(body)).await;
        assert_eq!((status, answer["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{answer}");
    }
    let (status, answer) = door.send(&boss, "POST", &url, Some(goodwill(1, "100.01", "g1"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer["error"]["message"].as_str().unwrap().contains("what is left of line 1: 100.00"), "{answer}");
    assert_eq!(door.count("SELECT COUNT(*) FROM goodwill_refunds").await, 0);

    // 30.00 of goodwill on line 1, paid by the tender rules.
    let (status, g) = door.send(&boss, "POST", &url, Some(goodwill(1, "30.00", "g1"))).await;
    assert_eq!(status, StatusCode::OK, "{g}");
    let paid: Money = g["tenders"].as_array().unwrap().iter().map(|t| money(&t["amount"])).sum();
    assert_eq!((money(&g["amount"]), paid, g["created"].as_bool()), (Money::from_cents(3000), Money::from_cents(3000), Some(true)), "{g}");
    let (status, again) = door.send(&boss, "POST", &url, Some(goodwill(1, "30.00", "g1"))).await;
    assert_eq!((status, again["id"].clone(), again["created"].as_bool()), (StatusCode::OK, g["id"].clone(), Some(false)));
    let (status, _) = door.send(&boss, "POST", &url, Some(goodwill(1, "31.00", "g1"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the key with another amount is refused");
    assert_eq!(door.count("SELECT COUNT(*) FROM goodwill_refunds").await, 1);
    assert_eq!(door.count("SELECT COUNT(*) FROM audit_log WHERE action = 'goodwill_refund'").await, 1);
    let history = door.db.find_receipt(&ReceiptKey::Id(id)).await.unwrap().unwrap().history;
    let recorded = history.refunded_to(TenderType::Card) + history.refunded_to(TenderType::Cash);
    assert_eq!(recorded, Money::from_cents(3000), "the goodwill is recorded against the tenders");
    let gid = g["id"].as_i64().unwrap();
    let (status, pdf) = door.raw(&clerk, "GET", &format!("/api/goodwill/{gid}/slip.pdf?lang=el&layout=a4"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF"));
    // Another store's manager does not see the receipt.
    let olga = door.sign_in("olga", "5555", "DESK-9").await;
    let (status, _) = door.send(&olga, "POST", &url, Some(goodwill(1, "1.00", "o1"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // One unit back: 50.00 (20.00 of goodwill is still to come off the line).
    let ret = |qty: u32, key: &str| {
        json!({"receipt_id": id, "resolution": "refund", "idempotency_key": key,
               "lines": [{"line": 1, "qty": qty, "reason": "change_of_mind", "condition": "unopened"}]})
    };
    let (status, r1) = door.send(&clerk, "POST", "/api/returns", Some(ret(1, "r1"))).await;
    assert_eq!(status, StatusCode::OK, "{r1}");
    assert_eq!(money(&r1["decision"]["totals"]["refund"]), Money::from_cents(5000), "{r1}");
    // More goodwill than is left (100 − 30 − 50 = 20) names what is left.
    let (status, answer) = door.send(&boss, "POST", &url, Some(goodwill(1, "20.01", "g2"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer["error"]["message"].as_str().unwrap().contains("what is left of line 1: 20.00"), "{answer}");
    // The last unit pays only what is left: 100 − 30 − 50 = 20.00, and the decision says why.
    let (status, r2) = door.send(&clerk, "POST", "/api/returns", Some(ret(1, "r2"))).await;
    assert_eq!(status, StatusCode::OK, "{r2}");
    let l = &r2["decision"]["lines"][0];
    assert_eq!((money(&l["gross"]), money(&l["refund"]), money(&l["deduction"]["amount"])), (Money::from_cents(5000), Money::from_cents(2000), Money::from_cents(3000)), "{r2}");
    assert!(l["deduction"]["reason"].as_str().unwrap().contains("goodwill of 30.00"), "{r2}");
    assert_eq!(l["deduction"]["goodwill"], true, "{r2}");
    // Nothing is left of the line now.
    let (status, answer) = door.send(&boss, "POST", &url, Some(goodwill(1, "0.01", "g3"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer["error"]["message"].as_str().unwrap().contains("what is left of line 1: 0.00"), "{answer}");
    // The receipt's tenders: 50 + 20 + 30 went back, never more than each paid.
    let now = door.db.find_receipt(&ReceiptKey::Id(id)).await.unwrap().unwrap();
    let card = now.history.refunded_to(TenderType::Card);
    let cash = now.history.refunded_to(TenderType::Cash);
    assert_eq!(card + cash, Money::from_cents(10_000));
    assert!(card <= Money::from_cents(7000) && cash <= Money::from_cents(5000), "{card} {cash}");
    // Line 2 is untouched by line 1's goodwill.
    let (status, r3) = door
        .send(&clerk, "POST", "/api/returns", Some(json!({"receipt_id": id, "resolution": "refund", "idempotency_key": "r3",
            "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})))
        .await;
    assert_eq!(status, StatusCode::OK, "{r3}");
    assert_eq!(money(&r3["decision"]["totals"]["refund"]), Money::from_cents(2000));
    assert!(r3["decision"]["lines"][0].get("deduction").is_none_or(Value::is_null), "{r3}");
    let now = door.db.find_receipt(&ReceiptKey::Id(id)).await.unwrap().unwrap();
    assert_eq!(now.history.refunded_to(TenderType::Card), Money::from_cents(7000));
    assert_eq!(now.history.refunded_to(TenderType::Cash), Money::from_cents(5000));
}

#[tokio::test]
async fn goodwill_counts_against_the_line_and_a_later_return_pays_what_is_left_on_sqlite() {
    goodwill_then_return(fresh_sqlite().await.1).await;
}

#[tokio::test]
async fn goodwill_counts_against_the_line_and_a_later_return_pays_what_is_left_on_postgres() {
    goodwill_then_return(fresh_postgres().await).await;
}

/// Goodwill on a receipt paid 30.00 by card and 70.00 by store credit: the store-credit share
/// is paid back as one new voucher (as a return pays it), named in the answer; a retry by the
/// same key issues no second voucher.
async fn goodwill_on_store_credit(db: Arc<dyn Database>) {
    let door = Door::new(db).await;
    door.db
        .import_receipts(&[sale(
            "S01-G-SC",
            "2026-10-05T12:00:00",
            json!([line(1, "LAMP", 1, "100.00", "0.00")]),
            json!([{"type": "card", "amount": "30.00"}, {"type": "store_credit", "amount": "70.00"}]),
        )])
        .await
        .unwrap();
    let id = receipt_id(&door, "S01-G-SC").await;
    let boss = door.sign_in("georgi", "9999", "DESK-1").await;
    let url = format!("/api/receipts/{id}/goodwill");
    let (status, g) = door.send(&boss, "POST", &url, Some(goodwill(1, "100.00", "sc1"))).await;
    assert_eq!(status, StatusCode::OK, "{g}");
    let share = |kind: &str| g["tenders"].as_array().unwrap().iter().filter(|t| t["type"] == kind).map(|t| money(&t["amount"])).sum::<Money>();
    assert_eq!((share("card"), share("store_credit")), (Money::from_cents(3000), Money::from_cents(7000)), "{g}");
    let code = g["voucher"]["code"].as_str().unwrap_or_else(|| panic!("the goodwill names no voucher: {g}")).to_string();
    assert!(code.starts_with("SC-"), "{g}");
    assert_eq!((money(&g["voucher"]["amount"]), money(&g["voucher"]["balance"])), (Money::from_cents(7000), Money::from_cents(7000)), "{g}");
    let stored = door.db.voucher_by_code(&code).await.unwrap().expect("the voucher is stored");
    assert_eq!((stored.amount, stored.balance, stored.status), (Money::from_cents(7000), Money::from_cents(7000), returndesk::store::VoucherStatus::Active));
    assert_eq!(stored.receipt_number.as_deref(), Some("S01-G-SC"), "the voucher names the receipt it was paid back on");
    // Valid for the store's default 12 months from the goodwill's day (NOW is 2026-10-11).
    assert_eq!(stored.expires_on, Some("2027-10-11".parse().unwrap()));
    assert_eq!(door.count("SELECT COUNT(*) FROM store_credit_vouchers").await, 1);
    assert_eq!(door.count("SELECT COUNT(*) FROM audit_log WHERE action = 'goodwill_refund'").await, 1);
    let (status, again) = door.send(&boss, "POST", &url, Some(goodwill(1, "100.00", "sc1"))).await;
    assert_eq!((status, again["created"].as_bool(), again["voucher"]["code"].as_str()), (StatusCode::OK, Some(false), Some(code.as_str())), "{again}");
    assert_eq!(door.count("SELECT COUNT(*) FROM store_credit_vouchers").await, 1, "a retry issues no second voucher");
    let history = door.db.find_receipt(&ReceiptKey::Id(id)).await.unwrap().unwrap().history;
    assert_eq!(history.refunded_to(TenderType::StoreCredit), Money::from_cents(7000), "the store-credit share counts against the tender");
    let gid = g["id"].as_i64().unwrap();
    let (status, pdf) = door.raw(&boss, "GET", &format!("/api/goodwill/{gid}/slip.pdf?lang=en&layout=a4"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF"));
    // A goodwill paid only by card issues no voucher.
    door.db
        .import_receipts(&[sale("S01-G-CARD", "2026-10-05T12:00:00", json!([line(1, "LAMP", 1, "10.00", "0.00")]), json!([{"type": "card", "amount": "10.00"}]))])
        .await
        .unwrap();
    let card = receipt_id(&door, "S01-G-CARD").await;
    let (status, g2) = door.send(&boss, "POST", &format!("/api/receipts/{card}/goodwill"), Some(goodwill(1, "4.00", "c1"))).await;
    assert_eq!((status, g2["voucher"].is_null()), (StatusCode::OK, true), "{g2}");
    assert_eq!(door.count("SELECT COUNT(*) FROM store_credit_vouchers").await, 1);
}

#[tokio::test]
async fn goodwill_on_a_receipt_paid_by_store_credit_pays_that_share_as_one_voucher_on_sqlite() {
    goodwill_on_store_credit(fresh_sqlite().await.1).await;
}

#[tokio::test]
async fn goodwill_on_a_receipt_paid_by_store_credit_pays_that_share_as_one_voucher_on_postgres() {
    goodwill_on_store_credit(fresh_postgres().await).await;
}

/// Twelve managers' desks paying 20.00 of goodwill on a 100.00 line at once: five are paid,
/// the others are refused and write nothing; the line never pays back more than it paid.
async fn goodwill_race(db: Arc<dyn Database>) {
    let door = Arc::new(Door::new(db).await);
    door.db
        .import_receipts(&[sale("S01-G-2", "2026-10-05T12:00:00", json!([line(1, "SOFA", 1, "100.00", "0.00")]), json!([{"type": "card", "amount": "100.00"}]))])
        .await
        .unwrap();
    let id = receipt_id(&door, "S01-G-2").await;
    let boss = door.sign_in("georgi", "9999", "DESK-1").await;
    let mut tasks = Vec::new();
    for n in 0..12 {
        let (door, boss) = (door.clone(), boss.clone());
        tasks.push(tokio::spawn(async move {
            door.send(&boss, "POST", &format!("/api/receipts/{id}/goodwill"), Some(goodwill(1, "20.00", &format!("race-{n}")))).await
        }));
    }
    let mut accepted = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match status {
            StatusCode::OK => accepted += 1,
            StatusCode::BAD_REQUEST => assert_eq!(body["error"]["field"], "amount", "{body}"),
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(accepted, 5);
    assert_eq!(door.count("SELECT COUNT(*) FROM goodwill_refunds").await, 5);
    assert_eq!(door.count("SELECT COUNT(*) FROM goodwill_tenders").await, 5);
    assert_eq!(door.count("SELECT COUNT(*) FROM audit_log WHERE action = 'goodwill_refund'").await, 5);
    let history = door.db.find_receipt(&ReceiptKey::Id(id)).await.unwrap().unwrap().history;
    assert_eq!(history.refunded_to(TenderType::Card), Money::from_cents(10_000));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn goodwill_paid_at_once_from_twelve_desks_never_exceeds_the_line_on_sqlite() {
    goodwill_race(fresh_sqlite().await.1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn goodwill_paid_at_once_from_twelve_desks_never_exceeds_the_line_on_postgres() {
    goodwill_race(fresh_postgres().await).await;
}

// ---- The tender property with goodwill in the sequences (a sibling of tests/tender_records.rs) ----

mod property {
    use super::*;
    use common::generated_sale::{self, receipt_of, Sale};
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use returndesk::domain::pricing::paid_per_line;
    use std::collections::BTreeMap;

    /// A return of a share of what is left of a line, or goodwill of a percentage of what is left of it.
    #[derive(Clone, Debug)]
    pub enum Step {
        Return { line: usize, share: u32, resolution: &'static str, condition: &'static str },
        Goodwill { line: usize, pct: i64 },
    }

    fn sale() -> impl Strategy<Value = Sale> {
        generated_sale::sale(3, vec![TenderType::Card, TenderType::Cash, TenderType::GiftCard, TenderType::StoreCredit])
    }

    fn steps() -> impl Strategy<Value = Vec<Step>> {
        let ret = (0usize..3, 1u32..=4, prop::sample::select(vec!["refund", "store_credit", "exchange", "replace"]), prop::sample::select(vec!["unopened", "opened"]))
            .prop_map(|(line, share, resolution, condition)| Step::Return { line, share, resolution, condition });
        let goodwill = (0usize..3, 1i64..=100).prop_map(|(line, pct)| Step::Goodwill { line, pct });
        prop::collection::vec(prop_oneof![ret, goodwill], 1..=7)
    }

    /// What an answer (a return's `decision`, or goodwill) paid out as store credit must be exactly
    /// one new voucher of that amount, active, with its whole amount left (`voucher` of the answer
    /// and the store's row by its code); nothing paid as store credit, no voucher.
    async fn one_voucher_for_store_credit(door: &Door, tenders: &Value, voucher: &Value, what: &str) -> Result<(), String> {
        let store_credit: Money = tenders.as_array().unwrap().iter().filter(|t| t["type"] == "store_credit").map(|t| money(&t["amount"])).sum();
        match (store_credit.is_zero(), voucher.is_null()) {
            (true, true) => return Ok(()),
            (false, false) if money(&voucher["amount"]) == store_credit && money(&voucher["balance"]) == store_credit => {}
            _ => return Err(format!("{what}: paid {store_credit} as store credit but the voucher is {voucher}")),
        }
        let code = voucher["code"].as_str().ok_or_else(|| format!("{what}: the voucher has no code: {voucher}"))?;
        let stored = door.db.voucher_by_code(code).await.unwrap().ok_or_else(|| format!("{what}: voucher {code} is not stored"))?;
        if stored.amount != store_credit || stored.balance != store_credit || stored.status != returndesk::store::VoucherStatus::Active {
            return Err(format!("{what}: voucher {code} is stored as {stored:?}, not {store_credit} active"));
        }
        Ok(())
    }

    /// Plays one sale, its returns and goodwill; `Err` names the broken invariant.
    async fn play(door: &Door, clerk: &str, boss: &str, sale: &Sale, steps: &[Step], number: &str) -> Result<(), String> {
        let receipt = receipt_of(sale, number);
        door.db.import_receipts(std::slice::from_ref(&receipt)).await.map_err(|e| e.to_string())?;
        let stored = door.db.find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: number.into() }).await.unwrap().unwrap();
        let paid_lines = paid_per_line(&stored.sale.receipt);
        let kinds = [TenderType::Card, TenderType::Cash, TenderType::GiftCard];
        let mut paid_to: BTreeMap<String, Money> = BTreeMap::new();
        // Per line: what went back (returns' gross less deductions, and goodwill), units back.
        let mut line_back = vec![Money::ZERO; sale.lines.len()];
        let mut units_back = vec![0u32; sale.lines.len()];
        // Store credit paid out by returns (a `store_credit` resolution may pay more than the
        // receipt's store-credit tender, not recorded against it) and by goodwill (only the
        // receipt's store-credit share, all recorded against it).
        let (mut returns_store_credit, mut goodwill_store_credit) = (Money::ZERO, Money::ZERO);
        for (n, step) in steps.iter().enumerate() {
            match step {
                Step::Return { line, share, resolution, condition } => {
                    let index = line % sale.lines.len();
                    let left = sale.lines[index].0 - units_back[index];
                    if left == 0 {
                        continue;
                    }
                    let qty = (*share).min(left);
                    let draft = json!({"receipt_id": stored.id, "resolution": resolution, "idempotency_key": format!("{number}-{n}"),
                        "lines": [{"line": index + 1, "qty": qty, "reason": "change_of_mind", "condition": condition}]});
                    let (status, body) = door.send(clerk, "POST", "/api/returns", Some(draft)).await;
                    if status != StatusCode::OK || body["status"] != "completed" {
                        return Err(format!("step {n} {step:?}: {status} {body}"));
                    }
                    let l = &body["decision"]["lines"][0];
                    if l["outcome"] == "approved" && l["route"] == "refund" {
                        units_back[index] += qty;
                        let deduction = l["deduction"]["amount"].as_str().map_or(Money::ZERO, |d| Money::parse(d).unwrap());
                        line_back[index] += money(&l["gross"]) - deduction;
                    }
                    for t in body["decision"]["tenders"].as_array().unwrap() {
                        *paid_to.entry(t["type"].as_str().unwrap().to_string()).or_insert(Money::ZERO) += money(&t["amount"]);
                    }
                    one_voucher_for_store_credit(door, &body["decision"]["tenders"], &body["voucher"], &format!("step {n} {step:?}")).await?;
                    returns_store_credit += body["decision"]["tenders"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|t| t["type"] == "store_credit")
                        .map(|t| money(&t["amount"]))
                        .sum::<Money>();
                }
                Step::Goodwill { line, pct } => {
                    let index = line % sale.lines.len();
                    let left = paid_lines[index] - line_back[index];
                    let amount = Money::from_cents(left.cents() * pct / 100);
                    let url = format!("/api/receipts/{}/goodwill", stored.id);
                    if !amount.is_positive() {
                        if left.is_positive() {
                            continue;
                        }
                        // Nothing is left of the line: any goodwill is refused, naming the amount.
                        let (status, body) = door.send(boss, "POST", &url, Some(goodwill(index as u32 + 1, "0.01", &format!("{number}-{n}")))).await;
                        if status != StatusCode::BAD_REQUEST || body["error"]["field"] != "amount" {
                            return Err(format!("step {n} {step:?}: goodwill on a line with nothing left answered {status} {body}"));
                        }
                        continue;
                    }
                    let (status, body) = door.send(boss, "POST", &url, Some(goodwill(index as u32 + 1, &amount.to_string(), &format!("{number}-{n}")))).await;
                    if status != StatusCode::OK {
                        return Err(format!("step {n} {step:?}: goodwill of {amount} (left {left}): {status} {body}"));
                    }
                    line_back[index] += amount;
                    for t in body["tenders"].as_array().unwrap() {
                        *paid_to.entry(t["type"].as_str().unwrap().to_string()).or_insert(Money::ZERO) += money(&t["amount"]);
                    }
                    // The receipt's store-credit share of the goodwill is one new voucher of exactly that amount.
                    one_voucher_for_store_credit(door, &body["tenders"], &body["voucher"], &format!("step {n} {step:?}")).await?;
                    goodwill_store_credit += body["tenders"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|t| t["type"] == "store_credit")
                        .map(|t| money(&t["amount"]))
                        .sum::<Money>();
                }
            }
            let now = door.db.find_receipt(&ReceiptKey::Id(stored.id)).await.unwrap().unwrap();
            for kind in kinds {
                let code = serde_json::to_value(kind).unwrap().as_str().unwrap().to_string();
                let recorded = now.history.refunded_to(kind);
                let paid = paid_to.get(&code).copied().unwrap_or(Money::ZERO);
                if recorded != paid {
                    return Err(format!("after step {n} {step:?}: {code} was paid {paid} but {recorded} was recorded against it"));
                }
                if recorded > now.sale.receipt.paid_by(kind) {
                    return Err(format!("after step {n}: {code} got back {recorded}, more than the {} it paid", now.sale.receipt.paid_by(kind)));
                }
            }
            // Store credit: never more recorded than the receipt paid by it, at least what goodwill
            // paid back to it, at most what returns and goodwill paid out as store credit.
            let recorded = now.history.refunded_to(TenderType::StoreCredit);
            let receipt_paid = now.sale.receipt.paid_by(TenderType::StoreCredit);
            if recorded > receipt_paid || recorded < goodwill_store_credit || recorded > goodwill_store_credit + returns_store_credit {
                return Err(format!(
                    "after step {n}: store credit recorded {recorded}; goodwill paid {goodwill_store_credit} and returns {returns_store_credit} as store credit; the receipt paid {receipt_paid} by it"
                ));
            }
            for (i, back) in line_back.iter().enumerate() {
                if *back > paid_lines[i] {
                    return Err(format!("after step {n}: line {} paid back {back}, more than the {} it paid", i + 1, paid_lines[i]));
                }
                if units_back[i] == sale.lines[i].0 && *back != paid_lines[i] {
                    return Err(format!("after step {n}: line {} is all back but paid back {back}, not the {} it paid", i + 1, paid_lines[i]));
                }
            }
        }
        Ok(())
    }

    async fn property_on(db: Arc<dyn Database>, cases: u32) {
        let door = Door::new(db).await;
        let clerk = door.sign_in("maria", "1234", "DESK-1").await;
        let boss = door.sign_in("georgi", "9999", "DESK-1").await;
        let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
        let handle = tokio::runtime::Handle::current();
        let n = std::sync::atomic::AtomicU32::new(0);
        let result = runner.run(&(sale(), steps()), |(sale, steps)| {
            let number = format!("GW-{:05}", n.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
            let outcome = tokio::task::block_in_place(|| handle.block_on(play(&door, &clerk, &boss, &sale, &steps, &number)));
            prop_assert!(outcome.is_ok(), "{}", outcome.unwrap_err());
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn returns_and_goodwill_never_pay_a_tender_or_a_line_more_than_it_paid_on_sqlite() {
        property_on(fresh_sqlite().await.1, 40).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn returns_and_goodwill_never_pay_a_tender_or_a_line_more_than_it_paid_on_postgres() {
        property_on(fresh_postgres().await, 20).await;
    }
}
