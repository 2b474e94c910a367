//! Shared test set-up: a fresh database per test, SQLite in a temp folder or a new database on
//! the test PostgreSQL server, and a small realistic store.
#![allow(dead_code)]

pub mod generated_sale;

use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use returndesk::contract::PolicyDocument;
use returndesk::store::{self, Database, NewUser, Role, SaleReceipt, StoreProfile};

/// The PostgreSQL server for tests: `TEST_DATABASE_URL`, or a throwaway one started with
/// `scripts/throwaway-postgres.sh` (never skipped for want of a server).
pub fn postgres_server_url() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
            if !url.is_empty() {
                return url;
            }
        }
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/throwaway-postgres.sh");
        let out = Command::new("bash")
            .arg(&script)
            .env("THROWAWAY_PG_FRESH", "1")
            .env("THROWAWAY_PG_STOP_WITH", std::process::id().to_string())
            .output()
            .expect("run scripts/throwaway-postgres.sh");
        assert!(
            out.status.success(),
            "could not start a throwaway PostgreSQL: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("export TEST_DATABASE_URL="))
            .expect("the script prints TEST_DATABASE_URL")
            .trim_matches('\'')
            .to_string()
    })
    .clone()
}

/// A database of its own for one test on the PostgreSQL server.
pub async fn fresh_postgres() -> Arc<dyn Database> {
    fresh_postgres_at().await.1
}

