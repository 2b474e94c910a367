//! Exchanges (issue 14): the return of the old items, the exchange document and the new sale
//! receipt for the new items, written in ONE transaction; and reading them back. Written once
//! for both backends (see `sql.rs`).

use chrono::{DateTime, Datelike, Utc};

use super::returns::{load_return, write_return};
use super::sales::load_receipt;
use super::sql::{sql, sql_dialects, Link, Pool};
use super::*;
use crate::domain::exchange::{moved_tender, split};
use crate::domain::{Currency, Money, PayoutType, TenderPayout, TenderType};

#[derive(sqlx::FromRow)]
struct ExchangeRow {
    id: i64,
    number: String,
    store_code: String,
    return_id: i64,
    receipt_id: i64,
    receipt_number: String,
    new_receipt_id: i64,
    currency: Currency,
    returned_value: Money,
    new_total: Money,
    moved: Money,
    refunded: Money,
    paid: Money,
    difference_tender: Option<TenderType>,
    due_at_till: Money,
    created_at: DateTime<Utc>,
    clerk_name: String,
}

#[derive(sqlx::FromRow)]
struct DueRow {
    exchange_id: i64,
    number: String,
    store_code: String,
    currency: Currency,
    amount: Money,
    paid_at: Option<DateTime<Utc>>,
    tender: Option<TenderType>,
    till: Option<String>,
    sale_reference: Option<String>,
    idempotency_key: Option<String>,
    paid_by: Option<String>,
}

impl DueRow {
    fn record(self) -> ExchangeDue {
        let payment = match (self.paid_at, self.tender) {
            (Some(paid_at), Some(tender)) => Some(DuePayment {
                paid_at,
                tender,
                till: self.till.unwrap_or_default(),
                sale_reference: self.sale_reference.unwrap_or_default(),
                paid_by: self.paid_by.unwrap_or_default(),
            }),
            _ => None,
        };
        ExchangeDue { exchange_id: self.exchange_id, number: self.number, store_code: self.store_code, currency: self.currency, amount: self.amount, payment }
    }
}

/// An amount due with its exchange's number and who took it, `WHERE …` given.
macro_rules! select_due {
    ($filter:literal) => {
        concat!(
            "SELECT d.exchange_id, x.number, d.store_code, d.currency, d.amount, d.paid_at, d.tender, d.till,
                    d.sale_reference, d.idempotency_key, u.display_name AS paid_by
               FROM exchange_dues d JOIN exchanges x ON x.id = d.exchange_id LEFT JOIN users u ON u.id = d.paid_by ",
            $filter
        )
    };
}

async fn load_due(link: Link<'_>, exchange_id: i64) -> StoreResult<Option<DueRow>> {
    let row = sql(select_due!("WHERE d.exchange_id = $1")).bind(exchange_id).fetch_optional::<DueRow>(link).await?;
    Ok(row)
}

/// An exchange's amount due by the exchange's number, in a store.
pub(super) async fn exchange_due(pool: &Pool, store_code: &str, number: &str) -> StoreResult<Option<ExchangeDue>> {
    let row = sql(select_due!("WHERE x.number = $1 AND d.store_code = $2"))
        .bind(number)
        .bind(store_code)
        .fetch_optional::<DueRow>(pool.read().await?.link())
        .await?;
    Ok(row.map(DueRow::record))
}

/// The amount due not yet paid on a receipt an exchange wrote (its new items cannot be
/// returned before the till has taken it: the receipt's tenders do not add up yet).
pub(super) async fn open_due_of_receipt(pool: &Pool, receipt_id: i64) -> StoreResult<Option<ExchangeDue>> {
    let row = sql(select_due!("WHERE x.new_receipt_id = $1 AND d.paid_at IS NULL"))
        .bind(receipt_id)
        .fetch_optional::<DueRow>(pool.read().await?.link())
        .await?;
    Ok(row.map(DueRow::record))
}

