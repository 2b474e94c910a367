//! Issue 13, reports: every figure of every table, computed a second way.
//!
//! A generated store (receipts of S01 on several days, returns through the desk's HTTP door on
//! several days and both desks: refunds, store credit, denials, manager overrides, warranty
//! claims, some with the desk's scan instant and some without; S03 beside it with its own sale
//! and return) on SQLite and PostgreSQL. Warranty claims go through the desk's claim doors:
//! opened before the period and in it, sent to the service and back repaired, replaced or
//! rejected, handed back, settled by refund and by price reduction, some still open (one of
//! them overdue on the report day). A second store (S02, with a desk code S01 also uses) has
//! its own sales, returns, claim and ratings, and a manager who works in both reads it. The
//! report is then recomputed here from what the test did and what the store reads back per
//! return (`return_by_id`, the receipt's history) and per claim (`claim_by_id`), with plain
//! loops, and must agree to the cent, cell by cell: for the whole store, one desk, one clerk,
//! and the second store. Also: another store's data never shows, a store the manager does not
//! work in is 403, bad filters are 400 naming the field, and a period with nothing is empty
//! tables, not an error.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use common::*;
use returndesk::api::DeskApi;
use returndesk::domain::Money;
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, NewUser, ReceiptKey, Role, SaleReceipt};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value};

const FROM: &str = "2026-09-28";
const TO: &str = "2026-10-18";
/// The instants the desks work at (UTC; Sofia is UTC+3): the first is 01:30 on 6 October in
/// Sofia, still 5 October in UTC — the store's day counts.
const DAYS: [&str; 4] = ["2026-10-05T22:30:00Z", "2026-10-07T08:00:00Z", "2026-10-12T09:15:00Z", "2026-10-14T12:00:00Z"];
/// When the manager reads the report.
const REPORT_AT: &str = "2026-10-16T09:00:00Z";

struct Counter {
    router: axum::Router,
}

impl Counter {
    fn at(db: &Arc<dyn Database>, utc: &str) -> Counter {
        let clock = DeskClock::frozen(utc.parse().unwrap());
        Counter { router: api_router(DeskApi::new(Desk::new(db.clone()), clock)) }
    }

    async fn send(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = through_router(&self.router, method, uri, token, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn token(&self, login: &str, pin: &str, desk: Option<&str>) -> String {
        let (status, body) = self.send("POST", "/api/session", "", Some(json!({"login": login, "pin": pin, "terminal": desk}))).await;
        assert_eq!(status, StatusCode::OK, "{login} signs in: {body}");
        body["token"].as_str().unwrap().to_string()
    }
}

/// What the test did for one return.
struct Made {
    id: i64,
    desk: &'static str,
    since_scan_ms: Option<u64>,
    /// The customer's rating and comment, given at the counter when the return was recorded.
    rated: Option<(i64, String)>,
    clerk: &'static str,
    at: &'static str,
}

/// What the test did with one warranty claim (all on line 1, the TV).
struct ClaimMade {
    id: i64,
    desk: &'static str,
    clerk: &'static str,
    /// The store's day the claim was opened.
    opened: NaiveDate,
    remedy: &'static str,
    /// What the service answered, if the claim went there.
    service: Option<&'static str>,
    /// The store's day the claim was answered for good: handed back, or settled by money.
    settled: Option<NaiveDate>,
}

/// Which returns, claims and ratings a report counts: all of its store's, or one desk's or one
/// clerk's (the sales are always the store's).
#[derive(Clone, Copy, Default)]
struct Only<'a> {
    desk: Option<&'a str>,
    clerk: Option<&'a str>,
}

impl Only<'_> {
    fn keeps(&self, desk: &str, clerk: &str) -> bool {
        self.desk.is_none_or(|d| d == desk) && self.clerk.is_none_or(|c| c == clerk)
    }
}

/// Who works a desk: login, PIN, desk code, display name.
type Who = (&'static str, &'static str, &'static str, &'static str);
const MARIA: Who = ("maria", "1234", "DESK-1", "Maria Ivanova");
const GEORGI: Who = ("georgi", "9999", "DESK-2", "Georgi Dimitrov");
/// S02's manager, at S02's desk DESK-1 (S01 has a DESK-1 too).
const PETAR: Who = ("petar", "7777", "DESK-1", "Petar Petrov");

fn sofia_date(utc: &str) -> NaiveDate {
    sofia_day(utc.parse().unwrap())
}

/// Sends a return's draft at `utc`; when the desk may not record it alone, again with the
/// manager's approval (`manager`: login and PIN). The return's answer.
async fn record_return(db: &Arc<dyn Database>, utc: &str, who: Who, manager: (&str, &str), draft: Value) -> Value {
    let counter = Counter::at(db, utc);
    let token = counter.token(who.0, who.1, Some(who.2)).await;
    let (status, body) = counter.send("POST", "/api/returns", &token, Some(draft.clone())).await;
    if status == StatusCode::OK {
        return body;
    }
    let mut approved = draft;
    approved["idempotency_key"] = json!(format!("{}-m", approved["idempotency_key"].as_str().unwrap()));
    // A return the store's rules send to a manager is approved as a whole; a denied line is overridden.
    let lines: Vec<Value> = match body["error"]["code"].as_str() {
        Some("MANAGER_REQUIRED") => Vec::new(),
        _ => approved["lines"].as_array().unwrap().iter().map(|l| l["line"].clone()).collect(),
    };
    approved["manager"] = json!({"manager_login": manager.0, "manager_pin": manager.1, "decision": "approve", "reason": "customer of long standing", "lines": lines});
    let (status, body2) = counter.send("POST", "/api/returns", &token, Some(approved)).await;
    assert_eq!(status, StatusCode::OK, "{body} then {body2}");
    body2
}

/// Opens a warranty claim on line 1 (the TV) of receipt `number` at `utc` through the desk:
/// (the return's id, the claim's id).
async fn open_claim(db: &Arc<dyn Database>, utc: &str, who: Who, number: &str, remedy: &str, since_scan_ms: Option<u64>) -> (i64, i64) {
    let counter = Counter::at(db, utc);
    let token = counter.token(who.0, who.1, Some(who.2)).await;
    let (_, found) = counter.send("GET", &format!("/api/receipts/lookup?code={number}"), &token, None).await;
    let mut draft = json!({"receipt_id": found["id"], "resolution": "repair", "idempotency_key": format!("claim-{number}"),
        "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no picture", "serial": "TV55-000123",
                   "accessories": "remote", "item_state": "scratched", "remedy_asked": remedy}],
        "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"}});
    if let Some(ms) = since_scan_ms {
        draft["since_scan_ms"] = json!(ms);
    }
    let manager = if who.0 == "petar" { ("petar", "7777") } else { ("georgi", "9999") };
    let body = record_return(db, utc, who, manager, draft).await;
    assert_eq!(body["claims"].as_array().map(Vec::len), Some(1), "{number}: one claim: {body}");
    assert_eq!(body["claims"][0]["remedy_asked"], remedy, "{body}");
    (body["id"].as_i64().unwrap(), body["claims"][0]["id"].as_i64().unwrap())
}