/// [`fresh_postgres`], and its URL (for a test to read the tables as stored).
pub async fn fresh_postgres_at() -> (String, Arc<dyn Database>) {
    use sqlx::Connection;
    let server = postgres_server_url();
    let name = format!(
        "rd_test_{}_{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    );
    let mut admin = sqlx::PgConnection::connect(&server).await.expect("connect to the test server");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    let (base, _) = server.rsplit_once('/').expect("a database url");
    let url = format!("{base}/{name}");
    let db = store::open(&url).await.expect("open the test database");
    (url, db)
}

/// A SQLite file of its own for one test (the folder lives as long as the guard).
pub async fn fresh_sqlite() -> (tempfile::TempDir, Arc<dyn Database>) {
    let dir = tempfile::tempdir().unwrap();
    let db = store::open(dir.path().join("desk.db").to_str().unwrap()).await.unwrap();
    (dir, db)
}

pub fn case(name: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance").join(name);
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc
}

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// S01 (Sofia, BG, EUR) and S03 (Moscow, RU, RUB), the policy of the conformance cases from
/// 2024, a clerk and a desk. Returns (clerk id, terminal id).
pub async fn set_up_stores(db: &dyn Database) -> (i64, i64) {
    let c = case("001-change-of-mind-within-window.json")["case"].clone();
    let holidays: Vec<NaiveDate> = serde_json::from_value(c["store"]["holidays"].clone()).unwrap();
    db.put_store(&StoreProfile {
        code: "S01".into(),
        name: "Return Desk Sofia Mall".into(),
        address: "bul. Bulgaria 69, Sofia".into(),
        jurisdiction: returndesk::domain::Jurisdiction::BG,
        currency: returndesk::domain::Currency::EUR,
        time_zone: "Europe/Sofia".into(),
        holidays,
        working_days: Vec::new(),
        claim_target_days: Default::default(),
        policy_id: "standard".into(),
    })
    .await
    .unwrap();
    db.put_store(&StoreProfile {
        code: "S03".into(),
        name: "Return Desk Moscow".into(),
        address: "Tverskaya 1".into(),
        jurisdiction: returndesk::domain::Jurisdiction::RU,
        currency: returndesk::domain::Currency::RUB,
        time_zone: "Europe/Moscow".into(),
        holidays: vec![],
        working_days: Vec::new(),
        claim_target_days: Default::default(),
        policy_id: "ru".into(),
    })
    .await
    .unwrap();
    let policy: PolicyDocument = serde_json::from_value(c["policy"].clone()).unwrap();
    db.put_policy_version("standard", d("2024-01-01"), &policy).await.unwrap();
    let ru = case("023-ru-after-warranty-needs-proof.json")["case"]["policy"].clone();
    db.put_policy_version("ru", d("2024-01-01"), &serde_json::from_value(ru).unwrap()).await.unwrap();
    let clerk = db
        .put_user(&NewUser {
            store_code: Some("S01".into()),
            login: "maria".into(),
            display_name: "Maria Ivanova".into(),
            role: Role::Clerk,
            pin_hash: returndesk::demo::hash_pin("1234").unwrap(),
            refund_limit: None,
            approval_limit: None,
        })
        .await
        .unwrap();
    db.put_user(&NewUser {
        store_code: Some("S01".into()),
        login: "georgi".into(),
        display_name: "Georgi Dimitrov".into(),
        role: Role::Manager,
        pin_hash: returndesk::demo::hash_pin("9999").unwrap(),
        refund_limit: None,
        approval_limit: None,
    })
    .await
    .unwrap();
    let terminal = db.put_terminal("S01", "DESK-1").await.unwrap();
    (clerk, terminal)
}

/// The receipt of the conformance cases (TV, HDMI cables, shaver, batteries) at S01, with a
/// barcode and the card's last four digits; `number` names it.
pub fn sofia_receipt(number: &str) -> SaleReceipt {
    let mut r = case("001-change-of-mind-within-window.json")["case"]["receipt"].clone();
    r["number"] = number.into();
    r["store"] = "S01".into();
    r["barcode"] = format!("BC{number}").into();
    r["tenders"][0]["card_last4"] = "4242".into();
    r["lines"][0]["serials"] = serde_json::json!(["TV55-000123"]);
    serde_json::from_value(r).unwrap()
}

/// A Russian receipt with fiscal identifiers (case 023's blender).
pub fn moscow_receipt(number: &str) -> SaleReceipt {
    let mut r = case("023-ru-after-warranty-needs-proof.json")["case"]["receipt"].clone();
    r["number"] = number.into();
    r["store"] = "S03".into();
    r["fiscal"] = serde_json::json!({"fn": "9999078900004792", "i": "1234", "fp": "2791871366"});
    serde_json::from_value(r).unwrap()
}

/// Differences between what is expected and what was answered, as `path: …` lines: every key
/// of `expected` must be there with an equal value (extra keys are allowed); arrays match in
/// length and order (the contract's rule of conformance).
pub fn differences(expected: &serde_json::Value, got: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => {
            for (k, v) in e {
                match g.get(k) {
                    Some(gv) => differences(v, gv, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(g)) if e.len() == g.len() => {
            for (i, (ev, gv)) in e.iter().zip(g).enumerate() {
                differences(ev, gv, &format!("{path}[{i}]"), out);
            }
        }
        (e, g) if e == g => {}
        (e, g) => out.push(format!("{path}: expected {e}, got {g}")),
    }
}

/// One request through the desk's HTTP router (no socket): JSON in, with `Bearer {token}`;
/// the status and the body's bytes back.
pub async fn through_router(router: &axum::Router, method: &str, uri: &str, token: &str, body: Option<serde_json::Value>) -> (axum::http::StatusCode, Vec<u8>) {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let req = axum::http::Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"));
    let res = router.clone().oneshot(req.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string()))).unwrap()).await.unwrap();
    let status = res.status();
    (status, res.into_body().collect().await.unwrap().to_bytes().to_vec())
}

/// The text of a PDF as `pdftotext -raw` reads it (in the order it was written, a wrapped cell's
/// lines together), its spaces and no-break spaces made one. `PDF_KEEP_DIR=/tmp/x` keeps each
/// PDF there for a person to look at.
pub fn pdf_text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, pdf).unwrap();
    if let Ok(keep) = std::env::var("PDF_KEEP_DIR") {
        let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        std::fs::write(std::path::Path::new(&keep).join(format!("doc-{n}.pdf")), pdf).unwrap();
    }
    let out = Command::new("pdftotext").args(["-raw", path.to_str().unwrap(), "-"]).output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Olga Smirnova, a user of S03 (Moscow) only, with this role and PIN: a user of another store.
pub async fn put_moscow_user(db: &dyn Database, role: Role, pin: &str) {
    db.put_user(&NewUser {
        store_code: Some("S03".into()),
        login: "olga".into(),
        display_name: "Olga Smirnova".into(),
        role,
        pin_hash: returndesk::demo::hash_pin(pin).unwrap(),
        refund_limit: None,
        approval_limit: None,
    })
    .await
    .unwrap();
}
