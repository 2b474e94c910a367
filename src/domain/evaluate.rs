//! Deciding a return: every line, the money, the approvals and the payout.

use chrono::{NaiveDate, NaiveDateTime};

use super::calendar::{Period, WorkingCalendar};
use super::decision::{
    ApprovalCode, CaseOutcome, Decision, LineDecision, LineDeduction, LineOutcome, Reason,
    ReasonCode, Route, Totals, WarrantyDates,
};
use super::jurisdiction::{ClaimSettlement, ClaimTarget, Jurisdiction};
use super::money::{Conversion, Currency, Money};
use super::policy::{ItemRules, Policy, RefundTo};
use super::pricing::{paid_per_line, UnitAllocation};
use super::receipt::{Channel, LineNo, Receipt, TenderType};
use super::request::{Condition, History, RequestLine, Resolution, ReturnRequest};
use super::tender::{PayoutType, TenderAllocation, TenderPayout};

/// The store a return is made at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    pub jurisdiction: Jurisdiction,
    /// What refunds are paid in.
    pub currency: Currency,
    pub calendar: WorkingCalendar,
    /// How soon the store settles a claim where the law sets no period (EU, GR).
    pub claim_target: ClaimTarget,
}

/// A return to decide: checked on construction, so every invariant the contract lists holds.
#[derive(Clone, Debug)]
pub struct ReturnCase {
    now: NaiveDateTime,
    store: Store,
    policy: Policy,
    receipt: Receipt,
    history: History,
    request: ReturnRequest,
    conversion: Conversion,
}

/// Why a case cannot be decided. Each message names the offending field or line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("receipt.lines: the receipt has no lines")]
    ReceiptWithoutLines,
    #[error("receipt.lines[{index}]: line {line} appears twice on the receipt")]
    DuplicateReceiptLine { index: usize, line: LineNo },
    #[error("receipt.lines[{index}].discount: {discount} is more than line {line}'s total {total}")]
    LineDiscountAboveTotal {
        index: usize,
        line: LineNo,
        discount: Money,
        total: Money,
    },
    #[error("receipt.receipt_discount: {discount} is more than the lines' total {total}")]
    ReceiptDiscountAboveTotal { discount: Money, total: Money },
    #[error("receipt.tenders: tenders add up to {tendered} but the receipt's amount paid is {paid}")]
    TendersDoNotAddUp { tendered: Money, paid: Money },
    #[error("receipt.delivered_on: {delivered} is before the purchase on {purchased}")]
    DeliveredBeforePurchase {
        delivered: NaiveDate,
        purchased: NaiveDate,
    },
    #[error("now: {now} is before the purchase at {purchased_at}")]
    NowBeforePurchase {
        now: NaiveDateTime,
        purchased_at: NaiveDateTime,
    },
    #[error("receipt.currency: no conversion from {from} to the store currency {to} (only equal currencies and BGN → EUR convert)")]
    NoConversion { from: Currency, to: Currency },
    #[error("request.lines: nothing to return (the request has no lines)")]
    EmptyRequest,
    #[error("request.lines[{index}]: line {line} is not on receipt {receipt}")]
    RequestLineNotOnReceipt {
        index: usize,
        line: LineNo,
        receipt: String,
    },
    #[error("request.lines[{index}]: line {line} is requested twice")]
    LineRequestedTwice { index: usize, line: LineNo },
    #[error("history.returned[{index}]: line {line} is not on receipt {receipt}")]
    HistoryLineNotOnReceipt {
        index: usize,
        line: LineNo,
        receipt: String,
    },
    #[error("history.returned: line {line} returned {returned} but only {sold} were sold")]
    HistoryReturnsMoreThanSold { line: LineNo, returned: u32, sold: u32 },
    #[error("history.tender_refunded: {kind} refunded {refunded} but the receipt took {paid} by {kind}")]
    TenderRefundedMoreThanPaid {
        kind: TenderType,
        refunded: Money,
        paid: Money,
    },
    #[error(transparent)]
    Policy(#[from] super::policy::PolicyError),
}

impl ReturnCase {
    pub fn new(
        now: NaiveDateTime,
        store: Store,
        policy: Policy,
        receipt: Receipt,
        history: History,
        request: ReturnRequest,
    ) -> Result<ReturnCase, CaseError> {
        check_receipt(&receipt)?;
        if now < receipt.purchased_at {
            return Err(CaseError::NowBeforePurchase {
                now,
                purchased_at: receipt.purchased_at,
            });
        }
        let conversion = Conversion::between(receipt.currency, store.currency).ok_or(
            CaseError::NoConversion {
                from: receipt.currency,
                to: store.currency,
            },
        )?;
        check_history(&receipt, &history)?;
        check_request(&receipt, &request)?;
        Ok(ReturnCase {
            now,
            store,
            policy,
            receipt,
            history,
            request,
            conversion,
        })
    }

    pub fn now(&self) -> NaiveDateTime {
        self.now
    }
    pub fn store(&self) -> &Store {
        &self.store
    }
    pub fn policy(&self) -> &Policy {
        &self.policy
    }
    pub fn receipt(&self) -> &Receipt {
        &self.receipt
    }
    pub fn history(&self) -> &History {
        &self.history
    }
    pub fn request(&self) -> &ReturnRequest {
        &self.request
    }

    /// How long the store has to settle a claim raised in this case, and who set it.
    pub fn claim_settlement(&self) -> ClaimSettlement {
        self.store
            .jurisdiction
            .claim_settlement(self.request.resolution, self.store.claim_target)
    }

    /// The dates of a claim raised now: due by, and on whose authority.
    fn claim_due(&self, warranty: WarrantyDates) -> WarrantyDates {
        let settlement = self.claim_settlement();
        WarrantyDates {
            claim_due_by: Some(settlement.due_by(self.now.date())),
            claim_due_basis: Some(settlement.basis),
            ..warranty
        }
    }
}

