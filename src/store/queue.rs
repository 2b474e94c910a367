//! The approval queue: returns a clerk sent to the store's managers, their decisions, and the
//! store's queue version (bumped in the transaction of every change, so a desk waiting for the
//! queue to change sees it whichever process made it). Every change of state is a conditional
//! update (`… WHERE state = 'waiting'`): of two managers deciding at once, exactly one wins.
//! Written once for both backends (see `sql.rs`).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::sales::load_receipt;
use super::sql::{sql, Link, Pool};
use super::*;
use crate::domain::{Currency, Money};

/// Where a queued case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QueueState {
    /// Sent; no manager has decided yet.
    Waiting,
    /// A manager approved it: the clerk may complete it (pay).
    Approved,
    /// A manager declined it: the clerk records it as declined (pays nothing).
    Declined,
    /// Recorded as a return.
    Completed,
    /// The clerk took it back before anyone decided.
    Withdrawn,
}

/// Why a manager decided as they did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionReason {
    Goodwill,
    StoreError,
    LoyalCustomer,
    Other,
}

/// A case to queue.
#[derive(Clone, Debug)]
pub struct NewQueuedReturn {
    /// Scoped to the store and desk (`STORE/DESK/key`).
    pub idempotency_key: String,
    pub request_hash: String,
    pub store_code: String,
    pub terminal_id: Option<i64>,
    pub requested_by: i64,
    pub requested_at: Instant,
    /// Store-local time the desk judged it at.
    pub request_now: NaiveDateTime,
    pub receipt_id: i64,
    pub draft_json: String,
    pub verdict_json: String,
    pub asked: Vec<String>,
    pub note: String,
    pub refund_total: Money,
    pub currency: Currency,
}

/// A manager's decision on a queued case, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueDecision {
    pub manager_id: i64,
    pub at: Instant,
    pub approve: bool,
    pub lines: Vec<u32>,
    pub deductions: Vec<crate::domain::Deduction>,
    pub reason_code: DecisionReason,
    pub reason_text: String,
    pub approved_refund: Money,
}

/// A queued case as stored, with the names the desk shows.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueuedReturnRecord {
    pub id: i64,
    pub idempotency_key: String,
    pub request_hash: String,
    pub store_code: String,
    pub terminal_id: Option<i64>,
    pub terminal_code: Option<String>,
    pub requested_by: i64,
    pub requested_by_login: String,
    pub requested_by_name: String,
    pub requested_at: DateTime<Utc>,
    pub request_now: NaiveDateTime,
    pub receipt_id: i64,
    pub receipt_number: String,
    pub purchased_at: NaiveDateTime,
    pub draft_json: String,
    pub verdict_json: String,
    pub asked_json: String,
    pub note: String,
    pub refund_total: Money,
    pub currency: Currency,
    pub state: QueueState,
    pub decided_by: Option<i64>,
    pub decided_by_login: Option<String>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub approve: Option<bool>,
    pub lines_json: Option<String>,
    pub deductions_json: Option<String>,
    pub reason_code: Option<DecisionReason>,
    pub reason_text: Option<String>,
    pub approved_refund: Option<Money>,
    pub return_id: Option<i64>,
}

impl QueuedReturnRecord {
    /// The decision, if a manager decided.
    pub fn decision(&self) -> StoreResult<Option<QueueDecision>> {
        let (Some(manager_id), Some(at), Some(approve), Some(reason_code)) = (self.decided_by, self.decided_at, self.approve, self.reason_code)
        else {
            return Ok(None);
        };
        Ok(Some(QueueDecision {
            manager_id,
            at,
            approve,
            lines: from_json("queued lines", self.lines_json.as_deref().unwrap_or("[]"))?,
            deductions: from_json("queued deductions", self.deductions_json.as_deref().unwrap_or("[]"))?,
            reason_code,
            reason_text: self.reason_text.clone().unwrap_or_default(),
            approved_refund: self.approved_refund.unwrap_or(Money::ZERO),
        }))
    }

    pub fn asked(&self) -> StoreResult<Vec<String>> {
        from_json("queued codes", &self.asked_json)
    }
}

/// Which cases of a store to list.
#[derive(Clone, Debug, Default)]
pub struct QueueQuery {
    /// Only waiting, approved and declined ones.
    pub open_only: bool,
    /// Only those sent by this user or from this desk (a clerk's view).
    pub sent_by: Option<(i64, Option<i64>)>,
}

/// Checks a queued case against the receipt's history read inside the write transaction; an
/// `Err` rolls back and comes back as [`StoreError::Rejected`].
pub type Recheck<'a> = dyn Fn(&StoredReceipt) -> Result<(), Refusal> + Send + Sync + 'a;

