//! Exchanges (issue 14): the customer brings items back and takes others. The returned lines
//! are judged like a return with resolution `exchange` (the same engine verdict and manager
//! step); the new items are priced from the catalogue; the difference is paid back by the
//! refund rules or paid at the desk. Recorded in one transaction with a new sale receipt for
//! the new items (see `store/exchanges.rs`).

use serde::Serialize;

use super::auth::Session;
use super::{queue, Desk, DeskError, ManagerDecision, ReturnDraft};
use crate::domain::exchange::{split, ExchangeSplit};
use crate::domain::{Decision, ManagerRuling, Money, Resolution, TenderType};
use crate::store::{DifferencePayment, ExchangeDue, ExchangeItem, ExchangeRecord, NewDuePayment, NewExchange, Product, ReturnRecord};

/// A new item as the clerk scanned it: SKU or barcode, how many, and its serial if it has one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct NewItem {
    /// The product's SKU or barcode.
    pub sku: String,
    pub qty: u32,
    #[serde(default)]
    pub serial: Option<String>,
}

/// An exchange as the desk puts it together: the return draft of the old items (resolution
/// exchange), the new items and how the customer pays a difference.
#[derive(Clone, Debug)]
pub struct ExchangeDraft {
    pub draft: ReturnDraft,
    pub new_items: Vec<NewItem>,
    pub difference: Option<DifferencePayment>,
}

/// How the store lets a customer pay an exchange's difference: at the desk by these tenders,
/// and whether it may be left as an amount due for the till (the store setting).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ExchangeDifferenceSetting {
    /// Tenders the desk takes a difference in: cash, card, gift_card.
    pub desk_tenders: Vec<TenderType>,
    /// The difference may be recorded as an amount due and paid at the till.
    pub at_till: bool,
}

impl Default for ExchangeDifferenceSetting {
    fn default() -> Self {
        ExchangeDifferenceSetting { desk_tenders: vec![TenderType::Cash, TenderType::Card], at_till: true }
    }
}

impl ExchangeDifferenceSetting {
    /// Parses the stored values (`exchange_difference_tenders`: "cash,card"; `exchange_difference_at_till`).
    fn from_stored(tenders: Option<&str>, at_till: Option<&str>) -> Self {
        let default = ExchangeDifferenceSetting::default();
        let desk_tenders = match tenders {
            Some(list) => list.split(',').filter_map(|t| desk_tender(t.trim())).collect(),
            None => default.desk_tenders,
        };
        ExchangeDifferenceSetting { desk_tenders, at_till: at_till.map_or(default.at_till, |v| v == "true") }
    }

    /// The values to store, checked: tenders a desk can take, at least one way to pay.
    pub(super) fn values(&self) -> Result<Vec<(&'static str, String)>, DeskError> {
        let mut tenders: Vec<TenderType> = Vec::new();
        for t in &self.desk_tenders {
            if !takes_difference(*t) {
                return Err(DeskError::BadInput {
                    field: "exchange_difference.desk_tenders",
                    message: format!("a desk takes a difference in cash, card or gift card, not {}", crate::store::code_of(t)),
                });
            }
            if !tenders.contains(t) {
                tenders.push(*t);
            }
        }
        if tenders.is_empty() && !self.at_till {
            return Err(DeskError::BadInput {
                field: "exchange_difference",
                message: "allow at least one way to pay a difference: a tender at the desk, or the till".into(),
            });
        }
        let list = tenders.iter().map(crate::store::code_of).collect::<Vec<_>>().join(",");
        Ok(vec![("exchange_difference_tenders", list), ("exchange_difference_at_till", self.at_till.to_string())])
    }

    /// Whether the store allows paying a difference this way.
    fn allows(&self, how: DifferencePayment) -> bool {
        match how {
            DifferencePayment::AtDesk(t) => self.desk_tenders.contains(&t),
            DifferencePayment::AtTill => self.at_till,
        }
    }

    /// The ways allowed, for a message ("cash, card or at the till").
    fn ways(&self) -> String {
        let mut ways: Vec<String> = self.desk_tenders.iter().map(|t| crate::store::code_of(t).replace('_', " ")).collect();
        if self.at_till {
            ways.push("at the till".into());
        }
        match ways.len() {
            0 => "no way".into(),
            1 => ways.remove(0),
            n => format!("{} or {}", ways[..n - 1].join(", "), ways[n - 1]),
        }
    }
}

