//! Warranty claims from intake to settlement (issue 11), through the HTTP door, on SQLite and
//! PostgreSQL: every jurisdiction's path to closed, the rejected path, overdue claims settled
//! by refund and by price reduction, deadlines at month ends, the warranty clocks a repair
//! moves, the Bulgarian third claim, bad input refused with nothing written, 16 desks
//! registering at once (numbers 1..16, no gap) and two desks advancing one claim (one wins).

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use returndesk::api::DeskApi;
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, NewUser, Role, SaleReceipt};
use serde_json::{json, Value};
use tower::ServiceExt;

struct Counter {
    router: axum::Router,
    #[allow(dead_code)]
    clock: DeskClock,
    db: Arc<dyn Database>,
}

/// The stores of the test and the desk each is served at.
const DESKS: [(&str, &str); 4] = [("S01", "DESK-1"), ("S03", "MSK-1"), ("S04", "ATH-1"), ("S05", "EU-1")];

fn receipt_at(store: &str, number: &str) -> SaleReceipt {
    let mut r = if store == "S03" { moscow_receipt(number) } else { sofia_receipt(number) };
    r.store = store.into();
    r.barcode = Some(format!("BC{number}"));
    if store == "S03" {
        r.fiscal = None;
    }
    r
}

impl Counter {
    async fn new(db: Arc<dyn Database>, now: &str) -> Counter {
        set_up_stores(db.as_ref()).await;
        for (code, j) in [("S04", returndesk::domain::Jurisdiction::GR), ("S05", returndesk::domain::Jurisdiction::EU)] {
            let mut s = db.store("S01").await.unwrap().unwrap();
            s.code = code.into();
            s.name = format!("Return Desk {code}");
            s.jurisdiction = j;
            s.claim_target_days = returndesk::domain::ClaimTarget::days(15);
            db.put_store(&s).await.unwrap();
        }
        for (store, desk) in DESKS.iter().skip(1) {
            db.put_terminal(store, desk).await.unwrap();
        }
        db.put_terminal("S01", "DESK-2").await.unwrap();
        db.put_user(&NewUser {
            store_code: None,
            login: "boss".into(),
            display_name: "Elena Boss".into(),
            role: Role::Manager,
            pin_hash: returndesk::demo::hash_pin("5555").unwrap(),
            refund_limit: None,
            approval_limit: None,
        })
        .await
        .unwrap();
        let receipts: Vec<SaleReceipt> = DESKS.iter().map(|(s, _)| receipt_at(s, &format!("{s}-R1"))).collect();
        db.import_receipts(&receipts).await.unwrap();
        let clock = DeskClock::fixed(now.parse().unwrap());
        let api = DeskApi::new(Desk::new(db.clone()), clock.clone());
        Counter { router: api_router(api), clock, db }
    }

    /// The same database served by a desk whose clock says `now` (sign in again there).
    fn later(&self, now: &str) -> Counter {
        let clock = DeskClock::fixed(now.parse().unwrap());
        let api = DeskApi::new(Desk::new(self.db.clone()), clock.clone());
        Counter { router: api_router(api), clock, db: self.db.clone() }
    }

