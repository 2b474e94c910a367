//! Store credit that can be spent (issue 14, part A): a store-credit voucher read by its code,
//! redeemed at a till in part or whole, voided by a manager. Written once for both backends.
//!
//! A redemption is one write transaction: the voucher's row is locked (PostgreSQL `FOR UPDATE`;
//! SQLite's write transaction is `BEGIN IMMEDIATE` already), the key is looked up (a retry
//! answers the redemption it made), the caller judges the voucher as read, and the balance is
//! taken by a conditional `UPDATE … WHERE balance >= amount AND status = 'active'` — the
//! balance never goes below zero whatever the tills do. Reaching zero marks it `spent`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::sql::{sql, sql_dialects, Link, Pool};
use super::*;
use crate::domain::{Currency, Money};

/// How long a voucher is valid when the store sets nothing (`voucher_valid_months`).
pub const DEFAULT_VOUCHER_VALID_MONTHS: u32 = plan::VOUCHER_VALID_MONTHS;

/// A store-credit voucher as stored, with the return (and receipt) that issued it and its void.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct StoredVoucher {
    pub id: i64,
    pub code: String,
    pub store_code: String,
    pub return_id: Option<i64>,
    /// The receipt of the return (or goodwill) that issued it.
    pub receipt_number: Option<String>,
    pub currency: Currency,
    pub amount: Money,
    pub balance: Money,
    pub status: VoucherStatus,
    pub issued_at: DateTime<Utc>,
    pub expires_on: Option<NaiveDate>,
    pub voided_at: Option<DateTime<Utc>>,
    pub voided_by: Option<String>,
    pub void_reason: Option<String>,
    /// When the last redemption took money (a spent voucher is spent since then).
    pub last_redeemed_at: Option<DateTime<Utc>>,
}

/// One redemption of a voucher: how much, at which till, for which sale, by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct RedemptionRecord {
    pub id: i64,
    pub voucher_id: i64,
    #[serde(skip)]
    pub idempotency_key: String,
    pub amount: Money,
    pub balance_after: Money,
    pub till: String,
    pub sale_reference: String,
    pub redeemed_at: DateTime<Utc>,
    pub user_id: i64,
    /// The display name of the user who redeemed it.
    pub by: String,
}

/// A redemption to record.
#[derive(Clone, Debug)]
pub struct NewRedemption {
    pub voucher_id: i64,
    /// Scoped by the caller: `STORE/DESK/key`.
    pub idempotency_key: String,
    pub amount: Money,
    pub till: String,
    pub sale_reference: String,
    pub at: Instant,
    pub actor: AuditActor,
}

/// A manager's void of a voucher.
#[derive(Clone, Debug)]
pub struct VoucherVoid {
    pub voucher_id: i64,
    pub reason: String,
    pub at: Instant,
    pub actor: AuditActor,
}

/// Judges a voucher (as read under its lock) before money is taken from it: an `Err` refuses
/// the redemption, writes nothing, and comes back as [`StoreError::Rejected`].
pub type VoucherCheck<'a> = dyn Fn(&StoredVoucher) -> Result<(), Refusal> + Send + Sync + 'a;

