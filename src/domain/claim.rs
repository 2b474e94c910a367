//! A warranty claim's life: its stages and the steps between them, the date it must be settled
//! by (per jurisdiction and the remedy the customer asks for), what an overdue claim opens, and
//! the warranty clocks a repair moves. Pure: no IO.

use std::fmt;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::Period;
use super::decision::ClaimDueBasis;
use super::jurisdiction::{ClaimTarget, Jurisdiction};

/// Where a claim stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStage {
    Registered,
    AtService,
    BackFromService,
    CustomerInformed,
    HandedBack,
    /// Refund or price reduction paid.
    Settled,
    /// The store or the service refused it, with reasons.
    Rejected,
    Closed,
}

/// A step of a claim's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStepKind {
    /// Paid repair: the customer accepts the estimate.
    AcceptEstimate,
    SendToService,
    BackFromService,
    InformCustomer,
    HandBack,
    Reject,
    /// Refund or price reduction paid (`settle_claim`).
    Settle,
    Close,
}

/// What the customer asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RemedyAsked {
    Repair,
    Replacement,
    PriceReduction,
    Refund,
}

/// What the service answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceOutcome {
    Repaired,
    Replaced,
    Rejected,
}

/// A warranty claim, or a paid repair of an item outside every warranty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Warranty,
    PaidRepair,
}

/// A step asked in a stage that does not allow it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the claim is {stage}: {step} is not a next step (allowed: {})", allowed_list(.allowed))]
pub struct StepOutOfOrder {
    pub stage: ClaimStage,
    pub step: ClaimStepKind,
    pub allowed: Vec<ClaimStepKind>,
}

fn allowed_list(steps: &[ClaimStepKind]) -> String {
    if steps.is_empty() {
        return "none".into();
    }
    steps.iter().map(|s| s.code()).collect::<Vec<_>>().join(", ")
}

impl ClaimStage {
    pub fn code(self) -> &'static str {
        match self {
            ClaimStage::Registered => "registered",
            ClaimStage::AtService => "at_service",
            ClaimStage::BackFromService => "back_from_service",
            ClaimStage::CustomerInformed => "customer_informed",
            ClaimStage::HandedBack => "handed_back",
            ClaimStage::Settled => "settled",
            ClaimStage::Rejected => "rejected",
            ClaimStage::Closed => "closed",
        }
    }

    /// The claim is answered: its deadline no longer runs.
    pub fn is_answered(self) -> bool {
        matches!(self, ClaimStage::HandedBack | ClaimStage::Settled | ClaimStage::Closed | ClaimStage::Rejected)
    }

    /// The steps a claim in this stage may take next (`overdue`: the deadline has passed, and the
    /// customer may ask for money instead).
    pub fn allowed_steps(self, kind: ClaimKind, overdue: bool) -> Vec<ClaimStepKind> {
        use ClaimStepKind as S;
        let mut steps = match (self, kind) {
            (ClaimStage::Registered, ClaimKind::Warranty) => vec![S::SendToService, S::Settle, S::Reject],
            (ClaimStage::Registered, ClaimKind::PaidRepair) => vec![S::AcceptEstimate, S::Reject],
            (ClaimStage::AtService, _) => vec![S::BackFromService],
            (ClaimStage::BackFromService, ClaimKind::Warranty) => vec![S::InformCustomer, S::Settle, S::Reject],
            (ClaimStage::BackFromService, ClaimKind::PaidRepair) => vec![S::InformCustomer],
            (ClaimStage::CustomerInformed, ClaimKind::Warranty) => vec![S::HandBack, S::Settle],
            (ClaimStage::CustomerInformed, ClaimKind::PaidRepair) => vec![S::HandBack],
            (ClaimStage::Rejected, _) => vec![S::InformCustomer],
            (ClaimStage::HandedBack | ClaimStage::Settled, _) => vec![S::Close],
            (ClaimStage::Closed, _) => vec![],
        };
        if overdue && kind == ClaimKind::Warranty && !self.is_answered() && !steps.contains(&S::Settle) {
            steps.push(S::Settle);
        }
        steps
    }

    /// The stage a step leads to, or why it may not be taken now. A service that rejects the
    /// claim brings it back `rejected`.
    pub fn after(
        self,
        step: ClaimStepKind,
        kind: ClaimKind,
        overdue: bool,
        outcome: Option<ServiceOutcome>,
    ) -> Result<ClaimStage, StepOutOfOrder> {
        let allowed = self.allowed_steps(kind, overdue);
        if !allowed.contains(&step) {
            return Err(StepOutOfOrder { stage: self, step, allowed });
        }
        Ok(match step {
            ClaimStepKind::AcceptEstimate => ClaimStage::Registered,
            ClaimStepKind::SendToService => ClaimStage::AtService,
            ClaimStepKind::BackFromService if outcome == Some(ServiceOutcome::Rejected) => ClaimStage::Rejected,
            ClaimStepKind::BackFromService => ClaimStage::BackFromService,
            ClaimStepKind::InformCustomer => ClaimStage::CustomerInformed,
            ClaimStepKind::HandBack => ClaimStage::HandedBack,
            ClaimStepKind::Reject => ClaimStage::Rejected,
            ClaimStepKind::Settle => ClaimStage::Settled,
            ClaimStepKind::Close => ClaimStage::Closed,
        })
    }

    /// The earlier contract's status word for this stage (`warranty_claims.status`).
    pub fn legacy_status(self) -> &'static str {
        match self {
            ClaimStage::Registered => "open",
            ClaimStage::AtService | ClaimStage::BackFromService | ClaimStage::CustomerInformed => "in_repair",
            ClaimStage::HandedBack | ClaimStage::Settled => "resolved",
            ClaimStage::Rejected => "rejected",
            ClaimStage::Closed => "closed",
        }
    }
}

