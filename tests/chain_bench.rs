//! Issue 15: the chain's benchmark runs once, tiny, on both backends so it does not rot (the
//! figures come from release runs, docs/performance.md), and long work shows its progress on
//! standard error as plain lines when that is not a terminal.

mod common;

use std::process::Command;

use serde_json::Value;

fn bench_chain(db: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_returndesk"))
        .args(["bench", "chain", "--desks", "4", "--seconds", "3", "--receipts", "2000", "--json", "--db", db])
        .env_remove("RETURNDESK_NOW")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bench chain failed: {stderr}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is one JSON document ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// `bench lookup` on a database the chain bench filled: both paths find every number picked.
fn bench_lookup(db: &str, backend: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_returndesk")).args(["bench", "lookup", "--lookups", "50", "--db", db]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "bench lookup failed: {}{stdout}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains(&format!("50 random numbers of 2000 receipts on {backend}")), "{stdout}");
    assert!(stdout.contains("| `find_receipt` store + number"), "{stdout}");
    // The floor reads the same rows (the bench checks the row counts agree, else it fails), and
    // the store's p50 is given as a ratio of each floor's.
    assert!(stdout.contains("| **floor: the same rows**"), "{stdout}");
    assert_eq!(stdout.matches("×** |").count(), 3, "{stdout}");
}

fn holds_its_promises(report: &Value, backend: &str) {
    assert_eq!(report["backend"], backend);
    assert_eq!(report["desks"], 4);
    assert_eq!(report["receipts"], 2000);
    assert_eq!(report["over_refunded_lines"], 0, "{report}");
    assert_eq!(report["over_refunded_tenders"], 0, "{report}");
    assert!(report["confirmed"].as_u64().unwrap() > 0, "some returns were confirmed: {report}");
    let lookups = report["commands"]["lookup"]["count"].as_u64().unwrap();
    assert!(lookups >= report["confirmed"].as_u64().unwrap());
    assert!(report["commands"]["confirm"]["p99_ms"].as_f64().unwrap() > 0.0);
    // Every receipt passed over is counted under one reason: nothing left, or the outcome of an
    // evaluation the desk would not confirm alone, with its codes.
    let because = report["passed_because"].as_object().expect("passed_because");
    let passed: u64 = because.values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(passed, report["passed_over"].as_u64().unwrap(), "{report}");
    assert!(passed > 0, "the demo's receipts include some a clerk cannot take back alone: {report}");
    for reason in because.keys() {
        let outcome = reason.split(':').next().unwrap();
        assert!(
            reason == "nothing left" || (["denied", "needs_approval", "partial"].contains(&outcome) && reason.len() > outcome.len() + 2),
            "{reason}"
        );
    }
}

#[test]
fn four_desks_return_goods_on_sqlite_and_nothing_is_over_refunded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("chain.db");
    let report = bench_chain(db.to_str().unwrap());
    holds_its_promises(&report, "sqlite");
    // A second run reuses the prepared database (no import) and still over-refunds nothing,
    // with the first run's returns already on the receipts.
    let again = bench_chain(db.to_str().unwrap());
    holds_its_promises(&again, "sqlite");
    bench_lookup(db.to_str().unwrap(), "SQLite");
}

#[tokio::test]
async fn four_desks_return_goods_on_postgres_and_nothing_is_over_refunded() {
    let (url, db) = common::fresh_postgres_at().await;
    drop(db);
    let report = tokio::task::spawn_blocking({
        let url = url.clone();
        move || bench_chain(&url)
    })
    .await
    .unwrap();
    holds_its_promises(&report, "postgres");
    tokio::task::spawn_blocking(move || bench_lookup(&url, "PostgreSQL")).await.unwrap();
}

#[test]
fn the_bench_serves_on_loopback_only() {
    let out = Command::new(env!("CARGO_BIN_EXE_returndesk"))
        .args(["bench", "chain", "--host", "0.0.0.0", "--seconds", "1", "--receipts", "10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback only"));
}

#[test]
fn an_import_to_a_pipe_shows_plain_progress_lines_and_keeps_stdout_for_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let sales = dir.path().join("sales.jsonl");
    let mut bytes = Vec::new();
    returndesk::demo::write_demo_sales(&returndesk::demo::DemoOptions::new(600, 3), &mut bytes).unwrap();
    std::fs::write(&sales, &bytes).unwrap();
    let returndesk = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_returndesk"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .env("RETURNDESK_PROGRESS_SECONDS", "0")
            .output()
            .unwrap()
    };
    let out = returndesk(&["demo-data", "--receipts", "0"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = returndesk(&["import", "receipts", sales.to_str().unwrap(), "--batch", "100"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("import receipts: ")).collect();
    assert!(lines.len() >= 2, "plain progress lines on stderr: {stderr}");
    assert!(lines[0].contains(" / 600 receipts, ") && lines[0].contains("receipts/s"), "{}", lines[0]);
    assert!(lines.last().unwrap().starts_with("import receipts: 600 / 600 receipts") && lines.last().unwrap().ends_with(", done"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "no terminal escapes when stderr is a pipe");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("import receipts: "), "stdout keeps the result only: {stdout}");
    assert!(stdout.contains("600"), "{stdout}");
}