/// A claim's step at `utc`, through the desk (`step` without the id).
async fn claim_step(db: &Arc<dyn Database>, utc: &str, who: Who, id: i64, mut step: Value) -> Value {
    let counter = Counter::at(db, utc);
    let token = counter.token(who.0, who.1, Some(who.2)).await;
    step["id"] = json!(id);
    let (status, body) = counter.send("POST", &format!("/api/claims/{id}/steps"), &token, Some(step.clone())).await;
    assert_eq!(status, StatusCode::OK, "claim {id} {step}: {body}");
    body
}

/// A manager settles a claim by money at `utc`: `amount` for a price reduction.
async fn settle(db: &Arc<dyn Database>, utc: &str, who: Who, id: i64, remedy: &str, amount: Option<&str>) -> Value {
    let counter = Counter::at(db, utc);
    let token = counter.token(who.0, who.1, Some(who.2)).await;
    let mut ask = json!({"id": id, "remedy": remedy, "idempotency_key": format!("settle-{id}")});
    if let Some(a) = amount {
        ask["amount"] = json!(a);
    }
    let (status, body) = counter.send("POST", &format!("/api/claims/{id}/settlement"), &token, Some(ask)).await;
    assert_eq!(status, StatusCode::OK, "settling claim {id}: {body}");
    assert_eq!(body["claim"]["stage"], "settled", "{body}");
    body
}

/// Sent to the service on `sent`, back on `back` with `outcome`; the customer informed and
/// the item handed back on `handed`.
async fn repair_path(db: &Arc<dyn Database>, who: Who, id: i64, sent: &str, back: &str, outcome: &str, handed: &str) {
    claim_step(db, sent, who, id, json!({"step": "send_to_service", "service_partner": "TechService Ltd"})).await;
    let answered = claim_step(db, back, who, id, json!({"step": "back_from_service", "service_outcome": outcome, "finding": "checked"})).await;
    assert_eq!(answered["claim"]["stage"], if outcome == "rejected" { "rejected" } else { "back_from_service" }, "{answered}");
    claim_step(db, back, who, id, json!({"step": "inform_customer", "informed_how": "phone"})).await;
    let handed_back = claim_step(db, handed, who, id, json!({"step": "hand_back"})).await;
    assert_eq!(handed_back["claim"]["stage"], "handed_back", "{handed_back}");
}

fn receipt(n: usize) -> SaleReceipt {
    let mut r = sofia_receipt(&format!("S01-R{n:03}"));
    r.receipt.purchased_at = format!("2026-10-0{}T1{}:30:00", 1 + n % 5, n % 10).parse().unwrap();
    r
}

/// A receipt of `store` sold at the store's local `at`.
fn sold(store: &str, number: &str, at: &str) -> SaleReceipt {
    let mut r = sofia_receipt(number);
    r.store = store.into();
    r.receipt.purchased_at = at.parse().unwrap();
    r
}

fn user(store: Option<&str>, who: Who, role: Role) -> NewUser {
    NewUser {
        store_code: store.map(str::to_string),
        login: who.0.into(),
        display_name: who.3.into(),
        role,
        pin_hash: returndesk::demo::hash_pin(who.1).unwrap(),
        refund_limit: None,
        approval_limit: None,
    }
}

/// A manager who works in every store (S01, S02, S03), signing in at S01's DESK-2.
const ELENA: Who = ("elena", "5555", "DESK-2", "Elena Boss");

