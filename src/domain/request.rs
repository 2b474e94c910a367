//! What the customer brings back and what happened to the receipt before.

use serde::{Deserialize, Serialize};

use super::money::Money;
use super::receipt::{LineNo, Quantity, TenderType};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    Refund,
    StoreCredit,
    Exchange,
    Repair,
    Replace,
}

impl Resolution {
    /// Resolutions that give money (or its equivalent) back rather than fix the goods.
    pub fn gives_money_back(self) -> bool {
        matches!(
            self,
            Resolution::Refund | Resolution::StoreCredit | Resolution::Exchange
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    ChangeOfMind,
    Defective,
    NotAsDescribed,
    WrongItem,
}

impl ReturnReason {
    /// The goods do not conform to the contract: the law, not the store's goodwill, applies.
    pub fn is_non_conformity(self) -> bool {
        !matches!(self, ReturnReason::ChangeOfMind)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Unopened,
    Opened,
    Used,
    Damaged,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RequestLine {
    pub line: LineNo,
    pub qty: Quantity,
    pub reason: ReturnReason,
    pub condition: Condition,
    /// RU: no similar item is in stock to exchange this one for, so the statutory exchange is
    /// paid back as money (art. 25 p.2).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_analogue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReturnRequest {
    pub resolution: Resolution,
    pub lines: Vec<RequestLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReturnedQty {
    pub line: LineNo,
    pub qty: Quantity,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TenderRefund {
    #[serde(rename = "type")]
    pub kind: TenderType,
    pub amount: Money,
}

/// Earlier returns of the same receipt and the customer's recent returns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct History {
    #[serde(default)]
    pub returned: Vec<ReturnedQty>,
    /// In the receipt currency.
    #[serde(default)]
    pub tender_refunded: Vec<TenderRefund>,
    #[serde(default)]
    pub customer_returns_90d: u32,
    /// Issue 11: warranty dates the desk's records of a line's repairs moved (the 12 months a
    /// legal-guarantee repair adds, BG's days in repair). None in a plain `evaluate` case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved_warranties: Vec<MovedWarranty>,
    // ---- Issue 14: noreceipt ----
    /// Goodwill paid on a line, and what its earlier returns took (both in the receipt
    /// currency): a later return of the line pays at most what is left of it. None in a plain
    /// `evaluate` case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goodwill: Vec<LineGoodwill>,
}

// ---- Issue 14: noreceipt ----
/// What has gone back on a line that goodwill was paid on, in the receipt currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LineGoodwill {
    pub line: LineNo,
    /// The goodwill paid on the line.
    pub goodwill: Money,
    /// What the line's earlier returns took of it (their refunds and fees).
    pub returned: Money,
}

/// A line's warranty dates as its repairs moved them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MovedWarranty {
    pub line: LineNo,
    pub legal_until: Option<chrono::NaiveDate>,
    pub commercial_until: Option<chrono::NaiveDate>,
}

impl History {
    /// The moved warranty dates of a line, if its repairs moved any.
    pub fn moved_warranty(&self, line: LineNo) -> Option<&MovedWarranty> {
        self.moved_warranties.iter().find(|m| m.line == line)
    }

    /// Goodwill on a line and what its returns took (issue 14), if goodwill was paid on it.
    pub fn goodwill_on(&self, line: LineNo) -> Option<&LineGoodwill> {
        self.goodwill.iter().find(|g| g.line == line)
    }

    pub fn returned_qty(&self, line: LineNo) -> u32 {
        self.returned
            .iter()
            .filter(|r| r.line == line)
            .map(|r| r.qty.get())
            .sum()
    }

    pub fn refunded_to(&self, kind: TenderType) -> Money {
        self.tender_refunded
            .iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.amount)
            .sum()
    }
}
