//! What the desk decides: per line and for the case.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::{Currency, Money};
use super::receipt::{LineNo, Quantity};
use super::tender::TenderPayout;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReasonCode {
    // Approvals and claims.
    WithinReturnWindow,
    StatutoryWithdrawal,
    DefectWithinReturnWindow,
    LegalGuarantee,
    CommercialWarranty,
    // Needs a manager.
    ConsumerProofRequired,
    // Denials.
    QtyExceedsRemaining,
    NonReturnable,
    CustomerDamage,
    Used,
    ReturnWindowExpired,
    Opened,
    WarrantyExpired,
}

impl ReasonCode {
    /// Every code, in the contract's order.
    pub const ALL: [ReasonCode; 13] = [
        ReasonCode::WithinReturnWindow,
        ReasonCode::StatutoryWithdrawal,
        ReasonCode::DefectWithinReturnWindow,
        ReasonCode::LegalGuarantee,
        ReasonCode::CommercialWarranty,
        ReasonCode::ConsumerProofRequired,
        ReasonCode::WarrantyExpired,
        ReasonCode::QtyExceedsRemaining,
        ReasonCode::NonReturnable,
        ReasonCode::CustomerDamage,
        ReasonCode::Used,
        ReasonCode::ReturnWindowExpired,
        ReasonCode::Opened,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReasonCode::WithinReturnWindow => "WITHIN_RETURN_WINDOW",
            ReasonCode::StatutoryWithdrawal => "STATUTORY_WITHDRAWAL",
            ReasonCode::DefectWithinReturnWindow => "DEFECT_WITHIN_RETURN_WINDOW",
            ReasonCode::LegalGuarantee => "LEGAL_GUARANTEE",
            ReasonCode::CommercialWarranty => "COMMERCIAL_WARRANTY",
            ReasonCode::ConsumerProofRequired => "CONSUMER_PROOF_REQUIRED",
            ReasonCode::QtyExceedsRemaining => "QTY_EXCEEDS_REMAINING",
            ReasonCode::NonReturnable => "NON_RETURNABLE",
            ReasonCode::CustomerDamage => "CUSTOMER_DAMAGE",
            ReasonCode::Used => "USED",
            ReasonCode::ReturnWindowExpired => "RETURN_WINDOW_EXPIRED",
            ReasonCode::Opened => "OPENED",
            ReasonCode::WarrantyExpired => "WARRANTY_EXPIRED",
        }
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A reason for a line's outcome, and whether a manager may override it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reason {
    pub code: ReasonCode,
    pub overridable: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineOutcome {
    Approved,
    Denied,
    NeedsApproval,
    WarrantyClaim,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    Refund,
    Warranty,
    None,
}

/// The protection periods of a line, and when a claim raised now must be settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WarrantyDates {
    pub legal_until: Option<NaiveDate>,
    pub commercial_until: Option<NaiveDate>,
    pub claim_due_by: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LineDecision {
    pub line: LineNo,
    pub qty: Quantity,
    pub outcome: LineOutcome,
    pub route: Route,
    pub reasons: Vec<Reason>,
    pub gross: Money,
    pub fee: Money,
    pub refund: Money,
    pub vat: Money,
    pub warranty: WarrantyDates,
    /// The gross in the receipt's currency, where it differs from the payout currency
    /// (a leva receipt refunded in euro): exact, before conversion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt_gross: Option<Money>,
    /// A manager overrode the denial (or granted the approval) of this line.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overridden: bool,
}

impl ApprovalCode {
    pub fn code(self) -> &'static str {
        match self {
            ApprovalCode::AmountOverLimit => "AMOUNT_OVER_LIMIT",
            ApprovalCode::FrequentReturns => "FREQUENT_RETURNS",
        }
    }

    pub fn parse(code: &str) -> Option<ApprovalCode> {
        match code {
            "AMOUNT_OVER_LIMIT" => Some(ApprovalCode::AmountOverLimit),
            "FREQUENT_RETURNS" => Some(ApprovalCode::FrequentReturns),
            _ => None,
        }
    }
}

impl LineDecision {
    /// Whether a manager may override every reason this line was denied for.
    pub fn overridable(&self) -> bool {
        self.outcome == LineOutcome::Denied && self.reasons.iter().all(|r| r.overridable)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ApprovalCode {
    AmountOverLimit,
    FrequentReturns,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseOutcome {
    Approved,
    Partial,
    Denied,
    NeedsApproval,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Totals {
    pub gross: Money,
    pub fee: Money,
    pub refund: Money,
    pub vat: Money,
}

/// The decision on a whole return, in the currency refunds are paid in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Decision {
    pub outcome: CaseOutcome,
    pub currency: Currency,
    pub lines: Vec<LineDecision>,
    pub approvals_required: Vec<ApprovalCode>,
    pub totals: Totals,
    pub tenders: Vec<TenderPayout>,
}
