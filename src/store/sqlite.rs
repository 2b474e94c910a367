//! SQLite: the default store, one file in the user's data folder (WAL, foreign keys on).
//!
//! Money is INTEGER cents and VAT rates are INTEGER hundredths of a percent
//! (`migrations/sqlite/0001_initial.sql`, bound and read in `sql.rs`). Writes that must not
//! race (confirming a return, importing) run in `BEGIN IMMEDIATE` transactions, so two desks
//! are serialized by SQLite's write lock before they read what they decide on. The queries are
//! the store's own (`Database`'s provided methods); what is here is what only SQLite does: the
//! bulk load of sales, the lookup indexes it suspends, and the backup.

use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use super::sql::Pool;
use super::*;

static MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

/// The lookup indexes a bulk load drops and builds again at the end (`ReceiptLoad`), as the
/// migrations create them (name, `ON …`); a test holds these equal to the migrated schema.
/// Their keys (card digits, serial numbers) arrive in no order, so every row inserted lands on
/// a page of its own. Numbers, barcodes and fiscal document numbers arrive in order and are
/// cheap to keep up: measured on 1,000,000 receipts, suspending those too gained nothing.
pub const LOAD_SUSPENDED_INDEXES: [(&str, &str); 2] = [
    ("receipt_tenders_by_card", "receipt_tenders (card_last4, purchased_on) WHERE card_last4 IS NOT NULL"),
    ("receipt_line_serials_by_serial", "receipt_line_serials (serial)"),
];

pub struct SqliteDatabase {
    pool: SqlitePool,
    connections: Pool,
}

impl SqliteDatabase {
    /// Opens (creating and migrating on first start) the database file at `path`.
    pub async fn open(path: &Path) -> StoreResult<SqliteDatabase> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Conflict(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            // sqlx pings a pooled connection before handing it out (a round trip to its worker
            // thread on every statement group, issue 15's lookup). An embedded file's connection
            // has no server to lose: a fault shows on the statement itself, as it would a moment
            // after the ping. (PostgreSQL's pool keeps the ping: a server restart breaks sockets.)
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let db = SqliteDatabase { connections: Pool::Sqlite(pool.clone()), pool };
        // A bulk load cut short leaves its lookup indexes dropped: build them now.
        db.restore_receipt_lookups().await?;
        // Audit entries from before the hash chain (migration 0005) are chained once.
        super::audit::seal_legacy(&db.connections).await?;
        Ok(db)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

#[async_trait]
impl Database for SqliteDatabase {
    fn connections(&self) -> &Pool {
        &self.connections
    }

    async fn import_hashed(&self, batch: &[SaleReceipt], hashes: &[String]) -> StoreResult<Vec<ImportOutcome>> {
        assert_eq!(batch.len(), hashes.len(), "a content hash for every sale");
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let imported_at = now_utc();
        let mut conn = self.pool.acquire().await?;
        // A bulk write touches index pages all over the file: a page cache large enough for
        // them (SQLite's default is 2 MB; this one grows up to 512 MB only as pages are used,
        // and stays warm for the next batch until the pool closes the idle connection) and
        // statement journals in memory instead of a temporary file.
        sqlx::query("PRAGMA cache_size = -524288").execute(&mut *conn).await?;
        sqlx::query("PRAGMA temp_store = MEMORY").execute(&mut *conn).await?;
        // Checkpoint every 256 MB of WAL rather than every 4 MB: hot index pages written by
        // several batches are copied into the database once, not once per batch.
        sqlx::query("PRAGMA wal_autocheckpoint = 65536").execute(&mut *conn).await?;
        let mut handle = conn.lock_handle().await?;
        let raw = handle.as_raw_handle();
        let load = || {
            // SAFETY: `handle` keeps sqlx's worker off this connection until it is dropped,
            // after `db`; `from_handle` borrows the connection without closing it, and
            // dropping `db` finalizes the statements it prepared.
            let mut db = unsafe { rusqlite::Connection::from_handle(raw.as_ptr()) }?;
            super::sqlite_load::load_receipts(&mut db, batch, hashes, imported_at)
        };
        // The batch runs on this thread; on a multi-threaded runtime, other tasks move away.
        let outcomes = match tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor()) {
            Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(load),
            _ => load(),
        };
        drop(handle);
        Ok(outcomes?)
    }

    async fn suspend_receipt_lookups(&self) -> StoreResult<bool> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?;
        for (name, _) in LOAD_SUSPENDED_INDEXES {
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX IF EXISTS {name}"))).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn restore_receipt_lookups(&self) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        // Every start comes here: when nothing is missing (the usual case) take no write lock.
        let present: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)")
            .bind(LOAD_SUSPENDED_INDEXES[0].0)
            .bind(LOAD_SUSPENDED_INDEXES[1].0)
            .fetch_one(&mut *conn)
            .await?;
        if present == LOAD_SUSPENDED_INDEXES.len() as i64 {
            return Ok(());
        }
        // Sorting a million keys wants more than the default 2 MB of cache, in memory, on
        // both cores (SQLite's sorter takes helper threads only when asked).
        sqlx::query("PRAGMA cache_size = -524288").execute(&mut *conn).await?;
        sqlx::query("PRAGMA temp_store = MEMORY").execute(&mut *conn).await?;
        sqlx::query("PRAGMA threads = 2").execute(&mut *conn).await?;
        let mut tx = sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?;
        for (name, on) in LOAD_SUSPENDED_INDEXES {
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE INDEX IF NOT EXISTS {name} ON {on}")))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn backup(&self, path: &Path) -> StoreResult<()> {
        if path.exists() {
            return Err(StoreError::Conflict(format!(
                "{} exists: a backup never overwrites a file",
                path.display()
            )));
        }
        sqlx::query("VACUUM INTO ?")
            .bind(path.to_string_lossy().into_owned())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

