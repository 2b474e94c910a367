//! A paid repair order's life (issue 11, post-warranty service): an item outside every
//! warranty is taken in with an estimate, the customer accepts or declines it, the service
//! repairs it (or cannot), and the customer pays the price due at pick-up. Not a complaint: it
//! has its own stages, steps and price rules. Pure: no IO.

use serde::{Deserialize, Serialize};

use super::money::Money;

/// Where a repair order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RepairStage {
    /// Taken in, the estimate given.
    Received,
    EstimateAccepted,
    EstimateDeclined,
    AtService,
    BackFromService,
    CustomerInformed,
    HandedBack,
    Closed,
}

/// A step of a repair order's life (`RepairStepKind` in the API documents, where `RepairStep` is
/// the command's input).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "RepairStepKind")]
pub enum RepairStep {
    AcceptEstimate,
    DeclineEstimate,
    SendToService,
    BackFromService,
    InformCustomer,
    HandBack,
    Close,
}

/// What the service did with the item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RepairOutcome {
    Repaired,
    NotRepairable,
}

/// A step asked in a stage that does not allow it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the repair order is {stage}: {step} is not a next step (allowed: {})", allowed_list(.allowed))]
pub struct RepairStepOutOfOrder {
    pub stage: RepairStage,
    pub step: RepairStep,
    pub allowed: Vec<RepairStep>,
}

fn allowed_list(steps: &[RepairStep]) -> String {
    if steps.is_empty() {
        return "none".into();
    }
    steps.iter().map(|s| s.code()).collect::<Vec<_>>().join(", ")
}

impl RepairStage {
    pub fn code(self) -> &'static str {
        match self {
            RepairStage::Received => "received",
            RepairStage::EstimateAccepted => "estimate_accepted",
            RepairStage::EstimateDeclined => "estimate_declined",
            RepairStage::AtService => "at_service",
            RepairStage::BackFromService => "back_from_service",
            RepairStage::CustomerInformed => "customer_informed",
            RepairStage::HandedBack => "handed_back",
            RepairStage::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<RepairStage> {
        RepairStage::ALL.into_iter().find(|s| s.code() == text)
    }

    pub const ALL: [RepairStage; 8] = [
        RepairStage::Received,
        RepairStage::EstimateAccepted,
        RepairStage::EstimateDeclined,
        RepairStage::AtService,
        RepairStage::BackFromService,
        RepairStage::CustomerInformed,
        RepairStage::HandedBack,
        RepairStage::Closed,
    ];

    /// The item is still at the store or the service: the order is open.
    pub fn is_open(self) -> bool {
        !matches!(self, RepairStage::HandedBack | RepairStage::Closed)
    }

    /// The steps an order in this stage may take next.
    pub fn allowed_steps(self) -> Vec<RepairStep> {
        use RepairStep as S;
        match self {
            RepairStage::Received => vec![S::AcceptEstimate, S::DeclineEstimate],
            RepairStage::EstimateAccepted => vec![S::SendToService],
            RepairStage::EstimateDeclined => vec![S::HandBack],
            RepairStage::AtService => vec![S::BackFromService],
            RepairStage::BackFromService => vec![S::InformCustomer],
            RepairStage::CustomerInformed => vec![S::HandBack],
            RepairStage::HandedBack => vec![S::Close],
            RepairStage::Closed => vec![],
        }
    }

    /// The stage a step leads to, or why it may not be taken now.
    pub fn after(self, step: RepairStep) -> Result<RepairStage, RepairStepOutOfOrder> {
        let allowed = self.allowed_steps();
        if !allowed.contains(&step) {
            return Err(RepairStepOutOfOrder { stage: self, step, allowed });
        }
        Ok(match step {
            RepairStep::AcceptEstimate => RepairStage::EstimateAccepted,
            RepairStep::DeclineEstimate => RepairStage::EstimateDeclined,
            RepairStep::SendToService => RepairStage::AtService,
            RepairStep::BackFromService => RepairStage::BackFromService,
            RepairStep::InformCustomer => RepairStage::CustomerInformed,
            RepairStep::HandBack => RepairStage::HandedBack,
            RepairStep::Close => RepairStage::Closed,
        })
    }
}

impl std::fmt::Display for RepairStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl RepairStep {
    pub fn code(self) -> &'static str {
        match self {
            RepairStep::AcceptEstimate => "accept_estimate",
            RepairStep::DeclineEstimate => "decline_estimate",
            RepairStep::SendToService => "send_to_service",
            RepairStep::BackFromService => "back_from_service",
            RepairStep::InformCustomer => "inform_customer",
            RepairStep::HandBack => "hand_back",
            RepairStep::Close => "close",
        }
    }
}

impl std::fmt::Display for RepairStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a price is refused (the message names the amounts; the field is the caller's).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    #[error("the estimate must be more than 0")]
    EstimateNotPositive,
    #[error("the final price must be more than 0")]
    FinalNotPositive,
    #[error("the customer accepted {estimate}; a higher price needs their new acceptance")]
    AboveEstimate { estimate: Money },
    #[error("the price due is {due}, not {paid}")]
    WrongPayment { due: Money, paid: Money },
}

