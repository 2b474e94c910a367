//! The audit trail: an append-only, tamper-evident log of who did what at the desk.
//!
//! Every entry has its place in one chain per database (`seq`: 1, 2, 3, … with no gap), the
//! hash of the entry before it (`prev_hash`; 64 zeros before #1) and its own `hash`: SHA-256
//! over the previous hash and the entry's fields ([`entry_hash`]). An entry that records a
//! return (confirmed, or a manager's ruling on it) also keeps the return's money and quantities
//! as they were written ([`ReturnState`]: totals, every line's qty/returned_qty/refund, every
//! refund row's type/amount/receipt_amount), and the hash covers their digest. Changing,
//! removing, inserting or reordering an entry, or changing a return it recorded, breaks the
//! chain or the match, and [`verify`] names the first place where it breaks.
//!
//! Appending ([`append`]) takes the chain's head, the one row of `audit_head`, with
//! `UPDATE … RETURNING` inside the write transaction of the change it records: on SQLite that
//! transaction already holds the database's write lock (`BEGIN IMMEDIATE`), on PostgreSQL the
//! update locks the head row until commit. Two desks never get the same `seq` or fork the chain,
//! and a rollback gives the number back. Written once for both backends (see `sql.rs`).
//!
//! What it does not stop (docs/security.md): someone with the database and this code can
//! rewrite the whole chain from the first changed entry on. An external anchor — the head's
//! hash printed or exported every day — closes that.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::sql::{sql, Link, Pool};
use super::*;
use crate::domain::Money;

/// The hash before the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an audit entry records. Stored as its one text form, its serde name (`sign_in`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A user signed in at a desk.
    SignIn,
    /// A wrong PIN (or an unknown user).
    SignInFailed,
    /// Too many wrong PINs: the user is locked out.
    LockedOut,
    /// A lock-out was lifted.
    Unlocked,
    /// A return was recorded (the clerk, and the manager where one decided).
    ReturnConfirmed,
    /// A manager approved a return's exceptions or overrode denied lines.
    OverrideApproved,
    /// A manager declined a return's exceptions: it was recorded as voided.
    OverrideRejected,
    /// A desk setting changed (the printer, …).
    SettingsChanged,
    /// A new version of a store's policy was published.
    PolicyImported,
    /// A user was added or changed.
    UserChanged,
    /// A document of a return was sent to the printer.
    DocumentPrinted,
    /// A clerk sent a return to the store's managers (the approval queue).
    ReturnQueued,
    /// A manager approved or declined a queued return at their own desk.
    QueuedDecided,
    /// A decided queued return was recorded as a return.
    QueuedCompleted,
    /// The clerk took back a queued return before anyone decided.
    QueuedWithdrawn,
    /// A warranty claim took a step (sent to the service, back, customer informed, handed back, rejected, closed).
    ClaimStep,
    /// A warranty claim was settled by money (refund or price reduction).
    ClaimSettled,
    // ---- Issue 11: paid repair orders ----
    /// A paid repair order was opened (an item outside every warranty taken in with an estimate).
    RepairOpened,
    /// A paid repair order took a step (estimate accepted or declined, sent, back, customer informed, handed back, closed).
    RepairStep,
    /// A repaired item was handed back and its price paid.
    RepairPaid,
    // ---- Issue 14: vouchers ----
    /// Store credit was spent: an amount taken from a voucher at a till.
    VoucherRedeemed,
    /// A manager voided a voucher (its balance forfeited).
    VoucherVoided,
    // ---- Issue 14: exchanges ----
    /// Items were exchanged: their return, the new receipt, the value moved per tender and the difference.
    ExchangeConfirmed,
    /// A till took an exchange's amount due.
    ExchangeDuePaid,
    // ---- Issue 14: noreceipt ----
    /// A return without a receipt, approved by a manager, paid as store credit.
    UnverifiedReturn,
    /// A manager paid goodwill on a receipt line.
    GoodwillRefund,
    // ---- Issue 13: feedback ----
    /// The customer rated the service of a return or a warranty claim on the customer view.
    FeedbackGiven,
}

impl AuditAction {
    /// Every action, in the order the UI lists them.
    pub const ALL: [AuditAction; 27] = [
        AuditAction::SignIn,
        AuditAction::SignInFailed,
        AuditAction::LockedOut,
        AuditAction::Unlocked,
        AuditAction::ReturnConfirmed,
        AuditAction::OverrideApproved,
        AuditAction::OverrideRejected,
        AuditAction::SettingsChanged,
        AuditAction::PolicyImported,
        AuditAction::UserChanged,
        AuditAction::DocumentPrinted,
        AuditAction::ReturnQueued,
        AuditAction::QueuedDecided,
        AuditAction::QueuedCompleted,
        AuditAction::QueuedWithdrawn,
        AuditAction::ClaimStep,
        AuditAction::ClaimSettled,
        AuditAction::RepairOpened,
        AuditAction::RepairStep,
        AuditAction::RepairPaid,
        // ---- Issue 14: vouchers ----
        AuditAction::VoucherRedeemed,
        AuditAction::VoucherVoided,
        AuditAction::ExchangeConfirmed,
        AuditAction::ExchangeDuePaid,
        // ---- Issue 14: noreceipt ----
        AuditAction::UnverifiedReturn,
        AuditAction::GoodwillRefund,
        // ---- Issue 13: feedback ----
        AuditAction::FeedbackGiven,
    ];

    /// Whether an entry of this action records a return's state (written in the transaction
    /// that changed the return). Others about a return (a printout) do not: an entry that
    /// changes nothing must not take a new picture of the rows, or it would bless a row
    /// changed since.
    pub fn records_return(self) -> bool {
        matches!(self, AuditAction::ReturnConfirmed | AuditAction::OverrideApproved | AuditAction::OverrideRejected)
    }
}

/// Who did it, and where.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditActor {
    pub user_id: Option<i64>,
    pub terminal_id: Option<i64>,
    pub store_code: Option<String>,
}

impl AuditActor {
    /// A user, in their own store (if they have one).
    pub fn user(user: &UserRecord) -> AuditActor {
        AuditActor { user_id: Some(user.id), terminal_id: None, store_code: user.store_code.clone() }
    }
    /// The same actor at a desk.
    pub fn at_terminal(self, terminal_id: Option<i64>) -> AuditActor {
        AuditActor { terminal_id, ..self }
    }
    /// The same actor in a store.
    pub fn in_store(self, store_code: &str) -> AuditActor {
        AuditActor { store_code: Some(store_code.to_string()), ..self }
    }
}

