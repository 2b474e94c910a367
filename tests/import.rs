//! Importing a store's data from files, through the `returndesk` binary, into a fresh SQLite
//! file per test; the database is then read back through the library. Also the demo data.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use chrono::NaiveDate;
use returndesk::demo::{seed_demo_with, DemoOptions};
use returndesk::domain::{Condition, Quantity, RequestLine, Resolution, ReturnReason, ReturnRequest};
use returndesk::service::{Desk, ReturnDraft};
use returndesk::store::sqlite::SqliteDatabase;
use returndesk::store::{Database, ReceiptKey, SaleReceipt};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

/// A fresh folder holding copies of the fixtures; removed when dropped.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!("returndesk-import-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(FIXTURES).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
        Scratch { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.join("desk.db")
    }

    /// Runs `returndesk ARGS --db desk.db` in the folder (file names in reports stay short).
    fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_returndesk"))
            .args(args)
            .arg("--db")
            .arg(self.db())
            .current_dir(&self.dir)
            .env_remove("DATABASE_URL")
            .output()
            .unwrap();
        Run::from(out)
    }

    /// S01 (BG) and S03 (RU) with the standard policy, from the fixture files.
    fn set_up_stores(&self) {
        for file in ["store-s01.json", "store-s03.json"] {
            let r = self.run(&["import", "store", file]);
            assert_eq!(r.code, 0, "{r:?}");
        }
        let r = self.run(&["import", "policy", "policy.json", "--store", "S01", "--effective-from", "2026-01-01"]);
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(r.stdout.trim(), "policy.json: policy standard version 1 in force from 2026-01-01 (store S01)");
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.join(name), text).unwrap();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap()
}

async fn open(path: &Path) -> SqliteDatabase {
    SqliteDatabase::open(path).await.unwrap()
}

async fn find(db: &SqliteDatabase, store: &str, number: &str) -> Option<SaleReceipt> {
    db.find_receipt(&ReceiptKey::Number {
        store: Some(store.into()),
        number: number.into(),
    })
    .await
    .unwrap()
    .map(|r| r.sale)
}

