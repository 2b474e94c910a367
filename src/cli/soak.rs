//! `returndesk soak-confirm` (hidden): confirms returns in a loop until killed, printing each
//! return's id. The crash test kills it at random points to prove a confirmation is whole or
//! absent.

use std::process::ExitCode;

use chrono::NaiveDateTime;

use crate::domain::{Condition, LineNo, Quantity, RequestLine, Resolution, ReturnReason, ReturnRequest};
use crate::service::{Desk, ReturnDraft};

use super::FAILED;

pub fn run(db: &str, prefix: &str, receipts: usize, clerk: &str, now: NaiveDateTime) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let result: Result<(), String> = async {
            let db = crate::store::open(db).await.map_err(|e| e.to_string())?;
            let clerk = db
                .user_by_login(clerk)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no user {clerk}"))?;
            let desk = Desk::new(db);
            let pid = std::process::id();
            // Each process starts somewhere else among the receipts.
            let start = pid as usize * 7919;
            for i in 0usize.. {
                let receipt = desk
                    .lookup(&format!("{prefix}{}", (start + i) % receipts.max(1)))
                    .await
                    .map_err(|e| e.to_string())?;
                let draft = ReturnDraft {
                    receipt_id: receipt.id,
                    request: ReturnRequest {
                        resolution: Resolution::Refund,
                        lines: vec![RequestLine {
                            line: LineNo(2),
                            qty: Quantity::new(1).expect("one"),
                            reason: ReturnReason::ChangeOfMind,
                            condition: Condition::Unopened,
                            no_analogue: false,
                        }],
                    },
                    claims: vec![],
                };
                match desk.confirm(&draft, &format!("soak-{pid}-{i}"), clerk.id, None, now).await {
                    Ok(confirmed) => println!("{}", confirmed.record.id),
                    // That receipt's cables are all back: on to the next one.
                    Err(crate::service::DeskError::QtyExceedsRemaining { .. }) => {}
                    Err(e) => return Err(e.to_string()),
                }
            }
            Ok(())
        }
        .await;
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("returndesk: {e}");
                ExitCode::from(FAILED)
            }
        }
    })
}

/// [`run`] through the approval queue (issue 12): each return — line 1, above the policy's
/// manager limit — is queued by the clerk, approved by the manager at their own desk and
/// completed by the clerk, printing the return's id. The crash test kills it at random points
/// to prove every step is whole or absent.
pub fn run_through_queue(db: &str, prefix: &str, receipts: usize, clerk: &str, manager: &str, now: NaiveDateTime) -> ExitCode {
    use crate::service::auth::Session;
    use crate::service::queue::{Customer, QueueRequest, QueueRuling};
    use crate::service::DeskError;
    use crate::store::DecisionReason;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let result: Result<(), String> = async {
            let db = crate::store::open(db).await.map_err(|e| e.to_string())?;
            let user = |login: &str| {
                let db = db.clone();
                let login = login.to_string();
                async move { db.user_by_login(&login).await.map_err(|e| e.to_string())?.ok_or_else(|| format!("no user {login}")) }
            };
            let (clerk, manager) = (user(clerk).await?, user(manager).await?);
            // Sessions as sign-in makes them (the PIN check is not what is tested here).
            let session = |user: crate::store::UserRecord| Session {
                token: String::new(),
                store_code: user.store_code.clone().unwrap_or_default(),
                user,
                terminal_id: None,
                terminal_code: None,
            };
            let (at_desk, in_office) = (session(clerk), session(manager));
            let desk = Desk::new(db).with_clock(crate::service::DeskClock::fixed(now));
            let pid = std::process::id();
            let start = pid as usize * 7919;
            let approve = QueueRuling { approve: true, lines: None, deductions: vec![], reason_code: DecisionReason::Goodwill, reason_text: String::new() };
            for i in 0usize.. {
                let receipt = desk.lookup(&format!("{prefix}{}", (start + i) % receipts.max(1))).await.map_err(|e| e.to_string())?;
                let draft = ReturnDraft {
                    receipt_id: receipt.id,
                    request: ReturnRequest {
                        resolution: Resolution::Refund,
                        lines: vec![RequestLine {
                            line: LineNo(1),
                            qty: Quantity::new(1).expect("one"),
                            reason: ReturnReason::ChangeOfMind,
                            condition: Condition::Unopened,
                            no_analogue: false,
                        }],
                    },
                    claims: vec![],
                };
                let request = QueueRequest { draft: &draft, customer: &Customer::default(), idempotency_key: &format!("soak-{pid}-{i}"), note: "", input: serde_json::json!({}) };
                let queued = match desk.queue_return(&at_desk, request, |_, decision, _| serde_json::to_value(decision).expect("serializes")).await {
                    Ok((case, _)) => case.record.id,
                    // That receipt's TV is back already (or waits in another case): the next one.
                    Err(DeskError::QtyExceedsRemaining { .. }) => continue,
                    Err(e) => return Err(e.to_string()),
                };
                match desk.decide_queued(&in_office, queued, &approve).await {
                    Ok(_) => {}
                    Err(DeskError::Conflict(_)) => continue,
                    Err(e) => return Err(e.to_string()),
                }
                match desk.confirm_for(&at_desk, &draft, &format!("soak-done-{pid}-{i}"), None, &Customer::default(), Some(queued)).await {
                    Ok(confirmed) => println!("{}", confirmed.record.id),
                    Err(
                        DeskError::QtyExceedsRemaining { .. }
                        | DeskError::Conflict(_)
                        | DeskError::Refused { code: "QUEUE_CASE_NOT_DECIDED" | "QUEUE_CASE_COMPLETED" | "QUEUE_CASE_WITHDRAWN" | "QUEUED_DRAFT_CHANGED", .. },
                    ) => {}
                    Err(e) => return Err(e.to_string()),
                }
            }
            Ok(())
        }
        .await;
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("returndesk: {e}");
                ExitCode::from(FAILED)
            }
        }
    })
}
