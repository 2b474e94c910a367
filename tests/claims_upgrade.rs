//! A database at migration 0010 with warranty claims in it opens with this release (0011) on
//! SQLite and PostgreSQL: old statuses read as stages (open→registered, in_repair→at_service,
//! resolved→handed_back, rejected, closed), the register keeps its numbers with the year of
//! registered_at, and the per-year counters continue from them.

mod common;

use std::borrow::Cow;

use common::*;
use returndesk::domain::claim::ClaimStage;
use returndesk::store::{self, ClaimQuery, Database};
use sqlx::migrate::Migrator;

async fn up_to_0010(folder: &str) -> Migrator {
    let mut m = Migrator::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)).await.unwrap();
    m.migrations = Cow::Owned(m.migrations.iter().filter(|x| x.version <= 10).cloned().collect());
    assert_eq!(m.migrations.last().map(|x| x.version), Some(10));
    m
}

/// A store, a receipt with a TV, and five claims registered from 2025-12-30 on, one per old status.
fn old_rows(cents: &str, vat: &str) -> Vec<String> {
    let mut rows = vec![
        "INSERT INTO policies (policy_id, name) VALUES ('standard', 'standard')".to_string(),
        "INSERT INTO stores (code, name, address, jurisdiction, currency, time_zone, policy_id)
         VALUES ('S01', 'Sofia', 'bul. Vitosha 12', 'BG', 'EUR', 'Europe/Sofia', 'standard')"
            .into(),
        format!(
            "INSERT INTO receipts (store_code, number, purchased_at, channel, currency, receipt_discount, total_paid,
               content_hash, imported_at)
             VALUES ('S01', 'OLD-1', '2025-10-01 12:00:00', 'store', 'EUR', 0, {cents}, 'h', '2025-10-01T12:05:00+00:00')"
        ),
        format!(
            "INSERT INTO receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate)
             SELECT id, 1, 'TV-1', 'Television', 'electronics', 'Acme', 1, {cents}, 0, {vat} FROM receipts WHERE number = 'OLD-1'"
        ),
        "INSERT INTO store_counters (store_code, counter, last_value) VALUES ('S01', 'complaint_register', 5)".into(),
    ];
    let claims = [
        (1, "2025-12-30T09:00:00+00:00", "open"),
        (2, "2026-01-05T09:00:00+00:00", "in_repair"),
        (3, "2026-02-01T09:00:00+00:00", "resolved"),
        (4, "2026-02-02T09:00:00+00:00", "rejected"),
        (5, "2026-02-03T09:00:00+00:00", "closed"),
    ];
    for (no, at, status) in claims {
        rows.push(format!(
            "INSERT INTO complaint_register (store_code, register_no, registered_at, customer_name, customer_contact, receipt_id, subject)
             SELECT 'S01', {no}, '{at}', 'Ivan', '+359 88 123 4567', id, 'Television: no picture' FROM receipts WHERE number = 'OLD-1'"
        ));
        rows.push(format!(
            "INSERT INTO warranty_claims (store_code, register_no, receipt_id, receipt_line, basis, status, defect, remedy, claimed_on, claim_due_by)
             SELECT 'S01', {no}, id, 1, 'LEGAL_GUARANTEE', '{status}', 'no picture', 'repair', '{day}', '2026-03-01' FROM receipts WHERE number = 'OLD-1'",
            day = &at[..10]
        ));
    }
    rows
}

async fn old_claims_read_as_stages(db: &dyn Database) {
    let claims = db.claims("S01", &ClaimQuery::default()).await.unwrap();
    let mut seen: Vec<(String, ClaimStage)> = claims.iter().map(|c| (c.register_number(), c.stage)).collect();
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        seen,
        vec![
            ("S01-2025-00001".to_string(), ClaimStage::Registered),
            ("S01-2026-00002".to_string(), ClaimStage::AtService),
            ("S01-2026-00003".to_string(), ClaimStage::HandedBack),
            ("S01-2026-00004".to_string(), ClaimStage::Rejected),
            ("S01-2026-00005".to_string(), ClaimStage::Closed),
        ]
    );
    let entries = db.register_entries("S01", 2026).await.unwrap();
    assert_eq!(entries.iter().map(|e| e.number.as_str()).collect::<Vec<_>>(), ["S01-2026-00002", "S01-2026-00003", "S01-2026-00004", "S01-2026-00005"]);
    assert_eq!(entries[0].product.as_deref(), Some("Television"));
    assert_eq!(db.register_entries("S01", 2025).await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_database_with_claims_upgrades_to_per_year_numbers_and_stages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true).foreign_keys(true);
    {
        let pool = sqlx::sqlite::SqlitePoolOptions::new().connect_with(options.clone()).await.unwrap();
        up_to_0010("migrations/sqlite").await.run(&pool).await.unwrap();
        for sql in old_rows("10000", "2000") {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.unwrap();
        }
        pool.close().await;
    }
    let db = store::open(path.to_str().unwrap()).await.expect("opens and migrates");
    old_claims_read_as_stages(db.as_ref()).await;
    let pool = sqlx::sqlite::SqlitePoolOptions::new().connect_with(options).await.unwrap();
    let counters: Vec<(String, i64)> =
        sqlx::query_as("SELECT counter, last_value FROM store_counters WHERE counter LIKE 'complaint_register%' ORDER BY counter")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(counters, vec![("complaint_register".into(), 5), ("complaint_register:2025".into(), 1), ("complaint_register:2026".into(), 5)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_database_with_claims_upgrades_to_per_year_numbers_and_stages() {
    use sqlx::Connection;
    let server = postgres_server_url();
    let name = format!("rd_upgrade_claims_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&server).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await.unwrap();
    let (base, _) = server.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    let pool = sqlx::postgres::PgPoolOptions::new().connect(&url).await.unwrap();
    up_to_0010("migrations/postgres").await.run(&pool).await.unwrap();
    for sql in old_rows("100.00", "20.00") {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.unwrap();
    }
    let db = store::open(&url).await.expect("connects and migrates");
    old_claims_read_as_stages(db.as_ref()).await;
    let counters: Vec<(String, i64)> =
        sqlx::query_as("SELECT counter, last_value FROM store_counters WHERE counter LIKE 'complaint_register%' ORDER BY counter")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(counters, vec![("complaint_register".into(), 5), ("complaint_register:2025".into(), 1), ("complaint_register:2026".into(), 5)]);
}
