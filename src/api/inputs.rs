//! What the commands take (beyond the return draft, `views::DraftInput`).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

use crate::service::documents::DocumentKind;
pub use crate::store::StoreDetails;

/// Sign in with user and PIN at a desk.
#[derive(Deserialize, JsonSchema)]
pub struct SignIn {
    pub login: String,
    pub pin: String,
    /// The desk's code, e.g. `DESK-1`.
    #[serde(default)]
    pub terminal: Option<String>,
}

/// A command that takes nothing.
#[derive(Deserialize, JsonSchema)]
pub struct NoInput {}

/// What was scanned or typed.
#[derive(Deserialize, JsonSchema)]
pub struct Lookup {
    /// A receipt number, a scanned receipt barcode, or the Russian fiscal QR text `t=…&s=…&fn=…&i=…&fp=…&n=1`.
    pub code: String,
}

/// A card's last four digits and a date range.
#[derive(Deserialize, JsonSchema)]
pub struct ByCard {
    /// Four digits.
    pub last4: String,
    /// YYYY-MM-DD
    pub from: String,
    /// YYYY-MM-DD
    pub to: String,
}

/// A search for a customer's receipts.
#[derive(Deserialize, JsonSchema)]
pub struct ByCustomer {
    /// A whole phone number (national or international), an e-mail, or words of the name.
    pub q: String,
}

#[derive(Deserialize, JsonSchema)]
pub struct ById {
    pub id: i64,
}

#[derive(Deserialize, JsonSchema)]
pub struct ClaimFilter {
    /// open, in_repair, resolved, rejected, closed, overdue or all (the earlier contract's words).
    #[serde(default)]
    pub status: Option<String>,
    /// registered, at_service, back_from_service, customer_informed, handed_back, settled, rejected or closed.
    #[serde(default)]
    pub stage: Option<String>,
    /// A register number, the customer's phone or e-mail, or the item's serial.
    #[serde(default)]
    pub q: Option<String>,
    /// Only the claims past their date (a query string's `overdue_only=true`).
    #[serde(default, deserialize_with = "bool_or_text")]
    pub overdue_only: Option<bool>,
}

/// Which document of a return, in which language and layout.
#[derive(Deserialize, JsonSchema)]
pub struct SlipRequest {
    /// The return.
    pub id: i64,
    /// en, bg, ru or el (default en).
    #[serde(default)]
    pub lang: Option<String>,
    /// 80mm or a4 (default 80mm).
    #[serde(default)]
    pub layout: Option<String>,
    /// slip (the default), voucher or claim.
    #[serde(default)]
    pub document: Option<DocumentKind>,
    /// With document=claim: the claim's id.
    #[serde(default, deserialize_with = "number_or_text")]
    pub claim: Option<i64>,
}

/// A whole number given as a JSON number or as text (a query string's `claim=5`).
fn number_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Given {
        Number(i64),
        Text(String),
    }
    match Option::<Given>::deserialize(d)? {
        None => Ok(None),
        Some(Given::Number(n)) => Ok(Some(n)),
        Some(Given::Text(t)) if t.trim().is_empty() => Ok(None),
        Some(Given::Text(t)) => {
            t.trim().parse().map(Some).map_err(|_| serde::de::Error::custom(format!("\"{t}\" is not a whole number")))
        }
    }
}

/// Which audit entries: every filter optional; newest first, a page at a time.
#[derive(Deserialize, JsonSchema)]
pub struct AuditFilterInput {
    /// A user's login.
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub action: Option<crate::store::AuditAction>,
    /// First day (the desk's), included.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day (the desk's), included.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Entries older than this one: the `next_before_seq` of the page before.
    #[serde(default, deserialize_with = "number_or_text")]
    pub before_seq: Option<i64>,
    /// How many entries (default 50, at most 200).
    #[serde(default, deserialize_with = "number_or_text")]
    pub limit: Option<i64>,
}

