//! People at the desk: the first run (a store, its starting policy and its first
//! administrator), and the administrators' users — added, edited, deactivated, their PINs
//! reset — and each user's own PIN change. Every rule is checked here, whatever the door: the
//! caller's role, the fields (named when wrong, nothing written), the PIN rules, that an
//! administrator neither demotes nor deactivates themselves and that a store keeps an active
//! administrator.

use chrono::NaiveDate;

use super::auth::{self, AuthError, Place, Session};
use super::{audit, Desk, DeskError};
use crate::contract::PolicyDocument;
use crate::domain::{Currency, Jurisdiction, Money};
use crate::store::{
    AccountChange, AuditActor, ChangedBy, NewAccount, NewUser, Role, StoreError, StoreIdentity, StoreProfile, UserAccount,
};

fn bad(field: &'static str, message: impl Into<String>) -> DeskError {
    DeskError::BadInput { field, message: message.into() }
}

/// A PIN the desk accepts: 4 to 8 digits, and not too easy to guess — one digit repeated
/// (1111) or a run up or down (1234, 9876, 0123).
pub fn check_pin_rules(field: &'static str, pin: &str) -> Result<(), DeskError> {
    let digits: Vec<u8> = pin.bytes().collect();
    if !(4..=8).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
        return Err(bad(field, "a PIN is 4 to 8 digits"));
    }
    if digits.windows(2).all(|w| w[0] == w[1]) {
        return Err(bad(field, "too easy to guess: one digit repeated"));
    }
    if digits.windows(2).all(|w| w[1] == w[0] + 1) || digits.windows(2).all(|w| w[0] == w[1] + 1) {
        return Err(bad(field, "too easy to guess: digits in a run"));
    }
    Ok(())
}

/// A login: 2 to 32 letters, digits, dots, dashes or underscores.
pub fn check_login(field: &'static str, login: &str) -> Result<String, DeskError> {
    let login = login.trim();
    if !(2..=32).contains(&login.len()) || !login.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err(bad(field, "a login is 2 to 32 letters, digits, dots, dashes or underscores, e.g. ivan.petrov"));
    }
    Ok(login.to_string())
}

fn check_name(field: &'static str, name: &str) -> Result<String, DeskError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(bad(field, "a name of 1 to 100 characters"));
    }
    Ok(name.to_string())
}

/// A store's code: 1 to 16 letters, digits or dashes, e.g. `S01`.
pub fn check_store_code(field: &'static str, code: &str) -> Result<String, DeskError> {
    let code = code.trim();
    if !(1..=16).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(bad(field, "a store code is 1 to 16 letters, digits or dashes, e.g. S01"));
    }
    Ok(code.to_string())
}

/// An IANA time zone name as the desk accepts it: `UTC`, or `Area/Location` with a known area
/// (`Europe/Sofia`, `America/Argentina/Buenos_Aires`).
pub fn check_time_zone(field: &'static str, zone: &str) -> Result<String, DeskError> {
    const AREAS: [&str; 10] =
        ["Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"];
    let zone = zone.trim();
    let parts: Vec<&str> = zone.split('/').collect();
    let well_formed = parts.len() >= 2
        && AREAS.contains(&parts[0])
        && parts[1..].iter().all(|p| {
            p.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
        });
    // Issue 15: and one the tz database knows, since the store's clock runs on it.
    if (zone == "UTC" || well_formed) && super::clock::zone(zone).is_some() {
        Ok(zone.to_string())
    } else {
        Err(bad(field, format!("\"{zone}\" is not a time zone like Europe/Sofia")))
    }
}

/// The currencies a store of a jurisdiction pays refunds in.
pub fn currencies_of(jurisdiction: Jurisdiction) -> &'static [Currency] {
    match jurisdiction {
        Jurisdiction::BG => &[Currency::EUR, Currency::BGN],
        Jurisdiction::RU => &[Currency::RUB],
        _ => &[Currency::EUR],
    }
}

/// The languages the desk speaks.
pub const LANGUAGES: [&str; 4] = ["en", "bg", "ru", "el"];

/// A policy a new store may start with, bundled in the program.
#[derive(Clone, Debug)]
pub struct StartingPolicy {
    /// e.g. `bg-standard`.
    pub id: String,
    pub jurisdiction: Jurisdiction,
    pub name: &'static str,
    pub summary: &'static str,
    pub document: PolicyDocument,
}

