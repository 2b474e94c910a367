//! Loading a batch of sales into PostgreSQL: the import's hot path for a chain.
//!
//! One statement per row cost a network round trip per row (receipt, each line, serial and
//! tender: ~7 per receipt). Here a batch is one transaction of a handful of statements:
//!
//! 1. the batch's sales left to the load's own count (see [`SalesColumns`]);
//! 2. the batch's numbers looked up in one statement (`UNNEST` of two arrays);
//! 3. ids for the new receipts drawn from the table's own identity sequence (so a desk
//!    creating a receipt at the same time — an exchange — never collides);
//! 4. receipts and lines streamed with `COPY … FROM STDIN` (text format); serials and tenders,
//!    a few rows a receipt, as one `INSERT … SELECT FROM UNNEST` each (see below why);
//! 5. the batch's sales counted into `sales_by_day` and then `sales_by_month` by one statement
//!    from its own lines, with the table's trigger told to leave this transaction's lines to it
//!    (see [`SalesColumns`]).
//!
//! An import writes two batches at once (`Database::batches_at_once`): nothing serializes its
//! batches but the rows they share. A file's batches never share a receipt (the importer turns
//! a number's second appearance away), and `sales_by_day`/`sales_by_month` rows are locked in
//! one order by every writer: all its days in their key order, then all its months in theirs
//! (migration 0034; two month passes per upsert before it deadlocked crossing batches). Two imports of the same file at once no longer queue for a lock
//! (the advisory lock every batch took until issue 15 also kept one import's batches one at a
//! time): where both write the same number, the unique key (store, number) makes the second
//! wait for the first and then fail, and the importer writes that batch again a receipt at a
//! time, finding each stored receipt as stored.
//!
//! Semantics are those of [`super::Database::import_receipts`] and of SQLite's bulk path
//! (`sqlite_load.rs`): identical receipts skipped, a different receipt under a stored number
//! reported, a number repeated inside the batch counted as stored, nothing of a failed batch
//! stored (the transaction rolls back when it is dropped).

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{PgPool, Postgres, Transaction};

use super::{ImportOutcome, SaleReceipt, StoreResult};

/// A batch's serial numbers, column by column (bound as arrays).
#[derive(Default)]
struct SerialColumns<'a> {
    receipt_id: Vec<i64>,
    line: Vec<i64>,
    serial: Vec<&'a str>,
    position: Vec<i64>,
}

/// The batch's new lines as `sales_by_day` counts them (migration 0019), added up per store ×
/// day × SKU × currency here and bound column by column.
///
/// The statement trigger on `receipt_lines` joined each COPY's lines to `receipts` for their
/// store, day and currency, and for a batch the planner read the whole receipts key to do it
/// (half the server's CPU of an import, growing with the table). The load knows those values:
/// it sets `returndesk.load_counts_sales` for its transaction only (migration 0024: the trigger
/// then leaves this transaction's lines alone) and upserts the same aggregate itself: the same
/// day (`purchased_at::date`), sums (`qty × unit_price − discount` of the amounts as the COPY
/// wrote them), least category and brand, and lock order as the trigger. Adding up here spares
/// the server parsing and grouping every line: a batch's ~2,600 lines are ~1,800 day rows, and
/// the statement's server time fell from 157 to 130 ms a batch (PostgreSQL's log, 40 batches).
#[derive(Default)]
struct SalesColumns<'a> {
    row_of: HashMap<(&'a str, chrono::NaiveDate, &'a str, &'a str), usize>,
    store_code: Vec<&'a str>,
    day: Vec<chrono::NaiveDate>,
    sku: Vec<&'a str>,
    currency: Vec<&'a str>,
    category: Vec<&'a str>,
    brand: Vec<&'a str>,
    units: Vec<i64>,
    net_value: Vec<rust_decimal::Decimal>,
}

