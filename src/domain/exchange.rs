//! An exchange (issue 14): the returned items' value V goes towards new items priced N. What
//! the new items take over of V is moved from the original receipt's tenders, walked in the
//! tender order like a refund (so a later return of a new item pays back to where the money
//! came from, and the original tenders cannot give it back twice); V − N, when positive, is
//! paid back to the customer by the refund rules; N − V, when positive, is due at the desk.

use super::money::{Conversion, Money};
use super::receipt::TenderType;
use super::tender::{PayoutType, TenderAllocation, TenderPayout};

/// How an exchange's money goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeSplit {
    /// What goes back to the customer (V − N when positive), per tender, in the store currency.
    pub refund: Vec<TenderPayout>,
    /// What the new receipt takes over (min(V, N)), per original tender, in the store currency.
    pub moved: Vec<TenderPayout>,
    /// What the customer pays at the desk (N − V when positive).
    pub due: Money,
}

impl ExchangeSplit {
    pub fn moved_total(&self) -> Money {
        self.moved.iter().map(|p| p.amount).sum()
    }
    pub fn refund_total(&self) -> Money {
        self.refund.iter().map(|p| p.amount).sum()
    }
}

/// The tender a moved payout came from (store credit when the receipt had nothing left on any tender).
pub fn moved_tender(p: &TenderPayout) -> TenderType {
    p.kind.tender().unwrap_or(TenderType::StoreCredit)
}

/// Splits the returned value `returned` (V) against the new items' `new_total` (N).
/// `available(t)` is what tender `t` of the original receipt can still give back, in the
/// receipt's currency; `refund_to_store_credit`: the store's policy pays refunds as store
/// credit. The refund part is walked first (it is the customer's money going back the way a
/// refund would), the moved part over what the tenders have left after it.
pub fn split(
    returned: Money,
    new_total: Money,
    order: &[TenderType],
    conversion: Conversion,
    refund_to_store_credit: bool,
    available: impl Fn(TenderType) -> Money,
) -> ExchangeSplit {
    let walk = TenderAllocation { order, conversion };
    let back = (returned - new_total).max(Money::ZERO);
    let moved_total = returned.min(new_total).max(Money::ZERO);
    let due = (new_total - returned).max(Money::ZERO);
    let refund = if refund_to_store_credit && back.is_positive() {
        vec![TenderPayout { kind: PayoutType::StoreCredit, amount: back }]
    } else {
        walk.allocate(back, &available)
    };
    let taken = |t: TenderType| -> Money {
        refund
            .iter()
            .filter(|p| p.kind.tender() == Some(t))
            .map(|p| conversion.back(p.amount))
            .sum()
    };
    let moved = walk.allocate(moved_total, |t| (available(t) - taken(t)).max(Money::ZERO));
    ExchangeSplit { refund, moved, due }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    const ORDER: [TenderType; 4] = [TenderType::Card, TenderType::Cash, TenderType::GiftCard, TenderType::StoreCredit];

    /// A receipt paid 60.00 card and 40.00 cash.
    fn card_and_cash(t: TenderType) -> Money {
        match t {
            TenderType::Card => m(6000),
            TenderType::Cash => m(4000),
            _ => Money::ZERO,
        }
    }

    #[test]
    fn a_dearer_item_moves_the_whole_value_and_leaves_the_rest_due() {
        let s = split(m(8000), m(9500), &ORDER, Conversion::Same, false, card_and_cash);
        assert_eq!(s.refund, vec![]);
        assert_eq!(
            s.moved,
            vec![
                TenderPayout { kind: PayoutType::Card, amount: m(6000) },
                TenderPayout { kind: PayoutType::Cash, amount: m(2000) }
            ]
        );
        assert_eq!(s.due, m(1500));
    }

    #[test]
    fn a_cheaper_item_pays_the_difference_back_first_and_moves_the_rest() {
        let s = split(m(8000), m(3000), &ORDER, Conversion::Same, false, card_and_cash);
        assert_eq!(s.refund, vec![TenderPayout { kind: PayoutType::Card, amount: m(5000) }]);
        assert_eq!(
            s.moved,
            vec![
                TenderPayout { kind: PayoutType::Card, amount: m(1000) },
                TenderPayout { kind: PayoutType::Cash, amount: m(2000) }
            ]
        );
        assert_eq!(s.due, Money::ZERO);
        assert_eq!(s.refund_total() + s.moved_total(), m(8000));
    }

    #[test]
    fn a_store_paying_store_credit_gives_the_difference_as_credit_and_moves_from_the_tenders() {
        let s = split(m(8000), m(3000), &ORDER, Conversion::Same, true, card_and_cash);
        assert_eq!(s.refund, vec![TenderPayout { kind: PayoutType::StoreCredit, amount: m(5000) }]);
        assert_eq!(s.moved, vec![TenderPayout { kind: PayoutType::Card, amount: m(3000) }]);
    }

    #[test]
    fn leva_move_in_euro_and_count_back_in_leva() {
        // 195.583 BGN paid by card = 100.00 EUR.
        let s = split(m(10000), m(10000), &ORDER, Conversion::BgnToEur, false, |t| {
            if t == TenderType::Card { m(19558) } else { Money::ZERO }
        });
        assert_eq!(s.moved, vec![TenderPayout { kind: PayoutType::Card, amount: m(10000) }]);
        assert_eq!(moved_tender(&s.moved[0]), TenderType::Card);
    }
}
