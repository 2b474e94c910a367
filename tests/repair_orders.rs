//! Post-warranty paid repair orders (issue 11), through the HTTP door, on SQLite and
//! PostgreSQL: the paid path to closed, a declined estimate, an item that could not be
//! repaired, items still under warranty refused (by receipt line and by a sold serial), an item
//! whose warranty ended taken in and linked to its line, bad input refused with nothing
//! written, steps out of order, prices above the estimate, a wrong payment, 16 desks opening at
//! once (numbers 1..16, no gap), two desks handing back one order (one payment), search, another
//! store's clerk, and the documents.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::*;
use returndesk::api::DeskApi;
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, Role};
use serde_json::{json, Value};

struct Counter {
    router: axum::Router,
}

impl Counter {
    /// S01 (Sofia, BG, EUR) with the conformance receipt `S01-R1` (bought 2026-10-01; its TV,
    /// line 1, sold with serial TV55-000123), S03 (Moscow) with a clerk of its own.
    async fn new(db: Arc<dyn Database>, now: &str) -> Counter {
        set_up_stores(db.as_ref()).await;
        db.put_terminal("S01", "DESK-2").await.unwrap();
        db.put_terminal("S03", "MSK-1").await.unwrap();
        put_moscow_user(db.as_ref(), Role::Clerk, "4321").await;
        db.import_receipts(&[sofia_receipt("S01-R1")]).await.unwrap();
        Counter::at(db, now)
    }

    /// The same database served by a desk whose clock says `now` (sign in again there).
    fn at(db: Arc<dyn Database>, now: &str) -> Counter {
        let clock = DeskClock::fixed(now.parse().unwrap());
        let api = DeskApi::new(Desk::new(db.clone()), clock);
        Counter { router: api_router(api) }
    }

    async fn raw(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Vec<u8>) {
        through_router(&self.router, method, uri, token, body).await
    }

    async fn send(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = self.raw(method, uri, token, body).await;
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        // A refusal answers {"error": {code, field, message, …}}: the test reads its inside.
        match body.get("error") {
            Some(error) if !status.is_success() => (status, error.clone()),
            _ => (status, body),
        }
    }

    async fn token(&self, login: &str, pin: &str, desk: &str) -> String {
        let (status, body) = self.send("POST", "/api/session", "", Some(json!({"login": login, "pin": pin, "terminal": desk}))).await;
        assert_eq!(status, StatusCode::OK, "{login} signs in at {desk}: {body}");
        body["token"].as_str().unwrap().to_string()
    }

