//! What the store keeps, as Rust values: shops, policies, sales, returns.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::contract::PolicyDocument;
use crate::domain::{
    CaseOutcome, Currency, Decision, History, Jurisdiction, LineNo, Money, ReasonCode, Receipt, Resolution, ReturnRequest,
};

/// One published version of a policy and who published it, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct PolicyVersionRecord {
    pub id: i64,
    pub version: i64,
    pub effective_from: NaiveDate,
    /// When it was published (UTC).
    pub created_at: DateTime<Utc>,
    /// Who published it: none for a file imported on the command line.
    pub made_by_login: Option<String>,
    pub made_by_name: Option<String>,
}

/// A shop of the chain, with the law it works under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StoreProfile {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub address: String,
    pub jurisdiction: Jurisdiction,
    /// What refunds are paid in.
    pub currency: Currency,
    /// IANA time zone, e.g. `Europe/Sofia`.
    pub time_zone: String,
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// Weekend days that are working days (Russia's transferred Saturdays).
    #[serde(default)]
    pub working_days: Vec<NaiveDate>,
    /// How many days the store takes to settle a claim where the law sets no period (EU, GR).
    #[serde(default)]
    pub claim_target_days: crate::domain::jurisdiction::ClaimTarget,
    pub policy_id: String,
}

// ---- Issue 15: the store's calendar with the law's public holidays ----
impl StoreProfile {
    /// The store's working calendar over `years`: its jurisdiction's public holidays (less the
    /// days it lists as working), its own holidays, and its working days.
    pub fn calendar(&self, years: std::ops::RangeInclusive<i32>) -> crate::domain::calendar::WorkingCalendar {
        crate::domain::holidays::store_calendar(self.jurisdiction, years, &self.holidays, &self.working_days)
    }
}

/// A policy version: in force from `effective_from` until the next version's date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StoredPolicy {
    pub id: i64,
    pub policy_id: String,
    pub version: i64,
    pub effective_from: NaiveDate,
    pub document: PolicyDocument,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Product {
    pub sku: String,
    pub name: String,
    pub category: String,
    #[serde(default)]
    pub brand: String,
    #[serde(default)]
    pub serial_tracked: bool,
    // ---- Issue 14: exchanges ----
    /// The price a new item is sold at in an exchange (VAT included); none: it cannot be exchanged into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_rate: Option<crate::domain::Percent>,
    /// The product's own barcode (EAN), scanned at the desk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
}

/// The days a store's periods are counted on: its holidays, its weekend days that are working
/// days (Russia's transferred Saturdays), and its settlement target where the law sets no period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StoreCalendar {
    pub holidays: Vec<NaiveDate>,
    pub working_days: Vec<NaiveDate>,
    pub claim_target_days: crate::domain::jurisdiction::ClaimTarget,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Clerk,
    Manager,
    Administrator,
}

impl Role {
    /// Whether this role may decide a manager's exceptions (managers and administrators).
    pub fn approves(self) -> bool {
        self >= Role::Manager
    }
}

impl PartialOrd for Role {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Clerk < manager < administrator: a case above one role's limit goes to the next.
impl Ord for Role {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let rank = |r: &Role| match r {
            Role::Clerk => 0,
            Role::Manager => 1,
            Role::Administrator => 2,
        };
        rank(self).cmp(&rank(other))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    pub store_code: Option<String>,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// An argon2 PHC string, never the PIN.
    pub pin_hash: String,
    /// The refund this user pays without a manager (None: no limit of their own).
    pub refund_limit: Option<crate::domain::Money>,
    /// The refund or override this user may approve (None: no limit of their own).
    pub approval_limit: Option<crate::domain::Money>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct UserRecord {
    pub id: i64,
    pub store_code: Option<String>,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    #[serde(skip)]
    pub pin_hash: String,
    /// The refund this user pays without a manager (None: no limit of their own).
    pub refund_limit: Option<crate::domain::Money>,
    /// The refund or override this user may approve (None: no limit of their own).
    pub approval_limit: Option<crate::domain::Money>,
}

/// The Russian fiscal receipt's identifiers (printed in its QR code).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FiscalIds {
    /// Fiscal drive number (ФН).
    #[serde(rename = "fn")]
    pub drive: String,
    /// Fiscal document number (ФД).
    #[serde(rename = "i")]
    pub document: String,
    /// Fiscal sign (ФП).
    #[serde(rename = "fp")]
    pub sign: String,
}

/// A sale as the POS exports it: the contract's receipt plus where and how to find it again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SaleReceipt {
    pub store: String,
    #[serde(flatten)]
    pub receipt: Receipt,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal: Option<FiscalIds>,
    /// Who bought, where the sale recorded it (a loyalty card, an online order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<SaleCustomer>,
}

