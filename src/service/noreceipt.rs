//! Issue 14 (part C): returns without a receipt, and goodwill.
//!
//! - **Unverified return**: no receipt was found. Only where the store allows it (settings
//!   `unverified_returns`), with a manager's approval given at the desk (login + PIN), the
//!   customer's identity document noted (kept as a keyed hash and its last four characters,
//!   never in clear), and paid ONLY as store credit at the lowest unit price (net of the line's
//!   discount) the SKU sold for at the store in the last `lookback_days`. It counts towards the
//!   frequent-returner limit in the same tally a receipt return consults: it is kept under the
//!   ID's key and the phone, e-mail or loyalty id the desk took (as a receipt return's customer
//!   is), and a receipt return whose customer gives the same ID, phone, e-mail or loyalty id
//!   counts it. At the limit its quote says so, and the manager approves that too.
//! - **Goodwill**: a manager pays an amount (not a quantity) on a receipt line, with a reason,
//!   by the tender rules, recorded against the receipt's tenders; it counts against the line,
//!   so a later return of the line pays at most what is left of it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::auth::Session;
use super::{require_manager, Desk, DeskError};
use crate::domain::{Conversion, LineNo, Money, TenderAllocation, TenderType};
use crate::store::{
    GoodwillLine, GoodwillPayment, GoodwillRecord, NewGoodwill, NewUnverifiedReturn, Refusal, UnverifiedReturnRecord,
};

/// Days back an unverified return's price is looked for, unless the store says otherwise.
pub const DEFAULT_LOOKBACK_DAYS: i64 = 90;
/// How long a voucher is valid unless the store says otherwise (setting `voucher_valid_months`).
const DEFAULT_VOUCHER_MONTHS: u32 = 12;

/// Whether the store takes returns without a receipt, and how far back their price is looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnverifiedReturnsSetting {
    pub allowed: bool,
    /// 1–365 days (default 90).
    pub lookback_days: i64,
}

impl Default for UnverifiedReturnsSetting {
    fn default() -> Self {
        UnverifiedReturnsSetting { allowed: false, lookback_days: DEFAULT_LOOKBACK_DAYS }
    }
}

/// The kind of identity document the customer showed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    IdCard,
    Passport,
    DrivingLicence,
    Other,
}

/// A return without a receipt as the clerk puts it together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnverifiedDraft {
    pub sku: String,
    pub qty: u32,
    pub reason: String,
    pub id_type: IdType,
    /// As typed; never stored.
    #[serde(skip)]
    pub id_number: String,
    /// The customer's phone or e-mail, if the desk took it (kept only hashed, as a receipt
    /// return's).
    #[serde(skip)]
    pub contact: String,
    /// The customer's loyalty card or account number, if the desk took it (kept only hashed).
    #[serde(skip)]
    pub loyalty_id: Option<String>,
}

/// What an unverified return would pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UnverifiedQuote {
    pub sku: String,
    pub product: String,
    pub qty: u32,
    /// The lowest unit price the SKU sold for in the window.
    pub unit_price: Money,
    pub amount: Money,
    pub currency: String,
    pub lookback_days: i64,
    /// The sale the price was found on.
    pub priced_from: String,
    /// Paid only as store credit.
    pub payout: String,
    /// The customer's returns at the store in the last 90 days (receipt returns and unverified
    /// ones, by their ID, phone, e-mail or loyalty id), and the policy's limit.
    pub customer_returns_90d: u32,
    pub max_returns_90d: Option<u32>,
    /// The count has reached the limit: the manager approves a frequent returner too.
    pub frequent_returner: bool,
    /// What the manager approves: `UNVERIFIED_RETURN`, and `FREQUENT_RETURNS` at the limit.
    pub approvals_required: Vec<String>,
    /// A manager must approve every unverified return.
    pub manager_required: bool,
}

/// Goodwill as asked at the desk: an amount on a receipt line, why, and the request's key.
#[derive(Clone, Copy, Debug)]
pub struct GoodwillAsk<'a> {
    pub receipt_id: i64,
    pub line: u32,
    pub amount: Money,
    pub reason: &'a str,
    pub idempotency_key: &'a str,
}

/// A manager's approval given at the desk.
pub struct ManagerPin<'a> {
    pub login: &'a str,
    pub pin: &'a str,
}

/// What the identity number is hashed as: letters and digits only, upper case.
fn normalised_id(number: &str) -> String {
    number.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// HMAC-SHA-256 (RFC 2104), hex.
fn hmac_sha256(key: &[u8], message: &[u8]) -> String {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.iter().map(|b| b ^ 0x36).collect::<Vec<u8>>());
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(k.iter().map(|b| b ^ 0x5c).collect::<Vec<u8>>());
    outer.update(inner);
    format!("{:x}", outer.finalize())
}