/// What a manager changes in the settings; what is left out stays as it is.
#[derive(Deserialize, JsonSchema)]
pub struct PutSettings {
    /// The CUPS printer documents go to.
    #[serde(default)]
    pub printer: Option<String>,
    /// Whose sales this store takes returns of: this_store or chain.
    #[serde(default)]
    pub accept_returns_from: Option<crate::service::ReturnsAccepted>,
    /// A session ends after this many minutes without a call (1–480).
    #[serde(default)]
    pub session_idle_minutes: Option<i64>,
    /// A session ends this many hours after sign-in (1–24).
    #[serde(default)]
    pub session_lifetime_hours: Option<i64>,
    /// The store's holidays, transferred working days (Saturdays or Sundays) and settlement
    /// target (1–365 days), replaced as a whole.
    #[serde(default)]
    pub calendar: Option<crate::store::StoreCalendar>,
    /// A waiting queued case is overdue after this many minutes (1–240).
    #[serde(default)]
    pub queue_overdue_minutes: Option<i64>,
    // ---- Issue 14: vouchers ----
    /// A store-credit voucher issued from now on is valid this many months (1–120).
    #[serde(default)]
    pub voucher_valid_months: Option<i64>,
    // ---- Issue 14: noreceipt ----
    /// Whether the store takes returns without a receipt, and how many days back (1–365) their
    /// price is looked for.
    #[serde(default)]
    pub unverified_returns: Option<crate::service::noreceipt::UnverifiedReturnsSetting>,
    // ---- Issue 14: exchange differences ----
    /// How a customer may pay an exchange's difference: tenders at the desk (cash, card,
    /// gift_card) and whether it may be left for the till.
    #[serde(default)]
    pub exchange_difference: Option<crate::service::exchanges::ExchangeDifferenceSetting>,
}

/// Whose lock-out a manager lifts.
#[derive(Deserialize, JsonSchema)]
pub struct UnlockUser {
    /// The user's login.
    pub login: String,
}

/// A new version of the store's policy, in force from a day.
#[derive(Deserialize, JsonSchema)]
pub struct ImportPolicy {
    pub effective_from: NaiveDate,
    // The document's two fields, not a flattened document: a value of the wrong kind is then
    // refused with its path (`defaults.return_days`), which flattening loses.
    #[serde(default)]
    pub defaults: crate::domain::policy::PolicyFields,
    #[serde(default)]
    pub rules: Vec<crate::domain::policy::PolicyFields>,
}

// People at the desk: the first run and the administrators' users.

/// The store a first run sets up.
#[derive(Deserialize, JsonSchema)]
pub struct StoreSetupInput {
    /// The store's code, e.g. `S01` (letters, digits, dashes; 1–16).
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub vat_id: String,
    #[serde(default)]
    pub company_id: String,
    /// EU, BG, GR or RU.
    pub jurisdiction: String,
    /// BG: EUR or BGN; GR and EU: EUR; RU: RUB.
    pub currency: String,
    /// IANA time zone, e.g. `Europe/Sofia`.
    pub time_zone: String,
    /// en, bg, ru or el.
    pub language: String,
}

/// The store's first administrator.
#[derive(Deserialize, JsonSchema)]
pub struct AdministratorInput {
    pub login: String,
    pub name: String,
    /// 4–8 digits, not one digit repeated nor a run (1234, 9876).
    pub pin: String,
}

/// The first run: a store, its first administrator and its starting policy.
#[derive(Deserialize, JsonSchema)]
pub struct SetUpStore {
    pub store: StoreSetupInput,
    pub administrator: AdministratorInput,
    /// A starting policy's id, from `setup_status`.
    pub starting_policy: String,
    /// The desk the administrator sets up at, e.g. `DESK-1` (registered in the new store).
    #[serde(default)]
    pub terminal: Option<String>,
}

/// A user to add.
#[derive(Deserialize, JsonSchema)]
pub struct NewUserInput {
    pub login: String,
    pub name: String,
    pub role: crate::store::Role,
    /// The stores the user works in (default: the session's store).
    #[serde(default)]
    pub stores: Option<Vec<String>>,
    /// 4–8 digits, not one digit repeated nor a run (1234, 9876).
    pub pin: String,
    /// The refund this user pays without a manager (null: no limit of their own).
    #[serde(default)]
    pub refund_limit: Option<crate::domain::Money>,
    /// The refund or override this user may approve (null: no limit of their own).
    #[serde(default)]
    pub approval_limit: Option<crate::domain::Money>,
}

/// A user's account as it is to be (a full replace).
#[derive(Deserialize, JsonSchema)]
pub struct UpdateUserInput {
    pub id: i64,
    pub name: String,
    pub role: crate::store::Role,
    pub stores: Vec<String>,
    pub active: bool,
    pub refund_limit: Option<crate::domain::Money>,
    pub approval_limit: Option<crate::domain::Money>,
}

/// A user's new PIN, set by an administrator.
#[derive(Deserialize, JsonSchema)]
pub struct ResetPin {
    pub id: i64,
    pub pin: String,
}