/// The till takes an exchange's amount due, whole: the new receipt gets the tender, the due is
/// marked paid, an audit entry — in one transaction. The same key answers the same payment
/// (`false`); a due already paid under another key, or an amount that is not the due, is refused.
pub(super) async fn pay_exchange_due(pool: &Pool, p: &NewDuePayment) -> StoreResult<(ExchangeDue, bool)> {
    match pay_once(pool, p).await {
        // Another till paid it with the same key at the same moment: theirs is the payment.
        Err(StoreError::Database(e)) if is_unique_violation(&e) => {
            let mut conn = pool.read().await?;
            let row = load_due(conn.link(), p.exchange_id).await?.ok_or(StoreError::Database(e))?;
            same_payment(row, p)
        }
        other => other,
    }
}

fn same_payment(row: DueRow, p: &NewDuePayment) -> StoreResult<(ExchangeDue, bool)> {
    if row.idempotency_key.as_deref() == Some(p.idempotency_key.as_str()) {
        if row.amount != p.amount || row.tender != Some(p.tender) {
            return Err(StoreError::KeyReused(p.idempotency_key.clone()));
        }
        return Ok((row.record(), false));
    }
    let record = row.record();
    match &record.payment {
        Some(paid) => Err(already_paid(&record, paid)),
        None => Err(StoreError::Conflict(format!("the amount due on exchange {} is still open", record.number))),
    }
}

/// EXCHANGE_DUE_PAID: the due was paid at another till (which, when, how much).
fn already_paid(due: &ExchangeDue, paid: &DuePayment) -> StoreError {
    StoreError::Rejected(Box::new(crate::service::DeskError::refused(
        "EXCHANGE_DUE_PAID",
        format!(
            "the amount due on exchange {} was already paid at till {} ({})",
            due.number,
            paid.till,
            paid.paid_at.format("%Y-%m-%d %H:%M UTC")
        ),
        serde_json::json!({
            "exchange": due.number, "amount": due.amount, "currency": due.currency.code(),
            "till": paid.till, "paid_at": paid.paid_at.to_rfc3339(),
        }),
    )))
}