/// The customer's key from their identity document: HMAC-SHA-256 under the store's key of
/// `id:NUMBER` (one key whatever the document type, so the same number is the same customer).
pub fn id_key(store_key: &str, number: &str) -> String {
    hmac_sha256(store_key.as_bytes(), format!("id:{}", normalised_id(number)).as_bytes())
}

/// An identity document's number, as typed: 5 to 30 letters and digits (refused naming `field`).
pub(crate) fn check_id_number(number: &str, field: &'static str) -> Result<(), DeskError> {
    let n = normalised_id(number);
    if n.len() < 5 || n.len() > 30 {
        return Err(DeskError::BadInput {
            field,
            message: "the number on the customer's identity document (5 to 30 letters and digits)".into(),
        });
    }
    Ok(())
}

fn request_hash<T: Serialize>(what: &T) -> String {
    format!("{:x}", Sha256::digest(serde_json::to_string(what).expect("serializes").as_bytes()))
}

impl Desk {
    /// The store's `unverified_returns` setting.
    pub async fn unverified_setting(&self, store_code: &str) -> Result<UnverifiedReturnsSetting, DeskError> {
        let allowed = self.db.setting(store_code, "unverified_returns_allowed").await?.as_deref() == Some("true");
        let lookback_days = super::auth::setting_or(
            self.db.setting(store_code, "unverified_lookback_days").await?.as_deref(),
            DEFAULT_LOOKBACK_DAYS,
        );
        Ok(UnverifiedReturnsSetting { allowed, lookback_days })
    }

    /// The settings' values to store for a change of `unverified_returns`, checked.
    pub(crate) fn unverified_setting_values(s: &UnverifiedReturnsSetting) -> Result<Vec<(&'static str, String)>, DeskError> {
        if !(1..=365).contains(&s.lookback_days) {
            return Err(DeskError::BadInput {
                field: "unverified_returns.lookback_days",
                message: format!("from 1 to 365 days, got {}", s.lookback_days),
            });
        }
        Ok(vec![("unverified_returns_allowed", s.allowed.to_string()), ("unverified_lookback_days", s.lookback_days.to_string())])
    }

    fn check_unverified(draft: &UnverifiedDraft) -> Result<(), DeskError> {
        if draft.sku.trim().is_empty() {
            return Err(DeskError::BadInput { field: "sku", message: "the item's SKU (scan its label or type it)".into() });
        }
        if !(1..=99).contains(&draft.qty) {
            return Err(DeskError::BadInput { field: "qty", message: format!("from 1 to 99, got {}", draft.qty) });
        }
        if draft.reason.trim().is_empty() {
            return Err(DeskError::BadInput { field: "reason", message: "say why the item comes back".into() });
        }
        check_id_number(&draft.id_number, "customer_id.number")
    }

    /// The hashed identities an unverified return is counted and kept under: its ID document's
    /// key and those of the contact and loyalty id the desk took (as a receipt return's, without
    /// a card: there is no receipt).
    async fn unverified_customer_keys(&self, store_code: &str, draft: &UnverifiedDraft) -> Result<Vec<String>, DeskError> {
        let customer = super::queue::Customer { contact: draft.contact.clone(), loyalty_id: draft.loyalty_id.clone(), id_number: None };
        let mut keys = customer.keys(&[]);
        // (The number is checked with the rest of the draft: `check_unverified`.)
        keys.push(id_key(&self.db.customer_id_key(store_code).await?, &draft.id_number));
        Ok(keys)
    }

