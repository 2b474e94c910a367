//! How a refund is paid back: the tender allocation.

use serde::{Deserialize, Serialize};

use super::money::{Conversion, Money};
use super::receipt::TenderType;

/// How money leaves the desk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PayoutType {
    Card,
    Cash,
    GiftCard,
    StoreCredit,
    Exchange,
}

impl From<TenderType> for PayoutType {
    fn from(t: TenderType) -> Self {
        match t {
            TenderType::Card => PayoutType::Card,
            TenderType::Cash => PayoutType::Cash,
            TenderType::GiftCard => PayoutType::GiftCard,
            TenderType::StoreCredit => PayoutType::StoreCredit,
        }
    }
}

impl PayoutType {
    /// The receipt's tender this payout gives money back to (an exchange gives back none).
    pub fn tender(self) -> Option<TenderType> {
        match self {
            PayoutType::Card => Some(TenderType::Card),
            PayoutType::Cash => Some(TenderType::Cash),
            PayoutType::GiftCard => Some(TenderType::GiftCard),
            PayoutType::StoreCredit => Some(TenderType::StoreCredit),
            PayoutType::Exchange => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TenderPayout {
    #[serde(rename = "type")]
    pub kind: PayoutType,
    pub amount: Money,
}

/// Walks the tender order over what the receipt still has money on (paid − already refunded,
/// in the receipt currency): each tender takes what it can, the last one takes whatever is
/// left; with nothing left to take from, the refund becomes store credit.
#[derive(Clone, Debug)]
pub struct TenderAllocation<'a> {
    /// Tender types in the order they are refunded.
    pub order: &'a [TenderType],
    pub conversion: Conversion,
}

impl TenderAllocation<'_> {
    /// `available(t)` is what tender `t` can still give back, in the receipt currency.
    pub fn allocate(&self, total: Money, available: impl Fn(TenderType) -> Money) -> Vec<TenderPayout> {
        if !total.is_positive() {
            return Vec::new();
        }
        let open: Vec<(TenderType, Money)> = self
            .order
            .iter()
            .map(|&t| (t, available(t)))
            .filter(|(_, left)| left.is_positive())
            .collect();
        if open.is_empty() {
            return vec![TenderPayout {
                kind: PayoutType::StoreCredit,
                amount: total,
            }];
        }
        let mut left = total;
        let mut payouts = Vec::with_capacity(open.len());
        for (i, (kind, available)) in open.iter().enumerate() {
            let last = i + 1 == open.len();
            let take = if last {
                left
            } else {
                left.min(self.conversion.apply(*available))
            };
            if take.is_positive() {
                payouts.push(TenderPayout {
                    kind: (*kind).into(),
                    amount: take,
                });
            }
            left = left - take;
            if !left.is_positive() {
                break;
            }
        }
        payouts
    }
}
