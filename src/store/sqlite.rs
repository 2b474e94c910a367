//! SQLite: the default store, one file in the user's data folder (WAL, foreign keys on).
//!
//! Money is INTEGER cents and VAT rates are INTEGER hundredths of a percent
//! (`migrations/sqlite/0001_initial.sql`). Writes that must not race (confirming a return,
//! importing) run in `BEGIN IMMEDIATE` transactions, so two desks are serialized by SQLite's
//! write lock before they read what they decide on.

use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveDateTime, SubsecRound, Timelike, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::Row;

use super::plan::ReturnPlan;
use super::*;
use crate::domain::request::{ReturnedQty, TenderRefund};
use crate::domain::{LineNo, Money, Percent, Quantity, Receipt, ReceiptLine, Tender};

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
}

fn cents(m: Money) -> i64 {
    m.cents()
}

fn money(c: i64) -> Money {
    Money::from_cents(c)
}

pub(super) fn rate_hundredths(p: Percent) -> i64 {
    (p.value() * Decimal::ONE_HUNDRED)
        .round()
        .to_i64()
        .expect("a percentage fits")
}

fn percent(h: i64) -> StoreResult<Percent> {
    Percent::parse(&Decimal::new(h, 2).to_string()).map_err(StoreError::Corrupt)
}

fn now_utc() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
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
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let db = SqliteDatabase { pool };
        // A bulk load cut short leaves its lookup indexes dropped: build them now.
        db.restore_receipt_lookups().await?;
        Ok(db)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

async fn load_history(conn: &mut SqliteConnection, receipt_id: i64) -> StoreResult<History> {
    let returned = sqlx::query(
        "SELECT receipt_line, SUM(returned_qty) AS n FROM return_lines
         WHERE receipt_id = ? GROUP BY receipt_line HAVING SUM(returned_qty) > 0 ORDER BY receipt_line",
    )
    .bind(receipt_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| {
        let n: i64 = r.get("n");
        Ok(ReturnedQty {
            line: LineNo(r.get::<i64, _>("receipt_line") as u32),
            qty: Quantity::new(n as u32)
                .ok_or_else(|| StoreError::Corrupt(format!("returned quantity {n}")))?,
        })
    })
    .collect::<StoreResult<Vec<_>>>()?;
    let tender_refunded = sqlx::query(
        "SELECT rr.type, SUM(rr.receipt_amount) AS amount FROM return_refunds rr
         JOIN returns r ON r.id = rr.return_id
         WHERE r.receipt_id = ? AND r.status = 'completed' AND rr.type <> 'exchange'
         GROUP BY rr.type HAVING SUM(rr.receipt_amount) > 0 ORDER BY rr.type",
    )
    .bind(receipt_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(TenderRefund {
            kind: parse_code("tender type", r.get::<&str, _>("type"))?,
            amount: money(r.get("amount")),
        })
    })
    .collect::<StoreResult<Vec<_>>>()?;
    Ok(History {
        returned,
        tender_refunded,
        customer_returns_90d: 0,
    })
}

