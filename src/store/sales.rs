//! Sales: importing the POS's receipts and finding them again, with what was already returned.
//! Written once for both backends (see `sql.rs`).

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use super::sql::{sql, Link, Pool};
use super::*;
use crate::domain::request::{ReturnedQty, TenderRefund};
use crate::domain::{Channel, Currency, LineNo, Money, Percent, Quantity, Receipt, ReceiptLine, Tender, TenderType};

#[derive(sqlx::FromRow)]
struct ReceiptRow {
    store_code: String,
    number: String,
    purchased_at: NaiveDateTime,
    channel: Channel,
    delivered_on: Option<NaiveDate>,
    currency: Currency,
    receipt_discount: Money,
    barcode: Option<String>,
    fiscal_fn: Option<String>,
    fiscal_i: Option<String>,
    fiscal_fp: Option<String>,
    return_info_given: bool,
    /// Who bought, where the sale recorded it (`receipt_customers`, none when it did not).
    customer_name: Option<String>,
    customer_phone: Option<String>,
    customer_email: Option<String>,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    #[sqlx(try_from = "i64")]
    line: u32,
    sku: String,
    name: String,
    category: String,
    brand: String,
    #[sqlx(try_from = "i64")]
    qty: u32,
    unit_price: Money,
    discount: Money,
    vat_rate: Percent,
}

#[derive(sqlx::FromRow)]
struct TenderRow {
    #[sqlx(rename = "type")]
    kind: TenderType,
    amount: Money,
    card_last4: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ReturnedRow {
    #[sqlx(try_from = "i64")]
    receipt_line: u32,
    #[sqlx(try_from = "i64")]
    n: u32,
}

#[derive(sqlx::FromRow)]
struct RefundedRow {
    #[sqlx(rename = "type")]
    kind: TenderType,
    amount: Money,
}

fn quantity(n: u32) -> StoreResult<Quantity> {
    Quantity::new(n).ok_or_else(|| StoreError::Corrupt(format!("quantity {n}")))
}

/// A receipt's history as it is now: one statement when nothing was ever done with the
/// receipt, five when something was (the same flag as [`load_receipt_where`]'s).
pub(super) async fn current_history(mut link: Link<'_>, receipt_id: i64) -> StoreResult<History> {
    let has_history: bool = sql(
        "SELECT (EXISTS (SELECT 1 FROM returns x WHERE x.receipt_id = $1)
                 OR EXISTS (SELECT 1 FROM return_lines x WHERE x.receipt_id = $1)
                 OR EXISTS (SELECT 1 FROM warranty_claims x WHERE x.receipt_id = $1)
                 OR EXISTS (SELECT 1 FROM exchange_moves x WHERE x.receipt_id = $1)
                 OR EXISTS (SELECT 1 FROM goodwill_refunds x WHERE x.receipt_id = $1)) AS has_history",
    )
    .bind(receipt_id)
    .scalar(link.again())
    .await?;
    if has_history {
        load_history(link, receipt_id).await
    } else {
        Ok(History::default())
    }
}

