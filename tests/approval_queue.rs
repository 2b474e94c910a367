//! The approval queue (issue 12), through the HTTP API on SQLite and PostgreSQL: a clerk sends
//! a return that needs a manager, a manager decides it at their own desk, the clerk completes
//! it and it pays exactly what was approved. Also: who may decide (roles, approval limits), two
//! managers at once, a receipt changed since queueing, the push (`watch_queue`) across two
//! desks on one database, a clerk's refund limit, and frequent returners.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use returndesk::api::DeskApi;
use returndesk::domain::Money;
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, NewUser, Role};
use serde_json::{json, Value};
use tower::ServiceExt;

/// One desk's door onto the database (another `Desk` on the same database is how another
/// process looks).
struct Door {
    router: axum::Router,
}

impl Door {
    fn new(db: &Arc<dyn Database>, clock: &DeskClock, watch: Option<(Duration, Duration)>) -> Door {
        let desk = Desk::new(db.clone());
        let desk = match watch {
            Some((timeout, poll)) => desk.with_queue_watch(timeout, poll),
            None => desk,
        };
        Door { router: api_router(DeskApi::new(desk, clock.clone())) }
    }

    async fn send(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {token}"));
        let res = self.router.clone().oneshot(req.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string()))).unwrap()).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn token(&self, login: &str, pin: &str, desk: &str) -> String {
        let req = Request::builder()
            .method("POST")
            .uri("/api/session")
            .header("content-type", "application/json")
            .body(Body::from(json!({"login": login, "pin": pin, "terminal": desk}).to_string()))
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{login} signs in");
        let body: Value = serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
        body["token"].as_str().unwrap().to_string()
    }
}

struct Shop {
    db: Arc<dyn Database>,
    clock: DeskClock,
    door: Door,
    receipt: i64,
    clerk: String,
    manager: String,
}

fn user(login: &str, name: &str, role: Role, pin: &str, refund_limit: Option<&str>, approval_limit: Option<&str>) -> NewUser {
    NewUser {
        store_code: Some("S01".into()),
        login: login.into(),
        display_name: name.into(),
        role,
        pin_hash: returndesk::demo::hash_pin(pin).unwrap(),
        refund_limit: refund_limit.map(|m| Money::parse(m).unwrap()),
        approval_limit: approval_limit.map(|m| Money::parse(m).unwrap()),
    }
}

async fn shop(db: Arc<dyn Database>) -> Shop {
    set_up_stores(db.as_ref()).await;
    db.put_terminal("S01", "DESK-2").await.unwrap();
    db.put_terminal("S01", "OFFICE").await.unwrap();
    db.put_user(&user("elena", "Elena Koleva", Role::Manager, "8888", None, None)).await.unwrap();
    db.put_user(&user("ana", "Ana Stoyanova", Role::Administrator, "7777", None, None)).await.unwrap();
    db.put_user(&user("ivo", "Ivo Marinov", Role::Clerk, "5555", None, None)).await.unwrap();
    let mut receipt = sofia_receipt("S01-2026-004512");
    receipt.receipt.tenders[0].card_fingerprint = Some("tok_card_A".into());
    db.import_receipts(&[receipt]).await.unwrap();
    let receipt = db.find_receipt(&returndesk::store::ReceiptKey::Id(1)).await.unwrap().unwrap().id;
    let clock = DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap());
    let door = Door::new(&db, &clock, None);
    let clerk = door.token("maria", "1234", "DESK-1").await;
    let manager = door.token("georgi", "9999", "OFFICE").await;
    Shop { db, clock, door, receipt, clerk, manager }
}

/// The TV (above the policy's 500.00 manager limit: AMOUNT_OVER_LIMIT).
fn tv(receipt: i64) -> Value {
    json!({"receipt_id": receipt, "resolution": "refund",
           "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})
}

/// The TV and an opened pack of batteries (denied, overridable).
fn tv_and_batteries(receipt: i64) -> Value {
    json!({"receipt_id": receipt, "resolution": "refund",
           "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"},
                     {"line": 4, "qty": 1, "reason": "change_of_mind", "condition": "opened"}]})
}

fn with(mut draft: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        draft[k] = v.clone();
    }
    draft
}

fn approve(reason_text: &str) -> Value {
    json!({"decision": "approve", "reason_code": "goodwill", "reason_text": reason_text})
}

async fn queue_version(s: &Shop) -> i64 {
    s.door.send("GET", "/api/queue", &s.manager, None).await.1["version"].as_i64().unwrap()
}

async fn audit_actions(s: &Shop) -> Vec<String> {
    let (status, page) = s.door.send("GET", "/api/audit?limit=200", &s.manager, None).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect()
}