/// The signed-in user's own PIN change.
#[derive(Deserialize, JsonSchema)]
pub struct ChangePin {
    pub old_pin: String,
    pub new_pin: String,
}

// ---- The approval queue (issue 12): a return sent to the store's managers, and their decision ----

/// A return the clerk sends to the store's managers to decide (the draft as `evaluate_return`
/// takes it, without a manager), with the clerk's words.
#[derive(Deserialize, JsonSchema)]
pub struct QueueReturn {
    pub receipt_id: i64,
    pub resolution: crate::domain::Resolution,
    pub lines: Vec<super::views::DraftLineInput>,
    #[serde(default)]
    pub customer: Option<super::views::CustomerInput>,
    /// The same key gives back the same queued case.
    pub idempotency_key: String,
    /// The clerk's words to the manager.
    #[serde(default)]
    pub note: Option<String>,
}

impl QueueReturn {
    /// The draft as queued (what the case keeps and the confirmation must repeat).
    pub fn queued_draft(&self) -> super::views::QueuedDraft {
        super::views::QueuedDraft {
            receipt_id: self.receipt_id,
            resolution: self.resolution,
            lines: self.lines.clone(),
            customer: self.customer.clone(),
        }
    }
}

/// Which queued cases.
#[derive(Deserialize, JsonSchema)]
pub struct QueueFilter {
    /// Only open cases: waiting, or decided and not yet completed (default true).
    #[serde(default, deserialize_with = "bool_or_text")]
    pub open_only: Option<bool>,
}

/// Wait for the store's queue to change.
#[derive(Deserialize, JsonSchema)]
pub struct WatchQueue {
    /// The `version` of the queue the caller has: answers as soon as the queue's version is
    /// greater (or after about 25 seconds with the same version).
    #[serde(deserialize_with = "number_or_text_required")]
    pub after: i64,
}

/// A manager's decision on a queued case, at their own desk.
#[derive(Deserialize, JsonSchema)]
pub struct DecideQueued {
    /// The queued case.
    pub id: i64,
    pub decision: super::views::ManagerVerdict,
    /// Approve: the denied, overridable lines to override (absent: all of them).
    #[serde(default)]
    pub lines: Option<Vec<u32>>,
    /// Approve: deductions for loss of value, as in `ManagerInput`.
    #[serde(default)]
    pub deductions: Option<Vec<super::views::DeductionInput>>,
    pub reason_code: crate::service::queue::DecisionReason,
    /// Required for `other` and for every decline.
    #[serde(default)]
    pub reason_text: String,
}

/// A yes/no given as JSON or as text (a query string's `open_only=false`).
fn bool_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Given {
        Bool(bool),
        Text(String),
    }
    match Option::<Given>::deserialize(d)? {
        None => Ok(None),
        Some(Given::Bool(b)) => Ok(Some(b)),
        Some(Given::Text(t)) => match t.trim() {
            "" => Ok(None),
            "true" | "1" => Ok(Some(true)),
            "false" | "0" => Ok(Some(false)),
            other => Err(serde::de::Error::custom(format!("\"{other}\" is not true or false"))),
        },
    }
}

fn number_or_text_required<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    number_or_text(d)?.ok_or_else(|| serde::de::Error::custom("a whole number is required"))
}

// ---- Issue 11: warranty claims ----

/// One step of a claim's life, and what that step records.
#[derive(Deserialize, JsonSchema)]
pub struct ClaimStep {
    /// The claim.
    pub id: i64,
    /// send_to_service, back_from_service, inform_customer, hand_back, reject, close (accept_estimate: paid repairs).
    pub step: crate::domain::claim::ClaimStepKind,
    /// send_to_service: required.
    #[serde(default)]
    pub service_partner: Option<String>,
    /// send_to_service: the day it left (default today).
    #[serde(default)]
    pub sent_on: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub waybill: Option<String>,
    /// back_from_service: required (repaired, replaced or rejected).
    #[serde(default)]
    pub service_outcome: Option<crate::domain::claim::ServiceOutcome>,
    /// back_from_service: required.
    #[serde(default)]
    pub finding: Option<String>,
    /// inform_customer: phone, e-mail, SMS, …
    #[serde(default)]
    pub informed_how: Option<String>,
    /// reject: required.
    #[serde(default)]
    pub reasons: Option<String>,
}