/// What was already returned from a receipt and refunded to each of its tenders.
pub(super) async fn load_history(mut link: Link<'_>, receipt_id: i64) -> StoreResult<History> {
    let returned = sql(
        // A claim settled by refund took its units back as a return does (issue 11): they are
        // not left to return again.
        "SELECT receipt_line, CAST(SUM(n) AS BIGINT) AS n FROM (
           SELECT receipt_line, returned_qty AS n FROM return_lines WHERE receipt_id = $1
           UNION ALL
           SELECT c.receipt_line, l.qty AS n FROM claim_settlements s
             JOIN warranty_claims c ON c.id = s.claim_id
             JOIN return_lines l ON l.return_id = c.return_id AND l.receipt_line = c.receipt_line
           WHERE c.receipt_id = $1 AND s.remedy = 'refund'
         ) x GROUP BY receipt_line HAVING SUM(n) > 0 ORDER BY receipt_line",
    )
    .bind(receipt_id)
    .fetch_all::<ReturnedRow>(link.again())
    .await?
    .into_iter()
    .map(|r| Ok(ReturnedQty { line: LineNo(r.receipt_line), qty: quantity(r.n)? }))
    .collect::<StoreResult<Vec<_>>>()?;
    let tender_refunded = sql(
        // Settled claims paid back to the receipt's tenders like returns (issue 11).
        "SELECT type, SUM(amount) AS amount FROM (
           SELECT rr.type, rr.receipt_amount AS amount FROM return_refunds rr
             JOIN returns r ON r.id = rr.return_id
           WHERE r.receipt_id = $1 AND r.status = 'completed' AND rr.type <> 'exchange'
           UNION ALL
           SELECT t.type, t.amount FROM claim_settlement_tenders t
             JOIN warranty_claims c ON c.id = t.claim_id
           WHERE c.receipt_id = $1
           UNION ALL
           -- Issue 14: value an exchange moved to its new receipt is no longer this receipt's to give back.
           SELECT m.type, m.receipt_amount AS amount FROM exchange_moves m WHERE m.receipt_id = $1
           UNION ALL
           SELECT t.type, t.receipt_amount AS amount FROM goodwill_tenders t
             JOIN goodwill_refunds g ON g.id = t.goodwill_id
           WHERE g.receipt_id = $1
         ) x GROUP BY type HAVING SUM(amount) > 0 ORDER BY type",
    )
    .bind(receipt_id)
    .fetch_all::<RefundedRow>(link.again())
    .await?
    .into_iter()
    .map(|r| TenderRefund { kind: r.kind, amount: r.amount })
    .collect();
    // Issue 11: the warranty dates the line's repairs moved, for later claims of the line.
    let moved: Vec<(i64, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)> = sql(
        "SELECT receipt_line, MAX(legal_until_extended), MAX(commercial_until_extended) FROM warranty_claims
         WHERE receipt_id = $1 AND (legal_until_extended IS NOT NULL OR commercial_until_extended IS NOT NULL)
         GROUP BY receipt_line ORDER BY receipt_line",
    )
    .bind(receipt_id)
    .fetch_all(link.again())
    .await?;
    let moved_warranties = moved
        .into_iter()
        .map(|(line, legal_until, commercial_until)| {
            let line = u32::try_from(line).map_err(|_| StoreError::Corrupt(format!("claim line {line}")))?;
            Ok(crate::domain::request::MovedWarranty { line: LineNo(line), legal_until, commercial_until })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    // ---- Issue 14: noreceipt ----
    let goodwill = super::noreceipt::line_goodwill(link, receipt_id).await?;
    Ok(History { returned, tender_refunded, customer_returns_90d: 0, moved_warranties, goodwill })
}

/// A stored receipt with its history.
pub(super) async fn load_receipt(link: Link<'_>, id: i64) -> StoreResult<Option<StoredReceipt>> {
    load_receipt_where(link, ReceiptAt::Id(id)).await
}

/// Issue 15: where [`load_receipt_where`] finds the receipt, so a lookup by number reads the
/// receipt's row in the same statement that finds it.
enum ReceiptAt<'k> {
    Id(i64),
    StoreNumber(&'k str, &'k str),
}

#[derive(sqlx::FromRow)]
struct LoadedRow {
    id: i64,
    #[sqlx(flatten)]
    receipt: ReceiptRow,
    /// Anything ever done with the receipt (returns, claims, exchanges, goodwill): without it
    /// the history is empty and its four statements are not run.
    has_history: bool,
}

#[derive(sqlx::FromRow)]
struct LineWithSerial {
    #[sqlx(flatten)]
    line: LineRow,
    serial: Option<String>,
}

/// [`load_receipt_where`]'s three statements for a receipt found by its store and number (`$1`,
/// `$2`): the receipt with its customer and the flag for its history; its lines with their
/// serials (`$1` the receipt's id); its tenders. `bench lookup` times them bare as the floor.
pub(crate) const RECEIPT_BY_NUMBER: &str = "SELECT r.id, r.store_code, r.number, r.purchased_at, r.channel, r.delivered_on, r.currency, r.receipt_discount,
                    r.barcode, r.fiscal_fn, r.fiscal_i, r.fiscal_fp, r.return_info_given,
                    c.name AS customer_name, c.phone AS customer_phone, c.email AS customer_email,
                    (EXISTS (SELECT 1 FROM returns x WHERE x.receipt_id = r.id)
                     OR EXISTS (SELECT 1 FROM return_lines x WHERE x.receipt_id = r.id)
                     OR EXISTS (SELECT 1 FROM warranty_claims x WHERE x.receipt_id = r.id)
                     OR EXISTS (SELECT 1 FROM exchange_moves x WHERE x.receipt_id = r.id)
                     OR EXISTS (SELECT 1 FROM goodwill_refunds x WHERE x.receipt_id = r.id)) AS has_history
             FROM receipts r LEFT JOIN receipt_customers c ON c.receipt_id = r.id WHERE r.store_code = $1 AND r.number = $2";