/// Who bought, as the sale recorded it: what finds the customer's receipts without their number
/// (by phone, e-mail or name).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SaleCustomer {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// How a customer's receipts are looked for (the service makes it from what the clerk typed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CustomerSearch {
    /// A phone number: its [`phone_key`] and that key's [`phone_tail`].
    Phone { key: String, tail: String },
    /// An e-mail in lower case.
    Email(String),
    /// Words of a name (folded); only in one store, or in every store of the chain (`None`).
    Name { store: Option<String>, words: Vec<String> },
}

/// A receipt found by its customer, with who the sale recorded.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CustomerReceipt {
    #[sqlx(flatten)]
    pub receipt: ReceiptSummary,
    pub customer_name: String,
    pub customer_phone: String,
    pub customer_email: String,
    pub phone_key: String,
    pub name_key: String,
}

/// The last digits of a phone number a search looks up by index before comparing it whole.
pub const PHONE_TAIL_DIGITS: usize = 7;

impl SaleCustomer {
    /// Whether the sale recorded anything to find the customer by.
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.phone_key().is_empty() && self.email_key().is_empty()
    }
    /// The name as a search compares it: lower case, spaces collapsed.
    pub fn name_key(&self) -> String {
        folded_name(&self.name)
    }
    /// The phone's digits without leading zeros: a national number ends the international one.
    pub fn phone_key(&self) -> String {
        phone_key(self.phone.as_deref().unwrap_or(""))
    }
    pub fn phone_tail(&self) -> String {
        phone_tail(&self.phone_key()).to_string()
    }
    pub fn email_key(&self) -> String {
        self.email.as_deref().unwrap_or("").trim().to_lowercase()
    }
}

/// A name as searches compare it: lower case (any script), words separated by one space.
pub fn folded_name(name: &str) -> String {
    name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// A phone number's digits without its leading zeros ("+359 881 234 567" → "359881234567",
/// "0881 234 567" → "881234567").
pub fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').to_string()
}

/// The last [`PHONE_TAIL_DIGITS`] digits of a [`phone_key`].
pub fn phone_tail(key: &str) -> &str {
    &key[key.len().saturating_sub(PHONE_TAIL_DIGITS)..]
}

impl SaleReceipt {
    /// A fingerprint of the whole sale: the same receipt imported twice has the same one.
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        serde_json::to_writer(&mut hasher, self).expect("a sale serializes");
        format!("{:x}", hasher.finalize())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ImportOutcome {
    Inserted { id: i64 },
    /// The same receipt was imported before: skipped.
    AlreadyPresent { id: i64 },
    /// A different receipt with the same number is already stored: reported, not stored.
    NumberConflict { id: i64 },
}

/// How the desk finds a receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReceiptKey {
    Id(i64),
    Number { store: Option<String>, number: String },
    Barcode(String),
    /// Russian fiscal QR: fiscal numbers plus time (to the minute) and total.
    Fiscal {
        ids: FiscalIds,
        at: NaiveDateTime,
        total: Money,
    },
}

/// A stored receipt with what was already returned from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StoredReceipt {
    pub id: i64,
    pub sale: SaleReceipt,
    /// Returned quantities and refunds per tender so far (no customer history).
    pub history: History,
}

