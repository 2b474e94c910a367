//! A desk killed in the middle of confirming returns loses nothing half-written: the process is
//! killed at random points 200 times (`CRASH_KILLS` changes that); after each kill the database
//! opens clean, every return is whole or absent, the audit log matches the returns, and its hash
//! chain verifies. On PostgreSQL the same, a fifth as many times (the server rolls back what a
//! killed desk left open).

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

fn kills() -> usize {
    std::env::var("CRASH_KILLS").ok().and_then(|r| r.parse().ok()).unwrap_or(200)
}

/// The invariants of a database that a crash must never break; returns the number of returns.
async fn check_whole(path: &std::path::Path) -> i64 {
    let mut conn = SqliteConnectOptions::new().filename(path).connect().await.expect("the database opens");
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await.unwrap();
    assert_eq!(integrity, "ok");
    let fk: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(&mut conn).await.unwrap();
    assert!(fk.is_empty(), "foreign keys broken: {fk:?}");
    let (returns, audits, missing_lines, bad_refunds, over_returned): (i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM returns),
                (SELECT COUNT(*) FROM audit_log WHERE action = 'return_confirmed'),
                (SELECT COUNT(*) FROM returns t WHERE json_array_length(json_extract(t.request_json, '$.lines'))
                    <> (SELECT COUNT(*) FROM return_lines l WHERE l.return_id = t.id)),
                (SELECT COUNT(*) FROM returns t WHERE t.status = 'completed'
                    AND t.total_refund <> COALESCE((SELECT SUM(amount) FROM return_refunds r WHERE r.return_id = t.id), 0)),
                (SELECT COUNT(*) FROM receipt_lines l WHERE l.qty <
                    (SELECT COALESCE(SUM(returned_qty), 0) FROM return_lines x WHERE x.receipt_id = l.receipt_id AND x.receipt_line = l.line))",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(missing_lines, 0, "a return without all its lines");
    assert_eq!(bad_refunds, 0, "a return whose refunds do not add up to its total");
    assert_eq!(over_returned, 0, "a line returned more than it was sold");
    // Every audit entry names a return that exists, and every return has exactly one.
    let orphans: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log a WHERE a.action = 'return_confirmed'
           AND NOT EXISTS (SELECT 1 FROM returns t WHERE CAST(t.id AS TEXT) = a.entity_id)",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(orphans, 0);
    assert_eq!(audits, returns, "the audit log matches the returns");
    conn.close().await.unwrap();
    // The chain holds: no half-appended entry, no return without its entry.
    let db = returndesk::store::open(path.to_str().unwrap()).await.expect("the desk opens");
    let report = db.verify_audit().await.unwrap();
    assert!(report.is_intact(), "the audit trail after a crash: {report:?}");
    assert_eq!(report.entries, returns);
    returns
}

/// The invariants a crash must never break, read on PostgreSQL as stored; returns the number of
/// returns.
async fn check_whole_on_postgres(url: &str) -> i64 {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("the database answers");
    let (returns, audits, missing_lines, bad_refunds, over_returned): (i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM returns),
                (SELECT COUNT(*) FROM audit_log WHERE action = 'return_confirmed'),
                (SELECT COUNT(*) FROM returns t WHERE jsonb_array_length((t.request_json::jsonb) -> 'lines')
                    <> (SELECT COUNT(*) FROM return_lines l WHERE l.return_id = t.id)),
                (SELECT COUNT(*) FROM returns t WHERE t.status = 'completed'
                    AND t.total_refund <> COALESCE((SELECT SUM(amount) FROM return_refunds r WHERE r.return_id = t.id), 0)),
                (SELECT COUNT(*) FROM receipt_lines l WHERE l.qty <
                    (SELECT COALESCE(SUM(returned_qty), 0) FROM return_lines x WHERE x.receipt_id = l.receipt_id AND x.receipt_line = l.line))",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(missing_lines, 0, "a return without all its lines");
    assert_eq!(bad_refunds, 0, "a return whose refunds do not add up to its total");
    assert_eq!(over_returned, 0, "a line returned more than it was sold");
    assert_eq!(audits, returns, "the audit log matches the returns");
    conn.close().await.unwrap();
    let db = returndesk::store::open(url).await.expect("the desk connects");
    let report = db.verify_audit().await.unwrap();
    assert!(report.is_intact(), "the audit trail after a crash: {report:?}");
    assert_eq!(report.entries, returns);
    returns
}

/// Kills a desk confirming returns on `location` (a SQLite file or a PostgreSQL URL) `kills`
/// times, `min_delay_ms` + up to `spread_ms` after its start, checking the invariants after each.
async fn kill_the_desk(location: &str, prefix: &str, receipts: usize, kills: usize, (min_delay_ms, spread_ms): (u64, u64), mut seed: u64) {
    let mut confirmed_seen = 0usize;
    let mut last_returns = 0;
    let receipts = receipts.to_string();
    for kill in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(min_delay_ms + seed % spread_ms);
        let mut child = Command::new(env!("CARGO_BIN_EXE_returndesk"))
            .args(["soak-confirm", "--db", location, "--prefix", prefix, "--receipts", &receipts, "--clerk", "maria", "--now", "2026-10-05T10:00:00"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The delay counts from the desk's first confirmation, not from its start: on a loaded
        // machine the start alone can take longer than the delay, and a kill during the start
        // tests nothing.
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(!out.status.success(), "kill {kill}: the desk ended by itself: {}", String::from_utf8_lossy(&out.stderr));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "kill {kill}: the desk reported an error: {stderr}");
        // Every return the desk reported as confirmed is there.
        let ids: Vec<i64> = first.lines().chain(rest.lines()).filter_map(|l| l.parse().ok()).collect();
        assert!(!ids.is_empty(), "kill {kill}: the desk was killed before it confirmed anything");
        confirmed_seen += ids.len();
        let returns = if location.starts_with("postgres") {
            check_whole_on_postgres(location).await
        } else {
            check_whole(std::path::Path::new(location)).await
        };
        assert!(returns >= last_returns + ids.len() as i64, "kill {kill}: confirmed returns were lost");
        last_returns = returns;
    }
    assert!(confirmed_seen > kills, "the kills should land among many confirmations, saw {confirmed_seen} in {kills} kills");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_a_desk_mid_confirm_leaves_every_return_whole_or_absent() {
    let (dir, db) = fresh_sqlite().await;
    set_up_stores(db.as_ref()).await;
    let sales: Vec<_> = (0..1000).map(|i| sofia_receipt(&format!("CRASH-{i}"))).collect();
    db.import_receipts(&sales).await.unwrap();
    drop(db);
    let path = dir.path().join("desk.db");
    kill_the_desk(path.to_str().unwrap(), "CRASH-", 1000, kills(), (15, 120), 0x9E37_79B9_7F4A_7C15).await;
}

/// The same on PostgreSQL: a desk killed mid-confirmation leaves its open transaction to the
/// server, which rolls it back — every return reported is there, whole, and nothing else is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_a_desk_mid_confirm_on_postgres_leaves_every_return_whole_or_absent() {
    let (url, db) = fresh_postgres_at().await;
    set_up_stores(db.as_ref()).await;
    let sales: Vec<_> = (0..300).map(|i| sofia_receipt(&format!("PGCRASH-{i}"))).collect();
    db.import_receipts(&sales).await.unwrap();
    drop(db);
    kill_the_desk(&url, "PGCRASH-", 300, (kills() / 5).max(10), (150, 250), 0x1234_5678_9ABC_DEF1).await;
}
