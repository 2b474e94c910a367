//! What a slip shows: plain data, filled in by whoever prints it (the CLI, the desktop
//! app) from the engine's decision and the desk's records. Money is `Decimal` in the
//! currency named next to it, dates are store-local. The enums read and write the
//! contract's wire names (`change_of_mind`, `WITHIN_RETURN_WINDOW`, …).

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The shop printed at the head of every document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Store {
    pub name: String,
    /// Postal address, one entry per printed line.
    pub address: Vec<String>,
    /// VAT registration number, e.g. `BG123456789`.
    pub vat_id: String,
    /// Company register number (ЕИК, ΓΕΜΗ, ОГРН), when the jurisdiction prints one.
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// The store's country: its ids are printed with that country's labels (ЕИК, ΑΦΜ, ИНН, …)
    /// whatever the document's language; without it, with the language's own.
    #[serde(default)]
    pub country: Option<Jurisdiction>,
}

// The contract's vocabulary is the domain's: the slip shows the engine's own values.
pub use crate::domain::LineOutcome as Verdict;
pub use crate::domain::PayoutType as Tender;
pub use crate::domain::ReasonCode as DecisionCode;
pub use crate::domain::{ApprovalCode, ClaimDueBasis, Condition, Jurisdiction, ReturnReason};
pub use super::register::{RegisterLine, RegisterSheet};

/// What the customer asks for on a warranty claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    Repair,
    Replace,
    PriceReduction,
    Refund,
}

/// An amount paid back in one way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenderAmount {
    pub tender: Tender,
    pub amount: Decimal,
    /// A card refund: the card's last four digits, printed as `Card ••••1234`.
    #[serde(default)]
    pub card_last4: Option<String>,
}

/// A receipt line brought back, with the engine's decision on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReturnedLine {
    /// Line number on the original receipt.
    pub line: u32,
    pub name: String,
    pub sku: String,
    pub qty: u32,
    pub reason: ReturnReason,
    pub condition: Condition,
    /// VAT rate in percent (prices include VAT).
    pub vat_rate: Decimal,
    /// What these units cost, in the slip's currency.
    pub gross: Decimal,
    /// Restocking fee kept, in the slip's currency.
    pub fee: Decimal,
    /// What is paid back for this line (gross − fee), in the slip's currency.
    pub refund: Decimal,
    /// VAT contained in the refund.
    pub vat: Decimal,
    /// The gross in the receipt's currency when it differs from the slip's (a leva
    /// receipt refunded in euro), else `None`.
    #[serde(default)]
    pub receipt_gross: Option<Decimal>,
    pub verdict: Verdict,
    /// Reason codes of the decision, in the engine's order.
    pub codes: Vec<DecisionCode>,
    /// A manager's deduction for the goods' loss of value, already taken off `refund`.
    #[serde(default)]
    pub deduction: Option<LossOfValue>,
    /// The facts behind the decision, for the reasons in the screen's words ("Bought 47 days
    /// ago; …"); without them each reason prints its general sentence.
    #[serde(default)]
    pub facts: Option<super::why::LineFacts>,
    /// The warranty claim the line was registered as (a `warranty_claim` line).
    #[serde(default)]
    pub claim: Option<ClaimNote>,
}

/// What a return slip says of a line registered as a warranty claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimNote {
    pub register_number: String,
    pub remedy: Remedy,
    pub settle_by: NaiveDate,
    pub claim_due_basis: ClaimDueBasis,
}

/// What a manager took off a line for the goods' loss of value, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LossOfValue {
    /// In the slip's currency.
    pub amount: Decimal,
    pub reason: String,
}

/// The money of a slip: approved lines only.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub gross: Decimal,
    pub fee: Decimal,
    pub refund: Decimal,
    pub vat: Decimal,
    /// Gross of the approved lines in the receipt's currency, when it differs.
    #[serde(default)]
    pub receipt_gross: Option<Decimal>,
    /// Managers' deductions for loss of value: refund = gross − fee − deduction.
    #[serde(default)]
    pub deduction: Decimal,
}

/// A manager's override of denials or of case-level approvals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagerOverride {
    pub manager: String,
    pub reason: String,
    /// Case-level approvals this override clears.
    #[serde(default)]
    pub approvals: Vec<ApprovalCode>,
    /// Receipt line numbers whose denial was overridden.
    #[serde(default)]
    pub lines: Vec<u32>,
}

