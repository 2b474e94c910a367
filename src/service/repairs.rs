//! Post-warranty paid repair orders (issue 11): an item outside every warranty taken in as a
//! paid repair (estimate, the customer's acceptance, the price paid at pick-up). Not a
//! complaint: no entry in the complaint register. The warranty is judged by the engine (the
//! line's legal guarantee and commercial warranty, moved by earlier repairs), never here. Any
//! signed-in user of the store works on its orders; another store's orders are not found.

use chrono::{Datelike, NaiveDate};
use serde_json::json;

use super::auth::Session;
use super::claims::answers_search;
use super::{Desk, DeskError};
use crate::domain::repair::{check_estimate, check_payment, final_price, price_due, PriceError, RepairOutcome, RepairStage, RepairStep};
use crate::domain::{evaluate, Condition, LineNo, Money, Quantity, RequestLine, Resolution, ReturnReason, ReturnRequest};
use crate::store::{AuditActor, NewRepairOrder, RepairAdvance, RepairEventRecord, RepairOrderRecord};

/// What the desk is asked to open.
#[derive(Clone, Debug, Default)]
pub struct RepairOpening {
    pub receipt_id: Option<i64>,
    pub receipt_line: Option<u32>,
    pub product: Option<String>,
    pub serial: Option<String>,
    pub customer_name: String,
    pub customer_contact: String,
    pub defect: String,
    pub accessories: Option<String>,
    pub item_state: Option<String>,
    pub estimate: Money,
    pub idempotency_key: String,
}

/// What is asked for a step (the inputs each step needs are checked here).
#[derive(Clone, Debug, Default)]
pub struct RepairStepRequest {
    pub step: Option<RepairStep>,
    pub service_partner: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub waybill: Option<String>,
    pub service_outcome: Option<RepairOutcome>,
    pub finding: Option<String>,
    pub final_price: Option<Money>,
    pub informed_how: Option<String>,
    pub price_paid: Option<Money>,
    pub tender: Option<String>,
}

/// A repair order with its history and what may be done next.
#[derive(Clone, Debug, PartialEq)]
pub struct RepairOrderDetail {
    pub record: RepairOrderRecord,
    pub events: Vec<RepairEventRecord>,
    pub allowed_steps: Vec<RepairStep>,
    /// Opened by this call (false: an earlier call with the same key, or read back).
    pub created: bool,
}

impl RepairOrderDetail {
    /// What the customer pays at pick-up.
    pub fn price_due(&self) -> Money {
        price_due(self.record.service_outcome, self.record.final_price)
    }
}

