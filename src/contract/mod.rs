//! The evaluation contract's case document (`../shared/spec/evaluate.md`).
//!
//! A case is parsed once into domain types; a problem is reported with the path of the field
//! or the line at fault (`request.lines[0].qty: quantity must be a positive whole number, got 0`).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::WorkingCalendar;
use crate::domain::evaluate::CaseError;
use crate::domain::jurisdiction::ClaimTarget;
use crate::domain::policy::PolicyFields;
use crate::domain::{
    evaluate, Currency, Decision, History, Jurisdiction, Policy, Receipt, ReturnCase,
    ReturnRequest, Store,
};

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct StoreDocument {
    pub jurisdiction: Jurisdiction,
    pub currency: Currency,
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// Weekend days that are working days (Russia's transferred Saturdays).
    #[serde(default)]
    pub working_days: Vec<NaiveDate>,
    /// The store's settlement target, in days, where the law sets no period (default 30).
    #[serde(default)]
    pub claim_target_days: ClaimTarget,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PolicyDocument {
    #[serde(default)]
    pub defaults: PolicyFields,
    #[serde(default)]
    pub rules: Vec<PolicyFields>,
}

impl PolicyDocument {
    pub fn into_policy(self) -> Result<Policy, CaseError> {
        Ok(Policy::new(self.defaults, self.rules)?)
    }
}

/// A case as written: `{now, store, policy, receipt, history?, request}`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct CaseDocument {
    pub now: NaiveDateTime,
    pub store: StoreDocument,
    #[serde(default)]
    pub policy: PolicyDocument,
    pub receipt: Receipt,
    #[serde(default)]
    pub history: History,
    pub request: ReturnRequest,
}

impl CaseDocument {
    pub fn into_case(self) -> Result<ReturnCase, CaseError> {
        let store = Store {
            jurisdiction: self.store.jurisdiction,
            currency: self.store.currency,
            calendar: WorkingCalendar::new(self.store.holidays)
                .with_working_days(self.store.working_days),
            claim_target: self.store.claim_target_days,
        };
        ReturnCase::new(
            self.now,
            store,
            self.policy.into_policy()?,
            self.receipt,
            self.history,
            self.request,
        )
    }
}

/// Why a case document cannot be evaluated (exit status 2 at the command line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidCase {
    #[error("not valid JSON: {0}")]
    Syntax(String),
    #[error("{path}: {message}")]
    Field { path: String, message: String },
    #[error("{0}")]
    Case(#[from] CaseError),
}

/// Parse a case document. A conformance file (`{"case": …, "expected": …}`) is accepted too:
/// its `case` is read.
pub fn parse_case_document(text: &str) -> Result<CaseDocument, InvalidCase> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| InvalidCase::Syntax(e.to_string()))?;
    if let Some(obj) = value.as_object_mut() {
        if !obj.contains_key("receipt") && obj.contains_key("case") {
            value = obj.remove("case").unwrap_or_default();
        }
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        if path == "." {
            InvalidCase::Field {
                path: "case".into(),
                message,
            }
        } else {
            InvalidCase::Field { path, message }
        }
    })
}

pub fn parse_case(text: &str) -> Result<ReturnCase, InvalidCase> {
    Ok(parse_case_document(text)?.into_case()?)
}

/// The one code path every door uses: case text in, decision out.
pub fn evaluate_text(text: &str) -> Result<Decision, InvalidCase> {
    Ok(evaluate(&parse_case(text)?))
}

/// The decision document as the contract prints it.
pub fn decision_to_json(decision: &Decision) -> serde_json::Value {
    serde_json::to_value(decision).expect("a decision always serializes")
}
