//! The desk API over HTTP (the router `returndesk serve` runs), on SQLite and PostgreSQL:
//! what a desk does in a day, the error format, and the OpenAPI document.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use returndesk::http::{api_router, DeskApi, DeskClock};
use returndesk::service::Desk;
use returndesk::store::Database;
use serde_json::{json, Value};
use tower::ServiceExt;

/// The text of a PDF, as `pdftotext -layout` reads it.
fn pdf_text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").args(["-layout", path.to_str().unwrap(), "-"]).output().expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

struct TestDesk {
    router: axum::Router,
}

impl TestDesk {
    async fn new(db: Arc<dyn Database>) -> TestDesk {
        set_up_stores(db.as_ref()).await;
        db.import_receipts(&[sofia_receipt("S01-2026-004512")]).await.unwrap();
        let api = DeskApi::new(Desk::new(db), DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap()));
        TestDesk { router: api_router(api) }
    }

    async fn send(&self, method: &str, uri: &str, token: Option<&str>, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = req
            .header("content-type", "application/json")
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let value = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into())) };
        (status, value)
    }

    async fn bytes(&self, uri: &str, token: Option<&str>) -> Vec<u8> {
        let mut req = Request::builder().method("GET").uri(uri);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let res = self.router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        res.into_body().collect().await.unwrap().to_bytes().to_vec()
    }

    async fn sign_in(&self, login: &str, pin: &str) -> String {
        let (status, body) = self.send("POST", "/api/session", None, Some(json!({"login": login, "pin": pin, "terminal": "DESK-1"}))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["token"].as_str().unwrap().to_string()
    }
}

