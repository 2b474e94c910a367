//! Issue 14 (part C): returns without a receipt, and goodwill. Written once for both backends
//! (see `sql.rs`).
//!
//! - An unverified return is recorded with its voucher (the only way it pays) and its
//!   `unverified_return` audit entry in one write transaction; the same idempotency key answers
//!   the same return.
//! - A goodwill refund is judged inside its write transaction, with the receipt locked, against
//!   what is left of the line there (its returns, earlier goodwill and settled claims) and the
//!   tenders left; its tenders, its row and its `goodwill_refund` audit entry are written
//!   together. A later return of the line is judged against it (`History::goodwill`).

use chrono::{NaiveDate, NaiveDateTime};

use super::sql::{sql, Link, Pool, Tx};
use super::*;
use crate::domain::request::LineGoodwill;
use crate::domain::{Conversion, Currency, LineNo, Money, TenderType};

// ---- The lowest price of an SKU ----

/// The lowest unit price (net of the line's discount) an SKU sold for at a store between two
/// store-local times, the sale it was found on and the product's name there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowestPrice {
    pub unit_price: Money,
    pub currency: Currency,
    pub receipt_id: i64,
    pub receipt_number: String,
    pub product: String,
}

#[derive(sqlx::FromRow)]
struct SoldRow {
    receipt_id: i64,
    number: String,
    name: String,
    #[sqlx(try_from = "i64")]
    qty: u32,
    unit_price: Money,
    discount: Money,
    currency: Currency,
}

pub(super) async fn lowest_price(
    pool: &Pool,
    store_code: &str,
    sku: &str,
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> StoreResult<Option<LowestPrice>> {
    let rows: Vec<SoldRow> = sql(
        "SELECT r.id AS receipt_id, r.number, l.name, l.qty, l.unit_price, l.discount, r.currency
         FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id
         WHERE l.sku = $1 AND r.store_code = $2 AND r.purchased_at >= $3 AND r.purchased_at <= $4
         ORDER BY r.purchased_at, r.id",
    )
    .bind(sku)
    .bind(store_code)
    .bind(since)
    .bind(until)
    .fetch_all(pool.read().await?.link())
    .await?;
    let mut best: Option<LowestPrice> = None;
    for r in rows {
        let net = Money::round(r.unit_price.amount() * rust_decimal::Decimal::from(r.qty)) - r.discount;
        let unit = Money::round(net.amount() / rust_decimal::Decimal::from(r.qty.max(1)));
        if !unit.is_positive() {
            continue;
        }
        if best.as_ref().is_none_or(|b| unit < b.unit_price) {
            best = Some(LowestPrice {
                unit_price: unit,
                currency: r.currency,
                receipt_id: r.receipt_id,
                receipt_number: r.number,
                product: r.name,
            });
        }
    }
    Ok(best)
}

// ---- Unverified returns ----

/// A new store-credit voucher's code (the same kind a return's voucher has).
pub fn new_voucher_code() -> String {
    super::plan::voucher_code()
}

/// An unverified return to record (see the module docs).
#[derive(Clone, Debug)]
pub struct NewUnverifiedReturn {
    /// STORE/DESK/key.
    pub idempotency_key: String,
    pub request_hash: String,
    pub store_code: String,
    pub sku: String,
    pub product: String,
    pub qty: u32,
    pub unit_price: Money,
    pub amount: Money,
    pub currency: Currency,
    pub lookback_days: i64,
    pub priced_from: Option<i64>,
    pub reason: String,
    pub id_type: String,
    /// The keyed hash of the customer's identity document (64 hex).
    pub id_key: String,
    pub id_last4: String,
    pub clerk_id: i64,
    pub manager_id: i64,
    pub manager_login: String,
    pub terminal_id: Option<i64>,
    /// Store-local: what the frequent-returner count reads.
    pub returned_at: NaiveDateTime,
    pub created_at: Instant,
    pub voucher_code: String,
    pub voucher_expires_on: NaiveDate,
    /// The customer's hashed identities (the ID document's key, and the phone, e-mail or
    /// loyalty id the desk took), kept as a receipt return's are: the frequent-returner count.
    pub customer_keys: Vec<String>,
    /// The customer's returns at the store in the 90 days before, as the quote counted them,
    /// and whether that reached the policy's frequent-returner limit (the manager approved it).
    pub customer_returns_90d: u32,
    pub frequent_returner: bool,
}

/// A recorded unverified return with its voucher.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct UnverifiedReturnRecord {
    pub id: i64,
    pub store_code: String,
    pub idempotency_key: String,
    #[serde(skip)]
    pub request_hash: String,
    pub sku: String,
    pub product: String,
    #[sqlx(try_from = "i64")]
    pub qty: u32,
    pub unit_price: Money,
    pub amount: Money,
    pub currency: Currency,
    pub lookback_days: i64,
    pub priced_from: Option<i64>,
    pub reason: String,
    pub id_type: String,
    pub id_last4: String,
    pub clerk_id: i64,
    pub clerk_name: String,
    pub manager_id: i64,
    pub manager_name: String,
    pub returned_at: NaiveDateTime,
    pub created_at: Instant,
    #[sqlx(flatten)]
    pub voucher: UnverifiedVoucher,
}

