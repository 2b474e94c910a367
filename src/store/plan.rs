//! What a confirmation writes, worked out once from the decision: the same for both backends.

use chrono::NaiveDate;

use super::*;
use crate::domain::{LineOutcome, Money, PayoutType, ReasonCode, Resolution, Route};

/// What a confirmation writes, worked out once from the decision (shared by both backends).
pub(crate) struct ReturnPlan {
    pub status: ReturnStatus,
    pub decision_json: String,
    /// Per request line: units taken back (counted as returned).
    pub returned_qty: Vec<u32>,
    pub refunds: Vec<PlannedRefund>,
    pub claims: Vec<PlannedClaim>,
    /// (receipt line, code) pairs the manager's ruling covers.
    pub approvals: Vec<(Option<u32>, String)>,
    /// The voucher for what the return pays out as store credit.
    pub voucher: Option<PlannedVoucher>,
    summary: serde_json::Value,
}

/// How long a store-credit voucher is valid from the day it is issued, when the store sets
/// nothing else (issue 14: the store setting `voucher_valid_months`, applied at confirm).
pub(crate) const VOUCHER_VALID_MONTHS: u32 = 12;

/// The last day a voucher issued on `issued` is valid, `months` later (31 January + 1 month →
/// the end of February).
pub(crate) fn voucher_expiry(issued: NaiveDate, months: u32) -> NaiveDate {
    issued.checked_add_months(chrono::Months::new(months)).expect("a date at most ten years ahead")
}

pub(crate) struct PlannedVoucher {
    pub code: String,
    pub amount: Money,
    pub currency: crate::domain::Currency,
    pub expires_on: NaiveDate,
}

/// A voucher code the customer can read out and a scanner can read: `SC-` and ten characters
/// from an alphabet without 0/O and 1/I (50 random bits from the operating system).
pub(crate) fn voucher_code() -> String {
    const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    let chars: String = bytes.iter().map(|b| ALPHABET[(b % 32) as usize] as char).collect();
    format!("SC-{}-{}", &chars[..5], &chars[5..])
}

pub(crate) struct PlannedRefund {
    pub kind: PayoutType,
    pub amount: Money,
    pub receipt_amount: Money,
}

pub(crate) struct PlannedClaim {
    pub line: u32,
    pub basis: ReasonCode,
    pub defect: String,
    pub remedy: Resolution,
    pub serial: Option<String>,
    pub subject: String,
    pub customer_name: String,
    pub customer_contact: String,
    pub due_by: Option<NaiveDate>,
    pub due_basis: Option<crate::domain::ClaimDueBasis>,
    pub legal_until: Option<NaiveDate>,
    pub commercial_until: Option<NaiveDate>,
    pub accessories: String,
    pub item_state: String,
    pub remedy_asked: Option<crate::domain::claim::RemedyAsked>,
}

/// In Russia the period to settle a claim is the one of the remedy the customer asks for
/// (repair 45 days, replacement 7, refund or price reduction 10: ZoZPP art. 20–22), counted from
/// the claim; the engine's date follows the return's resolution, which cannot say "price
/// reduction". Elsewhere the period does not depend on the remedy: the engine's date stands.
fn russian_deadline(new: &NewReturn, details: Option<&ClaimDetails>) -> Option<NaiveDate> {
    use crate::domain::claim::{ClaimDeadline, ReplacementCase};
    use crate::domain::{ClaimTarget, Jurisdiction};
    let remedy = details.and_then(|d| d.remedy_asked)?;
    (new.jurisdiction == Jurisdiction::RU).then(|| {
        ClaimDeadline::of(Jurisdiction::RU, remedy, new.now.date(), ClaimTarget::default(), ReplacementCase::InStock).due_by
    })
}

