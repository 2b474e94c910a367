//! The chain's shops and what they are set up with: stores, policy versions, products, users,
//! desks and settings. Written once for both backends (see `sql.rs`).

use chrono::NaiveDate;

use super::sql::{sql, Pool};
use super::*;
use crate::domain::{Currency, Jurisdiction};

#[derive(sqlx::FromRow)]
struct StoreRow {
    code: String,
    name: String,
    address: String,
    jurisdiction: Jurisdiction,
    currency: Currency,
    time_zone: String,
    policy_id: String,
    #[sqlx(try_from = "i64")]
    claim_target_days: u32,
}

#[derive(sqlx::FromRow)]
struct PolicyRow {
    id: i64,
    version: i64,
    effective_from: NaiveDate,
    defaults_json: String,
    rules_json: String,
}

pub(super) async fn put_store(pool: &Pool, s: &StoreProfile) -> StoreResult<()> {
    let mut tx = pool.write().await?;
    sql("INSERT INTO policies (policy_id, name) VALUES ($1, $2) ON CONFLICT (policy_id) DO NOTHING")
        .bind(&s.policy_id)
        .bind(&s.policy_id)
        .execute(tx.link())
        .await?;
    sql("INSERT INTO stores (code, name, address, jurisdiction, currency, time_zone, policy_id, claim_target_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, address = excluded.address,
           jurisdiction = excluded.jurisdiction, currency = excluded.currency,
           time_zone = excluded.time_zone, policy_id = excluded.policy_id,
           claim_target_days = excluded.claim_target_days")
    .bind(&s.code)
    .bind(&s.name)
    .bind(&s.address)
    .bind_code(&s.jurisdiction)
    .bind_code(&s.currency)
    .bind(&s.time_zone)
    .bind(&s.policy_id)
    .bind(s.claim_target_days.get())
    .execute(tx.link())
    .await?;
    put_calendar_days(&mut tx, &s.code, &s.holidays, &s.working_days).await?;
    tx.commit().await
}

/// Replaces a store's holidays and working days (in the caller's transaction).
async fn put_calendar_days(tx: &mut super::sql::Tx, store: &str, holidays: &[NaiveDate], working_days: &[NaiveDate]) -> StoreResult<()> {
    sql("DELETE FROM store_holidays WHERE store_code = $1").bind(store).execute(tx.link()).await?;
    sql("DELETE FROM store_working_days WHERE store_code = $1").bind(store).execute(tx.link()).await?;
    for day in working_days {
        sql("INSERT INTO store_working_days (store_code, day) VALUES ($1, $2)")
            .bind(store)
            .bind(*day)
            .execute(tx.link())
            .await?;
    }
    for day in holidays {
        sql("INSERT INTO store_holidays (store_code, day) VALUES ($1, $2)")
            .bind(store)
            .bind(*day)
            .execute(tx.link())
            .await?;
    }
    Ok(())
}

/// A store's calendar changed at the desk — its holidays, its transferred working days and its
/// settlement target — with its `settings_changed` entry (old and new calendar) in the same
/// transaction.
pub(super) async fn change_store_calendar(pool: &Pool, actor: &AuditActor, store: &StoreProfile, calendar: &StoreCalendar) -> StoreResult<()> {
    let mut tx = pool.write().await?;
    let changed = sql("UPDATE stores SET claim_target_days = $2 WHERE code = $1")
        .bind(&store.code)
        .bind(calendar.claim_target_days.get())
        .execute(tx.link())
        .await?;
    if changed == 0 {
        return Err(StoreError::Rejected(Box::new(crate::service::DeskError::UnknownStore(store.code.clone()))));
    }
    put_calendar_days(&mut tx, &store.code, &calendar.holidays, &calendar.working_days).await?;
    let before = StoreCalendar {
        holidays: store.holidays.clone(),
        working_days: store.working_days.clone(),
        claim_target_days: store.claim_target_days,
    };
    let details = serde_json::json!({ "key": "calendar", "from": before, "to": calendar });
    let event = AuditEvent::new(AuditAction::SettingsChanged, actor.clone(), "setting", format!("{}/calendar", store.code), details);
    audit::append(tx.link(), &event).await?;
    tx.commit().await
}

pub(super) async fn store(pool: &Pool, code: &str) -> StoreResult<Option<StoreProfile>> {
    Ok(store_on(pool, code, None).await?.map(|(store, _)| store))
}

/// A store's row with one of its calendar days (none: a row with no day), and the id of its
/// policy's version in force on the day asked for.
#[derive(sqlx::FromRow)]
struct StoreDayRow {
    #[sqlx(flatten)]
    store: StoreRow,
    policy_version_id: Option<i64>,
    kind: Option<String>,
    day: Option<NaiveDate>,
}

/// A store with its calendar (holidays and transferred working days), in one statement, and
/// the id of its policy's version in force on `day` (if a day is asked for and one is).
pub(super) async fn store_on(pool: &Pool, code: &str, day: Option<NaiveDate>) -> StoreResult<Option<(StoreProfile, Option<i64>)>> {
    let rows = sql(
        "SELECT s.code, s.name, s.address, s.jurisdiction, s.currency, s.time_zone, s.policy_id, s.claim_target_days,
                (SELECT v.id FROM policy_versions v WHERE v.policy_id = s.policy_id AND v.effective_from <= $2
                 ORDER BY v.effective_from DESC LIMIT 1) AS policy_version_id,
                d.kind, d.day
         FROM stores s LEFT JOIN (
             SELECT 'holiday' AS kind, day FROM store_holidays WHERE store_code = $1
             UNION ALL SELECT 'working' AS kind, day FROM store_working_days WHERE store_code = $1
         ) d ON 1 = 1
         WHERE s.code = $1 ORDER BY d.kind, d.day",
    )
    .bind(code)
    .bind(day)
    .fetch_all::<StoreDayRow>(pool.read().await?.link())
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let policy_version_id = first.policy_version_id;
    let (mut holidays, mut working_days) = (Vec::new(), Vec::new());
    for row in &rows {
        match (row.kind.as_deref(), row.day) {
            (Some("holiday"), Some(day)) => holidays.push(day),
            (Some("working"), Some(day)) => working_days.push(day),
            _ => {}
        }
    }
    let r = rows.into_iter().next().expect("a first row").store;
    Ok(Some((
        StoreProfile {
            code: r.code,
            name: r.name,
            address: r.address,
            jurisdiction: r.jurisdiction,
            currency: r.currency,
            time_zone: r.time_zone,
            holidays,
            working_days,
            claim_target_days: crate::domain::jurisdiction::ClaimTarget::days(r.claim_target_days),
            policy_id: r.policy_id,
        },
        policy_version_id,
    )))
}

pub(super) async fn stores(pool: &Pool) -> StoreResult<Vec<StoreProfile>> {
    let codes: Vec<String> = sql("SELECT code FROM stores ORDER BY code").scalars(pool.read().await?.link()).await?;
    let mut out = Vec::with_capacity(codes.len());
    for code in codes {
        out.extend(store(pool, &code).await?);
    }
    Ok(out)
}

pub(super) async fn put_policy_version(
    pool: &Pool,
    policy_id: &str,
    effective_from: NaiveDate,
    document: &PolicyDocument,
) -> StoreResult<StoredPolicy> {
    publish_policy_version(pool, None, policy_id, effective_from, document).await
}

/// A new policy version; by `actor` (if given) with its `policy_imported` audit entry in the
/// same transaction.
pub(super) async fn publish_policy_version(
    pool: &Pool,
    actor: Option<&AuditActor>,
    policy_id: &str,
    effective_from: NaiveDate,
    document: &PolicyDocument,
) -> StoreResult<StoredPolicy> {
    let mut tx = pool.write().await?;
    sql("INSERT INTO policies (policy_id, name) VALUES ($1, $2) ON CONFLICT (policy_id) DO NOTHING")
        .bind(policy_id)
        .bind(policy_id)
        .execute(tx.link())
        .await?;
    let version: i64 = sql("SELECT COALESCE(MAX(version), 0) + 1 FROM policy_versions WHERE policy_id = $1")
        .bind(policy_id)
        .scalar(tx.link())
        .await?;
    let id: i64 = sql(
        "INSERT INTO policy_versions (policy_id, version, effective_from, defaults_json, rules_json, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(policy_id)
    .bind(version)
    .bind(effective_from)
    .bind(json_text(&document.defaults))
    .bind(json_text(&document.rules))
    .bind(now_utc())
    .bind(actor.and_then(|a| a.user_id))
    .scalar(tx.link())
    .await
    .map_err(|e| match e {
        StoreError::Database(e) if is_unique_violation(&e) => {
            StoreError::Rejected(Box::new(crate::service::policy_version_exists(policy_id, effective_from)))
        }
        other => other,
    })?;
    if let Some(actor) = actor {
        let details = serde_json::json!({ "policy_id": policy_id, "version": version, "effective_from": effective_from });
        let event = AuditEvent::new(AuditAction::PolicyImported, actor.clone(), "policy", id, details);
        audit::append(tx.link(), &event).await?;
    }
    tx.commit().await?;
    Ok(StoredPolicy { id, policy_id: policy_id.to_string(), version, effective_from, document: document.clone() })
}

/// Every version of a policy, the latest `effective_from` first, with who published it: the
/// version's own `created_by`, or (for versions published before it was kept) the user of its
/// `policy_imported` audit entry; none for a file imported on the command line.
pub(super) async fn policy_versions(pool: &Pool, policy_id: &str) -> StoreResult<Vec<PolicyVersionRecord>> {
    sql(
        "SELECT v.id, v.version, v.effective_from, v.created_at, u.login AS made_by_login, u.display_name AS made_by_name
         FROM policy_versions v
         LEFT JOIN users u ON u.id = COALESCE(v.created_by,
             (SELECT a.user_id FROM audit_log a
              WHERE a.entity = 'policy' AND a.entity_id = CAST(v.id AS TEXT) AND a.action = 'policy_imported'
              ORDER BY a.seq LIMIT 1))
         WHERE v.policy_id = $1
         ORDER BY v.effective_from DESC",
    )
    .bind(policy_id)
    .fetch_all::<PolicyVersionRecord>(pool.read().await?.link())
    .await
}

/// A policy version by its id (a version is never changed once published).
pub(super) async fn policy_version(pool: &Pool, id: i64) -> StoreResult<Option<StoredPolicy>> {
    let Some((policy_id, r)) = sql(
        "SELECT policy_id, id, version, effective_from, defaults_json, rules_json FROM policy_versions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional::<PolicyWithId>(pool.read().await?.link())
    .await?
    .map(|p| (p.policy_id, p.row))
    else {
        return Ok(None);
    };
    Ok(Some(StoredPolicy {
        id: r.id,
        policy_id,
        version: r.version,
        effective_from: r.effective_from,
        document: PolicyDocument {
            defaults: from_json("policy defaults", &r.defaults_json)?,
            rules: from_json("policy rules", &r.rules_json)?,
        },
    }))
}

#[derive(sqlx::FromRow)]
struct PolicyWithId {
    policy_id: String,
    #[sqlx(flatten)]
    row: PolicyRow,
}

pub(super) async fn policy_in_force(pool: &Pool, policy_id: &str, day: NaiveDate) -> StoreResult<Option<StoredPolicy>> {
    let Some(r) = sql(
        "SELECT id, version, effective_from, defaults_json, rules_json FROM policy_versions
         WHERE policy_id = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1",
    )
    .bind(policy_id)
    .bind(day)
    .fetch_optional::<PolicyRow>(pool.read().await?.link())
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(StoredPolicy {
        id: r.id,
        policy_id: policy_id.to_string(),
        version: r.version,
        effective_from: r.effective_from,
        document: PolicyDocument {
            defaults: from_json("policy defaults", &r.defaults_json)?,
            rules: from_json("policy rules", &r.rules_json)?,
        },
    }))
}

pub(super) async fn put_products(pool: &Pool, products: &[Product]) -> StoreResult<u64> {
    let mut tx = pool.write().await?;
    for p in products {
        // Issue 14: the price, currency, VAT rate and barcode (a file without them leaves them empty).
        sql("INSERT INTO products (sku, name, category, brand, serial_tracked, unit_price, currency, vat_rate, barcode)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
               brand = excluded.brand, serial_tracked = excluded.serial_tracked, unit_price = excluded.unit_price,
               currency = excluded.currency, vat_rate = excluded.vat_rate, barcode = excluded.barcode")
        .bind(&p.sku)
        .bind(&p.name)
        .bind(&p.category)
        .bind(&p.brand)
        .bind(p.serial_tracked)
        .bind(p.unit_price)
        .bind(p.currency.map(|c| code_of(&c)))
        .bind(p.vat_rate)
        .bind(p.barcode.as_deref().map(str::trim).filter(|b| !b.is_empty()))
        .execute(tx.link())
        .await?;
    }
    tx.commit().await?;
    Ok(products.len() as u64)
}

pub(super) async fn put_user(pool: &Pool, u: &NewUser) -> StoreResult<i64> {
    let mut tx = pool.write().await?;
    let id: i64 = sql("INSERT INTO users (store_code, login, display_name, role, pin_hash, created_at, refund_limit, approval_limit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (login) DO UPDATE SET store_code = excluded.store_code,
           display_name = excluded.display_name, role = excluded.role, pin_hash = excluded.pin_hash,
           refund_limit = excluded.refund_limit, approval_limit = excluded.approval_limit
         RETURNING id")
    .bind(&u.store_code)
    .bind(&u.login)
    .bind(&u.display_name)
    .bind_code(&u.role)
    .bind(&u.pin_hash)
    .bind(now_utc())
    .bind(u.refund_limit)
    .bind(u.approval_limit)
    .scalar(tx.link())
    .await?;
    // The stores the user works in: their home store, or every store when none is named.
    sql("INSERT INTO user_stores (user_id, store_code)
         SELECT $1, code FROM stores WHERE $2 IS NULL OR code = $2
         ON CONFLICT DO NOTHING")
    .bind(id)
    .bind(&u.store_code)
    .execute(tx.link())
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(super) async fn user_by_login(pool: &Pool, login: &str) -> StoreResult<Option<UserRecord>> {
    sql("SELECT id, store_code, login, display_name, role, pin_hash, refund_limit, approval_limit FROM users WHERE login = $1 AND active = TRUE")
    .bind(login)
    .fetch_optional(pool.read().await?.link())
    .await
}

pub(super) async fn terminal_by_code(pool: &Pool, code: &str) -> StoreResult<Option<(String, i64)>> {
    sql("SELECT store_code, id FROM terminals WHERE code = $1 ORDER BY store_code LIMIT 1")
        .bind(code)
        .fetch_optional(pool.read().await?.link())
        .await
}

pub(super) async fn terminal_id(pool: &Pool, store_code: &str, code: &str) -> StoreResult<Option<i64>> {
    sql("SELECT id FROM terminals WHERE store_code = $1 AND code = $2")
        .bind(store_code)
        .bind(code)
        .scalar_optional(pool.read().await?.link())
        .await
}

pub(super) async fn put_terminal(pool: &Pool, store_code: &str, code: &str) -> StoreResult<i64> {
    sql("INSERT INTO terminals (store_code, code, name) VALUES ($1, $2, $3)
         ON CONFLICT (store_code, code) DO UPDATE SET name = excluded.name RETURNING id")
    .bind(store_code)
    .bind(code)
    .bind(code)
    .scalar(pool.read().await?.link())
    .await
}

pub(super) async fn setting(pool: &Pool, store_code: &str, key: &str) -> StoreResult<Option<String>> {
    sql("SELECT value FROM desk_settings WHERE store_code = $1 AND key = $2")
        .bind(store_code)
        .bind(key)
        .scalar_optional(pool.read().await?.link())
        .await
}

pub(super) async fn put_setting(pool: &Pool, store_code: &str, key: &str, value: &str) -> StoreResult<()> {
    sql("INSERT INTO desk_settings (store_code, key, value) VALUES ($1, $2, $3)
         ON CONFLICT (store_code, key) DO UPDATE SET value = excluded.value")
    .bind(store_code)
    .bind(key)
    .bind(value)
    .execute(pool.read().await?.link())
    .await?;
    Ok(())
}

/// A setting changed by `actor`, with its `settings_changed` entry (key, old and new value) in
/// the same transaction.
pub(super) async fn change_setting(pool: &Pool, actor: &AuditActor, store_code: &str, key: &str, value: &str) -> StoreResult<()> {
    let mut tx = pool.write().await?;
    let old: Option<String> = sql("SELECT value FROM desk_settings WHERE store_code = $1 AND key = $2")
        .bind(store_code)
        .bind(key)
        .scalar_optional(tx.link())
        .await?;
    sql("INSERT INTO desk_settings (store_code, key, value) VALUES ($1, $2, $3)
         ON CONFLICT (store_code, key) DO UPDATE SET value = excluded.value")
    .bind(store_code)
    .bind(key)
    .bind(value)
    .execute(tx.link())
    .await?;
    let details = serde_json::json!({ "key": key, "from": old, "to": value });
    let event = AuditEvent::new(AuditAction::SettingsChanged, actor.clone(), "setting", format!("{store_code}/{key}"), details);
    audit::append(tx.link(), &event).await?;
    tx.commit().await
}

/// A store's own details, printed at the head of each of its documents: what a manager keeps in
/// Settings (issue 16). Empty text is a detail not given.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema, sqlx::FromRow)]
pub struct StoreDetails {
    pub name: String,
    pub address: String,
    pub vat_id: String,
    pub company_id: String,
    pub phone: String,
}

pub(super) async fn store_details(pool: &Pool, code: &str) -> StoreResult<Option<StoreDetails>> {
    sql("SELECT name, address, vat_id, company_id, phone FROM stores WHERE code = $1")
        .bind(code)
        .fetch_optional(pool.read().await?.link())
        .await
}

/// The store's details replaced, with a `settings_changed` entry (old and new details) in the
/// same transaction.
pub(super) async fn change_store_details(pool: &Pool, actor: &AuditActor, code: &str, details: &StoreDetails) -> StoreResult<()> {
    let mut tx = pool.write().await?;
    let before: Option<StoreDetails> = sql("SELECT name, address, vat_id, company_id, phone FROM stores WHERE code = $1")
        .bind(code)
        .fetch_optional(tx.link())
        .await?;
    let Some(before) = before else {
        return Err(StoreError::Rejected(Box::new(crate::service::DeskError::UnknownStore(code.to_string()))));
    };
    sql("UPDATE stores SET name = $2, address = $3, vat_id = $4, company_id = $5, phone = $6 WHERE code = $1")
        .bind(code)
        .bind(&details.name)
        .bind(&details.address)
        .bind(&details.vat_id)
        .bind(&details.company_id)
        .bind(&details.phone)
        .execute(tx.link())
        .await?;
    let changes = serde_json::json!({ "key": "details", "from": before, "to": details });
    let event = AuditEvent::new(AuditAction::SettingsChanged, actor.clone(), "setting", format!("{code}/details"), changes);
    audit::append(tx.link(), &event).await?;
    tx.commit().await
}