/// The voucher an unverified return paid out.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct UnverifiedVoucher {
    pub voucher_code: String,
    pub voucher_balance: Money,
    pub voucher_status: VoucherStatus,
    pub voucher_expires_on: Option<NaiveDate>,
}

macro_rules! select_unverified {
    ($where:literal) => {
        concat!(
            "SELECT u.id, u.store_code, u.idempotency_key, u.request_hash, u.sku, u.product, u.qty, u.unit_price, u.amount,
                    u.currency, u.lookback_days, u.priced_from, u.reason, u.id_type, u.id_last4, u.clerk_id,
                    c.display_name AS clerk_name, u.manager_id, m.display_name AS manager_name, u.returned_at, u.created_at,
                    v.code AS voucher_code, v.balance AS voucher_balance, v.status AS voucher_status, v.expires_on AS voucher_expires_on
             FROM unverified_returns u
             JOIN users c ON c.id = u.clerk_id
             JOIN users m ON m.id = u.manager_id
             JOIN store_credit_vouchers v ON v.id = u.voucher_id ",
            $where
        )
    };
}

async fn load_unverified(link: Link<'_>, id: i64) -> StoreResult<Option<UnverifiedReturnRecord>> {
    sql(select_unverified!("WHERE u.id = $1")).bind(id).fetch_optional(link).await
}

pub(super) async fn unverified_return(pool: &Pool, id: i64) -> StoreResult<Option<UnverifiedReturnRecord>> {
    load_unverified(pool.read().await?.link(), id).await
}

/// The return recorded under a key, if it was recorded for this request; another request
/// under the key is [`StoreError::KeyReused`].
async fn unverified_by_key_in(link: Link<'_>, key: &str, request_hash: &str) -> StoreResult<Option<UnverifiedReturnRecord>> {
    let found: Option<UnverifiedReturnRecord> = sql(select_unverified!("WHERE u.idempotency_key = $1")).bind(key).fetch_optional(link).await?;
    match found {
        Some(r) if r.request_hash != request_hash => Err(StoreError::KeyReused(key.to_string())),
        other => Ok(other),
    }
}

pub(super) async fn unverified_by_key(pool: &Pool, key: &str, request_hash: &str) -> StoreResult<Option<UnverifiedReturnRecord>> {
    unverified_by_key_in(pool.read().await?.link(), key, request_hash).await
}

