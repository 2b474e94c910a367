//! Issue 13 (end of day): what a store's desks did between two instants, read from the records
//! themselves — completed returns, their refunds per tender, overrides, goodwill, claim
//! settlements, exchange differences, repair payments, store credit issued and redeemed, claims
//! opened and settled. Written once for both backends; every statement selects by the store and
//! an instant range (UTC), on an index (migration 0020). The service turns a store-local day into
//! that range and sums.

use chrono::{DateTime, Utc};

use super::sql::{sql, Pool};
use super::StoreResult;
use crate::domain::{CaseOutcome, Money, Resolution};

/// A completed return of the period.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DayReturn {
    pub id: i64,
    pub terminal_id: Option<i64>,
    pub clerk: String,
    pub receipt_number: String,
    pub created_at: DateTime<Utc>,
    pub outcome: CaseOutcome,
    pub resolution: Resolution,
    pub total_refund: Money,
    pub total_fee: Money,
    /// Lines taken back and paid.
    pub lines_returned: i64,
    /// Lines the engine denied (and no manager overrode).
    pub lines_denied: i64,
}

/// Money that moved at a desk (or at a till, `terminal_id` None): what it was, its record, by
/// which tender, how much.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Movement {
    pub terminal_id: Option<i64>,
    /// The record it belongs to (a return's, goodwill's, claim's, exchange's, order's or voucher's id).
    pub record_id: i64,
    /// The tender's code: `cash`, `card`, `gift_card`, `store_credit`, `exchange`.
    pub tender: String,
    pub amount: Money,
}

/// A manager's override or approval on a completed return of the period.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DayOverride {
    pub return_id: i64,
    pub terminal_id: Option<i64>,
    pub receipt_line: Option<i64>,
    pub code: String,
    pub manager: String,
    pub reason: String,
    pub refund: Money,
}

/// A claim opened or settled in the period, at a desk if one is known.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DayClaim {
    pub claim_id: i64,
    pub terminal_id: Option<i64>,
}

/// A desk of the store.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Desk {
    pub id: i64,
    pub code: String,
}

/// Everything the end of day sums, for one store and `[from, to)`.
#[derive(Clone, Debug, Default)]
pub struct DayRecords {
    pub returns: Vec<DayReturn>,
    /// Per return and tender (`exchange` is value moved to the new sale, not money).
    pub return_refunds: Vec<Movement>,
    pub goodwill: Vec<Movement>,
    pub claim_settlements: Vec<Movement>,
    /// An exchange's difference the customer paid at the desk (`record_id`: the exchange).
    pub exchange_payments: Vec<Movement>,
    /// An exchange's refunded difference (`record_id`: the exchange; the money is also one of
    /// its return's refunds).
    pub exchange_refunds: Vec<Movement>,
    /// An exchange's amount due paid later at a till (no desk).
    pub exchange_dues_paid: Vec<Movement>,
    /// A paid repair's price taken at pick-up, at the desk that opened the order.
    pub repair_payments: Vec<Movement>,
    /// Store-credit vouchers issued (tender `store_credit`, `record_id` the voucher).
    pub vouchers_issued: Vec<Movement>,
    /// Store credit spent (`record_id` the redemption).
    pub vouchers_redeemed: Vec<Movement>,
    pub overrides: Vec<DayOverride>,
    pub claims_opened: Vec<DayClaim>,
    pub claims_settled: Vec<DayClaim>,
}

/// The store's desks, by code.
pub async fn desks(pool: &Pool, store_code: &str) -> StoreResult<Vec<Desk>> {
    sql("SELECT id, code FROM terminals WHERE store_code = $1 ORDER BY code")
        .bind(store_code)
        .fetch_all(pool.read().await?.link())
        .await
}

