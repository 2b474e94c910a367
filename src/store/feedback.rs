//! The customer's word and the manager's figures (issue 13, feedback): a rating of 1–5 and a
//! comment given on the customer view after a return or a warranty claim, kept once per
//! return (or claim) against the desk and the clerk who did it; and the few counts the
//! manager's home shows. Written once for both backends.
//!
//! A rating is one write transaction: the return's (or claim's) rating is looked up, the row
//! inserted, the `feedback_given` entry appended. Two submits at once rate once: SQLite's write
//! transaction is `BEGIN IMMEDIATE`, and PostgreSQL's UNIQUE(return_id) / UNIQUE(claim_id)
//! refuses the second insert, which is answered as the rating already given.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::sql::{sql, Link, Pool};
use super::*;
use crate::domain::Money;

/// What a rating is given for: a return, or a warranty claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum FeedbackSubject {
    Return(i64),
    Claim(i64),
}

impl FeedbackSubject {
    fn ids(self) -> (Option<i64>, Option<i64>) {
        match self {
            FeedbackSubject::Return(id) => (Some(id), None),
            FeedbackSubject::Claim(id) => (None, Some(id)),
        }
    }
}

/// Where and by whom the rated return (or the return that registered the claim) was recorded.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct FeedbackTarget {
    pub store_code: String,
    pub terminal_id: Option<i64>,
    pub clerk_id: i64,
    pub recorded_at: DateTime<Utc>,
}

/// A rating to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFeedback {
    pub subject: FeedbackSubject,
    pub target: FeedbackTarget,
    pub rating: u8,
    pub comment: String,
    pub lang: String,
    pub at: DateTime<Utc>,
    /// Who was signed in at the desk when the customer rated.
    pub actor: AuditActor,
}

/// A rating as kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct FeedbackRecord {
    pub id: i64,
    pub store_code: String,
    pub terminal_id: Option<i64>,
    pub clerk_id: i64,
    pub return_id: Option<i64>,
    pub claim_id: Option<i64>,
    pub rating: i64,
    pub comment: String,
    pub lang: String,
    pub created_at: DateTime<Utc>,
}

/// What became of a rating: kept now, or the one given before (nothing written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedbackKept {
    Given(FeedbackRecord),
    AlreadyGiven(FeedbackRecord),
}