async fn story(db: Arc<dyn Database>) {
    let (_, _) = set_up_stores(db.as_ref()).await;
    db.put_terminal("S01", "DESK-2").await.unwrap();
    put_moscow_user(db.as_ref(), Role::Clerk, "4321").await;
    // S02: a second store like S01, with a desk code S01 uses too, and its own manager.
    let mut s02 = db.store("S01").await.unwrap().unwrap();
    s02.code = "S02".into();
    s02.name = "Return Desk Sofia Ring".into();
    db.put_store(&s02).await.unwrap();
    db.put_terminal("S02", "DESK-1").await.unwrap();
    db.put_user(&user(Some("S02"), PETAR, Role::Manager)).await.unwrap();
    db.put_user(&user(None, ELENA, Role::Manager)).await.unwrap();
    let mut receipts: Vec<SaleReceipt> = (0..12).map(receipt).collect();
    db.import_receipts(&receipts).await.unwrap();
    // Before the period: sold, never counted (the OLD ones come back as claims).
    let mut early = sofia_receipt("S01-EARLY");
    early.receipt.purchased_at = "2026-08-01T10:00:00".parse().unwrap();
    let old: Vec<SaleReceipt> = (1..=3).map(|n| sold("S01", &format!("S01-OLD{n}"), &format!("2026-08-0{n}T10:00:00"))).collect();
    db.import_receipts(&[vec![early, moscow_receipt("S03-R1")], old].concat()).await.unwrap();
    // Sold in the period, claimed in it (the first at 00:30 on its first day, Sofia time).
    let for_claims: Vec<SaleReceipt> = ["2026-09-28T00:30:00", "2026-10-03T11:00:00", "2026-10-04T12:00:00", "2026-10-05T13:00:00", "2026-10-08T14:00:00"]
        .iter()
        .enumerate()
        .map(|(n, at)| sold("S01", &format!("S01-C{}", n + 1), at))
        .collect();
    db.import_receipts(&for_claims).await.unwrap();

    let mut made: Vec<Made> = Vec::new();
    for (n, r) in receipts.iter().enumerate() {
        let counter = Counter::at(&db, DAYS[n % DAYS.len()]);
        let (login, pin, desk) = if n % 3 == 0 { ("georgi", "9999", "DESK-2") } else { ("maria", "1234", "DESK-1") };
        let token = counter.token(login, pin, Some(desk)).await;
        let (_, found) = counter.send("GET", &format!("/api/receipts/lookup?code={}", r.receipt.number), &token, None).await;
        let receipt_id = found["id"].as_i64().expect("the receipt is found");
        let since_scan_ms = (n % 4 != 3).then(|| 1000 * (20 + 37 * n as u64 % 400));
        let mut draft = match n % 4 {
            0 => json!({"resolution": "refund", "lines": [{"line": 2, "qty": 1 + n % 2, "reason": "change_of_mind", "condition": "unopened"}]}),
            1 => json!({"resolution": "store_credit", "lines": [{"line": 3, "qty": 1, "reason": "change_of_mind", "condition": "opened"},
                                                               {"line": 4, "qty": 1, "reason": "not_as_described", "condition": "unopened"}]}),
            2 => json!({"resolution": "refund", "lines": [{"line": 4, "qty": 2, "reason": "change_of_mind", "condition": "used"},
                                                         {"line": 2, "qty": 3, "reason": "wrong_item", "condition": "damaged"}]}),
            _ => json!({"resolution": "repair", "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no picture",
                        "serial": "TV55-000123", "accessories": "remote", "item_state": "scratched", "remedy_asked": "repair"}],
                        "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"}}),
        };
        draft["receipt_id"] = json!(receipt_id);
        draft["idempotency_key"] = json!(format!("k{n}"));
        if let Some(ms) = since_scan_ms {
            draft["since_scan_ms"] = json!(ms);
        }
        // A manager decides the denial of used batteries at the desk (approves the override,
        // or declines it); any other return the desk may not record alone is decided too.
        let lines: Vec<u64> = match n % 4 {
            2 => vec![4],
            _ => draft["lines"].as_array().unwrap().iter().map(|l| l["line"].as_u64().unwrap()).collect(),
        };
        let decision = if n % 8 == 6 { "decline" } else { "approve" };
        let with_manager = {
            let mut d = draft.clone();
            d["idempotency_key"] = json!(format!("k{n}-m"));
            d["manager"] = json!({"manager_login": "georgi", "manager_pin": "9999", "decision": decision, "reason": "customer of long standing", "lines": lines});
            d
        };
        let tries = if n % 4 == 2 { [with_manager, draft] } else { [draft, with_manager] };
        let (mut status, mut body) = (StatusCode::IM_A_TEAPOT, Value::Null);
        for attempt in tries {
            (status, body) = counter.send("POST", "/api/returns", &token, Some(attempt)).await;
            if status == StatusCode::OK {
                break;
            }
        }
        assert_eq!(status, StatusCode::OK, "return {n}: {body}");
        let id = body["id"].as_i64().unwrap();
        // Most customers rate the service on the customer view; some leave a comment.
        let rated = (n % 3 != 2).then(|| (1 + (n as i64 * 2) % 5, if n % 2 == 0 { format!("Бързо, благодаря ({n})") } else { String::new() }));
        if let Some((stars, comment)) = &rated {
            let (status, body) = counter
                .send("POST", "/api/feedback", &token, Some(json!({"return_id": id, "rating": stars, "comment": comment, "lang": "bg"})))
                .await;
            assert_eq!(status, StatusCode::OK, "rating of return {n}: {body}");
        }
        let clerk = if login == "georgi" { "Georgi Dimitrov" } else { "Maria Ivanova" };
        made.push(Made { id, desk, since_scan_ms, rated, clerk, at: DAYS[n % DAYS.len()] });
    }
    // The claims the returns above opened (line 1, the TV): still registered on the report day.
    let mut claims: Vec<ClaimMade> = Vec::new();
    for m in &made {
        let rec = db.return_by_id(m.id).await.unwrap().unwrap();
        for c in db.claims_of_line(rec.receipt_id, 1).await.unwrap().iter().filter(|c| c.return_id == Some(m.id)) {
            claims.push(ClaimMade { id: c.id, desk: m.desk, clerk: m.clerk, opened: sofia_date(m.at), remedy: "repair", service: None, settled: None });
        }
    }
    assert_eq!(claims.len(), 3, "returns 3, 7 and 11 open a claim each");
    receipts.extend(for_claims);
    // Claims through the desk's claim doors (S01 is Bulgarian: answered within a month).
    // Opened and refunded before the period: nowhere in it.
    let (_, id) = open_claim(&db, "2026-09-05T09:00:00Z", MARIA, "S01-OLD1", "refund", Some(30_000)).await;
    settle(&db, "2026-09-20T09:00:00Z", GEORGI, id, "refund", None).await;
    claims.push(ClaimMade { id, desk: MARIA.2, clerk: MARIA.3, opened: sofia_date("2026-09-05T09:00:00Z"), remedy: "refund", service: None, settled: Some(sofia_date("2026-09-20T09:00:00Z")) });
    // Opened before the period, repaired and handed back in it: settled in it, not new in it.
    let (_, id) = open_claim(&db, "2026-09-12T09:00:00Z", GEORGI, "S01-OLD2", "repair", None).await;
    repair_path(&db, GEORGI, id, "2026-09-12T10:00:00Z", "2026-10-02T09:00:00Z", "repaired", "2026-10-02T12:00:00Z").await;
    claims.push(ClaimMade { id, desk: GEORGI.2, clerk: GEORGI.3, opened: sofia_date("2026-09-12T09:00:00Z"), remedy: "repair", service: Some("repaired"), settled: Some(sofia_date("2026-10-02T12:00:00Z")) });
    // Opened before the period and still at the service on the report day: open and overdue.
    let (_, id) = open_claim(&db, "2026-09-10T09:00:00Z", MARIA, "S01-OLD3", "repair", Some(50_000)).await;
    claim_step(&db, "2026-09-11T09:00:00Z", MARIA, id, json!({"step": "send_to_service", "service_partner": "TechService Ltd"})).await;
    claims.push(ClaimMade { id, desk: MARIA.2, clerk: MARIA.3, opened: sofia_date("2026-09-10T09:00:00Z"), remedy: "repair", service: None, settled: None });
    // In the period: (when opened, by whom, receipt, remedy asked, scan, what became of it).
    enum Then {
        Service(&'static str, &'static str, &'static str, &'static str),
        Money(&'static str, Option<&'static str>, &'static str),
    }
    let in_period: [(&'static str, Who, &str, &'static str, Option<u64>, Then); 5] = [
        // 01:30 on 28 September in Sofia, the period's first day; still the 27th in UTC.
        ("2026-09-27T22:30:00Z", MARIA, "S01-C1", "repair", Some(240_000), Then::Service("2026-09-29T09:00:00Z", "2026-10-07T09:00:00Z", "repaired", "2026-10-10T09:00:00Z")),
        ("2026-10-05T09:00:00Z", GEORGI, "S01-C2", "replacement", Some(95_000), Then::Service("2026-10-05T10:00:00Z", "2026-10-12T09:00:00Z", "replaced", "2026-10-12T11:00:00Z")),
        ("2026-10-06T09:00:00Z", MARIA, "S01-C3", "refund", Some(130_000), Then::Money("refund", None, "2026-10-07T09:00:00Z")),
        ("2026-10-07T09:00:00Z", GEORGI, "S01-C4", "price_reduction", None, Then::Money("price_reduction", Some("25.00"), "2026-10-14T09:00:00Z")),
        ("2026-10-12T09:00:00Z", MARIA, "S01-C5", "repair", Some(410_000), Then::Service("2026-10-12T10:00:00Z", "2026-10-14T09:00:00Z", "rejected", "2026-10-16T08:00:00Z")),
    ];
    for (at, who, number, remedy, since_scan_ms, then) in in_period {
        let (return_id, id) = open_claim(&db, at, who, number, remedy, since_scan_ms).await;
        made.push(Made { id: return_id, desk: who.2, since_scan_ms, rated: None, clerk: who.3, at });
        let (service, settled) = match then {
            Then::Service(sent, back, outcome, handed) => {
                repair_path(&db, who, id, sent, back, outcome, handed).await;
                (Some(outcome), handed)
            }
            Then::Money(how, amount, on) => {
                settle(&db, on, GEORGI, id, how, amount).await;
                (None, on)
            }
        };
        claims.push(ClaimMade { id, desk: who.2, clerk: who.3, opened: sofia_date(at), remedy, service, settled: Some(sofia_date(settled)) });
    }
    // Closing a settled claim later does not move the day it was settled.
    let reduced = claims.iter().find(|c| c.remedy == "price_reduction").unwrap().id;
    claim_step(&db, "2026-10-15T09:00:00Z", GEORGI, reduced, json!({"step": "close"})).await;

    // S02's own sales, returns, claim and ratings, by its manager at its DESK-1.
    let s02_receipts: Vec<SaleReceipt> = (0..3).map(|n| sold("S02", &format!("S02-R{n}"), &format!("2026-10-0{}T11:00:00", 2 + n))).collect();
    db.import_receipts(&s02_receipts).await.unwrap();
    let mut s02_made: Vec<Made> = Vec::new();
    for (n, (at, draft, since_scan_ms, rated)) in [
        (DAYS[1], json!({"resolution": "refund", "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]}), Some(45_000), Some((5, "Отлично".to_string()))),
        (DAYS[2], json!({"resolution": "store_credit", "lines": [{"line": 3, "qty": 1, "reason": "change_of_mind", "condition": "opened"},
                                                                 {"line": 4, "qty": 1, "reason": "not_as_described", "condition": "unopened"}]}), Some(61_000), Some((3, String::new()))),
    ]
    .into_iter()
    .enumerate()
    {
        let counter = Counter::at(&db, at);
        let token = counter.token(PETAR.0, PETAR.1, Some(PETAR.2)).await;
        let (_, found) = counter.send("GET", &format!("/api/receipts/lookup?code=S02-R{n}"), &token, None).await;
        let mut draft = draft;
        draft["receipt_id"] = found["id"].clone();
        draft["idempotency_key"] = json!(format!("s02-{n}"));
        draft["since_scan_ms"] = json!(since_scan_ms);
        let id = record_return(&db, at, PETAR, ("petar", "7777"), draft).await["id"].as_i64().unwrap();
        if let Some((stars, comment)) = &rated {
            let (status, body) = counter.send("POST", "/api/feedback", &token, Some(json!({"return_id": id, "rating": stars, "comment": comment, "lang": "bg"}))).await;
            assert_eq!(status, StatusCode::OK, "S02 rating {n}: {body}");
        }
        s02_made.push(Made { id, desk: PETAR.2, since_scan_ms, rated, clerk: PETAR.3, at });
    }
    let (return_id, id) = open_claim(&db, DAYS[2], PETAR, "S02-R2", "price_reduction", Some(75_000)).await;
    s02_made.push(Made { id: return_id, desk: PETAR.2, since_scan_ms: Some(75_000), rated: None, clerk: PETAR.3, at: DAYS[2] });
    settle(&db, DAYS[3], PETAR, id, "price_reduction", Some("40.00")).await;
    let s02_claims = vec![ClaimMade { id, desk: PETAR.2, clerk: PETAR.3, opened: sofia_date(DAYS[2]), remedy: "price_reduction", service: None, settled: Some(sofia_date(DAYS[3])) }];

    // A return at S03, by its own clerk: never in S01's figures.
    let moscow = Counter::at(&db, DAYS[1]);
    let olga = moscow.token("olga", "4321", None).await;
    let (_, found) = moscow.send("GET", "/api/receipts/lookup?code=S03-R1", &olga, None).await;
    let (status, body) = moscow
        .send("POST", "/api/returns", &olga, Some(json!({"receipt_id": found["id"], "resolution": "refund", "idempotency_key": "m1", "since_scan_ms": 5000,
            "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let outcomes: BTreeSet<String> = {
        let mut s = BTreeSet::new();
        for m in &made {
            s.insert(returndesk::store::code_of(&db.return_by_id(m.id).await.unwrap().unwrap().outcome));
        }
        s
    };
    assert!(outcomes.len() >= 2, "the story makes mixed outcomes: {outcomes:?}");

    let desk = Counter::at(&db, REPORT_AT);
    let manager = desk.token("georgi", "9999", Some("DESK-2")).await;
    let today: NaiveDate = "2026-10-16".parse().unwrap();
    // The claims give every claim figure something to agree on: open ones on both sides of
    // their deadline, settled ones after different numbers of days, every remedy, every
    // service answer and none.
    let still_open = |overdue: bool| claims.iter().filter(|c| c.settled.is_none() && (c.opened + chrono::Months::new(1) < today) == overdue).count();
    assert!(still_open(true) >= 1 && still_open(false) >= 1, "open claims, overdue and not");
    let days: BTreeSet<i64> = claims.iter().filter_map(|c| Some((c.settled? - c.opened).num_days())).collect();
    assert!(days.len() >= 4, "days to settle: {days:?}");
    let remedies: BTreeSet<&str> = claims.iter().map(|c| c.remedy).collect();
    let services: BTreeSet<Option<&str>> = claims.iter().map(|c| c.service).collect();
    assert_eq!((remedies.len(), services.len()), (4, 4), "{remedies:?} {services:?}");
    for grain in ["day", "week", "month"] {
        let (status, report) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}&grain={grain}"), &manager, None).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        let expected = expected_report(db.as_ref(), &made, &receipts, &claims, grain, Only::default(), today).await;
        agree(&report, &expected, &format!("grain {grain}"));
        // The story gives every table something to show (an empty table would agree trivially).
        for t in report["tables"].as_array().unwrap() {
            assert!(!t["rows"].as_array().unwrap().is_empty(), "grain {grain}: {} has rows", t["id"]);
        }
        assert_eq!(report["handling_left_out"], json!(made.iter().filter(|m| m.since_scan_ms.is_none()).count()), "returns without a scan are counted as left out");
    }
    // One desk: the returns of the other desk are not counted (sales are the store's).
    let (status, report) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}&grain=week&desk=DESK-2"), &manager, None).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let expected = expected_report(db.as_ref(), &made, &receipts, &claims, "week", Only { desk: Some("DESK-2"), clerk: None }, today).await;
    agree(&report, &expected, "desk DESK-2");
    let rows = |report: &Value, id: &str| report["tables"].as_array().unwrap().iter().find(|t| t["id"] == id).unwrap()["rows"].as_array().unwrap().len();
    assert!(rows(&report, "returns_by_outcome") > 0);
    assert!(rows(&report, "claims_over_time") > 0);

    // One clerk: Maria's returns, claims and ratings only (sales are the store's).
    let clerk_id = report["clerks"].as_array().unwrap().iter().find(|c| c["name"] == MARIA.3).expect("Maria is a choice")["id"].as_i64().unwrap();
    let (status, by_maria) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}&grain=month&clerk={clerk_id}"), &manager, None).await;
    assert_eq!(status, StatusCode::OK, "{by_maria}");
    let expected = expected_report(db.as_ref(), &made, &receipts, &claims, "month", Only { desk: None, clerk: Some(MARIA.3) }, today).await;
    agree(&by_maria, &expected, "clerk Maria Ivanova");
    for id in ["returns_by_outcome", "claims_over_time", "claims_by_remedy", "feedback_by_clerk", "handling_by_clerk"] {
        assert!(rows(&by_maria, id) > 0, "clerk Maria Ivanova: {id} has rows");
    }
    // Georgi shows only as the manager who decided some of Maria's returns; Maria worked at DESK-1 only.
    for t in by_maria["tables"].as_array().unwrap().iter().filter(|t| t["id"] != "approvals_by_manager") {
        let rows = t["rows"].to_string();
        for other in [GEORGI.3, PETAR.3, "Olga", "DESK-2"] {
            assert!(!rows.contains(other), "clerk Maria Ivanova: {other} shows in {}: {rows}", t["id"]);
        }
    }

    // A second store the manager works in, asked from a desk of the first: S02's records only.
    let elena = desk.token(ELENA.0, ELENA.1, Some(ELENA.2)).await;
    for grain in ["day", "week"] {
        let (status, s02) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}&grain={grain}&store=S02"), &elena, None).await;
        assert_eq!(status, StatusCode::OK, "{s02}");
        assert_eq!(s02["store"], "S02");
        let expected = expected_report(db.as_ref(), &s02_made, &s02_receipts, &s02_claims, grain, Only::default(), today).await;
        agree(&s02, &expected, &format!("store S02, grain {grain}"));
        for t in s02["tables"].as_array().unwrap().iter().filter(|t| !["denials_by_rule", "approvals_by_manager", "approvals_by_clerk"].contains(&t["id"].as_str().unwrap())) {
            assert!(!t["rows"].as_array().unwrap().is_empty(), "store S02: {} has rows", t["id"]);
        }
        let tables = s02["tables"].to_string();
        for other in [MARIA.3, GEORGI.3, "Olga", "DESK-2"] {
            assert!(!tables.contains(other), "store S02: S01's or S03's {other} shows: {tables}");
        }
    }
    // And S02's records are nowhere in S01's figures.
    let (_, s01) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}&grain=week"), &elena, None).await;
    assert_eq!(s01["store"], "S01");
    assert!(!s01["tables"].to_string().contains(PETAR.3), "S02's clerk shows in S01's report");

    // Another store's figures never show: S03's SKU and clerk are nowhere in S01's report.
    let text = report.to_string();
    assert!(!text.contains("Olga") && !text.contains(&moscow_receipt("x").receipt.lines[0].sku), "S03's data leaked into S01's report");

    // A store the manager does not work in; a period that ends before it starts; a desk and a
    // clerk the store does not have; a grain that is not one.
    let (status, body) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}&store=S03"), &manager, None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")), "{body}");
    for (query, field) in [
        (format!("from={TO}&to={FROM}"), "to"),
        (format!("from={FROM}&to={TO}&desk=DESK-9"), "desk"),
        (format!("from={FROM}&to={TO}&clerk=999999"), "clerk"),
        (format!("from={FROM}&to={TO}&clerk=maria"), "clerk"),
        (format!("from={FROM}&to={TO}&grain=year"), "grain"),
        (format!("from=2026-13-01&to={TO}"), "from"),
    ] {
        let (status, body) = desk.send("GET", &format!("/api/reports?{query}"), &manager, None).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{query}: {body}");
    }
    // A clerk may not read reports.
    let clerk = desk.token("maria", "1234", Some("DESK-1")).await;
    let (status, _) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}"), &clerk, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Nothing happened in 2025: every table is there, empty.
    let (status, empty) = desk.send("GET", "/api/reports?from=2025-01-01&to=2025-01-31", &manager, None).await;
    assert_eq!(status, StatusCode::OK, "{empty}");
    let tables = empty["tables"].as_array().unwrap();
    assert!(tables.len() >= 19, "{empty}");
    for t in tables {
        assert_eq!(t["rows"], json!([]), "{} is empty in a period with nothing", t["id"]);
    }

    // sales_by_month (migration 0029) is sales_by_day summed per month, row for row, both ways.
    let by_month = |month: &str| {
        format!(
            "SELECT store_code, {month} AS month, sku, currency, SUM(units) AS units, SUM(net_value) AS net_value FROM sales_by_day GROUP BY 1, 2, 3, 4"
        )
    };
    let days = match db.connections() {
        returndesk::store::sql::Pool::Sqlite(_) => by_month("substr(day, 1, 8) || '01'"),
        returndesk::store::sql::Pool::Postgres(_) => by_month("CAST(date_trunc('month', CAST(day AS timestamp)) AS date)"),
    };
    let months = "SELECT store_code, month, sku, currency, units, net_value FROM sales_by_month";
    let rows: i64 = count_of(db.as_ref(), "SELECT COUNT(*) FROM sales_by_month").await;
    assert!(rows > 0, "sales are counted by month");
    for (a, b) in [(months.to_string(), days.clone()), (days.clone(), months.to_string())] {
        let differ = count_of(db.as_ref(), &format!("SELECT COUNT(*) FROM ({a} EXCEPT {b}) x")).await;
        assert_eq!(differ, 0, "sales_by_month and sales_by_day summed by month differ: {a} EXCEPT {b}");
    }

    // A report's sales take whole months from sales_by_month and the days at either end from
    // sales_by_day: whatever the cut, what it says was sold per category is what the days say.
    for (from, to) in [("2026-08-01", "2026-10-31"), ("2026-08-02", "2026-10-31"), ("2026-07-15", "2026-10-04"), ("2026-08-03", "2026-09-30")] {
        let (status, cut) = desk.send("GET", &format!("/api/reports?from={from}&to={to}&grain=month"), &manager, None).await;
        assert_eq!(status, StatusCode::OK, "{cut}");
        let table = cut["tables"].as_array().unwrap().iter().find(|t| t["id"] == "return_rate_by_category").unwrap();
        let mut said: Vec<(String, String, i64, String)> = table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r[2] != "0")
            .map(|r| (r[0].as_str().unwrap().into(), r[1].as_str().unwrap().into(), r[2].as_str().unwrap().parse().unwrap(), r[5].as_str().unwrap().into()))
            .collect();
        said.sort();
        let days = format!(
            "SELECT category, currency, CAST(SUM(units) AS BIGINT), {{money}} FROM sales_by_day
             WHERE store_code = 'S01' AND day >= '{from}' AND day <= '{to}' GROUP BY category, currency ORDER BY category, currency"
        );
        let statement = match db.connections() {
            returndesk::store::sql::Pool::Sqlite(_) => {
                days.replace("{money}", "CAST(SUM(net_value) / 100 AS TEXT) || '.' || substr('0' || CAST(SUM(net_value) % 100 AS TEXT), -2)")
            }
            returndesk::store::sql::Pool::Postgres(_) => days.replace("{money}", "CAST(SUM(net_value) AS TEXT)"),
        };
        let text = sqlx::AssertSqlSafe(statement);
        let mut sold: Vec<(String, String, i64, String)> = match db.connections() {
            returndesk::store::sql::Pool::Sqlite(p) => sqlx::query_as(text).fetch_all(p).await.unwrap(),
            returndesk::store::sql::Pool::Postgres(p) => sqlx::query_as(text).fetch_all(p).await.unwrap(),
        };
        sold.sort();
        assert!(!sold.is_empty(), "{from}..{to}: something was sold");
        assert_eq!(said, sold, "{from}..{to}: sold per category");
    }

    // Migrations 0027 and 0028 fill what they add (a return's local day, handling seconds and
    // refunded total, what the receipt says of a returned line) from the records a database
    // already has: with those columns blanked the figures change, and their own statements,
    // run again, bring back the very same report.
    let asks = [
        format!("from={FROM}&to={TO}&grain=day"),
        format!("from={FROM}&to={TO}&grain=week&desk=DESK-2"),
        format!("from={FROM}&to={TO}&grain=month&clerk={clerk_id}"),
    ];
    let mut before = Vec::new();
    for ask in &asks {
        before.push(desk.send("GET", &format!("/api/reports?{ask}"), &manager, None).await.1);
    }
    run_sql(
        db.as_ref(),
        &[
            "UPDATE returns SET local_day = '2001-01-01', handled_seconds = NULL, refunded = 0",
            "UPDATE return_lines SET sku = '', name = '', category = '', brand = '', sold_qty = 0, sold_net = 0, currency = ''",
        ],
    )
    .await;
    let (_, blanked) = desk.send("GET", &format!("/api/reports?{}", asks[0]), &manager, None).await;
    assert_ne!(blanked["tables"], before[0]["tables"], "the blanked columns are what the report reads");
    let migration = match db.connections() {
        returndesk::store::sql::Pool::Sqlite(_) => {
            [include_str!("../migrations/sqlite/0027_report_summaries.sql"), include_str!("../migrations/sqlite/0028_return_refunded.sql")].join("\n")
        }
        returndesk::store::sql::Pool::Postgres(_) => {
            [include_str!("../migrations/postgres/0027_report_summaries.sql"), include_str!("../migrations/postgres/0028_return_refunded.sql")].join("\n")
        }
    };
    let statements = migration.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join("\n");
    let fills: Vec<&str> = statements.split(';').map(str::trim).filter(|s| s.starts_with("UPDATE")).collect();
    assert_eq!(fills.len(), 4, "migrations 0027 and 0028's fills: {fills:?}");
    run_sql(db.as_ref(), &fills).await;
    for (ask, was) in asks.iter().zip(&before) {
        let (_, again) = desk.send("GET", &format!("/api/reports?{ask}"), &manager, None).await;
        assert_eq!(again["tables"], was["tables"], "{ask}: the migration's fill gives the report the desk's writes gave");
        assert_eq!(again["handling_left_out"], was["handling_left_out"], "{ask}");
    }
}

