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
         -- and per month (sales_by_month: migration 0029, written with the days since 0034)
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

    // One SKU under three names on one day of one batch: the day takes the least of them, as the
    // trigger's MIN does (the load adds its lines up before it writes them).
    let t = sales.iter().find(|s| s.store == "S01").unwrap();
    let renamed = [
        one_line_sale(t, "NAMES-1", "2026-10-05 09:00", "RENAMED", "mid", "Zbrand"),
        one_line_sale(t, "NAMES-2", "2026-10-05 11:00", "RENAMED", "alpha", "Mbrand"),
        one_line_sale(t, "NAMES-3", "2026-10-05 12:00", "RENAMED", "zeta", "Abrand"),
    ];
    postgres.import_receipts(&renamed).await.unwrap();
    let units = units + renamed.iter().map(|s| i64::from(s.receipt.lines[0].qty.get())).sum::<i64>();
    assert_eq!(sales_by_day_against_lines(&pool).await, (0, 0, units));

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

/// `sales_by_day` and `sales_by_month` of a SQLite file: rows of the one that the other lacks
/// or has different, both ways (category and brand included), and the rows compared.
async fn sqlite_summaries_against(loaded: &std::path::Path, reference: &std::path::Path) -> (i64, i64, i64) {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", loaded.display())).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("ATTACH DATABASE '{}' AS reference", reference.display())))
        .execute(&mut *conn)
        .await
        .unwrap();
    let differences = |table: &str| {
        format!(
            "(SELECT COUNT(*) FROM (SELECT * FROM main.{table} EXCEPT SELECT * FROM reference.{table})),
             (SELECT COUNT(*) FROM (SELECT * FROM reference.{table} EXCEPT SELECT * FROM main.{table})),
             (SELECT COUNT(*) FROM main.{table})"
        )
    };
    let mut total = (0, 0, 0);
    for table in ["sales_by_day", "sales_by_month"] {
        let (a, b, n): (i64, i64, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {}", differences(table))))
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        total = (total.0 + a, total.1 + b, total.2 + n);
    }
    total
}

/// A sale of one line of SKU `sku` filed under `category`/`brand`, bought at `at` in S01.
fn one_line_sale(template: &SaleReceipt, number: &str, at: &str, sku: &str, category: &str, brand: &str) -> SaleReceipt {
    let mut sale = template.clone();
    sale.store = "S01".into();
    sale.receipt.number = number.into();
    sale.receipt.purchased_at = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap();
    sale.receipt.lines.truncate(1);
    let line = &mut sale.receipt.lines[0];
    line.sku = sku.into();
    line.category = category.into();
    line.brand = brand.into();
    line.serials.clear();
    sale.receipt.receipt_discount = returndesk::domain::money::Money::ZERO;
    sale.receipt.tenders.truncate(1);
    sale.receipt.tenders[0].amount = line.net();
    sale.barcode = None;
    sale.fiscal = None;
    sale
}

/// Issue 15, migration 0032: SQLite's bulk load adds up its batch and writes each day and
/// month once, its triggers standing aside. The summaries must be the triggers' own, row for
/// row: the reference file gets the very same receipts and lines, in the same order, through
/// the triggers (by `INSERT … SELECT` from the loaded file). Through batches, a repeat, a
/// refused batch, a hand-written sale between loads, and a SKU sold under different names
/// (a day keeps its first line's category, a month the least of its new days').
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_load_counts_sales_as_its_triggers_do() {
    let (_dir, path, sales) = sales_file(600);
    let (loaded_dir, loaded) = common::fresh_sqlite().await;
    demo_stores(&loaded).await;
    let loaded_file = loaded_dir.path().join("desk.db");
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", loaded_file.display())).await.unwrap();

    let summary = import_receipts_file(loaded.as_ref(), &path, None, 250, &mut |r| panic!("{r:?}")).await.unwrap();
    assert_eq!(summary.inserted, 600);
    let again = import_receipts_file(loaded.as_ref(), &path, None, 250, &mut |r| panic!("{r:?}")).await.unwrap();
    assert_eq!(again.skipped, 600);

    // A SKU filed under other names from one sale to the next, on one day and across a month:
    // the first line of a day is not its least (zeta before alpha), and a later batch adds a
    // new day to a stored month and more to a stored day.
    let t = sales.iter().find(|s| s.store == "S01").unwrap();
    loaded
        .import_receipts(&[
            one_line_sale(t, "NAMES-1", "2026-10-05 09:00", "RENAMED", "zeta", "Zbrand"),
            one_line_sale(t, "NAMES-2", "2026-10-05 11:00", "RENAMED", "alpha", "Abrand"),
            one_line_sale(t, "NAMES-3", "2026-10-07 11:00", "RENAMED", "mid", "Mbrand"),
        ])
        .await
        .unwrap();
    // A sale written by hand between loads: the triggers count it (the marker was the load's).
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO receipts (store_code, number, purchased_at, channel, currency, total_paid, content_hash, imported_at)
         VALUES ('S01', 'BY-HAND-1', '2026-10-09 10:00:00', 'store', 'EUR', 750, 'h', '2026-10-09T10:00:00+00:00')
         RETURNING id",
    )
    .fetch_one(&raw)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate)
         VALUES (?1, 1, 'RENAMED', 'Written by hand', 'aaa-first', '', 3, 250, 0, 2000)",
    )
    .bind(id)
    .execute(&raw)
    .await
    .unwrap();
    loaded
        .import_receipts(&[
            one_line_sale(t, "NAMES-4", "2026-10-09 12:00", "RENAMED", "beta", "Bbrand"),
            one_line_sale(t, "NAMES-5", "2026-10-12 12:00", "RENAMED", "delta", "Dbrand"),
            one_line_sale(t, "NAMES-6", "2026-11-02 12:00", "RENAMED", "omega", "Obrand"),
        ])
        .await
        .unwrap();
    // A refused batch (a store that does not exist) writes nothing, its counts included.
    let mut new = one_line_sale(t, "NAMES-7", "2026-10-05 12:00", "RENAMED", "aaa", "Abrand");
    let mut stranger = sales[6].clone();
    stranger.store = "NOPE".into();
    assert!(loaded.import_receipts(&[new.clone(), stranger]).await.is_err());
    new.receipt.number = "NAMES-8".into();
    loaded.import_receipts(&[new]).await.unwrap();

    let marked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bulk_load_counts_sales").fetch_one(&raw).await.unwrap();
    assert_eq!(marked, 0, "the load's marker is never committed");
    let october: (String, String) =
        sqlx::query_as("SELECT category, brand FROM sales_by_day WHERE sku = 'RENAMED' AND day = '2026-10-05'")
            .fetch_one(&raw)
            .await
            .unwrap();
    assert_eq!(october, ("zeta".into(), "Zbrand".into()), "a day keeps its first line's names");

    // The reference: the same rows, in the same order, through the triggers.
    let (reference_dir, reference) = common::fresh_sqlite().await;
    demo_stores(&reference).await;
    drop(reference);
    let reference_file = reference_dir.path().join("desk.db");
    {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", reference_file.display())).await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("ATTACH DATABASE '{}' AS loaded", loaded_file.display())))
            .execute(&mut *conn)
            .await
            .unwrap();
        let counted: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM main.sales_by_day").fetch_one(&mut *conn).await.unwrap();
        assert_eq!(counted, 0);
        let receipts: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM loaded.receipts ORDER BY id").fetch_all(&mut *conn).await.unwrap();
        for id in receipts {
            sqlx::query("INSERT INTO main.receipts SELECT * FROM loaded.receipts WHERE id = ?1")
                .bind(id)
                .execute(&mut *conn)
                .await
                .unwrap();
            sqlx::query("INSERT INTO main.receipt_lines SELECT * FROM loaded.receipt_lines WHERE receipt_id = ?1 ORDER BY line")
                .bind(id)
                .execute(&mut *conn)
                .await
                .unwrap();
        }
    }
    let (missing, extra, rows) = sqlite_summaries_against(&loaded_file, &reference_file).await;
    assert!(rows > 600, "the summaries hold the sales ({rows} rows)");
    assert_eq!((missing, extra), (0, 0), "the load's sales_by_day and sales_by_month are the triggers' own");
}