/// waiting → approved → completed, and every refusal on the way writes nothing.
async fn approved_and_completed(db: Arc<dyn Database>) {
    let s = shop(db).await;
    let d = &s.door;
    // Nothing needs a manager: the desk confirms it itself.
    let cables = json!({"receipt_id": s.receipt, "resolution": "refund", "idempotency_key": "q-cables",
        "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]});
    let (status, body) = d.send("POST", "/api/queue", &s.clerk, Some(cables)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("NO_MANAGER_NEEDED")), "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("needs no manager"));
    assert_eq!(queue_version(&s).await, 0, "a refused queueing writes nothing");

    let queued = with(tv(s.receipt), json!({"idempotency_key": "q-tv", "note": "the customer is a regular"}));
    let (status, case) = d.send("POST", "/api/queue", &s.clerk, Some(queued.clone())).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    assert_eq!(case["state"], "waiting");
    assert_eq!(case["asked"], json!(["AMOUNT_OVER_LIMIT"]));
    assert_eq!(case["needs_role"], "manager");
    assert_eq!(case["requested_by"], json!({"login": "maria", "display_name": "Maria Ivanova"}));
    assert_eq!(case["terminal"], "DESK-1");
    assert_eq!(case["note"], "the customer is a regular");
    assert_eq!(case["receipt"]["number"], "S01-2026-004512");
    assert_eq!(case["verdict"]["outcome"], "needs_approval");
    assert_eq!(case["verdict"]["manager_required"], true);
    assert_eq!(case["draft"]["lines"][0]["line"], 1);
    assert_eq!(case["decision"], Value::Null);
    let refund_total = case["refund_total"].as_str().unwrap().to_string();
    assert!(Money::parse(&refund_total).unwrap() > Money::parse("500.00").unwrap());
    let id = case["id"].as_i64().unwrap();

    // The same key gives back the same case; the same key for another draft is refused.
    let (status, again) = d.send("POST", "/api/queue", &s.clerk, Some(queued.clone())).await;
    assert_eq!((status, again["id"].as_i64()), (StatusCode::OK, Some(id)));
    let (status, body) = d.send("POST", "/api/queue", &s.clerk, Some(with(tv_and_batteries(s.receipt), json!({"idempotency_key": "q-tv"})))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("IDEMPOTENCY_KEY_REUSED")));
    let version = queue_version(&s).await;
    assert_eq!(version, 1, "one case queued, once");

    // Both see it: the manager (the store's queue) and the clerk (sent from their desk);
    // another clerk at another desk does not.
    let (_, mine) = d.send("GET", "/api/queue", &s.clerk, None).await;
    assert_eq!(mine["cases"].as_array().unwrap().len(), 1);
    let ivo = d.token("ivo", "5555", "DESK-2").await;
    let (_, theirs) = d.send("GET", "/api/queue", &ivo, None).await;
    assert_eq!(theirs["cases"].as_array().unwrap().len(), 0);

    // A clerk may not decide: 403, nothing written.
    let (status, body) = d.send("POST", &format!("/api/queue/{id}/decision"), &s.clerk, Some(approve("ok"))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")), "{body}");
    // Confirming before a manager decided is refused.
    let early = with(tv(s.receipt), json!({"idempotency_key": "c-tv", "queued_id": id}));
    let (status, body) = d.send("POST", "/api/returns", &s.clerk, Some(early)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("QUEUE_CASE_NOT_DECIDED")), "{body}");
    assert_eq!(body["error"]["case"], json!(id), "{body}");
    // "other" needs words.
    let (status, body) =
        d.send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(json!({"decision": "approve", "reason_code": "other"}))).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("reason_text")), "{body}");
    assert_eq!(queue_version(&s).await, version, "refusals write nothing");

    let (status, decided) = d.send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(approve("regular customer"))).await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(decided["state"], "approved");
    assert_eq!(decided["decision"]["by"]["login"], "georgi");
    assert_eq!(decided["decision"]["approve"], true);
    assert_eq!(decided["decision"]["reason_code"], "goodwill");
    assert_eq!(decided["decision"]["approved_refund"], json!(refund_total));
    // Deciding twice, or declining after the approval: 409.
    let decided_version = queue_version(&s).await;
    let (status, body) = d.send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(approve("again"))).await;
    assert_eq!((status, body["error"]["code"].as_str(), body["error"]["state"].as_str()), (StatusCode::CONFLICT, Some("ALREADY_DECIDED"), Some("approved")), "{body}");
    let elena = d.token("elena", "8888", "DESK-2").await;
    let (status, body) = d
        .send("POST", &format!("/api/queue/{id}/decision"), &elena, Some(json!({"decision": "decline", "reason_code": "other", "reason_text": "no"})))
        .await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("ALREADY_DECIDED")), "{body}");
    // (An approved case the desk will not complete can be taken back: declined_and_withdrawn.)

    // The confirmation must carry the queued draft.
    let other = with(tv_and_batteries(s.receipt), json!({"idempotency_key": "c-tv", "queued_id": id}));
    let (status, body) = d.send("POST", "/api/returns", &s.clerk, Some(other)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("QUEUED_DRAFT_CHANGED")), "{body}");
    assert_eq!(queue_version(&s).await, decided_version, "refusals write nothing");
    let confirm = with(tv(s.receipt), json!({"idempotency_key": "c-tv", "queued_id": id}));
    let (status, ret) = d.send("POST", "/api/returns", &s.clerk, Some(confirm.clone())).await;
    assert_eq!(status, StatusCode::OK, "{ret}");
    assert_eq!(ret["status"], "completed");
    assert_eq!(ret["decision"]["totals"]["refund"], json!(refund_total), "it pays what the manager approved");
    assert_eq!(ret["approvals"][0]["manager"], "Georgi Dimitrov");
    assert_eq!(ret["approvals"][0]["code"], "AMOUNT_OVER_LIMIT");
    assert_eq!(ret["approvals"][0]["reason"], "goodwill: regular customer");
    let (_, case) = d.send("GET", "/api/queue?open_only=false", &s.manager, None).await;
    assert_eq!(case["cases"][0]["state"], "completed");
    assert_eq!(case["cases"][0]["return_id"], ret["id"]);
    let (_, open) = d.send("GET", "/api/queue", &s.manager, None).await;
    assert_eq!(open["cases"].as_array().unwrap().len(), 0, "a completed case is no longer open");

    // A retry answers the same return; another key for the same case pays nothing twice.
    let (status, retry) = d.send("POST", "/api/returns", &s.clerk, Some(confirm)).await;
    assert_eq!((status, retry["id"].clone(), retry["created"].clone()), (StatusCode::OK, ret["id"].clone(), json!(false)));
    let twice = with(tv(s.receipt), json!({"idempotency_key": "c-tv-2", "queued_id": id}));
    let (status, body) = d.send("POST", "/api/returns", &s.clerk, Some(twice)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("QUEUE_CASE_COMPLETED")), "{body}");
    assert_eq!(body["error"]["return_id"], ret["id"], "{body}");
    let (_, returns) = d.send("GET", "/api/returns", &s.clerk, None).await;
    assert_eq!(returns.as_array().unwrap().len(), 1, "one return, paid once");

    let actions = audit_actions(&s).await;
    for a in ["return_queued", "queued_decided", "queued_completed", "return_confirmed", "override_approved"] {
        assert_eq!(actions.iter().filter(|x| *x == a).count(), 1, "{a} once in {actions:?}");
    }
    assert_eq!(s.db.verify_audit().await.unwrap().broken, None, "the trail holds");
}

