//! The desk API, door-neutral: the command table (`commands.rs`), one dispatcher made from it
//! ([`DeskApi::run`]), the shapes the commands take and answer (`inputs.rs`, `views.rs`) and
//! the error every door answers with ([`ApiError`], whose HTTP status is set here and nowhere
//! else). The HTTP routes (`http/`), the Tauri commands (`src-tauri/`) and the OpenAPI
//! document are all made from the same table; each command's handler (`handlers.rs`) only
//! translates between its JSON and the service layer ([`Desk`]).

pub mod commands;
mod handlers;
pub mod inputs;
pub mod openapi;
pub mod typescript;
mod schema;
pub mod views;

use base64::Engine;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::service::auth::{AuthError, Session};
use crate::service::documents::Printed;
use crate::service::{Desk, DeskClock, DeskError};
use crate::store::{ReceiptSummary, ReturnQuery, StoreError};
use inputs::*;
use views::*;

/// Every code an error of the desk API can carry (the OpenAPI document lists them as the
/// `code` enum, and the UI has a sentence for each in every language; tests/error_codes.rs
/// checks that every code the source sends is here).
pub const ERROR_CODES: &[&str] = &[
    // refusals of input and of the session
    "BAD_INPUT", "NOT_FOUND", "UNAUTHENTICATED", "FORBIDDEN", "WRONG_PIN", "LOCKED_OUT",
    "RECEIPT_NOT_FOUND", "MALFORMED_CODE", "QTY_EXCEEDS_REMAINING", "IDEMPOTENCY_KEY_REUSED",
    // the desk's rules
    "CONFLICT", "MANAGER_REQUIRED", "APPROVAL_LIMIT", "RECORDS_TAMPERED", "SERIAL_MISMATCH", "STEP_OUT_OF_ORDER",
    "UNDER_WARRANTY", "STORE_NOT_SET_UP", "NO_POLICY", "NO_PRINTER", "RETURN_NOT_COMPLETED", "POLICY_VERSION_EXISTS",
    "ALREADY_DECIDED", "NO_MANAGER_NEEDED", "RECEIPT_CHANGED", "APPROVED_AMOUNT_CHANGED", "CLAIM_SETTLED",
    "NO_RECEIPT_NOT_ALLOWED", "NO_RECENT_SALE", "EXCHANGE_DUE_OPEN", "PRICE_REDUCED_BY_CLAIM", "OWN_ACCOUNT",
    "VOUCHER_VOID", "VOUCHER_SPENT", "VOUCHER_EXPIRED", "VOUCHER_BALANCE_SHORT",
    // ---- Issue 13: feedback ----
    "FEEDBACK_GIVEN", "FEEDBACK_TOO_LATE",
    "QUEUE_CASE_NOT_DECIDED", "QUEUE_CASE_COMPLETED", "QUEUE_CASE_WITHDRAWN", "QUEUED_DRAFT_CHANGED", "EXCHANGE_DUE_PAID",
    "RETURN_DECLINED", "REPAIR_NOT_HANDED_BACK",
    // the desk's own failures
    "PRINT_FAILED", "SERVER_ERROR",
    // over HTTP only
    "FOREIGN_ORIGIN", "METHOD_NOT_ALLOWED", "PAYLOAD_TOO_LARGE", "URI_TOO_LONG", "UNSUPPORTED_MEDIA_TYPE",
    "MISDIRECTED_REQUEST", "HEADERS_TOO_LARGE", "BAD_REQUEST",
];

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
    /// The error as every door answers it: `{"error": {"code", "message", "field"?, …}}`.
    pub fn body(&self) -> Value {
        json!({ "error": self })
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => not_found(format!("{what} not found")),
            StoreError::Conflict(m) => ApiError::new(409, "CONFLICT", m),
            // A refusal made in the write transaction answers with its own code.
            StoreError::Rejected(_) => DeskError::from(e).into(),
            // The database's own words (statements, constraint names, paths) stay in the log.
            other => {
                eprintln!("returndesk: store error: {other}");
                ApiError::new(500, "SERVER_ERROR", "the database could not do this: the desk's log says why")
            }
        }
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        match e {
            AuthError::WrongPin { attempts_left } => {
                ApiError::new(401, "WRONG_PIN", e.to_string()).with("attempts_left", json!(attempts_left))
            }
            AuthError::LockedOut { until } => {
                ApiError::new(423, "LOCKED_OUT", e.to_string()).with("locked_until", json!(until.to_rfc3339()))
            }
            AuthError::Unauthenticated => ApiError::new(401, "UNAUTHENTICATED", e.to_string()),
            AuthError::SessionEnded { reason } => {
                ApiError::new(401, "UNAUTHENTICATED", e.to_string()).with("session_ended", json!(reason))
            }
            AuthError::Forbidden(m) => ApiError::new(403, "FORBIDDEN", m),
            AuthError::DeskNeeded => ApiError::bad_input("terminal", e.to_string()),
            AuthError::Store(s) => s.into(),
        }
    }
}

