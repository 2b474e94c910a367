//! Warranty claims from intake to settlement (issue 11): finding a claim, its detail (the
//! deadline, the warranty clocks, repeat claims), taking a step, settling it by money. Roles are
//! checked here: any signed-in user takes steps; only a manager settles.

use chrono::NaiveDate;
use serde_json::json;

use super::auth::Session;
use super::{require_manager, Desk, DeskError};
use crate::domain::claim::{
    extended_warranty, is_overdue, overdue_remedies, period_text, refund_entitled, ClaimDeadline, ClaimKind, ClaimStage,
    ClaimStepKind, RemedyAsked, ReplacementCase, Repair, ServiceOutcome,
};
use crate::domain::{ClaimDueBasis, Conversion, LineNo, Money, ReasonCode, Resolution, TenderAllocation};
use crate::store::{AuditActor, ClaimAdvance, ClaimEventRecord, ClaimQuery, ClaimRecord, NewSettlement, RegisterEntry, SettlementRecord};

/// A claim as the desk sees it today: how many days are left, what may be done next.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimState {
    pub record: ClaimRecord,
    pub overdue: bool,
    /// Negative when overdue.
    pub days_left: i64,
    pub allowed_steps: Vec<ClaimStepKind>,
    pub overdue_remedies: Vec<RemedyAsked>,
}

impl ClaimState {
    pub fn new(record: ClaimRecord, today: NaiveDate) -> ClaimState {
        let overdue = is_overdue(record.stage, record.claim_due_by, today);
        ClaimState {
            days_left: (record.claim_due_by - today).num_days(),
            allowed_steps: record.stage.allowed_steps(record.kind, overdue),
            overdue_remedies: overdue_remedies(overdue),
            overdue,
            record,
        }
    }
}

/// The date a claim must be settled by, who set it, and the period counted ("1 month").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineFacts {
    pub due_by: NaiveDate,
    pub basis: ClaimDueBasis,
    pub period: String,
}

/// Everything about one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimDetail {
    pub state: ClaimState,
    pub events: Vec<ClaimEventRecord>,
    pub deadline: DeadlineFacts,
    /// Earlier claims on the same item (same receipt line and serial).
    pub repeat_claims: i64,
    /// Those of them that ended in a repair.
    pub earlier_repairs: i64,
    /// BG: a third claim after two repairs.
    pub refund_entitled: bool,
    pub settlement: Option<SettlementRecord>,
}

/// What is asked for a step (the inputs each step needs are checked here).
#[derive(Clone, Debug, Default)]
pub struct StepRequest {
    pub step: Option<ClaimStepKind>,
    pub service_partner: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub waybill: Option<String>,
    pub service_outcome: Option<ServiceOutcome>,
    pub finding: Option<String>,
    pub informed_how: Option<String>,
    pub reasons: Option<String>,
}

