//! The desk API, door-independent: one `call(command, args, token)` that the HTTP routes and
//! the Tauri commands both use, so both give the same answers (docs/api.md).

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::views::*;
use crate::domain::{LineNo, ManagerRuling};
use crate::service::auth::{self, AuthError, Session, Sessions};
use crate::service::{Desk, DeskError, ManagerDecision};
use crate::store::{ReturnQuery, StoreError};

/// An API error: an HTTP status, a stable code, a message in words and the field at fault.
#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), field: None, extra: Default::default() }
    }
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError { field: Some(field.into()), ..ApiError::new(400, "BAD_INPUT", message) }
    }
    fn with(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }
    pub fn body(&self) -> Value {
        json!({ "error": self })
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        tracing_free_log(&e);
        match e {
            StoreError::NotFound(what) => ApiError::new(404, "NOT_FOUND", format!("{what} not found")),
            StoreError::Conflict(m) => ApiError::new(409, "CONFLICT", m),
            StoreError::Rejected(m) => ApiError::new(409, "CONFLICT", m.to_string()),
            other => ApiError::new(500, "SERVER_ERROR", other.to_string()),
        }
    }
}

fn tracing_free_log(e: &StoreError) {
    if !matches!(e, StoreError::NotFound(_) | StoreError::Conflict(_) | StoreError::Rejected(_)) {
        eprintln!("returndesk: store error: {e}");
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        match e {
            AuthError::WrongPin { attempts_left } => ApiError::new(401, "WRONG_PIN", e.to_string())
                .with("attempts_left", json!(attempts_left)),
            AuthError::LockedOut { until } => ApiError::new(423, "LOCKED_OUT", e.to_string())
                .with("locked_until", json!(until.to_rfc3339())),
            AuthError::Unauthenticated => ApiError::new(401, "UNAUTHENTICATED", e.to_string()),
            AuthError::Forbidden(m) => ApiError::new(403, "FORBIDDEN", m),
            AuthError::Store(s) => s.into(),
        }
    }
}

impl From<DeskError> for ApiError {
    fn from(e: DeskError) -> Self {
        match e {
            DeskError::ReceiptNotFound(code) => ApiError::new(404, "RECEIPT_NOT_FOUND", format!("no receipt {code}"))
                .with("field", json!("code")),
            DeskError::MalformedCode(m) => {
                ApiError { field: Some("code".into()), ..ApiError::new(400, "MALFORMED_CODE", m.to_string()) }
            }
            DeskError::InvalidReturn(m) => ApiError::bad_input("lines", m.to_string()),
            DeskError::Ruling(m) => ApiError::bad_input("manager.lines", m.to_string()),
            DeskError::BadInput { field, message } => ApiError::bad_input(field, message),
            DeskError::QtyExceedsRemaining { index, left, .. } => ApiError {
                field: Some(format!("lines[{index}].qty")),
                ..ApiError::new(400, "QTY_EXCEEDS_REMAINING", e.to_string())
            }
            .with("left", json!(left)),
            DeskError::ManagerRequired { ref codes } => {
                let codes = codes.clone();
                ApiError::new(409, "MANAGER_REQUIRED", e.to_string()).with("approvals", json!(codes))
            }
            DeskError::UnknownStore(_) | DeskError::NoPolicy { .. } => ApiError::new(409, "CONFLICT", e.to_string()),
            DeskError::Rejected(m) => ApiError::new(409, "CONFLICT", m),
            DeskError::Store(s) => s.into(),
        }
    }
}

/// Reads a command's arguments, naming the field at fault.
fn args<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        ApiError::bad_input(if path == "." { "body".into() } else { path }, e.into_inner().to_string())
    })
}

/// The desk's clock: store-local wall time; `RETURNDESK_NOW` fixes it (demos and tests).
#[derive(Clone, Debug)]
pub struct DeskClock {
    fixed: Option<NaiveDateTime>,
}