/// Checks a receipt on its own: lines, discounts and tenders. Also used when importing sales.
pub fn check_receipt(receipt: &Receipt) -> Result<(), CaseError> {
    if receipt.lines.is_empty() {
        return Err(CaseError::ReceiptWithoutLines);
    }
    for (index, line) in receipt.lines.iter().enumerate() {
        if receipt.lines[..index].iter().any(|l| l.line == line.line) {
            return Err(CaseError::DuplicateReceiptLine {
                index,
                line: line.line,
            });
        }
        if line.discount > line.list_total() {
            return Err(CaseError::LineDiscountAboveTotal {
                index,
                line: line.line,
                discount: line.discount,
                total: line.list_total(),
            });
        }
    }
    let lines_total: Money = receipt.lines.iter().map(|l| l.net()).sum();
    if receipt.receipt_discount > lines_total {
        return Err(CaseError::ReceiptDiscountAboveTotal {
            discount: receipt.receipt_discount,
            total: lines_total,
        });
    }
    let tendered: Money = receipt.tenders.iter().map(|t| t.amount).sum();
    if tendered != receipt.amount_paid() {
        return Err(CaseError::TendersDoNotAddUp {
            tendered,
            paid: receipt.amount_paid(),
        });
    }
    if let Some(delivered) = receipt.delivered_on {
        if delivered < receipt.purchase_date() {
            return Err(CaseError::DeliveredBeforePurchase {
                delivered,
                purchased: receipt.purchase_date(),
            });
        }
    }
    Ok(())
}

fn check_history(receipt: &Receipt, history: &History) -> Result<(), CaseError> {
    for (index, r) in history.returned.iter().enumerate() {
        if receipt.line(r.line).is_none() {
            return Err(CaseError::HistoryLineNotOnReceipt {
                index,
                line: r.line,
                receipt: receipt.number.clone(),
            });
        }
    }
    for line in &receipt.lines {
        let returned = history.returned_qty(line.line);
        if returned > line.qty.get() {
            return Err(CaseError::HistoryReturnsMoreThanSold {
                line: line.line,
                returned,
                sold: line.qty.get(),
            });
        }
    }
    for kind in TenderType::ALL {
        let refunded = history.refunded_to(kind);
        let paid = receipt.paid_by(kind);
        if refunded > paid {
            return Err(CaseError::TenderRefundedMoreThanPaid {
                kind,
                refunded,
                paid,
            });
        }
    }
    Ok(())
}

fn check_request(receipt: &Receipt, request: &ReturnRequest) -> Result<(), CaseError> {
    if request.lines.is_empty() {
        return Err(CaseError::EmptyRequest);
    }
    for (index, r) in request.lines.iter().enumerate() {
        if receipt.line(r.line).is_none() {
            return Err(CaseError::RequestLineNotOnReceipt {
                index,
                line: r.line,
                receipt: receipt.number.clone(),
            });
        }
        if request.lines[..index].iter().any(|o| o.line == r.line) {
            return Err(CaseError::LineRequestedTwice {
                index,
                line: r.line,
            });
        }
    }
    Ok(())
}

/// The facts every line of one case is judged against.
struct Judgement<'a> {
    case: &'a ReturnCase,
    today: NaiveDate,
    purchase: NaiveDate,
    delivery: NaiveDate,
    /// Online and on or before the (moved) withdrawal end.
    withdrawal: bool,
    /// RU, in store and on or before the (moved) end of the statutory exchange period.
    exchange_period: bool,
    paid: Vec<Money>,
}

/// Decide a return. Pure: the same case always gives the same decision.
pub fn evaluate(case: &ReturnCase) -> Decision {
    let lines = judge_lines(case);
    conclude(case, lines, false)
}

/// What a manager decided at the desk: grant the approvals the case needs (amount limit,
/// frequent returns, consumer proof), override denied lines whose reasons all allow it, and
/// deduct from a granted withdrawal of used goods (`LOSS_OF_VALUE`) for their loss of value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ManagerRuling {
    pub grant_approvals: bool,
    pub override_lines: Vec<LineNo>,
    pub deductions: Vec<Deduction>,
}

/// A manager's deduction for the loss of value of one line (Directive 2011/83 art. 14(2)): from
/// nothing up to what the line refunds, in the decision's currency, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Deduction {
    pub line: LineNo,
    pub amount: Money,
    pub reason: String,
}

impl ManagerRuling {
    /// A deduction the desk records must say why the goods lost value (a preview need not yet).
    pub fn check_deduction_reasons(&self) -> Result<(), RulingError> {
        match self.deductions.iter().enumerate().find(|(_, d)| d.reason.trim().is_empty()) {
            Some((index, d)) => Err(RulingError::DeductionWithoutReason { index, line: d.line }),
            None => Ok(()),
        }
    }
}

/// Why a manager's ruling cannot apply. [`RulingError::field`] names the part of the ruling at
/// fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulingError {
    #[error("line {0} is not denied, so there is nothing to override")]
    NotDenied(LineNo),
    #[error("line {0} cannot be overridden: {1} is final")]
    NotOverridable(LineNo, ReasonCode),
    #[error("line {0} is not part of this return")]
    NotRequested(LineNo),
    #[error("line {line} is not part of this return")]
    DeductionNotRequested { index: usize, line: LineNo },
    #[error("line {line} is no withdrawal of used goods (LOSS_OF_VALUE): there is no loss of value to deduct")]
    NotLossOfValue { index: usize, line: LineNo },
    #[error("line {line} is not granted, so nothing is paid to deduct from")]
    DeductionNotGranted { index: usize, line: LineNo },
    #[error("line {line} has a deduction already")]
    DeductionTwice { index: usize, line: LineNo },
    #[error("a deduction of {amount} is more than line {line} refunds ({refund})")]
    DeductionAboveRefund {
        index: usize,
        line: LineNo,
        amount: Money,
        refund: Money,
    },
    #[error("say why line {line} lost value: a deduction needs a reason")]
    DeductionWithoutReason { index: usize, line: LineNo },
}