const SELECT: &str = "SELECT q.id, q.idempotency_key, q.request_hash, q.store_code, q.terminal_id, d.code AS terminal_code,
        q.requested_by, ru.login AS requested_by_login, ru.display_name AS requested_by_name, q.requested_at, q.request_now,
        q.receipt_id, r.number AS receipt_number, r.purchased_at, q.draft_json, q.verdict_json, q.asked_json, q.note,
        q.refund_total, q.currency, q.state, q.decided_by, du.login AS decided_by_login, du.display_name AS decided_by_name,
        q.decided_at, q.approve, q.lines_json, q.deductions_json, q.reason_code, q.reason_text, q.approved_refund, q.return_id
     FROM queued_returns q
     JOIN users ru ON ru.id = q.requested_by
     JOIN receipts r ON r.id = q.receipt_id
     LEFT JOIN users du ON du.id = q.decided_by
     LEFT JOIN terminals d ON d.id = q.terminal_id";

pub(super) async fn load(link: Link<'_>, id: i64) -> StoreResult<Option<QueuedReturnRecord>> {
    // The statement text is a constant put together once.
    static BY_ID: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    let text = BY_ID.get_or_init(|| Box::leak(format!("{SELECT} WHERE q.id = $1").into_boxed_str()));
    sql(text).bind(id).fetch_optional(link).await
}

/// Takes the store's next queue version, in the caller's transaction.
pub(super) async fn bump_version(link: Link<'_>, store_code: &str) -> StoreResult<i64> {
    sql("INSERT INTO store_counters (store_code, counter, last_value) VALUES ($1, 'queue_version', 1)
         ON CONFLICT (store_code, counter) DO UPDATE SET last_value = store_counters.last_value + 1
         RETURNING last_value")
    .bind(store_code)
    .scalar(link)
    .await
}

fn event(action: AuditAction, actor: AuditActor, at: Instant, q: &QueuedReturnRecord, details: serde_json::Value) -> AuditEvent {
    let mut details = details;
    details["receipt"] = serde_json::json!(q.receipt_number);
    details["refund_total"] = serde_json::json!(q.refund_total);
    details["currency"] = serde_json::json!(q.currency);
    AuditEvent { action, at, actor, entity: "queued_return".into(), entity_id: q.id.to_string(), details }
}

/// Queues a case (or answers the one queued under the same key for the same request).
pub(super) async fn queue_return(pool: &Pool, new: &NewQueuedReturn) -> StoreResult<(QueuedReturnRecord, bool)> {
    let mut tx = pool.write().await?;
    let existing: Option<(i64, String)> = sql("SELECT id, request_hash FROM queued_returns WHERE idempotency_key = $1")
        .bind(&new.idempotency_key)
        .fetch_optional(tx.link())
        .await?;
    if let Some((id, hash)) = existing {
        if hash != new.request_hash {
            return Err(StoreError::KeyReused(new.idempotency_key.clone()));
        }
        let record = load(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("queued return {id}")))?;
        tx.commit().await?;
        return Ok((record, false));
    }
    let id: i64 = sql(
        "INSERT INTO queued_returns (idempotency_key, request_hash, store_code, terminal_id, requested_by, requested_at,
           request_now, receipt_id, draft_json, verdict_json, asked_json, note, refund_total, currency, state, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'waiting', $6) RETURNING id",
    )
    .bind(&new.idempotency_key)
    .bind(&new.request_hash)
    .bind(&new.store_code)
    .bind(new.terminal_id)
    .bind(new.requested_by)
    .bind(new.requested_at)
    .bind(new.request_now)
    .bind(new.receipt_id)
    .bind(&new.draft_json)
    .bind(&new.verdict_json)
    .bind(json_text(&new.asked))
    .bind(&new.note)
    .bind(new.refund_total)
    .bind_code(&new.currency)
    .scalar(tx.link())
    .await?;
    bump_version(tx.link(), &new.store_code).await?;
    let record = load(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("queued return {id}")))?;
    let actor = AuditActor { user_id: Some(new.requested_by), terminal_id: new.terminal_id, store_code: Some(new.store_code.clone()) };
    let details = serde_json::json!({ "asked": new.asked, "note": new.note });
    audit::append(tx.link(), &event(AuditAction::ReturnQueued, actor, new.requested_at, &record, details)).await?;
    tx.commit().await?;
    Ok((record, true))
}