pub(crate) const LINES_WITH_SERIALS: &str = "SELECT l.line, l.sku, l.name, l.category, l.brand, l.qty, l.unit_price, l.discount, l.vat_rate, s.serial
         FROM receipt_lines l LEFT JOIN receipt_line_serials s ON s.receipt_id = l.receipt_id AND s.line = l.line
         WHERE l.receipt_id = $1 ORDER BY l.line, s.position, s.serial";
pub(crate) const TENDERS: &str = "SELECT type, amount, card_last4 FROM receipt_tenders WHERE receipt_id = $1 ORDER BY seq";

/// A stored receipt with its history, in three statements for a receipt nothing was done with
/// yet (the receipt with a flag for its history, its lines with their serials, its tenders)
/// and four more for one with history (issue 15: the lookup was nine statements, ~4.5× a
/// bare prepared statement reading the same rows).
async fn load_receipt_where(mut link: Link<'_>, at: ReceiptAt<'_>) -> StoreResult<Option<StoredReceipt>> {
    let query = match at {
        ReceiptAt::Id(id) => sql(
            "SELECT r.id, r.store_code, r.number, r.purchased_at, r.channel, r.delivered_on, r.currency, r.receipt_discount,
                    r.barcode, r.fiscal_fn, r.fiscal_i, r.fiscal_fp, r.return_info_given,
                    c.name AS customer_name, c.phone AS customer_phone, c.email AS customer_email,
                    (EXISTS (SELECT 1 FROM returns x WHERE x.receipt_id = r.id)
                     OR EXISTS (SELECT 1 FROM return_lines x WHERE x.receipt_id = r.id)
                     OR EXISTS (SELECT 1 FROM warranty_claims x WHERE x.receipt_id = r.id)
                     OR EXISTS (SELECT 1 FROM exchange_moves x WHERE x.receipt_id = r.id)
                     OR EXISTS (SELECT 1 FROM goodwill_refunds x WHERE x.receipt_id = r.id)) AS has_history
             FROM receipts r LEFT JOIN receipt_customers c ON c.receipt_id = r.id WHERE r.id = $1",
        )
        .bind(id),
        ReceiptAt::StoreNumber(store, number) => sql(
            RECEIPT_BY_NUMBER,
        )
        .bind(store)
        .bind(number),
    };
    let Some(LoadedRow { id, receipt: row, has_history }) = query.fetch_optional::<LoadedRow>(link.again()).await? else {
        return Ok(None);
    };
    let rows = sql(
        LINES_WITH_SERIALS,
    )
    .bind(id)
    .fetch_all::<LineWithSerial>(link.again())
    .await?;
    let mut lines: Vec<ReceiptLine> = Vec::with_capacity(rows.len());
    for LineWithSerial { line: l, serial } in rows {
        if let Some(last) = lines.last_mut().filter(|last| last.line == LineNo(l.line)) {
            last.serials.extend(serial);
            continue;
        }
        lines.push(ReceiptLine {
            line: LineNo(l.line),
            serials: serial.into_iter().collect(),
            sku: l.sku,
            name: l.name,
            category: l.category,
            brand: l.brand,
            qty: quantity(l.qty)?,
            unit_price: l.unit_price,
            discount: l.discount,
            vat_rate: l.vat_rate,
        });
    }
    let tenders = sql(TENDERS)
        .bind(id)
        .fetch_all::<TenderRow>(link.again())
        .await?
        .into_iter()
        // The card's fingerprint stays in the store (it counts a customer's returns).
        .map(|t| Tender { kind: t.kind, amount: t.amount, card_last4: t.card_last4, card_fingerprint: None })
        .collect();
    let fiscal = match (row.fiscal_fn, row.fiscal_i, row.fiscal_fp) {
        (Some(drive), Some(document), Some(sign)) => Some(FiscalIds { drive, document, sign }),
        _ => None,
    };
    let sale = SaleReceipt {
        store: row.store_code,
        receipt: Receipt {
            number: row.number,
            purchased_at: row.purchased_at,
            channel: row.channel,
            delivered_on: row.delivered_on,
            return_info_given: row.return_info_given,
            currency: row.currency,
            lines,
            receipt_discount: row.receipt_discount,
            tenders,
        },
        barcode: row.barcode,
        fiscal,
        customer: row.customer_name.map(|name| SaleCustomer {
            name,
            phone: row.customer_phone.filter(|p| !p.is_empty()),
            email: row.customer_email.filter(|e| !e.is_empty()),
        }),
    };
    let history = if has_history { load_history(link, id).await? } else { History::default() };
    Ok(Some(StoredReceipt { id, sale, history }))
}

