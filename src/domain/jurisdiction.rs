//! The law of each jurisdiction the desk works in, as data.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{Period, WorkingCalendar};
use super::decision::ClaimDueBasis;
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
    /// The legal guarantee of conformity, from delivery.
    pub legal_guarantee: Period,
    /// RU (ЗоЗПП art. 19): the 24 months apply only where the seller sets no warranty.
    pub legal_guarantee_only_without_warranty: bool,
    /// The withdrawal from a distance sale, from delivery.
    pub distance_withdrawal: DistanceWithdrawal,
    /// RU (art. 25): goods of proper quality bought in store may be exchanged within this
    /// period after the purchase (the purchase day not counted).
    pub statutory_exchange: Option<Period>,
    /// RU (art. 19 p.5): after the warranty, within this period from delivery the consumer may
    /// still claim by proving the defect predates the sale.
    pub consumer_proof_period: Option<Period>,
}

/// The statutory withdrawal from a distance sale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DistanceWithdrawal {
    /// From delivery, where the written information on returns was handed over.
    pub period: Period,
    /// Where it was not.
    pub without_return_info: UninformedWithdrawal,
}

/// How the withdrawal period grows when the consumer was not told of the right to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UninformedWithdrawal {
    /// Directive 2011/83 art. 10: the period runs on this much longer after its (unmoved) end.
    ExtendedBy(Period),
    /// ЗоЗПП art. 26.1 p.4: this period from delivery instead.
    Instead(Period),
}

impl DistanceWithdrawal {
    /// The last day of the withdrawal period, before a non-working end is moved.
    pub fn unmoved_end(self, delivery: NaiveDate, return_info_given: bool) -> NaiveDate {
        let informed_end = self.period.end_from(delivery);
        match (return_info_given, self.without_return_info) {
            (true, _) => informed_end,
            (false, UninformedWithdrawal::ExtendedBy(more)) => more.end_from(informed_end),
            (false, UninformedWithdrawal::Instead(period)) => period.end_from(delivery),
        }
    }
}

impl ConsumerLaw {
    /// The last day a distance sale can be withdrawn from: a non-working end moves to the next
    /// working day (Reg. 1182/71; ГК РФ art. 193).
    pub fn withdrawal_end(
        &self,
        delivery: NaiveDate,
        return_info_given: bool,
        calendar: &WorkingCalendar,
    ) -> NaiveDate {
        calendar.extend_to_working_day(self.distance_withdrawal.unmoved_end(delivery, return_info_given))
    }

    /// RU (art. 25): the last day of the in-store exchange right, a non-working end moved to the
    /// next working day (ГК РФ art. 193). `None` where the law gives no such right.
    pub fn statutory_exchange_end(&self, purchase: NaiveDate, calendar: &WorkingCalendar) -> Option<NaiveDate> {
        self.statutory_exchange
            .map(|period| calendar.extend_to_working_day(period.end_from(purchase)))
    }
}

/// The store's own target for settling a claim where the law sets no period (EU, GR:
/// "a reasonable time"), in whole days from the complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct ClaimTarget(u32);

impl<'de> Deserialize<'de> for ClaimTarget {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Days;
        impl serde::de::Visitor<'_> for Days {
            type Value = ClaimTarget;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number of days, 0 or more")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ClaimTarget, E> {
                u32::try_from(v)
                    .map(ClaimTarget)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
        }
        d.deserialize_u64(Days)
    }
}

impl ClaimTarget {
    pub const fn days(days: u32) -> ClaimTarget {
        ClaimTarget(days)
    }

    pub fn get(self) -> u32 {
        self.0
    }

    pub fn period(self) -> Period {
        Period::Days(self.0)
    }
}

impl Default for ClaimTarget {
    /// 30 days, the contract's default.
    fn default() -> Self {
        ClaimTarget(30)
    }
}

/// How long the store has to settle a claim, from the complaint, and who set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimSettlement {
    pub period: Period,
    pub basis: ClaimDueBasis,
}

impl ClaimSettlement {
    fn statutory(period: Period) -> ClaimSettlement {
        ClaimSettlement {
            period,
            basis: ClaimDueBasis::Statutory,
        }
    }

