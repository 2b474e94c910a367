//! Issue 13, reports: how the counter is doing, for managers. One report answers every table
//! for a store, a period of the store's local days [from, to] (turned into a UTC range here,
//! DST included), optionally one desk and one clerk, per day, week (Monday first) or month.
//!
//! Every table has one shape ([`ReportTable`]: an id, typed columns, rows of text), so the
//! screen charts any of them with one component and writes any of them as CSV with one
//! function. Money is exact (decimal text with two places), never a float.
//!
//! What is counted (docs/reports.md says the same for a reader):
//! - a return belongs to the period of its `created_at` in the store's zone; "refunded" is what
//!   its refunds paid out per tender (`return_refunds`: store credit and exchange included);
//! - return rate = units taken back (`returned_qty`, and the units of a claim the line opened
//!   that was settled by refund) ÷ units sold in the period, and the value
//!   of those units (the receipt line's qty × unit price − line discount, pro rata, to the
//!   cent) ÷ the value sold (`sales_by_day`), per currency of the receipts;
//! - handling time = from the desk's scan of the receipt to the confirmed return, for completed
//!   returns whose scan the desk recorded (the others are counted in `handling_left_out`);
//! - claims: opened (claimed_on) and settled (resolved_on) in the period, days to settle;
//!   open and overdue as of the store's today.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::auth::Session;
use super::{require_manager, Desk, DeskError};
use crate::domain::Money;
use crate::store::{Period, ReportFacts, ReportScope};

/// How the period is cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    Day,
    Week,
    Month,
}

impl Grain {
    /// The first day of the period `day` falls in.
    pub fn period_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Grain::Day => day,
            Grain::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Grain::Month => day.with_day(1).expect("every month has a first day"),
        }
    }
}

/// What a report is asked for.
#[derive(Clone, Debug)]
pub struct ReportRequest {
    /// None: the session's store.
    pub store: Option<String>,
    /// A desk's code.
    pub desk: Option<String>,
    /// A user's id.
    pub clerk: Option<i64>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub grain: Grain,
}

/// How a column's values read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// A name or a code (the first column: what a row is about).
    Text,
    /// A whole number.
    Count,
    /// An amount in the report's currency (or the row's `currency` column), two decimals.
    Money,
    /// A percentage with two decimals; empty where there is nothing to divide by.
    Percent,
    /// Days with one decimal.
    Days,
    /// Minutes with one decimal.
    Minutes,
    /// An average of the customers' 1–5 ratings, two decimals.
    Score,
    /// A calendar date (YYYY-MM-DD): the first day of the row's period.
    Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportColumn {
    /// What it holds (the screen's label key; the CSV header).
    pub key: String,
    pub kind: ColumnKind,
}

/// One table of a report: the figures behind one chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportTable {
    pub id: String,
    /// `line` (over time) or `bar`.
    pub chart: String,
    pub columns: Vec<ReportColumn>,
    /// One value per column, as text in the column's kind.
    pub rows: Vec<Vec<String>>,
}

impl ReportTable {
    fn new(id: &str, chart: &str, columns: &[(&str, ColumnKind)]) -> ReportTable {
        ReportTable {
            id: id.to_string(),
            chart: chart.to_string(),
            columns: columns.iter().map(|(k, kind)| ReportColumn { key: (*k).to_string(), kind: *kind }).collect(),
            rows: Vec::new(),
        }
    }

    /// The table as CSV (RFC 4180: a header row, fields quoted where they need it, CRLF).
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let mut row = |cells: &mut dyn Iterator<Item = &str>| {
            let fields: Vec<String> = cells.map(csv_field).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        };
        row(&mut self.columns.iter().map(|c| c.key.as_str()));
        for r in &self.rows {
            row(&mut r.iter().map(String::as_str));
        }
        out
    }

    /// A column's position by its key.
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A desk or a person to filter by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportClerk {
    pub id: i64,
    pub name: String,
}