async fn pay_once(pool: &Pool, p: &NewDuePayment) -> StoreResult<(ExchangeDue, bool)> {
    let mut tx = pool.write().await?;
    let locked: Option<i64> = sql_dialects(
        "SELECT exchange_id FROM exchange_dues WHERE exchange_id = $1",
        "SELECT exchange_id FROM exchange_dues WHERE exchange_id = $1 FOR UPDATE",
    )
    .bind(p.exchange_id)
    .scalar_optional(tx.link())
    .await?;
    if locked.is_none() {
        return Err(StoreError::NotFound(format!("the amount due of exchange {}", p.exchange_id)));
    }
    let row = load_due(tx.link(), p.exchange_id).await?.ok_or_else(|| StoreError::NotFound("the amount due".into()))?;
    if row.paid_at.is_some() {
        tx.commit().await?;
        return same_payment(row, p);
    }
    if row.amount != p.amount {
        return Err(StoreError::Rejected(Box::new(crate::service::DeskError::BadInput {
            field: "amount",
            message: format!("the amount due on exchange {} is {} {}, not {}: the till takes it whole", row.number, row.amount, row.currency.code(), p.amount),
        })));
    }
    let taken = sql(
        "UPDATE exchange_dues SET paid_at = $1, tender = $2, till = $3, sale_reference = $4, idempotency_key = $5, paid_by = $6
          WHERE exchange_id = $7 AND paid_at IS NULL",
    )
    .bind(p.at)
    .bind_code(&p.tender)
    .bind(&p.till)
    .bind(&p.sale_reference)
    .bind(&p.idempotency_key)
    .bind(p.actor.user_id)
    .bind(p.exchange_id)
    .execute(tx.link())
    .await?;
    if taken == 0 {
        if let Some(due) = load_due(tx.link(), p.exchange_id).await?.map(DueRow::record) {
            if let Some(paid) = &due.payment {
                return Err(already_paid(&due, paid));
            }
        }
        return Err(StoreError::Conflict(format!("the amount due on exchange {} was paid at another till just now", row.number)));
    }
    // The new receipt's last tender: what the till took.
    let (receipt_id, purchased_at): (i64, chrono::NaiveDateTime) =
        sql("SELECT r.id, r.purchased_at FROM exchanges x JOIN receipts r ON r.id = x.new_receipt_id WHERE x.id = $1")
            .bind(p.exchange_id)
            .fetch_one(tx.link())
            .await?;
    let seq: i64 = sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM receipt_tenders WHERE receipt_id = $1").bind(receipt_id).scalar(tx.link()).await?;
    sql("INSERT INTO receipt_tenders (receipt_id, seq, type, amount, card_last4, purchased_on) VALUES ($1, $2, $3, $4, NULL, $5)")
        .bind(receipt_id)
        .bind(seq)
        .bind_code(&p.tender)
        .bind(p.amount)
        .bind(purchased_at.date())
        .execute(tx.link())
        .await?;
    audit::append(
        tx.link(),
        &AuditEvent {
            action: AuditAction::ExchangeDuePaid,
            at: p.at,
            actor: p.actor.clone(),
            entity: "exchange".into(),
            entity_id: p.exchange_id.to_string(),
            details: serde_json::json!({
                "number": row.number,
                "amount": p.amount,
                "currency": row.currency,
                "tender": p.tender,
                "till": p.till,
                "sale_reference": p.sale_reference,
                "idempotency_key": p.idempotency_key,
            }),
        },
    )
    .await?;
    let paid = load_due(tx.link(), p.exchange_id).await?.ok_or_else(|| StoreError::NotFound("the amount due just paid".into()))?;
    tx.commit().await?;
    Ok((paid.record(), true))
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    sku: String,
    name: String,
    category: String,
    brand: String,
    serial_tracked: bool,
    unit_price: Option<Money>,
    currency: Option<Currency>,
    vat_rate: Option<crate::domain::Percent>,
    barcode: Option<String>,
}

/// A product by its SKU, or else by its barcode.
pub(super) async fn find_product(pool: &Pool, code: &str) -> StoreResult<Option<Product>> {
    let row = sql(
        "SELECT sku, name, category, brand, serial_tracked, unit_price, currency, vat_rate, barcode FROM products
         WHERE sku = $1 OR barcode = $1 ORDER BY CASE WHEN sku = $1 THEN 0 ELSE 1 END LIMIT 1",
    )
    .bind(code)
    .fetch_optional::<ProductRow>(pool.read().await?.link())
    .await?;
    Ok(row.map(|p| Product {
        sku: p.sku,
        name: p.name,
        category: p.category,
        brand: p.brand,
        serial_tracked: p.serial_tracked,
        unit_price: p.unit_price,
        currency: p.currency,
        vat_rate: p.vat_rate,
        barcode: p.barcode,
    }))
}

async fn load_exchange(mut link: Link<'_>, id: i64) -> StoreResult<Option<ExchangeRecord>> {
    let Some(r) = sql(
        "SELECT x.id, x.number, x.store_code, x.return_id, x.receipt_id, r.number AS receipt_number, x.new_receipt_id,
                x.currency, x.returned_value, x.new_total, x.moved, x.refunded, x.paid, x.difference_tender, x.due_at_till, x.created_at,
                u.display_name AS clerk_name
         FROM exchanges x JOIN receipts r ON r.id = x.receipt_id JOIN users u ON u.id = x.clerk_id WHERE x.id = $1",
    )
    .bind(id)
    .fetch_optional::<ExchangeRow>(link.again())
    .await?
    else {
        return Ok(None);
    };
    let moves = sql("SELECT type, amount, receipt_amount FROM exchange_moves WHERE exchange_id = $1 ORDER BY seq")
        .bind(id)
        .fetch_all::<ExchangeMove>(link.again())
        .await?;
    let due = if r.due_at_till.is_positive() { load_due(link, id).await?.map(DueRow::record) } else { None };
    Ok(Some(ExchangeRecord {
        id: r.id,
        number: r.number,
        store_code: r.store_code,
        return_id: r.return_id,
        receipt_id: r.receipt_id,
        receipt_number: r.receipt_number,
        new_receipt_id: r.new_receipt_id,
        currency: r.currency,
        returned_value: r.returned_value,
        new_total: r.new_total,
        moved: r.moved,
        refunded: r.refunded,
        paid: r.paid,
        difference_tender: r.difference_tender,
        due_at_till: r.due_at_till,
        due,
        created_at: r.created_at,
        clerk_name: r.clerk_name,
        moves,
    }))
}