impl From<DeskError> for ApiError {
    fn from(e: DeskError) -> Self {
        // The desk's own failures (not a refusal): into the log with their whole cause chain.
        use crate::store::StoreError as S;
        if matches!(e, DeskError::Internal(_) | DeskError::PrintFailed(_) | DeskError::Store(S::Database(_) | S::Sqlite(_) | S::Migrate(_) | S::Corrupt(_))) {
            tracing::error!("{}", crate::logs::cause_chain(&e));
        }
        match e {
            DeskError::ReceiptNotFound(code) => {
                ApiError::new(404, "RECEIPT_NOT_FOUND", format!("no receipt {code}")).with("field", json!("code"))
            }
            DeskError::MalformedCode(m) => {
                ApiError { field: Some("code".into()), ..ApiError::new(400, "MALFORMED_CODE", m.to_string()) }
            }
            DeskError::InvalidReturn(m) => ApiError::bad_input("lines", m.to_string()),
            DeskError::Ruling(m) => ApiError::bad_input(format!("manager.{}", m.field()), m.to_string()),
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
            DeskError::NotFound(m) => not_found(m),
            DeskError::IdempotencyKeyReused => {
                ApiError { field: Some("idempotency_key".into()), ..ApiError::new(422, "IDEMPOTENCY_KEY_REUSED", e.to_string()) }
            }
            DeskError::UnknownStore(ref store) => {
                let store = store.clone();
                ApiError::new(409, "STORE_NOT_SET_UP", e.to_string()).with("store", json!(store))
            }
            DeskError::NoPolicy { ref store, day } => {
                let store = store.clone();
                ApiError::new(409, "NO_POLICY", e.to_string()).with("store", json!(store)).with("day", json!(day))
            }
            DeskError::Conflict(m) | DeskError::Rejected(m) => ApiError::new(409, "CONFLICT", m),
            DeskError::Auth(a) => a.into(),
            DeskError::PrintFailed(m) => ApiError::new(502, "PRINT_FAILED", m),
            DeskError::Internal(m) => ApiError::new(500, "SERVER_ERROR", m),
            DeskError::RecordsTampered(ref broken) => {
                let broken = json!(broken);
                ApiError::new(409, "RECORDS_TAMPERED", e.to_string()).with("audit", broken)
            }
            DeskError::Store(s) => s.into(),
            DeskError::ApprovalLimit { limit, refund } => ApiError::new(403, "APPROVAL_LIMIT", e.to_string())
                .with("approval_limit", json!(limit))
                .with("refund", json!(refund)),
            // ---- Issue 11: warranty claims ----
            DeskError::SerialMismatch { index, ref serial, ref sold } => {
                let (serial, sold) = (serial.clone(), sold.clone());
                ApiError { field: Some(format!("lines[{index}].serial")), ..ApiError::new(409, "SERIAL_MISMATCH", e.to_string()) }
                    .with("serial", json!(serial))
                    .with("sold", json!(sold))
            }
            DeskError::StepOutOfOrder(ref out) => {
                let (stage, step, allowed) = (out.stage, out.step, out.allowed.clone());
                ApiError::new(409, "STEP_OUT_OF_ORDER", e.to_string())
                    .with("stage", json!(stage))
                    .with("step", json!(step))
                    .with("allowed_steps", json!(allowed))
            }
            // ---- Issue 11: paid repair orders ----
            DeskError::RepairStepOutOfOrder(ref out) => {
                let (stage, step, allowed) = (out.stage, out.step, out.allowed.clone());
                ApiError::new(409, "STEP_OUT_OF_ORDER", e.to_string())
                    .with("stage", json!(stage))
                    .with("step", json!(step))
                    .with("allowed_steps", json!(allowed))
            }
            DeskError::UnderWarranty(m) => ApiError::new(409, "UNDER_WARRANTY", m),
            // ---- Issue 14: exchanges ----
            DeskError::BadItem { index, field, message } => ApiError::bad_input(format!("new_items[{index}].{field}"), message),
            DeskError::Refused { code, message, facts } => {
                let mut error = ApiError::new(409, code, message);
                error.field = facts.get("field").and_then(Value::as_str).map(String::from);
                error.extra.extend(facts.into_iter().filter(|(k, _)| k != "field"));
                error
            }
        }
    }
}