/// A report: every table for the scope asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportView {
    pub store: String,
    /// What the money columns are in (the store's currency; rate tables name theirs per row).
    pub currency: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub grain: Grain,
    pub desk: Option<String>,
    pub clerk: Option<i64>,
    pub tables: Vec<ReportTable>,
    /// Confirmed or declined returns of the scope without a recorded scan: not in the
    /// handling-time figures.
    pub handling_left_out: i64,
    /// The filters' choices: the store's desks and people.
    pub desks: Vec<String>,
    pub clerks: Vec<ReportClerk>,
    /// The stores the user may report on.
    pub stores: Vec<String>,
}

/// The longest period one report covers.
const MAX_DAYS: i64 = 3 * 366;
/// How many products the top list shows.
const TOP_PRODUCTS: usize = 10;

/// The instant a store-local day starts (a midnight the clocks skip starts at the first wall
/// time that exists after it).
pub fn day_start(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let mut wall = day.and_time(NaiveTime::MIN);
    for _ in 0..4 {
        if let Some(t) = zone.from_local_datetime(&wall).earliest() {
            return t.with_timezone(&Utc);
        }
        wall += Duration::minutes(30);
    }
    Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
}

/// The longest a desk may say passed between its scan and the confirmation.
const LONGEST_HANDLING_MS: u64 = 24 * 60 * 60 * 1000;

impl Desk {
    /// When the desk scanned the receipt, from how long ago it says that was (measured on its
    /// own monotonic clock, so the desk's and the server's clocks need not agree), anchored on
    /// the server's clock now. A day or more is no handling time: refused, naming the field.
    pub fn scanned_at(&self, since_scan_ms: u64) -> Result<DateTime<Utc>, DeskError> {
        if since_scan_ms > LONGEST_HANDLING_MS {
            return Err(DeskError::BadInput {
                field: "since_scan_ms",
                message: format!("{since_scan_ms} ms since the scan is more than a day: the desk's scan time is wrong"),
            });
        }
        let ms = i64::try_from(since_scan_ms).expect("at most a day of milliseconds");
        Ok(self.clock.instant() - Duration::milliseconds(ms))
    }

    /// Keeps when a return's receipt was scanned (the first time only: a retry does not move it).
    pub async fn record_scan(&self, return_id: i64, scanned_at: DateTime<Utc>) -> Result<(), DeskError> {
        Ok(self.db.record_scan(return_id, scanned_at).await?)
    }