impl StoredReceipt {
    pub fn remaining(&self, line: LineNo) -> u32 {
        let sold = self.sale.receipt.line(line).map_or(0, |l| l.qty.get());
        sold.saturating_sub(self.history.returned_qty(line))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct ReceiptSummary {
    pub id: i64,
    pub store_code: String,
    pub number: String,
    pub purchased_at: NaiveDateTime,
    #[sqlx(rename = "total_paid")]
    pub amount_paid: Money,
    pub currency: Currency,
    pub card_last4: Option<String>,
    // ---- Issue 14: noreceipt ----
    /// What the receipt sold, line by line ("2 × Kettle"), so the clerk can tell receipts apart.
    #[sqlx(skip)]
    #[serde(default)]
    pub items: Vec<String>,
    /// Who bought, where the sale recorded it (a search by customer shows it).
    #[sqlx(skip)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
}

/// What a warranty claim records beyond the decision: the customer's words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ClaimDetails {
    pub line: u32,
    #[serde(default)]
    pub defect: String,
    #[serde(default)]
    pub serial: Option<String>,
    #[serde(default)]
    pub customer_name: String,
    #[serde(default)]
    pub customer_contact: String,
    /// Issue 11: what came with the item, the state it was handed in, what the customer asks.
    #[serde(default)]
    pub accessories: String,
    #[serde(default)]
    pub item_state: String,
    #[serde(default)]
    pub remedy_asked: Option<crate::domain::claim::RemedyAsked>,
}

/// A return the desk asks the store to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewReturn {
    /// Scoped to the store and desk by the caller (`STORE/DESK/key`).
    pub idempotency_key: String,
    /// A fingerprint of what was asked: the same key with another request is refused.
    pub request_hash: String,
    pub store_code: String,
    pub terminal_id: Option<i64>,
    pub clerk_id: i64,
    pub receipt_id: i64,
    pub policy_version_id: i64,
    pub request: ReturnRequest,
    /// Store-local wall time the engine judged the return at.
    pub now: NaiveDateTime,
    pub created_at: DateTime<Utc>,
    /// The store-local day of `created_at` (its store's zone): the day the reports count the
    /// return on.
    pub local_day: NaiveDate,
    pub claims: Vec<ClaimDetails>,
    /// A manager's decision given at the desk before confirming.
    pub ruling: Option<RulingRecord>,
    /// The decided queued case this return completes (issue 12).
    pub queued_id: Option<i64>,
    /// The customer's identities, hashed (issue 12: frequent returners).
    pub customer_keys: Vec<String>,
    /// The store's jurisdiction: in Russia a claim's deadline follows the remedy the customer
    /// asks for at intake (art. 20–22), not the return's resolution.
    pub jurisdiction: crate::domain::Jurisdiction,
    /// Issue 15: the receipt as the desk read it before the transaction (a stored receipt is
    /// never changed): the transaction reads only its history again, under the receipt's lock.
    /// None: the transaction reads the whole receipt.
    pub sale: Option<SaleReceipt>,
}

/// A manager's approval or refusal, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RulingRecord {
    pub manager_id: i64,
    pub approved: bool,
    pub reason: String,
    /// The deductions for loss of value the manager took off (also in the decision's lines).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deductions: Vec<crate::domain::Deduction>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ApprovalRecord {
    pub line: Option<u32>,
    pub code: String,
    pub manager: String,
    pub decision: ApprovalVerdict,
    pub reason: String,
    pub decided_at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReturnStatus {
    /// Recorded and paid out (or denied): final.
    Completed,
    /// Needs a manager before anything is paid.
    AwaitingManager,
    Voided,
}

/// A manager's word on an exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalVerdict {
    Approved,
    Rejected,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoucherStatus {
    Active,
    Spent,
    Void,
}

/// Where a warranty claim stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    Open,
    InRepair,
    Resolved,
    Rejected,
    Closed,
}

impl ClaimStatus {
    /// Still waiting to be settled: its deadline matters.
    pub fn is_pending(self) -> bool {
        matches!(self, ClaimStatus::Open | ClaimStatus::InRepair)
    }
}

/// A recorded return.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ReturnRecord {
    pub id: i64,
    pub idempotency_key: String,
    pub store_code: String,
    pub receipt_id: i64,
    pub receipt_number: String,
    pub clerk_id: i64,
    pub clerk_name: String,
    pub terminal_code: Option<String>,
    pub status: ReturnStatus,
    pub outcome: CaseOutcome,
    pub created_at: DateTime<Utc>,
    /// Store-local wall time the engine judged the return at.
    pub request_now: NaiveDateTime,
    pub request: ReturnRequest,
    pub decision: Decision,
    pub approvals: Vec<ApprovalRecord>,
    /// The store-credit voucher the return issued, when it paid out store credit.
    pub voucher: Option<VoucherRecord>,
}

/// A store-credit voucher: issued by a return that pays out store credit, with a code the
/// customer brings back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct VoucherRecord {
    pub code: String,
    pub amount: Money,
    pub balance: Money,
    pub currency: Currency,
    pub status: VoucherStatus,
    pub issued_at: DateTime<Utc>,
    pub expires_on: Option<NaiveDate>,
}

/// The answer to a confirmation: the return, and whether this call created it.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConfirmedReturn {
    pub record: ReturnRecord,
    pub created: bool,
}

