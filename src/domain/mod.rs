//! The pure domain: rules, money and dates. Knows no IO.

pub mod calendar;
pub mod claim;
pub mod decision;
pub mod evaluate;
// ---- Issue 15: public holidays computed for any year ----
pub mod holidays;
// ---- Issue 14: exchanges ----
pub mod exchange;
pub mod jurisdiction;
pub mod money;
pub mod policy;
pub mod pricing;
pub mod receipt;
pub mod repair;
pub mod request;
pub mod tender;

pub use decision::{
    ApprovalCode, CaseOutcome, ClaimDueBasis, Decision, LineDecision, LineDeduction, LineOutcome,
    Reason, ReasonCode, Route, Totals, WarrantyDates,
};
pub use evaluate::{evaluate, evaluate_with_ruling, Deduction, ManagerRuling, ReturnCase, RulingError, Store};
pub use jurisdiction::{ClaimTarget, Jurisdiction};
pub use money::{Conversion, Currency, Money, Percent};
pub use policy::{CaseRules, ItemRules, Policy, PolicyRule, RuleMatch, WithdrawalException};
pub use receipt::{Channel, LineNo, Quantity, Receipt, ReceiptLine, Tender, TenderType};
pub use request::{Condition, History, RequestLine, Resolution, ReturnReason, ReturnRequest};
pub use tender::{PayoutType, TenderAllocation, TenderPayout};
