//! Issue 16: a customer's receipts found without their number — by phone (a national number
//! finds the international one), e-mail or name — where the sale recorded who bought; through
//! the HTTP door, on both backends, with the refusals and the store's boundary.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::*;
use returndesk::http::{api_router, DeskApi, DeskClock};
use returndesk::service::Desk;
use returndesk::store::{Database, ImportOutcome, SaleCustomer, SaleReceipt};
use serde_json::{json, Value};

fn bought_by(mut sale: SaleReceipt, name: &str, phone: Option<&str>, email: Option<&str>) -> SaleReceipt {
    sale.customer = Some(SaleCustomer { name: name.into(), phone: phone.map(Into::into), email: email.map(Into::into) });
    sale
}

async fn send(router: &axum::Router, uri: &str, token: &str) -> (StatusCode, Value) {
    let (status, bytes) = through_router(router, "GET", uri, token, None).await;
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn numbers(found: &Value) -> Vec<&str> {
    let mut n: Vec<&str> = found.as_array().unwrap_or_else(|| panic!("a list: {found}")).iter().map(|r| r["number"].as_str().unwrap()).collect();
    n.sort();
    n
}

async fn a_customers_receipts(db: Arc<dyn Database>) {
    set_up_stores(db.as_ref()).await;
    let mut moscow = moscow_receipt("S03-C-1");
    moscow.customer = Some(SaleCustomer { name: "Иван Петров".into(), phone: Some("+359 881 234 567".into()), email: None });
    let outcomes = db
        .import_receipts(&[
            bought_by(sofia_receipt("S01-C-1"), "Иван Петров", Some("+359 881 234 567"), None),
            bought_by(sofia_receipt("S01-C-2"), "  иван   ПЕТРОВ ", Some("0881 234 567"), None),
            bought_by(sofia_receipt("S01-C-3"), "Maria Ivanova", None, Some("Maria.Ivanova@Example.com")),
            bought_by(sofia_receipt("S01-C-4"), "Ivanka Petrova", Some("+359 887 654 321"), None),
            sofia_receipt("S01-C-5"),
            moscow,
        ])
        .await
        .unwrap();
    assert!(outcomes.iter().all(|o| matches!(o, ImportOutcome::Inserted { .. })), "{outcomes:?}");
    // A sale that names nobody is written as before: its fingerprint has no customer in it.
    assert!(serde_json::to_value(sofia_receipt("S01-C-5")).unwrap().get("customer").is_none());
    let again = db.import_receipts(&[bought_by(sofia_receipt("S01-C-1"), "Иван Петров", Some("+359 881 234 567"), None)]).await.unwrap();
    assert!(matches!(again[0], ImportOutcome::AlreadyPresent { .. }), "the same sale again: {again:?}");

    let router = api_router(DeskApi::new(Desk::new(db.clone()), DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap())));
    let (status, session) = {
        let (status, bytes) = through_router(&router, "POST", "/api/session", "", Some(json!({"login": "maria", "pin": "1234", "terminal": "DESK-1"}))).await;
        (status, serde_json::from_slice::<Value>(&bytes).unwrap())
    };
    assert_eq!(status, StatusCode::OK, "{session}");
    let clerk = session["token"].as_str().unwrap().to_string();
    let find = |q: &str| format!("/api/receipts/by-customer?q={}", urlencoding(q));

    // By phone: the national number finds the international one and back; not the other store's.
    for q in ["0881 234 567", "+359881234567", "00359 88 123 45 67", "(088) 123-45-67"] {
        let (status, found) = send(&router, &find(q), &clerk).await;
        assert_eq!(status, StatusCode::OK, "{q}: {found}");
        assert_eq!(numbers(&found), ["S01-C-1", "S01-C-2"], "{q}");
    }
    let (_, found) = send(&router, &find("0887 654 321"), &clerk).await;
    assert_eq!(numbers(&found), ["S01-C-4"]);
    // A number that only shares the last digits is another phone.
    let (_, found) = send(&router, &find("0891 234 567"), &clerk).await;
    assert_eq!(numbers(&found), Vec::<&str>::new());

    // By e-mail, in any case.
    let (_, found) = send(&router, &find("maria.ivanova@example.COM"), &clerk).await;
    assert_eq!(numbers(&found), ["S01-C-3"]);

    // By name: every word begins a word of the name, any case, Cyrillic too.
    let (_, found) = send(&router, &find("иван петр"), &clerk).await;
    assert_eq!(numbers(&found), ["S01-C-1", "S01-C-2"]);
    let (_, found) = send(&router, &find("ИВАН"), &clerk).await;
    assert_eq!(numbers(&found), ["S01-C-1", "S01-C-2"]);
    let (_, found) = send(&router, &find("ivan"), &clerk).await;
    assert_eq!(numbers(&found), ["S01-C-3", "S01-C-4"], "Ivanova and Ivanka begin with ivan");
    let (_, found) = send(&router, &find("vanova"), &clerk).await;
    assert_eq!(numbers(&found), Vec::<&str>::new(), "the middle of a word is not a name");

    // What a result shows: whose it is and what it sold.
    let (_, found) = send(&router, &find("maria"), &clerk).await;
    let hit = &found[0];
    assert_eq!(hit["customer"], "Maria Ivanova · Maria.Ivanova@Example.com", "{hit}");
    assert!(hit["items"].as_array().unwrap().iter().any(|i| i.as_str().unwrap().contains("×")), "{hit}");
    assert_eq!(hit["store_code"], "S01");

    // Refused, naming the field: too short a number, a name of one letter, letters in a number.
    for q in ["12345", "x", "0881 23456a", "   "] {
        let (status, e) = send(&router, &find(q), &clerk).await;
        assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("q")), "{q}: {e}");
    }
    let (status, _) = send(&router, &find("0881234567"), "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // A file of sales brings customers too; a phone that is not one is refused at its field.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sales.jsonl");
    let mut good = serde_json::to_value(sofia_receipt("S01-C-6")).unwrap();
    good["customer"] = json!({"name": "Stoyan Kolev", "phone": "0899 111 222"});
    let mut bad = serde_json::to_value(sofia_receipt("S01-C-7")).unwrap();
    bad["customer"] = json!({"name": "Nobody", "phone": "call me"});
    std::fs::write(&path, format!("{good}\n{bad}\n")).unwrap();
    let mut reports = Vec::new();
    let summary = returndesk::import::import_receipts_file(db.as_ref(), &path, None, 100, &mut |r| reports.push(r.to_string())).await.unwrap();
    assert_eq!(summary.inserted, 1, "{reports:?}");
    assert!(reports.iter().any(|r| r.contains("S01-C-7") && r.contains("customer.phone")), "{reports:?}");
    let (_, found) = send(&router, &find("+359 899 111 222"), &clerk).await;
    assert_eq!(numbers(&found), ["S01-C-6"]);
}

fn urlencoding(q: &str) -> String {
    q.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[tokio::test]
async fn a_customers_receipts_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    a_customers_receipts(db).await;
}

#[tokio::test]
async fn a_customers_receipts_on_postgres() {
    a_customers_receipts(fresh_postgres().await).await;
}
