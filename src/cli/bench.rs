//! `returndesk bench store --receipts N`: measures (never asserts) the store on a fresh SQLite
//! file: the import rate of generated receipts, then receipt lookups by number through
//! `Database::find_receipt` beside a bare prepared statement on the same file (the floor).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use super::{FAILED, INVALID};
use crate::demo::{seed_demo_with, DemoOptions, Rng, DEMO_BATCH};
use crate::store::sqlite::SqliteDatabase;
use crate::store::{Database, ReceiptKey};

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub what: BenchWhat,
}

#[derive(Subcommand, Debug)]
pub enum BenchWhat {
    /// Import rate and lookup latency of the SQLite store (build with --release).
    Store {
        /// Receipts to generate and import.
        #[arg(long, value_name = "N", default_value_t = 1_000_000)]
        receipts: usize,
        /// The SQLite file to create (must not exist; default: a temporary file, removed after).
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
        /// Lookups by receipt number.
        #[arg(long, value_name = "N", default_value_t = 10_000)]
        lookups: usize,
        /// Receipts per import transaction.
        #[arg(long, value_name = "N", default_value_t = DEMO_BATCH)]
        batch: usize,
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
    /// `returndesk import receipts` end to end: generated sales written to a JSON Lines file,
    /// then read, checked and stored into a fresh SQLite file (build with --release).
    Import {
        /// Receipts to generate into the file.
        #[arg(long, value_name = "N", default_value_t = 1_000_000)]
        receipts: usize,
        /// Receipts per import transaction (as `import receipts --batch`).
        #[arg(long, value_name = "N", default_value_t = crate::import::DEFAULT_BATCH)]
        batch: usize,
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Issue 15: the database to import into, a SQLite path or postgres://… holding no
        /// receipts yet (default: a fresh SQLite file, removed after).
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
    // ---- Issue 15: chain ----
    /// A chain's desks at work: N simulated desks look up, evaluate and confirm partial returns
    /// over HTTP on loopback against `serve`'s router, on SQLite or PostgreSQL (build with
    /// --release). Exit 1 if any line or tender got back more than it paid.
    Chain(super::bench_chain::ChainArgs),
    /// Issue 15: lookup by receipt number on a database that holds receipts already (a SQLite
    /// file or postgres://…, e.g. the one `bench import` or `bench store` filled): the store's
    /// `find_receipt` against the floor, the same rows read by one bare prepared statement on a
    /// connection of its own (also: the same rows in three bare statements, and a lighter
    /// statement without serials, tenders, customer or history flag). Reads only (build with
    /// --release).
    Lookup {
        /// The database: a SQLite path or postgres://…
        #[arg(long, value_name = "LOCATION")]
        db: String,
        /// Lookups by receipt number (random receipts of the database).
        #[arg(long, value_name = "N", default_value_t = 10_000)]
        lookups: usize,
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
    // ---- Issue 13: reports ----
    /// Issue 13: the Reports screen's command per store over 30 days, a quarter and a year, on a
    /// database that holds sales and returns (a SQLite file or postgres://…). Reads only (build
    /// with --release).
    Reports(super::bench_reports::ReportsArgs),
}

pub fn run(args: BenchArgs) -> ExitCode {
    let (receipts, db, lookups, batch, seed) = match args.what {
        BenchWhat::Store { receipts, db, lookups, batch, seed } => (receipts, db, lookups, batch, seed),
        BenchWhat::Import { receipts, batch, seed, db } => return import_file(receipts, batch, seed, db),
        BenchWhat::Chain(args) => return super::bench_chain::run(args),
        BenchWhat::Reports(args) => return super::bench_reports::run(args),
        BenchWhat::Lookup { db, lookups, seed } => {
            return match super::import::runtime().block_on(lookup(&db, lookups, seed)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("returndesk: bench lookup: {e}");
                    ExitCode::from(FAILED)
                }
            };
        }
    };
    let (path, temporary) = match db {
        Some(p) => (p, false),
        None => (std::env::temp_dir().join(format!("returndesk-bench-{}.db", std::process::id())), true),
    };
    if path.exists() {
        eprintln!("returndesk: {} exists: the benchmark writes a fresh file", path.display());
        return ExitCode::from(INVALID);
    }
    let result = super::import::runtime().block_on(store(path.clone(), receipts, lookups, batch, seed));
    if temporary {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("returndesk: bench store: {e}");
            ExitCode::from(FAILED)
        }
    }
}

struct Latency {
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn latency(mut v: Vec<Duration>) -> Latency {
    v.sort();
    let at = |q: f64| v[((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1];
    Latency {
        p50: at(0.50),
        p99: at(0.99),
        max: *v.last().expect("some samples"),
    }
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

async fn store(path: PathBuf, receipts: usize, lookups: usize, batch: usize, seed: u64) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    println!("bench store: {receipts} receipts into a fresh SQLite file {}", path.display());
    let sqlite = SqliteDatabase::open(&path).await.map_err(|e| err(&e))?;
    let pool = sqlite.pool().clone();
    let db: Arc<dyn Database> = Arc::new(sqlite);
    let mut options = DemoOptions::new(receipts, seed);
    options.batch = batch;
    options.progress = crate::progress::Progress::new("bench store: import", "receipts", Some(receipts as u64));
    let summary = seed_demo_with(&db, &options).await.map_err(|e| err(&e))?;
    let import_secs = summary.import_time.as_secs_f64();
    let total_secs = summary.total_time.as_secs_f64();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(format!("{}-wal", path.display())).map(|m| m.len()).unwrap_or(0);

    // The numbers to look up: random, from the file.
    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| err(&e))?;
    let all: Vec<(String, String)> = sqlx::query_as("SELECT store_code, number FROM receipts ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .map_err(|e| err(&e))?;
    let mut rng = Rng::new(seed ^ 0x0100_C0B5);
    let picks: Vec<&(String, String)> = (0..lookups.min(all.len() * 100))
        .map(|_| &all[rng.below(all.len() as u64) as usize])
        .collect();

    // Warm the page cache once, then measure each path over the same numbers.
    for (store, number) in picks.iter().take(200) {
        let _ = db.find_receipt(&ReceiptKey::Number { store: Some(store.clone()), number: number.clone() }).await;
    }
    let mut with_store = Vec::with_capacity(picks.len());
    for (store, number) in &picks {
        let key = ReceiptKey::Number { store: Some(store.clone()), number: number.clone() };
        let t = Instant::now();
        let found = db.find_receipt(&key).await.map_err(|e| err(&e))?;
        with_store.push(t.elapsed());
        if found.is_none() {
            return Err(format!("receipt {number} of {store} not found"));
        }
    }
    // The desk scans a number without its store: `WHERE number = ?` has no index of its own.
    // Measured on fewer numbers (it may scan), then again after ANALYZE, whose statistics let
    // SQLite skip-scan the (store_code, number) index.
    let scan_n = picks.len().min(200);
    let number_only = |db: Arc<dyn Database>, picks: Vec<String>| async move {
        let mut samples = Vec::with_capacity(picks.len());
        for number in picks {
            let key = ReceiptKey::Number { store: None, number: number.clone() };
            let t = Instant::now();
            let found = db.find_receipt(&key).await.map_err(|e| e.to_string())?;
            samples.push(t.elapsed());
            if found.is_none() {
                return Err(format!("receipt {number} not found"));
            }
        }
        Ok::<_, String>(samples)
    };
    let scan_numbers: Vec<String> = picks.iter().take(scan_n).map(|(_, n)| n.clone()).collect();
    let before_analyze = number_only(db.clone(), scan_numbers.clone()).await?;
    let t = Instant::now();
    sqlx::query("ANALYZE").execute(&pool).await.map_err(|e| err(&e))?;
    let analyze_secs = t.elapsed().as_secs_f64();
    let after_analyze = number_only(db.clone(), picks.iter().map(|(_, n)| n.clone()).collect()).await?;
    type LineRow = (i64, String, String, i64, String, String, String, String, i64, i64, i64, i64);
    let mut floor = Vec::with_capacity(picks.len());
    for (store, number) in &picks {
        let t = Instant::now();
        let rows: Vec<LineRow> = sqlx::query_as(
            "SELECT r.id, r.number, r.purchased_at, l.line, l.sku, l.name, l.category, l.brand, l.qty,
                    l.unit_price, l.discount, l.vat_rate
             FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id
             WHERE r.store_code = ? AND r.number = ? ORDER BY l.line",
        )
        .bind(store)
        .bind(number)
        .fetch_all(&mut conn)
        .await
        .map_err(|e| err(&e))?;
        floor.push(t.elapsed());
        if rows.is_empty() {
            return Err(format!("receipt {number} not found by the bare statement"));
        }
    }
    conn.close().await.map_err(|e| err(&e))?;

    println!();
    println!("| measure | value |");
    println!("| --- | --- |");
    println!("| receipts generated / inserted | {} / {} |", summary.receipts, summary.receipts_inserted);
    println!("| receipt lines inserted | {} |", summary.lines_inserted);
    println!("| returns confirmed through the desk | {} |", summary.returns_confirmed);
    println!(
        "| time importing (batches of {batch}), with building the lookup indexes at the end | {import_secs:.1} s |"
    );
    println!("| of which building the lookup indexes | {:.1} s |", summary.lookup_index_build.as_secs_f64());
    println!(
        "| **import rate** | **{:.0} lines/s** ({:.0} receipts/s) |",
        summary.lines_inserted as f64 / import_secs,
        summary.receipts_inserted as f64 / import_secs
    );
    println!(
        "| wall time, generate + import + returns | {total_secs:.1} s ({:.0} lines/s) |",
        summary.lines_inserted as f64 / total_secs
    );
    println!("| database file | {:.0} MB |", size as f64 / 1e6);
    println!("| ANALYZE | {analyze_secs:.1} s |");
    println!();
    println!("| lookup by receipt number ({} random) | p50 | p99 | max |", picks.len());
    println!("| --- | --- | --- | --- |");
    for (name, samples) in [
        ("`find_receipt` store + number (whole StoredReceipt with history)", with_store),
        ("`find_receipt` number only (the desk's scan path), no statistics", before_analyze),
        ("`find_receipt` number only, after ANALYZE (skip-scan)", after_analyze),
        ("floor: one prepared `SELECT … JOIN receipt_lines` on one connection", floor),
    ] {
        let n = samples.len();
        let l = latency(samples);
        println!("| {name} [{n}] | {} | {} | {} |", us(l.p50), us(l.p99), us(l.max));
    }
    Ok(())
}

/// `bench lookup`: the store's lookup by store and number against the floor, on either backend.
async fn lookup(location: &str, lookups: usize, seed: u64) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let db = crate::store::open(location).await.map_err(|e| err(&e))?;
    let postgres = location.starts_with("postgres://") || location.starts_with("postgresql://");
    // The floor's connection, outside the store's pool; the numbers picked through it.
    let mut floor_conn: Box<dyn FloorConnection> = if postgres {
        Box::new(sqlx::PgConnection::connect(location).await.map_err(|e| err(&e))?)
    } else {
        let path = location.strip_prefix("sqlite://").unwrap_or(location);
        Box::new(SqliteConnectOptions::new().filename(path).read_only(true).connect().await.map_err(|e| err(&e))?)
    };
    let all = floor_conn.numbers().await.map_err(|e| err(&e))?;
    if all.is_empty() {
        return Err(format!("{location} holds no receipts (fill it with `bench import --db` first)"));
    }
    let mut rng = Rng::new(seed ^ 0x0100_C0B5);
    let picks: Vec<&(String, String)> = (0..lookups).map(|_| &all[rng.below(all.len() as u64) as usize]).collect();
    println!(
        "bench lookup: {} random numbers of {} receipts on {}",
        picks.len(),
        all.len(),
        if postgres { "PostgreSQL" } else { "SQLite" }
    );
    // Warm every path once, then time them over the same numbers, interleaved (so a pause of
    // the machine falls on all alike).
    for (store, number) in picks.iter().take(200) {
        let _ = db.find_receipt(&ReceiptKey::Number { store: Some(store.clone()), number: number.clone() }).await;
        let _ = floor_conn.receipt(store, number).await;
        let _ = floor_conn.same_rows(store, number).await;
        let _ = floor_conn.same_rows_in_three(store, number).await;
    }
    let mut timed: [Vec<Duration>; 4] = std::array::from_fn(|_| Vec::with_capacity(picks.len()));
    for (store, number) in &picks {
        let key = ReceiptKey::Number { store: Some(store.clone()), number: number.clone() };
        let t = Instant::now();
        let found = db.find_receipt(&key).await.map_err(|e| err(&e))?;
        timed[0].push(t.elapsed());
        let Some(found) = found else {
            return Err(format!("receipt {number} of {store} not found"));
        };
        let t = Instant::now();
        let rows = floor_conn.same_rows_in_three(store, number).await.map_err(|e| err(&e))?;
        timed[1].push(t.elapsed());
        // A receipt nothing was done with: its lines (or their serials) and its tenders, as the
        // store read them.
        if found.history == Default::default() {
            let read = 1 + found.sale.receipt.lines.iter().map(|l| l.serials.len().max(1)).sum::<usize>() + found.sale.receipt.tenders.len();
            if rows != read {
                return Err(format!("receipt {number}: the bare statements read {rows} rows, the store {read}"));
            }
        }
        let t = Instant::now();
        floor_conn.same_rows(store, number).await.map_err(|e| err(&e))?;
        timed[2].push(t.elapsed());
        let t = Instant::now();
        let rows = floor_conn.receipt(store, number).await.map_err(|e| err(&e))?;
        timed[3].push(t.elapsed());
        if rows == 0 {
            return Err(format!("receipt {number} not found by the bare statement"));
        }
    }
    let [s, three, one, light] = timed.map(latency);
    println!();
    println!("| lookup by receipt number ({} random) | p50 | p99 | max | p50 ratio of the store's |", picks.len());
    println!("| --- | --- | --- | --- | --- |");
    println!("| `find_receipt` store + number (whole StoredReceipt with history) | {} | {} | {} | |", us(s.p50), us(s.p99), us(s.max));
    let row = |name: &str, f: &Latency| {
        println!("| {name} | {} | {} | {} | **{:.2}×** |", us(f.p50), us(f.p99), us(f.max), s.p50.as_secs_f64() / f.p50.as_secs_f64());
    };
    row("**floor: the same rows** (receipt, customer, history flag, lines, serials, tenders) by the store's three statements, bare, on one connection", &three);
    row("the same rows in one bare statement (rows of two kinds: a design not taken)", &one);
    row("a lighter floor: `SELECT … JOIN receipt_lines` (no serials, tenders, customer or history flag)", &light);
    Ok(())
}

/// The floor of `bench lookup`: one connection of either backend, outside the store.
#[async_trait::async_trait]
trait FloorConnection: Send {
    /// Every receipt's store and number, in id order.
    async fn numbers(&mut self) -> sqlx::Result<Vec<(String, String)>>;
    /// One receipt's lines with its header, by one prepared statement; answers the rows read.
    async fn receipt(&mut self, store: &str, number: &str) -> sqlx::Result<usize>;
    /// The rows the store's lookup reads in ONE statement (a design the store could take: rows
    /// of two kinds, lines with serials and tenders); answers the rows read.
    async fn same_rows(&mut self, store: &str, number: &str) -> sqlx::Result<usize>;
    /// The rows the store's lookup reads, by the store's own three statements (the receipt with
    /// its history flag, its lines with their serials, its tenders: `src/store/sales.rs`),
    /// bare; answers the rows read.
    async fn same_rows_in_three(&mut self, store: &str, number: &str) -> sqlx::Result<usize>;
}

/// [`FloorConnection::same_rows`]: the receipt found once, then its lines with their serials
/// and its tenders as rows of two kinds. Measured 2026-12-02 against the store's three
/// statements: slower on SQLite (wider rows, two sorts), a little faster on PostgreSQL (one
/// round trip); so the store keeps three.
const RECEIPT_IN_ONE: &str = "WITH found AS (SELECT r.id, r.store_code, r.number, r.purchased_at, r.channel, r.delivered_on, r.currency,
        r.receipt_discount, r.barcode, r.fiscal_fn, r.fiscal_i, r.fiscal_fp, r.return_info_given,
        c.name AS customer_name, c.phone AS customer_phone, c.email AS customer_email,
        (EXISTS (SELECT 1 FROM returns x WHERE x.receipt_id = r.id)
         OR EXISTS (SELECT 1 FROM return_lines x WHERE x.receipt_id = r.id)
         OR EXISTS (SELECT 1 FROM warranty_claims x WHERE x.receipt_id = r.id)
         OR EXISTS (SELECT 1 FROM exchange_moves x WHERE x.receipt_id = r.id)
         OR EXISTS (SELECT 1 FROM goodwill_refunds x WHERE x.receipt_id = r.id)) AS has_history
    FROM receipts r LEFT JOIN receipt_customers c ON c.receipt_id = r.id WHERE r.store_code = $1 AND r.number = $2)
 SELECT found.*, CAST(0 AS BIGINT) AS part, l.line AS line, l.sku, l.name, l.category, l.brand, l.qty, l.unit_price AS amount,
        l.discount, l.vat_rate, s.serial AS detail, NULL AS kind, s.position AS position
 FROM found JOIN receipt_lines l ON l.receipt_id = found.id
 LEFT JOIN receipt_line_serials s ON s.receipt_id = l.receipt_id AND s.line = l.line
 UNION ALL
 SELECT found.*, 1, NULL, NULL, NULL, NULL, NULL, NULL, t.amount, NULL, NULL, t.card_last4, t.type, t.seq
 FROM found JOIN receipt_tenders t ON t.receipt_id = found.id
 ORDER BY part, line, position, detail";


type FloorRow = (i64, String, i64, String, String, String, String, i64, rust_decimal::Decimal, rust_decimal::Decimal);

#[async_trait::async_trait]
impl FloorConnection for sqlx::PgConnection {
    async fn same_rows(&mut self, store: &str, number: &str) -> sqlx::Result<usize> {
        Ok(sqlx::query(RECEIPT_IN_ONE).bind(store).bind(number).fetch_all(self).await?.len())
    }
    async fn same_rows_in_three(&mut self, store: &str, number: &str) -> sqlx::Result<usize> {
        let Some(receipt) = sqlx::query(crate::store::RECEIPT_BY_NUMBER).bind(store).bind(number).fetch_optional(&mut *self).await? else {
            return Ok(0);
        };
        let id: i64 = sqlx::Row::try_get(&receipt, 0)?;
        let lines = sqlx::query(crate::store::LINES_WITH_SERIALS).bind(id).fetch_all(&mut *self).await?.len();
        Ok(1 + lines + sqlx::query(crate::store::TENDERS).bind(id).fetch_all(&mut *self).await?.len())
    }
    async fn numbers(&mut self) -> sqlx::Result<Vec<(String, String)>> {
        sqlx::query_as("SELECT store_code, number FROM receipts ORDER BY id").fetch_all(self).await
    }
    async fn receipt(&mut self, store: &str, number: &str) -> sqlx::Result<usize> {
        let rows: Vec<FloorRow> = sqlx::query_as(
            "SELECT r.id, r.number, l.line, l.sku, l.name, l.category, l.brand, l.qty, l.unit_price, l.discount
             FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id
             WHERE r.store_code = $1 AND r.number = $2 ORDER BY l.line",
        )
        .bind(store)
        .bind(number)
        .fetch_all(self)
        .await?;
        Ok(rows.len())
    }
}

#[async_trait::async_trait]
impl FloorConnection for sqlx::SqliteConnection {
    async fn same_rows(&mut self, store: &str, number: &str) -> sqlx::Result<usize> {
        Ok(sqlx::query(RECEIPT_IN_ONE).bind(store).bind(number).fetch_all(self).await?.len())
    }
    async fn same_rows_in_three(&mut self, store: &str, number: &str) -> sqlx::Result<usize> {
        let Some(receipt) = sqlx::query(crate::store::RECEIPT_BY_NUMBER).bind(store).bind(number).fetch_optional(&mut *self).await? else {
            return Ok(0);
        };
        let id: i64 = sqlx::Row::try_get(&receipt, 0)?;
        let lines = sqlx::query(crate::store::LINES_WITH_SERIALS).bind(id).fetch_all(&mut *self).await?.len();
        Ok(1 + lines + sqlx::query(crate::store::TENDERS).bind(id).fetch_all(&mut *self).await?.len())
    }
    async fn numbers(&mut self) -> sqlx::Result<Vec<(String, String)>> {
        sqlx::query_as("SELECT store_code, number FROM receipts ORDER BY id").fetch_all(self).await
    }
    async fn receipt(&mut self, store: &str, number: &str) -> sqlx::Result<usize> {
        type Row = (i64, String, i64, String, String, String, String, i64, i64, i64);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT r.id, r.number, l.line, l.sku, l.name, l.category, l.brand, l.qty, l.unit_price, l.discount
             FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id
             WHERE r.store_code = ? AND r.number = ? ORDER BY l.line",
        )
        .bind(store)
        .bind(number)
        .fetch_all(self)
        .await?;
        Ok(rows.len())
    }
}

/// Times `import receipts` on a JSON Lines file of `receipts` generated sales.
fn import_file(receipts: usize, batch: usize, seed: u64, db: Option<String>) -> ExitCode {
    let dir = std::env::temp_dir().join(format!("returndesk-bench-import-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir(&dir) {
        eprintln!("returndesk: bench import: {}: {e}", dir.display());
        return ExitCode::from(FAILED);
    }
    let result = super::import::runtime().block_on(import_file_in(&dir, receipts, batch, seed, db));
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("returndesk: bench import: {e}");
            ExitCode::from(FAILED)
        }
    }
}

