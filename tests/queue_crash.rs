//! A desk killed in the middle of the approval queue (queueing, a manager's decision, the
//! completion) loses nothing half-written: the process is killed at random points 60 times
//! (`CRASH_KILLS` changes that); after each kill every case is whole, each change of the queue
//! has its audit entry and its bump of the queue version, a completed case's return carries the
//! manager's approval, and the audit chain verifies. On PostgreSQL too (a third as many kills).

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

fn kills() -> usize {
    std::env::var("CRASH_KILLS").ok().and_then(|r| r.parse().ok()).unwrap_or(60)
}

/// The queue's invariants, read through `$conn` (a SQLite or a PostgreSQL connection: the
/// queries are the same); answers (completed cases, returns).
macro_rules! queue_invariants {
    ($conn:expr) => {{
        let conn = $conn;
        let count = |q: &'static str| sqlx::query_scalar::<_, i64>(q);
        let cases = count("SELECT COUNT(*) FROM queued_returns").fetch_one(&mut *conn).await.unwrap();
        let decided = count("SELECT COUNT(*) FROM queued_returns WHERE decided_by IS NOT NULL").fetch_one(&mut *conn).await.unwrap();
        let completed = count("SELECT COUNT(*) FROM queued_returns WHERE state = 'completed'").fetch_one(&mut *conn).await.unwrap();
        let audit = |action: &'static str| {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_log WHERE action = $1").bind(action)
        };
        assert_eq!(audit("return_queued").fetch_one(&mut *conn).await.unwrap(), cases, "each case queued has its entry");
        assert_eq!(audit("queued_decided").fetch_one(&mut *conn).await.unwrap(), decided, "each decision has its entry");
        assert_eq!(audit("queued_completed").fetch_one(&mut *conn).await.unwrap(), completed, "each completion has its entry");
        // The queue version was bumped in the transaction of every change, and only then.
        let version = count("SELECT COALESCE(MAX(last_value), 0) FROM store_counters WHERE counter = 'queue_version'")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(version, cases + decided + completed, "one version per change of the queue");
        // A completed case's return is there, approved by the case's manager, paying what was approved.
        let broken = count(
            "SELECT COUNT(*) FROM queued_returns q JOIN returns t ON t.id = q.return_id
             WHERE q.state = 'completed' AND (t.total_refund <> q.approved_refund
               OR NOT EXISTS (SELECT 1 FROM approvals a WHERE a.return_id = t.id AND a.manager_id = q.decided_by))",
        )
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!(broken, 0, "a completed case whose return does not carry its approval");
        // No return of a queued TV without its case completed (the soak only returns TVs that way).
        let returns = count("SELECT COUNT(*) FROM returns").fetch_one(&mut *conn).await.unwrap();
        assert_eq!(returns, completed, "every return completed a case, and every completed case has one");
        let over_returned = count(
            "SELECT COUNT(*) FROM receipt_lines l WHERE l.qty <
               (SELECT COALESCE(SUM(returned_qty), 0) FROM return_lines x WHERE x.receipt_id = l.receipt_id AND x.receipt_line = l.line)",
        )
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!(over_returned, 0);
        (completed, returns)
    }};
}

/// The invariants a crash must never break; answers (completed cases, returns).
async fn check_whole(path: &std::path::Path) -> (i64, i64) {
    let mut conn = SqliteConnectOptions::new().filename(path).connect().await.expect("the database opens");
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await.unwrap();
    assert_eq!(integrity, "ok");
    let fk: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(&mut conn).await.unwrap();
    assert!(fk.is_empty(), "foreign keys broken: {fk:?}");
    let (completed, returns) = queue_invariants!(&mut conn);
    conn.close().await.unwrap();
    let db = returndesk::store::open(path.to_str().unwrap()).await.expect("the desk opens");
    let report = db.verify_audit().await.unwrap();
    assert!(report.is_intact(), "the audit trail after a crash: {report:?}");
    (completed, returns)
}

/// The same on PostgreSQL, as stored there; answers (completed cases, returns).
async fn check_whole_on_postgres(url: &str) -> (i64, i64) {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("the database answers");
    let (completed, returns) = queue_invariants!(&mut conn);
    conn.close().await.unwrap();
    let db = returndesk::store::open(url).await.expect("the desk connects");
    let report = db.verify_audit().await.unwrap();
    assert!(report.is_intact(), "the audit trail after a crash: {report:?}");
    (completed, returns)
}

/// Kills a desk working the queue on `location` (a SQLite file or a PostgreSQL URL) `kills` times
/// at random points, checking the invariants after each kill.
async fn kill_the_queue_desk(location: &str, kills: usize, min_delay_ms: u64, mut seed: u64) {
    let check = |location: &str| {
        let location = location.to_string();
        async move {
            if location.starts_with("postgres") {
                check_whole_on_postgres(&location).await
            } else {
                check_whole(std::path::Path::new(&location)).await
            }
        }
    };
    let mut completed_seen = 0usize;
    let mut last = 0;
    for kill in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(min_delay_ms + seed % 150);
        let mut child = Command::new(env!("CARGO_BIN_EXE_returndesk"))
            .args(["soak-confirm", "--db", location, "--prefix", "QCRASH-", "--receipts", "400", "--clerk", "maria"])
            .args(["--through-queue", "georgi", "--now", "2026-10-05T10:00:00"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "kill {kill}: the desk ended by itself: {stderr}");
        assert!(stderr.is_empty(), "kill {kill}: the desk reported an error: {stderr}");
        let ids: Vec<i64> = String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.parse().ok()).collect();
        completed_seen += ids.len();
        let (completed, _) = check(location).await;
        assert!(completed >= last + ids.len() as i64, "kill {kill}: completed cases were lost");
        last = completed;
    }
    assert!(completed_seen > 0, "the kills should land among completions");
    eprintln!("{completed_seen} completions reported over {kills} kills, {last} cases completed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_a_desk_mid_queue_leaves_every_case_whole() {
    let (dir, db) = fresh_sqlite().await;
    set_up_stores(db.as_ref()).await;
    let sales: Vec<_> = (0..400).map(|i| sofia_receipt(&format!("QCRASH-{i}"))).collect();
    db.import_receipts(&sales).await.unwrap();
    drop(db);
    let path = dir.path().join("desk.db");
    kill_the_queue_desk(path.to_str().unwrap(), kills(), 20, 0x2545_F491_4F6C_DD1D).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_a_desk_mid_queue_on_postgres_leaves_every_case_whole() {
    let (url, db) = fresh_postgres_at().await;
    set_up_stores(db.as_ref()).await;
    let sales: Vec<_> = (0..400).map(|i| sofia_receipt(&format!("QCRASH-{i}"))).collect();
    db.import_receipts(&sales).await.unwrap();
    drop(db);
    kill_the_queue_desk(&url, (kills() / 3).max(10), 700, 0x9E37_79B9_7F4A_7C15).await;
}
