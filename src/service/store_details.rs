//! The store's own details — name, address, VAT id, company id, phone — kept by its managers
//! in Settings and printed at the head of every document of the store (issue 16).

use super::auth::Session;
use super::{require_manager, Desk, DeskError};
use crate::domain::Jurisdiction;
use crate::store::StoreDetails;

/// Why a VAT id is not plausible for a store of `jurisdiction`, if it is not; an empty one is
/// not given (nothing is printed).
pub fn vat_id_problem(jurisdiction: Jurisdiction, vat_id: &str) -> Option<String> {
    if vat_id.is_empty() {
        return None;
    }
    let digits = |s: &str, counts: &[usize]| s.chars().all(|c| c.is_ascii_digit()) && counts.contains(&s.chars().count());
    match jurisdiction {
        Jurisdiction::BG => match vat_id.strip_prefix("BG") {
            Some(rest) if digits(rest, &[9, 10]) => None,
            _ => Some(format!("a Bulgarian VAT id is BG and 9 or 10 digits (BG204567891), got {vat_id:?}")),
        },
        Jurisdiction::GR => match vat_id.strip_prefix("EL") {
            Some(rest) if digits(rest, &[9]) => None,
            _ => Some(format!("a Greek VAT id is EL and 9 digits (EL801234567), got {vat_id:?}")),
        },
        Jurisdiction::RU => {
            if digits(vat_id, &[10, 12]) {
                None
            } else {
                Some(format!("an ИНН is 10 digits (a company) or 12 (an individual entrepreneur), got {vat_id:?}"))
            }
        }
        Jurisdiction::EU => {
            let (prefix, rest) = vat_id.split_at(vat_id.char_indices().nth(2).map_or(vat_id.len(), |(i, _)| i));
            let country = prefix.chars().count() == 2 && prefix.chars().all(|c| c.is_ascii_uppercase());
            let number = (2..=13).contains(&rest.chars().count()) && rest.chars().all(|c| c.is_ascii_alphanumeric());
            if country && number {
                None
            } else {
                Some(format!("an EU VAT id is the country's two letters and 2 to 13 letters or digits (ATU12345678), got {vat_id:?}"))
            }
        }
    }
}

/// The details as typed, trimmed and checked field by field.
fn checked(jurisdiction: Jurisdiction, typed: &StoreDetails) -> Result<StoreDetails, DeskError> {
    let bad = |field: &'static str, message: String| DeskError::BadInput { field, message };
    let one_line = |field: &'static str, text: &str, max: usize| -> Result<String, DeskError> {
        let text = text.trim();
        if text.chars().count() > max {
            return Err(bad(field, format!("at most {max} characters")));
        }
        if text.chars().any(char::is_control) {
            return Err(bad(field, "one line of text, without tabs or line breaks".into()));
        }
        Ok(text.to_string())
    };
    let name = one_line("name", &typed.name, 120)?;
    if name.is_empty() {
        return Err(bad("name", "the store's name is printed on every document: it cannot be empty".into()));
    }
    let address = one_line("address", &typed.address, 300)?;
    // Ids are written without spaces (`BG 204 567 891` is `BG204567891`).
    let vat_id: String = typed.vat_id.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if let Some(problem) = vat_id_problem(jurisdiction, &vat_id) {
        return Err(bad("vat_id", problem));
    }
    let company_id = one_line("company_id", &typed.company_id, 40)?;
    let phone = one_line("phone", &typed.phone, 40)?;
    if !phone.is_empty() && !phone.chars().all(|c| c.is_ascii_digit() || " +-()/.".contains(c)) {
        return Err(bad("phone", format!("digits, spaces and + - ( ) / only, got {phone:?}")));
    }
    Ok(StoreDetails { name, address, vat_id, company_id, phone })
}

impl Desk {
    /// The session's store's details.
    pub async fn store_details(&self, session: &Session) -> Result<StoreDetails, DeskError> {
        self.db
            .store_details(&session.store_code)
            .await?
            .ok_or_else(|| DeskError::UnknownStore(session.store_code.clone()))
    }

    /// Changes the session's store's details (managers): every field is checked before any is
    /// stored; unchanged details write nothing.
    pub async fn change_store_details(&self, session: &Session, typed: &StoreDetails) -> Result<StoreDetails, DeskError> {
        require_manager(session)?;
        let store = self.session_store(session).await?;
        let details = checked(store.jurisdiction, typed)?;
        if self.store_details(session).await? != details {
            self.db.change_store_details(&super::audit::actor(session), &store.code, &details).await?;
        }
        Ok(details)
    }

    /// The store as printed at the head of its documents, with its country (whose labels its ids
    /// are printed with).
    pub(crate) async fn document_store(&self, store_code: &str) -> Result<crate::slip::view::Store, DeskError> {
        let store = self.db.store(store_code).await?.ok_or_else(|| DeskError::UnknownStore(store_code.to_string()))?;
        let details = self.db.store_details(store_code).await?.unwrap_or_default();
        let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(crate::slip::view::Store {
            name: store.name.clone(),
            address: store.address.split(", ").map(str::to_string).filter(|l| !l.is_empty()).collect(),
            vat_id: details.vat_id.trim().to_string(),
            company_id: given(&details.company_id),
            phone: given(&details.phone),
            country: Some(store.jurisdiction),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vat_ids_per_country() {
        assert_eq!(vat_id_problem(Jurisdiction::BG, "BG204567891"), None);
        assert_eq!(vat_id_problem(Jurisdiction::BG, "BG2045678910"), None);
        assert!(vat_id_problem(Jurisdiction::BG, "BG20456789").is_some());
        assert!(vat_id_problem(Jurisdiction::BG, "EL801234567").is_some());
        assert_eq!(vat_id_problem(Jurisdiction::GR, "EL801234567"), None);
        assert!(vat_id_problem(Jurisdiction::GR, "GR801234567").is_some());
        assert_eq!(vat_id_problem(Jurisdiction::RU, "7701234567"), None);
        assert_eq!(vat_id_problem(Jurisdiction::RU, "770123456789"), None);
        assert!(vat_id_problem(Jurisdiction::RU, "77012345678").is_some());
        assert_eq!(vat_id_problem(Jurisdiction::EU, "ATU12345678"), None);
        assert!(vat_id_problem(Jurisdiction::EU, "AT").is_some());
        assert!(vat_id_problem(Jurisdiction::EU, "12345678").is_some());
        assert_eq!(vat_id_problem(Jurisdiction::EU, ""), None);
    }
}