impl RulingError {
    /// The part of the ruling at fault: `lines` (the overrides) or `deductions[i].line`,
    /// `deductions[i].amount`, `deductions[i].reason`.
    pub fn field(&self) -> String {
        match self {
            RulingError::NotDenied(_) | RulingError::NotOverridable(..) | RulingError::NotRequested(_) => "lines".into(),
            RulingError::DeductionNotRequested { index, .. }
            | RulingError::NotLossOfValue { index, .. }
            | RulingError::DeductionNotGranted { index, .. }
            | RulingError::DeductionTwice { index, .. } => format!("deductions[{index}].line"),
            RulingError::DeductionAboveRefund { index, .. } => format!("deductions[{index}].amount"),
            RulingError::DeductionWithoutReason { index, .. } => format!("deductions[{index}].reason"),
        }
    }
}

/// Decide a return with a manager's ruling applied: overridden lines are approved (refund
/// route) or become claims (warranty route), granted approvals no longer hold the case. A
/// granted line that waited for a manager becomes a claim on the warranty route and is approved
/// on the refund route; a granted withdrawal of used goods refunds what it pays less the
/// manager's deduction for their loss of value, if any ([`deduct`]). Totals, approvals and
/// tenders follow from the lines as in [`evaluate`].
pub fn evaluate_with_ruling(case: &ReturnCase, ruling: &ManagerRuling) -> Result<Decision, RulingError> {
    let mut lines = judge_lines(case);
    for &line in &ruling.override_lines {
        let l = lines
            .iter_mut()
            .find(|l| l.line == line)
            .ok_or(RulingError::NotRequested(line))?;
        if l.outcome != LineOutcome::Denied {
            return Err(RulingError::NotDenied(line));
        }
        if let Some(r) = l.reasons.iter().find(|r| !r.overridable && !r.code.is_advice()) {
            return Err(RulingError::NotOverridable(line, r.code));
        }
        grant(case, l);
    }
    if ruling.grant_approvals {
        for l in lines.iter_mut().filter(|l| l.outcome == LineOutcome::NeedsApproval) {
            grant(case, l);
        }
    }
    for (index, d) in ruling.deductions.iter().enumerate() {
        let l = lines
            .iter_mut()
            .find(|l| l.line == d.line)
            .ok_or(RulingError::DeductionNotRequested { index, line: d.line })?;
        deduct(case, l, index, d)?;
    }
    Ok(conclude(case, lines, ruling.grant_approvals))
}

/// Takes a manager's deduction off a granted withdrawal of used goods: the refund is what the
/// line pays less the deduction, never below nothing, and its VAT is what that net contains.
fn deduct(case: &ReturnCase, line: &mut LineDecision, index: usize, d: &Deduction) -> Result<(), RulingError> {
    let at = line.line;
    if !line.reasons.iter().any(|r| r.code == ReasonCode::LossOfValue) {
        return Err(RulingError::NotLossOfValue { index, line: at });
    }
    if line.outcome != LineOutcome::Approved {
        return Err(RulingError::DeductionNotGranted { index, line: at });
    }
    if line.deduction.is_some() {
        return Err(RulingError::DeductionTwice { index, line: at });
    }
    if d.amount > line.refund {
        return Err(RulingError::DeductionAboveRefund { index, line: at, amount: d.amount, refund: line.refund });
    }
    let rate = case
        .receipt
        .line(line.line)
        .expect("decided lines are on the receipt")
        .vat_rate;
    line.refund = line.refund - d.amount;
    line.vat = line.refund.vat_contained(rate);
    line.deduction = Some(LineDeduction { amount: d.amount, reason: d.reason.trim().to_string(), goodwill: false });
    Ok(())
}

/// A manager's yes to a line: a claim on the warranty route, an approval on the refund route.
fn grant(case: &ReturnCase, line: &mut LineDecision) {
    line.overridden = true;
    match line.route {
        Route::Warranty => {
            line.outcome = LineOutcome::WarrantyClaim;
            line.warranty = case.claim_due(line.warranty);
        }
        _ => line.outcome = LineOutcome::Approved,
    }
}

fn judge_lines(case: &ReturnCase) -> Vec<LineDecision> {
    let law = case.store.jurisdiction.law();
    let calendar = &case.store.calendar;
    let today = case.now.date();
    let purchase = case.receipt.purchase_date();
    let delivery = case.receipt.delivery_date();
    let withdrawal = case.receipt.channel == Channel::Online
        && today <= law.withdrawal_end(delivery, case.receipt.return_info_given, calendar);
    let exchange_period = case.receipt.channel == Channel::Store
        && law
            .statutory_exchange_end(purchase, calendar)
            .is_some_and(|end| today <= end);
    let judgement = Judgement {
        case,
        today,
        purchase,
        delivery,
        withdrawal,
        exchange_period,
        paid: paid_per_line(&case.receipt),
    };
    case.request
        .lines
        .iter()
        .map(|r| judgement.decide_line(r))
        .collect()
}

/// Totals, approvals, outcome and payout from the lines' decisions.
fn conclude(case: &ReturnCase, lines: Vec<LineDecision>, approvals_granted: bool) -> Decision {
    let mut totals = Totals::default();
    for l in lines.iter().filter(|l| l.outcome == LineOutcome::Approved) {
        totals.gross += l.gross;
        totals.fee += l.fee;
        totals.refund += l.refund;
        totals.vat += l.vat;
        if let Some(d) = &l.deduction {
            totals.deduction += d.amount;
        }
    }

    let case_rules = case.policy.case_rules();
    let mut approvals_required = Vec::new();
    if case_rules
        .manager_approval_over
        .is_some_and(|limit| totals.refund > limit)
    {
        approvals_required.push(ApprovalCode::AmountOverLimit);
    }
    if case_rules
        .max_returns_90d
        .is_some_and(|max| case.history.customer_returns_90d >= max)
    {
        approvals_required.push(ApprovalCode::FrequentReturns);
    }

    let any = |o: LineOutcome| lines.iter().any(|l| l.outcome == o);
    let outcome = if (!approvals_required.is_empty() && !approvals_granted)
        || any(LineOutcome::NeedsApproval)
    {
        CaseOutcome::NeedsApproval
    } else if !any(LineOutcome::Approved) && !any(LineOutcome::WarrantyClaim) {
        CaseOutcome::Denied
    } else if any(LineOutcome::Denied) {
        CaseOutcome::Partial
    } else {
        CaseOutcome::Approved
    };

    let tenders = payout(case, totals.refund);

    Decision {
        outcome,
        currency: case.store.currency,
        lines,
        approvals_required,
        totals,
        tenders,
    }
}