/// Whether a difference can be taken in this tender (not store credit: a voucher is redeemed).
fn takes_difference(t: TenderType) -> bool {
    matches!(t, TenderType::Cash | TenderType::Card | TenderType::GiftCard)
}

/// A tender a desk can take a difference in, by its stored code.
fn desk_tender(code: &str) -> Option<TenderType> {
    match code {
        "cash" => Some(TenderType::Cash),
        "card" => Some(TenderType::Card),
        "gift_card" => Some(TenderType::GiftCard),
        _ => None,
    }
}

/// A till's payment of an exchange's amount due.
#[derive(Clone, Debug)]
pub struct DuePaymentAsked {
    pub amount: Money,
    pub currency: Option<crate::domain::Currency>,
    pub tender: TenderType,
    pub idempotency_key: String,
    pub till: String,
    pub sale_reference: String,
}

/// What the desk shows before confirming: V, N and the difference.
#[derive(Clone, Debug)]
pub struct ExchangeQuote {
    pub decision: Decision,
    pub items: Vec<ExchangeItem>,
    pub returned_value: Money,
    pub new_total: Money,
    pub split: ExchangeSplit,
    /// How the store lets the customer pay a difference.
    pub difference_allowed: ExchangeDifferenceSetting,
}

/// A recorded exchange and its return.
pub struct ConfirmedExchange {
    pub exchange: ExchangeRecord,
    pub ret: ReturnRecord,
    pub created: bool,
}

fn bad_item(index: usize, field: &'static str, message: String) -> DeskError {
    DeskError::BadItem { index, field, message }
}

/// The new items cost more than the returned ones and nobody said how the rest is paid.
pub(super) fn check_difference(exchange: &NewExchange, decision: &Decision) -> Result<(), DeskError> {
    let due = exchange.new_total() - decision.totals.refund;
    if due.is_positive() && exchange.difference.is_none() {
        return Err(DeskError::BadInput {
            field: "difference_tender",
            message: format!(
                "the new items cost {due} {} more than the returned ones: say how the customer pays it",
                exchange.currency.code()
            ),
        });
    }
    Ok(())
}

impl ExchangeDraft {
    /// The return of the old items, always with resolution exchange.
    pub fn return_draft(&self) -> ReturnDraft {
        let mut draft = self.draft.clone();
        draft.request.resolution = Resolution::Exchange;
        draft
    }
}

impl Desk {
    /// The store's `exchange_difference` setting.
    pub async fn exchange_difference_setting(&self, store_code: &str) -> Result<ExchangeDifferenceSetting, DeskError> {
        let tenders = self.db.setting(store_code, "exchange_difference_tenders").await?;
        let at_till = self.db.setting(store_code, "exchange_difference_at_till").await?;
        Ok(ExchangeDifferenceSetting::from_stored(tenders.as_deref(), at_till.as_deref()))
    }

    /// An exchange's amount due at the till, by the exchange's number (as printed and in its
    /// barcode), in the session's store; another store's is not found.
    pub async fn exchange_due(&self, session: &Session, number: &str) -> Result<ExchangeDue, DeskError> {
        let number = number.trim().to_uppercase();
        if number.is_empty() {
            return Err(DeskError::BadInput { field: "number", message: "scan or type the exchange's number (EX-…)".into() });
        }
        self.db
            .exchange_due(&session.store_code, &number)
            .await?
            .ok_or_else(|| DeskError::NotFound(format!("no amount due at the till for exchange {number}")))
    }

    /// A till takes an exchange's amount due, whole, by a tender; the same key answers the
    /// same payment once. Paid: the new items' receipt adds up and they can be returned.
    pub async fn pay_exchange_due(&self, session: &Session, number: &str, pay: &DuePaymentAsked) -> Result<(ExchangeDue, bool), DeskError> {
        let (key, till, sale_reference) =
            super::vouchers::till_sale("payment", "the amount due", &pay.idempotency_key, &pay.till, &pay.sale_reference)?;
        if !takes_difference(pay.tender) {
            return Err(DeskError::BadInput {
                field: "tender",
                message: format!("a till takes an amount due in cash, card or gift card, not {}", crate::store::code_of(&pay.tender)),
            });
        }
        if !pay.amount.is_positive() {
            return Err(DeskError::BadInput { field: "amount", message: "the amount paid must be above 0".into() });
        }
        let due = self.exchange_due(session, number).await?;
        if let Some(currency) = pay.currency {
            if currency != due.currency {
                return Err(DeskError::BadInput {
                    field: "currency",
                    message: format!("exchange {} is due in {}, not {}", due.number, due.currency.code(), currency.code()),
                });
            }
        }
        if due.payment.is_none() && pay.amount != due.amount {
            return Err(DeskError::BadInput {
                field: "amount",
                message: format!("the amount due on exchange {} is {} {}: the till takes it whole", due.number, due.amount, due.currency.code()),
            });
        }
        let payment = NewDuePayment {
            exchange_id: due.exchange_id,
            amount: pay.amount,
            tender: pay.tender,
            till: till.to_string(),
            sale_reference: sale_reference.to_string(),
            idempotency_key: format!("{}/{key}", session.store_code),
            at: self.clock.instant(),
            actor: super::audit::actor(session),
        };
        Ok(self.db.pay_exchange_due(&payment).await?)
    }

