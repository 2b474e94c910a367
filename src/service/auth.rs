//! Who is at the desk: PIN sign-in (argon2) that holds under attack, and sessions that end.
//!
//! - Every attempt takes its slot in the database before its PIN is checked
//!   (`Database::take_sign_in_attempt`), per login and desk: a burst of PINs sent at once is
//!   checked at most [`MAX_PIN_ATTEMPTS`] times, and the count is exact under any concurrency.
//! - The last wrong PIN allowed locks the login out at that desk only, each lock-out in a row
//!   longer than the one before ([`lock_out_for`]); a manager can unlock it.
//! - A login that does not exist is counted and answered like one that does, after the same
//!   argon2 work: the answer and its time say nothing about which logins exist.
//! - A session's token is given to the desk once and kept only as its SHA-256. A session ends
//!   on sign-out (the UI's lock signs out too), after the store's idle timeout, after its
//!   lifetime, and when its user is deactivated or changes role.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::Duration;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::store::{AttemptSlot, AuditActor, AuditEvent, Database, Instant, NewSession, StoreError, UserRecord};

/// Wrong PINs in a row, at one desk, before a login is locked out there.
pub const MAX_PIN_ATTEMPTS: i64 = 5;

/// How long a lock-out lasts after `lockouts` lock-outs in a row at the same desk: 15 minutes,
/// then 30, 60, 120, 240, at most 8 hours.
pub fn lock_out_for(lockouts: i64) -> Duration {
    Duration::minutes((15_i64 << lockouts.clamp(0, 5)).min(8 * 60))
}

/// A session ends after this long without a call, unless the store sets `session_idle_minutes`.
pub const DEFAULT_IDLE_MINUTES: i64 = 30;
/// A session ends this long after sign-in, unless the store sets `session_lifetime_hours`.
pub const DEFAULT_LIFETIME_HOURS: i64 = 12;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("wrong user or PIN ({attempts_left} attempts left)")]
    WrongPin { attempts_left: i64 },
    #[error("too many wrong PINs: locked until {until}")]
    LockedOut { until: Instant },
    #[error("sign in first")]
    Unauthenticated,
    #[error("your session has ended ({reason}): sign in again")]
    SessionEnded { reason: &'static str },
    #[error("{0}")]
    Forbidden(String),
    #[error("you work in several stores: sign in at a desk of the store you are in")]
    DeskNeeded,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A signed-in clerk or manager at a desk.
#[derive(Clone, Debug, Serialize)]
pub struct Session {
    /// The token as the desk holds it (given once at sign-in; never stored).
    #[serde(skip)]
    pub token: String,
    pub user: UserRecord,
    pub store_code: String,
    pub terminal_id: Option<i64>,
    /// The desk's code (what sign-in attempts at this desk are counted under).
    pub terminal_code: Option<String>,
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system has randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// An argon2 hash of no one's PIN, with the same parameters as real ones: an unknown login's
/// PIN is checked against it, so that it costs what a real check costs.
fn no_ones_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let mut pin = [0u8; 16];
        getrandom::fill(&mut pin).expect("the system has randomness");
        argon2::Argon2::default()
            .hash_password(&pin)
            .map(|h| h.to_string())
            .expect("hashing a random PIN")
    })
}

async fn pin_matches(pin: &str, hash: &str) -> bool {
    let (pin, hash) = (pin.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || argon2::Argon2::default().verify_password(pin.as_bytes(), hash.as_str()).is_ok())
        .await
        .unwrap_or(false)
}

/// Who an audit entry about a PIN at a desk names: the user (if the login is one) at the desk,
/// in the user's store or else the desk's, so that the store's managers see it.
async fn pin_actor(db: &dyn Database, user: Option<&UserRecord>, terminal: &str) -> Result<AuditActor, AuthError> {
    let desk = if terminal.is_empty() { None } else { db.terminal_by_code(terminal).await? };
    let mut actor = user.map(AuditActor::user).unwrap_or_default();
    if let Some((store, id)) = desk {
        if actor.store_code.as_deref().is_none_or(|s| s == store) {
            actor = actor.in_store(&store).at_terminal(Some(id));
        }
    }
    Ok(actor)
}