    /// What an unverified return would pay, without recording anything: refused where the store
    /// does not allow it, or no sale of the SKU sets its price.
    pub async fn quote_unverified(&self, session: &Session, draft: &UnverifiedDraft) -> Result<UnverifiedQuote, DeskError> {
        let setting = self.unverified_setting(&session.store_code).await?;
        if !setting.allowed {
            return Err(DeskError::refused(
                "NO_RECEIPT_NOT_ALLOWED",
                "this store does not take returns without a receipt (a manager can allow them in Settings)",
                serde_json::json!({}),
            ));
        }
        Self::check_unverified(draft)?;
        let now = self.now_for(session).await?;
        let store = self.session_store(session).await?;
        let sku = draft.sku.trim();
        let found = self
            .db
            .lowest_price(&session.store_code, sku, now - chrono::Duration::days(setting.lookback_days), now)
            .await?
            .ok_or_else(|| {
                let days = setting.lookback_days;
                DeskError::refused(
                    "NO_RECENT_SALE",
                    format!("no sale of SKU {sku} in the last {days} days: the price cannot be set"),
                    serde_json::json!({ "field": "sku", "sku": sku, "days": days }),
                )
            })?;
        let conversion = Conversion::between(found.currency, store.currency).unwrap_or(Conversion::Same);
        let unit_price = conversion.apply(found.unit_price);
        let amount = Money::round(unit_price.amount() * rust_decimal::Decimal::from(draft.qty));
        let keys = self.unverified_customer_keys(&session.store_code, draft).await?;
        let customer_returns_90d = self.customer_returns_90d(&session.store_code, &keys, now).await?;
        let max_returns_90d = match self.db.policy_in_force(&store.policy_id, now.date()).await? {
            Some(p) => p.document.into_policy()?.case_rules().max_returns_90d,
            None => None,
        };
        // The engine's rule for a receipt return (`FREQUENT_RETURNS`): the count reached the limit.
        let frequent_returner = max_returns_90d.is_some_and(|max| customer_returns_90d >= max);
        let mut approvals_required = vec!["UNVERIFIED_RETURN".to_string()];
        if frequent_returner {
            approvals_required.push("FREQUENT_RETURNS".into());
        }
        Ok(UnverifiedQuote {
            sku: sku.to_string(),
            product: found.product,
            qty: draft.qty,
            unit_price,
            amount,
            currency: store.currency.code().to_string(),
            lookback_days: setting.lookback_days,
            priced_from: found.receipt_number,
            payout: "store_credit".into(),
            customer_returns_90d,
            max_returns_90d,
            frequent_returner,
            approvals_required,
            manager_required: true,
        })
    }

    /// Records an unverified return approved by a manager at the desk, paid as a voucher; the
    /// same idempotency key (at the same desk) answers the same return (`false`).
    pub async fn confirm_unverified(
        &self,
        session: &Session,
        draft: &UnverifiedDraft,
        idempotency_key: &str,
        manager: Option<ManagerPin<'_>>,
    ) -> Result<(UnverifiedReturnRecord, bool), DeskError> {
        if idempotency_key.trim().is_empty() {
            return Err(DeskError::BadInput { field: "idempotency_key", message: "a confirmation needs an idempotency key".into() });
        }
        let desk = session.terminal_code.as_deref().unwrap_or("-");
        let key = format!("{}/{desk}/{}", session.store_code, idempotency_key.trim());
        let store_key = self.db.customer_id_key(&session.store_code).await?;
        let id_key = id_key(&store_key, &draft.id_number);
        let customer_keys = self.unverified_customer_keys(&session.store_code, draft).await?;
        let asked =
            serde_json::json!({ "draft": draft, "id": id_key, "customer": customer_keys, "manager": manager.as_ref().map(|m| m.login.trim()) });
        let hash = request_hash(&asked);
        if let Some(done) = self.db.unverified_by_key(&key, &hash).await? {
            return Ok((done, false));
        }
        // Not allowed, bad input or no price: said before the manager is asked for.
        let quote = self.quote_unverified(session, draft).await?;
        let Some(manager) = manager else {
            return Err(DeskError::ManagerRequired { codes: quote.approvals_required.clone() });
        };
        let approver = self.check_manager(session, manager.login.trim(), manager.pin).await?;
        super::queue::check_approval_limit(&approver, quote.amount)?;
        let months = self
            .db
            .setting(&session.store_code, "voucher_valid_months")
            .await?
            .and_then(|m| m.parse::<u32>().ok())
            .filter(|m| (1..=120).contains(m))
            .unwrap_or(DEFAULT_VOUCHER_MONTHS);
        let now = self.now_for(session).await?;
        let store = self.session_store(session).await?;
        let found = self
            .db
            .lowest_price(&session.store_code, &quote.sku, now - chrono::Duration::days(quote.lookback_days), now)
            .await?;
        let number = normalised_id(&draft.id_number);
        let new = NewUnverifiedReturn {
            idempotency_key: key,
            request_hash: hash,
            store_code: session.store_code.clone(),
            sku: quote.sku.clone(),
            product: quote.product.clone(),
            qty: quote.qty,
            unit_price: quote.unit_price,
            amount: quote.amount,
            currency: store.currency,
            lookback_days: quote.lookback_days,
            priced_from: found.map(|f| f.receipt_id),
            reason: draft.reason.trim().to_string(),
            id_type: crate::store::code_of(&draft.id_type),
            id_key,
            id_last4: number[number.len().saturating_sub(4)..].to_string(),
            clerk_id: session.user.id,
            manager_id: approver.id,
            manager_login: approver.login.clone(),
            terminal_id: session.terminal_id,
            returned_at: now,
            created_at: self.clock.instant(),
            voucher_code: crate::store::new_voucher_code(),
            voucher_expires_on: now.date().checked_add_months(chrono::Months::new(months)).unwrap_or(now.date()),
            customer_keys,
            customer_returns_90d: quote.customer_returns_90d,
            frequent_returner: quote.frequent_returner,
        };
        Ok(self.db.record_unverified(&new).await?)
    }