/// One entry to append to the audit trail.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditEvent {
    pub action: AuditAction,
    /// When; kept to the microsecond (what both backends store).
    pub at: DateTime<Utc>,
    pub actor: AuditActor,
    /// What it is about: `return`, `user`, `setting`, `policy`, …
    pub entity: String,
    pub entity_id: String,
    /// Anything else worth keeping, as a JSON object.
    pub details: Value,
}

impl AuditEvent {
    /// An event happening now.
    pub fn new(action: AuditAction, actor: AuditActor, entity: &str, entity_id: impl ToString, details: Value) -> AuditEvent {
        AuditEvent { action, at: now_utc(), actor, entity: entity.to_string(), entity_id: entity_id.to_string(), details }
    }

    /// A user signed in. `actor`: the user, at the desk and in the store of the session.
    pub fn sign_in(user: &UserRecord, actor: AuditActor) -> AuditEvent {
        AuditEvent::new(AuditAction::SignIn, actor, "user", user.id, serde_json::json!({ "login": user.login }))
    }

    /// A wrong PIN for `login` (`user`: who that is, `None` for an unknown login) with
    /// `attempts_left` before a lock-out.
    pub fn sign_in_failed(login: &str, user: Option<&UserRecord>, attempts_left: i64, actor: AuditActor) -> AuditEvent {
        let entity_id = user.map_or_else(|| login.to_string(), |u| u.id.to_string());
        let details = serde_json::json!({ "login": login, "known_user": user.is_some(), "attempts_left": attempts_left });
        AuditEvent::new(AuditAction::SignInFailed, actor, "user", entity_id, details)
    }

    /// A user locked out until `until` after too many wrong PINs.
    pub fn locked_out(user: &UserRecord, until: DateTime<Utc>, actor: AuditActor) -> AuditEvent {
        let details = serde_json::json!({ "login": user.login, "locked_until": until.to_rfc3339_opts(SecondsFormat::Secs, true) });
        AuditEvent::new(AuditAction::LockedOut, actor, "user", user.id, details)
    }

    /// A user's lock-out lifted (`actor`: who lifted it; the user themselves when it ran out).
    pub fn unlocked(user: &UserRecord, actor: AuditActor) -> AuditEvent {
        AuditEvent::new(AuditAction::Unlocked, actor, "user", user.id, serde_json::json!({ "login": user.login }))
    }

    /// A user added or changed (`details`: what changed, never a PIN or its hash; `actor`:
    /// who changed it).
    pub fn user_changed(user_id: i64, actor: AuditActor, details: Value) -> AuditEvent {
        AuditEvent::new(AuditAction::UserChanged, actor, "user", user_id, details)
    }

    // ---- Issue 14: exchanges ----
    /// An exchange recorded (`details`: its number, return, both receipts, V, N, the moves per tender and the difference).
    pub fn exchange_confirmed(exchange_id: i64, at: DateTime<Utc>, actor: AuditActor, details: Value) -> AuditEvent {
        AuditEvent { action: AuditAction::ExchangeConfirmed, at, actor, entity: "exchange".into(), entity_id: exchange_id.to_string(), details }
    }

    /// The return this entry records the state of, if it records one.
    fn recorded_return(&self) -> Option<i64> {
        (self.action.records_return() && self.entity == "return").then(|| self.entity_id.parse().ok()).flatten()
    }
}

/// Where an appended entry went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Appended {
    pub seq: i64,
    pub hash: String,
}

/// The first place where the audit trail, or a record it covers, does not hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuditBreak {
    /// The entry's content no longer matches its hash, or the entry after it recorded another
    /// hash for it.
    #[error("audit entry #{seq} was changed")]
    EntryChanged { seq: i64 },
    /// An entry is missing from the chain.
    #[error("audit entry #{seq} was removed")]
    EntryRemoved { seq: i64 },
    /// An entry the desk did not write sits in the chain.
    #[error("audit entry #{seq} was inserted: the desk did not write it")]
    EntryInserted { seq: i64 },
    /// The entry at this place was written at another place.
    #[error("audit entry #{seq} is out of order: it was written as #{written_as}")]
    EntryReordered { seq: i64, written_as: i64 },
    /// A return's stored money or quantities differ from what its latest entry recorded.
    #[error("return {return_id} was changed after audit entry #{seq} recorded it: {what}")]
    RecordChanged { return_id: i64, seq: i64, what: String },
    /// A return an entry recorded is gone.
    #[error("return {return_id} was removed: audit entry #{seq} recorded it")]
    RecordRemoved { return_id: i64, seq: i64 },
    /// A return no entry recorded: the desk did not write it.
    #[error("return {return_id} has no audit entry: the desk did not record it")]
    RecordInserted { return_id: i64 },
}

/// What a walk of the whole audit trail found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    /// Entries walked.
    pub entries: i64,
    /// Returns checked against the entries that recorded them.
    pub returns: i64,
    /// The chain's head: the last entry's seq and hash (to write down or export: an anchor).
    pub head_seq: i64,
    pub head_hash: String,
    /// The first break, if any.
    pub broken: Option<AuditBreak>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

/// One entry of the trail as the audit screen lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    pub user_login: Option<String>,
    pub user_name: Option<String>,
    pub terminal: Option<String>,
    pub store_code: Option<String>,
    pub action: AuditAction,
    pub entity: String,
    pub entity_id: String,
    /// A JSON object.
    pub details: String,
    pub hash: Option<String>,
}

/// Which entries to list: all filters optional, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// The user's login.
    pub user: Option<String>,
    pub action: Option<AuditAction>,
    /// From this instant on.
    pub from: Option<DateTime<Utc>>,
    /// Before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Entries before this seq (the next page).
    pub before_seq: Option<i64>,
    /// At most this many (1–200).
    pub limit: u32,
}

/// A page of entries, and where the next one starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// `before_seq` of the next (older) page; `None` at the first entry.
    pub next_before_seq: Option<i64>,
}

