//! The documents of a recorded return — its slip, the store-credit voucher it issued, each of
//! its warranty claims — as PDF, and printing them on the store's printer.

use serde::Deserialize;

use super::auth::Session;
use super::slips::{manager_override, return_slip, SlipHeader};
use super::{Desk, DeskError};
use crate::slip::{Lang, Layout};
use crate::store::{AuditAction, AuditEvent, ReturnStatus};

/// Which document of a return.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The return slip the customer takes home.
    #[default]
    Slip,
    /// The store-credit voucher the return issued.
    Voucher,
    /// One of its warranty claims (the claim's id goes with it).
    Claim,
}

/// What to render: which document of which return, in which language and on which paper.
#[derive(Clone, Debug)]
pub struct DocumentRequest {
    pub return_id: i64,
    pub kind: DocumentKind,
    pub claim: Option<i64>,
    pub lang: Lang,
    pub layout: Layout,
}

/// A rendered document and its number (slip number, voucher code or register number).
#[derive(Clone, Debug)]
pub struct Document {
    pub pdf: Vec<u8>,
    pub number: String,
}

/// Where a printed document went.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Printed {
    pub printer: String,
    pub job: String,
    /// The document's number.
    pub slip_number: String,
}

/// The slip number of a recorded return.
pub fn slip_number(store_code: &str, id: i64) -> String {
    format!("{store_code}-R{id:07}")
}

/// The return a slip number names — what a slip's barcode encodes (`S01-R0000012`): its store and
/// return id; any case, with spaces around it; `None` for anything else.
pub fn parse_slip_number(text: &str) -> Option<(String, i64)> {
    let text = text.trim();
    let (store, id) = text.rsplit_once('-')?;
    let digits = id.strip_prefix('R').or_else(|| id.strip_prefix('r'))?;
    if store.is_empty() || digits.len() < 7 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((store.to_ascii_uppercase(), digits.parse().ok().filter(|id: &i64| *id > 0)?))
}

/// A complaint-register number as printed and shown: store and number.
pub fn claim_register_number(store_code: &str, register_no: i64) -> String {
    format!("{store_code}-{register_no:05}")
}

/// The facts behind a line's decision as the slip words them.
fn slip_facts(f: &super::LineFacts) -> crate::slip::why::LineFacts {
    crate::slip::why::LineFacts {
        days_since_purchase: f.days_since_purchase,
        return_days: f.return_days,
        window_end: f.window_end,
        withdrawal_end: f.withdrawal_end,
        legal_until: f.legal_until,
        commercial_until: f.commercial_until,
        category: f.category.clone(),
        left: f.sold.saturating_sub(f.already_returned),
        restocking_fee_pct: f.restocking_fee_pct.value(),
    }
}