    async fn send(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = through_router(&self.router, method, uri, token, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn token(&self, login: &str, pin: &str, desk: &str) -> String {
        let req = Request::builder().method("POST").uri("/api/session").header("content-type", "application/json");
        let body = json!({"login": login, "pin": pin, "terminal": desk}).to_string();
        let res = self.router.clone().oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(status, StatusCode::OK, "{login} signs in at {desk}: {body}");
        body["token"].as_str().unwrap().to_string()
    }

    async fn receipt_id(&self, token: &str, number: &str) -> i64 {
        let (status, body) = self.send("GET", &format!("/api/receipts/lookup?code={number}"), token, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["id"].as_i64().unwrap()
    }

    /// Files a claim on line 1 (the TV, or the RU blender): its confirmation's answer.
    async fn file(&self, token: &str, receipt: i64, key: &str, resolution: &str, remedy: &str, extra: Value) -> (StatusCode, Value) {
        let mut draft = json!({"receipt_id": receipt, "resolution": resolution, "idempotency_key": key,
            "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no picture", "serial": "TV55-000123",
                       "accessories": "remote, box", "item_state": "scratch on the left side", "remedy_asked": remedy}],
            "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"}});
        if let (Some(d), Some(e)) = (draft.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                if k == "line" {
                    for (lk, lv) in v.as_object().unwrap() {
                        d["lines"][0][lk] = lv.clone();
                    }
                } else {
                    d.insert(k.clone(), v.clone());
                }
            }
        }
        self.send("POST", "/api/returns", token, Some(draft)).await
    }

    async fn claim(&self, token: &str, receipt: i64, key: &str) -> Value {
        let (status, body) = self.file(token, receipt, key, "repair", "repair", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["claims"].as_array().map(Vec::len), Some(1), "{body}");
        body["claims"][0].clone()
    }

    async fn step(&self, token: &str, id: i64, step: Value) -> (StatusCode, Value) {
        self.send("POST", &format!("/api/claims/{id}/steps"), token, Some(step)).await
    }

    async fn ok_step(&self, token: &str, id: i64, step: Value) -> Value {
        let (status, body) = self.step(token, id, step.clone()).await;
        assert_eq!(status, StatusCode::OK, "{step}: {body}");
        body
    }

    async fn detail(&self, token: &str, id: i64) -> Value {
        let (status, body) = self.send("GET", &format!("/api/claims/{id}"), token, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_claim_goes_from_intake_to_closed_in_every_jurisdiction() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        for (store, terminal) in DESKS {
            let t = desk.token("boss", "5555", terminal).await;
            let receipt = desk.receipt_id(&t, &format!("{store}-R1")).await;
            let claim = desk.claim(&t, receipt, &format!("{store}-c1")).await;
            assert_eq!(claim["register_no"], format!("{store}-2026-00001"), "{store}");
            // The history lists the return that registered it as a claim, with its number.
            let (_, returns) = desk.send("GET", "/api/returns", &t, None).await;
            let row = &returns[0];
            assert_eq!((&row["claims"], &row["first_claim"]), (&json!(1), &json!(format!("{store}-2026-00001"))), "{store}: {returns}");
            assert_eq!(claim["stage"], "registered");
            assert_eq!(claim["remedy_asked"], "repair");
            assert_eq!(claim["kind"], "warranty");
            assert_eq!(claim["allowed_steps"], json!(["send_to_service", "settle", "reject"]));
            let id = claim["id"].as_i64().unwrap();
            let detail = desk.detail(&t, id).await;
            let (period, basis, due) = match store {
                "S01" => ("1 month", "statutory", "2026-11-11"),
                "S03" => ("45 days", "statutory", "2026-11-25"),
                _ => ("15 days", "store_target", "2026-10-26"),
            };
            assert_eq!(detail["deadline"], json!({"due_by": due, "basis": basis, "period": period}), "{store}");
            assert_eq!(detail["claim"]["days_left"], (chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").unwrap() - d("2026-10-11")).num_days());
            assert_eq!(detail["customer"], json!({"name": "Ivan Petrov", "contact": "+359 88 123 4567"}));
            assert_eq!((detail["accessories"].as_str(), detail["item_state"].as_str()), (Some("remote, box"), Some("scratch on the left side")));
            assert_eq!(detail["history"][0]["step"], "register");
            let sent = desk
                .ok_step(&t, id, json!({"id": id, "step": "send_to_service", "service_partner": "TechService Ltd", "waybill": "WB-77"}))
                .await;
            assert_eq!(sent["claim"]["stage"], "at_service");
            assert_eq!(sent["claim"]["status"], "in_repair");
            let back = desk
                .ok_step(&t, id, json!({"id": id, "step": "back_from_service", "service_outcome": "repaired", "finding": "new T-con board"}))
                .await;
            assert_eq!(back["claim"]["stage"], "back_from_service");
            desk.ok_step(&t, id, json!({"id": id, "step": "inform_customer", "informed_how": "phone"})).await;
            let handed = desk.ok_step(&t, id, json!({"id": id, "step": "hand_back"})).await;
            assert_eq!(handed["claim"]["stage"], "handed_back");
            assert_eq!(handed["claim"]["overdue"], false);
            let closed = desk.ok_step(&t, id, json!({"id": id, "step": "close"})).await;
            assert_eq!(closed["claim"]["stage"], "closed");
            assert_eq!(closed["claim"]["allowed_steps"], json!([]));
            let steps: Vec<&str> = closed["history"].as_array().unwrap().iter().map(|e| e["step"].as_str().unwrap()).collect();
            assert_eq!(steps, ["register", "send_to_service", "back_from_service", "inform_customer", "hand_back", "close"]);
            assert_eq!(closed["history"][1]["details"]["service_partner"], "TechService Ltd");
            assert_eq!(closed["history"][1]["by"]["login"], "boss");
            // The register row of the year carries the outcome and when it closed.
            let entries = desk.db.register_entries(store, 2026).await.unwrap();
            assert_eq!(entries.len(), 1);
            assert_eq!(entries[0].number, format!("{store}-2026-00001"));
            assert_eq!(entries[0].outcome.as_deref(), Some("repaired: new T-con board"));
            assert_eq!(entries[0].remedy_given.as_deref(), Some("repair"));
            assert!(entries[0].closed_at.is_some());
            assert_eq!(entries[0].remedy_asked.as_deref(), Some("repair"));
            // Every step left its audit entry.
            let (_, audit) = desk.send("GET", "/api/audit?action=claim_step", &t, None).await;
            let entries = audit["entries"].as_array().map(Vec::len).unwrap_or(0);
            assert_eq!(entries, 5, "{store}: {audit}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_rejected_claim_is_told_handed_back_and_closed() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let receipt = desk.receipt_id(&t, "S01-R1").await;
        let id = desk.claim(&t, receipt, "r1").await["id"].as_i64().unwrap();
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "reject"})).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("reasons")), "{body}");
        assert_eq!(desk.detail(&t, id).await["history"].as_array().unwrap().len(), 1, "a refused step writes nothing");
        let rejected = desk.ok_step(&t, id, json!({"id": id, "step": "reject", "reasons": "water damage, not a defect"})).await;
        assert_eq!(rejected["claim"]["stage"], "rejected");
        assert_eq!(rejected["claim"]["allowed_steps"], json!(["inform_customer"]));
        desk.ok_step(&t, id, json!({"id": id, "step": "inform_customer", "informed_how": "sms"})).await;
        desk.ok_step(&t, id, json!({"id": id, "step": "hand_back"})).await;
        let closed = desk.ok_step(&t, id, json!({"id": id, "step": "close"})).await;
        assert_eq!(closed["claim"]["stage"], "closed");
        let entries = desk.db.register_entries("S01", 2026).await.unwrap();
        assert_eq!(entries[0].outcome.as_deref(), Some("rejected: water damage, not a defect"));
        // A service that refuses brings the claim back rejected.
        let id2 = desk.claim(&t, receipt, "r2").await["id"].as_i64().unwrap();
        desk.ok_step(&t, id2, json!({"id": id2, "step": "send_to_service", "service_partner": "TechService"})).await;
        let back = desk
            .ok_step(&t, id2, json!({"id": id2, "step": "back_from_service", "service_outcome": "rejected", "finding": "liquid inside"}))
            .await;
        assert_eq!(back["claim"]["stage"], "rejected");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_overdue_claim_is_settled_by_refund_or_by_price_reduction() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        desk.db.import_receipts(&[receipt_at("S01", "S01-R2")]).await.unwrap();
        let clerk = desk.token("maria", "1234", "DESK-1").await;
        let manager = desk.token("georgi", "9999", "DESK-2").await;
        let r1 = desk.receipt_id(&clerk, "S01-R1").await;
        let r2 = desk.receipt_id(&clerk, "S01-R2").await;
        let refund_id = desk.claim(&clerk, r1, "o1").await["id"].as_i64().unwrap();
        let reduce_id = desk.claim(&clerk, r2, "o2").await["id"].as_i64().unwrap();
        desk.ok_step(&clerk, refund_id, json!({"id": refund_id, "step": "send_to_service", "service_partner": "TechService"})).await;
        // At the service, not overdue yet: no settlement.
        let (status, body) = desk
            .send("POST", &format!("/api/claims/{refund_id}/settlement"), &manager, Some(json!({"id": refund_id, "remedy": "refund", "idempotency_key": "s1"})))
            .await;
        assert_eq!((status, body["error"]["stage"].as_str()), (StatusCode::CONFLICT, Some("at_service")), "{body}");
        let desk = desk.later("2026-11-20T10:00:00");
        let clerk = desk.token("maria", "1234", "DESK-1").await;
        let manager = desk.token("georgi", "9999", "DESK-2").await;
        let (_, overdue) = desk.send("GET", "/api/claims?overdue_only=true", &clerk, None).await;
        let (_, all) = desk.send("GET", "/api/claims", &clerk, None).await;
        assert_eq!(overdue.as_array().unwrap().len(), 2, "{overdue} {all}");
        let at_service = overdue.as_array().unwrap().iter().find(|c| c["id"] == refund_id).unwrap().clone();
        assert_eq!(at_service["overdue_remedies"], json!(["refund", "price_reduction"]));
        assert_eq!(at_service["days_left"], -9);
        assert_eq!(at_service["allowed_steps"], json!(["back_from_service", "settle"]));
        // A clerk may not settle, whatever the door.
        let ask = json!({"id": refund_id, "remedy": "refund", "idempotency_key": "s1"});
        let (status, _) = desk.send("POST", &format!("/api/claims/{refund_id}/settlement"), &clerk, Some(ask.clone())).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // A refund above what the line paid: refused, nothing written.
        let mut above = ask.clone();
        above["amount"] = json!("5000.00");
        let (status, body) = desk.send("POST", &format!("/api/claims/{refund_id}/settlement"), &manager, Some(above)).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("amount")), "{body}");
        assert!(desk.detail(&clerk, refund_id).await["settlement"].is_null());
        let (status, settled) = desk.send("POST", &format!("/api/claims/{refund_id}/settlement"), &manager, Some(ask.clone())).await;
        assert_eq!(status, StatusCode::OK, "{settled}");
        assert_eq!(settled["claim"]["stage"], "settled");
        let paid = settled["settlement"]["amount"].as_str().unwrap().to_string();
        let tenders: Vec<String> = settled["settlement"]["tenders"].as_array().unwrap().iter().map(|t| t["amount"].as_str().unwrap().to_string()).collect();
        assert!(paid.parse::<f64>().unwrap() > 800.0 && paid.parse::<f64>().unwrap() <= 899.0, "the TV's paid amount: {paid}");
        assert_eq!(settled["settlement"]["tenders"][0]["type"], "card");
        assert_eq!(tenders.len(), 1, "{settled}");
        assert_eq!(tenders[0], paid);
        // The same key answers the same settlement; another key is 409; nothing paid twice.
        let (status, again) = desk.send("POST", &format!("/api/claims/{refund_id}/settlement"), &manager, Some(ask.clone())).await;
        assert_eq!((status, again["settlement"]["amount"].as_str()), (StatusCode::OK, Some(paid.as_str())));
        let mut twice = ask.clone();
        twice["idempotency_key"] = json!("s2");
        let (status, body) = desk.send("POST", &format!("/api/claims/{refund_id}/settlement"), &manager, Some(twice)).await;
        assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("CLAIM_SETTLED")), "{body}");
        assert!(body["error"]["claim"].as_str().is_some_and(|c| c.starts_with("S01-")), "the claim's register number: {body}");
        let (_, audit) = desk.send("GET", "/api/audit?action=claim_settled", &manager, None).await;
        assert_eq!(audit["entries"].as_array().map(Vec::len), Some(1), "{audit}");
        // A price reduction: its amount is required, above 0 and at most what the line paid.
        let url = format!("/api/claims/{reduce_id}/settlement");
        let (status, body) = desk.send("POST", &url, &manager, Some(json!({"id": reduce_id, "remedy": "price_reduction", "idempotency_key": "p1"}))).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("amount")));
        let (status, body) = desk
            .send("POST", &url, &manager, Some(json!({"id": reduce_id, "remedy": "price_reduction", "amount": "900.00", "idempotency_key": "p1"})))
            .await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("amount")));
        let (status, reduced) = desk
            .send("POST", &url, &manager, Some(json!({"id": reduce_id, "remedy": "price_reduction", "amount": "150.00", "idempotency_key": "p1"})))
            .await;
        assert_eq!(status, StatusCode::OK, "{reduced}");
        assert_eq!(reduced["settlement"]["amount"], "150.00");
        assert_eq!(reduced["settlement"]["remedy"], "price_reduction");
        let closed = desk.ok_step(&clerk, reduce_id, json!({"id": reduce_id, "step": "close"})).await;
        assert_eq!(closed["claim"]["stage"], "closed");
        let entries = desk.db.register_entries("S01", 2026).await.unwrap();
        assert_eq!(entries[1].outcome.as_deref(), Some("settled: price_reduction"));
        assert_eq!(entries[1].remedy_given.as_deref(), Some("price_reduction 150.00 EUR"));

        // Never paid twice. The refunded TV's unit went back with its settlement: none is left
        // to return, whatever a manager would override.
        let tv = json!({"receipt_id": r1, "resolution": "refund", "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "used"}]});
        let (status, verdict) = desk.send("POST", "/api/returns/evaluate", &clerk, Some(tv)).await;
        assert_eq!(status, StatusCode::OK, "{verdict}");
        assert_eq!(verdict["lines"][0]["reasons"][0]["code"], "QTY_EXCEEDS_REMAINING", "{verdict}");
        // The price-reduced TV: a manager overriding its late return would pay its full price
        // again — refused, nothing written.
        let returns_before = desk.db.returns_of_receipt(r2).await.unwrap().len();
        // The desk says so when it judges the return, before anyone presses Confirm: the line a
        // manager's override would pay is named with the claim's reduction, and neither the
        // clerk nor a manager is offered to confirm it.
        let late = json!({"receipt_id": r2, "resolution": "refund", "preview_overrides": [1],
            "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "used"}]});
        let (status, verdict) = desk.send("POST", "/api/returns/evaluate", &clerk, Some(late)).await;
        assert_eq!(status, StatusCode::OK, "{verdict}");
        assert_eq!(verdict["reduced_by_claim"], json!([{"line": 1, "amount": "150.00"}]), "{verdict}");
        assert_eq!((verdict["may_confirm"].as_bool(), verdict["needs_manager"].as_bool()), (Some(false), Some(false)), "{verdict}");
        // Without the override nothing would be paid: nothing to warn about.
        let plain = json!({"receipt_id": r2, "resolution": "refund", "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "used"}]});
        let (_, verdict) = desk.send("POST", "/api/returns/evaluate", &clerk, Some(plain)).await;
        assert_eq!(verdict["reduced_by_claim"], json!([]), "{verdict}");
        let override_ = json!({"receipt_id": r2, "resolution": "refund", "idempotency_key": "late-tv",
            "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "used"}],
            "manager": {"manager_login": "georgi", "manager_pin": "9999", "decision": "approve", "reason": "goodwill", "lines": [1]}});
        let (status, body) = desk.send("POST", "/api/returns", &clerk, Some(override_)).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body["error"]["message"].as_str().unwrap().contains("reduced its price by 150.00"), "{body}");
        assert_eq!(desk.db.returns_of_receipt(r2).await.unwrap().len(), returns_before);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bad_intake_and_steps_out_of_order_are_refused_and_write_nothing() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let receipt = desk.receipt_id(&t, "S01-R1").await;
        let (status, body) = desk.file(&t, receipt, "b1", "repair", "repair", json!({"customer": {"name": "Ivan Petrov", "contact": " "}})).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("customer.contact")), "{body}");
        let (status, body) = desk.file(&t, receipt, "b2", "repair", "repair", json!({"line": {"serial": "BLENDER-9"}})).await;
        assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("SERIAL_MISMATCH")), "{body}");
        assert_eq!(body["error"]["message"], "serial BLENDER-9 was not sold on this receipt line (sold: TV55-000123)");
        assert_eq!((body["error"]["serial"].as_str(), body["error"]["sold"].as_str()), (Some("BLENDER-9"), Some("TV55-000123")), "{body}");
        let (_, claims) = desk.send("GET", "/api/claims", &t, None).await;
        assert_eq!(claims, json!([]), "nothing was registered");
        let (_, returns) = desk.send("GET", "/api/returns", &t, None).await;
        assert_eq!(returns, json!([]));
        // A manager's approval lets the serial through.
        let manager = json!({"manager": {"manager_login": "georgi", "manager_pin": "9999", "decision": "approve", "reason": "label replaced by the service"}, "line": {"serial": "BLENDER-9"}});
        let (status, body) = desk.file(&t, receipt, "b3", "repair", "repair", manager).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let id = body["claims"][0]["id"].as_i64().unwrap();
        // Handed back without ever being sent: 409 naming the stage and what is allowed.
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "hand_back"})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"]["stage"], "registered");
        assert_eq!(body["error"]["allowed_steps"], json!(["send_to_service", "settle", "reject"]));
        let (status, body) = desk.step(&t, id, json!({"id": id, "step": "send_to_service"})).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("service_partner")));
        assert_eq!(desk.detail(&t, id).await["history"].as_array().unwrap().len(), 1);
        // The register number counts on: the refused intakes took none.
        assert_eq!(desk.detail(&t, id).await["claim"]["register_no"], "S01-2026-00001");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn due_dates_clamp_at_month_ends_and_russia_counts_by_remedy() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2028-01-31T10:00:00").await;
        let t = desk.token("boss", "5555", "DESK-1").await;
        let receipt = desk.receipt_id(&t, "S01-R1").await;
        let claim = desk.claim(&t, receipt, "m1").await;
        assert_eq!(claim["claim_due_by"], "2028-02-29", "claimed 31 January 2028: due the leap day");
        assert_eq!(claim["register_no"], "S01-2028-00001", "a new year starts the register at 1");
    })
    .await;
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("boss", "5555", "MSK-1").await;
        let receipt = desk.receipt_id(&t, "S03-R1").await;
        // The period is the remedy the customer asks for (art. 20–22), whatever the desk's
        // resolution: a price reduction or a refund asked on a line sent for repair is 10 days.
        for (key, resolution, remedy, due) in [
            ("ru1", "repair", "repair", "2026-11-25"),
            ("ru2", "refund", "refund", "2026-10-21"),
            ("ru3", "replace", "replacement", "2026-10-18"),
            ("ru4", "repair", "price_reduction", "2026-10-21"),
            ("ru5", "repair", "refund", "2026-10-21"),
            ("ru6", "repair", "replacement", "2026-10-18"),
        ] {
            let (status, body) = desk.file(&t, receipt, key, resolution, remedy, json!({"line": {"serial": null}})).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(body["claims"][0]["claim_due_by"], due, "{remedy}: {body}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn repairs_extend_the_warranty_and_a_third_bulgarian_claim_may_be_refunded() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let receipt = desk.receipt_id(&t, "S01-R1").await;
        let mut legal_until = Value::Null;
        let mut t = t;
        let mut desk = desk;
        for n in 1..=2 {
            let (status, filed) = desk.file(&t, receipt, &format!("x{n}"), "repair", "repair", json!({})).await;
            assert_eq!(status, StatusCode::OK, "{filed}");
            // The first claim on the item has no notice; the second says the item was claimed once.
            assert_eq!(filed["claim_notices"].as_array().map(Vec::len), Some(n as usize - 1), "{filed}");
            let id = filed["claims"][0]["id"].as_i64().unwrap();
            desk.ok_step(&t, id, json!({"id": id, "step": "send_to_service", "service_partner": "TechService"})).await;
            desk = desk.later(&format!("2026-10-{}T10:00:00", 11 + 10 * n));
            t = desk.token("maria", "1234", "DESK-1").await;
            let back = desk.ok_step(&t, id, json!({"id": id, "step": "back_from_service", "service_outcome": "repaired", "finding": "fixed"})).await;
            legal_until = back["warranty"]["legal_until"].clone();
            // A legal-guarantee repair finished after 2026-07-31: 12 more months, once.
            assert_eq!(back["warranty"]["legal_until_extended"], "2029-10-01", "{back}");
            // BG: the 10 days of each stay at the service move the commercial warranty.
            assert_eq!(back["warranty"]["commercial_until_extended"], ["2029-10-11", "2029-10-21"][n as usize - 1], "{back}");
            assert_eq!(back["repeat_claims"], n - 1);
            // 10 days at the service: the history says when it went and came back.
            assert_eq!(back["history"][1]["details"]["sent_on"], format!("2026-10-{}", 1 + 10 * n));
            assert_eq!(back["refund_entitled"], false);
            desk.ok_step(&t, id, json!({"id": id, "step": "inform_customer"})).await;
            desk.ok_step(&t, id, json!({"id": id, "step": "hand_back"})).await;
        }
        let t = desk.token("maria", "1234", "DESK-1").await;
        // The second claim was judged with the moved date already.
        assert_eq!(legal_until, "2029-10-01");
        let (status, body) = desk.file(&t, receipt, "x3", "repair", "repair", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let third = body["claims"][0].clone();
        // The desk says it at intake: the confirmation carries the notice.
        assert_eq!(body["claim_notices"][0]["claim_id"], third["id"], "{body}");
        assert_eq!(body["claim_notices"][0]["repeat_claims"], 2);
        assert_eq!(body["claim_notices"][0]["earlier_repairs"], 2);
        assert_eq!(body["claim_notices"][0]["refund_entitled"], true);
        let detail = desk.detail(&t, third["id"].as_i64().unwrap()).await;
        assert_eq!(detail["repeat_claims"], 2);
        assert_eq!(detail["refund_entitled"], true, "BG: a third claim after two repairs");
        // A later claim is judged with the moved date: after the legal guarantee's own end
        // (2028-10-01) but before the moved one (2029-10-01), the TV is still under it; an
        // unrepaired TV is not (only its commercial warranty is left).
        desk.db.import_receipts(&[receipt_at("S01", "S01-R2")]).await.unwrap();
        let desk = desk.later("2029-03-01T10:00:00");
        let t = desk.token("maria", "1234", "DESK-1").await;
        let (status, body) = desk.file(&t, receipt, "x4", "repair", "repair", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["decision"]["lines"][0]["outcome"], "warranty_claim", "{body}");
        assert_eq!(body["claims"][0]["basis"], "LEGAL_GUARANTEE");
        assert_eq!(body["decision"]["lines"][0]["warranty"]["legal_until"], "2029-10-01");
        let unrepaired = desk.receipt_id(&t, "S01-R2").await;
        let (_, body) = desk
            .send("POST", "/api/returns/evaluate", &t, Some(json!({"receipt_id": unrepaired, "resolution": "repair",
                "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used"}]})))
            .await;
        // Its own 36-month commercial warranty still covers it, but not the legal guarantee.
        assert_eq!(body["lines"][0]["reasons"][0]["code"], "COMMERCIAL_WARRANTY", "{body}");
        assert_eq!(body["lines"][0]["warranty"]["legal_until"], "2028-10-01", "{body}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn sixteen_desks_register_claims_at_once_without_a_gap() {
    on_both(|db| async move {
        let desk = Arc::new(Counter::new(db, "2026-10-11T10:00:00").await);
        // Sixteen customers, each with their own receipt and card.
        let receipts: Vec<SaleReceipt> = (0..16)
            .map(|i| {
                let mut r = receipt_at("S01", &format!("S01-C{i:02}"));
                r.receipt.tenders[0].card_last4 = Some(format!("{:04}", 1000 + i));
                r
            })
            .collect();
        desk.db.import_receipts(&receipts).await.unwrap();
        let t = desk.token("maria", "1234", "DESK-1").await;
        let mut ids = Vec::new();
        for i in 0..16 {
            ids.push(desk.receipt_id(&t, &format!("S01-C{i:02}")).await);
        }
        let mut tasks = Vec::new();
        for (i, receipt) in ids.into_iter().enumerate() {
            let (desk, t) = (desk.clone(), t.clone());
            tasks.push(tokio::spawn(async move {
                let customer = json!({"customer": {"name": format!("Customer {i}"), "contact": format!("+359 88 000 {i:04}")}});
                let (status, body) = desk.file(&t, receipt, &format!("c{i}"), "repair", "repair", customer).await;
                assert_eq!(status, StatusCode::OK, "{body}");
                body["claims"][0]["register_no"].as_str().unwrap().to_string()
            }));
        }
        let mut numbers = Vec::new();
        for task in tasks {
            numbers.push(task.await.unwrap());
        }
        numbers.sort();
        let expected: Vec<String> = (1..=16).map(|n| format!("S01-2026-{n:05}")).collect();
        assert_eq!(numbers, expected);
        let entries = desk.db.register_entries("S01", 2026).await.unwrap();
        assert_eq!(entries.iter().map(|e| e.year_no.unwrap()).collect::<Vec<_>>(), (1..=16).collect::<Vec<i64>>());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_desks_advancing_one_claim_record_exactly_one_step() {
    on_both(|db| async move {
        let desk = Arc::new(Counter::new(db, "2026-10-11T10:00:00").await);
        let t1 = desk.token("maria", "1234", "DESK-1").await;
        let t2 = desk.token("georgi", "9999", "DESK-2").await;
        let receipt = desk.receipt_id(&t1, "S01-R1").await;
        let id = desk.claim(&t1, receipt, "race").await["id"].as_i64().unwrap();
        let step = json!({"id": id, "step": "send_to_service", "service_partner": "TechService"});
        let (a, b) = tokio::join!(desk.step(&t1, id, step.clone()), desk.step(&t2, id, step.clone()));
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{a:?} {b:?}");
        let loser = if a.0 == StatusCode::OK { &b.1 } else { &a.1 };
        assert_eq!((loser["error"]["code"].as_str(), loser["error"]["stage"].as_str()), (Some("STEP_OUT_OF_ORDER"), Some("at_service")), "{loser}");
        // The store's own check (a desk that saw the claim registered a moment ago) says the same.
        use returndesk::domain::claim::{ClaimStage, ClaimStepKind};
        let late = returndesk::store::ClaimAdvance {
            claim_id: id, from: ClaimStage::Registered, to: ClaimStage::AtService, step: ClaimStepKind::SendToService,
            details: json!({}), at: chrono::Utc::now(), on: "2026-10-11".parse().unwrap(),
            actor: returndesk::store::AuditActor { user_id: None, terminal_id: None, store_code: Some("S01".into()) },
            sent_on: None, back_on: None, service_outcome: None, legal_until_extended: None, commercial_until_extended: None,
            register_outcome: None, remedy_given: None,
        };
        let refused = returndesk::api::ApiError::from(desk.db.advance_claim(&late).await.unwrap_err());
        assert_eq!((refused.code, refused.extra["stage"].as_str()), ("STEP_OUT_OF_ORDER", Some("at_service")), "{}", refused.body());
        assert_eq!(refused.extra["allowed_steps"], json!(["back_from_service"]), "{}", refused.body());
        let detail = desk.detail(&t1, id).await;
        assert_eq!(detail["history"].as_array().unwrap().len(), 2, "{detail}");
        let (_, audit) = desk.send("GET", "/api/audit?action=claim_step", &t2, None).await;
        assert_eq!(audit["entries"].as_array().map(Vec::len), Some(1));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn claims_are_found_by_register_number_phone_email_or_serial() {
    on_both(|db| async move {
        let desk = Counter::new(db, "2026-10-11T10:00:00").await;
        let t = desk.token("maria", "1234", "DESK-1").await;
        let receipt = desk.receipt_id(&t, "S01-R1").await;
        desk.claim(&t, receipt, "f1").await;
        let (status, body) = desk.file(&t, receipt, "f2", "repair", "repair", json!({"customer": {"name": "Anna", "contact": "Anna@Example.com"}})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        for (q, n) in [("S01-2026-00002", 1), ("0881234567", 1), ("+359881234567", 1), ("anna@example.com", 1), ("tv55-000123", 2), ("nobody@example.com", 0)] {
            let (_, found) = desk.send("GET", &format!("/api/claims?q={}", q.replace('+', "%2B")), &t, None).await;
            assert_eq!(found.as_array().map(Vec::len), Some(n), "{q}: {found}");
        }
        let (_, at_service) = desk.send("GET", "/api/claims?stage=at_service", &t, None).await;
        assert_eq!(at_service, json!([]));
        let (status, _) = desk.send("GET", "/api/claims?stage=lost", &t, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    })
    .await;
}
