//! People at the desk: the first store and its administrator set up on an empty database, the
//! users of a store, their stores, roles, limits, standing and PINs. Every change is written
//! with its `user_changed` entry in the same write transaction, and a change that takes
//! something away (a PIN, a role, a store, the user's standing) ends the user's sessions there
//! too. Written once for both backends (see `sql.rs`).

use chrono::{DateTime, NaiveDate, Utc};

use super::sql::{sql, sql_dialects, Link, Pool, Tx};
use super::*;
use crate::domain::Money;

/// A user as the administrator's users screen shows them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UserAccount {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// The user's home store (where they sign in without a desk).
    pub home_store: Option<String>,
    /// Every store the user works in, by code.
    pub stores: Vec<String>,
    pub active: bool,
    /// Locked out at some desk right now.
    pub locked: bool,
    pub refund_limit: Option<Money>,
    pub approval_limit: Option<Money>,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    login: String,
    display_name: String,
    role: Role,
    store_code: Option<String>,
    active: bool,
    locked: i64,
    refund_limit: Option<Money>,
    approval_limit: Option<Money>,
    created_at: DateTime<Utc>,
}

/// What a store is set up with on the first run, beyond its profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreIdentity {
    pub vat_id: String,
    pub company_id: String,
    /// en, bg, ru or el.
    pub language: String,
}

/// A user to add, with the stores they work in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAccount {
    pub user: NewUser,
    pub stores: Vec<String>,
}

/// A user's account after an administrator's edit (a full replace of what may change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountChange {
    pub display_name: String,
    pub role: Role,
    pub home_store: Option<String>,
    pub stores: Vec<String>,
    pub active: bool,
    pub refund_limit: Option<Money>,
    pub approval_limit: Option<Money>,
}

/// Whose change it is, and which session (if any) stays open: the changer's own, when they
/// change themselves.
#[derive(Clone, Debug)]
pub struct ChangedBy {
    pub actor: AuditActor,
    /// The token hash of a session that is not ended by the change.
    pub keep_session: Option<String>,
    pub now: DateTime<Utc>,
}

/// Locks the users for a change that checks who else administers a store (PostgreSQL; SQLite's
/// write transaction already holds the whole database).
async fn lock_users(link: Link<'_>) -> StoreResult<()> {
    sql_dialects("SELECT 1", "LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE").execute(link).await?;
    Ok(())
}

