//! The customer's word and the manager's figures (issue 13, feedback).
//!
//! - The customer view: what the desk is doing, shown to the customer in their own language.
//!   The desk publishes its display state (structured: lines, outcomes, amounts, tenders — never
//!   the clerk's words) with [`Desk::show_customer`]; the customer view of the same desk waits
//!   for it with [`Desk::watch_customer`] (a long poll, like `watch_queue`). The state lives in
//!   the process that serves the desk (the desk's `serve`, or the desktop app itself), keyed by
//!   store and desk: both doors — a second Tauri window and a second browser window — reach it
//!   through the same commands, so neither depends on windows sharing anything.
//! - The rating: 1–5 and a comment for a return or a warranty claim just recorded at this desk,
//!   kept against the desk and the clerk who recorded it ([`Desk::give_feedback`]).
//! - The manager's home: refunds today against the same weekday's average, the return rate of
//!   the month, claims due this week and the average rating ([`Desk::manager_kpis`]), all by the
//!   store's local days turned into UTC ranges here.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::{Currency, LineOutcome, Money, Resolution};
use crate::store::{FeedbackKept, FeedbackRecord, FeedbackSubject, NewFeedback};

use super::auth::{AuthError, Session};
use super::clock::instant_of;
use super::{audit, require_manager, Desk, DeskError};

/// How long after a return (or claim) was recorded its customer may still rate it: later,
/// they have left the counter.
pub const FEEDBACK_MINUTES: i64 = 30;
/// The longest comment, in characters.
pub const COMMENT_MAX_CHARS: usize = 500;
/// The languages the customer view speaks.
pub const CUSTOMER_LANGS: [&str; 4] = ["en", "bg", "ru", "el"];
/// How long a watch of the customer view waits at most before answering the state unchanged.
pub const DISPLAY_WATCH: Duration = Duration::from_secs(25);

/// What the customer view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisplayPhase {
    /// Nobody at the counter: a welcome.
    #[default]
    Idle,
    /// A receipt is open: the items the customer brings back.
    Items,
    /// The desk judged the lines: each line's decision and the refund.
    Decided,
    /// Recorded: the refund as paid, and the customer is asked to rate the service.
    Rate,
}

/// One line as the customer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DisplayLine {
    /// The product's name as on the receipt.
    pub name: String,
    pub qty: u32,
    /// The desk's decision, once judged.
    #[serde(default)]
    pub outcome: Option<LineOutcome>,
    /// What the line refunds, once judged.
    #[serde(default)]
    pub refund: Option<Money>,
}

/// A part of the refund and how it is paid back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DisplayTender {
    /// `card`, `cash`, `gift_card`, `store_credit` or `exchange`.
    pub tender: String,
    pub amount: Money,
}

/// The desk's state for its customer view: structured, so the view says it in the customer's
/// language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DisplayState {
    pub phase: DisplayPhase,
    #[serde(default)]
    pub receipt_number: Option<String>,
    #[serde(default)]
    pub currency: Option<Currency>,
    #[serde(default)]
    pub resolution: Option<Resolution>,
    #[serde(default)]
    pub lines: Vec<DisplayLine>,
    /// The refund in all, once judged.
    #[serde(default)]
    pub refund: Option<Money>,
    #[serde(default)]
    pub tenders: Vec<DisplayTender>,
    /// What the customer rates (phase `rate`): the return just recorded, or the claim it registered.
    #[serde(default)]
    pub subject: Option<FeedbackSubject>,
}

/// The display state as the customer view reads it, with its version (for the next watch).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DisplayView {
    pub version: i64,
    pub state: DisplayState,
}

const TENDERS: [&str; 5] = ["card", "cash", "gift_card", "store_credit", "exchange"];

