//! Public holidays fixed by law, computed for any year: Bulgaria (Кодекс на труда, art. 154),
//! Greece (the nationwide public holidays) and Russia (Трудовой кодекс РФ, art. 112), with the
//! Orthodox Easter they move with. The EU has none here: an EU store lists its own.
//!
//! What the law fixes is computed; what a government decrees for one year (Russia's and
//! Bulgaria's transfers of working days, Greece's moving of 1 May) is not: a store lists those
//! days itself — extra days off as its holidays, worked days as its working days.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use super::calendar::WorkingCalendar;
use super::jurisdiction::Jurisdiction;

/// Orthodox Easter Sunday of `year`, as a Gregorian date: the Julian computus, moved by the
/// Julian calendar's lag behind the Gregorian one in that century (13 days in 1900–2099, 14 in
/// 2100–2199). `None` only outside chrono's range of dates.
pub fn orthodox_easter(year: i32) -> Option<NaiveDate> {
    let (a, b, c) = (year.rem_euclid(4), year.rem_euclid(7), year.rem_euclid(19));
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34).rem_euclid(7);
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    // Julian Easter falls between 22 March and 25 April, after the Julian leap day, so the lag
    // of the year's March applies.
    let lag = year.div_euclid(100) - year.div_euclid(400) - 2;
    let julian = NaiveDate::from_ymd_opt(year, month as u32, day as u32)?;
    julian.checked_add_days(Days::new(u64::try_from(lag).ok()?))
}

/// Why a day is a public holiday: the feast or the rule that made it a day off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    NewYear,
    /// Russia's New Year holidays, 2–6 and 8 January.
    NewYearHolidays,
    Christmas,
    Epiphany,
    CleanMonday,
    GoodFriday,
    HolySaturday,
    EasterSunday,
    EasterMonday,
    WhitMonday,
    LiberationDay,
    IndependenceDay,
    DefenderOfTheFatherlandDay,
    WomensDay,
    LabourDay,
    StGeorgesDay,
    VictoryDay,
    CultureAndLiteracyDay,
    RussiaDay,
    UnificationDay,
    AssumptionDay,
    OchiDay,
    NationalUnityDay,
    ChristmasEve,
    SecondDayOfChristmas,
    /// The working day after a holiday that fell on a day off (BG art. 154(2), RU art. 112).
    SubstituteDay,
}