pub(super) async fn find_receipt(pool: &Pool, key: &ReceiptKey) -> StoreResult<Option<StoredReceipt>> {
    let mut conn = pool.read().await?;
    let id: Option<i64> = match key {
        ReceiptKey::Id(id) => Some(*id),
        ReceiptKey::Number { store: Some(store), number } => {
            return load_receipt_where(conn.link(), ReceiptAt::StoreNumber(store, number)).await;
        }
        ReceiptKey::Number { store: None, number } => {
            sql("SELECT id FROM receipts WHERE number = $1 ORDER BY id LIMIT 1")
                .bind(number)
                .scalar_optional(conn.link())
                .await?
        }
        ReceiptKey::Barcode(code) => {
            sql("SELECT id FROM receipts WHERE barcode = $1 ORDER BY id LIMIT 1")
                .bind(code)
                .scalar_optional(conn.link())
                .await?
        }
        ReceiptKey::Fiscal { ids, at, total } => {
            let candidates: Vec<(i64, NaiveDateTime, Money)> = sql(
                "SELECT id, purchased_at, total_paid FROM receipts
                 WHERE fiscal_fn = $1 AND fiscal_i = $2 AND fiscal_fp = $3",
            )
            .bind(&ids.drive)
            .bind(&ids.document)
            .bind(&ids.sign)
            .fetch_all(conn.link())
            .await?;
            candidates
                .into_iter()
                .find(|(_, when, paid)| {
                    when.with_second(0).and_then(|w| w.with_nanosecond(0)) == Some(*at) && paid == total
                })
                .map(|(id, _, _)| id)
        }
    };
    match id {
        Some(id) => load_receipt(conn.link(), id).await,
        None => Ok(None),
    }
}

pub(super) async fn receipt_store(pool: &Pool, receipt_id: i64) -> StoreResult<Option<String>> {
    sql("SELECT store_code FROM receipts WHERE id = $1").bind(receipt_id).scalar_optional(pool.read().await?.link()).await
}