    /// A product of the catalogue by SKU or barcode.
    pub async fn find_product(&self, _session: &Session, code: &str) -> Result<Product, DeskError> {
        let code = code.trim();
        if code.is_empty() {
            return Err(DeskError::BadInput { field: "code", message: "scan or type the product's SKU or barcode".into() });
        }
        self.db.find_product(code).await?.ok_or_else(|| DeskError::NotFound(format!("no product with SKU or barcode {code}")))
    }

    /// The new items priced from the catalogue in the session's store's currency; an unknown
    /// SKU, a product without a price or priced in another currency is 400 naming
    /// `new_items[i].sku`.
    async fn price_items(&self, session: &Session, items: &[NewItem]) -> Result<Vec<ExchangeItem>, DeskError> {
        let store = self.db.store(&session.store_code).await?.ok_or_else(|| DeskError::UnknownStore(session.store_code.clone()))?;
        if items.is_empty() {
            return Err(DeskError::BadInput { field: "new_items", message: "scan the new items the customer takes".into() });
        }
        if items.len() > 100 {
            return Err(DeskError::BadInput { field: "new_items", message: "at most 100 new items".into() });
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let code = item.sku.trim();
            if code.is_empty() {
                return Err(bad_item(i, "sku", "scan or type the new item's SKU or barcode".into()));
            }
            if !(1..=999).contains(&item.qty) {
                return Err(bad_item(i, "qty", format!("from 1 to 999, got {}", item.qty)));
            }
            let product = self
                .db
                .find_product(code)
                .await?
                .ok_or_else(|| bad_item(i, "sku", format!("no product with SKU or barcode {code} in the catalogue")))?;
            let (Some(price), Some(currency), Some(vat_rate)) = (product.unit_price, product.currency, product.vat_rate) else {
                return Err(bad_item(i, "sku", format!("{} has no price in the catalogue: it cannot be exchanged into", product.sku)));
            };
            if currency != store.currency {
                return Err(bad_item(
                    i,
                    "sku",
                    format!("{} is priced in {}, the store sells in {}", product.sku, currency.code(), store.currency.code()),
                ));
            }
            let serial = item.serial.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
            if serial.is_some() && item.qty != 1 {
                return Err(bad_item(i, "qty", "an item with a serial is one item: give each its own line".into()));
            }
            out.push(ExchangeItem {
                sku: product.sku,
                name: product.name,
                category: product.category,
                brand: product.brand,
                qty: item.qty,
                unit_price: price,
                vat_rate,
                serials: serial.into_iter().collect(),
            });
        }
        Ok(out)
    }

    async fn new_exchange(&self, session: &Session, x: &ExchangeDraft, rules: &crate::domain::Policy) -> Result<NewExchange, DeskError> {
        let items = self.price_items(session, &x.new_items).await?;
        let store = self.db.store(&session.store_code).await?.ok_or_else(|| DeskError::UnknownStore(session.store_code.clone()))?;
        if let Some(how) = x.difference {
            let allowed = self.exchange_difference_setting(&store.code).await?;
            if !allowed.allows(how) {
                let asked = match how {
                    DifferencePayment::AtDesk(t) => crate::store::code_of(&t).replace('_', " "),
                    DifferencePayment::AtTill => "at the till".into(),
                };
                return Err(DeskError::BadInput {
                    field: "difference_tender",
                    message: format!("the store takes a difference {}, not {asked}", allowed.ways()),
                });
            }
        }
        let case_rules = rules.case_rules();
        Ok(NewExchange {
            items,
            currency: store.currency,
            difference: x.difference,
            tender_order: case_rules.tender_order.clone(),
            refund_to_store_credit: case_rules.refund_to == crate::domain::policy::RefundTo::StoreCredit,
        })
    }