/// The starting policies of every jurisdiction: "law minimum" — what the law requires and
/// nothing more (no change-of-mind returns in the shop, no commercial warranty) — and
/// "standard" — 30 days to change one's mind, 14 for electronics (with a restocking fee on
/// opened electronics and 12 months' commercial warranty), hygiene items not returnable, a
/// manager's approval over a limit and at most 5 returns in 90 days.
pub fn starting_policies() -> Vec<StartingPolicy> {
    let mut out = Vec::new();
    for jurisdiction in [Jurisdiction::EU, Jurisdiction::BG, Jurisdiction::GR, Jurisdiction::RU] {
        let code = jurisdiction.code().to_ascii_lowercase();
        let approval_over = if jurisdiction == Jurisdiction::RU { "50000.00" } else { "500.00" };
        // Not returnable by the store's rule (a manager may still take one back as goodwill); the
        // statutory paths — defects, the distance withdrawal, Russia's exchange — are the law's
        // and no store rule narrows them.
        let law = serde_json::json!({ "defaults": { "returnable": false, "warranty_months": 0 }, "rules": [] });
        let standard = serde_json::json!({
            "defaults": { "return_days": 30, "warranty_months": 0, "manager_approval_over": approval_over, "max_returns_90d": 5 },
            "rules": [
                { "match": { "category": "electronics" }, "return_days": 14, "restocking_fee_pct": "10", "warranty_months": 12 },
                { "match": { "category": "personal_care" }, "returnable": false, "non_returnable_reason": "hygiene", "overridable": false }
            ]
        });
        out.push(StartingPolicy {
            id: format!("{code}-law-minimum"),
            jurisdiction,
            name: "Law minimum",
            summary: "Only what the law requires: no change-of-mind returns in the shop, the statutory guarantee and withdrawal only.",
            document: serde_json::from_value(law).expect("the bundled law-minimum policy reads"),
        });
        out.push(StartingPolicy {
            id: format!("{code}-standard"),
            jurisdiction,
            name: "Standard",
            summary: "30 days to change one's mind, 14 days for electronics (10% restocking fee, 12 months' warranty), hygiene items not returnable, a manager approves large refunds.",
            document: serde_json::from_value(standard).expect("the bundled standard policy reads"),
        });
    }
    out
}

/// The day a starting policy is in force from: early enough for every sale a store imports,
/// also those from before its set-up (a new version with a later date changes the rules from then on).
pub const STARTING_POLICY_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// What the first run is given.
#[derive(Clone, Debug, Default)]
pub struct FirstRun {
    pub code: String,
    pub name: String,
    pub address: String,
    pub vat_id: String,
    pub company_id: String,
    /// EU, BG, GR or RU.
    pub jurisdiction: String,
    pub currency: String,
    pub time_zone: String,
    pub language: String,
    pub admin_login: String,
    pub admin_name: String,
    pub admin_pin: String,
    /// A starting policy's id (see [`starting_policies`]).
    pub starting_policy: String,
    /// The desk the administrator sets up at (registered in the new store).
    pub terminal: Option<String>,
}

/// A user to add.
#[derive(Clone, Debug)]
pub struct UserToAdd {
    pub login: String,
    pub name: String,
    pub role: Role,
    /// The stores they work in (none given: the adding session's store).
    pub stores: Option<Vec<String>>,
    pub pin: String,
    pub refund_limit: Option<Money>,
    pub approval_limit: Option<Money>,
}

/// A user's account after an edit (a full replace).
#[derive(Clone, Debug)]
pub struct UserEdit {
    pub name: String,
    pub role: Role,
    pub stores: Vec<String>,
    pub active: bool,
    pub refund_limit: Option<Money>,
    pub approval_limit: Option<Money>,
}

/// Who manages people: an administrator at a desk, or whoever runs the command line on the
/// database (recorded as no user, in the store concerned).
#[derive(Clone, Copy, Debug)]
pub enum Steward<'a> {
    Desk(&'a Session),
    CommandLine,
}

impl Steward<'_> {
    fn changed_by(&self, store: Option<&str>, now: crate::store::Instant) -> ChangedBy {
        match self {
            Steward::Desk(session) => ChangedBy { actor: audit::actor(session), keep_session: None, now },
            Steward::CommandLine => ChangedBy {
                actor: AuditActor { user_id: None, terminal_id: None, store_code: store.map(str::to_string) },
                keep_session: None,
                now,
            },
        }
    }
    /// Only an administrator at a desk.
    fn require_administrator(&self) -> Result<(), DeskError> {
        match self {
            Steward::Desk(session) if session.user.role != Role::Administrator => {
                Err(DeskError::Auth(AuthError::Forbidden("only an administrator may manage users".into())))
            }
            _ => Ok(()),
        }
    }
}