/// Where a PIN is given, and so which stores its user must work in.
#[derive(Clone, Copy, Debug)]
pub enum Place<'a> {
    /// Anywhere (no store is asked for).
    Anywhere,
    /// At a desk of this store (a manager's approval, a PIN change): the user must work there.
    Store(&'a str),
    /// Signing in, at the desk of this code (if any): the desk's store, else the user's home
    /// store, else their only store.
    SignIn { desk: Option<&'a str> },
}

/// Where a user with the right PIN ends up.
enum Seat {
    At { store_code: Option<String>, terminal_id: Option<i64> },
    /// The user does not work there: answered like a wrong PIN.
    Refused,
    /// The user works in several stores and has no home store: they must sign in at a desk.
    DeskNeeded,
}

async fn seat(db: &dyn Database, user: &UserRecord, place: Place<'_>) -> Result<Seat, StoreError> {
    let stores = match place {
        Place::Anywhere => return Ok(Seat::At { store_code: None, terminal_id: None }),
        _ => db.stores_of_user(user.id).await?,
    };
    let at = |store: &str, terminal_id| Seat::At { store_code: Some(store.to_string()), terminal_id };
    match place {
        Place::Anywhere => unreachable!(),
        Place::Store(store) => Ok(if stores.iter().any(|s| s == store) { at(store, None) } else { Seat::Refused }),
        Place::SignIn { desk } => {
            let desks = match desk {
                Some(code) => db.desks_by_code(code).await?,
                None => Vec::new(),
            };
            if !desks.is_empty() {
                return Ok(match desks.iter().find(|(store, _)| stores.contains(store)) {
                    Some((store, id)) => at(store, Some(*id)),
                    None => Seat::Refused,
                });
            }
            if let Some(home) = user.store_code.as_deref().filter(|h| stores.iter().any(|s| s == h)) {
                return Ok(at(home, None));
            }
            Ok(match stores.as_slice() {
                [] => Seat::Refused,
                [only] => at(only, None),
                _ => Seat::DeskNeeded,
            })
        }
    }
}

/// Checks a login's PIN at a desk (`terminal` is the desk's code, "" when unknown). A wrong
/// PIN and a lock-out go into the audit trail.
pub async fn check_pin(db: &dyn Database, login: &str, pin: &str, terminal: &str, now: Instant) -> Result<UserRecord, AuthError> {
    Ok(check_pin_in(db, login, pin, terminal, Place::Anywhere, now).await?.0)
}

/// [`check_pin`] for a place: a user who does not work there is answered (and counted) like
/// a wrong PIN, after the PIN was checked, so that the answer says nothing about who works
/// where. Answers the user and the store (and desk) they are at.
pub async fn check_pin_in(
    db: &dyn Database,
    login: &str,
    pin: &str,
    terminal: &str,
    place: Place<'_>,
    now: Instant,
) -> Result<(UserRecord, Option<String>, Option<i64>), AuthError> {
    let login = login.trim();
    let (attempt, lockouts) = match db.take_sign_in_attempt(login, terminal, now, MAX_PIN_ATTEMPTS, &lock_out_for).await? {
        AttemptSlot::Locked { until } => return Err(AuthError::LockedOut { until }),
        AttemptSlot::Check { attempt, lockouts } => (attempt, lockouts),
    };
    let user = db.user_by_login(login).await?;
    let hash = user.as_ref().map_or(no_ones_hash(), |u| u.pin_hash.as_str());
    let right = pin_matches(pin, hash).await;
    if right {
        if let Some(user) = user.as_ref() {
            match seat(db, user, place).await? {
                Seat::At { store_code, terminal_id } => {
                    db.clear_sign_in_failures(login, terminal, attempt).await?;
                    return Ok((user.clone(), store_code, terminal_id));
                }
                Seat::DeskNeeded => {
                    db.clear_sign_in_failures(login, terminal, attempt).await?;
                    return Err(AuthError::DeskNeeded);
                }
                Seat::Refused => {}
            }
        }
    }
    let actor = pin_actor(db, user.as_ref(), terminal).await?;
    if attempt >= MAX_PIN_ATTEMPTS {
        let until = now + lock_out_for(lockouts);
        db.lock_out(login, terminal, until).await?;
        let event = match &user {
            Some(u) => AuditEvent::locked_out(u, until, actor),
            None => AuditEvent::sign_in_failed(login, None, 0, actor),
        };
        db.append_audit(&event).await?;
        return Err(AuthError::LockedOut { until });
    }
    let attempts_left = MAX_PIN_ATTEMPTS - attempt;
    db.append_audit(&AuditEvent::sign_in_failed(login, user.as_ref(), attempts_left, actor)).await?;
    Err(AuthError::WrongPin { attempts_left })
}

/// Signs a user in to a store they work in: at a desk, the desk's store; without one, their
/// home store, or their only store. A new session, whose token is answered once.
pub async fn sign_in(db: &dyn Database, login: &str, pin: &str, terminal: Option<&str>, now: Instant) -> Result<Session, AuthError> {
    let desk = terminal.map(str::trim).filter(|t| !t.is_empty());
    let (user, store_code, terminal_id) = check_pin_in(db, login, pin, desk.unwrap_or(""), Place::SignIn { desk }, now).await?;
    let store_code = store_code.ok_or(AuthError::DeskNeeded)?;
    let terminal_code = terminal_id.and(desk.map(str::to_string));
    db.append_audit(&AuditEvent::sign_in(&user, AuditActor::user(&user).in_store(&store_code).at_terminal(terminal_id)))
        .await?;
    let token = new_token();
    db.start_session(&NewSession {
        token_hash: token_hash(&token),
        user_id: user.id,
        store_code: store_code.clone(),
        terminal_id,
        role: user.role,
        started_at: now,
    })
    .await?;
    Ok(Session { token, user, store_code, terminal_id, terminal_code })
}

/// A store's setting in whole positive numbers, or its default.
pub(crate) fn setting_or(value: Option<&str>, default: i64) -> i64 {
    value.and_then(|v| v.trim().parse::<i64>().ok()).filter(|n| *n > 0).unwrap_or(default)
}

/// The session a token stands for, if it still holds; one that no longer does is ended.
pub async fn session(db: &dyn Database, token: &str, now: Instant) -> Result<Session, AuthError> {
    let hash = token_hash(token);
    let record = db.session(&hash).await?.ok_or(AuthError::Unauthenticated)?;
    let idle = Duration::minutes(setting_or(record.idle_minutes.as_deref(), DEFAULT_IDLE_MINUTES));
    let lifetime = Duration::hours(setting_or(record.lifetime_hours.as_deref(), DEFAULT_LIFETIME_HOURS));
    let ended = if !record.user_active {
        Some("the user was deactivated")
    } else if record.user.role != record.role {
        Some("the user's role changed")
    } else if now - record.last_seen_at > idle {
        Some("idle for too long")
    } else if now - record.started_at > lifetime {
        Some("signed in for too long")
    } else {
        None
    };
    if let Some(reason) = ended {
        db.end_session(&hash, now, reason).await?;
        return Err(AuthError::SessionEnded { reason });
    }
    // Seen again: written at most every half minute, not on every call.
    if now - record.last_seen_at > Duration::seconds(30) {
        db.touch_session(&hash, now).await?;
    }
    Ok(Session {
        token: token.to_string(),
        user: record.user,
        store_code: record.store_code,
        terminal_id: record.terminal_id,
        terminal_code: record.terminal_code,
    })
}

/// Ends the session a token stands for (sign-out, or the desk locked).
pub async fn sign_out(db: &dyn Database, token: &str, now: Instant) -> Result<(), AuthError> {
    db.end_session(&token_hash(token), now, "signed out").await?;
    Ok(())
}

/// A manager's PIN, given at a clerk's desk to approve an exception: counted at that desk
/// like any sign-in.
pub async fn check_manager(
    db: &dyn Database,
    login: &str,
    pin: &str,
    terminal: &str,
    store: &str,
    now: Instant,
) -> Result<UserRecord, AuthError> {
    let (user, _, _) = check_pin_in(db, login, pin, terminal, Place::Store(store), now).await?;
    if !user.role.approves() {
        return Err(AuthError::Forbidden(format!("{} is not a manager", user.display_name)));
    }
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_outs_grow_and_stop_growing() {
        let minutes: Vec<i64> = (0..8).map(|n| lock_out_for(n).num_minutes()).collect();
        assert_eq!(minutes, [15, 30, 60, 120, 240, 480, 480, 480]);
    }

    #[test]
    fn a_token_is_kept_as_its_sha256() {
        let token = new_token();
        assert_eq!(token.len(), 64);
        assert_eq!(token_hash(&token).len(), 64);
        assert_ne!(token_hash(&token), token);
        assert_eq!(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