impl DisplayState {
    /// A state the view can show: a sane size, known tenders, a subject only when rating.
    fn checked(self) -> Result<DisplayState, DeskError> {
        let bad = |field: &'static str, message: &str| Err(DeskError::BadInput { field, message: message.into() });
        if self.lines.len() > 200 {
            return bad("lines", "at most 200 lines");
        }
        if let Some(i) = self.lines.iter().position(|l| l.name.chars().count() > 200) {
            return Err(DeskError::BadInput { field: "lines", message: format!("line {}: a name of at most 200 characters", i + 1) });
        }
        if self.receipt_number.as_deref().is_some_and(|n| n.chars().count() > 100) {
            return bad("receipt_number", "at most 100 characters");
        }
        if let Some(t) = self.tenders.iter().find(|t| !TENDERS.contains(&t.tender.as_str())) {
            return Err(DeskError::BadInput { field: "tenders", message: format!("unknown tender {:?}: one of {}", t.tender, TENDERS.join(", ")) });
        }
        if self.tenders.len() > 10 {
            return bad("tenders", "at most 10 tenders");
        }
        if self.subject.is_some() && self.phase != DisplayPhase::Rate {
            return bad("subject", "only a state asking the customer to rate names what they rate");
        }
        Ok(self)
    }
}

/// The customer views of this process, by store and desk.
pub(crate) struct CustomerDisplays {
    states: Mutex<HashMap<(String, i64), DisplayView>>,
    changed: tokio::sync::watch::Sender<u64>,
    /// Versions start at the process's start in milliseconds, so that a view still holding a
    /// version of a process before keeps being answered.
    next: std::sync::atomic::AtomicI64,
}

impl Default for CustomerDisplays {
    fn default() -> Self {
        CustomerDisplays {
            states: Mutex::default(),
            changed: tokio::sync::watch::channel(0).0,
            next: std::sync::atomic::AtomicI64::new(Utc::now().timestamp_millis()),
        }
    }
}

/// A rating as the customer gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating {
    pub subject: FeedbackSubject,
    pub rating: i64,
    pub comment: String,
    /// The language the customer used on the view.
    pub lang: String,
}

/// Refunds today at the store, and the same weekday's of the weeks before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RefundsToday {
    pub refunded: Money,
    pub returns: i64,
    /// The average of the same weekday's refunds over the `weeks` weeks before today.
    pub weekday_average: Money,
    pub weeks: u32,
    /// Today against that average, in percent (none when the average is zero).
    #[schemars(with = "Option<String>")]
    pub change_pct: Option<Decimal>,
}

/// Units returned this month against units sold this month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ReturnRate {
    /// The month's first day.
    pub month: NaiveDate,
    pub units_returned: i64,
    /// Units on the store's receipts purchased this month (as imported).
    pub units_sold: i64,
    /// Returned over sold, in percent to one decimal (none when nothing was sold).
    #[schemars(with = "Option<String>")]
    pub rate_pct: Option<Decimal>,
}

/// Open warranty claims and their legal deadlines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ClaimsDueWeek {
    /// Due from today to `until` (both included).
    pub due: i64,
    pub until: NaiveDate,
    /// Past their deadline already.
    pub overdue: i64,
}

/// The customers' ratings of the last days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FeedbackAverage {
    /// The average of the ratings (1–5, to two decimals; none without a rating).
    #[schemars(with = "Option<String>")]
    pub average: Option<Decimal>,
    pub ratings: i64,
    /// The first day counted (the last `days` days, today included).
    pub since: NaiveDate,
    pub days: u32,
}

/// The figures on the manager's home, for the session's store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ManagerKpis {
    pub store_code: String,
    pub currency: Currency,
    /// The store's today.
    pub today: NaiveDate,
    pub refunds_today: RefundsToday,
    pub return_rate: ReturnRate,
    pub claims_due: ClaimsDueWeek,
    pub feedback: FeedbackAverage,
}

/// The instant a store-local day begins (its midnight; where the clocks skip midnight, the
/// first wall time after it that exists).
pub fn day_start(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    (0..=3)
        .find_map(|h| instant_of(day.and_time(NaiveTime::from_hms_opt(h, 0, 0).expect("an hour")), zone).ok())
        .unwrap_or_else(|| day.and_time(NaiveTime::MIN).and_utc())
}

/// A store-local day as the UTC range [start, next day's start).
pub fn day_range(day: NaiveDate, zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    (day_start(day, zone), day_start(day + Days::new(1), zone))
}

/// `part` over `whole` in percent, rounded to `dp` places (none when `whole` is zero).
fn percent(part: Decimal, whole: Decimal, dp: u32) -> Option<Decimal> {
    (!whole.is_zero()).then(|| (part * Decimal::ONE_HUNDRED / whole).round_dp(dp))
}

impl Desk {
    fn desk_of(session: &Session) -> Result<i64, DeskError> {
        session.terminal_id.ok_or(DeskError::Auth(AuthError::DeskNeeded))
    }

