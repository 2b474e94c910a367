//! Returns: recording one (its lines, refunds per tender, voucher, warranty claims, approvals
//! and audit entry, in one transaction), and reading them back. Written once for both backends
//! (see `sql.rs`).

use chrono::{DateTime, NaiveDateTime, Utc};

use super::plan::ReturnPlan;
use super::sales::{current_history, load_receipt};
use super::sql::{sql, sql_dialects, Link, Pool, Tx};
use super::*;
use crate::domain::{CaseOutcome, Decision, Money};

#[derive(sqlx::FromRow)]
struct ReturnRow {
    id: i64,
    idempotency_key: String,
    store_code: String,
    receipt_id: i64,
    number: String,
    clerk_id: i64,
    display_name: String,
    terminal_code: Option<String>,
    status: ReturnStatus,
    outcome: CaseOutcome,
    created_at: DateTime<Utc>,
    request_now: NaiveDateTime,
    request_json: String,
    decision_json: String,
}

#[derive(sqlx::FromRow)]
struct ApprovalRow {
    receipt_line: Option<i64>,
    code: String,
    manager: String,
    decision: ApprovalVerdict,
    reason: String,
    decided_at: DateTime<Utc>,
}

impl TryFrom<ApprovalRow> for ApprovalRecord {
    type Error = StoreError;
    fn try_from(a: ApprovalRow) -> StoreResult<ApprovalRecord> {
        let line = a
            .receipt_line
            .map(|l| u32::try_from(l).map_err(|_| StoreError::Corrupt(format!("approval line {l}"))))
            .transpose()?;
        Ok(ApprovalRecord { line, code: a.code, manager: a.manager, decision: a.decision, reason: a.reason, decided_at: a.decided_at })
    }
}