fn text(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

fn bad(field: &'static str, message: impl Into<String>) -> DeskError {
    DeskError::BadInput { field, message: message.into() }
}

fn priced(field: &'static str, e: PriceError) -> DeskError {
    bad(field, e.to_string())
}

/// Whether an order answers a search: its number, the customer's phone or e-mail, or the
/// item's serial (as for claims).
pub fn repair_matches(o: &RepairOrderRecord, q: &str) -> bool {
    answers_search(q, &o.number(), o.serial.as_deref(), &o.customer_contact)
}

impl Desk {
    fn repair_actor(session: &Session) -> AuditActor {
        AuditActor { user_id: Some(session.user.id), terminal_id: session.terminal_id, store_code: Some(session.store_code.clone()) }
    }

    async fn repair_detail(&self, record: RepairOrderRecord, created: bool) -> Result<RepairOrderDetail, DeskError> {
        let events = self.db.repair_events(record.id).await?;
        Ok(RepairOrderDetail { allowed_steps: record.stage.allowed_steps(), events, record, created })
    }

    async fn repair_of_store(&self, session: &Session, id: i64) -> Result<RepairOrderRecord, DeskError> {
        self.db
            .repair_order(id)
            .await?
            .filter(|o| o.store_code == session.store_code)
            .ok_or_else(|| DeskError::NotFound(format!("no repair order {id}")))
    }

    /// The line's product name and its warranty as the engine judges it today (the legal
    /// guarantee and the commercial warranty, with the dates earlier repairs moved): an item
    /// still under either is refused (409 UNDER_WARRANTY).
    async fn outside_warranty(&self, session: &Session, receipt_id: i64, line: u32) -> Result<(String, serde_json::Value), DeskError> {
        let unknown = || bad("receipt_line", format!("no receipt #{receipt_id} at this store"));
        self.receipt_at(session, receipt_id).await.map_err(|e| match e {
            DeskError::ReceiptNotFound(_) => unknown(),
            e => e,
        })?;
        let context = self.context(receipt_id).await?;
        let sale = &context.receipt.sale.receipt;
        let Some(sold) = sale.line(LineNo(line)) else {
            return Err(bad("receipt_line", format!("receipt {} has no line {line}", sale.number)));
        };
        let request = ReturnRequest {
            resolution: Resolution::Repair,
            lines: vec![RequestLine {
                line: LineNo(line),
                qty: Quantity::new(1).expect("1 is a quantity"),
                reason: ReturnReason::Defective,
                condition: Condition::Used,
                no_analogue: false,
            }],
        };
        let now = self.now_for(session).await?;
        let case = context.case(&request, &context.receipt.history, now)?;
        let decision = evaluate(&case);
        let warranty = decision.lines.first().map(|l| l.warranty).ok_or_else(|| DeskError::Internal("no line judged".into()))?;
        let today = now.date();
        if let Some(until) = warranty.legal_until.filter(|d| *d >= today) {
            return Err(DeskError::UnderWarranty(format!(
                "this item is under the legal guarantee until {until}: register a warranty claim, it is free of charge"
            )));
        }
        if let Some(until) = warranty.commercial_until.filter(|d| *d >= today) {
            return Err(DeskError::UnderWarranty(format!(
                "this item is under the commercial warranty until {until}: register a warranty claim, it is free of charge"
            )));
        }
        let judged = json!({
            "receipt_number": sale.number,
            "receipt_line": line,
            "legal_until": warranty.legal_until,
            "commercial_until": warranty.commercial_until,
        });
        Ok((sold.name.clone(), judged))
    }

    /// Opens a paid repair order at the session's desk: the customer, the item and the
    /// estimate checked (400 naming the field, nothing written); an item found on a receipt
    /// (its line, or a serial the store sold) must be outside every warranty; numbered per
    /// store and year in the write transaction. The same key gives back the same order.
    pub async fn open_repair_order(&self, session: &Session, o: &RepairOpening) -> Result<RepairOrderDetail, DeskError> {
        let name = o.customer_name.trim();
        if name.is_empty() {
            return Err(bad("customer.name", "a repair order needs the customer's name"));
        }
        let contact = o.customer_contact.trim();
        if contact.is_empty() {
            return Err(bad("customer.contact", "a repair order needs the customer's phone or e-mail"));
        }
        let defect = o.defect.trim();
        if defect.is_empty() {
            return Err(bad("defect", "describe the defect"));
        }
        let estimate = check_estimate(o.estimate).map_err(|e| priced("estimate", e))?;
        if o.idempotency_key.trim().is_empty() {
            return Err(bad("idempotency_key", "a repair order needs an idempotency key"));
        }
        let serial = text(&o.serial);
        // The receipt line: given, or the one the store sold the serial on.
        let line = match (o.receipt_id, o.receipt_line) {
            (Some(id), Some(line)) => Some((id, line)),
            (Some(_), None) | (None, Some(_)) => {
                return Err(bad("receipt_line", "give both the receipt and its line, or neither"))
            }
            (None, None) => match &serial {
                Some(s) => self
                    .db
                    .sold_serial(&session.store_code, s)
                    .await?
                    .map(|(id, line)| (id, u32::try_from(line).unwrap_or_default())),
                None => None,
            },
        };
        let (product, judged) = match line {
            Some((id, l)) => {
                let (name, judged) = self.outside_warranty(session, id, l).await?;
                (name, judged)
            }
            None => (text(&o.product).ok_or_else(|| bad("product", "what is the item (or give its receipt line)"))?, json!({})),
        };
        let store = self.db.store(&session.store_code).await?.ok_or_else(|| DeskError::UnknownStore(session.store_code.clone()))?;
        let desk = session.terminal_code.as_deref().unwrap_or("-");
        let new = NewRepairOrder {
            store_code: session.store_code.clone(),
            idempotency_key: format!("{}/{desk}/{}", session.store_code, o.idempotency_key.trim()),
            receipt_id: line.map(|(id, _)| id),
            receipt_line: line.map(|(_, l)| l),
            product,
            serial,
            customer_name: name.to_string(),
            customer_contact: contact.to_string(),
            defect: defect.to_string(),
            accessories: text(&o.accessories).unwrap_or_default(),
            item_state: text(&o.item_state).unwrap_or_default(),
            estimate,
            currency: store.currency,
            year: self.now_for(session).await?.year(),
            at: self.clock.instant(),
            actor: Self::repair_actor(session),
            details: json!({ "warranty": judged }),
        };
        let (record, created) = self.db.open_repair_order(&new).await?;
        self.repair_detail(record, created).await
    }

    /// The session's store's repair orders (of a stage, answering `q`): open ones first, newest first.
    pub async fn find_repair_orders(
        &self,
        session: &Session,
        stage: Option<RepairStage>,
        q: Option<&str>,
    ) -> Result<Vec<RepairOrderDetail>, DeskError> {
        self.store_repair_orders(&session.store_code, stage, q).await
    }

    /// A store's repair orders (of a stage, answering `q`): for the session's store above, and
    /// for the command line, which is trusted like the database it opens.
    pub async fn store_repair_orders(
        &self,
        store_code: &str,
        stage: Option<RepairStage>,
        q: Option<&str>,
    ) -> Result<Vec<RepairOrderDetail>, DeskError> {
        let mut found = Vec::new();
        for record in self.db.repair_orders(store_code).await? {
            if stage.is_some_and(|s| s != record.stage) || q.is_some_and(|q| !repair_matches(&record, q)) {
                continue;
            }
            found.push(self.repair_detail(record, false).await?);
        }
        Ok(found)
    }

    /// One of the session's store's repair orders, with its history.
    pub async fn repair_order(&self, session: &Session, id: i64) -> Result<RepairOrderDetail, DeskError> {
        let record = self.repair_of_store(session, id).await?;
        self.repair_detail(record, false).await
    }

    /// Takes one step of a repair order: checked against its stage (409 naming the stage and
    /// the steps allowed), its inputs checked (400 naming the field), recorded with its event
    /// and audit entry in one transaction, conditional on the stage read here.
    pub async fn advance_repair_order(&self, session: &Session, id: i64, r: &RepairStepRequest) -> Result<RepairOrderDetail, DeskError> {
        let step = r.step.ok_or_else(|| bad("step", "which step"))?;
        let order = self.repair_of_store(session, id).await?;
        let to = order.stage.after(step)?;
        let today = self.now_for(session).await?.date();
        let mut advance = RepairAdvance {
            order_id: id,
            from: order.stage,
            to,
            step,
            details: json!({}),
            at: self.clock.instant(),
            actor: Self::repair_actor(session),
            service_partner: None,
            waybill: None,
            sent_on: None,
            back_on: None,
            service_outcome: None,
            finding: None,
            final_price: None,
            price_paid: None,
            tender: None,
        };
        match step {
            RepairStep::AcceptEstimate => advance.details = json!({ "estimate": order.estimate }),
            RepairStep::DeclineEstimate | RepairStep::Close => {}
            RepairStep::SendToService => {
                let partner = text(&r.service_partner).ok_or_else(|| bad("service_partner", "the service partner is required for this step"))?;
                let sent_on = r.sent_on.unwrap_or(today);
                if sent_on > today {
                    return Err(bad("sent_on", format!("{sent_on} is after today ({today})")));
                }
                advance.waybill = text(&r.waybill);
                advance.details = json!({ "service_partner": partner, "sent_on": sent_on, "waybill": advance.waybill });
                advance.service_partner = Some(partner);
                advance.sent_on = Some(sent_on);
            }
            RepairStep::BackFromService => {
                let outcome = r.service_outcome.ok_or_else(|| bad("service_outcome", "repaired or not_repairable"))?;
                let finding = text(&r.finding).ok_or_else(|| bad("finding", "the service's finding is required for this step"))?;
                let price = match outcome {
                    RepairOutcome::Repaired => Some(final_price(order.estimate, r.final_price).map_err(|e| priced("final_price", e))?),
                    RepairOutcome::NotRepairable if r.final_price.is_some_and(|p| p.is_positive()) => {
                        return Err(bad("final_price", "an item that could not be repaired has no price"))
                    }
                    RepairOutcome::NotRepairable => None,
                };
                advance.details = json!({ "service_outcome": outcome, "finding": finding, "final_price": price });
                advance.service_outcome = Some(outcome);
                advance.finding = Some(finding);
                advance.final_price = price;
                advance.back_on = Some(today);
            }
            RepairStep::InformCustomer => advance.details = json!({ "informed_how": text(&r.informed_how) }),
            RepairStep::HandBack => {
                let due = price_due(order.service_outcome, order.final_price);
                let paid = check_payment(due, r.price_paid).map_err(|e| priced("price_paid", e))?;
                let tender = if due.is_positive() {
                    let tender = text(&r.tender).ok_or_else(|| bad("tender", format!("how the customer paid {due}: cash or card")))?;
                    if !matches!(tender.as_str(), "cash" | "card") {
                        return Err(bad("tender", format!("\"{tender}\": the store takes cash or card")));
                    }
                    Some(tender)
                } else {
                    None
                };
                advance.details = json!({ "price_paid": paid, "currency": order.currency, "tender": tender });
                advance.price_paid = Some(paid);
                advance.tender = tender;
            }
        }
        let record = self.db.advance_repair_order(&advance).await?;
        self.repair_detail(record, false).await
    }
}

/// Which document of a repair order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepairDocumentKind {
    /// The order the customer signs at intake.
    Order,
    /// The pick-up receipt, once handed back.
    Pickup,
}

