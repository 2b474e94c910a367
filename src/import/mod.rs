//! Importing a store's data from files: sales receipts (JSON Lines or CSV), the product
//! catalogue, a policy version and a store profile. Formats: `docs/import-formats.md`.
//!
//! Receipts stream: a file is read one receipt at a time and written in batches (one
//! transaction per batch). Every receipt is validated on its own (parsing, then
//! [`check_receipt`]); a bad one is reported with its file line and a reason naming the field,
//! and no part of it is stored, while the good ones go in. Importing the same file twice
//! stores nothing the second time.

pub mod csv_receipts;
pub mod jsonl;
pub mod setup;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::domain::evaluate::check_receipt;
use crate::domain::Receipt;
use crate::store::{Database, FiscalIds, ImportOutcome, ReceiptLoad, SaleCustomer, SaleReceipt, StoreError};

/// Receipts per transaction unless told otherwise.
pub const DEFAULT_BATCH: usize = 1000;

/// One problem with one row (or receipt) of an input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowReport {
    /// The file, as given.
    pub file: String,
    /// 1-based line in that file.
    pub line: u64,
    /// The receipt number (or a product's SKU) when it could be read.
    pub receipt: Option<String>,
    /// What `receipt` names: `"receipt"` or `"product"`.
    #[serde(skip)]
    pub kind: &'static str,
    /// Why, starting with the field's path (`receipt.lines[0].qty: …`).
    pub reason: String,
}

impl fmt::Display for RowReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.receipt {
            Some(n) => write!(f, "{}:{}: {} {}: {}", self.file, self.line, self.kind, n, self.reason),
            None => write!(f, "{}:{}: {}", self.file, self.line, self.reason),
        }
    }
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Receipts read from the file (good and bad).
    pub read: u64,
    pub inserted: u64,
    /// Already stored with the same content: skipped.
    pub skipped: u64,
    /// A different receipt is stored under the same number: reported, not stored.
    pub conflicts: u64,
    /// Invalid rows or receipts: reported, not stored.
    pub rejected: u64,
    /// Receipt lines of the inserted receipts.
    pub lines_inserted: u64,
    /// A large load built the lookup indexes once at the end: how long that took.
    pub lookup_index_build: Option<std::time::Duration>,
}