fn hash_pin(pin: &str) -> Result<String, DeskError> {
    crate::demo::hash_pin(pin).map_err(|e| DeskError::Internal(e.to_string()))
}

fn conflict(e: StoreError) -> DeskError {
    match e {
        StoreError::Conflict(m) => DeskError::Conflict(m),
        StoreError::NotFound(m) => DeskError::NotFound(format!("no {m}")),
        other => other.into(),
    }
}

impl Desk {
    /// Whether the database has no store yet (the first run's setup is needed).
    pub async fn needs_setup(&self) -> Result<bool, DeskError> {
        Ok(self.db.stores().await?.is_empty())
    }

    /// The time zone the desk keeps before anyone signs in (what a lock-out's end is shown in on
    /// the sign-in screen): the desk's own (`RETURNDESK_TZ`), else its first store's by code.
    pub async fn desk_time_zone(&self) -> Result<Option<String>, DeskError> {
        if self.clock.has_zone() {
            return Ok(Some(self.clock.zone().name().to_string()));
        }
        let mut stores = self.db.stores().await?;
        stores.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(stores.into_iter().next().map(|s| s.time_zone))
    }

    /// The first run, checked field by field: creates the store, its starting policy (in force
    /// from [`STARTING_POLICY_FROM`], so that sales imported from before the set-up are judged
    /// too) and its first administrator, on a database with no store — else a conflict,
    /// and nothing written. Answers the administrator's id.
    pub async fn set_up_store(&self, run: &FirstRun) -> Result<i64, DeskError> {
        let code = check_store_code("store.code", &run.code)?;
        let name = check_name("store.name", &run.name)?;
        let jurisdiction: Jurisdiction = serde_json::from_value(serde_json::json!(run.jurisdiction.trim()))
            .map_err(|_| bad("store.jurisdiction", "EU, BG, GR or RU"))?;
        let currency: Currency = serde_json::from_value(serde_json::json!(run.currency.trim()))
            .ok()
            .filter(|c| currencies_of(jurisdiction).contains(c))
            .ok_or_else(|| {
                let allowed: Vec<&str> = currencies_of(jurisdiction).iter().map(|c| c.code()).collect();
                bad("store.currency", format!("a {} store pays in {}", jurisdiction.code(), allowed.join(" or ")))
            })?;
        let time_zone = check_time_zone("store.time_zone", &run.time_zone)?;
        // Issue 16: the VAT id as Settings checks it, for the store's country.
        let vat_id: String = run.vat_id.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        if let Some(problem) = super::store_details::vat_id_problem(jurisdiction, &vat_id) {
            return Err(bad("store.vat_id", problem));
        }
        let language = run.language.trim();
        if !LANGUAGES.contains(&language) {
            return Err(bad("store.language", "en, bg, ru or el"));
        }
        let login = check_login("administrator.login", &run.admin_login)?;
        let admin_name = check_name("administrator.name", &run.admin_name)?;
        check_pin_rules("administrator.pin", &run.admin_pin)?;
        let policy = starting_policies()
            .into_iter()
            .find(|p| p.id == run.starting_policy.trim())
            .ok_or_else(|| bad("starting_policy", "choose one of the starting policies"))?;
        if policy.jurisdiction != jurisdiction {
            return Err(bad("starting_policy", format!("a policy for {} stores", jurisdiction.code())));
        }
        let terminal = match run.terminal.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Some(check_store_code("terminal", t)?),
            None => None,
        };
        let store = StoreProfile {
            code: code.clone(),
            name,
            address: run.address.trim().to_string(),
            jurisdiction,
            currency,
            time_zone,
            holidays: Vec::new(),
            working_days: Vec::new(),
            claim_target_days: Default::default(),
            policy_id: code.clone(),
        };
        let identity = StoreIdentity {
            vat_id,
            company_id: run.company_id.trim().to_string(),
            language: language.to_string(),
        };
        let administrator = NewUser {
            store_code: Some(code.clone()),
            login,
            display_name: admin_name,
            role: Role::Administrator,
            pin_hash: hash_pin(&run.admin_pin)?,
            refund_limit: None,
            approval_limit: None,
        };
        let id = self
            .db
            .set_up_store(&store, &identity, &policy.document, STARTING_POLICY_FROM, &administrator, self.clock.instant())
            .await
            .map_err(conflict)?;
        if let Some(t) = terminal {
            self.db.put_terminal(&code, &t).await?;
        }
        Ok(id)
    }

    /// The users who work in the session's store (administrators).
    pub async fn users(&self, session: &Session) -> Result<Vec<UserAccount>, DeskError> {
        Steward::Desk(session).require_administrator()?;
        Ok(self.db.users_of_store(&session.store_code, self.clock.instant()).await?)
    }

    /// Every user, or those of one store (the command line).
    pub async fn all_users(&self, store: Option<&str>) -> Result<Vec<UserAccount>, DeskError> {
        let stores = match store {
            Some(code) => {
                let code = check_store_code("stores", code)?;
                if self.db.store(&code).await?.is_none() {
                    return Err(bad("stores", format!("there is no store {code}")));
                }
                vec![code]
            }
            None => self.db.stores().await?.into_iter().map(|s| s.code).collect(),
        };
        let mut all: Vec<UserAccount> = Vec::new();
        for code in stores {
            for u in self.db.users_of_store(&code, self.clock.instant()).await? {
                if !all.iter().any(|a| a.id == u.id) {
                    all.push(u);
                }
            }
        }
        all.sort_by(|a, b| a.login.cmp(&b.login));
        Ok(all)
    }

    /// One user of the session's store (another store's user is not found).
    async fn user_of_store(&self, steward: Steward<'_>, id: i64) -> Result<UserAccount, DeskError> {
        let account = self.db.user_account(id, self.clock.instant()).await?;
        match (steward, account) {
            (Steward::Desk(session), Some(a)) if a.stores.contains(&session.store_code) => Ok(a),
            (Steward::CommandLine, Some(a)) => Ok(a),
            _ => Err(DeskError::NotFound(format!("no user {id}"))),
        }
    }

    /// A user by login, for the command line.
    pub async fn user_by_login(&self, login: &str) -> Result<UserAccount, DeskError> {
        self.db
            .user_account_by_login(login.trim(), self.clock.instant())
            .await?
            .ok_or_else(|| DeskError::NotFound(format!("no user {}", login.trim())))
    }

    /// The stores a user may be given: existing ones, and at a desk only those the
    /// administrator works in themselves.
    async fn check_stores(&self, steward: Steward<'_>, stores: &[String]) -> Result<Vec<String>, DeskError> {
        if stores.is_empty() {
            return Err(bad("stores", "a user works in at least one store"));
        }
        let mine = match steward {
            Steward::Desk(session) => Some(self.db.stores_of_user(session.user.id).await?),
            Steward::CommandLine => None,
        };
        let mut out: Vec<String> = Vec::new();
        for code in stores {
            let code = code.trim().to_string();
            if self.db.store(&code).await?.is_none() {
                return Err(bad("stores", format!("there is no store {code}")));
            }
            if mine.as_ref().is_some_and(|m| !m.contains(&code)) {
                return Err(bad("stores", format!("you do not work in {code}")));
            }
            if !out.contains(&code) {
                out.push(code);
            }
        }
        out.sort();
        Ok(out)
    }

    /// Adds a user (administrators; the command line).
    pub async fn add_user(&self, steward: Steward<'_>, new: &UserToAdd) -> Result<UserAccount, DeskError> {
        let account = self.user_to_add(steward, new).await?;
        let ids = self.add_users(steward, std::slice::from_ref(&account)).await?;
        self.user_of_store(Steward::CommandLine, ids[0]).await
    }

    /// A user to add, checked (every field, the PIN rules, the stores) and with their PIN
    /// hashed; nothing is written.
    pub async fn user_to_add(&self, steward: Steward<'_>, new: &UserToAdd) -> Result<NewAccount, DeskError> {
        steward.require_administrator()?;
        let login = check_login("login", &new.login)?;
        let name = check_name("name", &new.name)?;
        let stores = match (&new.stores, steward) {
            (Some(s), _) => s.clone(),
            (None, Steward::Desk(session)) => vec![session.store_code.clone()],
            (None, Steward::CommandLine) => Vec::new(),
        };
        let stores = self.check_stores(steward, &stores).await?;
        check_pin_rules("pin", &new.pin)?;
        let home = match steward {
            Steward::Desk(session) if stores.contains(&session.store_code) => Some(session.store_code.clone()),
            _ => (stores.len() == 1).then(|| stores[0].clone()),
        };
        Ok(NewAccount {
            user: NewUser {
                store_code: home,
                login,
                display_name: name,
                role: new.role,
                pin_hash: hash_pin(&new.pin)?,
                refund_limit: new.refund_limit,
                approval_limit: new.approval_limit,
            },
            stores,
        })
    }

    /// Adds users checked by [`Desk::user_to_add`], all or none (a taken login is a conflict).
    pub async fn add_users(&self, steward: Steward<'_>, accounts: &[NewAccount]) -> Result<Vec<i64>, DeskError> {
        steward.require_administrator()?;
        // From the command line each entry is in the user's own store (see `add_accounts`).
        let by = steward.changed_by(None, self.clock.instant());
        self.db.add_accounts(accounts, &by).await.map_err(conflict)
    }

    /// Replaces a user's name, role, stores, standing and limits (administrators; the command
    /// line). An administrator neither demotes nor deactivates themselves, and a store keeps
    /// an active administrator.
    pub async fn update_user(&self, steward: Steward<'_>, id: i64, edit: &UserEdit) -> Result<UserAccount, DeskError> {
        steward.require_administrator()?;
        let before = self.user_of_store(steward, id).await?;
        let name = check_name("name", &edit.name)?;
        let stores = self.check_stores(steward, &edit.stores).await?;
        // Stores the administrator cannot see stay as they are (they could not be given either).
        let stores = match steward {
            Steward::Desk(session) => {
                let mine = self.db.stores_of_user(session.user.id).await?;
                let mut all: Vec<String> = before.stores.iter().filter(|s| !mine.contains(s)).cloned().collect();
                all.extend(stores);
                all.sort();
                all.dedup();
                all
            }
            Steward::CommandLine => stores,
        };
        if let Steward::Desk(session) = steward {
            if session.user.id == id {
                if !edit.active {
                    return Err(DeskError::refused("OWN_ACCOUNT", "you cannot deactivate yourself: another administrator can", serde_json::json!({ "field": "active" })));
                }
                if edit.role < before.role {
                    return Err(DeskError::refused("OWN_ACCOUNT", "you cannot lower your own role: another administrator can", serde_json::json!({ "field": "role" })));
                }
                if !stores.contains(&session.store_code) {
                    return Err(DeskError::refused(
                        "OWN_ACCOUNT",
                        format!("you cannot take yourself out of {}, where you are signed in", session.store_code),
                        serde_json::json!({ "field": "stores", "store": session.store_code }),
                    ));
                }
            }
        }
        let home = match &before.home_store {
            Some(h) if stores.contains(h) => Some(h.clone()),
            _ => match steward {
                Steward::Desk(session) if stores.contains(&session.store_code) => Some(session.store_code.clone()),
                _ => (stores.len() == 1).then(|| stores[0].clone()),
            },
        };
        let change = AccountChange {
            display_name: name,
            role: edit.role,
            home_store: home,
            stores,
            active: edit.active,
            refund_limit: edit.refund_limit,
            approval_limit: edit.approval_limit,
        };
        let mut by = steward.changed_by(before.home_store.as_deref().or(before.stores.first().map(String::as_str)), self.clock.instant());
        if let Steward::Desk(session) = steward {
            if session.user.id == id {
                by.keep_session = Some(auth::token_hash(&session.token));
            }
        }
        self.db.change_account(id, &change, &by).await.map_err(conflict)?;
        self.user_of_store(Steward::CommandLine, id).await
    }

    /// A new PIN for a user, set by an administrator (or the command line): the user's
    /// sessions end.
    pub async fn reset_pin(&self, steward: Steward<'_>, id: i64, pin: &str) -> Result<UserAccount, DeskError> {
        steward.require_administrator()?;
        let before = self.user_of_store(steward, id).await?;
        check_pin_rules("pin", pin)?;
        let mut by = steward.changed_by(before.home_store.as_deref().or(before.stores.first().map(String::as_str)), self.clock.instant());
        if let Steward::Desk(session) = steward {
            if session.user.id == id {
                by.keep_session = Some(auth::token_hash(&session.token));
            }
        }
        self.db.set_pin(id, &hash_pin(pin)?, "reset", &by).await.map_err(conflict)?;
        self.user_of_store(Steward::CommandLine, id).await
    }

    /// A user changes their own PIN, giving the old one (a wrong old PIN is counted at this
    /// desk like a wrong sign-in PIN). The user's other sessions end; this one stays.
    pub async fn change_own_pin(&self, session: &Session, old_pin: &str, new_pin: &str) -> Result<(), DeskError> {
        check_pin_rules("new_pin", new_pin)?;
        if old_pin == new_pin {
            return Err(bad("new_pin", "the new PIN is the old one"));
        }
        let desk = session.terminal_code.as_deref().unwrap_or("");
        auth::check_pin_in(self.db.as_ref(), &session.user.login, old_pin, desk, Place::Store(&session.store_code), self.clock.instant())
            .await?;
        let by = ChangedBy {
            actor: audit::actor(session),
            keep_session: Some(auth::token_hash(&session.token)),
            now: self.clock.instant(),
        };
        self.db.set_pin(session.user.id, &hash_pin(new_pin)?, "changed", &by).await.map_err(conflict)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_too_short_long_or_easy_are_refused() {
        for pin in ["", "123", "123456789", "12a4", " 4827", "1111", "00000000", "1234", "9876", "0123", "3456789", "43210"] {
            assert!(check_pin_rules("pin", pin).is_err(), "{pin:?} should be refused");
        }
        for pin in ["4827", "1357", "11112", "90210", "12345670", "2468"] {
            assert!(check_pin_rules("pin", pin).is_ok(), "{pin:?} should be accepted");
        }
    }

    #[test]
    fn time_zones_and_codes() {
        assert!(check_time_zone("tz", "Europe/Sofia").is_ok());
        assert!(check_time_zone("tz", "America/Argentina/Buenos_Aires").is_ok());
        assert!(check_time_zone("tz", "UTC").is_ok());
        assert!(check_time_zone("tz", "Europe/Atlantis").is_err(), "well formed, but no such zone");
        for bad_zone in ["", "Sofia", "Europe/", "Mars/Base", "europe/sofia", "Europe/Sofia;"] {
            assert!(check_time_zone("tz", bad_zone).is_err(), "{bad_zone:?}");
        }
        assert!(check_store_code("code", "S01").is_ok());
        assert!(check_store_code("code", "S 01").is_err());
        assert!(check_store_code("code", "S01-SOFIA-CENTRE-2").is_err());
    }

    #[test]
    fn every_starting_policy_reads_as_a_policy() {
        let all = starting_policies();
        assert_eq!(all.len(), 8);
        for p in all {
            p.document.clone().into_policy().unwrap_or_else(|e| panic!("{}: {e}", p.id));
        }
    }

    /// "Law minimum" gives what the law gives and nothing more: no change of mind in the shop
    /// (a manager may still take one back), the distance withdrawal and defects as the law says.
    #[test]
    fn the_law_minimum_keeps_only_the_law() {
        let law = |code: &str| starting_policies().into_iter().find(|p| p.id == format!("{code}-law-minimum")).unwrap().document;
        let decide = |case: &str, code: &str| {
            let text = std::fs::read_to_string(format!("{}/tests/conformance/{case}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            doc["case"]["policy"] = serde_json::to_value(law(code)).unwrap();
            let case: crate::contract::CaseDocument = serde_json::from_value(doc["case"].clone()).unwrap();
            let decision = crate::domain::evaluate(&case.into_case().unwrap());
            let line = &serde_json::to_value(&decision).unwrap()["lines"][0];
            (line["outcome"].as_str().unwrap().to_string(), line["reasons"][0]["code"].as_str().unwrap().to_string(), line["reasons"][0]["overridable"].as_bool().unwrap())
        };
        // In the shop, four days after buying, unopened: the store's rule says no, a manager may override.
        assert_eq!(decide("001-change-of-mind-within-window.json", "bg"), ("denied".into(), "NON_RETURNABLE".into(), true));
        // Bought online: the statutory withdrawal, whatever the store's rule.
        assert_eq!(decide("034-online-withdrawal-beats-store-rule.json", "eu").0, "approved");
        // A defect inside the return period of the standard policy is a claim under the law here.
        assert_eq!(decide("007-defect-legal-guarantee-claim.json", "bg").1, "LEGAL_GUARANTEE");
    }
}