/// NOT_FOUND with what was looked for as facts the desk says in its own language: the kind of
/// thing (`what`: voucher, claim, repair_order …) and the key it was looked up by (`key`), read
/// from the message's words ("no voucher SC-… at this store", "queued return 12 not found",
/// "return 7 has no warranty claim 3"); a message of no known kind carries no facts.
fn not_found(message: String) -> ApiError {
    const KINDS: &[(&str, &str)] = &[
        ("the amount due", "exchange_due"),
        ("amount due", "exchange_due"),
        ("unverified return", "unverified_return"),
        ("queued return", "queued_return"),
        ("repair order", "repair_order"),
        ("settlement of claim", "settlement"),
        ("warranty claim", "claim"),
        ("claim", "claim"),
        ("return", "return"),
        ("voucher", "voucher"),
        ("user", "user"),
        ("product", "product"),
        ("the receipt of exchange", "exchange"),
        ("exchange", "exchange"),
        ("goodwill", "goodwill"),
        ("receipt", "receipt"),
        ("redemption", "redemption"),
    ];
    let text = message.rsplit_once(" has no ").map_or(message.as_str(), |(_, after)| after);
    let text = text.strip_prefix("no ").unwrap_or(text).trim_end_matches(" not found");
    let mut error = ApiError::new(404, "NOT_FOUND", message.clone());
    if let Some((rest, what)) = KINDS.iter().find_map(|(words, what)| text.strip_prefix(words).filter(|r| r.starts_with(' ')).map(|r| (r, *what))) {
        let words: Vec<&str> = rest.split_whitespace().collect();
        // The key: the first word with a digit; else the last code of capitals and dashes (a
        // voucher's code may have no digit: SC-VWFBF-HNQJR); else the last word.
        let code = |w: &&&str| w.len() >= 3 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        let key = words.iter().find(|w| w.chars().any(|c| c.is_ascii_digit())).or_else(|| words.iter().rfind(code)).or(words.last());
        error = error.with("what", json!(what));
        if let Some(key) = key {
            error = error.with("key", json!(key.trim_start_matches('#')));
        }
    }
    error
}

/// Reads a command's arguments, naming the field at fault.
fn args<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    let value = if value.is_null() { json!({}) } else { value };
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        ApiError::bad_input(if path == "." { "body".into() } else { path }, e.into_inner().to_string())
    })
}

/// Who may call a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Anyone, signed in or not.
    Anyone,
    /// Any signed-in user of the store.
    Clerk,
    /// A signed-in manager (or administrator).
    Manager,
    /// A signed-in administrator.
    Administrator,
}

/// An HTTP method of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::upper_case_acronyms)]
pub enum Method {
    GET,
    POST,
    PUT,
    DELETE,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::GET => "GET",
            Method::POST => "POST",
            Method::PUT => "PUT",
            Method::DELETE => "DELETE",
        }
    }
    /// Whether the arguments travel in the query string (else in a JSON body).
    pub fn takes_query(self) -> bool {
        matches!(self, Method::GET)
    }
}

