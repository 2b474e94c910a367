//! Issue 13: `returndesk bench reports` runs once, tiny (1,500 demo receipts, 2 runs), on both
//! backends so the command does not rot: every store's three reports answer every table, with
//! rows and a time. It measures nothing worth quoting; how the figures in docs/performance.md
//! "Reports" were measured is said there.

mod common;

use std::process::Command;

fn returndesk(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_returndesk")).args(args).env_remove("RETURNDESK_NOW").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "returndesk {args:?} failed: {}{stdout}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// The demo store's sales and returns, then every store's three reports timed.
fn bench_reports(db: &str, backend: &str) {
    returndesk(&["demo-data", "--receipts", "1500", "--db", db]);
    let out = returndesk(&["bench", "reports", "--runs", "2", "--db", db]);
    assert!(out.contains("bench reports: 1500 receipts,") && out.contains(&format!("3 stores on {backend}")), "{out}");
    let mut in_a_year = 0i64;
    for store in ["S01", "S02", "S03"] {
        for report in ["30 days by day", "quarter by week", "year by month"] {
            let row = out.lines().find(|l| l.starts_with(&format!("| {store} | {report} |"))).unwrap_or_else(|| panic!("{store} {report}: {out}"));
            // every table answered, with rows (the demo has sales in every store)
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            assert_eq!(cells[4], "23", "{row}"); // 19 tables, and the customers' ratings (4)
            assert!(cells[5].parse::<usize>().unwrap() > 0, "{row}");
            assert!(cells[7].ends_with(" ms"), "{row}");
            let returns = cells[6].parse::<i64>().unwrap();
            if report == "year by month" {
                in_a_year += returns;
            }
        }
    }
    // the demo's returns are recorded on the days they were decided, over the history the
    // periods end with: what is measured includes returns (none when they were all recorded on
    // the day the demo ran, after the last day of sales the periods ended on)
    let total: i64 = out.split("receipts, ").nth(1).and_then(|t| t.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!(total > 0, "{out}");
    assert!(in_a_year > 0 && in_a_year <= total, "the year's reports took in {in_a_year} of {total} returns: {out}");
    assert!(out.contains("slowest report: "), "{out}");
    // and how much CPU the host took while it measured (Linux keeps the count)
    let stolen = out.split("CPU time stolen by the host while measuring: ").nth(1).and_then(|t| t.split(' ').next()).and_then(|p| p.parse::<f64>().ok());
    assert!(stolen.is_some_and(|p| (0.0..=100.0).contains(&p)), "{out}");
}

#[test]
fn bench_reports_times_every_store_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    bench_reports(dir.path().join("demo.db").to_str().unwrap(), "sqlite");
}

#[tokio::test]
async fn bench_reports_times_every_store_on_postgres() {
    let (url, db) = common::fresh_postgres_at().await;
    drop(db);
    tokio::task::spawn_blocking(move || bench_reports(&url, "postgres")).await.unwrap();
}