/// The return slip of one visit to the desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReturnSlip {
    pub store: Store,
    /// Printed and encoded in the barcode (printable ASCII).
    pub slip_number: String,
    pub issued_at: NaiveDateTime,
    pub desk: String,
    pub clerk: String,
    pub receipt_number: String,
    pub receipt_date: NaiveDate,
    /// Currency the refund is paid in (`EUR`, `BGN`, `RUB`).
    pub currency: String,
    /// Currency of the original receipt; differs from `currency` for a leva receipt
    /// refunded in euro.
    pub receipt_currency: String,
    pub lines: Vec<ReturnedLine>,
    pub totals: Totals,
    /// How the refund is paid back.
    pub tenders: Vec<TenderAmount>,
    #[serde(default)]
    pub manager_override: Option<ManagerOverride>,
    /// The store's return policy, printed at the foot in the slip's language.
    pub policy_text: String,
    /// A manager declined the return: nothing is paid back, and the slip says who and why.
    #[serde(default)]
    pub declined: Option<Declined>,
}

/// A manager's refusal of a return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Declined {
    pub manager: String,
    /// The manager's reason, in their words.
    pub reason: String,
    /// The case-level approvals that were asked for (over the limit, frequent returns).
    #[serde(default)]
    pub approvals: Vec<ApprovalCode>,
}

/// A customer as printed on a warranty claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

/// The complaint-register entry for a defective product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarrantyClaimDocument {
    pub store: Store,
    pub jurisdiction: Jurisdiction,
    /// Number in the complaint register; printed and encoded in the barcode.
    pub register_number: String,
    pub registered_at: NaiveDateTime,
    pub desk: String,
    pub clerk: String,
    pub customer: Customer,
    pub product_name: String,
    pub sku: String,
    #[serde(default)]
    pub serial_number: Option<String>,
    pub receipt_number: String,
    pub purchase_date: NaiveDate,
    /// Price paid for the product, in `currency`.
    pub price: Decimal,
    pub currency: String,
    /// The defect in the customer's words.
    pub defect: String,
    pub remedy: Remedy,
    /// The engine's basis: `LEGAL_GUARANTEE`, `COMMERCIAL_WARRANTY` or `CONSUMER_PROOF_REQUIRED`.
    pub basis: DecisionCode,
    #[serde(default)]
    pub legal_until: Option<NaiveDate>,
    #[serde(default)]
    pub commercial_until: Option<NaiveDate>,
    /// The date the claim is to be settled by (`claim_due_by`).
    pub settle_by: NaiveDate,
    /// Who set `settle_by` (`claim_due_basis`): the law (BG, RU), printed as a deadline, or the
    /// store's target where the law asks only for a reasonable time (EU, GR), printed as a target.
    pub claim_due_basis: ClaimDueBasis,
    /// Accessories handed in with the item (box, charger, …), as written at the desk.
    #[serde(default)]
    pub accessories: Option<String>,
    /// The state of the item handed in (scratches, missing parts, …).
    #[serde(default)]
    pub item_state: Option<String>,
}

/// A claim settled with money: a refund of the price or a price reduction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimSettlementDocument {
    /// The claim as registered (store, customer, product, register number).
    pub claim: WarrantyClaimDocument,
    /// `refund` or `price_reduction`.
    pub remedy: Remedy,
    pub amount: Decimal,
    pub currency: String,
    /// How it was paid.
    pub tenders: Vec<TenderAmount>,
    pub settled_at: NaiveDateTime,
    /// Who settled it (a manager).
    pub settled_by: String,
}

/// Who refused a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectedBy {
    /// The store, at the desk.
    Store,
    /// The service partner, on its finding.
    Service,
}

/// A claim refused, with the reasons, and the consumer's rights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRejectionDocument {
    pub claim: WarrantyClaimDocument,
    pub rejected_by: RejectedBy,
    /// The service partner whose finding it is, when the service refused.
    #[serde(default)]
    pub service_partner: Option<String>,
    /// The reasons, as written.
    pub reasons: String,
    pub rejected_at: NaiveDateTime,
    /// Who recorded the rejection.
    pub rejected_by_name: String,
}

/// A store-credit voucher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoreCreditVoucher {
    pub store: Store,
    /// Redemption code; printed and encoded in the barcode (printable ASCII).
    pub code: String,
    pub amount: Decimal,
    pub currency: String,
    pub issued_at: NaiveDateTime,
    pub expires_on: NaiveDate,
    /// The return slip the credit comes from.
    #[serde(default)]
    pub slip_number: Option<String>,
    #[serde(default)]
    pub holder: Option<String>,
    /// Terms printed at the foot, in the voucher's language.
    pub terms_text: String,
}

/// One override as listed on the day summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OverrideEntry {
    pub slip_number: String,
    /// The desk the return was made at (None: no desk recorded).
    #[serde(default)]
    pub desk: Option<String>,
    pub manager: String,
    /// What was decided: the rule's or the approval's code (`OUTSIDE_RETURN_WINDOW`, …).
    #[serde(default)]
    pub code: String,
    pub reason: String,
    pub refund: crate::domain::Money,
}

/// A count of documents and the money on them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CountedAmount {
    pub count: u32,
    pub total: crate::domain::Money,
}