/// A warranty claim as the claims screen lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct ClaimRecord {
    pub id: i64,
    pub register_no: i64,
    pub store_code: String,
    pub return_id: Option<i64>,
    pub receipt_number: String,
    #[sqlx(try_from = "i64")]
    pub line: u32,
    pub product: String,
    pub serial: Option<String>,
    /// What the claim rests on: `LEGAL_GUARANTEE`, `COMMERCIAL_WARRANTY` or `CONSUMER_PROOF_REQUIRED`.
    pub basis: ReasonCode,
    pub status: ClaimStatus,
    pub defect: String,
    pub remedy: Option<Resolution>,
    pub claimed_on: NaiveDate,
    pub claim_due_by: NaiveDate,
    /// Who set `claim_due_by`: the law, or the store's target (claims before contract v2: none).
    pub claim_due_basis: Option<crate::domain::ClaimDueBasis>,
    pub legal_until: Option<NaiveDate>,
    pub commercial_until: Option<NaiveDate>,
    /// When it went into the complaint register, and whose complaint it is.
    pub registered_at: DateTime<Utc>,
    pub customer_name: String,
    pub customer_contact: String,
    // ---- Issue 11: the claim's life ----
    pub stage: crate::domain::claim::ClaimStage,
    pub kind: crate::domain::claim::ClaimKind,
    pub remedy_asked: Option<crate::domain::claim::RemedyAsked>,
    pub accessories: String,
    pub item_state: String,
    /// The register's year and the number within it (`S01-2026-00001`).
    pub register_year: Option<i64>,
    pub year_no: Option<i64>,
    pub receipt_id: i64,
    pub purchased_at: NaiveDateTime,
    pub jurisdiction: crate::domain::Jurisdiction,
    pub sent_on: Option<NaiveDate>,
    pub back_on: Option<NaiveDate>,
    pub service_outcome: Option<crate::domain::claim::ServiceOutcome>,
    pub legal_until_extended: Option<NaiveDate>,
    pub commercial_until_extended: Option<NaiveDate>,
}

/// One line of the returns history screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct ReturnSummaryRecord {
    pub id: i64,
    pub receipt_number: String,
    pub created_at: DateTime<Utc>,
    pub clerk: String,
    pub outcome: CaseOutcome,
    pub status: ReturnStatus,
    pub refund: Money,
    pub currency: Currency,
    /// The warranty claims the return registered (issue 16: a claim is listed as a claim).
    pub claim_count: i64,
    pub claim_year: Option<i64>,
    pub claim_no: Option<i64>,
}

/// What the history screen searches for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct ReturnQuery {
    /// Part of a receipt number.
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

// ---- Warranty claims from intake to settlement (issue 11) ----

/// Which claims the claims screen lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimQuery {
    pub stage: Option<crate::domain::claim::ClaimStage>,
}

/// One step of a claim, as recorded (`claim_events`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct ClaimEventRecord {
    pub seq: i64,
    pub step: String,
    pub at: DateTime<Utc>,
    pub login: Option<String>,
    pub display_name: Option<String>,
    pub details_json: String,
}

/// A step to record: the claim moves from `from` to `to` only if it is still in `from`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimAdvance {
    pub claim_id: i64,
    pub from: crate::domain::claim::ClaimStage,
    pub to: crate::domain::claim::ClaimStage,
    pub step: crate::domain::claim::ClaimStepKind,
    pub details: serde_json::Value,
    pub at: DateTime<Utc>,
    pub on: NaiveDate,
    pub actor: super::AuditActor,
    pub sent_on: Option<NaiveDate>,
    pub back_on: Option<NaiveDate>,
    pub service_outcome: Option<crate::domain::claim::ServiceOutcome>,
    pub legal_until_extended: Option<NaiveDate>,
    pub commercial_until_extended: Option<NaiveDate>,
    /// What goes into the complaint register's outcome column (a closing or answering step).
    pub register_outcome: Option<String>,
    pub remedy_given: Option<String>,
}

/// A claim settled by money: what, how much, paid per tender.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSettlement {
    /// `STORE/DESK/key`.
    pub idempotency_key: String,
    pub advance: ClaimAdvance,
    pub remedy: crate::domain::claim::RemedyAsked,
    pub amount: Money,
    pub currency: Currency,
    pub tenders: Vec<(crate::domain::PayoutType, Money)>,
    /// The most the line may still pay (what it paid less what was refunded or settled), checked
    /// again inside the write transaction.
    pub line_paid: Money,
    pub receipt_id: i64,
    pub receipt_line: u32,
}

