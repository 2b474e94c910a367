//! A realistic demo store: three shops (Sofia, Athens, Moscow), a catalogue of about 300
//! products, the conformance suite's policy, three users (a clerk, a manager and an
//! administrator), two desks per shop, N receipts over the two years before today and some
//! returns confirmed through the desk, so the history is real.
//!
//! Deterministic for a given seed and day: the same `(receipts, seed, today)` gives the same
//! receipts, numbers and returns. Receipts go through the import path
//! ([`Database::import_receipts`]) in large batches, generated on a thread of their own while
//! the previous batch is written.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::contract::PolicyDocument;
use crate::domain::{
    Channel, Condition, Currency, Jurisdiction, LineNo, Money, Percent, Quantity, Receipt,
    ReceiptLine, RequestLine, Resolution, ReturnReason, ReturnRequest, Tender, TenderType,
};
use crate::service::{Desk, DeskError, ReturnDraft};
use crate::store::{ReceiptLoad, SaleCustomer, 
    Database, FiscalIds, ImportOutcome, NewUser, Product, Role, SaleReceipt, StoreError,
    StoreProfile,
};

/// The policy every demo store uses, in force from 2024-01-01.
pub const DEMO_POLICY_ID: &str = "standard";
/// Receipts per transaction.
pub const DEMO_BATCH: usize = 20_000;

const POLICY_CASE: &str = include_str!("../tests/conformance/001-change-of-mind-within-window.json");

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("return: {0}")]
    Desk(#[from] DeskError),
    #[error("{0}")]
    Setup(String),
}

/// What the demo put in the database.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DemoSummary {
    pub stores: usize,
    pub products: usize,
    pub users: usize,
    pub terminals: usize,
    /// Receipts generated.
    pub receipts: u64,
    pub receipts_inserted: u64,
    /// Already in the database (a second run with the same seed and day).
    pub receipts_skipped: u64,
    pub receipt_conflicts: u64,
    /// Receipt lines generated.
    pub lines: u64,
    pub lines_inserted: u64,
    pub returns_confirmed: u64,
    /// Returns the desk refused (none expected; kept for the record).
    pub returns_refused: u64,
    /// Time spent writing receipts (inside `import_receipts`), with building the lookup
    /// indexes at the end of a large load.
    #[serde(with = "secs")]
    pub import_time: Duration,
    /// Of which building the lookup indexes (zero for a small load, which keeps them up).
    #[serde(with = "secs")]
    pub lookup_index_build: Duration,
    #[serde(with = "secs")]
    pub total_time: Duration,
    /// A receipt number from the data, to try a lookup with.
    pub sample_number: Option<String>,
}

mod secs {
    pub fn serialize<S: serde::Serializer>(d: &std::time::Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(d.as_secs_f64())
    }
}

#[derive(Clone, Debug)]
pub struct DemoOptions {
    pub receipts: usize,
    pub seed: u64,
    /// Receipts span the two years before this day.
    pub today: NaiveDate,
    pub batch: usize,
    /// Returns to confirm: `None` picks about one receipt in a hundred (at most 2,000).
    pub returns: Option<usize>,
    /// Issue 15: receipts written so far, shown on standard error (hidden by default).
    pub progress: crate::progress::Progress,
}

impl DemoOptions {
    pub fn new(receipts: usize, seed: u64) -> DemoOptions {
        DemoOptions {
            receipts,
            seed,
            // Issue 15: the demo store's today (Sofia), on the desk's clock (RETURNDESK_NOW fixes it).
            today: crate::service::DeskClock::from_env().now_in(chrono_tz::Tz::Europe__Sofia).date(),
            batch: DEMO_BATCH,
            returns: None,
            progress: crate::progress::Progress::hidden(),
        }
    }
}

/// Fills `db` with the demo store (see the module docs) and `receipts` receipts.
pub async fn seed_demo(db: &Arc<dyn Database>, receipts: usize, seed: u64) -> Result<DemoSummary, DemoError> {
    seed_demo_with(db, &DemoOptions::new(receipts, seed)).await
}