pub(super) async fn load_return(mut link: Link<'_>, id: i64) -> StoreResult<Option<ReturnRecord>> {
    let Some(r) = sql(
        "SELECT t.id, t.idempotency_key, t.store_code, t.receipt_id, rc.number, t.clerk_id, u.display_name,
                d.code AS terminal_code, t.status, t.outcome, t.created_at, t.request_now, t.request_json, t.decision_json
         FROM returns t JOIN receipts rc ON rc.id = t.receipt_id JOIN users u ON u.id = t.clerk_id
         LEFT JOIN terminals d ON d.id = t.terminal_id WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional::<ReturnRow>(link.again())
    .await?
    else {
        return Ok(None);
    };
    let approvals = sql(
        "SELECT a.receipt_line, a.code, u.display_name AS manager, a.decision, a.reason, a.decided_at
         FROM approvals a JOIN users u ON u.id = a.manager_id WHERE a.return_id = $1 ORDER BY a.id",
    )
    .bind(id)
    .fetch_all::<ApprovalRow>(link.again())
    .await?
    .into_iter()
    .map(ApprovalRecord::try_from)
    .collect::<StoreResult<Vec<_>>>()?;
    let voucher = sql(
        "SELECT code, amount, balance, currency, status, issued_at, expires_on
         FROM store_credit_vouchers WHERE return_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(id)
    .fetch_optional::<VoucherRecord>(link)
    .await?;
    Ok(Some(ReturnRecord {
        approvals,
        voucher,
        id: r.id,
        idempotency_key: r.idempotency_key,
        store_code: r.store_code,
        receipt_id: r.receipt_id,
        receipt_number: r.number,
        clerk_id: r.clerk_id,
        clerk_name: r.display_name,
        terminal_code: r.terminal_code,
        status: r.status,
        outcome: r.outcome,
        created_at: r.created_at,
        request_now: r.request_now,
        request: from_json("request", &r.request_json)?,
        decision: from_json("decision", &r.decision_json)?,
    }))
}

pub(super) async fn confirm_return(
    pool: &Pool,
    new: &NewReturn,
    payout: PayoutBasis,
    decide: &Decide<'_>,
) -> StoreResult<ConfirmedReturn> {
    // Desks deciding on this receipt are serialized before anything is read: two desks never
    // judge the same history, and a retry with the same key waits for the first to commit.
    let mut tx = pool.write().await?;
    tx.lock_receipt(new.receipt_id).await?;
    let existing: Option<(i64, Option<String>)> = sql("SELECT id, request_hash FROM returns WHERE idempotency_key = $1")
        .bind(&new.idempotency_key)
        .fetch_optional(tx.link())
        .await?;
    if let Some((id, request_hash)) = existing {
        if request_hash.as_deref() != Some(new.request_hash.as_str()) {
            return Err(StoreError::KeyReused(new.idempotency_key.clone()));
        }
        let record = load_return(tx.link(), id).await?.ok_or_else(|| StoreError::NotFound(format!("return {id}")))?;
        tx.commit().await?;
        return Ok(ConfirmedReturn { record, created: false });
    }
    // The history is read again under the lock; the receipt itself, as the desk read it.
    let receipt = match &new.sale {
        Some(sale) => StoredReceipt { id: new.receipt_id, sale: sale.clone(), history: current_history(tx.link(), new.receipt_id).await? },
        None => load_receipt(tx.link(), new.receipt_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("receipt {}", new.receipt_id)))?,
    };
    let decision = decide(&receipt.history).map_err(StoreError::Rejected)?;
    let written = write_return_rows(&mut tx, new, payout, &receipt, &decision).await?;
    // Read back before the audit chain's head is taken: confirms wait for one another there
    // (PostgreSQL), so it is the last thing done before the commit.
    let record = load_return(tx.link(), written.id).await?.ok_or_else(|| StoreError::NotFound(format!("return {}", written.id)))?;
    chain_return(&mut tx, new, written).await?;
    tx.commit().await?;
    Ok(ConfirmedReturn { record, created: true })
}

/// A return's rows written ([`write_return_rows`]), for its audit entries ([`chain_return`]).
pub(super) struct WrittenReturn {
    id: i64,
    plan: ReturnPlan,
    manager_login: Option<String>,
}

/// Writes a judged return inside the caller's write transaction (the receipt locked, the
/// decision made against the history read in it): the return, its lines, refunds per tender,
/// voucher, claims, approvals, audit entries, the queued case it completes and its customer.
/// Issue 14: an exchange writes its return with this too, in its own transaction.
pub(super) async fn write_return(
    tx: &mut Tx,
    new: &NewReturn,
    payout: PayoutBasis,
    receipt: &StoredReceipt,
    decision: &Decision,
) -> StoreResult<i64> {
    let written = write_return_rows(tx, new, payout, receipt, decision).await?;
    let id = written.id;
    chain_return(tx, new, written).await?;
    Ok(id)
}

/// [`write_return`]'s rows: the return, its lines, refunds, voucher, claims, approvals and
/// customer, without its audit entries (the head of the chain is not taken yet).
pub(super) async fn write_return_rows(
    tx: &mut Tx,
    new: &NewReturn,
    payout: PayoutBasis,
    receipt: &StoredReceipt,
    decision: &Decision,
) -> StoreResult<WrittenReturn> {
    let mut plan = ReturnPlan::new(new, payout, receipt, decision);
    // ---- Issue 14: vouchers ---- the store's `voucher_valid_months`, read in this transaction.
    if let Some(voucher) = plan.voucher.as_mut() {
        let months = super::vouchers::valid_months(tx.link(), &new.store_code).await?;
        voucher.expires_on = super::plan::voucher_expiry(new.now.date(), months);
    }

    let id: i64 = sql(
        "INSERT INTO returns (idempotency_key, store_code, terminal_id, clerk_id, receipt_id, policy_version_id,
           resolution, outcome, status, currency, total_gross, total_fee, total_refund, total_vat,
           request_now, created_at, completed_at, request_json, decision_json, request_hash, local_day, refunded)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id",
    )
    .bind(&new.idempotency_key)
    .bind(&new.store_code)
    .bind(new.terminal_id)
    .bind(new.clerk_id)
    .bind(new.receipt_id)
    .bind(new.policy_version_id)
    .bind_code(&new.request.resolution)
    .bind_code(&decision.outcome)
    .bind_code(&plan.status)
    .bind_code(&decision.currency)
    .bind(decision.totals.gross)
    .bind(decision.totals.fee)
    .bind(decision.totals.refund)
    .bind(decision.totals.vat)
    .bind(new.now)
    .bind(new.created_at)
    .bind((plan.status == ReturnStatus::Completed).then_some(new.created_at))
    .bind(json_text(&new.request))
    .bind(&plan.decision_json)
    .bind(&new.request_hash)
    .bind(new.local_day)
    // What its refunds below pay out, every tender together (migration 0028, for the reports).
    .bind(plan.refunds.iter().fold(Money::ZERO, |sum, r| sum + r.amount))
    .scalar(tx.link())
    .await?;
    for (i, (req, line)) in new.request.lines.iter().zip(&decision.lines).enumerate() {
        // What the receipt says of the item, copied for the reports (migration 0027); the
        // engine has already refused a line the receipt does not have.
        let sold = receipt.sale.receipt.lines.iter().find(|l| l.line == req.line);
        sql("INSERT INTO return_lines (return_id, line_no, receipt_id, receipt_line, qty, returned_qty,
               reason, condition, outcome, route, reasons_json, gross, fee, refund, vat,
               sku, name, category, brand, sold_qty, sold_net, currency)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)")
        .bind(id)
        .bind(i + 1)
        .bind(new.receipt_id)
        .bind(req.line.0)
        .bind(req.qty.get())
        .bind(plan.returned_qty[i])
        .bind_code(&req.reason)
        .bind_code(&req.condition)
        .bind_code(&line.outcome)
        .bind_code(&line.route)
        .bind(json_text(&line.reasons))
        .bind(line.gross)
        .bind(line.fee)
        .bind(line.refund)
        .bind(line.vat)
        .bind(sold.map_or("", |l| l.sku.as_str()))
        .bind(sold.map_or("", |l| l.name.as_str()))
        .bind(sold.map_or("", |l| l.category.as_str()))
        .bind(sold.map_or("", |l| l.brand.as_str()))
        .bind(sold.map_or(0, |l| i64::from(l.qty.get())))
        .bind(sold.map_or(Money::ZERO, |l| l.net()))
        .bind_code(&receipt.sale.receipt.currency)
        .execute(tx.link())
        .await?;
    }
    for (seq, r) in plan.refunds.iter().enumerate() {
        sql("INSERT INTO return_refunds (return_id, seq, type, amount, receipt_amount) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(seq + 1)
            .bind_code(&r.kind)
            .bind(r.amount)
            .bind(r.receipt_amount)
            .execute(tx.link())
            .await?;
    }
    if let Some(v) = &plan.voucher {
        sql("INSERT INTO store_credit_vouchers (code, store_code, return_id, currency, amount, balance, issued_at, expires_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&v.code)
        .bind(&new.store_code)
        .bind(id)
        .bind_code(&v.currency)
        .bind(v.amount)
        .bind(v.amount)
        .bind(new.created_at)
        .bind(v.expires_on)
        .execute(tx.link())
        .await?;
    }
    for claim in &plan.claims {
        // Gap-free per store: the counter's row is taken inside this transaction.
        let register_no: i64 = sql(
            "INSERT INTO store_counters (store_code, counter, last_value) VALUES ($1, 'complaint_register', 1)
             ON CONFLICT (store_code, counter) DO UPDATE SET last_value = store_counters.last_value + 1
             RETURNING last_value",
        )
        .bind(&new.store_code)
        .scalar(tx.link())
        .await?;
        // Issue 11: numbered per store and year, gap-free, in this transaction too.
        let year = i64::from(chrono::Datelike::year(&new.now.date()));
        let year_no: i64 = sql(
            "INSERT INTO store_counters (store_code, counter, last_value) VALUES ($1, $2, 1)
             ON CONFLICT (store_code, counter) DO UPDATE SET last_value = store_counters.last_value + 1
             RETURNING last_value",
        )
        .bind(&new.store_code)
        .bind(format!("complaint_register:{year}"))
        .scalar(tx.link())
        .await?;
        sql("INSERT INTO complaint_register (store_code, register_no, registered_at, customer_name,
               customer_contact, receipt_id, return_id, subject, register_year, year_no)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(&new.store_code)
        .bind(register_no)
        .bind(new.created_at)
        .bind(&claim.customer_name)
        .bind(&claim.customer_contact)
        .bind(new.receipt_id)
        .bind(id)
        .bind(&claim.subject)
        .bind(year)
        .bind(year_no)
        .execute(tx.link())
        .await?;
        sql("INSERT INTO warranty_claims (store_code, register_no, return_id, receipt_id, receipt_line, serial,
               basis, defect, remedy, claimed_on, claim_due_by, legal_until, commercial_until, claim_due_basis,
               accessories, item_state, remedy_asked)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)")
        .bind(&new.store_code)
        .bind(register_no)
        .bind(id)
        .bind(new.receipt_id)
        .bind(claim.line)
        .bind(&claim.serial)
        .bind_code(&claim.basis)
        .bind(&claim.defect)
        .bind_code(&claim.remedy)
        .bind(new.now.date())
        .bind(claim.due_by)
        .bind(claim.legal_until)
        .bind(claim.commercial_until)
        .bind(claim.due_basis.map(|b| code_of(&b)))
        .bind(&claim.accessories)
        .bind(&claim.item_state)
        .bind(claim.remedy_asked.map(|r| r.code().to_string()))
        .execute(tx.link())
        .await?;
        let claim_id: i64 = sql("SELECT id FROM warranty_claims WHERE store_code = $1 AND register_no = $2")
            .bind(&new.store_code)
            .bind(register_no)
            .scalar(tx.link())
            .await?;
        sql("INSERT INTO claim_events (claim_id, seq, step, at, user_id, details_json) VALUES ($1, 1, 'register', $2, $3, $4)")
            .bind(claim_id)
            .bind(new.created_at)
            .bind(new.clerk_id)
            .bind(json_text(&serde_json::json!({ "return_id": id, "register_year": year, "year_no": year_no })))
            .execute(tx.link())
            .await?;
    }
    if let Some(ruling) = &new.ruling {
        let verdict = if ruling.approved { ApprovalVerdict::Approved } else { ApprovalVerdict::Rejected };
        for (line, code) in &plan.approvals {
            sql("INSERT INTO approvals (return_id, receipt_line, code, manager_id, decision, reason, decided_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(id)
            .bind(*line)
            .bind(code)
            .bind(ruling.manager_id)
            .bind_code(&verdict)
            .bind(&ruling.reason)
            .bind(new.created_at)
            .execute(tx.link())
            .await?;
        }
    }
    let manager_login: Option<String> = match &new.ruling {
        Some(r) => sql("SELECT login FROM users WHERE id = $1").bind(r.manager_id).scalar_optional(tx.link()).await?,
        None => None,
    };
    super::queue::record_customer(tx.link(), id, &new.store_code, &new.customer_keys, new.now).await?;
    Ok(WrittenReturn { id, plan, manager_login })
}

/// The audit entries of a return written by [`write_return_rows`], chained in its transaction:
/// the manager's ruling (by the manager, at the clerk's desk) and the confirmation (by the
/// clerk, naming the manager), each keeping the return's money and quantities as written; and
/// the queued case it completes.
pub(super) async fn chain_return(tx: &mut Tx, new: &NewReturn, written: WrittenReturn) -> StoreResult<()> {
    let WrittenReturn { id, plan, manager_login } = written;
    let actor = AuditActor { user_id: Some(new.clerk_id), terminal_id: new.terminal_id, store_code: Some(new.store_code.clone()) };
    if let Some(ruling) = &new.ruling {
        let action = if ruling.approved { AuditAction::OverrideApproved } else { AuditAction::OverrideRejected };
        let event = AuditEvent {
            action,
            at: new.created_at,
            actor: AuditActor { user_id: Some(ruling.manager_id), ..actor.clone() },
            entity: "return".into(),
            entity_id: id.to_string(),
            details: plan.ruling_details(new, ruling, manager_login.as_deref()),
        };
        audit::append(tx.link(), &event).await?;
    }
    let event = AuditEvent {
        action: AuditAction::ReturnConfirmed,
        at: new.created_at,
        actor,
        entity: "return".into(),
        entity_id: id.to_string(),
        details: plan.audit_details(new, manager_login.as_deref()),
    };
    audit::append(tx.link(), &event).await?;
    // Issue 12: the queued case it completes, and the customer behind it.
    if let Some(queued) = new.queued_id {
        let actor = AuditActor { user_id: Some(new.clerk_id), terminal_id: new.terminal_id, store_code: Some(new.store_code.clone()) };
        super::queue::complete(tx.link(), queued, id, &actor, new.created_at).await?;
    }
    Ok(())
}

pub(super) async fn return_by_key(pool: &Pool, key: &str, request_hash: &str) -> StoreResult<Option<ReturnRecord>> {
    let mut conn = pool.read().await?;
    let existing: Option<(i64, Option<String>)> = sql("SELECT id, request_hash FROM returns WHERE idempotency_key = $1")
        .bind(key)
        .fetch_optional(conn.link())
        .await?;
    match existing {
        None => Ok(None),
        Some((_, stored)) if stored.as_deref() != Some(request_hash) => Err(StoreError::KeyReused(key.to_string())),
        Some((id, _)) => load_return(conn.link(), id).await,
    }
}

pub(super) async fn return_by_id(pool: &Pool, id: i64) -> StoreResult<Option<ReturnRecord>> {
    load_return(pool.read().await?.link(), id).await
}

pub(super) async fn returns_of_receipt(pool: &Pool, receipt_id: i64) -> StoreResult<Vec<ReturnRecord>> {
    let mut conn = pool.read().await?;
    let ids: Vec<i64> = sql("SELECT id FROM returns WHERE receipt_id = $1 ORDER BY id")
        .bind(receipt_id)
        .scalars(conn.link())
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(load_return(conn.link(), id).await?);
    }
    Ok(out)
}

