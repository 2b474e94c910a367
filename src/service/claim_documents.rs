//! The documents of one warranty claim, asked for by the claim: its intake (the complaint
//! register entry the customer takes home), its settlement and its rejection.

use super::auth::Session;
use super::documents::{Document, DocumentKind, DocumentRequest};
use super::{Desk, DeskError};
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
        match kind {
            ClaimDocumentKind::Intake => {
                let return_id = claim
                    .return_id
                    .ok_or_else(|| DeskError::NotFound(format!("warranty claim {claim_id} was not registered at the desk")))?;
                let request = DocumentRequest { return_id, kind: DocumentKind::Claim, claim: Some(claim_id), lang, layout };
                self.document(session, &request).await
            }
            // The claim's settlement and rejection are recorded by the claims' steps
            // (settle_claim, advance_claim reject); until a claim has one there is nothing to print.
            ClaimDocumentKind::Settlement => {
                Err(DeskError::NotFound(format!("warranty claim {claim_id} has no settlement recorded")))
            }
            ClaimDocumentKind::Rejection => {
                Err(DeskError::NotFound(format!("warranty claim {claim_id} has no rejection recorded")))
            }
        }
    }
}