pub(super) async fn receipts_by_card(
    pool: &Pool,
    last4: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<Vec<ReceiptSummary>> {
    sql("SELECT DISTINCT r.id, r.store_code, r.number, r.purchased_at, r.total_paid, r.currency, t.card_last4
         FROM receipt_tenders t JOIN receipts r ON r.id = t.receipt_id
         WHERE t.card_last4 = $1 AND t.purchased_on BETWEEN $2 AND $3
         ORDER BY r.purchased_at DESC LIMIT 200")
    .bind(last4)
    .bind(from)
    .bind(to)
    .fetch_all(pool.read().await?.link())
    .await
}

/// A sale's customer as `receipt_customers` keeps it: what was recorded and the keys a search
/// compares (the bulk loads write the same).
pub(super) struct CustomerKeys {
    pub name: String,
    pub name_key: String,
    pub phone: String,
    pub phone_key: String,
    pub phone_tail: String,
    pub email: String,
    pub email_key: String,
}

impl CustomerKeys {
    pub fn of(c: &SaleCustomer) -> CustomerKeys {
        CustomerKeys {
            name: c.name.trim().to_string(),
            name_key: c.name_key(),
            phone: c.phone.as_deref().unwrap_or("").trim().to_string(),
            phone_key: c.phone_key(),
            phone_tail: c.phone_tail(),
            email: c.email.as_deref().unwrap_or("").trim().to_string(),
            email_key: c.email_key(),
        }
    }
}

/// A customer's receipts: by the tail of their phone (then compared whole by the service), by
/// e-mail, or by a word of their name; newest first, at most 200 candidates.
macro_rules! customer_receipts {
    ($where:literal) => {
        concat!(
            "SELECT r.id, r.store_code, r.number, r.purchased_at, r.total_paid, r.currency, NULL AS card_last4,
                    c.name AS customer_name, c.phone AS customer_phone, c.email AS customer_email, c.phone_key, c.name_key
             FROM receipt_customers c JOIN receipts r ON r.id = c.receipt_id WHERE ",
            $where,
            " ORDER BY r.purchased_at DESC LIMIT 200"
        )
    };
}

pub(super) async fn receipts_by_customer(pool: &Pool, search: &CustomerSearch) -> StoreResult<Vec<CustomerReceipt>> {
    let query = match search {
        CustomerSearch::Phone { tail, .. } => sql(customer_receipts!("c.phone_tail = $1")).bind(tail.as_str()),
        CustomerSearch::Email(email) => sql(customer_receipts!("c.email_key = $1")).bind(email.as_str()),
        CustomerSearch::Name { store, words } => {
            // The longest word narrows in SQL; the service checks every word.
            let longest = words.iter().max_by_key(|w| w.chars().count()).cloned().unwrap_or_default();
            let pattern = format!("%{}%", longest.replace(['%', '_', '\\'], ""));
            match store {
                Some(store) => sql(customer_receipts!("c.store_code = $1 AND c.name_key LIKE $2")).bind(store.as_str()).bind(pattern),
                None => sql(customer_receipts!("c.name_key LIKE $1")).bind(pattern),
            }
        }
    };
    query.fetch_all(pool.read().await?.link()).await
}

pub(super) async fn receipt_count(pool: &Pool) -> StoreResult<i64> {
    sql("SELECT COUNT(*) FROM receipts").scalar(pool.read().await?.link()).await
}

/// Stores a batch of sales in one transaction, a statement per row (SQLite's bulk load has
/// its own path, `sqlite_load.rs`).
pub(super) async fn import_hashed(pool: &Pool, batch: &[SaleReceipt], hashes: &[String]) -> StoreResult<Vec<ImportOutcome>> {
    assert_eq!(batch.len(), hashes.len(), "a content hash for every sale");
    let imported_at = now_utc();
    let mut tx = pool.write().await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for (sale, hash) in batch.iter().zip(hashes) {
        let r = &sale.receipt;
        let existing: Option<(i64, String)> = sql("SELECT id, content_hash FROM receipts WHERE store_code = $1 AND number = $2")
            .bind(&sale.store)
            .bind(&r.number)
            .fetch_optional(tx.link())
            .await?;
        if let Some((id, existing)) = existing {
            outcomes.push(if existing == *hash {
                ImportOutcome::AlreadyPresent { id }
            } else {
                ImportOutcome::NumberConflict { id }
            });
            continue;
        }
        let fiscal = sale.fiscal.as_ref();
        let id: i64 = sql(
            "INSERT INTO receipts (store_code, number, purchased_at, channel, delivered_on, currency,
               receipt_discount, total_paid, barcode, fiscal_fn, fiscal_i, fiscal_fp, fiscal_s,
               content_hash, imported_at, return_info_given)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
        )
        .bind(&sale.store)
        .bind(&r.number)
        .bind(r.purchased_at)
        .bind_code(&r.channel)
        .bind(r.delivered_on)
        .bind_code(&r.currency)
        .bind(r.receipt_discount)
        .bind(r.amount_paid())
        .bind(&sale.barcode)
        .bind(fiscal.map(|f| f.drive.as_str()))
        .bind(fiscal.map(|f| f.document.as_str()))
        .bind(fiscal.map(|f| f.sign.as_str()))
        .bind(fiscal.map(|_| r.amount_paid()))
        .bind(hash)
        .bind(imported_at)
        .bind(r.return_info_given)
        .scalar(tx.link())
        .await?;
        for l in &r.lines {
            sql("INSERT INTO receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(id)
            .bind(l.line.0)
            .bind(&l.sku)
            .bind(&l.name)
            .bind(&l.category)
            .bind(&l.brand)
            .bind(l.qty.get())
            .bind(l.unit_price)
            .bind(l.discount)
            .bind(l.vat_rate)
            .execute(tx.link())
            .await?;
            for (position, s) in l.serials.iter().enumerate() {
                sql("INSERT INTO receipt_line_serials (receipt_id, line, serial, position) VALUES ($1, $2, $3, $4)")
                    .bind(id)
                    .bind(l.line.0)
                    .bind(s)
                    .bind(position + 1)
                    .execute(tx.link())
                    .await?;
            }
        }
        for (seq, t) in r.tenders.iter().enumerate() {
            sql("INSERT INTO receipt_tenders (receipt_id, seq, type, amount, card_last4, purchased_on, card_fingerprint)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(id)
            .bind(seq + 1)
            .bind_code(&t.kind)
            .bind(t.amount)
            .bind(&t.card_last4)
            .bind(r.purchase_date())
            .bind(&t.card_fingerprint)
            .execute(tx.link())
            .await?;
        }
        if let Some(c) = &sale.customer {
            let k = CustomerKeys::of(c);
            sql("INSERT INTO receipt_customers (receipt_id, store_code, name, name_key, phone, phone_key, phone_tail, email, email_key)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id)
            .bind(&sale.store)
            .bind(&k.name)
            .bind(&k.name_key)
            .bind(&k.phone)
            .bind(&k.phone_key)
            .bind(&k.phone_tail)
            .bind(&k.email)
            .bind(&k.email_key)
            .execute(tx.link())
            .await?;
        }
        outcomes.push(ImportOutcome::Inserted { id });
    }
    tx.commit().await?;
    Ok(outcomes)
}