async fn count(db: &SqliteDatabase, table: &str) -> i64 {
    let sql = match table {
        "receipts" => "SELECT COUNT(*) FROM receipts",
        "receipt_lines" => "SELECT COUNT(*) FROM receipt_lines",
        "receipt_tenders" => "SELECT COUNT(*) FROM receipt_tenders",
        "receipt_line_serials" => "SELECT COUNT(*) FROM receipt_line_serials",
        "products" => "SELECT COUNT(*) FROM products",
        _ => panic!("{table}"),
    };
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

fn parse_jsonl(path: &Path) -> Vec<SaleReceipt> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn good_jsonl_imports_and_a_second_import_skips_everything() {
    let s = Scratch::new("good");
    s.set_up_stores();
    let first = s.run(&["import", "receipts", "good.jsonl"]);
    assert_eq!(first.code, 0, "{first:?}");
    assert_eq!(
        first.stdout.trim(),
        "good.jsonl: read 3, inserted 3, skipped as already present 0, conflicts 0, rejected 0"
    );
    assert_eq!(first.stderr, "");
    let again = s.run(&["import", "receipts", "good.jsonl", "--batch", "2"]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(
        again.stdout.trim(),
        "good.jsonl: read 3, inserted 0, skipped as already present 3, conflicts 0, rejected 0"
    );
    runtime().block_on(async {
        let db = open(&s.db()).await;
        assert_eq!(count(&db, "receipts").await, 3);
        assert_eq!(count(&db, "receipt_lines").await, 4);
        assert_eq!(count(&db, "receipt_tenders").await, 4);
        assert_eq!(count(&db, "receipt_line_serials").await, 2);
        // Stored exactly as written: the whole sale reads back equal.
        for sale in parse_jsonl(&s.dir.join("good.jsonl")) {
            let stored = find(&db, &sale.store, &sale.receipt.number).await.unwrap();
            assert_eq!(stored, sale);
        }
        // Found by what the desk scans too: barcode and the Russian fiscal QR.
        let by_barcode = db.find_receipt(&ReceiptKey::Barcode("2000000000101".into())).await.unwrap().unwrap();
        assert_eq!(by_barcode.sale.receipt.number, "S01-2026-000101");
        let desk = Desk::new(Arc::new(open(&s.db()).await));
        let qr = desk
            .lookup("t=20260601T1230&s=49990.00&fn=9999078900004792&i=1234&fp=2791871366&n=1")
            .await
            .unwrap();
        assert_eq!(qr.sale.receipt.number, "S03-2026-000001");
    });
}

#[test]
fn same_number_with_different_content_is_reported_and_not_stored() {
    let s = Scratch::new("conflict");
    s.set_up_stores();
    assert_eq!(s.run(&["import", "receipts", "good.jsonl"]).code, 0);
    let r = s.run(&["import", "receipts", "conflict.jsonl"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.stdout.trim(),
        "conflict.jsonl: read 1, inserted 0, skipped as already present 0, conflicts 1, rejected 0"
    );
    let lines = r.stderr_lines();
    assert_eq!(lines.len(), 1, "{r:?}");
    assert!(
        lines[0].starts_with("conflict.jsonl:1: receipt S01-2026-000102: receipt.number: a different receipt S01-2026-000102 of store S01 is already stored"),
        "{}",
        lines[0]
    );
    runtime().block_on(async {
        let db = open(&s.db()).await;
        assert_eq!(count(&db, "receipts").await, 3);
        let kept = find(&db, "S01", "S01-2026-000102").await.unwrap();
        assert_eq!(kept.receipt.lines[0].qty.get(), 2, "the stored receipt is untouched");
        assert_eq!(kept.receipt.tenders[0].amount.to_string(), "10.98");
    });
}

#[test]
fn malformed_rows_are_reported_by_line_and_field_and_nothing_partial_is_stored() {
    let s = Scratch::new("malformed");
    s.set_up_stores();
    let r = s.run(&["import", "receipts", "malformed.jsonl"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.stdout.trim(),
        "malformed.jsonl: read 9, inserted 2, skipped as already present 0, conflicts 0, rejected 7"
    );
    assert_eq!(
        r.stderr_lines(),
        vec![
            r#"malformed.jsonl:2: receipt S01-2026-000201: receipt.lines[0].unit_price: "12,50" is not a decimal amount like "12.50""#,
            r#"malformed.jsonl:3: receipt S01-2026-000202: receipt.lines[0].qty: quantity must be a positive whole number, got "two" (a string)"#,
            "malformed.jsonl:4: receipt S01-2026-000203: receipt: missing field `currency`",
            "malformed.jsonl:5: receipt S01-2026-000101: receipt.number: S01-2026-000101 of store S01 appears twice in the file (first on line 1); the second is not imported",
            "malformed.jsonl:6: receipt S01-2026-000204: receipt.tenders: tenders add up to 10.00 but the receipt's amount paid is 10.98",
            "malformed.jsonl:7: receipt S09-2026-000001: receipt.store: store S09 is not set up (import the store first)",
            "malformed.jsonl:9: receipt S01-2026-000205: receipt: not valid JSON: EOF while parsing a string at line 1 column 164 (the last line is cut short)",
        ]
    );
    runtime().block_on(async {
        let db = open(&s.db()).await;
        assert_eq!(count(&db, "receipts").await, 2);
        // Only the two good receipts' rows: no line or tender of a rejected one.
        assert_eq!(count(&db, "receipt_lines").await, 3);
        assert_eq!(count(&db, "receipt_tenders").await, 3);
        for number in ["S01-2026-000201", "S01-2026-000202", "S01-2026-000203", "S01-2026-000204", "S01-2026-000205"] {
            assert!(find(&db, "S01", number).await.is_none(), "{number} must not be stored");
        }
        assert!(find(&db, "S09", "S09-2026-000001").await.is_none());
        // The first S01-2026-000101 went in, the duplicate further down did not.
        let first = find(&db, "S01", "S01-2026-000101").await.unwrap();
        assert_eq!(first.receipt.lines.len(), 2);
        assert!(find(&db, "S01", "S01-2026-000102").await.is_some());
    });
}

#[test]
fn a_row_the_database_refuses_spoils_only_its_own_receipt() {
    // A card number that is not four digits passes parsing but not the schema: it is caught
    // before the database, reported with its field, and the rest of the batch goes in.
    let s = Scratch::new("last4");
    s.set_up_stores();
    let good = std::fs::read_to_string(s.dir.join("good.jsonl")).unwrap();
    let bad = good
        .lines()
        .next()
        .unwrap()
        .replace("S01-2026-000101", "S01-2026-000777")
        .replace("\"4242\"", "\"42x2\"");
    s.write("mixed.jsonl", &format!("{good}{bad}\n"));
    let r = s.run(&["import", "receipts", "mixed.jsonl"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.stdout.trim(),
        "mixed.jsonl: read 4, inserted 3, skipped as already present 0, conflicts 0, rejected 1"
    );
    assert_eq!(
        r.stderr.trim(),
        r#"mixed.jsonl:4: receipt S01-2026-000777: receipt.tenders[0].card_last4: "42x2" is not the last four digits of a card"#
    );
    runtime().block_on(async {
        let db = open(&s.db()).await;
        assert!(find(&db, "S01", "S01-2026-000777").await.is_none());
        assert_eq!(count(&db, "receipts").await, 3);
    });
}

#[test]
fn csv_receipts_with_a_tenders_file() {
    let s = Scratch::new("csv");
    s.set_up_stores();
    let r = s.run(&["import", "receipts", "receipts.csv", "--tenders", "tenders.csv"]);
    assert_eq!(r.code, 2, "{r:?}");
    // 4 receipts and one group of tender rows with no receipt.
    assert_eq!(
        r.stdout.trim(),
        "receipts.csv: read 5, inserted 2, skipped as already present 0, conflicts 0, rejected 3"
    );
    assert_eq!(
        r.stderr_lines(),
        vec![
            "receipts.csv:5: receipt S01-2026-000301: receipt.tenders: tenders.csv has no rows for this receipt",
            r#"receipts.csv:7: receipt S01-2026-000302: receipt.lines[1].qty: quantity must be a positive whole number, got "two" (a string)"#,
            "tenders.csv:6: receipt S01-2026-000999: tenders: no receipt S01-2026-000999 of store S01 in receipts.csv goes with these tender rows (or its tenders are out of order by more than 10000 receipts)",
        ]
    );
    // The same receipts written as JSON Lines are the same receipts: skipped, only the one
    // that is not in the CSV goes in.
    let jsonl = s.run(&["import", "receipts", "good.jsonl"]);
    assert_eq!(jsonl.code, 0, "{jsonl:?}");
    assert_eq!(
        jsonl.stdout.trim(),
        "good.jsonl: read 3, inserted 1, skipped as already present 2, conflicts 0, rejected 0"
    );
    runtime().block_on(async {
        let db = open(&s.db()).await;
        assert_eq!(count(&db, "receipts").await, 3);
        assert!(find(&db, "S01", "S01-2026-000301").await.is_none());
        assert!(find(&db, "S01", "S01-2026-000302").await.is_none());
        assert!(find(&db, "S01", "S01-2026-000999").await.is_none());
        let ru = find(&db, "S03", "S03-2026-000001").await.unwrap();
        assert_eq!(ru.fiscal.as_ref().unwrap().sign, "2791871366");
        assert_eq!(ru.receipt.lines[0].serials, vec!["SN-PH-77".to_string()]);
        let a = find(&db, "S01", "S01-2026-000101").await.unwrap();
        assert_eq!(a.receipt.tenders.len(), 2);
        assert_eq!(a.receipt.tenders[0].card_last4.as_deref(), Some("4242"));
        assert_eq!(a.receipt.receipt_discount.to_string(), "20.00");
    });
    // A CSV without its tenders file is refused before anything is read.
    let no_tenders = s.run(&["import", "receipts", "receipts.csv"]);
    assert_eq!(no_tenders.code, 2);
    assert!(no_tenders.stderr.contains("--tenders"), "{no_tenders:?}");
}

#[test]
fn products_policy_and_store_import() {
    let s = Scratch::new("setup");
    s.set_up_stores();
    let csv = s.run(&["import", "products", "products.csv"]);
    assert_eq!(csv.code, 2, "{csv:?}");
    assert_eq!(csv.stdout.trim(), "products.csv: read 4, stored 3, rejected 1");
    assert_eq!(
        csv.stderr.trim(),
        r#"products.csv:5: product BATT-AA: product.serial_tracked: "maybe" is not true/false (or 1/0, yes/no)"#
    );
    let json = s.run(&["import", "products", "products.json"]);
    assert_eq!(json.code, 0, "{json:?}");
    assert_eq!(json.stdout.trim(), "products.json: read 2, stored 2, rejected 0");

    let bad = s.run(&["import", "policy", "bad-policy.json", "--store", "S01"]);
    assert_eq!(bad.code, 2);
    assert_eq!(
        bad.stderr.trim(),
        r#"returndesk: bad-policy.json: policy.rules[0].restocking_fee_pct: "abc" is not a percentage like "20""#
    );
    let twice = s.run(&["import", "policy", "policy.json", "--store", "S01", "--effective-from", "2026-01-01"]);
    assert_eq!(twice.code, 2);
    assert_eq!(twice.stderr.trim(), "returndesk: policy standard already has a version effective from 2026-01-01");
    let unknown = s.run(&["import", "policy", "policy.json", "--store", "S77"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("store S77 is not set up"), "{unknown:?}");
    let v2 = s.run(&["import", "policy", "policy.json", "--store", "S03", "--effective-from", "2026-07-01"]);
    assert_eq!(v2.code, 0, "{v2:?}");
    assert_eq!(v2.stdout.trim(), "policy.json: policy standard version 2 in force from 2026-07-01 (store S03)");

    runtime().block_on(async {
        let db = open(&s.db()).await;
        assert_eq!(count(&db, "products").await, 5);
        let (serial, brand): (i64, String) =
            sqlx::query_as("SELECT serial_tracked, brand FROM products WHERE sku = 'TV-55'")
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!((serial, brand.as_str()), (1, "Acme"));
        let v1 = db.policy_in_force("standard", NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()).await.unwrap().unwrap();
        assert_eq!(v1.version, 1);
        assert_eq!(v1.document.rules.len(), 5);
        let later = db.policy_in_force("standard", NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()).await.unwrap().unwrap();
        assert_eq!(later.version, 2);
        assert!(db.policy_in_force("standard", NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()).await.unwrap().is_none());
        let s01 = db.store("S01").await.unwrap().unwrap();
        assert_eq!(s01.time_zone, "Europe/Sofia");
        assert_eq!(s01.holidays.len(), 9);
        assert_eq!(db.store("S03").await.unwrap().unwrap().currency.code(), "RUB");
    });
}

#[test]
fn demo_data_gives_a_desk_that_finds_and_decides() {
    let s = Scratch::new("demo");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    runtime().block_on(async {
        let db: Arc<dyn Database> = Arc::new(open(&s.db()).await);
        let mut options = DemoOptions::new(400, 42);
        options.today = today;
        options.batch = 150;
        let summary = seed_demo_with(&db, &options).await.unwrap();
        assert_eq!(summary.stores, 3);
        assert!((280..=320).contains(&summary.products), "{summary:?}");
        assert_eq!(summary.receipts, 400);
        assert_eq!(summary.receipts_inserted, 400);
        assert_eq!(summary.returns_confirmed, 4, "{summary:?}");
        assert_eq!(db.ledger_counts().await.unwrap().receipts, 400);
        assert_eq!(db.ledger_counts().await.unwrap().returns, 4);
        let maria = db.user_by_login("maria").await.unwrap().unwrap();
        assert!(maria.pin_hash.starts_with("$argon2id$"), "{}", maria.pin_hash);

        // The desk finds a generated receipt by its number and decides a return on it.
        let desk = Desk::new(db.clone());
        let number = summary.sample_number.clone().unwrap();
        let found = desk.lookup(&number).await.unwrap();
        assert_eq!(found.sale.receipt.number, number);
        let line = &found.sale.receipt.lines[0];
        let draft = ReturnDraft {
            receipt_id: found.id,
            request: ReturnRequest {
                resolution: Resolution::Refund,
                lines: vec![RequestLine {
                    line: line.line,
                    qty: Quantity::new(1).unwrap(),
                    reason: ReturnReason::ChangeOfMind,
                    condition: Condition::Unopened,
                    no_analogue: false,
                }],
            },
            claims: Vec::new(),
        };
        let now = found.sale.receipt.purchased_at + chrono::Duration::days(3);
        let (_, decision) = desk.evaluate(&draft, now).await.unwrap();
        assert_eq!(decision.lines.len(), 1);
        assert_eq!(decision.currency, db.store(&found.sale.store).await.unwrap().unwrap().currency);

        // The same seed on the same day gives the same data: a second run stores nothing new.
        let again = seed_demo_with(&db, &options).await.unwrap();
        assert_eq!(again.receipts_inserted, 0);
        assert_eq!(again.receipts_skipped, 400);
        assert_eq!(db.ledger_counts().await.unwrap().returns, 4, "the same returns, not new ones");
    });
    // And through the command line.
    let other = Scratch::new("demo-cli");
    let r = other.run(&["demo-data", "--receipts", "60", "--seed", "5"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("receipts: 60 generated, 60 inserted"), "{}", r.stdout);
}

/// `returndesk bench store|import` run end to end on a small size (the figures come from
/// release builds on 1,000,000 receipts; here only that they run and count right).
#[test]
fn the_benchmarks_run_and_count_what_they_stored() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_returndesk")).args(args).env_remove("DATABASE_URL").output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let store = run(&["bench", "store", "--receipts", "3000", "--lookups", "50", "--batch", "1000"]);
    assert!(store.contains("| receipts generated / inserted | 3000 / 3000 |"), "{store}");
    assert!(store.contains("**import rate**"), "{store}");
    let import = run(&["bench", "import", "--receipts", "3000", "--batch", "500"]);
    assert!(import.contains("| file | 3000 receipts, "), "{import}");
    assert!(import.contains("**import rate**"), "{import}");
}

/// Contract v2's store and sale fields are imported, kept and read back; bad values are refused
/// naming the field, and nothing of a refused file is stored.
#[test]
fn contract_v2_fields_are_imported_and_bad_ones_named() {
    let s = Scratch::new("v2");
    s.set_up_stores();
    s.write(
        "store-ru.json",
        r#"{"code": "S04", "name": "Return Desk Kazan", "jurisdiction": "RU", "currency": "RUB", "time_zone": "Europe/Moscow",
            "policy_id": "standard", "holidays": ["2026-06-12"], "working_days": ["2026-11-07"], "claim_target_days": 21}"#,
    );
    let ok = s.run(&["import", "store", "store-ru.json"]);
    assert_eq!(ok.code, 0, "{ok:?}");
    for (value, field) in [(r#""claim_target_days": -1"#, "claim_target_days"), (r#""claim_target_days": "30""#, "claim_target_days"), (r#""working_days": ["11/07/2026"]"#, "working_days[0]")] {
        s.write("store-bad.json", &format!(r#"{{"code": "S05", "name": "X", "jurisdiction": "RU", "currency": "RUB", "time_zone": "Europe/Moscow", "policy_id": "standard", {value}}}"#));
        let bad = s.run(&["import", "store", "store-bad.json"]);
        assert_eq!(bad.code, 2, "{value}: {bad:?}");
        assert!(bad.stderr.contains(field), "{value}: the message names {field}: {}", bad.stderr);
    }
    let sale = |number: &str, info: &str| {
        format!(
            r#"{{"store":"S04","number":"{number}","purchased_at":"2026-10-01T18:30:00","channel":"online","delivered_on":"2026-10-03","return_info_given":{info},"currency":"RUB","lines":[{{"line":1,"sku":"K-1","name":"Kettle","category":"appliances","brand":"B","qty":1,"unit_price":"3000.00","vat_rate":"20"}}],"tenders":[{{"type":"card","amount":"3000.00"}}]}}"#
        )
    };
    s.write("v2.jsonl", &format!("{}\n{}\n", sale("S04-1", "false"), sale("S04-2", "\"no\"")));
    let r = s.run(&["import", "receipts", "v2.jsonl"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("v2.jsonl:2") && r.stderr.contains("return_info_given"), "{}", r.stderr);
    runtime().block_on(async {
        let db = open(&s.db()).await;
        let kept = find(&db, "S04", "S04-1").await.unwrap();
        assert!(!kept.receipt.return_info_given, "the information not handed over is kept");
        assert!(find(&db, "S04", "S04-2").await.is_none());
        let store = db.store("S04").await.unwrap().unwrap();
        assert_eq!(store.working_days, vec!["2026-11-07".parse::<chrono::NaiveDate>().unwrap()]);
        assert_eq!(store.claim_target_days.get(), 21);
        assert!(db.store("S05").await.unwrap().is_none());
    });
    // Imported again, unchanged: the same sale (its content hash did not change with v2).
    let again = s.run(&["import", "receipts", "good.jsonl"]);
    let first = s.run(&["import", "receipts", "good.jsonl"]);
    assert_eq!(again.code, first.code);
    assert!(first.stdout.contains("conflicts 0"), "{first:?}");
}