/// A LIKE pattern that matches `text` anywhere, taken literally: its `%`, `_` and the escape
/// character `\` itself are escaped (the query says `ESCAPE '\'`).
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The store's returns, newest first; `q` is part of the receipt number, literally and in any
/// case (`LOWER` on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
pub(super) async fn list_returns(pool: &Pool, store_code: &str, query: &ReturnQuery) -> StoreResult<Vec<ReturnSummaryRecord>> {
    let pattern = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(contains_pattern);
    let midnight = |d: chrono::NaiveDate| d.and_time(chrono::NaiveTime::MIN);
    let from = query.from.map(midnight);
    let until = query.to.and_then(|d| d.succ_opt()).map(midnight);
    // A slip's own number (its barcode) finds that return.
    let slip = query
        .q
        .as_deref()
        .and_then(crate::service::documents::parse_slip_number)
        .filter(|(store, _)| store.eq_ignore_ascii_case(store_code))
        .map(|(_, id)| id);
    sql("SELECT t.id, r.number AS receipt_number, t.created_at, u.display_name AS clerk, t.outcome, t.status,
                t.total_refund AS refund, t.currency,
                (SELECT COUNT(*) FROM warranty_claims c WHERE c.return_id = t.id) AS claim_count,
                (SELECT g.register_year FROM warranty_claims c JOIN complaint_register g ON g.store_code = c.store_code AND g.register_no = c.register_no
                 WHERE c.return_id = t.id ORDER BY c.register_no LIMIT 1) AS claim_year,
                (SELECT COALESCE(g.year_no, g.register_no) FROM warranty_claims c JOIN complaint_register g ON g.store_code = c.store_code AND g.register_no = c.register_no
                 WHERE c.return_id = t.id ORDER BY c.register_no LIMIT 1) AS claim_no
         FROM returns t JOIN receipts r ON r.id = t.receipt_id JOIN users u ON u.id = t.clerk_id
         WHERE t.store_code = $1
           AND ($2 IS NULL OR LOWER(r.number) LIKE LOWER($2) ESCAPE '\\' OR t.id = $5)
           AND ($3 IS NULL OR t.request_now >= $3)
           AND ($4 IS NULL OR t.request_now < $4)
         ORDER BY t.id DESC LIMIT 200")
    .bind(store_code)
    .bind(pattern)
    .bind(from)
    .bind(until)
    .bind(slip)
    .fetch_all(pool.read().await?.link())
    .await
}

pub(super) async fn warranty_claims(pool: &Pool, store_code: &str) -> StoreResult<Vec<ClaimRecord>> {
    super::claims::claims(pool, store_code, &ClaimQuery::default()).await
}

pub(super) async fn ledger_counts(pool: &Pool) -> StoreResult<LedgerCounts> {
    let mut conn = pool.read().await?;
    let (receipts, returns, return_lines, audit_confirmations): (i64, i64, i64, i64) = sql(
        "SELECT (SELECT COUNT(*) FROM receipts), (SELECT COUNT(*) FROM returns), (SELECT COUNT(*) FROM return_lines),
                (SELECT COUNT(*) FROM audit_log WHERE action = 'return_confirmed')",
    )
    .fetch_one(conn.link())
    .await?;
    // A request's line count is in its JSON, whose functions the two dialects name differently.
    let returns_with_missing_lines = sql_dialects(
        "SELECT COUNT(*) FROM returns t WHERE json_array_length(json_extract(t.request_json, '$.lines'))
           <> (SELECT COUNT(*) FROM return_lines l WHERE l.return_id = t.id)",
        "SELECT COUNT(*) FROM returns t WHERE json_array_length(t.request_json::json -> 'lines')
           <> (SELECT COUNT(*) FROM return_lines l WHERE l.return_id = t.id)",
    )
    .scalar(conn.link())
    .await?;
    Ok(LedgerCounts { receipts, returns, return_lines, audit_confirmations, returns_with_missing_lines })
}
