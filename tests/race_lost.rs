//! An over-return lost in a race answers exactly like any over-return: `400
//! QTY_EXCEEDS_REMAINING` naming the line's quantity and how many are `left`, on SQLite and
//! PostgreSQL. The race is made deterministic: the store lets a rival desk record its return
//! of the same units after the desk checked the draft and before its write transaction reads
//! the history.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use returndesk::http::{api_router, DeskApi, DeskClock};
use returndesk::service::{Desk, ReturnDraft};
use returndesk::store::{sql::Pool, ConfirmedReturn, Database, Decide, NewReturn, PayoutBasis, StoreResult};
use serde_json::{json, Value};
use tower::ServiceExt;

/// A store where, the first time a desk records a return, a rival desk records its own
/// return of one HDMI cable (line 2) first.
struct RivalFirst {
    inner: Arc<dyn Database>,
    rival_went: AtomicBool,
    clerk: i64,
}

#[async_trait]
impl Database for RivalFirst {
    fn connections(&self) -> &Pool {
        self.inner.connections()
    }

    async fn confirm_return(&self, new: &NewReturn, payout: PayoutBasis, decide: &Decide<'_>) -> StoreResult<ConfirmedReturn> {
        if !self.rival_went.swap(true, Ordering::SeqCst) {
            let rival: ReturnDraft = serde_json::from_value(json!({
                "receipt_id": new.receipt_id, "resolution": "refund",
                "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]
            }))
            .unwrap();
            Desk::new(self.inner.clone())
                .confirm(&rival, "rival-desk-0001", self.clerk, None, new.now)
                .await
                .expect("the rival's return is recorded");
        }
        self.inner.confirm_return(new, payout, decide).await
    }
}

async fn send(router: &axum::Router, method: &str, uri: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut req = Request::builder().method(method).uri(uri).header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let res = router.clone().oneshot(req.body(Body::from(body.to_string())).unwrap()).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn the_lost_race_is_an_over_return(inner: Arc<dyn Database>) {
    let (clerk, _) = set_up_stores(inner.as_ref()).await;
    inner.import_receipts(&[sofia_receipt("S01-2026-007001")]).await.unwrap();
    let db: Arc<dyn Database> = Arc::new(RivalFirst { inner: inner.clone(), rival_went: AtomicBool::new(false), clerk });
    let api = DeskApi::new(Desk::new(db), DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap()));
    let router = api_router(api);
    let (status, session) = send(&router, "POST", "/api/session", None, json!({"login": "maria", "pin": "1234"})).await;
    assert_eq!(status, StatusCode::OK, "{session}");
    let token = session["token"].as_str().unwrap().to_string();
    let (_, receipt) = send(&router, "GET", "/api/receipts/lookup?code=S01-2026-007001", Some(&token), Value::Null).await;
    assert_eq!(receipt["lines"][1]["remaining"], 3, "all three cables are there when the desk checks");

    // All three cables: they were all there when the desk checked the draft, but the rival took
    // one before the write transaction read the history.
    let draft = json!({"receipt_id": receipt["id"], "resolution": "refund", "idempotency_key": "desk-1-race",
        "lines": [{"line": 2, "qty": 3, "reason": "change_of_mind", "condition": "unopened"}]});
    let (status, body) = send(&router, "POST", "/api/returns", Some(&token), draft.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["code"], "QTY_EXCEEDS_REMAINING", "{body}");
    assert_eq!(body["error"]["field"], "lines[0].qty");
    assert_eq!(body["error"]["left"], 2);

    // The same over-return, asked now that the rival's return is in: the same answer.
    let mut again = draft.clone();
    again["idempotency_key"] = json!("desk-1-race-again");
    let (status2, body2) = send(&router, "POST", "/api/returns", Some(&token), again).await;
    assert_eq!((status2, &body2["error"]), (status, &body["error"]));

    // Nothing was recorded for the lost race: only the rival's return, one cable.
    let counts = inner.ledger_counts().await.unwrap();
    assert_eq!((counts.returns, counts.return_lines), (1, 1));

    // The two cables left, taken; the same confirmation sent again (a retry after a lost
    // answer) gets the same return, not "nothing left".
    let mut rest = draft;
    rest["idempotency_key"] = json!("desk-1-rest");
    rest["lines"][0]["qty"] = json!(2);
    let (status, first) = send(&router, "POST", "/api/returns", Some(&token), rest.clone()).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let (status, retry) = send(&router, "POST", "/api/returns", Some(&token), rest).await;
    assert_eq!(status, StatusCode::OK, "{retry}");
    assert_eq!((retry["id"].clone(), retry["created"].clone()), (first["id"].clone(), json!(false)));
    assert_eq!(inner.ledger_counts().await.unwrap().returns, 2);
}

#[tokio::test]
async fn a_lost_race_is_an_over_return_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    the_lost_race_is_an_over_return(db).await;
}

#[tokio::test]
async fn a_lost_race_is_an_over_return_on_postgres() {
    the_lost_race_is_an_over_return(fresh_postgres().await).await;
}
