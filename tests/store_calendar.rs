//! A store's calendar kept at the desk (issue 17: "store settings (working days, settlement
//! target)"): a manager changes the holidays, the transferred working days and the settlement
//! target in the settings; bad calendars are refused naming the field, with nothing stored; the
//! change is in the audit trail; and the desk's next decision counts on the new calendar. On
//! SQLite and on PostgreSQL.

mod common;

use std::sync::Arc;

use common::*;
use returndesk::http::{DeskApi, DeskClock};
use returndesk::service::Desk;
use returndesk::store::Database;
use serde_json::{json, Value};

async fn signed_in(api: &DeskApi, login: &str, pin: &str) -> String {
    let s = api.call("sign_in", json!({"login": login, "pin": pin, "terminal": "DESK-1"}), None).await.unwrap();
    s["token"].as_str().unwrap().to_string()
}

/// The end of the statutory withdrawal from the online sale, as the desk counts it: 14 days from
/// delivery (2026-10-01), moved past the store's non-working days.
async fn withdrawal_end(api: &DeskApi, token: &str, receipt_id: i64) -> String {
    let draft = json!({
        "receipt_id": receipt_id,
        "resolution": "refund",
        "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]
    });
    let v = api.call("evaluate_return", draft, Some(token)).await.unwrap();
    v["explanations"][0]["facts"]["withdrawal_end"].as_str().unwrap_or_else(|| panic!("no withdrawal end in {v}")).to_string()
}

