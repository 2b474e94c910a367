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
