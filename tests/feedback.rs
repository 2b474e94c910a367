//! The customer's word and the manager's figures (issue 13, feedback), through the desk's HTTP
//! door, on SQLite and PostgreSQL: a rating belongs to the return (or claim), the desk and the
//! clerk who recorded it; every refusal writes nothing; a double submit rates once; another
//! store's session can neither rate nor read; and each figure on the manager's home is computed
//! a second way here, from the records themselves, on a generated five-week history.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use common::*;
use returndesk::api::DeskApi;
use returndesk::domain::Money;
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::sql::sql;
use returndesk::store::{Database, ReceiptKey, Role, SaleReceipt};
use rust_decimal::Decimal;
use serde_json::{json, Value};

const SOFIA: Tz = chrono_tz::Europe::Sofia;

/// The desk's door on one database, its clock frozen at an instant.
#[derive(Clone)]
struct Door {
    router: axum::Router,
}

impl Door {
    fn at(db: &Arc<dyn Database>, at: DateTime<Utc>) -> Door {
        Door { router: api_router(DeskApi::new(Desk::new(db.clone()), DeskClock::frozen(at))) }
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

    /// A change-of-mind refund of `qty` units of line 1; the return's id.
    async fn returned(&self, token: &str, receipt_id: i64, qty: u32, key: &str) -> i64 {
        let draft = json!({"receipt_id": receipt_id, "resolution": "refund", "idempotency_key": key,
            "lines": [{"line": 1, "qty": qty, "reason": "change_of_mind", "condition": "unopened"}]});
        let (status, body) = self.send("POST", "/api/returns", token, Some(draft)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["status"], "completed", "{body}");
        body["id"].as_i64().unwrap()
    }

    /// A warranty claim on the TV of a receipt (repair); the claim's id.
    async fn claimed(&self, token: &str, receipt_id: i64, key: &str) -> i64 {
        let draft = json!({"receipt_id": receipt_id, "resolution": "repair", "idempotency_key": key,
            "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no picture", "serial": "TV55-000123",
                       "remedy_asked": "repair"}],
            "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"}});
        let (status, body) = self.send("POST", "/api/returns", token, Some(draft)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["claims"][0]["id"].as_i64().unwrap_or_else(|| panic!("no claim: {body}"))
    }

    async fn rate(&self, token: &str, body: Value) -> (StatusCode, Value) {
        self.send("POST", "/api/feedback", token, Some(body)).await
    }

    async fn kpis(&self, token: &str) -> (StatusCode, Value) {
        self.send("GET", "/api/kpis", token, None).await
    }
}

/// A store-local wall time at Sofia as its instant.
fn sofia(wall: &str) -> DateTime<Utc> {
    let wall: NaiveDateTime = wall.parse().unwrap();
    SOFIA.from_local_datetime(&wall).single().unwrap().with_timezone(&Utc)
}

/// Imports a receipt of one accessories line, `qty` units at `cents`, bought at `purchased_at`
/// (Sofia wall time) and paid by card; its id.
async fn receipt(db: &dyn Database, number: &str, purchased_at: &str, cents: i64, qty: u32) -> i64 {
    let total = Money::from_cents(cents * i64::from(qty));
    let sale: SaleReceipt = serde_json::from_value(json!({"number": number, "store": "S01", "purchased_at": purchased_at,
        "channel": "store", "currency": "EUR", "receipt_discount": "0.00",
        "tenders": [{"type": "card", "amount": total.to_string()}],
        "lines": [{"line": 1, "sku": "SKU-1", "name": "Desk lamp", "category": "accessories", "brand": "Linka", "qty": qty,
                   "unit_price": Money::from_cents(cents).to_string(), "discount": "0.00", "vat_rate": "20"}]}))
    .unwrap();
    db.import_receipts(&[sale]).await.unwrap();
    found(db, number).await
}

/// The TV receipt of the conformance cases, bought on `day`; its id.
async fn tv_receipt(db: &dyn Database, number: &str, day: &str) -> i64 {
    let mut sale = serde_json::to_value(sofia_receipt(number)).unwrap();
    sale["purchased_at"] = format!("{day}T11:00:00").into();
    db.import_receipts(&[serde_json::from_value(sale).unwrap()]).await.unwrap();
    found(db, number).await
}

