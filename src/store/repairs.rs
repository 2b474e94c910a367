//! Post-warranty paid repair orders (issue 11): opening one (numbered per store and year,
//! gap-free, in the write transaction), reading them, and recording a step in one write
//! transaction with its `repair_order_events` row and its audit entry, conditional on the
//! stage the order was read in (two desks taking one step: exactly one is recorded). Written
//! once for both backends (see `sql.rs`).

use super::sql::{sql, Link, Pool, Tx};
use super::*;
use crate::domain::repair::RepairStep;

/// The columns of a [`RepairOrderRecord`]; `$where` follows the joins.
macro_rules! select_repairs {
    ($where:literal) => {
        concat!(
            "SELECT o.id, o.store_code, o.order_year, o.year_no, o.idempotency_key, o.stage, o.receipt_id,
                r.number AS receipt_number, o.receipt_line, o.product, o.serial, o.customer_name, o.customer_contact,
                o.defect, o.accessories, o.item_state, o.estimate, o.final_price, o.currency, o.service_partner,
                o.waybill, o.sent_on, o.back_on, o.service_outcome, o.finding, o.price_paid, o.tender,
                o.handed_back_at, o.opened_at, u.login AS opened_by_login, u.display_name AS opened_by_name
             FROM repair_orders o
             JOIN users u ON u.id = o.opened_by
             LEFT JOIN receipts r ON r.id = o.receipt_id ",
            $where
        )
    };
}

async fn load_order(link: Link<'_>, id: i64) -> StoreResult<Option<RepairOrderRecord>> {
    sql(select_repairs!("WHERE o.id = $1")).bind(id).fetch_optional(link).await
}

/// The store's repair orders: open ones first, newest first.
pub(super) async fn repair_orders(pool: &Pool, store_code: &str) -> StoreResult<Vec<RepairOrderRecord>> {
    sql(select_repairs!(
        "WHERE o.store_code = $1
         ORDER BY CASE WHEN o.stage IN ('handed_back', 'closed') THEN 1 ELSE 0 END, o.opened_at DESC, o.id DESC"
    ))
    .bind(store_code)
    .fetch_all(pool.read().await?.link())
    .await
}

pub(super) async fn repair_order(pool: &Pool, id: i64) -> StoreResult<Option<RepairOrderRecord>> {
    load_order(pool.read().await?.link(), id).await
}

pub(super) async fn repair_order_by_key(pool: &Pool, key: &str) -> StoreResult<Option<RepairOrderRecord>> {
    sql(select_repairs!("WHERE o.idempotency_key = $1")).bind(key).fetch_optional(pool.read().await?.link()).await
}