/// A recorded settlement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SettlementRecord {
    pub claim_id: i64,
    pub idempotency_key: String,
    pub remedy: String,
    pub amount: Money,
    pub currency: Currency,
    pub tenders: Vec<SettlementTender>,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct SettlementTender {
    #[sqlx(rename = "type")]
    #[serde(rename = "type")]
    pub kind: String,
    pub amount: Money,
}

/// One row of the complaint register, as the register export prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct RegisterEntry {
    /// `S01-2026-00001`.
    #[sqlx(skip)]
    pub number: String,
    pub store_code: String,
    pub register_year: Option<i64>,
    pub year_no: Option<i64>,
    pub registered_at: DateTime<Utc>,
    pub customer_name: String,
    pub customer_contact: String,
    pub product: Option<String>,
    pub serial: Option<String>,
    pub receipt_number: Option<String>,
    pub purchased_at: Option<NaiveDateTime>,
    pub defect: Option<String>,
    pub remedy_asked: Option<String>,
    /// The decision or outcome (`repaired`, `settled: refund`, `rejected: …`).
    pub outcome: Option<String>,
    pub remedy_given: Option<String>,
    pub remedy_given_on: Option<NaiveDate>,
    pub closed_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_hash_is_the_sha256_of_the_sale_in_lowercase_hex() {
        use sha2::{Digest, Sha256};
        let sale: SaleReceipt = serde_json::from_value(serde_json::json!({
            "store": "S01", "number": "R-1", "purchased_at": "2026-10-01T12:00:00", "channel": "store",
            "currency": "EUR", "lines": [{"line": 1, "sku": "A", "name": "A", "category": "c", "brand": "B", "qty": 1,
            "unit_price": "10.00", "vat_rate": "20"}], "tenders": [{"type": "cash", "amount": "10.00"}]
        }))
        .unwrap();
        let hash = sale.content_hash();
        let digest = Sha256::digest(serde_json::to_vec(&sale).unwrap());
        let per_byte: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hash, per_byte, "stored hashes of earlier imports must still match");
        assert_eq!(hash.len(), 64);
    }
}

// ---- Issue 11: paid repair orders ----

/// A paid repair order as stored (with its receipt's number and who opened it).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RepairOrderRecord {
    pub id: i64,
    pub store_code: String,
    pub order_year: i64,
    pub year_no: i64,
    pub idempotency_key: String,
    pub stage: crate::domain::repair::RepairStage,
    pub receipt_id: Option<i64>,
    pub receipt_number: Option<String>,
    pub receipt_line: Option<i64>,
    pub product: String,
    pub serial: Option<String>,
    pub customer_name: String,
    pub customer_contact: String,
    pub defect: String,
    pub accessories: String,
    pub item_state: String,
    pub estimate: Money,
    pub final_price: Option<Money>,
    pub currency: Currency,
    pub service_partner: Option<String>,
    pub waybill: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub back_on: Option<NaiveDate>,
    pub service_outcome: Option<crate::domain::repair::RepairOutcome>,
    pub finding: Option<String>,
    pub price_paid: Option<Money>,
    pub tender: Option<String>,
    pub handed_back_at: Option<DateTime<Utc>>,
    pub opened_at: DateTime<Utc>,
    pub opened_by_login: String,
    pub opened_by_name: String,
}

impl RepairOrderRecord {
    /// The order's number, `R-S01-2026-00001`.
    pub fn number(&self) -> String {
        format!("R-{}-{}-{:05}", self.store_code, self.order_year, self.year_no)
    }
}

/// A repair order to open (its number is taken in the write transaction).
#[derive(Clone, Debug, PartialEq)]
pub struct NewRepairOrder {
    pub store_code: String,
    /// `STORE/DESK/key`.
    pub idempotency_key: String,
    pub receipt_id: Option<i64>,
    pub receipt_line: Option<u32>,
    pub product: String,
    pub serial: Option<String>,
    pub customer_name: String,
    pub customer_contact: String,
    pub defect: String,
    pub accessories: String,
    pub item_state: String,
    pub estimate: Money,
    pub currency: Currency,
    /// The store's year the order is numbered in.
    pub year: i32,
    pub at: DateTime<Utc>,
    pub actor: super::AuditActor,
    /// What the audit entry keeps besides the order (the warranty dates judged).
    pub details: serde_json::Value,
}