async fn count_of(db: &dyn Database, statement: &str) -> i64 {
    let text = sqlx::AssertSqlSafe(statement.to_string());
    match db.connections() {
        returndesk::store::sql::Pool::Sqlite(p) => sqlx::query_scalar(text).fetch_one(p).await.unwrap(),
        returndesk::store::sql::Pool::Postgres(p) => sqlx::query_scalar(text).fetch_one(p).await.unwrap(),
    }
}

/// The desk's statements are short; PostgreSQL's JIT compiler, chosen by cost alone, spent
/// 830 ms compiling an 80 ms report statement.
#[tokio::test]
async fn postgres_connections_do_not_jit_compile() {
    let db = fresh_postgres().await;
    assert_eq!(count_of(db.as_ref(), "SELECT CAST(CASE WHEN current_setting('jit') = 'off' THEN 1 ELSE 0 END AS BIGINT)").await, 1, "jit is off");
}

async fn run_sql(db: &dyn Database, statements: &[&str]) {
    for s in statements {
        let text = sqlx::AssertSqlSafe(s.to_string());
        match db.connections() {
            returndesk::store::sql::Pool::Sqlite(p) => sqlx::query(text).execute(p).await.unwrap().rows_affected(),
            returndesk::store::sql::Pool::Postgres(p) => sqlx::query(text).execute(p).await.unwrap().rows_affected(),
        };
    }
}