/// waiting → declined → completed as declined (pays nothing); waiting → withdrawn; an overdue
/// case.
async fn declined_and_withdrawn(db: Arc<dyn Database>) {
    let s = shop(db).await;
    let d = &s.door;
    let batteries = json!({"receipt_id": s.receipt, "resolution": "refund", "idempotency_key": "q-batt",
        "lines": [{"line": 4, "qty": 1, "reason": "change_of_mind", "condition": "opened"}]});
    let (status, case) = d.send("POST", "/api/queue", &s.clerk, Some(batteries.clone())).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    assert_eq!(case["verdict"]["outcome"], "denied");
    assert_eq!(case["verdict"]["overridable_lines"], json!([4]));
    assert!(!case["asked"].as_array().unwrap().is_empty());
    let id = case["id"].as_i64().unwrap();
    assert_eq!(case["overdue"], false);
    // Waiting longer than the store's queue_overdue_minutes (set to 5): overdue.
    let (status, settings) = d.send("PUT", "/api/settings", &s.manager, Some(json!({"queue_overdue_minutes": 5}))).await;
    assert_eq!((status, settings["queue_overdue_minutes"].as_i64()), (StatusCode::OK, Some(5)));
    let (status, body) = d.send("PUT", "/api/settings", &s.manager, Some(json!({"queue_overdue_minutes": 241}))).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("queue_overdue_minutes")));
    s.clock.advance(chrono::Duration::minutes(6));
    let (_, queue) = d.send("GET", "/api/queue", &s.manager, None).await;
    assert_eq!(queue["cases"][0]["waiting_minutes"], 6);
    assert_eq!(queue["cases"][0]["overdue"], true);

    // A decline needs words.
    let decline = |text: &str| json!({"decision": "decline", "reason_code": "store_error", "reason_text": text});
    let (status, body) = d.send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(decline(" "))).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("reason_text")));
    let (status, declined) = d.send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(decline("seal broken"))).await;
    assert_eq!(status, StatusCode::OK, "{declined}");
    assert_eq!(declined["state"], "declined");
    assert_eq!(declined["decision"]["approved_refund"], "0.00");
    assert_eq!(declined["waiting_minutes"], 6, "waited until decided");
    assert_eq!(declined["overdue"], false, "a decided case is not overdue");
    // Approving after another manager declined: 409.
    let elena = d.token("elena", "8888", "DESK-2").await;
    let (status, body) = d.send("POST", &format!("/api/queue/{id}/decision"), &elena, Some(approve("ok"))).await;
    assert_eq!((status, body["error"]["code"].as_str(), body["error"]["state"].as_str()), (StatusCode::CONFLICT, Some("ALREADY_DECIDED"), Some("declined")), "{body}");
    // Completed as declined: recorded, paying nothing.
    let mut confirm = batteries.clone();
    confirm["idempotency_key"] = json!("c-batt");
    confirm["queued_id"] = json!(id);
    let (status, ret) = d.send("POST", "/api/returns", &s.clerk, Some(confirm)).await;
    assert_eq!(status, StatusCode::OK, "{ret}");
    assert_eq!(ret["status"], "declined");
    assert_eq!(ret["decision"]["totals"]["refund"], "0.00");
    assert_eq!(ret["approvals"][0]["manager"], "Georgi Dimitrov");
    assert_eq!(ret["approvals"][0]["decision"], "decline");

    // Withdrawn by the clerk; then nobody decides it.
    let (_, case) = d.send("POST", "/api/queue", &s.clerk, Some(with(tv(s.receipt), json!({"idempotency_key": "q-tv"})))).await;
    let id = case["id"].as_i64().unwrap();
    let ivo = d.token("ivo", "5555", "DESK-2").await;
    let (status, _) = d.send("DELETE", &format!("/api/queue/{id}"), &ivo, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "another desk's clerk may not take it back");
    let (status, withdrawn) = d.send("DELETE", &format!("/api/queue/{id}"), &s.clerk, None).await;
    assert_eq!((status, withdrawn["state"].as_str()), (StatusCode::OK, Some("withdrawn")), "{withdrawn}");
    let version = queue_version(&s).await;
    let (status, body) = d.send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(approve("ok"))).await;
    assert_eq!((status, body["error"]["code"].as_str(), body["error"]["state"].as_str()), (StatusCode::CONFLICT, Some("ALREADY_DECIDED"), Some("withdrawn")), "{body}");
    let (status, body) = d.send("DELETE", &format!("/api/queue/{id}"), &s.clerk, None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("ALREADY_DECIDED")), "{body}");
    let done = with(tv(s.receipt), json!({"idempotency_key": "c-withdrawn", "queued_id": id}));
    let (status, body) = d.send("POST", "/api/returns", &s.clerk, Some(done)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("QUEUE_CASE_WITHDRAWN")), "{body}");
    // The store's own check (a desk that saw it waiting a moment ago) answers the same code.
    let actor = returndesk::store::AuditActor { user_id: None, terminal_id: None, store_code: Some("S01".into()) };
    let again = s.db.withdraw_queued(id, &actor, chrono::Utc::now()).await.unwrap_err();
    let again = returndesk::api::ApiError::from(again);
    assert_eq!((again.code, again.extra["state"].as_str()), ("ALREADY_DECIDED", Some("withdrawn")), "{}", again.body());
    assert_eq!(queue_version(&s).await, version, "refusals write nothing");

    // An approved case the desk will not complete (the customer left, or the receipt changed
    // since: APPROVED_AMOUNT_CHANGED) is taken back too; nothing was paid, and it cannot be
    // completed after.
    let (_, case) = d.send("POST", "/api/queue", &s.clerk, Some(with(tv(s.receipt), json!({"idempotency_key": "q-tv-2"})))).await;
    let approved_id = case["id"].as_i64().unwrap();
    let (status, decided) = d.send("POST", &format!("/api/queue/{approved_id}/decision"), &s.manager, Some(approve("ok"))).await;
    assert_eq!((status, decided["state"].as_str()), (StatusCode::OK, Some("approved")), "{decided}");
    let (status, _) = d.send("DELETE", &format!("/api/queue/{approved_id}"), &ivo, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "another desk's clerk may not take back an approved case either");
    let (status, withdrawn) = d.send("DELETE", &format!("/api/queue/{approved_id}"), &s.clerk, None).await;
    assert_eq!((status, withdrawn["state"].as_str()), (StatusCode::OK, Some("withdrawn")), "{withdrawn}");
    let before = audit_actions(&s).await;
    let done = with(tv(s.receipt), json!({"idempotency_key": "c-approved-withdrawn", "queued_id": approved_id}));
    let (status, body) = d.send("POST", "/api/returns", &s.clerk, Some(done)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("QUEUE_CASE_WITHDRAWN")), "{body}");
    let actions = audit_actions(&s).await;
    assert_eq!(actions, before, "nothing recorded, nothing paid for a withdrawn case");
    assert_eq!(actions.iter().filter(|a| *a == "queued_withdrawn").count(), 2);
    assert_eq!(actions.iter().filter(|a| *a == "queued_decided").count(), 2);
}

