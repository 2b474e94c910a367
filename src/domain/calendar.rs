//! Calendar periods on store-local dates.
//!
//! A period of N days from an event ends on event + N (the event day is not counted). A period
//! of N months ends on the same day-of-month N months later, or on the last day of that month
//! where it has no such day. A day is inside a period when it is on or before the end date.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A length of time the law or a policy counts from an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Days(u32),
    Months(u32),
}

impl Period {
    /// The last day inside the period that starts with `event`.
    pub fn end_from(self, event: NaiveDate) -> NaiveDate {
        match self {
            Period::Days(n) => event
                .checked_add_days(Days::new(u64::from(n)))
                .unwrap_or(NaiveDate::MAX),
            // chrono clamps to the last day of the target month (2024-02-29 + 24 months = 2026-02-28).
            Period::Months(n) => event
                .checked_add_months(Months::new(n))
                .unwrap_or(NaiveDate::MAX),
        }
    }
}

/// Days on which the store's jurisdiction does not count a statutory period as ending: listed
/// public holidays, and Saturdays and Sundays unless listed as working days (EU Regulation
/// 1182/71; ГК РФ art. 193, where a Saturday can be a working day transferred from a holiday).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    holidays: BTreeSet<NaiveDate>,
    /// Weekend days that are working days.
    working_days: BTreeSet<NaiveDate>,
}

impl WorkingCalendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        WorkingCalendar {
            holidays: holidays.into_iter().collect(),
            working_days: BTreeSet::new(),
        }
    }

    /// The same calendar with these weekend days worked (e.g. Russia's transferred Saturdays).
    /// A listed holiday stays a holiday; a weekday listed here changes nothing.
    pub fn with_working_days(mut self, days: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.working_days.extend(days);
        self
    }

    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }

    pub fn working_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.working_days.iter().copied()
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.holidays.contains(&date) {
            return false;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) || self.working_days.contains(&date)
    }

    /// Moves an end that falls on a Saturday, Sunday or holiday to the next working day.
    pub fn extend_to_working_day(&self, mut end: NaiveDate) -> NaiveDate {
        while !self.is_working_day(end) {
            match end.succ_opt() {
                Some(next) => end = next,
                None => break,
            }
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn days_do_not_count_the_event_day() {
        assert_eq!(Period::Days(14).end_from(d("2026-05-30")), d("2026-06-13"));
        assert_eq!(Period::Days(0).end_from(d("2026-05-30")), d("2026-05-30"));
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(Period::Months(24).end_from(d("2024-02-29")), d("2026-02-28"));
        assert_eq!(Period::Months(1).end_from(d("2027-01-31")), d("2027-02-28"));
        assert_eq!(Period::Months(1).end_from(d("2027-03-15")), d("2027-04-15"));
    }

    #[test]
    fn weekend_and_holiday_ends_move_to_the_next_working_day() {
        let cal = WorkingCalendar::new([d("2026-12-24"), d("2026-12-25"), d("2026-12-26")]);
        // Saturday 2026-03-07 → Monday 2026-03-09.
        assert_eq!(cal.extend_to_working_day(d("2026-03-07")), d("2026-03-09"));
        // Thursday 24 Dec holiday → Fri, Sat holidays → Sun → Monday 28 Dec.
        assert_eq!(cal.extend_to_working_day(d("2026-12-24")), d("2026-12-28"));
        assert_eq!(cal.extend_to_working_day(d("2026-03-10")), d("2026-03-10"));
    }

    #[test]
    fn a_working_saturday_ends_a_period() {
        // Russia 2026: Friday 12 June is a holiday; say Saturday 13 June is worked in its place.
        let plain = WorkingCalendar::new([d("2026-06-12")]);
        assert_eq!(plain.extend_to_working_day(d("2026-06-13")), d("2026-06-15"));
        let transferred = plain.clone().with_working_days([d("2026-06-13")]);
        assert!(transferred.is_working_day(d("2026-06-13")));
        assert_eq!(transferred.extend_to_working_day(d("2026-06-13")), d("2026-06-13"));
        // The Sunday after is still a day off.
        assert_eq!(transferred.extend_to_working_day(d("2026-06-14")), d("2026-06-15"));
        // The holiday itself moves to the working Saturday.
        assert_eq!(transferred.extend_to_working_day(d("2026-06-12")), d("2026-06-13"));
    }

    #[test]
    fn a_holiday_listed_as_a_working_day_stays_a_holiday() {
        let cal = WorkingCalendar::new([d("2026-06-13")]).with_working_days([d("2026-06-13"), d("2026-06-10")]);
        assert!(!cal.is_working_day(d("2026-06-13")));
        assert!(cal.is_working_day(d("2026-06-10")), "a weekday stays a working day");
        assert_eq!(cal.extend_to_working_day(d("2026-06-13")), d("2026-06-15"));
    }
}