    async fn receipt_id(&self, token: &str, number: &str) -> i64 {
        let (status, body) = self.send("GET", &format!("/api/receipts/lookup?code={number}"), token, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["id"].as_i64().unwrap()
    }

    async fn open(&self, token: &str, order: Value) -> (StatusCode, Value) {
        self.send("POST", "/api/repairs", token, Some(order)).await
    }

    async fn opened(&self, token: &str, order: Value) -> Value {
        let (status, body) = self.open(token, order.clone()).await;
        assert_eq!(status, StatusCode::OK, "{order}: {body}");
        body
    }

    async fn step(&self, token: &str, id: i64, step: Value) -> (StatusCode, Value) {
        self.send("POST", &format!("/api/repairs/{id}/steps"), token, Some(step)).await
    }

    async fn ok_step(&self, token: &str, id: i64, step: Value) -> Value {
        let (status, body) = self.step(token, id, step.clone()).await;
        assert_eq!(status, StatusCode::OK, "{step}: {body}");
        body
    }

    async fn list(&self, token: &str, query: &str) -> Vec<Value> {
        let (status, body) = self.send("GET", &format!("/api/repairs{query}"), token, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body.as_array().unwrap().clone()
    }

    /// The audit entries of one action (a manager's view of the trail).
    async fn audit(&self, manager: &str, action: &str) -> Vec<Value> {
        let uri = format!("/api/audit?action={action}&from=2000-01-01&to=2100-01-01&limit=200");
        let (status, body) = self.send("GET", &uri, manager, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["entries"].as_array().unwrap().clone()
    }
}

/// A repair order of an item bought elsewhere (no receipt): `key` is its idempotency key.
fn walk_in(key: &str) -> Value {
    json!({"product": "Coffee grinder KX-2", "serial": "KX2-555", "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"},
           "defect": "motor hums, blade does not turn", "accessories": "lid", "item_state": "worn", "estimate": "120.00",
           "idempotency_key": key})
}

fn with(mut base: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

async fn on_both<F, Fut>(test: F)
where
    F: Fn(Arc<dyn Database>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let (_dir, sqlite) = fresh_sqlite().await;
    test(sqlite).await;
    test(fresh_postgres().await).await;
}

fn steps_of(order: &Value) -> Vec<String> {
    order["history"].as_array().unwrap().iter().map(|e| e["step"].as_str().unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_repaired_item_goes_from_estimate_to_paid_and_closed() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let boss = desk.token("georgi", "9999", "DESK-1").await;
        let order = desk.opened(&t, walk_in("r1")).await;
        assert_eq!(order["number"], "R-S01-2026-00001");
        assert_eq!(order["stage"], "received");
        assert_eq!(order["created"], true);
        assert_eq!(order["estimate"], "120.00");
        assert_eq!(order["currency"], "EUR");
        assert_eq!(order["customer"], json!({"name": "Ivan Petrov", "contact": "+359 88 123 4567"}));
        assert_eq!(order["opened_by"], json!({"login": "maria", "display_name": "Maria Ivanova"}));
        assert_eq!((order["receipt_number"].clone(), order["receipt_line"].clone()), (Value::Null, Value::Null));
        assert_eq!(order["allowed_steps"], json!(["accept_estimate", "decline_estimate"]));
        assert_eq!(steps_of(&order), ["open"]);
        let id = order["id"].as_i64().unwrap();
        // The same key answers the same order.
        let again = desk.opened(&t, walk_in("r1")).await;
        assert_eq!((again["id"].as_i64(), again["created"].as_bool()), (Some(id), Some(false)));
        assert_eq!(desk.list(&t, "").await.len(), 1);

        let accepted = desk.ok_step(&t, id, json!({"id": id, "step": "accept_estimate"})).await;
        assert_eq!(accepted["stage"], "estimate_accepted");
        assert_eq!(accepted["allowed_steps"], json!(["send_to_service"]));
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "send_to_service"})).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("service_partner")), "{body}");
        let sent = desk
            .ok_step(&t, id, json!({"id": id, "step": "send_to_service", "service_partner": "FixIt Ltd", "waybill": "WB-9", "sent_on": "2026-10-11"}))
            .await;
        assert_eq!((sent["stage"].as_str(), sent["service_partner"].as_str(), sent["waybill"].as_str()), (Some("at_service"), Some("FixIt Ltd"), Some("WB-9")));
        assert_eq!(sent["sent_on"], "2026-10-11");
        // A price above what the customer accepted needs their new acceptance.
        let (status, body) = desk
            .step(&t, id, json!({"id": id, "step": "back_from_service", "service_outcome": "repaired", "finding": "new motor", "final_price": "120.01"}))
            .await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("final_price")), "{body}");
        assert_eq!(body["message"], "the customer accepted 120.00; a higher price needs their new acceptance");
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "back_from_service", "service_outcome": "repaired"})).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("finding")), "{body}");
        let back = desk
            .ok_step(&t, id, json!({"id": id, "step": "back_from_service", "service_outcome": "repaired", "finding": "new motor", "final_price": "95.50"}))
            .await;
        assert_eq!((back["stage"].as_str(), back["final_price"].as_str()), (Some("back_from_service"), Some("95.50")));
        assert_eq!((back["service_outcome"].as_str(), back["finding"].as_str()), (Some("repaired"), Some("new motor")));
        desk.ok_step(&t, id, json!({"id": id, "step": "inform_customer", "informed_how": "phone"})).await;
        // The payment must be the price due, by a tender the store takes.
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "hand_back", "price_paid": "95.00", "tender": "cash"})).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("price_paid")), "{body}");
        assert!(body["message"].as_str().unwrap().contains("95.50"), "{body}");
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "hand_back"})).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("price_paid")), "{body}");
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "hand_back", "price_paid": "95.50"})).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("tender")), "{body}");
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "hand_back", "price_paid": "95.50", "tender": "gift_card"})).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("tender")), "{body}");
        assert_eq!(desk.audit(&boss, "repair_paid").await.len(), 0, "refused payments leave no entry");
        let handed = desk.ok_step(&t, id, json!({"id": id, "step": "hand_back", "price_paid": "95.50", "tender": "card"})).await;
        assert_eq!((handed["stage"].as_str(), handed["price_paid"].as_str(), handed["tender"].as_str()), (Some("handed_back"), Some("95.50"), Some("card")));
        let closed = desk.ok_step(&t, id, json!({"id": id, "step": "close"})).await;
        assert_eq!(closed["stage"], "closed");
        assert_eq!(closed["allowed_steps"], json!([]));
        assert_eq!(
            steps_of(&closed),
            ["open", "accept_estimate", "send_to_service", "back_from_service", "inform_customer", "hand_back", "close"]
        );
        let pay = &closed["history"][5];
        assert_eq!((pay["details"]["price_paid"].as_str(), pay["details"]["tender"].as_str()), (Some("95.50"), Some("card")));
        assert_eq!(pay["by"]["login"], "maria");
        // Every change left its audit entry: opened, five steps, one payment.
        let opened = desk.audit(&boss, "repair_opened").await;
        assert_eq!(opened.len(), 1);
        assert_eq!((opened[0]["entity"].as_str(), opened[0]["details"]["number"].as_str()), (Some("repair_order"), Some("R-S01-2026-00001")));
        assert_eq!(desk.audit(&boss, "repair_step").await.len(), 5);
        let paid = desk.audit(&boss, "repair_paid").await;
        assert_eq!(paid.len(), 1);
        assert_eq!(paid[0]["details"]["price_paid"], "95.50");
        // Nothing of this is a complaint.
        let (status, claims) = desk.send("GET", "/api/claims", &t, None).await;
        assert_eq!((status, claims.as_array().map(Vec::len)), (StatusCode::OK, Some(0)), "{claims}");
        // The amount is stored exact.
        let (status, got) = desk.send("GET", &format!("/api/repairs/{id}"), &t, None).await;
        assert_eq!((status, got["price_paid"].as_str(), got["created"].as_bool()), (StatusCode::OK, Some("95.50"), Some(false)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_declined_estimate_and_an_unrepairable_item_are_handed_back_for_nothing() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let declined = desk.opened(&t, walk_in("d1")).await;
        let id = declined["id"].as_i64().unwrap();
        let d = desk.ok_step(&t, id, json!({"id": id, "step": "decline_estimate"})).await;
        assert_eq!((d["stage"].as_str(), d["allowed_steps"].clone()), (Some("estimate_declined"), json!(["hand_back"])));
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "hand_back", "price_paid": "5.00", "tender": "cash"})).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("price_paid")), "{body}");
        let h = desk.ok_step(&t, id, json!({"id": id, "step": "hand_back", "price_paid": "0"})).await;
        assert_eq!((h["stage"].as_str(), h["price_paid"].as_str(), h["tender"].clone()), (Some("handed_back"), Some("0.00"), Value::Null));
        assert_eq!(desk.ok_step(&t, id, json!({"id": id, "step": "close"})).await["stage"], "closed");

        let broken = desk.opened(&t, walk_in("n1")).await;
        assert_eq!(broken["number"], "R-S01-2026-00002");
        let id = broken["id"].as_i64().unwrap();
        desk.ok_step(&t, id, json!({"id": id, "step": "accept_estimate"})).await;
        desk.ok_step(&t, id, json!({"id": id, "step": "send_to_service", "service_partner": "FixIt Ltd"})).await;
        let (status, body) = desk
            .step(&t, id, json!({"id": id, "step": "back_from_service", "service_outcome": "not_repairable", "finding": "no parts", "final_price": "10.00"}))
            .await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("final_price")), "{body}");
        let back = desk
            .ok_step(&t, id, json!({"id": id, "step": "back_from_service", "service_outcome": "not_repairable", "finding": "no parts"}))
            .await;
        assert_eq!((back["service_outcome"].as_str(), back["final_price"].clone()), (Some("not_repairable"), Value::Null));
        desk.ok_step(&t, id, json!({"id": id, "step": "inform_customer"})).await;
        let h = desk.ok_step(&t, id, json!({"id": id, "step": "hand_back"})).await;
        assert_eq!((h["price_paid"].as_str(), h["tender"].clone()), (Some("0.00"), Value::Null));
        let boss = desk.token("georgi", "9999", "DESK-1").await;
        assert_eq!(desk.audit(&boss, "repair_paid").await.len(), 0, "nothing was paid");
        // Handed back orders come after open ones.
        let open = desk.opened(&t, walk_in("o1")).await;
        let listed: Vec<_> = desk.list(&t, "").await.iter().map(|o| o["number"].as_str().unwrap().to_string()).collect();
        assert_eq!(listed[0], open["number"].as_str().unwrap());
        assert_eq!(listed.len(), 3);
        assert_eq!(desk.list(&t, "?stage=handed_back").await.len(), 1);
        let (status, body) = desk.send("GET", "/api/repairs?stage=settled", &t, None).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("stage")), "{body}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_item_under_warranty_is_refused_and_one_past_it_is_taken_in_and_linked() {
    on_both(|db| async move {
        let desk = Counter::new(db.clone(), "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let receipt = desk.receipt_id(&t, "S01-R1").await;
        let by_line = json!({"receipt_id": receipt, "receipt_line": 1, "customer": {"name": "Ivan Petrov", "contact": "0881234567"},
                             "defect": "no picture", "estimate": "200.00", "idempotency_key": "w1"});
        let (status, body) = desk.open(&t, by_line.clone()).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("UNDER_WARRANTY")), "{body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.starts_with("this item is under the legal guarantee until 2028-"), "{message}");
        assert!(message.ends_with(": register a warranty claim, it is free of charge"), "{message}");
        // A serial the store sold finds its line, and the same answer.
        let by_serial = with(walk_in("w2"), json!({"serial": "TV55-000123", "product": null}));
        let (status, body) = desk.open(&t, by_serial.clone()).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("UNDER_WARRANTY")), "{body}");
        // An unknown line or receipt names the field.
        let (status, body) = desk.open(&t, with(by_line.clone(), json!({"receipt_line": 9}))).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("receipt_line")), "{body}");
        let (status, body) = desk.open(&t, with(by_line.clone(), json!({"receipt_id": receipt + 1000}))).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("receipt_line")), "{body}");
        assert!(desk.list(&t, "").await.is_empty(), "nothing was written");

        // Three years on, every warranty has ended: taken in, linked to the line it was sold on.
        let later = Counter::at(db, "2029-11-20T10:00:00");
        let t = later.token("maria", "1234", "DESK-1").await;
        let order = later.opened(&t, by_serial).await;
        assert_eq!(order["number"], "R-S01-2029-00001", "numbered in the year opened, from 1");
        assert_eq!((order["receipt_number"].as_str(), order["receipt_line"].as_u64()), (Some("S01-R1"), Some(1)));
        assert_eq!((order["product"].as_str(), order["serial"].as_str()), (Some("Television 55in"), Some("TV55-000123")));
        assert_eq!(order["history"][0]["details"]["warranty"]["receipt_line"], 1);
        let order = later.opened(&t, by_line).await;
        assert_eq!((order["number"].as_str(), order["receipt_line"].as_u64()), (Some("R-S01-2029-00002"), Some(1)));
        assert_eq!(order["product"], "Television 55in");
        // A serial the store never sold is a walk-in item.
        let walk = later.opened(&t, with(walk_in("w3"), json!({"serial": "NOT-SOLD-1"}))).await;
        assert_eq!((walk["receipt_number"].clone(), walk["product"].as_str()), (Value::Null, Some("Coffee grinder KX-2")));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bad_input_names_its_field_and_writes_nothing() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let boss = desk.token("georgi", "9999", "DESK-1").await;
        for (change, field) in [
            (json!({"customer": {"name": " ", "contact": "0881234567"}}), "customer.name"),
            (json!({"customer": {"name": "Ivan Petrov", "contact": ""}}), "customer.contact"),
            (json!({"product": "  "}), "product"),
            (json!({"defect": ""}), "defect"),
            (json!({"estimate": "0"}), "estimate"),
            (json!({"estimate": "12.345"}), "estimate"),
            (json!({"estimate": "-5"}), "estimate"),
            (json!({"estimate": "abc"}), "estimate"),
            (json!({"idempotency_key": " "}), "idempotency_key"),
            (json!({"receipt_line": 1}), "receipt_line"),
        ] {
            let (status, body) = desk.open(&t, with(walk_in("bad"), change.clone())).await;
            assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{change}: {body}");
        }
        assert!(desk.list(&t, "").await.is_empty());
        assert!(desk.audit(&boss, "repair_opened").await.is_empty());
        // No number was used up.
        assert_eq!(desk.opened(&t, walk_in("good")).await["number"], "R-S01-2026-00001");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_step_out_of_order_is_refused_naming_the_stage_and_the_steps_allowed() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let id = desk.opened(&t, walk_in("s1")).await["id"].as_i64().unwrap();
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "hand_back", "price_paid": "120.00", "tender": "cash"})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("STEP_OUT_OF_ORDER")), "{body}");
        assert_eq!(body["stage"], "received");
        assert_eq!(body["allowed_steps"], json!(["accept_estimate", "decline_estimate"]));
        assert_eq!(body["message"], "the repair order is received: hand_back is not a next step (allowed: accept_estimate, decline_estimate)");
        desk.ok_step(&t, id, json!({"id": id, "step": "accept_estimate"})).await;
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "hand_back", "price_paid": "120.00", "tender": "cash"})).await;
        assert_eq!((status, body["stage"].as_str()), (StatusCode::CONFLICT, Some("estimate_accepted")), "{body}");
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "fly_away"})).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("step")), "{body}");
        let (_, got) = desk.send("GET", &format!("/api/repairs/{id}"), &t, None).await;
        assert_eq!((got["stage"].as_str(), steps_of(&got).len()), (Some("estimate_accepted"), 2));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn sixteen_desks_opening_at_once_get_numbers_one_to_sixteen() {
    on_both(|db| async move {
        let desk = Arc::new(Counter::new(db, "2026-10-11T10:00:00").await);
        let t = desk.token("maria", "1234", "DESK-1").await;
        let mut tasks = Vec::new();
        for n in 0..16 {
            let (desk, t) = (desk.clone(), t.clone());
            tasks.push(tokio::spawn(async move { desk.open(&t, walk_in(&format!("c{n}"))).await }));
        }
        let mut numbers = Vec::new();
        for task in tasks {
            let (status, body) = task.await.unwrap();
            assert_eq!(status, StatusCode::OK, "{body}");
            numbers.push(body["number"].as_str().unwrap().to_string());
        }
        numbers.sort();
        let expected: Vec<String> = (1..=16).map(|n| format!("R-S01-2026-{n:05}")).collect();
        assert_eq!(numbers, expected);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn two_desks_handing_back_one_order_take_one_payment() {
    on_both(|db| async move {
        let desk = Arc::new(Counter::new(db, "2026-10-11T10:00:00").await);
        let t1 = desk.token("maria", "1234", "DESK-1").await;
        let t2 = desk.token("georgi", "9999", "DESK-2").await;
        let id = desk.opened(&t1, walk_in("two")).await["id"].as_i64().unwrap();
        desk.ok_step(&t1, id, json!({"id": id, "step": "accept_estimate"})).await;
        desk.ok_step(&t1, id, json!({"id": id, "step": "send_to_service", "service_partner": "FixIt Ltd"})).await;
        desk.ok_step(&t1, id, json!({"id": id, "step": "back_from_service", "service_outcome": "repaired", "finding": "cleaned"})).await;
        desk.ok_step(&t1, id, json!({"id": id, "step": "inform_customer"})).await;
        let pay = json!({"id": id, "step": "hand_back", "price_paid": "120.00", "tender": "cash"});
        let (a, b) = tokio::join!(desk.step(&t1, id, pay.clone()), desk.step(&t2, id, pay.clone()));
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{} / {}", a.1, b.1);
        let loser = if a.0 == StatusCode::OK { &b.1 } else { &a.1 };
        assert_eq!((loser["code"].as_str(), loser["stage"].as_str()), (Some("STEP_OUT_OF_ORDER"), Some("handed_back")), "{loser}");
        let (_, got) = desk.send("GET", &format!("/api/repairs/{id}"), &t1, None).await;
        assert_eq!(steps_of(&got).iter().filter(|s| *s == "hand_back").count(), 1);
        assert_eq!(got["price_paid"], "120.00");
        assert_eq!(desk.audit(&t2, "repair_paid").await.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn orders_are_found_by_number_phone_or_serial_and_only_in_their_store() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let first = desk.opened(&t, walk_in("q1")).await;
        let second = desk
            .opened(&t, with(walk_in("q2"), json!({"serial": "ZZ-9", "customer": {"name": "Anna Koleva", "contact": "Anna@Example.com"}})))
            .await;
        let numbers = |found: Vec<Value>| found.iter().map(|o| o["number"].as_str().unwrap().to_string()).collect::<Vec<_>>();
        assert_eq!(numbers(desk.list(&t, "?q=R-S01-2026-00001").await), [first["number"].as_str().unwrap()]);
        // 0881… finds +359 88 1…
        assert_eq!(numbers(desk.list(&t, "?q=0881234567").await), [first["number"].as_str().unwrap()]);
        assert_eq!(numbers(desk.list(&t, "?q=anna%40example.com").await), [second["number"].as_str().unwrap()]);
        assert_eq!(numbers(desk.list(&t, "?q=zz-9").await), [second["number"].as_str().unwrap()]);
        assert!(desk.list(&t, "?q=0899999999").await.is_empty());
        assert_eq!(desk.list(&t, "").await.len(), 2);
        // Another store's clerk neither sees nor moves them.
        let olga = desk.token("olga", "4321", "MSK-1").await;
        assert!(desk.list(&olga, "").await.is_empty());
        let id = first["id"].as_i64().unwrap();
        let (status, _) = desk.send("GET", &format!("/api/repairs/{id}"), &olga, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = desk.step(&olga, id, json!({"id": id, "step": "accept_estimate"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = desk.raw("GET", &format!("/api/repairs/{id}/document.pdf?kind=order"), &olga, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Their own store numbers from 1.
        let theirs = desk.opened(&olga, walk_in("m1")).await;
        assert_eq!((theirs["number"].as_str(), theirs["currency"].as_str()), (Some("R-S03-2026-00001"), Some("RUB")));
        // Without a session: nothing.
        let (status, _) = desk.send("GET", "/api/repairs", "", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    })
    .await;
}


#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_order_and_the_pickup_receipt_print_in_english_and_bulgarian() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let id = desk.opened(&t, walk_in("doc1")).await["id"].as_i64().unwrap();
        let doc = |kind: &str, lang: &str, layout: &str| format!("/api/repairs/{id}/document.pdf?kind={kind}&lang={lang}&layout={layout}");
        for layout in ["a4", "80mm"] {
            let (status, pdf) = desk.raw("GET", &doc("order", "en", layout), &t, None).await;
            assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&pdf));
            let text = pdf_text(&pdf);
            for expected in [
                "PAID REPAIR ORDER",
                "R-S01-2026-00001",
                "Ivan Petrov",
                "+359 88 123 4567",
                "Coffee grinder KX-2",
                "KX2-555",
                "motor hums, blade does not turn",
                "€120.00",
                "I accept the estimate of €120.00",
                "outside every warranty",
            ] {
                assert!(text.contains(expected), "{layout} order (en) lacks {expected:?}: {text}");
            }
        }
        let (status, pdf) = desk.raw("GET", &doc("order", "bg", "a4"), &t, None).await;
        assert_eq!(status, StatusCode::OK);
        let text = pdf_text(&pdf);
        for expected in ["ПОРЪЧКА ЗА ПЛАТЕН РЕМОНТ", "R-S01-2026-00001", "Ivan Petrov", "120,00 €", "Приемам предварителната цена от 120,00 €", "извън всяка гаранция"] {
            assert!(text.contains(expected), "order (bg) lacks {expected:?}: {text}");
        }
        // No pick-up receipt before the item is handed back.
        let (status, body) = desk.send("GET", &doc("pickup", "en", "a4"), &t, None).await;
        assert_eq!((status, body["code"].as_str(), body["stage"].as_str()), (StatusCode::CONFLICT, Some("REPAIR_NOT_HANDED_BACK"), Some("received")), "{body}");
        assert_eq!(body["order"], "R-S01-2026-00001", "{body}");
        let (status, body) = desk.send("GET", &format!("/api/repairs/{id}/document.pdf?kind=invoice"), &t, None).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("kind")), "{body}");
        let (status, body) = desk.send("GET", &doc("order", "de", "a4"), &t, None).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("lang")), "{body}");

        desk.ok_step(&t, id, json!({"id": id, "step": "accept_estimate"})).await;
        desk.ok_step(&t, id, json!({"id": id, "step": "send_to_service", "service_partner": "FixIt Ltd"})).await;
        desk.ok_step(&t, id, json!({"id": id, "step": "back_from_service", "service_outcome": "repaired", "finding": "new motor fitted", "final_price": "99.90"})).await;
        desk.ok_step(&t, id, json!({"id": id, "step": "inform_customer"})).await;
        desk.ok_step(&t, id, json!({"id": id, "step": "hand_back", "price_paid": "99.90", "tender": "cash"})).await;
        for layout in ["a4", "80mm"] {
            let (status, pdf) = desk.raw("GET", &doc("pickup", "en", layout), &t, None).await;
            assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&pdf));
            let text = pdf_text(&pdf);
            for expected in ["REPAIR PICK-UP RECEIPT", "R-S01-2026-00001", "Ivan Petrov", "new motor fitted", "Price paid €99.90", "Cash", "Repaired", "FixIt Ltd"] {
                assert!(text.contains(expected), "{layout} pickup (en) lacks {expected:?}: {text}");
            }
        }
        let (status, pdf) = desk.raw("GET", &doc("pickup", "bg", "a4"), &t, None).await;
        assert_eq!(status, StatusCode::OK);
        let text = pdf_text(&pdf);
        for expected in ["ПРОТОКОЛ ЗА ПОЛУЧАВАНЕ ОТ РЕМОНТ", "R-S01-2026-00001", "Ivan Petrov", "Платена сума 99,90 €", "В брой", "Ремонтирана"] {
            assert!(text.contains(expected), "pickup (bg) lacks {expected:?}: {text}");
        }
        // The store's language when none is asked (S01 prints in English unless set otherwise).
        let (status, pdf) = desk.raw("GET", &format!("/api/repairs/{id}/document.pdf?kind=pickup"), &t, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(pdf_text(&pdf).contains("R-S01-2026-00001"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_command_line_lists_a_stores_orders_and_finds_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("desk.db").to_str().unwrap().to_string();
    let sqlite = returndesk::store::open(&file).await.unwrap();
    let (url, postgres) = fresh_postgres_at().await;
    for (location, db) in [(file, sqlite), (url, postgres)] {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        desk.opened(&t, walk_in("cli1")).await;
        let second = desk.opened(&t, with(walk_in("cli2"), json!({"serial": "ZZ-9", "customer": {"name": "Anna Koleva", "contact": "anna@example.com"}}))).await;
        let id = second["id"].as_i64().unwrap();
        desk.ok_step(&t, id, json!({"id": id, "step": "decline_estimate"})).await;
        let run = |args: &[&str]| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_returndesk"))
                .args(["repairs", "list"])
                .args(args)
                .args(["--db", &location])
                .output()
                .unwrap();
            (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
        };
        let (code, out, _) = run(&["--store", "S01"]);
        assert_eq!(code, Some(0));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(lines[0].starts_with("R-S01-2026-00002\testimate_declined\t") && lines[0].contains("Anna Koleva"), "{out}");
        assert!(lines[1].starts_with("R-S01-2026-00001\treceived\t") && lines[1].contains("estimate 120.00 EUR"), "{out}");
        let (code, out, _) = run(&["--store", "S01", "--q", "0881234567"]);
        assert_eq!((code, out.lines().count()), (Some(0), 1), "{out}");
        assert!(out.starts_with("R-S01-2026-00001\t"), "{out}");
        let (code, out, _) = run(&["--store", "S03"]);
        assert_eq!((code, out.as_str()), (Some(0), ""));
        let (code, _, err) = run(&["--store", "S99"]);
        assert_eq!(code, Some(2));
        assert!(err.contains("--store"), "{err}");
        let (code, _, err) = run(&["--store", "S01", "--stage", "lost"]);
        assert_eq!(code, Some(2));
        assert!(err.contains("--stage"), "{err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_warranty_an_earlier_repair_extended_still_refuses_a_paid_repair() {
    on_both(|db| async move {
        let desk = Counter::new(db.clone(), "2026-10-11T10:00:00").await;
        db.import_receipts(&[sofia_receipt("S01-R2")]).await.unwrap();
        let t = desk.token("maria", "1234", "DESK-1").await;
        let (repaired, untouched) = (desk.receipt_id(&t, "S01-R1").await, desk.receipt_id(&t, "S01-R2").await);
        // A warranty claim on the TV of S01-R1 (36 months of commercial warranty, to
        // 2029-10-01): 30 days at the service move it, in BG, to 2029-10-31.
        let draft = json!({"receipt_id": repaired, "resolution": "repair", "idempotency_key": "claim-1",
            "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no picture", "serial": "TV55-000123", "remedy_asked": "repair"}],
            "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"}});
        let (status, body) = desk.send("POST", "/api/returns", &t, Some(draft)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let claim = body["claims"][0]["id"].as_i64().unwrap();
        let sent = json!({"id": claim, "step": "send_to_service", "service_partner": "TechService Ltd"});
        let (status, body) = desk.send("POST", &format!("/api/claims/{claim}/steps"), &t, Some(sent)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let month_later = Counter::at(db.clone(), "2026-11-10T10:00:00");
        let t = month_later.token("maria", "1234", "DESK-1").await;
        let back = json!({"id": claim, "step": "back_from_service", "service_outcome": "repaired", "finding": "new board"});
        let (status, body) = month_later.send("POST", &format!("/api/claims/{claim}/steps"), &t, Some(back)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["warranty"]["commercial_until_extended"], "2029-10-31", "{body}");
        // After the item's own warranties: the untouched TV is outside every warranty, the
        // repaired one is still under its moved commercial warranty.
        let later = Counter::at(db, "2029-10-15T10:00:00");
        let t = later.token("maria", "1234", "DESK-1").await;
        let order = |receipt: i64, key: &str| {
            json!({"receipt_id": receipt, "receipt_line": 1, "customer": {"name": "Ivan Petrov", "contact": "0881234567"},
                   "defect": "no sound", "estimate": "80.00", "idempotency_key": key})
        };
        let (status, body) = later.open(&t, order(repaired, "x1")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("UNDER_WARRANTY")), "{body}");
        assert_eq!(
            body["message"],
            "this item is under the commercial warranty until 2029-10-31: register a warranty claim, it is free of charge"
        );
        let taken = later.opened(&t, order(untouched, "x2")).await;
        assert_eq!((taken["number"].as_str(), taken["receipt_number"].as_str()), (Some("R-S01-2029-00001"), Some("S01-R2")));
    })
    .await;
}
