//! Issue 13: `returndesk bench reports --db LOCATION`: times the Reports screen's one command on
//! a database that holds sales and returns already (e.g. the 1,000,000-receipt demo), on SQLite
//! or PostgreSQL. For each store it reads the report of the last 30 days by day, of the last
//! quarter by week and of the last year by month, ending on the store's latest day of sales;
//! each a few times after one warm-up, the median and the slowest printed. Reads only; measures,
//! never asserts (docs/performance.md, "Reports").

use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate};
use clap::Args;

use crate::service::reports::{Grain, ReportRequest};
use crate::service::Desk;
use crate::store::sql::sql;

#[derive(Args, Debug)]
pub struct ReportsArgs {
    /// The database: a SQLite path or postgres://…
    #[arg(long, value_name = "LOCATION")]
    pub db: String,
    /// Timed runs of each report (after one warm-up).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub runs: usize,
}

pub fn run(args: ReportsArgs) -> std::process::ExitCode {
    match super::import::runtime().block_on(reports(&args.db, args.runs.max(1))) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("returndesk: bench reports: {e}");
            std::process::ExitCode::from(super::FAILED)
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn reports(location: &str, runs: usize) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let db = crate::store::open(location).await.map_err(|e| err(&e))?;
    let (receipts, returns): (i64, i64) = sql("SELECT (SELECT COUNT(*) FROM receipts), (SELECT COUNT(*) FROM returns)")
        .fetch_one(db.connections().read().await.map_err(|e| err(&e))?.link())
        .await
        .map_err(|e| err(&e))?;
    let stores = db.stores().await.map_err(|e| err(&e))?;
    println!("bench reports: {receipts} receipts, {returns} returns, {} stores on {}", stores.len(), db.backend());
    println!();
    println!("| store | report | days | tables | rows | returns | median | slowest |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let desk = Desk::new(db.clone());
    let mut slowest = Duration::ZERO;
    let cpu_before = CpuTimes::now();
    for store in &stores {
        let last: Option<NaiveDate> = sql("SELECT MAX(day) FROM sales_by_day WHERE store_code = $1")
            .bind(&store.code)
            .scalar(db.connections().read().await.map_err(|e| err(&e))?.link())
            .await
            .map_err(|e| err(&e))?;
        // The period ends on the store's last day of sales or of returns (the store's wall time
        // of its last return), whichever is later: returns come after the sales they take back,
        // and a period that ended with the sales could leave them out of what is measured (a
        // demo made before its returns were dated had every one of them on the day it ran).
        let last_return: Option<String> = sql("SELECT SUBSTR(CAST(MAX(request_now) AS TEXT), 1, 10) FROM returns WHERE store_code = $1")
            .bind(&store.code)
            .scalar(db.connections().read().await.map_err(|e| err(&e))?.link())
            .await
            .map_err(|e| err(&e))?;
        let last_return = last_return.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        let Some(last) = last.max(last_return) else { continue };
        for (name, days, grain) in [("30 days by day", 30, Grain::Day), ("quarter by week", 91, Grain::Week), ("year by month", 365, Grain::Month)] {
            let ask = ReportRequest { store: None, desk: None, clerk: None, from: last - Days::days(days - 1), to: last, grain };
            let warm = desk.report_of(&store.code, &ask, Vec::new()).await.map_err(|e| err(&e))?;
            let mut times = Vec::with_capacity(runs);
            for _ in 0..runs {
                let t = Instant::now();
                desk.report_of(&store.code, &ask, Vec::new()).await.map_err(|e| err(&e))?;
                times.push(t.elapsed());
            }
            times.sort();
            let rows: usize = warm.tables.iter().map(|t| t.rows.len()).sum();
            // how many returns the report took in: the sum of its returns-over-time column
            let returns: i64 = warm
                .tables
                .iter()
                .find(|t| t.id == "returns_over_time")
                .and_then(|t| t.column("returns").map(|c| t.rows.iter().filter_map(|r| r[c].parse::<i64>().ok()).sum()))
                .unwrap_or(0);
            let max = *times.last().expect("one run at least");
            slowest = slowest.max(max);
            println!("| {} | {name} | {days} | {} | {rows} | {returns} | {} | {} |", store.code, warm.tables.len(), ms(times[times.len() / 2]), ms(max));
        }
    }
    println!();
    println!("slowest report: {}", ms(slowest));
    // On a virtual machine the host may take CPU time from this one while it measures: say how
    // much, so a slow figure can be told from a busy host.
    if let (Some(before), Some(after)) = (cpu_before, CpuTimes::now()) {
        println!("CPU time stolen by the host while measuring: {:.1} %", after.stolen_share_since(&before) * 100.0);
    }
    Ok(())
}

/// Linux's whole-machine CPU counters (`/proc/stat`, first line): all time, and the time the
/// hypervisor gave to others ("steal").
struct CpuTimes {
    total: u64,
    steal: u64,
}

impl CpuTimes {
    fn now() -> Option<CpuTimes> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let fields: Vec<u64> = stat.lines().next()?.split_whitespace().skip(1).filter_map(|f| f.parse().ok()).collect();
        // user nice system idle iowait irq softirq steal guest guest_nice; guests are inside user
        Some(CpuTimes { total: fields.iter().take(8).sum(), steal: *fields.get(7)? })
    }

    fn stolen_share_since(&self, before: &CpuTimes) -> f64 {
        let total = self.total.saturating_sub(before.total);
        if total == 0 {
            return 0.0;
        }
        self.steal.saturating_sub(before.steal) as f64 / total as f64
    }
}
