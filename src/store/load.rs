//! A large import of sales: when keeping the lookup indexes up row by row costs more than
//! building them once at the end.
//!
//! On SQLite the card and serial indexes, whose keys arrive in random order, cost more to keep
//! up row by row than to build once at the end (`returndesk bench store`, 1,000,000 generated
//! receipts: about 20 s → 19 s for the whole load, the build taking 1.5 s, ≈ 1.5 µs per
//! receipt *stored*). So a load suspends them once it is at least as large as what the store
//! held before it (and large in itself); a day's import into a big store keeps them. Lookups
//! by number, barcode and fiscal QR stay indexed throughout.

use std::time::{Duration, Instant};

use super::{Database, ImportOutcome, SaleReceipt, StoreResult};

/// Below this many receipts a load never suspends the lookup indexes.
pub const SUSPEND_FROM: u64 = 50_000;

pub struct ReceiptLoad<'a> {
    db: &'a dyn Database,
    stored_before: u64,
    suspend_from: u64,
    offered: u64,
    suspended: bool,
    index_time: Duration,
}

impl<'a> ReceiptLoad<'a> {
    pub async fn begin(db: &'a dyn Database) -> StoreResult<ReceiptLoad<'a>> {
        ReceiptLoad::begin_with(db, SUSPEND_FROM).await
    }

    /// As [`ReceiptLoad::begin`], suspending from `suspend_from` receipts (tests use small ones).
    pub async fn begin_with(db: &'a dyn Database, suspend_from: u64) -> StoreResult<ReceiptLoad<'a>> {
        let stored_before = db.receipt_count().await?.max(0) as u64;
        Ok(ReceiptLoad {
            db,
            stored_before,
            suspend_from,
            offered: 0,
            suspended: false,
            index_time: Duration::ZERO,
        })
    }

    /// Imports one batch (see [`Database::import_receipts`]), first suspending the lookup
    /// indexes if the load has grown large enough.
    pub async fn import(&mut self, batch: &[SaleReceipt]) -> StoreResult<Vec<ImportOutcome>> {
        let hashes: Vec<String> = batch.iter().map(SaleReceipt::content_hash).collect();
        self.import_hashed(batch, &hashes).await
    }

    /// [`ReceiptLoad::import`] with the content hashes computed by the caller.
    pub async fn import_hashed(&mut self, batch: &[SaleReceipt], hashes: &[String]) -> StoreResult<Vec<ImportOutcome>> {
        self.before_batch(batch.len()).await?;
        self.db.import_hashed(batch, hashes).await
    }

    /// Counts a batch of `len` receipts about to be written (by [`Database::import_hashed`]),
    /// first suspending the lookup indexes if the load has grown large enough.
    pub async fn before_batch(&mut self, len: usize) -> StoreResult<()> {
        self.offered += len as u64;
        if !self.suspended && self.offered >= self.suspend_from && self.offered >= self.stored_before {
            let t = Instant::now();
            self.suspended = self.db.suspend_receipt_lookups().await?;
            self.index_time += t.elapsed();
        }
        Ok(())
    }

    /// Whether the lookup indexes are suspended now.
    pub fn suspended(&self) -> bool {
        self.suspended
    }

    /// Rebuilds what was suspended. Call it also when the load failed: the receipts already
    /// stored must be found again.
    pub async fn finish(mut self) -> StoreResult<Duration> {
        if self.suspended {
            let t = Instant::now();
            self.db.restore_receipt_lookups().await?;
            self.index_time += t.elapsed();
            self.suspended = false;
        }
        Ok(self.index_time)
    }
}