/// Per line: the manager approves the TV but does not override the opened batteries; the return
/// pays exactly the TV.
async fn approved_lines_only(db: Arc<dyn Database>) {
    let s = shop(db).await;
    let d = &s.door;
    let draft = tv_and_batteries(s.receipt);
    let (status, case) = d.send("POST", "/api/queue", &s.clerk, Some(with(draft.clone(), json!({"idempotency_key": "q-both"})))).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    let id = case["id"].as_i64().unwrap();
    let asked: Vec<String> = serde_json::from_value(case["asked"].clone()).unwrap();
    assert!(asked.contains(&"AMOUNT_OVER_LIMIT".to_string()) && asked.len() >= 2, "{asked:?}");
    // What the TV alone pays, with the approval (the preview a manager sees).
    let (_, tv_only) =
        d.send("POST", "/api/returns/evaluate", &s.manager, Some(with(draft.clone(), json!({"preview_overrides": []})))).await;
    let (_, all) = d.send("POST", "/api/returns/evaluate", &s.manager, Some(with(draft.clone(), json!({"preview_overrides": [4]})))).await;
    assert_ne!(tv_only["totals"]["refund"], all["totals"]["refund"]);
    assert_eq!(case["refund_total"], all["totals"]["refund"], "refund_total: all that was asked, granted");
    let (status, decided) = d
        .send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(json!({"decision": "approve", "lines": [], "reason_code": "goodwill"})))
        .await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(decided["decision"]["lines"], json!([]));
    assert_eq!(decided["decision"]["approved_refund"], tv_only["totals"]["refund"]);
    let (status, ret) = d.send("POST", "/api/returns", &s.clerk, Some(with(draft, json!({"idempotency_key": "c-both", "queued_id": id})))).await;
    assert_eq!(status, StatusCode::OK, "{ret}");
    assert_eq!(ret["decision"]["totals"]["refund"], tv_only["totals"]["refund"], "only the approved lines are paid");
    assert_eq!(ret["decision"]["lines"][1]["outcome"], "denied");
}