pub async fn seed_demo_with(db: &Arc<dyn Database>, options: &DemoOptions) -> Result<DemoSummary, DemoError> {
    let started = Instant::now();
    let mut summary = DemoSummary::default();

    // The policy, the shops, the people and the desks.
    let policy = demo_policy()?;
    let effective = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
    match db.policy_in_force(DEMO_POLICY_ID, effective).await? {
        Some(p) if p.effective_from == effective => {}
        _ => {
            db.put_policy_version(DEMO_POLICY_ID, effective, &policy).await?;
        }
    }
    for store in demo_stores() {
        db.put_store(&store).await?;
        summary.stores += 1;
        for desk in ["DESK-1", "DESK-2"] {
            db.put_terminal(&store.code, desk).await?;
            summary.terminals += 1;
        }
    }
    let catalogue = catalogue();
    let products: Vec<Product> = catalogue.iter().map(|p| p.product.clone()).collect();
    db.put_products(&products).await?;
    summary.products = products.len();
    let mut clerk_id = 0;
    for (login, name, role, pin) in [
        ("maria", "Maria Ivanova", Role::Clerk, "1234"),
        ("georgi", "Georgi Petrov", Role::Manager, "9999"),
        ("elena", "Elena Dimitrova", Role::Administrator, "4826"),
    ] {
        let id = db
            .put_user(&NewUser {
                store_code: None,
                login: login.into(),
                display_name: name.into(),
                role,
                pin_hash: hash_pin(pin)?,
                refund_limit: None,
                approval_limit: None,
            })
            .await?;
        if role == Role::Clerk {
            clerk_id = id;
        }
        summary.users += 1;
    }
    let terminal_id = db.put_terminal("S01", "DESK-1").await?;

    // The receipts: generated on a thread of their own, written batch by batch.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<GeneratedBatch>(2);
    let mut generator = Generator::new(options, catalogue);
    let producer = std::thread::spawn(move || {
        while let Some(batch) = generator.next_batch() {
            if tx.blocking_send(batch).is_err() {
                break;
            }
        }
    });
    let mut returns: Vec<(i64, PlannedReturn)> = Vec::new();
    let mut load = ReceiptLoad::begin(db.as_ref()).await?;
    let mut loaded = Ok(());
    while let Some(batch) = rx.recv().await {
        summary.receipts += batch.sales.len() as u64;
        summary.lines += batch.sales.iter().map(|s| s.receipt.lines.len() as u64).sum::<u64>();
        if summary.sample_number.is_none() {
            summary.sample_number = batch.sales.first().map(|s| s.receipt.number.clone());
        }
        let t = Instant::now();
        let outcomes = match load.import_hashed(&batch.sales, &batch.hashes).await {
            Ok(outcomes) => outcomes,
            Err(e) => {
                loaded = Err(e);
                break;
            }
        };
        summary.import_time += t.elapsed();
        options.progress.advance(batch.sales.len() as u64);
        for (sale, outcome) in batch.sales.iter().zip(&outcomes) {
            match outcome {
                ImportOutcome::Inserted { .. } => {
                    summary.receipts_inserted += 1;
                    summary.lines_inserted += sale.receipt.lines.len() as u64;
                }
                ImportOutcome::AlreadyPresent { .. } => summary.receipts_skipped += 1,
                ImportOutcome::NumberConflict { .. } => summary.receipt_conflicts += 1,
            }
        }
        for (index, planned) in batch.returns {
            if let Some(ImportOutcome::Inserted { id } | ImportOutcome::AlreadyPresent { id }) = outcomes.get(index) {
                returns.push((*id, planned));
            }
        }
    }
    drop(rx);
    options.progress.finish();
    // The lookup indexes a large load suspended are built again, also after a failed batch;
    // the time counts as import time.
    let index_time = load.finish().await;
    loaded?;
    let index_time = index_time?;
    summary.import_time += index_time;
    summary.lookup_index_build = index_time;
    producer
        .join()
        .map_err(|_| DemoError::Setup("the receipt generator panicked".into()))?;

    // Returns, through the desk: judged and recorded like at the counter, on the store's clock
    // (RETURNDESK_NOW is a wall time of the store, as for `serve`: recorded at 10:00 in Sofia
    // where it says 10:00, not at 10:00 UTC).
    let desk = Desk::new(db.clone()).in_stores_zone().await?;
    for (i, (receipt_id, planned)) in returns.into_iter().enumerate() {
        let draft = ReturnDraft {
            receipt_id,
            request: planned.request,
            claims: Vec::new(),
        };
        let key = format!("demo-{}-{}", options.seed, i + 1);
        // Recorded when it was decided: the desk's clock stands at the instant of that wall time
        // in the receipt's store, so the returns are spread over the history as the reports read
        // them. One planned for later today (up to 18:00), or at a wall time the clocks skip, is
        // recorded now: nothing is recorded ahead of the desk's clock.
        let zone = desk.zone_of(&planned.store).await?;
        let desk = match crate::service::clock::instant_of(planned.now, zone) {
            Ok(at) if at <= desk.clock().instant() => desk.clone().with_clock(crate::service::DeskClock::frozen(at)),
            _ => desk.clone(),
        };
        let mut result = desk.confirm(&draft, &key, clerk_id, Some(terminal_id), planned.now).await;
        // A manager's approval, asked for now, or given when this demo ran before (the key is
        // then bound to the approved request, and answers that return again).
        if let Err(DeskError::ManagerRequired { .. } | DeskError::IdempotencyKeyReused) = result {
            // The demo manager approves at the desk, as a real one would for a good customer.
            if let Some(manager) = db.user_by_login("georgi").await.map_err(DeskError::from)? {
                let decision = crate::service::ManagerDecision {
                    manager,
                    approve: true,
                    reason: "regular customer, goods as new".into(),
                    ruling: crate::domain::ManagerRuling { grant_approvals: true, ..Default::default() },
                };
                result = desk
                    .confirm_with_manager(&draft, &key, clerk_id, Some(terminal_id), planned.now, Some(&decision))
                    .await;
            }
        }
        match result {
            Ok(confirmed) => {
                summary.returns_confirmed += 1;
                // The desk timed it from its scan of the receipt, as a real one does: from 45 s
                // to about ten minutes (drawn from the return's number, so the receipts and
                // returns stay what this seed always made).
                if confirmed.created {
                    let took = chrono::Duration::seconds(45 + (i as i64 * 7919 + (options.seed % 556) as i64) % 556);
                    desk.record_scan(confirmed.record.id, confirmed.record.created_at - took).await?;
                }
            }
            // As at a real desk: what needs a manager or asks for more than is left is
            // not recorded.
            Err(
                DeskError::Rejected(_)
                | DeskError::InvalidReturn(_)
                | DeskError::ManagerRequired { .. }
                | DeskError::QtyExceedsRemaining { .. },
            ) => summary.returns_refused += 1,
            Err(e) => return Err(e.into()),
        }
    }
    summary.total_time = started.elapsed();
    Ok(summary)
}