pub(super) async fn exchange_by_id(pool: &Pool, id: i64) -> StoreResult<Option<ExchangeRecord>> {
    load_exchange(pool.read().await?.link(), id).await
}

/// The exchange a return belongs to, if it was one.
pub(super) async fn exchange_of_return(pool: &Pool, return_id: i64) -> StoreResult<Option<ExchangeRecord>> {
    let mut conn = pool.read().await?;
    let id: Option<i64> = sql("SELECT id FROM exchanges WHERE return_id = $1").bind(return_id).scalar_optional(conn.link()).await?;
    match id {
        Some(id) => load_exchange(conn.link(), id).await,
        None => Ok(None),
    }
}

/// Records an exchange in one transaction: the return of the old items (judged by `decide`
/// against the history read under the receipt's lock), its number, the new sale receipt with
/// its lines and tenders (the value moved per original tender, then the difference paid), the
/// moves counted against the original receipt, and the audit entries. A key used before
/// answers its exchange (`false`).
pub(super) async fn confirm_exchange(
    pool: &Pool,
    new: &NewReturn,
    payout: PayoutBasis,
    decide: &Decide<'_>,
    exchange: &NewExchange,
) -> StoreResult<(ExchangeRecord, ReturnRecord, bool)> {
    let mut tx = pool.write().await?;
    tx.lock_receipt(new.receipt_id).await?;
    let existing: Option<(i64, String)> = sql("SELECT id, request_hash FROM exchanges WHERE idempotency_key = $1")
        .bind(&new.idempotency_key)
        .fetch_optional(tx.link())
        .await?;
    if let Some((id, request_hash)) = existing {
        if request_hash != new.request_hash {
            return Err(StoreError::KeyReused(new.idempotency_key.clone()));
        }
        let record = load_exchange(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("exchange {id}")))?;
        let ret = load_return(tx.link(), record.return_id).await?.ok_or_else(|| StoreError::NotFound("the exchange's return".into()))?;
        tx.commit().await?;
        return Ok((record, ret, false));
    }
    let used: Option<i64> = sql("SELECT id FROM returns WHERE idempotency_key = $1")
        .bind(&new.idempotency_key)
        .scalar_optional(tx.link())
        .await?;
    if used.is_some() {
        return Err(StoreError::KeyReused(new.idempotency_key.clone()));
    }
    let receipt = load_receipt(tx.link(), new.receipt_id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("receipt {}", new.receipt_id)))?;
    let mut decision = decide(&receipt.history).map_err(StoreError::Rejected)?;

    // V against N: what goes back, what moves (per original tender), what is due.
    let returned_value = decision.totals.refund;
    let new_total = exchange.new_total();
    let sale = &receipt.sale.receipt;
    let parts = split(
        returned_value,
        new_total,
        &exchange.tender_order,
        payout.conversion,
        exchange.refund_to_store_credit,
        |t| sale.paid_by(t) - receipt.history.refunded_to(t),
    );
    let moved = parts.moved_total();
    // The return pays the difference back like a refund, and the moved part as `exchange`
    // (which no tender counts: the moves below do).
    let mut tenders = parts.refund.clone();
    if moved.is_positive() {
        tenders.push(TenderPayout { kind: PayoutType::Exchange, amount: moved });
    }
    decision.tenders = tenders;
    let return_id = write_return(&mut tx, new, payout, &receipt, &decision).await?;

    // The number, per store and year, gap-free (the counter's row is taken in this transaction).
    let year = new.now.date().year();
    let year_no: i64 = sql(
        "INSERT INTO store_counters (store_code, counter, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (store_code, counter) DO UPDATE SET last_value = store_counters.last_value + 1
         RETURNING last_value",
    )
    .bind(&new.store_code)
    .bind(format!("exchange:{year}"))
    .scalar(tx.link())
    .await?;
    let number = format!("EX-{}-{year}-{year_no:05}", new.store_code);

    // The new sale: bought now (its return windows and warranties start today). The difference
    // is paid at the desk now, or left for the till (the receipt's last tender comes then).
    let (paid, due_at_till, desk_tender) = match exchange.difference {
        _ if !parts.due.is_positive() => (Money::ZERO, Money::ZERO, None),
        Some(DifferencePayment::AtDesk(t)) => (parts.due, Money::ZERO, Some(t)),
        Some(DifferencePayment::AtTill) => (Money::ZERO, parts.due, None),
        None => return Err(StoreError::Conflict("the difference has no tender".into())),
    };
    let new_receipt_id: i64 = sql(
        "INSERT INTO receipts (store_code, number, purchased_at, channel, delivered_on, currency,
           receipt_discount, total_paid, barcode, content_hash, imported_at, return_info_given)
         VALUES ($1, $2, $3, 'store', NULL, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(&new.store_code)
    .bind(&number)
    .bind(new.now)
    .bind_code(&exchange.currency)
    .bind(Money::ZERO)
    .bind(new_total)
    .bind(&number)
    .bind(format!("exchange:{number}"))
    .bind(new.created_at)
    .bind(true)
    .scalar(tx.link())
    .await?;
    // Its lines counted into the sales summaries once they are all written (migration 0034).
    tx.hold_sales_count().await?;
    for (i, item) in exchange.items.iter().enumerate() {
        let line = i + 1;
        sql("INSERT INTO receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(new_receipt_id)
        .bind(line)
        .bind(&item.sku)
        .bind(&item.name)
        .bind(&item.category)
        .bind(&item.brand)
        .bind(item.qty)
        .bind(item.unit_price)
        .bind(Money::ZERO)
        .bind(item.vat_rate)
        .execute(tx.link())
        .await?;
        for (position, s) in item.serials.iter().enumerate() {
            sql("INSERT INTO receipt_line_serials (receipt_id, line, serial, position) VALUES ($1, $2, $3, $4)")
                .bind(new_receipt_id)
                .bind(line)
                .bind(s)
                .bind(position + 1)
                .execute(tx.link())
                .await?;
        }
    }
    tx.count_sales_of(new_receipt_id).await?;
    // The original card, so that a later refund of a new item goes back to it.
    let card: Option<(Option<String>, Option<String>)> = sql(
        "SELECT card_last4, card_fingerprint FROM receipt_tenders WHERE receipt_id = $1 AND type = 'card' ORDER BY seq LIMIT 1",
    )
    .bind(new.receipt_id)
    .fetch_optional(tx.link())
    .await?;
    let mut seq = 0usize;
    let mut moves: Vec<(TenderType, Money, Money)> = Vec::new();
    for p in &parts.moved {
        let kind = moved_tender(p);
        let left = sale.paid_by(kind) - receipt.history.refunded_to(kind)
            - moves.iter().filter(|(k, _, _)| *k == kind).map(|(_, _, r)| *r).sum();
        let receipt_amount = payout.conversion.back(p.amount).min(left.max(Money::ZERO));
        moves.push((kind, p.amount, receipt_amount));
    }
    for (kind, amount, _) in &moves {
        seq += 1;
        let (last4, fingerprint) = match (kind, &card) {
            (TenderType::Card, Some((l, f))) => (l.clone(), f.clone()),
            _ => (None, None),
        };
        sql("INSERT INTO receipt_tenders (receipt_id, seq, type, amount, card_last4, purchased_on, card_fingerprint)
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(new_receipt_id)
        .bind(seq)
        .bind_code(kind)
        .bind(*amount)
        .bind(last4)
        .bind(new.now.date())
        .bind(fingerprint)
        .execute(tx.link())
        .await?;
    }
    if let Some(tender) = desk_tender {
        seq += 1;
        sql("INSERT INTO receipt_tenders (receipt_id, seq, type, amount, card_last4, purchased_on) VALUES ($1, $2, $3, $4, NULL, $5)")
            .bind(new_receipt_id)
            .bind(seq)
            .bind_code(&tender)
            .bind(paid)
            .bind(new.now.date())
            .execute(tx.link())
            .await?;
    }
    let refunded = parts.refund_total();
    let exchange_id: i64 = sql(
        "INSERT INTO exchanges (store_code, exchange_year, year_no, number, idempotency_key, request_hash, return_id,
           receipt_id, new_receipt_id, currency, returned_value, new_total, moved, refunded, paid, difference_tender,
           due_at_till, created_at, clerk_id, terminal_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id",
    )
    .bind(&new.store_code)
    .bind(i64::from(year))
    .bind(year_no)
    .bind(&number)
    .bind(&new.idempotency_key)
    .bind(&new.request_hash)
    .bind(return_id)
    .bind(new.receipt_id)
    .bind(new_receipt_id)
    .bind_code(&exchange.currency)
    .bind(returned_value)
    .bind(new_total)
    .bind(moved)
    .bind(refunded)
    .bind(paid)
    .bind(desk_tender.map(|t| code_of(&t)))
    .bind(due_at_till)
    .bind(new.created_at)
    .bind(new.clerk_id)
    .bind(new.terminal_id)
    .scalar(tx.link())
    .await?;
    for (i, (kind, amount, receipt_amount)) in moves.iter().enumerate() {
        sql("INSERT INTO exchange_moves (exchange_id, seq, receipt_id, type, amount, receipt_amount) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(exchange_id)
            .bind(i + 1)
            .bind(new.receipt_id)
            .bind_code(kind)
            .bind(*amount)
            .bind(*receipt_amount)
            .execute(tx.link())
            .await?;
    }
    if due_at_till.is_positive() {
        sql("INSERT INTO exchange_dues (exchange_id, store_code, currency, amount) VALUES ($1, $2, $3, $4)")
            .bind(exchange_id)
            .bind(&new.store_code)
            .bind_code(&exchange.currency)
            .bind(due_at_till)
            .execute(tx.link())
            .await?;
    }
    let actor = AuditActor { user_id: Some(new.clerk_id), terminal_id: new.terminal_id, store_code: Some(new.store_code.clone()) };
    let moved_json: Vec<serde_json::Value> = moves
        .iter()
        .map(|(k, a, r)| serde_json::json!({ "type": code_of(k), "amount": a, "receipt_amount": r }))
        .collect();
    let details = serde_json::json!({
        "number": number,
        "return_id": return_id,
        "receipt_id": new.receipt_id,
        "new_receipt_id": new_receipt_id,
        "currency": exchange.currency,
        "returned_value": returned_value,
        "new_total": new_total,
        "moved": moved_json,
        "refunded": refunded,
        "paid": paid,
        "difference_tender": desk_tender,
        "due_at_till": due_at_till,
    });
    audit::append(tx.link(), &AuditEvent::exchange_confirmed(exchange_id, new.created_at, actor, details)).await?;
    let record = load_exchange(tx.link(), exchange_id).await?.ok_or_else(|| StoreError::NotFound("the exchange just written".into()))?;
    let ret = load_return(tx.link(), return_id).await?.ok_or_else(|| StoreError::NotFound("the exchange's return".into()))?;
    tx.commit().await?;
    Ok((record, ret, true))
}