/// A clerk's refund limit (CLERK_LIMIT), a manager's approval limit (APPROVAL_LIMIT, at the
/// queue and with a PIN at the desk), and an administrator above it.
async fn limits(db: Arc<dyn Database>) {
    let s = shop(db).await;
    let d = &s.door;
    s.db.put_user(&user("maria", "Maria Ivanova", Role::Clerk, "1234", Some("10.00"), None)).await.unwrap();
    s.db.put_user(&user("georgi", "Georgi Dimitrov", Role::Manager, "9999", None, Some("500.00"))).await.unwrap();
    s.db.put_user(&user("elena", "Elena Koleva", Role::Manager, "8888", None, Some("300.00"))).await.unwrap();
    let cables = |qty: u32, key: &str| {
        json!({"receipt_id": s.receipt, "resolution": "refund", "idempotency_key": key,
               "lines": [{"line": 2, "qty": qty, "reason": "change_of_mind", "condition": "unopened"}]})
    };
    // One cable (9.00) is within the clerk's 10.00; two are not.
    let (_, one) = d.send("POST", "/api/returns/evaluate", &s.clerk, Some(cables(1, "e1"))).await;
    assert_eq!((one["may_confirm"].clone(), one["desk_approvals"].clone()), (json!(true), json!([])), "{one}");
    let (_, two) = d.send("POST", "/api/returns/evaluate", &s.clerk, Some(cables(2, "e2"))).await;
    assert_eq!(two["outcome"], "approved", "the engine's decision is unchanged");
    assert_eq!((two["may_confirm"].clone(), two["manager_required"].clone()), (json!(false), json!(true)));
    assert_eq!(two["desk_approvals"], json!(["CLERK_LIMIT"]));
    let (status, body) = d.send("POST", "/api/returns", &s.clerk, Some(cables(2, "c2"))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("MANAGER_REQUIRED")));
    assert_eq!(body["error"]["approvals"], json!(["CLERK_LIMIT"]));
    let (status, case) = d.send("POST", "/api/queue", &s.clerk, Some(cables(2, "q2"))).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    assert_eq!(case["asked"], json!(["CLERK_LIMIT"]));
    let small = case["id"].as_i64().unwrap();
    // The manager decides the queued one (within 500.00).
    let (status, _) = d.send("POST", &format!("/api/queue/{small}/decision"), &s.manager, Some(approve("ok"))).await;
    assert_eq!(status, StatusCode::OK);
    // A manager's PIN at the desk covers it too.
    let mut pin = cables(2, "c2-pin");
    pin["manager"] = json!({"manager_login": "georgi", "manager_pin": "9999", "decision": "approve", "reason": "ok"});
    let (status, body) = d.send("POST", "/api/returns", &s.clerk, Some(pin)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The TV refunds more than either manager may approve: an administrator must.
    let (_, case) = d.send("POST", "/api/queue", &s.clerk, Some(with(tv(s.receipt), json!({"idempotency_key": "q-tv"})))).await;
    let id = case["id"].as_i64().unwrap();
    assert_eq!(case["needs_role"], "administrator", "{case}");
    let version = queue_version(&s).await;
    let (status, body) = d.send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(approve("ok"))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("APPROVAL_LIMIT")), "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("an administrator must approve"));
    assert_eq!(body["error"]["approval_limit"], "500.00");
    let (status, body) =
        d.send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(json!({"decision": "decline", "reason_code": "other", "reason_text": "no"}))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("APPROVAL_LIMIT")));
    let (_, queue) = d.send("GET", "/api/queue", &s.manager, None).await;
    let still = queue["cases"].as_array().unwrap().iter().find(|c| c["id"] == json!(id)).unwrap().clone();
    assert_eq!((still["state"].as_str(), still["needs_role"].as_str()), (Some("waiting"), Some("administrator")));
    assert_eq!(queue["version"], json!(version), "the refusal wrote nothing");
    // The PIN path at the desk holds to the same limit.
    let mut pin = with(tv(s.receipt), json!({"idempotency_key": "c-tv-pin"}));
    pin["manager"] = json!({"manager_login": "georgi", "manager_pin": "9999", "decision": "approve", "reason": "ok"});
    let (status, body) = d.send("POST", "/api/returns", &s.clerk, Some(pin)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("APPROVAL_LIMIT")), "{body}");
    // The administrator (no limit) approves; the clerk completes it.
    let ana = d.token("ana", "7777", "OFFICE").await;
    let (status, decided) = d.send("POST", &format!("/api/queue/{id}/decision"), &ana, Some(approve("ok"))).await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(decided["decision"]["by"]["login"], "ana");
    let (status, ret) = d.send("POST", "/api/returns", &s.clerk, Some(with(tv(s.receipt), json!({"idempotency_key": "c-tv", "queued_id": id})))).await;
    assert_eq!(status, StatusCode::OK, "{ret}");
    assert_eq!(ret["approvals"][0]["manager"], "Ana Stoyanova");
}

