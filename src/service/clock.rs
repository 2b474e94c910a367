//! The store's clock (issue 15): "now" at a store is the current instant in the store's IANA
//! time zone, whatever zone the machine running the desk is in. Deciding (the case's "today"),
//! recording (a return's business date, a voucher's expiry, a claim's deadline) and the lists'
//! "today" read [`Desk::now_for`] (the session's store) or [`Desk::now_in`] (a store at hand);
//! documents print a stored instant with [`wall_time`] in the store's zone. Instants are kept
//! in UTC.
//!
//! The zones come from `chrono-tz`: the tz database is built into the program, so a desk on a
//! machine without (or with an old) `/usr/share/zoneinfo` decides the same as any other, and
//! it fits the `chrono` types used everywhere else.
//!
//! `RETURNDESK_NOW` fixes the clock (demos and end-to-end tests):
//! - a wall time, `2026-10-11T10:00:00`: every store's "now" is that wall time in its own zone
//!   (as before issue 15), and the instant is that wall time in the desk's zone
//!   (`RETURNDESK_TZ`, else the first store's, else UTC) plus the real time elapsed since the
//!   clock was made, so that sessions still time out and events keep their order. A wall time
//!   the clocks skip in the desk's zone (the spring-forward hour) is refused with a clear error;
//!   one they pass twice (the fall-back hour) is read as its first, summer-time, occurrence.
//! - an instant, `2026-06-14T21:30:00Z` or `2026-06-15T00:30:00+03:00`: the clock starts at that
//!   instant and runs; each store's "now" is the instant in its own zone.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, LocalResult, NaiveDateTime, SubsecRound, TimeZone, Utc};
use chrono_tz::Tz;

use super::auth::Session;
use super::{Desk, DeskError};
use crate::store::StoreProfile;

/// An IANA zone by its name (`Europe/Sofia`, `UTC`), as the tz database built in knows it.
pub fn zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// A stored instant as the wall clock of `zone` shows it: what documents print.
pub fn wall_time(at: DateTime<Utc>, zone: Tz) -> NaiveDateTime {
    at.with_timezone(&zone).naive_local()
}

/// Why a wall time cannot be read as an instant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("{wall} does not exist in {zone}: the clocks jump forward over it (daylight saving); give a time before or after the jump, or an instant with its offset")]
    SkippedWallTime { wall: NaiveDateTime, zone: Tz },
    #[error("RETURNDESK_NOW=\"{0}\" is neither a wall time (2026-10-11T10:00:00) nor an instant (2026-10-11T10:00:00+03:00)")]
    BadNow(String),
    #[error("RETURNDESK_TZ=\"{0}\" is not an IANA time zone like Europe/Sofia")]
    BadZone(String),
}

/// The instant a wall time of `zone` stands for. A wall time the clocks pass twice (the hour
/// after the fall-back) is its first occurrence, still on summer time; one they skip (the
/// spring-forward hour) does not exist.
pub fn instant_of(wall: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>, ClockError> {
    match zone.from_local_datetime(&wall) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(ClockError::SkippedWallTime { wall, zone }),
    }
}

/// Where the clock's time comes from.
#[derive(Clone, Debug, Default)]
enum Source {
    /// The machine's clock (UTC instants; each store's wall time from its zone).
    #[default]
    Real,
    /// A wall time fixed for every store, each in its own zone. `running`: the instant is that
    /// wall time in the desk's zone plus the real time elapsed since then (`RETURNDESK_NOW`);
    /// without it the instant is the machine's (tests of dates).
    Wall { at: NaiveDateTime, running: Option<std::time::Instant> },
    /// An instant, running from when the clock was made (`RETURNDESK_NOW` with an offset).
    Running { at: DateTime<Utc>, since: std::time::Instant },
    /// An instant that does not move (tests: a desk "on a machine in UTC" at a given instant).
    Frozen(DateTime<Utc>),
}

/// The desk's clock: each store's wall time for deciding and recording, and the instant in UTC
/// for sessions and records (tests may move it forward). See the module's notes for
/// `RETURNDESK_NOW` and `RETURNDESK_TZ`.
#[derive(Clone, Debug, Default)]
pub struct DeskClock {
    source: Source,
    /// The desk's zone: what a fixed wall time is read in for the instant, and "now" where no
    /// store is known (None: not given yet; UTC).
    zone: Option<Tz>,
    /// Seconds added to the instant (tests of timeouts).
    ahead: Arc<AtomicI64>,
    /// The stores' zones, read once per store.
    zones: Arc<RwLock<HashMap<String, Tz>>>,
}

