//! Money and dates the way each language writes them.
//!
//! Grouping spaces and the space before a currency sign are no-break spaces (U+00A0)
//! so that an amount never wraps across two lines.

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::{Decimal, RoundingStrategy};

use super::Lang;

pub(crate) const NBSP: char = '\u{a0}';

/// The printed sign of a currency code.
fn sign(currency: &str) -> &str {
    match currency {
        "EUR" => "€",
        "BGN" => "лв.",
        "RUB" => "₽",
        other => other,
    }
}

/// `€1,234.56` (en), `1 234,56 €` (bg, ru), `1.234,56 €` (el).
pub(crate) fn money(amount: Decimal, currency: &str, lang: Lang) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let digits = format!("{:.2}", rounded.abs());
    let (whole, cents) = digits.split_once('.').unwrap_or((&digits, "00"));
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        Lang::Bg | Lang::Ru => (NBSP, ','),
        Lang::El => ('.', ','),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let number = format!("{grouped}{point}{cents}");
    let minus = if negative { "−" } else { "" };
    let sign = match (lang, currency) {
        (Lang::En, "BGN") => "BGN",
        _ => sign(currency),
    };
    match lang {
        Lang::En if sign.chars().count() == 1 => format!("{minus}{sign}{number}"),
        Lang::En => format!("{minus}{sign}{NBSP}{number}"),
        _ => format!("{minus}{number}{NBSP}{sign}"),
    }
}

/// A day as the desk's screen shows it (the browser's medium date style of the language):
/// `10 Jan 2026` (en), `10.01.2026 г.` (bg), `10 янв. 2026 г.` (ru), `10 Ιαν 2026` (el).
pub(crate) fn date(day: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];
    const RU: [&str; 12] = ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."];
    const EL: [&str; 12] = ["Ιαν", "Φεβ", "Μαρ", "Απρ", "Μαΐ", "Ιουν", "Ιουλ", "Αυγ", "Σεπ", "Οκτ", "Νοε", "Δεκ"];
    let month = day.month0() as usize;
    let (d, y) = (day.day(), day.year());
    match lang {
        Lang::En => format!("{d}{NBSP}{}{NBSP}{y}", EN[month]),
        Lang::Bg => format!("{}{NBSP}г.", day.format("%d.%m.%Y")),
        Lang::Ru => format!("{d}{NBSP}{}{NBSP}{y}{NBSP}г.", RU[month]),
        Lang::El => format!("{d}{NBSP}{}{NBSP}{y}", EL[month]),
    }
}

/// Date and 24-hour time, in every language: `10 Jan 2026, 14:05`.
pub(crate) fn date_time(at: NaiveDateTime, lang: Lang) -> String {
    format!("{}, {}", date(at.date(), lang), at.format("%H:%M"))
}

/// A number of days, in the language's plural: `1 day`, `3 дня`, `5 дней`.
pub(crate) fn days(n: i64, lang: Lang) -> String {
    let word = match lang {
        Lang::En => if n == 1 { "day" } else { "days" },
        Lang::Bg => if n == 1 { "ден" } else { "дни" },
        Lang::Ru => match (n % 10, n % 100) {
            (1, r) if r != 11 => "день",
            (2..=4, r) if !(12..=14).contains(&r) => "дня",
            _ => "дней",
        },
        Lang::El => if n == 1 { "ημέρα" } else { "ημέρες" },
    };
    format!("{n}{NBSP}{word}")
}

/// A percentage such as a VAT rate: `20%`, `9,5%` in comma languages.
pub(crate) fn percent(rate: Decimal, lang: Lang) -> String {
    let text = rate.normalize().to_string();
    match lang {
        Lang::En => format!("{text}%"),
        _ => format!("{}%", text.replace('.', ",")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_per_language() {
        assert_eq!(money(d("1234.56"), "EUR", Lang::En), "€1,234.56");
        assert_eq!(money(d("1234.56"), "EUR", Lang::Bg), "1\u{a0}234,56\u{a0}€");
        assert_eq!(money(d("1234567.5"), "RUB", Lang::Ru), "1\u{a0}234\u{a0}567,50\u{a0}₽");
        assert_eq!(money(d("1234.56"), "EUR", Lang::El), "1.234,56\u{a0}€");
        assert_eq!(money(d("67.49"), "BGN", Lang::Bg), "67,49\u{a0}лв.");
        assert_eq!(money(d("67.49"), "BGN", Lang::En), "BGN\u{a0}67.49");
        assert_eq!(money(d("0.005"), "EUR", Lang::En), "€0.01");
        assert_eq!(money(d("-5"), "EUR", Lang::En), "−€5.00");
        assert_eq!(money(d("999"), "EUR", Lang::En), "€999.00");
    }

    #[test]
    fn dates_per_language() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        assert_eq!(date(day, Lang::En), "10\u{a0}Jan\u{a0}2026");
        assert_eq!(date(day, Lang::Bg), "10.01.2026\u{a0}г.");
        assert_eq!(date(day, Lang::Ru), "10\u{a0}янв.\u{a0}2026\u{a0}г.");
        assert_eq!(date(day, Lang::El), "10\u{a0}Ιαν\u{a0}2026");
        let at = day.and_hms_opt(15, 5, 0).unwrap();
        assert_eq!(date_time(at, Lang::El), "10\u{a0}Ιαν\u{a0}2026, 15:05");
        assert_eq!(days(1, Lang::Ru), "1\u{a0}день");
        assert_eq!(days(3, Lang::Ru), "3\u{a0}дня");
        assert_eq!(days(11, Lang::Ru), "11\u{a0}дней");
        assert_eq!(days(22, Lang::Ru), "22\u{a0}дня");
        assert_eq!(days(30, Lang::En), "30\u{a0}days");
        assert_eq!(percent(d("20"), Lang::En), "20%");
        assert_eq!(percent(d("9.50"), Lang::Bg), "9,5%");
    }
}