/// An argon2id PHC string for a PIN.
/// Writes `options.receipts` generated sales as JSON Lines, the format
/// `returndesk import receipts` reads (the same receipts `seed_demo_with` stores). Answers the
/// receipts and lines written.
pub fn write_demo_sales(options: &DemoOptions, out: &mut dyn std::io::Write) -> std::io::Result<(u64, u64)> {
    let mut generator = Generator::new(options, catalogue());
    let (mut receipts, mut lines) = (0, 0);
    while let Some(batch) = generator.next_batch() {
        for sale in &batch.sales {
            serde_json::to_writer(&mut *out, sale)?;
            out.write_all(b"\n")?;
            receipts += 1;
            lines += sale.receipt.lines.len() as u64;
        }
    }
    Ok((receipts, lines))
}

pub fn hash_pin(pin: &str) -> Result<String, DemoError> {
    use argon2::password_hash::PasswordHasher;
    argon2::Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| DemoError::Setup(format!("hashing a PIN: {e}")))
}

/// The policy of the conformance suite's first case.
pub fn demo_policy() -> Result<PolicyDocument, DemoError> {
    let case: serde_json::Value =
        serde_json::from_str(POLICY_CASE).map_err(|e| DemoError::Setup(format!("demo policy: {e}")))?;
    let policy = case["case"]["policy"].clone();
    let document: PolicyDocument =
        serde_json::from_value(policy).map_err(|e| DemoError::Setup(format!("demo policy: {e}")))?;
    document
        .clone()
        .into_policy()
        .map_err(|e| DemoError::Setup(format!("demo policy: {e}")))?;
    Ok(document)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// S01 Sofia (BG, EUR), S02 Athens (GR, EUR), S03 Moscow (RU, RUB). The law's public holidays
/// are computed for every year (`domain::holidays`); each store lists only the days its
/// government decreed for one year.
pub fn demo_stores() -> Vec<StoreProfile> {
    vec![
        StoreProfile {
            code: "S01".into(),
            name: "Return Desk Sofia".into(),
            address: "bul. Vitosha 12, 1000 Sofia".into(),
            jurisdiction: Jurisdiction::BG,
            currency: Currency::EUR,
            time_zone: "Europe/Sofia".into(),
            // The Council of Ministers' days off for the euro changeover.
            holidays: vec![day(2025, 12, 31), day(2026, 1, 2)],
            working_days: Vec::new(),
            claim_target_days: Default::default(),
            policy_id: DEMO_POLICY_ID.into(),
        },
        StoreProfile {
            code: "S02".into(),
            name: "Return Desk Athens".into(),
            address: "Ermou 25, 105 63 Athens".into(),
            jurisdiction: Jurisdiction::GR,
            currency: Currency::EUR,
            time_zone: "Europe/Athens".into(),
            // Labour Day, set each year by the Ministry of Labour's decision.
            holidays: vec![day(2025, 5, 1), day(2026, 5, 1)],
            working_days: Vec::new(),
            claim_target_days: Default::default(),
            policy_id: DEMO_POLICY_ID.into(),
        },
        StoreProfile {
            code: "S03".into(),
            name: "Return Desk Moscow".into(),
            address: "ul. Tverskaya 7, 125009 Moscow".into(),
            jurisdiction: Jurisdiction::RU,
            currency: Currency::RUB,
            time_zone: "Europe/Moscow".into(),
            // The government's transfers (decree of 24.09.2025 for 2026, No. 1335 for 2025):
            // days off, and the substitute days and Saturday it made working.
            holidays: vec![day(2025, 5, 2), day(2025, 5, 8), day(2025, 6, 13), day(2025, 11, 3), day(2025, 12, 31), day(2026, 1, 9), day(2026, 12, 31)],
            working_days: vec![day(2025, 2, 24), day(2025, 3, 10), day(2025, 11, 1)],
            claim_target_days: Default::default(),
            policy_id: DEMO_POLICY_ID.into(),
        },
    ]
}

/// A catalogue entry with its euro price.
#[derive(Clone, Debug)]
pub struct DemoProduct {
    pub product: Product,
    pub price_eur_cents: i64,
}

/// About 300 products over seven categories; the conformance suite's TV-55, HDMI-2M,
/// SHAVER-X and BATT-AA among them.
pub fn catalogue() -> Vec<DemoProduct> {
    // (category, sku prefix, item, brands, price range in euro, serial tracked)
    type Item = (&'static str, &'static str, &'static str, &'static [&'static str], (i64, i64), bool);
    const ITEMS: &[Item] = &[
        ("electronics", "TV", "Television", &["Acme", "Visio", "Lumen"], (249, 1499), true),
        ("electronics", "PHONE", "Smartphone", &["Acme", "Nordika", "Orbit"], (149, 1199), true),
        ("electronics", "LAPTOP", "Laptop", &["Acme", "Orbit", "Kvant"], (399, 1899), true),
        ("electronics", "TAB", "Tablet", &["Orbit", "Nordika"], (129, 899), true),
        ("electronics", "HP", "Headphones", &["Acme", "Sonora", "Linka"], (19, 349), false),
        ("electronics", "SPK", "Bluetooth speaker", &["Sonora", "Volt"], (25, 299), false),
        ("electronics", "CAM", "Camera", &["Lumen", "Orbit"], (199, 1299), true),
        ("electronics", "MON", "Monitor", &["Visio", "Kvant"], (119, 699), true),
        ("accessories", "HDMI", "HDMI cable", &["Linka", "Volt"], (5, 25), false),
        ("accessories", "USBC", "USB-C charger", &["Linka", "Volt", "Acme"], (12, 59), false),
        ("accessories", "CASE", "Phone case", &["Linka", "Nordika"], (8, 39), false),
        ("accessories", "MOUSE", "Wireless mouse", &["Kvant", "Linka"], (9, 79), false),
        ("accessories", "KB", "Keyboard", &["Kvant", "Orbit"], (19, 149), false),
        ("accessories", "SD", "Memory card", &["Volt", "Orbit"], (7, 69), false),
        ("appliances", "KETTLE", "Electric kettle", &["Hera", "Domo"], (19, 89), false),
        ("appliances", "MIX", "Hand mixer", &["Hera", "Domo"], (25, 129), false),
        ("appliances", "TOAST", "Toaster", &["Hera", "Domo"], (19, 79), false),
        ("appliances", "VAC", "Vacuum cleaner", &["Domo", "Acme"], (79, 549), true),
        ("appliances", "COFFEE", "Coffee machine", &["Hera", "Barista"], (69, 899), true),
        ("appliances", "MWAVE", "Microwave oven", &["Domo", "Hera"], (69, 249), true),
        ("apparel", "TSHIRT", "T-shirt", &["Nordwear", "Pulse"], (9, 35), false),
        ("apparel", "JEANS", "Jeans", &["Nordwear", "Denimo"], (29, 119), false),
        ("apparel", "JACKET", "Winter jacket", &["Nordwear", "Pulse"], (59, 299), false),
        ("apparel", "SNEAK", "Sneakers", &["Pulse", "Stride"], (39, 159), false),
        ("apparel", "SOCKS", "Socks 3-pack", &["Stride", "Nordwear"], (5, 15), false),
        ("personal_care", "SHAVER", "Electric shaver", &["Brio", "Acme"], (29, 199), true),
        ("personal_care", "BRUSH", "Electric toothbrush", &["Brio", "Dento"], (19, 149), false),
        ("personal_care", "DRYER", "Hair dryer", &["Brio", "Hera"], (19, 129), false),
        ("personal_care", "TRIM", "Beard trimmer", &["Brio", "Acme"], (15, 89), false),
        ("consumables", "BATT", "Batteries", &["Volt", "Acme"], (3, 19), false),
        ("consumables", "INK", "Printer ink", &["Kvant", "Orbit"], (12, 49), false),
        ("consumables", "BULB", "LED bulb", &["Lumen", "Volt"], (3, 15), false),
        ("consumables", "CAPS", "Coffee capsules", &["Barista", "Hera"], (4, 12), false),
        ("toys", "BRICKS", "Building bricks set", &["Blokko", "Toyland"], (9, 149), false),
        ("toys", "PUZZLE", "Puzzle 1000 pieces", &["Toyland", "Mindo"], (9, 29), false),
        ("toys", "RCCAR", "Remote-control car", &["Toyland", "Volt"], (19, 99), false),
        ("toys", "GAME", "Board game", &["Mindo", "Toyland"], (15, 59), false),
        ("toys", "DOLL", "Doll", &["Toyland", "Blokko"], (9, 49), false),
    ];
    let mut out = vec![
        fixed("TV-55", "Television 55in", "electronics", "Acme", 89900, true),
        fixed("HDMI-2M", "HDMI cable 2 m", "accessories", "Linka", 999, false),
        fixed("SHAVER-X", "Electric shaver", "personal_care", "Brio", 7990, true),
        fixed("BATT-AA", "AA batteries 4-pack", "consumables", "Volt", 549, false),
    ];
    // Eight variants per item; a fixed small generator so the catalogue never changes.
    let mut rng = Rng::new(0x5EED_CA7A_1060);
    for &(category, prefix, item, brands, (lo, hi), serial) in ITEMS {
        for v in 1..=8u32 {
            let brand = brands[(v as usize - 1) % brands.len()];
            let euros = lo + (rng.below((hi - lo + 1) as u64) as i64);
            let cents = euros * 100 - if euros > 20 { 1 } else { 51 };
            let variant = match category {
                "apparel" => ["XS", "S", "M", "L", "XL", "XXL", "M blue", "L black"][v as usize - 1].to_string(),
                _ => format!("model {}", 100 * v + rng.below(90) as u32),
            };
            out.push(DemoProduct {
                product: Product {
                    sku: format!("{prefix}-{}{v:02}", &brand[..2].to_ascii_uppercase()),
                    name: format!("{item} {brand} {variant}"),
                    category: category.into(),
                    brand: brand.into(),
                    serial_tracked: serial,
                    unit_price: Some(crate::domain::Money::from_cents(cents.max(99))),
                    currency: Some(crate::domain::Currency::EUR),
                    vat_rate: Some(crate::domain::Percent::parse("20").expect("a rate")),
                    barcode: None,
                },
                price_eur_cents: cents.max(99),
            });
        }
    }
    out
}

fn fixed(sku: &str, name: &str, category: &str, brand: &str, cents: i64, serial: bool) -> DemoProduct {
    DemoProduct {
        product: Product {
            sku: sku.into(),
            name: name.into(),
            category: category.into(),
            brand: brand.into(),
            serial_tracked: serial,
            unit_price: Some(crate::domain::Money::from_cents(cents)),
            currency: Some(crate::domain::Currency::EUR),
            vat_rate: Some(crate::domain::Percent::parse("20").expect("a rate")),
            barcode: None,
        },
        price_eur_cents: cents,
    }
}

/// SplitMix64: small, fast, and the same sequence on every platform and version.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// True with probability `percent / 100`.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct PlannedReturn {
    /// The store where the receipt was rung up: its clock is the one the return is recorded on.
    store: String,
    now: NaiveDateTime,
    request: ReturnRequest,
}

struct GeneratedBatch {
    sales: Vec<SaleReceipt>,
    /// `SaleReceipt::content_hash` of each sale.
    hashes: Vec<String>,
    /// (index in `sales`, the return to confirm once it is stored)
    returns: Vec<(usize, PlannedReturn)>,
}

struct Generator {
    rng: Rng,
    total: usize,
    next: usize,
    batch: usize,
    start: NaiveDate,
    today: NaiveDate,
    days: u64,
    return_every: usize,
    catalogue: Vec<DemoProduct>,
    /// (store index, year) → last receipt number used
    sequences: HashMap<(usize, i32), u32>,
    fiscal_document: u64,
    vat: Vat,
}

/// The VAT rates the demo uses.
#[derive(Clone, Copy, Debug)]
struct Vat {
    standard_bg_ru: Percent,
    standard_gr: Percent,
    reduced_gr: Percent,
    reduced_ru: Percent,
}

impl Vat {
    fn new() -> Vat {
        let p = |r: &str| Percent::parse(r).expect("a rate");
        Vat {
            standard_bg_ru: p("20"),
            standard_gr: p("24"),
            reduced_gr: p("13"),
            reduced_ru: p("10"),
        }
    }

    fn rate(self, store: usize, category: &str) -> Percent {
        match (store, category) {
            (1, "consumables") => self.reduced_gr,
            (1, _) => self.standard_gr,
            (2, "toys") => self.reduced_ru,
            _ => self.standard_bg_ru,
        }
    }
}

/// A euro catalogue price in the receipt's currency.
fn price(eur_cents: i64, currency: Currency) -> i64 {
    match currency {
        Currency::EUR => eur_cents,
        // Leva at the fixed rate, rounded to the stotinka.
        Currency::BGN => (eur_cents * 195_583 + 50_000) / 100_000,
        // Whole roubles, about 95 to the euro.
        Currency::RUB => ((eur_cents * 95 + 50) / 100).max(1) * 100,
    }
}

const STORES: [&str; 3] = ["S01", "S02", "S03"];

/// One sale in four names its customer, as a loyalty card would: a name of the store's country
/// and a mobile number made from the sale's place in the file (no draw from the generator, so
/// the sales themselves stay as they were).
fn loyalty_customer(store: usize, i: usize) -> Option<SaleCustomer> {
    if i % 4 != 1 {
        return None;
    }
    const NAMES: [[&str; 6]; 3] = [
        ["Иван Петров", "Мария Георгиева", "Николай Димитров", "Елена Стоянова", "Георги Иванов", "Десислава Колева"],
        ["Γιώργος Παπαδόπουλος", "Μαρία Νικολάου", "Κώστας Γεωργίου", "Ελένη Δημητρίου", "Νίκος Ιωάννου", "Σοφία Αλεξίου"],
        ["Иван Смирнов", "Анна Кузнецова", "Дмитрий Попов", "Ольга Соколова", "Сергей Волков", "Татьяна Морозова"],
    ];
    // Each customer comes back: the same few hundred numbers per store.
    let who = (i / 4) % 600;
    let phone = match store {
        0 => format!("+359 88 {:03} {:04}", 100 + who % 900, 1000 + who),
        1 => format!("+30 69 {:04} {:04}", 1000 + who, 2000 + who),
        _ => format!("+7 916 {:03}-{:02}-{:02}", 100 + who % 900, who % 100, (who / 100) % 100),
    };
    Some(SaleCustomer { name: NAMES[store][who % 6].into(), phone: Some(phone), email: None })
}

impl Generator {
    fn new(options: &DemoOptions, catalogue: Vec<DemoProduct>) -> Generator {
        let days = 730u64;
        let start = options.today - Days::new(days);
        let returns = options
            .returns
            .unwrap_or_else(|| (options.receipts / 100).clamp(options.receipts.min(3), 2000));
        let return_every = options.receipts.checked_div(returns).map_or(usize::MAX, |n| n.max(1));
        Generator {
            rng: Rng::new(options.seed),
            total: options.receipts,
            next: 0,
            batch: options.batch.max(1),
            start,
            today: options.today,
            days,
            return_every,
            catalogue,
            sequences: HashMap::new(),
            fiscal_document: 0,
            vat: Vat::new(),
        }
    }

    fn next_batch(&mut self) -> Option<GeneratedBatch> {
        if self.next >= self.total {
            return None;
        }
        let n = self.batch.min(self.total - self.next);
        let mut sales = Vec::with_capacity(n);
        let mut returns = Vec::new();
        for _ in 0..n {
            let i = self.next;
            self.next += 1;
            let sale = self.receipt(i);
            if i % self.return_every == self.return_every / 2 {
                let planned = self.plan_return(&sale);
                returns.push((sales.len(), planned));
            }
            sales.push(sale);
        }
        // Hashed here, on the generating thread, as the file importer hashes on its reading one.
        let hashes = sales.iter().map(SaleReceipt::content_hash).collect();
        Some(GeneratedBatch { sales, hashes, returns })
    }

    fn receipt(&mut self, i: usize) -> SaleReceipt {
        let rng = &mut self.rng;
        // Spread evenly over the two years, 09:00 to 21:00, in number order.
        let open_secs: u64 = 12 * 3600;
        let t = (i as u128 * (self.days * open_secs) as u128 / self.total.max(1) as u128) as u64;
        let date = self.start + Days::new(t / open_secs);
        let time = NaiveTime::from_num_seconds_from_midnight_opt((9 * 3600 + t % open_secs) as u32, 0)
            .expect("a time of day");
        let purchased_at = date.and_time(time);
        let store = match rng.below(10) {
            0..=4 => 0,
            5..=7 => 1,
            _ => 2,
        };
        let currency = match store {
            0 if date < day(2026, 1, 1) => Currency::BGN,
            0 | 1 => Currency::EUR,
            _ => Currency::RUB,
        };
        let seq = self.sequences.entry((store, date.year())).or_insert(0);
        *seq += 1;
        let number = format!("{}-{}-{:06}", STORES[store], date.year(), seq);
        let online = rng.chance(10);
        let delivered_on = online.then(|| (date + Days::new(1 + rng.below(5))).min(self.today.max(date)));

        let count = match rng.below(100) {
            0..=29 => 1,
            30..=54 => 2,
            55..=74 => 3,
            75..=86 => 4,
            87..=94 => 5,
            _ => 6,
        };
        let mut picked: Vec<usize> = Vec::with_capacity(count);
        while picked.len() < count {
            let p = rng.below(self.catalogue.len() as u64) as usize;
            if !picked.contains(&p) {
                picked.push(p);
            }
        }
        let mut lines = Vec::with_capacity(count);
        let mut lines_net = 0i64;
        for (k, &p) in picked.iter().enumerate() {
            let rng = &mut self.rng;
            let product = &self.catalogue[p];
            let serial = product.product.serial_tracked;
            let qty: u32 = match (serial, rng.below(100)) {
                (true, 0..=89) | (false, 0..=74) => 1,
                (_, 75..=93) | (true, _) => 2,
                _ => 3,
            };
            let unit = price(product.price_eur_cents, currency);
            let list = unit * qty as i64;
            let discount = if rng.chance(15) {
                let pct = [5, 10, 15, 20][rng.below(4) as usize];
                (list * pct + 50) / 100
            } else {
                0
            };
            lines_net += list - discount;
            let serials = if serial {
                (0..qty)
                    .map(|_| format!("SN{}{:010}", &product.product.sku[..2], rng.below(10_000_000_000)))
                    .collect()
            } else {
                Vec::new()
            };
            let category = product.product.category.clone();
            lines.push(ReceiptLine {
                line: LineNo(k as u32 + 1),
                sku: product.product.sku.clone(),
                name: product.product.name.clone(),
                vat_rate: self.vat.rate(store, &category),
                category,
                brand: product.product.brand.clone(),
                qty: Quantity::new(qty).expect("positive"),
                unit_price: Money::from_cents(unit),
                discount: Money::from_cents(discount),
                serials,
            });
        }
        let rng = &mut self.rng;
        let receipt_discount = if rng.chance(8) { (lines_net * 5 + 50) / 100 } else { 0 };
        let total = lines_net - receipt_discount;
        let card = |rng: &mut Rng, amount: i64| Tender {
            kind: TenderType::Card,
            amount: Money::from_cents(amount),
            card_last4: Some(format!("{:04}", rng.below(10_000))),
            card_fingerprint: None,
        };
        let cash = |amount: i64| Tender {
            kind: TenderType::Cash,
            amount: Money::from_cents(amount),
            card_last4: None,
            card_fingerprint: None,
        };
        let unit = if currency == Currency::RUB { 10_000 } else { 100 };
        let tenders = match rng.below(100) {
            0..=54 => vec![card(rng, total)],
            55..=79 => vec![cash(total)],
            80..=91 if total > 2 * unit => {
                let on_card = (total * (50 + rng.below(40) as i64) / 100) / unit * unit;
                vec![card(rng, on_card), cash(total - on_card)]
            }
            _ => {
                let gift = ([20, 50, 100][rng.below(3) as usize] * unit).min(total);
                let mut t = vec![Tender {
                    kind: TenderType::GiftCard,
                    amount: Money::from_cents(gift),
                    card_last4: None,
                    card_fingerprint: None,
                }];
                if total > gift {
                    t.push(card(rng, total - gift));
                }
                t
            }
        };
        let barcode = Some(format!("{:013}", 2_000_000_000_000u64 + (store as u64) * 100_000_000_000 + i as u64));
        let fiscal = (store == 2).then(|| {
            self.fiscal_document += 1;
            FiscalIds {
                drive: "9999078900004792".into(),
                document: self.fiscal_document.to_string(),
                sign: format!("{:010}", 1_000_000_000 + self.rng.below(3_000_000_000)),
            }
        });
        SaleReceipt {
            store: STORES[store].into(),
            receipt: Receipt {
                number,
                purchased_at,
                channel: if online { Channel::Online } else { Channel::Store },
                delivered_on,
                return_info_given: true,
                currency,
                lines,
                receipt_discount: Money::from_cents(receipt_discount),
                tenders,
            },
            barcode,
            fiscal,
            customer: loyalty_customer(store, i),
        }
    }

    fn plan_return(&mut self, sale: &SaleReceipt) -> PlannedReturn {
        let rng = &mut self.rng;
        let r = &sale.receipt;
        let line = &r.lines[rng.below(r.lines.len() as u64) as usize];
        let (reason, condition) = match rng.below(100) {
            0..=69 => (ReturnReason::ChangeOfMind, Condition::Unopened),
            70..=84 => (ReturnReason::ChangeOfMind, Condition::Opened),
            _ => (ReturnReason::Defective, Condition::Used),
        };
        let resolution = if rng.chance(85) { Resolution::Refund } else { Resolution::StoreCredit };
        let latest = self.today.and_hms_opt(18, 0, 0).expect("a time");
        let now = (r.purchased_at + chrono::Duration::days(1 + rng.below(25) as i64) + chrono::Duration::hours(2))
            .min(latest)
            .max(r.purchased_at);
        PlannedReturn {
            store: sale.store.clone(),
            now,
            request: ReturnRequest {
                resolution,
                lines: vec![RequestLine {
                    line: line.line,
                    qty: Quantity::new(1).expect("positive"),
                    reason,
                    condition,
                    no_analogue: false,
                }],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evaluate::check_receipt;

    #[test]
    fn generated_receipts_are_valid_and_deterministic() {
        let mut options = DemoOptions::new(2000, 7);
        options.today = day(2026, 11, 24);
        options.batch = 500;
        let mut a = Generator::new(&options, catalogue());
        let mut b = Generator::new(&options, catalogue());
        let mut seen = std::collections::HashSet::new();
        let mut bgn = 0;
        while let Some(batch) = a.next_batch() {
            let other = b.next_batch().unwrap();
            assert_eq!(batch.sales, other.sales);
            for s in &batch.sales {
                check_receipt(&s.receipt).unwrap_or_else(|e| panic!("{}: {e}", s.receipt.number));
                crate::import::validate_sale(s).unwrap();
                assert!(seen.insert(s.receipt.number.clone()));
                assert!(s.receipt.lines.len() <= 6);
                if s.receipt.currency == Currency::BGN {
                    bgn += 1;
                    assert!(s.receipt.purchased_at < day(2026, 1, 1).and_hms_opt(0, 0, 0).unwrap());
                }
                assert_eq!(s.fiscal.is_some(), s.store == "S03");
            }
        }
        assert_eq!(seen.len(), 2000);
        assert!(bgn > 100);
        let cat = catalogue();
        assert!((280..=320).contains(&cat.len()), "{}", cat.len());
        let skus: std::collections::HashSet<_> = cat.iter().map(|p| &p.product.sku).collect();
        assert_eq!(skus.len(), cat.len());
    }
}