/// One day off by law.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct PublicHoliday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The days off by law in `year` in `jurisdiction`, in date order: the holidays themselves
/// (also where they fall on a Saturday or Sunday) and the substitute days the law gives for them.
pub fn public_holidays(jurisdiction: Jurisdiction, year: i32) -> Vec<PublicHoliday> {
    use HolidayKind::*;
    let Some(easter) = orthodox_easter(year) else { return Vec::new() };
    let on = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let from_easter = |days: i64| easter.checked_add_signed(chrono::Duration::days(days));
    // (date, kind, whether a day off on a weekend or another holiday gives a substitute day)
    let days: Vec<(Option<NaiveDate>, HolidayKind, bool)> = match jurisdiction {
        Jurisdiction::EU => Vec::new(),
        // Кодекс на труда, art. 154(1); (2): a holiday other than Easter on a day off gives the
        // first working day after it off.
        Jurisdiction::BG => vec![
            (on(1, 1), NewYear, true),
            (on(3, 3), LiberationDay, true),
            (on(5, 1), LabourDay, true),
            (on(5, 6), StGeorgesDay, true),
            (on(5, 24), CultureAndLiteracyDay, true),
            (on(9, 6), UnificationDay, true),
            (on(9, 22), IndependenceDay, true),
            (on(12, 24), ChristmasEve, true),
            (on(12, 25), Christmas, true),
            (on(12, 26), SecondDayOfChristmas, true),
            (from_easter(-2), GoodFriday, false),
            (from_easter(-1), HolySaturday, false),
            (Some(easter), EasterSunday, false),
            (from_easter(1), EasterMonday, false),
        ],
        // The nationwide public holidays; no substitute days. 1 May is moved by a ministerial
        // decision whenever it meets Easter week, so a Greek store lists it itself.
        Jurisdiction::GR => vec![
            (on(1, 1), NewYear, false),
            (on(1, 6), Epiphany, false),
            (from_easter(-48), CleanMonday, false),
            (on(3, 25), IndependenceDay, false),
            (from_easter(-2), GoodFriday, false),
            (Some(easter), EasterSunday, false),
            (from_easter(1), EasterMonday, false),
            (from_easter(50), WhitMonday, false),
            (on(8, 15), AssumptionDay, false),
            (on(10, 28), OchiDay, false),
            (on(12, 25), Christmas, false),
            (on(12, 26), SecondDayOfChristmas, false),
        ],
        // ТК РФ art. 112(1); (2): a day off meeting a holiday moves to the working day after the
        // holiday, except in the New Year holidays and Christmas (the government moves those by
        // its yearly decree, which the store lists).
        Jurisdiction::RU => vec![
            (on(1, 1), NewYearHolidays, false),
            (on(1, 2), NewYearHolidays, false),
            (on(1, 3), NewYearHolidays, false),
            (on(1, 4), NewYearHolidays, false),
            (on(1, 5), NewYearHolidays, false),
            (on(1, 6), NewYearHolidays, false),
            (on(1, 7), Christmas, false),
            (on(1, 8), NewYearHolidays, false),
            (on(2, 23), DefenderOfTheFatherlandDay, true),
            (on(3, 8), WomensDay, true),
            (on(5, 1), LabourDay, true),
            (on(5, 9), VictoryDay, true),
            (on(6, 12), RussiaDay, true),
            (on(11, 4), NationalUnityDay, true),
        ],
    };
    let mut holidays: Vec<PublicHoliday> =
        days.iter().filter_map(|&(date, kind, _)| Some(PublicHoliday { date: date?, kind })).collect();
    holidays.sort();
    let mut off: BTreeSet<NaiveDate> = holidays.iter().map(|h| h.date).collect();
    // In date order, so that 24–26 December on Friday to Sunday give Monday and Tuesday.
    let mut moving: Vec<NaiveDate> = days.iter().filter(|d| d.2).filter_map(|d| d.0).collect();
    moving.sort();
    for date in moving {
        let clashes = is_weekend(date) || holidays.iter().filter(|h| h.date == date).count() > 1;
        if !clashes {
            continue;
        }
        let mut next = date;
        while let Some(n) = next.succ_opt() {
            next = n;
            if !is_weekend(next) && !off.contains(&next) {
                off.insert(next);
                holidays.push(PublicHoliday { date: next, kind: SubstituteDay });
                break;
            }
        }
    }
    holidays.sort();
    holidays
}

/// A store's calendar over the given years: the law's days off in its jurisdiction, less the
/// days it works (its `working_days`: weekend days worked, and computed days a decree made
/// working), plus its own listed holidays. Its working days make weekend days working.
pub fn store_calendar(
    jurisdiction: Jurisdiction,
    years: std::ops::RangeInclusive<i32>,
    own_holidays: &[NaiveDate],
    working_days: &[NaiveDate],
) -> WorkingCalendar {
    let worked: BTreeSet<NaiveDate> = working_days.iter().copied().collect();
    let computed = years
        .flat_map(|year| public_holidays(jurisdiction, year))
        .map(|h| h.date)
        .filter(|d| !worked.contains(d));
    WorkingCalendar::new(computed.chain(own_holidays.iter().copied())).with_working_days(worked)
}