/// What one desk (or the whole store) did in a day: the cash-up's figures. Amounts in the
/// store's currency; tenders by their code (`cash`, `card`, `gift_card`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DayFigures {
    /// The desk's code; None for the whole store, or for money taken at the tills.
    pub desk: Option<String>,
    /// Return slips issued (completed returns, exchanges' included).
    pub slip_count: u32,
    /// Lines taken back and paid.
    pub line_count: u32,
    /// Lines denied.
    pub denied_count: u32,
    /// Money that left the store, by tender: return refunds, goodwill, claim settlements and
    /// exchange differences refunded (store credit and exchange value are not money).
    pub refunds_by_tender: std::collections::BTreeMap<String, crate::domain::Money>,
    pub total_refund: crate::domain::Money,
    /// The money out by where it came from (they add up to `total_refund`).
    pub refunded_on_returns: crate::domain::Money,
    pub goodwill_paid: crate::domain::Money,
    pub claims_paid: crate::domain::Money,
    pub exchange_differences_refunded: crate::domain::Money,
    /// Money taken at the desk, by tender: exchange differences paid, paid repairs collected.
    pub taken_by_tender: std::collections::BTreeMap<String, crate::domain::Money>,
    pub total_taken: crate::domain::Money,
    pub exchange_differences_paid: crate::domain::Money,
    pub repairs_paid: crate::domain::Money,
    /// Exchange amounts due paid later at a till (not in a desk's drawer).
    pub exchange_dues_paid: CountedAmount,
    /// What the drawer gained (+) or gave (−) per tender: taken − refunded.
    pub drawer_by_tender: std::collections::BTreeMap<String, crate::domain::Money>,
    pub store_credit_issued: CountedAmount,
    pub store_credit_redeemed: CountedAmount,
    /// Restocking fees kept.
    pub fees: crate::domain::Money,
    pub claims_opened: u32,
    pub claims_settled: u32,
    pub overrides: Vec<OverrideEntry>,
}

impl CountedAmount {
    fn add(&mut self, other: &CountedAmount) {
        self.count += other.count;
        self.total += other.total;
    }
}

impl DayFigures {
    /// Adds another desk's figures to these (the store's totals are its desks' sum).
    pub fn add(&mut self, other: &DayFigures) {
        let merge = |into: &mut std::collections::BTreeMap<String, crate::domain::Money>, from: &std::collections::BTreeMap<String, crate::domain::Money>| {
            for (tender, sum) in from {
                *into.entry(tender.clone()).or_default() += *sum;
            }
        };
        self.slip_count += other.slip_count;
        self.line_count += other.line_count;
        self.denied_count += other.denied_count;
        merge(&mut self.refunds_by_tender, &other.refunds_by_tender);
        self.total_refund += other.total_refund;
        self.refunded_on_returns += other.refunded_on_returns;
        self.goodwill_paid += other.goodwill_paid;
        self.claims_paid += other.claims_paid;
        self.exchange_differences_refunded += other.exchange_differences_refunded;
        merge(&mut self.taken_by_tender, &other.taken_by_tender);
        self.total_taken += other.total_taken;
        self.exchange_differences_paid += other.exchange_differences_paid;
        self.repairs_paid += other.repairs_paid;
        self.exchange_dues_paid.add(&other.exchange_dues_paid);
        merge(&mut self.drawer_by_tender, &other.drawer_by_tender);
        self.store_credit_issued.add(&other.store_credit_issued);
        self.store_credit_redeemed.add(&other.store_credit_redeemed);
        self.fees += other.fees;
        self.claims_opened += other.claims_opened;
        self.claims_settled += other.claims_settled;
        self.overrides.extend(other.overrides.iter().cloned());
    }
}

/// The end of day of one desk or of the whole store (then with a section per desk).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskDaySummary {
    pub store: Store,
    /// The desk asked for; None: the whole store.
    pub desk: Option<String>,
    pub day: NaiveDate,
    pub printed_at: NaiveDateTime,
    pub currency: String,
    /// The desk's figures, or the store's totals.
    pub totals: DayFigures,
    /// The whole store: each desk's figures (and money taken at the tills), adding up to `totals`.
    pub desks: Vec<DayFigures>,
}

// ---- Issue 14: noreceipt ----
/// A goodwill refund as the customer's slip shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoodwillDocument {
    pub store: Store,
    /// `G-S01-00001`; printed and as a barcode.
    pub number: String,
    pub issued_at: NaiveDateTime,
    pub desk: String,
    pub manager: String,
    pub receipt_number: String,
    pub product: String,
    pub sku: String,
    pub reason: String,
    pub amount: Decimal,
    pub currency: String,
    /// (tender code, amount) in the order paid.
    pub tenders: Vec<(String, Decimal)>,
    /// The voucher the store-credit share was paid to (its code, printed and as a barcode).
    #[serde(default)]
    pub voucher_code: Option<String>,
}