impl fmt::Display for ClaimStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl ClaimStepKind {
    pub fn code(self) -> &'static str {
        match self {
            ClaimStepKind::AcceptEstimate => "accept_estimate",
            ClaimStepKind::SendToService => "send_to_service",
            ClaimStepKind::BackFromService => "back_from_service",
            ClaimStepKind::InformCustomer => "inform_customer",
            ClaimStepKind::HandBack => "hand_back",
            ClaimStepKind::Reject => "reject",
            ClaimStepKind::Settle => "settle",
            ClaimStepKind::Close => "close",
        }
    }
}

impl fmt::Display for ClaimStepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl RemedyAsked {
    pub fn code(self) -> &'static str {
        match self {
            RemedyAsked::Repair => "repair",
            RemedyAsked::Replacement => "replacement",
            RemedyAsked::PriceReduction => "price_reduction",
            RemedyAsked::Refund => "refund",
        }
    }
}

/// RU, art. 21: how long a replacement may take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReplacementCase {
    /// 7 days.
    #[default]
    InStock,
    /// 20 days when the store checks the quality first.
    QualityCheck,
    /// 1 month where no such item is in stock.
    NoStock,
}

/// The date a claim must be settled by, who set it, and the period counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimDeadline {
    pub due_by: NaiveDate,
    pub basis: ClaimDueBasis,
    pub period: Period,
}

impl ClaimDeadline {
    /// BG: 1 month from the claim; RU: by the remedy asked (art. 20–22); GR/EU: the store's
    /// target ("a reasonable time"). Month ends clamp: 31 January + 1 month = 28/29 February.
    pub fn of(
        jurisdiction: Jurisdiction,
        remedy: RemedyAsked,
        claimed_on: NaiveDate,
        target: ClaimTarget,
        replacement: ReplacementCase,
    ) -> ClaimDeadline {
        let (period, basis) = match jurisdiction {
            Jurisdiction::EU | Jurisdiction::GR => (target.period(), ClaimDueBasis::StoreTarget),
            Jurisdiction::BG => (Period::Months(1), ClaimDueBasis::Statutory),
            Jurisdiction::RU => (
                match remedy {
                    RemedyAsked::Repair => Period::Days(45),
                    RemedyAsked::Replacement => match replacement {
                        ReplacementCase::InStock => Period::Days(7),
                        ReplacementCase::QualityCheck => Period::Days(20),
                        ReplacementCase::NoStock => Period::Months(1),
                    },
                    RemedyAsked::Refund | RemedyAsked::PriceReduction => Period::Days(10),
                },
                ClaimDueBasis::Statutory,
            ),
        };
        ClaimDeadline { due_by: period.end_from(claimed_on), basis, period }
    }
}

