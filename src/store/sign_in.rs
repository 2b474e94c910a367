//! Who may sign in, and who is signed in: wrong PINs counted per login and desk, atomically
//! (an attempt takes its slot before the PIN is checked, so a burst of PINs sent at once is
//! checked at most as many times as a user may try), lock-outs that grow, and sessions whose
//! tokens are kept only as a SHA-256. Written once for both backends (see `sql.rs`).

use chrono::{DateTime, Utc};

use super::sql::{sql, sql_dialects, Pool};
use super::*;

/// What a sign-in attempt may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptSlot {
    /// Check the PIN: this is the `attempt`th attempt in a row at this desk, after `lockouts`
    /// lock-outs in a row (the next lasts longer).
    Check { attempt: i64, lockouts: i64 },
    /// Do not check the PIN: the login is locked out at this desk (or every attempt it has
    /// left is being checked right now).
    Locked { until: DateTime<Utc> },
}

#[derive(sqlx::FromRow)]
struct FailureRow {
    failures: i64,
    lockouts: i64,
    locked_until: Option<DateTime<Utc>>,
}

/// Takes an attempt's slot, in one write transaction: at most `max` attempts in a row are
/// ever checked for a login at a desk. `lock_for(lockouts)` is how long the next lock-out
/// lasts (reported when the slots are all taken).
pub(super) async fn take_attempt(
    pool: &Pool,
    login: &str,
    terminal: &str,
    now: DateTime<Utc>,
    max: i64,
    lock_for: &(dyn Fn(i64) -> chrono::Duration + Send + Sync),
) -> StoreResult<AttemptSlot> {
    let mut tx = pool.write().await?;
    sql("INSERT INTO sign_in_failures (login, terminal) VALUES ($1, $2) ON CONFLICT (login, terminal) DO NOTHING")
        .bind(login)
        .bind(terminal)
        .execute(tx.link())
        .await?;
    let row: FailureRow = sql_dialects(
        "SELECT failures, lockouts, locked_until FROM sign_in_failures WHERE login = $1 AND terminal = $2",
        "SELECT failures, lockouts, locked_until FROM sign_in_failures WHERE login = $1 AND terminal = $2 FOR UPDATE",
    )
    .bind(login)
    .bind(terminal)
    .fetch_one(tx.link())
    .await?;
    if let Some(until) = row.locked_until.filter(|u| *u > now) {
        tx.commit().await?;
        return Ok(AttemptSlot::Locked { until });
    }
    // A lock-out that ran out starts the count again.
    let failures = if row.locked_until.is_some() { 0 } else { row.failures };
    if failures >= max {
        tx.commit().await?;
        return Ok(AttemptSlot::Locked { until: now + lock_for(row.lockouts) });
    }
    // The last attempt allowed locks the login out provisionally as it takes its slot: every
    // attempt after it is refused without a check, and the lock runs out by itself even if the
    // check never finishes. A right PIN lifts it (`clear_failures`).
    let attempt = failures + 1;
    let provisional = (attempt >= max).then(|| now + lock_for(row.lockouts));
    sql("UPDATE sign_in_failures SET failures = $3, locked_until = $4 WHERE login = $1 AND terminal = $2")
        .bind(login)
        .bind(terminal)
        .bind(attempt)
        .bind(provisional)
        .execute(tx.link())
        .await?;
    tx.commit().await?;
    Ok(AttemptSlot::Check { attempt, lockouts: row.lockouts })
}

/// The PIN of the `attempt`th attempt was right: the desk's count for the login starts again —
/// unless attempts taken after it are still being checked (a burst), which keep counting, so a
/// right PIN in a burst opens no new attempts to the others.
pub(super) async fn clear_failures(pool: &Pool, login: &str, terminal: &str, attempt: i64) -> StoreResult<()> {
    sql("UPDATE sign_in_failures SET failures = 0, lockouts = 0, locked_until = NULL
         WHERE login = $1 AND terminal = $2 AND failures = $3")
        .bind(login)
        .bind(terminal)
        .bind(attempt)
        .execute(pool.read().await?.link())
        .await?;
    Ok(())
}

/// The PIN was wrong on the last attempt allowed: the login is locked out at the desk until
/// `until`, and the next lock-out will last longer.
pub(super) async fn lock_out(pool: &Pool, login: &str, terminal: &str, until: DateTime<Utc>) -> StoreResult<()> {
    sql("UPDATE sign_in_failures SET locked_until = $3, lockouts = lockouts + 1 WHERE login = $1 AND terminal = $2")
        .bind(login)
        .bind(terminal)
        .bind(until)
        .execute(pool.read().await?.link())
        .await?;
    Ok(())
}

/// A manager's unlock: the login may try again at every desk. Answers how many desks had it
/// locked out.
pub(super) async fn unlock(pool: &Pool, login: &str, now: DateTime<Utc>) -> StoreResult<u64> {
    let mut tx = pool.write().await?;
    let locked: i64 = sql("SELECT COUNT(*) FROM sign_in_failures WHERE login = $1 AND locked_until > $2")
        .bind(login)
        .bind(now)
        .scalar(tx.link())
        .await?;
    sql("UPDATE sign_in_failures SET failures = 0, lockouts = 0, locked_until = NULL WHERE login = $1")
        .bind(login)
        .execute(tx.link())
        .await?;
    tx.commit().await?;
    Ok(locked as u64)
}

/// Where a login stands at each desk: for tests, and for a manager to see who is locked out.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct SignInFailures {
    pub terminal: String,
    pub failures: i64,
    pub lockouts: i64,
    pub locked_until: Option<DateTime<Utc>>,
}