impl Desk {
    /// A document of one of the session's store's completed returns.
    pub async fn document(&self, session: &Session, request: &DocumentRequest) -> Result<Document, DeskError> {
        let (lang, layout, claim_id) = (request.lang, request.layout, request.claim);
        let record = self.return_of_store(session, request.return_id).await?;
        // A declined return has one document: its slip, saying what was declined and why.
        let declined = record.status == ReturnStatus::Voided;
        if declined && request.kind != DocumentKind::Slip {
            return Err(DeskError::refused(
                "RETURN_DECLINED",
                format!("return {} was declined: its only document is its slip", record.id),
                serde_json::json!({ "return_id": record.id }),
            ));
        }
        if record.status == ReturnStatus::AwaitingManager {
            return Err(DeskError::refused(
                "RETURN_NOT_COMPLETED",
                format!("return {} was not completed: it has no documents", record.id),
                serde_json::json!({ "return_id": record.id }),
            ));
        }
        let context = self.context(record.receipt_id).await?;
        let store = &context.store;
        let number = slip_number(&store.code, record.id);
        let header_store = self.document_store(&store.code).await?;
        let desk = record.terminal_code.clone().unwrap_or_else(|| "—".into());
        let failed = |e: crate::slip::SlipError| DeskError::Internal(e.to_string());
        match request.kind {
            DocumentKind::Voucher => {
                let v = record
                    .voucher
                    .as_ref()
                    .ok_or_else(|| DeskError::NotFound(format!("return {} paid out no store credit: it has no voucher", record.id)))?;
                let view = crate::slip::view::StoreCreditVoucher {
                    store: header_store,
                    code: v.code.clone(),
                    amount: v.amount.amount(),
                    currency: v.currency.code().to_string(),
                    issued_at: record.request_now,
                    expires_on: v.expires_on.unwrap_or(record.request_now.date()),
                    slip_number: Some(number),
                    holder: None,
                    terms_text: crate::slip::voucher_terms(lang).to_string(),
                };
                let pdf = crate::slip::render_store_credit_voucher(&view, lang, layout).map_err(failed)?;
                Ok(Document { pdf, number: v.code.clone() })
            }
            DocumentKind::Claim => {
                let claim_id = claim_id.ok_or_else(|| DeskError::BadInput { field: "claim", message: "which claim: its id".into() })?;
                let view = self.warranty_claim_view(session, record.id, claim_id).await?;
                let register_number = view.register_number.clone();
                let pdf = crate::slip::render_warranty_claim(&view, lang, layout).map_err(failed)?;
                Ok(Document { pdf, number: register_number })
            }
            DocumentKind::Slip => {
                let (request, decision) = (&record.request, &record.decision);
                let header = SlipHeader {
                    store: header_store,
                    slip_number: number.clone(),
                    // The store-local time the return was judged at.
                    issued_at: record.request_now,
                    desk,
                    clerk: record.clerk_name.clone(),
                    return_days: context.rules.default_item_rules().return_days,
                    manager_override: manager_override(&record.approvals),
                };
                let mut view = return_slip(header, &context.receipt.sale.receipt, request, decision, lang);
                if declined {
                    let refusal = record.approvals.iter().find(|a| a.decision == crate::store::ApprovalVerdict::Rejected);
                    view.declined = Some(crate::slip::view::Declined {
                        manager: refusal.map(|a| a.manager.clone()).unwrap_or_default(),
                        reason: refusal.map(|a| a.reason.clone()).unwrap_or_default(),
                        approvals: record
                            .approvals
                            .iter()
                            .filter(|a| a.line.is_none())
                            .filter_map(|a| crate::domain::ApprovalCode::parse(&a.code))
                            .collect(),
                    });
                    view.tenders.clear();
                }
                // The reasons in the screen's words, and what each line registered as a claim is.
                let explained = context.explain(request, decision, record.request_now);
                let claims = self.claims_of_return(session, record.id).await?;
                for line in &mut view.lines {
                    line.facts = explained.iter().find(|e| e.line == line.line).map(|e| slip_facts(&e.facts));
                    line.claim = claims.iter().find(|c| c.line == line.line).map(|c| {
                        let basis = decision
                            .lines
                            .iter()
                            .find(|l| l.line.0 == c.line)
                            .and_then(|l| l.warranty.claim_due_basis)
                            .unwrap_or_else(|| {
                                let remedy = c.remedy.unwrap_or(crate::domain::Resolution::Repair);
                                store.jurisdiction.claim_settlement(remedy, crate::domain::ClaimTarget::default()).basis
                            });
                        crate::slip::view::ClaimNote {
                            register_number: c.register_number(),
                            remedy: c.remedy_asked.map_or(crate::slip::view::Remedy::Repair, crate::service::register::slip_remedy),
                            settle_by: c.claim_due_by,
                            claim_due_basis: basis,
                        }
                    });
                }
                let pdf = crate::slip::render_return_slip(&view, lang, layout).map_err(failed)?;
                Ok(Document { pdf, number })
            }
        }
    }