/// A manager settles a claim by money.
#[derive(Deserialize, JsonSchema)]
pub struct SettleClaim {
    /// The claim.
    pub id: i64,
    /// refund or price_reduction.
    pub remedy: crate::domain::claim::RemedyAsked,
    /// price_reduction: required (0 < amount ≤ what the line paid less refunds); refund: computed.
    #[serde(default)]
    pub amount: Option<crate::domain::Money>,
    /// The same key gives back the same settlement.
    pub idempotency_key: String,
}

// ---- Warranty claims: documents and the complaint register (issue 11) ----

/// Which document of a warranty claim, in which language and layout.
#[derive(Deserialize, JsonSchema)]
pub struct ClaimDocumentRequest {
    /// The claim.
    pub id: i64,
    /// intake (the default), settlement or rejection.
    #[serde(default)]
    pub kind: Option<String>,
    /// en, bg, ru or el (default en).
    #[serde(default)]
    pub lang: Option<String>,
    /// 80mm or a4 (default a4).
    #[serde(default)]
    pub layout: Option<String>,
}

/// The session's store's complaint register of one year, as a file.
#[derive(Deserialize, JsonSchema)]
pub struct RegisterExport {
    /// The year the claims were registered in, e.g. 2026.
    #[serde(deserialize_with = "number_or_text_required")]
    pub year: i64,
    /// csv or pdf.
    pub format: String,
    /// en, bg, ru or el (default: the store's language).
    #[serde(default)]
    pub lang: Option<String>,
}

// ---- Issue 11: paid repair orders ----

/// The customer of a repair order.
#[derive(Deserialize, JsonSchema)]
pub struct RepairCustomerInput {
    #[serde(default)]
    pub name: String,
    /// Phone or e-mail.
    #[serde(default)]
    pub contact: String,
}

/// Take in an item outside every warranty as a paid repair order.
#[derive(Deserialize, JsonSchema)]
pub struct OpenRepairOrder {
    /// The receipt the item was sold on (with `receipt_line`): its warranty is judged, and the line's name is the product.
    #[serde(default)]
    pub receipt_id: Option<i64>,
    #[serde(default)]
    pub receipt_line: Option<u32>,
    /// Required unless a receipt line is given.
    #[serde(default)]
    pub product: Option<String>,
    /// A serial the store sold finds its receipt line (and its warranty is judged).
    #[serde(default)]
    pub serial: Option<String>,
    pub customer: RepairCustomerInput,
    #[serde(default)]
    pub defect: String,
    #[serde(default)]
    pub accessories: Option<String>,
    /// The item's state when taken in (scratches, …).
    #[serde(default)]
    pub item_state: Option<String>,
    /// The estimate given to the customer (more than 0, at most 2 decimals), in the store's currency.
    pub estimate: crate::domain::Money,
    /// The same key gives back the same order (`created: false`).
    pub idempotency_key: String,
}

/// Which repair orders: of a stage, answering a search.
#[derive(Deserialize, JsonSchema)]
pub struct RepairFilter {
    /// received, estimate_accepted, estimate_declined, at_service, back_from_service, customer_informed, handed_back or closed.
    #[serde(default)]
    pub stage: Option<String>,
    /// An order number, the customer's phone or e-mail (0881… finds +359 881…), or the item's serial.
    #[serde(default)]
    pub q: Option<String>,
}

/// One step of a repair order's life, and what that step records.
#[derive(Deserialize, JsonSchema)]
pub struct RepairStep {
    /// The repair order.
    pub id: i64,
    /// accept_estimate, decline_estimate, send_to_service, back_from_service, inform_customer, hand_back or close.
    pub step: crate::domain::repair::RepairStep,
    /// send_to_service: required.
    #[serde(default)]
    pub service_partner: Option<String>,
    /// send_to_service: the day it left (default today).
    #[serde(default)]
    pub sent_on: Option<NaiveDate>,
    #[serde(default)]
    pub waybill: Option<String>,
    /// back_from_service: required (repaired or not_repairable).
    #[serde(default)]
    pub service_outcome: Option<crate::domain::repair::RepairOutcome>,
    /// back_from_service: required.
    #[serde(default)]
    pub finding: Option<String>,
    /// back_from_service of a repaired item: the price (default the estimate; never above it).
    #[serde(default)]
    pub final_price: Option<crate::domain::Money>,
    /// inform_customer: phone, e-mail, SMS, …
    #[serde(default)]
    pub informed_how: Option<String>,
    /// hand_back of a repaired item: exactly the price due (none or 0 when nothing is due).
    #[serde(default)]
    pub price_paid: Option<crate::domain::Money>,
    /// hand_back of a repaired item: cash or card.
    #[serde(default)]
    pub tender: Option<String>,
}