/// Two managers deciding the same case at the same moment: exactly one wins.
async fn two_managers_at_once(db: Arc<dyn Database>) {
    let s = shop(db).await;
    let elena = s.door.token("elena", "8888", "DESK-2").await;
    for round in 0..4 {
        let (_, case) = s.door.send("POST", "/api/queue", &s.clerk, Some(with(tv(s.receipt), json!({"idempotency_key": format!("q-{round}")})))).await;
        let id = case["id"].as_i64().unwrap();
        let decide = |token: String, body: Value| {
            let router = s.door.router.clone();
            tokio::spawn(async move {
                let door = Door { router };
                door.send("POST", &format!("/api/queue/{id}/decision"), &token, Some(body)).await
            })
        };
        let a = decide(s.manager.clone(), approve("georgi says yes"));
        let b = decide(elena.clone(), json!({"decision": "decline", "reason_code": "other", "reason_text": "elena says no"}));
        let (a, b) = (a.await.unwrap(), b.await.unwrap());
        let statuses = [a.0, b.0];
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{a:?} {b:?}");
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count(), 1, "{a:?} {b:?}");
        let loser = if a.0 == StatusCode::OK { &b.1 } else { &a.1 };
        assert_eq!(loser["error"]["code"], "ALREADY_DECIDED", "{loser}");
        let winner = if a.0 == StatusCode::OK { &a.1 } else { &b.1 };
        let (_, queue) = s.door.send("GET", "/api/queue", &s.manager, None).await;
        let case = queue["cases"].as_array().unwrap().iter().find(|c| c["id"] == json!(id)).unwrap().clone();
        assert_eq!(case["state"], winner["state"]);
        assert_eq!(case["decision"]["by"], winner["decision"]["by"]);
    }
    let actions = audit_actions(&s).await;
    assert_eq!(actions.iter().filter(|a| *a == "queued_decided").count(), 4, "one decision per case");
}

