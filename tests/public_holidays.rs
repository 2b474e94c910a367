//! The public holidays the desk computes, against the official lists of Bulgaria, Greece and
//! Russia for 2024–2027 (`tests/fixtures/holidays/{bg,gr,ru}-YEAR.txt`, each with its source).
//! The law's days must match exactly; the days a government decreed for one year (transfers,
//! Greece's 1 May) are not computable, so the test lists them as the store's own days — extra
//! holidays and working days — and then the store's calendar must match the official one on
//! every day of the year.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
use returndesk::domain::holidays::{public_holidays, store_calendar};
use returndesk::domain::Jurisdiction;

struct Official {
    law: BTreeSet<NaiveDate>,
    law_worked: BTreeSet<NaiveDate>,
    decree: BTreeSet<NaiveDate>,
    worked: BTreeSet<NaiveDate>,
}

fn official(country: &str, year: i32) -> Official {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/holidays/{country}-{year}.txt"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.lines().any(|l| l.starts_with("# source:")), "{} names no source", path.display());
    let mut o = Official { law: BTreeSet::new(), law_worked: BTreeSet::new(), decree: BTreeSet::new(), worked: BTreeSet::new() };
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut words = line.split_whitespace();
        let date: NaiveDate = words.next().unwrap().parse().unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(date.year(), year, "{line}");
        let set = match words.next() {
            Some("law") => &mut o.law,
            Some("law-worked") => &mut o.law_worked,
            Some("decree") => &mut o.decree,
            Some("worked") => &mut o.worked,
            other => panic!("{}: unknown tag {other:?} in {line}", path.display()),
        };
        assert!(set.insert(date), "{line} twice");
    }
    o
}

fn check(jurisdiction: Jurisdiction, country: &str, year: i32) -> (usize, usize) {
    let o = official(country, year);
    // The law's days: computed exactly, no more, no fewer.
    let computed: BTreeSet<NaiveDate> = public_holidays(jurisdiction, year).into_iter().map(|h| h.date).collect();
    let law: BTreeSet<NaiveDate> = o.law.union(&o.law_worked).copied().collect();
    assert_eq!(
        computed,
        law,
        "{country} {year}: computed but not in the law's list: {:?}; in the list but not computed: {:?}",
        computed.difference(&law).collect::<Vec<_>>(),
        law.difference(&computed).collect::<Vec<_>>()
    );
    // The store lists the decree's days; its calendar then says what the official one says.
    let own: Vec<NaiveDate> = o.decree.iter().copied().collect();
    let working: Vec<NaiveDate> = o.worked.union(&o.law_worked).copied().collect();
    let calendar = store_calendar(jurisdiction, year..=year, &own, &working);
    let mut day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    let mut days_off = 0;
    while day.year() == year {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let off = (o.law.contains(&day) || o.decree.contains(&day) || weekend) && !o.worked.contains(&day) && !o.law_worked.contains(&day);
        assert_eq!(!calendar.is_working_day(day), off, "{country} {year}: {day} ({})", day.weekday());
        days_off += usize::from(off);
        day = day.succ_opt().unwrap();
    }
    (o.decree.len() + o.worked.len() + o.law_worked.len(), days_off)
}

#[test]
fn bulgaria_2024_to_2027_against_the_official_lists() {
    // (store-listed days, days off in the year: 104 Saturdays and Sundays and the weekday holidays)
    assert_eq!(check(Jurisdiction::BG, "bg", 2024), (0, 116));
    assert_eq!(check(Jurisdiction::BG, "bg", 2025), (1, 117));
    assert_eq!(check(Jurisdiction::BG, "bg", 2026), (1, 117), "248 working days, as published");
    assert_eq!(check(Jurisdiction::BG, "bg", 2027), (0, 116), "the law's days only: no decree yet");
}

#[test]
fn greece_2024_to_2027_against_the_official_lists() {
    assert_eq!(check(Jurisdiction::GR, "gr", 2024), (1, 115));
    assert_eq!(check(Jurisdiction::GR, "gr", 2025), (1, 116));
    assert_eq!(check(Jurisdiction::GR, "gr", 2026), (1, 114));
    assert_eq!(check(Jurisdiction::GR, "gr", 2027), (0, 112), "the law's days only: 1 May 2027 is Holy Saturday");
}

#[test]
fn russia_2024_to_2027_against_the_official_lists() {
    // 118 days off and 247 working days in 2025 and 2026, as the government published.
    assert_eq!(check(Jurisdiction::RU, "ru", 2024), (8, 118));
    assert_eq!(check(Jurisdiction::RU, "ru", 2025), (8, 118));
    assert_eq!(check(Jurisdiction::RU, "ru", 2026), (2, 118));
    assert_eq!(check(Jurisdiction::RU, "ru", 2027), (0, 116), "the law's days only: no decree yet");
}

#[test]
fn the_eu_computes_nothing() {
    for year in 2024..=2027 {
        assert!(public_holidays(Jurisdiction::EU, year).is_empty());
    }
}
