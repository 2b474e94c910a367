//! The store: shops, policies, sales and returns, in SQLite (the default, one file per desk) or
//! PostgreSQL (one database for a chain). One [`Database`] trait, two implementations, each
//! with its own migrations under `migrations/`. Knows no UI and no rules: the caller's
//! `decide` closure judges a return against the history read inside the write transaction.

mod audit;
mod claims;
// ---- Issue 14: exchanges ----
mod exchanges;
// ---- Issue 13: eod ----
pub mod end_of_day;
// ---- Issue 13: feedback ----
mod feedback;
mod load;
// ---- Issue 14: noreceipt ----
mod noreceipt;
mod people;
mod plan;
mod queue;
mod register;
mod records;
// ---- Issue 13: reports ----
mod reports;
mod repairs;
mod returns;
mod sales;
pub(crate) use sales::{LINES_WITH_SERIALS, RECEIPT_BY_NUMBER, TENDERS};
mod shops;
mod sign_in;
pub mod postgres;
pub mod sql;
pub mod sqlite;
mod sqlite_load;
// ---- Issue 15: chain ----
mod postgres_load;
// ---- Issue 14: vouchers ----
mod vouchers;

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;

pub use audit::{
    entry_hash, Appended, AuditAction, AuditActor, AuditBreak, AuditEntry, AuditEvent, AuditPage, AuditQuery, AuditReport,
    GENESIS_HASH,
};
pub use load::{ReceiptLoad, SUSPEND_FROM};
pub use queue::{DecisionReason, NewQueuedReturn, QueueDecision, QueueQuery, QueueState, QueuedReturnRecord, Recheck};
pub use records::*;
// ---- Issue 13: reports ----
pub use reports::{ApprovalsOf, ClaimFact, HandlingOf, LinesOf, Period, ReportFacts, ReportScope, ReturnsOfDay, SalesFact, TenderOf};
pub use claims::register_number;
pub use shops::StoreDetails;
// ---- Issue 14: noreceipt ----
pub use noreceipt::{new_voucher_code, GoodwillLine, GoodwillPayment, GoodwillRecord, GoodwillTender, JudgeGoodwill, LowestPrice, NewGoodwill, NewUnverifiedReturn, UnverifiedReturnRecord, UnverifiedVoucher};
pub use sign_in::{AttemptSlot, NewSession, SessionRecord, SignInFailures};
pub use people::{AccountChange, ChangedBy, NewAccount, StoreIdentity, UserAccount};
// ---- Issue 14: vouchers ----
// ---- Issue 13: feedback ----
pub use feedback::{ClaimsDue, FeedbackKept, FeedbackRecord, FeedbackSubject, FeedbackTarget, NewFeedback, RatingsBetween, RefundsBetween};
pub use vouchers::{NewRedemption, RedemptionRecord, StoredVoucher, VoucherCheck, VoucherVoid, DEFAULT_VOUCHER_VALID_MONTHS};