/// One command of the table, as the doors and the documents see it.
pub struct Command {
    pub name: &'static str,
    /// What it does (its doc line).
    pub summary: &'static str,
    pub access: Access,
    pub method: Method,
    pub path: &'static str,
    /// Its input's schema (a `$ref` into the generator's definitions).
    pub input: fn(&mut SchemaGenerator) -> Schema,
    /// Its answer's schema.
    pub output: fn(&mut SchemaGenerator) -> Schema,
    /// The media type of its answer.
    pub answers: fn() -> &'static str,
}

impl Command {
    /// Path parameters, e.g. `id` in `/api/returns/{id}`.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        self.path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }
}

/// A PDF document as a command's answer: bytes over HTTP, base64 through Tauri.
pub struct Pdf {
    pub bytes: Vec<u8>,
    /// The document's number, for its file name.
    pub number: String,
}

/// A file as a command's answer (a CSV, a PDF, …) whose type is known only when it is made:
/// bytes with their media type and file name over HTTP, base64 through Tauri.
pub struct FileDownload {
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
    pub file_name: String,
}

/// The complaint register exported as a file (CSV or PDF).
pub type RegisterFile = FileDownload;

/// A command's answer, before a door sends it.
pub enum Answer {
    Json(Value),
    Pdf(Pdf),
    File(FileDownload),
}

impl Answer {
    /// The answer as JSON (a PDF as a base64 string): what `invoke` gets in the desktop app.
    pub fn into_json(self) -> Value {
        match self {
            Answer::Json(v) => v,
            Answer::Pdf(p) => Value::String(base64::engine::general_purpose::STANDARD.encode(p.bytes)),
            Answer::File(f) => Value::String(base64::engine::general_purpose::STANDARD.encode(f.bytes)),
        }
    }
}

/// What a command may answer.
pub trait Reply {
    fn schema(generator: &mut SchemaGenerator) -> Schema;
    fn media_type() -> &'static str {
        "application/json"
    }
    fn into_answer(self) -> Answer;
}

impl<T: Serialize + JsonSchema> Reply for T {
    fn schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
    fn into_answer(self) -> Answer {
        Answer::Json(serde_json::to_value(self).expect("an answer serializes"))
    }
}

impl Reply for Pdf {
    fn schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({"type": "string", "contentMediaType": "application/pdf", "description": "PDF bytes over HTTP; a base64 string through Tauri."})
    }
    fn media_type() -> &'static str {
        "application/pdf"
    }
    fn into_answer(self) -> Answer {
        Answer::Pdf(self)
    }
}

impl Reply for FileDownload {
    fn schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({"type": "string", "contentMediaType": "application/octet-stream", "description": "The file's bytes over HTTP (its type in Content-Type, its name in Content-Disposition); a base64 string through Tauri."})
    }
    fn media_type() -> &'static str {
        "application/octet-stream"
    }
    fn into_answer(self) -> Answer {
        Answer::File(self)
    }
}

/// Who called: the session behind the token, where the command needs one.
pub struct Caller {
    session: Option<Session>,
    token: Option<String>,
}

impl Caller {
    /// The caller's session (present for every command that is not `Anyone`'s).
    fn session(&self) -> Result<&Session, ApiError> {
        self.session.as_ref().ok_or_else(|| AuthError::Unauthenticated.into())
    }
}

/// The API over the service layer.
#[derive(Clone)]
pub struct DeskApi {
    pub desk: Desk,
}

impl DeskApi {
    pub fn new(desk: Desk, clock: DeskClock) -> Self {
        DeskApi { desk: desk.with_clock(clock) }
    }

    async fn caller(&self, access: Access, token: Option<&str>) -> Result<Caller, ApiError> {
        let token = token.map(str::to_string);
        let session = match access {
            Access::Anyone => None,
            Access::Clerk | Access::Manager | Access::Administrator => Some(self.desk.session(token.as_deref()).await?),
        };
        if access == Access::Manager && session.as_ref().is_some_and(|s| !s.user.role.approves()) {
            return Err(ApiError::new(403, "FORBIDDEN", "only a manager may change this"));
        }
        if access == Access::Administrator && session.as_ref().is_some_and(|s| s.user.role != crate::store::Role::Administrator) {
            return Err(ApiError::new(403, "FORBIDDEN", "only an administrator may do this"));
        }
        Ok(Caller { session, token })
    }