impl ImportSummary {
    /// Everything read was stored or was already there.
    pub fn is_clean(&self) -> bool {
        self.rejected == 0 && self.conflicts == 0
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read {}, inserted {}, skipped as already present {}, conflicts {}, rejected {}",
            self.read, self.inserted, self.skipped, self.conflicts, self.rejected
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Maps a field path to the file and line it came from.
pub type Locate = Box<dyn Fn(&str) -> (String, u64) + Send>;

/// A receipt read from a file, with where it came from.
pub struct SourcedReceipt {
    pub sale: SaleReceipt,
    /// The file line the receipt starts on.
    pub line: u64,
    /// Where the report for a field path goes (CSV: lines and tenders have rows of their own).
    pub locate: Option<Locate>,
}

impl SourcedReceipt {
    fn report(&self, file: &str, path: &str, reason: String) -> RowReport {
        report_at(self.line, self.locate.as_ref(), &self.sale.receipt.number, file, path, reason)
    }

    /// The sale, and where it came from for reports once the sale itself is with the store.
    fn split(self) -> (SaleReceipt, Origin) {
        (self.sale, Origin { line: self.line, locate: self.locate })
    }
}

/// Where a batched receipt came from.
struct Origin {
    line: u64,
    locate: Option<Locate>,
}

impl Origin {
    fn report(&self, sale: &SaleReceipt, file: &str, path: &str, reason: String) -> RowReport {
        report_at(self.line, self.locate.as_ref(), &sale.receipt.number, file, path, reason)
    }
}

fn report_at(line: u64, locate: Option<&Locate>, number: &str, file: &str, path: &str, reason: String) -> RowReport {
    let (file, line) = match locate {
        Some(f) => f(path),
        None => (file.to_string(), line),
    };
    RowReport {
        file,
        line,
        receipt: Some(number.to_string()),
        kind: "receipt",
        reason,
    }
}

/// What the reading thread hands over: a receipt that passed its own checks, with its content
/// hash, or a report.
enum Checked {
    Receipt(Box<SourcedReceipt>, String),
    Bad(RowReport),
}

/// One item a reader yields: a receipt, or a report for a row that could not be read.
pub enum Item {
    Receipt(Box<SourcedReceipt>),
    Bad(RowReport),
}

/// A stream of receipts from a file. Read on a thread of its own while the store writes.
pub trait ReceiptReader: Send {
    /// The file name used in reports.
    fn name(&self) -> &str;
    /// The next receipt, or `None` at the end. IO errors end the import.
    fn next_item(&mut self) -> Result<Option<Item>, ImportError>;
}

/// Checks a sale beyond what parsing checks: the receipt's own arithmetic (`check_receipt`)
/// and what the store's tables require. Returns the path of the field at fault and why.
pub fn validate_sale(sale: &SaleReceipt) -> Result<(), (String, String)> {
    let split = |msg: String| match msg.split_once(": ") {
        Some((path, why)) => (path.to_string(), why.to_string()),
        None => ("receipt".to_string(), msg),
    };
    check_receipt(&sale.receipt).map_err(|e| split(e.to_string()))?;
    let r: &Receipt = &sale.receipt;
    if sale.store.trim().is_empty() {
        return Err(("receipt.store".into(), "the store code is empty".into()));
    }
    if r.number.trim().is_empty() {
        return Err(("receipt.number".into(), "the receipt number is empty".into()));
    }
    for (i, t) in r.tenders.iter().enumerate() {
        if let Some(f) = &t.card_fingerprint {
            if t.kind != crate::domain::TenderType::Card || f.trim().is_empty() || f.len() > 128 {
                return Err((
                    format!("receipt.tenders[{i}].card_fingerprint"),
                    "only a card tender has a card fingerprint: the payment terminal's token, 1 to 128 characters".into(),
                ));
            }
        }
        if let Some(last4) = &t.card_last4 {
            if t.kind != crate::domain::TenderType::Card {
                return Err((
                    format!("receipt.tenders[{i}].card_last4"),
                    format!("only a card tender has card digits, this one is {}", t.kind),
                ));
            }
            if last4.len() != 4 || !last4.bytes().all(|b| b.is_ascii_digit()) {
                return Err((
                    format!("receipt.tenders[{i}].card_last4"),
                    format!("\"{last4}\" is not the last four digits of a card"),
                ));
            }
        }
    }
    if let Some(FiscalIds { drive, document, sign }) = &sale.fiscal {
        for (name, v) in [("fn", drive), ("i", document), ("fp", sign)] {
            if v.trim().is_empty() {
                return Err((format!("receipt.fiscal.{name}"), "is empty".into()));
            }
        }
    }
    for (i, l) in r.lines.iter().enumerate() {
        if l.line.0 == 0 {
            return Err((format!("receipt.lines[{i}].line"), "line numbers start at 1".into()));
        }
    }
    Ok(())
}

/// A batch on its way into the store, with what it takes to count it when it is back.
struct Written {
    sales: Vec<SaleReceipt>,
    hashes: Vec<String>,
    origins: Vec<Origin>,
    result: crate::store::StoreResult<Vec<ImportOutcome>>,
}

/// A batch being written while the next one fills ([`Database::batches_at_once`]).
type InFlight<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Written> + Send + 'a>>;

/// Runs an import from a reader into the database, reporting every bad row to `report`.
pub struct Importer<'a> {
    db: &'a dyn Database,
    load: ReceiptLoad<'a>,
    batch_size: usize,
    known_stores: HashSet<String>,
    /// (store, number) → file line of its first occurrence, to catch duplicates in the file.
    seen: HashMap<(String, String), u64>,
    /// The batch being filled: sales, their content hashes, where they came from.
    sales: Vec<SaleReceipt>,
    hashes: Vec<String>,
    origins: Vec<Origin>,
    summary: ImportSummary,
    /// Issue 15: receipts read so far, shown on standard error.
    progress: crate::progress::Progress,
    /// The batch still being written, on a store that writes two at once.
    in_flight: Option<InFlight<'a>>,
}

impl<'a> Importer<'a> {
    pub async fn new(db: &'a dyn Database, batch_size: usize) -> Result<Importer<'a>, ImportError> {
        let known_stores = db.stores().await?.into_iter().map(|s| s.code).collect();
        Ok(Importer {
            db,
            load: ReceiptLoad::begin(db).await?,
            batch_size: batch_size.max(1),
            known_stores,
            seen: HashMap::new(),
            sales: Vec::new(),
            hashes: Vec::new(),
            origins: Vec::new(),
            summary: ImportSummary::default(),
            progress: crate::progress::Progress::hidden(),
            in_flight: None,
        })
    }

    /// Shows the receipts read on `progress` (issue 15).
    pub fn with_progress(mut self, progress: crate::progress::Progress) -> Importer<'a> {
        self.progress = progress;
        self
    }

