//! What was sold: the receipt, its lines and how it was paid.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{de, Deserialize, Deserializer, Serialize};

use super::money::{Currency, Money, Percent};

/// A receipt line number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct LineNo(pub u32);

impl fmt::Display for LineNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A positive whole number of units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Quantity(u32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("quantity must be a positive whole number, got {0}")]
pub struct QuantityError(pub String);

impl Quantity {
    pub fn parse(text: &str) -> Result<Quantity, QuantityError> {
        match text.trim().parse::<u32>() {
            Ok(n) if n > 0 => Ok(Quantity(n)),
            _ => Err(QuantityError(text.to_string())),
        }
    }

    pub fn new(n: u32) -> Option<Quantity> {
        (n > 0).then_some(Quantity(n))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Units;
        impl de::Visitor<'_> for Units {
            type Value = Quantity;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a positive whole number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
                u32::try_from(v)
                    .ok()
                    .and_then(Quantity::new)
                    .ok_or_else(|| E::custom(QuantityError(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
                Err(E::custom(QuantityError(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
                if v.fract() == 0.0 && v >= 1.0 && v <= f64::from(u32::MAX) {
                    Ok(Quantity(v as u32))
                } else {
                    Err(E::custom(QuantityError(v.to_string())))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
                Err(E::custom(QuantityError(format!("\"{v}\" (a string)"))))
            }
        }
        d.deserialize_any(Units)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Store,
    Online,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TenderType {
    Card,
    Cash,
    GiftCard,
    StoreCredit,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Store => "store",
            Channel::Online => "online",
        }
    }
}

impl TenderType {
    pub const ALL: [TenderType; 4] = [
        TenderType::Card,
        TenderType::Cash,
        TenderType::GiftCard,
        TenderType::StoreCredit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TenderType::Card => "card",
            TenderType::Cash => "cash",
            TenderType::GiftCard => "gift_card",
            TenderType::StoreCredit => "store_credit",
        }
    }
}

impl fmt::Display for TenderType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tender {
    #[serde(rename = "type")]
    pub kind: TenderType,
    pub amount: Money,
    /// Card payments: the last four digits, for finding a receipt by card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_last4: Option<String>,
    /// Card payments: the payment terminal's token for the card (never the card number): the
    /// same card gives the same fingerprint, so a customer's returns can be counted (issue 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_fingerprint: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReceiptLine {
    pub line: LineNo,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub brand: String,
    pub qty: Quantity,
    pub unit_price: Money,
    /// The line's discount total.
    #[serde(default)]
    pub discount: Money,
    /// Percent; prices include VAT.
    pub vat_rate: Percent,
    /// Serial numbers of serial-tracked goods sold on this line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serials: Vec<String>,
}

impl ReceiptLine {
    /// qty × unit_price, before any discount.
    pub fn list_total(&self) -> Money {
        Money::round(self.unit_price.amount() * rust_decimal::Decimal::from(self.qty.get()))
    }

    /// qty × unit_price − discount (never negative on a valid receipt).
    pub fn net(&self) -> Money {
        self.list_total() - self.discount
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Receipt {
    pub number: String,
    /// Store-local wall time.
    pub purchased_at: NaiveDateTime,
    pub channel: Channel,
    /// Online orders: when the goods arrived (default: the purchase date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_on: Option<NaiveDate>,
    /// Online orders: whether the written information on returns was handed over at delivery.
    /// Without it the withdrawal period is longer (Directive 2011/83 art. 10, ЗоЗПП art. 26.1).
    #[serde(default = "handed_over", skip_serializing_if = "is_handed_over")]
    pub return_info_given: bool,
    pub currency: Currency,
    pub lines: Vec<ReceiptLine>,
    #[serde(default)]
    pub receipt_discount: Money,
    pub tenders: Vec<Tender>,
}

/// `return_info_given` when the receipt does not say: the information was handed over.
fn handed_over() -> bool {
    true
}

/// Left out when written as the default, so that a sale's JSON (and its content hash) is the
/// same as before the field existed.
fn is_handed_over(given: &bool) -> bool {
    *given
}

impl Receipt {
    pub fn purchase_date(&self) -> NaiveDate {
        self.purchased_at.date()
    }

    pub fn delivery_date(&self) -> NaiveDate {
        self.delivered_on.unwrap_or_else(|| self.purchase_date())
    }

    pub fn line(&self, line: LineNo) -> Option<&ReceiptLine> {
        self.lines.iter().find(|l| l.line == line)
    }

    pub fn line_index(&self, line: LineNo) -> Option<usize> {
        self.lines.iter().position(|l| l.line == line)
    }

    /// Σ line nets − receipt discount.
    pub fn amount_paid(&self) -> Money {
        self.lines.iter().map(ReceiptLine::net).sum::<Money>() - self.receipt_discount
    }

    pub fn paid_by(&self, kind: TenderType) -> Money {
        self.tenders
            .iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.amount)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_parse_as_positive_whole_numbers() {
        assert_eq!(Quantity::parse("3").unwrap().get(), 3);
        assert!(Quantity::parse("0").is_err());
        assert!(Quantity::parse("-1").is_err());
        assert!(Quantity::parse("1.5").is_err());
        let q: Result<Quantity, _> = serde_json::from_str("0");
        assert!(q.unwrap_err().to_string().contains("positive whole number"));
        let q: Result<Quantity, _> = serde_json::from_str("2.5");
        assert!(q.is_err());
        let q: Quantity = serde_json::from_str("2").unwrap();
        assert_eq!(q.get(), 2);
    }
}