use crate::contract::PolicyDocument;
use crate::domain::{Conversion, Decision, History};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// From SQLite's bulk load (`sqlite_load`), which runs outside sqlx.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data does not read back: {0}")]
    Corrupt(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Unsupported(&'static str),
    /// An idempotency key already used for a different request.
    #[error("the key {0} was already used for another return")]
    KeyReused(String),
    /// The caller's judgement, made inside the write transaction, refused the write.
    #[error("the return no longer holds: {0}")]
    Rejected(Refusal),
}

/// Why a judgement inside a write transaction refused it: the caller's own error, boxed so
/// that it comes back to the caller unchanged (see [`Decide`]).
pub type Refusal = Box<dyn std::error::Error + Send + Sync>;

impl StoreError {
    /// The database itself refused or failed the statement (a constraint, a full disk, …), as
    /// opposed to what the store decided (not found, conflict, rejected).
    pub fn is_database(&self) -> bool {
        matches!(self, StoreError::Database(_) | StoreError::Sqlite(_))
    }

    /// PostgreSQL gave the transaction up to let another go on (a deadlock it broke, or a
    /// serialization failure): nothing is wrong with what it was asked to write, and the same
    /// transaction tried again can succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(e)) => matches!(e.code().as_deref(), Some("40P01" | "40001")),
            _ => false,
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A moment in UTC.
pub type Instant = chrono::DateTime<chrono::Utc>;

/// How a confirmation pays back: what the decision's payouts mean for the receipt's tenders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PayoutBasis {
    pub conversion: Conversion,
}

/// Judges a return against the receipt's history as read inside the write transaction; an
/// `Err` (the case no longer holds against that history) rolls the transaction back and comes
/// back as [`StoreError::Rejected`].
pub type Decide<'a> = dyn Fn(&History) -> Result<Decision, Refusal> + Send + Sync + 'a;

/// The store. Every query is written once (`shops`, `sales`, `returns`, over `sql`) and
/// provided here; a backend supplies its connections and what only it does (SQLite's bulk
/// load, its index suspension, its backup).
#[async_trait]
pub trait Database: Send + Sync {
    /// The backend's connections.
    fn connections(&self) -> &sql::Pool;

    fn backend(&self) -> &'static str {
        self.connections().backend()
    }

    async fn put_store(&self, store: &StoreProfile) -> StoreResult<()> {
        shops::put_store(self.connections(), store).await
    }
    async fn store(&self, code: &str) -> StoreResult<Option<StoreProfile>> {
        shops::store(self.connections(), code).await
    }
    /// A store, and the id of its policy's version in force on `day`: one statement.
    async fn store_on(&self, code: &str, day: NaiveDate) -> StoreResult<Option<(StoreProfile, Option<i64>)>> {
        shops::store_on(self.connections(), code, Some(day)).await
    }
    async fn stores(&self) -> StoreResult<Vec<StoreProfile>> {
        shops::stores(self.connections()).await
    }

    /// Adds a policy version in force from `effective_from`.
    async fn put_policy_version(
        &self,
        policy_id: &str,
        effective_from: NaiveDate,
        document: &PolicyDocument,
    ) -> StoreResult<StoredPolicy> {
        shops::put_policy_version(self.connections(), policy_id, effective_from, document).await
    }
    /// Every version of a policy, latest `effective_from` first, with who published it and when.
    async fn policy_versions(&self, policy_id: &str) -> StoreResult<Vec<PolicyVersionRecord>> {
        shops::policy_versions(self.connections(), policy_id).await
    }
    /// A policy version by its id.
    async fn policy_version(&self, id: i64) -> StoreResult<Option<StoredPolicy>> {
        shops::policy_version(self.connections(), id).await
    }
    /// The version in force on `day`: the latest `effective_from` on or before it.
    async fn policy_in_force(&self, policy_id: &str, day: NaiveDate) -> StoreResult<Option<StoredPolicy>> {
        shops::policy_in_force(self.connections(), policy_id, day).await
    }

    async fn put_products(&self, products: &[Product]) -> StoreResult<u64> {
        shops::put_products(self.connections(), products).await
    }
    async fn put_user(&self, user: &NewUser) -> StoreResult<i64> {
        shops::put_user(self.connections(), user).await
    }
    async fn user_by_login(&self, login: &str) -> StoreResult<Option<UserRecord>> {
        shops::user_by_login(self.connections(), login).await
    }
    async fn user_by_id(&self, id: i64) -> StoreResult<Option<UserRecord>> {
        sign_in::user_by_id(self.connections(), id).await
    }
    /// Takes a sign-in attempt's slot for a login at a desk, atomically: at most `max`
    /// attempts in a row are ever checked (see `sign_in.rs`).
    async fn take_sign_in_attempt(
        &self,
        login: &str,
        terminal: &str,
        now: Instant,
        max: i64,
        lock_for: &(dyn Fn(i64) -> chrono::Duration + Send + Sync),
    ) -> StoreResult<AttemptSlot> {
        sign_in::take_attempt(self.connections(), login, terminal, now, max, lock_for).await
    }
    /// The `attempt`th attempt's PIN was right (see `sign_in::clear_failures`).
    async fn clear_sign_in_failures(&self, login: &str, terminal: &str, attempt: i64) -> StoreResult<()> {
        sign_in::clear_failures(self.connections(), login, terminal, attempt).await
    }
    async fn lock_out(&self, login: &str, terminal: &str, until: Instant) -> StoreResult<()> {
        sign_in::lock_out(self.connections(), login, terminal, until).await
    }
    /// A manager's unlock of a login at every desk; answers how many desks had it locked out.
    async fn unlock_login(&self, login: &str, now: Instant) -> StoreResult<u64> {
        sign_in::unlock(self.connections(), login, now).await
    }
    async fn sign_in_failures(&self, login: &str) -> StoreResult<Vec<SignInFailures>> {
        sign_in::failures_of(self.connections(), login).await
    }
    async fn start_session(&self, session: &NewSession) -> StoreResult<()> {
        sign_in::start_session(self.connections(), session).await
    }
    /// An open session by its token's hash.
    async fn session(&self, token_hash: &str) -> StoreResult<Option<SessionRecord>> {
        sign_in::session(self.connections(), token_hash).await
    }
    async fn touch_session(&self, token_hash: &str, now: Instant) -> StoreResult<()> {
        sign_in::touch_session(self.connections(), token_hash, now).await
    }
    /// Ends a session; answers whether it was open.
    async fn end_session(&self, token_hash: &str, now: Instant, reason: &str) -> StoreResult<bool> {
        sign_in::end_session(self.connections(), token_hash, now, reason).await
    }
    /// Changes a user's role or deactivates them, ending their sessions.
    async fn set_user_standing(&self, user_id: i64, role: Role, active: bool, now: Instant) -> StoreResult<()> {
        sign_in::set_user_standing(self.connections(), user_id, role, active, now).await
    }
    async fn terminal_id(&self, store_code: &str, code: &str) -> StoreResult<Option<i64>> {
        shops::terminal_id(self.connections(), store_code, code).await
    }
    async fn put_terminal(&self, store_code: &str, code: &str) -> StoreResult<i64> {
        shops::put_terminal(self.connections(), store_code, code).await
    }
    /// The store and id of a desk known by its code (the first store's, if several stores
    /// use the code).
    async fn terminal_by_code(&self, code: &str) -> StoreResult<Option<(String, i64)>> {
        shops::terminal_by_code(self.connections(), code).await
    }
    async fn setting(&self, store_code: &str, key: &str) -> StoreResult<Option<String>> {
        shops::setting(self.connections(), store_code, key).await
    }
    async fn put_setting(&self, store_code: &str, key: &str, value: &str) -> StoreResult<()> {
        shops::put_setting(self.connections(), store_code, key, value).await
    }
    /// [`Database::put_setting`] by someone at the desk: the change and its `settings_changed`
    /// entry (key, old and new value) in one write transaction.
    async fn change_setting(&self, actor: &AuditActor, store_code: &str, key: &str, value: &str) -> StoreResult<()> {
        shops::change_setting(self.connections(), actor, store_code, key, value).await
    }
    /// A store's calendar (holidays, working days, settlement target) changed by someone at the
    /// desk, with its `settings_changed` entry, in one write transaction.
    async fn change_store_calendar(&self, actor: &AuditActor, store: &StoreProfile, calendar: &StoreCalendar) -> StoreResult<()> {
        shops::change_store_calendar(self.connections(), actor, store, calendar).await
    }
    /// A store's own details as printed at the head of its documents (issue 16).
    async fn store_details(&self, store_code: &str) -> StoreResult<Option<StoreDetails>> {
        shops::store_details(self.connections(), store_code).await
    }
    /// A store's details changed by a manager, with its `settings_changed` entry (old and new
    /// details), in one write transaction.
    async fn change_store_details(&self, actor: &AuditActor, store_code: &str, details: &StoreDetails) -> StoreResult<()> {
        shops::change_store_details(self.connections(), actor, store_code, details).await
    }
    /// [`Database::put_policy_version`] by someone at the desk or on the command line: the new
    /// version and its `policy_imported` entry in one write transaction.
    async fn publish_policy_version(
        &self,
        actor: &AuditActor,
        policy_id: &str,
        effective_from: NaiveDate,
        document: &PolicyDocument,
    ) -> StoreResult<StoredPolicy> {
        shops::publish_policy_version(self.connections(), Some(actor), policy_id, effective_from, document).await
    }

    // People at the desk (`people.rs`).
    /// The first run on an empty database: the store, its policy's first version and its
    /// first administrator, with their audit entries; [`StoreError::Conflict`] and nothing
    /// written when a store exists. Answers the administrator's id.
    async fn set_up_store(
        &self,
        store: &StoreProfile,
        identity: &StoreIdentity,
        policy: &PolicyDocument,
        effective_from: NaiveDate,
        administrator: &NewUser,
        now: Instant,
    ) -> StoreResult<i64> {
        people::set_up_store(self.connections(), store, identity, policy, effective_from, administrator, now).await
    }
    /// The users who work in a store, by login.
    async fn users_of_store(&self, store_code: &str, now: Instant) -> StoreResult<Vec<UserAccount>> {
        people::users_of_store(self.connections(), store_code, now).await
    }
    async fn user_account(&self, id: i64, now: Instant) -> StoreResult<Option<UserAccount>> {
        people::user_account(self.connections(), id, now).await
    }
    async fn user_account_by_login(&self, login: &str, now: Instant) -> StoreResult<Option<UserAccount>> {
        people::user_account_by_login(self.connections(), login, now).await
    }
    /// The stores a user works in (`user_stores`).
    async fn stores_of_user(&self, user_id: i64) -> StoreResult<Vec<String>> {
        people::stores_of_user(self.connections(), user_id).await
    }
    /// Every store's desk of this code, with its id.
    async fn desks_by_code(&self, code: &str) -> StoreResult<Vec<(String, i64)>> {
        people::desks_by_code(self.connections(), code).await
    }
    /// Adds users with their stores and their `user_changed` entries, all or none; a taken
    /// login is a conflict.
    async fn add_accounts(&self, accounts: &[NewAccount], by: &ChangedBy) -> StoreResult<Vec<i64>> {
        people::add_accounts(self.connections(), accounts, by).await
    }
    /// Replaces a user's name, role, stores, standing and limits (see `people::change_account`).
    async fn change_account(&self, id: i64, change: &AccountChange, by: &ChangedBy) -> StoreResult<()> {
        people::change_account(self.connections(), id, change, by).await
    }
    /// A user's new PIN hash (`how`: "reset" or "changed"), ending their other sessions.
    async fn set_pin(&self, id: i64, pin_hash: &str, how: &str, by: &ChangedBy) -> StoreResult<()> {
        people::set_pin(self.connections(), id, pin_hash, how, by).await
    }

    /// Appends one entry to the audit trail, in a write transaction of its own; changes that
    /// write something else record their entry in that same transaction instead
    /// (`confirm_return`, [`Database::change_setting`], [`Database::publish_policy_version`],
    /// sign-in outcomes are appended after the PIN check, see `service::auth`).
    ///
    /// Each action is stored as its serde name (`sign_in`, `sign_in_failed`, `locked_out`,
    /// `unlocked`); the entry is hash-chained like every other (see [`Database::verify_audit`]).
    async fn append_audit(&self, event: &AuditEvent) -> StoreResult<Appended> {
        audit::append_alone(self.connections(), event).await
    }
    /// Walks the whole audit trail and every return it covers, in one snapshot, and names the
    /// first entry or return that was changed, removed, inserted or reordered.
    async fn verify_audit(&self) -> StoreResult<AuditReport> {
        audit::verify(self.connections()).await
    }
    /// What a payout on `receipt_id` rests on: the entries about its returns hold and are still
    /// linked into the chain, its returns match what those entries recorded, and no entry is
    /// missing from the trail. `None` when all holds, else the first break.
    async fn verify_receipt(&self, receipt_id: i64) -> StoreResult<Option<AuditBreak>> {
        audit::verify_receipt(self.connections(), receipt_id).await
    }
    /// A store's audit entries, newest first, filtered and paged.
    async fn audit_entries(&self, store_code: &str, query: &AuditQuery) -> StoreResult<AuditPage> {
        audit::entries(self.connections(), store_code, query).await
    }
    /// The hash of audit entry `seq` (to compare with an anchor written down earlier).
    async fn audit_hash(&self, seq: i64) -> StoreResult<Option<String>> {
        audit::hash_of(self.connections(), seq).await
    }

    /// Stores a batch of sales in one transaction. A receipt already stored is skipped; a
    /// different receipt under a stored number is reported and not stored.
    async fn import_receipts(&self, batch: &[SaleReceipt]) -> StoreResult<Vec<ImportOutcome>> {
        let hashes: Vec<String> = batch.iter().map(SaleReceipt::content_hash).collect();
        self.import_hashed(batch, &hashes).await
    }
    /// [`Database::import_receipts`] with each sale's [`SaleReceipt::content_hash`] computed
    /// by the caller (a reading thread, off the write path). `hashes[i]` belongs to `batch[i]`.
    async fn import_hashed(&self, batch: &[SaleReceipt], hashes: &[String]) -> StoreResult<Vec<ImportOutcome>> {
        sales::import_hashed(self.connections(), batch, hashes).await
    }
    /// How many batches of an import may be written at once, each in its own transaction on a
    /// connection of its own. SQLite has one writer: one. PostgreSQL: two, so that a load keeps
    /// two server processes (both cores of a desk's machine) at work.
    fn batches_at_once(&self) -> usize {
        1
    }
    /// Receipts stored.
    async fn receipt_count(&self) -> StoreResult<i64> {
        sales::receipt_count(self.connections()).await
    }
    /// For a bulk load: drops lookup indexes whose keys arrive in no order (card, serial) so
    /// that they are built once, sorted, by [`Database::restore_receipt_lookups`] instead of
    /// row by row. Keys, uniqueness and the number/barcode/fiscal lookups stay. Answers whether
    /// anything was dropped; the default (PostgreSQL) keeps its indexes.
    async fn suspend_receipt_lookups(&self) -> StoreResult<bool> {
        Ok(false)
    }
    /// Builds whatever lookup index is missing (also done when a database opens, so a load
    /// that was cut short heals at the next start).
    async fn restore_receipt_lookups(&self) -> StoreResult<()> {
        Ok(())
    }
    /// The store a receipt was sold at.
    async fn receipt_store(&self, receipt_id: i64) -> StoreResult<Option<String>> {
        sales::receipt_store(self.connections(), receipt_id).await
    }
    async fn find_receipt(&self, key: &ReceiptKey) -> StoreResult<Option<StoredReceipt>> {
        sales::find_receipt(self.connections(), key).await
    }
    async fn receipts_by_card(&self, last4: &str, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<ReceiptSummary>> {
        sales::receipts_by_card(self.connections(), last4, from, to).await
    }
    /// Candidates for a customer's receipts (the sale recorded who bought): see [`CustomerSearch`].
    async fn receipts_by_customer(&self, search: &CustomerSearch) -> StoreResult<Vec<CustomerReceipt>> {
        sales::receipts_by_customer(self.connections(), search).await
    }

    /// Records a return in one transaction: re-judges it with `decide` against the history in
    /// the database, writes the return, its lines, its refunds per tender, any warranty claims
    /// and its audit entries (`return_confirmed`, and the manager's `override_approved` or
    /// `override_rejected`), chained into the trail in the same transaction. The same
    /// idempotency key gives back the same return.
    async fn confirm_return(&self, new: &NewReturn, payout: PayoutBasis, decide: &Decide<'_>) -> StoreResult<ConfirmedReturn> {
        returns::confirm_return(self.connections(), new, payout, decide).await
    }
    /// The return recorded under an idempotency key, if the key was used for this request
    /// (`request_hash`); a key used for another request is [`StoreError::KeyReused`].
    async fn return_by_key(&self, key: &str, request_hash: &str) -> StoreResult<Option<ReturnRecord>> {
        returns::return_by_key(self.connections(), key, request_hash).await
    }
    async fn return_by_id(&self, id: i64) -> StoreResult<Option<ReturnRecord>> {
        returns::return_by_id(self.connections(), id).await
    }
    async fn returns_of_receipt(&self, receipt_id: i64) -> StoreResult<Vec<ReturnRecord>> {
        returns::returns_of_receipt(self.connections(), receipt_id).await
    }
    /// The store's returns, newest first (at most 200).
    async fn list_returns(&self, store_code: &str, query: &ReturnQuery) -> StoreResult<Vec<ReturnSummaryRecord>> {
        returns::list_returns(self.connections(), store_code, query).await
    }
    /// The store's warranty claims, soonest due first.
    async fn warranty_claims(&self, store_code: &str) -> StoreResult<Vec<ClaimRecord>> {
        returns::warranty_claims(self.connections(), store_code).await
    }

    // ---- Warranty claims from intake to settlement (issue 11) ----

    /// The store's claims (of a stage), soonest due first.
    async fn claims(&self, store_code: &str, query: &ClaimQuery) -> StoreResult<Vec<ClaimRecord>> {
        claims::claims(self.connections(), store_code, query).await
    }
    async fn claim_by_id(&self, id: i64) -> StoreResult<Option<ClaimRecord>> {
        claims::claim_by_id(self.connections(), id).await
    }
    /// What settled claims paid back on a receipt, per line: (line, `refund` | `price_reduction`, amount).
    async fn line_settlements(&self, receipt_id: i64) -> StoreResult<Vec<(i64, String, crate::domain::Money)>> {
        claims::line_settlements(self.connections(), receipt_id).await
    }
    /// The claims a return opened at the store, soonest due first.
    async fn claims_of_return(&self, store_code: &str, return_id: i64) -> StoreResult<Vec<ClaimRecord>> {
        claims::claims_of_return(self.connections(), store_code, return_id).await
    }
    /// Every claim on one receipt line, oldest first.
    async fn claims_of_line(&self, receipt_id: i64, line: u32) -> StoreResult<Vec<ClaimRecord>> {
        claims::claims_of_line(self.connections(), receipt_id, line).await
    }
    /// A claim's steps, in order.
    async fn claim_events(&self, id: i64) -> StoreResult<Vec<ClaimEventRecord>> {
        claims::claim_events(self.connections(), id).await
    }
    async fn claim_settlement(&self, claim_id: i64) -> StoreResult<Option<SettlementRecord>> {
        claims::settlement(self.connections(), claim_id).await
    }
    /// Records a step (conditional on the stage it was read in) with its event and audit entry.
    async fn advance_claim(&self, advance: &ClaimAdvance) -> StoreResult<ClaimRecord> {
        claims::advance_claim(self.connections(), advance).await
    }
    /// Pays a claim's settlement once (`false`: a retry answered).
    async fn settle_claim(&self, settlement: &NewSettlement) -> StoreResult<(SettlementRecord, bool)> {
        claims::settle_claim(self.connections(), settlement).await
    }
    /// The complaint register of one store and year, in number order.
    async fn register_entries(&self, store_code: &str, year: i32) -> StoreResult<Vec<RegisterEntry>> {
        claims::register_entries(self.connections(), store_code, year).await
    }

    // ---- The complaint register (issue 11, documents) ----

    /// The language the store prints its documents in (`en`, `bg`, `ru`, `el`).
    async fn store_language(&self, store_code: &str) -> StoreResult<Option<String>> {
        register::store_language(self.connections(), store_code).await
    }

    // ---- Issue 11: paid repair orders ----

    /// Opens a paid repair order, numbered per store and year in the write transaction (a key
    /// used before answers its order, `false`).
    async fn open_repair_order(&self, new: &NewRepairOrder) -> StoreResult<(RepairOrderRecord, bool)> {
        repairs::open_repair_order(self.connections(), new).await
    }
    /// The store's repair orders: open ones first, newest first.
    async fn repair_orders(&self, store_code: &str) -> StoreResult<Vec<RepairOrderRecord>> {
        repairs::repair_orders(self.connections(), store_code).await
    }
    async fn repair_order(&self, id: i64) -> StoreResult<Option<RepairOrderRecord>> {
        repairs::repair_order(self.connections(), id).await
    }
    /// A repair order's steps, in order.
    async fn repair_events(&self, id: i64) -> StoreResult<Vec<RepairEventRecord>> {
        repairs::repair_events(self.connections(), id).await
    }
    /// Records a step (conditional on the stage it was read in) with its event and audit entry.
    async fn advance_repair_order(&self, advance: &RepairAdvance) -> StoreResult<RepairOrderRecord> {
        repairs::advance_repair_order(self.connections(), advance).await
    }
    /// The receipt line (receipt id, line) a serial was sold on at the store, the latest sale first.
    async fn sold_serial(&self, store_code: &str, serial: &str) -> StoreResult<Option<(i64, i64)>> {
        repairs::sold_serial(self.connections(), store_code, serial).await
    }

    // ---- Issue 14: vouchers ----

    /// A store-credit voucher by its code as printed (`SC-XXXXX-XXXXX`).
    async fn voucher_by_code(&self, code: &str) -> StoreResult<Option<StoredVoucher>> {
        vouchers::voucher_by_code(self.connections(), code).await
    }
    /// A voucher's redemptions, oldest first.
    async fn voucher_redemptions(&self, voucher_id: i64) -> StoreResult<Vec<RedemptionRecord>> {
        vouchers::redemptions(self.connections(), voucher_id).await
    }
    /// Takes an amount from a voucher once, under its lock, judged by `check` against the
    /// voucher as read (a retry with the same key answers its redemption, `false`); the balance
    /// never goes below zero, zero marks it spent; with its `voucher_redeemed` entry.
    async fn redeem_voucher(&self, redemption: &NewRedemption, check: &VoucherCheck<'_>) -> StoreResult<(RedemptionRecord, bool)> {
        vouchers::redeem_voucher(self.connections(), redemption, check).await
    }
    /// Voids an active voucher, with its `voucher_voided` entry.
    async fn void_voucher(&self, void: &VoucherVoid) -> StoreResult<StoredVoucher> {
        vouchers::void_voucher(self.connections(), void).await
    }

    // ---- The approval queue (issue 12) ----

    /// Queues a case (a retry with the same key and request answers the case, `false`).
    async fn queue_return(&self, new: &NewQueuedReturn) -> StoreResult<(QueuedReturnRecord, bool)> {
        queue::queue_return(self.connections(), new).await
    }
    /// A manager's decision on a waiting case, re-checked against the receipt's history in the
    /// write transaction; a case no longer waiting is [`StoreError::Conflict`].
    async fn decide_queued(&self, id: i64, decision: &QueueDecision, actor: &AuditActor, recheck: &Recheck<'_>) -> StoreResult<QueuedReturnRecord> {
        queue::decide(self.connections(), id, decision, actor, recheck).await
    }
    /// The clerk takes back a waiting case.
    async fn withdraw_queued(&self, id: i64, actor: &AuditActor, at: Instant) -> StoreResult<QueuedReturnRecord> {
        queue::withdraw(self.connections(), id, actor, at).await
    }
    async fn queued_by_key(&self, key: &str) -> StoreResult<Option<QueuedReturnRecord>> {
        queue::queued_by_key(self.connections(), key).await
    }
    /// The card fingerprints of a receipt's card payments (a customer's identity).
    async fn card_fingerprints(&self, receipt_id: i64) -> StoreResult<Vec<String>> {
        queue::card_fingerprints(self.connections(), receipt_id).await
    }
    async fn queued_return(&self, id: i64) -> StoreResult<Option<QueuedReturnRecord>> {
        queue::queued_return(self.connections(), id).await
    }
    async fn queued_returns(&self, store_code: &str, query: &QueueQuery) -> StoreResult<Vec<QueuedReturnRecord>> {
        queue::queued_returns(self.connections(), store_code, query).await
    }
    /// The store's queue version: bumped by every change of its queue, by any process.
    async fn queue_version(&self, store_code: &str) -> StoreResult<i64> {
        queue::queue_version(self.connections(), store_code).await
    }
    /// The approval limits of the store's active managers (None: no limit).
    async fn manager_limits(&self, store_code: &str) -> StoreResult<Vec<Option<crate::domain::Money>>> {
        queue::manager_limits(self.connections(), store_code).await
    }
    /// How many of the store's returns between `since` and `until` (store-local) share one of
    /// the customer's hashed identities.
    async fn customer_returns(&self, store_code: &str, keys: &[String], since: chrono::NaiveDateTime, until: chrono::NaiveDateTime) -> StoreResult<u32> {
        queue::customer_returns(self.connections(), store_code, keys, since, until).await
    }

    // ---- Issue 14: exchanges ----

    /// A product of the catalogue by its SKU, or else its barcode.
    async fn find_product(&self, code: &str) -> StoreResult<Option<Product>> {
        exchanges::find_product(self.connections(), code).await
    }
    /// Records an exchange in one transaction: the return of the old items, the exchange
    /// document's number and the new sale receipt (a key used before answers its exchange, `false`).
    async fn confirm_exchange(
        &self,
        new: &NewReturn,
        payout: PayoutBasis,
        decide: &Decide<'_>,
        exchange: &NewExchange,
    ) -> StoreResult<(ExchangeRecord, ReturnRecord, bool)> {
        exchanges::confirm_exchange(self.connections(), new, payout, decide, exchange).await
    }
    async fn exchange_by_id(&self, id: i64) -> StoreResult<Option<ExchangeRecord>> {
        exchanges::exchange_by_id(self.connections(), id).await
    }
    /// The exchange a return belongs to, if it was one.
    async fn exchange_of_return(&self, return_id: i64) -> StoreResult<Option<ExchangeRecord>> {
        exchanges::exchange_of_return(self.connections(), return_id).await
    }
    /// An exchange's amount due at the till, by the exchange's number, in a store.
    async fn exchange_due(&self, store_code: &str, number: &str) -> StoreResult<Option<ExchangeDue>> {
        exchanges::exchange_due(self.connections(), store_code, number).await
    }
    /// The amount due not yet paid at the till on a receipt an exchange wrote, if any.
    async fn open_due_of_receipt(&self, receipt_id: i64) -> StoreResult<Option<ExchangeDue>> {
        exchanges::open_due_of_receipt(self.connections(), receipt_id).await
    }
    /// A till takes an exchange's amount due (the same key answers once, `false`).
    async fn pay_exchange_due(&self, payment: &NewDuePayment) -> StoreResult<(ExchangeDue, bool)> {
        exchanges::pay_exchange_due(self.connections(), payment).await
    }
    // ---- Issue 14: noreceipt ----

    /// The lowest unit price (net of the line discount) an SKU sold for at the store between
    /// two store-local times.
    async fn lowest_price(&self, store_code: &str, sku: &str, since: chrono::NaiveDateTime, until: chrono::NaiveDateTime) -> StoreResult<Option<LowestPrice>> {
        noreceipt::lowest_price(self.connections(), store_code, sku, since, until).await
    }
    /// Records an unverified return with its voucher and audit entry (`false`: the key's return, recorded before).
    async fn record_unverified(&self, new: &NewUnverifiedReturn) -> StoreResult<(UnverifiedReturnRecord, bool)> {
        noreceipt::record_unverified(self.connections(), new).await
    }
    /// The unverified return recorded under a key for this request (another request: [`StoreError::KeyReused`]).
    async fn unverified_by_key(&self, key: &str, request_hash: &str) -> StoreResult<Option<UnverifiedReturnRecord>> {
        noreceipt::unverified_by_key(self.connections(), key, request_hash).await
    }
    async fn unverified_return(&self, id: i64) -> StoreResult<Option<UnverifiedReturnRecord>> {
        noreceipt::unverified_return(self.connections(), id).await
    }
    /// The store's key for hashing identity documents (made on first need).
    async fn customer_id_key(&self, store_code: &str) -> StoreResult<String> {
        noreceipt::customer_id_key(self.connections(), store_code).await
    }
    /// Pays a goodwill refund once, judged by `judge` inside the write transaction (`false`: the key's, paid before).
    async fn pay_goodwill(&self, new: &NewGoodwill, judge: &JudgeGoodwill<'_>) -> StoreResult<(GoodwillRecord, bool)> {
        noreceipt::pay_goodwill(self.connections(), new, judge).await
    }
    async fn goodwill(&self, id: i64) -> StoreResult<Option<GoodwillRecord>> {
        noreceipt::goodwill(self.connections(), id).await
    }
    /// Goodwill paid on a receipt, oldest first.
    async fn goodwill_of_receipt(&self, receipt_id: i64) -> StoreResult<Vec<GoodwillRecord>> {
        noreceipt::goodwill_of_receipt(self.connections(), receipt_id).await
    }
    /// The receipts a serial was sold on, latest first.
    async fn receipts_of_serial(&self, serial: &str) -> StoreResult<Vec<i64>> {
        noreceipt::receipt_of_serial(self.connections(), serial).await
    }
    /// The items of receipts: (receipt id, "2 × name"), in line order.
    async fn receipt_items(&self, receipt_ids: &[i64]) -> StoreResult<Vec<(i64, String)>> {
        noreceipt::receipt_items(self.connections(), receipt_ids).await
    }

    /// Counts of returns, return lines, refunds and `return_confirmed` audit entries for
    /// consistency checks.
    async fn ledger_counts(&self) -> StoreResult<LedgerCounts> {
        returns::ledger_counts(self.connections()).await
    }

    // ---- Issue 13: feedback ----

    /// Where and by whom the rated return (or the return that registered the rated claim) was recorded.
    async fn feedback_target(&self, subject: FeedbackSubject) -> StoreResult<Option<FeedbackTarget>> {
        feedback::feedback_target(self.connections(), subject).await
    }
    /// Keeps a rating once per return (or claim), with its `feedback_given` entry; a second one
    /// answers the first, nothing written.
    async fn give_feedback(&self, new: &NewFeedback) -> StoreResult<FeedbackKept> {
        feedback::give_feedback(self.connections(), new).await
    }
    /// The rating of a return or a claim, if one was given.
    async fn feedback_of(&self, subject: FeedbackSubject) -> StoreResult<Option<FeedbackRecord>> {
        feedback::feedback_of(self.connections(), subject).await
    }
    /// The store's completed returns recorded in [from, until): how many, what they refunded.
    async fn refunds_between(&self, store_code: &str, from: Instant, until: Instant) -> StoreResult<RefundsBetween> {
        feedback::refunds_between(self.connections(), store_code, from, until).await
    }
    /// Units taken back by the store's completed returns recorded in [from, until).
    async fn units_returned(&self, store_code: &str, from: Instant, until: Instant) -> StoreResult<i64> {
        feedback::units_returned(self.connections(), store_code, from, until).await
    }
    /// Units sold on the store's receipts purchased in [from, until) (store-local wall times).
    async fn units_sold(&self, store_code: &str, from: chrono::NaiveDateTime, until: chrono::NaiveDateTime) -> StoreResult<i64> {
        feedback::units_sold(self.connections(), store_code, from, until).await
    }
    /// Open warranty claims due from `today` to `until` (both included), and those overdue.
    async fn claims_due(&self, store_code: &str, today: NaiveDate, until: NaiveDate) -> StoreResult<ClaimsDue> {
        feedback::claims_due(self.connections(), store_code, today, until).await
    }
    /// The store's ratings given in [from, until): how many, and their stars summed.
    async fn ratings_between(&self, store_code: &str, from: Instant, until: Instant) -> StoreResult<RatingsBetween> {
        feedback::ratings_between(self.connections(), store_code, from, until).await
    }
    // ---- Issue 13: reports ----

    /// What a report is computed from: the scope's returns, their lines, refunds and
    /// approvals, the store's sales and claims of the range (one snapshot).
    async fn report_facts(&self, scope: &ReportScope) -> StoreResult<ReportFacts> {
        reports::report_facts(self.connections(), scope).await
    }
    /// The store's desks and its people (the report filters' choices).
    async fn report_choices(&self, store_code: &str) -> StoreResult<(Vec<String>, Vec<(i64, String)>)> {
        reports::report_choices(self.connections(), store_code).await
    }
    /// The instant the desk scanned a return's receipt (kept once).
    async fn record_scan(&self, return_id: i64, scanned_at: Instant) -> StoreResult<()> {
        reports::record_scan(self.connections(), return_id, scanned_at).await
    }

    /// A consistent copy of the whole database at `path` (SQLite only).
    async fn backup(&self, _path: &Path) -> StoreResult<()> {
        Err(StoreError::Unsupported("backup of a PostgreSQL store is the database's own job (pg_dump / base backups)"))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct LedgerCounts {
    pub receipts: i64,
    pub returns: i64,
    pub return_lines: i64,
    pub audit_confirmations: i64,
    /// Returns whose number of lines differs from their request's.
    pub returns_with_missing_lines: i64,
}

/// Opens the database a desk is configured for: `postgres://…` for a chain, otherwise a
/// SQLite file path (created and migrated on first start).
pub async fn open(location: &str) -> StoreResult<Arc<dyn Database>> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PostgresDatabase::connect(location).await?))
    } else {
        let path = location.strip_prefix("sqlite://").unwrap_or(location);
        Ok(Arc::new(sqlite::SqliteDatabase::open(Path::new(path)).await?))
    }
}

/// Reads an enum stored as its contract spelling (`"card"`, `"BG"`, …).
pub(crate) fn parse_code<T: DeserializeOwned>(what: &str, text: &str) -> StoreResult<T> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| StoreError::Corrupt(format!("{what} {text:?}")))
}

/// The contract spelling of an enum (`TenderType::GiftCard` → `"gift_card"`).
pub fn code_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("not a string enum: {other:?}"),
    }
}

pub(crate) fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serializes")
}

pub(crate) fn from_json<T: DeserializeOwned>(what: &str, text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// Now, as stored: microseconds, so that SQLite and PostgreSQL give back the same instant.
pub(crate) fn now_utc() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(6)
}

pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| d.is_unique_violation())
}