fn text(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

fn required(value: &Option<String>, field: &'static str, what: &str) -> Result<String, DeskError> {
    text(value).ok_or_else(|| DeskError::BadInput { field, message: format!("{what} is required for this step") })
}

/// The remedy a claim asks for, or the one its return's resolution implies (claims from before).
fn remedy_of(c: &ClaimRecord) -> RemedyAsked {
    c.remedy_asked.unwrap_or(match c.remedy {
        Some(Resolution::Repair) | None => RemedyAsked::Repair,
        Some(Resolution::Replace | Resolution::Exchange) => RemedyAsked::Replacement,
        Some(Resolution::Refund | Resolution::StoreCredit) => RemedyAsked::Refund,
    })
}

/// Only digits of a phone number, or an e-mail in lower case: how contacts are compared.
pub fn normalised_contact(contact: &str) -> String {
    let contact = contact.trim();
    if contact.contains('@') {
        contact.to_lowercase()
    } else {
        contact.chars().filter(char::is_ascii_digit).collect()
    }
}

/// Whether a claim answers a search: its register number, the customer's phone or e-mail, or
/// the item's serial.
pub fn claim_matches(c: &ClaimRecord, q: &str) -> bool {
    answers_search(q, &c.register_number(), c.serial.as_deref(), &c.customer_contact)
}

/// "Where is my repair?": whether a search finds a number (any part of it), a serial (any
/// part), or the customer's e-mail (the whole of it) or phone — a national number (0881…)
/// finds the international one (+359 88…): compared without the leading zeros, one ending the
/// other, from 6 digits on. Claims and paid repair orders are searched alike.
pub fn answers_search(q: &str, number: &str, serial: Option<&str>, customer_contact: &str) -> bool {
    let q = q.trim();
    if q.is_empty() {
        return true;
    }
    let lower = q.to_lowercase();
    if number.to_lowercase().contains(&lower) {
        return true;
    }
    if serial.is_some_and(|s| s.to_lowercase().contains(&lower)) {
        return true;
    }
    let wanted = normalised_contact(q);
    let contact = normalised_contact(customer_contact);
    if q.contains('@') {
        return contact == wanted;
    }
    let (wanted, contact) = (wanted.trim_start_matches('0'), contact.trim_start_matches('0'));
    wanted.len() >= 6 && contact.len() >= 6 && (contact.ends_with(wanted) || wanted.ends_with(contact))
}

impl Desk {
    /// The session's store's claims: of a stage (or all), answering `q`, or only the overdue.
    pub async fn find_claims(
        &self,
        session: &Session,
        stage: Option<ClaimStage>,
        q: Option<&str>,
        overdue_only: bool,
    ) -> Result<Vec<ClaimState>, DeskError> {
        let today = self.now_for(session).await?.date();
        Ok(self
            .db
            .claims(&session.store_code, &ClaimQuery { stage })
            .await?
            .into_iter()
            .filter(|c| q.is_none_or(|q| claim_matches(c, q)))
            .map(|c| ClaimState::new(c, today))
            .filter(|c| !overdue_only || c.overdue)
            .collect())
    }

    async fn claim_of_store(&self, session: &Session, id: i64) -> Result<ClaimRecord, DeskError> {
        self.db
            .claim_by_id(id)
            .await?
            .filter(|c| c.store_code == session.store_code)
            .ok_or_else(|| DeskError::NotFound(format!("no claim {id}")))
    }

    /// One of the session's store's claims, with its history, deadline and warranty clocks.
    pub async fn claim_detail(&self, session: &Session, id: i64) -> Result<ClaimDetail, DeskError> {
        let record = self.claim_of_store(session, id).await?;
        self.detail_of(record).await
    }

    async fn detail_of(&self, record: ClaimRecord) -> Result<ClaimDetail, DeskError> {
        let today = self.now_at(&record.store_code).await?.date();
        let events = self.db.claim_events(record.id).await?;
        let settlement = self.db.claim_settlement(record.id).await?;
        let target = self.db.store(&record.store_code).await?.map(|s| s.claim_target_days).unwrap_or_default();
        let deadline = ClaimDeadline::of(record.jurisdiction, remedy_of(&record), record.claimed_on, target, ReplacementCase::InStock);
        let earlier: Vec<ClaimRecord> = self
            .db
            .claims_of_line(record.receipt_id, record.line)
            .await?
            .into_iter()
            .filter(|c| c.id < record.id && c.kind == ClaimKind::Warranty && (record.serial.is_none() || c.serial == record.serial))
            .collect();
        let repairs = earlier.iter().filter(|c| c.service_outcome == Some(ServiceOutcome::Repaired)).count();
        Ok(ClaimDetail {
            deadline: DeadlineFacts {
                due_by: record.claim_due_by,
                basis: record.claim_due_basis.unwrap_or(deadline.basis),
                period: period_text(deadline.period),
            },
            repeat_claims: i64::try_from(earlier.len()).unwrap_or(i64::MAX),
            earlier_repairs: i64::try_from(repairs).unwrap_or(i64::MAX),
            refund_entitled: refund_entitled(record.jurisdiction, repairs),
            settlement,
            events,
            state: ClaimState::new(record, today),
        })
    }

    fn actor(session: &Session) -> AuditActor {
        AuditActor { user_id: Some(session.user.id), terminal_id: session.terminal_id, store_code: Some(session.store_code.clone()) }
    }

    /// Takes one step of a claim: checked against its stage (409 naming the stage and the steps
    /// allowed), its inputs checked (400 naming the field), recorded with its event and audit
    /// entry in one transaction, conditional on the stage read here.
    pub async fn advance_claim(&self, session: &Session, id: i64, request: &StepRequest) -> Result<ClaimDetail, DeskError> {
        let step = request.step.ok_or_else(|| DeskError::BadInput { field: "step", message: "which step".into() })?;
        if step == ClaimStepKind::Settle {
            return Err(DeskError::BadInput { field: "step", message: "a claim is settled with settle_claim".into() });
        }
        let claim = self.claim_of_store(session, id).await?;
        let today = self.now_for(session).await?.date();
        let overdue = is_overdue(claim.stage, claim.claim_due_by, today);
        let to = claim.stage.after(step, claim.kind, overdue, request.service_outcome)?;
        let mut advance = ClaimAdvance {
            claim_id: id,
            from: claim.stage,
            to,
            step,
            details: json!({}),
            at: self.clock.instant(),
            on: today,
            actor: Self::actor(session),
            sent_on: None,
            back_on: None,
            service_outcome: None,
            legal_until_extended: None,
            commercial_until_extended: None,
            register_outcome: None,
            remedy_given: None,
        };
        match step {
            ClaimStepKind::SendToService => {
                let partner = required(&request.service_partner, "service_partner", "the service partner")?;
                let sent_on = request.sent_on.unwrap_or(today);
                if sent_on > today || sent_on < claim.claimed_on {
                    return Err(DeskError::BadInput { field: "sent_on", message: format!("from {} to {today}", claim.claimed_on) });
                }
                advance.sent_on = Some(sent_on);
                advance.details = json!({ "service_partner": partner, "sent_on": sent_on, "waybill": text(&request.waybill) });
            }
            ClaimStepKind::BackFromService => {
                let outcome = request
                    .service_outcome
                    .ok_or_else(|| DeskError::BadInput { field: "service_outcome", message: "repaired, replaced or rejected".into() })?;
                let finding = required(&request.finding, "finding", "the service's finding")?;
                advance.back_on = Some(today);
                advance.service_outcome = Some(outcome);
                advance.details = json!({ "service_outcome": outcome, "finding": finding });
                advance.register_outcome = Some(format!("{}: {finding}", crate::store::code_of(&outcome)));
                if outcome == ServiceOutcome::Repaired && claim.kind == ClaimKind::Warranty {
                    // The item's repairs (this one included) move its warranty clocks.
                    let item: Vec<ClaimRecord> = self
                        .db
                        .claims_of_line(claim.receipt_id, claim.line)
                        .await?
                        .into_iter()
                        .filter(|c| c.serial == claim.serial)
                        .collect();
                    // The item's own dates, before any repair moved them: a later claim is
                    // judged with the moved dates already, and the 12 months come only once.
                    let legal_until = item.iter().filter_map(|c| c.legal_until).min();
                    let commercial_until = item.iter().filter_map(|c| c.commercial_until).min();
                    let mut repairs: Vec<Repair> = item
                        .iter()
                        .filter(|c| c.id != id)
                        .filter_map(|c| {
                            Some(Repair {
                                sent_on: c.sent_on?,
                                back_on: c.back_on?,
                                under_legal_guarantee: c.basis == ReasonCode::LegalGuarantee,
                                outcome: c.service_outcome?,
                            })
                        })
                        .collect();
                    repairs.push(Repair {
                        sent_on: claim.sent_on.unwrap_or(today),
                        back_on: today,
                        under_legal_guarantee: claim.basis == ReasonCode::LegalGuarantee,
                        outcome,
                    });
                    let extended = extended_warranty(claim.jurisdiction, legal_until, commercial_until, &repairs);
                    advance.legal_until_extended = extended.legal_until;
                    advance.commercial_until_extended = extended.commercial_until;
                    advance.remedy_given = Some("repair".into());
                }
                if outcome == ServiceOutcome::Replaced {
                    advance.remedy_given = Some("replacement".into());
                }
            }
            ClaimStepKind::InformCustomer => {
                advance.details = json!({ "informed_how": text(&request.informed_how) });
            }
            ClaimStepKind::Reject => {
                let reasons = required(&request.reasons, "reasons", "the reasons")?;
                advance.register_outcome = Some(format!("rejected: {reasons}"));
                advance.details = json!({ "reasons": reasons });
            }
            ClaimStepKind::HandBack | ClaimStepKind::Close | ClaimStepKind::AcceptEstimate | ClaimStepKind::Settle => {}
        }
        let record = self.db.advance_claim(&advance).await?;
        self.detail_of(record).await
    }

    /// A manager settles a claim by money: a refund (what the line still has paid, computed) or
    /// a price reduction (an amount from 0 up to that), paid per tender like a return. The same
    /// key answers the same settlement; a claim settled already is 409.
    pub async fn settle_claim(
        &self,
        session: &Session,
        id: i64,
        remedy: RemedyAsked,
        amount: Option<Money>,
        idempotency_key: &str,
    ) -> Result<ClaimDetail, DeskError> {
        require_manager(session)?;
        if idempotency_key.trim().is_empty() {
            return Err(DeskError::BadInput { field: "idempotency_key", message: "a settlement needs an idempotency key".into() });
        }
        let desk = session.terminal_code.as_deref().unwrap_or("-");
        let key = format!("{}/{desk}/{}", session.store_code, idempotency_key.trim());
        let claim = self.claim_of_store(session, id).await?;
        // A retry answers what the first call recorded, whatever the claim's stage now.
        if let Some(done) = self.db.claim_settlement(id).await? {
            if done.idempotency_key == key {
                return self.detail_of(claim).await;
            }
            let claim = claim.register_number();
            return Err(DeskError::refused("CLAIM_SETTLED", format!("claim {claim} is settled already"), serde_json::json!({ "claim": claim })));
        }
        if !matches!(remedy, RemedyAsked::Refund | RemedyAsked::PriceReduction) {
            return Err(DeskError::BadInput { field: "remedy", message: "refund or price_reduction".into() });
        }
        let today = self.now_for(session).await?.date();
        let overdue = is_overdue(claim.stage, claim.claim_due_by, today);
        let to = claim.stage.after(ClaimStepKind::Settle, claim.kind, overdue, None)?;
        let context = self.context(claim.receipt_id).await?;
        let sale = &context.receipt.sale.receipt;
        let index = sale
            .lines
            .iter()
            .position(|l| l.line == LineNo(claim.line))
            .ok_or_else(|| DeskError::Internal(format!("claim {id}: no receipt line {}", claim.line)))?;
        let paid = crate::domain::pricing::paid_per_line(sale)[index];
        let refunded: Money = self
            .db
            .returns_of_receipt(claim.receipt_id)
            .await?
            .iter()
            .filter(|r| r.status == crate::store::ReturnStatus::Completed)
            .flat_map(|r| r.decision.lines.iter())
            .filter(|l| l.line == LineNo(claim.line))
            .map(|l| l.refund)
            .sum();
        // Earlier settlements of claims on the same line paid back part of it already.
        let settled: Money = self
            .db
            .line_settlements(claim.receipt_id)
            .await?
            .iter()
            .filter(|(line, _, _)| *line == i64::from(claim.line))
            .map(|(_, _, amount)| *amount)
            .sum();
        let line_paid = paid - refunded - settled;
        let amount = match (remedy, amount) {
            (RemedyAsked::PriceReduction, None) => {
                return Err(DeskError::BadInput { field: "amount", message: "a price reduction needs its amount".into() })
            }
            (RemedyAsked::PriceReduction, Some(a)) if !a.is_positive() => {
                return Err(DeskError::BadInput { field: "amount", message: "more than 0".into() })
            }
            (RemedyAsked::PriceReduction, Some(a)) => a,
            (_, Some(a)) if a != line_paid => {
                return Err(DeskError::BadInput {
                    field: "amount",
                    message: format!("a refund pays what the line still has paid ({line_paid}), not {a}"),
                })
            }
            _ => line_paid,
        };
        if amount > line_paid {
            return Err(DeskError::BadInput { field: "amount", message: format!("{amount} is more than the line paid less refunds ({line_paid})") });
        }
        if !amount.is_positive() {
            return Err(DeskError::BadInput { field: "amount", message: "the line has nothing left to pay back".into() });
        }
        let history = &context.receipt.history;
        let tenders = TenderAllocation { order: &context.rules.case_rules().tender_order, conversion: Conversion::Same }
            .allocate(amount, |t| sale.paid_by(t) - history.refunded_to(t))
            .into_iter()
            .map(|t| (t.kind, t.amount))
            .collect();
        let details = json!({ "remedy": remedy, "amount": amount, "currency": sale.currency, "overdue": overdue });
        let settlement = NewSettlement {
            idempotency_key: key,
            advance: ClaimAdvance {
                claim_id: id,
                from: claim.stage,
                to,
                step: ClaimStepKind::Settle,
                details,
                at: self.clock.instant(),
                on: today,
                actor: Self::actor(session),
                sent_on: None,
                back_on: None,
                service_outcome: None,
                legal_until_extended: None,
                commercial_until_extended: None,
                register_outcome: Some(format!("settled: {}", remedy.code())),
                remedy_given: Some(format!("{} {amount} {}", remedy.code(), crate::store::code_of(&sale.currency))),
            },
            remedy,
            amount,
            currency: sale.currency,
            tenders,
            line_paid,
            receipt_id: claim.receipt_id,
            receipt_line: claim.line,
        };
        self.db.settle_claim(&settlement).await?;
        self.claim_detail(session, id).await
    }

    /// The session's store's complaint register of one year.
    pub async fn register_entries(&self, session: &Session, year: i32) -> Result<Vec<RegisterEntry>, DeskError> {
        Ok(self.db.register_entries(&session.store_code, year).await?)
    }

    /// Intake at the desk (issue 11): a line the decision makes a warranty claim needs the
    /// customer's name and contact, and a serial the sale recorded for that line (unless a
    /// manager approves a mismatch).
    pub(crate) fn check_claim_intake(
        draft: &super::ReturnDraft,
        decision: &crate::domain::Decision,
        sale: &crate::domain::Receipt,
        manager_approves: bool,
    ) -> Result<(), DeskError> {
        for (index, line) in decision.lines.iter().enumerate() {
            if line.outcome != crate::domain::LineOutcome::WarrantyClaim {
                continue;
            }
            let details = draft.claims.iter().find(|c| c.line == line.line.0);
            if details.is_none_or(|d| d.customer_name.trim().is_empty()) {
                return Err(DeskError::BadInput { field: "customer.name", message: "a warranty claim needs the customer's name".into() });
            }
            if details.is_none_or(|d| d.customer_contact.trim().is_empty()) {
                return Err(DeskError::BadInput {
                    field: "customer.contact",
                    message: "a warranty claim needs the customer's phone or e-mail".into(),
                });
            }
            let sold = sale.line(line.line).map(|l| l.serials.clone()).unwrap_or_default();
            if let Some(serial) = details.and_then(|d| d.serial.as_deref()).map(str::trim).filter(|s| !s.is_empty()) {
                if !sold.is_empty() && !sold.iter().any(|s| s.eq_ignore_ascii_case(serial)) && !manager_approves {
                    return Err(DeskError::SerialMismatch { index, serial: serial.to_string(), sold: sold.join(", ") });
                }
            }
        }
        Ok(())
    }
}

/// A claim's deadline is never before it was made (used by tests of stored claims).
pub fn due_not_before_claim(c: &ClaimRecord) -> bool {
    c.claim_due_by >= c.claimed_on
}