async fn found(db: &dyn Database, number: &str) -> i64 {
    let key = ReceiptKey::Number { store: Some("S01".into()), number: number.into() };
    db.find_receipt(&key).await.unwrap().unwrap().id
}

async fn count(db: &dyn Database, statement: &'static str) -> i64 {
    let mut c = db.connections().read().await.unwrap();
    sql(statement).scalar::<i64>(c.link()).await.unwrap()
}

fn money(v: &Value) -> Money {
    v.as_str().and_then(|s| Money::parse(s).ok()).unwrap_or_else(|| panic!("not money: {v}"))
}

fn decimal(v: &Value) -> Option<Decimal> {
    v.as_str().map(|s| s.parse().unwrap_or_else(|_| panic!("not a decimal: {v}")))
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

#[derive(sqlx::FromRow)]
struct KeptRating {
    terminal_id: Option<i64>,
    clerk_id: i64,
    return_id: Option<i64>,
    claim_id: Option<i64>,
    rating: i64,
    comment: String,
    lang: String,
}

async fn kept(db: &dyn Database) -> Vec<KeptRating> {
    let mut c = db.connections().read().await.unwrap();
    sql("SELECT terminal_id, clerk_id, return_id, claim_id, rating, comment, lang FROM customer_feedback ORDER BY id")
        .fetch_all(c.link())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_rating_belongs_to_the_return_its_desk_and_its_clerk_and_every_refusal_writes_nothing() {
    on_both(|db| async move {
        let (maria, desk_1) = set_up_stores(db.as_ref()).await;
        db.put_terminal("S01", "DESK-2").await.unwrap();
        db.put_terminal("S03", "MSK-1").await.unwrap();
        put_moscow_user(db.as_ref(), Role::Manager, "7777").await;
        let t0 = sofia("2026-10-11T10:00:00");
        let counter = Door::at(&db, t0);
        let clerk = counter.token("maria", "1234", "DESK-1").await;
        let clerk_at_desk_2 = counter.token("maria", "1234", "DESK-2").await;
        let first = counter.returned(&clerk, receipt(db.as_ref(), "S01-F1", "2026-10-05T12:00:00", 2490, 1).await, 1, "f1").await;
        let second = counter.returned(&clerk, receipt(db.as_ref(), "S01-F2", "2026-10-05T12:00:00", 1990, 1).await, 1, "f2").await;
        let elsewhere = counter.returned(&clerk_at_desk_2, receipt(db.as_ref(), "S01-F3", "2026-10-05T12:00:00", 990, 1).await, 1, "f3").await;
        let claim = counter.claimed(&clerk, tv_receipt(db.as_ref(), "S01-TV1", "2026-09-20").await, "c1").await;

        // Ten minutes later the manager has taken over DESK-1: the rating is still maria's.
        let later = Door::at(&db, t0 + chrono::Duration::minutes(10));
        let manager = later.token("georgi", "9999", "DESK-1").await;
        let (status, body) = later.rate(&manager, json!({"return_id": first, "rating": 4, "comment": "  Бързо и любезно  ", "lang": "bg"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!((body["clerk_id"].as_i64(), body["terminal_id"].as_i64(), body["rating"].as_i64()), (Some(maria), Some(desk_1), Some(4)), "{body}");
        let rows = kept(db.as_ref()).await;
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!((row.terminal_id, row.clerk_id, row.return_id, row.claim_id), (Some(desk_1), maria, Some(first), None));
        assert_eq!((row.rating, row.comment.as_str(), row.lang.as_str()), (4, "Бързо и любезно", "bg"));
        assert_eq!(count(db.as_ref(), "SELECT COUNT(*) FROM audit_log WHERE action = 'feedback_given'").await, 1);

        // Every refusal names its cause, and writes nothing.
        let moscow = later.token("olga", "7777", "MSK-1").await;
        let long = "ж".repeat(501);
        // (what, whose session, the rating asked, the status, the code, the field named)
        type Refusal<'a> = (&'a str, &'a String, Value, StatusCode, &'a str, Option<&'a str>);
        let refusals: Vec<Refusal> = vec![
            ("no stars", &manager, json!({"return_id": second, "rating": 0, "lang": "en"}), StatusCode::BAD_REQUEST, "BAD_INPUT", Some("rating")),
            ("six stars", &manager, json!({"return_id": second, "rating": 6, "lang": "en"}), StatusCode::BAD_REQUEST, "BAD_INPUT", Some("rating")),
            ("a long comment", &manager, json!({"return_id": second, "rating": 5, "comment": long, "lang": "en"}), StatusCode::BAD_REQUEST, "BAD_INPUT", Some("comment")),
            ("a language the view does not speak", &manager, json!({"return_id": second, "rating": 5, "lang": "de"}), StatusCode::BAD_REQUEST, "BAD_INPUT", Some("lang")),
            ("nothing rated", &manager, json!({"rating": 5, "lang": "en"}), StatusCode::BAD_REQUEST, "BAD_INPUT", Some("return_id")),
            ("two things rated", &manager, json!({"return_id": second, "claim_id": claim, "rating": 5, "lang": "en"}), StatusCode::BAD_REQUEST, "BAD_INPUT", Some("return_id")),
            ("no such return", &manager, json!({"return_id": 999_999, "rating": 5, "lang": "en"}), StatusCode::NOT_FOUND, "NOT_FOUND", None),
            ("another desk's return", &manager, json!({"return_id": elsewhere, "rating": 5, "lang": "en"}), StatusCode::FORBIDDEN, "FORBIDDEN", None),
            ("another store's session", &moscow, json!({"return_id": second, "rating": 5, "lang": "ru"}), StatusCode::FORBIDDEN, "FORBIDDEN", None),
            ("rated twice", &manager, json!({"return_id": first, "rating": 1, "lang": "en"}), StatusCode::CONFLICT, "FEEDBACK_GIVEN", None),
        ];
        for (what, token, body, status, code, field) in refusals {
            let (got, error) = later.rate(token, body).await;
            assert_eq!((got, error["code"].as_str()), (status, Some(code)), "{what}: {error}");
            assert_eq!(error["field"].as_str(), field, "{what}: {error}");
            assert!(!error["message"].as_str().unwrap_or("").is_empty(), "{what}: {error}");
        }
        assert_eq!(kept(db.as_ref()).await.len(), 1, "the refusals wrote nothing");
        assert_eq!(count(db.as_ref(), "SELECT COUNT(*) FROM audit_log WHERE action = 'feedback_given'").await, 1);

        // 31 minutes on, the customer has left; at 29, 500 characters are kept whole.
        let gone = Door::at(&db, t0 + chrono::Duration::minutes(31));
        let token = gone.token("maria", "1234", "DESK-1").await;
        let (status, error) = gone.rate(&token, json!({"return_id": second, "rating": 5, "lang": "en"})).await;
        assert_eq!((status, error["code"].as_str()), (StatusCode::CONFLICT, Some("FEEDBACK_TOO_LATE")), "{error}");
        assert_eq!(error["minutes"], 31, "{error}");
        assert_eq!(kept(db.as_ref()).await.len(), 1);
        let still = Door::at(&db, t0 + chrono::Duration::minutes(29));
        let token = still.token("maria", "1234", "DESK-1").await;
        let (status, body) = still.rate(&token, json!({"return_id": second, "rating": 5, "comment": "ж".repeat(500), "lang": "ru"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["comment"].as_str().map(|c| c.chars().count()), Some(500));

        // A warranty claim is rated too, for itself (not its return).
        let (status, body) = still.rate(&token, json!({"claim_id": claim, "rating": 3, "comment": "", "lang": "el"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let rows = kept(db.as_ref()).await;
        let rated = rows.iter().find(|r| r.claim_id == Some(claim)).expect("the claim's rating");
        assert_eq!((rated.return_id, rated.clerk_id, rated.terminal_id, rated.rating), (None, maria, Some(desk_1), 3));
        let (status, error) = still.rate(&token, json!({"claim_id": claim, "rating": 5, "lang": "el"})).await;
        assert_eq!((status, error["code"].as_str()), (StatusCode::CONFLICT, Some("FEEDBACK_GIVEN")), "{error}");
        assert_eq!(kept(db.as_ref()).await.len(), 3);

        // Another store's manager reads their own store's figures: none of S01's ratings.
        let (status, figures) = later.kpis(&moscow).await;
        assert_eq!(status, StatusCode::OK, "{figures}");
        assert_eq!((figures["store_code"].as_str(), figures["feedback"]["ratings"].as_i64()), (Some("S03"), Some(0)), "{figures}");
        assert_eq!(money(&figures["refunds_today"]["refunded"]), Money::ZERO, "{figures}");
        // A clerk does not read them at all.
        let (status, error) = later.kpis(&clerk).await;
        assert_eq!((status, error["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")), "{error}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_double_submit_rates_once() {
    on_both(|db| async move {
        set_up_stores(db.as_ref()).await;
        let door = Door::at(&db, sofia("2026-10-11T10:00:00"));
        let clerk = door.token("maria", "1234", "DESK-1").await;
        let id = door.returned(&clerk, receipt(db.as_ref(), "S01-D1", "2026-10-05T12:00:00", 1500, 1).await, 1, "d1").await;
        let submits: Vec<_> = (1..=8)
            .map(|n| {
                let (door, clerk) = (door.clone(), clerk.clone());
                tokio::spawn(async move { door.rate(&clerk, json!({"return_id": id, "rating": 1 + n % 5, "lang": "en"})).await })
            })
            .collect();
        let mut answers = Vec::new();
        for s in submits {
            answers.push(s.await.unwrap());
        }
        let kept_now: Vec<_> = answers.iter().filter(|(s, _)| *s == StatusCode::OK).collect();
        assert_eq!(kept_now.len(), 1, "{answers:?}");
        assert!(answers.iter().filter(|(s, _)| *s != StatusCode::OK).all(|(s, e)| *s == StatusCode::CONFLICT && e["code"] == "FEEDBACK_GIVEN"), "{answers:?}");
        let rows = kept(db.as_ref()).await;
        assert_eq!(rows.len(), 1);
        assert_eq!(Some(rows[0].rating), kept_now[0].1["rating"].as_i64());
        assert_eq!(count(db.as_ref(), "SELECT COUNT(*) FROM audit_log WHERE action = 'feedback_given'").await, 1);
    })
    .await;
}

#[derive(sqlx::FromRow)]
struct RefundRow {
    created_at: DateTime<Utc>,
    total_refund: Money,
    status: String,
}

#[derive(sqlx::FromRow)]
struct ReturnedUnits {
    created_at: DateTime<Utc>,
    returned_qty: i64,
}

#[derive(sqlx::FromRow)]
struct SoldUnits {
    purchased_at: NaiveDateTime,
    qty: i64,
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    claim_due_by: NaiveDate,
    stage: String,
    kind: String,
}

#[derive(sqlx::FromRow)]
struct RatingRow {
    created_at: DateTime<Utc>,
    rating: i64,
}

fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&SOFIA).date_naive()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_managers_figures_agree_with_a_direct_count_of_the_records() {
    on_both(|db| async move {
        set_up_stores(db.as_ref()).await;
        let today: NaiveDate = "2026-10-11".parse().unwrap();
        // Five weeks of returns, one to three a day, at ten past midnight, noon and ten to
        // midnight Sofia time (a day's edges are not UTC's), each rated by its customer.
        for k in 0..35u64 {
            let day = today - Days::new(k);
            let bought = day - Days::new(1);
            for i in 0..(1 + (k * 7 % 3)) {
                let wall = ["00:10:00", "12:00:00", "23:50:00"][i as usize];
                let door = Door::at(&db, sofia(&format!("{day}T{wall}")));
                let clerk = door.token("maria", "1234", "DESK-1").await;
                let cents = 1000 + 137 * k as i64 + 59 * i as i64;
                let number = format!("S01-K{k}-{i}");
                let id = receipt(db.as_ref(), &number, &format!("{bought}T18:30:00"), cents, 2).await;
                let returned = door.returned(&clerk, id, 1 + ((k + i) % 2) as u32, &number).await;
                let (status, body) = door.rate(&clerk, json!({"return_id": returned, "rating": 1 + (k + i) % 5, "lang": "en"})).await;
                assert_eq!(status, StatusCode::OK, "{body}");
            }
        }
        // Receipts sold this month and not (yet) returned count in the sales.
        receipt(db.as_ref(), "S01-SOLD-1", "2026-10-02T09:00:00", 5000, 3).await;
        receipt(db.as_ref(), "S01-SOLD-0", "2026-09-30T23:59:00", 5000, 7).await;
        // Warranty claims registered 20 to 33 days ago: some due this week, some overdue.
        for (n, k) in [33u64, 31, 26, 24, 20].into_iter().enumerate() {
            let day = today - Days::new(k);
            let door = Door::at(&db, sofia(&format!("{day}T12:00:00")));
            let clerk = door.token("maria", "1234", "DESK-1").await;
            let id = tv_receipt(db.as_ref(), &format!("S01-TV{n}"), "2026-08-01").await;
            door.claimed(&clerk, id, &format!("tv{n}")).await;
        }

        let door = Door::at(&db, sofia("2026-10-11T23:55:00"));
        let manager = door.token("georgi", "9999", "DESK-1").await;
        let (status, figures) = door.kpis(&manager).await;
        assert_eq!(status, StatusCode::OK, "{figures}");
        assert_eq!(figures["today"], "2026-10-11", "{figures}");

        // The second way: every row read, its instant turned into a Sofia day here.
        let mut c = db.connections().read().await.unwrap();
        let refunds: Vec<RefundRow> =
            sql("SELECT created_at, total_refund, status FROM returns WHERE store_code = 'S01'").fetch_all(c.link()).await.unwrap();
        let refunded_on = |day: NaiveDate| -> Money {
            refunds.iter().filter(|r| r.status == "completed" && local_day(r.created_at) == day).map(|r| r.total_refund).sum()
        };
        let today_refunds = refunded_on(today);
        let average = Money::round((1..=4u64).map(|w| refunded_on(today - Days::new(7 * w))).sum::<Money>().amount() / Decimal::from(4));
        assert!(today_refunds > Money::ZERO && average > Money::ZERO);
        assert_eq!(money(&figures["refunds_today"]["refunded"]), today_refunds, "{figures}");
        assert_eq!(money(&figures["refunds_today"]["weekday_average"]), average, "{figures}");
        let returns_today = refunds.iter().filter(|r| r.status == "completed" && local_day(r.created_at) == today).count() as i64;
        assert_eq!(figures["refunds_today"]["returns"].as_i64(), Some(returns_today), "{figures}");
        let change = ((today_refunds.amount() - average.amount()) * Decimal::ONE_HUNDRED / average.amount()).round_dp(1);
        assert_eq!(decimal(&figures["refunds_today"]["change_pct"]), Some(change), "{figures}");

        let this_month = |d: NaiveDate| (d.year(), d.month()) == (2026, 10);
        let returned: Vec<ReturnedUnits> = sql("SELECT r.created_at, l.returned_qty FROM returns r JOIN return_lines l ON l.return_id = r.id
                                                 WHERE r.store_code = 'S01' AND r.status = 'completed'")
            .fetch_all(c.link())
            .await
            .unwrap();
        let units_returned: i64 = returned.iter().filter(|r| this_month(local_day(r.created_at))).map(|r| r.returned_qty).sum();
        let sold: Vec<SoldUnits> = sql("SELECT r.purchased_at, l.qty FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id WHERE r.store_code = 'S01'")
            .fetch_all(c.link())
            .await
            .unwrap();
        let units_sold: i64 = sold.iter().filter(|s| this_month(s.purchased_at.date())).map(|s| s.qty).sum();
        assert_eq!(figures["return_rate"]["units_returned"].as_i64(), Some(units_returned), "{figures}");
        assert_eq!(figures["return_rate"]["units_sold"].as_i64(), Some(units_sold), "{figures}");
        let rate = (Decimal::from(units_returned) * Decimal::ONE_HUNDRED / Decimal::from(units_sold)).round_dp(1);
        assert_eq!(decimal(&figures["return_rate"]["rate_pct"]), Some(rate), "{figures}");

        let claims: Vec<ClaimRow> =
            sql("SELECT claim_due_by, stage, kind FROM warranty_claims WHERE store_code = 'S01'").fetch_all(c.link()).await.unwrap();
        let open: Vec<&ClaimRow> = claims
            .iter()
            .filter(|c| c.kind == "warranty" && ["registered", "at_service", "back_from_service", "customer_informed"].contains(&c.stage.as_str()))
            .collect();
        let week_end = today + Days::new(6);
        let due = open.iter().filter(|c| c.claim_due_by >= today && c.claim_due_by <= week_end).count() as i64;
        let overdue = open.iter().filter(|c| c.claim_due_by < today).count() as i64;
        assert!(due > 0 && overdue > 0, "the history has claims of both kinds: {due} due, {overdue} overdue");
        assert_eq!((figures["claims_due"]["due"].as_i64(), figures["claims_due"]["overdue"].as_i64()), (Some(due), Some(overdue)), "{figures}");

        let ratings: Vec<RatingRow> =
            sql("SELECT created_at, rating FROM customer_feedback WHERE store_code = 'S01'").fetch_all(c.link()).await.unwrap();
        let since = today - Days::new(29);
        let counted: Vec<i64> = ratings.iter().filter(|r| (since..=today).contains(&local_day(r.created_at))).map(|r| r.rating).collect();
        assert!(counted.len() < ratings.len(), "ratings older than 30 days are left out");
        let mean = (Decimal::from(counted.iter().sum::<i64>()) / Decimal::from(counted.len())).round_dp(2);
        assert_eq!(figures["feedback"]["ratings"].as_i64(), Some(counted.len() as i64), "{figures}");
        assert_eq!(decimal(&figures["feedback"]["average"]), Some(mean), "{figures}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_customer_view_follows_its_own_desk_and_no_other() {
    on_both(|db| async move {
        set_up_stores(db.as_ref()).await;
        db.put_terminal("S01", "DESK-2").await.unwrap();
        db.put_terminal("S03", "MSK-1").await.unwrap();
        put_moscow_user(db.as_ref(), Role::Clerk, "7777").await;
        let door = Door::at(&db, sofia("2026-10-11T10:00:00"));
        let clerk = door.token("maria", "1234", "DESK-1").await;
        let (status, idle) = door.send("GET", "/api/customer-display/watch?after=-1", &clerk, None).await;
        assert_eq!((status, idle["state"]["phase"].as_str(), idle["version"].as_i64()), (StatusCode::OK, Some("idle"), Some(0)), "{idle}");

        // A view waiting at DESK-1 wakes as soon as the desk publishes, with the state as sent.
        let waiting = {
            let (door, clerk) = (door.clone(), clerk.clone());
            tokio::spawn(async move { door.send("GET", "/api/customer-display/watch?after=0", &clerk, None).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let shown = json!({"phase": "decided", "receipt_number": "S01-2026-000001", "currency": "EUR", "resolution": "refund",
            "lines": [{"name": "Desk lamp", "qty": 1, "outcome": "approved", "refund": "24.90"}],
            "refund": "24.90", "tenders": [{"tender": "card", "amount": "24.90"}]});
        let started = std::time::Instant::now();
        let (status, published) = door.send("POST", "/api/customer-display", &clerk, Some(shown.clone())).await;
        assert_eq!(status, StatusCode::OK, "{published}");
        let (status, seen) = tokio::time::timeout(std::time::Duration::from_secs(5), waiting).await.expect("woken, not timed out").unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(status, StatusCode::OK, "{seen}");
        assert_eq!(seen["version"], published["version"]);
        assert_eq!((seen["state"]["phase"].as_str(), seen["state"]["refund"].as_str()), (Some("decided"), Some("24.90")), "{seen}");
        assert_eq!(seen["state"]["lines"][0]["name"], "Desk lamp");

        // Another desk of the store, and another store, see nothing of it.
        let other_desk = door.token("maria", "1234", "DESK-2").await;
        let moscow = door.token("olga", "7777", "MSK-1").await;
        for token in [&other_desk, &moscow] {
            let (status, view) = door.send("GET", "/api/customer-display/watch?after=-1", token, None).await;
            assert_eq!((status, view["state"]["phase"].as_str()), (StatusCode::OK, Some("idle")), "{view}");
        }
        // A state the view could not show is refused by name, and changes nothing.
        let mut bad = shown.clone();
        bad["tenders"][0]["tender"] = "bitcoin".into();
        let (status, error) = door.send("POST", "/api/customer-display", &clerk, Some(bad)).await;
        assert_eq!((status, error["field"].as_str()), (StatusCode::BAD_REQUEST, Some("tenders")), "{error}");
        let (_, still) = door.send("GET", "/api/customer-display/watch?after=-1", &clerk, None).await;
        assert_eq!(still["version"], published["version"]);
    })
    .await;
}