/// Records a manager's decision on a waiting case: `recheck` judges the case again against the
/// receipt's history in the transaction. A case no longer waiting is a conflict; nothing is
/// written then.
pub(super) async fn decide(
    pool: &Pool,
    id: i64,
    decision: &QueueDecision,
    actor: &AuditActor,
    recheck: &Recheck<'_>,
) -> StoreResult<QueuedReturnRecord> {
    let mut tx = pool.write().await?;
    let receipt_id: i64 = sql("SELECT receipt_id FROM queued_returns WHERE id = $1")
        .bind(id)
        .scalar_optional(tx.link())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("queued return {id}")))?;
    tx.lock_receipt(receipt_id).await?;
    let receipt = load_receipt(tx.link(), receipt_id).await?.ok_or_else(|| StoreError::NotFound(format!("receipt {receipt_id}")))?;
    recheck(&receipt).map_err(StoreError::Rejected)?;
    let state = if decision.approve { QueueState::Approved } else { QueueState::Declined };
    let changed = sql(
        "UPDATE queued_returns SET state = $2, decided_by = $3, decided_at = $4, approve = $5, lines_json = $6,
           deductions_json = $7, reason_code = $8, reason_text = $9, approved_refund = $10, changed_at = $4
         WHERE id = $1 AND state = 'waiting'",
    )
    .bind(id)
    .bind_code(&state)
    .bind(decision.manager_id)
    .bind(decision.at)
    .bind(decision.approve)
    .bind(json_text(&decision.lines))
    .bind(json_text(&decision.deductions))
    .bind_code(&decision.reason_code)
    .bind(&decision.reason_text)
    .bind(decision.approved_refund)
    .execute(tx.link())
    .await?;
    if changed == 0 {
        let now = load(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("queued return {id}")))?;
        return Err(StoreError::Rejected(Box::new(crate::service::queue::already_decided(&now, ""))));
    }
    let record = load(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("queued return {id}")))?;
    bump_version(tx.link(), &record.store_code).await?;
    let details = serde_json::json!({
        "approve": decision.approve, "lines": decision.lines, "deductions": decision.deductions,
        "reason_code": decision.reason_code, "reason_text": decision.reason_text, "approved_refund": decision.approved_refund,
    });
    audit::append(tx.link(), &event(AuditAction::QueuedDecided, actor.clone(), decision.at, &record, details)).await?;
    tx.commit().await?;
    Ok(record)
}

/// The clerk takes back a case not completed yet (waiting, or decided and not completed).
pub(super) async fn withdraw(pool: &Pool, id: i64, actor: &AuditActor, at: Instant) -> StoreResult<QueuedReturnRecord> {
    let mut tx = pool.write().await?;
    let changed = sql("UPDATE queued_returns SET state = 'withdrawn', changed_at = $2
         WHERE id = $1 AND state IN ('waiting', 'approved', 'declined') AND return_id IS NULL")
        .bind(id)
        .bind(at)
        .execute(tx.link())
        .await?;
    if changed == 0 {
        let now = load(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("queued return {id}")))?;
        return Err(StoreError::Rejected(Box::new(crate::service::queue::already_decided(&now, ": it cannot be withdrawn"))));
    }
    let record = load(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("queued return {id}")))?;
    bump_version(tx.link(), &record.store_code).await?;
    audit::append(tx.link(), &event(AuditAction::QueuedWithdrawn, actor.clone(), at, &record, serde_json::json!({}))).await?;
    tx.commit().await?;
    Ok(record)
}

/// Marks a decided case completed by the return just written, in the confirmation's
/// transaction: a case completed already (another confirmation) is a conflict.
pub(super) async fn complete(mut link: Link<'_>, id: i64, return_id: i64, actor: &AuditActor, at: Instant) -> StoreResult<()> {
    let changed = sql(
        "UPDATE queued_returns SET state = 'completed', return_id = $2, changed_at = $3
         WHERE id = $1 AND state IN ('approved', 'declined') AND return_id IS NULL",
    )
    .bind(id)
    .bind(return_id)
    .bind(at)
    .execute(link.again())
    .await?;
    if changed == 0 {
        let now = load(link.again(), id).await?.ok_or_else(|| StoreError::NotFound(format!("queued return {id}")))?;
        return Err(StoreError::Rejected(Box::new(crate::service::queue::not_to_complete(&now))));
    }
    let record = load(link.again(), id).await?.ok_or_else(|| StoreError::NotFound(format!("queued return {id}")))?;
    bump_version(link.again(), &record.store_code).await?;
    let details = serde_json::json!({ "return_id": return_id });
    audit::append(link, &event(AuditAction::QueuedCompleted, actor.clone(), at, &record, details)).await?;
    Ok(())
}

