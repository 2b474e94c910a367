//! Issue 13, reports: the records the counter's figures are computed from, read once per report
//! for a store, an instant range (the store's local days turned into UTC by the caller) and an
//! optional desk and clerk. Every statement is written once for both backends and reads by
//! range through an index: returns by `returns_by_store_created`, their lines, refunds and
//! approvals by their return's key, sales from the `sales_by_day` summary (migration 0019),
//! claims by `warranty_claims_by_claimed`. The figures themselves are made in
//! `service::reports`, in Rust, so both backends give the same answer to the cent.

use chrono::{DateTime, NaiveDate, Utc};

use super::sql::{sql, Pool};
use super::StoreResult;
use crate::domain::Money;

/// What a report reads: one store, `[from, until)` in UTC, optionally one desk and one clerk.
#[derive(Clone, Debug)]
pub struct ReportScope {
    pub store_code: String,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// The store-local days of the range, for what is kept by day (sales, claims).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub terminal_id: Option<i64>,
    pub clerk_id: Option<i64>,
}

/// A recorded return, as the reports count it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReturnFact {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub scanned_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub desk: Option<String>,
    pub clerk: String,
    pub outcome: String,
    pub resolution: String,
    pub status: String,
}

/// One line of a recorded return, with what the receipt says of its item.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LineFact {
    pub return_id: i64,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub brand: String,
    pub reason: String,
    pub condition: String,
    pub outcome: String,
    /// Units asked back.
    pub qty: i64,
    /// Units taken back and paid: by the return, or by the refund that settled the warranty
    /// claim the line opened (that takes the units back as a return does, issue 11; the
    /// receipt's history counts them the same way).
    pub returned_qty: i64,
    pub reasons_json: String,
    /// The receipt line: units sold and what they came to (qty × unit price − line discount),
    /// in the receipt's currency.
    pub sold_qty: i64,
    pub sold_net: Money,
    pub currency: String,
}

/// Money paid out for a return to one tender.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TenderFact {
    pub return_id: i64,
    pub tender: String,
    pub amount: Money,
}

/// A manager's decision on a return (an override of a line, or a case-level approval).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApprovalFact {
    pub return_id: i64,
    pub manager: String,
    pub clerk: String,
    /// Set: a line's denial overridden; unset: a case-level approval.
    pub receipt_line: Option<i64>,
    pub decision: String,
}

/// Sales of a SKU over the range's days (the `sales_by_day` summary).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SalesFact {
    pub sku: String,
    pub currency: String,
    pub category: String,
    pub brand: String,
    pub units: i64,
    pub net_value: Money,
}

/// A warranty claim as the reports count it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClaimFact {
    pub id: i64,
    pub claimed_on: NaiveDate,
    pub claim_due_by: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    pub stage: String,
    pub remedy_asked: Option<String>,
    pub service_outcome: Option<String>,
}

/// Everything one report is computed from.
#[derive(Clone, Debug, Default)]
pub struct ReportFacts {
    pub returns: Vec<ReturnFact>,
    pub lines: Vec<LineFact>,
    pub tenders: Vec<TenderFact>,
    pub approvals: Vec<ApprovalFact>,
    pub sales: Vec<SalesFact>,
    pub claims: Vec<ClaimFact>,
    pub ratings: Vec<RatingFact>,
}

/// A customer's rating of a return or claim at the counter (issue 13's feedback), with the desk
/// and the clerk it belongs to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RatingFact {
    pub created_at: DateTime<Utc>,
    pub desk: Option<String>,
    pub clerk: String,
    pub rating: i64,
    pub comment: String,
}

