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

/// `2026-01-10` (en), `10.01.2026` (bg, ru), `10/01/2026` (el).
pub(crate) fn date(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => day.format("%Y-%m-%d").to_string(),
        Lang::Bg | Lang::Ru => day.format("%d.%m.%Y").to_string(),
        Lang::El => day.format("%d/%m/%Y").to_string(),
    }
}

/// Date and 24-hour time.
pub(crate) fn date_time(at: NaiveDateTime, lang: Lang) -> String {
    format!("{} {}", date(at.date(), lang), at.format("%H:%M"))
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
        assert_eq!(date(day, Lang::En), "2026-01-10");
        assert_eq!(date(day, Lang::Bg), "10.01.2026");
        assert_eq!(date(day, Lang::Ru), "10.01.2026");
        assert_eq!(date(day, Lang::El), "10/01/2026");
        assert_eq!(percent(d("20"), Lang::En), "20%");
        assert_eq!(percent(d("9.50"), Lang::Bg), "9,5%");
    }
}