    /// Suspends the card and serial indexes from `receipts` read on (see [`ReceiptLoad`]);
    /// the default is [`crate::store::SUSPEND_FROM`].
    pub async fn suspending_from(mut self, receipts: u64) -> Result<Importer<'a>, ImportError> {
        self.load = ReceiptLoad::begin_with(self.db, receipts).await?;
        Ok(self)
    }

    /// Reads the whole stream. The file is read, parsed and checked on a thread of its own,
    /// a few hundred receipts ahead, while this task writes batches. Lookup indexes a large
    /// load suspended are built again at the end, also when the import stops on an error.
    pub async fn run(
        mut self,
        reader: Box<dyn ReceiptReader>,
        report: &mut dyn FnMut(RowReport),
    ) -> Result<ImportSummary, ImportError> {
        let file = reader.name().to_string();
        // The reader may run up to two batches ahead: the store writes one while the next fills.
        let (tx, rx) = tokio::sync::mpsc::channel((2 * self.batch_size).div_ceil(READ_CHUNK).max(2));
        let ahead = tokio::task::spawn_blocking({
            let file = file.clone();
            move || read_ahead(reader, &file, tx)
        });
        let read = self.read_all(&file, rx, report).await;
        // On an early stop `rx` is gone and the reader ends at its next chunk.
        let _ = ahead.await;
        let suspended = self.load.suspended();
        let index_time = self.load.finish().await;
        self.progress.finish();
        read?;
        let index_time = index_time?;
        self.summary.lookup_index_build = suspended.then_some(index_time);
        Ok(self.summary)
    }

    async fn read_all(
        &mut self,
        file: &str,
        mut items: tokio::sync::mpsc::Receiver<Result<Vec<Checked>, ImportError>>,
        report: &mut dyn FnMut(RowReport),
    ) -> Result<(), ImportError> {
        while let Some(chunk) = items.recv().await {
            let chunk = chunk?;
            self.progress.advance(chunk.len() as u64);
            for item in chunk {
                self.summary.read += 1;
                let (sourced, hash) = match item {
                    Checked::Bad(r) => {
                        self.summary.rejected += 1;
                        report(r);
                        continue;
                    }
                    Checked::Receipt(s, hash) => (*s, hash),
                };
                if let Err(r) = self.admit(file, &sourced) {
                    self.summary.rejected += 1;
                    report(r);
                    continue;
                }
                let (sale, origin) = sourced.split();
                self.sales.push(sale);
                self.hashes.push(hash);
                self.origins.push(origin);
                if self.sales.len() >= self.batch_size {
                    self.flush(file, report).await?;
                }
            }
        }
        self.flush(file, report).await?;
        self.drain(file, report).await
    }

