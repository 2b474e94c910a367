//! PostgreSQL: one database for a chain of stores; every desk of every store points at it.
//!
//! Money is NUMERIC(14,2) and VAT rates NUMERIC(5,2) (`migrations/postgres/0001_initial.sql`,
//! bound and read in `sql.rs`). Confirming a return locks the receipt's line rows
//! (`SELECT … FOR UPDATE`, `sql::Tx::lock_receipt`) before reading what was already returned,
//! so two desks of a chain never refund the same units twice. The queries are the store's own
//! (`Database`'s provided methods).

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use super::sql::Pool;
use super::*;

static MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

pub struct PostgresDatabase {
    pool: PgPool,
    connections: Pool,
}

/// How many times a batch is written before a transient failure (a deadlock PostgreSQL broke)
/// is given back to the importer.
const TRANSIENT_TRIES: u32 = 5;

/// Issue 15: connections per process, `RETURNDESK_DB_POOL` (1–256), else 16 (docs/deploy.md
/// says how to choose it from `bench chain`).
pub fn pool_size() -> u32 {
    std::env::var("RETURNDESK_DB_POOL")
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| (1..=256).contains(n))
        .unwrap_or(16)
}

impl PostgresDatabase {
    /// Connects to `postgres://…` and migrates the schema.
    pub async fn connect(url: &str) -> StoreResult<PostgresDatabase> {
        // No JIT compilation: the desk's statements are short, and PostgreSQL's planner turns it
        // on by cost alone — a report's year of returns spent 830 ms compiling an 80 ms query.
        let options = PgConnectOptions::from_str(url)?.application_name("returndesk").options([("jit", "off")]);
        let pool = PgPoolOptions::new()
            .max_connections(pool_size())
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let connections = Pool::Postgres(pool.clone());
        // Audit entries from before the hash chain (migration 0005) are chained once.
        super::audit::seal_legacy(&connections).await?;
        Ok(PostgresDatabase { connections, pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

#[async_trait::async_trait]
impl Database for PostgresDatabase {
    fn connections(&self) -> &Pool {
        &self.connections
    }

    fn batches_at_once(&self) -> usize {
        2
    }

    /// Issue 15: a batch streamed with `COPY` (`postgres_load.rs`), not a statement per row.
    async fn import_hashed(&self, batch: &[SaleReceipt], hashes: &[String]) -> StoreResult<Vec<ImportOutcome>> {
        assert_eq!(batch.len(), hashes.len(), "a content hash for every sale");
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        // A batch PostgreSQL gave up to let another go on is written again whole, a few times,
        // before anything is said of its receipts: a deadlock is no fault of theirs, and must
        // never be reported as the database refusing one (nor send the batch a receipt at a time).
        let mut tries = 1;
        loop {
            match super::postgres_load::load_receipts(&self.pool, batch, hashes, now_utc()).await {
                Err(e) if e.is_transient() && tries < TRANSIENT_TRIES => {
                    tracing::warn!(tries, receipts = batch.len(), error = %e, "import batch given up by PostgreSQL; written again");
                    tokio::time::sleep(Duration::from_millis(20 * tries as u64)).await;
                    tries += 1;
                }
                done => return done,
            }
        }
    }
}