    /// The desk publishes what its customer view shows; the views waiting wake at once.
    pub async fn show_customer(&self, session: &Session, state: DisplayState) -> Result<DisplayView, DeskError> {
        let desk = Self::desk_of(session)?;
        let state = state.checked()?;
        let displays = &self.customer_displays;
        let version = displays.next.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let view = DisplayView { version, state };
        displays.states.lock().expect("displays lock").insert((session.store_code.clone(), desk), view.clone());
        displays.changed.send_modify(|n| *n = n.wrapping_add(1));
        Ok(view)
    }

    /// What the desk's customer view shows now.
    pub fn customer_display(&self, session: &Session) -> Result<DisplayView, DeskError> {
        let desk = Self::desk_of(session)?;
        let states = self.customer_displays.states.lock().expect("displays lock");
        Ok(states.get(&(session.store_code.clone(), desk)).cloned().unwrap_or_default())
    }

    /// Waits until the desk's display state is newer than `after` (or about 25 s), then answers it.
    pub async fn watch_customer(&self, session: &Session, after: i64) -> Result<DisplayView, DeskError> {
        let deadline = tokio::time::Instant::now() + DISPLAY_WATCH;
        let mut woken = self.customer_displays.changed.subscribe();
        loop {
            let view = self.customer_display(session)?;
            if view.version > after {
                return Ok(view);
            }
            tokio::select! {
                _ = woken.changed() => {}
                _ = tokio::time::sleep_until(deadline) => return self.customer_display(session),
            }
        }
    }

    /// The customer rates the service of a return (or a warranty claim) just recorded at this
    /// desk: kept once, against the desk and the clerk who recorded it.
    pub async fn give_feedback(&self, session: &Session, rating: &Rating) -> Result<FeedbackRecord, DeskError> {
        if !(1..=5).contains(&rating.rating) {
            return Err(DeskError::BadInput { field: "rating", message: format!("from 1 to 5 stars, got {}", rating.rating) });
        }
        let comment = rating.comment.trim().to_string();
        let chars = comment.chars().count();
        if chars > COMMENT_MAX_CHARS {
            return Err(DeskError::BadInput { field: "comment", message: format!("at most {COMMENT_MAX_CHARS} characters, this one has {chars}") });
        }
        if !CUSTOMER_LANGS.contains(&rating.lang.as_str()) {
            return Err(DeskError::BadInput { field: "lang", message: format!("one of {}", CUSTOMER_LANGS.join(", ")) });
        }
        let desk = Self::desk_of(session)?;
        let what = match rating.subject {
            FeedbackSubject::Return(id) => format!("return {id}"),
            FeedbackSubject::Claim(id) => format!("warranty claim {id}"),
        };
        let target = self.db.feedback_target(rating.subject).await?.ok_or_else(|| DeskError::NotFound(format!("no {what}")))?;
        if target.store_code != session.store_code {
            return Err(AuthError::Forbidden(format!("{what} was recorded at another store: its customer rates it there")).into());
        }
        if target.terminal_id != Some(desk) {
            return Err(AuthError::Forbidden(format!("{what} was recorded at another desk: its customer rates it at the desk that served them")).into());
        }
        let at = self.clock.instant();
        let minutes = (at - target.recorded_at).num_minutes();
        if minutes > FEEDBACK_MINUTES {
            return Err(DeskError::refused(
                "FEEDBACK_TOO_LATE",
                format!("{what} was recorded {minutes} minutes ago: its customer has left the counter (a rating is taken within {FEEDBACK_MINUTES} minutes)"),
                serde_json::json!({ "minutes": minutes, "limit_minutes": FEEDBACK_MINUTES }),
            ));
        }
        let new = NewFeedback {
            subject: rating.subject,
            target,
            rating: u8::try_from(rating.rating).expect("1 to 5"),
            comment,
            lang: rating.lang.clone(),
            at,
            actor: audit::actor(session),
        };
        match self.db.give_feedback(&new).await? {
            FeedbackKept::Given(record) => Ok(record),
            FeedbackKept::AlreadyGiven(before) => Err(DeskError::refused(
                "FEEDBACK_GIVEN",
                format!("the customer already rated {what} ({} of 5): a return is rated once", before.rating),
                serde_json::json!({ "rating": before.rating }),
            )),
        }
    }

