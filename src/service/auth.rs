//! Who is at the desk: PIN sign-in (argon2), lock-out after repeated wrong PINs, sessions.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use argon2::password_hash::PasswordVerifier;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::store::{Database, Role, StoreError, UserRecord};

/// Wrong PINs in a row before a user is locked out.
pub const MAX_PIN_ATTEMPTS: i64 = 5;
/// How long a lock-out lasts.
pub const LOCK_OUT_MINUTES: i64 = 15;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("wrong user or PIN ({attempts_left} attempts left)")]
    WrongPin { attempts_left: i64 },
    #[error("too many wrong PINs: locked until {until}")]
    LockedOut { until: DateTime<Utc> },
    #[error("sign in first")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A signed-in clerk or manager at a desk.
#[derive(Clone, Debug, Serialize)]
pub struct Session {
    #[serde(skip)]
    pub token: String,
    pub user: UserRecord,
    pub store_code: String,
    pub terminal_id: Option<i64>,
}

/// The desk's open sessions, in memory: a desk restarts signed out.
#[derive(Clone, Default)]
pub struct Sessions {
    open: Arc<Mutex<HashMap<String, Session>>>,
}

impl Sessions {
    pub fn get(&self, token: &str) -> Result<Session, AuthError> {
        self.open
            .lock()
            .expect("sessions lock")
            .get(token)
            .cloned()
            .ok_or(AuthError::Unauthenticated)
    }

    pub fn end(&self, token: &str) {
        self.open.lock().expect("sessions lock").remove(token);
    }

    fn start(&self, session: Session) {
        self.open
            .lock()
            .expect("sessions lock")
            .insert(session.token.clone(), session);
    }
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system has randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks a user's PIN, counting wrong ones and locking the user out after
/// [`MAX_PIN_ATTEMPTS`]. An unknown login answers like a wrong PIN.
pub async fn check_pin(db: &dyn Database, login: &str, pin: &str) -> Result<UserRecord, AuthError> {
    let now = Utc::now();
    let Some(user) = db.user_by_login(login.trim()).await? else {
        return Err(AuthError::WrongPin {
            attempts_left: MAX_PIN_ATTEMPTS,
        });
    };
    if let Some(until) = user.locked_until.filter(|u| *u > now) {
        return Err(AuthError::LockedOut { until });
    }
    let right = argon2::Argon2::default()
        .verify_password(pin.as_bytes(), user.pin_hash.as_str())
        .is_ok();
    if right {
        if user.failed_attempts > 0 || user.locked_until.is_some() {
            db.set_sign_in_state(user.id, 0, None).await?;
        }
        return Ok(user);
    }
    let failed = user.failed_attempts + 1;
    if failed >= MAX_PIN_ATTEMPTS {
        let until = now + Duration::minutes(LOCK_OUT_MINUTES);
        db.set_sign_in_state(user.id, 0, Some(until)).await?;
        return Err(AuthError::LockedOut { until });
    }
    db.set_sign_in_state(user.id, failed, None).await?;
    Err(AuthError::WrongPin {
        attempts_left: MAX_PIN_ATTEMPTS - failed,
    })
}

/// Signs a user in at a desk of a store.
pub async fn sign_in(
    db: &dyn Database,
    sessions: &Sessions,
    login: &str,
    pin: &str,
    terminal: Option<&str>,
) -> Result<Session, AuthError> {
    let user = check_pin(db, login, pin).await?;
    let store_code = match &user.store_code {
        Some(code) => code.clone(),
        None => db
            .stores()
            .await?
            .first()
            .map(|s| s.code.clone())
            .ok_or_else(|| AuthError::Forbidden("no store is set up".into()))?,
    };
    let terminal_id = match terminal {
        Some(code) => db.terminal_id(&store_code, code).await?,
        None => None,
    };
    let session = Session {
        token: new_token(),
        user,
        store_code,
        terminal_id,
    };
    sessions.start(session.clone());
    Ok(session)
}

/// A manager's PIN, given at a clerk's desk to approve an exception.
pub async fn check_manager(db: &dyn Database, login: &str, pin: &str) -> Result<UserRecord, AuthError> {
    let user = check_pin(db, login, pin).await?;
    if user.role != Role::Manager {
        return Err(AuthError::Forbidden(format!("{} is not a manager", user.display_name)));
    }
    Ok(user)
}
