//! The approval queue (issue 12): a clerk sends a return that needs a manager to the store's
//! managers instead of calling one to the desk; a manager decides it at their own desk (no PIN:
//! they are signed in), within their approval limit; the clerk completes it with
//! `confirm_return {queued_id}`, which pays exactly what was approved. Every change bumps the
//! store's queue version in its transaction, and wakes the desks waiting in
//! [`Desk::watch_queue`] — those of this process at once, those of other processes at their
//! next look at the version.
//!
//! Also here: the customer behind a return (hashed identities, counted as
//! `customer_returns_90d` for the frequent-returner rule) and the desk's own limits (a clerk's
//! refund limit, a manager's approval limit).

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use crate::store::{DecisionReason, QueueState};
use crate::domain::{evaluate, evaluate_with_ruling, Decision, LineNo, ManagerRuling, Money, ReturnCase};
use crate::store::{NewQueuedReturn, QueueDecision, QueueQuery, QueuedReturnRecord, Refusal, StoreError, StoreProfile};

use super::auth::{AuthError, Session};
use super::{audit, Desk, DeskError, DeskVerdict, ManagerDecision, ReceiptContext, ReturnDraft};

/// A waiting case is overdue after this many minutes, unless the store says otherwise.
pub const DEFAULT_OVERDUE_MINUTES: i64 = 10;

/// The code the desk adds to what a manager must approve when a return refunds more than the
/// clerk's own refund limit.
pub const CLERK_LIMIT: &str = "CLERK_LIMIT";

/// Who must decide a queued case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NeedsRole {
    Manager,
    /// The refund is above every manager's approval limit.
    Administrator,
}

/// Wakes the desks of this process waiting for a store's queue to change.
pub(crate) struct QueueSignal {
    changed: tokio::sync::watch::Sender<u64>,
    /// How long a watch waits at most before answering the queue unchanged.
    timeout: Duration,
    /// How often a waiting watch looks at the version in the database (changes by other
    /// processes).
    poll: Duration,
}

impl QueueSignal {
    pub(crate) fn new(timeout: Duration, poll: Duration) -> Arc<QueueSignal> {
        Arc::new(QueueSignal { changed: tokio::sync::watch::channel(0).0, timeout, poll })
    }
    fn wake(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }
}

impl Default for QueueSignal {
    fn default() -> Self {
        QueueSignal { changed: tokio::sync::watch::channel(0).0, timeout: Duration::from_secs(25), poll: Duration::from_millis(500) }
    }
}

/// The customer behind a return, as the desk knows them: the hashed identities (never in
/// clear), from the receipt's card fingerprints, the contact (phone or e-mail) and a loyalty id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Customer {
    pub contact: String,
    pub loyalty_id: Option<String>,
    /// The number on the customer's identity document, as typed (never stored): when the desk
    /// takes it, the customer is known by its keyed hash too — the key an unverified return
    /// (no receipt) is counted under (issue 14).
    pub id_number: Option<String>,
}

impl Customer {
    /// The customer's identities: SHA-256 (hex) of `kind:value`, normalised.
    pub fn keys(&self, card_fingerprints: &[String]) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for f in card_fingerprints {
            let f = f.trim();
            if !f.is_empty() {
                ids.push(format!("card:{f}"));
            }
        }
        let contact = self.contact.trim();
        if contact.contains('@') {
            ids.push(format!("email:{}", contact.to_lowercase()));
        } else {
            let digits: String = contact.chars().filter(char::is_ascii_digit).collect();
            // A leading 00 is the international prefix, like a leading +.
            let digits = digits.strip_prefix("00").map(str::to_string).unwrap_or(digits);
            if digits.len() >= 6 {
                ids.push(format!("phone:{digits}"));
            }
        }
        if let Some(l) = self.loyalty_id.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            ids.push(format!("loyalty:{}", l.to_uppercase()));
        }
        ids.sort();
        ids.dedup();
        ids.iter().map(|id| format!("{:x}", Sha256::digest(id.as_bytes()))).collect()
    }
}

/// A return to queue, as the desk sends it.
pub struct QueueRequest<'a> {
    pub draft: &'a ReturnDraft,
    pub customer: &'a Customer,
    pub idempotency_key: &'a str,
    pub note: &'a str,
    /// The draft as the API took it, kept to show it again.
    pub input: serde_json::Value,
}