fn payout(case: &ReturnCase, total: Money) -> Vec<TenderPayout> {
    if !total.is_positive() {
        return Vec::new();
    }
    let whole = |kind| vec![TenderPayout { kind, amount: total }];
    match case.request.resolution {
        Resolution::Exchange => whole(PayoutType::Exchange),
        Resolution::StoreCredit => whole(PayoutType::StoreCredit),
        _ if case.policy.case_rules().refund_to == RefundTo::StoreCredit => {
            whole(PayoutType::StoreCredit)
        }
        _ => TenderAllocation {
            order: &case.policy.case_rules().tender_order,
            conversion: case.conversion,
        }
        .allocate(total, |kind| {
            case.receipt.paid_by(kind) - case.history.refunded_to(kind)
        }),
    }
}

impl Judgement<'_> {
    fn decide_line(&self, request: &RequestLine) -> LineDecision {
        let case = self.case;
        let law = case.store.jurisdiction.law();
        let index = case
            .receipt
            .line_index(request.line)
            .expect("request lines are checked to be on the receipt");
        let line = &case.receipt.lines[index];
        let rules = case.policy.item_rules(line);
        let already = case.history.returned_qty(line.line);

        // Guarantees and warranties run from delivery.
        let legal_until = (!(law.legal_guarantee_only_without_warranty
            && rules.warranty_months > 0))
            .then(|| law.legal_guarantee.end_from(self.delivery));
        let commercial_until = (rules.warranty_months > 0)
            .then(|| Period::Months(rules.warranty_months).end_from(self.delivery));
        // Issue 11: a line's repairs may have moved its dates (never earlier).
        let moved = case.history.moved_warranty(line.line);
        let later = |own: Option<NaiveDate>, moved: Option<NaiveDate>| match (own, moved) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, None) => a,
            (None, b) => b,
        };
        let legal_until = later(legal_until, moved.and_then(|m| m.legal_until));
        let commercial_until = later(commercial_until, moved.and_then(|m| m.commercial_until));
        let warranty = WarrantyDates {
            legal_until,
            commercial_until,
            claim_due_by: None,
            claim_due_basis: None,
        };
        let decided = |outcome, route, reasons: Vec<Reason>, warranty| LineDecision {
            overridden: false,
            receipt_gross: None,
            line: line.line,
            qty: request.qty,
            outcome,
            route,
            reasons,
            gross: Money::ZERO,
            fee: Money::ZERO,
            refund: Money::ZERO,
            vat: Money::ZERO,
            warranty,
            deduction: None,
        };
        let firm = |code| Reason {
            code,
            overridable: false,
        };
        let per_rule = |code| Reason {
            code,
            overridable: rules.overridable,
        };
        let for_manager = |code| Reason {
            code,
            overridable: true,
        };

        // 1. Quantity.
        if request.qty.get() > line.qty.get() - already {
            return decided(
                LineOutcome::Denied,
                Route::None,
                vec![firm(ReasonCode::QtyExceedsRemaining)],
                warranty,
            );
        }

        // The store's own period; the law's periods do not stretch it.
        let window_end = Period::Days(rules.return_days).end_from(self.purchase);
        let inside_window = self.today <= window_end;

        // 2. Non-conformity.
        if request.reason.is_non_conformity() {
            if inside_window && case.request.resolution.gives_money_back() {
                return self.with_refund(
                    decided(
                        LineOutcome::Approved,
                        Route::Refund,
                        vec![firm(ReasonCode::DefectWithinReturnWindow)],
                        warranty,
                    ),
                    index,
                    already,
                    None,
                );
            }
            let within = |until: Option<NaiveDate>| until.is_some_and(|end| self.today <= end);
            let claim = |code| {
                decided(
                    LineOutcome::WarrantyClaim,
                    Route::Warranty,
                    vec![firm(code)],
                    case.claim_due(warranty),
                )
            };
            return if within(legal_until) {
                claim(ReasonCode::LegalGuarantee)
            } else if within(commercial_until) {
                claim(ReasonCode::CommercialWarranty)
            } else if within(law.consumer_proof_period.map(|p| p.end_from(self.delivery))) {
                decided(
                    LineOutcome::NeedsApproval,
                    Route::Warranty,
                    vec![for_manager(ReasonCode::ConsumerProofRequired)],
                    warranty,
                )
            } else {
                decided(
                    LineOutcome::Denied,
                    Route::Warranty,
                    vec![per_rule(ReasonCode::WarrantyExpired)],
                    warranty,
                )
            };
        }

        // 3. Change of mind. The statutory paths come first: no store rule narrows them and
        // they pay no fee.
        if self.withdrawal {
            let (outcome, reason) = if rules.withdrawal_exception.applies(request.condition) {
                (LineOutcome::Denied, per_rule(ReasonCode::WithdrawalException))
            } else if matches!(request.condition, Condition::Used | Condition::Damaged) {
                // Handling beyond what trying the item needed costs the customer its loss of
                // value, never the withdrawal itself (Directive 2011/83 art. 14(2)).
                (LineOutcome::NeedsApproval, for_manager(ReasonCode::LossOfValue))
            } else {
                (LineOutcome::Approved, firm(ReasonCode::StatutoryWithdrawal))
            };
            return self.with_refund(
                decided(outcome, Route::Refund, vec![reason], warranty),
                index,
                already,
                None,
            );
        }
        // RU art. 25: goods of proper quality, unused, not on the government's list, within
        // the period. The right is to an exchange; money only where there is no analogue.
        let exchange_right = self.exchange_period
            && matches!(request.condition, Condition::Unopened | Condition::Opened)
            && !rules.ru_exchange_excluded;
        if exchange_right
            && (matches!(case.request.resolution, Resolution::Exchange | Resolution::Replace)
                || request.no_analogue)
        {
            return self.with_refund(
                decided(
                    LineOutcome::Approved,
                    Route::Refund,
                    vec![firm(ReasonCode::StatutoryExchange)],
                    warranty,
                ),
                index,
                already,
                None,
            );
        }

        // The store's policy: every failing check is reported.
        let mut failures = Vec::new();
        if !rules.returnable {
            failures.push(ReasonCode::NonReturnable);
        }
        if request.condition == Condition::Damaged {
            failures.push(ReasonCode::CustomerDamage);
        }
        if request.condition == Condition::Used {
            failures.push(ReasonCode::Used);
        }
        if !inside_window {
            failures.push(ReasonCode::ReturnWindowExpired);
        }
        if rules.requires_unopened && request.condition != Condition::Unopened {
            failures.push(ReasonCode::Opened);
        }
        let fee_rules = (request.condition == Condition::Opened).then_some(&rules);
        if !failures.is_empty() {
            let mut reasons: Vec<Reason> = failures.into_iter().map(per_rule).collect();
            if exchange_right {
                // The store may refuse its goodwill refund, never the law's exchange.
                reasons.push(firm(ReasonCode::StatutoryExchangeAvailable));
            }
            // A denied refund line carries what an override would pay.
            return self.with_refund(
                decided(LineOutcome::Denied, Route::Refund, reasons, warranty),
                index,
                already,
                fee_rules,
            );
        }
        self.with_refund(
            decided(
                LineOutcome::Approved,
                Route::Refund,
                vec![firm(ReasonCode::WithinReturnWindow)],
                warranty,
            ),
            index,
            already,
            fee_rules,
        )
    }

    /// Fills in the money of a line on the refund route: its units' share of what was paid,
    /// the restocking fee where `fee_rules` is given, converted into the store currency.
    fn with_refund(
        &self,
        mut decision: LineDecision,
        index: usize,
        already: u32,
        fee_rules: Option<&ItemRules>,
    ) -> LineDecision {
        let line = &self.case.receipt.lines[index];
        let gross = UnitAllocation::new(self.paid[index], line.qty).refund_for(already, decision.qty.get());
        let fee = fee_rules.map_or(Money::ZERO, |r| gross.percent(r.restocking_fee_pct));
        let conversion = self.case.conversion;
        decision.gross = conversion.apply(gross);
        if conversion != Conversion::Same {
            decision.receipt_gross = Some(gross);
        }
        decision.fee = conversion.apply(fee);
        decision.refund = decision.gross - decision.fee;
        // ---- Issue 14: noreceipt ----
        // Goodwill paid on the line counts against it: the line pays back at most what it paid
        // less its goodwill and what its earlier returns took. The cut is the line's deduction,
        // so the decision says so.
        if let Some(g) = self.case.history.goodwill_on(line.line) {
            let left = (self.paid[index] - g.goodwill - g.returned).max(Money::ZERO);
            let cut = (gross - left).max(Money::ZERO).min(gross - fee);
            if cut.is_positive() {
                let cut = conversion.apply(cut).min(decision.refund);
                decision.refund = decision.refund - cut;
                decision.deduction = Some(LineDeduction {
                    amount: cut,
                    reason: format!("goodwill of {} paid on this line before", conversion.apply(g.goodwill)),
                    goodwill: true,
                });
            }
        }
        decision.vat = decision.refund.vat_contained(line.vat_rate);
        decision
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::domain::policy::PolicyFields;

    /// A one-line case: a 49.90 kettle at 20 % VAT paid by card, bought on `purchased_at`.
    /// `receipt` and `line` are laid over the receipt and the request line.
    struct Kettle {
        jurisdiction: Jurisdiction,
        calendar: WorkingCalendar,
        defaults: Value,
        receipt: Value,
        resolution: &'static str,
        line: Value,
    }

    fn merge(base: &mut Value, over: &Value) {
        if let (Some(b), Some(o)) = (base.as_object_mut(), over.as_object()) {
            for (k, v) in o {
                b.insert(k.clone(), v.clone());
            }
        }
    }

    fn kettle(jurisdiction: Jurisdiction) -> Kettle {
        Kettle {
            jurisdiction,
            calendar: WorkingCalendar::default(),
            defaults: json!({}),
            receipt: json!({}),
            resolution: "refund",
            line: json!({}),
        }
    }

    impl Kettle {
        fn case(&self, now: &str) -> ReturnCase {
            let mut receipt = json!({
                "number": "K-1", "purchased_at": "2026-02-18T20:00:00", "channel": "store",
                "currency": "EUR",
                "lines": [{"line": 1, "sku": "KETTLE-1", "name": "Kettle", "category": "appliances",
                           "brand": "Hera", "qty": 1, "unit_price": "49.90", "vat_rate": "20"}],
                "tenders": [{"type": "card", "amount": "49.90"}]
            });
            merge(&mut receipt, &self.receipt);
            let mut line = json!({"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"});
            merge(&mut line, &self.line);
            let request = json!({"resolution": self.resolution, "lines": [line]});
            let defaults: PolicyFields = serde_json::from_value(self.defaults.clone()).unwrap();
            ReturnCase::new(
                format!("{now}T12:00:00").parse().unwrap(),
                Store {
                    jurisdiction: self.jurisdiction,
                    currency: Currency::EUR,
                    calendar: self.calendar.clone(),
                    claim_target: ClaimTarget::default(),
                },
                Policy::new(defaults, Vec::new()).unwrap(),
                serde_json::from_value(receipt).unwrap(),
                History::default(),
                serde_json::from_value(request).unwrap(),
            )
            .unwrap()
        }

        fn line(&self, now: &str) -> LineDecision {
            evaluate(&self.case(now)).lines.remove(0)
        }
    }

    fn codes(line: &LineDecision) -> Vec<(ReasonCode, bool)> {
        line.reasons.iter().map(|r| (r.code, r.overridable)).collect()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Delivered on Saturday 21 February: the 14 days end on Saturday 7 March, moved to Monday 9.
    fn online(jurisdiction: Jurisdiction) -> Kettle {
        Kettle {
            receipt: json!({"channel": "online", "delivered_on": "2026-02-21"}),
            ..kettle(jurisdiction)
        }
    }

    /// A store rule that refuses everything it can.
    fn strict() -> Value {
        json!({"return_days": 0, "returnable": false, "requires_unopened": true,
               "restocking_fee_pct": "20", "overridable": false})
    }

    #[test]
    fn loss_of_value_is_never_a_refusal() {
        for condition in ["used", "damaged"] {
            let k = Kettle {
                defaults: strict(),
                line: json!({"condition": condition}),
                ..online(Jurisdiction::BG)
            };
            let line = k.line("2026-03-09");
            assert_eq!(line.outcome, LineOutcome::NeedsApproval, "{condition}");
            assert_eq!(codes(&line), [(ReasonCode::LossOfValue, true)], "{condition}");
            // What a manager's yes would pay: everything, no restocking fee on the law's path.
            assert_eq!((line.route, line.gross, line.fee, line.refund), (Route::Refund, Money::from_cents(4990), Money::ZERO, Money::from_cents(4990)));

            let ruled = evaluate_with_ruling(
                &k.case("2026-03-09"),
                &ManagerRuling { grant_approvals: true, ..Default::default() },
            )
            .unwrap();
            assert_eq!(ruled.lines[0].outcome, LineOutcome::Approved, "a granted withdrawal is no claim");
            assert_eq!(ruled.outcome, CaseOutcome::Approved);
            assert_eq!(ruled.totals.refund, Money::from_cents(4990));
        }
        // A day after the (moved) end the store's rules decide, and refuse.
        let k = Kettle { defaults: strict(), line: json!({"condition": "used"}), ..online(Jurisdiction::BG) };
        let line = k.line("2026-03-10");
        assert_eq!(line.outcome, LineOutcome::Denied);
        assert!(codes(&line).contains(&(ReasonCode::Used, false)));
    }

    fn used_online_kettle() -> Kettle {
        Kettle { defaults: strict(), line: json!({"condition": "used"}), ..online(Jurisdiction::BG) }
    }

    fn deduction(line: u32, amount: &str, reason: &str) -> Deduction {
        Deduction { line: LineNo(line), amount: Money::parse(amount).unwrap(), reason: reason.into() }
    }

    fn granted_with(deductions: Vec<Deduction>) -> ManagerRuling {
        ManagerRuling { grant_approvals: true, deductions, ..Default::default() }
    }

    #[test]
    fn a_deduction_for_loss_of_value_is_taken_off_the_line() {
        let case = used_online_kettle().case("2026-03-09");
        let ruled = evaluate_with_ruling(&case, &granted_with(vec![deduction(1, "12.50", "  scratched lid ")])).unwrap();
        let line = &ruled.lines[0];
        assert_eq!(line.outcome, LineOutcome::Approved);
        assert_eq!(codes(line), [(ReasonCode::LossOfValue, true)], "the basis stays the withdrawal's");
        // 49.90 − 12.50; the VAT is what the net contains: round(37.40 × 20 / 120) = 6.23.
        assert_eq!((line.gross, line.fee, line.refund, line.vat), (Money::from_cents(4990), Money::ZERO, Money::from_cents(3740), Money::from_cents(623)));
        assert_eq!(line.deduction, Some(LineDeduction { amount: Money::from_cents(1250), reason: "scratched lid".into(), goodwill: false }));
        assert_eq!(
            ruled.totals,
            Totals {
                gross: Money::from_cents(4990),
                fee: Money::ZERO,
                refund: Money::from_cents(3740),
                vat: Money::from_cents(623),
                deduction: Money::from_cents(1250),
            }
        );
        assert_eq!(ruled.tenders, [TenderPayout { kind: PayoutType::Card, amount: Money::from_cents(3740) }]);
        assert_eq!(ruled.outcome, CaseOutcome::Approved);
        // Without a deduction the line is paid in full, and the decision says nothing of one.
        let full = evaluate_with_ruling(&case, &granted_with(Vec::new())).unwrap();
        assert_eq!((full.lines[0].refund, full.lines[0].deduction.clone()), (Money::from_cents(4990), None));
        let json = serde_json::to_value(&full).unwrap();
        assert!(json["lines"][0].get("deduction").is_none() && json["totals"].get("deduction").is_none(), "{json}");
        // With one, it is in the decision as stored.
        let json = serde_json::to_value(&ruled).unwrap();
        assert_eq!(json["lines"][0]["deduction"], json!({"amount": "12.50", "reason": "scratched lid"}));
        assert_eq!(json["totals"]["deduction"], "12.50");
        let back: Decision = serde_json::from_value(json).unwrap();
        assert_eq!(back, ruled);
    }

    #[test]
    fn a_deduction_runs_from_nothing_to_the_whole_refund() {
        let case = used_online_kettle().case("2026-03-09");
        // Nothing: paid in full, the manager's word kept.
        let ruled = evaluate_with_ruling(&case, &granted_with(vec![deduction(1, "0", "as new")])).unwrap();
        assert_eq!(ruled.totals.refund, Money::from_cents(4990));
        assert_eq!(ruled.lines[0].deduction.as_ref().map(|d| d.amount), Some(Money::ZERO));
        // All of it: the line is granted and pays nothing; no tender is touched.
        let ruled = evaluate_with_ruling(&case, &granted_with(vec![deduction(1, "49.90", "broken beyond use")])).unwrap();
        assert_eq!(ruled.lines[0].outcome, LineOutcome::Approved);
        assert_eq!((ruled.lines[0].refund, ruled.lines[0].vat), (Money::ZERO, Money::ZERO));
        assert_eq!((ruled.totals.refund, ruled.totals.deduction), (Money::ZERO, Money::from_cents(4990)));
        assert!(ruled.tenders.is_empty());
        // A cent more is refused, naming the amount.
        let err = evaluate_with_ruling(&case, &granted_with(vec![deduction(1, "49.91", "x")])).unwrap_err();
        assert_eq!(
            err,
            RulingError::DeductionAboveRefund { index: 0, line: LineNo(1), amount: Money::from_cents(4991), refund: Money::from_cents(4990) }
        );
        assert_eq!(err.field(), "deductions[0].amount");
        assert_eq!(err.to_string(), "a deduction of 49.91 is more than line 1 refunds (49.90)");
    }

    #[test]
    fn only_a_granted_loss_of_value_takes_a_deduction() {
        let case = used_online_kettle().case("2026-03-09");
        let err = |ruling: ManagerRuling| evaluate_with_ruling(&case, &ruling).unwrap_err();
        assert_eq!(err(granted_with(vec![deduction(2, "1.00", "x")])), RulingError::DeductionNotRequested { index: 0, line: LineNo(2) });
        let twice = err(granted_with(vec![deduction(1, "1.00", "x"), deduction(1, "2.00", "y")]));
        assert_eq!((twice.clone(), twice.field()), (RulingError::DeductionTwice { index: 1, line: LineNo(1) }, "deductions[1].line".to_string()));
        // Not granted: nothing is paid yet to deduct from.
        let ruling = ManagerRuling { deductions: vec![deduction(1, "1.00", "x")], ..Default::default() };
        assert_eq!(err(ruling), RulingError::DeductionNotGranted { index: 0, line: LineNo(1) });
        // An unused item withdrawn, or one refunded on the store's path, lost nothing the law lets the store keep.
        for (k, now) in [(Kettle { line: json!({"condition": "opened"}), ..online(Jurisdiction::BG) }, "2026-03-09"), (kettle(Jurisdiction::BG), "2026-03-01")] {
            let e = evaluate_with_ruling(&k.case(now), &granted_with(vec![deduction(1, "1.00", "x")])).unwrap_err();
            assert_eq!((e.clone(), e.field()), (RulingError::NotLossOfValue { index: 0, line: LineNo(1) }, "deductions[0].line".to_string()));
        }
        // Recorded, a deduction says why.
        let ruling = granted_with(vec![deduction(1, "1.00", "dented"), deduction(2, "1.00", "  ")]);
        let e = ruling.check_deduction_reasons().unwrap_err();
        assert_eq!((e.clone(), e.field()), (RulingError::DeductionWithoutReason { index: 1, line: LineNo(2) }, "deductions[1].reason".to_string()));
        assert_eq!(granted_with(vec![deduction(1, "1.00", "dented")]).check_deduction_reasons(), Ok(()));
    }

    #[test]
    fn a_deduction_lowers_what_the_tenders_give_back() {
        // A used kettle and an unused mug withdrawn together; paid 30.00 by card, 29.90 cash.
        let k = Kettle {
            receipt: json!({
                "channel": "online", "delivered_on": "2026-02-21",
                "lines": [
                    {"line": 1, "sku": "KETTLE-1", "name": "Kettle", "category": "appliances", "brand": "Hera", "qty": 1, "unit_price": "49.90", "vat_rate": "20"},
                    {"line": 2, "sku": "MUG-1", "name": "Mug", "category": "kitchen", "brand": "Hera", "qty": 2, "unit_price": "5.00", "vat_rate": "9"}
                ],
                "tenders": [{"type": "cash", "amount": "29.90"}, {"type": "card", "amount": "30.00"}]
            }),
            defaults: json!({"manager_approval_over": "45.00"}),
            ..kettle(Jurisdiction::EU)
        };
        let one = k.case("2026-03-02");
        let request: ReturnRequest = serde_json::from_value(json!({"resolution": "refund", "lines": [
            {"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "used"},
            {"line": 2, "qty": 2, "reason": "change_of_mind", "condition": "unopened"}
        ]}))
        .unwrap();
        let case = ReturnCase::new(one.now, one.store.clone(), one.policy.clone(), one.receipt.clone(), History::default(), request).unwrap();
        let before = evaluate(&case);
        assert_eq!(before.outcome, CaseOutcome::NeedsApproval);
        assert_eq!(before.totals.refund, Money::from_cents(1000), "only the mugs are approved before the manager");
        let ruled = evaluate_with_ruling(&case, &granted_with(vec![deduction(1, "12.50", "worn heating plate")])).unwrap();
        // 37.40 + 10.00: the card first, then cash; they add up to the refund.
        assert_eq!(ruled.totals.refund, Money::from_cents(4740));
        assert_eq!(ruled.totals.vat, Money::from_cents(623 + 83));
        assert_eq!(
            ruled.tenders,
            [
                TenderPayout { kind: PayoutType::Card, amount: Money::from_cents(3000) },
                TenderPayout { kind: PayoutType::Cash, amount: Money::from_cents(1740) },
            ]
        );
        assert_eq!(ruled.tenders.iter().map(|t| t.amount).sum::<Money>(), ruled.totals.refund);
        // The amount limit is judged on what is paid: 47.40 is over 45.00, and the manager granted it.
        assert_eq!(ruled.approvals_required, [ApprovalCode::AmountOverLimit]);
        assert_eq!(ruled.outcome, CaseOutcome::Approved);
        let lines: Money = ruled.lines.iter().map(|l| l.refund).sum();
        assert_eq!(lines + ruled.totals.deduction, ruled.totals.gross - ruled.totals.fee);
    }

    #[test]
    fn withdrawal_exceptions_narrow_only_what_the_law_allows() {
        let with = |exception: &str, condition: &str| Kettle {
            defaults: json!({"return_days": 0, "withdrawal_exception": exception}),
            line: json!({"condition": condition}),
            ..online(Jurisdiction::EU)
        };
        // Sealed goods stay returnable while sealed.
        let line = with("if_unsealed", "unopened").line("2026-03-02");
        assert_eq!(codes(&line), [(ReasonCode::StatutoryWithdrawal, false)]);
        // Unsealed, the exception comes before any loss of value.
        for condition in ["opened", "used"] {
            let line = with("if_unsealed", condition).line("2026-03-02");
            assert_eq!(line.outcome, LineOutcome::Denied, "{condition}");
            assert_eq!(codes(&line), [(ReasonCode::WithdrawalException, true)], "{condition}");
            assert!(line.fee.is_zero());
        }
        let line = with("always", "unopened").line("2026-03-02");
        assert_eq!(codes(&line), [(ReasonCode::WithdrawalException, true)]);
        // The exception is about the statutory right: in store, the store's rules decide alone.
        let k = Kettle {
            defaults: json!({"withdrawal_exception": "always"}),
            ..kettle(Jurisdiction::EU)
        };
        assert_eq!(codes(&k.line("2026-03-02")), [(ReasonCode::WithinReturnWindow, false)]);
    }

    #[test]
    fn without_the_return_information_the_withdrawal_runs_twelve_months_more() {
        // 7 March 2026 + 12 months = Sunday 7 March 2027, moved to Monday 8 March.
        let k = Kettle {
            receipt: json!({"channel": "online", "delivered_on": "2026-02-21", "return_info_given": false}),
            defaults: json!({"return_days": 0}),
            ..kettle(Jurisdiction::GR)
        };
        assert_eq!(codes(&k.line("2027-03-08")), [(ReasonCode::StatutoryWithdrawal, false)]);
        assert_eq!(codes(&k.line("2027-03-09")), [(ReasonCode::ReturnWindowExpired, true)]);
    }

    /// Bought in a Russian store on Saturday 30 May 2026: the 14 days end on Saturday 13 June,
    /// moved to Monday 15 June.
    fn jacket() -> Kettle {
        Kettle {
            receipt: json!({"purchased_at": "2026-05-30T12:00:00"}),
            ..kettle(Jurisdiction::RU)
        }
    }

    #[test]
    fn the_russian_exchange_period_ends_on_a_working_day() {
        let k = Kettle { resolution: "exchange", defaults: json!({"return_days": 0}), ..jacket() };
        assert_eq!(codes(&k.line("2026-06-15")), [(ReasonCode::StatutoryExchange, false)]);
        assert_eq!(codes(&k.line("2026-06-16")), [(ReasonCode::ReturnWindowExpired, true)]);
        // A worked Saturday ends the period on the Saturday.
        let k = Kettle {
            calendar: WorkingCalendar::default().with_working_days([d("2026-06-13")]),
            ..k
        };
        assert_eq!(codes(&k.line("2026-06-13")), [(ReasonCode::StatutoryExchange, false)]);
        assert_eq!(codes(&k.line("2026-06-15")), [(ReasonCode::ReturnWindowExpired, true)]);
    }

    #[test]
    fn the_russian_exchange_right_covers_unused_goods_only() {
        let k = Kettle {
            resolution: "exchange",
            defaults: json!({"restocking_fee_pct": "10"}),
            line: json!({"condition": "used"}),
            ..jacket()
        };
        // Used: the store's rules, and no exchange to offer.
        assert_eq!(codes(&k.line("2026-06-10")), [(ReasonCode::Used, true)]);
        // Opened: exchanged with no fee, whatever the store charges for its own returns.
        let k = Kettle { line: json!({"condition": "opened"}), ..k };
        let line = k.line("2026-06-10");
        assert_eq!(codes(&line), [(ReasonCode::StatutoryExchange, false)]);
        assert!(line.fee.is_zero());
        // On the government's list: the store's rules.
        let k = Kettle {
            defaults: json!({"restocking_fee_pct": "10", "ru_exchange_excluded": true}),
            ..k
        };
        let line = k.line("2026-06-10");
        assert_eq!(codes(&line), [(ReasonCode::WithinReturnWindow, false)]);
        assert_eq!(line.fee, Money::from_cents(499));
    }

    #[test]
    fn a_refund_the_store_grants_is_its_own_and_pays_its_fee() {
        let k = Kettle {
            defaults: json!({"restocking_fee_pct": "10"}),
            line: json!({"condition": "opened"}),
            ..jacket()
        };
        let line = k.line("2026-06-10");
        assert_eq!(codes(&line), [(ReasonCode::WithinReturnWindow, false)]);
        assert_eq!(line.fee, Money::from_cents(499));
        // With no analogue in stock the law pays the money back, without a fee.
        let k = Kettle { line: json!({"condition": "opened", "no_analogue": true}), ..k };
        let line = k.line("2026-06-10");
        assert_eq!(codes(&line), [(ReasonCode::StatutoryExchange, false)]);
        assert!(line.fee.is_zero());
        // Outside Russia `no_analogue` means nothing.
        let k = Kettle { jurisdiction: Jurisdiction::BG, ..k };
        assert_eq!(k.line("2026-06-10").fee, Money::from_cents(499));
    }

    #[test]
    fn an_offered_exchange_does_not_stop_a_manager_refunding() {
        let k = Kettle { defaults: json!({"returnable": false}), ..jacket() };
        let case = k.case("2026-06-10");
        let line = evaluate(&case).lines.remove(0);
        assert_eq!(
            codes(&line),
            [(ReasonCode::NonReturnable, true), (ReasonCode::StatutoryExchangeAvailable, false)]
        );
        assert!(line.overridable());
        let ruled = evaluate_with_ruling(
            &case,
            &ManagerRuling { override_lines: vec![LineNo(1)], ..Default::default() },
        )
        .unwrap();
        assert_eq!(ruled.lines[0].outcome, LineOutcome::Approved);
        // A final reason still is.
        let k = Kettle { defaults: json!({"returnable": false, "overridable": false}), ..jacket() };
        let err = evaluate_with_ruling(
            &k.case("2026-06-10"),
            &ManagerRuling { override_lines: vec![LineNo(1)], ..Default::default() },
        );
        assert_eq!(err, Err(RulingError::NotOverridable(LineNo(1), ReasonCode::NonReturnable)));
    }

    #[test]
    fn a_granted_claim_says_who_set_its_date() {
        // RU, 12 months of warranty over, within 24 months of delivery: the consumer's proof.
        let k = Kettle {
            defaults: json!({"warranty_months": 12}),
            line: json!({"reason": "defective", "condition": "used"}),
            ..jacket()
        };
        let case = k.case("2027-08-01");
        assert_eq!(codes(&evaluate(&case).lines[0]), [(ReasonCode::ConsumerProofRequired, true)]);
        let ruled = evaluate_with_ruling(&case, &ManagerRuling { grant_approvals: true, ..Default::default() }).unwrap();
        let line = &ruled.lines[0];
        assert_eq!(line.outcome, LineOutcome::WarrantyClaim);
        assert_eq!(line.warranty.claim_due_by, Some(d("2027-08-11")));
        assert_eq!(line.warranty.claim_due_basis, Some(crate::domain::decision::ClaimDueBasis::Statutory));
    }
}