async fn load_receipt(conn: &mut SqliteConnection, id: i64) -> StoreResult<Option<StoredReceipt>> {
    let Some(row) = sqlx::query(
        "SELECT store_code, number, purchased_at, channel, delivered_on, currency, receipt_discount,
                barcode, fiscal_fn, fiscal_i, fiscal_fp
         FROM receipts WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let mut serials = sqlx::query("SELECT line, serial FROM receipt_line_serials WHERE receipt_id = ? ORDER BY line, position, serial")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| (r.get::<i64, _>("line") as u32, r.get::<String, _>("serial")))
        .collect::<Vec<_>>();
    let lines = sqlx::query(
        "SELECT line, sku, name, category, brand, qty, unit_price, discount, vat_rate
         FROM receipt_lines WHERE receipt_id = ? ORDER BY line",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| {
        let line = r.get::<i64, _>("line") as u32;
        let qty: i64 = r.get("qty");
        Ok(ReceiptLine {
            line: LineNo(line),
            sku: r.get("sku"),
            name: r.get("name"),
            category: r.get("category"),
            brand: r.get("brand"),
            qty: Quantity::new(qty as u32).ok_or_else(|| StoreError::Corrupt(format!("qty {qty}")))?,
            unit_price: money(r.get("unit_price")),
            discount: money(r.get("discount")),
            vat_rate: percent(r.get("vat_rate"))?,
            serials: {
                let (mine, rest): (Vec<_>, Vec<_>) = serials.drain(..).partition(|(l, _)| *l == line);
                serials = rest;
                mine.into_iter().map(|(_, s)| s).collect()
            },
        })
    })
    .collect::<StoreResult<Vec<_>>>()?;
    let tenders = sqlx::query(
        "SELECT type, amount, card_last4 FROM receipt_tenders WHERE receipt_id = ? ORDER BY seq",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(Tender {
            kind: parse_code("tender type", r.get::<&str, _>("type"))?,
            amount: money(r.get("amount")),
            card_last4: r.get("card_last4"),
        })
    })
    .collect::<StoreResult<Vec<_>>>()?;
    let fiscal = match (
        row.get::<Option<String>, _>("fiscal_fn"),
        row.get::<Option<String>, _>("fiscal_i"),
        row.get::<Option<String>, _>("fiscal_fp"),
    ) {
        (Some(drive), Some(document), Some(sign)) => Some(FiscalIds { drive, document, sign }),
        _ => None,
    };
    let sale = SaleReceipt {
        store: row.get("store_code"),
        receipt: Receipt {
            number: row.get("number"),
            purchased_at: row.get("purchased_at"),
            channel: parse_code("channel", row.get::<&str, _>("channel"))?,
            delivered_on: row.get("delivered_on"),
            currency: parse_code("currency", row.get::<&str, _>("currency"))?,
            lines,
            receipt_discount: money(row.get("receipt_discount")),
            tenders,
        },
        barcode: row.get("barcode"),
        fiscal,
    };
    let history = load_history(conn, id).await?;
    Ok(Some(StoredReceipt { id, sale, history }))
}

async fn load_return(conn: &mut SqliteConnection, id: i64) -> StoreResult<Option<ReturnRecord>> {
    let Some(r) = sqlx::query(
        "SELECT t.id, t.idempotency_key, t.store_code, t.receipt_id, rc.number, t.clerk_id, u.display_name,
                d.code AS terminal_code, t.status, t.outcome, t.created_at, t.request_now, t.request_json, t.decision_json
         FROM returns t JOIN receipts rc ON rc.id = t.receipt_id JOIN users u ON u.id = t.clerk_id
         LEFT JOIN terminals d ON d.id = t.terminal_id WHERE t.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let status: String = r.get("status");
    let approvals = sqlx::query(
        "SELECT a.receipt_line, a.code, u.display_name, a.decision, a.reason, a.decided_at
         FROM approvals a JOIN users u ON u.id = a.manager_id WHERE a.return_id = ? ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|a| ApprovalRecord {
        line: a.get::<Option<i64>, _>("receipt_line").map(|l| l as u32),
        code: a.get("code"),
        manager: a.get("display_name"),
        decision: a.get("decision"),
        reason: a.get("reason"),
        decided_at: a.get("decided_at"),
    })
    .collect();
    let voucher = sqlx::query(
        "SELECT code, amount, balance, currency, status, issued_at, expires_on
         FROM store_credit_vouchers WHERE return_id = ? ORDER BY id LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .map(|v| {
        Ok::<_, StoreError>(VoucherRecord {
            code: v.get("code"),
            amount: money(v.get("amount")),
            balance: money(v.get("balance")),
            currency: parse_code("currency", v.get::<&str, _>("currency"))?,
            status: v.get("status"),
            issued_at: v.get("issued_at"),
            expires_on: v.get("expires_on"),
        })
    })
    .transpose()?;
    Ok(Some(ReturnRecord {
        approvals,
        voucher,
        id: r.get("id"),
        idempotency_key: r.get("idempotency_key"),
        store_code: r.get("store_code"),
        receipt_id: r.get("receipt_id"),
        receipt_number: r.get("number"),
        clerk_id: r.get("clerk_id"),
        clerk_name: r.get("display_name"),
        terminal_code: r.get("terminal_code"),
        status: ReturnStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("return status {status}")))?,
        outcome: r.get("outcome"),
        created_at: r.get("created_at"),
        request_now: r.get("request_now"),
        request: from_json("request", r.get::<&str, _>("request_json"))?,
        decision: from_json("decision", r.get::<&str, _>("decision_json"))?,
    }))
}