/// Issue 15: a PostgreSQL import writes two batches at once, and no lock keeps two imports
/// apart any more. Two imports of the same sales at once (one file read forwards, the other
/// backwards) store every receipt once: where both
/// write a number, the second waits on the unique key, fails, and writes that batch again a
/// receipt at a time, finding each as stored. Every sale is counted once in the summaries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_imports_of_one_file_at_once_store_each_receipt_once() {
    let (_dir, path, sales) = sales_file(1200);
    let (url, postgres) = common::fresh_postgres_at().await;
    demo_stores(&postgres).await;
    assert_eq!(postgres.batches_at_once(), 2);
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let units: i64 = sales.iter().flat_map(|s| &s.receipt.lines).map(|l| i64::from(l.qty.get())).sum();

    let (mut first_reports, mut second_reports) = (Vec::new(), Vec::new());
    // The second file holds the same sales backwards: the imports start at either end and meet
    // in the middle, both writing the same batches at the same time.
    let backwards = path.with_file_name("backwards.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&backwards, text.lines().rev().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
    let (mut report_first, mut report_second) = (|r| first_reports.push(r), |r| second_reports.push(r));
    let (first, second) = tokio::join!(
        import_receipts_file(postgres.as_ref(), &path, None, 100, &mut report_first),
        import_receipts_file(postgres.as_ref(), &backwards, None, 100, &mut report_second),
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    assert!(first_reports.is_empty() && second_reports.is_empty(), "{first_reports:?} {second_reports:?}");
    assert_eq!((first.read, second.read), (1200, 1200));
    assert!(first.inserted > 0 && second.inserted > 0, "both imports wrote: {first:?} {second:?}");
    assert_eq!(first.inserted + first.skipped, 1200, "{first:?}");
    assert_eq!(second.inserted + second.skipped, 1200, "{second:?}");
    assert_eq!(first.inserted + second.inserted, 1200, "each receipt stored once: {first:?} {second:?}");
    assert_eq!(postgres.receipt_count().await.unwrap(), 1200);
    assert_eq!(sales_by_day_against_lines(&pool).await, (0, 0, units));
    // What was stored is the file: every receipt reads back whole.
    for sale in sales.iter().step_by(97) {
        let key = ReceiptKey::Number { store: Some(sale.store.clone()), number: sale.receipt.number.clone() };
        let found = postgres.find_receipt(&key).await.unwrap().expect("stored");
        let mut expected = sale.clone();
        for t in &mut expected.receipt.tenders {
            t.card_fingerprint = None;
        }
        assert_eq!(found.sale, expected);
    }
}

/// Deadlocks PostgreSQL has broken in the database of `pool` since it started, once every
/// backend that counted one has said so: the desk's own connections are closed first (a
/// backend reports its counts when it ends), then the figure is read until it holds still.
async fn deadlocks_after_closing(db: &Arc<dyn Database>, pool: &sqlx::PgPool) -> i64 {
    if let returndesk::store::sql::Pool::Postgres(p) = db.connections() {
        p.close().await;
    }
    let mut last = -1;
    for _ in 0..20 {
        let (n,): (i64,) = sqlx::query_as("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
            .fetch_one(pool)
            .await
            .unwrap();
        if n == last {
            return n;
        }
        last = n;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    last
}

/// Two batches at once that cross on the month summaries: for product P, batch A adds to a
/// day that exists and batch B opens a new day of the same month; for product Q the other way
/// round. Through `sales_by_day`'s two month triggers of migration 0029 (one for the days an
/// upsert adds to, one for the days it opens) A took P's month and then wanted Q's while B took
/// Q's and then wanted P's, and PostgreSQL broke the deadlock by failing one batch (a 200,000-
/// receipt `bench import` took 104 s instead of 17: its batch went again a receipt at a time).
/// Each transaction now takes its days and then its months, each in one order: no deadlock,
/// every pair stored and counted once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_crossing_on_a_month_never_deadlock() {
    let (_dir, _path, sales) = sales_file(10);
    let (url, postgres) = common::fresh_postgres_at().await;
    demo_stores(&postgres).await;
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let before = deadlocks_after_closing(&postgres, &pool).await;
    // The pool was closed to read the figure: a desk of its own for the imports.
    let postgres = returndesk::store::open(&url).await.unwrap();
    let t = &sales[0];
    let sale = |n: String, at: &str, sku: &str| one_line_sale(t, &n, at, sku, "cat", "brand");
    let mut units = 0i64;
    for k in 0..40 {
        let (p, q) = (format!("P-{k}"), format!("Q-{k}"));
        // The days both batches add to.
        let first = [sale(format!("K{k}-0P"), "2026-10-05 09:00", &p), sale(format!("K{k}-0Q"), "2026-10-05 09:30", &q)];
        postgres.import_receipts(&first).await.unwrap();
        let a = [sale(format!("K{k}-AP"), "2026-10-05 10:00", &p), sale(format!("K{k}-AQ"), "2026-10-06 10:00", &q)];
        let b = [sale(format!("K{k}-BQ"), "2026-10-05 11:00", &q), sale(format!("K{k}-BP"), "2026-10-07 11:00", &p)];
        let (ra, rb) = tokio::join!(postgres.import_receipts(&a), postgres.import_receipts(&b));
        assert!(ra.is_ok() && rb.is_ok(), "pair {k}: {ra:?} {rb:?}");
        units += [first.as_slice(), &a, &b].concat().iter().map(|s| i64::from(s.receipt.lines[0].qty.get())).sum::<i64>();
    }
    assert_eq!(postgres.receipt_count().await.unwrap(), 240);
    assert_eq!(sales_by_day_against_lines(&pool).await, (0, 0, units));
    assert_eq!(deadlocks_after_closing(&postgres, &pool).await - before, 0, "deadlocks PostgreSQL had to break");
}

/// A batch PostgreSQL gives up to break a deadlock is written again whole, and nothing of it is
/// reported as refused. Here the deadlock is made on purpose: another transaction holds the
/// month the batch's sale falls in, the batch (holding that sale's day) waits for it, and then
/// the other transaction asks for the day. The batch waited first, so PostgreSQL fails it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_given_up_in_a_deadlock_is_written_again() {
    let (_dir, _path, sales) = sales_file(10);
    let (url, postgres) = common::fresh_postgres_at().await;
    demo_stores(&postgres).await;
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let t = &sales[0];
    let first = one_line_sale(t, "DL-1", "2026-10-05 09:00", "DL", "cat", "brand");
    let second = one_line_sale(t, "DL-2", "2026-10-05 10:00", "DL", "cat", "brand");
    let units = i64::from(first.receipt.lines[0].qty.get()) + i64::from(second.receipt.lines[0].qty.get());
    postgres.import_receipts(std::slice::from_ref(&first)).await.unwrap();
    let before = deadlocks_after_closing(&postgres, &pool).await;
    let postgres = returndesk::store::open(&url).await.unwrap();

    let mut other = pool.begin().await.unwrap();
    // The other transaction is never the one PostgreSQL picks: it checks for a circle last.
    sqlx::query("SET LOCAL deadlock_timeout = '60s'").execute(&mut *other).await.unwrap();
    sqlx::query("UPDATE sales_by_month SET units = units WHERE sku = 'DL'").execute(&mut *other).await.unwrap();
    let load = tokio::spawn({
        let postgres = postgres.clone();
        async move { postgres.import_receipts(&[second]).await }
    });
    // The batch has taken its day and waits for the month.
    let mut waited = 0;
    loop {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'returndesk' AND wait_event_type = 'Lock'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        if n == 1 {
            break;
        }
        waited += 1;
        assert!(waited < 200, "the batch never waited for the month");
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    sqlx::query("UPDATE sales_by_day SET units = units WHERE sku = 'DL'").execute(&mut *other).await.unwrap();
    other.commit().await.unwrap();

    let outcomes = load.await.unwrap().expect("written again, not refused");
    assert!(matches!(outcomes.as_slice(), [ImportOutcome::Inserted { .. }]), "{outcomes:?}");
    assert_eq!(postgres.receipt_count().await.unwrap(), 2);
    assert_eq!(sales_by_day_against_lines(&pool).await, (0, 0, units), "the given-up try counted nothing");
    assert_eq!(deadlocks_after_closing(&postgres, &pool).await - before, 1, "the deadlock it was written again after");
}
