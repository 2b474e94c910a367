//! Trust at the desk, attacked as an attacker would, on SQLite and PostgreSQL: PIN bursts,
//! lock-outs an outsider cannot spread, a manager's unlock, answers that do not tell which
//! logins exist, sessions that end, stores kept apart, idempotency keys bound to their
//! request, and every command of the table refusing missing, bad, ended and wrong-role tokens.

mod common;

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use returndesk::api::{Access, DeskApi, COMMANDS};
use returndesk::http::api_router;
use returndesk::service::auth::{check_pin, AuthError, MAX_PIN_ATTEMPTS};
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, NewUser, Role};
use serde_json::{json, Value};
use tower::ServiceExt;

struct Counter {
    router: axum::Router,
    clock: DeskClock,
    db: Arc<dyn Database>,
}

impl Counter {
    async fn new(db: Arc<dyn Database>) -> Counter {
        set_up_stores(db.as_ref()).await;
        // A second Bulgarian store of the chain, with its own clerk and a sale.
        let mut s02 = db.store("S01").await.unwrap().unwrap();
        s02.code = "S02".into();
        s02.name = "Return Desk Plovdiv".into();
        db.put_store(&s02).await.unwrap();
        db.put_terminal("S02", "DESK-9").await.unwrap();
        db.put_terminal("S01", "DESK-2").await.unwrap();
        db.put_user(&NewUser {
            store_code: Some("S02".into()),
            login: "petar".into(),
            display_name: "Petar Georgiev".into(),
            role: Role::Clerk,
            pin_hash: returndesk::demo::hash_pin("4321").unwrap(),
            refund_limit: None,
            approval_limit: None,
        })
        .await
        .unwrap();
        let mut plovdiv = sofia_receipt("S02-2026-000777");
        plovdiv.store = "S02".into();
        plovdiv.barcode = Some("BCS02-777".into());
        db.import_receipts(&[sofia_receipt("S01-2026-004512"), plovdiv]).await.unwrap();
        let clock = DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap());
        let api = DeskApi::new(Desk::new(db.clone()), clock.clone());
        Counter { router: api_router(api), clock, db }
    }

    async fn send(&self, method: &str, uri: &str, token: Option<&str>, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(uri).header("content-type", "application/json");
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let res = self.router.clone().oneshot(req.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string()))).unwrap()).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn sign_in(&self, login: &str, pin: &str, desk: &str) -> (StatusCode, Value) {
        self.send("POST", "/api/session", None, Some(json!({"login": login, "pin": pin, "terminal": desk}))).await
    }

    async fn token(&self, login: &str, pin: &str, desk: &str) -> String {
        let (status, body) = self.sign_in(login, pin, desk).await;
        assert_eq!(status, StatusCode::OK, "{login} signs in at {desk}: {body}");
        body["token"].as_str().unwrap().to_string()
    }
}

/// Thirty wrong PINs sent at once are checked five times at most; the count in the database
/// is exact, the login is locked out at that desk, and the right PIN is refused after.
async fn a_burst_of_pins(db: Arc<dyn Database>) {
    set_up_stores(db.as_ref()).await;
    let now = chrono::Utc::now();
    let burst = (0..30).map(|i| {
        let db = db.clone();
        tokio::spawn(async move { check_pin(db.as_ref(), "georgi", &format!("{:04}", 1000 + i), "DESK-1", now).await })
    });
    let answers: Vec<_> = futures_join(burst).await;
    let wrong = answers.iter().filter(|a| matches!(a, Err(AuthError::WrongPin { .. }))).count();
    let locked = answers.iter().filter(|a| matches!(a, Err(AuthError::LockedOut { .. }))).count();
    assert_eq!(answers.iter().filter(|a| a.is_ok()).count(), 0);
    assert_eq!(wrong, MAX_PIN_ATTEMPTS as usize - 1, "only the attempts allowed are checked and answered as wrong");
    assert_eq!(wrong + locked, 30);
    let failures = db.sign_in_failures("georgi").await.unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].failures, MAX_PIN_ATTEMPTS, "the count is exact");
    assert!(failures[0].locked_until.is_some_and(|u| u > now));
    assert!(matches!(check_pin(db.as_ref(), "georgi", "9999", "DESK-1", now).await, Err(AuthError::LockedOut { .. })));

    // With the right PIN in a burst of wrong ones, at most five PINs are checked: a four-digit
    // PIN cannot be found by sending them all at once.
    let now = now + chrono::Duration::hours(9);
    let burst = (0..31).map(|i| {
        let db = db.clone();
        let pin = if i == 15 { "1234".to_string() } else { format!("{:04}", 5000 + i) };
        tokio::spawn(async move { check_pin(db.as_ref(), "maria", &pin, "DESK-1", now).await })
    });
    let answers = futures_join(burst).await;
    let checked = answers.iter().filter(|a| a.is_ok() || matches!(a, Err(AuthError::WrongPin { .. }))).count();
    assert!(checked <= MAX_PIN_ATTEMPTS as usize, "{checked} PINs were checked");
}

