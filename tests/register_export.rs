//! The complaint register an inspector reads, on SQLite and PostgreSQL: claims registered at the
//! desk (the real confirm path over HTTP) come out of `export_register` and of
//! `returndesk register export` as CSV (parsed back) and PDF (read back with pdftotext), every
//! entry and column, Cyrillic and Greek intact; bad input is refused naming the field or flag.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use returndesk::http::{api_router, DeskApi, DeskClock};
use returndesk::service::Desk;
use returndesk::slip::{register_columns, Lang};
use returndesk::store::Database;
use serde_json::{json, Value};
use tower::ServiceExt;

/// The customers of the claims: Latin with a comma and quotes (CSV quoting), Cyrillic, Greek.
const CUSTOMERS: [(&str, &str, &str); 3] = [
    ("Anna \"Ani\" Huber, Jr.", "anna@example.at", "screen flickers, then \"no signal\""),
    ("Иван Петров", "+359 88 123 4567", "Няма картина след 10 минути"),
    ("Ελένη Παπαδοπούλου", "+30 694 123 4567", "Η εικόνα σβήνει μετά από λίγα λεπτά"),
];

struct Answer {
    status: StatusCode,
    content_type: String,
    disposition: String,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

struct TestDesk {
    router: axum::Router,
}

impl TestDesk {
    async fn new(db: Arc<dyn Database>) -> TestDesk {
        set_up_stores(db.as_ref()).await;
        let receipts: Vec<_> = (0..CUSTOMERS.len()).map(|i| sofia_receipt(&format!("S01-2026-00451{i}"))).collect();
        db.import_receipts(&receipts).await.unwrap();
        let api = DeskApi::new(Desk::new(db), DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap()));
        TestDesk { router: api_router(api) }
    }

    async fn send(&self, method: &str, uri: &str, token: Option<&str>, body: Option<Value>) -> Answer {
        let mut req = Request::builder().method(method).uri(uri).header("content-type", "application/json");
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = req.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string()))).unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let header = |name: &str| res.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let (status, content_type, disposition) = (res.status(), header("content-type"), header("content-disposition"));
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Answer { status, content_type, disposition, body }
    }

    async fn sign_in(&self, login: &str, pin: &str) -> String {
        let a = self.send("POST", "/api/session", None, Some(json!({"login": login, "pin": pin, "terminal": "DESK-1"}))).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.json());
        a.json()["token"].as_str().unwrap().to_string()
    }

    /// Registers one claim per customer (the TV of its own receipt): their register numbers.
    async fn register_claims(&self, token: &str) -> Vec<(i64, String)> {
        let mut numbers = Vec::new();
        for (i, (name, contact, defect)) in CUSTOMERS.iter().enumerate() {
            let lookup = self.send("GET", &format!("/api/receipts/lookup?code=S01-2026-00451{i}"), Some(token), None).await;
            assert_eq!(lookup.status, StatusCode::OK, "{}", lookup.json());
            let receipt_id = lookup.json()["id"].as_i64().unwrap();
            let claim = json!({"receipt_id": receipt_id, "resolution": "repair", "idempotency_key": format!("claim-{i}"),
                "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": defect, "serial": "TV55-000123",
                           "accessories": "remote, box", "item_state": "scratch on the left side", "remedy_asked": "repair"}],
                "customer": {"name": name, "contact": contact}});
            let a = self.send("POST", "/api/returns", Some(token), Some(claim)).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.json());
            let body = a.json();
            assert_eq!(body["decision"]["lines"][0]["outcome"], "warranty_claim");
            numbers.push(body["claims"][0]["register_no"].as_str().unwrap().to_string());
        }
        let list = self.send("GET", "/api/claims", Some(token), None).await.json();
        numbers
            .into_iter()
            .map(|n| {
                let id = list.as_array().unwrap().iter().find(|c| c["register_no"] == n.as_str()).unwrap()["id"].as_i64().unwrap();
                (id, n)
            })
            .collect()
    }
}