/// Rows keyed by their first column(s), each cell compared as text.
fn agree(report: &Value, expected: &BTreeMap<String, Vec<Vec<String>>>, what: &str) {
    let tables = report["tables"].as_array().unwrap();
    for (id, want) in expected {
        let table = tables.iter().find(|t| t["id"] == id.as_str()).unwrap_or_else(|| panic!("{what}: no table {id}"));
        let got: Vec<Vec<String>> = table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect())
            .collect();
        let (mut got_sorted, mut want_sorted) = (got.clone(), want.clone());
        got_sorted.sort();
        want_sorted.sort();
        assert_eq!(got_sorted, want_sorted, "{what}: table {id}");
    }
    let ids: BTreeSet<&str> = tables.iter().map(|t| t["id"].as_str().unwrap()).collect();
    let checked: BTreeSet<&str> = expected.keys().map(String::as_str).collect();
    assert_eq!(ids, checked, "{what}: every table is checked");
}

fn qty(q: returndesk::domain::Quantity) -> i64 {
    i64::from(q.get())
}

fn cents(text: &str) -> i64 {
    Money::parse(text).unwrap_or_else(|_| panic!("{text} is money")).cents()
}

fn money(c: i64) -> String {
    Money::from_cents(c).to_string()
}

fn pct(part: i64, whole: i64) -> String {
    if whole == 0 {
        return String::new();
    }
    let mut p = (Decimal::from(part) * Decimal::from(100) / Decimal::from(whole)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(2);
    p.to_string()
}

fn tenths(num: i64, den: i64) -> String {
    let mut p = (Decimal::from(num) / Decimal::from(den)).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(1);
    p.to_string()
}

fn period(day: NaiveDate, grain: &str) -> NaiveDate {
    match grain {
        "day" => day,
        "week" => day - Duration::days(day.weekday().num_days_from_monday() as i64),
        _ => NaiveDate::from_ymd_opt(day.year(), day.month(), 1).unwrap(),
    }
}

fn sofia_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Sofia).date_naive()
}