    /// A report for a manager, on their session's store or another store they work in.
    pub async fn report(&self, session: &Session, ask: &ReportRequest) -> Result<ReportView, DeskError> {
        require_manager(session)?;
        let mut stores = self.db.stores_of_user(session.user.id).await?;
        if !stores.contains(&session.store_code) {
            stores.insert(0, session.store_code.clone());
        }
        let store_code = ask.store.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| session.store_code.clone());
        if !stores.contains(&store_code) {
            return Err(DeskError::Auth(super::auth::AuthError::Forbidden(format!("you do not work in store {store_code}"))));
        }
        if ask.from > ask.to {
            return Err(DeskError::BadInput { field: "to", message: format!("the period ends ({}) before it starts ({})", ask.to, ask.from) });
        }
        if (ask.to - ask.from).num_days() >= MAX_DAYS {
            return Err(DeskError::BadInput { field: "to", message: format!("a report covers at most {MAX_DAYS} days; choose a shorter period") });
        }
        self.report_of(&store_code, ask, stores).await
    }

    /// The report of a store, whoever asks (the caller checked they may): also `bench reports`.
    pub async fn report_of(&self, store_code: &str, ask: &ReportRequest, stores: Vec<String>) -> Result<ReportView, DeskError> {
        let store_code = store_code.to_string();
        let store = self.db.store(&store_code).await?.ok_or_else(|| DeskError::UnknownStore(store_code.clone()))?;
        let zone = self.zone_of(&store_code).await?;
        let (desks, people) = self.db.report_choices(&store_code).await?;
        let terminal_id = match ask.desk.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(code) => Some(self.db.terminal_id(&store_code, code).await?.ok_or_else(|| DeskError::BadInput {
                field: "desk",
                message: format!("store {store_code} has no desk {code}"),
            })?),
            None => None,
        };
        if let Some(id) = ask.clerk {
            if !people.iter().any(|(p, _)| *p == id) {
                return Err(DeskError::BadInput { field: "clerk", message: format!("no one with id {id} works in store {store_code}") });
            }
        }
        let scope = ReportScope {
            store_code: store_code.clone(),
            from: day_start(ask.from, zone),
            until: day_start(ask.to.succ_opt().unwrap_or(ask.to), zone),
            first_day: ask.from,
            last_day: ask.to,
            terminal_id,
            clerk_id: ask.clerk,
            period: match ask.grain {
                Grain::Day => Period::Day,
                Grain::Week => Period::Week,
                Grain::Month => Period::Month,
            },
        };
        let facts = self.db.report_facts(&scope).await?;
        let today = self.clock.now_in(zone).date();
        let (tables, handling_left_out) = tables(&facts, ask.grain, zone, ask.from, ask.to, today);
        Ok(ReportView {
            store: store_code,
            currency: store.currency.code().to_string(),
            from: ask.from,
            to: ask.to,
            grain: ask.grain,
            desk: ask.desk.clone().filter(|d| !d.trim().is_empty()),
            clerk: ask.clerk,
            tables,
            handling_left_out,
            desks,
            clerks: people.into_iter().map(|(id, name)| ReportClerk { id, name }).collect(),
            stores,
        })
    }
}

fn count(n: usize) -> String {
    n.to_string()
}

fn money(m: Money) -> String {
    m.to_string()
}

/// `part ÷ whole` as a percentage with two decimals; empty without a whole.
fn percent(part: Decimal, whole: Decimal) -> String {
    if whole.is_zero() {
        return String::new();
    }
    let mut p = (part * Decimal::ONE_HUNDRED / whole).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    p.rescale(2);
    p.to_string()
}

/// A mean with one decimal.
fn mean_1dp(sum: Decimal, n: usize) -> String {
    if n == 0 {
        return String::new();
    }
    let mut m = (sum / Decimal::from(n)).round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    m.rescale(1);
    m.to_string()
}

/// Seconds as minutes with one decimal.
fn minutes(seconds: i64) -> String {
    let mut m = (Decimal::from(seconds) / Decimal::from(60)).round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    m.rescale(1);
    m.to_string()
}