    /// What needs the whole import: the store is set up, the number not seen before in the file.
    /// (Each receipt's own checks ran on the reading thread: [`read_ahead`].)
    fn admit(&mut self, file: &str, s: &SourcedReceipt) -> Result<(), RowReport> {
        let sale = &s.sale;
        if !self.known_stores.contains(&sale.store) {
            return Err(s.report(
                file,
                "receipt.store",
                format!("receipt.store: store {} is not set up (import the store first)", sale.store),
            ));
        }
        let key = (sale.store.clone(), sale.receipt.number.clone());
        if let Some(first) = self.seen.get(&key) {
            return Err(s.report(
                file,
                "receipt.number",
                format!(
                    "receipt.number: {} of store {} appears twice in the file (first on line {first}); the second is not imported",
                    key.1, key.0
                ),
            ));
        }
        self.seen.insert(key, s.line);
        Ok(())
    }

    async fn flush(&mut self, file: &str, report: &mut dyn FnMut(RowReport)) -> Result<(), ImportError> {
        if self.sales.is_empty() {
            return Ok(());
        }
        let sales = std::mem::take(&mut self.sales);
        let hashes = std::mem::take(&mut self.hashes);
        let origins = std::mem::take(&mut self.origins);
        if self.db.batches_at_once() < 2 {
            let result = self.load.import_hashed(&sales, &hashes).await;
            return self.settle(file, Written { sales, hashes, origins, result }, report).await;
        }
        // Issue 15: this batch is written while the one before it finishes, each in a
        // transaction on a connection of its own. A file never holds a number twice (`admit`),
        // so the two never write the same receipt; they are counted in the file's order.
        self.load.before_batch(sales.len()).await?;
        let db = self.db;
        let mut next: InFlight<'a> = Box::pin(async move {
            let result = db.import_hashed(&sales, &hashes).await;
            Written { sales, hashes, origins, result }
        });
        match self.in_flight.take() {
            Some(mut earlier) => {
                tokio::select! {
                    biased;
                    done = &mut earlier => self.settle(file, done, report).await?,
                    done = &mut next => {
                        let earlier = earlier.await;
                        self.settle(file, earlier, report).await?;
                        return self.settle(file, done, report).await;
                    }
                }
            }
            None => {
                // Set it going now: its first statement leaves before the next batch fills.
                let started = std::future::poll_fn(|cx| std::task::Poll::Ready(next.as_mut().poll(cx))).await;
                if let std::task::Poll::Ready(done) = started {
                    return self.settle(file, done, report).await;
                }
            }
        }
        self.in_flight = Some(next);
        Ok(())
    }

    /// Waits for the batch still being written, and counts it.
    async fn drain(&mut self, file: &str, report: &mut dyn FnMut(RowReport)) -> Result<(), ImportError> {
        match self.in_flight.take() {
            Some(batch) => {
                let done = batch.await;
                self.settle(file, done, report).await
            }
            None => Ok(()),
        }
    }

    /// Counts a written batch (or finds the receipts the database refused), then frees it.
    async fn settle(&mut self, file: &str, done: Written, report: &mut dyn FnMut(RowReport)) -> Result<(), ImportError> {
        let Written { sales, hashes, origins, result } = done;
        let settled = self.write(file, &sales, &hashes, &origins, result, report).await;
        // Thousands of small allocations to free: on another thread, off the write path.
        tokio::task::spawn_blocking(move || drop((sales, hashes, origins)));
        settled
    }

    async fn write(
        &mut self,
        file: &str,
        sales: &[SaleReceipt],
        hashes: &[String],
        origins: &[Origin],
        result: crate::store::StoreResult<Vec<ImportOutcome>>,
        report: &mut dyn FnMut(RowReport),
    ) -> Result<(), ImportError> {
        match result {
            Ok(outcomes) => self.count(file, sales, origins, &outcomes, report),
            Err(e) if e.is_database() && sales.len() > 1 => {
                // One receipt the database refuses spoils its whole transaction: find it by
                // importing the batch one receipt at a time.
                for i in 0..sales.len() {
                    let one = i..i + 1;
                    match self.db.import_hashed(&sales[one.clone()], &hashes[one.clone()]).await {
                        Ok(outcomes) => self.count(file, &sales[one.clone()], &origins[one], &outcomes, report),
                        Err(e) if e.is_database() => {
                            self.summary.rejected += 1;
                            let why = format!("receipt: the database refused it: {e}");
                            report(origins[i].report(&sales[i], file, "receipt", why));
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            Err(e) if e.is_database() => {
                self.summary.rejected += 1;
                let why = format!("receipt: the database refused it: {e}");
                report(origins[0].report(&sales[0], file, "receipt", why));
            }
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }

    fn count(
        &mut self,
        file: &str,
        sales: &[SaleReceipt],
        origins: &[Origin],
        outcomes: &[ImportOutcome],
        report: &mut dyn FnMut(RowReport),
    ) {
        for ((sale, origin), outcome) in sales.iter().zip(origins).zip(outcomes) {
            match outcome {
                ImportOutcome::Inserted { .. } => {
                    self.summary.inserted += 1;
                    self.summary.lines_inserted += sale.receipt.lines.len() as u64;
                }
                ImportOutcome::AlreadyPresent { .. } => self.summary.skipped += 1,
                ImportOutcome::NumberConflict { id } => {
                    self.summary.conflicts += 1;
                    report(origin.report(
                        sale,
                        file,
                        "receipt.number",
                        format!(
                            "receipt.number: a different receipt {} of store {} is already stored (id {id}); this one is not imported",
                            sale.receipt.number, sale.store
                        ),
                    ));
                }
            }
        }
    }
}

/// Receipts the reading thread hands over at a time.
const READ_CHUNK: usize = 256;

/// The reading thread: items in chunks, each receipt checked on its own ([`validate_sale`])
/// and hashed; a read error ends the stream after the items before it.
fn read_ahead(
    mut reader: Box<dyn ReceiptReader>,
    file: &str,
    items: tokio::sync::mpsc::Sender<Result<Vec<Checked>, ImportError>>,
) {
    const CHUNK: usize = READ_CHUNK;
    let mut chunk = Vec::with_capacity(CHUNK);
    loop {
        let item = match reader.next_item() {
            Ok(Some(Item::Receipt(s))) => match validate_sale(&s.sale) {
                Ok(()) => {
                    let hash = s.sale.content_hash();
                    Checked::Receipt(s, hash)
                }
                Err((path, why)) => Checked::Bad(s.report(file, &path, format!("{path}: {why}"))),
            },
            Ok(Some(Item::Bad(r))) => Checked::Bad(r),
            Ok(None) => {
                if !chunk.is_empty() {
                    let _ = items.blocking_send(Ok(chunk));
                }
                return;
            }
            Err(e) => {
                if !chunk.is_empty() && items.blocking_send(Ok(std::mem::take(&mut chunk))).is_err() {
                    return;
                }
                let _ = items.blocking_send(Err(e));
                return;
            }
        };
        chunk.push(item);
        if chunk.len() == CHUNK && items.blocking_send(Ok(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))).is_err() {
            return;
        }
    }
}

/// Imports a receipts file (`.jsonl`/`.ndjson` or `.csv`, with a tenders CSV for the latter).
pub async fn import_receipts_file(
    db: &dyn Database,
    path: &Path,
    tenders: Option<&Path>,
    batch_size: usize,
    report: &mut dyn FnMut(RowReport),
) -> Result<ImportSummary, ImportError> {
    import_receipts_file_showing(db, path, tenders, batch_size, report, crate::progress::Progress::hidden()).await
}

/// [`import_receipts_file`], showing the receipts read on `progress` (issue 15).
pub async fn import_receipts_file_showing(
    db: &dyn Database,
    path: &Path,
    tenders: Option<&Path>,
    batch_size: usize,
    report: &mut dyn FnMut(RowReport),
    progress: crate::progress::Progress,
) -> Result<ImportSummary, ImportError> {
    let reader = open_receipts(path, tenders)?;
    let importer = Importer::new(db, batch_size).await?.with_progress(progress);
    importer.run(reader, report).await
}

/// The reader for a receipts file, chosen by its extension.
pub fn open_receipts(path: &Path, tenders: Option<&Path>) -> Result<Box<dyn ReceiptReader>, ImportError> {
    match extension(path).as_str() {
        "jsonl" | "ndjson" | "json" => {
            if tenders.is_some() {
                return Err(ImportError::Input(
                    "--tenders is for CSV receipts; JSON Lines receipts carry their tenders".into(),
                ));
            }
            Ok(Box::new(jsonl::JsonlReceipts::open(path)?))
        }
        "csv" => {
            let tenders = tenders.ok_or_else(|| {
                ImportError::Input(format!(
                    "{}: CSV receipts need their tenders file: --tenders TENDERS.csv",
                    path.display()
                ))
            })?;
            Ok(Box::new(csv_receipts::CsvReceipts::open(path, tenders)?))
        }
        other => Err(ImportError::Input(format!(
            "{}: unknown format \"{other}\" (expected .jsonl or .csv)",
            path.display()
        ))),
    }
}

pub(crate) fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Deserializes with the path of the failing field, prefixed by `prefix` (`receipt.lines[0].qty`).
pub(crate) fn from_value_at<T: serde::de::DeserializeOwned>(
    prefix: &str,
    value: serde_json::Value,
) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        let path = if path == "." || path.is_empty() {
            prefix.to_string()
        } else if path.starts_with('[') {
            format!("{prefix}{path}")
        } else {
            format!("{prefix}.{path}")
        };
        (path, message)
    })
}