/// Which document of a repair order, in which language and layout.
#[derive(Deserialize, JsonSchema)]
pub struct RepairDocumentRequest {
    /// The repair order.
    pub id: i64,
    /// order (what the customer signs at intake) or pickup (after hand_back).
    pub kind: String,
    /// en, bg, ru or el (default: the store's language).
    #[serde(default)]
    pub lang: Option<String>,
    /// a4 (the default) or 80mm.
    #[serde(default)]
    pub layout: Option<String>,
}

// ---- Issue 14: vouchers ----

/// A store-credit voucher by its code, as printed, typed or scanned (any case, with or without
/// the dashes).
#[derive(Deserialize, JsonSchema)]
pub struct VoucherCode {
    pub code: String,
}

/// What a till takes from a voucher.
#[derive(Deserialize, JsonSchema)]
pub struct RedeemVoucher {
    /// The voucher's code (any case, with or without the dashes).
    pub code: String,
    /// How much to take, a decimal string ("12.50"): above zero, at most the balance.
    #[serde(default)]
    pub amount: Option<crate::domain::Money>,
    /// The voucher's currency, when the till states one (another currency is refused).
    #[serde(default)]
    pub currency: Option<crate::domain::Currency>,
    /// The same key (per store and desk) gives back the same redemption, never a second one.
    #[serde(default)]
    pub idempotency_key: String,
    /// The till that takes the voucher (at the desk: the desk's code).
    #[serde(default)]
    pub till: String,
    /// The sale the voucher pays for (its receipt or basket number at the till).
    #[serde(default)]
    pub sale_reference: String,
}

/// An exchange's number (as printed and in its barcode).
#[derive(Deserialize, JsonSchema)]
pub struct ExchangeNumber {
    pub number: String,
}

/// What a till takes for an exchange's amount due.
#[derive(Deserialize, JsonSchema)]
pub struct PayExchangeDue {
    /// The exchange's number (`EX-S01-2026-00001`).
    pub number: String,
    /// The amount due, whole, as a decimal string ("15.00").
    #[serde(default)]
    pub amount: Option<crate::domain::Money>,
    /// The currency, when the till states one (another currency is refused).
    #[serde(default)]
    pub currency: Option<crate::domain::Currency>,
    /// cash, card or gift_card.
    #[serde(default)]
    pub tender: Option<crate::domain::TenderType>,
    /// The same key (per store) gives back the same payment, never a second one.
    #[serde(default)]
    pub idempotency_key: String,
    /// The till that took the payment.
    #[serde(default)]
    pub till: String,
    /// The till's sale or basket number.
    #[serde(default)]
    pub sale_reference: String,
}

/// A manager voids a voucher.
#[derive(Deserialize, JsonSchema)]
pub struct VoidVoucher {
    pub code: String,
    /// Why (kept with the voucher and in the audit trail).
    #[serde(default)]
    pub reason: String,
}

// ---- Issue 14: noreceipt ----

/// The customer's identity document, noted for a return without a receipt (kept only as a
/// keyed hash and its last four characters).
#[derive(Deserialize, JsonSchema)]
pub struct CustomerIdInput {
    /// id_card, passport, driving_licence or other.
    #[serde(rename = "type")]
    pub kind: crate::service::noreceipt::IdType,
    pub number: String,
}

/// A manager's approval given at the desk: login and PIN.
#[derive(Deserialize, JsonSchema)]
pub struct ManagerPinInput {
    pub login: String,
    pub pin: String,
}

/// A return without a receipt: the item (SKU, quantity), why, the customer's ID, and to
/// confirm, a manager's login and PIN and an idempotency key.
#[derive(Deserialize, JsonSchema)]
pub struct UnverifiedDraftInput {
    pub sku: String,
    pub qty: u32,
    pub reason: String,
    pub customer_id: CustomerIdInput,
    /// The customer's phone or e-mail and loyalty id, if the desk takes them (`name` is not
    /// used): kept only hashed, so the return counts towards the frequent-returner limit with
    /// the customer's receipt returns.
    #[serde(default)]
    pub customer: Option<crate::api::views::CustomerInput>,
    /// Confirm only: the same key gives back the same return.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// Confirm only: the approving manager.
    #[serde(default)]
    pub manager: Option<ManagerPinInput>,
}

