//! Warranty claims from intake to settlement (issue 11): reading a claim, its steps and its
//! settlement; recording a step or a settlement in one write transaction with its
//! `claim_events` row and its audit entry, conditional on the stage the claim was read in (two
//! desks advancing one claim: exactly one wins); the complaint register of a year. Written once
//! for both backends (see `sql.rs`).

use super::sql::{sql, Link, Pool, Tx};
use super::*;
use chrono::{DateTime, Utc};
use crate::domain::{Currency, Money};

/// The columns of a [`ClaimRecord`]; `$where` follows the joins.
macro_rules! select_claims {
    ($where:literal) => {
        concat!(
            "SELECT c.id, c.register_no, c.store_code, c.return_id, r.number AS receipt_number, c.receipt_line AS line,
                l.name AS product, c.serial, c.basis, c.status, c.defect, c.remedy, c.claimed_on, c.claim_due_by, c.claim_due_basis,
                c.legal_until, c.commercial_until, g.registered_at, g.customer_name, g.customer_contact,
                c.stage, c.kind, c.remedy_asked, c.accessories, c.item_state, g.register_year, g.year_no, c.receipt_id,
                r.purchased_at, s.jurisdiction, c.sent_on, c.back_on, c.service_outcome, c.legal_until_extended,
                c.commercial_until_extended
             FROM warranty_claims c
             JOIN complaint_register g ON g.store_code = c.store_code AND g.register_no = c.register_no
             JOIN receipts r ON r.id = c.receipt_id
             JOIN receipt_lines l ON l.receipt_id = c.receipt_id AND l.line = c.receipt_line
             JOIN stores s ON s.code = c.store_code ",
            $where
        )
    };
}

pub(super) async fn claims(pool: &Pool, store_code: &str, query: &ClaimQuery) -> StoreResult<Vec<ClaimRecord>> {
    sql(select_claims!("WHERE c.store_code = $1 AND ($2 IS NULL OR c.stage = $2) ORDER BY c.claim_due_by, c.register_no"))
        .bind(store_code)
        .bind(query.stage.map(|s| s.code().to_string()))
        .fetch_all(pool.read().await?.link())
        .await
}

async fn load_claim(link: Link<'_>, id: i64) -> StoreResult<Option<ClaimRecord>> {
    sql(select_claims!("WHERE c.id = $1")).bind(id).fetch_optional(link).await
}