impl DeskClock {
    pub fn from_env() -> Self {
        DeskClock { fixed: std::env::var("RETURNDESK_NOW").ok().and_then(|t| t.parse().ok()) }
    }
    pub fn fixed(at: NaiveDateTime) -> Self {
        DeskClock { fixed: Some(at) }
    }
    pub fn now(&self) -> NaiveDateTime {
        self.fixed.unwrap_or_else(|| chrono::Local::now().naive_local())
    }
}

/// The API over the service layer.
#[derive(Clone)]
pub struct DeskApi {
    pub desk: Desk,
    pub sessions: Sessions,
    pub clock: DeskClock,
}

#[derive(Deserialize)]
struct SignIn {
    login: String,
    pin: String,
    #[serde(default)]
    terminal: Option<String>,
}

#[derive(Deserialize)]
struct Lookup {
    code: String,
}

#[derive(Deserialize)]
struct ByCard {
    last4: String,
    from: String,
    to: String,
}

#[derive(Deserialize)]
struct ById {
    id: i64,
}

#[derive(Deserialize)]
struct ClaimFilter {
    /// open, in_repair, resolved, rejected, closed, overdue or all.
    #[serde(default)]
    status: Option<String>,
}

#[derive(Deserialize)]
pub struct SlipRequest {
    pub id: i64,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub layout: Option<String>,
    /// `slip` (the return slip, the default), `voucher` (the store-credit voucher the return
    /// issued) or `claim` (a warranty claim document; `claim` is the claim's id).
    #[serde(default)]
    pub document: Option<String>,
    #[serde(default)]
    pub claim: Option<i64>,
}

#[derive(Deserialize)]
struct PutSettings {
    #[serde(default)]
    printer: Option<String>,
}

#[derive(Deserialize)]
struct ImportPolicy {
    effective_from: NaiveDate,
    #[serde(flatten)]
    policy: crate::contract::PolicyDocument,
}

fn date(field: &str, text: &str) -> Result<NaiveDate, ApiError> {
    text.parse()
        .map_err(|_| ApiError::bad_input(field, format!("\"{text}\" is not a date like 2026-10-01")))
}

impl DeskApi {
    pub fn new(desk: Desk, clock: DeskClock) -> Self {
        DeskApi { desk, sessions: Sessions::default(), clock }
    }

    fn session(&self, token: Option<&str>) -> Result<Session, ApiError> {
        Ok(self.sessions.get(token.ok_or(AuthError::Unauthenticated)?)?)
    }