impl UnverifiedDraftInput {
    pub fn draft(&self) -> crate::service::noreceipt::UnverifiedDraft {
        crate::service::noreceipt::UnverifiedDraft {
            sku: self.sku.trim().to_string(),
            qty: self.qty,
            reason: self.reason.trim().to_string(),
            id_type: self.customer_id.kind,
            id_number: self.customer_id.number.clone(),
            contact: self.customer.as_ref().map(|c| c.contact.trim().to_string()).unwrap_or_default(),
            loyalty_id: self.customer.as_ref().and_then(|c| c.loyalty_id.clone()),
        }
    }
}

/// Goodwill on a receipt line: an amount (not a quantity), why, and an idempotency key.
#[derive(Deserialize, JsonSchema)]
pub struct GoodwillInput {
    /// The receipt.
    pub receipt_id: i64,
    /// The receipt line.
    pub line: u32,
    /// In the store's currency; at most what is left of the line.
    pub amount: crate::domain::Money,
    pub reason: String,
    /// The same key gives back the same goodwill.
    pub idempotency_key: String,
    /// A clerk's desk: the approving manager (a manager signed in approves themselves).
    #[serde(default)]
    pub manager: Option<ManagerPinInput>,
}

/// A document of a return without a receipt or of a goodwill refund, in a language and layout.
#[derive(Deserialize, JsonSchema)]
pub struct NoReceiptDocument {
    pub id: i64,
    /// en, bg, ru or el (default en).
    #[serde(default)]
    pub lang: Option<String>,
    /// 80mm (the default) or a4.
    #[serde(default)]
    pub layout: Option<String>,
}

// ---- Issue 13: eod ----

/// Which end of day: a store (default: the session's), a store-local day (default: today), a desk
/// (default: the whole store; a clerk's own desk).
#[derive(Deserialize, JsonSchema)]
pub struct EndOfDayInput {
    #[serde(default)]
    pub store: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub day: Option<String>,
    #[serde(default)]
    pub desk: Option<String>,
}

/// The end of day on paper: which one, in which language (default: the store's) and layout.
#[derive(Deserialize, JsonSchema)]
pub struct EndOfDayDocument {
    #[serde(default)]
    pub store: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub day: Option<String>,
    #[serde(default)]
    pub desk: Option<String>,
    /// en, bg, ru or el.
    #[serde(default)]
    pub lang: Option<String>,
    /// 80mm (the default) or a4.
    #[serde(default)]
    pub layout: Option<String>,
}

// ---- Issue 13: feedback ----

/// The customer's rating of a return, or of a warranty claim, given at the desk that served them.
#[derive(Deserialize, JsonSchema)]
pub struct GiveFeedback {
    /// The return rated (or `claim_id`: exactly one of the two).
    #[serde(default)]
    pub return_id: Option<i64>,
    /// The warranty claim rated.
    #[serde(default)]
    pub claim_id: Option<i64>,
    /// 1 to 5 stars.
    pub rating: i64,
    /// The customer's words, at most 500 characters.
    #[serde(default)]
    pub comment: String,
    /// The language the customer chose on the customer view: en, bg, ru or el.
    pub lang: String,
}

/// Wait for the desk's customer view to change.
#[derive(Deserialize, JsonSchema)]
pub struct WatchCustomer {
    /// The `version` the view has: answers as soon as the state is newer (at once for -1), or
    /// after about 25 seconds with the same state.
    #[serde(deserialize_with = "number_or_text_required")]
    pub after: i64,
}

pub use crate::service::feedback::{DisplayLine, DisplayPhase, DisplayState, DisplayTender};
// ---- Issue 13: reports ----

/// A report's scope: a store (default: the session's), a period of the store's local days, how
/// it is cut, and optionally one desk and one clerk.
#[derive(Deserialize, JsonSchema)]
pub struct ReportQuery {
    /// A store the user works in (default: the session's store).
    #[serde(default)]
    pub store: Option<String>,
    /// A desk's code.
    #[serde(default)]
    pub desk: Option<String>,
    /// A clerk's user id (a query string's `clerk=5` is text).
    #[serde(default, deserialize_with = "number_or_text")]
    pub clerk: Option<i64>,
    /// YYYY-MM-DD, the first day (store-local).
    pub from: String,
    /// YYYY-MM-DD, the last day (store-local, included).
    pub to: String,
    /// day, week (Monday first) or month (default day).
    #[serde(default)]
    pub grain: Option<String>,
}