/// Another desk returns the units first: the queued verdict no longer holds, deciding is
/// refused and writes nothing.
async fn receipt_changed_since_queueing(db: Arc<dyn Database>) {
    let s = shop(db).await;
    let d = &s.door;
    let (_, case) = d.send("POST", "/api/queue", &s.clerk, Some(with(tv(s.receipt), json!({"idempotency_key": "q-tv"})))).await;
    let id = case["id"].as_i64().unwrap();
    let ivo = d.token("ivo", "5555", "DESK-2").await;
    let mut first = with(tv(s.receipt), json!({"idempotency_key": "other-desk"}));
    first["manager"] = json!({"manager_login": "elena", "manager_pin": "8888", "decision": "approve", "reason": "ok"});
    let (status, body) = d.send("POST", "/api/returns", &ivo, Some(first)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let version = queue_version(&s).await;
    let (status, body) = d.send("POST", &format!("/api/queue/{id}/decision"), &s.manager, Some(approve("ok"))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("changed since"), "{body}");
    let (_, queue) = d.send("GET", "/api/queue", &s.manager, None).await;
    assert_eq!(queue["cases"][0]["state"], "waiting");
    assert_eq!(queue["version"], json!(version));
    assert!(!audit_actions(&s).await.contains(&"queued_decided".to_string()));
}

/// The push: a watch on one desk wakes when another desk (another `Desk` on the same database,
/// as another process is) changes the queue, within the poll period; with no change it answers
/// the same version after its timeout.
async fn watch_across_desks(db: Arc<dyn Database>) {
    let s = shop(db.clone()).await;
    let timeout = Duration::from_millis(1500);
    let watcher = Door::new(&db, &s.clock, Some((timeout, Duration::from_millis(100))));
    let version = queue_version(&s).await;

    // No change: the same version, after the timeout.
    let started = Instant::now();
    let (status, same) = watcher.send("GET", &format!("/api/queue/watch?after={version}"), &s.manager, None).await;
    assert_eq!((status, same["version"].as_i64()), (StatusCode::OK, Some(version)));
    assert!(started.elapsed() >= timeout, "answered after {:?}", started.elapsed());

    // A change through the other desk wakes it, long before the timeout.
    let router = watcher.router.clone();
    let token = s.manager.clone();
    let started = Instant::now();
    let watch = tokio::spawn(async move {
        let answer = Door { router }.send("GET", &format!("/api/queue/watch?after={version}"), &token, None).await;
        (answer, started.elapsed())
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (status, case) = s.door.send("POST", "/api/queue", &s.clerk, Some(with(tv(s.receipt), json!({"idempotency_key": "q-tv"})))).await;
    assert_eq!(status, StatusCode::OK);
    let ((status, changed), took) = watch.await.unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(changed["version"].as_i64().unwrap() > version);
    assert_eq!(changed["cases"][0]["id"], case["id"]);
    assert!(took < timeout, "woke after {took:?}");

    // The same desk's own change wakes its watch at once.
    let version = changed["version"].as_i64().unwrap();
    let router = watcher.router.clone();
    let token = s.manager.clone();
    let started = Instant::now();
    let watch = tokio::spawn(async move {
        let answer = Door { router }.send("GET", &format!("/api/queue/watch?after={version}"), &token, None).await;
        (answer, started.elapsed())
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    let id = case["id"].as_i64().unwrap();
    let (status, _) = watcher.send("DELETE", &format!("/api/queue/{id}"), &s.clerk, None).await;
    assert_eq!(status, StatusCode::OK);
    let ((_, changed), took) = watch.await.unwrap();
    assert!(changed["version"].as_i64().unwrap() > version);
    assert!(took < timeout, "woke after {took:?}");
}

/// Frequent returners: the customer's earlier returns at the store in the last 90 days, by card
/// fingerprint or phone, make FREQUENT_RETURNS; returns older than 90 days do not count.
async fn frequent_returner(db: Arc<dyn Database>) {
    let s = shop(db.clone()).await;
    // Five more receipts of the same card; a sixth paid by another card.
    let mut receipts = Vec::new();
    for n in 0..7 {
        let mut r = sofia_receipt(&format!("S01-2026-1000{n}"));
        r.receipt.tenders[0].card_fingerprint = Some(if n == 6 { "tok_card_B".into() } else { "tok_card_A".into() });
        receipts.push(r);
    }
    db.import_receipts(&receipts).await.unwrap();
    let id_of = |n: usize| {
        let db = db.clone();
        async move {
            db.find_receipt(&returndesk::store::ReceiptKey::Number { store: Some("S01".into()), number: format!("S01-2026-1000{n}") })
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let cable = |receipt: i64, key: &str, contact: &str| {
        json!({"receipt_id": receipt, "resolution": "refund", "idempotency_key": key,
               "customer": {"name": "", "contact": contact},
               "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})
    };
    // Four returns paid to card A, and one by the phone of the customer (paid cash-less card B).
    for n in 0..4 {
        let (status, body) = s.door.send("POST", "/api/returns", &s.clerk, Some(cable(id_of(n).await, &format!("r{n}"), ""))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (_, fifth) = s.door.send("POST", "/api/returns/evaluate", &s.clerk, Some(cable(id_of(6).await, "r6", "+359 888 123 456"))).await;
    assert_eq!(fifth["approvals_required"], json!([]), "card B and a new phone: no earlier returns");
    let (status, body) = s.door.send("POST", "/api/returns", &s.clerk, Some(cable(id_of(6).await, "r6", "+359 888 123 456"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Card A: four earlier returns (the policy's max is five): not yet.
    let (_, ev) = s.door.send("POST", "/api/returns/evaluate", &s.clerk, Some(cable(id_of(4).await, "x", ""))).await;
    assert_eq!(ev["approvals_required"], json!([]), "{ev}");
    // Card A and that phone: five earlier returns: a manager must approve.
    let (_, ev) = s.door.send("POST", "/api/returns/evaluate", &s.clerk, Some(cable(id_of(4).await, "x", "00359888123456"))).await;
    assert_eq!(ev["approvals_required"], json!(["FREQUENT_RETURNS"]), "{ev}");
    let (status, body) = s.door.send("POST", "/api/returns", &s.clerk, Some(cable(id_of(4).await, "r4", "00359888123456"))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("MANAGER_REQUIRED")));
    let (status, case) = s.door.send("POST", "/api/queue", &s.clerk, Some(cable(id_of(4).await, "q4", "00359888123456"))).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    assert_eq!(case["asked"], json!(["FREQUENT_RETURNS"]));
    // The identities are kept hashed (SHA-256 of kind:value), never in clear.
    use sha2::Digest;
    let hashed = |id: &str| format!("{:x}", sha2::Sha256::digest(id.as_bytes()));
    let mut conn = db.connections().read().await.unwrap();
    let count = |key: String| returndesk::store::sql::sql("SELECT COUNT(*) FROM return_customers WHERE customer_key = $1").bind(key);
    let by_card: i64 = count(hashed("card:tok_card_A")).scalar(conn.link()).await.unwrap();
    let by_phone: i64 = count(hashed("phone:359888123456")).scalar(conn.link()).await.unwrap();
    let in_clear: i64 = count("phone:359888123456".into()).scalar(conn.link()).await.unwrap();
    assert_eq!((by_card, by_phone, in_clear), (4, 1, 0));
    drop(conn);

    // 89 days later they still count; 91 days later they do not.
    for (days, expected) in [(89, json!(["FREQUENT_RETURNS"])), (91, json!([]))] {
        let later = DeskClock::fixed("2026-10-11T10:00:00".parse::<chrono::NaiveDateTime>().unwrap() + chrono::Duration::days(days));
        let door = Door::new(&db, &later, None);
        let (_, ev) = door.send("POST", "/api/returns/evaluate", &s.clerk, Some(cable(id_of(5).await, "x", "+359888123456"))).await;
        assert_eq!(ev["approvals_required"], expected, "{days} days later: {ev}");
    }
}

/// A sale's card fingerprint: only on a card tender, and a sale without one keeps the content
/// hash it had before fingerprints existed (its JSON has no such key).
#[test]
fn card_fingerprints_on_sales() {
    let plain = sofia_receipt("S01-2026-000001");
    assert!(!serde_json::to_string(&plain).unwrap().contains("card_fingerprint"));
    let mut with_card = plain.clone();
    with_card.receipt.tenders[0].card_fingerprint = Some("tok".into());
    assert_ne!(plain.content_hash(), with_card.content_hash());
    assert_eq!(returndesk::import::validate_sale(&with_card), Ok(()));
    let mut on_cash = plain.clone();
    on_cash.receipt.tenders[1].card_fingerprint = Some("tok".into());
    let (field, _) = returndesk::import::validate_sale(&on_cash).unwrap_err();
    assert_eq!(field, "receipt.tenders[1].card_fingerprint");
    // Read from JSON Lines as the POS exports it.
    let mut line = serde_json::to_value(&plain).unwrap();
    line["tenders"][0]["card_fingerprint"] = json!("tok");
    assert_eq!(returndesk::import::sale_from_value(line).unwrap(), with_card);
}

macro_rules! on_both_backends {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $scenario() {
                    let (_dir, db) = fresh_sqlite().await;
                    super::$scenario(db).await;
                }
            )*
        }
        mod postgres {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $scenario() {
                    super::$scenario(fresh_postgres().await).await;
                }
            )*
        }
    };
}

on_both_backends!(
    approved_and_completed,
    declined_and_withdrawn,
    approved_lines_only,
    limits,
    two_managers_at_once,
    receipt_changed_since_queueing,
    watch_across_desks,
    frequent_returner,
);
