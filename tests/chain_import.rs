//! Issue 15: PostgreSQL imports sales through `COPY`, SQLite through its bulk path; the same
//! file gives the same store on both, read back through the store's own reads.

mod common;

use std::sync::Arc;

use returndesk::demo::{seed_demo_with, write_demo_sales, DemoOptions};
use returndesk::import::import_receipts_file;
use returndesk::store::{Database, ImportOutcome, ReceiptKey, SaleReceipt};

/// A generated JSON Lines file of `n` sales (demo stores S01–S03), its sales and the folder.
fn sales_file(n: usize) -> (tempfile::TempDir, std::path::PathBuf, Vec<SaleReceipt>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sales.jsonl");
    let mut bytes = Vec::new();
    write_demo_sales(&DemoOptions::new(n, 7), &mut bytes).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let sales = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    (dir, path, sales)
}

/// The demo's stores, policy and people, no receipts.
async fn demo_stores(db: &Arc<dyn Database>) {
    seed_demo_with(db, &DemoOptions::new(0, 7)).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_imported_into_postgres_reads_back_as_from_sqlite() {
    let (_dir, path, sales) = sales_file(1_500);
    let (_keep, sqlite) = common::fresh_sqlite().await;
    let postgres = common::fresh_postgres().await;
    let mut summaries = Vec::new();
    for db in [&sqlite, &postgres] {
        demo_stores(db).await;
        // Batches of 400: several COPY transactions, the last one short.
        let summary = import_receipts_file(db.as_ref(), &path, None, 400, &mut |r| panic!("{r:?}")).await.unwrap();
        assert_eq!((summary.inserted, summary.rejected, summary.conflicts), (sales.len() as u64, 0, 0));
        assert_eq!(db.receipt_count().await.unwrap(), sales.len() as i64);
        summaries.push(summary.lines_inserted);
    }
    assert_eq!(summaries[0], summaries[1]);
    assert!(sales.iter().any(|s| s.receipt.lines.iter().any(|l| !l.serials.is_empty())), "serials are covered");
    assert!(sales.iter().any(|s| s.fiscal.is_some()), "fiscal ids are covered");
    assert!(sales.iter().any(|s| s.receipt.tenders.len() > 1), "split tenders are covered");
    for sale in &sales {
        let key = ReceiptKey::Number { store: Some(sale.store.clone()), number: sale.receipt.number.clone() };
        let from_sqlite = sqlite.find_receipt(&key).await.unwrap().expect("in SQLite");
        let from_postgres = postgres.find_receipt(&key).await.unwrap().expect("in PostgreSQL");
        // The card's fingerprint stays in the store: the reads give it to neither.
        let mut expected = sale.clone();
        for t in &mut expected.receipt.tenders {
            t.card_fingerprint = None;
        }
        assert_eq!(from_sqlite.sale, expected);
        assert_eq!(from_postgres.sale, expected, "{}", sale.receipt.number);
        assert_eq!(from_postgres.history, from_sqlite.history);
    }
    // The same file again: everything is there already, nothing is stored twice.
    for db in [&sqlite, &postgres] {
        let again = import_receipts_file(db.as_ref(), &path, None, 400, &mut |r| panic!("{r:?}")).await.unwrap();
        assert_eq!((again.inserted, again.skipped), (0, sales.len() as u64));
        assert_eq!(db.receipt_count().await.unwrap(), sales.len() as i64);
    }
    // The card search reads the tenders' copy of the day on both.
    let card = sales.iter().flat_map(|s| s.receipt.tenders.iter().map(move |t| (s, t))).find_map(|(s, t)| {
        t.card_last4.clone().map(|l| (l, s.receipt.purchase_date()))
    });
    let (last4, day) = card.expect("a card tender");
    let on_sqlite = sqlite.receipts_by_card(&last4, day, day).await.unwrap();
    let on_postgres = postgres.receipts_by_card(&last4, day, day).await.unwrap();
    assert!(!on_sqlite.is_empty());
    assert_eq!(on_sqlite.len(), on_postgres.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_batches_report_repeats_and_conflicts_as_sqlite_does() {
    let (_dir, _path, sales) = sales_file(30);
    let (_keep, sqlite) = common::fresh_sqlite().await;
    let postgres = common::fresh_postgres().await;
    let mut changed = sales[3].clone();
    changed.receipt.number = sales[1].receipt.number.clone();
    changed.store = sales[1].store.clone();
    for db in [&sqlite, &postgres] {
        demo_stores(db).await;
        db.import_receipts(&sales[..10]).await.unwrap();
        // One batch: a new sale, a stored one, a stored number with other content, a new one
        // twice, and a new number twice with different content.
        let mut other = sales[13].clone();
        other.receipt.number = sales[14].receipt.number.clone();
        other.store = sales[14].store.clone();
        let batch = vec![
            sales[10].clone(),
            sales[0].clone(),
            changed.clone(),
            sales[11].clone(),
            sales[11].clone(),
            sales[14].clone(),
            other,
        ];
        let got = db.import_receipts(&batch).await.unwrap();
        let kinds: Vec<&str> = got
            .iter()
            .map(|o| match o {
                ImportOutcome::Inserted { .. } => "inserted",
                ImportOutcome::AlreadyPresent { .. } => "present",
                ImportOutcome::NumberConflict { .. } => "conflict",
            })
            .collect();
        assert_eq!(kinds, ["inserted", "present", "conflict", "inserted", "present", "inserted", "conflict"]);
        let id = |o: &ImportOutcome| match o {
            ImportOutcome::Inserted { id } | ImportOutcome::AlreadyPresent { id } | ImportOutcome::NumberConflict { id } => *id,
        };
        assert_eq!(id(&got[3]), id(&got[4]), "a repeat names the receipt stored earlier in the batch");
        assert_eq!(id(&got[5]), id(&got[6]));
        assert_eq!(db.receipt_count().await.unwrap(), 13);
        let stored = db.find_receipt(&returndesk::store::ReceiptKey::Id(id(&got[2]))).await.unwrap().unwrap();
        assert_eq!(stored.sale.receipt.number, sales[1].receipt.number);
        assert_eq!(stored.sale.receipt.lines, sales[1].receipt.lines, "the conflicting sale did not replace it");
    }
    // A batch that fails stores nothing of itself: a sale of a store that does not exist.
    let mut stranger = sales[20].clone();
    stranger.store = "NOPE".into();
    let before = postgres.receipt_count().await.unwrap();
    assert!(postgres.import_receipts(&[sales[21].clone(), stranger]).await.is_err());
    assert_eq!(postgres.receipt_count().await.unwrap(), before);
    // And the sequence stays usable after a refused batch.
    postgres.import_receipts(&[sales[21].clone()]).await.unwrap();
    assert_eq!(postgres.receipt_count().await.unwrap(), before + 1);
}

/// `sales_by_day` and `sales_by_month` against the stored lines (migration 0019's own fill, and
/// the same per month): rows they lack or have wrong, rows they have that the lines do not
/// give, and the units `sales_by_day` counts.
async fn sales_by_day_against_lines(pool: &sqlx::PgPool) -> (i64, i64, i64) {
    sqlx::query_as(
        "WITH lines AS (
             SELECT r.store_code, r.purchased_at::date AS day, l.sku, r.currency, MIN(l.category) AS category,
                    MIN(l.brand) AS brand, SUM(l.qty) AS units, SUM(l.qty * l.unit_price - l.discount) AS net_value
             FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id
             GROUP BY 1, 2, 3, 4),
         counted AS (SELECT store_code, day, sku, currency, category, brand, units, net_value FROM sales_by_day),
         -- and per month (migration 0029's sales_by_month, kept from sales_by_day by its triggers)
         monthly AS (
             SELECT store_code, date_trunc('month', day)::date AS month, sku, currency, MIN(category) AS category,
                    MIN(brand) AS brand, SUM(units) AS units, SUM(net_value) AS net_value
             FROM lines GROUP BY 1, 2, 3, 4),
         counted_monthly AS (SELECT store_code, month, sku, currency, category, brand, units, net_value FROM sales_by_month)
         SELECT (SELECT COUNT(*) FROM (SELECT * FROM lines EXCEPT SELECT * FROM counted) x)
                  + (SELECT COUNT(*) FROM (SELECT * FROM monthly EXCEPT SELECT * FROM counted_monthly) x),
                (SELECT COUNT(*) FROM (SELECT * FROM counted EXCEPT SELECT * FROM lines) y)
                  + (SELECT COUNT(*) FROM (SELECT * FROM counted_monthly EXCEPT SELECT * FROM monthly) y),
                (SELECT COALESCE(SUM(units), 0)::bigint FROM sales_by_day)",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

/// The load counts each batch's sales into `sales_by_day` itself, and the table's trigger
/// leaves the load's transactions alone (migration 0024): every sale counted once — through
/// several batches, a repeat of the file and a refused batch — and a sale written by anyone
/// else (here by hand, as a desk's exchange writes one) still counted by the trigger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_load_counts_every_sale_once_into_sales_by_day() {
    let (_dir, path, sales) = sales_file(600);
    let (url, postgres) = common::fresh_postgres_at().await;
    demo_stores(&postgres).await;
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let units: i64 = sales.iter().flat_map(|s| &s.receipt.lines).map(|l| i64::from(l.qty.get())).sum();

    let summary = import_receipts_file(postgres.as_ref(), &path, None, 250, &mut |r| panic!("{r:?}")).await.unwrap();
    assert_eq!(summary.inserted, 600);
    assert_eq!(sales_by_day_against_lines(&pool).await, (0, 0, units));

    let again = import_receipts_file(postgres.as_ref(), &path, None, 250, &mut |r| panic!("{r:?}")).await.unwrap();
    assert_eq!(again.skipped, 600);
    assert_eq!(sales_by_day_against_lines(&pool).await, (0, 0, units), "a repeat counts nothing");

    // A refused batch (a store that does not exist) counts nothing of itself.
    let mut new = sales[5].clone();
    new.receipt.number = "NEW-1".into();
    let mut stranger = sales[6].clone();
    stranger.store = "NOPE".into();
    assert!(postgres.import_receipts(&[new.clone(), stranger]).await.is_err());
    assert_eq!(sales_by_day_against_lines(&pool).await, (0, 0, units));
    postgres.import_receipts(&[new.clone()]).await.unwrap();
    let units = units + new.receipt.lines.iter().map(|l| i64::from(l.qty.get())).sum::<i64>();
    assert_eq!(sales_by_day_against_lines(&pool).await, (0, 0, units));

    // A sale written outside the load (the setting was the load's transactions' only): the
    // trigger counts it.
    for i in 0..4 {
        let mut tx = pool.begin().await.unwrap();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO receipts (store_code, number, purchased_at, channel, currency, total_paid, content_hash, imported_at)
             VALUES ('S01', $1, '2026-10-11 10:00', 'store', 'EUR', 7.50, 'h', now())
             RETURNING id",
        )
        .bind(format!("BY-HAND-{i}"))
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate)
             VALUES ($1, 1, 'BY-HAND', 'Written by hand', 'misc', '', 3, 2.50, 0, 20)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    assert_eq!(sales_by_day_against_lines(&pool).await, (0, 0, units + 12));
}
