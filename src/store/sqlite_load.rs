//! Loading a batch of sales into SQLite: the import's hot path.
//!
//! sqlx runs every SQLite statement on a worker thread of its own and hands arguments and
//! results across threads; for millions of rows that hand-over, not SQLite, was most of the
//! time (a profile of `returndesk bench store` showed about a fifth of it in thread wake-ups
//! alone). Here the batch runs on the calling thread through rusqlite on the *same* connection
//! sqlx holds (its handle locked for the duration), with four single-row INSERTs prepared once
//! and stepped for every row. Semantics are those of [`super::Database::import_receipts`]: one
//! `BEGIN IMMEDIATE` transaction per batch, identical receipts skipped, a different receipt
//! under a stored number reported, nothing of a failed batch stored.
//!
//! Values are written in exactly the text forms sqlx writes and reads back (see
//! `sqlx-sqlite`'s chrono encoders), so rows loaded here read like any other.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{ImportOutcome, SaleReceipt};

/// `NaiveDateTime` as sqlx's SQLite encoder writes it.
fn datetime_text(t: NaiveDateTime) -> String {
    t.format("%F %T%.f").to_string()
}

/// `NaiveDate` as sqlx's SQLite encoder writes it.
fn date_text(d: NaiveDate) -> String {
    d.format("%F").to_string()
}

/// `DateTime<Utc>` as sqlx's SQLite encoder writes it.
fn instant_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// Writes `batch` (with its precomputed content hashes) in one immediate transaction on `db`.
pub(super) fn load_receipts(
    db: &mut Connection,
    batch: &[SaleReceipt],
    hashes: &[String],
    imported_at: DateTime<Utc>,
) -> rusqlite::Result<Vec<ImportOutcome>> {
    debug_assert_eq!(batch.len(), hashes.len());
    let imported_at = instant_text(imported_at);
    let tx = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut outcomes = Vec::with_capacity(batch.len());
    {
        let mut stored_under = tx.prepare("SELECT id, content_hash FROM receipts WHERE store_code = ?1 AND number = ?2")?;
        let mut receipt = tx.prepare(
            "INSERT INTO receipts (id, store_code, number, purchased_at, channel, delivered_on, currency,
               receipt_discount, total_paid, barcode, fiscal_fn, fiscal_i, fiscal_fp, fiscal_s,
               content_hash, imported_at, return_info_given)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?;
        let mut line = tx.prepare(
            "INSERT INTO receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut serial =
            tx.prepare("INSERT INTO receipt_line_serials (receipt_id, line, serial, position) VALUES (?1, ?2, ?3, ?4)")?;
        let mut tender = tx.prepare(
            "INSERT INTO receipt_tenders (receipt_id, seq, type, amount, card_last4, purchased_on, card_fingerprint)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;

        let mut customer = tx.prepare(
            "INSERT INTO receipt_customers (receipt_id, store_code, name, name_key, phone, phone_key, phone_tail, email, email_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;

        let mut next_id: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM receipts", [], |r| r.get(0))?;
        // Numbers written earlier in this batch: a repeat counts as stored.
        let mut in_batch: HashMap<(&str, &str), (i64, &str)> = HashMap::with_capacity(batch.len());
        for (sale, hash) in batch.iter().zip(hashes) {
            let r = &sale.receipt;
            let key = (sale.store.as_str(), r.number.as_str());
            let earlier = match in_batch.get(&key) {
                Some(&(id, h)) => Some((id, h == hash.as_str())),
                None => stored_under
                    .query_row(params![sale.store, r.number], |row| {
                        Ok((row.get::<_, i64>(0)?, row.get_ref(1)?.as_str()? == hash.as_str()))
                    })
                    .optional()?,
            };
            if let Some((id, same)) = earlier {
                outcomes.push(if same {
                    ImportOutcome::AlreadyPresent { id }
                } else {
                    ImportOutcome::NumberConflict { id }
                });
                continue;
            }
            next_id += 1;
            let id = next_id;
            in_batch.insert(key, (id, hash.as_str()));

            let paid = r.amount_paid().cents();
            let fiscal = sale.fiscal.as_ref();
            receipt.execute(params![
                id,
                sale.store,
                r.number,
                datetime_text(r.purchased_at),
                r.channel.code(),
                r.delivered_on.map(date_text),
                r.currency.code(),
                r.receipt_discount.cents(),
                paid,
                sale.barcode,
                fiscal.map(|f| &f.drive),
                fiscal.map(|f| &f.document),
                fiscal.map(|f| &f.sign),
                fiscal.map(|_| paid),
                hash,
                imported_at,
                r.return_info_given,
            ])?;
            for l in &r.lines {
                let no = l.line.0 as i64;
                line.execute(params![
                    id,
                    no,
                    l.sku,
                    l.name,
                    l.category,
                    l.brand,
                    l.qty.get() as i64,
                    l.unit_price.cents(),
                    l.discount.cents(),
                    super::sql::rate_hundredths(l.vat_rate),
                ])?;
                for (position, s) in l.serials.iter().enumerate() {
                    serial.execute(params![id, no, s, position as i64 + 1])?;
                }
            }
            if let Some(c) = &sale.customer {
                let k = super::sales::CustomerKeys::of(c);
                customer.execute(params![id, sale.store, k.name, k.name_key, k.phone, k.phone_key, k.phone_tail, k.email, k.email_key])?;
            }
            let day = date_text(r.purchase_date());
            for (seq, t) in r.tenders.iter().enumerate() {
                tender.execute(params![id, seq as i64 + 1, t.kind.code(), t.amount.cents(), t.card_last4, day, t.card_fingerprint])?;
            }
            outcomes.push(ImportOutcome::Inserted { id });
        }
    }
    tx.commit()?;
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::receipt::Channel;
    use chrono::NaiveDate;

    #[test]
    fn channels_are_written_as_the_schema_and_sqlx_side_name_them() {
        for channel in [Channel::Store, Channel::Online] {
            assert_eq!(channel.code(), super::super::code_of(&channel));
        }
    }

    #[test]
    fn texts_are_the_forms_sqlx_writes() {
        let at = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap().and_hms_opt(12, 30, 5).unwrap();
        assert_eq!(datetime_text(at), "2026-06-01 12:30:05");
        let at_micro = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap().and_hms_micro_opt(12, 30, 5, 250).unwrap();
        assert_eq!(datetime_text(at_micro), "2026-06-01 12:30:05.000250");
        assert_eq!(date_text(at.date()), "2026-06-01");
        assert_eq!(instant_text(at_micro.and_utc()), "2026-06-01T12:30:05.000250+00:00");
    }
}