async fn end_sessions(tx: &mut Tx, user_id: i64, keep: Option<&str>, now: DateTime<Utc>, reason: &str) -> StoreResult<()> {
    sql("UPDATE sessions SET ended_at = $2, end_reason = $3
         WHERE user_id = $1 AND ended_at IS NULL AND ($4 IS NULL OR token_hash <> $4)")
    .bind(user_id)
    .bind(now)
    .bind(reason)
    .bind(keep)
    .execute(tx.link())
    .await?;
    Ok(())
}

async fn put_user_stores(tx: &mut Tx, user_id: i64, stores: &[String]) -> StoreResult<()> {
    sql("DELETE FROM user_stores WHERE user_id = $1").bind(user_id).execute(tx.link()).await?;
    for code in stores {
        sql("INSERT INTO user_stores (user_id, store_code) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(user_id)
            .bind(code)
            .execute(tx.link())
            .await?;
    }
    Ok(())
}

fn login_taken(login: &str) -> impl FnOnce(StoreError) -> StoreError + '_ {
    move |e| match e {
        StoreError::Database(e) if is_unique_violation(&e) => StoreError::Conflict(format!("the login {login} is taken")),
        other => other,
    }
}

async fn insert_user(tx: &mut Tx, u: &NewUser, now: DateTime<Utc>) -> StoreResult<i64> {
    sql("INSERT INTO users (store_code, login, display_name, role, pin_hash, created_at, refund_limit, approval_limit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
    .bind(&u.store_code)
    .bind(&u.login)
    .bind(&u.display_name)
    .bind_code(&u.role)
    .bind(&u.pin_hash)
    .bind(now)
    .bind(u.refund_limit)
    .bind(u.approval_limit)
    .scalar(tx.link())
    .await
    .map_err(login_taken(&u.login))
}

fn added_details(u: &NewUser, stores: &[String]) -> serde_json::Value {
    serde_json::json!({
        "change": "added",
        "login": u.login,
        "name": u.display_name,
        "role": u.role,
        "stores": stores,
        "refund_limit": u.refund_limit,
        "approval_limit": u.approval_limit,
    })
}

/// The first run: the store, its policy's first version, its first administrator, on a
/// database that has no store yet — else [`StoreError::Conflict`] and nothing written (of two
/// set-ups at once, exactly one wins).
pub(super) async fn set_up_store(
    pool: &Pool,
    store: &StoreProfile,
    identity: &StoreIdentity,
    policy: &PolicyDocument,
    effective_from: NaiveDate,
    administrator: &NewUser,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let mut tx = pool.write().await?;
    sql_dialects("SELECT 1", "LOCK TABLE stores IN EXCLUSIVE MODE").execute(tx.link()).await?;
    let stores: i64 = sql("SELECT COUNT(*) FROM stores").scalar(tx.link()).await?;
    if stores > 0 {
        return Err(StoreError::Conflict("a store is already set up in this database".into()));
    }
    sql("INSERT INTO policies (policy_id, name) VALUES ($1, $2) ON CONFLICT (policy_id) DO NOTHING")
        .bind(&store.policy_id)
        .bind(&store.policy_id)
        .execute(tx.link())
        .await?;
    sql("INSERT INTO stores (code, name, address, jurisdiction, currency, time_zone, policy_id, claim_target_days, vat_id, company_id, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
    .bind(&store.code)
    .bind(&store.name)
    .bind(&store.address)
    .bind_code(&store.jurisdiction)
    .bind_code(&store.currency)
    .bind(&store.time_zone)
    .bind(&store.policy_id)
    .bind(store.claim_target_days.get())
    .bind(&identity.vat_id)
    .bind(&identity.company_id)
    .bind(&identity.language)
    .execute(tx.link())
    .await?;
    let version_id: i64 = sql(
        "INSERT INTO policy_versions (policy_id, version, effective_from, defaults_json, rules_json, created_at)
         VALUES ($1, 1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&store.policy_id)
    .bind(effective_from)
    .bind(json_text(&policy.defaults))
    .bind(json_text(&policy.rules))
    .bind(now)
    .scalar(tx.link())
    .await?;
    let id = insert_user(&mut tx, administrator, now).await?;
    let stores = vec![store.code.clone()];
    put_user_stores(&mut tx, id, &stores).await?;
    let actor = AuditActor { user_id: Some(id), terminal_id: None, store_code: Some(store.code.clone()) };
    let mut details = added_details(administrator, &stores);
    details["set_up_store"] = serde_json::json!(store.code);
    audit::append(tx.link(), &AuditEvent::user_changed(id, actor.clone(), details)).await?;
    let details = serde_json::json!({ "policy_id": store.policy_id, "version": 1, "effective_from": effective_from });
    audit::append(tx.link(), &AuditEvent::new(AuditAction::PolicyImported, actor, "policy", version_id, details)).await?;
    tx.commit().await?;
    Ok(id)
}

/// `SELECT` of a user's account row (`$1`: now, for whether they are locked out) and the rest.
macro_rules! select_account {
    ($rest:literal) => {
        concat!(
            "SELECT u.id, u.login, u.display_name, u.role, u.store_code, u.active,
                (SELECT COUNT(*) FROM sign_in_failures f WHERE f.login = u.login AND f.locked_until > $1) AS locked,
                u.refund_limit, u.approval_limit, u.created_at ",
            $rest
        )
    };
}

async fn accounts(mut link: Link<'_>, rows: Vec<AccountRow>) -> StoreResult<Vec<UserAccount>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let stores = sql("SELECT store_code FROM user_stores WHERE user_id = $1 ORDER BY store_code")
            .bind(r.id)
            .scalars(link.again())
            .await?;
        out.push(UserAccount {
            id: r.id,
            login: r.login,
            display_name: r.display_name,
            role: r.role,
            home_store: r.store_code,
            stores,
            active: r.active,
            locked: r.locked > 0,
            refund_limit: r.refund_limit,
            approval_limit: r.approval_limit,
            created_at: r.created_at,
        });
    }
    Ok(out)
}

/// The users who work in a store, by login.
pub(super) async fn users_of_store(pool: &Pool, store_code: &str, now: DateTime<Utc>) -> StoreResult<Vec<UserAccount>> {
    let mut conn = pool.read().await?;
    let text = select_account!(
        "FROM users u
         WHERE EXISTS (SELECT 1 FROM user_stores s WHERE s.user_id = u.id AND s.store_code = $2)
         ORDER BY u.login"
    );
    let rows: Vec<AccountRow> = sql(text).bind(now).bind(store_code).fetch_all(conn.link()).await?;
    accounts(conn.link(), rows).await
}

/// One user's account (whatever their standing).
pub(super) async fn user_account(pool: &Pool, id: i64, now: DateTime<Utc>) -> StoreResult<Option<UserAccount>> {
    let mut conn = pool.read().await?;
    let rows: Vec<AccountRow> = sql(select_account!("FROM users u WHERE u.id = $2")).bind(now).bind(id).fetch_all(conn.link()).await?;
    Ok(accounts(conn.link(), rows).await?.pop())
}

/// One user's account by login (whatever their standing).
pub(super) async fn user_account_by_login(pool: &Pool, login: &str, now: DateTime<Utc>) -> StoreResult<Option<UserAccount>> {
    let mut conn = pool.read().await?;
    let rows: Vec<AccountRow> = sql(select_account!("FROM users u WHERE u.login = $2")).bind(now).bind(login).fetch_all(conn.link()).await?;
    Ok(accounts(conn.link(), rows).await?.pop())
}

/// The stores a user works in.
pub(super) async fn stores_of_user(pool: &Pool, user_id: i64) -> StoreResult<Vec<String>> {
    sql("SELECT store_code FROM user_stores WHERE user_id = $1 ORDER BY store_code")
        .bind(user_id)
        .scalars(pool.read().await?.link())
        .await
}

/// The stores that use a desk code, with the desk's id.
pub(super) async fn desks_by_code(pool: &Pool, code: &str) -> StoreResult<Vec<(String, i64)>> {
    sql("SELECT store_code, id FROM terminals WHERE code = $1 ORDER BY store_code")
        .bind(code)
        .fetch_all(pool.read().await?.link())
        .await
}

/// Adds users and the stores they work in, each with its `user_changed` entry, all in one
/// transaction: all or none.
pub(super) async fn add_accounts(pool: &Pool, accounts: &[NewAccount], by: &ChangedBy) -> StoreResult<Vec<i64>> {
    let mut tx = pool.write().await?;
    let mut ids = Vec::with_capacity(accounts.len());
    for new in accounts {
        let id = insert_user(&mut tx, &new.user, by.now).await?;
        put_user_stores(&mut tx, id, &new.stores).await?;
        let mut actor = by.actor.clone();
        if actor.store_code.is_none() {
            actor.store_code = new.user.store_code.clone().or_else(|| new.stores.first().cloned());
        }
        let event = AuditEvent::user_changed(id, actor, added_details(&new.user, &new.stores));
        audit::append(tx.link(), &event).await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Stores that `user_id` would leave without an active administrator if `after` applied
/// (checked inside the change's transaction, with the users locked).
async fn stores_left_without_administrator(tx: &mut Tx, user_id: i64, after: &AccountChange) -> StoreResult<Vec<String>> {
    let administered: Vec<String> = sql(
        "SELECT s.store_code FROM user_stores s JOIN users u ON u.id = s.user_id
         WHERE u.id = $1 AND u.role = 'administrator' AND u.active = TRUE ORDER BY s.store_code",
    )
    .bind(user_id)
    .scalars(tx.link())
    .await?;
    let mut orphaned = Vec::new();
    for store in administered {
        let keeps = after.active && after.role == Role::Administrator && after.stores.contains(&store);
        if keeps {
            continue;
        }
        let others: i64 = sql(
            "SELECT COUNT(*) FROM user_stores s JOIN users u ON u.id = s.user_id
             WHERE s.store_code = $1 AND u.id <> $2 AND u.role = 'administrator' AND u.active = TRUE",
        )
        .bind(&store)
        .bind(user_id)
        .scalar(tx.link())
        .await?;
        if others == 0 {
            orphaned.push(store);
        }
    }
    Ok(orphaned)
}

/// An administrator's edit of a user (a full replace), with its `user_changed` entry naming
/// what changed. A change of role, stores or standing ends the user's sessions (all but
/// `by.keep_session`). Refused ([`StoreError::Conflict`]) when a store the user administers
/// would be left without an active administrator.
pub(super) async fn change_account(pool: &Pool, id: i64, change: &AccountChange, by: &ChangedBy) -> StoreResult<()> {
    let mut tx = pool.write().await?;
    lock_users(tx.link()).await?;
    let before: Option<AccountRow> = sql(select_account!("FROM users u WHERE u.id = $2"))
        .bind(by.now)
        .bind(id)
        .fetch_optional(tx.link())
        .await?;
    let before = before.ok_or_else(|| StoreError::NotFound(format!("user {id}")))?;
    let stores_before: Vec<String> = sql("SELECT store_code FROM user_stores WHERE user_id = $1 ORDER BY store_code")
        .bind(id)
        .scalars(tx.link())
        .await?;
    let orphaned = stores_left_without_administrator(&mut tx, id, change).await?;
    if !orphaned.is_empty() {
        return Err(StoreError::Conflict(format!(
            "{} would be left without an active administrator: make someone else administrator there first",
            orphaned.join(", ")
        )));
    }
    let mut changes = serde_json::Map::new();
    let mut note = |key: &str, from: serde_json::Value, to: serde_json::Value| {
        if from != to {
            changes.insert(key.to_string(), serde_json::json!({ "from": from, "to": to }));
        }
    };
    use serde_json::json;
    let mut stores_after = change.stores.clone();
    stores_after.sort();
    stores_after.dedup();
    note("name", json!(before.display_name), json!(change.display_name));
    note("role", json!(before.role), json!(change.role));
    note("home_store", json!(before.store_code), json!(change.home_store));
    note("stores", json!(stores_before), json!(stores_after));
    note("active", json!(before.active), json!(change.active));
    note("refund_limit", json!(before.refund_limit), json!(change.refund_limit));
    note("approval_limit", json!(before.approval_limit), json!(change.approval_limit));
    sql("UPDATE users SET display_name = $2, role = $3, store_code = $4, active = $5, refund_limit = $6, approval_limit = $7
         WHERE id = $1")
    .bind(id)
    .bind(&change.display_name)
    .bind_code(&change.role)
    .bind(&change.home_store)
    .bind(change.active)
    .bind(change.refund_limit)
    .bind(change.approval_limit)
    .execute(tx.link())
    .await?;
    put_user_stores(&mut tx, id, &stores_after).await?;
    let ends = ["role", "stores", "active"].iter().find(|k| changes.contains_key(**k));
    if let Some(what) = ends {
        let reason = match *what {
            "role" => "role changed",
            "stores" => "stores changed",
            _ => "deactivated",
        };
        end_sessions(&mut tx, id, by.keep_session.as_deref(), by.now, reason).await?;
    }
    if !changes.is_empty() {
        let details = json!({ "change": "edited", "login": before.login, "changes": changes });
        audit::append(tx.link(), &AuditEvent::user_changed(id, by.actor.clone(), details)).await?;
    }
    tx.commit().await
}

/// A user's new PIN (`how`: "reset" by someone else, "changed" by the user), with its
/// `user_changed` entry (never the PIN or its hash); ends the user's sessions but
/// `by.keep_session`.
pub(super) async fn set_pin(pool: &Pool, id: i64, pin_hash: &str, how: &str, by: &ChangedBy) -> StoreResult<()> {
    let mut tx = pool.write().await?;
    let login: Option<String> = sql("SELECT login FROM users WHERE id = $1").bind(id).scalar_optional(tx.link()).await?;
    let login = login.ok_or_else(|| StoreError::NotFound(format!("user {id}")))?;
    sql("UPDATE users SET pin_hash = $2 WHERE id = $1").bind(id).bind(pin_hash).execute(tx.link()).await?;
    end_sessions(&mut tx, id, by.keep_session.as_deref(), by.now, "PIN changed").await?;
    let details = serde_json::json!({ "change": format!("pin_{how}"), "login": login });
    audit::append(tx.link(), &AuditEvent::user_changed(id, by.actor.clone(), details)).await?;
    tx.commit().await
}