pub(super) async fn queued_by_key(pool: &Pool, key: &str) -> StoreResult<Option<QueuedReturnRecord>> {
    static BY_KEY: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    let text = BY_KEY.get_or_init(|| Box::leak(format!("{SELECT} WHERE q.idempotency_key = $1").into_boxed_str()));
    sql(text).bind(key).fetch_optional(pool.read().await?.link()).await
}

/// The card fingerprints of a receipt's card payments.
pub(super) async fn card_fingerprints(pool: &Pool, receipt_id: i64) -> StoreResult<Vec<String>> {
    sql("SELECT card_fingerprint FROM receipt_tenders WHERE receipt_id = $1 AND card_fingerprint IS NOT NULL ORDER BY seq")
        .bind(receipt_id)
        .scalars(pool.read().await?.link())
        .await
}

pub(super) async fn queued_return(pool: &Pool, id: i64) -> StoreResult<Option<QueuedReturnRecord>> {
    load(pool.read().await?.link(), id).await
}

/// The store's cases, oldest first (at most 500).
pub(super) async fn queued_returns(pool: &Pool, store_code: &str, query: &QueueQuery) -> StoreResult<Vec<QueuedReturnRecord>> {
    static LIST: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    let text = LIST.get_or_init(|| {
        Box::leak(
            format!(
                "{SELECT} WHERE q.store_code = $1
                   AND ($2 = 0 OR q.state IN ('waiting', 'approved', 'declined'))
                   AND ($3 IS NULL OR q.requested_by = $3 OR q.terminal_id = $4)
                 ORDER BY q.id LIMIT 500"
            )
            .into_boxed_str(),
        )
    });
    let (user, desk) = match query.sent_by {
        Some((user, desk)) => (Some(user), desk),
        None => (None, None),
    };
    sql(text)
        .bind(store_code)
        .bind(i64::from(query.open_only))
        .bind(user)
        .bind(desk)
        .fetch_all(pool.read().await?.link())
        .await
}

/// The store's queue version (0 before anything was queued).
pub(super) async fn queue_version(pool: &Pool, store_code: &str) -> StoreResult<i64> {
    let v: Option<i64> = sql("SELECT last_value FROM store_counters WHERE store_code = $1 AND counter = 'queue_version'")
        .bind(store_code)
        .scalar_optional(pool.read().await?.link())
        .await?;
    Ok(v.unwrap_or(0))
}

/// The approval limits of the store's active managers (None: no limit).
pub(super) async fn manager_limits(pool: &Pool, store_code: &str) -> StoreResult<Vec<Option<Money>>> {
    sql("SELECT u.approval_limit FROM users u JOIN user_stores s ON s.user_id = u.id
         WHERE s.store_code = $1 AND u.role = 'manager' AND u.active = TRUE")
    .bind(store_code)
    .scalars(pool.read().await?.link())
    .await
}

/// How many of the store's returns from `since` on share one of `keys` (hashed identities).
pub(super) async fn customer_returns(pool: &Pool, store_code: &str, keys: &[String], since: NaiveDateTime, until: NaiveDateTime) -> StoreResult<u32> {
    if keys.is_empty() {
        return Ok(0);
    }
    let mut conn = pool.read().await?;
    let mut returns = std::collections::BTreeSet::new();
    for key in keys {
        let ids: Vec<i64> = sql(
            "SELECT return_id FROM return_customers
             WHERE customer_key = $1 AND store_code = $2 AND returned_at >= $3 AND returned_at <= $4",
        )
        .bind(key)
        .bind(store_code)
        .bind(since)
        .bind(until)
        .scalars(conn.link())
        .await?;
        returns.extend(ids);
    }
    // ---- Issue 14: noreceipt ---- unverified returns count by the customer's ID key too.
    let mut unverified = std::collections::BTreeSet::new();
    for key in keys {
        unverified.extend(super::noreceipt::unverified_of_customer(conn.link(), store_code, key, since, until).await?);
    }
    Ok(u32::try_from(returns.len() + unverified.len()).unwrap_or(u32::MAX))
}

/// Keeps a return's customer identities (hashed), in the confirmation's transaction.
pub(super) async fn record_customer(mut link: Link<'_>, return_id: i64, store_code: &str, keys: &[String], at: NaiveDateTime) -> StoreResult<()> {
    for key in keys {
        sql("INSERT INTO return_customers (return_id, customer_key, store_code, returned_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING")
        .bind(return_id)
        .bind(key)
        .bind(store_code)
        .bind(at)
        .execute(link.again())
        .await?;
    }
    Ok(())
}