/// Builds a sale from one receipt object: the contract's receipt plus `store`, `barcode` and
/// `fiscal`. Errors name the field (`receipt.tenders[1].amount`).
pub fn sale_from_value(value: serde_json::Value) -> Result<SaleReceipt, (String, String)> {
    let serde_json::Value::Object(mut map) = value else {
        return Err(("receipt".into(), "a receipt is a JSON object".into()));
    };
    let store = match map.remove("store") {
        Some(serde_json::Value::String(s)) => s,
        Some(other) => {
            return Err(("receipt.store".into(), format!("expected a store code like \"S01\", got {other}")))
        }
        None => return Err(("receipt.store".into(), "missing field `store`".into())),
    };
    let barcode: Option<String> = match map.remove("barcode") {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => from_value_at("receipt.barcode", v)?,
    };
    let fiscal: Option<FiscalIds> = match map.remove("fiscal") {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => from_value_at("receipt.fiscal", v)?,
    };
    let customer: Option<SaleCustomer> = match map.remove("customer") {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => Some(checked_customer(from_value_at("receipt.customer", v)?)?),
    };
    let receipt: Receipt = from_value_at("receipt", serde_json::Value::Object(map))?;
    Ok(SaleReceipt {
        store,
        receipt,
        barcode,
        fiscal,
        customer: customer.filter(|c| !c.is_empty()),
    })
}

