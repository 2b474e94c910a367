//! The service layer: the desk's use cases and their transactions. The HTTP API, the Tauri
//! commands and the command line are thin doors onto [`Desk`].

pub mod audit;
pub mod auth;
pub mod claims;
// ---- Issue 15: clock ----
pub mod clock;
pub mod documents;
// ---- Issue 13: eod ----
pub mod end_of_day;
// ---- Issue 14: exchanges ----
pub mod exchanges;
// ---- Issue 13: feedback ----
pub mod feedback;
pub mod people;
pub mod queue;
pub mod register;
pub mod claim_documents;
pub mod repairs;
// ---- Issue 13: reports ----
pub mod reports;
// ---- Issue 14: noreceipt ----
pub mod noreceipt;
mod scan;
pub mod slips;
pub mod store_details;
pub mod startup;
// ---- Issue 14: vouchers ----
pub mod vouchers;

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub use scan::{ScanError, ScannedCode};
// ---- Issue 15: clock ----
pub use clock::DeskClock;

use crate::domain::calendar::WorkingCalendar;
use crate::domain::evaluate::CaseError;
use crate::domain::{
    evaluate, evaluate_with_ruling, Conversion, Decision, History, ManagerRuling, Policy,
    ReturnCase, ReturnRequest, RulingError, Store,
};
use crate::store::{
    AuditBreak, ClaimDetails, ClaimRecord, ConfirmedReturn, Database, NewReturn, PayoutBasis, ReceiptKey, ReceiptSummary,
    Refusal, ReturnQuery, ReturnRecord, ReturnSummaryRecord, RulingRecord, StoreCalendar, StoreError, StoreProfile,
    StoredPolicy, StoredReceipt, UserRecord,
};
use auth::{AuthError, Session};