async fn import_file_in(dir: &std::path::Path, receipts: usize, batch: usize, seed: u64, db: Option<String>) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let sales = dir.join("sales.jsonl");
    let location = db.unwrap_or_else(|| dir.join("desk.db").to_string_lossy().into_owned());
    let backend = if location.starts_with("postgres") { "PostgreSQL" } else { "SQLite" };
    println!("bench import: {receipts} generated receipts as JSON Lines into {backend}");
    let t = Instant::now();
    let mut out = std::io::BufWriter::new(std::fs::File::create(&sales).map_err(|e| err(&e))?);
    let options = DemoOptions::new(receipts, seed);
    let (written, lines) = crate::demo::write_demo_sales(&options, &mut out).map_err(|e| err(&e))?;
    std::io::Write::flush(&mut out).map_err(|e| err(&e))?;
    drop(out);
    let write_secs = t.elapsed().as_secs_f64();
    let file_size = std::fs::metadata(&sales).map(|m| m.len()).unwrap_or(0);

    // The stores, policy and people the receipts refer to; no receipts.
    let db: Arc<dyn Database> = crate::store::open(&location).await.map_err(|e| err(&e))?;
    if db.receipt_count().await.map_err(|e| err(&e))? > 0 {
        return Err(format!("{location} holds receipts already: the benchmark imports into an empty store"));
    }
    seed_demo_with(&db, &DemoOptions::new(0, seed)).await.map_err(|e| err(&e))?;

    let t = Instant::now();
    let mut reported = 0u64;
    let progress = crate::progress::Progress::new("bench import", "receipts", Some(written));
    let summary = crate::import::import_receipts_file_showing(db.as_ref(), &sales, None, batch, &mut |_| reported += 1, progress)
        .await
        .map_err(|e| err(&e))?;
    let secs = t.elapsed().as_secs_f64();
    if summary.inserted != written || reported != 0 {
        return Err(format!("expected {written} receipts stored and no reports, got: {summary}; {reported} reports"));
    }
    println!();
    println!("| measure | value |");
    println!("| --- | --- |");
    println!("| file | {written} receipts, {lines} lines, {:.0} MB (written in {write_secs:.1} s) |", file_size as f64 / 1e6);
    println!("| `import_receipts_file`: read, parse, check, store (batches of {batch}) | {secs:.1} s |");
    if let Some(took) = summary.lookup_index_build {
        println!("| of which building the lookup indexes | {:.1} s |", took.as_secs_f64());
    }
    println!(
        "| **import rate** | **{:.0} lines/s** ({:.0} receipts/s) |",
        summary.lines_inserted as f64 / secs,
        summary.inserted as f64 / secs
    );
    Ok(())
}