    /// One of the session's store's unverified returns.
    pub async fn unverified_of_store(&self, session: &Session, id: i64) -> Result<UnverifiedReturnRecord, DeskError> {
        self.db
            .unverified_return(id)
            .await?
            .filter(|r| r.store_code == session.store_code)
            .ok_or_else(|| DeskError::NotFound(format!("no unverified return {id}")))
    }

    /// Pays goodwill on a receipt line (a manager, or a clerk with a manager's PIN): judged in
    /// the write transaction against what is left of the line and of the receipt's tenders.
    pub async fn goodwill_refund(
        &self,
        session: &Session,
        ask: &GoodwillAsk<'_>,
        manager: Option<ManagerPin<'_>>,
    ) -> Result<(GoodwillRecord, bool), DeskError> {
        let GoodwillAsk { receipt_id, line, amount, reason, idempotency_key } = *ask;
        let approver = match &manager {
            Some(m) => self.check_manager(session, m.login.trim(), m.pin).await?,
            None => {
                require_manager(session)?;
                session.user.clone()
            }
        };
        if idempotency_key.trim().is_empty() {
            return Err(DeskError::BadInput { field: "idempotency_key", message: "goodwill needs an idempotency key".into() });
        }
        if !amount.is_positive() {
            return Err(DeskError::BadInput { field: "amount", message: "more than 0".into() });
        }
        if reason.trim().is_empty() {
            return Err(DeskError::BadInput { field: "reason", message: "say why the store pays goodwill".into() });
        }
        self.receipt_at(session, receipt_id).await?;
        let context = self.context(receipt_id).await?;
        let sale = &context.receipt.sale.receipt;
        let index = sale
            .line_index(LineNo(line))
            .ok_or_else(|| DeskError::BadInput { field: "line", message: format!("receipt {} has no line {line}", sale.number) })?;
        let line_paid = crate::domain::pricing::paid_per_line(sale)[index];
        let conversion = context.payout_basis()?.conversion;
        let desk = session.terminal_code.as_deref().unwrap_or("-");
        let asked = serde_json::json!({ "receipt": receipt_id, "line": line, "amount": amount, "reason": reason.trim(), "by": approver.id });
        let new = NewGoodwill {
            idempotency_key: format!("{}/{desk}/{}", session.store_code, idempotency_key.trim()),
            request_hash: request_hash(&asked),
            store_code: session.store_code.clone(),
            receipt_id,
            line,
            line_paid,
            currency: context.store.currency,
            receipt_currency: sale.currency,
            reason: reason.trim().to_string(),
            manager_id: approver.id,
            terminal_id: session.terminal_id,
            paid_at: self.now_for(session).await?,
            created_at: self.clock.instant(),
        };
        let order = context.rules.case_rules().tender_order.clone();
        let judge = |state: &GoodwillLine, history: &crate::domain::History| -> Result<GoodwillPayment, Refusal> {
            let left = state.left();
            let receipt_amount = conversion.back(amount);
            if receipt_amount > left {
                return Err(Box::new(DeskError::BadInput {
                    field: "amount",
                    message: format!(
                        "{amount} is more than what is left of line {line}: {} (it paid {})",
                        conversion.apply(left),
                        conversion.apply(state.paid)
                    ),
                }));
            }
            let payouts = TenderAllocation { order: &order, conversion }.allocate(amount, |t| sale.paid_by(t) - history.refunded_to(t));
            let mut tenders = Vec::new();
            for p in payouts {
                let Some(kind) = p.kind.tender() else {
                    // The allocation pays to the receipt's tenders or to store credit, never an exchange.
                    return Err(Box::new(DeskError::Internal(format!("goodwill on receipt {} was allocated to {:?}", sale.number, p.kind))));
                };
                let tender_left: Money = sale.paid_by(kind) - history.refunded_to(kind);
                tenders.push((kind, p.amount, conversion.back(p.amount).min(tender_left)));
            }
            let receipt_amount = tenders.iter().map(|(_, _, r)| *r).sum::<Money>().max(receipt_amount.min(left));
            Ok(GoodwillPayment { amount, receipt_amount, tenders })
        };
        Ok(self.db.pay_goodwill(&new, &judge).await?)
    }