    /// Judges an exchange without recording it: the returned lines' verdict (V), the new
    /// items at their catalogue price (N) and how the difference goes.
    pub async fn evaluate_exchange(
        &self,
        session: &Session,
        x: &ExchangeDraft,
        ruling: Option<&ManagerRuling>,
        customer: &queue::Customer,
    ) -> Result<(super::ReceiptContext, ExchangeQuote), DeskError> {
        let draft = x.return_draft();
        let (context, decision) = self.evaluate_for(session, &draft, ruling, customer).await?;
        let exchange = self.new_exchange(session, x, &context.rules).await?;
        let payout = context.payout_basis()?;
        let sale = &context.receipt.sale.receipt;
        let history = &context.receipt.history;
        let returned_value = decision.totals.refund;
        let new_total = exchange.new_total();
        let parts = split(
            returned_value,
            new_total,
            &exchange.tender_order,
            payout.conversion,
            exchange.refund_to_store_credit,
            |t| sale.paid_by(t) - history.refunded_to(t),
        );
        let difference_allowed = self.exchange_difference_setting(&session.store_code).await?;
        Ok((context, ExchangeQuote { decision, items: exchange.items, returned_value, new_total, split: parts, difference_allowed }))
    }

    /// Records an exchange at the session's desk (the key scoped `STORE/DESK/key`, like
    /// returns): the same key answers the same exchange, never a second one.
    pub async fn confirm_exchange(
        &self,
        session: &Session,
        x: &ExchangeDraft,
        idempotency_key: &str,
        manager: Option<&ManagerDecision>,
        customer: &queue::Customer,
    ) -> Result<ConfirmedExchange, DeskError> {
        if idempotency_key.trim().is_empty() {
            return Err(DeskError::BadInput { field: "idempotency_key", message: "a confirmation needs an idempotency key".into() });
        }
        self.receipt_at(session, x.draft.receipt_id).await?;
        let draft = x.return_draft();
        let context = self.context(draft.receipt_id).await?;
        let exchange = self.new_exchange(session, x, &context.rules).await?;
        let confirmed = self.confirm_as_exchange(session, &draft, idempotency_key, manager, customer, exchange).await?;
        let record = self
            .db
            .exchange_of_return(confirmed.record.id)
            .await?
            .ok_or_else(|| DeskError::IdempotencyKeyReused)?;
        Ok(ConfirmedExchange { exchange: record, ret: confirmed.record, created: confirmed.created })
    }

    /// One of the session's store's exchanges (another store's is not found).
    pub async fn exchange(&self, session: &Session, id: i64) -> Result<(ExchangeRecord, ReturnRecord), DeskError> {
        let record = self
            .db
            .exchange_by_id(id)
            .await?
            .filter(|x| x.store_code == session.store_code)
            .ok_or_else(|| DeskError::NotFound(format!("no exchange {id}")))?;
        let ret = self.db.return_by_id(record.return_id).await?.ok_or_else(|| DeskError::NotFound(format!("no exchange {id}")))?;
        Ok((record, ret))
    }

    /// The exchange a return was part of (for the return screen), if any.
    pub async fn exchange_of_return(&self, return_id: i64) -> Result<Option<ExchangeRecord>, DeskError> {
        Ok(self.db.exchange_of_return(return_id).await?)
    }

    /// The new items of an exchange: the lines of its new receipt.
    pub async fn exchange_items(&self, x: &ExchangeRecord) -> Result<Vec<crate::domain::ReceiptLine>, DeskError> {
        let receipt = self
            .db
            .find_receipt(&crate::store::ReceiptKey::Id(x.new_receipt_id))
            .await?
            .ok_or_else(|| DeskError::NotFound(format!("the receipt of exchange {}", x.number)))?;
        Ok(receipt.sale.receipt.lines)
    }

