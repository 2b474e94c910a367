//! A database from the previous release (migrations 0001–0002) with sales in it opens with this
//! one: the new migrations apply on SQLite and on PostgreSQL and the old rows read back. A
//! database at migration 0004 with returns and their audit entries in it gets the hash-chained
//! trail (0005): the old entries are chained in id order and the whole trail verifies.

mod common;

use std::borrow::Cow;

use common::*;
use returndesk::store::{self, Database, ReceiptKey};
use sqlx::migrate::Migrator;

/// The migrations of the previous release only.
async fn previous_release(folder: &str) -> Migrator {
    migrations_up_to(folder, 2).await
}

/// The migrations up to `version`.
async fn migrations_up_to(folder: &str, version: i64) -> Migrator {
    let mut m = Migrator::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)).await.unwrap();
    m.migrations = Cow::Owned(m.migrations.iter().filter(|x| x.version <= version).cloned().collect());
    assert_eq!(m.migrations.len() as i64, version);
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

/// Two returns of the old receipt, each with its refund and its `return.confirm` entry, as the
/// release before the hash chain wrote them; `cents`: how the backend writes 100.00.
fn old_returns(cents: &str) -> Vec<String> {
    let mut rows = vec![
        "INSERT INTO policy_versions (policy_id, version, effective_from, defaults_json, rules_json, created_at)
         VALUES ('standard', 1, '2024-01-01', '{}', '[]', '2026-01-01T00:00:00+00:00')"
            .to_string(),
        "INSERT INTO users (store_code, login, display_name, role, pin_hash, created_at)
         VALUES ('S01', 'maria', 'Maria Ivanova', 'clerk', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', '2026-01-01T00:00:00+00:00')"
            .to_string(),
        // A second line, so that each return has a unit to take back.
        format!(
            "INSERT INTO receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate)
             SELECT id, 2, 'CBL-1', 'Cable', 'accessories', 'Acme', 2, {cents}, 0, 0 FROM receipts WHERE number = 'OLD-1'"
        ),
    ];
    for (n, line) in [(1, 1), (2, 2)] {
        rows.push(format!(
            "INSERT INTO returns (idempotency_key, store_code, clerk_id, receipt_id, policy_version_id, resolution, outcome,
               status, currency, total_gross, total_fee, total_refund, total_vat, request_now, created_at, completed_at,
               request_json, decision_json)
             SELECT 'OLD-R{n}', 'S01', u.id, r.id, p.id, 'refund', 'approved', 'completed', 'EUR', {cents}, 0, {cents}, 0,
               '2026-10-0{n} 10:00:00', '2026-10-0{n}T08:00:00+00:00', '2026-10-0{n}T08:00:00+00:00', '{{}}', '{{}}'
             FROM users u, receipts r, policy_versions p WHERE u.login = 'maria' AND r.number = 'OLD-1'"
        ));
        rows.push(format!(
            "INSERT INTO return_lines (return_id, line_no, receipt_id, receipt_line, qty, returned_qty, reason, condition,
               outcome, route, gross, fee, refund, vat)
             SELECT t.id, 1, t.receipt_id, {line}, 1, 1, 'change_of_mind', 'unopened', 'approved', 'refund', {cents}, 0, {cents}, 0
             FROM returns t WHERE t.idempotency_key = 'OLD-R{n}'"
        ));
        rows.push(format!(
            "INSERT INTO return_refunds (return_id, seq, type, amount, receipt_amount)
             SELECT id, 1, 'cash', {cents}, {cents} FROM returns WHERE idempotency_key = 'OLD-R{n}'"
        ));
        rows.push(format!(
            "INSERT INTO audit_log (at, user_id, store_code, action, entity, entity_id, details)
             SELECT '2026-10-0{n}T08:00:00+00:00', clerk_id, 'S01', 'return.confirm', 'return', CAST(id AS TEXT),
               '{{\"refund\": \"100.00\"}}'
             FROM returns WHERE idempotency_key = 'OLD-R{n}'"
        ));
    }
    rows
}

/// After the upgrade: the old entries are chained (#1, #2 in id order, renamed
/// `return_confirmed`), the trail verifies, goes on from them, and still notices a change to an
/// old return.
async fn the_old_trail_is_chained(db: &dyn Database, tamper: impl AsyncFnOnce(&str)) {
    use returndesk::store::{AuditAction, AuditActor, AuditEvent, AuditQuery};
    let report = db.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!((report.entries, report.returns, report.head_seq), (2, 2, 2));
    let page = db.audit_entries("S01", &AuditQuery { limit: 10, ..Default::default() }).await.unwrap();
    let seqs: Vec<(i64, AuditAction)> = page.entries.iter().map(|e| (e.seq, e.action)).collect();
    assert_eq!(seqs, [(2, AuditAction::ReturnConfirmed), (1, AuditAction::ReturnConfirmed)]);
    assert_eq!(db.ledger_counts().await.unwrap().audit_confirmations, 2);
    let event = AuditEvent::new(AuditAction::SettingsChanged, AuditActor::default().in_store("S01"), "setting", "S01/printer", serde_json::json!({}));
    assert_eq!(db.append_audit(&event).await.unwrap().seq, 3);
    let report = db.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.entries, 3);
    let receipt = db.find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: "OLD-1".into() }).await.unwrap().unwrap();
    assert_eq!(db.verify_receipt(receipt.id).await.unwrap(), None);
    tamper("UPDATE return_lines SET returned_qty = 0 WHERE line_no = 1 AND receipt_line = 2").await;
    let broken = db.verify_audit().await.unwrap().broken.expect("the change is noticed");
    assert!(
        matches!(&broken, returndesk::store::AuditBreak::RecordChanged { seq: 2, what, .. } if what.contains("returned_qty 1 → 0")),
        "{broken:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_database_with_returns_gets_a_chained_audit_trail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true).foreign_keys(true);
    {
        let pool = sqlx::sqlite::SqlitePoolOptions::new().connect_with(options.clone()).await.unwrap();
        migrations_up_to("migrations/sqlite", 4).await.run(&pool).await.unwrap();
        for sql in old_rows("10000", "2000").into_iter().chain(old_returns("10000")) {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.unwrap();
        }
        pool.close().await;
    }
    let db = store::open(path.to_str().unwrap()).await.expect("opens, migrates and chains the old entries");
    let pool = sqlx::sqlite::SqlitePoolOptions::new().connect_with(options).await.unwrap();
    the_old_trail_is_chained(db.as_ref(), async |sql: &str| {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_string())).execute(&pool).await.unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_database_with_returns_gets_a_chained_audit_trail() {
    use sqlx::Connection;
    let server = postgres_server_url();
    let name = format!("rd_upgrade_audit_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&server).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await.unwrap();
    let (base, _) = server.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    let pool = sqlx::postgres::PgPoolOptions::new().connect(&url).await.unwrap();
    migrations_up_to("migrations/postgres", 4).await.run(&pool).await.unwrap();
    for sql in old_rows("100.00", "20.00").into_iter().chain(old_returns("100.00")) {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.unwrap();
    }
    let db = store::open(&url).await.expect("connects, migrates and chains the old entries");
    the_old_trail_is_chained(db.as_ref(), async |sql: &str| {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_string())).execute(&pool).await.unwrap();
    })
    .await;
}
