//! Two desks racing on the same receipt lines can never refund more than was sold, and no
//! confirmed return is lost: 16 tasks confirm returns of the same lines at once, round after
//! round (1,000 rounds; `RACE_ROUNDS` changes that), on SQLite and on PostgreSQL.

mod common;

use std::sync::Arc;

use common::*;
use returndesk::domain::{Condition, LineNo, Quantity, RequestLine, Resolution, ReturnReason, ReturnRequest};
use returndesk::service::{Desk, DeskError, ReturnDraft};
use returndesk::store::{Database, ReceiptKey, ReturnStatus};

const TASKS: usize = 16;

fn rounds() -> usize {
    std::env::var("RACE_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(1000)
}

async fn race(db: Arc<dyn Database>) {
    let (clerk, terminal) = set_up_stores(db.as_ref()).await;
    let rounds = rounds();
    let sales: Vec<_> = (0..rounds).map(|r| sofia_receipt(&format!("RACE-{r}"))).collect();
    for chunk in sales.chunks(500) {
        db.import_receipts(chunk).await.unwrap();
    }
    let desk = Desk::new(db.clone());
    let mut recorded = 0usize;
    let now: chrono::NaiveDateTime = "2026-10-05T10:00:00".parse().unwrap();
    for round in 0..rounds {
        let receipt = db
            .find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: format!("RACE-{round}") })
            .await
            .unwrap()
            .unwrap();
        let mut tasks = Vec::with_capacity(TASKS);
        for task in 0..TASKS {
            let desk = desk.clone();
            // Line 2: 3 cables sold; line 4: 2 packs of batteries. Tasks ask for 1 or 2 units.
            let (line, qty) = match (round + task) % 4 {
                0 => (2, 1),
                1 => (2, 2),
                2 => (4, 1),
                _ => (4, 2),
            };
            let draft = ReturnDraft {
                receipt_id: receipt.id,
                request: ReturnRequest {
                    resolution: Resolution::Refund,
                    lines: vec![RequestLine { line: LineNo(line), qty: Quantity::new(qty).unwrap(), reason: ReturnReason::ChangeOfMind, condition: Condition::Unopened, no_analogue: false }],
                },
                claims: vec![],
            };
            let key = format!("race-{round}-{task}");
            tasks.push(tokio::spawn(async move { (line, qty, desk.confirm(&draft, &key, clerk, Some(terminal), now).await) }));
        }
        let mut approved_units = [0u32; 5];
        for t in tasks {
            match t.await.unwrap() {
                (line, qty, Ok(confirmed)) => {
                    assert!(confirmed.created);
                    assert_eq!(confirmed.record.status, ReturnStatus::Completed);
                    assert_eq!(returndesk::store::code_of(&confirmed.record.outcome), "approved");
                    // No confirmed return is lost: it reads back as it was answered.
                    let stored = db.return_by_id(confirmed.record.id).await.unwrap().expect("the return is stored");
                    assert_eq!(stored.decision, confirmed.record.decision);
                    approved_units[line as usize] += qty;
                    recorded += 1;
                }
                // The desk that came too late is told, and nothing of its return is kept.
                (_, _, Err(DeskError::QtyExceedsRemaining { .. })) => {}
                (_, _, Err(DeskError::Rejected(why))) => assert!(why.contains("left to return"), "{why}"),
                (_, _, Err(other)) => panic!("unexpected failure: {other}"),
            }
        }
        let after = db.find_receipt(&ReceiptKey::Id(receipt.id)).await.unwrap().unwrap();
        for (line, sold) in [(2u32, 3u32), (4, 2)] {
            let returned = after.history.returned_qty(LineNo(line));
            assert!(returned <= sold, "round {round}: line {line} returned {returned} of {sold}");
            assert_eq!(returned, approved_units[line as usize], "round {round}: line {line}: what the desks were told = what is stored");
            // With 16 desks asking, the line always ends up fully returned.
            assert!(returned + 1 >= sold, "round {round}: line {line} returned only {returned}");
        }
        let paid_out: returndesk::domain::Money = after.history.tender_refunded.iter().map(|t| t.amount).sum();
        let refundable: returndesk::domain::Money = after.sale.receipt.tenders.iter().map(|t| t.amount).sum();
        assert!(paid_out <= refundable);
    }
    let counts = db.ledger_counts().await.unwrap();
    assert_eq!(counts.returns as usize, recorded, "every return a desk was told about is stored, and no other");
    assert!(recorded >= rounds * 2, "each round returns both lines");
    assert_eq!(counts.audit_confirmations, counts.returns);
    assert_eq!(counts.returns_with_missing_lines, 0);
    // Sixteen desks at once kept one chain: it verifies, one entry per return.
    let report = db.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.entries, counts.returns);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_desks_race_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    race(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_desks_race_on_postgres() {
    race(fresh_postgres().await).await;
}