    /// The exchange document of one of the session's store's exchanges, in `lang` (default:
    /// the store's language): the items returned, the new items, the difference and how it
    /// was paid, the number as a barcode.
    pub async fn exchange_document(
        &self,
        session: &Session,
        id: i64,
        lang: Option<crate::slip::Lang>,
        layout: crate::slip::Layout,
    ) -> Result<super::documents::Document, DeskError> {
        use crate::slip::{ExchangeDocument, ExchangeLine, Lang};
        let (x, ret) = self.exchange(session, id).await?;
        let lang = match lang {
            Some(lang) => lang,
            None => Lang::parse(&self.db.store_language(&x.store_code).await?.unwrap_or_default()).unwrap_or(Lang::En),
        };
        let store = self.db.store(&x.store_code).await?.ok_or_else(|| DeskError::UnknownStore(x.store_code.clone()))?;
        let header = self.document_store(&store.code).await?;
        let original = self
            .db
            .find_receipt(&crate::store::ReceiptKey::Id(x.receipt_id))
            .await?
            .ok_or_else(|| DeskError::NotFound(format!("the receipt of exchange {}", x.number)))?;
        let returned = ret
            .decision
            .lines
            .iter()
            .filter_map(|l| {
                let sold = original.sale.receipt.line(l.line)?;
                Some(ExchangeLine { name: sold.name.clone(), sku: sold.sku.clone(), qty: l.qty.get(), amount: l.refund.amount(), serial: None })
            })
            .collect();
        let new_items = self
            .exchange_items(&x)
            .await?
            .into_iter()
            .map(|l| ExchangeLine {
                amount: Money::from_cents(l.unit_price.cents() * i64::from(l.qty.get())).amount(),
                name: l.name,
                sku: l.sku,
                qty: l.qty.get(),
                serial: l.serials.first().cloned(),
            })
            .collect();
        let doc = ExchangeDocument {
            store: header,
            number: x.number.clone(),
            // the desk's wall time the exchange was judged at (as the return's slip prints it)
            at: ret.request_now,
            clerk: x.clerk_name.clone(),
            receipt_number: x.receipt_number.clone(),
            currency: x.currency.code().to_string(),
            returned,
            new_items,
            returned_value: x.returned_value.amount(),
            new_total: x.new_total.amount(),
            paid: x.paid.amount(),
            paid_by: x.difference_tender.map(crate::domain::PayoutType::from),
            given_back: ret
                .decision
                .tenders
                .iter()
                .filter(|t| t.kind != crate::domain::PayoutType::Exchange)
                .map(|t| (t.kind, t.amount.amount()))
                .collect(),
            due_at_till: x.due_at_till.amount(),
            due_paid_by: x.due.as_ref().and_then(|d| d.payment.as_ref()).map(|p| crate::domain::PayoutType::from(p.tender)),
        };
        let pdf = crate::slip::render_exchange(&doc, lang, layout).map_err(|e| DeskError::Internal(e.to_string()))?;
        Ok(super::documents::Document { pdf, number: x.number })
    }
}


/// The fingerprint of an exchange as asked: the return's (draft, manager) and the new items
/// with their prices and the difference's tender. The same key with another one is refused.
pub(super) fn exchange_hash(draft: &ReturnDraft, manager: Option<&ManagerDecision>, x: &NewExchange) -> String {
    use sha2::{Digest, Sha256};
    let items: Vec<serde_json::Value> = x
        .items
        .iter()
        .map(|i| serde_json::json!({ "sku": i.sku, "qty": i.qty, "price": i.unit_price, "serials": i.serials }))
        .collect();
    let asked = serde_json::json!({
        "return": super::request_hash(draft, manager),
        "exchange": { "items": items, "difference_tender": x.difference.map(|d| match d {
            DifferencePayment::AtDesk(t) => crate::store::code_of(&t),
            DifferencePayment::AtTill => "till".to_string(),
        }) },
    });
    format!("{:x}", Sha256::digest(asked.to_string().as_bytes()))
}

impl Desk {
    /// [`Desk::confirm_for`] for the old items of an exchange: the return is recorded with the
    /// exchange's number and new receipt in one transaction.
    async fn confirm_as_exchange(
        &self,
        session: &Session,
        draft: &ReturnDraft,
        idempotency_key: &str,
        manager: Option<&ManagerDecision>,
        customer: &queue::Customer,
        exchange: NewExchange,
    ) -> Result<crate::store::ConfirmedReturn, DeskError> {
        let desk = session.terminal_code.as_deref().unwrap_or("-");
        let counter = super::Counter {
            store_code: Some(session.store_code.clone()),
            idempotency_key: format!("{}/{desk}/{}", session.store_code, idempotency_key.trim()),
            clerk_id: session.user.id,
            terminal_id: session.terminal_id,
            clerk_refund_limit: session.user.refund_limit,
            queued: None,
            customer_keys: Some(self.customer_keys(&session.store_code, draft.receipt_id, customer).await?),
            claim_intake: true,
            exchange: Some(exchange),
        };
        self.record(draft, &counter, self.now_for(session).await?, manager).await
    }
}