    /// Goodwill paid on one of the store's receipts (another store's: not found).
    pub async fn goodwill_of_store(&self, session: &Session, id: i64) -> Result<GoodwillRecord, DeskError> {
        self.db
            .goodwill(id)
            .await?
            .filter(|g| g.store_code == session.store_code)
            .ok_or_else(|| DeskError::NotFound(format!("no goodwill {id}")))
    }

    async fn header_store(&self, store_code: &str) -> Result<crate::slip::view::Store, DeskError> {
        self.document_store(store_code).await
    }

    /// The slip of an unverified return: the store-credit voucher it paid out.
    pub async fn unverified_document(
        &self,
        session: &Session,
        id: i64,
        lang: crate::slip::Lang,
        layout: crate::slip::Layout,
    ) -> Result<super::documents::Document, DeskError> {
        let r = self.unverified_of_store(session, id).await?;
        let view = crate::slip::view::StoreCreditVoucher {
            store: self.header_store(&r.store_code).await?,
            code: r.voucher.voucher_code.clone(),
            amount: r.amount.amount(),
            currency: r.currency.code().to_string(),
            issued_at: r.returned_at,
            expires_on: r.voucher.voucher_expires_on.unwrap_or(r.returned_at.date()),
            slip_number: Some(unverified_number(&r.store_code, r.id)),
            holder: None,
            terms_text: crate::slip::voucher_terms(lang).to_string(),
        };
        let pdf = crate::slip::render_store_credit_voucher(&view, lang, layout).map_err(|e| DeskError::Internal(e.to_string()))?;
        Ok(super::documents::Document { pdf, number: r.voucher.voucher_code })
    }

    /// The customer's slip of a goodwill refund.
    pub async fn goodwill_document(
        &self,
        session: &Session,
        id: i64,
        lang: crate::slip::Lang,
        layout: crate::slip::Layout,
    ) -> Result<super::documents::Document, DeskError> {
        let g = self.goodwill_of_store(session, id).await?;
        let number = goodwill_number(&g.store_code, g.id);
        let view = crate::slip::view::GoodwillDocument {
            store: self.header_store(&g.store_code).await?,
            number: number.clone(),
            issued_at: g.paid_at,
            desk: g.terminal_code.clone().unwrap_or_else(|| "—".into()),
            manager: g.manager_name.clone(),
            receipt_number: g.receipt_number.clone(),
            product: g.product.clone(),
            sku: g.sku.clone(),
            reason: g.reason.clone(),
            amount: g.amount.amount(),
            currency: g.currency.code().to_string(),
            tenders: g.tenders.iter().map(|t| (tender_code(t.kind), t.amount.amount())).collect(),
            voucher_code: g.voucher.as_ref().map(|v| v.code.clone()),
        };
        let pdf = crate::slip::render_goodwill(&view, lang, layout).map_err(|e| DeskError::Internal(e.to_string()))?;
        Ok(super::documents::Document { pdf, number })
    }

    /// Finds a receipt by a serial it sold, among the sales the session's store takes returns of.
    pub(crate) async fn receipt_by_serial(&self, session: &Session, serial: &str) -> Result<Option<i64>, DeskError> {
        for id in self.db.receipts_of_serial(serial.trim()).await? {
            if let Some(store) = self.db.receipt_store(id).await? {
                if self.takes_returns_of(session, &store).await? {
                    return Ok(Some(id));
                }
            }
        }
        Ok(None)
    }
}

/// An unverified return's number: `U-S01-00001`.
pub fn unverified_number(store_code: &str, id: i64) -> String {
    format!("U-{store_code}-{id:05}")
}

/// A goodwill refund's number: `G-S01-00001`.
pub fn goodwill_number(store_code: &str, id: i64) -> String {
    format!("G-{store_code}-{id:05}")
}

/// The tender a goodwill tender row names, for the views.
pub fn tender_code(kind: TenderType) -> String {
    crate::store::code_of(&kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        assert_eq!(
            hmac_sha256(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn the_same_number_typed_differently_is_the_same_customer() {
        let a = id_key("k", "ab 12-3456");
        assert_eq!(a, id_key("k", "AB123456"));
        assert_ne!(a, id_key("other key", "AB123456"));
        assert_eq!(a.len(), 64);
        assert!(!a.contains("123456"));
    }
}