/// `$select` over the scope's returns in the range, found by `returns_by_store_created` (the
/// desk and clerk filters narrow what that index finds), then `$rest`.
macro_rules! in_scope {
    ($select:literal, $rest:literal) => {
        concat!($select, " FROM returns t
     WHERE t.store_code = $1 AND t.created_at >= $2 AND t.created_at < $3
       AND ($4 IS NULL OR t.terminal_id = $4) AND ($5 IS NULL OR t.clerk_id = $5)", $rest)
    };
}

fn scoped(text: &'static str, s: &ReportScope) -> super::sql::Sql {
    sql(text).bind(&s.store_code).bind(s.from).bind(s.until).bind(s.terminal_id).bind(s.clerk_id)
}

pub(super) async fn report_facts(pool: &Pool, s: &ReportScope) -> StoreResult<ReportFacts> {
    // One snapshot for all the statements: a return confirmed in between is in all or none.
    let mut tx = pool.snapshot().await?;
    let returns: Vec<ReturnFact> = scoped(
        in_scope!(
            "SELECT t.id, t.created_at, t.scanned_at, t.completed_at,
                    (SELECT d.code FROM terminals d WHERE d.id = t.terminal_id) AS desk,
                    (SELECT u.display_name FROM users u WHERE u.id = t.clerk_id) AS clerk,
                    t.outcome, t.resolution, t.status",
            " ORDER BY t.id"
        ),
        s,
    )
    .fetch_all(tx.link())
    .await?;
    let lines: Vec<LineFact> = scoped(
        in_scope!(
            "SELECT l.return_id, rl.sku, rl.name, rl.category, rl.brand, l.reason, l.condition, l.outcome,
                    l.qty, l.returned_qty + CASE WHEN EXISTS (
                        SELECT 1 FROM warranty_claims c JOIN claim_settlements s ON s.claim_id = c.id
                        WHERE c.receipt_id = l.receipt_id AND c.receipt_line = l.receipt_line AND c.return_id = l.return_id
                          AND s.remedy = 'refund') THEN l.qty ELSE 0 END AS returned_qty,
                    l.reasons_json, rl.qty AS sold_qty,
                    rl.qty * rl.unit_price - rl.discount AS sold_net, r.currency
             FROM return_lines l
             JOIN receipt_lines rl ON rl.receipt_id = l.receipt_id AND rl.line = l.receipt_line
             JOIN receipts r ON r.id = l.receipt_id
             WHERE l.return_id IN (SELECT t.id",
            ") ORDER BY l.return_id, l.line_no"
        ),
        s,
    )
    .fetch_all(tx.link())
    .await?;
    let tenders: Vec<TenderFact> = scoped(
        in_scope!(
            "SELECT f.return_id, f.type AS tender, f.amount FROM return_refunds f WHERE f.return_id IN (SELECT t.id",
            ") ORDER BY f.return_id, f.seq"
        ),
        s,
    )
    .fetch_all(tx.link())
    .await?;
    let approvals: Vec<ApprovalFact> = scoped(
        in_scope!(
            "SELECT a.return_id, m.display_name AS manager, c.display_name AS clerk, a.receipt_line, a.decision
             FROM approvals a JOIN users m ON m.id = a.manager_id
             JOIN returns rt ON rt.id = a.return_id JOIN users c ON c.id = rt.clerk_id
             WHERE a.return_id IN (SELECT t.id",
            ") ORDER BY a.id"
        ),
        s,
    )
    .fetch_all(tx.link())
    .await?;
    let sales: Vec<SalesFact> = sql(
        "SELECT sku, currency, MIN(category) AS category, MIN(brand) AS brand, CAST(SUM(units) AS BIGINT) AS units, SUM(net_value) AS net_value
         FROM sales_by_day WHERE store_code = $1 AND day >= $2 AND day <= $3
         GROUP BY sku, currency ORDER BY sku, currency",
    )
    .bind(&s.store_code)
    .bind(s.first_day)
    .bind(s.last_day)
    .fetch_all(tx.link())
    .await?;
    // Claims made up to the range's end that were still open at its start (or made in it);
    // a desk or clerk filter keeps those taken in with a return of theirs.
    let claims: Vec<ClaimFact> = sql(
        "SELECT c.id, c.claimed_on, c.claim_due_by, c.resolved_on, c.stage, c.remedy_asked, c.service_outcome
         FROM warranty_claims c
         WHERE c.store_code = $1 AND c.claimed_on <= $3 AND (c.resolved_on IS NULL OR c.resolved_on >= $2)
           AND ($4 IS NULL OR EXISTS (SELECT 1 FROM returns t WHERE t.id = c.return_id AND t.terminal_id = $4))
           AND ($5 IS NULL OR EXISTS (SELECT 1 FROM returns t WHERE t.id = c.return_id AND t.clerk_id = $5))
         ORDER BY c.id",
    )
    .bind(&s.store_code)
    .bind(s.first_day)
    .bind(s.last_day)
    .bind(s.terminal_id)
    .bind(s.clerk_id)
    .fetch_all(tx.link())
    .await?;
    // The customers' ratings given in the range (`customer_feedback_by_store_created`), of the
    // desk and clerk asked for.
    let ratings: Vec<RatingFact> = scoped(
        "SELECT f.created_at, (SELECT d.code FROM terminals d WHERE d.id = f.terminal_id) AS desk,
                (SELECT u.display_name FROM users u WHERE u.id = f.clerk_id) AS clerk, f.rating, f.comment
         FROM customer_feedback f
         WHERE f.store_code = $1 AND f.created_at >= $2 AND f.created_at < $3
           AND ($4 IS NULL OR f.terminal_id = $4) AND ($5 IS NULL OR f.clerk_id = $5)
         ORDER BY f.created_at, f.id",
        s,
    )
    .fetch_all(tx.link())
    .await?;
    tx.commit().await?;
    Ok(ReportFacts { returns, lines, tenders, approvals, sales, claims, ratings })
}

/// The store's desks and the people who recorded returns there (the filters' choices):
/// (desk codes, (clerk id, name)).
pub(super) async fn report_choices(pool: &Pool, store_code: &str) -> StoreResult<(Vec<String>, Vec<(i64, String)>)> {
    let mut conn = pool.read().await?;
    let desks: Vec<String> = sql("SELECT code FROM terminals WHERE store_code = $1 ORDER BY code")
        .bind(store_code)
        .scalars(conn.link())
        .await?;
    let clerks: Vec<(i64, String)> = sql(
        "SELECT u.id, u.display_name FROM users u
         WHERE u.store_code = $1 OR u.store_code IS NULL
            OR EXISTS (SELECT 1 FROM user_stores s WHERE s.user_id = u.id AND s.store_code = $1)
         ORDER BY u.display_name, u.id",
    )
    .bind(store_code)
    .fetch_all(conn.link())
    .await?;
    Ok((desks, clerks))
}

/// Issue 13: the instant the desk scanned a return's receipt (once; a retry does not move it).
pub(super) async fn record_scan(pool: &Pool, return_id: i64, scanned_at: DateTime<Utc>) -> StoreResult<()> {
    let mut tx = pool.write().await?;
    sql("UPDATE returns SET scanned_at = $1 WHERE id = $2 AND scanned_at IS NULL")
        .bind(scanned_at)
        .bind(return_id)
        .execute(tx.link())
        .await?;
    tx.commit().await
}