    /// The commands of docs/api.md by name.
    pub const COMMANDS: &'static [&'static str] = &[
        "sign_in", "sign_out", "lookup_receipt", "find_receipts_by_card", "evaluate_return",
        "confirm_return", "decide_approval", "list_returns", "get_return", "list_claims",
        "get_settings", "put_settings", "import_policy", "return_slip", "print_slip",
    ];

    /// Runs one command. `args` is its JSON input; `token` the session's.
    pub async fn call(&self, command: &str, input: Value, token: Option<&str>) -> Result<Value, ApiError> {
        let db = self.desk.database().clone();
        match command {
            "sign_in" => {
                let a: SignIn = args(input)?;
                if a.login.trim().is_empty() {
                    return Err(ApiError::bad_input("login", "enter your user name"));
                }
                let s = auth::sign_in(db.as_ref(), &self.sessions, &a.login, &a.pin, a.terminal.as_deref()).await?;
                let store = db.store(&s.store_code).await?.ok_or_else(|| ApiError::new(409, "CONFLICT", "the user's store is not set up"))?;
                Ok(json!(SessionView { token: s.token.clone(), user: (&s.user).into(), store: (&store).into(), terminal_id: s.terminal_id }))
            }
            "sign_out" => {
                if let Some(t) = token {
                    self.sessions.end(t);
                }
                Ok(json!({}))
            }
            "lookup_receipt" => {
                self.session(token)?;
                let a: Lookup = args(input)?;
                let found = self.desk.lookup(&a.code).await?;
                Ok(json!(ReceiptView::from(&found)))
            }
            "find_receipts_by_card" => {
                self.session(token)?;
                let a: ByCard = args(input)?;
                if a.last4.len() != 4 || !a.last4.chars().all(|c| c.is_ascii_digit()) {
                    return Err(ApiError::bad_input("last4", "the card's last four digits, e.g. 4821"));
                }
                let (from, to) = (date("from", &a.from)?, date("to", &a.to)?);
                if from > to {
                    return Err(ApiError::bad_input("to", "the end of the range is before its start"));
                }
                Ok(json!(db.receipts_by_card(&a.last4, from, to).await?))
            }
            "evaluate_return" => {
                self.session(token)?;
                let a: DraftInput = args(input)?;
                let draft = a.draft();
                let now = self.clock.now();
                let (context, decision) = match &a.preview_overrides {
                    Some(lines) => {
                        let ruling = ManagerRuling { grant_approvals: true, override_lines: lines.iter().map(|l| LineNo(*l)).collect() };
                        self.desk.evaluate_with_ruling(&draft, &ruling, now).await?
                    }
                    None => self.desk.evaluate(&draft, now).await?,
                };
                let explanations = context.explain(&draft.request, &decision, now);
                let verdict = crate::service::DeskVerdict::of(&decision, &context.receipt.sale.receipt, &context.receipt.history);
                Ok(json!(EvaluationView::new(&decision, explanations, verdict)))
            }
            "confirm_return" => {
                let session = self.session(token)?;
                let a: DraftInput = args(input)?;
                let key = a
                    .idempotency_key
                    .clone()
                    .filter(|k| !k.trim().is_empty())
                    .ok_or_else(|| ApiError::bad_input("idempotency_key", "a confirmation needs an idempotency key"))?;
                let manager = match &a.manager {
                    Some(m) => Some(ManagerDecision {
                        manager: auth::check_manager(db.as_ref(), &m.manager_login, &m.manager_pin).await?,
                        approve: m.decision == ManagerVerdict::Approve,
                        reason: m.reason.clone(),
                        ruling: ManagerRuling { grant_approvals: true, override_lines: m.lines.iter().map(|l| LineNo(*l)).collect() },
                    }),
                    None => None,
                };
                let confirmed = self
                    .desk
                    .confirm_with_manager(&a.draft(), &key, session.user.id, session.terminal_id, self.clock.now(), manager.as_ref())
                    .await?;
                let claims = self.claims_of(confirmed.record.id, &session.store_code).await?;
                Ok(json!(ReturnView::new(&confirmed.record, claims, confirmed.created)))
            }
            "decide_approval" => {
                self.session(token)?;
                Err(ApiError::new(409, "CONFLICT", "a return waiting for a manager is approved at the desk: start it again and let the manager approve before confirming"))
            }
            "list_returns" => {
                let session = self.session(token)?;
                let q: ReturnQuery = args(input)?;
                let list = db.list_returns(&session.store_code, &q).await?;
                Ok(json!(list.iter().map(|r| ReturnSummaryView::new(&session.store_code, r)).collect::<Vec<_>>()))
            }
            "get_return" => {
                let session = self.session(token)?;
                let a: ById = args(input)?;
                let r = db
                    .return_by_id(a.id)
                    .await?
                    .filter(|r| r.store_code == session.store_code)
                    .ok_or_else(|| ApiError::new(404, "NOT_FOUND", format!("no return {}", a.id)))?;
                let claims = self.claims_of(r.id, &session.store_code).await?;
                Ok(json!(ReturnView::new(&r, claims, false)))
            }
            "list_claims" => {
                let session = self.session(token)?;
                let a: ClaimFilter = args(input)?;
                let today = self.clock.now().date();
                let claims = db.warranty_claims(&session.store_code).await?;
                let views = claims
                    .iter()
                    .map(|c| ClaimView::new(c, today))
                    .filter(|c| match a.status.as_deref().filter(|s| !s.is_empty()) {
                        None | Some("all") => true,
                        Some("overdue") => c.overdue,
                        Some(status) => c.status == status,
                    })
                    .collect::<Vec<_>>();
                Ok(json!(views))
            }
            "get_settings" => {
                let session = self.session(token)?;
                self.settings(&session).await
            }
            "put_settings" => {
                let session = self.manager_session(token)?;
                let a: PutSettings = args(input)?;
                if let Some(p) = a.printer {
                    db.put_setting(&session.store_code, "printer", p.trim()).await?;
                }
                self.settings(&session).await
            }
            "import_policy" => {
                let session = self.manager_session(token)?;
                let a: ImportPolicy = args(input)?;
                a.policy.clone().into_policy().map_err(|e| ApiError::bad_input("rules", e.to_string()))?;
                let store = db.store(&session.store_code).await?.ok_or_else(|| ApiError::new(409, "CONFLICT", "store not set up"))?;
                let v = db.put_policy_version(&store.policy_id, a.effective_from, &a.policy).await?;
                Ok(json!({"version": v.version, "effective_from": v.effective_from}))
            }
            "return_slip" => {
                use base64::Engine;
                let a: SlipRequest = args(input)?;
                let (pdf, _) = self.slip_pdf(token, &a).await?;
                Ok(json!(base64::engine::general_purpose::STANDARD.encode(pdf)))
            }
            "print_slip" => {
                let session = self.session(token)?;
                let a: SlipRequest = args(input)?;
                let printer = db
                    .setting(&session.store_code, "printer")
                    .await?
                    .filter(|p| !p.trim().is_empty())
                    .ok_or_else(|| ApiError::new(409, "CONFLICT", "no printer is chosen: a manager sets one in Settings"))?;
                let (pdf, number) = self.slip_pdf(token, &a).await?;
                let job = crate::slip::print(&pdf, &printer, &number)
                    .map_err(|e| ApiError::new(502, "PRINT_FAILED", e.to_string()))?;
                Ok(json!({"printer": printer, "job": job.id, "slip_number": number}))
            }
            other => Err(ApiError::new(404, "NOT_FOUND", format!("no command {other}"))),
        }
    }

    /// A document of a recorded return — its slip, the voucher it issued or one of its warranty
    /// claims — as PDF bytes, with the document's number.
    pub async fn slip_pdf(&self, token: Option<&str>, a: &SlipRequest) -> Result<(Vec<u8>, String), ApiError> {
        use crate::service::slips::{manager_override, return_slip, SlipHeader};
        let session = self.session(token)?;
        let lang = crate::slip::Lang::parse(a.lang.as_deref().unwrap_or("en")).map_err(|e| ApiError::bad_input("lang", e.to_string()))?;
        let layout = crate::slip::Layout::parse(a.layout.as_deref().unwrap_or("80mm")).map_err(|e| ApiError::bad_input("layout", e.to_string()))?;
        let document = a.document.as_deref().unwrap_or("slip");
        if !matches!(document, "slip" | "voucher" | "claim") {
            return Err(ApiError::bad_input("document", format!("unknown document \"{document}\" (slip, voucher or claim)")));
        }
        let db = self.desk.database();
        let record = db
            .return_by_id(a.id)
            .await?
            .filter(|r| r.store_code == session.store_code)
            .ok_or_else(|| ApiError::new(404, "NOT_FOUND", format!("no return {}", a.id)))?;
        if record.status != crate::store::ReturnStatus::Completed {
            return Err(ApiError::new(409, "CONFLICT", format!("return {} was not completed: it has no documents", a.id)));
        }
        let context = self.desk.context(record.receipt_id).await?;
        let store = &context.store;
        let number = slip_number(&store.code, record.id);
        let header_store = crate::slip::view::Store {
            name: store.name.clone(),
            address: store.address.split(", ").map(str::to_string).filter(|l| !l.is_empty()).collect(),
            vat_id: db.setting(&store.code, "vat_id").await?.unwrap_or_default(),
            company_id: None,
            phone: None,
        };
        let desk = record.terminal_code.clone().unwrap_or_else(|| "—".into());
        let failed = |e: crate::slip::SlipError| ApiError::new(500, "SERVER_ERROR", e.to_string());
        match document {
            "voucher" => {
                let v = record
                    .voucher
                    .as_ref()
                    .ok_or_else(|| ApiError::new(404, "NOT_FOUND", format!("return {} paid out no store credit: it has no voucher", a.id)))?;
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
                Ok((pdf, v.code.clone()))
            }
            "claim" => {
                let claim_id = a.claim.ok_or_else(|| ApiError::bad_input("claim", "which claim: its id"))?;
                let claim = db
                    .warranty_claims(&store.code)
                    .await?
                    .into_iter()
                    .find(|c| c.id == claim_id && c.return_id == Some(record.id))
                    .ok_or_else(|| ApiError::new(404, "NOT_FOUND", format!("return {} has no warranty claim {claim_id}", a.id)))?;
                let register_no = claim.register_no;
                let sale = &context.receipt.sale.receipt;
                let line = sale
                    .line(crate::domain::LineNo(claim.line))
                    .ok_or_else(|| ApiError::new(500, "SERVER_ERROR", format!("claim {claim_id}: no receipt line {}", claim.line)))?;
                use crate::domain::Resolution;
                let remedy = match claim.remedy {
                    Some(Resolution::Repair) => crate::slip::view::Remedy::Repair,
                    Some(Resolution::Replace | Resolution::Exchange) => crate::slip::view::Remedy::Replace,
                    _ => crate::slip::view::Remedy::Refund,
                };
                let basis = claim.basis;
                let register_number = claim_register_number(&store.code, register_no);
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
                };
                let pdf = crate::slip::render_warranty_claim(&view, lang, layout).map_err(failed)?;
                Ok((pdf, register_number))
            }
            _ => {
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
                let view = return_slip(header, &context.receipt.sale.receipt, &request, &decision, lang);
                let pdf = crate::slip::render_return_slip(&view, lang, layout).map_err(failed)?;
                Ok((pdf, number))
            }
        }
    }

    fn manager_session(&self, token: Option<&str>) -> Result<Session, ApiError> {
        let s = self.session(token)?;
        if s.user.role != crate::store::Role::Manager {
            return Err(ApiError::new(403, "FORBIDDEN", "only a manager may change this"));
        }
        Ok(s)
    }

    async fn settings(&self, session: &Session) -> Result<Value, ApiError> {
        let db = self.desk.database();
        let store = db.store(&session.store_code).await?.ok_or_else(|| ApiError::new(409, "CONFLICT", "store not set up"))?;
        let policy = db.policy_in_force(&store.policy_id, self.clock.now().date()).await?;
        let printer = db.setting(&store.code, "printer").await?.unwrap_or_default();
        Ok(json!({
            "store": StoreView::from(&store),
            "printer": printer,
            "policy": policy.map(|p| json!({"version": p.version, "effective_from": p.effective_from, "defaults": p.document.defaults, "rules": p.document.rules})),
        }))
    }

    async fn claims_of(&self, return_id: i64, store_code: &str) -> Result<Vec<ClaimView>, ApiError> {
        let today = self.clock.now().date();
        Ok(self
            .desk
            .database()
            .warranty_claims(store_code)
            .await?
            .iter()
            .filter(|c| c.return_id == Some(return_id))
            .map(|c| ClaimView::new(c, today))
            .collect())
    }
}