/// An estimate the desk may give: more than 0 (two decimals are the `Money` type's own rule).
pub fn check_estimate(estimate: Money) -> Result<Money, PriceError> {
    if estimate.is_positive() {
        Ok(estimate)
    } else {
        Err(PriceError::EstimateNotPositive)
    }
}

/// The price of a repaired item: the estimate unless the service asked less; never above what
/// the customer accepted.
pub fn final_price(estimate: Money, asked: Option<Money>) -> Result<Money, PriceError> {
    let price = asked.unwrap_or(estimate);
    if !price.is_positive() {
        return Err(PriceError::FinalNotPositive);
    }
    if price > estimate {
        return Err(PriceError::AboveEstimate { estimate });
    }
    Ok(price)
}

/// What the customer pays at pick-up: the final price of a repaired item, nothing for a
/// declined estimate or an item that could not be repaired.
pub fn price_due(outcome: Option<RepairOutcome>, final_price: Option<Money>) -> Money {
    match outcome {
        Some(RepairOutcome::Repaired) => final_price.unwrap_or(Money::ZERO),
        _ => Money::ZERO,
    }
}

/// The payment at pick-up must be the price due, exactly (none given: none due).
pub fn check_payment(due: Money, paid: Option<Money>) -> Result<Money, PriceError> {
    let paid = paid.unwrap_or(Money::ZERO);
    if paid != due {
        return Err(PriceError::WrongPayment { due, paid });
    }
    Ok(paid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    #[test]
    fn the_paid_path_runs_through_every_stage_in_order() {
        let mut stage = RepairStage::Received;
        for step in [
            RepairStep::AcceptEstimate,
            RepairStep::SendToService,
            RepairStep::BackFromService,
            RepairStep::InformCustomer,
            RepairStep::HandBack,
            RepairStep::Close,
        ] {
            stage = stage.after(step).unwrap();
        }
        assert_eq!(stage, RepairStage::Closed);
        assert!(stage.allowed_steps().is_empty());
    }

    #[test]
    fn a_declined_estimate_goes_straight_to_hand_back() {
        let declined = RepairStage::Received.after(RepairStep::DeclineEstimate).unwrap();
        assert_eq!(declined, RepairStage::EstimateDeclined);
        assert_eq!(declined.allowed_steps(), vec![RepairStep::HandBack]);
        assert!(declined.after(RepairStep::SendToService).is_err());
    }

    #[test]
    fn a_step_out_of_order_names_the_stage_and_the_steps_allowed() {
        let err = RepairStage::EstimateAccepted.after(RepairStep::HandBack).unwrap_err();
        assert_eq!(err.allowed, vec![RepairStep::SendToService]);
        assert_eq!(err.to_string(), "the repair order is estimate_accepted: hand_back is not a next step (allowed: send_to_service)");
        let closed = RepairStage::Closed.after(RepairStep::Close).unwrap_err();
        assert!(closed.to_string().ends_with("(allowed: none)"), "{closed}");
    }

    #[test]
    fn only_handed_back_and_closed_orders_are_not_open() {
        let open: Vec<_> = RepairStage::ALL.into_iter().filter(|s| s.is_open()).collect();
        assert_eq!(open.len(), 6);
        assert!(!RepairStage::HandedBack.is_open() && !RepairStage::Closed.is_open());
        for s in RepairStage::ALL {
            assert_eq!(RepairStage::parse(s.code()), Some(s));
        }
        assert_eq!(RepairStage::parse("settled"), None);
    }

    #[test]
    fn the_final_price_defaults_to_the_estimate_and_never_exceeds_it() {
        assert_eq!(final_price(m("120.00"), None), Ok(m("120.00")));
        assert_eq!(final_price(m("120.00"), Some(m("95.50"))), Ok(m("95.50")));
        assert_eq!(final_price(m("120.00"), Some(m("120.00"))), Ok(m("120.00")));
        let above = final_price(m("120.00"), Some(m("120.01"))).unwrap_err();
        assert_eq!(above.to_string(), "the customer accepted 120.00; a higher price needs their new acceptance");
        assert_eq!(final_price(m("120.00"), Some(Money::ZERO)), Err(PriceError::FinalNotPositive));
        assert_eq!(check_estimate(Money::ZERO), Err(PriceError::EstimateNotPositive));
        assert_eq!(check_estimate(m("0.01")), Ok(m("0.01")));
    }

    #[test]
    fn only_a_repaired_item_has_a_price_due_and_the_payment_must_match_it() {
        assert_eq!(price_due(Some(RepairOutcome::Repaired), Some(m("80.00"))), m("80.00"));
        assert_eq!(price_due(Some(RepairOutcome::NotRepairable), Some(m("80.00"))), Money::ZERO);
        assert_eq!(price_due(None, None), Money::ZERO);
        assert_eq!(check_payment(m("80.00"), Some(m("80.00"))), Ok(m("80.00")));
        assert_eq!(
            check_payment(m("80.00"), Some(m("79.99"))).unwrap_err().to_string(),
            "the price due is 80.00, not 79.99"
        );
        assert!(check_payment(m("80.00"), None).is_err());
        assert_eq!(check_payment(Money::ZERO, None), Ok(Money::ZERO));
        assert!(check_payment(Money::ZERO, Some(m("1.00"))).is_err());
    }
}