    /// The figures on the manager's home, for the session's store (its local days).
    pub async fn manager_kpis(&self, session: &Session) -> Result<ManagerKpis, DeskError> {
        require_manager(session)?;
        const WEEKS: u32 = 4;
        const FEEDBACK_DAYS: u32 = 30;
        let store = self.db.store(&session.store_code).await?.ok_or_else(|| DeskError::UnknownStore(session.store_code.clone()))?;
        let zone = self.zone_of(&store.code).await?;
        let today = self.now_at(&store.code).await?.date();

        let (from, until) = day_range(today, zone);
        let now = self.db.refunds_between(&store.code, from, until).await?;
        let mut before = Money::ZERO;
        for week in 1..=WEEKS {
            let (from, until) = day_range(today - Days::new(7 * u64::from(week)), zone);
            before += self.db.refunds_between(&store.code, from, until).await?.refunded;
        }
        let weekday_average = Money::round(before.amount() / Decimal::from(WEEKS));
        let refunds_today = RefundsToday {
            refunded: now.refunded,
            returns: now.returns,
            weekday_average,
            weeks: WEEKS,
            change_pct: percent(now.refunded.amount() - weekday_average.amount(), weekday_average.amount(), 1),
        };

        let month = today.with_day(1).expect("the first of the month");
        let next_month = month.checked_add_months(chrono::Months::new(1)).expect("a month later");
        let units_returned = self.db.units_returned(&store.code, day_start(month, zone), day_start(next_month, zone)).await?;
        let units_sold = self.db.units_sold(&store.code, month.and_time(NaiveTime::MIN), next_month.and_time(NaiveTime::MIN)).await?;
        let return_rate = ReturnRate {
            month,
            units_returned,
            units_sold,
            rate_pct: percent(Decimal::from(units_returned), Decimal::from(units_sold), 1),
        };

        let week_end = today + Days::new(6);
        let due = self.db.claims_due(&store.code, today, week_end).await?;
        let since = today - Days::new(u64::from(FEEDBACK_DAYS - 1));
        let ratings = self.db.ratings_between(&store.code, day_start(since, zone), until).await?;
        Ok(ManagerKpis {
            store_code: store.code.clone(),
            currency: store.currency,
            today,
            refunds_today,
            return_rate,
            claims_due: ClaimsDueWeek { due: due.due, until: week_end, overdue: due.overdue },
            feedback: FeedbackAverage {
                average: (ratings.ratings > 0).then(|| (Decimal::from(ratings.stars) / Decimal::from(ratings.ratings)).round_dp(2)),
                ratings: ratings.ratings,
                since,
                days: FEEDBACK_DAYS,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_day_is_its_utc_range_across_daylight_saving() {
        let sofia: Tz = "Europe/Sofia".parse().unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // Summer time (UTC+3), and the day the clocks go back (25 hours long).
        assert_eq!(day_range(d("2026-10-11"), sofia).0.to_rfc3339(), "2026-10-10T21:00:00+00:00");
        let (from, until) = day_range(d("2026-10-25"), sofia);
        assert_eq!((until - from).num_hours(), 25);
        // The day they go forward is 23 hours long.
        let (from, until) = day_range(d("2026-03-29"), sofia);
        assert_eq!((until - from).num_hours(), 23);
    }

    #[test]
    fn a_display_state_names_known_tenders_and_rates_only_when_asked() {
        let mut state = DisplayState { phase: DisplayPhase::Decided, ..Default::default() };
        state.tenders.push(DisplayTender { tender: "bitcoin".into(), amount: Money::from_cents(100) });
        assert!(matches!(state.clone().checked(), Err(DeskError::BadInput { field: "tenders", .. })));
        state.tenders[0].tender = "cash".into();
        assert!(state.clone().checked().is_ok());
        state.subject = Some(FeedbackSubject::Return(1));
        assert!(matches!(state.clone().checked(), Err(DeskError::BadInput { field: "subject", .. })));
        state.phase = DisplayPhase::Rate;
        assert!(state.checked().is_ok());
    }

    #[test]
    fn percent_rounds_and_knows_nothing_of_zero() {
        assert_eq!(percent(Decimal::from(1), Decimal::from(3), 1), Some("33.3".parse().unwrap()));
        assert_eq!(percent(Decimal::from(1), Decimal::ZERO, 1), None);
    }
}