/// A period as the desk says it: "1 month", "45 days".
pub fn period_text(period: Period) -> String {
    match period {
        Period::Days(1) => "1 day".into(),
        Period::Days(n) => format!("{n} days"),
        Period::Months(1) => "1 month".into(),
        Period::Months(n) => format!("{n} months"),
    }
}

/// Past its date and not yet answered.
pub fn is_overdue(stage: ClaimStage, due_by: NaiveDate, today: NaiveDate) -> bool {
    today > due_by && !stage.is_answered()
}

/// What an overdue claim opens: the customer may ask for their money back or a lower price.
pub fn overdue_remedies(overdue: bool) -> Vec<RemedyAsked> {
    if overdue {
        vec![RemedyAsked::Refund, RemedyAsked::PriceReduction]
    } else {
        vec![]
    }
}

/// Directive 2024/1799: a repair under the legal guarantee finished on or after this day
/// extends the legal guarantee by 12 months, once per item.
pub fn legal_extension_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 31).expect("a date")
}

/// One earlier stay at the service of the same item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repair {
    pub sent_on: NaiveDate,
    pub back_on: NaiveDate,
    /// The claim rested on the legal guarantee.
    pub under_legal_guarantee: bool,
    pub outcome: ServiceOutcome,
}

impl Repair {
    /// Whole days the item spent at the service.
    pub fn days(&self) -> u64 {
        u64::try_from((self.back_on - self.sent_on).num_days()).unwrap_or(0)
    }
}

/// The item's warranty dates as its repairs moved them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExtendedWarranty {
    pub legal_until: Option<NaiveDate>,
    pub commercial_until: Option<NaiveDate>,
}

/// BG: the days in repair extend the commercial warranty by as many days. EU/BG/GR: a repair
/// under the legal guarantee finished on or after 2026-07-31 extends it by 12 months, once.
/// RU: neither. `None` where a date is not moved.
pub fn extended_warranty(
    jurisdiction: Jurisdiction,
    legal_until: Option<NaiveDate>,
    commercial_until: Option<NaiveDate>,
    repairs: &[Repair],
) -> ExtendedWarranty {
    let mut out = ExtendedWarranty::default();
    if jurisdiction == Jurisdiction::BG {
        let days: u64 = repairs.iter().filter(|r| r.outcome != ServiceOutcome::Rejected).map(Repair::days).sum();
        if days > 0 {
            out.commercial_until = commercial_until.and_then(|c| c.checked_add_days(chrono::Days::new(days)));
        }
    }
    if jurisdiction != Jurisdiction::RU
        && repairs
            .iter()
            .any(|r| r.under_legal_guarantee && r.outcome == ServiceOutcome::Repaired && r.back_on >= legal_extension_from())
    {
        out.legal_until = legal_until.and_then(|l| l.checked_add_months(Months::new(12)));
    }
    out
}