macro_rules! voucher_select {
    ($where:literal) => {
        concat!("SELECT v.id, v.code, v.store_code, v.return_id, rc.number AS receipt_number, v.currency, v.amount,
        v.balance, v.status, v.issued_at, v.expires_on, v.voided_at, u.display_name AS voided_by, v.void_reason,
        (SELECT MAX(r.redeemed_at) FROM voucher_redemptions r WHERE r.voucher_id = v.id) AS last_redeemed_at
     FROM store_credit_vouchers v
     LEFT JOIN returns t ON t.id = v.return_id LEFT JOIN goodwill_refunds g ON g.voucher_id = v.id
     LEFT JOIN receipts rc ON rc.id = COALESCE(t.receipt_id, g.receipt_id)
     LEFT JOIN users u ON u.id = v.voided_by ", $where)
    };
}

async fn load_by_id(link: Link<'_>, id: i64) -> StoreResult<Option<StoredVoucher>> {
    sql(voucher_select!("WHERE v.id = $1")).bind(id).fetch_optional(link).await
}

/// A voucher by its code as printed (`SC-XXXXX-XXXXX`).
pub(super) async fn voucher_by_code(pool: &Pool, code: &str) -> StoreResult<Option<StoredVoucher>> {
    sql(voucher_select!("WHERE v.code = $1"))
        .bind(code.to_string())
        .fetch_optional(pool.read().await?.link())
        .await
}

macro_rules! redemption_select {
    ($where:literal) => {
        concat!("SELECT r.id, r.voucher_id, r.idempotency_key, r.amount, r.balance_after, r.till, r.sale_reference,
        r.redeemed_at, r.user_id, u.display_name AS by
     FROM voucher_redemptions r JOIN users u ON u.id = r.user_id ", $where)
    };
}

/// A voucher's redemptions, oldest first.
pub(super) async fn redemptions(pool: &Pool, voucher_id: i64) -> StoreResult<Vec<RedemptionRecord>> {
    sql(redemption_select!("WHERE r.voucher_id = $1 ORDER BY r.id"))
        .bind(voucher_id)
        .fetch_all(pool.read().await?.link())
        .await
}

async fn redemption_by_key(link: Link<'_>, key: &str) -> StoreResult<Option<RedemptionRecord>> {
    sql(redemption_select!("WHERE r.idempotency_key = $1")).bind(key.to_string()).fetch_optional(link).await
}

/// How many months a voucher issued now at the store is valid (`voucher_valid_months`, read in
/// the caller's transaction; the default when unset or unreadable).
pub(super) async fn valid_months(link: Link<'_>, store_code: &str) -> StoreResult<u32> {
    let value: Option<String> = sql("SELECT value FROM desk_settings WHERE store_code = $1 AND key = 'voucher_valid_months'")
        .bind(store_code)
        .scalar_optional(link)
        .await?;
    Ok(value.and_then(|v| v.trim().parse().ok()).filter(|m| (1..=120).contains(m)).unwrap_or(DEFAULT_VOUCHER_VALID_MONTHS))
}

/// A retry's answer: the redemption under this key, if it was made for the same voucher and
/// amount; the key used for another redemption is a conflict.
fn same_redemption(found: RedemptionRecord, r: &NewRedemption) -> StoreResult<(RedemptionRecord, bool)> {
    if found.voucher_id == r.voucher_id && found.amount == r.amount {
        Ok((found, false))
    } else {
        Err(StoreError::Conflict(format!(
            "this idempotency key was already used to redeem {} on another request: make a new key for a new redemption",
            found.amount
        )))
    }
}

/// Redeems `r.amount` from a voucher once (see the module docs); answers the redemption and
/// whether this call made it (`false`: a retry with the same key).
pub(super) async fn redeem_voucher(pool: &Pool, r: &NewRedemption, check: &VoucherCheck<'_>) -> StoreResult<(RedemptionRecord, bool)> {
    match redeem_once(pool, r, check).await {
        // Another till used the same key at the same moment: theirs is the redemption.
        Err(StoreError::Database(e)) if is_unique_violation(&e) => {
            let mut conn = pool.read().await?;
            let found = redemption_by_key(conn.link(), &r.idempotency_key).await?.ok_or(StoreError::Database(e))?;
            same_redemption(found, r)
        }
        other => other,
    }
}

async fn redeem_once(pool: &Pool, r: &NewRedemption, check: &VoucherCheck<'_>) -> StoreResult<(RedemptionRecord, bool)> {
    let mut tx = pool.write().await?;
    let locked: Option<i64> = sql_dialects(
        "SELECT id FROM store_credit_vouchers WHERE id = $1",
        "SELECT id FROM store_credit_vouchers WHERE id = $1 FOR UPDATE",
    )
    .bind(r.voucher_id)
    .scalar_optional(tx.link())
    .await?;
    if locked.is_none() {
        return Err(StoreError::NotFound(format!("voucher {}", r.voucher_id)));
    }
    if let Some(found) = redemption_by_key(tx.link(), &r.idempotency_key).await? {
        tx.commit().await?;
        return same_redemption(found, r);
    }
    let voucher = load_by_id(tx.link(), r.voucher_id).await?.ok_or_else(|| StoreError::NotFound(format!("voucher {}", r.voucher_id)))?;
    check(&voucher).map_err(StoreError::Rejected)?;
    let taken = sql(
        "UPDATE store_credit_vouchers
            SET balance = balance - $1, status = CASE WHEN balance - $2 = 0 THEN 'spent' ELSE status END
          WHERE id = $3 AND balance >= $4 AND status = 'active'",
    )
    .bind(r.amount)
    .bind(r.amount)
    .bind(r.voucher_id)
    .bind(r.amount)
    .execute(tx.link())
    .await?;
    if taken == 0 {
        // The check above saw enough; only a write outside this lock could change that: say
        // what the voucher is now (void, spent, short), else it is a conflict.
        let now = load_by_id(tx.link(), r.voucher_id).await?.ok_or_else(|| StoreError::NotFound(format!("voucher {}", r.voucher_id)))?;
        check(&now).map_err(StoreError::Rejected)?;
        return Err(StoreError::Conflict(format!("the voucher {} no longer has {} to redeem", voucher.code, r.amount)));
    }
    let balance_after = voucher.balance - r.amount;
    let id: i64 = sql(
        "INSERT INTO voucher_redemptions (voucher_id, idempotency_key, amount, balance_after, till, sale_reference, redeemed_at, user_id, terminal_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(r.voucher_id)
    .bind(&r.idempotency_key)
    .bind(r.amount)
    .bind(balance_after)
    .bind(&r.till)
    .bind(&r.sale_reference)
    .bind(r.at)
    .bind(r.actor.user_id)
    .bind(r.actor.terminal_id)
    .scalar(tx.link())
    .await?;
    audit::append(
        tx.link(),
        &AuditEvent {
            action: AuditAction::VoucherRedeemed,
            at: r.at,
            actor: r.actor.clone(),
            entity: "voucher".into(),
            entity_id: voucher.code.clone(),
            details: serde_json::json!({
                "redemption_id": id,
                "amount": r.amount,
                "currency": voucher.currency,
                "balance_before": voucher.balance,
                "balance_after": balance_after,
                "spent": balance_after.is_zero(),
                "till": r.till,
                "sale_reference": r.sale_reference,
                "idempotency_key": r.idempotency_key,
            }),
        },
    )
    .await?;
    let record = redemption_by_key(tx.link(), &r.idempotency_key)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("redemption {id}")))?;
    tx.commit().await?;
    Ok((record, true))
}

/// Voids an active voucher (conditional on it being active), with its `voucher_voided` entry,
/// in one transaction; a voucher spent or voided already is a conflict saying since when.
pub(super) async fn void_voucher(pool: &Pool, v: &VoucherVoid) -> StoreResult<StoredVoucher> {
    let mut tx = pool.write().await?;
    let before = load_by_id(tx.link(), v.voucher_id).await?.ok_or_else(|| StoreError::NotFound(format!("voucher {}", v.voucher_id)))?;
    let voided = sql(
        "UPDATE store_credit_vouchers SET status = 'void', voided_at = $1, voided_by = $2, void_reason = $3
          WHERE id = $4 AND status = 'active'",
    )
    .bind(v.at)
    .bind(v.actor.user_id)
    .bind(&v.reason)
    .bind(v.voucher_id)
    .execute(tx.link())
    .await?;
    if voided == 0 {
        // Voided or spent meanwhile at another till: say which, and since when.
        let now = load_by_id(tx.link(), v.voucher_id).await?.ok_or_else(|| StoreError::NotFound(format!("voucher {}", v.voucher_id)))?;
        return Err(match crate::service::vouchers::not_voidable(&now) {
            Some(refused) => StoreError::Rejected(Box::new(refused)),
            None => StoreError::Conflict(format!("the voucher {} could not be voided", now.code)),
        });
    }
    audit::append(
        tx.link(),
        &AuditEvent {
            action: AuditAction::VoucherVoided,
            at: v.at,
            actor: v.actor.clone(),
            entity: "voucher".into(),
            entity_id: before.code.clone(),
            details: serde_json::json!({
                "amount": before.amount,
                "balance_forfeited": before.balance,
                "currency": before.currency,
                "reason": v.reason,
            }),
        },
    )
    .await?;
    let after = load_by_id(tx.link(), v.voucher_id).await?.ok_or_else(|| StoreError::NotFound(format!("voucher {}", v.voucher_id)))?;
    tx.commit().await?;
    Ok(after)
}
