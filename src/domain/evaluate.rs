//! Deciding a return: every line, the money, the approvals and the payout.

use chrono::{NaiveDate, NaiveDateTime};

use super::calendar::{Period, WorkingCalendar};
use super::decision::{
    ApprovalCode, CaseOutcome, Decision, LineDecision, LineOutcome, Reason, ReasonCode, Route,
    Totals, WarrantyDates,
};
use super::jurisdiction::Jurisdiction;
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
    /// Online and on or before the (extended) withdrawal end.
    withdrawal: bool,
    paid: Vec<Money>,
}

/// Decide a return. Pure: the same case always gives the same decision.
pub fn evaluate(case: &ReturnCase) -> Decision {
    let lines = judge_lines(case);
    conclude(case, lines, false)
}

/// What a manager decided at the desk: grant the approvals the case needs (amount limit,
/// frequent returns, consumer proof) and override denied lines whose reasons all allow it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ManagerRuling {
    pub grant_approvals: bool,
    pub override_lines: Vec<LineNo>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulingError {
    #[error("line {0} is not denied, so there is nothing to override")]
    NotDenied(LineNo),
    #[error("line {0} cannot be overridden: {1} is final")]
    NotOverridable(LineNo, ReasonCode),
    #[error("line {0} is not part of this return")]
    NotRequested(LineNo),
}

/// Decide a return with a manager's ruling applied: overridden lines are approved (refund
/// route) or become claims (warranty route), granted approvals no longer hold the case.
pub fn evaluate_with_ruling(case: &ReturnCase, ruling: &ManagerRuling) -> Result<Decision, RulingError> {
    let mut lines = judge_lines(case);
    let claim_due = |case: &ReturnCase| {
        case.store
            .jurisdiction
            .claim_settlement(case.request.resolution)
            .end_from(case.now.date())
    };
    for &line in &ruling.override_lines {
        let l = lines
            .iter_mut()
            .find(|l| l.line == line)
            .ok_or(RulingError::NotRequested(line))?;
        if l.outcome != LineOutcome::Denied {
            return Err(RulingError::NotDenied(line));
        }
        if let Some(r) = l.reasons.iter().find(|r| !r.overridable) {
            return Err(RulingError::NotOverridable(line, r.code));
        }
        l.overridden = true;
        match l.route {
            Route::Warranty => {
                l.outcome = LineOutcome::WarrantyClaim;
                l.warranty.claim_due_by = Some(claim_due(case));
            }
            _ => l.outcome = LineOutcome::Approved,
        }
    }
    if ruling.grant_approvals {
        for l in lines.iter_mut().filter(|l| l.outcome == LineOutcome::NeedsApproval) {
            l.overridden = true;
            l.outcome = LineOutcome::WarrantyClaim;
            l.warranty.claim_due_by = Some(claim_due(case));
        }
    }
    Ok(conclude(case, lines, ruling.grant_approvals))
}

fn judge_lines(case: &ReturnCase) -> Vec<LineDecision> {
    let law = case.store.jurisdiction.law();
    let today = case.now.date();
    let purchase = case.receipt.purchase_date();
    let withdrawal = case.receipt.channel == Channel::Online && {
        let end = Period::Days(law.online_withdrawal_days).end_from(case.receipt.delivery_date());
        let end = if law.working_day_extension {
            case.store.calendar.extend_to_working_day(end)
        } else {
            end
        };
        today <= end
    };
    let judgement = Judgement {
        case,
        today,
        purchase,
        withdrawal,
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

        let legal_until = (!(law.legal_guarantee_only_without_warranty
            && rules.warranty_months > 0))
            .then(|| law.legal_guarantee.end_from(self.purchase));
        let commercial_until = (rules.warranty_months > 0)
            .then(|| Period::Months(rules.warranty_months).end_from(self.purchase));
        let warranty = WarrantyDates {
            legal_until,
            commercial_until,
            claim_due_by: None,
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
        };
        let firm = |code| Reason {
            code,
            overridable: false,
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

        let window_end =
            Period::Days(rules.return_days.max(law.in_store_floor_days)).end_from(self.purchase);
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
                let due = case
                    .store
                    .jurisdiction
                    .claim_settlement(case.request.resolution)
                    .end_from(self.today);
                decided(
                    LineOutcome::WarrantyClaim,
                    Route::Warranty,
                    vec![firm(code)],
                    WarrantyDates {
                        claim_due_by: Some(due),
                        ..warranty
                    },
                )
            };
            return if within(legal_until) {
                claim(ReasonCode::LegalGuarantee)
            } else if within(commercial_until) {
                claim(ReasonCode::CommercialWarranty)
            } else if within(law.consumer_proof_period.map(|p| p.end_from(self.purchase))) {
                decided(
                    LineOutcome::NeedsApproval,
                    Route::Warranty,
                    vec![Reason {
                        code: ReasonCode::ConsumerProofRequired,
                        overridable: true,
                    }],
                    warranty,
                )
            } else {
                decided(
                    LineOutcome::Denied,
                    Route::Warranty,
                    vec![Reason {
                        code: ReasonCode::WarrantyExpired,
                        overridable: rules.overridable,
                    }],
                    warranty,
                )
            };
        }

        // 3. Change of mind.
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
        if !self.withdrawal {
            if !inside_window {
                failures.push(ReasonCode::ReturnWindowExpired);
            }
            if rules.requires_unopened && request.condition != Condition::Unopened {
                failures.push(ReasonCode::Opened);
            }
        }
        let fee_rules = (!self.withdrawal && request.condition == Condition::Opened).then_some(&rules);
        if !failures.is_empty() {
            let reasons = failures
                .into_iter()
                .map(|code| Reason {
                    code,
                    overridable: rules.overridable,
                })
                .collect();
            // A denied refund line carries what an override would pay.
            return self.with_refund(
                decided(LineOutcome::Denied, Route::Refund, reasons, warranty),
                index,
                already,
                fee_rules,
            );
        }
        let code = if self.withdrawal {
            ReasonCode::StatutoryWithdrawal
        } else {
            ReasonCode::WithinReturnWindow
        };
        self.with_refund(
            decided(LineOutcome::Approved, Route::Refund, vec![firm(code)], warranty),
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
        decision.vat = decision.refund.vat_contained(line.vat_rate);
        decision
    }
}