impl ReturnPlan {
    pub fn new(new: &NewReturn, payout: PayoutBasis, receipt: &StoredReceipt, decision: &Decision) -> ReturnPlan {
        let declined = new.ruling.as_ref().is_some_and(|r| !r.approved);
        let status = if declined {
            ReturnStatus::Voided
        } else if decision.outcome == crate::domain::CaseOutcome::NeedsApproval {
            ReturnStatus::AwaitingManager
        } else {
            ReturnStatus::Completed
        };
        let mut approvals: Vec<(Option<u32>, String)> = Vec::new();
        if new.ruling.is_some() {
            for code in &decision.approvals_required {
                approvals.push((None, code_of(code)));
            }
            for l in &decision.lines {
                let ruled = if declined {
                    l.outcome == LineOutcome::NeedsApproval || l.overridable()
                } else {
                    l.overridden
                };
                if ruled {
                    if let Some(r) = l.reasons.first() {
                        approvals.push((Some(l.line.0), r.code.code().to_string()));
                    }
                }
            }
        }
        let completed = status == ReturnStatus::Completed;
        let returned_qty = decision
            .lines
            .iter()
            .map(|l| {
                if completed && l.outcome == LineOutcome::Approved && l.route == Route::Refund {
                    l.qty.get()
                } else {
                    0
                }
            })
            .collect();
        let sale = &receipt.sale.receipt;
        let mut refunds = Vec::new();
        if completed {
            for t in &decision.tenders {
                // Whatever the resolution, money paid to one of the receipt's own tenders is
                // recorded against it: a change-of-mind line on a `replace` or `repair` return
                // pays card and cash like a refund does, and a later return must see it.
                let receipt_amount = match t.kind.tender() {
                    Some(tender) => {
                        let left = sale.paid_by(tender) - receipt.history.refunded_to(tender);
                        payout.conversion.back(t.amount).min(left)
                    }
                    _ => Money::ZERO,
                };
                refunds.push(PlannedRefund { kind: t.kind, amount: t.amount, receipt_amount });
            }
        }
        let claims = decision
            .lines
            .iter()
            .filter(|l| completed && l.outcome == LineOutcome::WarrantyClaim)
            .map(|l| {
                let details = new.claims.iter().find(|c| c.line == l.line.0);
                let product = sale.line(l.line).map(|p| p.name.clone()).unwrap_or_default();
                let basis = match l.reasons.first().map(|r| r.code) {
                    Some(code @ (ReasonCode::CommercialWarranty | ReasonCode::ConsumerProofRequired)) => code,
                    _ => ReasonCode::LegalGuarantee,
                };
                let defect = details.map(|d| d.defect.clone()).filter(|d| !d.is_empty());
                PlannedClaim {
                    line: l.line.0,
                    basis,
                    subject: format!("{product}: {}", defect.clone().unwrap_or_else(|| code_of(&new.request.resolution))),
                    defect: defect.unwrap_or_else(|| "not described".into()),
                    remedy: new.request.resolution,
                    serial: details.and_then(|d| d.serial.clone()),
                    customer_name: details.map(|d| d.customer_name.clone()).unwrap_or_default(),
                    customer_contact: details.map(|d| d.customer_contact.clone()).unwrap_or_default(),
                    due_by: russian_deadline(new, details).or(l.warranty.claim_due_by),
                    due_basis: l.warranty.claim_due_basis,
                    legal_until: l.warranty.legal_until,
                    commercial_until: l.warranty.commercial_until,
                    accessories: details.map(|d| d.accessories.clone()).unwrap_or_default(),
                    item_state: details.map(|d| d.item_state.clone()).unwrap_or_default(),
                    remedy_asked: details.and_then(|d| d.remedy_asked),
                }
            })
            .collect();
        let store_credit: Money = refunds.iter().filter(|r| r.kind == PayoutType::StoreCredit).map(|r| r.amount).sum();
        let voucher = (store_credit > Money::ZERO).then(|| PlannedVoucher {
            code: voucher_code(),
            amount: store_credit,
            currency: decision.currency,
            expires_on: voucher_expiry(new.now.date(), VOUCHER_VALID_MONTHS),
        });
        let summary = serde_json::json!({
            "idempotency_key": new.idempotency_key,
            "receipt_id": new.receipt_id,
            "outcome": decision.outcome,
            "refund": decision.totals.refund,
            "currency": decision.currency,
            "voucher": voucher.as_ref().map(|v| v.code.clone()),
        });
        ReturnPlan {
            status,
            decision_json: json_text(decision),
            returned_qty,
            refunds,
            claims,
            approvals,
            voucher,
            summary,
        }
    }

    /// The `return_confirmed` entry's details: the summary, its status, the clerk and the
    /// manager who decided (if one did).
    pub fn audit_details(&self, new: &NewReturn, manager_login: Option<&str>) -> serde_json::Value {
        let mut details = self.summary.clone();
        details["status"] = serde_json::json!(self.status);
        details["clerk_id"] = serde_json::json!(new.clerk_id);
        details["manager"] = match &new.ruling {
            Some(r) => serde_json::json!({ "id": r.manager_id, "login": manager_login, "approved": r.approved }),
            None => serde_json::Value::Null,
        };
        details
    }

    /// The manager's ruling's entry details: who, why, and what it covered.
    pub fn ruling_details(&self, new: &NewReturn, ruling: &RulingRecord, manager_login: Option<&str>) -> serde_json::Value {
        let approvals: Vec<serde_json::Value> =
            self.approvals.iter().map(|(line, code)| serde_json::json!({ "line": line, "code": code })).collect();
        let mut details = serde_json::json!({
            "receipt_id": new.receipt_id,
            "clerk_id": new.clerk_id,
            "manager": { "id": ruling.manager_id, "login": manager_login },
            "reason": ruling.reason,
            "approvals": approvals,
            "status": self.status,
        });
        if !ruling.deductions.is_empty() {
            details["deductions"] = serde_json::json!(ruling.deductions);
        }
        details
    }
}