/// What a manager decides on a queued case.
#[derive(Clone, Debug)]
pub struct QueueRuling {
    pub approve: bool,
    /// Approve: the lines to override (None: every overridable one).
    pub lines: Option<Vec<u32>>,
    pub deductions: Vec<crate::domain::Deduction>,
    pub reason_code: DecisionReason,
    pub reason_text: String,
}

/// A queued case with what the desk works out about it now.
pub struct QueuedCaseFacts {
    pub record: QueuedReturnRecord,
    pub waiting_minutes: i64,
    pub overdue: bool,
    pub needs_role: NeedsRole,
    /// The draft as the API took it.
    pub input: serde_json::Value,
    pub verdict: serde_json::Value,
    pub asked: Vec<String>,
}

/// What `queued_returns.draft_json` keeps.
#[derive(Serialize, Deserialize)]
struct StoredDraft {
    request: ReturnDraft,
    customer_keys: Vec<String>,
    input: serde_json::Value,
}

/// A store's queue: its version and its cases.
pub struct QueueSnapshot {
    pub version: i64,
    pub cases: Vec<QueuedCaseFacts>,
}

/// The approvals the desk adds for a clerk's refund limit.
pub(crate) fn over_clerk_limit(decision: &Decision, limit: Option<Money>) -> bool {
    limit.is_some_and(|l| decision.totals.refund > l)
}

/// The ruling that grants everything asked: every approval, every overridable denied line.
fn grant_all(decision: &Decision) -> ManagerRuling {
    ManagerRuling {
        grant_approvals: true,
        override_lines: decision.lines.iter().filter(|l| l.overridable() && !l.reasons.is_empty()).map(|l| l.line).collect(),
        deductions: Vec::new(),
    }
}

/// What the case pays if a manager grants everything asked.
pub(crate) fn refund_if_granted(case: &ReturnCase, decision: &Decision) -> Money {
    // Granting only what the decision says may be overridden is always a valid ruling; were it
    // not, what the case pays as it stands is the most it could be said to pay.
    evaluate_with_ruling(case, &grant_all(decision)).map_or(decision.totals.refund, |d| d.totals.refund)
}

/// A manager's approval limit, checked: deciding a case that refunds more is refused.
pub(crate) fn check_approval_limit(manager: &crate::store::UserRecord, refund: Money) -> Result<(), DeskError> {
    match manager.approval_limit {
        Some(limit) if refund > limit => Err(DeskError::ApprovalLimit { limit, refund }),
        _ => Ok(()),
    }
}