async fn story(db: Arc<dyn Database>) {
    set_up_stores(db.as_ref()).await;
    let mut online = sofia_receipt("S01-2026-004512");
    online.receipt = {
        let mut r = serde_json::to_value(&online.receipt).unwrap();
        r["channel"] = json!("online");
        r["delivered_on"] = json!("2026-10-01");
        serde_json::from_value(r).unwrap()
    };
    db.import_receipts(&[online]).await.unwrap();
    let api = DeskApi::new(Desk::new(db.clone()), DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap()));
    let clerk = signed_in(&api, "maria", "1234").await;
    let manager = signed_in(&api, "georgi", "9999").await;
    let receipt = api.call("lookup_receipt", json!({"code": "S01-2026-004512"}), Some(&clerk)).await.unwrap();
    let receipt_id = receipt["id"].as_i64().unwrap();

    let before = api.call("get_settings", json!({}), Some(&clerk)).await.unwrap();
    assert_eq!(before["calendar"]["claim_target_days"], json!(30));
    assert_eq!(before["calendar"]["working_days"], json!([]));
    let holidays_before = before["calendar"]["holidays"].clone();
    assert!(holidays_before.as_array().unwrap().contains(&json!("2026-12-24")), "{holidays_before}");

    // Delivered 2026-10-01: the withdrawal ends 2026-10-15, a Thursday.
    assert_eq!(withdrawal_end(&api, &clerk, receipt_id).await, "2026-10-15");

    // Bad calendars: refused naming the field, nothing stored.
    let bad: [(Value, &str); 4] = [
        (json!({"holidays": [], "working_days": ["2026-11-04"], "claim_target_days": 30}), "calendar.working_days"),
        (json!({"holidays": ["2026-11-07"], "working_days": ["2026-11-07"], "claim_target_days": 30}), "calendar.working_days"),
        (json!({"holidays": [], "working_days": [], "claim_target_days": 0}), "calendar.claim_target_days"),
        (json!({"holidays": ["2026-13-01"], "working_days": [], "claim_target_days": 30}), "calendar.holidays"),
    ];
    for (calendar, field) in bad {
        let e = api.call("put_settings", json!({"calendar": calendar}), Some(&manager)).await.unwrap_err();
        assert_eq!(e.status, 400, "{calendar}: {e:?}");
        assert!(e.field.as_deref().is_some_and(|f| f.starts_with(field)), "{calendar}: field {:?}, want {field}", e.field);
    }
    let e = api.call("put_settings", json!({"calendar": {"holidays": [], "working_days": [], "claim_target_days": -1}}), Some(&manager)).await.unwrap_err();
    assert_eq!((e.status, e.field.as_deref()), (400, Some("calendar.claim_target_days")), "{e:?}");
    // A clerk keeps no calendar.
    let e = api
        .call("put_settings", json!({"calendar": {"holidays": [], "working_days": [], "claim_target_days": 20}}), Some(&clerk))
        .await
        .unwrap_err();
    assert_eq!(e.status, 403);
    let unchanged = api.call("get_settings", json!({}), Some(&clerk)).await.unwrap();
    assert_eq!(unchanged["calendar"], before["calendar"], "a refused calendar stored something");

    // Thursday 15 and Friday 16 October become holidays and Saturday 17 a working day (given
    // unsorted and twice).
    let mut holidays: Vec<Value> = holidays_before.as_array().unwrap().clone();
    holidays.insert(0, json!("2026-10-16"));
    holidays.push(json!("2026-10-15"));
    holidays.push(json!("2026-10-16"));
    let calendar = json!({"holidays": holidays, "working_days": ["2026-10-17"], "claim_target_days": 21});
    let after = api.call("put_settings", json!({"calendar": calendar}), Some(&manager)).await.unwrap();
    assert_eq!(after["calendar"]["claim_target_days"], json!(21));
    assert_eq!(after["calendar"]["working_days"], json!(["2026-10-17"]));
    let kept = after["calendar"]["holidays"].as_array().unwrap();
    assert_eq!(kept.len(), holidays_before.as_array().unwrap().len() + 2, "{kept:?}");
    assert_eq!(kept.first(), Some(&json!("2026-03-03")), "sorted: {kept:?}");
    assert_eq!(kept.iter().filter(|d| **d == json!("2026-10-16")).count(), 1);

    // The desk's next decision counts on it: the end moves past the holidays to the working Saturday.
    assert_eq!(withdrawal_end(&api, &clerk, receipt_id).await, "2026-10-17");
    // Without the working Saturday it moves on to Monday.
    let calendar = json!({"holidays": kept, "working_days": [], "claim_target_days": 21});
    api.call("put_settings", json!({"calendar": calendar}), Some(&manager)).await.unwrap();
    assert_eq!(withdrawal_end(&api, &clerk, receipt_id).await, "2026-10-19");

    // The change is in the audit trail, with the calendar before and after.
    let trail = api.call("list_audit", json!({"action": "settings_changed"}), Some(&manager)).await.unwrap();
    let entry = trail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity_id"] == json!("S01/calendar"))
        .unwrap_or_else(|| panic!("no calendar entry in {trail}"));
    assert_eq!(entry["details"]["to"]["working_days"], json!([]));
    assert_eq!(entry["details"]["from"]["working_days"], json!(["2026-10-17"]));

    // A store that is not set up (gone from the database since the desk read it): refused by
    // its own code, naming the store, and no settings entry is written.
    let entries = trail["entries"].as_array().unwrap().len();
    let actor = returndesk::store::AuditActor { user_id: None, terminal_id: None, store_code: Some("S09".into()) };
    let mut gone = db.store("S01").await.unwrap().unwrap();
    gone.code = "S09".into();
    let calendar = returndesk::store::StoreCalendar { holidays: vec![], working_days: vec![], claim_target_days: gone.claim_target_days };
    let details = db.store_details("S01").await.unwrap().unwrap();
    for refused in [db.change_store_calendar(&actor, &gone, &calendar).await, db.change_store_details(&actor, "S09", &details).await] {
        let e = returndesk::api::ApiError::from(refused.unwrap_err());
        assert_eq!((e.code, e.extra["store"].as_str()), ("STORE_NOT_SET_UP", Some("S09")), "{}", e.body());
    }
    let trail = api.call("list_audit", json!({"action": "settings_changed"}), Some(&manager)).await.unwrap();
    assert_eq!(trail["entries"].as_array().unwrap().len(), entries, "nothing written");
    assert!(db.verify_audit().await.unwrap().is_intact());
}

#[tokio::test]
async fn a_store_calendar_kept_at_the_desk_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    story(db).await;
}

#[tokio::test]
async fn a_store_calendar_kept_at_the_desk_on_postgres() {
    story(fresh_postgres().await).await;
}