impl DeskClock {
    /// The clock `RETURNDESK_NOW` and `RETURNDESK_TZ` ask for (the real one without them). A
    /// value it cannot read is said on stderr and the real clock is used.
    pub fn from_env() -> Self {
        Self::try_from_env().unwrap_or_else(|e| {
            eprintln!("returndesk: {e}: the desk runs on the machine's clock");
            DeskClock::default()
        })
    }

    /// [`DeskClock::from_env`], refusing a value it cannot read.
    pub fn try_from_env() -> Result<Self, ClockError> {
        let zone = match std::env::var("RETURNDESK_TZ").ok().filter(|z| !z.trim().is_empty()) {
            Some(name) => Some(self::zone(&name).ok_or(ClockError::BadZone(name))?),
            None => None,
        };
        let clock = match std::env::var("RETURNDESK_NOW").ok().filter(|t| !t.trim().is_empty()) {
            Some(text) => Self::starting(&text)?,
            None => DeskClock::default(),
        };
        match zone {
            Some(zone) => clock.in_zone(zone),
            None => Ok(clock),
        }
    }

    /// A clock fixed as `RETURNDESK_NOW` says: a wall time (`2026-10-11T10:00:00`) or an
    /// instant with its offset (`2026-10-11T10:00:00+03:00`, `…Z`), running from now.
    pub fn starting(text: &str) -> Result<Self, ClockError> {
        let text = text.trim();
        let since = std::time::Instant::now();
        let source = if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            Source::Running { at: at.with_timezone(&Utc), since }
        } else if let Ok(at) = text.parse::<NaiveDateTime>() {
            Source::Wall { at, running: Some(since) }
        } else {
            return Err(ClockError::BadNow(text.to_string()));
        };
        Ok(DeskClock { source, ..DeskClock::default() })
    }

    /// Every store's wall time fixed at `at`; instants are the machine's (tests of dates).
    pub fn fixed(at: NaiveDateTime) -> Self {
        DeskClock { source: Source::Wall { at, running: None }, ..DeskClock::default() }
    }

    /// A clock standing still at an instant: each store's "now" is that instant in its zone
    /// (tests: the desk's machine may be in any zone, the stores' dates do not depend on it).
    pub fn frozen(at: DateTime<Utc>) -> Self {
        DeskClock { source: Source::Frozen(at.trunc_subsecs(6)), ..DeskClock::default() }
    }

    /// The same clock in the desk's zone `zone`: refused if its fixed wall time does not exist
    /// there.
    pub fn in_zone(self, zone: Tz) -> Result<Self, ClockError> {
        if let Source::Wall { at, running: Some(_) } = self.source {
            instant_of(at, zone)?;
        }
        Ok(DeskClock { zone: Some(zone), ..self })
    }

    /// The desk's zone (UTC until one is given).
    pub fn zone(&self) -> Tz {
        self.zone.unwrap_or(Tz::UTC)
    }

    /// Whether the desk's zone was given (`RETURNDESK_TZ` or [`DeskClock::in_zone`]).
    pub fn has_zone(&self) -> bool {
        self.zone.is_some()
    }

    /// The wall time now in `zone`.
    pub fn now_in(&self, zone: Tz) -> NaiveDateTime {
        match self.source {
            Source::Wall { at, .. } => at,
            _ => wall_time(self.instant(), zone),
        }
    }

    /// The wall time now in the desk's zone (where no store is known).
    pub fn now(&self) -> NaiveDateTime {
        self.now_in(self.zone())
    }

    /// The instant now, in UTC (to the microsecond, as stored).
    pub fn instant(&self) -> crate::store::Instant {
        let ahead = chrono::Duration::seconds(self.ahead.load(Ordering::SeqCst));
        let elapsed = |since: std::time::Instant| chrono::Duration::from_std(since.elapsed()).unwrap_or_default();
        let at = match self.source {
            Source::Real | Source::Wall { running: None, .. } => Utc::now(),
            Source::Wall { at, running: Some(since) } => {
                // A skipped wall time is refused when the zone is given (`in_zone`).
                instant_of(at, self.zone()).unwrap_or_else(|_| at.and_utc()) + elapsed(since)
            }
            Source::Running { at, since } => at + elapsed(since),
            Source::Frozen(at) => at,
        };
        (at + ahead).trunc_subsecs(6)
    }

    /// Moves the instant forward (every copy of this clock): for tests of timeouts.
    pub fn advance(&self, by: chrono::Duration) {
        self.ahead.fetch_add(by.num_seconds(), Ordering::SeqCst);
    }

    /// The same clock keeping `other`'s desk zone and the stores' zones it read, where this
    /// one has none of its own (a door's clock replacing the desk's).
    pub(crate) fn inheriting(mut self, other: &DeskClock) -> Self {
        if self.zone.is_none() {
            self.zone = other.zone;
        }
        self.zones = other.zones.clone();
        self
    }
}