fn hash_text(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// A case a manager was to decide or a clerk to withdraw, decided (or withdrawn, or completed)
/// meanwhile at another desk: ALREADY_DECIDED, naming what it is now.
pub(crate) fn already_decided(record: &QueuedReturnRecord, then: &str) -> DeskError {
    let state = crate::store::code_of(&record.state);
    DeskError::refused(
        "ALREADY_DECIDED",
        format!("queued return {} was already {state}{then}", record.id),
        serde_json::json!({ "state": state, "case": record.id }),
    )
}

/// Why a queued case cannot be completed now: no manager has decided it yet, it was completed
/// already (by another desk, as return `return_id`), or the clerk took it back.
pub(crate) fn not_to_complete(record: &QueuedReturnRecord) -> DeskError {
    let id = record.id;
    match record.state {
        QueueState::Waiting => DeskError::refused(
            "QUEUE_CASE_NOT_DECIDED",
            format!("no manager has decided queued return {id} yet"),
            serde_json::json!({ "case": id }),
        ),
        QueueState::Completed => DeskError::refused(
            "QUEUE_CASE_COMPLETED",
            format!("queued return {id} was already completed as return {}", record.return_id.unwrap_or_default()),
            serde_json::json!({ "case": id, "return_id": record.return_id }),
        ),
        QueueState::Withdrawn => DeskError::refused(
            "QUEUE_CASE_WITHDRAWN",
            format!("queued return {id} was withdrawn"),
            serde_json::json!({ "case": id }),
        ),
        QueueState::Approved | QueueState::Declined => DeskError::Conflict(format!("queued return {id} is decided but could not be completed")),
    }
}

impl Desk {
    /// The customer's earlier returns at the store: those of the 90 days before `now` that share
    /// one of `keys`.
    pub(crate) async fn customer_returns_90d(&self, store_code: &str, keys: &[String], now: NaiveDateTime) -> Result<u32, DeskError> {
        Ok(self.db.customer_returns(store_code, keys, now - chrono::Duration::days(90), now).await?)
    }

    /// The hashed identities of a draft's customer (with the receipt's card fingerprints), and
    /// their identity document's key at the store counting the return (as an unverified
    /// return's), when the desk took it.
    pub(crate) async fn customer_keys(&self, store_code: &str, receipt_id: i64, customer: &Customer) -> Result<Vec<String>, DeskError> {
        let fingerprints = self.db.card_fingerprints(receipt_id).await?;
        let mut keys = customer.keys(&fingerprints);
        keys.extend(self.id_document_key(store_code, customer.id_number.as_deref(), "customer.id_number").await?);
        Ok(keys)
    }

    /// The keyed hash of an identity document's number at a store (None: none given); a number
    /// that cannot be one is refused naming `field`.
    pub(crate) async fn id_document_key(&self, store_code: &str, number: Option<&str>, field: &'static str) -> Result<Option<String>, DeskError> {
        let Some(number) = number.filter(|n| !n.trim().is_empty()) else { return Ok(None) };
        super::noreceipt::check_id_number(number, field)?;
        let store_key = self.db.customer_id_key(store_code).await?;
        Ok(Some(super::noreceipt::id_key(&store_key, number)))
    }

    /// Sends a return that needs a manager to the store's queue. The same key (at the same
    /// desk) with the same draft answers the same case (`false`: queued before).
    pub async fn queue_return(&self, session: &Session, q: QueueRequest<'_>, verdict_json: impl FnOnce(&ReceiptContext, &Decision, &DeskVerdict) -> serde_json::Value) -> Result<(QueuedCaseFacts, bool), DeskError> {
        let key = q.idempotency_key.trim();
        if key.is_empty() {
            return Err(DeskError::BadInput { field: "idempotency_key", message: "queueing needs an idempotency key".into() });
        }
        let note = q.note.trim();
        if note.chars().count() > 1000 {
            return Err(DeskError::BadInput { field: "note", message: "at most 1000 characters".into() });
        }
        self.receipt_at(session, q.draft.receipt_id).await?;
        let desk = session.terminal_code.as_deref().unwrap_or("-");
        let idempotency_key = format!("{}/{desk}/{key}", session.store_code);
        let request_hash = hash_text(&serde_json::json!({ "draft": q.draft, "note": note, "input": q.input }).to_string());
        // A retry answers what the first call queued, before anything is judged again.
        if let Some(existing) = self.db.queued_by_key(&idempotency_key).await? {
            if existing.request_hash != request_hash {
                return Err(DeskError::IdempotencyKeyReused);
            }
            return Ok((self.facts(session, existing).await?, false));
        }
        let now = self.now_for(session).await?;
        let customer_keys = self.customer_keys(&session.store_code, q.draft.receipt_id, q.customer).await?;
        let (context, decision) = self.evaluate_as(session, q.draft, None, &customer_keys, now).await?;
        let case = context.case(&q.draft.request, &context.receipt.history, now)?;
        let verdict = DeskVerdict::of(&decision, &context.receipt.sale.receipt, &context.receipt.history)
            .with_clerk_limit(&decision, session.user.refund_limit);
        if let Some(o) = verdict.over_qty.first() {
            return Err(DeskError::QtyExceedsRemaining { index: o.index, line: o.line, left: o.left });
        }
        if !verdict.needs_manager {
            return Err(DeskError::refused("NO_MANAGER_NEEDED", "this return needs no manager: confirm it at the desk", serde_json::json!({})));
        }
        let mut asked = DeskVerdict::required_codes(&decision);
        for l in decision.lines.iter().filter(|l| verdict.overridable_lines.contains(&l.line.0)) {
            asked.extend(l.reasons.iter().map(|r| r.code.code().to_string()));
        }
        asked.extend(verdict.desk_approvals.iter().cloned());
        let mut seen = std::collections::HashSet::new();
        asked.retain(|code| seen.insert(code.clone()));
        let refund_total = refund_if_granted(&case, &decision);
        let verdict_value = verdict_json(&context, &decision, &verdict);
        let stored = StoredDraft { request: q.draft.clone(), customer_keys, input: q.input };
        let new = NewQueuedReturn {
            idempotency_key,
            request_hash,
            store_code: session.store_code.clone(),
            terminal_id: session.terminal_id,
            requested_by: session.user.id,
            requested_at: self.clock.instant(),
            request_now: now,
            receipt_id: q.draft.receipt_id,
            draft_json: serde_json::to_string(&stored).expect("a draft serializes"),
            verdict_json: verdict_value.to_string(),
            asked,
            note: note.to_string(),
            refund_total,
            currency: decision.currency,
        };
        let (record, created) = self.db.queue_return(&new).await?;
        if created {
            self.queue.wake();
        }
        Ok((self.facts(session, record).await?, created))
    }

    /// The store's queue: a manager (or administrator) sees every case of the store, a clerk
    /// those sent by them or from their desk.
    pub async fn queue(&self, session: &Session, open_only: bool) -> Result<QueueSnapshot, DeskError> {
        // The version first: a change landing between the two reads shows as a newer version
        // at the next watch, never as a change missed.
        let version = self.db.queue_version(&session.store_code).await?;
        let query = QueueQuery {
            open_only,
            sent_by: (!session.user.role.approves()).then_some((session.user.id, session.terminal_id)),
        };
        let records = self.db.queued_returns(&session.store_code, &query).await?;
        let store = self.queue_store(session).await?;
        let mut cases = Vec::with_capacity(records.len());
        for r in records {
            cases.push(self.facts_in(&store, r).await?);
        }
        Ok(QueueSnapshot { version, cases })
    }

    /// Waits until the store's queue version is greater than `after` (woken at once by a
    /// change made through this process, else seen at the next look at the database), or
    /// until the watch's timeout; then answers the queue. No connection is held while waiting.
    pub async fn watch_queue(&self, session: &Session, after: i64) -> Result<QueueSnapshot, DeskError> {
        let deadline = tokio::time::Instant::now() + self.queue.timeout;
        let mut woken = self.queue.changed.subscribe();
        loop {
            if self.db.queue_version(&session.store_code).await? > after {
                break;
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                break;
            }
            let nap = self.queue.poll.min(deadline - now);
            tokio::select! {
                _ = woken.changed() => {}
                _ = tokio::time::sleep(nap) => {}
            }
        }
        self.queue(session, true).await
    }

    /// A manager decides a waiting case at their own desk: judged again against the receipt's
    /// history now (another desk may have returned units since), within the manager's approval
    /// limit; of two managers deciding at once, exactly one wins.
    pub async fn decide_queued(&self, session: &Session, id: i64, ruling: &QueueRuling) -> Result<QueuedCaseFacts, DeskError> {
        if !session.user.role.approves() {
            return Err(DeskError::Auth(AuthError::Forbidden("only a manager may decide a queued return".into())));
        }
        let record = self.queued_of_store(session, id).await?;
        if record.state != QueueState::Waiting {
            return Err(already_decided(&record, ""));
        }
        let reason_text = ruling.reason_text.trim().to_string();
        if reason_text.is_empty() && (!ruling.approve || ruling.reason_code == DecisionReason::Other) {
            let why = if ruling.approve { "say why (the reason is other)" } else { "a decline needs the reason in words" };
            return Err(DeskError::BadInput { field: "reason_text", message: why.into() });
        }
        if !ruling.approve && !ruling.deductions.is_empty() {
            return Err(DeskError::BadInput { field: "deductions", message: "a declined return pays nothing, so there is nothing to deduct from".into() });
        }
        let stored: StoredDraft = serde_json::from_str(&record.draft_json)
            .map_err(|e| DeskError::Internal(format!("queued return {id} does not read back: {e}")))?;
        let queued_decision: Decision = serde_json::from_value(serde_json::from_str(&record.verdict_json).unwrap_or_default())
            .map_err(|e| DeskError::Internal(format!("queued return {id}'s verdict does not read back: {e}")))?;
        let draft = &stored.request;
        let asked_at = record.request_now;
        let (context, _) = self.evaluate_as(session, draft, None, &stored.customer_keys, asked_at).await?;
        let case = context.case(&draft.request, &context.receipt.history, asked_at)?;
        let current = evaluate(&case);
        let changed = || {
            DeskError::refused(
                "RECEIPT_CHANGED",
                "the receipt changed since this return was queued (another return of it was recorded): the desk must judge it again",
                serde_json::json!({}),
            )
        };
        if current != queued_decision || !DeskVerdict::of(&current, &context.receipt.sale.receipt, &context.receipt.history).over_qty.is_empty() {
            return Err(changed());
        }
        let overridable: Vec<LineNo> = grant_all(&current).override_lines;
        let manager_ruling = ManagerRuling {
            grant_approvals: true,
            override_lines: match &ruling.lines {
                Some(lines) => lines.iter().map(|l| LineNo(*l)).collect(),
                None => overridable,
            },
            deductions: ruling.deductions.clone(),
        };
        let approved_refund = if ruling.approve {
            manager_ruling.check_deduction_reasons().map_err(|e| DeskError::BadInput { field: "deductions", message: e.to_string() })?;
            evaluate_with_ruling(&case, &manager_ruling).map_err(|e| match e.field() {
                f if f.starts_with("deductions") => DeskError::BadInput { field: "deductions", message: e.to_string() },
                _ => DeskError::BadInput { field: "lines", message: e.to_string() },
            })?
            .totals
            .refund
        } else {
            Money::ZERO
        };
        check_approval_limit(&session.user, if ruling.approve { approved_refund } else { record.refund_total })?;
        let decision = QueueDecision {
            manager_id: session.user.id,
            at: self.clock.instant(),
            approve: ruling.approve,
            lines: if ruling.approve { manager_ruling.override_lines.iter().map(|l| l.0).collect() } else { Vec::new() },
            deductions: if ruling.approve { ruling.deductions.clone() } else { Vec::new() },
            reason_code: ruling.reason_code,
            reason_text,
            approved_refund,
        };
        // Judged again in the write transaction, against the history there.
        let recheck = |receipt: &crate::store::StoredReceipt| -> Result<(), Refusal> {
            let case = context.case(&draft.request, &receipt.history, asked_at).map_err(DeskError::from)?;
            let now = evaluate(&case);
            let fits = DeskVerdict::of(&now, &receipt.sale.receipt, &receipt.history).over_qty.is_empty();
            if !fits || now != queued_decision {
                return Err(Box::new(changed()));
            }
            Ok(())
        };
        let actor = audit::actor(session);
        let record = self.db.decide_queued(id, &decision, &actor, &recheck).await?;
        self.queue.wake();
        self.facts(session, record).await
    }

    /// The clerk takes back a case not completed yet (the one who sent it, someone at the desk
    /// it was sent from, or a manager of the store): a waiting one, or a decided one the desk
    /// will not complete — the customer left, or the receipt changed since the manager approved
    /// it (`APPROVED_AMOUNT_CHANGED`: the desk sends it again and this one must not stay
    /// offering a completion that can only fail). Nothing was paid for it.
    pub async fn withdraw_queued(&self, session: &Session, id: i64) -> Result<QueuedCaseFacts, DeskError> {
        let record = self.queued_of_store(session, id).await?;
        let own = record.requested_by == session.user.id || (record.terminal_id.is_some() && record.terminal_id == session.terminal_id);
        if !own && !session.user.role.approves() {
            return Err(DeskError::Auth(AuthError::Forbidden("only the desk that sent it may take back a queued return".into())));
        }
        if !matches!(record.state, QueueState::Waiting | QueueState::Approved | QueueState::Declined) {
            return Err(already_decided(&record, ": it cannot be withdrawn"));
        }
        let record = self.db.withdraw_queued(id, &audit::actor(session), self.clock.instant()).await?;
        self.queue.wake();
        self.facts(session, record).await
    }

    /// The manager's decision a confirmation of a decided queued case carries, after checking
    /// the case may be completed with this draft; and what the return must pay.
    pub(crate) async fn queued_decision(&self, session: &Session, id: i64, draft: &ReturnDraft) -> Result<(ManagerDecision, Money, Vec<String>), DeskError> {
        let record = self.queued_of_store(session, id).await?;
        let decision = match record.state {
            QueueState::Approved | QueueState::Declined => record.decision()?.ok_or_else(|| DeskError::Internal(format!("queued return {id} has no decision")))?,
            _ => return Err(not_to_complete(&record)),
        };
        let stored: StoredDraft = serde_json::from_str(&record.draft_json)
            .map_err(|e| DeskError::Internal(format!("queued return {id} does not read back: {e}")))?;
        if &stored.request != draft {
            return Err(DeskError::refused(
                "QUEUED_DRAFT_CHANGED",
                format!("this is not the return that was queued (case {id}): confirm the queued draft as it was sent"),
                serde_json::json!({ "case": id }),
            ));
        }
        let manager = self
            .db
            .user_by_id(decision.manager_id)
            .await?
            .ok_or_else(|| DeskError::Internal(format!("the manager of queued return {id} is gone")))?;
        let reason = match decision.reason_text.trim() {
            "" => crate::store::code_of(&decision.reason_code),
            text => format!("{}: {text}", crate::store::code_of(&decision.reason_code)),
        };
        let ruling = ManagerRuling {
            grant_approvals: true,
            override_lines: decision.lines.iter().map(|l| LineNo(*l)).collect(),
            deductions: decision.deductions.clone(),
        };
        Ok((ManagerDecision { manager, approve: decision.approve, reason, ruling }, decision.approved_refund, stored.customer_keys))
    }

    /// The return that completed a queued case, if it was recorded under this (scoped) key for
    /// this draft: what a retry of that confirmation answers.
    pub(crate) async fn completed_queued(&self, session: &Session, id: i64, draft: &ReturnDraft, key: &str) -> Result<Option<crate::store::ReturnRecord>, DeskError> {
        let record = self.queued_of_store(session, id).await?;
        let Some(return_id) = record.return_id.filter(|_| record.state == QueueState::Completed) else {
            return Ok(None);
        };
        let stored: StoredDraft = serde_json::from_str(&record.draft_json).map_err(|e| StoreError::Corrupt(format!("queued draft: {e}")))?;
        if &stored.request != draft {
            return Ok(None);
        }
        Ok(self.db.return_by_id(return_id).await?.filter(|r| r.idempotency_key == key))
    }

    /// Wakes the watches after a queued case was completed.
    pub(crate) fn queue_changed(&self) {
        self.queue.wake();
    }

    async fn queued_of_store(&self, session: &Session, id: i64) -> Result<QueuedReturnRecord, DeskError> {
        self.db
            .queued_return(id)
            .await?
            .filter(|r| r.store_code == session.store_code)
            .ok_or_else(|| DeskError::NotFound(format!("no queued return {id}")))
    }

    async fn queue_store(&self, session: &Session) -> Result<(StoreProfile, i64, Vec<Option<Money>>), DeskError> {
        let store = self.session_store(session).await?;
        let overdue = super::auth::setting_or(self.db.setting(&store.code, "queue_overdue_minutes").await?.as_deref(), DEFAULT_OVERDUE_MINUTES);
        let limits = self.db.manager_limits(&store.code).await?;
        Ok((store, overdue, limits))
    }

    async fn facts(&self, session: &Session, record: QueuedReturnRecord) -> Result<QueuedCaseFacts, DeskError> {
        let store = self.queue_store(session).await?;
        self.facts_in(&store, record).await
    }

    async fn facts_in(&self, (_, overdue_after, limits): &(StoreProfile, i64, Vec<Option<Money>>), record: QueuedReturnRecord) -> Result<QueuedCaseFacts, DeskError> {
        let until = record.decided_at.unwrap_or_else(|| self.clock.instant());
        let waiting_minutes = (until - record.requested_at).num_minutes().max(0);
        let overdue = record.state == QueueState::Waiting && waiting_minutes >= *overdue_after;
        // An administrator decides what no manager of the store may approve.
        let some_manager_may = limits.iter().any(|l| l.is_none_or(|l| record.refund_total <= l));
        let needs_role = if some_manager_may { NeedsRole::Manager } else { NeedsRole::Administrator };
        let stored: StoredDraft = serde_json::from_str(&record.draft_json).map_err(|e| StoreError::Corrupt(format!("queued draft: {e}")))?;
        let verdict: serde_json::Value = serde_json::from_str(&record.verdict_json).map_err(|e| StoreError::Corrupt(format!("queued verdict: {e}")))?;
        let asked = record.asked()?;
        Ok(QueuedCaseFacts { waiting_minutes, overdue, needs_role, input: stored.input, verdict, asked, record })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_are_normalised_and_hashed() {
        let a = Customer { contact: "+359 888 123 456".into(), ..Customer::default() }.keys(&[]);
        let b = Customer { contact: "00359888123456".into(), ..Customer::default() }.keys(&[]);
        assert_eq!(a, b);
        assert_eq!(a, vec![format!("{:x}", Sha256::digest(b"phone:359888123456"))]);
        let e = Customer { contact: " A@B.bg ".into(), loyalty_id: Some("lc-7".into()), id_number: None }.keys(&["tok".into()]);
        assert_eq!(e.len(), 3);
        assert!(e.contains(&format!("{:x}", Sha256::digest(b"email:a@b.bg"))));
        assert!(e.contains(&format!("{:x}", Sha256::digest(b"card:tok"))));
        assert!(e.contains(&format!("{:x}", Sha256::digest(b"loyalty:LC-7"))));
        assert!(Customer::default().keys(&[]).is_empty());
    }
}
