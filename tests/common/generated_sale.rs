//! Generated sales for the money properties (`tests/tender_records.rs`, `tests/noreceipt.rs`):
//! a few lines with a receipt discount, paid by generated parts of some tender types, and the
//! receipt the store imports for one.

use proptest::prelude::*;
use returndesk::domain::{Money, TenderType};
use returndesk::store::SaleReceipt;
use serde_json::{json, Value};

/// A generated sale: its lines (qty, unit price in cents, category), a receipt discount in
/// percent of the net, and the weights of the tender types in what was paid.
#[derive(Clone, Debug)]
pub struct Sale {
    pub lines: Vec<(u32, i64, &'static str)>,
    pub discount_pct: i64,
    pub weights: Vec<(TenderType, i64)>,
}

/// Sales of 1..=`max_lines` lines (1–4 units of up to 30.00, accessories or apparel), paid by a
/// non-empty subset of `kinds` in generated parts.
pub fn sale(max_lines: usize, kinds: Vec<TenderType>) -> impl Strategy<Value = Sale> {
    let line = (1u32..=4, 1i64..=3_000, prop::sample::select(vec!["accessories", "apparel"]));
    let most = kinds.len();
    let weights = prop::sample::subsequence(kinds, 1..=most)
        .prop_flat_map(|kinds| {
            let n = kinds.len();
            (Just(kinds), prop::collection::vec(1i64..=100, n))
        })
        .prop_map(|(kinds, w)| kinds.into_iter().zip(w).collect::<Vec<_>>());
    (prop::collection::vec(line, 1..=max_lines), 0i64..=10, weights).prop_map(|(lines, discount_pct, weights)| Sale { lines, discount_pct, weights })
}

/// The sale as a receipt of S01 bought 2026-10-01 18:30, numbered `number`: the discount taken
/// off the net, the rest split by the weights (the last tender takes what is left).
pub fn receipt_of(sale: &Sale, number: &str) -> SaleReceipt {
    let lines: Vec<Value> = sale
        .lines
        .iter()
        .enumerate()
        .map(|(i, (qty, cents, category))| {
            json!({"line": i + 1, "sku": format!("SKU-{i}"), "name": format!("Item {i}"), "category": category, "brand": "Linka",
                   "qty": qty, "unit_price": Money::from_cents(*cents).to_string(), "discount": "0.00", "vat_rate": "20"})
        })
        .collect();
    let net: i64 = sale.lines.iter().map(|(q, c, _)| i64::from(*q) * c).sum();
    let discount = net * sale.discount_pct / 100;
    let paid = net - discount;
    let weight: i64 = sale.weights.iter().map(|(_, w)| w).sum();
    let mut left = paid;
    let mut tenders = Vec::new();
    for (i, (kind, w)) in sale.weights.iter().enumerate() {
        let amount = if i + 1 == sale.weights.len() { left } else { paid * w / weight };
        left -= amount;
        if amount > 0 {
            tenders.push(json!({"type": kind, "amount": Money::from_cents(amount).to_string()}));
        }
    }
    serde_json::from_value(json!({"number": number, "store": "S01", "purchased_at": "2026-10-01T18:30:00", "channel": "store",
        "currency": "EUR", "lines": lines, "receipt_discount": Money::from_cents(discount).to_string(), "tenders": tenders}))
    .unwrap()
}