#[async_trait]
impl Database for SqliteDatabase {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn put_store(&self, s: &StoreProfile) -> StoreResult<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("INSERT INTO policies (policy_id, name) VALUES (?, ?) ON CONFLICT (policy_id) DO NOTHING")
            .bind(&s.policy_id)
            .bind(&s.policy_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO stores (code, name, address, jurisdiction, currency, time_zone, policy_id)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, address = excluded.address,
               jurisdiction = excluded.jurisdiction, currency = excluded.currency,
               time_zone = excluded.time_zone, policy_id = excluded.policy_id",
        )
        .bind(&s.code)
        .bind(&s.name)
        .bind(&s.address)
        .bind(s.jurisdiction.code())
        .bind(s.currency.code())
        .bind(&s.time_zone)
        .bind(&s.policy_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM store_holidays WHERE store_code = ?")
            .bind(&s.code)
            .execute(&mut *tx)
            .await?;
        for day in &s.holidays {
            sqlx::query("INSERT INTO store_holidays (store_code, day) VALUES (?, ?)")
                .bind(&s.code)
                .bind(day)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn store(&self, code: &str) -> StoreResult<Option<StoreProfile>> {
        let Some(r) = sqlx::query(
            "SELECT code, name, address, jurisdiction, currency, time_zone, policy_id FROM stores WHERE code = ?",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let holidays: Vec<NaiveDate> =
            sqlx::query_scalar("SELECT day FROM store_holidays WHERE store_code = ? ORDER BY day")
                .bind(code)
                .fetch_all(&self.pool)
                .await?;
        Ok(Some(StoreProfile {
            code: r.get("code"),
            name: r.get("name"),
            address: r.get("address"),
            jurisdiction: parse_code("jurisdiction", r.get::<&str, _>("jurisdiction"))?,
            currency: parse_code("currency", r.get::<&str, _>("currency"))?,
            time_zone: r.get("time_zone"),
            holidays,
            policy_id: r.get("policy_id"),
        }))
    }

    async fn stores(&self) -> StoreResult<Vec<StoreProfile>> {
        let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM stores ORDER BY code")
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(codes.len());
        for code in codes {
            out.extend(self.store(&code).await?);
        }
        Ok(out)
    }

    async fn put_policy_version(
        &self,
        policy_id: &str,
        effective_from: NaiveDate,
        document: &PolicyDocument,
    ) -> StoreResult<StoredPolicy> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("INSERT INTO policies (policy_id, name) VALUES (?, ?) ON CONFLICT (policy_id) DO NOTHING")
            .bind(policy_id)
            .bind(policy_id)
            .execute(&mut *tx)
            .await?;
        let version: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM policy_versions WHERE policy_id = ?",
        )
        .bind(policy_id)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO policy_versions (policy_id, version, effective_from, defaults_json, rules_json, created_at)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(policy_id)
        .bind(version)
        .bind(effective_from)
        .bind(json_text(&document.defaults))
        .bind(json_text(&document.rules))
        .bind(now_utc())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                StoreError::Conflict(format!(
                    "policy {policy_id} already has a version effective from {effective_from}"
                ))
            } else {
                e.into()
            }
        })?;
        tx.commit().await?;
        Ok(StoredPolicy {
            id,
            policy_id: policy_id.to_string(),
            version,
            effective_from,
            document: document.clone(),
        })
    }

    async fn policy_in_force(
        &self,
        policy_id: &str,
        day: NaiveDate,
    ) -> StoreResult<Option<StoredPolicy>> {
        let Some(r) = sqlx::query(
            "SELECT id, version, effective_from, defaults_json, rules_json FROM policy_versions
             WHERE policy_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1",
        )
        .bind(policy_id)
        .bind(day)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        Ok(Some(StoredPolicy {
            id: r.get("id"),
            policy_id: policy_id.to_string(),
            version: r.get("version"),
            effective_from: r.get("effective_from"),
            document: PolicyDocument {
                defaults: from_json("policy defaults", r.get::<&str, _>("defaults_json"))?,
                rules: from_json("policy rules", r.get::<&str, _>("rules_json"))?,
            },
        }))
    }

    async fn put_products(&self, products: &[Product]) -> StoreResult<u64> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        for p in products {
            sqlx::query(
                "INSERT INTO products (sku, name, category, brand, serial_tracked) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
                   brand = excluded.brand, serial_tracked = excluded.serial_tracked",
            )
            .bind(&p.sku)
            .bind(&p.name)
            .bind(&p.category)
            .bind(&p.brand)
            .bind(p.serial_tracked as i64)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(products.len() as u64)
    }

    async fn put_user(&self, u: &NewUser) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO users (store_code, login, display_name, role, pin_hash, created_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (login) DO UPDATE SET store_code = excluded.store_code,
               display_name = excluded.display_name, role = excluded.role, pin_hash = excluded.pin_hash
             RETURNING id",
        )
        .bind(&u.store_code)
        .bind(&u.login)
        .bind(&u.display_name)
        .bind(u.role.code())
        .bind(&u.pin_hash)
        .bind(now_utc())
        .fetch_one(&self.pool)
        .await?)
    }

    async fn user_by_login(&self, login: &str) -> StoreResult<Option<UserRecord>> {
        let Some(r) = sqlx::query(
            "SELECT id, store_code, login, display_name, role, pin_hash, failed_attempts, locked_until
             FROM users WHERE login = ? AND active = 1",
        )
        .bind(login)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let role: String = r.get("role");
        Ok(Some(UserRecord {
            id: r.get("id"),
            store_code: r.get("store_code"),
            login: r.get("login"),
            display_name: r.get("display_name"),
            role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
            pin_hash: r.get("pin_hash"),
            failed_attempts: r.get("failed_attempts"),
            locked_until: r.get("locked_until"),
        }))
    }

    async fn set_sign_in_state(
        &self,
        user_id: i64,
        failed_attempts: i64,
        locked_until: Option<DateTime<Utc>>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?")
            .bind(failed_attempts)
            .bind(locked_until.map(|t| t.trunc_subsecs(6)))
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn terminal_id(&self, store_code: &str, code: &str) -> StoreResult<Option<i64>> {
        Ok(sqlx::query_scalar("SELECT id FROM terminals WHERE store_code = ? AND code = ?")
            .bind(store_code)
            .bind(code)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn put_terminal(&self, store_code: &str, code: &str) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO terminals (store_code, code, name) VALUES (?, ?, ?)
             ON CONFLICT (store_code, code) DO UPDATE SET name = excluded.name RETURNING id",
        )
        .bind(store_code)
        .bind(code)
        .bind(code)
        .fetch_one(&self.pool)
        .await?)
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

    async fn receipt_count(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM receipts").fetch_one(&self.pool).await?)
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

    async fn find_receipt(&self, key: &ReceiptKey) -> StoreResult<Option<StoredReceipt>> {
        let mut conn = self.pool.acquire().await?;
        let id: Option<i64> = match key {
            ReceiptKey::Id(id) => Some(*id),
            ReceiptKey::Number { store: Some(store), number } => {
                sqlx::query_scalar("SELECT id FROM receipts WHERE store_code = ? AND number = ?")
                    .bind(store)
                    .bind(number)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            ReceiptKey::Number { store: None, number } => {
                sqlx::query_scalar("SELECT id FROM receipts WHERE number = ? ORDER BY id LIMIT 1")
                    .bind(number)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            ReceiptKey::Barcode(code) => {
                sqlx::query_scalar("SELECT id FROM receipts WHERE barcode = ? ORDER BY id LIMIT 1")
                    .bind(code)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            ReceiptKey::Fiscal { ids, at, total } => {
                let candidates: Vec<(i64, NaiveDateTime, i64)> = sqlx::query_as(
                    "SELECT id, purchased_at, total_paid FROM receipts
                     WHERE fiscal_fn = ? AND fiscal_i = ? AND fiscal_fp = ?",
                )
                .bind(&ids.drive)
                .bind(&ids.document)
                .bind(&ids.sign)
                .fetch_all(&mut *conn)
                .await?;
                candidates
                    .into_iter()
                    .find(|(_, when, paid)| {
                        when.with_second(0).and_then(|w| w.with_nanosecond(0)) == Some(*at)
                            && *paid == total.cents()
                    })
                    .map(|(id, _, _)| id)
            }
        };
        match id {
            Some(id) => load_receipt(&mut conn, id).await,
            None => Ok(None),
        }
    }

    async fn receipts_by_card(
        &self,
        last4: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<ReceiptSummary>> {
        sqlx::query(
            "SELECT DISTINCT r.id, r.store_code, r.number, r.purchased_at, r.total_paid, r.currency, t.card_last4
             FROM receipt_tenders t JOIN receipts r ON r.id = t.receipt_id
             WHERE t.card_last4 = ? AND t.purchased_on BETWEEN ? AND ?
             ORDER BY r.purchased_at DESC LIMIT 200",
        )
        .bind(last4)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| {
            Ok(ReceiptSummary {
                id: r.get("id"),
                store_code: r.get("store_code"),
                number: r.get("number"),
                purchased_at: r.get("purchased_at"),
                amount_paid: money(r.get("total_paid")),
                currency: parse_code("currency", r.get::<&str, _>("currency"))?,
                card_last4: r.get("card_last4"),
            })
        })
        .collect()
    }

    async fn confirm_return(
        &self,
        new: &NewReturn,
        payout: PayoutBasis,
        decide: &Decide<'_>,
    ) -> StoreResult<ConfirmedReturn> {
        // The write lock is taken before anything is read: two desks never judge the same
        // history.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if let Some(id) = sqlx::query_scalar::<_, i64>("SELECT id FROM returns WHERE idempotency_key = ?")
            .bind(&new.idempotency_key)
            .fetch_optional(&mut *tx)
            .await?
        {
            let record = load_return(&mut tx, id).await?.ok_or_else(|| StoreError::NotFound(format!("return {id}")))?;
            tx.commit().await?;
            return Ok(ConfirmedReturn { record, created: false });
        }
        let receipt = load_receipt(&mut tx, new.receipt_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("receipt {}", new.receipt_id)))?;
        let decision = decide(&receipt.history).map_err(StoreError::Rejected)?;
        let plan = ReturnPlan::new(new, payout, &receipt, &decision);

        let id: i64 = sqlx::query_scalar(
            "INSERT INTO returns (idempotency_key, store_code, terminal_id, clerk_id, receipt_id, policy_version_id,
               resolution, outcome, status, currency, total_gross, total_fee, total_refund, total_vat,
               request_now, created_at, completed_at, request_json, decision_json)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&new.idempotency_key)
        .bind(&new.store_code)
        .bind(new.terminal_id)
        .bind(new.clerk_id)
        .bind(new.receipt_id)
        .bind(new.policy_version_id)
        .bind(code_of(&new.request.resolution))
        .bind(code_of(&decision.outcome))
        .bind(plan.status.code())
        .bind(decision.currency.code())
        .bind(cents(decision.totals.gross))
        .bind(cents(decision.totals.fee))
        .bind(cents(decision.totals.refund))
        .bind(cents(decision.totals.vat))
        .bind(new.now)
        .bind(new.created_at)
        .bind((plan.status == ReturnStatus::Completed).then_some(new.created_at))
        .bind(json_text(&new.request))
        .bind(&plan.decision_json)
        .fetch_one(&mut *tx)
        .await?;
        for (i, (req, line)) in new.request.lines.iter().zip(&decision.lines).enumerate() {
            sqlx::query(
                "INSERT INTO return_lines (return_id, line_no, receipt_id, receipt_line, qty, returned_qty,
                   reason, condition, outcome, route, reasons_json, gross, fee, refund, vat)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(i as i64 + 1)
            .bind(new.receipt_id)
            .bind(req.line.0 as i64)
            .bind(req.qty.get() as i64)
            .bind(plan.returned_qty[i] as i64)
            .bind(code_of(&req.reason))
            .bind(code_of(&req.condition))
            .bind(code_of(&line.outcome))
            .bind(code_of(&line.route))
            .bind(json_text(&line.reasons))
            .bind(cents(line.gross))
            .bind(cents(line.fee))
            .bind(cents(line.refund))
            .bind(cents(line.vat))
            .execute(&mut *tx)
            .await?;
        }
        for (seq, r) in plan.refunds.iter().enumerate() {
            sqlx::query(
                "INSERT INTO return_refunds (return_id, seq, type, amount, receipt_amount) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(seq as i64 + 1)
            .bind(&r.kind)
            .bind(cents(r.amount))
            .bind(cents(r.receipt_amount))
            .execute(&mut *tx)
            .await?;
        }
        if let Some(v) = &plan.voucher {
            sqlx::query(
                "INSERT INTO store_credit_vouchers (code, store_code, return_id, currency, amount, balance, issued_at, expires_on)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&v.code)
            .bind(&new.store_code)
            .bind(id)
            .bind(v.currency.code())
            .bind(cents(v.amount))
            .bind(cents(v.amount))
            .bind(new.created_at)
            .bind(v.expires_on)
            .execute(&mut *tx)
            .await?;
        }
        for claim in &plan.claims {
            let register_no: i64 = sqlx::query_scalar(
                "INSERT INTO store_counters (store_code, counter, last_value) VALUES (?, 'complaint_register', 1)
                 ON CONFLICT (store_code, counter) DO UPDATE SET last_value = last_value + 1
                 RETURNING last_value",
            )
            .bind(&new.store_code)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO complaint_register (store_code, register_no, registered_at, customer_name,
                   customer_contact, receipt_id, return_id, subject)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&new.store_code)
            .bind(register_no)
            .bind(new.created_at)
            .bind(&claim.customer_name)
            .bind(&claim.customer_contact)
            .bind(new.receipt_id)
            .bind(id)
            .bind(&claim.subject)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO warranty_claims (store_code, register_no, return_id, receipt_id, receipt_line, serial,
                   basis, defect, remedy, claimed_on, claim_due_by, legal_until, commercial_until)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&new.store_code)
            .bind(register_no)
            .bind(id)
            .bind(new.receipt_id)
            .bind(claim.line as i64)
            .bind(&claim.serial)
            .bind(claim.basis)
            .bind(&claim.defect)
            .bind(&claim.remedy)
            .bind(new.now.date())
            .bind(claim.due_by)
            .bind(claim.legal_until)
            .bind(claim.commercial_until)
            .execute(&mut *tx)
            .await?;
        }
        if let Some(ruling) = &new.ruling {
            for (line, code) in &plan.approvals {
                sqlx::query(
                    "INSERT INTO approvals (return_id, receipt_line, code, manager_id, decision, reason, decided_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(id)
                .bind(line.map(|l| l as i64))
                .bind(code)
                .bind(ruling.manager_id)
                .bind(if ruling.approved { "approved" } else { "rejected" })
                .bind(&ruling.reason)
                .bind(new.created_at)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, terminal_id, store_code, action, entity, entity_id, details)
             VALUES (?, ?, ?, ?, 'return.confirm', 'return', ?, ?)",
        )
        .bind(new.created_at)
        .bind(new.clerk_id)
        .bind(new.terminal_id)
        .bind(&new.store_code)
        .bind(id.to_string())
        .bind(plan.audit_details())
        .execute(&mut *tx)
        .await?;
        let record = load_return(&mut tx, id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("return {id}")))?;
        tx.commit().await?;
        Ok(ConfirmedReturn { record, created: true })
    }

    async fn return_by_id(&self, id: i64) -> StoreResult<Option<ReturnRecord>> {
        let mut conn = self.pool.acquire().await?;
        load_return(&mut conn, id).await
    }

    async fn returns_of_receipt(&self, receipt_id: i64) -> StoreResult<Vec<ReturnRecord>> {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM returns WHERE receipt_id = ? ORDER BY id")
            .bind(receipt_id)
            .fetch_all(&self.pool)
            .await?;
        let mut conn = self.pool.acquire().await?;
        let mut out = Vec::new();
        for id in ids {
            out.extend(load_return(&mut conn, id).await?);
        }
        Ok(out)
    }

    async fn list_returns(&self, store_code: &str, query: &ReturnQuery) -> StoreResult<Vec<ReturnSummaryRecord>> {
        let pattern = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(|q| format!("%{q}%"));
        sqlx::query(
            "SELECT t.id, r.number, t.created_at, u.display_name, t.outcome, t.status, t.total_refund, t.currency
             FROM returns t JOIN receipts r ON r.id = t.receipt_id JOIN users u ON u.id = t.clerk_id
             WHERE t.store_code = ?
               AND (? IS NULL OR r.number LIKE ?)
               AND (? IS NULL OR date(t.request_now) >= ?)
               AND (? IS NULL OR date(t.request_now) <= ?)
             ORDER BY t.id DESC LIMIT 200",
        )
        .bind(store_code)
        .bind(pattern.clone())
        .bind(pattern)
        .bind(query.from)
        .bind(query.from)
        .bind(query.to)
        .bind(query.to)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| {
            Ok(ReturnSummaryRecord {
                id: r.get("id"),
                receipt_number: r.get("number"),
                created_at: r.get("created_at"),
                clerk: r.get("display_name"),
                outcome: r.get("outcome"),
                status: r.get("status"),
                refund: money(r.get("total_refund")),
                currency: parse_code("currency", r.get::<&str, _>("currency"))?,
            })
        })
        .collect()
    }

    async fn setting(&self, store_code: &str, key: &str) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM desk_settings WHERE store_code = ? AND key = ?")
            .bind(store_code)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn put_setting(&self, store_code: &str, key: &str, value: &str) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO desk_settings (store_code, key, value) VALUES (?, ?, ?)
             ON CONFLICT (store_code, key) DO UPDATE SET value = excluded.value",
        )
        .bind(store_code)
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn warranty_claims(&self, store_code: &str) -> StoreResult<Vec<ClaimRecord>> {
        Ok(sqlx::query(
            "SELECT c.id, c.register_no, c.store_code, c.return_id, r.number, c.receipt_line, l.name,
                    c.serial, c.basis, c.status, c.defect, c.remedy, c.claimed_on, c.claim_due_by,
                    c.legal_until, c.commercial_until, g.registered_at, g.customer_name, g.customer_contact
             FROM warranty_claims c
             JOIN complaint_register g ON g.store_code = c.store_code AND g.register_no = c.register_no
             JOIN receipts r ON r.id = c.receipt_id
             JOIN receipt_lines l ON l.receipt_id = c.receipt_id AND l.line = c.receipt_line
             WHERE c.store_code = ? ORDER BY c.claim_due_by, c.register_no",
        )
        .bind(store_code)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| ClaimRecord {
            id: r.get("id"),
            register_no: r.get("register_no"),
            store_code: r.get("store_code"),
            return_id: r.get("return_id"),
            receipt_number: r.get("number"),
            line: r.get::<i64, _>("receipt_line") as u32,
            product: r.get("name"),
            serial: r.get("serial"),
            basis: r.get("basis"),
            status: r.get("status"),
            defect: r.get("defect"),
            remedy: r.get("remedy"),
            claimed_on: r.get("claimed_on"),
            claim_due_by: r.get("claim_due_by"),
            legal_until: r.get("legal_until"),
            commercial_until: r.get("commercial_until"),
            registered_at: r.get("registered_at"),
            customer_name: r.get("customer_name"),
            customer_contact: r.get("customer_contact"),
        })
        .collect())
    }

    async fn ledger_counts(&self) -> StoreResult<LedgerCounts> {
        let (receipts, returns, return_lines, audit_confirmations, returns_with_missing_lines): (i64, i64, i64, i64, i64) =
            sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM receipts), (SELECT COUNT(*) FROM returns),
                        (SELECT COUNT(*) FROM return_lines),
                        (SELECT COUNT(*) FROM audit_log WHERE action = 'return.confirm'),
                        (SELECT COUNT(*) FROM returns t
                          WHERE json_array_length(json_extract(t.request_json, '$.lines'))
                             <> (SELECT COUNT(*) FROM return_lines l WHERE l.return_id = t.id))",
            )
            .fetch_one(&self.pool)
            .await?;
        Ok(LedgerCounts {
            receipts,
            returns,
            return_lines,
            audit_confirmations,
            returns_with_missing_lines,
        })
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