impl RepairDocumentKind {
    /// `order` or `pickup`, else a bad input naming `kind`.
    pub fn parse(text: &str) -> Result<RepairDocumentKind, DeskError> {
        match text.trim() {
            "order" => Ok(RepairDocumentKind::Order),
            "pickup" => Ok(RepairDocumentKind::Pickup),
            other => Err(bad("kind", format!("\"{other}\" is not order or pickup"))),
        }
    }
}


impl Desk {
    /// A document of one of the session's store's repair orders, in `lang` (default: the
    /// store's language). The pick-up receipt exists once the item was handed back (409 before).
    pub async fn repair_document(
        &self,
        session: &Session,
        id: i64,
        kind: RepairDocumentKind,
        lang: Option<crate::slip::Lang>,
        layout: crate::slip::Layout,
    ) -> Result<super::documents::Document, DeskError> {
        use crate::slip::{Customer, Lang, RepairOrderDocument, RepairPickup, RepairResult};
        let detail = self.repair_order(session, id).await?;
        let o = &detail.record;
        let lang = match lang {
            Some(lang) => lang,
            None => Lang::parse(&self.db.store_language(&o.store_code).await?.unwrap_or_default()).unwrap_or(Lang::En),
        };
        let store = self.db.store(&o.store_code).await?.ok_or_else(|| DeskError::UnknownStore(o.store_code.clone()))?;
        // Issue 15: instants print as the store's wall clock showed them.
        let zone = self.zone_of(&store.code).await?;
        let local = |at| super::clock::wall_time(at, zone);
        let header = self.document_store(&store.code).await?;
        let contact = o.customer_contact.trim().to_string();
        let email = contact.contains('@');
        let doc = RepairOrderDocument {
            store: header,
            number: o.number(),
            opened_at: local(o.opened_at),
            clerk: o.opened_by_name.clone(),
            customer: Customer {
                name: o.customer_name.clone(),
                phone: (!email).then(|| contact.clone()),
                email: email.then(|| contact.clone()),
                address: None,
            },
            product: o.product.clone(),
            serial: o.serial.clone(),
            receipt_number: o.receipt_number.clone(),
            defect: o.defect.clone(),
            accessories: o.accessories.clone(),
            item_state: o.item_state.clone(),
            estimate: o.estimate.amount(),
            currency: o.currency.code().to_string(),
            pickup: None,
        };
        let failed = |e: crate::slip::SlipError| DeskError::Internal(e.to_string());
        let pdf = match kind {
            RepairDocumentKind::Order => crate::slip::render_repair_order(&doc, lang, layout).map_err(failed)?,
            RepairDocumentKind::Pickup => {
                let handed = detail.events.iter().rev().find(|e| e.step == RepairStep::HandBack.code());
                let (Some(at), Some(event)) = (o.handed_back_at, handed) else {
                    return Err(DeskError::refused(
                        "REPAIR_NOT_HANDED_BACK",
                        format!("repair order {} is {}: it has a pick-up receipt once handed back", o.number(), o.stage),
                        serde_json::json!({ "order": o.number(), "stage": o.stage.to_string() }),
                    ));
                };
                let tender = match o.tender.as_deref() {
                    Some(t) => Some(
                        serde_json::from_value(serde_json::Value::String(t.to_string()))
                            .map_err(|_| DeskError::Internal(format!("repair order {id}: unknown tender {t}")))?,
                    ),
                    None => None,
                };
                let pickup = RepairPickup {
                    result: match o.service_outcome {
                        Some(RepairOutcome::Repaired) => RepairResult::Repaired,
                        Some(RepairOutcome::NotRepairable) => RepairResult::NotRepairable,
                        None => RepairResult::EstimateDeclined,
                    },
                    service_partner: o.service_partner.clone(),
                    finding: o.finding.clone(),
                    price_paid: o.price_paid.unwrap_or(Money::ZERO).amount(),
                    tender,
                    handed_back_at: local(at),
                    handed_back_by: event.display_name.clone().unwrap_or_default(),
                };
                crate::slip::render_repair_pickup(&doc, &pickup, lang, layout).map_err(failed)?
            }
        };
        Ok(super::documents::Document { pdf, number: o.number() })
    }
}
