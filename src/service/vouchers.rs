//! Store credit that can be spent (issue 14, part A). A voucher a return issued is read by its
//! code (typed or scanned, any case, with or without its dashes), redeemed at a till in part or
//! whole, and voided by a manager. Any signed-in user of the store — a clerk at the desk, or a
//! till's own user over HTTP (docs/till-api.md) — reads and redeems; another store's vouchers
//! are not found. Whether a voucher may be spent is judged here, against the voucher read under
//! its lock in the write transaction.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::auth::Session;
use super::{require_manager, Desk, DeskError};
use crate::domain::{Currency, Money};
use crate::store::{AuditActor, NewRedemption, RedemptionRecord, StoredVoucher, VoucherStatus, VoucherVoid};

/// Where a voucher stands for the customer: `expired` is an active voucher past its last day
/// (the store's today), computed, never stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoucherState {
    Active,
    Spent,
    Void,
    Expired,
}

impl VoucherState {
    /// The state of a voucher on the store's `today`: valid through its `expires_on`.
    pub fn of(v: &StoredVoucher, today: NaiveDate) -> VoucherState {
        match v.status {
            VoucherStatus::Spent => VoucherState::Spent,
            VoucherStatus::Void => VoucherState::Void,
            VoucherStatus::Active if v.expires_on.is_some_and(|last| today > last) => VoucherState::Expired,
            VoucherStatus::Active => VoucherState::Active,
        }
    }
}

/// A voucher with its redemptions, as a till or the desk sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct VoucherDetail {
    pub voucher: StoredVoucher,
    pub state: VoucherState,
    pub redemptions: Vec<RedemptionRecord>,
    /// The redemption this call made, or found under its key (a retry).
    pub redemption: Option<RedemptionRecord>,
    /// Whether this call took money (false: a retry, or no redemption asked).
    pub created: bool,
}

/// What a till asks to take from a voucher.
#[derive(Clone, Debug, Default)]
pub struct Redemption {
    pub code: String,
    pub amount: Money,
    /// Must be the voucher's, when given.
    pub currency: Option<Currency>,
    pub idempotency_key: String,
    pub till: String,
    pub sale_reference: String,
}

/// The voucher code as stored (`SC-XXXXX-XXXXX`) from what was typed or scanned: any case, with
/// or without the dashes and spaces, with or without the `SC` prefix. `None`: not a code.
pub fn voucher_code(text: &str) -> Option<String> {
    let plain: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    if text.chars().any(|c| !(c.is_ascii_alphanumeric() || c == '-' || c.is_whitespace())) {
        return None;
    }
    let body = match plain.len() {
        12 if plain.starts_with("SC") => &plain[2..],
        10 => &plain[..],
        _ => return None,
    };
    Some(format!("SC-{}-{}", &body[..5], &body[5..]))
}

/// What a till sends with a payment it takes (`act`: "redemption"; `paid`: "the voucher"): its
/// idempotency key, its name and its sale's reference, trimmed and checked (400 naming the field).
pub(super) fn till_sale<'a>(
    act: &str,
    paid: &str,
    key: &'a str,
    till: &'a str,
    sale_reference: &'a str,
) -> Result<(&'a str, &'a str, &'a str), DeskError> {
    let (key, till, sale_reference) = (key.trim(), till.trim(), sale_reference.trim());
    if key.is_empty() {
        return Err(bad("idempotency_key", format!("a {act} needs an idempotency key")));
    }
    if till.is_empty() {
        return Err(bad("till", format!("which till takes {paid}")));
    }
    if sale_reference.is_empty() {
        return Err(bad("sale_reference", format!("the sale {paid} pays for (its receipt or basket number)")));
    }
    if till.chars().count() > 64 {
        return Err(bad("till", "at most 64 characters"));
    }
    if sale_reference.chars().count() > 128 {
        return Err(bad("sale_reference", "at most 128 characters"));
    }
    Ok((key, till, sale_reference))
}