/// The rows of an exported CSV (header first), checking the byte-order mark.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("the CSV starts with a UTF-8 byte-order mark");
    assert!(body.windows(2).any(|w| w == b"\r\n"), "RFC 4180 lines end in CRLF");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(body);
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// Every claim is a row with every column, in register order, the customer's words intact.
fn check_csv(bytes: &[u8], lang: Lang, numbers: &[(i64, String)]) {
    let rows = csv_rows(bytes);
    let header: Vec<String> = register_columns(lang).iter().map(|s| s.to_string()).collect();
    assert_eq!(rows[0], header, "the header row is in {lang:?}");
    assert_eq!(rows.len(), 1 + numbers.len(), "one row per entry: {rows:?}");
    for (row, ((_, number), (name, contact, defect))) in rows[1..].iter().zip(numbers.iter().zip(CUSTOMERS)) {
        assert_eq!(row.len(), header.len(), "every column: {row:?}");
        assert_eq!(&row[0], number);
        assert_eq!(row[1], "2026-10-11", "registered on");
        assert_eq!((row[2].as_str(), row[3].as_str()), (name, contact));
        assert_eq!(row[5], "TV55-000123");
        assert_eq!(row[6].len(), "S01-2026-004510".len());
        assert!(row[6].starts_with("S01-2026-00451"), "receipt {}", row[6]);
        assert_eq!(row[7], defect);
        assert_eq!(row[8], remedy_repair(lang), "remedy asked");
        assert_eq!(row[10], "2026-11-11", "a month from the claim (BG)");
        for (i, cell) in row.iter().enumerate() {
            if i != 13 {
                assert!(!cell.is_empty(), "column {} is empty: {row:?}", header[i]);
            }
        }
    }
}

fn remedy_repair(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Repair",
        Lang::Bg => "Ремонт",
        Lang::Ru => "Безвозмездный ремонт",
        Lang::El => "Επισκευή",
    }
}

/// The stages of the three claims: settled, registered, rejected.
fn check_stages(bytes: &[u8], lang: Lang) {
    let rows = csv_rows(bytes);
    let stages: Vec<&str> = rows[1..].iter().map(|r| r[12].as_str()).collect();
    let word = |s| returndesk::slip::stage_word(lang, s);
    assert_eq!(stages, [word("settled"), word("registered"), word("rejected")]);
}

fn check_pdf(pdf: &[u8], lang: Lang, numbers: &[(i64, String)]) {
    let text = pdf_text(pdf);
    assert!(text.contains(returndesk::slip::register_title(lang)), "title in {lang:?}: {text}");
    assert!(text.contains("2026"), "the year");
    for ((_, number), (name, _, _)) in numbers.iter().zip(CUSTOMERS) {
        assert!(text.contains(number.as_str()), "{number} in the PDF: {text}");
        assert!(text.contains(name), "{name} in the PDF: {text}");
    }
}

