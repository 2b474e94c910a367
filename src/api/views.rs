//! What the commands answer (and the return draft they take): the shapes of the OpenAPI
//! document and of the UI's generated types.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::pricing::paid_per_line;
use crate::domain::{Condition, Decision, Deduction, LineNo, Money, Quantity, RequestLine, Resolution, ReturnReason, ReturnRequest};
use crate::service::documents::slip_number;
use crate::service::{DeskSettings, Explanation, ReturnDraft};
use crate::store::{ApprovalVerdict, ReturnStatus, ClaimDetails, ClaimRecord, ReturnRecord, ReturnSummaryRecord, StoreProfile, StoredReceipt, UserRecord};

#[derive(Serialize, schemars::JsonSchema)]
pub struct StoreView {
    pub code: String,
    pub name: String,
    pub address: String,
    pub jurisdiction: String,
    pub currency: String,
    pub time_zone: String,
}

impl From<&StoreProfile> for StoreView {
    fn from(s: &StoreProfile) -> Self {
        StoreView {
            code: s.code.clone(),
            name: s.name.clone(),
            address: s.address.clone(),
            jurisdiction: s.jurisdiction.code().into(),
            currency: s.currency.code().into(),
            time_zone: s.time_zone.clone(),
        }
    }
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct UserView {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    pub role: crate::store::Role,
}

impl From<&UserRecord> for UserView {
    fn from(u: &UserRecord) -> Self {
        UserView { id: u.id, login: u.login.clone(), display_name: u.display_name.clone(), role: u.role }
    }
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct SessionView {
    pub token: String,
    pub user: UserView,
    pub store: StoreView,
    pub terminal_id: Option<i64>,
    // ---- Issue 15: clock ----
    /// The store's wall time at sign-in, in its zone (`store.time_zone`), by the desk's clock
    /// (`RETURNDESK_NOW` fixes it): what the desk's own clock display starts from.
    pub store_now: NaiveDateTime,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ReceiptLineView {
    pub line: u32,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub brand: String,
    pub qty: u32,
    pub unit_price: Money,
    pub discount: Money,
    pub vat_rate: String,
    pub paid: Money,
    pub returned: u32,
    pub remaining: u32,
    pub serials: Vec<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ReceiptView {
    pub id: i64,
    pub store_code: String,
    pub number: String,
    pub purchased_at: NaiveDateTime,
    pub channel: crate::domain::Channel,
    pub delivered_on: Option<NaiveDate>,
    pub currency: String,
    pub receipt_discount: Money,
    pub tenders: Vec<crate::domain::Tender>,
    pub lines: Vec<ReceiptLineView>,
    pub amount_paid: Money,
    /// Leva receipts are refunded in euro at the fixed rate.
    pub eur_rate: Option<String>,
}

impl From<&StoredReceipt> for ReceiptView {
    fn from(s: &StoredReceipt) -> Self {
        let r = &s.sale.receipt;
        let paid = paid_per_line(r);
        ReceiptView {
            id: s.id,
            store_code: s.sale.store.clone(),
            number: r.number.clone(),
            purchased_at: r.purchased_at,
            channel: r.channel,
            delivered_on: r.delivered_on,
            currency: r.currency.code().into(),
            receipt_discount: r.receipt_discount,
            tenders: r.tenders.clone(),
            lines: r
                .lines
                .iter()
                .zip(paid)
                .map(|(l, paid)| ReceiptLineView {
                    line: l.line.0,
                    sku: l.sku.clone(),
                    name: l.name.clone(),
                    category: l.category.clone(),
                    brand: l.brand.clone(),
                    qty: l.qty.get(),
                    unit_price: l.unit_price,
                    discount: l.discount,
                    vat_rate: l.vat_rate.to_string(),
                    paid,
                    returned: s.history.returned_qty(l.line),
                    remaining: s.remaining(l.line),
                    serials: l.serials.clone(),
                })
                .collect(),
            amount_paid: r.amount_paid(),
            eur_rate: (r.currency == crate::domain::Currency::BGN).then(|| crate::domain::money::BGN_PER_EUR.to_string()),
        }
    }
}

/// A draft line as the desk sends it: the request line plus what a claim records.
#[derive(Deserialize, Serialize, Clone, schemars::JsonSchema)]
pub struct DraftLineInput {
    pub line: u32,
    pub qty: Quantity,
    pub reason: ReturnReason,
    pub condition: Condition,
    #[serde(default)]
    pub defect: Option<String>,
    #[serde(default)]
    pub serial: Option<String>,
    /// RU: no similar item is in stock to exchange it for (the statutory exchange is paid as money).
    #[serde(default)]
    pub no_analogue: bool,
    /// A claim: what came with the item (box, charger, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessories: Option<String>,
    /// A claim: the state of the item handed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_state: Option<String>,
    /// A claim: what the customer asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remedy_asked: Option<crate::domain::claim::RemedyAsked>,
}

#[derive(Deserialize, Serialize, Clone, Default, schemars::JsonSchema)]
pub struct CustomerInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact: String,
    /// The customer's loyalty card or account number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loyalty_id: Option<String>,
    /// The number on the customer's identity document, if the desk takes it: never stored,
    /// only its keyed hash, so their returns without a receipt count with this one. Never
    /// written back out (a queued case keeps the draft as taken: not this).
    #[serde(default, skip_serializing)]
    pub id_number: Option<String>,
}

/// A manager's decision given at the desk (login + PIN, approve or decline, reason).
#[derive(Deserialize, schemars::JsonSchema)]
pub struct ManagerInput {
    pub manager_login: String,
    pub manager_pin: String,
    pub decision: ManagerVerdict,
    pub reason: String,
    /// Denied lines to override.
    #[serde(default)]
    pub lines: Vec<u32>,
    /// Approve only: what to take off the refund of withdrawn used goods (`LOSS_OF_VALUE` lines)
    /// for their loss of value, each with its reason. A line without one is paid in full.
    #[serde(default)]
    pub deductions: Vec<DeductionInput>,
}

/// A manager's deduction for the loss of value of one `LOSS_OF_VALUE` line: from 0 up to what
/// the line refunds (in the decision's currency), and why. The return pays the rest.
#[derive(Deserialize, schemars::JsonSchema)]
pub struct DeductionInput {
    pub line: u32,
    pub amount: Money,
    /// Why the goods lost value. Required to confirm; a preview may leave it empty.
    #[serde(default)]
    pub reason: String,
}

impl DeductionInput {
    pub fn deduction(&self) -> Deduction {
        Deduction { line: LineNo(self.line), amount: self.amount, reason: self.reason.trim().to_string() }
    }
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ManagerVerdict {
    Approve,
    Decline,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct DraftInput {
    pub receipt_id: i64,
    pub resolution: Resolution,
    pub lines: Vec<DraftLineInput>,
    #[serde(default)]
    pub customer: Option<CustomerInput>,
    /// Confirm only: the same key gives back the same return.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    #[serde(default)]
    pub manager: Option<ManagerInput>,
    /// Evaluate only: preview these overrides (and granted approvals).
    #[serde(default)]
    pub preview_overrides: Option<Vec<u32>>,
    /// Evaluate only: preview these deductions for loss of value (and granted approvals): the
    /// lines and totals show what the return would pay net of them.
    #[serde(default)]
    pub preview_deductions: Option<Vec<DeductionInput>>,
    /// Confirm only: the approved (or declined) queued case this confirmation completes; the
    /// draft must be the one queued.
    #[serde(default)]
    pub queued_id: Option<i64>,
    /// Confirm only (issue 13): milliseconds since the desk scanned the receipt, on the desk's
    /// own clock; kept as the return's scan instant for its handling time.
    #[serde(default)]
    pub since_scan_ms: Option<u64>,
}

impl DraftInput {
    pub fn draft(&self) -> ReturnDraft {
        return_draft(self.receipt_id, self.resolution, &self.lines, self.customer.as_ref())
    }
}

/// The return draft of a receipt, its resolution, its lines and the customer.
fn return_draft(receipt_id: i64, resolution: Resolution, lines: &[DraftLineInput], customer: Option<&CustomerInput>) -> ReturnDraft {
    ReturnDraft {
        receipt_id,
        request: ReturnRequest {
            resolution,
            lines: lines
                .iter()
                .map(|l| RequestLine { line: LineNo(l.line), qty: l.qty, reason: l.reason, condition: l.condition, no_analogue: l.no_analogue })
                .collect(),
        },
        claims: lines
            .iter()
            .filter(|l| l.reason.is_non_conformity())
            .map(|l| ClaimDetails {
                line: l.line,
                defect: l.defect.clone().unwrap_or_default(),
                serial: l.serial.clone().filter(|s| !s.trim().is_empty()),
                customer_name: customer.map(|c| c.name.clone()).unwrap_or_default(),
                customer_contact: customer.map(|c| c.contact.clone()).unwrap_or_default(),
                accessories: l.accessories.clone().unwrap_or_default().trim().to_string(),
                item_state: l.item_state.clone().unwrap_or_default().trim().to_string(),
                remedy_asked: l.remedy_asked,
            })
            .collect(),
    }
}

/// The contract's decision plus the facts behind each verdict.
#[derive(Serialize, schemars::JsonSchema)]
pub struct EvaluationView {
    /// The contract's decision.
    #[serde(flatten)]
    pub decision: Decision,
    /// The facts behind each line's verdict.
    pub explanations: Vec<Explanation>,
    /// What the desk may do with it: `may_confirm`, `needs_manager`, `overridable_lines`, …
    #[serde(flatten)]
    pub verdict: crate::service::DeskVerdict,
}

impl EvaluationView {
    pub fn new(decision: Decision, explanations: Vec<Explanation>, verdict: crate::service::DeskVerdict) -> Self {
        EvaluationView { decision, explanations, verdict }
    }
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ApprovalView {
    pub line: Option<u32>,
    pub code: String,
    pub manager: String,
    pub decision: ManagerVerdict,
    pub reason: String,
    pub at: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ClaimView {
    pub id: i64,
    /// `S01-2026-00001`: store, year of registration, number in that year.
    pub register_no: String,
    pub receipt_number: String,
    pub line: u32,
    pub product: String,
    pub serial: Option<String>,
    pub basis: crate::domain::ReasonCode,
    /// The earlier contract's status, kept in step with `stage`.
    pub status: crate::store::ClaimStatus,
    pub defect: String,
    pub claimed_on: NaiveDate,
    pub claim_due_by: NaiveDate,
    /// Who set `claim_due_by`: `statutory` (the law's period) or `store_target` (the store's,
    /// where the law asks only for a reasonable time).
    pub claim_due_basis: Option<crate::domain::ClaimDueBasis>,
    pub overdue: bool,
    // ---- Issue 11 ----
    pub stage: crate::domain::claim::ClaimStage,
    pub remedy_asked: Option<crate::domain::claim::RemedyAsked>,
    /// Days until `claim_due_by` (negative when overdue).
    pub days_left: i64,
    /// The steps the claim may take next (`settle`: settle_claim).
    pub allowed_steps: Vec<crate::domain::claim::ClaimStepKind>,
    /// Once overdue: refund and price_reduction.
    pub overdue_remedies: Vec<crate::domain::claim::RemedyAsked>,
    pub kind: crate::domain::claim::ClaimKind,
    /// Whose claim it is (the board's "where is my repair?").
    pub customer_name: String,
}

impl ClaimView {
    pub fn new(c: &ClaimRecord, today: NaiveDate) -> Self {
        Self::of(&crate::service::claims::ClaimState::new(c.clone(), today))
    }

    pub fn of(state: &crate::service::claims::ClaimState) -> Self {
        let c = &state.record;
        ClaimView {
            id: c.id,
            register_no: c.register_number(),
            receipt_number: c.receipt_number.clone(),
            line: c.line,
            product: c.product.clone(),
            serial: c.serial.clone(),
            basis: c.basis,
            status: legacy_status(c.stage),
            defect: c.defect.clone(),
            claimed_on: c.claimed_on,
            claim_due_by: c.claim_due_by,
            claim_due_basis: c.claim_due_basis,
            overdue: state.overdue,
            stage: c.stage,
            remedy_asked: c.remedy_asked,
            days_left: state.days_left,
            allowed_steps: state.allowed_steps.clone(),
            overdue_remedies: state.overdue_remedies.clone(),
            kind: c.kind,
            customer_name: c.customer_name.clone(),
        }
    }
}

fn legacy_status(stage: crate::domain::claim::ClaimStage) -> crate::store::ClaimStatus {
    use crate::store::ClaimStatus;
    match stage.legacy_status() {
        "open" => ClaimStatus::Open,
        "in_repair" => ClaimStatus::InRepair,
        "resolved" => ClaimStatus::Resolved,
        "rejected" => ClaimStatus::Rejected,
        _ => ClaimStatus::Closed,
    }
}

/// Who took a step.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ClaimActorView {
    pub login: String,
    pub display_name: String,
}

/// One step of a claim, as recorded.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ClaimEventView {
    pub seq: i64,
    /// register, send_to_service, back_from_service, inform_customer, hand_back, reject, settle, close.
    pub step: String,
    pub at: String,
    pub by: ClaimActorView,
    /// What the step recorded (partner, waybill, finding, reasons, …).
    pub details: serde_json::Value,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ClaimCustomerView {
    pub name: String,
    pub contact: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ClaimDeadlineView {
    pub due_by: NaiveDate,
    pub basis: crate::domain::ClaimDueBasis,
    /// The period counted: "1 month", "45 days".
    pub period: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ClaimWarrantyView {
    pub legal_until: Option<NaiveDate>,
    /// Moved by a repair under the legal guarantee (12 months, once).
    pub legal_until_extended: Option<NaiveDate>,
    pub commercial_until: Option<NaiveDate>,
    /// BG: moved by the days in repair.
    pub commercial_until_extended: Option<NaiveDate>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct SettlementTenderView {
    #[serde(rename = "type")]
    pub kind: String,
    pub amount: crate::domain::Money,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct SettlementView {
    pub remedy: String,
    pub amount: crate::domain::Money,
    pub currency: crate::domain::Currency,
    pub tenders: Vec<SettlementTenderView>,
    pub at: String,
}

/// Everything about one claim.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ClaimDetailView {
    pub claim: ClaimView,
    pub customer: ClaimCustomerView,
    pub product: String,
    pub serial: Option<String>,
    pub receipt_number: String,
    pub purchase_date: NaiveDate,
    pub defect: String,
    pub accessories: String,
    pub item_state: String,
    pub remedy_asked: Option<crate::domain::claim::RemedyAsked>,
    pub history: Vec<ClaimEventView>,
    pub deadline: ClaimDeadlineView,
    pub warranty: ClaimWarrantyView,
    /// Earlier claims on the same item (same receipt line and serial).
    pub repeat_claims: i64,
    /// BG: a third claim after two repairs may be refunded.
    pub refund_entitled: bool,
    pub settlement: Option<SettlementView>,
}

impl From<&crate::service::claims::ClaimDetail> for ClaimDetailView {
    fn from(d: &crate::service::claims::ClaimDetail) -> Self {
        let c = &d.state.record;
        ClaimDetailView {
            claim: ClaimView::of(&d.state),
            customer: ClaimCustomerView { name: c.customer_name.clone(), contact: c.customer_contact.clone() },
            product: c.product.clone(),
            serial: c.serial.clone(),
            receipt_number: c.receipt_number.clone(),
            purchase_date: c.purchased_at.date(),
            defect: c.defect.clone(),
            accessories: c.accessories.clone(),
            item_state: c.item_state.clone(),
            remedy_asked: c.remedy_asked,
            history: d
                .events
                .iter()
                .map(|e| ClaimEventView {
                    seq: e.seq,
                    step: e.step.clone(),
                    at: e.at.to_rfc3339(),
                    by: ClaimActorView {
                        login: e.login.clone().unwrap_or_default(),
                        display_name: e.display_name.clone().unwrap_or_default(),
                    },
                    details: serde_json::from_str(&e.details_json).unwrap_or(serde_json::Value::Null),
                })
                .collect(),
            deadline: ClaimDeadlineView { due_by: d.deadline.due_by, basis: d.deadline.basis, period: d.deadline.period.clone() },
            warranty: ClaimWarrantyView {
                legal_until: c.legal_until,
                legal_until_extended: c.legal_until_extended,
                commercial_until: c.commercial_until,
                commercial_until_extended: c.commercial_until_extended,
            },
            repeat_claims: d.repeat_claims,
            refund_entitled: d.refund_entitled,
            settlement: d.settlement.as_ref().map(|s| SettlementView {
                remedy: s.remedy.clone(),
                amount: s.amount,
                currency: s.currency,
                tenders: s.tenders.iter().map(|t| SettlementTenderView { kind: t.kind.clone(), amount: t.amount }).collect(),
                at: s.at.to_rfc3339(),
            }),
        }
    }
}

/// A return's status as the desk shows it: a voided return is one a manager declined.
/// Where a return stands, as the desk shows it: a voided return is one a manager declined.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReturnState {
    Completed,
    AwaitingManager,
    Declined,
}

fn return_status(status: ReturnStatus) -> ReturnState {
    match status {
        ReturnStatus::Completed => ReturnState::Completed,
        ReturnStatus::AwaitingManager => ReturnState::AwaitingManager,
        ReturnStatus::Voided => ReturnState::Declined,
    }
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ReturnView {
    pub id: i64,
    pub number: String,
    pub receipt_id: i64,
    pub receipt_number: String,
    pub status: ReturnState,
    pub outcome: String,
    pub created_at: String,
    pub clerk_id: i64,
    pub clerk: String,
    pub decision: Decision,
    pub request: ReturnRequest,
    pub approvals: Vec<ApprovalView>,
    pub claims: Vec<ClaimView>,
    /// The store-credit voucher it issued, if it paid out store credit.
    pub voucher: Option<crate::store::VoucherRecord>,
    /// This call recorded it (false: the same idempotency key was seen before).
    pub created: bool,
    /// What the desk must tell the customer about a claim it registered: an item claimed
    /// before (and, in Bulgaria, a third claim after two repairs: the right to a refund).
    pub claim_notices: Vec<ClaimNotice>,
}

/// A claim of this return on an item claimed before.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct ClaimNotice {
    pub claim_id: i64,
    pub register_no: String,
    /// Earlier claims on the same item (same receipt line and serial).
    pub repeat_claims: i64,
    /// Earlier claims that ended in a repair.
    pub earlier_repairs: i64,
    /// Bulgaria: the defect came back after two repairs — the customer may ask for their money back.
    pub refund_entitled: bool,
}

impl ReturnView {
    pub fn new(r: &ReturnRecord, claims: Vec<ClaimView>, created: bool) -> Self {
        ReturnView {
            claim_notices: Vec::new(),
            id: r.id,
            number: slip_number(&r.store_code, r.id),
            receipt_id: r.receipt_id,
            receipt_number: r.receipt_number.clone(),
            status: return_status(r.status),
            outcome: crate::store::code_of(&r.outcome),
            created_at: r.created_at.to_rfc3339(),
            clerk_id: r.clerk_id,
            clerk: r.clerk_name.clone(),
            decision: r.decision.clone(),
            request: r.request.clone(),
            approvals: r
                .approvals
                .iter()
                .map(|a| ApprovalView {
                    line: a.line,
                    code: a.code.clone(),
                    manager: a.manager.clone(),
                    decision: match a.decision {
                        ApprovalVerdict::Approved => ManagerVerdict::Approve,
                        ApprovalVerdict::Rejected => ManagerVerdict::Decline,
                    },
                    reason: a.reason.clone(),
                    at: a.decided_at.to_rfc3339(),
                })
                .collect(),
            claims,
            voucher: r.voucher.clone(),
            created,
        }
    }
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ReturnSummaryView {
    pub id: i64,
    pub number: String,
    pub receipt_number: String,
    pub created_at: String,
    pub clerk: String,
    pub outcome: crate::domain::CaseOutcome,
    pub status: ReturnState,
    pub refund: Money,
    pub currency: String,
    /// How many warranty claims the return registered (0: a plain return).
    pub claims: i64,
    /// The first claim's number in the complaint register (`S01-2026-00012`).
    pub first_claim: Option<String>,
}

impl ReturnSummaryView {
    pub fn new(store_code: &str, r: &ReturnSummaryRecord) -> Self {
        ReturnSummaryView {
            id: r.id,
            number: slip_number(store_code, r.id),
            receipt_number: r.receipt_number.clone(),
            created_at: r.created_at.to_rfc3339(),
            clerk: r.clerk.clone(),
            outcome: r.outcome,
            status: return_status(r.status),
            refund: r.refund,
            currency: r.currency.code().into(),
            claims: r.claim_count,
            first_claim: r.claim_no.map(|no| crate::store::register_number(store_code, r.claim_year, no)),
        }
    }
}

/// A command that answers nothing more than success.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Done {}

/// The policy version in force, as the settings screen shows it.
#[derive(Serialize, schemars::JsonSchema)]
pub struct PolicyView {
    pub version: i64,
    pub effective_from: NaiveDate,
    pub defaults: crate::domain::policy::PolicyFields,
    pub rules: Vec<crate::domain::policy::PolicyFields>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct SettingsView {
    pub store: StoreView,
    /// The CUPS printer documents go to ("" when none is chosen).
    pub printer: String,
    pub policy: Option<PolicyView>,
    /// Whose sales this store takes returns of.
    pub accept_returns_from: crate::service::ReturnsAccepted,
    pub session_idle_minutes: i64,
    pub session_lifetime_hours: i64,
    /// The days the store's periods are counted on.
    pub calendar: crate::store::StoreCalendar,
    /// A waiting queued case is overdue after this many minutes.
    pub queue_overdue_minutes: i64,
    // ---- Issue 14: vouchers ----
    /// A store-credit voucher issued now is valid this many months.
    pub voucher_valid_months: i64,
    // ---- Issue 14: noreceipt ----
    /// Whether the store takes returns without a receipt, and their price's lookback in days.
    pub unverified_returns: crate::service::noreceipt::UnverifiedReturnsSetting,
    // ---- Issue 14: exchange differences ----
    /// How a customer may pay an exchange's difference: tenders at the desk, and the till.
    pub exchange_difference: crate::service::exchanges::ExchangeDifferenceSetting,
    // ---- Issue 15: calendar ----
    /// The law's public holidays of the store's jurisdiction this year and next, computed (none
    /// for the EU); `calendar.holidays` are the store's own days on top of them.
    pub public_holidays: Vec<crate::domain::holidays::PublicHoliday>,
    /// The store's details printed at the head of its documents; managers change them with
    /// `put_store_details`.
    pub details: crate::store::StoreDetails,
}

/// A lifted lock-out.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Unlocked {
    pub login: String,
    /// How many desks had the user locked out.
    pub desks: u64,
}

impl From<DeskSettings> for SettingsView {
    fn from(s: DeskSettings) -> Self {
        SettingsView {
            store: StoreView::from(&s.store),
            printer: s.printer,
            accept_returns_from: s.accept_returns_from,
            session_idle_minutes: s.session_idle_minutes,
            session_lifetime_hours: s.session_lifetime_hours,
            calendar: crate::store::StoreCalendar {
                holidays: s.store.holidays.clone(),
                working_days: s.store.working_days.clone(),
                claim_target_days: s.store.claim_target_days,
            },
            queue_overdue_minutes: s.queue_overdue_minutes,
            // ---- Issue 14: vouchers ----
            voucher_valid_months: s.voucher_valid_months,
            // ---- Issue 14: noreceipt ----
            unverified_returns: s.unverified_returns,
            exchange_difference: s.exchange_difference,
            // ---- Issue 15: calendar ----
            public_holidays: s.public_holidays,
            details: s.details,
            policy: s.policy.map(|p| PolicyView {
                version: p.version,
                effective_from: p.effective_from,
                defaults: p.document.defaults,
                rules: p.document.rules,
            }),
        }
    }
}

/// A policy version just published.
#[derive(Serialize, schemars::JsonSchema)]
pub struct PolicyVersionView {
    pub version: i64,
    pub effective_from: NaiveDate,
}

/// What publishing a policy would do: the service's answer as it is.
pub use crate::service::PolicyCheck;

/// One version of the store's policy as Settings lists it.
#[derive(Serialize, schemars::JsonSchema)]
pub struct PolicyVersionEntry {
    pub version: i64,
    pub effective_from: NaiveDate,
    /// When it was published (UTC; shown on the store's clock).
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// Who published it (login and name); none for a file imported on the command line.
    pub published_by: Option<PersonView>,
    /// `in_force` today at the store, `upcoming` (from a later day) or `past`.
    pub standing: PolicyVersionStanding,
}

/// Where a policy version stands today at the store.
#[derive(Serialize, schemars::JsonSchema, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum PolicyVersionStanding {
    InForce,
    Upcoming,
    Past,
}

/// One entry of the audit trail.
#[derive(Serialize, schemars::JsonSchema)]
pub struct AuditEntryView {
    /// Its place in the chain (1, 2, 3, …).
    pub seq: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub action: crate::store::AuditAction,
    /// Who: login and name (none for an unknown login's failed sign-in).
    pub user_login: Option<String>,
    pub user_name: Option<String>,
    /// At which desk.
    pub terminal: Option<String>,
    /// What it is about: `return`, `user`, `setting`, `policy`, …, and which one.
    pub entity: String,
    pub entity_id: String,
    /// What else the entry keeps (the return's refund, the manager, the setting's old and new value, …).
    pub details: serde_json::Value,
    /// Its hash in the chain (SHA-256, hex).
    pub hash: Option<String>,
}

/// A page of the audit trail, newest first.
#[derive(Serialize, schemars::JsonSchema)]
pub struct AuditPageView {
    pub entries: Vec<AuditEntryView>,
    /// Pass as `before_seq` for the next (older) page; null at the first entry.
    pub next_before_seq: Option<i64>,
}

impl From<crate::store::AuditPage> for AuditPageView {
    fn from(page: crate::store::AuditPage) -> Self {
        AuditPageView {
            entries: page
                .entries
                .into_iter()
                .map(|e| AuditEntryView {
                    seq: e.seq,
                    at: e.at,
                    action: e.action,
                    user_login: e.user_login,
                    user_name: e.user_name,
                    terminal: e.terminal,
                    entity: e.entity,
                    entity_id: e.entity_id,
                    details: serde_json::from_str(&e.details).unwrap_or(serde_json::Value::String(e.details)),
                    hash: e.hash,
                })
                .collect(),
            next_before_seq: page.next_before_seq,
        }
    }
}

// People at the desk: the first run and the administrators' users.

/// A policy a new store may start with.
#[derive(Serialize, schemars::JsonSchema)]
pub struct StartingPolicyView {
    pub id: String,
    /// EU, BG, GR or RU.
    pub jurisdiction: String,
    pub name: String,
    pub summary: String,
}

/// Whether the desk needs its first run, and the policies a store may start with.
#[derive(Serialize, schemars::JsonSchema)]
pub struct SetupStatus {
    /// True exactly when the database has no store.
    pub needs_setup: bool,
    pub starting_policies: Vec<StartingPolicyView>,
    /// The zone the desk shows instants in before anyone signs in (an IANA name; none before the
    /// first run).
    pub desk_time_zone: Option<String>,
}

/// A user as the administrator's users screen shows them.
#[derive(Serialize, schemars::JsonSchema)]
pub struct UserAccountView {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: crate::store::Role,
    /// The stores the user works in.
    pub stores: Vec<String>,
    pub active: bool,
    /// Locked out at some desk after too many wrong PINs.
    pub locked: bool,
    pub refund_limit: Option<Money>,
    pub approval_limit: Option<Money>,
    pub created_at: String,
}

impl From<&crate::store::UserAccount> for UserAccountView {
    fn from(u: &crate::store::UserAccount) -> Self {
        UserAccountView {
            id: u.id,
            login: u.login.clone(),
            name: u.display_name.clone(),
            role: u.role,
            stores: u.stores.clone(),
            active: u.active,
            locked: u.locked,
            refund_limit: u.refund_limit,
            approval_limit: u.approval_limit,
            created_at: u.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}
// ---- The approval queue (issue 12) ----

/// The draft of a queued case, as the clerk sent it (`queue_return` without its key and note).
#[derive(Deserialize, Serialize, Clone, schemars::JsonSchema)]
pub struct QueuedDraft {
    pub receipt_id: i64,
    pub resolution: Resolution,
    pub lines: Vec<DraftLineInput>,
    #[serde(default)]
    pub customer: Option<CustomerInput>,
}

impl QueuedDraft {
    /// The return draft it stands for (as `DraftInput::draft` makes it).
    pub fn draft(&self) -> ReturnDraft {
        return_draft(self.receipt_id, self.resolution, &self.lines, self.customer.as_ref())
    }
}

/// Someone at the desk: their login and name.
#[derive(Serialize, Clone, schemars::JsonSchema)]
pub struct PersonView {
    pub login: String,
    pub display_name: String,
}

/// The receipt a queued case is about.
#[derive(Serialize, Clone, schemars::JsonSchema)]
pub struct QueuedReceiptView {
    pub id: i64,
    pub number: String,
    pub purchased_at: NaiveDateTime,
}

/// A manager's (or administrator's) decision on a queued case.
#[derive(Serialize, Clone, schemars::JsonSchema)]
pub struct QueueDecisionView {
    pub by: PersonView,
    /// RFC 3339.
    pub at: String,
    pub approve: bool,
    /// The denied lines overridden.
    pub lines: Vec<u32>,
    pub deductions: Vec<Deduction>,
    pub reason_code: crate::service::queue::DecisionReason,
    pub reason_text: String,
    /// What the return pays with this decision (0 for a decline).
    pub approved_refund: Money,
}

/// One case of the approval queue.
#[derive(Serialize, Clone, schemars::JsonSchema)]
pub struct QueuedCase {
    pub id: i64,
    pub state: crate::service::queue::QueueState,
    pub store_code: String,
    /// The desk it was sent from.
    pub terminal: Option<String>,
    pub requested_by: PersonView,
    /// RFC 3339.
    pub requested_at: String,
    /// Minutes since it was queued (until decided).
    pub waiting_minutes: i64,
    /// Waiting longer than the store's `queue_overdue_minutes`.
    pub overdue: bool,
    /// Who must decide: a manager, or an administrator where the refund is above every
    /// manager's approval limit.
    pub needs_role: crate::service::queue::NeedsRole,
    pub receipt: QueuedReceiptView,
    pub draft: QueuedDraft,
    /// The clerk's words.
    pub note: String,
    /// The desk's verdict at queueing (as `evaluate_return` answered it).
    #[schemars(with = "EvaluationView")]
    pub verdict: serde_json::Value,
    /// The codes to decide: approvals required and overridable denials.
    pub asked: Vec<String>,
    /// What the return pays if everything asked is approved.
    pub refund_total: Money,
    pub currency: String,
    pub decision: Option<QueueDecisionView>,
    /// The return that completed it.
    pub return_id: Option<i64>,
}

/// The approval queue as one desk sees it, and its version (for `watch_queue`).
#[derive(Serialize, schemars::JsonSchema)]
pub struct QueueView {
    pub version: i64,
    pub cases: Vec<QueuedCase>,
}

// ---- Issue 11: paid repair orders ----

/// One step of a repair order, as recorded.
#[derive(Serialize, schemars::JsonSchema)]
pub struct RepairEventView {
    pub seq: i64,
    /// open, accept_estimate, decline_estimate, send_to_service, back_from_service, inform_customer, hand_back, close.
    pub step: String,
    pub at: String,
    pub by: ClaimActorView,
    /// What the step recorded (partner, waybill, finding, price paid, …).
    pub details: serde_json::Value,
}

/// A paid repair order: the item, the customer, the estimate, where it stands, what was paid.
#[derive(Serialize, schemars::JsonSchema)]
pub struct RepairOrderView {
    pub id: i64,
    /// `R-S01-2026-00001`: store, year opened, number in that year.
    pub number: String,
    pub stage: crate::domain::repair::RepairStage,
    pub product: String,
    pub serial: Option<String>,
    pub receipt_number: Option<String>,
    pub receipt_line: Option<u32>,
    pub customer: ClaimCustomerView,
    pub defect: String,
    pub accessories: String,
    pub item_state: String,
    pub estimate: Money,
    /// Set when the service repaired it (never above the estimate).
    pub final_price: Option<Money>,
    pub currency: crate::domain::Currency,
    /// Set at hand_back (0.00 when nothing was due).
    pub price_paid: Option<Money>,
    /// cash or card, when money was paid.
    pub tender: Option<String>,
    pub service_partner: Option<String>,
    pub waybill: Option<String>,
    pub sent_on: Option<NaiveDate>,
    /// repaired or not_repairable.
    pub service_outcome: Option<crate::domain::repair::RepairOutcome>,
    pub finding: Option<String>,
    pub opened_at: String,
    pub opened_by: ClaimActorView,
    pub allowed_steps: Vec<crate::domain::repair::RepairStep>,
    pub history: Vec<RepairEventView>,
    /// Opened by this call (false: the same idempotency_key answered an earlier order, or read back).
    pub created: bool,
}

impl From<&crate::service::repairs::RepairOrderDetail> for RepairOrderView {
    fn from(d: &crate::service::repairs::RepairOrderDetail) -> Self {
        let o = &d.record;
        RepairOrderView {
            id: o.id,
            number: o.number(),
            stage: o.stage,
            product: o.product.clone(),
            serial: o.serial.clone(),
            receipt_number: o.receipt_number.clone(),
            receipt_line: o.receipt_line.and_then(|l| u32::try_from(l).ok()),
            customer: ClaimCustomerView { name: o.customer_name.clone(), contact: o.customer_contact.clone() },
            defect: o.defect.clone(),
            accessories: o.accessories.clone(),
            item_state: o.item_state.clone(),
            estimate: o.estimate,
            final_price: o.final_price,
            currency: o.currency,
            price_paid: o.price_paid,
            tender: o.tender.clone(),
            service_partner: o.service_partner.clone(),
            waybill: o.waybill.clone(),
            sent_on: o.sent_on,
            service_outcome: o.service_outcome,
            finding: o.finding.clone(),
            opened_at: o.opened_at.to_rfc3339(),
            opened_by: ClaimActorView { login: o.opened_by_login.clone(), display_name: o.opened_by_name.clone() },
            allowed_steps: d.allowed_steps.clone(),
            history: d
                .events
                .iter()
                .map(|e| RepairEventView {
                    seq: e.seq,
                    step: e.step.clone(),
                    at: e.at.to_rfc3339(),
                    by: ClaimActorView {
                        login: e.login.clone().unwrap_or_default(),
                        display_name: e.display_name.clone().unwrap_or_default(),
                    },
                    details: serde_json::from_str(&e.details_json).unwrap_or(serde_json::Value::Null),
                })
                .collect(),
            created: d.created,
        }
    }
}

// ---- Issue 14: vouchers ----

/// One redemption of a voucher.
#[derive(Serialize, schemars::JsonSchema)]
pub struct RedemptionView {
    pub at: chrono::DateTime<chrono::Utc>,
    pub amount: Money,
    /// What was left on the voucher after it.
    pub balance_after: Money,
    pub till: String,
    pub sale_reference: String,
    /// The display name of the user who redeemed it.
    pub by: String,
}

impl From<&crate::store::RedemptionRecord> for RedemptionView {
    fn from(r: &crate::store::RedemptionRecord) -> Self {
        RedemptionView {
            at: r.redeemed_at,
            amount: r.amount,
            balance_after: r.balance_after,
            till: r.till.clone(),
            sale_reference: r.sale_reference.clone(),
            by: r.by.clone(),
        }
    }
}

/// A store-credit voucher: what is left on it, where it stands, what was taken from it.
#[derive(Serialize, schemars::JsonSchema)]
pub struct VoucherView {
    /// `SC-XXXXX-XXXXX`, as printed.
    pub code: String,
    pub balance: Money,
    /// What it was issued for.
    pub amount: Money,
    pub currency: crate::domain::Currency,
    /// active, spent, void, or expired (active but past `expires_on`, the store's today).
    pub status: crate::service::vouchers::VoucherState,
    pub issued_at: chrono::DateTime<chrono::Utc>,
    /// The last day it may be spent.
    pub expires_on: Option<NaiveDate>,
    pub store: String,
    /// The return that issued it, and that return's receipt.
    pub return_id: Option<i64>,
    pub receipt_number: Option<String>,
    pub voided_at: Option<chrono::DateTime<chrono::Utc>>,
    pub voided_by: Option<String>,
    pub void_reason: Option<String>,
    /// Oldest first.
    pub redemptions: Vec<RedemptionView>,
    /// The redemption this call made, or found under its idempotency key (a retry).
    pub redemption: Option<RedemptionView>,
    /// Whether this call changed the voucher (false: a retry, or a read).
    pub created: bool,
}

impl From<&crate::service::vouchers::VoucherDetail> for VoucherView {
    fn from(d: &crate::service::vouchers::VoucherDetail) -> Self {
        let v = &d.voucher;
        VoucherView {
            code: v.code.clone(),
            balance: v.balance,
            amount: v.amount,
            currency: v.currency,
            status: d.state,
            issued_at: v.issued_at,
            expires_on: v.expires_on,
            store: v.store_code.clone(),
            return_id: v.return_id,
            receipt_number: v.receipt_number.clone(),
            voided_at: v.voided_at,
            voided_by: v.voided_by.clone(),
            void_reason: v.void_reason.clone(),
            redemptions: d.redemptions.iter().map(RedemptionView::from).collect(),
            redemption: d.redemption.as_ref().map(RedemptionView::from),
            created: d.created,
        }
    }
}
// ---- Issue 14: exchanges ----

/// A product by what was scanned or typed.
#[derive(Deserialize, schemars::JsonSchema)]
pub struct ProductQuery {
    /// The product's SKU or barcode.
    pub code: String,
}

/// A product of the catalogue.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ProductView {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub brand: String,
    pub serial_tracked: bool,
    /// VAT included; none: the product cannot be exchanged into.
    pub unit_price: Option<Money>,
    pub currency: Option<String>,
    pub vat_rate: Option<String>,
    pub barcode: Option<String>,
}

impl From<&crate::store::Product> for ProductView {
    fn from(p: &crate::store::Product) -> Self {
        ProductView {
            sku: p.sku.clone(),
            name: p.name.clone(),
            category: p.category.clone(),
            brand: p.brand.clone(),
            serial_tracked: p.serial_tracked,
            unit_price: p.unit_price,
            currency: p.currency.map(|c| c.code().to_string()),
            vat_rate: p.vat_rate.map(|r| r.to_string()),
            barcode: p.barcode.clone(),
        }
    }
}

/// How the customer pays what the new items cost above the returned ones.
#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceTender {
    Cash,
    Card,
    GiftCard,
    /// Recorded as an amount due, paid at the till with the exchange's number.
    Till,
}

impl DifferenceTender {
    /// The tender a difference was (or may be) paid in at the desk; store credit is not one.
    fn at_desk(t: crate::domain::TenderType) -> Option<DifferenceTender> {
        use crate::domain::TenderType;
        match t {
            TenderType::Cash => Some(DifferenceTender::Cash),
            TenderType::Card => Some(DifferenceTender::Card),
            TenderType::GiftCard => Some(DifferenceTender::GiftCard),
            TenderType::StoreCredit => None,
        }
    }
}

impl From<DifferenceTender> for crate::store::DifferencePayment {
    fn from(t: DifferenceTender) -> Self {
        use crate::domain::TenderType;
        use crate::store::DifferencePayment::{AtDesk, AtTill};
        match t {
            DifferenceTender::Cash => AtDesk(TenderType::Cash),
            DifferenceTender::Card => AtDesk(TenderType::Card),
            DifferenceTender::GiftCard => AtDesk(TenderType::GiftCard),
            DifferenceTender::Till => AtTill,
        }
    }
}

/// An exchange's amount due at the till, and whether the till has taken it.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ExchangeDueView {
    /// The exchange's number (`EX-S01-2026-00001`, its barcode on the exchange document).
    pub number: String,
    pub store: String,
    pub currency: String,
    pub amount: Money,
    /// open | paid
    pub status: String,
    pub paid_at: Option<String>,
    /// How the till took it: cash, card or gift_card.
    pub tender: Option<crate::domain::TenderType>,
    pub till: Option<String>,
    pub sale_reference: Option<String>,
    pub paid_by: Option<String>,
    /// This call took the payment (false: the same idempotency key was seen before, or a look-up).
    pub created: bool,
}

impl ExchangeDueView {
    pub fn new(d: &crate::store::ExchangeDue, created: bool) -> Self {
        let p = d.payment.as_ref();
        ExchangeDueView {
            number: d.number.clone(),
            store: d.store_code.clone(),
            currency: d.currency.code().to_string(),
            amount: d.amount,
            status: if p.is_some() { "paid" } else { "open" }.to_string(),
            paid_at: p.map(|p| p.paid_at.to_rfc3339()),
            tender: p.map(|p| p.tender),
            till: p.map(|p| p.till.clone()),
            sale_reference: p.map(|p| p.sale_reference.clone()),
            paid_by: p.map(|p| p.paid_by.clone()),
            created,
        }
    }
}

/// An exchange as the desk puts it together: the returned lines (a return draft, resolution
/// exchange), the new items and how a difference is paid.
#[derive(Deserialize, schemars::JsonSchema)]
pub struct ExchangeDraft {
    pub receipt_id: i64,
    /// The returned lines, judged like a return with resolution `exchange`.
    pub lines: Vec<DraftLineInput>,
    #[serde(default)]
    pub customer: Option<CustomerInput>,
    /// The new items: SKU or barcode, quantity, serial.
    pub new_items: Vec<crate::service::exchanges::NewItem>,
    /// How the customer pays when the new items cost more (required then).
    #[serde(default)]
    pub difference_tender: Option<DifferenceTender>,
    /// Confirm only: the same key gives back the same exchange.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    #[serde(default)]
    pub manager: Option<ManagerInput>,
    /// Evaluate only: preview these overrides (and granted approvals).
    #[serde(default)]
    pub preview_overrides: Option<Vec<u32>>,
}

impl ExchangeDraft {
    pub fn exchange(&self) -> crate::service::exchanges::ExchangeDraft {
        crate::service::exchanges::ExchangeDraft {
            draft: return_draft(self.receipt_id, Resolution::Exchange, &self.lines, self.customer.as_ref()),
            new_items: self.new_items.clone(),
            difference: self.difference_tender.map(Into::into),
        }
    }
}

/// A new item of an exchange, priced.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ExchangeItemView {
    pub line: u32,
    pub sku: String,
    pub name: String,
    pub qty: u32,
    pub unit_price: Money,
    pub vat_rate: String,
    pub total: Money,
    pub serial: Option<String>,
}

/// What the desk shows before confirming an exchange.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ExchangeQuote {
    /// The returned lines' verdict (as `evaluate_return` answers it).
    pub evaluation: EvaluationView,
    pub currency: String,
    /// V: what the returned items are worth (the engine's refund for the lines).
    pub returned_value: Money,
    pub new_items: Vec<ExchangeItemView>,
    /// N: the new items at their catalogue price.
    pub new_total: Money,
    /// N − V when positive: the customer pays it at the desk, or at the till when the store allows.
    pub to_pay: Money,
    /// V − N when positive: paid back to the customer, per tender (`give_back`).
    pub to_give_back: Money,
    pub give_back: Vec<crate::domain::TenderPayout>,
    /// What the new receipt takes over from the original receipt's tenders.
    pub moved: Vec<crate::domain::TenderPayout>,
    /// The ways the store lets the customer pay a difference (tenders at the desk, and `till`).
    pub difference_tenders: Vec<DifferenceTender>,
}

impl ExchangeQuote {
    pub fn new(q: &crate::service::exchanges::ExchangeQuote, evaluation: EvaluationView, currency: &str) -> Self {
        ExchangeQuote {
            evaluation,
            currency: currency.to_string(),
            returned_value: q.returned_value,
            new_items: q
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| ExchangeItemView {
                    line: i as u32 + 1,
                    sku: item.sku.clone(),
                    name: item.name.clone(),
                    qty: item.qty,
                    unit_price: item.unit_price,
                    vat_rate: item.vat_rate.to_string(),
                    total: item.total(),
                    serial: item.serials.first().cloned(),
                })
                .collect(),
            new_total: q.new_total,
            to_pay: q.split.due,
            to_give_back: q.split.refund_total(),
            give_back: q.split.refund.clone(),
            moved: q.split.moved.clone(),
            difference_tenders: q
                .difference_allowed
                .desk_tenders
                .iter()
                .filter_map(|t| DifferenceTender::at_desk(*t))
                .chain(q.difference_allowed.at_till.then_some(DifferenceTender::Till))
                .collect(),
        }
    }
}

/// A recorded exchange: its number (also its new receipt's), both receipts, V, N, what moved
/// per tender, the difference and how it was paid, and its return.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ExchangeView {
    pub id: i64,
    /// `EX-S01-2026-00001`: scan it at the return screen to return a new item.
    pub number: String,
    pub receipt_id: i64,
    pub receipt_number: String,
    pub new_receipt_id: i64,
    pub currency: String,
    pub returned_value: Money,
    pub new_total: Money,
    pub new_items: Vec<ExchangeItemView>,
    /// The value moved from the original receipt, per original tender.
    pub moved: Vec<crate::store::ExchangeMove>,
    /// V − N paid back to the customer (0 when none), per tender in `give_back`.
    pub given_back: Money,
    pub give_back: Vec<crate::domain::TenderPayout>,
    /// N − V paid at the desk (0 when none), and how (`till`: left as an amount due, see `due`).
    pub paid: Money,
    pub difference_tender: Option<DifferenceTender>,
    /// N − V left for the till, and whether the till has taken it.
    pub due: Option<ExchangeDueView>,
    pub created_at: String,
    pub clerk: String,
    /// This call recorded it (false: the same idempotency key was seen before).
    pub created: bool,
    /// The return of the old items.
    #[serde(rename = "return")]
    pub ret: ReturnView,
}

impl ExchangeView {
    pub fn new(x: &crate::store::ExchangeRecord, items: &[crate::domain::ReceiptLine], ret: ReturnView, created: bool) -> Self {
        ExchangeView {
            id: x.id,
            number: x.number.clone(),
            receipt_id: x.receipt_id,
            receipt_number: x.receipt_number.clone(),
            new_receipt_id: x.new_receipt_id,
            currency: x.currency.code().to_string(),
            returned_value: x.returned_value,
            new_total: x.new_total,
            new_items: items
                .iter()
                .map(|l| ExchangeItemView {
                    line: l.line.0,
                    sku: l.sku.clone(),
                    name: l.name.clone(),
                    qty: l.qty.get(),
                    unit_price: l.unit_price,
                    vat_rate: l.vat_rate.to_string(),
                    total: Money::from_cents(l.unit_price.cents() * i64::from(l.qty.get())),
                    serial: l.serials.first().cloned(),
                })
                .collect(),
            moved: x.moves.clone(),
            given_back: x.refunded,
            give_back: ret.decision.tenders.iter().filter(|t| t.kind != crate::domain::PayoutType::Exchange).copied().collect(),
            paid: x.paid,
            difference_tender: if x.due_at_till.is_positive() {
                Some(DifferenceTender::Till)
            } else {
                x.difference_tender.and_then(DifferenceTender::at_desk)
            },
            due: x.due.as_ref().map(|d| ExchangeDueView::new(d, false)),
            created_at: x.created_at.to_rfc3339(),
            clerk: x.clerk_name.clone(),
            created,
            ret,
        }
    }
}

/// The exchange document, in which language and layout.
#[derive(Deserialize, schemars::JsonSchema)]
pub struct ExchangeDocumentRequest {
    /// The exchange.
    pub id: i64,
    /// en, bg, ru or el (default: the store's language).
    #[serde(default)]
    pub lang: Option<String>,
    /// a4 (the default) or 80mm.
    #[serde(default)]
    pub layout: Option<String>,
}
// ---- Issue 14: noreceipt ----

pub use crate::service::noreceipt::UnverifiedQuote;

/// A recorded return without a receipt: the item, the price it was paid at, the voucher, who
/// approved it; the customer's ID only as its type and last four characters.
#[derive(Serialize, schemars::JsonSchema)]
pub struct UnverifiedReturnView {
    pub id: i64,
    /// `U-S01-00001`.
    pub number: String,
    pub sku: String,
    pub product: String,
    pub qty: u32,
    pub unit_price: Money,
    pub amount: Money,
    pub currency: String,
    pub lookback_days: i64,
    pub reason: String,
    pub customer_id_type: String,
    pub customer_id_last4: String,
    pub clerk: String,
    pub manager: String,
    pub returned_at: NaiveDateTime,
    pub voucher_code: String,
    pub voucher_balance: Money,
    pub voucher_expires_on: Option<NaiveDate>,
    /// Whether this call recorded it (false: the key's return, recorded before).
    pub created: bool,
}

impl UnverifiedReturnView {
    pub fn new(r: &crate::store::UnverifiedReturnRecord, created: bool) -> Self {
        UnverifiedReturnView {
            id: r.id,
            number: crate::service::noreceipt::unverified_number(&r.store_code, r.id),
            sku: r.sku.clone(),
            product: r.product.clone(),
            qty: r.qty,
            unit_price: r.unit_price,
            amount: r.amount,
            currency: r.currency.code().to_string(),
            lookback_days: r.lookback_days,
            reason: r.reason.clone(),
            customer_id_type: r.id_type.clone(),
            customer_id_last4: r.id_last4.clone(),
            clerk: r.clerk_name.clone(),
            manager: r.manager_name.clone(),
            returned_at: r.returned_at,
            voucher_code: r.voucher.voucher_code.clone(),
            voucher_balance: r.voucher.voucher_balance,
            voucher_expires_on: r.voucher.voucher_expires_on,
            created,
        }
    }
}

/// One tender a goodwill refund paid.
#[derive(Serialize, schemars::JsonSchema)]
pub struct GoodwillTenderView {
    #[serde(rename = "type")]
    pub kind: String,
    pub amount: Money,
}

/// A goodwill refund paid on a receipt line.
#[derive(Serialize, schemars::JsonSchema)]
pub struct GoodwillView {
    pub id: i64,
    /// `G-S01-00001`.
    pub number: String,
    pub receipt_id: i64,
    pub receipt_number: String,
    pub line: i64,
    pub product: String,
    pub amount: Money,
    pub currency: String,
    pub reason: String,
    pub manager: String,
    pub tenders: Vec<GoodwillTenderView>,
    /// The store-credit voucher it issued, when the receipt was paid partly by store credit
    /// and goodwill paid that share back (as a return's voucher).
    pub voucher: Option<crate::store::VoucherRecord>,
    /// Whether this call paid it (false: the key's goodwill, paid before).
    pub created: bool,
}

impl GoodwillView {
    pub fn new(g: &crate::store::GoodwillRecord, created: bool) -> Self {
        GoodwillView {
            id: g.id,
            number: crate::service::noreceipt::goodwill_number(&g.store_code, g.id),
            receipt_id: g.receipt_id,
            receipt_number: g.receipt_number.clone(),
            line: g.receipt_line,
            product: g.product.clone(),
            amount: g.amount,
            currency: g.currency.code().to_string(),
            reason: g.reason.clone(),
            manager: g.manager_name.clone(),
            tenders: g.tenders.iter().map(|t| GoodwillTenderView { kind: crate::service::noreceipt::tender_code(t.kind), amount: t.amount }).collect(),
            voucher: g.voucher.clone(),
            created,
        }
    }
}

// ---- Issue 13: eod ----

/// A store's (or a desk's) end of day: the figures printed on the cash-up, and the returns.
#[derive(Serialize, schemars::JsonSchema)]
pub struct EndOfDayView {
    pub store: String,
    pub store_name: String,
    pub day: NaiveDate,
    /// The desk shown; None: the whole store.
    pub desk: Option<String>,
    pub currency: String,
    pub time_zone: String,
    pub printed_at: NaiveDateTime,
    /// Money paid out that day by tender (cash, card, gift card): tender → amount.
    pub refunds_by_tender: std::collections::BTreeMap<String, Money>,
    /// The desk's figures, or the whole store's.
    pub totals: crate::slip::view::DayFigures,
    /// The whole store: each desk's figures (desk None: at the tills), adding up to the totals.
    pub desks: Vec<crate::slip::view::DayFigures>,
    pub returns: Vec<crate::service::end_of_day::ReturnRow>,
    /// The desks of the store (what a manager may pick).
    pub store_desks: Vec<String>,
}

impl From<crate::service::end_of_day::EndOfDay> for EndOfDayView {
    fn from(d: crate::service::end_of_day::EndOfDay) -> Self {
        let s = d.summary;
        EndOfDayView {
            store: d.store_code,
            store_name: s.store.name,
            day: s.day,
            desk: s.desk,
            currency: s.currency,
            time_zone: d.time_zone,
            printed_at: s.printed_at,
            refunds_by_tender: s.totals.refunds_by_tender.clone(),
            totals: s.totals,
            desks: s.desks,
            returns: d.returns,
            store_desks: d.desk_codes,
        }
    }
}

// ---- Issue 13: feedback ----

pub use crate::service::feedback::{ClaimsDueWeek, DisplayView, FeedbackAverage, ManagerKpis, RefundsToday, ReturnRate};
pub use crate::store::{FeedbackRecord, FeedbackSubject};

/// A rating as kept: the return (or claim), the desk and the clerk it belongs to.
#[derive(Serialize, schemars::JsonSchema)]
pub struct FeedbackView {
    pub id: i64,
    pub return_id: Option<i64>,
    pub claim_id: Option<i64>,
    pub rating: i64,
    pub comment: String,
    pub lang: String,
    pub terminal_id: Option<i64>,
    pub clerk_id: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<FeedbackRecord> for FeedbackView {
    fn from(f: FeedbackRecord) -> Self {
        FeedbackView {
            id: f.id,
            return_id: f.return_id,
            claim_id: f.claim_id,
            rating: f.rating,
            comment: f.comment,
            lang: f.lang,
            terminal_id: f.terminal_id,
            clerk_id: f.clerk_id,
            created_at: f.created_at,
        }
    }
}
// ---- Issue 13: reports ----

pub use crate::service::reports::{ColumnKind, Grain, ReportClerk, ReportColumn, ReportTable, ReportView};
