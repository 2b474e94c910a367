//! What each line was really paid, and what returning some of its units gives back.

use super::money::Money;
use super::receipt::{Quantity, Receipt};

/// `round(n / d)` half away from zero, for `d > 0`.
fn div_round_half_away(n: i128, d: i128) -> i128 {
    debug_assert!(d > 0);
    let q = (2 * n.abs() + d) / (2 * d);
    if n < 0 {
        -q
    } else {
        q
    }
}

/// The receipt discount split across lines by their net (qty × unit_price − discount), by
/// largest remainder in cents, ties to the earlier line. Returns each line's share, in the
/// receipt's line order.
pub fn receipt_discount_shares(receipt: &Receipt) -> Vec<Money> {
    let nets: Vec<i128> = receipt.lines.iter().map(|l| i128::from(l.net().cents())).collect();
    let total: i128 = nets.iter().sum();
    let discount = i128::from(receipt.receipt_discount.cents());
    if discount == 0 || total <= 0 {
        return vec![Money::ZERO; nets.len()];
    }
    let mut shares: Vec<i128> = nets.iter().map(|n| discount * n / total).collect();
    let mut left = discount - shares.iter().sum::<i128>();
    let mut by_remainder: Vec<usize> = (0..nets.len()).collect();
    // Largest remainder first; the sort is stable, so ties keep the earlier line first.
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(discount * nets[i] % total));
    for i in by_remainder {
        if left == 0 {
            break;
        }
        shares[i] += 1;
        left -= 1;
    }
    shares
        .into_iter()
        .map(|c| Money::from_cents(c as i64))
        .collect()
}

/// What each line was paid: its net less its share of the receipt discount, in line order.
pub fn paid_per_line(receipt: &Receipt) -> Vec<Money> {
    receipt
        .lines
        .iter()
        .zip(receipt_discount_shares(receipt))
        .map(|(line, share)| line.net() - share)
        .collect()
}

/// How a line's paid amount spreads over its units so that all returns of the line add up to
/// exactly what was paid: with P paid for Q units, `alloc(m) = round(P × m / Q)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitAllocation {
    paid: Money,
    units: Quantity,
}

impl UnitAllocation {
    pub fn new(paid: Money, units: Quantity) -> Self {
        UnitAllocation { paid, units }
    }

    /// What the first `m` units are worth.
    pub fn alloc(&self, m: u32) -> Money {
        let p = i128::from(self.paid.cents());
        let q = i128::from(self.units.get());
        Money::from_cents(div_round_half_away(p * i128::from(m), q) as i64)
    }

    /// Returning `k` units after `already` were returned refunds alloc(already + k) − alloc(already).
    pub fn refund_for(&self, already: u32, k: u32) -> Money {
        self.alloc(already + k) - self.alloc(already)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_division_is_half_away_from_zero() {
        assert_eq!(div_round_half_away(5, 2), 3);
        assert_eq!(div_round_half_away(-5, 2), -3);
        assert_eq!(div_round_half_away(4, 3), 1);
        assert_eq!(div_round_half_away(2, 3), 1);
    }

    #[test]
    fn units_telescope_to_the_line_total() {
        let a = UnitAllocation::new(Money::parse("26.47").unwrap(), Quantity::new(3).unwrap());
        let parts: Vec<String> = (0..3).map(|r| a.refund_for(r, 1).to_string()).collect();
        assert_eq!(parts, ["8.82", "8.83", "8.82"]);
        assert_eq!(a.refund_for(0, 3).to_string(), "26.47");
    }
}
