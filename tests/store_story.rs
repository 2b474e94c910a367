//! One story of the store, told against SQLite and against a real PostgreSQL server: set up a
//! shop, import its sales, find a receipt every way a desk can, judge and record returns,
//! warranty claims and approvals, and read the history back.

mod common;

use chrono::NaiveDateTime;
use common::*;
use returndesk::domain::{LineNo, Money, Quantity, RequestLine, Resolution, ReturnRequest};
use returndesk::domain::{Condition, ReturnReason};
use returndesk::domain::ManagerRuling;
use returndesk::service::{Desk, DeskError, ManagerDecision, ReturnDraft};
use returndesk::store::{ClaimDetails, Database, ImportOutcome, ReceiptKey, ReturnQuery, ReturnStatus};

fn at(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

fn line(line: u32, qty: u32, reason: ReturnReason, condition: Condition) -> RequestLine {
    RequestLine { line: LineNo(line), qty: Quantity::new(qty).unwrap(), reason, condition, no_analogue: false }
}

fn draft(receipt_id: i64, resolution: Resolution, lines: Vec<RequestLine>) -> ReturnDraft {
    ReturnDraft { receipt_id, request: ReturnRequest { resolution, lines }, claims: vec![] }
}

async fn story(db: std::sync::Arc<dyn Database>) {
    let (clerk, desk_id) = set_up_stores(db.as_ref()).await;
    let desk = Desk::new(db.clone());

    // Import: new, again (skipped), and a different receipt under a stored number (reported).
    let sales = vec![sofia_receipt("S01-2026-004512"), sofia_receipt("S01-2026-004513"), moscow_receipt("S03-000101")];
    let first = db.import_receipts(&sales).await.unwrap();
    assert!(first.iter().all(|o| matches!(o, ImportOutcome::Inserted { .. })), "{first:?}");
    let again = db.import_receipts(&sales).await.unwrap();
    assert!(again.iter().all(|o| matches!(o, ImportOutcome::AlreadyPresent { .. })), "{again:?}");
    let mut changed = sofia_receipt("S01-2026-004512");
    changed.receipt.receipt_discount = Money::parse("19.00").unwrap();
    changed.receipt.tenders[1].amount = Money::parse("97.88").unwrap();
    assert!(matches!(db.import_receipts(&[changed]).await.unwrap()[..], [ImportOutcome::NumberConflict { .. }]));
    assert_eq!(db.ledger_counts().await.unwrap().receipts, 3);
    // A receipt the database refuses (a store it does not know) spoils its whole batch and
    // nothing of it is stored; the store goes on working.
    let mut stray = sofia_receipt("S09-000001");
    stray.store = "S09".into();
    let refused = db.import_receipts(&[sofia_receipt("S01-2026-009001"), stray]).await.unwrap_err();
    assert!(refused.is_database(), "{refused:?}");
    assert_eq!(db.ledger_counts().await.unwrap().receipts, 3);
    assert!(db.find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: "S01-2026-009001".into() }).await.unwrap().is_none());
    // The same number twice in one batch: stored once, then seen as already present.
    let twice = db.import_receipts(&[sofia_receipt("S01-2026-009001"), sofia_receipt("S01-2026-009001")]).await.unwrap();
    assert!(matches!(twice[..], [ImportOutcome::Inserted { id }, ImportOutcome::AlreadyPresent { id: again }] if id == again), "{twice:?}");
    assert_eq!(db.ledger_counts().await.unwrap().receipts, 4);

    // Lookup every way the desk can.
    let by_number = desk.lookup("S01-2026-004512").await.unwrap();
    assert_eq!(by_number.sale, sofia_receipt("S01-2026-004512"), "a receipt reads back exactly as imported");
    assert_eq!(desk.lookup(" BCS01-2026-004513\n").await.unwrap().sale.receipt.number, "S01-2026-004513");
    let qr = desk.lookup("t=20260530T1200&s=5990.00&fn=9999078900004792&i=1234&fp=2791871366&n=1").await.unwrap();
    assert_eq!(qr.sale.receipt.number, "S03-000101");
    assert!(matches!(desk.lookup("t=20260530T1201&s=5990.00&fn=9999078900004792&i=1234&fp=2791871366&n=1").await, Err(DeskError::ReceiptNotFound(_))), "the QR's time must match");
    assert!(matches!(desk.lookup("S99-nothing").await, Err(DeskError::ReceiptNotFound(_))));
    assert!(matches!(desk.lookup("\u{1b}[A").await, Err(DeskError::MalformedCode(_))));
    let by_card = db.receipts_by_card("4242", d("2026-10-01"), d("2026-10-01")).await.unwrap();
    assert_eq!(by_card.len(), 3, "004512, 004513 and 009001 were paid with ...4242 that day");
    assert!(db.receipts_by_card("4242", d("2026-10-02"), d("2026-10-31")).await.unwrap().is_empty());
    let id = by_number.id;
    assert_eq!(by_number.remaining(LineNo(2)), 3);

    // Judging through the desk gives exactly the contract's answer for the same case.
    let now = at("2026-10-11T10:00:00");
    let one_cable = draft(id, Resolution::Refund, vec![line(2, 1, ReturnReason::ChangeOfMind, Condition::Unopened)]);
    let (_, decision) = desk.evaluate(&one_cable, now).await.unwrap();
    let expected = case("001-change-of-mind-within-window.json")["expected"].clone();
    assert_eq!(serde_json::to_value(&decision).unwrap(), expected);

    // Confirm, and confirm again with the same key: one return.
    let confirmed = desk.confirm(&one_cable, "K-1", clerk, Some(desk_id), now).await.unwrap();
    assert!(confirmed.created);
    assert_eq!(confirmed.record.status, ReturnStatus::Completed);
    assert_eq!(serde_json::to_value(&confirmed.record.decision).unwrap(), expected);
    let retry = desk.confirm(&one_cable, "K-1", clerk, Some(desk_id), now).await.unwrap();
    assert!(!retry.created);
    assert_eq!(retry.record.id, confirmed.record.id);
    let after = desk.lookup("S01-2026-004512").await.unwrap();
    assert_eq!(after.remaining(LineNo(2)), 2);
    assert_eq!(after.history.refunded_to(returndesk::domain::TenderType::Card).to_string(), "8.82");

    // Three more cables than are left: refused, naming what is left; nothing recorded.
    let too_many = draft(id, Resolution::Refund, vec![line(2, 3, ReturnReason::ChangeOfMind, Condition::Unopened)]);
    let (_, judged) = desk.evaluate(&too_many, now).await.unwrap();
    assert_eq!(judged.lines[0].reasons[0].code.code(), "QTY_EXCEEDS_REMAINING");
    match desk.confirm(&too_many, "K-2", clerk, Some(desk_id), now).await {
        Err(DeskError::QtyExceedsRemaining { index: 0, line: 2, left: 2 }) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(desk.lookup("S01-2026-004512").await.unwrap().remaining(LineNo(2)), 2);

    // The rest of the cables: they telescope to what was paid for the line (26.47).
    let rest = draft(id, Resolution::Refund, vec![line(2, 2, ReturnReason::ChangeOfMind, Condition::Unopened)]);
    let rest = desk.confirm(&rest, "K-3", clerk, Some(desk_id), now).await.unwrap();
    assert_eq!(serde_json::to_value(&rest.record.decision).unwrap()["totals"]["refund"], "17.65");
    assert_eq!(desk.lookup("S01-2026-004512").await.unwrap().remaining(LineNo(2)), 0);

    // The TV is over the manager limit: not recorded without a manager's decision.
    let tv = draft(id, Resolution::Refund, vec![line(1, 1, ReturnReason::ChangeOfMind, Condition::Unopened)]);
    match desk.confirm(&tv, "K-4", clerk, Some(desk_id), now).await {
        Err(DeskError::ManagerRequired { codes }) => assert_eq!(codes, vec!["AMOUNT_OVER_LIMIT".to_string()]),
        other => panic!("expected a manager to be required, got {other:?}"),
    }
    assert_eq!(desk.lookup("S01-2026-004512").await.unwrap().remaining(LineNo(1)), 1);

    // Warranty claims get consecutive complaint-register numbers.
    let shaver = ReturnDraft {
        claims: vec![ClaimDetails { line: 3, defect: "does not switch on".into(), serial: None, customer_name: "Ivan Petrov".into(), customer_contact: "+359 88 123 4567".into(), ..Default::default() }],
        ..draft(id, Resolution::Repair, vec![line(3, 1, ReturnReason::Defective, Condition::Used)])
    };
    let claim = desk.confirm(&shaver, "K-5", clerk, Some(desk_id), at("2027-03-15T10:00:00")).await.unwrap();
    assert_eq!(serde_json::to_value(&claim.record.decision).unwrap()["lines"][0]["outcome"], "warranty_claim");
    assert_eq!(serde_json::to_value(&claim.record.decision).unwrap()["lines"][0]["warranty"]["claim_due_by"], "2027-04-15");
    let other = desk.lookup("S01-2026-004513").await.unwrap().id;
    let second = ReturnDraft { receipt_id: other, ..shaver.clone() };
    desk.confirm(&second, "K-6", clerk, Some(desk_id), at("2027-03-16T10:00:00")).await.unwrap();
    let claims = db.warranty_claims("S01").await.unwrap();
    let registers: Vec<i64> = claims.iter().map(|c| c.register_no).collect();
    assert_eq!(registers, vec![1, 2]);
    assert_eq!(claims[0].receipt_number, "S01-2026-004512");
    assert_eq!(claims[0].product, "Electric shaver");
    assert_eq!(claims[0].defect, "does not switch on");
    assert_eq!(claims[0].basis.code(), "LEGAL_GUARANTEE");
    assert_eq!(claims[0].claim_due_by, d("2027-04-15"));
    assert_eq!(claims[1].claim_due_by, d("2027-04-16"));
    assert!(db.warranty_claims("S03").await.unwrap().is_empty());

    // A bad draft is refused before anything is written.
    let ghost = draft(id, Resolution::Refund, vec![line(9, 1, ReturnReason::ChangeOfMind, Condition::Unopened)]);
    let err = desk.confirm(&ghost, "K-7", clerk, Some(desk_id), now).await.unwrap_err();
    assert!(err.to_string().contains("line 9 is not on receipt"), "{err}");

    // A manager at the desk: refuses the TV on the second receipt, then approves it with a
    // reason; overrides the opened batteries; cannot override the hygiene item.
    let t0 = chrono::Utc::now();
    let manager = returndesk::service::auth::check_manager(db.as_ref(), "georgi", "9999", "DESK-1", "S01", t0).await.unwrap();
    assert!(returndesk::service::auth::check_manager(db.as_ref(), "maria", "1234", "DESK-1", "S01", t0).await.is_err(), "a clerk is no manager");
    let ruling = |approve: bool, grant: bool, lines: Vec<u32>, reason: &str| ManagerDecision {
        manager: manager.clone(),
        approve,
        reason: reason.into(),
        ruling: ManagerRuling { grant_approvals: grant, override_lines: lines.into_iter().map(LineNo).collect(), ..Default::default() },
    };
    let tv2 = draft(other, Resolution::Refund, vec![line(1, 1, ReturnReason::ChangeOfMind, Condition::Unopened)]);
    let refused = desk.confirm_with_manager(&tv2, "K-8", clerk, Some(desk_id), now, Some(&ruling(false, true, vec![], "customer has no receipt copy"))).await.unwrap();
    assert_eq!(refused.record.status, ReturnStatus::Voided);
    assert_eq!(refused.record.approvals[0].decision, returndesk::store::ApprovalVerdict::Rejected);
    assert_eq!(desk.lookup("S01-2026-004513").await.unwrap().remaining(LineNo(1)), 1);
    let no_reason = desk.confirm_with_manager(&tv2, "K-9", clerk, Some(desk_id), now, Some(&ruling(true, true, vec![], "  "))).await;
    assert!(matches!(no_reason, Err(DeskError::BadInput { field: "reason", .. })));
    let granted = desk.confirm_with_manager(&tv2, "K-10", clerk, Some(desk_id), now, Some(&ruling(true, true, vec![], "regular customer"))).await.unwrap();
    assert_eq!(granted.record.status, ReturnStatus::Completed);
    assert_eq!(returndesk::store::code_of(&granted.record.outcome), "approved");
    assert_eq!(serde_json::to_value(&granted.record.decision).unwrap()["tenders"][0]["amount"], "881.32");
    assert_eq!(granted.record.approvals.len(), 1);
    assert_eq!(granted.record.approvals[0].code, "AMOUNT_OVER_LIMIT");
    assert_eq!(granted.record.approvals[0].manager, "Georgi Dimitrov");
    assert_eq!(granted.record.approvals[0].reason, "regular customer");
    assert_eq!(desk.lookup("S01-2026-004513").await.unwrap().remaining(LineNo(1)), 0);
    let opened = draft(other, Resolution::Refund, vec![line(4, 1, ReturnReason::ChangeOfMind, Condition::Opened)]);
    let (_, plain) = desk.evaluate(&opened, now).await.unwrap();
    assert_eq!(plain.lines[0].reasons[0].code.code(), "OPENED");
    let overridden = desk.confirm_with_manager(&opened, "K-11", clerk, Some(desk_id), now, Some(&ruling(true, false, vec![4], "sealed pack, box damaged in transport"))).await.unwrap();
    assert_eq!(returndesk::store::code_of(&overridden.record.outcome), "approved");
    assert_eq!(serde_json::to_value(&overridden.record.decision).unwrap()["lines"][0]["overridden"], true);
    assert_eq!(serde_json::to_value(&overridden.record.decision).unwrap()["totals"]["refund"], "5.38");
    assert_eq!(overridden.record.approvals[0].line, Some(4));
    assert_eq!(overridden.record.approvals[0].code, "OPENED");
    let hygiene = draft(other, Resolution::Refund, vec![line(3, 1, ReturnReason::ChangeOfMind, Condition::Unopened)]);
    let err = desk.confirm_with_manager(&hygiene, "K-12", clerk, Some(desk_id), now, Some(&ruling(true, false, vec![3], "please"))).await.unwrap_err();
    assert!(err.to_string().contains("NON_RETURNABLE is final"), "{err}");

    // Every return is whole and audited.
    let counts = db.ledger_counts().await.unwrap();
    assert_eq!(counts.returns, 7);
    assert_eq!(counts.audit_confirmations, 7);
    assert_eq!(counts.returns_with_missing_lines, 0);
    assert_eq!(db.returns_of_receipt(id).await.unwrap().len(), 3);
    assert!(db.return_by_id(confirmed.record.id).await.unwrap().is_some());
    assert!(db.find_receipt(&ReceiptKey::Id(999_999)).await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_story_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    story(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_story_on_postgres() {
    story(fresh_postgres().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_to_a_working_store() {
    let (dir, db) = fresh_sqlite().await;
    let (clerk, _) = set_up_stores(db.as_ref()).await;
    db.import_receipts(&[sofia_receipt("S01-1")]).await.unwrap();
    let desk = Desk::new(db.clone());
    let id = desk.lookup("S01-1").await.unwrap().id;
    let d1 = draft(id, Resolution::Refund, vec![line(2, 1, ReturnReason::ChangeOfMind, Condition::Unopened)]);
    desk.confirm(&d1, "B-1", clerk, None, at("2026-10-05T10:00:00")).await.unwrap();
    let backup = dir.path().join("backup.db");
    db.backup(&backup).await.unwrap();
    assert!(db.backup(&backup).await.is_err(), "a backup never overwrites a file");
    // Restore: the copy, put in place of a lost desk database, opens and carries on.
    let restored_path = dir.path().join("restored/desk.db");
    std::fs::create_dir_all(restored_path.parent().unwrap()).unwrap();
    std::fs::copy(&backup, &restored_path).unwrap();
    let restored = returndesk::store::open(restored_path.to_str().unwrap()).await.unwrap();
    assert_eq!(restored.ledger_counts().await.unwrap(), db.ledger_counts().await.unwrap());
    let desk = Desk::new(restored);
    assert_eq!(desk.lookup("S01-1").await.unwrap().remaining(LineNo(2)), 2);
    let d2 = draft(id, Resolution::Refund, vec![line(2, 2, ReturnReason::ChangeOfMind, Condition::Unopened)]);
    assert!(desk.confirm(&d2, "B-2", clerk, None, at("2026-10-05T10:00:00")).await.unwrap().created);
    assert!(fresh_postgres().await.backup(&dir.path().join("pg.db")).await.is_err());
}

async fn pins(db: std::sync::Arc<dyn Database>) {
    use returndesk::service::auth::{check_pin, session, sign_in, sign_out, AuthError};
    set_up_stores(db.as_ref()).await;
    let now = chrono::Utc::now();
    let signed = sign_in(db.as_ref(), "maria", "1234", Some("DESK-1"), now).await.unwrap();
    assert_eq!(signed.store_code, "S01");
    assert!(signed.terminal_id.is_some());
    assert_eq!(session(db.as_ref(), &signed.token, now).await.unwrap().user.login, "maria");
    sign_out(db.as_ref(), &signed.token, now).await.unwrap();
    assert!(matches!(session(db.as_ref(), &signed.token, now).await, Err(AuthError::Unauthenticated)));
    // Four wrong PINs count down; the fifth locks the user out at this desk, even with the right PIN.
    for left in (1..=4).rev() {
        match check_pin(db.as_ref(), "maria", "0000", "DESK-1", now).await {
            Err(AuthError::WrongPin { attempts_left }) => assert_eq!(attempts_left, left),
            other => panic!("expected a wrong PIN, got {other:?}"),
        }
    }
    assert!(matches!(check_pin(db.as_ref(), "maria", "0000", "DESK-1", now).await, Err(AuthError::LockedOut { .. })));
    assert!(matches!(check_pin(db.as_ref(), "maria", "1234", "DESK-1", now).await, Err(AuthError::LockedOut { .. })));
    // Someone else is not affected, nor is another desk; an unknown login looks like a wrong PIN.
    assert!(check_pin(db.as_ref(), "georgi", "9999", "DESK-1", now).await.is_ok());
    assert!(check_pin(db.as_ref(), "maria", "1234", "DESK-2", now).await.is_ok());
    assert!(matches!(check_pin(db.as_ref(), "nobody", "1234", "DESK-1", now).await, Err(AuthError::WrongPin { attempts_left: 4 })));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pins_and_lock_out_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    pins(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pins_and_lock_out_on_postgres() {
    pins(fresh_postgres().await).await;
}

/// A return is judged by the policy version in force on the purchase date, not today's.
async fn policy_versions(db: std::sync::Arc<dyn Database>) {
    set_up_stores(db.as_ref()).await;
    // From 2026-10-05 electronics may only be returned within 7 days, with a 20% fee.
    let mut stricter: returndesk::contract::PolicyDocument =
        serde_json::from_value(case("001-change-of-mind-within-window.json")["case"]["policy"].clone()).unwrap();
    stricter.rules[0].return_days = Some(7);
    stricter.rules[0].restocking_fee_pct = Some(returndesk::domain::Percent::parse("20").unwrap());
    let v2 = db.put_policy_version("standard", d("2026-10-05"), &stricter).await.unwrap();
    assert_eq!(v2.version, 2);
    assert!(db.put_policy_version("standard", d("2026-10-05"), &stricter).await.is_err(), "one version per day");
    let old = sofia_receipt("OLD-1"); // bought 2026-10-01, under version 1
    let mut new = sofia_receipt("NEW-1");
    new.receipt.purchased_at = at("2026-10-06T12:00:00");
    db.import_receipts(&[old, new]).await.unwrap();
    let desk = Desk::new(db.clone());
    let tv = |id| draft(id, Resolution::Refund, vec![line(1, 1, ReturnReason::ChangeOfMind, Condition::Opened)]);
    let old_id = desk.lookup("OLD-1").await.unwrap().id;
    let new_id = desk.lookup("NEW-1").await.unwrap().id;
    // Ten days after each purchase: inside version 1's 14 days, outside version 2's 7.
    let (ctx, old_decision) = desk.evaluate(&tv(old_id), at("2026-10-11T10:00:00")).await.unwrap();
    assert_eq!(ctx.policy.version, 1);
    assert_eq!(old_decision.lines[0].outcome, returndesk::domain::LineOutcome::Approved);
    assert_eq!(old_decision.lines[0].fee.to_string(), "132.20");
    let (ctx, new_decision) = desk.evaluate(&tv(new_id), at("2026-10-16T10:00:00")).await.unwrap();
    assert_eq!(ctx.policy.version, 2);
    assert_eq!(new_decision.lines[0].reasons[0].code.code(), "RETURN_WINDOW_EXPIRED");
    let (_, new_early) = desk.evaluate(&tv(new_id), at("2026-10-08T10:00:00")).await.unwrap();
    assert_eq!(new_early.lines[0].fee.to_string(), "176.26", "version 2's 20% fee");
    // A version published while the desk works is in force at once: the desk keeps versions it
    // read, never which one is in force.
    let mut gentler = stricter.clone();
    gentler.rules[0].restocking_fee_pct = Some(returndesk::domain::Percent::parse("10").unwrap());
    assert_eq!(db.put_policy_version("standard", d("2026-10-06"), &gentler).await.unwrap().version, 3);
    let (ctx, new_later) = desk.evaluate(&tv(new_id), at("2026-10-08T10:00:00")).await.unwrap();
    assert_eq!((ctx.policy.version, new_later.lines[0].fee.to_string().as_str()), (3, "88.13"), "version 3's 10% fee");
    let (ctx, old_again) = desk.evaluate(&tv(old_id), at("2026-10-11T10:00:00")).await.unwrap();
    assert_eq!((ctx.policy.version, old_again.lines[0].fee.to_string().as_str()), (1, "132.20"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policy_versions_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    policy_versions(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policy_versions_on_postgres() {
    policy_versions(fresh_postgres().await).await;
}

/// The receipt numbers of the store's returns whose number contains `q`, as the history
/// screen searches.
async fn search(db: &dyn Database, q: &str) -> Vec<String> {
    let query = ReturnQuery { q: Some(q.into()), ..Default::default() };
    let mut numbers: Vec<String> = db.list_returns("S01", &query).await.unwrap().into_iter().map(|r| r.receipt_number).collect();
    numbers.sort();
    numbers
}

/// The history's search takes its text literally: `%`, `_` and `\` are characters of a receipt
/// number, not LIKE's wildcards (`q=%` once listed every return); and it ignores case on both
/// backends alike.
async fn history_search(db: std::sync::Arc<dyn Database>) {
    let (clerk, desk_id) = set_up_stores(db.as_ref()).await;
    let desk = Desk::new(db.clone());
    let now = at("2026-10-11T10:00:00");
    let numbers = ["S01-50%-OFF", "S01-X_Y", r"S01-C\D", "S01-XAY", "S01-Plain"];
    for (i, number) in numbers.iter().enumerate() {
        let id = match db.import_receipts(&[sofia_receipt(number)]).await.unwrap()[..] {
            [ImportOutcome::Inserted { id }] => id,
            ref other => panic!("{number}: {other:?}"),
        };
        let one_cable = draft(id, Resolution::Refund, vec![line(2, 1, ReturnReason::ChangeOfMind, Condition::Unopened)]);
        desk.confirm(&one_cable, &format!("K-{i}"), clerk, Some(desk_id), now).await.unwrap();
    }
    let db = db.as_ref();
    assert_eq!(search(db, "%").await, ["S01-50%-OFF"]);
    assert_eq!(search(db, "_").await, ["S01-X_Y"]);
    assert_eq!(search(db, "\\").await, [r"S01-C\D"]);
    assert_eq!(search(db, "X_Y").await, ["S01-X_Y"], "not S01-XAY");
    assert_eq!(search(db, "0%-o").await, ["S01-50%-OFF"], "literally, in any case");
    assert_eq!(search(db, "c\\d").await, [r"S01-C\D"]);
    assert_eq!(search(db, "s01-plain").await, ["S01-Plain"]);
    assert_eq!(search(db, "PLAIN").await, ["S01-Plain"]);
    assert!(search(db, "%%").await.is_empty());
    assert!(search(db, "\\%").await.is_empty(), "a backslash and a percent sign, not an escaped percent");
    assert_eq!(search(db, "s01-").await.len(), numbers.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_search_is_literal_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    history_search(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_search_is_literal_on_postgres() {
    history_search(fresh_postgres().await).await;
}