    /// The date a claim raised on `complaint` must be settled by.
    pub fn due_by(self, complaint: NaiveDate) -> NaiveDate {
        self.period.end_from(complaint)
    }
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
                distance_withdrawal: DistanceWithdrawal {
                    period: Period::Days(14),
                    without_return_info: UninformedWithdrawal::ExtendedBy(Period::Months(12)),
                },
                statutory_exchange: None,
                consumer_proof_period: None,
            },
            Jurisdiction::RU => ConsumerLaw {
                legal_guarantee: Period::Months(24),
                legal_guarantee_only_without_warranty: true,
                distance_withdrawal: DistanceWithdrawal {
                    period: Period::Days(7),
                    without_return_info: UninformedWithdrawal::Instead(Period::Months(3)),
                },
                statutory_exchange: Some(Period::Days(14)),
                consumer_proof_period: Some(Period::Months(24)),
            },
        }
    }

    /// How long the store has to settle a claim, counted from the complaint: the law's period,
    /// or the store's target where the law sets none.
    pub fn claim_settlement(self, resolution: Resolution, store_target: ClaimTarget) -> ClaimSettlement {
        match self {
            // Directive 2019/771 art. 14: "within a reasonable period".
            Jurisdiction::EU | Jurisdiction::GR => ClaimSettlement {
                period: store_target.period(),
                basis: ClaimDueBasis::StoreTarget,
            },
            // Закон за защита на потребителите: one month from the complaint.
            Jurisdiction::BG => ClaimSettlement::statutory(Period::Months(1)),
            Jurisdiction::RU => ClaimSettlement::statutory(match resolution {
                Resolution::Refund | Resolution::StoreCredit => Period::Days(10), // art. 22
                Resolution::Replace | Resolution::Exchange => Period::Days(7),    // art. 21
                Resolution::Repair => Period::Days(45),                           // art. 20
            }),
        }
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn withdrawal_without_return_information_runs_from_the_unmoved_dates() {
        let eu = Jurisdiction::EU.law().distance_withdrawal;
        // Delivered Sat 2026-02-21: 14 days end Sat 2026-03-07 (moved only at the very end).
        assert_eq!(eu.unmoved_end(d("2026-02-21"), true), d("2026-03-07"));
        assert_eq!(eu.unmoved_end(d("2026-02-21"), false), d("2027-03-07"));
        let ru = Jurisdiction::RU.law().distance_withdrawal;
        assert_eq!(ru.unmoved_end(d("2026-05-30"), true), d("2026-06-06"));
        assert_eq!(ru.unmoved_end(d("2026-05-30"), false), d("2026-08-30"));
    }

    #[test]
    fn a_russian_period_ending_on_a_sunday_moves_to_monday() {
        let law = Jurisdiction::RU.law();
        let calendar = WorkingCalendar::default();
        // Delivered 2026-05-30 without the return information: 3 months end Sunday 2026-08-30.
        assert_eq!(law.withdrawal_end(d("2026-05-30"), false, &calendar), d("2026-08-31"));
        // Bought Sunday 2026-05-31: the 14 exchange days end Sunday 2026-06-14.
        assert_eq!(law.statutory_exchange_end(d("2026-05-31"), &calendar), Some(d("2026-06-15")));
        // A working Sunday ends it there.
        let worked = WorkingCalendar::default().with_working_days([d("2026-06-14")]);
        assert_eq!(law.statutory_exchange_end(d("2026-05-31"), &worked), Some(d("2026-06-14")));
        assert_eq!(Jurisdiction::BG.law().statutory_exchange_end(d("2026-05-31"), &calendar), None);
    }

    #[test]
    fn the_settlement_period_says_who_set_it() {
        let target = ClaimTarget::days(15);
        for j in [Jurisdiction::EU, Jurisdiction::GR] {
            let s = j.claim_settlement(Resolution::Repair, target);
            assert_eq!(s.basis, ClaimDueBasis::StoreTarget);
            assert_eq!(s.due_by(d("2027-01-12")), d("2027-01-27"));
        }
        let bg = Jurisdiction::BG.claim_settlement(Resolution::Repair, target);
        assert_eq!((bg.basis, bg.due_by(d("2027-01-31"))), (ClaimDueBasis::Statutory, d("2027-02-28")));
        let ru = Jurisdiction::RU.claim_settlement(Resolution::Exchange, target);
        assert_eq!((ru.basis, ru.period), (ClaimDueBasis::Statutory, Period::Days(7)));
        assert_eq!(ClaimTarget::default().get(), 30);
    }
}