    /// The intake document's view of a claim a return registered (also the head of its
    /// settlement and rejection documents).
    pub(crate) async fn warranty_claim_view(
        &self,
        session: &Session,
        return_id: i64,
        claim_id: i64,
    ) -> Result<crate::slip::view::WarrantyClaimDocument, DeskError> {
        let record = self.return_of_store(session, return_id).await?;
        let context = self.context(record.receipt_id).await?;
        let store = &context.store;
        let header_store = self.document_store(&store.code).await?;
        let desk = record.terminal_code.clone().unwrap_or_else(|| "—".into());
        let claim = self.db
            .warranty_claims(&store.code)
            .await?
            .into_iter()
            .find(|c| c.id == claim_id && c.return_id == Some(record.id))
            .ok_or_else(|| DeskError::NotFound(format!("return {} has no warranty claim {claim_id}", record.id)))?;
        let register_no = claim.register_no;
        let sale = &context.receipt.sale.receipt;
        let line = sale
            .line(crate::domain::LineNo(claim.line))
            .ok_or_else(|| DeskError::Internal(format!("claim {claim_id}: no receipt line {}", claim.line)))?;
        use crate::domain::Resolution;
        // What the customer asked for at intake; a claim from before issue 11: its resolution.
        let remedy = match (claim.remedy_asked, claim.remedy) {
            (Some(asked), _) => crate::service::register::slip_remedy(asked),
            (None, Some(Resolution::Repair)) => crate::slip::view::Remedy::Repair,
            (None, Some(Resolution::Replace | Resolution::Exchange)) => crate::slip::view::Remedy::Replace,
            _ => crate::slip::view::Remedy::Refund,
        };
        let basis = claim.basis;
        // Whether the date is the law's deadline or the store's target, as the decision
        // stored with the return says; a decision from before contract v2 has no basis,
        // and then the store's jurisdiction gives it (the basis depends on nothing else).
        let claim_due_basis = record
            .decision
            .lines
            .iter()
            .find(|l| l.line.0 == claim.line)
            .and_then(|l| l.warranty.claim_due_basis)
            .unwrap_or_else(|| {
                let remedy = claim.remedy.unwrap_or(Resolution::Repair);
                store.jurisdiction.claim_settlement(remedy, crate::domain::ClaimTarget::default()).basis
            });
        let register_number = claim.register_number();
        let _ = register_no;
        let view = crate::slip::view::WarrantyClaimDocument {
            store: header_store,
            jurisdiction: store.jurisdiction,
            register_number: register_number.clone(),
            registered_at: record.request_now,
            desk,
            clerk: record.clerk_name.clone(),
            customer: crate::slip::view::Customer {
                name: claim.customer_name.clone(),
                phone: Some(claim.customer_contact.clone()).filter(|c| !c.trim().is_empty()),
                email: None,
                address: None,
            },
            product_name: line.name.clone(),
            sku: line.sku.clone(),
            serial_number: claim.serial.clone(),
            receipt_number: sale.number.clone(),
            purchase_date: sale.purchase_date(),
            price: line.unit_price.amount(),
            currency: sale.currency.code().to_string(),
            defect: claim.defect.clone(),
            remedy,
            basis,
            legal_until: claim.legal_until,
            commercial_until: claim.commercial_until,
            settle_by: claim.claim_due_by,
            claim_due_basis,
            accessories: Some(claim.accessories.clone()).filter(|a| !a.trim().is_empty()),
            item_state: Some(claim.item_state.clone()).filter(|a| !a.trim().is_empty()),
        };
        Ok(view)
    }

    /// Prints a document on the printer a manager chose for the store.
    pub async fn print(&self, session: &Session, request: &DocumentRequest) -> Result<Printed, DeskError> {
        let printer = self
            .db
            .setting(&session.store_code, "printer")
            .await?
            .filter(|p| !p.trim().is_empty())
            .ok_or_else(|| DeskError::refused("NO_PRINTER", "no printer is chosen: a manager sets one in Settings", serde_json::json!({})))?;
        let document = self.document(session, request).await?;
        let job = crate::slip::print(&document.pdf, &printer, &document.number)
            .map_err(|e| DeskError::PrintFailed(format!("{printer}: {e}")))?;
        let details = serde_json::json!({
            "document": request.kind,
            "number": document.number,
            "claim": request.claim,
            "printer": printer,
            "job": job.id,
        });
        let event = AuditEvent::new(AuditAction::DocumentPrinted, super::audit::actor(session), "return", request.return_id, details);
        self.db.append_audit(&event).await?;
        Ok(Printed { printer, job: job.id, slip_number: document.number })
    }
}