/// The return rated, or the return that registered the claim rated.
pub(super) async fn feedback_target(pool: &Pool, subject: FeedbackSubject) -> StoreResult<Option<FeedbackTarget>> {
    let mut c = pool.read().await?;
    match subject {
        FeedbackSubject::Return(id) => {
            sql("SELECT store_code, terminal_id, clerk_id, created_at AS recorded_at FROM returns WHERE id = $1")
                .bind(id)
                .fetch_optional(c.link())
                .await
        }
        FeedbackSubject::Claim(id) => {
            sql("SELECT c.store_code, r.terminal_id, r.clerk_id, r.created_at AS recorded_at
                   FROM warranty_claims c JOIN returns r ON r.id = c.return_id
                  WHERE c.id = $1")
                .bind(id)
                .fetch_optional(c.link())
                .await
        }
    }
}

async fn rating_of(link: Link<'_>, subject: FeedbackSubject) -> StoreResult<Option<FeedbackRecord>> {
    match subject {
        FeedbackSubject::Return(id) => sql(
            "SELECT id, store_code, terminal_id, clerk_id, return_id, claim_id, rating, comment, lang, created_at
               FROM customer_feedback WHERE return_id = $1",
        )
        .bind(id)
        .fetch_optional(link)
        .await,
        FeedbackSubject::Claim(id) => sql(
            "SELECT id, store_code, terminal_id, clerk_id, return_id, claim_id, rating, comment, lang, created_at
               FROM customer_feedback WHERE claim_id = $1",
        )
        .bind(id)
        .fetch_optional(link)
        .await,
    }
}

/// Keeps a rating once per return (or claim), with its `feedback_given` entry.
pub(super) async fn give_feedback(pool: &Pool, new: &NewFeedback) -> StoreResult<FeedbackKept> {
    let mut tx = pool.write().await?;
    if let Some(before) = rating_of(tx.link(), new.subject).await? {
        return Ok(FeedbackKept::AlreadyGiven(before));
    }
    let (return_id, claim_id) = new.subject.ids();
    let inserted = sql(
        "INSERT INTO customer_feedback (store_code, terminal_id, clerk_id, return_id, claim_id, rating, comment, lang, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&new.target.store_code)
    .bind(new.target.terminal_id)
    .bind(new.target.clerk_id)
    .bind(return_id)
    .bind(claim_id)
    .bind(i64::from(new.rating))
    .bind(&new.comment)
    .bind(&new.lang)
    .bind(new.at)
    .execute(tx.link())
    .await;
    match inserted {
        Ok(_) => {}
        Err(StoreError::Database(e)) if is_unique_violation(&e) => {
            // Another submit of the same rating committed first (PostgreSQL).
            drop(tx);
            let mut c = pool.read().await?;
            let before = rating_of(c.link(), new.subject).await?.ok_or_else(|| StoreError::NotFound("the rating given".into()))?;
            return Ok(FeedbackKept::AlreadyGiven(before));
        }
        Err(e) => return Err(e),
    }
    let record = rating_of(tx.link(), new.subject).await?.ok_or_else(|| StoreError::NotFound("the rating kept".into()))?;
    let (entity, entity_id) = match new.subject {
        FeedbackSubject::Return(id) => ("return", id),
        FeedbackSubject::Claim(id) => ("claim", id),
    };
    audit::append(
        tx.link(),
        &AuditEvent {
            action: AuditAction::FeedbackGiven,
            at: new.at,
            actor: new.actor.clone(),
            entity: entity.into(),
            entity_id: entity_id.to_string(),
            details: serde_json::json!({
                "rating": new.rating,
                "comment": !new.comment.is_empty(),
                "lang": new.lang,
                "clerk_id": new.target.clerk_id,
                "terminal_id": new.target.terminal_id,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(FeedbackKept::Given(record))
}

/// The rating of a return or a claim, if the customer gave one.
pub(super) async fn feedback_of(pool: &Pool, subject: FeedbackSubject) -> StoreResult<Option<FeedbackRecord>> {
    let mut c = pool.read().await?;
    rating_of(c.link(), subject).await
}

/// The money refunded and the returns completed at a store between two instants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct RefundsBetween {
    pub returns: i64,
    pub refunded: Money,
}

/// Completed returns recorded at the store in [from, until): how many and what they refunded.
pub(super) async fn refunds_between(pool: &Pool, store_code: &str, from: DateTime<Utc>, until: DateTime<Utc>) -> StoreResult<RefundsBetween> {
    let mut c = pool.read().await?;
    sql("SELECT COUNT(*) AS returns, COALESCE(SUM(total_refund), 0) AS refunded FROM returns
          WHERE store_code = $1 AND created_at >= $2 AND created_at < $3 AND status = 'completed'")
        .bind(store_code)
        .bind(from)
        .bind(until)
        .fetch_one(c.link())
        .await
}

/// Units returned (taken back) by the store's returns recorded in [from, until).
pub(super) async fn units_returned(pool: &Pool, store_code: &str, from: DateTime<Utc>, until: DateTime<Utc>) -> StoreResult<i64> {
    let mut c = pool.read().await?;
    sql("SELECT CAST(COALESCE(SUM(l.returned_qty), 0) AS BIGINT) FROM returns r JOIN return_lines l ON l.return_id = r.id
          WHERE r.store_code = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.status = 'completed'")
        .bind(store_code)
        .bind(from)
        .bind(until)
        .scalar(c.link())
        .await
}

/// Units sold on the store's receipts purchased in [from, until) (store-local wall times).
pub(super) async fn units_sold(pool: &Pool, store_code: &str, from: NaiveDateTime, until: NaiveDateTime) -> StoreResult<i64> {
    let mut c = pool.read().await?;
    sql("SELECT CAST(COALESCE(SUM(l.qty), 0) AS BIGINT) FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id
          WHERE r.store_code = $1 AND r.purchased_at >= $2 AND r.purchased_at < $3")
        .bind(store_code)
        .bind(from)
        .bind(until)
        .scalar(c.link())
        .await
}

/// The store's open warranty claims due in [today, until] and those past their deadline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimsDue {
    pub due: i64,
    pub overdue: i64,
}

/// Open warranty claims (registered, at the service, back, customer informed) due from `today`
/// to `until` (both included), and those due before `today`.
pub(super) async fn claims_due(pool: &Pool, store_code: &str, today: NaiveDate, until: NaiveDate) -> StoreResult<ClaimsDue> {
    let mut c = pool.read().await?;
    sql("SELECT CAST(COALESCE(SUM(CASE WHEN claim_due_by >= $2 AND claim_due_by <= $3 THEN 1 ELSE 0 END), 0) AS BIGINT) AS due,
                CAST(COALESCE(SUM(CASE WHEN claim_due_by < $2 THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue
           FROM warranty_claims
          WHERE store_code = $1 AND kind = 'warranty'
            AND stage IN ('registered', 'at_service', 'back_from_service', 'customer_informed')")
        .bind(store_code)
        .bind(today)
        .bind(until)
        .fetch_one(c.link())
        .await
}

/// The store's ratings given in [from, until): how many and the sum of their stars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct RatingsBetween {
    pub ratings: i64,
    pub stars: i64,
}

pub(super) async fn ratings_between(pool: &Pool, store_code: &str, from: DateTime<Utc>, until: DateTime<Utc>) -> StoreResult<RatingsBetween> {
    let mut c = pool.read().await?;
    sql("SELECT COUNT(*) AS ratings, CAST(COALESCE(SUM(rating), 0) AS BIGINT) AS stars FROM customer_feedback
          WHERE store_code = $1 AND created_at >= $2 AND created_at < $3")
        .bind(store_code)
        .bind(from)
        .bind(until)
        .fetch_one(c.link())
        .await
}
