//! Money: exact decimals rounded half away from zero to the cent. Never a float.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// An amount of money in cents precision. Parsed amounts are never negative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("\"{0}\" is not a decimal amount like \"12.50\"")]
    NotANumber(String),
    #[error("{0} is negative")]
    Negative(String),
    #[error("{0} has more than two decimals")]
    TooPrecise(String),
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Round an exact amount half away from zero to the cent.
    pub fn round(amount: Decimal) -> Money {
        let mut d = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        d.rescale(2);
        Money(d)
    }

    /// Parse a non-negative decimal string with at most two decimals.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let d = Decimal::from_str(text.trim())
            .map_err(|_| MoneyError::NotANumber(text.to_string()))?;
        if d.is_sign_negative() && !d.is_zero() {
            return Err(MoneyError::Negative(text.to_string()));
        }
        if d.normalize().scale() > 2 {
            return Err(MoneyError::TooPrecise(text.to_string()));
        }
        Ok(Money::round(d.abs()))
    }

    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// The amount in cents (exact: a `Money` always has two decimals).
    pub fn cents(self) -> i64 {
        let mut d = self.0;
        d.rescale(2);
        i64::try_from(d.mantissa()).expect("amount fits in i64 cents")
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }

    /// `round(self × pct / 100)`.
    pub fn percent(self, pct: Percent) -> Money {
        Money::round(self.0 * pct.0 / Decimal::ONE_HUNDRED)
    }

    /// The VAT contained in a VAT-inclusive amount: `round(self × rate / (100 + rate))`.
    pub fn vat_contained(self, rate: Percent) -> Money {
        Money::round(self.0 * rate.0 / (Decimal::ONE_HUNDRED + rate.0))
    }

    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = self.0;
        d.rescale(2);
        write!(f, "{d}")
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = decimal_text(d, "an amount")?;
        Money::parse(&text).map_err(de::Error::custom)
    }
}

/// Accept a JSON string (the contract's form) or a plain JSON number for decimals.
fn decimal_text<'de, D: Deserializer<'de>>(d: D, what: &'static str) -> Result<String, D::Error> {
    struct Text(&'static str);
    impl de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "{} as a decimal string", self.0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(Text(what))
}

/// A percentage such as a VAT rate or a restocking fee, from 0 to 100.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(Decimal);

impl Percent {
    pub const ZERO: Percent = Percent(Decimal::ZERO);

    pub fn parse(text: &str) -> Result<Percent, String> {
        let d = Decimal::from_str(text.trim())
            .map_err(|_| format!("\"{text}\" is not a percentage like \"20\""))?;
        if d.is_sign_negative() && !d.is_zero() {
            return Err(format!("{text} is negative"));
        }
        if d > Decimal::ONE_HUNDRED {
            return Err(format!("{text} is above 100 percent"));
        }
        Ok(Percent(d.normalize()))
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = decimal_text(d, "a percentage")?;
        Percent::parse(&text).map_err(de::Error::custom)
    }
}

/// Currencies refunds are paid and receipts are kept in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Currency {
    EUR,
    BGN,
    RUB,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::EUR => "EUR",
            Currency::BGN => "BGN",
            Currency::RUB => "RUB",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The fixed rate of the euro changeover in Bulgaria (1 January 2026): 1 EUR = 1.95583 BGN.
pub const BGN_PER_EUR: Decimal = Decimal::from_parts(195583, 0, 0, false, 5);

/// Converts receipt-currency amounts into the currency refunds are paid in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    Same,
    BgnToEur,
}

impl Conversion {
    /// Only equal currencies and BGN → EUR convert.
    pub fn between(from: Currency, to: Currency) -> Option<Conversion> {
        match (from, to) {
            (a, b) if a == b => Some(Conversion::Same),
            (Currency::BGN, Currency::EUR) => Some(Conversion::BgnToEur),
            _ => None,
        }
    }

    /// The receipt-currency amount a payout corresponds to (for the refund history).
    pub fn back(self, amount: Money) -> Money {
        match self {
            Conversion::Same => amount,
            Conversion::BgnToEur => Money::round(amount.amount() * BGN_PER_EUR),
        }
    }

    pub fn apply(self, amount: Money) -> Money {
        match self {
            Conversion::Same => amount,
            Conversion::BgnToEur => Money::round(amount.amount() / BGN_PER_EUR),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(Money::round(Decimal::new(2985, 3)).to_string(), "2.99");
        assert_eq!(Money::round(Decimal::new(-2985, 3)).to_string(), "-2.99");
        assert_eq!(Money::round(Decimal::new(2984, 3)).to_string(), "2.98");
    }

    #[test]
    fn parses_and_prints_two_decimals() {
        assert_eq!(m("7490").to_string(), "7490.00");
        assert_eq!(m("0.1").to_string(), "0.10");
        assert_eq!(m("12.30").cents(), 1230);
        assert!(matches!(Money::parse("-1.00"), Err(MoneyError::Negative(_))));
        assert!(matches!(Money::parse("1.005"), Err(MoneyError::TooPrecise(_))));
        assert!(matches!(Money::parse("abc"), Err(MoneyError::NotANumber(_))));
    }

    #[test]
    fn fee_and_vat() {
        assert_eq!(m("19.90").percent(Percent::parse("12.5").unwrap()).to_string(), "2.49");
        assert_eq!(m("8.82").vat_contained(Percent::parse("20").unwrap()).to_string(), "1.47");
    }

    #[test]
    fn leva_convert_at_the_fixed_rate() {
        let c = Conversion::between(Currency::BGN, Currency::EUR).unwrap();
        assert_eq!(c.apply(m("67.49")).to_string(), "34.51");
        assert_eq!(c.apply(m("1.96")).to_string(), "1.00");
        assert!(Conversion::between(Currency::RUB, Currency::EUR).is_none());
        assert!(Conversion::between(Currency::EUR, Currency::BGN).is_none());
    }
}