/// Whether the law makes `date` a day off in `jurisdiction`.
pub fn is_public_holiday(jurisdiction: Jurisdiction, date: NaiveDate) -> bool {
    public_holidays(jurisdiction, date.year()).iter().any(|h| h.date == date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn orthodox_easter_on_known_dates() {
        // 2000–2030, as the Orthodox churches publish them.
        let known = [
            "2000-04-30", "2001-04-15", "2002-05-05", "2003-04-27", "2004-04-11", "2005-05-01", "2006-04-23",
            "2007-04-08", "2008-04-27", "2009-04-19", "2010-04-04", "2011-04-24", "2012-04-15", "2013-05-05",
            "2014-04-20", "2015-04-12", "2016-05-01", "2017-04-16", "2018-04-08", "2019-04-28", "2020-04-19",
            "2021-05-02", "2022-04-24", "2023-04-16", "2024-05-05", "2025-04-20", "2026-04-12", "2027-05-02",
            "2028-04-16", "2029-04-08", "2030-04-28",
        ];
        for (year, date) in (2000..).zip(known) {
            assert_eq!(orthodox_easter(year), Some(d(date)), "{year}");
        }
    }

    #[test]
    fn orthodox_easter_across_centuries() {
        // The lag is 12 days in 1800–1899, 13 in 1900–2099 and 14 in 2100–2199.
        assert_eq!(orthodox_easter(1899), Some(d("1899-04-30")));
        assert_eq!(orthodox_easter(1900), Some(d("1900-04-22")));
        assert_eq!(orthodox_easter(2099), Some(d("2099-04-12")));
        assert_eq!(orthodox_easter(2100), Some(d("2100-05-02")));
    }

    #[test]
    fn bulgarian_holidays_on_a_day_off_give_the_next_working_day() {
        let days = |y| public_holidays(Jurisdiction::BG, y).into_iter().map(|h| h.date).collect::<Vec<_>>();
        // 2024: St George's Day on Easter Monday gives Tuesday 7 May.
        assert!(days(2024).contains(&d("2024-05-07")));
        // 2027: 1 May on Holy Saturday gives Tuesday 4 May (Easter Monday is already off);
        // 24–26 December on Friday to Sunday give Monday 27 and Tuesday 28.
        let y2027 = days(2027);
        assert!(y2027.contains(&d("2027-05-04")));
        assert!(y2027.contains(&d("2027-12-27")) && y2027.contains(&d("2027-12-28")));
        assert!(!y2027.contains(&d("2027-12-29")));
        // Easter itself gives nothing: Holy Saturday and Easter Sunday are weekend days anyway.
        assert!(!days(2026).contains(&d("2026-04-14")));
    }

    #[test]
    fn russian_january_holidays_are_not_moved_by_law() {
        let days = |y| public_holidays(Jurisdiction::RU, y).into_iter().map(|h| h.date).collect::<Vec<_>>();
        // 2026: 3–4 January are a Saturday and Sunday: nothing by law (the decree moved them).
        assert!(!days(2026).contains(&d("2026-01-09")));
        // 2026: Victory Day on a Saturday gives Monday 11 May.
        assert!(days(2026).contains(&d("2026-05-11")));
    }

    #[test]
    fn the_store_calendar_adds_its_days_and_works_its_working_days() {
        let cal = store_calendar(Jurisdiction::RU, 2025..=2025, &[d("2025-05-08")], &[d("2025-02-24"), d("2025-11-01")]);
        assert!(cal.is_working_day(d("2025-02-24")), "a substitute day the decree moved is worked");
        assert!(cal.is_working_day(d("2025-11-01")), "a working Saturday");
        assert!(!cal.is_working_day(d("2025-05-08")), "the store's own day off");
        assert!(!cal.is_working_day(d("2025-06-12")), "a computed holiday");
        assert!(cal.is_working_day(d("2025-12-29")));
        assert!(store_calendar(Jurisdiction::EU, 2025..=2026, &[], &[]).holidays().next().is_none());
    }

    proptest! {
        #[test]
        fn orthodox_easter_is_a_sunday_between_4_april_and_8_may(year in 1900i32..=2099) {
            let easter = orthodox_easter(year).unwrap();
            prop_assert_eq!(easter.weekday(), Weekday::Sun);
            prop_assert!(easter >= NaiveDate::from_ymd_opt(year, 4, 4).unwrap(), "{}", easter);
            prop_assert!(easter <= NaiveDate::from_ymd_opt(year, 5, 8).unwrap(), "{}", easter);
        }

        #[test]
        fn every_law_holiday_is_in_its_year_and_listed_once(year in 1900i32..=2099) {
            for j in [Jurisdiction::BG, Jurisdiction::GR, Jurisdiction::RU] {
                let days = public_holidays(j, year);
                let unique: BTreeSet<_> = days.iter().map(|h| h.date).collect();
                prop_assert!(days.iter().all(|h| h.date.year() == year || h.kind == HolidayKind::SubstituteDay));
                // BG 6 May on Easter Monday is one date for two feasts; otherwise one each.
                prop_assert!(unique.len() + 1 >= days.len());
            }
        }
    }
}