impl<'a> SalesColumns<'a> {
    fn add(&mut self, store: &'a str, day: chrono::NaiveDate, line: &'a crate::domain::receipt::ReceiptLine, currency: &'a str) {
        let units = i64::from(line.qty.get());
        let net = rust_decimal::Decimal::from(units) * as_copied(line.unit_price) - as_copied(line.discount);
        match self.row_of.entry((store, day, line.sku.as_str(), currency)) {
            std::collections::hash_map::Entry::Occupied(at) => {
                let i = *at.get();
                self.units[i] += units;
                self.net_value[i] += net;
                self.category[i] = self.category[i].min(line.category.as_str());
                self.brand[i] = self.brand[i].min(line.brand.as_str());
            }
            std::collections::hash_map::Entry::Vacant(at) => {
                at.insert(self.sku.len());
                self.store_code.push(store);
                self.day.push(day);
                self.sku.push(&line.sku);
                self.currency.push(currency);
                self.category.push(&line.category);
                self.brand.push(&line.brand);
                self.units.push(units);
                self.net_value.push(net);
            }
        }
    }
}

/// An amount as the COPY text wrote it (`Money`'s Display: rescaled to cents).
fn as_copied(m: crate::domain::money::Money) -> rust_decimal::Decimal {
    let mut d = m.amount();
    d.rescale(2);
    d
}

/// A batch's tenders, column by column (bound as arrays).
#[derive(Default)]
struct TenderColumns<'a> {
    receipt_id: Vec<i64>,
    seq: Vec<i64>,
    kind: Vec<&'a str>,
    amount: Vec<rust_decimal::Decimal>,
    card_last4: Vec<Option<&'a str>>,
    purchased_on: Vec<chrono::NaiveDate>,
    card_fingerprint: Vec<Option<&'a str>>,
}

