//! The complaint register of a store and year, exported for an inspector: CSV for a
//! spreadsheet, PDF (A4 landscape) for the file, in the store's language unless asked otherwise.

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::auth::Session;
use super::{require_manager, Desk, DeskError};
use crate::domain::claim::RemedyAsked;
use crate::domain::Resolution;
use crate::slip::{Lang, RegisterLine, RegisterSheet};
use crate::store::{code_of, ClaimRecord};

/// The form of an exported register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegisterFormat {
    /// RFC 4180 CSV, UTF-8 with a byte-order mark.
    Csv,
    /// A4 landscape PDF.
    Pdf,
}

impl RegisterFormat {
    /// `csv` or `pdf` (any case), else a bad input naming `format`.
    pub fn parse(text: &str) -> Result<RegisterFormat, DeskError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(RegisterFormat::Csv),
            "pdf" => Ok(RegisterFormat::Pdf),
            _ => Err(DeskError::BadInput { field: "format", message: format!("\"{text}\" is not csv or pdf") }),
        }
    }
}

/// An exported register: its bytes, media type and file name.
#[derive(Clone, Debug)]
pub struct RegisterExportFile {
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
    /// e.g. `complaint-register-S01-2026.csv`.
    pub file_name: String,
}

/// The years a register may be asked for.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

impl Desk {
    /// The session's store's register of `year` (a manager's).
    pub async fn export_register(
        &self,
        session: &Session,
        year: i32,
        format: RegisterFormat,
        lang: Option<Lang>,
    ) -> Result<RegisterExportFile, DeskError> {
        require_manager(session)?;
        self.register_file(&session.store_code, year, format, lang).await
    }

    /// A store's register of `year` as a file: for the command line, which is trusted like
    /// the database it opens, and for [`Desk::export_register`].
    pub async fn register_file(
        &self,
        store_code: &str,
        year: i32,
        format: RegisterFormat,
        lang: Option<Lang>,
    ) -> Result<RegisterExportFile, DeskError> {
        let sheet = self.register_sheet(store_code, year).await?;
        let lang = match lang {
            Some(lang) => lang,
            None => {
                let stored = self.db.store_language(store_code).await?.unwrap_or_default();
                Lang::parse(&stored).unwrap_or(Lang::En)
            }
        };
        let name = format!("complaint-register-{store_code}-{year}");
        Ok(match format {
            RegisterFormat::Csv => RegisterExportFile {
                bytes: crate::slip::register_csv(&sheet, lang),
                media_type: "text/csv; charset=utf-8",
                file_name: format!("{name}.csv"),
            },
            RegisterFormat::Pdf => RegisterExportFile {
                bytes: crate::slip::render_register(&sheet, lang).map_err(|e| DeskError::Internal(e.to_string()))?,
                media_type: "application/pdf",
                file_name: format!("{name}.pdf"),
            },
        })
    }

    /// Every claim the store registered in `year` (by the store-local date of the claim), in
    /// register order.
    pub async fn register_sheet(&self, store_code: &str, year: i32) -> Result<RegisterSheet, DeskError> {
        if !YEARS.contains(&year) {
            return Err(DeskError::BadInput { field: "year", message: format!("{year} is not a year from 2000 to 2100") });
        }
        let store = self
            .db
            .store(store_code)
            .await?
            .ok_or_else(|| DeskError::BadInput { field: "store", message: format!("no store {store_code}") })?;
        // The register's year (a claim from before the per-year register: the year it was made).
        let year_of = |c: &ClaimRecord| c.register_year.unwrap_or(i64::from(c.claimed_on.year()));
        let mut claims: Vec<ClaimRecord> =
            self.db.warranty_claims(store_code).await?.into_iter().filter(|c| year_of(c) == i64::from(year)).collect();
        claims.sort_by_key(|c| (c.year_no.unwrap_or(c.register_no), c.register_no));
        // How each ended, as the register itself records it.
        let outcomes: std::collections::HashMap<String, String> = self
            .db
            .register_entries(store_code, year)
            .await?
            .into_iter()
            .filter_map(|e| Some((e.number, e.outcome.filter(|o| !o.trim().is_empty())?)))
            .collect();
        let header = self.document_store(store_code).await?;
        let entries = claims
            .iter()
            .map(|c| {
                let mut line = register_line(store.jurisdiction, c);
                line.outcome = outcomes.get(&line.register_number).cloned();
                line
            })
            .collect();
        Ok(RegisterSheet { store: header, store_code: store.code, year, entries })
    }
}

/// What the customer asked for, in the documents' words.
pub fn slip_remedy(asked: RemedyAsked) -> crate::slip::view::Remedy {
    use crate::slip::view::Remedy;
    match asked {
        RemedyAsked::Repair => Remedy::Repair,
        RemedyAsked::Replacement => Remedy::Replace,
        RemedyAsked::PriceReduction => Remedy::PriceReduction,
        RemedyAsked::Refund => Remedy::Refund,
    }
}

fn register_line(jurisdiction: crate::domain::Jurisdiction, claim: &ClaimRecord) -> RegisterLine {
    use crate::slip::view::Remedy;
    // What the customer asked for; a claim from before issue 11: its resolution.
    let remedy = claim.remedy_asked.map(slip_remedy).or_else(|| {
        claim.remedy.map(|r| match r {
            Resolution::Repair => Remedy::Repair,
            Resolution::Replace | Resolution::Exchange => Remedy::Replace,
            Resolution::Refund | Resolution::StoreCredit => Remedy::Refund,
        })
    });
    // A claim from before contract v2 has no basis stored: the store's jurisdiction gives it.
    let due_basis = claim.claim_due_basis.unwrap_or_else(|| {
        jurisdiction.claim_settlement(claim.remedy.unwrap_or(Resolution::Repair), crate::domain::ClaimTarget::default()).basis
    });
    RegisterLine {
        register_number: claim.register_number(),
        registered_on: claim.claimed_on,
        customer_name: claim.customer_name.clone(),
        customer_contact: claim.customer_contact.clone(),
        product: claim.product.clone(),
        serial: claim.serial.clone(),
        receipt_number: claim.receipt_number.clone(),
        defect: claim.defect.clone(),
        remedy,
        basis: claim.basis,
        due_by: claim.claim_due_by,
        due_basis,
        stage: code_of(&claim.stage),
        outcome: None,
    }
}
