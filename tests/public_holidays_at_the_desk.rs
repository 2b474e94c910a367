//! The law's public holidays at the desk, on SQLite and PostgreSQL: a store lists none of the
//! days below, yet the desk counts them — a Bulgarian distance withdrawal ending on St George's
//! Day 2027 or on a substitute day ends on the next working day, and a Russian exchange period
//! ending on Russia Day 2026 runs to the Monday after. The case the desk builds lists every
//! non-working day, so the contract's `evaluate` on it gives the desk's answer.

mod common;

use std::sync::Arc;

use chrono::NaiveDateTime;
use common::*;
use returndesk::domain::{Decision, ReasonCode, ReturnRequest};
use returndesk::http::{DeskApi, DeskClock};
use returndesk::service::{Desk, ReceiptContext, ReturnDraft};
use returndesk::store::{Database, ImportOutcome, SaleReceipt};
use serde_json::json;

fn at(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

async fn import(db: &dyn Database, sale: SaleReceipt) -> i64 {
    match db.import_receipts(&[sale]).await.unwrap()[0] {
        ImportOutcome::Inserted { id } => id,
        ref other => panic!("{other:?}"),
    }
}

/// The case the desk evaluated, written as the contract's case document (every non-working day
/// of the store's calendar listed as a holiday), and what `evaluate` answers on it.
fn contract_decision(context: &ReceiptContext, request: &ReturnRequest, now: NaiveDateTime) -> Decision {
    let calendar = context.calendar();
    let doc = json!({
        "now": now,
        "store": {
            "jurisdiction": context.store.jurisdiction,
            "currency": context.store.currency,
            "holidays": calendar.holidays().collect::<Vec<_>>(),
            "working_days": calendar.working_days().collect::<Vec<_>>(),
            "claim_target_days": context.store.claim_target_days.get(),
        },
        "policy": context.policy.document,
        "receipt": context.receipt.sale.receipt,
        "request": request,
    });
    let case: returndesk::contract::CaseDocument = serde_json::from_value(doc).unwrap();
    returndesk::domain::evaluate(&case.into_case().unwrap())
}

/// The desk's decision and withdrawal end, checked equal to the contract's answer on its case.
async fn decide(desk: &Desk, receipt_id: i64, request: serde_json::Value, now: &str) -> (Decision, Option<chrono::NaiveDate>) {
    let request: ReturnRequest = serde_json::from_value(request).unwrap();
    let draft = ReturnDraft { receipt_id, request: request.clone(), claims: Vec::new() };
    let now = at(now);
    let (context, decision) = desk.evaluate(&draft, now).await.unwrap();
    assert_eq!(decision, contract_decision(&context, &request, now), "the desk and `evaluate` on its case differ");
    let facts = context.explain(&request, &decision, now);
    (decision, facts[0].facts.withdrawal_end)
}

fn has(decision: &Decision, code: ReasonCode) -> bool {
    decision.lines[0].reasons.iter().any(|r| r.code == code)
}

fn approved(decision: &Decision) -> bool {
    decision.lines[0].outcome == returndesk::domain::LineOutcome::Approved
}

async fn story(db: Arc<dyn Database>) {
    set_up_stores(db.as_ref()).await;
    let desk = Desk::new(db.clone());
    let sofia = db.store("S01").await.unwrap().unwrap();
    let moscow = db.store("S03").await.unwrap().unwrap();

    // Bulgaria: the TV bought online on 1 March 2027, delivered on Thursday 22 April: its 14
    // days end on Thursday 6 May, St George's Day — a holiday by law the store does not list.
    assert!(!sofia.holidays.iter().any(|d| d.to_string().starts_with("2027")), "{:?}", sofia.holidays);
    let online = |number: &str, delivered: &str| {
        let mut sale = sofia_receipt(number);
        let mut r = serde_json::to_value(&sale.receipt).unwrap();
        r["channel"] = json!("online");
        r["purchased_at"] = json!("2027-03-01T12:00:00");
        r["delivered_on"] = json!(delivered);
        sale.receipt = serde_json::from_value(r).unwrap();
        sale
    };
    let tv = import(db.as_ref(), online("S01-2027-000001", "2027-04-22")).await;
    let refund = json!({"resolution": "refund", "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]});
    let (on_friday, end) = decide(&desk, tv, refund.clone(), "2027-05-07T10:00:00").await;
    assert_eq!(end, Some(d("2027-05-07")), "moved past St George's Day to Friday");
    assert!(approved(&on_friday) && has(&on_friday, ReasonCode::StatutoryWithdrawal), "{on_friday:?}");
    let (on_saturday, _) = decide(&desk, tv, refund.clone(), "2027-05-08T10:00:00").await;
    assert!(!approved(&on_saturday), "the withdrawal is over on Saturday: {on_saturday:?}");

    // A manager may make the holiday a working day (a decree did): the withdrawal then ends on
    // it. An ordinary weekday is still refused as a working day.
    let api = DeskApi::new(desk.clone(), DeskClock::fixed(at("2027-05-07T10:00:00")));
    let s = api.call("sign_in", json!({"login": "georgi", "pin": "9999", "terminal": "DESK-1"}), None).await.unwrap();
    let manager = s["token"].as_str().unwrap().to_string();
    // The settings show the law's days of this year and the next, read-only, beside the store's own.
    let settings = api.call("get_settings", json!({}), Some(&manager)).await.unwrap();
    let shown: Vec<&str> = settings["public_holidays"].as_array().unwrap().iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert!(shown.contains(&"2027-05-06") && shown.contains(&"2028-01-01"), "{shown:?}");
    assert!(shown.iter().all(|d| d.starts_with("2027") || d.starts_with("2028")), "{shown:?}");
    assert_eq!(settings["public_holidays"][0], json!({"date": "2027-01-01", "kind": "new_year"}));
    let calendar = |working: &str| json!({"calendar": {"holidays": sofia.holidays, "working_days": [working], "claim_target_days": 30}});
    let e = api.call("put_settings", calendar("2027-05-05"), Some(&manager)).await.unwrap_err();
    assert_eq!((e.status, e.field.as_deref()), (400, Some("calendar.working_days")), "{e:?}");
    api.call("put_settings", calendar("2027-05-06"), Some(&manager)).await.unwrap();
    let (_, end) = decide(&desk, tv, refund.clone(), "2027-05-07T10:00:00").await;
    assert_eq!(end, Some(d("2027-05-06")), "St George's Day worked");
    api.call("put_settings", calendar("2026-10-17"), Some(&manager)).await.unwrap();

    // Delivered Monday 13 December 2027: 14 days end on Monday 27 December, the substitute day
    // for Christmas on a Saturday, and Tuesday 28 is the one for the Sunday: Wednesday 29.
    let late = import(db.as_ref(), online("S01-2027-000002", "2027-12-13")).await;
    let (_, end) = decide(&desk, late, refund.clone(), "2027-12-20T10:00:00").await;
    assert_eq!(end, Some(d("2027-12-29")));

    // Russia: a blender bought on Friday 29 May 2026: the 14 days of the statutory exchange end
    // on Friday 12 June, Russia Day, not listed by the store: the end moves to Monday 15 June.
    assert!(moscow.holidays.is_empty());
    let mut sale = moscow_receipt("S03-2026-000612");
    let mut r = serde_json::to_value(&sale.receipt).unwrap();
    r["purchased_at"] = json!("2026-05-29T12:00:00");
    sale.receipt = serde_json::from_value(r).unwrap();
    let blender = import(db.as_ref(), sale).await;
    let exchange = json!({"resolution": "exchange", "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]});
    let (on_monday, _) = decide(&desk, blender, exchange.clone(), "2026-06-15T12:00:00").await;
    assert!(approved(&on_monday) && has(&on_monday, ReasonCode::StatutoryExchange), "{on_monday:?}");
    let (on_tuesday, _) = decide(&desk, blender, exchange.clone(), "2026-06-16T12:00:00").await;
    assert!(!has(&on_tuesday, ReasonCode::StatutoryExchange), "{on_tuesday:?}");

    // A store that works on a computed holiday (a decree made it working) lists it as a working
    // day: Friday 12 June 2026 worked, the period ends on it and Monday is too late.
    let manager_calendar = returndesk::store::StoreCalendar {
        holidays: vec![],
        working_days: vec![d("2026-06-12")],
        claim_target_days: moscow.claim_target_days,
    };
    let actor = returndesk::store::AuditActor { user_id: None, terminal_id: None, store_code: Some("S03".into()) };
    db.change_store_calendar(&actor, &moscow, &manager_calendar).await.unwrap();
    let (worked, _) = decide(&desk, blender, exchange, "2026-06-15T12:00:00").await;
    assert!(!has(&worked, ReasonCode::StatutoryExchange), "{worked:?}");
}

#[tokio::test]
async fn the_law_s_holidays_move_period_ends_at_the_desk_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    story(db).await;
}

#[tokio::test]
async fn the_law_s_holidays_move_period_ends_at_the_desk_on_postgres() {
    story(fresh_postgres().await).await;
}