/// Who bought, as the sale recorded it: a phone with at least 6 digits, an e-mail with an `@`,
/// a name of at most 200 characters.
fn checked_customer(c: SaleCustomer) -> Result<SaleCustomer, (String, String)> {
    if let Some(phone) = c.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        if crate::store::phone_key(phone).len() < 6 || phone.chars().any(|ch| !(ch.is_ascii_digit() || " +-()./".contains(ch))) {
            return Err(("receipt.customer.phone".into(), format!("{phone:?} is not a phone number (digits, with + - ( ) . / and spaces)")));
        }
    }
    if let Some(email) = c.email.as_deref().filter(|e| !e.trim().is_empty()) {
        if !email.trim().contains('@') || email.trim().contains(char::is_whitespace) {
            return Err(("receipt.customer.email".into(), format!("{email:?} is not an e-mail address")));
        }
    }
    if c.name.chars().count() > 200 {
        return Err(("receipt.customer.name".into(), "a name of at most 200 characters".into()));
    }
    Ok(c)
}

/// Picks `"number"` out of a receipt object that failed to parse, for the report.
pub(crate) fn number_of(value: &serde_json::Value) -> Option<String> {
    value.get("number")?.as_str().map(str::to_string)
}

/// The `"number": "…"` of a line that is not valid JSON (a cut-short line), if it shows.
pub(crate) fn number_in_text(text: &str) -> Option<String> {
    let at = text.find("\"number\"")? + "\"number\"".len();
    let rest = text[at..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    let number = &rest[..end];
    (!number.is_empty() && !number.contains('\\')).then(|| number.to_string())
}
