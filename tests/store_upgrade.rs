//! A database from the previous release (migrations 0001–0002) with sales in it opens with this
//! one: the new migrations apply on SQLite and on PostgreSQL and the old rows read back.

mod common;

use std::borrow::Cow;

use common::*;
use returndesk::store::{self, Database, ReceiptKey};
use sqlx::migrate::Migrator;

/// The migrations of the previous release only.
async fn previous_release(folder: &str) -> Migrator {
    let mut m = Migrator::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)).await.unwrap();
    m.migrations = Cow::Owned(m.migrations.iter().filter(|x| x.version <= 2).cloned().collect());
    assert_eq!(m.migrations.len(), 2);
    m
}

/// A store, its policy and one receipt whose line carries two serials stored out of order;
/// `cents`, `vat`: how the backend writes 100.00 and 20 %.
fn old_rows(cents: &str, vat: &str) -> Vec<String> {
    vec![
        "INSERT INTO policies (policy_id, name) VALUES ('standard', 'standard')".into(),
        "INSERT INTO stores (code, name, address, jurisdiction, currency, time_zone, policy_id)
         VALUES ('S01', 'Sofia', 'bul. Vitosha 12', 'BG', 'EUR', 'Europe/Sofia', 'standard')"
            .into(),
        format!(
            "INSERT INTO receipts (store_code, number, purchased_at, channel, currency, receipt_discount, total_paid,
               content_hash, imported_at)
             VALUES ('S01', 'OLD-1', '2026-10-01 12:00:00', 'store', 'EUR', 0, {cents}, 'h', '2026-10-01T12:05:00+00:00')"
        ),
        format!(
            "INSERT INTO receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate)
             SELECT id, 1, 'TV-1', 'Television', 'electronics', 'Acme', 1, {cents}, 0, {vat} FROM receipts WHERE number = 'OLD-1'"
        ),
        "INSERT INTO receipt_line_serials (receipt_id, line, serial)
         SELECT id, 1, 'SN-B' FROM receipts WHERE number = 'OLD-1'"
            .into(),
        "INSERT INTO receipt_line_serials (receipt_id, line, serial)
         SELECT id, 1, 'SN-A' FROM receipts WHERE number = 'OLD-1'"
            .into(),
        format!(
            "INSERT INTO receipt_tenders (receipt_id, seq, type, amount, purchased_on)
             SELECT id, 1, 'cash', {cents}, '2026-10-01' FROM receipts WHERE number = 'OLD-1'"
        ),
    ]
}

async fn reads_back_and_takes_new_sales(db: &dyn Database) {
    let old = db
        .find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: "OLD-1".into() })
        .await
        .unwrap()
        .expect("the old receipt");
    let line = &old.sale.receipt.lines[0];
    assert_eq!(line.serials, ["SN-A", "SN-B"], "rows from before keep their (sorted) order");
    assert_eq!(line.unit_price.to_string(), "100.00");
    // New sales go in with the new columns.
    let mut new = sofia_receipt("NEW-1");
    new.receipt.lines[0].serials = vec!["SN-Z".into(), "SN-Y".into()];
    db.import_receipts(std::slice::from_ref(&new)).await.unwrap();
    let found = db
        .find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: "NEW-1".into() })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.sale, new);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_previous_release_sqlite_database_upgrades_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true).foreign_keys(true))
            .await
            .unwrap();
        previous_release("migrations/sqlite").await.run(&pool).await.unwrap();
        for sql in old_rows("10000", "2000") {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.unwrap();
        }
        pool.close().await;
    }
    let db = store::open(path.to_str().unwrap()).await.expect("opens and migrates");
    reads_back_and_takes_new_sales(db.as_ref()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_previous_release_postgres_database_upgrades_with_its_data() {
    use sqlx::Connection;
    let server = postgres_server_url();
    let name = format!("rd_upgrade_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&server).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await.unwrap();
    let (base, _) = server.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    {
        let pool = sqlx::postgres::PgPoolOptions::new().connect(&url).await.unwrap();
        previous_release("migrations/postgres").await.run(&pool).await.unwrap();
        for sql in old_rows("100.00", "20.00") {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.unwrap();
        }
        pool.close().await;
    }
    let db = store::open(&url).await.expect("connects and migrates");
    reads_back_and_takes_new_sales(db.as_ref()).await;
}