async fn a_day_at_the_desk(db: Arc<dyn Database>) {
    // The desk prints to a cups-pdf virtual printer.
    let cups = std::process::Command::new("sh").arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/setup-cups.sh")).output().unwrap();
    assert!(cups.status.success(), "scripts/setup-cups.sh: {}", String::from_utf8_lossy(&cups.stderr));
    let desk = TestDesk::new(db).await;

    // Nothing without signing in; a wrong PIN says how many tries are left.
    let (status, body) = desk.send("GET", "/api/receipts/lookup?code=S01-2026-004512", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "UNAUTHENTICATED");
    let (status, body) = desk.send("POST", "/api/session", None, Some(json!({"login": "maria", "pin": "0000"}))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "WRONG_PIN");
    assert_eq!(body["error"]["attempts_left"], 4);
    let token = desk.sign_in("maria", "1234").await;
    let t = Some(token.as_str());

    // Lookup: the receipt with what is left per line; unknown and malformed codes.
    let (status, receipt) = desk.send("GET", "/api/receipts/lookup?code=S01-2026-004512", t, None).await;
    assert_eq!(status, StatusCode::OK, "{receipt}");
    assert_eq!(receipt["lines"][1]["remaining"], 3);
    assert_eq!(receipt["lines"][1]["paid"], "26.47");
    assert_eq!(receipt["amount_paid"], "996.88");
    let (status, body) = desk.send("GET", "/api/receipts/lookup?code=S01-NOPE", t, None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("RECEIPT_NOT_FOUND")));
    let (status, body) = desk.send("GET", "/api/receipts/lookup?code=t%3D2026%26s%3D1%26fn%3D1%26i%3D2", t, None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("MALFORMED_CODE")), "{body}");
    let (status, found) = desk.send("GET", "/api/receipts/by-card?last4=4242&from=2026-10-01&to=2026-10-31", t, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found.as_array().unwrap().len(), 1);
    let (status, body) = desk.send("GET", "/api/receipts/by-card?last4=42&from=2026-10-01&to=2026-10-31", t, None).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("last4")));

    // Evaluate: the contract's answer for the same case, plus the facts behind it.
    let id = receipt["id"].clone();
    let draft = json!({"receipt_id": id, "resolution": "refund", "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]});
    let (status, evaluation) = desk.send("POST", "/api/returns/evaluate", t, Some(draft.clone())).await;
    assert_eq!(status, StatusCode::OK, "{evaluation}");
    let expected = case("001-change-of-mind-within-window.json")["expected"].clone();
    for key in ["outcome", "currency", "lines", "approvals_required", "totals", "tenders"] {
        assert_eq!(evaluation[key], expected[key], "{key}");
    }
    assert_eq!(evaluation["explanations"][0]["facts"]["days_since_purchase"], 10);
    assert_eq!(evaluation["explanations"][0]["facts"]["return_days"], 60);
    assert_eq!(evaluation["explanations"][0]["facts"]["window_end"], "2026-11-30");

    // Bad input names the field and changes nothing.
    let mut bad = draft.clone();
    bad["lines"][0]["qty"] = json!(0);
    let (status, body) = desk.send("POST", "/api/returns/evaluate", t, Some(bad)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["field"], "lines[0].qty");
    let (status, body) = desk.send("POST", "/api/returns/evaluate", t, Some(json!({"receipt_id": id, "resolution": "refund", "lines": [{"line": 9, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["message"].as_str().unwrap().contains("line 9 is not on receipt"));
    let (status, body) = desk.send("POST", "/api/returns", t, Some(draft.clone())).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("idempotency_key")));
    // Contract v2's no_analogue is true or false, nothing else.
    for value in [json!("yes"), json!(1), json!(null)] {
        let mut bad = draft.clone();
        bad["lines"][0]["no_analogue"] = value.clone();
        let (status, body) = desk.send("POST", "/api/returns/evaluate", t, Some(bad)).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("lines[0].no_analogue")), "{value}: {body}");
    }

    // Confirm twice with one key: one return.
    let mut confirm = draft.clone();
    confirm["idempotency_key"] = json!("desk1-0001");
    let (status, first) = desk.send("POST", "/api/returns", t, Some(confirm.clone())).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["status"], "completed");
    assert_eq!(first["created"], true);
    assert_eq!(first["number"], format!("S01-R{:07}", first["id"].as_i64().unwrap()));
    let (_, again) = desk.send("POST", "/api/returns", t, Some(confirm)).await;
    assert_eq!((again["id"].clone(), again["created"].clone()), (first["id"].clone(), json!(false)));
    assert_eq!(first["clerk"], "Maria Ivanova");

    // More cables than are left, or a TV above the manager limit without a manager: refused,
    // nothing recorded.
    let over = json!({"receipt_id": id, "resolution": "refund", "idempotency_key": "desk1-over",
        "lines": [{"line": 2, "qty": 3, "reason": "change_of_mind", "condition": "unopened"}]});
    let (status, body) = desk.send("POST", "/api/returns", t, Some(over)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["code"], "QTY_EXCEEDS_REMAINING");
    assert_eq!(body["error"]["field"], "lines[0].qty");
    assert_eq!(body["error"]["left"], 2);
    let tv = json!({"receipt_id": id, "resolution": "refund", "idempotency_key": "desk1-tv",
        "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]});
    let (status, body) = desk.send("POST", "/api/returns", t, Some(tv)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("MANAGER_REQUIRED")), "{body}");
    assert_eq!(body["error"]["approvals"], json!(["AMOUNT_OVER_LIMIT"]));
    let (_, list) = desk.send("GET", "/api/returns", t, None).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "the refused returns left nothing behind");

    // A denied line overridden by a manager at the desk; a wrong manager PIN changes nothing.
    let opened = json!({"receipt_id": id, "resolution": "refund", "idempotency_key": "desk1-0002",
        "lines": [{"line": 4, "qty": 1, "reason": "change_of_mind", "condition": "opened"}],
        "manager": {"manager_login": "georgi", "manager_pin": "1111", "decision": "approve", "reason": "sealed", "lines": [4]}});
    let (status, body) = desk.send("POST", "/api/returns", t, Some(opened.clone())).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("WRONG_PIN")));
    let mut opened = opened;
    opened["manager"]["manager_pin"] = json!("9999");
    let (status, overridden) = desk.send("POST", "/api/returns", t, Some(opened)).await;
    assert_eq!(status, StatusCode::OK, "{overridden}");
    assert_eq!(overridden["outcome"], "approved");
    assert_eq!(overridden["approvals"][0]["manager"], "Georgi Dimitrov");

    // A warranty claim with the customer's words.
    let claim = json!({"receipt_id": id, "resolution": "repair", "idempotency_key": "desk1-0003",
        "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no picture", "serial": "TV55-000123"}],
        "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"}});
    let (status, body) = desk.send("POST", "/api/returns", t, Some(claim)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A repair is a claim under the legal guarantee, due a month from the complaint (BG).
    assert_eq!(body["decision"]["lines"][0]["outcome"], "warranty_claim");
    assert_eq!(body["claims"][0]["register_no"], "S01-2026-00001");
    // A Bulgarian claim's date is the law's (one month), not the store's target: kept with it.
    assert_eq!(body["claims"][0]["claim_due_basis"], "statutory");
    let (_, claims) = desk.send("GET", "/api/claims", t, None).await;
    let claims = claims.as_array().unwrap().clone();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["serial"], "TV55-000123");
    assert_eq!(claims[0]["defect"], "no picture");
    assert_eq!(claims[0]["claim_due_by"], "2026-11-11");
    assert_eq!(claims[0]["overdue"], false);
    let (_, open) = desk.send("GET", "/api/claims?status=open", t, None).await;
    assert_eq!(open.as_array().unwrap().len(), 1);
    let (_, overdue) = desk.send("GET", "/api/claims?status=overdue", t, None).await;
    assert!(overdue.as_array().unwrap().is_empty());
    // Its claim document, as the desk prints it for the customer.
    let claim_pdf = desk
        .bytes(&format!("/api/returns/{}/slip.pdf?lang=bg&document=claim&claim={}", body["id"], body["claims"][0]["id"]), t)
        .await;
    let text = pdf_text(&claim_pdf);
    for words in ["S01-2026-00001", "Ivan Petrov", "+359 88 123 4567", "no picture", "TV55-000123", "S01-2026-004512", "11.11.2026"] {
        assert!(text.contains(words), "the claim document should say {words:?}:\n{text}");
    }
    let (status, e) = desk.send("GET", &format!("/api/returns/{}/slip.pdf?document=claim&claim=999", body["id"]), t, None).await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("NOT_FOUND")), "{e}");
    let (status, e) = desk.send("GET", &format!("/api/returns/{}/slip.pdf?document=claim", body["id"]), t, None).await;
    assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("claim")), "{e}");

    // A return paid out as store credit issues a voucher with a code of its own.
    let credit = json!({"receipt_id": id, "resolution": "store_credit", "idempotency_key": "desk1-0004",
        "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]});
    let (status, credited) = desk.send("POST", "/api/returns", t, Some(credit.clone())).await;
    assert_eq!(status, StatusCode::OK, "{credited}");
    let voucher = credited["voucher"].clone();
    let code = voucher["code"].as_str().expect("a voucher").to_string();
    assert!(code.len() == 14 && code.starts_with("SC-") && code[3..].chars().all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase()), "{code}");
    assert_eq!(voucher["amount"], credited["decision"]["totals"]["refund"]);
    assert_eq!(voucher["balance"], voucher["amount"]);
    assert_eq!(voucher["expires_on"], "2027-10-11", "a year from the day it is issued");
    let (_, again) = desk.send("POST", "/api/returns", t, Some(credit)).await;
    assert_eq!(again["voucher"]["code"], code.as_str(), "a retry gives back the same voucher");
    let voucher_pdf = desk.bytes(&format!("/api/returns/{}/slip.pdf?lang=en&document=voucher", credited["id"]), t).await;
    let text = pdf_text(&voucher_pdf);
    for words in [code.as_str(), voucher["amount"].as_str().unwrap(), credited["number"].as_str().unwrap()] {
        assert!(text.contains(words), "the voucher should say {words:?}:\n{text}");
    }
    let (status, e) = desk.send("GET", &format!("/api/returns/{}/slip.pdf?document=voucher", first["id"]), t, None).await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("NOT_FOUND")), "a cash refund has no voucher: {e}");
    let (status, e) = desk.send("GET", &format!("/api/returns/{}/slip.pdf?document=receipt", first["id"]), t, None).await;
    assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("document")), "{e}");

    // History, one return, settings; managers only may change settings.
    let (_, list) = desk.send("GET", "/api/returns?q=004512", t, None).await;
    assert_eq!(list.as_array().unwrap().len(), 4);
    assert_eq!(list[0]["clerk"], "Maria Ivanova");
    let (status, body) = desk.send("POST", &format!("/api/returns/{}/print", first["id"]), t, Some(json!({}))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("NO_PRINTER")), "no printer chosen yet");
    let (status, one) = desk.send("GET", &format!("/api/returns/{}", first["id"]), t, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["decision"]["totals"]["refund"], "8.82");
    let (status, _) = desk.send("GET", "/api/returns/abc", t, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = desk.send("PUT", "/api/settings", t, Some(json!({"printer": "ReturnDeskPDF"}))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")));
    let manager = desk.sign_in("georgi", "9999").await;
    let (status, settings) = desk.send("PUT", "/api/settings", Some(&manager), Some(json!({"printer": "ReturnDeskPDF"}))).await;
    assert_eq!(status, StatusCode::OK, "{settings}");
    assert_eq!(settings["printer"], "ReturnDeskPDF");
    assert_eq!(settings["policy"]["defaults"]["manager_approval_over"], "500.00");

    // The slip of a recorded return, as the desk previews it.
    let (status, body) = desk.send("POST", &format!("/api/returns/{}/print", first["id"]), Some(&manager), Some(json!({"lang": "bg"}))).await;
    assert_eq!(status, StatusCode::OK, "printing goes to the chosen printer: {body}");
    assert_eq!(body["printer"], "ReturnDeskPDF");
    let pdf = desk.bytes(&format!("/api/returns/{}/slip.pdf?lang=bg&layout=a4", overridden["id"]), t).await;
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    for words in ["ДОКУМЕНТ ЗА ВРЪЩАНЕ", "Maria Ivanova", "Georgi Dimitrov", "sealed", "DESK-1", "5,38 €", overridden["number"].as_str().unwrap()] {
        assert!(text.contains(words), "the slip should say {words:?}:\n{text}");
    }
    let (status, body) = desk.send("GET", &format!("/api/returns/{}/slip.pdf?lang=de", first["id"]), t, None).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("lang")));

    // Signing out ends the session.
    desk.send("DELETE", "/api/session", t, None).await;
    let (status, _) = desk.send("GET", "/api/claims", t, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_at_the_desk_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    a_day_at_the_desk(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_at_the_desk_on_postgres() {
    a_day_at_the_desk(fresh_postgres().await).await;
}

/// Where a test reads the tables as the desk stored them.
enum Stored {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Stored {
    /// Text columns of one row, by a query with one `$1` parameter.
    async fn texts(&self, query: &'static str, param: &str) -> Vec<String> {
        use sqlx::Connection;
        match self {
            Stored::Sqlite(path) => {
                let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap();
                sqlx::query_scalar::<_, String>(query).bind(param).fetch_all(&mut c).await.unwrap()
            }
            Stored::Postgres(url) => {
                let mut c = sqlx::PgConnection::connect(url).await.unwrap();
                sqlx::query_scalar::<_, String>(query).bind(param).fetch_all(&mut c).await.unwrap()
            }
        }
    }
}

/// An online sale at S01 delivered on 5 October: two coffee grinders (109.00 each) and two bags
/// of beans (15.00 each), paid 188.00 by gift card and 60.00 by card.
fn online_grinder_receipt() -> returndesk::store::SaleReceipt {
    serde_json::from_value(json!({
        "store": "S01", "number": "S01-W-2026-000815", "purchased_at": "2026-10-03T14:20:00", "channel": "online",
        "delivered_on": "2026-10-05", "currency": "EUR",
        "lines": [
            {"line": 1, "sku": "GRIND-G2", "name": "Coffee grinder Hera G2", "category": "appliances", "brand": "Hera",
             "qty": 2, "unit_price": "109.00", "discount": "0.00", "vat_rate": "20"},
            {"line": 2, "sku": "BEANS-1K", "name": "Coffee beans 1 kg", "category": "grocery", "brand": "Hera",
             "qty": 2, "unit_price": "15.00", "discount": "0.00", "vat_rate": "9"}
        ],
        "receipt_discount": "0.00",
        "tenders": [{"type": "gift_card", "amount": "188.00"}, {"type": "card", "amount": "60.00", "card_last4": "4821"}]
    }))
    .unwrap()
}

/// A used grinder sent back within the withdrawal period: LOSS_OF_VALUE, a manager deducts
/// 12.50 for its loss of value and the return pays the rest; every wrong deduction is refused
/// naming the field, and nothing is recorded for it.
async fn a_deduction_for_loss_of_value(db: Arc<dyn Database>, stored: Stored) {
    let desk = TestDesk::new(db.clone()).await;
    db.import_receipts(&[online_grinder_receipt()]).await.unwrap();
    let token = desk.sign_in("maria", "1234").await;
    let t = Some(token.as_str());
    let (status, receipt) = desk.send("GET", "/api/receipts/lookup?code=S01-W-2026-000815", t, None).await;
    assert_eq!(status, StatusCode::OK, "{receipt}");
    let id = receipt["id"].clone();
    let used = json!({"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "used"});
    let draft = json!({"receipt_id": id, "resolution": "refund", "lines": [used]});

    // The engine sends it to a manager; what a yes would pay is the whole line.
    let (status, ev) = desk.send("POST", "/api/returns/evaluate", t, Some(draft.clone())).await;
    assert_eq!(status, StatusCode::OK, "{ev}");
    assert_eq!(ev["lines"][0]["outcome"], "needs_approval");
    assert_eq!(ev["lines"][0]["reasons"], json!([{"code": "LOSS_OF_VALUE", "overridable": true}]));
    assert_eq!(ev["lines"][0]["refund"], "109.00");
    assert_eq!(ev["manager_required"], true);

    // Previewed with a deduction (no reason yet): the net amounts, the tenders walked again.
    let mut preview = draft.clone();
    preview["preview_deductions"] = json!([{"line": 1, "amount": "12.50"}]);
    let (status, ev) = desk.send("POST", "/api/returns/evaluate", t, Some(preview.clone())).await;
    assert_eq!(status, StatusCode::OK, "{ev}");
    assert_eq!(ev["lines"][0]["outcome"], "approved");
    assert_eq!((ev["lines"][0]["gross"].clone(), ev["lines"][0]["refund"].clone()), (json!("109.00"), json!("96.50")));
    assert_eq!(ev["totals"], json!({"gross": "109.00", "fee": "0.00", "refund": "96.50", "vat": "16.08", "deduction": "12.50"}));
    assert_eq!(ev["tenders"], json!([{"type": "card", "amount": "60.00"}, {"type": "gift_card", "amount": "36.50"}]));
    preview["preview_deductions"][0]["amount"] = json!("109.01");
    let (status, e) = desk.send("POST", "/api/returns/evaluate", t, Some(preview)).await;
    assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("preview_deductions[0].amount")), "{e}");

    // Every wrong deduction is refused naming its field, and leaves nothing behind.
    async fn footprint(desk: &TestDesk, t: &str) -> (usize, Value) {
        let (_, list) = desk.send("GET", "/api/returns", Some(t), None).await;
        let (_, r) = desk.send("GET", "/api/receipts/lookup?code=S01-W-2026-000815", Some(t), None).await;
        (list.as_array().unwrap().len(), r["lines"][0]["remaining"].clone())
    }
    let before = footprint(&desk, &token).await;
    assert_eq!(before, (0, json!(2)));
    let approve = |lines: Value, deductions: Value| {
        json!({"receipt_id": id, "resolution": "refund", "idempotency_key": "lov-1", "lines": lines,
               "manager": {"manager_login": "georgi", "manager_pin": "9999", "decision": "approve",
                           "reason": "Withdrawal of used goods", "deductions": deductions}})
    };
    let beans = json!({"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"});
    let refused = [
        (approve(json!([used]), json!([{"line": 1, "amount": "109.01", "reason": "dented"}])), "manager.deductions[0].amount", "more than line 1 refunds (109.00)"),
        (approve(json!([used]), json!([{"line": 1, "amount": "-5.00", "reason": "dented"}])), "manager.deductions[0].amount", "negative"),
        (approve(json!([used]), json!([{"line": 1, "amount": "twelve", "reason": "dented"}])), "manager.deductions[0].amount", "not a decimal amount"),
        (approve(json!([used]), json!([{"line": 1, "amount": "12.505", "reason": "dented"}])), "manager.deductions[0].amount", "more than two decimals"),
        (approve(json!([used]), json!([{"line": 1, "amount": "12.50"}])), "manager.deductions[0].reason", "needs a reason"),
        (approve(json!([used]), json!([{"line": 1, "amount": "12.50", "reason": "   "}])), "manager.deductions[0].reason", "needs a reason"),
        (approve(json!([used, beans]), json!([{"line": 2, "amount": "1.00", "reason": "opened"}])), "manager.deductions[0].line", "LOSS_OF_VALUE"),
        (approve(json!([used]), json!([{"line": 2, "amount": "1.00", "reason": "opened"}])), "manager.deductions[0].line", "not part of this return"),
    ];
    for (body, field, words) in refused {
        let (status, e) = desk.send("POST", "/api/returns", t, Some(body.clone())).await;
        assert_eq!((status, e["error"]["code"].as_str(), e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("BAD_INPUT"), Some(field)), "{body}: {e}");
        assert!(e["error"]["message"].as_str().unwrap().contains(words), "{words:?}: {e}");
    }
    let mut declined = approve(json!([used]), json!([{"line": 1, "amount": "12.50", "reason": "dented"}]));
    declined["manager"]["decision"] = json!("decline");
    let (status, e) = desk.send("POST", "/api/returns", t, Some(declined)).await;
    assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("manager.deductions")), "{e}");
    assert_eq!(footprint(&desk, &token).await, before, "nothing recorded for a refused deduction");

    // The manager deducts 12.50: the return pays 96.50, card first, and says why.
    let body = approve(json!([used]), json!([{"line": 1, "amount": "12.50", "reason": " Scratched hopper, burrs worn "}]));
    let (status, r) = desk.send("POST", "/api/returns", t, Some(body.clone())).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!((r["status"].as_str(), r["outcome"].as_str()), (Some("completed"), Some("approved")));
    let line = &r["decision"]["lines"][0];
    assert_eq!((line["outcome"].as_str(), line["refund"].as_str(), line["vat"].as_str()), (Some("approved"), Some("96.50"), Some("16.08")));
    assert_eq!(line["deduction"], json!({"amount": "12.50", "reason": "Scratched hopper, burrs worn"}));
    let totals = &r["decision"]["totals"];
    assert_eq!(totals, &json!({"gross": "109.00", "fee": "0.00", "refund": "96.50", "vat": "16.08", "deduction": "12.50"}));
    let tenders = r["decision"]["tenders"].as_array().unwrap();
    assert_eq!(tenders, &[json!({"type": "card", "amount": "60.00"}), json!({"type": "gift_card", "amount": "36.50"})]);
    let paid: rust_decimal::Decimal = tenders.iter().map(|t| t["amount"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap()).sum();
    assert_eq!(paid.to_string(), "96.50", "the tenders add up to the refund");
    assert_eq!(r["approvals"], json!([{"line": 1, "code": "LOSS_OF_VALUE", "manager": "Georgi Dimitrov", "decision": "approve",
                                        "reason": "Withdrawal of used goods", "at": r["approvals"][0]["at"]}]));
    assert_eq!(footprint(&desk, &token).await, (1, json!(1)), "one grinder came back");
    // The same key gives back the same return; with another deduction it is another request.
    let (_, again) = desk.send("POST", "/api/returns", t, Some(body)).await;
    assert_eq!((again["id"].clone(), again["created"].clone()), (r["id"].clone(), json!(false)), "{again}");
    let other = approve(json!([used]), json!([{"line": 1, "amount": "2.50", "reason": "Scratched hopper, burrs worn"}]));
    let (status, e) = desk.send("POST", "/api/returns", t, Some(other)).await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("IDEMPOTENCY_KEY_REUSED")), "{e}");

    // Stored as decided: the decision keeps the deduction and its reason, the request what was
    // asked, and the manager's entry in the audit trail names the deduction.
    let return_id = r["id"].as_i64().unwrap().to_string();
    let rows = stored.texts("SELECT decision_json FROM returns WHERE CAST(id AS TEXT) = $1", &return_id).await;
    let decision: Value = serde_json::from_str(&rows[0]).unwrap();
    assert_eq!(decision["lines"][0]["deduction"], json!({"amount": "12.50", "reason": "Scratched hopper, burrs worn"}));
    assert_eq!((decision["lines"][0]["refund"].as_str(), decision["totals"]["deduction"].as_str()), (Some("96.50"), Some("12.50")));
    let rows = stored.texts("SELECT request_json FROM returns WHERE CAST(id AS TEXT) = $1", &return_id).await;
    let request: Value = serde_json::from_str(&rows[0]).unwrap();
    assert_eq!(request["lines"][0]["condition"], "used");
    let rows = stored.texts("SELECT details FROM audit_log WHERE action = 'override_approved' AND entity_id = $1", &return_id).await;
    let details: Value = serde_json::from_str(&rows[0]).unwrap();
    assert_eq!(details["deductions"], json!([{"line": 1, "amount": "12.50", "reason": "Scratched hopper, burrs worn"}]));
    let rows = stored.texts("SELECT CAST(refund AS TEXT) FROM return_lines WHERE CAST(return_id AS TEXT) = $1", &return_id).await;
    assert!(rows[0] == "9650" || rows[0] == "96.50", "the line's refund column is the net: {rows:?}");

    // The slip shows the deduction and the manager's reason, in English and in Bulgarian.
    for (lang, words) in [
        ("en", ["Deduction for loss of value", "−€12.50", "Reason for the deduction: Scratched hopper, burrs worn", "€96.50"]),
        ("bg", ["Удръжка за намалена стойност", "−12,50 €", "Основание за удръжката: Scratched hopper, burrs worn", "96,50 €"]),
    ] {
        let text = pdf_text(&desk.bytes(&format!("/api/returns/{}/slip.pdf?lang={lang}", r["id"]), t).await);
        for w in words {
            assert!(text.contains(w), "the {lang} slip should say {w:?}:\n{text}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deduction_for_loss_of_value_on_sqlite() {
    let (dir, db) = fresh_sqlite().await;
    a_deduction_for_loss_of_value(db, Stored::Sqlite(dir.path().join("desk.db"))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deduction_for_loss_of_value_on_postgres() {
    let (url, db) = fresh_postgres_at().await;
    a_deduction_for_loss_of_value(db, Stored::Postgres(url)).await;
}

#[tokio::test]
async fn the_openapi_document_describes_every_command() {
    let (_dir, db) = fresh_sqlite().await;
    let desk = TestDesk::new(db).await;
    let (status, doc) = desk.send("GET", "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let operations: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|p| p.as_object().unwrap().values().map(|o| o["operationId"].as_str().unwrap().to_string()))
        .collect();
    for command in returndesk::api::COMMANDS {
        assert!(operations.iter().any(|o| o == command.name), "{} is not in the OpenAPI document", command.name);
    }
    // Every schema it refers to is in it.
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    out.push(r.clone());
                }
                m.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 20, "the commands' shapes are described by reference: {all:?}");
    for r in all {
        let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{r} points outside the components"));
        assert!(doc["components"]["schemas"].get(name).is_some(), "{r} is not described");
    }
    let (status, body) = desk.send("GET", "/api/nothing-here", None, None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("NOT_FOUND")));
    let (status, body) = desk.send("POST", "/api/session", None, Some(json!("not an object"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}