async fn futures_join<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles.collect::<Vec<_>>() {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_pins_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    a_burst_of_pins(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_pins_on_postgres() {
    a_burst_of_pins(fresh_postgres().await).await;
}

/// An outsider's wrong PINs lock the manager out only where they were sent; an unknown login
/// answers exactly like a known one with a wrong PIN, and takes as long; a manager unlocks a
/// clerk; a clerk cannot.
async fn lock_outs(db: Arc<dyn Database>) {
    let desk = Counter::new(db).await;
    for _ in 0..MAX_PIN_ATTEMPTS {
        desk.sign_in("georgi", "0000", "").await;
    }
    let (status, body) = desk.sign_in("georgi", "0000", "").await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::LOCKED, Some("LOCKED_OUT")), "{body}");
    let manager = desk.token("georgi", "9999", "DESK-2").await;

    // The same answers for a login that exists and one that does not.
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..4 {
        known.push(desk.sign_in("maria", "0000", "DESK-1").await);
        unknown.push(desk.sign_in("marya", "0000", "DESK-1").await);
    }
    for (k, u) in known.iter().zip(&unknown) {
        assert_eq!(k.0, StatusCode::UNAUTHORIZED);
        assert_eq!(k.0, u.0);
        assert_eq!(k.1["error"]["code"], u.1["error"]["code"]);
        assert_eq!(k.1["error"]["attempts_left"], u.1["error"]["attempts_left"]);
        assert_eq!(k.1["error"]["message"], u.1["error"]["message"]);
    }
    // … after the same work: an unknown login's PIN is checked against a hash like any other.
    let time = |login: &'static str, desk_code: &'static str| {
        let desk = &desk;
        async move {
            let started = Instant::now();
            let (status, body) = desk.sign_in(login, "0000", desk_code).await;
            let took = started.elapsed();
            assert_eq!(status, StatusCode::UNAUTHORIZED, "a wrong PIN, not a lock-out, is timed: {body}");
            took
        }
    };
    let (mut t_known, mut t_unknown) = (Vec::new(), Vec::new());
    // Medians of 8 interleaved tries (2 a desk): one slow try on a busy machine moves neither.
    for i in 0..8 {
        let d: &'static str = ["DESK-A", "DESK-B", "DESK-C", "DESK-D"][i % 4];
        t_known.push(time("georgi", d).await);
        t_unknown.push(time("nobody-here", d).await);
    }
    t_known.sort();
    t_unknown.sort();
    let (k, u) = (t_known[4].as_secs_f64(), t_unknown[4].as_secs_f64());
    assert!(u > k / 3.0 && u < k * 3.0, "an unknown login took {u:.4} s, a known one {k:.4} s");

    // maria is locked out at DESK-1 after one more wrong PIN; a clerk cannot unlock her.
    let (status, _) = desk.sign_in("maria", "0000", "DESK-1").await;
    assert_eq!(status, StatusCode::LOCKED);
    let (status, _) = desk.sign_in("maria", "1234", "DESK-1").await;
    assert_eq!(status, StatusCode::LOCKED);
    let clerk = desk.token("maria", "1234", "DESK-2").await;
    let (status, body) = desk.send("POST", "/api/users/unlock", Some(&clerk), Some(json!({"login": "maria"}))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")));
    let (status, body) = desk.send("POST", "/api/users/unlock", Some(&manager), Some(json!({"login": "maria"}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["desks"], 1);
    desk.token("maria", "1234", "DESK-1").await;
    // The store's managers see every wrong PIN tried at its desks, an unknown login's too, the
    // lock-outs and who lifted them.
    for (action, who) in [("sign_in_failed", "marya"), ("sign_in_failed", "maria"), ("locked_out", "maria"), ("unlocked", "maria")] {
        let (status, page) = desk.send("GET", &format!("/api/audit?action={action}&limit=200"), Some(&manager), None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.to_string().contains(&format!("\"login\":\"{who}\"")), "{action} of {who} is in the trail: {page}");
    }
    let failures = desk.db.sign_in_failures("maria").await.unwrap();
    assert!(failures.iter().all(|f| f.failures == 0 && f.locked_until.is_none()), "{failures:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lock_outs_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    lock_outs(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lock_outs_on_postgres() {
    lock_outs(fresh_postgres().await).await;
}

/// Sessions end: sign-out, idle timeout, lifetime, deactivation, role change; the database
/// never holds a token.
async fn sessions_end(db: Arc<dyn Database>) {
    let desk = Counter::new(db).await;
    let manager = desk.token("georgi", "9999", "DESK-2").await;
    let (status, body) = desk
        .send("PUT", "/api/settings", Some(&manager), Some(json!({"session_idle_minutes": 10, "session_lifetime_hours": 2})))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["session_idle_minutes"].as_i64(), body["session_lifetime_hours"].as_i64()), (Some(10), Some(2)));
    let (status, body) = desk.send("PUT", "/api/settings", Some(&manager), Some(json!({"session_idle_minutes": 0}))).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("session_idle_minutes")));

    // Tokens are kept only as their hash.
    let clerk = desk.token("maria", "1234", "DESK-1").await;
    let stored: Vec<String> = sqlx_hashes(&desk.db).await;
    assert!(!stored.iter().any(|h| h == &clerk), "a token is stored");
    assert!(stored.contains(&returndesk::service::auth::token_hash(&clerk)));

    // Idle for 11 minutes: ended.
    let ok = |status: StatusCode| status == StatusCode::OK;
    assert!(ok(desk.send("GET", "/api/settings", Some(&clerk), None).await.0));
    desk.clock.advance(chrono::Duration::minutes(11));
    let (status, body) = desk.send("GET", "/api/settings", Some(&clerk), None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("UNAUTHENTICATED")));
    assert_eq!(body["error"]["session_ended"], "idle for too long");
    let (status, _) = desk.send("GET", "/api/settings", Some(&clerk), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "an ended session stays ended");

    // Busy for more than two hours: ended by its lifetime.
    let clerk = desk.token("maria", "1234", "DESK-1").await;
    for _ in 0..12 {
        desk.clock.advance(chrono::Duration::minutes(9) + chrono::Duration::seconds(40));
        assert!(ok(desk.send("GET", "/api/settings", Some(&clerk), None).await.0));
    }
    desk.clock.advance(chrono::Duration::minutes(9));
    let (_, body) = desk.send("GET", "/api/settings", Some(&clerk), None).await;
    assert_eq!(body["error"]["session_ended"], "signed in for too long", "{body}");

    // Signed out: ended (the UI's lock signs out too).
    let clerk = desk.token("maria", "1234", "DESK-1").await;
    assert!(ok(desk.send("DELETE", "/api/session", Some(&clerk), None).await.0));
    assert_eq!(desk.send("GET", "/api/settings", Some(&clerk), None).await.0, StatusCode::UNAUTHORIZED);

    // A manager demoted keeps no manager token; a deactivated user keeps no token.
    let manager = desk.token("georgi", "9999", "DESK-2").await;
    let clerk = desk.token("maria", "1234", "DESK-1").await;
    let georgi = desk.db.user_by_login("georgi").await.unwrap().unwrap();
    let maria = desk.db.user_by_login("maria").await.unwrap().unwrap();
    let now = desk.clock.instant();
    desk.db.set_user_standing(georgi.id, Role::Clerk, true, now).await.unwrap();
    desk.db.set_user_standing(maria.id, Role::Clerk, false, now).await.unwrap();
    let (status, _) = desk.send("PUT", "/api/settings", Some(&manager), Some(json!({"printer": "X"}))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(desk.send("GET", "/api/settings", Some(&clerk), None).await.0, StatusCode::UNAUTHORIZED);
    let (status, body) = desk.sign_in("maria", "1234", "DESK-1").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "a deactivated user cannot sign in: {body}");
}

