//! The documents of one warranty claim, asked for by the claim: its intake (the complaint
//! register entry the customer takes home), its settlement and its rejection.

use super::auth::Session;
use super::documents::{Document, DocumentKind, DocumentRequest};
use super::{Desk, DeskError};
use crate::slip::view::{ClaimRejectionDocument, ClaimSettlementDocument, RejectedBy, Remedy, TenderAmount};
use crate::slip::{Lang, Layout};

/// Which document of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimDocumentKind {
    Intake,
    Settlement,
    Rejection,
}

impl ClaimDocumentKind {
    /// `intake`, `settlement` or `rejection`, else a bad input naming `kind`.
    pub fn parse(text: &str) -> Result<ClaimDocumentKind, DeskError> {
        match text.trim() {
            "" | "intake" => Ok(ClaimDocumentKind::Intake),
            "settlement" => Ok(ClaimDocumentKind::Settlement),
            "rejection" => Ok(ClaimDocumentKind::Rejection),
            other => Err(DeskError::BadInput { field: "kind", message: format!("\"{other}\" is not intake, settlement or rejection") }),
        }
    }
}

impl Desk {
    /// A document of one of the session's store's claims.
    pub async fn claim_document(
        &self,
        session: &Session,
        claim_id: i64,
        kind: ClaimDocumentKind,
        lang: Lang,
        layout: Layout,
    ) -> Result<Document, DeskError> {
        let claim = self
            .claims(session)
            .await?
            .into_iter()
            .find(|c| c.id == claim_id)
            .ok_or_else(|| DeskError::NotFound(format!("no warranty claim {claim_id} in this store")))?;
        let return_id = claim
            .return_id
            .ok_or_else(|| DeskError::NotFound(format!("warranty claim {claim_id} was not registered at the desk")))?;
        let failed = |e: crate::slip::SlipError| DeskError::Internal(e.to_string());
        // Issue 15: instants print as the store's wall clock showed them.
        let zone = self.zone_of(&session.store_code).await?;
        let local = |at| super::clock::wall_time(at, zone);
        match kind {
            ClaimDocumentKind::Intake => {
                let request = DocumentRequest { return_id, kind: DocumentKind::Claim, claim: Some(claim_id), lang, layout };
                self.document(session, &request).await
            }
            ClaimDocumentKind::Settlement => {
                let detail = self.claim_detail(session, claim_id).await?;
                let paid = detail
                    .settlement
                    .ok_or_else(|| DeskError::NotFound(format!("warranty claim {claim_id} has no settlement recorded")))?;
                let intake = self.warranty_claim_view(session, return_id, claim_id).await?;
                let remedy = match paid.remedy.as_str() {
                    "price_reduction" => Remedy::PriceReduction,
                    _ => Remedy::Refund,
                };
                let tenders = paid
                    .tenders
                    .iter()
                    .map(|t| {
                        let tender = serde_json::from_value(serde_json::Value::String(t.kind.clone()))
                            .map_err(|_| DeskError::Internal(format!("claim {claim_id}: unknown tender {}", t.kind)))?;
                        Ok(TenderAmount { tender, amount: t.amount.amount(), card_last4: None })
                    })
                    .collect::<Result<Vec<_>, DeskError>>()?;
                let settled_by = detail
                    .events
                    .iter()
                    .rev()
                    .find(|e| e.step == "settle")
                    .and_then(|e| e.display_name.clone())
                    .unwrap_or_default();
                let view = ClaimSettlementDocument {
                    remedy,
                    amount: paid.amount.amount(),
                    currency: paid.currency.code().to_string(),
                    tenders,
                    settled_at: local(paid.at),
                    settled_by,
                    claim: intake,
                };
                let pdf = crate::slip::render_claim_settlement(&view, lang, layout).map_err(failed)?;
                Ok(Document { pdf, number: view.claim.register_number })
            }
            ClaimDocumentKind::Rejection => {
                let detail = self.claim_detail(session, claim_id).await?;
                let events = &detail.events;
                let details = |e: &crate::store::ClaimEventRecord| -> serde_json::Value {
                    serde_json::from_str(&e.details_json).unwrap_or_default()
                };
                let text = |v: &serde_json::Value, key: &str| v[key].as_str().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
                // The store's rejection (with its reasons), else the service's (its finding).
                let by_store = events.iter().rev().find(|e| e.step == "reject");
                let by_service = events
                    .iter()
                    .rev()
                    .find(|e| e.step == "back_from_service" && details(e)["service_outcome"] == "rejected");
                let (event, rejected_by, reasons) = match (by_store, by_service) {
                    (Some(e), _) => (e, RejectedBy::Store, text(&details(e), "reasons")),
                    (None, Some(e)) => (e, RejectedBy::Service, text(&details(e), "finding")),
                    (None, None) => {
                        return Err(DeskError::NotFound(format!("warranty claim {claim_id} has no rejection recorded")))
                    }
                };
                let service_partner = match rejected_by {
                    RejectedBy::Service => {
                        events.iter().rev().find(|e| e.step == "send_to_service").and_then(|e| text(&details(e), "service_partner"))
                    }
                    RejectedBy::Store => None,
                };
                let intake = self.warranty_claim_view(session, return_id, claim_id).await?;
                let view = ClaimRejectionDocument {
                    rejected_by,
                    service_partner,
                    reasons: reasons.unwrap_or_default(),
                    rejected_at: local(event.at),
                    rejected_by_name: event.display_name.clone().unwrap_or_default(),
                    claim: intake,
                };
                let pdf = crate::slip::render_claim_rejection(&view, lang, layout).map_err(failed)?;
                Ok(Document { pdf, number: view.claim.register_number })
            }
        }
    }
}