    /// Runs one command by name and answers its JSON (a PDF as base64): the Tauri commands'
    /// entry.
    pub async fn call(&self, command: &str, input: Value, token: Option<&str>) -> Result<Value, ApiError> {
        Ok(self.run(command, input, token).await?.into_json())
    }
}

macro_rules! dispatcher {
    ($( $(#[doc = $doc:literal])* $name:ident($input:ty) -> $output:ty, $access:ident, $method:ident $path:literal; )*) => {
        /// Every command of the table.
        pub const COMMANDS: &[Command] = &[$(
            Command {
                name: stringify!($name),
                summary: concat!($($doc),*),
                access: Access::$access,
                method: Method::$method,
                path: $path,
                input: |g| g.subschema_for::<$input>(),
                output: <$output as Reply>::schema,
                answers: <$output as Reply>::media_type,
            },
        )*];

        impl DeskApi {
            /// Runs one command by name (unlogged; [`DeskApi::run`] logs it).
            async fn dispatch(&self, command: &str, input: Value, token: Option<&str>) -> Result<Answer, ApiError> {
                match command {
                    $(stringify!($name) => {
                        let caller = self.caller(Access::$access, token).await?;
                        let input: $input = args(input)?;
                        let output: $output = handlers::$name(self, &caller, input).await?;
                        Ok(output.into_answer())
                    })*
                    other => Err(ApiError::new(404, "NOT_FOUND", format!("no command {other}"))),
                }
            }
        }
    };
}

crate::desk_commands!(dispatcher);

impl DeskApi {
    /// Runs one command by name: `input` is its JSON arguments, `token` the session's. Every
    /// command of every door passes here once, and is logged here once: its name, outcome and
    /// duration (never its arguments nor the token).
    pub async fn run(&self, command: &str, input: Value, token: Option<&str>) -> Result<Answer, ApiError> {
        let started = std::time::Instant::now();
        let answer = self.dispatch(command, input, token).await;
        let ms = crate::logs::millis(started.elapsed());
        match &answer {
            Ok(_) => tracing::info!(command, ms, "command done"),
            Err(e) if e.status >= 500 => tracing::error!(command, ms, status = e.status, code = %e.code, "command failed: {}", e.message),
            Err(e) => tracing::info!(command, ms, status = e.status, code = %e.code, "command refused"),
        }
        answer
    }
}

/// A command of the table by name.
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::not_found;

    #[test]
    fn not_found_names_what_was_looked_for_and_by_which_key() {
        let facts = |m: &str| {
            let e = not_found(m.to_string());
            (e.extra.get("what").and_then(|v| v.as_str()).map(String::from), e.extra.get("key").and_then(|v| v.as_str()).map(String::from))
        };
        let some = |what: &str, key: &str| (Some(what.to_string()), Some(key.to_string()));
        assert_eq!(facts("no voucher SC-ABCDE-23456 at this store"), some("voucher", "SC-ABCDE-23456"));
        // a code drawn without a digit (CI once drew SC-VWFBF-HNQJR)
        assert_eq!(facts("no voucher SC-VWFBF-HNQJR at this store"), some("voucher", "SC-VWFBF-HNQJR"));
        assert_eq!(facts("queued return 12 not found"), some("queued_return", "12"));
        assert_eq!(facts("no repair order 4"), some("repair_order", "4"));
        assert_eq!(facts("no amount due at the till for exchange EX-S01-2026-00001"), some("exchange_due", "EX-S01-2026-00001"));
        assert_eq!(facts("no product with SKU or barcode KETTLE"), some("product", "KETTLE"));
        assert_eq!(facts("return 7 has no warranty claim 3"), some("claim", "3"));
        assert_eq!(facts("receipt #12 not found"), some("receipt", "12"));
        assert_eq!(facts("nothing of the kind"), (None, None));
        assert_eq!(not_found("no claim 9".into()).message, "no claim 9", "the words stay as they were");
    }
}
