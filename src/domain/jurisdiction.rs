//! The law of each jurisdiction the desk works in, as data.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::calendar::Period;
use super::request::Resolution;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Jurisdiction {
    EU,
    BG,
    GR,
    RU,
}

/// What a jurisdiction's consumer law fixes for returns and claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsumerLaw {
    /// The legal guarantee of conformity, from the purchase date.
    pub legal_guarantee: Period,
    /// RU (ЗоЗПП art. 19): the 24 months apply only where the seller sets no warranty.
    pub legal_guarantee_only_without_warranty: bool,
    /// RU (art. 25): a change-of-mind return is always possible for this many days in store.
    pub in_store_floor_days: u32,
    /// Distance-sale withdrawal period after delivery, in days.
    pub online_withdrawal_days: u32,
    /// Whether a withdrawal period ending on a non-working day extends (EU Reg. 1182/71).
    pub working_day_extension: bool,
    /// RU (art. 19 p.5): after the warranty, within this period the consumer may still claim
    /// by proving the defect predates the sale.
    pub consumer_proof_period: Option<Period>,
}

impl Jurisdiction {
    pub fn code(self) -> &'static str {
        match self {
            Jurisdiction::EU => "EU",
            Jurisdiction::BG => "BG",
            Jurisdiction::GR => "GR",
            Jurisdiction::RU => "RU",
        }
    }

    pub fn law(self) -> ConsumerLaw {
        match self {
            Jurisdiction::EU | Jurisdiction::BG | Jurisdiction::GR => ConsumerLaw {
                legal_guarantee: Period::Months(24),
                legal_guarantee_only_without_warranty: false,
                in_store_floor_days: 0,
                online_withdrawal_days: 14,
                working_day_extension: true,
                consumer_proof_period: None,
            },
            Jurisdiction::RU => ConsumerLaw {
                legal_guarantee: Period::Months(24),
                legal_guarantee_only_without_warranty: true,
                in_store_floor_days: 14,
                online_withdrawal_days: 7,
                working_day_extension: false,
                consumer_proof_period: Some(Period::Months(24)),
            },
        }
    }

    /// How long the store has to settle a claim, counted from the complaint.
    pub fn claim_settlement(self, resolution: Resolution) -> Period {
        match self {
            Jurisdiction::EU | Jurisdiction::GR => Period::Days(30),
            // Закон за защита на потребителите: one month from the complaint.
            Jurisdiction::BG => Period::Months(1),
            Jurisdiction::RU => match resolution {
                Resolution::Refund | Resolution::StoreCredit => Period::Days(10), // art. 22
                Resolution::Replace | Resolution::Exchange => Period::Days(7),    // art. 21
                Resolution::Repair => Period::Days(45),                           // art. 20
            },
        }
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