/// A return's money and quantities as stored: what an entry that records the return keeps, and
/// what verification compares with the rows. Money in cents, so that both backends write the
/// same text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnState {
    pub return_id: i64,
    pub receipt_id: i64,
    pub status: String,
    pub currency: String,
    pub total_gross: i64,
    pub total_fee: i64,
    pub total_refund: i64,
    pub total_vat: i64,
    pub lines: Vec<LineState>,
    pub refunds: Vec<RefundState>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineState {
    pub line_no: i64,
    pub receipt_line: i64,
    pub qty: i64,
    pub returned_qty: i64,
    pub refund: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundState {
    pub seq: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub amount: i64,
    pub receipt_amount: i64,
}

impl ReturnState {
    fn text(&self) -> String {
        json_text(self)
    }

    /// The first difference from `now` in words ("return line 1 returned_qty 1 → 0").
    fn first_difference(&self, now: &ReturnState) -> String {
        let money = |c: i64| Money::from_cents(c).to_string();
        let scalars: [(&str, String, String); 7] = [
            ("receipt_id", self.receipt_id.to_string(), now.receipt_id.to_string()),
            ("status", self.status.clone(), now.status.clone()),
            ("currency", self.currency.clone(), now.currency.clone()),
            ("total_gross", money(self.total_gross), money(now.total_gross)),
            ("total_fee", money(self.total_fee), money(now.total_fee)),
            ("total_refund", money(self.total_refund), money(now.total_refund)),
            ("total_vat", money(self.total_vat), money(now.total_vat)),
        ];
        if let Some((name, was, is)) = scalars.iter().find(|(_, was, is)| was != is) {
            return format!("{name} {was} → {is}");
        }
        for was in &self.lines {
            let name = format!("return line {} (receipt line {})", was.line_no, was.receipt_line);
            let Some(is) = now.lines.iter().find(|l| l.line_no == was.line_no) else {
                return format!("{name} removed");
            };
            let fields = [
                ("receipt_line", was.receipt_line.to_string(), is.receipt_line.to_string()),
                ("qty", was.qty.to_string(), is.qty.to_string()),
                ("returned_qty", was.returned_qty.to_string(), is.returned_qty.to_string()),
                ("refund", money(was.refund), money(is.refund)),
            ];
            if let Some((field, a, b)) = fields.iter().find(|(_, a, b)| a != b) {
                return format!("{name} {field} {a} → {b}");
            }
        }
        if let Some(added) = now.lines.iter().find(|l| !self.lines.iter().any(|w| w.line_no == l.line_no)) {
            return format!("return line {} (receipt line {}) added", added.line_no, added.receipt_line);
        }
        for was in &self.refunds {
            let name = format!("refund {} ({})", was.seq, was.kind);
            let Some(is) = now.refunds.iter().find(|r| r.seq == was.seq) else {
                return format!("{name} of {} removed", money(was.amount));
            };
            let fields = [
                ("type", was.kind.clone(), is.kind.clone()),
                ("amount", money(was.amount), money(is.amount)),
                ("receipt_amount", money(was.receipt_amount), money(is.receipt_amount)),
            ];
            if let Some((field, a, b)) = fields.iter().find(|(_, a, b)| a != b) {
                return format!("{name} {field} {a} → {b}");
            }
        }
        if let Some(added) = now.refunds.iter().find(|r| !self.refunds.iter().any(|w| w.seq == r.seq)) {
            return format!("refund {} ({}) of {} added", added.seq, added.kind, money(added.amount));
        }
        "its stored form differs".into()
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// An entry's fields, as the hash covers them.
#[derive(Clone, Debug, sqlx::FromRow)]
struct EntryRow {
    id: i64,
    seq: i64,
    at: DateTime<Utc>,
    user_id: Option<i64>,
    terminal_id: Option<i64>,
    store_code: Option<String>,
    action: String,
    entity: String,
    entity_id: String,
    details: String,
    receipt_id: Option<i64>,
    record: Option<String>,
    prev_hash: Option<String>,
    hash: Option<String>,
}

impl EntryRow {
    /// The hash this entry should have after `prev` and at place `seq`.
    fn hash_at(&self, prev: &str, seq: i64) -> String {
        entry_hash(
            prev,
            seq,
            self.at,
            self.user_id,
            self.terminal_id,
            self.store_code.as_deref(),
            &self.action,
            &self.entity,
            &self.entity_id,
            &self.details,
            self.receipt_id,
            self.record.as_deref(),
        )
    }

    /// Its content matches its hash.
    fn holds(&self) -> bool {
        match (&self.prev_hash, &self.hash) {
            (Some(prev), Some(hash)) => self.hash_at(prev, self.seq) == *hash,
            _ => false,
        }
    }

    /// The return whose state it recorded.
    fn recorded_return(&self) -> Option<i64> {
        self.record.as_ref()?;
        let action: AuditAction = parse_code("audit action", &self.action).ok()?;
        (action.records_return() && self.entity == "return").then(|| self.entity_id.parse().ok()).flatten()
    }
}

/// An entry's hash: SHA-256, in lowercase hex, of the JSON array
/// `["returndesk-audit/1", prev_hash, seq, at, user_id, terminal_id, store_code, action, entity,
/// entity_id, details, receipt_id, sha256(record) or null]`, where `at` is RFC 3339 UTC to the
/// microsecond (`2026-10-05T10:00:00.123456Z`) and `details` and `record` are the stored text.
#[allow(clippy::too_many_arguments)]
pub fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: DateTime<Utc>,
    user_id: Option<i64>,
    terminal_id: Option<i64>,
    store_code: Option<&str>,
    action: &str,
    entity: &str,
    entity_id: &str,
    details: &str,
    receipt_id: Option<i64>,
    record: Option<&str>,
) -> String {
    EntryTail::of(at, user_id, terminal_id, store_code, action, entity, entity_id, details, receipt_id, record).hash_at(prev_hash, seq)
}

/// What an entry's hash covers after its place in the chain: the canonical JSON array from `at`
/// on, written out (`"2026-…Z",1,2,"S01",…,null]`). The array is `["returndesk-audit/1",`, the
/// previous hash as a JSON string, `,`, seq, `,` and this, so whoever holds the head (the desk, or
/// PostgreSQL in the statement that moves it) can finish it.
struct EntryTail(String);

impl EntryTail {
    const OPENING: &'static str = "[\"returndesk-audit/1\",";

    #[allow(clippy::too_many_arguments)]
    fn of(
        at: DateTime<Utc>,
        user_id: Option<i64>,
        terminal_id: Option<i64>,
        store_code: Option<&str>,
        action: &str,
        entity: &str,
        entity_id: &str,
        details: &str,
        receipt_id: Option<i64>,
        record: Option<&str>,
    ) -> EntryTail {
        let rest = serde_json::json!([
            at.to_rfc3339_opts(SecondsFormat::Micros, true),
            user_id,
            terminal_id,
            store_code,
            action,
            entity,
            entity_id,
            details,
            receipt_id,
            record.map(|r| sha256_hex(r.as_bytes())),
        ])
        .to_string();
        // A JSON array's text opens with its `[`; the rest follows the seq's comma.
        EntryTail(rest[1..].to_string())
    }

    /// The whole canonical text at place `seq` after `prev_hash`.
    fn canonical(&self, prev_hash: &str, seq: i64) -> String {
        format!("{}{},{seq},{}", Self::OPENING, Value::from(prev_hash), self.0)
    }

    /// The entry's hash at place `seq` after `prev_hash`.
    fn hash_at(&self, prev_hash: &str, seq: i64) -> String {
        sha256_hex(self.canonical(prev_hash, seq).as_bytes())
    }
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    seq: i64,
    hash: String,
    unsealed: i64,
}

#[derive(sqlx::FromRow)]
struct ReturnTotalsRow {
    id: i64,
    receipt_id: i64,
    status: String,
    currency: String,
    total_gross: Money,
    total_fee: Money,
    total_refund: Money,
    total_vat: Money,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    return_id: i64,
    line_no: i64,
    receipt_line: i64,
    qty: i64,
    returned_qty: i64,
    refund: Money,
}

#[derive(sqlx::FromRow)]
struct RefundRow {
    return_id: i64,
    seq: i64,
    #[sqlx(rename = "type")]
    kind: String,
    amount: Money,
    receipt_amount: Money,
}

fn assemble(returns: Vec<ReturnTotalsRow>, lines: Vec<LineRow>, refunds: Vec<RefundRow>) -> Vec<ReturnState> {
    let mut states: BTreeMap<i64, ReturnState> = returns
        .into_iter()
        .map(|r| {
            (r.id, ReturnState {
                return_id: r.id,
                receipt_id: r.receipt_id,
                status: r.status,
                currency: r.currency,
                total_gross: r.total_gross.cents(),
                total_fee: r.total_fee.cents(),
                total_refund: r.total_refund.cents(),
                total_vat: r.total_vat.cents(),
                lines: Vec::new(),
                refunds: Vec::new(),
            })
        })
        .collect();
    for l in lines {
        if let Some(s) = states.get_mut(&l.return_id) {
            s.lines.push(LineState {
                line_no: l.line_no,
                receipt_line: l.receipt_line,
                qty: l.qty,
                returned_qty: l.returned_qty,
                refund: l.refund.cents(),
            });
        }
    }
    for r in refunds {
        if let Some(s) = states.get_mut(&r.return_id) {
            s.refunds.push(RefundState { seq: r.seq, kind: r.kind, amount: r.amount.cents(), receipt_amount: r.receipt_amount.cents() });
        }
    }
    states.into_values().collect()
}

/// The states of the returns with ids in `first..=last`.
async fn states_between(mut link: Link<'_>, first: i64, last: i64) -> StoreResult<Vec<ReturnState>> {
    let returns = sql("SELECT id, receipt_id, status, currency, total_gross, total_fee, total_refund, total_vat
                       FROM returns WHERE id >= $1 AND id <= $2 ORDER BY id")
    .bind(first)
    .bind(last)
    .fetch_all(link.again())
    .await?;
    let lines = sql("SELECT return_id, line_no, receipt_line, qty, returned_qty, refund FROM return_lines
                     WHERE return_id >= $1 AND return_id <= $2 ORDER BY return_id, line_no")
    .bind(first)
    .bind(last)
    .fetch_all(link.again())
    .await?;
    let refunds = sql("SELECT return_id, seq, type, amount, receipt_amount FROM return_refunds
                       WHERE return_id >= $1 AND return_id <= $2 ORDER BY return_id, seq")
    .bind(first)
    .bind(last)
    .fetch_all(link)
    .await?;
    Ok(assemble(returns, lines, refunds))
}

async fn state_of(link: Link<'_>, return_id: i64) -> StoreResult<Option<ReturnState>> {
    Ok(states_between(link, return_id, return_id).await?.pop())
}

/// The states of a receipt's returns.
async fn states_of_receipt(mut link: Link<'_>, receipt_id: i64) -> StoreResult<Vec<ReturnState>> {
    let returns = sql("SELECT id, receipt_id, status, currency, total_gross, total_fee, total_refund, total_vat
                       FROM returns WHERE receipt_id = $1 ORDER BY id")
    .bind(receipt_id)
    .fetch_all(link.again())
    .await?;
    let lines = sql("SELECT return_id, line_no, receipt_line, qty, returned_qty, refund FROM return_lines
                     WHERE return_id IN (SELECT id FROM returns WHERE receipt_id = $1) ORDER BY return_id, line_no")
    .bind(receipt_id)
    .fetch_all(link.again())
    .await?;
    let refunds = sql("SELECT return_id, seq, type, amount, receipt_amount FROM return_refunds
                       WHERE return_id IN (SELECT id FROM returns WHERE receipt_id = $1) ORDER BY return_id, seq")
    .bind(receipt_id)
    .fetch_all(link)
    .await?;
    Ok(assemble(returns, lines, refunds))
}

/// Appends `event` inside the caller's write transaction (see the module docs): the return it
/// records (if any) is read back as stored, the head is taken and moved on.
pub(super) async fn append(mut link: Link<'_>, event: &AuditEvent) -> StoreResult<Appended> {
    let state = match event.recorded_return() {
        Some(id) => Some(state_of(link.again(), id).await?.ok_or_else(|| StoreError::NotFound(format!("return {id}")))?),
        None => None,
    };
    let record = state.as_ref().map(ReturnState::text);
    let receipt_id = state.as_ref().map(|s| s.receipt_id);
    let at = event.at.trunc_subsecs(6);
    let action = code_of(&event.action);
    let details = event.details.to_string();
    let (user_id, terminal_id, store_code) = (event.actor.user_id, event.actor.terminal_id, event.actor.store_code.as_deref());
    let tail = EntryTail::of(at, user_id, terminal_id, store_code, &action, &event.entity, &event.entity_id, &details, receipt_id, record.as_deref());
    if let Link::Postgres(_) = link {
        // The head is locked from the statement that moves it to the commit, and every desk's
        // append waits for it: on PostgreSQL that statement also writes the entry, hashing it
        // in the server, so the lock is held for one statement and the commit instead of three
        // round trips and the commit. The desk checks the hash the server computed.
        let written: Option<WrittenEntry> = sql(
            "WITH head AS (
               UPDATE audit_head
               SET seq = seq + 1, prev_hash = hash,
                   hash = encode(sha256(convert_to($1 || to_json(hash)::text || ',' || (seq + 1)::text || ',' || $2, 'UTF8')), 'hex')
               WHERE id = 1 AND unsealed = 0
               RETURNING seq, prev_hash, hash)
             INSERT INTO audit_log (seq, at, user_id, terminal_id, store_code, action, entity, entity_id, details,
                                    receipt_id, record, prev_hash, hash)
             SELECT head.seq, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, head.prev_hash, head.hash FROM head
             RETURNING seq, prev_hash, hash",
        )
        .bind(EntryTail::OPENING)
        .bind(&tail.0)
        .bind(at)
        .bind(user_id)
        .bind(terminal_id)
        .bind(store_code)
        .bind(&action)
        .bind(&event.entity)
        .bind(&event.entity_id)
        .bind(&details)
        .bind(receipt_id)
        .bind(&record)
        .fetch_optional(link.again())
        .await?;
        // No row: entries from before the chain still wait to be sealed (below).
        if let Some(w) = written {
            let expected = tail.hash_at(&w.prev_hash, w.seq);
            if w.hash != expected {
                return Err(StoreError::Corrupt(format!(
                    "audit entry #{}: the database hashed it as {}, the desk as {expected}; nothing was recorded",
                    w.seq, w.hash
                )));
            }
            return Ok(Appended { seq: w.seq, hash: w.hash });
        }
    }
    // Takes the head (PostgreSQL: locks its row until commit) and its place in the chain.
    let head: HeadRow = sql("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash, unsealed")
        .fetch_one(link.again())
        .await?;
    let prev = if head.unsealed > 0 { seal_in(link.again(), head.unsealed).await? } else { head.hash };
    let hash = tail.hash_at(&prev, head.seq);
    sql("INSERT INTO audit_log (seq, at, user_id, terminal_id, store_code, action, entity, entity_id, details,
           receipt_id, record, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
    .bind(head.seq)
    .bind(at)
    .bind(user_id)
    .bind(terminal_id)
    .bind(store_code)
    .bind(action)
    .bind(&event.entity)
    .bind(&event.entity_id)
    .bind(details)
    .bind(receipt_id)
    .bind(record)
    .bind(&prev)
    .bind(&hash)
    .execute(link.again())
    .await?;
    sql("UPDATE audit_head SET prev_hash = $1, hash = $2 WHERE id = 1").bind(prev).bind(&hash).execute(link).await?;
    Ok(Appended { seq: head.seq, hash })
}

/// The entry PostgreSQL's one-statement append wrote.
#[derive(sqlx::FromRow)]
struct WrittenEntry {
    seq: i64,
    prev_hash: String,
    hash: String,
}

/// [`append`] in a write transaction of its own.
pub(super) async fn append_alone(pool: &Pool, event: &AuditEvent) -> StoreResult<Appended> {
    let mut tx = pool.write().await?;
    let appended = append(tx.link(), event).await?;
    tx.commit().await?;
    Ok(appended)
}

/// Chains the entries from before migration 0005 (`audit_head.unsealed` of them, numbered
/// 1…unsealed in id order by the migration) when the database opens. Takes no write lock when
/// there is nothing to do (the usual case).
pub(super) async fn seal_legacy(pool: &Pool) -> StoreResult<()> {
    let unsealed: i64 = sql("SELECT unsealed FROM audit_head WHERE id = 1").scalar(pool.read().await?.link()).await?;
    if unsealed == 0 {
        return Ok(());
    }
    let mut tx = pool.write().await?;
    // Takes the head; another desk opening at the same time finds the work done.
    let unsealed: i64 = sql("UPDATE audit_head SET unsealed = unsealed WHERE id = 1 RETURNING unsealed")
        .scalar(tx.link())
        .await?;
    if unsealed > 0 {
        seal_in(tx.link(), unsealed).await?;
    }
    tx.commit().await
}

/// Gives entries 1…`unsealed` their record and hashes, inside the caller's transaction with the
/// head taken; answers the last one's hash.
async fn seal_in(mut link: Link<'_>, unsealed: i64) -> StoreResult<String> {
    let mut prev = GENESIS_HASH.to_string();
    let mut last = 0i64;
    loop {
        let page: Vec<EntryRow> = sql("SELECT id, seq, at, user_id, terminal_id, store_code, action, entity, entity_id, details,
                  receipt_id, record, prev_hash, hash
           FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT 500")
        .bind(last)
        .bind(unsealed)
        .fetch_all(link.again())
        .await?;
        if page.is_empty() {
            break;
        }
        for mut e in page {
            if e.seq != last + 1 || e.hash.is_some() {
                return Err(StoreError::Corrupt(format!("audit entry #{} from before the upgrade cannot be chained", e.seq)));
            }
            e.record = match parse_code::<AuditAction>("audit action", &e.action) {
                Ok(a) if a.records_return() && e.entity == "return" => match e.entity_id.parse() {
                    Ok(id) => state_of(link.again(), id).await?.map(|s| s.text()),
                    Err(_) => None,
                },
                _ => None,
            };
            let hash = e.hash_at(&prev, e.seq);
            sql("UPDATE audit_log SET record = $1, prev_hash = $2, hash = $3 WHERE id = $4")
                .bind(&e.record)
                .bind(&prev)
                .bind(&hash)
                .bind(e.id)
                .execute(link.again())
                .await?;
            prev = hash;
            last = e.seq;
        }
    }
    if last != unsealed {
        return Err(StoreError::Corrupt(format!("audit entry #{} from before the upgrade is missing", last + 1)));
    }
    sql("UPDATE audit_head SET hash = $1, unsealed = 0 WHERE id = 1").bind(&prev).execute(link).await?;
    Ok(prev)
}

/// Names what broke at an entry whose content does not match its hash.
async fn diagnose_changed(mut link: Link<'_>, e: &EntryRow, head_seq: i64) -> StoreResult<AuditBreak> {
    if e.seq > head_seq {
        return Ok(AuditBreak::EntryInserted { seq: e.seq });
    }
    // Its hash holds at another place: it was moved.
    if let (Some(prev), Some(hash)) = (&e.prev_hash, &e.hash) {
        let max: i64 = sql("SELECT COALESCE(MAX(seq), 0) FROM audit_log").scalar(link.again()).await?;
        if let Some(written_as) = (1..=max.max(head_seq) + 1).filter(|s| *s != e.seq).find(|s| e.hash_at(prev, *s) == *hash) {
            return Ok(AuditBreak::EntryReordered { seq: e.seq, written_as });
        }
    }
    // Rows written before it come after it: it was put in later.
    let written_before: i64 = sql("SELECT COUNT(*) FROM audit_log WHERE seq > $1 AND id < $2")
        .bind(e.seq)
        .bind(e.id)
        .scalar(link)
        .await?;
    Ok(if written_before > 0 { AuditBreak::EntryInserted { seq: e.seq } } else { AuditBreak::EntryChanged { seq: e.seq } })
}

/// The walk along the chain, entry by entry in seq order.
struct Walk {
    head_seq: i64,
    last_seq: i64,
    last_hash: String,
    before_last_hash: Option<String>,
}

impl Walk {
    async fn step(&mut self, mut link: Link<'_>, e: &EntryRow) -> StoreResult<Option<AuditBreak>> {
        if e.seq == self.last_seq {
            return Ok(Some(AuditBreak::EntryInserted { seq: e.seq }));
        }
        if e.seq > self.last_seq + 1 {
            return Ok(Some(AuditBreak::EntryRemoved { seq: self.last_seq + 1 }));
        }
        if !e.holds() {
            return Ok(Some(diagnose_changed(link, e, self.head_seq).await?));
        }
        if e.prev_hash.as_deref() != Some(self.last_hash.as_str()) {
            // Whole in itself, but it does not follow the entry before it.
            let prev = e.prev_hash.clone().unwrap_or_default();
            if self.last_seq == 0 {
                return Ok(Some(AuditBreak::EntryChanged { seq: e.seq }));
            }
            if self.before_last_hash.as_deref() == Some(prev.as_str()) {
                return Ok(Some(AuditBreak::EntryInserted { seq: self.last_seq }));
            }
            let follows: Option<i64> =
                sql("SELECT seq FROM audit_log WHERE hash = $1 ORDER BY seq LIMIT 1").bind(prev).scalar_optional(link.again()).await?;
            return Ok(Some(match follows {
                Some(s) => AuditBreak::EntryReordered { seq: e.seq, written_as: s + 1 },
                // The entry before it was rewritten, hash and all.
                None => AuditBreak::EntryChanged { seq: self.last_seq },
            }));
        }
        self.before_last_hash = Some(std::mem::replace(&mut self.last_hash, e.hash.clone().unwrap_or_default()));
        self.last_seq = e.seq;
        Ok(None)
    }

    /// After the last entry: the head must name it.
    fn finish(&self, head: &HeadRow) -> Option<AuditBreak> {
        if self.last_seq < head.seq {
            Some(AuditBreak::EntryRemoved { seq: self.last_seq + 1 })
        } else if self.last_seq > head.seq {
            Some(AuditBreak::EntryInserted { seq: head.seq + 1 })
        } else if self.last_hash != head.hash {
            Some(AuditBreak::EntryChanged { seq: self.last_seq })
        } else {
            None
        }
    }
}

/// Compares one return's stored state with what its latest recording entry kept.
async fn compare_record(mut link: Link<'_>, now: &ReturnState, seq: i64, digest: &str) -> StoreResult<Option<AuditBreak>> {
    let text = now.text();
    if sha256_hex(text.as_bytes()) == digest {
        return Ok(None);
    }
    let recorded: Option<String> = sql("SELECT record FROM audit_log WHERE seq = $1").bind(seq).scalar(link.again()).await?;
    let what = match recorded.as_deref().map(|r| from_json::<ReturnState>("audit record", r)) {
        Some(Ok(was)) => was.first_difference(now),
        _ => "its stored form differs".into(),
    };
    Ok(Some(AuditBreak::RecordChanged { return_id: now.return_id, seq, what }))
}

/// A return an entry recorded but that is not where it was: removed, or moved to another
/// receipt (its state names how).
async fn missing_record(mut link: Link<'_>, return_id: i64, seq: i64, digest: &str) -> StoreResult<AuditBreak> {
    match state_of(link.again(), return_id).await? {
        Some(now) => Ok(compare_record(link, &now, seq, digest)
            .await?
            .unwrap_or(AuditBreak::RecordChanged { return_id, seq, what: "it was moved".into() })),
        None => Ok(AuditBreak::RecordRemoved { return_id, seq }),
    }
}

/// Walks the whole chain and every return, in one snapshot of the database.
pub(super) async fn verify(pool: &Pool) -> StoreResult<AuditReport> {
    let mut tx = pool.snapshot().await?;
    let head: HeadRow = sql("SELECT seq, hash, unsealed FROM audit_head WHERE id = 1").fetch_one(tx.link()).await?;
    let mut walk = Walk { head_seq: head.seq, last_seq: 0, last_hash: GENESIS_HASH.into(), before_last_hash: None };
    // Each return's latest recording entry: (seq, digest of the record).
    let mut recorded: BTreeMap<i64, (i64, String)> = BTreeMap::new();
    let (mut entries, mut returns) = (0i64, 0i64);
    let mut broken = None;
    let (mut after_seq, mut after_id) = (0i64, 0i64);
    'pages: loop {
        let page: Vec<EntryRow> = sql("SELECT id, seq, at, user_id, terminal_id, store_code, action, entity, entity_id, details,
                  receipt_id, record, prev_hash, hash
           FROM audit_log WHERE seq > $1 OR (seq = $1 AND id > $2) ORDER BY seq, id LIMIT 1000")
        .bind(after_seq)
        .bind(after_id)
        .fetch_all(tx.link())
        .await?;
        if page.is_empty() {
            break;
        }
        for e in &page {
            entries += 1;
            if let Some(b) = walk.step(tx.link(), e).await? {
                broken = Some(b);
                break 'pages;
            }
            if let (Some(id), Some(record)) = (e.recorded_return(), &e.record) {
                recorded.insert(id, (e.seq, sha256_hex(record.as_bytes())));
            }
            (after_seq, after_id) = (e.seq, e.id);
        }
    }
    if broken.is_none() {
        broken = walk.finish(&head);
    }
    if broken.is_none() {
        let mut after = 0i64;
        'returns: loop {
            let ids: Vec<i64> = sql("SELECT id FROM returns WHERE id > $1 ORDER BY id LIMIT 500").bind(after).scalars(tx.link()).await?;
            let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else { break };
            for now in states_between(tx.link(), first, last).await? {
                returns += 1;
                // A return recorded before this one that is not there any more.
                if let Some((&id, (seq, digest))) = recorded.first_key_value().filter(|(id, _)| **id < now.return_id) {
                    broken = Some(missing_record(tx.link(), id, *seq, &digest.clone()).await?);
                    break 'returns;
                }
                let Some((seq, digest)) = recorded.remove(&now.return_id) else {
                    broken = Some(AuditBreak::RecordInserted { return_id: now.return_id });
                    break 'returns;
                };
                if let Some(b) = compare_record(tx.link(), &now, seq, &digest).await? {
                    broken = Some(b);
                    break 'returns;
                }
            }
            after = last;
        }
        if broken.is_none() {
            if let Some((&id, (seq, digest))) = recorded.first_key_value() {
                broken = Some(missing_record(tx.link(), id, *seq, &digest.clone()).await?);
            }
        }
    }
    tx.commit().await?;
    Ok(AuditReport { entries, returns, head_seq: head.seq, head_hash: head.hash, broken })
}

#[derive(sqlx::FromRow)]
struct Neighbours {
    before_hash: Option<String>,
    after_prev_hash: Option<String>,
    head_seq: i64,
    head_hash: String,
}

#[derive(sqlx::FromRow)]
struct Extent {
    entries: i64,
    max_seq: i64,
    head_seq: i64,
}

/// Checks what a payout on one receipt rests on, in one snapshot: every entry about the
/// receipt's returns holds and is still linked to the entries on both sides of it, each of the
/// receipt's returns matches what its latest entry recorded (none added, removed or changed),
/// and no entry is missing from the trail or was added beyond its head.
pub(super) async fn verify_receipt(pool: &Pool, receipt_id: i64) -> StoreResult<Option<AuditBreak>> {
    let mut tx = pool.snapshot().await?;
    let result = receipt_break(tx.link(), receipt_id).await;
    tx.commit().await?;
    result
}

async fn receipt_break(mut link: Link<'_>, receipt_id: i64) -> StoreResult<Option<AuditBreak>> {
    let entries: Vec<EntryRow> = sql("SELECT id, seq, at, user_id, terminal_id, store_code, action, entity, entity_id, details,
              receipt_id, record, prev_hash, hash
       FROM audit_log WHERE receipt_id = $1 ORDER BY seq, id")
    .bind(receipt_id)
    .fetch_all(link.again())
    .await?;
    let mut recorded: BTreeMap<i64, (i64, String)> = BTreeMap::new();
    for e in &entries {
        let n: Neighbours = sql(
            "SELECT (SELECT hash FROM audit_log WHERE seq = $1) AS before_hash,
                    (SELECT prev_hash FROM audit_log WHERE seq = $2) AS after_prev_hash,
                    h.seq AS head_seq, h.hash AS head_hash
             FROM audit_head h WHERE h.id = 1",
        )
        .bind(e.seq - 1)
        .bind(e.seq + 1)
        .fetch_one(link.again())
        .await?;
        if !e.holds() {
            return Ok(Some(diagnose_changed(link, e, n.head_seq).await?));
        }
        let before = if e.seq == 1 { Some(GENESIS_HASH.to_string()) } else { n.before_hash };
        match before {
            None => return Ok(Some(AuditBreak::EntryRemoved { seq: e.seq - 1 })),
            Some(h) if e.prev_hash.as_deref() != Some(h.as_str()) => {
                return Ok(Some(AuditBreak::EntryChanged { seq: (e.seq - 1).max(1) }));
            }
            Some(_) => {}
        }
        if e.seq > n.head_seq {
            return Ok(Some(AuditBreak::EntryInserted { seq: e.seq }));
        }
        let after_link = if e.seq == n.head_seq { Some(n.head_hash) } else { n.after_prev_hash };
        match after_link {
            None => return Ok(Some(AuditBreak::EntryRemoved { seq: e.seq + 1 })),
            Some(h) if e.hash.as_deref() != Some(h.as_str()) => return Ok(Some(AuditBreak::EntryChanged { seq: e.seq })),
            Some(_) => {}
        }
        if let (Some(id), Some(record)) = (e.recorded_return(), &e.record) {
            recorded.insert(id, (e.seq, sha256_hex(record.as_bytes())));
        }
    }
    for now in states_of_receipt(link.again(), receipt_id).await? {
        let Some((seq, digest)) = recorded.remove(&now.return_id) else {
            return Ok(Some(AuditBreak::RecordInserted { return_id: now.return_id }));
        };
        if let Some(b) = compare_record(link.again(), &now, seq, &digest).await? {
            return Ok(Some(b));
        }
    }
    if let Some((&id, (seq, digest))) = recorded.first_key_value() {
        return Ok(Some(missing_record(link, id, *seq, &digest.clone()).await?));
    }
    // Nothing missing anywhere: an entry removed (with the return it recorded) would free units
    // of some receipt, and which one only the removed entry could say.
    let extent: Extent = sql("SELECT COUNT(*) AS entries, COALESCE(MAX(seq), 0) AS max_seq,
                                     (SELECT seq FROM audit_head WHERE id = 1) AS head_seq
                              FROM audit_log")
    .fetch_one(link.again())
    .await?;
    if extent.max_seq > extent.head_seq {
        return Ok(Some(AuditBreak::EntryInserted { seq: extent.head_seq + 1 }));
    }
    if extent.max_seq < extent.head_seq {
        return Ok(Some(AuditBreak::EntryRemoved { seq: extent.max_seq + 1 }));
    }
    if extent.entries != extent.max_seq {
        let seqs: Vec<i64> = sql("SELECT seq FROM audit_log ORDER BY seq").scalars(link).await?;
        let gap = seqs.iter().zip(1i64..).find(|(s, n)| **s != *n).map_or(extent.max_seq, |(_, n)| n);
        return Ok(Some(AuditBreak::EntryRemoved { seq: gap }));
    }
    Ok(None)
}

/// A store's entries, newest first, filtered.
pub(super) async fn entries(pool: &Pool, store_code: &str, query: &AuditQuery) -> StoreResult<AuditPage> {
    let limit = i64::from(query.limit.clamp(1, 200));
    let entries: Vec<AuditEntry> = sql(
        "SELECT a.seq, a.at, a.user_id, u.login AS user_login, u.display_name AS user_name, t.code AS terminal,
                a.store_code, a.action, a.entity, a.entity_id, a.details, a.hash
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN terminals t ON t.id = a.terminal_id
         WHERE a.store_code = $1
           AND ($2 IS NULL OR u.login = $2)
           AND ($3 IS NULL OR a.action = $3)
           AND ($4 IS NULL OR a.at >= $4)
           AND ($5 IS NULL OR a.at < $5)
           AND ($6 IS NULL OR a.seq < $6)
         ORDER BY a.seq DESC LIMIT $7",
    )
    .bind(store_code)
    .bind(query.user.as_deref().map(str::trim).filter(|u| !u.is_empty()))
    .bind(query.action.map(|a| code_of(&a)))
    .bind(query.from)
    .bind(query.until)
    .bind(query.before_seq)
    .bind(limit + 1)
    .fetch_all(pool.read().await?.link())
    .await?;
    let mut entries = entries;
    let more = entries.len() as i64 > limit;
    entries.truncate(limit as usize);
    let next_before_seq = if more { entries.last().map(|e| e.seq) } else { None };
    Ok(AuditPage { entries, next_before_seq })
}

/// The hash of entry `seq`, if there is one (to check an anchor written down earlier).
pub(super) async fn hash_of(pool: &Pool, seq: i64) -> StoreResult<Option<String>> {
    Ok(sql("SELECT hash FROM audit_log WHERE seq = $1")
        .bind(seq)
        .scalar_optional::<Option<String>>(pool.read().await?.link())
        .await?
        .flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> ReturnState {
        ReturnState {
            return_id: 7,
            receipt_id: 3,
            status: "completed".into(),
            currency: "EUR".into(),
            total_gross: 1000,
            total_fee: 0,
            total_refund: 1000,
            total_vat: 167,
            lines: vec![LineState { line_no: 1, receipt_line: 2, qty: 1, returned_qty: 1, refund: 1000 }],
            refunds: vec![RefundState { seq: 1, kind: "card".into(), amount: 1000, receipt_amount: 1000 }],
        }
    }

    #[test]
    fn differences_are_named() {
        let was = state();
        let mut now = state();
        now.lines[0].returned_qty = 0;
        assert_eq!(was.first_difference(&now), "return line 1 (receipt line 2) returned_qty 1 → 0");
        let mut now = state();
        now.total_refund = 11000;
        assert_eq!(was.first_difference(&now), "total_refund 10.00 → 110.00");
        let mut now = state();
        now.refunds.clear();
        assert_eq!(was.first_difference(&now), "refund 1 (card) of 10.00 removed");
    }

    #[test]
    fn the_hash_covers_every_field_and_the_record() {
        let at: DateTime<Utc> = "2026-10-05T08:00:00.123456Z".parse().unwrap();
        let base = || entry_hash(GENESIS_HASH, 1, at, Some(1), Some(2), Some("S01"), "sign_in", "user", "1", "{}", None, None);
        assert_eq!(base(), base());
        assert_eq!(base().len(), 64);
        assert_ne!(base(), entry_hash(GENESIS_HASH, 2, at, Some(1), Some(2), Some("S01"), "sign_in", "user", "1", "{}", None, None));
        assert_ne!(base(), entry_hash(GENESIS_HASH, 1, at, None, Some(2), Some("S01"), "sign_in", "user", "1", "{}", None, None));
        assert_ne!(base(), entry_hash(GENESIS_HASH, 1, at, Some(1), Some(2), Some("S01"), "sign_in", "user", "1", "{}", None, Some("{}")));
    }

    /// The canonical text finished after the head (by the desk or by PostgreSQL's append) is
    /// the one JSON array the hash is defined over, byte for byte, for any field's content.
    #[test]
    fn the_tail_finishes_the_canonical_array() {
        let at: DateTime<Utc> = "2026-10-05T08:00:00.000001Z".parse().unwrap();
        let record = "{\"return_id\":7}";
        let cases: [(Option<i64>, Option<i64>, Option<&str>, &str, &str, Option<i64>, Option<&str>); 3] = [
            (Some(1), Some(2), Some("S01"), "1", "{}", Some(3), Some(record)),
            (None, None, None, "Мария \"Σ\" \\ \n\u{0}", "{\"note\":\"Ωμέγα – чек №5\"}", None, None),
            (Some(i64::MAX), Some(-1), Some(""), "", "", Some(0), Some("")),
        ];
        for (seq, prev) in [(1, GENESIS_HASH), (9_007_199_254_740_993, "ab".repeat(32).as_str())] {
            for (user, terminal, store, entity_id, details, receipt, record) in cases {
                let whole = serde_json::json!([
                    "returndesk-audit/1", prev, seq, "2026-10-05T08:00:00.000001Z", user, terminal, store,
                    "return_confirmed", "return", entity_id, details, receipt, record.map(|r| sha256_hex(r.as_bytes())),
                ])
                .to_string();
                let tail = EntryTail::of(at, user, terminal, store, "return_confirmed", "return", entity_id, details, receipt, record);
                assert_eq!(tail.canonical(prev, seq), whole);
                assert_eq!(
                    entry_hash(prev, seq, at, user, terminal, store, "return_confirmed", "return", entity_id, details, receipt, record),
                    sha256_hex(whole.as_bytes())
                );
            }
        }
    }
}