pub(super) async fn repair_events(pool: &Pool, id: i64) -> StoreResult<Vec<RepairEventRecord>> {
    sql("SELECT e.seq, e.step, e.at, u.login, u.display_name, e.details_json
         FROM repair_order_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.order_id = $1 ORDER BY e.seq")
    .bind(id)
    .fetch_all(pool.read().await?.link())
    .await
}

/// The receipt line a serial was sold on at the store (the latest sale if sold twice).
pub(super) async fn sold_serial(pool: &Pool, store_code: &str, serial: &str) -> StoreResult<Option<(i64, i64)>> {
    sql("SELECT s.receipt_id, s.line FROM receipt_line_serials s JOIN receipts r ON r.id = s.receipt_id
         WHERE s.serial = $1 AND r.store_code = $2 ORDER BY r.purchased_at DESC, r.id DESC LIMIT 1")
    .bind(serial.to_string())
    .bind(store_code)
    .fetch_optional(pool.read().await?.link())
    .await
}

async fn append_event(tx: &mut Tx, order_id: i64, step: &str, a: &AuditActor, at: Instant, details: &serde_json::Value) -> StoreResult<i64> {
    let seq: i64 = sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM repair_order_events WHERE order_id = $1").bind(order_id).scalar(tx.link()).await?;
    sql("INSERT INTO repair_order_events (order_id, seq, step, at, user_id, details_json) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(order_id)
        .bind(seq)
        .bind(step.to_string())
        .bind(at)
        .bind(a.user_id)
        .bind(json_text(details))
        .execute(tx.link())
        .await?;
    Ok(seq)
}

/// Opens a repair order: a key used before answers its order (`false`); otherwise the next
/// number of the store's year is taken from `store_counters(store, 'repair_orders:YYYY')`, and
/// the order, its first event (`open`) and its audit entry (`repair_opened`) are written, all
/// in one transaction.
pub(super) async fn open_repair_order(pool: &Pool, new: &NewRepairOrder) -> StoreResult<(RepairOrderRecord, bool)> {
    match open_once(pool, new).await {
        // Another desk opened it with the same key at the same moment: theirs is the order.
        Err(StoreError::Database(e)) if is_unique_violation(&e) => {
            let order = repair_order_by_key(pool, &new.idempotency_key).await?.ok_or(StoreError::Database(e))?;
            Ok((order, false))
        }
        other => other,
    }
}

async fn open_once(pool: &Pool, new: &NewRepairOrder) -> StoreResult<(RepairOrderRecord, bool)> {
    let mut tx = pool.write().await?;
    let existing: Option<i64> =
        sql("SELECT id FROM repair_orders WHERE idempotency_key = $1").bind(new.idempotency_key.clone()).scalar_optional(tx.link()).await?;
    if let Some(id) = existing {
        let order = load_order(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("repair order {id}")))?;
        tx.commit().await?;
        return Ok((order, false));
    }
    // Gap-free per store and year: the counter's row is taken inside this transaction.
    let year = i64::from(new.year);
    let year_no: i64 = sql(
        "INSERT INTO store_counters (store_code, counter, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (store_code, counter) DO UPDATE SET last_value = store_counters.last_value + 1
         RETURNING last_value",
    )
    .bind(&new.store_code)
    .bind(format!("repair_orders:{year}"))
    .scalar(tx.link())
    .await?;
    let id: i64 = sql(
        "INSERT INTO repair_orders (store_code, order_year, year_no, idempotency_key, stage, receipt_id, receipt_line,
           product, serial, customer_name, customer_contact, defect, accessories, item_state, estimate, currency,
           opened_at, opened_by, terminal_id)
         VALUES ($1, $2, $3, $4, 'received', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
    )
    .bind(&new.store_code)
    .bind(year)
    .bind(year_no)
    .bind(&new.idempotency_key)
    .bind(new.receipt_id)
    .bind(new.receipt_line)
    .bind(&new.product)
    .bind(new.serial.clone())
    .bind(&new.customer_name)
    .bind(&new.customer_contact)
    .bind(&new.defect)
    .bind(&new.accessories)
    .bind(&new.item_state)
    .bind(new.estimate)
    .bind_code(&new.currency)
    .bind(new.at)
    .bind(new.actor.user_id)
    .bind(new.actor.terminal_id)
    .scalar(tx.link())
    .await?;
    let number = format!("R-{}-{year}-{year_no:05}", new.store_code);
    let mut details = new.details.clone();
    if let Some(map) = details.as_object_mut() {
        map.insert("number".into(), number.clone().into());
        map.insert("estimate".into(), serde_json::json!(new.estimate));
        map.insert("currency".into(), code_of(&new.currency).into());
    }
    append_event(&mut tx, id, "open", &new.actor, new.at, &details).await?;
    audit::append(
        tx.link(),
        &AuditEvent {
            action: AuditAction::RepairOpened,
            at: new.at,
            actor: new.actor.clone(),
            entity: "repair_order".into(),
            entity_id: id.to_string(),
            details,
        },
    )
    .await?;
    let order = load_order(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("repair order {id}")))?;
    tx.commit().await?;
    Ok((order, true))
}

/// Records one step of a repair order: the conditional update (an order no longer in `from` —
/// another desk moved it — is a conflict), its event and its audit entry (`repair_paid` for a
/// hand-back that took money, else `repair_step`), in one transaction; reads the order back.
pub(super) async fn advance_repair_order(pool: &Pool, a: &RepairAdvance) -> StoreResult<RepairOrderRecord> {
    let mut tx = pool.write().await?;
    let handed_back = a.step == RepairStep::HandBack;
    let moved = sql("UPDATE repair_orders SET stage = $1,
               service_partner = COALESCE($2, service_partner), waybill = COALESCE($3, waybill),
               sent_on = COALESCE($4, sent_on), back_on = COALESCE($5, back_on),
               service_outcome = COALESCE($6, service_outcome), finding = COALESCE($7, finding),
               final_price = COALESCE($8, final_price), price_paid = COALESCE($9, price_paid),
               tender = COALESCE($10, tender),
               handed_back_at = CASE WHEN $11 THEN $12 ELSE handed_back_at END
             WHERE id = $13 AND stage = $14")
    .bind(a.to.code().to_string())
    .bind(a.service_partner.clone())
    .bind(a.waybill.clone())
    .bind(a.sent_on)
    .bind(a.back_on)
    .bind(a.service_outcome.map(|o| code_of(&o)))
    .bind(a.finding.clone())
    .bind(a.final_price)
    .bind(a.price_paid)
    .bind(a.tender.clone())
    .bind(handed_back)
    .bind(a.at)
    .bind(a.order_id)
    .bind(a.from.code().to_string())
    .execute(tx.link())
    .await?;
    if moved == 0 {
        let now: Option<String> = sql("SELECT stage FROM repair_orders WHERE id = $1").bind(a.order_id).scalar_optional(tx.link()).await?;
        return Err(match now {
            None => StoreError::NotFound(format!("repair order {}", a.order_id)),
            Some(stage) => match crate::domain::repair::RepairStage::parse(&stage) {
                Some(stage) => {
                    let out = crate::domain::repair::RepairStepOutOfOrder { stage, step: a.step, allowed: stage.allowed_steps() };
                    StoreError::Rejected(Box::new(crate::service::DeskError::RepairStepOutOfOrder(out)))
                }
                None => StoreError::Corrupt(format!("repair order {}: unknown stage {stage}", a.order_id)),
            },
        });
    }
    let seq = append_event(&mut tx, a.order_id, a.step.code(), &a.actor, a.at, &a.details).await?;
    let mut details = a.details.clone();
    if let Some(map) = details.as_object_mut() {
        map.insert("step".into(), a.step.code().into());
        map.insert("from".into(), a.from.code().into());
        map.insert("to".into(), a.to.code().into());
        map.insert("seq".into(), seq.into());
    }
    let paid = a.price_paid.is_some_and(|p| p.is_positive());
    audit::append(
        tx.link(),
        &AuditEvent {
            action: if paid { AuditAction::RepairPaid } else { AuditAction::RepairStep },
            at: a.at,
            actor: a.actor.clone(),
            entity: "repair_order".into(),
            entity_id: a.order_id.to_string(),
            details,
        },
    )
    .await?;
    let order = load_order(tx.link(), a.order_id).await?.ok_or_else(|| StoreError::NotFound(format!("repair order {}", a.order_id)))?;
    tx.commit().await?;
    Ok(order)
}