/// Only a manager may do this.
pub(crate) fn require_manager(session: &Session) -> Result<(), DeskError> {
    if !session.user.role.approves() {
        return Err(DeskError::Auth(AuthError::Forbidden("only a manager may change this".into())));
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("receipt {0} not found")]
    ReceiptNotFound(String),
    #[error(transparent)]
    MalformedCode(#[from] ScanError),
    #[error("store {0} is not set up")]
    UnknownStore(String),
    #[error("store {store} has no policy in force on {day}")]
    NoPolicy { store: String, day: NaiveDate },
    #[error("{0}")]
    InvalidReturn(#[from] CaseError),
    #[error("{0}")]
    Rejected(String),
    #[error(transparent)]
    Ruling(#[from] RulingError),
    #[error("{field}: {message}")]
    BadInput { field: &'static str, message: String },
    #[error("line {line}: only {left} left to return")]
    QtyExceedsRemaining { index: usize, line: u32, left: u32 },
    #[error("a manager must approve this return first ({})", codes.join(", "))]
    ManagerRequired { codes: Vec<String> },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("this idempotency key was already used for another return: make a new key for a new return")]
    IdempotencyKeyReused,
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error("the printer refused the document: {0}")]
    PrintFailed(String),
    #[error("{0}")]
    Internal(String),
    /// The receipt's records do not match the audit trail: nothing is paid out on it.
    #[error("the records of this receipt fail verification: {0}")]
    RecordsTampered(AuditBreak),
    #[error(transparent)]
    Store(StoreError),
    /// The refund is above the deciding manager's approval limit: an administrator must approve.
    #[error("this return refunds {refund}, above your approval limit of {limit}: an administrator must approve")]
    ApprovalLimit { limit: crate::domain::Money, refund: crate::domain::Money },
    // ---- Issue 11: warranty claims ----
    /// A claim's serial is not one the sale recorded for that line (a manager may approve it).
    #[error("serial {serial} was not sold on this receipt line (sold: {sold})")]
    SerialMismatch { index: usize, serial: String, sold: String },
    /// A step the claim's stage does not allow.
    #[error(transparent)]
    StepOutOfOrder(#[from] crate::domain::claim::StepOutOfOrder),
    // ---- Issue 11: paid repair orders ----
    /// A step the repair order's stage does not allow.
    #[error(transparent)]
    RepairStepOutOfOrder(#[from] crate::domain::repair::RepairStepOutOfOrder),
    /// The item is still under the legal guarantee or the commercial warranty: a warranty claim, free of charge.
    #[error("{0}")]
    UnderWarranty(String),
    // ---- Issue 14: exchanges ----
    /// A new item of an exchange at fault (`new_items[index].field`).
    #[error("{message}")]
    BadItem { index: usize, field: &'static str, message: String },
    // ---- Issue 16: a refusal with a code of its own ----
    /// A situation the desk refuses that has its own code (NO_PRINTER, ALREADY_DECIDED, …) and
    /// the facts its sentence names, so each desk says it in its own language.
    #[error("{message}")]
    Refused { code: &'static str, message: String, facts: serde_json::Map<String, serde_json::Value> },
}

impl DeskError {
    /// A refusal with its own code; `facts` (a JSON object) travel beside the code.
    pub fn refused(code: &'static str, message: impl Into<String>, facts: serde_json::Value) -> DeskError {
        let facts = match facts {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        DeskError::Refused { code, message: message.into(), facts }
    }
}

impl From<StoreError> for DeskError {
    fn from(e: StoreError) -> Self {
        match e {
            // The desk's own refusal, made inside the write transaction, comes back as itself:
            // an over-return lost in a race answers like any over-return.
            StoreError::KeyReused(_) => DeskError::IdempotencyKeyReused,
            StoreError::Rejected(why) => match why.downcast::<DeskError>() {
                Ok(desk) => *desk,
                Err(other) => DeskError::Rejected(other.to_string()),
            },
            other => DeskError::Store(other),
        }
    }
}

/// What the clerk has put together at the desk for one receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnDraft {
    pub receipt_id: i64,
    #[serde(flatten)]
    pub request: ReturnRequest,
    /// Defect descriptions, serials and customer details for warranty claims.
    #[serde(default)]
    pub claims: Vec<ClaimDetails>,
}

/// A manager's decision on a return's exceptions, given at the desk with their PIN.
#[derive(Clone, Debug)]
pub struct ManagerDecision {
    pub manager: UserRecord,
    pub approve: bool,
    pub reason: String,
    pub ruling: ManagerRuling,
}

/// Everything the engine needs about a receipt, read from the store.
pub struct ReceiptContext {
    pub receipt: StoredReceipt,
    pub store: StoreProfile,
    pub policy: StoredPolicy,
    /// `policy`'s document, parsed once.
    pub rules: Policy,
    /// The customer's returns at the store in the 90 days before the return (issue 12).
    pub customer_returns_90d: u32,
}

/// The facts behind a line's verdict, for the desk to say it in words
/// ("bought 47 days ago; electronics can be returned within 14 days").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LineFacts {
    pub purchase_date: NaiveDate,
    pub days_since_purchase: i64,
    pub return_days: u32,
    pub window_end: NaiveDate,
    pub withdrawal_end: Option<NaiveDate>,
    pub category: String,
    pub returnable: bool,
    pub non_returnable_reason: Option<String>,
    pub restocking_fee_pct: crate::domain::Percent,
    pub warranty_months: u32,
    pub legal_until: Option<NaiveDate>,
    pub commercial_until: Option<NaiveDate>,
    pub sold: u32,
    pub already_returned: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Explanation {
    pub line: u32,
    pub facts: LineFacts,
}

impl ReceiptContext {
    /// The facts behind each requested line's verdict.
    pub fn explain(&self, request: &ReturnRequest, decision: &Decision, now: NaiveDateTime) -> Vec<Explanation> {
        use crate::domain::calendar::Period;
        let receipt = &self.receipt.sale.receipt;
        let law = self.store.jurisdiction.law();
        let policy = &self.rules;
        let purchase = receipt.purchase_date();
        let calendar = self.calendar();
        let withdrawal_end = (receipt.channel == crate::domain::Channel::Online)
            .then(|| law.withdrawal_end(receipt.delivery_date(), receipt.return_info_given, &calendar));
        request
            .lines
            .iter()
            .zip(&decision.lines)
            .filter_map(|(r, d)| {
                let line = receipt.line(r.line)?;
                let rules = policy.item_rules(line);
                let return_days = rules.return_days;
                Some(Explanation {
                    line: r.line.0,
                    facts: LineFacts {
                        purchase_date: purchase,
                        days_since_purchase: (now.date() - purchase).num_days(),
                        return_days,
                        window_end: Period::Days(return_days).end_from(purchase),
                        withdrawal_end,
                        category: line.category.clone(),
                        returnable: rules.returnable,
                        non_returnable_reason: rules.non_returnable_reason.clone(),
                        restocking_fee_pct: rules.restocking_fee_pct,
                        warranty_months: rules.warranty_months,
                        legal_until: d.warranty.legal_until,
                        commercial_until: d.warranty.commercial_until,
                        sold: line.qty.get(),
                        already_returned: self.receipt.history.returned_qty(r.line),
                    },
                })
            })
            .collect()
    }

    /// The store's working calendar over the years this receipt's periods can reach (from the
    /// purchase or delivery to two years on): the law's public holidays of its jurisdiction, its
    /// own holidays, its working days. The case the desk evaluates lists them all as holidays, so
    /// `returndesk evaluate` on that case decides the same.
    pub fn calendar(&self) -> WorkingCalendar {
        use chrono::Datelike;
        let receipt = &self.receipt.sale.receipt;
        let (purchase, delivery) = (receipt.purchase_date(), receipt.delivery_date());
        let years = purchase.min(delivery).year()..=purchase.max(delivery).year().saturating_add(2);
        self.store.calendar(years)
    }

    /// The case as the engine sees it, against a given history.
    pub fn case(
        &self,
        request: &ReturnRequest,
        history: &History,
        now: NaiveDateTime,
    ) -> Result<ReturnCase, CaseError> {
        let store = Store {
            jurisdiction: self.store.jurisdiction,
            currency: self.store.currency,
            calendar: self.calendar(),
            claim_target: self.store.claim_target_days,
        };
        let mut history = history.clone();
        history.customer_returns_90d = history.customer_returns_90d.max(self.customer_returns_90d);
        ReturnCase::new(now, store, self.rules.clone(), self.receipt.sale.receipt.clone(), history, request.clone())
    }

    pub fn payout_basis(&self) -> Result<PayoutBasis, CaseError> {
        let conversion = Conversion::between(self.receipt.sale.receipt.currency, self.store.currency)
            .ok_or(CaseError::NoConversion {
                from: self.receipt.sale.receipt.currency,
                to: self.store.currency,
            })?;
        Ok(PayoutBasis { conversion })
    }
}

/// A line that asks for more units than are left to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OverQty {
    /// Index of the line in the request.
    #[serde(skip)]
    pub index: usize,
    pub line: u32,
    pub left: u32,
}

/// What the desk may do with a decision, said once here so that no screen decides it again:
/// whether the clerk alone may record it, whether a manager must (or may) decide first, which
/// denied lines a manager may override, and which lines ask for more than is left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DeskVerdict {
    /// The clerk may record this return now, without a manager (denied lines are recorded as
    /// denied and pay nothing).
    pub may_confirm: bool,
    /// A manager must approve before anything is recorded (`needs_approval`).
    pub manager_required: bool,
    /// A manager's decision would change the outcome: it is required, or denied lines may be
    /// overridden.
    pub needs_manager: bool,
    /// Denied lines a manager may override.
    pub overridable_lines: Vec<u32>,
    /// Lines asking for more units than are left; nothing can be recorded while there are any.
    pub over_qty: Vec<OverQty>,
    /// What the desk itself asks a manager to approve, beyond the rules: `CLERK_LIMIT` (the
    /// refund is above the clerk's own refund limit).
    pub desk_approvals: Vec<String>,
    /// Lines the decision would pay whose price a settled warranty claim already reduced: their
    /// money goes back only through the claim, so Confirm would be refused
    /// (`PRICE_REDUCED_BY_CLAIM`) — said here, before the clerk presses it.
    pub reduced_by_claim: Vec<ClaimReduction>,
}

/// A line's price reduced by a settled warranty claim, and by how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ClaimReduction {
    pub line: u32,
    pub amount: crate::domain::Money,
}

impl ClaimReduction {
    /// The lines `decision` would pay whose price a settled claim reduced, from what settled
    /// claims paid back on the receipt's lines (`line, remedy, amount`,
    /// [`Desk::line_settlements`]). A denied line pays nothing, so it is none of them.
    pub fn of(decision: &Decision, settlements: &[(i64, String, crate::domain::Money)]) -> Vec<ClaimReduction> {
        decision
            .lines
            .iter()
            .filter(|l| l.pays())
            .filter_map(|l| {
                settlements
                    .iter()
                    .find(|(n, remedy, _)| *n == i64::from(l.line.0) && remedy == "price_reduction")
                    .map(|(_, _, amount)| ClaimReduction { line: l.line.0, amount: *amount })
            })
            .collect()
    }
}

impl DeskVerdict {
    pub fn of(decision: &Decision, receipt: &crate::domain::Receipt, history: &History) -> DeskVerdict {
        use crate::domain::{CaseOutcome, LineOutcome, ReasonCode};
        let over_qty: Vec<OverQty> = decision
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.reasons.iter().any(|r| r.code == ReasonCode::QtyExceedsRemaining))
            .map(|(index, l)| {
                let sold = receipt.line(l.line).map_or(0, |r| r.qty.get());
                OverQty { index, line: l.line.0, left: sold.saturating_sub(history.returned_qty(l.line)) }
            })
            .collect();
        let overridable_lines: Vec<u32> =
            decision.lines.iter().filter(|l| l.overridable() && !l.reasons.is_empty()).map(|l| l.line.0).collect();
        let manager_required = decision.outcome == CaseOutcome::NeedsApproval;
        let fits = over_qty.is_empty();
        DeskVerdict {
            may_confirm: fits
                && !manager_required
                && decision.lines.iter().any(|l| l.outcome != LineOutcome::Denied),
            manager_required,
            needs_manager: fits && (manager_required || !overridable_lines.is_empty()),
            overridable_lines,
            over_qty,
            desk_approvals: Vec::new(),
            reduced_by_claim: Vec::new(),
        }
    }

    /// The same verdict knowing what settled claims paid back on the receipt's lines (`line,
    /// remedy, amount`, [`Desk::line_settlements`]): a line it would pay whose price a claim
    /// reduced cannot be confirmed, by the clerk or with a manager.
    pub fn with_claim_settlements(mut self, decision: &Decision, settlements: &[(i64, String, crate::domain::Money)]) -> DeskVerdict {
        self.reduced_by_claim = ClaimReduction::of(decision, settlements);
        if !self.reduced_by_claim.is_empty() {
            self.may_confirm = false;
            self.needs_manager = false;
            self.manager_required = false;
        }
        self
    }

    /// The same verdict for a clerk whose refund limit is `limit`: a return refunding more
    /// needs a manager (`CLERK_LIMIT`). The engine's decision is not changed.
    pub fn with_clerk_limit(mut self, decision: &Decision, limit: Option<crate::domain::Money>) -> DeskVerdict {
        if queue::over_clerk_limit(decision, limit) && self.over_qty.is_empty() {
            self.desk_approvals.push(queue::CLERK_LIMIT.to_string());
            self.may_confirm = false;
            self.manager_required = true;
            self.needs_manager = true;
        }
        self
    }

    /// The approvals a manager must give, as codes.
    pub(crate) fn required_codes(decision: &Decision) -> Vec<String> {
        let mut codes: Vec<String> = decision.approvals_required.iter().map(|c| c.code().to_string()).collect();
        codes.extend(
            decision
                .lines
                .iter()
                .filter(|l| l.outcome == crate::domain::LineOutcome::NeedsApproval)
                .flat_map(|l| l.reasons.iter().map(|r| r.code.code().to_string())),
        );
        codes
    }
}

/// A return the desk must not record as it stands: a line asks for more units than are left
/// (whatever else it holds), or the case needs a manager and none decided.
fn refuse_unrecordable(
    decision: &Decision,
    receipt: &crate::domain::Receipt,
    history: &History,
    manager_decided: bool,
    clerk_limit: Option<crate::domain::Money>,
) -> Result<(), DeskError> {
    let verdict = DeskVerdict::of(decision, receipt, history).with_clerk_limit(decision, clerk_limit);
    if let Some(o) = verdict.over_qty.first() {
        return Err(DeskError::QtyExceedsRemaining { index: o.index, line: o.line, left: o.left });
    }
    if verdict.manager_required && !manager_decided {
        let mut codes = DeskVerdict::required_codes(decision);
        codes.extend(verdict.desk_approvals);
        return Err(DeskError::ManagerRequired { codes });
    }
    Ok(())
}

/// Where and by whom a return is recorded.
struct Counter {
    /// The desk's store (None: the sale's).
    store_code: Option<String>,
    /// As stored: scoped to the store and desk by [`Desk::confirm_at`].
    idempotency_key: String,
    clerk_id: i64,
    terminal_id: Option<i64>,
    /// The clerk's own refund limit (None: none).
    clerk_refund_limit: Option<crate::domain::Money>,
    /// The decided queued case this return completes, and what its manager approved it to pay.
    queued: Option<(i64, crate::domain::Money)>,
    /// The customer's hashed identities (None: not read yet; the receipt's card says who).
    customer_keys: Option<Vec<String>>,
    /// Issue 11: a desk's confirmation checks a claim's intake (customer, serial).
    claim_intake: bool,
    /// Issue 14: the return is the old items of this exchange.
    exchange: Option<crate::store::NewExchange>,
}

/// A fingerprint of a confirmation as asked: the receipt, the request, the claims' details and
/// the manager's decision (never the PIN). The same idempotency key with another fingerprint
/// is refused.
fn request_hash(draft: &ReturnDraft, manager: Option<&ManagerDecision>) -> String {
    use sha2::{Digest, Sha256};
    let manager = manager.map(|m| {
        let mut asked = serde_json::json!({
            "manager": m.manager.id, "approve": m.approve, "reason": m.reason.trim(),
            "lines": m.ruling.override_lines, "grant": m.ruling.grant_approvals,
        });
        // Only when given, so a confirmation without deductions keeps the fingerprint it had.
        if !m.ruling.deductions.is_empty() {
            asked["deductions"] = serde_json::json!(m.ruling.deductions);
        }
        asked
    });
    let asked = serde_json::json!({ "draft": draft, "manager": manager });
    format!("{:x}", Sha256::digest(asked.to_string().as_bytes()))
}

/// Whose receipts a store takes returns of (the store setting `accept_returns_from`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReturnsAccepted {
    /// Only its own sales.
    #[default]
    ThisStore,
    /// Sales of any store of the chain; the return is recorded at this store.
    Chain,
}

/// What the settings screen shows: the store, its printer and the policy in force today.
#[derive(Clone, Debug)]
pub struct DeskSettings {
    pub store: StoreProfile,
    pub printer: String,
    pub policy: Option<StoredPolicy>,
    pub accept_returns_from: ReturnsAccepted,
    pub session_idle_minutes: i64,
    pub session_lifetime_hours: i64,
    pub queue_overdue_minutes: i64,
    // ---- Issue 14: vouchers ----
    /// How many months a store-credit voucher issued now is valid (1–120).
    pub voucher_valid_months: i64,
    // ---- Issue 14: noreceipt ----
    pub unverified_returns: noreceipt::UnverifiedReturnsSetting,
    // ---- Issue 14: exchange differences ----
    pub exchange_difference: exchanges::ExchangeDifferenceSetting,
    // ---- Issue 15: calendar ----
    /// The law's public holidays of the store's jurisdiction this year and next (computed).
    pub public_holidays: Vec<crate::domain::holidays::PublicHoliday>,
    /// Issue 16: the store's details printed on its documents.
    pub details: crate::store::StoreDetails,
}

/// What a manager may change in the settings (each optional).
#[derive(Clone, Debug, Default)]
pub struct SettingsChange {
    pub printer: Option<String>,
    pub accept_returns_from: Option<ReturnsAccepted>,
    pub session_idle_minutes: Option<i64>,
    pub session_lifetime_hours: Option<i64>,
    pub queue_overdue_minutes: Option<i64>,
    /// The store's holidays, transferred working days and settlement target, as a whole.
    pub calendar: Option<StoreCalendar>,
    // ---- Issue 14: vouchers ----
    pub voucher_valid_months: Option<i64>,
    // ---- Issue 14: noreceipt ----
    /// Whether the store takes returns without a receipt, and their price's lookback.
    pub unverified_returns: Option<noreceipt::UnverifiedReturnsSetting>,
    // ---- Issue 14: exchange differences ----
    pub exchange_difference: Option<exchanges::ExchangeDifferenceSetting>,
}

/// A calendar a manager may keep: days sorted and unique, working days on weekends or on the
/// law's public holidays of the store's jurisdiction (a day a decree made working), no day both
/// a holiday and a working day, a settlement target of 1 to 365 days.
fn checked_calendar(calendar: &StoreCalendar, jurisdiction: crate::domain::Jurisdiction) -> Result<StoreCalendar, DeskError> {
    use chrono::Datelike;
    const MAX_DAYS: usize = 1000;
    let mut holidays = calendar.holidays.clone();
    let mut working_days = calendar.working_days.clone();
    holidays.sort();
    holidays.dedup();
    working_days.sort();
    working_days.dedup();
    if holidays.len() > MAX_DAYS {
        return Err(DeskError::BadInput { field: "calendar.holidays", message: format!("at most {MAX_DAYS} days") });
    }
    if working_days.len() > MAX_DAYS {
        return Err(DeskError::BadInput { field: "calendar.working_days", message: format!("at most {MAX_DAYS} days") });
    }
    let ordinary_weekday = |d: &NaiveDate| d.weekday().number_from_monday() < 6 && !crate::domain::holidays::is_public_holiday(jurisdiction, *d);
    if let Some(day) = working_days.iter().find(|d| ordinary_weekday(d)) {
        return Err(DeskError::BadInput {
            field: "calendar.working_days",
            message: format!("{day} is a weekday and no public holiday: only a Saturday, a Sunday or a public holiday can be made a working day"),
        });
    }
    if let Some(day) = working_days.iter().find(|d| holidays.binary_search(d).is_ok()) {
        return Err(DeskError::BadInput {
            field: "calendar.working_days",
            message: format!("{day} is also a holiday: a day is one or the other"),
        });
    }
    let target = calendar.claim_target_days.get();
    if !(1..=365).contains(&target) {
        return Err(DeskError::BadInput { field: "calendar.claim_target_days", message: format!("from 1 to 365 days, got {target}") });
    }
    Ok(StoreCalendar { holidays, working_days, claim_target_days: calendar.claim_target_days })
}

/// The returns counter: who is signed in, the clock, and every use case of the desk — finding
/// receipts, judging and recording returns, the store's lists, settings and documents. Each
/// door (HTTP, Tauri, command line) only translates to and from these.
#[derive(Clone)]
pub struct Desk {
    db: Arc<dyn Database>,
    clock: DeskClock,
    /// Wakes the desks of this process waiting for the approval queue to change.
    queue: Arc<queue::QueueSignal>,
    /// Issue 13: what each desk's customer view shows.
    customer_displays: Arc<feedback::CustomerDisplays>,
    /// Issue 15: policy versions read and parsed, by id (a version is never changed once
    /// published, so it is read once per process; which version is in force is asked each time).
    policy_versions: Arc<PolicyVersions>,
}

/// Policy versions as read and parsed, by their id.
#[derive(Default)]
struct PolicyVersions(std::sync::RwLock<std::collections::HashMap<i64, Arc<(StoredPolicy, Policy)>>>);

impl PolicyVersions {
    /// More versions than any chain publishes: past it, the oldest read are not kept (a
    /// version read again is read from the database).
    const MOST: usize = 256;

    fn get(&self, id: i64) -> Option<Arc<(StoredPolicy, Policy)>> {
        self.0.read().expect("policy versions lock").get(&id).cloned()
    }

    fn keep(&self, version: Arc<(StoredPolicy, Policy)>) {
        let mut kept = self.0.write().expect("policy versions lock");
        if kept.len() >= Self::MOST {
            kept.clear();
        }
        kept.insert(version.0.id, version);
    }
}

impl Desk {
    pub fn new(db: Arc<dyn Database>) -> Desk {
        Desk {
            db,
            clock: DeskClock::from_env(),
            queue: Arc::default(),
            customer_displays: Arc::default(),
            policy_versions: Arc::default(),
        }
    }

    /// The same desk whose `watch_queue` answers unchanged after `timeout` and looks at the
    /// database's queue version every `poll` (changes made by other processes).
    pub fn with_queue_watch(self, timeout: std::time::Duration, poll: std::time::Duration) -> Desk {
        Desk { queue: queue::QueueSignal::new(timeout, poll), ..self }
    }

    /// The same desk on another clock.
    pub fn with_clock(self, clock: DeskClock) -> Desk {
        Desk { clock: clock.inheriting(&self.clock), ..self }
    }

    pub fn database(&self) -> &Arc<dyn Database> {
        &self.db
    }

    /// The wall time now in the desk's zone, where no store is known; a store's "now" is
    /// [`Desk::now_for`] / [`Desk::now_at`] (issue 15).
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    pub fn clock(&self) -> &DeskClock {
        &self.clock
    }

    /// Signs a user in at a desk: the session and its store.
    pub async fn sign_in(&self, login: &str, pin: &str, terminal: Option<&str>) -> Result<(Session, StoreProfile), DeskError> {
        if login.trim().is_empty() {
            return Err(DeskError::BadInput { field: "login", message: "enter your user name".into() });
        }
        let session = auth::sign_in(self.db.as_ref(), login, pin, terminal, self.clock.instant()).await?;
        let store = self
            .db
            .store(&session.store_code)
            .await?
            .ok_or_else(|| DeskError::UnknownStore(session.store_code.clone()))?;
        Ok((session, store))
    }

    /// Ends a session (sign-out, or the desk locked).
    pub async fn sign_out(&self, token: &str) -> Result<(), DeskError> {
        Ok(auth::sign_out(self.db.as_ref(), token, self.clock.instant()).await?)
    }

    /// The session a token stands for, if it still holds.
    pub async fn session(&self, token: Option<&str>) -> Result<Session, AuthError> {
        auth::session(self.db.as_ref(), token.ok_or(AuthError::Unauthenticated)?, self.clock.instant()).await
    }

    /// A manager's PIN given at a clerk's desk (counted at that desk like any sign-in).
    pub async fn check_manager(&self, session: &Session, login: &str, pin: &str) -> Result<UserRecord, DeskError> {
        let desk = session.terminal_code.as_deref().unwrap_or("");
        Ok(auth::check_manager(self.db.as_ref(), login, pin, desk, &session.store_code, self.clock.instant()).await?)
    }

    /// A manager lets a locked-out login try again, at every desk.
    pub async fn unlock(&self, session: &Session, login: &str) -> Result<u64, DeskError> {
        require_manager(session)?;
        let login = login.trim();
        if login.is_empty() {
            return Err(DeskError::BadInput { field: "login", message: "whose lock-out: their user name".into() });
        }
        let desks = self.db.unlock_login(login, self.clock.instant()).await?;
        if let Some(user) = self.db.user_by_login(login).await? {
            self.db.append_audit(&crate::store::AuditEvent::unlocked(&user, audit::actor(session))).await?;
        }
        Ok(desks)
    }

    /// Whose receipts the session's store takes returns of.
    pub async fn returns_accepted(&self, store_code: &str) -> Result<ReturnsAccepted, DeskError> {
        Ok(match self.db.setting(store_code, "accept_returns_from").await?.as_deref() {
            Some("chain") => ReturnsAccepted::Chain,
            _ => ReturnsAccepted::ThisStore,
        })
    }

    /// Whether the session's store takes returns of sales of `sale_store` (another store's sale
    /// is answered as not found, unless the store takes the chain's).
    async fn takes_returns_of(&self, session: &Session, sale_store: &str) -> Result<bool, DeskError> {
        self.store_takes_returns_of(&session.store_code, sale_store).await
    }

    async fn store_takes_returns_of(&self, store: &str, sale_store: &str) -> Result<bool, DeskError> {
        Ok(sale_store == store || self.returns_accepted(store).await? == ReturnsAccepted::Chain)
    }

    /// [`Desk::lookup`] at a desk: only sales the session's store takes returns of.
    pub async fn lookup_at(&self, session: &Session, code: &str) -> Result<StoredReceipt, DeskError> {
        let scanned = ScannedCode::parse(code)?;
        let chain = self.returns_accepted(&session.store_code).await? == ReturnsAccepted::Chain;
        for key in scanned.keys() {
            // A number alone is looked up at the desk's own store first.
            let key = match key {
                ReceiptKey::Number { store: None, number } if !chain => {
                    ReceiptKey::Number { store: Some(session.store_code.clone()), number }
                }
                key => key,
            };
            if let Some(found) = self.db.find_receipt(&key).await? {
                if chain || found.sale.store == session.store_code {
                    return Ok(found);
                }
            }
        }
        // ---- Issue 14: noreceipt ---- a serial the store sold finds its receipt.
        if let ScannedCode::Plain(serial) = &scanned {
            if let Some(id) = self.receipt_by_serial(session, serial).await? {
                if let Some(found) = self.db.find_receipt(&ReceiptKey::Id(id)).await? {
                    return Ok(found);
                }
            }
        }
        // Issue 16: a return slip's barcode (its number) opens the receipt the return was of.
        if let Some((store, id)) = documents::parse_slip_number(code) {
            if store == session.store_code {
                if let Ok(record) = self.return_of_store(session, id).await {
                    if let Some(found) = self.db.find_receipt(&ReceiptKey::Id(record.receipt_id)).await? {
                        return Ok(found);
                    }
                }
            }
        }
        Err(DeskError::ReceiptNotFound(code.trim().to_string()))
    }

    /// The draft's receipt, if the session's store takes returns of it (only its store is read
    /// here: the receipt itself is loaded once, by the use case).
    async fn receipt_at(&self, session: &Session, receipt_id: i64) -> Result<(), DeskError> {
        match self.db.receipt_store(receipt_id).await? {
            Some(store) if self.takes_returns_of(session, &store).await? => Ok(()),
            _ => Err(DeskError::ReceiptNotFound(format!("#{receipt_id}"))),
        }
    }

    /// [`Desk::evaluate`] (or with a manager's ruling previewed) at a desk.
    pub async fn evaluate_at(
        &self,
        session: &Session,
        draft: &ReturnDraft,
        ruling: Option<&ManagerRuling>,
    ) -> Result<(ReceiptContext, Decision), DeskError> {
        self.evaluate_as(session, draft, ruling, &[], self.now_for(session).await?).await
    }

    /// [`Desk::evaluate_at`] for the draft's customer: their earlier returns at the session's
    /// store count (the frequent-returner rule).
    pub async fn evaluate_for(
        &self,
        session: &Session,
        draft: &ReturnDraft,
        ruling: Option<&ManagerRuling>,
        customer: &queue::Customer,
    ) -> Result<(ReceiptContext, Decision), DeskError> {
        // (`evaluate_as` checks the session's store takes returns of this receipt.)
        let keys = self.customer_keys(&session.store_code, draft.receipt_id, customer).await?;
        self.evaluate_as(session, draft, ruling, &keys, self.now_for(session).await?).await
    }

    /// Judges a draft at a desk at `now`, for a customer known by their hashed identities.
    pub(crate) async fn evaluate_as(
        &self,
        session: &Session,
        draft: &ReturnDraft,
        ruling: Option<&ManagerRuling>,
        customer_keys: &[String],
        now: NaiveDateTime,
    ) -> Result<(ReceiptContext, Decision), DeskError> {
        let mut context = self.context_for(draft.receipt_id, Some(&session.store_code)).await?;
        context.customer_returns_90d = self.customer_returns_90d(&session.store_code, customer_keys, now).await?;
        let case = context.case(&draft.request, &context.receipt.history, now)?;
        let decision = match ruling {
            Some(r) => evaluate_with_ruling(&case, r)?,
            None => evaluate(&case),
        };
        Ok((context, decision))
    }

    /// Records a return at the session's desk: the return belongs to the desk's store (also
    /// when the sale was another store's), its idempotency key is the desk's own, and bound to
    /// this request.
    pub async fn confirm_at(
        &self,
        session: &Session,
        draft: &ReturnDraft,
        idempotency_key: &str,
        manager: Option<&ManagerDecision>,
    ) -> Result<ConfirmedReturn, DeskError> {
        self.confirm_for(session, draft, idempotency_key, manager, &queue::Customer::default(), None).await
    }

    /// [`Desk::confirm_at`] for the draft's customer (their identities are kept with the
    /// return, hashed), or completing a decided queued case (`queued_id`: the draft must be the
    /// one queued; the return pays what its manager approved, or nothing if declined).
    pub async fn confirm_for(
        &self,
        session: &Session,
        draft: &ReturnDraft,
        idempotency_key: &str,
        manager: Option<&ManagerDecision>,
        customer: &queue::Customer,
        queued_id: Option<i64>,
    ) -> Result<ConfirmedReturn, DeskError> {
        // (The receipt's store is checked with the receipt, by `record`.)
        let desk = session.terminal_code.as_deref().unwrap_or("-");
        let mut counter = Counter {
            store_code: Some(session.store_code.clone()),
            idempotency_key: format!("{}/{desk}/{}", session.store_code, idempotency_key.trim()),
            clerk_id: session.user.id,
            terminal_id: session.terminal_id,
            clerk_refund_limit: session.user.refund_limit,
            queued: None,
            customer_keys: None,
            claim_intake: true,
            exchange: None,
        };
        let Some(id) = queued_id else {
            counter.customer_keys = Some(self.customer_keys(&session.store_code, draft.receipt_id, customer).await?);
            return self.record(draft, &counter, self.now_for(session).await?, manager).await;
        };
        self.receipt_at(session, draft.receipt_id).await?;
        if manager.is_some() {
            return Err(DeskError::BadInput { field: "manager", message: "a queued return was decided by its manager already: send no manager".into() });
        }
        // A retry of the confirmation that completed the case answers its return.
        if let Some(done) = self.completed_queued(session, id, draft, &counter.idempotency_key).await? {
            return Ok(ConfirmedReturn { record: done, created: false });
        }
        let (decision, approved_refund, keys) = self.queued_decision(session, id, draft).await?;
        counter.queued = Some((id, approved_refund));
        // None kept from the queue: the receipt's card says who (as when it was queued).
        counter.customer_keys = (!keys.is_empty()).then_some(keys);
        let confirmed = self.record(draft, &counter, self.now_for(session).await?, Some(&decision)).await?;
        if confirmed.created {
            self.queue_changed();
        }
        Ok(confirmed)
    }

    /// Receipts paid with a card, by its last four digits, in a date range, among the sales the
    /// session's store takes returns of.
    pub async fn receipts_by_card_at(
        &self,
        session: &Session,
        last4: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ReceiptSummary>, DeskError> {
        let chain = self.returns_accepted(&session.store_code).await? == ReturnsAccepted::Chain;
        let found: Vec<ReceiptSummary> = self
            .receipts_by_card(last4, from, to)
            .await?
            .into_iter()
            .filter(|r| chain || r.store_code == session.store_code)
            .collect();
        self.with_items(found).await
    }

    /// A customer's receipts, where the sale recorded who bought, among the sales the session's
    /// store takes returns of: by phone (a national number finds the international one), by
    /// e-mail, or by name (every word typed begins a word of the name, any case); newest first.
    pub async fn receipts_by_customer_at(&self, session: &Session, q: &str) -> Result<Vec<ReceiptSummary>, DeskError> {
        use crate::store::{folded_name, phone_key, phone_tail, CustomerSearch};
        let q = q.trim();
        let chain = self.returns_accepted(&session.store_code).await? == ReturnsAccepted::Chain;
        let digits = phone_key(q);
        let search = if q.contains('@') {
            CustomerSearch::Email(q.to_lowercase())
        } else if q.chars().any(|c| c.is_ascii_digit()) {
            if digits.len() < crate::store::PHONE_TAIL_DIGITS
                || q.chars().any(|c| !(c.is_ascii_digit() || " +-()./".contains(c)))
            {
                return Err(DeskError::BadInput {
                    field: "q",
                    message: format!("a whole phone number (at least {} digits), an e-mail or a name", crate::store::PHONE_TAIL_DIGITS),
                });
            }
            CustomerSearch::Phone { tail: phone_tail(&digits).to_string(), key: digits.clone() }
        } else {
            let words: Vec<String> = folded_name(q).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
            if words.iter().map(|w| w.chars().count()).sum::<usize>() < 2 {
                return Err(DeskError::BadInput { field: "q", message: "at least two letters of the customer's name".into() });
            }
            CustomerSearch::Name { store: (!chain).then(|| session.store_code.clone()), words }
        };
        let found: Vec<ReceiptSummary> = self
            .db
            .receipts_by_customer(&search)
            .await?
            .into_iter()
            .filter(|c| chain || c.receipt.store_code == session.store_code)
            .filter(|c| match &search {
                // One number ends the other: 0881 234 567 and +359 881 234 567 are one phone.
                CustomerSearch::Phone { key, .. } => {
                    key.len() >= 6 && (c.phone_key.ends_with(key.as_str()) || key.ends_with(c.phone_key.as_str()))
                }
                CustomerSearch::Email(_) => true,
                CustomerSearch::Name { words, .. } => {
                    let name_words: Vec<&str> = c.name_key.split(' ').collect();
                    words.iter().all(|w| name_words.iter().any(|n| n.starts_with(w.as_str())))
                }
            })
            .map(|c| {
                let mut r = c.receipt;
                let contact = if c.customer_phone.is_empty() { c.customer_email } else { c.customer_phone };
                r.customer = Some(match (c.customer_name.is_empty(), contact.is_empty()) {
                    (false, false) => format!("{} · {contact}", c.customer_name),
                    (false, true) => c.customer_name,
                    (true, _) => contact,
                });
                r
            })
            .take(50)
            .collect();
        self.with_items(found).await
    }

    /// Receipts found without their number, each naming what it sold ("2 × Kettle"), so the
    /// clerk can tell them apart (issue 14).
    async fn with_items(&self, mut found: Vec<ReceiptSummary>) -> Result<Vec<ReceiptSummary>, DeskError> {
        let ids: Vec<i64> = found.iter().map(|r| r.id).collect();
        let items = self.db.receipt_items(&ids).await?;
        for r in &mut found {
            r.items = items.iter().filter(|(id, _)| *id == r.id).map(|(_, item)| item.clone()).collect();
        }
        Ok(found)
    }

    /// Receipts paid with a card, by its last four digits, in a date range.
    pub async fn receipts_by_card(&self, last4: &str, from: NaiveDate, to: NaiveDate) -> Result<Vec<ReceiptSummary>, DeskError> {
        if last4.len() != 4 || !last4.chars().all(|c| c.is_ascii_digit()) {
            return Err(DeskError::BadInput { field: "last4", message: "the card's last four digits, e.g. 4821".into() });
        }
        if from > to {
            return Err(DeskError::BadInput { field: "to", message: "the end of the range is before its start".into() });
        }
        Ok(self.db.receipts_by_card(last4, from, to).await?)
    }

    /// The session's store's returns, newest first.
    pub async fn returns(&self, session: &Session, query: &ReturnQuery) -> Result<Vec<ReturnSummaryRecord>, DeskError> {
        Ok(self.db.list_returns(&session.store_code, query).await?)
    }

    /// One of the session's store's returns (another store's is not found).
    pub async fn return_of_store(&self, session: &Session, id: i64) -> Result<ReturnRecord, DeskError> {
        self.db
            .return_by_id(id)
            .await?
            .filter(|r| r.store_code == session.store_code)
            .ok_or_else(|| DeskError::NotFound(format!("no return {id}")))
    }

    /// The session's store's warranty claims, soonest due first.
    pub async fn claims(&self, session: &Session) -> Result<Vec<ClaimRecord>, DeskError> {
        Ok(self.db.warranty_claims(&session.store_code).await?)
    }

    /// The warranty claims a return opened.
    pub async fn claims_of_return(&self, session: &Session, return_id: i64) -> Result<Vec<ClaimRecord>, DeskError> {
        Ok(self.db.claims_of_return(&session.store_code, return_id).await?)
    }

    /// The store, its printer, the policy in force today, and how its desks work.
    pub async fn settings(&self, session: &Session) -> Result<DeskSettings, DeskError> {
        let store = self.session_store(session).await?;
        let policy = self.db.policy_in_force(&store.policy_id, self.now_in(&store)?.date()).await?;
        let printer = self.db.setting(&store.code, "printer").await?.unwrap_or_default();
        let setting = |key| self.db.setting(&store.code, key);
        Ok(DeskSettings {
            accept_returns_from: self.returns_accepted(&store.code).await?,
            session_idle_minutes: auth::setting_or(setting("session_idle_minutes").await?.as_deref(), auth::DEFAULT_IDLE_MINUTES),
            session_lifetime_hours: auth::setting_or(setting("session_lifetime_hours").await?.as_deref(), auth::DEFAULT_LIFETIME_HOURS),
            queue_overdue_minutes: auth::setting_or(setting("queue_overdue_minutes").await?.as_deref(), queue::DEFAULT_OVERDUE_MINUTES),
            // ---- Issue 14: vouchers ----
            voucher_valid_months: auth::setting_or(
                setting("voucher_valid_months").await?.as_deref(),
                i64::from(crate::store::DEFAULT_VOUCHER_VALID_MONTHS),
            ),
            // ---- Issue 14: noreceipt ----
            unverified_returns: self.unverified_setting(&store.code).await?,
            // ---- Issue 14: exchange differences ----
            exchange_difference: self.exchange_difference_setting(&store.code).await?,
            // ---- Issue 15: calendar ----
            public_holidays: {
                use chrono::Datelike;
                let year = self.now_in(&store)?.date().year();
                (year..=year.saturating_add(1)).flat_map(|y| crate::domain::holidays::public_holidays(store.jurisdiction, y)).collect()
            },
            details: self.db.store_details(&store.code).await?.unwrap_or_default(),
            store,
            printer,
            policy,
        })
    }

    /// Changes the store's settings (managers): each value is checked before any is stored.
    pub async fn change_settings(&self, session: &Session, change: &SettingsChange) -> Result<(), DeskError> {
        require_manager(session)?;
        let bounded = |field: &'static str, v: i64, max: i64, unit: &str| {
            if (1..=max).contains(&v) {
                Ok(v.to_string())
            } else {
                Err(DeskError::BadInput { field, message: format!("from 1 to {max} {unit}, got {v}") })
            }
        };
        let mut values: Vec<(&str, String)> = Vec::new();
        if let Some(p) = &change.printer {
            values.push(("printer", p.trim().to_string()));
        }
        if let Some(a) = change.accept_returns_from {
            values.push(("accept_returns_from", crate::store::code_of(&a)));
        }
        if let Some(m) = change.session_idle_minutes {
            values.push(("session_idle_minutes", bounded("session_idle_minutes", m, 8 * 60, "minutes")?));
        }
        if let Some(h) = change.session_lifetime_hours {
            values.push(("session_lifetime_hours", bounded("session_lifetime_hours", h, 24, "hours")?));
        }
        let calendar = match &change.calendar {
            Some(c) => Some(checked_calendar(c, self.session_store(session).await?.jurisdiction)?),
            None => None,
        };
        if let Some(m) = change.queue_overdue_minutes {
            values.push(("queue_overdue_minutes", bounded("queue_overdue_minutes", m, 240, "minutes")?));
        }
        // ---- Issue 14: vouchers ----
        if let Some(m) = change.voucher_valid_months {
            values.push(("voucher_valid_months", bounded("voucher_valid_months", m, 120, "months")?));
        }
        // ---- Issue 14: noreceipt ----
        if let Some(u) = &change.unverified_returns {
            values.extend(Self::unverified_setting_values(u)?);
        }
        // ---- Issue 14: exchange differences ----
        if let Some(x) = &change.exchange_difference {
            values.extend(x.values()?);
        }
        let actor = audit::actor(session);
        for (key, value) in values {
            self.db.change_setting(&actor, &session.store_code, key, &value).await?;
        }
        if let Some(calendar) = calendar {
            let store = self.session_store(session).await?;
            let unchanged = store.holidays == calendar.holidays
                && store.working_days == calendar.working_days
                && store.claim_target_days == calendar.claim_target_days;
            if !unchanged {
                self.db.change_store_calendar(&actor, &store, &calendar).await?;
            }
        }
        Ok(())
    }

    /// Publishes a new version of the store's policy (managers).
    pub async fn import_policy(
        &self,
        session: &Session,
        effective_from: NaiveDate,
        document: &crate::contract::PolicyDocument,
    ) -> Result<StoredPolicy, DeskError> {
        let store = self.policy_store(session, document).await?;
        Ok(self.db.publish_policy_version(&audit::actor(session), &store.policy_id, effective_from, document).await?)
    }

    /// What publishing this policy would do, without publishing it: refused as
    /// [`Desk::import_policy`] would refuse it (a rule that is not one, a day that already has a
    /// version), else the version it would become and the one it follows.
    pub async fn check_policy(
        &self,
        session: &Session,
        effective_from: NaiveDate,
        document: &crate::contract::PolicyDocument,
    ) -> Result<PolicyCheck, DeskError> {
        let store = self.policy_store(session, document).await?;
        let today = self.now_in(&store)?.date();
        let versions = self.db.policy_versions(&store.policy_id).await?;
        if versions.iter().any(|v| v.effective_from == effective_from) {
            return Err(policy_version_exists(&store.policy_id, effective_from));
        }
        Ok(PolicyCheck {
            version: versions.iter().map(|v| v.version).max().unwrap_or(0) + 1,
            effective_from,
            in_force_today: effective_from <= today && versions.iter().all(|v| v.effective_from > today || v.effective_from < effective_from),
        })
    }

    /// The store whose policy a manager publishes (or checks) `document` for, once it is one.
    async fn policy_store(&self, session: &Session, document: &crate::contract::PolicyDocument) -> Result<StoreProfile, DeskError> {
        require_manager(session)?;
        document
            .clone()
            .into_policy()
            .map_err(|e| DeskError::BadInput { field: "rules", message: e.to_string() })?;
        self.session_store(session).await
    }

    /// The versions of the session's store's policy, latest first, with who published each and
    /// when, and which one is in force today at the store (the others are past or to come).
    pub async fn policy_versions(&self, session: &Session) -> Result<(Vec<crate::store::PolicyVersionRecord>, NaiveDate), DeskError> {
        let store = self.session_store(session).await?;
        let today = self.now_in(&store)?.date();
        Ok((self.db.policy_versions(&store.policy_id).await?, today))
    }

    async fn session_store(&self, session: &Session) -> Result<StoreProfile, DeskError> {
        self.db
            .store(&session.store_code)
            .await?
            .ok_or_else(|| DeskError::UnknownStore(session.store_code.clone()))
    }

    /// Finds a receipt by what the clerk scanned or typed: a receipt number, a receipt barcode
    /// or a Russian fiscal QR code.
    pub async fn lookup(&self, code: &str) -> Result<StoredReceipt, DeskError> {
        let scanned = ScannedCode::parse(code)?;
        for key in scanned.keys() {
            if let Some(found) = self.db.find_receipt(&key).await? {
                return Ok(found);
            }
        }
        Err(DeskError::ReceiptNotFound(code.trim().to_string()))
    }

    /// The receipt, its store and the policy version in force on its purchase date.
    /// What settled warranty claims paid back on a receipt's lines, when the decision pays
    /// anything (else nothing is read): `line, remedy, amount`.
    pub async fn line_settlements(&self, receipt_id: i64, decision: &Decision) -> Result<Vec<(i64, String, crate::domain::Money)>, DeskError> {
        if !decision.lines.iter().any(|l| l.pays()) {
            return Ok(Vec::new());
        }
        Ok(self.db.line_settlements(receipt_id).await?)
    }

    pub async fn context(&self, receipt_id: i64) -> Result<ReceiptContext, DeskError> {
        self.context_for(receipt_id, None).await
    }

    /// [`Desk::context`] for a desk of `desk_store` (if given): a sale that store does not
    /// take returns of is not found, before anything else is said about it.
    async fn context_for(&self, receipt_id: i64, desk_store: Option<&str>) -> Result<ReceiptContext, DeskError> {
        let not_found = || DeskError::ReceiptNotFound(format!("#{receipt_id}"));
        let receipt = self.db.find_receipt(&ReceiptKey::Id(receipt_id)).await?.ok_or_else(not_found)?;
        if let Some(desk_store) = desk_store {
            if !self.store_takes_returns_of(desk_store, &receipt.sale.store).await? {
                return Err(not_found());
            }
        }
        // ---- Issue 14: exchange differences ---- new items whose difference the till has not
        // taken yet are not fully paid for: their receipt's tenders do not add up (only then is
        // the amount due looked up, for the message).
        let sold = &receipt.sale.receipt;
        if sold.tenders.iter().map(|t| t.amount).sum::<crate::domain::Money>() != sold.amount_paid() {
            if let Some(due) = self.db.open_due_of_receipt(receipt_id).await? {
                return Err(DeskError::refused(
                    "EXCHANGE_DUE_OPEN",
                    format!(
                        "{} {} of exchange {} is still due at the till: its new items can be returned once it is paid",
                        due.amount,
                        due.currency.code(),
                        due.number
                    ),
                    serde_json::json!({ "amount": due.amount, "currency": due.currency.code(), "exchange": due.number }),
                ));
            }
        }
        // The store, its calendar and which policy version was in force on the purchase day,
        // read now (any of them may change); the version's rules, once per process.
        let day = receipt.sale.receipt.purchase_date();
        let (store, version_id) = self
            .db
            .store_on(&receipt.sale.store, day)
            .await?
            .ok_or_else(|| DeskError::UnknownStore(receipt.sale.store.clone()))?;
        let no_policy = || DeskError::NoPolicy { store: store.code.clone(), day };
        let version = self.policy_version(version_id.ok_or_else(no_policy)?).await?.ok_or_else(no_policy)?;
        let (policy, rules) = version.as_ref().clone();
        Ok(ReceiptContext {
            receipt,
            store,
            policy,
            rules,
            customer_returns_90d: 0,
        })
    }

    /// A policy version and its parsed rules: read and parsed once per process.
    async fn policy_version(&self, id: i64) -> Result<Option<Arc<(StoredPolicy, Policy)>>, DeskError> {
        if let Some(version) = self.policy_versions.get(id) {
            return Ok(Some(version));
        }
        let Some(policy) = self.db.policy_version(id).await? else {
            return Ok(None);
        };
        let rules = policy.document.clone().into_policy()?;
        let version = Arc::new((policy, rules));
        self.policy_versions.keep(version.clone());
        Ok(Some(version))
    }

    /// Judges a draft against the receipt's current history, without recording anything.
    pub async fn evaluate(
        &self,
        draft: &ReturnDraft,
        now: NaiveDateTime,
    ) -> Result<(ReceiptContext, Decision), DeskError> {
        let mut context = self.context(draft.receipt_id).await?;
        // The customer is known by the receipt's card here: their returns at the sale's store.
        let keys = self.customer_keys(&context.store.code, draft.receipt_id, &queue::Customer::default()).await?;
        context.customer_returns_90d = self.customer_returns_90d(&context.store.code, &keys, now).await?;
        let case = context.case(&draft.request, &context.receipt.history, now)?;
        let decision = evaluate(&case);
        Ok((context, decision))
    }

    /// Records a return: judged again inside the store's write transaction against the
    /// history there, so two desks never refund the same units. The same idempotency key
    /// gives back the same return.
    pub async fn confirm(
        &self,
        draft: &ReturnDraft,
        idempotency_key: &str,
        clerk_id: i64,
        terminal_id: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<ConfirmedReturn, DeskError> {
        self.confirm_with_manager(draft, idempotency_key, clerk_id, terminal_id, now, None)
            .await
    }

    /// Judges a draft with a manager's ruling applied (the preview the manager approves).
    pub async fn evaluate_with_ruling(
        &self,
        draft: &ReturnDraft,
        ruling: &ManagerRuling,
        now: NaiveDateTime,
    ) -> Result<(ReceiptContext, Decision), DeskError> {
        let context = self.context(draft.receipt_id).await?;
        let case = context.case(&draft.request, &context.receipt.history, now)?;
        let decision = evaluate_with_ruling(&case, ruling)?;
        Ok((context, decision))
    }

    /// [`Desk::confirm`] with a manager's decision: an approval applies the ruling (and is
    /// recorded with the manager's name and reason); a refusal records the return as voided,
    /// paying nothing.
    pub async fn confirm_with_manager(
        &self,
        draft: &ReturnDraft,
        idempotency_key: &str,
        clerk_id: i64,
        terminal_id: Option<i64>,
        now: NaiveDateTime,
        manager: Option<&ManagerDecision>,
    ) -> Result<ConfirmedReturn, DeskError> {
        let counter = Counter {
            store_code: None,
            idempotency_key: idempotency_key.to_string(),
            clerk_id,
            terminal_id,
            clerk_refund_limit: None,
            queued: None,
            customer_keys: None,
            claim_intake: false,
            exchange: None,
        };
        self.record(draft, &counter, now, manager).await
    }

    async fn record(
        &self,
        draft: &ReturnDraft,
        counter: &Counter,
        now: NaiveDateTime,
        manager: Option<&ManagerDecision>,
    ) -> Result<ConfirmedReturn, DeskError> {
        if counter.idempotency_key.trim().is_empty() {
            return Err(DeskError::BadInput { field: "idempotency_key", message: "a confirmation needs an idempotency key".into() });
        }
        // A retry answers what the first call recorded, before anything is judged again: the
        // units it took are no longer left, and that must not turn the retry into a refusal.
        let request_hash = match &counter.exchange {
            Some(x) => exchanges::exchange_hash(draft, manager, x),
            None => request_hash(draft, manager),
        };
        if let Some(record) = self.db.return_by_key(&counter.idempotency_key, &request_hash).await? {
            return Ok(ConfirmedReturn { record, created: false });
        }
        let mut context = self.context_for(draft.receipt_id, counter.store_code.as_deref()).await?;
        let store_code = counter.store_code.clone().unwrap_or_else(|| context.store.code.clone());
        // Without a customer given, the receipt's card still says who it is.
        let customer_keys = match &counter.customer_keys {
            None => self.customer_keys(&store_code, draft.receipt_id, &queue::Customer::default()).await?,
            Some(keys) => keys.clone(),
        };
        context.customer_returns_90d = self.customer_returns_90d(&store_code, &customer_keys, now).await?;
        // Nothing is paid out on a receipt whose records no longer match the audit trail.
        if let Some(broken) = self.db.verify_receipt(draft.receipt_id).await? {
            return Err(DeskError::RecordsTampered(broken));
        }
        // Checked once up front, so a bad draft is refused before any transaction.
        let case = context.case(&draft.request, &context.receipt.history, now)?;
        if let Some(m) = manager {
            if m.reason.trim().is_empty() {
                return Err(DeskError::BadInput {
                    field: "reason",
                    message: "a manager's decision needs a reason".into(),
                });
            }
            if m.approve {
                m.ruling.check_deduction_reasons()?;
                evaluate_with_ruling(&case, &m.ruling)?;
            } else if !m.ruling.deductions.is_empty() {
                return Err(DeskError::BadInput {
                    field: "manager.deductions",
                    message: "a declined return pays nothing, so there is nothing to deduct from".into(),
                });
            }
        }
        let ruling = manager.filter(|m| m.approve).map(|m| m.ruling.clone());
        // Nothing is recorded for a return the desk must not take as it stands: more units
        // than are left, or exceptions without the manager's decision.
        let preview = match &ruling {
            Some(r) => evaluate_with_ruling(&case, r)?,
            None => evaluate(&case),
        };
        refuse_unrecordable(&preview, &context.receipt.sale.receipt, &context.receipt.history, manager.is_some(), counter.clerk_refund_limit)?;
        if counter.claim_intake {
            Self::check_claim_intake(draft, &preview, &context.receipt.sale.receipt, manager.is_some_and(|m| m.approve))?;
        }
        // A line whose price a settled claim reduced would be paid back at its full price: the
        // money of such a line goes back only through its claim (issue 11: never paid twice).
        let settlements = self.line_settlements(draft.receipt_id, &preview).await?;
        if let Some(ClaimReduction { line, amount }) = ClaimReduction::of(&preview, &settlements).into_iter().next() {
            return Err(DeskError::refused(
                "PRICE_REDUCED_BY_CLAIM",
                format!("line {line}: a warranty claim already reduced its price by {amount}; a refund of it would pay that part twice — settle it through the claim"),
                serde_json::json!({ "line": line, "amount": amount }),
            ));
        }
        // A manager decides within their approval limit (an approval: what it pays; a decline:
        // what the return would have paid).
        if let Some(m) = manager.filter(|m| m.manager.approval_limit.is_some()) {
            let refund = if m.approve { preview.totals.refund } else { queue::refund_if_granted(&case, &evaluate(&case)) };
            queue::check_approval_limit(&m.manager, refund)?;
        }
        let approved = counter.queued.filter(|_| manager.is_some_and(|m| m.approve)).map(|(_, refund)| refund);
        if let Some(x) = &counter.exchange {
            exchanges::check_difference(x, &preview)?;
        }
        let payout = context.payout_basis()?;
        let created_at = self.clock.instant();
        let local_day = clock::wall_time(created_at, self.zone_of(&store_code).await?).date();
        let new = NewReturn {
            idempotency_key: counter.idempotency_key.clone(),
            request_hash,
            store_code,
            terminal_id: counter.terminal_id,
            clerk_id: counter.clerk_id,
            receipt_id: draft.receipt_id,
            policy_version_id: context.policy.id,
            request: draft.request.clone(),
            now,
            created_at,
            local_day,
            claims: draft.claims.clone(),
            ruling: manager.map(|m| RulingRecord {
                manager_id: m.manager.id,
                approved: m.approve,
                reason: m.reason.trim().to_string(),
                deductions: m.ruling.deductions.clone(),
            }),
            queued_id: counter.queued.map(|(id, _)| id),
            customer_keys,
            jurisdiction: context.store.jurisdiction,
            sale: Some(context.receipt.sale.clone()),
        };
        let decide = |history: &History| -> Result<Decision, Refusal> {
            let case = context.case(&draft.request, history, now).map_err(DeskError::from)?;
            let decision = match &ruling {
                Some(r) => evaluate_with_ruling(&case, r).map_err(DeskError::from)?,
                None => evaluate(&case),
            };
            // Another desk may have taken the last units since the check above.
            refuse_unrecordable(&decision, &context.receipt.sale.receipt, history, manager.is_some(), counter.clerk_refund_limit)?;
            // A queued case pays exactly what its manager approved.
            if let Some(approved) = approved {
                if decision.totals.refund != approved {
                    return Err(Box::new(DeskError::refused(
                        "APPROVED_AMOUNT_CHANGED",
                        format!("this return would now pay {}, not the {approved} its manager approved: queue it again", decision.totals.refund),
                        serde_json::json!({ "refund": decision.totals.refund, "approved": approved }),
                    )));
                }
            }
            if let Some(x) = &counter.exchange {
                exchanges::check_difference(x, &decision)?;
            }
            Ok(decision)
        };
        // Issue 14: an exchange writes its return, its number and its new receipt together.
        if let Some(x) = &counter.exchange {
            let (_, record, created) = self.db.confirm_exchange(&new, payout, &decide, x).await?;
            return Ok(ConfirmedReturn { record, created });
        }
        Ok(self.db.confirm_return(&new, payout, &decide).await?)
    }
}

/// What publishing a policy would do ([`Desk::check_policy`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct PolicyCheck {
    /// The version it would become.
    pub version: i64,
    pub effective_from: NaiveDate,
    /// Whether it would be the version in force today (else it comes into force later, or an
    /// earlier day's version is followed by a later one already).
    pub in_force_today: bool,
}

/// A policy's day already taken by a version: refused at publishing and when checking.
pub(crate) fn policy_version_exists(policy_id: &str, effective_from: NaiveDate) -> DeskError {
    DeskError::refused(
        "POLICY_VERSION_EXISTS",
        format!("policy {policy_id} already has a version effective from {effective_from}"),
        serde_json::json!({ "field": "effective_from", "effective_from": effective_from }),
    )
}