/// BG: a third claim on the same item after two repairs entitles the customer to a refund.
pub fn refund_entitled(jurisdiction: Jurisdiction, earlier_repairs: usize) -> bool {
    jurisdiction == Jurisdiction::BG && earlier_repairs >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn due(j: Jurisdiction, r: RemedyAsked, on: &str) -> NaiveDate {
        ClaimDeadline::of(j, r, d(on), ClaimTarget::days(15), ReplacementCase::InStock).due_by
    }

    #[test]
    fn bulgaria_gives_a_month_clamped_to_the_month_end() {
        assert_eq!(due(Jurisdiction::BG, RemedyAsked::Repair, "2026-01-31"), d("2026-02-28"));
        assert_eq!(due(Jurisdiction::BG, RemedyAsked::Repair, "2028-01-31"), d("2028-02-29"));
        assert_eq!(due(Jurisdiction::BG, RemedyAsked::Refund, "2026-03-15"), d("2026-04-15"));
        let deadline = ClaimDeadline::of(Jurisdiction::BG, RemedyAsked::Repair, d("2026-03-15"), ClaimTarget::days(15), ReplacementCase::InStock);
        assert_eq!((deadline.basis, period_text(deadline.period)), (ClaimDueBasis::Statutory, "1 month".to_string()));
    }

    #[test]
    fn russia_counts_by_the_remedy_asked() {
        assert_eq!(due(Jurisdiction::RU, RemedyAsked::Repair, "2026-03-01"), d("2026-04-15"));
        assert_eq!(due(Jurisdiction::RU, RemedyAsked::Replacement, "2026-03-01"), d("2026-03-08"));
        assert_eq!(due(Jurisdiction::RU, RemedyAsked::Refund, "2026-03-01"), d("2026-03-11"));
        assert_eq!(due(Jurisdiction::RU, RemedyAsked::PriceReduction, "2026-03-01"), d("2026-03-11"));
        let check = ClaimDeadline::of(Jurisdiction::RU, RemedyAsked::Replacement, d("2026-03-01"), ClaimTarget::default(), ReplacementCase::QualityCheck);
        assert_eq!(check.due_by, d("2026-03-21"));
        let none = ClaimDeadline::of(Jurisdiction::RU, RemedyAsked::Replacement, d("2026-01-31"), ClaimTarget::default(), ReplacementCase::NoStock);
        assert_eq!(none.due_by, d("2026-02-28"));
        assert_eq!(period_text(Period::Days(45)), "45 days");
    }

    #[test]
    fn greece_and_the_eu_use_the_store_target() {
        for j in [Jurisdiction::GR, Jurisdiction::EU] {
            let deadline = ClaimDeadline::of(j, RemedyAsked::Repair, d("2026-12-20"), ClaimTarget::days(15), ReplacementCase::InStock);
            assert_eq!((deadline.due_by, deadline.basis), (d("2027-01-04"), ClaimDueBasis::StoreTarget));
        }
    }

    #[test]
    fn a_step_out_of_order_names_the_stage_and_what_is_allowed() {
        let err = ClaimStage::Registered.after(ClaimStepKind::HandBack, ClaimKind::Warranty, false, None).unwrap_err();
        assert_eq!(err.stage, ClaimStage::Registered);
        assert_eq!(err.to_string(), "the claim is registered: hand_back is not a next step (allowed: send_to_service, settle, reject)");
        assert_eq!(ClaimStage::Closed.allowed_steps(ClaimKind::Warranty, false), vec![]);
    }

    #[test]
    fn the_whole_life_of_a_repaired_claim() {
        let mut stage = ClaimStage::Registered;
        for (step, outcome, next) in [
            (ClaimStepKind::SendToService, None, ClaimStage::AtService),
            (ClaimStepKind::BackFromService, Some(ServiceOutcome::Repaired), ClaimStage::BackFromService),
            (ClaimStepKind::InformCustomer, None, ClaimStage::CustomerInformed),
            (ClaimStepKind::HandBack, None, ClaimStage::HandedBack),
            (ClaimStepKind::Close, None, ClaimStage::Closed),
        ] {
            stage = stage.after(step, ClaimKind::Warranty, false, outcome).unwrap();
            assert_eq!(stage, next);
        }
        let rejected = ClaimStage::AtService
            .after(ClaimStepKind::BackFromService, ClaimKind::Warranty, false, Some(ServiceOutcome::Rejected))
            .unwrap();
        assert_eq!(rejected, ClaimStage::Rejected);
        assert_eq!(rejected.allowed_steps(ClaimKind::Warranty, false), vec![ClaimStepKind::InformCustomer]);
    }

    #[test]
    fn an_overdue_claim_may_be_settled_from_any_open_stage() {
        assert!(ClaimStage::AtService.after(ClaimStepKind::Settle, ClaimKind::Warranty, false, None).is_err());
        assert_eq!(ClaimStage::AtService.after(ClaimStepKind::Settle, ClaimKind::Warranty, true, None), Ok(ClaimStage::Settled));
        assert!(is_overdue(ClaimStage::AtService, d("2026-03-01"), d("2026-03-02")));
        assert!(!is_overdue(ClaimStage::AtService, d("2026-03-01"), d("2026-03-01")));
        assert!(!is_overdue(ClaimStage::HandedBack, d("2026-03-01"), d("2026-04-01")));
        assert_eq!(overdue_remedies(true), vec![RemedyAsked::Refund, RemedyAsked::PriceReduction]);
        assert!(overdue_remedies(false).is_empty());
    }

    #[test]
    fn days_in_repair_extend_the_bulgarian_commercial_warranty() {
        let repair = Repair { sent_on: d("2026-03-01"), back_on: d("2026-03-11"), under_legal_guarantee: false, outcome: ServiceOutcome::Repaired };
        let ext = extended_warranty(Jurisdiction::BG, Some(d("2027-01-01")), Some(d("2027-06-30")), &[repair]);
        assert_eq!(ext, ExtendedWarranty { legal_until: None, commercial_until: Some(d("2027-07-10")) });
        let gr = extended_warranty(Jurisdiction::GR, Some(d("2027-01-01")), Some(d("2027-06-30")), &[repair]);
        assert_eq!(gr, ExtendedWarranty::default());
    }

    #[test]
    fn a_legal_repair_from_2026_07_31_adds_twelve_months_once() {
        let before = Repair { sent_on: d("2026-07-20"), back_on: d("2026-07-30"), under_legal_guarantee: true, outcome: ServiceOutcome::Repaired };
        let on = Repair { back_on: d("2026-07-31"), ..before };
        let later = Repair { sent_on: d("2026-09-01"), back_on: d("2026-09-05"), ..before };
        for j in [Jurisdiction::EU, Jurisdiction::GR] {
            assert_eq!(extended_warranty(j, Some(d("2028-01-10")), None, &[before]).legal_until, None);
            assert_eq!(extended_warranty(j, Some(d("2028-01-10")), None, &[on]).legal_until, Some(d("2029-01-10")));
            assert_eq!(extended_warranty(j, Some(d("2028-01-10")), None, &[on, later]).legal_until, Some(d("2029-01-10")));
        }
        assert_eq!(extended_warranty(Jurisdiction::RU, Some(d("2028-01-10")), None, &[on]).legal_until, None);
    }

    #[test]
    fn a_third_bulgarian_claim_after_two_repairs_may_be_refunded() {
        assert!(!refund_entitled(Jurisdiction::BG, 1));
        assert!(refund_entitled(Jurisdiction::BG, 2));
        assert!(!refund_entitled(Jurisdiction::GR, 2));
    }

    fn jurisdiction() -> impl Strategy<Value = Jurisdiction> {
        prop_oneof![Just(Jurisdiction::BG), Just(Jurisdiction::RU), Just(Jurisdiction::GR), Just(Jurisdiction::EU)]
    }

    fn remedy() -> impl Strategy<Value = RemedyAsked> {
        prop_oneof![Just(RemedyAsked::Repair), Just(RemedyAsked::Replacement), Just(RemedyAsked::Refund), Just(RemedyAsked::PriceReduction)]
    }

    proptest! {
        #[test]
        fn a_due_date_is_never_before_the_claim(j in jurisdiction(), r in remedy(), days in 0i64..20_000, target in 1u32..365) {
            let on = d("2000-01-01") + chrono::Duration::days(days);
            let deadline = ClaimDeadline::of(j, r, on, ClaimTarget::days(target), ReplacementCase::InStock);
            prop_assert!(deadline.due_by > on);
        }

        #[test]
        fn an_extension_never_shortens(j in jurisdiction(), start in 0i64..2_000, stay in 0i64..200, legal in 0i64..2_000, commercial in 0i64..2_000) {
            let base = d("2025-01-01");
            let repair = Repair {
                sent_on: base + chrono::Duration::days(start),
                back_on: base + chrono::Duration::days(start + stay),
                under_legal_guarantee: true,
                outcome: ServiceOutcome::Repaired,
            };
            let (l, c) = (base + chrono::Duration::days(legal), base + chrono::Duration::days(commercial));
            let ext = extended_warranty(j, Some(l), Some(c), &[repair]);
            prop_assert!(ext.legal_until.is_none_or(|e| e >= l));
            prop_assert!(ext.commercial_until.is_none_or(|e| e >= c));
        }
    }
}