/// The report as the records say it should be, computed here.
async fn expected_report(
    db: &dyn Database,
    made: &[Made],
    receipts: &[SaleReceipt],
    claims: &[ClaimMade],
    grain: &str,
    only: Only<'_>,
    today: NaiveDate,
) -> BTreeMap<String, Vec<Vec<String>>> {
    let (from, to): (NaiveDate, NaiveDate) = (FROM.parse().unwrap(), TO.parse().unwrap());
    let mut t: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    let mut over_time: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut outcome: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut resolution: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut tender: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    // key → (sold units, returned units, sold cents, returned cents)
    let mut by_cat: BTreeMap<(String, String), [i64; 4]> = BTreeMap::new();
    let mut by_brand: BTreeMap<(String, String), [i64; 4]> = BTreeMap::new();
    let mut by_sku: BTreeMap<(String, String), ([i64; 4], String)> = BTreeMap::new();
    for r in receipts {
        for l in &r.receipt.lines {
            let net = l.unit_price.cents() * qty(l.qty) - l.discount.cents();
            for (map, key) in [(&mut by_cat, &l.category), (&mut by_brand, &l.brand)] {
                let e = map.entry((key.clone(), "EUR".into())).or_default();
                e[0] += qty(l.qty);
                e[2] += net;
            }
        }
    }
    let mut top: BTreeMap<String, (String, i64, i64, BTreeMap<String, i64>)> = BTreeMap::new();
    let mut grid: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    let mut denials: BTreeMap<String, i64> = BTreeMap::new();
    let mut per_manager: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    let mut per_clerk: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    let mut handling: [BTreeMap<String, Vec<i64>>; 3] = Default::default();
    for m in made.iter().filter(|m| only.keeps(m.desk, m.clerk)) {
        let rec = db.return_by_id(m.id).await.unwrap().unwrap();
        let v = serde_json::to_value(&rec).unwrap();
        let day = sofia_day(rec.created_at);
        assert!(day >= from && day <= to);
        // A return declined by its manager keeps the decision it was shown, but paid nothing.
        let payouts: Vec<Value> = match v["status"].as_str() {
            Some("completed") => v["decision"]["tenders"].as_array().unwrap().clone(),
            _ => Vec::new(),
        };
        let paid: i64 = payouts.iter().map(|x| cents(x["amount"].as_str().unwrap())).sum();
        for (map, key) in [(&mut over_time, period(day, grain).to_string()), (&mut outcome, v["outcome"].as_str().unwrap().to_string()),
                           (&mut resolution, v["request"]["resolution"].as_str().unwrap().to_string())] {
            let e = map.entry(key).or_default();
            e.0 += 1;
            e.1 += paid;
        }
        for x in &payouts {
            let e = tender.entry(x["type"].as_str().unwrap().to_string()).or_default();
            e.0 += 1;
            e.1 += cents(x["amount"].as_str().unwrap());
        }
        let stored = db.find_receipt(&ReceiptKey::Id(rec.receipt_id)).await.unwrap().unwrap();
        for (i, ask) in rec.request.lines.iter().enumerate() {
            let line = stored.sale.receipt.lines.iter().find(|l| l.line == ask.line).unwrap();
            let returned = stored.history.returned.iter().filter(|q| q.line == ask.line).map(|q| qty(q.qty)).sum::<i64>();
            let reason = returndesk::store::code_of(&ask.reason);
            let condition = returndesk::store::code_of(&ask.condition);
            let e = top.entry(line.sku.clone()).or_insert((line.name.clone(), 0, 0, BTreeMap::new()));
            e.1 += qty(ask.qty);
            e.2 += 1;
            *e.3.entry(reason.clone()).or_default() += 1;
            let g = grid.entry(reason).or_default();
            g[["unopened", "opened", "used", "damaged"].iter().position(|c| *c == condition).unwrap()] += 1;
            let decided = &v["decision"]["lines"][i];
            assert_eq!(decided["line"].as_u64(), Some(u64::from(ask.line.0)));
            if decided["outcome"] == "denied" {
                for reason in decided["reasons"].as_array().unwrap() {
                    *denials.entry(reason["code"].as_str().unwrap().to_string()).or_default() += 1;
                }
            }
            if returned > 0 {
                let net = line.unit_price.cents() * qty(line.qty) - line.discount.cents();
                let value = Money::round(Decimal::new(net * returned, 2) / Decimal::from(qty(line.qty))).cents();
                by_cat.entry((line.category.clone(), "EUR".into())).or_default()[1] += returned;
                by_cat.entry((line.category.clone(), "EUR".into())).or_default()[3] += value;
                by_brand.entry((line.brand.clone(), "EUR".into())).or_default()[1] += returned;
                by_brand.entry((line.brand.clone(), "EUR".into())).or_default()[3] += value;
                let s = by_sku.entry((line.sku.clone(), "EUR".into())).or_insert(([0; 4], line.name.clone()));
                s.0[1] += returned;
                s.0[3] += value;
            }
        }
        for a in &rec.approvals {
            let slot = match (returndesk::store::code_of(&a.decision).as_str(), a.line) {
                ("approved", Some(_)) => 0,
                ("approved", None) => 1,
                _ => 2,
            };
            per_manager.entry(a.manager.clone()).or_default()[slot] += 1;
            per_clerk.entry(rec.clerk_name.clone()).or_default()[slot] += 1;
        }
        if let Some(ms) = m.since_scan_ms {
            let secs = (ms / 1000) as i64;
            handling[0].entry(period(day, grain).to_string()).or_default().push(secs);
            handling[1].entry(m.desk.to_string()).or_default().push(secs);
            handling[2].entry(rec.clerk_name.clone()).or_default().push(secs);
        }
    }
    let pair = |m: BTreeMap<String, (i64, i64)>| m.into_iter().map(|(k, (n, c))| vec![k, n.to_string(), money(c)]).collect::<Vec<_>>();
    t.insert("returns_over_time".into(), pair(over_time));
    t.insert("returns_by_outcome".into(), pair(outcome));
    t.insert("returns_by_resolution".into(), pair(resolution));
    t.insert("refunds_by_tender".into(), pair(tender));
    let rate = |k: (String, String), e: [i64; 4], name: Option<String>| {
        let mut row = vec![k.0];
        row.extend(name);
        row.extend([k.1, e[0].to_string(), e[1].to_string(), pct(e[1], e[0]), money(e[2]), money(e[3]), pct(e[3], e[2])]);
        row
    };
    t.insert("return_rate_by_category".into(), by_cat.into_iter().map(|(k, e)| rate(k, e, None)).collect());
    t.insert("return_rate_by_brand".into(), by_brand.into_iter().map(|(k, e)| rate(k, e, None)).collect());
    // A SKU's sales are what the receipts of the period sold of it.
    let mut sku_rows = Vec::new();
    for ((sku, cur), (mut e, name)) in by_sku {
        for r in receipts {
            for l in r.receipt.lines.iter().filter(|l| l.sku == sku) {
                e[0] += qty(l.qty);
                e[2] += l.unit_price.cents() * qty(l.qty) - l.discount.cents();
            }
        }
        sku_rows.push(rate((sku, cur), e, Some(name)));
    }
    t.insert("return_rate_by_sku".into(), sku_rows);
    let mut ranked: Vec<_> = top.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(&b.0)));
    t.insert(
        "top_returned_products".into(),
        ranked
            .into_iter()
            .take(10)
            .map(|(sku, (name, units, lines, reasons))| {
                let best = reasons.values().max().copied().unwrap();
                let reason = reasons.iter().find(|(_, n)| **n == best).unwrap().0.clone();
                vec![sku, name, units.to_string(), lines.to_string(), reason, best.to_string()]
            })
            .collect(),
    );
    t.insert(
        "reasons_by_condition".into(),
        grid.into_iter().map(|(r, g)| vec![r, g[0].to_string(), g[1].to_string(), g[2].to_string(), g[3].to_string(), g.iter().sum::<i64>().to_string()]).collect(),
    );
    t.insert("denials_by_rule".into(), denials.into_iter().map(|(c, n)| vec![c, n.to_string()]).collect());
    let who = |m: BTreeMap<String, [i64; 3]>| m.into_iter().map(|(k, c)| vec![k, c[0].to_string(), c[1].to_string(), c[2].to_string()]).collect::<Vec<_>>();
    t.insert("approvals_by_manager".into(), who(per_manager));
    t.insert("approvals_by_clerk".into(), who(per_clerk));
    for (i, id) in ["handling_over_time", "handling_by_desk", "handling_by_clerk"].into_iter().enumerate() {
        let rows = std::mem::take(&mut handling[i])
            .into_iter()
            .map(|(k, mut s)| {
                s.sort();
                let n = s.len() as i64;
                // Nearest rank: the smallest value with at least p % of the values at or below it.
                let rank = |p: i64| s[(1..=n).find(|k| k * 100 >= p * n).unwrap() as usize - 1];
                vec![k, n.to_string(), tenths(rank(50), 60), tenths(rank(90), 60), tenths(s.iter().sum::<i64>(), 60 * n)]
            })
            .collect();
        t.insert(id.into(), rows);
    }
    // Claims: new by the day they were opened, settled by the day they were answered for good
    // (handed back, or settled by money), both store days in the period; open and overdue on
    // the report day, of those opened by the period's end.
    let in_period = |d: NaiveDate| d >= from && d <= to;
    // period → (opened, settled, days to settle summed)
    let mut claims_time: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    let (mut open, mut overdue, mut any) = (0, 0, false);
    let mut remedies: BTreeMap<String, i64> = BTreeMap::new();
    let mut services: BTreeMap<String, i64> = BTreeMap::new();
    for c in claims.iter().filter(|c| only.keeps(c.desk, c.clerk)) {
        let record = db.claim_by_id(c.id).await.unwrap().unwrap();
        assert_eq!(record.claimed_on, c.opened, "claim {}: opened on the store's day", c.id);
        // Bulgaria: a month from the claim.
        assert_eq!(record.claim_due_by, c.opened + chrono::Months::new(1), "claim {}: its deadline", c.id);
        if in_period(c.opened) {
            claims_time.entry(period(c.opened, grain).to_string()).or_default().0 += 1;
            *remedies.entry(c.remedy.to_string()).or_default() += 1;
            *services.entry(c.service.unwrap_or("none").to_string()).or_default() += 1;
        }
        if let Some(on) = c.settled.filter(|d| in_period(*d)) {
            let e = claims_time.entry(period(on, grain).to_string()).or_default();
            e.1 += 1;
            e.2 += (on - c.opened).num_days();
        }
        if c.opened > to || c.settled.is_some_and(|d| d < from) {
            continue;
        }
        any = true;
        if c.settled.is_none() {
            open += 1;
            if record.claim_due_by < today {
                overdue += 1;
            }
        }
    }
    t.insert(
        "claims_over_time".into(),
        claims_time
            .into_iter()
            .map(|(p, (n, s, days))| vec![p, n.to_string(), s.to_string(), if s == 0 { String::new() } else { tenths(days, s) }])
            .collect(),
    );
    t.insert("claims_open".into(), if any { vec![vec!["open".into(), open.to_string()], vec!["overdue".into(), overdue.to_string()]] } else { vec![] });
    t.insert("claims_by_remedy".into(), remedies.into_iter().map(|(k, n)| vec![k, n.to_string()]).collect());
    t.insert("claims_by_service_outcome".into(), services.into_iter().map(|(k, n)| vec![k, n.to_string()]).collect());

    // The customers' ratings: counted and averaged here from what each customer gave.
    let avg = |sum: i64, n: i64| {
        let mut m = (Decimal::from(sum) / Decimal::from(n)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        m.rescale(2);
        m.to_string()
    };
    // key → (ratings, stars summed)
    type Rated = BTreeMap<String, (i64, i64)>;
    let (mut by_time, mut by_desk, mut by_clerk): (Rated, Rated, Rated) = Default::default();
    let mut comments = Vec::new();
    for m in made.iter().filter(|m| only.keeps(m.desk, m.clerk)) {
        let Some((stars, comment)) = &m.rated else { continue };
        let at: DateTime<Utc> = m.at.parse().unwrap();
        for (map, key) in [(&mut by_time, period(sofia_day(at), grain).to_string()), (&mut by_desk, m.desk.to_string()), (&mut by_clerk, m.clerk.to_string())] {
            let e = map.entry(key).or_default();
            e.0 += 1;
            e.1 += stars;
        }
        if !comment.is_empty() {
            let local = (at + Duration::hours(3)).format("%Y-%m-%d %H:%M").to_string(); // Sofia is UTC+3 in October
            comments.push(vec![local, m.desk.to_string(), m.clerk.to_string(), stars.to_string(), comment.clone()]);
        }
    }
    for (id, map) in [("feedback_over_time", by_time), ("feedback_by_desk", by_desk), ("feedback_by_clerk", by_clerk)] {
        t.insert(id.into(), map.into_iter().map(|(k, (n, sum))| vec![k, n.to_string(), avg(sum, n)]).collect());
    }
    t.insert("feedback_comments".into(), comments);
    t
}

#[tokio::test]
async fn every_figure_agrees_with_the_records_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    story(db).await;
}

#[tokio::test]
async fn every_figure_agrees_with_the_records_on_postgres() {
    story(fresh_postgres().await).await;
}
