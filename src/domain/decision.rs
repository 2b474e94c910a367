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
    // RU art. 25: goods of proper quality exchanged (or refunded with no analogue in stock).
    StatutoryExchange,
    DefectWithinReturnWindow,
    LegalGuarantee,
    CommercialWarranty,
    // Needs a manager.
    ConsumerProofRequired,
    // A withdrawal of used goods: a manager decides the deduction (Directive 2011/83 art. 14(2)).
    LossOfValue,
    // Denials.
    QtyExceedsRemaining,
    // The item is one of the law's exceptions from withdrawal (Directive 2011/83 art. 16).
    WithdrawalException,
    NonReturnable,
    CustomerDamage,
    Used,
    ReturnWindowExpired,
    Opened,
    WarrantyExpired,
    // Not a ground for the denial: the RU exchange right holds, the desk offers the exchange.
    StatutoryExchangeAvailable,
}

impl ReasonCode {
    /// Every code, in the contract's order.
    pub const ALL: [ReasonCode; 17] = [
        ReasonCode::WithinReturnWindow,
        ReasonCode::StatutoryWithdrawal,
        ReasonCode::StatutoryExchange,
        ReasonCode::DefectWithinReturnWindow,
        ReasonCode::LegalGuarantee,
        ReasonCode::CommercialWarranty,
        ReasonCode::ConsumerProofRequired,
        ReasonCode::LossOfValue,
        ReasonCode::WarrantyExpired,
        ReasonCode::QtyExceedsRemaining,
        ReasonCode::WithdrawalException,
        ReasonCode::NonReturnable,
        ReasonCode::CustomerDamage,
        ReasonCode::Used,
        ReasonCode::ReturnWindowExpired,
        ReasonCode::Opened,
        ReasonCode::StatutoryExchangeAvailable,
    ];

    /// Advice to the desk rather than a ground for the line's outcome: it never stands in the
    /// way of a manager's override.
    pub fn is_advice(self) -> bool {
        matches!(self, ReasonCode::StatutoryExchangeAvailable)
    }

    pub fn code(self) -> &'static str {
        match self {
            ReasonCode::WithinReturnWindow => "WITHIN_RETURN_WINDOW",
            ReasonCode::StatutoryWithdrawal => "STATUTORY_WITHDRAWAL",
            ReasonCode::StatutoryExchange => "STATUTORY_EXCHANGE",
            ReasonCode::DefectWithinReturnWindow => "DEFECT_WITHIN_RETURN_WINDOW",
            ReasonCode::LegalGuarantee => "LEGAL_GUARANTEE",
            ReasonCode::CommercialWarranty => "COMMERCIAL_WARRANTY",
            ReasonCode::ConsumerProofRequired => "CONSUMER_PROOF_REQUIRED",
            ReasonCode::LossOfValue => "LOSS_OF_VALUE",
            ReasonCode::QtyExceedsRemaining => "QTY_EXCEEDS_REMAINING",
            ReasonCode::WithdrawalException => "WITHDRAWAL_EXCEPTION",
            ReasonCode::NonReturnable => "NON_RETURNABLE",
            ReasonCode::CustomerDamage => "CUSTOMER_DAMAGE",
            ReasonCode::Used => "USED",
            ReasonCode::ReturnWindowExpired => "RETURN_WINDOW_EXPIRED",
            ReasonCode::Opened => "OPENED",
            ReasonCode::WarrantyExpired => "WARRANTY_EXPIRED",
            ReasonCode::StatutoryExchangeAvailable => "STATUTORY_EXCHANGE_AVAILABLE",
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

/// Who set the date a claim must be settled by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimDueBasis {
    // The law's settlement period (BG, RU).
    Statutory,
    // The store's target, where the law asks only for a reasonable time (EU, GR).
    StoreTarget,
}

/// The protection periods of a line, and when a claim raised now must be settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WarrantyDates {
    pub legal_until: Option<NaiveDate>,
    pub commercial_until: Option<NaiveDate>,
    pub claim_due_by: Option<NaiveDate>,
    /// Set with `claim_due_by`. Decisions stored before contract v2 have none.
    #[serde(default)]
    pub claim_due_basis: Option<ClaimDueBasis>,
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
    /// What a manager took off this line's refund for the goods' loss of value (a withdrawal of
    /// used goods, `LOSS_OF_VALUE`), and why: `refund` is already net of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deduction: Option<LineDeduction>,
}

/// A manager's deduction for the loss of value of goods withdrawn from a distance sale
/// (Directive 2011/83 art. 14(2)), in the decision's currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LineDeduction {
    pub amount: Money,
    /// Why the goods lost value, in the manager's words.
    pub reason: String,
    // ---- Issue 14: noreceipt ----
    /// The cut is goodwill paid on the line before (not a loss of value): the line pays back
    /// at most what is left of it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub goodwill: bool,
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
    /// Whether recording this line pays money back: a denied line names what it would refund
    /// if overridden, but pays nothing.
    pub fn pays(&self) -> bool {
        self.outcome != LineOutcome::Denied && self.refund.is_positive()
    }

    /// Whether a manager may override every reason this line was denied for (advice such as
    /// `STATUTORY_EXCHANGE_AVAILABLE` is no ground for the denial).
    pub fn overridable(&self) -> bool {
        self.outcome == LineOutcome::Denied
            && self.reasons.iter().all(|r| r.overridable || r.code.is_advice())
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
    /// Managers' deductions for loss of value (absent when none): refund = gross − fee − deduction.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub deduction: Money,
}

fn is_zero(m: &Money) -> bool {
    m.is_zero()
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
