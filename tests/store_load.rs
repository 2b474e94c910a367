//! A large load of sales: SQLite drops the card and serial indexes while it loads and builds
//! them once at the end; whatever happens, the receipts are found every way afterwards.

mod common;

use std::sync::Arc;

use common::*;
use returndesk::service::Desk;
use returndesk::store::sqlite::{SqliteDatabase, LOAD_SUSPENDED_INDEXES};
use returndesk::store::{Database, ReceiptKey, ReceiptLoad};

async fn lookup_indexes(path: &std::path::Path) -> Vec<(String, String)> {
    let db = SqliteDatabase::open(path).await.unwrap();
    raw_lookup_indexes(&db).await
}

async fn raw_lookup_indexes(db: &SqliteDatabase) -> Vec<(String, String)> {
    let names: Vec<&str> = LOAD_SUSPENDED_INDEXES.iter().map(|(n, _)| *n).collect();
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .fetch_all(db.pool())
            .await
            .unwrap();
    rows.into_iter().filter(|(n, _)| names.contains(&n.as_str())).collect()
}

fn batch(from: u32, n: u32) -> Vec<returndesk::store::SaleReceipt> {
    (from..from + n).map(|i| sofia_receipt(&format!("S01-LOAD-{i:05}"))).collect()
}

/// Whether SQLite answers `sql` through `index`. The plan is read on a new connection:
/// `EXPLAIN` does not notice a schema another connection changed.
async fn uses_index(path: &std::path::Path, sql: &str, index: &str) -> bool {
    use sqlx::{ConnectOptions, Connection};
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new().filename(path).connect().await.unwrap();
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    plan.iter().any(|(_, _, _, detail)| detail.contains(index))
}

const BY_NUMBER: (&str, &str) = ("SELECT id FROM receipts WHERE number = 'x'", "receipts_by_number");
const BY_BARCODE: (&str, &str) = ("SELECT id FROM receipts WHERE barcode = 'x'", "receipts_by_barcode");
const BY_FISCAL: (&str, &str) =
    ("SELECT id FROM receipts WHERE fiscal_fn = 'a' AND fiscal_i = 'b' AND fiscal_fp = 'c'", "receipts_by_fiscal");
const BY_CARD: (&str, &str) = (
    "SELECT receipt_id FROM receipt_tenders WHERE card_last4 = '4242' AND purchased_on BETWEEN '2026-01-01' AND '2026-12-31'",
    "receipt_tenders_by_card",
);
const BY_SERIAL: (&str, &str) = ("SELECT receipt_id FROM receipt_line_serials WHERE serial = 'x'", "receipt_line_serials_by_serial");