/// What settled claims paid back on a receipt, per line: (line, `refund` | `price_reduction`, amount).
pub(super) async fn line_settlements(pool: &Pool, receipt_id: i64) -> StoreResult<Vec<(i64, String, Money)>> {
    sql("SELECT c.receipt_line, s.remedy, s.amount FROM claim_settlements s JOIN warranty_claims c ON c.id = s.claim_id
         WHERE c.receipt_id = $1 ORDER BY c.receipt_line, s.claim_id")
    .bind(receipt_id)
    .fetch_all(pool.read().await?.link())
    .await
}

pub(super) async fn claim_by_id(pool: &Pool, id: i64) -> StoreResult<Option<ClaimRecord>> {
    load_claim(pool.read().await?.link(), id).await
}

/// The claims a return opened, of the store's: found through the return's receipt (the
/// `warranty_claims_by_line` index), not by reading every claim of the store.
pub(super) async fn claims_of_return(pool: &Pool, store_code: &str, return_id: i64) -> StoreResult<Vec<ClaimRecord>> {
    sql(select_claims!(
        "WHERE c.receipt_id = (SELECT x.receipt_id FROM returns x WHERE x.id = $2) AND c.return_id = $2 AND c.store_code = $1
         ORDER BY c.claim_due_by, c.register_no"
    ))
    .bind(store_code)
    .bind(return_id)
    .fetch_all(pool.read().await?.link())
    .await
}

/// Every claim on one receipt line, oldest first (repeat claims, the item's repairs).
pub(super) async fn claims_of_line(pool: &Pool, receipt_id: i64, line: u32) -> StoreResult<Vec<ClaimRecord>> {
    sql(select_claims!("WHERE c.receipt_id = $1 AND c.receipt_line = $2 ORDER BY c.id"))
        .bind(receipt_id)
        .bind(line)
        .fetch_all(pool.read().await?.link())
        .await
}

pub(super) async fn claim_events(pool: &Pool, id: i64) -> StoreResult<Vec<ClaimEventRecord>> {
    sql("SELECT e.seq, e.step, e.at, u.login, u.display_name, e.details_json
         FROM claim_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.claim_id = $1 ORDER BY e.seq")
    .bind(id)
    .fetch_all(pool.read().await?.link())
    .await
}

#[derive(sqlx::FromRow)]
struct SettlementRow {
    claim_id: i64,
    idempotency_key: String,
    remedy: String,
    amount: Money,
    currency: Currency,
    settled_at: DateTime<Utc>,
}

async fn load_settlement(mut link: Link<'_>, claim_id: i64) -> StoreResult<Option<SettlementRecord>> {
    let Some(row) = sql("SELECT claim_id, idempotency_key, remedy, amount, currency, settled_at FROM claim_settlements WHERE claim_id = $1")
        .bind(claim_id)
        .fetch_optional::<SettlementRow>(link.again())
        .await?
    else {
        return Ok(None);
    };
    let tenders = sql("SELECT type, amount FROM claim_settlement_tenders WHERE claim_id = $1 ORDER BY seq")
        .bind(claim_id)
        .fetch_all::<SettlementTender>(link)
        .await?;
    Ok(Some(SettlementRecord {
        claim_id: row.claim_id,
        idempotency_key: row.idempotency_key,
        remedy: row.remedy,
        amount: row.amount,
        currency: row.currency,
        tenders,
        at: row.settled_at,
    }))
}

pub(super) async fn settlement(pool: &Pool, claim_id: i64) -> StoreResult<Option<SettlementRecord>> {
    load_settlement(pool.read().await?.link(), claim_id).await
}

/// The step's conditional update, its `claim_events` row, the register's outcome and the audit
/// entry, inside `tx`. A claim no longer in `from` (another desk moved it) is a conflict.
async fn record_step(tx: &mut Tx, a: &ClaimAdvance, action: AuditAction) -> StoreResult<()> {
    let moved = sql("UPDATE warranty_claims SET stage = $1, status = $2,
               sent_on = COALESCE($3, sent_on), back_on = COALESCE($4, back_on),
               service_outcome = COALESCE($5, service_outcome),
               legal_until_extended = COALESCE($6, legal_until_extended),
               commercial_until_extended = COALESCE($7, commercial_until_extended),
               resolved_on = CASE WHEN $2 IN ('resolved', 'closed') AND resolved_on IS NULL THEN $8 ELSE resolved_on END
             WHERE id = $9 AND stage = $10")
    .bind(a.to.code())
    .bind(a.to.legacy_status())
    .bind(a.sent_on)
    .bind(a.back_on)
    .bind(a.service_outcome.map(|o| code_of(&o)))
    .bind(a.legal_until_extended)
    .bind(a.commercial_until_extended)
    .bind(a.on)
    .bind(a.claim_id)
    .bind(a.from.code())
    .execute(tx.link())
    .await?;
    if moved == 0 {
        // Another desk moved the claim: the step is out of order where it stands now.
        let now = load_claim(tx.link(), a.claim_id).await?.ok_or_else(|| StoreError::NotFound(format!("claim {}", a.claim_id)))?;
        let overdue = crate::domain::claim::is_overdue(now.stage, now.claim_due_by, a.on);
        let out = crate::domain::claim::StepOutOfOrder { stage: now.stage, step: a.step, allowed: now.stage.allowed_steps(now.kind, overdue) };
        return Err(StoreError::Rejected(Box::new(crate::service::DeskError::StepOutOfOrder(out))));
    }
    let seq: i64 = sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM claim_events WHERE claim_id = $1").bind(a.claim_id).scalar(tx.link()).await?;
    sql("INSERT INTO claim_events (claim_id, seq, step, at, user_id, details_json) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(a.claim_id)
        .bind(seq)
        .bind(a.step.code())
        .bind(a.at)
        .bind(a.actor.user_id)
        .bind(json_text(&a.details))
        .execute(tx.link())
        .await?;
    if a.register_outcome.is_some() || a.remedy_given.is_some() || a.to == crate::domain::claim::ClaimStage::Closed {
        sql("UPDATE complaint_register SET outcome = COALESCE($1, outcome), remedy_given = COALESCE($2, remedy_given),
               remedy_given_on = CASE WHEN $2 IS NULL THEN remedy_given_on ELSE $3 END,
               closed_at = CASE WHEN $4 THEN $5 ELSE closed_at END
             WHERE (store_code, register_no) IN (SELECT store_code, register_no FROM warranty_claims WHERE id = $6)")
        .bind(a.register_outcome.clone())
        .bind(a.remedy_given.clone())
        .bind(a.on)
        .bind(a.to == crate::domain::claim::ClaimStage::Closed)
        .bind(a.at)
        .bind(a.claim_id)
        .execute(tx.link())
        .await?;
    }
    let mut details = a.details.clone();
    if let Some(map) = details.as_object_mut() {
        map.insert("step".into(), a.step.code().into());
        map.insert("from".into(), a.from.code().into());
        map.insert("to".into(), a.to.code().into());
        map.insert("seq".into(), seq.into());
    }
    let event = AuditEvent {
        action,
        at: a.at,
        actor: a.actor.clone(),
        entity: "claim".into(),
        entity_id: a.claim_id.to_string(),
        details,
    };
    audit::append(tx.link(), &event).await?;
    Ok(())
}

/// Records one step of a claim (see [`record_step`]) and reads the claim back.
pub(super) async fn advance_claim(pool: &Pool, a: &ClaimAdvance) -> StoreResult<ClaimRecord> {
    let mut tx = pool.write().await?;
    record_step(&mut tx, a, AuditAction::ClaimStep).await?;
    let claim = load_claim(tx.link(), a.claim_id).await?.ok_or_else(|| StoreError::NotFound(format!("claim {}", a.claim_id)))?;
    tx.commit().await?;
    Ok(claim)
}

/// Pays a claim's settlement once: a retry with the same key answers the same settlement
/// (`false`); a claim settled already under another key is a conflict; more than the line may
/// still pay is refused (`Rejected`, naming `amount`).
pub(super) async fn settle_claim(pool: &Pool, s: &NewSettlement) -> StoreResult<(SettlementRecord, bool)> {
    let mut tx = pool.write().await?;
    tx.lock_receipt(s.receipt_id).await?;
    let claim_id = s.advance.claim_id;
    let existing: Option<(i64, String)> = sql("SELECT claim_id, idempotency_key FROM claim_settlements WHERE idempotency_key = $1 OR claim_id = $2")
        .bind(&s.idempotency_key)
        .bind(claim_id)
        .fetch_optional(tx.link())
        .await?;
    if let Some((settled, key)) = existing {
        if settled == claim_id && key == s.idempotency_key {
            let record = load_settlement(tx.link(), claim_id).await?.ok_or_else(|| StoreError::NotFound(format!("settlement of claim {claim_id}")))?;
            tx.commit().await?;
            return Ok((record, false));
        }
        if settled != claim_id {
            return Err(StoreError::KeyReused(s.idempotency_key.clone()));
        }
        let claim = load_claim(tx.link(), claim_id).await?.ok_or_else(|| StoreError::NotFound(format!("claim {claim_id}")))?.register_number();
        return Err(StoreError::Rejected(Box::new(crate::service::DeskError::refused(
            "CLAIM_SETTLED",
            format!("claim {claim} is settled already"),
            serde_json::json!({ "claim": claim }),
        ))));
    }
    let settled_on_line: Money = sql("SELECT COALESCE(SUM(t.amount), 0) FROM claim_settlements t JOIN warranty_claims c ON c.id = t.claim_id
         WHERE c.receipt_id = $1 AND c.receipt_line = $2")
    .bind(s.receipt_id)
    .bind(s.receipt_line)
    .scalar(tx.link())
    .await?;
    let left = s.line_paid - settled_on_line;
    if s.amount > left {
        return Err(StoreError::Rejected(Box::new(crate::service::DeskError::BadInput {
            field: "amount",
            message: format!("{} is more than the line can still pay ({left} of {} paid)", s.amount, s.line_paid),
        })));
    }
    record_step(&mut tx, &s.advance, AuditAction::ClaimSettled).await?;
    sql("INSERT INTO claim_settlements (claim_id, idempotency_key, remedy, amount, currency, settled_by, terminal_id, settled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
    .bind(claim_id)
    .bind(&s.idempotency_key)
    .bind(s.remedy.code())
    .bind(s.amount)
    .bind_code(&s.currency)
    .bind(s.advance.actor.user_id)
    .bind(s.advance.actor.terminal_id)
    .bind(s.advance.at)
    .execute(tx.link())
    .await?;
    for (seq, (kind, amount)) in s.tenders.iter().enumerate() {
        sql("INSERT INTO claim_settlement_tenders (claim_id, seq, type, amount) VALUES ($1, $2, $3, $4)")
            .bind(claim_id)
            .bind(seq + 1)
            .bind_code(kind)
            .bind(*amount)
            .execute(tx.link())
            .await?;
    }
    let record = load_settlement(tx.link(), claim_id).await?.ok_or_else(|| StoreError::NotFound(format!("settlement of claim {claim_id}")))?;
    tx.commit().await?;
    Ok((record, true))
}

/// The complaint register of one store and year, in number order.
pub(super) async fn register_entries(pool: &Pool, store_code: &str, year: i32) -> StoreResult<Vec<RegisterEntry>> {
    let mut rows: Vec<RegisterEntry> = sql(
        "SELECT g.store_code, g.register_year, g.year_no, g.registered_at, g.customer_name, g.customer_contact,
                l.name AS product, c.serial, r.number AS receipt_number, r.purchased_at, c.defect, c.remedy_asked,
                g.outcome, g.remedy_given, g.remedy_given_on, g.closed_at
         FROM complaint_register g
         LEFT JOIN warranty_claims c ON c.store_code = g.store_code AND c.register_no = g.register_no
         LEFT JOIN receipts r ON r.id = c.receipt_id
         LEFT JOIN receipt_lines l ON l.receipt_id = c.receipt_id AND l.line = c.receipt_line
         WHERE g.store_code = $1 AND g.register_year = $2 ORDER BY g.year_no",
    )
    .bind(store_code)
    .bind(i64::from(year))
    .fetch_all(pool.read().await?.link())
    .await?;
    for r in &mut rows {
        r.number = register_number(&r.store_code, r.register_year, r.year_no.unwrap_or(0));
    }
    Ok(rows)
}

/// `S01-2026-00001`; a row from before the per-year register without a year: `S01-00001`.
pub fn register_number(store_code: &str, year: Option<i64>, number: i64) -> String {
    match year {
        Some(year) => format!("{store_code}-{year}-{number:05}"),
        None => format!("{store_code}-{number:05}"),
    }
}

impl ClaimRecord {
    /// The claim's number in the complaint register, `S01-2026-00001`.
    pub fn register_number(&self) -> String {
        register_number(&self.store_code, self.register_year, self.year_no.unwrap_or(self.register_no))
    }
}