impl Desk {
    /// A store's zone: the one it was set up with (read once, then kept).
    pub async fn zone_of(&self, store_code: &str) -> Result<Tz, DeskError> {
        if let Some(zone) = self.clock.zones.read().expect("zones lock").get(store_code) {
            return Ok(*zone);
        }
        let store = self.db.store(store_code).await?.ok_or_else(|| DeskError::UnknownStore(store_code.to_string()))?;
        let zone = store_zone(&store)?;
        self.clock.zones.write().expect("zones lock").insert(store.code.clone(), zone);
        Ok(zone)
    }

    /// The store's wall time now: its "today" for deciding and recording.
    pub async fn now_at(&self, store_code: &str) -> Result<NaiveDateTime, DeskError> {
        Ok(self.clock.now_in(self.zone_of(store_code).await?))
    }

    /// The wall time now at the session's store.
    pub async fn now_for(&self, session: &Session) -> Result<NaiveDateTime, DeskError> {
        self.now_at(&session.store_code).await
    }

    /// The wall time now at a store at hand.
    pub fn now_in(&self, store: &StoreProfile) -> Result<NaiveDateTime, DeskError> {
        Ok(self.clock.now_in(store_zone(store)?))
    }

    /// A stored instant as the session's store's wall clock shows it: what documents print.
    pub async fn wall_time_for(&self, session: &Session, at: DateTime<Utc>) -> Result<NaiveDateTime, DeskError> {
        Ok(wall_time(at, self.zone_of(&session.store_code).await?))
    }

    /// The desk's clock in the zone of its store (of the first, by code, in a chain) unless
    /// `RETURNDESK_TZ` gave one: what a fixed wall time's instant is read in. Refused where
    /// `RETURNDESK_NOW` names a wall time the clocks skip there.
    pub async fn in_stores_zone(self) -> Result<Desk, DeskError> {
        if self.clock.has_zone() {
            return Ok(self);
        }
        let mut stores = self.db.stores().await?;
        stores.sort_by(|a, b| a.code.cmp(&b.code));
        let Some(first) = stores.first() else { return Ok(self) };
        let clock = self.clock.clone().in_zone(store_zone(first)?).map_err(|e| DeskError::BadInput { field: "RETURNDESK_NOW", message: e.to_string() })?;
        Ok(Desk { clock, ..self })
    }
}

