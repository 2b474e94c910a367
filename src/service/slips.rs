//! From a decided return to the slip the customer takes home: the same mapping for a case
//! file (`returndesk slip`) and for a recorded return (the desk's slip preview and printer).

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use crate::domain::{Decision, LineOutcome, Receipt, ReturnRequest};
use crate::domain::ApprovalCode;
use crate::slip::view::{LossOfValue, ManagerOverride, ReturnSlip, ReturnedLine, Store, TenderAmount, Totals};
use crate::slip::Lang;

/// Everything a return slip shows besides the receipt and the decision.
pub struct SlipHeader {
    pub store: Store,
    pub slip_number: String,
    pub issued_at: NaiveDateTime,
    pub desk: String,
    pub clerk: String,
    /// The store's general return period, for the policy text at the foot.
    pub return_days: u32,
    pub manager_override: Option<ManagerOverride>,
}

/// The return slip of a decided return.
pub fn return_slip(header: SlipHeader, receipt: &Receipt, request: &ReturnRequest, decision: &Decision, lang: Lang) -> ReturnSlip {
    let paid = crate::domain::pricing::paid_per_line(receipt);
    let lines = request
        .lines
        .iter()
        .zip(&decision.lines)
        .map(|(r, d)| {
            let sold = receipt.line(r.line);
            // What these units were paid: the decision's gross, or where the engine priced
            // nothing (a line registered as a warranty claim), the receipt's own price of them.
            let gross = match (sold, receipt.lines.iter().position(|l| l.line == r.line)) {
                (Some(l), Some(i)) if d.gross.is_zero() && receipt.currency == decision.currency => {
                    crate::domain::pricing::UnitAllocation::new(paid[i], l.qty).alloc(r.qty.get()).amount()
                }
                _ => d.gross.amount(),
            };
            // Only an approved line pays anything back; the others show what they cost.
            let paid = |m: crate::domain::Money| if d.outcome == LineOutcome::Approved { m.amount() } else { Decimal::ZERO };
            ReturnedLine {
                line: r.line.0,
                name: sold.map(|l| l.name.clone()).unwrap_or_default(),
                sku: sold.map(|l| l.sku.clone()).unwrap_or_default(),
                qty: r.qty.get(),
                reason: r.reason,
                condition: r.condition,
                vat_rate: sold.map_or(Decimal::ZERO, |l| l.vat_rate.value()),
                gross,
                fee: paid(d.fee),
                refund: paid(d.refund),
                vat: paid(d.vat),
                receipt_gross: d.receipt_gross.map(|m| m.amount()),
                verdict: d.outcome,
                codes: d.reasons.iter().map(|c| c.code).collect(),
                deduction: d
                    .deduction
                    .as_ref()
                    .filter(|_| d.outcome == LineOutcome::Approved)
                    .map(|x| LossOfValue { amount: x.amount.amount(), reason: x.reason.clone() }),
                facts: None,
                claim: None,
            }
        })
        .collect::<Vec<_>>();
    let approved_receipt_gross: Option<Decimal> = decision
        .lines
        .iter()
        .filter(|l| l.outcome == LineOutcome::Approved)
        .map(|l| l.receipt_gross.map(|m| m.amount()))
        .sum();
    ReturnSlip {
        store: header.store,
        slip_number: header.slip_number,
        issued_at: header.issued_at,
        desk: header.desk,
        clerk: header.clerk,
        receipt_number: receipt.number.clone(),
        receipt_date: receipt.purchase_date(),
        currency: decision.currency.code().to_string(),
        receipt_currency: receipt.currency.code().to_string(),
        lines,
        totals: Totals {
            gross: decision.totals.gross.amount(),
            fee: decision.totals.fee.amount(),
            refund: decision.totals.refund.amount(),
            vat: decision.totals.vat.amount(),
            receipt_gross: approved_receipt_gross.filter(|_| receipt.currency != decision.currency),
            deduction: decision.totals.deduction.amount(),
        },
        tenders: decision
            .tenders
            .iter()
            .map(|t| TenderAmount {
                tender: t.kind,
                amount: t.amount.amount(),
                // A card refund goes back to the card the receipt was paid with.
                card_last4: (t.kind == crate::domain::PayoutType::Card)
                    .then(|| receipt.tenders.iter().find_map(|p| p.card_last4.clone().filter(|_| p.kind == crate::domain::TenderType::Card)))
                    .flatten(),
            })
            .collect(),
        manager_override: header.manager_override,
        policy_text: lang.return_policy(header.return_days),
        declined: None,
    }
}

/// The manager's override as the slip shows it, from the recorded approvals.
pub fn manager_override(approvals: &[crate::store::ApprovalRecord]) -> Option<ManagerOverride> {
    let first = approvals.iter().find(|a| a.decision == crate::store::ApprovalVerdict::Approved)?;
    Some(ManagerOverride {
        manager: first.manager.clone(),
        reason: first.reason.clone(),
        approvals: approvals
            .iter()
            .filter(|a| a.line.is_none())
            .filter_map(|a| ApprovalCode::parse(&a.code))
            .collect(),
        lines: approvals.iter().filter_map(|a| a.line).collect(),
    })
}