/// Every way the desk finds a receipt works, through the index it is meant to use.
async fn found_every_way(db: &Arc<dyn Database>, path: &std::path::Path, number: &str) {
    let desk = Desk::new(db.clone());
    assert_eq!(desk.lookup(number).await.unwrap().sale.receipt.number, number);
    assert_eq!(desk.lookup(&format!("BC{number}")).await.unwrap().sale.receipt.number, number);
    assert!(!db.receipts_by_card("4242", d("2026-10-01"), d("2026-10-01")).await.unwrap().is_empty());
    for (sql, index) in [BY_NUMBER, BY_BARCODE, BY_FISCAL, BY_CARD, BY_SERIAL] {
        assert!(uses_index(path, sql, index).await, "{sql} should use {index}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lookup_indexes_are_the_migrated_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let indexes = lookup_indexes(&path).await;
    let expected: Vec<(String, String)> = {
        let mut v: Vec<_> =
            LOAD_SUSPENDED_INDEXES.iter().map(|(n, on)| (n.to_string(), format!("CREATE INDEX {n} ON {on}"))).collect();
        v.sort();
        v
    };
    assert_eq!(indexes, expected, "LOAD_SUSPENDED_INDEXES must say what migrations/sqlite creates");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_load_builds_the_lookup_indexes_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let sqlite = SqliteDatabase::open(&path).await.unwrap();
    let db: Arc<dyn Database> = Arc::new(SqliteDatabase::open(&path).await.unwrap());
    set_up_stores(db.as_ref()).await;
    db.import_receipts(&batch(0, 5)).await.unwrap();

    // 5 stored before: the load suspends once it has offered 10 (its own size bar here) and
    // at least as many as were stored.
    let mut load = ReceiptLoad::begin_with(db.as_ref(), 10).await.unwrap();
    load.import(&batch(100, 6)).await.unwrap();
    assert!(!load.suspended());
    assert_eq!(raw_lookup_indexes(&sqlite).await.len(), 2);
    load.import(&batch(200, 6)).await.unwrap();
    assert!(load.suspended());
    assert!(raw_lookup_indexes(&sqlite).await.is_empty(), "dropped while loading");
    for (sql, index) in [BY_NUMBER, BY_BARCODE, BY_FISCAL] {
        assert!(uses_index(&path, sql, index).await, "{sql}: still indexed while loading");
    }
    assert!(!uses_index(&path, BY_CARD.0, BY_CARD.1).await);
    // Imports stay exact while suspended: a repeat is still recognised by (store, number).
    let again = load.import(&batch(200, 6)).await.unwrap();
    assert!(again.iter().all(|o| matches!(o, returndesk::store::ImportOutcome::AlreadyPresent { .. })));
    load.finish().await.unwrap();
    assert_eq!(raw_lookup_indexes(&sqlite).await.len(), 2);
    assert_eq!(db.receipt_count().await.unwrap(), 17);
    found_every_way(&db, &path, "S01-LOAD-00003").await;
    found_every_way(&db, &path, "S01-LOAD-00205").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_load_into_a_larger_store_keeps_its_indexes() {
    let (_dir, db) = fresh_sqlite().await;
    set_up_stores(db.as_ref()).await;
    db.import_receipts(&batch(0, 30)).await.unwrap();
    let mut load = ReceiptLoad::begin_with(db.as_ref(), 10).await.unwrap();
    load.import(&batch(100, 12)).await.unwrap();
    assert!(!load.suspended(), "12 new receipts into 30 stored: cheaper to keep the indexes up");
    assert_eq!(load.finish().await.unwrap(), std::time::Duration::ZERO);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_load_cut_short_heals_when_the_database_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    {
        let db: Arc<dyn Database> = Arc::new(SqliteDatabase::open(&path).await.unwrap());
        set_up_stores(db.as_ref()).await;
        let mut load = ReceiptLoad::begin_with(db.as_ref(), 1).await.unwrap();
        load.import(&batch(0, 3)).await.unwrap();
        assert!(load.suspended());
        // The process dies here: `finish` never runs.
    }
    let sqlite = SqliteDatabase::open(&path).await.unwrap();
    assert_eq!(raw_lookup_indexes(&sqlite).await.len(), 2, "opening builds what is missing");
    let db: Arc<dyn Database> = Arc::new(SqliteDatabase::open(&path).await.unwrap());
    found_every_way(&db, &path, "S01-LOAD-00001").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_keeps_its_indexes_through_a_load() {
    let db = fresh_postgres().await;
    set_up_stores(db.as_ref()).await;
    let mut load = ReceiptLoad::begin_with(db.as_ref(), 1).await.unwrap();
    load.import(&batch(0, 3)).await.unwrap();
    assert!(!load.suspended());
    load.finish().await.unwrap();
    assert_eq!(db.receipt_count().await.unwrap(), 3);
    let found = db
        .find_receipt(&ReceiptKey::Barcode("BCS01-LOAD-00002".into()))
        .await
        .unwrap()
        .expect("found by barcode");
    assert_eq!(found.sale.receipt.number, "S01-LOAD-00002");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_file_import_builds_the_card_and_serial_indexes_at_the_end() {
    use returndesk::demo::{seed_demo_with, write_demo_sales, DemoOptions};
    use returndesk::import::{Importer, ReceiptReader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let db: Arc<dyn Database> = Arc::new(SqliteDatabase::open(&path).await.unwrap());
    seed_demo_with(&db, &DemoOptions::new(0, 7)).await.unwrap();
    let file = dir.path().join("sales.jsonl");
    let mut out = std::fs::File::create(&file).unwrap();
    let (written, lines) = write_demo_sales(&DemoOptions::new(300, 7), &mut out).unwrap();
    drop(out);
    let reader: Box<dyn ReceiptReader> = Box::new(returndesk::import::jsonl::JsonlReceipts::open(&file).unwrap());
    let mut reports = Vec::new();
    let summary = Importer::new(db.as_ref(), 50)
        .await
        .unwrap()
        .suspending_from(100)
        .await
        .unwrap()
        .run(reader, &mut |r| reports.push(r.to_string()))
        .await
        .unwrap();
    assert!(reports.is_empty(), "{reports:?}");
    assert_eq!((summary.inserted, summary.lines_inserted), (written, lines));
    assert!(summary.lookup_index_build.is_some(), "300 receipts into an empty store, suspending from 100");
    let sqlite = SqliteDatabase::open(&path).await.unwrap();
    assert_eq!(raw_lookup_indexes(&sqlite).await.len(), 2);
    for (sql, index) in [BY_NUMBER, BY_BARCODE, BY_FISCAL, BY_CARD, BY_SERIAL] {
        assert!(uses_index(&path, sql, index).await, "{sql} should use {index}");
    }
    // Every generated receipt reads back exactly as written.
    let text = std::fs::read_to_string(&file).unwrap();
    for line in text.lines().step_by(37) {
        let sale: returndesk::store::SaleReceipt = serde_json::from_str(line).unwrap();
        let found = db
            .find_receipt(&ReceiptKey::Number { store: Some(sale.store.clone()), number: sale.receipt.number.clone() })
            .await
            .unwrap()
            .expect("imported");
        assert_eq!(found.sale, sale);
    }
}

/// A line's serial numbers read back in the receipt's order, not sorted.
async fn serials_keep_their_order(db: Arc<dyn Database>) {
    set_up_stores(db.as_ref()).await;
    let mut sale = sofia_receipt("S01-SER-1");
    sale.receipt.lines[0].qty = returndesk::domain::Quantity::new(1).unwrap();
    sale.receipt.lines[0].serials = vec!["TV55-000900".into(), "TV55-000123".into(), "TV55-000500".into()];
    db.import_receipts(std::slice::from_ref(&sale)).await.unwrap();
    let found = db
        .find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: "S01-SER-1".into() })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.sale.receipt.lines[0].serials, ["TV55-000900", "TV55-000123", "TV55-000500"]);
    assert_eq!(found.sale, sale);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serials_keep_their_order_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    serials_keep_their_order(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serials_keep_their_order_on_postgres() {
    serials_keep_their_order(fresh_postgres().await).await;
}