/// Records an unverified return, its voucher and its audit entry in one transaction (`false`:
/// the key's return, recorded before).
pub(super) async fn record_unverified(pool: &Pool, new: &NewUnverifiedReturn) -> StoreResult<(UnverifiedReturnRecord, bool)> {
    let mut tx = pool.write().await?;
    if let Some(done) = unverified_by_key_in(tx.link(), &new.idempotency_key, &new.request_hash).await? {
        tx.commit().await?;
        return Ok((done, false));
    }
    let written = write_unverified(&mut tx, new).await;
    match written {
        Ok(id) => {
            let record = load_unverified(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("unverified return {id}")))?;
            tx.commit().await?;
            Ok((record, true))
        }
        // Another desk's retry with the same key committed first (PostgreSQL): its answer.
        Err(StoreError::Database(e)) if is_unique_violation(&e) => {
            drop(tx);
            let done = unverified_by_key(pool, &new.idempotency_key, &new.request_hash).await?;
            done.map(|d| (d, false)).ok_or(StoreError::Database(e))
        }
        Err(e) => Err(e),
    }
}

async fn write_unverified(tx: &mut Tx, new: &NewUnverifiedReturn) -> StoreResult<i64> {
    let voucher_id: i64 = sql(
        "INSERT INTO store_credit_vouchers (code, store_code, return_id, currency, amount, balance, issued_at, expires_on)
         VALUES ($1, $2, NULL, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&new.voucher_code)
    .bind(&new.store_code)
    .bind_code(&new.currency)
    .bind(new.amount)
    .bind(new.amount)
    .bind(new.created_at)
    .bind(new.voucher_expires_on)
    .scalar(tx.link())
    .await?;
    let id: i64 = sql(
        "INSERT INTO unverified_returns (store_code, idempotency_key, request_hash, sku, product, qty, unit_price, amount, currency,
             lookback_days, priced_from, reason, id_type, id_key, id_last4, voucher_id, clerk_id, manager_id, terminal_id,
             returned_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id",
    )
    .bind(&new.store_code)
    .bind(&new.idempotency_key)
    .bind(&new.request_hash)
    .bind(&new.sku)
    .bind(&new.product)
    .bind(i64::from(new.qty))
    .bind(new.unit_price)
    .bind(new.amount)
    .bind_code(&new.currency)
    .bind(new.lookback_days)
    .bind(new.priced_from)
    .bind(&new.reason)
    .bind(&new.id_type)
    .bind(&new.id_key)
    .bind(&new.id_last4)
    .bind(voucher_id)
    .bind(new.clerk_id)
    .bind(new.manager_id)
    .bind(new.terminal_id)
    .bind(new.returned_at)
    .bind(new.created_at)
    .scalar(tx.link())
    .await?;
    for key in &new.customer_keys {
        sql("INSERT INTO unverified_return_customers (unverified_id, customer_key, store_code, returned_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING")
        .bind(id)
        .bind(key)
        .bind(&new.store_code)
        .bind(new.returned_at)
        .execute(tx.link())
        .await?;
    }
    let event = AuditEvent {
        action: AuditAction::UnverifiedReturn,
        at: new.created_at,
        actor: AuditActor { user_id: Some(new.clerk_id), terminal_id: new.terminal_id, store_code: Some(new.store_code.clone()) },
        entity: "unverified_return".into(),
        entity_id: id.to_string(),
        details: serde_json::json!({
            "idempotency_key": new.idempotency_key,
            "sku": new.sku,
            "qty": new.qty,
            "unit_price": new.unit_price,
            "amount": new.amount,
            "currency": new.currency,
            "priced_from": new.priced_from,
            "voucher": new.voucher_code,
            "id_type": new.id_type,
            "id_last4": new.id_last4,
            "customer_returns_90d": new.customer_returns_90d,
            "frequent_returner": new.frequent_returner,
            "manager": { "id": new.manager_id, "login": new.manager_login },
            "reason": new.reason,
        }),
    };
    audit::append(tx.link(), &event).await?;
    Ok(id)
}

/// The store's key for hashing customers' identity documents: made once, on first need, and
/// kept (a second desk making one at the same time keeps the first's).
pub(super) async fn customer_id_key(pool: &Pool, store_code: &str) -> StoreResult<String> {
    const KEY: &str = "customer_id_key";
    if let Some(k) = shops::setting(pool, store_code, KEY).await? {
        return Ok(k);
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    let fresh: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut tx = pool.write().await?;
    sql("INSERT INTO desk_settings (store_code, key, value) VALUES ($1, $2, $3) ON CONFLICT (store_code, key) DO NOTHING")
        .bind(store_code)
        .bind(KEY)
        .bind(&fresh)
        .execute(tx.link())
        .await?;
    let kept: String = sql("SELECT value FROM desk_settings WHERE store_code = $1 AND key = $2").bind(store_code).bind(KEY).scalar(tx.link()).await?;
    tx.commit().await?;
    Ok(kept)
}

// ---- Goodwill ----

/// What is left of a line and what the goodwill would pay, worked out inside the transaction.
pub struct GoodwillLine {
    /// What the line paid (its share of the receipt's discount taken off), receipt currency.
    pub paid: Money,
    /// What its returns took (refunds and fees), receipt currency.
    pub returned: Money,
    /// Goodwill paid on it before, receipt currency.
    pub goodwill: Money,
    /// Settled warranty claims on it, receipt currency.
    pub settled: Money,
}

impl GoodwillLine {
    pub fn left(&self) -> Money {
        (self.paid - self.returned - self.goodwill - self.settled).max(Money::ZERO)
    }
}

/// The goodwill's payment as judged in the transaction: per tender (payout, receipt currency).
pub struct GoodwillPayment {
    pub amount: Money,
    pub receipt_amount: Money,
    pub tenders: Vec<(TenderType, Money, Money)>,
}

/// Judges a goodwill refund against the line and history read in the write transaction.
pub type JudgeGoodwill<'a> = dyn Fn(&GoodwillLine, &History) -> Result<GoodwillPayment, Refusal> + Send + Sync + 'a;

#[derive(Clone, Debug)]
pub struct NewGoodwill {
    pub idempotency_key: String,
    pub request_hash: String,
    pub store_code: String,
    pub receipt_id: i64,
    pub line: u32,
    /// What the line paid, receipt currency.
    pub line_paid: Money,
    pub currency: Currency,
    pub receipt_currency: Currency,
    pub reason: String,
    pub manager_id: i64,
    pub terminal_id: Option<i64>,
    /// Store-local (the slip's time).
    pub paid_at: NaiveDateTime,
    pub created_at: Instant,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct GoodwillRecord {
    pub id: i64,
    pub store_code: String,
    #[serde(skip)]
    pub request_hash: String,
    pub idempotency_key: String,
    pub receipt_id: i64,
    pub receipt_number: String,
    pub receipt_line: i64,
    pub product: String,
    pub sku: String,
    pub terminal_code: Option<String>,
    pub amount: Money,
    pub receipt_amount: Money,
    pub currency: Currency,
    pub reason: String,
    pub manager_id: i64,
    pub manager_name: String,
    pub paid_at: NaiveDateTime,
    pub created_at: Instant,
    #[sqlx(skip)]
    pub tenders: Vec<GoodwillTender>,
    /// The voucher it issued for the receipt's store-credit share, as a return issues one.
    #[sqlx(skip)]
    pub voucher: Option<VoucherRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct GoodwillTender {
    #[sqlx(rename = "type")]
    pub kind: TenderType,
    pub amount: Money,
}

macro_rules! select_goodwill {
    ($where:literal) => {
        concat!(
            "SELECT g.id, g.store_code, g.request_hash, g.idempotency_key, g.receipt_id, r.number AS receipt_number, g.receipt_line,
                    l.name AS product, l.sku, t.code AS terminal_code, g.amount, g.receipt_amount, g.currency, g.reason, g.manager_id, m.display_name AS manager_name,
                    g.paid_at, g.created_at
             FROM goodwill_refunds g
             JOIN receipts r ON r.id = g.receipt_id
             JOIN receipt_lines l ON l.receipt_id = g.receipt_id AND l.line = g.receipt_line
             JOIN users m ON m.id = g.manager_id
             LEFT JOIN terminals t ON t.id = g.terminal_id ",
            $where
        )
    };
}

async fn with_tenders(mut link: Link<'_>, found: Option<GoodwillRecord>) -> StoreResult<Option<GoodwillRecord>> {
    let Some(mut g) = found else { return Ok(None) };
    g.tenders = sql("SELECT type, amount FROM goodwill_tenders WHERE goodwill_id = $1 ORDER BY seq").bind(g.id).fetch_all(link.again()).await?;
    g.voucher = sql(
        "SELECT v.code, v.amount, v.balance, v.currency, v.status, v.issued_at, v.expires_on
         FROM goodwill_refunds g JOIN store_credit_vouchers v ON v.id = g.voucher_id WHERE g.id = $1",
    )
    .bind(g.id)
    .fetch_optional(link)
    .await?;
    Ok(Some(g))
}

pub(super) async fn goodwill(pool: &Pool, id: i64) -> StoreResult<Option<GoodwillRecord>> {
    let mut conn = pool.read().await?;
    let found = sql(select_goodwill!("WHERE g.id = $1")).bind(id).fetch_optional(conn.link()).await?;
    with_tenders(conn.link(), found).await
}

/// Goodwill paid on a receipt, oldest first.
pub(super) async fn goodwill_of_receipt(pool: &Pool, receipt_id: i64) -> StoreResult<Vec<GoodwillRecord>> {
    let mut conn = pool.read().await?;
    let ids: Vec<i64> = sql("SELECT id FROM goodwill_refunds WHERE receipt_id = $1 ORDER BY id").bind(receipt_id).scalars(conn.link()).await?;
    let mut out = Vec::new();
    for id in ids {
        let found = sql(select_goodwill!("WHERE g.id = $1")).bind(id).fetch_optional(conn.link()).await?;
        out.extend(with_tenders(conn.link(), found).await?);
    }
    Ok(out)
}

async fn goodwill_by_key_in(mut link: Link<'_>, key: &str, request_hash: &str) -> StoreResult<Option<GoodwillRecord>> {
    let found: Option<GoodwillRecord> = sql(select_goodwill!("WHERE g.idempotency_key = $1")).bind(key).fetch_optional(link.again()).await?;
    match found {
        Some(g) if g.request_hash != request_hash => Err(StoreError::KeyReused(key.to_string())),
        other => with_tenders(link, other).await,
    }
}

#[derive(sqlx::FromRow)]
struct ReturnedRow {
    receipt_line: i64,
    taken: Money,
    currency: Currency,
    receipt_currency: Currency,
}

/// What the completed returns of a receipt took of each line (refund + fee), in the receipt
/// currency.
async fn returned_per_line(link: Link<'_>, receipt_id: i64) -> StoreResult<Vec<(i64, Money)>> {
    let rows: Vec<ReturnedRow> = sql(
        "SELECT l.receipt_line, l.refund + l.fee AS taken, r.currency, c.currency AS receipt_currency
         FROM return_lines l JOIN returns r ON r.id = l.return_id JOIN receipts c ON c.id = r.receipt_id
         WHERE r.receipt_id = $1 AND r.status = 'completed' AND l.returned_qty > 0 ORDER BY l.receipt_line",
    )
    .bind(receipt_id)
    .fetch_all(link)
    .await?;
    let mut out: Vec<(i64, Money)> = Vec::new();
    for r in rows {
        let back = Conversion::between(r.receipt_currency, r.currency).map_or(r.taken, |c| c.back(r.taken));
        match out.last_mut() {
            Some((line, sum)) if *line == r.receipt_line => *sum += back,
            _ => out.push((r.receipt_line, back)),
        }
    }
    Ok(out)
}

/// Goodwill paid on each line of a receipt and what the line's returns took (for the history).
pub(super) async fn line_goodwill(mut link: Link<'_>, receipt_id: i64) -> StoreResult<Vec<LineGoodwill>> {
    let paid: Vec<(i64, Money)> = sql(
        "SELECT receipt_line, SUM(receipt_amount) FROM goodwill_refunds WHERE receipt_id = $1 GROUP BY receipt_line ORDER BY receipt_line",
    )
    .bind(receipt_id)
    .fetch_all(link.again())
    .await?;
    if paid.is_empty() {
        return Ok(Vec::new());
    }
    let returned = returned_per_line(link, receipt_id).await?;
    paid.into_iter()
        .map(|(line, goodwill)| {
            let n = u32::try_from(line).map_err(|_| StoreError::Corrupt(format!("goodwill line {line}")))?;
            let returned = returned.iter().find(|(l, _)| *l == line).map_or(Money::ZERO, |(_, m)| *m);
            Ok(LineGoodwill { line: LineNo(n), goodwill, returned })
        })
        .collect()
}

/// Pays a goodwill refund once (`false`: the key's goodwill, paid before): the receipt locked,
/// the line and history read, `judge` decides the payment, and the row, its tenders and its
/// audit entry are written together.
pub(super) async fn pay_goodwill(pool: &Pool, new: &NewGoodwill, judge: &JudgeGoodwill<'_>) -> StoreResult<(GoodwillRecord, bool)> {
    let mut tx = pool.write().await?;
    tx.lock_receipt(new.receipt_id).await?;
    if let Some(done) = goodwill_by_key_in(tx.link(), &new.idempotency_key, &new.request_hash).await? {
        tx.commit().await?;
        return Ok((done, false));
    }
    let history = sales::load_history(tx.link(), new.receipt_id).await?;
    let line = i64::from(new.line);
    let returned = returned_per_line(tx.link(), new.receipt_id).await?.into_iter().find(|(l, _)| *l == line).map_or(Money::ZERO, |(_, m)| m);
    let goodwill: Money = sql("SELECT COALESCE(SUM(receipt_amount), 0) FROM goodwill_refunds WHERE receipt_id = $1 AND receipt_line = $2")
        .bind(new.receipt_id)
        .bind(line)
        .scalar(tx.link())
        .await?;
    let settled: Money = sql("SELECT COALESCE(SUM(s.amount), 0) FROM claim_settlements s JOIN warranty_claims c ON c.id = s.claim_id
         WHERE c.receipt_id = $1 AND c.receipt_line = $2")
    .bind(new.receipt_id)
    .bind(line)
    .scalar(tx.link())
    .await?;
    let state = GoodwillLine { paid: new.line_paid, returned, goodwill, settled };
    let payment = judge(&state, &history).map_err(StoreError::Rejected)?;
    // The receipt's store-credit share is paid back as a new voucher, as a return pays it
    // (`plan.rs`), valid for the store's `voucher_valid_months` read in this transaction.
    let store_credit: Money = payment.tenders.iter().filter(|(kind, _, _)| *kind == TenderType::StoreCredit).map(|(_, amount, _)| *amount).sum();
    let voucher = if store_credit.is_positive() {
        let months = super::vouchers::valid_months(tx.link(), &new.store_code).await?;
        let code = super::plan::voucher_code();
        let voucher_id: i64 = sql(
            "INSERT INTO store_credit_vouchers (code, store_code, return_id, currency, amount, balance, issued_at, expires_on)
             VALUES ($1, $2, NULL, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&code)
        .bind(&new.store_code)
        .bind_code(&new.currency)
        .bind(store_credit)
        .bind(store_credit)
        .bind(new.created_at)
        .bind(super::plan::voucher_expiry(new.paid_at.date(), months))
        .scalar(tx.link())
        .await?;
        Some((voucher_id, code))
    } else {
        None
    };
    let id: i64 = sql(
        "INSERT INTO goodwill_refunds (store_code, idempotency_key, request_hash, receipt_id, receipt_line, amount, receipt_amount,
             currency, reason, manager_id, terminal_id, paid_at, created_at, voucher_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(&new.store_code)
    .bind(&new.idempotency_key)
    .bind(&new.request_hash)
    .bind(new.receipt_id)
    .bind(line)
    .bind(payment.amount)
    .bind(payment.receipt_amount)
    .bind_code(&new.currency)
    .bind(&new.reason)
    .bind(new.manager_id)
    .bind(new.terminal_id)
    .bind(new.paid_at)
    .bind(new.created_at)
    .bind(voucher.as_ref().map(|(voucher_id, _)| *voucher_id))
    .scalar(tx.link())
    .await?;
    for (seq, (kind, amount, receipt_amount)) in payment.tenders.iter().enumerate() {
        sql("INSERT INTO goodwill_tenders (goodwill_id, seq, type, amount, receipt_amount) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(seq + 1)
            .bind_code(kind)
            .bind(*amount)
            .bind(*receipt_amount)
            .execute(tx.link())
            .await?;
    }
    let tenders: Vec<serde_json::Value> =
        payment.tenders.iter().map(|(kind, amount, _)| serde_json::json!({ "type": kind, "amount": amount })).collect();
    let event = AuditEvent {
        action: AuditAction::GoodwillRefund,
        at: new.created_at,
        actor: AuditActor { user_id: Some(new.manager_id), terminal_id: new.terminal_id, store_code: Some(new.store_code.clone()) },
        entity: "receipt".into(),
        entity_id: new.receipt_id.to_string(),
        details: serde_json::json!({
            "goodwill_id": id,
            "idempotency_key": new.idempotency_key,
            "line": new.line,
            "amount": payment.amount,
            "currency": new.currency,
            "tenders": tenders,
            "reason": new.reason,
            "line_left_before": state.left(),
            "voucher": voucher.as_ref().map(|(_, code)| code.clone()),
        }),
    };
    audit::append(tx.link(), &event).await?;
    let found = sql(select_goodwill!("WHERE g.id = $1")).bind(id).fetch_optional(tx.link()).await?;
    let record = with_tenders(tx.link(), found).await?.ok_or_else(|| StoreError::NotFound(format!("goodwill {id}")))?;
    tx.commit().await?;
    Ok((record, true))
}

// ---- Finding a receipt without its number ----

/// The receipt a serial was sold on, at any store (the desk filters by store), latest first.
pub(super) async fn receipt_of_serial(pool: &Pool, serial: &str) -> StoreResult<Vec<i64>> {
    sql("SELECT s.receipt_id FROM receipt_line_serials s JOIN receipts r ON r.id = s.receipt_id
         WHERE s.serial = $1 ORDER BY r.purchased_at DESC, r.id DESC LIMIT 20")
    .bind(serial.to_string())
    .scalars(pool.read().await?.link())
    .await
}

/// The items of receipts (for a list of receipts found by card): (receipt id, "2 × name").
pub(super) async fn receipt_items(pool: &Pool, receipt_ids: &[i64]) -> StoreResult<Vec<(i64, String)>> {
    let mut conn = pool.read().await?;
    let mut out = Vec::new();
    for id in receipt_ids {
        let rows: Vec<(String, i64)> =
            sql("SELECT name, qty FROM receipt_lines WHERE receipt_id = $1 ORDER BY line").bind(*id).fetch_all(conn.link()).await?;
        out.extend(rows.into_iter().map(|(name, qty)| (*id, if qty == 1 { name } else { format!("{qty} × {name}") })));
    }
    Ok(out)
}

// ---- The customer's returns: unverified ones count too ----

/// Unverified returns at a store between two store-local times that share the key: by their
/// ID document's key, or by an identity kept with them (`unverified_return_customers`).
pub(super) async fn unverified_of_customer(
    mut link: Link<'_>,
    store_code: &str,
    key: &str,
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> StoreResult<Vec<i64>> {
    let mut ids: Vec<i64> =
        sql("SELECT id FROM unverified_returns WHERE id_key = $1 AND store_code = $2 AND returned_at >= $3 AND returned_at <= $4")
            .bind(key)
            .bind(store_code)
            .bind(since)
            .bind(until)
            .scalars(link.again())
            .await?;
    ids.extend(
        sql("SELECT unverified_id FROM unverified_return_customers
             WHERE customer_key = $1 AND store_code = $2 AND returned_at >= $3 AND returned_at <= $4")
        .bind(key)
        .bind(store_code)
        .bind(since)
        .bind(until)
        .scalars::<i64>(link)
        .await?,
    );
    Ok(ids)
}