/// The zone a store was set up with.
fn store_zone(store: &StoreProfile) -> Result<Tz, DeskError> {
    zone(&store.time_zone).ok_or_else(|| {
        DeskError::Conflict(format!("store {} has the time zone \"{}\", which is not an IANA zone like Europe/Sofia", store.code, store.time_zone))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }
    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }
    const SOFIA: Tz = Tz::Europe__Sofia;
    const ATHENS: Tz = Tz::Europe__Athens;
    const MOSCOW: Tz = Tz::Europe__Moscow;

    #[test]
    fn a_desk_in_utc_sees_the_sofia_date_after_sofia_midnight() {
        let clock = DeskClock::frozen(utc("2026-06-14T21:30:00Z"));
        assert_eq!(clock.now_in(SOFIA), t("2026-06-15T00:30:00"));
        assert_eq!(clock.now_in(Tz::UTC), t("2026-06-14T21:30:00"));
        assert_eq!(clock.now_in(MOSCOW), t("2026-06-15T00:30:00"));
        // The desk's own zone is UTC until given.
        assert_eq!(clock.now().date(), t("2026-06-14T00:00:00").date());
    }

    #[test]
    fn midnight_on_both_sides() {
        // 23:59:59 and 00:00:00 in Sofia (EET in winter, UTC+2).
        assert_eq!(wall_time(utc("2026-01-15T21:59:59Z"), SOFIA), t("2026-01-15T23:59:59"));
        assert_eq!(wall_time(utc("2026-01-15T22:00:00Z"), SOFIA), t("2026-01-16T00:00:00"));
        // In summer (EEST, UTC+3) the day turns an hour earlier in UTC.
        assert_eq!(wall_time(utc("2026-07-15T20:59:59Z"), SOFIA), t("2026-07-15T23:59:59"));
        assert_eq!(wall_time(utc("2026-07-15T21:00:00Z"), SOFIA), t("2026-07-16T00:00:00"));
    }

    #[test]
    fn spring_forward_skips_an_hour_in_sofia_and_athens() {
        for zone in [SOFIA, ATHENS] {
            // 2026-03-29 03:00 EET becomes 04:00 EEST, at 01:00 UTC.
            assert_eq!(wall_time(utc("2026-03-29T00:59:59Z"), zone), t("2026-03-29T02:59:59"), "{zone}");
            assert_eq!(wall_time(utc("2026-03-29T01:00:00Z"), zone), t("2026-03-29T04:00:00"), "{zone}");
            let skipped = instant_of(t("2026-03-29T03:30:00"), zone);
            assert_eq!(skipped, Err(ClockError::SkippedWallTime { wall: t("2026-03-29T03:30:00"), zone }));
            assert!(skipped.unwrap_err().to_string().contains("does not exist in"));
            assert_eq!(instant_of(t("2026-03-29T04:00:00"), zone), Ok(utc("2026-03-29T01:00:00Z")));
        }
    }

    #[test]
    fn fall_back_passes_an_hour_twice() {
        // 2026-10-25 04:00 EEST becomes 03:00 EET, at 01:00 UTC: 03:00–04:00 happens twice.
        assert_eq!(wall_time(utc("2026-10-25T00:30:00Z"), SOFIA), t("2026-10-25T03:30:00"));
        assert_eq!(wall_time(utc("2026-10-25T01:30:00Z"), SOFIA), t("2026-10-25T03:30:00"));
        assert_eq!(wall_time(utc("2026-10-25T02:30:00Z"), SOFIA), t("2026-10-25T04:30:00"));
        // The repeated wall time is read as its first (summer-time) occurrence.
        assert_eq!(instant_of(t("2026-10-25T03:30:00"), SOFIA), Ok(utc("2026-10-25T00:30:00Z")));
        assert_eq!(instant_of(t("2026-10-25T03:30:00"), ATHENS), Ok(utc("2026-10-25T00:30:00Z")));
    }

    #[test]
    fn moscow_stays_on_utc_plus_three_all_year() {
        for (at, wall) in [
            ("2026-01-15T12:00:00Z", "2026-01-15T15:00:00"),
            ("2026-03-29T01:00:00Z", "2026-03-29T04:00:00"),
            ("2026-07-15T12:00:00Z", "2026-07-15T15:00:00"),
            ("2026-10-25T01:30:00Z", "2026-10-25T04:30:00"),
        ] {
            assert_eq!(wall_time(utc(at), MOSCOW), t(wall), "{at}");
        }
        assert_eq!(instant_of(t("2026-03-29T03:30:00"), MOSCOW), Ok(utc("2026-03-29T00:30:00Z")));
    }

    #[test]
    fn returndesk_now_a_wall_time_or_an_instant() {
        // A wall time: every store's now is that wall time; the instant is read in the desk's zone.
        let clock = DeskClock::starting("2026-10-11T10:00:00").unwrap().in_zone(SOFIA).unwrap();
        assert_eq!(clock.now_in(MOSCOW), t("2026-10-11T10:00:00"));
        assert_eq!(clock.now_in(SOFIA), t("2026-10-11T10:00:00"));
        let started = clock.instant();
        assert!(started >= utc("2026-10-11T07:00:00Z") && started < utc("2026-10-11T07:01:00Z"), "{started}");
        // An instant with its offset: each store's own wall time of it.
        let clock = DeskClock::starting("2026-06-15T00:30:00+03:00").unwrap();
        assert_eq!(clock.now_in(SOFIA).date(), t("2026-06-15T00:00:00").date());
        assert_eq!(clock.now_in(Tz::Europe__London).date(), t("2026-06-14T00:00:00").date());
        let started = clock.instant();
        assert!(started >= utc("2026-06-14T21:30:00Z") && started < utc("2026-06-14T21:31:00Z"), "{started}");
        assert!(DeskClock::starting("2026-06-15T00:30:00Z").is_ok());
        // The instant runs on, and `advance` moves it.
        clock.advance(chrono::Duration::minutes(31));
        assert!(clock.instant() >= utc("2026-06-14T22:01:00Z"));
    }

    #[test]
    fn returndesk_now_refused_where_it_cannot_be_read() {
        assert_eq!(DeskClock::starting("tomorrow").unwrap_err(), ClockError::BadNow("tomorrow".into()));
        // The spring-forward hour does not exist in Sofia: said, not guessed.
        let err = DeskClock::starting("2026-03-29T03:30:00").unwrap().in_zone(SOFIA).unwrap_err();
        assert_eq!(err, ClockError::SkippedWallTime { wall: t("2026-03-29T03:30:00"), zone: SOFIA });
        // In Moscow it does.
        assert!(DeskClock::starting("2026-03-29T03:30:00").unwrap().in_zone(MOSCOW).is_ok());
        // With an offset it is an instant, whatever the zone.
        assert!(DeskClock::starting("2026-03-29T03:30:00+03:00").unwrap().in_zone(SOFIA).is_ok());
    }

    #[test]
    fn zones_by_name() {
        assert_eq!(zone("Europe/Sofia"), Some(SOFIA));
        assert_eq!(zone(" UTC "), Some(Tz::UTC));
        assert_eq!(zone("Europe/Atlantis"), None);
        assert_eq!(zone("+03:00"), None);
    }
}