/// The nearest-rank percentile `p` (0 < p ≤ 100) of sorted values: the ⌈n·p/100⌉-th smallest.
pub fn nearest_rank(sorted: &[i64], p: u32) -> i64 {
    let n = sorted.len();
    let rank = (n * p as usize).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// The claim stages after which a claim is no longer open.
const CLAIM_DONE: [&str; 4] = ["handed_back", "settled", "rejected", "closed"];

/// Every table of the report, and how many completed returns had no scan.
fn tables(f: &ReportFacts, grain: Grain, zone: Tz, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> (Vec<ReportTable>, i64) {
    use ColumnKind as K;
    let period = |at: DateTime<Utc>| grain.period_of(super::clock::wall_time(at, zone).date());
    let mut out = Vec::new();

    // Returns and refunds over time, by outcome, by resolution; refunds by tender.
    let mut over_time: BTreeMap<NaiveDate, (i64, Money)> = BTreeMap::new();
    let mut by_outcome: BTreeMap<&str, (i64, Money)> = BTreeMap::new();
    let mut by_resolution: BTreeMap<&str, (i64, Money)> = BTreeMap::new();
    let mut left_out = 0;
    for r in &f.returns {
        for e in [
            over_time.entry(grain.period_of(r.day)).or_insert((0, Money::ZERO)),
            by_outcome.entry(r.outcome.as_str()).or_insert((0, Money::ZERO)),
            by_resolution.entry(r.resolution.as_str()).or_insert((0, Money::ZERO)),
        ] {
            e.0 += r.returns;
            e.1 += r.refunded;
        }
        left_out += r.unscanned;
    }
    let mut t = ReportTable::new("returns_over_time", "line", &[("period", K::Date), ("returns", K::Count), ("refunded", K::Money)]);
    t.rows = over_time.iter().map(|(p, (n, m))| vec![p.to_string(), n.to_string(), money(*m)]).collect();
    out.push(t);
    for (id, key, map) in [("returns_by_outcome", "outcome", &by_outcome), ("returns_by_resolution", "resolution", &by_resolution)] {
        let mut t = ReportTable::new(id, "bar", &[(key, K::Text), ("returns", K::Count), ("refunded", K::Money)]);
        t.rows = map.iter().map(|(k, (n, m))| vec![(*k).to_string(), n.to_string(), money(*m)]).collect();
        out.push(t);
    }
    let mut t = ReportTable::new("refunds_by_tender", "bar", &[("tender", K::Text), ("refunds", K::Count), ("amount", K::Money)]);
    t.rows = f.tenders.iter().map(|x| vec![x.tender.clone(), x.refunds.to_string(), money(x.amount)]).collect();
    t.rows.sort();
    out.push(t);

    // Return rate against sales: by category, brand (every one sold or returned) and SKU
    // (those returned), per currency.
    #[derive(Default)]
    struct Rate {
        sold_units: i64,
        returned_units: i64,
        sold_value: Option<Money>,
        returned_value: Option<Money>,
        name: String,
    }
    let add_money = |slot: &mut Option<Money>, m: Money| *slot = Some(slot.unwrap_or(Money::ZERO) + m);
    let mut rates: [BTreeMap<(String, String), Rate>; 3] = Default::default();
    for s in &f.sales {
        for (i, key) in [&s.category, &s.brand].into_iter().enumerate() {
            let e = rates[i].entry((key.clone(), s.currency.clone())).or_default();
            e.sold_units += s.units;
            add_money(&mut e.sold_value, s.net_value);
        }
    }
    let sku_sales: HashMap<(&str, &str), (i64, Money)> =
        f.sales.iter().map(|s| ((s.sku.as_str(), s.currency.as_str()), (s.units, s.net_value))).collect();
    // A SKU's row is there only if some of it was taken back; its name is the first the
    // receipts gave it (by name).
    let mut items: Vec<&crate::store::LinesOf> = f.lines.iter().collect();
    items.sort_by(|a, b| (&a.sku, &a.currency, &a.name, &a.category, &a.brand).cmp(&(&b.sku, &b.currency, &b.name, &b.category, &b.brand)));
    for item in items.iter().filter(|i| i.returned_units > 0) {
        for (i, key) in [&item.category, &item.brand, &item.sku].into_iter().enumerate() {
            let e = rates[i].entry((key.clone(), item.currency.clone())).or_default();
            if i == 2 && e.name.is_empty() {
                e.name = item.name.clone();
                if let Some((units, net)) = sku_sales.get(&(item.sku.as_str(), item.currency.as_str())) {
                    e.sold_units = *units;
                    e.sold_value = Some(*net);
                }
            }
            e.returned_units += item.returned_units;
            add_money(&mut e.returned_value, item.returned_value);
        }
    }
    for (i, (id, key)) in [("return_rate_by_category", "category"), ("return_rate_by_brand", "brand"), ("return_rate_by_sku", "sku")].into_iter().enumerate() {
        let mut cols = vec![(key, K::Text)];
        if i == 2 {
            cols.push(("name", K::Text));
        }
        cols.extend([
            ("currency", K::Text),
            ("sold_units", K::Count),
            ("returned_units", K::Count),
            ("unit_rate", K::Percent),
            ("sold_value", K::Money),
            ("returned_value", K::Money),
            ("value_rate", K::Percent),
        ]);
        let mut t = ReportTable::new(id, "bar", &cols);
        let mut rows: Vec<(&(String, String), &Rate)> = rates[i].iter().collect();
        // Most returned first, then by name.
        rows.sort_by(|a, b| b.1.returned_units.cmp(&a.1.returned_units).then_with(|| a.0.cmp(b.0)));
        for ((k, currency), r) in rows {
            let sold = r.sold_value.unwrap_or(Money::ZERO);
            let back = r.returned_value.unwrap_or(Money::ZERO);
            let mut row = vec![k.clone()];
            if i == 2 {
                row.push(r.name.clone());
            }
            row.extend([
                currency.clone(),
                r.sold_units.to_string(),
                r.returned_units.to_string(),
                percent(Decimal::from(r.returned_units), Decimal::from(r.sold_units)),
                money(sold),
                money(back),
                percent(back.amount(), sold.amount()),
            ]);
            t.rows.push(row);
        }
        out.push(t);
    }

    // The most returned products (units brought back, whatever the outcome) and their top reason.
    struct Top<'a> {
        name: &'a str,
        units: i64,
        lines: i64,
    }
    let mut top: BTreeMap<&str, Top> = BTreeMap::new();
    let mut sku_reasons: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for item in &items {
        let e = top.entry(item.sku.as_str()).or_insert(Top { name: &item.name, units: 0, lines: 0 });
        e.units += item.units;
        e.lines += item.lines;
        *sku_reasons.entry((item.sku.as_str(), item.reason.as_str())).or_insert(0) += item.lines;
    }
    // A SKU's most frequent reason; of equals, the first by code.
    let mut top_reason: HashMap<&str, (&str, i64)> = HashMap::new();
    for ((sku, reason), n) in &sku_reasons {
        let best = top_reason.entry(sku).or_insert((reason, *n));
        if *n > best.1 {
            *best = (reason, *n);
        }
    }
    let mut ranked: Vec<(&&str, &Top)> = top.iter().collect();
    ranked.sort_by(|a, b| b.1.units.cmp(&a.1.units).then_with(|| a.0.cmp(b.0)));
    let mut t = ReportTable::new(
        "top_returned_products",
        "bar",
        &[("sku", K::Text), ("name", K::Text), ("units", K::Count), ("lines", K::Count), ("top_reason", K::Text), ("top_reason_lines", K::Count)],
    );
    for (sku, p) in ranked.into_iter().take(TOP_PRODUCTS) {
        let (reason, n) = top_reason.get(sku).copied().unwrap_or(("", 0));
        t.rows.push(vec![(*sku).to_string(), p.name.to_string(), p.units.to_string(), p.lines.to_string(), reason.to_string(), n.to_string()]);
    }
    out.push(t);

    // Reasons × conditions (lines).
    const CONDITIONS: [&str; 4] = ["unopened", "opened", "used", "damaged"];
    let mut grid: BTreeMap<&str, [i64; 4]> = BTreeMap::new();
    for r in &f.lines {
        let row = grid.entry(r.reason.as_str()).or_insert([0; 4]);
        if let Some(i) = CONDITIONS.iter().position(|c| *c == r.condition) {
            row[i] += r.lines;
        }
    }
    let mut t = ReportTable::new(
        "reasons_by_condition",
        "bar",
        &[("reason", K::Text), ("unopened", K::Count), ("opened", K::Count), ("used", K::Count), ("damaged", K::Count), ("lines", K::Count)],
    );
    t.rows = grid.iter().map(|(r, c)| vec![(*r).to_string(), c[0].to_string(), c[1].to_string(), c[2].to_string(), c[3].to_string(), c.iter().sum::<i64>().to_string()]).collect();
    out.push(t);

    // Denials by rule code: every code a denied line was denied for.
    let mut denials: BTreeMap<String, i64> = BTreeMap::new();
    for d in f.lines.iter().filter(|l| !l.denied_for.is_empty()) {
        let reasons: Vec<serde_json::Value> = serde_json::from_str(&d.denied_for).unwrap_or_default();
        for code in reasons.iter().filter_map(|r| r.get("code").and_then(|c| c.as_str())) {
            *denials.entry(code.to_string()).or_insert(0) += d.lines;
        }
    }
    let mut ranked: Vec<(&String, &i64)> = denials.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let mut t = ReportTable::new("denials_by_rule", "bar", &[("rule", K::Text), ("lines", K::Count)]);
    t.rows = ranked.into_iter().map(|(c, n)| vec![c.clone(), n.to_string()]).collect();
    out.push(t);

    // Overrides and approvals per manager and per clerk.
    for (id, key) in [("approvals_by_manager", "manager"), ("approvals_by_clerk", "clerk")] {
        let mut by: BTreeMap<&str, [i64; 3]> = BTreeMap::new();
        for a in &f.approvals {
            let who = if key == "manager" { a.manager.as_str() } else { a.clerk.as_str() };
            let e = by.entry(who).or_insert([0; 3]);
            match (a.decision.as_str(), a.on_line) {
                ("approved", 1) => e[0] += a.decisions,
                ("approved", _) => e[1] += a.decisions,
                _ => e[2] += a.decisions,
            }
        }
        let mut t = ReportTable::new(id, "bar", &[(key, K::Text), ("overrides", K::Count), ("approvals", K::Count), ("declined", K::Count)]);
        t.rows = by.iter().map(|(w, c)| vec![(*w).to_string(), c[0].to_string(), c[1].to_string(), c[2].to_string()]).collect();
        out.push(t);
    }

    // Handling time, scan to done: per period, desk and clerk (nearest-rank percentiles).
    let mut handled: [BTreeMap<String, Vec<i64>>; 3] = Default::default();
    for g in &f.handling {
        let seconds: Vec<i64> = g.seconds.split(',').filter_map(|s| s.trim().parse().ok()).collect();
        for (i, key) in [g.day.to_string(), g.desk.clone(), g.clerk.clone()].into_iter().enumerate() {
            handled[i].entry(key).or_default().extend(&seconds);
        }
    }
    for (i, (id, key)) in [("handling_over_time", "period"), ("handling_by_desk", "desk"), ("handling_by_clerk", "clerk")].into_iter().enumerate() {
        let kind = if i == 0 { K::Date } else { K::Text };
        let mut t = ReportTable::new(
            id,
            if i == 0 { "line" } else { "bar" },
            &[(key, kind), ("returns", K::Count), ("median_minutes", K::Minutes), ("p90_minutes", K::Minutes), ("average_minutes", K::Minutes)],
        );
        for (k, secs) in handled[i].iter_mut() {
            secs.sort_unstable();
            let total: i64 = secs.iter().sum();
            let mut avg = (Decimal::from(total) / Decimal::from(secs.len()) / Decimal::from(60))
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            avg.rescale(1);
            t.rows.push(vec![k.clone(), count(secs.len()), minutes(nearest_rank(secs, 50)), minutes(nearest_rank(secs, 90)), avg.to_string()]);
        }
        out.push(t);
    }

    // Warranty claims.
    let in_range = |d: NaiveDate| d >= from && d <= to;
    let mut claims_time: BTreeMap<NaiveDate, (usize, usize, i64)> = BTreeMap::new();
    let (mut open, mut overdue) = (0, 0);
    let mut by_remedy: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_service: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &f.claims {
        if in_range(c.claimed_on) {
            claims_time.entry(grain.period_of(c.claimed_on)).or_default().0 += 1;
            *by_remedy.entry(c.remedy_asked.as_deref().unwrap_or("none")).or_insert(0) += 1;
            *by_service.entry(c.service_outcome.as_deref().unwrap_or("none")).or_insert(0) += 1;
        }
        if let Some(done) = c.resolved_on.filter(|d| in_range(*d)) {
            let e = claims_time.entry(grain.period_of(done)).or_default();
            e.1 += 1;
            e.2 += (done - c.claimed_on).num_days();
        }
        if !CLAIM_DONE.contains(&c.stage.as_str()) {
            open += 1;
            if c.claim_due_by < today {
                overdue += 1;
            }
        }
    }
    let mut t = ReportTable::new("claims_over_time", "line", &[("period", K::Date), ("new_claims", K::Count), ("settled_claims", K::Count), ("average_days_to_settle", K::Days)]);
    t.rows = claims_time.iter().map(|(p, (o, s, days))| vec![p.to_string(), count(*o), count(*s), mean_1dp(Decimal::from(*days), *s)]).collect();
    out.push(t);
    let mut t = ReportTable::new("claims_open", "bar", &[("state", K::Text), ("claims", K::Count)]);
    if !f.claims.is_empty() {
        t.rows = vec![vec!["open".into(), count(open)], vec!["overdue".into(), count(overdue)]];
    }
    out.push(t);
    for (id, key, map) in [("claims_by_remedy", "remedy", &by_remedy), ("claims_by_service_outcome", "service_outcome", &by_service)] {
        let mut t = ReportTable::new(id, "bar", &[(key, K::Text), ("claims", K::Count)]);
        t.rows = map.iter().map(|(k, n)| vec![(*k).to_string(), count(*n)]).collect();
        out.push(t);
    }

    // The customers' ratings at the counter: over time, per desk, per clerk, and their words.
    let mut rated_time: BTreeMap<NaiveDate, (usize, i64)> = BTreeMap::new();
    let mut rated_desk: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    let mut rated_clerk: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    for r in &f.ratings {
        for e in [
            rated_time.entry(period(r.created_at)).or_default(),
            rated_desk.entry(r.desk.as_deref().unwrap_or("")).or_default(),
            rated_clerk.entry(r.clerk.as_str()).or_default(),
        ] {
            e.0 += 1;
            e.1 += r.rating;
        }
    }
    let score = |n: usize, sum: i64| mean_2dp(Decimal::from(sum), n);
    let mut t = ReportTable::new("feedback_over_time", "line", &[("period", K::Date), ("ratings", K::Count), ("average_rating", K::Score)]);
    t.rows = rated_time.iter().map(|(p, (n, sum))| vec![p.to_string(), count(*n), score(*n, *sum)]).collect();
    out.push(t);
    for (id, key, map) in [("feedback_by_desk", "desk", &rated_desk), ("feedback_by_clerk", "clerk", &rated_clerk)] {
        let mut t = ReportTable::new(id, "bar", &[(key, K::Text), ("ratings", K::Count), ("average_rating", K::Score)]);
        t.rows = map.iter().map(|(k, (n, sum))| vec![(*k).to_string(), count(*n), score(*n, *sum)]).collect();
        out.push(t);
    }
    // What customers wrote, newest first: a table to read, not a chart.
    let mut t = ReportTable::new("feedback_comments", "table", &[("given_at", K::Text), ("desk", K::Text), ("clerk", K::Text), ("rating", K::Count), ("comment", K::Text)]);
    t.rows = f
        .ratings
        .iter()
        .rev()
        .filter(|r| !r.comment.trim().is_empty())
        .map(|r| {
            let at = super::clock::wall_time(r.created_at, zone);
            vec![at.format("%Y-%m-%d %H:%M").to_string(), r.desk.clone().unwrap_or_default(), r.clerk.clone(), r.rating.to_string(), r.comment.clone()]
        })
        .collect();
    out.push(t);
    (out, left_out)
}

/// `sum ÷ n` with two decimals (half away from zero); empty when `n` is 0.
fn mean_2dp(sum: Decimal, n: usize) -> String {
    if n == 0 {
        return String::new();
    }
    let mut m = (sum / Decimal::from(n)).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    m.rescale(2);
    m.to_string()
}