/// The records of a store between two instants.
pub async fn day_records(pool: &Pool, store_code: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> StoreResult<DayRecords> {
    // One snapshot: a return confirmed while the day is read is in every figure or in none.
    let mut tx = pool.snapshot().await?;
    let returns: Vec<DayReturn> = sql(
        "SELECT r.id, r.terminal_id, u.display_name AS clerk, rc.number AS receipt_number, r.created_at, r.outcome,
                r.resolution, r.total_refund, r.total_fee,
                (SELECT COUNT(*) FROM return_lines l WHERE l.return_id = r.id AND l.returned_qty > 0) AS lines_returned,
                (SELECT COUNT(*) FROM return_lines l WHERE l.return_id = r.id AND l.outcome = 'denied') AS lines_denied
         FROM returns r JOIN users u ON u.id = r.clerk_id JOIN receipts rc ON rc.id = r.receipt_id
         WHERE r.store_code = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.status = 'completed'
         ORDER BY r.created_at, r.id",
    )
    .bind(store_code)
    .bind(from)
    .bind(to)
    .fetch_all(tx.link())
    .await?;
    let movements = |text: &'static str| sql(text).bind(store_code).bind(from).bind(to);
    let return_refunds = movements(
        "SELECT r.terminal_id, r.id AS record_id, rr.type AS tender, rr.amount
         FROM returns r JOIN return_refunds rr ON rr.return_id = r.id
         WHERE r.store_code = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.status = 'completed' AND rr.amount > 0
         ORDER BY r.id, rr.seq",
    )
    .fetch_all(tx.link())
    .await?;
    let goodwill = movements(
        "SELECT g.terminal_id, g.id AS record_id, gt.type AS tender, gt.amount
         FROM goodwill_refunds g JOIN goodwill_tenders gt ON gt.goodwill_id = g.id
         WHERE g.store_code = $1 AND g.created_at >= $2 AND g.created_at < $3 AND gt.amount > 0
         ORDER BY g.id, gt.seq",
    )
    .fetch_all(tx.link())
    .await?;
    let claim_settlements = movements(
        "SELECT s.terminal_id, s.claim_id AS record_id, st.type AS tender, st.amount
         FROM claim_settlements s JOIN warranty_claims w ON w.id = s.claim_id
              JOIN claim_settlement_tenders st ON st.claim_id = s.claim_id
         WHERE w.store_code = $1 AND s.settled_at >= $2 AND s.settled_at < $3
         ORDER BY s.claim_id, st.seq",
    )
    .fetch_all(tx.link())
    .await?;
    let exchange_payments = movements(
        "SELECT e.terminal_id, e.id AS record_id, e.difference_tender AS tender, e.paid AS amount
         FROM exchanges e
         WHERE e.store_code = $1 AND e.created_at >= $2 AND e.created_at < $3 AND e.paid > 0
         ORDER BY e.id",
    )
    .fetch_all(tx.link())
    .await?;
    let exchange_refunds = movements(
        "SELECT e.terminal_id, e.id AS record_id, rr.type AS tender, rr.amount
         FROM exchanges e JOIN return_refunds rr ON rr.return_id = e.return_id
         WHERE e.store_code = $1 AND e.created_at >= $2 AND e.created_at < $3 AND e.refunded > 0
               AND rr.type <> 'exchange' AND rr.amount > 0
         ORDER BY e.id, rr.seq",
    )
    .fetch_all(tx.link())
    .await?;
    let exchange_dues_paid = movements(
        "SELECT CAST(NULL AS BIGINT) AS terminal_id, d.exchange_id AS record_id, d.tender, d.amount
         FROM exchange_dues d
         WHERE d.store_code = $1 AND d.paid_at >= $2 AND d.paid_at < $3
         ORDER BY d.exchange_id",
    )
    .fetch_all(tx.link())
    .await?;
    let repair_payments = movements(
        "SELECT o.terminal_id, o.id AS record_id, o.tender, o.price_paid AS amount
         FROM repair_orders o
         WHERE o.store_code = $1 AND o.handed_back_at >= $2 AND o.handed_back_at < $3 AND o.price_paid > 0
         ORDER BY o.id",
    )
    .fetch_all(tx.link())
    .await?;
    let vouchers_issued = movements(
        "SELECT COALESCE(r.terminal_id, u.terminal_id, g.terminal_id) AS terminal_id, v.id AS record_id, 'store_credit' AS tender, v.amount
         FROM store_credit_vouchers v LEFT JOIN returns r ON r.id = v.return_id
              LEFT JOIN unverified_returns u ON u.voucher_id = v.id
              LEFT JOIN goodwill_refunds g ON g.voucher_id = v.id
         WHERE v.store_code = $1 AND v.issued_at >= $2 AND v.issued_at < $3
         ORDER BY v.id",
    )
    .fetch_all(tx.link())
    .await?;
    let vouchers_redeemed = movements(
        "SELECT x.terminal_id, x.id AS record_id, 'store_credit' AS tender, x.amount
         FROM voucher_redemptions x JOIN store_credit_vouchers v ON v.id = x.voucher_id
         WHERE v.store_code = $1 AND x.redeemed_at >= $2 AND x.redeemed_at < $3
         ORDER BY x.id",
    )
    .fetch_all(tx.link())
    .await?;
    let overrides = sql(
        "SELECT a.return_id, r.terminal_id, a.receipt_line, a.code, m.display_name AS manager, a.reason, r.total_refund AS refund
         FROM returns r JOIN approvals a ON a.return_id = r.id JOIN users m ON m.id = a.manager_id
         WHERE r.store_code = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.status = 'completed'
               AND a.decision = 'approved'
         ORDER BY r.created_at, a.id",
    )
    .bind(store_code)
    .bind(from)
    .bind(to)
    .fetch_all(tx.link())
    .await?;
    let claims_opened = sql(
        "SELECT w.id AS claim_id, r.terminal_id
         FROM complaint_register c JOIN warranty_claims w ON w.store_code = c.store_code AND w.register_no = c.register_no
              LEFT JOIN returns r ON r.id = w.return_id
         WHERE c.store_code = $1 AND c.registered_at >= $2 AND c.registered_at < $3
         ORDER BY w.id",
    )
    .bind(store_code)
    .bind(from)
    .bind(to)
    .fetch_all(tx.link())
    .await?;
    // Settled: paid (refund, price reduction) at the desk that paid, or handed back to the
    // customer (the step keeps no desk: the desk that took the claim in, as for repair orders).
    let claims_settled = sql(
        "SELECT e.claim_id, COALESCE(s.terminal_id, r.terminal_id) AS terminal_id
         FROM claim_events e JOIN warranty_claims w ON w.id = e.claim_id
              LEFT JOIN claim_settlements s ON s.claim_id = e.claim_id
              LEFT JOIN returns r ON r.id = w.return_id
         WHERE w.store_code = $1 AND e.at >= $2 AND e.at < $3 AND e.step IN ('settle', 'hand_back')
         ORDER BY e.claim_id, e.seq",
    )
    .bind(store_code)
    .bind(from)
    .bind(to)
    .fetch_all(tx.link())
    .await?;
    tx.commit().await?;
    Ok(DayRecords {
        returns,
        return_refunds,
        goodwill,
        claim_settlements,
        exchange_payments,
        exchange_refunds,
        exchange_dues_paid,
        repair_payments,
        vouchers_issued,
        vouchers_redeemed,
        overrides,
        claims_opened,
        claims_settled,
    })
}