async fn sqlx_hashes(db: &Arc<dyn Database>) -> Vec<String> {
    use returndesk::store::sql::Pool;
    match db.connections() {
        Pool::Sqlite(p) => sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_all(p).await.unwrap(),
        Pool::Postgres(p) => sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_all(p).await.unwrap(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    sessions_end(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_on_postgres() {
    sessions_end(fresh_postgres().await).await;
}

/// A desk sees and refunds only its own store's sales, unless the store takes the chain's; a
/// return of another store's sale is recorded at the desk's store and shows in its history.
/// Idempotency keys belong to a store and desk and to their request.
async fn stores_apart(db: Arc<dyn Database>) {
    let desk = Counter::new(db).await;
    let sofia = desk.token("maria", "1234", "DESK-1").await;
    let plovdiv = desk.token("petar", "4321", "DESK-9").await;
    let t = Some(sofia.as_str());

    // Plovdiv's sale is not found from Sofia: by number, barcode, card, id.
    for code in ["S02-2026-000777", "BCS02-777"] {
        let (status, body) = desk.send("GET", &format!("/api/receipts/lookup?code={code}"), t, None).await;
        assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("RECEIPT_NOT_FOUND")), "{code}");
    }
    let (_, found) = desk.send("GET", "/api/receipts/by-card?last4=4242&from=2026-09-01&to=2026-10-31", t, None).await;
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["store_code"], "S01");
    let (_, theirs) = desk.send("GET", "/api/receipts/lookup?code=S02-2026-000777", Some(&plovdiv), None).await;
    let line = json!([{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]);
    let draft = json!({"receipt_id": theirs["id"], "resolution": "refund", "lines": line, "idempotency_key": "k-1"});
    let (status, _) = desk.send("POST", "/api/returns/evaluate", t, Some(draft.clone())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = desk.send("POST", "/api/returns", t, Some(draft.clone())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Plovdiv's own return: Sofia cannot see it, list it or print it.
    let (status, plovdiv_return) = desk.send("POST", "/api/returns", Some(&plovdiv), Some(draft.clone())).await;
    assert_eq!(status, StatusCode::OK, "{plovdiv_return}");
    let rid = plovdiv_return["id"].as_i64().unwrap();
    for uri in [format!("/api/returns/{rid}"), format!("/api/returns/{rid}/slip.pdf")] {
        assert_eq!(desk.send("GET", &uri, t, None).await.0, StatusCode::NOT_FOUND, "{uri}");
    }
    let (_, list) = desk.send("GET", "/api/returns", t, None).await;
    assert!(list.as_array().unwrap().iter().all(|r| r["id"] != rid));

    // The same key at another desk is another desk's key; the same key with another request
    // is refused, never answered with another return.
    let (_, sofia_receipt) = desk.send("GET", "/api/receipts/lookup?code=S01-2026-004512", t, None).await;
    let mine = json!({"receipt_id": sofia_receipt["id"], "resolution": "refund", "lines": line, "idempotency_key": "k-1"});
    let (status, first) = desk.send("POST", "/api/returns", t, Some(mine.clone())).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_ne!(first["id"], plovdiv_return["id"]);
    let (_, again) = desk.send("POST", "/api/returns", t, Some(mine.clone())).await;
    assert_eq!((again["id"].clone(), again["created"].clone()), (first["id"].clone(), json!(false)));
    let mut other = mine.clone();
    other["lines"][0]["qty"] = json!(2);
    let (status, body) = desk.send("POST", "/api/returns", t, Some(other)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("IDEMPOTENCY_KEY_REUSED")), "{body}");
    assert_eq!(body["error"]["field"], "idempotency_key");

    // Sofia takes the chain's returns: Plovdiv's sale is found and its return recorded at Sofia.
    let manager = desk.token("georgi", "9999", "DESK-2").await;
    let (status, _) = desk.send("PUT", "/api/settings", Some(&manager), Some(json!({"accept_returns_from": "chain"}))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, found) = desk.send("GET", "/api/receipts/lookup?code=S02-2026-000777", t, None).await;
    assert_eq!((status, found["store_code"].as_str()), (StatusCode::OK, Some("S02")));
    let mut chain = draft.clone();
    chain["idempotency_key"] = json!("k-2");
    let (status, recorded) = desk.send("POST", "/api/returns", t, Some(chain)).await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert!(recorded["number"].as_str().unwrap().starts_with("S01-R"), "{recorded}");
    let (_, list) = desk.send("GET", "/api/returns", t, None).await;
    assert!(list.as_array().unwrap().iter().any(|r| r["id"] == recorded["id"]));
    let (status, _) = desk.send("GET", &format!("/api/returns/{}/slip.pdf", recorded["id"]), t, None).await;
    assert_eq!(status, StatusCode::OK);
    let record = desk.db.return_by_id(recorded["id"].as_i64().unwrap()).await.unwrap().unwrap();
    assert_eq!(record.store_code, "S01");
    let sale = desk.db.find_receipt(&returndesk::store::ReceiptKey::Id(record.receipt_id)).await.unwrap().unwrap();
    assert_eq!(sale.sale.store, "S02", "the return references the sale's store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stores_apart_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    stores_apart(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stores_apart_on_postgres() {
    stores_apart(fresh_postgres().await).await;
}

/// Every command of the table, with no token, a made-up one, an ended one and (for managers'
/// commands) a clerk's: refused before anything is read or changed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_refuses_who_may_not_call_it() {
    let (_dir, db) = fresh_sqlite().await;
    let desk = Counter::new(db).await;
    let ended = desk.token("maria", "1234", "DESK-1").await;
    desk.send("DELETE", "/api/session", Some(&ended), None).await;
    let idle = desk.token("maria", "1234", "DESK-1").await;
    let clerk = desk.token("maria", "1234", "DESK-1").await;
    let fake = "f".repeat(64);
    let mut checked = 0;
    for command in COMMANDS {
        if command.access == Access::Anyone {
            continue;
        }
        let path = command.path.replace("{id}", "1");
        let method = command.method.as_str();
        let body = (method != "GET").then(|| json!({}));
        for (token, why) in [(None, "no token"), (Some(fake.as_str()), "a made-up token"), (Some(ended.as_str()), "a signed-out token")] {
            let (status, answer) = desk.send(method, &path, token, body.clone()).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{} with {why}: {answer}", command.name);
            assert_eq!(answer["error"]["code"], "UNAUTHENTICATED", "{}", command.name);
            checked += 1;
        }
        if matches!(command.access, Access::Manager | Access::Administrator) {
            let (status, answer) = desk.send(method, &path, Some(&clerk), body.clone()).await;
            assert_eq!((status, answer["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")), "{}", command.name);
            checked += 1;
        }
    }
    // An idle session, last: ended for every command.
    desk.clock.advance(chrono::Duration::hours(1));
    for command in COMMANDS.iter().filter(|c| c.access != Access::Anyone) {
        let path = command.path.replace("{id}", "1");
        let (status, _) = desk.send(command.method.as_str(), &path, Some(&idle), (command.method.as_str() != "GET").then(|| json!({}))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{} with an idle session", command.name);
        checked += 1;
    }
    assert!(checked > 40, "{checked} refusals checked");
}