pub(super) async fn failures_of(pool: &Pool, login: &str) -> StoreResult<Vec<SignInFailures>> {
    sql("SELECT terminal, failures, lockouts, locked_until FROM sign_in_failures WHERE login = $1 ORDER BY terminal")
        .bind(login)
        .fetch_all(pool.read().await?.link())
        .await
}

/// A session as stored: the token is never kept, only its SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: String,
    pub user_id: i64,
    pub store_code: String,
    pub terminal_id: Option<i64>,
    pub role: Role,
    pub started_at: DateTime<Utc>,
}

/// A live session, with what decides whether it still holds, and its user as they are now:
/// one statement per request.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRecord {
    pub user_id: i64,
    #[sqlx(rename = "session_store_code")]
    pub store_code: String,
    pub terminal_id: Option<i64>,
    pub terminal_code: Option<String>,
    /// The role the user had when signing in.
    #[sqlx(rename = "session_role")]
    pub role: Role,
    pub started_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The user's standing now (their role now is `user.role`).
    pub user_active: bool,
    /// The store's `session_idle_minutes` and `session_lifetime_hours` settings, read with the
    /// session (every call checks them).
    pub idle_minutes: Option<String>,
    pub lifetime_hours: Option<String>,
    /// The session's user, read with it.
    #[sqlx(flatten)]
    pub user: UserRecord,
}

pub(super) async fn start_session(pool: &Pool, s: &NewSession) -> StoreResult<()> {
    sql("INSERT INTO sessions (token_hash, user_id, store_code, terminal_id, role, started_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)")
    .bind(&s.token_hash)
    .bind(s.user_id)
    .bind(&s.store_code)
    .bind(s.terminal_id)
    .bind_code(&s.role)
    .bind(s.started_at)
    .execute(pool.read().await?.link())
    .await?;
    Ok(())
}

pub(super) async fn session(pool: &Pool, token_hash: &str) -> StoreResult<Option<SessionRecord>> {
    sql("SELECT s.user_id, s.store_code AS session_store_code, s.terminal_id, t.code AS terminal_code, s.role AS session_role,
                s.started_at, s.last_seen_at, u.active AS user_active,
                u.id, u.store_code, u.login, u.display_name, u.role, u.pin_hash, u.refund_limit, u.approval_limit,
                (SELECT value FROM desk_settings WHERE store_code = s.store_code AND key = 'session_idle_minutes') AS idle_minutes,
                (SELECT value FROM desk_settings WHERE store_code = s.store_code AND key = 'session_lifetime_hours') AS lifetime_hours
         FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN terminals t ON t.id = s.terminal_id
         WHERE s.token_hash = $1 AND s.ended_at IS NULL")
    .bind(token_hash)
    .fetch_optional(pool.read().await?.link())
    .await
}

pub(super) async fn touch_session(pool: &Pool, token_hash: &str, now: DateTime<Utc>) -> StoreResult<()> {
    sql("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND ended_at IS NULL")
        .bind(token_hash)
        .bind(now)
        .execute(pool.read().await?.link())
        .await?;
    Ok(())
}

pub(super) async fn end_session(pool: &Pool, token_hash: &str, now: DateTime<Utc>, reason: &str) -> StoreResult<bool> {
    Ok(sql("UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE token_hash = $1 AND ended_at IS NULL")
        .bind(token_hash)
        .bind(now)
        .bind(reason)
        .execute(pool.read().await?.link())
        .await?
        > 0)
}

pub(super) async fn user_by_id(pool: &Pool, id: i64) -> StoreResult<Option<UserRecord>> {
    sql("SELECT id, store_code, login, display_name, role, pin_hash, refund_limit, approval_limit FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(pool.read().await?.link())
        .await
}

/// Deactivates a user or changes their role (the users screen comes with its own issue; the
/// sessions rule is here): either ends the user's sessions.
pub(super) async fn set_user_standing(pool: &Pool, user_id: i64, role: Role, active: bool, now: DateTime<Utc>) -> StoreResult<()> {
    let mut tx = pool.write().await?;
    sql("UPDATE users SET role = $2, active = $3 WHERE id = $1")
        .bind(user_id)
        .bind_code(&role)
        .bind(active)
        .execute(tx.link())
        .await?;
    sql("UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE user_id = $1 AND ended_at IS NULL")
        .bind(user_id)
        .bind(now)
        .bind(if active { "role changed" } else { "deactivated" })
        .execute(tx.link())
        .await?;
    tx.commit().await
}