/// One COPY text-format field: `\N` for NULL, else the value with `\`, tab, newline and
/// carriage return escaped.
fn field(out: &mut String, value: Option<&str>) {
    let Some(v) = value else {
        out.push_str("\\N");
        return;
    };
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// A row of COPY text: fields separated by tabs, ended by a newline.
struct Row<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Row<'a> {
    fn new(out: &'a mut String) -> Row<'a> {
        Row { out, first: true }
    }
    fn sep(&mut self) {
        if !self.first {
            self.out.push('\t');
        }
        self.first = false;
    }
    fn text(mut self, v: &str) -> Self {
        self.sep();
        field(self.out, Some(v));
        self
    }
    fn opt(mut self, v: Option<&str>) -> Self {
        self.sep();
        field(self.out, v);
        self
    }
    /// A value whose text form needs no escaping (numbers, dates, booleans).
    fn plain(mut self, v: impl std::fmt::Display) -> Self {
        self.sep();
        let _ = write!(self.out, "{v}");
        self
    }
    fn end(self) {
        self.out.push('\n');
    }
}

/// Writes `batch` (with its precomputed content hashes) in one transaction on `pool`.
pub(super) async fn load_receipts(
    pool: &PgPool,
    batch: &[SaleReceipt],
    hashes: &[String],
    imported_at: DateTime<Utc>,
) -> StoreResult<Vec<ImportOutcome>> {
    debug_assert_eq!(batch.len(), hashes.len());
    let mut tx: Transaction<'static, Postgres> = pool.begin().await?;
    // This transaction's lines left to the load's own count (see SalesColumns).
    sqlx::query("SELECT set_config('returndesk.load_counts_sales', 'on', true)").execute(&mut *tx).await?;

    let stores: Vec<&str> = batch.iter().map(|s| s.store.as_str()).collect();
    let numbers: Vec<&str> = batch.iter().map(|s| s.receipt.number.as_str()).collect();
    let stored: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT r.store_code, r.number, r.id, r.content_hash
         FROM UNNEST($1::text[], $2::text[]) AS k (store_code, number)
         JOIN receipts r ON r.store_code = k.store_code AND r.number = k.number",
    )
    .bind(&stores)
    .bind(&numbers)
    .fetch_all(&mut *tx)
    .await?;
    let stored: HashMap<(&str, &str), (i64, &str)> =
        stored.iter().map(|(s, n, id, h)| ((s.as_str(), n.as_str()), (*id, h.as_str()))).collect();

    // Which sales are new, in order; a number repeated in the batch counts as stored.
    enum Plan {
        Known(ImportOutcome),
        New(usize),
        /// The number of the `slot`-th new receipt again: the same receipt, or another.
        Again { slot: usize, same: bool },
    }
    let mut plans = Vec::with_capacity(batch.len());
    let mut in_batch: HashMap<(&str, &str), (usize, &str)> = HashMap::with_capacity(batch.len());
    let mut new = 0usize;
    for (sale, hash) in batch.iter().zip(hashes) {
        let key = (sale.store.as_str(), sale.receipt.number.as_str());
        if let Some(&(id, h)) = stored.get(&key) {
            plans.push(Plan::Known(if h == hash.as_str() {
                ImportOutcome::AlreadyPresent { id }
            } else {
                ImportOutcome::NumberConflict { id }
            }));
        } else if let Some(&(slot, h)) = in_batch.get(&key) {
            plans.push(Plan::Again { slot, same: h == hash.as_str() });
        } else {
            in_batch.insert(key, (new, hash.as_str()));
            plans.push(Plan::New(new));
            new += 1;
        }
    }
    if new == 0 {
        tx.commit().await?;
        return Ok(plans
            .into_iter()
            .filter_map(|p| match p {
                Plan::Known(o) => Some(o),
                Plan::New(_) | Plan::Again { .. } => None,
            })
            .collect());
    }
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT nextval(pg_get_serial_sequence('receipts', 'id')) FROM generate_series(1, $1)",
    )
    .bind(new as i64)
    .fetch_all(&mut *tx)
    .await?;

    let imported_at = imported_at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    let (mut receipts, mut lines) = (String::new(), String::new());
    let (mut serials, mut tenders) = (SerialColumns::default(), TenderColumns::default());
    let mut sales = SalesColumns::default();
    // Who bought, where the sale recorded it: one row per such receipt, as `sales.rs` writes it.
    let mut customers: (Vec<i64>, Vec<&str>, Vec<super::sales::CustomerKeys>) = Default::default();
    for ((sale, hash), plan) in batch.iter().zip(hashes).zip(&plans) {
        let Plan::New(slot) = plan else { continue };
        let id = ids[*slot];
        let r = &sale.receipt;
        let paid = r.amount_paid();
        let fiscal = sale.fiscal.as_ref();
        let purchased_at = r.purchased_at.format("%F %T%.f").to_string();
        Row::new(&mut receipts)
            .plain(id)
            .text(&sale.store)
            .text(&r.number)
            .plain(&purchased_at)
            .text(r.channel.code())
            .opt(r.delivered_on.map(|d| d.format("%F").to_string()).as_deref())
            .text(r.currency.code())
            .plain(r.receipt_discount)
            .plain(paid)
            .opt(sale.barcode.as_deref())
            .opt(fiscal.map(|f| f.drive.as_str()))
            .opt(fiscal.map(|f| f.document.as_str()))
            .opt(fiscal.map(|f| f.sign.as_str()))
            .opt(fiscal.map(|_| paid.to_string()).as_deref())
            .text(hash)
            .text(&imported_at)
            .plain(if r.return_info_given { 't' } else { 'f' })
            .end();
        for l in &r.lines {
            Row::new(&mut lines)
                .plain(id)
                .plain(l.line.0)
                .text(&l.sku)
                .text(&l.name)
                .text(&l.category)
                .text(&l.brand)
                .plain(l.qty.get())
                .plain(l.unit_price)
                .plain(l.discount)
                .plain(l.vat_rate.value())
                .end();
            sales.add(&sale.store, r.purchased_at.date(), l, r.currency.code());
            for (position, s) in l.serials.iter().enumerate() {
                serials.receipt_id.push(id);
                serials.line.push(i64::from(l.line.0));
                serials.serial.push(s.as_str());
                serials.position.push(position as i64 + 1);
            }
        }
        if let Some(c) = &sale.customer {
            customers.0.push(id);
            customers.1.push(sale.store.as_str());
            customers.2.push(super::sales::CustomerKeys::of(c));
        }
        let day = r.purchase_date();
        for (seq, t) in r.tenders.iter().enumerate() {
            tenders.receipt_id.push(id);
            tenders.seq.push(seq as i64 + 1);
            tenders.kind.push(t.kind.code());
            tenders.amount.push(t.amount.amount());
            tenders.card_last4.push(t.card_last4.as_deref());
            tenders.purchased_on.push(day);
            tenders.card_fingerprint.push(t.card_fingerprint.as_deref());
        }
    }
    // COPY writes the identity column as given (it is not an INSERT: GENERATED ALWAYS does not
    // apply), with the ids drawn from its sequence above.
    for (statement, data) in [
        (
            "COPY receipts (id, store_code, number, purchased_at, channel, delivered_on, currency,
               receipt_discount, total_paid, barcode, fiscal_fn, fiscal_i, fiscal_fp, fiscal_s,
               content_hash, imported_at, return_info_given) FROM STDIN",
            receipts,
        ),
        (
            "COPY receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate) FROM STDIN",
            lines,
        ),
    ] {
        if data.is_empty() {
            continue;
        }
        let mut copy = tx.copy_in_raw(statement).await?;
        if let Err(e) = copy.send(data.into_bytes()).await {
            let _ = copy.abort("the import failed while sending rows").await;
            return Err(e.into());
        }
        copy.finish().await?;
    }
    // The trigger's aggregate (migration 0019), from the batch's own lines (see SalesColumns):
    // its days, then their months, by the statement the trigger runs too (count_sales, 0034).
    if !sales.sku.is_empty() {
        sqlx::query(
            "SELECT count_sales($1::text[], $2::date[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
                                $8::numeric[])",
        )
        .bind(&sales.store_code)
        .bind(&sales.day)
        .bind(&sales.sku)
        .bind(&sales.currency)
        .bind(&sales.category)
        .bind(&sales.brand)
        .bind(&sales.units)
        .bind(&sales.net_value)
        .execute(&mut *tx)
        .await?;
    }
    // Serials and tenders are a few rows a receipt: one INSERT … SELECT FROM UNNEST each, not a
    // COPY. A small COPY is two writes (its data, then CopyDone) and the second waited for the
    // server's delayed ACK (Nagle: ~40 ms a COPY, 47 ms measured in PostgreSQL's log, most of
    // a batch's time); a statement goes out in one write.
    if !serials.receipt_id.is_empty() {
        sqlx::query(
            "INSERT INTO receipt_line_serials (receipt_id, line, serial, position)
             SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::bigint[])",
        )
        .bind(&serials.receipt_id)
        .bind(&serials.line)
        .bind(&serials.serial)
        .bind(&serials.position)
        .execute(&mut *tx)
        .await?;
    }
    if !tenders.receipt_id.is_empty() {
        sqlx::query(
            "INSERT INTO receipt_tenders (receipt_id, seq, type, amount, card_last4, purchased_on, card_fingerprint)
             SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::numeric[], $5::text[], $6::date[], $7::text[])",
        )
        .bind(&tenders.receipt_id)
        .bind(&tenders.seq)
        .bind(&tenders.kind)
        .bind(&tenders.amount)
        .bind(&tenders.card_last4)
        .bind(&tenders.purchased_on)
        .bind(&tenders.card_fingerprint)
        .execute(&mut *tx)
        .await?;
    }
    if !customers.0.is_empty() {
        let column = |f: fn(&super::sales::CustomerKeys) -> &str| customers.2.iter().map(f).collect::<Vec<&str>>();
        sqlx::query(
            "INSERT INTO receipt_customers (receipt_id, store_code, name, name_key, phone, phone_key, phone_tail, email, email_key)
             SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])",
        )
        .bind(&customers.0)
        .bind(&customers.1)
        .bind(column(|k| &k.name))
        .bind(column(|k| &k.name_key))
        .bind(column(|k| &k.phone))
        .bind(column(|k| &k.phone_key))
        .bind(column(|k| &k.phone_tail))
        .bind(column(|k| &k.email))
        .bind(column(|k| &k.email_key))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(plans
        .into_iter()
        .map(|p| match p {
            Plan::New(slot) => ImportOutcome::Inserted { id: ids[slot] },
            Plan::Again { slot, same: true } => ImportOutcome::AlreadyPresent { id: ids[slot] },
            Plan::Again { slot, same: false } => ImportOutcome::NumberConflict { id: ids[slot] },
            Plan::Known(o) => o,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_would_split_a_row() {
        let mut out = String::new();
        Row::new(&mut out).text("a\tb\nc\\d\re").opt(None).plain(12).end();
        assert_eq!(out, "a\\tb\\nc\\\\d\\re\t\\N\t12\n");
    }
}