async fn register_export(db: Arc<dyn Database>, location: &str) {
    let desk = TestDesk::new(db).await;
    let clerk = desk.sign_in("maria", "1234").await;
    let numbers = desk.register_claims(&clerk).await;
    assert_eq!(numbers.len(), 3);
    let manager = desk.sign_in("georgi", "9999").await;
    // The first claim is settled by a refund, the third rejected by the store.
    let (settled, rejected) = (numbers[0].0, numbers[2].0);
    let a = desk
        .send("POST", &format!("/api/claims/{settled}/settlement"), Some(&manager),
              Some(json!({"id": settled, "remedy": "refund", "idempotency_key": "settle-1"})))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json());
    let a = desk
        .send("POST", &format!("/api/claims/{rejected}/steps"), Some(&clerk),
              Some(json!({"id": rejected, "step": "reject", "reasons": "water damage, not a defect"})))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json());

    // Through the API: a manager's, the file with its type and name.
    let a = desk.send("GET", "/api/register?year=2026&format=csv", Some(&clerk), None).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "a clerk does not export the register");
    let a = desk.send("GET", "/api/register?year=2026&format=csv&lang=bg", Some(&manager), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json());
    assert_eq!(a.content_type, "text/csv; charset=utf-8");
    assert_eq!(a.disposition, "attachment; filename=\"complaint-register-S01-2026.csv\"");
    check_csv(&a.body, Lang::Bg, &numbers);
    check_stages(&a.body, Lang::Bg);
    let a = desk.send("GET", "/api/register?year=2026&format=csv&lang=el", Some(&manager), None).await;
    check_csv(&a.body, Lang::El, &numbers);
    let a = desk.send("GET", "/api/register?year=2026&format=pdf&lang=ru", Some(&manager), None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.content_type, "application/pdf");
    assert_eq!(a.disposition, "attachment; filename=\"complaint-register-S01-2026.pdf\"");
    check_pdf(&a.body, Lang::Ru, &numbers);
    // Another year has none of them: the header only.
    let a = desk.send("GET", "/api/register?year=2025&format=csv&lang=en", Some(&manager), None).await;
    assert_eq!(csv_rows(&a.body).len(), 1);
    for (query, field) in [("year=2026&format=xls", "format"), ("year=1900&format=csv", "year"), ("year=2026&format=pdf&lang=fr", "lang")] {
        let a = desk.send("GET", &format!("/api/register?{query}"), Some(&manager), None).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(a.json()["error"]["field"], field, "{query}: {}", a.json());
    }
    let a = desk.send("GET", "/api/register?year=twenty&format=csv", Some(&manager), None).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.json()["error"]["field"], "year", "{}", a.json());

    // A claim's documents by the claim: its intake in Bulgarian (no settlement nor rejection
    // recorded for it), the settlement and the rejection of the others.
    let (id, number) = &numbers[1];
    let a = desk.send("GET", &format!("/api/claims/{id}/document.pdf?lang=bg"), Some(&clerk), None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.content_type, "application/pdf");
    let text = pdf_text(&a.body);
    for wanted in [number.as_str(), "Иван Петров", "РЕКЛАМАЦИЯ", "remote, box", "scratch on the left side", "Ремонт", "11.11.2026"] {
        assert!(text.contains(wanted), "{wanted} in the intake: {text}");
    }
    for kind in ["settlement", "rejection"] {
        let a = desk.send("GET", &format!("/api/claims/{id}/document.pdf?kind={kind}"), Some(&clerk), None).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{kind}");
    }
    let a = desk.send("GET", &format!("/api/claims/{settled}/document.pdf?kind=settlement&lang=en"), Some(&clerk), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json());
    let text = pdf_text(&a.body);
    for wanted in [numbers[0].1.as_str(), "WARRANTY CLAIM SETTLEMENT", "Refund", "Paid back", "Georgi Dimitrov", "Anna \"Ani\" Huber, Jr."] {
        assert!(text.contains(wanted), "{wanted} in the settlement: {text}");
    }
    let a = desk.send("GET", &format!("/api/claims/{rejected}/document.pdf?kind=rejection&lang=el&layout=80mm"), Some(&clerk), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json());
    let text = pdf_text(&a.body);
    for wanted in [numbers[2].1.as_str(), "ΑΠΟΡΡΙΨΗ ΑΙΤΗΜΑΤΟΣ ΕΓΓΥΗΣΗΣ", "water damage, not a defect", "(КЗП)", "Ελένη Παπαδοπούλου", "Maria Ivanova"] {
        assert!(text.contains(wanted), "{wanted} in the rejection: {text}");
    }
    let a = desk.send("GET", &format!("/api/claims/{id}/document.pdf?kind=receipt"), Some(&clerk), None).await;
    assert_eq!((a.status, a.json()["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("kind")));

    // From the command line.
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("register.csv");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_returndesk"))
            .arg("register")
            .arg("export")
            .args(args)
            .args(["--db", location])
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    };
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let out = run(&["--store", "S01", "--year", "2026", "--format", "csv", "--out", &path(&csv_path)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The store's language by default (the test store was set up in English).
    check_csv(&std::fs::read(&csv_path).unwrap(), Lang::En, &numbers);
    check_stages(&std::fs::read(&csv_path).unwrap(), Lang::En);
    assert!(numbers.iter().all(|(_, n)| n.starts_with("S01-2026-0000")), "per-year register numbers: {numbers:?}");
    let pdf_path = dir.path().join("register.pdf");
    let out = run(&["--store", "S01", "--year", "2026", "--format", "pdf", "--out", &path(&pdf_path), "--lang", "bg"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    check_pdf(&std::fs::read(&pdf_path).unwrap(), Lang::Bg, &numbers);

    let unwritable = dir.path().join("no-such-folder").join("r.csv");
    for (args, flag) in [
        (vec!["--store", "S99", "--year", "2026", "--format", "csv"], "--store"),
        (vec!["--store", "S01", "--year", "twenty", "--format", "csv"], "--year"),
        (vec!["--store", "S01", "--year", "2026", "--format", "xlsx"], "--format"),
        (vec!["--store", "S01", "--year", "2026", "--format", "csv", "--lang", "fr"], "--lang"),
    ] {
        let mut args: Vec<String> = args.into_iter().map(str::to_string).collect();
        args.extend(["--out".to_string(), path(&dir.path().join("bad.csv"))]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(flag), "{args:?} names {flag}: {stderr}");
    }
    assert!(!dir.path().join("bad.csv").exists(), "bad input writes nothing");
    let out = run(&["--store", "S01", "--year", "2026", "--format", "csv", "--out", &path(&unwritable)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
}

#[tokio::test]
async fn register_export_sqlite() {
    let (dir, db) = fresh_sqlite().await;
    let location = dir.path().join("desk.db").to_str().unwrap().to_string();
    register_export(db, &location).await;
}

#[tokio::test]
async fn register_export_postgres() {
    let (url, db) = fresh_postgres_at().await;
    register_export(db, &url).await;
}
