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

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
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

/// A batch's sales as the triggers of migrations 0019 and 0029 count them, added up in memory
/// and written once per day and once per month (migration 0032: the triggers stand aside for
/// the load's transaction). The result is the triggers' own, row for row:
/// - a day's units and cents add up its lines (`qty × unit_price − discount`, in cents);
/// - a day row written for the first time takes the category and brand of its first line
///   (later lines, and a day already stored, leave them as they are);
/// - a month adds up its days, and takes the least category and the least brand of the day rows
///   newly written into it (a month already stored keeps the least of its own and theirs).
#[derive(Default)]
struct SalesCount<'a> {
    days: Vec<DaySales<'a>>,
    day_of: HashMap<(&'a str, NaiveDate, &'a str, &'a str), usize>,
}

struct DaySales<'a> {
    store: &'a str,
    /// The trigger's day, `substr(purchased_at, 1, 10)`: the purchase's date.
    day: NaiveDate,
    sku: &'a str,
    currency: &'a str,
    category: &'a str,
    brand: &'a str,
    units: i64,
    cents: i64,
}

/// A month's share of a batch: its units and cents, and the least category and brand of the
/// day rows the batch wrote for the first time (none: the month's names stay as they are).
struct MonthSales<'a> {
    units: i64,
    cents: i64,
    names: Option<(&'a str, &'a str)>,
}

impl<'a> SalesCount<'a> {
    fn add(&mut self, store: &'a str, day: NaiveDate, line: &'a crate::domain::receipt::ReceiptLine, currency: &'a str) {
        let units = i64::from(line.qty.get());
        let cents = units * line.unit_price.cents() - line.discount.cents();
        match self.day_of.entry((store, day, line.sku.as_str(), currency)) {
            Entry::Occupied(at) => {
                let d = &mut self.days[*at.get()];
                d.units += units;
                d.cents += cents;
            }
            Entry::Vacant(at) => {
                at.insert(self.days.len());
                self.days.push(DaySales {
                    store,
                    day,
                    sku: &line.sku,
                    currency,
                    category: &line.category,
                    brand: &line.brand,
                    units,
                    cents,
                });
            }
        }
    }

    /// Writes the days, then their months, on the load's transaction.
    fn write(&self, tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
        let mut new_day = tx.prepare(
            "INSERT INTO sales_by_day (store_code, day, sku, currency, category, brand, units, net_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (store_code, day, sku, currency) DO NOTHING",
        )?;
        let mut add_to_day = tx.prepare(
            "UPDATE sales_by_day SET units = units + ?5, net_value = net_value + ?6
             WHERE store_code = ?1 AND day = ?2 AND sku = ?3 AND currency = ?4",
        )?;
        let mut months: Vec<((&str, NaiveDate, &str, &str), MonthSales<'_>)> = Vec::new();
        let mut month_of: HashMap<(&str, NaiveDate, &str, &str), usize> = HashMap::new();
        for d in &self.days {
            let day = date_text(d.day);
            let written = new_day.execute(params![d.store, day, d.sku, d.currency, d.category, d.brand, d.units, d.cents])? == 1;
            if !written {
                add_to_day.execute(params![d.store, day, d.sku, d.currency, d.units, d.cents])?;
            }
            let key = (d.store, d.day.with_day(1).expect("every month has a first day"), d.sku, d.currency);
            let i = *month_of.entry(key).or_insert_with(|| {
                months.push((key, MonthSales { units: 0, cents: 0, names: None }));
                months.len() - 1
            });
            let m = &mut months[i].1;
            m.units += d.units;
            m.cents += d.cents;
            if written {
                m.names = Some(match m.names {
                    Some((c, b)) => (c.min(d.category), b.min(d.brand)),
                    None => (d.category, d.brand),
                });
            }
        }
        let mut into_month = tx.prepare(
            "INSERT INTO sales_by_month (store_code, month, sku, currency, category, brand, units, net_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (store_code, month, sku, currency)
             DO UPDATE SET units = units + excluded.units, net_value = net_value + excluded.net_value,
                           category = MIN(category, excluded.category), brand = MIN(brand, excluded.brand)",
        )?;
        let mut add_to_month = tx.prepare(
            "UPDATE sales_by_month SET units = units + ?5, net_value = net_value + ?6
             WHERE store_code = ?1 AND month = ?2 AND sku = ?3 AND currency = ?4",
        )?;
        for ((store, month, sku, currency), m) in &months {
            match m.names {
                Some((category, brand)) => {
                    into_month.execute(params![store, date_text(*month), sku, currency, category, brand, m.units, m.cents])?
                }
                None => add_to_month.execute(params![store, date_text(*month), sku, currency, m.units, m.cents])?,
            };
        }
        Ok(())
    }
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
    // The sales triggers stand aside for this transaction (migration 0032); see SalesCount.
    tx.execute("INSERT INTO bulk_load_counts_sales (one) VALUES (1)", [])?;
    let mut sales = SalesCount::default();
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
                sales.add(&sale.store, r.purchased_at.date(), l, r.currency.code());
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
    sales.write(&tx)?;
    tx.execute("DELETE FROM bulk_load_counts_sales", [])?;
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