/// A step to record: the order moves from `from` to `to` only if it is still in `from`.
#[derive(Clone, Debug, PartialEq)]
pub struct RepairAdvance {
    pub order_id: i64,
    pub from: crate::domain::repair::RepairStage,
    pub to: crate::domain::repair::RepairStage,
    pub step: crate::domain::repair::RepairStep,
    pub details: serde_json::Value,
    pub at: DateTime<Utc>,
    pub actor: super::AuditActor,
    pub service_partner: Option<String>,
    pub waybill: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub back_on: Option<NaiveDate>,
    pub service_outcome: Option<crate::domain::repair::RepairOutcome>,
    pub finding: Option<String>,
    pub final_price: Option<Money>,
    /// hand_back: what was paid (0 when nothing was due) and how.
    pub price_paid: Option<Money>,
    pub tender: Option<String>,
}

/// One recorded step of a repair order.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RepairEventRecord {
    pub seq: i64,
    pub step: String,
    pub at: DateTime<Utc>,
    pub login: Option<String>,
    pub display_name: Option<String>,
    pub details_json: String,
}

// ---- Issue 14: exchanges ----

/// A new item of an exchange, priced from the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExchangeItem {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub brand: String,
    pub qty: u32,
    /// VAT included, in the store's currency.
    pub unit_price: Money,
    pub vat_rate: crate::domain::Percent,
    pub serials: Vec<String>,
}

impl ExchangeItem {
    pub fn total(&self) -> Money {
        Money::from_cents(self.unit_price.cents() * i64::from(self.qty))
    }
}

/// What an exchange adds to its return: the new items and how the difference is paid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewExchange {
    pub items: Vec<ExchangeItem>,
    pub currency: Currency,
    /// How the customer pays what the new items cost above the returned value.
    pub difference: Option<DifferencePayment>,
    /// The policy's tender order (the walk over the original receipt's tenders).
    pub tender_order: Vec<crate::domain::TenderType>,
    /// The policy pays refunds as store credit.
    pub refund_to_store_credit: bool,
}

impl NewExchange {
    /// N: what the new items cost.
    pub fn new_total(&self) -> Money {
        self.items.iter().map(ExchangeItem::total).sum()
    }
}

/// The value an exchange moved from one tender of the original receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct ExchangeMove {
    #[serde(rename = "type")]
    #[sqlx(rename = "type")]
    pub kind: crate::domain::TenderType,
    /// In the new receipt's currency.
    pub amount: Money,
    /// The same money in the original receipt's currency.
    pub receipt_amount: Money,
}

/// A recorded exchange.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExchangeRecord {
    pub id: i64,
    /// `EX-S01-2026-00001`: also the new receipt's number.
    pub number: String,
    pub store_code: String,
    pub return_id: i64,
    pub receipt_id: i64,
    pub receipt_number: String,
    pub new_receipt_id: i64,
    pub currency: Currency,
    /// V: what the returned items were worth.
    pub returned_value: Money,
    /// N: what the new items cost.
    pub new_total: Money,
    pub moved: Money,
    /// V − N paid back to the customer (0 when none).
    pub refunded: Money,
    /// N − V paid at the desk (0 when none).
    pub paid: Money,
    pub difference_tender: Option<crate::domain::TenderType>,
    /// N − V left for the till (0 when none); `due` says whether the till has taken it.
    pub due_at_till: Money,
    pub due: Option<ExchangeDue>,
    pub created_at: DateTime<Utc>,
    pub clerk_name: String,
    pub moves: Vec<ExchangeMove>,
}

/// How an exchange's difference (the new items cost more) is paid: at the desk by a tender the
/// store allows, or recorded as an amount due that the till takes later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DifferencePayment {
    AtDesk(crate::domain::TenderType),
    AtTill,
}

/// An exchange's amount due at the till, and its payment once the till has taken it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExchangeDue {
    pub exchange_id: i64,
    /// The exchange's number (also its new receipt's).
    pub number: String,
    pub store_code: String,
    pub currency: Currency,
    pub amount: Money,
    pub payment: Option<DuePayment>,
}

/// How and where the till took an amount due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DuePayment {
    pub paid_at: DateTime<Utc>,
    pub tender: crate::domain::TenderType,
    pub till: String,
    pub sale_reference: String,
    pub paid_by: String,
}

/// A till's payment of an amount due (the key scoped `STORE/key`: the same key answers once).
#[derive(Clone, Debug)]
pub struct NewDuePayment {
    pub exchange_id: i64,
    pub amount: Money,
    pub tender: crate::domain::TenderType,
    pub till: String,
    pub sale_reference: String,
    pub idempotency_key: String,
    pub at: DateTime<Utc>,
    pub actor: super::AuditActor,
}
