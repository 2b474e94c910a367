//! The audit trail as the desk uses it: who an entry names, and the managers' view of it.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::auth::Session;
use super::{require_manager, Desk, DeskError};
use crate::store::{AuditAction, AuditActor, AuditPage, AuditQuery};

/// Who did it: the session's user, at its desk, in its store.
pub(crate) fn actor(session: &Session) -> AuditActor {
    AuditActor { user_id: Some(session.user.id), terminal_id: session.terminal_id, store_code: Some(session.store_code.clone()) }
}

/// Which entries a manager asks for: days are the store's (its time zone), both ends included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// A user's login.
    pub user: Option<String>,
    pub action: Option<AuditAction>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Entries older than this one (the next page).
    pub before_seq: Option<i64>,
    /// At most this many (default 50, at most 200).
    pub limit: Option<u32>,
}

/// The first instant of a store-local day (a day starting in a skipped hour: its first instant).
fn start_of(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let midnight = day.and_time(NaiveTime::MIN);
    zone.from_local_datetime(&midnight)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(midnight + chrono::Duration::hours(1))).earliest())
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

impl Desk {
    /// The session's store's audit trail, newest first, a page at a time (managers).
    pub async fn audit_trail(&self, session: &Session, filter: &AuditFilter) -> Result<AuditPage, DeskError> {
        require_manager(session)?;
        if let (Some(from), Some(to)) = (filter.from, filter.to) {
            if from > to {
                return Err(DeskError::BadInput { field: "to", message: "the end of the range is before its start".into() });
            }
        }
        let zone = self.zone_of(&session.store_code).await?;
        let start_of = |day| start_of(day, zone);
        let query = AuditQuery {
            user: filter.user.clone(),
            action: filter.action,
            from: filter.from.map(start_of),
            until: filter.to.and_then(|d| d.succ_opt()).map(start_of),
            before_seq: filter.before_seq,
            limit: filter.limit.unwrap_or(50).clamp(1, 200),
        };
        Ok(self.db.audit_entries(&session.store_code, &query).await?)
    }
}