fn bad(field: &'static str, message: impl Into<String>) -> DeskError {
    DeskError::BadInput { field, message: message.into() }
}

fn moment(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Why a voucher cannot give `amount` on `today`, as the till says it (409), with its own code
/// and the facts its sentence names (the voucher, since when, what is left on it).
fn refusal(v: &StoredVoucher, today: NaiveDate, amount: Money) -> Option<DeskError> {
    use serde_json::json;
    let facts = json!({ "voucher": v.code, "balance": v.balance, "currency": v.currency, "amount": amount });
    let with = |extra: serde_json::Value| {
        let mut all = facts.clone();
        if let (Some(all), Some(extra)) = (all.as_object_mut(), extra.as_object()) {
            all.extend(extra.clone());
        }
        all
    };
    let last = v.expires_on.unwrap_or(today);
    let (code, why, facts) = match VoucherState::of(v, today) {
        VoucherState::Void => (
            "VOUCHER_VOID",
            format!(
                "the voucher {} is void since {}{}: it cannot be redeemed",
                v.code,
                v.voided_at.map(moment).unwrap_or_default(),
                v.void_reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
            ),
            with(json!({ "since": v.voided_at.map(|t| t.to_rfc3339()), "void_reason": v.void_reason })),
        ),
        VoucherState::Spent => (
            "VOUCHER_SPENT",
            format!("the voucher {} is spent since {}: nothing is left on it", v.code, v.last_redeemed_at.map(moment).unwrap_or_default()),
            with(json!({ "since": v.last_redeemed_at.map(|t| t.to_rfc3339()) })),
        ),
        VoucherState::Expired => (
            "VOUCHER_EXPIRED",
            format!(
                "the voucher {} is expired since {}: it was valid until {last} ({} {} left on it)",
                v.code,
                last.succ_opt().unwrap_or(last),
                v.balance,
                v.currency
            ),
            with(json!({ "valid_until": last })),
        ),
        VoucherState::Active if amount > v.balance => (
            "VOUCHER_BALANCE_SHORT",
            format!("the voucher {} has only {} {} left: {} cannot be redeemed", v.code, v.balance, v.currency, amount),
            with(json!({ "field": "amount" })),
        ),
        VoucherState::Active => return None,
    };
    Some(DeskError::refused(code, why, facts))
}

/// Why a voucher cannot be voided: it is void already, or spent (VOUCHER_VOID / VOUCHER_SPENT,
/// saying since when); an active voucher, expired or not, may be voided.
pub(crate) fn not_voidable(v: &StoredVoucher) -> Option<DeskError> {
    match v.status {
        VoucherStatus::Active => None,
        VoucherStatus::Void | VoucherStatus::Spent => refusal(v, NaiveDate::MIN, Money::ZERO),
    }
}

impl Desk {
    fn voucher_actor(session: &Session) -> AuditActor {
        AuditActor { user_id: Some(session.user.id), terminal_id: session.terminal_id, store_code: Some(session.store_code.clone()) }
    }

    /// The session's store's voucher of this code: a code of another store is not found.
    async fn voucher_of_store(&self, session: &Session, code: &str) -> Result<StoredVoucher, DeskError> {
        let typed = code.trim();
        if typed.is_empty() {
            return Err(bad("code", "type or scan the voucher's code"));
        }
        let not_found = || DeskError::NotFound(format!("no voucher {typed} at this store"));
        let Some(code) = voucher_code(typed) else {
            return Err(not_found());
        };
        self.db.voucher_by_code(&code).await?.filter(|v| v.store_code == session.store_code).ok_or_else(not_found)
    }

    async fn voucher_detail(&self, voucher: StoredVoucher, redemption: Option<RedemptionRecord>, created: bool) -> Result<VoucherDetail, DeskError> {
        let redemptions = self.db.voucher_redemptions(voucher.id).await?;
        Ok(VoucherDetail { state: VoucherState::of(&voucher, self.now_at(&voucher.store_code).await?.date()), voucher, redemptions, redemption, created })
    }

    /// A voucher of the session's store with its redemptions.
    pub async fn voucher(&self, session: &Session, code: &str) -> Result<VoucherDetail, DeskError> {
        let voucher = self.voucher_of_store(session, code).await?;
        self.voucher_detail(voucher, None, false).await
    }

    /// Takes an amount from a voucher of the session's store, at a till for a sale: the input
    /// checked first (400 naming the field, nothing written), then the voucher judged under its
    /// lock (void, spent, expired or short: 409 saying which and since when, or what is left),
    /// and the balance taken by a conditional update. The same key answers the same redemption
    /// (another amount under it: 409).
    pub async fn redeem_voucher(&self, session: &Session, r: &Redemption) -> Result<VoucherDetail, DeskError> {
        if !r.amount.is_positive() {
            return Err(bad("amount", "an amount above zero"));
        }
        let (key, till, sale_reference) = till_sale("redemption", "the voucher", &r.idempotency_key, &r.till, &r.sale_reference)?;
        let voucher = self.voucher_of_store(session, &r.code).await?;
        if let Some(currency) = r.currency.filter(|c| *c != voucher.currency) {
            return Err(bad("currency", format!("the voucher {} is in {}, not {currency}", voucher.code, voucher.currency)));
        }
        let desk = session.terminal_code.as_deref().unwrap_or("-");
        let new = NewRedemption {
            voucher_id: voucher.id,
            idempotency_key: format!("{}/{desk}/{key}", session.store_code),
            amount: r.amount,
            till: till.to_string(),
            sale_reference: sale_reference.to_string(),
            at: self.clock.instant(),
            actor: Self::voucher_actor(session),
        };
        let today = self.now_for(session).await?.date();
        let amount = r.amount;
        let check = move |v: &StoredVoucher| -> Result<(), crate::store::Refusal> {
            match refusal(v, today, amount) {
                Some(e) => Err(Box::new(e)),
                None => Ok(()),
            }
        };
        let (redemption, created) = self.db.redeem_voucher(&new, &check).await?;
        let voucher = self.voucher_of_store(session, &voucher.code).await?;
        self.voucher_detail(voucher, Some(redemption), created).await
    }

    /// A manager voids a voucher of the session's store, with a reason: its balance is
    /// forfeited. A voucher spent or void already: 409 saying since when.
    pub async fn void_voucher(&self, session: &Session, code: &str, reason: &str) -> Result<VoucherDetail, DeskError> {
        require_manager(session)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(bad("reason", "say why the voucher is voided"));
        }
        if reason.chars().count() > 500 {
            return Err(bad("reason", "at most 500 characters"));
        }
        let voucher = self.voucher_of_store(session, code).await?;
        if let Some(refused) = not_voidable(&voucher) {
            return Err(refused);
        }
        let voided = self
            .db
            .void_voucher(&VoucherVoid {
                voucher_id: voucher.id,
                reason: reason.to_string(),
                at: self.clock.instant(),
                actor: Self::voucher_actor(session),
            })
            .await?;
        self.voucher_detail(voided, None, true).await
    }
}

#[cfg(test)]
mod tests {
    use super::voucher_code;

    #[test]
    fn codes_are_read_in_any_case_with_or_without_dashes() {
        for typed in ["SC-ABCDE-23456", "sc-abcde-23456", "SCABCDE23456", "abcde23456", " sc abcde 23456 ", "ABCDE-23456"] {
            assert_eq!(voucher_code(typed).as_deref(), Some("SC-ABCDE-23456"), "{typed}");
        }
        for not in ["", "SC-ABCDE", "SC-ABCDE-234567", "SC_ABCDE_23456", "XX-ABCDE-23456"] {
            assert_eq!(voucher_code(not), None, "{not}");
        }
    }
}
